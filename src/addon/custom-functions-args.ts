import { MODEL_IDS, findModel, type ConversionKind, type Touch } from '../core/engine';
import { dayNumberAt, findCampaign, FORMULA_METRICS, isoOfDayNumber, type FormulaFacts, type MetricName } from '../core/formulas';
import { cellContext, parseDateCell } from '../core/ingest';
import { displayCell } from '../core/ingest/cells';
import { formatMessage, type Language, type MessageId } from '../core/messages';
import type { Cell } from '../core/types';
import { dayKey, timeOfDayMs, wallClockMinute, wallClockToEpoch } from '../core/time';
import { AddonError } from './addon-error';
import { DEFAULT_REPORT_SETTINGS } from './settings';

// The custom functions' arguments, read as a user types them: a campaign by id, name or utm value, a model
// by id or name in English or Dutch, dates as date cells or text. A bad argument raises an error that says
// what is wrong and lists what is allowed, in the spreadsheet's language.

/** An argument error whose parameters (lists of names) are rendered in the language it is shown in. */
export class ArgumentError extends AddonError {
  constructor(messageId: MessageId, private readonly paramsIn: (language: Language) => Record<string, string | number>) {
    super(messageId);
  }

  override render(language: Language): string {
    return formatMessage(this.messageId, this.paramsIn(language), language);
  }
}

/** Sheets passes an empty argument, or a left-out optional one, as undefined or ''. */
export const isBlank = (value: unknown) => value === undefined || value === null || value === '';

/** One value: a range of one cell arrives as the value, a larger range as rows of cells. */
export function single(value: unknown, name: string): unknown {
  if (Array.isArray(value)) throw new AddonError('addon.fn.single_value', { name });
  return value;
}

/** Answers each cell of a range (blank cells stay blank), or the one value. */
export function eachCell<T>(value: unknown, answer: (cell: unknown) => T): T | Array<Array<T | ''>> {
  if (!Array.isArray(value)) return answer(value);
  return value.map((row: unknown[]) => row.map((cell) => (isBlank(cell) ? '' : answer(cell))));
}

/** Names compared as users type them: case, spaces, hyphens and underscores do not matter. */
const loose = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
const LANGUAGES: readonly Language[] = ['en', 'nl'];
const LISTED_CAMPAIGNS = 10;

/** "a, b, c" or "a, b, … and 12 more": a workbook may hold hundreds of campaigns. Models and touches are listed in full. */
function campaignList(items: readonly string[], language: Language): string {
  if (items.length <= LISTED_CAMPAIGNS) return items.join(', ');
  return formatMessage('list.more', { list: items.slice(0, LISTED_CAMPAIGNS).join(', '), count: items.length - LISTED_CAMPAIGNS }, language);
}

/**
 * An argument as the cell shows it: a date cell as its day in the spreadsheet's time zone `tz` (with the time
 * when it has one), not the UTC instant Sheets hands over (a day early east of Greenwich); a number to the 15
 * digits Sheets shows (0.1 + 0.2 is 0.3).
 */
export function text(value: unknown, tz: string): string {
  // A Date of whichever realm made it (a test's vm, too): not instanceof.
  const epoch = Object.prototype.toString.call(value) === '[object Date]' ? (value as Date).getTime() : NaN;
  if (!Number.isNaN(epoch)) return timeOfDayMs(epoch, tz) === 0 ? dayKey(epoch, tz) : wallClockMinute(epoch, tz);
  return typeof value === 'number' ? String(Number(value.toPrecision(15))) : displayCell(value as Cell);
}

export function campaignIndex(facts: FormulaFacts, value: unknown): number {
  const names = (language: Language) => campaignList([...facts.campaigns.map((c) => c.name), formatMessage('report.no_campaign', {}, language)], language);
  const typed = text(value, facts.tz);
  if (isBlank(value) || typed === '') throw new ArgumentError('addon.fn.campaign_missing', (language) => ({ allowed: names(language) }));
  const found = findCampaign(facts, typed);
  if (found === null) throw new ArgumentError('addon.fn.campaign_unknown', (language) => ({ value: typed, allowed: names(language) }));
  if (typeof found === 'object') throw new AddonError('addon.fn.campaign_ambiguous', { value: typed, ids: found.ambiguous.join(', ') });
  return found;
}

const METRIC_KIND: Partial<Record<MetricName, ConversionKind>> = {
  revenue: 'revenue', deals_with_revenue: 'revenue', associated_deal_value: 'revenue', contacts_with_revenue: 'revenue',
  contact_create: 'contact_create', deal_create: 'deal_create',
};

const modelName = (id: string, language: Language) => {
  const model = findModel(id);
  return model ? formatMessage(model.nameId, {}, language) : id;
};

/** The registry's model whose id or name (English or Dutch) the text is. */
function modelId(typed: string): string | undefined {
  const key = loose(typed);
  return MODEL_IDS.find((id) => loose(id) === key || LANGUAGES.some((language) => loose(modelName(id, language)) === key));
}

/**
 * The model for a metric: the default (Linear, the even split) when left out. A metric that does not depend
 * on the model takes any model the facts know, and answers the same for each. Null: the model is not for
 * this metric (W-shaped and contact creation, say), whose figure is then empty, as in the report (§3).
 */
export function modelFor(facts: FormulaFacts, value: unknown, metric: { name: MetricName; byModel: boolean }): string | null {
  const kind = METRIC_KIND[metric.name] ?? 'revenue';
  // Every model the facts know, of any conversion kind, in registry order.
  const known = MODEL_IDS.filter((id) => Object.values(facts.models).some((ids) => ids.includes(id)));
  if (isBlank(single(value, 'model'))) return DEFAULT_REPORT_SETTINGS.model;
  const typed = text(value, facts.tz);
  const id = modelId(typed);
  if (id === undefined || !known.includes(id)) {
    throw new ArgumentError('addon.fn.model_unknown', (language) => ({ value: typed, allowed: known.map((m) => modelName(m, language)).join(', ') }));
  }
  if (!metric.byModel) return DEFAULT_REPORT_SETTINGS.model;
  return facts.models[kind].includes(id) ? id : null;
}

const metricLabel = (metric: MetricName, language: Language) => formatMessage(`formula.metric.${metric}`, {}, language);

export function metricFor(value: unknown, tz: string): (typeof FORMULA_METRICS)[number] {
  const typed = isBlank(single(value, 'metric')) ? '' : text(value, tz);
  const key = loose(typed);
  const found = FORMULA_METRICS.find((m) => loose(m.name) === key || LANGUAGES.some((language) => loose(metricLabel(m.name, language)) === key));
  if (!found || key === '') throw new ArgumentError('formula.metric_unknown', () => ({ value: typed, allowed: FORMULA_METRICS.map((m) => m.name).join(', ') }));
  return found;
}

const TOUCHES: Record<Touch, MessageId> = { first: 'report.touch.first', last: 'report.touch.last' };

export function touchFor(value: unknown, tz: string): Touch {
  if (isBlank(single(value, 'touch'))) return DEFAULT_REPORT_SETTINGS.touch;
  const key = loose(text(value, tz));
  const touch = (Object.keys(TOUCHES) as Touch[]).find((t) => key === t || LANGUAGES.some((language) => loose(formatMessage(TOUCHES[t], {}, language)) === key));
  if (touch === undefined) {
    throw new ArgumentError('addon.fn.touch_unknown', (language) => ({
      value: text(value, tz), allowed: (Object.keys(TOUCHES) as Touch[]).map((t) => formatMessage(TOUCHES[t], {}, language)).join(', '),
    }));
  }
  return touch;
}

/** Whole days in the facts' zone: from null means no lower bound, to Infinity no upper bound. */
export interface DayRange {
  from: number | null;
  to: number;
}

/**
 * A time cell: a Date on Sheets' day 0, 30 December 1899, in the spreadsheet's zone. Sheets works it out with the
 * zone's local mean time of 1899 (offsets with seconds), which the script's zone data need not share, so the lines
 * are drawn an hour into the day before and an hour before DATE(1899,12,31): a time cell after 23:00 reads as
 * that day, which is no start either. An older date cell (1800-01-01) is a day.
 */
function isTimeAlone(value: unknown, tz: string): boolean {
  if (Object.prototype.toString.call(value) !== '[object Date]') return false;
  const time = (value as Date).getTime();
  return time >= wallClockToEpoch(1899, 12, 29, 23, 0, 0, 0, tz) && time < wallClockToEpoch(1899, 12, 30, 23, 0, 0, 0, tz);
}

/**
 * The range from the start and end arguments: date cells (Sheets gives the instant of their midnight in the
 * spreadsheet's zone), date serials, or text as the data sheets accept it (2024-03-31, or 31-3-2024 as the
 * spreadsheet locale reads it), each meaning its whole day. Without an end the range ends today, as the
 * report's default range does ("future dates only when the user sets the range"); a start after today
 * with no end runs on without a last day.
 */
export function dayRange(facts: FormulaFacts, locale: string, start: unknown, end: unknown, now: number): DayRange {
  const context = cellContext(facts.tz, locale);
  const day = (value: unknown, name: string): number | null => {
    if (isBlank(single(value, name))) return null;
    const instant = parseDateCell(value as Cell, context);
    if (instant === null) return null;
    // A start before 1910 (DATE(1900,1,1), "1900-01-01": "from the beginning") is before any date the data sheets
    // hold, so it is no start at all; but not a time cell, which reaches a script as a Date on 30 December 1899.
    if (typeof instant !== 'number' && instant.messageId === 'ingest.date_too_early' && name === 'start' && !isTimeAlone(value, facts.tz)) return null;
    if (typeof instant !== 'number') {
      // A day like 03/02/2024 where the locale does not say which comes first is not wrong, only unclear.
      throw new AddonError(instant.messageId === 'ingest.date_ambiguous' ? 'addon.fn.date_ambiguous' : 'addon.fn.date_invalid', { name, value: text(value, facts.tz) });
    }
    return dayNumberAt(instant, facts.tz);
  };
  const from = day(start, 'start');
  const to = day(end, 'end');
  if (from !== null && to !== null && from > to) {
    throw new AddonError('addon.fn.range_inverted', { start: isoOfDayNumber(from), end: isoOfDayNumber(to) });
  }
  const today = dayNumberAt(now, facts.tz);
  return { from, to: to ?? (from !== null && from > today ? Number.POSITIVE_INFINITY : today) };
}
