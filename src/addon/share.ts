import { formatMessage, tableTitle, type Language, type MessageId } from '../core/messages';
import { dayKey } from '../core/time';
import { displayCell } from '../core/ingest/cells';
import type { Cell } from '../core/types';
import { AddonError, courtesy, errorMessage } from './addon-error';
import type { GasServices } from './gas-adapters';
import { parseAddresses } from './mail';
import type { WrittenCell } from './ports';
import { shareFile, unshareFile, type ShareRole } from './drive-files';
import { createCopy, discardCopy, forgetCopy, widestRow, type CopiedSheet, type Copy } from './report-copy';
import { HEADER_ROW, TITLE_ROW } from '../core/render/sheet-layout';
import type { ChartLayout } from './report-grid';
import { findReportCharts, findReportSheets } from './report-sheets';
import { FEATURE_SCOPES, requireScopes } from './scopes';
import { userLanguage } from './settings';
import { settingsOf } from './validation';

// "Share with collaborators": the report sheets chosen, copied as values (no formulas, nothing linking back)
// into a new spreadsheet the add-on creates (report-copy.ts), shared with the given addresses as viewers or
// editors through Drive. Each sheet's chart is drawn there as the export draws it, from the layout tableGrid
// made (stamped on the report sheet: report-sheets.ts). Only report sheets the add-on owns can be chosen, so
// the raw data sheets never go along; and a report sheet that lists contacts (personal data) needs the
// user's explicit confirmation. Each sheet of the copy is protected: only the user who shared it can change
// its figures, while editors can add sheets of their own. The copy is a snapshot: it does not follow later runs.

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
  /** The sheets chosen that list contacts, when confirmation is needed (the sidebar words its question anew in another language). */
  personalSheets: string[];
  /** The shared spreadsheet. */
  url: string | null;
  /** The addresses it was shared with. */
  emails: string[];
}

/** Report tables whose rows name contacts: the drill-downs list the contacts behind each credited interaction or influenced deal. */
// The problems in the data name contact ids too ("The contact K17 does not appear in Contacts").
export const PERSONAL_DATA_TABLES: ReadonlySet<string> = new Set(['drill_down', 'drill_down_even_split', 'influenced_revenue_drill_down', 'data_problems']);

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
  if (missing.length > 0) {
    throw new AddonError('addon.share.sections_unknown', { ids: missing.map((table) => `"${tableTitle(table, language) ?? table}"`).join(', ') });
  }
  // Sheet order, as in the user's spreadsheet.
  const chosen = [...reportSheets].filter(([table]) => wanted.includes(table));

  const personal = chosen.filter(([table]) => PERSONAL_DATA_TABLES.has(table)).map(([, sheet]) => sheet.getName());
  if (personal.length > 0 && request.confirmPersonalData !== true) {
    return {
      shared: false, needsConfirmation: true, message: t('addon.share.personal_data', { sheets: personal.join(', ') }), personalSheets: personal, url: null, emails,
    };
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
  const date = dayKey(Date.now(), reading.timeZone);
  const title = t('addon.share.copy_title', { spreadsheet: spreadsheet.getName(), date });
  const copy = createCopy(services, title, sheets, reading, t('addon.share.protection', { date }));
  shareCopy(services, copy, emails, request.role, language);
  return {
    shared: true,
    needsConfirmation: false,
    personalSheets: [],
    message: t(request.role === 'editor' ? 'addon.share.done_editors' : 'addon.share.done_viewers', {
      emails: emails.join(', '), url: copy.url,
    }),
    url: copy.url,
    emails,
  };
}

/**
 * Shares the copy with each address in turn and hands it out; if Drive refuses an address, the access already
 * given is taken back before the copy goes to the trash (a trashed file stays shared), and the error names
 * the address refused. Access that cannot be taken back keeps the copy in the user's Drive, where they can
 * stop sharing it.
 */
function shareCopy(services: GasServices, copy: Copy, emails: readonly string[], role: ShareRole, language: Language): void {
  // No longer a leftover before anyone is invited: a copy once shared must never be trashed by a later export's
  // clean-up (its link would stop working without a word). One this run fails to share it trashes itself (if Drive
  // will not, it stays in the user's Drive, unshared).
  forgetCopy(services, copy.id);
  const granted: Array<{ address: string; permission: string }> = [];
  for (const address of emails) {
    try {
      granted.push({ address, permission: shareFile(services, copy.id, address, role) });
    } catch (error) {
      const reason = errorMessage(error, language);
      // Access Drive would not take back stays given.
      const kept = granted.filter(({ permission }) => !courtesy(() => unshareFile(services, copy.id, permission))).map((grant) => grant.address);
      if (kept.length > 0) {
        throw new AddonError('addon.share.refused_kept', { address, reason, emails: kept.join(', '), url: copy.url });
      }
      discardCopy(services, copy.id);
      throw new AddonError('addon.share.refused', { address, reason });
    }
  }
}

/** The stamped chart, if the cells it reads are among those copied (a sheet the user cut short gets none). */
function chartWithin(layout: ChartLayout | null, values: readonly WrittenCell[][]): ChartLayout | null {
  const width = widestRow(values);
  return layout !== null && layout.lastRow <= values.length && layout.columns.every((column) => column <= width) ? layout : null;
}

/** Report sheets hold text and numbers; anything else the user typed there is copied as its text. */
function writtenCell(value: Cell): WrittenCell {
  return typeof value === 'number' ? value : displayCell(value);
}
