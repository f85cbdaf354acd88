import { fitCell } from '../core/cut-text';
import { chartColumns } from '../core/render/chart-columns';
import { numberFormat } from '../core/render/number-formats';
import {
  CHART_ROWS, chartAnchorColumn, columnChars, HEADER_BACKGROUND, HEADER_ROW, PROVENANCE_COLOR, PROVENANCE_ROW, TITLE_ROW,
} from '../core/render/sheet-layout';
import type { ChartKind, ReportTable, ReportValue } from '../core/report/table';
import type { WrittenCell } from './ports';
import { SHEETS_CELL_CHARS } from './capacity';

// One report table as the cells of its report sheet, computed before any service call so that the writer
// makes the same few calls whatever the table holds. The layout is core's (sheet-layout.ts), the command
// line's .xlsx one too.

/** Columns kept for a chart right of its table (Sheets' default width, 100 px): one empty column, then the chart. */
export const CHART_COLUMNS = 7;

/** Sheets' plain-text format: text cells stay text ("2024-03" is a period, not a date; "1/2" is not a fraction). */
export const TEXT_FORMAT = '@';

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

/**
 * A table value as a cell. Text joined from the data (a source with its medium, each up to a cell long) is cut
 * to what a cell holds, with an ellipsis: one cell too long would stop every report.
 */
const cellOf = (value: ReportValue): WrittenCell => {
  if (value === null || (typeof value === 'number' && !Number.isFinite(value))) return '';
  return typeof value === 'string' ? fitCell(value, SHEETS_CELL_CHARS) : value;
};

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
  const columnWidths = table.columns.map((_, i) => columnChars(table, i, currency) * PX_PER_CHAR + PADDING_PX);

  const chart = table.chart === null || table.rows.length === 0 ? null : chartLayout(table, width);
  return {
    tableId: table.id, title: table.title, height, width, values, numberFormats, fontWeights, backgrounds, fontColors, columnWidths, chart,
    sheetRows: Math.max(height, HEADER_ROW + 1, chart === null ? 0 : chart.anchorRow + CHART_ROWS - 1),
    sheetColumns: chart === null ? width : chart.anchorColumn + CHART_COLUMNS - 1,
  };
}

function chartLayout(table: ReportTable, width: number): ChartLayout {
  const spec = table.chart!;
  const { category, series } = chartColumns(table, spec);
  return {
    kind: spec.kind,
    title: spec.title,
    columns: [category, ...series].map((index) => index + 1),
    firstRow: HEADER_ROW,
    lastRow: HEADER_ROW + table.rows.length,
    anchorRow: HEADER_ROW,
    anchorColumn: chartAnchorColumn(width),
  };
}
