// The data-driven models inside the engine: worked example D of attribution-models.md §6, built as journeys.
// Channels are campaigns: G ("google ads") and M ("mailing"); every won deal is worth $100.
import { campaign, deal, visit, workbook } from './fixtures';
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
    expect(of('G').revenue.markov).toEqual({ revenue: expect.any(Number), dealsWithRevenue: 3, associatedDealValue: 300, contactsWithRevenue: 3 });
    expect(of('M').revenue.shapley).toEqual({ revenue: expect.any(Number), dealsWithRevenue: 2, associatedDealValue: 200, contactsWithRevenue: 2 });
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
    // With the range from 2024-02-01, no deal is in range: every contact with a won deal closed by `to`
    // is left out, a3 remains the only (null) path, and nothing is credited.
    const later = run(wb, { from: '2024-02-01', to: '2024-12-31' });
    expect(later.of('G').attribution.markov.revenue).toBe(0);
    expect(later.metrics.totals.closedWonRevenue).toBe(0);
  });
});
