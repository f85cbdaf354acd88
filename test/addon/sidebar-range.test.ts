import { nextCampaignId, utmOf } from '../../src/addon/sidebar-names';
import { daysIn, previousPeriod, resolveRange, RANGE_PRESETS, type RangePreset } from '../../src/addon/sidebar-range';

// The sidebar's date presets and the names it makes up, worked out by hand on a calendar.

describe('date range presets on Wednesday 2024-05-15', () => {
  const today = '2024-05-15';
  const none = { from: null, to: null };

  // Every preset but custom, worked out on the calendar (the type, and the test below, make a new preset need a line here).
  const EXPECTED: Record<Exclude<RangePreset, 'custom'>, [string | null, string | null]> = {
    all: [null, null],
    last_7_days: ['2024-05-09', null],
    last_30_days: ['2024-04-16', null],
    // 15 days of May, 30 of April, 31 of March, 14 of February: 90.
    last_90_days: ['2024-02-16', null],
    this_month: ['2024-05-01', null],
    last_month: ['2024-04-01', '2024-04-30'],
    this_quarter: ['2024-04-01', null],
    this_year: ['2024-01-01', null],
    last_12_months: ['2023-05-16', null],
  };

  test.each(Object.entries(EXPECTED))('%s: %j (null: up to today)', (preset, [from, to]) => {
    expect(resolveRange(preset as RangePreset, none, today)).toEqual({ from, to });
  });

  test('the presets worked out above are all of them but custom', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(RANGE_PRESETS.filter((p) => p !== 'custom').sort());
  });

  test('leap days and year ends', () => {
    expect(resolveRange('last_12_months', none, '2024-02-29')).toEqual({ from: '2023-03-01', to: null });
    expect(resolveRange('last_month', none, '2024-01-10')).toEqual({ from: '2023-12-01', to: '2023-12-31' });
    expect(resolveRange('this_quarter', none, '2024-12-31')).toEqual({ from: '2024-10-01', to: null });
    expect(resolveRange('last_month', none, '2024-03-31')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
  });

  test('a custom range: an open start, future days when chosen; an inverted or broken one is refused', () => {
    expect(resolveRange('custom', { from: null, to: '2024-03-31' }, today)).toEqual({ from: null, to: '2024-03-31' });
    expect(resolveRange('custom', { from: '2024-06-01', to: '2024-12-31' }, today)).toEqual({ from: '2024-06-01', to: '2024-12-31' });
    // No end: up to today, so a start after today is empty.
    expect(() => resolveRange('custom', { from: '2024-06-01', to: null }, today)).toThrow('The range is empty: it starts on 2024-06-01, after its end on 2024-05-15.');
    expect(() => resolveRange('custom', { from: '2024-02-30', to: null }, today)).toThrow('"2024-02-30" is not a day; use a date such as 2024-03-31.');
  });

  test('a custom range keeps to 1900-01-01 … 2099-12-31', () => {
    expect(resolveRange('custom', { from: '1900-01-01', to: '2099-12-31' }, today)).toEqual({ from: '1900-01-01', to: '2099-12-31' });
    expect(() => resolveRange('custom', { from: '0900-01-01', to: null }, today)).toThrow('A range can use the days from 1900-01-01 to 2099-12-31, not 0900-01-01.');
    expect(() => resolveRange('custom', { from: '1899-12-31', to: null }, today)).toThrow('not 1899-12-31.');
    expect(() => resolveRange('custom', { from: null, to: '2100-01-01' }, today)).toThrow('not 2100-01-01.');
  });
});

describe('the period compared with', () => {
  test('the same number of days just before', () => {
    // 2024-04-16..2024-05-15 is 30 days; the 30 before are 2024-03-17..2024-04-15.
    expect(previousPeriod({ from: '2024-04-16', to: null }, '2024-05-15')).toEqual({ from: '2024-03-17', to: '2024-04-15' });
    expect(daysIn('2024-04-16', '2024-05-15')).toBe(30);
    // March has 31 days: the 31 before end on the last day of February (leap year).
    expect(previousPeriod({ from: '2024-03-01', to: '2024-03-31' }, '2024-05-15')).toEqual({ from: '2024-01-30', to: '2024-02-29' });
    expect(previousPeriod({ from: '2024-05-15', to: null }, '2024-05-15')).toEqual({ from: '2024-05-14', to: '2024-05-14' });
  });

  test('the widest range there is: its period before stays in years the calendar holds', () => {
    // 1900–2099: 200 years of 365 days and 49 leap days (1904 … 2096; 1900 is none, 2000 is one): 73,049 days. The
    // 200 years before, 1700–1899, have 48 leap days (1704 … 1896 but 1800): 73,048 days, so the period starts a day earlier.
    expect(daysIn('1900-01-01', '2099-12-31')).toBe(73_049);
    expect(previousPeriod({ from: '1900-01-01', to: '2099-12-31' }, '2024-05-15')).toEqual({ from: '1699-12-31', to: '1899-12-31' });
  });

  test('all dates have nothing before them', () => {
    expect(previousPeriod({ from: null, to: null }, '2024-05-15')).toBeNull();
  });
});

describe('names the sidebar makes up', () => {
  test.each([
    ['Spring launch', 'spring_launch'],
    ['  Zomer-actie 2024! ', 'zomer_actie_2024'],
    ['Café Crème', 'cafe_creme'],
    ['!!!', 'campaign'],
  ])('utm value of %j: %s', (name, utm) => {
    expect(utmOf(name)).toBe(utm);
  });

  test.each([
    [['C1', 'C2', 'C9'], 'C10'],
    [['0041', '0007'], '0042'],
    [['camp-3', 'camp-12'], 'camp-13'],
    [['C1', 'spring'], 'autumn_sale'],
    [[], 'autumn_sale'],
    [['autumn_sale'], 'autumn_sale_2'],
  ])('after %j the next campaign id is %s', (ids, id) => {
    expect(nextCampaignId(ids, 'Autumn sale')).toBe(id);
  });
});
