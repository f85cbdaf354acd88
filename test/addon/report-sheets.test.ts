import { fakeGzip } from '../support/gas-fakes-cache';
import { gasServices } from '../../src/addon/gas-adapters';
import { writeReport } from '../../src/addon/report-run';
import { IN_EVERY_REPORT, planReportWrite, type WorkbookMeasure } from '../../src/addon/report-sheets';
import type { TableGrid } from '../../src/addon/report-grid';
import { loadCodeJs } from '../support/built-dist';
import { addon, ALL_TABLES, REPORT_SHEET_KEY, TZ, workbook, workbookWithEmailOpen } from '../support/campaign-workbook';
import { fakeServices, USER_REPORT_OPTIONS_KEY, userChart, type FakeServices, type FakeSheet } from '../support/gas-fakes';
import { fixedClock, serviceClock } from '../support/gas-fakes-services';

// "Run report", "Refresh report", "Remove report sheets" and "Settings" through dist/Code.js, against the
// in-memory stand-ins, on the small workbook of test/support/campaign-workbook.ts, whose figures are:
//
// Spring launch (C1, utm "spring", sessions goal 10): its landing page A1 is viewed once by contact k1
// (March 5), who then wins deal D1 (1,200, closed March 20).
// Summer (C2, utm "summer", sessions goal 5): contact k2 views a summer-tagged page on March 6 and April 8
// and clicks the summer email A2 on April 6, then wins deal D2 (800, closed April 20).
// So each campaign has 1 session in March, Summer one more in April; each 1 new contact (first touch) and
// 1 influenced contact; each deal's interactions all belong to one campaign, so every model gives Spring
// launch 1,200 and Summer 800, and nothing goes to "(no campaign)".

const KEY = REPORT_SHEET_KEY;

const USER_SHEETS = ['Notes', 'Campaigns', 'Assets', 'Visits', 'Deals'];
/** The custom functions' hidden data version sheet: a report run creates it, removing the report keeps it. */
const VERSION_SHEET = 'Campaign data version';

const names = (services: FakeServices) => services.spreadsheet.sheets.map((s) => s.name);
/** The Notes sheet with a formula that answers from the report's figures (the change trigger is kept for it). */
const WITH_FORMULA = [['My own notes'], ['=CAMPAIGN_REVENUE("C1", "linear", , , CAMPAIGN_DATA_VERSION)']];
/** A note the user types two rows below the sheet's table; the table's height. */
function noteBelowTable(sheet: ReturnType<ReturnType<typeof addon>['book']['sheet']>): number {
  const height = sheet.dataValues().length;
  sheet.maxRows = Math.max(sheet.maxRows, height + 2);
  sheet.write('values', height + 2, 1, [['My note: check the Summer budget']]);
  return height;
}
const reportSheets = (services: FakeServices) => services.spreadsheet.sheetsWithMetadata(KEY);
/** Rows under the header, numbers to 9 decimals: thirds of 800 credited three times add up to 799.99999…. */
const body = (sheet: FakeSheet) =>
  sheet.dataValues().slice(4).map((row) => row.map((v) => (typeof v === 'number' ? Math.round(v * 1e9) / 1e9 : v)));
const snapshots = (services: FakeServices, sheetNames: string[]) => sheetNames.map((name) => services.spreadsheet.sheet(name).snapshot());
/**
 * Every sheet as the user sees it. The pie the failed run took away (a one-campaign report has none) and the
 * rollback put back is a new chart to Sheets, with a new id, which its sheet's stamp names (checked here); all
 * else about it is as it was.
 */
const asSeen = (services: FakeServices) => services.spreadsheet.sheets.map((s) => {
  const pie = s.charts.find((chart) => chart.kind === 'pie');
  const snapshot = s.snapshot() as { metadata: Array<{ key: string; value: string }> };
  const metadata = snapshot.metadata.map((m) => {
    if (m.key !== KEY || !pie) return m;
    const { chartId, ...stamp } = JSON.parse(m.value);
    expect(chartId).toBe(pie.id);
    return { ...m, value: stamp };
  });
  return { ...snapshot, metadata, charts: s.charts.map(({ id, ...chart }) => (chart.kind === 'pie' ? chart : { id, ...chart })) };
});
const writesTo = (services: FakeServices, sheetNames: string[]) =>
  services.calls.filter((call) => sheetNames.some((name) => call.startsWith(`Sheet(${name}).`) || call.startsWith(`Range(${name}).`)))
    .filter((call) => !/\.(getDataRange|getNumRows|getNumColumns|getValues|getRange|getNumberFormats|getName|getSheetId|getMaxRows|getMaxColumns)$/.test(call));

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: TZ }).format(new Date());

/** A report sheet's stamp as written. */
const stampOf = (sheet: FakeSheet) => JSON.parse(sheet.metadata.find((m) => m.key === KEY)!.value);
/** The sheet's stamp as an older version wrote it, without these keys. */
function stampWithout(sheet: FakeSheet, ...keys: string[]): void {
  const entry = sheet.metadata.find((m) => m.key === KEY)!;
  const stamp = JSON.parse(entry.value);
  for (const key of keys) delete stamp[key];
  entry.value = JSON.stringify(stamp);
}

describe('Run report', () => {
  test('writes one report sheet per report table after the user\'s sheets, each owned, stamped and protected', () => {
    const { services, script, book } = addon();
    const outcome = script.runReport();
    expect(outcome.done).toBe(true);
    expect(services.toasts).toEqual([{ title: 'Campaign report', message: 'Report written to 20 sheets (20 new, 0 updated).' }]);
    expect(services.alerts).toEqual([]);
    expect(names(services)).toEqual([...USER_SHEETS, ...ALL_TABLES, VERSION_SHEET]);
    expect(book.sheets.filter((s) => s.hidden).map((s) => s.name)).toEqual([VERSION_SHEET]); // the staging sheet is gone
    expect(book.active?.name).toBe('Overview');
    for (const sheet of reportSheets(services)) {
      const stamp = stampOf(sheet);
      expect(stamp).toEqual({
        table: expect.any(String), sheetId: sheet.id,
        // The chart's layout, for copies of the sheet (a share draws it from this); null for a sheet without one.
        chart: sheet.charts.length === 0 ? null : expect.objectContaining({ kind: sheet.charts[0].kind, title: sheet.name }),
        // Which chart is the add-on's: any other the user adds to the sheet stays theirs.
        chartId: sheet.charts.length === 0 ? null : sheet.charts[0].id,
        // The widths as set, which a failed re-run puts back.
        columnWidths: [...sheet.columnWidths].sort(([a], [b]) => a - b).map(([, px]) => px),
        // Title and protection as worded in this run's language: a run in another one renames and rewords.
        title: sheet.read('values', 1, 1, 1, 1)[0][0],
        protection: 'Written by the Campaign analytics add-on. Running the report again replaces this sheet.',
        // The table's extent: a later run clears that, not what the user typed beside or below it.
        size: { rows: sheet.dataValues().length, columns: Math.max(...sheet.dataValues().map((row) => row.length)) },
        provenance: {
          model: 'linear', touch: 'first', from: null, to: today(), tz: TZ, lookbackDays: null, channels: 'campaign', markovOrder: 1,
          generatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), currency: 'EUR',
        },
      });
      expect(sheet.protection).toEqual({
        warningOnly: true, description: 'Written by the Campaign analytics add-on. Running the report again replaces this sheet.',
      });
      expect(sheet.frozenRows).toBe(4);
    }
    expect(services.lock).toEqual({ acquired: 1, released: 1 });
    expect(services.documentProperties.get('campaignAnalytics.lastReport')).toBe(JSON.stringify({
      model: 'linear', touch: 'first', from: null, to: null, frequency: 'monthly', campaignIds: null, lookbackDays: null,
      channels: 'campaign', markovOrder: 1,
    }));
  });

  test('the overview holds title, provenance, header and the hand-worked figures, formatted by column type', () => {
    const { script, book } = addon();
    script.runReport();
    const overview = book.sheet('Overview');
    const values = overview.dataValues();
    expect(values[0][0]).toBe('Overview');
    expect(values[2][0]).toMatch(/^Attribution model: Linear · New contacts: first touch · Range: all dates up to \d{4}-\d\d-\d\d \(Europe\/Amsterdam\) · Amounts in EUR · Lookback window: none · Data-driven models: channels = campaigns, Markov order 1 · Generated: /);
    expect(values[3]).toEqual([
      'Campaign', 'Sessions', 'Sessions goal', 'Sessions % of goal', 'New contacts', 'New contacts goal',
      'New contacts % of goal', 'Influenced contacts', 'Influenced contacts goal', 'Influenced contacts % of goal',
    ]);
    expect(body(overview)).toEqual([
      ['Spring launch', 1, 10, 0.1, 1, '', '', 1, '', ''],
      ['Summer', 2, 5, 0.4, 1, '', '', 1, '', ''],
      ['(no campaign)', 0, '', '', 0, '', '', 0, '', ''],
    ]);
    expect(overview.layers.numberFormats[4]).toEqual(['@', '#,##0', '#,##0', '0.0%', '#,##0', '#,##0', '0.0%', '#,##0', '#,##0', '0.0%']);
    expect(overview.layers.fontWeights.map((row) => row[0])).toEqual(['bold', 'normal', 'normal', 'bold', 'normal', 'normal', 'normal']);
    expect(overview.layers.backgrounds[3]).toEqual(Array(10).fill('#dde4ee'));
    // Trimmed to the table and the chart beside it (20 rows from the header, 1 + 7 columns right of it).
    expect([overview.maxRows, overview.maxColumns]).toEqual([23, 18]);

    const revenue = book.sheet('Revenue (even split)');
    expect(body(revenue)).toEqual([
      ['Spring launch', 1200, 1, 1200, 1, 1200],
      ['Summer', 800, 1, 800, 1, 800],
      ['(no campaign)', 0, 0, 0, 0, 0],
      ['Total', 2000, '', '', '', ''],
    ]);
    expect(revenue.layers.numberFormats[4]).toEqual(['@', '"€"#,##0.00', '#,##0', '"€"#,##0.00', '#,##0', '"€"#,##0.00']);
    expect(revenue.layers.fontWeights[7]).toEqual(Array(6).fill('bold')); // the totals row
  });

  test('draws a native chart beside each table that has one, over the header and data rows (never the totals)', () => {
    const { script, book } = addon({ sheets: workbookWithEmailOpen() });
    script.runReport();
    const chartsOf = (name: string) => book.sheet(name).charts.map(({ kind, ranges, numHeaders, position, options }) => ({ kind, ranges, numHeaders, position, options }));
    expect(chartsOf('Overview')).toEqual([{
      kind: 'column', numHeaders: 1, position: [4, 12, 0, 0], options: { title: 'Overview' },
      ranges: ['Overview!A4:A7', 'Overview!B4:B7', 'Overview!E4:E7', 'Overview!H4:H7'],
    }]);
    expect(chartsOf('Revenue (even split)')).toEqual([{
      kind: 'bar', numHeaders: 1, position: [4, 8, 0, 0], options: { title: 'Revenue (even split)' },
      ranges: ['Revenue (even split)!A4:A7', 'Revenue (even split)!B4:B7'],
    }]);
    expect(chartsOf('Revenue attribution')).toEqual([{
      kind: 'pie', numHeaders: 1, position: [4, 9, 0, 0], options: { title: 'Revenue attribution' },
      ranges: ['Revenue attribution!A4:A7', 'Revenue attribution!B4:B7'],
    }]);
    const byModel = 'Revenue by model (all models side by side)';
    expect(chartsOf(byModel)[0].ranges).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L'].map((c) => `${byModel}!${c}4:${c}7`));
    expect(chartsOf('Assets: Emails')).toEqual([{
      kind: 'bar', numHeaders: 1, position: [4, 10, 0, 0], options: { title: 'Assets: Emails' },
      // Opens (column F), not sent: an email's sent and delivered come from the Assets sheet, often not given.
      ranges: ['Assets: Emails!C4:C5', 'Assets: Emails!F4:F5'],
    }]);
    // Several campaigns: no time series chart (one line per campaign and measure would be unreadable).
    expect(chartsOf('Contacts and sessions over time')).toEqual([]);
  });

  test('takes the report options from the user\'s settings: one campaign, last touch, a fixed end; its time series as a line chart', () => {
    const { script, book } = addon({ reportOptions: { campaignIds: ['C2'], touch: 'last', to: '2024-04-30' } });
    script.runReport();
    const overTime = book.sheet('Contacts and sessions over time');
    expect(overTime.dataValues()[2][0]).toMatch(/^Attribution model: Linear · New contacts: last touch · Range: all dates up to 2024-04-30 \(Europe\/Amsterdam\)/);
    expect(body(overTime)).toEqual([
      ['Summer', '2024-03', 1, 1, 1],
      ['Summer', '2024-04', 0, 0, 1],
    ]);
    // Periods are text, so Sheets does not turn "2024-03" into a date.
    expect(overTime.layers.numberFormats[4][1]).toBe('@');
    expect(overTime.charts.map(({ kind, ranges }) => ({ kind, ranges }))).toEqual([{
      kind: 'line',
      ranges: ['B', 'C', 'D', 'E'].map((c) => `Contacts and sessions over time!${c}4:${c}6`),
    }]);
    expect(body(book.sheet('Overview'))).toEqual([['Summer', 2, 5, 0.4, 1, '', '', 1, '', '']]);
  });

  test('a second run updates the same sheets in place (same ids, one chart each) and changes nothing else', () => {
    const { services, script, book } = addon();
    const userSheetsBefore = snapshots(services, USER_SHEETS);
    script.runReport();
    const ids = book.sheets.map((s) => [s.name, s.id]);
    const chartIds = reportSheets(services).map((s) => s.charts.map((c) => c.id));
    services.calls.length = 0;
    script.runReport();
    expect(services.toasts[1].message).toBe('Report written to 20 sheets (0 new, 20 updated).');
    expect(book.sheets.map((s) => [s.name, s.id])).toEqual(ids);
    expect(reportSheets(services).map((s) => s.charts.map((c) => c.id))).toEqual(chartIds);
    expect(snapshots(services, USER_SHEETS)).toEqual(userSheetsBefore);
    expect(writesTo(services, USER_SHEETS)).toEqual([]);
    expect(services.calls.filter((call) => call.endsWith('.protect') || call.endsWith('.addDeveloperMetadata'))).toEqual([
      'Sheet(Campaign report (being written)).addDeveloperMetadata', // the staging sheet only
    ]);
  });

  test('a chart the user adds to a report sheet stays through re-runs; the add-on updates only its own', () => {
    const { services, script, book } = addon({ reportOptions: { campaignIds: ['C2'] } });
    script.runReport();
    const overview = book.sheet('Overview');
    const overTime = book.sheet('Contacts and sessions over time');
    const [ownId] = overview.charts.map((c) => c.id);
    overview.charts.push(userChart(900, 'Overview'));
    overTime.charts.push(userChart(901, 'Contacts and sessions over time'));
    script.runReport();
    expect(overview.charts.map((c) => c.id)).toEqual([ownId, 900]);
    expect(overview.charts[1]).toEqual(userChart(900, 'Overview'));
    // Both campaigns: the time series has no chart of its own any more; the user's stays.
    services.userProperties.set(USER_REPORT_OPTIONS_KEY, JSON.stringify({ campaignIds: ['C1', 'C2'] }));
    script.runReport();
    expect(overTime.charts).toEqual([userChart(901, 'Contacts and sessions over time')]);
    // The stamps name the add-on's chart: the user's Overview chart is never taken for it, even first in line.
    expect(stampOf(overview).chartId).toBe(ownId);
    overview.charts.reverse();
    script.runReport();
    expect(overview.charts.map((c) => c.id)).toEqual([900, ownId]);
    expect(overview.charts[0]).toEqual(userChart(900, 'Overview'));
    expect(overview.charts[1].options.title).toBe('Overview');
  });

  test('a chart the user adds where the report draws none, or in place of the add-on\'s deleted one, stays the user\'s', () => {
    // Both campaigns: the over-time table has no chart of its own.
    const { script, book } = addon();
    script.runReport();
    const overTime = book.sheet('Contacts and sessions over time');
    const overview = book.sheet('Overview');
    expect(overTime.charts).toEqual([]);
    overTime.charts.push(userChart(901, overTime.name));
    // On the Overview the user deletes the add-on's chart and puts their own in its place.
    overview.charts.splice(0, 1, userChart(900, overview.name));
    expect(script.runReport().done).toBe(true);
    expect(overTime.charts).toEqual([userChart(901, overTime.name)]);
    expect(overview.charts[0]).toEqual(userChart(900, overview.name));
    expect(overview.charts.map((c) => c.options.title)).toEqual(['Mine', 'Overview']);
  });

  test('a sheet stamped before charts were (no chart, no chart id in its stamp): its chart is the add-on\'s, updated, never doubled', () => {
    const { script, book } = addon();
    script.runReport();
    const overview = book.sheet('Overview');
    stampWithout(overview, 'chart', 'chartId');
    const [id] = overview.charts.map((c) => c.id);
    script.runReport();
    expect(overview.charts.map((c) => c.id)).toEqual([id]);
    expect(stampOf(overview).chartId).toBe(id);
  });

  test('a sheet stamped before charts were, of a table that draws none: a chart there may be the user\'s, and stays', () => {
    // Both campaigns: the over-time table has no chart.
    const { script, book } = addon();
    script.runReport();
    const overTime = book.sheet('Contacts and sessions over time');
    stampWithout(overTime, 'chart', 'chartId');
    overTime.charts.push(userChart(901, overTime.name));
    script.runReport();
    expect(overTime.charts).toEqual([userChart(901, overTime.name)]);
  });

  test('a sheet stamped with its chart\'s layout but no chart id: that chart is the add-on\'s, removed when the table draws none', () => {
    const { services, script, book } = addon({ reportOptions: { campaignIds: ['C1'] } });
    script.runReport();
    const traffic = book.sheet('Traffic by source');
    expect(traffic.charts).toHaveLength(1);
    stampWithout(traffic, 'chartId');
    // Both campaigns: traffic by source has no chart of its own.
    services.userProperties.set(USER_REPORT_OPTIONS_KEY, JSON.stringify({ campaignIds: ['C1', 'C2'] }));
    script.runReport();
    expect(traffic.charts).toEqual([]);
  });

  test('a protection the user made without a description, strict, stays strict when a run in another language rewords it', () => {
    const { services, script, book } = addon();
    script.runReport();
    const overview = book.sheet('Overview');
    overview.protection = { warningOnly: false, description: '' };
    services.userProperties.set('campaignAnalytics.language', 'nl');
    script.runReport();
    expect(overview.protection?.warningOnly).toBe(false);
  });

  test('a protection this user may not edit (another editor\'s, stricter) keeps its words, and the run in another language goes through', () => {
    const { services, script, book } = addon();
    script.runReport();
    const overview = book.sheet('Overview');
    overview.protection = { warningOnly: false, description: 'Only Anna edits this', editable: false };
    services.userProperties.set('campaignAnalytics.language', 'nl');
    expect(script.runReport().done).toBe(true);
    expect(overview.protection).toEqual({ warningOnly: false, description: 'Only Anna edits this', editable: false });
  });

  test('a run in another language rewords a protection the user made stricter, and leaves it as strict', () => {
    const { services, script, book } = addon();
    script.runReport();
    const overview = book.sheet('Overview');
    overview.protection!.warningOnly = false;
    services.userProperties.set('campaignAnalytics.language', 'nl');
    script.runReport();
    expect(overview.protection).toEqual({ warningOnly: false, description: expect.stringMatching(/^Geschreven door de add-on Campaign analytics\./) });
    // Other sheets keep the add-on's warning-only protection, reworded.
    expect(reportSheets(services).filter((s) => s !== overview).every((s) => s.protection?.warningOnly === true)).toBe(true);
  });

  test('a re-run drops the sheets of tables the report no longer has, and charts it no longer draws', () => {
    const { services, script, book } = addon({ reportOptions: { campaignIds: ['C2'] } });
    script.runReport();
    expect(names(services)).toContain('Assets: Emails');
    expect(book.sheet('Contacts and sessions over time').charts).toHaveLength(1);
    services.userProperties.set(USER_REPORT_OPTIONS_KEY, JSON.stringify({ campaignIds: ['C1', 'C2'] }));
    script.runReport();
    expect(book.sheet('Contacts and sessions over time').charts).toEqual([]);
    services.userProperties.set(USER_REPORT_OPTIONS_KEY, JSON.stringify({ campaignIds: ['C1'] }));
    script.runReport();
    expect(names(services)).not.toContain('Assets: Emails');
    expect(names(services)).toContain('Assets: Landing pages');
  });

  test('a re-run with fewer rows leaves none of the previous table behind (the chart\'s room below it included)', () => {
    const { services, script, book } = addon();
    script.runReport();
    expect(body(book.sheet('Overview')).map((row) => row[0])).toEqual(['Spring launch', 'Summer', '(no campaign)']);
    services.userProperties.set(USER_REPORT_OPTIONS_KEY, JSON.stringify({ campaignIds: ['C1'] }));
    script.runReport();
    // The sheet keeps 23 rows (the chart's room), but rows 6 and 7 no longer hold Summer and "(no campaign)".
    expect(book.sheet('Overview').maxRows).toBe(23);
    expect(body(book.sheet('Overview'))).toEqual([['Spring launch', 1, 10, 0.1, 1, '', '', 1, '', '']]);
    expect(book.sheet('Overview').snapshot()).toMatchObject({ layers: { fontWeights: { length: 5 }, numberFormats: { length: 5 } } });
  });

  test('never takes a name the user already uses, and never writes the user\'s copy of a report sheet', () => {
    const { services, script } = addon({ sheets: { ...workbook(), overview: [['my own overview']] } });
    script.runReport();
    expect(names(services)).toContain('Overview (2)');
    expect(services.spreadsheet.sheet('overview').dataValues()).toEqual([['my own overview']]);
    // A copy of a report sheet (Sheets copies its developer metadata along) belongs to the user.
    const report = services.spreadsheet.sheet('Revenue attribution');
    const stamp = report.metadata.find((m) => m.key === KEY)!.value;
    services.globals.SpreadsheetApp.getActiveSpreadsheet().insertSheet('Copy of Revenue attribution', 0).addDeveloperMetadata(KEY, stamp);
    const copy = services.spreadsheet.sheet('Copy of Revenue attribution').snapshot();
    services.calls.length = 0;
    script.runReport();
    expect(services.spreadsheet.sheet('Copy of Revenue attribution').snapshot()).toEqual(copy);
    expect(writesTo(services, ['Copy of Revenue attribution', 'overview'])).toEqual([]);
    script.removeReportSheets();
    expect(names(services)).toEqual(['Copy of Revenue attribution', ...USER_SHEETS, 'overview']);
  });
});

describe('Refresh report', () => {
  test('repeats the last report\'s options on today\'s data, whatever the user has chosen since', () => {
    const { services, script, book } = addon({ reportOptions: { campaignIds: ['C1'] } });
    script.runReport();
    services.userProperties.set(USER_REPORT_OPTIONS_KEY, JSON.stringify({ campaignIds: ['C2'] }));
    script.refreshReport();
    // No email asset in Spring launch: one table fewer.
    expect(services.toasts[1].message).toBe('Report written to 18 sheets (0 new, 18 updated).');
    expect(body(book.sheet('Overview')).map((row) => row[0])).toEqual(['Spring launch']);
  });

  describe('a date preset is resolved afresh for the day of every refresh; a custom range stays as chosen', () => {
    /** Sunday 21 April and Sunday 5 May 2024, 09:00 in Amsterdam (07:00 UTC, CEST). */
    const APRIL_21 = Date.UTC(2024, 3, 21, 7);
    const MAY_5 = Date.UTC(2024, 4, 5, 7);
    const reportDays = (services: FakeServices) => {
      const { provenance } = stampOf(services.spreadsheet.sheet('Overview'));
      return { from: provenance.from, to: provenance.to };
    };
    const lastReport = (services: FakeServices) => JSON.parse(services.documentProperties.get('campaignAnalytics.lastReport')!);
    const summerRevenue = (services: FakeServices) => body(services.spreadsheet.sheet('Revenue attribution')).find((row) => row[0] === 'Summer')![1];

    test('"last 7 days" written on 21 April covers 29 April to 5 May when refreshed on 5 May', () => {
      // As the sidebar stores "last 7 days" on 21 April: the preset, beside the days it stood for then (21 − 6 = 15).
      const { services, script } = addon({ now: APRIL_21, reportOptions: { from: '2024-04-15', to: null, range: 'last_7_days' } });
      script.runReport();
      expect(reportDays(services)).toEqual({ from: '2024-04-15', to: '2024-04-21' });
      expect(lastReport(services)).toMatchObject({ from: '2024-04-15', to: null, range: 'last_7_days' });
      expect(summerRevenue(services)).toBe(800);
      // Two weeks later: 5 May − 6 days = 29 April, not 15 April to 5 May.
      script.Date = fixedClock(MAY_5);
      script.refreshReport();
      expect(reportDays(services)).toEqual({ from: '2024-04-29', to: '2024-05-05' });
      expect(lastReport(services)).toMatchObject({ from: '2024-04-29', to: null, range: 'last_7_days' });
      // Summer's deal (800) closed on 20 April: inside the first week, outside the second.
      expect(summerRevenue(services)).toBe(0);
    });

    test('"last month" written in April (March) is April when refreshed in May; the menu\'s "Run report" rolls the user\'s preset too', () => {
      const { services, script } = addon({ now: APRIL_21, reportOptions: { from: '2024-03-01', to: '2024-03-31', range: 'last_month' } });
      script.runReport();
      expect(reportDays(services)).toEqual({ from: '2024-03-01', to: '2024-03-31' });
      script.Date = fixedClock(MAY_5);
      script.refreshReport();
      // The month before May: 1 to 30 April.
      expect(reportDays(services)).toEqual({ from: '2024-04-01', to: '2024-04-30' });
      script.runReport();
      expect(reportDays(services)).toEqual({ from: '2024-04-01', to: '2024-04-30' });
    });

    test('a custom range, and options stored without a preset (the menu, an older version), stay fixed', () => {
      const custom = addon({ now: APRIL_21, reportOptions: { from: '2024-04-01', to: '2024-04-14', range: 'custom' } });
      custom.script.runReport();
      custom.script.Date = fixedClock(MAY_5);
      custom.script.refreshReport();
      expect(reportDays(custom.services)).toEqual({ from: '2024-04-01', to: '2024-04-14' });
      expect(lastReport(custom.services)).toMatchObject({ from: '2024-04-01', to: '2024-04-14', range: 'custom' });

      const older = addon({ now: APRIL_21, reportOptions: { from: '2024-04-15', to: null } });
      older.script.runReport();
      older.script.Date = fixedClock(MAY_5);
      older.script.refreshReport();
      // No preset: fixed days from 15 April, up to the refresh's today.
      expect(reportDays(older.services)).toEqual({ from: '2024-04-15', to: '2024-05-05' });
      expect(lastReport(older.services)).not.toHaveProperty('range');
    });
  });

  test('says so, and writes nothing, when there is no report yet', () => {
    const { services, script } = addon();
    const outcome = script.refreshReport();
    expect(outcome.done).toBe(false);
    expect(services.alerts).toEqual([{ title: 'Campaign report', prompt: 'There is no report to refresh yet: use "Run report" first.', buttons: 'OK' }]);
    expect(names(services)).toEqual(USER_SHEETS);
  });
});

describe('the problems in the data', () => {
  test('a warning puts a "Problems in the data" sheet among the report sheets; the next run without one removes it', () => {
    // D3, a won deal in dollars, in a workbook in euros: left out of every sum, with a warning.
    const sheets = workbook();
    sheets.Deals = [[...sheets.Deals[0], 'currency'], ...sheets.Deals.slice(1), ['D3', 'Dollar deal', 500, 'won', sheets.Deals[2][4], sheets.Deals[2][5], 'k2', 'USD']];
    const { services, script, book } = addon({ sheets });
    expect(script.runReport().done).toBe(true);
    expect(names(services)).toEqual([...USER_SHEETS, ...ALL_TABLES, 'Problems in the data', VERSION_SHEET]);
    const problems = book.sheet('Problems in the data');
    expect(problems.metadata.some((m) => m.key === KEY)).toBe(true);
    expect(body(problems)).toEqual([['Warning', 'Deals', 4, 'currency', 'The deal is in USD, not the workbook currency EUR; it is left out of every sum.']]);
    // The row number is a number, shown without grouping (row 14643, not 14,643).
    expect(problems.layers.numberFormats[4][2]).toBe('0');
    // The deal removed, the next run has no problem to list, and the sheet goes as a stale report sheet.
    book.sheet('Deals').layers.values.pop();
    expect(script.runReport().done).toBe(true);
    expect(names(services)).toEqual([...USER_SHEETS, ...ALL_TABLES, VERSION_SHEET]);
  });
});

describe('Remove report sheets', () => {
  test('deletes the add-on\'s sheets after the user confirms, and nothing else; with no formula reading the figures any more, the version sheet and the change trigger go too', () => {
    const { services, script, changeTriggers } = addon({ sheets: { ...workbook(), Notes: WITH_FORMULA } });
    script.runReport();
    expect(changeTriggers.map((t) => t.handler)).toEqual(['onSpreadsheetChange']);
    services.spreadsheet.sheet('Notes').layers.values[1][0] = 'formula removed';
    const userSheets = snapshots(services, USER_SHEETS);
    script.removeReportSheets();
    expect(services.alerts).toEqual([{
      title: 'Campaign report', prompt: 'Delete 20 report sheets written by this add-on? Your own sheets stay as they are.', buttons: 'YES_NO',
    }]);
    expect(services.toasts[1].message).toBe('Deleted 20 report sheets.');
    expect(names(services)).toEqual(USER_SHEETS);
    expect(snapshots(services, USER_SHEETS)).toEqual(userSheets);
    // A user has at most 20 of the add-on's triggers across their spreadsheets: this one no longer takes one.
    expect(changeTriggers).toEqual([]);
    expect(services.spreadsheet.namedRanges.has('CAMPAIGN_DATA_VERSION')).toBe(false);
    // A report run afterwards makes the version sheet again, and a change trigger only for a formula.
    script.runReport();
    expect(names(services)).toContain(VERSION_SHEET);
    expect(changeTriggers).toEqual([]);
  });

  test('a formula reading the figures keeps the version sheet and the change trigger it needs', () => {
    const sheets = { ...workbook(), Notes: WITH_FORMULA };
    const { services, script, changeTriggers } = addon({ sheets });
    script.runReport();
    script.removeReportSheets();
    expect(names(services)).toEqual([...USER_SHEETS, VERSION_SHEET]);
    expect(changeTriggers.map((t) => t.handler)).toEqual(['onSpreadsheetChange']);
  });

  test('a report sheet holding the user\'s own cells or chart stays, as it is, and the question and the message name it', () => {
    const { services, script, book } = addon();
    script.runReport();
    const overview = book.sheet('Overview');
    noteBelowTable(overview);
    const revenue = book.sheet('Revenue attribution');
    revenue.charts.push(userChart(900, revenue.name, 'column'));
    const kept = [overview, revenue].map((sheet) => sheet.snapshot());
    script.removeReportSheets();
    const stay = 'These report sheets hold cells or charts of your own, so they stay: Overview, Revenue attribution.';
    expect(services.alerts.at(-1)!.prompt).toBe(`Delete 18 report sheets written by this add-on? Your own sheets stay as they are. ${stay}`);
    expect(services.toasts.at(-1)!.message).toBe(`Deleted 18 report sheets. ${stay}`);
    expect(names(services)).toEqual([...USER_SHEETS, 'Overview', 'Revenue attribution']);
    expect([overview, revenue].map((sheet) => sheet.snapshot())).toEqual(kept);
    // Asked again, nothing is left to delete: said, with the sheets that stay.
    script.removeReportSheets();
    expect(services.alerts.at(-1)!.prompt).toBe(`There are no report sheets to delete. ${stay}`);
  });

  test('deleting stops part-way (Sheets failing): the message says how many went and how many are left, and to choose it again', () => {
    // The report run deletes its staging sheet: the removal's second deletion fails.
    const { services, script } = addon({ failOn: { method: 'deleteSheet', nth: 3 } });
    script.runReport();
    script.removeReportSheets();
    expect(services.alerts.at(-1)!.prompt).toMatch(
      /^Deleting the report sheets stopped part-way \(.*simulated failure of Spreadsheet\.deleteSheet.*\): 1 report sheet deleted, 19 report sheets still there\. Choose "Remove report sheets" again to delete the rest\.$/,
    );
    expect(names(services).filter((name) => !USER_SHEETS.includes(name) && name !== VERSION_SHEET)).toHaveLength(19);
    script.removeReportSheets();
    expect(names(services)).toEqual(USER_SHEETS);
  });

  test('one report sheet kept for the user\'s work is said in the singular', () => {
    const { services, script, book } = addon();
    script.runReport();
    noteBelowTable(book.sheet('Overview'));
    script.removeReportSheets();
    expect(services.toasts.at(-1)!.message).toBe('Deleted 19 report sheets. This report sheet holds cells or charts of your own, so it stays: Overview.');
  });

  test('a run\'s leftover that cannot be deleted is no failure of the removal; asked again, with no report sheet left, it goes', () => {
    // The run's only deletion, of its staging sheet, fails: the sheet stays, hidden. The removal then deletes the
    // 20 report sheets, and its next deletion, the leftover's, fails too.
    const failOn = { method: 'deleteSheet', nth: 1 };
    const { services, script, book } = addon({ failOn });
    script.runReport();
    failOn.nth = 1 + ALL_TABLES.length + 1;
    script.removeReportSheets();
    expect(services.toasts.at(-1)!.message).toBe('Deleted 20 report sheets.');
    expect(book.sheets.filter((s) => s.hidden).map((s) => s.name)).toEqual(['Campaign report (being written)']);
    script.removeReportSheets();
    expect(services.alerts.at(-1)!.prompt).toBe('There are no report sheets to delete.');
    expect(names(services)).toEqual(USER_SHEETS);
  });

  test('with every report sheet deleted by hand, Remove still takes away the version sheet and change trigger that served only the formulas', () => {
    const { services, script, changeTriggers } = addon({ sheets: { ...workbook(), Notes: WITH_FORMULA } });
    script.runReport();
    services.spreadsheet.sheet('Notes').layers.values[1][0] = 'formula removed';
    const spreadsheet = services.globals.SpreadsheetApp.getActiveSpreadsheet();
    for (const { name } of reportSheets(services)) spreadsheet.deleteSheet(spreadsheet.getSheetByName(name)!);
    expect(names(services)).toEqual([...USER_SHEETS, VERSION_SHEET]);
    expect(changeTriggers).toHaveLength(1);
    script.removeReportSheets();
    expect(services.alerts.at(-1)!.prompt).toBe('There are no report sheets to delete.');
    expect(names(services)).toEqual(USER_SHEETS);
    expect(changeTriggers).toEqual([]);
  });

  test('one report sheet left (the user deleted the others) is said in the singular, in Dutch too', () => {
    const { services, script } = addon({ locale: 'nl_NL' });
    script.runReport();
    const spreadsheet = services.globals.SpreadsheetApp.getActiveSpreadsheet();
    for (const { name } of reportSheets(services).slice(1)) spreadsheet.deleteSheet(spreadsheet.getSheetByName(name)!);
    script.removeReportSheets();
    expect(services.alerts.at(-1)!.prompt).toBe('1 rapportblad van deze add-on verwijderen? Je eigen bladen blijven zoals ze zijn.');
    expect(services.toasts.at(-1)!.message).toBe('1 rapportblad verwijderd.');
  });

  test('deletes nothing when the user says no, or when there is nothing to delete', () => {
    const { services, script } = addon({ answer: 'no' });
    script.removeReportSheets();
    script.runReport();
    script.removeReportSheets();
    expect(services.alerts.map((a) => a.prompt)).toEqual([
      'There are no report sheets to delete.',
      'Delete 20 report sheets written by this add-on? Your own sheets stay as they are.',
      'No sheet was deleted.',
    ]);
    expect(names(services)).toEqual([...USER_SHEETS, ...ALL_TABLES, VERSION_SHEET]);
  });
});

describe('Settings', () => {
  test('shows where the data is read from, the currency and the user\'s report options', () => {
    const { services, script } = addon({
      sheets: { ...workbook(), 'HubSpot deals': workbook().Deals },
      documentProperties: { 'campaignAnalytics.dataSheets': JSON.stringify({ Deals: 'HubSpot deals' }) },
      reportOptions: { model: 'u_shaped', touch: 'last', from: '2024-01-01', frequency: 'daily', campaignIds: ['C1', 'C2'], lookbackDays: 30 },
    });
    script.showSettings();
    expect(services.alerts).toEqual([{
      title: 'Settings',
      prompt: 'Data sheets: Campaigns, Assets, Visits, Deals ("HubSpot deals"), Spend, DealContacts, Contacts\n'
        + 'Currency: EUR\n'
        + 'Your report options: U-shaped, last touch, 2024-01-01 to today, daily, C1, C2, lookback window 30 days',
      buttons: 'OK',
    }]);
    expect(writesTo(services, Object.keys(workbook()))).toEqual([]);
  });
});

describe('bad input: a message naming sheet, row and column, and nothing written', () => {
  const expectNothingWritten = (services: FakeServices, sheets = USER_SHEETS) => {
    expect(names(services)).toEqual(sheets);
    expect(services.calls.filter((call) => /\.(insertSheet|deleteSheet|setValues|copyTo|setProperty)$/.test(call))).toEqual([]);
    expect(services.toasts).toEqual([]);
  };

  test('a missing data sheet', () => {
    const { Deals: _, ...sheets } = workbook();
    const { services, script } = addon({ sheets });
    expect(script.runReport().done).toBe(false);
    expect(services.alerts.map((a) => a.prompt)).toEqual([
      'The report cannot run until these problems are fixed. Nothing was written. "Open sidebar" in the add-on\'s menu creates the missing sheets '
        + 'with their headers, or maps them to tabs you have.\n\nDeals: The sheet "Deals" is missing.',
    ]);
    expectNothingWritten(services, ['Notes', 'Campaigns', 'Assets', 'Visits']);
  });

  test('a missing required column, named by the tab it should be on', () => {
    const { Deals, ...sheets } = workbook();
    const { services, script } = addon({
      sheets: { ...sheets, 'CRM deals': Deals.map((row) => row.filter((_, c) => c !== 2)) }, // no amount
      documentProperties: { 'campaignAnalytics.dataSheets': JSON.stringify({ Deals: 'CRM deals' }) },
    });
    script.runReport();
    expect(services.alerts).toHaveLength(1);
    expect(services.alerts[0].prompt).toMatch(/^The report cannot run until these problems are fixed\. Nothing was written\.\n\nCRM deals, row 1, column amount: The required column "amount" is missing/);
    expectNothingWritten(services, ['Notes', 'Campaigns', 'Assets', 'Visits', 'CRM deals']);
  });

  test('a cell of the wrong type: the user is asked, and "No" writes nothing', () => {
    const sheets = workbook();
    sheets.Deals[2][2] = 'eight hundred';
    const { services, script } = addon({ sheets, answer: 'no' });
    expect(script.runReport().done).toBe(false);
    const lines = '\n\nDeals, row 3, column amount: "eight hundred" is not a number; use digits with a decimal point or comma, such as 1234.5 or 1.234,50, and if you like thousands separators and a currency symbol or code (€ 1,234.50, 1234 USD); no % or other units.';
    expect(services.alerts.map(({ prompt, buttons }) => ({ prompt, buttons }))).toEqual([
      { prompt: `Rows with errors: 1. They would be left out of the report. Write the report without them?${lines}`, buttons: 'YES_NO' },
      { prompt: `Nothing was written.${lines}`, buttons: 'OK' },
    ]);
    expectNothingWritten(services);
  });

  test('a cell of the wrong type: "Yes" writes the report without that row', () => {
    const sheets = workbook();
    sheets.Deals[2][2] = 'eight hundred';
    const { services, script, book } = addon({ sheets });
    const outcome = script.runReport();
    expect(outcome.done).toBe(true);
    expect(outcome.problems.map((p: { location: string }) => p.location)).toEqual(['Deals, row 3, column amount']);
    expect(body(book.sheet('Revenue (even split)')).at(-1)).toEqual(['Total', 1200, '', '', '', '']);
    expect(services.toasts).toHaveLength(1);
  });

  test('report options naming a campaign the workbook does not have', () => {
    const { services, script } = addon({ reportOptions: { campaignIds: ['C9'] } });
    script.runReport();
    expect(services.alerts.map((a) => a.prompt)).toEqual([
      'The report options name campaigns that are not in the Campaigns sheet: C9. Nothing was written.',
    ]);
    expectNothingWritten(services);
  });
});

describe('limits', () => {
  test('another run holding the lock: waits 5 s for it, then says so, reads and writes nothing', () => {
    const { services, script } = addon({ lockHeld: true });
    script.runReport();
    expect(services.lockWaits.document).toEqual([5_000]);
    expect(services.alerts.map((a) => a.prompt)).toEqual([
      'Another report is being written to this spreadsheet right now. Try again when it has finished.',
    ]);
    expect(services.calls.filter((call) => /getValues|insertSheet/.test(call))).toEqual([]);
  });

  test('input too big for one run: measured before reading, and the command line is offered', () => {
    const { services, script } = addon({ claimedExtent: { Visits: [500_000, 16] } });
    script.runReport();
    expect(services.alerts.map((a) => a.prompt)).toEqual([
      expect.stringMatching(/^The data sheets hold 8,000,\d{3} cells; one run inside Google Sheets handles up to 7,000,000 within its 6-minute limit, so nothing was read\. Run the report with the command line instead: .*npx campaign-analytics report <file>\.xlsx/),
    ]);
    expect(services.calls.filter((call) => call.endsWith('.getValues'))).toEqual([]);
    expect(names(services)).toEqual(USER_SHEETS);
  });

  test('a run whose reading took so long that the write would not finish in time stops before writing (no sheet half-done)', () => {
    // Each of the 4 data sheets' getValues takes 80 s: 86 cells were expected to be read in no time, but the
    // reading took 5 min 20 s, past the 5 budgeted, so writing the 20 new sheets cannot start.
    const { services, script } = addon();
    script.Date = serviceClock(services.calls, Date.UTC(2024, 3, 21, 5, 0), { getValues: 80_000 });
    expect(script.runReport().done).toBe(false);
    expect(services.alerts[0].prompt).toMatch(/^This report needs more time than one run inside Google Sheets allows \(6 minutes\), so nothing was written\. Run it with the command line instead/);
    expect(names(services)).toEqual(USER_SHEETS);
  });

  test('a run started too late to write in time (no wait for a lock in between) stops before writing (no sheet half-done)', () => {
    const services = fakeServices({ sheets: workbook(), locale: 'en_IE', timeZone: TZ });
    withGlobals(services, () => {
      const outcome = writeReport(gasServices(), 'user', () => true, Date.now() - 5 * 60_000);
      expect(outcome.message).toMatch(/^This report needs more time than one run inside Google Sheets allows \(6 minutes\), so nothing was written\. Run it with the command line instead/);
    });
    expect(names(services)).toEqual(USER_SHEETS);
  });

  test('service calls depend on the sheets and tables, not on the rows: the same calls for a workbook 10 times larger', () => {
    const callsFor = (times: number) => {
      const services = fakeServices({ sheets: workbook(times), locale: 'en_IE', timeZone: TZ });
      loadCodeJs({ ...services.globals, Utilities: fakeGzip((_label, target) => target) }).runReport();
      expect(services.toasts).toHaveLength(1);
      return services.calls;
    };
    const once = callsFor(1);
    const tenTimes = callsFor(10);
    expect(tenTimes.length).toBe(once.length);
    expect(tenTimes).toEqual(once);
    // One read per data sheet, and per report table a fixed handful of writes to the staging sheet.
    expect(once.filter((call) => call.endsWith('.getValues'))).toHaveLength(4);
    // Two more: the formulas' data version cell, and the lasting copy of their facts beside it.
    expect(once.filter((call) => call.endsWith('.setValues'))).toHaveLength(ALL_TABLES.length + 2);
    expect(once.filter((call) => call.endsWith('.copyTo'))).toHaveLength(ALL_TABLES.length);
  });
});

describe('the spreadsheet\'s 10 million cells', () => {
  /** The workbook beside an "Archive" sheet of `rows` × 1 cells; the other five sheets are 1,000 × 26 each. */
  const withArchive = (rows: number) => addon({ sheets: { ...workbook(), Archive: [['old']] }, claimedExtent: { Archive: [rows, 1] } });
  const OTHER_SHEETS = 5 * 1000 * 26;

  test('a spreadsheet too full for any report: counted before reading, nothing read or written', () => {
    // 130,000 + 9,850,000 = 9,980,000 cells: no room for even the staging sheet as inserted (1,000 × 26).
    const { services, script } = withArchive(9_850_000);
    expect(script.runReport().done).toBe(false);
    expect(services.alerts.map((a) => a.prompt)).toEqual([
      'This spreadsheet holds 9,980,000 cells, and writing the report takes at least 26,000 more; Google Sheets allows 10,000,000 cells in one spreadsheet, all sheets counted (empty rows and columns too), so nothing was read or written. To make room: delete sheets you no longer need, or their empty rows and columns; delete the report sheets ("Remove report sheets"), which a new report would otherwise copy aside while it writes; or run the report with the command line: download the spreadsheet (File > Download > Microsoft Excel) and run "npx campaign-analytics report <file>.xlsx --xlsx report.xlsx".',
    ]);
    expect(services.calls.filter((call) => /\.(getValues|insertSheet|deleteSheet|setValues|copyTo)$/.test(call))).toEqual([]);
  });

  test('a sheet that cannot be measured (a chart sheet has no grid) counts no cells: the report still runs', () => {
    const { services, script } = addon({ failOn: { method: 'getMaxRows', nth: 1 } });
    expect(script.runReport().done).toBe(true);
    expect(services.alerts).toEqual([]);
  });

  test('said in Dutch too', () => {
    const services = fakeServices({ sheets: { ...workbook(), Archive: [['old']] }, claimedExtent: { Archive: [9_850_000, 1] }, locale: 'nl_NL', timeZone: TZ });
    loadCodeJs(services.globals).runReport();
    expect(services.alerts.map((a) => a.prompt)).toEqual([
      expect.stringMatching(/^Deze spreadsheet bevat 9\.980\.000 cellen, en het rapport schrijven kost er minstens 26\.000 meer; Google Spreadsheets staat 10\.000\.000 cellen per spreadsheet toe/),
    ]);
  });

  test('a report the spreadsheet has no room for: refused once its tables are built, before anything is written; with just enough room it is written', () => {
    // How many cells a first report adds at its most, as the stand-ins saw it (they refuse to pass the limit).
    const roomy = withArchive(1000);
    roomy.script.runReport();
    const added = roomy.book.peakCells - (OTHER_SHEETS + 1000);
    expect(added).toBeGreaterThan(26_000);

    // One cell less than that: the report is refused once it is built (having been read), and nothing is written.
    const tight = withArchive(10_000_000 - OTHER_SHEETS - (added - 1));
    expect(tight.script.runReport().done).toBe(false);
    const [prompt] = tight.services.alerts.map((a) => a.prompt);
    const [, cells, needed] = /^This spreadsheet holds ([\d,]+) cells, and writing this report needs ([\d,]+) more \(the report sheets, and a working copy of them while they are written\); Google Sheets allows 10,000,000 cells in one spreadsheet.* so nothing was written\. .*choose fewer campaigns or a shorter date range; or run the report with the command line/.exec(prompt)!;
    const count = (text: string) => Number(text.replace(/,/g, ''));
    expect(count(cells)).toBe(10_000_000 - (added - 1));
    // The plan's bound is at least what the write really takes.
    expect(count(needed)).toBeGreaterThanOrEqual(added);
    expect(tight.services.calls.filter((call) => call.endsWith('.getValues'))).toHaveLength(4);
    expect(tight.services.calls.filter((call) => /\.(insertSheet|deleteSheet|setValues|copyTo|setProperty)$/.test(call))).toEqual([]);
    expect(names(tight.services)).toEqual([...USER_SHEETS, 'Archive']);

    // Room for exactly what the plan needs: written, and the stand-ins (which refuse any action past the limit) never refused.
    const enough = withArchive(10_000_000 - OTHER_SHEETS - count(needed));
    expect(enough.script.runReport().message).toBe('Report written to 20 sheets (20 new, 0 updated).');
    expect(enough.book.peakCells).toBeLessThanOrEqual(10_000_000);
  });

  test('a re-run: the copies of the sheets it updates counted too; refused with one cell too few, written with just enough', () => {
    const { services, script, book } = withArchive(1000);
    script.runReport();
    const needed = () => {
      const refused = /writing this report needs ([\d,]+) more/.exec(services.alerts.at(-1)?.prompt ?? '');
      return refused === null ? null : Number(refused[1].replace(/,/g, ''));
    };
    // The Archive sheet grows until the spreadsheet has room for 26,000 cells more: enough to start (the small
    // workbook's drill-downs hold far fewer), too few for the staging sheet as inserted plus the copies.
    book.sheet('Archive').maxRows += 10_000_000 - 26_000 - book.cells();
    expect(script.runReport().done).toBe(false);
    const need = needed()!;
    expect(need).toBeGreaterThan(26_000);
    book.sheet('Archive').maxRows -= need - 1 - 26_000;
    expect(script.runReport().done).toBe(false);
    expect(needed()).toBe(need);
    book.sheet('Archive').maxRows -= 1;
    book.peakCells = book.cells();
    expect(script.runReport().message).toBe('Report written to 20 sheets (0 new, 20 updated).');
    expect(book.peakCells).toBeLessThanOrEqual(10_000_000);
  });

  test('the tables counted before reading are in every report, whatever its model and campaigns', () => {
    for (const model of ['linear', 'u_shaped', 'markov', 'shapley']) {
      for (const campaignIds of [null, ['C1'], ['C2']]) {
        const { services, script } = addon({ reportOptions: { model, campaignIds } });
        script.runReport();
        const tables = reportSheets(services).map((sheet) => stampOf(sheet).table);
        expect(tables).toEqual(expect.arrayContaining([...IN_EVERY_REPORT]));
      }
    }
  });

  describe('staging costs what the tables cost', () => {
    // The audit's shape: two drill-downs of 35,000 rows and 9 columns, the influenced revenue drill-down
    // (8 columns, 5,000 rows), the data health table (6 columns), the overview (10 columns, 20 campaigns)
    // and the models side by side (12 columns, and room for a chart: 20 columns on its sheet).
    const grid = (tableId: string, height: number, width: number, chart = false): TableGrid =>
      ({ tableId, height, width, sheetRows: chart ? Math.max(height, 23) : height, sheetColumns: chart ? width + 8 : width }) as TableGrid;
    const grids = [
      grid('overview', 24, 10, true), grid('model_comparison', 25, 12, true), grid('drill_down', 35_004, 9), grid('drill_down_even_split', 35_004, 9),
      grid('influenced_revenue_drill_down', 5_004, 8), grid('data_health', 104, 6),
    ];
    const sheetCells = 24 * 18 + 25 * 20 + 2 * 35_004 * 9 + 5_004 * 8 + 104 * 6;

    test('a first report: the narrow tables in a staging sheet 9 columns wide, the wide ones in their own', () => {
      const plan = planReportWrite({ cells: 7_000_000, reports: new Map(), leftovers: [] }, grids);
      // 104 + 5,004 + 2 × 35,004 rows of at most 9 columns; 24 + 25 rows of at most 12. One sheet 12 columns
      // wide would take 12 × 75,165 = 901,980 cells; a third sheet for the 6-column table saves 312, not 26,000.
      expect(plan.staging).toEqual([{ rows: 75_116, columns: 9 }, { rows: 49, columns: 12 }]);
      expect(plan.gridAt).toEqual([
        { staging: 1, row: 1 }, { staging: 1, row: 25 }, { staging: 0, row: 1 }, { staging: 0, row: 35_005 }, { staging: 0, row: 70_009 }, { staging: 0, row: 75_013 },
      ]);
      // Staging, every report sheet whole (all new), and one sheet as inserted.
      expect(plan.cellsNeeded).toBe(75_116 * 9 + 49 * 12 + sheetCells + 26_000);
    });

    test('a re-run: each backup is the sheet\'s content, beside the tables of its width, never the chart\'s columns', () => {
      const reports = new Map(grids.map((g) => [g.tableId, {
        sheet: {}, metadata: {}, stamp: {}, maxRows: g.sheetRows, maxColumns: g.sheetColumns, content: { rows: g.height, columns: g.width },
      }])) as unknown as WorkbookMeasure['reports'];
      const plan = planReportWrite({ cells: 7_700_000, reports, leftovers: [] }, grids);
      expect(plan.staging).toEqual([{ rows: 2 * 75_116, columns: 9 }, { rows: 2 * 49, columns: 12 }]);
      expect(plan.backups.map((b) => b?.at)).toEqual([
        { staging: 1, row: 50 }, { staging: 1, row: 74 }, { staging: 0, row: 75_117 }, { staging: 0, row: 110_121 }, { staging: 0, row: 145_125 }, { staging: 0, row: 150_129 },
      ]);
      // No sheet grows: staging and one inserted sheet. Stacked 20 columns wide (tables and whole sheets) it was 20 × 150,379.
      expect(plan.cellsNeeded).toBe(2 * 75_116 * 9 + 2 * 49 * 12 + 26_000);
      expect(plan.cellsNeeded).toBeLessThan(20 * 150_379 / 2);
    });
  });
});

describe('the deadline: a write that would pass it is rolled back, never killed half-way', () => {
  /** 5 May 2024, 09:00 in Amsterdam. */
  const NOW = Date.UTC(2024, 4, 5, 7);

  test('writing the report sheets slows down: stopped before the sheet that would leave no time to put the others back', () => {
    const { services, script, book } = addon();
    script.runReport();
    const before = book.sheets.map((s) => s.snapshot());
    const lastReport = services.documentProperties.get('campaignAnalytics.lastReport');
    // Each report sheet written takes a minute (its setFrozenRows), everything else no time. The run starts
    // at NOW with 5 minutes; each sheet is allowed when 2 s to write it, and 2 s per updated sheet to put
    // back, still fit: sheets 1 to 5 start at 0, 1, 2, 3 and 4 minutes; the sixth would start at 5.
    services.calls.length = 0;
    script.Date = serviceClock(services.calls, NOW, { setFrozenRows: 60_000 });
    const outcome = script.runReport();
    expect(outcome.done).toBe(false);
    expect(services.alerts.map((a) => a.prompt)).toEqual([
      'Writing the report would have taken longer than one run inside Google Sheets allows (6 minutes), so it was stopped and the report sheets were put back as they were. Try again later; if it happens again, choose fewer campaigns or a shorter date range, or run the report with the command line: download the spreadsheet (File > Download > Microsoft Excel) and run "npx campaign-analytics report <file>.xlsx --xlsx report.xlsx".',
    ]);
    // Five sheets written, and each one's frozen rows put back as they were by the rollback.
    const frozen = services.calls.filter((call) => call.endsWith('.setFrozenRows'));
    expect(frozen).toHaveLength(10);
    expect(frozen.slice(5)).toEqual(frozen.slice(0, 5));
    // Five sheets written and put back, cells, size, stamp, widths and chart alike; the staging sheet gone.
    expect(book.sheets.map((s) => s.snapshot())).toEqual(before);
    expect(services.documentProperties.get('campaignAnalytics.lastReport')).toBe(lastReport);
    expect(services.toasts).toHaveLength(1);
    expect(services.lock).toEqual({ acquired: 2, released: 2 });
  });

  test('staging slows down: stopped before any report sheet is touched, the staging sheet deleted', () => {
    const { services, script, book } = addon();
    script.runReport();
    const before = book.sheets.map((s) => s.snapshot());
    // Each table staged takes a minute (its setValues). The write is estimated at 20 × 4.6 s and some, so
    // four tables are staged (at 0 to 3 minutes) and the fifth, at 4 minutes, would leave too little.
    services.calls.length = 0;
    script.Date = serviceClock(services.calls, NOW, { setValues: 60_000 });
    expect(script.runReport().done).toBe(false);
    expect(services.alerts[0].prompt).toMatch(/^Writing the report would have taken longer than one run inside Google Sheets allows \(6 minutes\)/);
    expect(services.calls.filter((call) => call.endsWith('.setValues'))).toHaveLength(4);
    expect(services.calls.filter((call) => /^(Sheet|Range)\((?!Campaign report \(being written\))/.test(call) && /\.(copyTo|setValue|setFrozenRows|clear)$/.test(call))).toEqual([]);
    expect(book.sheets.map((s) => s.snapshot())).toEqual(before);
  });
});

describe('a service failing while the data is read', () => {
  test('a dialog says so, in the catalogue\'s words with Google\'s reason; nothing is written', () => {
    const { services, script } = addon({ failOn: { method: 'getValues', nth: 1 } });
    const before = services.spreadsheet.sheets.map((s) => s.snapshot());
    expect(script.runReport().done).toBe(false);
    expect(services.alerts.map((a) => a.prompt)).toEqual([
      expect.stringMatching(/^Google Sheets failed while the add-on was at work \(.*simulated failure of Range\(.*\)\.getValues.*\)\. Try again in a moment\.$/),
    ]);
    expect(services.spreadsheet.sheets.map((s) => s.snapshot())).toEqual(before);
    expect(services.lock).toEqual({ acquired: 1, released: 1 });
  });
});

describe('a failure while writing', () => {
  test('before the report sheets are touched: the previous report stays exactly as it was', () => {
    // The first run makes one setValues call per table; the second run fails on its fifth.
    const { services, script } = addon({ failOn: { method: 'setValues', nth: ALL_TABLES.length + 5 } });
    script.runReport();
    const before = services.spreadsheet.sheets.map((s) => s.snapshot());
    const outcome = script.runReport();
    expect(outcome.done).toBe(false);
    expect(services.alerts.map((a) => a.prompt)).toEqual([
      expect.stringMatching(/^The report could not be written \(Service Spreadsheets failed while accessing document .*\)\. The previous report sheets are as they were\.$/),
    ]);
    expect(services.spreadsheet.sheets.map((s) => s.snapshot())).toEqual(before);
    expect(services.lock).toEqual({ acquired: 2, released: 2 });
  });

  test('while the report sheets are being updated: every sheet is put back as it was, the new ones removed', () => {
    // Summer alone writes 18 tables (one copy each); then Spring launch alone updates 17 of them, adds
    // "Assets: Landing pages" and drops "Assets: Emails". The second run's copies: 17 backups into the
    // staging sheet, then one per table into its report sheet, of which the third fails.
    const { services, script } = addon({ reportOptions: { campaignIds: ['C2'] }, failOn: { method: 'copyTo', nth: 18 + 17 + 3 } });
    script.runReport();
    const before = services.spreadsheet.sheets.map((s) => s.snapshot());
    services.userProperties.set(USER_REPORT_OPTIONS_KEY, JSON.stringify({ campaignIds: ['C1'] }));
    services.calls.length = 0;
    const outcome = script.runReport();
    expect(outcome.done).toBe(false);
    expect(services.alerts.map((a) => a.prompt)).toEqual([
      expect.stringMatching(/^The report could not be written \(.*simulated failure of Range\(Campaign report \(being written\)\)\.copyTo.*\)\. The previous report sheets are as they were\.$/),
    ]);
    // The first two sheets had their new table and stamp, the third its size (a sheet's stamp is set after its
    // cells): all three are back, cells, size, stamp, column widths and chart alike; the staging sheet is gone.
    expect(services.calls.filter((call) => call.endsWith('.copyTo'))).toHaveLength(17 + 3 + 3);
    expect(services.spreadsheet.sheets.map((s) => s.snapshot())).toEqual(before);
  });

  test('a failed re-run leaves the user\'s own chart on a report sheet; a protection the user removed stays removed', () => {
    // As above: the second run (in Dutch now) fails on its third copy into a report sheet, the Overview written.
    const { services, script, book } = addon({ reportOptions: { campaignIds: ['C2'] }, failOn: { method: 'copyTo', nth: 18 + 17 + 3 } });
    script.runReport();
    const overview = book.sheet('Overview');
    overview.charts.push(userChart(900, overview.name));
    // The user took the protection off the Overview: neither the Dutch run's rewording nor its rollback makes one
    // (protect() would make one that locks editors out).
    overview.protection = null;
    const before = services.spreadsheet.sheets.filter((s) => s !== overview).map((s) => s.snapshot());
    const overviewBefore = overview.snapshot() as Record<string, unknown>;
    services.userProperties.set(USER_REPORT_OPTIONS_KEY, JSON.stringify({ campaignIds: ['C1'] }));
    services.userProperties.set('campaignAnalytics.language', 'nl');
    expect(script.runReport().done).toBe(false);
    expect(services.spreadsheet.sheets.filter((s) => s !== overview).map((s) => s.snapshot())).toEqual(before);
    expect(overview.snapshot()).toEqual(overviewBefore);
    expect(overview.protection).toBeNull();
    expect(overview.charts.map((c) => c.id)).toContain(900);
  });

  test('what the user typed below or beside a report table stays through later runs, one with a shorter table too', () => {
    const { script, book, services } = addon();
    script.runReport();
    const overview = book.sheet('Overview');
    // A note two rows below the table, and one to the right of the chart, at row 2.
    const height = noteBelowTable(overview);
    overview.maxColumns = Math.max(overview.maxColumns, 30);
    overview.write('values', 2, 30, [['Q3 target 5000']]);
    expect(script.runReport().done).toBe(true);
    expect(overview.read('values', height + 2, 1, 1, 1)).toEqual([['My note: check the Summer budget']]);
    expect(overview.read('values', 2, 30, 1, 1)).toEqual([['Q3 target 5000']]);
    // Spring launch alone: the overview lists it alone, two rows less; those are cleared, the notes stay.
    services.userProperties.set(USER_REPORT_OPTIONS_KEY, JSON.stringify({ campaignIds: ['C1'] }));
    expect(script.runReport().done).toBe(true);
    expect(overview.read('values', height - 2, 1, 1, 1)).toEqual([['Spring launch']]);
    const cleared = overview.read('values', height - 1, 1, 2, 10).flat().filter((cell) => cell !== undefined && cell !== '');
    expect(cleared).toEqual([]);
    expect(overview.read('values', height + 2, 1, 1, 1)).toEqual([['My note: check the Summer budget']]);
    expect(overview.read('values', 2, 30, 1, 1)).toEqual([['Q3 target 5000']]);
  });

  test('a taller table moves what the user typed below it down with it (as Sheets does), and what is beside it stays', () => {
    const { script, book, services } = addon({ reportOptions: { campaignIds: ['C1'] } });
    script.runReport();
    const overview = book.sheet('Overview');
    const before = stampOf(overview).size;
    // A note two rows below the table, and one far to its right, at row 2.
    overview.maxRows = Math.max(overview.maxRows, before.rows + 2);
    overview.maxColumns = Math.max(overview.maxColumns, 30);
    overview.write('values', before.rows + 2, 1, [['My note: check the Summer budget']]);
    overview.write('values', 2, 30, [['Q3 target 5000']]);
    // Every campaign: the overview gains Summer's row and the "(no campaign)" row.
    services.userProperties.set(USER_REPORT_OPTIONS_KEY, JSON.stringify({ campaignIds: null }));
    expect(script.runReport().done).toBe(true);
    const after = stampOf(overview).size;
    expect(after.rows).toBe(before.rows + 2);
    expect(overview.read('values', after.rows + 2, 1, 1, 1)).toEqual([['My note: check the Summer budget']]);
    expect(overview.read('values', 2, 30, 1, 1)).toEqual([['Q3 target 5000']]);
    expect(overview.dataValues().flat().filter((cell) => cell === 'My note: check the Summer budget')).toHaveLength(1);
  });

  test('a taller re-run that fails puts the user\'s cells back where they were, the rows made for the table taken out', () => {
    // As above; the second run fails on its third copy into a report sheet, after the Overview was written.
    const { script, book, services } = addon({ reportOptions: { campaignIds: ['C1'] }, failOn: { method: 'copyTo', nth: 18 + 18 + 3 } });
    expect(script.runReport().done).toBe(true);
    const overview = book.sheet('Overview');
    const rows = stampOf(overview).size.rows;
    overview.maxRows = Math.max(overview.maxRows, rows + 2);
    overview.write('values', rows + 2, 1, [['My note: check the Summer budget']]);
    const before = services.spreadsheet.sheets.map((s) => s.snapshot());
    services.userProperties.set(USER_REPORT_OPTIONS_KEY, JSON.stringify({ campaignIds: null }));
    services.calls.length = 0;
    expect(script.runReport().done).toBe(false);
    // The rows made below the old table, and taken out again.
    expect(services.calls).toEqual(expect.arrayContaining(['Sheet(Overview).insertRowsAfter', 'Sheet(Overview).deleteRows']));
    expect(services.spreadsheet.sheets.map((s) => s.snapshot())).toEqual(before);
  });

  test('a failed re-run puts back the frozen rows and the protection wording the user had, and the sheet they were on', () => {
    // As above: the second run (in Dutch, so it rewords the protections) fails on its third copy into a report sheet.
    const { services, script, book } = addon({ reportOptions: { campaignIds: ['C2'] }, failOn: { method: 'copyTo', nth: 18 + 17 + 3 } });
    script.runReport();
    const overview = book.sheet('Overview');
    overview.frozenRows = 1;
    overview.protection = { warningOnly: false, description: 'mine, strict' };
    book.active = book.sheet('Campaigns');
    const before = services.spreadsheet.sheets.map((s) => s.snapshot());
    services.userProperties.set(USER_REPORT_OPTIONS_KEY, JSON.stringify({ campaignIds: ['C1'] }));
    services.userProperties.set('campaignAnalytics.language', 'nl');
    services.calls.length = 0;
    expect(script.runReport().done).toBe(false);
    // The run had frozen four rows and worded the protection in Dutch on the Overview before it failed.
    expect(services.calls).toEqual(expect.arrayContaining(['Sheet(Overview).setFrozenRows', 'Protection.setDescription']));
    expect(services.spreadsheet.sheets.map((s) => s.snapshot())).toEqual(before);
    expect(overview).toMatchObject({ frozenRows: 1, protection: { warningOnly: false, description: 'mine, strict' } });
    expect(book.active?.name).toBe('Campaigns');
  });

  test('a re-run failing right after inserting a chart, before learning its id: the rollback takes that chart out', () => {
    // The user deleted the Overview's chart; the second run draws a new one, and reading the charts back fails.
    const setUp = (failOn?: { method: string; nth: number }) => {
      const fakes = addon({ failOn });
      fakes.script.runReport();
      fakes.book.sheet('Overview').charts.length = 0;
      return fakes;
    };
    const probe = setUp();
    probe.services.calls.length = 0;
    probe.script.runReport();
    const calls = probe.services.calls;
    const inserted = calls.indexOf('Sheet(Overview).insertChart');
    expect(calls[inserted + 1]).toBe('Sheet(Overview).getCharts');
    // The getCharts calls of both runs up to that one.
    const firstRun = setUp().services.calls.filter((call) => call.endsWith('.getCharts')).length;
    const nth = firstRun + calls.slice(0, inserted + 2).filter((call) => call.endsWith('.getCharts')).length;

    const { script, book, services } = setUp({ method: 'getCharts', nth });
    const before = services.spreadsheet.sheets.map((s) => s.snapshot());
    services.calls.length = 0;
    expect(script.runReport().done).toBe(false);
    expect(services.calls).toContain('Sheet(Overview).insertChart');
    expect(book.sheet('Overview').charts).toEqual([]);
    expect(services.spreadsheet.sheets.map((s) => s.snapshot())).toEqual(before);
  });

  test('a rollback that cannot put a sheet back: said so, and the staging sheets holding the old tables stay for the next run', () => {
    // As above, the second run's third copy into a report sheet fails; so does every copy after it, those of
    // the rollback too.
    const { services, script } = addon({ reportOptions: { campaignIds: ['C2'] }, failOn: { method: 'copyTo', nth: 18 + 17 + 3, onwards: true } });
    script.runReport();
    services.userProperties.set(USER_REPORT_OPTIONS_KEY, JSON.stringify({ campaignIds: ['C1'] }));
    expect(script.runReport().done).toBe(false);
    expect(services.alerts.at(-1)?.prompt).toMatch(/^The report could not be written completely \(/);
    // The old content of the sheets not put back is in the hidden staging sheet, which the next run deletes.
    const staging = services.spreadsheet.sheetsWithMetadata('campaignAnalytics.staging');
    expect(staging).toHaveLength(1);
    expect(staging[0].hidden).toBe(true);
  });

  test('a re-run with fewer rows that fails: the sheets it cleared and wrote get their previous rows back', () => {
    // Both campaigns, then Spring launch alone: 20 copies the first run; the second backs up 20 sheets and
    // fails on its fourth copy into a report sheet, after the Overview (3 rows, now 1) and two more were written.
    const { services, script } = addon({ failOn: { method: 'copyTo', nth: 20 + 20 + 4 } });
    script.runReport();
    const before = asSeen(services);
    services.userProperties.set(USER_REPORT_OPTIONS_KEY, JSON.stringify({ campaignIds: ['C1'] }));
    services.calls.length = 0;
    expect(script.runReport().done).toBe(false);
    expect(services.calls.filter((call) => call === 'Range(Overview).clear')).toHaveLength(1);
    expect(asSeen(services)).toEqual(before);
  });

  test('a chart the new report drops stays through a failed run as the user left it; the user\'s chart beside it is never taken for it', () => {
    // Both campaigns, then Spring launch alone, failing on the fourth copy into a report sheet: the Revenue
    // attribution sheet was written by then, without its pie (one campaign has none), which goes only once the
    // report stands: the rollback has nothing to draw again.
    const { services, script, book } = addon({ failOn: { method: 'copyTo', nth: 20 + 20 + 4 } });
    script.runReport();
    const sheet = book.sheet('Revenue attribution');
    // The user moved and recoloured the add-on's pie, and drew a chart of their own.
    const pie = sheet.charts[0];
    pie.position = [10, 2, 5, 5];
    pie.options.colors = ['#ff0000'];
    const styled = JSON.parse(JSON.stringify(pie));
    sheet.charts.push(userChart(900, sheet.name, 'column'));
    services.userProperties.set(USER_REPORT_OPTIONS_KEY, JSON.stringify({ campaignIds: ['C1'] }));
    expect(script.runReport().done).toBe(false);
    expect(JSON.parse(JSON.stringify(sheet.charts[0]))).toEqual(styled);
    expect(sheet.charts.map((c) => [c.kind, c.options.title])).toEqual([['pie', 'Revenue attribution'], ['column', 'Mine']]);
    // Spring launch alone, written: the pie goes, the user's chart stays.
    services.userProperties.set(USER_REPORT_OPTIONS_KEY, JSON.stringify({ campaignIds: ['C1'] }));
    expect(script.runReport().done).toBe(true);
    expect(sheet.charts.map((c) => [c.kind, c.options.title])).toEqual([['column', 'Mine']]);
    // Both again: a pie is drawn anew, and the user's chart is not taken for the add-on's.
    services.userProperties.set(USER_REPORT_OPTIONS_KEY, JSON.stringify({ campaignIds: ['C1', 'C2'] }));
    expect(script.runReport().done).toBe(true);
    expect(sheet.charts.map((c) => [c.kind, c.options.title])).toEqual([['column', 'Mine'], ['pie', 'Revenue attribution']]);
  });

  test('a re-run with fewer rows that fails after the Overview was written: the rows below its table come back as the user left them', () => {
    // The second run backs up 20 sheets and fails on its second copy into a report sheet, once the Overview
    // (33 rows, its new table 23) was written. The commit never shrinks a sheet, so row 30 is never deleted.
    const { services, script, book } = addon({ failOn: { method: 'copyTo', nth: 20 + 20 + 2 } });
    script.runReport();
    const overview = book.sheet('Overview');
    expect(overview.maxRows).toBe(23);
    overview.maxRows += 10;
    overview.write('backgrounds', 30, 2, [['#ff0000']]);
    const before = asSeen(services);
    services.userProperties.set(USER_REPORT_OPTIONS_KEY, JSON.stringify({ campaignIds: ['C1'] }));
    services.calls.length = 0;
    expect(script.runReport().done).toBe(false);
    expect(overview.read('backgrounds', 30, 2, 1, 1)).toEqual([['#ff0000']]);
    expect(services.calls.filter((call) => call === 'Sheet(Overview).deleteRows')).toEqual([]);
    expect(asSeen(services)).toEqual(before);
    // Run again without a failure: once the report is written, the sheet is trimmed to its table and chart.
    expect(script.runReport().done).toBe(true);
    expect([overview.maxRows, overview.maxColumns]).toEqual([23, 18]);
    expect(body(overview)).toEqual([['Spring launch', 1, 10, 0.1, 1, '', '', 1, '', '']]);
  });

  test('a staging sheet that cannot be deleted once the report is written: the run is done, the next run deletes it', () => {
    // The first run's only deleteSheet is of its staging sheet.
    const { services, script, book } = addon({ failOn: { method: 'deleteSheet', nth: 1 } });
    const outcome = script.runReport();
    expect(outcome.done).toBe(true);
    expect(services.alerts).toEqual([]);
    expect(services.toasts).toEqual([{ title: 'Campaign report', message: 'Report written to 20 sheets (20 new, 0 updated).' }]);
    expect(reportSheets(services).map((s) => s.name).sort()).toEqual([...ALL_TABLES].sort());
    expect(body(book.sheet('Overview')).map((row) => row[0])).toEqual(['Spring launch', 'Summer', '(no campaign)']);
    expect(services.documentProperties.get('campaignAnalytics.lastReport')).toBeDefined();
    expect(book.sheets.filter((s) => s.hidden).map((s) => s.name)).toEqual(['Campaign report (being written)', VERSION_SHEET]);
    expect(script.runReport().done).toBe(true);
    expect(book.sheets.filter((s) => s.hidden).map((s) => s.name)).toEqual([VERSION_SHEET]);
    expect(names(services)).toEqual([...USER_SHEETS, ...ALL_TABLES, VERSION_SHEET]);
  });

  test('after the report is written, a failure bringing the custom functions up to date is said, and the report stands', () => {
    // Inserts: the staging sheet, one per table, then the custom functions' hidden version sheet, which fails.
    const { services, script } = addon({ failOn: { method: 'insertSheet', nth: 1 + ALL_TABLES.length + 1 } });
    const outcome = script.runReport();
    expect(outcome.done).toBe(true);
    expect(outcome.message).toMatch(/^Report written to 20 sheets \(20 new, 0 updated\)\. The custom functions' data could not be updated \(.*simulated failure of Spreadsheet\.insertSheet.*\); they show the previous figures until the next run\.$/);
    expect(names(services)).toEqual([...USER_SHEETS, ...ALL_TABLES]);
  });

  test.each(['hideSheet', 'setNamedRange'])('the version sheet failing half made (%s) is taken out again; the next run makes one, hidden and named', (method) => {
    // hideSheet: the staging sheet is hidden first, then the version sheet; setNamedRange: only the version sheet.
    const { services, script, book } = addon({ failOn: { method, nth: method === 'hideSheet' ? 2 : 1 } });
    const outcome = script.runReport();
    expect(outcome.done).toBe(true);
    expect(outcome.message).toMatch(/The custom functions' data could not be updated/);
    expect(names(services)).toEqual([...USER_SHEETS, ...ALL_TABLES]);
    expect(book.active?.name).toBe('Overview');
    script.runReport();
    expect(book.sheets.filter((sheet) => sheet.name.startsWith('Campaign data version')).map((sheet) => [sheet.name, sheet.hidden]))
      .toEqual([['Campaign data version', true]]);
  });

  test.each([['activate', 'showing the Overview'], ['toast', 'the toast saying so'], ['releaseLock', 'letting go of the lock']])(
    'a report written in full is done though %s fails (%s), and Refresh repeats it',
    (method) => {
      const { services, script } = addon({ failOn: { method, nth: 1 } });
      expect(script.runReport().done).toBe(true);
      expect(names(services)).toEqual([...USER_SHEETS, ...ALL_TABLES, VERSION_SHEET]);
      expect(services.documentProperties.get('campaignAnalytics.lastReport')).toBeDefined();
      expect(script.refreshReport().done).toBe(true);
    },
  );

  test('a first report that fails half-way leaves no sheet behind', () => {
    const { services, script } = addon({ failOn: { method: 'setFrozenRows', nth: 5 } });
    script.runReport();
    expect(services.alerts.map((a) => a.prompt)).toEqual([expect.stringMatching(/The previous report sheets are as they were\.$/)]);
    expect(names(services)).toEqual(USER_SHEETS);
  });

  test('a sheet of the previous report another editor deletes while the run is writing: gone, as it should be, and the run done', () => {
    const { services, script, book } = addon({ reportOptions: { campaignIds: ['C2'] } });
    script.runReport();
    services.userProperties.set(USER_REPORT_OPTIONS_KEY, JSON.stringify({ campaignIds: ['C1'] }));
    // The run's first deleteSheet is of "Assets: Emails", stale now: someone deletes that sheet just before.
    let deletions = 0;
    const push = services.calls.push.bind(services.calls);
    services.calls.push = (...calls: string[]) => {
      for (const call of calls) {
        if (call !== 'Spreadsheet.deleteSheet' || ++deletions !== 1) continue;
        const emails = book.sheet('Assets: Emails');
        emails.deleted = true;
        book.sheets.splice(book.sheets.indexOf(emails), 1);
      }
      return push(...calls);
    };
    const outcome = script.runReport();
    expect(outcome.done).toBe(true);
    expect(services.toasts.at(-1)?.message).toMatch(/^Report written to \d+ sheets \(1 new, \d+ updated\)\.$/);
    expect(JSON.parse(services.documentProperties.get('campaignAnalytics.lastReport')!).campaignIds).toEqual(['C1']);
  });

  test('a sheet of the previous report that cannot be deleted once the new report is written stays for the next run to delete', () => {
    const { services, script } = addon({ reportOptions: { campaignIds: ['C2'] }, failOn: { method: 'deleteSheet', nth: 2 } });
    script.runReport(); // deletes its staging sheet: deleteSheet call 1
    services.userProperties.set(USER_REPORT_OPTIONS_KEY, JSON.stringify({ campaignIds: ['C1'] }));
    // Its first deleteSheet, of "Assets: Emails", fails: the report stands, and says so.
    expect(script.runReport().done).toBe(true);
    expect(services.alerts).toEqual([]);
    expect(services.toasts.at(-1)?.message).toMatch(
      /^Report written to \d+ sheets \(1 new, \d+ updated\)\. The sheet "Assets: Emails" of the previous report could not be deleted \(.*simulated failure.*\); the next run deletes it\.$/,
    );
    // The report's options are kept: "Refresh report" repeats this report, not the one before.
    expect(JSON.parse(services.documentProperties.get('campaignAnalytics.lastReport')!).campaignIds).toEqual(['C1']);
    expect(body(services.spreadsheet.sheet('Overview')).map((row) => row[0])).toEqual(['Spring launch']);
    expect(names(services)).toContain('Assets: Emails');
    expect(services.spreadsheet.sheets.some((s) => s.hidden && s.name !== VERSION_SHEET)).toBe(false);
    script.runReport();
    expect(names(services)).not.toContain('Assets: Emails');
    const springOnly = ALL_TABLES.filter((t) => t !== 'Assets: Emails' && t !== 'Contacts and sessions over time, whole workbook');
    expect(reportSheets(services).map((s) => s.name).sort()).toEqual(springOnly.sort());
  });
});

/** Runs `body` with the stand-ins as Node globals, for the src modules imported directly. */
function withGlobals(services: FakeServices, body: () => void): void {
  const scope = globalThis as Record<string, unknown>;
  Object.assign(scope, services.globals);
  try {
    body();
  } finally {
    for (const name of Object.keys(services.globals)) delete scope[name];
  }
}
