// Every report of the campaign page as a ReportTable (product.md "Reports"), built from ReportData.
// Tables list the report's campaigns as rows (a campaign column first), so one document serves one
// campaign or all of them; time series and by-source charts are drawn when a single campaign is listed.
import { findModel, MODELS } from '../engine';
import { EVEN_SPLIT_MODEL } from '../engine/models';
import { ASSET_METRICS, type AssetMetricKey } from '../engine/assets';
import { NO_CHANNEL } from '../engine/data-driven-options';
import type { CreditByKind } from '../engine/ledger-views';
import type { TrafficBreakdown } from '../engine/metrics';
import { formatMessage, isMessageId, type Language, type MessageId } from '../messages';
import { formatCountOf, formatInstant, formatLocale, formatNumber, shareOfGoal } from '../render/formats';
import { dayKey } from '../time';
import { chartHasValues } from '../render/chart-columns';
import { groupBy } from '../group-by';
import { ASSET_TYPES, type Asset, type AssetType } from '../types';
import { fillPeriods } from './periods';
import { listProblems } from './problems';
import { creditEntries, type ReportData, reportDrillDown, reportInfluenceDrillDown } from './report-data';
import type { ChartSpec, ColumnType, ReportColumn, ReportDocument, ReportTable, ReportValue } from './table';

type Text = (id: MessageId, params?: Record<string, string | number>) => string;

const ASSET_METRIC_TYPE: Record<AssetMetricKey, ColumnType> = {
  views: 'integer', sessions: 'integer', new_contacts: 'integer', form_submissions: 'integer', sent: 'integer',
  delivered: 'integer', opens: 'integer', clicks: 'integer', winner: 'text', network: 'text', click_rate: 'percent',
  contacts: 'integer', visits: 'integer', submissions: 'integer', enrollments: 'integer', memberships: 'integer',
  attendees: 'integer', interactions: 'integer',
};

/** What the engine writes for an empty utm term, source, medium or network in its traffic keys (the JSON keeps it). */
const NOT_SET = '(not set)';
const SOURCE_MEDIUM_SEPARATOR = ' / ';
/** An Excel cell holds 32,767 characters and a Sheets cell 50,000: a longer list is cut short, with a count of the rest. */
export const MAX_LIST_CHARS = 32_000;

/** "a, b, c", or "a, b and 5000 more" when the whole list would not fit in a cell. */
export function cellList(items: readonly string[], language: Language): string {
  const whole = items.join(', ');
  if (whole.length <= MAX_LIST_CHARS) return whole;
  // Room for the words around the count, whatever its length.
  const room = MAX_LIST_CHARS - formatMessage('list.more', { list: '', count: items.length }, language).length;
  let length = items[0].length;
  let kept = 0;
  while (length <= room) length += 2 + items[++kept].length;
  return formatMessage('list.more', { list: items.slice(0, kept).join(', '), count: items.length - kept }, language);
}

/** An asset as tables and charts name it: its name, or its id when the name is empty. */
export const assetLabel = (asset: Pick<Asset, 'id' | 'name'>): string => (asset.name.trim() === '' ? asset.id : asset.name);

export interface DocumentOptions {
  lang: Language;
  /** ISO instant the report was made. */
  generatedAt: string;
  /** The workbook currency (ISO code), or null when unknown. */
  currency: string | null;
  /**
   * The locale numbers, money and dates are formatted for (BCP 47, or Sheets' nl_NL spelling), which may differ
   * from the message language (de-DE with English messages); null or absent: the language's own.
   */
  locale?: string | null;
}

export function buildReportDocument(data: ReportData, docOptions: DocumentOptions): ReportDocument {
  const { lang } = docOptions;
  const locale = formatLocale(docOptions.locale, lang);
  const t: Text = (id, params) => formatMessage(id, params, lang);
  // Ids of the data (sources, interaction and asset types, "(not set)") as the catalogue names them; the JSON keeps the ids.
  const labelOf = (prefix: string, id: string): string => {
    const messageId = `${prefix}.${id}`;
    return isMessageId(messageId) ? t(messageId) : id === NOT_SET ? t('report.not_set') : id;
  };
  const sourceLabel = (id: string) => labelOf('source', id);
  const interactionLabel = (id: string) => labelOf('interaction_type', id);
  /** One asset's type in a cell: "Email", where a section is titled "Emails". */
  const assetTypeLabel = (id: string | null) => (id === null ? null : labelOf('asset_kind', id));
  const notSet = (text: string) => (text === NOT_SET ? t('report.not_set') : text);
  const sourceMediumLabel = (key: string) => {
    // "source / medium", either part "(not set)"; a source holding " / " itself keeps its text.
    const parts = key.split(SOURCE_MEDIUM_SEPARATOR);
    return parts.length === 2 ? parts.map(notSet).join(SOURCE_MEDIUM_SEPARATOR) : notSet(key);
  };
  const sheetNameOf = (id: string): string => {
    const type = id.startsWith('assets_') ? id.slice('assets_'.length) : null;
    if (type !== null) return t('report.sheet.assets', { type: labelOf('asset_type', type) });
    // Every other table has a short sheet name of its own in the catalogue.
    return t(`report.sheet.${id}` as MessageId);
  };
  const { analysis, metrics, options, listed } = data;
  const none = analysis.none;
  const modelName = (id: string) => t(findModel(id)!.nameId);
  const campaignName = (c: number) => (c === none ? t('report.no_campaign') : analysis.campaigns[c].name);
  const campaignNameById = (id: string) => {
    const c = analysis.campaignIndex.byId.get(id);
    return c === undefined ? id : campaignName(c);
  };
  const col = (key: string, header: MessageId, type: ColumnType): ReportColumn => ({ key, header: t(header), type });
  const campaignCol = col('campaign', 'report.col.campaign', 'text');
  const single = listed.length === 1;
  const day = (epoch: number) => dayKey(epoch, options.tz);
  const modelSubtitle = t('report.subtitle.model', { model: modelName(options.model) });
  const table = (id: string, title: string, columns: ReportColumn[], rows: ReportValue[][], extra: Partial<ReportTable> = {}): ReportTable => {
    const made: ReportTable = { id, title, sheetName: sheetNameOf(id), subtitle: null, columns, rows, totals: null, chart: null, ...extra };
    // A chart of nothing but zeros (a range in which nothing happened) would draw empty axes: the table says it.
    return made.chart === null || chartHasValues(made, made.chart) ? made : { ...made, chart: null };
  };
  const chart = (kind: ChartSpec['kind'], title: string, categoryColumn: string, seriesColumns: string[]): ChartSpec => ({
    kind, title, categoryColumn, seriesColumns,
  });
  const sumColumn = (rows: ReportValue[][], index: number) => rows.reduce((s, r) => s + (typeof r[index] === 'number' ? (r[index] as number) : 0), 0);

  const tables: ReportTable[] = [];

  // The whole workbook's totals beside the campaigns' figures: with some campaigns listed, a table's "Total"
  // row (and a pie's shares) are of those campaigns only.
  const { totals } = metrics;
  const figure = (value: number, type: 'integer' | 'money') => formatNumber(value, type, { lang, currency: docOptions.currency, locale });
  const workbookContacts = t('report.subtitle.workbook_contacts', {
    contacts: formatCountOf('contacts', totals.contactsCreated, lang, locale), deals: formatCountOf('deals', totals.dealsCreated, lang, locale),
  });
  const workbookRevenue = t('report.subtitle.workbook_revenue', {
    revenue: figure(totals.closedWonRevenue, 'money'), unattributed: figure(totals.unattributedRevenue, 'money'),
  });

  // 1. Overview with goals.
  {
    const rows = listed.map((c) => {
      const m = metrics.campaigns[c];
      const goals = c === none ? null : analysis.campaigns[c].goals;
      return [
        campaignName(c),
        m.sessions, goals?.sessions ?? null, shareOfGoal(m.sessions, goals?.sessions ?? null),
        m.newContacts, goals?.newContacts ?? null, shareOfGoal(m.newContacts, goals?.newContacts ?? null),
        m.influencedContacts, goals?.influencedContacts ?? null, shareOfGoal(m.influencedContacts, goals?.influencedContacts ?? null),
      ];
    });
    tables.push(table('overview', t('report.table.overview'), [
      campaignCol,
      col('sessions', 'report.col.sessions', 'integer'), col('goal_sessions', 'report.col.goal_sessions', 'integer'),
      col('pct_goal_sessions', 'report.col.pct_goal_sessions', 'percent'),
      col('new_contacts', 'report.col.new_contacts', 'integer'), col('goal_new_contacts', 'report.col.goal_new_contacts', 'integer'),
      col('pct_goal_new_contacts', 'report.col.pct_goal_new_contacts', 'percent'),
      col('influenced_contacts', 'report.col.influenced_contacts', 'integer'),
      col('goal_influenced_contacts', 'report.col.goal_influenced_contacts', 'integer'),
      col('pct_goal_influenced_contacts', 'report.col.pct_goal_influenced_contacts', 'percent'),
    ], rows, {
      subtitle: workbookContacts,
      chart: chart('column', t('report.table.overview'), 'campaign', ['sessions', 'new_contacts', 'influenced_contacts']),
    }));
  }

  // 2. Revenue (even split) and revenue attribution (chosen model).
  const revenueColumns = [
    campaignCol, col('revenue', 'report.col.revenue', 'money'),
    col('deals_with_revenue', 'report.col.deals_with_revenue', 'integer'),
    col('associated_deal_value', 'report.col.associated_deal_value', 'money'),
    col('contacts_with_revenue', 'report.col.contacts_with_revenue', 'integer'),
  ];
  {
    const rows = listed.map((c) => {
      const f = metrics.campaigns[c].revenue[EVEN_SPLIT_MODEL];
      return [campaignName(c), f.revenue, f.dealsWithRevenue, f.associatedDealValue, f.contactsWithRevenue, metrics.campaigns[c].influencedRevenue];
    });
    tables.push(table('revenue', t('report.table.revenue'), [...revenueColumns, col('influenced_revenue', 'report.col.influenced_revenue', 'money')], rows, {
      subtitle: workbookRevenue,
      totals: [t('render.total'), sumColumn(rows, 1), null, null, null, null],
      chart: chart('bar', t('report.table.revenue'), 'campaign', ['revenue']),
    }));
  }
  {
    const rows = listed.map((c) => {
      const f = metrics.campaigns[c].revenue[options.model];
      const goal = c === none ? null : analysis.campaigns[c].goals.revenue;
      return [campaignName(c), f.revenue, f.dealsWithRevenue, f.associatedDealValue, f.contactsWithRevenue, goal, shareOfGoal(f.revenue, goal)];
    });
    tables.push(table('revenue_attribution', t('report.table.revenue_attribution'), [
      ...revenueColumns, col('goal_revenue', 'report.col.goal_revenue', 'money'), col('pct_goal_revenue', 'report.col.pct_goal_revenue', 'percent'),
    ], rows, {
      subtitle: `${modelSubtitle}. ${workbookRevenue}`,
      totals: [t('render.total'), sumColumn(rows, 1), null, null, null, null, null],
      // One campaign's share of itself (100%) says nothing: a pie needs two slices.
      chart: rows.length > 1 ? chart('pie', t('report.table.revenue_attribution'), 'campaign', ['revenue']) : null,
    }));
  }

  // Money: spend, ROAS, ROI, cost per new contact and per won deal.
  {
    const rows = listed.filter((c) => c !== none).map((c) => {
      const m = data.money.get(c)!;
      const f = metrics.campaigns[c].revenue[options.model];
      // A budget's share of the range is an estimate beside the Spend sheet's amounts: the row says which it is.
      // A budget without end_date over a range that starts after the campaign: no share to take (money.ts).
      const source = t(m.spendSource === 'budget' && m.spend === null ? 'report.spend_source.budget_share_unknown' : `report.spend_source.${m.spendSource ?? 'none'}`);
      return [
        campaignName(c), m.spend, source, f.revenue, m.roas, m.roi, metrics.campaigns[c].newContacts, m.costPerNewContact, f.dealsWithRevenue,
        m.costPerWonDeal,
      ];
    });
    tables.push(table('money', t('report.table.money'), [
      campaignCol, col('spend', 'report.col.spend', 'money'), col('spend_source', 'report.col.spend_source', 'text'),
      col('revenue', 'report.col.revenue', 'money'),
      col('roas', 'report.col.roas', 'number'), col('roi', 'report.col.roi', 'percent'),
      col('new_contacts', 'report.col.new_contacts', 'integer'), col('cost_per_new_contact', 'report.col.cost_per_new_contact', 'money'),
      col('won_deals', 'report.col.won_deals', 'integer'), col('cost_per_won_deal', 'report.col.cost_per_won_deal', 'money'),
    ], rows, { subtitle: modelSubtitle }));
  }

  // 3. Contacts and sessions over time.
  tables.push(table('over_time', t('report.table.over_time'), [
    campaignCol, col('period', 'report.col.period', 'date'), col('new_contacts', 'report.col.new_contacts', 'integer'),
    col('influenced_contacts', 'report.col.influenced_contacts', 'integer'), col('sessions', 'report.col.sessions', 'integer'),
  ], listed.flatMap((c) => {
    // Every period from a campaign's first to its last, an empty one as zeros: a month missing from the rows
    // would read as one nobody counted (the line chart of one campaign reads them so too).
    const points = fillPeriods(metrics.campaigns[c].series, (period) => ({ period, newContacts: 0, influencedContacts: 0, sessions: 0 }));
    return points.map((p) => [campaignName(c), p.period, p.newContacts, p.influencedContacts, p.sessions]);
  }), {
    chart: single ? chart('line', t('report.table.over_time'), 'period', ['new_contacts', 'influenced_contacts', 'sessions']) : null,
  }));
  // With several campaigns their rows interleave, so the line chart is of the whole workbook, each contact and
  // session once.
  if (!single) {
    tables.push(table('over_time_workbook', t('report.table.over_time_workbook'), [
      col('period', 'report.col.period', 'date'), col('contacts_created', 'report.col.contacts_created', 'integer'),
      col('sessions', 'report.col.sessions', 'integer'),
    ], fillPeriods(metrics.totalSeries, (period) => ({ period, contactsCreated: 0, sessions: 0 })).map((p) => [p.period, p.contactsCreated, p.sessions]), {
      chart: chart('line', t('report.table.over_time_workbook'), 'period', ['contacts_created', 'sessions']),
    }));
  }

  // 4. One asset section per asset type, with that type's metrics.
  for (const type of ASSET_TYPES) {
    const reports = listed.flatMap((c) => (data.assets.get(c) ?? []).filter((r) => r.asset.type === type).map((r) => ({ c, r })));
    if (reports.length === 0) continue;
    const keys = ASSET_METRICS[type as AssetType] as readonly AssetMetricKey[];
    const yesNo = (v: unknown): ReportValue => (typeof v === 'boolean' ? t(v ? 'report.yes' : 'report.no') : (v as ReportValue));
    // Charted: the first count the range decides. An email's sent and delivered come from the Assets sheet, for
    // all dates and often not given at all (the chart would be empty).
    const firstNumeric = keys.find((k) => ASSET_METRIC_TYPE[k] === 'integer' && !(type === 'email' && (k === 'sent' || k === 'delivered')));
    tables.push(table(`assets_${type}`, t('report.table.assets', { type: t(`asset_type.${type}`) }), [
      campaignCol, col('asset', 'report.col.asset', 'text'), col('name', 'report.col.asset_name', 'text'),
      ...keys.map((k) => ({ key: k, header: t(`report.metric.${k}`), type: ASSET_METRIC_TYPE[k] })),
    ], reports.map(({ c, r }) => [campaignName(c), r.asset.id, assetLabel(r.asset), ...keys.map((k) => yesNo(r.metrics[k] ?? null))]), {
      chart: firstNumeric ? chart('bar', t('report.table.assets', { type: t(`asset_type.${type}`) }), 'name', [firstNumeric]) : null,
      // Emails' and CTAs' counts from the Assets sheet cannot be split by date, unlike the rest of the row.
      subtitle: reports.some(({ r }) => r.asset.sent !== null || r.asset.delivered !== null || (type === 'cta' && r.asset.views !== null))
        ? t('report.subtitle.asset_totals') : null,
    }));
  }
  {
    const rows = listed.flatMap((c) => (data.assets.get(c) ?? []).flatMap((r) => r.terms.map((term) => [campaignName(c), assetLabel(r.asset), notSet(term.term), term.clicks])));
    if (rows.length > 0) {
      tables.push(table('paid_search_terms', t('report.table.paid_search_terms'), [
        campaignCol, col('asset', 'report.col.asset', 'text'), col('term', 'report.col.term', 'text'), col('clicks', 'report.col.clicks', 'integer'),
      ], rows));
    }
  }
  {
    const rows = listed.flatMap((c) => (data.assets.get(c) ?? []).filter((r) => r.asset.type === 'tracking_url')
      .map((r) => [campaignName(c), assetLabel(r.asset), r.asset.url, r.metrics.visits as number, r.metrics.contacts as number]));
    if (rows.length > 0) {
      tables.push(table('tracking_urls', t('report.table.tracking_urls'), [
        campaignCol, col('asset', 'report.col.asset', 'text'), col('url', 'report.col.url', 'text'),
        col('visits', 'report.metric.visits', 'integer'), col('contacts', 'report.metric.contacts', 'integer'),
      ], rows));
    }
  }

  // 5. Traffic by source, then the three drill-downs.
  const trafficKeyLabel: Record<TrafficBreakdown, (key: string) => string> = {
    by_source: sourceLabel, paid_search_by_term: notSet, organic_social_by_network: notSet, other_campaigns: sourceMediumLabel,
  };
  const trafficTable = (breakdown: TrafficBreakdown, id: string, title: MessageId, keyHeader: MessageId) => {
    const keyLabel = trafficKeyLabel[breakdown];
    // Busiest first, as a marketer reads traffic (the JSON keeps the engine's order by key).
    const rows = listed.flatMap((c) => [...metrics.campaigns[c].traffic[breakdown]]
      .sort((a, b) => b.views - a.views || b.newVisitorSessions - a.newVisitorSessions || b.contactsFirstTouch - a.contactsFirstTouch)
      .map((r) => [campaignName(c), keyLabel(r.key), r.views, r.newVisitorSessions, r.contactsFirstTouch]));
    return table(id, t(title), [
      campaignCol, col('key', keyHeader, 'text'), col('views', 'report.col.views', 'integer'),
      col('new_visitor_sessions', 'report.col.new_visitor_sessions', 'integer'), col('contacts_first_touch', 'report.col.contacts_first_touch', 'integer'),
    ], rows, { chart: single && rows.length > 0 ? chart('column', t(title), 'key', ['views', 'new_visitor_sessions', 'contacts_first_touch']) : null });
  };
  tables.push(trafficTable('by_source', 'traffic_by_source', 'report.table.traffic_by_source', 'report.col.source'));
  tables.push(trafficTable('paid_search_by_term', 'traffic_paid_search_by_term', 'report.table.traffic_paid_search_by_term', 'report.col.term'));
  tables.push(trafficTable('organic_social_by_network', 'traffic_organic_social_by_network', 'report.table.traffic_organic_social_by_network', 'report.col.network'));
  tables.push(trafficTable('other_campaigns', 'traffic_other_campaigns', 'report.table.traffic_other_campaigns', 'report.col.source_medium'));

  // 6. Attribution: by model, all models side by side, by asset, by interaction type.
  const creditColumns = [
    col('contact_create', 'report.col.contact_create', 'number'), col('deal_create', 'report.col.deal_create', 'number'),
    col('revenue', 'report.col.revenue', 'money'),
  ];
  tables.push(table('attribution_by_model', t('report.table.attribution_by_model'), [campaignCol, col('model', 'report.col.model', 'text'), ...creditColumns],
    listed.flatMap((c) => MODELS.map((m) => {
      const a = metrics.campaigns[c].attribution[m.id];
      return [campaignName(c), t(m.nameId), a.contactCreate, a.dealCreate, a.revenue];
    }))));
  tables.push(table('model_comparison', t('report.table.model_comparison'), [
    campaignCol, ...MODELS.map((m) => ({ key: m.id, header: t(m.nameId), type: 'money' as ColumnType })),
  ], listed.map((c) => [campaignName(c), ...MODELS.map((m) => metrics.campaigns[c].attribution[m.id].revenue)]), {
    chart: chart('column', t('report.table.model_comparison'), 'campaign', MODELS.map((m) => m.id)),
  }));
  // Markov and Shapley per channel of the kind the user chose (for the whole range, not per campaign).
  {
    const channelsName = t(`report.channels.${options.channels}`);
    const campaignById = new Map(analysis.campaigns.map((c) => [c.id, c]));
    const label = (channel: string): string => {
      if (channel === NO_CHANNEL.campaign) return t('report.no_campaign');
      if (channel === NO_CHANNEL.source) return t('report.channel.no_source');
      if (channel === NO_CHANNEL.asset_type) return t('report.channel.no_asset');
      if (options.channels === 'campaign') return campaignById.get(channel)?.name ?? channel;
      if (options.channels === 'asset_type') return labelOf('asset_type', channel);
      return sourceLabel(channel);
    };
    tables.push(table('data_driven_channels', t('report.table.data_driven_channels', { channels: channelsName }), [
      col('channel', 'report.col.channel', 'text'), col('markov_conversions', 'report.col.markov_conversions', 'number'),
      col('markov_revenue', 'report.col.markov_revenue', 'money'), col('removal_effect', 'report.col.removal_effect', 'percent'),
      col('shapley_conversions', 'report.col.shapley_conversions', 'number'), col('shapley_revenue', 'report.col.shapley_revenue', 'money'),
    ], data.channels.map((r) => [
      label(r.channel), r.markovConversions, r.markovValue, r.removalEffect, r.shapleyConversions, r.shapleyValue,
    ]), {
      subtitle: t('report.subtitle.markov_order', { order: options.markovOrder }),
      chart: chart('bar', t('report.table.data_driven_channels', { channels: channelsName }), 'channel', ['markov_revenue', 'shapley_revenue']),
    }));
  }
  const creditRows = (byKey: Map<string, CreditByKind>, label: (key: string) => ReportValue[]) =>
    creditEntries(byKey).map(([key, f]) => [...label(key), f.contactCreate, f.dealCreate, f.revenue]);
  const assetById = new Map(analysis.workbook.assets.map((a) => [a.id, a]));
  // A data-driven model credits channels, so its by-asset and by-interaction tables are empty: the subtitle says why.
  const perInteractionSubtitle = findModel(options.model)!.kind === 'heuristic' ? modelSubtitle : t('report.subtitle.channels_only', { model: modelName(options.model) });
  const nameOfAsset = (id: string) => {
    const asset = assetById.get(id);
    return asset === undefined ? id : assetLabel(asset);
  };
  tables.push(table('attribution_by_asset', t('report.table.attribution_by_asset'), [
    campaignCol, col('asset', 'report.col.asset', 'text'), col('asset_type', 'report.col.asset_type', 'text'), ...creditColumns,
  ], listed.flatMap((c) => creditRows(data.byAsset[c], (key) => [
    campaignName(c), key === '(none)' ? t('report.none') : nameOfAsset(key), assetTypeLabel(assetById.get(key)?.type ?? null),
  ])), { subtitle: perInteractionSubtitle }));
  tables.push(table('attribution_by_interaction_type', t('report.table.attribution_by_interaction_type'), [
    campaignCol, col('interaction_type', 'report.col.interaction_type', 'text'), ...creditColumns,
  ], listed.flatMap((c) => creditRows(data.byInteractionType[c], (key) => [campaignName(c), key === '(none)' ? t('report.none') : interactionLabel(key)])),
  { subtitle: perInteractionSubtitle }));

  // The drill-downs: behind every revenue amount of the chosen model, of the even split (when the model is
  // another), and behind every influenced revenue amount.
  {
    const { visits } = analysis.workbook;
    const contactNames = (contacts: readonly number[]) => cellList(contacts.map((k) => analysis.contacts.ids[k]), lang);
    const assetOf = (visit: number) => {
      const assetId = visit >= 0 ? analysis.resolution.assetIdOf[visit] : null;
      return assetId === null ? null : nameOfAsset(assetId);
    };
    const visitRowCol = col('visit_row', 'report.col.visit_row', 'row');
    const dealColumns = [
      campaignCol, col('deal', 'report.col.deal', 'text'), col('closed_at', 'report.col.closed_at', 'date'),
      col('amount', 'report.col.amount', 'money'),
    ];
    /** Drill-down rows by listed campaign, in listed order (each campaign's rows as they come). */
    const inListedOrder = <R extends { campaign: number }>(rows: readonly R[]): Array<[number, R]> => {
      const byCampaign = groupBy(rows, (row) => row.campaign);
      return listed.flatMap((c) => (byCampaign.get(c) ?? []).map((row): [number, R] => [c, row]));
    };
    const creditTable = (id: string, model: string) => {
      const drillDown = reportDrillDown(data, model);
      const found = findModel(model)!;
      if (found.kind !== 'heuristic') {
        // Data-driven models list the deals whose path includes the campaign: there is no interaction to describe,
        // and Markov's credit exists only over all paths together, so its deals have no share of their own.
        const rows = inListedOrder(drillDown).map(([c, r]) => [
          campaignName(c), r.dealName || r.dealId, day(r.closedAt), r.amount, contactNames(r.contacts), ...(found.perDeal ? [r.credit] : []),
        ]);
        return table(id, t('report.table.drill_down_deals'), [
          ...dealColumns, col('contacts', 'report.col.contacts', 'text'), ...(found.perDeal ? [col('credit', 'report.col.credit', 'money')] : []),
        ], rows, { subtitle: t(found.perDeal ? 'report.subtitle.model' : 'report.subtitle.drill_down_markov', { model: modelName(model) }) });
      }
      const rows = inListedOrder(drillDown).map(([c, r]) => {
        const v = r.visit >= 0 ? visits[r.visit] : null;
        return [
          campaignName(c), r.dealName || r.dealId, day(r.closedAt), r.amount, v === null ? null : day(v.timestamp), v?.row ?? null,
          v !== null ? interactionLabel(v.type) : t('report.none'), contactNames(r.contacts), assetOf(r.visit), r.credit,
        ];
      });
      return table(id, t(`report.table.${id}` as MessageId), [
        // The Visits row tells apart interactions of one day and leads to the row itself.
        ...dealColumns, col('interaction_at', 'report.col.interaction_at', 'date'), visitRowCol,
        col('interaction_type', 'report.col.interaction_type', 'text'), col('contacts', 'report.col.contacts', 'text'),
        col('asset', 'report.col.asset', 'text'), col('credit', 'report.col.credit', 'money'),
      ], rows, { subtitle: t('report.subtitle.model', { model: modelName(model) }) });
    };
    tables.push(creditTable('drill_down', options.model));
    if (options.model !== EVEN_SPLIT_MODEL) tables.push(creditTable('drill_down_even_split', EVEN_SPLIT_MODEL));
    const influences = reportInfluenceDrillDown(data);
    tables.push(table('influenced_revenue_drill_down', t('report.table.influenced_revenue_drill_down'), [
      ...dealColumns, col('contacts', 'report.col.contacts', 'text'), col('first_interaction_at', 'report.col.first_interaction_at', 'date'),
      visitRowCol, col('interaction_type', 'report.col.interaction_type', 'text'), col('asset', 'report.col.asset', 'text'),
    ], inListedOrder(influences).map(([c, r]) => [
      campaignName(c), r.dealName || r.dealId, day(r.closedAt), r.amount, contactNames(r.contacts),
      day(visits[r.visit].timestamp), visits[r.visit].row, interactionLabel(visits[r.visit].type), assetOf(r.visit),
    ])));
  }

  // Data health: every asset link and utm value that counts for nothing, with the reason.
  tables.push(table('data_health', t('report.table.data_health'), [
    col('kind', 'report.col.kind', 'text'), col('asset', 'report.col.asset', 'text'), col('asset_type', 'report.col.asset_type', 'text'),
    campaignCol, col('interactions', 'report.col.interactions', 'integer'), col('reason', 'report.col.reason', 'text'),
  ], data.health.map((f) => [
    t(f.kind === 'asset' ? 'report.kind.asset' : 'report.kind.utm'), f.id, assetTypeLabel(f.assetType),
    f.campaignId === null ? null : campaignNameById(f.campaignId), f.interactions, t(f.reasonId, f.params),
  ])));

  // The problems in the data that did not stop the report (a fatal one does): rows left out, cells read as
  // empty, a deal in another currency. Without them a reader of the report cannot tell what its sums leave out.
  if (data.problems.length > 0) {
    const { listed, errors, warnings } = listProblems(data.problems, lang);
    const headers = t('addon.validate.header').split('|');
    const keys = ['severity', 'sheet', 'row', 'column', 'message'];
    const types: ColumnType[] = ['text', 'text', 'row', 'text', 'text'];
    tables.push(table('data_problems', t('report.table.data_problems'), keys.map((key, i) => ({ key, header: headers[i], type: types[i] })),
      listed.map((p) => [p.severityLabel, p.sheet, p.row, p.column, p.message]),
      { subtitle: t('report.subtitle.data_problems', { errors, warnings, listed: listed.length }) }));
  }

  const p = options;
  return {
    title: t('report.title'),
    provenance: {
      model: p.model, touch: p.touch, from: p.from, to: p.to, tz: p.tz, lookbackDays: p.lookbackDays,
      channels: p.channels, markovOrder: p.markovOrder, generatedAt: docOptions.generatedAt, currency: docOptions.currency,
    },
    provenanceLines: [
      t('report.provenance.model', { model: modelName(p.model) }),
      t('report.provenance.touch', { touch: t(p.touch === 'first' ? 'report.touch.first' : 'report.touch.last') }),
      p.from === null ? t('report.provenance.range_open', { to: p.to, tz: p.tz }) : t('report.provenance.range', { from: p.from, to: p.to, tz: p.tz }),
      ...(docOptions.currency === null ? [] : [t('report.provenance.currency', { currency: docOptions.currency })]),
      p.lookbackDays === null ? t('report.provenance.no_lookback') : t('report.provenance.lookback', { days: formatCountOf('days', p.lookbackDays, lang, locale) }),
      t('report.provenance.data_driven', { channels: t(`report.channels.${p.channels}`), order: p.markovOrder }),
      t('report.provenance.generated', { at: formatInstant(docOptions.generatedAt, locale, p.tz, docOptions.lang) }),
    ],
    notice: rangeNotice(data, lang),
    tables,
    locale,
  };
}

/**
 * Why the figures are 0, when nothing happened in the range: no interaction, no deal created or closed (in any
 * currency), no spend. Says when the data does run (a range typed in the wrong year, say); null when something
 * happened.
 */
export function rangeNotice({ analysis, range, options }: ReportData, lang: Language): string | null {
  const t: Text = (id, params) => formatMessage(id, params, lang);
  const inRange = (time: number | null) => time !== null && time <= range.to && (range.from === null || time >= range.from);
  const { visits, spend } = analysis.workbook;
  const deals = [...analysis.workbook.deals, ...analysis.workbook.otherCurrencyDeals];
  const happened = visits.some((v) => inRange(v.timestamp)) || deals.some((d) => inRange(d.createdAt) || inRange(d.closedAt))
    || spend.some((s) => inRange(s.date));
  if (happened) return null;
  let first = Infinity;
  let last = -Infinity;
  const span = (time: number) => {
    first = Math.min(first, time);
    last = Math.max(last, time);
  };
  for (const visit of visits) span(visit.timestamp);
  for (const deal of deals) span(deal.closedAt ?? deal.createdAt);
  for (const deal of deals) span(deal.createdAt);
  for (const row of spend) span(row.date);
  return first > last ? t('report.range_empty_no_data') : t('report.range_empty', { first: dayKey(first, options.tz), last: dayKey(last, options.tz) });
}
