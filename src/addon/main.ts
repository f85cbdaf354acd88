// Apps Script entry points: the functions Apps Script calls by name (simple triggers, menu items,
// google.script.run, custom functions). scripts/build.mjs turns every export of this file into a top-level
// function in dist/Code.js carrying this file's JSDoc and parameter names, so each export must be written
// `/** … */ export function NAME(plain, parameter, names)`. Bodies only wire services to the logic.

import { formatMessage, languageOf, type Language, type MessageId } from '../core/messages';
import { AddonError, courtesy } from './addon-error';
import { readDataSheets } from './data-sheets';
import { gasServices, type GasServices } from './gas-adapters';
import type { ChangeEvent, TimeDrivenEvent, TriggerEvent } from './ports';
import { removeReports, writeReport, type Confirm, type ReportOutcome } from './report-run';
import {
  dataSheetNames, describeSettings, languageOfUser, parseReportSettings, userReportOptions, userLanguage, type LanguageChoice,
} from './settings';
import { problemTable, settingsOf, validateWorkbook, workbookFromRanges, type ValidationReport } from './validation';
import {
  attributionTable, campaignInfluencedRevenue, campaignMetric, campaignRevenue, campaignTrackingUrl,
} from './custom-functions';
import { followFormulasWrittenSince, refreshAfterChange } from './formula-facts-source';
import {
  defaultTarget, listDashboards as dashboardsOf, saveChartToDashboard as saveChart, tableOfSheet, type DashboardSummary, type SaveChartRequest,
  type SavedChart,
} from './dashboard';
import { exportReport as exportReportFile, reportSections, type ExportRequest, type ExportResult, type ReportSection } from './export';
import {
  removeSchedule, runSchedule, scheduledRefresh, scheduleStatus, setUpSchedule, setUpScheduleFromMenu, type ScheduledRunStatus, type ScheduleRequest, type ScheduleResult,
} from './schedule';
import { shareReport as shareCopy, type ShareRequest, type ShareResult } from './share';
import { storeCurrencyChoice } from './sidebar-currency';
import { changeCampaigns, type CampaignChange, type ChangeOutcome, type ShownRow } from './sidebar-housekeeping';
import { spreadsheetDay, storeLanguageChoice, storeSidebarOptions, type SidebarOptions } from './sidebar-options';
import { type DrillDownFigure, openDrillDown, writeSidebarReport, writtenReport, type WrittenReport } from './sidebar-report';
import { campaignResults, type BlockedResults, type CampaignResults } from './sidebar-results';
import * as setup from './sidebar-setup';
import { sidebarState, type SidebarState } from './sidebar-state';
import { sidebarTrackingUrl, type TrackingUrlRequest } from './sidebar-tracking-url';

/** dist/sidebar.html; Apps Script names project files without their extension. */
const SIDEBAR_FILE = 'sidebar';
/** Seconds a "done" toast stays up. */
const TOAST_SECONDS = 10;

/**
 * Simple trigger: adds the add-on's menu. Under AuthMode.NONE (installed, not yet used in this document)
 * only the menu may be touched, so its labels are English; otherwise (properties and the locale readable)
 * they are in the user's language: their choice in the sidebar, else the spreadsheet locale's.
 */
export function onOpen(e: TriggerEvent | undefined): void {
  const services = gasServices();
  addMenu(services, e !== undefined && e.authMode !== services.scriptApp.AuthMode.NONE ? languageOfUser(services) : 'en');
}

/** The add-on's menu in `language`; added again, it replaces the one shown. */
function addMenu(services: GasServices, language: Language): void {
  const t = (id: MessageId) => formatMessage(id, {}, language);
  services.spreadsheetApp.getUi()
    .createAddonMenu()
    .addItem(t('addon.menu.sidebar'), 'showSidebar')
    .addItem(t('addon.menu.run'), 'runReport')
    .addItem(t('addon.menu.refresh'), 'refreshReport')
    .addSeparator()
    .addItem(t('addon.menu.dashboard'), 'addChartToDashboard')
    .addSeparator()
    .addItem(t('addon.menu.schedule_daily'), 'scheduleDailyReport')
    .addItem(t('addon.menu.schedule_weekly'), 'scheduleWeeklyReport')
    .addItem(t('addon.menu.unschedule'), 'removeScheduledReport')
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

/** Menu item: opens the sidebar, the campaign page (or, on a workbook without data sheets, getting started). */
export function showSidebar(): void {
  const services = gasServices();
  const sidebar = services.htmlService.createHtmlOutputFromFile(SIDEBAR_FILE).setTitle(formatMessage('sidebar.title', {}, languageOfUser(services)));
  services.spreadsheetApp.getUi().showSidebar(sidebar);
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
  return present(services, removeReports(services, confirmWith(services), scheduledRefresh(services)));
}

/** Menu item: shows where the data is read from and the report options in use. */
export function showSettings(): void {
  const services = gasServices();
  const { spreadsheetApp, propertiesService } = services;
  const documentProperties = propertiesService.getDocumentProperties();
  const userProperties = propertiesService.getUserProperties();
  const { locale, currency } = settingsOf(spreadsheetApp.getActiveSpreadsheet(), documentProperties);
  const language = userLanguage(userProperties, locale);
  const text = describeSettings(
    dataSheetNames(documentProperties),
    currency,
    parseReportSettings(userReportOptions(services).read()),
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
  const language = userLanguage(propertiesService.getUserProperties(), settings.locale);
  try {
    return validateWorkbook(readDataSheets(spreadsheet, names), settings, names, language);
  } catch (error) {
    // The sidebar shows a failure's message as it is: give it the user's language.
    if (error instanceof AddonError) throw new Error(error.render(language));
    throw error;
  }
}

/**
 * Lists the problems in the campaign data sheets given: one row per problem with its severity, sheet, row,
 * column and message, under a header row. Pass each sheet's columns from row 1 (the header) down, e.g.
 * =CAMPAIGN_DATA_PROBLEMS(Campaigns!A:L, Assets!A:M, Visits!A:O, Deals!A:H, Spend!A:D, DealContacts!A:C, Contacts!A:D).
 * A currency that only a cell's number format shows is seen by the sidebar's data check, not here.
 *
 * @param {Array<Array<*>>} campaigns The Campaigns sheet's range, header row first, e.g. Campaigns!A:L.
 * @param {Array<Array<*>>} assets The Assets sheet's range, header row first, e.g. Assets!A:M.
 * @param {Array<Array<*>>} visits The Visits sheet's range, header row first, e.g. Visits!A:O.
 * @param {Array<Array<*>>} deals The Deals sheet's range, header row first, e.g. Deals!A:H.
 * @param {Array<Array<*>>} spend Optional. The Spend sheet's range, header row first, e.g. Spend!A:D.
 * @param {Array<Array<*>>} deal_contacts Optional. The DealContacts sheet's range, header row first, e.g. DealContacts!A:C.
 * @param {Array<Array<*>>} contacts Optional. The Contacts sheet's range, header row first, e.g. Contacts!A:D.
 * @return The problems as a table, or one cell saying there are none.
 * @customfunction
 */
export function CAMPAIGN_DATA_PROBLEMS(
  campaigns: unknown, assets: unknown, visits: unknown, deals: unknown, spend: unknown, deal_contacts: unknown, contacts: unknown,
): Array<Array<string | number>> {
  // Reads only its arguments (so Sheets recalculates it when the data changes), the spreadsheet's locale
  // and zone, the currency setting and the data sheet settings, all of which custom functions may read.
  // Headers are read through the user's column mapping, as the report reads them; problems name their tabs and headers.
  const { spreadsheetApp, propertiesService } = gasServices();
  const spreadsheet = spreadsheetApp.getActiveSpreadsheet();
  const documentProperties = propertiesService.getDocumentProperties();
  const settings = settingsOf(spreadsheet, documentProperties);
  const names = dataSheetNames(documentProperties);
  const raw = workbookFromRanges({
    Campaigns: campaigns, Assets: assets, Visits: visits, Deals: deals, Spend: spend, DealContacts: deal_contacts, Contacts: contacts,
  }, languageOf(settings.locale), names.columns);
  return problemTable(validateWorkbook(raw, settings, names));
}

// --- Custom functions: campaign figures from the cached facts (README, "Custom functions") ---
// Each takes CAMPAIGN_DATA_VERSION as its optional last argument: Sheets recalculates a custom function only
// when an argument changes, and the add-on changes that cell whenever the data does (through the change trigger,
// kept while such a formula exists).

/**
 * Revenue a campaign is credited with by an attribution model, from deals closed won in the date range.
 * Example: =CAMPAIGN_REVENUE("Spring launch", "U-shaped", "2024-03-01", "2024-03-31", CAMPAIGN_DATA_VERSION)
 *
 * @param {string} campaign The campaign's id, name or utm_campaign value; or a range of them, for one result per cell.
 * @param {string} model Optional. The attribution model by name or id, in English or Dutch: "Linear", "U-shaped", "u_shaped", "U-vormig"… Default: Linear (even split).
 * @param {Date} start Optional. The first day of the range (deals by close date): a date, or text such as "2024-03-01". Default: no first day.
 * @param {Date} end Optional. The last day of the range, included. Default: today, as in the report (after a start later than today: no last day).
 * @param {string} data_version Optional: CAMPAIGN_DATA_VERSION, so the result follows every change to the data.
 * @return The revenue credited to the campaign.
 * @customfunction
 */
export function CAMPAIGN_REVENUE(campaign: unknown, model: unknown, start: unknown, end: unknown, data_version: unknown) {
  return campaignRevenue(gasServices(), campaign, model, start, end, data_version);
}

/**
 * Any figure of a campaign's report by name: sessions, new_contacts, influenced_contacts, influenced_revenue,
 * revenue, deals_with_revenue, associated_deal_value, contacts_with_revenue, contact_create, deal_create,
 * goal_sessions, goal_new_contacts, goal_influenced_contacts, goal_revenue, or a whole-workbook total:
 * closed_won_revenue, unattributed_revenue, contacts_created, deals_created (the campaign may then be "").
 * Example: =CAMPAIGN_METRIC("Spring launch", "new_contacts", "2024-03-01", "2024-03-31", "last", , CAMPAIGN_DATA_VERSION)
 *
 * @param {string} campaign The campaign's id, name or utm_campaign value; or a range of them, for one result per cell.
 * @param {string} metric The figure's name, as listed above (its report label works too, e.g. "Deals with revenue").
 * @param {Date} start Optional. The first day of the range: a date, or text such as "2024-03-01". Default: no first day.
 * @param {Date} end Optional. The last day of the range, included. Default: today, as in the report (after a start later than today: no last day).
 * @param {string} touch Optional. For new_contacts: "first" or "last" touch. Default: first.
 * @param {string} model Optional. For the revenue and credit figures: the attribution model by name or id, in English or Dutch. Default: Linear. A model that is not for the figure (W-shaped or Full path for contact creation, say) gives an empty cell, as in the report.
 * @param {string} data_version Optional: CAMPAIGN_DATA_VERSION, so the result follows every change to the data.
 * @return The figure; empty for a goal that is not set or a model that is not for the figure.
 * @customfunction
 */
export function CAMPAIGN_METRIC(
  campaign: unknown, metric: unknown, start: unknown, end: unknown, touch: unknown, model: unknown, data_version: unknown,
) {
  return campaignMetric(gasServices(), campaign, metric, start, end, touch, model, data_version);
}

/**
 * Influenced revenue: the full amount of every deal closed won in the date range with a contact who
 * interacted with the campaign before the close (no attribution model splits it).
 * Example: =CAMPAIGN_INFLUENCED_REVENUE("Spring launch", , , CAMPAIGN_DATA_VERSION)
 *
 * @param {string} campaign The campaign's id, name or utm_campaign value; or a range of them, for one result per cell.
 * @param {Date} start Optional. The first day of the range (deals by close date): a date, or text such as "2024-03-01". Default: no first day.
 * @param {Date} end Optional. The last day of the range, included. Default: today, as in the report (after a start later than today: no last day).
 * @param {string} data_version Optional: CAMPAIGN_DATA_VERSION, so the result follows every change to the data.
 * @return The influenced revenue.
 * @customfunction
 */
export function CAMPAIGN_INFLUENCED_REVENUE(campaign: unknown, start: unknown, end: unknown, data_version: unknown) {
  return campaignInfluencedRevenue(gasServices(), campaign, start, end, data_version);
}

/**
 * The attribution table of all campaigns, then "(no campaign)", under a header row: campaign id, campaign,
 * revenue, deals with revenue, associated deal value, contacts with revenue, contact and deal creation credit.
 * It spills into the cells below and to the right. Example: =ATTRIBUTION_TABLE("W-shaped", , , CAMPAIGN_DATA_VERSION)
 *
 * @param {string} model Optional. The attribution model by name or id, in English or Dutch. Default: Linear (even split).
 * @param {Date} start Optional. The first day of the range: a date, or text such as "2024-03-01". Default: no first day.
 * @param {Date} end Optional. The last day of the range, included. Default: today, as in the report (after a start later than today: no last day).
 * @param {string} data_version Optional: CAMPAIGN_DATA_VERSION, so the table follows every change to the data.
 * @return The table, header row first.
 * @customfunction
 */
export function ATTRIBUTION_TABLE(model: unknown, start: unknown, end: unknown, data_version: unknown) {
  return attributionTable(gasServices(), model, start, end, data_version);
}

/**
 * A page address tagged with utm parameters, each value URL-encoded; the address keeps its own query
 * parameters and fragment, and utm parameters already in it are replaced.
 * Example: =TRACKING_URL("https://example.com/spring", "spring_launch", "newsletter", "email")
 *
 * @param {string} url The page address, starting with http:// or https://; or a range of them, for one result per cell.
 * @param {string} campaign The utm_campaign value; a campaign's id or name gives its utm_campaign from the Campaigns sheet.
 * @param {string} source The utm_source value, e.g. "newsletter" or "google".
 * @param {string} medium The utm_medium value, e.g. "email" or "cpc".
 * @param {string} term Optional. The utm_term value (the paid search keyword).
 * @param {string} content Optional. The utm_content value (which link or ad variant).
 * @return The tagged address.
 * @customfunction
 */
export function TRACKING_URL(url: unknown, campaign: unknown, source: unknown, medium: unknown, term: unknown, content: unknown) {
  return campaignTrackingUrl(gasServices(), url, campaign, source, medium, term, content);
}

/**
 * Installable change trigger, installed for the user by "Run report" or the sidebar's Run when a formula answers from
 * the facts (keepChangeTrigger, followFormulasWrittenSince): when the data sheets changed, caches
 * the formulas' new facts and updates CAMPAIGN_DATA_VERSION, so the formulas that take it recalculate.
 */
export function onSpreadsheetChange(e: ChangeEvent | undefined): void {
  refreshAfterChange(gasServices(), e);
}

// --- Export, dashboards, sharing and scheduled reports ---

/** Sidebar: the report's sections (one per report sheet), which have a chart and which list contacts. */
export function listReportSections(): ReportSection[] {
  return forSidebar((services) => reportSections(services.spreadsheetApp.getActiveSpreadsheet()));
}

/**
 * Sidebar: exports the report as CSV, XLSX or PDF (all sections or the ones chosen, with the attribution
 * model chosen), saved to Drive and/or e-mailed to the user.
 */
export function exportReport(request: ExportRequest): ExportResult {
  return forSidebar((services) => exportReportFile(services, request));
}

/** Sidebar: the dashboards and the report tables their charts show. */
export function listDashboards(): DashboardSummary[] {
  return forSidebar((services) => dashboardsOf(services.spreadsheetApp.getActiveSpreadsheet()));
}

/** Sidebar: copies a report chart onto a dashboard, an existing one or a new one. */
export function saveChartToDashboard(request: SaveChartRequest): SavedChart {
  // Under the document lock, as a report run updates the dashboards' records too.
  return forSidebar((services) => setup.withDocumentLock(services, () =>
    saveChart(services.spreadsheetApp.getActiveSpreadsheet(), request.table, request.dashboard, languageOfUser(services))));
}

/** Menu item: puts the chart of the report sheet in view on the dashboard (the first one; made if there is none). */
export function addChartToDashboard(): void {
  fromMenu('addon.dashboard.title', (services, language) => {
    const spreadsheet = services.spreadsheetApp.getActiveSpreadsheet();
    const sheet = spreadsheet.getActiveSheet();
    const table = tableOfSheet(spreadsheet, sheet);
    if (table === null) throw new AddonError('addon.dashboard.not_report_sheet', { sheet: sheet.getName() });
    return setup.withDocumentLock(services, () => saveChart(spreadsheet, table, defaultTarget(spreadsheet, language), language).message);
  });
}

/**
 * Sidebar: shares a values-only copy of report sheets with collaborators, as viewers or editors. A sheet
 * that lists contacts is shared only once the user confirms (the first answer asks: needsConfirmation).
 */
export function shareReport(request: ShareRequest): ShareResult {
  return forSidebar((services) => shareCopy(services, request));
}

/** Sidebar: the spreadsheet's scheduled report, if it has one. */
export function getScheduledReport(): ScheduleResult {
  return forSidebar((services) => scheduleStatus(services));
}

// Schedules change under the document lock: two set-ups at once (two editors, or the menu and a sidebar) would each
// replace the trigger and write the record, leaving one that names the other's trigger, which then stops itself.

/** Sidebar: sets up or changes the scheduled report (daily or weekly refresh with an e-mailed digest). */
export function scheduleReport(request: ScheduleRequest): ScheduleResult {
  return forSidebar((services) => setup.withDocumentLock(services, () => setUpSchedule(services, request)));
}

/** Sidebar: stops the scheduled report. */
export function unscheduleReport(): ScheduleResult {
  return forSidebar((services) => setup.withDocumentLock(services, () => removeSchedule(services)));
}

/** Menu item: refreshes the report every day at about 07:00 and e-mails the user a digest. */
export function scheduleDailyReport(): void {
  fromMenu('addon.schedule.title', (services) => setup.withDocumentLock(services, () => setUpScheduleFromMenu(services, 'daily').message));
}

/** Menu item: refreshes the report every Monday at about 07:00 and e-mails the user a digest. */
export function scheduleWeeklyReport(): void {
  fromMenu('addon.schedule.title', (services) => setup.withDocumentLock(services, () => setUpScheduleFromMenu(services, 'weekly').message));
}

/** Menu item: stops the scheduled report. */
export function removeScheduledReport(): void {
  fromMenu('addon.schedule.title', (services) => setup.withDocumentLock(services, () => removeSchedule(services).message));
}

/** Time-driven trigger of a scheduled report: refreshes the report and e-mails the digest, or the reason it failed. */
export function runScheduledReport(e: TimeDrivenEvent | undefined): ScheduledRunStatus {
  const startedAt = Date.now();
  return runSchedule(gasServices(), e, startedAt);
}

// --- The sidebar: the campaign page, getting started and campaign housekeeping ---

/** Sidebar, as it opens: the user's last choices, the campaigns, assets and models, and the data sheets' state. */
export function getSidebarState(): SidebarState {
  return forSidebar((services) => sidebarState(services));
}

/** Sidebar: keeps the controls as the user sets them (per user), without running anything. */
export function saveSidebarChoices(options: SidebarOptions): void {
  const startedAt = Date.now();
  forSidebar((services) => storeSidebarOptions(services, options, spreadsheetDay(services, startedAt)));
}

/**
 * Sidebar, the language control: keeps the user's choice ("auto": the spreadsheet locale's, "en", "nl") for
 * everything the add-on says to them, and returns the sidebar's state in that language.
 */
export function saveSidebarLanguage(choice: LanguageChoice): SidebarState {
  return forSidebar((services) => {
    storeLanguageChoice(services.propertiesService.getUserProperties(), choice);
    // The menu follows at once, not only from the next time the spreadsheet opens.
    addMenu(services, languageOfUser(services));
    return sidebarState(services);
  });
}

/**
 * Sidebar, the workbook currency control: keeps the currency amounts are read in (an ISO code such as "EUR"; ""
 * for automatic, the spreadsheet locale's) for everyone who uses the spreadsheet, and returns the sidebar's state.
 */
export function saveWorkbookCurrency(code: string): SidebarState {
  return forSidebar((services) => {
    storeCurrencyChoice(services, code);
    return sidebarState(services);
  });
}

/**
 * Sidebar "Run": keeps the options and returns the campaign's figures for them; writes no cell. Formulas written
 * since the last report run get their change trigger here (followFormulasWrittenSince).
 */
export function runSidebar(options: SidebarOptions): CampaignResults | BlockedResults {
  const startedAt = Date.now();
  return forSidebar((services) => {
    const results = campaignResults(services, options, startedAt);
    followFormulasWrittenSince(services, services.spreadsheetApp.getActiveSpreadsheet(), startedAt);
    return results;
  });
}

/** Sidebar "Write report sheets": the report sheets for the sidebar's options. */
export function writeReportFromSidebar(options: SidebarOptions): ReportOutcome {
  const startedAt = Date.now();
  return forSidebar((services) => writeSidebarReport(services, options, confirmWith(services), startedAt));
}

/**
 * Sidebar, the Share, dashboard and Schedule panels (which work on the report sheets as last written): the
 * report they hold, and whether the options on screen are the ones it was written with; null when none is written.
 */
export function getWrittenReport(options: SidebarOptions): WrittenReport | null {
  const startedAt = Date.now();
  return forSidebar((services) => writtenReport(services, options, spreadsheetDay(services, startedAt)));
}

/** Sidebar, a click on an amount: shows the drill-down sheet behind it (writing the report for it when needed). */
export function openDrillDownSheet(options: SidebarOptions, amount: DrillDownFigure): ReportOutcome {
  const startedAt = Date.now();
  return forSidebar((services) => openDrillDown(services, options, amount, confirmWith(services), startedAt));
}

/** Sidebar, getting started: creates the data sheets the workbook lacks (headers, dropdowns, date formats, an example). */
export function createDataSheets(request: setup.CreateSheetsRequest): setup.SetupResult {
  return forSidebar((services) => setup.createDataSheets(services, request));
}

/** Sidebar, getting started: remembers which tab and header holds each data sheet and column. */
export function saveDataSheetMapping(request: setup.MappingRequest): setup.SetupResult {
  return forSidebar((services) => setup.saveDataSheetMapping(services, request));
}

/**
 * Sidebar, campaign housekeeping: creates or renames a campaign, or links an asset to one. Unconfirmed, it
 * only describes the one row it would write; confirmed, with `shown` the row the user confirmed, it writes
 * it, unless the data changed meanwhile: it then describes the new row, to be confirmed again.
 */
export function changeCampaign(change: CampaignChange, confirmed: boolean, shown?: ShownRow): ChangeOutcome {
  return forSidebar((services) => changeCampaigns(services, change, confirmed === true, shown));
}

/** Sidebar: a page address tagged with the campaign's utm values. */
export function createTrackingUrl(request: TrackingUrlRequest): { url: string; utm: string } {
  return forSidebar((services) => sidebarTrackingUrl(services, request));
}

/** A sidebar call: a failure the user can act on reaches the sidebar as its message, in their language. */
function forSidebar<T>(work: (services: GasServices) => T): T {
  const services = gasServices();
  try {
    return work(services);
  } catch (error) {
    if (error instanceof AddonError) throw new Error(error.render(languageOfUser(services)));
    throw error;
  }
}

/** A menu item: what happened, or what stopped it, in a dialog. Other errors (the consent prompt among them) pass. */
function fromMenu(titleId: MessageId, work: (services: GasServices, language: Language) => string): void {
  const services = gasServices();
  const language = languageOfUser(services);
  let message: string;
  try {
    message = work(services, language);
  } catch (error) {
    if (!(error instanceof AddonError)) throw error;
    message = error.render(language);
  }
  const ui = services.spreadsheetApp.getUi();
  ui.alert(formatMessage(titleId, {}, language), message, ui.ButtonSet.OK);
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
    courtesy(() => spreadsheetApp.getActiveSpreadsheet().toast(outcome.message, outcome.title, TOAST_SECONDS));
  } else {
    const ui = spreadsheetApp.getUi();
    ui.alert(outcome.title, outcome.message, ui.ButtonSet.OK);
  }
  return outcome;
}
