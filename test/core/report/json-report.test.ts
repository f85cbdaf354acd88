// The JSON report on a hand-built workbook (report-fixture.ts): every figure below is worked out by hand.
//
// Resolution: #1 P1→C1, #2 LP1→C1, #3 F1→C1, #4-#5 E1 (winner)→C2, #6 E2 (loser)→none, #7 LP1→C1, #8 F1→C1,
// #9 'old-promo'→none. Ann = #1-#5 (stitched by v1), created by #3; Bob = #6-#8, created by #8.
// Sessions: S1 = #1-#3 (C1 page view), S2 = #4-#5 (no page view), S3 = #6-#8 (C1), S4 = #9 (none).
// D1 (Ann, 1000, won 03-01): eligible path #1 #2 #3 #5 (the open #4 earns nothing).
// D2 (Bob, 3000, won 03-10): path #6 #7 #8. D3 (Bob, 500) is open.
import { analyze } from '../../../src/core/engine';
import { buildJsonReport } from '../../../src/core/report/json-report';
import { buildReportData, type ReportOptions } from '../../../src/core/report/report-data';
import type { Workbook } from '../../../src/core/types';
import { visit } from '../engine/fixtures';
import { reportWorkbook } from './report-fixture';

const OPTIONS: ReportOptions = {
  model: 'u_shaped', touch: 'first', from: null, to: '2024-04-30', frequency: 'monthly', tz: 'UTC',
  campaignIds: null, lookbackDays: null, channels: 'campaign', markovOrder: 1,
};

function report(options: Partial<ReportOptions> = {}, wb: Workbook = reportWorkbook()) {
  const analysis = analyze(wb, { lookbackDays: null });
  return buildJsonReport(buildReportData(analysis, [], { ...OPTIONS, ...options }), '2024-05-01T08:00:00.000Z', 'en', 'EUR');
}
const campaign = (json: ReturnType<typeof report>, id: string) => json.campaigns.find((c) => c.id === id)!;

describe('JSON report', () => {
  const json = report();
  const c1 = campaign(json, 'C1');
  const c2 = campaign(json, 'C2');
  const none = campaign(json, '(no campaign)');

  test('options state the provenance', () => {
    expect(json.version).toBe(1);
    expect(json.options).toEqual({
      model: 'u_shaped', touch: 'first', from: null, to: '2024-04-30', frequency: 'monthly', tz: 'UTC', currency: 'EUR',
      lookback_days: null, channels: 'campaign', markov_order: 1, generated_at: '2024-05-01T08:00:00.000Z',
    });
  });

  test('campaigns in workbook order, then "(no campaign)"', () => {
    expect(json.campaigns.map((c) => c.id)).toEqual(['C1', 'C2', '(no campaign)']);
    expect(c1.name).toBe('Spring launch');
  });

  test('overview: sessions S1+S3, first-touch new contacts (both first page views are LP1), influenced contacts', () => {
    expect(c1.overview).toEqual({
      sessions: 2, new_contacts: 2, influenced_contacts: 2,
      goals: { sessions: 4, new_contacts: 2, influenced_contacts: 4, revenue: 5000 },
    });
    expect(c2.overview).toMatchObject({ sessions: 0, new_contacts: 0, influenced_contacts: 1 });
    // Bob's first interaction of campaign none is the losing variant's click (#6).
    expect(none.overview).toEqual({
      sessions: 1, new_contacts: 0, influenced_contacts: 1,
      goals: { sessions: null, new_contacts: null, influenced_contacts: null, revenue: null },
    });
  });

  test('revenue (even split): D1 250 per touch, D2 1000 per touch', () => {
    expect(c1.revenue).toEqual({ revenue: 2750, deals_with_revenue: 2, associated_deal_value: 4000, contacts_with_revenue: 2 });
    expect(c2.revenue).toEqual({ revenue: 250, deals_with_revenue: 1, associated_deal_value: 1000, contacts_with_revenue: 1 });
    expect(none.revenue).toEqual({ revenue: 1000, deals_with_revenue: 1, associated_deal_value: 3000, contacts_with_revenue: 1 });
  });

  test('revenue attribution (U-shaped): D1 FIRST #1 400, LEAD #3 400, #2 and #5 100 each; D2 FIRST #6 1200, LEAD #8 1200, #7 600', () => {
    expect(c1.revenue_attribution).toEqual({ model: 'u_shaped', revenue: 2700, deals_with_revenue: 2, associated_deal_value: 4000, contacts_with_revenue: 2 });
    expect(c2.revenue_attribution).toEqual({ model: 'u_shaped', revenue: 100, deals_with_revenue: 1, associated_deal_value: 1000, contacts_with_revenue: 1 });
    expect(none.revenue_attribution).toEqual({ model: 'u_shaped', revenue: 1200, deals_with_revenue: 1, associated_deal_value: 3000, contacts_with_revenue: 1 });
  });

  test('influenced revenue: D1 for C1 and C2 (Ann), D2 for C1 and none (Bob)', () => {
    expect([c1.influenced_revenue, c2.influenced_revenue, none.influenced_revenue]).toEqual([4000, 1000, 3000]);
  });

  test('attribution: linear contact creation, deal creation and revenue; W-shaped does not apply to contact creation', () => {
    // Ann's creation path #1 #2 #3 (all C1); Bob's #6 #7 #8 (none, C1, C1). D1 at creation: #1 #2 #3 #5; D2 and D3: #6 #7 #8.
    expect(c1.attribution.linear.contact_create).toBeCloseTo(1 + 2 / 3, 12);
    expect(none.attribution.linear.contact_create).toBeCloseTo(1 / 3, 12);
    expect(c1.attribution.linear.deal_create).toBeCloseTo(0.75 + 2 / 3 + 2 / 3, 12);
    expect(c2.attribution.linear.deal_create).toBeCloseTo(0.25, 12);
    expect(c1.attribution.linear.revenue).toBeCloseTo(2750, 9);
    expect(c1.attribution.w_shaped.contact_create).toBeNull();
    expect(c1.attribution.full_path.deal_create).toBeNull();
    expect(Object.keys(c1.attribution)).toEqual([
      'first_interaction', 'last_interaction', 'linear', 'u_shaped', 'w_shaped', 'full_path', 'time_decay', 'j_shaped', 'inverse_j',
      'markov', 'shapley',
    ]);
  });

  test('data-driven models: channel paths C1 C1 C1 C2 ($1000) and none C1 C1 ($3000), no null paths', () => {
    // Shapley: D1 splits 500/500 between C1 and C2, D2 1500/1500 between none and C1.
    expect([c1.attribution.shapley.revenue, c2.attribution.shapley.revenue, none.attribution.shapley.revenue]).toEqual([2000, 500, 1500]);
    // Markov: every path converts, so a removal effect is the share of paths visiting the channel:
    // C1 1, C2 0.5, none 0.5; credit = effect / 2 × $4000.
    expect(c1.attribution.markov.revenue).toBeCloseTo(2000, 9);
    expect(c2.attribution.markov.revenue).toBeCloseTo(1000, 9);
    expect(none.attribution.markov.revenue).toBeCloseTo(1000, 9);
    expect(c1.attribution.markov.contact_create).toBeNull();
  });

  test('series: periods with a non-zero figure', () => {
    expect(c1.series).toEqual([{ period: '2024-02', new_contacts: 2, influenced_contacts: 2, sessions: 2 }]);
    expect(none.series).toEqual([
      { period: '2024-02', new_contacts: 0, influenced_contacts: 1, sessions: 0 },
      { period: '2024-03', new_contacts: 0, influenced_contacts: 0, sessions: 1 },
    ]);
  });

  test('traffic by source and the drill-downs', () => {
    // Views: #2 paid search (cpc from google), #7 organic search. New-visitor sessions: S1 starts with the
    // paid-search click #1, S3 with the e-mail click #6. First-touch contacts: Ann via #2, Bob via #7.
    expect(c1.traffic.by_source).toEqual([
      { source: 'email', views: 0, new_visitor_sessions: 1, contacts_first_touch: 0 },
      { source: 'organic_search', views: 1, new_visitor_sessions: 0, contacts_first_touch: 1 },
      { source: 'paid_search', views: 1, new_visitor_sessions: 1, contacts_first_touch: 1 },
    ]);
    expect(c1.traffic.paid_search_by_term).toEqual([{ term: 'running shoes', views: 1, new_visitor_sessions: 1, contacts_first_touch: 1 }]);
    expect(c1.traffic.organic_social_by_network).toEqual([]);
    expect(none.traffic.other_campaigns).toEqual([{ source_medium: '(not set) / (not set)', views: 1, new_visitor_sessions: 1, contacts_first_touch: 0 }]);
  });

  test('asset sections: each type with its own metrics, full history', () => {
    expect(c1.assets).toEqual([
      { id: 'LP1', type: 'landing_page', name: 'Spring page', metrics: { views: 2, sessions: 2, new_contacts: 2, form_submissions: 0 } },
      { id: 'F1', type: 'form', name: 'Spring form', metrics: { submissions: 2, new_contacts: 2 } },
      { id: 'P1', type: 'paid_search', name: 'Shoes ads', metrics: { clicks: 1, contacts: 1 }, by_term: [{ term: 'running shoes', clicks: 1 }] },
    ]);
    // T1, a tracking URL never visited, is not listed: it appears once visited after C1 was created.
    // The losing variant's click shows in its own section even though it counts for no campaign.
    expect(c2.assets).toEqual([
      { id: 'E1', type: 'email', name: 'Mail A', metrics: { sent: 100, delivered: 95, opens: 1, clicks: 1, winner: true } },
      { id: 'E2', type: 'email', name: 'Mail B', metrics: { sent: 100, delivered: 90, opens: 0, clicks: 1, winner: false } },
    ]);
  });

  test('money: spend from the Spend sheet in range, else the budget; ROAS, ROI and costs against U-shaped revenue', () => {
    // C1 has no Spend rows: its budget, said so; C2's Spend rows.
    expect(c1.money).toEqual({ spend: 1000, spend_source: 'budget', roas: 2.7, roi: 1.7, cost_per_new_contact: 500, cost_per_won_deal: 500 });
    expect(c2.money!.spend).toBe(300);
    expect(c2.money!.spend_source).toBe('spend_sheet');
    expect(c2.money!.roas).toBeCloseTo(1 / 3, 12);
    expect(c2.money!.roi).toBeCloseTo(-2 / 3, 12);
    expect(c2.money!.cost_per_new_contact).toBeNull();
    expect(c2.money!.cost_per_won_deal).toBe(300);
  });

  test('totals cover the whole workbook in range', () => {
    expect(json.totals).toEqual({ closed_won_revenue: 4000, unattributed_revenue: 0, contacts_created: 2, deals_created: 3 });
  });

  test('--campaign limits the list, not the totals', () => {
    const only = report({ campaignIds: ['C2'] });
    expect(only.campaigns.map((c) => c.id)).toEqual(['C2']);
    expect(only.totals.closed_won_revenue).toBe(4000);
  });

  test('date ranges: contacts and deals by creation, revenue by close', () => {
    const feb = report({ from: '2024-02-01', to: '2024-02-29' });
    expect(feb.totals).toEqual({ closed_won_revenue: 0, unattributed_revenue: 0, contacts_created: 2, deals_created: 1 });
    const mar = report({ from: '2024-03-01', to: '2024-03-31' });
    expect(mar.totals).toEqual({ closed_won_revenue: 4000, unattributed_revenue: 0, contacts_created: 0, deals_created: 2 });
    expect(campaign(mar, 'C1').overview.new_contacts).toBe(0);
  });

  // Our additions to cli.md: report 6 by asset and by interaction type, report 2's drill-down, report 5's
  // tracking URLs. U-shaped credit per interaction (see "revenue attribution" above):
  //   contact creation: Ann #1 #2 #3 → .4 .2 .4; Bob #6 #7 #8 → .4 .2 .4.
  //   deal creation: D1 #1 #2 #3 #5 → .4 .1 .4 .1; D2 and D3 each #6 #7 #8 → .4 .2 .4.
  //   revenue: D1 #1 400, #2 100, #3 400, #5 100; D2 #6 1200, #7 600, #8 1200.
  // Assets: #1 P1, #2 and #7 LP1, #3 and #8 F1 (all C1); #5 E1 (C2); #6 E2 (the losing variant: campaign none).
  test('attribution by asset: C1 P1 (.4, .4, 400), LP1 (.2+.2, .1+.2+.2, 100+600), F1 (.4+.4, .4+.4+.4, 400+1200)', () => {
    const credit = (rows: typeof c1.attribution_by_asset) => rows!.map((r) => ({ ...r, contact_create: round(r.contact_create), deal_create: round(r.deal_create), revenue: round(r.revenue) }));
    expect(credit(c1.attribution_by_asset)).toEqual([
      { asset_id: 'F1', asset_type: 'form', contact_create: 0.8, deal_create: 1.2, revenue: 1600 },
      { asset_id: 'LP1', asset_type: 'landing_page', contact_create: 0.4, deal_create: 0.5, revenue: 700 },
      { asset_id: 'P1', asset_type: 'paid_search', contact_create: 0.4, deal_create: 0.4, revenue: 400 },
    ]);
    // #5 created no contact (Ann was created by #3, before it).
    expect(credit(c2.attribution_by_asset)).toEqual([{ asset_id: 'E1', asset_type: 'email', contact_create: 0, deal_create: 0.1, revenue: 100 }]);
    expect(credit(none.attribution_by_asset)).toEqual([{ asset_id: 'E2', asset_type: 'email', contact_create: 0.4, deal_create: 0.8, revenue: 1200 }]);
  });

  test('attribution by interaction type: #1 ad_click, #2 #7 page_view, #3 #8 form_submission, #5 #6 email_click', () => {
    const credit = (rows: typeof c1.attribution_by_interaction_type) => rows!.map((r) => ({ ...r, contact_create: round(r.contact_create), deal_create: round(r.deal_create), revenue: round(r.revenue) }));
    expect(credit(c1.attribution_by_interaction_type)).toEqual([
      { interaction_type: 'ad_click', contact_create: 0.4, deal_create: 0.4, revenue: 400 },
      { interaction_type: 'form_submission', contact_create: 0.8, deal_create: 1.2, revenue: 1600 },
      { interaction_type: 'page_view', contact_create: 0.4, deal_create: 0.5, revenue: 700 },
    ]);
    expect(credit(c2.attribution_by_interaction_type)).toEqual([{ interaction_type: 'email_click', contact_create: 0, deal_create: 0.1, revenue: 100 }]);
    expect(credit(none.attribution_by_interaction_type)).toEqual([{ interaction_type: 'email_click', contact_create: 0.4, deal_create: 0.8, revenue: 1200 }]);
  });

  test('by asset and by interaction type: contact creation null where the model does not apply, null lists for data-driven models', () => {
    const w = campaign(report({ model: 'w_shaped' }), 'C1');
    expect(w.attribution_by_asset!.every((r) => r.contact_create === null && r.deal_create !== null)).toBe(true);
    const markov = campaign(report({ model: 'markov' }), 'C1');
    expect(markov.attribution_by_asset).toBeNull();
    expect(markov.attribution_by_interaction_type).toBeNull();
  });

  test('revenue drill-down: every credited interaction of U-shaped, its credits summing to the campaign\'s revenue', () => {
    const wb = reportWorkbook();
    const rowOf = (n: number) => wb.visits[n - 1].row;
    const json1 = report({}, wb);
    const [d1, d2] = ['2024-03-01T12:00:00.000Z', '2024-03-10T12:00:00.000Z'];
    // contact_ids: the deal's contact whose journey holds the row; #1 and #2 are anonymous rows of Ann's visitor v1.
    const owner: Record<string, string> = { D1: 'ann', D2: 'bob' };
    const line = (deal: string, closedAt: string, amount: number, n: number, at: string, type: string, contact: string | null, visitor: string, asset: string, credit: number) => ({
      deal_id: deal, closed_at: closedAt, amount, contact_ids: [owner[deal]], visit_row: rowOf(n), interaction_at: at, interaction_type: type,
      contact_id: contact, visitor_id: visitor, asset_id: asset, credit,
    });
    const rounded = (c: typeof c1) => c.revenue_drill_down.map((r) => ({ ...r, credit: round(r.credit) }));
    expect(rounded(campaign(json1, 'C1'))).toEqual([
      line('D1', d1, 1000, 1, '2024-02-01T10:00:00.000Z', 'ad_click', null, 'v1', 'P1', 400),
      line('D1', d1, 1000, 2, '2024-02-01T10:01:00.000Z', 'page_view', null, 'v1', 'LP1', 100),
      line('D1', d1, 1000, 3, '2024-02-01T10:05:00.000Z', 'form_submission', 'ann', 'v1', 'F1', 400),
      line('D2', d2, 3000, 7, '2024-02-15T12:02:00.000Z', 'page_view', 'bob', 'v2', 'LP1', 600),
      line('D2', d2, 3000, 8, '2024-02-15T12:05:00.000Z', 'form_submission', 'bob', 'v2', 'F1', 1200),
    ]);
    expect(rounded(campaign(json1, 'C2'))).toEqual([line('D1', d1, 1000, 5, '2024-02-10T09:01:00.000Z', 'email_click', 'ann', 'v1', 'E1', 100)]);
    expect(rounded(campaign(json1, '(no campaign)'))).toEqual([line('D2', d2, 3000, 6, '2024-02-15T12:00:00.000Z', 'email_click', 'bob', 'v2', 'E2', 1200)]);
    for (const model of ['u_shaped', 'linear', 'time_decay', 'shapley']) {
      for (const c of report({ model }).campaigns) {
        const sum = c.revenue_drill_down.reduce((s, r) => s + r.credit!, 0);
        expect(sum).toBeCloseTo(c.revenue_attribution.revenue, 9);
      }
    }
  });

  test('revenue drill-down of the data-driven models: the deals, with Shapley\'s per-deal credit and none for Markov', () => {
    // Shapley: D1 500 to C1 and to C2; D2 1500 to none and to C1.
    const deals = (c: typeof c1) => c.revenue_drill_down.map((r) => [r.deal_id, r.visit_row, r.interaction_type, r.asset_id, r.credit]);
    const shapley = report({ model: 'shapley' });
    expect(deals(campaign(shapley, 'C1'))).toEqual([['D1', null, null, null, 500], ['D2', null, null, null, 1500]]);
    expect(deals(campaign(shapley, 'C2'))).toEqual([['D1', null, null, null, 500]]);
    const markov = report({ model: 'markov' });
    expect(deals(campaign(markov, 'C1'))).toEqual([['D1', null, null, null, null], ['D2', null, null, null, null]]);
    expect(deals(campaign(markov, '(no campaign)'))).toEqual([['D2', null, null, null, null]]);
  });

  test('influenced revenue drill-down: each influenced deal with the contacts and the earliest first touch behind it', () => {
    // As in the tables test: Spring launch D1 (Ann's ad click #1) and D2 (Bob's page view #7), Nurture D1 (Ann's
    // open #4), "(no campaign)" D2 (Bob's click on the losing variant, #6).
    const wb = reportWorkbook();
    const rowOf = (n: number) => wb.visits[n - 1].row;
    const json = report({}, wb);
    const rows = (id: string) => campaign(json, id).influenced_revenue_drill_down.map((r) => [r.deal_id, r.amount, r.contact_ids, r.visit_row, r.interaction_type]);
    expect(rows('C1')).toEqual([['D1', 1000, ['ann'], rowOf(1), 'ad_click'], ['D2', 3000, ['bob'], rowOf(7), 'page_view']]);
    expect(rows('C2')).toEqual([['D1', 1000, ['ann'], rowOf(4), 'email_open']]);
    expect(rows('(no campaign)')).toEqual([['D2', 3000, ['bob'], rowOf(6), 'email_click']]);
    for (const c of json.campaigns) {
      expect(c.influenced_revenue_drill_down.reduce((s, r) => s + r.amount, 0)).toBe(c.influenced_revenue);
    }
  });

  test('tracking URLs: each tracking_url asset with its url, visits and contacts', () => {
    // T1 is not listed until visited after C1 was created.
    expect(c1.tracking_urls).toEqual([]);
    expect(c2.tracking_urls).toEqual([]);
    expect(none.tracking_urls).toEqual([]);
    // Ann follows the link (by asset id) after D1 closed, an anonymous visitor by its URL: two visits, one contact.
    const wb = reportWorkbook();
    wb.visits.push(
      visit('ann', '2024-04-01', { visitorId: 'v1', assetId: 'T1' }),
      visit(null, '2024-04-02', { visitorId: 'v9', url: 'https://ex.com/t' }),
    );
    expect(campaign(report({}, wb), 'C1').tracking_urls).toEqual([{ asset_id: 'T1', url: 'https://ex.com/t', visits: 2, contacts: 1 }]);
  });
});

/** Credit to 9 decimals, so sums of shares compare exactly with the worked figures. */
function round(x: number | null): number | null {
  return x === null ? null : Math.round(x * 1e9) / 1e9;
}
