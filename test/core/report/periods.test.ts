import { fillPeriods, nextPeriod } from '../../../src/core/report/periods';

// The period after a period key, and a series with every period between its first and last, by the calendar.

test.each([
  ['2024-02-28', '2024-02-29'],
  ['2024-02-29', '2024-03-01'],
  ['2023-02-28', '2023-03-01'],
  ['2023-12-31', '2024-01-01'],
  ['2024-09', '2024-10'],
  ['2024-12', '2025-01'],
])('after %s comes %s', (key, next) => {
  expect(nextPeriod(key)).toBe(next);
});

test('text that is no period key, or a date the calendar lacks, is a bug', () => {
  expect(() => nextPeriod('Total')).toThrow('"Total" is not a period key (YYYY-MM-DD or YYYY-MM)');
  expect(() => nextPeriod('2023-02-29')).toThrow(RangeError);
  expect(() => nextPeriod('2024-13')).toThrow(RangeError);
});

test('missing periods are filled in between the first and the last', () => {
  const empty = (period: string) => ({ period, sessions: 0 });
  expect(fillPeriods([{ period: '2024-11', sessions: 3 }, { period: '2025-02', sessions: 5 }], empty)).toEqual([
    { period: '2024-11', sessions: 3 }, { period: '2024-12', sessions: 0 }, { period: '2025-01', sessions: 0 }, { period: '2025-02', sessions: 5 },
  ]);
  expect(fillPeriods([{ period: '2024-02-28', sessions: 1 }, { period: '2024-03-01', sessions: 2 }], empty)).toEqual([
    { period: '2024-02-28', sessions: 1 }, { period: '2024-02-29', sessions: 0 }, { period: '2024-03-01', sessions: 2 },
  ]);
  expect(fillPeriods([], empty)).toEqual([]);
});
