import type { ChartSpec, ReportTable } from '../../../src/core/report/table';
import { niceAxis, renderChartSvg } from '../../../src/core/render/svg-charts';
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

  it('says "No data" when the table has no rows', () => {
    const svg = draw({ kind: 'column', title: 'Empty', categoryColumn: 'name', seriesColumns: ['a'] }, []);
    expect(svg).toContain('>No data</text>');
  });

  it('refuses a chart that names a column the table lacks', () => {
    expect(() => draw({ kind: 'column', title: 'X', categoryColumn: 'name', seriesColumns: ['nope'] }, [['a', 1, 1]]))
      .toThrow(/nope/);
  });
});
