// A seeded generator (mulberry32), so the same seed always gives the same sample. Streams are derived
// per purpose (one per person, one per sheet): what one part draws never shifts another part's numbers.

/** A 32-bit hash of a seed and labels (strings or integers): the seed of a derived stream. */
export function hashSeed(seed: number, ...labels: (string | number)[]): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  const mix = (k: number) => {
    h = Math.imul(h ^ k, 0x85ebca6b) >>> 0;
    h = (h ^ (h >>> 13)) >>> 0;
    h = Math.imul(h, 0xc2b2ae35) >>> 0;
    h = (h ^ (h >>> 16)) >>> 0;
  };
  for (const label of labels) {
    if (typeof label === 'number') mix(label >>> 0);
    else for (let i = 0; i < label.length; i++) mix(label.charCodeAt(i));
    mix(0x2f);
  }
  return h;
}

/** A number in [0, 1) that depends only on the seed and labels: for choices that must agree wherever made. */
export function hashUnit(seed: number, ...labels: (string | number)[]): number {
  return hashSeed(seed, ...labels) / 2 ** 32;
}

export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  static derive(seed: number, ...labels: (string | number)[]): Random {
    return new Random(hashSeed(seed, ...labels));
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** One item, drawn in proportion to its weight. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((sum, [, w]) => sum + w, 0);
    let r = this.next() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    return items[items.length - 1][0];
  }

  /** Exponentially distributed, with the given mean (waiting times between visits). */
  exponential(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  /** How many failures before a success: counts with a long tail (pages per session, sessions per person). */
  geometric(mean: number): number {
    const p = 1 / (1 + mean);
    return Math.floor(Math.log(1 - this.next()) / Math.log(1 - p));
  }

  /** Lower-case hex digits, for cookie-like ids. */
  hex(length: number): string {
    let s = '';
    while (s.length < length) s += Math.floor(this.next() * 2 ** 32).toString(16).padStart(8, '0');
    return s.slice(0, length);
  }
}
