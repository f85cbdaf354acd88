// utm values as visits carry them. Page-view exports often have no utm columns, only the address the visitor
// landed on (`…/spring?utm_source=newsletter&utm_campaign=spring`); the tracking code of the source tool reads
// them from there too. A blank utm cell takes the URL's parameter of that name; a filled one wins. GA4's session
// columns name an untagged session's campaign "(organic)", "(direct)" or "(referral)", and any missing value
// "(not set)" or "(none)": those are no tags.
import type { Utm } from '../types';

const UTM_FIELDS = ['source', 'medium', 'campaign', 'term', 'content'] as const;

/** GA4's words for "no value" in a utm-like column. */
const NO_VALUE = new Set(['(not set)', '(none)', '(direct)', '(organic)', '(referral)', '(not provided)', '(other)', '(data not available)']);
/** GA4's campaign of a session nobody tagged: its source and medium ("google" / "organic") are GA4's guess, no tags. */
const UNTAGGED_CAMPAIGN = new Set(['(direct)', '(organic)', '(referral)']);

/** `+` is a space in a query; a broken escape ("%E9" from a Latin-1 page) is kept as written. */
function decodeQueryValue(text: string): string {
  const spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

/** The utm values of a URL's query (names in any case, the first of each), or null when it has none. */
function utmOfUrl(url: string): Partial<Utm> | null {
  const start = url.indexOf('?');
  // Most addresses carry no utm parameter: they are spared the split.
  if (start < 0 || !/utm_/i.test(url)) return null;
  const end = url.indexOf('#', start);
  const found: Partial<Utm> = {};
  for (const parameter of url.slice(start + 1, end < 0 ? undefined : end).split('&')) {
    const equals = parameter.indexOf('=');
    const name = (equals < 0 ? parameter : parameter.slice(0, equals)).toLowerCase();
    const field = UTM_FIELDS.find((f) => name === `utm_${f}`);
    if (field === undefined || found[field] !== undefined) continue;
    const value = decodeQueryValue(equals < 0 ? '' : parameter.slice(equals + 1)).trim();
    if (value !== '') found[field] = value;
  }
  return Object.keys(found).length > 0 ? found : null;
}

/**
 * Settles the utm values of each visit of one ingest. A million visits share a few hundred URLs: each URL's query
 * is read once.
 */
export class VisitUtm {
  private readonly ofUrl = new Map<string, Partial<Utm> | null>();

  /** Settles `utm` (the row's own, freshly read) in place: GA4's no-values out, blanks from the URL's query. */
  settle(utm: Utm, url: string | null): Utm {
    if (utm.campaign !== null && UNTAGGED_CAMPAIGN.has(utm.campaign.toLowerCase())) {
      utm.source = utm.medium = utm.campaign = null;
    }
    for (const field of UTM_FIELDS) {
      const value = utm[field];
      if (value !== null && value.startsWith('(') && NO_VALUE.has(value.toLowerCase())) utm[field] = null;
    }
    if (url === null || UTM_FIELDS.every((f) => utm[f] !== null)) return utm;
    let fromUrl = this.ofUrl.get(url);
    if (fromUrl === undefined) this.ofUrl.set(url, (fromUrl = utmOfUrl(url)));
    if (fromUrl !== null) for (const field of UTM_FIELDS) if (utm[field] === null && fromUrl[field] !== undefined) utm[field] = fromUrl[field]!;
    return utm;
  }
}
