// Which campaign a formula argument names: its id, its name, or one of its utm_campaign values.
import { normalizeUtm } from '../engine/resolve';
import { formatMessage, LANGUAGES } from '../messages';
import { NO_CAMPAIGN_ID } from '../report/report-data';
import type { FormulaFacts } from './facts';

const loose = (text: string) => text.trim().toLowerCase();

/**
 * The campaign index (facts.campaigns.length for "(no campaign)", or "(geen campagne)"), or null when nothing matches.
 * Tried in this order, each over all campaigns in sheet order so the first campaign wins a tie (as for
 * duplicate utm values, attribution-models.md §7): the exact id, the id ignoring case and outer spaces,
 * the name likewise, the current utm_campaign value, a former one.
 */
export function findCampaign(facts: FormulaFacts, text: string): number | null {
  const { campaigns } = facts;
  const key = loose(text);
  if (key === '') return null;
  // Error messages and ATTRIBUTION_TABLE name it in the spreadsheet's language: its name in any language works.
  const noCampaign = [NO_CAMPAIGN_ID, ...LANGUAGES.map((lang) => formatMessage('report.no_campaign', {}, lang))];
  if (noCampaign.some((name) => loose(name) === key)) return campaigns.length;
  const tries: Array<(c: FormulaFacts['campaigns'][number]) => boolean> = [
    (c) => c.id === text,
    (c) => loose(c.id) === key,
    (c) => loose(c.name) === key,
    (c) => c.utm !== null && normalizeUtm(c.utm) === key,
    (c) => c.formerUtm.some((utm) => normalizeUtm(utm) === key),
  ];
  for (const matches of tries) {
    const i = campaigns.findIndex(matches);
    if (i >= 0) return i;
  }
  return null;
}
