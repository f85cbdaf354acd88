import {
  dataSheetNames, DEFAULT_REPORT_SETTINGS, parseReportSettings, reportOptionsOf, workbookCurrency,
} from '../../src/addon/settings';
import { parseArgs } from '../../src/cli/args';
import { currencyOfLocale } from '../../src/core/ingest/locale';
import type { PropertiesPort } from '../../src/addon/ports';

// Where the add-on keeps its settings, and what it makes of values it cannot use.

const properties = (values: Record<string, string>): PropertiesPort => {
  const port: PropertiesPort = {
    getProperty: (key) => values[key] ?? null,
    setProperty: () => port,
    setProperties: () => port,
    deleteProperty: () => port,
  };
  return port;
};

describe('report options (user properties)', () => {
  test('unset: linear, first touch, all dates up to today, monthly, all campaigns, no lookback window, campaigns as channels, Markov order 1', () => {
    expect(parseReportSettings(null)).toEqual({
      model: 'linear', touch: 'first', from: null, to: null, frequency: 'monthly', campaignIds: null, lookbackDays: null,
      channels: 'campaign', markovOrder: 1,
    });
    expect(reportOptionsOf(DEFAULT_REPORT_SETTINGS, 'Europe/Amsterdam', '2026-11-23')).toEqual({
      model: 'linear', touch: 'first', from: null, to: '2026-11-23', frequency: 'monthly', tz: 'Europe/Amsterdam',
      campaignIds: null, lookbackDays: null, channels: 'campaign', markovOrder: 1,
    });
  });

  test('kept as chosen', () => {
    const chosen = {
      model: 'time_decay', touch: 'last', from: '2026-01-01', to: '2026-06-30', frequency: 'daily', campaignIds: ['C01'], lookbackDays: 90,
      channels: 'asset_type', markovOrder: 3,
    };
    expect(parseReportSettings(JSON.stringify(chosen))).toEqual(chosen);
  });

  test('a value that cannot be used counts as unset, the others still apply', () => {
    const stored = {
      model: 'magic', touch: 'middle', from: '2026-02-30', to: 'tomorrow', frequency: 'weekly', campaignIds: [1], lookbackDays: -3,
      channels: 'weather', markovOrder: 11,
    };
    expect(parseReportSettings(JSON.stringify({ markovOrder: 0 })).markovOrder).toBe(1);
    expect(parseReportSettings(JSON.stringify({ markovOrder: 1.5 })).markovOrder).toBe(1);
    expect(parseReportSettings(JSON.stringify(stored))).toEqual(DEFAULT_REPORT_SETTINGS);
    expect(parseReportSettings(JSON.stringify({ model: 'magic', touch: 'last' }))).toEqual({ ...DEFAULT_REPORT_SETTINGS, touch: 'last' });
    expect(parseReportSettings('not json')).toEqual(DEFAULT_REPORT_SETTINGS);
    expect(parseReportSettings('[1, 2]')).toEqual(DEFAULT_REPORT_SETTINGS);
  });
});

describe('the lookback window: one limit with the command line', () => {
  test('the longest window `report --lookback` takes, 36500 days, is kept; a day more, a negative or a fraction counts as no window', () => {
    const lookbackOf = (days: number) => parseReportSettings(JSON.stringify({ lookbackDays: days })).lookbackDays;
    expect(parseArgs(['report', 'in.xlsx', '--lookback', '36500'])).toMatchObject({ kind: 'command', args: { lookback: 36500 } });
    // 3651: ten years and a day, which the command line always took and the add-on once dropped.
    expect([lookbackOf(0), lookbackOf(3651), lookbackOf(36500)]).toEqual([0, 3651, 36500]);
    expect([lookbackOf(36501), lookbackOf(-1), lookbackOf(2.5)]).toEqual([null, null, null]);
  });
});

describe('data sheets (document properties)', () => {
  test('each data sheet is read from the tab of its own name unless the settings name another', () => {
    expect(dataSheetNames(properties({}))).toEqual({
      Campaigns: 'Campaigns', Assets: 'Assets', Visits: 'Visits', Deals: 'Deals', Spend: 'Spend', DealContacts: 'DealContacts', Contacts: 'Contacts',
    });
    const names = dataSheetNames(properties({ 'campaignAnalytics.dataSheets': JSON.stringify({ Deals: 'HubSpot deals', Visits: '  ', Nonsense: 'x' }) }));
    expect(names.Deals).toBe('HubSpot deals');
    expect(names.Visits).toBe('Visits');
    expect(Object.keys(names)).not.toContain('Nonsense');
  });

  test('the column mapping keeps headers and "not in this sheet" (null); other values and unknown columns are dropped', () => {
    const names = dataSheetNames(properties({
      'campaignAnalytics.columnMapping': JSON.stringify({ Visits: { timestamp: 'When', interaction_type: null, url: '', asset_id: 7, nonsense: null } }),
    }));
    expect(names.columns).toEqual({ Visits: { timestamp: 'When', interaction_type: null } });
  });
});

describe('workbook currency', () => {
  test('the document setting, else the currency of the spreadsheet locale\'s country', () => {
    expect(workbookCurrency(properties({ 'campaignAnalytics.currency': 'usd' }), 'nl_NL')).toBe('USD');
    expect(workbookCurrency(properties({ 'campaignAnalytics.currency': 'dollars' }), 'nl_NL')).toBe('EUR');
    expect(workbookCurrency(properties({}), 'en_GB')).toBe('GBP');
  });

  test.each([
    ['nl_NL', 'EUR'], ['en_IE', 'EUR'], ['de-AT', 'EUR'], ['en_US', 'USD'], ['en_GB', 'GBP'], ['fr_CH', 'CHF'], ['ja_JP', 'JPY'],
    // The audit's locales that had no currency, so that deals in any currency were summed.
    ['tr_TR', 'TRY'], ['ko_KR', 'KRW'], ['es_AR', 'ARS'], ['zh_CN', 'CNY'], ['ru_RU', 'RUB'], ['hu_HU', 'HUF'],
    ['zh-Hant-TW', 'TWD'], ['sr_Latn_RS', 'RSD'], ['bg_BG', 'EUR'], ['es_EC', 'USD'],
    ['en', null], ['es_419', null], ['xx_ZZ', null], ['', null],
  ])('%s → %s', (locale, currency) => {
    expect(currencyOfLocale(locale)).toBe(currency);
  });
});
