// The traffic source of an interaction (product.md "Source of an interaction", attribution-models.md §7).
import type { Source, Visit } from '../types';
import { SEARCH_ENGINES, SOCIAL_NETWORKS, hostOf, matchHostName } from './urls';

const PAID_MEDIA = new Set(['cpc', 'ppc', 'paid', 'paidsearch']);
const PAID_SOCIAL_MEDIA = new Set(['paid_social', 'paidsocial']);
const OFFLINE_TYPES = new Set(['meeting', 'call', 'marketing_event', 'offline']);

const lower = (s: string | null) => (s ? s.trim().toLowerCase() : '');

/** utm_source may be a bare name ("google") or a host ("m.facebook.com"): both match by label. */
function named(utmSource: string, referrerHost: string, names: readonly string[]): string | null {
  return matchHostName(utmSource, names) ?? matchHostName(referrerHost, names);
}

export function deriveSource(visit: Visit): Source {
  return sourceWithHost(visit, visit.referrer ? hostOf(visit.referrer) : '');
}

/** Sources of many visits; referrer hosts are parsed once per distinct referrer. */
export function deriveSources(visits: readonly Visit[]): Source[] {
  const hosts = new Map<string, string>();
  return visits.map((visit) => {
    if (!visit.referrer) return sourceWithHost(visit, '');
    let host = hosts.get(visit.referrer);
    if (host === undefined) hosts.set(visit.referrer, (host = hostOf(visit.referrer)));
    return sourceWithHost(visit, host);
  });
}

function sourceWithHost(visit: Visit, referrerHost: string): Source {
  if (visit.source) return visit.source;
  if (OFFLINE_TYPES.has(visit.type) && !visit.url) return 'offline';
  const medium = lower(visit.utm.medium);
  const utmSource = lower(visit.utm.source);
  if (medium === 'email') return 'email';
  if (PAID_MEDIA.has(medium) && named(utmSource, referrerHost, SEARCH_ENGINES)) return 'paid_search';
  if (PAID_SOCIAL_MEDIA.has(medium) || (PAID_MEDIA.has(medium) && named(utmSource, referrerHost, SOCIAL_NETWORKS))) {
    return 'paid_social';
  }
  if (medium === 'social' || matchHostName(referrerHost, SOCIAL_NETWORKS)) return 'organic_social';
  const { utm } = visit;
  if (utm.source || utm.medium || utm.campaign || utm.term || utm.content) return 'other_campaigns';
  if (matchHostName(referrerHost, SEARCH_ENGINES)) return 'organic_search';
  if (referrerHost) return 'referral';
  return 'direct';
}

/** The social network of a social visit: the matched host or utm_source (for the by-network drill-down). */
export function socialNetworkOf(visit: Visit): string | null {
  const referrerHost = visit.referrer ? hostOf(visit.referrer) : '';
  return named(lower(visit.utm.source), referrerHost, SOCIAL_NETWORKS) ?? (lower(visit.utm.source) || null);
}
