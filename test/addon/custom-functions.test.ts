import { wallClockToEpoch } from '../../src/core/time';
import { builtFile } from '../support/built-dist';
import { serviceClock } from '../support/gas-fakes-services';
import type { LockServicePort } from '../../src/addon/ports';
import { DATA_SHEETS, formulaBench, manyCampaignsSheets, plain, reportWorkbookSheets, TZ } from './custom-functions-fixture';

// The custom functions through dist/Code.js on the report tests' hand-built workbook (the working is in
// custom-functions-fixture.ts and json-report.test.ts). Revenue by model:
// U-shaped: D1 FIRST #1 400, LEAD #3 400, #2 and #5 100 each, so C1 900 and C2 100; D2 FIRST #6 1200 (none),
// LEAD #8 1200, #7 600, so C1 1800 and none 1200. Totals C1 2700, C2 100, none 1200.
// Even split (Linear): D1 250 per touch, C1 750 and C2 250; D2 1000 per touch, C1 2000 and none 1000.
// Influenced revenue: D1 for C1 and C2 (Ann), D2 for C1 and none (Bob): C1 4000, C2 1000, none 3000.

/** Midnight of a day in the spreadsheet's zone: what Sheets passes for a date cell. */
const dateCell = (isoDay: string) => {
  const [year, month, day] = isoDay.split('-').map(Number);
  return new Date(wallClockToEpoch(year, month, day, 0, 0, 0, 0, TZ));
};

/** A bench whose report has been run once: the facts are cached and the version cell exists. */
function afterReport(options: Parameters<typeof formulaBench>[0] = {}) {
  const bench = formulaBench(options);
  expect(plain(bench.script.runReport())).toMatchObject({ done: true });
  bench.services.calls.length = 0;
  return { ...bench, v: bench.version()! };
}

describe('figures on the hand-built workbook', () => {
  let script: ReturnType<typeof afterReport>['script'];
  let v: string;
  beforeAll(() => ({ script, v } = afterReport()));

  test('CAMPAIGN_REVENUE by model; Linear (the even split) when the model is left out', () => {
    expect(script.CAMPAIGN_REVENUE('C1', 'U-shaped', '', '', v)).toBeCloseTo(2700, 9);
    expect(script.CAMPAIGN_REVENUE('C2', 'u_shaped', '', '', v)).toBeCloseTo(100, 9);
    expect(script.CAMPAIGN_REVENUE('(no campaign)', 'U-shaped', '', '', v)).toBeCloseTo(1200, 9);
    expect(script.CAMPAIGN_REVENUE('C1', undefined, undefined, undefined, v)).toBeCloseTo(2750, 9);
    expect(script.CAMPAIGN_REVENUE('C2', 'Linear', '', '', v)).toBeCloseTo(250, 9);
  });

  test('a campaign by id, name or utm_campaign value, any case', () => {
    for (const campaign of ['C1', 'Spring launch', 'SPRING LAUNCH', 'spring', ' c1 ']) {
      expect(script.CAMPAIGN_REVENUE(campaign, 'U-shaped', '', '', v)).toBeCloseTo(2700, 9);
    }
  });

  test('a model by its Dutch name, any case or spacing', () => {
    for (const model of ['U-vormig', 'u vormig', 'U_VORMIG', 'u-shaped', 'U Shaped']) {
      expect(script.CAMPAIGN_REVENUE('C1', model, '', '', v)).toBeCloseTo(2700, 9);
    }
    expect(script.CAMPAIGN_REVENUE('C1', 'Lineair', '', '', v)).toBeCloseTo(2750, 9);
  });

  test('CAMPAIGN_INFLUENCED_REVENUE: whole deal amounts, no model', () => {
    expect(['C1', 'C2', '(no campaign)'].map((c) => script.CAMPAIGN_INFLUENCED_REVENUE(c, '', '', v))).toEqual([4000, 1000, 3000]);
  });

  test('dates as date cells: D1 closes 03-01, D2 03-10 (deals count on their close day)', () => {
    expect(script.CAMPAIGN_REVENUE('C1', 'U-shaped', dateCell('2024-03-01'), dateCell('2024-03-01'), v)).toBeCloseTo(900, 9);
    expect(script.CAMPAIGN_REVENUE('C1', 'U-shaped', dateCell('2024-03-02'), dateCell('2024-03-31'), v)).toBeCloseTo(1800, 9);
    expect(script.CAMPAIGN_REVENUE('C1', 'U-shaped', dateCell('2024-02-01'), dateCell('2024-02-29'), v)).toBe(0);
    expect(script.CAMPAIGN_INFLUENCED_REVENUE('C2', dateCell('2024-03-01'), dateCell('2024-03-09'), v)).toBe(1000);
  });

  test('a start before 1910 (DATE(1900,1,1), "1900-01-01": from the beginning) is no start: the data holds no older date', () => {
    // Both deals up to the end: 900 + 1800 under U-shaped, as with no start at all.
    expect(script.CAMPAIGN_REVENUE('C1', 'U-shaped', dateCell('1900-01-01'), dateCell('2024-03-31'), v)).toBeCloseTo(2700, 9);
    expect(script.CAMPAIGN_REVENUE('C1', 'U-shaped', '1900-01-01', '2024-03-31', v)).toBeCloseTo(2700, 9);
    // A time cell where the start belongs (a Date on 30 December 1899) is a mistake, said as one.
    expect(() => script.CAMPAIGN_REVENUE('C1', 'U-shaped', new Date('1899-12-30T10:00:00Z'), '2024-03-31', v)).toThrow('The start date "');
  });

  test('DATE(1900,1,1) as the start is no start in a zone east of Greenwich too, where its midnight is still 1899 in UTC', () => {
    const tokyo = afterReport({ timeZone: 'Asia/Tokyo' });
    // Midnight of 1 January 1900 in Tokyo (UTC+9 then) is 31 December 1899, 15:00 UTC.
    const all = tokyo.script.CAMPAIGN_REVENUE('C1', 'U-shaped', '', '2024-03-31', tokyo.v);
    expect(all).toBeGreaterThan(0);
    expect(tokyo.script.CAMPAIGN_REVENUE('C1', 'U-shaped', new Date('1899-12-31T15:00:00Z'), '2024-03-31', tokyo.v)).toBe(all);
    expect(() => tokyo.script.CAMPAIGN_REVENUE('C1', 'U-shaped', new Date('1899-12-30T01:00:00Z'), '2024-03-31', tokyo.v)).toThrow('The start date "');
    // DATE(1899,12,31) as Sheets may hand it over with a 1899 offset in seconds (Paris's +0:09:21): a day, no time.
    const paris = afterReport({ timeZone: 'Europe/Paris' });
    const everything = paris.script.CAMPAIGN_REVENUE('C1', 'U-shaped', '', '2024-03-31', paris.v);
    expect(paris.script.CAMPAIGN_REVENUE('C1', 'U-shaped', new Date('1899-12-30T23:50:39Z'), '2024-03-31', paris.v)).toBe(everything);
    // An older date cell is a day too.
    expect(paris.script.CAMPAIGN_REVENUE('C1', 'U-shaped', new Date('1800-01-01T00:00:00Z'), '2024-03-31', paris.v)).toBe(everything);
  });

  test('without an end the range ends today, as the report\'s default does: a deal closing in 2099 counts only once a range reaches it', () => {
    // D9: 7000, won, closing 2099-01-01, with Ann, whom C1 influenced (#1-#3). C1's influenced revenue is
    // D1 + D2 = 4000 up to today, 11000 with an end in 2099; from 2099 on, with no end, 7000.
    const sheets = reportWorkbookSheets();
    sheets.Deals.push(['D9', 'D9', 7000, 'won', new Date('2024-03-05T12:00:00Z'), new Date('2099-01-01T12:00:00Z'), 'ann']);
    const future = afterReport({ sheets });
    expect(future.script.CAMPAIGN_INFLUENCED_REVENUE('C1', '', '', future.v)).toBe(4000);
    expect(future.script.CAMPAIGN_INFLUENCED_REVENUE('C1', '', '2099-12-31', future.v)).toBe(11000);
    expect(future.script.CAMPAIGN_INFLUENCED_REVENUE('C1', '2099-01-01', '', future.v)).toBe(7000);
    expect(future.script.CAMPAIGN_METRIC('', 'closed_won_revenue', '', '', '', '', future.v)).toBe(4000);
    // The even split of D9's 7000 over Ann's journey (#1 #2 #3 #5: three C1 interactions of four) is not in C1's revenue.
    expect(future.script.CAMPAIGN_REVENUE('C1', '', '', '', future.v)).toBeCloseTo(2750, 9);
    expect(future.script.CAMPAIGN_REVENUE('C1', '', '', '2099-12-31', future.v)).toBeCloseTo(2750 + 5250, 9);
  });

  test('dates as text, and one bound only', () => {
    expect(script.CAMPAIGN_REVENUE('C1', 'U-shaped', '2024-03-02', '2024-03-31', v)).toBeCloseTo(1800, 9);
    expect(script.CAMPAIGN_REVENUE('C1', 'U-shaped', '', '2024-03-09', v)).toBeCloseTo(900, 9);
    expect(script.CAMPAIGN_REVENUE('C1', 'U-shaped', '2024-03-02', '', v)).toBeCloseTo(1800, 9);
    // en_IE reads day first: 10/03/2024 is 10 March.
    expect(script.CAMPAIGN_REVENUE('C1', 'U-shaped', '10/03/2024', '10/03/2024', v)).toBeCloseTo(1800, 9);
  });

  test('a range of campaigns gives one figure per cell, blank cells stay blank', () => {
    const column = plain(script.CAMPAIGN_REVENUE([['C1'], ['C2'], [''], ['(no campaign)']], 'U-shaped', '', '', v)) as unknown[][];
    expect(column.map((row) => row.length)).toEqual([1, 1, 1, 1]);
    expect(column[2][0]).toBe('');
    [2700, 100, null, 1200].forEach((expected, r) => expected !== null && expect(column[r][0]).toBeCloseTo(expected, 9));
  });

  test('CAMPAIGN_METRIC: overview, revenue and attribution figures by name', () => {
    const metric = (campaign: string, name: string, touch = '', model = '') => script.CAMPAIGN_METRIC(campaign, name, '', '', touch, model, v);
    // Sessions S1 and S3; both contacts first (and last) touched C1 before their creation.
    expect([metric('C1', 'sessions'), metric('C1', 'new_contacts'), metric('C1', 'new_contacts', 'last'), metric('C1', 'influenced_contacts')])
      .toEqual([2, 2, 2, 2]);
    expect([metric('C2', 'sessions'), metric('C2', 'influenced_contacts'), metric('(no campaign)', 'sessions')]).toEqual([0, 1, 1]);
    expect([metric('C1', 'deals_with_revenue', '', 'U-shaped'), metric('C1', 'associated_deal_value', '', 'U-shaped'), metric('C1', 'contacts_with_revenue')])
      .toEqual([2, 4000, 2]);
    expect(metric('C1', 'revenue', '', 'U-vormig')).toBeCloseTo(2700, 9);
    expect(metric('C1', 'influenced_revenue')).toBe(4000);
    // Linear contact creation: Ann's #1 #2 #3 all C1; Bob's #6 (none) #7 #8 (C1). Deal creation: D1 #1 #2 #3 (C1) #5 (C2); D2, D3 #6 #7 #8.
    expect(metric('C1', 'contact_create')).toBeCloseTo(1 + 2 / 3, 12);
    expect(metric('C1', 'deal_create')).toBeCloseTo(0.75 + 2 / 3 + 2 / 3, 12);
    expect(metric('C2', 'deal_create')).toBeCloseTo(0.25, 12);
    // Its report label works as well as its name.
    expect(metric('C1', 'Deals with revenue', '', 'U-shaped')).toBe(2);
  });

  test('CAMPAIGN_METRIC: goals are settings (empty when not set); workbook totals need no campaign', () => {
    const metric = (campaign: string, name: string, start = '', end = '') => script.CAMPAIGN_METRIC(campaign, name, start, end, '', '', v);
    expect([metric('C1', 'goal_sessions'), metric('C1', 'goal_revenue'), metric('C2', 'goal_revenue')]).toEqual([4, 5000, '']);
    expect(['closed_won_revenue', 'unattributed_revenue', 'contacts_created', 'deals_created'].map((m) => metric('', m))).toEqual([4000, 0, 2, 3]);
    expect(['closed_won_revenue', 'contacts_created', 'deals_created'].map((m) => metric('', m, '2024-02-01', '2024-02-29'))).toEqual([0, 2, 1]);
  });

  test('ATTRIBUTION_TABLE spills a header row and one row per campaign, then "(no campaign)"', () => {
    // U-shaped contact creation: Ann's path all C1 (1); Bob's FIRST #6 0.4 (none), LAST #8 0.4 and #7 0.2 (C1).
    // Deal creation: D1 FIRST #1 0.4, LEAD #3 0.4, #2 and #5 0.1 (C1 0.9, C2 0.1); D2 and D3 each none 0.4, C1 0.6.
    const table = plain(script.ATTRIBUTION_TABLE('U-shaped', '', '', v)) as Array<Array<string | number>>;
    expect(table[0]).toEqual([
      'Campaign ID', 'Campaign', 'Revenue', 'Deals with revenue', 'Associated deal value', 'Contacts with revenue',
      'Contact creation credit', 'Deal creation credit',
    ]);
    const expected = [
      ['C1', 'Spring launch', 2700, 2, 4000, 2, 1.6, 2.1],
      ['C2', 'Nurture', 100, 1, 1000, 1, 0, 0.1],
      ['(no campaign)', '(no campaign)', 1200, 1, 3000, 1, 0.4, 0.8],
    ];
    expect(table.length).toBe(4);
    table.slice(1).forEach((row, r) => {
      expect(row.slice(0, 2)).toEqual(expected[r].slice(0, 2));
      row.slice(2).forEach((value, c) => expect(value).toBeCloseTo(expected[r][c + 2] as number, 9));
    });
  });

  test('ATTRIBUTION_TABLE under a model that does not apply to contact creation leaves that column empty', () => {
    const table = plain(script.ATTRIBUTION_TABLE('W-shaped', '2024-03-01', '2024-03-09', v)) as Array<Array<string | number>>;
    expect(table.slice(1).map((row) => row[6])).toEqual(['', '', '']);
    // March 1-9 holds D1 only: its 1000 is the associated deal value of C1 and of C2, both credited.
    expect(table.slice(1).map((row) => row[4])).toEqual([1000, 1000, 0]);
  });
});

describe('a utm value two campaigns share', () => {
  test('names the campaign the report gives its visits: the first in sheet order, current and former values alike', () => {
    // A (utm alpha, former spring) on row 2, B (utm spring) on row 3 (attribution-models.md §7): the visit
    // tagged spring is A's, so A has the whole $100 of D1, B nothing.
    const sheets = {
      Campaigns: [
        ['campaign_id', 'name', 'utm_campaign', 'former_utm_campaigns', 'created_at'],
        ['A', 'Alpha', 'alpha', 'spring', new Date('2024-01-01T12:00:00Z')],
        ['B', 'Beta', 'spring', '', new Date('2024-01-01T12:00:00Z')],
      ],
      Assets: [['asset_id', 'campaign_id', 'type']],
      Visits: [['timestamp', 'visitor_id', 'contact_id', 'interaction_type', 'utm_campaign'], [new Date('2024-02-01T12:00:00Z'), 'v1', 'ann', 'page_view', 'spring']],
      Deals: [['deal_id', 'name', 'amount', 'stage', 'created_at', 'closed_at', 'contact_ids'],
        ['D1', 'D1', 100, 'won', new Date('2024-02-05T12:00:00Z'), new Date('2024-02-10T12:00:00Z'), 'ann']],
    };
    const { script } = formulaBench({ sheets });
    expect(['spring', 'alpha', 'A', 'B'].map((campaign) => script.CAMPAIGN_REVENUE(campaign))).toEqual([100, 100, 100, 0]);
  });
});

const CAMPAIGNS = 'Spring launch, Nurture, (no campaign)';
/** Every model, in the registry's order: all eleven apply to revenue. */
const ALL_MODELS = 'First interaction, Last interaction, Linear, U-shaped, W-shaped, Full path, Time decay, J-shaped, Inverse J, Markov chain, Shapley value';
const ALL_MODELS_NL = 'Eerste interactie, Laatste interactie, Lineair, U-vormig, W-vormig, Volledig pad, Tijdsverval, J-vormig, Omgekeerde J, Markovketen, Shapley-waarde';

describe('a bad argument is an error on the cell that says what is allowed, never a number', () => {
  let script: ReturnType<typeof afterReport>['script'];
  let v: string;
  beforeAll(() => ({ script, v } = afterReport()));

  test.each([
    ['an unknown campaign', () => script.CAMPAIGN_REVENUE('C9', '', '', '', v), `"C9" is not a campaign. Campaigns: ${CAMPAIGNS}.`],
    ['no campaign', () => script.CAMPAIGN_INFLUENCED_REVENUE('', '', '', v), `Name a campaign: its id, name or utm_campaign value. Campaigns: ${CAMPAIGNS}.`],
    ['an unknown model', () => script.CAMPAIGN_METRIC('C1', 'contact_create', '', '', '', 'Z-shaped', v),
      `"Z-shaped" is not an attribution model. Models: ${ALL_MODELS}.`],
    ['an unknown model for revenue: all eleven models, none cut', () => script.CAMPAIGN_REVENUE('C1', 'Z-shaped', '', '', v),
      `"Z-shaped" is not an attribution model. Models: ${ALL_MODELS}.`],
    ['an unknown model for a figure that does not depend on the model', () => script.CAMPAIGN_METRIC('C1', 'sessions', '', '', '', 'nonsense', v),
      `"nonsense" is not an attribution model. Models: ${ALL_MODELS}.`],
    ['an unknown model for a goal', () => script.CAMPAIGN_METRIC('C1', 'goal_revenue', '', '', '', 'nonsense', v),
      `"nonsense" is not an attribution model. Models: ${ALL_MODELS}.`],
    ['an unknown model for a workbook total', () => script.CAMPAIGN_METRIC('', 'closed_won_revenue', '', '', '', 'nonsense', v),
      `"nonsense" is not an attribution model. Models: ${ALL_MODELS}.`],
    ['an unknown model in ATTRIBUTION_TABLE', () => script.ATTRIBUTION_TABLE('nonsense', '', '', v),
      `"nonsense" is not an attribution model. Models: ${ALL_MODELS}.`],
    ['an unknown campaign for a workbook total', () => script.CAMPAIGN_METRIC('C9', 'closed_won_revenue', '', '', '', '', v),
      `"C9" is not a campaign. Campaigns: ${CAMPAIGNS}.`],
    // A date cell where the campaign belongs: named as the problems name a date, not in JavaScript's long words.
    ['a date cell as the campaign', () => script.CAMPAIGN_REVENUE(new Date('2023-12-31T23:00:00Z'), '', '', '', v),
      `"2024-01-01" is not a campaign. Campaigns: ${CAMPAIGNS}.`],
    ['an unknown metric', () => script.CAMPAIGN_METRIC('C1', 'profit', '', '', '', '', v),
      '"profit" is not a metric; allowed: sessions, new_contacts, influenced_contacts, influenced_revenue, revenue, deals_with_revenue, '
      + 'associated_deal_value, contacts_with_revenue, contact_create, deal_create, goal_sessions, goal_new_contacts, goal_influenced_contacts, '
      + 'goal_revenue, closed_won_revenue, unattributed_revenue, contacts_created, deals_created.'],
    ['an unknown touch', () => script.CAMPAIGN_METRIC('C1', 'new_contacts', '', '', 'middle', '', v), '"middle" is not a touch. Allowed: first, last.'],
    ['text that is no date', () => script.CAMPAIGN_REVENUE('C1', '', 'next week', '', v),
      'The start date "next week" is not a date. Use a date cell, DATE(2024, 3, 31) or text such as 2024-03-31.'],
    ['an end before the start', () => script.CAMPAIGN_REVENUE('C1', '', '2024-03-31', '2024-03-01', v), 'The range is empty: start 2024-03-31 is after end 2024-03-01.'],
    ['a range where one value belongs', () => script.CAMPAIGN_REVENUE('C1', [['Linear', 'U-shaped']], '', '', v), 'The argument model takes one value, not a range.'],
    ['a last argument that is not the data version cell', () => script.CAMPAIGN_REVENUE('C1', '', '', '', 42),
      'The last argument must be the add-on\'s data version cell, CAMPAIGN_DATA_VERSION, not "42". Run the report once to create it.'],
  ])('%s', (_case, call, message) => {
    expect(call).toThrow(message);
  });

  test('a name two campaigns share (used again a year later) names neither: the error gives their ids, the ids work', () => {
    const sheets = reportWorkbookSheets();
    sheets.Campaigns[2][1] = 'Spring launch';
    const twice = afterReport({ sheets });
    const message = '"Spring launch" names several campaigns (C1, C2): give the campaign\'s id instead.';
    expect(() => twice.script.CAMPAIGN_REVENUE('Spring launch', '', '', '', twice.v)).toThrow(message);
    expect(() => twice.script.TRACKING_URL('https://ex.com/x', 'Spring launch', 'newsletter', 'email')).toThrow(message);
    expect(twice.script.CAMPAIGN_REVENUE('C1', '', '', '', twice.v)).toBeCloseTo(2750, 9);
  });

  test('a day that could be day-first or month-first, in a locale that does not say which, is said to be unclear, not wrong', () => {
    const swedish = afterReport({ locale: 'sv_SE' });
    expect(() => swedish.script.CAMPAIGN_REVENUE('C1', '', '03/02/2024', '', swedish.v)).toThrow(
      'The start date "03/02/2024" could be day-first or month-first, and the spreadsheet\'s locale does not say which. '
      + 'Use a date cell, DATE(2024, 3, 31) or text such as 2024-03-31.',
    );
    // From 2 March only D2 (closed 03-10) counts: its 3000 over #6 (none), #7 and #8 (C1), 1000 each.
    expect(swedish.script.CAMPAIGN_REVENUE('C1', '', '2024-03-02', '', swedish.v)).toBeCloseTo(2000, 9);
  });

  test('in a Dutch spreadsheet the message is Dutch and lists Dutch names; dates read day first', () => {
    const dutch = afterReport({ locale: 'nl_NL' });
    expect(() => dutch.script.CAMPAIGN_REVENUE('C9', '', '', '', dutch.v)).toThrow('"C9" is geen campagne. Campagnes: Spring launch, Nurture, (geen campagne).');
    // The name the message lists works as an argument, as "(no campaign)" does.
    expect(dutch.script.CAMPAIGN_REVENUE('(geen campagne)', 'U-vormig', '', '', dutch.v)).toBeCloseTo(1200, 9);
    expect(() => dutch.script.CAMPAIGN_METRIC('C1', 'contact_create', '', '', '', 'Z', dutch.v)).toThrow(`"Z" is geen attributiemodel. Modellen: ${ALL_MODELS_NL}.`);
    expect(dutch.script.CAMPAIGN_REVENUE('C1', 'U-vormig', '2-3-2024', '31-3-2024', dutch.v)).toBeCloseTo(1800, 9);
    expect(() => dutch.script.CAMPAIGN_REVENUE('C1', 'Z', '', '', dutch.v)).toThrow(`"Z" is geen attributiemodel. Modellen: ${ALL_MODELS_NL}.`);
    expect(() => dutch.script.CAMPAIGN_METRIC('C1', 'sessions', '', '', '', 'onzin', dutch.v)).toThrow(`"onzin" is geen attributiemodel. Modellen: ${ALL_MODELS_NL}.`);
  });

  test('a known model is taken, and changes nothing, for a figure that does not depend on it', () => {
    // C1: sessions S1 and S3; influenced revenue D1 and D2 (4000); goal_revenue 5000; closed-won revenue 4000.
    for (const model of ['', 'Shapley value', 'markov', 'W-vormig', 'Full path']) {
      expect(script.CAMPAIGN_METRIC('C1', 'sessions', '', '', '', model, v)).toBe(2);
      expect(script.CAMPAIGN_METRIC('C1', 'influenced_revenue', '', '', '', model, v)).toBe(4000);
      expect(script.CAMPAIGN_METRIC('C1', 'goal_revenue', '', '', '', model, v)).toBe(5000);
      expect(script.CAMPAIGN_METRIC('', 'closed_won_revenue', '', '', '', model, v)).toBe(4000);
    }
  });

  test('a model that is not for the figure gives an empty cell, as the report does (§3), not an error', () => {
    // W-shaped and Full path are not for contact creation; the data-driven models credit revenue only.
    expect(script.CAMPAIGN_METRIC('C1', 'contact_create', '', '', '', 'W-shaped', v)).toBe('');
    expect(script.CAMPAIGN_METRIC('C1', 'contact_create', '', '', '', 'Full path', v)).toBe('');
    expect(script.CAMPAIGN_METRIC('C1', 'deal_create', '', '', '', 'Shapley value', v)).toBe('');
    expect(plain(script.CAMPAIGN_METRIC([['C1'], ['C2']], 'deal_create', '', '', '', 'markov', v))).toEqual([[''], ['']]);
  });

  test('a long list of campaigns is cut after ten; English and Dutch', () => {
    // 60 campaigns and "(no campaign)": ten named, 51 more.
    const first10 = Array.from({ length: 10 }, (_, c) => `Campaign ${c}`).join(', ');
    const english = formulaBench({ sheets: manyCampaignsSheets() });
    expect(() => english.script.CAMPAIGN_REVENUE('nope')).toThrow(`"nope" is not a campaign. Campaigns: ${first10} and 51 more.`);
    const dutch = formulaBench({ sheets: manyCampaignsSheets(), locale: 'nl_NL' });
    expect(() => dutch.script.CAMPAIGN_REVENUE('nope')).toThrow(`"nope" is geen campagne. Campagnes: ${first10} en nog 51.`);
  });
});

/** Visits becomes 400,000 rows of 11 columns: with the other sheets, over the 400,000 cells a formula rebuilds from. */
function growVisits(services: ReturnType<typeof afterReport>['services'], claimedExtent: Record<string, [number, number]>) {
  services.spreadsheet.sheet('Visits').maxRows = 400_000;
  claimedExtent.Visits = [400_000, 11];
}

describe('the cache: formulas answer without reading the sheets', () => {
  test('with the version cell as argument, nothing is read but the cache', () => {
    const { script, services, sheetReads, v } = afterReport();
    expect(script.CAMPAIGN_REVENUE('C1', 'U-shaped', '', '', v)).toBeCloseTo(2700, 9);
    expect(sheetReads()).toEqual([]);
    expect(services.calls.filter((call) => call.startsWith('Cache.'))).toEqual(['Cache.get', 'Cache.getAll']);
  });

  test('without it, the one read is the version cell', () => {
    const { script, sheetReads } = afterReport();
    expect(script.CAMPAIGN_REVENUE('C1', 'U-shaped')).toBeCloseTo(2700, 9);
    expect(sheetReads()).toEqual(['Spreadsheet.getRangeByName', 'Range(Campaign data version).getValues']);
  });

  test('500 formula cells after the cache was emptied (it keeps nothing over 6 hours): the first reads the facts kept on the version sheet, the rest read nothing', () => {
    const { script, services, sheetReads, v } = afterReport();
    services.cache.evictAll();
    const answers = Array.from({ length: 500 }, (_, i) => script.CAMPAIGN_REVENUE(i % 2 ? 'C1' : 'C2', 'U-shaped', '', '', v) as number);
    expect(sheetReads()).toEqual(['Spreadsheet.getRangeByName', 'Range(Campaign data version).getValues']);
    expect(answers.filter((a, i) => Math.abs(a - (i % 2 ? 2700 : 100)) > 1e-9)).toEqual([]);
  });

  test('the next morning on a workbook over the 400,000 cells a formula may rebuild from: the figure, from one range of the version sheet', () => {
    const claimedExtent: Record<string, [number, number]> = {};
    const { script, services, sheetReads, dataReads, v } = afterReport({ claimedExtent });
    // Visits grows to 400,000 rows of 11 columns after the report run (with the same version, so no trigger).
    growVisits(services, claimedExtent);
    services.cache.evictAll();
    expect(script.CAMPAIGN_REVENUE('C1', 'U-shaped', '', '', v)).toBeCloseTo(2700, 9);
    expect(sheetReads()).toEqual(['Spreadsheet.getRangeByName', 'Range(Campaign data version).getValues']);
    expect(dataReads()).toEqual([]);
    // The facts went back into the cache: the next cell reads the cache alone.
    services.calls.length = 0;
    expect(script.CAMPAIGN_REVENUE('C2', 'U-shaped', '', '', v)).toBeCloseTo(100, 9);
    expect(sheetReads()).toEqual([]);
    expect(services.calls.filter((call) => call.startsWith('Cache.'))).toEqual(['Cache.get', 'Cache.getAll']);
  });

  test('a copy of another version is never used: the figure is rebuilt from the data, or the formula says to refresh', () => {
    const claimedExtent: Record<string, [number, number]> = {};
    const { script, services, version, dataReads, v } = afterReport({ claimedExtent });
    const sheet = services.spreadsheet.sheet('Campaign data version');
    const copyOfV = sheet.read('values', 1, 3, sheet.maxRows, 1);
    // D2 (Deals row 3) doubles: C1's U-shaped share becomes 900 + 0.6 × 6000 = 4500 under the new version.
    services.spreadsheet.sheet('Deals').layers.values[2][2] = 6000;
    script.onSpreadsheetChange({ changeType: 'EDIT' });
    const v2 = version()!;
    expect(v2).not.toBe(v);
    // The copy of v2 did not get written (the old one is there), and the cache has emptied.
    sheet.write('values', 1, 3, copyOfV);
    services.cache.evictAll();
    services.calls.length = 0;
    // 500 cells: the first rebuilds the facts of v2 (one read per data sheet), the rest find them in the cache.
    const answers = Array.from({ length: 500 }, () => script.CAMPAIGN_REVENUE('C1', 'U-shaped', '', '', v2) as number);
    expect(answers.filter((a) => Math.abs(a - 4500) > 1e-9)).toEqual([]);
    expect(dataReads()).toEqual(['Range(Campaigns).getValues', 'Range(Assets).getValues', 'Range(Visits).getValues', 'Range(Deals).getValues', 'Range(Spend).getValues']);
    services.cache.evictAll();
    growVisits(services, claimedExtent);
    expect(() => script.CAMPAIGN_REVENUE('C1', 'U-shaped', '', '', v2)).toThrow(/too big to prepare inside a formula \(up to 400,000\)/);
  });

  test('a piece evicted on its own is read from the version sheet; facts of another add-on version are rebuilt', () => {
    const { script, services, dataReads, sheetReads, v } = afterReport();
    services.cache.evict((key) => key === `${v}|0`);
    expect(script.CAMPAIGN_REVENUE('C1', 'U-shaped', '', '', v)).toBeCloseTo(2700, 9);
    expect(sheetReads()).toEqual(['Spreadsheet.getRangeByName', 'Range(Campaign data version).getValues']);
    services.calls.length = 0;
    const older = v.replace(/\|[^|]*$/, '|0.0.1+f1');
    expect(script.CAMPAIGN_REVENUE('C1', 'U-shaped', '', '', older)).toBeCloseTo(2700, 9);
    expect(dataReads()).toHaveLength(5);
  });

  test('a workbook too big to rebuild inside a formula says to refresh, and reads nothing', () => {
    // Visits claims 400,000 rows of 11 columns; the other sheets hold 27 + 70 + 28 + 12 cells.
    const { script, dataReads } = formulaBench({ claimedExtent: { Visits: [400_000, 11] } });
    expect(() => script.CAMPAIGN_REVENUE('C1', 'U-shaped')).toThrow(
      'The campaign data is not ready for formulas, and this workbook (4,400,137 cells) is too big to prepare inside a formula (up to 400,000). '
      + 'Use Extensions > Campaign analytics > Refresh report (or Run report); the formulas then update.',
    );
    expect(dataReads()).toEqual([]);
  });

  test('a formula only reads, whether it reads the version sheet or rebuilds the facts: no sheet, property or named range is written', () => {
    const { script, services, dataReads, v } = afterReport();
    const writes = () => services.calls.filter((call) => /\.(set\w+|insert\w+|delete\w+|hideSheet|activate|protect|addDeveloperMetadata)$/.test(call));
    services.cache.evictAll();
    const before = services.spreadsheet.sheets.map((sheet) => sheet.snapshot());
    script.CAMPAIGN_REVENUE('C1', 'U-shaped', '', '', v);
    expect(dataReads()).toEqual([]);
    // Without the copy (the version sheet's third column emptied), the same formula rebuilds.
    services.cache.evictAll();
    const sheet = services.spreadsheet.sheet('Campaign data version');
    sheet.write('values', 1, 3, sheet.read('values', 1, 3, sheet.maxRows, 1).map(() => ['']));
    const emptied = services.spreadsheet.sheets.map((s) => s.snapshot());
    script.ATTRIBUTION_TABLE('', '', '', v);
    expect(dataReads()).toHaveLength(5);
    expect(writes()).toEqual([]);
    expect(services.spreadsheet.sheets.map((s) => s.snapshot())).toEqual(emptied);
    expect(before).not.toEqual(emptied);
  });

  test('before any report run, a small workbook is analysed inside the formula', () => {
    const { script, services, dataReads, version } = formulaBench();
    expect(script.CAMPAIGN_REVENUE('C1', 'U-shaped')).toBeCloseTo(2700, 9);
    expect(dataReads()).toHaveLength(5);
    // Each data sheet is looked up and measured once (its size decides whether a formula may rebuild at all):
    // the seven data sheet names looked up, the five there measured.
    expect(services.calls.filter((call) => call.endsWith('.getSheetByName'))).toHaveLength(7);
    expect(services.calls.filter((call) => call.endsWith('.getDataRange'))).toEqual(DATA_SHEETS.map((name) => `Sheet(${name}).getDataRange`));
    expect(version()).toBeUndefined();
  });
});

describe('never silently stale: the data version follows the data', () => {
  const editDeal = (services: ReturnType<typeof afterReport>['services'], row: number, amount: number) => {
    services.spreadsheet.sheet('Deals').layers.values[row - 1][2] = amount;
  };

  test('editing Deals changes the version cell (the change trigger), and with it what CAMPAIGN_REVENUE returns', () => {
    const { script, services, version, sheetReads, v } = afterReport();
    expect(script.CAMPAIGN_REVENUE('C1', 'U-shaped', '', '', v)).toBeCloseTo(2700, 9);
    // D2 (Deals row 3) doubles: C1's U-shaped share of it (#7 0.2 + #8 0.4) becomes 0.6 × 6000 = 3600.
    editDeal(services, 3, 6000);
    script.onSpreadsheetChange({ changeType: 'EDIT' });
    const v2 = version()!;
    expect(v2).not.toBe(v);
    services.calls.length = 0;
    expect(script.CAMPAIGN_REVENUE('C1', 'U-shaped', '', '', v2)).toBeCloseTo(900 + 3600, 9);
    // The trigger cached the new facts before writing the version: the recalculation reads no sheet.
    expect(sheetReads()).toEqual([]);
    // It kept them on the version sheet too: once the cache has emptied, one range is read, no data sheet.
    services.cache.evictAll();
    expect(script.CAMPAIGN_REVENUE('C1', 'U-shaped', '', '', v2)).toBeCloseTo(4500, 9);
    expect(sheetReads()).toEqual(['Spreadsheet.getRangeByName', 'Range(Campaign data version).getValues']);
  });

  test('a change that leaves the data as it was writes nothing, and puts the facts kept on the sheet back in the cache', () => {
    const { script, services, version, v } = afterReport();
    services.cache.evictAll();
    services.calls.length = 0;
    script.onSpreadsheetChange({ changeType: 'EDIT' });
    expect(version()).toBe(v);
    expect(services.calls.filter((call) => /^(Range|Sheet)\(Campaign data version\)\.(set|insert)/.test(call))).toEqual([]);
    services.calls.length = 0;
    expect(script.CAMPAIGN_REVENUE('C1', 'U-shaped', '', '', v)).toBeCloseTo(2700, 9);
    expect(services.calls.filter((call) => call.endsWith('.getValues'))).toEqual([]);
  });

  test('a change made while a formula holds the lock to build the facts is published once the formula lets go', () => {
    // Another execution holds the document lock until `until`; tryLock(ms) gets it when it may wait that long.
    const held = { until: 0, waits: [] as number[] };
    const lockService = {
      getDocumentLock: () => ({
        tryLock: (ms: number) => {
          held.waits.push(ms);
          return Date.now() + ms >= held.until;
        },
        releaseLock: () => undefined,
      }),
    } as unknown as LockServicePort;
    const { script, services, version, v } = afterReport({ lockService });
    // A formula given the version of an earlier add-on build rebuilds the facts: it takes the lock and says
    // until when it may hold it (its 30 seconds).
    const older = v.replace(/\|[^|]*$/, '|0.0.1+f1');
    expect(script.CAMPAIGN_REVENUE('C1', 'U-shaped', '', '', older)).toBeCloseTo(2700, 9);
    // Still building for another 20 seconds when D2 doubles: the trigger's short wait fails, it waits the formula out.
    held.until = Date.now() + 20_000;
    held.waits.length = 0;
    services.spreadsheet.sheet('Deals').layers.values[2][2] = 6000;
    script.onSpreadsheetChange({ changeType: 'EDIT' });
    const v2 = version()!;
    expect(v2).not.toBe(v);
    expect(script.CAMPAIGN_REVENUE('C1', 'U-shaped', '', '', v2)).toBeCloseTo(4500, 9);
    expect(held.waits[0]).toBe(1000);
    expect(held.waits[1]).toBeGreaterThanOrEqual(20_000);
    expect(held.waits[1]).toBeLessThanOrEqual(30_000);
    // A report run or another trigger holds it (no formula said so in the last 30 seconds): the trigger leaves
    // its change after the short wait, for the holder to publish when it lets go.
    services.cache.evict((key) => key === 'campaign-data|formula-lock');
    held.until = Date.now() + 120_000;
    held.waits.length = 0;
    services.spreadsheet.sheet('Deals').layers.values[2][2] = 3000;
    script.onSpreadsheetChange({ changeType: 'EDIT' });
    expect(held.waits).toEqual([1000]);
    expect(version()).toBe(v2);
    expect(services.cache.entries.get('campaign-data|changed')).toBe('1');
  });

  test('a campaign renamed or an asset linked from the sidebar changes the version too: a script\'s own writes fire no trigger', () => {
    const { script, version, v } = afterReport();
    const confirm = (change: Record<string, string>) => {
      const asked = plain(script.changeCampaign(change, false)) as { sheet: string; row: number; cells: unknown[] };
      expect(plain(script.changeCampaign(change, true, { sheet: asked.sheet, row: asked.row, cells: asked.cells }))).toMatchObject({ status: 'done' });
    };
    confirm({ kind: 'rename_campaign', campaignId: 'C1', name: 'Spring 2024' });
    const renamed = version()!;
    expect(renamed).not.toBe(v);
    // The new name is a campaign now; C1's figures are as before (2750, the even split).
    expect(script.CAMPAIGN_REVENUE('Spring 2024', '', '', '', renamed)).toBeCloseTo(2750, 9);
    // LP1 moves to C2 from now on: nothing before now counts for C2 (nothing retroactive), so the figures
    // stay, but the data did change, and the version with it.
    confirm({ kind: 'link_asset', campaignId: 'C2', assetId: 'LP1', type: '', name: '', url: '' });
    expect(version()).not.toBe(renamed);
  });

  test('Refresh report also rebuilds the cache and writes the new version', () => {
    const { script, services, version, sheetReads, v } = afterReport();
    editDeal(services, 2, 2000);
    expect(plain(script.refreshReport())).toMatchObject({ done: true });
    const v2 = version()!;
    expect(v2).not.toBe(v);
    services.calls.length = 0;
    // D1 doubles: C1's 900 becomes 1800; D2 still gives 1800.
    expect(script.CAMPAIGN_REVENUE('C1', 'U-shaped', '', '', v2)).toBeCloseTo(3600, 9);
    expect(sheetReads()).toEqual([]);
  });

  test('the version is derived from the data: no change, no new version, no recalculation', () => {
    const { script, version, v } = afterReport();
    script.onSpreadsheetChange({ changeType: 'EDIT' });
    expect(version()).toBe(v);
    expect(plain(script.runReport())).toMatchObject({ done: true });
    expect(version()).toBe(v);
  });

  test('a formatting change reads only the sheets holding amounts, and publishes nothing when no currency changed', () => {
    const after = afterReport();
    after.services.spreadsheet.sheet('Visits').write('numberFormats', 2, 1, [['dd/mm/yyyy']]);
    after.services.calls.length = 0;
    after.script.onSpreadsheetChange({ changeType: 'FORMAT' });
    // The Visits sheet's header row (it has no time-of-day column), then the sheets holding amounts.
    expect(after.dataReads()).toEqual(['Range(Visits).getValues', 'Range(Campaigns).getValues', 'Range(Deals).getValues', 'Range(Spend).getValues']);
    expect(after.version()).toBe(after.v);
    expect(after.services.calls.filter((call) => /\.(setValue|setValues|put|putAll)$/.test(call))).toEqual([]);
  });

  test('with a Time column beside the date, a formatting change is read as a data change: times are read as shown', () => {
    const sheets = reportWorkbookSheets();
    // The timestamps become a date and a time column; the time cells are text, as typed.
    sheets.Visits = sheets.Visits.map((row, i) => {
      if (i === 0) return ['Date', 'Time', ...row.slice(1)];
      const iso = (row[0] as Date).toISOString();
      return [iso.slice(0, 10), iso.slice(11, 16), ...row.slice(1)];
    });
    const { script, services, version, v, dataReads } = afterReport({ sheets });
    // Read in the spreadsheet's zone, the times are an hour off the timestamps: no figure here moves by it.
    expect(script.CAMPAIGN_REVENUE('C1', 'linear', '', '', v)).toBeCloseTo(2750, 9);
    services.calls.length = 0;
    script.onSpreadsheetChange({ changeType: 'FORMAT' });
    expect(dataReads()).toEqual([
      'Range(Visits).getValues', 'Range(Campaigns).getValues', 'Range(Assets).getValues', 'Range(Visits).getValues', 'Range(Deals).getValues',
      'Range(Spend).getValues',
    ]);
    expect(version()).toBe(v);
  });

  test('a deal amount formatted in another currency is a data change: the formulas leave the deal out', () => {
    const { script, services, version, v } = afterReport();
    // Linear: D1's 1000 over #1 #2 #3 (C1) and #5 (C2), 250 each; D2's 3000 over #6 (none), #7 #8 (C1), 1000
    // each. C1 = 750 + 2000 = 2750. D2 in dollars in a euro workbook is left out: C1 = 750, closed-won 1000.
    expect(script.CAMPAIGN_REVENUE('C1', 'linear', '', '', v)).toBeCloseTo(2750, 9);
    services.spreadsheet.sheet('Deals').write('numberFormats', 3, 3, [['[$$]#,##0.00']]);
    script.onSpreadsheetChange({ changeType: 'FORMAT' });
    const v2 = version()!;
    expect(v2).not.toBe(v);
    expect(script.CAMPAIGN_REVENUE('C1', 'linear', '', '', v2)).toBeCloseTo(750, 9);
    expect(script.CAMPAIGN_METRIC('', 'closed_won_revenue', '', '', '', '', v2)).toBe(1000);
  });

  test('in a locale that names no country (es_419) the currency most deals name is the workbook\'s: a deal in another is left out', () => {
    const sheets = reportWorkbookSheets();
    // D1 and D3 in euros, D2 in dollars: EUR, and D2 is left out, as it would be under a euro locale.
    sheets.Deals = sheets.Deals.map((row, i) => [...row.slice(0, 3), ['currency', 'EUR', 'USD', 'EUR'][i], ...row.slice(3)]);
    const bench = formulaBench({ sheets, locale: 'es_419' });
    const run = plain(bench.script.runReport()) as { done: boolean; message: string };
    expect(run.done).toBe(true);
    expect(run.message).toContain('Warnings about the data: 1.');
    const v = bench.version()!;
    expect(bench.script.CAMPAIGN_METRIC('', 'closed_won_revenue', '', '', '', '', v)).toBe(1000);
    // Linear: D1's 1000 over #1 #2 #3 (C1) and #5 (C2), 250 each; D2 is in no sum.
    expect(bench.script.CAMPAIGN_REVENUE('C1', 'linear', '', '', v)).toBeCloseTo(750, 9);
    // The report's money is written in that currency.
    const revenue = bench.services.spreadsheet.sheet('Revenue (even split)');
    expect(revenue.read('numberFormats', 5, 2, 1, 1)[0][0]).toContain('EUR');
  });

  test('reading another tab (the sidebar\'s mapping step) is a data change: the formulas follow the tab', () => {
    const sheets = reportWorkbookSheets();
    // A copy of Deals in which D2 won 6000: closed-won revenue 1000 + 6000.
    const deals2024 = sheets.Deals.map((row, i) => (i === 2 ? [row[0], row[1], 6000, ...row.slice(3)] : row));
    const { script, version, v } = afterReport({ sheets: { ...sheets, 'Deals 2024': deals2024 } });
    expect(script.CAMPAIGN_METRIC('', 'closed_won_revenue', '', '', '', '', v)).toBe(4000);
    script.saveDataSheetMapping({ tabs: { Deals: 'Deals 2024' }, columns: {} });
    const v2 = version()!;
    expect(v2).not.toBe(v);
    expect(script.CAMPAIGN_METRIC('', 'closed_won_revenue', '', '', '', '', v2)).toBe(7000);
  });

  test('before the first report run the trigger does nothing', () => {
    const before = formulaBench();
    before.script.onSpreadsheetChange({ changeType: 'EDIT' });
    expect(before.sheetReads()).toEqual(['Spreadsheet.getRangeByName']);
    expect(before.version()).toBeUndefined();
  });

  test('while no formula answers from the facts, a change reads no data sheet; the version cell is emptied, so a formula written later is not stale', () => {
    const { script, services, version, dataReads } = afterReport({ formulas: false });
    // Sheets calls the trigger of a user whose formulas are gone since it was made (or another user's) as follows.
    // D1 (Deals row 2) doubles: C1's linear share of it (#1 #2 #3 of #1 #2 #3 #5) becomes 3/4 × 2000 = 1500.
    editDeal(services, 2, 2000);
    script.onSpreadsheetChange({ changeType: 'EDIT' });
    expect(dataReads()).toEqual([]);
    expect(version()).toBe('');
    // A second change finds the cell empty already: nothing is written again.
    services.calls.length = 0;
    script.onSpreadsheetChange({ changeType: 'EDIT' });
    expect(services.calls.filter((call) => call.endsWith('.setValues'))).toEqual([]);
    expect(dataReads()).toEqual([]);
    // A formula written now (with the empty version, or without it) answers from the data as it is: 1500 + 2000 of D2.
    expect(script.CAMPAIGN_REVENUE('C1', 'linear', '', '', version())).toBeCloseTo(3500, 9);
    expect(script.CAMPAIGN_REVENUE('C1', 'linear', '', '', '')).toBeCloseTo(3500, 9);
    // Writing it is a change: the trigger now finds a formula that reads the facts and publishes them again.
    services.spreadsheet.sheet('Campaigns').layers.values[0][20] = '=CAMPAIGN_REVENUE(A2, "linear", , , CAMPAIGN_DATA_VERSION)';
    script.onSpreadsheetChange({ changeType: 'EDIT' });
    const published = version()!;
    expect(published).toMatch(/^campaign-data\|/);
    expect(script.CAMPAIGN_REVENUE('C1', 'linear', '', '', published)).toBeCloseTo(3500, 9);
  });

  test('the change trigger is kept while a formula answers from the figures: each takes one of the 20 triggers a user may have', () => {
    const { script, services, triggers, version, v } = afterReport({ formulas: false });
    // No formula: the run makes none.
    expect(triggers).toEqual([]);
    // D1 (Deals row 2) doubles, with no trigger to publish it; then a formula is written. C1's linear share of D1
    // (#1 #2 #3 of #1 #2 #3 #5) is 3/4 × 2000 = 1500, and 2000 of D2.
    editDeal(services, 2, 2000);
    services.spreadsheet.sheet('Campaigns').layers.values[0][20] = '=CAMPAIGN_REVENUE(A2, "linear", , , CAMPAIGN_DATA_VERSION)';
    // The sidebar's Run makes the trigger and publishes the data as it is.
    script.runSidebar({
      campaignId: 'C1', model: 'linear', touch: 'first', range: 'all', from: null, to: null, frequency: 'monthly', channels: 'campaign',
      markovOrder: 1, lookbackDays: null,
    });
    expect(triggers.map((t) => t.handler)).toEqual(['onSpreadsheetChange']);
    expect(version()).not.toBe(v);
    expect(script.CAMPAIGN_REVENUE('C1', 'linear', '', '', version())).toBeCloseTo(3500, 9);
    // From now on the trigger follows each change: D1 back to 1000 gives C1 750 + 2000.
    editDeal(services, 2, 1000);
    script.onSpreadsheetChange({ changeType: 'EDIT' });
    expect(script.CAMPAIGN_REVENUE('C1', 'linear', '', '', version())).toBeCloseTo(2750, 9);
    // The formula gone, the next report run deletes the trigger.
    services.spreadsheet.sheet('Campaigns').layers.values[0][20] = '';
    expect(plain(script.runReport())).toMatchObject({ done: true });
    expect(triggers).toEqual([]);
  });

  test('on a workbook whose reading takes minutes, the Run that makes the trigger starts no second read past a trigger\'s budget', () => {
    const { script, services, triggers, version } = afterReport({ formulas: false });
    // D1 doubles before the formula is written, with no trigger to publish it (C1: 1500 of D1 and 2000 of D2).
    editDeal(services, 2, 2000);
    services.spreadsheet.sheet('Campaigns').layers.values[0][20] = '=CAMPAIGN_REVENUE(A2, "linear", , , CAMPAIGN_DATA_VERSION)';
    // Each data sheet read takes 40 seconds: the Run's own reading of the five takes 200, past the 3 minutes after
    // which no rebuild starts (an execution stops at 6 minutes). The version cell is emptied instead: the formula
    // builds from the data as it is.
    const start = Date.UTC(2024, 3, 21, 5, 0);
    const clock = serviceClock(services.calls, start, { getValues: 40_000 });
    (script as unknown as { Date: DateConstructor }).Date = clock;
    script.runSidebar({
      campaignId: 'C1', model: 'linear', touch: 'first', range: 'all', from: null, to: null, frequency: 'monthly', channels: 'campaign',
      markovOrder: 1, lookbackDays: null,
    });
    expect(triggers.map((t) => t.handler)).toEqual(['onSpreadsheetChange']);
    expect((new clock().getTime() - start) / 1000).toBeLessThan(360);
    expect(version()).toBe('');
    expect(script.CAMPAIGN_REVENUE('C1', 'linear', '', '', version())).toBeCloseTo(3500, 9);
  });

  test('a trigger the sidebar\'s Run cannot make (not granted, or the limit reached): the Run reads the data once, as always', () => {
    const { script, services, triggers, version, v } = afterReport({ formulas: false, refuseTriggers: true });
    services.spreadsheet.sheet('Campaigns').layers.values[0][20] = '=CAMPAIGN_REVENUE(A2, "linear", , , CAMPAIGN_DATA_VERSION)';
    services.calls.length = 0;
    script.runSidebar({
      campaignId: 'C1', model: 'linear', touch: 'first', range: 'all', from: null, to: null, frequency: 'monthly', channels: 'campaign',
      markovOrder: 1, lookbackDays: null,
    });
    expect(triggers).toEqual([]);
    expect(services.calls.filter((call) => call === 'Range(Deals).getValues')).toHaveLength(1);
    // The formulas follow report runs only, as the run that found one says.
    expect(version()).toBe(v);
  });

  test('a report run that cannot search for formulas (Sheets failing) keeps the trigger, and the report and figures stand', () => {
    const { script, triggers, v } = afterReport({ formulas: false, failOn: { method: 'findNext', nth: 1 } });
    expect(triggers.map((t) => t.handler)).toEqual(['onSpreadsheetChange']);
    expect(script.CAMPAIGN_REVENUE('C1', 'U-shaped', '', '', v)).toBeCloseTo(2700, 9);
  });

  test('a formula in any sheet, in any case, keeps the facts current; text that only names a function does not', () => {
    const sheets = { ...reportWorkbookSheets(), Notes: [['Use CAMPAIGN_REVENUE for revenue'], ['=attribution_table("linear")']] };
    const { script, services, version, v } = afterReport({ sheets, formulas: false });
    editDeal(services, 2, 2000);
    script.onSpreadsheetChange({ changeType: 'EDIT' });
    expect(version()).not.toBe(v);
    expect(version()).toMatch(/^campaign-data\|/);
    // Only the note: the cell is emptied.
    services.spreadsheet.sheet('Notes').layers.values[1][0] = 'formula removed';
    script.onSpreadsheetChange({ changeType: 'EDIT' });
    expect(version()).toBe('');
  });

  test('data that cannot be analysed at all gets a version too, and every formula says why', () => {
    const { script, services, version, v } = afterReport();
    services.spreadsheet.sheet('Deals').layers.values[0][2] = 'value in euros';
    script.onSpreadsheetChange({ changeType: 'EDIT' });
    expect(version()).not.toBe(v);
    // The problem's own sentence ends it: one full stop, then where to see them all.
    const blocked = /^The data sheets have a problem that stops every calculation: Deals, row 1, column amount: The required column "amount" is missing[^.]*\. "Open sidebar" lists all problems\.$/;
    expect(() => script.CAMPAIGN_REVENUE('C1', '', '', '', version())).toThrow(blocked);
    // The problem is kept on the version sheet too: once the cache has emptied, still said without reading the data.
    services.cache.evictAll();
    services.calls.length = 0;
    expect(() => script.CAMPAIGN_REVENUE('C1', '', '', '', version())).toThrow(blocked);
    expect(services.calls.filter((call) => call.endsWith('.getValues'))).toEqual(['Range(Campaign data version).getValues']);
  });
});

describe('what the report run sets up', () => {
  test('a hidden sheet holds the version cell, named CAMPAIGN_DATA_VERSION, with a note on what it is for, and the facts beside it', () => {
    const { services, v } = afterReport();
    const sheet = services.spreadsheet.sheet('Campaign data version');
    expect(sheet.hidden).toBe(true);
    // Column C: the version the facts belong to, the head, then the facts (as the cache holds them: this
    // workbook's fit one cache value, so JSON), marked so that Sheets keeps them as text.
    expect(sheet.dataValues()).toEqual([
      [v, expect.stringMatching(/^Written by the Campaign analytics add-on when the data changes\./), v],
      ['', '', '{"pieces":1,"gzip":false}'],
      ['', '', expect.stringMatching(/^~\{"version":\d+,/)],
    ]);
    expect(services.spreadsheet.namedRanges.get('CAMPAIGN_DATA_VERSION')).toMatchObject({ sheet, row: 1, column: 1, numRows: 1, numColumns: 1 });
  });

  test('facts over one cell fill several, each within Sheets\' 50,000 characters; a smaller copy later clears the rest of the column, in one write', () => {
    const sheets = manyCampaignsSheets();
    const { script, services, version } = formulaBench({ sheets });
    expect(plain(script.runReport())).toMatchObject({ done: true });
    const sheet = services.spreadsheet.sheet('Campaign data version');
    const column = () => sheet.read('values', 1, 3, sheet.maxRows, 1).map((row) => row[0] as string | undefined);
    const [kept, head, ...rest] = column();
    const { pieces } = JSON.parse(head!);
    expect([kept, JSON.parse(head!).gzip]).toEqual([version(), true]);
    expect(pieces).toBeGreaterThanOrEqual(2);
    expect(rest.slice(0, pieces).filter((cell) => !cell?.startsWith('~') || cell.length > 50_000)).toEqual([]);
    expect(rest.slice(pieces).filter((cell) => cell !== '' && cell !== undefined)).toEqual([]);
    // Time-decay revenue of every won deal adds up to 119,800, from the copy alone once the cache has emptied.
    services.cache.evictAll();
    const table = plain(script.ATTRIBUTION_TABLE('Time decay', '', '', version())) as Array<Array<string | number>>;
    expect(table.slice(1).reduce((sum, row) => sum + (row[2] as number), 0)).toBeCloseTo(119_800, 6);
    // Deals and visits cut to the first ten deals (100 + … + 109 = 1045): facts of one piece.
    sheets.Visits.splice(41);
    sheets.Deals.splice(11);
    for (const name of ['Visits', 'Deals']) services.spreadsheet.sheet(name).layers.values = sheets[name].map((row) => [...row]);
    services.calls.length = 0;
    expect(plain(script.refreshReport())).toMatchObject({ done: true });
    expect(services.calls.filter((call) => call === 'Range(Campaign data version).setValues')).toHaveLength(2);
    const after = column();
    expect(after[0]).toBe(version());
    expect(JSON.parse(after[1]!)).toEqual({ pieces: 1, gzip: false });
    expect(after.slice(3).filter((cell) => cell !== '')).toEqual([]);
    services.cache.evictAll();
    const small = plain(script.ATTRIBUTION_TABLE('Time decay', '', '', version())) as Array<Array<string | number>>;
    expect(small.slice(1).reduce((sum, row) => sum + (row[2] as number), 0)).toBeCloseTo(1045, 6);
  });

  test('a version sheet with fewer rows than the facts need gets the rows it lacks', () => {
    const { script, services, version, sheetReads } = formulaBench({ sheets: manyCampaignsSheets() });
    expect(plain(script.runReport())).toMatchObject({ done: true });
    const sheet = services.spreadsheet.sheet('Campaign data version');
    const needed = 2 + JSON.parse(sheet.read('values', 2, 3, 1, 1)[0][0] as string).pieces;
    // Someone deleted all rows but the first two.
    sheet.maxRows = 2;
    sheet.layers.values.splice(2);
    expect(plain(script.refreshReport())).toMatchObject({ done: true });
    expect(sheet.maxRows).toBe(needed);
    services.cache.evictAll();
    services.calls.length = 0;
    expect(plain(script.CAMPAIGN_METRIC('', 'closed_won_revenue', '', '', '', '', version()))).toBe(119_800);
    expect(sheetReads()).toEqual(['Spreadsheet.getRangeByName', 'Range(Campaign data version).getValues']);
  });

  test('the hidden sheet never takes the name of a sheet of the user\'s', () => {
    const bench = formulaBench({ sheets: { ...reportWorkbookSheets(), 'Campaign data version': [['my notes']] } });
    bench.script.runReport();
    expect(bench.services.spreadsheet.sheet('Campaign data version').dataValues()).toEqual([['my notes']]);
    expect(bench.services.spreadsheet.sheet('Campaign data version (2)').dataValues()[0][0]).toBe(bench.version());
  });

  test('the version sheet is marked as the add-on\'s own, and each run rewrites its cell', () => {
    const { script, services, version, v } = afterReport();
    const sheet = services.spreadsheet.sheet('Campaign data version');
    expect(services.spreadsheet.sheetsWithMetadata('campaignAnalytics.dataVersionSheet')).toEqual([sheet]);
    expect(sheet.metadata).toEqual([expect.objectContaining({ key: 'campaignAnalytics.dataVersionSheet', value: String(sheet.id) })]);
    services.spreadsheet.sheet('Deals').layers.values[1][2] = 2000;
    expect(plain(script.refreshReport())).toMatchObject({ done: true });
    expect(version()).not.toBe(v);
  });

  test('a version sheet made before the mark (its cell holds a data version) is still the add-on\'s: its cell is written, nothing else', () => {
    const { script, services, version, v } = afterReport();
    const sheet = services.spreadsheet.sheet('Campaign data version');
    sheet.metadata.length = 0;
    services.spreadsheet.sheet('Deals').layers.values[1][2] = 2000;
    expect(plain(script.refreshReport())).toMatchObject({ done: true });
    expect(version()).not.toBe(v);
    // Such a cell may as well be a user's cell showing the version: the sheet is not taken for the add-on's.
    expect(services.spreadsheet.sheetsWithMetadata('campaignAnalytics.dataVersionSheet')).toEqual([]);
  });

  test('the facts copy cannot be written on the first run: the version sheet is already hidden and named, and the next run reuses it', () => {
    // The copy is the first run's last setValues (after the version sheet is made, hidden and named).
    const dry = formulaBench();
    dry.script.runReport();
    const copyWrite = dry.services.calls.filter((call) => call.endsWith('.setValues')).length;
    const { script, services } = formulaBench({ failOn: { method: 'setValues', nth: copyWrite } });
    script.runReport();
    const versionSheets = () => services.spreadsheet.sheets.filter((sheet) => sheet.name.startsWith('Campaign data version'));
    expect(versionSheets().map((sheet) => [sheet.name, sheet.hidden])).toEqual([['Campaign data version', true]]);
    expect(services.spreadsheet.namedRanges.get('CAMPAIGN_DATA_VERSION')?.sheet.name).toBe('Campaign data version');
    expect(plain(script.runReport())).toMatchObject({ done: true });
    expect(versionSheets()).toHaveLength(1);
  });

  test('a user\'s one-cell range named CAMPAIGN_DATA_VERSION that shows the version: only that cell is written, never their column C', () => {
    const { script, services, v } = afterReport({ sheets: { ...reportWorkbookSheets(), Notes: [['', '', 'keep me'], ['', '', 'keep me too']] } });
    const sheet = services.spreadsheet.sheet('Notes');
    // The user re-made the name on a cell of theirs that shows the version (='Campaign data version'!A1, say).
    sheet.layers.values[0][0] = v;
    services.spreadsheet.namedRanges.set('CAMPAIGN_DATA_VERSION', { sheet, row: 1, column: 1, numRows: 1, numColumns: 1 });
    services.spreadsheet.sheet('Deals').layers.values[1][2] = 2000;
    expect(plain(script.refreshReport())).toMatchObject({ done: true });
    expect(sheet.dataValues().map((row) => row[2])).toEqual(['keep me', 'keep me too']);
    expect(services.spreadsheet.sheetsWithMetadata('campaignAnalytics.dataVersionSheet')).not.toContain(sheet);
  });

  test('a change a trigger left to the run (it found the lock taken) is looked at once the run lets go', () => {
    const { script, services, version, v } = afterReport();
    services.cache.entries.set('campaign-data|changed', '1');
    expect(plain(script.runReport())).toMatchObject({ done: true });
    expect(services.cache.entries.has('campaign-data|changed')).toBe(false);
    // The data did not change meanwhile: the same version, its facts already there.
    expect(version()).toBe(v);
  });

  test('so is one left to a dashboard save or other sidebar work under the lock: an edit made meanwhile reaches the formulas', () => {
    const { script, services, version, v } = afterReport();
    // D2 (Deals row 3) doubles while the save holds the lock; the trigger for that edit finds it taken.
    services.spreadsheet.sheet('Deals').layers.values[2][2] = 6000;
    services.cache.entries.set('campaign-data|changed', '1');
    script.saveChartToDashboard({ table: 'overview', dashboard: { name: 'Dashboard' } });
    expect(services.cache.entries.has('campaign-data|changed')).toBe(false);
    const v2 = version()!;
    expect(v2).not.toBe(v);
    // C1's U-shaped share of D2 (#7 0.2 + #8 0.4) becomes 0.6 × 6000 = 3600; D1 still gives 900.
    expect(script.CAMPAIGN_REVENUE('C1', 'U-shaped', '', '', v2)).toBeCloseTo(900 + 3600, 9);
  });

  test('one change trigger per user, calling a function Code.js defines', () => {
    const { script, triggers } = afterReport();
    expect(plain(script.runReport())).toMatchObject({ done: true });
    expect(triggers.map(({ handler, event }) => ({ handler, event }))).toEqual([{ handler: 'onSpreadsheetChange', event: 'change' }]);
    expect(typeof script.onSpreadsheetChange).toBe('function');
  });

  test('a user who declined the trigger scope still gets the report and formulas that follow each refresh, and is told so', () => {
    const { script, triggers, v } = afterReport({ refuseTriggers: true });
    expect(triggers).toEqual([]);
    expect(script.CAMPAIGN_REVENUE('C1', 'U-shaped', '', '', v)).toBeCloseTo(2700, 9);
    expect((plain(script.runReport()) as { message: string }).message).toMatch(/ The custom functions follow your data only when a report runs: the add-on could not set up the trigger /);
    // With the trigger there, the run says nothing of it.
    expect((plain(afterReport().script.runReport()) as { message: string }).message).not.toMatch(/custom functions/);
  });
});

describe('a range of the user\'s called CAMPAIGN_DATA_VERSION', () => {
  const TAKEN = 'The name CAMPAIGN_DATA_VERSION belongs to a range of yours (on the sheet "Notes"), not to the add-on\'s data version cell, '
    + 'so the add-on leaves it alone and formulas cannot follow data changes through it. '
    + 'Rename or remove that named range (Data > Named ranges) and run the report once, or leave out the last argument.';

  /** The workbook with a Notes sheet of the user's, and their own range of that name on it. */
  function userNamed(numRows: number, numColumns: number) {
    const notes = [['budget note', 'x'], ['second line', 'y']];
    const bench = formulaBench({ sheets: { ...reportWorkbookSheets(), Notes: notes } });
    const sheet = bench.services.spreadsheet.sheet('Notes');
    bench.services.spreadsheet.namedRanges.set('CAMPAIGN_DATA_VERSION', { sheet, row: 1, column: 1, numRows, numColumns });
    return { ...bench, notes, sheet };
  }

  test('one cell: never written by a report run or the change trigger; a formula given it says whose the name is', () => {
    const { script, services, sheet, notes } = userNamed(1, 1);
    expect(plain(script.runReport())).toMatchObject({ done: true });
    services.spreadsheet.sheet('Deals').layers.values[1][2] = 2000;
    script.onSpreadsheetChange({ changeType: 'EDIT' });
    expect(plain(script.refreshReport())).toMatchObject({ done: true });
    expect(sheet.dataValues()).toEqual(notes);
    expect(services.spreadsheet.sheets.map((s) => s.name)).not.toContain('Campaign data version');
    expect(services.spreadsheet.namedRanges.get('CAMPAIGN_DATA_VERSION')?.sheet).toBe(sheet);
    // Sheets passes the one cell's value.
    expect(() => script.CAMPAIGN_REVENUE('C1', 'U-shaped', '', '', 'budget note')).toThrow(TAKEN);
    // Without the last argument the formula answers from the data: D1 doubled, C1 gets 0.9 × 2000 + 1800 = 3600.
    expect(script.CAMPAIGN_REVENUE('C1', 'U-shaped')).toBeCloseTo(3600, 9);
  });

  test('a 2 × 2 range: every report run still completes and leaves it alone; a formula given it says whose the name is', () => {
    const { script, services, sheet, notes } = userNamed(2, 2);
    expect(plain(script.runReport())).toMatchObject({ done: true });
    expect(plain(script.runReport())).toMatchObject({ done: true });
    expect(sheet.dataValues()).toEqual(notes);
    expect(services.calls.filter((call) => call.startsWith('Range(Notes).set'))).toEqual([]);
    // Sheets passes a range's values as rows.
    expect(() => script.ATTRIBUTION_TABLE('', '', '', [['budget note', 'x'], ['second line', 'y']])).toThrow(TAKEN);
  });
});

describe('TRACKING_URL', () => {
  let bench: ReturnType<typeof formulaBench>;
  beforeAll(() => {
    bench = formulaBench();
  });
  const url = (...args: unknown[]) => bench.script.TRACKING_URL(...args);

  test('adds utm_source, utm_medium and utm_campaign', () => {
    expect(url('https://example.com/spring', 'spring_launch', 'newsletter', 'email'))
      .toBe('https://example.com/spring?utm_source=newsletter&utm_medium=email&utm_campaign=spring_launch');
  });

  test('a campaign\'s id or name gives its utm_campaign value; a utm value, or one of no campaign, stays as typed', () => {
    // C1 "Spring launch" is tagged "spring": its name as utm_campaign would count for "(no campaign)".
    const { script, dataReads } = afterReport();
    const tagged = (campaign: string) => script.TRACKING_URL('https://ex.com/x', campaign, 'newsletter', 'email');
    expect(tagged('Spring launch')).toBe('https://ex.com/x?utm_source=newsletter&utm_medium=email&utm_campaign=spring');
    expect(tagged('c1')).toBe('https://ex.com/x?utm_source=newsletter&utm_medium=email&utm_campaign=spring');
    expect(tagged('spring')).toBe('https://ex.com/x?utm_source=newsletter&utm_medium=email&utm_campaign=spring');
    // Not a campaign yet: the value as typed.
    expect(tagged('autumn_sale')).toBe('https://ex.com/x?utm_source=newsletter&utm_medium=email&utm_campaign=autumn_sale');
    // The campaigns come from the cached facts: no data sheet is read.
    expect(dataReads()).toEqual([]);
  });

  test('the campaign is found as every formula finds it: a name wins over another campaign\'s utm value; no utm value is an error', () => {
    // C2's utm value is "Spring launch", C1's name: CAMPAIGN_REVENUE("Spring launch") means C1, so the link carries
    // C1's value, "spring", not the typed text that would count for C2.
    const sheets = reportWorkbookSheets();
    sheets.Campaigns[2][2] = 'Spring launch';
    const { script, v } = afterReport({ sheets });
    expect(script.CAMPAIGN_REVENUE('Spring launch', '', '', '', v)).toBeCloseTo(2750, 9);
    expect(script.TRACKING_URL('https://ex.com/x', 'Spring launch', 'newsletter', 'email'))
      .toBe('https://ex.com/x?utm_source=newsletter&utm_medium=email&utm_campaign=spring');
    // A campaign without a utm value: nothing to tag with, said as the sidebar says it.
    const untagged = reportWorkbookSheets();
    untagged.Campaigns[2][2] = '';
    const bare = afterReport({ sheets: untagged });
    expect(() => bare.script.TRACKING_URL('https://ex.com/x', 'Nurture', 'newsletter', 'email'))
      .toThrow('The campaign "Nurture" has no utm_campaign value to tag links with. Rename it under "Manage campaigns" to give it one.');
  });

  test('data the formulas cannot use (a data sheet missing): the campaign is still found, on the Campaigns sheet alone', () => {
    const sheets: Record<string, unknown> = reportWorkbookSheets();
    delete sheets.Visits;
    const { script } = formulaBench({ sheets: sheets as ReturnType<typeof reportWorkbookSheets> });
    expect(() => script.CAMPAIGN_REVENUE('Spring launch')).toThrow();
    // "Spring launch" (C1) is tagged "spring": its name in the link would count its visits for no campaign.
    expect(script.TRACKING_URL('https://ex.com/x', 'Spring launch', 'newsletter', 'email'))
      .toBe('https://ex.com/x?utm_source=newsletter&utm_medium=email&utm_campaign=spring');
    expect(script.TRACKING_URL('https://ex.com/x', 'autumn_sale', 'newsletter', 'email'))
      .toBe('https://ex.com/x?utm_source=newsletter&utm_medium=email&utm_campaign=autumn_sale');
  });

  test('keeps the query and the fragment, percent-encodes every value, adds term and content when given', () => {
    expect(url('https://example.com/p?ref=home#top', 'Été & co', 'google', 'cpc', 'running shoes', 'ad 1/B'))
      .toBe('https://example.com/p?ref=home&utm_source=google&utm_medium=cpc&utm_campaign=%C3%89t%C3%A9%20%26%20co'
        + '&utm_term=running%20shoes&utm_content=ad%201%2FB#top');
    expect(url('HTTP://Example.com', 'spring', 'google', 'cpc', '', '')).toBe('HTTP://Example.com?utm_source=google&utm_medium=cpc&utm_campaign=spring');
  });

  test('replaces the utm parameters the address already has, GA4\'s utm_id and the like too', () => {
    expect(url('https://example.com/?utm_source=old&x=1&UTM_Campaign=old&utm_term=old', 'spring', 'google', 'cpc'))
      .toBe('https://example.com/?x=1&utm_source=google&utm_medium=cpc&utm_campaign=spring');
    // An old campaign's id beside the new campaign's name would mix two campaigns in GA4.
    expect(url('https://example.com/?utm_id=5&utm_source_platform=dv360&y=2', 'spring', 'google', 'cpc'))
      .toBe('https://example.com/?y=2&utm_source=google&utm_medium=cpc&utm_campaign=spring');
  });

  test('a date cell tags with the day it shows in the spreadsheet\'s zone, a computed number with the figure it shows', () => {
    // Sheets hands a date cell over as the instant of its midnight in the spreadsheet's zone (Amsterdam: 23:00 UTC the day before).
    const march1 = new Date('2024-02-29T23:00:00Z');
    expect(url('https://example.com/', 'spring', 'newsletter', 'email', '', march1))
      .toBe('https://example.com/?utm_source=newsletter&utm_medium=email&utm_campaign=spring&utm_content=2024-03-01');
    expect(url('https://example.com/', 'spring', 'newsletter', 'email', 0.1 + 0.2))
      .toBe('https://example.com/?utm_source=newsletter&utm_medium=email&utm_campaign=spring&utm_term=0.3');
  });

  test('a range of addresses gives one tagged address per cell', () => {
    expect(plain(url([['https://a.example/'], [''], ['https://b.example/x?y=1']], 'spring', 'google', 'cpc'))).toEqual([
      ['https://a.example/?utm_source=google&utm_medium=cpc&utm_campaign=spring'], [''],
      ['https://b.example/x?y=1&utm_source=google&utm_medium=cpc&utm_campaign=spring'],
    ]);
  });

  test.each(['ftp://example.com/file', 'example.com/page', 'https://', 'https://exa mple.com/'])('"%s" is not a web address', (address) => {
    expect(() => url(address, 'spring', 'google', 'cpc'))
      .toThrow(`"${address}" is not a web address. Give one starting with http:// or https://, such as https://example.com/page.`);
  });

  test('campaign, source and medium are required', () => {
    expect(() => url('https://example.com/', 'spring', '', 'cpc')).toThrow('The argument source is required, for example newsletter.');
    expect(() => url('https://example.com/', undefined, 'google', 'cpc')).toThrow('The argument campaign is required, for example spring_launch.');
  });
});

describe('facts bigger than one cache value', () => {
  test('are cached in several gzipped pieces and read back whole, without reading a sheet', () => {
    const bench = formulaBench({ sheets: manyCampaignsSheets() });
    const first = plain(bench.script.ATTRIBUTION_TABLE('Time decay')) as Array<Array<string | number>>;
    const heads = [...bench.services.cache.entries.keys()].filter((key) => key.endsWith('|head'));
    expect(heads).toHaveLength(1);
    const version = heads[0].slice(0, -'|head'.length);
    const head = JSON.parse(bench.services.cache.entries.get(heads[0])!);
    expect(head).toMatchObject({ gzip: true });
    expect(head.pieces).toBeGreaterThanOrEqual(2);

    bench.services.calls.length = 0;
    const again = plain(bench.script.ATTRIBUTION_TABLE('Time decay', '', '', version)) as Array<Array<string | number>>;
    expect(bench.sheetReads()).toEqual([]);
    expect(again).toEqual(first);
    // Each won deal's amount is split in full among the campaigns its contact viewed.
    expect(again.slice(1).reduce((sum, row) => sum + (row[2] as number), 0)).toBeCloseTo(119_800, 6);
    expect(again).toHaveLength(1 + 60 + 1);
  });
});

test('the public API: names and argument orders as Sheets shows them, each argument documented', () => {
  const code = builtFile('dist/Code.js');
  const signature = (name: string) => new RegExp(`^function ${name}\\(([^)]*)\\)`, 'm').exec(code)?.[1];
  expect(signature('CAMPAIGN_REVENUE')).toBe('campaign, model, start, end, data_version');
  expect(signature('CAMPAIGN_METRIC')).toBe('campaign, metric, start, end, touch, model, data_version');
  expect(signature('CAMPAIGN_INFLUENCED_REVENUE')).toBe('campaign, start, end, data_version');
  expect(signature('ATTRIBUTION_TABLE')).toBe('model, start, end, data_version');
  expect(signature('TRACKING_URL')).toBe('url, campaign, source, medium, term, content');
});
