import { computeMetrics, findModel } from '../core/engine';
import type { SeriesPoint } from '../core/engine/metrics';
import { formatMessage, type Language } from '../core/messages';
import { buildReportData } from '../core/report/report-data';
import type { ReportColumn, ReportValue } from '../core/report/table';
import { buildReportDocument } from '../core/report/tables';
import { endOfDay, startOfDay } from '../core/time';
import type { GasServices } from './gas-adapters';
import { dataSource, readAndAnalyse, type Blocked, type ReportInputs } from './report-run';
import type { DrillDownFigure } from './sidebar-report';
import { otherCurrencies, reportOptionsOf, type ReportSettings } from './settings';
import { spreadsheetDay, storeSidebarOptions, type SidebarOptions } from './sidebar-options';
import { previousPeriod } from './sidebar-range';
import { listProblems, type ListedProblems } from '../core/report/problems';

// "Run" in the sidebar: one campaign's figures for the chosen options, computed as the report computes them
// (buildReportData), plus the same figures for the period of the same length just before. Numbers travel raw;
// the sidebar formats them in the user's language. Nothing is written to the spreadsheet.

const KPI_KEYS = ['sessions', 'new_contacts', 'influenced_contacts', 'revenue', 'influenced_revenue'] as const;
export type KpiKey = (typeof KPI_KEYS)[number];

/** The amounts among the figures, each with the drill-down sheet behind it. */
const DRILL_DOWN_OF: Partial<Record<KpiKey, DrillDownFigure>> = { revenue: 'revenue', influenced_revenue: 'influenced_revenue' };

export interface KpiFigure {
  key: KpiKey;
  value: number;
  /** The campaign's goal for it; null when the campaign sets none. */
  goal: number | null;
  /** The same figure in the previous period; null when there is none (all dates). */
  previous: number | null;
  /** An amount of money. */
  money: boolean;
  /** The drill-down sheet a click on it opens: the amounts have one each. */
  drillDown: DrillDownFigure | null;
}

/** One asset type's report section: the report table for the campaign, without its campaign column. */
export interface AssetSection {
  id: string;
  title: string;
  columns: ReportColumn[];
  rows: ReportValue[][];
}

export interface CampaignResults {
  status: 'done';
  language: Language;
  currency: string | null;
  campaign: { id: string; name: string };
  model: { id: string; name: string };
  /** The days shown; `from` null: from the first data on. */
  from: string | null;
  to: string;
  previous: { from: string; to: string } | null;
  kpis: KpiFigure[];
  series: SeriesPoint[];
  sections: AssetSection[];
  /** Rows left out of the figures (errors) and warnings, each with sheet, row and column: the first ones, and the counts. */
  problems: ListedProblems;
  /** The currencies amounts were left out for (otherCurrencies): the sidebar says where the workbook currency is set, and suggests them. */
  otherCurrencies: string[];
  /** Every figure is 0 because nothing happened in the range: why, and when the data runs (rangeNotice); else null. */
  notice: string | null;
}

/** The data stops the run (a sheet or required column is missing), or has no such campaign: what to fix. */
export type BlockedResults = Blocked;

/**
 * Saves the options (they persist per user) and computes the campaign's results for them. `startedAt` (epoch
 * ms): when the execution began; its day is "today" for the range and the previous period alike, however
 * long reading the sheets takes.
 */
export function campaignResults(services: GasServices, options: SidebarOptions, startedAt: number): CampaignResults | BlockedResults {
  const today = spreadsheetDay(services, startedAt);
  const settings = storeSidebarOptions(services, options, today);
  const inputs = readAndAnalyse(dataSource(services), settings.lookbackDays);
  if ('status' in inputs) return inputs;
  return resultsFor(inputs, settings, today);
}

function resultsFor(inputs: ReportInputs, settings: ReportSettings, today: string): CampaignResults | BlockedResults {
  const { analysis, reading, language } = inputs;
  const t = (id: Parameters<typeof formatMessage>[0], params?: Record<string, string | number>) => formatMessage(id, params, language);
  const problems = listProblems(inputs.problems, language);
  const campaignId = settings.campaignIds?.[0] ?? analysis.campaigns[0]?.id;
  const c = analysis.campaigns.findIndex((campaign) => campaign.id === campaignId);
  if (c < 0) {
    return campaignId === undefined
      ? { status: 'blocked', message: t('sidebar.results.no_campaigns'), problems: problems.listed }
      : { status: 'blocked', message: t('addon.report.campaign_unknown', { ids: campaignId }), problems: [] };
  }
  const campaign = analysis.campaigns[c];
  const options = reportOptionsOf({ ...settings, campaignIds: [campaign.id] }, reading.timeZone, today);
  const data = buildReportData(analysis, [], options);
  const doc = buildReportDocument(data, { lang: language, generatedAt: new Date().toISOString(), currency: reading.currency, locale: reading.locale });
  const now = data.metrics.campaigns[c];

  const previousRange = previousPeriod({ from: settings.from, to: settings.to }, today);
  const before = previousRange === null ? null : computeMetrics(analysis, {
    from: startOfDay(previousRange.from, reading.timeZone), to: endOfDay(previousRange.to, reading.timeZone),
    touch: settings.touch, frequency: settings.frequency, tz: reading.timeZone, markovOrder: settings.markovOrder,
  }).campaigns[c];
  const figures = (m: typeof now): Record<KpiKey, number> => ({
    sessions: m.sessions,
    new_contacts: m.newContacts,
    influenced_contacts: m.influencedContacts,
    revenue: m.revenue[settings.model].revenue,
    influenced_revenue: m.influencedRevenue,
  });
  const current = figures(now);
  const previous = before === null ? null : figures(before);
  const { goals } = campaign;
  const goalOf: Record<KpiKey, number | null> = {
    sessions: goals.sessions, new_contacts: goals.newContacts, influenced_contacts: goals.influencedContacts,
    revenue: goals.revenue, influenced_revenue: null,
  };

  return {
    status: 'done',
    language,
    currency: reading.currency,
    campaign: { id: campaign.id, name: campaign.name },
    model: { id: settings.model, name: t(findModel(settings.model)!.nameId) },
    from: options.from,
    to: options.to,
    previous: previousRange,
    kpis: KPI_KEYS.map((key) => ({
      key, value: current[key], goal: goalOf[key], previous: previous?.[key] ?? null, money: DRILL_DOWN_OF[key] !== undefined,
      drillDown: DRILL_DOWN_OF[key] ?? null,
    })),
    series: now.series,
    sections: doc.tables.filter((table) => table.id.startsWith('assets_')).map((table) => ({
      id: table.id,
      title: table.title,
      // The campaign column is the same on every row: the sidebar shows one campaign.
      columns: table.columns.slice(1),
      rows: table.rows.map((row) => row.slice(1)),
    })),
    problems,
    otherCurrencies: otherCurrencies(inputs.problems),
    notice: doc.notice,
  };
}
