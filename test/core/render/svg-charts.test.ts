import type { ChartSpec, ReportTable } from '../../../src/core/report/table';
import { distinctLabels, niceAxis, renderChartSvg } from '../../../src/core/render/svg-charts';
import { marks, sliceDegrees } from './fixtures';

const ctx = { lang: 'en' as const, currency: 'EUR' };

function table(chart: ChartSpec, rows: (string | number | null)[][]): ReportTable {
  return {
    id: 't', title: 'T', subtitle: null, totals: null, chart, rows,
    columns: [
      { key: 'name', header: 'Name', type: 'text' },
      { key: 'a', header: 'Revenue', type: 'money' },
      { key: 'b', header: 'Deals', type: 'integer' },
    ],
  };
}
const draw = (chart: ChartSpec, rows: (string | number | null)[][]) => renderChartSvg(table(chart, rows), chart, ctx);

describe('niceAxis', () => {
  it('steps by 1, 2 or 5 times a power of ten and covers the range', () => {
    expect(niceAxis(0, 2500, true).ticks).toEqual([0, 500, 1000, 1500, 2000, 2500]);
    expect(niceAxis(0, 0.37, false).ticks).toEqual([0, 0.1, 0.2, 0.3, 0.4]);
    expect(niceAxis(-120, 480, false)).toMatchObject({ min: -200, max: 600, step: 200 });
    expect(niceAxis(0, 9, false).ticks).toEqual([0, 2, 4, 6, 8, 10]);
  });

  it('never gives counts a fractional step, and an all-zero range still has an axis', () => {
    expect(niceAxis(0, 3, true).ticks).toEqual([0, 1, 2, 3]);
    expect(niceAxis(0, 0, true).ticks).toEqual([0, 1]);
  });
});

describe('renderChartSvg', () => {
  it('bar chart: widths proportional to the values, negative bars to the left of zero', () => {
    const svg = draw({ kind: 'bar', title: 'Revenue', categoryColumn: 'name', seriesColumns: ['a'] },
      [['Email', 3000], ['Search', 1200], ['Refunds', -600]]);
    const [email, search, refunds] = marks(svg, 'rect', 'bar');
    expect(Number(email.width) / Number(search.width)).toBeCloseTo(3000 / 1200, 2);
    expect(Number(refunds.width) / Number(search.width)).toBeCloseTo(600 / 1200, 2);
    expect(Number(refunds.x) + Number(refunds.width)).toBeCloseTo(Number(email.x), 1);
    expect(svg).toContain('>€3,000<'); // a tick label, money without cents at a step of 500
  });

  it('truncates long category labels and keeps the full text as a tooltip', () => {
    const long = 'Spring webinar series for enterprise customers';
    const svg = draw({ kind: 'bar', title: 'Revenue', categoryColumn: 'name', seriesColumns: ['a'] }, [[long, 10]]);
    expect(svg).toContain(`…<title>${long}</title></text>`);
    expect(svg).not.toContain(`>${long}<title>`);
  });

  it('pie of more than 8 slices keeps the 7 largest and sums the rest as "Other"', () => {
    const rows = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((v) => [`Asset ${v}`, v * 10, 0]);
    const svg = draw({ kind: 'pie', title: 'Revenue', categoryColumn: 'name', seriesColumns: ['a'] }, rows);
    const slices = marks(svg, 'path', 'slice');
    expect(slices).toHaveLength(8);
    // Total 550; kept 40..100 in table order, then Other = 10 + 20 + 30 = 60.
    const expected = [40, 50, 60, 70, 80, 90, 100, 60].map((v) => expect.closeTo((v / 550) * 360, 1));
    expect(slices.map((s) => sliceDegrees(s.d))).toEqual(expected);
    expect(svg).toContain('Other: €60.00 (10.9%)');
  });

  it('pie with a single non-zero value is a full circle', () => {
    const svg = draw({ kind: 'pie', title: 'Deals', categoryColumn: 'name', seriesColumns: ['b'] }, [['Email', null, 0], ['Search', null, 4]]);
    const slices = marks(svg, 'path', 'slice');
    expect(slices).toHaveLength(1);
    expect(slices[0].d.match(/A /g)).toHaveLength(2);
    expect(svg).toContain('Search: 4 (100.0%)');
  });

  it('line chart skips missing values and describes itself for screen readers', () => {
    const svg = draw({ kind: 'line', title: 'Over time', categoryColumn: 'name', seriesColumns: ['a', 'b'] },
      [['Jan', 10, 1], ['Feb', null, 2], ['Mar', 30, 3]]);
    const [revenue, deals] = marks(svg, 'polyline', 'line');
    expect(revenue.points.split(' ')).toHaveLength(2);
    expect(deals.points.split(' ')).toHaveLength(3);
    expect(deals['stroke-dasharray']).toBeDefined(); // told apart without colour
    expect(svg).toContain('<desc id="chart-t-desc">Line chart of Revenue and Deals by Name.</desc>');
  });

  it('a column chart labels every campaign, slanted when upright labels would overlap; a line chart labels every k-th period', () => {
    // 11 campaigns over ~650 px: ~59 px a band, less than a 14-character upright label needs (14 × 6.5 + 8 = 99).
    const names = Array.from({ length: 11 }, (_, i) => `Campaign number ${i + 1}`);
    const columns = draw({ kind: 'column', title: 'Sessions', categoryColumn: 'name', seriesColumns: ['b'] }, names.map((name, i) => [name, 0, i + 1]));
    const slanted = [...columns.matchAll(/<text x="([\d.]+)" y="[\d.]+" text-anchor="end" transform="rotate\(-40 [^"]+\)">([^<]+)/g)];
    expect(slanted.map((m) => m[2])).toEqual(names);
    // None runs off the chart's left edge: its width along the slant, across, fits left of where it ends.
    for (const [, x, text] of slanted) expect(Number(x) - Array.from(text).length * 6.5 * Math.cos((40 * Math.PI) / 180)).toBeGreaterThanOrEqual(0);
    // 60 campaigns: a slanted label every band would stand ~6 px from the next, under a 12 px line; labelled
    // every k-th instead, each drawn label's line is at least 14 px from the next.
    const many = Array.from({ length: 60 }, (_, i) => `Campaign ${i + 1}`);
    const crowded = draw({ kind: 'column', title: 'Sessions', categoryColumn: 'name', seriesColumns: ['b'] }, many.map((name, i) => [name, 0, i + 1]));
    const drawn = [...crowded.matchAll(/<text x="([\d.]+)" y="[\d.]+" text-anchor="end" transform="rotate\(-40 [^"]+\)">/g)].map((m) => Number(m[1]));
    expect(drawn.length).toBeGreaterThan(1);
    expect(drawn.length).toBeLessThan(many.length);
    for (let i = 1; i < drawn.length; i++) expect((drawn[i] - drawn[i - 1]) * Math.sin((40 * Math.PI) / 180)).toBeGreaterThanOrEqual(14);
    const periods = Array.from({ length: 24 }, (_, i) => `2024-${String(i + 1).padStart(2, '0')}`);
    const line = draw({ kind: 'line', title: 'Sessions', categoryColumn: 'name', seriesColumns: ['b'] }, periods.map((p, i) => [p, 0, i]));
    expect(line).not.toContain('rotate(');
    expect(periods.filter((p) => line.includes(`>${p}</text>`)).length).toBeLessThan(periods.length);
  });

  it('says "No data" when the table has no rows', () => {
    const svg = draw({ kind: 'column', title: 'Empty', categoryColumn: 'name', seriesColumns: ['a'] }, []);
    expect(svg).toContain('>No data</text>');
  });

  it('refuses a chart that names a column the table lacks', () => {
    expect(() => draw({ kind: 'column', title: 'X', categoryColumn: 'name', seriesColumns: ['nope'] }, [['a', 1, 1]]))
      .toThrow(/nope/);
  });
});

describe('every series of a chart has a look of its own', () => {
  // The model comparison: one column per model, 11 of them, beyond the 8 colours of the palette.
  const many = (kind: 'column' | 'line', count: number) => {
    const columns = [{ key: 'name', header: 'Campaign', type: 'text' as const },
      ...Array.from({ length: count }, (_, i) => ({ key: `m${i}`, header: `Model ${i + 1}`, type: 'money' as const }))];
    const chart: ChartSpec = { kind, title: 'Models', categoryColumn: 'name', seriesColumns: columns.slice(1).map((c) => c.key) };
    const t: ReportTable = { id: 'models', title: 'Models', subtitle: null, totals: null, chart, columns,
      rows: [['Spring', ...Array.from({ length: count }, (_, i) => 100 + i)], ['Summer', ...Array.from({ length: count }, (_, i) => 200 + i)]] };
    return renderChartSvg(t, chart, ctx);
  };

  it('columns: 11 series, 11 different fills; beyond the palette a pattern that is defined in the chart', () => {
    const svg = many('column', 11);
    const fills = marks(svg, 'rect', 'bar').map((b) => b.fill);
    const bySeries = [...new Set(fills)];
    expect(bySeries).toHaveLength(11);
    const patterns = bySeries.filter((f) => f.startsWith('url('));
    expect(patterns).toEqual(['url(#chart-models-fill-8)', 'url(#chart-models-fill-9)', 'url(#chart-models-fill-10)']);
    for (const p of patterns) expect(svg).toContain(`<pattern id="${p.slice(5, -1)}"`);
    // The legend shows each series with its own fill.
    expect([...new Set(marks(svg, 'rect', 'swatch').map((r) => r.fill))]).toEqual(bySeries);
  });

  it('lines: no two of 11 series share both colour and dash', () => {
    const lines = marks(many('line', 11), 'polyline', 'line');
    const looks = lines.map((l) => `${l.stroke}|${l['stroke-dasharray'] ?? ''}`);
    expect(new Set(looks).size).toBe(11);
  });
});

describe('bar labels', () => {
  const bars = (names: string[]) => draw({ kind: 'bar', title: 'Sent', categoryColumn: 'name', seriesColumns: ['b'] }, names.map((n, i) => [n, null, i + 1]));
  const shown = (svg: string) => [...svg.matchAll(/<text[^>]*text-anchor="end">([^<]*)/g)].map((m) => m[1]);

  it('show a name of 40 characters in full', () => {
    const name = 'Invite: From spreadsheet to board report';
    expect(shown(bars([name, 'Short']))).toEqual([name, 'Short']);
  });

  it('keep apart two long names that one cut would make the same', () => {
    const a = 'Newsletter June: attribution basics for teams (subject A)';
    const b = 'Newsletter June: attribution basics for teams (subject B)';
    const [first, second] = shown(bars([a, b]));
    expect(first).not.toBe(second);
    expect(first).toMatch(/^Newsletter June.*…\(subject A\)$/);
    expect(second).toMatch(/^Newsletter June.*…\(subject B\)$/);
    // The full names stay as tooltips.
    expect(bars([a, b])).toContain(`<title>${a}</title>`);
  });

  it('distinctLabels: cut texts stay different, equal texts stay equal, short texts stay whole', () => {
    const labels = distinctLabels(['Launch announcement (subject A)', 'Launch announcement (subject B)', 'Launch', 'Launch'], 24);
    expect(labels[0]).not.toBe(labels[1]);
    expect(labels.every((l) => Array.from(l).length <= 24)).toBe(true);
    expect(labels.slice(2)).toEqual(['Launch', 'Launch']);
    expect(labels[0]).toMatch(/subject A\)$/);
  });
});
