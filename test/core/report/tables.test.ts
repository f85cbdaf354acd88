// Report tables built from the hand-built workbook of report-fixture.ts (figures worked out in json-report.test.ts).
import { analyze } from '../../../src/core/engine';
import { formatMessage, type Language, type MessageId } from '../../../src/core/messages';
import { buildJsonReport } from '../../../src/core/report/json-report';
import { buildReportData, type ReportOptions } from '../../../src/core/report/report-data';
import type { ReportTable } from '../../../src/core/report/table';
import { buildReportDocument, cellList, MAX_LIST_CHARS } from '../../../src/core/report/tables';
import { ASSET_TYPES, type Problem } from '../../../src/core/types';
import { at, campaign, deal, visit, workbook } from '../engine/fixtures';
import { reportWorkbook } from './report-fixture';

const OPTIONS: ReportOptions = {
  model: 'u_shaped', touch: 'first', from: null, to: '2024-04-30', frequency: 'monthly', tz: 'UTC',
  campaignIds: null, lookbackDays: null, channels: 'campaign', markovOrder: 1,
};

function dataFor(options: Partial<ReportOptions> = {}, wb = reportWorkbook()) {
  const problems = [{
    severity: 'warning' as const, sheet: 'Assets', row: 9, column: 'campaign_id', messageId: 'ingest.asset_moved' as const,
    params: { id: 'OLD', from: 'C2', campaign: 'C1', row: 10 }, fatal: false,
  }];
  return buildReportData(analyze(wb, { lookbackDays: null }), problems, { ...OPTIONS, ...options });
}

function documentFor(options: Partial<ReportOptions> = {}, wb = reportWorkbook(), lang: Language = 'en', locale?: string) {
  return buildReportDocument(dataFor(options, wb), { lang, generatedAt: '2024-05-01T08:00:00.000Z', currency: 'EUR', locale });
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
      'Attribution model: U-shaped', 'New contacts: first touch', 'Range: all dates up to 2024-04-30 (UTC)', 'Amounts in EUR',
      'Lookback window: none', 'Data-driven models: channels = campaigns, Markov order 1', 'Generated: May 1, 2024 at 8:00 AM UTC',
    ]);
    // Something happened in the range: no notice.
    expect(doc.notice).toBeNull();
  });

  test('a range in which nothing happened says so, with when the data runs, and draws no chart of zeros', () => {
    // The workbook's interactions run from 2024-02-01 (#1) to 2024-03-01 (#9); D3, open, was created 03-06 and
    // D2 closed 03-10; C2's spend runs from 02-01 to 05-01, the last date of any kind.
    const empty = documentFor({ from: '2030-01-01', to: '2030-12-31' });
    expect(empty.notice).toBe('Nothing happened in this range: no interaction, no deal created or closed, no spend. The data runs from 2024-02-01 to 2024-05-01.');
    expect(empty.tables.filter((t) => t.chart !== null).map((t) => t.id)).toEqual([]);
    // The same tables are there, their figures 0.
    expect(records(byId(empty.tables, 'overview')).map((r) => r.sessions)).toEqual([0, 0, 0]);
    expect(documentFor({ from: '2030-01-01', to: '2030-12-31' }, reportWorkbook(), 'nl').notice)
      .toBe('In dit datumbereik is niets gebeurd: geen interactie, geen deal aangemaakt of gesloten, geen uitgaven. De gegevens lopen van 2024-02-01 t/m 2024-05-01.');
    // Spend on 05-01 is something (the money table shows it), and so is a deal in another currency closing in the range.
    expect(documentFor({ from: '2024-05-01', to: '2024-05-01' }).notice).toBeNull();
    const withDollars = reportWorkbook();
    withDollars.otherCurrencyDeals = [{ ...withDollars.deals[0], id: 'D9', currency: 'USD', createdAt: at('2024-06-01'), closedAt: at('2024-06-02') }];
    expect(documentFor({ from: '2024-06-02', to: '2024-06-30' }, withDollars).notice).toBeNull();
    expect(documentFor({ from: '2024-06-03', to: '2024-06-30' }, withDollars).notice).toMatch(/^Nothing happened in this range: .* The data runs from 2024-02-01 to 2024-06-02\.$/);
    // One deal closing in the range is something: no notice.
    expect(documentFor({ from: '2024-03-10', to: '2024-03-10' }).notice).toBeNull();
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

  test('the money table says where each spend comes from: the Spend sheet, a budget\'s share, or neither', () => {
    // C1 has no Spend rows and a budget of 1,000 (no end date: all of it for a range from its start); C2 has Spend rows.
    expect(records(byId(doc.tables, 'money')).map((r) => [r.campaign, r.spend, r.spend_source])).toEqual([
      ['Spring launch', 1000, 'Campaign budget, its share of the range'], ['Nurture', 300, 'Spend sheet'],
    ]);
    const wb = reportWorkbook();
    wb.campaigns[0] = { ...wb.campaigns[0], budget: null };
    expect(records(byId(documentFor({}, wb).tables, 'money'))[0]).toMatchObject({ spend: null, spend_source: 'No Spend rows, no budget', roas: null });
    // A range from February on: C1's budget (created 01-01, no end date) has no share to take, and the row says so
    // rather than naming a share it does not show.
    expect(records(byId(documentFor({ from: '2024-02-01' }).tables, 'money'))[0]).toMatchObject({
      spend: null, spend_source: 'Campaign budget, its share of the range unknown (no end_date after its start, and the range starts after the campaign did)',
    });
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
      'drill_down', 'drill_down_even_split', 'influenced_revenue_drill_down', 'data_health', 'data_problems',
    ]);
    // With the even split as the chosen model, its drill-down is the model's.
    expect(documentFor({ model: 'linear' }).tables.filter((t) => t.id.startsWith('drill_down')).map((t) => t.id)).toEqual(['drill_down']);
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

  test('with some campaigns listed, the Total rows are theirs and the subtitles give the whole workbook\'s figures', () => {
    // Only C2 (Nurture): its even-split revenue is D1's #5, 1000 / 4 = 250; the workbook closed 4000 won,
    // created Ann and Bob (2 contacts) and D1, D2, D3 (3 deals).
    const only = documentFor({ campaignIds: ['C2'] });
    expect(byId(only.tables, 'revenue').totals).toEqual(['Total', 250, null, null, null, null]);
    expect(byId(only.tables, 'revenue').subtitle).toBe('Whole workbook in this range: closed-won revenue €4,000.00, of which unattributed (no interaction to credit) €0.00.');
    expect(byId(only.tables, 'overview').subtitle).toBe('Whole workbook in this range: 2 contacts created, 3 deals created.');
  });

  test('a count of one takes the singular, in English and Dutch: the workbook\'s contacts and deals, a one-day lookback window', () => {
    // 10 to 28 February: Bob is created (15 Feb; Ann on 1 Feb), D1 is created (20 Feb).
    const options = { from: '2024-02-10', to: '2024-02-28', lookbackDays: 1 };
    const english = documentFor(options);
    expect(byId(english.tables, 'overview').subtitle).toBe('Whole workbook in this range: 1 contact created, 1 deal created.');
    expect(english.provenanceLines).toContain('Lookback window: 1 day');
    const dutch = documentFor(options, reportWorkbook(), 'nl');
    expect(byId(dutch.tables, 'overview').subtitle).toBe('Hele werkmap in deze periode: 1 contactpersoon aangemaakt, 1 deal aangemaakt.');
    expect(dutch.provenanceLines).toContain('Terugkijkperiode: 1 dag');
    expect(documentFor({ lookbackDays: 30 }, reportWorkbook(), 'nl').provenanceLines).toContain('Terugkijkperiode: 30 dagen');
  });

  test('revenue tables total to the closed-won revenue; revenue attribution compares with the revenue goal', () => {
    expect(byId(doc.tables, 'revenue').totals).toEqual(['Total', 4000, null, null, null, null]);
    const attribution = records(byId(doc.tables, 'revenue_attribution'));
    expect(attribution[0]).toMatchObject({ campaign: 'Spring launch', revenue: 2700, goal_revenue: 5000, pct_goal_revenue: 0.54 });
    // The whole workbook beside the campaigns: D1 1000 + D2 3000 closed won, each with interactions to credit.
    expect(byId(doc.tables, 'revenue_attribution').subtitle).toBe(
      'Model: U-shaped. Whole workbook in this range: closed-won revenue €4,000.00, of which unattributed (no interaction to credit) €0.00.',
    );
  });

  test('the drill-down lists every credited interaction behind an amount', () => {
    const rows = records(byId(doc.tables, 'drill_down')).filter((r) => r.campaign === 'Spring launch');
    // D1: #1 400, #2 100, #3 400; D2: #7 600, #8 1200.
    expect(rows.map((r) => [r.deal, r.interaction_at, r.interaction_type, r.credit])).toEqual([
      ['D1', '2024-02-01', 'Ad click', 400], ['D1', '2024-02-01', 'Page view', 100], ['D1', '2024-02-01', 'Form submission', 400],
      ['D2', '2024-02-15', 'Page view', 600], ['D2', '2024-02-15', 'Form submission', 1200],
    ]);
    expect(rows.reduce((s, r) => s + (r.credit as number), 0)).toBe(2700);
    // #1 and #2 are anonymous rows of Ann's visitor v1: they are in her journey, so hers.
    expect(rows.map((r) => r.contacts)).toEqual(['ann', 'ann', 'ann', 'bob', 'bob']);
  });

  test('each credited interaction names its Visits row, so that interactions of one day can be told apart and found', () => {
    const wb = reportWorkbook();
    const rowOf = (n: number) => wb.visits[n - 1].row;
    const drill = documentFor({}, wb);
    // As above: D1 #1 #2 #3 and D2 #7 #8, all of one day per deal.
    expect(records(byId(drill.tables, 'drill_down')).filter((r) => r.campaign === 'Spring launch').map((r) => r.visit_row))
      .toEqual([rowOf(1), rowOf(2), rowOf(3), rowOf(7), rowOf(8)]);
    expect(byId(drill.tables, 'drill_down').columns.find((c) => c.key === 'visit_row')).toEqual({ key: 'visit_row', header: 'Visits row', type: 'row' });
    // Influenced revenue: the first interactions #1, #7, #4 and #6 (next test).
    expect(records(byId(drill.tables, 'influenced_revenue_drill_down')).map((r) => r.visit_row)).toEqual([rowOf(1), rowOf(7), rowOf(4), rowOf(6)]);
  });

  test('the even split has its own drill-down when another model is chosen, adding up to the Revenue (even split) table', () => {
    // Linear over the eligible touches (Ann's open #4 earns nothing): D1 1000 / 4 = 250 each to #1, #2, #3 (Spring
    // launch) and #5 (Nurture); D2 3000 / 3 = 1000 each to #6 (losing variant: no campaign), #7 and #8 (Spring launch).
    const table = byId(doc.tables, 'drill_down_even_split');
    expect(table.subtitle).toBe('Model: Linear');
    expect(records(table).map((r) => [r.campaign, r.deal, r.interaction_type, r.contacts, r.credit])).toEqual([
      ['Spring launch', 'D1', 'Ad click', 'ann', 250], ['Spring launch', 'D1', 'Page view', 'ann', 250],
      ['Spring launch', 'D1', 'Form submission', 'ann', 250],
      ['Spring launch', 'D2', 'Page view', 'bob', 1000], ['Spring launch', 'D2', 'Form submission', 'bob', 1000],
      ['Nurture', 'D1', 'Email click', 'ann', 250],
      ['(no campaign)', 'D2', 'Email click', 'bob', 1000],
    ]);
    expect(records(byId(doc.tables, 'revenue')).map((r) => [r.campaign, r.revenue])).toEqual([
      ['Spring launch', 2750], ['Nurture', 250], ['(no campaign)', 1000],
    ]);
  });

  test('influenced revenue drills down to each deal, the contacts who influenced it and their first interaction', () => {
    // D1 (Ann, closed 03-01): her first Spring launch touch is the ad click #1, her first Nurture one the open #4.
    // D2 (Bob, closed 03-10): his first touch with no campaign is the losing variant's click #6, with Spring launch #7.
    const rows = records(byId(doc.tables, 'influenced_revenue_drill_down'));
    expect(rows.map((r) => [r.campaign, r.deal, r.amount, r.contacts, r.first_interaction_at, r.interaction_type, r.asset])).toEqual([
      ['Spring launch', 'D1', 1000, 'ann', '2024-02-01', 'Ad click', 'Shoes ads'],
      ['Spring launch', 'D2', 3000, 'bob', '2024-02-15', 'Page view', 'Spring page'],
      ['Nurture', 'D1', 1000, 'ann', '2024-02-10', 'Email open', 'Mail A'],
      ['(no campaign)', 'D2', 3000, 'bob', '2024-02-15', 'Email click', 'Mail B'],
    ]);
    // Each campaign's rows add up to its influenced revenue (4000, 1000, 3000: json-report.test.ts).
    expect(records(byId(doc.tables, 'revenue')).map((r) => r.influenced_revenue)).toEqual([4000, 1000, 3000]);
  });

  test('data health explains every asset link and utm value that counts for nothing', () => {
    expect(records(byId(doc.tables, 'data_health')).map((r) => [r.kind, r.asset, r.campaign, r.interactions, r.reason])).toEqual([
      // Campaigns by name, as in every other table.
      ['Asset', 'E2', 'Nurture', 1, 'A losing A/B variant: only the winning variant counts.'],
      ['Asset', 'T1', 'Spring launch', 0, 'Never visited after Spring launch was created; tracking URLs and paid search show up once visited.'],
      ['Asset', 'OLD', 'Nurture', 0, 'This link was replaced: the asset moved to Spring launch.'],
      ['utm_campaign value', 'old-promo', null, 1, 'This utm_campaign value matches no campaign (current or former utm value).'],
    ]);
  });

  test('the problems in the data that did not stop the report are listed, errors first, with their counts', () => {
    const problems: Problem[] = [
      { severity: 'warning' as const, sheet: 'Deals', row: 4, column: 'currency', messageId: 'ingest.currency_other' as const,
        params: { currency: 'USD', workbook: 'EUR' }, fatal: false },
      { severity: 'error' as const, sheet: 'Visits', row: 7, column: 'timestamp', messageId: 'ingest.required_empty' as const, params: {}, fatal: false },
    ];
    const withProblems = buildReportDocument(buildReportData(analyze(reportWorkbook(), { lookbackDays: null }), problems, OPTIONS),
      { lang: 'en', generatedAt: '2024-05-01T08:00:00.000Z', currency: 'EUR' });
    const table = byId(withProblems.tables, 'data_problems');
    expect(table.columns.map((c) => c.header)).toEqual(['Severity', 'Sheet', 'Row', 'Column', 'Message']);
    // Row numbers are numbers (sortable, no "number stored as text"), of a type shown without grouping.
    expect(table.columns.map((c) => c.type)).toEqual(['text', 'text', 'row', 'text', 'text']);
    expect(table.rows).toEqual([
      ['Error', 'Visits', 7, 'timestamp', 'This required cell is empty.'],
      ['Warning', 'Deals', 4, 'currency', 'The deal is in USD, not the workbook currency EUR; it is left out of every sum.'],
    ]);
    expect(table.subtitle).toBe('Errors: 1, warnings: 1. A row with an error is left out of every figure; each warning says what it means for the figures. Listed: the first 2, errors first.');
    // Without problems there is no such table.
    const clean = buildReportDocument(buildReportData(analyze(reportWorkbook(), { lookbackDays: null }), [], OPTIONS),
      { lang: 'en', generatedAt: '2024-05-01T08:00:00.000Z', currency: 'EUR' });
    expect(clean.tables.some((t) => t.id === 'data_problems')).toBe(false);
  });

  test('what a section cannot show says why: a one-campaign pie is left out, a data-driven model has no per-asset credit, Assets-sheet counts are for all dates', () => {
    expect(byId(doc.tables, 'revenue_attribution').chart).toMatchObject({ kind: 'pie' });
    expect(byId(documentFor({ campaignIds: ['C1'] }).tables, 'revenue_attribution').chart).toBeNull();
    const markov = documentFor({ model: 'markov' });
    for (const id of ['attribution_by_asset', 'attribution_by_interaction_type']) {
      expect(byId(markov.tables, id).rows).toEqual([]);
      expect(byId(markov.tables, id).subtitle).toBe('Markov chain is a data-driven model: it gives credit to channels, not to single assets or interactions, so this table stays empty (see the data-driven channels table).');
    }
    expect(byId(doc.tables, 'attribution_by_asset').subtitle).toBe('Model: U-shaped');
    expect(byId(doc.tables, 'assets_email').subtitle).toMatch(/^Sent and delivered \(emails\) and views \(CTAs\) are the totals the Assets sheet gives, for all dates/);
    expect(byId(doc.tables, 'assets_landing_page').subtitle).toBeNull();
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

describe('the revenue drill-down of a data-driven model lists deals, not interactions', () => {
  test('Markov: the deals whose path includes the campaign, no interaction columns and no per-deal credit, saying why', () => {
    const drill = byId(documentFor({ model: 'markov' }).tables, 'drill_down');
    expect(drill.title).toBe('Revenue drill-down: every won deal whose path includes the campaign');
    expect(drill.columns.map((c) => c.key)).toEqual(['campaign', 'deal', 'closed_at', 'amount', 'contacts']);
    expect(drill.subtitle).toBe('Model: Markov chain. Its credit exists only over all paths together, so no deal has a share of its own: '
      + 'the deals listed are those whose path includes the campaign.');
    expect(drill.rows.length).toBeGreaterThan(0);
  });

  test('Shapley: each deal\'s credit, split among the campaigns of its path, adds up to the deal\'s amount', () => {
    const drill = byId(documentFor({ model: 'shapley' }).tables, 'drill_down');
    expect(drill.columns.map((c) => c.key)).toEqual(['campaign', 'deal', 'closed_at', 'amount', 'contacts', 'credit']);
    const byDeal = new Map<unknown, { amount: number; credit: number }>();
    for (const r of records(drill)) {
      const deal = byDeal.get(r.deal) ?? { amount: r.amount as number, credit: 0 };
      deal.credit += r.credit as number;
      byDeal.set(r.deal, deal);
    }
    expect(byDeal.size).toBeGreaterThan(0);
    for (const { amount, credit } of byDeal.values()) expect(credit).toBeCloseTo(amount, 9);
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

describe('over time: every period from the first to the last, zeros where nothing happened', () => {
  // Ann comes back to the spring page in June: April and May have nothing for Spring launch, nor for the workbook.
  const withJune = () => {
    const wb = reportWorkbook();
    wb.visits.push(visit('ann', '2024-06-05T10:00:00Z', { visitorId: 'v1', url: 'https://ex.com/spring' }));
    return wb;
  };

  test('one campaign, monthly: the empty months are rows of zeros, so the line drops to zero there', () => {
    const doc = documentFor({ campaignIds: ['C1'], to: '2024-06-30' }, withJune());
    // February: Ann and Bob (new, influenced, a session each); June: Ann's return, a session (she was influenced in February).
    expect(byId(doc.tables, 'over_time').rows).toEqual([
      ['Spring launch', '2024-02', 2, 2, 2], ['Spring launch', '2024-03', 0, 0, 0], ['Spring launch', '2024-04', 0, 0, 0],
      ['Spring launch', '2024-05', 0, 0, 0], ['Spring launch', '2024-06', 0, 0, 1],
    ]);
  });

  test('the whole workbook, monthly: March (v3\'s session) is there, April and May as zeros', () => {
    const doc = documentFor({ to: '2024-06-30' }, withJune());
    expect(byId(doc.tables, 'over_time_workbook').rows).toEqual([
      ['2024-02', 2, 2], ['2024-03', 0, 1], ['2024-04', 0, 0], ['2024-05', 0, 0], ['2024-06', 0, 1],
    ]);
    // Several campaigns, no chart of their own: still every month from each one's first to its last, none skipped.
    expect(byId(doc.tables, 'over_time').rows.filter((r) => r[0] === 'Spring launch').map((r) => r[1]))
      .toEqual(['2024-02', '2024-03', '2024-04', '2024-05', '2024-06']);
  });

  test('daily, in the report\'s zone: every day between the first and the last, the JSON series stays sparse', () => {
    // In Auckland (UTC+13) Ann's 10:00Z of 1 February is 23:00 that day; Bob's 12:00Z of 15 February is 01:00 on the 16th.
    const options = { campaignIds: ['C1'], frequency: 'daily' as const, to: '2024-02-29', tz: 'Pacific/Auckland' };
    const rows = byId(documentFor(options).tables, 'over_time').rows;
    expect(rows.map((r) => r[1])).toEqual(Array.from({ length: 16 }, (_, i) => `2024-02-${String(i + 1).padStart(2, '0')}`));
    expect(rows[0]).toEqual(['Spring launch', '2024-02-01', 1, 1, 1]);
    expect(rows[15]).toEqual(['Spring launch', '2024-02-16', 1, 1, 1]);
    expect(rows.slice(1, 15).every((r) => r[2] === 0 && r[3] === 0 && r[4] === 0)).toBe(true);
    const json = buildJsonReport(dataFor(options), '2024-05-01T08:00:00.000Z', 'en', 'EUR');
    expect(json.campaigns[0].series.map((p) => p.period)).toEqual(['2024-02-01', '2024-02-16']);
  });
});

describe('what the data names by id is shown by its catalogue label, in both languages', () => {
  const column = (t: ReportTable, key: string) => records(t).map((r) => r[key]);

  test('sources, "(not set)", interaction types and asset types in English', () => {
    const doc = documentFor({ channels: 'source' });
    // Busiest first within a campaign: Spring launch has paid search (#2 viewed, v1's session, Ann), organic
    // search (#7 viewed, Bob) and email (Bob's session starts with #6): views, then new-visitor sessions decide.
    expect(column(byId(doc.tables, 'traffic_by_source'), 'key')).toEqual(['Paid search', 'Organic search', 'Email marketing', 'Other campaigns']);
    expect(column(byId(doc.tables, 'traffic_other_campaigns'), 'key')).toEqual(['(not set) / (not set)']);
    expect(column(byId(doc.tables, 'data_driven_channels'), 'channel')).toEqual(['Email marketing', 'Paid search', 'Organic search', 'Direct traffic']);
    expect(column(byId(doc.tables, 'attribution_by_interaction_type'), 'interaction_type'))
      .toEqual(['Ad click', 'Form submission', 'Page view', 'Email click', 'Email click']);
    // One asset's type in the singular ("Email"), where its section is titled in the plural ("Assets: Emails").
    expect(column(byId(doc.tables, 'attribution_by_asset'), 'asset_type')).toEqual(['Form', 'Landing page', 'Paid search', 'Email', 'Email']);
    // OLD (a moved link known from its problem, whose asset this workbook lacks) and the utm value have no type.
    expect(column(byId(doc.tables, 'data_health'), 'asset_type')).toEqual(['Email', 'Tracking URL', null, null]);
  });

  test('the same in Dutch', () => {
    const doc = documentFor({ channels: 'source' }, reportWorkbook(), 'nl');
    expect(column(byId(doc.tables, 'traffic_by_source'), 'key')).toEqual(['Betaald zoeken', 'Organisch zoeken', 'E-mailmarketing', 'Overige campagnes']);
    expect(column(byId(doc.tables, 'traffic_other_campaigns'), 'key')).toEqual(['(niet ingesteld) / (niet ingesteld)']);
    expect(column(byId(doc.tables, 'data_driven_channels'), 'channel')).toEqual(['E-mailmarketing', 'Betaald zoeken', 'Organisch zoeken', 'Direct verkeer']);
    expect(column(byId(doc.tables, 'attribution_by_interaction_type'), 'interaction_type'))
      .toEqual(['Klik op advertentie', 'Formulierinzending', 'Paginaweergave', 'Klik in e-mail', 'Klik in e-mail']);
    expect(column(byId(doc.tables, 'drill_down'), 'interaction_type')).toContain('Paginaweergave');
    expect(column(byId(doc.tables, 'attribution_by_asset'), 'asset_type')).toEqual(['Formulier', 'Landingspagina', 'Betaalde zoekcampagne', 'E-mail', 'E-mail']);
  });

  test('an empty utm term is "(not set)" from the catalogue in the keyword tables', () => {
    const wb = reportWorkbook();
    // A click on the ad without a term, and the page view it leads to.
    const utm = { source: 'google', medium: 'cpc', campaign: 'spring', term: null, content: null };
    wb.visits.push(
      visit(null, '2024-02-02T10:00:00Z', { visitorId: 'v9', type: 'ad_click', assetId: 'P1', utm }),
      visit(null, '2024-02-02T10:01:00Z', { visitorId: 'v9', url: 'https://ex.com/spring?utm_medium=cpc', utm }),
    );
    const doc = documentFor({}, wb, 'nl');
    expect(column(byId(doc.tables, 'paid_search_terms'), 'term')).toEqual(['(niet ingesteld)', 'running shoes']);
    // Traffic busiest first: both terms have a view and a new-visitor session, only "running shoes" Ann's first touch.
    expect(column(byId(doc.tables, 'traffic_paid_search_by_term'), 'key')).toEqual(['running shoes', '(niet ingesteld)']);
  });

  test('every source, interaction type and asset type has a label in both languages', () => {
    const ids = ['email', 'paid_search', 'paid_social', 'organic_social', 'other_campaigns', 'organic_search', 'referral', 'direct', 'offline']
      .map((s) => `source.${s}`)
      .concat(['page_view', 'form_submission', 'email_open', 'email_click', 'cta_click', 'ad_click', 'social_click', 'meeting', 'call', 'chat',
        'marketing_event', 'workflow_enrollment', 'list_membership', 'offline'].map((i) => `interaction_type.${i}`))
      .concat(ASSET_TYPES.flatMap((type) => [`asset_type.${type}`, `asset_kind.${type}`]));
    for (const lang of ['en', 'nl'] as const) {
      for (const id of ids) expect(formatMessage(id as MessageId, {}, lang)).not.toMatch(/_/);
    }
  });
});

describe('assets without a name', () => {
  test('are named by their id in the tables and the charts that list them', () => {
    const wb = reportWorkbook();
    wb.assets.find((a) => a.id === 'LP1')!.name = '';
    wb.assets.find((a) => a.id === 'P1')!.name = '  ';
    const doc = documentFor({}, wb);
    const pages = byId(doc.tables, 'assets_landing_page');
    expect(records(pages).map((r) => [r.asset, r.name])).toEqual([['LP1', 'LP1']]);
    expect(pages.chart?.categoryColumn).toBe('name');
    expect(records(byId(doc.tables, 'attribution_by_asset')).map((r) => r.asset)).toEqual(['Spring form', 'LP1', 'P1', 'Mail A', 'Mail B']);
    expect(records(byId(doc.tables, 'paid_search_terms')).map((r) => r.asset)).toEqual(['P1']);
    expect(new Set(records(byId(doc.tables, 'drill_down')).map((r) => r.asset))).toEqual(new Set(['P1', 'LP1', 'Spring form', 'Mail A', 'Mail B']));
  });
});

describe('sheet names for the .xlsx', () => {
  const invalid = /[[\]:*?/\\]/;

  test.each(['en', 'nl'] as const)('%s: every table has a short, valid, unique sheet name; the title stays long', (lang) => {
    const visited = reportWorkbook();
    visited.visits.push(visit('ann', '2024-04-01', { visitorId: 'v1', assetId: 'T1' }));
    const doc = documentFor({}, visited, lang);
    const names = doc.tables.map((t) => t.sheetName!);
    for (const name of names) {
      expect(name.length).toBeLessThanOrEqual(31);
      expect(name).not.toMatch(invalid);
    }
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    expect(byId(doc.tables, 'data_health').title.length).toBeGreaterThan(31);
  });

  test('the English and Dutch names the audit found cut or colliding', () => {
    const en = documentFor();
    expect(byId(en.tables, 'traffic_organic_social_by_network').sheetName).toBe('Traffic – social networks');
    expect(byId(en.tables, 'data_health').sheetName).toBe('Data health');
    const nl = documentFor({}, reportWorkbook(), 'nl');
    expect([byId(nl.tables, 'over_time').sheetName, byId(nl.tables, 'over_time_workbook').sheetName])
      .toEqual(['Verloop in de tijd', 'Verloop (hele werkmap)']);
  });

  test.each(['en', 'nl'] as const)('%s: the asset section of every asset type fits in 31 characters', (lang) => {
    const names = ASSET_TYPES.map((type) => formatMessage('report.sheet.assets', { type: formatMessage(`asset_type.${type}` as MessageId, {}, lang) }, lang));
    for (const name of names) expect(name.length).toBeLessThanOrEqual(31);
    expect(new Set(names).size).toBe(ASSET_TYPES.length);
  });
});

describe('the "Generated" line', () => {
  test('is a date and time for the locale in the report\'s zone, not an ISO instant', () => {
    const generated = (lang: Language, locale?: string, tz = 'UTC') => documentFor({ tz }, reportWorkbook(), lang, locale).provenanceLines.at(-1);
    expect(generated('en')).toBe('Generated: May 1, 2024 at 8:00 AM UTC');
    expect(generated('nl')).toBe('Gemaakt: 1 mei 2024 om 08:00 UTC');
    // German figures, no German month name in an English report.
    expect(generated('en', 'de-DE', 'Europe/Berlin')).toBe('Generated: 01.05.2024, 10:00 MESZ');
    expect(generated('en', 'en_GB')).toBe('Generated: 1 May 2024 at 08:00 UTC');
  });
});

describe('a list in one cell', () => {
  const ids = (count: number) => Array.from({ length: count }, (_, i) => `contact-${String(i + 1).padStart(4, '0')}`);

  test('is written whole while it fits in a cell', () => {
    expect(cellList(['ann', 'bob'], 'en')).toBe('ann, bob');
    // 2,285 ids of 12 characters and their separators: 2,285 × 14 − 2 = 31,988 characters, within 32,000.
    expect(cellList(ids(2285), 'en')).toBe(ids(2285).join(', '));
    // One more is 32,002: cut (see below for where).
    expect(cellList(ids(2286), 'en')).toBe(`${ids(2284).join(', ')} and 2 more`);
  });

  test('is cut short with a count of the rest where it would not fit in an Excel or Sheets cell', () => {
    // 3,000 ids of 12 characters, 41,998 characters joined. " and 3000 more" takes 14 of the 32,000, so
    // k ids fit while 14k − 2 ≤ 31,986: k = 2,284, and 716 more.
    const cut = cellList(ids(3000), 'en');
    expect(cut).toBe(`${ids(2284).join(', ')} and 716 more`);
    expect(cut.length).toBeLessThanOrEqual(MAX_LIST_CHARS);
    expect(cellList(ids(3000), 'nl')).toMatch(/^contact-0001, .*, contact-\d{4} en nog \d+$/);
  });

  test('a deal influenced by 3,000 contacts: its drill-down row names as many as fit and counts the rest', () => {
    const everyone = ids(3000);
    const wb = workbook({
      campaigns: [campaign('C1')],
      visits: everyone.map((id) => visit(id, '2024-02-01', { campaign: 'C1' })),
      deals: [deal('D1', everyone, 5000, '2024-02-10', '2024-03-01')],
    });
    const rows = records(byId(documentFor({ model: 'linear' }, wb).tables, 'influenced_revenue_drill_down'));
    expect(rows.map((r) => [r.campaign, r.deal, r.contacts])).toEqual([['C1', 'D1', `${ids(2284).join(', ')} and 716 more`]]);
  });
});
