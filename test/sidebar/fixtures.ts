import type { CampaignResults } from '../../src/addon/sidebar-results';
import type { SetupStatus, SheetStatus } from '../../src/addon/sidebar-setup';
import type { SidebarState } from '../../src/addon/sidebar-state';
import { COLUMN_SPECS } from '../../src/core/ingest/columns';
import { REQUIRED_SHEETS, SHEET_NAMES } from '../../src/core/types';
import type { Fixtures } from './browser';

// What the server answers the sidebar in the browser tests, written by hand. The numbers are chosen so the
// tiles' arithmetic is easy to check: sessions 150 of a goal of 200 (75%) against 120 before (+25%).

function sheetStatus(exists: boolean): SheetStatus[] {
  return SHEET_NAMES.map((sheet) => ({
    sheet, required: REQUIRED_SHEETS.includes(sheet), tab: sheet, exists,
    columns: COLUMN_SPECS[sheet].map((spec) => ({ name: spec.name, required: spec.required, header: exists ? spec.name : null, mapped: false })),
    missing: exists ? [] : COLUMN_SPECS[sheet].filter((spec) => spec.required).map((spec) => [spec.name]),
  }));
}

export const READY: SetupStatus = { sheets: sheetStatus(true), tabs: SHEET_NAMES.map((name) => ({ name, headers: [] })), empty: false, ready: true };
export const EMPTY: SetupStatus = { sheets: sheetStatus(false), tabs: [{ name: 'Sheet1', headers: [] }], empty: true, ready: false };

export const STATE: SidebarState = {
  language: 'en',
  languageChoice: 'auto',
  today: '2024-05-15',
  currency: 'EUR',
  currencyChoice: 'EUR',
  localeCurrency: 'USD',
  locale: 'en_US',
  options: { campaignId: 'C2', model: 'u_shaped', touch: 'first', range: 'last_30_days', from: '2024-04-16', to: null, frequency: 'monthly', channels: 'source', markovOrder: 2, lookbackDays: null },
  models: [
    { id: 'linear', name: 'Linear', description: 'Equal credit to every interaction.' },
    { id: 'u_shaped', name: 'U-shaped', description: '40% to the first interaction, 40% to the lead conversion, 20% to the rest.' },
    { id: 'markov', name: 'Markov chain', description: 'Credit by removal effect.' },
  ],
  campaigns: [
    { id: 'C1', name: 'Spring launch', utm: 'spring' },
    { id: 'C2', name: 'Summer sale', utm: 'summer' },
    { id: 'C3', name: 'Autumn webinar', utm: 'autumn' },
  ],
  assets: [{ id: 'A1', type: 'landing_page', name: 'Summer page', url: 'https://example.com/summer', campaignId: 'C2' }],
  setup: READY,
};

export const RESULTS: CampaignResults = {
  status: 'done',
  language: 'en',
  currency: 'EUR',
  campaign: { id: 'C2', name: 'Summer sale' },
  model: { id: 'u_shaped', name: 'U-shaped' },
  from: '2024-04-16',
  to: '2024-05-15',
  previous: { from: '2024-03-17', to: '2024-04-15' },
  kpis: [
    { key: 'sessions', value: 150, goal: 200, previous: 120, money: false, drillDown: null },
    { key: 'new_contacts', value: 12, goal: 10, previous: 12, money: false, drillDown: null },
    { key: 'influenced_contacts', value: 30, goal: null, previous: 0, money: false, drillDown: null },
    { key: 'revenue', value: 2500, goal: 2000, previous: 4000, money: true, drillDown: 'revenue' },
    { key: 'influenced_revenue', value: 8000, goal: null, previous: 6400, money: true, drillDown: 'influenced_revenue' },
  ],
  series: [
    { period: '2024-04', newContacts: 5, influencedContacts: 14, sessions: 70 },
    { period: '2024-05', newContacts: 7, influencedContacts: 16, sessions: 80 },
  ],
  sections: [
    {
      id: 'assets_landing_page', title: 'Assets: Landing pages',
      columns: [
        { key: 'asset', header: 'Asset', type: 'text' }, { key: 'name', header: 'Asset name', type: 'text' },
        { key: 'views', header: 'Views', type: 'integer' }, { key: 'new_contacts', header: 'New contacts', type: 'integer' },
      ],
      rows: [['A1', 'Summer page', 1234, 9], ['A9', '', 5, 0]],
    },
    {
      id: 'assets_email', title: 'Assets: Emails',
      columns: [
        { key: 'asset', header: 'Asset', type: 'text' }, { key: 'name', header: 'Asset name', type: 'text' },
        { key: 'click_rate', header: 'Click rate', type: 'percent' },
      ],
      rows: [['A2', 'Summer mail', 0.125]],
    },
  ],
  problems: {
    listed: [{
      severity: 'error', severityLabel: 'Error', sheet: 'Deals', row: 7, column: 'amount', location: 'Deals, row 7, column amount',
      message: '"lots" is not a number.',
    }],
    errors: 1,
    warnings: 0,
  },
  otherCurrencies: [],
  notice: null,
};

/** The report sheets as last written: of Summer sale, U-shaped, the 30 days up to 2024-05-15, current. */
export const WRITTEN = { campaignIds: ['C2'], model: 'u_shaped', from: '2024-04-16', to: '2024-05-15', current: true };

/** A sidebar whose data is ready, with `extra` answers beside the usual ones. */
export const ready = (extra: Fixtures = {}): Fixtures => ({
  getSidebarState: { value: STATE },
  saveSidebarChoices: { value: null },
  runSidebar: { value: RESULTS },
  getWrittenReport: { value: WRITTEN },
  ...extra,
});
