import { currencyHint, otherCurrencies } from '../../src/addon/settings';
import { formatMessage } from '../../src/core/messages';
import type { Cell, Problem } from '../../src/core/types';
import { loadCodeJs } from '../support/built-dist';
import type { FakeOptions } from '../support/gas-fakes';
import { fakeAddon } from '../support/gas-fakes-addon';
import { fixedClock } from '../support/gas-fakes-services';

// The workbook currency set in the sidebar (saveWorkbookCurrency): one currency for the whole spreadsheet, a deal
// in another left out of every sum and said to be, and the add-on saying where the currency is set. dist/Code.js
// on in-memory stand-ins; figures by hand from the workbook below, texts the catalogue's, written out.

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const NOW = Date.UTC(2024, 4, 15, 12);
const CURRENCY_KEY = 'campaignAnalytics.currency';
const WHERE = 'Amounts in another currency than the workbook\'s are left out; you can change the workbook currency in the sidebar, under "Workbook settings".';

/**
 * An en_US spreadsheet (so USD, unless set otherwise) whose deals are mostly in euros. Spring launch (C1): k1 views
 * its landing page A1 on 03-05 and wins D1 (1,200 EUR, closed 03-25); k2 views A1 on 03-20 and wins D2 (800 EUR,
 * closed 03-28). Summer (C2): k3 views a summer-tagged page on 04-12 and wins D3 (500 USD, closed 04-20). Each
 * deal's one interaction is its campaign's, so every model credits Spring launch 1,200 + 800 = 2,000 in euros and
 * Summer 500 in dollars.
 */
function workbook(): Record<string, Cell[][]> {
  return {
    Campaigns: [
      ['campaign_id', 'name', 'utm_campaign', 'created_at'],
      ['C1', 'Spring launch', 'spring', day('2024-03-01')],
      ['C2', 'Summer', 'summer', day('2024-03-01')],
    ],
    Assets: [
      ['asset_id', 'campaign_id', 'type', 'name', 'url'],
      ['A1', 'C1', 'landing_page', 'Spring page', 'https://example.com/spring'],
    ],
    Visits: [
      ['timestamp', 'visitor_id', 'contact_id', 'interaction_type', 'url', 'asset_id', 'utm_campaign'],
      ['2024-03-05 10:00', 'v1', 'k1', 'page_view', 'https://example.com/spring', 'A1', ''],
      ['2024-03-20 10:00', 'v2', 'k2', 'page_view', 'https://example.com/spring', 'A1', ''],
      ['2024-04-12 10:00', 'v3', 'k3', 'page_view', 'https://example.com/?utm_campaign=summer', '', 'summer'],
    ],
    Deals: [
      ['deal_id', 'name', 'amount', 'currency', 'stage', 'created_at', 'closed_at', 'contact_ids'],
      ['D1', 'Big deal', 1200, 'EUR', 'won', day('2024-03-10'), day('2024-03-25'), 'k1'],
      ['D2', 'Second deal', 800, 'EUR', 'won', day('2024-03-21'), day('2024-03-28'), 'k2'],
      ['D3', 'Summer deal', 500, 'USD', 'won', day('2024-04-13'), day('2024-04-20'), 'k3'],
    ],
  };
}

function addon(options: FakeOptions = {}) {
  const { services, globals } = fakeAddon({ sheets: workbook(), locale: 'en_US', timeZone: 'UTC', ...options });
  const script = loadCodeJs({ ...globals, Date: fixedClock(NOW) });
  const version = () => {
    const target = services.spreadsheet.namedRanges.get('CAMPAIGN_DATA_VERSION');
    return target && (target.sheet.read('values', target.row, target.column, 1, 1)[0][0] as string);
  };
  return { services, script, version };
}

const overTheWire = (value: unknown) => JSON.parse(JSON.stringify(value));

const options = (campaignId: string) => ({
  campaignId, model: 'linear', touch: 'first', range: 'all', from: null, to: null, frequency: 'monthly', channels: 'campaign', markovOrder: 1,
  lookbackDays: null,
});

type Results = { kpis: Array<{ key: string; value: number }>; problems: { listed: Array<{ message: string }> }; otherCurrencies: string[] };
const revenue = (results: Results) => results.kpis.find((kpi) => kpi.key === 'revenue')!.value;
const messages = (results: Results) => results.problems.listed.map((p) => p.message);

describe('before the currency is set: the spreadsheet locale\'s, and the euro deals are left out', () => {
  test('the sidebar offers automatic (USD, from en_US); the euro deals count nowhere, each said, and where to set the currency', () => {
    const { script } = addon();
    expect(overTheWire(script.getSidebarState())).toMatchObject({ currency: 'USD', currencyChoice: null, localeCurrency: 'USD' });
    const spring = overTheWire(script.runSidebar(options('C1')));
    expect(revenue(spring)).toBe(0);
    expect(messages(spring)).toEqual([
      'The deal is in EUR, not the workbook currency USD; it is left out of every sum.',
      'The deal is in EUR, not the workbook currency USD; it is left out of every sum.',
    ]);
    // What the sidebar suggests for the workbook currency, and its cue to say where that is set.
    expect(spring.otherCurrencies).toEqual(['EUR']);
    expect(revenue(overTheWire(script.runSidebar(options('C2'))))).toBe(500);
    // The data check's summary: one sentence more.
    expect(overTheWire(script.validateDataSheets()).summary).toBe(`Rows read: 9. Errors: 0. Warnings: 2. ${WHERE}`);
  });

  test('"Run report" (the menu) says where the currency is set, after the warnings\' count', () => {
    const { script } = addon();
    const outcome = overTheWire(script.runReport());
    expect(outcome.done).toBe(true);
    expect(outcome.message).toContain(`Warnings about the data: 2. A warning can change the figures (a deal in another currency, say, is left out of every sum); the report sheet "Problems in the data" and the sidebar's data check list them with sheet, row and column. ${WHERE}`);
  });

  test('warnings of another kind only: no word about the currency', () => {
    const sheets = workbook();
    sheets.Deals = sheets.Deals.map((row, i) => (i === 0 ? row : [...row.slice(0, 3), 'USD', ...row.slice(4)]));
    // Closed before it was created: a warning that leaves nothing out.
    sheets.Deals[1][6] = day('2024-03-05');
    const { script } = addon({ sheets });
    const check = overTheWire(script.validateDataSheets());
    expect(check.summary).toBe('Rows read: 9. Errors: 0. Warnings: 1.');
    expect(check.otherCurrencies).toEqual([]);
    expect(overTheWire(script.runReport()).message).not.toContain('workbook currency');
  });
});

describe('a locale whose country names no currency (es_419, Latin America), nothing set', () => {
  test('amounts are read in the currency most deals name (EUR, two of three), and the data check and a Run both say which', () => {
    const { script } = addon({ locale: 'es_419', userProperties: { 'campaignAnalytics.language': 'en' } });
    expect(overTheWire(script.getSidebarState())).toMatchObject({ currency: null, currencyChoice: null, localeCurrency: null });
    expect(overTheWire(script.validateDataSheets())).toMatchObject({ currency: 'EUR', otherCurrencies: ['USD'] });
    const spring = overTheWire(script.runSidebar(options('C1')));
    expect(spring.currency).toBe('EUR');
    expect(revenue(spring)).toBe(2000);
  });
});

describe('saveWorkbookCurrency: the sidebar\'s workbook currency', () => {
  test('EUR, for everyone: the euro deals count (1,200 + 800), the dollar deal is left out now, and the state says so', () => {
    const { script, services } = addon();
    const state = overTheWire(script.saveWorkbookCurrency(' eur '));
    expect(state).toMatchObject({ currency: 'EUR', currencyChoice: 'EUR', localeCurrency: 'USD' });
    // A document property: every user of the spreadsheet reads the amounts in it.
    expect(services.documentProperties.get(CURRENCY_KEY)).toBe('EUR');
    expect(services.userProperties.has(CURRENCY_KEY)).toBe(false);
    const spring = overTheWire(script.runSidebar(options('C1')));
    expect(revenue(spring)).toBe(2000);
    const summer = overTheWire(script.runSidebar(options('C2')));
    expect(revenue(summer)).toBe(0);
    expect(messages(summer)).toEqual(['The deal is in USD, not the workbook currency EUR; it is left out of every sum.']);
    expect(summer.otherCurrencies).toEqual(['USD']);
    // Another user opening the sidebar sees the same currency.
    const other = addon({ documentProperties: Object.fromEntries(services.documentProperties), userProperties: {} });
    expect(overTheWire(other.script.getSidebarState())).toMatchObject({ currency: 'EUR', currencyChoice: 'EUR' });
  });

  test('"" goes back to automatic: the property is gone, the currency the locale\'s again', () => {
    const { script, services } = addon({ documentProperties: { [CURRENCY_KEY]: 'EUR' } });
    expect(overTheWire(script.getSidebarState())).toMatchObject({ currency: 'EUR', currencyChoice: 'EUR' });
    expect(overTheWire(script.saveWorkbookCurrency(''))).toMatchObject({ currency: 'USD', currencyChoice: null, localeCurrency: 'USD' });
    expect(services.documentProperties.has(CURRENCY_KEY)).toBe(false);
    expect(revenue(overTheWire(script.runSidebar(options('C1'))))).toBe(0);
  });

  test('the custom functions follow: a new data version, and the euro revenue in it; back to automatic, the old version', () => {
    const { script, version } = addon({ sheets: { ...workbook(), 'My figures': [['=CAMPAIGN_REVENUE("C1", "linear", , , CAMPAIGN_DATA_VERSION)']] } });
    expect(overTheWire(script.runReport()).done).toBe(true);
    const usd = version()!;
    expect(script.CAMPAIGN_REVENUE('C1', 'linear', '', '', usd)).toBe(0);
    expect(script.CAMPAIGN_METRIC('', 'closed_won_revenue', '', '', '', '', usd)).toBe(500);
    script.saveWorkbookCurrency('EUR');
    const eur = version()!;
    expect(eur).not.toBe(usd);
    expect(eur).toContain('|EUR|');
    expect(script.CAMPAIGN_REVENUE('C1', 'linear', '', '', eur)).toBe(2000);
    expect(script.CAMPAIGN_INFLUENCED_REVENUE('C1', '', '', eur)).toBe(2000);
    expect(script.CAMPAIGN_METRIC('', 'closed_won_revenue', '', '', '', '', eur)).toBe(2000);
    // The data version is derived from the data and its settings: the same again, the same version.
    script.saveWorkbookCurrency('');
    expect(version()).toBe(usd);
    expect(script.CAMPAIGN_REVENUE('C1', 'linear', '', '', version())).toBe(0);
  });

  test('setting the currency the amounts are read in already changes no figure: the formulas\' version stays, nothing is republished', () => {
    const { script, services, version } = addon();
    script.runReport();
    const usd = version()!;
    services.calls.length = 0;
    script.saveWorkbookCurrency('USD');
    expect(services.documentProperties.get(CURRENCY_KEY)).toBe('USD');
    expect(version()).toBe(usd);
    expect(services.calls.filter((call) => call.startsWith('Range(Campaign data version)'))).toEqual([]);
  });

  test('what is not a currency code is refused, saying so, and nothing is stored or republished', () => {
    const { script, services, version } = addon({ documentProperties: { [CURRENCY_KEY]: 'EUR' } });
    script.runReport();
    const before = version();
    for (const code of ['EURO', 'E1R', '€', 42, null]) {
      expect(() => script.saveWorkbookCurrency(code))
        .toThrow(`"${String(code)}" is not a currency code. Choose the workbook currency from the list, such as EUR or USD.`);
    }
    expect(services.documentProperties.get(CURRENCY_KEY)).toBe('EUR');
    expect(version()).toBe(before);
  });
});

describe('in Dutch', () => {
  const DUTCH = { userProperties: { 'campaignAnalytics.language': 'nl' } };

  test('where the currency is set, and a refusal, in the user\'s language', () => {
    const { script } = addon(DUTCH);
    expect(overTheWire(script.validateDataSheets()).summary).toBe('Rijen gelezen: 9. Fouten: 0. Waarschuwingen: 2. '
      + 'Bedragen in een andere valuta dan die van de werkmap tellen niet mee; je wijzigt de valuta van de werkmap in de zijbalk, onder "Instellingen van de werkmap".');
    expect(() => script.saveWorkbookCurrency('EURO'))
      .toThrow('"EURO" is geen valutacode. Kies de valuta van de werkmap uit de lijst, bijvoorbeeld EUR of USD.');
  });
});

describe('the currency warnings and the sentence that goes with them', () => {
  const warning = (messageId: Problem['messageId'], currency: string): Problem => ({
    severity: 'warning', sheet: 'Deals', row: 2, column: 'currency', messageId, params: { currency, workbook: 'USD' }, fatal: false,
  });

  test('a deal, a spend or a campaign amount in another currency: the currencies, the most named first', () => {
    const problems = [
      warning('ingest.amount_currency_other', 'GBP'), warning('ingest.spend_currency_other', 'EUR'), warning('ingest.currency_other', 'EUR'),
      warning('ingest.stage_read_as_open', 'CHF'), warning('ingest.currency_other', '$'),
    ];
    expect(otherCurrencies(problems)).toEqual(['EUR', '$', 'GBP']);
    expect(currencyHint(problems, 'en')).toEqual([WHERE]);
    expect(currencyHint([warning('ingest.stage_read_as_open', 'CHF')], 'en')).toEqual([]);
  });

  test('the sentence names the sidebar section as the sidebar titles it, in both languages', () => {
    for (const language of ['en', 'nl'] as const) {
      expect(formatMessage('addon.currency.where', {}, language)).toContain(`"${formatMessage('sidebar.workbook.title', {}, language)}"`);
    }
  });
});
