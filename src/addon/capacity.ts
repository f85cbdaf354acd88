// What one run inside Google Sheets can take on. An execution stops dead at 6 minutes, so the add-on decides
// up front, from sizes it can see without reading, and says so plainly instead of dying half-way.

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

/** Assumed cost of writing one report cell (staging write, formats, copy into the report sheet). */
const WRITE_MS_PER_CELL = 0.05;
/** Assumed cost of one report sheet's fixed calls (its backup copy, resize, copy, widths, chart). */
const WRITE_MS_PER_TABLE = 2_000;

/** Milliseconds the report sheets are expected to take to write. */
export function writeEstimateMs(tables: ReadonlyArray<{ rows: number; columns: number }>): number {
  return tables.reduce((ms, t) => ms + WRITE_MS_PER_TABLE + t.rows * t.columns * WRITE_MS_PER_CELL, 0);
}
