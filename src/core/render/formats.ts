// Number formatting by report column type, shared by every renderer that writes numbers as text
// (HTML page, e-mail digest, chart labels). Uses Intl, which both Node and Apps Script V8 provide.
import { isIsoCurrencyCode } from '../ingest/numbers';
import { currencyDecimals } from './number-formats';
import { formatMessage, type Language } from '../messages';
import type { ColumnType, ReportValue } from '../report/table';
import { parsePeriodKey } from '../time';

/** What a formatted number depends on besides its value. */
export interface FormatContext {
  lang: Language;
  /** ISO 4217 code for money columns, or null (money is then shown as a plain 2-decimal number). */
  currency: string | null;
  /**
   * BCP 47 locale numbers and dates are formatted for (say "de-DE" with English messages); when absent, the
   * language's own (en-US, nl-NL).
   */
  locale?: string;
}

/** The dash shown for a cell without a value. */
export const EMPTY_CELL = '\u2014';

const LOCALES: Record<Language, string> = { en: 'en-US', nl: 'nl-NL' };

export function localeOf(lang: Language): string {
  return LOCALES[lang];
}

/**
 * The locale to format numbers and dates for: the one the user gave (BCP 47 or Sheets' nl_NL spelling), as
 * Intl knows it; else the message language's. The message language itself stays en or nl (languageOf).
 */
export function formatLocale(locale: string | null | undefined, lang: Language): string {
  if (locale) {
    try {
      const [canonical] = Intl.getCanonicalLocales(locale.replace(/_/g, '-'));
      if (canonical && Intl.NumberFormat.supportedLocalesOf([canonical]).length > 0) return canonical;
    } catch {
      // Not a well-formed tag: the language's locale below.
    }
  }
  return localeOf(lang);
}

/** The locale a context formats for. */
export const contextLocale = (ctx: FormatContext): string => ctx.locale ?? localeOf(ctx.lang);

/**
 * An instant (ISO 8601) as a date and time in `tz`, for the locale, with the zone named: "May 1, 2024, 10:00 AM
 * GMT+2". Month names are words of the locale's language: in a text of another language (`lang`) the date is
 * written in figures ("01/05/2024, 10:00 GMT+2"), never half in one language and half in another.
 */
export function formatInstant(iso: string, locale: string, tz: string, lang: Language): string {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return iso;
  const words = locale.split('-')[0].toLowerCase() === lang;
  const options: Intl.DateTimeFormatOptions = {
    year: 'numeric', month: words ? 'long' : '2-digit', day: words ? 'numeric' : '2-digit', hour: 'numeric', minute: '2-digit',
    timeZoneName: 'short',
  };
  try {
    return new Intl.DateTimeFormat(locale, { ...options, timeZone: tz }).format(ms);
  } catch {
    // An unknown zone (the report has validated it; be safe): UTC, named as such.
    return new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(ms);
  }
}

export type NumericType = Exclude<ColumnType, 'text' | 'date'>;

export function isNumericType(type: ColumnType): type is NumericType {
  return type !== 'text' && type !== 'date';
}

/**
 * Decimals shown in tables: counts are whole, fractional credit and money have 2 (money those of its currency:
 * currencyDecimals), ratios 1 (as a percentage). The report sheets' patterns (number-formats.ts) show as many.
 */
export const TABLE_DECIMALS: Record<NumericType, number> = { integer: 0, row: 0, number: 2, money: 2, percent: 1 };

// Building an Intl.NumberFormat is slow next to using one; reports format thousands of cells.
const formatters = new Map<string, Intl.NumberFormat>();

function formatter(type: NumericType, decimals: number, ctx: FormatContext): Intl.NumberFormat {
  const code = ctx.currency?.toUpperCase() ?? '';
  const currency = type === 'money' && isIsoCurrencyCode(code) ? code : null;
  const locale = contextLocale(ctx);
  const key = `${locale}|${type}|${decimals}|${currency ?? ''}`;
  let f = formatters.get(key);
  if (!f) {
    const options: Intl.NumberFormatOptions = { minimumFractionDigits: decimals, maximumFractionDigits: decimals };
    if (currency !== null) {
      options.style = 'currency';
      options.currency = currency;
    } else if (type === 'percent') {
      options.style = 'percent';
    } else if (type === 'row') {
      options.useGrouping = false;
    }
    f = new Intl.NumberFormat(locale, options);
    formatters.set(key, f);
  }
  return f;
}

/** A figure as a share of its goal (0.5 for half); null without a figure or a goal above zero. */
export const shareOfGoal = (value: number | null, goal: number | null): number | null => (value === null || !goal ? null : value / goal);

/**
 * Formats a number as a column of the given type shows it; `decimals` overrides the type's usual
 * count (axis ticks need as many as their step). Values that round to zero print as zero, not "-0".
 */
export function formatNumber(
  value: number, type: NumericType, ctx: FormatContext,
  decimals: number = type === 'money' ? currencyDecimals(ctx.currency) : TABLE_DECIMALS[type],
): string {
  const shownDecimals = type === 'percent' ? decimals + 2 : decimals;
  const rounded = Math.abs(value) < 0.5 * 10 ** -shownDecimals ? 0 : value;
  return formatter(type, decimals, ctx).format(rounded);
}

/** A count in a message, grouped as `locale` writes numbers (36,189; 36.189); without one, as the language does. */
export function formatCount(count: number, lang: Language, locale?: string | null): string {
  return formatNumber(count, 'integer', { lang, currency: null, locale: formatLocale(locale, lang) });
}

export type CountUnit = 'sheets' | 'rows' | 'errors' | 'warnings' | 'report_sheets' | 'contacts' | 'deals' | 'days';

/** A count with its noun, singular for one ("1 day", "30 days", "1 rapportblad"), grouped as formatCount does. */
export function formatCountOf(unit: CountUnit, count: number, lang: Language, locale?: string | null): string {
  return formatMessage(`count.${unit}_${count === 1 ? 'one' : 'other'}`, { count: formatCount(count, lang, locale) }, lang);
}

const dateFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * A calendar day (YYYY-MM-DD) or month (YYYY-MM) as the locale writes it, month by name so that day and month
 * never swap: "Mar 5, 2024", "5 mrt 2024", "5. März 2024"; "Mar 2024". Other text is returned as it is.
 */
export function formatDateKey(key: string, ctx: FormatContext): string {
  const period = parsePeriodKey(key);
  if (period === null) return key;
  const isMonth = period.day === null;
  const locale = contextLocale(ctx);
  const cacheKey = `${locale}|${isMonth ? 'month' : 'day'}`;
  let f = dateFormatters.get(cacheKey);
  if (!f) {
    // The key is a calendar date already (in the report's zone): read and written in UTC, it stays that date.
    f = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', year: 'numeric', month: 'short', ...(isMonth ? {} : { day: 'numeric' }) });
    dateFormatters.set(cacheKey, f);
  }
  return f.format(period.utcMidnight);
}

/** A report cell as text: numbers by column type, dates for the locale, text as it is, null (or a non-finite number) as a dash. */
export function formatReportValue(value: ReportValue, type: ColumnType, ctx: FormatContext): string {
  if (value === null || (typeof value === 'number' && !Number.isFinite(value))) return EMPTY_CELL;
  if (typeof value === 'string') return type === 'date' ? formatDateKey(value, ctx) : value;
  return isNumericType(type) ? formatNumber(value, type, ctx) : String(value);
}
