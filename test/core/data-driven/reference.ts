// Independent oracles for the data-driven tests: the textbook formulas, written for clarity, not speed.
import fc from 'fast-check';
import type { ChannelPath } from '../../../src/core/engine/data-driven';

/**
 * The order-k chain of attribution-models.md §5 built the obvious way (states keyed by the joined last k
 * channels, "·" padding), and P = s·(I − Q)⁻¹·r solved by dense Gaussian elimination with partial pivoting.
 * `without` removes every state containing that channel (transitions into it go to null).
 */
export function referenceConversionProbability(paths: readonly ChannelPath[], order: number, without?: string): number {
  const stateOf = (tail: string[]) => JSON.stringify(tail);
  const counts = new Map<string, Map<string, number>>(); // from → to → weight; to may be "conv" / "null"
  const add = (from: string, to: string, w: number) => {
    const row = counts.get(from) ?? new Map<string, number>();
    row.set(to, (row.get(to) ?? 0) + w);
    counts.set(from, row);
  };
  const START = 'start';
  for (const p of paths) {
    const m = p.conversions + p.nulls;
    if (m === 0 || p.channels.length === 0) continue;
    const padded = [...Array<string>(order).fill('·'), ...p.channels];
    let from = START;
    for (let i = order; i < padded.length; i++) {
      const to = stateOf(padded.slice(i - order + 1, i + 1));
      add(from, to, m);
      from = to;
    }
    add(from, 'conv', p.conversions);
    add(from, 'null', p.nulls);
  }
  const removed = (state: string) => without !== undefined && (JSON.parse(state) as string[]).includes(without);
  const states = [START, ...[...counts.keys()].filter((s) => s !== START && !removed(s))];
  const index = new Map(states.map((s, i) => [s, i]));
  const n = states.length;
  // (I − Q) x = r, rows normalised to probabilities.
  const a = states.map(() => new Array<number>(n + 1).fill(0));
  states.forEach((s, i) => {
    const row = counts.get(s) ?? new Map<string, number>();
    const total = [...row.values()].reduce((x, y) => x + y, 0);
    a[i][i] = 1;
    for (const [to, w] of row) {
      if (to === 'conv') a[i][n] += w / total;
      else if (index.has(to)) a[i][index.get(to) as number] -= w / total;
    }
  });
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) pivot = r;
    [a[col], a[pivot]] = [a[pivot], a[col]];
    for (let r = 0; r < n; r++) {
      if (r === col || a[r][col] === 0) continue;
      const f = a[r][col] / a[col][col];
      for (let c = col; c <= n; c++) a[r][c] -= f * a[col][c];
    }
  }
  return a[0][n] / a[0][0];
}

/** Shapley values by the definition: every subset S of the other players, weighted |S|!(n−|S|−1)!/n!. */
export function referenceShapley(players: readonly string[], worth: (coalition: ReadonlySet<string>) => number): Map<string, number> {
  const n = players.length;
  const factorial = (k: number): number => (k <= 1 ? 1 : k * factorial(k - 1));
  const result = new Map<string, number>();
  for (const i of players) {
    const others = players.filter((p) => p !== i);
    let phi = 0;
    for (let mask = 0; mask < 1 << others.length; mask++) {
      const s = new Set(others.filter((_, b) => mask & (1 << b)));
      const weight = (factorial(s.size) * factorial(n - s.size - 1)) / factorial(n);
      phi += weight * (worth(new Set([...s, i])) - worth(s));
    }
    result.set(i, phi);
  }
  return result;
}

/** A small deterministic generator (mulberry32) so random cases are the same on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random aggregated paths over the given channels, with repeats and loops. */
export function randomPaths(random: () => number, channels: readonly string[], rows: number, maxLength: number): ChannelPath[] {
  return Array.from({ length: rows }, () => {
    const length = 1 + Math.floor(random() * maxLength);
    const path = Array.from({ length }, () => channels[Math.floor(random() * channels.length)]);
    const conversions = Math.floor(random() * 4);
    return { channels: path, conversions, value: conversions * (10 + Math.floor(random() * 90)), nulls: Math.floor(random() * 4) };
  });
}

/** A generated path over four channels, its value a whole number per conversion (fast-check). */
export const pathArbitrary = fc
  .record({
    channels: fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { minLength: 1, maxLength: 5 }),
    conversions: fc.nat(5),
    valuePerConversion: fc.nat(1000),
    nulls: fc.nat(5),
  })
  .map(({ valuePerConversion, ...p }): ChannelPath => ({ ...p, value: p.conversions * valuePerConversion }));
