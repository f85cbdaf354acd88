import { addDays, parsePeriodKey } from '../time';

// Time series as a line chart reads them: every period from the first to the last, with zeros where nothing
// happened. The engine's series are sparse (a period appears once something is counted in it; the JSON report
// keeps them so, cli.md); a line drawn through a sparse series slopes across the empty periods instead of
// dropping to zero.

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The period after `key`: the next calendar day of a YYYY-MM-DD key, the next month of a YYYY-MM key. Keys are
 * calendar dates in the report's zone already (dayKey / periodKeyer), so the step is plain calendar arithmetic.
 */
export function nextPeriod(key: string): string {
  const period = parsePeriodKey(key);
  if (period === null) throw new RangeError(`"${key}" is not a period key (YYYY-MM-DD or YYYY-MM)`);
  if (period.day !== null) return addDays(key, 1);
  const { year, month } = period;
  return month === 12 ? `${year + 1}-01` : `${year}-${pad(month + 1)}`;
}

/**
 * `points` (sorted by period, all daily or all monthly keys) with a point for every period between the first
 * and the last; a missing period is `empty(period)`.
 */
export function fillPeriods<P extends { period: string }>(points: readonly P[], empty: (period: string) => P): P[] {
  if (points.length === 0) return [];
  const out: P[] = [];
  const last = points[points.length - 1].period;
  let i = 0;
  for (let period = points[0].period; ; period = nextPeriod(period)) {
    if (i < points.length && points[i].period === period) out.push(points[i++]);
    else out.push(empty(period));
    if (period >= last) break;
  }
  return out;
}
