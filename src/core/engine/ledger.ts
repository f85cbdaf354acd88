// The credit ledger: for every conversion and every model, the credit each interaction receives.
// It does not depend on the report's date range (journeys are cut at each conversion, not at `to`),
// so every figure for any range is a filtered sum over it, computed once per workbook.
import type { Deal, DealContact, Workbook } from '../types';
import { MS_PER_DAY } from '../time';
import { type Contacts, type VisitColumns, ownsVisit } from './journeys';
import { type ConversionKind, type ConversionPath, HEURISTIC_MODELS } from './models';
import type { CampaignLists } from './resolve';

const contactSets = new WeakMap<Conversion, ReadonlySet<number>>();

/** A conversion's contacts as a set (made once per conversion), for forEachOwner. */
export function contactSetOf(conversion: Conversion): ReadonlySet<number> {
  let set = contactSets.get(conversion);
  if (set === undefined) contactSets.set(conversion, (set = new Set(conversion.contacts)));
  return set;
}

export interface Conversion {
  kind: ConversionKind;
  time: number;
  /** 1 for contact and deal creation (credit is a fractional count); the deal amount for revenue. */
  amount: number;
  /** Contact index for contact creation, else -1. */
  contact: number;
  /** Deal index (into workbook.deals) for deal creation and revenue, else -1. */
  deal: number;
  /** Contacts whose journeys make the path: the contact itself, or the deal's contacts associated by `time`. */
  contacts: number[];
  /** Ledger rows [rowStart, rowEnd). */
  rowStart: number;
  rowEnd: number;
  /** No credit-eligible interaction: all credit went to "(no campaign)". */
  unattributed: boolean;
}

/** One row per (conversion, interaction, campaign); visit and campaign are -1 for "(no campaign)" without a touch. */
export interface Ledger {
  conversions: Conversion[];
  visit: Int32Array;
  campaign: Int32Array;
  /** Per model id, per row: the row's share of its conversion (0..1). Rows of kinds a model skips hold 0. */
  shares: Record<string, Float64Array>;
}

/** Whole numbers appended one at a time: a typed array that doubles when full. */
class IntList {
  length = 0;
  items = new Int32Array(1 << 12);

  push(value: number): void {
    if (this.length === this.items.length) {
      const grown = new Int32Array(this.length * 2);
      grown.set(this.items);
      this.items = grown;
    }
    this.items[this.length++] = value;
  }
}

type PathPositions = Omit<ConversionPath, 'kind' | 'time' | 'times'>;

export interface LedgerOptions {
  /** Interactions more than this many days before a conversion are not in its journey; null = no window. */
  lookbackDays: number | null;
}

/** Per deal, its contacts with the time each was associated (§2, §7), contact_ids order first. */
export function dealAssociations(
  deals: readonly Deal[], dealContacts: readonly DealContact[], contacts: Contacts,
): Array<Array<{ contact: number; at: number }>> {
  const dealIndex = new Map(deals.map((d, i) => [d.id, i] as const));
  const explicit = deals.map(() => new Map<number, number>());
  const extra: number[][] = deals.map(() => []);
  // A deal's contact_ids as a set, made for the deals DealContacts names (a deal may list thousands).
  const listedIds = new Map<number, ReadonlySet<string>>();
  for (const dc of dealContacts) {
    const d = dealIndex.get(dc.dealId);
    if (d === undefined) continue;
    const c = contacts.indexById.get(dc.contactId)!;
    const prev = explicit[d].get(c);
    explicit[d].set(c, prev === undefined ? dc.associatedAt : Math.min(prev, dc.associatedAt));
    if (prev !== undefined) continue;
    let listed = listedIds.get(d);
    if (listed === undefined) listedIds.set(d, (listed = new Set(deals[d].contactIds)));
    if (!listed.has(dc.contactId)) extra[d].push(c);
  }
  return deals.map((deal, d) => {
    const listed = deal.contactIds.map((id) => contacts.indexById.get(id)!);
    const unique = [...new Set([...listed, ...extra[d]])];
    return unique.map((contact) => ({ contact, at: explicit[d].get(contact) ?? deal.createdAt }));
  });
}

/**
 * The ledger in two passes: every conversion's path first (into one buffer), then the rows, whose number is
 * known by then: columns allocated once at their size, rather than doubled and copied (a 1M-visit workbook
 * has hundreds of thousands of rows, and each doubling is megabytes outside the heap that bring on a full GC).
 */
export function buildLedger(
  workbook: Workbook,
  contacts: Contacts,
  { time: timeOf, eligible }: VisitColumns,
  rank: Int32Array,
  campaignsOf: CampaignLists,
  associations: ReturnType<typeof dealAssociations>,
  options: LedgerOptions,
): Ledger {
  const conversions: Conversion[] = [];
  /** All paths end to end: conversion i's is pathVisits[pathStart[i] .. pathStart[i + 1]). */
  const pathVisits = new IntList();
  const pathStart = new IntList();
  /** Per conversion, its path's positions. */
  const positionsOf: PathPositions[] = [];
  let rowCount = 0;
  const windowStart = (time: number) => (options.lookbackDays === null ? -Infinity : time - options.lookbackDays * MS_PER_DAY);

  /** Appends the eligible interactions of the given contacts' journeys in [window, time], deduplicated, in order. */
  const appendPath = (owners: readonly number[], time: number) => {
    const from = windowStart(time);
    const start = pathVisits.length;
    for (const c of owners) {
      const journey = contacts.journeys[c];
      for (let k = 0; k < journey.length; k++) {
        const v = journey[k];
        const t = timeOf[v];
        if (t > time) break;
        if (t >= from && eligible[v]) pathVisits.push(v);
      }
    }
    if (owners.length > 1) {
      // Contacts sharing a visitor id hold its anonymous rows twice.
      const path = pathVisits.items.subarray(start, pathVisits.length).sort((a, b) => rank[a] - rank[b]);
      let kept = 0;
      for (let i = 0; i < path.length; i++) if (i === 0 || path[i - 1] !== path[i]) path[kept++] = path[i];
      pathVisits.length = start + kept;
    }
  };
  /** Index in the path starting at `start` of its last interaction at or before `time` (of `owner`'s journey if given), or -1. */
  const lastAtOrBefore = (start: number, time: number, owner = -1) => {
    for (let i = pathVisits.length - 1; i >= start; i--) {
      const v = pathVisits.items[i];
      if (timeOf[v] <= time && (owner < 0 || ownsVisit(contacts, owner, v))) return i - start;
    }
    return -1;
  };
  /** A conversion whose path was just appended, with its positions; its rows are written in the second pass. */
  const add = (base: Omit<Conversion, 'rowStart' | 'rowEnd' | 'unattributed'>, start: number, at: PathPositions) => {
    let rows = 0;
    for (let i = start; i < pathVisits.length; i++) rows += Math.max(1, campaignsOf[pathVisits.items[i]].length);
    const rowStart = rowCount;
    rowCount += Math.max(1, rows);
    pathStart.push(start);
    positionsOf.push(at);
    // Spelled out rather than spread: spreading made this line a tenth of the whole analysis.
    conversions.push({
      kind: base.kind, time: base.time, amount: base.amount, contact: base.contact, deal: base.deal, contacts: base.contacts,
      rowStart, rowEnd: rowCount, unattributed: rows === 0,
    });
  };

  // Contact creation: the contact's own journey up to its creation; LAST doubles as U-shaped's LEAD.
  contacts.createdAt.forEach((time, contact) => {
    if (Number.isNaN(time)) return;
    const start = pathVisits.length;
    appendPath([contact], time);
    const last = pathVisits.length - start - 1;
    add({ kind: 'contact_create', time, amount: 1, contact, deal: -1, contacts: [contact] }, start,
      { first: last >= 0 ? 0 : -1, lead: last, deal: -1, won: -1, last });
  });

  workbook.deals.forEach((deal, d) => {
    const dealConversion = (kind: ConversionKind, time: number, amount: number) => {
      const owners = associations[d].filter((a) => a.at <= time).map((a) => a.contact);
      const start = pathVisits.length;
      appendPath(owners, time);
      const length = pathVisits.length - start;
      // LEAD: the oldest associated contact (ties: contact_ids order), at that contact's creation.
      let oldest = -1;
      for (const c of owners) if (!Number.isNaN(contacts.createdAt[c]) && (oldest < 0 || contacts.createdAt[c] < contacts.createdAt[oldest])) oldest = c;
      const lead = oldest < 0 ? -1 : lastAtOrBefore(start, Math.min(contacts.createdAt[oldest], time), oldest);
      const dealPos = lastAtOrBefore(start, deal.createdAt);
      const won = kind === 'revenue' ? length - 1 : -1;
      add({ kind, time, amount, contact: -1, deal: d, contacts: owners }, start, {
        first: length ? 0 : -1, lead, deal: dealPos, won, last: kind === 'revenue' ? won : dealPos,
      });
    };
    dealConversion('deal_create', deal.createdAt, 1);
    if (deal.stage === 'won' && deal.closedAt !== null) dealConversion('revenue', deal.closedAt, deal.amount);
  });
  pathStart.push(pathVisits.length);

  const ledger: Ledger = {
    conversions, visit: new Int32Array(rowCount), campaign: new Int32Array(rowCount), shares: {},
  };
  const shares = HEURISTIC_MODELS.map((m) => (ledger.shares[m.id] = new Float64Array(rowCount)));
  // Scratch buffers reused by every conversion: its path's times, each interaction's weight, and how many
  // campaigns share it.
  let times = new Float64Array(16);
  let weights = new Float64Array(16);
  let splits = new Int32Array(16);
  conversions.forEach((conversion, ci) => {
    let row = conversion.rowStart;
    if (conversion.unattributed) {
      ledger.visit[row] = ledger.campaign[row] = -1;
      for (const column of shares) column[row] = 1;
      return;
    }
    const start = pathStart.items[ci];
    const n = pathStart.items[ci + 1] - start;
    if (weights.length < n) [times, weights, splits] = [new Float64Array(n * 2), new Float64Array(n * 2), new Int32Array(n * 2)];
    // Campaign rows first (an interaction counting for several campaigns gets one row each), then each
    // model's column: a model that skips this kind of conversion holds 0 there.
    for (let i = 0; i < n; i++) {
      const v = pathVisits.items[start + i];
      times[i] = timeOf[v];
      const list = campaignsOf[v];
      splits[i] = Math.max(1, list.length);
      for (let j = 0; j < splits[i]; j++) {
        ledger.visit[row] = v;
        ledger.campaign[row++] = list.length === 0 ? -1 : list[j];
      }
    }
    const at = positionsOf[ci];
    const path: ConversionPath = {
      kind: conversion.kind, time: conversion.time, times: times.subarray(0, n), first: at.first, lead: at.lead, deal: at.deal,
      won: at.won, last: at.last,
    };
    const pathWeights = weights.subarray(0, n);
    for (let mi = 0; mi < HEURISTIC_MODELS.length; mi++) {
      if (!HEURISTIC_MODELS[mi].appliesTo[conversion.kind]) continue;
      HEURISTIC_MODELS[mi].weights(path, pathWeights);
      const column = shares[mi];
      row = conversion.rowStart;
      for (let i = 0; i < n; i++) {
        // An interaction counting for several campaigns (a shared workflow's asset) splits its share equally.
        const share = pathWeights[i] / splits[i];
        for (let j = 0; j < splits[i]; j++) column[row++] = share;
      }
    }
  });
  return ledger;
}
