// The traffic source of an interaction (product.md "Source of an interaction", attribution-models.md §7).
import type { Source, Visit } from '../types';
import { SEARCH_ENGINES, hostOf, matchHostName, socialNetworkOfHost } from './urls';

const PAID_SEARCH_MEDIA = new Set(['cpc', 'ppc', 'paid', 'paidsearch']);
/** "paidsearch" is paid search only: with a social network it is not paid social (product.md). */
const PAID_MEDIA = new Set(['cpc', 'ppc', 'paid']);
const PAID_SOCIAL_MEDIA = new Set(['paid_social', 'paidsocial']);
const OFFLINE_TYPES = new Set(['meeting', 'call', 'marketing_event', 'offline']);

const lower = (s: string | null) => (s ? s.trim().toLowerCase() : '');

/**
 * The search engine and social network a host or utm_source names (by label: `www.google.co.uk` is google,
 * `m.facebook.com` is facebook), remembered per distinct text: a Visits sheet repeats the same few hosts.
 */
class HostNames {
  private readonly seen = new Map<string, readonly [string | null, string | null]>();
  private match(text: string) {
    let found = this.seen.get(text);
    if (found === undefined) {
      found = [matchHostName(text, SEARCH_ENGINES), socialNetworkOfHost(text)];
      this.seen.set(text, found);
    }
    return found;
  }
  engine(text: string): string | null {
    return text ? this.match(text)[0] : null;
  }
  network(text: string): string | null {
    return text ? this.match(text)[1] : null;
  }
}

/** Sources of many visits; each distinct referrer and utm_source is parsed once. */
export function deriveSources(visits: readonly Visit[]): Source[] {
  const hosts = new Map<string, string>();
  const names = new HostNames();
  return visits.map((visit) => {
    if (!visit.referrer) return sourceWithHost(visit, '', names);
    let host = hosts.get(visit.referrer);
    if (host === undefined) hosts.set(visit.referrer, (host = hostOf(visit.referrer)));
    return sourceWithHost(visit, host, names);
  });
}

function sourceWithHost(visit: Visit, referrerHost: string, names: HostNames): Source {
  if (visit.source) return visit.source;
  if (OFFLINE_TYPES.has(visit.type) && !visit.url) return 'offline';
  const medium = lower(visit.utm.medium);
  const utmSource = lower(visit.utm.source);
  // utm_source may be a bare name ("google") or a host ("m.facebook.com"): both match by label.
  if (medium === 'email') return 'email';
  if (PAID_SEARCH_MEDIA.has(medium) && (names.engine(utmSource) ?? names.engine(referrerHost))) return 'paid_search';
  if (PAID_SOCIAL_MEDIA.has(medium) || (PAID_MEDIA.has(medium) && (names.network(utmSource) ?? names.network(referrerHost)))) return 'paid_social';
  if (medium === 'social' || names.network(referrerHost)) return 'organic_social';
  const { utm } = visit;
  if (utm.source || utm.medium || utm.campaign || utm.term || utm.content) return 'other_campaigns';
  if (names.engine(referrerHost)) return 'organic_search';
  if (referrerHost) return 'referral';
  return 'direct';
}

/**
 * The social network of a social visit (for the by-network drill-down): "that host or utm_source" (product.md),
 * in that order: the network the visit came from, where the referrer names one, else the one it was tagged for.
 */
export function socialNetworkOf(visit: Visit): string | null {
  const referrerHost = visit.referrer ? hostOf(visit.referrer) : '';
  const utmSource = lower(visit.utm.source);
  return socialNetworkOfHost(referrerHost) ?? socialNetworkOfHost(utmSource) ?? (utmSource || null);
}
