// The fixed part of the sample: a B2B software company ("Kestrel", www.kestrel.example) with ten
// campaigns and their assets. Times are wall-clock milliseconds (Date.UTC fields = the clock on the
// wall), because the workbook's dates carry no zone. samples/README.md describes this world.
import type { AssetType } from '../../core/types';

export const SITE = 'https://www.kestrel.example';
export const CURRENCY = 'EUR';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** A wall-clock time (month 1-12). */
export const wall = (y: number, m: number, d: number, h = 0, min = 0, s = 0) => Date.UTC(y, m - 1, d, h, min, s);

/** "Today" for the sample: fixed, so the same seed always gives the same workbook. */
export const TODAY = wall(2026, 11, 1);
/** Eighteen months of traffic end the day before TODAY. */
export const WINDOW_START = wall(2025, 5, 1);

export interface CampaignDef {
  id: string;
  name: string;
  utm: string | null;
  /** Earlier utm values, oldest first, each with the moment the campaign was renamed away from it. */
  formerUtm: { value: string; until: number }[];
  createdAt: number;
  start: number | null;
  end: number | null;
  /** Goals and budget for the small sample; larger samples scale them with their traffic. */
  goals: { sessions: number | null; newContacts: number | null; influencedContacts: number | null; revenue: number | null };
  budget: number | null;
  /** Where the campaign's ads, posts and emails send people. */
  landingUrl: string | null;
}

export type Network = 'facebook' | 'linkedin' | 'twitter' | 'instagram' | 'google';

export interface AssetDef {
  id: string;
  campaignId: string;
  type: AssetType;
  name: string;
  url?: string;
  associatedAt?: number;
  publishedAt?: number;
  abGroup?: string;
  abWinner?: boolean;
  keyword?: string;
  /** CTA impressions for the small sample (the Assets sheet's `views`), scaled like goals. */
  views?: number;
  // Generation only (not written):
  /** When the asset draws traffic (ads, CTAs, blog posts from publication). */
  liveFrom?: number;
  liveTo?: number;
  network?: Network;
  /** Marketing events: when the event takes place. */
  eventAt?: number;
  /** Emails sent on one date to a list. */
  sendAt?: number;
  /** A deliberately flawed row (samples/README.md lists them). */
  flaw?: string;
}

const url = (p: string) => `${SITE}${p}`;

export const CAMPAIGNS: CampaignDef[] = [
  {
    id: 'C01', name: 'Spring launch 2026', utm: 'spring_launch_2026', formerUtm: [],
    createdAt: wall(2026, 2, 10, 9, 30), start: wall(2026, 3, 1), end: wall(2026, 5, 31),
    goals: { sessions: 2500, newContacts: 60, influencedContacts: 250, revenue: 150_000 }, budget: 25_000,
    landingUrl: url('/lp/spring-launch'),
  },
  {
    id: 'C02', name: 'Website & SEO (always on)', utm: null, formerUtm: [],
    createdAt: wall(2025, 4, 1, 10), start: wall(2025, 4, 1), end: null,
    goals: { sessions: 9000, newContacts: 150, influencedContacts: null, revenue: null }, budget: 12_000,
    landingUrl: null,
  },
  {
    id: 'C03', name: 'Paid search (always on)', utm: 'search_always_on', formerUtm: [],
    createdAt: wall(2025, 4, 20, 14), start: wall(2025, 5, 1), end: null,
    goals: { sessions: 3000, newContacts: 80, influencedContacts: null, revenue: 200_000 }, budget: null,
    landingUrl: url('/lp/attribution-software'),
  },
  {
    id: 'C04', name: 'Attribution webinars', utm: 'attribution_webinars',
    formerUtm: [
      { value: 'webinar_q3_2025', until: wall(2025, 11, 1) },
      { value: 'webinars_2025', until: wall(2026, 1, 5) },
    ],
    createdAt: wall(2025, 8, 20, 11), start: wall(2025, 9, 1), end: wall(2026, 4, 30),
    goals: { sessions: 800, newContacts: 60, influencedContacts: 200, revenue: null }, budget: 4_000,
    landingUrl: url('/webinars'),
  },
  {
    id: 'C05', name: 'Lead nurture', utm: 'lead_nurture', formerUtm: [],
    createdAt: wall(2025, 6, 1, 9), start: wall(2025, 6, 1), end: null,
    goals: { sessions: null, newContacts: null, influencedContacts: 400, revenue: 100_000 }, budget: 3_000,
    landingUrl: url('/pricing'),
  },
  {
    id: 'C06', name: 'Customer onboarding', utm: 'onboarding', formerUtm: [],
    createdAt: wall(2025, 9, 1, 9), start: wall(2025, 9, 1), end: null,
    goals: { sessions: null, newContacts: null, influencedContacts: 60, revenue: null }, budget: 2_000,
    landingUrl: url('/docs/getting-started'),
  },
  {
    id: 'C07', name: 'Monthly newsletter', utm: 'newsletter', formerUtm: [],
    createdAt: wall(2025, 5, 2, 8), start: wall(2025, 5, 1), end: null,
    goals: { sessions: 600, newContacts: null, influencedContacts: 300, revenue: null }, budget: 1_500,
    landingUrl: null,
  },
  {
    id: 'C08', name: 'LinkedIn ABM: enterprise', utm: 'abm_enterprise', formerUtm: [],
    createdAt: wall(2026, 1, 15, 10), start: wall(2026, 1, 15), end: wall(2026, 6, 30),
    goals: { sessions: 500, newContacts: 20, influencedContacts: 80, revenue: 250_000 }, budget: 40_000,
    landingUrl: url('/abm/enterprise'),
  },
  {
    id: 'C09', name: 'Partner referrals', utm: 'partner_program', formerUtm: [],
    createdAt: wall(2025, 7, 1, 9), start: wall(2025, 7, 1), end: null,
    goals: { sessions: 700, newContacts: 40, influencedContacts: null, revenue: null }, budget: null,
    landingUrl: null,
  },
  {
    id: 'C10', name: 'Black Friday 2025', utm: 'black_friday_2025', formerUtm: [],
    createdAt: wall(2025, 10, 20, 15), start: wall(2025, 11, 20), end: wall(2025, 12, 1),
    goals: { sessions: 1200, newContacts: 30, influencedContacts: 150, revenue: 60_000 }, budget: 8_000,
    landingUrl: url('/lp/black-friday'),
  },
];

const BLOG_POSTS: [slug: string, title: string, published: number][] = [
  ['what-is-marketing-attribution', 'What is marketing attribution?', wall(2024, 11, 5)],
  ['utm-parameters-guide', 'The complete guide to UTM parameters', wall(2024, 12, 3)],
  ['first-vs-last-touch', 'First touch vs last touch', wall(2025, 1, 14)],
  ['campaign-reporting-in-sheets', 'Campaign reporting in Google Sheets', wall(2025, 2, 18)],
  ['roi-vs-roas', 'ROI vs ROAS: which one to report', wall(2025, 3, 11)],
  ['b2b-funnel-metrics', '12 B2B funnel metrics that matter', wall(2025, 4, 8)],
  ['lead-scoring-basics', 'Lead scoring basics', wall(2025, 5, 20)],
  ['marketing-budget-template', 'A marketing budget template that works', wall(2025, 6, 17)],
  ['attribution-models-explained', 'Attribution models explained', wall(2025, 7, 8)],
  ['time-decay-attribution', 'When to use time-decay attribution', wall(2025, 8, 12)],
  ['w-shaped-attribution', 'W-shaped attribution in practice', wall(2025, 9, 23)],
  ['markov-chain-attribution', 'Markov chain attribution without the maths', wall(2025, 10, 28)],
  ['dashboard-for-the-board', 'A marketing dashboard for the board', wall(2025, 12, 2)],
  ['cookie-consent-and-tracking', 'Cookie consent and what it does to tracking', wall(2026, 1, 20)],
  ['shapley-value-marketing', 'The Shapley value for marketers', wall(2026, 2, 24)],
  ['paid-social-benchmarks-2026', 'Paid social benchmarks 2026', wall(2026, 3, 31)],
  ['email-attribution', 'How to attribute revenue to email', wall(2026, 5, 5)],
  ['abm-measurement', 'Measuring account-based marketing', wall(2026, 6, 16)],
  ['offline-touchpoints', 'Counting offline touchpoints', wall(2026, 8, 4)],
  ['attribution-audit-checklist', 'An attribution audit checklist', wall(2026, 9, 15)],
];

/** The blog post that was first linked to C02 and later moved to C04 (the later link wins). */
const MOVED_POST = 'attribution-models-explained';
/** Pilot ads sent people to the ABM page long before the ABM campaign was created. */
export const ABM_PILOT_FROM = wall(2025, 10, 1);

/** Webinars: title, when it takes place, when the invitation goes out. */
const WEBINARS: [title: string, at: number, inviteAt: number][] = [
  ['Attribution 101', wall(2025, 9, 18, 16), wall(2025, 9, 4, 10)],
  ['Multi-touch in practice', wall(2025, 12, 4, 16), wall(2025, 11, 20, 10)],
  ['From spreadsheet to board report', wall(2026, 4, 16, 16), wall(2026, 4, 2, 10)],
];

const PAID_KEYWORDS = [
  'marketing attribution software', 'campaign analytics tool', 'multi touch attribution', 'revenue attribution',
  'hubspot attribution alternative', 'google sheets marketing dashboard', 'kestrel analytics', 'marketing roi report',
];

export const PARTNERS: [slug: string, name: string, host: string][] = [
  ['acme-consulting', 'Acme Consulting', 'www.acmeconsulting.example'],
  ['brightlane-digital', 'Brightlane Digital', 'brightlane.example'],
  ['fjord-growth', 'Fjord Growth', 'www.fjordgrowth.example'],
  ['nordic-revops', 'Nordic RevOps', 'nordicrevops.example'],
  ['sheetwise-academy', 'Sheetwise Academy', 'academy.sheetwise.example'],
];

/** Newsletter issues, every other month, each an A/B test of two subject lines with one winner. */
const NEWSLETTER_ISSUES: [group: string, sendAt: number, subject: string, winner: 'A' | 'B'][] = [
  ['nl-2025-06', wall(2025, 6, 10, 8), 'June: attribution basics', 'A'],
  ['nl-2025-08', wall(2025, 8, 12, 8), 'August: summer reading list', 'B'],
  ['nl-2025-10', wall(2025, 10, 14, 8), 'October: webinar season', 'A'],
  ['nl-2025-12', wall(2025, 12, 9, 8), 'December: the year in numbers', 'B'],
  ['nl-2026-02', wall(2026, 2, 10, 8), 'February: what is new', 'B'],
  ['nl-2026-04', wall(2026, 4, 14, 8), 'April: spring launch recap', 'A'],
  ['nl-2026-06', wall(2026, 6, 9, 8), 'June: ABM playbook', 'A'],
  ['nl-2026-08', wall(2026, 8, 11, 8), 'August: benchmarks', 'B'],
];

/** The assets the simulation refers to by role rather than by id. */
export interface KeyAssets {
  forms: { launch: AssetDef; newsletter: AssetDef; ebook: AssetDef; demo: AssetDef; search: AssetDef; webinar: AssetDef; abm: AssetDef };
  ctas: { launchBanner: AssetDef; playbook: AssetDef; bookDemo: AssetDef; blackFridayBanner: AssetDef };
  workflow: AssetDef;
  nurtureEmails: AssetDef[];
  onboardingEmails: AssetDef[];
  lists: { webinarAttendees: AssetDef; customers: AssetDef; subscribers: AssetDef };
  /** Webinar invitations, each with the event it invites to. */
  webinars: { invite: AssetDef; event: AssetDef }[];
  paidSearch: AssetDef[];
  partnerLinks: AssetDef[];
}

function buildAssets(): { assets: AssetDef[]; keys: KeyAssets } {
  const assets: AssetDef[] = [];
  let count = 0;
  const add = (def: Omit<AssetDef, 'id'>, id = `A${String(++count).padStart(3, '0')}`): AssetDef => {
    const a: AssetDef = { ...def, id };
    assets.push(a);
    return a;
  };

  // C01 Spring launch: landing page, form, an A/B announcement, posts, paid social ads, a homepage CTA.
  const launch = { from: wall(2026, 3, 1), to: wall(2026, 5, 31, 23, 59) };
  add({ campaignId: 'C01', type: 'landing_page', name: 'Spring launch landing page', url: url('/lp/spring-launch') });
  const launchForm = add({ campaignId: 'C01', type: 'form', name: 'Spring launch demo request' });
  add({ campaignId: 'C01', type: 'email', name: 'Launch announcement (subject A)', abGroup: 'launch-announce', abWinner: true, sendAt: wall(2026, 3, 3, 9) });
  add({ campaignId: 'C01', type: 'email', name: 'Launch announcement (subject B)', abGroup: 'launch-announce', abWinner: false, sendAt: wall(2026, 3, 3, 9) });
  add({ campaignId: 'C01', type: 'email', name: 'Launch follow-up', sendAt: wall(2026, 3, 17, 9) });
  add({ campaignId: 'C01', type: 'social_post', name: 'Launch teaser (LinkedIn)', publishedAt: wall(2026, 2, 24, 10), network: 'linkedin' });
  add({ campaignId: 'C01', type: 'social_post', name: 'Launch day (X)', publishedAt: wall(2026, 3, 3, 9, 30), network: 'twitter' });
  add({ campaignId: 'C01', type: 'social_post', name: 'Launch recap (Facebook)', publishedAt: wall(2026, 3, 20, 12), network: 'facebook' });
  add({ campaignId: 'C01', type: 'ad', name: 'Launch: Facebook carousel', network: 'facebook', liveFrom: launch.from, liveTo: launch.to });
  add({ campaignId: 'C01', type: 'ad', name: 'Launch: LinkedIn sponsored content', network: 'linkedin', liveFrom: launch.from, liveTo: launch.to });
  const launchBanner = add({ campaignId: 'C01', type: 'cta', name: 'See the new dashboard (homepage banner)', views: 6000, liveFrom: launch.from, liveTo: launch.to });

  // C02 Website & SEO: blog posts (linked when published), key pages, forms, a podcast, CTAs.
  const c02 = CAMPAIGNS[1];
  for (const [slug, title, published] of BLOG_POSTS) {
    add({
      campaignId: 'C02', type: 'blog_post', name: title, url: url(`/blog/${slug}`), liveFrom: published,
      associatedAt: published > c02.createdAt ? published + 10 * HOUR : undefined,
      flaw: slug === MOVED_POST ? 'moved' : undefined,
    });
  }
  add({ campaignId: 'C02', type: 'website_page', name: 'Product tour', url: url('/product') });
  add({ campaignId: 'C02', type: 'website_page', name: 'Pricing', url: url('/pricing') });
  add({ campaignId: 'C02', type: 'website_page', name: 'Integrations', url: url('/integrations') });
  add({ campaignId: 'C02', type: 'website_page', name: 'Customer stories', url: url('/customers') });
  const newsletterForm = add({ campaignId: 'C02', type: 'form', name: 'Newsletter signup (blog)' });
  const ebookForm = add({ campaignId: 'C02', type: 'form', name: 'Ebook download: The attribution playbook' });
  add({ campaignId: 'C02', type: 'landing_page', name: 'Ebook: The attribution playbook', url: url('/lp/attribution-playbook') });
  add({ campaignId: 'C02', type: 'other', name: 'Kestrel podcast', url: url('/podcast') });
  const playbook = add({ campaignId: 'C02', type: 'cta', name: 'Download the playbook (blog sidebar)', views: 9000 });
  const bookDemo = add({ campaignId: 'C02', type: 'cta', name: 'Book a demo (pricing page)', views: 2500 });
  const demoForm = add({ campaignId: 'C02', type: 'form', name: 'Demo request (website)' });

  // C03 Paid search: a landing page with its form, one paid-search asset per keyword.
  add({ campaignId: 'C03', type: 'landing_page', name: 'Search LP: attribution software', url: url('/lp/attribution-software') });
  const searchForm = add({ campaignId: 'C03', type: 'form', name: 'Search LP demo request' });
  const paidSearch = PAID_KEYWORDS.map((keyword) =>
    add({ campaignId: 'C03', type: 'paid_search', name: `Search: ${keyword}`, keyword, liveFrom: wall(2025, 5, 1) }));

  // C04 Attribution webinars (renamed twice): hub page, registration form, three events, invites, a list.
  add({ campaignId: 'C04', type: 'landing_page', name: 'Webinars hub', url: url('/webinars') });
  const webinarForm = add({ campaignId: 'C04', type: 'form', name: 'Webinar registration' });
  const events = WEBINARS.map(([title, at]) => add({ campaignId: 'C04', type: 'marketing_event', name: `Webinar: ${title}`, eventAt: at }));
  const webinars = WEBINARS.map(([title, , inviteAt], i) => ({
    invite: add({ campaignId: 'C04', type: 'email', name: `Invite: ${title}`, sendAt: inviteAt }),
    event: events[i],
  }));
  const webinarAttendees = add({ campaignId: 'C04', type: 'static_list', name: 'Webinar attendees' });
  // The moved blog post's second link: same asset id, later associated_at.
  const moved = assets.find((a) => a.flaw === 'moved');
  if (moved) add({ campaignId: 'C04', type: 'blog_post', name: moved.name, url: moved.url, liveFrom: moved.liveFrom, associatedAt: wall(2025, 9, 1, 9) }, moved.id);

  // C05 Lead nurture: the lifecycle workflow (shared with C06) and the emails it sends.
  const workflow = add({ campaignId: 'C05', type: 'workflow', name: 'Lead-to-customer lifecycle workflow' });
  const nurtureEmails = ['Nurture 1: Welcome', 'Nurture 2: Your first attribution report', 'Nurture 3: Case study',
    'Nurture 4: Models compared', 'Nurture 5: Book a demo'].map((name) => add({ campaignId: 'C05', type: 'email', name }));

  // C06 Customer onboarding: the same workflow, linked later, plus onboarding emails, a page and a list.
  add({ campaignId: 'C06', type: 'workflow', name: workflow.name, associatedAt: wall(2025, 9, 1, 9) }, workflow.id);
  const onboardingEmails = ['Onboarding 1: Welcome aboard', 'Onboarding 2: Connect your sheets', 'Onboarding 3: Your first report']
    .map((name) => add({ campaignId: 'C06', type: 'email', name }));
  add({ campaignId: 'C06', type: 'website_page', name: 'Getting started guide', url: url('/docs/getting-started') });
  const customers = add({ campaignId: 'C06', type: 'static_list', name: 'Customers' });

  // C07 Monthly newsletter: A/B subject lines, exactly one winner per issue.
  for (const [group, sendAt, subject, winner] of NEWSLETTER_ISSUES) {
    for (const variant of ['A', 'B'] as const) {
      add({ campaignId: 'C07', type: 'email', name: `Newsletter ${subject} (subject ${variant})`, abGroup: group, abWinner: variant === winner, sendAt });
    }
  }
  const subscribers = add({ campaignId: 'C07', type: 'static_list', name: 'Newsletter subscribers' });

  // C08 ABM: its landing page was live (pilot ads) months before the campaign was created.
  add({ campaignId: 'C08', type: 'landing_page', name: 'Enterprise ABM page', url: url('/abm/enterprise'), liveFrom: ABM_PILOT_FROM });
  add({ campaignId: 'C08', type: 'ad', name: 'ABM: LinkedIn conversation ad', network: 'linkedin', liveFrom: wall(2026, 1, 15, 10), liveTo: wall(2026, 6, 30, 23) });
  add({ campaignId: 'C08', type: 'ad', name: 'ABM: LinkedIn document ad', network: 'linkedin', liveFrom: wall(2026, 2, 1), liveTo: wall(2026, 6, 30, 23) });
  add({ campaignId: 'C08', type: 'social_post', name: 'Customer story: Hollander Logistics (LinkedIn)', publishedAt: wall(2026, 2, 5, 11), network: 'linkedin' });
  const abmForm = add({ campaignId: 'C08', type: 'form', name: 'ABM: talk to an expert' });

  // C09 Partner referrals: one tracking URL per partner, each to its own partner page.
  const partnerLinks = PARTNERS.map(([slug, name]) => add({
    campaignId: 'C09', type: 'tracking_url', name: `Partner link: ${name}`,
    url: url(`/partners/${slug}?utm_source=${slug}&utm_medium=referral&utm_campaign=partner_program`),
    liveFrom: wall(2025, 7, 1),
  }));

  // C10 Black Friday: short and loud; one social post is still a draft (no published_at).
  const bf = { from: wall(2025, 11, 20), to: wall(2025, 12, 1, 23, 59) };
  add({ campaignId: 'C10', type: 'landing_page', name: 'Black Friday offer', url: url('/lp/black-friday') });
  add({ campaignId: 'C10', type: 'email', name: 'Black Friday: 30% off annual plans', sendAt: wall(2025, 11, 21, 8) });
  add({ campaignId: 'C10', type: 'email', name: 'Cyber Monday: last chance', sendAt: wall(2025, 12, 1, 8) });
  add({ campaignId: 'C10', type: 'ad', name: 'Black Friday: Instagram story', network: 'instagram', liveFrom: bf.from, liveTo: bf.to });
  add({ campaignId: 'C10', type: 'ad', name: 'Black Friday: Google display', network: 'google', liveFrom: bf.from, liveTo: bf.to });
  add({ campaignId: 'C10', type: 'social_post', name: 'Black Friday teaser (draft)', network: 'facebook', flaw: 'unpublished' });
  add({ campaignId: 'C10', type: 'social_post', name: 'Black Friday is live (Facebook)', publishedAt: wall(2025, 11, 20, 9), network: 'facebook' });
  const blackFridayBanner = add({ campaignId: 'C10', type: 'cta', name: 'Black Friday banner (homepage)', views: 1500, liveFrom: bf.from, liveTo: bf.to });

  return {
    assets,
    keys: {
      forms: { launch: launchForm, newsletter: newsletterForm, ebook: ebookForm, demo: demoForm, search: searchForm, webinar: webinarForm, abm: abmForm },
      ctas: { launchBanner, playbook, bookDemo, blackFridayBanner },
      workflow, nurtureEmails, onboardingEmails,
      lists: { webinarAttendees, customers, subscribers },
      webinars, paidSearch, partnerLinks,
    },
  };
}

const built = buildAssets();
/** Every row of the Assets sheet, in order (the shared workflow twice). */
export const ASSETS: readonly AssetDef[] = built.assets;
export const KEY_ASSETS: KeyAssets = built.keys;

export function campaign(id: string): CampaignDef {
  const found = CAMPAIGNS.find((c) => c.id === id);
  if (!found) throw new Error(`sample world: no campaign ${id}`);
  return found;
}

/** The utm_campaign value a campaign's links carried at a moment (renames change it). */
export function utmAt(c: CampaignDef, t: number): string | null {
  for (const former of c.formerUtm) if (t < former.until) return former.value;
  return c.utm;
}
