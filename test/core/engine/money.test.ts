import { budgetInRange, spendInRange } from '../../../src/core/engine/money';
import { endOfDay, startOfDay } from '../../../src/core/time';
import type { Spend } from '../../../src/core/types';
import { at, campaign } from './fixtures';

// Spend in range when the Spend sheet has no row for the campaign: its budget spread evenly over its run
// (start_date, else created_at, to end_date, whole days both included), so a date range gets its share.

const UTC = 'UTC';
const range = (from: string | null, to: string, tz = UTC) => ({ from: from === null ? null : startOfDay(from, tz), to: endOfDay(to, tz) });
/** A run of 30 days, 1 to 30 March 2024: 100 a day. */
const march = campaign('C1', { budget: 3000, startDate: at('2024-03-01'), endDate: at('2024-03-30') });

describe('the budget\'s share of the range', () => {
  test('the whole run in range: the whole budget', () => {
    expect(budgetInRange(march, range(null, '2024-12-31'), UTC)).toBe(3000);
    expect(budgetInRange(march, range('2024-03-01', '2024-03-30'), UTC)).toBe(3000);
  });

  test('part of the run: 10 of its 30 days get a third, at either end', () => {
    expect(budgetInRange(march, range('2024-02-01', '2024-03-10'), UTC)).toBeCloseTo(1000, 9);
    expect(budgetInRange(march, range('2024-03-21', '2024-04-30'), UTC)).toBeCloseTo(1000, 9);
    // One day: 100.
    expect(budgetInRange(march, range('2024-03-15', '2024-03-15'), UTC)).toBeCloseTo(100, 9);
  });

  test('a range before or after the run: nothing (a year without data is charged nothing)', () => {
    expect(budgetInRange(march, range('2024-02-01', '2024-02-29'), UTC)).toBe(0);
    expect(budgetInRange(march, range('2030-01-01', '2030-12-31'), UTC)).toBe(0);
  });

  test('an end date before the start: no run to spread over, as without an end date', () => {
    const backwards = campaign('C4', { budget: 3000, startDate: at('2024-03-01'), endDate: at('2024-02-01') });
    expect(budgetInRange(backwards, range(null, '2024-12-31'), UTC)).toBe(3000);
    expect(budgetInRange(backwards, range('2024-10-01', '2024-10-31'), UTC)).toBeNull();
  });

  test('no start date: the run starts when the campaign was created', () => {
    // Created 11 March, ending 30 March: 20 days, 100 a day; 11–20 March in range: 1000.
    const created = campaign('C2', { budget: 2000, createdAt: at('2024-03-11'), endDate: at('2024-03-30') });
    expect(budgetInRange(created, range('2024-03-01', '2024-03-20'), UTC)).toBeCloseTo(1000, 9);
  });

  test('no end date: no run to spread over; a range from the start on gets the whole budget, a later one an unknown share', () => {
    const open = campaign('C3', { budget: 3000, startDate: at('2024-03-01') });
    expect(budgetInRange(open, range(null, '2024-12-31'), UTC)).toBe(3000);
    expect(budgetInRange(open, range('2024-03-01', '2024-03-05'), UTC)).toBe(3000);
    // October alone: not the whole budget again (November would be charged it too), and no share can be told.
    expect(budgetInRange(open, range('2024-10-01', '2024-10-31'), UTC)).toBeNull();
    expect(budgetInRange(open, range(null, '2024-02-29'), UTC)).toBe(0);
  });

  test('days are the workbook zone\'s: a run across the switch to summer time still counts whole days', () => {
    // Amsterdam, 25 March to 3 April 2024 (10 days; 31 March has 23 hours): 31 March to 3 April is 4 days, 40%.
    const tz = 'Europe/Amsterdam';
    const spring = campaign('C4', { budget: 1000, startDate: startOfDay('2024-03-25', tz), endDate: startOfDay('2024-04-03', tz) });
    expect(budgetInRange(spring, range('2024-03-31', '2024-04-03', tz), tz)).toBeCloseTo(400, 9);
  });

  test('no budget: no spend', () => {
    expect(budgetInRange(campaign('C5'), range(null, '2024-12-31'), UTC)).toBeNull();
  });
});

test('Spend rows win over the budget: only those dated in range count, the budget not at all', () => {
  const spend: Spend[] = [
    { row: 2, date: at('2024-03-05'), campaignId: 'C1', amount: 120, channel: null },
    { row: 3, date: at('2024-04-05'), campaignId: 'C1', amount: 80, channel: null },
  ];
  expect(spendInRange(march, spend, range('2024-03-01', '2024-03-31'), UTC)).toBe(120);
  expect(spendInRange(march, spend, range('2030-01-01', '2030-12-31'), UTC)).toBe(0);
});

test('Spend rows in another currency (amount null) are left out; they still keep the budget out', () => {
  // C1's budget is 3,000 for March 1–30; its Spend rows: 120 on 03-05, one in pounds on 03-06 and one on 04-05.
  const spend: Spend[] = [
    { row: 2, date: at('2024-03-05'), campaignId: 'C1', amount: 120, channel: null },
    { row: 3, date: at('2024-03-06'), campaignId: 'C1', amount: null, channel: null },
    { row: 4, date: at('2024-04-05'), campaignId: 'C1', amount: null, channel: null },
  ];
  expect(spendInRange(march, spend, range('2024-03-01', '2024-03-31'), UTC)).toBe(120);
  // In April only the row in pounds: the spend is unknown, not 0 and not the budget's share.
  expect(spendInRange(march, spend, range('2024-04-01', '2024-04-30'), UTC)).toBeNull();
  expect(spendInRange(march, spend, range('2030-01-01', '2030-12-31'), UTC)).toBe(0);
});
