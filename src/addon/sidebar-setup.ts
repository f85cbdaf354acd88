import { canonicalHeaders, COLUMN_KINDS, COLUMN_SPECS, resolveHeader, type ColumnKind, type ColumnSpec } from '../core/ingest/columns';
import { formatMessage, type Language, type MessageId } from '../core/messages';
import { addDays, dayKey, wallClockSerial } from '../core/time';
import { REQUIRED_SHEETS, SHEET_NAMES, type Cell, type Problem, type SheetName } from '../core/types';
import { AddonError, courtesy, errorMessage } from './addon-error';
import { publishChangesMadeMeanwhile, refreshAfterOwnChange } from './formula-facts-source';
import { mappedHeader } from './data-sheets';
import type { GasServices } from './gas-adapters';
import type { SheetPort, SpreadsheetPort, WrittenCell } from './ports';
import { findDashboards } from './dashboard';
import { VERSION_SHEET_KEY } from './formula-data-version';
import { findOwnedSheets, idStamp } from './owned-sheets';
import { findReportSheets } from './report-sheets';
import { dataSheetNames, PROPERTY_KEYS, userLanguage, type ColumnMapping, type DataSheetNames } from './settings';
import { utmOf } from './sidebar-names';
import { settingsOf } from './validation';

// Getting started: where the data sheets are, and what to do when they are not there. A workbook without
// them gets them created (headers, formats, dropdowns for the closed lists, optionally a small worked
// example); a workbook whose tabs or headers use other names (a CRM export) gets a mapping step, kept in
// document properties (settings.ts) and applied wherever the data is read (data-sheets.ts).

export interface ColumnStatus {
  name: string;
  required: boolean;
  /** The header the column is read from; null when the tab has none for it. */
  header: string | null;
  /** The user pointed the column at this header (rather than its name or an alias matching). */
  mapped: boolean;
}

export interface SheetStatus {
  sheet: SheetName;
  required: boolean;
  /** The tab it is read from. */
  tab: string;
  exists: boolean;
  columns: ColumnStatus[];
  /**
   * What the tab still lacks for the sheet to be read, as ingest checks it: per entry the columns of which
   * one is needed, e.g. [["amount"]] for a required column, [["visitor_id", "contact_id"]] for Visits.
   */
  missing: string[][];
}

/** A tab the user may point a data sheet at, with its header row. */
export interface TabInfo {
  name: string;
  headers: string[];
}

export interface SetupStatus {
  sheets: SheetStatus[];
  /** The spreadsheet's tabs, the add-on's own sheets left out. */
  tabs: TabInfo[];
  /** None of the required data sheets exists: the sidebar offers to create them. */
  empty: boolean;
  /** Every required data sheet exists with all its required columns. */
  ready: boolean;
}

export interface CreateSheetsRequest {
  /** Fill the new sheets with a small worked example. */
  example: boolean;
  /** Create the optional sheets (Spend, DealContacts, Contacts) too. */
  optional: boolean;
}

export interface SetupResult {
  message: string;
  status: SetupStatus;
}

export interface MappingRequest {
  /** The tab each data sheet is in; a sheet left out is read from the tab of its own name. */
  tabs: Partial<Record<SheetName, string>>;
  /**
   * Per sheet, column name → the header it is in, or null: not in this tab (no header is read as it, not even
   * one matching its name or an alias); columns left out are found by name or alias.
   */
  columns: ColumnMapping;
}

/** The header row as text, trailing empty cells dropped; `known` when the tab was read already. */
function headerRow(sheet: SheetPort, known: Cell[] | undefined): string[] {
  const row = known ?? sheet.getRange(1, 1, 1, sheet.getMaxColumns()).getValues()[0];
  const cells = row.map((cell) => String(cell ?? '').trim());
  while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
  return cells;
}

const specsOf = (sheet: SheetName) => COLUMN_SPECS[sheet] as readonly ColumnSpec[];

/** `headers`: the header rows of tabs already read (readDataSheets), by tab name; other tabs' are read here. */
export function setupStatus(spreadsheet: SpreadsheetPort, names: DataSheetNames, headers?: ReadonlyMap<string, Cell[]>): SetupStatus {
  // The add-on's own sheets (report sheets, the formulas' hidden version sheet, dashboards) are never data tabs.
  const ownSheetIds = new Set([
    ...[...findReportSheets(spreadsheet).values()].map((sheet) => sheet.getSheetId()),
    ...[...findOwnedSheets(spreadsheet, VERSION_SHEET_KEY, idStamp), ...findDashboards(spreadsheet)].map((owned) => owned.stamp.sheetId),
  ]);
  const tabs = spreadsheet.getSheets()
    .filter((sheet) => !ownSheetIds.has(sheet.getSheetId()))
    .map((sheet) => ({ name: sheet.getName(), headers: headerRow(sheet, headers?.get(sheet.getName())) }));
  const sheets = SHEET_NAMES.map((sheet): SheetStatus => {
    const tab = tabs.find((t) => t.name === names[sheet]);
    const mapping = names.columns?.[sheet] ?? {};
    const header = tab ? mappedHeader(sheet, tab.headers, mapping) : [];
    const problems: Problem[] = [];
    const { index } = resolveHeader(sheet, header, problems) as { index: Record<string, number> };
    return {
      sheet,
      required: REQUIRED_SHEETS.includes(sheet),
      tab: names[sheet],
      exists: tab !== undefined,
      columns: specsOf(sheet).map((spec) => ({
        name: spec.name,
        required: spec.required,
        header: tab && index[spec.name] >= 0 ? tab.headers[index[spec.name]] : null,
        mapped: spec.name in mapping && tab !== undefined && index[spec.name] >= 0,
      })),
      missing: problems.filter((p) => p.fatal).map((p) => (p.messageId === 'ingest.columns_missing_one_of'
        ? String(p.params.columns).split(', ') : [p.column ?? ''])),
    };
  });
  const required = sheets.filter((s) => s.required);
  return {
    sheets,
    tabs,
    empty: required.every((s) => !s.exists),
    ready: required.every((s) => s.exists && s.missing.length === 0),
  };
}

// --- Creating the data sheets ---

/** How long a write waits for another execution's (a report run, another user's sidebar) to finish. */
const LOCK_WAIT_MS = 5_000;

/** `work` holding the document lock, so two writers never pick the same new row or sheet name. */
/**
 * A change trigger that found the lock taken left its mark to whoever held it: this call, now. The work is
 * done either way; formulas that cannot follow now follow the next change or report run.
 */
function publishQuietly(services: GasServices, startedAt: number): void {
  try {
    publishChangesMadeMeanwhile(services, startedAt);
  } catch {
    // As above: nothing of the user's work depends on it.
  }
}

export function withDocumentLock<T>(services: GasServices, work: () => T): T {
  const startedAt = Date.now();
  const lock = services.lockService.getDocumentLock();
  if (!lock.tryLock(LOCK_WAIT_MS)) throw new AddonError('sidebar.busy');
  try {
    return work();
  } finally {
    courtesy(() => lock.releaseLock());
    publishQuietly(services, startedAt);
  }
}

const DATE_FORMAT = 'yyyy-mm-dd';
export const DATE_TIME_FORMAT = 'yyyy-mm-dd hh:mm';
const TEXT_FORMAT = '@';
const NUMBER_FORMATS: Record<Exclude<ColumnKind, object>, string> = {
  text: TEXT_FORMAT, date: DATE_FORMAT, datetime: DATE_TIME_FORMAT, time: 'hh:mm:ss', amount: '#,##0.00', count: '0', checkbox: 'General',
};

function kindOf(sheet: SheetName, column: string): ColumnKind {
  return (COLUMN_KINDS[sheet] as Record<string, ColumnKind | undefined>)[column] ?? 'text';
}

/** The number format new cells of a column get (enumerations are text). */
function columnFormat(sheet: SheetName, column: string): string {
  const kind = kindOf(sheet, column);
  return typeof kind === 'object' ? TEXT_FORMAT : NUMBER_FORMATS[kind];
}

/** A wall-clock time as a Sheets serial number, no zone involved. */
function serialOf(day: string, hour = 0, minute = 0): number {
  const [y, m, d] = day.split('-').map(Number);
  return wallClockSerial(Date.UTC(y, m - 1, d, hour, minute));
}


type ExampleRow = Record<string, WrittenCell>;

/**
 * A small worked example, dated relative to `today` so that every date preset shows something, named in the
 * user's language: one campaign with a landing page and an e-mail; Anna reads the page from the e-mail,
 * fills in its form and later buys (1,200); Ben clicks the e-mail and visits the page.
 */
function exampleRows(today: string, language: Language): Record<SheetName, ExampleRow[]> {
  const at = (daysAgo: number, hour = 10, minute = 0) => serialOf(addDays(today, -daysAgo), hour, minute);
  const t = (id: MessageId) => formatMessage(id, {}, language);
  const campaign = t('sidebar.setup.example_campaign');
  // The campaign's utm value as the sidebar makes one for a new campaign: from its name.
  const utm = utmOf(campaign);
  const page = 'https://example.com/spring';
  return {
    Campaigns: [{
      campaign_id: 'C1', name: campaign, utm_campaign: utm, created_at: at(60, 9), start_date: serialOf(addDays(today, -60)),
      goal_sessions: 10, goal_new_contacts: 4, goal_influenced_contacts: 4, goal_revenue: 5000, budget: 800,
    }],
    Assets: [
      { asset_id: 'A1', campaign_id: 'C1', type: 'landing_page', name: t('sidebar.setup.example_landing_page'), url: page },
      { asset_id: 'A2', campaign_id: 'C1', type: 'email', name: t('sidebar.setup.example_newsletter'), sent: 120, delivered: 118 },
    ],
    Visits: [
      { timestamp: at(40), visitor_id: 'v1', interaction_type: 'email_click', asset_id: 'A2' },
      {
        timestamp: at(40, 10, 1), visitor_id: 'v1', interaction_type: 'page_view', url: `${page}?utm_source=newsletter&utm_medium=email&utm_campaign=${utm}`,
        asset_id: 'A1', utm_source: 'newsletter', utm_medium: 'email', utm_campaign: utm,
      },
      { timestamp: at(40, 10, 4), visitor_id: 'v1', contact_id: 'k1', interaction_type: 'form_submission', url: page, asset_id: 'A1' },
      { timestamp: at(20), visitor_id: 'v2', contact_id: 'k2', interaction_type: 'email_click', asset_id: 'A2' },
      { timestamp: at(20, 10, 2), visitor_id: 'v2', contact_id: 'k2', interaction_type: 'page_view', url: page, asset_id: 'A1' },
    ],
    Deals: [{
      deal_id: 'D1', name: t('sidebar.setup.example_deal'), amount: 1200, stage: 'won', created_at: at(30), closed_at: at(10), contact_ids: 'k1',
    }],
    Spend: [{ date: serialOf(addDays(today, -45)), campaign_id: 'C1', amount: 300, channel: 'email' }],
    DealContacts: [],
    Contacts: [
      { contact_id: 'k1', created_at: at(40, 10, 4), email: 'anna@example.com', visitor_ids: 'v1' },
      { contact_id: 'k2', created_at: at(50), email: 'ben@example.com', visitor_ids: 'v2' },
    ],
  };
}

/** Header (bold, frozen), formats and validation for every row below it, then the example rows if any. */
function fillNewSheet(services: GasServices, sheet: SheetPort, name: SheetName, example: ExampleRow[]): void {
  const headers = canonicalHeaders(name);
  const width = headers.length;
  const rows = sheet.getMaxRows() - 1;
  const headerRange = sheet.getRange(1, 1, 1, width);
  headerRange.setNumberFormats([headers.map(() => TEXT_FORMAT)]);
  headerRange.setValues([headers]);
  headerRange.setFontWeights([headers.map(() => 'bold' as const)]);
  sheet.setFrozenRows(1);
  const formats = headers.map((column) => columnFormat(name, column));
  sheet.getRange(2, 1, rows, width).setNumberFormats(Array.from({ length: rows }, () => formats));
  headers.forEach((column, i) => {
    const kind = kindOf(name, column);
    if (kind !== 'checkbox' && typeof kind !== 'object') return;
    const builder = services.spreadsheetApp.newDataValidation();
    // Lists warn rather than reject: ingest also reads aliases ("Closed won", "Landing page").
    const rule = kind === 'checkbox' ? builder.requireCheckbox().setAllowInvalid(false) : builder.requireValueInList([...kind.list], true).setAllowInvalid(true);
    sheet.getRange(2, i + 1, rows, 1).setDataValidation(rule.build());
  });
  if (example.length > 0) {
    sheet.getRange(2, 1, example.length, width).setValues(example.map((row) => headers.map((column) => row[column] ?? '')));
  }
}

/** Creates the data sheets the workbook lacks, under the tab names the settings give them. */
export function createDataSheets(services: GasServices, request: CreateSheetsRequest): SetupResult {
  const spreadsheet = services.spreadsheetApp.getActiveSpreadsheet();
  const documentProperties = services.propertiesService.getDocumentProperties();
  const reading = settingsOf(spreadsheet, documentProperties);
  const language = userLanguage(services.propertiesService.getUserProperties(), reading.locale);
  const names = dataSheetNames(documentProperties);
  const wanted = SHEET_NAMES.filter((sheet) => REQUIRED_SHEETS.includes(sheet) || request.optional === true);
  const missing = wanted.filter((sheet) => spreadsheet.getSheetByName(names[sheet]) === null);
  // An example among data of the user's own would mix with it: only a workbook with none of the sheets gets one.
  const example = request.example === true && missing.length === wanted.length;
  const rows = example ? exampleRows(dayKey(Date.now(), reading.timeZone), language) : null;
  const t = (id: MessageId, params?: Record<string, string | number>) => formatMessage(id, params, language);
  withDocumentLock(services, () => {
    // All or nothing: a sheet left half made (no header, half an example) would keep the workbook from being
    // ready, and a second try skips the sheets that exist, example and all.
    const active = spreadsheet.getActiveSheet();
    const created: SheetPort[] = [];
    try {
      for (const sheet of missing) {
        const tab = spreadsheet.insertSheet(names[sheet], spreadsheet.getNumSheets());
        created.push(tab);
        fillNewSheet(services, tab, sheet, rows?.[sheet] ?? []);
      }
    } catch (error) {
      const left = created.filter((tab) => !courtesy(() => spreadsheet.deleteSheet(tab)));
      // Back to the sheet the user was on (inserting one moves there).
      courtesy(() => active.activate());
      throw new AddonError(left.length === 0 ? 'sidebar.setup.failed' : 'sidebar.setup.failed_left', {
        reason: errorMessage(error, language), sheets: left.map((tab) => tab.getName()).join(', '),
      });
    }
    // The sheets stand: showing the first of them is a courtesy.
    courtesy(() => created[0]?.activate());
  });
  const message = missing.length === 0
    ? t('sidebar.setup.nothing_to_create')
    : t(example ? 'sidebar.setup.created_example' : 'sidebar.setup.created', { sheets: missing.map((sheet) => names[sheet]).join(', ') });
  return { message, status: setupStatus(spreadsheet, dataSheetNames(documentProperties)) };
}

// --- The mapping step ---

/** Checks the user's mapping against the tabs and headers there are, then keeps it in document properties. */
export function saveDataSheetMapping(services: GasServices, request: MappingRequest): SetupResult {
  const spreadsheet = services.spreadsheetApp.getActiveSpreadsheet();
  const documentProperties = services.propertiesService.getDocumentProperties();
  const language = userLanguage(services.propertiesService.getUserProperties(), settingsOf(spreadsheet, documentProperties).locale);
  const tabs: Partial<Record<SheetName, string>> = {};
  const columns: ColumnMapping = {};
  for (const sheet of SHEET_NAMES) {
    const tabName = (request.tabs?.[sheet] ?? '').trim() || sheet;
    const tab = spreadsheet.getSheetByName(tabName);
    if (tab === null) {
      if (tabName !== sheet) throw new AddonError('sidebar.mapping.tab_missing', { sheet, tab: tabName });
      continue;
    }
    if (tabName !== sheet) tabs[sheet] = tabName;
    const entries = Object.entries(request.columns?.[sheet] ?? {});
    const chosen = entries.filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1].trim() !== '');
    const absent = entries.filter(([, header]) => header === null);
    if (chosen.length === 0 && absent.length === 0) continue;
    const headers = headerRow(tab, undefined);
    const known = new Set(specsOf(sheet).map((spec) => spec.name));
    for (const [column] of [...chosen, ...absent]) {
      if (!known.has(column)) throw new AddonError('sidebar.mapping.column_unknown', { sheet, column });
    }
    const taken = new Map<string, string>();
    for (const [column, header] of chosen) {
      if (!headers.includes(header)) throw new AddonError('sidebar.mapping.header_missing', { tab: tabName, header, column });
      const other = taken.get(header);
      if (other !== undefined) throw new AddonError('sidebar.mapping.header_twice', { tab: tabName, header, first: other, second: column });
      taken.set(header, column);
    }
    columns[sheet] = Object.fromEntries([...chosen, ...absent]);
  }
  // One write: tabs and columns belong together (the columns of one tab applied to another would mislead).
  documentProperties.setProperties({ [PROPERTY_KEYS.dataSheets]: JSON.stringify(tabs), [PROPERTY_KEYS.columnMapping]: JSON.stringify(columns) });
  // Other tabs or columns are other data to the formulas.
  refreshAfterOwnChange(services);
  const status = setupStatus(spreadsheet, dataSheetNames(documentProperties));
  const missing = status.sheets.flatMap((s) => (s.required ? missingColumns(s, language) : []));
  const message = missing.length === 0
    ? formatMessage('sidebar.mapping.saved', {}, language)
    : formatMessage('sidebar.mapping.saved_incomplete', { columns: missing.join(', ') }, language);
  return { message, status };
}

/** "Deals: amount" for each required column a sheet still lacks (the whole sheet when it does not exist). */
function missingColumns(status: SheetStatus, language: Language): string[] {
  if (!status.exists) return [status.tab];
  return status.missing.map((columns) => `${status.tab}: ${columns.length === 1
    ? columns[0] : formatMessage('sidebar.mapping.one_of', { columns: columns.join(', ') }, language)}`);
}
