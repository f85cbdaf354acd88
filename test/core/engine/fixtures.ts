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
  return { campaigns: [], assets: [], visits: [], deals: [], spend: [], dealContacts: [], contacts: [], ...parts };
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
