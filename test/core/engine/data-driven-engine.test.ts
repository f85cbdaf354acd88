// The data-driven models inside the engine: worked example D of attribution-models.md §6, built as journeys.
// Channels are campaigns: G ("google ads") and M ("mailing"); every won deal is worth $100.
import { analyze } from '../../../src/core/engine';
import { dataDrivenChannels } from '../../../src/core/engine/data-driven-revenue';
import { buildReportData } from '../../../src/core/report/report-data';
import type { ChannelKind } from '../../../src/core/engine/data-driven-options';
import { revenueDrillDown } from '../../../src/core/engine/ledger-views';
import { asset, at, campaign, deal, dealContact, markovOrderWorkbook, visit, workbook } from './fixtures';
import { expectAmount, run } from './run';

describe('Example D through the journey engine', () => {
  const wb = workbook({
    campaigns: [campaign('G'), campaign('M')],
    visits: [
      visit('a1', '2024-01-01', { campaign: 'G' }), // google ads → conversion
      visit('a2', '2024-01-01', { campaign: 'G' }), // google ads → conversion
      visit('a3', '2024-01-01', { campaign: 'G' }), // google ads → null (no deal)
      visit('b1', '2024-01-01', { campaign: 'M' }), // mailing → conversion
      visit('c1', '2024-01-01', { campaign: 'G' }), // google ads > mailing → conversion
      visit('c1', '2024-01-02', { campaign: 'M' }),
    ],
    deals: ['a1', 'a2', 'b1', 'c1'].map((c) => deal(`D-${c}`, [c], 100, '2024-01-05', '2024-01-10')),
  });
  const { of } = run(wb, { to: '2024-12-31' });

  test('Markov: P = 0.8, removal effects 0.75 and 0.5 → google ads $240, mailing $160', () => {
    expectAmount(of('G').attribution.markov.revenue, 240);
    expectAmount(of('M').attribution.markov.revenue, 160);
  });

  test('simplified Shapley: google ads $250, mailing $150', () => {
    expectAmount(of('G').attribution.shapley.revenue, 250);
    expectAmount(of('M').attribution.shapley.revenue, 150);
  });

  test('data-driven models apply to revenue only', () => {
    expect(of('G').attribution.markov).toMatchObject({ contactCreate: null, dealCreate: null });
    expect(of('G').attribution.shapley).toMatchObject({ contactCreate: null, dealCreate: null });
  });

  test('deals with revenue: the won deals whose path contains the campaign; contacts owning its interactions', () => {
    // The revenue figure is the attribution credit worked above: G $240 under Markov, M $150 under Shapley.
    expect(of('G').revenue.markov).toEqual({ revenue: expect.closeTo(240, 6), dealsWithRevenue: 3, associatedDealValue: 300, contactsWithRevenue: 3 });
    expect(of('M').revenue.shapley).toEqual({ revenue: expect.closeTo(150, 6), dealsWithRevenue: 2, associatedDealValue: 200, contactsWithRevenue: 2 });
  });

  test('a $0 won deal: in Markov\'s deals (its path contains the campaign), not in Shapley\'s (it gives no credit)', () => {
    // e1 (mailing) wins a $0 deal: Markov counts it for M by its path; Shapley gives M $0 of it, so no deal.
    const withFreeDeal = workbook({
      ...wb,
      visits: [...wb.visits, visit('e1', '2024-01-01', { campaign: 'M' })],
      deals: [...wb.deals, deal('D-e1', ['e1'], 0, '2024-01-05', '2024-01-10')],
    });
    const result = run(withFreeDeal, { to: '2024-12-31' });
    expect(result.of('M').revenue.markov).toMatchObject({ dealsWithRevenue: 3, associatedDealValue: 200, contactsWithRevenue: 3 });
    expect(result.of('M').revenue.shapley).toMatchObject({ dealsWithRevenue: 2, associatedDealValue: 200, contactsWithRevenue: 2 });
    expectAmount(result.of('M').revenue.shapley.revenue, 150);
    // The drill-down behind each figure lists the same deals.
    const range = { from: null, to: at('2024-12-31T23:59:59Z') };
    const dealsOfM = (model: string) => revenueDrillDown(result.analysis, range, model)
      .filter((row) => row.campaign === 1).map((row) => row.dealId).sort();
    expect(dealsOfM('markov')).toEqual(['D-b1', 'D-c1', 'D-e1']);
    expect(dealsOfM('shapley')).toEqual(['D-b1', 'D-c1']);
  });

  test('a won deal without eligible interaction gives its amount straight to "(no campaign)"', () => {
    const withOpenOnly = workbook({
      ...wb,
      visits: [...wb.visits, visit('d1', '2024-01-01', { type: 'email_open', campaign: 'M' })],
      deals: [...wb.deals, deal('D-d1', ['d1'], 50, '2024-01-05', '2024-01-10')],
    });
    const result = run(withOpenOnly, { to: '2024-12-31' });
    expectAmount(result.of('(no campaign)').attribution.markov.revenue, 50);
    expectAmount(result.of('G').attribution.markov.revenue, 240);
  });

  test('a contact whose only won deal closed before `from` is neither converting nor a null path', () => {
    // From 02-01: x (G > M, won $100 on 02-10) is the one path, so G and M have removal effect 1 each: $50
    // each. Were y (M, won on 01-10, before `from`) a null path, M would convert half the time (P = 1/2,
    // without G 1/4, without M 0: effects 1/2 and 1), giving G $33.33 and M $66.67.
    const w = workbook({
      campaigns: [campaign('G'), campaign('M')],
      visits: [visit('x', '2024-01-20', { campaign: 'G' }), visit('x', '2024-01-25', { campaign: 'M' }), visit('y', '2024-01-05', { campaign: 'M' })],
      deals: [deal('Dx', ['x'], 100, '2024-01-26', '2024-02-10'), deal('Dy', ['y'], 70, '2024-01-06', '2024-01-10')],
    });
    const later = run(w, { from: '2024-02-01', to: '2024-12-31' });
    expectAmount(later.of('G').attribution.markov.revenue, 50);
    expectAmount(later.of('M').attribution.markov.revenue, 50);
  });
});

describe('a shared workflow interaction as a channel (§7)', () => {
  test('it is the campaign with the lowest id in plain string order, not the first in sheet order', () => {
    // WF belongs to a2 (row first) and B1. Plain string order compares code units: 'B' (66) < 'a' (97), so the
    // click's channel is B1. One converting path B1 → conversion, no null path: P = 1, without B1 0, removal
    // effect 1, so Markov gives B1 all $100; Shapley splits $100 over the path's one distinct channel: B1 $100.
    const wb = workbook({
      campaigns: [campaign('a2'), campaign('B1')],
      assets: [asset('WF', 'a2', { type: 'workflow' }), asset('WF', 'B1', { type: 'workflow' })],
      visits: [visit('x', '2024-01-05', { assetId: 'WF', type: 'email_click' })],
      deals: [deal('D1', ['x'], 100, '2024-01-06', '2024-01-10')],
    });
    const { of } = run(wb);
    expectAmount(of('B1').attribution.markov.revenue, 100);
    expectAmount(of('a2').attribution.markov.revenue, 0);
    expectAmount(of('B1').attribution.shapley.revenue, 100);
    expectAmount(of('a2').attribution.shapley.revenue, 0);
  });
});

describe('a won deal in another currency (kept out of every sum)', () => {
  // x: G then M, won $100; z: G, won $100; y: M, won a deal in EUR. Paths G>M and G convert, and y converted
  // too (§5: a null path is a contact associated with no won deal), so there is no null path: P = 1; without
  // G, 0 (effect 1); without M, ½ (effect ½): $200 × (1, ½) / 1.5. Were y's M a null path (M → conversion or
  // null, ½ each), P = ⅔, without G ⅙ (effect ¾), without M ⅓ (effect ½): G $120, M $80.
  const dealIn = (currency: string | null) => deal('Dy', ['y'], 90, '2024-01-05', '2024-01-10', { currency });
  const journeys = {
    campaigns: [campaign('G'), campaign('M')],
    visits: [
      visit('x', '2024-01-01', { campaign: 'G' }), visit('x', '2024-01-02', { campaign: 'M' }),
      visit('z', '2024-01-01', { campaign: 'G' }), visit('y', '2024-01-01', { campaign: 'M' }),
    ],
    deals: [deal('Dx', ['x'], 100, '2024-01-05', '2024-01-10'), deal('Dz', ['z'], 100, '2024-01-05', '2024-01-10')],
  };

  test('its contact converted: no null path, and the deal is in no sum', () => {
    const { of } = run(workbook({ ...journeys, otherCurrencyDeals: [dealIn('EUR')] }), { to: '2024-12-31' });
    expectAmount(of('G').attribution.markov.revenue, 133.33);
    expectAmount(of('M').attribution.markov.revenue, 66.67);
    expect(of('M').revenue.markov).toMatchObject({ dealsWithRevenue: 1, associatedDealValue: 100 });
  });

  test('associated only after its close, the contact did not convert by it: a null path', () => {
    const late = { ...journeys, otherCurrencyDeals: [{ ...dealIn('EUR'), contactIds: [] }], dealContacts: [dealContact('Dy', 'y', '2024-01-11')] };
    const { of } = run(workbook(late), { to: '2024-12-31' });
    expectAmount(of('G').attribution.markov.revenue, 120);
    expectAmount(of('M').attribution.markov.revenue, 80);
  });
});

describe('Channels as sources or asset types (§5), and the Markov order', () => {
  // Example D again, the same journeys seen through other channel definitions: google ads is paid search
  // and an ad asset, mailing is email and an email asset. The figures must be example D's.
  const wb = workbook({
    campaigns: [campaign('G'), campaign('M')],
    assets: [asset('ad-1', 'G', { type: 'ad' }), asset('mail-1', 'M', { type: 'email' })],
    visits: [
      ...['a1', 'a2', 'a3', 'c1'].map((c) => visit(c, '2024-01-01', { source: 'paid_search', assetId: 'ad-1' })),
      visit('b1', '2024-01-01', { source: 'email', assetId: 'mail-1' }),
      visit('c1', '2024-01-02', { source: 'email', assetId: 'mail-1' }),
    ],
    deals: ['a1', 'a2', 'b1', 'c1'].map((c) => deal(`D-${c}`, [c], 100, '2024-01-05', '2024-01-10')),
  });
  const channels = (kind: ChannelKind, order = 1, workbookToRun = wb) => {
    const { analysis } = run(workbookToRun, { to: '2024-12-31' });
    return dataDrivenChannels(analysis, () => true, at('2024-12-31T23:59:59.999Z'), kind, order);
  };

  test.each([['source', 'paid_search', 'email'], ['asset_type', 'ad', 'email'], ['campaign', 'G', 'M']] as const)(
    'by %s: Markov removal effects 0.75 and 0.5, $240 and $160; Shapley $250 and $150', (kind, google, mailing) => {
      const rows = channels(kind);
      // Listed as the spec lists sources and asset types (email before both paid search and ad), campaigns in sheet order.
      expect(rows.map((r) => r.channel)).toEqual(kind === 'campaign' ? [google, mailing] : [mailing, google]);
      const of = (name: string) => rows.find((r) => r.channel === name)!;
      expect(of(google).removalEffect).toBeCloseTo(0.75, 12);
      expect(of(mailing).removalEffect).toBeCloseTo(0.5, 12);
      expectAmount(of(google).markovValue, 240);
      expectAmount(of(mailing).markovValue, 160);
      expect(of(google).markovConversions).toBeCloseTo(2.4, 12);
      expectAmount(of(google).shapleyValue, 250);
      expectAmount(of(mailing).shapleyValue, 150);
      expect(of(mailing).shapleyConversions).toBeCloseTo(1.5, 12);
    });

  test('a won deal with no eligible interaction goes to the none channel of the kind, outside the chain', () => {
    const withOpenOnly = workbook({
      ...wb,
      visits: [...wb.visits, visit('d1', '2024-01-01', { type: 'email_open', source: 'email' })],
      deals: [...wb.deals, deal('D-d1', ['d1'], 50, '2024-01-05', '2024-01-10')],
    });
    const rows = channels('source', 1, withOpenOnly);
    expect(rows.find((r) => r.channel === '(no source)')).toMatchObject({ markovValue: 50, shapleyValue: 50, markovConversions: 1 });
    expectAmount(rows.find((r) => r.channel === 'paid_search')!.markovValue, 240);
  });

  // Worked by hand in markovOrderWorkbook: order 1 gives A $25, B $50, C $25; order 2 A $50, B $50, C $0.
  const ordered = markovOrderWorkbook();

  test('campaign figures follow the chosen Markov order', () => {
    const first = run(ordered, { to: '2024-12-31' });
    expect(['A', 'B', 'C'].map((id) => first.of(id).attribution.markov.revenue)).toEqual([25, 50, 25].map((v) => expect.closeTo(v, 9)));
    const second = run(ordered, { to: '2024-12-31', markovOrder: 2 });
    expect(['A', 'B', 'C'].map((id) => second.of(id).attribution.markov.revenue)).toEqual([50, 50, 0].map((v) => expect.closeTo(v, 9)));
  });

  test('the channel report follows the chosen Markov order', () => {
    const rows = channels('campaign', 2, ordered);
    expect(rows.map((r) => [r.channel, r.removalEffect])).toEqual([['A', expect.closeTo(1, 12)], ['B', expect.closeTo(1, 12)], ['C', expect.closeTo(0, 12)]]);
  });

  test("a report's channels over campaigns are the campaigns' own Markov and Shapley figures, of the report's order", () => {
    const reportOf = (wbToRun: typeof wb, markovOrder: number) => buildReportData(analyze(wbToRun, { lookbackDays: null }), [], {
      model: 'markov', touch: 'first', from: null, to: '2024-12-31', frequency: 'monthly', tz: 'UTC', campaignIds: null,
      lookbackDays: null, channels: 'campaign', markovOrder,
    });
    const second = reportOf(ordered, 2);
    expect(second.channels.map((r) => [r.channel, r.markovValue])).toEqual([['A', expect.closeTo(50, 9)], ['B', expect.closeTo(50, 9)], ['C', expect.closeTo(0, 9)]]);
    // A won deal with only an email open: $50 to "(no campaign)" outside the chain, in both places.
    const withOpenOnly = workbook({
      ...wb,
      visits: [...wb.visits, visit('d1', '2024-01-01', { type: 'email_open' })],
      deals: [...wb.deals, deal('D-d1', ['d1'], 50, '2024-01-05', '2024-01-10')],
    });
    const report = reportOf(withOpenOnly, 1);
    expect(report.channels.map((r) => [r.channel, r.markovValue, r.shapleyValue])).toEqual([
      ['G', expect.closeTo(240, 9), expect.closeTo(250, 9)], ['M', expect.closeTo(160, 9), expect.closeTo(150, 9)], ['(no campaign)', 50, 50],
    ]);
    for (const [c, row] of report.channels.entries()) {
      const figures = report.metrics.campaigns[c === 2 ? report.analysis.none : c].attribution;
      expect([figures.markov.revenue, figures.shapley.revenue]).toEqual([row.markovValue, row.shapleyValue]);
    }
  });
});
