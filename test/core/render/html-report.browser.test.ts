import type { Page } from 'playwright-core';
import { analyze } from '../../../src/core/engine';
import { renderHtmlReport } from '../../../src/core/render/html-report';
import { buildReportData } from '../../../src/core/report/report-data';
import { buildReportDocument } from '../../../src/core/report/tables';
import { BROWSER_TEST_TIMEOUT_MS, HAVE_CHROMIUM, launchChromium, PAGE_TIMEOUT_MS, type Chromium } from '../../sidebar/browser';
import { reportWorkbook } from '../report/report-fixture';

// The HTML report as a reader sees it in Chromium: on screen every column of a table is in view (a header
// cell may wrap; it does not push the goal columns out of sight), and printed no table is wider than the page.

jest.setTimeout(BROWSER_TEST_TIMEOUT_MS);

const data = buildReportData(analyze(reportWorkbook(), { lookbackDays: null }), [], {
  model: 'linear', touch: 'first', from: null, to: '2024-04-30', frequency: 'monthly', tz: 'UTC',
  campaignIds: null, lookbackDays: null, channels: 'campaign', markovOrder: 1,
});
const html = renderHtmlReport(buildReportDocument(data, { lang: 'en', generatedAt: '2024-05-01T08:00:00.000Z', currency: 'EUR' }), 'en');

interface Fit { id: string; tableWidth: number; room: number; scrolls: boolean }
const fits = (page: Page) => page.$$eval('section', (sections) => sections.map((s) => {
  const wrap = s.querySelector('.table-wrap') as HTMLElement;
  return { id: s.id, tableWidth: wrap.querySelector('table')!.getBoundingClientRect().width, room: wrap.clientWidth, scrolls: wrap.scrollWidth > wrap.clientWidth + 1 };
}));

if (!HAVE_CHROMIUM) {
  console.warn('Skipping the HTML report\'s browser tests: /usr/bin/chromium is missing.');
}
const inChromium = HAVE_CHROMIUM ? describe : describe.skip;

inChromium('the HTML report in Chromium', () => {
  let chromium: Chromium;
  beforeAll(async () => {
    chromium = await launchChromium();
  });
  afterAll(() => chromium?.close());

  async function open(width: number, media: 'screen' | 'print'): Promise<Page> {
    const context = await chromium.browser.newContext({ viewport: { width, height: 900 } });
    context.setDefaultTimeout(PAGE_TIMEOUT_MS);
    const page = await context.newPage();
    await page.emulateMedia({ media });
    await page.setContent(html);
    return page;
  }

  test('on screen, the overview shows its goal columns without scrolling: the number headers wrap', async () => {
    const page = await open(1100, 'screen');
    const overview = (await fits(page)).find((f) => f.id === 'overview')!;
    expect(overview.scrolls).toBe(false);
    const last = await page.$eval('#overview thead th:last-child', (th) => ({ text: th.textContent, right: th.getBoundingClientRect().right }));
    expect(last.text).toBe('Influenced contacts % of goal');
    expect(last.right).toBeLessThanOrEqual(1100);
    await page.context().close();
  });

  test('on a phone (390 px), a chart keeps readable text (at least 9 px) and scrolls sideways in its frame, as tables do', async () => {
    const page = await open(390, 'screen');
    const charts = await page.$$eval('svg.chart', (svgs) => svgs.map((svg) => {
      const scale = svg.getBoundingClientRect().width / (svg as SVGSVGElement).viewBox.baseVal.width;
      const font = Math.min(...[...svg.querySelectorAll('text')].map((text) => Number.parseFloat(getComputedStyle(text).fontSize) || 12));
      const frame = svg.closest('figure')!;
      return { textPx: font * scale, fitsPage: frame.getBoundingClientRect().right <= 390 + 1 };
    }));
    expect(charts.length).toBeGreaterThan(0);
    for (const chart of charts) expect(chart).toEqual({ textPx: expect.any(Number), fitsPage: true });
    expect(Math.min(...charts.map((c) => c.textPx))).toBeGreaterThanOrEqual(9);
    await page.context().close();
  });

  test('printed, the pages are landscape: the report asks for it, as its widest tables need it (portrait cuts off columns)', async () => {
    const page = await open(960, 'print');
    const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
    const boxes = [...pdf.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(boxes.length).toBeGreaterThan(0);
    expect(boxes.filter(([width, height]) => width <= height)).toEqual([]);
    await page.context().close();
  });

  test('printed (a landscape page), no table is wider than the page: nothing is cut off', async () => {
    // Letter in landscape less 12 mm margins: about 960 CSS pixels, the narrower of Letter and A4.
    const page = await open(960, 'print');
    const tooWide: Fit[] = (await fits(page)).filter((f) => f.tableWidth > f.room + 1 || f.scrolls);
    expect(tooWide).toEqual([]);
    await page.context().close();
  });
});
