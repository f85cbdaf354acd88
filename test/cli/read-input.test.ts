import { readFileSync, writeFileSync, mkdirSync } from 'fs';
import JSZip from 'jszip';
import * as path from 'path';
import * as ExcelJS from 'exceljs';
import { ingestWorkbook } from '../../src/core/ingest';
import { InputError, readInput, withFolderFileNames, xlsxCellValue } from '../../src/cli/read-input';
import { formatMessage } from '../../src/core/messages';
import { cleanup, scratchDir } from './helpers';

afterAll(cleanup);

// 2024-03-31 is day 45382 after 1899-12-30 (2024-01-01 is 45292; + 31 + 29 + 30), and 14:30 is 29/48 of a day.
const MARCH_31_2024_1430 = 45382 + 14.5 / 24;

async function writeWorkbook(file: string, fill: (wb: ExcelJS.Workbook) => void): Promise<void> {
  const wb = new ExcelJS.Workbook();
  fill(wb);
  await wb.xlsx.writeFile(file);
}

describe('readInput: xlsx', () => {
  it('turns a date cell into the Sheets serial of its wall-clock time', async () => {
    const file = path.join(scratchDir(), 'dates.xlsx');
    await writeWorkbook(file, (wb) => {
      const ws = wb.addWorksheet('Visits');
      ws.addRow(['timestamp']);
      // An xlsx date has no zone: exceljs takes and gives the wall clock as UTC fields.
      ws.addRow([new Date(Date.UTC(2024, 2, 31, 14, 30))]).getCell(1).numFmt = 'yyyy-mm-dd hh:mm';
    });
    const raw = await readInput(file);
    expect(raw.Visits?.[1][0]).toBeCloseTo(MARCH_31_2024_1430, 9);
  });

  it('reads a date cell in a column of names, ids or amounts as its text, never as a serial taken for a name or an amount', async () => {
    const file = path.join(scratchDir(), 'dates-as-text.xlsx');
    await writeWorkbook(file, (wb) => {
      const campaigns = wb.addWorksheet('Campaigns');
      campaigns.addRow(['campaign_id', 'name', 'created_at']);
      // Excel took the name "March 2024" for a date; created_at is one.
      campaigns.addRow(['C1', new Date(Date.UTC(2024, 2, 1)), new Date(Date.UTC(2024, 0, 1, 9, 0))]);
      const deals = wb.addWorksheet('Deals');
      deals.addRow(['deal_id', 'stage', 'created_at', 'contact_ids', 'amount']);
      deals.addRow(['D1', 'open', '2024-02-01', 'K1', new Date(Date.UTC(2024, 0, 1, 14, 30))]);
    });
    const raw = await readInput(file);
    expect([raw.Campaigns?.[1][1], raw.Deals?.[1][4]]).toEqual(['2024-03-01', '2024-01-01 14:30']);
    // 2024-01-01 09:00 is day 45292 and 9/24 of a day.
    expect(raw.Campaigns?.[1][2]).toBeCloseTo(45292 + 9 / 24, 9);
    const { problems } = ingestWorkbook(raw, { tz: 'UTC', locale: null, currency: 'EUR' });
    expect(problems.filter((p) => p.sheet === 'Deals').map((p) => [p.row, p.column, p.params.value])).toEqual([[2, 'amount', '2024-01-01 14:30']]);
  });

  it('keeps amounts whose number format only looks like a date to exceljs (millions as \\M, "dkk"): they are amounts', async () => {
    const file = path.join(scratchDir(), 'amount-formats.xlsx');
    const formats = ['$#,##0.0,,\\M', '#,##0\\ \\d\\k\\k', '"days" 0', '[Red]#,##0.00', 'yyyy-mm-dd'];
    await writeWorkbook(file, (wb) => {
      const deals = wb.addWorksheet('Deals');
      deals.addRow(['deal_id', 'stage', 'created_at', 'contact_ids', 'amount']);
      formats.forEach((format, i) => { deals.addRow([`D${i}`, 'open', '2024-02-01', 'K1', 1250000]).getCell(5).numFmt = format; });
      const campaigns = wb.addWorksheet('Campaigns');
      campaigns.addRow(['campaign_id', 'name', 'created_at']);
      // A time typed alone where a name goes: shown as the time.
      campaigns.addRow(['C1', new Date(Date.UTC(1899, 11, 30, 10, 30)), '2024-01-01']).getCell(2).numFmt = 'hh:mm';
    });
    const raw = await readInput(file);
    // 1250000 days after 1899-12-30 is in the year 5322: only the real date format shows it as a date. (The $ of the
    // first format is the amount's currency, as for any amount.)
    expect(raw.Deals?.slice(1).map((row) => row[4])).toEqual(['$ 1250000', 1250000, 1250000, 1250000, '5322-05-19']);
    expect(raw.Campaigns?.[1][1]).toBe('10:30');
  });

  it('lets ingest read that serial in the --tz zone', async () => {
    const file = path.join(scratchDir(), 'zone.xlsx');
    await writeWorkbook(file, (wb) => {
      const ws = wb.addWorksheet('Visits');
      ws.addRow(['timestamp', 'visitor_id']);
      ws.addRow([new Date(Date.UTC(2024, 2, 31, 14, 30)), 'v1']).getCell(1).numFmt = 'yyyy-mm-dd hh:mm';
    });
    const raw = await readInput(file);
    const { workbook } = ingestWorkbook(raw, { tz: 'Europe/Amsterdam', locale: null, currency: null });
    // 14:30 summer time in Amsterdam (UTC+2, DST began that morning) is 12:30 UTC.
    expect(workbook.visits[0].timestamp).toBe(Date.UTC(2024, 2, 31, 12, 30));
  });

  it('reads every sheet of a workbook exceljs wrote (workbook.xml stored last) every time', async () => {
    // exceljs's own streaming pass dropped the archive's last parts about one read in three (exceljs #3064).
    const file = path.join(scratchDir(), 'exceljs-written.xlsx');
    await writeWorkbook(file, (wb) => {
      wb.addWorksheet('Campaigns').addRows([['campaign_id', 'name'], ['C1', 'Spring']]);
      wb.addWorksheet('Assets').addRows([['asset_id', 'campaign_id', 'type'], ['A1', 'C1', 'email']]);
      wb.addWorksheet('Visits').addRows([['timestamp', 'visitor_id'], ['2024-03-01', 'v1']]);
      wb.addWorksheet('Deals').addRows([['deal_id', 'amount'], ['D1', 1000]]);
      wb.addWorksheet('Contacts').addRows([['contact_id'], ['K1']]);
    });
    for (let read = 0; read < 12; read++) {
      expect(await readInput(file)).toEqual({
        Campaigns: [['campaign_id', 'name'], ['C1', 'Spring']],
        Assets: [['asset_id', 'campaign_id', 'type'], ['A1', 'C1', 'email']],
        Visits: [['timestamp', 'visitor_id'], ['2024-03-01', 'v1']],
        Deals: [['deal_id', 'amount'], ['D1', 1000]],
        Contacts: [['contact_id'], ['K1']],
      });
    }
  });

  it('names each sheet from workbook.xml, its relationship written absolute as openpyxl (pandas) writes it', async () => {
    const file = path.join(scratchDir(), 'openpyxl-style.xlsx');
    await writeWorkbook(file, (wb) => {
      wb.addWorksheet('Notes').addRow(['not input']);
      wb.addWorksheet('Deals').addRow(['deal_id']);
    });
    const zip = await JSZip.loadAsync(readFileSync(file));
    const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
    zip.file('xl/_rels/workbook.xml.rels', rels.replace(/Target="worksheets\//g, 'Target="/xl/worksheets/'));
    writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    expect(await readInput(file)).toEqual({ Deals: [['deal_id']] });
  });

  it('reads Japanese text as Excel shows it, not its phonetic reading (furigana), in shared and inline strings', async () => {
    const file = path.join(scratchDir(), 'furigana.xlsx');
    await writeWorkbook(file, (wb) => {
      const sheet = wb.addWorksheet('Campaigns');
      sheet.addRow(['campaign_id', 'name']);
      sheet.addRow(['C1', 'SPRING']);
      sheet.addRow(['C2', 'SUMMER']);
    });
    const zip = await JSZip.loadAsync(readFileSync(file));
    const strings = await zip.file('xl/sharedStrings.xml')!.async('string');
    zip.file('xl/sharedStrings.xml', strings.replace('<t>SPRING</t>',
      '<t>春の新製品発表</t><rPh sb="0" eb="1"><t>ハル</t></rPh><rPh sb="2" eb="7"><t>シンセイヒンハッピョウ</t></rPh><phoneticPr fontId="1"/>'));
    const sheetXml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    // C2's name as an inline string with its reading.
    zip.file('xl/worksheets/sheet1.xml', sheetXml.replace(/<c r="B3"[^>]*>[\s\S]*?<\/c>/,
      '<c r="B3" t="inlineStr"><is><t>夏祭り</t><rPh sb="0" eb="1"><t>ナツ</t></rPh><rPh sb="1" eb="2"><t>マツ</t></rPh></is></c>'));
    writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    expect((await readInput(file)).Campaigns).toEqual([['campaign_id', 'name'], ['C1', '春の新製品発表'], ['C2', '夏祭り']]);
  });

  it('reads a workbook whose SpreadsheetML is bound to a prefix (<x:worksheet>, as .NET\'s Open XML SDK writes it)', async () => {
    const file = path.join(scratchDir(), 'prefixed.xlsx');
    await writeWorkbook(file, (wb) => {
      wb.addWorksheet('Campaigns').addRows([
        ['campaign_id', 'name', 'created_at'], ['C1', 'Spring', new Date(Date.UTC(2024, 2, 31, 14, 30))], ['C2', 'see xmlns:x="y" <x:b>', null],
      ]);
      wb.addWorksheet('Deals').addRows([['deal_id', 'amount'], ['D1', 1000]]);
    });
    const zip = await JSZip.loadAsync(readFileSync(file));
    const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
    for (const part of ['xl/workbook.xml', 'xl/styles.xml', 'xl/sharedStrings.xml', 'xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml']) {
      const xml = await zip.file(part)!.async('string');
      // Every element of the default namespace gets the prefix x:, declared in its place.
      const prefixed = xml.replace(/<(\/?)([A-Za-z][\w]*)(?=[\s>/])/g, '<$1x:$2').replace(`xmlns="${MAIN}"`, `xmlns:x="${MAIN}"`);
      expect(prefixed).toContain('</x:');
      zip.file(part, prefixed);
    }
    writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    expect(await readInput(file)).toEqual({
      // Text that reads like the prefix's tags or declaration stays as it is.
      Campaigns: [['campaign_id', 'name', 'created_at'], ['C1', 'Spring', MARCH_31_2024_1430], ['C2', 'see xmlns:x="y" <x:b>']],
      Deals: [['deal_id', 'amount'], ['D1', 1000]],
    });
  });

  it('matches sheet names loosely, ignores unknown sheets and keeps blank rows in place', async () => {
    const file = path.join(scratchDir(), 'names.xlsx');
    await writeWorkbook(file, (wb) => {
      wb.addWorksheet('Notes').addRow(['not input']);
      const deals = wb.addWorksheet('deals');
      deals.getRow(1).values = ['deal_id'];
      deals.getRow(3).values = ['D1'];
      wb.addWorksheet('Deal contacts').addRow(['deal_id']);
    });
    const raw = await readInput(file);
    expect(Object.keys(raw).sort()).toEqual(['DealContacts', 'Deals']);
    expect(raw.Deals).toEqual([['deal_id'], [], ['D1']]);
  });

  it('reads formulas as their result, rich text and hyperlinks as their text', async () => {
    const file = path.join(scratchDir(), 'cells.xlsx');
    await writeWorkbook(file, (wb) => {
      const ws = wb.addWorksheet('Deals');
      ws.addRow(['amount', 'name', 'url', 'won']);
      ws.addRow([
        { formula: 'SUM(1,2)', result: 3 },
        { richText: [{ text: 'Spring ' }, { font: { bold: true }, text: 'launch' }] },
        { text: 'landing page', hyperlink: 'https://example.com/lp' },
        true,
      ]);
    });
    const raw = await readInput(file);
    expect(raw.Deals?.[1]).toEqual([3, 'Spring launch', 'landing page', true]);
  });

  it('hands a Deals amount\'s currency that only its number format shows to ingest: another currency is not summed', async () => {
    const file = path.join(scratchDir(), 'formats.xlsx');
    await writeWorkbook(file, (wb) => {
      const ws = wb.addWorksheet('Deals');
      ws.addRow(['Record ID', 'Amount', 'Deal Stage', 'Create Date', 'Associated Contact IDs']);
      ws.addRow(['D1', 1000, 'open', '2024-02-01', 'K1']).getCell(2).numFmt = '[$$-409]#,##0.00';
      ws.addRow(['D2', 1000, 'open', '2024-02-01', 'K1']).getCell(2).numFmt = '[$£-809]#,##0.00';
      ws.addRow(['D3', 1000, 'open', '2024-02-01', 'K1']).getCell(2).numFmt = '[$€-407] #,##0.00';
      ws.addRow(['D4', 250, 'open', '2024-02-01', 'K1']).getCell(2).numFmt = '#,##0.00';
      // Only the amount column: a number elsewhere keeps its value whatever its format.
      const row = ws.addRow(['D5', 40.5, 'open', '2024-02-01', 12]);
      row.getCell(5).numFmt = '[$$-409]0';
    });
    const raw = await readInput(file);
    expect(raw.Deals?.slice(1).map((row) => row[1])).toEqual(['USD 1000', 'GBP 1000', 'EUR 1000', 250, 40.5]);
    expect(raw.Deals?.[5][4]).toBe(12);
    const { workbook, problems } = ingestWorkbook(raw, { tz: 'UTC', locale: null, currency: 'EUR' });
    expect(problems.filter((p) => p.messageId === 'ingest.currency_other').map((p) => [p.severity, p.row, p.params])).toEqual([
      ['warning', 2, { currency: 'USD', workbook: 'EUR' }],
      ['warning', 3, { currency: 'GBP', workbook: 'EUR' }],
    ]);
    // The euro deals and the unformatted ones are kept: 1000 + 250 + 40.5.
    expect(workbook.deals.map((d) => [d.id, d.amount])).toEqual([['D3', 1000], ['D4', 250], ['D5', 40.5]]);
  });

  it('does the same for a spend amount and a campaign budget', async () => {
    const file = path.join(scratchDir(), 'spend-formats.xlsx');
    await writeWorkbook(file, (wb) => {
      const campaigns = wb.addWorksheet('Campaigns');
      campaigns.addRow(['campaign_id', 'name', 'created_at', 'budget']);
      campaigns.addRow(['C1', 'Spring', '2024-01-01', 3100]).getCell(4).numFmt = '[$£-809]#,##0';
      const spend = wb.addWorksheet('Spend');
      spend.addRow(['date', 'campaign_id', 'amount']);
      spend.addRow(['2024-03-01', 'C1', 100]).getCell(3).numFmt = '[$€-407] #,##0.00';
      spend.addRow(['2024-03-02', 'C1', 20]).getCell(3).numFmt = '[$$-409]#,##0.00';
    });
    const raw = await readInput(file);
    expect(raw.Campaigns?.[1][3]).toBe('GBP 3100');
    expect(raw.Spend?.slice(1).map((row) => row[2])).toEqual(['EUR 100', 'USD 20']);
  });

  it('rejects a path that is neither an .xlsx file nor a folder, or that does not exist, as a usage error saying which', async () => {
    const dir = scratchDir();
    const txt = path.join(dir, 'data.txt');
    writeFileSync(txt, 'x');
    await expect(readInput(txt)).rejects.toMatchObject({ messageId: 'cli.input_missing', exitCode: 2 });
    await expect(readInput(path.join(dir, 'sampel.xlsx'))).rejects.toMatchObject({ messageId: 'cli.input_not_found', exitCode: 2 });
  });

  it('reads a workbook whose name ends in .XLSX, as Windows may write it', async () => {
    const file = path.join(scratchDir(), 'REPORT.XLSX');
    await writeWorkbook(file, (wb) => wb.addWorksheet('Campaigns').addRow(['campaign_id', 'name']));
    expect((await readInput(file)).Campaigns).toEqual([['campaign_id', 'name']]);
  });

  it('reports a damaged workbook as unreadable input', async () => {
    const file = path.join(scratchDir(), 'broken.xlsx');
    writeFileSync(file, 'this is not a zip file');
    const error = await readInput(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ messageId: 'cli.xlsx_invalid', exitCode: 1 });
  });
});

describe('readInput: CSV folder', () => {
  it('reads the known files by name in any case (the extension too), as rows of strings', async () => {
    const dir = scratchDir();
    writeFileSync(path.join(dir, 'Campaigns.csv'), '\uFEFFcampaign_id,name\r\nC1,"Spring, 2026"\r\n');
    writeFileSync(path.join(dir, 'deal_contacts.CSV'), 'deal_id;contact_id\nD1;CT1\n');
    writeFileSync(path.join(dir, 'readme.txt'), 'ignored');
    mkdirSync(path.join(dir, 'visits.csv.d'));
    const raw = await readInput(dir);
    expect(raw).toEqual({
      Campaigns: [['campaign_id', 'name'], ['C1', 'Spring, 2026']],
      DealContacts: [['deal_id', 'contact_id'], ['D1', 'CT1']],
    });
  });

  it('reads tabs downloaded from Google Sheets ("<spreadsheet> - <tab>.csv") and Excel\'s Unicode Text (.txt, UTF-16, tab separated)', async () => {
    const dir = scratchDir();
    writeFileSync(path.join(dir, 'Kestrel campaigns - Campaigns.csv'), 'campaign_id,name\r\nC1,Spring\r\n');
    writeFileSync(path.join(dir, 'Kestrel campaigns - Notes.csv'), 'not a sheet\r\n');
    writeFileSync(path.join(dir, 'deals.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('deal_id\tamount\r\nD1\t12,50\r\n', 'utf16le')]));
    expect(await readInput(dir)).toEqual({
      Campaigns: [['campaign_id', 'name'], ['C1', 'Spring']],
      Deals: [['deal_id', 'amount'], ['D1', '12,50']],
    });
    // Assets and Visits have no file: ingest's "missing" says which file each is read from, and names the CSV files passed over.
    const { problems } = ingestWorkbook(await readInput(dir), { tz: 'UTC', locale: null, currency: null });
    const missing = (await withFolderFileNames(problems, dir)).filter((p) => p.row === null && p.column === null);
    expect(missing.map((p) => [p.sheet, formatMessage(p.messageId, p.params)])).toEqual(['Assets', 'Visits'].map((sheet) => [sheet,
      `The sheet "${sheet}" is missing: the folder has no ${sheet.toLowerCase()}.csv (a tab downloaded from Google Sheets as "… - ${sheet}.csv" is read too). `
        + 'Files in the folder read as no sheet: Kestrel campaigns - Notes.csv.']));
    // The same sheet twice, downloaded and by its own name: neither is guessed.
    writeFileSync(path.join(dir, 'campaigns.csv'), 'campaign_id,name\r\n');
    await expect(readInput(dir)).rejects.toMatchObject({ messageId: 'cli.input_file_twice', exitCode: 1 });
  });
});

describe('xlsxCellValue', () => {
  it('maps exceljs values to plain cells', () => {
    expect(xlsxCellValue(undefined)).toBeNull();
    expect(xlsxCellValue({ error: '#N/A' })).toBe('#N/A');
    expect(xlsxCellValue({ formula: 'A1/0', result: NaN })).toBe(null);
    expect(xlsxCellValue({ formula: 'TODAY()', result: new Date(Date.UTC(1900, 0, 1)) })).toBe(2);
    expect(xlsxCellValue({ sharedFormula: 'B2', result: 'x' })).toBe('x');
  });
});
