// Aggregated channel paths: the input of every data-driven model (attribution-models.md §5), in the shape
// of ChannelAttribution's data frame (one row per distinct path), so the engine and the `paths` command
// feed the same functions.

/** One distinct path: its channels in order (repeats kept) and how many journeys followed it (all ≥ 0). */
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
  // contain) and faster than joining the names.
  const ids = new Map<string, number>();
  const rows = new Map<string, ChannelPath>();
  for (const journey of journeys) {
    const channels = journey.channels;
    if (channels.length === 0) continue;
    let key = '';
    let id = -1;
    for (let i = 0; i < channels.length; i++) {
      // Journeys repeat a channel more often than not: a repeat keeps its number without a lookup.
      if (i === 0 || channels[i] !== channels[i - 1]) {
        const known = ids.get(channels[i]);
        if (known === undefined) ids.set(channels[i], (id = ids.size));
        else id = known;
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

/**
 * Paths with channels as indexes into `names` (sorted in plain string order, so results never depend on
 * row order), stored by column: row r's channels are channels[offsets[r] .. offsets[r + 1]).
 */
export interface IndexedPaths {
  names: string[];
  rowCount: number;
  offsets: Int32Array;
  channels: Int32Array;
  conversions: Float64Array;
  value: Float64Array;
  nulls: Float64Array;
  totalConversions: number;
  totalValue: number;
}

/** Numbers the channels; rows without channels are left out, as in `aggregatePaths`. */
export function indexPaths(paths: readonly ChannelPath[]): IndexedPaths {
  const idOf = new Map<string, number>();
  let touches = 0;
  let rowCount = 0;
  for (const { channels } of paths) {
    if (channels.length === 0) continue;
    rowCount++;
    touches += channels.length;
    // A channel repeated next to itself (the common case) is looked up once, here and below.
    for (let i = 0; i < channels.length; i++) if (i === 0 || channels[i] !== channels[i - 1]) idOf.set(channels[i], 0);
  }
  const names = [...idOf.keys()].sort(compareNames);
  names.forEach((name, i) => idOf.set(name, i));
  const indexed: IndexedPaths = {
    names,
    rowCount,
    offsets: new Int32Array(rowCount + 1),
    channels: new Int32Array(touches),
    conversions: new Float64Array(rowCount),
    value: new Float64Array(rowCount),
    nulls: new Float64Array(rowCount),
    totalConversions: 0,
    totalValue: 0,
  };
  let r = 0;
  let at = 0;
  for (const path of paths) {
    if (path.channels.length === 0) continue;
    const { channels } = path;
    for (let i = 0; i < channels.length; i++, at++) {
      indexed.channels[at] = i > 0 && channels[i] === channels[i - 1] ? indexed.channels[at - 1] : idOf.get(channels[i])!;
    }
    indexed.offsets[r + 1] = at;
    indexed.conversions[r] = path.conversions;
    indexed.value[r] = path.value;
    indexed.nulls[r] = path.nulls;
    indexed.totalConversions += path.conversions;
    indexed.totalValue += path.value;
    r++;
  }
  return indexed;
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
