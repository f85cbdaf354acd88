import type { ChartKind, Provenance } from '../core/report/table';
import { uniqueName } from '../core/unique-name';
import { AddonError, errorText } from './addon-error';
import { findOwnedSheets, idStamp, parseStamp, type OwnedSheet, type StampReader } from './owned-sheets';
import type { ChartBuilderPort, SheetPort, SpreadsheetPort } from './ports';
import { HEADER_ROW } from '../core/render/sheet-layout';
import type { ChartLayout, TableGrid } from './report-grid';

// The report sheets: one per report table, owned by the add-on and written so that a failure cannot leave a
// half-written report behind.
//
// Ownership (owned-sheets.ts): each report sheet carries developer metadata (REPORT_SHEET_KEY) whose value
// stamps the table it shows, its own sheet id, the report's provenance and the layout of its chart (a copy of
// the sheet, as a share makes, draws the chart from it: report-copy.ts).
//
// Safety: every table is first written into one hidden staging sheet (all the calls that scale with the
// data: values, formats, styles), and below the tables goes a copy of each report sheet about to be updated.
// Only when all of it is there are the report sheets touched, each with one copy from the staging sheet plus
// a fixed handful of calls; a failure before that leaves the previous report as it was, and a failure while
// they are touched is rolled back: new sheets are deleted, updated ones get their copy, size, stamp, column
// widths and chart back. Existing report sheets are updated in place, so their sheet ids, and the charts and
// formulas that point at them, survive a re-run. The staging sheet is deleted at the end, or by the next run
// if this one died (it carries STAGING_SHEET_KEY).
//
// Other sheets the add-on owns carry keys of their own (dashboard sheets: DASHBOARD_SHEET_KEY in
// dashboard.ts), so a run never writes or deletes them.

export const REPORT_SHEET_KEY = 'campaignAnalytics.reportSheet';
export const STAGING_SHEET_KEY = 'campaignAnalytics.staging';

/** Sheets refuses longer tab names. */
export const MAX_SHEET_NAME = 100;

/** What a report sheet's developer metadata holds. */
export interface SheetStamp {
  table: string;
  sheetId: number;
  provenance: Provenance;
  /** The sheet's chart as tableGrid laid it out; missing in stamps written before charts were stamped. */
  chart?: ChartLayout | null;
  /** Column widths in pixels as written (a failed run puts them back); missing in older stamps. */
  columnWidths?: number[];
  /**
   * The table's title and the protection's description as written, in the language of that run: a run in
   * another language renames the sheet (unless the user did) and words its protection anew. Missing in older stamps.
   */
  title?: string;
  protection?: string;
}

type ReportSheet = OwnedSheet<SheetStamp>;

interface ReportAndStagingSheets {
  /** By table id. */
  reports: Map<string, ReportSheet>;
  /** Report sheets of the same table beyond the first, and staging sheets left by a run that died. */
  leftovers: SheetPort[];
}

export interface SheetLabels {
  /** Name of the hidden staging sheet. */
  staging: string;
  /** Description of the warning-only protection on each report sheet. */
  protection: string;
}

export interface WriteSummary {
  created: number;
  updated: number;
  /** Report sheets of tables this report no longer has. */
  removed: number;
}

const reportStamp: StampReader<SheetStamp> = (value) => {
  const stamp = value as Partial<SheetStamp> | null;
  return typeof stamp?.table === 'string' && typeof stamp.sheetId === 'number' ? (stamp as SheetStamp) : null;
};

function findReportAndStagingSheets(spreadsheet: SpreadsheetPort): ReportAndStagingSheets {
  const reports = new Map<string, ReportSheet>();
  const leftovers: SheetPort[] = [];
  for (const owned of findOwnedSheets(spreadsheet, REPORT_SHEET_KEY, reportStamp)) {
    if (reports.has(owned.stamp.table)) leftovers.push(owned.sheet);
    else reports.set(owned.stamp.table, owned);
  }
  for (const { sheet } of findOwnedSheets(spreadsheet, STAGING_SHEET_KEY, idStamp)) leftovers.push(sheet);
  return { reports, leftovers };
}

/**
 * Writes one report sheet per grid (in order; new sheets go after the existing ones) and deletes the
 * report sheets of tables the report no longer has. `provenance` is stamped on every sheet.
 */
export function writeReportSheets(
  spreadsheet: SpreadsheetPort, grids: readonly TableGrid[], provenance: Provenance, labels: SheetLabels,
): WriteSummary {
  const owned = findReportAndStagingSheets(spreadsheet);
  for (const sheet of owned.leftovers) spreadsheet.deleteSheet(sheet);
  const names = new SheetNames(spreadsheet);

  const staging = names.insert(labels.staging);
  staging.addDeveloperMetadata(STAGING_SHEET_KEY, String(staging.getSheetId()));
  staging.hideSheet();
  const updated = grids.flatMap((grid) => owned.reports.get(grid.tableId) ?? []);
  let rollback: Rollback | null = null;
  let summary: WriteSummary;
  try {
    const { offsets, backups } = fillStaging(staging, grids, updated);
    rollback = new Rollback(spreadsheet, staging, backups);
    summary = commit(spreadsheet, names, owned.reports, staging, grids, offsets, provenance, labels, rollback);
  } catch (error) {
    const restored = rollback === null || rollback.undo();
    try {
      spreadsheet.deleteSheet(staging);
    } catch {
      // The error that stopped the run is the one to tell; the next run deletes the staging sheet.
    }
    throw new AddonError(restored ? 'addon.report.failed' : 'addon.report.failed_partly', { message: errorText(error) });
  }
  spreadsheet.deleteSheet(staging);
  return summary;
}

/** Deletes every report sheet the add-on owns (and any staging sheet left behind); returns how many reports. */
export function removeReportSheets(spreadsheet: SpreadsheetPort): number {
  const owned = findReportAndStagingSheets(spreadsheet);
  for (const sheet of [...[...owned.reports.values()].map((o) => o.sheet), ...owned.leftovers]) spreadsheet.deleteSheet(sheet);
  return owned.reports.size;
}

/** The report sheets the add-on owns, by table id. */
export function findReportSheets(spreadsheet: SpreadsheetPort): Map<string, SheetPort> {
  return new Map([...findReportAndStagingSheets(spreadsheet).reports].map(([table, { sheet }]) => [table, sheet]));
}

/** The chart layout stamped on each report sheet that has a chart, by table id. */
export function findReportCharts(spreadsheet: SpreadsheetPort): Map<string, ChartLayout> {
  const charts = new Map<string, ChartLayout>();
  for (const [table, { stamp }] of findReportAndStagingSheets(spreadsheet).reports) if (stamp.chart) charts.set(table, stamp.chart);
  return charts;
}

/** How many report sheets the add-on owns. */
export function countReportSheets(spreadsheet: SpreadsheetPort): number {
  return findReportAndStagingSheets(spreadsheet).reports.size;
}

/** A report sheet as it was before this run, its cells copied into the staging sheet from `row`. */
interface Backup {
  owned: ReportSheet;
  name: string;
  stampText: string | null;
  rows: number;
  columns: number;
  row: number;
}

/**
 * Each grid stacked under the previous one, then a copy of each sheet to be updated; returns the row
 * offset of each grid, and the backups.
 */
function fillStaging(staging: SheetPort, grids: readonly TableGrid[], updated: readonly ReportSheet[]): { offsets: number[]; backups: Backup[] } {
  const offsets: number[] = [];
  let rows = 0;
  for (const grid of grids) {
    offsets.push(rows);
    rows += grid.height;
  }
  const backups = updated.map((owned): Backup => {
    const { sheet, metadata } = owned;
    const backup = {
      owned, name: sheet.getName(), stampText: metadata.getValue(), rows: sheet.getMaxRows(), columns: sheet.getMaxColumns(), row: rows + 1,
    };
    rows += backup.rows;
    return backup;
  });
  fitSheet(staging, rows, Math.max(1, ...grids.map((g) => g.width), ...backups.map((b) => b.columns)));
  grids.forEach((grid, i) => {
    const range = staging.getRange(offsets[i] + 1, 1, grid.height, grid.width);
    // Formats first: a value written into a plain-text cell stays the text it is.
    range.setNumberFormats(grid.numberFormats);
    range.setValues(grid.values);
    range.setFontWeights(grid.fontWeights);
    range.setBackgrounds(grid.backgrounds);
    range.setFontColors(grid.fontColors);
  });
  for (const { owned, rows: height, columns: width, row } of backups) {
    owned.sheet.getRange(1, 1, height, width).copyTo(staging.getRange(row, 1, height, width));
  }
  return { offsets, backups };
}

/** Undoes what a commit did to the report sheets, from the backups in the staging sheet. */
class Rollback {
  private readonly created: SheetPort[] = [];
  private readonly touched = new Set<Backup>();
  private completed = false;

  constructor(private readonly spreadsheet: SpreadsheetPort, private readonly staging: SheetPort, private readonly backups: readonly Backup[]) {}

  /** Call before the first change to an existing report sheet. */
  touching(sheet: SheetPort): void {
    const backup = this.backups.find((b) => b.owned.sheet === sheet);
    if (backup) this.touched.add(backup);
  }

  /** Call right after inserting a report sheet. */
  inserted(sheet: SheetPort): void {
    this.created.push(sheet);
  }

  /** Call once every table is written: the new report is kept from then on. */
  complete(): void {
    this.completed = true;
  }

  /** Puts the report sheets back as they were; false when that failed too, or the new report was complete. */
  undo(): boolean {
    if (this.completed) return false;
    try {
      for (const sheet of this.created) this.spreadsheet.deleteSheet(sheet);
      for (const { owned, name, stampText, rows, columns, row } of this.touched) {
        const { sheet, metadata } = owned;
        if (sheet.getName() !== name) sheet.setName(name);
        fitSheet(sheet, rows, columns);
        this.staging.getRange(row, 1, rows, columns).copyTo(sheet.getRange(1, 1, rows, columns));
        if (stampText !== null) metadata.setValue(stampText);
        const stamp = parseStamp(stampText, reportStamp);
        stamp?.columnWidths?.forEach((px, c) => sheet.setColumnWidth(c + 1, px));
        if (stamp?.protection !== undefined) sheet.protect().setDescription(stamp.protection);
        if (stamp && stamp.chart !== undefined) drawChart(sheet, stamp.chart);
      }
      return true;
    } catch {
      return false;
    }
  }
}

function commit(
  spreadsheet: SpreadsheetPort, names: SheetNames, reports: Map<string, ReportSheet>, staging: SheetPort, grids: readonly TableGrid[],
  offsets: readonly number[], provenance: Provenance, labels: SheetLabels, rollback: Rollback,
): WriteSummary {
  const stampOf = (grid: TableGrid, sheet: SheetPort) => JSON.stringify({
    table: grid.tableId, sheetId: sheet.getSheetId(), provenance, chart: grid.chart, columnWidths: grid.columnWidths,
    title: grid.title, protection: labels.protection,
  } satisfies SheetStamp);
  let created = 0;
  const written: SheetPort[] = [];
  grids.forEach((grid, i) => {
    const existing = reports.get(grid.tableId);
    let sheet: SheetPort;
    if (existing) {
      sheet = existing.sheet;
      rollback.touching(sheet);
      relabel(names, existing, grid.title, labels.protection);
      existing.metadata.setValue(stampOf(grid, sheet));
    } else {
      sheet = names.insert(grid.title);
      rollback.inserted(sheet);
      sheet.addDeveloperMetadata(REPORT_SHEET_KEY, stampOf(grid, sheet));
      sheet.protect().setWarningOnly(true).setDescription(labels.protection);
      created++;
    }
    fitSheet(sheet, grid.sheetRows, grid.sheetColumns);
    staging.getRange(offsets[i] + 1, 1, grid.height, grid.width).copyTo(sheet.getRange(1, 1, grid.height, grid.width));
    sheet.setFrozenRows(HEADER_ROW);
    grid.columnWidths.forEach((px, c) => sheet.setColumnWidth(c + 1, px));
    drawChart(sheet, grid.chart);
    written.push(sheet);
  });
  const wanted = new Set(grids.map((g) => g.tableId));
  const stale = [...reports].filter(([table]) => !wanted.has(table));
  // Every table is written: from here on the new report stands, and a deletion that fails leaves a stale sheet
  // for the next run to delete rather than a deleted sheet that cannot come back.
  rollback.complete();
  for (const [, { sheet }] of stale) spreadsheet.deleteSheet(sheet);
  written[0]?.activate();
  return { created, updated: grids.length - created, removed: stale.length };
}

/**
 * A report sheet written in another language (or with other wording) than this run's: renamed to the new
 * title unless the user renamed it, and its protection worded anew.
 */
function relabel(names: SheetNames, { sheet, stamp }: ReportSheet, title: string, protection: string): void {
  if (stamp.title !== undefined && stamp.title !== title && names.isNameFor(sheet.getName(), stamp.title)) names.rename(sheet, title);
  if (stamp.protection !== undefined && stamp.protection !== protection) sheet.protect().setDescription(protection);
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

/** Gives the sheet exactly this many rows and columns: the spreadsheet's cell budget is shared by every sheet. */
export function fitSheet(sheet: SheetPort, rows: number, columns: number): void {
  const maxRows = sheet.getMaxRows();
  if (maxRows < rows) sheet.insertRowsAfter(maxRows, rows - maxRows);
  else if (maxRows > rows) sheet.deleteRows(rows + 1, maxRows - rows);
  const maxColumns = sheet.getMaxColumns();
  if (maxColumns < columns) sheet.insertColumnsAfter(maxColumns, columns - maxColumns);
  else if (maxColumns > columns) sheet.deleteColumns(columns + 1, maxColumns - columns);
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

/** The sheet's chart: updated when it has one (it is the add-on's sheet, so its charts are the add-on's). */
function drawChart(sheet: SheetPort, layout: ChartLayout | null): void {
  const charts = sheet.getCharts();
  if (layout === null) {
    for (const chart of charts) sheet.removeChart(chart);
    return;
  }
  const [current, ...extra] = charts;
  for (const chart of extra) sheet.removeChart(chart);
  const chart = chartFrom(current ? current.modify().clearRanges() : sheet.newChart(), sheet, layout)
    .setPosition(layout.anchorRow, layout.anchorColumn, 0, 0)
    .build();
  if (current) sheet.updateChart(chart);
  else sheet.insertChart(chart);
}
