// Journeys, sessions and contact creation (attribution-models.md §1 and §7 "Journeys, sessions, creation").
import { INTERACTION_TYPES, type InteractionType, type Visit, type Workbook } from '../types';

/** Tie-break of interactions at the same instant (§1 "Ordering"); unlisted types come last. */
const TYPE_PRIORITY: Partial<Record<InteractionType, number>> = {
  ad_click: 0, page_view: 1, email_click: 2, cta_click: 3, social_click: 4, form_submission: 5, meeting: 6, call: 7,
};
const OTHER_PRIORITY = 8;
/** Each interaction type's number in the `type` column: its index in INTERACTION_TYPES. */
export const TYPE_INDEX = Object.fromEntries(INTERACTION_TYPES.map((type, i) => [type, i])) as Record<InteractionType, number>;
/** TYPE_PRIORITY by type number: a visit's type is looked up once, for its number. */
const PRIORITY_OF_TYPE = INTERACTION_TYPES.map((type) => TYPE_PRIORITY[type] ?? OTHER_PRIORITY);
const SESSION_GAP_MS = 30 * 60_000;

/** Opens, workflow enrolments, list memberships and manually logged calls count for influence only. */
export function isCreditEligible(visit: Visit): boolean {
  switch (visit.type) {
    case 'email_open':
    case 'workflow_enrollment':
    case 'list_membership':
      return false;
    case 'call':
      return !visit.manuallyLogged;
    default:
      return true;
  }
}

/**
 * What the time-ordered loops need of each visit, read once in sheet order: walking a million row objects
 * in time order (scattered through the heap) is what made those loops slow.
 */
export interface VisitColumns {
  time: Float64Array;
  /** Tie-break of interactions at the same instant (§1 "Ordering"). */
  priority: Uint8Array;
  /** 1 where the interaction can receive credit (isCreditEligible). */
  eligible: Uint8Array;
  /** The interaction type (TYPE_INDEX): a report reads it here rather than from rows scattered through the heap. */
  type: Uint8Array;
}

export function visitColumns(visits: readonly Visit[]): VisitColumns {
  const n = visits.length;
  const columns: VisitColumns = {
    time: new Float64Array(n), priority: new Uint8Array(n), eligible: new Uint8Array(n), type: new Uint8Array(n),
  };
  for (let v = 0; v < n; v++) {
    const visit = visits[v];
    columns.time[v] = visit.timestamp;
    const type = TYPE_INDEX[visit.type];
    columns.type[v] = type;
    columns.priority[v] = PRIORITY_OF_TYPE[type];
    columns.eligible[v] = isCreditEligible(visit) ? 1 : 0;
  }
  return columns;
}

/** Visit indexes in interaction order: timestamp, type priority, sheet row. */
export function orderVisits({ time, priority }: Pick<VisitColumns, 'time' | 'priority'>): Int32Array {
  const n = time.length;
  let min = Infinity;
  let max = -Infinity;
  let whole = true;
  for (let i = 0; i < n; i++) {
    if (time[i] < min) min = time[i];
    if (time[i] > max) max = time[i];
    if (!Number.isInteger(time[i])) whole = false;
  }
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  // Times are whole milliseconds, so time and priority make one integer key below 2^53 for any real span.
  if (n === 0 || !whole || (max - min) * 16 + 15 >= 2 ** 53) {
    return order.sort((a, b) => time[a] - time[b] || priority[a] - priority[b] || a - b);
  }
  const high = new Uint32Array(n);
  const low = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const key = (time[i] - min) * 16 + priority[i];
    high[i] = Math.floor(key / 2 ** 32);
    low[i] = key >>> 0;
  }
  // A stable radix sort, 16 bits a pass from the lowest: rows start in sheet order, so ties keep it.
  // On a 1M-row sheet it is several times faster than any comparison sort.
  const counts = new Int32Array(0x10001);
  // The keys move with their rows, so each pass reads them in turn rather than at random.
  let [from, fromLow, fromHigh] = [order, low, high];
  let [to, toLow, toHigh] = [new Int32Array(n), new Uint32Array(n), new Uint32Array(n)];
  for (const [useHigh, shift] of [[false, 0], [false, 16], [true, 0], [true, 16]] as const) {
    const words = useHigh ? fromHigh : fromLow;
    counts.fill(0);
    for (let k = 0; k < n; k++) counts[((words[k] >>> shift) & 0xffff) + 1]++;
    if (counts[1] === n) continue; // every key has 0 in these bits
    for (let d = 0; d < 0x10000; d++) counts[d + 1] += counts[d];
    for (let k = 0; k < n; k++) {
      const at = counts[(words[k] >>> shift) & 0xffff]++;
      to[at] = from[k];
      toLow[at] = fromLow[k];
      toHigh[at] = fromHigh[k];
    }
    [from, to, fromLow, toLow, fromHigh, toHigh] = [to, from, toLow, fromLow, toHigh, fromHigh];
  }
  return from;
}

export interface Contacts {
  ids: string[];
  indexById: Map<string, number>;
  /** Per visit: its contact's index, or -1 for an anonymous row. */
  contactOfVisit: Int32Array;
  /** Per visit: its visitor id as an index into `visitorNames`, or -1. */
  visitorOfVisit: Int32Array;
  visitorNames: string[];
  /** Per contact, the visitor indexes it has used (Visits rows with both ids, and Contacts visitor_ids). */
  visitorsOfContact: Set<number>[];
  /** Per visitor index, the contacts that have used it (undefined: none; its rows stay anonymous). */
  contactsOfVisitor: Array<number[] | undefined>;
  /** Per contact, its stitched journey: visit indexes in interaction order. */
  journeys: Int32Array[];
  /** Per contact, creation time; NaN when the contact is never created. */
  createdAt: Float64Array;
}

const NO_CONTACTS: readonly number[] = [];

/** Whether visit v is in the contact's journey: its own row, or an anonymous row of one of its visitors. */
export function ownsVisit(contacts: Contacts, contact: number, v: number): boolean {
  const own = contacts.contactOfVisit[v];
  if (own >= 0) return own === contact;
  const visitor = contacts.visitorOfVisit[v];
  return visitor >= 0 && contacts.visitorsOfContact[contact].has(visitor);
}

/**
 * Calls `each` for every contact of `among` whose journey holds visit v: the row's own contact, or those of its
 * visitor. ownsVisit for each of `among` at once, without going through them all (a deal may have thousands).
 */
export function forEachOwner(contacts: Contacts, among: ReadonlySet<number>, v: number, each: (contact: number) => void): void {
  const own = contacts.contactOfVisit[v];
  if (own >= 0) {
    if (among.has(own)) each(own);
    return;
  }
  const visitor = contacts.visitorOfVisit[v];
  if (visitor < 0) return;
  const owners = contacts.contactsOfVisitor[visitor] ?? NO_CONTACTS;
  for (let i = 0; i < owners.length; i++) if (among.has(owners[i])) each(owners[i]);
}

/** Dense indexes for distinct strings, in order of first sight. */
class Interner {
  readonly names: string[] = [];
  readonly index = new Map<string, number>();
  // Sheets list a visitor's or session's rows together more often than not: the same id as the row before
  // skips the map.
  private lastName: string | null = null;
  private lastIndex = -1;
  indexOf(name: string): number {
    if (name === this.lastName) return this.lastIndex;
    let i = this.index.get(name);
    if (i === undefined) {
      i = this.names.length;
      this.names.push(name);
      this.index.set(name, i);
    }
    this.lastName = name;
    this.lastIndex = i;
    return i;
  }
}

/**
 * Contacts and their stitched journeys. String ids are turned into indexes once, here: every later step
 * works on typed arrays, which matters on a 1M-row Visits sheet.
 */
export function buildContacts(workbook: Workbook, order: Int32Array, columns: VisitColumns): Contacts {
  const { visits } = workbook;
  const contactIds = new Interner();
  const visitorIds = new Interner();
  const visitorsOfContact: Set<number>[] = [];
  const contactIndex = (id: string) => {
    const i = contactIds.indexOf(id);
    if (i === visitorsOfContact.length) visitorsOfContact.push(new Set());
    return i;
  };
  for (const c of workbook.contacts) {
    const i = contactIndex(c.id);
    for (const vid of c.visitorIds) visitorsOfContact[i].add(visitorIds.indexOf(vid));
  }
  const contactOfVisit = new Int32Array(visits.length).fill(-1);
  const visitorOfVisit = new Int32Array(visits.length).fill(-1);
  for (let v = 0; v < visits.length; v++) {
    const visit = visits[v];
    const visitor = visit.visitorId === null ? -1 : visitorIds.indexOf(visit.visitorId);
    visitorOfVisit[v] = visitor;
    if (visit.contactId === null) continue;
    const contact = contactIndex(visit.contactId);
    contactOfVisit[v] = contact;
    if (visitor >= 0) visitorsOfContact[contact].add(visitor);
  }
  for (const deals of [workbook.deals, workbook.otherCurrencyDeals]) for (const d of deals) d.contactIds.forEach(contactIndex);
  for (const dc of workbook.dealContacts) contactIndex(dc.contactId);

  // Per visitor, the contacts that have used it (undefined: none, its rows stay anonymous). A visitor id
  // shared by two contacts puts its anonymous rows in both journeys (§7).
  const contactsOfVisitor: Array<number[] | undefined> = new Array(visitorIds.names.length);
  visitorsOfContact.forEach((visitors, i) => {
    for (const visitor of visitors) (contactsOfVisitor[visitor] ??= []).push(i);
  });

  // All journeys live in one buffer, each a view of its slice: counted first, then filled in interaction order.
  const contactCount = contactIds.names.length;
  const end = new Int32Array(contactCount + 1);
  for (let k = 0; k < order.length; k++) {
    const v = order[k];
    if (contactOfVisit[v] >= 0) end[contactOfVisit[v] + 1]++;
    else if (visitorOfVisit[v] >= 0) {
      const owners = contactsOfVisitor[visitorOfVisit[v]] ?? NO_CONTACTS;
      for (let j = 0; j < owners.length; j++) end[owners[j] + 1]++;
    }
  }
  for (let i = 0; i < contactCount; i++) end[i + 1] += end[i];
  const next = end.slice(0, contactCount);
  const flat = new Int32Array(end[contactCount]);
  for (let k = 0; k < order.length; k++) {
    const v = order[k];
    if (contactOfVisit[v] >= 0) flat[next[contactOfVisit[v]]++] = v;
    else if (visitorOfVisit[v] >= 0) {
      const owners = contactsOfVisitor[visitorOfVisit[v]] ?? NO_CONTACTS;
      for (let j = 0; j < owners.length; j++) flat[next[owners[j]]++] = v;
    }
  }
  const journeys = Array.from({ length: contactCount }, (_, i) => flat.subarray(end[i], end[i + 1]));

  const createdAt = new Float64Array(contactCount).fill(NaN);
  for (const c of workbook.contacts) if (c.createdAt !== null) createdAt[contactIds.index.get(c.id)!] = c.createdAt;
  journeys.forEach((journey, i) => {
    if (!Number.isNaN(createdAt[i]) || journey.length === 0) return;
    // Without created_at: the first form submission, else the first interaction, of the stitched journey.
    let form = -1;
    for (let k = 0; k < journey.length && form < 0; k++) if (columns.type[journey[k]] === TYPE_INDEX.form_submission) form = journey[k];
    createdAt[i] = columns.time[form >= 0 ? form : journey[0]];
  });
  return {
    ids: contactIds.names, indexById: contactIds.index, contactOfVisit, visitorOfVisit, visitorNames: visitorIds.names, visitorsOfContact,
    contactsOfVisitor, journeys, createdAt,
  };
}

export interface Sessions {
  /** Per visit, its session index. */
  sessionOf: Int32Array;
  /** Per session: start time and first visit (in interaction order). */
  start: Float64Array;
  firstVisit: Int32Array;
  /** Per session: whether it is the first session ever of its session key (visitor id, else contact id). */
  isFirstOfKey: Uint8Array;
}

/**
 * Sessions (§7): a given session_id is one global session, never split; other rows are grouped by
 * visitor id (else contact id) and split after a gap of more than 30 minutes. No split at midnight.
 */
export function buildSessions(visits: readonly Visit[], order: Int32Array, contacts: Contacts, { time }: VisitColumns): Sessions {
  const { contactOfVisit, visitorOfVisit } = contacts;
  // Given session ids are read in sheet order first, for the same reason as VisitColumns.
  const givenSession = new Int32Array(visits.length).fill(-1);
  const given = new Interner();
  for (let v = 0; v < visits.length; v++) {
    const id = visits[v].sessionId;
    if (id !== null) givenSession[v] = given.indexOf(id);
  }
  const sessionOf = new Int32Array(visits.length);
  let count = 0;
  const sessionOfGiven = new Int32Array(given.names.length).fill(-1);
  // Per session key (visitor index, else contact index): its open derived session, and the time of its latest
  // interaction of any session: "a new session after 30 minutes without an interaction from the same visitor"
  // (§1), so a row in a given session keeps the visitor's derived session open, and one after such a gap ends it.
  const openByVisitor = new Int32Array(contacts.visitorNames.length).fill(-1);
  const openByContact = new Int32Array(contacts.ids.length).fill(-1);
  const lastByVisitor = new Float64Array(contacts.visitorNames.length);
  const lastByContact = new Float64Array(contacts.ids.length);
  for (let k = 0; k < order.length; k++) {
    const v = order[k];
    const t = time[v];
    const byVisitor = visitorOfVisit[v] >= 0;
    const key = byVisitor ? visitorOfVisit[v] : contactOfVisit[v];
    const last = byVisitor ? lastByVisitor : lastByContact;
    const open = byVisitor ? openByVisitor : openByContact;
    if (t - last[key] > SESSION_GAP_MS) open[key] = -1;
    let s: number;
    if (givenSession[v] >= 0) {
      s = sessionOfGiven[givenSession[v]];
      if (s < 0) sessionOfGiven[givenSession[v]] = s = count;
    } else {
      s = open[key];
      if (s < 0) open[key] = s = count;
    }
    if (s === count) count++;
    last[key] = t;
    sessionOf[v] = s;
  }
  // Sessions are numbered in order of their first visit: a second walk in order meets each session's first
  // visit as the next number (sized by the count, not the visits: these are the analysis's to keep).
  const start = new Float64Array(count);
  const firstVisit = new Int32Array(count);
  for (let k = 0, next = 0; next < count; k++) {
    const v = order[k];
    if (sessionOf[v] !== next) continue;
    start[next] = time[v];
    firstVisit[next++] = v;
  }
  // Sessions are numbered in order of their start, so the first one seen per key is its first ever.
  const isFirstOfKey = new Uint8Array(count);
  const seenVisitor = new Uint8Array(contacts.visitorNames.length);
  const seenContact = new Uint8Array(contacts.ids.length);
  for (let s = 0; s < count; s++) {
    const v = firstVisit[s];
    const byVisitor = visitorOfVisit[v] >= 0;
    const seen = byVisitor ? seenVisitor : seenContact;
    const key = byVisitor ? visitorOfVisit[v] : contactOfVisit[v];
    if (!seen[key]) {
      seen[key] = 1;
      isFirstOfKey[s] = 1;
    }
  }
  return { sessionOf, start, firstVisit, isFirstOfKey };
}
