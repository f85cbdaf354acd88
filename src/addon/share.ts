import { formatMessage, type MessageId } from '../core/messages';
import { dayKey } from '../core/time';
import { displayCell } from '../core/ingest/cells';
import type { Cell } from '../core/types';
import { AddonError } from './addon-error';
import type { GasServices } from './gas-adapters';
import { parseAddresses } from './mail';
import type { WrittenCell } from './ports';
import { createCopy, trashCopy, type CopiedSheet } from './report-copy';
import { HEADER_ROW, TITLE_ROW, type ChartLayout } from './report-grid';
import { findReportCharts, findReportSheets } from './report-sheets';
import { FEATURE_SCOPES, requireScopes } from './scopes';
import { userLanguage } from './settings';
import { settingsOf } from './validation';

// "Share with collaborators": the report sheets chosen, copied as values (no formulas, nothing linking back)
// into a new spreadsheet the add-on creates (report-copy.ts), shared with the given addresses as viewers or
// editors through Drive. Each sheet's chart is drawn there as the export draws it, from the layout tableGrid
// made (stamped on the report sheet: report-sheets.ts). Only report sheets the add-on owns can be chosen, so
// the raw data sheets never go along; and a report sheet that lists contacts (personal data) needs the
// user's explicit confirmation.

export type ShareRole = 'viewer' | 'editor';

export interface ShareRequest {
  /** Report table ids (e.g. "overview"). */
  tables: string[];
  /** E-mail addresses; an entry may hold several, separated by commas, semicolons or spaces. */
  emails: string[];
  role: ShareRole;
  /** The user confirmed sharing sheets that list contacts (asked for when false and such a sheet is chosen). */
  confirmPersonalData: boolean;
}

export interface ShareResult {
  shared: boolean;
  /** True when nothing was shared because the user must first confirm sharing personal data (`message` says what). */
  needsConfirmation: boolean;
  message: string;
  /** The shared spreadsheet. */
  url: string | null;
  /** The addresses it was shared with. */
  emails: string[];
}

/** Report tables whose rows name contacts: the drill-downs list the contacts behind each credited interaction or influenced deal. */
export const PERSONAL_DATA_TABLES: ReadonlySet<string> = new Set(['drill_down', 'drill_down_even_split', 'influenced_revenue_drill_down']);

const ROLES: readonly ShareRole[] = ['viewer', 'editor'];

export function shareReport(services: GasServices, request: ShareRequest): ShareResult {
  if (!ROLES.includes(request.role)) throw new AddonError('addon.share.role_unknown', { role: String(request.role) });
  const emails = parseAddresses(request.emails ?? []);
  if (emails.length === 0) throw new AddonError('addon.share.no_recipients');
  const wanted = [...new Set(request.tables ?? [])];
  if (wanted.length === 0) throw new AddonError('addon.share.no_sections');
  requireScopes(services.scriptApp, FEATURE_SCOPES.share);

  const spreadsheet = services.spreadsheetApp.getActiveSpreadsheet();
  const reading = settingsOf(spreadsheet, services.propertiesService.getDocumentProperties());
  const language = userLanguage(services.propertiesService.getUserProperties(), reading.locale);
  const t = (id: MessageId, params?: Record<string, string | number>) => formatMessage(id, params, language);
  const reportSheets = findReportSheets(spreadsheet);
  const missing = wanted.filter((table) => !reportSheets.has(table));
  if (missing.length > 0) throw new AddonError('addon.share.sections_unknown', { ids: missing.join(', ') });
  // Sheet order, as in the user's spreadsheet.
  const chosen = [...reportSheets].filter(([table]) => wanted.includes(table));

  const personal = chosen.filter(([table]) => PERSONAL_DATA_TABLES.has(table)).map(([, sheet]) => sheet.getName());
  if (personal.length > 0 && request.confirmPersonalData !== true) {
    return { shared: false, needsConfirmation: true, message: t('addon.share.personal_data', { sheets: personal.join(', ') }), url: null, emails };
  }

  const charts = findReportCharts(spreadsheet);
  const sheets: CopiedSheet[] = chosen.map(([table, sheet]) => {
    const range = sheet.getDataRange();
    const values = range.getValues().map((row) => row.map(writtenCell));
    return {
      title: sheet.getName(),
      values,
      numberFormats: range.getNumberFormats(),
      fontWeights: values.map((row, r) => row.map(() => (r + 1 === TITLE_ROW || r + 1 === HEADER_ROW ? 'bold' : 'normal'))),
      chart: chartWithin(charts.get(table) ?? null, values),
    };
  });
  const title = t('addon.share.copy_title', { spreadsheet: spreadsheet.getName(), date: dayKey(Date.now(), reading.timeZone) });
  const copy = createCopy(services, title, sheets, reading);
  try {
    const file = services.driveApp.getFileById(copy.id);
    if (request.role === 'editor') file.addEditors(emails);
    else file.addViewers(emails);
  } catch (error) {
    // Not shared: a copy nobody can see is of no use to the user.
    trashCopy(services, copy.id);
    throw error;
  }
  return {
    shared: true,
    needsConfirmation: false,
    message: t(request.role === 'editor' ? 'addon.share.done_editors' : 'addon.share.done_viewers', {
      sheets: sheets.length, emails: emails.join(', '), url: copy.url,
    }),
    url: copy.url,
    emails,
  };
}

/** The stamped chart, if the cells it reads are among those copied (a sheet the user cut short gets none). */
function chartWithin(layout: ChartLayout | null, values: readonly WrittenCell[][]): ChartLayout | null {
  const width = Math.max(0, ...values.map((row) => row.length));
  return layout !== null && layout.lastRow <= values.length && layout.columns.every((column) => column <= width) ? layout : null;
}

/** Report sheets hold text and numbers; anything else the user typed there is copied as its text. */
function writtenCell(value: Cell): WrittenCell {
  return typeof value === 'number' ? value : displayCell(value);
}
