import { countRowsLeftOut } from '../core/ingest/row-counts';
import { columnLetters } from '../core/ingest/columns';
import { findModel } from '../core/engine';
import { EVEN_SPLIT_MODEL } from '../core/engine/models';
import { formatMessage, tableTitle, type Language, type MessageId } from '../core/messages';
import { escapeMarkup } from '../core/render/markup';
import { buildReportData } from '../core/report/report-data';
import { buildReportDocument } from '../core/report/tables';
import { AddonError, errorMessage } from './addon-error';
import type { GasServices } from './gas-adapters';
import { checkMailQuota, MAIL_ATTACHMENT_LIMIT_BYTES, megabytes, sendMail, userAddress } from './mail';
import type { BlobPort, SpreadsheetPort } from './ports';
import { createCopy, discardCopy } from './report-copy';
import { callGoogleApi } from './google-api';
import { createFolder, folderUsable, trashFile, uploadFile, type SavedFile } from './drive-files';
import { tableGrid, type TableGrid } from './report-grid';
import { readReportInputs } from './report-run';
import { findReportSheetCharts, findReportSheets } from './report-sheets';
import { PERSONAL_DATA_TABLES } from './share';
import { FEATURE_SCOPES, requireScopes } from './scopes';
import { lookbackName, PROPERTY_KEYS, reportOptionsOf, touchName, userReportOptions, type ReportSettings } from './settings';
import { sidebarSettings, spreadsheetDay, storedSettings, type SidebarOptions } from './sidebar-options';
import type { ReadingSettings } from './validation';

// "Export": the report as CSV, XLSX or PDF, all sections or the ones chosen, with the attribution model
// chosen, saved to Drive and/or e-mailed to the user. The report is computed afresh (so any model can be
// chosen) and written, just the chosen sections, into a temporary spreadsheet the add-on creates
// (report-copy.ts); the Sheets export endpoint turns that into the file, and the temporary spreadsheet goes
// to the trash whatever happens (even after a run Apps Script killed: report-copy.ts). The user's own
// spreadsheet is never exported: it holds the raw data sheets, which list contacts and should not leave with
// a report (and exporting it would need a restricted Drive scope).

const FORMATS = ['pdf', 'xlsx', 'csv'] as const;
export type ExportFormat = (typeof FORMATS)[number];

export interface ExportRequest {
  format: ExportFormat;
  /** Report table ids (e.g. "overview", "revenue_attribution"); null or empty for all. */
  tables: string[] | null;
  /** An attribution model id; null for the model of the report as last written (else the user's choice). */
  model: string | null;
  /** Save the file in the add-on's folder in the user's Drive. */
  drive: boolean;
  /** E-mail the file to the user. */
  email: boolean;
  /**
   * The sidebar's options as on screen (campaign, date range, touch …): the export is of those. Absent or
   * null: of the report as last written (else the user's stored options).
   */
  options?: SidebarOptions | null;
}

export interface ExportResult {
  message: string;
  fileName: string;
  /** The file in Drive, when saved there. */
  fileUrl: string | null;
  /** Where the file was mailed, when it was. */
  emailedTo: string | null;
  /** The sections exported, in report order. */
  tables: string[];
}

/** A section of the report as the sidebar offers it for export, sharing and dashboards: one report sheet. */
export interface ReportSection {
  table: string;
  /** The report sheet's name. */
  sheet: string;
  /** It has a chart (which can go on a dashboard). */
  chart: boolean;
  /** It lists contacts: sharing it asks for confirmation. */
  personalData: boolean;
}

/** The sections of the report as last written, in sheet order. */
export function reportSections(spreadsheet: SpreadsheetPort): ReportSection[] {
  // The add-on's own chart, where it still has it: a chart the user added to a report sheet is not one to put on a dashboard.
  return [...findReportSheetCharts(spreadsheet)].map(([table, { sheet, chart }]) => ({
    table, sheet: sheet.getName(), chart: chart !== undefined, personalData: PERSONAL_DATA_TABLES.has(table),
  }));
}

/** User property: the id of the Drive folder exports are saved in (the add-on made it, so drive.file reaches it). */
export const EXPORT_FOLDER_KEY = 'campaignAnalytics.exportFolder';

/** The export endpoint's Content-Type for each format: any other answer (a sign-in page, say) is not the file. */
const CONTENT_TYPES: Record<ExportFormat, string> = {
  pdf: 'application/pdf', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', csv: 'text/csv',
};

/** Countries that print on US Letter; everyone else on A4. */
const LETTER_COUNTRIES = new Set(['US', 'CA', 'MX', 'PH', 'CL', 'CO', 'VE']);

/** The export endpoint's URL for the copy; csv names one sheet (gid) and its table's cells (range). */
export function exportUrl(spreadsheetId: string, format: ExportFormat, options: { gid?: number; range?: string; locale: string }): string {
  const country = /^[a-z]{2,3}[-_]([A-Za-z]{2})/i.exec(options.locale)?.[1]?.toUpperCase() ?? '';
  const params: Array<[string, string]> = [['format', format]];
  if (format === 'csv') {
    params.push(['gid', String(options.gid)], ['range', options.range ?? '']);
  } else if (format === 'pdf') {
    params.push(
      ['size', LETTER_COUNTRIES.has(country) ? 'letter' : 'A4'], ['portrait', 'false'], ['fitw', 'true'], ['gridlines', 'false'],
      ['printtitle', 'false'], ['sheetnames', 'true'], ['pagenum', 'CENTER'], ['fzr', 'true'],
    );
  }
  return `https://docs.google.com/spreadsheets/d/${spreadsheetId}/export?${params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}`;
}

export function exportReport(services: GasServices, request: ExportRequest): ExportResult {
  const format = request.format;
  if (!FORMATS.includes(format)) throw new AddonError('addon.export.format_unknown', { format: String(format), allowed: FORMATS.join(', ') });
  if (!request.drive && !request.email) throw new AddonError('addon.export.no_destination');
  if (request.model !== null && !findModel(request.model)) throw new AddonError('addon.export.model_unknown', { model: String(request.model) });
  requireScopes(services.scriptApp, request.email ? FEATURE_SCOPES.exportByMail : FEATURE_SCOPES.exportToDrive);
  // The quota first: finding it spent after the work would waste the user's time.
  const recipient = request.email ? userAddress(services) : null;
  if (recipient !== null) checkMailQuota(services, 1);

  const spreadsheet = services.spreadsheetApp.getActiveSpreadsheet();
  // One day for the whole export: the range resolved, the report computed and the file named on it.
  const today = spreadsheetDay(services, Date.now());
  const settings = exportSettings(services, request, today);
  const inputs = readReportInputs(services, settings);
  const { reading, language } = inputs;
  const t = (id: MessageId, params?: Record<string, string | number>) => formatMessage(id, params, language);
  const data = buildReportData(inputs.analysis, inputs.problems, reportOptionsOf(settings, reading.timeZone, today));
  const doc = buildReportDocument(data, { lang: language, generatedAt: new Date().toISOString(), currency: reading.currency, locale: reading.locale });

  // The sections ticked are those of the report as written; these options and this model may not make them all.
  const written = findReportSheets(spreadsheet);
  const inDoc = (id: string) => doc.tables.some((table) => table.id === id);
  const wanted = request.tables === null || request.tables.length === 0 ? null : new Set(request.tables.map((id) =>
    // With the even split as the model, the model's drill-down is the even split's: the report has no other.
    (id === 'drill_down_even_split' && settings.model === EVEN_SPLIT_MODEL ? 'drill_down' : id)));
  const unknown = wanted === null ? [] : [...wanted].filter((id) => !inDoc(id) && !written.has(id));
  if (unknown.length > 0) {
    const quoted = (titles: readonly string[]) => titles.map((title) => `"${title}"`).join(', ');
    throw new AddonError('addon.export.sections_unknown', {
      ids: quoted(unknown.map((id) => tableTitle(id, language) ?? id)), allowed: quoted(doc.tables.map((table) => table.title)),
    });
  }
  const tables = wanted === null ? doc.tables : doc.tables.filter((table) => wanted.has(table.id));
  // Left out and named as the sidebar names them (one campaign has no whole-workbook chart, say).
  const absent = wanted === null ? [] : [...wanted].filter((id) => !inDoc(id))
    .map((id) => tableTitle(id, language) ?? written.get(id)!.getName());
  if (tables.length === 0) throw new AddonError('addon.export.sections_absent', { sections: absent.join(', ') });
  const provenance = doc.provenanceLines.join(' · ');
  const grids = tables.map((table) => tableGrid(table, provenance, reading.currency, doc.locale));

  // Named for what it holds, so that exports of other campaigns, ranges or options are told apart in Drive and
  // the inbox: the model (with its order for Markov, which changes its credit), the touch (the new contacts) and a
  // lookback window when there is one (the credit). What shapes only the other tables (frequency, the data-driven
  // channels) is in the file's provenance line.
  const { from, to } = doc.provenance;
  const names = new Map(inputs.analysis.campaigns.map((campaign) => [campaign.id, campaign.name]));
  const chosen = settings.campaignIds;
  const { lookbackDays } = settings;
  const modelName = t(findModel(settings.model)!.nameId);
  const fileName = t(lookbackDays === null ? 'addon.export.file_name' : 'addon.export.file_name_lookback', {
    spreadsheet: spreadsheet.getName(),
    campaigns: chosen === null ? t('addon.settings.campaigns_all')
      : chosen.length === 1 ? names.get(chosen[0]) ?? chosen[0] : t('addon.export.file_campaigns', { count: chosen.length }),
    range: from === null ? t('addon.export.file_range_open', { to }) : t('addon.export.file_range', { from, to }),
    model: settings.model === 'markov' ? t('addon.export.file_model_order', { model: modelName, order: settings.markovOrder }) : modelName,
    touch: touchName(settings.touch, language),
    lookback: lookbackDays === null ? '' : lookbackName(lookbackDays, language),
  });
  const blob = exportedFile(services, format, grids, reading, fileName, t('addon.export.temporary_title', { spreadsheet: spreadsheet.getName() }));

  const name = blob.getName() ?? fileName;
  // An e-mail carries at most MAIL_ATTACHMENT_LIMIT_BYTES of attachments: a bigger file is mailed as a link to
  // its copy in Drive, and without one it is refused before anything is saved or sent.
  const size = recipient === null ? 0 : blob.getBytes().length;
  const attach = size <= MAIL_ATTACHMENT_LIMIT_BYTES;
  const sizes = { size: megabytes(size), limit: megabytes(MAIL_ATTACHMENT_LIMIT_BYTES) };
  if (recipient !== null && !attach && !request.drive) throw new AddonError('addon.export.too_big_to_mail', sizes);
  // What the mail says is read before the file is saved: a read that fails after it would leave the file behind.
  const mail = recipient === null ? null
    : { spreadsheet: spreadsheet.getName(), sections: tables.map((table) => table.title).join(', '), url: spreadsheet.getUrl() };
  // Saved first (a link needs the file); a mail that then fails takes the file out again: all or nothing.
  const file = request.drive ? saveToDrive(services, blob, t('addon.export.folder'), language) : null;
  if (recipient !== null && mail !== null) {
    const body = attach || file === null
      ? t('addon.export.mail_body', mail)
      : t('addon.export.mail_body_link', { ...mail, ...sizes, file: file.url });
    mailOrUndo(services, file, name, language, () => sendMail(services, [recipient], {
      subject: t('addon.export.mail_subject', { name }),
      body,
      htmlBody: body.split('\n').map((line) => `<p>${escapeMarkup(line)}</p>`).join(''),
      ...(attach ? { attachments: [blob] } : {}),
    }, language));
  }
  const saved = file === null ? null : t('addon.export.saved', { name, url: file.url });
  const mailed = recipient === null ? null
    : attach ? t('addon.export.mailed', { name, address: recipient })
    : t('addon.export.mailed_link', { name, address: recipient, size: sizes.size });
  const sectionsLeftOut = absent.length === 0 ? null : t('addon.export.sections_left_out', { sections: absent.join(', ') });
  const rowsLeftOut = inputs.errors.length === 0 ? null : t('addon.export.rows_left_out', { count: countRowsLeftOut(inputs.errors) });
  return {
    message: [saved, mailed, sectionsLeftOut, rowsLeftOut].filter((line) => line !== null).join('\n'),
    fileName: name,
    fileUrl: file?.url ?? null,
    emailedTo: recipient,
    tables: tables.map((table) => table.id),
  };
}

/**
 * The report settings an export is of: the sidebar's options when it sent them, else the report as last
 * written (its date preset resolved for `today`, as a refresh does); the model chosen on top.
 */
function exportSettings(services: GasServices, request: ExportRequest, today: string): ReportSettings {
  const settings = request.options != null
    ? sidebarSettings(services, request.options, today)
    : storedSettings(services.propertiesService.getDocumentProperties().getProperty(PROPERTY_KEYS.lastReport) ?? userReportOptions(services).read(), today).settings;
  if (request.model !== null) settings.model = request.model;
  return settings;
}

/** Saves the file in the add-on's exports folder; a failure says that nothing was saved or sent (nothing was yet). */
function saveToDrive(services: GasServices, blob: BlobPort, folderName: string, language: Language): SavedFile {
  try {
    return uploadFile(services, exportFolder(services, folderName), blob);
  } catch (error) {
    throw new AddonError('addon.export.drive_failed', { reason: errorMessage(error, language) });
  }
}

/** Sends the mail; if that fails, the file this export saved to Drive goes to the trash, and the message says what is left. */
function mailOrUndo(services: GasServices, file: SavedFile | null, name: string, language: Language, send: () => void): void {
  try {
    send();
  } catch (error) {
    const reason = errorMessage(error, language);
    if (file !== null) {
      try {
        trashFile(services, file.id);
      } catch {
        throw new AddonError('addon.export.mail_failed_saved', { reason, name, url: file.url });
      }
    }
    throw new AddonError('addon.export.mail_failed', { reason });
  }
}

/**
 * Writes the grids into a temporary copy, exports it and trashes the copy, even when the export fails (a
 * failure to trash leaves the outcome as it was: the copy stays recorded and the next export trashes it).
 */
function exportedFile(
  services: GasServices, format: ExportFormat, grids: readonly TableGrid[], reading: ReadingSettings, fileName: string, title: string,
): BlobPort {
  // CSV holds no charts: the copy gets none.
  const copy = createCopy(services, title, format === 'csv' ? grids.map(csvGrid) : grids, reading, null);
  try {
    // Up to one fetch per section: a 429 or 503 is retried after a pause (report-copy.ts).
    const fetchFile = (url: string, name: string) => {
      const blob = callGoogleApi(services, url, 'get', undefined, 'addon.export.failed', 'addon.export.busy').getBlob();
      const received = blob.getContentType() ?? 'application/octet-stream';
      const expected = CONTENT_TYPES[format];
      if (received.split(';')[0].trim().toLowerCase() !== expected) throw new AddonError('addon.export.not_the_file', { received, expected });
      return blob.setName(name);
    };
    if (format !== 'csv') return fetchFile(exportUrl(copy.id, format, { locale: reading.locale }), `${fileName}.${format}`);
    // One CSV file per section; several go out as one zip.
    const files = grids.map((grid, i) => fetchFile(
      exportUrl(copy.id, 'csv', { gid: copy.sheetIds[i], range: `A1:${columnLetters(grid.width)}${grid.height}`, locale: reading.locale }),
      `${grids.length === 1 ? fileName : fileNameOf(grid.title)}.csv`,
    ));
    return files.length === 1 ? files[0] : services.utilities.zip(files, `${fileName}.zip`);
  } finally {
    discardCopy(services, copy.id);
  }
}

/**
 * A grid as its CSV file holds it: no chart, and a text that Excel or LibreOffice would open as a formula
 * (a campaign named "=HYPERLINK(…)", "+31 20 …", "@SUM(…)") behind an apostrophe, so the file opens as the
 * text it is and runs nothing (OWASP's advice on CSV injection). Numbers, negative ones too, stay numbers.
 */
function csvGrid(grid: TableGrid): TableGrid {
  const safe = (value: TableGrid['values'][number][number]) => (typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value);
  return { ...grid, chart: null, values: grid.values.map((row) => row.map(safe)) };
}

/**
 * A section title as a zip entry's file name: "/" would make a folder of it when unzipped, and Windows
 * refuses \ : * ? " < > | in file names.
 */
function fileNameOf(title: string): string {
  return title.replace(/\s*[\\/:*?"<>|]+\s*/g, ' - ').trim();
}

/** The add-on's exports folder in the user's Drive (its id), made again if the user deleted it. */
function exportFolder(services: GasServices, name: string): string {
  const userProperties = services.propertiesService.getUserProperties();
  const id = userProperties.getProperty(EXPORT_FOLDER_KEY);
  if (id !== null && folderUsable(services, id)) return id;
  const folder = createFolder(services, name);
  userProperties.setProperty(EXPORT_FOLDER_KEY, folder);
  return folder;
}
