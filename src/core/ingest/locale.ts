// What a locale settles when a cell alone cannot: the order of day and month (03/04/2024) and the
// decimal mark (1.234). Learnt from Intl once per ingest, never guessed: with no usable locale both are
// null and an ambiguous cell becomes a problem.

export interface LocaleConventions {
  /** true: 03/04/2024 is 3 April; false: 4 March; null: unknown. */
  readonly dayFirst: boolean | null;
  /** The decimal mark; the other of `.` and `,` is then a thousands separator. null: unknown. */
  readonly decimalMark: '.' | ',' | null;
}

/** Everything the cell parsers need besides the cell. Build it once with `cellContext`. */
export interface CellContext extends LocaleConventions {
  /** IANA zone of dates written without a zone. */
  readonly tz: string;
}

const UNKNOWN: LocaleConventions = Object.freeze({ dayFirst: null, decimalMark: null });
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
    const decimal = new Intl.NumberFormat(tag).formatToParts(1234.5).find((p) => p.type === 'decimal')?.value;
    return Object.freeze({
      dayFirst: day >= 0 && month >= 0 ? day < month : null,
      decimalMark: decimal === '.' || decimal === ',' ? decimal : null,
    });
  } catch {
    return UNKNOWN; // a malformed tag: Intl throws RangeError
  }
}

export function cellContext(tz: string, locale: string | null): CellContext {
  const { dayFirst, decimalMark } = localeConventions(locale);
  return Object.freeze({ tz, dayFirst, decimalMark });
}
