import { version as ADDON_VERSION } from '../../package.json';
import { FACTS_VERSION } from '../core/formulas';
import { findOwnedSheets, idStamp } from './owned-sheets';
import type { RangePort, SheetPort, SpreadsheetPort } from './ports';
import { SheetNames } from './report-sheets';

// The data version: what the custom functions' results depend on, as one short text. Sheets recalculates a
// custom function only when its arguments change, so the add-on keeps this text in a cell of a hidden sheet
// it owns, named CAMPAIGN_DATA_VERSION, and formulas take that cell as their last argument: a new version
// recalculates them. The text is derived from the content (the data fingerprint and the settings the
// figures depend on), so it is also the cache key of the facts: a formula that receives it needs no sheet
// read at all, and the same data always gives the same version, whoever computes it.

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
 * data version (the add-on wrote it; version sheets made before the stamp carry none). Anything else the
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

/** The sheet of the user's own range called CAMPAIGN_DATA_VERSION, which the add-on leaves alone; else null. */
export function dataVersionConflict(spreadsheet: SpreadsheetPort): string | null {
  const found = versionCell(spreadsheet);
  return found.owner === 'user' ? found.sheet : null;
}

/**
 * Writes the version into its cell, creating the hidden sheet and the named range the first time. When the
 * name belongs to a range of the user's, writes nothing (formulas given it say so: dataVersionConflict).
 */
export function writeDataVersionCell(spreadsheet: SpreadsheetPort, text: string, labels: VersionSheetLabels): void {
  const found = versionCell(spreadsheet);
  if (found.owner === 'user') return;
  if (found.owner === 'addon') {
    if (!found.stamped) stamp(found.cell.getSheet());
    found.cell.setValues([[text]]);
    return;
  }
  // Inserting a sheet makes it the active one: the user stays where they were.
  const active = spreadsheet.getActiveSheet();
  const sheet = new SheetNames(spreadsheet).insert(labels.sheet);
  stamp(sheet);
  sheet.getRange(1, 1, 1, 2).setValues([[text, labels.note]]);
  sheet.hideSheet();
  spreadsheet.setNamedRange(DATA_VERSION_NAME, sheet.getRange(1, 1, 1, 1));
  active.activate();
}

function stamp(sheet: SheetPort): void {
  sheet.addDeveloperMetadata(VERSION_SHEET_KEY, String(sheet.getSheetId()));
}
