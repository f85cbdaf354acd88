import { uniqueName } from '../core/unique-name';
import { AddonError } from './addon-error';
import type { GasServices } from './gas-adapters';
import { megabytes } from './mail';
import type { WrittenCell } from './ports';
import { callGoogleApi } from './google-api';
import { trashFile } from './drive-files';
import { CHART_ROWS, HEADER_ROW } from '../core/render/sheet-layout';
import { CHART_COLUMNS, TEXT_FORMAT, type ChartLayout } from './report-grid';
import { MAX_SHEET_NAME } from './report-sheets';
import { withUserLock } from './settings';
import type { ReadingSettings } from './validation';

// A new spreadsheet holding copies of report tables, outside the user's spreadsheet: the temporary one an
// export is made from, and the copy a share hands out. It is made through the Sheets API with the script's
// own token rather than with SpreadsheetApp.create, which needs the "all your spreadsheets" scope; the API
// accepts drive.file for a spreadsheet the add-on creates, and so do the export endpoint and Drive's API.
// Only the cells given go in (values and formats, no formulas), so nothing of the data sheets comes along.
// Every copy is recorded in the user's properties from the moment it exists until it is trashed or handed
// out: Apps Script kills a run at its time limit without running any `finally`, and the next export or share
// trashes what such a run left behind.

export const SHEETS_API = 'https://sheets.googleapis.com/v4/spreadsheets';

/** One sheet of the copy. A TableGrid (report-grid.ts) is one. */
export interface CopiedSheet {
  title: string;
  values: WrittenCell[][];
  numberFormats: string[][];
  fontWeights?: ReadonlyArray<ReadonlyArray<'bold' | 'normal' | null>>;
  backgrounds?: ReadonlyArray<ReadonlyArray<string | null>>;
  fontColors?: ReadonlyArray<ReadonlyArray<string | null>>;
  /** Pixels per column. */
  columnWidths?: readonly number[];
  /** Drawn from the copy's own cells, where the layout says. */
  chart: ChartLayout | null;
}

export interface Copy {
  id: string;
  url: string;
  /** The sheet id of each copied sheet, in order. */
  sheetIds: number[];
}

/** UrlFetchApp sends at most 50 MB in one request: a bigger copy is refused before anything is made. */
const COPY_REQUEST_LIMIT_BYTES = 50 * 1024 * 1024;

/** User property: the copies made and not yet trashed or handed out, with when each was made (epoch ms). */
const PENDING_COPIES_KEY = 'campaignAnalytics.pendingCopies';
/** Apps Script ends every run within 6 minutes: a copy recorded longer ago belongs to no run still going. */
const LONGEST_RUN_MS = 6 * 60 * 1000;
/** How long a leftover copy that cannot be trashed stays on record. */
const GIVE_UP_AFTER_MS = 7 * 24 * 60 * 60 * 1000;

interface PendingCopy {
  id: string;
  at: number;
}

/** Sheets' number format of a cell nobody formatted. */
const GENERAL_FORMAT = 'General';

/**
 * Creates the spreadsheet (one Sheets API call with the values, a second one with the formats and charts)
 * and returns it, recorded as pending. Whoever asked for it then trashes it (discardCopy) or hands it out
 * (forgetCopy); if the second call fails, it is trashed here. With `protection`, each sheet is protected with
 * that description so that only the owner can edit it. Copies earlier runs left behind go to the trash first.
 */
export function createCopy(
  services: GasServices, title: string, sheets: readonly CopiedSheet[], reading: ReadingSettings, protection: string | null,
): Copy {
  trashLeftovers(services);
  const request = copyRequest(title, sheets, reading);
  const payload = JSON.stringify(request);
  checkRequestSize(payload, request.sheets, sheets);
  const sheetIds = request.sheets.map((s) => s.properties.sheetId);
  // The formats go as runs (formatRequests): a few per column or row, far below the size limit.
  const requests = sheets.flatMap((sheet, i) => [
    ...formatRequests(sheetIds[i], sheet),
    ...(sheet.chart === null ? [] : [addChartRequest(sheetIds[i], sheet.chart)]),
    ...(protection === null ? [] : [protectRequest(sheetIds[i], protection)]),
  ]);
  const response = callGoogleApi(services, SHEETS_API, 'post', payload, 'addon.copy.failed');
  const created = JSON.parse(response.getContentText()) as { spreadsheetId: string; spreadsheetUrl: string };
  try {
    recordPending(services, (pending) => [...pending, { id: created.spreadsheetId, at: Date.now() }]);
    if (requests.length > 0) {
      callGoogleApi(services, `${SHEETS_API}/${created.spreadsheetId}:batchUpdate`, 'post', JSON.stringify({ requests }), 'addon.copy.failed');
    }
  } catch (error) {
    discardCopy(services, created.spreadsheetId);
    throw error;
  }
  return { id: created.spreadsheetId, url: created.spreadsheetUrl, sheetIds };
}

/**
 * Moves the copy to the user's Drive trash (the add-on made it, so drive.file reaches it). Never throws: a
 * failure here must not hide how the export or share went, and the copy stays recorded for the next one.
 */
export function discardCopy(services: GasServices, id: string): void {
  try {
    trashFile(services, id);
    forgetCopy(services, id);
  } catch {
    // Stays recorded: the next export or share trashes it.
  }
}

/** The copy is no longer pending (handed out, or trashed): no later run touches it. */
export function forgetCopy(services: GasServices, id: string): void {
  recordPending(services, (pending) => pending.filter((copy) => copy.id !== id));
}

/**
 * Trashes the copies runs left behind (killed, or their trash failed), but none a run may still be using. A
 * copy that still cannot be trashed a week on is gone or out of reach (deleted for good, access lost): it
 * leaves the record, which would otherwise grow past the 9 KB a property holds and stop every export.
 */
function trashLeftovers(services: GasServices): void {
  const now = Date.now();
  for (const { id, at } of pendingCopies(services)) {
    if (now - at <= LONGEST_RUN_MS) continue;
    discardCopy(services, id);
    if (now - at > GIVE_UP_AFTER_MS) forgetCopy(services, id);
  }
}

function pendingCopies(services: GasServices): PendingCopy[] {
  const text = services.propertiesService.getUserProperties().getProperty(PENDING_COPIES_KEY);
  return text === null ? [] : (JSON.parse(text) as PendingCopy[]);
}

/**
 * Two exports or shares of the user's at once would each write back the list as they read it, one losing the
 * other's record (a copy never trashed): changed under the user's lock, and without it only when it is not had.
 */
function recordPending(services: GasServices, change: (pending: PendingCopy[]) => PendingCopy[]): void {
  const record = () => services.propertiesService.getUserProperties().setProperty(PENDING_COPIES_KEY, JSON.stringify(change(pendingCopies(services))));
  withUserLock(services, record, record);
}

/**
 * Refuses a spreadsheets.create body over COPY_REQUEST_LIMIT_BYTES, naming the biggest sections: those
 * without which the rest would fit.
 */
function checkRequestSize(payload: string, requestSheets: readonly object[], sheets: readonly CopiedSheet[]): void {
  // No UTF-16 unit takes more than 3 bytes: a body this short fits whatever it holds (and needs no counting).
  if (payload.length * 3 <= COPY_REQUEST_LIMIT_BYTES) return;
  const size = utf8Length(payload);
  if (size <= COPY_REQUEST_LIMIT_BYTES) return;
  const bySize = sheets
    .map((sheet, i) => ({ title: sheet.title, size: utf8Length(JSON.stringify(requestSheets[i])) }))
    .sort((a, b) => b.size - a.size);
  const biggest: string[] = [];
  let rest = size;
  for (const section of bySize) {
    if (rest <= COPY_REQUEST_LIMIT_BYTES) break;
    biggest.push(section.title);
    rest -= section.size;
  }
  throw new AddonError('addon.copy.too_big', { size: megabytes(size), limit: megabytes(COPY_REQUEST_LIMIT_BYTES), sections: biggest.join(', ') });
}

/** The bytes of `text` in UTF-8, as UrlFetchApp sends it: one per ASCII character, up to 3 per other UTF-16 unit. */
function utf8Length(text: string): number {
  const wide = text.replace(/[\x00-\x7f]+/g, '');
  let bytes = text.length;
  for (let i = 0; i < wide.length; i++) {
    const unit = wide.charCodeAt(i);
    // 2 bytes below U+0800; 3 above; a surrogate pair (2 units) is 4.
    bytes += unit < 0x800 || (unit >= 0xd800 && unit <= 0xdfff) ? 1 : 2;
  }
  return bytes;
}

/** The spreadsheets.create body, values only: sheet ids 1, 2, … so the formats, charts and export can name them. */
export function copyRequest(title: string, sheets: readonly CopiedSheet[], reading: ReadingSettings) {
  const titles = uniqueTitles(sheets.map((s) => s.title));
  return {
    properties: { title, locale: reading.locale, timeZone: reading.timeZone },
    sheets: sheets.map((sheet, i) => {
      const width = Math.max(1, widestRow(sheet.values));
      const { chart } = sheet;
      return {
        properties: {
          sheetId: i + 1,
          title: titles[i],
          index: i,
          gridProperties: {
            rowCount: Math.max(sheet.values.length, HEADER_ROW + 1, chart === null ? 0 : chart.anchorRow + CHART_ROWS - 1),
            columnCount: Math.max(width, chart === null ? 0 : chart.anchorColumn + CHART_COLUMNS - 1),
            frozenRowCount: sheet.values.length > HEADER_ROW ? HEADER_ROW : 0,
          },
        },
        data: [{
          startRow: 0,
          startColumn: 0,
          rowData: sheet.values.map((row) => ({
            values: row.map((value) => (value === '' ? {} : { userEnteredValue: typeof value === 'number' ? { numberValue: value } : { stringValue: value } })),
          })),
          columnMetadata: (sheet.columnWidths ?? []).map((pixelSize) => ({ pixelSize })),
        }],
      };
    }),
  };
}

type CellFormat = Record<string, unknown>;

/**
 * The formats as repeatCell requests, one per run of equal cells: a number format runs down a column, a
 * style along a row. A report table has a handful of runs whatever its length, where formats per cell
 * would triple the size of a large copy.
 */
function formatRequests(sheetId: number, sheet: CopiedSheet) {
  const height = sheet.values.length;
  const width = widestRow(sheet.values);
  const requests: object[] = [];
  const repeat = (rows: [number, number], columns: [number, number], format: CellFormat, fields: string) => requests.push({
    repeatCell: {
      range: { sheetId, startRowIndex: rows[0], endRowIndex: rows[1], startColumnIndex: columns[0], endColumnIndex: columns[1] },
      cell: { userEnteredFormat: format },
      fields,
    },
  });
  /** Calls `emit` for each run of equal, non-null keys among `count` cells. */
  const runs = (count: number, keyAt: (i: number) => string | null, emit: (from: number, to: number, key: string) => void) => {
    for (let from = 0; from < count;) {
      const key = keyAt(from);
      let to = from + 1;
      while (to < count && keyAt(to) === key) to++;
      if (key !== null) emit(from, to, key);
      from = to;
    }
  };
  for (let c = 0; c < width; c++) {
    runs(height, (r) => numberFormatKey(sheet.numberFormats[r]?.[c]), (from, to, key) =>
      repeat([from, to], [c, c + 1], { numberFormat: JSON.parse(key) }, 'userEnteredFormat.numberFormat'));
  }
  for (let r = 0; r < height; r++) {
    runs(width, (c) => (sheet.fontWeights?.[r]?.[c] === 'bold' ? 'bold' : null), (from, to) =>
      repeat([r, r + 1], [from, to], { textFormat: { bold: true } }, 'userEnteredFormat.textFormat.bold'));
    runs(width, (c) => sheet.fontColors?.[r]?.[c] ?? null, (from, to, color) =>
      repeat([r, r + 1], [from, to], { textFormat: { foregroundColor: rgb(color) } }, 'userEnteredFormat.textFormat.foregroundColor'));
    runs(width, (c) => sheet.backgrounds?.[r]?.[c] ?? null, (from, to, color) =>
      repeat([r, r + 1], [from, to], { backgroundColor: rgb(color) }, 'userEnteredFormat.backgroundColor'));
  }
  return requests;
}

/** The API's NumberFormat for a Sheets pattern, as text (so equal formats compare equal); null to leave the cell as it is. */
function numberFormatKey(pattern: string | undefined): string | null {
  if (pattern === undefined || pattern === GENERAL_FORMAT) return null;
  return JSON.stringify(pattern === TEXT_FORMAT ? { type: 'TEXT' } : { type: 'NUMBER', pattern });
}

/** "#dde4ee" → the API's 0–1 channels. */
function rgb(hex: string): { red: number; green: number; blue: number } {
  const channel = (at: number) => Number.parseInt(hex.slice(at, at + 2), 16) / 255;
  return { red: channel(1), green: channel(3), blue: channel(5) };
}

const BASIC_CHART_TYPE = { line: 'LINE', column: 'COLUMN', bar: 'BAR' } as const;

/** The batchUpdate request drawing `layout` (a report sheet's chart) over the copied sheet `sheetId`. */
function addChartRequest(sheetId: number, layout: ChartLayout) {
  // A pie takes no header row: its ranges start under it.
  const firstRowIndex = layout.kind === 'pie' ? layout.firstRow : layout.firstRow - 1;
  const source = (column: number) => ({
    sourceRange: {
      sources: [{ sheetId, startRowIndex: firstRowIndex, endRowIndex: layout.lastRow, startColumnIndex: column - 1, endColumnIndex: column }],
    },
  });
  const [category, ...series] = layout.columns;
  const spec = layout.kind === 'pie'
    ? { pieChart: { legendPosition: 'RIGHT_LEGEND', domain: source(category), series: source(series[0]) } }
    : {
      basicChart: {
        chartType: BASIC_CHART_TYPE[layout.kind],
        legendPosition: 'BOTTOM_LEGEND',
        headerCount: 1,
        domains: [{ domain: source(category) }],
        series: series.map((column) => ({ series: source(column), targetAxis: layout.kind === 'bar' ? 'BOTTOM_AXIS' : 'LEFT_AXIS' })),
      },
    };
  return {
    addChart: {
      chart: {
        spec: { title: layout.title, ...spec },
        position: { overlayPosition: { anchorCell: { sheetId, rowIndex: layout.anchorRow - 1, columnIndex: layout.anchorColumn - 1 } } },
      },
    },
  };
}

/**
 * Protects a whole sheet. Made before the copy is shared, when its owner (the user) is its only editor, so
 * the owner alone may change it; editors of the copy can still add sheets of their own and comment.
 */
function protectRequest(sheetId: number, description: string) {
  return { addProtectedRange: { protectedRange: { range: { sheetId }, description, warningOnly: false } } };
}

/** Tab names are unique ignoring case; the titles are report sheet names, so clashes are rare. */
function uniqueTitles(titles: readonly string[]): string[] {
  const taken = new Set<string>();
  return titles.map((title) => {
    const name = uniqueName(title.trim(), (lowercased) => taken.has(lowercased), MAX_SHEET_NAME);
    taken.add(name.toLowerCase());
    return name;
  });
}

/** The length of the longest row. A loop, not Math.max(...rows): spreading 150k rows overflows the call stack. */
export function widestRow(rows: readonly (readonly unknown[])[]): number {
  let widest = 0;
  for (const row of rows) if (row.length > widest) widest = row.length;
  return widest;
}
