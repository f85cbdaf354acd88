// Which campaign a formula argument names: its id, its name, or one of its utm_campaign values.
import { indexUtms, normalizeUtm } from '../engine/resolve';
import { formatMessage, LANGUAGES } from '../messages';
import { NO_CAMPAIGN_ID } from '../report/report-data';
import type { FormulaFacts } from './facts';

const loose = (text: string) => text.trim().toLowerCase();

/** What finding a campaign needs of the facts: the campaigns' ids, names and utm values (a Campaigns sheet has them too). */
export interface CampaignNames {
  campaigns: ReadonlyArray<Pick<FormulaFacts['campaigns'][number], 'id' | 'name' | 'utm' | 'formerUtm'>>;
}

// A sheet looks up many cells against the same facts: each facts' utm index is built once.
const utmIndexes = new WeakMap<CampaignNames, Map<string, number>>();

/** The engine's utm index (resolve.ts) over the facts' campaigns: a value shared by campaigns is the first one's. */
function utmIndexOf(facts: CampaignNames): Map<string, number> {
  let index = utmIndexes.get(facts);
  if (!index) {
    index = indexUtms(facts.campaigns.map((c) => ({ utmCampaign: c.utm, formerUtmCampaigns: c.formerUtm })));
    utmIndexes.set(facts, index);
  }
  return index;
}

/**
 * The campaign index (facts.campaigns.length for "(no campaign)", or "(geen campagne)"); null when nothing
 * matches; the ids of the campaigns it could be when it names several alike (a name used again a year later:
 * guessing would show one campaign's figures for the other's). Tried in this order: the exact id, the id
 * ignoring case and outer spaces, the name likewise; then a utm_campaign value, current or former, as the engine
 * resolves a visit tagged with it (a value two campaigns share is the first one's, attribution-models.md §7).
 */
/**
 * Whether `text` names "(no campaign)": its id, or its name in any language (reports, error messages and
 * ATTRIBUTION_TABLE show it in the user's), ignoring case and outer spaces.
 */
export function namesNoCampaign(text: string): boolean {
  const key = loose(text);
  return [NO_CAMPAIGN_ID, ...LANGUAGES.map((lang) => formatMessage('report.no_campaign', {}, lang))].some((name) => loose(name) === key);
}

export function findCampaign(facts: CampaignNames, text: string): number | null | { ambiguous: string[] } {
  const { campaigns } = facts;
  const key = loose(text);
  if (key === '') return null;
  if (namesNoCampaign(text)) return campaigns.length;
  const tries: Array<(c: CampaignNames['campaigns'][number]) => boolean> = [
    (c) => c.id === text,
    (c) => loose(c.id) === key,
    (c) => loose(c.name) === key,
  ];
  for (const matches of tries) {
    const found = campaigns.flatMap((c, i) => (matches(c) ? [i] : []));
    if (found.length === 1) return found[0];
    if (found.length > 1) return { ambiguous: found.map((i) => campaigns[i].id) };
  }
  return utmIndexOf(facts).get(normalizeUtm(text)) ?? null;
}

/**
 * The utm_campaign value a tracking link for `text` should carry: the current value of the campaign `text`
 * names, found as every formula finds it (id, name, then a utm value; findCampaign), so that the link's visits
 * count for that campaign; `text` as typed when it names none (a value for a campaign still to be added).
 * `{ campaign }` when the campaign it names has no utm_campaign to tag with; `{ ambiguous }` when it names several.
 */
export function trackingUtmOf(facts: CampaignNames, text: string): { utm: string } | { campaign: string } | { ambiguous: string[] } {
  const found = findCampaign(facts, text);
  if (typeof found === 'object' && found !== null) return { ambiguous: found.ambiguous };
  if (found === null || found >= facts.campaigns.length) return { utm: text };
  const { utm, name } = facts.campaigns[found];
  return utm === null || utm.trim() === '' ? { campaign: name } : { utm };
}
