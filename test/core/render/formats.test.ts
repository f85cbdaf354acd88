import { EMPTY_CELL, formatInstant, formatLocale, formatNumber, formatReportValue } from '../../../src/core/render/formats';

const en = { lang: 'en' as const, currency: 'EUR' };
const nl = { lang: 'nl' as const, currency: 'EUR' };
const NBSP = '\u00a0';

describe('formatReportValue', () => {
  it('formats each numeric column type for English (en-US)', () => {
    expect(formatReportValue(1234567, 'integer', en)).toBe('1,234,567');
    expect(formatReportValue(12.5, 'number', en)).toBe('12.50');
    expect(formatReportValue(1234.5, 'money', en)).toBe('€1,234.50');
    expect(formatReportValue(0.255, 'percent', en)).toBe('25.5%');
    expect(formatReportValue(1234.5, 'money', { lang: 'en', currency: 'USD' })).toBe('$1,234.50');
  });

  it('formats each numeric column type for Dutch (nl-NL)', () => {
    expect(formatReportValue(1234567, 'integer', nl)).toBe('1.234.567');
    expect(formatReportValue(3.25, 'number', nl)).toBe('3,25');
    expect(formatReportValue(1234.5, 'money', nl)).toBe(`€${NBSP}1.234,50`);
    expect(formatReportValue(0.255, 'percent', nl)).toBe('25,5%');
  });

  it('shows money with the decimals of its currency: none for yen and won, whatever credit split them into', () => {
    expect(formatReportValue(266.67, 'money', { lang: 'en', currency: 'JPY' })).toBe('¥267');
    expect(formatReportValue(1000101000, 'money', { lang: 'en', currency: 'JPY', locale: 'ja-JP' })).toBe('￥1,000,101,000');
    expect(formatReportValue(1500.4, 'money', { lang: 'en', currency: 'KRW', locale: 'ko-KR' })).toBe('₩1,500');
    expect(formatReportValue(1.2345, 'money', { lang: 'en', currency: 'KWD' })).toBe(`KWD${NBSP}1.235`);
  });

  it('shows money as a plain 2-decimal number when the workbook has no currency', () => {
    expect(formatReportValue(1234.5, 'money', { lang: 'en', currency: null })).toBe('1,234.50');
  });

  it('rounds counts to whole numbers and never shows a negative zero', () => {
    expect(formatReportValue(2.6, 'integer', en)).toBe('3');
    expect(formatReportValue(-0.001, 'money', en)).toBe('€0.00');
    expect(formatReportValue(-0, 'integer', en)).toBe('0');
    expect(formatReportValue(-1.5, 'number', en)).toBe('-1.50');
  });

  it('shows null and non-finite numbers as a dash, text as it is', () => {
    expect(formatReportValue(null, 'money', en)).toBe(EMPTY_CELL);
    expect(formatReportValue(Number.POSITIVE_INFINITY, 'percent', en)).toBe(EMPTY_CELL);
    expect(formatReportValue('Email', 'text', en)).toBe('Email');
    expect(formatReportValue('2024-03', 'text', en)).toBe('2024-03');
  });

  it('writes days and months as the locale does, the month by name so day and month never swap', () => {
    expect(formatReportValue('2024-03', 'date', en)).toBe('Mar 2024');
    expect(formatReportValue('2024-03-05', 'date', en)).toBe('Mar 5, 2024');
    expect(formatReportValue('2024-03', 'date', nl)).toBe('mrt 2024');
    expect(formatReportValue('2024-03-05', 'date', nl)).toBe('5 mrt 2024');
    expect(formatReportValue('2024-03-05', 'date', { ...en, locale: 'de-DE' })).toBe('5. März 2024');
    expect(formatReportValue('Total', 'date', en)).toBe('Total');
  });
});

describe('formatNumber with explicit decimals (axis ticks)', () => {
  it('uses the given decimals; for percent they count in percent', () => {
    expect(formatNumber(1500, 'money', en, 0)).toBe('€1,500');
    expect(formatNumber(0.05, 'percent', en, 0)).toBe('5%');
    expect(formatNumber(0.005, 'percent', en, 1)).toBe('0.5%');
    expect(formatNumber(0.5, 'number', nl, 1)).toBe('0,5');
  });
});

describe('the full locale, apart from the message language', () => {
  it('formats numbers and money for --locale de-DE although the messages are English', () => {
    const de = { lang: 'en' as const, currency: 'EUR', locale: formatLocale('de-DE', 'en') };
    expect(formatReportValue(1833.5, 'money', de)).toBe(`1.833,50${NBSP}€`);
    expect(formatReportValue(1234567, 'integer', de)).toBe('1.234.567');
    expect(formatReportValue(0.255, 'percent', de)).toBe(`25,5${NBSP}%`);
    expect(formatReportValue(1833.5, 'money', { lang: 'en', currency: 'EUR', locale: formatLocale('en_IE', 'en') })).toBe('€1,833.50');
  });

  it('takes Sheets\' spelling, and falls back to the language\'s locale for a tag that is not one', () => {
    expect(formatLocale('nl_BE', 'nl')).toBe('nl-BE');
    expect(formatLocale(null, 'nl')).toBe('nl-NL');
    expect(formatLocale('not a locale!', 'en')).toBe('en-US');
  });

  it('writes an instant as a date and time in the zone, for the locale', () => {
    expect(formatInstant('2024-05-01T08:00:00.000Z', 'en-US', 'UTC', 'en')).toBe('May 1, 2024 at 8:00 AM UTC');
    expect(formatInstant('2024-05-01T08:00:00.000Z', 'nl-NL', 'Europe/Amsterdam', 'nl')).toBe('1 mei 2024 om 10:00 CEST');
  });

  it('writes the date in figures when the text is in another language than the locale\'s: no English month in a Dutch report', () => {
    expect(formatInstant('2024-05-01T08:00:00.000Z', 'en-IE', 'Europe/Amsterdam', 'nl')).toBe('01/05/2024, 10:00 GMT+2');
    expect(formatInstant('2024-05-01T08:00:00.000Z', 'nl-NL', 'Europe/Amsterdam', 'en')).toBe('01-05-2024, 10:00 CEST');
  });
});
