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

/**
 * How a parser settled what the locale settles when a cell alone cannot, for a column-wide check: `own` is what
 * the text itself showed ("13/02/2024" can only be day-first, "2,000.50" has a decimal point), `byLocale` that
 * the locale decided (03/02/2024, 1,500). A parser fills it in when given one; the reader passes the same one.
 */
export interface ReadingNote {
  own: 'day_first' | 'month_first' | '.' | ',' | null;
  byLocale: boolean;
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

// Euro area (Bulgaria from 2026) and the states that use the euro by agreement or on their own.
const EURO_COUNTRIES = [
  'AT', 'BE', 'BG', 'CY', 'DE', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PT', 'SI', 'SK',
  'AD', 'MC', 'ME', 'SM', 'VA', 'XK',
];
/** Countries whose own currency is the US dollar. */
const DOLLAR_COUNTRIES = ['US', 'EC', 'SV', 'PR', 'TL', 'PW', 'FM', 'MH', 'VG', 'TC', 'GU', 'AS', 'VI'];
// Every country a spreadsheet locale can name, and more: a locale missing here would leave the workbook without
// a currency of its own (ingest then takes the one the amounts name most often).
const CURRENCY_BY_COUNTRY: Record<string, string> = {
  ...Object.fromEntries(EURO_COUNTRIES.map((country) => [country, 'EUR'])),
  ...Object.fromEntries(DOLLAR_COUNTRIES.map((country) => [country, 'USD'])),
  GB: 'GBP', CH: 'CHF', LI: 'CHF', CA: 'CAD', AU: 'AUD', NZ: 'NZD', JP: 'JPY', IN: 'INR', BR: 'BRL', MX: 'MXN',
  SE: 'SEK', NO: 'NOK', DK: 'DKK', GL: 'DKK', FO: 'DKK', IS: 'ISK', PL: 'PLN', CZ: 'CZK', HU: 'HUF', RO: 'RON',
  RS: 'RSD', MK: 'MKD', AL: 'ALL', BA: 'BAM', MD: 'MDL', UA: 'UAH', BY: 'BYN', RU: 'RUB', TR: 'TRY', GE: 'GEL',
  AM: 'AMD', AZ: 'AZN', KZ: 'KZT', UZ: 'UZS', KG: 'KGS', TJ: 'TJS', TM: 'TMT', MN: 'MNT', GI: 'GIP',
  ZA: 'ZAR', NA: 'NAD', BW: 'BWP', ZM: 'ZMW', MZ: 'MZN', AO: 'AOA', KE: 'KES', TZ: 'TZS', UG: 'UGX', RW: 'RWF',
  ET: 'ETB', NG: 'NGN', GH: 'GHS', MU: 'MUR', MA: 'MAD', DZ: 'DZD', TN: 'TND', LY: 'LYD', EG: 'EGP', SD: 'SDG',
  SN: 'XOF', CI: 'XOF', BJ: 'XOF', BF: 'XOF', ML: 'XOF', NE: 'XOF', TG: 'XOF', CM: 'XAF', GA: 'XAF', CG: 'XAF',
  IL: 'ILS', JO: 'JOD', LB: 'LBP', SY: 'SYP', IQ: 'IQD', IR: 'IRR', SA: 'SAR', AE: 'AED', QA: 'QAR', KW: 'KWD',
  BH: 'BHD', OM: 'OMR', YE: 'YER', AF: 'AFN', PK: 'PKR', BD: 'BDT', LK: 'LKR', NP: 'NPR', MM: 'MMK', TH: 'THB',
  LA: 'LAK', KH: 'KHR', VN: 'VND', MY: 'MYR', SG: 'SGD', BN: 'BND', ID: 'IDR', PH: 'PHP', CN: 'CNY', HK: 'HKD',
  MO: 'MOP', TW: 'TWD', KR: 'KRW', FJ: 'FJD', PG: 'PGK',
  AR: 'ARS', CL: 'CLP', CO: 'COP', PE: 'PEN', BO: 'BOB', PY: 'PYG', UY: 'UYU', VE: 'VES', CR: 'CRC', PA: 'PAB',
  GT: 'GTQ', HN: 'HNL', NI: 'NIO', DO: 'DOP', CU: 'CUP', HT: 'HTG', JM: 'JMD', TT: 'TTD', BS: 'BSD', BB: 'BBD',
};

/**
 * The currency of the locale's country (product.md: the workbook currency defaults from the spreadsheet's
 * locale): "nl_NL" → EUR, "en-US" → USD; null when the locale names no country ("en", "es_419").
 */
export function currencyOfLocale(locale: string): string | null {
  // A script subtag may come between ("zh-Hant-TW", "sr_Latn_RS").
  const country = /^[a-z]{2,3}(?:[-_][a-z]{4})?[-_]([a-z]{2})(?![a-z])/i.exec(locale.trim())?.[1]?.toUpperCase();
  return country === undefined ? null : CURRENCY_BY_COUNTRY[country] ?? null;
}
