// One person's Visits rows: sessions of several pages from every kind of traffic source, the form that
// makes an anonymous visitor a contact (same visitor id, contact id from then on), and what follows:
// emails, workflow enrolments, list memberships, webinars, sales meetings and calls, more visits.
// Each person has its own random stream, so journeys are generated one at a time, in any order.
import type { InteractionType } from '../../core/types';
import { dateTime, type SampleRow } from './cells';
import { daytime, type ContactPlan, type Person, type Population } from './population';
import { Random, hashUnit } from './random';
import {
  ABM_PILOT_FROM, ASSETS, DAY, HOUR, KEY_ASSETS, MINUTE, PARTNERS, SITE, TODAY, campaign, utmAt, wall,
  type AssetDef, type CampaignDef, type Network,
} from './world';

/** Session ids appear in the export from this date on (a tracking upgrade); earlier rows rely on timing. */
const SESSION_IDS_FROM = wall(2026, 1, 1);

interface Utm {
  source: string;
  medium: string;
  campaign: string | null;
  term?: string;
  content?: string;
}

interface FormTarget {
  url: string;
  asset: AssetDef | null;
}

/** How a session begins: the first page, where it came from, and an ad or post click before it. */
interface Landing {
  url: string;
  referrer: string | null;
  utm: Utm | null;
  /** The `source` cell: set only where the referrer is lost (links shared in chat apps). */
  source: string | null;
  click: { type: 'ad_click' | 'social_click'; asset: AssetDef } | null;
  form: FormTarget;
}

interface Ids {
  visitorId: string | null;
  contactId: string | null;
}

const page = (path: string) => `${SITE}${path}`;
const uniqueById = (assets: readonly AssetDef[]) => assets.filter((a, i) => assets.findIndex((b) => b.id === a.id) === i);
const BLOG_POSTS = uniqueById(ASSETS.filter((a) => a.type === 'blog_post'));
const SOCIAL_POSTS = ASSETS.filter((a) => a.type === 'social_post' && a.publishedAt !== undefined);
const ADS = ASSETS.filter((a) => a.type === 'ad');
const LIST_EMAILS = ASSETS.filter((a) => a.type === 'email' && a.sendAt !== undefined);
const NURTURE_OFFSETS = [HOUR, 3 * DAY, 7 * DAY, 14 * DAY, 21 * DAY];
const ONBOARDING_OFFSETS = [DAY, 7 * DAY, 14 * DAY];

const SEARCH_REFERRERS: readonly (readonly [string, number])[] = [
  ['https://www.google.com/', 55], ['https://www.google.nl/', 10], ['https://www.google.co.uk/', 5],
  ['https://www.bing.com/', 14], ['https://duckduckgo.com/', 8], ['https://www.ecosia.org/', 5],
  ['https://search.yahoo.com/', 3],
];
const SOCIAL_REFERRERS: readonly (readonly [string, number])[] = [
  ['https://www.linkedin.com/feed/', 40], ['https://t.co/', 15], ['https://m.facebook.com/', 15],
  ['https://www.reddit.com/r/marketing/', 10], ['https://www.youtube.com/', 10], ['https://www.instagram.com/', 10],
];
const REFERRAL_SITES = [
  'https://www.g2.example/products/kestrel/reviews', 'https://www.capterra.example/p/kestrel',
  'https://martech-weekly.example/issues/42', 'https://github.com/kestrel-analytics/sheets-connector',
  'https://www.producthunt.com/posts/kestrel',
];
const INTERNAL_PAGES: readonly (readonly [string, number])[] = [
  ['/pricing', 3], ['/product', 3], ['/customers', 2], ['/integrations', 2], ['/', 2], ['/about', 1],
  ['/careers', 0.4], ['/demo', 0.6], ['blog', 4],
];
const NETWORK_SITES: Record<Network, { referrer: string; adMedium: string; postSource: string }> = {
  facebook: { referrer: 'https://l.facebook.com/', adMedium: 'paid_social', postSource: 'facebook' },
  instagram: { referrer: 'https://l.instagram.com/', adMedium: 'paid_social', postSource: 'instagram' },
  linkedin: { referrer: 'https://www.linkedin.com/', adMedium: 'cpc', postSource: 'linkedin' },
  twitter: { referrer: 'https://t.co/', adMedium: 'paid_social', postSource: 'twitter' },
  google: { referrer: 'https://googleads.g.doubleclick.net/', adMedium: 'display', postSource: 'google' },
};

function liveBlogPost(t: number, rng: Random): AssetDef {
  const live = BLOG_POSTS.filter((p) => (p.liveFrom ?? 0) <= t);
  return rng.pick(live.length > 0 ? live : BLOG_POSTS);
}

/** A few utm values are typed carelessly (case, a trailing space); matching trims and ignores case. */
function typed(value: string | null, rng: Random): string | null {
  if (value === null || !rng.chance(0.02)) return value;
  return value.replace(/(^|_)([a-z])/g, (_m, sep: string, ch: string) => sep + ch.toUpperCase()) + ' ';
}

function withQuery(url: string, utm: Utm, rng: Random): string {
  if (!rng.chance(0.5)) return url;
  const parts = [`utm_source=${utm.source}`, `utm_medium=${utm.medium}`];
  if (utm.campaign) parts.push(`utm_campaign=${encodeURIComponent(utm.campaign.trim())}`);
  return `${url}${url.includes('?') ? '&' : '?'}${parts.join('&')}`;
}

/** Where a visitor who converts fills in a form: the campaign's own form, else the website's. */
function formFor(c: CampaignDef | null, rng: Random): FormTarget {
  const { forms } = KEY_ASSETS;
  const own: Record<string, AssetDef> = { C01: forms.launch, C03: forms.search, C04: forms.webinar, C08: forms.abm };
  if (c && own[c.id] && c.landingUrl) return { url: c.landingUrl, asset: own[c.id] };
  return rng.chance(0.6) ? { url: page('/demo'), asset: forms.demo } : { url: page('/contact'), asset: null };
}

function blogForm(post: string, rng: Random): FormTarget {
  const r = rng.next();
  if (r < 0.45) return { url: post, asset: KEY_ASSETS.forms.newsletter };
  if (r < 0.7) return { url: page('/lp/attribution-playbook'), asset: KEY_ASSETS.forms.ebook };
  return formFor(null, rng);
}

function plain(url: string, referrer: string | null, form: FormTarget): Landing {
  return { url, referrer, utm: null, source: null, click: null, form };
}

interface Channel {
  weight: number;
  land(rng: Random): Landing;
}

/** The traffic sources open at a moment, weighted; campaigns add theirs while they run. */
function channelsAt(t: number): Channel[] {
  const channels: Channel[] = [
    {
      weight: 14,
      land: (rng) => plain(page(rng.pick(['/', '/', '/pricing', '/product', '/customers', '/integrations'])), null, formFor(null, rng)),
    },
    {
      weight: 28,
      land: (rng) => {
        const r = rng.next();
        const url = r < 0.55 ? liveBlogPost(t, rng).url! : page(rng.pick(['/', '/product', '/pricing', '/integrations', '/podcast', '/lp/attribution-playbook']));
        return plain(url, rng.weighted(SEARCH_REFERRERS), url.includes('/blog/') ? blogForm(url, rng) : formFor(null, rng));
      },
    },
    {
      weight: 6,
      land: (rng) => {
        const url = rng.chance(0.7) ? liveBlogPost(t, rng).url! : page('/');
        const referrer = rng.weighted(SOCIAL_REFERRERS);
        return plain(url, referrer === 'https://t.co/' ? referrer + rng.hex(10) : referrer, blogForm(url, rng));
      },
    },
    { weight: 5, land: (rng) => plain(page(rng.pick(['/', '/product', '/integrations', '/customers'])), rng.pick(REFERRAL_SITES), formFor(null, rng)) },
    {
      // Links shared in chat apps arrive without a referrer; the export marks them in the source column.
      weight: 0.8,
      land: (rng) => ({ ...plain(liveBlogPost(t, rng).url!, null, formFor(null, rng)), source: 'referral' }),
    },
    {
      weight: 2.5,
      land: (rng) => {
        const g2 = rng.chance(0.6);
        const utm: Utm = g2
          ? { source: 'g2', medium: 'referral', campaign: 'g2_listing' }
          : { source: 'spotify', medium: 'audio', campaign: 'martech_podcast_sponsorship' };
        return { ...plain(page('/'), g2 ? REFERRAL_SITES[0] : null, formFor(null, rng)), utm };
      },
    },
  ];
  if (t >= campaign('C03').start!) channels.push({ weight: 12, land: (rng) => paidSearch(t, rng) });
  if (t >= campaign('C09').createdAt) channels.push({ weight: 4, land: (rng) => partnerLink(rng) });
  for (const post of SOCIAL_POSTS) {
    const age = t - post.publishedAt!;
    if (age >= 0 && age < 45 * DAY) channels.push({ weight: 8 * Math.exp(-age / (7 * DAY)), land: (rng) => campaignClick(post, 'social_click', t, rng) });
  }
  for (const ad of ADS) {
    if (t >= ad.liveFrom! && t <= ad.liveTo!) {
      channels.push({ weight: ad.campaignId === 'C10' ? 10 : ad.campaignId === 'C08' ? 3 : 5, land: (rng) => campaignClick(ad, 'ad_click', t, rng) });
    }
  }
  const abm = campaign('C08');
  if (t >= ABM_PILOT_FROM && t < abm.createdAt) {
    // Pilot ads ran before the ABM campaign existed: their visits carry its utm but must not count for it.
    channels.push({
      weight: 2.5,
      land: (rng) => ({
        ...plain(abm.landingUrl!, NETWORK_SITES.linkedin.referrer, formFor(abm, rng)),
        utm: { source: 'linkedin', medium: 'paid_social', campaign: abm.utm, content: 'pilot' },
      }),
    });
  }
  for (const { event } of KEY_ASSETS.webinars) {
    const lead = event.eventAt! - t;
    if (lead > 0 && lead < 21 * DAY) channels.push({ weight: 4, land: (rng) => webinarPromo(t, rng) });
  }
  return channels;
}

function paidSearch(t: number, rng: Random): Landing {
  const c = campaign('C03');
  const asset = rng.pick(KEY_ASSETS.paidSearch);
  const google = rng.chance(0.8);
  const utm: Utm = {
    source: google ? 'google' : 'bing', medium: 'cpc', campaign: typed(utmAt(c, t), rng), term: asset.keyword,
    content: `rsa-${rng.int(1, 3)}`,
  };
  const brand = asset.keyword === 'kestrel analytics';
  const url = brand ? page('/') : c.landingUrl!;
  return {
    url: google ? `${url}?gclid=${rng.hex(16)}` : withQuery(url, utm, rng),
    referrer: google ? 'https://www.google.com/' : 'https://www.bing.com/',
    utm, source: null, click: { type: 'ad_click', asset }, form: brand ? formFor(null, rng) : formFor(c, rng),
  };
}

function partnerLink(rng: Random): Landing {
  const i = rng.int(0, PARTNERS.length - 1);
  const [slug, , host] = PARTNERS[i];
  const link = KEY_ASSETS.partnerLinks[i];
  return {
    ...plain(link.url!, `https://${host}/`, formFor(null, rng)),
    utm: { source: slug, medium: 'referral', campaign: 'partner_program' },
  };
}

/** A click on a campaign's ad or social post, landing on the campaign's page. */
function campaignClick(asset: AssetDef, type: 'ad_click' | 'social_click', t: number, rng: Random): Landing {
  const c = campaign(asset.campaignId);
  const site = NETWORK_SITES[asset.network!];
  const utm: Utm = {
    source: type === 'ad_click' ? asset.network! : site.postSource,
    medium: type === 'ad_click' ? site.adMedium : 'social',
    campaign: typed(utmAt(c, t), rng),
    content: asset.id.toLowerCase(),
  };
  const referrer = asset.network === 'twitter' ? site.referrer + rng.hex(10) : site.referrer;
  return { url: withQuery(c.landingUrl!, utm, rng), referrer, utm, source: null, click: { type, asset }, form: formFor(c, rng) };
}

function webinarPromo(t: number, rng: Random): Landing {
  const c = campaign('C04');
  const utm: Utm = { source: 'linkedin', medium: 'social', campaign: typed(utmAt(c, t), rng) };
  return { ...plain(withQuery(c.landingUrl!, utm, rng), 'https://www.linkedin.com/feed/', formFor(c, rng)), utm };
}

/** The journey being written: rows with their time, sorted once the person is done. */
class Journey {
  private readonly rows: { at: number; row: SampleRow }[] = [];

  constructor(readonly rng: Random) {}

  add(at: number, type: InteractionType, ids: Ids, fields: Record<string, string | boolean | null> = {}): void {
    const time = Math.round(at / 1000) * 1000;
    if (time >= TODAY) return;
    this.rows.push({
      at: time,
      row: { timestamp: dateTime(time), visitor_id: ids.visitorId, contact_id: ids.contactId, interaction_type: type, ...fields },
    });
  }

  sorted(): SampleRow[] {
    return this.rows.sort((a, b) => a.at - b.at).map((r) => r.row);
  }
}

const utmFields = (utm: Utm | null) => utm && {
  utm_source: utm.source, utm_medium: utm.medium, utm_campaign: utm.campaign, utm_term: utm.term ?? null,
  utm_content: utm.content ?? null,
};

interface PendingRow {
  dt: number;
  type: InteractionType;
  fields: Record<string, string | boolean | null>;
}

/** The rows of one browsing session, at offsets from its start: the click, the landing page, more pages. */
function browse(landing: Landing, t: number, rng: Random): PendingRow[] {
  const rows: PendingRow[] = [];
  const utm = utmFields(landing.utm);
  if (landing.click) {
    rows.push({ dt: 0, type: landing.click.type, fields: { asset_id: landing.click.asset.id, ...utm, referrer: landing.referrer } });
  }
  let dt = landing.click ? rng.int(2, 6) * 1000 : 0;
  rows.push({ dt, type: 'page_view', fields: { url: landing.url, ...utm, referrer: landing.referrer, source: landing.source } });
  let path = landing.url;
  for (let n = Math.min(8, rng.geometric(1.3)); n > 0; n--) {
    dt += Math.round(rng.exponential(90) + 15) * 1000;
    const { cta, next } = ctaOn(path, t, rng);
    if (cta) {
      rows.push({ dt, type: 'cta_click', fields: { url: path, asset_id: cta.id } });
      dt += rng.int(1, 3) * 1000;
    } else if (rng.chance(0.015) && (path.endsWith('/pricing') || path.endsWith('/product'))) {
      rows.push({ dt, type: 'chat', fields: { url: path } });
      dt += rng.int(60, 400) * 1000;
    }
    path = next ?? nextPage(t, rng);
    rows.push({ dt, type: 'page_view', fields: { url: path } });
  }
  return rows;
}

/** A call-to-action on the page the visitor is on, and the page it leads to. */
function ctaOn(url: string, t: number, rng: Random): { cta: AssetDef | null; next: string | null } {
  const { ctas } = KEY_ASSETS;
  const live = (a: AssetDef) => t >= (a.liveFrom ?? 0) && t <= (a.liveTo ?? Infinity);
  const home = url === page('/');
  if (home && live(ctas.launchBanner) && rng.chance(0.1)) return { cta: ctas.launchBanner, next: campaign('C01').landingUrl };
  if (home && live(ctas.blackFridayBanner) && rng.chance(0.15)) return { cta: ctas.blackFridayBanner, next: campaign('C10').landingUrl };
  if (url.startsWith(page('/pricing')) && rng.chance(0.07)) return { cta: ctas.bookDemo, next: page('/demo') };
  if (url.includes('/blog/') && rng.chance(0.06)) return { cta: ctas.playbook, next: page('/lp/attribution-playbook') };
  return { cta: null, next: null };
}

function nextPage(t: number, rng: Random): string {
  const path = rng.weighted(INTERNAL_PAGES);
  return path === 'blog' ? liveBlogPost(t, rng).url! : page(path);
}

/** Writes pending rows from `start`, in one session; rows at or after offset `identifyFrom` carry `identified`. */
function place(j: Journey, rows: PendingRow[], start: number, anonymous: Ids, identified: Ids = anonymous, identifyFrom = Infinity): void {
  const sessionId = start >= SESSION_IDS_FROM ? `s-${j.rng.hex(12)}` : null;
  for (const r of rows) {
    j.add(start + r.dt, r.type, r.dt >= identifyFrom ? identified : anonymous, { session_id: sessionId, ...r.fields });
  }
}

/** A webinar registration: most registrants attend the next webinar and join the attendee list. */
function register(j: Journey, at: number, contactId: string): void {
  const next = KEY_ASSETS.webinars.find((w) => w.event.eventAt! > at && w.event.eventAt! - at < 30 * DAY);
  if (!next || !j.rng.chance(0.6)) return;
  const ids = { visitorId: null, contactId };
  j.add(next.event.eventAt! + j.rng.int(0, 8) * MINUTE, 'marketing_event', ids, { asset_id: next.event.id });
  j.add(next.event.eventAt! + 2 * HOUR, 'list_membership', ids, { asset_id: KEY_ASSETS.lists.webinarAttendees.id });
}

export interface EmailSend {
  email: AssetDef;
  at: number;
  bounced: boolean;
}

/**
 * The emails a contact is sent. It depends on the contact's plan and the seed only (no random stream), so
 * the Assets sheet's sent/delivered counts and the opens in Visits agree.
 */
export function emailSends(c: ContactPlan, seed: number): EmailSend[] {
  const sends: EmailSend[] = [];
  const send = (email: AssetDef, at: number) => {
    if (at < TODAY) sends.push({ email, at, bounced: hashUnit(seed, 'bounce', c.id, email.id) < 0.02 });
  };
  const customerAt = (t: number) => c.customerSince !== null && c.customerSince <= t;
  for (const email of LIST_EMAILS) {
    const at = email.sendAt!;
    if (c.createdAt >= at) continue;
    if (email.abGroup) {
      const variants = LIST_EMAILS.filter((e) => e.abGroup === email.abGroup);
      const chosen = variants[Math.floor(hashUnit(seed, 'ab', email.abGroup, c.id) * variants.length)];
      if (c.newsletter && chosen === email) send(email, at);
    } else if (c.consent && (email.campaignId === 'C04' || !customerAt(at))) {
      send(email, at);
    }
  }
  if (c.createdAt >= campaign('C05').createdAt) KEY_ASSETS.nurtureEmails.forEach((e, i) => send(e, c.createdAt + NURTURE_OFFSETS[i]));
  if (c.customerSince !== null && c.customerSince >= campaign('C06').createdAt) {
    KEY_ASSETS.onboardingEmails.forEach((e, i) => send(e, c.customerSince! + ONBOARDING_OFFSETS[i]));
  }
  return sends;
}

/** Opens, clicks and the visit a click starts. */
function readEmail(j: Journey, c: ContactPlan, s: EmailSend): void {
  const { rng } = j;
  const contactOnly = { visitorId: null, contactId: c.id };
  if (s.bounced || !rng.chance(s.email.campaignId === 'C05' || s.email.campaignId === 'C06' ? 0.45 : 0.33)) return;
  const openAt = s.at + Math.min(rng.exponential(5 * HOUR), 5 * DAY) + 30_000;
  j.add(openAt, 'email_open', contactOnly, { asset_id: s.email.id });
  const invite = s.email.campaignId === 'C04';
  if (!rng.chance(invite ? 0.4 : 0.28)) return;
  const clickAt = openAt + rng.int(20, 300) * 1000;
  j.add(clickAt, 'email_click', contactOnly, { asset_id: s.email.id });

  const camp = campaign(s.email.campaignId);
  const utm: Utm = {
    source: camp.id === 'C07' ? 'newsletter' : 'crm', medium: 'email', campaign: typed(utmAt(camp, clickAt), rng),
    content: s.email.id.toLowerCase(),
  };
  const target = camp.landingUrl ?? liveBlogPost(clickAt, rng).url!;
  const landing: Landing = { url: withQuery(target, utm, rng), referrer: null, utm, source: null, click: null, form: formFor(camp, rng) };
  const ids = { visitorId: c.secondVisitorId && rng.chance(0.4) ? c.secondVisitorId : c.person.visitorId, contactId: c.id };
  const rows = browse(landing, clickAt, rng);
  const start = clickAt + rng.int(2, 8) * 1000;
  place(j, rows, start, ids);
  if (invite && rng.chance(0.8)) {
    const at = start + rows[rows.length - 1].dt + rng.int(30, 120) * 1000;
    j.add(at, 'form_submission', ids, { url: camp.landingUrl, asset_id: KEY_ASSETS.forms.webinar.id });
    register(j, at, c.id);
  }
}

/** Every Visits row of one person, in time order. */
export function personRows(person: Person, seed: number): SampleRow[] {
  const j = new Journey(Random.derive(seed, 'person', person.index));
  const { rng } = j;
  const c = person.contact;
  const anon: Ids = { visitorId: person.visitorId, contactId: null };
  const visit = (t: number, ids: Ids) => {
    const channels = channelsAt(t);
    const landing = rng.weighted(channels.map((ch) => [ch, ch.weight] as const)).land(rng);
    place(j, browse(landing, t, rng), t, ids);
  };

  if (!c) {
    const end = Math.min(TODAY - HOUR, person.firstAt + rng.exponential(25 * DAY));
    visit(person.firstAt, anon);
    for (let n = 1; n < person.sessions; n++) visit(daytime(person.firstAt + rng.next() * (end - person.firstAt), rng), anon);
    return j.sorted();
  }

  const known: Ids = { visitorId: person.visitorId, contactId: c.id };
  if (c.imported === 'trade_fair') {
    j.add(c.createdAt, 'offline', { visitorId: null, contactId: c.id });
  } else if (c.imported === null) {
    for (let n = 0; n < person.sessions; n++) {
      const t = n === 0 ? person.firstAt : daytime(person.firstAt + rng.next() * (c.createdAt - person.firstAt), rng);
      if (t < c.createdAt - 15 * MINUTE) visit(t, anon);
    }
    convert(j, c, anon, known);
  }

  const contactOnly = { visitorId: null, contactId: c.id };
  if (c.newsletter) j.add(c.createdAt + rng.int(1, 5) * MINUTE, 'list_membership', contactOnly, { asset_id: KEY_ASSETS.lists.subscribers.id });
  if (c.createdAt >= campaign('C05').createdAt) {
    j.add(c.createdAt + 2 * MINUTE, 'workflow_enrollment', contactOnly, { asset_id: KEY_ASSETS.workflow.id });
  }
  for (const s of emailSends(c, seed)) readEmail(j, c, s);

  const lifetime = TODAY - c.createdAt;
  for (let n = rng.geometric(Math.min(12, lifetime / (40 * DAY))); n > 0; n--) {
    const t = Math.max(c.createdAt + HOUR, daytime(c.createdAt + rng.next() * lifetime, rng));
    const r = rng.next();
    if (c.hiddenVisitorId && r < 0.15) visit(t, { visitorId: c.hiddenVisitorId, contactId: null });
    else if (c.secondVisitorId && r < 0.45) visit(t, { visitorId: c.secondVisitorId, contactId: c.id });
    else visit(t, known);
  }

  for (const touch of c.offline) {
    j.add(touch.at, touch.type, contactOnly, touch.manual ? { manually_logged: true } : {});
  }
  if (c.customerSince !== null) {
    if (c.customerSince >= campaign('C05').createdAt) {
      j.add(c.customerSince + HOUR, 'workflow_enrollment', contactOnly, { asset_id: KEY_ASSETS.workflow.id });
    }
    j.add(c.customerSince + HOUR, 'list_membership', contactOnly, { asset_id: KEY_ASSETS.lists.customers.id });
  }
  return j.sorted();
}

/** The session in which the visitor fills in a form, exactly at the contact's creation time. */
function convert(j: Journey, c: ContactPlan, anon: Ids, known: Ids): void {
  const { rng } = j;
  const landing = rng.weighted(channelsAt(c.createdAt).map((ch) => [ch, ch.weight] as const)).land(rng);
  const rows = browse(landing, c.createdAt, rng);
  let dt = rows[rows.length - 1].dt;
  const form = landing.form;
  if (rows[rows.length - 1].fields.url !== form.url) {
    dt += rng.int(20, 90) * 1000;
    rows.push({ dt, type: 'page_view', fields: { url: form.url } });
  }
  dt += rng.int(30, 180) * 1000;
  rows.push({ dt, type: 'form_submission', fields: { url: form.url, asset_id: form.asset?.id ?? null } });
  place(j, rows, c.createdAt - dt, anon, known, dt);
  if (form.asset === KEY_ASSETS.forms.webinar) register(j, c.createdAt, c.id);
}

/** Sent and delivered per email asset, for the Assets sheet. */
export function emailCounts(pop: Population, seed: number): Map<string, { sent: number; delivered: number }> {
  const counts = new Map<string, { sent: number; delivered: number }>();
  for (const c of pop.contacts) {
    for (const s of emailSends(c, seed)) {
      const n = counts.get(s.email.id) ?? { sent: 0, delivered: 0 };
      n.sent++;
      if (!s.bounced) n.delivered++;
      counts.set(s.email.id, n);
    }
  }
  return counts;
}

