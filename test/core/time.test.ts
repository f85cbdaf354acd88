// Wall-clock times in a zone, across daylight-saving changes.
import { dayKey, endOfDay, startOfDay, wallClockToEpoch } from '../../src/core/time';

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
