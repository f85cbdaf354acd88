// The command line's input is read whole or refused with a message saying why: never overwritten by the report,
// never cut short by a stray quote, never read from one of two files that stand for the same sheet, and an xlsx
// cell reads as what the spreadsheet shows (formula errors, formulas nobody computed, the 1904 date system).
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'fs';
import * as path from 'path';
import * as ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { CsvStrayQuote, CsvUnclosedQuote } from '../../src/cli/csv';
import { parseCsv } from './helpers';
import { main } from '../../src/cli/main';
import { outputOverInput, readInput } from '../../src/cli/read-input';
import { ingestWorkbook } from '../../src/core/ingest';
import type { Problem } from '../../src/core/types';
import { cleanup, recorder, scratchDir } from './helpers';

afterAll(cleanup);

async function run(argv: string[]): Promise<{ status: number; out: string; err: string }> {
  const { ctx, stdout, stderr } = recorder();
  const status = await main(argv, ctx);
  return { status, out: stdout(), err: stderr() };
}

async function writeWorkbook(file: string, fill: (wb: ExcelJS.Workbook) => void): Promise<void> {
  const wb = new ExcelJS.Workbook();
  fill(wb);
  await wb.xlsx.writeFile(file);
}

/**
 * A workbook with one sheet whose <sheetData> is written by hand, for cells exceljs cannot write (a formula's
 * error result).
 */
async function workbookWithSheetData(file: string, sheet: string, sheetData: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet(sheet).addRow(['placeholder']);
  const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
  const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
  zip.file('xl/worksheets/sheet1.xml', xml.replace(/<sheetData>.*<\/sheetData>/s, `<sheetData>${sheetData}</sheetData>`));
  writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
}

const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;

describe('report never writes over its input', () => {
  it('refuses --xlsx naming the input workbook, however the path is spelt, and leaves it as it was', async () => {
    const dir = scratchDir();
    const input = path.join(dir, 's.xlsx');
    await writeWorkbook(input, (wb) => wb.addWorksheet('Campaigns').addRow(['campaign_id']));
    const before = readFileSync(input);
    symlinkSync(input, path.join(dir, 'link.xlsx'));
    for (const output of [input, path.join(dir, '.', 's.xlsx'), path.join(dir, 'link.xlsx')]) {
      const { status, out, err } = await run(['report', input, '--xlsx', output]);
      expect(status).toBe(2);
      // Refused before reading: not even the "Reading…" line.
      expect(err).toBe(`Will not write "${output}": it is the input "${input}", which would be overwritten; write to another file.\n`);
      expect(out).toBe('');
    }
    expect(readFileSync(input).equals(before)).toBe(true);
  });

  it('refuses a CSV file the input folder reads as a sheet, whether it is there yet or not', async () => {
    const dir = scratchDir();
    writeFileSync(path.join(dir, 'visits.csv'), 'timestamp,visitor_id\n2024-01-01,v1\n');
    const cases: Array<[string, string, string]> = [
      ['--json', path.join(dir, 'visits.csv'), 'Visits'],
      // Not there yet, but the next run would read the report as the Spend sheet.
      ['--html', path.join(dir, 'Spend.CSV'), 'Spend'],
      ['--xlsx', path.join(dir, 'deal_contacts.csv'), 'DealContacts'],
      ['--json', path.join(dir, 'Export - Deals.csv'), 'Deals'],
    ];
    for (const [option, output, sheet] of cases) {
      const { status, err } = await run(['report', dir, option, output]);
      expect(status).toBe(2);
      expect(err).toBe(`Will not write "${output}": the input folder "${dir}" reads it as its ${sheet} sheet, so the report would overwrite or stand in for input; write the report to another file.\n`);
    }
    expect(readFileSync(path.join(dir, 'visits.csv'), 'utf8')).toBe('timestamp,visitor_id\n2024-01-01,v1\n');
  });

  it('lets the report go where it touches no input: beside the input, or to a file the folder does not read', async () => {
    const dir = scratchDir();
    const input = path.join(dir, 'csv');
    mkdirSync(path.join(input, 'old'), { recursive: true });
    for (const output of ['csv-report.json', 'report.xlsx', 'csv/report.html', 'csv/notes.csv', 'csv/old/visits.csv']) {
      expect(await outputOverInput(input, path.join(dir, output))).toBeNull();
    }
    expect(await outputOverInput(path.join(dir, 'missing.xlsx'), path.join(dir, 'missing.xlsx'))).toBeNull();
  });
});

/** What `f` throws (null when it returns), for a look at the error's fields. */
function thrownBy(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  return null;
}

describe('an unclosed quote in a CSV file', () => {
  it('is an error naming the row it opened on, counted as the user sees rows', () => {
    // Row 2 holds a quoted field with a line break, so the stray quote on row 3 starts on the file's fourth line.
    const error = thrownBy(() => parseCsv('name,utm\n"two\nlines",x\nv1,"summer\nv2,y\n'));
    expect(error).toBeInstanceOf(CsvUnclosedQuote);
    expect((error as CsvUnclosedQuote).row).toBe(3);
    expect((error as CsvUnclosedQuote).column).toBe('utm');
    // In the header there is no column name yet: the column's letter.
    expect((thrownBy(() => parseCsv('name,"utm\n')) as CsvUnclosedQuote).column).toBe('B');
  });

  it('still reads a quoted field closed by the file\'s last character', () => {
    expect(parseCsv('a,b\n1,"x ""y"""')).toEqual([['a', 'b'], ['1', 'x "y"']]);
  });

  it('makes the input unreadable (exit 1) instead of swallowing the rows after it', async () => {
    const dir = scratchDir();
    writeFileSync(path.join(dir, 'visits.csv'), 'visitor_id,timestamp,utm_campaign\nv1,2024-01-01,"summer\nv2,2024-01-02,x\nv3,2024-01-03,y\n');
    const { status, err } = await run(['validate', dir]);
    expect(status).toBe(1);
    expect(err).toBe(`Visits:2:utm_campaign: fatal: Cannot read "${path.join(dir, 'visits.csv')}": the quote that opens a field on row 2 is never closed, so every row after it would be read into that field; close the quote, or write a quote inside a field as two ("").\n`);
  });
});

describe('a stray quote in a CSV file that a later quote closes', () => {
  // Row 3 opens a quote never meant; the quote opening row 5's name closes it, and "Beta" follows it.
  const text = 'deal_id,name,amount\nD1,Alpha,10\nD2,"Oops,20\nD3,Gamma,30\nD4,"Beta",40\nD5,Delta,50\n';

  it('is an error naming the row the quote opened on, not rows silently swallowed', () => {
    const error = thrownBy(() => parseCsv(text));
    expect(error).toBeInstanceOf(CsvStrayQuote);
    expect((error as CsvStrayQuote).row).toBe(3);
    expect((error as CsvStrayQuote).column).toBe('name');
  });

  it('leaves a quoted field with line breaks, closed before a delimiter or the line end, as it is', () => {
    expect(parseCsv('a,b\n"one\ntwo",x\n"three\nfour"\n')).toEqual([['a', 'b'], ['one\ntwo', 'x'], ['three\nfour']]);
    // Spaces after the closing quote are no text: kept, as spreadsheet programs keep them.
    expect(parseCsv('a,b\n"one\ntwo" ,x\n')).toEqual([['a', 'b'], ['one\ntwo ', 'x']]);
    // Text after a quote closed on its own line is kept, as spreadsheet programs keep it.
    expect(parseCsv('a\n"x"y\n')).toEqual([['a'], ['xy']]);
  });

  it('makes the input unreadable (exit 1)', async () => {
    const dir = scratchDir();
    writeFileSync(path.join(dir, 'deals.csv'), text);
    const { status, err } = await run(['validate', dir]);
    expect(status).toBe(1);
    expect(err).toBe(`Deals:3:name: fatal: Cannot read "${path.join(dir, 'deals.csv')}": the quote that opens a field on row 3 runs over several lines and closes before more text, so it most likely is a stray quote that swallowed the rows after it; remove it, or write a quote inside a field as two ("").\n`);
  });
});

describe('two tabs or files for one sheet', () => {
  it('refuses a workbook with a hidden "Visits" tab beside "visits "', async () => {
    const file = path.join(scratchDir(), 'two-tabs.xlsx');
    await writeWorkbook(file, (wb) => {
      wb.addWorksheet('Visits', { state: 'hidden' }).addRow(['timestamp', 'visitor_id']);
      wb.addWorksheet('visits ').addRow(['timestamp', 'visitor_id']);
    });
    await expect(readInput(file)).rejects.toMatchObject({
      messageId: 'cli.input_tab_twice', params: { path: file, first: 'Visits', second: 'visits ', sheet: 'Visits' }, exitCode: 1,
    });
  });

  it('refuses a folder with Visits.csv and visits.csv, or DealContacts.csv and deal_contacts.csv', async () => {
    const dir = scratchDir();
    writeFileSync(path.join(dir, 'Visits.csv'), 'timestamp,visitor_id\n2024-01-01,v1\n');
    writeFileSync(path.join(dir, 'visits.csv'), 'timestamp,visitor_id\n2024-02-01,v2\n');
    const { status, err } = await run(['validate', dir]);
    expect(status).toBe(1);
    expect(err).toBe(`Visits: fatal: Cannot read "${dir}": the files "Visits.csv" and "visits.csv" both stand for the Visits sheet, so it is unclear which one to read; rename or remove one of them.\n`);

    const other = scratchDir();
    writeFileSync(path.join(other, 'DealContacts.csv'), 'deal_id,contact_id\nD1,K1\n');
    writeFileSync(path.join(other, 'deal_contacts.csv'), 'deal_id,contact_id\nD2,K2\n');
    await expect(readInput(other)).rejects.toMatchObject({
      messageId: 'cli.input_file_twice', params: { path: other, first: 'DealContacts.csv', second: 'deal_contacts.csv', sheet: 'DealContacts' }, exitCode: 1,
    });
  });
});

describe('xlsx formula cells', () => {
  it('reads an error result as its text, and a falsy result (0, "", FALSE) as itself, not as an empty cell', async () => {
    const file = path.join(scratchDir(), 'results.xlsx');
    await workbookWithSheetData(file, 'Deals',
      `<row r="1">${inline('A1', 'deal_id')}${inline('B1', 'amount')}${inline('C1', 'name')}${inline('D1', 'currency')}${inline('E1', 'won')}${inline('F1', 'stage')}</row>` +
      `<row r="2">${inline('A2', 'D1')}<c r="B2" t="e"><f>NA()</f><v>#N/A</v></c><c r="C2" t="e"><v>#REF!</v></c>` +
      `<c r="D2" t="str"><f>""</f><v></v></c><c r="E2"><f>1-1</f><v>0</v></c><c r="F2" t='e'><f>1/0</f><v>#DIV/0!</v></c></row>` +
      // A shared formula's other cells carry only a reference to it, and their own result.
      `<row r="3">${inline('A3', 'D2')}<c r="B3"><f t="shared" ref="B3:B4" si="0">E2*2</f><v>0</v></c></row>` +
      `<row r="4">${inline('A4', 'D3')}<c r="B4"><f t="shared" si="0"/><v>5</v></c></row>`);
    const raw = await readInput(file);
    expect(raw.Deals).toEqual([
      ['deal_id', 'amount', 'name', 'currency', 'won', 'stage'],
      ['D1', '#N/A', '#REF!', '', 0, '#DIV/0!'],
      ['D2', 0],
      ['D3', 5],
    ]);
  });

  it('reads an ISO date cell (t="d", as some writers store dates) as its date, not as the year alone', async () => {
    const file = path.join(scratchDir(), 'iso-dates.xlsx');
    await workbookWithSheetData(file, 'Visits',
      `<row r="1">${inline('A1', 'timestamp')}${inline('B1', 'visitor_id')}</row>` +
      `<row r="2"><c r="A2" t="d"><v>2024-03-01T10:15:00</v></c>${inline('B2', 'v1')}</row>`);
    expect((await readInput(file)).Visits).toEqual([['timestamp', 'visitor_id'], ['2024-03-01T10:15:00', 'v1']]);
  });

  it('refuses a formula nobody computed, naming its sheet and cell', async () => {
    const file = path.join(scratchDir(), 'script.xlsx');
    await writeWorkbook(file, (wb) => {
      const ws = wb.addWorksheet('Deals');
      ws.addRow(['deal_id', 'Deal amount']);
      ws.addRow(['D1', 100]);
      ws.addRow(['D2', { formula: 'B2*2', result: 200 }]);
      // Written by a script: the formula is there, its value is not.
      ws.addRow(['D3', { formula: 'B3*2' } as ExcelJS.CellFormulaValue]);
    });
    const { status, err } = await run(['validate', file]);
    expect(status).toBe(1);
    expect(err).toBe(`Deals:4:Deal amount: fatal: Cannot read "${file}": the formula in Deals!B4 has no computed value (the program that wrote the file did not calculate it); open the workbook in Excel or Google Sheets and save it, so its formulas are computed.\n`);
  });

  it('lets such a formula be in a column the report does not read (a note column of the user\'s)', async () => {
    const file = path.join(scratchDir(), 'script-notes.xlsx');
    await writeWorkbook(file, (wb) => {
      const ws = wb.addWorksheet('Deals');
      ws.addRow(['deal_id', 'amount', 'my notes']);
      ws.addRow(['D1', 100, { formula: 'B2*2' } as ExcelJS.CellFormulaValue]);
    });
    expect((await readInput(file)).Deals).toEqual([['deal_id', 'amount', 'my notes'], ['D1', 100, null]]);
  });
});

describe('an xlsx workbook on the 1904 date system', () => {
  // 2024-03-31 14:30: Sheets serial 45382 + 14.5/24 (see read-input.test.ts); 1462 days less in the 1904 system.
  const SERIAL_1900 = 45382 + 14.5 / 24;
  const SERIAL_1904 = SERIAL_1900 - 1462;

  it('reads date cells, dates computed by formulas and bare numbers in date columns as the same instant', async () => {
    const file = path.join(scratchDir(), 'mac.xlsx');
    await writeWorkbook(file, (wb) => {
      wb.properties.date1904 = true;
      const ws = wb.addWorksheet('Visits');
      ws.addRow(['timestamp', 'visitor_id', 'session_id']);
      ws.addRow([new Date(Date.UTC(2024, 2, 31, 14, 30)), 'v1', 7]).getCell(1).numFmt = 'yyyy-mm-dd hh:mm';
      ws.addRow([{ formula: 'A2', result: SERIAL_1904 }, 'v2', 8]).getCell(1).numFmt = 'yyyy-mm-dd hh:mm';
      ws.addRow([SERIAL_1904, 'v3', 9]);
    });
    const raw = await readInput(file);
    const visits = raw.Visits?.slice(1) as number[][];
    for (const row of visits) expect(row[0]).toBeCloseTo(SERIAL_1900, 9);
    // session_id is no date column: its numbers are kept as they are.
    expect(visits.map((row) => row[2])).toEqual([7, 8, 9]);
    const { workbook } = ingestWorkbook(raw, { tz: 'UTC', locale: null, currency: null });
    expect(workbook.visits.map((v) => v.timestamp)).toEqual(Array(3).fill(Date.UTC(2024, 2, 31, 14, 30)));
  });

  it('reads a Time column beside the date in either date system: a time cell is its time of day', async () => {
    for (const date1904 of [false, true]) {
      const file = path.join(scratchDir(), `times-${date1904}.xlsx`);
      await writeWorkbook(file, (wb) => {
        wb.properties.date1904 = date1904;
        const ws = wb.addWorksheet('Visits');
        ws.addRow(['Date', 'Time', 'visitor_id']);
        // exceljs writes a time cell as a Date on the date system's first day; 14:30 is 0.6041666… of a day.
        const first = date1904 ? Date.UTC(1904, 0, 1, 14, 30) : Date.UTC(1899, 11, 30, 14, 30);
        const row = ws.addRow([new Date(Date.UTC(2024, 2, 31)), new Date(first), 'v1']);
        row.getCell(1).numFmt = 'yyyy-mm-dd';
        row.getCell(2).numFmt = 'hh:mm';
      });
      const raw = await readInput(file);
      expect(raw.Visits?.[1][1]).toBeCloseTo(14.5 / 24, 9);
      const { workbook, problems } = ingestWorkbook(raw, { tz: 'UTC', locale: null, currency: null });
      expect(problems.filter((p) => p.sheet === 'Visits')).toEqual([]);
      expect(workbook.visits.map((v) => v.timestamp)).toEqual([Date.UTC(2024, 2, 31, 14, 30)]);
    }
  });

  it('reads an eight-digit date (20240301) in a date column of a 1904-system workbook as that day, no serial shifted', async () => {
    const file = path.join(scratchDir(), 'mac-compact.xlsx');
    await writeWorkbook(file, (wb) => {
      wb.properties.date1904 = true;
      const ws = wb.addWorksheet('Visits');
      ws.addRow(['timestamp', 'visitor_id']);
      ws.addRow([20240301, 'v1']);
    });
    const { workbook, problems } = ingestWorkbook(await readInput(file), { tz: 'UTC', locale: null, currency: null });
    expect(problems.filter((p) => p.sheet === 'Visits')).toEqual([]);
    expect(workbook.visits.map((v) => v.timestamp)).toEqual([Date.UTC(2024, 2, 1)]);
  });

  it('shows a formula\'s date result in a column of names as the date, in either date system', async () => {
    for (const date1904 of [false, true]) {
      const file = path.join(scratchDir(), `formula-name-${date1904}.xlsx`);
      await writeWorkbook(file, (wb) => {
        wb.properties.date1904 = date1904;
        const ws = wb.addWorksheet('Campaigns');
        ws.addRow(['campaign_id', 'name', 'created_at']);
        // =DATE(2024,3,1): serial 45352 in the 1900 system, 1462 less in the 1904 one.
        ws.addRow(['C1', { formula: 'DATE(2024,3,1)', result: date1904 ? 45352 - 1462 : 45352 }, '2024-01-01']).getCell(2).numFmt = 'd-m-yyyy';
      });
      expect((await readInput(file)).Campaigns?.[1][1]).toBe('2024-03-01');
    }
  });

  it('keeps an amount whose format exceljs takes for a date as the amount, and a time alone in a name as its time', async () => {
    const file = path.join(scratchDir(), 'mac-amounts.xlsx');
    await writeWorkbook(file, (wb) => {
      wb.properties.date1904 = true;
      const deals = wb.addWorksheet('Deals');
      deals.addRow(['deal_id', 'stage', 'created_at', 'contact_ids', 'amount']);
      // "5d" (days), written 0\d: exceljs drops the backslash and reads "0d" as a date format.
      deals.addRow(['D1', 'open', '2024-02-01', 'K1', 5]).getCell(5).numFmt = '0\\d';
      const campaigns = wb.addWorksheet('Campaigns');
      campaigns.addRow(['campaign_id', 'name', 'created_at']);
      campaigns.addRow(['C1', new Date(Date.UTC(1904, 0, 1, 10, 30)), '2024-01-01']).getCell(2).numFmt = 'hh:mm';
    });
    const raw = await readInput(file);
    expect([raw.Deals?.[1][4], raw.Campaigns?.[1][1]]).toEqual([5, '10:30']);
  });

  it('leaves a bare number in a date column of a 1900-system workbook as it is', async () => {
    const file = path.join(scratchDir(), 'windows.xlsx');
    await writeWorkbook(file, (wb) => {
      const ws = wb.addWorksheet('Visits');
      ws.addRow(['timestamp', 'visitor_id']);
      ws.addRow([SERIAL_1900, 'v1']);
    });
    expect((await readInput(file)).Visits?.[1][0]).toBe(SERIAL_1900);
  });
});

describe('a file named .xlsx that is no workbook', () => {
  const message = (file: string) => `Cannot read "${file}": it is not a valid .xlsx workbook (damaged, or another kind of file).\n`;

  it('says so in words of its own, for a text file and for a truncated download', async () => {
    const dir = scratchDir();
    const text = path.join(dir, 'leads.xlsx');
    writeFileSync(text, 'lead,2024-01-01\n');
    const whole = path.join(dir, 'whole.xlsx');
    await writeWorkbook(whole, (wb) => {
      const ws = wb.addWorksheet('Visits');
      ws.addRow(['timestamp', 'visitor_id']);
      for (let i = 0; i < 2000; i++) ws.addRow([`2024-01-01 10:${String(i % 60).padStart(2, '0')}`, `visitor-${i}`]);
    });
    const bytes = readFileSync(whole);
    const half = path.join(dir, 'half.xlsx');
    writeFileSync(half, bytes.subarray(0, bytes.length >> 1));
    const almost = path.join(dir, 'almost.xlsx');
    writeFileSync(almost, bytes.subarray(0, bytes.length - 10));
    for (const file of [text, half, almost]) {
      const { status, err } = await run(['validate', file]);
      expect(status).toBe(1);
      expect(err).toBe(message(file));
    }
  });
});

describe('a row numbered past Excel\'s last row (1,048,576)', () => {
  it('is no workbook Excel wrote: exit 1 with the invalid-workbook message, not all memory used filling rows up to it', async () => {
    const file = path.join(scratchDir(), 'far.xlsx');
    await workbookWithSheetData(file, 'Visits', `<row r="1">${inline('A1', 'timestamp')}</row><row r="100000000">${inline('A100000000', 'x')}</row>`);
    const { status, err } = await run(['validate', file]);
    expect(status).toBe(1);
    expect(err).toBe(`Cannot read "${file}": it is not a valid .xlsx workbook (damaged, or another kind of file).\n`);
  });
});

describe('a tab cut short inside a valid .xlsx archive (a file written in part)', () => {
  it('stops with exit 1 naming the tab, instead of reading the rows before the cut as the whole sheet', async () => {
    const dir = scratchDir();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Visits');
    ws.addRow(['timestamp', 'visitor_id']);
    for (let i = 0; i < 100; i++) ws.addRow(['2024-01-01 10:00', `visitor-${i}`]);
    const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
    const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    // Cut after row 50's closing tag: every tag left is whole, only the rest of the sheet is missing.
    zip.file('xl/worksheets/sheet1.xml', xml.slice(0, xml.indexOf('</row>', xml.indexOf('<row r="50"')) + '</row>'.length));
    const file = path.join(dir, 'cut.xlsx');
    writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    const { status, err } = await run(['validate', file]);
    expect(status).toBe(1);
    expect(err).toBe(`Cannot read "${file}": the tab "Visits" ends before its last row (the file was cut short while it was written or copied); save it again from Excel or Sheets.\n`);
  });
});

/** The warnings about how a file was decoded: these folders hold only the files under test, the rest absent. */
const encodingWarnings = (problems: Problem[]) => problems.filter((p) => p.messageId === 'cli.csv_windows_1252');

describe('a UTF-16 CSV file (Excel\'s "Unicode Text": tab separated, with a byte order mark)', () => {
  it.each([['little', 'utf16le'], ['big', 'utf16be']] as const)('is read in %s-endian order', async (_, order) => {
    const dir = scratchDir();
    const text = 'campaign_id\tname\r\nC1\tCafé € launch\r\n';
    const le = Buffer.from('\uFEFF' + text, 'utf16le');
    // Big-endian: each 16-bit unit's bytes swapped (swap16 works in place on a copy).
    writeFileSync(path.join(dir, 'campaigns.csv'), order === 'utf16le' ? le : Buffer.from(le).swap16());
    const problems: Problem[] = [];
    const raw = await readInput(dir, problems);
    expect(raw.Campaigns).toEqual([['campaign_id', 'name'], ['C1', 'Café € launch']]);
    expect(encodingWarnings(problems)).toEqual([]);
  });
});

describe('a CSV file that is not UTF-8', () => {
  it('is read as Windows-1252, as Excel on Windows saves it, with one warning for the file', async () => {
    const dir = scratchDir();
    // "Café € launch" in Windows-1252: é is 0xE9, € is 0x80 (neither is valid UTF-8 on its own).
    const row = Buffer.concat([Buffer.from('C1;Caf'), Buffer.from([0xe9]), Buffer.from(' '), Buffer.from([0x80]), Buffer.from(' launch;2024-01-01\r\n')]);
    writeFileSync(path.join(dir, 'campaigns.csv'), Buffer.concat([Buffer.from('campaign_id;name;created_at\r\n'), row, row]));
    writeFileSync(path.join(dir, 'assets.csv'), 'asset_id,campaign_id,type,name\nA1,C1,blog_post,Café\n');
    const problems: Problem[] = [];
    const raw = await readInput(dir, problems);
    expect(raw.Campaigns).toEqual([['campaign_id', 'name', 'created_at'], ['C1', 'Café € launch', '2024-01-01'], ['C1', 'Café € launch', '2024-01-01']]);
    expect(raw.Assets?.[1][3]).toBe('Café');
    expect(encodingWarnings(problems)).toEqual([{
      severity: 'warning', sheet: 'Campaigns', row: null, column: null, messageId: 'cli.csv_windows_1252', params: { file: 'campaigns.csv' }, fatal: false,
    }]);
  });

  it('starting with a UTF-8 byte order mark (a file of mixed encodings) is read without it', async () => {
    const dir = scratchDir();
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    writeFileSync(path.join(dir, 'campaigns.csv'), Buffer.concat([bom, Buffer.from('campaign_id,name\nC1,Caf\xe9\n', 'latin1')]));
    const problems: Problem[] = [];
    const raw = await readInput(dir, problems);
    expect(raw.Campaigns).toEqual([['campaign_id', 'name'], ['C1', 'Café']]);
    expect(encodingWarnings(problems).map((p) => p.messageId)).toEqual(['cli.csv_windows_1252']);
  });

  it('tells the user through validate, as a problem line of the sheet', async () => {
    const dir = scratchDir();
    writeFileSync(path.join(dir, 'campaigns.csv'), Buffer.from('campaign_id,name,created_at\nC1,Caf\xe9,2024-01-01\n', 'latin1'));
    const { out } = await run(['validate', dir]);
    expect(out.split('\n')[0]).toBe('Campaigns: warning: campaigns.csv is not UTF-8 text, so it was read as Windows-1252 (as Excel on Windows saves "CSV"); check that accents and symbols such as € read right, or save the file as "CSV UTF-8".');
  });

  it('is read again from its start when the first invalid byte comes after the first megabyte', async () => {
    const dir = scratchDir();
    const lines = ['timestamp,visitor_id'];
    for (let i = 0; i < 50_000; i++) lines.push(`2024-01-01 10:00,visitor-${String(i).padStart(6, '0')}`);
    const head = Buffer.from(lines.join('\n') + '\n');
    expect(head.length).toBeGreaterThan(1 << 20);
    writeFileSync(path.join(dir, 'visits.csv'), Buffer.concat([head, Buffer.from('2024-01-02 10:00,Jos'), Buffer.from([0xe9]), Buffer.from('\n')]));
    const problems: Problem[] = [];
    const raw = await readInput(dir, problems);
    // The header, 50,000 rows and the last one: nothing twice from the first, abandoned, pass.
    expect(raw.Visits?.length).toBe(50_002);
    expect(raw.Visits?.[1]).toEqual(['2024-01-01 10:00', 'visitor-000000']);
    expect(raw.Visits?.[50_001]).toEqual(['2024-01-02 10:00', 'José']);
    expect(encodingWarnings(problems).map((p) => p.messageId)).toEqual(['cli.csv_windows_1252']);
  });

  it('is not what a UTF-8 character split between two read chunks looks like', async () => {
    const dir = scratchDir();
    // "é" is two bytes in UTF-8; the first is the last byte of the first 1 MiB chunk.
    const name = 'a'.repeat((1 << 20) - 'name\n'.length - 1) + 'é';
    writeFileSync(path.join(dir, 'campaigns.csv'), `name\n${name}\n`);
    const problems: Problem[] = [];
    const raw = await readInput(dir, problems);
    expect(raw.Campaigns).toEqual([['name'], [name]]);
    expect(encodingWarnings(problems)).toEqual([]);
  });
});
