// Data health: the source FAQ's "why doesn't my asset or URL show up?", answered for every asset link and
// utm value that counts for nothing, with the reason (attribution-models.md §1 and §7 give the rules).
import type { MessageId } from '../messages';
import type { Problem } from '../types';
import type { Analysis } from './analysis';
import { SHOWN_ONLY_WHEN_VISITED } from './assets';
import { normalizeUtm } from './resolve';
import { hasScheme, normalizeUrl } from './urls';

export interface HealthFinding {
  kind: 'asset' | 'utm';
  /** Asset id, or the utm_campaign value as typed on its first visit. */
  id: string;
  assetType: string | null;
  /** The campaign the asset link names (for a moved link: the campaign it was taken from). */
  campaignId: string | null;
  reasonId: MessageId;
  params: Record<string, string | number>;
  /** Interactions that matched the asset or utm value, at any date. */
  interactions: number;
}


export function dataHealth(analysis: Analysis, problems: readonly Problem[]): HealthFinding[] {
  const { workbook, resolution, campaignIndex, campaigns } = analysis;
  const { visits } = workbook;
  const { time } = analysis.columns;
  const { assetOf } = resolution;
  // Per asset number (CampaignIndex.assetIds): how many visits matched it, the latest by time, and the
  // campaigns those visits counted for.
  const assetCount = campaignIndex.assetIds.length;
  const matched = new Int32Array(assetCount);
  const latestMatch = new Float64Array(assetCount).fill(-Infinity);
  const countedFor = new Uint8Array(assetCount * campaigns.length);
  /** Per utm_campaign value (normalised) of visits matching no asset: as typed on the first, how many, whether any counted. */
  const byUtm = new Map<string, { value: string; count: number; counted: boolean }>();
  // The same few utm values repeat on every row: each distinct one is normalised once.
  const utmKeys = new Map<string, string>();
  for (let v = 0; v < visits.length; v++) {
    const a = assetOf[v];
    if (a >= 0) {
      matched[a]++;
      if (time[v] > latestMatch[a]) latestMatch[a] = time[v];
      const counted = resolution.campaignsOf[v];
      for (let j = 0; j < counted.length; j++) countedFor[a * campaigns.length + counted[j]] = 1;
      continue;
    }
    const utm = visits[v].utm.campaign;
    if (!utm) continue;
    let key = utmKeys.get(utm);
    if (key === undefined) utmKeys.set(utm, (key = normalizeUtm(utm)));
    if (!key) continue;
    let entry = byUtm.get(key);
    if (!entry) byUtm.set(key, (entry = { value: utm.trim(), count: 0, counted: false }));
    entry.count++;
    if (resolution.campaignsOf[v].length > 0) entry.counted = true;
  }
  const winners = new Set(workbook.assets.filter((a) => a.abGroup !== null && a.abWinner).map((a) => a.abGroup));
  let incomplete: Map<string, { url: string; count: number }> | undefined;

  const findings: HealthFinding[] = [];
  for (const link of workbook.assets) {
    const c = campaignIndex.byId.get(link.campaignId);
    if (c === undefined) continue;
    const campaign = campaigns[c];
    const a = campaignIndex.assetNumber.get(link.id)!;
    if (countedFor[a * campaigns.length + c]) continue;
    const seen = matched[a];
    // The latest by time, not by sheet row: the reason is about when the interactions happened.
    const latest = seen > 0 ? latestMatch[a] : null;
    let reasonId: MessageId;
    const params: Record<string, string> = { campaign: campaign.name };
    const visitedIncompletely = latest === null && link.url !== null && hasScheme(link.url)
      ? incompleteMatch((incomplete ??= incompleteVisitUrls(analysis)), link.url) : undefined;
    // An address is one asset's (§7: the first in sheet order), compared without its query: a tracking URL
    // (the page with utm parameters) and its page have one address, and only one of them gets its visits.
    const holder = link.url === null ? undefined : campaignIndex.assetIdByUrl.get(normalizeUrl(link.url));
    if (seen === 0 && holder !== undefined && holder !== link.id) {
      reasonId = 'health.url_taken';
      params.asset = holder;
    } else if (link.abGroup !== null && !link.abWinner) reasonId = winners.has(link.abGroup) ? 'health.losing_variant' : 'health.no_winner';
    else if (link.type === 'social_post' && (link.publishedAt === null || (latest !== null && latest < link.publishedAt))) reasonId = 'health.not_published';
    else if (latest === null && link.url !== null && !hasScheme(link.url)) {
      // URLs compare whole (§7): "www.example.com/lp" matches no visit to "https://www.example.com/lp". Before the
      // tracking URL's "shows once visited": the scheme is why it never was.
      reasonId = 'health.url_without_scheme';
      params.url = link.url.trim().replace(/^\/\//, '');
    } else if (visitedIncompletely !== undefined) {
      // The other way round: the visits have the incomplete address ("/lp/spring", a page path as GA4 exports it).
      reasonId = 'health.visit_urls_incomplete';
      Object.assign(params, { url: visitedIncompletely.url, count: String(visitedIncompletely.count) });
    } else if (SHOWN_ONLY_WHEN_VISITED.has(link.type) && (latest === null || latest < campaign.createdAt)) reasonId = 'health.not_visited_after_creation';
    else if (latest === null) reasonId = 'health.no_interactions';
    else if (latest < campaign.createdAt) reasonId = 'health.before_campaign_created';
    else reasonId = 'health.before_association';
    findings.push({
      kind: 'asset', id: link.id, assetType: link.type, campaignId: link.campaignId, reasonId, params, interactions: seen,
    });
  }

  // Links that ingest took away because the asset moved to another campaign (§7: the later link wins).
  for (const p of problems) {
    if (p.messageId !== 'ingest.asset_moved') continue;
    const to = campaignIndex.byId.get(String(p.params.campaign));
    const a = campaignIndex.assetNumber.get(String(p.params.id));
    findings.push({
      // The asset's type: its link that stands (one id is one asset, whichever campaign names it).
      kind: 'asset', id: String(p.params.id), assetType: a === undefined ? null : campaignIndex.linksOf[a][0].asset.type,
      campaignId: p.params.from === undefined ? null : String(p.params.from),
      reasonId: 'health.moved', params: { campaign: to === undefined ? String(p.params.campaign) : campaigns[to].name },
      interactions: a === undefined ? 0 : matched[a],
    });
  }

  for (const [key, { value, count, counted }] of [...byUtm].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const c = campaignIndex.byUtm.get(key);
    if (c !== undefined && counted) continue;
    findings.push({
      kind: 'utm', id: value, assetType: null, campaignId: c === undefined ? null : campaigns[c].id,
      reasonId: c === undefined ? 'health.utm_unknown' : 'health.before_campaign_created',
      params: { campaign: c === undefined ? '' : campaigns[c].name }, interactions: count,
    });
  }
  return findings;
}

/**
 * Visit addresses without a scheme, by their compared form ("www.ex.com/lp", or "/lp" for a bare path), with one
 * as written and how many visits have it: they match no asset written in full (§7 compares URLs whole).
 */
function incompleteVisitUrls(analysis: Analysis): Map<string, { url: string; count: number }> {
  const found = new Map<string, { url: string; count: number }>();
  analysis.workbook.visits.forEach((visit, v) => {
    if (visit.url === null || analysis.resolution.assetIdOf[v] !== null || hasScheme(visit.url)) return;
    const key = normalizeUrl(visit.url);
    const entry = found.get(key);
    if (entry) entry.count++;
    else found.set(key, { url: visit.url.trim(), count: 1 });
  });
  return found;
}

/** The incomplete visit address that a full asset URL would have matched: its host and path, or its path alone. */
function incompleteMatch(incomplete: Map<string, { url: string; count: number }>, assetUrl: string): { url: string; count: number } | undefined {
  const full = normalizeUrl(assetUrl);
  const hostAndPath = full.replace(/^[a-z][a-z0-9+.-]*:\/\//, '');
  if (hostAndPath === full) return undefined;
  const slash = hostAndPath.indexOf('/');
  // Both forms count ("www.ex.com/lp" and "/lp"): the example is the first found.
  const found = [incomplete.get(hostAndPath), slash < 0 ? undefined : incomplete.get(hostAndPath.slice(slash))].filter((f) => f !== undefined);
  return found.length === 0 ? undefined : { url: found[0].url, count: found.reduce((sum, f) => sum + f.count, 0) };
}
