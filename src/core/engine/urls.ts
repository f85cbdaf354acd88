// URL and host helpers shared by campaign resolution (asset URLs) and source derivation (referrers).

const URL_PARTS = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)/i;

/**
 * The form two URLs are compared in (attribution-models.md §1, §7): scheme and host lower-cased,
 * path case-sensitive and without trailing slash, no query string, no fragment.
 */
export function normalizeUrl(url: string): string {
  const text = url.trim();
  const m = URL_PARTS.exec(text);
  if (!m) {
    // A scheme-less URL ("example.com/page"): the host is everything before the first slash.
    const bare = text.split(/[?#]/, 1)[0];
    const slash = bare.indexOf('/');
    const host = slash < 0 ? bare : bare.slice(0, slash);
    const path = slash < 0 ? '' : bare.slice(slash);
    return host.toLowerCase() + path.replace(/\/+$/, '');
  }
  return `${m[1].toLowerCase()}://${m[2].toLowerCase()}${m[3].replace(/\/+$/, '')}`;
}

/** Whether the URL starts with a scheme ("https://"). */
export const hasScheme = (url: string) => URL_PARTS.test(url.trim());

/** The lower-cased host of a URL or bare host name, without port; '' when there is none. */
export function hostOf(urlOrHost: string): string {
  const text = urlOrHost.trim().toLowerCase();
  const m = URL_PARTS.exec(text);
  const hostPort = m ? m[2] : text.split(/[/?#]/, 1)[0];
  return hostPort.replace(/^[^@]*@/, '').replace(/:\d+$/, '');
}

export const SEARCH_ENGINES = ['google', 'bing', 'yahoo', 'duckduckgo', 'baidu', 'yandex', 'ecosia'] as const;
export const SOCIAL_NETWORKS = [
  'facebook', 'instagram', 'linkedin', 'twitter', 'x', 't.co', 'youtube', 'pinterest', 'tiktok', 'reddit',
] as const;

/**
 * The social network a host or utm_source names. x.com and t.co are twitter: product.md's "twitter/x" is one
 * network, and t.co is its link shortener, through which its posts' links arrive (organic social traffic is
 * broken down by platform, as the source documents say).
 */
export function socialNetworkOfHost(host: string): string | null {
  const name = matchHostName(host, SOCIAL_NETWORKS);
  return name === 'x' || name === 't.co' ? 'twitter' : name;
}

/**
 * The first name of `names` that the host carries as one of its dot-separated labels
 * (`www.google.co.uk` is google, `m.facebook.com` is facebook); a name with a dot (`t.co`) must equal the host.
 */
export function matchHostName(host: string, names: readonly string[]): string | null {
  if (!host) return null;
  const labels = host.split('.');
  for (const name of names) {
    if (name.includes('.') ? host === name : labels.includes(name)) return name;
  }
  return null;
}
