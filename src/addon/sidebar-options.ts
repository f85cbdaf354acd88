import type { Frequency, Touch } from '../core/engine';
import { type ChannelKind, MAX_MARKOV_ORDER } from '../core/engine/data-driven-options';
import { dayKey } from '../core/time';
import { MAX_LOOKBACK_DAYS } from '../core/types';
import { AddonError } from './addon-error';
import type { GasServices } from './gas-adapters';
import type { PropertiesPort } from './ports';
import {
  isLanguageChoice, parseReportSettings, PROPERTY_KEYS, userReportOptions, type LanguageChoice, type ReportSettings, type UserReportOptions,
} from './settings';
import { isPreset, resolveRange, type RangePreset } from './sidebar-range';

// The sidebar's controls as each user left them in each spreadsheet. They live with the report options
// (so "Write report sheets" and the menu's "Run report" use what the sidebar shows), plus the date range as
// chosen: a preset such as "last 30 days" is kept as the preset and turned into days afresh on every run.
// The language control is kept next to them, in a property of its own (settings.ts, userLanguage).

export interface SidebarOptions {
  /** The campaign the sidebar shows; null until the user picks one (the sidebar then shows the first). */
  campaignId: string | null;
  model: string;
  touch: Touch;
  range: RangePreset;
  /** The custom range's days (YYYY-MM-DD); null: open start, or "up to today". Ignored for presets. */
  from: string | null;
  to: string | null;
  frequency: Frequency;
  /** The data-driven models' channels for the channel report, and the Markov order. */
  channels: ChannelKind;
  markovOrder: number;
  /** Days; null: no lookback window. */
  lookbackDays: number | null;
}

/** The date preset stored with report settings (the sidebar's options, the last report); null when there is none. */
function storedPreset(text: string | null): RangePreset | null {
  let range: unknown;
  try {
    range = (JSON.parse(text ?? '{}') as { range?: unknown } | null)?.range;
  } catch {
    range = undefined;
  }
  return isPreset(range) ? range : null;
}

/**
 * Report settings as stored (this user's options, or the last report's), for a run on `today`: a preset
 * ("last 7 days") is resolved afresh for that day, so a report refreshed two weeks later covers the last
 * seven days then; fixed days (a custom range, or settings stored without a preset) stay as they are.
 * `range`: the preset, to store with the settings again; null when there was none.
 */
export function storedSettings(text: string | null, today: string): { settings: ReportSettings; range: RangePreset | null } {
  const settings = parseReportSettings(text);
  const range = storedPreset(text);
  if (range === null || range === 'custom') return { settings, range };
  return { settings: { ...settings, ...resolveRange(range, { from: null, to: null }, today) }, range };
}

/** The spreadsheet's day (YYYY-MM-DD in its zone) at `at` (epoch ms): taken once per execution and passed down. */
export function spreadsheetDay(services: GasServices, at: number): string {
  return dayKey(at, services.spreadsheetApp.getActiveSpreadsheet().getSpreadsheetTimeZone());
}

/** The options as stored; anything unusable falls back to the defaults (all dates, the report's defaults). */
export function loadSidebarOptions(stored: UserReportOptions): SidebarOptions {
  const text = stored.read();
  const settings = parseReportSettings(text);
  const range = storedPreset(text);
  return {
    campaignId: settings.campaignIds?.[0] ?? null,
    model: settings.model,
    touch: settings.touch,
    // Stored by the menu or an older version: fixed days are a custom range.
    range: range ?? (settings.from === null && settings.to === null ? 'all' : 'custom'),
    from: settings.from,
    to: settings.to,
    frequency: settings.frequency,
    channels: settings.channels,
    markovOrder: settings.markovOrder,
    lookbackDays: settings.lookbackDays,
  };
}

/**
 * The report settings the options the sidebar sent stand for, with the range resolved for `today` (the
 * spreadsheet's today). Throws an AddonError the user can act on.
 */
export function settingsOfSidebar(stored: ReportSettings, options: SidebarOptions, today: string): ReportSettings {
  // A sidebar opened before it had the lookback control sends none: the window it cannot show stays as stored.
  const lookbackDays = options.lookbackDays === undefined ? stored.lookbackDays : options.lookbackDays;
  const checked = parseReportSettings(JSON.stringify({
    model: options.model, touch: options.touch, frequency: options.frequency,
    campaignIds: typeof options.campaignId === 'string' && options.campaignId !== '' ? [options.campaignId] : null,
    channels: options.channels, markovOrder: options.markovOrder, lookbackDays,
  }));
  // parseReportSettings falls back silently; a value the sidebar sent that it could not use is a bug to show.
  if (checked.model !== options.model) throw new AddonError('sidebar.options.model_unknown', { model: String(options.model) });
  if (checked.channels !== options.channels) throw new AddonError('sidebar.options.channels_unknown', { channels: String(options.channels) });
  if (checked.markovOrder !== options.markovOrder) {
    throw new AddonError('sidebar.options.order_invalid', { order: String(options.markovOrder), max: MAX_MARKOV_ORDER });
  }
  // Typed by the user: -3, 1.5 or 40000 is refused, not read as no window.
  if (checked.lookbackDays !== lookbackDays) {
    throw new AddonError('sidebar.options.lookback_invalid', { days: String(lookbackDays), max: MAX_LOOKBACK_DAYS });
  }
  if (!isPreset(options.range)) throw new AddonError('sidebar.options.range_unknown', { range: String(options.range) });
  const range = resolveRange(options.range, { from: options.from, to: options.to }, today);
  return { ...checked, ...range };
}

/** Checks the options the sidebar sent (settingsOfSidebar) and stores them for this user. Returns their report settings. */
function saveSidebarOptions(userOptions: UserReportOptions, options: SidebarOptions, today: string): ReportSettings {
  const settings = settingsOfSidebar(parseReportSettings(userOptions.read()), options, today);
  userOptions.write(JSON.stringify({ ...settings, range: options.range }));
  return settings;
}

/** saveSidebarOptions for this user, on `today`: the spreadsheet's day as the execution began (spreadsheetDay). */
export function storeSidebarOptions(services: GasServices, options: SidebarOptions, today: string): ReportSettings {
  return saveSidebarOptions(userReportOptions(services), options, today);
}

/** settingsOfSidebar for this user on `today` (spreadsheetDay), storing nothing (an export of what the sidebar shows). */
export function sidebarSettings(services: GasServices, options: SidebarOptions, today: string): ReportSettings {
  return settingsOfSidebar(parseReportSettings(userReportOptions(services).read()), options, today);
}

/** Keeps the language this user chose for the add-on; "auto" goes back to the spreadsheet locale's. */
export function storeLanguageChoice(userProperties: PropertiesPort, choice: LanguageChoice): void {
  // The sidebar only offers valid choices: anything else is a bug to show.
  if (!isLanguageChoice(choice)) throw new AddonError('sidebar.options.language_unknown', { language: String(choice) });
  userProperties.setProperty(PROPERTY_KEYS.language, choice);
}
