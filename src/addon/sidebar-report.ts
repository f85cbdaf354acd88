import { formatMessage, type MessageId } from '../core/messages';
import { AddonError, errorMessage } from './addon-error';
import type { GasServices } from './gas-adapters';
import { writeReport, type Confirm, type ReportOutcome } from './report-run';
import { findReportSheets, reportProvenance } from './report-sheets';
import { languageOfUser, parseReportSettings, PROPERTY_KEYS, type ReportSettings } from './settings';
import { sidebarSettings, spreadsheetDay, storeSidebarOptions, type SidebarOptions } from './sidebar-options';

// The sidebar's writes to report sheets: "Write report sheets", and a click on an amount, which opens the
// drill-down sheet behind it (the campaign's revenue under the model: every credited interaction; its
// influenced revenue: every deal it influenced). Both go through the report run (report-run.ts), so the
// sheets are the ones the menu writes, with the sidebar's options. Sharing, dashboards and schedules work on
// the sheets as last written, so the sidebar shows which report they hold (writtenReport).

/** The amounts of the sidebar that open a drill-down sheet. */
export type DrillDownFigure = 'revenue' | 'influenced_revenue';

/** The report table behind each amount, and what the message says it holds. */
const DRILL_DOWNS: Record<DrillDownFigure, { table: string; opened: MessageId }> = {
  revenue: { table: 'drill_down', opened: 'sidebar.drill.opened' },
  influenced_revenue: { table: 'influenced_revenue_drill_down', opened: 'sidebar.drill.opened_influenced' },
};

/** The report the report sheets hold, and whether the sidebar's options on screen are the ones they were written with. */
export interface WrittenReport {
  /** null: every campaign. */
  campaignIds: string[] | null;
  model: string;
  /** The days the sheets cover: `from` null for no first day. */
  from: string | null;
  to: string;
  current: boolean;
}

/** True when the report sheets were last written with `settings` (the stored last report's JSON: `last`). */
function writtenWith(last: string | null, settings: ReportSettings): boolean {
  return last !== null && JSON.stringify(parseReportSettings(last)) === JSON.stringify(parseReportSettings(JSON.stringify(settings)));
}

/**
 * The report sheets as last written, compared with the sidebar's `options` on `today` (spreadsheetDay); null
 * when there are none, or none whose options are known (the menu's first run failed to keep them).
 */
export function writtenReport(services: GasServices, options: SidebarOptions, today: string): WrittenReport | null {
  const last = services.propertiesService.getDocumentProperties().getProperty(PROPERTY_KEYS.lastReport);
  const provenance = reportProvenance(services.spreadsheetApp.getActiveSpreadsheet());
  if (last === null || provenance === null) return null;
  return {
    campaignIds: parseReportSettings(last).campaignIds,
    model: provenance.model,
    from: provenance.from,
    to: provenance.to,
    current: writtenWithOptions(services, last, provenance.to, options, today),
  };
}

/**
 * Whether the sheets were written with the options on screen, up to the same day (a range up to today written
 * yesterday holds a day less); choices that make no report (an empty range) are not.
 */
function writtenWithOptions(services: GasServices, last: string, writtenTo: string, options: SidebarOptions, today: string): boolean {
  try {
    const settings = sidebarSettings(services, options, today);
    return writtenWith(last, settings) && (settings.to ?? today) === writtenTo;
  } catch (error) {
    // The panel still tells which report the sheets hold (and Stop the schedule needs none).
    if (error instanceof AddonError) return false;
    throw error;
  }
}

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
  const language = languageOfUser(services);
  const last = services.propertiesService.getDocumentProperties().getProperty(PROPERTY_KEYS.lastReport);
  let written = writtenWith(last, settings) ? null : writeReport(services, 'user', confirm, startedAt);
  if (written !== null && !written.done) return written;
  const title = formatMessage('report.title', {}, language);
  try {
    let sheet = findReportSheets(spreadsheet).get(drillDown.table);
    // Report sheets written by an older version, without this drill-down: written anew for it.
    if (!sheet && written === null) {
      written = writeReport(services, 'user', confirm, startedAt);
      if (!written.done) return written;
      sheet = findReportSheets(spreadsheet).get(drillDown.table);
    }
    if (!sheet) return { done: false, title, message: formatMessage('sidebar.drill.missing', {}, language), problems: [] };
    sheet.activate();
    const opened = formatMessage(drillDown.opened, { sheet: sheet.getName() }, language);
    return written === null
      ? { done: true, title, message: opened, problems: [] }
      : { ...written, message: `${written.message} ${opened}` };
  } catch (error) {
    // The report written for it stands: said, with the sheet that could not be shown.
    if (written === null) throw error;
    const notOpened = formatMessage('sidebar.drill.not_opened', { reason: errorMessage(error, language) }, language);
    return { ...written, message: `${written.message} ${notOpened}` };
  }
}
