import type { Frequency, Touch } from '../core/engine';
import { type ChannelKind, MAX_MARKOV_ORDER } from '../core/engine/data-driven-options';
import { dayKey } from '../core/time';
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
}

/** The options as stored; anything unusable falls back to the defaults (all dates, the report's defaults). */
export function loadSidebarOptions(stored: UserReportOptions): SidebarOptions {
  const text = stored.read();
  const settings = parseReportSettings(text);
  let range: unknown;
  try {
    range = (JSON.parse(text ?? '{}') as { range?: unknown } | null)?.range;
  } catch {
    range = undefined;
  }
  return {
    campaignId: settings.campaignIds?.[0] ?? null,
    model: settings.model,
    touch: settings.touch,
    // Stored by the menu or an older version: fixed days are a custom range.
    range: isPreset(range) ? range : settings.from === null && settings.to === null ? 'all' : 'custom',
    from: settings.from,
    to: settings.to,
    frequency: settings.frequency,
    channels: settings.channels,
    markovOrder: settings.markovOrder,
  };
}

/**
 * The report settings the options the sidebar sent stand for, with the range resolved for `today` (the
 * spreadsheet's today) and the rest (the lookback) as `stored`. Throws an AddonError the user can act on.
 */
export function settingsOfSidebar(stored: ReportSettings, options: SidebarOptions, today: string): ReportSettings {
  const checked = parseReportSettings(JSON.stringify({
    model: options.model, touch: options.touch, frequency: options.frequency,
    campaignIds: typeof options.campaignId === 'string' && options.campaignId !== '' ? [options.campaignId] : null,
    channels: options.channels, markovOrder: options.markovOrder,
  }));
  // parseReportSettings falls back silently; a value the sidebar sent that it could not use is a bug to show.
  if (checked.model !== options.model) throw new AddonError('sidebar.options.model_unknown', { model: String(options.model) });
  if (checked.channels !== options.channels) throw new AddonError('sidebar.options.channels_unknown', { channels: String(options.channels) });
  if (checked.markovOrder !== options.markovOrder) {
    throw new AddonError('sidebar.options.order_invalid', { order: String(options.markovOrder), max: MAX_MARKOV_ORDER });
  }
  if (!isPreset(options.range)) throw new AddonError('sidebar.options.range_unknown', { range: String(options.range) });
  const range = resolveRange(options.range, { from: options.from, to: options.to }, today);
  return { ...checked, ...range, lookbackDays: stored.lookbackDays };
}

/** Checks the options the sidebar sent (settingsOfSidebar) and stores them for this user. Returns their report settings. */
function saveSidebarOptions(userOptions: UserReportOptions, options: SidebarOptions, today: string): ReportSettings {
  const settings = settingsOfSidebar(parseReportSettings(userOptions.read()), options, today);
  userOptions.write(JSON.stringify({ ...settings, range: options.range }));
  return settings;
}

/** saveSidebarOptions for this user, on the spreadsheet's today. */
export function storeSidebarOptions(services: GasServices, options: SidebarOptions): ReportSettings {
  const timeZone = services.spreadsheetApp.getActiveSpreadsheet().getSpreadsheetTimeZone();
  return saveSidebarOptions(userReportOptions(services), options, dayKey(Date.now(), timeZone));
}

/** settingsOfSidebar for this user on the spreadsheet's today, storing nothing (an export of what the sidebar shows). */
export function sidebarSettings(services: GasServices, options: SidebarOptions): ReportSettings {
  const timeZone = services.spreadsheetApp.getActiveSpreadsheet().getSpreadsheetTimeZone();
  return settingsOfSidebar(parseReportSettings(userReportOptions(services).read()), options, dayKey(Date.now(), timeZone));
}

/** Keeps the language this user chose for the add-on; "auto" goes back to the spreadsheet locale's. */
export function storeLanguageChoice(userProperties: PropertiesPort, choice: LanguageChoice): void {
  // The sidebar only offers valid choices: anything else is a bug to show.
  if (!isLanguageChoice(choice)) throw new AddonError('sidebar.options.language_unknown', { language: String(choice) });
  userProperties.setProperty(PROPERTY_KEYS.language, choice);
}
