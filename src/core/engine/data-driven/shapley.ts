// Shapley-value attribution: two games, two model ids. Both treat a channel set as the players of a
// cooperative game, φ_i = Σ_{S ⊆ N∖{i}} |S|!(n−|S|−1)!/n! · [v(S∪{i}) − v(S)], and differ in v.
//
// `shapley` (the spec's model, attribution-models.md §5): the simplified Shapley value of Zhao, Mahboobi
// and Bagheri (2018). v(S) = the conversions of the journeys whose set of distinct channels lies inside S.
// That game is a sum of unanimity games, one per observed channel set T with weight R(T), so the Shapley
// value has a closed form: φ_i = Σ_{T ∋ i} R(T) / |T|. In words, each converting path's conversions and
// value are split equally among its distinct channels. Exact for any number of channels, O(paths);
// non-converting journeys do not matter; every credit is ≥ 0.
//
// `shapley_conversion_rate`: v(S) = the conversion rate of the journeys whose set of distinct channels is
// exactly S (conversions / journeys); v(S) = 0 when no journey has exactly that set, and v(∅) = 0.
// Players are the channels of every journey, converting or not. This game rewards a channel for what it
// adds to the conversion rate of the sets it joins, so it needs the null journeys and can give a channel
// a negative value (its sets convert worse with it). The values sum to v(N), the conversion rate of the
// journeys that touched every channel; credit is φ_i / v(N) × the total conversions (and value). It is
// computed by enumerating all 2^n subsets, so it is offered up to 15 channels; beyond that, or when no
// journey with every channel converted (v(N) = 0, so nothing can be scaled), the result says it is
// unavailable and why, instead of a number.

import type { MessageId } from '../../messages';
import { creditsFromShares, indexPaths, type ChannelCredit, type ChannelPath } from './paths';

export interface ShapleyResult {
  /** One per channel of the input, in plain string order of the name. */
  channels: ChannelCredit[];
}

/** The simplified Shapley value: each converting path split equally among its distinct channels. */
export function shapley(paths: readonly ChannelPath[]): ShapleyResult {
  const indexed = indexPaths(paths);
  const conversions = new Float64Array(indexed.names.length);
  const value = new Float64Array(indexed.names.length);
  const seen = new Int32Array(indexed.names.length).fill(-1);
  const distinct: number[] = [];
  for (let r = 0; r < indexed.rowCount; r++) {
    if (indexed.conversions[r] === 0 && indexed.value[r] === 0) continue;
    distinct.length = 0;
    for (let i = indexed.offsets[r]; i < indexed.offsets[r + 1]; i++) {
      const c = indexed.channels[i];
      if (seen[c] !== r) {
        seen[c] = r;
        distinct.push(c);
      }
    }
    for (const c of distinct) {
      conversions[c] += indexed.conversions[r] / distinct.length;
      value[c] += indexed.value[r] / distinct.length;
    }
  }
  return {
    channels: indexed.names.map((name, c) => ({ name, conversions: conversions[c], value: value[c] })),
  };
}

/** Subset enumeration costs 2^n · n; past this the game is reported unavailable. */
export const MAX_CONVERSION_RATE_CHANNELS = 15;

export interface ConversionRateChannel extends ChannelCredit {
  /** φ: the channel's Shapley value in the conversion-rate game (a rate; may be negative). */
  shapleyValue: number;
}

export type ShapleyConversionRateResult =
  | {
      available: true;
      channels: ConversionRateChannel[];
      /** v(N): the conversion rate of the journeys that touched every channel; the φ sum to it. */
      fullSetConversionRate: number;
    }
  | {
      available: false;
      reason: 'too_many_channels' | 'no_full_set_conversions';
      /** Catalogue message explaining why, with its parameters. */
      messageId: MessageId;
      params: Record<string, string | number>;
    };

export function shapleyConversionRate(paths: readonly ChannelPath[]): ShapleyConversionRateResult {
  const indexed = indexPaths(paths);
  // Players: channels with at least one journey (rows with no journeys say nothing about any rate).
  const { offsets, channels } = indexed;
  const hasJourneys = (r: number) => indexed.conversions[r] + indexed.nulls[r] > 0;
  const bit = new Int32Array(indexed.names.length).fill(-1);
  let n = 0;
  for (let r = 0; r < indexed.rowCount; r++) {
    if (!hasJourneys(r)) continue;
    for (let i = offsets[r]; i < offsets[r + 1]; i++) if (bit[channels[i]] < 0) bit[channels[i]] = n++;
  }
  if (n > MAX_CONVERSION_RATE_CHANNELS) {
    return {
      available: false,
      reason: 'too_many_channels',
      messageId: 'model.shapley_conversion_rate.too_many_channels',
      params: { count: n, max: MAX_CONVERSION_RATE_CHANNELS },
    };
  }

  const subsets = 1 << n;
  const converted = new Float64Array(subsets);
  const journeys = new Float64Array(subsets);
  for (let r = 0; r < indexed.rowCount; r++) {
    if (!hasJourneys(r)) continue;
    let set = 0;
    for (let i = offsets[r]; i < offsets[r + 1]; i++) set |= 1 << bit[channels[i]];
    converted[set] += indexed.conversions[r];
    journeys[set] += indexed.conversions[r] + indexed.nulls[r];
  }
  const v = Float64Array.from(journeys, (count, set) => (count > 0 ? converted[set] / count : 0));
  const full = subsets - 1;
  // Without any conversion every φ is 0, as every other model gives 0; with some, v(N) must be > 0.
  if (indexed.totalConversions > 0 && v[full] === 0) {
    return { available: false, reason: 'no_full_set_conversions', messageId: 'model.shapley_conversion_rate.no_full_set', params: {} };
  }

  // weightOf[s] = s!(n−s−1)!/n!, the chance that a random order puts exactly s given players before i.
  const weightOf = new Float64Array(n);
  weightOf[0] = 1 / n;
  for (let s = 1; s < n; s++) weightOf[s] = (weightOf[s - 1] * s) / (n - s);
  const phiOfPlayer = new Float64Array(n);
  for (let set = 0; set < full; set++) {
    const w = weightOf[popCount(set)];
    for (let i = 0; i < n; i++) {
      const member = 1 << i;
      if ((set & member) === 0) phiOfPlayer[i] += w * (v[set | member] - v[set]);
    }
  }
  const phi = Float64Array.from(bit, (b) => (b < 0 ? 0 : phiOfPlayer[b]));
  const credits = creditsFromShares(indexed, phi);
  return {
    available: true,
    channels: credits.map((credit, c) => ({ ...credit, shapleyValue: phi[c] })),
    fullSetConversionRate: v[full],
  };
}

function popCount(x: number): number {
  let count = 0;
  for (let y = x; y !== 0; y &= y - 1) count++;
  return count;
}
