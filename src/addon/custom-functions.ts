import { FORMULA_METRICS, queryMetric, trackingUtmOf, type CampaignNames, type FormulaFacts, type MetricName } from '../core/formulas';
import { formatMessage, languageOf, type MessageId } from '../core/messages';
import { NO_CAMPAIGN_ID } from '../core/report/report-data';
import { AddonError } from './addon-error';
import { campaignIndex, dayRange, eachCell, isBlank, metricFor, modelFor, touchFor, type DayRange } from './custom-functions-args';
import { trackingUrl } from './custom-functions-url';
import { campaignsOnSheet } from './sidebar-tracking-url';
import { formulaData } from './formula-facts-source';
import type { GasServices } from './gas-adapters';
import { DEFAULT_REPORT_SETTINGS } from './settings';

// The bodies of the custom functions main.ts declares. Each reads the cached facts (formula-facts-source.ts)
// and sums the days in range; nothing here writes, and nothing needs authorisation. Argument errors reach
// the cell as an Error whose message is in the spreadsheet's language.

type Value = number | string;

const REVENUE = FORMULA_METRICS.find((m) => m.name === 'revenue')!;

/** Runs a function body; an AddonError becomes the Error Sheets shows on the cell, in the spreadsheet's language. */
function answer<T>(services: GasServices, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (!(error instanceof AddonError)) throw error;
    const language = languageOf(services.spreadsheetApp.getActiveSpreadsheet().getSpreadsheetLocale());
    throw new Error(error.render(language));
  }
}

/** A figure of one campaign; a goal that is not set, or a model that is not for the figure, is an empty cell. */
function figure(facts: FormulaFacts, campaign: number, metric: MetricName, range: DayRange, model: string | null, touch = DEFAULT_REPORT_SETTINGS.touch): Value {
  if (model === null) return '';
  return queryMetric(facts, { campaign, metric, ...range, model, touch }) ?? '';
}

/** The day range of the start and end arguments; "now" is when the formula is calculated. */
const rangeOf = (facts: FormulaFacts, locale: string, start: unknown, end: unknown) => dayRange(facts, locale, start, end, Date.now());

export function campaignRevenue(services: GasServices, campaign: unknown, model: unknown, start: unknown, end: unknown, version: unknown) {
  return answer(services, () => {
    const { facts, locale } = formulaData(services, version);
    const modelId = modelFor(facts, model, REVENUE);
    const range = rangeOf(facts, locale, start, end);
    return eachCell(campaign, (cell) => figure(facts, campaignIndex(facts, cell), 'revenue', range, modelId));
  });
}

export function campaignInfluencedRevenue(services: GasServices, campaign: unknown, start: unknown, end: unknown, version: unknown) {
  return answer(services, () => {
    const { facts, locale } = formulaData(services, version);
    const range = rangeOf(facts, locale, start, end);
    return eachCell(campaign, (cell) => figure(facts, campaignIndex(facts, cell), 'influenced_revenue', range, DEFAULT_REPORT_SETTINGS.model));
  });
}

export function campaignMetric(
  services: GasServices, campaign: unknown, metric: unknown, start: unknown, end: unknown, touch: unknown, model: unknown, version: unknown,
) {
  return answer(services, () => {
    const { facts, locale } = formulaData(services, version);
    const definition = metricFor(metric, facts.tz);
    const modelId = modelFor(facts, model, definition);
    const touchId = touchFor(touch, facts.tz);
    const range = rangeOf(facts, locale, start, end);
    const value = (c: number) => figure(facts, c, definition.name, range, modelId, touchId);
    // A figure of the whole workbook: the campaign may be left empty; one that is given must still be a campaign.
    if (definition.workbookTotal && isBlank(campaign)) return value(0);
    return eachCell(campaign, (cell) => {
      const index = campaignIndex(facts, cell);
      return value(definition.workbookTotal ? 0 : index);
    });
  });
}

const TABLE_COLUMNS: ReadonlyArray<[MetricName, MessageId]> = [
  ['revenue', 'report.col.revenue'],
  ['deals_with_revenue', 'report.col.deals_with_revenue'],
  ['associated_deal_value', 'report.col.associated_deal_value'],
  ['contacts_with_revenue', 'report.col.contacts_with_revenue'],
  ['contact_create', 'report.col.contact_create'],
  ['deal_create', 'report.col.deal_create'],
];

/** Every campaign in sheet order, then "(no campaign)": its id, name and attribution figures under one model. */
export function attributionTable(services: GasServices, model: unknown, start: unknown, end: unknown, version: unknown): Value[][] {
  return answer(services, () => {
    const { facts, locale } = formulaData(services, version);
    const language = languageOf(locale);
    const modelId = modelFor(facts, model, REVENUE);
    const range = rangeOf(facts, locale, start, end);
    const header = [
      formatMessage('addon.fn.campaign_id', {}, language), formatMessage('report.col.campaign', {}, language),
      ...TABLE_COLUMNS.map(([, label]) => formatMessage(label, {}, language)),
    ];
    const campaigns = [
      ...facts.campaigns.map((c) => [c.id, c.name]),
      [NO_CAMPAIGN_ID, formatMessage('report.no_campaign', {}, language)],
    ];
    // A model that does not apply to contact or deal creation (W-shaped, Full path) leaves those cells empty.
    return [header, ...campaigns.map(([id, name], c) => [id, name, ...TABLE_COLUMNS.map(([metric]) => figure(facts, c, metric, range, modelId))])];
  });
}

export function campaignTrackingUrl(
  services: GasServices, url: unknown, campaign: unknown, source: unknown, medium: unknown, term: unknown, content: unknown,
) {
  const tz = services.spreadsheetApp.getActiveSpreadsheet().getSpreadsheetTimeZone();
  return answer(services, () => trackingUrl(url, campaign, source, medium, term, content, tz, (typed) => campaignUtmOf(services, typed)));
}

/**
 * The campaign named by id, name or utm value gives its current utm_campaign value, as the formulas' facts
 * know the campaigns. Where they cannot be had (a workbook too big to analyse inside a formula before its
 * first report run, data with errors) the Campaigns sheet alone is read: a tracking URL needs no figures, and
 * one tagged with a campaign's name would count its visits for no campaign.
 */
function campaignUtmOf(services: GasServices, typed: string): string {
  let facts: CampaignNames;
  try {
    facts = formulaData(services, undefined).facts;
  } catch {
    facts = { campaigns: campaignsOnSheet(services).map((c) => ({ id: c.id, name: c.name, utm: c.utmCampaign, formerUtm: c.formerUtmCampaigns })) };
  }
  const found = trackingUtmOf(facts, typed);
  if ('campaign' in found) throw new AddonError('sidebar.tracking.no_utm', { name: found.campaign });
  if ('ambiguous' in found) throw new AddonError('addon.fn.campaign_ambiguous', { value: typed, ids: found.ambiguous.join(', ') });
  return found.utm;
}
