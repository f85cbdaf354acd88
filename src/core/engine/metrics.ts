// Campaign metrics for a date range (attribution-models.md §4 and §7 "Metrics", "Traffic"), all read
// from the range-independent Analysis; attribution figures are sums over the credit ledger.
import type { Source, Visit } from '../types';
import { periodKeyer } from '../time';
import { dealInfluences, firstPageViewBy, sessionCampaignTimes, type Analysis } from './analysis';
import { forEachOwner, TYPE_INDEX } from './journeys';
import { socialNetworkOf } from './sources';
import { contactSetOf, type Conversion } from './ledger';
import { type ChannelAttribution, dataDrivenRevenue } from './data-driven-revenue';
import { CONVERSION_KINDS, type ConversionKind, DATA_DRIVEN_MODELS, HEURISTIC_MODELS, MODELS } from './models';

export type Touch = 'first' | 'last';
export type Frequency = 'daily' | 'monthly';

export interface MetricsOptions {
  /** Start of the range (00:00 of `from` in the workbook zone), or null for no lower bound. */
  from: number | null;
  /** Last millisecond of the range. */
  to: number;
  touch: Touch;
  frequency: Frequency;
  tz: string;
  /** Order of the Markov model (states = the last k campaigns); 1 when not given. */
  markovOrder?: number;
}

export interface RevenueFigures {
  revenue: number;
  dealsWithRevenue: number;
  associatedDealValue: number;
  contactsWithRevenue: number;
}

/** Credit under one model; null where the model does not apply to that report. */
export interface AttributionFigures {
  contactCreate: number | null;
  dealCreate: number | null;
  revenue: number | null;
}

export interface SeriesPoint {
  period: string;
  newContacts: number;
  influencedContacts: number;
  sessions: number;
}

/** Traffic by source, and the source drill-downs of the traffic report. */
export const TRAFFIC_BREAKDOWNS = ['by_source', 'paid_search_by_term', 'organic_social_by_network', 'other_campaigns'] as const;
export type TrafficBreakdown = (typeof TRAFFIC_BREAKDOWNS)[number];

export interface TrafficFigures {
  /** The source, search term, social network or "utm_source / utm_medium", by breakdown. */
  key: string;
  views: number;
  newVisitorSessions: number;
  contactsFirstTouch: number;
}

export interface CampaignMetrics {
  sessions: number;
  newContacts: number;
  influencedContacts: number;
  influencedRevenue: number;
  /** Per model id: the four revenue figures. `revenue.linear` is the even-split report. */
  revenue: Record<string, RevenueFigures>;
  attribution: Record<string, AttributionFigures>;
  series: SeriesPoint[];
  traffic: Record<TrafficBreakdown, TrafficFigures[]>;
}

export interface Totals {
  closedWonRevenue: number;
  unattributedRevenue: number;
  contactsCreated: number;
  dealsCreated: number;
}

export interface RangeMetrics {
  /** One entry per campaign (workbook order), then "(no campaign)" at index `analysis.none`. */
  campaigns: CampaignMetrics[];
  totals: Totals;
  /**
   * The whole workbook over time: contacts created and sessions with a page view, by period. Each counts once,
   * where the campaigns' series count a session once per campaign it viewed.
   */
  totalSeries: Array<{ period: string; contactsCreated: number; sessions: number }>;
  /** Markov's and Shapley's credit per campaign as the channel report over campaigns shows it. */
  campaignChannels: ChannelAttribution[];
}

function emptyMetrics(): CampaignMetrics {
  const revenue: Record<string, RevenueFigures> = {};
  const attribution: Record<string, AttributionFigures> = {};
  for (const m of MODELS) {
    revenue[m.id] = { revenue: 0, dealsWithRevenue: 0, associatedDealValue: 0, contactsWithRevenue: 0 };
    attribution[m.id] = {
      contactCreate: m.appliesTo.contact_create ? 0 : null,
      dealCreate: m.appliesTo.deal_create ? 0 : null,
      revenue: m.appliesTo.revenue ? 0 : null,
    };
  }
  return {
    sessions: 0, newContacts: 0, influencedContacts: 0, influencedRevenue: 0, revenue, attribution,
    series: [], traffic: { by_source: [], paid_search_by_term: [], organic_social_by_network: [], other_campaigns: [] },
  };
}

/** Sparse per-key counters that become a sorted list of the keys with a non-zero figure. */
class Tally<K extends string, F extends string> {
  private readonly rows = new Map<K, Float64Array>();
  // Visits come grouped by visitor and sessions in time order, so a key often follows itself: kept at hand.
  private lastKey: K | null = null;
  private lastRow: Float64Array = new Float64Array(0);
  constructor(private readonly fields: readonly F[]) {}
  /** Adds to the field at `field` (its index in `fields`). */
  add(key: K, field: number, amount = 1): void {
    if (key !== this.lastKey) {
      let row = this.rows.get(key);
      if (!row) this.rows.set(key, (row = new Float64Array(this.fields.length)));
      this.lastKey = key;
      this.lastRow = row;
    }
    this.lastRow[field] += amount;
  }
  entries(): Array<[K, Record<F, number>]> {
    return [...this.rows]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, row]) => [key, Object.fromEntries(this.fields.map((f, i) => [f, row[i]])) as Record<F, number>]);
  }
}

const DRILL_DOWN_OF_SOURCE: Partial<Record<Source, TrafficBreakdown>> = {
  paid_search: 'paid_search_by_term', organic_social: 'organic_social_by_network', other_campaigns: 'other_campaigns',
};
const drillDownOf = (source: Source) => DRILL_DOWN_OF_SOURCE[source];
const orNotSet = (value: string | null) => (value && value.trim() ? value.trim().toLowerCase() : '(not set)');

/**
 * The key of a visit in its source's drill-down: the search term, the social network, or "utm_source /
 * utm_medium". Remembered per distinct cell text: a million page views share a few hundred keys.
 */
class DrillDownKeys {
  private readonly terms = new Map<string | null, string>();
  private readonly pairs = new Map<string | null, Map<string | null, string>>();
  private readonly networks = new Map<string | null, Map<string | null, string>>();

  of(breakdown: TrafficBreakdown, visit: Visit): string {
    const { utm } = visit;
    let known: Map<string | null, string>;
    let key: string | null;
    switch (breakdown) {
      case 'paid_search_by_term':
        [known, key] = [this.terms, utm.term];
        break;
      case 'organic_social_by_network':
        [known, key] = [nested(this.networks, utm.source), visit.referrer];
        break;
      default:
        [known, key] = [nested(this.pairs, utm.source), utm.medium];
    }
    let text = known.get(key);
    if (text === undefined) known.set(key, (text = drillDownKey(breakdown, visit)));
    return text;
  }
}

function drillDownKey(breakdown: TrafficBreakdown, visit: Visit): string {
  switch (breakdown) {
    case 'paid_search_by_term':
      return orNotSet(visit.utm.term);
    case 'organic_social_by_network':
      return orNotSet(socialNetworkOf(visit));
    default:
      return `${orNotSet(visit.utm.source)} / ${orNotSet(visit.utm.medium)}`;
  }
}

function nested<K, L, V>(map: Map<K, Map<L, V>>, key: K): Map<L, V> {
  let inner = map.get(key);
  if (inner === undefined) map.set(key, (inner = new Map()));
  return inner;
}

const CREDIT_FIELD: Record<ConversionKind, keyof AttributionFigures> = {
  contact_create: 'contactCreate', deal_create: 'dealCreate', revenue: 'revenue',
};

export function computeMetrics(analysis: Analysis, options: MetricsOptions): RangeMetrics {
  const { workbook, contacts, sessions, ledger, none } = analysis;
  const { visits } = workbook;
  const inRange = (t: number) => t <= options.to && (options.from === null || t >= options.from);
  const periodOf = periodKeyer(options.frequency, options.tz);
  const noneList: readonly number[] = [none];
  const campaignsOrNone = (v: number): readonly number[] =>
    analysis.resolution.campaignsOf[v].length ? analysis.resolution.campaignsOf[v] : noneList;

  const rows = Array.from({ length: none + 1 }, emptyMetrics);
  const SERIES_FIELDS = ['newContacts', 'influencedContacts', 'sessions'] as const;
  const [NEW_CONTACTS, INFLUENCED_CONTACTS, SESSIONS] = [0, 1, 2];
  const series = rows.map(() => new Tally<string, (typeof SERIES_FIELDS)[number]>(SERIES_FIELDS));
  const TRAFFIC_FIELDS = ['views', 'newVisitorSessions', 'contactsFirstTouch'] as const;
  const [VIEWS, NEW_VISITOR_SESSIONS, CONTACTS_FIRST_TOUCH] = [0, 1, 2];
  type TrafficField = (typeof TRAFFIC_FIELDS)[number];
  const traffic = rows.map(() => Object.fromEntries(TRAFFIC_BREAKDOWNS.map((b) => [b, new Tally<string, TrafficField>(TRAFFIC_FIELDS)])) as Record<TrafficBreakdown, Tally<string, TrafficField>>);
  const drillDownKeys = new DrillDownKeys();
  /** Counts a visit's traffic figure under its source and under the drill-down its source belongs to. */
  const addTraffic = (c: number, v: number, field: number) => {
    const source = analysis.sourceOf[v];
    traffic[c].by_source.add(source, field);
    const drillDown = drillDownOf(source);
    if (drillDown) traffic[c][drillDown].add(drillDownKeys.of(drillDown, visits[v]), field);
  };
  // contacts_with_revenue counts distinct contacts across all the range's deals.
  const contactsWithRevenue = rows.map(() => HEURISTIC_MODELS.map(() => new Set<number>()));
  // One callback for every credited interaction, adding to the set chosen before the call: a closure per
  // ledger row was most of the report's garbage.
  let creditedContacts: Set<number>;
  const addCreditedContact = (contact: number) => creditedContacts.add(contact);
  // Per campaign, one deal's credit under one model, and the campaigns it went to.
  const dealCredit = new Float64Array(none + 1);
  const credited: number[] = [];
  /** The four revenue figures of one won deal under one model (index into HEURISTIC_MODELS). */
  const addRevenueFigures = (conversion: Conversion, model: number) => {
    const shares = ledger.shares[HEURISTIC_MODELS[model].id];
    const among = contactSetOf(conversion);
    for (let r = conversion.rowStart; r < conversion.rowEnd; r++) {
      // Only credit > 0 counts (§4): a $0 deal gives none, whatever its shares.
      if (shares[r] * conversion.amount <= 0) continue;
      const c = ledger.campaign[r] < 0 ? none : ledger.campaign[r];
      if (dealCredit[c] === 0) credited.push(c);
      dealCredit[c] += shares[r] * conversion.amount;
      const v = ledger.visit[r];
      if (v < 0) continue;
      // Contacts with revenue: the deal's contacts (associated by the close) owning a credited interaction.
      creditedContacts = contactsWithRevenue[c][model];
      forEachOwner(contacts, among, v, addCreditedContact);
    }
    for (const c of credited) {
      const figures = rows[c].revenue[HEURISTIC_MODELS[model].id];
      figures.revenue += dealCredit[c];
      figures.dealsWithRevenue++;
      figures.associatedDealValue += conversion.amount;
      dealCredit[c] = 0;
    }
    credited.length = 0;
  };
  const totals: Totals = { closedWonRevenue: 0, unattributedRevenue: 0, contactsCreated: 0, dealsCreated: 0 };
  const TOTAL_SERIES_FIELDS = ['contactsCreated', 'sessions'] as const;
  const [CONTACTS_CREATED, ALL_SESSIONS] = [0, 1];
  const totalSeries = new Tally<string, (typeof TOTAL_SERIES_FIELDS)[number]>(TOTAL_SERIES_FIELDS);

  // Sessions, by start; new-visitor sessions by the source of the session's first interaction. A session
  // that goes on past `to` counts for the campaigns of its page views by `to` only.
  const pastTo = new Set<number>();
  for (let s = 0; s < sessions.start.length; s++) {
    if (inRange(sessions.start[s]) && analysis.sessionLastPageView[s] > options.to) pastTo.add(s);
  }
  const timesPastTo = sessionCampaignTimes(analysis, pastTo);
  for (let s = 0; s < sessions.start.length; s++) {
    if (!inRange(sessions.start[s])) continue;
    const period = periodOf(sessions.start[s]);
    const sessionCampaigns = pastTo.has(s)
      ? [...timesPastTo.get(s)!].filter(([, t]) => t <= options.to).map(([c]) => c)
      : analysis.sessionPageViewCampaigns[s];
    if (sessionCampaigns.length > 0) totalSeries.add(period, ALL_SESSIONS);
    for (let j = 0; j < sessionCampaigns.length; j++) {
      const c = sessionCampaigns[j];
      rows[c].sessions++;
      series[c].add(period, SESSIONS);
      if (sessions.isFirstOfKey[s]) addTraffic(c, sessions.firstVisit[s], NEW_VISITOR_SESSIONS);
    }
  }
  const { time, type } = analysis.columns;
  for (let v = 0; v < time.length; v++) {
    if (type[v] !== TYPE_INDEX.page_view || !inRange(time[v])) continue;
    const campaignsOfVisit = campaignsOrNone(v);
    for (let j = 0; j < campaignsOfVisit.length; j++) addTraffic(campaignsOfVisit[j], v, VIEWS);
  }

  contacts.createdAt.forEach((created, i) => {
    if (!Number.isNaN(created) && inRange(created)) {
      totals.contactsCreated++;
      const period = periodOf(created);
      totalSeries.add(period, CONTACTS_CREATED);
      const firstView = firstPageViewBy(analysis, i, options.to);
      const firstTouchCampaigns = firstView < 0 ? noneList : campaignsOrNone(firstView);
      const credited = options.touch === 'first' ? firstTouchCampaigns : analysis.lastTouchCampaigns[i];
      for (let j = 0; j < credited.length; j++) {
        rows[credited[j]].newContacts++;
        series[credited[j]].add(period, NEW_CONTACTS);
      }
      if (firstView >= 0) for (let j = 0; j < firstTouchCampaigns.length; j++) addTraffic(firstTouchCampaigns[j], firstView, CONTACTS_FIRST_TOUCH);
    }
    analysis.firstTouch[i].forEach((v, c) => {
      const t = time[v];
      if (!inRange(t)) return;
      rows[c].influencedContacts++;
      series[c].add(periodOf(t), INFLUENCED_CONTACTS);
    });
  });

  workbook.deals.forEach((deal, d) => {
    if (inRange(deal.createdAt)) totals.dealsCreated++;
    if (deal.stage !== 'won' || deal.closedAt === null || !inRange(deal.closedAt)) return;
    totals.closedWonRevenue += deal.amount;
    for (const c of dealInfluences(analysis, d).keys()) rows[c].influencedRevenue += deal.amount;
  });

  // Credit per (campaign, model, kind), summed in one typed array and written to the rows after.
  const kinds = CONVERSION_KINDS.length;
  const credit = new Float64Array(rows.length * HEURISTIC_MODELS.length * kinds);
  for (const conversion of ledger.conversions) {
    if (!inRange(conversion.time)) continue;
    const kind = CONVERSION_KINDS.indexOf(conversion.kind);
    for (let mi = 0; mi < HEURISTIC_MODELS.length; mi++) {
      if (!HEURISTIC_MODELS[mi].appliesTo[conversion.kind]) continue;
      const shares = ledger.shares[HEURISTIC_MODELS[mi].id];
      for (let r = conversion.rowStart; r < conversion.rowEnd; r++) {
        const c = ledger.campaign[r] < 0 ? none : ledger.campaign[r];
        credit[(c * HEURISTIC_MODELS.length + mi) * kinds + kind] += shares[r] * conversion.amount;
      }
      if (conversion.kind === 'revenue') addRevenueFigures(conversion, mi);
    }
    if (conversion.kind === 'revenue' && conversion.unattributed) totals.unattributedRevenue += conversion.amount;
  }
  rows.forEach((row, c) => {
    HEURISTIC_MODELS.forEach((m, mi) => {
      CONVERSION_KINDS.forEach((kind, k) => {
        if (m.appliesTo[kind]) row.attribution[m.id][CREDIT_FIELD[kind]] = credit[(c * HEURISTIC_MODELS.length + mi) * kinds + k];
      });
      row.revenue[m.id].contactsWithRevenue = contactsWithRevenue[c][mi].size;
    });
  });
  const dataDriven = dataDrivenRevenue(analysis, inRange, options.to, options.markovOrder);
  rows.forEach((row, c) => {
    for (const m of DATA_DRIVEN_MODELS) {
      const revenue = dataDriven.revenue[m.id][c];
      const figures = dataDriven.figures[m.id];
      row.attribution[m.id].revenue = revenue;
      row.revenue[m.id] = {
        revenue, dealsWithRevenue: figures.deals[c], associatedDealValue: figures.dealValue[c], contactsWithRevenue: figures.contacts[c].size,
      };
    }
  });

  rows.forEach((row, c) => {
    row.series = series[c].entries().map(([period, f]) => ({ period, ...f }));
    for (const b of TRAFFIC_BREAKDOWNS) row.traffic[b] = traffic[c][b].entries().map(([key, f]) => ({ key, ...f }));
  });
  return {
    campaigns: rows, totals, totalSeries: totalSeries.entries().map(([period, f]) => ({ period, ...f })), campaignChannels: dataDriven.channels,
  };
}
