// What one run inside Google Sheets can take on. An execution stops dead at 6 minutes, so the add-on decides
// up front, from sizes it can see without reading, and says so plainly instead of dying half-way; and a
// spreadsheet holds at most 10 million cells, all sheets counted, so a run that would need more is refused
// before it writes anything.

export const EXECUTION_LIMIT_MINUTES = 6;

/** Stop before this much of the execution limit is used: the rest is margin for service latency. */
export const RUN_BUDGET_MS = 5 * 60_000;

/**
 * The most input cells one run reads. Sheets caps a spreadsheet at 10 million cells and the report sheets
 * need room; and at an assumed 30 µs per cell to read and analyse in Apps Script (Node measures under 1 µs
 * per cell for ingest and engine; Apps Script's V8 is several times slower and getValues adds the transfer),
 * 7 million cells take about 3.5 of the 5 budgeted minutes.
 */
export const MAX_INPUT_CELLS = 7_000_000;
/** The assumed 30 µs per input cell to read and analyse, in milliseconds. */
const READ_MS_PER_CELL = 0.03;
/** What is left of the budget once MAX_INPUT_CELLS are read: the write's share. */
const WRITE_SHARE_MS = RUN_BUDGET_MS - MAX_INPUT_CELLS * READ_MS_PER_CELL;

/**
 * The most input cells a run can still read and analyse in time when `elapsedMs` of its budget are gone
 * before it reads (a scheduled run waiting minutes for another run's lock, say); the write keeps its share.
 */
export function inputCellsWithin(elapsedMs: number): number {
  return Math.max(0, Math.min(MAX_INPUT_CELLS, Math.floor((RUN_BUDGET_MS - WRITE_SHARE_MS - elapsedMs) / READ_MS_PER_CELL)));
}

/**
 * Sheets' limit: "This action would increase the number of cells in the workbook above the limit of
 * 10000000 cells". Every sheet counts with all its rows × columns, empty or not, hidden or not.
 */
export const SPREADSHEET_CELL_LIMIT = 10_000_000;
/** Sheets refuses a cell over 50,000 characters, and the whole write with it. */
export const SHEETS_CELL_CHARS = 50_000;

/** A sheet as insertSheet() makes it: 1,000 rows × 26 columns, until it is resized. */
export const NEW_SHEET_CELLS = 1000 * 26;

/** Assumed cost of writing one cell into a staging sheet: values, number formats and three styles. */
const STAGE_MS_PER_CELL = 0.04;
/** Assumed cost of copying one cell from sheet to sheet (copyTo: values and formats, done inside Sheets). */
const COPY_MS_PER_CELL = 0.01;
/** Assumed cost of one staging block's or backup's fixed calls (a range, a copy or five writes). */
const BLOCK_MS = 300;
/** Assumed cost of one report sheet's fixed calls when it is written or put back: resize, copy, stamp, widths, chart. */
const SHEET_MS = 2_000;
/** Assumed cost of deleting a sheet (a rollback deletes the report sheets it had created). */
const DELETE_MS = 300;

export interface Size {
  rows: number;
  columns: number;
}

const cells = ({ rows, columns }: Size) => rows * columns;

/** Milliseconds to write one table into a staging sheet. */
export const stageMs = (table: Size): number => BLOCK_MS + cells(table) * STAGE_MS_PER_CELL;

/** Milliseconds to copy one report sheet's cells (its content, `backup`) into a staging sheet. */
export const backupMs = (backup: Size): number => BLOCK_MS + cells(backup) * COPY_MS_PER_CELL;

/** Milliseconds to write one report sheet from its staged table. */
export const commitMs = (table: Size): number => SHEET_MS + cells(table) * COPY_MS_PER_CELL;

/** Milliseconds to put one report sheet back as it was: from its backup, or (a sheet the run created) deleted. */
export const rollbackMs = (backup: Size | null): number => (backup === null ? DELETE_MS : SHEET_MS + cells(backup) * COPY_MS_PER_CELL);

/**
 * Milliseconds the report sheets are expected to take to write: every table staged, every report sheet
 * about to be updated copied aside (`backups`, one per table of `tables` that has a report sheet already,
 * null for a table whose sheet is new), every report sheet written, and the time to put them all back, which
 * the write keeps in reserve until the last sheet is written (report-sheets.ts).
 */
export function writeEstimateMs(tables: readonly Size[], backups: ReadonlyArray<Size | null>): number {
  let ms = 0;
  tables.forEach((table, i) => {
    const backup = backups[i] ?? null;
    ms += stageMs(table) + (backup === null ? 0 : backupMs(backup)) + commitMs(table) + rollbackMs(backup);
  });
  return ms;
}
