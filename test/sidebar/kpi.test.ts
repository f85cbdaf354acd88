import { tileView } from '../../sidebar/kpi';
import type { KpiFigure } from '../../src/addon/sidebar-results';
import { formatMessage, type MessageId } from '../../src/core/messages';

// A KPI tile's numbers: the share of the goal and the change against the previous period, by hand.

const t = (id: MessageId, params?: Record<string, string | number>) => formatMessage(id, params, 'en');
const euro = { lang: 'en' as const, currency: 'EUR' };
const figure = (over: Partial<KpiFigure>): KpiFigure => ({ key: 'sessions', value: 0, goal: null, previous: null, money: false, ...over });

test('a count with a goal, up against the previous period', () => {
  // 150 of 200 is 75%; 150 against 120 is +25%.
  expect(tileView(figure({ value: 150, goal: 200, previous: 120 }), euro, 30, t)).toEqual({
    label: 'Sessions', value: '150',
    goal: { share: 0.75, text: '75% of the goal of 200' },
    change: { direction: 'up', text: '+25% against the previous 30 days (120)' },
  });
});

test('money, past its goal, down against the previous period', () => {
  // 2,500 of 2,000 is 125%; 2,500 against 4,000 is -37.5%, shown as -38%.
  expect(tileView(figure({ key: 'revenue', value: 2500, goal: 2000, previous: 4000, money: true }), euro, 7, t)).toEqual({
    label: 'Revenue', value: '€2,500.00',
    goal: { share: 1.25, text: '125% of the goal of €2,000.00' },
    change: { direction: 'down', text: '-38% against the previous 7 days (€4,000.00)' },
  });
});

test('no goal, nothing before, the same as before, and up from zero', () => {
  expect(tileView(figure({ value: 3 }), euro, null, t).goal).toBeNull();
  expect(tileView(figure({ value: 3, goal: 0 }), euro, null, t).goal).toBeNull();
  expect(tileView(figure({ value: 3 }), euro, null, t).change).toEqual({ direction: 'none', text: 'All dates: no earlier period to compare with' });
  expect(tileView(figure({ value: 3, previous: 3 }), euro, 14, t).change).toEqual({ direction: 'flat', text: 'The same as in the previous 14 days' });
  expect(tileView(figure({ value: 3, previous: 0 }), euro, 14, t).change).toEqual({ direction: 'up', text: 'Up from 0 in the previous 14 days' });
});
