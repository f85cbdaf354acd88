import { findModel } from '../core/engine';
import { formatMessage, type Language, type MessageId } from '../core/messages';
import { countRowsLeftOut } from '../core/ingest/row-counts';
import { figureChange, signedPercent } from '../core/render/figure-change';
import { EMPTY_CELL, formatLocale, formatNumber, type FormatContext } from '../core/render/formats';
import { currencyDecimals } from '../core/render/number-formats';
import { escapeMarkup as esc } from '../core/render/markup';
import { campaignIdOf, type ReportData } from '../core/report/report-data';
import { daysBefore } from '../core/time';

// The e-mailed digest of a scheduled report: the key figures of the last period (the last full day, or the
// last seven full days) next to those of the period of the same length before it, per campaign the report
// lists and for the whole workbook, with a link to the report. Figures come from ReportData, as the command
// line's JSON report does (json-report.ts), so both give the same numbers for the same rows and options.

export type ScheduleFrequency = 'daily' | 'weekly';

/** Whole days, YYYY-MM-DD, both ends included. */
export interface Period {
  from: string;
  to: string;
}

const PERIOD_DAYS: Record<ScheduleFrequency, number> = { daily: 1, weekly: 7 };

/**
 * The most campaigns a digest lists. Gmail refuses a message body over 200 KB (a consumer account's limit on
 * Apps Script's quotas page) and each campaign adds about 2 KB of table; the report lists them all.
 */
export const DIGEST_MAX_CAMPAIGNS = 25;

/** The full days before `today` the digest covers, and the period of the same length just before them. */
export function digestPeriods(frequency: ScheduleFrequency, today: string): { current: Period; previous: Period } {
  const days = PERIOD_DAYS[frequency];
  const current = daysBefore(today, days);
  return { current, previous: daysBefore(current.from, days) };
}

type FigureType = 'integer' | 'money';

export interface DigestFigure {
  /** The figure's label: a catalogue id. */
  labelId: MessageId;
  type: FigureType;
  value: number;
  previous: number;
}

export interface DigestCampaign {
  id: string;
  name: string;
  figures: DigestFigure[];
}

export interface Digest {
  /** The attribution model of the revenue figures. */
  model: string;
  current: Period;
  previous: Period;
  /** The report's campaigns in its order; when there are more than DIGEST_MAX_CAMPAIGNS, the busiest of them. */
  campaigns: DigestCampaign[];
  /** The campaigns of the report the digest has no room for (the quietest). */
  campaignsLeftOut: number;
  /** Workbook-wide: closed-won revenue, contacts and deals created. */
  totals: DigestFigure[];
  /** Problems in the data sheets: rows left out (with errors), and warnings. Nobody was there to ask. */
  problems: { rowsLeftOut: number; warnings: number };
}

/** What makes a campaign busy in a period, most telling first: what it earned, then its traffic and contacts. */
const BUSIEST_BY: readonly MessageId[] = ['report.col.revenue', 'report.col.sessions', 'report.col.new_contacts', 'report.col.influenced_contacts'];

/**
 * All the campaigns, in the report's order, when they fit; else the DIGEST_MAX_CAMPAIGNS busiest of this
 * period (by BUSIEST_BY), still in the report's order.
 */
function busiestCampaigns(campaigns: DigestCampaign[]): Pick<Digest, 'campaigns' | 'campaignsLeftOut'> {
  if (campaigns.length <= DIGEST_MAX_CAMPAIGNS) return { campaigns, campaignsLeftOut: 0 };
  const valueOf = (campaign: DigestCampaign, labelId: MessageId) => campaign.figures.find((f) => f.labelId === labelId)?.value ?? 0;
  const busier = (a: DigestCampaign, b: DigestCampaign) => {
    for (const labelId of BUSIEST_BY) {
      const difference = valueOf(b, labelId) - valueOf(a, labelId);
      if (difference !== 0) return difference;
    }
    return 0;
  };
  // A stable sort: among equally busy campaigns the report's order decides.
  const busiest = new Set([...campaigns].sort(busier).slice(0, DIGEST_MAX_CAMPAIGNS));
  return { campaigns: campaigns.filter((c) => busiest.has(c)), campaignsLeftOut: campaigns.length - busiest.size };
}

/** `current` and `previous`: the report data of the two periods, for the same analysis and options otherwise. */
export function buildDigest(current: ReportData, previous: ReportData, noCampaignName: string): Digest {
  const { analysis, options } = current;
  const model = options.model;
  const figure = (labelId: MessageId, type: FigureType, of: (data: ReportData) => number): DigestFigure => ({
    labelId, type, value: of(current), previous: of(previous),
  });
  return {
    model,
    current: { from: options.from!, to: options.to },
    previous: { from: previous.options.from!, to: previous.options.to },
    ...busiestCampaigns(current.listed.map((c) => ({
      id: campaignIdOf(analysis, c),
      name: c === analysis.none ? noCampaignName : analysis.campaigns[c].name,
      figures: [
        figure('report.col.sessions', 'integer', (d) => d.metrics.campaigns[c].sessions),
        figure('report.col.new_contacts', 'integer', (d) => d.metrics.campaigns[c].newContacts),
        figure('report.col.influenced_contacts', 'integer', (d) => d.metrics.campaigns[c].influencedContacts),
        figure('report.col.revenue', 'money', (d) => d.metrics.campaigns[c].revenue[model].revenue),
      ],
    }))),
    totals: [
      figure('formula.metric.closed_won_revenue', 'money', (d) => d.metrics.totals.closedWonRevenue),
      figure('formula.metric.contacts_created', 'integer', (d) => d.metrics.totals.contactsCreated),
      figure('formula.metric.deals_created', 'integer', (d) => d.metrics.totals.dealsCreated),
    ],
    problems: {
      rowsLeftOut: countRowsLeftOut(current.problems),
      warnings: current.problems.filter((p) => p.severity === 'warning').length,
    },
  };
}

export interface DigestMail {
  subject: string;
  htmlBody: string;
  body: string;
}

export interface DigestContext {
  lang: Language;
  currency: string | null;
  /** The spreadsheet locale (Sheets' form, e.g. "de_DE"): figures are written as the report sheets write them. */
  locale: string;
  spreadsheet: string;
  /** The report's overview in the spreadsheet. */
  url: string;
}

/** The change as a signed percentage, "new" when there was nothing before, a dash when there is nothing either time. */
export function changeText(figure: Pick<DigestFigure, 'type' | 'value' | 'previous'>, ctx: FormatContext): string {
  // Money as shown (cents, whole yen), counts exactly: an amount that sums to 99.99999999999999 is the same as 100, not a fall.
  const change = figureChange(figure.value, figure.previous, figure.type === 'money' ? currencyDecimals(ctx.currency) : null);
  if (change.kind === 'new') return formatMessage('addon.digest.new', {}, ctx.lang);
  if (change.kind === 'same') return change.nothing ? EMPTY_CELL : formatNumber(0, 'percent', ctx);
  return signedPercent(change.ratio, ctx);
}

export function renderDigest(digest: Digest, context: DigestContext): DigestMail {
  const ctx: FormatContext = { lang: context.lang, currency: context.currency, locale: formatLocale(context.locale, context.lang) };
  const t = (id: MessageId, params?: Record<string, string | number>) => formatMessage(id, params, context.lang);
  const value = (f: DigestFigure, of: number) => formatNumber(of, f.type, ctx);
  const periodLine = t('addon.digest.periods', {
    from: digest.current.from, to: digest.current.to, previous_from: digest.previous.from, previous_to: digest.previous.to,
  });
  const modelLine = t('addon.digest.model', { model: t(findModel(digest.model)!.nameId) });
  const { rowsLeftOut, warnings } = digest.problems;
  const problemLines = rowsLeftOut + warnings > 0 ? [t('addon.digest.problems', { rows: rowsLeftOut, warnings })] : [];
  const leftOutLines = digest.campaignsLeftOut > 0 ? [t('addon.digest.campaigns_left_out', { count: digest.campaignsLeftOut, shown: digest.campaigns.length })] : [];
  const title = t('addon.digest.title', { spreadsheet: context.spreadsheet });
  const headers = [t('report.col.campaign'), t('addon.digest.measure'), t('addon.digest.this_period'), t('addon.digest.previous_period'), t('addon.digest.change')];
  const rows = [
    ...digest.campaigns.flatMap((c) => c.figures.map((f) => [c.name, t(f.labelId), value(f, f.value), value(f, f.previous), changeText(f, ctx)])),
    ...digest.totals.map((f) => [t('addon.digest.all_campaigns'), t(f.labelId), value(f, f.value), value(f, f.previous), changeText(f, ctx)]),
  ];
  const cell = (text: string, i: number, tag: 'td' | 'th') =>
    `<${tag} style="padding:4px 8px;border-bottom:1px solid #ddd;text-align:${i >= 2 ? 'right' : 'left'}">${esc(text)}</${tag}>`;
  const htmlBody = [
    `<h2>${esc(title)}</h2>`,
    `<p>${esc(periodLine)}<br>${esc(modelLine)}</p>`,
    '<table style="border-collapse:collapse;font-family:Arial,sans-serif;font-size:13px">',
    `<tr>${headers.map((h, i) => cell(h, i, 'th')).join('')}</tr>`,
    ...rows.map((row) => `<tr>${row.map((text, i) => cell(text, i, 'td')).join('')}</tr>`),
    '</table>',
    ...leftOutLines.map((line) => `<p>${esc(line)}</p>`),
    ...problemLines.map((line) => `<p>${esc(line)}</p>`),
    `<p><a href="${esc(context.url)}">${esc(t('addon.digest.open_report'))}</a></p>`,
  ].join('\n');
  const body = [title, periodLine, modelLine, '', ...rows.map((row) => `${row[0]} · ${row[1]}: ${row[2]} (${row[3]}, ${row[4]})`), ...leftOutLines, '', ...problemLines, context.url].join('\n');
  return { subject: t('addon.digest.subject', { spreadsheet: context.spreadsheet, from: digest.current.from, to: digest.current.to }), htmlBody, body };
}
