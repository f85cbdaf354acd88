// Reads the command line's input, an .xlsx workbook or a folder of CSV files, into the same RawWorkbook
// that the add-on builds from Range.getValues(), so ingest cannot tell them apart (an amount whose number
// format shows a currency becomes text with that currency in both: amountWithFormatCurrency). Both readers stream,
// so a Visits sheet of a million rows is read without holding the file twice.
import { createReadStream, promises as fs } from 'fs';
import * as path from 'path';
import { PassThrough, Readable } from 'stream';
import * as ExcelJS from 'exceljs';
import * as unzipper from 'unzipper';
import { amountColumns, amountWithFormatCurrency, columnsOfKind, resolveHeader } from '../core/ingest';
import { columnLetters, readPositions } from '../core/ingest/columns';
import { MAX_SERIAL } from '../core/ingest/dates';
import { serialToEpoch, wallClockSerial } from '../core/time';
import type { MessageId } from '../core/messages';
import { SHEET_NAMES, type Cell, type Problem, type RawWorkbook, type SheetName } from '../core/types';
import { CsvParser, CsvQuoteError, CsvUnclosedQuote, detectDelimiter, type CsvDelimiter } from './csv';
import { EXCEL_LAST_ROW } from './xlsx/excel-limits';


/** A problem with the input that stops it being read at all: its path, or a place in a sheet no reader gets past. */
export class InputError extends Error {
  constructor(
    readonly messageId: MessageId,
    readonly params: Record<string, string | number>,
    /** 2 when the path is not a usable argument at all, 1 when the file is there but cannot be read. */
    readonly exitCode: 1 | 2,
    /** The file system's error behind it: the message's {reason}, said in the user's language (fileErrorReason). */
    readonly fileError?: unknown,
    /** Where in a sheet the file cannot be read past (cli.md prints such errors as `sheet:row:column: message`). */
    readonly location?: Pick<Problem, 'sheet' | 'row' | 'column'>,
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

/** What a CSV folder reads as sheets: CSV files, and the .txt files Excel saves as "Unicode Text" (tab separated, UTF-16). */
const CSV_EXTENSIONS = ['.csv', '.txt'];

/**
 * The sheet a file of a CSV folder stands for: "deals.csv", or a tab downloaded from Google Sheets, which names
 * the file "<spreadsheet> - <tab>.csv" ("Kestrel campaigns - Deals.csv").
 */
export function sheetOfFile(file: string): SheetName | null {
  const extension = path.extname(file);
  if (!CSV_EXTENSIONS.includes(extension.toLowerCase())) return null;
  const name = path.basename(file, extension);
  const download = name.lastIndexOf(' - ');
  return sheetNameOf(name) ?? (download < 0 ? null : sheetNameOf(name.slice(download + 3)));
}

/**
 * Reads an .xlsx file or a folder of CSV files. Sheets it does not know are ignored; missing ones are absent.
 * Warnings about how a file was read (a CSV file read as Windows-1252) are appended to `problems`.
 */
export async function readInput(inputPath: string, problems: Problem[] = []): Promise<RawWorkbook> {
  const stat = await fs.stat(inputPath).catch(() => null);
  if (stat === null) throw new InputError('cli.input_not_found', { path: inputPath }, 2);
  if (stat.isDirectory()) return readCsvFolder(inputPath, problems);
  if (stat.isFile() && path.extname(inputPath).toLowerCase() === '.xlsx') return readXlsx(inputPath);
  throw new InputError('cli.input_missing', { path: inputPath }, 2);
}

const realPath = (p: string) => fs.realpath(p).catch(() => null);

/** The file an output path writes: its real path, or, when it does not exist yet, placed by its folder's real path. */
export async function outputPlace(output: string): Promise<string> {
  const folder = path.dirname(output);
  return (await realPath(output)) ?? path.join((await realPath(folder)) ?? path.resolve(folder), path.basename(output));
}

/**
 * Why writing `output` would destroy input, or null: it is the input (the same file by its real path, links
 * resolved), or a CSV file the input folder reads as a sheet (overwritten now, or read as input next time).
 * Other files in the folder are not input.
 * Null too when the input is missing: readInput reports that.
 */
export async function outputOverInput(input: string, output: string): Promise<{ messageId: MessageId; params: Record<string, string> } | null> {
  const inputReal = await realPath(input);
  if (inputReal === null) return null;
  const placed = await outputPlace(output);
  const params = { path: output, input };
  if (placed === inputReal) return { messageId: 'cli.output_is_input', params };
  const sheet = sheetOfFile(placed);
  return sheet !== null && path.dirname(placed) === inputReal ? { messageId: 'cli.output_in_input', params: { ...params, sheet } } : null;
}

async function readCsvFolder(dir: string, problems: Problem[]): Promise<RawWorkbook> {
  const workbook: RawWorkbook = {};
  const fileOf = new Map<SheetName, string>();
  const files = (await fs.readdir(dir)).sort();
  for (const file of files) {
    const sheet = sheetOfFile(file);
    if (!sheet) continue;
    const first = fileOf.get(sheet);
    // Visits.csv beside visits.csv: which one the user keeps up to date cannot be told, so neither is guessed.
    if (first !== undefined) {
      throw new InputError('cli.input_file_twice', { path: dir, first, second: file, sheet }, 1, undefined, { sheet, row: null, column: null });
    }
    fileOf.set(sheet, file);
    workbook[sheet] = (await readCsvFile(path.join(dir, file), sheet, () => {
      problems.push({ severity: 'warning', sheet, row: null, column: null, messageId: 'cli.csv_windows_1252', params: { file }, fatal: false });
    })).records;
  }
  return workbook;
}

/**
 * `problems` with ingest's "the sheet is missing" saying, for a CSV folder, which file the sheet is read from and
 * which of the folder's files were read as no sheet (a download named otherwise, say).
 */
export async function withFolderFileNames(problems: Problem[], inputPath: string): Promise<Problem[]> {
  if (!problems.some((p) => p.messageId === 'ingest.sheet_missing') || !(await fs.stat(inputPath).catch(() => null))?.isDirectory()) return problems;
  const others = (await fs.readdir(inputPath)).sort()
    .filter((file) => CSV_EXTENSIONS.includes(path.extname(file).toLowerCase()) && sheetOfFile(file) === null).join(', ');
  return problems.map((p) => (p.messageId !== 'ingest.sheet_missing' ? p : {
    ...p,
    messageId: others === '' ? 'cli.csv_folder_sheet_missing' : 'cli.csv_folder_sheet_missing_others',
    params: { ...p.params, file: `${p.sheet.toLowerCase()}.csv`, others },
  }));
}

/** Byte order marks: UTF-16 is what Excel saves as "Unicode Text" (tab separated). */
const BYTE_ORDER_MARKS = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: 'utf-8' },
  { bytes: [0xff, 0xfe], encoding: 'utf-16le' },
  { bytes: [0xfe, 0xff], encoding: 'utf-16be' },
] as const;

async function byteOrderMark(file: string): Promise<(typeof BYTE_ORDER_MARKS)[number] | null> {
  const handle = await fs.open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(3), 0, 3, 0);
    return BYTE_ORDER_MARKS.find(({ bytes }) => bytes.length <= bytesRead && bytes.every((b, i) => buffer[i] === b)) ?? null;
  } finally {
    await handle.close();
  }
}

/**
 * Reads one CSV file (comma, semicolon or tab separated) as rows of strings. It should be UTF-8 (a BOM is
 * allowed), or UTF-16 with its BOM; a file that is neither is most likely one Excel on Windows saved as "CSV",
 * in Windows-1252, so it is read again in that encoding (without a UTF-8 BOM it may still carry) and
 * `onWindows1252` is called, for a warning.
 */
export async function readCsvFile(file: string, sheet: string, onWindows1252: () => void): Promise<CsvFile> {
  try {
    const bom = await byteOrderMark(file);
    try {
      return await parseCsvFile(file, new TextDecoder(bom?.encoding ?? 'utf-8', { fatal: true }), bom?.bytes.length ?? 0);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ERR_ENCODING_INVALID_ENCODED_DATA' || (bom !== null && bom.encoding !== 'utf-8')) throw e;
    }
    onWindows1252();
    return await parseCsvFile(file, new TextDecoder('windows-1252'), bom?.bytes.length ?? 0);
  } catch (e) {
    if (e instanceof CsvQuoteError) {
      const messageId = e instanceof CsvUnclosedQuote ? 'cli.csv_quote_unclosed' : 'cli.csv_quote_stray';
      throw new InputError(messageId, { path: file, row: e.row }, 1, undefined, { sheet, row: e.row, column: e.column });
    }
    throw new InputError('cli.input_unreadable', { path: file }, 1, e);
  }
}

/**
 * Streams a file, from byte `start` (past its BOM), through `decoder` into the CSV parser; a fatal decoder
 * throws on the first invalid byte.
 */
async function parseCsvFile(file: string, decoder: TextDecoder, start: number): Promise<CsvFile> {
  const read: CsvFile = { records: [], delimiter: ',' };
  let parser: CsvParser | null = null;
  const push = (text: string) => {
    if (text === '') return;
    if (parser === null) {
      read.delimiter = detectDelimiter(text.split(/\r|\n/, 1)[0]);
      parser = new CsvParser((record) => read.records.push(record), read.delimiter);
    }
    parser.push(text);
  };
  for await (const chunk of createReadStream(file, { start, highWaterMark: 1 << 20 })) push(decoder.decode(chunk as Buffer, { stream: true }));
  push(decoder.decode());
  (parser as CsvParser | null)?.end();
  return read;
}

/** A CSV file's records, and the delimiter its header line showed. */
export interface CsvFile {
  records: string[][];
  delimiter: CsvDelimiter;
}

/** Days from 1899-12-30, the epoch of Sheets' (and Excel's usual) serials, to 1904-01-01, that of Excel's 1904 date system. */
const DAYS_1900_TO_1904 = 1462;

/**
 * The columns that hold dates (core/ingest/columns.ts, COLUMN_KINDS). In a workbook on the 1904 date system,
 * a number there (a formula's result, or a number without a date format) is a 1904 serial.
 */
const dateColumns = (sheet: SheetName): string[] => columnsOfKind(sheet, (kind) => kind === 'date' || kind === 'datetime');

async function readXlsx(file: string): Promise<RawWorkbook> {
  const workbook: RawWorkbook = {};
  const tabOf = new Map<SheetName, string>();
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    // Styles tell which numbers are dates; hyperlink targets are not needed (the cell keeps its text).
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  try {
    if (!(await isZipArchive(file))) throw new InputError('cli.xlsx_invalid', { path: file }, 1);
    readPartsByDirectory(reader, file);
    for await (const worksheet of reader) {
      // exceljs's typings leave out the reader's `name` (set from workbook.xml) and `iterator` (the sheet's XML).
      const internals = worksheet as unknown as { name: string; iterator: AsyncIterable<Buffer | string> };
      const tab = internals.name;
      const sheet = sheetNameOf(tab);
      if (!sheet) continue;
      const first = tabOf.get(sheet);
      // A hidden "Visits" beside "visits ": which one the user means cannot be told, so neither is guessed.
      if (first !== undefined) {
        throw new InputError('cli.input_tab_twice', { path: file, first, second: tab, sheet }, 1, undefined, { sheet, row: null, column: null });
      }
      tabOf.set(sheet, tab);
      internals.iterator = wholeSheet(internals.iterator, () => new InputError('cli.xlsx_sheet_cut_short', { path: file, tab }, 1));
      // workbook.xml, where the date system is set, is read before any sheet is handed over (readPartsByDirectory).
      const date1904 = (reader as unknown as { properties?: { model?: { date1904?: boolean } } }).properties?.model?.date1904 === true;
      const rows: Cell[][] = [];
      // 0-based columns, once the header (row 1) is read: the amounts, and the date columns whose numbers are
      // 1904 serials (none unless the workbook uses that system).
      let amounts: number[] = [];
      let serials1904 = new Set<number>();
      // Time-of-day columns: a time cell is a Date on the date system's first day (1899-12-30, or 1904-01-01),
      // whose serial's fraction is the time.
      let times = new Set<number>();
      // The columns the sheet's header makes ingest read (all of them until the header is read).
      let read = new Set<number>();
      // Read columns that hold no dates: a date cell there (a name Excel took for a date, an amount formatted as
      // one) is its text, never a serial read as an id or an amount.
      let undated = new Set<number>();
      for await (const row of worksheet) {
        // A row past Excel's last is no workbook Excel wrote, and filling the rows up to it would use all memory.
        if (row.number > EXCEL_LAST_ROW) throw new InputError('cli.xlsx_invalid', { path: file }, 1);
        // Keep blank rows as empty arrays, so array index + 1 stays the row number the user sees.
        while (rows.length < row.number - 1) rows.push([]);
        const cells: Cell[] = [];
        for (let c = 1; c <= row.cellCount; c++) {
          const cell = row.getCell(c);
          // exceljs's cell.value drops a formula's falsy result (0, "", FALSE); cell.result keeps it.
          const value = cell.type === ExcelJS.ValueType.Formula ? { formula: cell.formula, result: cell.result } : cell.value;
          // A column the report does not read may hold what it likes.
          if (isUncomputedFormula(value) && (row.number === 1 || read.has(c - 1))) {
            const header = row.number === 1 ? '' : String(rows[0]?.[c - 1] ?? '').trim();
            const column = header || columnLetters(c);
            throw new InputError('cli.xlsx_formula_uncomputed', { path: file, cell: `${tab}!${cell.address}` }, 1, undefined, { sheet, row: row.number, column });
          }
          const plain = xlsxCellValue(value);
          if (undated.has(c - 1) && typeof plain === 'number') {
            // exceljs makes a Date of a cell whose format it takes for a date, the date system applied (`plain` is
            // then a 1900 serial); a formula's date result it leaves a number of the workbook's own system.
            const shift = date1904 ? DAYS_1900_TO_1904 : 0;
            const own = isDateValue(value) ? plain - shift : plain;
            // A date as Excel shows it; else a number, whatever exceljs took its format for (`\M` for millions).
            cells.push(isDateFormat(row.getCell(c).numFmt) ? serialText(own + shift, own >= 0 && own < 1) : own);
            continue;
          }
          if (times.has(c - 1) && typeof plain === 'number' && isDateValue(value)) {
            cells.push(plain - Math.floor(plain));
            continue;
          }
          // exceljs turns a date-formatted cell into a Date with the date system applied; a bare number it leaves as stored.
          // An eight-digit date (20240301) is no serial of either system.
          const serial1904 = serials1904.has(c - 1) && typeof plain === 'number' && !isDateValue(value) && plain < MAX_SERIAL;
          cells.push(serial1904 ? plain + DAYS_1900_TO_1904 : plain);
        }
        if (row.number === 1) {
          const index: Record<string, number> = resolveHeader(sheet, cells, []).index;
          read = new Set(readPositions(index));
          amounts = amountColumns(sheet).map((column) => index[column]).filter((c) => c >= 0);
          if (date1904) serials1904 = new Set(dateColumns(sheet).map((column) => index[column]));
          times = new Set(columnsOfKind(sheet, (kind) => kind === 'time').map((column) => index[column]).filter((c) => c >= 0));
          const dated = new Set(columnsOfKind(sheet, (kind) => kind === 'date' || kind === 'datetime' || kind === 'time').map((column) => index[column]));
          undated = new Set([...read].filter((c) => !dated.has(c)));
        } else {
          for (const c of amounts) {
            // A currency only the cell's number format shows ([$$-409]#,##0.00) must reach ingest too.
            if (typeof cells[c] === 'number') cells[c] = amountWithFormatCurrency(cells[c], row.getCell(c + 1).numFmt);
          }
        }
        rows.push(cells);
      }
      workbook[sheet] = rows;
    }
  } catch (e) {
    if (e instanceof InputError) throw e;
    // A file system error (permissions, say) is worth its own words; anything else is a damaged workbook, and
    // the unzip or XML library's text ("FILE_ENDED") would tell the user nothing more.
    const code = (e as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && code.startsWith('E')) throw new InputError('cli.input_unreadable', { path: file }, 1, e);
    throw new InputError('cli.xlsx_invalid', { path: file }, 1);
  }
  return workbook;
}

/** The WorkbookReader internals readPartsByDirectory drives (exceljs 4.4's own parse() calls them the same way). */
interface ReaderInternals {
  parse: () => AsyncGenerator<unknown>;
  /** Set by _parseRels and _parseWorkbook. */
  workbookRels?: Array<{ Id: string; Target: string }>;
  model?: { sheets?: Array<{ name: string; id: number; rId: string; state: string }> };
  _parseRels(stream: Readable): Promise<void>;
  _parseWorkbook(stream: Readable): Promise<void>;
  _parseSharedStrings(stream: Readable): AsyncGenerator<unknown>;
  _parseStyles(stream: Readable): Promise<void>;
  _parseWorksheet(chunks: AsyncIterable<Buffer>, sheetNo: string): Generator<{ value: { name: string; id: number; state: string } }>;
}

/** A workbook relationship's target as a path in the archive: relative to xl/, or absolute ("/xl/worksheets/…"). */
const partPath = (target: string) => (target.startsWith('/') ? target.slice(1) : path.posix.normalize(`xl/${target}`));

/**
 * Makes the reader take the workbook's parts from the zip's central directory: those every sheet depends on
 * first, then each sheet workbook.xml lists, found through its relationship and named from there, still streamed
 * row by row. exceljs's own parse() reads the archive in one streaming pass that now and then drops the parts
 * still in flight when the file ends (exceljs issues #3064 and #2790): most often workbook.xml, which its own
 * writer stores last (the file is then "not a valid workbook" one run in three), but a sheet just as well, which
 * would be read as missing. And it names a sheet only when its relationship is written relative
 * ("worksheets/sheet1.xml"): openpyxl (pandas) writes "/xl/worksheets/sheet1.xml", and every tab read as "Sheet1",
 * "Sheet2" … (exceljs issue #2663), so no input sheet was found.
 */
function readPartsByDirectory(reader: ExcelJS.stream.xlsx.WorkbookReader, file: string): void {
  const internals = reader as unknown as ReaderInternals;
  internals.parse = async function* parse() {
    const { files } = await unzipper.Open.file(file);
    const part = (name: string) => files.find((f) => f.type === 'File' && f.path === name);
    // Each part through a Node stream of this runtime, which for-await can read (unzipper's are older streams),
    // rewritten where exceljs would misread it (readableXml).
    const open = (entry: unzipper.CentralDirectoryFile, rewrite?: (xml: string) => string) =>
      Readable.from(readableXml(entry.stream().pipe(new PassThrough()), rewrite));
    const rels = part('xl/_rels/workbook.xml.rels');
    const workbook = part('xl/workbook.xml');
    // Without them the archive is no workbook (readXlsx reports it as not a valid .xlsx), not one without sheets.
    if (!rels || !workbook) throw new Error('xl/workbook.xml or its relationships are missing');
    await internals._parseRels(open(rels));
    await internals._parseWorkbook(open(workbook));
    const sharedStrings = part('xl/sharedStrings.xml');
    if (sharedStrings) yield* internals._parseSharedStrings(open(sharedStrings));
    const styles = part('xl/styles.xml');
    if (styles) await internals._parseStyles(open(styles));
    for (const sheet of internals.model?.sheets ?? []) {
      const target = internals.workbookRels?.find((rel) => rel.Id === sheet.rId)?.Target;
      const entry = target === undefined ? undefined : part(partPath(target));
      // A chart sheet or a dangling relationship: no worksheet to read.
      if (entry === undefined || !entry.path.startsWith('xl/worksheets/')) continue;
      for (const event of internals._parseWorksheet(open(entry, asTextCells), String(sheet.id))) {
        Object.assign(event.value, { name: sheet.name, id: sheet.id, state: sheet.state });
        yield event;
      }
    }
  };
}

/**
 * Whether a file is laid out as a zip archive (which an .xlsx is): a local file header first, and at the end an
 * end-of-central-directory record after its central directory. A text file or a truncated download fails this in
 * two small reads; exceljs's streaming unzip can stall on a truncated file without an error, ending the process
 * with nothing said.
 */
export async function isZipArchive(file: string): Promise<boolean> {
  const LOCAL_HEADER = 0x04034b50;
  const END_RECORD = 0x06054b50;
  const END_RECORD_LENGTH = 22;
  const handle = await fs.open(file, 'r');
  try {
    const { size } = await handle.stat();
    if (size < 4 + END_RECORD_LENGTH) return false;
    const head = Buffer.alloc(4);
    await handle.read(head, 0, 4, 0);
    if (head.readUInt32LE(0) !== LOCAL_HEADER) return false;
    // The record ends the file, but for a comment of up to 65535 bytes.
    const tailLength = Math.min(size, END_RECORD_LENGTH + 0xffff);
    const tail = Buffer.alloc(tailLength);
    await handle.read(tail, 0, tailLength, size - tailLength);
    for (let i = tailLength - END_RECORD_LENGTH; i >= 0; i--) {
      if (tail.readUInt32LE(i) !== END_RECORD) continue;
      const directoryEnd = tail.readUInt32LE(i + 16) + tail.readUInt32LE(i + 12);
      // ZIP64 keeps its own records between the directory and this one (and 0xFFFFFFFF in these fields).
      if (directoryEnd <= size - tailLength + i || tail.readUInt32LE(i + 16) === 0xffffffff) return true;
    }
    return false;
  } finally {
    await handle.close();
  }
}

/** SpreadsheetML's namespace, which writers on Microsoft's Open XML SDK (.NET) bind to a prefix: `<x:worksheet xmlns:x="…">`. */
const SPREADSHEETML = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
/** The root element's start tag, past the XML declaration and any comment. */
const ROOT_TAG = /<([A-Za-z_][\w.-]*:)?[A-Za-z_][\w.-]*(\s[^>]*)?>/;
/** A phonetic reading (furigana), which Japanese Excel keeps beside text typed through an input method. */
const PHONETIC_RUN = /<rPh\b[^>]*>[\s\S]*?<\/rPh>/g;

/**
 * A part of the workbook as exceljs's streaming reader can read it, rewritten a piece of whole tags at a time
 * (cut after a ">", never inside a phonetic run; that also keeps a multi-byte character in one piece, which
 * exceljs's per-chunk decoding would otherwise garble):
 * - SpreadsheetML bound to a prefix is written with the default namespace instead: exceljs matches tag names
 *   as written (exceljs issue #1437), and read such a workbook as one without sheets, or its sheets as cut short.
 * - Phonetic runs go: exceljs takes each `<t>` of a string as the whole text, so "春の新製品発表" with its
 *   reading read as "シンセイヒンハッピョウ"; Excel, Sheets and LibreOffice show the text.
 * - `rewrite` does the rest (a sheet's error and date cells: asTextCells).
 */
async function* readableXml(xml: AsyncIterable<Buffer | string>, rewrite: (xml: string) => string = (text) => text): AsyncIterable<string> {
  const decoder = new TextDecoder('utf-8');
  const piece = (text: string) => rewrite(text.includes('<rPh') ? text.replace(PHONETIC_RUN, '') : text);
  let unprefix: ((text: string) => string) | null = null;
  let rest = '';
  for await (const chunk of xml) {
    const text = rest + (typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    // Nothing is handed on before the root tag is whole: its prefix decides how the rest is read. Taking the
    // prefix off again what was taken off before changes nothing, so a tag cut in two is whole the next time.
    unprefix ??= rootPrefix(text);
    if (unprefix === null) {
      rest = text;
      continue;
    }
    const unprefixed = unprefix(text);
    let cut = unprefixed.lastIndexOf('>') + 1;
    const run = unprefixed.lastIndexOf('<rPh', cut);
    if (run >= 0 && unprefixed.indexOf('</rPh>', run) < 0) cut = run;
    if (cut > 0) yield piece(unprefixed.slice(0, cut));
    rest = unprefixed.slice(cut);
  }
  const tail = rest + decoder.decode();
  if (tail !== '') yield piece(unprefix === null ? tail : unprefix(tail));
}

/**
 * How to write a part with its root element's SpreadsheetML prefix taken off; the identity when it has none
 * (or declares a default namespace beside it); null while the root tag is not whole yet.
 */
function rootPrefix(text: string): ((text: string) => string) | null {
  const root = ROOT_TAG.exec(text.replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->/g, ''));
  if (root === null) return null;
  const [tag, prefixed] = root;
  const prefix = prefixed?.slice(0, -1);
  if (prefix === undefined || !tag.includes(`xmlns:${prefix}="${SPREADSHEETML}"`) || /\sxmlns=/.test(tag)) return (same) => same;
  const tags = new RegExp(`(</?)${prefix}:`, 'g');
  // Only inside a tag: text cannot hold a "<" of its own, so one before the attribute with no ">" between is its tag's.
  const declaration = new RegExp(`(<[^<>]*\\s)xmlns:${prefix}=`, 'g');
  return (xml) => xml.replace(tags, '$1').replace(declaration, '$1xmlns=');
}

/** The closing tag of a sheet's XML. */
const WORKSHEET_END = /<\/worksheet>\s*$/;

/**
 * A sheet's XML as it comes, failing at its end when it does not close: a sheet cut short in a valid archive
 * (a file written in part) would otherwise read as a shorter sheet, its missing rows silently gone.
 */
async function* wholeSheet(xml: AsyncIterable<Buffer | string>, cutShort: () => Error): AsyncIterable<Buffer | string> {
  let tail = '';
  for await (const chunk of xml) {
    // Tags are ASCII: the last bytes, read as latin1, show the end whatever the text's encoding.
    tail = (tail + (typeof chunk === 'string' ? chunk.slice(-64) : chunk.subarray(-64).toString('latin1'))).slice(-64);
    yield chunk;
  }
  if (!WORKSHEET_END.test(tail)) throw cutShort();
}

/**
 * A sheet's XML with error cells (`<c t="e">`) and ISO date cells (`<c t="d">`) marked as text cells (`t="str"`).
 * exceljs's streaming reader parses a formula's error result (`<f>NA()</f><v>#N/A</v>`) as a number, NaN, and
 * then drops it, so the cell would read as empty; as text it reads as "#N/A", as Sheets' getValues hands it over
 * (ingest reports it). An ISO date cell (`<v>2024-03-01T10:00:00</v>`, as some writers store dates) it parses
 * as a number, the year alone; as text ingest reads the date.
 */
const TEXT_READ_TYPE = /\st=["'][ed]["']/;
const TEXT_READ_CELL = /(<c\b[^>]*?\st=)(["'])[ed]\2/g;
const asTextCells = (xml: string) => (TEXT_READ_TYPE.test(xml) ? xml.replace(TEXT_READ_CELL, '$1$2str$2') : xml);

/** A formula without a cached result: a file written by a script, whose formulas nothing has computed yet. */
function isUncomputedFormula(value: unknown): boolean {
  const v = value as { formula?: string; sharedFormula?: string; result?: unknown } | null;
  return typeof v === 'object' && v !== null && (v.formula !== undefined || v.sharedFormula !== undefined) && v.result === undefined;
}

/** Whether exceljs handed the cell over as a Date, the one form in which it has applied the date system. */
function isDateValue(value: unknown): boolean {
  return value instanceof Date || (typeof value === 'object' && value !== null && (value as { result?: unknown }).result instanceof Date);
}

/**
 * Whether a number format shows a date or a time: a day, month, year, hour or second code outside quoted text
 * and brackets other than elapsed time ([h]), and no digit placeholder (#, ?, or a 0 that is no fraction of a
 * second). exceljs drops the backslash of an escaped letter (`$#,##0.0,,\M`, millions, reads `$#,##0.0,,M`) and
 * then takes the format for a date; its digit placeholders say it is none.
 */
export function isDateFormat(format: string | undefined): boolean {
  if (!format) return false;
  const codes = format.replace(/"[^"]*"|\\.|[_*]./g, '').replace(/\[(?![hms]+\])[^\]]*\]/gi, '');
  return !/[#?]|(^|[^.0])0/.test(codes) && /[dmyhs]/i.test(codes);
}

/** A date serial (1900 system) as text, its wall clock as Excel shows it by default: 2024-03-01, 2024-03-01 14:30; 10:30 for a time alone. */
function serialText(serial: number, timeAlone: boolean): string {
  const [day, time] = new Date(serialToEpoch(serial, 'UTC')).toISOString().slice(0, 19).split('T');
  const clock = time.endsWith(':00') ? time.slice(0, 5) : time;
  if (timeAlone) return clock;
  return time === '00:00:00' ? day : `${day} ${clock}`;
}

/**
 * One exceljs cell value as a plain cell. An xlsx date is a zone-less serial that exceljs hands back as a
 * Date whose UTC fields are the wall clock; turning it back into a serial lets ingest read it in the
 * workbook's zone (--tz), exactly as it reads a Sheets serial. A formula reads as its cached result, and an
 * error as its text ("#N/A"), as Sheets hands both over.
 */
export function xlsxCellValue(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (value instanceof Date) {
    const ms = value.getTime();
    return Number.isNaN(ms) ? null : wallClockSerial(ms);
  }
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; text?: unknown; formula?: string; sharedFormula?: string; result?: unknown; error?: string };
    if (Array.isArray(v.richText)) return v.richText.map((run) => run.text).join('');
    if (v.formula !== undefined || v.sharedFormula !== undefined) return xlsxCellValue(v.result);
    if (v.error !== undefined) return v.error;
    if (v.text !== undefined) return xlsxCellValue(v.text);
  }
  return String(value);
}
