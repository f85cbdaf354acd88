import { DATA_SHEETS, addon, overTheWire } from '../support/campaign-workbook';
import { DRIVE_FILES_API, fixedClock, SHEETS_API, TOKEN, type GoogleFakes } from '../support/gas-fakes-services';

// "Share with collaborators" through dist/Code.js: the chosen report sheets copied as values into a new
// spreadsheet (Sheets API, the script's token), shared through Drive as viewers or editors; never a data
// sheet; a sheet that lists contacts only after the user confirms; every sheet of the copy protected.

interface CopyBody {
  properties: { title: string };
  sheets: Array<{ properties: { title: string }; data: Array<{ rowData: Array<{ values: Array<{ userEnteredValue?: Record<string, unknown> }> }> }> }>;
}

const copyBody = (google: GoogleFakes) => google.requests[0].body as CopyBody;
const cellsOf = (sheet: CopyBody['sheets'][number]) =>
  sheet.data[0].rowData.map((row) => row.values.map((cell) => (cell.userEnteredValue ? Object.values(cell.userEnteredValue)[0] : '')));
/** Numbers to 9 decimals: thirds of 800 credited three times add up to 799.99…. */
const rounded = (rows: unknown[][]) => rows.map((row) => row.map((v) => (typeof v === 'number' ? Math.round(v * 1e9) / 1e9 : v)));

function withReport(options: Parameters<typeof addon>[0] = {}) {
  const fakes = addon(options);
  fakes.script.runReport();
  return fakes;
}

const AUTH = 'https://www.googleapis.com/auth/';
/** 07:00 in Amsterdam on 2024-04-21. */
const NOW = Date.UTC(2024, 3, 21, 5, 0);
const PENDING_COPIES = 'campaignAnalytics.pendingCopies';
const request = { tables: ['overview'], emails: ['anna@example.com'], role: 'viewer', confirmPersonalData: false };

test('viewers: a values-only copy of the chosen report sheets, shared with each address once, with the token', () => {
  const { script, google, book } = withReport();
  const result = overTheWire(script.shareReport({
    tables: ['revenue', 'overview'], emails: [' Anna@Example.com, bob@example.com', 'anna@example.com'], role: 'viewer', confirmPersonalData: false,
  }));

  // The copy made through the Sheets API, then shared address by address through Drive's (drive.file reaches
  // a file the add-on made; DriveApp would need all of Drive).
  const permissions = `${DRIVE_FILES_API}/copy-1/permissions?fields=id`;
  expect(google.requests.map((r) => [r.method, r.url, r.headers.Authorization, r.url === permissions ? r.body : null])).toEqual([
    ['post', SHEETS_API, `Bearer ${TOKEN}`, null], ['post', `${SHEETS_API}/copy-1:batchUpdate`, `Bearer ${TOKEN}`, null],
    ['post', permissions, `Bearer ${TOKEN}`, { type: 'user', role: 'reader', emailAddress: 'anna@example.com' }],
    ['post', permissions, `Bearer ${TOKEN}`, { type: 'user', role: 'reader', emailAddress: 'bob@example.com' }],
  ]);
  const body = copyBody(google);
  // In the spreadsheet's order, each the cells of its report sheet as they are now.
  expect(body.sheets.map((s) => s.properties.title)).toEqual(['Overview', 'Revenue (even split)']);
  expect(cellsOf(body.sheets[0])).toEqual(book.sheet('Overview').dataValues());
  expect(rounded(cellsOf(body.sheets[1]).slice(4))).toEqual([
    ['Spring launch', 1200, 1, 1200, 1, 1200], ['Summer', 800, 1, 800, 1, 800], ['(no campaign)', 0, 0, 0, 0, 0], ['Total', 2000, '', '', '', ''],
  ]);
  // Values only: no formula, nothing of the data sheets; the formats as the report sheets have them (charts: below).
  expect(JSON.stringify(google.requests.slice(0, 2).map((r) => r.body))).not.toMatch(/formulaValue|"="/);
  const formats = (google.requests[1].body as { requests: Array<{ repeatCell?: { range: Record<string, number>; cell: unknown } }> }).requests;
  expect(formats.find((f) => f.repeatCell?.range.sheetId === 2 && f.repeatCell.range.startColumnIndex === 1 && f.repeatCell.range.startRowIndex === 4)!.repeatCell)
    .toMatchObject({ range: { endRowIndex: 8 }, cell: { userEnteredFormat: { numberFormat: { type: 'NUMBER', pattern: '"€"#,##0.00' } } } });
  for (const name of DATA_SHEETS) expect(body.sheets.map((s) => s.properties.title)).not.toContain(name);
  expect(body.properties.title).toMatch(/^Campaign data - shared report \(\d{4}-\d\d-\d\d\)$/);

  const copy = google.files.get('copy-1')!;
  expect(copy).toMatchObject({ viewers: ['anna@example.com', 'bob@example.com'], editors: [], trashed: false });
  expect(result).toEqual({
    shared: true, needsConfirmation: false, personalSheets: [], url: copy.url, emails: ['anna@example.com', 'bob@example.com'],
    message: `Shared a copy of the chosen report sheets with anna@example.com, bob@example.com, who can view it: ${copy.url}`,
  });
  expect(google.scopeRequests).toEqual([[`${AUTH}spreadsheets.currentonly`, `${AUTH}script.external_request`, `${AUTH}drive.file`]]);
});

test('the copy has the report sheets\' charts, drawn as an export draws them, over the copy\'s own cells', () => {
  const { script, google, book } = withReport();
  script.shareReport({
    tables: ['overview', 'revenue_attribution', 'drill_down'], emails: ['anna@example.com'], role: 'viewer', confirmPersonalData: true,
  });
  type ChartRequest = { addChart: { chart: { spec: object; position: { overlayPosition: { anchorCell: { sheetId: number; columnIndex: number } } } } } };
  const charts = (body: unknown) => (body as { requests: Array<Partial<ChartRequest>> }).requests.filter((r): r is ChartRequest => r.addChart !== undefined);
  const shared = charts(google.requests[1].body);
  const sharedSheets = (copyBody(google) as unknown as { sheets: Array<{ properties: { gridProperties: { columnCount: number } } }> }).sheets;
  // One chart per report sheet that has one (the drill-down has none), on the copy's sheets 1 and 2, right of the table.
  expect(book.sheet('Overview').charts).toHaveLength(1);
  expect(book.sheet('Revenue drill-down: every credited interaction').charts).toHaveLength(0);
  expect(shared.map((r) => r.addChart.chart.position.overlayPosition.anchorCell)).toEqual([
    { sheetId: 1, rowIndex: 3, columnIndex: 11 }, { sheetId: 2, rowIndex: 3, columnIndex: 8 },
  ]);
  expect(shared[0].addChart.chart.spec).toMatchObject({ title: 'Overview', basicChart: { chartType: 'COLUMN' } });
  expect(shared[1].addChart.chart.spec).toMatchObject({ title: 'Revenue attribution', pieChart: {} });
  // Each charted sheet is wide enough for its chart.
  expect(sharedSheets[0].properties.gridProperties.columnCount).toBeGreaterThan(11);

  // The same requests as the export's for the same sections: one code path.
  google.requests.length = 0;
  script.exportReport({ format: 'pdf', tables: ['overview', 'revenue_attribution', 'drill_down'], model: null, drive: true, email: false });
  expect(charts(google.requests[1].body)).toEqual(shared);
});

test('editors: the same copy, shared for editing', () => {
  const { script, google } = withReport();
  const result = script.shareReport({ tables: ['overview'], emails: ['team@example.com'], role: 'editor', confirmPersonalData: false });
  expect(google.files.get('copy-1')).toMatchObject({ viewers: [], editors: ['team@example.com'] });
  expect(result.message).toMatch(/, who can edit it: /);
});

test('a sheet listing contacts: nothing shared until the user confirms, then shared', () => {
  const { script, google } = withReport();
  const request = { tables: ['overview', 'drill_down'], emails: ['anna@example.com'], role: 'viewer', confirmPersonalData: false };
  const first = overTheWire(script.shareReport(request));
  expect(first).toEqual({
    shared: false, needsConfirmation: true, url: null, emails: ['anna@example.com'],
    personalSheets: ['Revenue drill-down: every credited interaction'],
    message: 'These sheets list contacts, which is personal data: Revenue drill-down: every credited interaction. '
      + 'Share them only with people allowed to see it. Confirm to share them.',
  });
  expect(google.requests).toEqual([]);
  expect(google.files.size).toBe(0);

  const second = script.shareReport({ ...request, confirmPersonalData: true });
  expect(second.shared).toBe(true);
  expect(copyBody(google).sheets.map((s) => s.properties.title)).toEqual(['Overview', 'Revenue drill-down: every credited interaction']);
  // The contacts behind the credited interactions (k1 for D1, k2 for D2) go with it: that is what was confirmed.
  expect(JSON.stringify(copyBody(google).sheets[1])).toMatch(/"k1"[\s\S]*"k2"/);
});

test('never a data sheet: only report sheets the add-on wrote can be named', () => {
  const { script, google } = withReport();
  expect(() => script.shareReport({ tables: ['overview', 'Deals'], emails: ['anna@example.com'], role: 'viewer', confirmPersonalData: true }))
    .toThrow('There is no report sheet for "Deals": run the report first. Only report sheets can be shared, never the data sheets.');
  expect(google.requests).toEqual([]);
});

test('a report sheet ticked in the sidebar and deleted before Share is named by its title, in the user\'s language', () => {
  const { script, book } = withReport();
  book.sheets.splice(book.sheets.indexOf(book.sheet('Revenue attribution')), 1);
  expect(() => script.shareReport({ ...request, tables: ['overview', 'revenue_attribution'] }))
    .toThrow('There is no report sheet for "Revenue attribution": run the report first.');
  script.saveSidebarLanguage('nl');
  expect(() => script.shareReport({ ...request, tables: ['overview', 'revenue_attribution'] }))
    .toThrow('Er is geen rapportblad voor "Inkomstenattributie": maak eerst het rapport.');
});

test('addresses as an e-mail program copies them, or a mailto: link gives them, reach the people they name', () => {
  const { script, google } = withReport();
  script.shareReport({
    ...request,
    emails: [
      'Anna de Vries <Anna@Example.com>; "de Vries, Bob" <bob@example.com>', 'mailto:carol@example.com?subject=Report dave@example.com',
      '"erin@example.com"', '"Frank de Wit" frank@example.com', 'mailto:gina@example.com,hugo@example.com?subject=Report&body=Hi',
    ],
  });
  const invited = google.requests.filter((r) => r.url.endsWith('/permissions?fields=id')).map((r) => (r.body as { emailAddress: string }).emailAddress);
  // A link's subject is no part of its addresses; an address in quotes is that address; a quoted name beside one is its name.
  expect(invited).toEqual([
    'anna@example.com', 'bob@example.com', 'carol@example.com', 'dave@example.com', 'erin@example.com', 'frank@example.com',
    'gina@example.com', 'hugo@example.com',
  ]);
});

test.each([
  [{ emails: ['anna@example', 'bob at example.com'] }, 'Not an e-mail address: "anna@example", "bob", "at", "example.com".'],
  [{ emails: ['anna@example.com.', 'bob@example..com', 'Carol <carol@example>'] }, 'Not an e-mail address: "anna@example.com.", "bob@example..com", "carol@example".'],
  // A name in quotes with no address after it is refused, not dropped.
  [{ emails: ['"Anna de Vries", bob@example.com'] }, 'Not an e-mail address: "Anna de Vries".'],
  // A word beside an address, unquoted, may be an address typed short: refused, not taken for a name.
  [{ emails: ['anna@example.com bob'] }, 'Not an e-mail address: "bob".'],
  [{ emails: [] }, 'Give the e-mail address of at least one collaborator.'],
  [{ tables: [] }, 'Choose at least one report sheet to share.'],
  [{ role: 'owner' }, '"owner" is not a way to share; choose viewer or editor.'],
])('a request the add-on cannot carry out (%j): a clear message, nothing made', (change, message) => {
  const { script, google } = withReport();
  expect(() => script.shareReport({ tables: ['overview'], emails: ['anna@example.com'], role: 'viewer', confirmPersonalData: false, ...change }))
    .toThrow(message);
  expect(google.requests).toEqual([]);
});

test('each sheet of the copy is protected before it is shared: only the owner can change the figures', () => {
  const { script, google } = withReport({ now: NOW });
  script.shareReport({ ...request, tables: ['overview', 'revenue'], role: 'editor' });
  type Batch = { requests: Array<{ addProtectedRange?: unknown }> };
  const protections = (google.requests[1].body as Batch).requests.filter((r) => r.addProtectedRange).map((r) => r.addProtectedRange);
  // Whole sheets, enforced (not a mere warning), no editors named: at this point the owner is the copy's only editor.
  expect(protections).toEqual([1, 2].map((sheetId) => ({
    protectedRange: {
      range: { sheetId },
      description: 'A copy of the campaign report as it was on 2024-04-21: it does not change when the report runs again. '
        + 'Only the person who shared it can edit this sheet; add a sheet of your own for notes.',
      warningOnly: false,
    },
  })));
  // Shared after the protection is in place, as a writer.
  expect(google.requests.map((r) => [r.method, r.url.replace(/\?.*/, ''), (r.body as { role?: string }).role])).toEqual([
    ['post', SHEETS_API, undefined], ['post', `${SHEETS_API}/copy-1:batchUpdate`, undefined], ['post', `${DRIVE_FILES_API}/copy-1/permissions`, 'writer'],
  ]);
  expect(google.files.get('copy-1')!.editors).toEqual(['anna@example.com']);
});

test('the shared copy is handed out: no later export or share takes it for a leftover', () => {
  const { script, google, services } = withReport({ now: NOW });
  script.shareReport(request);
  expect(services.userProperties.get(PENDING_COPIES)).toBe('[]');
  script.Date = fixedClock(NOW + 60 * 60 * 1000);
  script.shareReport(request);
  script.exportReport({ format: 'pdf', tables: ['overview'], model: null, drive: true, email: false });
  expect(google.files.get('copy-1')).toMatchObject({ trashed: false, viewers: ['anna@example.com'] });
});

test('the copy is handed out before anyone is invited: if that record cannot be written, nobody is, and the copy goes later', () => {
  const probe = withReport({ now: NOW });
  const byRun = probe.services.calls.filter((c) => c.endsWith('.setProperty')).length;
  // The share's second write of the user's properties: the one that takes the copy off the leftovers.
  const { script, google } = withReport({ now: NOW, failOn: { method: 'setProperty', nth: byRun + 2 } });
  expect(() => script.shareReport(request)).toThrow(/simulated failure of UserProperties\.setProperty/);
  expect(google.files.get('copy-1')).toMatchObject({ trashed: false, viewers: [] });
  // Still a leftover, which a later export trashes: no one had its link.
  script.Date = fixedClock(NOW + 7 * 60 * 1000);
  script.exportReport({ format: 'pdf', tables: ['overview'], model: null, drive: true, email: false });
  expect(google.files.get('copy-1')).toMatchObject({ trashed: true, viewers: [] });
});

test('a report too big to copy in one request: refused before anything is made, naming the big sheet', () => {
  const { script, google, book } = withReport();
  // Notes the user keeps under the overview: 1,100 cells of 50,000 characters, 55,000,000 bytes (52.5 MiB).
  const overview = book.sheet('Overview');
  overview.maxRows = 1119;
  overview.write('values', 20, 1, Array.from({ length: 1100 }, () => ['x'.repeat(50_000)]));
  expect(() => script.shareReport({ ...request, tables: ['overview', 'revenue'] })).toThrow(
    'The copy would be 53 MB, more than the 50 MB Google takes in one request, so nothing was exported or shared. '
    + 'The biggest sections: Overview. Choose fewer sections, or fewer rows (one campaign, a shorter date range).',
  );
  expect(google.requests).toEqual([]);
  expect(google.files.size).toBe(0);
});

test.each([
  ['viewer', 'viewers'],
  ['editor', 'editors'],
] as const)('Drive refuses one address (%s): the access already given is taken back, the copy trashed, the address named', (role, list) => {
  const { script, google, services } = withReport({ refusedAddresses: ['bob@example.com'] });
  expect(() => script.shareReport({ ...request, emails: ['anna@example.com, bob@example.com, carl@example.com'], role })).toThrow(
    'Drive would not share the copy with bob@example.com (Google Drive answered 400: Bad Request. User message: "ACL change not allowed."). The access already given was taken back and the '
    + 'copy discarded; people invited before it may have had Drive\'s e-mail, but the link no longer opens for them. Check the address and try again.',
  );
  // Anna had been added before Bob was refused; Carl never was.
  expect(google.files.get('copy-1')).toMatchObject({ trashed: true, [list]: [] });
  // Bob's refusal is checked against the file's permissions (Drive may refuse after sharing); he has none.
  // Anna's permission (the first one given) is taken back by its id, then the copy trashed.
  const drive = google.requests.filter((r) => r.url.startsWith(DRIVE_FILES_API));
  expect(drive.map((r) => [r.method, r.url.slice(DRIVE_FILES_API.length), (r.body as { emailAddress?: string } | undefined)?.emailAddress])).toEqual([
    ['post', '/copy-1/permissions?fields=id', 'anna@example.com'], ['post', '/copy-1/permissions?fields=id', 'bob@example.com'],
    ['get', '/copy-1/permissions?fields=permissions(id%2CemailAddress)', undefined],
    ['delete', `/copy-1/permissions/permission-${/permission-(\d+)/.exec(drive[3].url)![1]}`, undefined], ['patch', '/copy-1?fields=id', undefined],
  ]);
  expect(services.userProperties.get(PENDING_COPIES)).toBe('[]');
});

test('Drive shares with an address but cannot mail the invitation and answers 400: that address has access, and the share stands', () => {
  const { script, google } = withReport({ now: NOW, sharedNotMailed: ['bob@example.com'] });
  const result = script.shareReport({ ...request, emails: ['anna@example.com', 'bob@example.com', 'carl@example.com'] });
  expect(result.shared).toBe(true);
  expect(google.files.get('copy-1')).toMatchObject({ trashed: false, viewers: ['anna@example.com', 'bob@example.com', 'carl@example.com'] });
  expect(result.message).toBe(`Shared a copy of the chosen report sheets with anna@example.com, bob@example.com, carl@example.com, who can view it: ${google.files.get('copy-1')!.url}`);
});

test('a later refusal takes back the access of an address Drive shared with but could not mail', () => {
  const { script, google } = withReport({ now: NOW, sharedNotMailed: ['anna@example.com'], refusedAddresses: ['bob@example.com'] });
  expect(() => script.shareReport({ ...request, emails: ['anna@example.com', 'bob@example.com'] })).toThrow(/^Drive would not share the copy with bob@example\.com /);
  expect(google.files.get('copy-1')).toMatchObject({ trashed: true, viewers: [] });
});

test('access that cannot be taken back: the copy stays in the user\'s Drive, and the message says who still has it and where', () => {
  const { script, google, services } = withReport({
    now: NOW, refusedAddresses: ['bob@example.com'],
    respond: (r) => (r.method === 'delete' ? { status: 500, text: JSON.stringify({ error: { message: 'Backend Error' } }) } : undefined),
  });
  expect(() => script.shareReport({ ...request, emails: ['anna@example.com', 'bob@example.com'] })).toThrow(
    'Drive would not share the copy with bob@example.com (Google Drive answered 400: Bad Request. User message: "ACL change not allowed."), and could not take back the access already given to '
    + 'anna@example.com. The copy stays in your Drive so that you can stop sharing it there: https://docs.google.com/spreadsheets/d/copy-1/edit',
  );
  // Not trashed: a file in the trash stays shared, out of the user's sight; and no later run trashes it.
  expect(google.files.get('copy-1')).toMatchObject({ trashed: false, viewers: ['anna@example.com'] });
  expect(services.userProperties.get(PENDING_COPIES)).toBe('[]');
});
