// First, last and linear credit over aggregated paths, as ChannelAttribution's heuristic_models computes
// them: linear counts occurrences, so a channel appearing r times in a path of n touches gets r/n of it.
// (The journey engine's own heuristics work per interaction with positions; these are for the `paths` command.)

import { indexPaths, type ChannelCredit, type ChannelPath } from './paths';

export const PATH_HEURISTICS = ['first_interaction', 'last_interaction', 'linear'] as const;
export type PathHeuristic = (typeof PATH_HEURISTICS)[number];

export function pathHeuristic(paths: readonly ChannelPath[], model: PathHeuristic): ChannelCredit[] {
  const indexed = indexPaths(paths);
  const conversions = new Float64Array(indexed.names.length);
  const value = new Float64Array(indexed.names.length);
  const credit = (channel: number, share: number, conv: number, val: number) => {
    conversions[channel] += share * conv;
    value[channel] += share * val;
  };
  for (const { channels, conversions: conv, value: val } of indexed.rows) {
    if (model === 'first_interaction') credit(channels[0], 1, conv, val);
    else if (model === 'last_interaction') credit(channels[channels.length - 1], 1, conv, val);
    else for (const c of channels) credit(c, 1 / channels.length, conv, val);
  }
  return indexed.names.map((name, c) => ({ name, conversions: conversions[c], value: value[c] }));
}
