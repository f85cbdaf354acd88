// Writes the sample as an .xlsx workbook or a folder of CSV files. Both stream: rows are pulled from the
// sheet's generator, written, and forgotten, and the writer waits whenever the zip (or the file) falls
// behind. Headers are ingest's canonical column names, in its column order.
import { once } from 'events';
import { createWriteStream, promises as fs } from 'fs';
import * as path from 'path';
import * as ExcelJS from 'exceljs';
import { canonicalHeaders } from '../../core/ingest';
import type { SheetName } from '../../core/types';
import { formatCsvRecord } from '../csv';
import { SampleDate, type SampleCell, type SampleRow } from './cells';
import type { SampleSheet } from './sheets';

export type RowCounts = Partial<Record<SheetName, number>>;

/** Rows between checks that the output has drained. */
const BATCH = 2_000;
/** Bytes a worksheet may have waiting for the zip before the writer waits. */
const MAX_PENDING = 8 << 20;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * exceljs's streaming writer ignores backpressure: without waiting, a sheet's XML piles up in the stream
 * that feeds the zip (exceljs issue #2916; the large sample then needs ~1 GB). This waits until the
 * pending bytes drop. It reads exceljs internals, so if their shape changes it only yields once.
 */
async function drained(ws: ExcelJS.Worksheet): Promise<void> {
  const internals = ws as unknown as { stream?: { pipes?: { _writableState?: { length?: number } }[] } };
  const pending = () => internals.stream?.pipes?.[0]?._writableState?.length ?? 0;
  await sleep(0);
  while (pending() > MAX_PENDING) await sleep(1);
}

/** A row's cells in header order; a key the sheet has no column for is a bug in the generator. */
function cellsOf(sheet: SheetName, columns: readonly string[], row: SampleRow): SampleCell[] {
  for (const key of Object.keys(row)) {
    if (!columns.includes(key)) throw new Error(`sample: ${sheet} has no column "${key}"`);
  }
  return columns.map((c) => row[c] ?? null);
}

function csvText(cell: SampleCell): string {
  if (cell === null) return '';
  if (cell instanceof SampleDate) return cell.toText();
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  return String(cell);
}

/** The CSV form: one file per sheet, named as the reader expects (campaigns.csv, dealcontacts.csv, …). */
export async function writeCsvFolder(dir: string, sheets: readonly SampleSheet[]): Promise<RowCounts> {
  await fs.mkdir(dir, { recursive: true });
  const counts: RowCounts = {};
  for (const sheet of sheets) {
    const columns = canonicalHeaders(sheet.name);
    const out = createWriteStream(path.join(dir, `${sheet.name.toLowerCase()}.csv`), { encoding: 'utf8' });
    const failed = new Promise<never>((_, reject) => out.on('error', reject));
    const write = async (text: string) => {
      if (!out.write(text)) await Promise.race([once(out, 'drain'), failed]);
    };
    let buffer = formatCsvRecord(columns);
    let n = 0;
    for (const row of sheet.rows()) {
      buffer += formatCsvRecord(cellsOf(sheet.name, columns, row).map(csvText));
      n++;
      if (buffer.length > 1 << 16) {
        await write(buffer);
        buffer = '';
      }
    }
    await write(buffer);
    out.end();
    await Promise.race([once(out, 'finish'), failed]);
    counts[sheet.name] = n;
  }
  return counts;
}

const DATE_TIME_FORMAT = 'yyyy-mm-dd hh:mm:ss';
const DATE_FORMAT = 'yyyy-mm-dd';

/** The workbook form: real date cells (zone-less, as in Sheets), a bold frozen header row per sheet. */
export async function writeXlsx(file: string, sheets: readonly SampleSheet[], created: Date): Promise<RowCounts> {
  await fs.mkdir(path.dirname(path.resolve(file)), { recursive: true });
  // Our own stream, opened first: exceljs listens for its file's errors only once it commits, so a file it
  // cannot open (a folder, no permission) would leave the writer waiting forever and the command silent.
  const out = (await fs.open(file, 'w')).createWriteStream();
  const failed = new Promise<never>((_, reject) => out.on('error', reject));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'campaign-analytics sample';
  workbook.created = created;
  workbook.modified = created;
  const counts: RowCounts = {};
  for (const sheet of sheets) {
    const columns = canonicalHeaders(sheet.name);
    const ws = workbook.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = columns.map((name) => ({ key: name, width: Math.max(12, name.length + 2) }));
    const header = ws.addRow(columns);
    header.font = { bold: true };
    header.commit();
    let n = 0;
    for (const row of sheet.rows()) {
      const cells = cellsOf(sheet.name, columns, row);
      const xlsxRow = ws.addRow(cells.map((c) => (c instanceof SampleDate ? new Date(c.wallMs) : c)));
      cells.forEach((c, i) => {
        if (c instanceof SampleDate) xlsxRow.getCell(i + 1).numFmt = c.withTime ? DATE_TIME_FORMAT : DATE_FORMAT;
      });
      xlsxRow.commit();
      if (++n % BATCH === 0) await Promise.race([drained(ws), failed]);
    }
    ws.commit();
    counts[sheet.name] = n;
  }
  await Promise.race([workbook.commit(), failed]);
  return counts;
}
