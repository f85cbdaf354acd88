import { formatMessage, tableTitle, type Language } from '../core/messages';
import { AddonError, courtesy } from './addon-error';
import { findOwnedSheets, type OwnedSheet, type StampReader } from './owned-sheets';
import type { ChartPort, SheetPort, SpreadsheetPort } from './ports';
import type { TableGrid } from './report-grid';
import { chartFrom, findReportSheetChart, findReportSheets, fitSheet, protectNewSheet, rewordProtection, SheetNames, type SheetLabels } from './report-sheets';

// Dashboard sheets: report charts gathered on sheets of their own, laid out in a grid of two charts a row.
// A dashboard chart is a copy of a report sheet's chart, reading the same cells of that report sheet.
//
// Ownership, as for report sheets (owned-sheets.ts): a dashboard sheet carries developer metadata
// (DASHBOARD_SHEET_KEY) whose value stamps its own sheet id and, per chart, the report table it shows, the
// chart's id and its slot in the grid. Report runs never write or delete dashboard sheets (they own only
// sheets with their own keys); after writing the report sheets a run points each dashboard chart at its
// table's rows again, since the table may have grown or shrunk (refreshDashboards).

export const DASHBOARD_SHEET_KEY = 'campaignAnalytics.dashboard';

/** Charts side by side in one row of the grid. */
const CHARTS_PER_ROW = 2;
/** One grid slot in default-sized cells (100 × 21 px): room for a chart of CHART_WIDTH_PX × CHART_HEIGHT_PX and a margin. */
const SLOT_COLUMNS = 7;
const SLOT_ROWS = 19;
const CHART_WIDTH_PX = 600;
const CHART_HEIGHT_PX = 370;

interface DashboardChart {
  table: string;
  chartId: number;
  /** 0-based place in the grid, left to right, then top to bottom. */
  slot: number;
}

interface DashboardStamp {
  sheetId: number;
  charts: DashboardChart[];
  /** The protection's description as written; a run in another language words it anew. Absent before 2026-11-23. */
  protection?: string;
}

type Dashboard = OwnedSheet<DashboardStamp>;

/** A dashboard as the sidebar lists it. */
export interface DashboardSummary {
  sheetId: number;
  name: string;
  /** Report table ids of its charts, in grid order. */
  tables: string[];
}

/** Where a chart goes: an existing dashboard (by sheet id) or a new one (by name). */
export type DashboardTarget = { sheetId: number } | { name: string };

export interface SaveChartRequest {
  /** The report table whose chart is copied, e.g. "revenue_attribution". */
  table: string;
  dashboard: DashboardTarget;
}

export interface SavedChart {
  /** False when the dashboard already showed this table's chart. */
  added: boolean;
  dashboardSheetId: number;
  dashboard: string;
  message: string;
}

const dashboardStamp: StampReader<DashboardStamp> = (value) => {
  const stamp = value as Partial<DashboardStamp> | null;
  return typeof stamp?.sheetId === 'number' && Array.isArray(stamp.charts) ? (stamp as DashboardStamp) : null;
};

/** The add-on's dashboards, in sheet order. */
export function findDashboards(spreadsheet: SpreadsheetPort): Dashboard[] {
  return findOwnedSheets(spreadsheet, DASHBOARD_SHEET_KEY, dashboardStamp);
}

export function listDashboards(spreadsheet: SpreadsheetPort): DashboardSummary[] {
  return findDashboards(spreadsheet).map(({ sheet, stamp }) => ({
    sheetId: sheet.getSheetId(),
    name: sheet.getName(),
    tables: [...stamp.charts].sort((a, b) => a.slot - b.slot).map((c) => c.table),
  }));
}

/** The report table shown on `sheet`, or null when it is not a report sheet the add-on owns. */
export function tableOfSheet(spreadsheet: SpreadsheetPort, sheet: SheetPort): string | null {
  const id = sheet.getSheetId();
  return [...findReportSheets(spreadsheet)].find(([, s]) => s.getSheetId() === id)?.[0] ?? null;
}

/** The dashboard the menu adds to: the first one, else a new one under the default name. */
export function defaultTarget(spreadsheet: SpreadsheetPort, language: Language): DashboardTarget {
  const [first] = findDashboards(spreadsheet);
  return first ? { sheetId: first.sheet.getSheetId() } : { name: formatMessage('addon.dashboard.default_name', {}, language) };
}

/** Copies the chart of report table `table` into the next free slot of the dashboard. */
export function saveChartToDashboard(spreadsheet: SpreadsheetPort, table: string, target: DashboardTarget, language: Language): SavedChart {
  const t = (id: Parameters<typeof formatMessage>[0], params?: Record<string, string | number>) => formatMessage(id, params, language);
  const report = findReportSheetChart(spreadsheet, table);
  if (!report) throw new AddonError('addon.dashboard.no_report', { table: tableTitle(table, language) ?? table });
  // The add-on's chart, never one the user added beside it.
  const { sheet: source, chart } = report;
  if (!chart) throw new AddonError('addon.dashboard.no_chart', { sheet: source.getName() });

  if ('sheetId' in target) return addChart(existingDashboard(spreadsheet, target.sheetId), source, chart, table, t);
  // A new dashboard the chart could not be put on is deleted again: no empty dashboard is left behind.
  const name = target.name.trim() || t('addon.dashboard.default_name');
  // A sheet inserted becomes the active one; after a failure the user is back where they were.
  const active = spreadsheet.getActiveSheet();
  const sheet = new SheetNames(spreadsheet).insert(name);
  try {
    return addChart(newDashboard(spreadsheet, sheet, t('addon.dashboard.protection')), source, chart, table, t);
  } catch (error) {
    // The error that stopped the save is the one to tell.
    courtesy(() => spreadsheet.deleteSheet(sheet));
    courtesy(() => active.activate());
    throw error;
  }
}

/** Copies `chart` (of report sheet `source`, table `table`) into the next free slot of `dashboard`. */
function addChart(
  dashboard: Dashboard, source: SheetPort, chart: ChartPort, table: string,
  t: (id: Parameters<typeof formatMessage>[0], params?: Record<string, string | number>) => string,
): SavedChart {
  const { sheet, stamp } = dashboard;
  const name = sheet.getName();
  const result = (added: boolean, message: string): SavedChart => ({ added, dashboardSheetId: sheet.getSheetId(), dashboard: name, message });
  stamp.charts = chartsStillThere(sheet, stamp.charts);
  if (stamp.charts.some((c) => c.table === table)) {
    return result(false, t('addon.dashboard.already_there', { sheet: source.getName(), dashboard: name }));
  }

  const slot = firstFreeSlot(sheet);
  const row = 1 + Math.floor(slot / CHARTS_PER_ROW) * SLOT_ROWS;
  const column = 1 + (slot % CHARTS_PER_ROW) * SLOT_COLUMNS;
  const rows = sheet.getMaxRows();
  const columns = sheet.getMaxColumns();
  const before = new Set(sheet.getCharts().map((c) => c.getChartId()));
  try {
    makeRoom(sheet, row + SLOT_ROWS - 1, CHARTS_PER_ROW * SLOT_COLUMNS);
    sheet.insertChart(chart.modify()
      .setPosition(row, column, 0, 0)
      .setOption('width', CHART_WIDTH_PX)
      .setOption('height', CHART_HEIGHT_PX)
      .build());
    const chartId = sheet.getCharts().map((c) => c.getChartId()).find((id) => !before.has(id));
    // The copy's id is what a later run finds it by; Sheets gives every inserted chart one.
    if (chartId === undefined || chartId === null) throw new AddonError('addon.dashboard.chart_without_id', { dashboard: name });
    stamp.charts.push({ table, chartId, slot });
    dashboard.metadata.setValue(JSON.stringify(stamp));
  } catch (error) {
    // A chart the stamp does not list would sit in a slot the next save takes for free.
    takeBack(sheet, before, rows, columns);
    throw error;
  }
  courtesy(() => sheet.activate());
  return result(true, t('addon.dashboard.saved', { sheet: source.getName(), dashboard: name }));
}

/** Puts a dashboard back as it was before a save failed: without the charts it did not have, at its old size. */
function takeBack(sheet: SheetPort, chartIds: ReadonlySet<number | null>, rows: number, columns: number): void {
  try {
    for (const chart of sheet.getCharts()) if (!chartIds.has(chart.getChartId())) sheet.removeChart(chart);
    fitSheet(sheet, rows, columns);
  } catch {
    // The error that stopped the save is the one to tell.
  }
}

/** A dashboard with charts of tables the report just written does not have. */
export interface WaitingCharts {
  dashboard: string;
  count: number;
}

/**
 * Points every dashboard chart at the rows its table has now (`grids`: the report as just written). Charts the
 * user deleted are forgotten; a chart whose table this report lacks, or draws no chart for, stays in its slot
 * until a report has that table again: those are returned, for the run to say so.
 */
export function refreshDashboards(
  spreadsheet: SpreadsheetPort, grids: readonly TableGrid[], { protection, sheetProtection }: Pick<SheetLabels, 'protection' | 'sheetProtection'>,
): WaitingCharts[] {
  const dashboards = findDashboards(spreadsheet);
  if (dashboards.length === 0) return [];
  const reportSheets = findReportSheets(spreadsheet);
  const waiting: WaitingCharts[] = [];
  for (const { sheet, metadata, stamp } of dashboards) {
    const charts = new Map(sheet.getCharts().map((c) => [c.getChartId(), c]));
    const kept = stamp.charts.filter((entry) => charts.has(entry.chartId));
    let count = 0;
    for (const entry of kept) {
      const layout = grids.find((g) => g.tableId === entry.table)?.chart;
      const source = reportSheets.get(entry.table);
      if (!layout || !source) {
        count++;
        continue;
      }
      sheet.updateChart(chartFrom(charts.get(entry.chartId)!.modify().clearRanges(), source, layout).build());
    }
    // The run's language: the protection is worded in it, as the report sheets' are. A dashboard whose record
    // has no wording (made before it was kept) is left as it is: its protection may be the user's now.
    const reword = stamp.protection !== undefined && stamp.protection !== protection;
    if (reword) rewordProtection(sheet, protection, sheetProtection);
    if (kept.length !== stamp.charts.length || reword) metadata.setValue(JSON.stringify({ ...stamp, charts: kept, ...(reword ? { protection } : {}) }));
    if (count > 0) waiting.push({ dashboard: sheet.getName(), count });
  }
  return waiting;
}

function existingDashboard(spreadsheet: SpreadsheetPort, sheetId: number): Dashboard {
  const found = findDashboards(spreadsheet).find((d) => d.sheet.getSheetId() === sheetId);
  if (!found) throw new AddonError('addon.dashboard.unknown');
  return found;
}

/** Makes the sheet just inserted a dashboard: owned (stamped) and protected. */
function newDashboard(spreadsheet: SpreadsheetPort, sheet: SheetPort, protection: string): Dashboard {
  sheet.addDeveloperMetadata(DASHBOARD_SHEET_KEY, JSON.stringify({ sheetId: sheet.getSheetId(), charts: [], protection } satisfies DashboardStamp));
  protectNewSheet(sheet, protection);
  return existingDashboard(spreadsheet, sheet.getSheetId());
}

function chartsStillThere(sheet: SheetPort, entries: DashboardChart[]): DashboardChart[] {
  const ids = new Set(sheet.getCharts().map((c: ChartPort) => c.getChartId()));
  return entries.filter((entry) => ids.has(entry.chartId));
}

/** The slot whose cells hold row and column (1-based), or null right of the grid. */
function slotAt(row: number, column: number): number | null {
  const across = Math.floor((column - 1) / SLOT_COLUMNS);
  return across < CHARTS_PER_ROW ? Math.floor((row - 1) / SLOT_ROWS) * CHARTS_PER_ROW + across : null;
}

/**
 * The first slot with neither a chart (the add-on's, wherever the user dragged it, or one of the user's own:
 * taken to fill the slot its top-left corner is in) nor a cell the user wrote: a chart put there would hide it.
 */
function firstFreeSlot(sheet: SheetPort): number {
  const taken = new Set<number | null>(sheet.getCharts().map((chart) => {
    const at = chart.getContainerInfo();
    return slotAt(at.getAnchorRow(), at.getAnchorColumn());
  }));
  sheet.getDataRange().getValues().forEach((cells, r) => cells.forEach((cell, c) => {
    if (cell !== '') taken.add(slotAt(r + 1, c + 1));
  }));
  let slot = 0;
  while (taken.has(slot)) slot++;
  return slot;
}

function makeRoom(sheet: SheetPort, rows: number, columns: number): void {
  const maxRows = sheet.getMaxRows();
  if (maxRows < rows) sheet.insertRowsAfter(maxRows, rows - maxRows);
  const maxColumns = sheet.getMaxColumns();
  if (maxColumns < columns) sheet.insertColumnsAfter(maxColumns, columns - maxColumns);
}
