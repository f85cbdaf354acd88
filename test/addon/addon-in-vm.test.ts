import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Cell } from '../../src/core/types';
import { loadCodeJs, ROOT } from '../support/built-dist';
import { AUTH_MODES, fakeServices, type FakeOptions } from '../support/gas-fakes';

// dist/Code.js run as Apps Script runs it (one classic script, services as globals), against in-memory
// stand-ins that log every call. Expected texts are the catalogue's English, written out by hand.

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** A small valid workbook with one bad cell: the amount on Deals row 3 (as Sheets numbers it) is text. */
function workbook(): Record<string, Cell[][]> {
  return {
    Campaigns: [
      ['campaign_id', 'name', 'utm_campaign', 'created_at'],
      ['C1', 'Spring launch', 'spring', day('2024-03-01')],
    ],
    Assets: [
      ['asset_id', 'campaign_id', 'type', 'name', 'url'],
      ['A1', 'C1', 'landing_page', 'Spring page', 'https://example.com/spring'],
    ],
    Visits: [
      ['timestamp', 'visitor_id', 'contact_id', 'interaction_type', 'url', 'asset_id'],
      ['2024-03-05 10:00', 'v1', 'k1', 'page_view', 'https://example.com/spring', 'A1'],
      // A whole-column range (Visits!A:F) ends in blank rows: neither problems nor rows read.
      ['', '', '', '', '', ''],
      ['', '', '', '', '', ''],
    ],
    Deals: [
      ['deal_id', 'name', 'amount', 'stage', 'created_at', 'closed_at', 'contact_ids'],
      ['D1', 'Big deal', 1200, 'won', day('2024-03-10'), day('2024-03-20'), 'k1'],
      ['D2', 'Broken deal', 'twelve hundred', 'won', day('2024-03-11'), day('2024-03-21'), 'k1'],
    ],
  };
}

function addon(options: FakeOptions = {}) {
  const services = fakeServices(options);
  const script = loadCodeJs(services.globals);
  return { services, script };
}

/** What google.script.run would hand the sidebar: JSON-safe data only. */
const overTheWire = (value: unknown) => JSON.parse(JSON.stringify(value));

const BAD_AMOUNT = '"twelve hundred" is not a number; use digits with a decimal point or comma, such as 1234.5 or 1.234,50, and if you like thousands separators and a currency symbol or code (€ 1,234.50, 1234 USD); no % or other units.';
const MENU = [
  ['Open sidebar', 'showSidebar'], ['Run report', 'runReport'], ['Refresh report', 'refreshReport'], ['---', '---'],
  ['Add this sheet\'s chart to the dashboard', 'addChartToDashboard'], ['---', '---'],
  ['E-mail a daily report', 'scheduleDailyReport'], ['E-mail a weekly report', 'scheduleWeeklyReport'],
  ['Stop the scheduled report e-mail', 'removeScheduledReport'], ['---', '---'],
  ['Remove report sheets', 'removeReportSheets'], ['---', '---'], ['Settings', 'showSettings'],
];
const MENU_CALLS = [
  'SpreadsheetApp.getUi', 'Ui.createAddonMenu', 'Menu.addItem', 'Menu.addItem', 'Menu.addItem', 'Menu.addSeparator',
  'Menu.addItem', 'Menu.addSeparator', 'Menu.addItem', 'Menu.addItem', 'Menu.addItem', 'Menu.addSeparator',
  'Menu.addItem', 'Menu.addSeparator', 'Menu.addItem', 'Menu.addToUi',
];

describe('onOpen and onInstall', () => {
  test.each([
    ['onOpen', undefined], ['onOpen', AUTH_MODES.NONE], ['onInstall', AUTH_MODES.NONE],
  ])('%s under AuthMode %s adds the menu and touches nothing else: no service that needs authorisation', (trigger, authMode) => {
    const { services, script } = addon({ sheets: workbook() });
    script[trigger](authMode === undefined ? undefined : { authMode });
    expect(services.calls).toEqual(MENU_CALLS);
    expect(services.menus).toEqual([{ items: MENU, shown: true }]);
  });

  test.each([
    ['onOpen', AUTH_MODES.LIMITED], ['onOpen', AUTH_MODES.FULL], ['onInstall', AUTH_MODES.FULL],
  ])('%s under AuthMode %s may read the user\'s language choice and the spreadsheet locale for the labels, and nothing else', (trigger, authMode) => {
    const { services, script } = addon({ sheets: workbook(), locale: 'en_GB' });
    script[trigger]({ authMode });
    expect(services.calls).toEqual([
      'PropertiesService.getUserProperties', 'SpreadsheetApp.getActiveSpreadsheet', 'Spreadsheet.getSpreadsheetLocale', 'UserProperties.getProperty',
      ...MENU_CALLS,
    ]);
    expect(services.menus).toEqual([{ items: MENU, shown: true }]);
  });

  test('the menu is in the language the user chose in the sidebar, whatever the locale', () => {
    const { services, script } = addon({ locale: 'en_US', userProperties: { 'campaignAnalytics.language': 'nl' } });
    script.onOpen({ authMode: AUTH_MODES.LIMITED });
    expect(services.menus[0].items.slice(0, 3)).toEqual([['Zijbalk openen', 'showSidebar'], ['Rapport maken', 'runReport'], ['Rapport vernieuwen', 'refreshReport']]);
  });

  test('each menu item names a top-level function of Code.js', () => {
    const { services, script } = addon();
    script.onOpen();
    for (const [, functionName] of services.menus[0].items.filter(([caption]) => caption !== '---')) {
      expect(typeof script[functionName]).toBe('function');
    }
  });
});

test('showSidebar opens dist/sidebar.html with the catalogue title', () => {
  const { services, script } = addon();
  script.showSidebar();
  expect(services.sidebars).toEqual([{ file: 'sidebar', title: 'Campaign analytics' }]);
  expect(existsSync(join(ROOT, 'dist', 'sidebar.html'))).toBe(true);
});

describe('validateDataSheets (the sidebar check)', () => {
  test('returns the bad amount as a plain object naming sheet, row and column', () => {
    const { script } = addon({ sheets: workbook() });
    expect(overTheWire(script.validateDataSheets())).toEqual({
      language: 'en',
      title: 'Data check',
      summary: 'Rows read: 5. Errors: 1. Warnings: 0.',
      problems: [{
        severity: 'error', severityLabel: 'Error', sheet: 'Deals', row: 3, column: 'amount',
        location: 'Deals, row 3, column amount', message: BAD_AMOUNT,
      }],
      more: 0,
      otherCurrencies: [], currency: 'USD',
    });
  });

  test('measures every data sheet before reading any, then reads each with one getValues() call, and writes nothing', () => {
    const { services, script } = addon({ sheets: workbook() });
    script.validateDataSheets();
    const sheetCalls = services.calls.filter((call) => /^(Sheet|Range)\(/.test(call));
    const sheets = ['Campaigns', 'Assets', 'Visits', 'Deals'];
    expect(sheetCalls).toEqual([
      ...sheets.map((name) => `Sheet(${name}).getDataRange`),
      ...sheets.flatMap((name) => [`Range(${name}).getNumRows`, `Range(${name}).getNumColumns`]),
      ...sheets.map((name) => `Range(${name}).getValues`),
      // The Deals amounts' number formats: a currency only the format shows (data-sheets.ts).
      'Sheet(Deals).getRange', 'Range(Deals).getNumberFormats',
    ]);
    expect(services.calls.filter((call) => /\.(set|insert|delete|clear|append)/.test(call))).toEqual([]);
  });

  test('reads the data sheets from the tabs the document settings name, and names those tabs in problems', () => {
    const { Deals, ...others } = workbook();
    const { script } = addon({
      sheets: { ...others, 'HubSpot deals': Deals },
      documentProperties: { 'campaignAnalytics.dataSheets': JSON.stringify({ Deals: 'HubSpot deals' }) },
    });
    expect(overTheWire(script.validateDataSheets()).problems).toEqual([{
      severity: 'error', severityLabel: 'Error', sheet: 'HubSpot deals', row: 3, column: 'amount',
      location: 'HubSpot deals, row 3, column amount', message: BAD_AMOUNT,
    }]);
  });

  test('data sheets too big for one run: a readable error for the sidebar, before anything is read', () => {
    const { services, script } = addon({ sheets: workbook(), claimedExtent: { Visits: [600_000, 12] } });
    expect(() => script.validateDataSheets()).toThrow(/^The data sheets hold 7,200,0\d\d cells; one run inside Google Sheets handles up to 7,000,000/);
    expect(services.calls.filter((call) => call.endsWith('.getValues'))).toEqual([]);
  });

  test('a missing data sheet is a problem of the whole sheet', () => {
    const { Deals: _, ...withoutDeals } = workbook();
    const { script } = addon({ sheets: withoutDeals });
    const report = overTheWire(script.validateDataSheets());
    expect(report.summary).toBe('Rows read: 3. Errors: 1. Warnings: 0.');
    expect(report.problems).toEqual([{
      severity: 'error', severityLabel: 'Error', sheet: 'Deals', row: null, column: null,
      location: 'Deals', message: 'The sheet "Deals" is missing.',
    }]);
  });

  test('says so when there is nothing to fix', () => {
    const sheets = workbook();
    sheets.Deals[2][2] = 800;
    const { script } = addon({ sheets });
    expect(overTheWire(script.validateDataSheets())).toEqual({ language: 'en', title: 'Data check', summary: 'No problems found. Rows read: 5.', problems: [], more: 0, otherCurrencies: [], currency: 'USD' });
  });
});

describe('CAMPAIGN_DATA_PROBLEMS (custom function)', () => {
  const ranges = () => {
    const { Campaigns, Assets, Visits, Deals } = workbook();
    return [Campaigns, Assets, Visits, Deals];
  };

  test('spills the problems as a table under a header row', () => {
    const { script } = addon();
    expect(overTheWire(script.CAMPAIGN_DATA_PROBLEMS(...ranges()))).toEqual([
      ['Severity', 'Sheet', 'Row', 'Column', 'Message'],
      ['Error', 'Deals', 3, 'amount', BAD_AMOUNT],
    ]);
  });

  test('reads only its arguments, the spreadsheet settings, the currency and the data sheet settings, never a sheet', () => {
    const { services, script } = addon({ sheets: workbook() });
    script.CAMPAIGN_DATA_PROBLEMS(...ranges());
    // getProperty: the currency, then the tabs and the column mapping of the data sheets.
    expect(services.calls).toEqual([
      'SpreadsheetApp.getActiveSpreadsheet', 'PropertiesService.getDocumentProperties', 'Spreadsheet.getSpreadsheetLocale',
      'Spreadsheet.getSpreadsheetTimeZone', 'DocumentProperties.getProperty', 'DocumentProperties.getProperty', 'DocumentProperties.getProperty',
    ]);
  });

  test('fills one cell when there is nothing to fix', () => {
    const [campaigns, assets, visits, deals] = ranges();
    deals[2][2] = 800;
    const { script } = addon();
    expect(overTheWire(script.CAMPAIGN_DATA_PROBLEMS(campaigns, assets, visits, deals))).toEqual([['No problems found. Rows read: 5.']]);
  });

  test('the optional sheets follow: a Spend row with a bad amount is listed when Spend is given', () => {
    const [campaigns, assets, visits, deals] = ranges();
    deals[2][2] = 800;
    const spend = [['date', 'campaign_id', 'amount'], ['2024-03-01', 'C1', 'abc']];
    const { script } = addon();
    expect(overTheWire(script.CAMPAIGN_DATA_PROBLEMS(campaigns, assets, visits, deals, spend))).toEqual([
      ['Severity', 'Sheet', 'Row', 'Column', 'Message'],
      ['Error', 'Spend', 2, 'amount', expect.stringMatching(/^"abc" is not a number/)],
    ]);
  });

  test('reads the headers through the column mapping chosen in the sidebar, as the report does', () => {
    const [campaigns, assets, visits, deals] = ranges();
    // A CRM export: the amount is under a header that is neither "amount" nor one of its aliases.
    deals[0][2] = 'Total (EUR)';
    const unmapped = overTheWire(addon().script.CAMPAIGN_DATA_PROBLEMS(campaigns, assets, visits, deals)).map((row: unknown[]) => row[4]);
    expect(unmapped).toContainEqual(expect.stringMatching(/^The required column "amount" is missing/));
    const { script } = addon({ documentProperties: { 'campaignAnalytics.columnMapping': JSON.stringify({ Deals: { amount: 'Total (EUR)' } }) } });
    // Mapped, the column is found: only the bad amount on row 3 is left, under the user's own header.
    expect(overTheWire(script.CAMPAIGN_DATA_PROBLEMS(campaigns, assets, visits, deals))).toEqual([
      ['Severity', 'Sheet', 'Row', 'Column', 'Message'],
      ['Error', 'Deals', 3, 'Total (EUR)', BAD_AMOUNT],
    ]);
    // The argument itself is left as Sheets passed it.
    expect(deals[0][2]).toBe('Total (EUR)');
  });

  test('a single cell instead of a range is an error shown on the cell', () => {
    const [, assets, visits, deals] = ranges();
    const { script } = addon();
    expect(() => script.CAMPAIGN_DATA_PROBLEMS('campaign_id', assets, visits, deals))
      .toThrow('The argument campaigns must be a range that starts at its header row, such as Campaigns!A:Z.');
    // Named as the formula's argument is.
    expect(() => script.CAMPAIGN_DATA_PROBLEMS(...ranges(), '', 'deal_id'))
      .toThrow('The argument deal_contacts must be a range that starts at its header row, such as DealContacts!A:Z.');
  });

  test('an optional range given as "" (an empty argument) is one left out', () => {
    const given = ranges();
    const { script } = addon();
    expect(overTheWire(script.CAMPAIGN_DATA_PROBLEMS(...given, '', '', ''))).toEqual(overTheWire(script.CAMPAIGN_DATA_PROBLEMS(...given)));
  });
});
