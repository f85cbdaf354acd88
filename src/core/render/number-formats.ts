// Number-format patterns by report column type. Excel (the command line's .xlsx) and Google Sheets (the
// add-on's report sheets) read the same pattern language, so both writers take their formats from here.
// The digit grouping and decimal mark of a pattern ("#,##0.00") are the viewer's own; what a locale decides
// inside the pattern (where the currency symbol goes, the order of day, month and year) follows the locale
// when one is given.
import { isIsoCurrencyCode } from '../ingest/numbers';
import type { ColumnType } from '../report/table';

const CURRENCY_SYMBOLS: Record<string, string> = { EUR: '€', USD: '$', GBP: '£' };

/** Dates without a locale: ISO days, months by name (unambiguous in every locale). */
const ISO_DATE_FORMATS: DateFormats = { day: 'yyyy-mm-dd', month: 'mmm yyyy' };

/**
 * The number format of a column type; null for text (written as text). A date column gets the day format:
 * a writer that knows a cell holds a month uses dateFormats(locale).month.
 */
export function numberFormat(type: ColumnType, currency: string | null, locale?: string): string | null {
  switch (type) {
    case 'integer':
      return '#,##0';
    case 'row':
      return '0';
    case 'number':
      return '#,##0.00';
    case 'percent':
      return '0.0%';
    case 'money':
      return moneyFormat(currency, locale);
    case 'date':
      return dateFormats(locale).day;
    case 'text':
      return null;
  }
}

const quote = (text: string) => `"${text.replace(/"/g, '')}"`;

const currencyDecimalsCache = new Map<string, number>();

/**
 * The decimals a currency's amounts are written with: its minor unit as Intl knows it (2 for EUR, 0 for JPY
 * and KRW, 3 for KWD); 2 without a currency or for a code Intl does not know.
 */
export function currencyDecimals(currency: string | null): number {
  const code = currency?.toUpperCase() ?? '';
  if (!isIsoCurrencyCode(code)) return 2;
  let decimals = currencyDecimalsCache.get(code);
  if (decimals === undefined) {
    try {
      decimals = new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      decimals = 2;
    }
    currencyDecimalsCache.set(code, decimals);
  }
  return decimals;
}

function moneyFormat(currency: string | null, locale: string | undefined): string {
  if (currency === null) return '#,##0.00';
  const decimals = currencyDecimals(currency);
  const digits = decimals > 0 ? `#,##0.${'0'.repeat(decimals)}` : '#,##0';
  const code = currency.toUpperCase();
  if (locale !== undefined && isIsoCurrencyCode(code)) {
    try {
      // Where the locale puts the symbol, and whether a space parts it from the amount: €1,234.50, 1.234,50 €, € 1.234,50.
      const parts = new Intl.NumberFormat(locale, { style: 'currency', currency: code }).formatToParts(1234.5);
      const at = parts.findIndex((p) => p.type === 'currency');
      const first = parts.findIndex((p) => p.type === 'integer');
      if (at >= 0 && first >= 0) {
        const symbol = quote(parts[at].value);
        const next = parts[at < first ? at + 1 : at - 1];
        const space = next !== undefined && next.type === 'literal' && /\s/.test(next.value) ? ' ' : '';
        return at < first ? `${symbol}${space}${digits}` : `${digits}${space}${symbol}`;
      }
    } catch {
      // An unknown currency code: the pattern below.
    }
  }
  const symbol = CURRENCY_SYMBOLS[code];
  return symbol !== undefined ? `"${symbol}"${digits}` : `${digits} "${currency.replace(/"/g, '')}"`;
}

/** Patterns for a date cell: a calendar day, and the first of a month standing for that month. */
export interface DateFormats {
  day: string;
  month: string;
}

const dateFormatCache = new Map<string, DateFormats>();

/**
 * Date patterns in the locale's order and separators, derived from Intl: en-US mm/dd/yyyy, nl-NL dd-mm-yyyy,
 * de-DE dd.mm.yyyy; months as "mmm yyyy" (or the locale's order, e.g. yyyy"年"m"月"). Without a locale: ISO days.
 */
export function dateFormats(locale?: string): DateFormats {
  if (locale === undefined) return ISO_DATE_FORMATS;
  let formats = dateFormatCache.get(locale);
  if (formats === undefined) {
    try {
      const sample = Date.UTC(2024, 2, 5);
      const pattern = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locale, { timeZone: 'UTC', ...options })
        .formatToParts(sample)
        .map((p) => {
          switch (p.type) {
            case 'year': return 'yyyy';
            case 'month': return /^\d+$/.test(p.value) ? (p.value.length === 2 ? 'mm' : 'm') : 'mmm';
            case 'day': return p.value.length === 2 ? 'dd' : 'd';
            case 'literal': return p.value === ' ' ? ' ' : quote(p.value);
            default: return '';
          }
        })
        .join('');
      formats = { day: pattern({ year: 'numeric', month: '2-digit', day: '2-digit' }), month: pattern({ year: 'numeric', month: 'short' }) };
      if (!/yyyy/.test(formats.day) || !/d/.test(formats.day) || !/yyyy/.test(formats.month)) formats = ISO_DATE_FORMATS;
    } catch {
      formats = ISO_DATE_FORMATS;
    }
    dateFormatCache.set(locale, formats);
  }
  return formats;
}
