// Revenue under the data-driven models (attribution-models.md §5) for a range: converting paths from the
// won deals closed in range, null paths from the contacts with no won deal closed by `to`, channels =
// campaigns. The credit per channel comes from the model registry; the per-campaign deal and contact
// figures follow cli.md: a deal counts for a campaign when its path contains the campaign.
import type { Campaign } from '../types';
import type { Analysis } from './analysis';
import type { CampaignLists } from './resolve';
import { aggregatePaths, type Journey } from './data-driven';
import { ownsVisit } from './journeys';
import type { Conversion, Ledger } from './ledger';
import { DATA_DRIVEN_MODELS } from './models';

export interface DataDrivenRevenue {
  /** Per model id: revenue credit per campaign index ("(no campaign)" = analysis.none). */
  revenue: Record<string, Float64Array>;
  /** Per campaign index: won deals in range whose path contains it, their amounts, and its contacts. */
  deals: Int32Array;
  dealValue: Float64Array;
  contacts: Array<Set<number>>;
  /** Per revenue conversion index in range: its path's distinct campaigns (for per-deal drill-downs). */
  campaignsOfDeal: Map<number, number[]>;
}

/** The channel of an interaction: its campaign; one counting for several, the lowest id in plain string order (§7). */
export function channelsOfVisits(campaigns: readonly Campaign[], campaignsOf: CampaignLists, none: number): Int32Array {
  const channel = new Int32Array(campaignsOf.length);
  for (let v = 0; v < campaignsOf.length; v++) {
    const list = campaignsOf[v];
    let best = list.length === 0 ? none : list[0];
    for (let i = 1; i < list.length; i++) if (campaigns[list[i]].id < campaigns[best].id) best = list[i];
    channel[v] = best;
  }
  return channel;
}

/** The interactions of a conversion's path, in order, each once (one with several campaigns has a ledger row each). */
export function pathVisits(ledger: Ledger, conversion: Conversion): number[] {
  const path: number[] = [];
  for (let r = conversion.rowStart; r < conversion.rowEnd; r++) {
    if (r === conversion.rowStart || ledger.visit[r - 1] !== ledger.visit[r]) path.push(ledger.visit[r]);
  }
  return path;
}

export function dataDrivenRevenue(analysis: Analysis, inRange: (t: number) => boolean, to: number): DataDrivenRevenue {
  const { ledger, contacts, workbook, none } = analysis;
  const channel = analysis.channelOf;
  const size = none + 1;
  const result: DataDrivenRevenue = {
    revenue: Object.fromEntries(DATA_DRIVEN_MODELS.map((m) => [m.id, new Float64Array(size)])),
    deals: new Int32Array(size),
    dealValue: new Float64Array(size),
    contacts: Array.from({ length: size }, () => new Set<number>()),
    campaignsOfDeal: new Map(),
  };
  const journeys: Journey[] = [];
  // Channel names are the campaign indexes as text, made once rather than per interaction.
  const channelName = Array.from({ length: size }, (_, c) => String(c));

  ledger.conversions.forEach((conversion, index) => {
    if (conversion.kind !== 'revenue' || !inRange(conversion.time)) return;
    if (conversion.unattributed) {
      // No eligible interaction: the amount goes straight to "(no campaign)", outside the chain (§5).
      for (const model of DATA_DRIVEN_MODELS) result.revenue[model.id][none] += conversion.amount;
      result.deals[none]++;
      result.dealValue[none] += conversion.amount;
      result.campaignsOfDeal.set(index, [none]);
      return;
    }
    const path = pathVisits(ledger, conversion);
    for (const v of path) {
      for (const contact of conversion.contacts) if (ownsVisit(contacts, contact, v)) result.contacts[channel[v]].add(contact);
    }
    const distinct = [...new Set(path.map((v) => channel[v]))];
    for (const c of distinct) {
      result.deals[c]++;
      result.dealValue[c] += conversion.amount;
    }
    result.campaignsOfDeal.set(index, distinct);
    journeys.push({ channels: path.map((v) => channelName[channel[v]]), value: conversion.amount, converted: true });
  });

  // Null paths: contacts associated (by the close) with no won deal closed at or before `to`, cut at `to`.
  const converted = new Uint8Array(contacts.ids.length);
  workbook.deals.forEach((deal, d) => {
    if (deal.stage !== 'won' || deal.closedAt === null || deal.closedAt > to) return;
    for (const { contact, at } of analysis.associations[d]) if (at <= deal.closedAt) converted[contact] = 1;
  });
  contacts.journeys.forEach((journey, i) => {
    if (converted[i]) return;
    const channels: string[] = [];
    for (let k = 0; k < journey.length; k++) {
      const v = journey[k];
      if (analysis.columns.time[v] > to) break;
      if (analysis.columns.eligible[v]) channels.push(channelName[channel[v]]);
    }
    if (channels.length > 0) journeys.push({ channels, value: 0, converted: false });
  });

  const paths = aggregatePaths(journeys);
  for (const model of DATA_DRIVEN_MODELS) {
    for (const credit of model.credit(paths)) result.revenue[model.id][Number(credit.name)] += credit.value;
  }
  return result;
}
