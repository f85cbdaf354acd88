// Time zones without a library: Intl gives a zone's offset at an instant (Node and Apps Script V8 both
// ship full ICU). Offsets are cached per zone and UTC hour (zoneOffsetMs), since a 1M-visit workbook asks millions of times.

const MS_PER_MINUTE = 60_000;
export const MS_PER_DAY = 86_400_000;
/** Sheets and Excel count days from 1899-12-30 (wall clock, no zone). */
const SERIAL_EPOCH_UTC = Date.UTC(1899, 11, 30);

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** True when the zone is a valid IANA name (or UTC). */
export function isValidTimeZone(tz: string): boolean {
  try {
    formatterFor(tz);
    return true;
  } catch {
    return false;
  }
}

function isUtc(tz: string): boolean {
  return tz === 'UTC' || tz === 'Etc/UTC' || tz === 'GMT';
}

/**
 * The spans offsets are looked up for, coarse to fine: an hour, and within an hour whose end has another offset
 * than its start (the clocks changed in it), its quarter hours (Lord Howe and St. John's change at half past the
 * UTC hour), and within such a quarter, its minutes (St. John's changed at 00:01 local, 1987–2011).
 */
const OFFSET_SPANS_MS = [60 * MS_PER_MINUTE, 15 * MS_PER_MINUTE, MS_PER_MINUTE];
const offsetCaches = OFFSET_SPANS_MS.map(() => new Map<string, Map<number, number>>());

/** The wall clock of `tz` at the instant, to the second, as Intl gives it. */
function wallClockAt(epochMs: number, tz: string): (part: 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second') => number {
  const parts = formatterFor(tz).formatToParts(new Date(epochMs));
  return (type) => Number(parts.find((p) => p.type === type)?.value ?? 0);
}

/** The zone's offset at the instant as Intl gives it, to the minute. */
function offsetAt(epochMs: number, tz: string): number {
  const get = wallClockAt(epochMs, tz);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((wall - epochMs) / MS_PER_MINUTE) * MS_PER_MINUTE;
}

/** The offset at the start of span number `span` of the `level`th size, cached per zone. */
function offsetAtSpan(level: number, span: number, tz: string): number {
  let bySpan = offsetCaches[level].get(tz);
  if (!bySpan) offsetCaches[level].set(tz, (bySpan = new Map()));
  let offset = bySpan.get(span);
  if (offset === undefined) bySpan.set(span, (offset = offsetAt(span * OFFSET_SPANS_MS[level], tz)));
  return offset;
}

/** Offset of `tz` from UTC at the instant, in ms (positive east of Greenwich). */
export function zoneOffsetMs(epochMs: number, tz: string): number {
  if (isUtc(tz)) return 0;
  for (let level = 0; ; level++) {
    const span = Math.floor(epochMs / OFFSET_SPANS_MS[level]);
    const offset = offsetAtSpan(level, span, tz);
    // The whole span has the offset its start has when its end has it too: clocks change at most once in an hour.
    if (level === OFFSET_SPANS_MS.length - 1 || offsetAtSpan(level, span + 1, tz) === offset) return offset;
  }
}

/**
 * The time of day the wall clock in `tz` shows at the instant, in ms since midnight: to the second, as the
 * zone's own rules give it (a Sheets time cell is an instant in 1899, when zones kept local mean time, offsets
 * such as +00:19:32 that zoneOffsetMs would round).
 */
export function timeOfDayMs(epochMs: number, tz: string): number {
  const get = wallClockAt(epochMs, tz);
  return ((get('hour') * 60 + get('minute')) * 60 + get('second')) * 1000 + (((epochMs % 1000) + 1000) % 1000);
}

/** The instant at which the wall clock in `tz` shows the given time (month 1-12). */
export function wallClockToEpoch(
  year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0, tz = 'UTC',
): number {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  if (isUtc(tz)) return asUtc;
  // Two rounds settle the offset on either side of a DST change.
  const first = asUtc - zoneOffsetMs(asUtc, tz);
  const settled = asUtc - zoneOffsetMs(first, tz);
  // A wall time the clocks skip (spring forward) reads as the same time after the jump: the later reading.
  // So a day whose midnight is skipped (America/Santiago) starts when its first hour does.
  if (settled + zoneOffsetMs(settled, tz) !== asUtc) return Math.max(first, settled);
  return settled;
}

/** A Sheets/Excel serial number (wall clock in `tz`) as an instant. */
export function serialToEpoch(serial: number, tz: string): number {
  return wallToEpoch(SERIAL_EPOCH_UTC + Math.round(serial * MS_PER_DAY), tz);
}

/** A wall-clock time given as the epoch ms of the same clock reading in UTC, as the instant it is in `tz`. */
export function wallToEpoch(wallAsUtc: number, tz: string): number {
  const d = new Date(wallAsUtc);
  return wallClockToEpoch(
    d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(),
    d.getUTCSeconds(), d.getUTCMilliseconds(), tz,
  );
}

/** An instant as a Sheets/Excel serial number on the wall clock of `tz`. */
export function epochToSerial(epochMs: number, tz: string): number {
  return wallClockSerial(epochMs + zoneOffsetMs(epochMs, tz));
}

/** The serial number of a wall-clock time held as the UTC fields of `wallClockMs` (Date.UTC(y, m, d, h, min)). */
export function wallClockSerial(wallClockMs: number): number {
  return (wallClockMs - SERIAL_EPOCH_UTC) / MS_PER_DAY;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The calendar day of an instant in `tz`, as YYYY-MM-DD. */
export function dayKey(epochMs: number, tz: string): string {
  const d = new Date(epochMs + zoneOffsetMs(epochMs, tz));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** An instant as the clock in `tz` shows it, to the minute: 2024-05-15 12:00. */
export function wallClockMinute(epochMs: number, tz: string): string {
  const d = new Date(epochMs + zoneOffsetMs(epochMs, tz));
  return `${dayKey(epochMs, tz)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

const QUARTER_HOUR = 900_000;

/**
 * A memoised dayKey or monthKey for many instants. Every zone's offset is a whole number of quarter hours, so a
 * UTC quarter hour of one offset never straddles a local midnight and can stand for all its instants; one in which
 * the clocks change (St. John's did at 00:01) is not kept.
 */
export function periodKeyer(frequency: 'daily' | 'monthly', tz: string): (epochMs: number) => string {
  const keys = new Map<number, string>();
  // Callers go through instants in time order more often than not: the last quarter hour's key is at hand.
  let lastBucket = NaN;
  let lastKey = '';
  return (epochMs) => {
    const bucket = Math.floor(epochMs / QUARTER_HOUR);
    if (bucket === lastBucket) return lastKey;
    let key = keys.get(bucket);
    if (key === undefined) {
      key = dayKey(epochMs, tz);
      if (frequency === 'monthly') key = key.slice(0, 7);
      const start = bucket * QUARTER_HOUR;
      if (zoneOffsetMs(start, tz) !== zoneOffsetMs(start + QUARTER_HOUR - 1, tz)) return key;
      keys.set(bucket, key);
    }
    lastBucket = bucket;
    lastKey = key;
    return key;
  };
}

/** The calendar month of an instant in `tz`, as YYYY-MM. */
export function monthKey(epochMs: number, tz: string): string {
  return dayKey(epochMs, tz).slice(0, 7);
}

const PERIOD_KEY = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/;

/** A calendar day or month as its numbers; `day` null for a month. */
export interface PeriodKey {
  year: number;
  month: number;
  day: number | null;
  /** Midnight UTC of the day (a month's first day): the date as Intl and exceljs read it back in UTC. */
  utcMidnight: number;
}

/**
 * Parses a period key strictly: a day (YYYY-MM-DD) or a month (YYYY-MM), as dayKey and monthKey write them;
 * null for other text or a date the calendar lacks (2024-02-30, 2024-13).
 */
export function parsePeriodKey(text: string): PeriodKey | null {
  const m = PERIOD_KEY.exec(text);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), m[3] === undefined ? null : Number(m[3])];
  const utcMidnight = Date.UTC(year, month - 1, day ?? 1);
  const check = new Date(utcMidnight);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== (day ?? 1)) return null;
  return { year, month, day, utcMidnight };
}

/** Parses YYYY-MM-DD strictly; null when it is not a real calendar day. */
export function parseIsoDay(text: string): { year: number; month: number; day: number } | null {
  const key = parsePeriodKey(text);
  return key === null || key.day === null ? null : { year: key.year, month: key.month, day: key.day };
}

/** The day `days` after (or before, when negative) a YYYY-MM-DD day: plain calendar arithmetic. */
export function addDays(isoDay: string, days: number): string {
  const d = parseIsoDay(isoDay);
  if (!d) throw new RangeError(`Not a day: ${isoDay}`);
  return new Date(Date.UTC(d.year, d.month - 1, d.day + days)).toISOString().slice(0, 10);
}

/**
 * The `days` whole days just before `day` (YYYY-MM-DD), both ends included: the 7 before 2024-05-15 are
 * 2024-05-08 to 2024-05-14. With `day` the first of a range `days` long: the period that range is compared with.
 */
export function daysBefore(day: string, days: number): { from: string; to: string } {
  return { from: addDays(day, -days), to: addDays(day, -1) };
}

/** 00:00:00.000 of the day in `tz`. */
export function startOfDay(isoDay: string, tz: string): number {
  const d = parseIsoDay(isoDay);
  if (!d) throw new RangeError(`Not a day: ${isoDay}`);
  return wallClockToEpoch(d.year, d.month, d.day, 0, 0, 0, 0, tz);
}

/** The last millisecond of the day in `tz` (ranges include their end day). */
export function endOfDay(isoDay: string, tz: string): number {
  const d = parseIsoDay(isoDay);
  if (!d) throw new RangeError(`Not a day: ${isoDay}`);
  return wallClockToEpoch(d.year, d.month, d.day + 1, 0, 0, 0, 0, tz) - 1;
}

/** The calendar day of an instant on the wall clock of `tz`, as a whole number: days since 1970-01-01. */
export function dayNumberAt(epochMs: number, tz: string): number {
  return Math.floor((epochMs + zoneOffsetMs(epochMs, tz)) / MS_PER_DAY);
}
