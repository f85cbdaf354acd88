import type { ColumnType, ReportTable, ReportValue } from '../report/table';
import { isNumericType, TABLE_DECIMALS } from './formats';

// A report table's sheet, laid out alike in the add-on's report sheets (src/addon/report-grid.ts) and the
// command line's .xlsx (src/cli/xlsx/xlsx-report.ts): title, subtitle, provenance, the header row (frozen),
// the rows, the totals; the chart right of the table.

export const TITLE_ROW = 1;
export const SUBTITLE_ROW = 2;
export const PROVENANCE_ROW = 3;
export const HEADER_ROW = 4;
export const FIRST_DATA_ROW = HEADER_ROW + 1;

/** The chart's height in default-sized rows; its top-left cell is level with the header row (chartAnchorColumn). */
export const CHART_ROWS = 20;

/** The chart's first column: one empty column right of a table `tableWidth` columns wide. */
export const chartAnchorColumn = (tableWidth: number): number => tableWidth + 2;

/** The header row's fill and the provenance line's grey, as #rrggbb. */
export const HEADER_BACKGROUND = '#dde4ee';
export const PROVENANCE_COLOR = '#595959';

/** Bounds of a column's width, in characters: narrow columns stay readable, one long text does not take the screen. */
const MIN_COLUMN_CHARS = 8;
const MAX_COLUMN_CHARS = 50;

/**
 * The characters column `index` needs: its header or its longest cell (rows and totals), within bounds. The
 * title lines are left out: they overflow into the empty cells to their right.
 */
export function columnChars(table: ReportTable, index: number, currency: string | null): number {
  const { header, type } = table.columns[index];
  const rows = table.totals === null ? table.rows : [...table.rows, table.totals];
  const longest = rows.reduce((n, row) => Math.max(n, shownLength(row[index] ?? null, type, currency)), header.length);
  return Math.min(MAX_COLUMN_CHARS, Math.max(MIN_COLUMN_CHARS, longest));
}

/**
 * Roughly the characters a cell shows in its column's format (number-formats.ts): grouped digits (percentages
 * are not grouped), the type's decimals, a % sign, room for a currency mark up to ` CHF`. Text as written; a
 * date cell shows about as many characters as its key (2024-03-05 as 03/05/2024, 2024-03 as Mar 2024).
 */
function shownLength(value: ReportValue, type: ColumnType, currency: string | null): number {
  if (value === null || (typeof value === 'number' && !Number.isFinite(value))) return 0;
  if (typeof value === 'string' || !isNumericType(type)) return String(value).length;
  const whole = Math.trunc(Math.abs(type === 'percent' ? value * 100 : value)).toString().length;
  const separators = type === 'percent' ? 0 : Math.floor((whole - 1) / 3);
  const decimals = TABLE_DECIMALS[type];
  return (value < 0 ? 1 : 0) + whole + separators + (decimals > 0 ? 1 + decimals : 0)
    + (type === 'percent' ? 1 : 0) + (type === 'money' && currency !== null ? 4 : 0);
}
