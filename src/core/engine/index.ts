// The attribution engine: analyze a workbook once, then compute metrics for any range and model.
export { analyze, type Analysis, type AnalysisOptions } from './analysis';
export { computeMetrics, type CampaignMetrics, type Frequency, type MetricsOptions, type RangeMetrics, type Touch } from './metrics';
export {
  DATA_DRIVEN_MODELS, HEURISTIC_MODELS, MODELS, MODEL_IDS, findModel, type AttributionModel, type ConversionKind, type DataDrivenModel,
  type HeuristicModel,
} from './models';
export { deriveSource } from './sources';
