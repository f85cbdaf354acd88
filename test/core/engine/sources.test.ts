// Source of an interaction: product.md "Source of an interaction" and attribution-models.md §7 "Traffic".
import { deriveSources, socialNetworkOf } from '../../../src/core/engine/sources';
import { normalizeUrl } from '../../../src/core/engine/urls';
import type { Utm, Visit } from '../../../src/core/types';
import { visit } from './fixtures';

const utm = (fields: Partial<Utm>): Utm => ({ source: null, medium: null, campaign: null, term: null, content: null, ...fields });

/** One visit's source, as the engine derives it for every visit. */
const deriveSource = (v: Visit) => deriveSources([v])[0];

describe('deriveSource', () => {
  test.each([
    ['a source cell wins', visit('a', '2024-01-01', { source: 'referral', utm: utm({ medium: 'email' }) }), 'referral'],
    ['a meeting without URL is offline', visit('a', '2024-01-01', { type: 'meeting' }), 'offline'],
    ['a call with a URL is not offline', visit('a', '2024-01-01', { type: 'call', url: 'https://x.com/' }), 'direct'],
    ['utm_medium email', visit('a', '2024-01-01', { utm: utm({ medium: ' Email ' }) }), 'email'],
    ['cpc from google', visit('a', '2024-01-01', { utm: utm({ medium: 'cpc', source: 'google' }) }), 'paid_search'],
    ['ppc with a Bing referrer', visit('a', '2024-01-01', { utm: utm({ medium: 'ppc' }), referrer: 'https://www.bing.com/search?q=x' }), 'paid_search'],
    ['paid_social medium', visit('a', '2024-01-01', { utm: utm({ medium: 'paid_social', source: 'newsletter' }) }), 'paid_social'],
    ['cpc from facebook', visit('a', '2024-01-01', { utm: utm({ medium: 'cpc', source: 'facebook' }) }), 'paid_social'],
    ['paidsearch from facebook is not paid social: another campaign', visit('a', '2024-01-01', { utm: utm({ medium: 'paidsearch', source: 'facebook' }) }), 'other_campaigns'],
    ['paidsearch with a facebook referrer: the referrer makes it organic social', visit('a', '2024-01-01', { utm: utm({ medium: 'paidsearch' }), referrer: 'https://www.facebook.com/' }), 'organic_social'],
    ['paidsearch from google is paid search', visit('a', '2024-01-01', { utm: utm({ medium: 'paidsearch', source: 'google' }) }), 'paid_search'],
    ['utm_medium social', visit('a', '2024-01-01', { utm: utm({ medium: 'social' }) }), 'organic_social'],
    ['a t.co referrer', visit('a', '2024-01-01', { referrer: 'https://t.co/abc' }), 'organic_social'],
    ['an m.facebook.com referrer', visit('a', '2024-01-01', { referrer: 'https://m.facebook.com/' }), 'organic_social'],
    ['cpc from an unknown source is another campaign', visit('a', '2024-01-01', { utm: utm({ medium: 'cpc', source: 'adnet' }) }), 'other_campaigns'],
    ['any other utm tag', visit('a', '2024-01-01', { utm: utm({ content: 'banner' }) }), 'other_campaigns'],
    ['google.co.uk referrer', visit('a', '2024-01-01', { referrer: 'https://www.google.co.uk/' }), 'organic_search'],
    ['another referrer', visit('a', '2024-01-01', { referrer: 'https://news.example.org/post' }), 'referral'],
    ['"t.com" is not t.co', visit('a', '2024-01-01', { referrer: 'https://t.com/' }), 'referral'],
    // t.co matches the whole host (§7), not as a suffix: mt.co is some other site.
    ['"mt.co" is not t.co', visit('a', '2024-01-01', { referrer: 'https://mt.co/x' }), 'referral'],
    ['nothing at all', visit('a', '2024-01-01'), 'direct'],
  ])('%s', (_name, v, expected) => {
    expect(deriveSource(v)).toBe(expected);
  });

  test('the network of a social visit is its host or utm_source', () => {
    expect(socialNetworkOf(visit('a', '2024-01-01', { referrer: 'https://www.linkedin.com/feed' }))).toBe('linkedin');
    expect(socialNetworkOf(visit('a', '2024-01-01', { utm: utm({ medium: 'social', source: 'Mastodon' }) }))).toBe('mastodon');
    // product.md lists "twitter/x" as one network; t.co is its link shortener.
    expect(socialNetworkOf(visit('a', '2024-01-01', { referrer: 'https://x.com/status/1' }))).toBe('twitter');
    expect(socialNetworkOf(visit('a', '2024-01-01', { referrer: 'https://t.co/abc' }))).toBe('twitter');
    expect(socialNetworkOf(visit('a', '2024-01-01', { utm: utm({ medium: 'social', source: 'X' }) }))).toBe('twitter');
    // A link tagged for LinkedIn, followed from Facebook: the host first, as product.md says it.
    expect(socialNetworkOf(visit('a', '2024-01-01', { referrer: 'https://l.facebook.com/l.php', utm: utm({ medium: 'social', source: 'linkedin' }) })))
      .toBe('facebook');
  });
});

describe('normalizeUrl', () => {
  test('scheme and host lower-cased, path kept, trailing slash, query and fragment dropped', () => {
    expect(normalizeUrl('HTTPS://Shop.Example.COM/Sale/?a=1#x')).toBe('https://shop.example.com/Sale');
    // A bare host and the same host with a slash are one page: https://h.
    expect(normalizeUrl('https://h')).toBe('https://h');
    expect(normalizeUrl('https://h/')).toBe('https://h');
    expect(normalizeUrl('Example.com/Path/')).toBe('example.com/Path');
  });
});
