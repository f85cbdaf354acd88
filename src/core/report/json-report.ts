// The command line's JSON report (cli.md "JSON report"): a stable contract, snake_case keys, version 1.
import { formatMessage } from '../messages';
import type { Problem } from '../types';
import { endOfDay, startOfDay } from '../time';
import { type Analysis, type CampaignMetrics, type Frequency, type Touch, HEURISTIC_MODELS, computeMetrics } from '../engine';
import type { RevenueFigures, TrafficFigures } from '../engine/metrics';

export const NO_CAMPAIGN_ID = '(no campaign)';
export const JSON_REPORT_VERSION = 1;

export interface ReportOptions {
  model: string;
  touch: Touch;
  /** YYYY-MM-DD, or null for no lower bound. */
  from: string | null;
  /** YYYY-MM-DD; the command line defaults it to today. */
  to: string;
  frequency: Frequency;
  tz: string;
  /** Campaign ids to list (the "(no campaign)" id included); null lists all. Totals always cover everything. */
  campaignIds: readonly string[] | null;
  lookbackDays: number | null;
}

const revenueJson = (f: RevenueFigures) => ({
  revenue: f.revenue,
  deals_with_revenue: f.dealsWithRevenue,
  associated_deal_value: f.associatedDealValue,
  contacts_with_revenue: f.contactsWithRevenue,
});

const trafficJson = (rows: TrafficFigures[], keyName: string) => rows.map((r) => ({
  [keyName]: r.key, views: r.views, new_visitor_sessions: r.newVisitorSessions, contacts_first_touch: r.contactsFirstTouch,
}));

function campaignJson(id: string, name: string, goals: Record<string, number | null>, m: CampaignMetrics, options: ReportOptions) {
  return {
    id,
    name,
    overview: {
      sessions: m.sessions,
      new_contacts: m.newContacts,
      influenced_contacts: m.influencedContacts,
      goals,
    },
    revenue: revenueJson(m.revenue.linear),
    revenue_attribution: { model: options.model, ...revenueJson(m.revenue[options.model]) },
    influenced_revenue: m.influencedRevenue,
    attribution: Object.fromEntries(HEURISTIC_MODELS.map((model) => {
      const a = m.attribution[model.id];
      return [model.id, { contact_create: a.contactCreate, deal_create: a.dealCreate, revenue: a.revenue }];
    })),
    series: m.series.map((p) => ({
      period: p.period, new_contacts: p.newContacts, influenced_contacts: p.influencedContacts, sessions: p.sessions,
    })),
    traffic: {
      by_source: trafficJson(m.traffic.by_source, 'source'),
      paid_search_by_term: trafficJson(m.traffic.paid_search_by_term, 'term'),
      organic_social_by_network: trafficJson(m.traffic.organic_social_by_network, 'network'),
      other_campaigns: trafficJson(m.traffic.other_campaigns, 'source_medium'),
    },
  };
}

export function problemJson(p: Problem) {
  return { severity: p.severity, sheet: p.sheet, row: p.row, column: p.column, message: formatMessage(p.messageId, p.params) };
}

export function buildJsonReport(analysis: Analysis, problems: readonly Problem[], options: ReportOptions) {
  const metrics = computeMetrics(analysis, {
    from: options.from === null ? null : startOfDay(options.from, options.tz),
    to: endOfDay(options.to, options.tz),
    touch: options.touch,
    frequency: options.frequency,
    tz: options.tz,
  });
  const wanted = (id: string) => options.campaignIds === null || options.campaignIds.includes(id);
  const campaigns = analysis.campaigns.flatMap((c, i) => (wanted(c.id)
    ? [campaignJson(c.id, c.name, {
      sessions: c.goals.sessions, new_contacts: c.goals.newContacts,
      influenced_contacts: c.goals.influencedContacts, revenue: c.goals.revenue,
    }, metrics.campaigns[i], options)]
    : []));
  if (wanted(NO_CAMPAIGN_ID)) {
    campaigns.push(campaignJson(NO_CAMPAIGN_ID, NO_CAMPAIGN_ID,
      { sessions: null, new_contacts: null, influenced_contacts: null, revenue: null }, metrics.campaigns[analysis.none], options));
  }
  const t = metrics.totals;
  return {
    version: JSON_REPORT_VERSION,
    options: {
      model: options.model, touch: options.touch, from: options.from, to: options.to,
      frequency: options.frequency, tz: options.tz, lookback_days: options.lookbackDays,
    },
    campaigns,
    totals: {
      closed_won_revenue: t.closedWonRevenue,
      unattributed_revenue: t.unattributedRevenue,
      contacts_created: t.contactsCreated,
      deals_created: t.dealsCreated,
    },
    problems: problems.map(problemJson),
  };
}

export type JsonReport = ReturnType<typeof buildJsonReport>;
