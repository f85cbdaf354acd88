// The oracle for the formula facts: what computeMetrics (the engine every report uses) gives for a range.
// compareWithEngine lists every figure where queryMetric disagrees, so a failure names campaign, metric,
// model, touch and range.
import { analyze, computeMetrics, MODELS, type Analysis, type CampaignMetrics, type Touch } from '../../../src/core/engine';
import type { Totals } from '../../../src/core/engine/metrics';
import { buildFormulaFacts, dayNumberOfIso, queryMetric, type FormulaFacts, type MetricName } from '../../../src/core/formulas';
import { endOfDay, startOfDay } from '../../../src/core/time';
import type { Workbook } from '../../../src/core/types';

export interface DayRange {
  from: string | null;
  to: string;
}

const TOUCHES: readonly Touch[] = ['first', 'last'];

/** The engine's figure for a campaign metric under a model. */
function engineFigure(m: CampaignMetrics, metric: MetricName, model: string): number | null {
  const revenue = m.revenue[model];
  const attribution = m.attribution[model];
  switch (metric) {
    case 'sessions': return m.sessions;
    case 'new_contacts': return m.newContacts;
    case 'influenced_contacts': return m.influencedContacts;
    case 'influenced_revenue': return m.influencedRevenue;
    case 'revenue': return revenue.revenue;
    case 'deals_with_revenue': return revenue.dealsWithRevenue;
    case 'associated_deal_value': return revenue.associatedDealValue;
    case 'contacts_with_revenue': return revenue.contactsWithRevenue;
    case 'contact_create': return attribution.contactCreate;
    case 'deal_create': return attribution.dealCreate;
    default: throw new Error(`not a ranged campaign metric: ${metric}`);
  }
}

const CAMPAIGN_METRICS: readonly MetricName[] = [
  'sessions', 'new_contacts', 'influenced_contacts', 'influenced_revenue', 'revenue', 'deals_with_revenue',
  'associated_deal_value', 'contacts_with_revenue', 'contact_create', 'deal_create',
];
const TOTAL_METRICS: ReadonlyArray<[MetricName, keyof Totals]> = [
  ['closed_won_revenue', 'closedWonRevenue'], ['unattributed_revenue', 'unattributedRevenue'],
  ['contacts_created', 'contactsCreated'], ['deals_created', 'dealsCreated'],
];
/** Counts must agree exactly; amounts to 1e-9 of their size (sums in another order differ in the last bits). */
const COUNTS = new Set<MetricName>(['sessions', 'new_contacts', 'influenced_contacts', 'deals_with_revenue', 'contacts_with_revenue', 'contacts_created', 'deals_created']);

function agrees(metric: MetricName, actual: number | null, expected: number | null): boolean {
  if (actual === null || expected === null) return actual === expected;
  if (COUNTS.has(metric)) return actual === expected;
  return Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected));
}

/**
 * Every disagreement between queryMetric and computeMetrics over the ranges, both touches, every model (data-driven
 * too, Markov at the facts' order) and campaign.
 */
export function compareWithEngine(analysis: Analysis, facts: FormulaFacts, tz: string, ranges: readonly DayRange[]): string[] {
  const problems: string[] = [];
  for (const range of ranges) {
    const from = range.from === null ? null : dayNumberOfIso(range.from)!;
    const to = dayNumberOfIso(range.to)!;
    for (const touch of TOUCHES) {
      const metrics = computeMetrics(analysis, {
        from: range.from === null ? null : startOfDay(range.from, tz), to: endOfDay(range.to, tz), touch, frequency: 'monthly', tz,
        // The report's Markov order, which the facts were built for.
        markovOrder: facts.markovOrder,
      });
      const check = (campaign: number, metric: MetricName, model: string, expected: number | null) => {
        const actual = queryMetric(facts, { campaign, metric, from, to, model, touch });
        if (!agrees(metric, actual, expected)) {
          problems.push(`${range.from}..${range.to} ${touch} campaign ${campaign} ${metric} ${model}: ${actual} ≠ ${expected}`);
        }
      };
      for (const model of MODELS) {
        metrics.campaigns.forEach((m, c) => {
          for (const metric of CAMPAIGN_METRICS) check(c, metric, model.id, engineFigure(m, metric, model.id));
          // The attribution tab's revenue column is the revenue metric under the same model.
          check(c, 'revenue', model.id, m.attribution[model.id].revenue);
        });
        for (const [metric, key] of TOTAL_METRICS) check(0, metric, model.id, metrics.totals[key]);
      }
    }
  }
  return problems;
}

/** Analyses a workbook and builds its facts in the zone. */
export function analyzeWithFacts(workbook: Workbook, tz: string, lookbackDays: number | null = null, markovOrder = 1) {
  const analysis = analyze(workbook, { lookbackDays });
  return { analysis, facts: buildFormulaFacts(analysis, tz, markovOrder) };
}
