// Small builders for engine tests: typed records with defaults, so each test states only what matters.
import type { Asset, Campaign, Contact, Deal, DealContact, Visit, Workbook } from '../../../src/core/types';

/** ISO text to epoch ms; a bare date means 12:00 UTC, as in the spec's worked examples. */
export const at = (iso: string) => Date.parse(/T/.test(iso) ? iso : `${iso}T12:00:00Z`);

let row = 2;
const nextRow = () => row++;

export function campaign(id: string, fields: Partial<Campaign> = {}): Campaign {
  return {
    row: nextRow(), id, name: id, utmCampaign: id, formerUtmCampaigns: [], createdAt: at('2020-01-01'),
    startDate: null, endDate: null,
    goals: { sessions: null, newContacts: null, influencedContacts: null, revenue: null }, budget: null,
    ...fields,
  };
}

export function asset(id: string, campaignId: string, fields: Partial<Asset> = {}): Asset {
  return {
    row: nextRow(), id, campaignId, type: 'landing_page', name: id, url: null, associatedAt: at('2020-01-01'),
    publishedAt: null, abGroup: null, abWinner: false, keyword: null, sent: null, delivered: null, views: null,
    ...fields,
  };
}

/** A visit by a contact (or a visitor, with contactId null) at an ISO time, tagged with utm_campaign. */
export function visit(contactId: string | null, when: string, fields: Partial<Visit> & { campaign?: string } = {}): Visit {
  const { campaign: utmCampaign = null, ...rest } = fields;
  return {
    row: nextRow(), timestamp: at(when), visitorId: null, contactId, sessionId: null, type: 'page_view', url: null,
    assetId: null, utm: { source: null, medium: null, campaign: utmCampaign, term: null, content: null },
    referrer: null, source: null, manuallyLogged: false,
    ...rest,
  };
}

export function deal(id: string, contactIds: string[], amount: number, created: string, closed: string | null, fields: Partial<Deal> = {}): Deal {
  return {
    row: nextRow(), id, name: id, amount, currency: null, stage: closed ? 'won' : 'open',
    createdAt: at(created), closedAt: closed ? at(closed) : null, contactIds, ...fields,
  };
}

export function contact(id: string, fields: Partial<Contact> = {}): Contact {
  return { row: nextRow(), id, createdAt: null, email: null, visitorIds: [], ...fields };
}

export function dealContact(dealId: string, contactId: string, associated: string): DealContact {
  return { row: nextRow(), dealId, contactId, associatedAt: at(associated) };
}

export function workbook(parts: Partial<Workbook>): Workbook {
  return { campaigns: [], assets: [], visits: [], deals: [], otherCurrencyDeals: [], spend: [], dealContacts: [], contacts: [], ...parts };
}

/**
 * Where the Markov order matters. x: A > B, won $100; y: C > B, no deal.
 * Order 1 (states A, B, C): P = 1/2; without A or C, 1/4 (removal effect 1/2 each); without B, 0 (effect 1):
 * A $25, B $50, C $25. Order 2 (states ·A, ·C, AB, CB): only AB converts, so without A P = 0 (effect 1),
 * without C P stays 1/2 (effect 0), without B 0 (effect 1): A $50, B $50, C $0.
 */
export function markovOrderWorkbook(): Workbook {
  return workbook({
    campaigns: [campaign('A'), campaign('B'), campaign('C')],
    visits: [
      visit('x', '2024-01-01', { campaign: 'A' }), visit('x', '2024-01-02', { campaign: 'B' }),
      visit('y', '2024-01-01', { campaign: 'C' }), visit('y', '2024-01-02', { campaign: 'B' }),
    ],
    deals: [deal('D-x', ['x'], 100, '2024-01-05', '2024-01-10')],
  });
}

/**
 * Where a run of one channel matters at Markov order ≥ 2. x: P A A X (01-01 … 01-04), won $100 closed 01-10;
 * y: Q A A Y, no deal. Orders 1 and 2: x and y meet in A (state A, or (A,A)), which goes on to X or Y half
 * the time: P = 1/2; without P (or Q) 1/4, effect 1/2; without A or X 0, effect 1; without Y 1/2, effect 0.
 * Effects add up to 3: P $16.67, Q $16.67, A $33.33, X $33.33, Y $0. Order 3: the states (P,A,A), (A,A,X) and
 * (Q,A,A), (A,A,Y) keep x and y apart: without P 0 (effect 1), without Q 1/2 (effect 0), A and X 1, Y 0:
 * P $33.33, Q $0, A $33.33, X $33.33, Y $0. (With the runs collapsed, P A X and Q A Y never meet at order 2
 * either, so order 2 would give the order-3 figures.)
 */
export function markovRunsWorkbook(): Workbook {
  return workbook({
    campaigns: ['P', 'Q', 'A', 'X', 'Y'].map((id) => campaign(id)),
    visits: [
      visit('x', '2024-01-01', { campaign: 'P' }), visit('x', '2024-01-02', { campaign: 'A' }),
      visit('x', '2024-01-03', { campaign: 'A' }), visit('x', '2024-01-04', { campaign: 'X' }),
      visit('y', '2024-01-01', { campaign: 'Q' }), visit('y', '2024-01-02', { campaign: 'A' }),
      visit('y', '2024-01-03', { campaign: 'A' }), visit('y', '2024-01-04', { campaign: 'Y' }),
    ],
    deals: [deal('D-x', ['x'], 100, '2024-01-05', '2024-01-10')],
  });
}

/**
 * A utm value two campaigns share (§7: the first campaign in sheet order keeps it, current and former values
 * alike). A (utm alpha, former spring) is on row 2, B (utm spring) on row 3: the visit tagged spring is A's,
 * so A gets the whole $100 of the won deal and B nothing.
 */
export function sharedUtmWorkbook(): Workbook {
  return workbook({
    campaigns: [campaign('A', { utmCampaign: 'alpha', formerUtmCampaigns: ['spring'] }), campaign('B', { utmCampaign: 'spring' })],
    visits: [visit('x', '2024-01-01', { campaign: 'spring' })],
    deals: [deal('D-x', ['x'], 100, '2024-01-05', '2024-01-10')],
  });
}
