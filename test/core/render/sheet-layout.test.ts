import { chartColumns } from '../../../src/core/render/chart-columns';
import { columnChars } from '../../../src/core/render/sheet-layout';
import type { ColumnType, ReportTable, ReportValue } from '../../../src/core/report/table';

// The report sheet's layout that the add-on and the .xlsx share: how wide a column is, which columns a chart draws.

const oneColumn = (type: ColumnType, rows: ReportValue[], header = 'x', totals: ReportValue | null = null): ReportTable => ({
  id: 't', title: 'T', subtitle: null, columns: [{ key: 'c', header, type }],
  rows: rows.map((value) => [value]), totals: totals === null ? null : [totals], chart: null,
});

describe('column width in characters', () => {
  test.each([
    // "1,234,567,890": 10 digits and 3 separators.
    ['integer', 1234567890, null, 13],
    // "-12,345.68": sign, 5 digits, a separator, 3 for ".68".
    ['number', -12345.678, null, 10],
    // "123450.0%": percentages are not grouped ("0.0%"): 6 digits, ".0", "%".
    ['percent', 1234.5, null, 9],
    // "-1,234,567.89" is 13; a currency adds room for its mark (up to " CHF").
    ['money', -1234567.891, 'EUR', 17],
    ['money', -1234567.891, null, 13],
    ['text', 'organic_search / cpc', null, 20],
  ] as const)('a %s cell of %j (currency %s) needs %i', (type, value, currency, chars) => {
    expect(columnChars(oneColumn(type, [value]), 0, currency)).toBe(chars);
  });

  test('the header, the totals and the bounds count; empty and non-finite cells do not', () => {
    // "Contacts (first touch)" is 22 characters, longer than any count under it.
    expect(columnChars(oneColumn('integer', [30, 12], 'Contacts (first touch)'), 0, null)).toBe(22);
    // The totals row: "1,234,567,890" (13) under rows of 1.
    expect(columnChars(oneColumn('integer', [1, 1], 'x', 1234567890), 0, null)).toBe(13);
    expect(columnChars(oneColumn('money', [null, Number.POSITIVE_INFINITY], 'x'), 0, 'EUR')).toBe(8);
    // At least 8 characters, at most 50.
    expect(columnChars(oneColumn('text', ['a']), 0, null)).toBe(8);
    expect(columnChars(oneColumn('text', ['x'.repeat(200)]), 0, null)).toBe(50);
  });
});

describe('the columns a chart draws', () => {
  const table: ReportTable = {
    id: 'revenue', title: 'Revenue', subtitle: null,
    columns: [
      { key: 'campaign', header: 'Campaign', type: 'text' },
      { key: 'sessions', header: 'Sessions', type: 'integer' },
      { key: 'revenue', header: 'Revenue', type: 'money' },
    ],
    rows: [], totals: null, chart: null,
  };

  test('the category column and one per series, as indexes into the columns; a pie its first series only', () => {
    expect(chartColumns(table, { kind: 'column', title: 'T', categoryColumn: 'campaign', seriesColumns: ['revenue', 'sessions'] }))
      .toEqual({ category: 0, series: [2, 1] });
    expect(chartColumns(table, { kind: 'pie', title: 'T', categoryColumn: 'campaign', seriesColumns: ['revenue', 'sessions'] }))
      .toEqual({ category: 0, series: [2] });
  });

  test('a column the table lacks is the report builder\'s bug', () => {
    expect(() => chartColumns(table, { kind: 'bar', title: 'T', categoryColumn: 'campaign', seriesColumns: ['nope'] }))
      .toThrow('table "revenue": the chart refers to the unknown column "nope"');
  });
});
