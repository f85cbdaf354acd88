import { wallClockToEpoch } from '../../src/core/time';
import type { Cell, RawWorkbook } from '../../src/core/types';

// A workbook read by the command line (readInput: CSV text, or xlsx values) as a spreadsheet holds it after
// File > Import, which is what Range.getValues() then returns: numbers, TRUE/FALSE and dates typed, the rest
// text, empty cells ''. Dates and times without a zone are wall-clock times in the spreadsheet's zone.

/** One imported cell: `text` as Sheets types it on import. */
export function sheetsCell(text: string, timeZone: string): Cell {
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (text === 'TRUE' || text === 'FALSE') return text === 'TRUE';
  const date = /^(\d{4})-(\d\d)-(\d\d)(?: (\d\d):(\d\d):(\d\d))?$/.exec(text);
  if (date) {
    const [year, month, dayOfMonth, hour = 0, minute = 0, second = 0] = date.slice(1).map((part) => Number(part ?? 0));
    return new Date(wallClockToEpoch(year, month, dayOfMonth, hour, minute, second, 0, timeZone));
  }
  return text;
}

/** Every sheet of `raw` as getValues() returns it after import: the header row as text, the rest typed. */
export function asSpreadsheet(raw: RawWorkbook, timeZone: string): Record<string, Cell[][]> {
  return Object.fromEntries(Object.entries(raw).map(([name, rows]) => [
    name,
    (rows ?? []).map((row, r) => row.map((cell) => (r === 0 || typeof cell !== 'string' ? cell ?? '' : sheetsCell(cell, timeZone)))),
  ]));
}
