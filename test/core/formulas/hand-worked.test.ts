// Figures a user would type a formula for, on the hand-built workbook of the report tests
// (test/core/report/report-fixture.ts; the working is in json-report.test.ts), and on a workbook in
// Europe/Amsterdam whose interactions fall near midnight, where the calendar day differs from UTC.
import {
  dayNumberOfIso, findCampaign, FORMULA_METRICS, isMetricName, METRIC_NAMES, parseFacts, queryMetric, serializeFacts, type FormulaFacts,
  type MetricQuery,
} from '../../../src/core/formulas';
import { formatMessage } from '../../../src/core/messages';
import { campaign, deal, markovOrderWorkbook, markovRunsWorkbook, sharedUtmWorkbook, visit, workbook } from '../engine/fixtures';
import { reportWorkbook } from '../report/report-fixture';
import { analyzeWithFacts } from './engine-oracle';

const day = (iso: string) => dayNumberOfIso(iso)!;

/** A figure by campaign id, defaulting to all dates up to 2024-04-30, U-shaped, first touch. */
function figureOf(facts: FormulaFacts) {
  return (id: string, metric: MetricQuery['metric'], options: Partial<Omit<MetricQuery, 'from' | 'to'>> & { from?: string; to?: string } = {}) => {
    const campaignIndex = findCampaign(facts, id);
    if (typeof campaignIndex !== 'number') throw new Error(`no one campaign ${id}`);
    return queryMetric(facts, {
      campaign: campaignIndex, metric, model: options.model ?? 'u_shaped', touch: options.touch ?? 'first',
      from: options.from ? day(options.from) : null, to: day(options.to ?? '2024-04-30'),
    });
  };
}

describe('the report workbook', () => {
  const { facts } = analyzeWithFacts(reportWorkbook(), 'UTC');
  const figure = figureOf(facts);

  test('U-shaped revenue: D1 FIRST #1 400, LEAD #3 400, #2 and #5 100 each; D2 FIRST #6 1200, LEAD #8 1200, #7 600', () => {
    expect(figure('C1', 'revenue')).toBeCloseTo(2700, 9);
    expect(figure('C2', 'revenue')).toBeCloseTo(100, 9);
    expect(figure('(no campaign)', 'revenue')).toBeCloseTo(1200, 9);
    expect([figure('C1', 'deals_with_revenue'), figure('C1', 'associated_deal_value'), figure('C1', 'contacts_with_revenue')]).toEqual([2, 4000, 2]);
    expect([figure('C2', 'deals_with_revenue'), figure('C2', 'associated_deal_value'), figure('C2', 'contacts_with_revenue')]).toEqual([1, 1000, 1]);
  });

  test('even split (linear): D1 250 per touch, D2 1000 per touch', () => {
    expect(figure('C1', 'revenue', { model: 'linear' })).toBeCloseTo(2750, 9);
    expect(figure('C2', 'revenue', { model: 'linear' })).toBeCloseTo(250, 9);
    expect(figure('(no campaign)', 'revenue', { model: 'linear' })).toBeCloseTo(1000, 9);
  });

  test('a range holding only D1 (closed 03-01): C1 has three of its four touches, Ann is the one contact', () => {
    const march = { from: '2024-03-01', to: '2024-03-09', model: 'linear' };
    expect(figure('C1', 'revenue', march)).toBeCloseTo(750, 9);
    expect(figure('C1', 'contacts_with_revenue', march)).toBe(1);
    expect(figure('(no campaign)', 'revenue', march)).toBe(0);
    expect(figure('C1', 'influenced_revenue', march)).toBe(1000);
  });

  test('overview figures', () => {
    expect([figure('C1', 'sessions'), figure('C1', 'new_contacts'), figure('C1', 'influenced_contacts')]).toEqual([2, 2, 2]);
    // Both contacts are created by a C1 form in a C1 session, so last touch agrees with first touch.
    expect(figure('C1', 'new_contacts', { touch: 'last' })).toBe(2);
    expect([figure('C2', 'sessions'), figure('C2', 'influenced_contacts')]).toEqual([0, 1]);
    expect([figure('(no campaign)', 'sessions'), figure('(no campaign)', 'influenced_contacts')]).toEqual([1, 1]);
    expect(['C1', 'C2', '(no campaign)'].map((id) => figure(id, 'influenced_revenue'))).toEqual([4000, 1000, 3000]);
    // Ann's session on 02-01, Bob's on 02-15.
    expect(figure('C1', 'sessions', { from: '2024-02-15', to: '2024-02-15' })).toBe(1);
  });

  test('attribution credit; null where the model does not apply', () => {
    expect(figure('C1', 'contact_create', { model: 'linear' })).toBeCloseTo(1 + 2 / 3, 12);
    expect(figure('(no campaign)', 'contact_create', { model: 'linear' })).toBeCloseTo(1 / 3, 12);
    expect(figure('C1', 'deal_create', { model: 'linear' })).toBeCloseTo(0.75 + 2 / 3 + 2 / 3, 12);
    expect(figure('C2', 'deal_create', { model: 'linear' })).toBeCloseTo(0.25, 12);
    expect(figure('C1', 'contact_create', { model: 'w_shaped' })).toBeNull();
    expect(figure('C1', 'deal_create', { model: 'full_path' })).toBeNull();
    expect(figure('C1', 'revenue', { model: 'full_path' })).not.toBeNull();
  });

  test('goals are the campaign settings, whatever the range; "(no campaign)" has none', () => {
    expect(figure('C1', 'goal_sessions')).toBe(4);
    expect(figure('C1', 'goal_revenue', { from: '2030-01-01', to: '2030-01-01' })).toBe(5000);
    expect(figure('C2', 'goal_revenue')).toBeNull();
    expect(figure('(no campaign)', 'goal_sessions')).toBeNull();
  });

  test('workbook totals, whatever the campaign', () => {
    const totals = (from: string | undefined, to: string) =>
      ['closed_won_revenue', 'unattributed_revenue', 'contacts_created', 'deals_created'].map((m) =>
        figure('C2', m as MetricQuery['metric'], { from, to }));
    expect(totals(undefined, '2024-04-30')).toEqual([4000, 0, 2, 3]);
    expect(totals('2024-02-01', '2024-02-29')).toEqual([0, 0, 2, 1]);
    expect(totals('2024-03-01', '2024-03-31')).toEqual([4000, 0, 0, 2]);
  });

  test('nothing after `to` counts, and a range past the data is all zero', () => {
    expect(figure('C1', 'revenue', { to: '2024-02-29' })).toBe(0);
    expect(figure('C1', 'sessions', { from: '2025-01-01', to: '2025-12-31' })).toBe(0);
    expect(figure('C1', 'contacts_with_revenue', { from: '2025-01-01', to: '2025-12-31' })).toBe(0);
  });

  test('a campaign by id, name or utm value, any case; unknown is null', () => {
    expect(['C1', ' c1 ', 'spring launch', 'SPRING', 'Nurture', 'nurture', '(no campaign)', '(No Campaign)'].map((t) => findCampaign(facts, t)))
      .toEqual([0, 0, 0, 0, 1, 1, 2, 2]);
    expect(findCampaign(facts, 'old-promo')).toBeNull();
    expect(findCampaign(facts, '')).toBeNull();
  });

  test('a name two campaigns share (used again a year later) names neither: their ids are given instead', () => {
    const twice = { campaigns: [...facts.campaigns.slice(0, 1), { ...facts.campaigns[1], name: facts.campaigns[0].name }] };
    expect(findCampaign(twice, 'Spring launch')).toEqual({ ambiguous: ['C1', 'C2'] });
    // Each id still names its campaign.
    expect(['C1', 'C2'].map((id) => findCampaign(twice, id))).toEqual([0, 1]);
  });

  test('an unknown metric, model or campaign index is refused, not answered', () => {
    const base: MetricQuery = { campaign: 0, metric: 'revenue', from: null, to: day('2024-04-30'), model: 'linear', touch: 'first' };
    expect(() => queryMetric(facts, { ...base, metric: 'profit' as MetricQuery['metric'] })).toThrow(/metric/);
    expect(() => queryMetric(facts, { ...base, model: 'data_driven' })).toThrow(/model/);
    expect(() => queryMetric(facts, { ...base, campaign: 3 })).toThrow(/campaign/);
  });
});

describe('the report workbook under the data-driven models', () => {
  // Paths: D1 (Ann, $1000, closed 03-01) C1 C1 C1 C2 (#1 #2 #3 #5; the open #4 is not eligible); D2 (Bob,
  // $3000, closed 03-10) none C1 C1 (#6 is the losing variant). By 04-30 both contacts converted: no null paths.
  const { facts } = analyzeWithFacts(reportWorkbook(), 'UTC');
  const figure = figureOf(facts);
  const ids = ['C1', 'C2', '(no campaign)'];
  const revenue = (model: string, range: { from?: string; to?: string } = {}) => ids.map((id) => figure(id, 'revenue', { model, ...range }));

  test('Shapley: D1 500 to C1 and C2, D2 1500 to none and C1', () => {
    expect(revenue('shapley')).toEqual([2000, 500, 1500]);
  });

  test('Markov: every path converts, so removal effects are the shares of paths visiting C1 1, C2 0.5, none 0.5', () => {
    // Credit = effect / 2 × $4000.
    revenue('markov').forEach((credit, i) => expect(credit).toBeCloseTo([2000, 1000, 1000][i], 9));
  });

  test('deals, value and contacts count a campaign in the path, the same under both models', () => {
    for (const model of ['markov', 'shapley']) {
      expect(ids.map((id) => figure(id, 'deals_with_revenue', { model }))).toEqual([2, 1, 1]);
      expect(ids.map((id) => figure(id, 'associated_deal_value', { model }))).toEqual([4000, 1000, 3000]);
      // C1: Ann (#1-#3) and Bob (#7, #8); C2: Ann (#5); none: Bob (#6).
      expect(ids.map((id) => figure(id, 'contacts_with_revenue', { model }))).toEqual([2, 1, 1]);
      expect([figure('C1', 'contact_create', { model }), figure('C1', 'deal_create', { model })]).toEqual([null, null]);
    }
  });

  test('up to 03-05 Bob has not converted: his journey none C1 C1 is a null path', () => {
    // Chain (runs of C1 are self-loops): start → C1 or none (½ each), none → C1, C1 → C2 or null (½ each),
    // C2 → conversion: P = ½. Without C1 or C2, P = 0 (effect 1); without none, P = ¼ (effect ½). Σ = 2.5,
    // so $1000 × (1, 1, ½) / 2.5.
    revenue('markov', { to: '2024-03-05' }).forEach((credit, i) => expect(credit).toBeCloseTo([400, 400, 200][i], 9));
    // Shapley ignores null paths: D1 alone.
    expect(revenue('shapley', { to: '2024-03-05' })).toEqual([500, 500, 0]);
  });

  test('a range holding only D2 (closed 03-10): none C1 C1, both converted by then', () => {
    const range = { from: '2024-03-02', to: '2024-03-10' };
    revenue('markov', range).forEach((credit, i) => expect(credit).toBeCloseTo([1500, 0, 1500][i], 9));
    expect(revenue('shapley', range)).toEqual([1500, 0, 1500]);
    expect(ids.map((id) => figure(id, 'contacts_with_revenue', { ...range, model: 'markov' }))).toEqual([1, 0, 1]);
  });

  test('a range with a null path and no conversion credits nothing', () => {
    expect(revenue('markov', { from: '2024-03-02', to: '2024-03-09' })).toEqual([0, 0, 0]);
  });

  test('a won deal without eligible interaction gives its amount to "(no campaign)" outside the chain', () => {
    const wb = workbook({
      campaigns: [campaign('C1')],
      visits: [visit('ann', '2024-03-01T10:00:00Z', { campaign: 'C1' }), visit('bob', '2024-03-01T11:00:00Z', { type: 'email_open', campaign: 'C1' })],
      deals: [deal('D1', ['ann'], 100, '2024-03-02', '2024-03-05'), deal('D2', ['bob'], 50, '2024-03-02', '2024-03-06')],
    });
    const small = figureOf(analyzeWithFacts(wb, 'UTC').facts);
    for (const model of ['markov', 'shapley']) {
      expect([small('C1', 'revenue', { model }), small('(no campaign)', 'revenue', { model })]).toEqual([100, 50]);
      // It counts as a deal of "(no campaign)", with no contact (§7).
      expect(['deals_with_revenue', 'associated_deal_value', 'contacts_with_revenue'].map((m) =>
        small('(no campaign)', m as MetricQuery['metric'], { model }))).toEqual([1, 50, 0]);
    }
    expect(small('(no campaign)', 'revenue', { model: 'markov', from: '2024-03-06', to: '2024-03-06' })).toBe(50);
  });

  test('a contact whose won deal is in another currency converted by its close: no null path', () => {
    // x: C1 then C2, won $100; z: C1, won $100 (both 03-10); y: C2, won a EUR deal on 03-08 (in no sum).
    // By 03-10: no null path, P = 1, without C1 0 (effect 1), without C2 ½ (effect ½): $200 × (1, ½) / 1.5.
    const wb = workbook({
      campaigns: [campaign('C1'), campaign('C2')],
      visits: [
        visit('x', '2024-03-01T10:00:00Z', { campaign: 'C1' }), visit('x', '2024-03-02T10:00:00Z', { campaign: 'C2' }),
        visit('z', '2024-03-01T10:00:00Z', { campaign: 'C1' }), visit('y', '2024-03-01T10:00:00Z', { campaign: 'C2' }),
      ],
      deals: [deal('Dx', ['x'], 100, '2024-03-05', '2024-03-10'), deal('Dz', ['z'], 100, '2024-03-05', '2024-03-10')],
      otherCurrencyDeals: [deal('Dy', ['y'], 90, '2024-03-05', '2024-03-08', { currency: 'EUR' })],
    });
    const small = figureOf(analyzeWithFacts(wb, 'UTC').facts);
    expect(small('C1', 'revenue', { model: 'markov', to: '2024-03-10' })).toBeCloseTo(400 / 3, 9);
    expect(small('C2', 'revenue', { model: 'markov', to: '2024-03-10' })).toBeCloseTo(200 / 3, 9);
  });
});

describe('first touch up to `to`, and $0 deals', () => {
  // c is created on 01-05 by a form (no campaign); the first page view of its journey, tagged C1, is on 03-01.
  // d is created by its C1 page view on 01-06. D0 is a won $0 deal of d's.
  const wb = workbook({
    campaigns: [campaign('C1')],
    visits: [
      visit('c', '2024-01-05T10:00:00Z', { type: 'form_submission' }),
      visit('c', '2024-03-01T10:00:00Z', { campaign: 'C1' }),
      visit('d', '2024-01-06T10:00:00Z', { campaign: 'C1' }),
    ],
    deals: [deal('D0', ['d'], 0, '2024-01-10', '2024-01-20')],
  });
  const small = figureOf(analyzeWithFacts(wb, 'UTC').facts);
  const newContacts = (range: { from?: string; to: string }) => ['C1', '(no campaign)'].map((id) => small(id, 'new_contacts', range));

  test('a first page view after `to` does not count: c is "(no campaign)"\'s in January, C1\'s once `to` reaches 03-01', () => {
    expect(newContacts({ to: '2024-01-31' })).toEqual([1, 1]);
    expect(newContacts({ to: '2024-02-29' })).toEqual([1, 1]);
    expect(newContacts({ to: '2024-03-01' })).toEqual([2, 0]);
    expect(newContacts({ from: '2024-01-05', to: '2024-01-05' })).toEqual([0, 1]);
    expect(newContacts({ from: '2024-01-06', to: '2024-03-31' })).toEqual([1, 0]);
    // Last touch is the creating interaction: c's form has no campaign, whatever `to`.
    expect(['C1', '(no campaign)'].map((id) => small(id, 'new_contacts', { touch: 'last', to: '2024-03-31' }))).toEqual([1, 1]);
  });

  test('a session past midnight counts for a campaign once `to` reaches the campaign\'s page view', () => {
    const w = workbook({
      campaigns: [campaign('C1')],
      visits: [visit(null, '2024-06-30T23:50:00Z', { visitorId: 'v1' }), visit(null, '2024-07-01T00:10:00Z', { visitorId: 'v1', campaign: 'C1' })],
    });
    const f = figureOf(analyzeWithFacts(w, 'UTC').facts);
    const sessions = (range: { from?: string; to: string }) => ['C1', '(no campaign)'].map((id) => f(id, 'sessions', range));
    expect(sessions({ to: '2024-06-30' })).toEqual([0, 1]);
    expect(sessions({ to: '2024-07-01' })).toEqual([1, 1]);
    // By its start day: a range of 1 July alone holds no session start.
    expect(sessions({ from: '2024-07-01', to: '2024-07-31' })).toEqual([0, 0]);
  });

  test('a $0 won deal is no deal with revenue and gives no contact with revenue', () => {
    const figures = (model: string) => ['revenue', 'deals_with_revenue', 'associated_deal_value', 'contacts_with_revenue'].map((m) =>
      small('C1', m as MetricQuery['metric'], { model }));
    expect(figures('linear')).toEqual([0, 0, 0, 0]);
    expect(figures('shapley')).toEqual([0, 0, 0, 0]);
    // Markov counts the deals whose path contains the campaign (cli.md): D0's path is d's C1 page view.
    expect(figures('markov')).toEqual([0, 1, 0, 1]);
  });
});

describe('metric names', () => {
  test('one list, each with a label in the catalogue, for the "allowed: …" of errors', () => {
    expect(METRIC_NAMES).toContain('contacts_with_revenue');
    expect(new Set(METRIC_NAMES).size).toBe(METRIC_NAMES.length);
    for (const m of FORMULA_METRICS) expect(formatMessage(m.labelId)).not.toBe(m.labelId);
    expect(isMetricName('sessions')).toBe(true);
    expect(isMetricName('Sessions')).toBe(false);
    expect(formatMessage('formula.metric_unknown', { value: 'profit', allowed: METRIC_NAMES.join(', ') }))
      .toBe(`"profit" is not a metric; allowed: ${METRIC_NAMES.join(', ')}.`);
  });
});

describe('Europe/Amsterdam: days are calendar days in the workbook zone', () => {
  // 2024-03-01 23:30 UTC is 2024-03-02 00:30 in Amsterdam (UTC+1); 2024-06-30 22:30 UTC is 2024-07-01
  // 00:30 (UTC+2, summer time). Ann's page view and form both fall on 03-02 in Amsterdam, 03-01 in UTC.
  const wb = workbook({
    campaigns: [campaign('C1', { createdAt: Date.UTC(2024, 0, 1) })],
    visits: [
      visit('ann', '2024-03-01T23:30:00Z', { campaign: 'C1' }),
      visit('ann', '2024-03-01T23:40:00Z', { campaign: 'C1', type: 'form_submission' }),
    ],
    deals: [deal('D1', ['ann'], 100, '2024-03-10T23:30:00Z', '2024-06-30T22:30:00Z')],
  });

  test('a visit at 00:30 local time counts on the local day', () => {
    const ams = figureOf(analyzeWithFacts(wb, 'Europe/Amsterdam').facts);
    const utc = figureOf(analyzeWithFacts(wb, 'UTC').facts);
    const on = (d: string) => ({ from: d, to: d });
    expect([ams('C1', 'sessions', on('2024-03-01')), ams('C1', 'sessions', on('2024-03-02'))]).toEqual([0, 1]);
    expect([utc('C1', 'sessions', on('2024-03-01')), utc('C1', 'sessions', on('2024-03-02'))]).toEqual([1, 0]);
    expect([ams('C1', 'new_contacts', on('2024-03-02')), ams('C1', 'influenced_contacts', on('2024-03-02'))]).toEqual([1, 1]);
    // Deal creation 03-10 23:30 UTC is 03-11 00:30 in Amsterdam.
    expect(ams('C1', 'deal_create', { ...on('2024-03-11'), model: 'linear' })).toBe(1);
    expect(utc('C1', 'deal_create', { ...on('2024-03-10'), model: 'linear' })).toBe(1);
  });

  test('a close at 00:30 summer time counts on 1 July, not 30 June', () => {
    const ams = figureOf(analyzeWithFacts(wb, 'Europe/Amsterdam').facts);
    const on = (d: string) => ({ from: d, to: d, model: 'linear', touch: 'first' as const });
    expect([ams('C1', 'revenue', on('2024-06-30')), ams('C1', 'revenue', on('2024-07-01'))]).toEqual([0, 100]);
    expect(ams('C1', 'closed_won_revenue', on('2024-07-01'))).toBe(100);
  });
});

describe('the Markov order of the report as last written', () => {
  // Worked by hand in markovOrderWorkbook: order 1 gives A $25, B $50, C $25; order 2 A $50, B $50, C $0.
  const ordered = markovOrderWorkbook();
  const markovRevenue = (order: number) => {
    const figure = figureOf(analyzeWithFacts(ordered, 'UTC', null, order).facts);
    return ['A', 'B', 'C'].map((id) => figure(id, 'revenue', { model: 'markov', to: '2024-12-31' }));
  };

  test('order 1 by default, order 2 when the report was of order 2', () => {
    expect(markovRevenue(1)).toEqual([25, 50, 25].map((v) => expect.closeTo(v, 9)));
    expect(markovRevenue(2)).toEqual([50, 50, 0].map((v) => expect.closeTo(v, 9)));
  });
});

describe('Markov of order 2 and more on journeys with runs of one channel', () => {
  // Worked by hand in markovRunsWorkbook: orders 1 and 2 P $16.67, Q $16.67, A $33.33, X $33.33, Y $0;
  // order 3 P $33.33, Q $0, A $33.33, X $33.33, Y $0.
  const markovRevenue = (facts: FormulaFacts) => ['P', 'Q', 'A', 'X', 'Y'].map((id) => figureOf(facts)(id, 'revenue', { model: 'markov', to: '2024-12-31' }));
  const third = 100 / 3;
  const expected: Record<number, number[]> = {
    1: [third / 2, third / 2, third, third, 0],
    2: [third / 2, third / 2, third, third, 0],
    3: [third, 0, third, third, 0],
  };

  test.each([1, 2, 3])('order %i, from the facts as built and as the cache gives them back', (order) => {
    const { facts } = analyzeWithFacts(markovRunsWorkbook(), 'UTC', null, order);
    for (const answered of [facts, parseFacts(serializeFacts(facts))]) {
      expect(markovRevenue(answered)).toEqual(expected[order].map((v) => expect.closeTo(v, 9)));
    }
  });

  test('cut on 01-03, in the middle of the runs: no deal has closed by then (x\'s closes 01-10), so nothing is credited', () => {
    const { facts } = analyzeWithFacts(markovRunsWorkbook(), 'UTC', null, 2);
    const figure = figureOf(facts);
    expect(['P', 'Q', 'A'].map((id) => figure(id, 'revenue', { model: 'markov', to: '2024-01-03' }))).toEqual([0, 0, 0]);
  });
});

describe('a utm value two campaigns share', () => {
  // sharedUtmWorkbook: A (utm alpha, former spring) on row 2, B (utm spring) on row 3; the visit tagged spring is A's.
  const { facts } = analyzeWithFacts(sharedUtmWorkbook(), 'UTC');

  test('names the campaign the engine gives its visits: the first in sheet order, current and former values alike', () => {
    expect(['spring', ' SPRING ', 'alpha', 'A'].map((text) => findCampaign(facts, text))).toEqual([0, 0, 0, 0]);
    expect(findCampaign(facts, 'B')).toBe(1);
    const figure = figureOf(facts);
    expect(figure('spring', 'revenue', { model: 'linear' })).toBe(100);
    expect(figure('B', 'revenue', { model: 'linear' })).toBe(0);
  });
});
