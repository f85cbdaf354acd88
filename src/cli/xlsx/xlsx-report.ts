// `report --xlsx`: the ReportDocument as a workbook. An "About" sheet with the title and provenance, then one
// formatted sheet per table, laid out as the add-on's report sheets are (core/render/sheet-layout.ts); native
// charts to the right of the table (xlsx-charts.ts).
import * as ExcelJS from 'exceljs';
import { formatMessage, type Language } from '../../core/messages';
import { chartColumns } from '../../core/render/chart-columns';
import { isNumericType } from '../../core/render/formats';
import { dateFormats, type DateFormats, numberFormat } from '../../core/render/number-formats';
import {
  CHART_ROWS, chartAnchorColumn, columnChars, FIRST_DATA_ROW, HEADER_BACKGROUND, HEADER_ROW, PROVENANCE_COLOR, PROVENANCE_ROW,
  SUBTITLE_ROW, TITLE_ROW,
} from '../../core/render/sheet-layout';
import type { ChartSpec, ReportDocument, ReportTable, ReportValue } from '../../core/report/table';
import { parsePeriodKey, wallClockSerial } from '../../core/time';
import { uniqueName } from '../../core/unique-name';
import { cutText, fitCell } from '../../core/cut-text';
import { cutRows } from '../../core/render/cut-rows';
import { EXCEL_CELL_CHARS, EXCEL_LAST_ROW } from './excel-limits';
import { addCharts, xmlText, type WorksheetChart } from './xlsx-charts';

/** Excel's default columns are narrower than Sheets' (64 px to 100), so a chart of about the same size takes more. */
const CHART_COLUMNS = 9;
/** A text as a cell holds it: cut to what Excel takes, and escaped as the file format wants (xmlText). */
const cellText = (text: string) => xmlText(fitCell(text, EXCEL_CELL_CHARS));

const MAX_SHEET_NAME = 31;
/** Room beside a column's longest text, in characters (Excel's width unit). */
const PADDING_CHARS = 2;

// A font without a name renders in some viewers' fallback (LibreOffice picks a serif), so every font names
// the workbook's default.
const font = (style: Partial<ExcelJS.Font>): Partial<ExcelJS.Font> => ({ name: 'Calibri', family: 2, size: 11, ...style });
/** Printed landscape, as wide as one page: the table and its chart side by side. */
const PAGE_SETUP: Partial<ExcelJS.PageSetup> = { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };

/** A #rrggbb colour as exceljs takes it: opaque ARGB. */
const argb = (hex: string) => `FF${hex.slice(1).toUpperCase()}`;
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(HEADER_BACKGROUND) } };
const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF8EA0B8' } };

/** Writes `doc` to `file` as an .xlsx workbook with native charts. `lang` names the About sheet. */
/** The report as the bytes of an .xlsx file, so a caller can tell a failed write from a failed build. */
export async function xlsxReportBytes(doc: ReportDocument, lang: Language = 'en'): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  // The file says when the report was made, not when the bytes were written.
  workbook.created = workbook.modified = new Date(doc.provenance.generatedAt);

  const names = new SheetNames();
  addAboutSheet(workbook, names.take(formatMessage('report.xlsx.about_sheet', {}, lang)), doc);
  const provenance = doc.provenanceLines.join(' · ');
  const charts = doc.tables.flatMap((whole) => {
    // The short sheet name of the catalogue; the full title heads the sheet.
    const name = names.take(whole.sheetName ?? whole.title, whole.id);
    // A sheet ends at Excel's last row: the rows beyond it (and the totals' row) are left out, and the subtitle says so.
    const { table, note } = cutRows(whole, EXCEL_LAST_ROW - FIRST_DATA_ROW, lang, doc.locale);
    const shown = note === null ? table : { ...table, totals: null, subtitle: [table.subtitle, note].filter((line) => line !== null).join(' ') };
    const chart = addTableSheet(workbook, name, shown, provenance, doc.provenance.currency, doc.locale);
    return chart === null ? [] : [chart];
  });

  const plain = new Uint8Array(await workbook.xlsx.writeBuffer());
  return charts.length > 0 ? addCharts(plain, charts) : plain;
}

function addAboutSheet(workbook: ExcelJS.Workbook, name: string, doc: ReportDocument): void {
  const sheet = workbook.addWorksheet(name);
  styleTitle(sheet.getCell(TITLE_ROW, 1), doc.title);
  const lines = [...doc.provenanceLines, ...(doc.notice === null ? [] : [doc.notice])];
  lines.forEach((line, i) => {
    sheet.getCell(PROVENANCE_ROW + i, 1).value = cellText(line);
  });
}

/** Fills one table's sheet; returns its chart, or null when it has none (or no rows to draw). */
function addTableSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  table: ReportTable,
  provenance: string,
  currency: string | null,
  locale: string | undefined,
): WorksheetChart | null {
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: HEADER_ROW, topLeftCell: `A${FIRST_DATA_ROW}`, activeCell: `A${FIRST_DATA_ROW}` }],
    // Printed, each page of a long table starts with its header row.
    pageSetup: { ...PAGE_SETUP, printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}` },
  });
  styleTitle(sheet.getCell(TITLE_ROW, 1), table.title);
  if (table.subtitle !== null) {
    const subtitle = sheet.getCell(SUBTITLE_ROW, 1);
    subtitle.value = cellText(table.subtitle);
    subtitle.font = font({ italic: true });
  }
  const provenanceCell = sheet.getCell(PROVENANCE_ROW, 1);
  provenanceCell.value = cellText(provenance);
  provenanceCell.font = font({ size: 9, color: { argb: argb(PROVENANCE_COLOR) } });

  const formats = table.columns.map((c) => numberFormat(c.type, currency, locale));
  const dates = dateFormats(locale);
  table.columns.forEach((column, i) => {
    const cell = sheet.getCell(HEADER_ROW, i + 1);
    cell.value = cellText(column.header);
    cell.font = font({ bold: true });
    cell.fill = HEADER_FILL;
    cell.border = { bottom: THIN };
    cell.alignment = { horizontal: isNumericType(column.type) ? 'right' : 'left' };
  });
  const writeRow = (row: number, values: ReportValue[]) =>
    values.forEach((value, i) => {
      const cell = sheet.getCell(row, i + 1);
      const date = table.columns[i].type === 'date' && typeof value === 'string' ? dateCell(value, dates) : null;
      if (date !== null) {
        // A real date: sorts, filters and charts as one; a month is its first day shown as the month.
        cell.value = date.value;
        cell.numFmt = date.format;
        cell.alignment = { horizontal: 'left' };
        return;
      }
      const format = formats[i];
      if (format !== null && table.columns[i].type !== 'date') cell.numFmt = format;
      if (typeof value === 'string') cell.value = cellText(value);
      else if (value !== null && Number.isFinite(value)) cell.value = value;
    });
  table.rows.forEach((values, r) => writeRow(FIRST_DATA_ROW + r, values));
  if (table.totals !== null) {
    const totalsRow = FIRST_DATA_ROW + table.rows.length;
    writeRow(totalsRow, table.totals);
    table.columns.forEach((_, i) => {
      const cell = sheet.getCell(totalsRow, i + 1);
      cell.font = font({ bold: true });
      cell.border = { top: THIN };
    });
  }
  table.columns.forEach((_, i) => {
    sheet.getColumn(i + 1).width = columnChars(table, i, currency) + PADDING_CHARS;
  });

  return table.chart === null || table.rows.length === 0 ? null : chartOf(name, table, table.chart, formats, dates);
}

/** A YYYY-MM-DD or YYYY-MM text as a date cell with its format; null for any other text. */
function dateCell(text: string, formats: DateFormats): { value: Date; format: string } | null {
  const period = parsePeriodKey(text);
  if (period === null) return null;
  // Midnight UTC: exceljs turns a Date into the serial number of its UTC day, so the cell is that calendar day.
  return { value: new Date(period.utcMidnight), format: period.day === null ? formats.month : formats.day };
}

/** The Excel serial number of a date cell (its UTC fields are the day), as the chart's cache holds it. */
const excelSerial = (date: Date) => wallClockSerial(date.getTime());

function chartOf(sheetName: string, table: ReportTable, spec: ChartSpec, formats: (string | null)[], dates: DateFormats): WorksheetChart {
  const columnOf = (index: number) => {
    const values = table.rows.map((row) => row[index] ?? null);
    if (table.columns[index].type === 'date') {
      // Date cells: the cache holds their serial numbers, shown with the cells' format (a month, or a day).
      const cells = values.map((v) => (typeof v === 'string' ? dateCell(v, dates) : null));
      if (cells.every((c) => c !== null)) {
        return {
          column: index + 1,
          header: table.columns[index].header,
          values: cells.map((c) => excelSerial(c!.value)),
          formatCode: cells[0]?.format ?? dates.day,
        };
      }
    }
    return {
      column: index + 1,
      header: table.columns[index].header,
      values,
      formatCode: formats[index] ?? 'General',
    };
  };
  const { category, series } = chartColumns(table, spec);
  return {
    sheetName,
    kind: spec.kind,
    title: spec.title,
    headerRow: HEADER_ROW,
    firstRow: FIRST_DATA_ROW,
    lastRow: FIRST_DATA_ROW + table.rows.length - 1,
    category: columnOf(category),
    series: series.map(columnOf),
    anchor: { column: chartAnchorColumn(table.columns.length), row: HEADER_ROW, columns: CHART_COLUMNS, rows: CHART_ROWS },
  };
}

function styleTitle(cell: ExcelJS.Cell, text: string): void {
  cell.value = cellText(text);
  cell.font = font({ bold: true, size: 14 });
}

/**
 * Valid, unique sheet names. Excel allows at most 31 characters, none of []:*?/\, no apostrophe at either
 * end, not "History", and compares names ignoring case.
 */
class SheetNames {
  private readonly taken = new Set<string>();

  take(title: string, fallback = ''): string {
    const base = cleanSheetName(title) || cleanSheetName(fallback) || 'Sheet';
    const name = uniqueName(base, (lowercased) => this.taken.has(lowercased), MAX_SHEET_NAME);
    this.taken.add(name.toLowerCase());
    return name;
  }
}

function cleanSheetName(text: string): string {
  const name = cutText(
    cellText(text)
      .replace(/[[\]:*?/\\\u0000-\u001F]/g, ' ')
      .replace(/\s+/g, ' ')
      .replace(/^[\s']+|[\s']+$/g, ''),
    MAX_SHEET_NAME,
  ).replace(/[\s']+$/, '');
  return name.toLowerCase() === 'history' ? '' : name;
}
