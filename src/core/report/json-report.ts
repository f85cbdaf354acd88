// The command line's JSON report (cli.md "JSON report"): a stable contract, snake_case keys, version 1.
import { findModel, MODELS } from '../engine';
import type { AssetReport } from '../engine/assets';
import type { CreditByKind, DealRow, DrillDownRow, InfluenceRow } from '../engine/ledger-views';
import type { CampaignMetrics, RevenueFigures, TrafficFigures } from '../engine/metrics';
import type { MoneyFigures } from '../engine/money';
import { formatMessage, type Language } from '../messages';
import type { Problem } from '../types';
import { creditEntries, NO_CAMPAIGN_ID, type ReportData, type ReportOptions, reportDrillDown, reportInfluenceDrillDown } from './report-data';

export const JSON_REPORT_VERSION = 1;

const revenueJson = (f: RevenueFigures) => ({
  revenue: f.revenue,
  deals_with_revenue: f.dealsWithRevenue,
  associated_deal_value: f.associatedDealValue,
  contacts_with_revenue: f.contactsWithRevenue,
});

const trafficJson = (rows: TrafficFigures[], keyName: string) => rows.map((r) => ({
  [keyName]: r.key, views: r.views, new_visitor_sessions: r.newVisitorSessions, contacts_first_touch: r.contactsFirstTouch,
}));

const assetJson = ({ asset, metrics, terms }: AssetReport) => ({
  id: asset.id, type: asset.type, name: asset.name, metrics,
  ...(asset.type === 'paid_search' ? { by_term: terms } : {}),
});

const moneyJson = (m: MoneyFigures) => ({
  spend: m.spend, spend_source: m.spendSource, roas: m.roas, roi: m.roi, cost_per_new_contact: m.costPerNewContact, cost_per_won_deal: m.costPerWonDeal,
});

// Our additions to cli.md's contract, per campaign: report 6 by asset and by interaction type, report 2's
// drill-down and report 5's tracking URL list, read from the same ReportData as the report tables.
const NO_KEY = '(none)';

/** Credit of the report's model by asset or interaction type; null for a data-driven model (no per-interaction credit). */
const creditJson = (byKey: Map<string, CreditByKind> | null, keyName: string, extra: (key: string) => object = () => ({})) =>
  byKey === null ? null : creditEntries(byKey).map(([key, f]) => ({
    [keyName]: key === NO_KEY ? null : key, ...extra(key), contact_create: f.contactCreate, deal_create: f.dealCreate, revenue: f.revenue,
  }));

const isoOf = (epoch: number) => new Date(epoch).toISOString();

/** A drill-down row's deal and interaction; `contact_ids` are the deal's contacts the row is about. */
function dealRowJson(data: ReportData, r: DealRow & { visit: number }) {
  const visit = r.visit >= 0 ? data.analysis.workbook.visits[r.visit] : null;
  return {
    deal_id: r.dealId,
    closed_at: isoOf(r.closedAt),
    amount: r.amount,
    contact_ids: r.contacts.map((k) => data.analysis.contacts.ids[k]),
    visit_row: visit?.row ?? null,
    interaction_at: visit === null ? null : isoOf(visit.timestamp),
    interaction_type: visit?.type ?? null,
    contact_id: visit?.contactId ?? null,
    visitor_id: visit?.visitorId ?? null,
    asset_id: visit === null ? null : data.analysis.resolution.assetIdOf[r.visit],
  };
}

/** The added keys of one campaign that come from ReportData as a whole (report 6 by asset and type, report 2's drill-downs). */
function campaignExtrasOf(data: ReportData) {
  const perInteraction = findModel(data.options.model)!.kind === 'heuristic';
  const assetById = new Map(data.analysis.workbook.assets.map((a) => [a.id, a]));
  const drillDownOf = new Map<number, DrillDownRow[]>(data.listed.map((c) => [c, []]));
  for (const r of reportDrillDown(data)) drillDownOf.get(r.campaign)?.push(r);
  const influencesOf = new Map<number, InfluenceRow[]>(data.listed.map((c) => [c, []]));
  for (const r of reportInfluenceDrillDown(data)) influencesOf.get(r.campaign)?.push(r);
  return (c: number) => ({
    attribution_by_asset: creditJson(perInteraction ? data.byAsset[c] : null, 'asset_id', (key) => ({
      asset_type: key === NO_KEY ? null : assetById.get(key)?.type ?? null,
    })),
    attribution_by_interaction_type: creditJson(perInteraction ? data.byInteractionType[c] : null, 'interaction_type'),
    revenue_drill_down: drillDownOf.get(c)!.map((r) => ({ ...dealRowJson(data, r), credit: r.credit })),
    influenced_revenue_drill_down: influencesOf.get(c)!.map((r) => dealRowJson(data, r)),
  });
}

type CampaignExtras = ReturnType<ReturnType<typeof campaignExtrasOf>>;

function campaignJson(
  id: string, name: string, goals: Record<string, number | null>, m: CampaignMetrics, options: ReportOptions,
  assets: AssetReport[], money: MoneyFigures | null, extras: CampaignExtras,
) {
  return {
    id,
    name,
    overview: { sessions: m.sessions, new_contacts: m.newContacts, influenced_contacts: m.influencedContacts, goals },
    revenue: revenueJson(m.revenue.linear),
    revenue_attribution: { model: options.model, ...revenueJson(m.revenue[options.model]) },
    influenced_revenue: m.influencedRevenue,
    attribution: Object.fromEntries(MODELS.map((model) => {
      const a = m.attribution[model.id];
      return [model.id, { contact_create: a.contactCreate, deal_create: a.dealCreate, revenue: a.revenue }];
    })),
    series: m.series.map((p) => ({
      period: p.period, new_contacts: p.newContacts, influenced_contacts: p.influencedContacts, sessions: p.sessions,
    })),
    assets: assets.map(assetJson),
    traffic: {
      by_source: trafficJson(m.traffic.by_source, 'source'),
      paid_search_by_term: trafficJson(m.traffic.paid_search_by_term, 'term'),
      organic_social_by_network: trafficJson(m.traffic.organic_social_by_network, 'network'),
      other_campaigns: trafficJson(m.traffic.other_campaigns, 'source_medium'),
    },
    money: money === null ? null : moneyJson(money),
    ...extras,
    tracking_urls: assets.filter((r) => r.asset.type === 'tracking_url').map((r) => ({
      asset_id: r.asset.id, url: r.asset.url, visits: r.metrics.visits as number, contacts: r.metrics.contacts as number,
    })),
  };
}

function problemJson(p: Problem, lang: Language) {
  return { severity: p.severity, sheet: p.sheet, row: p.row, column: p.column, message: formatMessage(p.messageId, p.params, lang) };
}

/**
 * `generatedAt` is an ISO instant: the report states when it was made (tests pass a fixed one). `currency`: the
 * workbook's, which every amount is in (null when nothing named one). Keys, ids and enum values are the
 * contract's and stay English; the texts meant to be read (problem messages, the no-campaign row's name) are in
 * `lang`, like the rest of the command line's output.
 */
export function buildJsonReport(data: ReportData, generatedAt: string, lang: Language, currency: string | null) {
  const { analysis, metrics, options } = data;
  const extras = campaignExtrasOf(data);
  const campaigns = data.listed.map((c) => {
    if (c === analysis.none) {
      return campaignJson(NO_CAMPAIGN_ID, formatMessage('report.no_campaign', {}, lang), { sessions: null, new_contacts: null, influenced_contacts: null, revenue: null },
        metrics.campaigns[c], options, [], null, extras(c));
    }
    const campaign = analysis.campaigns[c];
    const { goals } = campaign;
    return campaignJson(campaign.id, campaign.name, {
      sessions: goals.sessions, new_contacts: goals.newContacts, influenced_contacts: goals.influencedContacts, revenue: goals.revenue,
    }, metrics.campaigns[c], options, data.assets.get(c) ?? [], data.money.get(c) ?? null, extras(c));
  });
  const t = metrics.totals;
  return {
    version: JSON_REPORT_VERSION,
    options: {
      model: options.model, touch: options.touch, from: options.from, to: options.to,
      frequency: options.frequency, tz: options.tz, currency, lookback_days: options.lookbackDays,
      channels: options.channels, markov_order: options.markovOrder, generated_at: generatedAt,
    },
    campaigns,
    totals: {
      closed_won_revenue: t.closedWonRevenue,
      unattributed_revenue: t.unattributedRevenue,
      contacts_created: t.contactsCreated,
      deals_created: t.dealsCreated,
    },
    // Added to the contract of cli.md: Markov and Shapley per channel of the chosen kind, for the whole range.
    data_driven_channels: data.channels.map((r) => ({
      channel: r.channel,
      markov: { conversions: r.markovConversions, revenue: r.markovValue, removal_effect: r.removalEffect },
      shapley: { conversions: r.shapleyConversions, revenue: r.shapleyValue },
    })),
    problems: data.problems.map((p) => problemJson(p, lang)),
  };
}

export type JsonReport = ReturnType<typeof buildJsonReport>;
