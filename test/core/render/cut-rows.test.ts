import { cutRows } from '../../../src/core/render/cut-rows';
import { noDeals } from './fixtures';

// A table cut to what a file holds (an Excel sheet's rows) or a page can show.

describe('cutRows', () => {
  const rows = [['a', 1], ['b', 2], ['c', 3]];
  const table = { ...noDeals, rows };

  test('a table within the limit is kept whole, with no line about it', () => {
    expect(cutRows(table, 3, 'en')).toEqual({ table, note: null });
  });

  test('one row more: the first rows are kept, in order, and the line says how many of how many', () => {
    const { table: cut, note } = cutRows(table, 2, 'en');
    expect(cut.rows).toEqual([['a', 1], ['b', 2]]);
    expect(cut.columns).toBe(table.columns);
    expect(note).toBe('Only the first 2 of 3 rows are shown.');
  });

  test('counts grouped as the locale writes them, in the language asked for', () => {
    const many = { ...noDeals, rows: Array.from({ length: 1_048_600 }, (_, i) => [`row ${i}`, i]) };
    expect(cutRows(many, 1_048_571, 'nl', 'nl-NL').note).toBe('Alleen de eerste 1.048.571 van 1.048.600 rijen staan hier.');
  });
});
