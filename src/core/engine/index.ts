// The attribution engine: analyze a workbook once, then compute metrics for any range and model.
export { analyze, type Analysis } from './analysis';
export { computeMetrics, type CampaignMetrics, type Frequency, type RangeMetrics, type Touch } from './metrics';
export {
  DATA_DRIVEN_MODELS, HEURISTIC_MODELS, MODELS, MODEL_IDS, findModel, type ConversionKind, type DataDrivenModel,
} from './models';
