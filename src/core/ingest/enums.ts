import {
  ASSET_TYPES, INTERACTION_TYPES, SOURCES, type AssetType, type Cell, type DealStage, type InteractionType,
  type Source,
} from '../types';
import { cellIssue, trimText, type CellIssue } from './cells';

/** A closed list of names, read trimmed and case-insensitively, ignoring spaces, `_` and `-`, with aliases. */
export interface EnumSpec<T extends string> {
  /** Identifier shown in the problem text ("… is not a known interaction_type"). */
  readonly kind: string;
  readonly values: readonly T[];
  /** Alias → value, as written in `enumSpec`. */
  readonly aliases: Readonly<Record<string, T>>;
  readonly lookup: ReadonlyMap<string, T>;
  readonly invalid: CellIssue;
}

/** The comparison key of a name: `Page View`, ` page-view `, `PAGE_VIEW` all give `pageview`. */
export function enumKey(text: string): string {
  return trimText(text).toLowerCase().replace(/[\s_-]+/g, '');
}

function enumSpec<T extends string>(kind: string, values: readonly T[], aliases: Record<string, T>): EnumSpec<T> {
  const lookup = new Map<string, T>();
  for (const value of values) {
    lookup.set(value, value); // the exact name, the common case, needs no normalising
    lookup.set(enumKey(value), value);
  }
  for (const [alias, value] of Object.entries(aliases)) lookup.set(enumKey(alias), value);
  return Object.freeze({
    kind, values, aliases: Object.freeze({ ...aliases }), lookup,
    invalid: cellIssue('ingest.enum_invalid', { kind, allowed: values.join(', ') }),
  });
}

export const INTERACTION_TYPE_ENUM = enumSpec<InteractionType>('interaction_type', INTERACTION_TYPES, {
  view: 'page_view', visit: 'page_view', 'page visit': 'page_view',
  form: 'form_submission', 'form submit': 'form_submission', submission: 'form_submission',
  'form fill': 'form_submission',
  open: 'email_open', 'email opened': 'email_open',
  'email clicked': 'email_click',
  'cta clicked': 'cta_click',
  'ad clicked': 'ad_click',
  'social clicked': 'social_click',
  'phone call': 'call', phone: 'call',
  'live chat': 'chat', conversation: 'chat',
  event: 'marketing_event', 'event attended': 'marketing_event',
  workflow: 'workflow_enrollment', enrollment: 'workflow_enrollment', enrolment: 'workflow_enrollment',
  'workflow enrolment': 'workflow_enrollment',
  list: 'list_membership', 'list member': 'list_membership', 'static list': 'list_membership',
});

export const ASSET_TYPE_ENUM = enumSpec<AssetType>('asset_type', ASSET_TYPES, {
  landing: 'landing_page', lp: 'landing_page',
  page: 'website_page', 'web page': 'website_page', website: 'website_page', 'site page': 'website_page',
  blog: 'blog_post', article: 'blog_post',
  mail: 'email', 'marketing email': 'email', newsletter: 'email',
  social: 'social_post', post: 'social_post',
  'call to action': 'cta',
  ads: 'ad', advert: 'ad', advertisement: 'ad', 'display ad': 'ad',
  ppc: 'paid_search', sem: 'paid_search', 'search ad': 'paid_search',
  'tracking link': 'tracking_url', 'utm link': 'tracking_url',
  automation: 'workflow',
  list: 'static_list',
  event: 'marketing_event', webinar: 'marketing_event',
});

export const SOURCE_ENUM = enumSpec<Source>('source', SOURCES, {
  // HubSpot's source labels ("Organic Search", "Paid Social", "Other Campaigns" match the names as they are).
  'direct traffic': 'direct', 'email marketing': 'email', 'offline sources': 'offline',
  mail: 'email',
  ppc: 'paid_search', cpc: 'paid_search', sem: 'paid_search',
  social: 'organic_social',
  'other campaign': 'other_campaigns',
  seo: 'organic_search', organic: 'organic_search',
  referrer: 'referral', referrals: 'referral',
  '(direct)': 'direct', none: 'direct',
});

/** A name of `spec`; null when empty; an issue listing the allowed names when unknown. */
export function parseEnumCell<T extends string>(cell: Cell, spec: EnumSpec<T>): T | null | CellIssue {
  if (typeof cell === 'string') {
    const exact = spec.lookup.get(cell);
    if (exact !== undefined) return exact;
    const key = enumKey(cell);
    if (key === '') return null;
    return spec.lookup.get(key) ?? spec.invalid;
  }
  return cell === null || cell === undefined ? null : spec.invalid;
}

// attribution-models.md §7: exactly these are won or lost; every other stage is open.
const STAGES: ReadonlyMap<string, DealStage> = new Map<string, DealStage>([
  ['won', 'won'], ['closed won', 'won'], ['closedwon', 'won'], ['closed_won', 'won'],
  ['lost', 'lost'], ['closed lost', 'lost'], ['closedlost', 'lost'], ['closed_lost', 'lost'],
]);

/** Words of a closed deal's stage that §7's list does not hold ("Closed-Won", "Gewonnen"): read as open, but said. */
const CLOSED_WORD = /(^|[^a-z])(won|lost|gewonnen|verloren)([^a-z]|$)/i;

/** Whether a stage read as open looks meant as won or lost. */
export function looksClosed(cell: Cell): boolean {
  return typeof cell === 'string' && CLOSED_WORD.test(cell);
}

/** A deal stage; null when empty. */
export function parseStageCell(cell: Cell): DealStage | null {
  if (cell === null || cell === undefined) return null;
  // Any run of spaces is one space: "Closed\u00a0Won" (a non-breaking space, as exports write it) and "Closed  Won"
  // are §7's "closed won".
  const text = trimText(String(cell)).toLowerCase().replace(/\s+/g, ' ');
  if (text === '') return null;
  return STAGES.get(text) ?? 'open';
}
