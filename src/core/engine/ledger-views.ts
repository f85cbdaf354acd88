// Views over the credit ledger for one model and range: attribution by asset and by interaction type,
// and the drill-down ("explain this number") listing every credited interaction behind an amount.
import { dealInfluences, type Analysis } from './analysis';
import { contactSetOf, type Conversion } from './ledger';
import { campaignsOfDeals, givesCredit, pathVisits } from './data-driven-revenue';
import { forEachOwner } from './journeys';
import { type ConversionKind, findModel } from './models';
import { INTERACTION_TYPES } from '../types';

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

/** A model's credit per campaign (index; none = analysis.none) and key. */
export type CreditByKey = Array<Map<string, CreditByKind>>;

/**
 * Credit per campaign and key, where the key is the credited interaction's asset id (byAsset) or interaction
 * type (byInteractionType), "(none)" for a conversion without any eligible interaction: one pass for both.
 */
export function attributionByAssetAndType(analysis: Analysis, range: Range, model: string): { byAsset: CreditByKey; byInteractionType: CreditByKey } {
  const m = findModel(model)!;
  const perCampaign = (): CreditByKey => Array.from({ length: analysis.none + 1 }, () => new Map<string, CreditByKind>());
  const byAsset = perCampaign();
  const byInteractionType = perCampaign();
  const add = (byKey: Map<string, CreditByKind>, key: string, kind: ConversionKind, credit: number) => {
    let entry = byKey.get(key);
    if (!entry) {
      entry = {
        contactCreate: m.appliesTo.contact_create ? 0 : null,
        dealCreate: m.appliesTo.deal_create ? 0 : null,
        revenue: m.appliesTo.revenue ? 0 : null,
      };
      byKey.set(key, entry);
    }
    (entry[FIELD[kind]] as number) += credit;
  };
  const { assetIdOf } = analysis.resolution;
  const { type } = analysis.columns;
  forEachCredit(analysis, range, model, (conversion, r, credit) => {
    const v = analysis.ledger.visit[r];
    const c = analysis.ledger.campaign[r] < 0 ? analysis.none : analysis.ledger.campaign[r];
    add(byAsset[c], v < 0 ? '(none)' : assetIdOf[v] ?? '(none)', conversion.kind, credit);
    add(byInteractionType[c], v < 0 ? '(none)' : INTERACTION_TYPES[type[v]], conversion.kind, credit);
  });
  return { byAsset, byInteractionType };
}

/** A won deal behind an amount of a campaign (index; none = analysis.none). */
export interface DealRow {
  dealId: string;
  dealName: string;
  closedAt: number;
  amount: number;
  campaign: number;
  /** The deal's contacts (associated by the close) that the row is about, by index. */
  contacts: number[];
}

/** A row of the revenue drill-down: `contacts` are those owning the interaction (of a deal row: one of the campaign's). */
export interface DrillDownRow extends DealRow {
  /** The credited interaction; -1 for a deal without eligible interaction, and for data-driven models. */
  visit: number;
  /** Null for a model whose credit exists per channel only (Markov): its drill-down lists the deals. */
  credit: number | null;
}

/** A row of the influenced-revenue drill-down: `contacts` are those who influenced the deal. */
export interface InfluenceRow extends DealRow {
  /** The earliest of those contacts' first interactions with the campaign. */
  visit: number;
}

/**
 * What stands behind the revenue of every campaign (index; none = analysis.none) under a model: each
 * credited interaction for the rule-based models; each deal whose path contains the campaign for Markov;
 * each such deal that gives it credit for a per-deal model (Shapley), with that credit (cli.md).
 */
export function revenueDrillDown(analysis: Analysis, range: Range, model: string): DrillDownRow[] {
  const m = findModel(model);
  if (!m) throw new RangeError(`Unknown model ${model}`);
  const rows: DrillDownRow[] = [];
  const owners = (conversion: Conversion, visits: readonly number[]) => {
    const found = new Set<number>();
    const among = contactSetOf(conversion);
    for (const v of visits) forEachOwner(analysis.contacts, among, v, (contact) => found.add(contact));
    // In the deal's order; one owner (the rule for a row of its own) needs no going through the deal's thousands.
    return found.size <= 1 ? [...found] : conversion.contacts.filter((contact) => found.has(contact));
  };
  const dealRow = (conversion: Conversion, visit: number, campaign: number, credit: number | null, contacts: number[]) => {
    rows.push({ ...dealOf(analysis, conversion.deal, campaign, contacts), visit, credit });
  };
  if (m.kind === 'heuristic') {
    forEachCredit(analysis, range, model, (conversion, r, credit) => {
      if (conversion.kind !== 'revenue' || credit <= 0) return;
      const v = analysis.ledger.visit[r];
      dealRow(conversion, v, analysis.ledger.campaign[r] < 0 ? analysis.none : analysis.ledger.campaign[r], credit, v < 0 ? [] : owners(conversion, [v]));
    });
    return rows;
  }
  for (const [index, campaigns] of campaignsOfDeals(analysis, inRangeOf(range), range.to)) {
    const conversion = analysis.ledger.conversions[index];
    const path = conversion.unattributed ? [] : pathVisits(analysis.ledger, conversion);
    // A per-deal model credits the deal's own path alone; Markov's credit exists only over all paths.
    // As for the rule-based models, a deal that gives no credit (a $0 deal) is not behind a per-deal figure.
    if (m.perDeal && !givesCredit(conversion)) continue;
    const credits = m.perDeal ? m.credit([{ channels: campaigns.map(String), conversions: 1, value: conversion.amount, nulls: 0 }]) : null;
    for (const c of campaigns) {
      const credit = credits ? credits.find((x) => x.name === String(c))?.value ?? 0 : null;
      dealRow(conversion, -1, c, credit, owners(conversion, path.filter((v) => analysis.channelOf[v] === c)));
    }
  }
  return rows;
}

/**
 * What stands behind the influenced revenue of every campaign: each won deal closed in range that it
 * influenced, with the contacts who did and the earliest of their first interactions with the campaign.
 */
export function influencedRevenueDrillDown(analysis: Analysis, range: Range): InfluenceRow[] {
  const inRange = inRangeOf(range);
  const rows: InfluenceRow[] = [];
  analysis.workbook.deals.forEach((deal, d) => {
    if (deal.stage !== 'won' || deal.closedAt === null || !inRange(deal.closedAt)) return;
    for (const [c, contacts] of dealInfluences(analysis, d)) {
      const firsts = contacts.map((contact) => analysis.firstTouch[contact].get(c)!);
      const visit = firsts.reduce((best, v) => (best < 0 || analysis.rank[v] < analysis.rank[best] ? v : best), -1);
      rows.push({ ...dealOf(analysis, d, c, contacts), visit });
    }
  });
  return rows;
}

function dealOf(analysis: Analysis, d: number, campaign: number, contacts: number[]): DealRow {
  const deal = analysis.workbook.deals[d];
  return { dealId: deal.id, dealName: deal.name, closedAt: deal.closedAt!, amount: deal.amount, campaign, contacts };
}

