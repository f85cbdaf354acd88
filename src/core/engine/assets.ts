// The asset sections of the campaign page (product.md "Asset reports", cli.md asset `metrics` keys).
// They show each asset's full history in the range, whether or not the visit counted for the campaign.
import { type Asset, type AssetType, INTERACTION_TYPES } from '../types';
import { firstPageViewBy, type Analysis } from './analysis';
import { TYPE_INDEX } from './journeys';
import { inRangeOf, type Range } from './ledger-views';
import { socialNetworkOf } from './sources';
import { hostOf, normalizeUrl, socialNetworkOfHost } from './urls';

/** Which metrics each asset type reports, in display order (cli.md lists them for the main types). */
export const ASSET_METRICS = {
  landing_page: ['views', 'sessions', 'new_contacts', 'form_submissions'],
  website_page: ['views', 'sessions', 'new_contacts', 'form_submissions'],
  blog_post: ['views', 'sessions', 'new_contacts', 'form_submissions'],
  email: ['sent', 'delivered', 'opens', 'clicks', 'winner'],
  social_post: ['clicks', 'network'],
  cta: ['clicks', 'views', 'click_rate'],
  ad: ['clicks', 'contacts'],
  paid_search: ['clicks', 'contacts'],
  tracking_url: ['visits', 'contacts'],
  form: ['submissions', 'new_contacts'],
  workflow: ['enrollments', 'contacts'],
  static_list: ['memberships', 'contacts'],
  marketing_event: ['attendees', 'contacts'],
  other: ['interactions', 'contacts'],
} as const satisfies Record<AssetType, readonly string[]>;

export type AssetMetricKey = (typeof ASSET_METRICS)[AssetType][number];
export type AssetMetricValue = number | string | boolean | null;

export interface AssetReport {
  asset: Asset;
  metrics: Partial<Record<AssetMetricKey, AssetMetricValue>>;
  /** Paid search only: clicks per utm_term (the keyword drill-down). */
  terms: Array<{ term: string; clicks: number }>;
}

/** Asset types that appear only once visited at least once after their campaign was created (product.md). */
export const SHOWN_ONLY_WHEN_VISITED: ReadonlySet<AssetType> = new Set(['tracking_url', 'paid_search']);

/** Raw counters per asset id over the range; the asset's type picks which of them it reports. */
interface Counters {
  views: number;
  /** Submissions of the asset as a form (its own rows). */
  formSubmissions: number;
  /** Form submissions made on the asset as a page: on its URL, else naming it. */
  pageSubmissions: number;
  opens: number;
  clicks: number;
  interactions: number;
  enrollments: number;
  memberships: number;
  attendees: number;
  /** Distinct sessions with a page view of the asset, and distinct contacts with an interaction with it. */
  sessions: number;
  contacts: number;
  /** The session and contact counted last (countDistinct), -1 before the first. */
  lastSession: number;
  lastContact: number;
  newContactsByPage: number;
  newContactsByForm: number;
  terms: Map<string, number>;
  /** Per network, its visits and the interaction-order rank of the first (§1), which settles a tie. */
  networks: Map<string, { visits: number; first: number }>;
}

const emptyCounters = (): Counters => ({
  views: 0, formSubmissions: 0, pageSubmissions: 0, opens: 0, clicks: 0, interactions: 0, enrollments: 0, memberships: 0, attendees: 0,
  sessions: 0, contacts: 0, lastSession: -1, lastContact: -1, newContactsByPage: 0, newContactsByForm: 0, terms: new Map(), networks: new Map(),
});

const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

/**
 * Asset reports for the given asset links, counted over visits and creations in [from, to]. Tracking URLs and
 * paid search are left out until visited after their campaign was created, social posts until published (by `to`).
 */
export function assetReports(analysis: Analysis, links: readonly Asset[], range: Range): AssetReport[] {
  const inRange = inRangeOf(range);
  const { workbook, contacts } = analysis;
  const { visits } = workbook;
  // Counted per asset number (CampaignIndex.assetIds), for the wanted assets only.
  const { assetNumber } = analysis.campaignIndex;
  const assetCount = analysis.campaignIndex.assetIds.length;
  const wanted = new Uint8Array(assetCount);
  const socialPost = new Uint8Array(assetCount);
  /** Per asset shown only once visited, its latest visit by `to`, whether in range or not (NaN: not tracked). */
  const lastVisit = new Float64Array(assetCount).fill(NaN);
  for (const link of links) {
    const a = assetNumber.get(link.id);
    if (a === undefined) continue;
    wanted[a] = 1;
    if (link.type === 'social_post') socialPost[a] = 1;
    if (SHOWN_ONLY_WHEN_VISITED.has(link.type)) lastVisit[a] = -Infinity;
  }
  const counters: Array<Counters | undefined> = new Array(assetCount);
  const of = (a: number) => (counters[a] ??= emptyCounters());
  // Form rows name the form (rule 1 gives them to it); the page they were sent from is their URL's asset.
  const pageOfUrl = new Map<string, number>();
  const pageOf = (url: string) => {
    let page = pageOfUrl.get(url);
    if (page === undefined) {
      const id = analysis.campaignIndex.assetIdByUrl.get(normalizeUrl(url));
      pageOfUrl.set(url, (page = id === undefined ? -1 : assetNumber.get(id)!));
    }
    return page;
  };
  // Time and type come from the columns: a visit's row is read only for what they lack (its URL, utm_term, referrer).
  const { time, type } = analysis.columns;
  const { assetOf } = analysis.resolution;
  for (let v = 0; v < time.length; v++) {
    const a = assetOf[v];
    const t = time[v];
    const interaction = INTERACTION_TYPES[type[v]];
    if (interaction === 'form_submission' && inRange(t)) {
      const { url } = visits[v];
      const page = (url === null ? -1 : pageOf(url));
      const submitted = page >= 0 ? page : a;
      if (submitted >= 0 && wanted[submitted]) of(submitted).pageSubmissions++;
    }
    if (a < 0 || !wanted[a] || t > range.to) continue;
    if (t > lastVisit[a]) lastVisit[a] = t;
    if (!inRange(t)) continue;
    const c = of(a);
    c.interactions++;
    switch (interaction) {
      case 'page_view':
        c.views++;
        break;
      case 'form_submission':
        c.formSubmissions++;
        break;
      case 'email_open':
        c.opens++;
        break;
      case 'workflow_enrollment':
        c.enrollments++;
        break;
      case 'list_membership':
        c.memberships++;
        break;
      case 'marketing_event':
        c.attendees++;
        break;
      case 'email_click':
      case 'cta_click':
      case 'social_click':
      case 'ad_click':
        c.clicks++;
        bump(c.terms, visits[v].utm.term?.trim().toLowerCase() || '(not set)');
        break;
    }
    // The network of a social visit: its referrer's host or its utm_source (product.md).
    if (socialPost[a]) {
      const network = socialNetworkOf(visits[v]);
      const seen = network ? c.networks.get(network) : undefined;
      if (seen) {
        seen.visits++;
        seen.first = Math.min(seen.first, analysis.rank[v]);
      } else if (network) {
        c.networks.set(network, { visits: 1, first: analysis.rank[v] });
      }
    }
  }
  countDistinct(analysis, range, counters);

  // New contacts: created in range with this page as the journey's first page view, or whose creating
  // interaction (§7) is a submission of this form.
  contacts.createdAt.forEach((created, i) => {
    if (Number.isNaN(created) || !inRange(created)) return;
    const firstView = firstPageViewBy(analysis, i, range.to);
    const page = firstView >= 0 ? assetOf[firstView] : -1;
    if (page >= 0 && wanted[page]) of(page).newContactsByPage++;
    const creating = analysis.creatingVisit[i];
    const form = creating >= 0 && type[creating] === TYPE_INDEX.form_submission ? assetOf[creating] : -1;
    if (form >= 0 && wanted[form]) of(form).newContactsByForm++;
  });

  const shown = (asset: Asset) => {
    // Social posts appear only once published (product.md), by `to` like everything else.
    if (asset.type === 'social_post') return asset.publishedAt !== null && asset.publishedAt <= range.to;
    if (!SHOWN_ONLY_WHEN_VISITED.has(asset.type)) return true;
    const campaign = analysis.campaignIndex.byId.get(asset.campaignId);
    const a = assetNumber.get(asset.id);
    return campaign !== undefined && a !== undefined && lastVisit[a] >= analysis.campaigns[campaign].createdAt;
  };
  return links.filter(shown).map((asset) => {
    const a = assetNumber.get(asset.id);
    const c = (a === undefined ? undefined : counters[a]) ?? emptyCounters();
    const all: Record<AssetMetricKey, AssetMetricValue> = {
      views: asset.type === 'cta' ? asset.views : c.views,
      sessions: c.sessions,
      new_contacts: asset.type === 'form' ? c.newContactsByForm : c.newContactsByPage,
      form_submissions: c.pageSubmissions,
      sent: asset.sent,
      delivered: asset.delivered,
      opens: c.opens,
      clicks: c.clicks,
      winner: asset.abGroup === null ? null : asset.abWinner,
      network: socialNetwork(asset, c.networks),
      click_rate: asset.views ? c.clicks / asset.views : null,
      contacts: c.contacts,
      visits: c.interactions,
      submissions: c.formSubmissions,
      enrollments: c.enrollments,
      memberships: c.memberships,
      attendees: c.attendees,
      interactions: c.interactions,
    };
    const metrics: Partial<Record<AssetMetricKey, AssetMetricValue>> = {};
    for (const key of ASSET_METRICS[asset.type]) metrics[key] = all[key];
    const terms = asset.type === 'paid_search'
      ? [...c.terms].map(([term, clicks]) => ({ term, clicks })).sort((a, b) => b.clicks - a.clicks || (a.term < b.term ? -1 : 1))
      : [];
    return { asset, metrics, terms };
  });
}

/**
 * Distinct sessions and contacts per counted asset: sessions that started in range (§7: a session is in range
 * by its first interaction) with a page view of the asset by `to`, contacts with an interaction with it in
 * range. Walking the visits session by session, and each contact's journey, a session or contact is new to an
 * asset exactly when it differs from the last one counted for that asset: no set per asset, which on a
 * 1M-row sheet was most of the report.
 */
function countDistinct(analysis: Analysis, range: Range, counters: ReadonlyArray<Counters | undefined>): void {
  const inRange = inRangeOf(range);
  const { assetOf } = analysis.resolution;
  const { time, type } = analysis.columns;
  const { sessionOf, start } = analysis.sessions;
  const countersOf = (v: number) => (assetOf[v] < 0 ? undefined : counters[assetOf[v]]);
  // The page views that count, marked in sheet order, then grouped by session (a counting sort on the session
  // index): only those are sorted and walked in session order, which reads the columns out of order.
  const counted = new Uint8Array(sessionOf.length);
  const next = new Int32Array(start.length + 1);
  let total = 0;
  for (let v = 0; v < sessionOf.length; v++) {
    if (type[v] !== TYPE_INDEX.page_view || time[v] > range.to || !inRange(start[sessionOf[v]]) || !countersOf(v)) continue;
    counted[v] = 1;
    next[sessionOf[v] + 1]++;
    total++;
  }
  for (let s = 0; s < start.length; s++) next[s + 1] += next[s];
  const bySession = new Int32Array(total);
  for (let v = 0; v < sessionOf.length; v++) if (counted[v]) bySession[next[sessionOf[v]]++] = v;
  for (let k = 0; k < bySession.length; k++) {
    const v = bySession[k];
    const c = countersOf(v)!;
    if (c.lastSession !== sessionOf[v]) {
      c.lastSession = sessionOf[v];
      c.sessions++;
    }
  }
  // A contact's journey holds its own rows and its visitors' anonymous ones: the interactions it is counted for.
  analysis.contacts.journeys.forEach((journey, contact) => {
    for (let k = 0; k < journey.length; k++) {
      const c = inRange(time[journey[k]]) ? countersOf(journey[k]) : undefined;
      if (c && c.lastContact !== contact) {
        c.lastContact = contact;
        c.contacts++;
      }
    }
  });
}

/**
 * A social post's network: its URL's host, else the network most of its visits came from; of networks with as
 * many, the one visited first (in §1's order, so sorting the Visits sheet changes nothing).
 */
function socialNetwork(asset: Asset, seen: Counters['networks']): string | null {
  const fromUrl = asset.url ? socialNetworkOfHost(hostOf(asset.url)) : null;
  if (fromUrl) return fromUrl;
  let best: string | null = null;
  let most = { visits: 0, first: Infinity };
  for (const [network, n] of seen) {
    if (n.visits > most.visits || (n.visits === most.visits && n.first < most.first)) [best, most] = [network, n];
  }
  return best;
}
