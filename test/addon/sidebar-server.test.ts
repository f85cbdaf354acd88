import { MODEL_IDS } from '../../src/core/engine';
import { ASSET_TYPES, INTERACTION_TYPES, SOURCES, type Cell } from '../../src/core/types';
import { loadCodeJs } from '../support/built-dist';
import { USER_REPORT_OPTIONS_KEY, type FakeOptions } from '../support/gas-fakes';
import { fakeAddon } from '../support/gas-fakes-addon';
import { fixedClock, steppingClock } from '../support/gas-fakes-services';

// The sidebar's server functions, run from dist/Code.js as Apps Script runs them, on in-memory stand-ins.
// Expected figures are worked out by hand from the workbook below; texts are the catalogue's English.

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
/** 2024-05-15 12:00 UTC: "today" for every preset. */
const NOW = Date.UTC(2024, 4, 15, 12);
const OPTIONS_KEY = USER_REPORT_OPTIONS_KEY;

/**
 * Spring launch (C1, utm "spring", created 2024-03-01; goals: 4 sessions, 2 new contacts, 3 influenced
 * contacts, revenue 2,000) with landing page A1 and e-mail A2. Summer (C2, utm "summer").
 * k1 views A1 on 03-05 and again on 04-10; k2 views A1 on 03-20; k3 views a summer-tagged page on 04-12;
 * an anonymous visitor follows a link tagged "spring" on 04-15. k1 wins D1 (1,200), created 03-10, closed 03-25.
 * No Contacts sheet: each contact is created at its first interaction. The zone is UTC, so days are plain.
 */
function workbook(): Record<string, Cell[][]> {
  return {
    Campaigns: [
      ['campaign_id', 'name', 'utm_campaign', 'created_at', 'goal_sessions', 'goal_new_contacts', 'goal_influenced_contacts', 'goal_revenue'],
      ['C1', 'Spring launch', 'spring', day('2024-03-01'), 4, 2, 3, 2000],
      ['C2', 'Summer', 'summer', day('2024-03-01'), '', '', '', ''],
    ],
    Assets: [
      ['asset_id', 'campaign_id', 'type', 'name', 'url', 'sent', 'delivered'],
      ['A1', 'C1', 'landing_page', 'Spring page', 'https://example.com/spring', '', ''],
      ['A2', 'C1', 'email', 'Spring mail', '', 100, 90],
    ],
    Visits: [
      ['timestamp', 'visitor_id', 'contact_id', 'interaction_type', 'url', 'asset_id', 'utm_campaign'],
      ['2024-03-05 10:00', 'v1', 'k1', 'page_view', 'https://example.com/spring', 'A1', ''],
      ['2024-03-20 10:00', 'v2', 'k2', 'page_view', 'https://example.com/spring', 'A1', ''],
      ['2024-04-10 10:00', 'v1', 'k1', 'page_view', 'https://example.com/spring', 'A1', ''],
      ['2024-04-12 10:00', 'v3', 'k3', 'page_view', 'https://example.com/?utm_campaign=summer', '', 'summer'],
      ['2024-04-15 10:00', 'v4', '', 'page_view', 'https://other.example/?utm_campaign=spring', '', 'spring'],
    ],
    Deals: [
      ['deal_id', 'name', 'amount', 'stage', 'created_at', 'closed_at', 'contact_ids'],
      ['D1', 'Big deal', 1200, 'won', day('2024-03-10'), day('2024-03-25'), 'k1'],
    ],
  };
}

function addon(options: FakeOptions = {}) {
  const { services, globals, google } = fakeAddon({ sheets: workbook(), locale: 'en_GB', timeZone: 'UTC', ...options });
  const script = loadCodeJs({ ...globals, Date: fixedClock(NOW) });
  return { services, globals, google, script, book: services.spreadsheet };
}

const overTheWire = (value: unknown) => JSON.parse(JSON.stringify(value));

const options = (overrides: Record<string, unknown> = {}) => ({
  campaignId: 'C1', model: 'linear', touch: 'first', range: 'all', from: null, to: null, frequency: 'monthly', channels: 'campaign', markovOrder: 1,
  lookbackDays: null, ...overrides,
});

describe('a sheet wrong on every row: the first 200 problems, errors first, and the counts of all', () => {
  // 250 visits with no date (an error each: the row is left out); two warnings: a goal that is no number, and
  // D1's contact k1, who appears only on visit rows left out.
  function broken() {
    const sheets = workbook();
    sheets.Campaigns[2][4] = 'lots';
    sheets.Visits = [sheets.Visits[0], ...Array.from({ length: 250 }, (_, i) => ['someday', `v${i}`, `k${i}`, 'page_view', 'https://example.com/spring', 'A1', ''])];
    return addon({ sheets });
  }

  test('the data check lists 200 errors and says how many more there are', () => {
    const { script } = broken();
    const report = overTheWire(script.validateDataSheets());
    // Rows: 2 campaigns, 2 assets, 250 visits, 1 deal.
    expect(report.summary).toBe('Rows read: 255. Errors: 250. Warnings: 2.');
    expect(report.problems).toHaveLength(200);
    expect(report.problems.every((p: { severity: string }) => p.severity === 'error')).toBe(true);
    expect(report.problems[0].location).toBe('Visits, row 2, column timestamp');
    expect(report.more).toBe(52);
  });

  test('the campaign results carry the first 200 and the counts', () => {
    const { script } = broken();
    const results = overTheWire(script.runSidebar(options()));
    expect(results.problems.listed).toHaveLength(200);
    expect({ errors: results.problems.errors, warnings: results.problems.warnings }).toEqual({ errors: 250, warnings: 2 });
  });

  test('writing the report sheets: the outcome lists the first 200 problems, errors first', () => {
    const { script } = broken();
    const outcome = overTheWire(script.writeReportFromSidebar(options()));
    expect(outcome.done).toBe(true);
    expect(outcome.problems).toHaveLength(200);
    expect(outcome.problems.every((p: { severity: string }) => p.severity === 'error')).toBe(true);
    expect(outcome.message).toContain('Warnings about the data: 2.');
  });

  test('CAMPAIGN_DATA_PROBLEMS spills the header, 200 rows and a last line saying how many more', () => {
    const { script } = broken();
    const sheets = broken().book;
    const range = (name: string) => sheets.sheet(name).dataValues();
    const table = overTheWire(script.CAMPAIGN_DATA_PROBLEMS(range('Campaigns'), range('Assets'), range('Visits'), range('Deals')));
    expect(table).toHaveLength(1 + 200 + 1);
    expect(table.at(-1)[0]).toBe('…and 52 more problems: the errors come first; fix these and check again.');
  });
});

describe('getSidebarState', () => {
  test('offers the campaigns, their assets and every model of the registry with its one-line explanation', () => {
    const { script } = addon();
    const state = overTheWire(script.getSidebarState());
    expect(state.language).toBe('en');
    expect(state.today).toBe('2024-05-15');
    expect(state.campaigns).toEqual([{ id: 'C1', name: 'Spring launch', utm: 'spring' }, { id: 'C2', name: 'Summer', utm: 'summer' }]);
    expect(state.assets.map((a: { id: string }) => a.id)).toEqual(['A1', 'A2']);
    expect(state.models.map((m: { id: string }) => m.id)).toEqual(MODEL_IDS);
    expect(state.models.find((m: { id: string }) => m.id === 'u_shaped')).toEqual({
      id: 'u_shaped', name: 'U-shaped', description: '40% to the first interaction, 40% to the lead conversion, 20% to the rest.',
    });
    expect(state.setup.ready).toBe(true);
    expect(state.setup.empty).toBe(false);
  });

  test('reads Campaigns and Assets once each; of the other tabs only the header row, for the setup status', () => {
    const { script, services } = addon();
    script.getSidebarState();
    const reads = services.calls.filter((call) => call.endsWith('.getValues'));
    expect(reads.filter((call) => call === 'Range(Campaigns).getValues')).toHaveLength(1);
    expect(reads.filter((call) => call === 'Range(Assets).getValues')).toHaveLength(1);
    expect(reads.filter((call) => call === 'Range(Visits).getValues')).toHaveLength(1);
  });

  test('before the user chose anything: the report defaults, all dates', () => {
    const { script } = addon();
    expect(overTheWire(script.getSidebarState()).options).toEqual({
      campaignId: null, model: 'linear', touch: 'first', range: 'all', from: null, to: null, frequency: 'monthly',
      channels: 'campaign', markovOrder: 1, lookbackDays: null,
    });
  });
});

describe('the controls persist per user', () => {
  test('saveSidebarChoices keeps them in the user properties; the sidebar opens with them; the report runs with them', () => {
    const { script, services } = addon();
    script.saveSidebarChoices(options({
      campaignId: 'C2', model: 'u_shaped', touch: 'last', range: 'last_30_days', frequency: 'daily', channels: 'source', markovOrder: 2,
    }));
    // 30 days up to 2024-05-15: from 2024-04-16; `to` stays open ("up to today" whenever it runs).
    expect(JSON.parse(services.userProperties.get(OPTIONS_KEY)!)).toEqual({
      model: 'u_shaped', touch: 'last', from: '2024-04-16', to: null, frequency: 'daily', campaignIds: ['C2'], lookbackDays: null,
      channels: 'source', markovOrder: 2, range: 'last_30_days',
    });
    expect(overTheWire(script.getSidebarState()).options).toEqual(options({
      campaignId: 'C2', model: 'u_shaped', touch: 'last', range: 'last_30_days', from: '2024-04-16', to: null, frequency: 'daily',
      channels: 'source', markovOrder: 2,
    }));
    expect(services.documentProperties.size).toBe(0);
  });

  test('they stay with the spreadsheet: the user opening the add-on in another one starts from the defaults there', () => {
    const first = addon();
    first.script.saveSidebarChoices(options({ campaignId: 'C2', model: 'u_shaped', range: 'custom', from: '2024-04-01', to: '2024-04-30' }));
    // User properties follow the user to every spreadsheet: the other one sees the same store.
    const other = addon({ spreadsheetId: 'spreadsheet-2', userProperties: Object.fromEntries(first.services.userProperties) });
    expect(overTheWire(other.script.getSidebarState()).options).toEqual(options({ campaignId: null }));
    // Its menu run reports every campaign of its own workbook, not the first one's C2.
    other.script.runReport();
    expect(JSON.parse(other.services.documentProperties.get('campaignAnalytics.lastReport')!)).toMatchObject({
      campaignIds: null, model: 'linear', from: null,
    });
    expect(overTheWire(first.script.getSidebarState()).options).toMatchObject({ campaignId: 'C2', model: 'u_shaped', from: '2024-04-01' });
  });

  test('a user keeps the choices of their 100 last spreadsheets: saving in a 101st forgets the one saved longest ago', () => {
    // Spreadsheets s1 … s100 saved in that order (s100 last): the kept list has the last saved first.
    const kept = Array.from({ length: 100 }, (_, i) => `s${100 - i}`);
    const userProperties: Record<string, string> = { 'campaignAnalytics.reportOptionsKept': JSON.stringify(kept) };
    for (const id of kept) userProperties[`campaignAnalytics.reportOptions.${id}`] = JSON.stringify({ model: 'u_shaped' });
    const { script, services } = addon({ userProperties });
    script.saveSidebarChoices(options({ model: 'w_shaped' }));
    expect(services.userProperties.has('campaignAnalytics.reportOptions.s1')).toBe(false);
    expect(services.userProperties.get('campaignAnalytics.reportOptions.s2')).toBe('{"model":"u_shaped"}');
    expect(JSON.parse(services.userProperties.get(OPTIONS_KEY)!)).toMatchObject({ model: 'w_shaped' });
    const nowKept = JSON.parse(services.userProperties.get('campaignAnalytics.reportOptionsKept')!);
    expect(nowKept).toHaveLength(100);
    expect(nowKept.slice(0, 3)).toEqual(['spreadsheet-1', 's100', 's99']);
    expect(nowKept.at(-1)).toBe('s2');
    // Saving again in a spreadsheet already kept moves it to the front and forgets nothing.
    const again = addon({ spreadsheetId: 's50', userProperties: Object.fromEntries(services.userProperties) });
    again.script.saveSidebarChoices(options());
    const afterAgain = JSON.parse(again.services.userProperties.get('campaignAnalytics.reportOptionsKept')!);
    expect(afterAgain.slice(0, 2)).toEqual(['s50', 'spreadsheet-1']);
    expect(afterAgain).toHaveLength(100);
    expect(afterAgain).toContain('s2');
    // Each save took the user's lock and let it go.
    expect([services.userLock, again.services.userLock]).toEqual([{ acquired: 1, released: 1 }, { acquired: 1, released: 1 }]);
  });

  test('while another of the user\'s sidebars holds their lock, the choices are saved and the kept list left as it was', () => {
    const kept = JSON.stringify(['s1']);
    const { script, services } = addon({ userLockHeld: true, userProperties: { 'campaignAnalytics.reportOptionsKept': kept } });
    script.saveSidebarChoices(options({ model: 'w_shaped' }));
    // Two seconds, then the choices are saved without the list: a sidebar must not hang on another's lock.
    expect(services.lockWaits.user).toEqual([2_000]);
    expect(JSON.parse(services.userProperties.get(OPTIONS_KEY)!)).toMatchObject({ model: 'w_shaped' });
    expect(services.userProperties.get('campaignAnalytics.reportOptionsKept')).toBe(kept);
  });

  test('a custom range keeps its days, future ones included; an inverted one or an unknown model is refused', () => {
    const { script, services } = addon();
    script.saveSidebarChoices(options({ range: 'custom', from: '2024-05-01', to: '2024-12-31' }));
    expect(JSON.parse(services.userProperties.get(OPTIONS_KEY)!)).toMatchObject({ from: '2024-05-01', to: '2024-12-31', range: 'custom' });
    expect(() => script.saveSidebarChoices(options({ range: 'custom', from: '2024-05-02', to: '2024-05-01' })))
      .toThrow('The range is empty: it starts on 2024-05-02, after its end on 2024-05-01.');
    expect(() => script.saveSidebarChoices(options({ model: 'magic' }))).toThrow('"magic" is not an attribution model.');
    expect(() => script.saveSidebarChoices(options({ channels: 'weather' as never }))).toThrow('"weather" is not a kind of channel');
    expect(() => script.saveSidebarChoices(options({ markovOrder: 11 }))).toThrow('The Markov order must be a whole number from 1 to 10, not "11".');
  });

  test('a custom range before 1900 or after 2099 is refused with the reason, not run into calendar arithmetic below year 0', () => {
    const { script } = addon();
    expect(() => script.runSidebar(options({ range: 'custom', from: '0900-01-01', to: null })))
      .toThrow('A range can use the days from 1900-01-01 to 2099-12-31, not 0900-01-01.');
    expect(() => script.saveSidebarChoices(options({ range: 'custom', from: '2024-01-01', to: '2100-01-01' })))
      .toThrow('A range can use the days from 1900-01-01 to 2099-12-31, not 2100-01-01.');
  });
});

describe('runSidebar: the campaign page', () => {
  const kpis = (results: { kpis: Array<{ key: string; value: number; goal: number | null; previous: number | null }> }) =>
    Object.fromEntries(results.kpis.map((k) => [k.key, [k.value, k.goal, k.previous]]));

  test('KPI tiles for 16 days (03-16 to 03-31) against the 16 days before (02-29 to 03-15), with the goals', () => {
    const { script, services } = addon();
    const results = overTheWire(script.runSidebar(options({ range: 'custom', from: '2024-03-16', to: '2024-03-31' })));
    expect(results.status).toBe('done');
    expect(results.campaign).toEqual({ id: 'C1', name: 'Spring launch' });
    expect(results.previous).toEqual({ from: '2024-02-29', to: '2024-03-15' });
    // In range: k2's session and creation on 03-20 (its first page view is A1), k2's first touch, D1 closing
    // on 03-25 with all its credit on k1's 03-05 view of A1. Before: k1's session, creation and first touch on 03-05.
    expect(kpis(results)).toEqual({
      sessions: [1, 4, 1],
      new_contacts: [1, 2, 1],
      influenced_contacts: [1, 3, 1],
      revenue: [1200, 2000, 0],
      influenced_revenue: [1200, null, 0],
    });
    expect(results.kpis.filter((k: { money: boolean }) => k.money).map((k: { key: string }) => k.key)).toEqual(['revenue', 'influenced_revenue']);
    expect(results.series).toEqual([{ period: '2024-03', newContacts: 1, influencedContacts: 1, sessions: 1 }]);
    expect(results.sections.map((s: { title: string }) => s.title)).toEqual(['Assets: Landing pages', 'Assets: Emails']);
    expect(results.sections[0].rows.map((r: unknown[]) => r.slice(0, 2))).toEqual([['A1', 'Spring page']]);
    expect(results.notice).toBeNull();
    // Running keeps the options, and writes nothing to the spreadsheet.
    expect(JSON.parse(services.userProperties.get(OPTIONS_KEY)!)).toMatchObject({ campaignIds: ['C1'], from: '2024-03-16', to: '2024-03-31' });
    expect(services.calls.filter((call) => /\.(setValues|insertSheet|deleteSheet)$/.test(call))).toEqual([]);
  });

  test('a range in which nothing happened: every tile 0, and the results say why, with when the data runs', () => {
    const { script } = addon();
    const results = overTheWire(script.runSidebar(options({ range: 'custom', from: '2023-01-01', to: '2023-12-31' })));
    expect(results.kpis.map((k: { value: number }) => k.value)).toEqual([0, 0, 0, 0, 0]);
    // The first interaction is k1's of 03-05, the last the link followed on 04-15; D1's dates fall between.
    expect(results.notice).toBe('Nothing happened in this range: no interaction, no deal created or closed, no spend. The data runs from 2024-03-05 to 2024-04-15.');
  });

  test('all dates: four sessions (the 04-15 link tagged "spring" included), nothing earlier to compare with', () => {
    const { script } = addon();
    const results = overTheWire(script.runSidebar(options()));
    expect(results.previous).toBeNull();
    expect(kpis(results)).toEqual({
      sessions: [4, 4, null],
      new_contacts: [2, 2, null],
      influenced_contacts: [2, 3, null],
      revenue: [1200, 2000, null],
      influenced_revenue: [1200, null, null],
    });
  });

  test('a run that crosses midnight keeps to the day it began: the range and the period before it on one day', () => {
    const { script } = addon();
    // "Run" starts one second before midnight (the zone is UTC) on 04-15; every later look at the clock is on 04-16.
    script.Date = steppingClock([Date.UTC(2024, 3, 15, 23, 59, 59), Date.UTC(2024, 3, 16, 0, 0, 1)]);
    const results = overTheWire(script.runSidebar(options({ range: 'last_7_days' })));
    // Last 7 days on 04-15: 04-09 (15 − 6) to 04-15, against the 7 days before, 04-02 to 04-08; not a range
    // taken on 04-15 and ended on 04-16 (8 days, against 04-01 to 04-08).
    expect([results.from, results.to]).toEqual(['2024-04-09', '2024-04-15']);
    expect(results.previous).toEqual({ from: '2024-04-02', to: '2024-04-08' });
    // In range: k1's view of A1 on 04-10 and the 04-15 link tagged "spring"; nothing the week before.
    expect(kpis(results).sessions).toEqual([2, 4, 0]);
  });

  test('a data sheet the report cannot read blocks the run, naming sheet and column', () => {
    const sheets = workbook();
    sheets.Deals = sheets.Deals.map((row) => row.filter((_, i) => i !== 2));
    const { script } = addon({ sheets });
    const results = overTheWire(script.runSidebar(options()));
    expect(results.status).toBe('blocked');
    expect(results.problems).toEqual([expect.objectContaining({
      sheet: 'Deals', row: 1, column: 'amount', location: 'Deals, row 1, column amount',
      message: 'The required column "amount" is missing (looked for: amount, value, deal amount, deal value).',
    })]);
  });

  test('rows with errors are left out of the figures and listed with sheet, row and column', () => {
    const sheets = workbook();
    sheets.Deals.push(['D2', 'Broken', 'twelve hundred', 'won', day('2024-03-11'), day('2024-03-21'), 'k2']);
    const { script } = addon({ sheets });
    const results = overTheWire(script.runSidebar(options()));
    expect(results.status).toBe('done');
    expect(results.problems.listed).toContainEqual(expect.objectContaining({
      severity: 'error', location: 'Deals, row 3, column amount', message: '"twelve hundred" is not a number; use digits with a decimal point or comma, such as 1234.5 or 1.234,50, and if you like thousands separators and a currency symbol or code (€ 1,234.50, 1234 USD); no % or other units.',
    }));
    expect(results.kpis[3].value).toBe(1200);
  });
});

describe('the lookback window: interactions more than that many days before a conversion earn nothing', () => {
  // D1's 1,200 closes on 2024-03-25 at 00:00 (UTC); k1's one interaction before it is the A1 view of 03-05 10:00,
  // 19 days and 14 hours earlier. A window of 20 days (from 03-05 00:00) holds it; one of 19 (from 03-06 00:00)
  // does not: D1 then has no interaction to credit, and Spring launch earns none of it. Influenced revenue, sessions
  // and contacts have no window.
  const figures = (results: { kpis: Array<{ key: string; value: number }> }) => Object.fromEntries(results.kpis.map((k) => [k.key, k.value]));
  const NEGATIVE = 'The lookback window must be a whole number of days from 0 to 36500, not "-3"; leave it empty for no window.';

  test('Run: Spring launch\'s revenue is 1,200 with no window or one of 20 days, 0 with 19; the other figures stay', () => {
    const { script } = addon();
    const unchanged = { sessions: 4, new_contacts: 2, influenced_contacts: 2, influenced_revenue: 1200 };
    expect(figures(overTheWire(script.runSidebar(options())))).toEqual({ ...unchanged, revenue: 1200 });
    expect(figures(overTheWire(script.runSidebar(options({ lookbackDays: 20 }))))).toEqual({ ...unchanged, revenue: 1200 });
    expect(figures(overTheWire(script.runSidebar(options({ lookbackDays: 19 }))))).toEqual({ ...unchanged, revenue: 0 });
  });

  test('kept with the other choices: the sidebar opens with it, and emptied it is no window again', () => {
    const { script, services } = addon();
    script.saveSidebarChoices(options({ lookbackDays: 19 }));
    expect(JSON.parse(services.userProperties.get(OPTIONS_KEY)!)).toMatchObject({ lookbackDays: 19 });
    expect(overTheWire(script.getSidebarState()).options).toEqual(options({ lookbackDays: 19 }));
    script.saveSidebarChoices(options({ lookbackDays: null }));
    expect(overTheWire(script.getSidebarState()).options.lookbackDays).toBeNull();
  });

  test('"Write report sheets": the report names its window and credits by it, and the custom functions follow it', () => {
    const { script, services, book } = addon();
    expect(overTheWire(script.writeReportFromSidebar(options({ lookbackDays: 19 }))).done).toBe(true);
    const attribution = book.sheet('Revenue attribution').dataValues();
    expect(attribution[2][0]).toContain(' · Lookback window: 19 days · ');
    expect(attribution[4].slice(0, 2)).toEqual(['Spring launch', 0]);
    // "Refresh report" and the schedule repeat the report as last written: with its window.
    expect(JSON.parse(services.documentProperties.get('campaignAnalytics.lastReport')!)).toMatchObject({ lookbackDays: 19 });
    const target = book.namedRanges.get('CAMPAIGN_DATA_VERSION')!;
    const version = target.sheet.read('values', target.row, target.column, 1, 1)[0][0];
    expect(script.CAMPAIGN_REVENUE('C1', 'Linear', '', '', version)).toBe(0);
    expect(script.CAMPAIGN_REVENUE('(no campaign)', 'Linear', '', '', version)).toBe(1200);
  });

  test('Export of what the sidebar shows: with its window', () => {
    const { script, google } = addon();
    script.exportReport({ format: 'xlsx', tables: ['revenue_attribution'], model: null, drive: true, email: false, options: options({ lookbackDays: 19 }) });
    const [sheet] = (google.requests[0].body as { sheets: Array<{ data: Array<{ rowData: Array<{ values: Array<{ userEnteredValue?: Record<string, unknown> }> }> }> }> }).sheets;
    const cells = sheet.data[0].rowData.map((row) => row.values.map((cell) => Object.values(cell.userEnteredValue ?? {})[0] ?? ''));
    expect(cells[2][0]).toContain(' · Lookback window: 19 days · ');
    expect(cells[4].slice(0, 2)).toEqual(['Spring launch', 0]);
  });

  test('a negative, fractional or too long window is refused with the reason, in the user\'s language, and nothing is kept or run', () => {
    const { script, services, book } = addon();
    const sheets = book.sheets.map((sheet) => sheet.name);
    expect(() => script.saveSidebarChoices(options({ lookbackDays: -3 }))).toThrow(NEGATIVE);
    expect(() => script.runSidebar(options({ lookbackDays: 1.5 }))).toThrow('whole number of days from 0 to 36500, not "1.5";');
    expect(() => script.writeReportFromSidebar(options({ lookbackDays: 36501 }))).toThrow('whole number of days from 0 to 36500, not "36501";');
    expect(services.userProperties.has(OPTIONS_KEY)).toBe(false);
    expect(book.sheets.map((sheet) => sheet.name)).toEqual(sheets);
    // The longest window the command line takes is taken here too.
    script.saveSidebarChoices(options({ lookbackDays: 36500 }));
    expect(JSON.parse(services.userProperties.get(OPTIONS_KEY)!)).toMatchObject({ lookbackDays: 36500 });

    const dutch = addon({ userProperties: { 'campaignAnalytics.language': 'nl' } });
    expect(() => dutch.script.runSidebar(options({ lookbackDays: -3 })))
      .toThrow('De terugkijkperiode moet een geheel aantal dagen van 0 t/m 36500 zijn, niet "-3"; laat het veld leeg voor geen terugkijkperiode.');
  });

  test('a sidebar opened before it had the control sends no window: the one kept stays', () => {
    const { script, services } = addon({ userProperties: { [OPTIONS_KEY]: JSON.stringify({ lookbackDays: 19 }) } });
    const { lookbackDays, ...older } = options();
    expect(lookbackDays).toBeNull();
    expect(figures(overTheWire(script.runSidebar(older))).revenue).toBe(0);
    expect(JSON.parse(services.userProperties.get(OPTIONS_KEY)!)).toMatchObject({ lookbackDays: 19 });
  });
});

describe('report sheets from the sidebar', () => {
  const DRILL_DOWN = 'Revenue drill-down: every credited interaction';

  test('an amount opens the drill-down sheet: written for the campaign and model the first time, only shown after that', () => {
    const { script, services, book } = addon();
    const first = overTheWire(script.openDrillDownSheet(options({ model: 'u_shaped' }), 'revenue'));
    expect(first.done).toBe(true);
    expect(first.message).toMatch(/ The drill-down sheet "Revenue drill-down: every credited interaction" is open: /);
    expect(book.active?.name).toBe(DRILL_DOWN);
    // D1's 1,200 closes on 03-25; k1's one interaction before it (03-05, A1) takes all of it.
    const rows = book.sheet(DRILL_DOWN).dataValues().slice(4);
    // That interaction is on Visits row 2.
    expect(rows.map((row) => [row[0], row[1], row[3], row[5], row[9]])).toEqual([['Spring launch', 'Big deal', 1200, 2, 1200]]);
    expect(JSON.parse(services.documentProperties.get('campaignAnalytics.lastReport')!)).toMatchObject({ model: 'u_shaped', campaignIds: ['C1'] });

    book.active = book.sheet('Campaigns');
    const calls = services.calls.length;
    const second = overTheWire(script.openDrillDownSheet(options({ model: 'u_shaped' }), 'revenue'));
    expect(second).toEqual({ done: true, title: 'Campaign report', message: expect.stringMatching(/^The drill-down sheet /), problems: [] });
    expect(book.active?.name).toBe(DRILL_DOWN);
    expect(services.calls.slice(calls).filter((call) => /\.(setValues|insertSheet|copyTo)$/.test(call))).toEqual([]);

    // Another model: written again.
    script.openDrillDownSheet(options({ model: 'linear' }), 'revenue');
    expect(JSON.parse(services.documentProperties.get('campaignAnalytics.lastReport')!)).toMatchObject({ model: 'linear' });
  });

  test('the report written for it stands when the drill-down sheet cannot be shown: said, not an error', () => {
    // The last activate() of the call is the drill-down sheet's (the write restores the user's sheet before it).
    const probe = addon();
    probe.script.openDrillDownSheet(options({ model: 'u_shaped' }), 'revenue');
    const activations = probe.services.calls.filter((call) => call.endsWith('.activate')).length;
    const { script, services } = addon({ failOn: { method: 'activate', nth: activations } });
    const outcome = overTheWire(script.openDrillDownSheet(options({ model: 'u_shaped' }), 'revenue'));
    expect(outcome.done).toBe(true);
    expect(outcome.message).toMatch(
      /^Report written to \d+ sheets \(\d+ new, 0 updated\)\. The drill-down sheet could not be opened \(.*simulated failure of Sheet\(Revenue drill-down: every credited interaction\)\.activate.*\); its tab is at the bottom of the spreadsheet\.$/,
    );
    expect(JSON.parse(services.documentProperties.get('campaignAnalytics.lastReport')!)).toMatchObject({ model: 'u_shaped' });
  });

  test('the influenced revenue opens the deals the campaign influenced, each with the contact and first interaction', () => {
    // C1's influenced revenue: D1 (1,200), won by k1, whose first Spring launch interaction is the A1 view of March 5.
    const { script, book } = addon();
    const outcome = overTheWire(script.openDrillDownSheet(options({ model: 'u_shaped' }), 'influenced_revenue'));
    expect(outcome.message).toMatch(/ The drill-down sheet "Influenced revenue drill-down: .*" is open: every deal behind the influenced revenue/);
    expect(book.active?.name).toMatch(/^Influenced revenue drill-down/);
    const rows = book.active!.dataValues().slice(4);
    expect(rows.map((row) => [row[0], row[1], row[3], row[4], row[6], row[7]])).toEqual([['Spring launch', 'Big deal', 1200, 'k1', 2, 'Page view']]);
  });

  test('report sheets written with the same options but without that drill-down (an older version) are written anew for it', () => {
    const { script, book } = addon();
    script.openDrillDownSheet(options({ model: 'u_shaped' }), 'revenue');
    const sheet = book.sheets.find((s) => s.name.startsWith('Influenced revenue drill-down'))!;
    book.sheets.splice(book.sheets.indexOf(sheet), 1);
    const outcome = overTheWire(script.openDrillDownSheet(options({ model: 'u_shaped' }), 'influenced_revenue'));
    expect(outcome.done).toBe(true);
    expect(outcome.message).toMatch(/^Report written to \d+ sheets \(1 new, \d+ updated\)\. The drill-down sheet "Influenced revenue drill-down/);
    expect(book.active?.name).toMatch(/^Influenced revenue drill-down/);
  });

  test('the report the report sheets hold, and whether the choices on screen are the ones it was written with', () => {
    const { script } = addon();
    const onScreen = options({ campaignId: 'C2', range: 'this_year' });
    expect(script.getWrittenReport(onScreen)).toBeNull();
    script.writeReportFromSidebar(onScreen);
    // Summer (C2) under Linear, this year up to today (2024-05-15).
    expect(overTheWire(script.getWrittenReport(onScreen))).toEqual({ campaignIds: ['C2'], model: 'linear', from: '2024-01-01', to: '2024-05-15', current: true });
    // Another campaign, model or touch on screen: not the report the sheets hold.
    for (const other of [{ campaignId: 'C1' }, { model: 'u_shaped' }, { touch: 'last' }]) {
      expect(overTheWire(script.getWrittenReport({ ...onScreen, ...other }))).toMatchObject({ campaignIds: ['C2'], model: 'linear', current: false });
    }
    // A range on screen that makes no report (it ends before it starts): still the sheets' report, not current.
    const empty = { ...onScreen, range: 'custom' as const, from: '2024-06-01', to: '2024-05-01' };
    expect(overTheWire(script.getWrittenReport(empty))).toMatchObject({ campaignIds: ['C2'], current: false });
    // The next day "this year" runs to 2024-05-16: the sheets, up to 2024-05-15, hold a day less.
    script.Date = fixedClock(NOW + 24 * 3600_000);
    expect(overTheWire(script.getWrittenReport(onScreen))).toMatchObject({ to: '2024-05-15', current: false });
  });

  test('"Write report sheets" writes them with the sidebar\'s options, which it keeps', () => {
    const { script, services, book } = addon();
    const outcome = overTheWire(script.writeReportFromSidebar(options({ campaignId: 'C2', range: 'this_year' })));
    expect(outcome.done).toBe(true);
    expect(book.sheet('Overview').dataValues()[4][0]).toBe('Summer');
    expect(JSON.parse(services.userProperties.get(OPTIONS_KEY)!)).toMatchObject({ campaignIds: ['C2'], from: '2024-01-01', to: null, range: 'this_year' });
  });
});

describe('getting started', () => {
  const empty = () => addon({ sheets: { Sheet1: [['my notes']] } });

  test('a workbook without data sheets is offered to create them', () => {
    const { script } = empty();
    const { setup } = overTheWire(script.getSidebarState());
    expect(setup.empty).toBe(true);
    expect(setup.ready).toBe(false);
    expect(setup.tabs).toEqual([{ name: 'Sheet1', headers: ['my notes'] }]);
  });

  test('the tabs offered for the data are the user\'s: not the report sheets, the formulas\' version sheet or a dashboard', () => {
    const { script, book } = addon();
    script.runReport();
    script.saveChartToDashboard({ table: 'overview', dashboard: { name: 'Board' } });
    expect(book.sheets.map((s) => s.name)).toEqual(expect.arrayContaining(['Overview', 'Campaign data version', 'Board']));
    const { setup } = overTheWire(script.getSidebarState());
    expect(setup.tabs.map((tab: { name: string }) => tab.name)).toEqual(['Campaigns', 'Assets', 'Visits', 'Deals']);
  });

  test('creates every data sheet with its headers, frozen and bold, dropdowns for the closed lists and date formats', () => {
    const { script, book } = empty();
    const result = overTheWire(script.createDataSheets({ example: false, optional: true }));
    expect(result.message).toBe('Created the sheets Campaigns, Assets, Visits, Deals, Spend, DealContacts, Contacts.');
    expect(result.status.ready).toBe(true);
    expect(book.sheets.map((s) => s.name)).toEqual(['Sheet1', 'Campaigns', 'Assets', 'Visits', 'Deals', 'Spend', 'DealContacts', 'Contacts']);
    const campaigns = book.sheet('Campaigns');
    expect(campaigns.dataValues()).toEqual([[
      'campaign_id', 'name', 'utm_campaign', 'former_utm_campaigns', 'created_at', 'start_date', 'end_date', 'goal_sessions',
      'goal_new_contacts', 'goal_influenced_contacts', 'goal_revenue', 'budget',
    ]]);
    expect(campaigns.frozenRows).toBe(1);
    expect(campaigns.layers.fontWeights[0].every((w) => w === 'bold')).toBe(true);
    // created_at (E) holds date-times, start_date (F) days, the ids (A) text.
    expect(campaigns.layers.numberFormats[1].slice(0, 6)).toEqual(['@', '@', '@', '@', 'yyyy-mm-dd hh:mm', 'yyyy-mm-dd']);
    expect(campaigns.layers.numberFormats[999][4]).toBe('yyyy-mm-dd hh:mm');
    expect(book.sheet('Deals').dataValues()[0]).toEqual(['deal_id', 'name', 'amount', 'currency', 'stage', 'created_at', 'closed_at', 'contact_ids']);
    const rules = (sheet: string) => book.sheet(sheet).validations.map(({ range, rule }) => [range, rule?.kind, rule?.values.length, rule?.allowInvalid]);
    expect(rules('Assets')).toEqual([['C2:C1000', 'list', ASSET_TYPES.length, true], ['I2:I1000', 'checkbox', 0, false]]);
    expect(rules('Visits')).toEqual([
      ['E2:E1000', 'list', INTERACTION_TYPES.length, true], ['N2:N1000', 'list', SOURCES.length, true], ['O2:O1000', 'checkbox', 0, false],
    ]);
    expect(book.sheet('Deals').validations.map((v) => v.rule?.values)).toEqual([['won', 'lost', 'open']]);
    expect(book.sheet('Sheet1').dataValues()).toEqual([['my notes']]);
  });

  test('the worked example is a valid workbook the data check passes', () => {
    const { script } = empty();
    const result = overTheWire(script.createDataSheets({ example: true, optional: true }));
    expect(result.message).toBe('Created the sheets Campaigns, Assets, Visits, Deals, Spend, DealContacts, Contacts, with a small worked example to try the report on.');
    // 1 campaign, 2 assets, 5 visits, 1 deal, 1 spend row, 2 contacts.
    expect(overTheWire(script.validateDataSheets()).summary).toBe('No problems found. Rows read: 12.');
    expect(overTheWire(script.getSidebarState()).campaigns).toEqual([{ id: 'C1', name: 'Spring launch', utm: 'spring_launch' }]);
  });

  test('a Dutch user\'s worked example is named in Dutch, its utm value made from the campaign\'s name', () => {
    const { script, book } = addon({ sheets: { Sheet1: [['my notes']] }, locale: 'nl_NL' });
    script.createDataSheets({ example: true, optional: false });
    const column = (sheet: string, header: string) => {
      const [headers, ...rows] = book.sheet(sheet).dataValues();
      return rows.map((row) => row[headers.indexOf(header)]);
    };
    expect(column('Campaigns', 'name')).toEqual(['Voorjaarslancering']);
    expect(column('Campaigns', 'utm_campaign')).toEqual(['voorjaarslancering']);
    expect(column('Assets', 'name')).toEqual(['Landingspagina voorjaar', 'Nieuwsbrief voorjaar']);
    expect(column('Deals', 'name')).toEqual(['Eerste bestelling']);
    // The one tagged visit carries the campaign's utm value, so the example still reads without a problem.
    expect(column('Visits', 'utm_campaign').filter((utm) => utm !== '')).toEqual(['voorjaarslancering']);
    expect(overTheWire(script.validateDataSheets()).problems).toEqual([]);
  });

  test('a failure at any step leaves no sheet behind and the user on their sheet; trying again makes them all, example and all', () => {
    // The calls a whole creation makes, then a run failing at each Spreadsheet call in turn.
    const whole = empty();
    whole.services.calls.length = 0;
    whole.script.createDataSheets({ example: true, optional: true });
    const steps = whole.services.calls.filter((call) => /^(Spreadsheet|Sheet|Range|DataValidation)/.test(call));
    expect(steps.length).toBeGreaterThan(50);
    const firstInsert = steps.indexOf('Spreadsheet.insertSheet') + 1;
    expect(firstInsert).toBeGreaterThan(0);
    for (let nth = 1; nth <= steps.length; nth++) {
      const method = steps[nth - 1].slice(steps[nth - 1].lastIndexOf('.') + 1);
      const occurrence = steps.slice(0, nth).filter((call) => call.endsWith(`.${method}`)).length;
      const { script, book, services } = addon({ sheets: { Sheet1: [['my notes']] }, failOn: { method, nth: occurrence } });
      let message = '';
      try {
        script.createDataSheets({ example: true, optional: true });
      } catch (error) {
        message = (error as Error).message;
      }
      const names = book.sheets.map((sheet) => sheet.name);
      // Steps after the sheets are made (showing the first, reading the status back): all of them stand.
      if (names.length > 1) {
        expect(names).toEqual(whole.book.sheets.map((sheet) => sheet.name));
        continue;
      }
      expect(names).toEqual(['Sheet1']);
      expect(book.active?.name).toBe('Sheet1');
      // Before the first sheet is inserted, the service's own failure; after, the sheets are taken out again.
      if (nth > firstInsert) expect(message).toMatch(/^The data sheets could not be created \(.*simulated failure.*\); none was left half made\. Try again\.$/);
      else expect(message).toMatch(/simulated failure/);
      services.calls.length = 0;
    }
    const retried = addon({ sheets: { Sheet1: [['my notes']] }, failOn: { method: 'setValues', nth: 3 } });
    expect(() => retried.script.createDataSheets({ example: true, optional: true })).toThrow(/none was left half made/);
    expect(overTheWire(retried.script.createDataSheets({ example: true, optional: true })).status.ready).toBe(true);
    expect(overTheWire(retried.script.validateDataSheets()).summary).toBe('No problems found. Rows read: 12.');
  });

  test('a workbook with some data sheets: only the missing required ones are created; a tab of the user\'s under a data sheet\'s name is kept', () => {
    // The user's own "Campaigns" (other headers) and a Deals tab: the sidebar offers Assets and Visits, as this creates them.
    const { Deals } = workbook();
    const campaigns = [['Name', 'Owner', 'Budget'], ['Spring', 'Ann', 100]];
    const { script, book } = addon({ sheets: { Sheet1: [], Campaigns: campaigns, Deals } });
    expect(overTheWire(script.getSidebarState()).setup).toMatchObject({ empty: false, ready: false });
    const result = overTheWire(script.createDataSheets({ example: false, optional: false }));
    expect(result.message).toBe('Created the sheets Assets, Visits.');
    expect(book.sheets.map((s) => s.name)).toEqual(['Sheet1', 'Campaigns', 'Deals', 'Assets', 'Visits']);
    expect(book.sheet('Campaigns').dataValues()).toEqual(campaigns);
    // Still to be pointed at: the Campaigns tab lacks the id (and created_at); "Name" is read as name.
    expect(result.status.ready).toBe(false);
    expect(result.status.sheets.find((s: { sheet: string }) => s.sheet === 'Campaigns').missing).toEqual([['campaign_id'], ['created_at']]);
  });

  test('only the missing sheets are created, never over the user\'s own, and then without the example', () => {
    const { script, book } = addon();
    const result = overTheWire(script.createDataSheets({ example: true, optional: true }));
    expect(result.message).toBe('Created the sheets Spend, DealContacts, Contacts.');
    expect(book.sheet('Spend').dataValues()).toEqual([['date', 'campaign_id', 'amount', 'channel']]);
    expect(book.sheet('Campaigns').dataValues()).toEqual(workbook().Campaigns.map((row) => row.map((v) => v ?? '')));
  });
});

describe('the mapping step (a CRM export under its own names)', () => {
  const crm = () => {
    const sheets = workbook();
    delete (sheets as Record<string, unknown>).Deals;
    sheets['HubSpot deals'] = [
      ['Record ID', 'Deal Name', 'Amount in company currency', 'Deal Stage', 'Create Date', 'Close Date', 'Associated Contact IDs'],
      ['D1', 'Big deal', 1200, 'Closed won', day('2024-03-10'), day('2024-03-25'), 'k1'],
      ['D2', 'Broken', 'lots', 'Closed won', day('2024-03-11'), day('2024-03-21'), 'k2'],
    ];
    return sheets;
  };

  test('the columns no header names are found missing; once mapped, they are read, and remembered for everyone', () => {
    const { script, services, globals } = addon({ sheets: crm() });
    let state = overTheWire(script.getSidebarState());
    expect(state.setup.ready).toBe(false);
    const result = overTheWire(script.saveDataSheetMapping({
      tabs: { Deals: 'HubSpot deals' },
      columns: { Deals: { deal_id: 'Record ID', amount: 'Amount in company currency', contact_ids: 'Associated Contact IDs' } },
    }));
    expect(result.message).toBe('Saved. The add-on reads your data from these sheets and columns.');
    expect(JSON.parse(services.documentProperties.get('campaignAnalytics.dataSheets')!)).toEqual({ Deals: 'HubSpot deals' });
    expect(JSON.parse(services.documentProperties.get('campaignAnalytics.columnMapping')!)).toEqual({
      Deals: { deal_id: 'Record ID', amount: 'Amount in company currency', contact_ids: 'Associated Contact IDs' },
    });

    // A later execution (another user, another day) reads the mapping from the document properties.
    const again = loadCodeJs({ ...globals, Date: fixedClock(NOW) });
    state = overTheWire(again.getSidebarState());
    expect(state.setup.ready).toBe(true);
    const deals = state.setup.sheets.find((s: { sheet: string }) => s.sheet === 'Deals');
    expect(deals.tab).toBe('HubSpot deals');
    expect(deals.columns.filter((c: { required: boolean }) => c.required)).toEqual([
      { name: 'deal_id', required: true, header: 'Record ID', mapped: true },
      { name: 'amount', required: true, header: 'Amount in company currency', mapped: true },
      { name: 'stage', required: true, header: 'Deal Stage', mapped: false },
      { name: 'created_at', required: true, header: 'Create Date', mapped: false },
      { name: 'contact_ids', required: true, header: 'Associated Contact IDs', mapped: true },
    ]);
    // A problem names the user's tab and header.
    expect(overTheWire(again.validateDataSheets()).problems).toEqual([expect.objectContaining({
      location: 'HubSpot deals, row 3, column Amount in company currency', message: '"lots" is not a number; use digits with a decimal point or comma, such as 1234.5 or 1.234,50, and if you like thousands separators and a currency symbol or code (€ 1,234.50, 1234 USD); no % or other units.',
    })]);
    const results = overTheWire(again.runSidebar(options()));
    expect(results.kpis.find((k: { key: string }) => k.key === 'revenue').value).toBe(1200);
  });

  test('a Visits tab with neither visitor_id nor contact_id is not ready: saving says one of them is missing', () => {
    const sheets = workbook();
    sheets.Visits = sheets.Visits.map((row) => [row[0], ...row.slice(3)]);
    const { script } = addon({ sheets });
    expect(overTheWire(script.getSidebarState()).setup.ready).toBe(false);
    const result = overTheWire(script.saveDataSheetMapping({ tabs: {}, columns: {} }));
    expect(result.status.ready).toBe(false);
    expect(result.message).toBe('Saved, but these are still missing: Visits: one of visitor_id, contact_id.');
  });

  test('a header the tab does not have, or one header for two columns, is refused and nothing is stored', () => {
    const { script, services } = addon({ sheets: crm() });
    expect(() => script.saveDataSheetMapping({ tabs: { Deals: 'HubSpot deals' }, columns: { Deals: { amount: 'Nope' } } }))
      .toThrow('The sheet "HubSpot deals" has no header "Nope" (chosen for amount).');
    expect(() => script.saveDataSheetMapping({ tabs: { Deals: 'HubSpot deals' }, columns: { Deals: { deal_id: 'Record ID', name: 'Record ID' } } }))
      .toThrow('The header "Record ID" of "HubSpot deals" is chosen for both deal_id and name.');
    expect(() => script.saveDataSheetMapping({ tabs: { Deals: 'Deals 2023' }, columns: {} })).toThrow('There is no sheet "Deals 2023" for Deals.');
    expect(services.documentProperties.size).toBe(0);
  });

  /** Visits as a GA export has them: its "Type" column is read as interaction_type by its name, but holds GA's event names. */
  const gaVisits = () => {
    const sheets = workbook();
    sheets.Visits = sheets.Visits.map((row, i) => [...row.slice(0, 3), i === 0 ? 'Type' : 'Pageview GA4', ...row.slice(4)]);
    return sheets;
  };

  test('"Not in this sheet" for a column a header matches by name: stored, no header is read as it, shown again as chosen', () => {
    const { script, services, globals } = addon({ sheets: gaVisits() });
    // Read as interaction_type, "Pageview GA4" is no interaction type: every one of the 5 visits is left out.
    expect(overTheWire(script.runSidebar(options())).problems.errors).toBe(5);
    expect(() => script.saveDataSheetMapping({ tabs: {}, columns: { Visits: { nonsense: null } } })).toThrow('Visits has no column "nonsense".');
    const result = overTheWire(script.saveDataSheetMapping({ tabs: {}, columns: { Visits: { interaction_type: null } } }));
    expect(result.message).toBe('Saved. The add-on reads your data from these sheets and columns.');
    expect(JSON.parse(services.documentProperties.get('campaignAnalytics.columnMapping')!)).toEqual({ Visits: { interaction_type: null } });

    // A later execution reads it: the mapping step shows the column in no header, and nothing reads "Type" as it.
    const again = loadCodeJs({ ...globals, Date: fixedClock(NOW) });
    const visits = overTheWire(again.getSidebarState()).setup.sheets.find((s: { sheet: string }) => s.sheet === 'Visits');
    expect(visits.columns.find((c: { name: string }) => c.name === 'interaction_type')).toEqual({ name: 'interaction_type', required: false, header: null, mapped: false });
    expect(overTheWire(again.validateDataSheets()).problems).toEqual([]);
    // 2 campaigns, 2 assets, 5 visits, 1 deal.
    const { Campaigns, Assets, Visits, Deals } = gaVisits();
    expect(overTheWire(again.CAMPAIGN_DATA_PROBLEMS(Campaigns, Assets, Visits, Deals))).toEqual([['No problems found. Rows read: 10.']]);
    // Each visit a page view, as workbook() has them: the 4 sessions of Spring launch over all dates.
    const results = overTheWire(again.runSidebar(options()));
    expect(results.problems.errors).toBe(0);
    expect(results.kpis.find((k: { key: string }) => k.key === 'sessions').value).toBe(4);
  });

  test('tabs and columns are stored in one write: a failing write stores neither', () => {
    const { script, services } = addon({ sheets: crm(), failOn: { method: 'setProperties', nth: 1 } });
    expect(() => script.saveDataSheetMapping({
      tabs: { Deals: 'HubSpot deals' },
      columns: { Deals: { deal_id: 'Record ID', amount: 'Amount in company currency', contact_ids: 'Associated Contact IDs' } },
    })).toThrow(/simulated failure/);
    expect(services.documentProperties.size).toBe(0);
  });
});

describe('campaign housekeeping: one row each, only once confirmed', () => {
  const writes = (calls: string[]) => calls.filter((call) => /\.(setValues|setNumberFormats|insertRowsAfter|insertColumnsAfter)$/.test(call));
  type Script = ReturnType<typeof addon>['script'];
  /** As the sidebar does it: asks, then confirms sending back the row it showed. */
  const confirmed = (script: Script, change: Record<string, unknown>) => {
    const { sheet, row, cells } = overTheWire(script.changeCampaign(change, false));
    return overTheWire(script.changeCampaign(change, true, { sheet, row, cells }));
  };

  test('asking describes the row and writes nothing', () => {
    const { script, services, book } = addon();
    const before = book.sheets.map((s) => s.snapshot());
    const asked = overTheWire(script.changeCampaign({ kind: 'create_campaign', name: 'Autumn sale' }, false));
    expect(asked).toEqual({
      status: 'confirm',
      // The cells are shown once, in the table under the question.
      message: 'Add this row to Campaigns?',
      sheet: 'Campaigns', row: 4,
      cells: [
        { column: 'campaign_id', value: 'C3' }, { column: 'name', value: 'Autumn sale' }, { column: 'utm_campaign', value: 'autumn_sale' },
        { column: 'created_at', value: '2024-05-15 12:00' },
      ],
    });
    script.changeCampaign({ kind: 'rename_campaign', campaignId: 'C1', name: 'Spring relaunch' }, false);
    script.changeCampaign({ kind: 'link_asset', campaignId: 'C2', assetId: 'A1', type: '', name: '', url: '' }, false);
    // Anything but a literal true only asks.
    script.changeCampaign({ kind: 'create_campaign', name: 'Autumn sale' }, 'yes');
    expect(writes(services.calls)).toEqual([]);
    expect(book.sheets.map((s) => s.snapshot())).toEqual(before);
  });

  test('create, confirmed: one new Campaigns row, created_at now as a date-time, a utm value of its own', () => {
    const { script, book, services } = addon();
    const done = confirmed(script, { kind: 'create_campaign', name: 'Autumn sale' });
    expect(done.status).toBe('done');
    expect(done.message).toBe('Campaign "Autumn sale" created, with utm_campaign autumn_sale.');
    const rows = book.sheet('Campaigns').dataValues();
    expect(rows).toHaveLength(4);
    // 2024-05-15 12:00 is 45427.5 days after 1899-12-30 (UTC, the spreadsheet's zone).
    expect(rows[3]).toEqual(['C3', 'Autumn sale', 'autumn_sale', 45427.5, '', '', '', '']);
    expect(book.sheet('Campaigns').layers.numberFormats[3].slice(0, 4)).toEqual(['@', '@', '@', 'yyyy-mm-dd hh:mm']);
    expect(services.lock).toEqual({ acquired: 1, released: 1 });
    expect(overTheWire(script.getSidebarState()).campaigns.map((c: { id: string }) => c.id)).toEqual(['C1', 'C2', 'C3']);
  });

  /** Campaigns!C4:C10 hold =LOWER(SUBSTITUTE(name," ","_")) filled down: "" without a name, as Sheets shows it. */
  const utmFilledDown = (book: ReturnType<typeof addon>['book']) => {
    const campaigns = book.sheet('Campaigns');
    for (let r = 4; r <= 10; r++) campaigns.write('values', r, 3, [[`=IF(B${r}="","",LOWER(SUBSTITUTE(B${r}," ","_")))`]]);
    campaigns.evaluate = (row, column) => (column === 3 && row >= 4 ? String(campaigns.read('values', row, 2, 1, 1)[0][0] ?? '').toLowerCase().replace(/ /g, '_') : undefined);
    return campaigns;
  };

  test('create onto rows where utm_campaign is a formula filled down: the formula stays when it gives the confirmed value', () => {
    const { script, book } = addon();
    const campaigns = utmFilledDown(book);
    const done = confirmed(script, { kind: 'create_campaign', name: 'Autumn sale' });
    expect(done.message).toBe('Campaign "Autumn sale" created, with utm_campaign autumn_sale. Your formulas in C4 were kept: they give the values the row needs.');
    expect(campaigns.read('values', 4, 1, 1, 4)[0]).toEqual(['C3', 'Autumn sale', '=IF(B4="","",LOWER(SUBSTITUTE(B4," ","_")))', 45427.5]);
    expect(campaigns.read('values', 5, 3, 1, 1)[0][0]).toBe('=IF(B5="","",LOWER(SUBSTITUTE(B5," ","_")))');
    expect(overTheWire(script.getSidebarState()).campaigns.find((c: { id: string }) => c.id === 'C3').utm).toBe('autumn_sale');
  });

  test('a kept formula that gives another value than the one confirmed: nothing is written, and the message names the cell', () => {
    const { script, book } = addon();
    const campaigns = utmFilledDown(book);
    const before = campaigns.snapshot();
    // "spring" is taken by Spring launch, so the new campaign needs spring_2, which the formula does not give.
    expect(() => confirmed(script, { kind: 'create_campaign', name: 'SPRING' })).toThrow(
      'Nothing was written: C4 holds a formula that gives "spring" where the row needs "spring_2". Remove the formula from that cell, or fill in the row yourself.',
    );
    expect(campaigns.snapshot()).toEqual(before);
    // A rename whose name cell is a formula: the name would not change.
    campaigns.write('values', 2, 2, [['=A2&" launch"']]);
    campaigns.evaluate = (row, column) => (row === 2 && column === 2 ? 'C1 launch' : undefined);
    expect(() => confirmed(script, { kind: 'rename_campaign', campaignId: 'C1', name: 'Spring relaunch' })).toThrow(
      'Nothing was written: B2 holds a formula that gives "C1 launch" where the row needs "Spring relaunch".',
    );
    expect(campaigns.read('values', 2, 1, 1, 3)[0]).toEqual(['C1', '=A2&" launch"', 'spring']);
  });

  test('a formula in created_at, which is the moment of confirming, cannot be kept: nothing is written', () => {
    const { script, book } = addon();
    const campaigns = utmFilledDown(book);
    campaigns.write('values', 4, 4, [['=IF(B4="","",NOW())']]);
    const evaluateUtm = campaigns.evaluate!;
    campaigns.evaluate = (row, column) => (row === 4 && column === 4 ? '' : evaluateUtm(row, column));
    const before = campaigns.snapshot();
    expect(() => confirmed(script, { kind: 'create_campaign', name: 'Autumn sale' })).toThrow(
      'Nothing was written: D4 holds a formula, and that date-time must be the moment you confirm the row.',
    );
    expect(campaigns.snapshot()).toEqual(before);
  });

  test('a second campaign of the same name is refused; one whose utm value is taken gets another', () => {
    const { script } = addon();
    expect(() => script.changeCampaign({ kind: 'create_campaign', name: 'spring LAUNCH' }, true)).toThrow('A campaign called "spring LAUNCH" already exists (id C1).');
    expect(overTheWire(script.changeCampaign({ kind: 'create_campaign', name: 'Spring!' }, false)).cells[2]).toEqual({ column: 'utm_campaign', value: 'spring_2' });
  });

  test('rename: a new utm value, the old one appended to former_utm_campaigns, so old links still count', () => {
    const { script, book } = addon();
    const asked = overTheWire(script.changeCampaign({ kind: 'rename_campaign', campaignId: 'C1', name: 'Spring relaunch' }, false));
    expect(asked.message).toBe('Rename "Spring launch" to "Spring relaunch" on Campaigns row 2? Its utm_campaign becomes spring_relaunch; the old value spring moves to former_utm_campaigns, so links tagged with it still count for the campaign.');
    confirmed(script, { kind: 'rename_campaign', campaignId: 'C1', name: 'Spring relaunch' });
    let rows = book.sheet('Campaigns').dataValues();
    // The sheet had no former_utm_campaigns column: it gets one, after the last.
    expect(rows[0][8]).toBe('former_utm_campaigns');
    expect([rows[1][1], rows[1][2], rows[1][8]]).toEqual(['Spring relaunch', 'spring_relaunch', 'spring']);
    expect([rows[2][1], rows[2][2], rows[2][8]]).toEqual(['Summer', 'summer', '']);
    // The 04-15 visit tagged "spring" still counts: four sessions over all dates, as before.
    expect(overTheWire(script.runSidebar(options())).kpis[0].value).toBe(4);

    confirmed(script, { kind: 'rename_campaign', campaignId: 'C1', name: 'Spring, third time' });
    rows = book.sheet('Campaigns').dataValues();
    expect([rows[1][1], rows[1][2], rows[1][8]]).toEqual(['Spring, third time', 'spring_third_time', 'spring, spring_relaunch']);
    expect(rows).toHaveLength(3);
  });

  test('link an asset: a new Assets row with associated_at now; a non-workflow asset says it moves', () => {
    const { script, book } = addon();
    const asked = overTheWire(script.changeCampaign({ kind: 'link_asset', campaignId: 'C2', assetId: 'A1', type: '', name: '', url: '' }, false));
    expect(asked.message).toBe('Add this row to Assets, linking the asset to "Summer" from now on? The asset A1 now belongs to "Spring launch": an asset belongs to one campaign, so it moves to "Summer" and counts for it from now on.');
    expect(asked.cells).toEqual([
      { column: 'asset_id', value: 'A1' }, { column: 'campaign_id', value: 'C2' }, { column: 'type', value: 'landing_page' },
      { column: 'name', value: 'Spring page' }, { column: 'url', value: 'https://example.com/spring' }, { column: 'associated_at', value: '2024-05-15 12:00' },
    ]);
    const done = confirmed(script, { kind: 'link_asset', campaignId: 'C2', assetId: 'A1', type: '', name: '', url: '' });
    expect(done.message).toBe('The asset A1 moved from "Spring launch" to "Summer".');
    const rows = book.sheet('Assets').dataValues();
    expect(rows).toHaveLength(4);
    // associated_at was not a column yet: added after the last one (delivered, G).
    expect(rows[0][7]).toBe('associated_at');
    expect(rows[3]).toEqual(['A1', 'C2', 'landing_page', 'Spring page', 'https://example.com/spring', '', '', 45427.5]);
    expect(overTheWire(script.getSidebarState()).assets.find((a: { id: string }) => a.id === 'A1').campaignId).toBe('C2');
    expect(() => script.changeCampaign({ kind: 'link_asset', campaignId: 'C2', assetId: 'A1', type: '', name: '', url: '' }, true))
      .toThrow('The asset A1 is already linked to "Summer".');
  });

  test('a new row goes below the last one with data, not below unticked checkboxes further down', () => {
    const sheets = workbook();
    sheets.Assets = sheets.Assets.map((row, i) => [...row, i === 0 ? 'ab_winner' : false]);
    for (let i = 0; i < 20; i++) sheets.Assets.push(['', '', '', '', '', '', '', false]);
    const { script, book } = addon({ sheets });
    const done = confirmed(script, { kind: 'link_asset', campaignId: 'C2', assetId: 'A3', type: 'cta', name: 'Buy now', url: '' });
    expect(done.row).toBe(4);
    expect(book.sheet('Assets').dataValues()[3].slice(0, 4)).toEqual(['A3', 'C2', 'cta', 'Buy now']);
  });

  test('a new tracking URL asset; an unknown type is refused', () => {
    const { script, book } = addon();
    const done = confirmed(script, {
      kind: 'link_asset', campaignId: 'C1', assetId: 'TU1', type: 'tracking_url', name: 'newsletter / email', url: 'https://example.com/spring?utm_campaign=spring',
    });
    expect(done.message).toBe('The asset TU1 is linked to "Spring launch".');
    expect(book.sheet('Assets').dataValues()[3].slice(0, 5)).toEqual(['TU1', 'C1', 'tracking_url', 'newsletter / email', 'https://example.com/spring?utm_campaign=spring']);
    expect(() => script.changeCampaign({ kind: 'link_asset', campaignId: 'C1', assetId: 'X', type: 'billboard', name: '', url: '' }, true))
      .toThrow(/^"billboard" is not an asset type; allowed: landing_page, /);
  });

  test('a URL without https:// (it would match no visit) is refused as the Tracking URL panel refuses it, and nothing is written', () => {
    const { script, services, book } = addon();
    const before = book.sheets.map((s) => s.snapshot());
    const change = { kind: 'link_asset', campaignId: 'C1', assetId: 'LP2', type: 'landing_page', name: 'Spring page copy', url: 'www.example.com/page' };
    const refusal = '"www.example.com/page" is not a web address. Give one starting with http:// or https://, such as https://example.com/page.';
    expect(() => script.changeCampaign(change, false)).toThrow(refusal);
    expect(() => script.changeCampaign(change, true, { sheet: 'Assets', row: 4, cells: [] })).toThrow(refusal);
    expect(writes(services.calls)).toEqual([]);
    expect(book.sheets.map((s) => s.snapshot())).toEqual(before);
    expect(() => script.createTrackingUrl({ campaignId: 'C1', url: 'www.example.com/page', source: 'newsletter', medium: 'email', term: '', content: '' }))
      .toThrow(refusal);
  });

  test('an asset linked again under another type is refused, naming both types as the Assets cells hold them', () => {
    const { script } = addon();
    expect(() => script.changeCampaign({ kind: 'link_asset', campaignId: 'C2', assetId: 'A2', type: 'landing_page', name: '', url: '' }, false))
      .toThrow('The asset A2 has the type "email" in Assets, not "landing_page".');
  });

  /** The calls that size, address and write ranges, from the confirmed call only. */
  const sheetWrites = (calls: string[]) => calls.filter((call) => /\.(getMaxRows|getMaxColumns|insertRowsAfter|insertColumnsAfter|getRange|setNumberFormats|setValues)$/.test(call));

  test('the confirmed row is one batch write: one range, its formats in one call, its values in one call', () => {
    const { script, services, book } = addon();
    const change = { kind: 'create_campaign', name: 'Autumn sale' };
    const { sheet, row, cells } = overTheWire(script.changeCampaign(change, false));
    services.calls.length = 0;
    expect(overTheWire(script.changeCampaign(change, true, { sheet, row, cells })).status).toBe('done');
    // campaign_id, name, utm_campaign, created_at are columns A to D: one range, A4:D4.
    expect(sheetWrites(services.calls)).toEqual([
      // Reading the campaigns again: the goal_revenue column's number formats (a goal in another currency).
      'Sheet(Campaigns).getRange',
      'Sheet(Campaigns).getMaxRows', 'Sheet(Campaigns).getMaxColumns',
      'Sheet(Campaigns).getRange', 'Range(Campaigns).setNumberFormats', 'Range(Campaigns).setValues',
    ]);
    expect(book.sheet('Campaigns').read('values', 4, 1, 1, 4)).toEqual([['C3', 'Autumn sale', 'autumn_sale', 45427.5]]);
  });

  test('a full sheet grows once; a new column\'s header is one more write; cells between the row\'s columns are left alone', () => {
    const { script, services, book } = addon();
    // The Assets tab has exactly its 3 rows and 7 columns: the new row 4 and the new column H need room.
    Object.assign(book.sheet('Assets'), { maxRows: 3, maxColumns: 7 });
    const change = { kind: 'link_asset', campaignId: 'C2', assetId: 'A3', type: 'cta', name: 'Buy now', url: '' };
    const { sheet, row, cells } = overTheWire(script.changeCampaign(change, false));
    services.calls.length = 0;
    expect(overTheWire(script.changeCampaign(change, true, { sheet, row, cells })).status).toBe('done');
    expect(sheetWrites(services.calls)).toEqual([
      // Reading the campaigns again: the goal_revenue column's number formats (a goal in another currency).
      'Sheet(Campaigns).getRange',
      'Sheet(Assets).getMaxRows', 'Sheet(Assets).insertRowsAfter', 'Sheet(Assets).getMaxColumns', 'Sheet(Assets).insertColumnsAfter',
      // H1: the associated_at header.
      'Sheet(Assets).getRange', 'Range(Assets).setNumberFormats', 'Range(Assets).setValues',
      // A4:D4 (asset_id, campaign_id, type, name), then H4 (associated_at): url, sent and delivered (E:G) are not written.
      'Sheet(Assets).getRange', 'Range(Assets).setNumberFormats', 'Range(Assets).setValues',
      'Sheet(Assets).getRange', 'Range(Assets).setNumberFormats', 'Range(Assets).setValues',
    ]);
    const assets = book.sheet('Assets');
    expect([assets.maxRows, assets.maxColumns]).toEqual([4, 8]);
    expect(assets.read('values', 1, 8, 1, 1)).toEqual([['associated_at']]);
    expect(assets.read('values', 4, 1, 1, 8)).toEqual([['A3', 'C2', 'cta', 'Buy now', undefined, undefined, undefined, 45427.5]]);
    expect(assets.read('numberFormats', 4, 1, 1, 8)).toEqual([['@', '@', '@', '@', undefined, undefined, undefined, 'yyyy-mm-dd hh:mm']]);
  });

  test('a rename writes only its own cells: created_at and the goals between them keep their values and formats', () => {
    const { script, services, book } = addon();
    const campaigns = book.sheet('Campaigns');
    campaigns.write('numberFormats', 2, 4, [['yyyy-mm-dd', '0', '0', '0', '#,##0']]);
    services.calls.length = 0;
    confirmed(script, { kind: 'rename_campaign', campaignId: 'C1', name: 'Spring relaunch' });
    // I1 (the new former_utm_campaigns header), B2:C2 (name, utm_campaign), I2 (former_utm_campaigns).
    expect(services.calls.filter((call) => call.endsWith('.setValues'))).toHaveLength(3);
    expect(campaigns.read('values', 2, 1, 1, 9)).toEqual([['C1', 'Spring relaunch', 'spring_relaunch', day('2024-03-01'), 4, 2, 3, 2000, 'spring']]);
    expect(campaigns.read('numberFormats', 2, 1, 1, 9)).toEqual([[undefined, '@', '@', 'yyyy-mm-dd', '0', '0', '0', '#,##0', '@']]);
  });

  test('a link whose last write fails leaves Assets as it was: no header, no half row, no rows or columns added', () => {
    // The row needs a new header (H1), A4:E4 and H4, after growing the sheet: the third setValues, H4, fails.
    const { script, book } = addon({ failOn: { method: 'setValues', nth: 3 } });
    const assets = book.sheet('Assets');
    Object.assign(assets, { maxRows: 3, maxColumns: 7 });
    const before = assets.snapshot();
    const change = { kind: 'link_asset', campaignId: 'C2', assetId: 'A1', type: '', name: '', url: '' };
    const { sheet, row, cells } = overTheWire(script.changeCampaign(change, false));
    expect(() => script.changeCampaign(change, true, { sheet, row, cells })).toThrow('simulated failure');
    expect(assets.snapshot()).toEqual(before);
    expect([assets.maxRows, assets.maxColumns]).toEqual([3, 7]);
  });

  test('a rename whose last write fails keeps the old name and utm value, and a formula between its cells', () => {
    // I1 (the former_utm_campaigns header), B2:C2, then I2 fails: the new utm value without the old one in
    // former_utm_campaigns would lose every link tagged "spring".
    const { script, book } = addon({ failOn: { method: 'setValues', nth: 3 } });
    const campaigns = book.sheet('Campaigns');
    campaigns.write('values', 2, 2, [['=UPPER("Spring launch")']]);
    const before = campaigns.snapshot();
    const change = { kind: 'rename_campaign', campaignId: 'C1', name: 'Spring relaunch' };
    const { sheet, row, cells } = overTheWire(script.changeCampaign(change, false));
    expect(() => script.changeCampaign(change, true, { sheet, row, cells })).toThrow('simulated failure');
    expect(campaigns.snapshot()).toEqual(before);
    expect(campaigns.read('values', 2, 2, 1, 1)).toEqual([['=UPPER("Spring launch")']]);
  });

  test('confirmed after another editor added a row: nothing is written, and the row as it would now be is asked about', () => {
    const { script, services, book } = addon();
    const change = { kind: 'create_campaign', name: 'Autumn sale' };
    const asked = overTheWire(script.changeCampaign(change, false));
    expect([asked.row, asked.cells[0].value]).toEqual([4, 'C3']);
    // Meanwhile someone else adds campaign C3 on row 4.
    book.sheet('Campaigns').write('values', 4, 1, [['C3', 'Winter', 'winter', day('2024-05-01')]]);
    const before = book.sheets.map((s) => s.snapshot());
    services.calls.length = 0;
    const again = overTheWire(script.changeCampaign(change, true, { sheet: asked.sheet, row: asked.row, cells: asked.cells }));
    expect(again).toEqual({
      status: 'confirm',
      message: 'The sheet changed in the meantime, so nothing was written. Add this row to Campaigns?',
      sheet: 'Campaigns', row: 5,
      cells: [
        { column: 'campaign_id', value: 'C4' }, { column: 'name', value: 'Autumn sale' }, { column: 'utm_campaign', value: 'autumn_sale' },
        { column: 'created_at', value: '2024-05-15 12:00' },
      ],
    });
    expect(writes(services.calls)).toEqual([]);
    expect(book.sheets.map((s) => s.snapshot())).toEqual(before);
    // Confirming the new question writes the new row, below the other editor's.
    expect(overTheWire(script.changeCampaign(change, true, { sheet: again.sheet, row: again.row, cells: again.cells })).status).toBe('done');
    const rows = book.sheet('Campaigns').dataValues();
    expect(rows.slice(3).map((r) => r.slice(0, 4))).toEqual([['C3', 'Winter', 'winter', day('2024-05-01')], ['C4', 'Autumn sale', 'autumn_sale', 45427.5]]);
  });

  test('confirmed after the utm value it showed was taken meanwhile: asked again with another one', () => {
    const { script, services, book } = addon();
    const change = { kind: 'create_campaign', name: 'Autumn sale' };
    const asked = overTheWire(script.changeCampaign(change, false));
    // Someone else gives Summer (C2, row 3) the utm value autumn_sale.
    book.sheet('Campaigns').write('values', 3, 3, [['autumn_sale']]);
    services.calls.length = 0;
    const again = overTheWire(script.changeCampaign(change, true, { sheet: asked.sheet, row: asked.row, cells: asked.cells }));
    expect(again.status).toBe('confirm');
    expect(again.row).toBe(4);
    expect(again.cells[2]).toEqual({ column: 'utm_campaign', value: 'autumn_sale_2' });
    expect(writes(services.calls)).toEqual([]);
    expect(book.sheet('Campaigns').dataValues()).toHaveLength(3);
  });

  test('confirmed without the row shown, nothing is written; a created_at shown minutes earlier still matches', () => {
    const { script, services, book } = addon();
    const change = { kind: 'create_campaign', name: 'Autumn sale' };
    const blind = overTheWire(script.changeCampaign(change, true));
    expect(blind.status).toBe('confirm');
    expect(blind.message).toBe('Add this row to Campaigns?');
    expect(writes(services.calls)).toEqual([]);
    const { sheet, row, cells } = blind;
    const shownEarlier = cells.map((cell: { column: string; value: string }) => (cell.column === 'created_at' ? { ...cell, value: '2024-05-15 11:57' } : cell));
    expect(overTheWire(script.changeCampaign(change, true, { sheet, row, cells: shownEarlier })).status).toBe('done');
    // The row is written as of the confirmation: 12:00.
    expect(book.sheet('Campaigns').dataValues()[3].slice(0, 4)).toEqual(['C3', 'Autumn sale', 'autumn_sale', 45427.5]);
  });
});

describe('createTrackingUrl', () => {
  test('tags the address with the campaign\'s current utm value', () => {
    const { script } = addon();
    expect(overTheWire(script.createTrackingUrl({
      campaignId: 'C1', url: 'https://example.com/spring?ref=x#top', source: 'newsletter', medium: 'email', term: '', content: 'hero banner',
    }))).toEqual({
      utm: 'spring',
      url: 'https://example.com/spring?ref=x&utm_source=newsletter&utm_medium=email&utm_campaign=spring&utm_content=hero%20banner#top',
    });
  });
});
