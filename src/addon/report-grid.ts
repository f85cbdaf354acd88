import { isNumericType } from '../core/render/formats';
import { numberFormat } from '../core/render/number-formats';
import type { ChartKind, ReportTable, ReportValue } from '../core/report/table';
import type { WrittenCell } from './ports';

// One report table as the cells of its report sheet, computed before any service call so that the writer
// makes the same few calls whatever the table holds. The layout is the command line's .xlsx one: title,
// subtitle, provenance, the header row (frozen), the rows, the totals; the chart to the right of the table.

export const TITLE_ROW = 1;
export const SUBTITLE_ROW = 2;
export const PROVENANCE_ROW = 3;
export const HEADER_ROW = 4;
export const FIRST_DATA_ROW = HEADER_ROW + 1;

/** Room kept for a chart right of its table (default-sized columns and rows): one empty column, then the chart. */
export const CHART_COLUMNS = 7;
export const CHART_ROWS = 20;

/** Sheets' plain-text format: text cells stay text ("2024-03" is a period, not a date; "1/2" is not a fraction). */
export const TEXT_FORMAT = '@';
export const HEADER_BACKGROUND = '#dde4ee';
export const PROVENANCE_COLOR = '#595959';

const MIN_WIDTH_PX = 64;
const MAX_WIDTH_PX = 360;
/** Pixels per character at Sheets' default 10 pt Arial, plus padding: enough to size a column, not to lay out text. */
const PX_PER_CHAR = 7;
const PADDING_PX = 16;

export interface ChartLayout {
  kind: ChartKind;
  title: string;
  /** 1-based columns: the category column, then one per series. */
  columns: number[];
  /** Rows the chart reads: the header row (series names) through the last data row, totals excluded. */
  firstRow: number;
  lastRow: number;
  /** Top-left cell of the chart. */
  anchorRow: number;
  anchorColumn: number;
}

export interface TableGrid {
  tableId: string;
  /** The table's title: the name of its report sheet. */
  title: string;
  /** The written block: HEADER_ROW + rows (+ totals) high, one column per table column. */
  height: number;
  width: number;
  values: WrittenCell[][];
  numberFormats: string[][];
  fontWeights: Array<Array<'bold' | 'normal'>>;
  backgrounds: Array<Array<string | null>>;
  fontColors: Array<Array<string | null>>;
  /** Pixels per column. */
  columnWidths: number[];
  chart: ChartLayout | null;
  /** The report sheet's size: the block, room for the chart, and a row below the frozen header. */
  sheetRows: number;
  sheetColumns: number;
}

const cellOf = (value: ReportValue): WrittenCell =>
  value === null || (typeof value === 'number' && !Number.isFinite(value)) ? '' : value;

/** `locale` (the document's) places the currency symbol as the reader's locale does: €1,234.50, 1.234,50 €. */
export function tableGrid(table: ReportTable, provenance: string, currency: string | null, locale?: string): TableGrid {
  const width = table.columns.length;
  const rows: ReportValue[][] = [...table.rows, ...(table.totals === null ? [] : [table.totals])];
  const height = HEADER_ROW + rows.length;
  const fill = <T>(value: T): T[] => Array.from({ length: width }, () => value);
  const titleLine = (text: string | null): WrittenCell[] => [text ?? '', ...fill<WrittenCell>('').slice(1)];

  const values: WrittenCell[][] = [
    titleLine(table.title),
    titleLine(table.subtitle),
    titleLine(provenance),
    table.columns.map((c) => c.header),
    ...rows.map((row) => table.columns.map((_, i) => cellOf(row[i] ?? null))),
  ];
  // Periods and days stay text here ("2024-03" must not become a date Sheets reads in its own way).
  const columnFormats = table.columns.map((c) => (c.type === 'date' ? TEXT_FORMAT : numberFormat(c.type, currency, locale) ?? TEXT_FORMAT));
  const numberFormats = values.map((_, r) => (r < HEADER_ROW ? fill(TEXT_FORMAT) : columnFormats));
  const totalsRow = table.totals === null ? -1 : height;
  const fontWeights = values.map((_, r) => fill<'bold' | 'normal'>(r + 1 === TITLE_ROW || r + 1 === HEADER_ROW || r + 1 === totalsRow ? 'bold' : 'normal'));
  const backgrounds = values.map((_, r) => fill(r + 1 === HEADER_ROW ? HEADER_BACKGROUND : null));
  const fontColors = values.map((_, r) => fill(r + 1 === PROVENANCE_ROW ? PROVENANCE_COLOR : null));

  // Sized by the header and the rows: the title lines overflow into the empty cells to their right.
  const columnWidths = table.columns.map((column, i) => {
    const longest = values.slice(HEADER_ROW - 1).reduce((n, row) => Math.max(n, displayLength(row[i], column.type, currency)), 0);
    return Math.min(MAX_WIDTH_PX, Math.max(MIN_WIDTH_PX, longest * PX_PER_CHAR + PADDING_PX));
  });

  const chart = table.chart === null || table.rows.length === 0 ? null : chartLayout(table, width);
  return {
    tableId: table.id, title: table.title, height, width, values, numberFormats, fontWeights, backgrounds, fontColors, columnWidths, chart,
    sheetRows: Math.max(height, HEADER_ROW + 1, chart === null ? 0 : HEADER_ROW - 1 + CHART_ROWS),
    sheetColumns: width + (chart === null ? 0 : 1 + CHART_COLUMNS),
  };
}

function chartLayout(table: ReportTable, width: number): ChartLayout {
  const spec = table.chart!;
  const columnOf = (key: string) => {
    const index = table.columns.findIndex((c) => c.key === key);
    if (index < 0) throw new Error(`table "${table.id}": the chart refers to the unknown column "${key}"`);
    return index + 1;
  };
  // A pie shows one series: the first.
  const series = spec.kind === 'pie' ? spec.seriesColumns.slice(0, 1) : spec.seriesColumns;
  return {
    kind: spec.kind,
    title: spec.title,
    columns: [columnOf(spec.categoryColumn), ...series.map(columnOf)],
    firstRow: HEADER_ROW,
    lastRow: HEADER_ROW + table.rows.length,
    anchorRow: HEADER_ROW,
    anchorColumn: width + 2,
  };
}

/** Roughly the characters Sheets shows for the cell: grouped digits, 2 decimals, a currency mark. */
function displayLength(value: WrittenCell | undefined, type: ReportTable['columns'][number]['type'], currency: string | null): number {
  if (value === undefined || value === '') return 0;
  if (typeof value === 'string') return value.length;
  if (!isNumericType(type)) return String(value).length;
  const whole = Math.trunc(Math.abs(type === 'percent' ? value * 100 : value)).toString().length;
  const grouped = whole + Math.floor((whole - 1) / 3) + (value < 0 ? 1 : 0);
  const decimals = type === 'integer' ? 0 : type === 'percent' ? 2 : 3;
  return grouped + decimals + (type === 'money' && currency !== null ? 4 : 0) + (type === 'percent' ? 1 : 0);
}
