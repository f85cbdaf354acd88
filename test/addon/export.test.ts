import { widestRow } from '../../src/addon/report-copy';
import vm from 'node:vm';
import { ALL_TABLES, DATA_SHEETS, addon, overTheWire, TZ, workbook } from '../support/campaign-workbook';
import { DRIVE_FILES_API, DRIVE_UPLOAD_API, fixedClock, SHEETS_API, TOKEN, type FetchedRequest, type GoogleFakes } from '../support/gas-fakes-services';
import { userChart } from '../support/gas-fakes';

// "Export" through dist/Code.js: the report computed for the chosen model, just the chosen sections written
// into a temporary spreadsheet made through the Sheets API, exported by the export endpoint with the
// script's token, saved to Drive and/or mailed, and the temporary spreadsheet trashed whatever happens.

/** 07:00 in Amsterdam on 2024-04-21: "today" for the report and the file names. */
const NOW = Date.UTC(2024, 3, 21, 5, 0);
const ME = 'marketer@example.com';
const AUTH = 'https://www.googleapis.com/auth/';
/** User property: the copies made and not yet trashed (report-copy.ts). */
const PENDING_COPIES = 'campaignAnalytics.pendingCopies';
const MINUTE = 60 * 1000;
const DAY = 24 * 60 * MINUTE;

interface CopyBody {
  properties: { title: string; locale: string; timeZone: string };
  sheets: Array<{
    properties: { sheetId: number; title: string; gridProperties: { rowCount: number; columnCount: number; frozenRowCount: number } };
    data: Array<{ rowData: Array<{ values: Array<{ userEnteredValue?: { stringValue?: string; numberValue?: number } }> }> }>;
  }>;
}

const copyBody = (google: GoogleFakes) => google.requests[0].body as CopyBody;
/** A copied sheet's cells as values, '' for an empty cell; numbers to 9 decimals (thirds of 800 credited three times add up to 799.99…). */
const cellsOf = (sheet: CopyBody['sheets'][number]) => sheet.data[0].rowData.map((row) => row.values.map((cell) => {
  const value = cell.userEnteredValue?.stringValue ?? cell.userEnteredValue?.numberValue ?? '';
  return typeof value === 'number' ? Math.round(value * 1e9) / 1e9 : value;
}));
const exportsOf = (google: GoogleFakes) => google.requests.filter((r) => r.url.includes('/export?'));

/** An add-on whose report sheets have been written once (the export repeats their options). */
function withReport(options: Parameters<typeof addon>[0] = {}) {
  const fakes = addon({ now: NOW, ...options });
  fakes.script.runReport();
  fakes.services.calls.length = 0;
  return fakes;
}


/** Drive's API failing with a 500 for the requests `matches` picks: the first `times` of them. */
function driveFailing(matches: (request: FetchedRequest) => boolean, times = Infinity) {
  let failed = 0;
  return (request: FetchedRequest) => (matches(request) && failed++ < times
    ? { status: 500, text: JSON.stringify({ error: { message: 'Backend Error' } }) } : undefined);
}
const trashing = (request: FetchedRequest) => request.method === 'patch' && (request.body as { trashed?: boolean }).trashed === true;
describe('export to Drive', () => {
  test('all sections as PDF: a temporary copy of the report sheets only, exported with the token, saved, and the copy trashed', () => {
    const { script, google, services } = withReport();
    const result = overTheWire(script.exportReport({ format: 'pdf', tables: null, model: null, drive: true, email: false }));

    const [create, charts, exported] = google.requests;
    // Redirects are followed (UrlFetchApp's default): the export endpoint may hand the file over from another host.
    const call = (r: FetchedRequest) => ({ url: r.url, method: r.method, headers: r.headers, muteHttpExceptions: r.muteHttpExceptions });
    const checked = { headers: { Authorization: `Bearer ${TOKEN}` }, muteHttpExceptions: true };
    expect(call(create)).toEqual({ url: SHEETS_API, method: 'post', ...checked });
    expect(create.contentType).toBe('application/json');
    expect(call(charts)).toEqual({ url: `${SHEETS_API}/copy-1:batchUpdate`, method: 'post', ...checked });
    expect(call(exported)).toEqual({
      url: 'https://docs.google.com/spreadsheets/d/copy-1/export?format=pdf&size=A4&portrait=false&fitw=true&gridlines=false'
        + '&printtitle=false&sheetnames=true&pagenum=CENTER&fzr=true',
      method: 'get', ...checked,
    });

    // The copy: every report sheet, in report order, and nothing of the data sheets.
    const body = copyBody(google);
    expect(body.properties).toEqual({ title: 'Campaign data - export in progress (deleted automatically)', locale: 'en_IE', timeZone: TZ });
    expect(body.sheets.map((s) => s.properties.title)).toEqual(ALL_TABLES);
    expect(body.sheets.map((s) => s.properties.sheetId)).toEqual(ALL_TABLES.map((_, i) => i + 1));
    for (const name of DATA_SHEETS) expect(body.sheets.map((s) => s.properties.title)).not.toContain(name);
    expect(JSON.stringify(body)).not.toMatch(/visitor_id|utm_campaign=summer|keep this/);
    const overview = body.sheets[0];
    expect(cellsOf(overview).slice(3)).toEqual([
      ['Campaign', 'Sessions', 'Sessions goal', 'Sessions % of goal', 'New contacts', 'New contacts goal', 'New contacts % of goal',
        'Influenced contacts', 'Influenced contacts goal', 'Influenced contacts % of goal'],
      ['Spring launch', 1, 10, 0.1, 1, '', '', 1, '', ''],
      ['Summer', 2, 5, 0.4, 1, '', '', 1, '', ''],
      ['(no campaign)', 0, '', '', 0, '', '', 0, '', ''],
    ]);
    expect(overview.properties.gridProperties.frozenRowCount).toBe(4);
    expect(cellsOf(body.sheets[1]).slice(4)).toEqual([
      ['Spring launch', 1200, 1, 1200, 1, 1200], ['Summer', 800, 1, 800, 1, 800], ['(no campaign)', 0, 0, 0, 0, 0], ['Total', 2000, '', '', '', ''],
    ]);

    // Formats go in one run at a time: a number format down a column, a style along a row.
    type BatchRequest = { repeatCell?: { range: { sheetId: number }; fields: string }; addChart?: { chart: { spec: object; position: unknown } } };
    const requests = (charts.body as { requests: BatchRequest[] }).requests;
    const overviewFormats = requests.filter((r) => r.repeatCell?.range.sheetId === 1).map((r) => r.repeatCell!);
    const column = (c: number) => overviewFormats.filter((f) => JSON.stringify(f).includes(`"startColumnIndex":${c},"endColumnIndex":${c + 1}`));
    expect(column(1)).toEqual([
      { range: { sheetId: 1, startRowIndex: 0, endRowIndex: 4, startColumnIndex: 1, endColumnIndex: 2 }, cell: { userEnteredFormat: { numberFormat: { type: 'TEXT' } } }, fields: 'userEnteredFormat.numberFormat' },
      { range: { sheetId: 1, startRowIndex: 4, endRowIndex: 7, startColumnIndex: 1, endColumnIndex: 2 }, cell: { userEnteredFormat: { numberFormat: { type: 'NUMBER', pattern: '#,##0' } } }, fields: 'userEnteredFormat.numberFormat' },
    ]);
    const wholeRow = (r: number) => ({ sheetId: 1, startRowIndex: r, endRowIndex: r + 1, startColumnIndex: 0, endColumnIndex: 10 });
    expect(overviewFormats.filter((f) => f.fields !== 'userEnteredFormat.numberFormat')).toEqual([
      { range: wholeRow(0), cell: { userEnteredFormat: { textFormat: { bold: true } } }, fields: 'userEnteredFormat.textFormat.bold' },
      { range: wholeRow(2), cell: { userEnteredFormat: { textFormat: { foregroundColor: { red: 0x59 / 255, green: 0x59 / 255, blue: 0x59 / 255 } } } }, fields: 'userEnteredFormat.textFormat.foregroundColor' },
      { range: wholeRow(3), cell: { userEnteredFormat: { textFormat: { bold: true } } }, fields: 'userEnteredFormat.textFormat.bold' },
      { range: wholeRow(3), cell: { userEnteredFormat: { backgroundColor: { red: 0xdd / 255, green: 0xe4 / 255, blue: 0xee / 255 } } }, fields: 'userEnteredFormat.backgroundColor' },
    ]);

    // The charts are drawn over the copy's own cells: the overview's over the header and the three campaign rows.
    const overviewChart = requests.filter((r) => r.addChart).find((r) => (r.addChart!.chart.position as { overlayPosition: { anchorCell: { sheetId: number } } })
      .overlayPosition.anchorCell.sheetId === 1)!.addChart!.chart;
    const range = (column: number) => ({ sourceRange: { sources: [{ sheetId: 1, startRowIndex: 3, endRowIndex: 7, startColumnIndex: column, endColumnIndex: column + 1 }] } });
    expect(overviewChart).toEqual({
      spec: {
        title: 'Overview',
        basicChart: {
          chartType: 'COLUMN', legendPosition: 'BOTTOM_LEGEND', headerCount: 1, domains: [{ domain: range(0) }],
          series: [1, 4, 7].map((column) => ({ series: range(column), targetAxis: 'LEFT_AXIS' })),
        },
      },
      position: { overlayPosition: { anchorCell: { sheetId: 1, rowIndex: 3, columnIndex: 11 } } },
    });

    // Then the copy goes to the trash, and through Drive's API (drive.file: DriveApp would need all of Drive) a
    // folder is made and the file uploaded into it, named first and its bytes sent as they are.
    const fileName = 'Campaign data - campaign report (all campaigns, up to 2024-04-21, Linear, first touch).pdf';
    expect(google.requests.slice(3).map((r) => [r.method, r.url, r.headers, r.body])).toEqual([
      ['patch', `${DRIVE_FILES_API}/copy-1?fields=id`, checked.headers, { trashed: true }],
      ['post', `${DRIVE_FILES_API}?fields=id`, checked.headers, { name: 'Campaign analytics exports', mimeType: 'application/vnd.google-apps.folder' }],
      ['post', `${DRIVE_UPLOAD_API}?uploadType=resumable&fields=id`, checked.headers, { name: fileName, parents: ['folder-2'], mimeType: 'application/pdf' }],
      ['put', `${DRIVE_UPLOAD_API}?uploadType=resumable&upload_id=upload-3`, checked.headers, expect.objectContaining({ name: fileName })],
    ]);
    expect(google.requests[6].contentType).toBe('application/pdf');

    // Saved in the add-on's folder, the copy in the trash, nothing mailed.
    const saved = [...google.files.values()].find((f) => f.folder !== null)!;
    expect(saved).toMatchObject({ name: fileName, folder: 'folder-2', trashed: false });
    expect(saved.blob).toMatchObject({ contentType: 'application/pdf', content: expect.stringMatching(/^pdf export of copy-1/) });
    expect(google.folders.get('folder-2')).toEqual({ id: 'folder-2', name: 'Campaign analytics exports', trashed: false });
    expect(google.files.get('copy-1')!.trashed).toBe(true);
    expect(services.userProperties.get(PENDING_COPIES)).toBe('[]');
    // An export copy is private and trashed: nothing in it is protected.
    expect(JSON.stringify(charts.body)).not.toContain('addProtectedRange');
    expect(google.mails).toEqual([]);
    expect(result).toEqual({
      message: `Saved ${fileName} to your Drive: ${saved.url}`, fileName, fileUrl: saved.url, emailedTo: null, tables: expect.any(Array),
    });
    expect(result.tables).toHaveLength(ALL_TABLES.length);
    // Exactly the scopes an export to Drive needs were asked for.
    expect(google.scopeRequests).toEqual([[`${AUTH}spreadsheets.currentonly`, `${AUTH}script.external_request`, `${AUTH}drive.file`]]);
  });

  test('a folder Drive has no more (404) is made anew; one it will not answer for now (403, rate limit) fails the export, not splits the folder', () => {
    const folderCheck = (status: number, reason: string) => (request: FetchedRequest) => (request.method === 'get' && request.url.includes('fields=trashed')
      ? { status, text: JSON.stringify({ error: { code: status, message: reason, errors: [{ reason, message: reason }] } }) } : undefined);
    const gone = withReport({ respond: folderCheck(404, 'notFound') });
    gone.script.exportReport({ format: 'pdf', tables: ['overview'], model: null, drive: true, email: false });
    gone.script.exportReport({ format: 'pdf', tables: ['overview'], model: null, drive: true, email: false });
    expect(gone.google.folders.size).toBe(2);

    const busy = withReport({ respond: folderCheck(403, 'userRateLimitExceeded') });
    busy.script.exportReport({ format: 'pdf', tables: ['overview'], model: null, drive: true, email: false });
    expect(() => busy.script.exportReport({ format: 'pdf', tables: ['overview'], model: null, drive: true, email: false }))
      .toThrow('The file could not be saved to Drive (Google Drive answered 403: userRateLimitExceeded). Nothing was saved or sent.');
    expect(busy.google.folders.size).toBe(1);
    expect(busy.services.userProperties.get('campaignAnalytics.exportFolder')).toBe('folder-2');
  });

  test('XLSX exports the whole copy; a second export reuses the folder', () => {
    const { script, google, services } = withReport();
    script.exportReport({ format: 'xlsx', tables: ['overview'], model: null, drive: true, email: false });
    script.exportReport({ format: 'xlsx', tables: ['overview'], model: null, drive: true, email: false });
    expect(exportsOf(google).map((r) => r.url)).toEqual([
      'https://docs.google.com/spreadsheets/d/copy-1/export?format=xlsx', 'https://docs.google.com/spreadsheets/d/copy-5/export?format=xlsx',
    ]);
    expect(google.folders.size).toBe(1);
    expect(services.userProperties.get('campaignAnalytics.exportFolder')).toBe('folder-2');
    expect([...google.files.values()].filter((f) => f.folder === 'folder-2').map((f) => f.blob!.contentType))
      .toEqual(Array(2).fill('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'));
  });
});

describe('export of what the sidebar shows', () => {
  const onScreen = {
    campaignId: 'C2', model: 'linear', touch: 'first', range: 'custom', from: '2024-04-01', to: '2024-04-30', frequency: 'monthly',
    channels: 'campaign', markovOrder: 1,
  };

  test('the sidebar\'s campaign and dates, not the last written report\'s (all campaigns, all dates), with the model chosen', () => {
    const { script, google, services } = withReport();
    const lastReport = services.documentProperties.get('campaignAnalytics.lastReport');
    const userOptions = [...services.userProperties.entries()];
    script.exportReport({ format: 'xlsx', tables: ['overview', 'revenue_attribution'], model: 'u_shaped', drive: true, email: false, options: onScreen });

    const [overview, attribution] = copyBody(google).sheets;
    expect(cellsOf(overview)[2][0]).toMatch(/^Attribution model: U-shaped · New contacts: first touch · Range: 2024-04-01 to 2024-04-30 /);
    // Summer alone; in April: the summer-tagged page view of 04-08 (the e-mail click is no session), its deal closed 04-20.
    expect(cellsOf(overview).slice(4).map((row) => row.slice(0, 2))).toEqual([['Summer', 1]]);
    expect(cellsOf(attribution).slice(4).map((row) => row.slice(0, 2))).toEqual([['Summer', 800], ['Total', 800]]);
    // An export changes neither the report as written nor the user's options.
    expect(services.documentProperties.get('campaignAnalytics.lastReport')).toBe(lastReport);
    expect([...services.userProperties.entries()].filter(([key]) => key !== 'campaignAnalytics.exportFolder' && key !== PENDING_COPIES)).toEqual(userOptions);
  });

  test('the file is named for the campaign, range, model (Markov with its order), touch and lookback window it holds: other exports of the same day are told apart', () => {
    const { script, google } = withReport();
    const march = { ...onScreen, campaignId: 'C1', from: '2024-03-01', to: '2024-03-31' };
    for (const options of [march, onScreen, { ...onScreen, touch: 'last' }, { ...onScreen, lookbackDays: 30 }, { ...onScreen, model: 'markov', markovOrder: 2 }]) {
      script.exportReport({ format: 'pdf', tables: ['overview'], model: null, drive: true, email: true, options });
    }
    const names = [
      'Campaign data - campaign report (Spring launch, 2024-03-01 to 2024-03-31, Linear, first touch).pdf',
      'Campaign data - campaign report (Summer, 2024-04-01 to 2024-04-30, Linear, first touch).pdf',
      'Campaign data - campaign report (Summer, 2024-04-01 to 2024-04-30, Linear, last touch).pdf',
      'Campaign data - campaign report (Summer, 2024-04-01 to 2024-04-30, Linear, first touch, lookback window 30 days).pdf',
      'Campaign data - campaign report (Summer, 2024-04-01 to 2024-04-30, Markov chain of order 2, first touch).pdf',
    ];
    expect([...google.files.values()].filter((f) => f.folder !== null).map((f) => f.name)).toEqual(names);
    expect(google.mails.map((mail) => mail.subject)).toEqual(names.map((name) => `Campaign report: ${name}`));
  });

  test('a report of several campaigns is named by their number', () => {
    const { script, google } = withReport({ reportOptions: { campaignIds: ['C1', 'C2'], from: '2024-03-01', to: '2024-04-30' } });
    script.exportReport({ format: 'pdf', tables: ['overview'], model: 'first_interaction', drive: true, email: false });
    expect([...google.files.values()].filter((f) => f.folder !== null).map((f) => f.name))
      .toEqual(['Campaign data - campaign report (2 campaigns, 2024-03-01 to 2024-04-30, First interaction, first touch).pdf']);
  });

  test('sections of the written report that Summer alone does not have are left out, and the message names them as the sidebar does', () => {
    const { script, google } = withReport();
    const result = script.exportReport({
      format: 'pdf', tables: ['overview', 'over_time_workbook', 'assets_landing_page'], model: null, drive: true, email: false, options: onScreen,
    });
    // One campaign has no whole-workbook chart, and Summer's only asset is an e-mail (the landing page is Spring launch's).
    expect(copyBody(google).sheets.map((s) => s.properties.title)).toEqual(['Overview']);
    expect(result.tables).toEqual(['overview']);
    const saved = [...google.files.values()].find((f) => f.folder !== null)!;
    expect(result.message).toBe(`Saved Campaign data - campaign report (Summer, 2024-04-01 to 2024-04-30, Linear, first touch).pdf to your Drive: ${saved.url}\n`
      + 'Left out, as the report for these options does not have them: Contacts and sessions over time, whole workbook, Assets: Landing pages.');
  });

  test('none of the sections ticked in the report for these options: refused, naming them, before any work', () => {
    const { script, google } = withReport();
    expect(() => script.exportReport({ format: 'pdf', tables: ['over_time_workbook'], model: null, drive: true, email: false, options: onScreen })).toThrow(
      'The report for these options has none of the sections chosen (Contacts and sessions over time, whole workbook). Nothing was saved or sent. '
      + 'Choose other sections, or other options.',
    );
    expect(google.requests).toEqual([]);
  });

  test('a report written with U-shaped lists the even split\'s drill-down; exported with Linear, that is the model\'s drill-down', () => {
    const { script, google } = withReport({ reportOptions: { model: 'u_shaped' } });
    expect(overTheWire(script.listReportSections()).map((s: { table: string }) => s.table)).toContain('drill_down_even_split');
    const result = script.exportReport({ format: 'pdf', tables: ['overview', 'drill_down_even_split'], model: 'linear', drive: true, email: false });
    const [, drillDown] = copyBody(google).sheets;
    expect(drillDown.properties.title).toBe('Revenue drill-down: every credited interaction');
    expect(cellsOf(drillDown)[1][0]).toBe('Model: Linear');
    // D1: k1's one page view gets all of 1,200; D2: k2's three interactions a third of 800 each.
    expect(cellsOf(drillDown).slice(4).map((row) => [row[1], row[9]])).toEqual([
      ['Big deal', 1200], ['Summer deal', 266.666666667], ['Summer deal', 266.666666667], ['Summer deal', 266.666666667],
    ]);
    expect(result.tables).toEqual(['overview', 'drill_down']);
    expect(result.message).not.toMatch(/Left out/);
  });

  test('options the sidebar cannot have meant are refused before any work', () => {
    const { script, google } = withReport();
    expect(() => script.exportReport({
      format: 'pdf', tables: null, model: null, drive: true, email: false, options: { ...onScreen, from: '2024-05-01' },
    })).toThrow(/2024-05-01/);
    expect(google.requests).toEqual([]);
  });
});

describe('export by e-mail', () => {
  test('chosen sections as CSV with another model: one CSV per section (its sheet and cells), zipped and mailed to the user', () => {
    const { script, google } = withReport();
    const result = script.exportReport({ format: 'csv', tables: ['revenue_attribution', 'overview'], model: 'u_shaped', drive: false, email: true });

    const body = copyBody(google);
    // Report order, whatever order they were asked in; no charts in a CSV.
    expect(body.sheets.map((s) => s.properties.title)).toEqual(['Overview', 'Revenue attribution']);
    expect(JSON.stringify(google.requests.find((r) => r.url.endsWith(':batchUpdate'))!.body)).not.toContain('addChart');
    // D1 1200 + D2 800 closed won in the whole workbook, both with interactions to credit.
    expect(cellsOf(body.sheets[1])[1][0]).toBe('Model: U-shaped. Whole workbook in this range: closed-won revenue €2,000.00, of which unattributed (no interaction to credit) €0.00.');
    expect(cellsOf(body.sheets[1])[2][0]).toMatch(/^Attribution model: U-shaped · /);
    expect(cellsOf(body.sheets[1]).slice(4).map((row) => row.slice(0, 2))).toEqual([
      ['Spring launch', 1200], ['Summer', 800], ['(no campaign)', 0], ['Total', 2000],
    ]);
    // Overview: 10 columns, 4 heading rows and 3 campaigns; revenue attribution: 7 columns, 3 campaigns and the totals.
    expect(exportsOf(google).map((r) => r.url)).toEqual([
      'https://docs.google.com/spreadsheets/d/copy-1/export?format=csv&gid=1&range=A1%3AJ7',
      'https://docs.google.com/spreadsheets/d/copy-1/export?format=csv&gid=2&range=A1%3AG8',
    ]);
    expect(exportsOf(google).every((r) => r.headers.Authorization === `Bearer ${TOKEN}`)).toBe(true);

    expect(google.mails).toHaveLength(1);
    const [mail] = google.mails;
    const zipName = 'Campaign data - campaign report (all campaigns, up to 2024-04-21, U-shaped, first touch).zip';
    expect(mail).toMatchObject({ to: 'marketer@example.com', name: 'Campaign analytics', subject: `Campaign report: ${zipName}` });
    expect(mail.body).toBe('The campaign report of "Campaign data" is attached (Overview, Revenue attribution).\n'
      + 'The spreadsheet: https://docs.google.com/spreadsheets/d/spreadsheet-1/edit');
    expect(mail.attachments.map((a) => ({ name: a.name, files: a.files.map((f) => [f.name, f.contentType]) }))).toEqual([{
      name: zipName, files: [['Overview.csv', 'text/csv'], ['Revenue attribution.csv', 'text/csv']],
    }]);
    expect(google.mail.quota).toBe(99);
    expect(google.files.get('copy-1')!.trashed).toBe(true);
    expect(result.message).toBe(`E-mailed ${zipName} to ${ME}.`);
    expect(google.scopeRequests).toEqual([[
      `${AUTH}spreadsheets.currentonly`, `${AUTH}script.external_request`, `${AUTH}drive.file`, `${AUTH}script.send_mail`, `${AUTH}userinfo.email`,
    ]]);
  });

  test('a CSV opens as the text it is: a name Excel would run as a formula keeps an apostrophe before it, numbers stay numbers', () => {
    const sheets = workbook();
    sheets.Campaigns[1][1] = '=HYPERLINK("https://evil.example","Spring")';
    sheets.Campaigns[2][1] = '+31 summer';
    const { script, google } = withReport({ sheets });
    script.exportReport({ format: 'csv', tables: ['revenue_attribution'], model: null, drive: false, email: true });
    expect(cellsOf(copyBody(google).sheets[0]).slice(4).map((row) => row.slice(0, 2))).toEqual([
      ['\'=HYPERLINK("https://evil.example","Spring")', 1200], ['\'+31 summer', 800], ['(no campaign)', 0], ['Total', 2000],
    ]);
    // A PDF or .xlsx keeps each cell a text cell (stringValue): the name is shown as written.
    const pdf = withReport({ sheets });
    pdf.script.exportReport({ format: 'pdf', tables: ['revenue_attribution'], model: null, drive: false, email: true });
    expect(cellsOf(copyBody(pdf.google).sheets[0])[4][0]).toBe('=HYPERLINK("https://evil.example","Spring")');
  });

  test('one CSV section is mailed as one .csv file', () => {
    const { script, google } = withReport();
    script.exportReport({ format: 'csv', tables: ['overview'], model: null, drive: true, email: true });
    expect(google.mails[0].attachments.map((a) => [a.name, a.contentType])).toEqual([['Campaign data - campaign report (all campaigns, up to 2024-04-21, Linear, first touch).csv', 'text/csv']]);
    expect([...google.files.values()].filter((f) => f.folder !== null).map((f) => f.name)).toEqual(['Campaign data - campaign report (all campaigns, up to 2024-04-21, Linear, first touch).csv']);
  });

  test('a spreadsheet in a country that prints on US Letter (en_US, fr_CA) gets Letter pages; en_IE gets A4 (above)', () => {
    for (const locale of ['en_US', 'fr_CA']) {
      const { script, google } = withReport({ locale });
      script.exportReport({ format: 'pdf', tables: ['overview'], model: null, drive: true, email: false });
      expect(exportsOf(google).map((r) => new URL(r.url).searchParams.get('size'))).toEqual(['letter']);
    }
  });

  test('a mail quota of exactly the recipients needed is enough: the day\'s last e-mail goes out', () => {
    const { script, google } = withReport({ mailQuota: 1 });
    script.exportReport({ format: 'csv', tables: ['overview'], model: null, drive: false, email: true });
    expect(google.mails).toHaveLength(1);
  });

  test('the mail quota spent: a clear message, checked before any work', () => {
    const { script, google, book } = withReport({ mailQuota: 0 });
    const sheetsBefore = book.sheets.map((s) => s.name);
    expect(() => script.exportReport({ format: 'pdf', tables: null, model: null, drive: true, email: true })).toThrow(
      'Today\'s e-mail quota is spent: Google lets the add-on e-mail 0 more recipient(s) today, and this needs 1. Nothing was done. '
      + 'Try again tomorrow, or save to Drive instead.',
    );
    expect(google.requests).toEqual([]);
    expect(google.files.size).toBe(0);
    expect(book.sheets.map((s) => s.name)).toEqual(sheetsBefore);
  });
});

describe('failures', () => {
  test('the export endpoint fails: the temporary copy is trashed all the same, and nothing is saved or sent', () => {
    const { script, google } = withReport({
      respond: (request) => (request.url.includes('/export?') ? { status: 500, text: JSON.stringify({ error: { message: 'Internal error' } }) } : undefined),
    });
    expect(() => script.exportReport({ format: 'pdf', tables: ['overview'], model: null, drive: true, email: true })).toThrow(
      'Google Sheets could not export the report (it answered 500: Internal error). Nothing was saved or sent.',
    );
    expect(google.files.get('copy-1')!.trashed).toBe(true);
    expect([...google.files.values()].filter((f) => !f.trashed)).toEqual([]);
    expect(google.mails).toEqual([]);
  });

  test('the export endpoint redirects to a sign-in page: the page followed to is refused by its type; nothing saved or sent', () => {
    const { script, google } = withReport({
      respond: (request) => (request.url.includes('/export?') ? { status: 302, text: 'Moved Temporarily' } : undefined),
    });
    expect(() => script.exportReport({ format: 'pdf', tables: ['overview'], model: null, drive: true, email: true })).toThrow(
      'Google Sheets did not send the file: it answered with text/html; charset=utf-8 instead of application/pdf (a sign-in page, perhaps). '
      + 'Nothing was saved or sent. Reload the spreadsheet and try again.',
    );
    expect([...google.files.values()].filter((f) => !f.trashed)).toEqual([]);
    expect(google.mails).toEqual([]);
  });

  test.each([
    ['pdf', 'application/pdf'],
    ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['csv', 'text/csv'],
  ])('a %s export answered with a web page instead of the file: refused, nothing saved or sent', (format, expected) => {
    const { script, google } = withReport({
      respond: (request) => (request.url.includes('/export?') ? { status: 200, text: '<html>Sign in</html>', contentType: 'text/html; charset=utf-8' } : undefined),
    });
    expect(() => script.exportReport({ format, tables: ['overview'], model: null, drive: true, email: true })).toThrow(
      `Google Sheets did not send the file: it answered with text/html; charset=utf-8 instead of ${expected} (a sign-in page, perhaps). `
      + 'Nothing was saved or sent. Reload the spreadsheet and try again.',
    );
    expect([...google.files.values()].filter((f) => !f.trashed)).toEqual([]);
    expect(google.mails).toEqual([]);
  });

  test('a file type with parameters (text/csv; charset=utf-8) is still the file', () => {
    const { script, google } = withReport({
      respond: (request) => (request.url.includes('/export?') ? { status: 200, text: 'a,b', contentType: 'text/csv; charset=utf-8' } : undefined),
    });
    script.exportReport({ format: 'csv', tables: ['overview'], model: null, drive: true, email: false });
    expect([...google.files.values()].filter((f) => f.folder !== null).map((f) => f.name)).toEqual(['Campaign data - campaign report (all campaigns, up to 2024-04-21, Linear, first touch).csv']);
  });

  test('the copy cannot be made: the API\'s reason, and no file left behind', () => {
    const { script, google } = withReport({
      respond: (request) => (request.url === SHEETS_API ? { status: 403, text: JSON.stringify({ error: { message: 'The caller does not have permission' } }) } : undefined),
    });
    expect(() => script.exportReport({ format: 'xlsx', tables: null, model: null, drive: true, email: false })).toThrow(
      'The copy of the report could not be made (Google Sheets answered 403: The caller does not have permission). Nothing was exported or shared.',
    );
    expect(google.files.size).toBe(0);
  });

  test.each([
    [{ drive: false, email: false }, 'Choose where the export goes: saved to Drive, e-mailed to you, or both.'],
    [{ model: 'best_guess' }, '"best_guess" is not an attribution model.'],
    [{ format: 'docx' }, 'Cannot export as "docx"; choose one of pdf, xlsx, csv.'],
  ])('a request the add-on cannot carry out (%j) is refused before any work', (change, message) => {
    const { script, google } = withReport();
    expect(() => script.exportReport({ format: 'pdf', tables: null, model: null, drive: true, email: false, ...change })).toThrow(message);
    expect(google.requests).toEqual([]);
  });

  test('a section the report does not have (a data sheet, say) is named, with the sections it has', () => {
    const { script, google } = withReport();
    expect(() => script.exportReport({ format: 'pdf', tables: ['overview', 'Visits'], model: null, drive: true, email: false }))
      .toThrow(/^The report has no section "Visits"\. Its sections: "Overview", "Revenue \(even split\)", "Revenue attribution", "Spend and return", /);
    expect(google.requests).toEqual([]);
  });

  test('scopes the user has not granted: the run stops at the consent prompt, before any work', () => {
    const { script, google } = withReport({ deniedScopes: [`${AUTH}script.send_mail`] });
    expect(() => script.exportReport({ format: 'pdf', tables: null, model: null, drive: false, email: true })).toThrow('Authorization is required');
    expect(google.requests).toEqual([]);
    expect(google.mails).toEqual([]);
  });
});

describe('sections for the sidebar', () => {
  test('one per report sheet: whether it has a chart and whether it lists contacts', () => {
    const { script } = withReport();
    const sections = overTheWire(script.listReportSections());
    expect(sections.map((s: { sheet: string }) => s.sheet)).toEqual(ALL_TABLES);
    expect(sections.find((s: { table: string }) => s.table === 'overview')).toEqual({ table: 'overview', sheet: 'Overview', chart: true, personalData: false });
    expect(sections.find((s: { table: string }) => s.table === 'drill_down')).toEqual({
      table: 'drill_down', sheet: 'Revenue drill-down: every credited interaction', chart: false, personalData: true,
    });
  });

  test('a sheet whose chart the user replaced with their own offers no chart: only the report\'s goes on a dashboard', () => {
    const { script, book } = withReport();
    book.sheet('Overview').charts.splice(0, 1, userChart(900, 'Overview'));
    const sections = overTheWire(script.listReportSections());
    expect(sections.find((s: { table: string }) => s.table === 'overview').chart).toBe(false);
  });
});

describe('what the user gets when the file is big or a step fails: all of it, or nothing half-made', () => {
  const MB = 1024 * 1024;
  const pdfName = 'Campaign data - campaign report (all campaigns, up to 2024-04-21, Linear, first touch).pdf';
  /** The export endpoint answers with a file of `size` bytes. */
  const bigExport = (size: number) => ({
    respond: (request: FetchedRequest) => (request.url.includes('/export?') ? { status: 200, text: 'a big pdf', contentType: 'application/pdf', size } : undefined),
  });
  const kept = (google: GoogleFakes) => [...google.files.values()].filter((f) => !f.trashed);

  test('over 25 MB, saved to Drive and e-mailed: the e-mail holds a link to the file in Drive, no attachment', () => {
    const { script, google } = withReport(bigExport(26 * MB));
    const result = script.exportReport({ format: 'pdf', tables: ['overview'], model: null, drive: true, email: true });
    const [file] = kept(google);
    expect(kept(google)).toHaveLength(1);
    expect(file).toMatchObject({ name: pdfName, folder: expect.stringMatching(/^folder-/) });
    expect(google.mails).toHaveLength(1);
    expect(google.mails[0].attachments).toEqual([]);
    expect(google.mails[0].body).toBe(`The campaign report of "Campaign data" (Overview) is too big to attach (26 MB; an e-mail carries at most 25 MB). It is in your Drive: ${file.url}\n`
      + 'The spreadsheet: https://docs.google.com/spreadsheets/d/spreadsheet-1/edit');
    expect(result.message).toBe(`Saved ${pdfName} to your Drive: ${file.url}\nE-mailed a link to ${pdfName} to ${ME}: at 26 MB it is too big to attach.`);
    expect(result).toMatchObject({ fileUrl: file.url, emailedTo: ME });
  });

  test('at 25 MB exactly, it is still attached', () => {
    const { script, google } = withReport(bigExport(25 * MB));
    script.exportReport({ format: 'pdf', tables: ['overview'], model: null, drive: false, email: true });
    expect(google.mails[0].attachments.map((a) => a.name)).toEqual([pdfName]);
  });

  test('over 25 MB and only e-mailed: refused, saying why and what to do; nothing saved, sent or left behind', () => {
    const { script, google } = withReport(bigExport(30 * MB));
    expect(() => script.exportReport({ format: 'pdf', tables: ['overview'], model: null, drive: false, email: true })).toThrow(
      'The file is 30 MB, more than the 25 MB an e-mail can carry. Nothing was saved or sent. '
      + 'Choose "Save to Drive" as well: the e-mail then holds a link to the file instead.',
    );
    expect(kept(google)).toEqual([]);
    expect(google.mails).toEqual([]);
    expect(google.mail.quota).toBe(100);
  });

  test('the e-mail cannot be sent: the file just saved to Drive goes to the trash, and the message says nothing was saved or sent', () => {
    const { script, google } = withReport({ failOn: { method: 'sendEmail', nth: 1 } });
    expect(() => script.exportReport({ format: 'pdf', tables: ['overview'], model: null, drive: true, email: true })).toThrow(
      /^The e-mail could not be sent \(We're sorry, a server error occurred\. .*MailApp\.sendEmail\)\)\. Nothing was saved or sent\.$/,
    );
    expect(google.mails).toEqual([]);
    expect([...google.files.values()].map((f) => [f.name, f.trashed])).toEqual([
      ['Campaign data - export in progress (deleted automatically)', true], [pdfName, true],
    ]);
  });

  test('what the mail says cannot be read (the spreadsheet\'s address): nothing is saved to Drive either', () => {
    const failOn = { method: 'none', nth: 1 };
    const { script, google } = withReport({ failOn });
    failOn.method = 'getUrl';
    expect(() => script.exportReport({ format: 'pdf', tables: ['overview'], model: null, drive: true, email: true })).toThrow(/simulated failure of Spreadsheet\.getUrl/);
    expect(google.mails).toEqual([]);
    expect([...google.files.values()].map((f) => [f.name, f.trashed])).toEqual([['Campaign data - export in progress (deleted automatically)', true]]);
  });

  test('the e-mail cannot be sent and the saved file cannot be trashed: the message says where the file is', () => {
    // The copy's trash goes through; the saved file's (the second trash) is refused.
    let trashes = 0;
    const { script, google } = withReport({
      failOn: { method: 'sendEmail', nth: 1 },
      respond: driveFailing((request) => trashing(request) && ++trashes === 2),
    });
    expect(() => script.exportReport({ format: 'pdf', tables: ['overview'], model: null, drive: true, email: true })).toThrow(
      /^The e-mail could not be sent \(We're sorry, a server error occurred\. .*\)\. Campaign data - campaign report \(all campaigns, up to 2024-04-21, Linear, first touch\)\.pdf is saved to your Drive: https:\/\/drive\.google\.com\/file\/d\/file-\d+\/view$/,
    );
    expect(google.mails).toEqual([]);
    expect([...google.files.values()].map((f) => [f.name, f.trashed])).toEqual([
      ['Campaign data - export in progress (deleted automatically)', true], [pdfName, false],
    ]);
  });

  test('the file cannot be saved to Drive: nothing is mailed, and the message says nothing was saved or sent', () => {
    const { script, google } = withReport({ respond: driveFailing((request) => request.method === 'put') });
    expect(() => script.exportReport({ format: 'pdf', tables: ['overview'], model: null, drive: true, email: true })).toThrow(
      'The file could not be saved to Drive (Google Drive answered 500: Backend Error). Nothing was saved or sent.',
    );
    expect(google.mails).toEqual([]);
    expect(kept(google)).toEqual([]);
  });
});

describe('Google turns exports away for now (429, 503)', () => {
  const answers = (codes: Record<string, number[]>) => {
    const left = new Map(Object.entries(codes).map(([gid, list]) => [gid, [...list]]));
    return (request: FetchedRequest) => {
      const gid = /[?&]gid=(\d+)/.exec(request.url)?.[1];
      const status = gid === undefined ? undefined : left.get(gid)?.shift();
      return status === undefined ? undefined : { status, text: JSON.stringify({ error: { message: 'Too many requests' } }) };
    };
  };

  test('CSV of all sections: a section answered 429 twice is asked again after a pause, and the export goes through', () => {
    const { script, google } = withReport({ respond: answers({ 3: [429, 429], 7: [503] }) });
    const result = script.exportReport({ format: 'csv', tables: null, model: null, drive: true, email: false });
    const csvs = exportsOf(google).map((r) => /gid=(\d+)/.exec(r.url)![1]);
    expect(csvs.filter((gid) => gid === '3')).toHaveLength(3);
    expect(csvs.filter((gid) => gid === '7')).toHaveLength(2);
    expect(new Set(csvs).size).toBe(ALL_TABLES.length);
    // The pauses go through Utilities.sleep (the stand-in does not wait): 1 s, then 2 s; 1 s for the 503.
    expect(google.sleeps).toEqual([1000, 2000, 1000]);
    const zip = [...google.files.values()].find((f) => f.folder !== null)!;
    expect(zip.blob!.files).toHaveLength(ALL_TABLES.length);
    // File names a zip and Windows take: "/" would unzip as a folder, ":" is refused.
    const names = zip.blob!.files.map((file) => file.name);
    expect(names).toContain('Other campaigns by source - medium.csv');
    expect(names).toContain('Assets - Emails.csv');
    expect(names.filter((name) => /[\\/:*?"<>|]/.test(name))).toEqual([]);
    expect(result.message).toMatch(/^Saved .*\.zip to your Drive: /);
    expect(google.files.get('copy-1')!.trashed).toBe(true);
  });

  test('still turned away after 4 attempts: a clear message; the copy trashed, nothing saved or sent', () => {
    const { script, google } = withReport({ respond: answers({ 2: [429, 429, 429, 429] }) });
    expect(() => script.exportReport({ format: 'csv', tables: null, model: null, drive: true, email: true })).toThrow(
      'Google Sheets kept turning the export away (it answered 429 4 times in a row: too many requests at once, or busy). '
      + 'Nothing was saved or sent. Wait a minute and try again, or export fewer sections.',
    );
    expect(google.sleeps).toEqual([1000, 2000, 4000]);
    // The first section, then the second four times: no more sections asked for.
    expect(exportsOf(google).map((r) => /gid=(\d+)/.exec(r.url)![1])).toEqual(['1', '2', '2', '2', '2']);
    expect([...google.files.values()].filter((f) => !f.trashed)).toEqual([]);
    expect(google.mails).toEqual([]);
  });

  test('another failure (500) is not retried', () => {
    const { script, google } = withReport({ respond: answers({ 1: [500] }) });
    expect(() => script.exportReport({ format: 'csv', tables: ['overview'], model: null, drive: true, email: false }))
      .toThrow('Google Sheets could not export the report (it answered 500: Too many requests). Nothing was saved or sent.');
    expect(google.sleeps).toEqual([]);
    expect(exportsOf(google)).toHaveLength(1);
  });
});

describe('the temporary copy is never left in the user\'s Drive', () => {
  const request = { format: 'pdf', tables: ['overview'], model: null, drive: true, email: false };
  const temporaryCopies = (google: GoogleFakes) => [...google.files.values()].filter((f) => f.name.endsWith('export in progress (deleted automatically)'));
  const pending = (services: { userProperties: Map<string, string> }) => JSON.parse(services.userProperties.get(PENDING_COPIES) ?? '[]');

  test('a run Apps Script kills while exporting leaves its copy; the next export after that run\'s time is up trashes it', () => {
    let killing = true;
    const { script, google, services } = withReport({
      // The time limit strikes while the file is exported: the run just stops, no `finally` runs.
      respond: (r) => {
        while (killing && r.url.includes('/export?'));
        return undefined;
      },
    });
    script.request = request;
    expect(() => vm.runInContext('exportReport(request)', script, { timeout: 1000 })).toThrow(/timed out/);
    killing = false;
    expect(google.files.get('copy-1')!.trashed).toBe(false);
    expect(pending(services)).toEqual([{ id: 'copy-1', at: NOW }]);

    // 5 minutes on, that run might still be going (Apps Script allows 6): its copy stays; this export's own goes.
    script.Date = fixedClock(NOW + 5 * MINUTE);
    script.exportReport(request);
    expect(temporaryCopies(google).map((f) => [f.id, f.trashed])).toEqual([['copy-1', false], ['copy-2', true]]);
    expect(pending(services)).toEqual([{ id: 'copy-1', at: NOW }]);

    // 7 minutes on it cannot be: the leftover goes to the trash.
    script.Date = fixedClock(NOW + 7 * MINUTE);
    script.exportReport(request);
    expect(temporaryCopies(google).filter((f) => !f.trashed)).toEqual([]);
    expect(pending(services)).toEqual([]);
  });

  test('the list of pending copies changes under the user\'s lock (two exports at once lose no record); a lock held elsewhere stops nothing', () => {
    const { script, services } = withReport();
    const before = { ...services.userLock };
    script.exportReport(request);
    // Recorded when made, forgotten when trashed: twice taken, twice let go.
    expect(services.userLock).toEqual({ acquired: before.acquired + 2, released: before.released + 2 });
    expect(pending(services)).toEqual([]);
    const held = withReport({ userLockHeld: true });
    expect(held.script.exportReport(request).message).toMatch(/^Saved /);
    expect(pending(held.services)).toEqual([]);
  });

  test('trashing the copy fails: the export still succeeds, and the next export trashes the copy', () => {
    const { script, google, services } = withReport({ respond: driveFailing(trashing, 1) });
    const result = script.exportReport(request);
    const saved = [...google.files.values()].find((f) => f.folder !== null)!;
    expect(result.message).toBe(`Saved Campaign data - campaign report (all campaigns, up to 2024-04-21, Linear, first touch).pdf to your Drive: ${saved.url}`);
    expect(google.files.get('copy-1')!.trashed).toBe(false);
    expect(pending(services)).toEqual([{ id: 'copy-1', at: NOW }]);

    script.Date = fixedClock(NOW + 7 * MINUTE);
    script.exportReport(request);
    expect(temporaryCopies(google).filter((f) => !f.trashed)).toEqual([]);
    expect(pending(services)).toEqual([]);
  });

  test('a leftover that still cannot be trashed a week on leaves the record (a property holds 9 KB)', () => {
    // Every trash fails: the copy stays recorded, export after export, until it is over 7 days old.
    const { script, services } = withReport({ respond: driveFailing(trashing) });
    const madeAt = () => pending(services).map((c: { at: number }) => c.at);
    script.exportReport(request);
    expect(madeAt()).toEqual([NOW]);
    script.Date = fixedClock(NOW + 6 * DAY);
    script.exportReport(request);
    expect(madeAt()).toEqual([NOW, NOW + 6 * DAY]);
    script.Date = fixedClock(NOW + 7 * DAY + MINUTE);
    script.exportReport(request);
    // The first (a week and a minute old) is given up; the second (a day old) and this export's own stay.
    expect(madeAt()).toEqual([NOW + 6 * DAY, NOW + 7 * DAY + MINUTE]);
  });

  test('the export fails and so does trashing the copy: the message is the export\'s failure', () => {
    const { script } = withReport({
      respond: (r) => (r.url.includes('/export?') ? { status: 500, text: JSON.stringify({ error: { message: 'Internal error' } }) } : driveFailing(trashing)(r)),
    });
    expect(() => script.exportReport(request)).toThrow('Google Sheets could not export the report (it answered 500: Internal error). Nothing was saved or sent.');
  });

  test('a copy bigger than the 50 MB UrlFetchApp sends in one request: refused before anything is made, naming the big section', () => {
    const sheets = workbook();
    // 1,100 won deals like the first, each named with 49,000 characters (a cell holds 50,000): their names alone
    // are 53,900,000 bytes (51.4 MiB) in the drill-down that lists them; the overview is a few kB.
    const [, first] = sheets.Deals;
    for (let i = 0; i < 1100; i++) sheets.Deals.push([`DX${i}`, `${'x'.repeat(48_990)}${String(i).padStart(10, '0')}`, ...first.slice(2)]);
    const { script, google } = addon({ now: NOW, sheets });
    let message = '';
    try {
      script.exportReport({ ...request, tables: ['overview', 'drill_down'] });
    } catch (error) {
      message = (error as Error).message;
    }
    const [, size, rest] = /^The copy would be (\d+) MB(.*)$/s.exec(message) ?? [];
    expect(Number(size)).toBeGreaterThanOrEqual(51);
    expect(rest).toBe(', more than the 50 MB Google takes in one request, so nothing was exported or shared. '
      + 'The biggest sections: Revenue drill-down: every credited interaction. Choose fewer sections, or fewer rows (one campaign, a shorter date range).');
    expect(google.requests).toEqual([]);
    expect(google.files.size).toBe(0);
  });
});

test('the copy\'s width is found for sheets of any length: 200k rows do not overflow the call stack', () => {
  // Math.max(...rows) threw "Maximum call stack size exceeded" somewhere between 125k and 150k rows.
  const rows = Array.from({ length: 200_000 }, (_, i) => (i === 123_456 ? ['a', 'b', 'c'] : ['a']));
  expect(widestRow(rows)).toBe(3);
  expect(widestRow([])).toBe(0);
});
