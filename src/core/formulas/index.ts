// The pure core of the custom functions: facts built once per workbook, answered for any range, model and
// touch; cache text helpers and the data fingerprint for cache keys. The Apps Script side lives in src/addon.
export { buildFormulaFacts, FACTS_VERSION, type FormulaFacts } from './facts';
export {
  FORMULA_METRICS, isMetricName, METRIC_NAMES, queryMetric, type MetricName, type MetricQuery,
} from './query';
export { findCampaign, trackingUtmOf, type CampaignNames } from './lookup';
export { chunk, FormulaFactsError, parseFacts, serializeFacts, unchunk } from './cache-text';
export { fingerprintRows } from './fingerprint';
export { dayNumberAt, dayNumberOfIso, isoOfDayNumber } from './days';
