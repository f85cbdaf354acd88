import { tileView } from '../../sidebar/kpi';
import type { KpiFigure } from '../../src/addon/sidebar-results';
import { formatMessage, type MessageId } from '../../src/core/messages';

// A KPI tile's numbers: the share of the goal and the change against the previous period, by hand.

const t = (id: MessageId, params?: Record<string, string | number>) => formatMessage(id, params, 'en');
const euro = { lang: 'en' as const, currency: 'EUR' };
const figure = (over: Partial<KpiFigure>): KpiFigure => ({ key: 'sessions', value: 0, goal: null, previous: null, money: false, drillDown: null, ...over });

test('a count with a goal, up against the previous period', () => {
  // 150 of 200 is 75%; 150 against 120 is +25%.
  expect(tileView(figure({ value: 150, goal: 200, previous: 120 }), euro, 30, t)).toEqual({
    label: 'Sessions', value: '150',
    goal: { share: 0.75, text: '75% of the goal of 200' },
    change: { direction: 'up', text: '+25% against the previous 30 days (120)' },
  });
});

test('money, past its goal, down against the previous period', () => {
  // 2,500 of 2,000 is 125%; 2,500 against 4,000 is −37.5%, shown as −38% (whole percents, the minus sign U+2212).
  expect(tileView(figure({ key: 'revenue', value: 2500, goal: 2000, previous: 4000, money: true }), euro, 7, t)).toEqual({
    label: 'Revenue', value: '€2,500.00',
    goal: { share: 1.25, text: '125% of the goal of €2,000.00' },
    change: { direction: 'down', text: '\u221238% against the previous 7 days (€4,000.00)' },
  });
});

test('no goal, nothing before, the same as before, and up from zero', () => {
  expect(tileView(figure({ value: 3 }), euro, null, t).goal).toBeNull();
  expect(tileView(figure({ value: 3, goal: 0 }), euro, null, t).goal).toBeNull();
  expect(tileView(figure({ value: 3 }), euro, null, t).change).toEqual({ direction: 'none', text: 'All dates: no earlier period to compare with' });
  expect(tileView(figure({ value: 3, previous: 3 }), euro, 14, t).change).toEqual({ direction: 'flat', text: 'The same as in the previous 14 days' });
  expect(tileView(figure({ value: 3, previous: 0 }), euro, 14, t).change).toEqual({ direction: 'up', text: 'Up from 0 over the previous 14 days' });
  // A range of one day (this month, on its first) is compared with the day before.
  expect(tileView(figure({ value: 3, previous: 4 }), euro, 1, t).change).toEqual({ direction: 'down', text: '\u221225% against the previous day (4)' });
});

test('money is compared in cents: linear credit that sums to 99.99999999999999 is the same as 100, not a fall', () => {
  // Linear credit: an amount of 100 split over 3 interactions is 100 × (1/3) = 33.33333333333333 each, and the
  // three add up to 99.99999999999999 (float arithmetic). In cents both are 10,000: the same, shown flat.
  const third = 100 * (1 / 3);
  const credited = third + third + third;
  expect(credited).toBe(99.99999999999999);
  expect(tileView(figure({ key: 'revenue', value: credited, previous: 100, money: true }), euro, 7, t).change)
    .toEqual({ direction: 'flat', text: 'The same as in the previous 7 days' });
  // Nothing before (to the cent: 0.004 is 0 cents) and something now is "up from 0", not a ratio off zero.
  expect(tileView(figure({ key: 'revenue', value: 5, previous: 0.004, money: true }), euro, 7, t).change)
    .toEqual({ direction: 'up', text: 'Up from €0.00 over the previous 7 days' });
  // A real cent's difference is a change, not "the same": 100.01 against 100 is +0.01%, which in whole percents
  // is 0%, so the arrow is flat too (an arrow up beside "0%" would contradict it).
  expect(tileView(figure({ key: 'revenue', value: 100.01, previous: 100, money: true }), euro, 7, t).change)
    .toEqual({ direction: 'flat', text: '0% against the previous 7 days (€100.00)' });
});

test('yen are compared in whole yen, as they are shown: 100.6 against 100 is ¥101 against ¥100, 100.4 the same', () => {
  const yen = { lang: 'en' as const, currency: 'JPY' };
  expect(tileView(figure({ key: 'revenue', value: 100.4, previous: 100, money: true }), yen, 7, t).change)
    .toEqual({ direction: 'flat', text: 'The same as in the previous 7 days' });
  expect(tileView(figure({ key: 'revenue', value: 0.4, previous: 0, money: true }), yen, 7, t).change)
    .toEqual({ direction: 'flat', text: 'The same as in the previous 7 days' });
  // 101 against 100 yen, the figures shown: +1%.
  expect(tileView(figure({ key: 'revenue', value: 100.6, previous: 100, money: true }), yen, 7, t).change)
    .toEqual({ direction: 'up', text: '+1% against the previous 7 days (¥100)' });
});

test('counts are compared exactly', () => {
  // 101 sessions against 100: +1%.
  expect(tileView(figure({ value: 101, previous: 100 }), euro, 7, t).change)
    .toEqual({ direction: 'up', text: '+1% against the previous 7 days (100)' });
  // 1,999 against 2,000: −0.05%, shown in whole percents as 0%: flat, not "−0%" with a falling arrow.
  expect(tileView(figure({ value: 1999, previous: 2000 }), euro, 7, t).change)
    .toEqual({ direction: 'flat', text: '0% against the previous 7 days (2,000)' });
});

test('numbers in the spreadsheet\'s locale, words in the user\'s language: de-DE in English', () => {
  // A de_DE spreadsheet (store.ts: formatLocale("de_DE") = "de-DE"): 1,200 euros is written 1.200,00 €, as in
  // the report sheets; 1,200 of a goal of 2,000 is 60 %; against 1,500: −20 % (1,200 / 1,500 = 0.8).
  const german = { lang: 'en' as const, currency: 'EUR', locale: 'de-DE' };
  expect(tileView(figure({ key: 'revenue', value: 1200, goal: 2000, previous: 1500, money: true }), german, 7, t)).toEqual({
    label: 'Revenue', value: '1.200,00\u00a0€',
    goal: { share: 0.6, text: '60\u00a0% of the goal of 2.000,00\u00a0€' },
    change: { direction: 'down', text: '\u221220\u00a0% against the previous 7 days (1.500,00\u00a0€)' },
  });
});
