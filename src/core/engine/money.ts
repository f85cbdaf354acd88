// Money (product.md "Beyond the source tool"): spend in range from the Spend sheet, else the campaign's budget
// (its share of the range), and ROAS, ROI, cost per new contact and per won deal against the chosen model's attributed revenue.
import { dayNumberAt } from '../time';
import type { Campaign, Spend } from '../types';
import { inRangeOf, type Range } from './ledger-views';

/** Where a campaign's spend comes from: its rows in the Spend sheet, else its budget. */
export type SpendSource = 'spend_sheet' | 'budget';

export interface MoneyFigures {
  spend: number | null;
  /** Null: the campaign has neither Spend rows nor a budget. */
  spendSource: SpendSource | null;
  roas: number | null;
  roi: number | null;
  costPerNewContact: number | null;
  costPerWonDeal: number | null;
}

/** The Spend sheet when it has any row of the campaign (whatever its date), else the budget if there is one. */
export function spendSource(campaign: Campaign, spend: readonly Spend[]): SpendSource | null {
  if (spend.some((s) => s.campaignId === campaign.id)) return 'spend_sheet';
  return campaign.budget === null ? null : 'budget';
}

/**
 * Spend rows of the campaign dated in range; a campaign with no Spend row at all falls back to its budget's
 * share of the range (budgetInRange). Rows in another currency are left out (as deals are); when every row in
 * range is, the spend is unknown (null: no money figures), not 0.
 */
export function spendInRange(campaign: Campaign, spend: readonly Spend[], range: Range, tz: string): number | null {
  if (spendSource(campaign, spend) !== 'spend_sheet') return budgetInRange(campaign, range, tz);
  const inRange = inRangeOf(range);
  let sum = 0;
  let counted = false;
  let leftOut = false;
  for (const s of spend) {
    if (s.campaignId !== campaign.id || !inRange(s.date)) continue;
    if (s.amount === null) leftOut = true;
    else {
      sum += s.amount;
      counted = true;
    }
  }
  return leftOut && !counted ? null : sum;
}

/**
 * The budget spread evenly over the campaign's run, start_date (else created_at) to end_date, whole days
 * both included: a range covering a third of the run gets a third of the budget, one outside it nothing.
 * A campaign without an end date (or with one before its start) has no run to spread over: a range from
 * its start on gets the whole budget, one that begins later an unknown share (null: no money figures).
 */
export function budgetInRange(campaign: Campaign, range: Range, tz: string): number | null {
  const { budget } = campaign;
  if (budget === null) return null;
  const start = dayNumberAt(campaign.startDate ?? campaign.createdAt, tz);
  const last = dayNumberAt(range.to, tz);
  if (start > last) return 0;
  const end = campaign.endDate === null ? null : dayNumberAt(campaign.endDate, tz);
  if (end === null || end < start) return range.from === null || dayNumberAt(range.from, tz) <= start ? budget : null;
  const first = range.from === null ? start : Math.max(start, dayNumberAt(range.from, tz));
  const overlap = Math.min(end, last) - first + 1;
  return overlap <= 0 ? 0 : budget * (overlap / (end - start + 1));
}

const ratio = (a: number, b: number | null) => (b === null || b === 0 ? null : a / b);

export function moneyFigures(
  spend: number | null, source: SpendSource | null, revenue: number, newContacts: number, wonDeals: number,
): MoneyFigures {
  return {
    spend,
    spendSource: source,
    roas: spend === null ? null : ratio(revenue, spend),
    roi: spend === null ? null : ratio(revenue - spend, spend),
    costPerNewContact: spend === null ? null : ratio(spend, newContacts),
    costPerWonDeal: spend === null ? null : ratio(spend, wonDeals),
  };
}
