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
      key += id < 0x8000 ? String.fromCharCode(id) : String.fromCharCode(0x8000 | (id >>> 15), id & 0x7fff);
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
  const seen = new Set<string>();
  for (const path of paths) for (const channel of path.channels) seen.add(channel);
  const names = [...seen].sort(compareNames);
  const idOf = new Map(names.map((name, i) => [name, i]));
  const rows: IndexedPath[] = [];
  let totalConversions = 0;
  let totalValue = 0;
  for (const path of paths) {
    if (path.channels.length === 0) continue;
    const channels = Int32Array.from(path.channels, (name) => idOf.get(name) as number);
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
