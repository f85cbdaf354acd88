// Apps Script entry points: the functions Apps Script calls by name (simple triggers, menu items,
// google.script.run, custom functions). scripts/build.mjs turns every export of this file into a top-level
// function in dist/Code.js carrying this file's JSDoc and parameter names, so each export must be written
// `/** … */ export function NAME(plain, parameter, names)`. Bodies only wire services to the logic.

import { formatMessage, languageOf, type Language, type MessageId } from '../core/messages';
import { AddonError } from './addon-error';
import { readDataSheets } from './data-sheets';
import { gasServices, type GasServices } from './gas-adapters';
import type { TriggerEvent } from './ports';
import { removeReports, writeReport, type Confirm, type ReportOutcome } from './report-run';
import { dataSheetNames, describeSettings, parseReportSettings, PROPERTY_KEYS } from './settings';
import { problemTable, settingsOf, validateWorkbook, workbookFromRanges, type ValidationReport } from './validation';

/** dist/sidebar.html; Apps Script names project files without their extension. */
const SIDEBAR_FILE = 'sidebar';
/** Seconds a "done" toast stays up. */
const TOAST_SECONDS = 10;

/**
 * Simple trigger: adds the add-on's menu. Under AuthMode.NONE (installed, not yet used in this document)
 * only the menu may be touched, so its labels are English; otherwise they follow the spreadsheet's locale.
 */
export function onOpen(e: TriggerEvent | undefined): void {
  const { spreadsheetApp, scriptApp } = gasServices();
  const language: Language = e !== undefined && e.authMode !== scriptApp.AuthMode.NONE
    ? languageOf(spreadsheetApp.getActiveSpreadsheet().getSpreadsheetLocale())
    : 'en';
  const t = (id: MessageId) => formatMessage(id, {}, language);
  spreadsheetApp.getUi()
    .createAddonMenu()
    .addItem(t('addon.menu.sidebar'), 'showSidebar')
    .addItem(t('addon.menu.run'), 'runReport')
    .addItem(t('addon.menu.refresh'), 'refreshReport')
    .addSeparator()
    .addItem(t('addon.menu.remove'), 'removeReportSheets')
    .addSeparator()
    .addItem(t('addon.menu.settings'), 'showSettings')
    .addToUi();
}

/** Runs once on install (in AuthMode.FULL): shows the menu at once instead of after the next reload. */
export function onInstall(e: TriggerEvent | undefined): void {
  onOpen(e);
}

/** Menu item: opens the sidebar, which checks the data sheets as it loads. */
export function showSidebar(): void {
  const { spreadsheetApp, htmlService } = gasServices();
  const language = languageOf(spreadsheetApp.getActiveSpreadsheet().getSpreadsheetLocale());
  const sidebar = htmlService.createHtmlOutputFromFile(SIDEBAR_FILE).setTitle(formatMessage('addon.validate.title', {}, language));
  spreadsheetApp.getUi().showSidebar(sidebar);
}

/** Menu item: writes the report sheets with the report options the user chose (defaults until then). */
export function runReport(): ReportOutcome {
  const startedAt = Date.now();
  const services = gasServices();
  return present(services, writeReport(services, 'user', confirmWith(services), startedAt));
}

/** Menu item: writes the report sheets again with the options they were last written with, on today's data. */
export function refreshReport(): ReportOutcome {
  const startedAt = Date.now();
  const services = gasServices();
  return present(services, writeReport(services, 'last report', confirmWith(services), startedAt));
}

/** Menu item: deletes the report sheets the add-on wrote (after asking); the user's own sheets stay. */
export function removeReportSheets(): ReportOutcome {
  const services = gasServices();
  return present(services, removeReports(services, confirmWith(services)));
}

/** Menu item: shows where the data is read from and the report options in use. */
export function showSettings(): void {
  const { spreadsheetApp, propertiesService } = gasServices();
  const documentProperties = propertiesService.getDocumentProperties();
  const { locale, currency } = settingsOf(spreadsheetApp.getActiveSpreadsheet(), documentProperties);
  const language = languageOf(locale);
  const text = describeSettings(
    dataSheetNames(documentProperties),
    currency,
    parseReportSettings(propertiesService.getUserProperties().getProperty(PROPERTY_KEYS.reportOptions)),
    language,
  );
  const ui = spreadsheetApp.getUi();
  ui.alert(formatMessage('addon.settings.title', {}, language), text, ui.ButtonSet.OK);
}

/** Sidebar, through google.script.run: checks the data sheets (one read each) and returns the problems. */
export function validateDataSheets(): ValidationReport {
  const { spreadsheetApp, propertiesService } = gasServices();
  const spreadsheet = spreadsheetApp.getActiveSpreadsheet();
  const documentProperties = propertiesService.getDocumentProperties();
  const settings = settingsOf(spreadsheet, documentProperties);
  const names = dataSheetNames(documentProperties);
  try {
    return validateWorkbook(readDataSheets(spreadsheet, names), settings, names);
  } catch (error) {
    // The sidebar shows a failure's message as it is: give it the user's language.
    if (error instanceof AddonError) throw new Error(error.render(languageOf(settings.locale)));
    throw error;
  }
}

/**
 * Lists the problems in the campaign data sheets: one row per problem with its severity, sheet, row,
 * column and message, under a header row. Pass each sheet's columns from row 1 (the header) down, e.g.
 * =CAMPAIGN_DATA_PROBLEMS(Campaigns!A:L, Assets!A:N, Visits!A:P, Deals!A:H).
 *
 * @param {Array<Array<*>>} campaigns The Campaigns sheet's range, header row first, e.g. Campaigns!A:L.
 * @param {Array<Array<*>>} assets The Assets sheet's range, header row first, e.g. Assets!A:N.
 * @param {Array<Array<*>>} visits The Visits sheet's range, header row first, e.g. Visits!A:P.
 * @param {Array<Array<*>>} deals The Deals sheet's range, header row first, e.g. Deals!A:H.
 * @return The problems as a table, or one cell saying there are none.
 * @customfunction
 */
export function CAMPAIGN_DATA_PROBLEMS(campaigns: unknown, assets: unknown, visits: unknown, deals: unknown): Array<Array<string | number>> {
  // Reads only its arguments (so Sheets recalculates it when the data changes), the spreadsheet's locale
  // and zone, and the currency setting, all of which custom functions may read.
  const { spreadsheetApp, propertiesService } = gasServices();
  const settings = settingsOf(spreadsheetApp.getActiveSpreadsheet(), propertiesService.getDocumentProperties());
  const raw = workbookFromRanges({ Campaigns: campaigns, Assets: assets, Visits: visits, Deals: deals }, languageOf(settings.locale));
  return problemTable(validateWorkbook(raw, settings));
}

/** Asks through a Yes/No dialog. */
function confirmWith(services: GasServices): Confirm {
  return (title, question) => {
    const ui = services.spreadsheetApp.getUi();
    return ui.alert(title, question, ui.ButtonSet.YES_NO) === ui.Button.YES;
  };
}

/** Done: a toast that does not interrupt. Not done: a dialog, since the user has something to read or fix. */
function present(services: GasServices, outcome: ReportOutcome): ReportOutcome {
  const { spreadsheetApp } = services;
  if (outcome.done) {
    spreadsheetApp.getActiveSpreadsheet().toast(outcome.message, outcome.title, TOAST_SECONDS);
  } else {
    const ui = spreadsheetApp.getUi();
    ui.alert(outcome.title, outcome.message, ui.ButtonSet.OK);
  }
  return outcome;
}
