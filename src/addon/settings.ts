import { findModel, type Frequency, type Touch } from '../core/engine';
import { CHANNEL_KINDS, type ChannelKind, MAX_MARKOV_ORDER } from '../core/engine/data-driven-options';
import { COLUMN_SPECS, type ColumnSpec } from '../core/ingest/columns';
import { currencyOfLocale } from '../core/ingest/locale';
import { isIsoCurrencyCode } from '../core/ingest/numbers';
import { formatMessage, LANGUAGES, languageOf, type Language, type MessageId } from '../core/messages';
import { formatCountOf } from '../core/render/formats';
import type { ReportOptions } from '../core/report/report-data';
import { parseIsoDay } from '../core/time';
import { MAX_LOOKBACK_DAYS, SHEET_NAMES, type Problem, type SheetName } from '../core/types';
import { courtesy } from './addon-error';
import type { GasServices } from './gas-adapters';
import type { PropertiesPort } from './ports';

// Where the add-on keeps its settings. With the spreadsheet (document properties, shared by its editors):
// which tabs hold the data, the workbook currency, and the options of the last report written (so
// "Refresh report" repeats it). With each user (user properties): the report options that user chose for
// this spreadsheet, and the language they chose for the add-on. User properties follow the user to every
// spreadsheet the add-on opens in, and campaigns and dates belong to one workbook: the options are kept per
// spreadsheet id.
// Values are JSON written by the add-on (the sidebar's settings); a value it cannot use counts as unset.

export const PROPERTY_KEYS = {
  /** {"Deals": "HubSpot deals", …}: the tab holding each data sheet, where it is not the sheet's own name. */
  dataSheets: 'campaignAnalytics.dataSheets',
  /**
   * {"Deals": {"amount": "Deal value"}}: the header holding a column whose header is neither its name nor an alias (the
   * sidebar's mapping step); null for a column the tab does not have although a header looks like it.
   */
  columnMapping: 'campaignAnalytics.columnMapping',
  /** ISO 4217 code, e.g. "EUR". */
  currency: 'campaignAnalytics.currency',
  /** ReportSettings as JSON, per spreadsheet: a user property, so its key ends in the spreadsheet's id (userReportOptions). */
  reportOptions: 'campaignAnalytics.reportOptions',
  /** The ids of the spreadsheets whose reportOptions this user keeps, the last saved first (userReportOptions). */
  reportOptionsKept: 'campaignAnalytics.reportOptionsKept',
  /** ReportSettings of the report sheets as last written, with the date preset (`range`) they were written for, if any. */
  lastReport: 'campaignAnalytics.lastReport',
  /** A Language the user chose in the sidebar; anything else ("auto", unset): the spreadsheet locale's. */
  language: 'campaignAnalytics.language',
  /** Fingerprint of the sheets holding amounts as the formulas' facts last saw them (a currency format change is a data change). */
  amountSheets: 'campaignAnalytics.amountSheets',
} as const;

/**
 * Per data sheet, canonical column name → the header the user pointed it at; null: the user said the tab has
 * no such column, so no header is read as it (a GA "Type" column is no interaction_type, whatever its name).
 */
export type ColumnMapping = Partial<Record<SheetName, Record<string, string | null>>>;

/** Where the data is: each data sheet's tab, and the columns the user mapped to headers of their own. */
export type DataSheetNames = Record<SheetName, string> & { columns?: ColumnMapping };

/** The report options as chosen: `to` null means "up to today", whenever the report runs. */
export interface ReportSettings {
  model: string;
  touch: Touch;
  from: string | null;
  to: string | null;
  frequency: Frequency;
  /** null: all campaigns. */
  campaignIds: string[] | null;
  lookbackDays: number | null;
  /** The data-driven models' channels for the channel report, and the Markov order. */
  channels: ChannelKind;
  markovOrder: number;
}

export const DEFAULT_REPORT_SETTINGS: ReportSettings = {
  model: 'linear', touch: 'first', from: null, to: null, frequency: 'monthly', campaignIds: null, lookbackDays: null,
  channels: 'campaign', markovOrder: 1,
};

/** A stored JSON text's value; undefined when there is none or it does not parse. */
function parseJsonValue(text: string | null): unknown {
  if (text === null) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function parseJson(text: string | null): Record<string, unknown> {
  const value = parseJsonValue(text);
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

export function dataSheetNames(documentProperties: PropertiesPort): DataSheetNames {
  const stored = parseJson(documentProperties.getProperty(PROPERTY_KEYS.dataSheets));
  const names = {} as DataSheetNames;
  for (const sheet of SHEET_NAMES) {
    const name = stored[sheet];
    names[sheet] = typeof name === 'string' && name.trim() !== '' ? name : sheet;
  }
  const columns = columnMapping(documentProperties);
  if (Object.keys(columns).length > 0) names.columns = columns;
  return names;
}

/** The stored column mapping, keeping only known sheets and columns mapped to a non-empty header or to none (null). */
export function columnMapping(documentProperties: PropertiesPort): ColumnMapping {
  const stored = parseJson(documentProperties.getProperty(PROPERTY_KEYS.columnMapping));
  const mapping: ColumnMapping = {};
  for (const sheet of SHEET_NAMES) {
    const byColumn = stored[sheet];
    if (typeof byColumn !== 'object' || byColumn === null) continue;
    const known = new Set((COLUMN_SPECS[sheet] as readonly ColumnSpec[]).map((spec) => spec.name));
    const kept = Object.entries(byColumn as Record<string, unknown>)
      .filter((entry): entry is [string, string | null] => known.has(entry[0])
        && (entry[1] === null || (typeof entry[1] === 'string' && entry[1].trim() !== '')));
    if (kept.length > 0) mapping[sheet] = Object.fromEntries(kept);
  }
  return mapping;
}

const isDay = (value: unknown): value is string => typeof value === 'string' && parseIsoDay(value) !== null;

export function parseReportSettings(text: string | null): ReportSettings {
  const s = parseJson(text);
  const d = DEFAULT_REPORT_SETTINGS;
  const ids = s.campaignIds;
  const lookback = s.lookbackDays;
  const order = s.markovOrder;
  return {
    model: typeof s.model === 'string' && findModel(s.model) ? s.model : d.model,
    touch: s.touch === 'first' || s.touch === 'last' ? s.touch : d.touch,
    from: isDay(s.from) ? s.from : d.from,
    to: isDay(s.to) ? s.to : d.to,
    frequency: s.frequency === 'daily' || s.frequency === 'monthly' ? s.frequency : d.frequency,
    campaignIds: Array.isArray(ids) && ids.length > 0 && ids.every((id) => typeof id === 'string') ? ids : d.campaignIds,
    lookbackDays: Number.isInteger(lookback) && (lookback as number) >= 0 && (lookback as number) <= MAX_LOOKBACK_DAYS ? (lookback as number) : d.lookbackDays,
    channels: CHANNEL_KINDS.find((kind) => kind === s.channels) ?? d.channels,
    markovOrder: Number.isInteger(order) && (order as number) >= 1 && (order as number) <= MAX_MARKOV_ORDER ? (order as number) : d.markovOrder,
  };
}

/** The engine's options for a run on `today` (YYYY-MM-DD in the spreadsheet's zone). */
export function reportOptionsOf(settings: ReportSettings, tz: string, today: string): ReportOptions {
  return {
    model: settings.model, touch: settings.touch, from: settings.from, to: settings.to ?? today,
    frequency: settings.frequency, tz, campaignIds: settings.campaignIds, lookbackDays: settings.lookbackDays,
    channels: settings.channels, markovOrder: settings.markovOrder,
  };
}

/** This user's report options for the active spreadsheet, as stored (JSON), and where to keep new ones. */
export interface UserReportOptions {
  read(): string | null;
  write(text: string): void;
}

/**
 * How many spreadsheets' options a user keeps. The user's store holds 500 kB in all, one set ~300 bytes: without
 * a cap, saving would start failing for a user of some 1,600 spreadsheets. The oldest set saved goes first.
 */
export const KEPT_REPORT_OPTIONS = 100;
/** How long a change to the user's own properties waits for their lock (another of their sidebars saving). */
const USER_LOCK_WAIT_MS = 2_000;

/**
 * Runs `locked` holding the user's lock, for a read-change-write of a user property that two of the user's
 * executions (two spreadsheets, two sidebars) may do at once; `unlocked` when the lock cannot be had in time.
 */
export function withUserLock(services: GasServices, locked: () => void, unlocked: () => void): void {
  const lock = services.lockService.getUserLock();
  if (!lock.tryLock(USER_LOCK_WAIT_MS)) {
    unlocked();
    return;
  }
  try {
    locked();
  } finally {
    courtesy(() => lock.releaseLock());
  }
}

export function userReportOptions(services: GasServices): UserReportOptions {
  const properties = services.propertiesService.getUserProperties();
  const id = services.spreadsheetApp.getActiveSpreadsheet().getId();
  const keyOf = (spreadsheetId: string) => `${PROPERTY_KEYS.reportOptions}.${spreadsheetId}`;
  return {
    read: () => properties.getProperty(keyOf(id)),
    write(text) {
      // The list is read, changed and written back: a sidebar saving in another spreadsheet meanwhile would lose
      // its entry, or see its own options deleted. Without the lock the options are saved and the list waits.
      withUserLock(services, () => {
        const stored: unknown = parseJsonValue(properties.getProperty(PROPERTY_KEYS.reportOptionsKept));
        const kept = [id, ...(Array.isArray(stored) ? stored : []).filter((other): other is string => typeof other === 'string' && other !== id)];
        for (const old of kept.splice(KEPT_REPORT_OPTIONS)) properties.deleteProperty(keyOf(old));
        properties.setProperties({ [keyOf(id)]: text, [PROPERTY_KEYS.reportOptionsKept]: JSON.stringify(kept) });
      }, () => properties.setProperty(keyOf(id), text));
    },
  };
}

/** The workbook currency the document setting names (the sidebar's currency control); null: automatic. */
export function currencyChoice(documentProperties: PropertiesPort): string | null {
  const stored = documentProperties.getProperty(PROPERTY_KEYS.currency)?.trim().toUpperCase() ?? '';
  return isIsoCurrencyCode(stored) ? stored : null;
}

/** The workbook currency: the document setting, else the one of the spreadsheet locale's country. */
export function workbookCurrency(documentProperties: PropertiesPort, locale: string): string | null {
  return currencyChoice(documentProperties) ?? currencyOfLocale(locale);
}

/** The warnings of an amount left out for its currency: the workbook currency setting is their remedy. */
const OTHER_CURRENCY_WARNINGS: ReadonlySet<MessageId> = new Set<MessageId>([
  'ingest.currency_other', 'ingest.spend_currency_other', 'ingest.amount_currency_other',
]);

/** The currencies amounts were left out for, as the problems name them (a code, or a symbol such as "$"), the most named first. */
export function otherCurrencies(problems: readonly Problem[]): string[] {
  const counts = new Map<string, number>();
  for (const p of problems) {
    if (!OTHER_CURRENCY_WARNINGS.has(p.messageId)) continue;
    const currency = String(p.params.currency);
    counts.set(currency, (counts.get(currency) ?? 0) + 1);
  }
  return [...counts.keys()].sort((a, b) => counts.get(b)! - counts.get(a)! || (a < b ? -1 : 1));
}

/**
 * Where the workbook currency is set, as one sentence for a summary of these problems, when amounts were left out
 * for their currency; else nothing. Said beside the warnings, not in them: the command line shares their words,
 * and its remedy is --currency.
 */
export function currencyHint(problems: readonly Problem[], language: Language): string[] {
  return otherCurrencies(problems).length > 0 ? [formatMessage('addon.currency.where', {}, language)] : [];
}

/** The sidebar's language control: a language, or "auto" for the spreadsheet locale's. */
export type LanguageChoice = 'auto' | Language;

export function isLanguageChoice(value: unknown): value is LanguageChoice {
  return value === 'auto' || (LANGUAGES as readonly unknown[]).includes(value);
}

export function languageChoice(userProperties: PropertiesPort): LanguageChoice {
  const stored = userProperties.getProperty(PROPERTY_KEYS.language);
  return isLanguageChoice(stored) ? stored : 'auto';
}

/**
 * The language the add-on speaks to this user: the one they chose in the sidebar, else the spreadsheet
 * locale's. Custom functions keep to the locale: a cell shows one value to everyone who opens the sheet.
 */
export function userLanguage(userProperties: PropertiesPort, locale: string): Language {
  const choice = languageChoice(userProperties);
  return choice === 'auto' ? languageOf(locale) : choice;
}

/** userLanguage for the user this execution runs as, in the active spreadsheet. */
export function languageOfUser(services: GasServices): Language {
  return userLanguage(services.propertiesService.getUserProperties(), services.spreadsheetApp.getActiveSpreadsheet().getSpreadsheetLocale());
}

/** The touch as the settings and file names word it ("first", "last"). */
export const touchName = (touch: Touch, language: Language) => formatMessage(touch === 'first' ? 'report.touch.first' : 'report.touch.last', {}, language);

/** A lookback window of some days as the settings and file names word it. */
export const lookbackName = (days: number, language: Language) =>
  formatMessage('addon.settings.lookback', { days: formatCountOf('days', days, language) }, language);

/** The settings in one short text for the Settings dialog. */
export function describeSettings(names: DataSheetNames, currency: string | null, settings: ReportSettings, language: Language): string {
  const t = (id: MessageId, params?: Record<string, string | number>) => formatMessage(id, params, language);
  const to = settings.to ?? t('addon.settings.today');
  const options = t('addon.settings.options', {
    model: t(findModel(settings.model)!.nameId),
    touch: touchName(settings.touch, language),
    range: settings.from === null ? t('addon.settings.range_open', { to }) : t('addon.settings.range', { from: settings.from, to }),
    frequency: t(settings.frequency === 'daily' ? 'addon.settings.daily' : 'addon.settings.monthly'),
    campaigns: settings.campaignIds === null ? t('addon.settings.campaigns_all') : settings.campaignIds.join(', '),
    lookback: settings.lookbackDays === null ? t('addon.settings.no_lookback') : lookbackName(settings.lookbackDays, language),
  });
  return t('addon.settings.summary', {
    sheets: SHEET_NAMES.map((sheet) => (names[sheet] === sheet ? sheet : `${sheet} ("${names[sheet]}")`)).join(', '),
    currency: currency ?? t('addon.settings.currency_unknown'),
    options,
  });
}
