import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { readInput } from '../../src/cli/read-input';
import { findModel } from '../../src/core/engine';
import { formatMessage, type MessageId } from '../../src/core/messages';
import type { JsonReport } from '../../src/core/report/json-report';
import { fillPeriods } from '../../src/core/report/periods';
import { loadCodeJs, ROOT } from '../support/built-dist';
import { AUTH_MODES, fakeServices, type FakeServices, type FakeSheet } from '../support/gas-fakes';
import { asSpreadsheet } from '../support/sheets-import';

// The bundled sample (samples/sample-csv) as a spreadsheet would hold it after import, run through
// dist/Code.js from the add-on's menu with the default report options; every figure on the report sheets
// must be the one the command line's JSON report gives for the same files and options.

const SAMPLE = join(ROOT, 'samples', 'sample-csv');
const TZ = 'Europe/Amsterdam';

let services: FakeServices;
let outcome: { done: boolean; message: string; problems: Array<{ severity: string; sheet: string; row: number | null; column: string | null; message: string }> };
let json: JsonReport;
let campaigns: string[];

beforeAll(async () => {
  services = fakeServices({ sheets: asSpreadsheet(await readInput(SAMPLE), TZ), locale: 'en_IE', timeZone: TZ });
  // As a user does it: open the spreadsheet, then choose "Run report" in the add-on's menu.
  const script = loadCodeJs(services.globals);
  script.onOpen({ authMode: AUTH_MODES.LIMITED });
  const [, runReport] = services.menus[0].items.find(([caption]) => caption === 'Run report')!;
  outcome = script[runReport]();
  const overview = services.spreadsheet.sheet('Overview');
  const { provenance } = JSON.parse(overview.metadata[0].value);
  let out = '';
  const status = await main(
    ['report', SAMPLE, '--json', '-', '--tz', TZ, '--locale', 'en-IE', '--currency', 'EUR', '--to', provenance.to],
    { out: (text) => void (out += text), err: () => undefined, now: () => Date.now() },
  );
  expect(status).toBe(0);
  json = JSON.parse(out);
  campaigns = json.campaigns.map((c) => c.name);
}, 30_000);

const sheet = (name: string) => services.spreadsheet.sheet(name);
const body = (s: FakeSheet) => s.dataValues().slice(4);
/** JSON null is an empty cell. */
const cell = (value: number | null) => (value === null ? '' : value);
const modelName = (id: string) => formatMessage(findModel(id)!.nameId);

test('the run left out the sample\'s flawed rows after asking, naming each as the command line does, and tells its warnings', () => {
  expect(outcome.done).toBe(true);
  expect(services.alerts[0].prompt).toMatch(/^Rows with errors: \d+\. They would be left out of the report\./);
  const errors = json.problems.filter((p) => p.severity === 'error');
  const warnings = json.problems.filter((p) => p.severity === 'warning');
  expect(errors.length).toBeGreaterThan(0);
  // Among the warnings, the sample's deal in USD, left out of every sum: never silently.
  expect(warnings).toContainEqual(expect.objectContaining({ sheet: 'Deals', column: 'currency' }));
  expect(outcome.problems.map(({ severity, sheet: s, row, column, message }) => ({ severity, sheet: s, row, column, message })))
    .toEqual([...errors, ...warnings]);
  expect(outcome.message).toContain(`Warnings about the data: ${warnings.length}. A warning can change the figures`);
});

test('provenance: the same options as the command line\'s JSON', () => {
  const { provenance } = JSON.parse(sheet('Overview').metadata[0].value);
  expect(provenance).toMatchObject({
    model: json.options.model, touch: json.options.touch, from: json.options.from, to: json.options.to, tz: json.options.tz,
    lookbackDays: json.options.lookback_days, currency: 'EUR',
  });
  expect(json.options).toMatchObject({ model: 'linear', touch: 'first', from: null, frequency: 'monthly' });
});

test('Overview: sessions, new and influenced contacts with their goals', () => {
  expect(body(sheet('Overview')).map((row) => [row[0], row[1], row[2], row[4], row[5], row[7], row[8]])).toEqual(json.campaigns.map((c) => [
    c.name, c.overview.sessions, cell(c.overview.goals.sessions), c.overview.new_contacts, cell(c.overview.goals.new_contacts),
    c.overview.influenced_contacts, cell(c.overview.goals.influenced_contacts),
  ]));
});

test('Revenue (even split) and revenue attribution, with the totals row', () => {
  const revenue = body(sheet('Revenue (even split)'));
  expect(revenue.slice(0, -1)).toEqual(json.campaigns.map((c) => [
    c.name, c.revenue.revenue, c.revenue.deals_with_revenue, c.revenue.associated_deal_value, c.revenue.contacts_with_revenue, c.influenced_revenue,
  ]));
  expect(revenue.at(-1)![0]).toBe('Total');
  expect(revenue.at(-1)![1]).toBeCloseTo(json.totals.closed_won_revenue, 6);
  expect(body(sheet('Revenue attribution')).slice(0, -1).map((row) => row.slice(0, 6))).toEqual(json.campaigns.map((c) => [
    c.name, c.revenue_attribution.revenue, c.revenue_attribution.deals_with_revenue, c.revenue_attribution.associated_deal_value,
    c.revenue_attribution.contacts_with_revenue, cell(c.overview.goals.revenue),
  ]));
});

test('Attribution by model and all models side by side', () => {
  const models = Object.keys(json.campaigns[0].attribution);
  expect(body(sheet('Attribution by model'))).toEqual(json.campaigns.flatMap((c) => models.map((id) => {
    const a = c.attribution[id as keyof typeof c.attribution];
    return [c.name, modelName(id), cell(a.contact_create), cell(a.deal_create), cell(a.revenue)];
  })));
  expect(body(sheet('Revenue by model (all models side by side)'))).toEqual(json.campaigns.map((c) => [
    c.name, ...models.map((id) => cell(c.attribution[id as keyof typeof c.attribution].revenue)),
  ]));
});

test('Contacts and sessions over time, and traffic by source', () => {
  // The JSON lists the periods with a figure (cli.md); the sheet every period from a campaign's first to its last.
  const zeros = { new_contacts: 0, influenced_contacts: 0, sessions: 0 };
  expect(body(sheet('Contacts and sessions over time'))).toEqual(json.campaigns.flatMap((c) => fillPeriods(c.series, (period) => ({ period, ...zeros }))
    .map((p) => [c.name, p.period, p.new_contacts, p.influenced_contacts, p.sessions])));
  // The sheet names each source as the catalogue does and lists it busiest first; the JSON keeps the source id,
  // in order of id.
  const rows = body(sheet('Traffic by source'));
  const byText = (a: unknown[], b: unknown[]) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1);
  expect([...rows].sort(byText)).toEqual(json.campaigns.flatMap((c) => c.traffic.by_source.map((s) => [
    c.name, formatMessage(`source.${s.source}` as MessageId), s.views, s.new_visitor_sessions, s.contacts_first_touch,
  ])).sort(byText));
  expect(rows.length).toBeGreaterThan(3);
  rows.slice(1).forEach((row, i) => {
    if (row[0] === rows[i][0]) expect(row[2] as number).toBeLessThanOrEqual(rows[i][2] as number);
  });
});

test('charts: declared over the right ranges, with the right types', () => {
  const last = 4 + campaigns.length;
  const ranges = (name: string, columns: string[]) => columns.map((c) => `${name}!${c}4:${c}${last}`);
  const charts = (name: string) => sheet(name).charts.map(({ kind, ranges: r }) => ({ kind, ranges: r }));
  expect(charts('Overview')).toEqual([{ kind: 'column', ranges: ranges('Overview', ['A', 'B', 'E', 'H']) }]);
  expect(charts('Revenue (even split)')).toEqual([{ kind: 'bar', ranges: ranges('Revenue (even split)', ['A', 'B']) }]);
  expect(charts('Revenue attribution')).toEqual([{ kind: 'pie', ranges: ranges('Revenue attribution', ['A', 'B']) }]);
  expect(charts('Revenue by model (all models side by side)')).toEqual([{
    kind: 'column', ranges: ranges('Revenue by model (all models side by side)', ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L']),
  }]);
});
