// The formula facts: everything a custom function needs to answer any campaign figure for any whole-day
// range, model and touch, without the journeys. Built once from the Analysis, kept in CacheService.
//
// Every additive figure is summed per campaign and calendar day (in the workbook zone) into a "day table":
// a flat number array of rows [day delta, column…], one row per day with a non-zero figure, days
// ascending, the first delta counted from day 0. A range is then a scan over one campaign's rows. The one
// figure that does not add up over days, contacts_with_revenue (distinct contacts), keeps its
// (close day, contact, models) triples. Markov credit adds up neither over days nor over deals: it keeps the
// range's channel paths (path-facts.ts). Flat arrays of plain numbers keep the JSON small and quick to parse.
import { dealInfluences, sessionCampaignTimes, type Analysis } from '../engine/analysis';
import { givesCredit, pathVisits } from '../engine/data-driven-revenue';
import { forEachOwner } from '../engine/journeys';
import { contactSetOf, type Conversion } from '../engine/ledger';
import { type ConversionKind, CONVERSION_KINDS, DATA_DRIVEN_MODELS, HEURISTIC_MODELS } from '../engine/models';
import type { Campaign } from '../types';
import { dayNumberAt } from './days';
import { PathFactsBuilder, type PathFacts } from './path-facts';

/**
 * Bumped whenever the layout below, or what it holds for the same sheets, changes: cached facts of another
 * version are rebuilt, never misread or left stale.
 */
export const FACTS_VERSION = 9;

/** Rows [day delta, column…]: see the file comment. */
export type DayTable = number[];

export interface CampaignFacts {
  /** [Δday, sessions started, contacts whose first touch with the campaign falls that day]. */
  activity: DayTable;
  /**
   * Sessions that first view a page of the campaign on a later day than they start (past midnight): they count
   * in a range whose `to` reaches that view (nothing after `to` counts), by their start day. Rows [Δstart day,
   * days to the campaign's first page view in the session], start days ascending; `activity` leaves them out.
   */
  lateSessions: DayTable;
  /** [Δday, new contacts first touch, new contacts last touch, contact-create credit per `models.contact_create`]. */
  creations: DayTable;
  /**
   * Contacts whose first page view (with a campaign) comes on a later day than their creation: first touch
   * gives them that campaign only in a range whose `to` reaches the view (nothing after `to` counts), else
   * "(no campaign)". `creations` counts them for "(no campaign)"; rows [Δcreation day, days to the first
   * view], creation days ascending: for a campaign, its contacts, which a range adds; for "(no campaign)",
   * every such contact, which a range takes back when it reaches the view.
   */
  lateFirstViews: DayTable;
  /** [Δday, deal-create credit per `models.deal_create`]. */
  dealCreations: DayTable;
  /**
   * [Δday, influenced revenue, per `revenueModels.perInteraction`: revenue credit, deals with revenue,
   * associated deal value; per `revenueModels.perDeal`: revenue credit; then the deals whose data-driven
   * path contains the campaign, those of them with an amount > 0, and their value]: see closesColumns.
   */
  closes: DayTable;
  /**
   * [Δday, contact, model mask] per close day and contact owning a credited interaction of the campaign
   * (bit j: credited under `revenueModels.perInteraction[j]`; the two bits after them: owning an interaction
   * whose data-driven channel is the campaign, of any deal and of a deal with an amount > 0); several rows per
   * day (Δday 0), contacts ascending.
   */
  contactsWithRevenue: DayTable;
}

export interface CampaignInfo {
  id: string;
  name: string;
  utm: string | null;
  formerUtm: string[];
  goals: Campaign['goals'];
}

export interface FormulaFacts {
  version: number;
  /** The zone the day numbers are in. */
  tz: string;
  /** The workbook's campaigns in sheet order; "(no campaign)" is index `campaigns.length`. */
  campaigns: CampaignInfo[];
  /** Per conversion kind, the models that apply to it, in registry order (of contact and deal creation: the credit columns). */
  models: Record<ConversionKind, string[]>;
  /** `models.revenue` by how the facts hold the model's credit. */
  revenueModels: RevenueModels;
  /** Per campaign index, "(no campaign)" last. */
  byCampaign: CampaignFacts[];
  /** [Δday, closed-won revenue, unattributed revenue, contacts created, deals created], for the whole workbook. */
  totals: DayTable;
  /** The channel paths of the `revenueModels.perRange` models. */
  paths: PathFacts;
  /** The Markov order of the report as last written (formulas follow the report). */
  markovOrder: number;
}

export interface RevenueModels {
  /** Rule-based: credit per interaction (the ledger's shares), so a deal's credit per campaign adds up. */
  perInteraction: string[];
  /** Data-driven, yet a deal's own path gives its credit (Shapley): it adds up deal by deal. */
  perDeal: string[];
  /** Data-driven over all paths of the range at once (Markov). */
  perRange: string[];
}

// Columns after the day delta (column 0) of each table.
export const ACTIVITY = { sessions: 1, influencedContacts: 2, width: 3 } as const;
export const CREATIONS = { newContactsFirst: 1, newContactsLast: 2, firstCredit: 3 } as const;
export const DEAL_CREATIONS = { firstCredit: 1 } as const;
/** Per per-interaction revenue model j: credit at firstModel + 3j, then deals with revenue, then associated deal value. */
export const CLOSES = { influencedRevenue: 1, firstModel: 2, perModel: 3, credit: 0, deals: 1, value: 2 } as const;
export const CONTACTS_WITH_REVENUE = { contact: 1, mask: 2, width: 3 } as const;
export const TOTALS = { closedWonRevenue: 1, unattributedRevenue: 2, contactsCreated: 3, dealsCreated: 4, width: 5 } as const;

type ModelColumns = FormulaFacts['models'];
export const creationsWidth = (models: ModelColumns) => CREATIONS.firstCredit + models.contact_create.length;
export const dealCreationsWidth = (models: ModelColumns) => DEAL_CREATIONS.firstCredit + models.deal_create.length;

/**
 * The columns of `closes` after the per-interaction models' triples, and its width: the per-deal models'
 * credit; the deals whose path contains the campaign (Markov's), and those of them with an amount > 0 (a
 * per-deal model's: a $0 deal gives no credit); their amounts (the same sum for both).
 */
export function closesColumns(models: RevenueModels) {
  const firstPerDeal = CLOSES.firstModel + CLOSES.perModel * models.perInteraction.length;
  const pathDeals = firstPerDeal + models.perDeal.length;
  return { firstPerDeal, pathDeals, paidPathDeals: pathDeals + 1, pathValue: pathDeals + 2, width: pathDeals + 3 };
}

/**
 * The contact-mask bits of the data-driven models, after those of the per-interaction models: owners of a
 * path's interactions, and of those of a deal with an amount > 0 (as closesColumns).
 */
export const pathContactsBit = (models: RevenueModels) => models.perInteraction.length;
export const paidPathContactsBit = (models: RevenueModels) => models.perInteraction.length + 1;

/** Sums per day into rows of a fixed width (slot 0 is the day delta); days that only ever receive 0 get no row. */
class DayTableBuilder {
  private readonly rows = new Map<number, Float64Array>();
  constructor(private readonly width: number) {}

  add(day: number, column: number, amount: number): void {
    if (amount === 0) return;
    let row = this.rows.get(day);
    if (!row) this.rows.set(day, (row = new Float64Array(this.width)));
    row[column] += amount;
  }

  build(): DayTable {
    const out: number[] = [];
    let previous = 0;
    for (const day of [...this.rows.keys()].sort((a, b) => a - b)) {
      const row = this.rows.get(day)!;
      out.push(day - previous);
      for (let k = 1; k < this.width; k++) out.push(row[k]);
      previous = day;
    }
    return out;
  }
}

/** [day, value] pairs (in any order) as rows [Δday, value], days ascending. */
function dayRows(pairs: Array<[number, number]>): DayTable {
  const out: number[] = [];
  let previous = 0;
  for (const [day, value] of pairs.sort((a, b) => a[0] - b[0])) {
    out.push(day - previous, value);
    previous = day;
  }
  return out;
}

/** Per close day and contact, the mask of models under which the contact owns a credited interaction. */
class ContactMasks {
  private readonly byDay = new Map<number, Map<number, number>>();

  mark(day: number, contact: number, model: number): void {
    let contacts = this.byDay.get(day);
    if (!contacts) this.byDay.set(day, (contacts = new Map()));
    const mask = contacts.get(contact) ?? 0;
    // Arithmetic instead of bitwise `|`, which would stop at 31 models.
    if (!hasModelBit(mask, model)) contacts.set(contact, mask + 2 ** model);
  }

  build(): DayTable {
    const out: number[] = [];
    let previous = 0;
    for (const day of [...this.byDay.keys()].sort((a, b) => a - b)) {
      const contacts = this.byDay.get(day)!;
      for (const contact of [...contacts.keys()].sort((a, b) => a - b)) {
        out.push(day - previous, contact, contacts.get(contact)!);
        previous = day;
      }
    }
    return out;
  }
}

export const hasModelBit = (mask: number, model: number) => Math.floor(mask / 2 ** model) % 2 === 1;

export function buildFormulaFacts(analysis: Analysis, tz: string, markovOrder = 1): FormulaFacts {
  const { workbook, contacts, sessions, ledger, none } = analysis;
  const dayOf = (t: number) => dayNumberAt(t, tz);
  const perInteraction = (kind: ConversionKind) => HEURISTIC_MODELS.filter((m) => m.appliesTo[kind]).map((m) => m.id);
  const dataDriven = DATA_DRIVEN_MODELS.filter((m) => m.appliesTo.revenue);
  const perDealModels = dataDriven.filter((m) => m.perDeal);
  const revenueModels: RevenueModels = {
    perInteraction: perInteraction('revenue'),
    perDeal: perDealModels.map((m) => m.id),
    perRange: dataDriven.filter((m) => !m.perDeal).map((m) => m.id),
  };
  const models = Object.fromEntries(CONVERSION_KINDS.map((kind) => [kind, perInteraction(kind)])) as Record<ConversionKind, string[]>;
  models.revenue = [...models.revenue, ...dataDriven.map((m) => m.id)];
  const closesLayout = closesColumns(revenueModels);
  const perCampaign = <T>(make: () => T) => Array.from({ length: none + 1 }, make);
  const activity = perCampaign(() => new DayTableBuilder(ACTIVITY.width));
  const creations = perCampaign(() => new DayTableBuilder(creationsWidth(models)));
  const dealCreations = perCampaign(() => new DayTableBuilder(dealCreationsWidth(models)));
  const closes = perCampaign(() => new DayTableBuilder(closesLayout.width));
  const contactMasks = perCampaign(() => new ContactMasks());
  const totals = new DayTableBuilder(TOTALS.width);
  const noneList: readonly number[] = [none];
  const lateFirstViews = perCampaign((): Array<[number, number]> => []);
  const campaignsOrNone = (v: number): readonly number[] =>
    analysis.resolution.campaignsOf[v].length ? analysis.resolution.campaignsOf[v] : noneList;
  const campaignOfRow = (r: number) => (ledger.campaign[r] < 0 ? none : ledger.campaign[r]);

  const lateSessions = perCampaign((): Array<[number, number]> => []);
  const pastMidnight = new Set<number>();
  for (let s = 0; s < sessions.start.length; s++) {
    const last = analysis.sessionLastPageView[s];
    if (last > sessions.start[s] && dayOf(last) > dayOf(sessions.start[s])) pastMidnight.add(s);
  }
  const viewTimes = sessionCampaignTimes(analysis, pastMidnight);
  for (let s = 0; s < sessions.start.length; s++) {
    const day = dayOf(sessions.start[s]);
    if (!pastMidnight.has(s)) {
      for (const c of analysis.sessionPageViewCampaigns[s]) activity[c].add(day, ACTIVITY.sessions, 1);
      continue;
    }
    for (const [c, t] of viewTimes.get(s)!) {
      const viewDay = dayOf(t);
      if (viewDay === day) activity[c].add(day, ACTIVITY.sessions, 1);
      else lateSessions[c].push([day, viewDay - day]);
    }
  }

  contacts.createdAt.forEach((created, i) => {
    if (!Number.isNaN(created)) {
      const day = dayOf(created);
      totals.add(day, TOTALS.contactsCreated, 1);
      const firstView = analysis.firstPageView[i];
      const firstTouch = firstView < 0 ? noneList : campaignsOrNone(firstView);
      const viewDay = firstView < 0 ? day : dayOf(workbook.visits[firstView].timestamp);
      if (viewDay > day && firstTouch !== noneList) {
        creations[none].add(day, CREATIONS.newContactsFirst, 1);
        for (const c of [...firstTouch, none]) lateFirstViews[c].push([day, viewDay - day]);
      } else {
        for (const c of firstTouch) creations[c].add(day, CREATIONS.newContactsFirst, 1);
      }
      for (const c of analysis.lastTouchCampaigns[i]) creations[c].add(day, CREATIONS.newContactsLast, 1);
    }
    for (const [c, v] of analysis.firstTouch[i]) activity[c].add(dayOf(analysis.columns.time[v]), ACTIVITY.influencedContacts, 1);
  });

  workbook.deals.forEach((deal, d) => {
    totals.add(dayOf(deal.createdAt), TOTALS.dealsCreated, 1);
    if (deal.stage !== 'won' || deal.closedAt === null) return;
    const day = dayOf(deal.closedAt);
    totals.add(day, TOTALS.closedWonRevenue, deal.amount);
    for (const c of dealInfluences(analysis, d).keys()) closes[c].add(day, CLOSES.influencedRevenue, deal.amount);
  });

  /** Revenue credit, deals with revenue, associated deal value and contacts with revenue of one won deal. */
  const addRevenue = (conversion: Conversion, day: number, model: number, shares: Float64Array) => {
    const base = CLOSES.firstModel + CLOSES.perModel * model;
    const credited = new Set<number>();
    for (let r = conversion.rowStart; r < conversion.rowEnd; r++) {
      const c = campaignOfRow(r);
      closes[c].add(day, base + CLOSES.credit, shares[r] * conversion.amount);
      // Only credit > 0 counts (§4): a $0 deal gives none, whatever its shares.
      if (shares[r] * conversion.amount <= 0) continue;
      credited.add(c);
      const v = ledger.visit[r];
      if (v < 0) continue;
      forEachOwner(contacts, contactSetOf(conversion), v, (contact) => contactMasks[c].mark(day, contact, model));
    }
    for (const c of credited) {
      closes[c].add(day, base + CLOSES.deals, 1);
      closes[c].add(day, base + CLOSES.value, conversion.amount);
    }
  };

  const channel = analysis.channelOf;
  const paths = new PathFactsBuilder(analysis, channel, dayOf, markovOrder);
  const pathBit = pathContactsBit(revenueModels);
  const paidPathBit = paidPathContactsBit(revenueModels);
  /** The data-driven figures of one won deal: per-deal credit, and deals, value and contacts by path (§5). */
  const addDataDrivenRevenue = (conversion: Conversion, day: number) => {
    const { amount } = conversion;
    const paid = givesCredit(conversion);
    const addDeal = (c: number) => {
      closes[c].add(day, closesLayout.pathDeals, 1);
      if (paid) closes[c].add(day, closesLayout.paidPathDeals, 1);
      closes[c].add(day, closesLayout.pathValue, amount);
    };
    if (conversion.unattributed) {
      // No eligible interaction: the amount goes straight to "(no campaign)", outside the chain.
      perDealModels.forEach((_, k) => closes[none].add(day, closesLayout.firstPerDeal + k, amount));
      addDeal(none);
      return;
    }
    const visits = pathVisits(ledger, conversion);
    const channels = visits.map((v) => channel[v]);
    const among = contactSetOf(conversion);
    for (const v of visits) {
      forEachOwner(contacts, among, v, (contact) => {
        contactMasks[channel[v]].mark(day, contact, pathBit);
        if (paid) contactMasks[channel[v]].mark(day, contact, paidPathBit);
      });
    }
    for (const c of new Set(channels)) addDeal(c);
    const named = [{ channels: channels.map(String), conversions: 1, value: amount, nulls: 0 }];
    perDealModels.forEach((m, k) => {
      for (const credit of m.credit(named)) closes[Number(credit.name)].add(day, closesLayout.firstPerDeal + k, credit.value);
    });
    paths.addConverting(day, amount, channels);
  };

  for (const conversion of ledger.conversions) {
    const day = dayOf(conversion.time);
    const kindModels = models[conversion.kind];
    if (conversion.kind === 'revenue') {
      if (conversion.unattributed) totals.add(day, TOTALS.unattributedRevenue, conversion.amount);
      revenueModels.perInteraction.forEach((id, j) => addRevenue(conversion, day, j, ledger.shares[id]));
      addDataDrivenRevenue(conversion, day);
      continue;
    }
    const [tables, firstCredit] = conversion.kind === 'contact_create'
      ? [creations, CREATIONS.firstCredit] : [dealCreations, DEAL_CREATIONS.firstCredit];
    kindModels.forEach((id, j) => {
      const shares = ledger.shares[id];
      for (let r = conversion.rowStart; r < conversion.rowEnd; r++) {
        tables[campaignOfRow(r)].add(day, firstCredit + j, shares[r] * conversion.amount);
      }
    });
  }

  return {
    version: FACTS_VERSION,
    tz,
    campaigns: analysis.campaigns.map((c) => ({ id: c.id, name: c.name, utm: c.utmCampaign, formerUtm: c.formerUtmCampaigns, goals: c.goals })),
    models,
    revenueModels,
    byCampaign: activity.map((a, c) => ({
      activity: a.build(),
      lateSessions: dayRows(lateSessions[c]),
      creations: creations[c].build(),
      lateFirstViews: dayRows(lateFirstViews[c]),
      dealCreations: dealCreations[c].build(),
      closes: closes[c].build(),
      contactsWithRevenue: contactMasks[c].build(),
    })),
    totals: totals.build(),
    paths: paths.build(),
    markovOrder,
  };
}
