// Views over the credit ledger for one model and range: attribution by asset and by interaction type,
// and the drill-down ("explain this number") listing every credited interaction behind an amount.
import type { Analysis } from './analysis';
import type { Conversion } from './ledger';
import { dataDrivenRevenue } from './data-driven-revenue';
import { type ConversionKind, findModel } from './models';

export interface Range {
  from: number | null;
  to: number;
}

export const inRangeOf = (range: Range) => (t: number) => t <= range.to && (range.from === null || t >= range.from);

export interface CreditByKind {
  contactCreate: number | null;
  dealCreate: number | null;
  revenue: number | null;
}

/** Credit rows of the ledger for conversions in range, one callback per row with its credit (share × amount). */
function forEachCredit(
  analysis: Analysis, range: Range, model: string,
  visit: (conversion: Conversion, row: number, credit: number) => void,
): void {
  const { ledger } = analysis;
  const m = findModel(model);
  if (!m) throw new RangeError(`Unknown model ${model}`);
  // Data-driven credit exists per channel (and per deal), never per interaction: nothing to list here.
  if (m.kind !== 'heuristic') return;
  const inRange = inRangeOf(range);
  const shares = ledger.shares[model];
  for (const conversion of ledger.conversions) {
    if (!m.appliesTo[conversion.kind] || !inRange(conversion.time)) continue;
    for (let r = conversion.rowStart; r < conversion.rowEnd; r++) visit(conversion, r, shares[r] * conversion.amount);
  }
}

const FIELD: Record<ConversionKind, keyof CreditByKind> = { contact_create: 'contactCreate', deal_create: 'dealCreate', revenue: 'revenue' };

/**
 * Credit per campaign (index; none = analysis.none) and key, where the key is the credited interaction's
 * asset id or interaction type ("(none)" for a conversion without any eligible interaction).
 */
export function attributionBy(analysis: Analysis, range: Range, model: string, by: 'asset' | 'interaction_type'): Array<Map<string, CreditByKind>> {
  const m = findModel(model)!;
  const result = Array.from({ length: analysis.none + 1 }, () => new Map<string, CreditByKind>());
  const { visits } = analysis.workbook;
  forEachCredit(analysis, range, model, (conversion, r, credit) => {
    const v = analysis.ledger.visit[r];
    const c = analysis.ledger.campaign[r] < 0 ? analysis.none : analysis.ledger.campaign[r];
    const key = v < 0 ? '(none)' : by === 'asset' ? analysis.resolution.assetIdOf[v] ?? '(none)' : visits[v].type;
    let entry = result[c].get(key);
    if (!entry) {
      entry = {
        contactCreate: m.appliesTo.contact_create ? 0 : null,
        dealCreate: m.appliesTo.deal_create ? 0 : null,
        revenue: m.appliesTo.revenue ? 0 : null,
      };
      result[c].set(key, entry);
    }
    (entry[FIELD[conversion.kind]] as number) += credit;
  });
  return result;
}

export interface DrillDownRow {
  dealId: string;
  dealName: string;
  closedAt: number;
  amount: number;
  /** The credited interaction; -1 for a deal without eligible interaction, and for data-driven models. */
  visit: number;
  campaign: number;
  /** Null for a model whose credit exists per channel only (Markov): its drill-down lists the deals. */
  credit: number | null;
}

/**
 * What stands behind the revenue of every campaign (index; none = analysis.none) under a model: each
 * credited interaction for the rule-based models; each deal whose path contains the campaign for the
 * data-driven ones, with the deal's credit where the model has one per deal (cli.md).
 */
export function revenueDrillDown(analysis: Analysis, range: Range, model: string): DrillDownRow[] {
  const m = findModel(model);
  if (!m) throw new RangeError(`Unknown model ${model}`);
  const rows: DrillDownRow[] = [];
  const dealRow = (conversion: Conversion, visit: number, campaign: number, credit: number | null) => {
    const deal = analysis.workbook.deals[conversion.deal];
    rows.push({ dealId: deal.id, dealName: deal.name, closedAt: conversion.time, amount: conversion.amount, visit, campaign, credit });
  };
  if (m.kind === 'heuristic') {
    forEachCredit(analysis, range, model, (conversion, r, credit) => {
      if (conversion.kind !== 'revenue' || credit <= 0) return;
      dealRow(conversion, analysis.ledger.visit[r], analysis.ledger.campaign[r] < 0 ? analysis.none : analysis.ledger.campaign[r], credit);
    });
    return rows;
  }
  const dataDriven = dataDrivenRevenue(analysis, inRangeOf(range), range.to);
  for (const [index, campaigns] of dataDriven.campaignsOfDeal) {
    const conversion = analysis.ledger.conversions[index];
    // A per-deal model credits the deal's own path alone; Markov's credit exists only over all paths.
    const credits = m.perDeal ? m.credit([{ channels: campaigns.map(String), conversions: 1, value: conversion.amount, nulls: 0 }]) : null;
    for (const c of campaigns) dealRow(conversion, -1, c, credits ? credits.find((x) => x.name === String(c))?.value ?? 0 : null);
  }
  return rows;
}
