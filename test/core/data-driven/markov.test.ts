// Markov removal-effect attribution (attribution-models.md §5), exact. Expected numbers are worked by hand
// in the comments; random cases are checked against a plain (I − Q)⁻¹R solve in reference.ts.
import fc from 'fast-check';
import { markov, type ChannelPath, type MarkovResult } from '../../../src/core/engine/data-driven';
import { pathArbitrary, randomPaths, referenceConversionProbability, seededRandom } from './reference';

const row = (path: string, conversions: number, value: number, nulls: number): ChannelPath => ({
  channels: path.split('>').map((c) => c.trim()),
  conversions,
  value,
  nulls,
});

function byName(result: MarkovResult) {
  return Object.fromEntries(result.channels.map((c) => [c.name, c]));
}

describe('Example D (spec §6): google ads and mailing, $100 per conversion', () => {
  const paths = [row('google ads', 2, 200, 1), row('mailing', 1, 100, 0), row('google ads > mailing', 1, 100, 0)];
  const result = markov(paths);
  const of = byName(result);

  test('P = 0.8', () => expect(result.conversionProbability).toBeCloseTo(0.8, 12));
  test('removal effects: google ads 0.75 (P without it 0.2), mailing 0.5 (P without it 0.4)', () => {
    expect(of['google ads'].removalEffect).toBeCloseTo(0.75, 12);
    expect(of.mailing.removalEffect).toBeCloseTo(0.5, 12);
  });
  test('credit: google ads 2.4 conversions ($240), mailing 1.6 ($160)', () => {
    expect(of['google ads'].conversions).toBeCloseTo(2.4, 12);
    expect(of['google ads'].value).toBeCloseTo(240, 10);
    expect(of.mailing.conversions).toBeCloseTo(1.6, 12);
    expect(of.mailing.value).toBeCloseTo(160, 10);
  });
  test('with the same value per conversion, the value removal effects equal the conversion ones', () => {
    expect(of['google ads'].removalEffectValue).toBeCloseTo(0.75, 12);
    expect(of.mailing.removalEffectValue).toBeCloseTo(0.5, 12);
  });
  test('channels are listed by name', () => {
    expect(result.channels.map((c) => c.name)).toEqual(['google ads', 'mailing']);
  });
});

describe('three channels, order 1, worked by hand', () => {
  // Journeys: a>b 1 conv ($100) 1 null · b>c 1 conv ($50) · a>c 2 nulls · c 1 conv ($30) 1 null. 7 journeys.
  // Transitions (weight = conv + null of the row):
  //   start: a 2+2 = 4, b 1, c 2 (of 7) · a: b 2, c 2 (of 4) · b: conv 1, null 1, c 1 (of 3)
  //   c: conv 1+1 = 2, null 2+1 = 3 (of 5)
  // Conversion probability from each state: x_c = 2/5; x_b = 1/3 + 1/3·2/5 = 7/15; x_a = ½·7/15 + ½·2/5 = 13/30.
  // P = 4/7·13/30 + 1/7·7/15 + 2/7·2/5 = 90/210 = 3/7.
  // Without a: 1/7·7/15 + 2/7·2/5 = 19/105 → RE_a = 1 − (19/105)/(3/7) = 26/45.
  // Without b: x_a = ½·2/5 = 1/5 → 4/7·1/5 + 2/7·2/5 = 8/35 → RE_b = 1 − 8/15 = 7/15.
  // Without c: x_b = 1/3, x_a = 1/6 → 4/7·1/6 + 1/7·1/3 = 1/7 → RE_c = 2/3.
  // Σ RE = 77/45: credits ×3 conversions: a 78/77, b 63/77, c 90/77; ×$180: a 4680/77, b 3780/77, c 5400/77.
  // Value removal effects (each conversion worth the mean value from its last state): value weights
  // b 100 (of 3), c 50+30 = 80 (of 5). y_c = 16, y_b = 100/3 + 16/3 = 116/3, y_a = 58/3 + 8 = 82/3;
  // V = 4/7·82/3 + 1/7·116/3 + 2/7·16 = 540/21. Without a: 212/21 → 82/135. Without b: y_a = 8 → 192/21
  // → 29/45. Without c: y_b = 100/3, y_a = 50/3 → 300/21 → 4/9.
  const paths = [row('a > b', 1, 100, 1), row('b > c', 1, 50, 0), row('a > c', 0, 0, 2), row('c', 1, 30, 1)];
  const result = markov(paths);
  const of = byName(result);

  test('P = 3/7', () => expect(result.conversionProbability).toBeCloseTo(3 / 7, 12));
  test.each([
    ['a', 26 / 45, 78 / 77, 4680 / 77, 82 / 135],
    ['b', 7 / 15, 63 / 77, 3780 / 77, 29 / 45],
    ['c', 2 / 3, 90 / 77, 5400 / 77, 4 / 9],
  ])('%s: removal effect, credit and value removal effect as worked above', (name, effect, conversions, value, effectValue) => {
    expect(of[name].removalEffect).toBeCloseTo(effect, 12);
    expect(of[name].conversions).toBeCloseTo(conversions, 12);
    expect(of[name].value).toBeCloseTo(value, 10);
    expect(of[name].removalEffectValue).toBeCloseTo(effectValue, 12);
  });
});

describe('order 2', () => {
  // a>b 1 conv · b 1 null · b>a 1 conv 1 null · a 1 conv 1 null. States (·,a) (·,b) (a,b) (b,a).
  // start: (·,a) 1+2 = 3, (·,b) 1+2 = 3 · (·,a): (a,b) 1, conv 1, null 1 · (a,b): conv 1
  // (·,b): null 1, (b,a) 2 · (b,a): conv 1, null 1.
  // x(·,a) = 1/3 + 1/3 = 2/3, x(·,b) = 2/3·½ = 1/3, P = ½·2/3 + ½·1/3 = ½.
  // Without a, every state left from the start is (·,b), which now leads only to null: RE_a = 1.
  // Without b: x(·,a) = 1/3, P = 1/6, RE_b = 2/3. Credits ×3: a 3·1/(5/3) = 1.8, b 1.2.
  const paths = [row('a > b', 1, 0, 0), row('b', 0, 0, 1), row('b > a', 1, 0, 1), row('a', 1, 0, 1)];

  test('removal effects and credits worked by hand', () => {
    const result = markov(paths, { order: 2 });
    const of = byName(result);
    expect(result.conversionProbability).toBeCloseTo(0.5, 12);
    expect(of.a.removalEffect).toBeCloseTo(1, 12);
    expect(of.b.removalEffect).toBeCloseTo(2 / 3, 12);
    expect(of.a.conversions).toBeCloseTo(1.8, 12);
    expect(of.b.conversions).toBeCloseTo(1.2, 12);
  });

  test('order 1 on the same paths mixes what follows b and gives other numbers', () => {
    // start: a 3, b 3 · a: b 1, conv 1+1 = 2, null 1+1 = 2 (of 5) · b: conv 1, null 1, a 2 (of 4).
    // x_a = 2/5 + 1/5·x_b, x_b = 1/4 + ½·x_a → x_a = 1/2, x_b = 1/2; P = ½.
    // Without a: x_b = 1/4 → P = 1/8, RE_a = 3/4. Without b: x_a = 2/5 → P = 1/5, RE_b = 3/5.
    // Credits ×3: a 3·(3/4)/(27/20) = 5/3, b 4/3.
    const of = byName(markov(paths, { order: 1 }));
    expect(of.a.removalEffect).toBeCloseTo(3 / 4, 12);
    expect(of.b.removalEffect).toBeCloseTo(3 / 5, 12);
    expect(of.a.conversions).toBeCloseTo(5 / 3, 12);
    expect(of.b.conversions).toBeCloseTo(4 / 3, 12);
  });
});

describe('edge cases', () => {
  test('no conversions: P = 0 and every credit and removal effect is 0', () => {
    const result = markov([row('a > b', 0, 0, 3), row('b', 0, 0, 1)]);
    expect(result.conversionProbability).toBe(0);
    expect(result.channels.map((c) => c.name).sort()).toEqual(['a', 'b']);
    for (const c of result.channels) expect([c.conversions, c.value, c.removalEffect, c.removalEffectValue]).toEqual([0, 0, 0, 0]);
  });

  test('a single channel with self-loops gets everything, in every order', () => {
    // a>a>a 1 conv · a>a 1 null: the self-loop only delays; P = ½ and removing a leaves nothing.
    const paths = [row('a > a > a', 1, 70, 0), row('a > a', 0, 0, 1)];
    for (const order of [1, 2, 3]) {
      const result = markov(paths, { order });
      expect(result.conversionProbability).toBeCloseTo(0.5, 12);
      expect(result.channels).toEqual([{ name: 'a', conversions: 1, value: 70, removalEffect: 1, removalEffectValue: 1 }]);
    }
  });

  test('self-loops do not change order-1 results', () => {
    const plain = byName(markov([row('a > b', 2, 20, 1), row('b', 1, 10, 2)]));
    const looped = byName(markov([row('a > a > b > b > b', 2, 20, 1), row('b > b', 1, 10, 2)]));
    for (const name of ['a', 'b']) expect(looped[name].removalEffect).toBeCloseTo(plain[name].removalEffect, 12);
  });

  test('a channel seen only on rows without journeys is listed with 0', () => {
    const of = byName(markov([row('a', 1, 5, 0), row('ghost > a', 0, 0, 0)]));
    expect(of.ghost).toEqual({ name: 'ghost', conversions: 0, value: 0, removalEffect: 0, removalEffectValue: 0 });
    expect(of.a.conversions).toBe(1);
  });

  test('empty input and empty paths give no channels', () => {
    expect(markov([]).channels).toEqual([]);
    expect(markov([{ channels: [], conversions: 3, value: 30, nulls: 1 }]).channels).toEqual([]);
  });

  test('an order below 1 is refused', () => {
    expect(() => markov([row('a', 1, 1, 0)], { order: 0 })).toThrow(RangeError);
  });
});

describe('agreement with a plain (I − Q)⁻¹R solve', () => {
  const channels = ['a', 'b', 'c', 'd', 'e'];
  test.each([1, 2, 3])('order %d: P and every removal effect on random paths with loops', (order) => {
    const random = seededRandom(order * 7919);
    for (let round = 0; round < 5; round++) {
      const paths = randomPaths(random, channels, 40, 6);
      const result = markov(paths, { order });
      const p = referenceConversionProbability(paths, order);
      expect(result.conversionProbability).toBeCloseTo(p, 10);
      // Every channel the paths visit is listed, once.
      expect(result.channels.map((c) => c.name).sort()).toEqual([...new Set(paths.flatMap((path) => path.channels))].sort());
      for (const c of result.channels) {
        expect(c.removalEffect).toBeCloseTo(1 - referenceConversionProbability(paths, order, c.name) / p, 10);
      }
    }
  });
});

describe('invariants', () => {
  const pathsArb = fc.array(pathArbitrary, { minLength: 1, maxLength: 12 });
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

  test('credits sum to the total conversions and value (orders 1 to 3)', () => {
    fc.assert(fc.property(pathsArb, fc.integer({ min: 1, max: 3 }), (paths, order) => {
      const result = markov(paths, { order });
      const conversions = sum(paths.map((p) => p.conversions));
      const value = sum(paths.map((p) => p.value));
      expect(sum(result.channels.map((c) => c.conversions))).toBeCloseTo(conversions, 9);
      expect(sum(result.channels.map((c) => c.value))).toBeCloseTo(value, 7);
    }));
  });

  test('renaming channels and reordering journeys change nothing but the names', () => {
    const rename: Record<string, string> = { a: 'Zeta', b: 'alpha', c: 'Mid', d: '(no campaign)' };
    fc.assert(fc.property(pathsArb, fc.integer({ min: 1, max: 3 }), (paths, order) => {
      const renamed = [...paths].reverse().map((p) => ({ ...p, channels: p.channels.map((c) => rename[c]) }));
      const before = byName(markov(paths, { order }));
      const after = byName(markov(renamed, { order }));
      for (const [name, c] of Object.entries(before)) {
        const d = after[rename[name]];
        expect(d.conversions).toBeCloseTo(c.conversions, 9);
        expect(d.value).toBeCloseTo(c.value, 7);
        expect(d.removalEffect).toBeCloseTo(c.removalEffect, 9);
        expect(d.removalEffectValue).toBeCloseTo(c.removalEffectValue, 9);
      }
    }));
  });

  test('on tree-shaped data the removal effect is the share of converting journeys that touched the channel', () => {
    // x>y 2 conv · z 1 conv 1 null · x 1 null: every state has one history, so the chain converts exactly
    // as the data does (P = 3/5) and RE_c = Pr[visit c | conv]: x 2/3, y 2/3, z 1/3.
    const of = byName(markov([row('x > y', 2, 0, 0), row('z', 1, 0, 1), row('x', 0, 0, 1)]));
    expect(of.x.removalEffect).toBeCloseTo(2 / 3, 12);
    expect(of.y.removalEffect).toBeCloseTo(2 / 3, 12);
    expect(of.z.removalEffect).toBeCloseTo(1 / 3, 12);
  });
});
