import { version as ADDON_VERSION } from '../../package.json';
import { FACTS_VERSION } from '../core/formulas';
import type { Cell } from '../core/types';
import { courtesy } from './addon-error';
import { findOwnedSheets, idStamp } from './owned-sheets';
import type { RangePort, SheetPort, SpreadsheetPort } from './ports';
import { SheetNames } from './report-sheets';

// The data version: what the custom functions' results depend on, as one short text. Sheets recalculates a
// custom function only when its arguments change, so the add-on keeps this text in a cell of a hidden sheet
// it owns, named CAMPAIGN_DATA_VERSION, and formulas take that cell as their last argument: a new version
// recalculates them. The text is derived from the content (the data fingerprint and the settings the
// figures depend on), so it is also the cache key of the facts: a formula that receives it needs no sheet
// read at all, and the same data always gives the same version, whoever computes it.
//
// The same sheet keeps the facts lastingly (the cache keeps them 6 hours at most): column C holds the version
// they belong to, then the cells formula-cache.ts makes of them (copyCells). Only the runs that write the
// version cell write it; a formula whose cache entry is gone reads it, and only when its version is the one
// the formula was given.

/** The named range formulas pass: =CAMPAIGN_REVENUE("Spring launch", , , , CAMPAIGN_DATA_VERSION). */
export const DATA_VERSION_NAME = 'CAMPAIGN_DATA_VERSION';

const TAG = 'campaign-data';
/** This build's facts: facts cached by another version of the add-on are never read. */
const BUILD = `${ADDON_VERSION}+f${FACTS_VERSION}`;
const FINGERPRINT = /^[0-9a-f]{16}$/;
const NONE = '-';

export interface DataVersion {
  /** fingerprintRows of the data sheets. */
  fingerprint: string;
  timeZone: string;
  /** The spreadsheet locale, which settles ambiguous dates and numbers in the data. */
  locale: string;
  currency: string | null;
  lookbackDays: number | null;
  markovOrder: number;
  /** The add-on and facts format that built the facts. */
  build: string;
}

export function dataVersion(fields: Omit<DataVersion, 'build'>): DataVersion {
  return { ...fields, build: BUILD };
}

export function isCurrentBuild(version: DataVersion): boolean {
  return version.build === BUILD;
}

/** The text kept in the cell and used as the cache key: fields joined by "|", which none of them holds. */
export function dataVersionText(v: DataVersion): string {
  return [TAG, v.fingerprint, v.timeZone, v.locale, v.currency ?? NONE, v.lookbackDays ?? NONE, v.markovOrder, v.build].join('|');
}

/** The version a text stands for, or null when it is not one the add-on wrote. */
export function parseDataVersion(text: unknown): DataVersion | null {
  if (typeof text !== 'string') return null;
  const parts = text.split('|');
  if (parts.length !== 8) return null;
  const [tag, fingerprint, timeZone, locale, currency, lookback, order, build] = parts;
  if (tag !== TAG || !FINGERPRINT.test(fingerprint) || timeZone === '' || !/^(-|\d+)$/.test(lookback) || !/^\d+$/.test(order)) return null;
  return {
    fingerprint, timeZone, locale, currency: currency === NONE ? null : currency,
    lookbackDays: lookback === NONE ? null : Number(lookback), markovOrder: Number(order), build,
  };
}

/**
 * Developer metadata on the hidden sheet the add-on created for the version cell; its value is the sheet's
 * own id, so a copy of the sheet (which keeps the metadata, under another id) is not taken for it.
 */
export const VERSION_SHEET_KEY = 'campaignAnalytics.dataVersionSheet';

/** The version sheet's column that keeps the facts: the version cell is A1, its note B1. */
const COPY_COLUMN = 3;

/**
 * The cell's text as the add-on last wrote it; null when there is no such cell (no report run yet), or the
 * name is not on one cell holding a data version (a range of the user's: see dataVersionConflict).
 */
export function readDataVersionCell(spreadsheet: SpreadsheetPort): string | null {
  const cell = spreadsheet.getRangeByName(DATA_VERSION_NAME);
  if (!cell || cell.getNumRows() !== 1 || cell.getNumColumns() !== 1) return null;
  const value = cell.getValues()[0]?.[0];
  return parseDataVersion(value) === null ? null : (value as string);
}

export interface VersionSheetLabels {
  /** The hidden sheet's name. */
  sheet: string;
  /** What the sheet is for, next to the cell. */
  note: string;
}

type VersionCell =
  | { owner: 'none' }
  | { owner: 'addon'; cell: RangePort; stamped: boolean }
  /** The name is the user's: `sheet` is where their range is. */
  | { owner: 'user'; sheet: string };

/**
 * Whose the named range is. The add-on's: one cell on the version sheet it stamped, or one cell holding a
 * data version (the add-on wrote it; version sheets made before the stamp carry none, and such a cell may
 * also be a user's cell showing the version, so only that cell is ever written there). Anything else the
 * user named so themselves, and the add-on never writes it.
 */
function versionCell(spreadsheet: SpreadsheetPort): VersionCell {
  const cell = spreadsheet.getRangeByName(DATA_VERSION_NAME);
  if (!cell) return { owner: 'none' };
  const sheet = cell.getSheet();
  if (cell.getNumRows() === 1 && cell.getNumColumns() === 1) {
    const id = sheet.getSheetId();
    const stamped = findOwnedSheets(spreadsheet, VERSION_SHEET_KEY, idStamp).some((owned) => owned.stamp.sheetId === id);
    if (stamped || parseDataVersion(cell.getValues()[0]?.[0]) !== null) return { owner: 'addon', cell, stamped };
  }
  return { owner: 'user', sheet: sheet.getName() };
}

/**
 * The version cell as the change trigger finds it: none (no report run yet, or the name is the user's),
 * emptied (clearDataVersionCell), or holding the version last published.
 */
export function dataVersionCellState(spreadsheet: SpreadsheetPort): { published: string | null; exists: boolean } {
  const found = versionCell(spreadsheet);
  if (found.owner !== 'addon') return { published: null, exists: false };
  const value = found.cell.getValues()[0]?.[0];
  return parseDataVersion(value) === null ? { published: null, exists: found.stamped && value === '' } : { published: value as string, exists: true };
}

/**
 * Empties the version cell on the add-on's own sheet: while no formula reads the facts, none are kept current,
 * and a formula written meanwhile finds no version and builds the facts of the data as it is.
 */
export function clearDataVersionCell(spreadsheet: SpreadsheetPort): void {
  const found = versionCell(spreadsheet);
  if (found.owner === 'addon' && found.stamped) found.cell.setValues([['']]);
}

/** Deletes the add-on's version sheet and its name; a cell of the user's holding a version stays theirs. */
export function removeDataVersionSheet(spreadsheet: SpreadsheetPort): void {
  const found = versionCell(spreadsheet);
  if (found.owner !== 'addon' || !found.stamped) return;
  spreadsheet.removeNamedRange(DATA_VERSION_NAME);
  spreadsheet.deleteSheet(found.cell.getSheet());
}

/** The sheet of the user's own range called CAMPAIGN_DATA_VERSION, which the add-on leaves alone; else null. */
export function dataVersionConflict(spreadsheet: SpreadsheetPort): string | null {
  const found = versionCell(spreadsheet);
  return found.owner === 'user' ? found.sheet : null;
}

/**
 * Writes the version into its cell, after the facts of that version (`copy`, from copyCells) into the copy
 * column, creating the hidden sheet and the named range the first time. When the name belongs to a range of
 * the user's, writes nothing (formulas given it say so: dataVersionConflict).
 */
export function writeDataVersionCell(spreadsheet: SpreadsheetPort, text: string, labels: VersionSheetLabels, copy: readonly string[]): void {
  const found = versionCell(spreadsheet);
  if (found.owner === 'user') return;
  if (found.owner === 'addon') {
    // The copy goes only on a sheet the add-on stamped as its own: an unstamped cell's sheet may be the user's.
    if (found.stamped) writeFactsCopy(found.cell.getSheet(), text, copy);
    found.cell.setValues([[text]]);
    return;
  }
  // Inserting a sheet makes it the active one: the user stays where they were.
  const active = spreadsheet.getActiveSheet();
  const sheet = new SheetNames(spreadsheet).insert(labels.sheet);
  try {
    stamp(sheet);
    sheet.getRange(1, 1, 1, 2).setValues([[text, labels.note]]);
    // Hidden and named before the copy (the biggest write) is made: if that fails, the next run finds this sheet
    // instead of making another.
    sheet.hideSheet();
    spreadsheet.setNamedRange(DATA_VERSION_NAME, sheet.getRange(1, 1, 1, 1));
  } catch (error) {
    // Not yet found by its name: a sheet left now would stay, visible and never used, and the next run make another.
    // One that cannot be deleted is left for the user; the error that stopped it is the one to tell.
    courtesy(() => spreadsheet.deleteSheet(sheet));
    throw error;
  } finally {
    courtesy(() => active.activate());
  }
  writeFactsCopy(sheet, text, copy);
}

/**
 * One write of the whole copy column: the version, the copy, and empty cells over whatever a longer copy
 * left below. Rows are added only when the copy needs more than the sheet has (1,000 rows of 50,000
 * characters: far more than the facts of a workbook at Sheets' 10 million cells).
 */
function writeFactsCopy(sheet: SheetPort, version: string, copy: readonly string[]): void {
  const columns = sheet.getMaxColumns();
  if (columns < COPY_COLUMN) sheet.insertColumnsAfter(columns, COPY_COLUMN - columns);
  const rows = sheet.getMaxRows();
  if (1 + copy.length > rows) sheet.insertRowsAfter(rows, 1 + copy.length - rows);
  const column = [version, ...copy];
  const values = Array.from({ length: Math.max(rows, column.length) }, (_, i) => [column[i] ?? '']);
  sheet.getRange(1, COPY_COLUMN, values.length, 1).setValues(values);
}

/**
 * The cells of the facts kept on the version sheet for `version` (one read); null when they are of another
 * version or there are none.
 */
export function readFactsCopy(spreadsheet: SpreadsheetPort, version: string): Cell[] | null {
  const sheet = spreadsheet.getRangeByName(DATA_VERSION_NAME)?.getSheet();
  if (!sheet || sheet.getMaxColumns() < COPY_COLUMN) return null;
  // Only the add-on's own sheet holds a copy: column C of a user's sheet is theirs.
  const id = sheet.getSheetId();
  if (!findOwnedSheets(spreadsheet, VERSION_SHEET_KEY, idStamp).some((owned) => owned.stamp.sheetId === id)) return null;
  const [kept, ...cells] = sheet.getRange(1, COPY_COLUMN, sheet.getMaxRows(), 1).getValues().map((row) => row[0]);
  return kept === version ? cells : null;
}

function stamp(sheet: SheetPort): void {
  sheet.addDeveloperMetadata(VERSION_SHEET_KEY, String(sheet.getSheetId()));
}
