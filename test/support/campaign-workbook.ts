import type { Cell } from '../../src/core/types';
import { loadCodeJs } from './built-dist';
import { USER_REPORT_OPTIONS_KEY, type FakeOptions } from './gas-fakes';
import { fakeAddon } from './gas-fakes-addon';
import type { GoogleFakeOptions } from './gas-fakes-services';

// The small workbook the export, dashboard, sharing and schedule tests run on, with its figures worked out
// by hand. test/addon/report-sheets.test.ts runs on it too.
//
// Spring launch (C1, utm "spring", sessions goal 10): contact k1 views its landing page A1 once (March 5),
// then wins deal D1 (1,200, created March 10, closed March 20).
// Summer (C2, utm "summer", sessions goal 5): contact k2 views a summer-tagged page on March 6 and April 8,
// clicks the summer email A2 on April 6, and wins deal D2 (800, created April 10, closed April 20).
// Each deal's interactions belong to one campaign, so every model credits Spring launch 1,200 and Summer 800.

export const TZ = 'Europe/Amsterdam';
export const LOCALE = 'en_IE';
export const REPORT_SHEET_KEY = 'campaignAnalytics.reportSheet';
export const DASHBOARD_KEY = 'campaignAnalytics.dashboard';
export const DATA_SHEETS = ['Notes', 'Campaigns', 'Assets', 'Visits', 'Deals'];

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

const VISIT_HEADER = ['timestamp', 'visitor_id', 'contact_id', 'interaction_type', 'url', 'asset_id', 'utm_campaign'];
const DEAL_HEADER = ['deal_id', 'name', 'amount', 'stage', 'created_at', 'closed_at', 'contact_ids'];

/** The workbook, with every journey repeated `times` times by other visitors, contacts and deals. */
export function workbook(times = 1): Record<string, Cell[][]> {
  const visits: Cell[][] = [];
  const deals: Cell[][] = [];
  for (let k = 0; k < times; k++) {
    const id = (base: string) => (k === 0 ? base : `${base}-${k}`);
    visits.push(
      ['2024-03-05 10:00', id('v1'), id('k1'), 'page_view', 'https://example.com/spring', 'A1', ''],
      ['2024-03-06 10:00', id('v2'), id('k2'), 'page_view', 'https://example.com/?utm_campaign=summer', '', 'summer'],
      ['2024-04-06 10:00', id('v2'), id('k2'), 'email_click', '', 'A2', ''],
      ['2024-04-08 09:00', id('v2'), id('k2'), 'page_view', 'https://example.com/?utm_campaign=summer', '', 'summer'],
    );
    deals.push(
      [id('D1'), 'Big deal', 1200, 'won', day('2024-03-10'), day('2024-03-20'), id('k1')],
      [id('D2'), 'Summer deal', 800, 'won', day('2024-04-10'), day('2024-04-20'), id('k2')],
    );
  }
  return {
    Notes: [['My own notes'], ['keep this']],
    Campaigns: [
      ['campaign_id', 'name', 'utm_campaign', 'created_at', 'goal_sessions'],
      ['C1', 'Spring launch', 'spring', day('2024-03-01'), 10],
      ['C2', 'Summer', 'summer', day('2024-03-01'), 5],
    ],
    Assets: [
      ['asset_id', 'campaign_id', 'type', 'name', 'url'],
      ['A1', 'C1', 'landing_page', 'Spring page', 'https://example.com/spring'],
      ['A2', 'C2', 'email', 'Summer mail', ''],
    ],
    Visits: [VISIT_HEADER, ...visits],
    Deals: [DEAL_HEADER, ...deals],
  };
}

/**
 * The workbook with k2 opening Summer mail (A2) before clicking it: the "Assets: Emails" table then has a
 * figure to chart (a chart of nothing but zeros is left out).
 */
export function workbookWithEmailOpen(): Record<string, Cell[][]> {
  const sheets = workbook();
  sheets.Visits.push(['2024-04-06 09:59', 'v2', 'k2', 'email_open', '', 'A2', '']);
  return sheets;
}

/** Report sheets of the whole workbook, in report order. */
export const ALL_TABLES = [
  'Overview', 'Revenue (even split)', 'Revenue attribution', 'Spend and return', 'Contacts and sessions over time',
  'Contacts and sessions over time, whole workbook',
  'Assets: Landing pages', 'Assets: Emails', 'Traffic by source', 'Paid search traffic by term',
  'Organic social traffic by network', 'Other campaigns by source / medium', 'Attribution by model',
  'Revenue by model (all models side by side)', 'Data-driven attribution by channel (campaigns)', 'Attribution by asset',
  'Attribution by interaction type', 'Revenue drill-down: every credited interaction',
  'Influenced revenue drill-down: every deal and the first interaction that influenced it', 'Data health: what counts for nothing, and why',
];

export interface AddonOptions extends FakeOptions, GoogleFakeOptions {
  /** The user's report options, stored as the sidebar stores them. */
  reportOptions?: object;
}

/** dist/Code.js on the workbook, with every service the add-on uses standing in (the change trigger's too). */
export function addon({ reportOptions, ...options }: AddonOptions = {}) {
  const { services, google, globals, changeTriggers } = fakeAddon({
    sheets: workbook(), locale: LOCALE, timeZone: TZ,
    userProperties: reportOptions ? { [USER_REPORT_OPTIONS_KEY]: JSON.stringify(reportOptions) } : {},
    ...options,
  });
  const script = loadCodeJs(globals);
  return { services, google, script, book: services.spreadsheet, changeTriggers };
}

/** What google.script.run hands the sidebar: JSON-safe data only. */
export const overTheWire = (value: unknown) => JSON.parse(JSON.stringify(value));
