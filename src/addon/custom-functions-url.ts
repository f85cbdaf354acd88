import { AddonError } from './addon-error';
import { eachCell, isBlank, single, text } from './custom-functions-args';

// TRACKING_URL: a page address tagged with utm parameters. Apps Script has no URL class, so the address is
// split by hand: what comes before the query stays as typed, the query keeps its other parameters, the
// fragment stays last (a browser never sends it, so utm parameters after it would be lost).

/** Scheme, host and path; then the query; then the fragment. No spaces: a typed address with one is broken. */
const WEB_ADDRESS = /^(https?:\/\/[^\s/?#]+(?:\/[^\s?#]*)?)(?:\?([^\s#]*))?(#\S*)?$/i;
/** Whether `address` is a web address a visit can have (http or https, a host, no spaces): the panel's and the asset link's check. */
export const isWebAddress = (address: string) => WEB_ADDRESS.test(address);
const UTM_KEYS = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content'] as const;
const EXAMPLE_URL = 'https://example.com/page';

function required(value: unknown, name: string, example: string, tz: string): string {
  const typed = isBlank(single(value, name)) ? '' : text(value, tz);
  if (typed === '') throw new AddonError('addon.fn.value_missing', { name, example });
  return typed;
}

function optional(value: unknown, name: string, tz: string): string {
  return isBlank(single(value, name)) ? '' : text(value, tz);
}

/**
 * The address with utm_source, utm_medium, utm_campaign and, when given, utm_term and utm_content, each
 * value percent-encoded. utm parameters already in the address are replaced, the others kept in order.
 * `url` may be a range: one tagged address per cell. `campaignUtm` turns the campaign as typed into its
 * utm_campaign value.
 */
export function trackingUrl(
  url: unknown, campaign: unknown, source: unknown, medium: unknown, term: unknown, content: unknown, tz: string, campaignUtm: (typed: string) => string,
) {
  const values: Record<(typeof UTM_KEYS)[number], string> = {
    utm_source: required(source, 'source', 'newsletter', tz),
    utm_medium: required(medium, 'medium', 'email', tz),
    utm_campaign: campaignUtm(required(campaign, 'campaign', 'spring_launch', tz)),
    utm_term: optional(term, 'term', tz),
    utm_content: optional(content, 'content', tz),
  };
  const tags = UTM_KEYS.filter((key) => values[key] !== '').map((key) => `${key}=${encodeURIComponent(values[key])}`);
  return eachCell(url, (cell) => tag(required(cell, 'url', EXAMPLE_URL, tz), tags));
}

function tag(address: string, tags: readonly string[]): string {
  const parts = WEB_ADDRESS.exec(address);
  if (!parts) throw new AddonError('addon.fn.url_invalid', { value: address });
  const [, base, query = '', fragment = ''] = parts;
  const kept = query.split('&').filter((parameter) => {
    const key = parameter.split('=')[0].toLowerCase();
    // Every utm_ parameter goes, GA4's too (utm_id, utm_source_platform, …): an old campaign id beside the new name would mix two campaigns.
    return parameter !== '' && !key.startsWith('utm_');
  });
  return `${base}?${[...kept, ...tags].join('&')}${fragment}`;
}
