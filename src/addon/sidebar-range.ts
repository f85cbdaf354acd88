import { addDays, daysBefore, parseIsoDay } from '../core/time';
import { AddonError } from './addon-error';

// The sidebar's date ranges: presets that end today (except "last month"), a custom range, and the period
// of the same length just before a range, which the figures are compared with. Pure, so the sidebar itself
// shows the days a preset stands for.

export const RANGE_PRESETS = [
  'all', 'last_7_days', 'last_30_days', 'last_90_days', 'this_month', 'last_month', 'this_quarter', 'this_year', 'last_12_months', 'custom',
] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

export const isPreset = (value: unknown): value is RangePreset => (RANGE_PRESETS as readonly unknown[]).includes(value);

/**
 * The days a custom range may name. Sheets has no dates before 1899-12-30; and a range within these keeps the
 * period it is compared with (as long, just before it) in years the calendar arithmetic handles.
 */
export const FIRST_DAY = '1900-01-01';
export const LAST_DAY = '2099-12-31';

/** A range of whole days; `to` null means "up to today" whenever it runs. */
export interface DayRange {
  from: string | null;
  to: string | null;
}

/** Calendar-day arithmetic, done in UTC: a day has no zone. */

function firstOfMonth(iso: string, monthsBack = 0): string {
  const d = parseIsoDay(iso)!;
  return new Date(Date.UTC(d.year, d.month - 1 - monthsBack, 1)).toISOString().slice(0, 10);
}

/** The same day a year earlier; 29 February goes to the 28th. */
function yearBefore(iso: string): string {
  const { year, month, day } = parseIsoDay(iso)!;
  const lastDay = new Date(Date.UTC(year - 1, month, 0)).getUTCDate();
  return new Date(Date.UTC(year - 1, month - 1, Math.min(day, lastDay))).toISOString().slice(0, 10);
}

/**
 * The days a preset covers on `today`. Presets end today (`to` null: "up to today"), except last month;
 * only a custom range may reach into the future, and only when the user typed such a day.
 */
export function resolveRange(preset: RangePreset, custom: DayRange, today: string): DayRange {
  if (parseIsoDay(today) === null) throw new RangeError(`Not a day: ${today}`);
  const { month } = parseIsoDay(today)!;
  switch (preset) {
    case 'all':
      return { from: null, to: null };
    case 'last_7_days':
      return { from: addDays(today, -6), to: null };
    case 'last_30_days':
      return { from: addDays(today, -29), to: null };
    case 'last_90_days':
      return { from: addDays(today, -89), to: null };
    case 'this_month':
      return { from: firstOfMonth(today), to: null };
    case 'last_month':
      return { from: firstOfMonth(today, 1), to: addDays(firstOfMonth(today), -1) };
    case 'this_quarter':
      return { from: firstOfMonth(today, (month - 1) % 3), to: null };
    case 'this_year':
      return { from: `${today.slice(0, 4)}-01-01`, to: null };
    case 'last_12_months':
      return { from: addDays(yearBefore(today), 1), to: null };
    case 'custom': {
      for (const day of [custom.from, custom.to]) {
        if (day !== null && parseIsoDay(day) === null) throw new AddonError('sidebar.options.day_invalid', { value: String(day) });
        if (day !== null && (day < FIRST_DAY || day > LAST_DAY)) throw new AddonError('sidebar.options.day_out_of_range', { value: day, first: FIRST_DAY, last: LAST_DAY });
      }
      const to = custom.to ?? today;
      if (custom.from !== null && custom.from > to) throw new AddonError('sidebar.options.range_inverted', { from: custom.from, to });
      return { from: custom.from, to: custom.to };
    }
  }
}

/**
 * The period of the same length just before the range, to compare with; null for a range without a start
 * ("all dates"), which has nothing before it.
 */
export function previousPeriod(range: DayRange, today: string): { from: string; to: string } | null {
  if (range.from === null) return null;
  return daysBefore(range.from, daysIn(range.from, range.to ?? today));
}

/** Days in a range, both ends included. */
export function daysIn(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}
