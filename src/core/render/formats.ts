// Number formatting by report column type, shared by every renderer that writes numbers as text
// (HTML page, e-mail digest, chart labels). Uses Intl, which both Node and Apps Script V8 provide.
import type { Language } from '../messages';
import type { ColumnType, ReportValue } from '../report/table';

/** What a formatted number depends on besides its value. */
export interface FormatContext {
  lang: Language;
  /** ISO 4217 code for money columns, or null (money is then shown as a plain 2-decimal number). */
  currency: string | null;
}

/** The dash shown for a cell without a value. */
export const EMPTY_CELL = '\u2014';

const LOCALES: Record<Language, string> = { en: 'en-US', nl: 'nl-NL' };

export function localeOf(lang: Language): string {
  return LOCALES[lang];
}

export type NumericType = Exclude<ColumnType, 'text' | 'date'>;

export function isNumericType(type: ColumnType): type is NumericType {
  return type !== 'text' && type !== 'date';
}

/** Decimals shown in tables: counts are whole, fractional credit and money have 2, ratios 1 (as a percentage). */
const TABLE_DECIMALS: Record<NumericType, number> = { integer: 0, number: 2, money: 2, percent: 1 };

// Building an Intl.NumberFormat is slow next to using one; reports format thousands of cells.
const formatters = new Map<string, Intl.NumberFormat>();

function formatter(type: NumericType, decimals: number, ctx: FormatContext): Intl.NumberFormat {
  const currency = type === 'money' && ctx.currency !== null && /^[A-Za-z]{3}$/.test(ctx.currency) ? ctx.currency.toUpperCase() : null;
  const key = `${ctx.lang}|${type}|${decimals}|${currency ?? ''}`;
  let f = formatters.get(key);
  if (!f) {
    const options: Intl.NumberFormatOptions = { minimumFractionDigits: decimals, maximumFractionDigits: decimals };
    if (currency !== null) {
      options.style = 'currency';
      options.currency = currency;
    } else if (type === 'percent') {
      options.style = 'percent';
    }
    f = new Intl.NumberFormat(localeOf(ctx.lang), options);
    formatters.set(key, f);
  }
  return f;
}

/**
 * Formats a number as a column of the given type shows it; `decimals` overrides the type's usual
 * count (axis ticks need as many as their step). Values that round to zero print as zero, not "-0".
 */
export function formatNumber(value: number, type: NumericType, ctx: FormatContext, decimals: number = TABLE_DECIMALS[type]): string {
  const shownDecimals = type === 'percent' ? decimals + 2 : decimals;
  const rounded = Math.abs(value) < 0.5 * 10 ** -shownDecimals ? 0 : value;
  return formatter(type, decimals, ctx).format(rounded);
}

/** A report cell as text: numbers by column type, text and dates as they are, null (or a non-finite number) as a dash. */
export function formatReportValue(value: ReportValue, type: ColumnType, ctx: FormatContext): string {
  if (value === null || (typeof value === 'number' && !Number.isFinite(value))) return EMPTY_CELL;
  if (typeof value === 'string') return value;
  return isNumericType(type) ? formatNumber(value, type, ctx) : String(value);
}
