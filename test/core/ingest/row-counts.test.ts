import { countDataRows, countRowsLeftOut } from '../../../src/core/ingest/row-counts';
import type { Problem } from '../../../src/core/types';

// The rows the command line's validate and the add-on's data check both report.

test('data rows: headers and blank rows (empty, spaces, unticked checkboxes) do not count', () => {
  const raw = {
    Campaigns: [['campaign_id', 'name'], ['C1', 'Spring'], ['', ''], ['C2', 'Summer']],
    // A CSV ending in ",,," lines reads as rows of empty cells; a whole-column range brings rows of nulls.
    Deals: [['deal_id', 'amount', 'won'], ['D1', 100, true], ['', '', ''], ['', '', ''], [null, '  ', false]],
    Visits: [['timestamp', 'visitor_id']],
  };
  // Campaigns: C1 and C2; Deals: D1; Visits: none.
  expect(countDataRows(raw)).toBe(3);
  expect(countDataRows({})).toBe(0);
});

test('a row blank in every column its sheet reads is not counted, as ingest skips it (a formula filled down another column)', () => {
  // Visits reads timestamp and visitor_id; "Week" is no column of it, and its 0s on empty rows are no data.
  const raw = { Visits: [['timestamp', 'visitor_id', 'Week'], ['2024-02-01', 'V1', 5], ['', '', 0], ['', '', 0]] };
  expect(countDataRows(raw)).toBe(1);
});

test('rows left out: each row with an error once, however many of its cells are wrong; warnings leave nothing out', () => {
  const problem = (severity: Problem['severity'], sheet: string, row: number | null, column: string | null): Problem =>
    ({ severity, sheet, row, column, messageId: 'ingest.number_invalid', params: {}, fatal: false });
  const problems = [
    problem('error', 'Deals', 3, 'amount'),
    problem('error', 'Deals', 3, 'closed_at'),
    problem('error', 'Visits', 3, 'contact_id'),
    problem('warning', 'Deals', 4, 'currency'),
  ];
  // Deals row 3 and Visits row 3: two rows, though both are row 3.
  expect(countRowsLeftOut(problems)).toBe(2);
  expect(countRowsLeftOut([])).toBe(0);
});
