// Journeys, sessions and contact creation (attribution-models.md §1 and §7 "Journeys, sessions, creation").
import type { InteractionType, Visit, Workbook } from '../types';

/** Tie-break of interactions at the same instant (§1 "Ordering"); unlisted types come last. */
const TYPE_PRIORITY: Partial<Record<InteractionType, number>> = {
  ad_click: 0, page_view: 1, email_click: 2, cta_click: 3, social_click: 4, form_submission: 5, meeting: 6, call: 7,
};
const OTHER_PRIORITY = 8;
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

/** Visit indexes in interaction order: timestamp, type priority, sheet row. */
export function orderVisits(visits: readonly Visit[]): Int32Array {
  const order = new Int32Array(visits.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  const prio = (v: Visit) => TYPE_PRIORITY[v.type] ?? OTHER_PRIORITY;
  order.sort((a, b) => {
    const va = visits[a];
    const vb = visits[b];
    return va.timestamp - vb.timestamp || prio(va) - prio(vb) || va.row - vb.row;
  });
  return order;
}

export interface Contacts {
  ids: string[];
  indexById: Map<string, number>;
  /** Per contact, every visitor id it has used (Visits rows with both ids, and Contacts visitor_ids). */
  visitorIds: Set<string>[];
  /** Per contact, its stitched journey: visit indexes in interaction order. */
  journeys: Int32Array[];
  /** Per contact, creation time; NaN when the contact is never created. */
  createdAt: Float64Array;
  /** Per visitor id, the contacts that have used it. */
  contactsOfVisitor: Map<string, number[]>;
}

/** The contacts whose journeys hold a visit: its contact, or every contact of its anonymous visitor. */
export function contactsOfVisit(contacts: Contacts, visit: Visit): readonly number[] {
  if (visit.contactId !== null) return [contacts.indexById.get(visit.contactId)!];
  return (visit.visitorId !== null && contacts.contactsOfVisitor.get(visit.visitorId)) || [];
}

/** Whether a visit is in the contact's journey: its own row, or an anonymous row of one of its visitors. */
export function ownsVisit(contacts: Contacts, contact: number, visit: Visit): boolean {
  if (visit.contactId !== null) return visit.contactId === contacts.ids[contact];
  return visit.visitorId !== null && contacts.visitorIds[contact].has(visit.visitorId);
}

export function buildContacts(workbook: Workbook, order: Int32Array): Contacts {
  const { visits } = workbook;
  const ids: string[] = [];
  const indexById = new Map<string, number>();
  const visitorIds: Set<string>[] = [];
  const add = (id: string) => {
    let i = indexById.get(id);
    if (i === undefined) {
      i = ids.length;
      ids.push(id);
      indexById.set(id, i);
      visitorIds.push(new Set());
    }
    return i;
  };
  for (const c of workbook.contacts) {
    const i = add(c.id);
    for (const vid of c.visitorIds) visitorIds[i].add(vid);
  }
  for (const v of visits) {
    if (v.contactId === null) continue;
    const i = add(v.contactId);
    if (v.visitorId !== null) visitorIds[i].add(v.visitorId);
  }
  for (const d of workbook.deals) d.contactIds.forEach(add);
  for (const dc of workbook.dealContacts) add(dc.contactId);

  // A visitor id shared by two contacts puts its anonymous rows in both journeys (§7).
  const contactsOfVisitor = new Map<string, number[]>();
  visitorIds.forEach((set, i) => {
    for (const vid of set) {
      const list = contactsOfVisitor.get(vid);
      if (list) list.push(i);
      else contactsOfVisitor.set(vid, [i]);
    }
  });

  const lists: number[][] = ids.map(() => []);
  for (let k = 0; k < order.length; k++) {
    const v = order[k];
    const visit = visits[v];
    if (visit.contactId !== null) lists[indexById.get(visit.contactId)!].push(v);
    else if (visit.visitorId !== null) {
      const owners = contactsOfVisitor.get(visit.visitorId);
      if (owners) for (const i of owners) lists[i].push(v);
    }
  }
  const journeys = lists.map((l) => Int32Array.from(l));

  const createdAt = new Float64Array(ids.length).fill(NaN);
  for (const c of workbook.contacts) if (c.createdAt !== null) createdAt[indexById.get(c.id)!] = c.createdAt;
  journeys.forEach((journey, i) => {
    if (!Number.isNaN(createdAt[i]) || journey.length === 0) return;
    // Without created_at: the first form submission, else the first interaction, of the stitched journey.
    let form = -1;
    for (let k = 0; k < journey.length && form < 0; k++) if (visits[journey[k]].type === 'form_submission') form = journey[k];
    createdAt[i] = visits[form >= 0 ? form : journey[0]].timestamp;
  });
  return { ids, indexById, visitorIds, journeys, createdAt, contactsOfVisitor };
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

const sessionKeyOf = (v: Visit) => (v.visitorId !== null ? `v:${v.visitorId}` : `c:${v.contactId}`);

/**
 * Sessions (§7): a given session_id is one global session, never split; other rows are grouped by
 * visitor id (else contact id) and split after a gap of more than 30 minutes. No split at midnight.
 */
export function buildSessions(visits: readonly Visit[], order: Int32Array): Sessions {
  const sessionOf = new Int32Array(visits.length);
  const start: number[] = [];
  const firstVisit: number[] = [];
  const given = new Map<string, number>();
  const open = new Map<string, { session: number; last: number }>();
  for (let k = 0; k < order.length; k++) {
    const v = order[k];
    const visit = visits[v];
    let s: number | undefined;
    if (visit.sessionId !== null) {
      s = given.get(visit.sessionId);
      if (s === undefined) given.set(visit.sessionId, (s = start.length));
    } else {
      const key = sessionKeyOf(visit);
      const current = open.get(key);
      if (current && visit.timestamp - current.last <= SESSION_GAP_MS) {
        s = current.session;
        current.last = visit.timestamp;
      } else {
        s = start.length;
        open.set(key, { session: s, last: visit.timestamp });
      }
    }
    if (s === start.length) {
      start.push(visit.timestamp);
      firstVisit.push(v);
    }
    sessionOf[v] = s;
  }
  // Sessions are numbered in order of their start, so the first one seen per key is its first ever.
  const isFirstOfKey = new Uint8Array(start.length);
  const seenKeys = new Set<string>();
  for (let s = 0; s < start.length; s++) {
    const key = sessionKeyOf(visits[firstVisit[s]]);
    if (!seenKeys.has(key)) {
      seenKeys.add(key);
      isFirstOfKey[s] = 1;
    }
  }
  return { sessionOf, start: Float64Array.from(start), firstVisit: Int32Array.from(firstVisit), isFirstOfKey };
}
