// Reads the command line's input, an .xlsx workbook or a folder of CSV files, into the same RawWorkbook
// that the add-on builds from Range.getValues(), so ingest cannot tell them apart (a Deals amount whose number
// format shows a currency becomes text with that currency in both: amountWithFormatCurrency). Both readers stream,
// so a Visits sheet of a million rows is read without holding the file twice.
import { createReadStream, promises as fs } from 'fs';
import * as path from 'path';
import * as ExcelJS from 'exceljs';
import { amountWithFormatCurrency, resolveHeader } from '../core/ingest';
import type { MessageId } from '../core/messages';
import { SHEET_NAMES, type Cell, type RawWorkbook, type SheetName } from '../core/types';
import { CsvParser, detectDelimiter } from './csv';

/** A problem with the input path itself, before any sheet is looked at. */
export class InputError extends Error {
  constructor(
    readonly messageId: MessageId,
    readonly params: Record<string, string | number>,
    /** 2 when the path is not a usable argument at all, 1 when the file is there but cannot be read. */
    readonly exitCode: 1 | 2,
  ) {
    super(messageId);
  }
}

/** Sheet and file names match ignoring case, spaces, underscores and dashes ("Deal contacts", "dealcontacts.csv"). */
const nameKey = (name: string) => name.toLowerCase().replace(/[\s_-]+/g, '');
const SHEET_BY_KEY = new Map<string, SheetName>(SHEET_NAMES.map((s) => [nameKey(s), s]));

/** The input sheet a workbook tab or CSV file (without extension) stands for, if any. */
export function sheetNameOf(name: string): SheetName | null {
  return SHEET_BY_KEY.get(nameKey(name)) ?? null;
}

/** Reads an .xlsx file or a folder of CSV files. Sheets it does not know are ignored; missing ones are absent. */
export async function readInput(inputPath: string): Promise<RawWorkbook> {
  const stat = await fs.stat(inputPath).catch(() => null);
  if (stat?.isDirectory()) return readCsvFolder(inputPath);
  if (stat?.isFile() && path.extname(inputPath).toLowerCase() === '.xlsx') return readXlsx(inputPath);
  throw new InputError('cli.input_missing', { path: inputPath }, 2);
}

async function readCsvFolder(dir: string): Promise<RawWorkbook> {
  const workbook: RawWorkbook = {};
  const files = (await fs.readdir(dir)).sort();
  for (const file of files) {
    if (path.extname(file).toLowerCase() !== '.csv') continue;
    const sheet = sheetNameOf(path.basename(file, path.extname(file)));
    if (sheet && !workbook[sheet]) workbook[sheet] = await readCsvFile(path.join(dir, file));
  }
  return workbook;
}

/** Reads one CSV file (UTF-8, optional BOM; comma, semicolon or tab separated) as rows of strings. */
export async function readCsvFile(file: string): Promise<string[][]> {
  const rows: string[][] = [];
  let parser: CsvParser | null = null;
  try {
    for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
      const text = chunk as string;
      parser ??= new CsvParser((record) => rows.push(record), detectDelimiter(text.split(/\r|\n/, 1)[0]));
      parser.push(text);
    }
  } catch (e) {
    throw new InputError('cli.input_unreadable', { path: file, reason: (e as Error).message }, 1);
  }
  parser?.end();
  return rows;
}

async function readXlsx(file: string): Promise<RawWorkbook> {
  const workbook: RawWorkbook = {};
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    // Styles tell which numbers are dates; hyperlink targets are not needed (the cell keeps its text).
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  try {
    for await (const worksheet of reader) {
      // exceljs's typings leave out the reader's `name`, which it sets from workbook.xml.
      const sheet = sheetNameOf((worksheet as unknown as { name: string }).name);
      if (!sheet || workbook[sheet]) continue;
      const rows: Cell[][] = [];
      // The 0-based column of the Deals amounts, once the header (row 1) is read; -1 for other sheets.
      let amountColumn = -1;
      for await (const row of worksheet) {
        // Keep blank rows as empty arrays, so array index + 1 stays the row number the user sees.
        while (rows.length < row.number - 1) rows.push([]);
        const values = row.values as unknown[];
        const cells: Cell[] = [];
        for (let c = 1; c < values.length; c++) cells.push(xlsxCellValue(values[c]));
        if (sheet === 'Deals' && row.number === 1) amountColumn = dealAmountColumn(cells);
        else if (typeof cells[amountColumn] === 'number') {
          // A currency only the cell's number format shows ([$$-409]#,##0.00) must reach ingest too.
          cells[amountColumn] = amountWithFormatCurrency(cells[amountColumn], row.getCell(amountColumn + 1).numFmt);
        }
        rows.push(cells);
      }
      workbook[sheet] = rows;
    }
  } catch (e) {
    throw new InputError('cli.input_unreadable', { path: file, reason: (e as Error).message }, 1);
  }
  return workbook;
}

/** Where the header row has the Deals amount column (as ingest finds it); -1 when it has none. */
function dealAmountColumn(header: Cell[]): number {
  return resolveHeader('Deals', header, []).index.amount;
}

const MS_PER_DAY = 86_400_000;
/** Days from the Sheets epoch (1899-12-30) to the Unix epoch. */
const UNIX_EPOCH_SERIAL = 25_569;

/**
 * One exceljs cell value as a plain cell. An xlsx date is a zone-less serial that exceljs hands back as a
 * Date whose UTC fields are the wall clock; turning it back into a serial lets ingest read it in the
 * workbook's zone (--tz), exactly as it reads a Sheets serial.
 */
export function xlsxCellValue(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (value instanceof Date) {
    const ms = value.getTime();
    return Number.isNaN(ms) ? null : ms / MS_PER_DAY + UNIX_EPOCH_SERIAL;
  }
  if (typeof value === 'object') {
    const v = value as {
      richText?: { text: string }[]; text?: unknown; formula?: string; sharedFormula?: string;
      result?: unknown; error?: string;
    };
    if (Array.isArray(v.richText)) return v.richText.map((run) => run.text).join('');
    if (v.formula !== undefined || v.sharedFormula !== undefined) {
      // An error result reads as NaN in the streaming reader; show the formula so the problem names it.
      if (typeof v.result === 'number' && Number.isNaN(v.result)) return `=${v.formula ?? v.sharedFormula}`;
      return xlsxCellValue(v.result);
    }
    if (v.error !== undefined) return v.error;
    if (v.text !== undefined) return xlsxCellValue(v.text);
  }
  return String(value);
}
