// Who is in the sample: visitors, the contacts some of them become, their companies, and the deals those
// companies open. Everything another sheet needs is planned here, before any Visits row is written, so
// the journeys (journeys.ts) can be generated one person at a time and never held in memory together.
import type { SampleSize } from '../args';
import { Random } from './random';
import { DAY, HOUR, KEY_ASSETS, MINUTE, TODAY, WINDOW_START, wall } from './world';

/** People per size; visits follow (about 8.7 per person: ~35k, ~200k, ~1M). */
const PEOPLE: Record<SampleSize, number> = { small: 4_000, medium: 23_000, large: 115_000 };
/** Goals, budgets, spend and impressions grow with the traffic. */
export const sizeScale = (size: SampleSize) => PEOPLE[size] / PEOPLE.small;

const CONVERSION_RATE = 0.14;
const IMPORTED_SHARE = 0.06;
const TRADE_FAIR = { name: 'MarTech Expo', from: wall(2025, 10, 8, 9), days: 2 };
const LIST_IMPORT_AT = wall(2026, 4, 20, 10, 12);

export interface Company {
  name: string;
  domain: string;
  contacts: ContactPlan[];
}

export interface OfflineTouch {
  at: number;
  type: 'meeting' | 'call';
  manual: boolean;
}

export interface ContactPlan {
  id: string;
  person: Person;
  createdAt: number;
  /** False for the few rows whose Contacts created_at is left empty (the first form submission then counts). */
  createdAtWritten: boolean;
  /** Created by a list import or a trade-fair scan, not by a form. */
  imported: 'trade_fair' | 'list' | null;
  email: string;
  company: Company;
  newsletter: boolean;
  /** Marketing consent: gets campaign emails. */
  consent: boolean;
  /** A second device the contact logs in on later (rows with contact_id and this visitor id). */
  secondVisitorId: string | null;
  /** A device seen only anonymously, tied to the contact by the Contacts sheet's visitor_ids. */
  hiddenVisitorId: string | null;
  /** Close of the contact's first won deal. */
  customerSince: number | null;
  offline: OfflineTouch[];
}

export interface Person {
  index: number;
  visitorId: string;
  firstAt: number;
  /** Sessions before the converting one (all sessions, for people who stay anonymous). */
  sessions: number;
  contact: ContactPlan | null;
}

export interface DealPlan {
  id: string;
  name: string;
  amount: number;
  stageText: string;
  outcome: 'won' | 'lost' | 'open';
  createdAt: number;
  closedAt: number | null;
  /** The deal's contact_ids cell. */
  contacts: ContactPlan[];
  /** Contacts associated after creation (DealContacts rows); `listed`: also in contact_ids. */
  later: { contact: ContactPlan; at: number; listed: boolean }[];
  /** Contacts of `contacts` associated after creation (DealContacts associated_at). */
  associatedLater: Map<ContactPlan, number>;
  flaw: 'currency' | 'no_close' | null;
}

export interface Population {
  people: Person[];
  contacts: ContactPlan[];
  deals: DealPlan[];
}

const FIRST_NAMES = [
  'Anna', 'Bram', 'Chloé', 'Daan', 'Eva', 'Finn', 'Greta', 'Hugo', 'Ines', 'Jonas', 'Katrin', 'Lars', 'Mila', 'Noah',
  'Olivia', 'Pieter', 'Quinn', 'Rosa', 'Sven', 'Tess', 'Umar', 'Vera', 'Wout', 'Xenia', 'Yara', 'Zeno', 'Amira',
  'Bas', 'Carmen', 'David', 'Elif', 'Femke', 'Gijs', 'Hanna', 'Ivo', 'Julia', 'Koen', 'Lotte', 'Maarten', 'Nina',
];
const LAST_NAMES = [
  'de Vries', 'Jansen', 'Bakker', 'Visser', 'Smit', 'Meijer', 'Mulder', 'de Boer', 'Bos', 'Vos', 'Peters',
  'Hendriks', 'Dekker', 'Brouwer', 'Schmidt', 'Müller', 'Dubois', 'Rossi', 'García', 'Nowak', 'Andersen',
  'Johansson', 'Kowalski', 'Murphy', 'Walsh', 'Silva', 'Novak', 'Weber', 'Fischer', 'Lambert',
];
const COMPANY_WORDS = [
  'Hollander', 'Nordlicht', 'Bluefin', 'Keystone', 'Copperleaf', 'Driftwood', 'Evergreen', 'Falcon', 'Granite',
  'Harbor', 'Ironbark', 'Juniper', 'Kingfisher', 'Lumen', 'Meridian', 'Northstar', 'Oakridge', 'Polaris',
  'Quarry', 'Riverside', 'Saltmarsh', 'Tidewater', 'Upland', 'Vantage', 'Windmill', 'Zephyr', 'Amber', 'Beacon',
  'Cobalt', 'Dune', 'Ember', 'Fjord', 'Glacier', 'Heron', 'Indigo', 'Jade', 'Kestrel Bay', 'Larch', 'Maple',
];
const SECTORS = [
  'Logistics', 'Retail', 'Health', 'Software', 'Foods', 'Energy', 'Media', 'Partners', 'Labs', 'Fintech',
  'Travel', 'Insurance', 'Manufacturing', 'Education', 'Analytics', 'Mobility', 'Fashion', 'Telecom', 'Biotech',
  'Consulting',
];
const COMPANY_SUFFIXES = ['', '', ' Group', ' BV', ' GmbH', ' Ltd', ' & Co', ' International'];

const PLANS: readonly (readonly [[string, number], number])[] = [
  [['Starter', 4_800], 30], [['Growth', 14_400], 40], [['Business', 36_000], 22], [['Enterprise', 96_000], 8],
];
const WON_STAGES: readonly (readonly [string, number])[] = [['won', 70], ['Closed Won', 20], ['closedwon', 10]];
const LOST_STAGES: readonly (readonly [string, number])[] = [['lost', 75], ['Closed Lost', 15], ['closed_lost', 10]];
const OPEN_STAGES: readonly (readonly [string, number])[] = [['open', 50], ['Negotiation', 20], ['Proposal sent', 20], ['Qualified', 10]];

const HOURS_OF_DAY: readonly (readonly [number, number])[] = [
  [7, 2], [8, 5], [9, 8], [10, 9], [11, 9], [12, 7], [13, 8], [14, 9], [15, 9], [16, 8], [17, 6], [18, 4], [19, 4],
  [20, 5], [21, 5], [22, 3], [23, 1], [0, 0.5], [6, 1],
];

/** A moment on the day of `t` at a plausible hour (weekdays busier), to the second. */
export function daytime(t: number, rng: Random): number {
  const day = Math.floor(t / DAY) * DAY;
  const weekday = new Date(day).getUTCDay();
  const shifted = (weekday === 0 || weekday === 6) && rng.chance(0.4) ? day + DAY * (weekday === 6 ? 2 : 1) : day;
  return shifted + rng.weighted(HOURS_OF_DAY) * HOUR + rng.int(0, 3599) * 1000;
}

/** Business hours only (meetings, deals). */
export function officeTime(t: number, rng: Random): number {
  const day = Math.floor(t / DAY) * DAY;
  const weekday = new Date(day).getUTCDay();
  const shift = weekday === 6 ? 2 : weekday === 0 ? 1 : 0;
  return day + shift * DAY + rng.int(9, 16) * HOUR + rng.pick([0, 15, 30, 45]) * MINUTE;
}

/** When a new visitor first arrives: steady growth, plus bursts around launches, Black Friday and webinars. */
function arrival(rng: Random): number {
  const span = TODAY - DAY - WINDOW_START;
  const burst = rng.next();
  let t: number;
  if (burst < 0.08) t = wall(2026, 3, 1) + rng.next() * 92 * DAY;
  else if (burst < 0.12) t = wall(2025, 11, 20) + rng.next() * 12 * DAY;
  else if (burst < 0.18) t = rng.pick(KEY_ASSETS.webinars).event.eventAt! - rng.next() * 21 * DAY;
  else {
    // Linear growth: density 1 + g·x on [0, 1], drawn by inverting its distribution function.
    const g = 1.2;
    const u = rng.next();
    t = WINDOW_START + span * ((-1 + Math.sqrt(1 + 2 * g * u * (1 + g / 2))) / g);
  }
  const at = daytime(t, rng);
  // A weekend shift can push the last days past the window: move those back a few days.
  return at < TODAY - HOUR ? at : at - 3 * DAY;
}

export function planPopulation(size: SampleSize, seed: number): Population {
  const rng = Random.derive(seed, 'population');
  const people: Person[] = [];
  const converting: { person: Person; createdAt: number; imported: ContactPlan['imported'] }[] = [];

  for (let i = 0; i < PEOPLE[size]; i++) {
    const firstAt = arrival(rng);
    const person: Person = { index: 0, visitorId: `v-${rng.hex(12)}`, firstAt, sessions: 0, contact: null };
    people.push(person);
    if (rng.chance(CONVERSION_RATE)) {
      person.sessions = rng.geometric(1.8);
      const createdAt = firstAt + (person.sessions === 0 ? 0 : rng.exponential(12 * DAY) + HOUR);
      if (createdAt < TODAY - 2 * HOUR) {
        converting.push({ person, createdAt: Math.round(createdAt / 1000) * 1000, imported: null });
        continue;
      }
    }
    person.sessions = 1 + rng.geometric(0.7);
  }
  const imported = Math.round(converting.length * IMPORTED_SHARE);
  for (let i = 0; i < imported; i++) {
    const fair = rng.chance(0.7);
    const createdAt = fair ? officeTime(TRADE_FAIR.from + rng.int(0, TRADE_FAIR.days - 1) * DAY, rng) : LIST_IMPORT_AT;
    const person: Person = { index: 0, visitorId: `v-${rng.hex(12)}`, firstAt: createdAt, sessions: 0, contact: null };
    people.push(person);
    converting.push({ person, createdAt, imported: fair ? 'trade_fair' : 'list' });
  }
  people.sort((a, b) => a.firstAt - b.firstAt);
  people.forEach((p, i) => (p.index = i));

  converting.sort((a, b) => a.createdAt - b.createdAt || a.person.index - b.person.index);
  const companies: Company[] = [];
  const domains = new Set<string>();
  const contacts = converting.map(({ person, createdAt, imported: how }, i): ContactPlan => {
    const company = companyFor(createdAt, companies, domains, rng);
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    const local = `${first}.${last}`.toLowerCase().normalize('NFD').replace(/[^a-z.]/g, '');
    const contact: ContactPlan = {
      id: `CT-${String(i + 1).padStart(5, '0')}`, person, createdAt,
      createdAtWritten: how !== null || !rng.chance(0.08),
      imported: how,
      email: `${local}@${company.domain}`,
      company,
      newsletter: rng.chance(how ? 0.3 : 0.55),
      consent: rng.chance(0.8),
      secondVisitorId: rng.chance(0.2) ? `v-${rng.hex(12)}` : null,
      hiddenVisitorId: rng.chance(0.08) ? `v-${rng.hex(12)}` : null,
      customerSince: null,
      offline: [],
    };
    company.contacts.push(contact);
    person.contact = contact;
    return contact;
  });

  const deals = planDeals(companies, rng);
  return { people, contacts, deals };
}

/** Colleagues arrive within months of each other: a third of new contacts join a recently active company. */
function companyFor(createdAt: number, companies: Company[], domains: Set<string>, rng: Random): Company {
  if (companies.length > 0 && rng.chance(0.3)) {
    for (let tries = 0; tries < 4; tries++) {
      const candidate = companies[companies.length - 1 - rng.int(0, Math.min(companies.length, 40) - 1)];
      const latest = candidate.contacts[candidate.contacts.length - 1].createdAt;
      if (createdAt - latest < 120 * DAY && candidate.contacts.length < 5) return candidate;
    }
  }
  const word = rng.pick(COMPANY_WORDS);
  const sector = rng.pick(SECTORS);
  const slug = `${word}-${sector}`.toLowerCase().replace(/\s+/g, '');
  let domain = `${slug}.example`;
  for (let n = 2; domains.has(domain); n++) domain = `${slug}${n}.example`;
  domains.add(domain);
  const company: Company = { name: `${word} ${sector}${rng.pick(COMPANY_SUFFIXES)}`, domain, contacts: [] };
  companies.push(company);
  return company;
}

function planDeals(companies: Company[], rng: Random): DealPlan[] {
  const deals: DealPlan[] = [];
  for (const company of companies) {
    if (!rng.chance(0.7)) continue;
    const first = company.contacts[0];
    let createdAt = officeTime(first.createdAt + (3 + rng.exponential(20)) * DAY, rng);
    let expansion = false;
    while (createdAt < TODAY - 2 * DAY) {
      const deal = planDeal(company, createdAt, expansion, rng);
      deals.push(deal);
      if (deal.outcome !== 'won' || deal.closedAt === null || !rng.chance(0.2)) break;
      createdAt = officeTime(deal.closedAt + rng.int(60, 200) * DAY, rng);
      expansion = true;
    }
  }
  deals.sort((a, b) => a.createdAt - b.createdAt);
  deals.forEach((d, i) => (d.id = `D-${String(i + 1).padStart(4, '0')}`));
  markDealFlaws(deals);
  return deals;
}

function planDeal(company: Company, createdAt: number, expansion: boolean, rng: Random): DealPlan {
  const known = company.contacts.filter((c) => c.createdAt <= createdAt);
  const contacts = [known[0], ...known.slice(1).filter(() => rng.chance(0.5))].slice(0, 3);
  const associatedLater = new Map<ContactPlan, number>();
  for (const c of contacts.slice(1)) if (rng.chance(0.4)) associatedLater.set(c, createdAt + rng.int(1, 10) * DAY);

  const closeAt = officeTime(createdAt + (10 + rng.exponential(45)) * DAY, rng);
  let outcome: DealPlan['outcome'] = 'open';
  if (closeAt < TODAY) outcome = rng.weighted([['won', 42], ['lost', 43], ['open', 15]] as const);
  const closedAt = outcome === 'open' ? null : closeAt;

  const later: DealPlan['later'] = [];
  for (const c of company.contacts) {
    if (c.createdAt <= createdAt || !rng.chance(0.6)) continue;
    const at = c.createdAt + rng.int(1, 6) * DAY;
    if (at < TODAY) later.push({ contact: c, at, listed: rng.chance(0.5) });
  }

  const [plan, price] = rng.weighted(PLANS);
  const amount = Math.round((price * (1 + 0.25 * rng.int(0, 3)) * (expansion ? 0.5 : 1)) / 100) * 100;
  const stages = outcome === 'won' ? WON_STAGES : outcome === 'lost' ? LOST_STAGES : OPEN_STAGES;

  // The sales touches: a meeting just before the deal is created, calls while it runs.
  const lead = contacts[0];
  const meetingAt = rng.chance(0.4) ? createdAt - 30 * MINUTE : officeTime(createdAt - rng.int(0, 3) * DAY, rng);
  lead.offline.push({ at: Math.min(meetingAt, createdAt - 30 * MINUTE), type: 'meeting', manual: false });
  if (rng.chance(0.5)) lead.offline.push({ at: officeTime(createdAt - rng.int(5, 10) * DAY, rng), type: 'call', manual: rng.chance(0.35) });
  const end = Math.min(closedAt ?? TODAY, TODAY);
  for (let n = rng.int(1, 3); n > 0; n--) {
    const at = createdAt + rng.next() * (end - createdAt);
    rng.pick(contacts).offline.push({ at: officeTime(at, rng), type: 'call', manual: rng.chance(0.35) });
  }
  if (outcome === 'won' && closedAt !== null) {
    for (const c of [...contacts, ...later.filter((l) => l.at <= closedAt).map((l) => l.contact)]) {
      c.customerSince = Math.min(c.customerSince ?? Infinity, closedAt);
    }
  }
  return {
    id: '', name: `${company.name}: ${plan}${expansion ? ' expansion' : ''}`, amount,
    stageText: rng.weighted(stages), outcome, createdAt, closedAt, contacts, later, associatedLater, flaw: null,
  };
}

/** Two deliberate flaws: a won deal booked in USD, and a won deal without its close date. */
function markDealFlaws(deals: DealPlan[]): void {
  const won2026 = deals.filter((d) => d.outcome === 'won' && d.closedAt !== null && d.closedAt >= wall(2026, 1, 1));
  if (won2026[0]) won2026[0].flaw = 'currency';
  if (won2026[1]) won2026[1].flaw = 'no_close';
}
