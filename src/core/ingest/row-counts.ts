import { SHEET_NAMES, type Problem, type RawWorkbook } from '../types';
import { isBlankRow } from './cells';

// The row counts the command line and the add-on both tell the user, counted one way.

/**
 * Data rows the user wrote, header rows excluded. Blank rows are skipped, as ingest skips them: a CSV ending in
 * ",,,,," lines, or a whole-column range (Visits!A:P), is not that many rows more.
 */
export function countDataRows(raw: RawWorkbook): number {
  let count = 0;
  for (const name of SHEET_NAMES) {
    const rows = raw[name] ?? [];
    for (let i = 1; i < rows.length; i++) if (!isBlankRow(rows[i])) count++;
  }
  return count;
}

/** Rows left out for their errors: a row with two bad cells is one row. */
export function countRowsLeftOut(problems: readonly Problem[]): number {
  return new Set(problems.filter((p) => p.severity === 'error').map((p) => `${p.sheet}\u0000${p.row}`)).size;
}
