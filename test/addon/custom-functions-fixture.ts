import type { LockServicePort } from '../../src/addon/ports';
import type { Cell } from '../../src/core/types';
import { loadCodeJs } from '../support/built-dist';
import { fakeServices, logCalls, type FakeOptions, type FakeServices } from '../support/gas-fakes';
import { fakeChangeTriggers, fakeGzip, type Wrap } from '../support/gas-fakes-cache';

// The custom functions' test bench: dist/Code.js in a vm with the spreadsheet, cache, gzip and trigger
// stand-ins, and the hand-built workbook of the report tests (test/core/report/report-fixture.ts) as the
// rows a spreadsheet holds, so the hand-worked figures of json-report.test.ts apply:
//
// Resolution: #1 P1→C1, #2 LP1→C1, #3 F1→C1, #4-#5 E1 (winner)→C2, #6 E2 (loser)→none, #7 LP1→C1, #8 F1→C1,
// #9 'old-promo'→none. Ann = #1-#5 (stitched by v1), created by #3; Bob = #6-#8, created by #8.
// Sessions: S1 = #1-#3 (C1 page view), S2 = #4-#5 (no page view), S3 = #6-#8 (C1), S4 = #9 (none).
// D1 (Ann, 1000, won 03-01): eligible path #1 #2 #3 #5. D2 (Bob, 3000, won 03-10): path #6 #7 #8. D3 (Bob, 500) is open.

export const TZ = 'Europe/Amsterdam';
export const DATA_SHEETS = ['Campaigns', 'Assets', 'Visits', 'Deals', 'Spend'];

const at = (iso: string) => new Date(iso);
/** A bare date means 12:00 UTC, as in the report fixture. */
const noon = (isoDay: string) => at(`${isoDay}T12:00:00Z`);

export function reportWorkbookSheets(): Record<string, Cell[][]> {
  const visit = (when: string, visitor: string, contact: string, type: string, fields: { url?: string; asset?: string; source?: string; medium?: string; campaign?: string; term?: string; referrer?: string } = {}): Cell[] =>
    [at(when), visitor, contact, type, fields.url ?? '', fields.asset ?? '', fields.source ?? '', fields.medium ?? '', fields.campaign ?? '', fields.term ?? '', fields.referrer ?? ''];
  return {
    Campaigns: [
      ['campaign_id', 'name', 'utm_campaign', 'created_at', 'goal_sessions', 'goal_new_contacts', 'goal_influenced_contacts', 'goal_revenue', 'budget'],
      ['C1', 'Spring launch', 'spring', noon('2024-01-01'), 4, 2, 4, 5000, 1000],
      ['C2', 'Nurture', 'nurture', noon('2024-01-01'), '', '', '', '', ''],
    ],
    Assets: [
      ['asset_id', 'campaign_id', 'type', 'name', 'url', 'ab_group', 'ab_winner', 'keyword', 'sent', 'delivered'],
      ['LP1', 'C1', 'landing_page', 'Spring page', 'https://ex.com/spring', '', '', '', '', ''],
      ['F1', 'C1', 'form', 'Spring form', 'https://ex.com/spring/form', '', '', '', '', ''],
      ['E1', 'C2', 'email', 'Mail A', '', 'g', true, '', 100, 95],
      ['E2', 'C2', 'email', 'Mail B', '', 'g', false, '', 100, 90],
      ['P1', 'C1', 'paid_search', 'Shoes ads', '', '', '', 'shoes', '', ''],
      ['T1', 'C1', 'tracking_url', 'Partner link', 'https://ex.com/t', '', '', '', '', ''],
    ],
    Visits: [
      ['timestamp', 'visitor_id', 'contact_id', 'interaction_type', 'url', 'asset_id', 'utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'referrer'],
      visit('2024-02-01T10:00:00Z', 'v1', '', 'ad_click', { asset: 'P1', source: 'google', medium: 'cpc', campaign: 'spring', term: 'Running Shoes' }),
      visit('2024-02-01T10:01:00Z', 'v1', '', 'page_view', { url: 'https://ex.com/spring?utm_medium=cpc', source: 'google', medium: 'cpc', campaign: 'spring', term: 'running shoes' }),
      visit('2024-02-01T10:05:00Z', 'v1', 'ann', 'form_submission', { url: 'https://ex.com/spring/form' }),
      visit('2024-02-10T09:00:00Z', 'v1', 'ann', 'email_open', { asset: 'E1' }),
      visit('2024-02-10T09:01:00Z', 'v1', 'ann', 'email_click', { asset: 'E1', medium: 'email' }),
      visit('2024-02-15T12:00:00Z', 'v2', 'bob', 'email_click', { asset: 'E2', medium: 'email' }),
      visit('2024-02-15T12:02:00Z', 'v2', 'bob', 'page_view', { url: 'https://ex.com/spring', referrer: 'https://www.google.com/' }),
      visit('2024-02-15T12:05:00Z', 'v2', 'bob', 'form_submission', { url: 'https://ex.com/spring/form' }),
      visit('2024-03-01T12:00:00Z', 'v3', '', 'page_view', { campaign: 'old-promo' }),
    ],
    Deals: [
      ['deal_id', 'name', 'amount', 'stage', 'created_at', 'closed_at', 'contact_ids'],
      ['D1', 'D1', 1000, 'won', noon('2024-02-20'), noon('2024-03-01'), 'ann'],
      ['D2', 'D2', 3000, 'won', noon('2024-03-05'), noon('2024-03-10'), 'bob'],
      ['D3', 'D3', 500, 'open', noon('2024-03-06'), '', 'bob'],
    ],
    Spend: [
      ['date', 'campaign_id', 'amount', 'channel'],
      [noon('2024-02-01'), 'C2', 300, 'email'],
      [noon('2024-05-01'), 'C2', 200, 'email'],
    ],
  };
}

export interface FormulaBench {
  services: FakeServices;
  /** dist/Code.js's globals: the entry points. */
  script: Record<string, (...args: unknown[]) => unknown>;
  triggers: ReturnType<typeof fakeChangeTriggers>['triggers'];
  /** The text in the CAMPAIGN_DATA_VERSION cell; undefined before any report run. */
  version(): string | undefined;
  /** getValues calls on the data sheets since the bench was made or `calls` was last cleared. */
  dataReads(): string[];
  /** Every read of any sheet: getValues on a range, and named range look-ups. */
  sheetReads(): string[];
}

/** The user's own sheet of figures: a formula answering from the facts, which the change trigger keeps current. */
export const FIGURES_SHEET = 'My figures';
export const FACT_FORMULA = '=CAMPAIGN_REVENUE("C1", "linear", , , CAMPAIGN_DATA_VERSION)';

/**
 * `lockService`: in place of the stand-in's document lock, say one another execution holds. `formulas: false`:
 * the spreadsheet has no sheet of figures, so no formula reads the facts.
 */
export function formulaBench(options: FakeOptions & { refuseTriggers?: boolean; lockService?: LockServicePort; formulas?: boolean } = {}): FormulaBench {
  const { refuseTriggers = false, lockService, formulas = true, ...fakeOptions } = options;
  const sheets = { ...(fakeOptions.sheets ?? reportWorkbookSheets()), ...(formulas ? { [FIGURES_SHEET]: [[FACT_FORMULA]] } : {}) };
  const services = fakeServices({ locale: 'en_IE', timeZone: TZ, ...fakeOptions, sheets });
  const wrap: Wrap = (label, target) => logCalls(label, target, (call) => services.calls.push(call));
  const changeTriggers = fakeChangeTriggers(wrap, { base: services.globals.ScriptApp, refuse: refuseTriggers });
  const script = loadCodeJs({
    ...services.globals, Utilities: fakeGzip(wrap), ScriptApp: changeTriggers.port, LockService: lockService ?? services.globals.LockService,
  });
  return {
    services,
    script: script as unknown as FormulaBench['script'],
    triggers: changeTriggers.triggers,
    version() {
      const target = services.spreadsheet.namedRanges.get('CAMPAIGN_DATA_VERSION');
      return target && (target.sheet.read('values', target.row, target.column, 1, 1)[0][0] as string);
    },
    dataReads: () => services.calls.filter((call) => DATA_SHEETS.some((name) => call === `Range(${name}).getValues`)),
    sheetReads: () => services.calls.filter((call) => call.endsWith('.getValues') || call.endsWith('.getRangeByName')),
  };
}

/** What a vm result looks like to Sheets: plain data (arrays from another realm compare as arrays then). */
export const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value));

/**
 * 60 campaigns and 400 won deals, each deal's contact viewing four pages of random campaigns at random
 * hours: facts too big for one cache value even gzipped (time-decay shares do not compress). Deal i is
 * worth 100 + i, so the won revenue adds up to 100 + 101 + … + 499 = 119,800.
 */
export function manyCampaignsSheets(): Record<string, Cell[][]> {
  let seed = 11;
  const random = (n: number) => (seed = (seed * 48271) % 2147483647) % n;
  const day = (offset: number, hour = 12) => new Date(Date.UTC(2023, 0, 2 + offset, hour, random(60)));
  const visits: Cell[][] = [];
  const deals: Cell[][] = [];
  for (let i = 0; i < 400; i++) {
    for (let k = 0; k < 4; k++) {
      const c = random(60);
      visits.push([day(i, random(24)), `w${i}`, `p${i}`, 'page_view', `https://ex.com/${c}`, `k${c}`]);
    }
    deals.push([`D${i}`, `Deal ${i}`, 100 + i, 'won', day(i + 1), day(i + 2 + (i % 5)), `p${i}`]);
  }
  return {
    Campaigns: [
      ['campaign_id', 'name', 'utm_campaign', 'created_at'],
      ...Array.from({ length: 60 }, (_, c) => [`K${c}`, `Campaign ${c}`, `k${c}`, noon('2023-01-01')]),
    ],
    Assets: [['asset_id', 'campaign_id', 'type']],
    Visits: [['timestamp', 'visitor_id', 'contact_id', 'interaction_type', 'url', 'utm_campaign'], ...visits],
    Deals: [['deal_id', 'name', 'amount', 'stage', 'created_at', 'closed_at', 'contact_ids'], ...deals],
  };
}
