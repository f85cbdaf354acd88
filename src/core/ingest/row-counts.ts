import { SHEET_NAMES, type Problem, type RawWorkbook } from '../types';
import { isBlankRow } from './cells';
import { readPositions, resolveHeader } from './columns';

// The row counts the command line and the add-on both tell the user, counted one way.

/**
 * Data rows the user wrote, header rows excluded. Blank rows are skipped, as ingest skips them: a CSV ending in
 * ",,,,," lines, a whole-column range (Visits!A:P), or rows blank in every column the sheet reads (a formula
 * filled down another column) are not that many rows more.
 */
export function countDataRows(raw: RawWorkbook): number {
  let count = 0;
  for (const name of SHEET_NAMES) {
    const rows = raw[name] ?? [];
    if (rows.length < 2) continue;
    const read = readPositions(resolveHeader(name, rows[0], []).index);
    // A header with no column the sheet reads: ingest reads none of its rows, but they are what the user wrote.
    const columns = read.length > 0 ? read : undefined;
    for (let i = 1; i < rows.length; i++) if (!isBlankRow(rows[i], columns)) count++;
  }
  return count;
}

/** Rows left out for their errors: a row with two bad cells is one row. */
export function countRowsLeftOut(problems: readonly Problem[]): number {
  return new Set(problems.filter((p) => p.severity === 'error').map((p) => `${p.sheet}\u0000${p.row}`)).size;
}
