// Revenue under the data-driven models (attribution-models.md §5) for a range: converting paths from the
// won deals closed in range, null paths from the contacts with no won deal closed by `to`. Per campaign
// (channels = campaigns) for the campaign reports, where the per-campaign deal and contact figures follow
// cli.md: a deal counts for a campaign when its path contains the campaign. Per channel, with channels =
// campaigns, sources or asset types as the user chooses, for the channel report.
import { ASSET_TYPES, type AssetType, type Campaign, SOURCES, type Source } from '../types';
import type { Analysis } from './analysis';
import type { CampaignLists } from './resolve';
import { aggregatePaths, type Journey, markov, shapley } from './data-driven';
import { type ChannelKind, NO_CHANNEL } from './data-driven-options';
import { forEachOwner } from './journeys';
import { contactSetOf, type Conversion, type Ledger } from './ledger';
import { DATA_DRIVEN_MODELS } from './models';


/**
 * Per campaign index, the won deals in range a data-driven model counts for it (cli.md): under Markov, whose
 * credit exists only over all paths, each deal whose path contains the campaign; under Shapley, which credits
 * each deal, those giving it credit > 0 as under the rule-based models (§4), so not a $0 deal. With their
 * amounts and the campaign's contacts among those deals' owners.
 */
export interface DataDrivenDealFigures {
  deals: Int32Array;
  dealValue: Float64Array;
  contacts: Array<Set<number>>;
}

export interface DataDrivenRevenue {
  /** Per model id: revenue credit per campaign index ("(no campaign)" = analysis.none). */
  revenue: Record<string, Float64Array>;
  /** Per model id: the deal figures per campaign index. */
  figures: Record<string, DataDrivenDealFigures>;
  /** Per revenue conversion index in range: its path's distinct campaigns (for per-deal drill-downs). */
  campaignsOfDeal: Map<number, number[]>;
  /** The channel report over campaigns: the same chain, solved once. */
  channels: ChannelAttribution[];
}

/**
 * Whether a won deal has credit for a per-deal model (Shapley) to hand out: a $0 deal gives none, so it is no
 * deal with revenue for any campaign (§4: credit > 0), as under the rule-based models.
 */
export const givesCredit = (conversion: Pick<Conversion, 'amount'>) => conversion.amount > 0;

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

/**
 * The journeys of a range over the given channels: one converting journey per won deal closed in range
 * (`onDeal` sees each, with a null path when it had no eligible interaction: it stays outside the chain)
 * and one null journey per contact associated with no won deal closed by `to`, cut at `to`.
 */
function rangeJourneys(
  analysis: Analysis, inRange: (t: number) => boolean, to: number, channel: Int32Array, channelCount: number,
  onDeal: (conversion: Conversion, index: number, path: number[] | null) => void,
): Journey[] {
  const { ledger, contacts } = analysis;
  // Channel names in the chain are the channel indexes as text, made once rather than per interaction.
  const channelName = Array.from({ length: channelCount }, (_, c) => String(c));
  const journeys: Journey[] = [];
  ledger.conversions.forEach((conversion, index) => {
    if (conversion.kind !== 'revenue' || !inRange(conversion.time)) return;
    if (conversion.unattributed) return onDeal(conversion, index, null);
    const path = pathVisits(ledger, conversion);
    onDeal(conversion, index, path);
    journeys.push({ channels: path.map((v) => channelName[channel[v]]), value: conversion.amount, converted: true });
  });
  contacts.journeys.forEach((journey, i) => {
    if (analysis.firstWonClose[i] <= to) return;
    const channels: string[] = [];
    for (let k = 0; k < journey.length; k++) {
      const v = journey[k];
      if (analysis.columns.time[v] > to) break;
      if (analysis.columns.eligible[v]) channels.push(channelName[channel[v]]);
    }
    if (channels.length > 0) journeys.push({ channels, value: 0, converted: false });
  });
  return journeys;
}

export function dataDrivenRevenue(analysis: Analysis, inRange: (t: number) => boolean, to: number, markovOrder = 1): DataDrivenRevenue {
  const { result, journeys, outside } = dataDrivenDeals(analysis, inRange, to);
  const rows = attributeChannels(journeys, outside, channelsOf(analysis, 'campaign').names, markovOrder);
  rows.forEach((row, c) => {
    result.revenue.markov[c] = row.markovValue;
    result.revenue.shapley[c] = row.shapleyValue;
  });
  result.channels = inChannelOrder(rows);
  return result;
}

/**
 * Per won deal in range (its conversion index), its path's distinct campaigns: what a data-driven drill-down
 * lists, without solving the chain (grouping a million journeys into paths alone takes half a second).
 */
export function campaignsOfDeals(analysis: Analysis, inRange: (t: number) => boolean, to: number): Map<number, number[]> {
  return dataDrivenDeals(analysis, inRange, to).result.campaignsOfDeal;
}

/** The deal figures of a range, the journeys for the chain and the deals outside it; the credit is left to the chain. */
function dataDrivenDeals(
  analysis: Analysis, inRange: (t: number) => boolean, to: number,
): { result: DataDrivenRevenue; journeys: Journey[]; outside: OutsideDeals } {
  const { contacts, none } = analysis;
  const channel = analysis.channelOf;
  const size = none + 1;
  const result: DataDrivenRevenue = {
    revenue: Object.fromEntries(DATA_DRIVEN_MODELS.map((m) => [m.id, new Float64Array(size)])),
    figures: Object.fromEntries(DATA_DRIVEN_MODELS.map((m) => [m.id, {
      deals: new Int32Array(size), dealValue: new Float64Array(size), contacts: Array.from({ length: size }, () => new Set<number>()),
    }])),
    campaignsOfDeal: new Map(),
    channels: [],
  };
  const outside: OutsideDeals = { deals: 0, amount: 0 };
  /** The models a deal counts for: all for a path containing the campaign; per-deal ones only when it has credit to give. */
  const countingModels = (conversion: Conversion) => DATA_DRIVEN_MODELS.filter((m) => !m.perDeal || givesCredit(conversion));
  const journeys = rangeJourneys(analysis, inRange, to, channel, size, (conversion, index, path) => {
    if (path === null) {
      // No eligible interaction: the deal counts for "(no campaign)", outside the chain (§5).
      countOutside(outside, conversion);
      for (const model of countingModels(conversion)) {
        result.figures[model.id].deals[none]++;
        result.figures[model.id].dealValue[none] += conversion.amount;
      }
      result.campaignsOfDeal.set(index, [none]);
      return;
    }
    const distinct = [...new Set(path.map((v) => channel[v]))];
    const counting = countingModels(conversion);
    // Each channel's contacts among the deal's: those owning one of its interactions on the path.
    const among = contactSetOf(conversion);
    for (const v of path) {
      const c = channel[v];
      forEachOwner(contacts, among, v, (contact) => {
        for (const model of counting) result.figures[model.id].contacts[c].add(contact);
      });
    }
    for (const model of counting) {
      const figures = result.figures[model.id];
      for (const c of distinct) {
        figures.deals[c]++;
        figures.dealValue[c] += conversion.amount;
      }
    }
    result.campaignsOfDeal.set(index, distinct);
  });
  return { result, journeys, outside };
}

/** Per visit, its channel index under one definition, and the channel names (the none channel last). */
export function channelsOf(analysis: Analysis, kind: ChannelKind): { channel: Int32Array; names: string[] } {
  const n = analysis.columns.time.length;
  switch (kind) {
    case 'campaign':
      return { channel: analysis.channelOf, names: [...analysis.campaigns.map((c) => c.id), NO_CHANNEL.campaign] };
    case 'source': {
      const index = new Map<Source, number>(SOURCES.map((s, i) => [s, i]));
      const channel = new Int32Array(n);
      for (let v = 0; v < n; v++) channel[v] = index.get(analysis.sourceOf[v])!;
      return { channel, names: [...SOURCES, NO_CHANNEL.source] };
    }
    case 'asset_type': {
      const index = new Map<AssetType, number>(ASSET_TYPES.map((t, i) => [t, i]));
      const { assetOf } = analysis.resolution;
      // An asset's type: its first Assets row (rows of one id across campaigns share the asset).
      const typeOf = analysis.campaignIndex.linksOf.map((links) => index.get(links[0].asset.type)!);
      const channel = new Int32Array(n);
      for (let v = 0; v < n; v++) channel[v] = assetOf[v] < 0 ? ASSET_TYPES.length : typeOf[assetOf[v]];
      return { channel, names: [...ASSET_TYPES, NO_CHANNEL.asset_type] };
    }
  }
}

/** One channel of the channel report: Markov's and Shapley's attributed conversions and value. */
export interface ChannelAttribution {
  channel: string;
  markovConversions: number;
  markovValue: number;
  /** Markov removal effect (0 for the none channel's deals outside the chain). */
  removalEffect: number;
  shapleyConversions: number;
  shapleyValue: number;
}

/** Won deals with no eligible interaction: they count for the none channel, outside the chain (§5). */
interface OutsideDeals {
  deals: number;
  amount: number;
}

function countOutside(outside: OutsideDeals, conversion: Conversion): void {
  outside.deals++;
  outside.amount += conversion.amount;
}

/**
 * Markov (of the given order) and Shapley credit per channel index of a range's journeys, with the deals outside
 * the chain on the none channel (the last name). Channels with no journey and no such deal have no row.
 */
function attributeChannels(
  journeys: Journey[], outside: OutsideDeals, names: readonly string[], markovOrder: number,
): Map<number, ChannelAttribution> {
  const rows = new Map<number, ChannelAttribution>();
  const row = (c: number) => {
    let found = rows.get(c);
    if (!found) {
      found = { channel: names[c], markovConversions: 0, markovValue: 0, removalEffect: 0, shapleyConversions: 0, shapleyValue: 0 };
      rows.set(c, found);
    }
    return found;
  };
  if (outside.deals > 0) {
    const r = row(names.length - 1);
    r.markovConversions = r.shapleyConversions = outside.deals;
    r.markovValue = r.shapleyValue = outside.amount;
  }
  const paths = aggregatePaths(journeys);
  for (const c of markov(paths, { order: markovOrder }).channels) {
    const r = row(Number(c.name));
    r.removalEffect = c.removalEffect;
    r.markovConversions += c.conversions;
    r.markovValue += c.value;
  }
  for (const c of shapley(paths).channels) {
    const r = row(Number(c.name));
    r.shapleyConversions += c.conversions;
    r.shapleyValue += c.value;
  }
  return rows;
}

/** In the order of the channel list: campaigns in workbook order, sources and asset types as the spec lists them. */
function inChannelOrder(rows: Map<number, ChannelAttribution>): ChannelAttribution[] {
  return [...rows.keys()].sort((a, b) => a - b).map((c) => rows.get(c)!);
}

/**
 * Markov (of the given order) and Shapley credit per channel for a range, channels of the chosen kind.
 * Won deals with no eligible interaction count for the none channel, outside the chain (§5). Channels
 * with no journey are left out.
 */
export function dataDrivenChannels(
  analysis: Analysis, inRange: (t: number) => boolean, to: number, kind: ChannelKind, markovOrder: number,
): ChannelAttribution[] {
  const { channel, names } = channelsOf(analysis, kind);
  const outside: OutsideDeals = { deals: 0, amount: 0 };
  const journeys = rangeJourneys(analysis, inRange, to, channel, names.length, (conversion, _index, path) => {
    if (path === null) countOutside(outside, conversion);
  });
  return inChannelOrder(attributeChannels(journeys, outside, names, markovOrder));
}
