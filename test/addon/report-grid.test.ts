import { tableGrid } from '../../src/addon/report-grid';
import type { ReportTable } from '../../src/core/report/table';

// One report table laid out as its report sheet's cells, before any service call.

const table = (extra: Partial<ReportTable> = {}): ReportTable => ({
  id: 'revenue',
  title: 'Revenue',
  subtitle: 'Model: Linear',
  columns: [
    { key: 'campaign', header: 'Campaign', type: 'text' },
    { key: 'period', header: 'Period', type: 'date' },
    { key: 'sessions', header: 'Sessions', type: 'integer' },
    { key: 'credit', header: 'Credit', type: 'number' },
    { key: 'revenue', header: 'Revenue', type: 'money' },
    { key: 'share', header: 'Share', type: 'percent' },
  ],
  rows: [
    ['Spring', '2024-03', 1234, 0.5, 1200.5, 0.25],
    ['Summer', '2024-04', 0, null, Number.POSITIVE_INFINITY, null],
  ],
  totals: ['Total', null, 1234, null, 1200.5, null],
  chart: { kind: 'pie', title: 'Revenue', categoryColumn: 'campaign', seriesColumns: ['revenue', 'sessions'] },
  ...extra,
});

test('title, subtitle and provenance above the header; empty and non-finite values as empty cells', () => {
  const grid = tableGrid(table(), 'Attribution model: Linear', 'EUR');
  expect([grid.height, grid.width]).toEqual([7, 6]);
  expect(grid.values).toEqual([
    ['Revenue', '', '', '', '', ''],
    ['Model: Linear', '', '', '', '', ''],
    ['Attribution model: Linear', '', '', '', '', ''],
    ['Campaign', 'Period', 'Sessions', 'Credit', 'Revenue', 'Share'],
    ['Spring', '2024-03', 1234, 0.5, 1200.5, 0.25],
    ['Summer', '2024-04', 0, '', '', ''],
    ['Total', '', 1234, '', 1200.5, ''],
  ]);
});

test('number formats follow the column types; text, dates and the rows above the header are plain text', () => {
  const grid = tableGrid(table(), 'p', 'EUR');
  for (let r = 0; r < 4; r++) expect(grid.numberFormats[r]).toEqual(Array(6).fill('@'));
  for (let r = 4; r < 7; r++) expect(grid.numberFormats[r]).toEqual(['@', '@', '#,##0', '#,##0.00', '"€"#,##0.00', '0.0%']);
  expect(tableGrid(table(), 'p', 'CHF').numberFormats[4][4]).toBe('#,##0.00 "CHF"');
  expect(tableGrid(table(), 'p', null).numberFormats[4][4]).toBe('#,##0.00');
  // The document's locale (BCP 47, from the spreadsheet's) places the symbol: after the amount in German.
  expect(tableGrid(table(), 'p', 'EUR', 'de-DE').numberFormats[4][4]).toBe('#,##0.00 "€"');
  expect(tableGrid(table(), 'p', 'EUR', 'en-IE').numberFormats[4][4]).toBe('"€"#,##0.00');
});

test('bold title, header and totals; a filled header; a grey provenance line', () => {
  const grid = tableGrid(table(), 'p', 'EUR');
  expect(grid.fontWeights.map((row) => row[0])).toEqual(['bold', 'normal', 'normal', 'bold', 'normal', 'normal', 'bold']);
  expect(grid.backgrounds.map((row) => row[5])).toEqual([null, null, null, '#dde4ee', null, null, null]);
  expect(grid.fontColors.map((row) => row[2])).toEqual([null, null, '#595959', null, null, null, null]);
});

test('column widths fit the header and the rows, within bounds; the title lines do not widen column A', () => {
  const grid = tableGrid(table({ title: 'A title far longer than any column should ever be made for it' }), 'p', 'EUR');
  // "Campaign": 8 characters at 7 px, plus 16 px of padding.
  expect(grid.columnWidths[0]).toBe(8 * 7 + 16);
  // 1200.5 in euros: "1,200" (5) ".50" (3) and room for the currency mark (4) is 12 characters, more than "Revenue".
  expect(grid.columnWidths[4]).toBe(12 * 7 + 16);
  // At most 50 characters, at least 8 (sheet-layout.ts).
  const wide = tableGrid(table({ rows: [['x'.repeat(200), '', 1, 1, 1, 1]] }), 'p', 'EUR');
  expect(wide.columnWidths[0]).toBe(50 * 7 + 16);
  const narrow = tableGrid(table({ columns: table().columns.map((c) => ({ ...c, header: 'x' })), rows: [['a', 'b', 1, 1, 1, 1]], totals: null }), 'p', null);
  expect(narrow.columnWidths[0]).toBe(8 * 7 + 16);
});

test('the chart reads the header and data rows (not the totals); a pie one series; placed right of the table', () => {
  const grid = tableGrid(table(), 'p', 'EUR');
  expect(grid.chart).toEqual({ kind: 'pie', title: 'Revenue', columns: [1, 5], firstRow: 4, lastRow: 6, anchorRow: 4, anchorColumn: 8 });
  const column = tableGrid(table({ chart: { kind: 'column', title: 'T', categoryColumn: 'period', seriesColumns: ['sessions', 'credit'] } }), 'p', 'EUR');
  expect(column.chart?.columns).toEqual([2, 3, 4]);
  // Room for the chart: 20 rows from the header down, one empty column and 7 for the chart.
  expect([grid.sheetRows, grid.sheetColumns]).toEqual([23, 14]);
});

test('no rows: no chart, and a sheet just big enough for the header and one row below the frozen header', () => {
  const grid = tableGrid(table({ rows: [], totals: null }), 'p', 'EUR');
  expect(grid.chart).toBeNull();
  expect([grid.height, grid.sheetRows, grid.sheetColumns]).toEqual([4, 5, 6]);
});

test('a chart naming a column the table lacks is a bug, caught before anything is written', () => {
  expect(() => tableGrid(table({ chart: { kind: 'bar', title: 'T', categoryColumn: 'nope', seriesColumns: [] } }), 'p', null))
    .toThrow('table "revenue": the chart refers to the unknown column "nope"');
});

test('text over the 50,000 characters a Sheets cell holds is cut to 50,000 with an ellipsis, never through an emoji', () => {
  // A source and its medium, each a cell long, joined: 60,003 characters.
  const joined = `${'s'.repeat(30_000)} / ${'m'.repeat(30_000)}`;
  const [cut] = tableGrid(table({ rows: [[joined, null, 1, null, null, null]], totals: null }), '', 'EUR').values[4];
  expect(cut).toBe(`${joined.slice(0, 49_999)}…`);
  // An emoji whose first half would be the 49,999th character: cut before it.
  const emoji = `${'x'.repeat(49_998)}😀${'y'.repeat(10)}`;
  const [before] = tableGrid(table({ rows: [[emoji, null, 1, null, null, null]], totals: null }), '', 'EUR').values[4];
  expect(before).toBe(`${'x'.repeat(49_998)}…`);
  // Up to the limit, as it is.
  const full = 'z'.repeat(50_000);
  expect(tableGrid(table({ rows: [[full, null, 1, null, null, null]], totals: null }), '', 'EUR').values[4][0]).toBe(full);
});
