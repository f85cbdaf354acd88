// Wall-clock times in a zone, across daylight-saving changes.
import { daysBefore, dayKey, endOfDay, parsePeriodKey, periodKeyer, startOfDay, wallClockToEpoch, zoneOffsetMs } from '../../src/core/time';

describe('wall clock to instant', () => {
  test('an ordinary time, and one on each side of Amsterdam\'s changes', () => {
    expect(wallClockToEpoch(2024, 7, 1, 12, 0, 0, 0, 'Europe/Amsterdam')).toBe(Date.parse('2024-07-01T10:00:00Z'));
    expect(wallClockToEpoch(2024, 1, 15, 12, 0, 0, 0, 'Europe/Amsterdam')).toBe(Date.parse('2024-01-15T11:00:00Z'));
    // 02:30 on 31 March 2024 does not exist (02:00 → 03:00): it reads as 03:30 CEST.
    expect(wallClockToEpoch(2024, 3, 31, 2, 30, 0, 0, 'Europe/Amsterdam')).toBe(Date.parse('2024-03-31T01:30:00Z'));
  });

  test('a day whose midnight is skipped starts at the jump: Santiago, 8 September 2024 (00:00 → 01:00)', () => {
    // The clocks go from 23:59:59 −04 on 7 September to 01:00 −03 on 8 September, at 04:00Z.
    expect(startOfDay('2024-09-08', 'America/Santiago')).toBe(Date.parse('2024-09-08T04:00:00Z'));
    expect(endOfDay('2024-09-07', 'America/Santiago')).toBe(Date.parse('2024-09-08T04:00:00Z') - 1);
    // 23:30 local on 7 September is on the 7th, inside that day's range.
    const lateEvening = Date.parse('2024-09-08T03:30:00Z');
    expect(dayKey(lateEvening, 'America/Santiago')).toBe('2024-09-07');
    expect(lateEvening).toBeLessThanOrEqual(endOfDay('2024-09-07', 'America/Santiago'));
  });
});

describe('clocks that change on the half hour of UTC', () => {
  test('St. John\'s (UTC−3:30, −2:30 in summer) changes at 05:30 UTC: 03:00 on 10 March 2024 is 05:30 UTC', () => {
    expect(wallClockToEpoch(2024, 3, 10, 3, 0, 0, 0, 'America/St_Johns')).toBe(Date.parse('2024-03-10T05:30:00Z'));
    // 3 November: 02:00 comes after the repeated hour, at −3:30 again.
    expect(wallClockToEpoch(2024, 11, 3, 2, 0, 0, 0, 'America/St_Johns')).toBe(Date.parse('2024-11-03T05:30:00Z'));
  });

  test('Lord Howe (UTC+10:30, +11 in summer) changes at 15:30 UTC on 5 October 2024', () => {
    expect(zoneOffsetMs(Date.parse('2024-10-05T15:29:00Z'), 'Australia/Lord_Howe')).toBe(10.5 * 3_600_000);
    expect(zoneOffsetMs(Date.parse('2024-10-05T15:45:00Z'), 'Australia/Lord_Howe')).toBe(11 * 3_600_000);
    expect(wallClockToEpoch(2024, 10, 6, 3, 0, 0, 0, 'Australia/Lord_Howe')).toBe(Date.parse('2024-10-05T16:00:00Z'));
  });
});

describe('clocks that changed a minute past the quarter hour: St. John\'s, 28 October 1990, at 00:01 local', () => {
  // At 02:31 UTC, 00:01 NDT (UTC−2:30) became 23:01 NST (UTC−3:30) on the 27th; 02:30 UTC was midnight, the 28th.
  test('the offset and the day change at 02:31 UTC, not at the quarter hour', () => {
    expect(zoneOffsetMs(Date.parse('1990-10-28T02:30:00Z'), 'America/St_Johns')).toBe(-2.5 * 3_600_000);
    expect(zoneOffsetMs(Date.parse('1990-10-28T02:36:00Z'), 'America/St_Johns')).toBe(-3.5 * 3_600_000);
    expect(dayKey(Date.parse('1990-10-28T02:36:00Z'), 'America/St_Johns')).toBe('1990-10-27');
  });

  test('a period key of that quarter hour is each instant\'s own day', () => {
    const day = periodKeyer('daily', 'America/St_Johns');
    expect(day(Date.parse('1990-10-28T02:30:00Z'))).toBe('1990-10-28');
    expect(day(Date.parse('1990-10-28T02:36:00Z'))).toBe('1990-10-27');
  });
});

describe('period keys', () => {
  test('a day and a month, with the midnight UTC of the day (of a month, its first day)', () => {
    expect(parsePeriodKey('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29, utcMidnight: Date.parse('2024-02-29T00:00:00Z') });
    expect(parsePeriodKey('2024-03')).toEqual({ year: 2024, month: 3, day: null, utcMidnight: Date.parse('2024-03-01T00:00:00Z') });
  });

  test.each(['2023-02-29', '2024-04-31', '2024-13', '2024-00', '2024-00-10', '2024-3', '2024-03-5', '2024-03-05T10:00', 'Total', ''])(
    '%p is no period key', (text) => {
      expect(parsePeriodKey(text)).toBeNull();
    },
  );
});

describe('the days just before a day', () => {
  test('as many as asked, ending the day before', () => {
    expect(daysBefore('2024-05-15', 7)).toEqual({ from: '2024-05-08', to: '2024-05-14' });
    // Across a leap day and a year end.
    expect(daysBefore('2024-03-01', 1)).toEqual({ from: '2024-02-29', to: '2024-02-29' });
    expect(daysBefore('2024-01-03', 7)).toEqual({ from: '2023-12-27', to: '2024-01-02' });
  });
});
