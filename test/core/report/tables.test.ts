// Report tables built from the hand-built workbook of report-fixture.ts (figures worked out in json-report.test.ts).
import { analyze } from '../../../src/core/engine';
import { buildReportData, type ReportOptions } from '../../../src/core/report/report-data';
import type { ReportTable } from '../../../src/core/report/table';
import { buildReportDocument } from '../../../src/core/report/tables';
import { visit } from '../engine/fixtures';
import { reportWorkbook } from './report-fixture';

const OPTIONS: ReportOptions = {
  model: 'u_shaped', touch: 'first', from: null, to: '2024-04-30', frequency: 'monthly', tz: 'UTC',
  campaignIds: null, lookbackDays: null, channels: 'campaign', markovOrder: 1,
};

function documentFor(options: Partial<ReportOptions> = {}, wb = reportWorkbook()) {
  const problems = [{
    severity: 'warning' as const, sheet: 'Assets', row: 9, column: 'campaign_id', messageId: 'ingest.asset_moved' as const,
    params: { id: 'OLD', from: 'C2', campaign: 'C1', row: 10 }, fatal: false,
  }];
  const data = buildReportData(analyze(wb, { lookbackDays: null }), problems, { ...OPTIONS, ...options });
  return buildReportDocument(data, { lang: 'en', generatedAt: '2024-05-01T08:00:00.000Z', currency: 'EUR' });
}

const byId = (tables: ReportTable[], id: string) => tables.find((t) => t.id === id)!;
/** Rows as objects keyed by column key, for readable assertions. */
const records = (t: ReportTable) => t.rows.map((r) => Object.fromEntries(t.columns.map((c, i) => [c.key, r[i]])));

describe('report document', () => {
  const doc = documentFor();

  test('states its provenance', () => {
    expect(doc.provenance).toEqual({
      model: 'u_shaped', touch: 'first', from: null, to: '2024-04-30', tz: 'UTC', lookbackDays: null,
      channels: 'campaign', markovOrder: 1, generatedAt: '2024-05-01T08:00:00.000Z', currency: 'EUR',
    });
    expect(doc.provenanceLines).toEqual([
      'Attribution model: U-shaped', 'New contacts: first touch', 'Range: all dates up to 2024-04-30 (UTC)',
      'Lookback window: none', 'Data-driven models: channels = campaigns, Markov order 1', 'Generated: 2024-05-01T08:00:00.000Z',
    ]);
  });

  test('over time for the whole workbook, as a line chart, when several campaigns are listed', () => {
    // Contacts created: Ann (by the form on 02-01) and Bob (at his first interaction, 02-15). Sessions with a page
    // view: Ann's of 02-01, Bob's of 02-15 (her 02-10 session has none), v3's of 03-01.
    const overTime = byId(doc.tables, 'over_time_workbook');
    expect(overTime.rows).toEqual([['2024-02', 2, 2], ['2024-03', 0, 1]]);
    expect(overTime.chart).toMatchObject({ kind: 'line', categoryColumn: 'period', seriesColumns: ['contacts_created', 'sessions'] });
    // One campaign listed: its own table carries the line chart, and there is no workbook table.
    const one = documentFor({ campaignIds: ['C1'] });
    expect(byId(one.tables, 'over_time').chart).toMatchObject({ kind: 'line' });
    expect(one.tables.some((t) => t.id === 'over_time_workbook')).toBe(false);
  });

  test('has every report of the campaign page, asset sections only for the types present', () => {
    // T1, a tracking URL never visited, is not listed (tracking URLs appear once visited after their campaign
    // was created): no tracking URL section; data health says why.
    expect(doc.tables.map((t) => t.id)).toEqual([
      'overview', 'revenue', 'revenue_attribution', 'money', 'over_time', 'over_time_workbook',
      'assets_landing_page', 'assets_email', 'assets_paid_search', 'assets_form',
      'paid_search_terms',
      'traffic_by_source', 'traffic_paid_search_by_term', 'traffic_organic_social_by_network', 'traffic_other_campaigns',
      'attribution_by_model', 'model_comparison', 'data_driven_channels', 'attribution_by_asset', 'attribution_by_interaction_type',
      'drill_down', 'data_health',
    ]);
    const visited = reportWorkbook();
    visited.visits.push(visit('ann', '2024-04-01', { visitorId: 'v1', assetId: 'T1' }));
    const ids = documentFor({}, visited).tables.map((t) => t.id);
    expect(ids.filter((id) => /tracking_url/.test(id))).toEqual(['assets_tracking_url', 'tracking_urls']);
  });

  test('overview: figures with goal and % of goal; "(no campaign)" has no goals', () => {
    expect(records(byId(doc.tables, 'overview'))).toEqual([
      {
        campaign: 'Spring launch', sessions: 2, goal_sessions: 4, pct_goal_sessions: 0.5, new_contacts: 2, goal_new_contacts: 2,
        pct_goal_new_contacts: 1, influenced_contacts: 2, goal_influenced_contacts: 4, pct_goal_influenced_contacts: 0.5,
      },
      {
        campaign: 'Nurture', sessions: 0, goal_sessions: null, pct_goal_sessions: null, new_contacts: 0, goal_new_contacts: null,
        pct_goal_new_contacts: null, influenced_contacts: 1, goal_influenced_contacts: null, pct_goal_influenced_contacts: null,
      },
      {
        campaign: '(no campaign)', sessions: 1, goal_sessions: null, pct_goal_sessions: null, new_contacts: 0, goal_new_contacts: null,
        pct_goal_new_contacts: null, influenced_contacts: 1, goal_influenced_contacts: null, pct_goal_influenced_contacts: null,
      },
    ]);
    expect(byId(doc.tables, 'overview').chart).toEqual({
      kind: 'column', title: 'Overview', categoryColumn: 'campaign', seriesColumns: ['sessions', 'new_contacts', 'influenced_contacts'],
    });
  });

  test('revenue tables total to the closed-won revenue; revenue attribution compares with the revenue goal', () => {
    expect(byId(doc.tables, 'revenue').totals).toEqual(['Total', 4000, null, null, null, null]);
    const attribution = records(byId(doc.tables, 'revenue_attribution'));
    expect(attribution[0]).toMatchObject({ campaign: 'Spring launch', revenue: 2700, goal_revenue: 5000, pct_goal_revenue: 0.54 });
    expect(byId(doc.tables, 'revenue_attribution').subtitle).toBe('Model: U-shaped');
  });

  test('the drill-down lists every credited interaction behind an amount', () => {
    const rows = records(byId(doc.tables, 'drill_down')).filter((r) => r.campaign === 'Spring launch');
    // D1: #1 400, #2 100, #3 400; D2: #7 600, #8 1200.
    expect(rows.map((r) => [r.deal, r.interaction_at, r.interaction_type, r.credit])).toEqual([
      ['D1', '2024-02-01', 'ad_click', 400], ['D1', '2024-02-01', 'page_view', 100], ['D1', '2024-02-01', 'form_submission', 400],
      ['D2', '2024-02-15', 'page_view', 600], ['D2', '2024-02-15', 'form_submission', 1200],
    ]);
    expect(rows.reduce((s, r) => s + (r.credit as number), 0)).toBe(2700);
  });

  test('data health explains every asset link and utm value that counts for nothing', () => {
    expect(records(byId(doc.tables, 'data_health')).map((r) => [r.kind, r.asset, r.campaign, r.interactions, r.reason])).toEqual([
      ['Asset', 'E2', 'C2', 1, 'A losing A/B variant: only the winning variant counts.'],
      ['Asset', 'T1', 'C1', 0, 'Never visited after Spring launch was created; tracking URLs and paid search show up once visited.'],
      ['Asset', 'OLD', 'C2', 0, 'This link was replaced: the asset moved to Spring launch.'],
      ['utm_campaign value', 'old-promo', null, 1, 'This utm_campaign value matches no campaign (current or former utm value).'],
    ]);
  });

  test('time series and by-source charts are drawn for a single campaign', () => {
    expect(byId(doc.tables, 'over_time').chart).toBeNull();
    const single = documentFor({ campaignIds: ['C1'] });
    expect(byId(single.tables, 'over_time').chart?.kind).toBe('line');
    expect(byId(single.tables, 'traffic_by_source').chart?.kind).toBe('column');
    expect(records(byId(single.tables, 'over_time'))).toEqual([
      { campaign: 'Spring launch', period: '2024-02', new_contacts: 2, influenced_contacts: 2, sessions: 2 },
    ]);
  });

  test('asset sections render booleans as words and keep the type\'s own columns', () => {
    const emails = byId(doc.tables, 'assets_email');
    expect(emails.columns.map((c) => c.key)).toEqual(['campaign', 'asset', 'name', 'sent', 'delivered', 'opens', 'clicks', 'winner']);
    expect(emails.rows).toEqual([
      ['Nurture', 'E1', 'Mail A', 100, 95, 1, 1, 'Yes'],
      ['Nurture', 'E2', 'Mail B', 100, 90, 0, 1, 'No'],
    ]);
  });
});

describe('data-driven attribution by channel', () => {
  test('with campaigns as channels: the Markov and Shapley revenue of the campaign rows, per campaign name', () => {
    const doc = documentFor();
    const table = byId(doc.tables, 'data_driven_channels');
    expect(table.title).toBe('Data-driven attribution by channel (campaigns)');
    expect(table.subtitle).toBe('Markov order 1; Shapley splits each deal equally among its distinct channels');
    const comparison = records(byId(doc.tables, 'model_comparison'));
    const rows = records(table);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const campaign = comparison.find((r) => r.campaign === row.channel)!;
      expect(row.markov_revenue).toBeCloseTo(campaign.markov as number, 9);
      expect(row.shapley_revenue).toBeCloseTo(campaign.shapley as number, 9);
    }
  });

  test('by source, of order 2: the table, its subtitle and the provenance say so; totals are the revenue in range', () => {
    const doc = documentFor({ channels: 'source', markovOrder: 2 });
    const table = byId(doc.tables, 'data_driven_channels');
    expect(table.title).toBe('Data-driven attribution by channel (sources)');
    expect(table.subtitle).toMatch(/^Markov order 2;/);
    expect(doc.provenanceLines).toContain('Data-driven models: channels = sources, Markov order 2');
    const rows = records(table);
    const revenue = documentFor().tables.find((t) => t.id === 'revenue')!;
    const closedWon = records(revenue).reduce((sum, r) => sum + (r.revenue as number), 0);
    const sum = (key: string) => rows.reduce((s, r) => s + (r[key] as number), 0);
    expect(sum('markov_revenue')).toBeCloseTo(closedWon, 9);
    expect(sum('shapley_revenue')).toBeCloseTo(closedWon, 9);
  });
});
