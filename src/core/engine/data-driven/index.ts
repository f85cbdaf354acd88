// Data-driven attribution over aggregated channel paths (attribution-models.md §5): Markov removal effect,
// the simplified Shapley value and the conversion-rate Shapley game, plus ChannelAttribution-style
// heuristics for the `paths` command. Pure functions of the paths; deterministic; no simulation.
export { aggregatePaths, type ChannelCredit, type ChannelPath, type Journey } from './paths';
export { markov, type MarkovChannel, type MarkovResult } from './markov';
export { MAX_CONVERSION_RATE_CHANNELS, shapley, shapleyConversionRate } from './shapley';
export { PATH_HEURISTICS, pathHeuristic } from './heuristics';
