// utm parameters carried in a visit's URL. Page-view exports often have no utm columns, only the address the
// visitor landed on (`…/spring?utm_source=newsletter&utm_campaign=spring`); the tracking code of the source tool
// reads them from there too. A blank utm cell takes the URL's parameter of that name; a filled one wins.
import type { Utm } from '../types';

const UTM_FIELDS = ['source', 'medium', 'campaign', 'term', 'content'] as const;

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
export function utmOfUrl(url: string): Partial<Utm> | null {
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

/** `utm` with each blank field taken from the URL's query, where it has one. */
export function withUrlUtm(utm: Utm, url: string | null): Utm {
  if (url === null || UTM_FIELDS.every((f) => utm[f] !== null)) return utm;
  const fromUrl = utmOfUrl(url);
  if (fromUrl === null) return utm;
  const filled = { ...utm };
  for (const field of UTM_FIELDS) if (filled[field] === null && fromUrl[field] !== undefined) filled[field] = fromUrl[field];
  return filled;
}
