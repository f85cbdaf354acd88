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
  const { offsets, channels } = indexed;
  for (let r = 0; r < indexed.rowCount; r++) {
    const first = offsets[r];
    const end = offsets[r + 1];
    const credit = (channel: number, share: number) => {
      conversions[channel] += share * indexed.conversions[r];
      value[channel] += share * indexed.value[r];
    };
    if (model === 'first_interaction') credit(channels[first], 1);
    else if (model === 'last_interaction') credit(channels[end - 1], 1);
    else for (let i = first; i < end; i++) credit(channels[i], 1 / (end - first));
  }
  return indexed.names.map((name, c) => ({ name, conversions: conversions[c], value: value[c] }));
}
