// Apps Script entry points: the functions Apps Script calls by name (simple triggers, menu items,
// google.script.run, custom functions). scripts/build.mjs turns every export of this file into a top-level
// function in dist/Code.js carrying this file's JSDoc and parameter names, so each export must be written
// `/** … */ export function NAME(plain, parameter, names)`. Bodies only wire services to the logic.

import { formatMessage, languageOf } from '../core/messages';
import { gasServices } from './gas-adapters';
import { problemTable, readDataSheets, settingsOf, validateWorkbook, workbookFromRanges, type ValidationReport } from './validation';

/** dist/sidebar.html; Apps Script names project files without their extension. */
const SIDEBAR_FILE = 'sidebar';

/**
 * Simple trigger: adds the add-on's menu. Runs in AuthMode.NONE until the add-on is used in this
 * document, so it may touch nothing but the menu (hence English labels: the locale is out of reach).
 */
export function onOpen(): void {
  gasServices().spreadsheetApp.getUi()
    .createAddonMenu()
    .addItem(formatMessage('addon.menu.validate'), 'showSidebar')
    .addToUi();
}

/** Runs once on install: shows the menu at once instead of after the next reload. */
export function onInstall(): void {
  onOpen();
}

/** Menu item: opens the sidebar, which checks the data sheets as it loads. */
export function showSidebar(): void {
  const { spreadsheetApp, htmlService } = gasServices();
  const language = languageOf(spreadsheetApp.getActiveSpreadsheet().getSpreadsheetLocale());
  const sidebar = htmlService.createHtmlOutputFromFile(SIDEBAR_FILE).setTitle(formatMessage('addon.validate.title', {}, language));
  spreadsheetApp.getUi().showSidebar(sidebar);
}

/** Sidebar, through google.script.run: checks the data sheets (one read each) and returns the problems. */
export function validateDataSheets(): ValidationReport {
  const spreadsheet = gasServices().spreadsheetApp.getActiveSpreadsheet();
  return validateWorkbook(readDataSheets(spreadsheet), settingsOf(spreadsheet));
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
  // Reads only its arguments (so Sheets recalculates it when the data changes) and the spreadsheet's
  // locale and zone, which custom functions may read.
  const settings = settingsOf(gasServices().spreadsheetApp.getActiveSpreadsheet());
  const raw = workbookFromRanges({ Campaigns: campaigns, Assets: assets, Visits: visits, Deals: deals }, languageOf(settings.locale));
  return problemTable(validateWorkbook(raw, settings));
}
