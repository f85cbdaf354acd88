import { findModel, MODEL_IDS } from '../core/engine';
import { ingestWorkbook } from '../core/ingest';
import { currencyOfLocale } from '../core/ingest/locale';
import { formatMessage, type Language } from '../core/messages';
import { dayKey } from '../core/time';
import type { AssetType, Cell } from '../core/types';
import { readDataSheets } from './data-sheets';
import type { GasServices } from './gas-adapters';
import { currencyChoice, dataSheetNames, languageChoice, userLanguage, userReportOptions, type LanguageChoice } from './settings';
import { loadSidebarOptions, type SidebarOptions } from './sidebar-options';
import { setupStatus, type SetupStatus } from './sidebar-setup';
import { settingsOf } from './validation';

// What the sidebar needs when it opens: the user's last choices, the campaigns and assets to pick from, the
// models with their explanations, and whether the data sheets are there at all (else it offers to create or
// map them). Only Campaigns and Assets are read: the big sheets wait for "Run".

export interface ModelChoice {
  id: string;
  name: string;
  /** The model's one-line explanation. */
  description: string;
}

export interface CampaignChoice {
  id: string;
  name: string;
  utm: string | null;
}

/** An asset as its latest link has it (for linking it to another campaign). */
export interface AssetChoice {
  id: string;
  type: AssetType;
  name: string;
  url: string | null;
  campaignId: string;
}

export interface SidebarState {
  /** The language everything is in: languageChoice, or the spreadsheet locale's when that is "auto". */
  language: Language;
  languageChoice: LanguageChoice;
  /** The spreadsheet's today (YYYY-MM-DD in its zone): presets end here, later days are "future". */
  today: string;
  /** The workbook currency amounts are read in: currencyChoice, else localeCurrency; null: the one most deals name. */
  currency: string | null;
  /** The workbook currency as set in the sidebar, for everyone who uses the spreadsheet; null: automatic. */
  currencyChoice: string | null;
  /** The currency of the spreadsheet locale's country, the automatic choice; null when it has none. */
  localeCurrency: string | null;
  /** The spreadsheet locale (Sheets' form, e.g. "de_DE"): numbers and money are shown as the report sheets show them. */
  locale: string;
  options: SidebarOptions;
  models: ModelChoice[];
  campaigns: CampaignChoice[];
  assets: AssetChoice[];
  setup: SetupStatus;
}

export function sidebarState(services: GasServices): SidebarState {
  const spreadsheet = services.spreadsheetApp.getActiveSpreadsheet();
  const documentProperties = services.propertiesService.getDocumentProperties();
  const reading = settingsOf(spreadsheet, documentProperties);
  const userProperties = services.propertiesService.getUserProperties();
  const language = userLanguage(userProperties, reading.locale);
  const names = dataSheetNames(documentProperties);
  // Campaigns and Assets are read once: for the pickers, and their header rows for the setup status.
  const headers = new Map<string, Cell[]>();
  const raw = readDataSheets(spreadsheet, names, ['Campaigns', 'Assets'], headers);
  const setup = setupStatus(spreadsheet, names, headers);
  // Problems in these rows show on "Run" (with the rest); here a row that cannot be read is just not offered.
  const { workbook } = ingestWorkbook(raw, { tz: reading.timeZone, locale: reading.locale, currency: reading.currency });
  return {
    language,
    languageChoice: languageChoice(userProperties),
    today: dayKey(Date.now(), reading.timeZone),
    currency: reading.currency,
    currencyChoice: currencyChoice(documentProperties),
    localeCurrency: currencyOfLocale(reading.locale),
    locale: reading.locale,
    options: loadSidebarOptions(userReportOptions(services)),
    models: MODEL_IDS.map((id) => {
      const model = findModel(id)!;
      return { id, name: formatMessage(model.nameId, {}, language), description: formatMessage(model.descriptionId, {}, language) };
    }),
    campaigns: workbook.campaigns.map((c) => ({ id: c.id, name: c.name, utm: c.utmCampaign })),
    assets: workbook.assets.map((a) => ({ id: a.id, type: a.type, name: a.name, url: a.url, campaignId: a.campaignId })),
    setup,
  };
}
