// The sample workbook, sheet by sheet, as lazy row sources: the writers pull rows one at a time, so even
// the large sample's million Visits rows are never all in memory.
import type { SampleSize } from '../args';
import type { SheetName } from '../../core/types';
import { dateOnly, dateTime, type SampleRow } from './cells';
import { emailCounts, personRows } from './journeys';
import { planPopulation, sizeScale, type DealPlan, type Population } from './population';
import { Random, hashUnit } from './random';
import { ASSETS, CAMPAIGNS, SITE, TODAY, wall } from './world';

export interface SampleSheet {
  name: SheetName;
  rows(): Iterable<SampleRow>;
}

export interface Sample {
  sheets: SampleSheet[];
  /** Rows written wrong on purpose (samples/README.md lists them). */
  flawedRows: number;
}

/** Two Visits rows are flawed on purpose: an ambiguous date and a row with neither visitor nor contact. */
const VISIT_FLAWS = 2;

const roundTo = (n: number, step: number) => Math.max(step, Math.round(n / step) * step);
const cents = (n: number) => Math.round(n * 100) / 100;

export function buildSample(size: SampleSize, seed: number): Sample {
  const pop = planPopulation(size, seed);
  const scale = sizeScale(size);
  const flawedDeals = pop.deals.filter((d) => d.flaw !== null).length;
  const flawedAssets = ASSETS.filter((a) => a.flaw !== undefined).length;
  return {
    sheets: [
      { name: 'Campaigns', rows: () => campaignRows(scale) },
      { name: 'Assets', rows: () => assetRows(pop, seed, scale) },
      { name: 'Visits', rows: () => visitRows(pop, seed) },
      { name: 'Deals', rows: () => dealRows(pop, seed) },
      { name: 'DealContacts', rows: () => dealContactRows(pop) },
      { name: 'Contacts', rows: () => contactRows(pop, seed) },
      { name: 'Spend', rows: () => spendRows(seed, scale) },
    ],
    flawedRows: VISIT_FLAWS + flawedDeals + flawedAssets,
  };
}

function* campaignRows(scale: number): Iterable<SampleRow> {
  const scaled = (n: number | null, step: number) => (n === null ? null : roundTo(n * scale, step));
  for (const c of CAMPAIGNS) {
    yield {
      campaign_id: c.id, name: c.name, utm_campaign: c.utm,
      former_utm_campaigns: c.formerUtm.length > 0 ? c.formerUtm.map((f) => f.value).join('; ') : null,
      created_at: dateTime(c.createdAt),
      start_date: c.start === null ? null : dateOnly(c.start),
      end_date: c.end === null ? null : dateOnly(c.end),
      goal_sessions: scaled(c.goals.sessions, 100),
      goal_new_contacts: scaled(c.goals.newContacts, 5),
      goal_influenced_contacts: scaled(c.goals.influencedContacts, 10),
      goal_revenue: scaled(c.goals.revenue, 5_000),
      budget: scaled(c.budget, 500),
    };
  }
}

function* assetRows(pop: Population, seed: number, scale: number): Iterable<SampleRow> {
  const counts = emailCounts(pop, seed);
  for (const a of ASSETS) {
    const emailCount = a.type === 'email' ? counts.get(a.id) ?? { sent: 0, delivered: 0 } : null;
    yield {
      asset_id: a.id, campaign_id: a.campaignId, type: a.type, name: a.name, url: a.url ?? null,
      associated_at: a.associatedAt === undefined ? null : dateTime(a.associatedAt),
      published_at: a.publishedAt === undefined ? null : dateTime(a.publishedAt),
      ab_group: a.abGroup ?? null,
      ab_winner: a.abGroup ? a.abWinner === true : null,
      keyword: a.keyword ?? null,
      sent: emailCount?.sent ?? null,
      delivered: emailCount?.delivered ?? null,
      views: a.views === undefined ? null : roundTo(a.views * scale, 10),
    };
  }
}

function* visitRows(pop: Population, seed: number): Iterable<SampleRow> {
  const rng = Random.derive(seed, 'visit-flaws');
  const ambiguousAfter = Math.floor(pop.people.length / 3);
  const anonymousAfter = Math.floor((pop.people.length * 2) / 3);
  for (const person of pop.people) {
    yield* personRows(person, seed);
    if (person.index === ambiguousAfter) {
      // Flaw: typed by hand, day-first or month-first? (3 April or 4 March) — only --locale settles it.
      yield {
        timestamp: '03/04/2026 10:15', visitor_id: `v-${rng.hex(12)}`, interaction_type: 'page_view',
        url: `${SITE}/pricing`, referrer: 'https://www.google.com/',
      };
    }
    if (person.index === anonymousAfter) {
      // Flaw: an interaction that names neither a visitor nor a contact.
      yield { timestamp: dateTime(wall(2026, 2, 11, 14, 3, 27)), interaction_type: 'page_view', url: `${SITE}/product` };
    }
  }
}

/** Amounts are numbers, except a couple typed as text with symbol and separators, as users do. */
function amountCell(deal: DealPlan, index: number): number | string {
  if (index % 97 !== 5 || deal.flaw !== null) return deal.amount;
  return `€${deal.amount.toLocaleString('en-US', { minimumFractionDigits: 2 })}`;
}

function* dealRows(pop: Population, seed: number): Iterable<SampleRow> {
  let index = 0;
  for (const d of pop.deals) {
    const ids = [...d.contacts, ...d.later.filter((l) => l.listed).map((l) => l.contact)].map((c) => c.id);
    yield {
      deal_id: d.id, name: d.name, amount: amountCell(d, index++),
      // Flaw: one deal booked in USD by a US reseller; left out of every EUR sum.
      currency: d.flaw === 'currency' ? 'USD' : hashUnit(seed, 'currency', d.id) < 0.1 ? 'EUR' : null,
      stage: d.stageText,
      created_at: dateTime(d.createdAt),
      // Flaw: one won deal lacks its close date (an error: the row is left out).
      closed_at: d.closedAt === null || d.flaw === 'no_close' ? null : dateTime(d.closedAt),
      contact_ids: ids.join(hashUnit(seed, 'separator', d.id) < 0.8 ? '; ' : ','),
    };
  }
}

function* dealContactRows(pop: Population): Iterable<SampleRow> {
  for (const d of pop.deals) {
    if (d.contacts.length === 1 && d.later.length === 0) continue;
    for (const c of d.contacts) {
      const at = d.associatedLater.get(c);
      yield { deal_id: d.id, contact_id: c.id, associated_at: at === undefined ? null : dateTime(at) };
    }
    for (const l of d.later) yield { deal_id: d.id, contact_id: l.contact.id, associated_at: dateTime(l.at) };
  }
}

function* contactRows(pop: Population, seed: number): Iterable<SampleRow> {
  for (const c of pop.contacts) {
    const listed = [
      hashUnit(seed, 'list-main', c.id) < 0.7 ? c.person.visitorId : null,
      c.secondVisitorId && hashUnit(seed, 'list-second', c.id) < 0.5 ? c.secondVisitorId : null,
      c.hiddenVisitorId,
    ].filter((v): v is string => v !== null);
    yield {
      contact_id: c.id,
      created_at: c.createdAtWritten ? dateTime(c.createdAt) : null,
      email: c.email,
      visitor_ids: listed.length > 0 ? listed.join('; ') : null,
    };
  }
}

/** Monthly spend of the paid campaigns; the others fall back to their budget. */
const SPEND_PLAN: { campaignId: string; channel: string; monthly: number; from: number; to: number }[] = [
  { campaignId: 'C03', channel: 'google_ads', monthly: 2_200, from: wall(2025, 5, 1), to: wall(2026, 10, 1) },
  { campaignId: 'C03', channel: 'microsoft_ads', monthly: 400, from: wall(2025, 5, 1), to: wall(2026, 10, 1) },
  { campaignId: 'C01', channel: 'linkedin_ads', monthly: 4_000, from: wall(2026, 2, 1), to: wall(2026, 5, 1) },
  { campaignId: 'C01', channel: 'meta_ads', monthly: 3_500, from: wall(2026, 3, 1), to: wall(2026, 5, 1) },
  { campaignId: 'C08', channel: 'linkedin_ads', monthly: 6_000, from: wall(2026, 1, 1), to: wall(2026, 6, 1) },
  { campaignId: 'C10', channel: 'meta_ads', monthly: 4_500, from: wall(2025, 11, 1), to: wall(2025, 11, 1) },
  { campaignId: 'C10', channel: 'google_display', monthly: 1_800, from: wall(2025, 11, 1), to: wall(2025, 11, 1) },
  { campaignId: 'C04', channel: 'webinar_platform', monthly: 600, from: wall(2025, 9, 1), to: wall(2026, 4, 1) },
];

function* spendRows(seed: number, scale: number): Iterable<SampleRow> {
  const rng = Random.derive(seed, 'spend');
  for (const plan of SPEND_PLAN) {
    for (let month = plan.from; month <= plan.to && month < TODAY; month = nextMonth(month)) {
      yield {
        date: dateOnly(month), campaign_id: plan.campaignId,
        amount: cents(plan.monthly * scale * (0.85 + 0.3 * rng.next())), channel: plan.channel,
      };
    }
  }
}

function nextMonth(t: number): number {
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}
