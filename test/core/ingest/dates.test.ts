import { cellContext, parseDateCell } from '../../../src/core/ingest';
import { atTimeOfDay, parseTimeOfDayCell } from '../../../src/core/ingest/dates';
import { at } from './fixture';

const utc = cellContext('UTC', null);
const amsterdam = cellContext('Europe/Amsterdam', null);
const nl = cellContext('UTC', 'nl-NL');
const us = cellContext('UTC', 'en-US');
const gb = cellContext('UTC', 'en-GB');
const de = cellContext('UTC', 'de-DE');

const issue = (messageId: string) => expect.objectContaining({ messageId });

describe('date cells', () => {
  test('text far longer than any date is no date, without trying the patterns on it (megabytes exhausted the stack)', () => {
    expect(parseDateCell('x'.repeat(6_000_000), utc)).toEqual(issue('ingest.date_invalid'));
    expect(parseDateCell(`2024-03-01${' '.repeat(200)}`, utc)).toBe(at('2024-03-01T00:00:00Z'));
  });

  test('a Date cell is its own instant, whatever the zone', () => {
    expect(parseDateCell(new Date('2024-03-01T12:34:56.789Z'), amsterdam)).toBe(at('2024-03-01T12:34:56.789Z'));
    expect(parseDateCell(new Date(NaN), utc)).toEqual(issue('ingest.date_invalid'));
  });

  test('a serial number is wall-clock time in the workbook zone', () => {
    // 45352 = 2024-03-01 (1899-12-30 + 45352 days); .5 = noon.
    expect(parseDateCell(45352.5, utc)).toBe(at('2024-03-01T12:00:00Z'));
    // Amsterdam is UTC+1 in winter, UTC+2 in summer (45474 = 2024-07-01).
    expect(parseDateCell(45352, amsterdam)).toBe(at('2024-02-29T23:00:00Z'));
    expect(parseDateCell(45474.5, amsterdam)).toBe(at('2024-07-01T10:00:00Z'));
  });

  test('a serial written as text (a CSV of an unformatted date column) reads the same', () => {
    expect(parseDateCell('45352.5', utc)).toBe(at('2024-03-01T12:00:00Z'));
    expect(parseDateCell(' 45352 ', utc)).toBe(at('2024-03-01T00:00:00Z'));
  });

  test('numbers past 9999-12-31 are not dates, but for eight digits that are one: GA4\'s and BigQuery\'s 20240301', () => {
    expect(parseDateCell(2958466, utc)).toEqual(issue('ingest.date_invalid'));
    expect(parseDateCell('20240301', utc)).toBe(at('2024-03-01T00:00:00Z'));
    expect(parseDateCell(20240301, amsterdam)).toBe(at('2024-02-29T23:00:00Z'));
    expect(parseDateCell(20280229, utc)).toBe(at('2028-02-29T00:00:00Z'));
    for (const cell of [20241301, '20240230', 20230229, 20240301.5, '202403011', 99999999]) {
      expect([cell, parseDateCell(cell, utc)]).toEqual([cell, issue('ingest.date_invalid')]);
    }
  });

  test('a date cell before 1910 is not read: a time typed alone reaches a script as a Date on 30 December 1899', () => {
    expect(parseDateCell(new Date('1899-12-30T10:00:00Z'), utc)).toEqual(issue('ingest.date_too_early'));
    expect(parseDateCell(new Date('1909-12-30T23:59:59Z'), utc)).toEqual(issue('ingest.date_too_early'));
    expect(parseDateCell(new Date('1910-01-01T00:00:00Z'), utc)).toBe(at('1910-01-01T00:00:00Z'));
    // Written out or in eight digits, the same bound.
    for (const cell of ['1909-06-01', '1899-12-30 10:00', '10000101', 19091231]) {
      expect([cell, parseDateCell(cell, utc)]).toEqual([cell, issue('ingest.date_too_early')]);
    }
    expect(parseDateCell('19100101', utc)).toBe(at('1910-01-01T00:00:00Z'));
    // 1 January 1910 in Amsterdam (then UTC+0:19:32) is still 31 December 1909 in UTC: a date all the same.
    expect(parseDateCell(new Date('1909-12-31T23:40:28Z'), amsterdam)).toBe(at('1909-12-31T23:40:28Z'));
  });

  test('a year alone or a small number is not a date serial: serials start at 3654, 1910-01-01', () => {
    // Read as serials, 2024 would be 1905-07-16 and 12 1900-01-11: a year typed alone, read silently.
    for (const cell of [2024, '2024', 12, ' 12 ', 1, 0, -3, 0.5, 3653, '3653.99']) {
      expect([cell, parseDateCell(cell, utc)]).toEqual([cell, issue('ingest.date_serial_small')]);
    }
    // 1899-12-30 + 3654 days: 2 days to 1900-01-01, then 10 years of which 1904 and 1908 are leap (3652).
    expect(parseDateCell(3654, utc)).toBe(at('1910-01-01T00:00:00Z'));
    expect(parseDateCell('3654.75', utc)).toBe(at('1910-01-01T18:00:00Z'));
  });

  test.each([
    ['2024-03-01', 'UTC', '2024-03-01T00:00:00Z'],
    ['2024-03-01', 'Europe/Amsterdam', '2024-02-29T23:00:00Z'],
    ['2024-03-01 12:00', 'Europe/Amsterdam', '2024-03-01T11:00:00Z'],
    ['2024-07-01 12:00', 'Europe/Amsterdam', '2024-07-01T10:00:00Z'],
    ['2024-03-01T12:00', 'UTC', '2024-03-01T12:00:00Z'],
    ['2024-03-01T12:00:30', 'America/New_York', '2024-03-01T17:00:30Z'],
    ['2024-03-01T12:00:00Z', 'Europe/Amsterdam', '2024-03-01T12:00:00Z'],
    ['2024-03-01T12:00:00+02:00', 'UTC', '2024-03-01T10:00:00Z'],
    ['2024-03-01T12:00:00-0530', 'UTC', '2024-03-01T17:30:00Z'],
    ['2024-03-01 12:00:00 +02', 'UTC', '2024-03-01T10:00:00Z'],
    ['2024-03-01T12:00:00.250Z', 'UTC', '2024-03-01T12:00:00.250Z'],
    ['2024-03-01 12:00 UTC', 'Europe/Amsterdam', '2024-03-01T12:00:00Z'],
    ['2024/3/1', 'UTC', '2024-03-01T00:00:00Z'],
    ['  2024-03-01  ', 'UTC', '2024-03-01T00:00:00Z'],
  ])('ISO-style text %p in %s', (text, tz, expected) => {
    expect(parseDateCell(text, cellContext(tz, null))).toBe(at(expected));
  });

  test.each(['2024-03-01T12:00:00+01:75', '2024-03-01T12:00:00+24:00'])('an offset that is no offset (%p) is no date', (text) => {
    expect(parseDateCell(text, utc)).toEqual(expect.objectContaining({ messageId: 'ingest.date_invalid' }));
  });

  test('day-first or month-first text follows the locale', () => {
    expect(parseDateCell('03/04/2024', nl)).toBe(at('2024-04-03T00:00:00Z'));
    expect(parseDateCell('03/04/2024', gb)).toBe(at('2024-04-03T00:00:00Z'));
    expect(parseDateCell('03.04.2024', de)).toBe(at('2024-04-03T00:00:00Z'));
    expect(parseDateCell('03-04-2024', nl)).toBe(at('2024-04-03T00:00:00Z'));
    expect(parseDateCell('03/04/2024', us)).toBe(at('2024-03-04T00:00:00Z'));
  });

  test('an ambiguous day/month without a locale is a problem, never a guess', () => {
    expect(parseDateCell('03/04/2024', utc)).toEqual(issue('ingest.date_ambiguous'));
    expect(parseDateCell('3.4.2024 10:00', utc)).toEqual(issue('ingest.date_ambiguous'));
  });

  test('unambiguous day/month needs no locale, and overrides it', () => {
    expect(parseDateCell('25/04/2024', utc)).toBe(at('2024-04-25T00:00:00Z'));
    expect(parseDateCell('04/25/2024', utc)).toBe(at('2024-04-25T00:00:00Z'));
    expect(parseDateCell('25/04/2024', us)).toBe(at('2024-04-25T00:00:00Z'));
    // The same number twice reads the same either way.
    expect(parseDateCell('03/03/2024', utc)).toBe(at('2024-03-03T00:00:00Z'));
  });

  test('day-first text with a time, in the workbook zone', () => {
    expect(parseDateCell('03/04/2024 14:30', nl)).toBe(at('2024-04-03T14:30:00Z'));
    expect(parseDateCell('25.04.2024 09:05:07', cellContext('Europe/Berlin', null))).toBe(at('2024-04-25T07:05:07Z'));
  });

  test('month-first text with AM/PM, as en-US writes it', () => {
    expect(parseDateCell('3/4/2024 2:30 PM', us)).toBe(at('2024-03-04T14:30:00Z'));
    expect(parseDateCell('3/4/2024, 12:15:00 am', us)).toBe(at('2024-03-04T00:15:00Z'));
    expect(parseDateCell('3/4/2024 12:00 pm', us)).toBe(at('2024-03-04T12:00:00Z'));
  });

  test('the locale may be written the Apps Script way (nl_NL)', () => {
    expect(parseDateCell('03/04/2024', cellContext('UTC', 'nl_NL'))).toBe(at('2024-04-03T00:00:00Z'));
    expect(parseDateCell('03/04/2024', cellContext('UTC', 'en_US'))).toBe(at('2024-03-04T00:00:00Z'));
  });

  test('a locale that cannot be read settles nothing', () => {
    expect(parseDateCell('03/04/2024', cellContext('UTC', 'not a locale!'))).toEqual(issue('ingest.date_ambiguous'));
  });

  test.each([
    '2024-02-30', '2023-02-29', '31/04/2024', '13/13/2024', '2024-03-01 24:00', '2024-03-01 12:60',
    '3/4/2024 13:00 PM', 'tomorrow', '1 Marsh 2024', 'March 1 24', '31 April 2024', '2024-03-01T12:00:00+25:00', '25/04/24',
  ])('%p is not a date', (text) => {
    expect(parseDateCell(text, nl)).toEqual(issue('ingest.date_invalid'));
  });

  test('month names, English or Dutch, full or short, settle the order whatever the locale', () => {
    const first = at('2024-03-01T00:00:00Z');
    for (const text of ['1 March 2024', 'March 1, 2024', 'Mar. 1 2024', '1 maart 2024', '1 mrt. 2024', '01-Mar-2024', 'MARCH 1, 2024']) {
      expect([text, parseDateCell(text, us)]).toEqual([text, first]);
      expect([text, parseDateCell(text, nl)]).toEqual([text, first]);
    }
    expect(parseDateCell('April 25, 2024, 2:30 PM', utc)).toBe(at('2024-04-25T14:30:00Z'));
    expect(parseDateCell('25 mei 2024 09:15', amsterdam)).toBe(at('2024-05-25T07:15:00Z'));
  });

  test('month names of the locale, full or short, with or without accents and dots, as Intl writes them', () => {
    const may25 = at('2024-05-25T00:00:00Z');
    for (const text of ['25. Mai 2024', '25 Mai 2024', '25 mai 2024', '25. MAI 2024']) {
      expect([text, parseDateCell(text, de)]).toEqual([text, may25]);
    }
    expect(parseDateCell('25. April 2024', de)).toBe(at('2024-04-25T00:00:00Z'));
    expect(parseDateCell('1. März 2024', de)).toBe(at('2024-03-01T00:00:00Z'));
    expect(parseDateCell('1. Marz 2024', de)).toBe(at('2024-03-01T00:00:00Z'));
    expect(parseDateCell('3. Sept. 2024', de)).toBe(at('2024-09-03T00:00:00Z'));
    expect(parseDateCell('24. Dez. 2024, 14:30', de)).toBe(at('2024-12-24T14:30:00Z'));
    const fr = cellContext('UTC', 'fr-FR');
    expect(parseDateCell('25 avril 2024', fr)).toBe(at('2024-04-25T00:00:00Z'));
    expect(parseDateCell('15 août 2024', fr)).toBe(at('2024-08-15T00:00:00Z'));
    expect(parseDateCell('1 févr. 2024', fr)).toBe(at('2024-02-01T00:00:00Z'));
    // é written as e and a combining accent (NFD), as some exports do; and without the accent.
    expect(parseDateCell('1 fe\u0301vr. 2024', fr)).toBe(at('2024-02-01T00:00:00Z'));
    expect(parseDateCell('1 fevr 2024', fr)).toBe(at('2024-02-01T00:00:00Z'));
    // Polish writes the month in a date in another case (maja) than alone (maj): both read.
    const pl = cellContext('UTC', 'pl-PL');
    expect(parseDateCell('3 maja 2024', pl)).toBe(at('2024-05-03T00:00:00Z'));
    expect(parseDateCell('3 maj 2024', pl)).toBe(at('2024-05-03T00:00:00Z'));
    // The base languages are read in every locale.
    expect(parseDateCell('March 1, 2024', de)).toBe(at('2024-03-01T00:00:00Z'));
    expect(parseDateCell('1 mrt. 2024', fr)).toBe(at('2024-03-01T00:00:00Z'));
  });

  test('a month name of another language than the locale\'s, English or Dutch is not read', () => {
    expect(parseDateCell('25 avril 2024', de)).toEqual(issue('ingest.date_invalid'));
    expect(parseDateCell('25 Mai 2024', utc)).toEqual(issue('ingest.date_invalid'));
    expect(parseDateCell('25. Mai 2024', cellContext('UTC', 'not a locale!'))).toEqual(issue('ingest.date_invalid'));
  });

  test('a leap day is a date', () => {
    expect(parseDateCell('29/02/2024', utc)).toBe(at('2024-02-29T00:00:00Z'));
  });

  test('empty cells are null; a checkbox is not a date', () => {
    expect(parseDateCell('', utc)).toBeNull();
    expect(parseDateCell('   ', utc)).toBeNull();
    expect(parseDateCell(null, utc)).toBeNull();
    expect(parseDateCell(undefined, utc)).toBeNull();
    expect(parseDateCell(true, utc)).toEqual(issue('ingest.date_invalid'));
  });
});

describe('time-of-day cells (a Time column beside the date)', () => {
  const HOUR = 3_600_000;
  test('text: 24-hour or AM/PM, seconds and fractions allowed; anything else is no time of day', () => {
    expect(parseTimeOfDayCell('10:15', utc)).toBe(10.25 * HOUR);
    expect(parseTimeOfDayCell(' 14:30:05.25 ', utc)).toBe(14.5 * HOUR + 5_250);
    expect(parseTimeOfDayCell('2:30 PM', utc)).toBe(14.5 * HOUR);
    expect(parseTimeOfDayCell('12:00 a.m.', utc)).toBe(0);
    expect(parseTimeOfDayCell('', utc)).toBeNull();
    expect(parseTimeOfDayCell(null, utc)).toBeNull();
    // A dot with the seconds, as fi or da show times; "14.30" alone is the number 14.3, no time of day.
    expect(parseTimeOfDayCell('14.30.05', utc)).toBe(14.5 * HOUR + 5_000);
    expect(parseTimeOfDayCell('0.4375', utc)).toBe(10.5 * HOUR);
    for (const bad of ['24:00', '9:60', '13:00 PM', 'noon', '10', '14.30', '14:30.05']) {
      expect([bad, parseTimeOfDayCell(bad, utc)]).toEqual([bad, issue('ingest.time_invalid')]);
    }
  });

  test('a number is a serial\'s fraction of a day (an xlsx time cell): 0.4375 is 10:30', () => {
    expect(parseTimeOfDayCell(0.4375, utc)).toBe(10.5 * HOUR);
    // A date-time serial: only its time counts. A whole number (10) is no time: an hour, or a date without one?
    expect(parseTimeOfDayCell(45352.75, utc)).toBe(18 * HOUR);
    expect(parseTimeOfDayCell(0, utc)).toBe(0);
    for (const bad of [-0.5, 10, 14.3, 45352]) expect([bad, parseTimeOfDayCell(bad, utc)]).toEqual([bad, issue('ingest.time_invalid')]);
  });

  test('a Date (a time cell as a script reads it, on 30 December 1899) is its wall-clock time in the zone', () => {
    expect(parseTimeOfDayCell(new Date('1899-12-30T09:15:30Z'), utc)).toBe(9.25 * HOUR + 30_000);
  });

  test('joined to the day of the date, on the wall clock: 10:00 on the day Amsterdam moves its clocks is 08:00 UTC', () => {
    // 31 March 2024: 02:00 becomes 03:00 (UTC+1 to UTC+2). The date is that day's midnight in Amsterdam (23:00 UTC before).
    expect(atTimeOfDay(at('2024-03-30T23:00:00Z'), 10 * HOUR, 'Europe/Amsterdam')).toBe(at('2024-03-31T08:00:00Z'));
    expect(atTimeOfDay(at('2024-03-30T23:00:00Z'), 1 * HOUR, 'Europe/Amsterdam')).toBe(at('2024-03-31T00:00:00Z'));
  });

  test('a time in the hour the clocks repeat is read as a timestamp of that time is (in Amsterdam, its second time)', () => {
    // 27 October 2024: Amsterdam's 03:00 (UTC+2) becomes 02:00 (UTC+1), so 02:30 comes twice; the second is 01:30 UTC.
    const dayStart = at('2024-10-26T22:00:00Z');
    expect(atTimeOfDay(dayStart, 2.5 * HOUR, 'Europe/Amsterdam')).toBe(at('2024-10-27T01:30:00Z'));
    expect(parseDateCell('2024-10-27 02:30', amsterdam)).toBe(at('2024-10-27T01:30:00Z'));
  });
});
