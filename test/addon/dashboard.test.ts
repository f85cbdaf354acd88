import { ALL_TABLES, DASHBOARD_KEY, DATA_SHEETS, addon, overTheWire, workbookWithEmailOpen } from '../support/campaign-workbook';
import { USER_REPORT_OPTIONS_KEY, userChart, type FakeChart, type FakeSheet } from '../support/gas-fakes';

// "Save chart to dashboard" through dist/Code.js: a report sheet's chart copied onto a dashboard sheet the
// add-on owns, in a grid of two charts a row, reading the report sheet's cells; report runs keep dashboards
// and point their charts at the rows each table has now.

const chartsOf = (sheet: FakeSheet) => sheet.charts.map(({ kind, ranges, numHeaders, position, options }: FakeChart) => ({ kind, ranges, numHeaders, position, options }));
const stampOf = (sheet: FakeSheet) => JSON.parse(sheet.metadata.find((m) => m.key === DASHBOARD_KEY)!.value);
const SIZE = { width: 600, height: 370 };

function withReport(reportOptions?: object) {
  const fakes = addon({ reportOptions });
  fakes.script.runReport();
  return fakes;
}

describe('save a chart to a dashboard', () => {
  test('the report\'s own chart goes on the dashboard, not one the user added to the report sheet before it', () => {
    const { script, book } = withReport();
    book.sheet('Overview').charts.unshift(userChart(900, 'Overview'));
    script.saveChartToDashboard({ table: 'overview', dashboard: { name: 'Board' } });
    expect(book.sheet('Board').charts.map((c) => c.options.title)).toEqual(['Overview']);
  });

  test('a new dashboard: an owned, protected sheet after the others; the copy reads the report sheet\'s cells', () => {
    const { script, book } = withReport();
    const saved = overTheWire(script.saveChartToDashboard({ table: 'overview', dashboard: { name: 'Sales dashboard' } }));
    const dashboard = book.sheet('Sales dashboard');
    expect(saved).toEqual({
      added: true, dashboardSheetId: dashboard.id, dashboard: 'Sales dashboard',
      message: 'The chart of "Overview" is now on the dashboard "Sales dashboard".',
    });
    expect(book.sheets.at(-1)).toBe(dashboard);
    expect(book.sheets.map((s) => s.name)).toEqual(expect.arrayContaining([...DATA_SHEETS, ...ALL_TABLES]));
    expect(dashboard.protection).toEqual({
      warningOnly: true, description: 'Dashboard of the Campaign analytics add-on. Its charts follow the report sheets when the report runs again.',
    });
    expect(chartsOf(dashboard)).toEqual([{
      kind: 'column', numHeaders: 1, position: [1, 1, 0, 0], options: { title: 'Overview', ...SIZE },
      ranges: ['Overview!A4:A7', 'Overview!B4:B7', 'Overview!E4:E7', 'Overview!H4:H7'],
    }]);
    // A copy: the report sheet keeps its own chart, and the two have different ids.
    expect(book.sheet('Overview').charts).toHaveLength(1);
    expect(dashboard.charts[0].id).not.toBe(book.sheet('Overview').charts[0].id);
    expect(stampOf(dashboard)).toEqual({
      sheetId: dashboard.id, charts: [{ table: 'overview', chartId: dashboard.charts[0].id, slot: 0 }],
      protection: 'Dashboard of the Campaign analytics add-on. Its charts follow the report sheets when the report runs again.',
    });
    expect(book.active?.name).toBe('Sales dashboard');
  });

  test('more charts on the same dashboard fill the grid: two a row, each slot 7 columns by 19 rows', () => {
    const { script, book } = withReport();
    const { dashboardSheetId } = script.saveChartToDashboard({ table: 'overview', dashboard: { name: 'Sales dashboard' } });
    script.saveChartToDashboard({ table: 'revenue', dashboard: { sheetId: dashboardSheetId } });
    script.saveChartToDashboard({ table: 'revenue_attribution', dashboard: { sheetId: dashboardSheetId } });
    expect(chartsOf(book.sheet('Sales dashboard')).map(({ kind, position, ranges }) => ({ kind, position, ranges }))).toEqual([
      { kind: 'column', position: [1, 1, 0, 0], ranges: ['Overview!A4:A7', 'Overview!B4:B7', 'Overview!E4:E7', 'Overview!H4:H7'] },
      { kind: 'bar', position: [1, 8, 0, 0], ranges: ['Revenue (even split)!A4:A7', 'Revenue (even split)!B4:B7'] },
      { kind: 'pie', position: [20, 1, 0, 0], ranges: ['Revenue attribution!A4:A7', 'Revenue attribution!B4:B7'] },
    ]);
    expect(overTheWire(script.listDashboards())).toEqual([
      { sheetId: dashboardSheetId, name: 'Sales dashboard', tables: ['overview', 'revenue', 'revenue_attribution'] },
    ]);
  });

  test('a slot holding a chart or note of the user\'s, or a chart of ours dragged there, is skipped: nothing is hidden', () => {
    const { script, book } = withReport();
    const { dashboardSheetId } = script.saveChartToDashboard({ table: 'overview', dashboard: { name: 'Board' } });
    const board = book.sheet('Board');
    board.charts.push({ ...userChart(900, 'Notes'), position: [3, 9, 0, 0] }); // the user's own chart, in slot 1
    board.charts[0].position = [20, 2, 0, 0]; // our overview chart, dragged into slot 2
    board.layers.values[44] = ['', '', 'Q3 targets']; // a note in C45: slot 4 (rows 39-57, columns A-G)
    for (const table of ['revenue', 'revenue_attribution', 'model_comparison']) {
      script.saveChartToDashboard({ table, dashboard: { sheetId: dashboardSheetId } });
    }
    expect(board.charts.map((c) => [c.options.title, c.position])).toEqual([
      ['Overview', [20, 2, 0, 0]], ['Mine', [3, 9, 0, 0]],
      ['Revenue (even split)', [1, 1, 0, 0]], // slot 0, left when the overview chart was dragged away
      ['Revenue attribution', [20, 8, 0, 0]], // slot 3
      [expect.any(String), [39, 8, 0, 0]], // slot 5
    ]);
    expect(board.layers.values[44]).toEqual(['', '', 'Q3 targets']);
  });

  test('saving takes the document lock, as a report run does: both update the dashboards\' records', () => {
    const { script, services, book } = withReport();
    const before = { ...services.lock };
    script.saveChartToDashboard({ table: 'overview', dashboard: { name: 'Sales dashboard' } });
    book.active = book.sheet('Revenue attribution');
    script.addChartToDashboard();
    expect(services.alerts.at(-1)?.prompt).toBe('The chart of "Revenue attribution" is now on the dashboard "Sales dashboard".');
    expect(services.lock).toEqual({ acquired: before.acquired + 2, released: before.released + 2 });
  });

  test('the same chart twice: said so, nothing added; a chart the user deleted frees its slot', () => {
    const { script, book } = withReport();
    const { dashboardSheetId } = script.saveChartToDashboard({ table: 'overview', dashboard: { name: 'Board' } });
    script.saveChartToDashboard({ table: 'revenue', dashboard: { sheetId: dashboardSheetId } });
    const again = script.saveChartToDashboard({ table: 'overview', dashboard: { sheetId: dashboardSheetId } });
    expect(again).toMatchObject({ added: false, message: 'The dashboard "Board" already shows the chart of "Overview".' });
    expect(book.sheet('Board').charts).toHaveLength(2);

    book.sheet('Board').charts.splice(0, 1); // the user deletes the overview chart
    script.saveChartToDashboard({ table: 'revenue_attribution', dashboard: { sheetId: dashboardSheetId } });
    expect(chartsOf(book.sheet('Board')).map((c) => [c.kind, c.position])).toEqual([['bar', [1, 8, 0, 0]], ['pie', [1, 1, 0, 0]]]);
    expect(stampOf(book.sheet('Board')).charts.map((c: { table: string; slot: number }) => [c.table, c.slot])).toEqual([['revenue', 1], ['revenue_attribution', 0]]);
  });

  test('refused with a clear message: a table without a report sheet, a report sheet without a chart, a dashboard that is gone', () => {
    const { script } = withReport();
    expect(() => script.saveChartToDashboard({ table: 'paid_search_terms', dashboard: { name: 'Board' } }))
      .toThrow('There is no report sheet for "Paid search by keyword": run the report first.');
    expect(() => script.saveChartToDashboard({ table: 'drill_down', dashboard: { name: 'Board' } }))
      .toThrow('The sheet "Revenue drill-down: every credited interaction" has no chart to put on a dashboard.');
    expect(() => script.saveChartToDashboard({ table: 'overview', dashboard: { sheetId: 4242 } }))
      .toThrow('That dashboard no longer exists. Choose another one or make a new one.');
  });
});

describe('a save that fails leaves no empty dashboard behind, and an existing one as it was', () => {
  /** After a report run, the `nth` call of `method` that saving a chart makes fails (the run's own calls counted first). */
  function failingSave(method: string, nth: number) {
    const probe = withReport();
    const byRun = probe.services.calls.filter((call) => call.endsWith(`.${method}`)).length;
    const fakes = addon({ failOn: { method, nth: byRun + nth } });
    fakes.script.runReport();
    return fakes;
  }

  test.each([
    ['the chart cannot be inserted', 'insertChart', 1],
    // source, free slots, before; the fourth looks for the copy's id.
    ['the copy\'s id cannot be read', 'getCharts', 4],
    ['the new sheet cannot be stamped', 'addDeveloperMetadata', 1],
  ])('%s: the new dashboard sheet is deleted again, the user is back on the sheet they were on, and the error told', (_what, method, nth) => {
    const { script, book } = failingSave(method, nth);
    book.active = book.sheet('Revenue attribution');
    const sheetsBefore = book.sheets.map((s) => s.name);
    expect(() => script.saveChartToDashboard({ table: 'overview', dashboard: { name: 'Sales dashboard' } }))
      .toThrow(`(simulated failure of `);
    expect(book.sheets.map((s) => s.name)).toEqual(sheetsBefore);
    expect(book.active!.name).toBe('Revenue attribution');
    expect(book.sheets.some((s) => s.metadata.some((m) => m.key === DASHBOARD_KEY))).toBe(false);
    expect(overTheWire(script.listDashboards())).toEqual([]);
    // The report sheet keeps its own chart.
    expect(book.sheet('Overview').charts).toHaveLength(1);
  });

  test.each([
    ['the chart cannot be inserted', 'insertChart', 2, 'Sheet(Board).insertChart'],
    // Four per save (source, free slots, before, the copy's id): the second save's fourth.
    ['the copy\'s id cannot be read', 'getCharts', 8, 'Sheet(Board).getCharts'],
    // The first save stamps the new dashboard once; the second save's stamp update fails.
    ['the dashboard\'s stamp cannot be updated', 'setValue', 2, 'DeveloperMetadata.setValue'],
  ])('on an existing dashboard, %s: the dashboard is left as it was, and the next chart takes the free slot', (_what, method, nth, call) => {
    const { script, book } = failingSave(method, nth);
    const { dashboardSheetId } = script.saveChartToDashboard({ table: 'overview', dashboard: { name: 'Board' } });
    const board = book.sheet('Board');
    // The user made the dashboard smaller: slot 1 (rows 1-19, columns 8-14) needs rows and columns added.
    board.maxRows = 10;
    board.maxColumns = 7;
    const before = { charts: chartsOf(board), stamp: stampOf(board) };
    expect(() => script.saveChartToDashboard({ table: 'revenue', dashboard: { sheetId: dashboardSheetId } })).toThrow(`(simulated failure of ${call})`);
    expect({ charts: chartsOf(board), stamp: stampOf(board) }).toEqual(before);
    expect([board.maxRows, board.maxColumns]).toEqual([10, 7]);
    expect(overTheWire(script.listDashboards())).toEqual([{ sheetId: dashboardSheetId, name: 'Board', tables: ['overview'] }]);

    // Saved again, the chart goes into slot 1, beside the overview's, not on top of a chart left behind.
    script.saveChartToDashboard({ table: 'revenue', dashboard: { sheetId: dashboardSheetId } });
    expect(chartsOf(board).map((c) => [c.kind, c.position])).toEqual([['column', [1, 1, 0, 0]], ['bar', [1, 8, 0, 0]]]);
    expect([board.maxRows, board.maxColumns]).toEqual([19, 14]);
  });
});

describe('dashboards and report runs', () => {
  test('a re-run keeps the dashboard and points its charts at the rows the tables have now', () => {
    const { script, book, services } = withReport({ campaignIds: ['C2'] });
    script.saveChartToDashboard({ table: 'overview', dashboard: { name: 'Board' } });
    const board = book.sheet('Board');
    const before = { id: board.id, chartId: board.charts[0].id };
    expect(board.charts[0].ranges).toEqual(['Overview!A4:A5', 'Overview!B4:B5', 'Overview!E4:E5', 'Overview!H4:H5']);

    services.userProperties.set(USER_REPORT_OPTIONS_KEY, JSON.stringify({ campaignIds: ['C1', 'C2'] }));
    script.runReport();
    expect(book.sheet('Board')).toBe(board);
    expect({ id: board.id, chartId: board.charts[0].id }).toEqual(before);
    expect(chartsOf(board)).toEqual([{
      kind: 'column', numHeaders: 1, position: [1, 1, 0, 0], options: { title: 'Overview', ...SIZE },
      ranges: ['Overview!A4:A6', 'Overview!B4:B6', 'Overview!E4:E6', 'Overview!H4:H6'],
    }]);
    expect(stampOf(board).charts).toEqual([{ table: 'overview', chartId: before.chartId, slot: 0 }]);
  });

  test('a chart whose table the next report lacks stays in its slot, the run says so, and it follows the table when it returns', () => {
    // Summer has the email asset (its "Assets: Emails" table has a chart, of its open); Spring launch alone has none.
    const { script, book, services } = addon({ sheets: workbookWithEmailOpen(), reportOptions: { campaignIds: ['C2'] } });
    script.runReport();
    script.saveChartToDashboard({ table: 'assets_email', dashboard: { name: 'Board' } });
    services.userProperties.set(USER_REPORT_OPTIONS_KEY, JSON.stringify({ campaignIds: ['C1'] }));
    const outcome = script.runReport();
    expect(outcome.done).toBe(true);
    expect(outcome.message).toContain('Charts on the dashboard "Board" whose table this report does not have: 1. They show nothing until a report has that table again.');
    expect(stampOf(book.sheet('Board')).charts).toHaveLength(1);
    services.userProperties.set(USER_REPORT_OPTIONS_KEY, JSON.stringify({ campaignIds: ['C2'] }));
    const back = script.runReport();
    expect(back.message).not.toContain('Charts on the dashboard');
    // Its names column (C) over the header and Summer's one email, on the report sheet written anew.
    expect(book.sheet('Board').charts[0].ranges[0]).toBe('Assets: Emails!C4:C5');
  });

  test('a run in another language words the dashboard\'s protection in it, as it does the report sheets\'', () => {
    const { script, book, services } = withReport();
    script.saveChartToDashboard({ table: 'overview', dashboard: { name: 'Board' } });
    services.userProperties.set('campaignAnalytics.language', 'nl');
    script.runReport();
    expect(book.sheet('Board').protection?.description)
      .toBe('Dashboard van de add-on Campaign analytics. De grafieken volgen de rapportbladen als het rapport opnieuw wordt gemaakt.');
    expect(stampOf(book.sheet('Board')).protection).toBe(book.sheet('Board').protection?.description);
  });

  test('a dashboard whose record has no wording (made before it was kept) keeps its protection as it is', () => {
    const { script, book, services } = withReport();
    script.saveChartToDashboard({ table: 'overview', dashboard: { name: 'Board' } });
    const board = book.sheet('Board');
    const entry = board.metadata.find((m) => m.key === DASHBOARD_KEY)!;
    const { protection: _, ...older } = JSON.parse(entry.value);
    entry.value = JSON.stringify(older);
    services.userProperties.set('campaignAnalytics.language', 'nl');
    script.runReport();
    expect(board.protection?.description).toBe('Dashboard of the Campaign analytics add-on. Its charts follow the report sheets when the report runs again.');
  });

  test('"Remove report sheets" and "Refresh report" leave dashboards alone', () => {
    const { script, book } = withReport();
    script.saveChartToDashboard({ table: 'overview', dashboard: { name: 'Board' } });
    script.refreshReport();
    expect(book.sheet('Board').charts).toHaveLength(1);
    script.removeReportSheets();
    expect(book.sheets.map((s) => s.name)).toEqual(expect.arrayContaining([...DATA_SHEETS, 'Board']));
    expect(book.sheets.map((s) => s.name)).not.toContain('Overview');
    expect(book.sheet('Board').charts).toHaveLength(1);
  });

  test('a copy the user made of a dashboard (it keeps the metadata) is theirs: not listed, not refreshed', () => {
    const { script, book, services } = withReport();
    script.saveChartToDashboard({ table: 'overview', dashboard: { name: 'Board' } });
    const stamp = book.sheet('Board').metadata[0].value;
    services.globals.SpreadsheetApp.getActiveSpreadsheet().insertSheet('Copy of Board', 0).addDeveloperMetadata(DASHBOARD_KEY, stamp);
    expect(script.listDashboards().map((d: { name: string }) => d.name)).toEqual(['Board']);
    const copy = book.sheet('Copy of Board').snapshot();
    script.runReport();
    expect(book.sheet('Copy of Board').snapshot()).toEqual(copy);
  });
});

describe('the menu item', () => {
  test('puts the chart of the report sheet in view on the dashboard, made under the default name the first time', () => {
    const { script, book, services } = withReport();
    book.active = book.sheet('Revenue attribution');
    script.addChartToDashboard();
    book.active = book.sheet('Overview');
    script.addChartToDashboard();
    expect(services.alerts.map(({ title, prompt }) => [title, prompt])).toEqual([
      ['Dashboard', 'The chart of "Revenue attribution" is now on the dashboard "Dashboard".'],
      ['Dashboard', 'The chart of "Overview" is now on the dashboard "Dashboard".'],
    ]);
    expect(book.sheets.filter((s) => s.metadata.some((m) => m.key === DASHBOARD_KEY)).map((s) => s.name)).toEqual(['Dashboard']);
    expect(chartsOf(book.sheet('Dashboard')).map((c) => c.kind)).toEqual(['pie', 'column']);
  });

  test('on a sheet that is not a report sheet: says so in a dialog', () => {
    const { script, book, services } = withReport();
    book.active = book.sheet('Notes');
    script.addChartToDashboard();
    expect(services.alerts.map((a) => a.prompt)).toEqual(['The sheet "Notes" is not a report sheet. Open a report sheet with a chart, then try again.']);
    expect(book.sheets.some((s) => s.metadata.some((m) => m.key === DASHBOARD_KEY))).toBe(false);
  });
});
