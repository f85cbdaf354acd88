// attribution-models.md §6: every worked example, with the expected numbers typed from the spec.
import type { InteractionType } from '../../../src/core/types';
import { campaign, deal, visit, workbook } from './fixtures';
import { expectAmount, run } from './run';

const NONE = '(no campaign)';

describe('Example A: one contact, revenue $10,000', () => {
  const touch = (when: string, type: InteractionType, utm: string | null) =>
    visit('ann', when, { type, campaign: utm ?? undefined });
  const wb = workbook({
    campaigns: ['Spring SEO', 'Nurture', 'Ebook', 'ABM'].map((id) => campaign(id)),
    visits: [
      touch('2024-03-01', 'page_view', 'Spring SEO'), // T1 FIRST
      touch('2024-03-05', 'email_click', 'Nurture'), // T2
      touch('2024-03-08', 'form_submission', 'Ebook'), // T3 LEAD: creates the contact
      touch('2024-03-20', 'ad_click', 'ABM'), // T4
      touch('2024-03-28T12:00:00Z', 'meeting', 'ABM'), // T5 DEAL
      touch('2024-04-10', 'page_view', null), // T6
      touch('2024-04-14', 'email_click', 'Nurture'), // T7 WON
      touch('2024-04-20', 'page_view', 'Spring SEO'), // T8 after close
    ],
    deals: [deal('D1', ['ann'], 10000, '2024-03-28T12:30:00Z', '2024-04-15')],
  });
  const { of } = run(wb);
  const table: Record<string, Record<string, number>> = {
    first_interaction: { 'Spring SEO': 10000, Nurture: 0, Ebook: 0, ABM: 0, [NONE]: 0 },
    last_interaction: { 'Spring SEO': 0, Nurture: 10000, Ebook: 0, ABM: 0, [NONE]: 0 },
    linear: { 'Spring SEO': 1428.57, Nurture: 2857.14, Ebook: 1428.57, ABM: 2857.14, [NONE]: 1428.57 },
    u_shaped: { 'Spring SEO': 4000, Nurture: 800, Ebook: 4000, ABM: 800, [NONE]: 400 },
    w_shaped: { 'Spring SEO': 3000, Nurture: 500, Ebook: 3000, ABM: 3250, [NONE]: 250 },
    full_path: { 'Spring SEO': 2250, Nurture: 2583.33, Ebook: 2250, ABM: 2583.33, [NONE]: 333.33 },
    j_shaped: { 'Spring SEO': 2000, Nurture: 6400, Ebook: 400, ABM: 800, [NONE]: 400 },
    inverse_j: { 'Spring SEO': 6000, Nurture: 2400, Ebook: 400, ABM: 800, [NONE]: 400 },
    time_decay: { 'Spring SEO': 64.08, Nurture: 5094.42, Ebook: 128.16, ABM: 1349.13, [NONE]: 3364.21 },
  };
  for (const [model, expected] of Object.entries(table)) {
    test.each(Object.entries(expected))(`${model}: %s gets %d`, (id, amount) => {
      expectAmount(of(id).attribution[model].revenue, amount);
      expectAmount(of(id).revenue[model].revenue, amount);
    });
  }
  test('the even-split revenue report is linear on revenue', () => {
    expectAmount(of('Nurture').revenue.linear.revenue, 2857.14);
  });
});

describe('Example B: small journeys, $1,000', () => {
  const base = (visits: ReturnType<typeof visit>[], closed = '2024-01-10', amount = 1000) => workbook({
    campaigns: ['A', 'B', 'C', 'D'].map((id) => campaign(id)),
    visits,
    deals: [deal('D1', ['bo'], amount, '2024-01-05', closed)],
  });

  test('one touch gets 1000 under every model', () => {
    const { of } = run(base([visit('bo', '2024-01-02', { type: 'form_submission', campaign: 'A' })]));
    for (const model of ['first_interaction', 'last_interaction', 'linear', 'u_shaped', 'w_shaped', 'full_path', 'time_decay', 'j_shaped', 'inverse_j', 'markov', 'shapley']) {
      expectAmount(of('A').attribution[model].revenue, 1000);
    }
  });

  test('two touches: T1 FIRST; T2 LEAD, DEAL and WON', () => {
    const { of } = run(base([
      visit('bo', '2024-01-01', { campaign: 'A' }),
      visit('bo', '2024-01-02', { type: 'form_submission', campaign: 'B' }),
    ]));
    const expected: Record<string, [number, number]> = {
      u_shaped: [500, 500], w_shaped: [333.33, 666.67], full_path: [250, 750], j_shaped: [250, 750], inverse_j: [750, 250],
    };
    for (const [model, [a, b]] of Object.entries(expected)) {
      expectAmount(of('A').attribution[model].revenue, a);
      expectAmount(of('B').attribution[model].revenue, b);
    }
  });

  test('a touch one minute after the close is excluded; one at the close instant is included', () => {
    const { of } = run(base([
      visit('bo', '2024-01-02', { type: 'form_submission', campaign: 'A' }),
      visit('bo', '2024-01-10T12:00:00Z', { campaign: 'B' }),
      visit('bo', '2024-01-10T12:01:00Z', { campaign: 'C' }),
    ]));
    expectAmount(of('A').attribution.linear.revenue, 500);
    expectAmount(of('B').attribution.linear.revenue, 500);
    expectAmount(of('C').attribution.linear.revenue, 0);
  });

  test('time decay: touches 14, 7 and 0 days before $700 get 100, 200, 400', () => {
    const { of } = run(base([
      visit('bo', '2024-01-01', { type: 'form_submission', campaign: 'A' }),
      visit('bo', '2024-01-08', { campaign: 'B' }),
      visit('bo', '2024-01-15', { campaign: 'C' }),
    ], '2024-01-15', 700));
    expectAmount(of('A').attribution.time_decay.revenue, 100);
    expectAmount(of('B').attribution.time_decay.revenue, 200);
    expectAmount(of('C').attribution.time_decay.revenue, 400);
  });

  test('time decay: touches 0, 0, 6 and 9 days before $50 get 16.88, 16.88, 9.32, 6.92', () => {
    const { of } = run(base([
      visit('bo', '2024-01-01', { type: 'form_submission', campaign: 'D' }),
      visit('bo', '2024-01-04', { campaign: 'C' }),
      visit('bo', '2024-01-10', { type: 'ad_click', campaign: 'A' }),
      visit('bo', '2024-01-10', { campaign: 'B' }),
    ], '2024-01-10', 50));
    expectAmount(of('A').attribution.time_decay.revenue, 16.88);
    expectAmount(of('B').attribution.time_decay.revenue, 16.88);
    expectAmount(of('C').attribution.time_decay.revenue, 9.32);
    expectAmount(of('D').attribution.time_decay.revenue, 6.92);
  });
});

describe('Example C: two contacts, $6,000', () => {
  const wb = workbook({
    campaigns: ['Blog', 'Webinar', 'Paid Social', 'Demo', 'Nurture'].map((id) => campaign(id)),
    visits: [
      visit('bo', '2024-05-01', { campaign: 'Blog' }), // #1 FIRST
      visit('bo', '2024-05-02', { type: 'form_submission', campaign: 'Webinar' }), // #2 LEAD: creates Bo
      visit('cy', '2024-05-20', { type: 'ad_click', campaign: 'Paid Social' }), // #3
      visit('bo', '2024-06-01', { type: 'marketing_event', campaign: 'Webinar' }), // #4
      visit('cy', '2024-06-05', { type: 'form_submission', campaign: 'Demo' }), // #5 creates Cy
      visit('cy', '2024-06-10T12:00:00Z', { type: 'meeting' }), // #6 DEAL
      visit('bo', '2024-06-25', { type: 'email_click', campaign: 'Nurture' }), // #7 WON
      visit('cy', '2024-07-02', { campaign: 'Blog' }), // #8 after close
    ],
    deals: [deal('D1', ['bo', 'cy'], 6000, '2024-06-10T12:30:00Z', '2024-06-30')],
  });
  const { of } = run(wb);

  test('W-shaped', () => {
    const expected = { Blog: 1800, Webinar: 1950, 'Paid Social': 150, Demo: 150, [NONE]: 1800, Nurture: 150 };
    for (const [id, amount] of Object.entries(expected)) expectAmount(of(id).attribution.w_shaped.revenue, amount);
  });
  test('Linear: 857.14 each interaction; Webinar 1714.29', () => {
    expectAmount(of('Webinar').attribution.linear.revenue, 1714.29);
    for (const id of ['Blog', 'Paid Social', 'Demo', NONE, 'Nurture']) expectAmount(of(id).attribution.linear.revenue, 857.14);
  });
});
