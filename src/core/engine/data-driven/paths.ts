// Aggregated channel paths: the input of every data-driven model (attribution-models.md §5), in the shape
// of ChannelAttribution's data frame (one row per distinct path), so the engine and the `paths` command
// feed the same functions.

/** One distinct path: its channels in order (repeats kept) and how many journeys followed it. */
export interface ChannelPath {
  channels: readonly string[];
  /** Converting journeys with this path. */
  conversions: number;
  /** Summed conversion value of those journeys. */
  value: number;
  /** Journeys with this path that did not convert. */
  nulls: number;
}

/** One journey as the engine sees it; `value` counts only when it converted. */
export interface Journey {
  channels: readonly string[];
  value: number;
  converted: boolean;
}

/** Attributed conversions and value of one channel. */
export interface ChannelCredit {
  name: string;
  conversions: number;
  value: number;
}

/**
 * Groups journeys by path. Journeys without channels are dropped (§5: empty paths are dropped). Rows come
 * in order of first appearance.
 */
export function aggregatePaths(journeys: Iterable<Journey>): ChannelPath[] {
  // Keys are the channels' intern numbers as UTF-16 code units: exact (no separator that a name could
  // contain) and several times faster than joining the names.
  const ids = new Map<string, number>();
  const rows = new Map<string, ChannelPath>();
  for (const journey of journeys) {
    const channels = journey.channels;
    if (channels.length === 0) continue;
    let key = '';
    for (let i = 0; i < channels.length; i++) {
      let id = ids.get(channels[i]);
      if (id === undefined) {
        id = ids.size;
        ids.set(channels[i], id);
      }
      key += idKey(id);
    }
    let row = rows.get(key);
    if (row === undefined) {
      row = { channels: channels.slice(), conversions: 0, value: 0, nulls: 0 };
      rows.set(key, row);
    }
    if (journey.converted) {
      row.conversions++;
      row.value += journey.value;
    } else {
      row.nulls++;
    }
  }
  return [...rows.values()];
}

/** A number as one or two UTF-16 code units, prefix-free, so concatenated keys never collide. */
export function idKey(id: number): string {
  return id < 0x8000 ? String.fromCharCode(id) : String.fromCharCode(0x8000 | (id >>> 15), id & 0x7fff);
}

/** Paths with channels as indexes into `names` (sorted in plain string order, so results never depend on row order). */
export interface IndexedPaths {
  names: string[];
  rows: IndexedPath[];
  totalConversions: number;
  totalValue: number;
}

export interface IndexedPath {
  channels: Int32Array;
  conversions: number;
  value: number;
  nulls: number;
}

/** Numbers the channels; rows without channels are left out, as in `aggregatePaths`. */
export function indexPaths(paths: readonly ChannelPath[]): IndexedPaths {
  const idOf = new Map<string, number>();
  for (const path of paths) for (const channel of path.channels) idOf.set(channel, 0);
  const names = [...idOf.keys()].sort(compareNames);
  names.forEach((name, i) => idOf.set(name, i));
  const rows: IndexedPath[] = [];
  let totalConversions = 0;
  let totalValue = 0;
  for (const path of paths) {
    const length = path.channels.length;
    if (length === 0) continue;
    const channels = new Int32Array(length);
    for (let i = 0; i < length; i++) channels[i] = idOf.get(path.channels[i]) as number;
    rows.push({ channels, conversions: path.conversions, value: path.value, nulls: path.nulls });
    totalConversions += path.conversions;
    totalValue += path.value;
  }
  return { names, rows, totalConversions, totalValue };
}

/** Code-unit order: the same everywhere, unlike localeCompare. */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Credits from per-channel shares: share / Σ shares × totals (all zero when the shares sum to zero). */
export function creditsFromShares(indexed: IndexedPaths, shares: ArrayLike<number>): ChannelCredit[] {
  let sum = 0;
  for (let c = 0; c < shares.length; c++) sum += shares[c];
  return indexed.names.map((name, c) => {
    const share = sum === 0 ? 0 : shares[c] / sum;
    return { name, conversions: share * indexed.totalConversions, value: share * indexed.totalValue };
  });
}
