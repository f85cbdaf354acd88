// Day numbers: a calendar day in the workbook's zone as a whole number (days since 1970-01-01). The
// formula facts are indexed by them, so a range [from, to] of whole days is a plain comparison of integers.
import { MS_PER_DAY, parseIsoDay } from '../time';

export { dayNumberAt } from '../time';

/** The day number of YYYY-MM-DD; null when it is not a real calendar day. */
export function dayNumberOfIso(isoDay: string): number | null {
  const d = parseIsoDay(isoDay);
  return d ? Date.UTC(d.year, d.month - 1, d.day) / MS_PER_DAY : null;
}

/** YYYY-MM-DD of a day number. */
export function isoOfDayNumber(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}
