import { formatMessage, type MessageId } from '../core/messages';
import type { GasServices } from './gas-adapters';
import { writeReport, type Confirm, type ReportOutcome } from './report-run';
import { findReportSheets } from './report-sheets';
import { languageOfUser, parseReportSettings, PROPERTY_KEYS } from './settings';
import { spreadsheetDay, storeSidebarOptions, type SidebarOptions } from './sidebar-options';

// The sidebar's writes to report sheets: "Write report sheets", and a click on an amount, which opens the
// drill-down sheet behind it (the campaign's revenue under the model: every credited interaction; its
// influenced revenue: every deal it influenced). Both go through the report run (report-run.ts), so the
// sheets are the ones the menu writes, with the sidebar's options.

/** The amounts of the sidebar that open a drill-down sheet. */
export type DrillDownFigure = 'revenue' | 'influenced_revenue';

/** The report table behind each amount, and what the message says it holds. */
const DRILL_DOWNS: Record<DrillDownFigure, { table: string; opened: MessageId }> = {
  revenue: { table: 'drill_down', opened: 'sidebar.drill.opened' },
  influenced_revenue: { table: 'influenced_revenue_drill_down', opened: 'sidebar.drill.opened_influenced' },
};

/** Stores the options, then writes the report sheets for them (the user answers questions through `confirm`). */
export function writeSidebarReport(services: GasServices, options: SidebarOptions, confirm: Confirm, startedAt: number): ReportOutcome {
  storeSidebarOptions(services, options, spreadsheetDay(services, startedAt));
  return writeReport(services, 'user', confirm, startedAt);
}

/**
 * Shows the drill-down sheet of an amount for the options' campaign and model: the one already written when
 * the report sheets were last written with exactly these options, else the report is written for them first.
 */
export function openDrillDown(
  services: GasServices, options: SidebarOptions, figure: DrillDownFigure, confirm: Confirm, startedAt: number,
): ReportOutcome {
  // A sidebar opened before the influenced revenue had its own sheet names no figure: its amount is the revenue.
  const drillDown = DRILL_DOWNS[figure] ?? DRILL_DOWNS.revenue;
  const settings = storeSidebarOptions(services, options, spreadsheetDay(services, startedAt));
  const spreadsheet = services.spreadsheetApp.getActiveSpreadsheet();
  const documentProperties = services.propertiesService.getDocumentProperties();
  const language = languageOfUser(services);
  const last = documentProperties.getProperty(PROPERTY_KEYS.lastReport);
  const current = last !== null && JSON.stringify(parseReportSettings(last)) === JSON.stringify(parseReportSettings(JSON.stringify(settings)));
  let written = current ? null : writeReport(services, 'user', confirm, startedAt);
  if (written !== null && !written.done) return written;
  let sheet = findReportSheets(spreadsheet).get(drillDown.table);
  // Report sheets written by an older version, without this drill-down: written anew for it.
  if (!sheet && written === null) {
    written = writeReport(services, 'user', confirm, startedAt);
    if (!written.done) return written;
    sheet = findReportSheets(spreadsheet).get(drillDown.table);
  }
  const title = formatMessage('report.title', {}, language);
  if (!sheet) return { done: false, title, message: formatMessage('sidebar.drill.missing', {}, language), problems: [] };
  sheet.activate();
  const opened = formatMessage(drillDown.opened, { sheet: sheet.getName() }, language);
  return written === null
    ? { done: true, title, message: opened, problems: [] }
    : { ...written, message: `${written.message} ${opened}` };
}
