// Everything about a workbook that does not depend on the report's range or model, computed once:
// resolution, order, contacts and journeys, sessions, sources, the credit ledger, and per-contact key moments.
// Reports for any range (and the custom functions) read this without recomputing journeys.
import type { Campaign, Source, Workbook } from '../types';
import {
  type Contacts, type Sessions, type VisitColumns, buildContacts, buildSessions, orderVisits, TYPE_INDEX, visitColumns,
} from './journeys';
import { type Ledger, buildLedger, dealAssociations } from './ledger';
import { type CampaignIndex, type Resolution, indexCampaigns, resolveCampaigns } from './resolve';
import { deriveSources } from './sources';
import { channelsOfVisits } from './data-driven-revenue';

export interface AnalysisOptions {
  lookbackDays: number | null;
}

export interface Analysis {
  workbook: Workbook;
  campaigns: readonly Campaign[];
  /** Index used for "(no campaign)" in per-campaign arrays: campaigns.length. */
  none: number;
  campaignIndex: CampaignIndex;
  resolution: Resolution;
  columns: VisitColumns;
  order: Int32Array;
  rank: Int32Array;
  contacts: Contacts;
  sessions: Sessions;
  sourceOf: Source[];
  /** Per visit: its channel for the data-driven models (channelsOfVisits). */
  channelOf: Int32Array;
  ledger: Ledger;
  /** Per deal, its contacts and when each was associated. */
  associations: Array<Array<{ contact: number; at: number }>>;
  /** Per contact: the earliest close of a won deal (any currency) it was associated with by then; Infinity: none. */
  firstWonClose: Float64Array;
  /** Per contact: its first interaction (a visit index; any type) with each campaign (none included), stitched. */
  firstTouch: Array<Map<number, number>>;
  /** Per contact: the first page view of its journey, or -1 (a report reads it through firstPageViewBy). */
  firstPageView: Int32Array;
  /** Per contact: campaigns credited with its creation under last touch ([none] when no campaign gets it). */
  lastTouchCampaigns: Array<readonly number[]>;
  /**
   * Per contact: its creating interaction (§7: the last interaction at or before creation, if creation is at
   * most 30 minutes after it), or -1.
   */
  creatingVisit: Int32Array;
  /** Per session: campaigns (none included) of its page views, each once. */
  sessionPageViewCampaigns: Array<readonly number[]>;
  /**
   * Per session: the time of its last page view (-Infinity: none). A report up to `to` before it sees only
   * part of the session's page views (sessionCampaignTimes).
   */
  sessionLastPageView: Float64Array;
}

const LAST_TOUCH_WINDOW_MS = 30 * 60_000;

/**
 * The contact's first page view for a report up to `to` (first touch, §7: "the first page_view of the whole
 * journey"), or -1. One dated after `to` is none: nothing dated after `to` counts (§4).
 */
export function firstPageViewBy(analysis: Analysis, contact: number, to: number): number {
  const v = analysis.firstPageView[contact];
  return v >= 0 && analysis.columns.time[v] <= to ? v : -1;
}

/**
 * The campaigns (none included) that influenced a won deal (§4 influenced revenue), each with the deal's
 * contacts behind it: associated by the close, with their first interaction with the campaign at or before it.
 */
export function dealInfluences(analysis: Analysis, deal: number): Map<number, number[]> {
  const closedAt = analysis.workbook.deals[deal].closedAt;
  const influences = new Map<number, Set<number>>();
  if (closedAt === null) return new Map();
  for (const { contact, at } of analysis.associations[deal]) {
    if (at > closedAt) continue;
    analysis.firstTouch[contact].forEach((v, c) => {
      if (analysis.columns.time[v] > closedAt) return;
      const contacts = influences.get(c);
      if (!contacts) influences.set(c, new Set([contact]));
      else contacts.add(contact);
    });
  }
  const byCampaign = new Map<number, number[]>();
  influences.forEach((contacts, c) => byCampaign.set(c, [...contacts]));
  return byCampaign;
}

export function analyze(workbook: Workbook, options: AnalysisOptions): Analysis {
  const { visits, campaigns } = workbook;
  const none = campaigns.length;
  const campaignIndex = indexCampaigns(campaigns, workbook.assets);
  const resolution = resolveCampaigns(visits, campaigns, campaignIndex);
  const noneList: readonly number[] = [none];
  /** The campaigns of a visit with "(no campaign)" made explicit. */
  const campaignsOrNone = (v: number) => (resolution.campaignsOf[v].length ? resolution.campaignsOf[v] : noneList);

  const columns = visitColumns(visits);
  const { time } = columns;
  const order = orderVisits(columns);
  const rank = new Int32Array(visits.length);
  for (let k = 0; k < order.length; k++) rank[order[k]] = k;
  const contacts = buildContacts(workbook, order, columns);
  const sessions = buildSessions(visits, order, contacts, columns);
  const sourceOf = deriveSources(visits);
  const channelOf = channelsOfVisits(campaigns, resolution.campaignsOf, none);
  const associations = dealAssociations(workbook.deals, workbook.dealContacts, contacts);
  const firstWonClose = firstWonCloses(workbook, contacts, associations);
  const ledger = buildLedger(workbook, contacts, columns, rank, resolution.campaignsOf, associations, options);

  const firstTouch = contacts.journeys.map((journey) => {
    const first = new Map<number, number>();
    for (let k = 0; k < journey.length; k++) {
      const campaignsOfVisit = campaignsOrNone(journey[k]);
      for (let j = 0; j < campaignsOfVisit.length; j++) if (!first.has(campaignsOfVisit[j])) first.set(campaignsOfVisit[j], journey[k]);
    }
    return first;
  });

  const firstPageView = new Int32Array(contacts.ids.length).fill(-1);
  const creatingVisit = new Int32Array(contacts.ids.length).fill(-1);
  const lastTouchCampaigns = contacts.journeys.map((journey, i) => {
    for (let k = 0; k < journey.length; k++) {
      if (columns.type[journey[k]] === TYPE_INDEX.page_view) {
        firstPageView[i] = journey[k];
        break;
      }
    }
    const created = contacts.createdAt[i];
    if (Number.isNaN(created)) return noneList;
    // The creating interaction: the last one at or before creation, if creation is at most 30 minutes after it.
    let k = journey.length - 1;
    while (k >= 0 && time[journey[k]] > created) k--;
    if (k < 0 || created - time[journey[k]] > LAST_TOUCH_WINDOW_MS) return noneList;
    creatingVisit[i] = journey[k];
    const session = sessions.sessionOf[journey[k]];
    for (let j = k; j >= 0; j--) {
      const v = journey[j];
      if (sessions.sessionOf[v] !== session) continue;
      if (resolution.campaignsOf[v].length) return resolution.campaignsOf[v];
    }
    return noneList;
  });

  // Most sessions have no campaign or one: they share frozen lists, and only the rest get their own.
  const empty: readonly number[] = [];
  const single = Array.from({ length: none + 1 }, (_, c) => [c] as readonly number[]);
  const sessionPageViewCampaigns: Array<readonly number[]> = new Array(sessions.start.length).fill(empty);
  const sessionLastPageView = new Float64Array(sessions.start.length).fill(-Infinity);
  for (let v = 0; v < visits.length; v++) {
    if (columns.type[v] !== TYPE_INDEX.page_view) continue;
    const s = sessions.sessionOf[v];
    if (time[v] > sessionLastPageView[s]) sessionLastPageView[s] = time[v];
    const campaignsOfVisit = campaignsOrNone(v);
    for (let j = 0; j < campaignsOfVisit.length; j++) {
      const c = campaignsOfVisit[j];
      const list = sessionPageViewCampaigns[s];
      if (!list.includes(c)) sessionPageViewCampaigns[s] = list.length === 0 ? single[c] : [...list, c];
    }
  }

  return {
    workbook, campaigns, none, campaignIndex, resolution, columns, order, rank, contacts, sessions, sourceOf, channelOf, ledger,
    associations, firstWonClose, firstTouch, firstPageView, lastTouchCampaigns, creatingVisit,
    sessionPageViewCampaigns, sessionLastPageView,
  };
}

/**
 * Per contact, the earliest close of a won deal it was associated with by that close (Infinity: none). A deal
 * in another currency counts here: it is in no sum, but its contacts converted (no Markov null path, §5).
 */
function firstWonCloses(workbook: Workbook, contacts: Contacts, associations: Analysis['associations']): Float64Array {
  const first = new Float64Array(contacts.ids.length).fill(Infinity);
  const wins = [
    { deals: workbook.deals, associations },
    { deals: workbook.otherCurrencyDeals, associations: dealAssociations(workbook.otherCurrencyDeals, workbook.dealContacts, contacts) },
  ];
  for (const { deals, associations: ofDeal } of wins) {
    deals.forEach(({ stage, closedAt }, d) => {
      if (stage !== 'won' || closedAt === null) return;
      for (const { contact, at } of ofDeal[d]) if (at <= closedAt && closedAt < first[contact]) first[contact] = closedAt;
    });
  }
  return first;
}

/**
 * For the given sessions, when each campaign (none included) first has a page view in it: for reports
 * whose `to` (or day boundary) falls inside a session, where only the page views by then count (§4).
 */
export function sessionCampaignTimes(analysis: Analysis, wanted: ReadonlySet<number>): Map<number, Map<number, number>> {
  const out = new Map<number, Map<number, number>>();
  if (wanted.size === 0) return out;
  const { columns, sessions, resolution, none } = analysis;
  for (let v = 0; v < columns.time.length; v++) {
    const s = sessions.sessionOf[v];
    if (columns.type[v] !== TYPE_INDEX.page_view || !wanted.has(s)) continue;
    let times = out.get(s);
    if (!times) out.set(s, (times = new Map()));
    const t = columns.time[v];
    for (const c of resolution.campaignsOf[v].length ? resolution.campaignsOf[v] : [none]) {
      if (t < (times.get(c) ?? Infinity)) times.set(c, t);
    }
  }
  return out;
}
