// A small hand-built workbook for the report tests. Every expected number in the tests is worked out by
// hand from these rows (see the comments there); nothing is pasted from the code's output.
import type { Utm } from '../../../src/core/types';
import { asset, at, campaign, deal, visit, workbook } from '../engine/fixtures';

const utm = (fields: Partial<Utm>): Utm => ({ source: null, medium: null, campaign: null, term: null, content: null, ...fields });

export function reportWorkbook() {
  return workbook({
    campaigns: [
      campaign('C1', {
        name: 'Spring launch', utmCampaign: 'spring', createdAt: at('2024-01-01'), budget: 1000,
        goals: { sessions: 4, newContacts: 2, influencedContacts: 4, revenue: 5000 },
      }),
      campaign('C2', { name: 'Nurture', utmCampaign: 'nurture', createdAt: at('2024-01-01') }),
    ],
    assets: [
      asset('LP1', 'C1', { type: 'landing_page', name: 'Spring page', url: 'https://ex.com/spring' }),
      asset('F1', 'C1', { type: 'form', name: 'Spring form', url: 'https://ex.com/spring/form' }),
      asset('E1', 'C2', { type: 'email', name: 'Mail A', abGroup: 'g', abWinner: true, sent: 100, delivered: 95 }),
      asset('E2', 'C2', { type: 'email', name: 'Mail B', abGroup: 'g', abWinner: false, sent: 100, delivered: 90 }),
      asset('P1', 'C1', { type: 'paid_search', name: 'Shoes ads', keyword: 'shoes' }),
      asset('T1', 'C1', { type: 'tracking_url', name: 'Partner link', url: 'https://ex.com/t' }),
    ],
    visits: [
      // #1-#3: Ann's first session (visitor v1): a paid-search click, the landing page, the form that creates her.
      visit(null, '2024-02-01T10:00:00Z', { visitorId: 'v1', type: 'ad_click', assetId: 'P1', utm: utm({ source: 'google', medium: 'cpc', term: 'Running Shoes', campaign: 'spring' }) }),
      visit(null, '2024-02-01T10:01:00Z', { visitorId: 'v1', url: 'https://ex.com/spring?utm_medium=cpc', utm: utm({ source: 'google', medium: 'cpc', term: 'running shoes', campaign: 'spring' }) }),
      visit('ann', '2024-02-01T10:05:00Z', { visitorId: 'v1', type: 'form_submission', url: 'https://ex.com/spring/form' }),
      // #4-#5: Ann opens and clicks the winning email.
      visit('ann', '2024-02-10T09:00:00Z', { visitorId: 'v1', type: 'email_open', assetId: 'E1' }),
      visit('ann', '2024-02-10T09:01:00Z', { visitorId: 'v1', type: 'email_click', assetId: 'E1', utm: utm({ medium: 'email' }) }),
      // #6-#8: Bob clicks the losing variant, lands on the page from Google, submits the form.
      visit('bob', '2024-02-15T12:00:00Z', { visitorId: 'v2', type: 'email_click', assetId: 'E2', utm: utm({ medium: 'email' }) }),
      visit('bob', '2024-02-15T12:02:00Z', { visitorId: 'v2', url: 'https://ex.com/spring', referrer: 'https://www.google.com/' }),
      visit('bob', '2024-02-15T12:05:00Z', { visitorId: 'v2', type: 'form_submission', url: 'https://ex.com/spring/form' }),
      // #9: an anonymous visit with a utm value that matches no campaign.
      visit(null, '2024-03-01', { visitorId: 'v3', utm: utm({ campaign: 'old-promo' }) }),
    ],
    deals: [
      deal('D1', ['ann'], 1000, '2024-02-20', '2024-03-01'),
      deal('D2', ['bob'], 3000, '2024-03-05', '2024-03-10'),
      deal('D3', ['bob'], 500, '2024-03-06', null),
    ],
    spend: [
      { row: 2, date: at('2024-02-01'), campaignId: 'C2', amount: 300, channel: 'email' },
      { row: 3, date: at('2024-05-01'), campaignId: 'C2', amount: 200, channel: 'email' },
    ],
  });
}
