import type { Cell } from '../types';
import { MS_PER_DAY, serialToEpoch, timeOfDayMs, wallClockToEpoch, wallToEpoch, zoneOffsetMs } from '../time';
import { cellIssue, type CellIssue } from './cells';
import { monthKey, type CellContext, type ReadingNote } from './locale';

const DATE_INVALID = cellIssue('ingest.date_invalid');
const DATE_AMBIGUOUS = cellIssue('ingest.date_ambiguous');
const DATE_SERIAL_SMALL = cellIssue('ingest.date_serial_small');
const DATE_TOO_EARLY = cellIssue('ingest.date_too_early');
const TIME_INVALID = cellIssue('ingest.time_invalid');

/**
 * Serials from 1910-01-01 (3654 days after 1899-12-30) up to 9999-12-31, the last date Sheets and Excel
 * hold. Sheets holds dates from 1899 too, but no marketing data is that old, while a year typed alone
 * (2024) or a small number (12) would read as a date before 1910 without a word: every year up to 3653
 * falls below the bound and is a problem instead.
 */
const MIN_SERIAL = 3654;
/** Past 9999-12-31: no serial (an eight-digit number there is a compact date, 20240301). */
export const MAX_SERIAL = 2958466;
/**
 * The same bound for date cells: a time typed alone ("10:00") reaches a script as a Date on 30 December 1899,
 * and would be a visit or a campaign's creation 125 years ago without a word. A day early, so that 1 January
 * 1910 passes in every zone.
 */
const EARLIEST_DATE = Date.UTC(1909, 11, 31);
const EARLIEST_YEAR = 1910;

// Optional time ("T12:00", " 14:30:05.250", ", 2:30 PM") and zone ("Z", "+02:00", "+0200", "UTC").
// Groups: 5 hour, 6 minute, 7 second, 8 fraction, 9 a/p, 10 zone.
const TIME =
  '(?:(?:T|\\s+|,\\s*)(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?\\s*(?:([ap])\\.?m\\.?)?)?' +
  '\\s*(Z|UTC|GMT|[+-]\\d{2}(?::?\\d{2})?)?';
/** 2024-03-01, 2024/3/1, 2024.03.01: year first is never ambiguous. */
const YEAR_FIRST = new RegExp(`^(\\d{4})([-/.])(\\d{1,2})\\2(\\d{1,2})${TIME}$`, 'i');
/** 25/04/2024, 04-25-2024, 3.4.2024: day or month first. */
const YEAR_LAST = new RegExp(`^(\\d{1,2})([-/.])(\\d{1,2})\\2(\\d{4})${TIME}$`, 'i');
const SERIAL_TEXT = /^\d+(?:\.\d+)?$/;
/** 20240301: ISO 8601's basic form of a date, as GA4 and BigQuery export it. */
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;
/** A month name in any script, its accents possibly written as combining marks. */
const MONTH = '([\\p{L}\\p{M}]+)';
/** April 25, 2024 · Apr. 25 2024 (groups: 1 month, 2 dot, 3 day, 4 year, then TIME's). */
const MONTH_NAME_FIRST = new RegExp(`^${MONTH}(\\.?)\\s+(\\d{1,2}),?\\s+(\\d{4})${TIME}$`, 'iu');
/**
 * 25 April 2024 · 25 apr. 2024 · 25-Apr-2024 · 25. Mai 2024, as German writes the day (groups: 1 day,
 * 2 month, 3 dot, 4 year, then TIME's).
 */
const DAY_FIRST_MONTH_NAME = new RegExp(`^(\\d{1,2})\\.?[\\s-]+${MONTH}(\\.?)[\\s-]+(\\d{4})${TIME}$`, 'iu');

/**
 * A date or date-time cell as an instant (epoch ms); null when empty.
 * Date cells are taken as they are (Sheets already gives the right instant); numbers are Sheets serials
 * and text without a zone is wall-clock time, both in `ctx.tz`. Day-first or month-first text is settled
 * by its numbers when one exceeds 12, else by the locale, else it is a problem: never a guess.
 */
export function parseDateCell(cell: Cell, ctx: CellContext, note?: ReadingNote): number | null | CellIssue {
  if (typeof cell === 'number') return serialInstant(cell, ctx.tz);
  if (typeof cell === 'string') return parseDateText(cell, ctx, note);
  if (cell === null || cell === undefined) return null;
  if (typeof cell === 'boolean') return DATE_INVALID;
  const time = cell.getTime();
  return Number.isNaN(time) ? DATE_INVALID : time < EARLIEST_DATE ? DATE_TOO_EARLY : time;
}

/** The date-text patterns parseDateText tries, in its order; each has TIME's groups at 5–10. */
const DATE_TEXT_PATTERNS = [YEAR_FIRST, YEAR_LAST, MONTH_NAME_FIRST, DAY_FIRST_MONTH_NAME];

/**
 * Whether a date cell holds a time of day of its own, past midnight: "2024-03-01 10:15", a serial with a
 * fraction, a Date past midnight, or an instant written with its zone, with or without a clock
 * ("2024-03-01T00:00:00Z", "2024-03-01 UTC": its day is the zone's, not the workbook's). "2024-03-01 00:00" or
 * "12:00 AM" is a date written with its midnight. Text is read with the parser's own patterns.
 */
export function cellHoldsTimeOfDay(cell: Cell, tz: string): boolean {
  if (typeof cell === 'number') return !Number.isInteger(cell);
  if (cell instanceof Date) return !Number.isNaN(cell.getTime()) && timeOfDayMs(cell.getTime(), tz) !== 0;
  if (typeof cell !== 'string') return false;
  const text = cell.trim();
  if (text.length > LONGEST_DATE_TEXT) return false;
  if (SERIAL_TEXT.test(text)) return !Number.isInteger(Number(text));
  for (const pattern of DATE_TEXT_PATTERNS) {
    const m = pattern.exec(text);
    if (m) return m[10] !== undefined || (m[5] !== undefined && (clockMs(m[5], m[6], m[7], m[8], m[9]) ?? 0) !== 0);
  }
  return false;
}

function serialInstant(serial: number, tz: string): number | CellIssue {
  if (serial < MIN_SERIAL) return DATE_SERIAL_SMALL;
  if (serial < MAX_SERIAL) return serialToEpoch(serial, tz);
  // Past every serial, eight digits are a compact date (GA4's and BigQuery's 20240301).
  const m = Number.isInteger(serial) ? COMPACT_DATE.exec(String(serial)) : null;
  return m ? instantOf(Number(m[1]), Number(m[2]), Number(m[3]), m, tz) : DATE_INVALID;
}

/** Longer than any date written out ("Wednesday, 31 December 2024 23:59:59.123456789 +05:30" and then some). */
const LONGEST_DATE_TEXT = 100;

function parseDateText(raw: string, ctx: CellContext, note?: ReadingNote): number | null | CellIssue {
  const text = raw.trim();
  if (text === '') return null;
  // Not a date, and the patterns below on megabytes of text would exhaust the stack.
  if (text.length > LONGEST_DATE_TEXT) return DATE_INVALID;
  let m = YEAR_FIRST.exec(text);
  if (m) return instantOf(Number(m[1]), Number(m[3]), Number(m[4]), m, ctx.tz);
  m = YEAR_LAST.exec(text);
  if (m) {
    const first = Number(m[1]);
    const second = Number(m[3]);
    // Either order reads the same when a number exceeds 12 or both are equal.
    const dayFirst = first > 12 ? true : second > 12 ? false : first === second ? true : ctx.dayFirst;
    if (dayFirst === null) return DATE_AMBIGUOUS;
    if (note) {
      note.own = first > 12 ? 'day_first' : second > 12 ? 'month_first' : null;
      note.byLocale = first <= 12 && second <= 12 && first !== second;
    }
    const year = Number(m[4]);
    return dayFirst ? instantOf(year, second, first, m, ctx.tz) : instantOf(year, first, second, m, ctx.tz);
  }
  // Month names (English, Dutch and the locale's) say which number is the day: never ambiguous.
  m = MONTH_NAME_FIRST.exec(text);
  const monthFirst = m ? ctx.monthNames.get(monthKey(m[1])) : undefined;
  if (m && monthFirst !== undefined) return instantOf(Number(m[4]), monthFirst, Number(m[3]), m, ctx.tz);
  m = DAY_FIRST_MONTH_NAME.exec(text);
  const monthSecond = m ? ctx.monthNames.get(monthKey(m[2])) : undefined;
  if (m && monthSecond !== undefined) return instantOf(Number(m[4]), monthSecond, Number(m[1]), m, ctx.tz);
  // A date column exported to CSV without a date format holds the serial as text.
  if (SERIAL_TEXT.test(text)) return serialInstant(Number(text), ctx.tz);
  return DATE_INVALID;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in a month (1–12) of the proleptic Gregorian calendar, without a Date per parsed cell. */
function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
}

/** The instant of a matched date, reading the shared TIME groups of `m`. */
function instantOf(year: number, month: number, day: number, m: RegExpExecArray, tz: string): number | CellIssue {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return DATE_INVALID;
  // As for serials and date cells: no marketing data is that old, and 10000101 is no date anyone meant.
  if (year < EARLIEST_YEAR) return DATE_TOO_EARLY;
  const msOfDay = m[5] === undefined ? 0 : clockMs(m[5], m[6], m[7], m[8], m[9]);
  if (msOfDay === null) return DATE_INVALID;
  const zone = m[10];
  if (zone === undefined) return wallClockToEpoch(year, month, day, 0, 0, 0, msOfDay, tz);
  const offset = zoneOffsetOf(zone);
  if (offset === null) return DATE_INVALID;
  return Date.UTC(year, month - 1, day) + msOfDay - offset;
}

/**
 * A clock time's matched groups (hour, minute, second, fraction of a second, a or p) as ms since midnight;
 * null when it is no time (25:00, 13:00 PM).
 */
function clockMs(hourText: string, minuteText: string, secondText?: string, fraction?: string, half?: string): number | null {
  let hour = Number(hourText);
  const minute = Number(minuteText);
  const second = secondText === undefined ? 0 : Number(secondText);
  const ms = fraction === undefined ? 0 : Number(`${fraction}00`.slice(0, 3));
  if (half !== undefined) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (half.toLowerCase() === 'p' ? 12 : 0);
  }
  if (hour > 23 || minute > 59 || second > 59) return null;
  return ((hour * 60 + minute) * 60 + second) * 1000 + ms;
}

/** "Z", "UTC", "+02", "+0200", "-05:30" as an offset in ms east of Greenwich. */
function zoneOffsetOf(zone: string): number | null {
  const upper = zone.toUpperCase();
  if (upper === 'Z' || upper === 'UTC' || upper === 'GMT') return 0;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (hours > 23 || minutes > 59) return null;
  return (zone[0] === '-' ? -1 : 1) * (hours * 60 + minutes) * 60_000;
}

/**
 * 14:30 · 14:30:05 · 14:30:05.250 · 2:30 PM · 14.30.05, as locales such as fi and da show times (a dot only with
 * the seconds: "14.30" alone reads as a number). Groups: 1 hour, 2 separator, 3 minute, 4 second, 5 fraction, 6 a/p.
 */
const TIME_OF_DAY = /^(\d{1,2})([:.])(\d{2})(?:\2(\d{2})(?:[.,](\d{1,9}))?)?\s*(?:([ap])\.?m\.?)?$/i;

/**
 * A time-of-day cell (a column beside the date: "Date" and "Time") as ms since midnight; null when empty.
 * A number is a serial's time of day: a fraction of a day (an xlsx time) or a date-time serial from 1910 on, as
 * date cells take them; any other number (10, 14.3: an hour? a "14.30"?) is none. A Sheets time cell is a Date
 * on 30 December 1899, read on the wall clock of `ctx.tz` (the add-on reads such cells as Sheets shows them,
 * withTimesAsShown); text is 14:30, 14:30:05 or 2:30 PM.
 */
export function parseTimeOfDayCell(cell: Cell, ctx: CellContext): number | null | CellIssue {
  if (cell === null || cell === undefined) return null;
  if (typeof cell === 'boolean') return TIME_INVALID;
  if (typeof cell === 'number') {
    const timeOfSerial = (cell >= 0 && cell < 1) || (cell >= MIN_SERIAL && cell < MAX_SERIAL && !Number.isInteger(cell));
    return timeOfSerial ? Math.round((cell - Math.floor(cell)) * MS_PER_DAY) % MS_PER_DAY : TIME_INVALID;
  }
  if (typeof cell !== 'string') return Number.isNaN(cell.getTime()) ? TIME_INVALID : timeOfDayMs(cell.getTime(), ctx.tz);
  const text = cell.trim();
  if (text === '') return null;
  return parseTimeOfDayText(text) ?? (SERIAL_TEXT.test(text) ? parseTimeOfDayCell(Number(text), ctx) : TIME_INVALID);
}

/** Time-of-day text (14:30, 14:30:05, 2:30 PM, 14.30.05) as ms since midnight; null when it is none. */
export function parseTimeOfDayText(text: string): number | null {
  const m = TIME_OF_DAY.exec(text.trim());
  if (!m || (m[2] === '.' && m[4] === undefined)) return null;
  return clockMs(m[1], m[3], m[4], m[5], m[6]);
}

/** The instant on the calendar day of `instant` (in `tz`) at `msOfDay` after its midnight, on the wall clock. */
export function atTimeOfDay(instant: number, msOfDay: number, tz: string): number {
  const offset = zoneOffsetMs(instant, tz);
  const wall = Math.floor((instant + offset) / MS_PER_DAY) * MS_PER_DAY + msOfDay;
  // Most days keep one offset all day: no calendar arithmetic (a Visits sheet calls this twice a row). Near a
  // change of offset, wallClockToEpoch decides, as it does for a timestamp of the same wall-clock time.
  if (zoneOffsetMs(wall - offset, tz) === offset && zoneOffsetMs(wall, tz) === offset) return wall - offset;
  return wallToEpoch(wall, tz);
}
