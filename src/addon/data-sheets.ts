import { SHEET_NAMES, type Problem, type RawWorkbook, type SheetName } from '../core/types';
import { AddonError } from './addon-error';
import { EXECUTION_LIMIT_MINUTES, MAX_INPUT_CELLS } from './capacity';
import type { RangePort, SpreadsheetPort } from './ports';
import type { DataSheetNames } from './settings';

/**
 * Reads the data sheets, each found by its tab name (settings.ts), with one getValues() call. All of them
 * are measured first (rows × columns of the data range, which reads nothing), so a workbook too big for one
 * run stops with a clear AddonError before any time is spent. Tabs that do not exist are left out: ingest
 * reports the required ones as missing.
 */
export function readDataSheets(spreadsheet: SpreadsheetPort, names: DataSheetNames): RawWorkbook {
  const found: Array<[SheetName, RangePort]> = [];
  for (const sheet of SHEET_NAMES) {
    const tab = spreadsheet.getSheetByName(names[sheet]);
    if (tab) found.push([sheet, tab.getDataRange()]);
  }
  const cells = found.reduce((total, [, range]) => total + range.getNumRows() * range.getNumColumns(), 0);
  if (cells > MAX_INPUT_CELLS) {
    throw new AddonError('addon.report.too_big', { cells, limit: MAX_INPUT_CELLS, minutes: EXECUTION_LIMIT_MINUTES });
  }
  const raw: RawWorkbook = {};
  for (const [sheet, range] of found) raw[sheet] = range.getValues();
  return raw;
}

/** Ingest names a problem's data sheet ("Deals"); the user knows it by its tab ("HubSpot deals"). */
export function onTabs(problems: readonly Problem[], names: DataSheetNames): Problem[] {
  const tabOf = (sheet: string) => names[sheet as SheetName] ?? sheet;
  return problems.map((p) => ({
    ...p,
    sheet: tabOf(p.sheet),
    params: typeof p.params.sheet === 'string' ? { ...p.params, sheet: tabOf(p.params.sheet) } : p.params,
  }));
}
