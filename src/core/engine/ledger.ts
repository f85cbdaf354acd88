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
  conversionOf: Int32Array;
  visit: Int32Array;
  campaign: Int32Array;
  /** Per model id, per row: the row's share of its conversion (0..1). Rows of kinds a model skips hold 0. */
  shares: Record<string, Float64Array>;
}

/** The ledger's columns while rows are appended: typed arrays that double when full. */
class LedgerRows {
  length = 0;
  conversionOf = new Int32Array(1 << 12);
  visit = new Int32Array(1 << 12);
  campaign = new Int32Array(1 << 12);
  shares = HEURISTIC_MODELS.map(() => new Float64Array(1 << 12));

  add(conversion: number, visit: number, campaign: number): number {
    if (this.length === this.visit.length) this.grow(this.length * 2);
    this.conversionOf[this.length] = conversion;
    this.visit[this.length] = visit;
    this.campaign[this.length] = campaign;
    return this.length++;
  }

  private grow(capacity: number): void {
    const resize = <A extends Int32Array | Float64Array>(a: A, make: (n: number) => A): A => {
      const b = make(capacity);
      b.set(a.subarray(0, Math.min(a.length, capacity)));
      return b;
    };
    this.conversionOf = resize(this.conversionOf, (n) => new Int32Array(n));
    this.visit = resize(this.visit, (n) => new Int32Array(n));
    this.campaign = resize(this.campaign, (n) => new Int32Array(n));
    this.shares = this.shares.map((a) => resize(a, (n) => new Float64Array(n)));
  }

  finish(conversions: Conversion[]): Ledger {
    this.grow(this.length);
    const shares: Record<string, Float64Array> = {};
    HEURISTIC_MODELS.forEach((m, mi) => (shares[m.id] = this.shares[mi]));
    return { conversions, conversionOf: this.conversionOf, visit: this.visit, campaign: this.campaign, shares };
  }
}

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
  const rows = new LedgerRows();
  const windowStart = (time: number) => (options.lookbackDays === null ? -Infinity : time - options.lookbackDays * MS_PER_DAY);

  /** The eligible interactions of the given contacts' journeys in [window, time], deduplicated, in order. */
  const pathOf = (owners: readonly number[], time: number): number[] => {
    const from = windowStart(time);
    const path: number[] = [];
    for (const c of owners) {
      const journey = contacts.journeys[c];
      for (let k = 0; k < journey.length; k++) {
        const v = journey[k];
        const t = timeOf[v];
        if (t > time) break;
        if (t >= from && eligible[v]) path.push(v);
      }
    }
    if (owners.length > 1) {
      // Contacts sharing a visitor id hold its anonymous rows twice.
      path.sort((a, b) => rank[a] - rank[b]);
      return path.filter((v, i) => i === 0 || path[i - 1] !== v);
    }
    return path;
  };
  /** Index in `path` of the last interaction at or before `time` (that `accept` allows), or -1. */
  const lastAtOrBefore = (path: readonly number[], time: number, accept: (visit: number) => boolean = () => true) => {
    for (let i = path.length - 1; i >= 0; i--) if (timeOf[path[i]] <= time && accept(path[i])) return i;
    return -1;
  };

  // Scratch buffers reused by every conversion: each interaction's weight, and how many campaigns share it.
  let weights = new Float64Array(16);
  let splits = new Int32Array(16);
  const record = (base: Omit<Conversion, 'rowStart' | 'rowEnd' | 'unattributed'>, path: number[], positions: Omit<ConversionPath, 'kind' | 'time' | 'times'>) => {
    const rowStart = rows.length;
    const conversion = conversions.length;
    const n = path.length;
    if (n === 0) {
      const row = rows.add(conversion, -1, -1);
      for (const shares of rows.shares) shares[row] = 1;
    } else {
      const times = path.map((v) => timeOf[v]);
      const conversionPath: ConversionPath = {
        kind: base.kind, time: base.time, times, first: positions.first, lead: positions.lead, deal: positions.deal,
        won: positions.won, last: positions.last,
      };
      if (weights.length < n) [weights, splits] = [new Float64Array(n * 2), new Int32Array(n * 2)];
      const pathWeights = weights.subarray(0, n);
      // Campaign rows first (an interaction counting for several campaigns gets one row each), then each
      // model's column: a model that skips this kind of conversion holds 0 there.
      for (let i = 0; i < n; i++) {
        const list = campaignsOf[path[i]];
        splits[i] = Math.max(1, list.length);
        if (list.length === 0) rows.add(conversion, path[i], -1);
        else for (let j = 0; j < list.length; j++) rows.add(conversion, path[i], list[j]);
      }
      for (let mi = 0; mi < HEURISTIC_MODELS.length; mi++) {
        const model = HEURISTIC_MODELS[mi];
        if (!model.appliesTo[base.kind]) continue;
        model.weights(conversionPath, pathWeights);
        const shares = rows.shares[mi];
        let row = rowStart;
        for (let i = 0; i < n; i++) {
          // An interaction counting for several campaigns (a shared workflow's asset) splits its share equally.
          const share = pathWeights[i] / splits[i];
          for (let j = 0; j < splits[i]; j++) shares[row++] = share;
        }
      }
    }
    // Spelled out rather than spread: spreading made this line a tenth of the whole analysis.
    conversions.push({
      kind: base.kind, time: base.time, amount: base.amount, contact: base.contact, deal: base.deal, contacts: base.contacts,
      rowStart, rowEnd: rows.length, unattributed: path.length === 0,
    });
  };

  // Contact creation: the contact's own journey up to its creation; LAST doubles as U-shaped's LEAD.
  contacts.createdAt.forEach((time, contact) => {
    if (Number.isNaN(time)) return;
    const path = pathOf([contact], time);
    const last = path.length - 1;
    record({ kind: 'contact_create', time, amount: 1, contact, deal: -1, contacts: [contact] }, path,
      { first: path.length ? 0 : -1, lead: last, deal: -1, won: -1, last });
  });

  workbook.deals.forEach((deal, d) => {
    const dealConversion = (kind: ConversionKind, time: number, amount: number) => {
      const owners = associations[d].filter((a) => a.at <= time).map((a) => a.contact);
      const path = pathOf(owners, time);
      // LEAD: the oldest associated contact (ties: contact_ids order), at that contact's creation.
      let oldest = -1;
      for (const c of owners) if (!Number.isNaN(contacts.createdAt[c]) && (oldest < 0 || contacts.createdAt[c] < contacts.createdAt[oldest])) oldest = c;
      const lead = oldest < 0 ? -1 : lastAtOrBefore(path, Math.min(contacts.createdAt[oldest], time), (v) => ownsVisit(contacts, oldest, v));
      const dealPos = lastAtOrBefore(path, deal.createdAt);
      const won = kind === 'revenue' ? path.length - 1 : -1;
      record({ kind, time, amount, contact: -1, deal: d, contacts: owners }, path, {
        first: path.length ? 0 : -1, lead, deal: dealPos, won, last: kind === 'revenue' ? won : dealPos,
      });
    };
    dealConversion('deal_create', deal.createdAt, 1);
    if (deal.stage === 'won' && deal.closedAt !== null) dealConversion('revenue', deal.closedAt, deal.amount);
  });
  return rows.finish(conversions);
}
