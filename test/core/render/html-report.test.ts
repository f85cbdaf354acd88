import { renderHtmlReport } from '../../../src/core/render/html-report';
import { blocks, document, marks, noDeals, sliceDegrees } from './fixtures';

const html = renderHtmlReport(document, 'en');
const section = (id: string) => blocks(html, 'section').find((s) => s.startsWith(`<section id="${id}"`)) ?? '';
const cells = (markup: string) => [...markup.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]);

describe('renderHtmlReport', () => {
  it('is one self-contained page: no URL, no script', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link|<img|@import|url\(/i);
    expect(html).toContain('<style>');
  });

  it('escapes the document title, table text and category names', () => {
    const escaped = 'Q3 &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;friends&quot;';
    expect(html).toContain(`<title>${escaped}</title>`);
    expect(html).toContain(`<h1>${escaped}</h1>`);
    expect(html).not.toContain('<newsletter>');
    expect(section('traffic_by_source')).toContain('<td>Email &lt;newsletter&gt; &amp; &quot;promo&quot;</td>');
  });

  it('states the provenance lines and links every table from the contents', () => {
    expect(html).toContain('<li>Model: Linear</li><li>Range: 2024-01-01 to 2024-03-31 (Europe/Amsterdam)</li>');
    expect(html).toContain('>Contents</h2>');
    for (const t of document.tables) {
      expect(html).toContain(`<li><a href="#${t.id}">${t.title}</a></li>`);
      expect(html).toContain(`<section id="${t.id}">`);
    }
    expect(section('over_time')).toContain('<p class="subtitle">Monthly</p>');
  });

  it('formats every number by its column type, and periods as months by name', () => {
    expect(cells(section('over_time'))).toEqual([
      'Jan 2024', '1,200', '30', 'Feb 2024', '2,500', '45', 'Mar 2024', '1,800', '0', 'Total', '5,500', '75',
    ]);
    expect(cells(section('traffic_by_source'))).toEqual([
      'Organic search', '400', '12.50', 'Email &lt;newsletter&gt; &amp; &quot;promo&quot;', '100', '3.25',
    ]);
    expect(cells(section('revenue_attribution'))).toEqual([
      'Landing page', '€1,234.50', '25.0%', '—',
      'Webinar', '€2,469.00', '50.0%', '€3,000.00',
      'Blog post', '€1,234.50', '25.0%', '—',
      'Total', '€4,938.00', '100.0%', '€3,000.00',
    ]);
  });

  it('shows empty cells as a dash with an explanation, and the totals row in the table foot', () => {
    expect(section('revenue_attribution').match(/<td class="num empty" title="No value">—<\/td>/g)).toHaveLength(2);
    expect(section('over_time')).toContain('<tfoot><tr><td>Total</td><td class="num">5,500</td><td class="num">75</td></tr></tfoot>');
    expect(section('traffic_by_source')).not.toContain('<tfoot>');
  });

  it('draws one accessible SVG per chart', () => {
    const svgs = blocks(html, 'svg');
    expect(svgs).toHaveLength(document.tables.length);
    for (const svg of svgs) {
      expect(svg).toMatch(/^<svg [^>]*role="img"/);
      expect(svg).toMatch(/<title id="[^"]+">[^<]+<\/title>/);
    }
    expect(section('over_time')).toContain('<figcaption>Sessions and new contacts per month</figcaption>');
  });

  it('line chart: one polyline per series, point heights proportional to the values', () => {
    const [sessions, contacts] = marks(section('over_time'), 'polyline', 'line');
    expect(marks(section('over_time'), 'polyline', 'line')).toHaveLength(2);
    const ys = (points: string) => points.split(' ').map((p) => Number(p.split(',')[1]));
    const zero = ys(contacts.points)[2]; // new contacts in 2024-03 is 0: the baseline
    const [jan, feb, mar] = ys(sessions.points).map((y) => zero - y);
    expect(jan / feb).toBeCloseTo(1200 / 2500, 3);
    expect(mar / feb).toBeCloseTo(1800 / 2500, 3);
    expect(contacts.stroke).not.toBe(sessions.stroke);
  });

  it('column chart: grouped bars on one baseline, heights proportional to the values', () => {
    const bars = marks(section('traffic_by_source'), 'rect', 'bar');
    expect(bars).toHaveLength(4); // 2 sources × 2 series
    const height = (i: number) => Number(bars[i].height);
    const [organicViews, emailViews, organicContacts, emailContacts] = [0, 1, 2, 3].map(height);
    expect(organicViews / emailViews).toBeCloseTo(400 / 100, 2);
    expect(organicContacts / emailContacts).toBeCloseTo(12.5 / 3.25, 2);
    const baselines = bars.map((b) => Number(b.y) + Number(b.height));
    for (const b of baselines) expect(b).toBeCloseTo(baselines[0], 1);
    expect(Number(bars[2].x)).toBeGreaterThan(Number(bars[0].x)); // side by side within the group
  });

  it('pie chart: one slice per asset, angles matching the shares, percentages in the legend', () => {
    const pie = section('revenue_attribution');
    const slices = marks(pie, 'path', 'slice');
    expect(slices.map((s) => sliceDegrees(s.d))).toEqual([
      expect.closeTo(90, 1), expect.closeTo(180, 1), expect.closeTo(90, 1),
    ]);
    expect(pie).toContain('Webinar: €2,469.00 (50.0%)');
    expect(pie).toContain('Landing page: €1,234.50 (25.0%)');
  });

  it('pie chart of all zeros says "No data" instead of drawing slices', () => {
    const svg = blocks(section('deal_create'), 'svg')[0];
    expect(svg).toContain('>No data</text>');
    expect(marks(svg, 'path', 'slice')).toHaveLength(0);
  });

  it('is deterministic and follows the language', () => {
    expect(renderHtmlReport(document, 'en')).toBe(html);
    const dutch = renderHtmlReport(document, 'nl');
    expect(dutch).toContain('<html lang="nl">');
    expect(dutch).toContain('<td class="num">€\u00a01.234,50</td>');
    expect(dutch).toContain('<td class="num">1.200</td>');
  });

  it('says "No data" for a table without rows', () => {
    const empty = renderHtmlReport({ ...document, tables: [{ ...document.tables[1], rows: [] }] }, 'en');
    expect(empty).toContain('<td class="no-data" colspan="3">No data</td>');
    expect(marks(empty, 'rect', 'bar')).toHaveLength(0);
  });
});

describe('a table longer than a page can show', () => {
  it('shows its first 5,000 rows, with a line saying how many there are and where they all are; the totals stay', () => {
    const rows = Array.from({ length: 5_002 }, (_, i) => [`Interaction ${i + 1}`, i + 1]);
    const long = { ...noDeals, id: 'drill_down', chart: null, rows, totals: [null, 5002 * 5003 / 2] };
    const page = renderHtmlReport({ ...document, notice: null, tables: [long] }, 'en');
    expect(page.match(/<tr><td>Interaction \d+<\/td>/g)).toHaveLength(5_000);
    expect(page).toContain('<td>Interaction 5000</td>');
    expect(page).not.toContain('<td>Interaction 5001</td>');
    expect(page).toContain('<p class="subtitle">Only the first 5,000 of 5,002 rows are shown.</p>');
    // The totals are those of every row: 1 + 2 + … + 5,002.
    expect(page).toContain('12,512,503');
  });
});

describe('the locale of the document', () => {
  it('formats numbers, money and dates for it, the words staying in the message language', () => {
    const german = renderHtmlReport({ ...document, locale: 'de-DE' }, 'en');
    expect(german).toContain('<html lang="en">');
    expect(german).toContain('<td class="num">1.234,50\u00a0€</td>');
    expect(german).toContain('<td class="num">1.200</td>');
    expect(german).toContain('<td>Jan. 2024</td>');
    expect(german).toContain('<td>Total</td>');
  });
});

describe('styles', () => {
  const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1];
  const rules = (media: string | null) => {
    const printBlock = /@media print\{([\s\S]*)\}\s*$/m.exec(style.split('\n').find((l) => l.startsWith('@media print')) ?? '')?.[1] ?? '';
    return media === 'print' ? printBlock : style.split('\n').filter((l) => !l.startsWith('@')).join('\n');
  };

  it('header cells of number columns may wrap; only number cells in the body stay on one line', () => {
    expect(rules(null)).not.toMatch(/(^|[\s}])\.num\{[^}]*nowrap/);
    expect(rules(null)).toMatch(/td\.num\{white-space:nowrap\}/);
    expect(rules(null)).toMatch(/thead th\{white-space:normal/);
  });

  it('printed, tables do not scroll (and so are not cut): no overflow, the page width, header rows repeated', () => {
    expect(rules('print')).toMatch(/\.table-wrap\{overflow:visible\}/);
    expect(rules('print')).toMatch(/table\{width:100%/);
    expect(rules('print')).toMatch(/thead\{display:table-header-group\}/);
    expect(style).toContain('@page{size:landscape');
  });

  it('a table with many columns is marked to print in a smaller type', () => {
    const many = { ...document.tables[0], id: 'many', chart: null, columns: Array.from({ length: 12 }, (_, i) => ({ key: `c${i}`, header: `C${i}`, type: 'money' as const })), rows: [], totals: null };
    expect(renderHtmlReport({ ...document, tables: [many] }, 'en')).toContain('<table class="wide" aria-labelledby="many-title">');
    expect(section('over_time')).toContain('<table aria-labelledby="over_time-title">');
  });

  it('each table is named by its section\'s heading, for a screen reader', () => {
    expect(section('over_time')).toMatch(/<h2 id="over_time-title">[^<]+<\/h2>/);
  });
});
