// THE key property of the formula facts: for any whole-day range, model (Markov and Shapley included), touch
// and campaign, queryMetric gives what computeMetrics gives from the journeys (counts exactly, amounts to
// 1e-9 of their size).
import fc from 'fast-check';
import { ingestWorkbook } from '../../../src/core/ingest';
import { dayNumberAt, isoOfDayNumber, parseFacts, serializeFacts } from '../../../src/core/formulas';
import { INTERACTION_TYPES, type Deal, type Workbook } from '../../../src/core/types';
import { asset, campaign, contact, dealContact, markovRunsWorkbook, sharedUtmWorkbook, visit, workbook } from '../engine/fixtures';
import { reportWorkbook } from '../report/report-fixture';
import { analyzeWithFacts, compareWithEngine, type DayRange } from './engine-oracle';
import { sampleRawWorkbook } from './sample-workbook';

describe('hand-built report workbook (UTC)', () => {
  // Data: visits 2024-02-01 … 2024-03-01, deals created 02-20, 03-05, 03-06, closed 03-01 and 03-10.
  const RANGES: DayRange[] = [
    { from: null, to: '2024-04-30' },
    { from: null, to: '2024-02-29' },
    { from: null, to: '2023-12-31' },
    { from: '2024-02-01', to: '2024-02-01' },
    { from: '2024-02-15', to: '2024-02-15' },
    { from: '2024-03-01', to: '2024-03-01' },
    { from: '2024-03-10', to: '2024-03-10' },
    { from: '2024-02-10', to: '2024-03-05' },
    { from: '2024-02-02', to: '2024-03-09' },
    { from: '2024-03-02', to: '2024-03-09' },
    { from: '2024-03-06', to: '2030-12-31' },
    { from: '2025-01-01', to: '2025-12-31' },
    { from: '2023-01-01', to: '2023-12-31' },
  ];

  test('every figure of every campaign over every range, model and touch', () => {
    const { analysis, facts } = analyzeWithFacts(reportWorkbook(), 'UTC');
    expect(compareWithEngine(analysis, facts, 'UTC', RANGES)).toEqual([]);
  });
});

describe('small hand-built workbooks (UTC)', () => {
  // Visits 01-01 … 01-04, the won deal closes 01-10.
  const RANGES: DayRange[] = [
    { from: null, to: '2024-12-31' },
    { from: null, to: '2024-01-03' },
    { from: null, to: '2024-01-09' },
    { from: '2024-01-10', to: '2024-01-10' },
    { from: '2024-01-02', to: '2024-01-31' },
  ];

  test.each([1, 2, 3])('runs of one channel at Markov order %i, from the facts as built and as cached', (order) => {
    const { analysis, facts } = analyzeWithFacts(markovRunsWorkbook(), 'UTC', null, order);
    expect(compareWithEngine(analysis, facts, 'UTC', RANGES)).toEqual([]);
    expect(compareWithEngine(analysis, parseFacts(serializeFacts(facts)), 'UTC', RANGES)).toEqual([]);
  });

  test('a utm value two campaigns share', () => {
    const { analysis, facts } = analyzeWithFacts(sharedUtmWorkbook(), 'UTC');
    expect(compareWithEngine(analysis, facts, 'UTC', RANGES)).toEqual([]);
  });
});

/** Ranges over a data span: open-ended, single days, whole span, mid-way starts and ends, past both ends. */
function rangesAround(first: number, last: number, count: number, seed: number): DayRange[] {
  const iso = isoOfDayNumber;
  const ranges: DayRange[] = [
    { from: null, to: iso(last + 30) },
    { from: null, to: iso(first - 1) },
    { from: iso(first), to: iso(last) },
    { from: iso(first), to: iso(first) },
    { from: iso(last), to: iso(last) },
    { from: iso(last + 1), to: iso(last + 400) },
    { from: iso(first - 400), to: iso(first - 1) },
  ];
  // A small linear congruential generator: the same ranges on every run.
  let state = seed;
  const next = (n: number) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % n;
  };
  while (ranges.length < count) {
    const a = first - 5 + next(last - first + 10);
    const length = [0, 1, 6, 29, 90][next(5)];
    ranges.push({ from: next(6) === 0 ? null : iso(a), to: iso(a + length) });
  }
  return ranges;
}

function sampleAnalysis(tz: string, lookbackDays: number | null = null) {
  const { workbook: wb } = ingestWorkbook(sampleRawWorkbook(), { tz, locale: null, currency: 'EUR' });
  const { analysis, facts } = analyzeWithFacts(wb, tz, lookbackDays);
  const times = wb.visits.map((v) => v.timestamp);
  const span = [Math.min(...times), Math.max(...times)].map((t) => dayNumberAt(t, tz));
  return { analysis, facts, span };
}

describe('generated sample workbook', () => {
  test.each(['UTC', 'Europe/Amsterdam'])('every figure over 24 ranges in %s', (tz) => {
    const { analysis, facts, span } = sampleAnalysis(tz);
    expect(analysis.campaigns.length).toBeGreaterThan(5);
    expect(compareWithEngine(analysis, facts, tz, rangesAround(span[0], span[1], 24, 7))).toEqual([]);
  });

  test('with a 30-day lookback: deals\' paths are cut by the window, null paths are not', () => {
    const { analysis, facts, span } = sampleAnalysis('UTC', 30);
    expect(compareWithEngine(analysis, facts, 'UTC', rangesAround(span[0], span[1], 10, 11))).toEqual([]);
  });
});

describe('generated workbooks with times near midnight in Europe/Amsterdam', () => {
  const TZ = 'Europe/Amsterdam';
  // 2024-03-20 00:00 UTC, so the 31 March DST change falls inside the generated days.
  const START = Date.UTC(2024, 2, 20);
  const MINUTE = 60_000;
  const CAMPAIGNS = ['C1', 'C2', 'C3'];
  const visitSpec = fc.record({
    minute: fc.integer({ min: 0, max: 20 * 24 * 60 }),
    contact: fc.integer({ min: 0, max: 3 }),
    anonymous: fc.boolean(),
    type: fc.integer({ min: 0, max: INTERACTION_TYPES.length - 1 }),
    target: fc.integer({ min: -1, max: CAMPAIGNS.length }),
    // Mostly derived sessions; now and then a given session id, a global key that never splits.
    sessionId: fc.oneof({ arbitrary: fc.constant(null), weight: 6 }, { arbitrary: fc.constantFrom('s1', 's2'), weight: 1 }),
  });
  const dealSpec = fc.record({
    contacts: fc.uniqueArray(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 3 }),
    created: fc.integer({ min: 0, max: 20 * 24 * 60 }),
    closeAfter: fc.integer({ min: 0, max: 5 * 24 * 60 }),
    stage: fc.constantFrom('won', 'won', 'lost', 'open'),
    amount: fc.integer({ min: 0, max: 1_000_000 }).map((cents) => cents / 100),
    lateContact: fc.option(fc.integer({ min: 0, max: 3 })),
    /** When the late contact is associated, in minutes from the close (or the creation of an open deal). */
    lateAt: fc.oneof(fc.integer({ min: -3 * 24 * 60, max: 120 }), fc.constantFrom(-1, 0, 1, 30)),
  });
  const iso = (minute: number) => new Date(START + minute * MINUTE).toISOString();

  /** Campaign target CAMPAIGNS.length is a workflow shared by C1 and C2 (credit split between them). */
  function build(visits: Array<typeof visitSpec extends fc.Arbitrary<infer T> ? T : never>, deals: Array<typeof dealSpec extends fc.Arbitrary<infer T> ? T : never>): Workbook {
    return workbook({
      campaigns: CAMPAIGNS.map((id) => campaign(id)),
      assets: [asset('WF', 'C1', { type: 'workflow' }), asset('WF', 'C2', { type: 'workflow' })],
      contacts: [0, 1, 2, 3].map((c) => contact(`k${c}`, c === 3 ? {} : { createdAt: START + (c * 5 * 24 * 60 + 23 * 60 + 30) * MINUTE })),
      visits: visits.map((s) => visit(s.anonymous ? null : `k${s.contact}`, iso(s.minute), {
        visitorId: `v${s.contact}`, type: INTERACTION_TYPES[s.type], sessionId: s.sessionId,
        ...(s.target === CAMPAIGNS.length ? { assetId: 'WF' } : s.target >= 0 ? { campaign: CAMPAIGNS[s.target] } : {}),
      })),
      deals: deals.map((d, i): Deal => ({
        row: i + 2, id: `D${i}`, name: `D${i}`, amount: d.amount, currency: null, stage: d.stage as Deal['stage'],
        createdAt: START + d.created * MINUTE, closedAt: d.stage === 'open' ? null : START + (d.created + d.closeAfter) * MINUTE,
        contactIds: d.contacts.map((c) => `k${c}`),
      })),
      dealContacts: deals.flatMap((d, i) => (d.lateContact === null ? [] : [
        dealContact(`D${i}`, `k${d.lateContact}`, iso(d.created + (d.stage === 'open' ? 0 : d.closeAfter) + d.lateAt)),
      ])),
    });
  }

  test('queryMetric equals computeMetrics for random ranges', () => {
    const day0 = dayNumberAt(START, TZ);
    const range = fc.record({ from: fc.option(fc.integer({ min: -2, max: 26 })), length: fc.integer({ min: 0, max: 27 }) })
      .map(({ from, length }): DayRange => ({
        from: from === null ? null : isoOfDayNumber(day0 + from),
        to: isoOfDayNumber(day0 + (from ?? 0) + length),
      }));
    fc.assert(fc.property(
      fc.array(visitSpec, { minLength: 1, maxLength: 30 }), fc.array(dealSpec, { maxLength: 4 }), fc.array(range, { minLength: 1, maxLength: 3 }),
      (visits, deals, ranges) => {
        const { analysis, facts } = analyzeWithFacts(build(visits, deals), TZ);
        expect(compareWithEngine(analysis, facts, TZ, ranges)).toEqual([]);
      },
    ), { numRuns: 60 });
  });

  test('Markov credit as the range end moves day by day: deals closing in range, null paths ending at its end', () => {
    const day0 = dayNumberAt(START, TZ);
    const ends = Array.from({ length: 27 }, (_, k) => isoOfDayNumber(day0 - 1 + k));
    // Every other range starts on day 8, so deals closed before `from` drop out while their contacts stay converted.
    const ranges = ends.map((to, k): DayRange => ({ from: k % 2 ? isoOfDayNumber(day0 + 8) : null, to }));
    fc.assert(fc.property(
      fc.array(visitSpec, { minLength: 1, maxLength: 30 }), fc.array(dealSpec, { maxLength: 3 }),
      (visits, deals) => {
        const { analysis, facts } = analyzeWithFacts(build(visits, deals), TZ);
        expect(compareWithEngine(analysis, facts, TZ, ranges)).toEqual([]);
      },
    ), { numRuns: 40 });
  });

  test('Markov of order 1 to 3, from the facts as built and as cached (runs of one channel kept at order ≥ 2)', () => {
    const day0 = dayNumberAt(START, TZ);
    const ranges = [0, 4, 9, 14, 26].map((k): DayRange => ({ from: null, to: isoOfDayNumber(day0 + k) }));
    fc.assert(fc.property(
      fc.array(visitSpec, { minLength: 1, maxLength: 30 }), fc.array(dealSpec, { maxLength: 3 }), fc.integer({ min: 1, max: 3 }),
      (visits, deals, order) => {
        const { analysis, facts } = analyzeWithFacts(build(visits, deals), TZ, null, order);
        expect(compareWithEngine(analysis, facts, TZ, ranges)).toEqual([]);
        expect(compareWithEngine(analysis, parseFacts(serializeFacts(facts)), TZ, ranges)).toEqual([]);
      },
    ), { numRuns: 40 });
  });
});
