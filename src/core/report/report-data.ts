// Everything one report shows, computed once from the analysis for the report's options. The JSON report
// and the report tables are two renderings of this; neither computes a figure of its own.
import { type Analysis, computeMetrics, findModel, type Frequency, type RangeMetrics, type Touch } from '../engine';
import { assetReports, type AssetReport } from '../engine/assets';
import { type ChannelAttribution, dataDrivenChannels } from '../engine/data-driven-revenue';
import type { ChannelKind } from '../engine/data-driven-options';
import { dataHealth, type HealthFinding } from '../engine/data-health';
import {
  attributionByAssetAndType, type CreditByKey, type CreditByKind, type DrillDownRow, influencedRevenueDrillDown, type InfluenceRow, inRangeOf,
  type Range, revenueDrillDown,
} from '../engine/ledger-views';
import { moneyFigures, type MoneyFigures, spendInRange, spendSource } from '../engine/money';
import { groupBy } from '../group-by';
import { endOfDay, startOfDay } from '../time';
import type { Problem } from '../types';

export const NO_CAMPAIGN_ID = '(no campaign)';

export interface ReportOptions {
  model: string;
  touch: Touch;
  /** YYYY-MM-DD, or null for no lower bound. */
  from: string | null;
  /** YYYY-MM-DD; the command line defaults it to today. */
  to: string;
  frequency: Frequency;
  tz: string;
  /** Campaign ids to list (the "(no campaign)" id included); null lists all. Totals always cover everything. */
  campaignIds: readonly string[] | null;
  lookbackDays: number | null;
  /** What a channel of the data-driven models is, for the channel report (campaign reports use campaigns). */
  channels: ChannelKind;
  /** Order of the Markov model, everywhere it is reported. */
  markovOrder: number;
}

export interface ReportData {
  options: ReportOptions;
  analysis: Analysis;
  problems: readonly Problem[];
  range: Range;
  metrics: RangeMetrics;
  /** Campaign indexes listed, in workbook order; analysis.none stands for "(no campaign)". */
  listed: number[];
  /** Per listed campaign index: its asset links' reports ("(no campaign)" has none). */
  assets: Map<number, AssetReport[]>;
  money: Map<number, MoneyFigures>;
  byAsset: CreditByKey;
  byInteractionType: CreditByKey;
  health: HealthFinding[];
  /** Markov and Shapley credit per channel of the chosen kind. */
  channels: ChannelAttribution[];
}

export const campaignIdOf = (analysis: Analysis, c: number) => (c === analysis.none ? NO_CAMPAIGN_ID : analysis.campaigns[c].id);

export function buildReportData(analysis: Analysis, problems: readonly Problem[], options: ReportOptions): ReportData {
  if (!findModel(options.model)) throw new RangeError(`Unknown model ${options.model}`);
  const range: Range = {
    from: options.from === null ? null : startOfDay(options.from, options.tz),
    to: endOfDay(options.to, options.tz),
  };
  const inRange = inRangeOf(range);
  const metrics = computeMetrics(analysis, {
    ...range, touch: options.touch, frequency: options.frequency, tz: options.tz, markovOrder: options.markovOrder,
  });
  const wanted = (c: number) => options.campaignIds === null || options.campaignIds.includes(campaignIdOf(analysis, c));
  const listed = Array.from({ length: analysis.none + 1 }, (_, c) => c).filter(wanted);

  // The asset reports of every listed campaign from one pass over the visits, then split by campaign.
  const listedIds = new Set(listed.filter((c) => c !== analysis.none).map((c) => analysis.campaigns[c].id));
  const reports = assetReports(analysis, analysis.workbook.assets.filter((a) => listedIds.has(a.campaignId)), range);
  const assets = new Map<number, AssetReport[]>();
  const money = new Map<number, MoneyFigures>();
  const reportsOf = groupBy(reports, (r) => r.asset.campaignId);
  const spendOf = groupBy(analysis.workbook.spend, (s) => s.campaignId);
  for (const c of listed) {
    if (c === analysis.none) continue;
    const campaign = analysis.campaigns[c];
    assets.set(c, reportsOf.get(campaign.id) ?? []);
    const m = metrics.campaigns[c];
    const revenue = m.revenue[options.model];
    const spend = spendOf.get(campaign.id) ?? [];
    money.set(c, moneyFigures(
      spendInRange(campaign, spend, range, options.tz), spendSource(campaign, spend), revenue.revenue, m.newContacts, revenue.dealsWithRevenue,
    ));
  }
  return {
    options, analysis, problems, range, metrics, listed, assets, money,
    ...attributionByAssetAndType(analysis, range, options.model),
    health: dataHealth(analysis, problems),
    channels: options.channels === 'campaign'
      ? metrics.campaignChannels
      : dataDrivenChannels(analysis, inRange, range.to, options.channels, options.markovOrder),
  };
}

const drillDowns = new WeakMap<ReportData, Map<string, DrillDownRow[]>>();
const influenceDrillDowns = new WeakMap<ReportData, InfluenceRow[]>();

/**
 * The rows behind every revenue amount of a model, the report's by default (ledger-views revenueDrillDown),
 * computed on first use and kept with the report data: the report tables and the JSON report read the same rows.
 */
export function reportDrillDown(data: ReportData, model = data.options.model): DrillDownRow[] {
  let byModel = drillDowns.get(data);
  if (!byModel) drillDowns.set(data, (byModel = new Map()));
  let rows = byModel.get(model);
  if (!rows) byModel.set(model, (rows = revenueDrillDown(data.analysis, data.range, model)));
  return rows;
}

/** The deals behind every influenced revenue amount (ledger-views influencedRevenueDrillDown), kept as reportDrillDown's. */
export function reportInfluenceDrillDown(data: ReportData): InfluenceRow[] {
  let rows = influenceDrillDowns.get(data);
  if (!rows) influenceDrillDowns.set(data, (rows = influencedRevenueDrillDown(data.analysis, data.range)));
  return rows;
}

/** A campaign's credit by asset or interaction type in report order (by key). */
export const creditEntries = (byKey: Map<string, CreditByKind>): Array<[string, CreditByKind]> =>
  [...byKey].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
