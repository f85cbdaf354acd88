import {
  amountColumns, COLUMN_KINDS, COLUMN_SPECS, normalizeHeader, resolveHeader, withUserHeaders, type ColumnKind, type ColumnSpec,
} from '../core/ingest/columns';
import { parseTimeOfDayText } from '../core/ingest/dates';
import { amountWithFormatCurrency } from '../core/ingest/numbers';
import { SHEET_NAMES, type Cell, type Problem, type RawWorkbook, type SheetName } from '../core/types';
import { AddonError } from './addon-error';
import { EXECUTION_LIMIT_MINUTES, inputCellsWithin, MAX_INPUT_CELLS } from './capacity';
import type { RangePort, SheetPort, SpreadsheetPort } from './ports';
import type { DataSheetNames } from './settings';

/** The most data cells a read takes, and the error that refuses more. */
export interface CellLimit {
  cells: number;
  tooBig(cells: number): AddonError;
}

/** What one run inside Google Sheets reads and analyses in time (capacity.ts). */
const ONE_RUN: CellLimit = {
  cells: MAX_INPUT_CELLS,
  tooBig: (cells) => new AddonError('addon.report.too_big', { cells, limit: MAX_INPUT_CELLS, minutes: EXECUTION_LIMIT_MINUTES }, ['cells', 'limit']),
};

/** A wait for another run's lock that costs a run part of what it can read; shorter ones are within the margin. */
const LONG_WAIT_MS = 10_000;

/**
 * What a run can still read when `elapsedMs` of its budget are gone, `waitedMs` of them waiting for another
 * run's lock: after a long wait, data it could have read from the start is refused for the time lost, not
 * for its size.
 */
export function cellLimitAfter(elapsedMs: number, waitedMs: number): CellLimit {
  if (waitedMs < LONG_WAIT_MS) return ONE_RUN;
  return {
    cells: inputCellsWithin(elapsedMs),
    tooBig: (found) => (found > MAX_INPUT_CELLS ? ONE_RUN.tooBig(found)
      : new AddonError('addon.report.waited_too_long', { seconds: Math.round(waitedMs / 1000), cells: found, minutes: EXECUTION_LIMIT_MINUTES }, ['cells'])),
  };
}

/**
 * Reads the data sheets, each found by its tab name (settings.ts), with one getValues() call. All of them
 * are measured first (rows × columns of the data range, which reads nothing), so a workbook over `limit`
 * stops with its AddonError before any time is spent. Tabs that do not exist are left out: ingest
 * reports the required ones as missing. Columns the user mapped to headers of their own are read as if
 * those headers were the columns' names. The amounts' number formats are read too (withAmountCurrencies).
 * `sheets`: read only these (say, Campaigns and Assets for a picker). `headers`, when given, receives each tab's
 * header row as the tab has it (before the mapping), so that nothing else reads those tabs again for it.
 */
export function readDataSheets(
  spreadsheet: SpreadsheetPort, names: DataSheetNames, sheets: readonly SheetName[] = SHEET_NAMES, headers?: Map<string, Cell[]>,
  limit = ONE_RUN,
): RawWorkbook {
  const found: Array<[SheetName, RangePort, SheetPort]> = [];
  for (const sheet of sheets) {
    const tab = spreadsheet.getSheetByName(names[sheet]);
    if (tab) found.push([sheet, tab.getDataRange(), tab]);
  }
  const cells = found.reduce((total, [, range]) => total + range.getNumRows() * range.getNumColumns(), 0);
  if (cells > limit.cells) throw limit.tooBig(cells);
  const raw: RawWorkbook = {};
  for (const [sheet, range, tab] of found) {
    const values = range.getValues();
    headers?.set(tab.getName(), values[0] ?? []);
    const rows = withMappedHeader(sheet, values, names.columns?.[sheet]);
    raw[sheet] = withCellsAsShown(sheet, withAmountCurrencies(sheet, rows, tab), tab);
  }
  return raw;
}

/**
 * The rows with each amount (a deal's, a spend's, a budget) whose number format shows a currency
 * (`[$$]#,##0.00`) as the text of that amount with its currency, as the command line reads an xlsx
 * (amountWithFormatCurrency): getValues() drops the format, and an amount in another currency must not be
 * summed. One getNumberFormats() call per amount column holding numbers, for that column only; rows are
 * copied only where an amount changes.
 */
export function withAmountCurrencies(sheet: SheetName, rows: Cell[][], tab: SheetPort): Cell[][] {
  if (rows.length < 2) return rows;
  const index: Record<string, number> = resolveHeader(sheet, rows[0], []).index;
  let result = rows;
  for (const column of amountColumns(sheet).map((name) => index[name] ?? -1)) {
    if (column < 0 || !rows.some((row, i) => i > 0 && typeof row[column] === 'number')) continue;
    const formats = tab.getRange(2, column + 1, rows.length - 1, 1).getNumberFormats();
    result = result.map((row, i) => {
      if (i === 0 || typeof row[column] !== 'number') return row;
      const amount = amountWithFormatCurrency(row[column], formats[i - 1]?.[0]);
      if (amount === row[column]) return row;
      const copy = [...row];
      copy[column] = amount;
      return copy;
    });
  }
  return result;
}

/**
 * The rows with each Date outside a date column as the text Sheets shows. A time-of-day cell (a "Time" column
 * beside the date) reaches a script as a Date on 30 December 1899, an instant Sheets works out with the zone's
 * offset of that year (local mean time: Amsterdam +00:19:32), which the script's own zone data need not share:
 * read back, 10:00 can come out as 09:40:28. A name, id or amount Sheets took for a date ("March 2024", "12-03")
 * would otherwise be an instant in UTC, often of the day before. One getDisplayValues() call per such column
 * holding Dates, for that column only.
 */
export function withCellsAsShown(sheet: SheetName, rows: Cell[][], tab: SheetPort): Cell[][] {
  if (rows.length < 2) return rows;
  const index: Record<string, number> = resolveHeader(sheet, rows[0], []).index;
  const kinds = COLUMN_KINDS[sheet] as Record<string, ColumnKind | undefined>;
  const shownColumns = Object.entries(index).filter(([name, at]) => at >= 0 && kinds[name] !== 'date' && kinds[name] !== 'datetime');
  for (const [name, column] of shownColumns) {
    if (!rows.some((row, i) => i > 0 && row[column] instanceof Date)) continue;
    const shown = tab.getRange(2, column + 1, rows.length - 1, 1).getDisplayValues();
    // A time text this reading cannot tell the time from (a format such as "14h30") leaves the Date, read as it is.
    const readable = kinds[name] === 'time' ? (text: string) => parseTimeOfDayText(text) !== null : (text: string) => text !== '';
    // In place: the rows are getValues()'s own, and a copy of a million rows would double the sheet in memory.
    for (let i = 1; i < rows.length; i++) {
      const text = shown[i - 1]?.[0] ?? '';
      if (rows[i][column] instanceof Date && readable(text)) rows[i][column] = text;
    }
  }
  return rows;
}

/** The rows with their header read through the user's column mapping (mappedHeader); the rows themselves are not copied. */
export function withMappedHeader(sheet: SheetName, rows: Cell[][], mapping: Record<string, string | null> | undefined): Cell[][] {
  return mapping === undefined || rows.length === 0 ? rows : [mappedHeader(sheet, rows[0], mapping), ...rows.slice(1)];
}

/**
 * A header row with the mapped headers renamed to their columns' names. The user's choice wins: any other
 * header that would match the same column (its name or an alias) is blanked, and so is every such header of a
 * column mapped to null ("not in this sheet"), unless the user chose it for another column. The sheet itself
 * is untouched.
 */
export function mappedHeader(sheet: SheetName, row: readonly Cell[], mapping: Record<string, string | null>): Cell[] {
  const header = [...row];
  const key = (cell: Cell) => normalizeHeader(String(cell ?? ''));
  const namesOf = (column: string) => {
    const spec = (COLUMN_SPECS[sheet] as readonly ColumnSpec[]).find((s) => s.name === column);
    return new Set([column, ...(spec?.aliases ?? [])].map(normalizeHeader));
  };
  const chosenAt = new Set<number>();
  for (const [column, chosen] of Object.entries(mapping)) {
    if (chosen === null) continue;
    const at = header.findIndex((cell) => key(cell) === normalizeHeader(chosen));
    if (at < 0) continue;
    const matches = namesOf(column);
    header.forEach((cell, i) => {
      if (i !== at && matches.has(key(cell))) header[i] = '';
    });
    header[at] = column;
    chosenAt.add(at);
  }
  for (const [column, chosen] of Object.entries(mapping)) {
    if (chosen !== null) continue;
    const matches = namesOf(column);
    header.forEach((cell, i) => {
      if (!chosenAt.has(i) && matches.has(key(cell))) header[i] = '';
    });
  }
  return header;
}

/**
 * Ingest names a problem's data sheet ("Deals") and column ("closed_at"); the user knows them by their tab
 * ("HubSpot deals") and header (withUserHeaders: the one they mapped, else the one the column was found under in
 * `raw`, the sheets as read with mapped headers already renamed).
 */
export function onTabs(problems: readonly Problem[], names: DataSheetNames, raw: RawWorkbook): Problem[] {
  const tabOf = (sheet: string) => names[sheet as SheetName] ?? sheet;
  const mapped = (sheet: SheetName, column: string) => {
    const header = names.columns?.[sheet]?.[column];
    return typeof header === 'string' ? header : undefined;
  };
  return withUserHeaders(problems, raw, mapped).map((p) => ({
    ...p,
    sheet: tabOf(p.sheet),
    params: typeof p.params.sheet === 'string' ? { ...p.params, sheet: tabOf(p.params.sheet) } : p.params,
  }));
}
