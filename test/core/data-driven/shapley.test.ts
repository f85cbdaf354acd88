// The two Shapley models (attribution-models.md §5 and issue 9): the simplified Shapley value (`shapley`)
// and the conversion-rate game (`shapley_conversion_rate`). Expected numbers are worked by hand.
import fc from 'fast-check';
import {
  MAX_CONVERSION_RATE_CHANNELS, shapley, shapleyConversionRate, type ChannelCredit, type ChannelPath,
} from '../../../src/core/engine/data-driven';
import { pathArbitrary, referenceShapley } from './reference';

const row = (path: string, conversions: number, value: number, nulls: number): ChannelPath => ({
  channels: path.split('>').map((c) => c.trim()),
  conversions,
  value,
  nulls,
});

function byName<T extends ChannelCredit>(channels: readonly T[]): Record<string, T> {
  return Object.fromEntries(channels.map((c) => [c.name, c]));
}

function conversionRate(paths: readonly ChannelPath[]) {
  const result = shapleyConversionRate(paths);
  if (!result.available) throw new Error(`unavailable: ${result.reason}`);
  return { ...result, of: byName(result.channels) };
}

const exampleD = [row('google ads', 2, 200, 1), row('mailing', 1, 100, 0), row('google ads > mailing', 1, 100, 0)];

describe('simplified Shapley', () => {
  test('Example D (spec §6): google ads 2.5, mailing 1.5', () => {
    // R({ga}) = 2, R({mail}) = 1, R({ga, mail}) = 1 → ga 2 + ½, mailing 1 + ½.
    const of = byName(shapley(exampleD).channels);
    expect(of['google ads']).toEqual({ name: 'google ads', conversions: 2.5, value: 250 });
    expect(of.mailing).toEqual({ name: 'mailing', conversions: 1.5, value: 150 });
  });

  test('three channels: each converting path split equally among its distinct channels', () => {
    // a>b 1 conv $100 → a, b ½ each ($50) · b>c>b 1 conv $50 → b, c ½ each ($25): b counts once
    // c 1 conv $30 → c · a>c 2 nulls → nothing. Totals: a 0.5 ($50), b 1 ($75), c 1.5 ($55).
    const of = byName(shapley([row('a > b', 1, 100, 1), row('b > c > b', 1, 50, 0), row('a > c', 0, 0, 2), row('c', 1, 30, 1)]).channels);
    expect(of.a).toEqual({ name: 'a', conversions: 0.5, value: 50 });
    expect(of.b).toEqual({ name: 'b', conversions: 1, value: 75 });
    expect(of.c).toEqual({ name: 'c', conversions: 1.5, value: 55 });
  });

  test('is the Shapley value of v(S) = conversions of journeys whose channel set lies inside S', () => {
    const paths = [row('a > b', 3, 0, 0), row('c', 2, 0, 4), row('a > b > c > a', 5, 0, 1), row('b', 1, 0, 0)];
    const sets = paths.map((p) => ({ set: new Set(p.channels), conversions: p.conversions }));
    const worth = (s: ReadonlySet<string>) =>
      sets.filter(({ set }) => [...set].every((c) => s.has(c))).reduce((sum, { conversions }) => sum + conversions, 0);
    const expected = referenceShapley(['a', 'b', 'c'], worth);
    const { channels } = shapley(paths);
    expect(channels.map((c) => c.name).sort()).toEqual(['a', 'b', 'c']);
    for (const c of channels) expect(c.conversions).toBeCloseTo(expected.get(c.name) as number, 12);
  });

  test('channels of non-converting paths only are listed with 0', () => {
    expect(byName(shapley([row('a', 1, 9, 0), row('b', 0, 0, 5)]).channels).b).toEqual({ name: 'b', conversions: 0, value: 0 });
  });
});

describe('conversion-rate Shapley', () => {
  test('Example D: v({ga}) = 2/3, v({mail}) = 1, v({ga, mail}) = 1 → φ 1/3 and 2/3, ×4 conversions', () => {
    // φ_ga = ½(2/3 − 0) + ½(1 − 1) = 1/3; φ_mail = ½(1 − 0) + ½(1 − 2/3) = 2/3; they sum to v(N) = 1.
    const { of, fullSetConversionRate } = conversionRate(exampleD);
    expect(fullSetConversionRate).toBe(1);
    expect(of['google ads'].shapleyValue).toBeCloseTo(1 / 3, 12);
    expect(of.mailing.shapleyValue).toBeCloseTo(2 / 3, 12);
    expect(of['google ads'].conversions).toBeCloseTo(4 / 3, 12);
    expect(of.mailing.conversions).toBeCloseTo(8 / 3, 12);
    expect(of['google ads'].value).toBeCloseTo(400 / 3, 10);
    expect(of.mailing.value).toBeCloseTo(800 / 3, 10);
  });

  test('two channels, worked by hand', () => {
    // a 1 conv 3 null (v = 1/4) · b 1 conv 1 null (1/2) · b>a 3 conv 1 null ({a,b}: 3/4).
    // φ_a = ½·1/4 + ½(3/4 − 1/2) = 1/4; φ_b = ½·1/2 + ½(3/4 − 1/4) = 1/2; Σ = 3/4 = v(N).
    // Credit ×5 conversions: a 5/3, b 10/3.
    const { of } = conversionRate([row('a', 1, 10, 3), row('b', 1, 10, 1), row('b > a', 3, 30, 1)]);
    expect(of.a.shapleyValue).toBeCloseTo(1 / 4, 12);
    expect(of.b.shapleyValue).toBeCloseTo(1 / 2, 12);
    expect(of.a.conversions).toBeCloseTo(5 / 3, 12);
    expect(of.b.conversions).toBeCloseTo(10 / 3, 12);
    expect(of.a.value).toBeCloseTo(50 / 3, 10);
  });

  test('three channels, worked by hand; repeated channels count once in the set', () => {
    // Sets and rates: {a} 1/4 · {b} 1/2 · {c} 0 · {a,b} 1/2 · {b,c} 2/4 = 1/2 (c>b>c) · {a,c} no journey: 0
    // · {a,b,c} 2/2 = 1. Weights for n = 3: |S| = 0 → 1/3, 1 → 1/6, 2 → 1/3.
    // φ_a = 1/3·1/4 + 1/6(1/2 − 1/2) + 1/6(0 − 0) + 1/3(1 − 1/2) = 1/4
    // φ_b = 1/3·1/2 + 1/6(1/2 − 1/4) + 1/6(1/2 − 0) + 1/3(1 − 0) = 5/8
    // φ_c = 1/3·0 + 1/6(0 − 1/4) + 1/6(1/2 − 1/2) + 1/3(1 − 1/2) = 1/8; Σ = 1 = v(N).
    // Credit ×7 conversions: a 7/4, b 35/8, c 7/8.
    const { of } = conversionRate([
      row('a', 1, 0, 3), row('b', 1, 0, 1), row('c', 0, 0, 2), row('a > b', 1, 0, 1),
      row('c > b > c', 2, 0, 2), row('b > a > c', 1, 0, 0), row('a > c > b', 1, 0, 0),
    ]);
    expect(of.a.shapleyValue).toBeCloseTo(1 / 4, 12);
    expect(of.b.shapleyValue).toBeCloseTo(5 / 8, 12);
    expect(of.c.shapleyValue).toBeCloseTo(1 / 8, 12);
    expect(of.a.conversions).toBeCloseTo(7 / 4, 12);
    expect(of.b.conversions).toBeCloseTo(35 / 8, 12);
    expect(of.c.conversions).toBeCloseTo(7 / 8, 12);
  });

  test('a channel that lowers the conversion rate of its sets gets negative credit', () => {
    // a 1 conv 1 null (1/2) · b 1 conv (1) · a>b 1 conv 3 null (1/4).
    // φ_a = ½·1/2 + ½(1/4 − 1) = −1/8; φ_b = ½·1 + ½(1/4 − 1/2) = 3/8; Σ = 1/4. ×3: a −3/2, b 9/2.
    const { of } = conversionRate([row('a', 1, 0, 1), row('b', 1, 0, 0), row('a > b', 1, 0, 3)]);
    expect(of.a.conversions).toBeCloseTo(-3 / 2, 12);
    expect(of.b.conversions).toBeCloseTo(9 / 2, 12);
  });

  test('agrees with the definition by subsets on a four-channel game', () => {
    const paths = [
      row('a', 2, 0, 3), row('b > c', 1, 0, 1), row('a > b > c > d', 4, 0, 1), row('d > a', 0, 0, 2),
      row('c', 1, 0, 1), row('a > b > d', 2, 0, 2),
    ];
    const rate = new Map<string, { conv: number; all: number }>();
    for (const p of paths) {
      const key = [...new Set(p.channels)].sort().join();
      const r = rate.get(key) ?? { conv: 0, all: 0 };
      rate.set(key, { conv: r.conv + p.conversions, all: r.all + p.conversions + p.nulls });
    }
    const worth = (s: ReadonlySet<string>) => {
      const r = rate.get([...s].sort().join());
      return r ? r.conv / r.all : 0;
    };
    const expected = referenceShapley(['a', 'b', 'c', 'd'], worth);
    const { channels } = conversionRate(paths);
    expect(channels.map((c) => c.name).sort()).toEqual(['a', 'b', 'c', 'd']);
    for (const c of channels) expect(c.shapleyValue).toBeCloseTo(expected.get(c.name) as number, 12);
  });

  test('no conversions at all: every credit is 0', () => {
    const result = shapleyConversionRate([row('a > b', 0, 0, 4), row('a', 0, 0, 1)]);
    expect(result.available && result.channels.map((c) => [c.conversions, c.shapleyValue])).toEqual([[0, 0], [0, 0]]);
  });

  test('unavailable when no journey with every channel converted, with the reason', () => {
    const result = shapleyConversionRate([row('a > b', 1, 0, 1), row('c', 1, 0, 1), row('a > b > c', 0, 0, 3)]);
    expect(result).toMatchObject({ available: false, reason: 'no_full_set_conversions', messageId: 'model.shapley_conversion_rate.no_full_set' });
  });

  test(`available up to ${MAX_CONVERSION_RATE_CHANNELS} channels, unavailable beyond`, () => {
    const channels = (n: number) => Array.from({ length: n }, (_, i) => `c${String(i).padStart(2, '0')}`);
    const game = (n: number) => [{ channels: channels(n), conversions: 1, value: 0, nulls: 1 }, ...channels(n).map((c) => row(c, 0, 0, 1))];
    const largest = shapleyConversionRate(game(MAX_CONVERSION_RATE_CHANNELS));
    // One journey saw every channel and converted half the time; alone no channel converts: symmetric players.
    expect(largest.available && largest.channels.every((c) => Math.abs(c.conversions - 1 / MAX_CONVERSION_RATE_CHANNELS) < 1e-12)).toBe(true);
    expect(shapleyConversionRate(game(MAX_CONVERSION_RATE_CHANNELS + 1))).toEqual({
      available: false,
      reason: 'too_many_channels',
      messageId: 'model.shapley_conversion_rate.too_many_channels',
      params: { count: MAX_CONVERSION_RATE_CHANNELS + 1, max: MAX_CONVERSION_RATE_CHANNELS },
    });
  });
});

describe('invariants of both Shapley models', () => {
  // Every path through all four channels converts at least once, so the conversion-rate game is available.
  const pathsArb = fc.array(pathArbitrary, { minLength: 1, maxLength: 12 })
    .map((paths) => [...paths, row('a > b > c > d', 1, 100, 0)]);
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const models = {
    shapley: (paths: ChannelPath[]) => shapley(paths).channels,
    shapley_conversion_rate: (paths: ChannelPath[]) => conversionRate(paths).channels,
  };

  test.each(Object.entries(models))('%s: credits sum to the total conversions and value', (_, model) => {
    fc.assert(fc.property(pathsArb, (paths) => {
      const credits = model(paths);
      expect(sum(credits.map((c) => c.conversions))).toBeCloseTo(sum(paths.map((p) => p.conversions)), 9);
      expect(sum(credits.map((c) => c.value))).toBeCloseTo(sum(paths.map((p) => p.value)), 6);
    }));
  });

  test.each(Object.entries(models))('%s: renaming channels and reordering journeys change nothing but the names', (_, model) => {
    const rename: Record<string, string> = { a: 'Zeta', b: 'alpha', c: 'Mid', d: '(no campaign)' };
    fc.assert(fc.property(pathsArb, (paths) => {
      const before = byName(model(paths));
      const after = byName(model([...paths].reverse().map((p) => ({ ...p, channels: p.channels.map((c) => rename[c]) }))));
      for (const [name, c] of Object.entries(before)) {
        expect(after[rename[name]].conversions).toBeCloseTo(c.conversions, 9);
        expect(after[rename[name]].value).toBeCloseTo(c.value, 6);
      }
    }));
  });
});
