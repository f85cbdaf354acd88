// What a locale settles when a cell alone cannot: the order of day and month (03/04/2024), the
// decimal mark (1.234), and the month names its dates are written with (25. Mai 2024). Learnt from Intl
// once per locale, never guessed: with no usable locale the first two are null and an ambiguous cell
// becomes a problem, and only English and Dutch month names are read.

export interface LocaleConventions {
  /** true: 03/04/2024 is 3 April; false: 4 March; null: unknown. */
  readonly dayFirst: boolean | null;
  /** The decimal mark; the other of `.` and `,` is then a thousands separator. null: unknown. */
  readonly decimalMark: '.' | ',' | null;
  /** Month names, full and short, as monthKey folds them: their month number (1–12). */
  readonly monthNames: ReadonlyMap<string, number>;
}

/** Everything the cell parsers need besides the cell. Build it once with `cellContext`. */
export interface CellContext extends LocaleConventions {
  /** IANA zone of dates written without a zone. */
  readonly tz: string;
}

/** Month names in the add-on's languages (English, Dutch), in full and abbreviated: read in any locale. */
const BASE_MONTH_NAMES: ReadonlyMap<string, number> = new Map([
  ['january', 1], ['januari', 1], ['february', 2], ['februari', 2], ['march', 3], ['maart', 3], ['april', 4],
  ['may', 5], ['mei', 5], ['june', 6], ['juni', 6], ['july', 7], ['juli', 7], ['august', 8], ['augustus', 8],
  ['september', 9], ['october', 10], ['oktober', 10], ['november', 11], ['december', 12],
  ['jan', 1], ['feb', 2], ['mar', 3], ['mrt', 3], ['apr', 4], ['jun', 6], ['jul', 7], ['aug', 8], ['sep', 9],
  ['sept', 9], ['oct', 10], ['okt', 10], ['nov', 11], ['dec', 12],
]);

/** A month name as looked up: lower case, without accents or dots (`März`, `févr.` → `marz`, `fevr`). */
export function monthKey(name: string): string {
  return name.normalize('NFD').replace(/[\p{M}.]/gu, '').toLowerCase();
}

const LETTERS = /^\p{L}+$/u;

/**
 * The base month names and the locale's, long and short, as Intl writes them alone and within a date
 * (Polish and Russian write `maja`, `мая` in a date, `maj`, `май` alone). Where a name means another
 * month in English or Dutch, the locale's meaning wins: the user said that is how the sheet is written.
 */
function monthNamesOf(tag: string): ReadonlyMap<string, number> {
  const names = new Map(BASE_MONTH_NAMES);
  for (const month of ['long', 'short'] as const) {
    for (const options of [{ month }, { month, day: 'numeric' } as const]) {
      const format = new Intl.DateTimeFormat(tag, { ...options, timeZone: 'UTC' });
      for (let m = 1; m <= 12; m++) {
        const name = format.formatToParts(Date.UTC(2024, m - 1, 15)).find((p) => p.type === 'month')?.value;
        const key = name === undefined ? '' : monthKey(name);
        if (LETTERS.test(key)) names.set(key, m); // not `4月` or `1`: those are no names
      }
    }
  }
  return names;
}

const UNKNOWN: LocaleConventions = Object.freeze({ dayFirst: null, decimalMark: null, monthNames: BASE_MONTH_NAMES });
const cache = new Map<string, LocaleConventions>();

const language = (tag: string) => tag.split('-')[0].toLowerCase();

/** Conventions of a BCP 47 locale; Apps Script's "nl_NL" form is accepted too. */
export function localeConventions(locale: string | null | undefined): LocaleConventions {
  if (!locale || locale.trim() === '') return UNKNOWN;
  const tag = locale.trim().replace(/_/g, '-');
  let found = cache.get(tag);
  if (!found) {
    found = learnConventions(tag);
    cache.set(tag, found);
  }
  return found;
}

function learnConventions(tag: string): LocaleConventions {
  try {
    const dates = new Intl.DateTimeFormat(tag, { timeZone: 'UTC' });
    // An unknown language falls back to the runtime's default locale: that would be a guess.
    if (language(dates.resolvedOptions().locale) !== language(tag)) return UNKNOWN;
    const dateParts = dates.formatToParts(new Date(Date.UTC(2024, 3, 25)));
    const day = dateParts.findIndex((p) => p.type === 'day');
    const month = dateParts.findIndex((p) => p.type === 'month');
    // A year-first format (2024-04-25 in sv-SE, en-CA, fr-CA; 2024/04/25 in en-ZA) says nothing about how
    // "03/04/2024" is read there: usage differs (day-first in South Africa and Quebec), so no order is assumed.
    const year = dateParts.findIndex((p) => p.type === 'year');
    const yearFirst = year >= 0 && year < Math.min(day, month);
    const decimal = new Intl.NumberFormat(tag).formatToParts(1234.5).find((p) => p.type === 'decimal')?.value;
    return Object.freeze({
      dayFirst: day >= 0 && month >= 0 && !yearFirst ? day < month : null,
      decimalMark: decimal === '.' || decimal === ',' ? decimal : null,
      monthNames: monthNamesOf(tag),
    });
  } catch {
    return UNKNOWN; // a malformed tag: Intl throws RangeError
  }
}

export function cellContext(tz: string, locale: string | null): CellContext {
  const { dayFirst, decimalMark, monthNames } = localeConventions(locale);
  return Object.freeze({ tz, dayFirst, decimalMark, monthNames });
}

const EURO_COUNTRIES = [
  'AT', 'BE', 'CY', 'DE', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PT', 'SI', 'SK',
];
const CURRENCY_BY_COUNTRY: Record<string, string> = {
  ...Object.fromEntries(EURO_COUNTRIES.map((country) => [country, 'EUR'])),
  US: 'USD', GB: 'GBP', CH: 'CHF', CA: 'CAD', AU: 'AUD', NZ: 'NZD', JP: 'JPY', IN: 'INR', BR: 'BRL', MX: 'MXN',
  SE: 'SEK', NO: 'NOK', DK: 'DKK', PL: 'PLN', CZ: 'CZK', ZA: 'ZAR', SG: 'SGD',
};

/**
 * The currency of the locale's country (product.md: the workbook currency defaults from the spreadsheet's
 * locale): "nl_NL" → EUR, "en-US" → USD; null when the locale names no country we know (the user then sets it).
 */
export function currencyOfLocale(locale: string): string | null {
  const country = /^[a-z]{2,3}[-_]([A-Za-z]{2})\b/i.exec(locale.trim())?.[1]?.toUpperCase();
  return country === undefined ? null : CURRENCY_BY_COUNTRY[country] ?? null;
}
