// Answers one figure of one campaign for one range, model and touch from the formula facts: the same
// numbers computeMetrics gives (attribution-models.md §4, §5), as sums over the facts' day tables, and for
// Markov, the registry's model run on the range's paths.
import type { Touch } from '../engine';
import { type ConversionKind, DATA_DRIVEN_MODELS } from '../engine/models';
import type { MessageId } from '../messages';
import {
  ACTIVITY, CLOSES, closesColumns, CONTACTS_WITH_REVENUE, CREATIONS, type CampaignInfo, creationsWidth,
  DEAL_CREATIONS, type DayTable, dealCreationsWidth, type FormulaFacts, hasModelBit, paidPathContactsBit, pathContactsBit, TOTALS,
} from './facts';
import { rangeCredit } from './path-facts';

export interface MetricDefinition {
  name: string;
  labelId: MessageId;
  /** The figure depends on the attribution model (null where the model does not apply). */
  byModel: boolean;
  /** The figure depends on the touch (first or last) that creates a contact. */
  byTouch: boolean;
  /** A figure of the whole workbook: the campaign does not matter. */
  workbookTotal: boolean;
  /** A campaign setting, the same for every range. */
  rangeFree: boolean;
}

const defineMetric = <N extends string>(name: N, flags: Partial<Omit<MetricDefinition, 'name' | 'labelId'>> = {}) => ({
  name, labelId: `formula.metric.${name}` as const, byModel: false, byTouch: false, workbookTotal: false, rangeFree: false, ...flags,
});

/**
 * Every figure the custom functions answer, in the order they are listed to users. The revenue family under
 * the model `linear` is the report's "Revenue (even split)" table; under another model, "Revenue attribution".
 */
export const FORMULA_METRICS = [
  defineMetric('sessions'),
  defineMetric('new_contacts', { byTouch: true }),
  defineMetric('influenced_contacts'),
  defineMetric('influenced_revenue'),
  defineMetric('revenue', { byModel: true }),
  defineMetric('deals_with_revenue', { byModel: true }),
  defineMetric('associated_deal_value', { byModel: true }),
  defineMetric('contacts_with_revenue', { byModel: true }),
  defineMetric('contact_create', { byModel: true }),
  defineMetric('deal_create', { byModel: true }),
  defineMetric('goal_sessions', { rangeFree: true }),
  defineMetric('goal_new_contacts', { rangeFree: true }),
  defineMetric('goal_influenced_contacts', { rangeFree: true }),
  defineMetric('goal_revenue', { rangeFree: true }),
  defineMetric('closed_won_revenue', { workbookTotal: true }),
  defineMetric('unattributed_revenue', { workbookTotal: true }),
  defineMetric('contacts_created', { workbookTotal: true }),
  defineMetric('deals_created', { workbookTotal: true }),
] as const satisfies readonly MetricDefinition[];

export type MetricName = (typeof FORMULA_METRICS)[number]['name'];
export const METRIC_NAMES: readonly MetricName[] = FORMULA_METRICS.map((m) => m.name);

export function isMetricName(text: string): text is MetricName {
  return (METRIC_NAMES as readonly string[]).includes(text);
}

export interface MetricQuery {
  /** Campaign index: sheet order, "(no campaign)" = facts.campaigns.length. Ignored by workbook totals. */
  campaign: number;
  metric: MetricName;
  /** First day (a day number in facts.tz), or null for no lower bound. */
  from: number | null;
  /** Last day, included. */
  to: number;
  model: string;
  touch: Touch;
}

/** Sum of one column over the rows whose day is in [from, to]. */
function sumDays(rows: DayTable, width: number, column: number, from: number | null, to: number): number {
  let day = 0;
  let sum = 0;
  for (let i = 0; i < rows.length; i += width) {
    day += rows[i];
    if (day > to) break;
    if (from === null || day >= from) sum += rows[i + column];
  }
  return sum;
}

/**
 * Rows [Δday, days later] (facts.ts: lateFirstViews, lateSessions) whose day is in [from, to] and whose later
 * day is by `to`.
 */
function lateRowsBy(rows: DayTable, from: number | null, to: number): number {
  let day = 0;
  let count = 0;
  for (let i = 0; i < rows.length; i += 2) {
    day += rows[i];
    if (day > to) break;
    if ((from === null || day >= from) && day + rows[i + 1] <= to) count++;
  }
  return count;
}

/** Distinct contacts credited under the model on a close day in [from, to]. */
function countContacts(rows: DayTable, model: number, from: number | null, to: number): number {
  const { width, contact, mask } = CONTACTS_WITH_REVENUE;
  const seen = new Set<number>();
  let day = 0;
  for (let i = 0; i < rows.length; i += width) {
    day += rows[i];
    if (day > to) break;
    if ((from === null || day >= from) && hasModelBit(rows[i + mask], model)) seen.add(rows[i + contact]);
  }
  return seen.size;
}

const GOAL_FIELD = {
  goal_sessions: 'sessions', goal_new_contacts: 'newContacts', goal_influenced_contacts: 'influencedContacts', goal_revenue: 'revenue',
} as const satisfies Partial<Record<MetricName, keyof CampaignInfo['goals']>>;
const REVENUE_FIELD = { revenue: CLOSES.credit, deals_with_revenue: CLOSES.deals, associated_deal_value: CLOSES.value } as const;
const TOTAL_COLUMN = {
  closed_won_revenue: TOTALS.closedWonRevenue, unattributed_revenue: TOTALS.unattributedRevenue,
  contacts_created: TOTALS.contactsCreated, deals_created: TOTALS.dealsCreated,
} as const satisfies Partial<Record<MetricName, number>>;
const isWorkbookTotal = (name: MetricName): name is keyof typeof TOTAL_COLUMN => name in TOTAL_COLUMN;

/** The models the facts know, of any conversion kind. */
const knownModel = (facts: FormulaFacts, model: string) => Object.values(facts.models).some((ids) => ids.includes(model));

type RevenueMetric = 'revenue' | 'deals_with_revenue' | 'associated_deal_value' | 'contacts_with_revenue';

/** A revenue figure under a model; null where the model does not apply to revenue. */
function revenueFigure(facts: FormulaFacts, query: MetricQuery & { metric: RevenueMetric }): number | null {
  const { metric: name, from, to, model, campaign } = query;
  const { revenueModels } = facts;
  const c = facts.byCampaign[campaign];
  const columns = closesColumns(revenueModels);
  const sumCloses = (column: number) => sumDays(c.closes, columns.width, column, from, to);
  const j = revenueModels.perInteraction.indexOf(model);
  if (j >= 0) {
    return name === 'contacts_with_revenue'
      ? countContacts(c.contactsWithRevenue, j, from, to)
      : sumCloses(CLOSES.firstModel + CLOSES.perModel * j + REVENUE_FIELD[name]);
  }
  const k = revenueModels.perDeal.indexOf(model);
  if (k < 0 && !revenueModels.perRange.includes(model)) return null;
  switch (name) {
    // A deal counts for a campaign when its path contains it; for a per-deal model (Shapley), only when it has
    // credit to give (an amount > 0), as under the rule-based models.
    case 'deals_with_revenue': return sumCloses(k >= 0 ? columns.paidPathDeals : columns.pathDeals);
    case 'associated_deal_value': return sumCloses(columns.pathValue);
    case 'contacts_with_revenue':
      return countContacts(c.contactsWithRevenue, (k >= 0 ? paidPathContactsBit : pathContactsBit)(revenueModels), from, to);
    default: {
      if (k >= 0) return sumCloses(columns.firstPerDeal + k);
      const dataDriven = DATA_DRIVEN_MODELS.find((m) => m.id === model);
      if (!dataDriven) throw new RangeError(`Unknown model ${model}`);
      const chain = rangeCredit(facts.paths, dataDriven, facts.byCampaign.length, from, to, facts.markovOrder)[campaign];
      // Won deals without an eligible interaction go to "(no campaign)" outside the chain.
      const outside = campaign === facts.campaigns.length ? sumDays(facts.totals, TOTALS.width, TOTALS.unattributedRevenue, from, to) : 0;
      return chain + outside;
    }
  }
}

/**
 * One figure as computeMetrics gives it for the range [00:00 of `from`, end of `to`] in facts.tz: counts
 * exactly, amounts up to the last bits (each day is summed first, then the days). Null where the model does not apply (W-shaped contact creation, …) and for goals that are not set.
 * An unknown metric, model or campaign index is a caller's bug (the custom functions check arguments first).
 */
export function queryMetric(facts: FormulaFacts, query: MetricQuery): number | null {
  const { metric: name, from, to, model } = query;
  if (!isMetricName(name)) throw new RangeError(`Unknown metric ${name}`);
  if (!knownModel(facts, model)) throw new RangeError(`Unknown model ${model}`);
  if (isWorkbookTotal(name)) return sumDays(facts.totals, TOTALS.width, TOTAL_COLUMN[name], from, to);
  const c = facts.byCampaign[query.campaign];
  if (!c) throw new RangeError(`No campaign at index ${query.campaign}`);
  /** The credit column of the model for a conversion kind, or -1 when the model does not apply to it. */
  const modelColumn = (kind: ConversionKind) => facts.models[kind].indexOf(model);

  switch (name) {
    case 'sessions':
      return sumDays(c.activity, ACTIVITY.width, ACTIVITY.sessions, from, to) + lateRowsBy(c.lateSessions, from, to);
    case 'influenced_contacts':
      return sumDays(c.activity, ACTIVITY.width, ACTIVITY.influencedContacts, from, to);
    case 'new_contacts': {
      if (query.touch === 'last') return sumDays(c.creations, creationsWidth(facts.models), CREATIONS.newContactsLast, from, to);
      const counted = sumDays(c.creations, creationsWidth(facts.models), CREATIONS.newContactsFirst, from, to);
      const viewedBy = lateRowsBy(c.lateFirstViews, from, to);
      return query.campaign === facts.campaigns.length ? counted - viewedBy : counted + viewedBy;
    }
    case 'influenced_revenue':
      return sumDays(c.closes, closesColumns(facts.revenueModels).width, CLOSES.influencedRevenue, from, to);
    case 'revenue':
    case 'deals_with_revenue':
    case 'associated_deal_value':
    case 'contacts_with_revenue':
      return revenueFigure(facts, { ...query, metric: name });
    case 'contact_create': {
      const j = modelColumn('contact_create');
      return j < 0 ? null : sumDays(c.creations, creationsWidth(facts.models), CREATIONS.firstCredit + j, from, to);
    }
    case 'deal_create': {
      const j = modelColumn('deal_create');
      return j < 0 ? null : sumDays(c.dealCreations, dealCreationsWidth(facts.models), DEAL_CREATIONS.firstCredit + j, from, to);
    }
    case 'goal_sessions':
    case 'goal_new_contacts':
    case 'goal_influenced_contacts':
    case 'goal_revenue':
      // "(no campaign)" has no goals.
      return facts.campaigns[query.campaign]?.goals[GOAL_FIELD[name]] ?? null;
    default: {
      const unhandled: never = name;
      throw new RangeError(`Unhandled metric ${unhandled}`);
    }
  }
}
