import { formatMessage } from '../core/messages';
import type { GasServices } from './gas-adapters';
import { writeReport, type Confirm, type ReportOutcome } from './report-run';
import { findReportSheets } from './report-sheets';
import { languageOfUser, parseReportSettings, PROPERTY_KEYS } from './settings';
import { spreadsheetDay, storeSidebarOptions, type SidebarOptions } from './sidebar-options';

// The sidebar's writes to report sheets: "Write report sheets", and a click on an amount, which opens the
// drill-down sheet behind it (every credited interaction of the campaign under the model). Both go through
// the report run (report-run.ts), so the sheets are the ones the menu writes, with the sidebar's options.

/** The report table behind every amount: each credited interaction and its share. */
const DRILL_DOWN_TABLE = 'drill_down';

/** Stores the options, then writes the report sheets for them (the user answers questions through `confirm`). */
export function writeSidebarReport(services: GasServices, options: SidebarOptions, confirm: Confirm, startedAt: number): ReportOutcome {
  storeSidebarOptions(services, options, spreadsheetDay(services, startedAt));
  return writeReport(services, 'user', confirm, startedAt);
}

/**
 * Shows the drill-down sheet for the options' campaign and model: the one already written when the report
 * sheets were last written with exactly these options, else the report is written for them first.
 */
export function openDrillDown(services: GasServices, options: SidebarOptions, confirm: Confirm, startedAt: number): ReportOutcome {
  const settings = storeSidebarOptions(services, options, spreadsheetDay(services, startedAt));
  const spreadsheet = services.spreadsheetApp.getActiveSpreadsheet();
  const documentProperties = services.propertiesService.getDocumentProperties();
  const language = languageOfUser(services);
  const last = documentProperties.getProperty(PROPERTY_KEYS.lastReport);
  const current = last !== null && JSON.stringify(parseReportSettings(last)) === JSON.stringify(parseReportSettings(JSON.stringify(settings)));
  const written = current ? null : writeReport(services, 'user', confirm, startedAt);
  if (written !== null && !written.done) return written;
  const sheet = findReportSheets(spreadsheet).get(DRILL_DOWN_TABLE);
  const title = formatMessage('report.title', {}, language);
  if (!sheet) return { done: false, title, message: formatMessage('sidebar.drill.missing', {}, language), problems: [] };
  sheet.activate();
  const opened = formatMessage('sidebar.drill.opened', { sheet: sheet.getName() }, language);
  return written === null
    ? { done: true, title, message: opened, problems: [] }
    : { ...written, message: `${written.message} ${opened}` };
}
