import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { readInput } from '../../src/cli/read-input';
import { HEURISTIC_MODELS } from '../../src/core/engine';
import type { JsonReport } from '../../src/core/report/json-report';
import type { Cell } from '../../src/core/types';
import { ROOT } from '../support/built-dist';
import { formulaBench, plain, TZ } from './custom-functions-fixture';

// The bundled sample (samples/sample-csv) in a spreadsheet, its report run once from the menu; then every
// custom function must give the figures of the command line's JSON report for the same files and range.

const SAMPLE = join(ROOT, 'samples', 'sample-csv');
type JsonCampaign = JsonReport['campaigns'][number];

let bench: ReturnType<typeof formulaBench>;
let json: JsonReport;
/** The report's last day (today), which the JSON report uses too. */
let to: string;
let version: string;
let dataCells: number;

beforeAll(async () => {
  // CSV text as it is: the data sheets read text dates and numbers as the command line does.
  const sheets = (await readInput(SAMPLE)) as Record<string, Cell[][]>;
  dataCells = Object.values(sheets).reduce((sum, rows) => sum + rows.length * Math.max(...rows.map((row) => row.length)), 0);
  bench = formulaBench({ sheets });
  expect(plain(bench.script.runReport())).toMatchObject({ done: true });
  to = JSON.parse(bench.services.spreadsheet.sheet('Overview').metadata[0].value).provenance.to;
  let out = '';
  const status = await main(
    ['report', SAMPLE, '--json', '-', '--tz', TZ, '--locale', 'en-IE', '--currency', 'EUR', '--to', to],
    { out: (text) => void (out += text), err: () => undefined, now: () => Date.now() },
  );
  expect(status).toBe(0);
  json = JSON.parse(out);
  version = bench.version()!;
  bench.services.calls.length = 0;
}, 30_000);


/** JSON null is an empty cell. */
const cell = (value: number | null) => (value === null ? '' : value);

function expectClose(actual: unknown[][], expected: Array<Array<string | number | null>>) {
  expect(actual.map((row) => row.length)).toEqual(expected.map((row) => row.length));
  actual.forEach((row, r) => row.forEach((value, c) => {
    const want = expected[r][c];
    if (typeof want === 'number') expect(value).toBeCloseTo(want, 6);
    else expect(value).toBe(want);
  }));
}

test('ATTRIBUTION_TABLE under each rule-based model: the JSON report\'s revenue and creation credit', () => {
  for (const { id } of HEURISTIC_MODELS) {
    const table = plain(bench.script.ATTRIBUTION_TABLE(id, '', to, version)) as unknown[][];
    expect(table.slice(1).map((row) => row[0])).toEqual(json.campaigns.map((c) => c.id));
    expectClose(table.slice(1).map((row) => [row[2], row[6], row[7]]), json.campaigns.map((c) => {
      const a = c.attribution[id as keyof JsonCampaign['attribution']];
      return [a.revenue, cell(a.contact_create), cell(a.deal_create)];
    }));
  }
});

test('ATTRIBUTION_TABLE under Linear: the JSON report\'s "revenue (even split)" columns', () => {
  const table = plain(bench.script.ATTRIBUTION_TABLE('', '', to, version)) as unknown[][];
  expectClose(table.slice(1).map((row) => row.slice(1, 6)), json.campaigns.map((c) => [
    c.name, c.revenue.revenue, c.revenue.deals_with_revenue, c.revenue.associated_deal_value, c.revenue.contacts_with_revenue,
  ]));
});

test('CAMPAIGN_METRIC and CAMPAIGN_INFLUENCED_REVENUE over a range of campaign ids: the JSON report\'s overview, goals and influenced revenue', () => {
  const ids = json.campaigns.map((c) => [c.id]);
  const column = (value: unknown) => (plain(value) as unknown[][]).map((row) => row[0]);
  const metric = (name: string, touch = '') => column(bench.script.CAMPAIGN_METRIC(ids, name, '', to, touch, '', version));
  expect(metric('sessions')).toEqual(json.campaigns.map((c) => c.overview.sessions));
  expect(metric('new_contacts')).toEqual(json.campaigns.map((c) => c.overview.new_contacts));
  expect(metric('influenced_contacts')).toEqual(json.campaigns.map((c) => c.overview.influenced_contacts));
  expect(metric('goal_sessions')).toEqual(json.campaigns.map((c) => cell(c.overview.goals.sessions)));
  expect(metric('goal_revenue')).toEqual(json.campaigns.map((c) => cell(c.overview.goals.revenue)));
  expectClose([column(bench.script.CAMPAIGN_INFLUENCED_REVENUE(ids, '', to, version))], [json.campaigns.map((c) => c.influenced_revenue)]);
  expectClose([column(bench.script.CAMPAIGN_REVENUE(ids, 'linear', '', to, version))], [json.campaigns.map((c) => c.revenue.revenue)]);
});

test('the workbook totals', () => {
  const total = (name: string) => bench.script.CAMPAIGN_METRIC('', name, '', to, '', '', version);
  expect(total('closed_won_revenue')).toBeCloseTo(json.totals.closed_won_revenue, 6);
  expect(total('unattributed_revenue')).toBeCloseTo(json.totals.unattributed_revenue, 6);
  expect([total('contacts_created'), total('deals_created')]).toEqual([json.totals.contacts_created, json.totals.deals_created]);
});

test('the next morning, the cache emptied: the same figures from one range of the version sheet, though the workbook is too big to rebuild in a formula', () => {
  // Every answer above came from the cache: not one sheet was read.
  expect(bench.sheetReads()).toEqual([]);
  expect(dataCells).toBeGreaterThan(400_000);
  bench.services.cache.evictAll();
  const table = plain(bench.script.ATTRIBUTION_TABLE('', '', to, version)) as unknown[][];
  expectClose(table.slice(1).map((row) => [row[0], row[2]]), json.campaigns.map((c) => [c.id, c.revenue.revenue]));
  expect(bench.sheetReads()).toEqual(['Spreadsheet.getRangeByName', 'Range(Campaign data version).getValues']);
  // Back in the cache: the next cells read no sheet.
  bench.services.calls.length = 0;
  const ids = json.campaigns.map((c) => [c.id]);
  const revenue = plain(bench.script.CAMPAIGN_REVENUE(ids, 'linear', '', to, version)) as number[][];
  expectClose(revenue, json.campaigns.map((c) => [c.revenue.revenue]));
  expect(bench.sheetReads()).toEqual([]);
});
