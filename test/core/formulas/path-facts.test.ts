// The formula facts for order-1 Markov keep its paths with runs of one channel collapsed (c c c → c).
// That is sound only because order-1 Markov credit ignores self-loops (the proof is in src/core/formulas/path-facts.ts); these
// tests check the claim on the registry's own model, and that Markov is the one model relying on it.
import fc from 'fast-check';
import { DATA_DRIVEN_MODELS, type DataDrivenModel } from '../../../src/core/engine';
import { aggregatePaths, type Journey } from '../../../src/core/engine/data-driven';
import { parseFacts, serializeFacts } from '../../../src/core/formulas';
import { reportWorkbook } from '../report/report-fixture';
import { analyzeWithFacts } from './engine-oracle';

const markovModel = DATA_DRIVEN_MODELS.find((m) => m.id === 'markov') as DataDrivenModel;
const collapsed = (journey: Journey): Journey => ({ ...journey, channels: journey.channels.filter((c, i) => i === 0 || journey.channels[i - 1] !== c) });
const creditOf = (journeys: Journey[]) => Object.fromEntries(markovModel.credit(aggregatePaths(journeys)).map((c) => [c.name, c.value]));

describe('order-1 Markov credit does not change when runs of a channel are collapsed', () => {
  test('by hand: a a b converts ($100), b and a b do not', () => {
    // Transitions: start → a 2, start → b 1, a → a 1, a → b 2, b → conversion 1, b → null 2. From b, P = 1/3;
    // a reaches b for sure (the self-loop only delays), so P = 1/3. Without a: P = 1/3 × 1/3 (effect 2/3);
    // without b: 0 (effect 1). Credit a = 2/3 ÷ 5/3 × 100 = 40, b = 60; with a → a gone, the same chain.
    const journeys: Journey[] = [
      { channels: ['a', 'a', 'b'], value: 100, converted: true },
      { channels: ['b'], value: 0, converted: false },
      { channels: ['a', 'b'], value: 0, converted: false },
    ];
    for (const credit of [creditOf(journeys), creditOf(journeys.map(collapsed))]) {
      expect(credit.a).toBeCloseTo(40, 9);
      expect(credit.b).toBeCloseTo(60, 9);
    }
  });

  test('for any journeys', () => {
    const journey = fc.record({
      channels: fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { minLength: 1, maxLength: 8 }),
      value: fc.integer({ min: 0, max: 100_000 }).map((cents) => cents / 100),
      converted: fc.boolean(),
    });
    fc.assert(fc.property(fc.array(journey, { minLength: 1, maxLength: 12 }), (journeys) => {
      const whole = creditOf(journeys);
      const short = creditOf(journeys.map(collapsed));
      expect(Object.keys(short)).toEqual(Object.keys(whole));
      for (const [name, value] of Object.entries(whole)) expect(Math.abs(short[name] - value)).toBeLessThanOrEqual(1e-9 * Math.max(1, value));
    }), { numRuns: 300 });
  });

  test('Markov is the only model answered from the collapsed paths; a new one must be proved first', () => {
    expect(DATA_DRIVEN_MODELS.filter((m) => !m.perDeal).map((m) => m.id)).toEqual(['markov']);
    expect(analyzeWithFacts(reportWorkbook(), 'UTC').facts.revenueModels.perRange).toEqual(['markov']);
  });
});

describe('the stored paths of the report workbook', () => {
  const march1 = Date.UTC(2024, 2, 1) / 86_400_000;
  const feb1 = march1 - 29;

  test('at order 2, kept as the engine has them; contacts kept only before their first won close', () => {
    const { paths } = analyzeWithFacts(reportWorkbook(), 'UTC', null, 2).facts;
    // D1 closed 03-01: C1 C1 C1 C2 (campaign indexes 0, 1); D2 nine days later: none C1 C1 (none = 2).
    expect(paths.converting).toEqual([march1, 1000, 4, 0, 0, 0, 1, 9, 3000, 3, 2, 0, 0]);
    // Ann: C1 C1 C1 on 02-01, C2 on 02-10, first won close 03-01 (29 days on); Bob: none then C1 C1 on 02-15
    // (14 days on from Ann's), first won close 03-10 (24 days on).
    expect(paths.journeys).toEqual([feb1, 29, 4, 0, 0, 0, 0, 0, 9, 1, 14, 24, 3, 2, 0, 0, 0, 0]);
  });

  test('at order 1: runs collapsed, each with the day of its first element', () => {
    const { paths } = analyzeWithFacts(reportWorkbook(), 'UTC').facts;
    expect(paths.converting).toEqual([march1, 1000, 2, 0, 1, 9, 3000, 2, 2, 0]);
    expect(paths.journeys).toEqual([feb1, 29, 2, 0, 9, 1, 14, 24, 2, 2, 0, 0]);
  });

  test.each([1, 2, 3])('cached at order %i: the same paths come back', (order) => {
    const { facts } = analyzeWithFacts(reportWorkbook(), 'UTC', null, order);
    expect(parseFacts(serializeFacts(facts)).paths).toEqual(facts.paths);
  });
});
