import type { Cell } from '../types';
import type { MessageId } from '../messages';

// Cell parsers return the value, null for an empty cell, or a CellIssue. Issues are shared constants,
// so a 1M-row sheet allocates nothing for the cells that parse; the caller adds the cell's text as {value}.

/** Why a cell could not be read: a message id and its parameters except {value}. */
export interface CellIssue {
  readonly messageId: MessageId;
  readonly params: Readonly<Record<string, string>>;
}

export function cellIssue(messageId: MessageId, params: Record<string, string> = {}): CellIssue {
  return Object.freeze({ messageId, params: Object.freeze(params) });
}

/** True for a CellIssue; parsers only ever return primitives otherwise. */
export function isCellIssue(result: unknown): result is CellIssue {
  return typeof result === 'object' && result !== null;
}

/** The cell as text for a problem message. */
export function displayCell(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return cell.trim();
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  if (typeof cell === 'number') return String(cell);
  return Number.isNaN(cell.getTime()) ? String(cell) : cell.toISOString();
}

/**
 * The error values a formula cell shows: Sheets' getValues hands them over as this text, and so do a CSV
 * export and the xlsx reader. Excel's own (#FIELD!, #BLOCKED!, …) are included: an xlsx can hold them.
 */
const SPREADSHEET_ERRORS: ReadonlySet<string> = new Set([
  '#N/A', '#REF!', '#VALUE!', '#DIV/0!', '#NAME?', '#NUM!', '#NULL!', '#ERROR!', '#SPILL!', '#CALC!', '#GETTING_DATA',
  '#FIELD!', '#BLOCKED!', '#CONNECT!', '#BUSY!', '#UNKNOWN!',
]);
const LONGEST_ERROR = 16; // '#GETTING_DATA' with room for surrounding spaces

/** The spreadsheet error a cell shows (`#N/A`), or null: such a cell holds no value, whatever its column. */
export function spreadsheetErrorOf(cell: Cell): string | null {
  // Read for every cell of a million-row sheet: most are spared the trim and lookup by these cheap tests.
  if (typeof cell !== 'string' || cell.length < 4 || cell.length > LONGEST_ERROR || !cell.includes('#')) return null;
  const text = cell.trim();
  return SPREADSHEET_ERRORS.has(text) ? text : null;
}

/**
 * True when the cell holds nothing: empty, whitespace, or an unticked checkbox in a blank row: FALSE as Sheets
 * hands it over, or as the text a CSV export of the sheet writes on every empty row of a checkbox column.
 */
function isBlankCell(cell: Cell): boolean {
  if (cell === null || cell === undefined || cell === false) return true;
  if (typeof cell !== 'string') return false;
  const text = cell.trim();
  return text === '' || (text.length === 5 && text.toUpperCase() === 'FALSE');
}

/**
 * True when the row holds no data at all (Sheets pads ranges with such rows); with `columns`, none in those (a
 * formula filled down an extra column, or notes beside the table, do not make an empty record a row of errors).
 */
export function isBlankRow(cells: ReadonlyArray<Cell>, columns?: readonly number[]): boolean {
  if (columns !== undefined) return columns.every((c) => isBlankCell(cells[c]));
  for (let i = 0; i < cells.length; i++) if (!isBlankCell(cells[i])) return false;
  return true;
}

/** Text as typed, trimmed; null when empty. Numbers become their digits (ids typed as numbers). */
export function parseTextCell(cell: Cell): string | null {
  if (typeof cell === 'string') {
    const text = trimText(cell);
    return text === '' ? null : text;
  }
  if (cell === null || cell === undefined) return null;
  return displayCell(cell);
}

/**
 * Zero-width space, non-joiner and joiner, the left-to-right and right-to-left marks that come with Arabic or
 * Hebrew text, and the word joiner (trim() takes the BOM already). Not the embedding and isolate controls: they
 * come in pairs, and a closing one trimmed would leave its text open.
 */
export const isInvisible = (code: number) => (code >= 0x200b && code <= 0x200f) || code === 0x2060;
const isBlank = (text: string, i: number) => isInvisible(text.charCodeAt(i)) || text[i].trim() === '';

/**
 * Text without spaces at its ends, zero-width ones included: one pasted at an end is as invisible as a space,
 * and would keep an id, a utm value or a stage from matching its twin. Two character tests per cell keep the
 * common case as cheap as trim().
 */
export function trimText(cell: string): string {
  const text = cell.trim();
  if (text === '' || (!isInvisible(text.charCodeAt(0)) && !isInvisible(text.charCodeAt(text.length - 1)))) return text;
  let start = 0;
  let end = text.length;
  while (start < end && isBlank(text, start)) start++;
  while (end > start && isBlank(text, end - 1)) end--;
  return text.slice(start, end);
}

const LIST_SEPARATOR = /[,;]/;

/** A list typed in one cell, separated by `,` or `;`: trimmed, empty entries dropped. */
export function parseListCell(cell: Cell): string[] {
  const text = parseTextCell(cell);
  if (text === null) return [];
  const items: string[] = [];
  for (const part of text.split(LIST_SEPARATOR)) {
    const item = trimText(part);
    if (item !== '') items.push(item);
  }
  return items;
}

const BOOLEAN_INVALID = cellIssue('ingest.boolean_invalid');
// English and Dutch words (Sheets in Dutch shows checkboxes as WAAR/ONWAAR), and the usual marks.
const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', 'x', 'ja', 'j', 'waar']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0', 'nee', 'onwaar']);

/** A checkbox or yes/no cell; null when empty. */
export function parseBooleanCell(cell: Cell): boolean | null | CellIssue {
  if (typeof cell === 'boolean') return cell;
  if (typeof cell === 'number') return cell === 1 ? true : cell === 0 ? false : BOOLEAN_INVALID;
  if (typeof cell === 'string') {
    const word = trimText(cell).toLowerCase();
    if (word === '') return null;
    if (TRUE_WORDS.has(word)) return true;
    if (FALSE_WORDS.has(word)) return false;
    return BOOLEAN_INVALID;
  }
  return cell === null || cell === undefined ? null : BOOLEAN_INVALID;
}
