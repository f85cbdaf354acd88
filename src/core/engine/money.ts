// Money (product.md "Beyond the source tool"): spend in range from the Spend sheet, else the campaign's budget,
// and ROAS, ROI, cost per new contact and per won deal against the chosen model's attributed revenue.
import type { Campaign, Spend } from '../types';

export interface MoneyFigures {
  spend: number | null;
  roas: number | null;
  roi: number | null;
  costPerNewContact: number | null;
  costPerWonDeal: number | null;
}

/** Spend rows of the campaign dated in range; a campaign with no Spend row at all falls back to its budget. */
export function spendInRange(campaign: Campaign, spend: readonly Spend[], inRange: (t: number) => boolean): number | null {
  const own = spend.filter((s) => s.campaignId === campaign.id);
  if (own.length === 0) return campaign.budget;
  return own.reduce((sum, s) => (inRange(s.date) ? sum + s.amount : sum), 0);
}

const ratio = (a: number, b: number | null) => (b === null || b === 0 ? null : a / b);

export function moneyFigures(spend: number | null, revenue: number, newContacts: number, wonDeals: number): MoneyFigures {
  return {
    spend,
    roas: spend === null ? null : ratio(revenue, spend),
    roi: spend === null ? null : ratio(revenue - spend, spend),
    costPerNewContact: spend === null ? null : ratio(spend, newContacts),
    costPerWonDeal: spend === null ? null : ratio(spend, wonDeals),
  };
}
