import type { ChartKind, Provenance } from '../core/report/table';
import { uniqueName } from '../core/unique-name';
import { AddonError, courtesy, errorText } from './addon-error';
import {
  backupMs, commitMs, EXECUTION_LIMIT_MINUTES, NEW_SHEET_CELLS, rollbackMs, stageMs, writeEstimateMs, type Size,
} from './capacity';
import { findOwnedSheets, idStamp, parseStamp, type OwnedSheet, type StampReader } from './owned-sheets';
import type { ChartBuilderPort, ChartPort, SheetPort, SpreadsheetPort } from './ports';
import { HEADER_ROW } from '../core/render/sheet-layout';
import type { ChartLayout, TableGrid } from './report-grid';

// The report sheets: one per report table, owned by the add-on and written so that a failure cannot leave a
// half-written report behind.
//
// Ownership (owned-sheets.ts): each report sheet carries developer metadata (REPORT_SHEET_KEY) whose value
// stamps the table it shows, its own sheet id, the report's provenance and the layout of its chart (a copy of
// the sheet, as a share makes, draws the chart from it: report-copy.ts).
//
// Safety: every table is first written into hidden staging sheets (all the calls that scale with the data:
// values, formats, styles), and beside the tables goes a copy of the content of each report sheet about to be
// updated (its backup). Only when all of it is there are the report sheets touched, each with one copy from
// a staging sheet plus a fixed handful of calls; a failure before that leaves the previous report as it was,
// and a failure while they are touched is rolled back: new sheets are deleted, updated ones get their size,
// cells, stamp, column widths and chart back. Existing report sheets are updated in place, so their sheet ids,
// and the charts and formulas that point at them, survive a re-run. The staging sheets are deleted at the
// end, or by the next run if this one died (they carry STAGING_SHEET_KEY).
//
// Limits (capacity.ts). Cells: a spreadsheet holds at most 10 million, all sheets counted, so the staging
// sheets cost what their blocks cost: blocks (tables and backups) are stacked in staging sheets by width, a
// narrow block never paying for a wide one's columns, and a backup holds the sheet's content, not the empty
// room beside it for the chart. The run measures every sheet before it reads anything (measureWorkbook), and
// knows before it writes anything how many cells the write can reach at most (planReportWrite). Time: an
// execution is killed at 6 minutes with no chance to roll back, so the write checks its deadline before each
// block and each report sheet, keeping in reserve the time to put back what it has done; when the deadline
// comes it rolls back and says so.
//
// Other sheets the add-on owns carry keys of their own (dashboard sheets: DASHBOARD_SHEET_KEY in
// dashboard.ts), so a run never writes or deletes them.

export const REPORT_SHEET_KEY = 'campaignAnalytics.reportSheet';
export const STAGING_SHEET_KEY = 'campaignAnalytics.staging';

/** Sheets refuses longer tab names. */
export const MAX_SHEET_NAME = 100;

/**
 * Report tables every report has, whatever its options (core/report/tables.ts): a re-run is sure to back up
 * their report sheets, so their content counts against the cell limit before anything is read.
 */
export const IN_EVERY_REPORT: readonly string[] = ['drill_down', 'influenced_revenue_drill_down', 'data_health'];

/** What a report sheet's developer metadata holds. */
export interface SheetStamp {
  table: string;
  sheetId: number;
  provenance: Provenance;
  /** The sheet's chart as tableGrid laid it out; missing in stamps written before charts were stamped. */
  chart?: ChartLayout | null;
  /**
   * The id (getChartId) of the add-on's chart on the sheet, null when it has none: other charts there are the
   * user's and stay. Missing in stamps written before chart ids were (stampedChartId).
   */
  chartId?: number | null;
  /** Column widths in pixels as written (a failed run puts them back); missing in older stamps. */
  columnWidths?: number[];
  /**
   * The table's title and the protection's description as written, in the language of that run: a run in
   * another language renames the sheet (unless the user did) and words its protection anew. Missing in older stamps.
   */
  title?: string;
  protection?: string;
  /**
   * The table's rows and columns as written: a later run clears only those, and keeps what the user typed
   * below or beside them. Missing in older stamps (the sheet's whole content then counts as the table).
   */
  size?: Size;
}

type ReportSheet = OwnedSheet<SheetStamp>;

/** What of a report sheet's content is the add-on's table; the rest the user typed. */
const tableOf = (sheet: MeasuredReport): Size => sheet.stamp.size ?? sheet.content;

/** The extent the user's own cells reach on a report sheet: beyond the add-on's table, none when within it. */
function userExtent(sheet: MeasuredReport): Size {
  const table = tableOf(sheet);
  return sheet.content.rows > table.rows || sheet.content.columns > table.columns ? sheet.content : { rows: 0, columns: 0 };
}

/**
 * The rows (columns) a taller (wider) table inserts after the old one where the user typed below (beside) it,
 * so that their cells move down (right) with the table, as in Sheets, rather than being written over.
 */
function roomForUserCells(sheet: MeasuredReport, written: Size): Size {
  const table = tableOf(sheet);
  return {
    rows: sheet.content.rows > table.rows ? Math.max(0, written.rows - table.rows) : 0,
    columns: sheet.content.columns > table.columns ? Math.max(0, written.columns - table.columns) : 0,
  };
}

interface ReportAndStagingSheets {
  /** By table id. */
  reports: Map<string, ReportSheet>;
  /** Report sheets of the same table beyond the first, and staging sheets left by a run that died. */
  leftovers: SheetPort[];
  /** The leftovers' sheet ids (their stamps name them). */
  leftoverIds: Set<number>;
}

export interface SheetLabels {
  /** Name of the hidden staging sheets. */
  staging: string;
  /** Description of the warning-only protection on each report sheet. */
  protection: string;
  /** SpreadsheetApp.ProtectionType.SHEET: a sheet's own protection, to reword it (rewordProtection). */
  sheetProtection: GoogleAppsScript.Spreadsheet.ProtectionType;
}

export interface WriteSummary {
  created: number;
  updated: number;
  /** Report sheets of tables this report no longer has. */
  removed: number;
  /** Those that could not be deleted (their names, and why): the report stands, and the next run deletes them. */
  left: Array<{ name: string; reason: string }>;
}

/** When the write must be done by (epoch ms), and the clock it is read from. */
export interface Deadline {
  end: number;
  now(): number;
}

const reportStamp: StampReader<SheetStamp> = (value) => {
  const stamp = value as Partial<SheetStamp> | null;
  return typeof stamp?.table === 'string' && typeof stamp.sheetId === 'number' ? (stamp as SheetStamp) : null;
};

function findReportAndStagingSheets(spreadsheet: SpreadsheetPort): ReportAndStagingSheets {
  const reports = new Map<string, ReportSheet>();
  const leftovers: SheetPort[] = [];
  const leftoverIds = new Set<number>();
  const leftover = ({ sheet, stamp }: { sheet: SheetPort; stamp: { sheetId: number } }) => {
    leftovers.push(sheet);
    leftoverIds.add(stamp.sheetId);
  };
  for (const owned of findOwnedSheets(spreadsheet, REPORT_SHEET_KEY, reportStamp)) {
    if (reports.has(owned.stamp.table)) leftover(owned);
    else reports.set(owned.stamp.table, owned);
  }
  for (const owned of findOwnedSheets(spreadsheet, STAGING_SHEET_KEY, idStamp)) leftover(owned);
  return { reports, leftovers, leftoverIds };
}

/** A report sheet as the run found it: its size, and the extent of its content (what a backup copies). */
interface MeasuredReport extends ReportSheet {
  maxRows: number;
  maxColumns: number;
  /** The content's extent (getDataRange): the table as written, and anything the user typed beside it. */
  content: Size;
}

/** The spreadsheet as a run found it, before reading any data. */
export interface WorkbookMeasure {
  /** Rows × columns of every sheet, the leftovers left out (the write deletes them first). */
  cells: number;
  reports: Map<string, MeasuredReport>;
  leftovers: SheetPort[];
}

/**
 * Measures every sheet (rows × columns: what counts against the cell limit) and the content of each report
 * sheet, reading no cell: one getSheetId, getMaxRows and getMaxColumns per sheet, and a data range per report sheet.
 */
/**
 * A sheet's rows and columns. A chart sheet or a connected-data sheet may have no grid to measure (Apps
 * Script does not document getMaxRows there): such a sheet holds none of the cells the limit counts.
 */
function gridSize(sheet: SheetPort): { maxRows: number; maxColumns: number } {
  try {
    return { maxRows: sheet.getMaxRows(), maxColumns: sheet.getMaxColumns() };
  } catch {
    return { maxRows: 0, maxColumns: 0 };
  }
}

export function measureWorkbook(spreadsheet: SpreadsheetPort): WorkbookMeasure {
  const { reports, leftovers, leftoverIds } = findReportAndStagingSheets(spreadsheet);
  const sizes = new Map<number, { maxRows: number; maxColumns: number }>();
  let cells = 0;
  for (const sheet of spreadsheet.getSheets()) {
    const id = sheet.getSheetId();
    const size = gridSize(sheet);
    sizes.set(id, size);
    if (!leftoverIds.has(id)) cells += size.maxRows * size.maxColumns;
  }
  const measured = new Map<string, MeasuredReport>();
  for (const [table, owned] of reports) {
    const size = sizes.get(owned.stamp.sheetId);
    if (!size) continue; // gone since it was found: the run writes that table as a new sheet
    const range = owned.sheet.getDataRange();
    measured.set(table, { ...owned, ...size, content: { rows: range.getNumRows(), columns: range.getNumColumns() } });
  }
  return { cells, reports: measured, leftovers };
}

/**
 * The fewest cells a run must add to the spreadsheet, known before reading: a staging sheet as inserted, or
 * the backups of the report sheets of tables every report has, whichever is more.
 */
export function leastCellsNeeded(measure: WorkbookMeasure): number {
  let backups = 0;
  for (const table of IN_EVERY_REPORT) {
    const report = measure.reports.get(table);
    if (report) backups += report.content.rows * report.content.columns;
  }
  return Math.max(NEW_SHEET_CELLS, backups);
}

/** Where a block (a table or a backup) goes: a staging sheet, and its first row there. */
interface Place {
  staging: number;
  row: number;
}

/** A report sheet about to be updated, as it was before this run, and where its content is copied to. */
interface Backup {
  owned: MeasuredReport;
  at: Place;
  /** The block the commit writes over its first cells (the new table). */
  written: Size;
  /** The rows and columns inserted after the old table to make room for it (roomForUserCells). */
  room: Size;
}

/** How the report sheets will be written, decided before anything is written. */
export interface WritePlan {
  measure: WorkbookMeasure;
  grids: readonly TableGrid[];
  /** Each staging sheet's size. */
  staging: Size[];
  /** Where each grid is staged. */
  gridAt: Place[];
  /** Each grid's backup: of the report sheet it updates, null for a new sheet. */
  backups: Array<Backup | null>;
  /** The most cells the write adds to the spreadsheet at any moment (staging, grown and new report sheets). */
  cellsNeeded: number;
  /** Milliseconds the write is expected to take, with the reserve to put everything back (capacity.ts). */
  estimateMs: number;
}

/**
 * Plans the write of `grids` on the spreadsheet as measured, with no service call: the staging sheets and
 * the place of each block, the cells the write needs at most, and the time it takes.
 *
 * Staging: the blocks are sorted by width and cut into runs, each a staging sheet as wide as its widest
 * block and as tall as its blocks stacked; the cut minimises the cells of all staging sheets, plus a new
 * sheet's 26,000 cells for each (a staging sheet is only added when it saves more than that). A small report
 * thus stages in one sheet; a large one puts its narrow, long drill-downs in a sheet of their width.
 *
 * Cells: the write holds at most every sheet as measured, plus the staging sheets, plus each report sheet's
 * growth (a new one whole; an updated one is only grown while the report is written, rows and columns apart,
 * and trimmed once it stands, so a sheet that shrinks is counted as if it did not), plus one sheet as
 * insertSheet() makes it before it is resized (fitSheet shrinks before it grows, so a new sheet's resize never
 * holds more than the sheet before or after it). Report sheets of tables the
 * report no longer has are deleted only at the end, so they count throughout.
 */
export function planReportWrite(measure: WorkbookMeasure, grids: readonly TableGrid[]): WritePlan {
  const blocks: Size[] = grids.map((g) => ({ rows: g.height, columns: g.width }));
  const backupOf = grids.map((grid, i) => {
    const owned = measure.reports.get(grid.tableId);
    if (!owned) return null;
    blocks.push(owned.content);
    return { owned, block: blocks.length - 1, written: blocks[i] };
  });
  const places: Place[] = [];
  const staging = stagingSheets(blocks).map((members, s) => {
    let rows = 0;
    let columns = 1;
    for (const b of members) {
      places[b] = { staging: s, row: rows + 1 };
      rows += blocks[b].rows;
      columns = Math.max(columns, blocks[b].columns);
    }
    return { rows: Math.max(rows, 1), columns };
  });
  const backups = backupOf.map((b) => (b === null ? null : {
    owned: b.owned, at: places[b.block], written: b.written, room: roomForUserCells(b.owned, b.written),
  }));

  let cellsNeeded = NEW_SHEET_CELLS;
  for (const { rows, columns } of staging) cellsNeeded += rows * columns;
  grids.forEach((grid, i) => {
    const backup = backups[i];
    if (backup === null) {
      cellsNeeded += grid.sheetRows * grid.sheetColumns;
      return;
    }
    const { owned, room } = backup;
    cellsNeeded += Math.max(owned.maxRows + room.rows, grid.sheetRows) * Math.max(owned.maxColumns + room.columns, grid.sheetColumns)
      - owned.maxRows * owned.maxColumns;
  });
  const estimateMs = writeEstimateMs(grids.map((g) => ({ rows: g.height, columns: g.width })), backups.map((b) => b?.owned.content ?? null));
  return { measure, grids, staging, gridAt: grids.map((_, i) => places[i]), backups, cellsNeeded, estimateMs };
}

/** The blocks (indices) of each staging sheet: runs of the blocks sorted by width, cut where that saves cells. */
function stagingSheets(blocks: readonly Size[]): number[][] {
  const order = blocks.map((_, i) => i).sort((a, b) => blocks[a].columns - blocks[b].columns || a - b);
  // cost[k]: the least cells for the first k blocks of `order`; cut[k]: where the last staging sheet starts.
  const cost = [0];
  const cut = [0];
  for (let k = 1; k <= order.length; k++) {
    const width = blocks[order[k - 1]].columns;
    let rows = 0;
    cost[k] = Infinity;
    for (let j = k - 1; j >= 0; j--) {
      rows += blocks[order[j]].rows;
      const cells = cost[j] + NEW_SHEET_CELLS + rows * width;
      if (cells <= cost[k]) {
        cost[k] = cells;
        cut[k] = j;
      }
    }
  }
  const sheets: number[][] = [];
  for (let k = order.length; k > 0; k = cut[k]) sheets.unshift(order.slice(cut[k], k).sort((a, b) => a - b));
  return sheets;
}

/** The error that stops a write whose deadline has come: what was written is rolled back first. */
const outOfTime = () => new AddonError('addon.report.out_of_time', { minutes: EXECUTION_LIMIT_MINUTES });

/**
 * Writes one report sheet per grid of the plan (in order; new sheets go after the existing ones) and deletes
 * the report sheets of tables the report no longer has. `provenance` is stamped on every sheet. Gives up,
 * leaving the report sheets as they were, when the deadline would not leave time to put them back.
 */
export function writeReportSheets(
  spreadsheet: SpreadsheetPort, plan: WritePlan, provenance: Provenance, labels: SheetLabels, deadline: Deadline,
): WriteSummary {
  const { measure } = plan;
  for (const sheet of measure.leftovers) spreadsheet.deleteSheet(sheet);
  // A failed run leaves the user where they were (inserting the staging sheets moves there).
  const active = spreadsheet.getActiveSheet();
  const names = new SheetNames(spreadsheet);
  const staging: SheetPort[] = [];
  let rollback: Rollback | null = null;
  let summary: WriteSummary;
  try {
    fillStaging(names, staging, plan, labels, deadline);
    rollback = new Rollback(spreadsheet, staging, labels);
    summary = commit(spreadsheet, names, plan, staging, provenance, labels, rollback, deadline);
  } catch (error) {
    const restored = rollback === null || rollback.undo();
    // A report sheet that could not be put back still has its old content in the staging sheets: they stay
    // (hidden) until the next run, which deletes them as leftovers. Once the new report stands they go.
    const backupsNeeded = !restored && rollback !== null && !rollback.isComplete;
    for (const sheet of backupsNeeded ? [] : staging) {
      try {
        spreadsheet.deleteSheet(sheet);
      } catch {
        // The error that stopped the run is the one to tell; the next run deletes the staging sheet.
      }
    }
    courtesy(() => active.activate());
    if (restored && error instanceof AddonError) throw error;
    throw new AddonError(restored ? 'addon.report.failed' : 'addon.report.failed_partly', { message: errorText(error) });
  }
  // The report stands: a staging sheet that cannot be deleted is a leftover the next run deletes.
  for (const sheet of staging) {
    try {
      spreadsheet.deleteSheet(sheet);
    } catch {
      // It carries STAGING_SHEET_KEY: findReportAndStagingSheets counts it among the leftovers.
    }
  }
  return summary;
}

/** What "Remove report sheets" deletes, and the report sheets it keeps for what the user added to them. */
export interface ReportRemoval {
  /** The report sheets to delete. */
  reports: SheetPort[];
  /** Staging sheets and extra report sheets a run left behind: deleted too, uncounted. */
  leftovers: SheetPort[];
  /** Names of the report sheets holding cells or charts of the user's own: deleting them would lose those. */
  kept: string[];
}

export function planReportRemoval(spreadsheet: SpreadsheetPort): ReportRemoval {
  const { reports, leftovers } = findReportAndStagingSheets(spreadsheet);
  const removal: ReportRemoval = { reports: [], leftovers, kept: [] };
  for (const report of reports.values()) {
    if (holdsUserWork(report)) removal.kept.push(report.sheet.getName());
    else removal.reports.push(report.sheet);
  }
  return removal;
}

/** Whether the user typed below or beside the add-on's table, or drew a chart of their own, on a report sheet. */
function holdsUserWork({ sheet, stamp }: ReportSheet): boolean {
  const range = sheet.getDataRange();
  const content = { rows: range.getNumRows(), columns: range.getNumColumns() };
  const table = stamp.size ?? content;
  if (content.rows > table.rows || content.columns > table.columns) return true;
  const ref = stampedChartId(stamp);
  const charts = sheet.getCharts();
  const addonsOwn = ref === null ? undefined : addonChart(charts, ref);
  return charts.some((chart) => chart !== addonsOwn);
}

/**
 * Deletes the sheets of `removal`, the report sheets first; returns how many of those went. A failure part-way
 * says how many did, for the message (sheets deleted cannot be put back).
 */
export function removeReportSheets(spreadsheet: SpreadsheetPort, removal: ReportRemoval): number {
  let deleted = 0;
  try {
    for (const sheet of removal.reports) {
      spreadsheet.deleteSheet(sheet);
      deleted++;
    }
  } catch (error) {
    throw new RemovalStopped(deleted, error);
  }
  removeLeftovers(spreadsheet, removal);
  return deleted;
}

/**
 * Deletes the leftovers of `removal`. They are hidden and no report sheet the user asked about: one that cannot
 * be deleted stays a leftover, for the next run or removal, and is no failure of this one.
 */
export function removeLeftovers(spreadsheet: SpreadsheetPort, removal: ReportRemoval): void {
  for (const sheet of removal.leftovers) {
    try {
      spreadsheet.deleteSheet(sheet);
    } catch {
      // See above.
    }
  }
}

/** Deleting report sheets failed after `deleted` of them went. */
export class RemovalStopped extends Error {
  constructor(readonly deleted: number, readonly cause: unknown) {
    super(errorText(cause));
  }
}

/** The report sheets the add-on owns, by table id. */
export function findReportSheets(spreadsheet: SpreadsheetPort): Map<string, SheetPort> {
  return new Map([...findReportAndStagingSheets(spreadsheet).reports].map(([table, { sheet }]) => [table, sheet]));
}

/** A report sheet with the add-on's chart on it (none when it draws none, or the user deleted it). */
interface ReportSheetChart {
  sheet: SheetPort;
  chart: ChartPort | undefined;
}

const withChart = ({ sheet, stamp }: ReportSheet): ReportSheetChart => {
  const id = stampedChartId(stamp);
  return { sheet, chart: id === null ? undefined : addonChart(sheet.getCharts(), id) };
};

/** Every report sheet by table id, with the add-on's chart on it. */
export function findReportSheetCharts(spreadsheet: SpreadsheetPort): Map<string, ReportSheetChart> {
  return new Map([...findReportAndStagingSheets(spreadsheet).reports].map(([table, report]) => [table, withChart(report)]));
}

/** The report sheet of `table` with the add-on's chart on it, or null for no such sheet. */
export function findReportSheetChart(spreadsheet: SpreadsheetPort, table: string): ReportSheetChart | null {
  const report = findReportAndStagingSheets(spreadsheet).reports.get(table);
  return report ? withChart(report) : null;
}

/** The chart layout stamped on each report sheet that has a chart, by table id. */
export function findReportCharts(spreadsheet: SpreadsheetPort): Map<string, ChartLayout> {
  const charts = new Map<string, ChartLayout>();
  for (const [table, { stamp }] of findReportAndStagingSheets(spreadsheet).reports) if (stamp.chart) charts.set(table, stamp.chart);
  return charts;
}

/** What the report sheets hold: the provenance of the latest written (an old sheet a run could not delete keeps its own); null without any. */
export function reportProvenance(spreadsheet: SpreadsheetPort): Provenance | null {
  let latest: Provenance | null = null;
  for (const { stamp } of findReportAndStagingSheets(spreadsheet).reports.values()) {
    if (latest === null || stamp.provenance.generatedAt > latest.generatedAt) latest = stamp.provenance;
  }
  return latest;
}

/**
 * The staging sheets of the plan, each hidden and owned (so the next run deletes it if this one dies), with
 * every grid written to its place and then each backup copied to its own. Before each block the deadline is
 * checked against what is left to do, the commit and its reserve to roll back included.
 */
function fillStaging(names: SheetNames, staging: SheetPort[], plan: WritePlan, labels: SheetLabels, deadline: Deadline): void {
  for (const { rows, columns } of plan.staging) {
    const sheet = names.insert(labels.staging);
    staging.push(sheet);
    sheet.addDeveloperMetadata(STAGING_SHEET_KEY, String(sheet.getSheetId()));
    sheet.hideSheet();
    fitSheet(sheet, rows, columns);
  }
  let left = plan.estimateMs;
  const next = (ms: number) => {
    if (deadline.now() + left > deadline.end) throw outOfTime();
    left -= ms;
  };
  plan.grids.forEach((grid, i) => {
    next(stageMs({ rows: grid.height, columns: grid.width }));
    const { staging: s, row } = plan.gridAt[i];
    const range = staging[s].getRange(row, 1, grid.height, grid.width);
    // Formats first: a value written into a plain-text cell stays the text it is.
    range.setNumberFormats(grid.numberFormats);
    range.setValues(grid.values);
    range.setFontWeights(grid.fontWeights);
    range.setBackgrounds(grid.backgrounds);
    range.setFontColors(grid.fontColors);
  });
  for (const backup of plan.backups) {
    if (backup === null) continue;
    next(backupMs(backup.owned.content));
    const { rows, columns } = backup.owned.content;
    backup.owned.sheet.getRange(1, 1, rows, columns).copyTo(staging[backup.at.staging].getRange(backup.at.row, 1, rows, columns));
  }
}

/** A backup as the commit found its sheet: name and stamp are read when the sheet is first touched. */
interface Touched {
  backup: Backup;
  name: string;
  stampText: string | null;
  /** The add-on's chart once this run drew it (undefined: not drawn yet, the stamp's chart stands). */
  drawn?: number | null;
  /** This run left the chart as it was, to go once the report stands (the new report has none here). */
  chartLeft?: boolean;
  /** The sheet's charts just before this run inserted one: a chart not among them is this run's, id or not. */
  chartsBeforeInsert?: ReadonlySet<number | null>;
  frozenRows: number;
  /** The descriptions of the sheet's protections before this run reworded them (empty: not reworded). */
  descriptions: string[];
  /** The rows and columns this run inserted after the old table (roomForUserCells), as far as it got. */
  roomMade: Size;
}

/** Undoes what a commit did to the report sheets, from the backups in the staging sheets. */
class Rollback {
  private readonly created: SheetPort[] = [];
  private readonly touched: Touched[] = [];
  private completed = false;

  constructor(
    private readonly spreadsheet: SpreadsheetPort, private readonly staging: readonly SheetPort[], private readonly labels: SheetLabels,
  ) {}

  /** Call before the first change to an existing report sheet. */
  touching(backup: Backup): void {
    const { sheet, metadata } = backup.owned;
    this.touched.push({
      backup, name: sheet.getName(), stampText: metadata.getValue(), frozenRows: sheet.getFrozenRows(), descriptions: [],
      roomMade: { rows: 0, columns: 0 },
    });
  }

  /** Where rewording the sheet touched last keeps the descriptions its protections had. */
  touchedDescriptions(): string[] {
    return this.touched[this.touched.length - 1].descriptions;
  }

  /** Where the room made on the sheet touched last is recorded, each insert once it is done. */
  touchedRoom(): Size {
    return this.touched[this.touched.length - 1].roomMade;
  }

  /** Call once the chart of the sheet touched last is drawn: its id, null for no chart. */
  drewChart(id: number | null): void {
    this.touched[this.touched.length - 1].drawn = id;
  }

  /** Call when the chart of the sheet touched last is left as it was, to be removed once the report stands. */
  leftChart(): void {
    this.touched[this.touched.length - 1].chartLeft = true;
  }

  /** Call just before inserting a chart into the sheet touched last, with the charts it has. */
  insertingChart(chartsBefore: ReadonlySet<number | null>): void {
    this.touched[this.touched.length - 1].chartsBeforeInsert = chartsBefore;
  }

  /** Call right after inserting a report sheet. */
  inserted(sheet: SheetPort): void {
    this.created.push(sheet);
  }

  /** Milliseconds it takes to undo what was done so far, and `next` (a backup, or null for a new sheet) too. */
  reserveMs(next: Backup | null): number {
    let ms = rollbackMs(next?.owned.content ?? null);
    for (const { backup } of this.touched) ms += rollbackMs(backup.owned.content);
    for (let i = 0; i < this.created.length; i++) ms += rollbackMs(null);
    return ms;
  }

  /** Call once every table is written: the new report is kept from then on. */
  complete(): void {
    this.completed = true;
  }

  get isComplete(): boolean {
    return this.completed;
  }

  /**
   * Puts the report sheets back as they were, each on its own: one that cannot be put back does not stop the
   * others. False when any could not, or the new report was complete.
   */
  undo(): boolean {
    if (this.completed) return false;
    let all = true;
    const attempt = (work: () => void) => {
      try {
        work();
      } catch {
        all = false;
      }
    };
    for (const sheet of this.created) attempt(() => this.spreadsheet.deleteSheet(sheet));
    for (const touched of this.touched) attempt(() => this.restore(touched));
    return all;
  }

  private restore({ backup, name, stampText, drawn, chartLeft, chartsBeforeInsert, frozenRows, descriptions, roomMade }: Touched): void {
    const { owned, at, written } = backup;
    const { sheet, metadata, maxRows, maxColumns, content } = owned;
    if (sheet.getName() !== name) sheet.setName(name);
    // The room made for the new table goes first: the user's cells move back to where the backup has them.
    const table = tableOf(owned);
    if (roomMade.columns > 0) sheet.deleteColumns(table.columns + 1, roomMade.columns);
    if (roomMade.rows > 0) sheet.deleteRows(table.rows + 1, roomMade.rows);
    // This run inserted a chart, so the sheet had none of the add-on's (the user had deleted it): it goes,
    // whether or not the run learnt its id before it failed.
    if (chartsBeforeInsert) {
      for (const chart of sheet.getCharts()) if (!chartsBeforeInsert.has(chart.getChartId())) sheet.removeChart(chart);
    }
    fitSheet(sheet, maxRows, maxColumns);
    // The new table's cells beyond the old content are cleared; the content itself is copied back.
    const rows = Math.min(maxRows, Math.max(content.rows, written.rows));
    const columns = Math.min(maxColumns, Math.max(content.columns, written.columns));
    if (rows > content.rows || columns > content.columns) sheet.getRange(1, 1, rows, columns).clear();
    this.staging[at.staging].getRange(at.row, 1, content.rows, content.columns).copyTo(sheet.getRange(1, 1, content.rows, content.columns));
    const stamp = parseStamp(stampText, reportStamp);
    stamp?.columnWidths?.forEach((px, c) => sheet.setColumnWidth(c + 1, px));
    sheet.setFrozenRows(frozenRows);
    // Worded anew by this run (relabel): worded back, those it reached (a failure part-way reached only the first).
    if (descriptions.length > 0) rewordProtection(sheet, (i) => descriptions[i] ?? null, this.labels.sheetProtection);
    // The chart as this run found it is drawn back as it was (one the run inserted is gone already).
    const chartId = stamp && stamp.chart !== undefined && !chartsBeforeInsert && !chartLeft
      ? drawChart(sheet, stamp.chart, drawn !== undefined ? drawn : stampedChartId(stamp)) : undefined;
    // The stamp as it was, unless the chart it names had to be drawn anew (this run removed it): then it names the new one.
    const redrawn = stamp && chartId !== undefined && chartId !== stampedChartId(stamp);
    if (stampText !== null) metadata.setValue(redrawn ? JSON.stringify({ ...stamp, chartId } satisfies SheetStamp) : stampText);
  }
}

/**
 * Writes each report sheet from its staged table. Before each sheet the deadline is checked: the sheet must be
 * written, and then everything done so far put back, before it comes; when not, the write stops (and is
 * rolled back). An updated sheet's stamp is set last, so that it never speaks for cells not yet written.
 */
function commit(
  spreadsheet: SpreadsheetPort, names: SheetNames, plan: WritePlan, staging: readonly SheetPort[], provenance: Provenance, labels: SheetLabels,
  rollback: Rollback, deadline: Deadline,
): WriteSummary {
  const { grids, measure } = plan;
  const stampOf = (grid: TableGrid, sheet: SheetPort, chartId: number | null) => JSON.stringify({
    table: grid.tableId, sheetId: sheet.getSheetId(), provenance, chart: grid.chart, chartId, columnWidths: grid.columnWidths,
    title: grid.title, protection: labels.protection, size: { rows: grid.height, columns: grid.width },
  } satisfies SheetStamp);
  let created = 0;
  const written: SheetPort[] = [];
  /** Charts the new report drops, removed once it stands (as stale sheets are deleted). */
  const dropped: Array<{ sheet: SheetPort; ref: ChartRef }> = [];
  grids.forEach((grid, i) => {
    const backup = plan.backups[i];
    const block = { rows: grid.height, columns: grid.width };
    if (deadline.now() + commitMs(block) + rollback.reserveMs(backup) > deadline.end) throw outOfTime();
    let sheet: SheetPort;
    if (backup) {
      const existing = backup.owned;
      sheet = existing.sheet;
      rollback.touching(backup);
      relabel(names, existing, grid.title, labels, rollback.touchedDescriptions());
      const previous = tableOf(existing);
      const made = rollback.touchedRoom();
      if (backup.room.rows > 0) {
        sheet.insertRowsAfter(previous.rows, backup.room.rows);
        made.rows = backup.room.rows;
      }
      if (backup.room.columns > 0) {
        sheet.insertColumnsAfter(previous.columns, backup.room.columns);
        made.columns = backup.room.columns;
      }
      // Grown only: rows and columns deleted now would come back blank on a rollback, losing what the user put
      // there (formats, notes, validation) beyond the backed-up content. The sheet is trimmed once the report stands.
      growSheet(sheet, grid.sheetRows, grid.sheetColumns);
      // The previous table beyond the new one (fewer rows, say) is cleared, not left standing; what the user
      // typed beside or below it stays.
      const rows = Math.min(previous.rows, existing.maxRows);
      const columns = Math.min(previous.columns, existing.maxColumns);
      if (rows > grid.height || columns > grid.width) sheet.getRange(1, 1, rows, columns).clear();
    } else {
      sheet = names.insert(grid.title);
      rollback.inserted(sheet);
      fitSheet(sheet, grid.sheetRows, grid.sheetColumns);
      // The chart first, so that the stamp names it from the start: any other chart on the sheet is the user's.
      const chartId = drawChart(sheet, grid.chart, null);
      sheet.addDeveloperMetadata(REPORT_SHEET_KEY, stampOf(grid, sheet, chartId));
      protectNewSheet(sheet, labels.protection);
      created++;
    }
    const { staging: s, row } = plan.gridAt[i];
    staging[s].getRange(row, 1, grid.height, grid.width).copyTo(sheet.getRange(1, 1, grid.height, grid.width));
    sheet.setFrozenRows(HEADER_ROW);
    grid.columnWidths.forEach((px, c) => sheet.setColumnWidth(c + 1, px));
    if (backup) {
      const ref = stampedChartId(backup.owned.stamp);
      let chartId: number | null;
      if (grid.chart === null) {
        // Removed now, a rollback could only draw a new chart, without what the user made of it (place, size,
        // colours). The stamp names it until it is gone, so that a removal that fails is tried by the next run.
        rollback.leftChart();
        dropped.push({ sheet, ref });
        chartId = typeof ref === 'number' ? ref : null;
      } else {
        chartId = drawChart(sheet, grid.chart, ref, (before) => rollback.insertingChart(before));
        rollback.drewChart(chartId);
      }
      backup.owned.metadata.setValue(stampOf(grid, sheet, chartId));
    }
    written.push(sheet);
  });
  const wanted = new Set(grids.map((g) => g.tableId));
  const stale = [...measure.reports].filter(([table]) => !wanted.has(table));
  // Every table is written: from here on the new report stands, and a deletion that fails leaves a stale sheet
  // for the next run to delete rather than a deleted sheet that cannot come back.
  rollback.complete();
  for (const { sheet, ref } of dropped) courtesy(() => drawChart(sheet, null, ref));
  // Now each updated sheet is trimmed to its table (and chart); one that cannot be is merely larger than needed.
  grids.forEach((grid, i) => {
    if (plan.backups[i] === null) return;
    // Not below or beside the user's own cells, though (moved by the room made for the table): those stay.
    const { owned, room } = plan.backups[i]!;
    const user = userExtent(owned);
    const kept = user.rows === 0 ? user : { rows: user.rows + room.rows, columns: user.columns + room.columns };
    try {
      fitSheet(written[i], Math.max(grid.sheetRows, kept.rows), Math.max(grid.sheetColumns, kept.columns));
    } catch {
      // The next run trims it.
    }
  });
  const left: WriteSummary['left'] = [];
  for (const [, { sheet }] of stale) {
    try {
      spreadsheet.deleteSheet(sheet);
    } catch (error) {
      // A sheet another editor deleted meanwhile has no name left to read: it is gone, as it should be.
      let name: string | null;
      try {
        name = sheet.getName();
      } catch {
        name = null;
      }
      if (name !== null) left.push({ name, reason: errorText(error) });
    }
  }
  // The report stands: showing it is a courtesy, and its failure no failure of the run.
  courtesy(() => written[0]?.activate());
  return { created, updated: grids.length - created, removed: stale.length - left.length, left };
}

/**
 * A report sheet written in another language (or with other wording) than this run's: renamed to the new
 * title unless the user renamed it, and its protection worded anew (`descriptions` receives the ones it had).
 */
function relabel(names: SheetNames, { sheet, stamp }: ReportSheet, title: string, labels: SheetLabels, descriptions: string[]): void {
  if (stamp.title !== undefined && stamp.title !== title && names.isNameFor(sheet.getName(), stamp.title)) names.rename(sheet, title);
  if (stamp.protection !== undefined && stamp.protection !== labels.protection) rewordProtection(sheet, labels.protection, labels.sheetProtection, descriptions);
}

/** Protects a sheet the add-on just made: a warning only (editors are warned, not locked out), with this description. */
export function protectNewSheet(sheet: SheetPort, description: string): void {
  sheet.protect().setWarningOnly(true).setDescription(description);
}

/**
 * Rewords the protection of a sheet the add-on made, where it still has one: a protection the user removed stays
 * removed (protect() would make a new one that locks editors out), one they made stricter stays so, and one this
 * user may not edit (another editor's, made stricter) keeps its words rather than failing the run.
 */
export function rewordProtection(
  sheet: SheetPort, description: string | ((protection: number) => string | null), sheetProtection: GoogleAppsScript.Spreadsheet.ProtectionType,
  before: string[] = [],
): void {
  // Each description is kept before it changes: a failure part-way still knows what to put back.
  sheet.getProtections(sheetProtection).forEach((protection, i) => {
    const next = typeof description === 'string' ? description : description(i);
    if (next === null) return;
    before.push(protection.getDescription());
    if (protection.canEdit()) protection.setDescription(next);
  });
}

/** Sheets under names no sheet has (Sheets compares them ignoring case): "title", else "title (2)", … */
export class SheetNames {
  private readonly taken: Set<string>;

  constructor(private readonly spreadsheet: SpreadsheetPort) {
    this.taken = new Set(spreadsheet.getSheets().map((sheet) => sheet.getName().toLowerCase()));
  }

  /** Appends a sheet. */
  insert(title: string): SheetPort {
    return this.spreadsheet.insertSheet(this.take(title), this.spreadsheet.getNumSheets());
  }

  /** Gives the sheet a name for the title, its own name counting as free. */
  rename(sheet: SheetPort, title: string): void {
    const own = sheet.getName();
    this.taken.delete(own.toLowerCase());
    const name = this.take(title);
    if (name !== own) sheet.setName(name);
  }

  /** Whether `name` is one this class gives for `title` ("title" or "title (n)"). */
  isNameFor(name: string, title: string): boolean {
    const base = baseName(title);
    return name === base || (name.startsWith(`${base} (`) && /^ \(\d+\)$/.test(name.slice(base.length)));
  }

  private take(title: string): string {
    const name = uniqueName(baseName(title), (lowercased) => this.taken.has(lowercased), MAX_SHEET_NAME);
    this.taken.add(name.toLowerCase());
    return name;
  }
}

/** Sheets refuses longer tab names; room is kept for " (n)". */
const baseName = (title: string) => title.slice(0, MAX_SHEET_NAME - 5).trim();

/** Gives the sheet at least this many rows and columns, deleting none. */
function growSheet(sheet: SheetPort, rows: number, columns: number): void {
  const maxRows = sheet.getMaxRows();
  const maxColumns = sheet.getMaxColumns();
  if (maxRows < rows) sheet.insertRowsAfter(maxRows, rows - maxRows);
  if (maxColumns < columns) sheet.insertColumnsAfter(maxColumns, columns - maxColumns);
}

/**
 * Gives the sheet exactly this many rows and columns: the spreadsheet's cell budget is shared by every sheet.
 * It shrinks before it grows, so the sheet never holds more cells than before or after (1,000 × 26 made
 * 100,000 × 9 is never 100,000 × 26 on the way).
 */
export function fitSheet(sheet: SheetPort, rows: number, columns: number): void {
  const maxRows = sheet.getMaxRows();
  const maxColumns = sheet.getMaxColumns();
  if (maxColumns > columns) sheet.deleteColumns(columns + 1, maxColumns - columns);
  if (maxRows > rows) sheet.deleteRows(rows + 1, maxRows - rows);
  if (maxRows < rows) sheet.insertRowsAfter(maxRows, rows - maxRows);
  if (maxColumns < columns) sheet.insertColumnsAfter(maxColumns, columns - maxColumns);
}

const AS_KIND: Record<ChartKind, (builder: ChartBuilderPort) => ChartBuilderPort> = {
  line: (b) => b.asLineChart(),
  column: (b) => b.asColumnChart(),
  bar: (b) => b.asBarChart(),
  pie: (b) => b.asPieChart(),
};

/** The chart of `layout` over the table on `source` (the report sheet), wherever the chart itself sits. */
export function chartFrom(builder: ChartBuilderPort, source: SheetPort, layout: ChartLayout): ChartBuilderPort {
  let typed = AS_KIND[layout.kind](builder);
  for (const column of layout.columns) {
    typed = typed.addRange(source.getRange(layout.firstRow, column, layout.lastRow - layout.firstRow + 1, 1));
  }
  return typed.setNumHeaders(1).setOption('title', layout.title);
}

/**
 * The add-on's chart as the stamp names it: its id, or null for none. Stamps from before chart ids: 'first' when
 * the stamp has a chart layout (those versions kept one chart per sheet, the add-on's); 'unknown' for the oldest,
 * without one, whose first chart is the add-on's only if the table draws one.
 */
type ChartRef = number | null | 'first' | 'unknown';

function stampedChartId(stamp: SheetStamp): ChartRef {
  if (stamp.chartId !== undefined) return stamp.chartId;
  if (stamp.chart === undefined) return 'unknown';
  return stamp.chart === null ? null : 'first';
}

/** Among the sheet's charts, the add-on's: the one `ref` names (stampedChartId). */
function addonChart(charts: readonly ChartPort[], ref: ChartRef): ChartPort | undefined {
  if (ref === 'first' || ref === 'unknown') return charts[0];
  return ref === null ? undefined : charts.find((chart) => chart.getChartId() === ref);
}

/**
 * Draws the add-on's chart on the sheet: the chart `ref` names (stampedChartId) is updated, or removed for no
 * layout; without one a chart is inserted (`inserting` learns the charts there were just before). The user's
 * charts beside it stay. Returns the id of the add-on's chart now, null for none.
 */
function drawChart(sheet: SheetPort, layout: ChartLayout | null, ref: ChartRef, inserting?: (chartsBefore: ReadonlySet<number | null>) => void): number | null {
  // No chart to draw, and none known to be the add-on's: a chart there (on the oldest stamps' sheets) may be the user's.
  if (layout === null && (ref === null || ref === 'unknown')) return null;
  const charts = sheet.getCharts();
  const current = addonChart(charts, ref);
  if (layout === null) {
    if (current) sheet.removeChart(current);
    return null;
  }
  if (current) {
    sheet.updateChart(builtChart(current.modify().clearRanges(), sheet, layout));
    return current.getChartId();
  }
  const known = new Set(charts.map((chart) => chart.getChartId()));
  inserting?.(known);
  sheet.insertChart(builtChart(sheet.newChart(), sheet, layout));
  return sheet.getCharts().map((chart) => chart.getChartId()).find((chartId) => !known.has(chartId)) ?? null;
}

/** The chart of `layout` over the report sheet's table, at its place beside the table. */
function builtChart(builder: ChartBuilderPort, sheet: SheetPort, layout: ChartLayout): ChartPort {
  return chartFrom(builder, sheet, layout).setPosition(layout.anchorRow, layout.anchorColumn, 0, 0).build();
}
