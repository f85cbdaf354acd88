import type { Cell } from '../types';
import { cellIssue, isCellIssue, type CellIssue } from './cells';
import type { LocaleConventions, ReadingNote } from './locale';

const NUMBER_INVALID = cellIssue('ingest.number_invalid');
const NUMBER_AMBIGUOUS = cellIssue('ingest.number_ambiguous');
const NUMBER_TOO_LARGE = cellIssue('ingest.number_too_large');

/** What JavaScript reads as it is: 42, -3.5, .5, 1.2E+06. */
const PLAIN_NUMBER = /^-?(?:\d+|\d*\.\d+)(?:e[+-]?\d+)?$/i;
/** 1.234 with a dot: a thousands separator or a decimal mark; only the locale can tell. */
const DOT_THOUSANDS_OR_DECIMAL = /^-?[1-9]\d{0,2}\.\d{3}$/;

/**
 * A number or amount cell; null when empty. Text may carry a currency symbol or code (`€ 1.234,56`,
 * `1,234.56 USD`), thousands separators (`.`, `,`, spaces including no-break ones, apostrophes), a decimal
 * comma (`1,5`), a sign or accounting brackets. When the cell alone cannot tell the decimal mark (`1.234`,
 * `1,234`), the locale settles it; without one it is a problem.
 */
export function parseNumberCell(cell: Cell, conventions: LocaleConventions, note?: ReadingNote): number | null | CellIssue {
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : NUMBER_INVALID;
  if (typeof cell === 'string') {
    const text = cell.trim();
    if (text === '') return null;
    if (PLAIN_NUMBER.test(text) && !DOT_THOUSANDS_OR_DECIMAL.test(text)) {
      // "99.95": a decimal point the text itself shows (1.234 would be the locale's to settle).
      if (note && text.includes('.')) note.own = '.';
      return finite(Number(text));
    }
    const parts = splitAmount(text);
    if (parts === null) return NUMBER_INVALID;
    const magnitude = parseDigits(parts.digits, conventions.decimalMark, note);
    if (typeof magnitude !== 'number') return magnitude;
    return finite(parts.negative ? -magnitude : magnitude);
  }
  return cell === null || cell === undefined ? null : NUMBER_INVALID;
}

/** The number, unless text such as `1E400` or 400 digits overflowed it to Infinity. */
function finite(value: number): number | CellIssue {
  return Number.isFinite(value) ? value : NUMBER_TOO_LARGE;
}

/**
 * Marks that name one currency, as people and programs write them (Intl's symbols in the locales people use:
 * `R$`, `US$` and `$US`, `JP¥`, `zł`, `円`); `$`, `¥`, `kr` name several, and the workbook currency settles them.
 * Compared as written (`FR` or `ft` is no mark), without a final dot (`Fr.` is `Fr`), and full-width signs as
 * their usual form (`￥` is `¥`).
 */
const MARK_CURRENCIES: Readonly<Record<string, string>> = {
  '€': 'EUR', '£': 'GBP', '₹': 'INR', '₩': 'KRW', '₪': 'ILS', '₺': 'TRY', '₽': 'RUB', '₴': 'UAH', '฿': 'THB', '₱': 'PHP',
  '₫': 'VND', '₦': 'NGN', '৳': 'BDT',
  'US$': 'USD', '$US': 'USD', 'UK£': 'GBP', '£GB': 'GBP', 'JP¥': 'JPY', '円': 'JPY', 'CN¥': 'CNY', '원': 'KRW',
  'R$': 'BRL', 'BR$': 'BRL', 'CA$': 'CAD', '$CA': 'CAD', 'A$': 'AUD', 'AU$': 'AUD', '$AU': 'AUD', 'NZ$': 'NZD',
  '$NZ': 'NZD', 'HK$': 'HKD', '$HK': 'HKD', 'S$': 'SGD', 'SG$': 'SGD', '$SG': 'SGD', 'MX$': 'MXN', '$MX': 'MXN', 'NT$': 'TWD',
  'AR$': 'ARS', '$AR': 'ARS', 'CL$': 'CLP', '$CL': 'CLP', 'CO$': 'COP', '$CO': 'COP', 'E£': 'EGP', '£E': 'EGP', 'EG£': 'EGP',
  'GH₵': 'GHS', 'zł': 'PLN', 'Kč': 'CZK', 'Ft': 'HUF', 'Rp': 'IDR', 'RM': 'MYR', 'NKr': 'NOK', 'Dkr': 'DKK', 'Ikr': 'ISK',
};
/** Marks of several currencies, beyond `$`, `¥` and `kr`: the workbook currency settles them when it is one of them. */
const SHARED_MARKS: Readonly<Record<string, readonly string[]>> = {
  '元': ['CNY', 'TWD', 'HKD'], 'lei': ['RON', 'MDL'], 'C$': ['CAD', 'NIO'], 'Fr': ['CHF', 'XOF', 'XAF', 'XPF'],
};
/** Full-width currency signs, as Japanese, Chinese and Korean text writes them, and their usual form. */
const FULL_WIDTH_SIGNS: Readonly<Record<string, string>> = { '＄': '$', '￠': '¢', '￡': '£', '￥': '¥', '￦': '₩' };
/** A mark as the tables above write it. */
const markText = (mark: string) => mark.trim().replace(/[＄￠￡￥￦]/gu, (sign) => FULL_WIDTH_SIGNS[sign]).replace(/\.$/, '');
const CURRENCY_SYMBOL = /^\p{Sc}$/u;
/** The marks other than a lone currency sign, longest first, for the patterns below (`Fr.` with its dot or without). */
const MARKS_PATTERN = [...Object.keys(MARK_CURRENCIES), ...Object.keys(SHARED_MARKS)].filter((mark) => !CURRENCY_SYMBOL.test(mark))
  .sort((a, b) => b.length - a.length)
  .map((mark) => mark.replace(/[$.]/g, (ch) => `\\${ch}`) + (mark === 'Fr' ? '\\.?' : ''))
  .join('|');
/** Three upper-case letters, as ISO 4217 writes a currency (EUR); a caller that takes any case upper-cases first. */
export function isIsoCurrencyCode(text: string): boolean {
  return /^[A-Z]{3}$/.test(text);
}

const CURRENCY_MARK = /^(?:[a-z]{3}|kr\.?|\p{Sc})$/iu;
const NAMED_MARK = new RegExp(`^(?:${MARKS_PATTERN})$`, 'u');
const SYMBOL_MARK = /^(?:kr\.?|\p{Sc})$/iu;
/** A code with a sign before or after it, as some headers write one: `$USD`, `USD$`, `£GBP`. */
const SIGNED_CODE = /^(?:\p{Sc}([a-z]{3})|([a-z]{3})\p{Sc})$/iu;
let currencyNames: Intl.DisplayNames | undefined;

/**
 * True for a header's unit that names a currency: a symbol or a named mark (`R$`), or an ISO code in capitals
 * that Intl knows, alone or with a sign ("Amount (USD)", "Amount ($USD)"). Stricter than a cell's mark: "(net)",
 * "(max)", "(YTD)" or a rate such as "(€/month)" in a header are no currency.
 */
export function isHeaderCurrencyMark(text: string): boolean {
  if (SYMBOL_MARK.test(text) || NAMED_MARK.test(text)) return true;
  const signed = SIGNED_CODE.exec(text);
  return isKnownCurrencyCode(signed === null ? text : signed[1] ?? signed[2]);
}

/** Capitals that Intl knows for a currency ("USD"; not "MAX" or "YTD"). */
function isKnownCurrencyCode(text: string): boolean {
  if (!isIsoCurrencyCode(text)) return false;
  // A runtime without Intl.DisplayNames (an older Apps Script V8) takes the capitals as they are.
  if (typeof Intl.DisplayNames !== 'function') return true;
  currencyNames ??= new Intl.DisplayNames(['en'], { type: 'currency' });
  const name = currencyNames.of(text);
  // XXX (no currency) and XTS (testing) are codes, not currencies: a template's placeholder.
  return name !== undefined && name !== text && text !== 'XXX' && text !== 'XTS';
}

/** The currency an amount cell is written in (`€ 5` → `€`, `5 usd` → `USD`); null when it names none. */
export function currencyMarkOf(cell: Cell): string | null {
  if (typeof cell !== 'string') return null;
  return splitAmount(cell.trim())?.currency ?? null;
}

/** True for text that names a currency: an ISO code, a currency symbol, `kr`, or a named mark (`R$`, `zł`). */
export function isCurrencyMark(text: string): boolean {
  return CURRENCY_MARK.test(text.trim()) || NAMED_MARK.test(text.trim());
}

const symbolCache = new Map<string, string | null>();

/** The narrow symbol of an ISO currency (USD → `$`); null when Intl does not know the code. */
function narrowSymbolOf(code: string): string | null {
  let symbol = symbolCache.get(code);
  if (symbol === undefined) {
    try {
      symbol = new Intl.NumberFormat('en', { style: 'currency', currency: code, currencyDisplay: 'narrowSymbol' })
        .formatToParts(1).find((p) => p.type === 'currency')?.value ?? null;
    } catch {
      symbol = null;
    }
    symbolCache.set(code, symbol);
  }
  return symbol;
}

/** A table's own entry for a key a cell gave: "constructor" or "__proto__" is no currency symbol. */
function ownValue<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

/**
 * The currency a mark names, as an upper-case ISO code where it can tell. A symbol shared by several
 * currencies (`$`) is the workbook's currency when that is written so, else it stays the symbol (so it
 * differs from the workbook's and is reported); with no workbook currency it cannot be told: null.
 */
export function currencyOfMark(mark: string, workbookCurrency: string | null): string | null {
  const text = markText(mark); // "kr." is "kr", "￥" is "¥"
  const known = ownValue(MARK_CURRENCIES, text);
  if (known !== undefined) return known;
  const shared = ownValue(SHARED_MARKS, text);
  const signed = SIGNED_CODE.exec(text);
  const upper = (signed === null ? text : signed[1] ?? signed[2]).toUpperCase();
  // "lei" is a shared mark, not a code.
  if (shared === undefined && isIsoCurrencyCode(upper)) return upper;
  if (!workbookCurrency) return null;
  const workbook = workbookCurrency.toUpperCase();
  return (shared === undefined ? narrowSymbolOf(workbook) === text : shared.includes(workbook)) ? workbook : text;
}

// Number formats (an xlsx cell's style, Sheets' Range.getNumberFormats) can show a currency the value
// itself does not carry: `[$$-409]#,##0.00`, `"€"#,##0.00`, `#,##0.00 "EUR"`, `£#,##0`.

/**
 * The currency of a symbol several currencies share (`$`, `¥`, `kr` and SHARED_MARKS) by the Windows locale id after the
 * dash of `[$$-409]` (hex, as Excel writes it): the countries whose symbol it is. Other ids settle nothing.
 */
const LOCALE_ID_CURRENCIES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  '$': { '409': 'USD', '1009': 'CAD', 'C09': 'AUD', '1409': 'NZD', '4809': 'SGD', 'C04': 'HKD', '80A': 'MXN' },
  '¥': { '411': 'JPY', '804': 'CNY' },
  kr: { '41D': 'SEK', '414': 'NOK', '814': 'NOK', '406': 'DKK', '40F': 'ISK' },
  '元': { '804': 'CNY', '404': 'TWD', 'C04': 'HKD' },
  lei: { '418': 'RON', '818': 'MDL' },
  'C$': { '1009': 'CAD', 'C0C': 'CAD', '4C0A': 'NIO' },
  Fr: { '807': 'CHF', '100C': 'CHF', '810': 'CHF', '1407': 'CHF' },
};

/** The currency mark a number format's symbol stands for: an ISO code where it can tell, else the symbol. */
function markOfFormatSymbol(symbol: string, localeId: string | null): string | null {
  const text = markText(symbol);
  if (isIsoCurrencyCode(text)) return text;
  const known = ownValue(MARK_CURRENCIES, text);
  if (known !== undefined) return known;
  const shared = /^kr$/i.test(text) ? 'kr' : CURRENCY_SYMBOL.test(text) || ownValue(SHARED_MARKS, text) !== undefined ? text : null;
  if (shared === null) return null;
  const id = localeId?.replace(/^0+/, '').toUpperCase();
  const byLocale = ownValue(LOCALE_ID_CURRENCIES, shared);
  return (id !== undefined && byLocale !== undefined ? ownValue(byLocale, id) : undefined) ?? shared;
}

/**
 * The currency a number format shows, as a mark ingest reads (an ISO code where the format tells it, else
 * a symbol such as `$`); null when it shows none. Read: `[$X]` and `[$X-409]` (Excel's currency with its
 * locale id), quoted text that is a currency symbol or an upper-case ISO code (`"€"`, `"USD"`), and a
 * currency symbol written as it is or escaped (`£#,##0`, `\$#,##0`). `[$-409]` (a locale alone), colours,
 * conditions, padding (`_(`) and fill (`* `) show none.
 */
export function currencyOfNumberFormat(format: string | null | undefined): string | null {
  if (!format) return null;
  for (let i = 0; i < format.length; i++) {
    const ch = format[i];
    let mark: string | null = null;
    if (ch === '"') {
      const end = format.indexOf('"', i + 1);
      if (end < 0) return null;
      mark = markOfFormatSymbol(format.slice(i + 1, end), null);
      i = end;
    } else if (ch === '[') {
      const end = format.indexOf(']', i + 1);
      if (end < 0) return null;
      const inside = format.slice(i + 1, end);
      if (inside.startsWith('$')) {
        const dash = inside.indexOf('-', 1);
        mark = dash < 0 ? markOfFormatSymbol(inside.slice(1), null) : markOfFormatSymbol(inside.slice(1, dash), inside.slice(dash + 1));
      }
      i = end;
    } else if (ch === '\\') {
      i++;
      if (i < format.length && CURRENCY_SYMBOL.test(format[i])) mark = markOfFormatSymbol(format[i], null);
    } else if (ch === '_' || ch === '*') {
      i++; // the next character is padding or fill, not shown as such
    } else if (CURRENCY_SYMBOL.test(ch)) {
      mark = markOfFormatSymbol(ch, null);
    }
    if (mark !== null) return mark;
  }
  return null;
}

/**
 * An amount cell as ingest reads it when its number format shows a currency: the number as text with that
 * currency in front (`1000` formatted `[$$-409]#,##0.00` → `USD 1000`), as if typed so, so a deal in another
 * currency is reported like one written `$1,000.00`. The text reads back as exactly the number in any locale
 * (`123.456` is written `123.4560`, never a thousands separator). Any other cell is returned as it is.
 */
export function amountWithFormatCurrency(cell: Cell, format: string | null | undefined): Cell {
  if (typeof cell !== 'number' || !Number.isFinite(cell)) return cell;
  const mark = currencyOfNumberFormat(format);
  if (mark === null) return cell;
  const digits = String(cell);
  if (!/^-?\d+(?:\.\d+)?$/.test(digits)) return cell; // 1e+21, 1e-7: no amount is written so
  return `${mark} ${/\.\d{3}$/.test(digits) ? `${digits}0` : digits}`;
}

interface AmountParts {
  digits: string;
  negative: boolean;
  currency: string | null;
}

const CURRENCY_PREFIX = /^(?:([a-z]{3})(?![a-z])|kr\.?|\p{Sc})\s*/iu;
// No leading \s*: tried at every position of a long run of spaces, it would take quadratic time.
const CURRENCY_SUFFIX = /(?:(?<![a-z])([a-z]{3})|kr\.?|\p{Sc})$/iu;
/** The named marks, tried first and as written (`Ft` is forint, `ft` no mark). */
const MARK_PREFIX = new RegExp(`^(?:${MARKS_PATTERN})(?!\\p{L})\\s*`, 'u');
const MARK_SUFFIX = new RegExp(`(?<!\\p{L})(?:${MARKS_PATTERN})$`, 'u');
const MINUS = /^[-\u2212]\s*/;
/** The Dutch and German way of writing a whole amount: 1.200,- or 1.200,-- or 500,= (dashes or equals after the mark). */
const NO_CENTS = /\d[.,](?:-{1,2}|[\u2013\u2014\u2212=])$/;
const PLUS = /^\+\s*/;
// Digits and marks only, at least one digit: two plain checks (one pattern with a digit between two runs of
// marks backtracks in quadratic time on a long cell).
const DIGITS_AND_MARKS_ONLY = /^[\d.,\s'\u2019]+$/;
const A_DIGIT = /\d/;

/** Splits sign and currency off the digits: `-€ 1.234,56`, `(1,234.56)`, `EUR -5`, `5 kr`. */
function splitAmount(text: string): AmountParts | null {
  let rest = text;
  let negative = false;
  let currency: string | null = null;
  if (rest.startsWith('(') && rest.endsWith(')')) {
    negative = true;
    rest = rest.slice(1, -1).trim();
  }
  // Sign and currency come in either order before the digits; each at most once.
  for (let pass = 0; pass < 2; pass++) {
    const sign = MINUS.exec(rest) ?? PLUS.exec(rest);
    if (sign) {
      if (sign[0][0] !== '+') {
        if (negative) return null;
        negative = true;
      }
      rest = rest.slice(sign[0].length);
    }
    const prefix = MARK_PREFIX.exec(rest) ?? CURRENCY_PREFIX.exec(rest);
    if (prefix) {
      if (currency !== null) return null;
      currency = prefix[1]?.toUpperCase() ?? prefix[0].trim();
      rest = rest.slice(prefix[0].length);
    }
  }
  const suffix = MARK_SUFFIX.exec(rest) ?? CURRENCY_SUFFIX.exec(rest);
  if (suffix) {
    if (currency !== null) return null;
    currency = suffix[1]?.toUpperCase() ?? suffix[0].trim();
    rest = rest.slice(0, suffix.index).trimEnd();
  }
  // "€ 1.200,-": no cents, and the mark before the dash is the decimal one, as a 0 after it shows.
  const whole = NO_CENTS.exec(rest);
  if (whole) rest = `${rest.slice(0, whole.index + 2)}0`;
  if (!DIGITS_AND_MARKS_ONLY.test(rest) || !A_DIGIT.test(rest)) return null;
  return { digits: rest, negative, currency };
}

const SPACE_OR_APOSTROPHE = /[\s'\u2019]/;
const GROUP_MARKS = /[.,\s'\u2019]/;
const ONLY_DIGITS = /^\d+$/;

/** Digits with marks (`1.234.567,8`, `1 234,5`, `12,34,567`) as a non-negative number. */
function parseDigits(body: string, localeDecimal: '.' | ',' | null, note?: ReadingNote): number | CellIssue {
  const decimal = decimalMarkOf(body, localeDecimal, note);
  if (isCellIssue(decimal)) return decimal;
  let whole = body;
  let fraction = '';
  if (decimal !== null) {
    const at = body.lastIndexOf(decimal);
    whole = body.slice(0, at);
    fraction = body.slice(at + 1);
    if (!ONLY_DIGITS.test(fraction) || whole.includes(decimal)) return NUMBER_INVALID;
  }
  const groups = whole.split(GROUP_MARKS);
  if (groups.length > 1) {
    // Groups of three, or the Indian 2-digit groups before the last three (12,34,567).
    const last = groups.length - 1;
    for (let i = 0; i <= last; i++) {
      const g = groups[i];
      const ok = i === 0 ? g.length >= 1 && g.length <= 3 : i === last ? g.length === 3 : g.length === 2 || g.length === 3;
      if (!ok || !ONLY_DIGITS.test(g)) return NUMBER_INVALID;
    }
  } else if (whole !== '' && !ONLY_DIGITS.test(whole)) {
    return NUMBER_INVALID;
  }
  return Number(`${groups.join('') || '0'}.${fraction || '0'}`);
}

/** Which of `.` and `,` is the decimal mark in `body`; null when it has none. */
function decimalMarkOf(body: string, localeDecimal: '.' | ',' | null, note?: ReadingNote): '.' | ',' | null | CellIssue {
  const { mark, own } = decimalMarkInText(body);
  if (note) {
    note.own = own;
    note.byLocale = own === null && mark !== null && localeDecimal !== null;
  }
  if (own !== null || mark === null) return own === null ? null : own === mark ? mark : null;
  if (localeDecimal === null) return NUMBER_AMBIGUOUS;
  return localeDecimal === mark ? mark : null;
}

/**
 * The one mark of `.` and `,` that may be the decimal mark (`mark`), and which decimal mark the text itself shows
 * (`own`): both marks (the last is decimal: 1.234,56), a mark repeated (thousands: 1.234.567, so the other is
 * decimal), grouped by spaces (1 234,5) or not before three digits (12,5). One mark before three digits with one
 * to three before it (1,500) shows none: the locale decides.
 */
function decimalMarkInText(body: string): { mark: '.' | ',' | null; own: '.' | ',' | null } {
  const lastDot = body.lastIndexOf('.');
  const lastComma = body.lastIndexOf(',');
  if (lastDot < 0 && lastComma < 0) return { mark: null, own: null };
  if (lastDot >= 0 && lastComma >= 0) {
    const last = lastDot > lastComma ? '.' : ',';
    return { mark: last, own: last };
  }
  const mark = lastDot >= 0 ? '.' : ',';
  const at = Math.max(lastDot, lastComma);
  if (body.indexOf(mark) !== at) return { mark: null, own: mark === '.' ? ',' : '.' };
  if (SPACE_OR_APOSTROPHE.test(body)) return { mark, own: mark };
  const before = body.slice(0, at);
  // A thousands separator has 1-3 digits (not a lone 0) before it and exactly 3 after.
  if (body.length - at - 1 !== 3 || before.length === 0 || before.length > 3 || before === '0') return { mark, own: mark };
  return { mark, own: null };
}
