// Markov-chain removal-effect attribution (attribution-models.md §5), computed, not simulated.
//
// States of order k are the last k channels of the path, padded at the start with "no channel": the path
// a > b > c gives (·,a), (a,b), (b,c) for k = 2, and the start is (·,·). Transitions are counted over all
// paths, each weighted by its journeys (conversions + nulls), as ChannelAttribution does; the last state
// goes to conversion (weight: conversions) and to null (weight: nulls). Removing channel c removes every
// state that contains it. The chain is solved as the linear system it is (absorbing-chain.ts: exact
// elimination, or bounds certified to 1e-13), never simulated. The removal effect 1 − P(without c) / P
// equals Pr[the chain visits c | it converts], the number ChannelAttribution estimates by simulation.
// ChannelAttribution's own order-k states differ: it slides a window of exactly k channels and gives
// shorter paths one state, without padding; order 1 is the same in both.

import { solveRemovals, type AbsorbingChain } from './absorbing-chain';
import { creditsFromShares, idKey, indexPaths, type ChannelCredit, type ChannelPath, type IndexedPaths } from './paths';

export interface MarkovOptions {
  /** States are the last `order` channels; default 1. */
  order?: number;
}

export interface MarkovChannel extends ChannelCredit {
  /** 1 − P(without this channel) / P. Conversions and value are credited in proportion to it (§5). */
  removalEffect: number;
  /**
   * The same on the expected conversion value, with each conversion worth the mean value of the
   * conversions from its last state: ChannelAttribution's definition of value, reported so its
   * `removal_effects_conversion_value` can be checked. Our `value` does not use it.
   */
  removalEffectValue: number;
}

export interface MarkovResult {
  order: number;
  /** One per channel of the input, in plain string order of the name. */
  channels: MarkovChannel[];
  /** P: the probability that a walk from the start reaches conversion (0 without conversions). */
  conversionProbability: number;
  /** Transient states of the chain, the start included. */
  stateCount: number;
}

export function markov(paths: readonly ChannelPath[], options: MarkovOptions = {}): MarkovResult {
  const order = options.order ?? 1;
  if (!Number.isInteger(order) || order < 1) throw new RangeError(`Markov order must be a whole number ≥ 1, not ${order}`);
  const indexed = indexPaths(paths);
  const channelCount = indexed.names.length;
  const { chain, startWeight } = markovChain(indexed, order);
  const solved = solveRemovals(chain, channelCount);
  const effect = (whole: number, without: number) => (whole > 0 ? Math.max(0, (whole - without) / whole) : 0);
  const removalEffects = Float64Array.from({ length: channelCount }, (_, c) =>
    effect(solved.conversions, solved.conversionsWithout[c]));
  const credits = creditsFromShares(indexed, removalEffects);
  return {
    order,
    channels: credits.map((credit, c) => ({
      ...credit,
      removalEffect: removalEffects[c],
      removalEffectValue: effect(solved.value, solved.valueWithout[c]),
    })),
    conversionProbability: startWeight > 0 ? solved.conversions / startWeight : 0,
    stateCount: chain.stateCount,
  };
}

/** Growable columns of numbers: the chain's size is known only at the end. */
type Column = number[];

/** The order-k chain of the paths; `startWeight` is the number of journeys (conversions + nulls). */
export function markovChain(paths: IndexedPaths, order: number): { chain: AbsorbingChain; startWeight: number } {
  const channelCount = paths.names.length;
  // tuples[s * order + i]: the i-th of state s's last `order` channels, -1 for padding.
  const tuples: Column = new Array<number>(order).fill(-1);
  const stateOfTuple = new Map<string, number>();
  const conversions: Column = [0];
  const nulls: Column = [0];
  const value: Column = [0];
  // The successor of a state is fixed by (state, channel), so that pair also names the transition.
  const transitionOf = new Map<number, number>();
  const from: Column = [];
  const to: Column = [];
  const weight: Column = [];
  const shifted: number[] = new Array<number>(order);

  const successor = (state: number, channel: number): number => {
    let key = '';
    for (let i = 1; i < order; i++) {
      shifted[i - 1] = tuples[state * order + i];
      key += idKey(shifted[i - 1] + 1);
    }
    shifted[order - 1] = channel;
    key += idKey(channel + 1);
    let next = stateOfTuple.get(key);
    if (next === undefined) {
      next = conversions.length;
      stateOfTuple.set(key, next);
      for (const c of shifted) tuples.push(c);
      conversions.push(0);
      nulls.push(0);
      value.push(0);
    }
    return next;
  };

  let startWeight = 0;
  for (let r = 0; r < paths.rowCount; r++) {
    const journeys = paths.conversions[r] + paths.nulls[r];
    if (journeys === 0) continue;
    startWeight += journeys;
    let state = 0;
    for (let i = paths.offsets[r]; i < paths.offsets[r + 1]; i++) {
      const channel = paths.channels[i];
      const key = state * channelCount + channel;
      let t = transitionOf.get(key);
      if (t === undefined) {
        t = from.length;
        transitionOf.set(key, t);
        from.push(state);
        to.push(successor(state, channel));
        weight.push(0);
      }
      weight[t] += journeys;
      state = to[t];
    }
    conversions[state] += paths.conversions[r];
    nulls[state] += paths.nulls[r];
    value[state] += paths.value[r];
  }

  const stateCount = conversions.length;
  const channelOffsets = new Int32Array(stateCount + 1);
  const channelIds: Column = [];
  for (let s = 0; s < stateCount; s++) {
    for (let i = 0; i < order; i++) {
      const c = tuples[s * order + i];
      if (c >= 0 && !channelIds.includes(c, channelOffsets[s])) channelIds.push(c);
    }
    channelOffsets[s + 1] = channelIds.length;
  }
  const chain: AbsorbingChain = {
    stateCount,
    from: Int32Array.from(from),
    to: Int32Array.from(to),
    weight: Float64Array.from(weight),
    conversions: Float64Array.from(conversions),
    nulls: Float64Array.from(nulls),
    value: Float64Array.from(value),
    channelOffsets,
    channelIds: Int32Array.from(channelIds),
  };
  return { chain, startWeight };
}
