import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startPreview, type Preview } from '../../scripts/preview-server';
import { daysIn } from '../../src/addon/sidebar-range';
import type { KpiFigure, KpiKey } from '../../src/addon/sidebar-results';
import { main } from '../../src/cli/main';
import { readInput } from '../../src/cli/read-input';
import { formatMessage, type MessageId } from '../../src/core/messages';
import type { JsonReport } from '../../src/core/report/json-report';
import type { Cell } from '../../src/core/types';
import { tileView } from '../../sidebar/kpi';
import { builtFile, ROOT } from '../support/built-dist';
import type { FakeSheet } from '../support/gas-fakes';
import { asSpreadsheet } from '../support/sheets-import';
import { BROWSER_TEST_TIMEOUT_MS, HAVE_CHROMIUM, launchChromium, newSidebarPage, type Chromium } from './browser';

// `npm run preview` (scripts/preview-server.ts) in headless Chromium: the built sidebar, its server calls run
// by the built dist/Code.js over the bundled sample workbook in memory. The figures the sidebar shows must
// be the command line's for the same options; failures must reach the sidebar with the server's message.
// Expected texts are the catalogue's English.

const SAMPLE = join(ROOT, 'samples', 'sample-csv');
const TZ = 'UTC';
/** The sample's "today" (samples/README.md), at noon: the add-on's clock in the preview. */
const NOW = Date.UTC(2026, 10, 1, 12);
const t = (id: MessageId, params?: Record<string, string | number>) => formatMessage(id, params, 'en');

jest.setTimeout(BROWSER_TEST_TIMEOUT_MS);

let preview: Preview;
/** dist/sidebar.html as the preview read it. */
let sidebarHtml: string;

beforeAll(async () => {
  sidebarHtml = builtFile('dist/sidebar.html');
  preview = await startPreview({ sheets: asSpreadsheet(await readInput(SAMPLE), TZ), timeZone: TZ, locale: 'en_US', currency: 'EUR', now: NOW });
});
afterAll(() => preview?.close());

/** A call as the bridge in the page makes it. */
async function post(name: string, body: string, contentType = 'application/json'): Promise<{ status: number; json: { value?: unknown; error?: string } | null }> {
  const response = await fetch(`${preview.url}run/${name}`, { method: 'POST', headers: { 'content-type': contentType }, body });
  const text = await response.text();
  return { status: response.status, json: text === '' ? null : JSON.parse(text) };
}

describe('the preview server', () => {
  test('serves the built sidebar with the bridge as the page\'s first script', async () => {
    const html = await (await fetch(preview.url)).text();
    const bridge = /<script>\(function previewBridge[\s\S]*?<\/script>/.exec(html);
    expect(bridge?.index).toBe(html.indexOf('<script'));
    // Otherwise the page is dist/sidebar.html as it is.
    expect(html.replace(bridge![0], '')).toBe(sidebarHtml.replace('<head>', '<head>\n'));
    expect((await fetch(`${preview.url}elsewhere`)).status).toBe(404);
  });

  test('a call runs the function of dist/Code.js over the sample workbook, with the preview\'s clock', async () => {
    const { status, json } = await post('getSidebarState', '[]');
    expect(status).toBe(200);
    const state = json!.value as { today: string; currency: string; campaigns: Array<{ id: string }> };
    expect(state.today).toBe('2026-11-01');
    expect(state.currency).toBe('EUR');
    // samples/README.md: ten campaigns, C01 to C10.
    expect(state.campaigns.map((c) => c.id)).toEqual(['C01', 'C02', 'C03', 'C04', 'C05', 'C06', 'C07', 'C08', 'C09', 'C10']);
  });

  test('what google.script.run cannot call fails with Apps Script\'s message; a call not in JSON is refused', async () => {
    expect(await post('noSuchFunction', '[]')).toEqual({ status: 404, json: { error: 'Script function not found: noSuchFunction' } });
    // Apps Script keeps names ending in "_" private.
    expect(await post('onOpen_', '[]')).toEqual({ status: 404, json: { error: 'Script function not found: onOpen_' } });
    expect(await post('getSidebarState', '{"not": "an array"}')).toEqual({ status: 400, json: { error: 'The arguments of getSidebarState must be a JSON array.' } });
    // Only a JSON post: a page elsewhere cannot make one without a CORS preflight, which the preview never grants.
    expect((await post('getSidebarState', '[]', 'text/plain')).status).toBe(415);
  });

  test('a server function\'s exception comes back as its message', async () => {
    const options = { campaignId: 'C01', model: 'linear', touch: 'first', range: 'custom', from: '2026-06-01', to: '2026-05-01', frequency: 'monthly',
      channels: 'campaign', markovOrder: 1,
    };
    expect(await post('saveSidebarChoices', JSON.stringify([options]))).toEqual({
      status: 500, json: { error: t('sidebar.options.range_inverted', { from: '2026-06-01', to: '2026-05-01' }) },
    });
  });
});

if (!HAVE_CHROMIUM) {
  console.warn('Skipping the preview\'s browser tests: /usr/bin/chromium is missing. Install it with `apt-get install -y chromium` (.ci/run does).');
}
const inChromium = HAVE_CHROMIUM ? describe : describe.skip;

inChromium('the sidebar in Chromium through the preview', () => {
  let chromium: Chromium;
  let page: Page;
  beforeAll(async () => {
    chromium = await launchChromium();
  });
  afterAll(() => chromium?.close());

  /** A fresh sidebar (the previous page closes), ready for input: the state arrived and nothing is running. */
  async function openSidebar(): Promise<Page> {
    await page?.context().close();
    page = await newSidebarPage(chromium.browser);
    const errors: Error[] = [];
    page.on('pageerror', (error) => errors.push(error));
    await page.goto(preview.url);
    await page.locator('#campaign-page').waitFor({ state: 'visible' });
    await page.waitForFunction(() => document.getElementById('results')!.getAttribute('aria-busy') !== 'true');
    expect(errors).toEqual([]);
    return page;
  }

  /** Sets the controls as a user does: search the campaign by name, pick it, the model and the range. */
  async function choose(campaign: { search: string; id: string }, model: string, range: string): Promise<void> {
    await page.fill('#campaign-search', campaign.search);
    await page.selectOption('#campaign', campaign.id);
    await page.selectOption('#model', model);
    await page.selectOption('#range', range);
  }

  /** The command line's JSON report for the sidebar's options and days, run in-process on the same files and clock. */
  async function commandLine(options: { campaignId: string; model: string; touch: string; frequency: string }, from: string | null, to: string): Promise<JsonReport> {
    let out = '';
    const status = await main([
      'report', SAMPLE, '--json', '-', '--campaign', options.campaignId, '--model', options.model, '--touch', options.touch,
      '--frequency', options.frequency, ...(from === null ? [] : ['--from', from]), '--to', to, '--tz', TZ, '--locale', 'en-US', '--currency', 'EUR',
    ], { out: (text) => void (out += text), err: () => undefined, now: () => NOW });
    expect(status).toBe(0);
    return JSON.parse(out) as JsonReport;
  }

  test('Run: a progress state while the server works, then KPI tiles with the command line\'s figures', async () => {
    await openSidebar();
    await choose({ search: 'website', id: 'C02' }, 'u_shaped', 'last_90_days');
    expect(await page.textContent('#model-help')).toBe(t('model.u_shaped.description'));

    // The call is held on its way to the server until the progress state has been seen.
    let deliver = () => undefined as void;
    const delivered = new Promise<void>((resolve) => (deliver = resolve));
    await page.route('**/run/runSidebar', async (route) => {
      await delivered;
      await route.continue();
    });
    const request = page.waitForRequest('**/run/runSidebar');
    const response = page.waitForResponse('**/run/runSidebar');
    await page.click('#run');
    await page.locator('#progress').waitFor({ state: 'visible' });
    expect(await page.textContent('#progress-text')).toBe(t('sidebar.progress.running'));
    expect(await page.isDisabled('#run')).toBe(true);
    expect(await page.getAttribute('#results', 'aria-busy')).toBe('true');
    deliver();

    const [options] = (await request).postDataJSON() as [{ campaignId: string; model: string; touch: string; range: string; frequency: string }];
    expect(options).toMatchObject({ campaignId: 'C02', model: 'u_shaped', range: 'last_90_days' });
    const answer = (await (await response).json() as { value: { from: string; to: string; previous: { from: string; to: string } } }).value;
    await page.locator('#results').waitFor({ state: 'visible' });
    expect(await page.locator('#progress').isHidden()).toBe(true);
    expect(await page.isEnabled('#run')).toBe(true);

    // 90 days up to the preview's today, against the 90 before.
    expect(answer).toMatchObject({ from: '2026-08-04', to: '2026-11-01', previous: { from: '2026-05-06', to: '2026-08-03' } });
    const now = await commandLine(options, answer.from, answer.to);
    const before = await commandLine(options, answer.previous.from, answer.previous.to);
    const [campaign] = now.campaigns;
    const [earlier] = before.campaigns;
    expect(campaign.id).toBe('C02');
    expect(await page.textContent('#results-title')).toBe(campaign.name);
    expect(await page.textContent('#results-range')).toBe(`2026-08-04 to 2026-11-01 · ${t('model.u_shaped.name')}`);

    const figures = (report: JsonReport['campaigns'][number]): Record<KpiKey, number> => ({
      sessions: report.overview.sessions,
      new_contacts: report.overview.new_contacts,
      influenced_contacts: report.overview.influenced_contacts,
      revenue: report.revenue_attribution.revenue,
      influenced_revenue: report.influenced_revenue,
    });
    const { goals } = campaign.overview;
    const goal: Record<KpiKey, number | null> = {
      sessions: goals.sessions, new_contacts: goals.new_contacts, influenced_contacts: goals.influenced_contacts, revenue: goals.revenue, influenced_revenue: null,
    };
    // The sample's always-on campaign has traffic, contacts and revenue in both periods: nothing here compares zeros.
    expect(Object.values(figures(campaign)).every((v) => v > 0)).toBe(true);
    expect(Object.values(figures(earlier)).every((v) => v > 0)).toBe(true);

    const tiles = await page.locator('.kpi').evaluateAll((all) => all.map((tile) => ({
      key: tile.getAttribute('data-kpi'),
      value: tile.querySelector('.value')?.textContent,
      goal: tile.querySelector('.goal')?.textContent ?? null,
      change: tile.querySelector('.change')?.textContent,
    })));
    // Each tile: the command line's figure, its goal and the figure of the 90 days before, in the sidebar's words.
    const keys: KpiKey[] = ['sessions', 'new_contacts', 'influenced_contacts', 'revenue', 'influenced_revenue'];
    expect(tiles).toEqual(keys.map((key) => {
      const figure: KpiFigure = {
        key, value: figures(campaign)[key], goal: goal[key], previous: figures(earlier)[key],
        money: key === 'revenue' || key === 'influenced_revenue', drillDown: null,
      };
      const view = tileView(figure, { lang: 'en', currency: 'EUR' }, daysIn(answer.from, answer.to), t);
      return { key, value: view.value, goal: view.goal?.text ?? null, change: view.change.text };
    }));

    // For review: the controls and the tiles, as the top of the sidebar shows them.
    mkdirSync(join(ROOT, 'test-output'), { recursive: true });
    await page.screenshot({ path: join(ROOT, 'test-output', 'preview.png') });
  });

  test('a server failure reaches the sidebar as the server\'s message, and Run can be used again', async () => {
    await openSidebar();
    await choose({ search: 'spring', id: 'C01' }, 'linear', 'custom');
    await page.fill('#from', '2026-06-01');
    await page.fill('#to', '2026-05-01');
    await page.locator('#to').dispatchEvent('change');
    await page.click('#run');
    await page.locator('#notice[role=alert]').waitFor();
    await page.waitForFunction(() => document.getElementById('results')!.getAttribute('aria-busy') !== 'true');
    expect(await page.textContent('#notice')).toBe(t('sidebar.error.failed', {
      message: t('sidebar.options.range_inverted', { from: '2026-06-01', to: '2026-05-01' }),
    }));
    expect(await page.isEnabled('#run')).toBe(true);
    expect(await page.locator('#results').isHidden()).toBe(true);
  });

  describe('data at fault: the sidebar names the sheet, row and column', () => {
    const sheet = (name: string): FakeSheet => preview.addon.services.spreadsheet.sheet(name);
    /** The 0-based column of a header in row 1. */
    const column = (tab: FakeSheet, header: string) => tab.layers.values[0].indexOf(header);

    /**
     * Opens the sidebar, then changes the workbook in memory as a user editing the spreadsheet would (the
     * sidebar open, so it offers no mapping step), runs Spring launch over all dates, and undoes the change.
     */
    async function runAfter(change: () => () => void, check: () => Promise<void>): Promise<void> {
      await openSidebar();
      await choose({ search: 'spring', id: 'C01' }, 'linear', 'all');
      const undo = change();
      try {
        await page.click('#run');
        await page.waitForFunction(() => document.getElementById('results')!.getAttribute('aria-busy') !== 'true' && document.querySelector('#notice:not([hidden])') !== null);
        await check();
      } finally {
        undo();
      }
    }
    const setCell = (tab: FakeSheet, row: number, col: number, value: Cell) => () => {
      const before = tab.layers.values[row - 1][col];
      tab.layers.values[row - 1][col] = value;
      return () => {
        tab.layers.values[row - 1][col] = before;
      };
    };

    test('a cell that is not a number: its row is left out, and listed with sheet, row and column', async () => {
      const deals = sheet('Deals');
      await runAfter(setCell(deals, 5, column(deals, 'amount'), 'lots'), async () => {
        await page.locator('#results').waitFor({ state: 'visible' });
        const problem = page.locator('#problems li', { hasText: 'Deals, row 5, column amount' });
        expect(await problem.locator('.where').textContent()).toBe('Error · Deals, row 5, column amount');
        expect(await problem.locator('.where + div').textContent()).toBe(t('ingest.number_invalid', { value: 'lots' }));
      });
    });

    test('a required column whose header is gone stops the run, naming sheet and column', async () => {
      const deals = sheet('Deals');
      await runAfter(setCell(deals, 1, column(deals, 'amount'), 'deal size'), async () => {
        await page.locator('#notice[role=alert] .problems li').waitFor();
        // A column missing, no sheet: nothing to create.
        expect(await page.textContent('#notice p')).toBe(t('addon.report.blocked'));
        expect(await page.locator('#notice .problems .where').allTextContents()).toEqual(['Error · Deals, row 1, column amount']);
        expect(await page.locator('#results').isHidden()).toBe(true);
      });
    });

    test('a data sheet renamed: the run stops, naming the sheet it looked for', async () => {
      const visits = sheet('Visits');
      await runAfter(() => {
        visits.name = 'Visits (old)';
        return () => {
          visits.name = 'Visits';
        };
      }, async () => {
        await page.locator('#notice[role=alert] .problems li').waitFor();
        // With the lead to where a missing sheet gets made (or mapped).
        expect(await page.textContent('#notice p')).toBe(`${t('addon.report.blocked')} ${t('addon.report.blocked_sheets_missing', { sidebar: t('addon.menu.sidebar') })}`);
        expect(await page.locator('#notice .problems li').allTextContents()).toEqual([`Error · Visits${t('ingest.sheet_missing', { sheet: 'Visits' })}`]);
      });
    });
  });
});
