import { uniqueName } from '../core/unique-name';

// Names the sidebar makes up: a campaign's utm value from its name, a new campaign's id in the workbook's
// own pattern, and a free variant of a name already taken. Pure, so the sidebar uses them too.

/** "Spring launch!" → "spring_launch": a utm value as the name reads, without accents or punctuation. */
export function utmOf(name: string): string {
  const slug = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  return slug === '' ? 'campaign' : slug;
}

/** `base`, else `base_2`, `base_3`…: the first not in `taken` (lower-cased names, as utm values match ignoring case). */
export function unique(base: string, taken: ReadonlySet<string>, separator: string): string {
  return uniqueName(base, (lowercased) => taken.has(lowercased), Infinity, (n) => `${separator}${n}`);
}

/** The next id in the workbook's own pattern (C7 after C6, 0042 after 0041), else one made from the name. */
export function nextCampaignId(ids: readonly string[], name: string): string {
  const numbered = ids.map((id) => /^(.*?)(\d+)$/.exec(id));
  const prefix = numbered[0]?.[1];
  if (ids.length > 0 && numbered.every((m) => m !== null && m[1] === prefix)) {
    const digits = numbered.reduce((n, m) => Math.max(n, m![2].length), 0);
    const next = numbered.reduce((n, m) => Math.max(n, Number(m![2])), 0) + 1;
    return `${prefix}${String(next).padStart(digits, '0')}`;
  }
  return unique(utmOf(name), new Set(ids.map((id) => id.toLowerCase())), '_');
}
