import type { MessageId } from '../messages';
import type { Cell, Problem, Severity, SheetName } from '../types';
import { displayCell, isCellIssue, parseBooleanCell, parseListCell, parseTextCell, type CellIssue } from './cells';
import { parseDateCell } from './dates';
import { parseEnumCell, type EnumSpec } from './enums';
import type { CellContext } from './locale';
import { parseNumberCell } from './numbers';

/** A problem on one row of a sheet (row as the user sees it in Sheets). */
export function rowProblem(
  sheet: SheetName, row: number, column: string | null, messageId: MessageId,
  params: Record<string, string | number> = {}, severity: Severity = 'error',
): Problem {
  return { severity, sheet, row, column, messageId, params, fatal: false };
}

/**
 * Reads the cells of one row after another, by canonical column, and reports what it cannot read.
 * One reader serves a whole sheet (no per-row allocation); `failed` says the current row has an error
 * and must be left out.
 */
export class RowReader<C extends string> {
  private cells: ReadonlyArray<Cell> = [];
  private readonly pool = new Map<string, string>();
  /** Per column index, the shared text of the last sharedText call. */
  private readonly lastShared: Array<string | undefined> = [];
  rowNumber = 0;
  failed = false;

  constructor(
    readonly sheet: SheetName,
    private readonly index: Readonly<Record<C, number>>,
    private readonly ctx: CellContext,
    private readonly problems: Problem[],
  ) {}

  startRow(cells: ReadonlyArray<Cell>, rowNumber: number): void {
    this.cells = cells;
    this.rowNumber = rowNumber;
    this.failed = false;
  }

  cell(column: C): Cell {
    const i = this.index[column];
    return i < 0 ? undefined : this.cells[i];
  }

  /** Reports a problem on the current row; an error also marks the row as left out. */
  report(column: C | null, messageId: MessageId, params: Record<string, string | number> = {}, severity: Severity = 'error'): void {
    this.problems.push(rowProblem(this.sheet, this.rowNumber, column, messageId, params, severity));
    if (severity === 'error') this.failed = true;
  }

  private settle<T extends string | number | boolean>(column: C, cell: Cell, result: T | null | CellIssue, required: boolean): T | null {
    if (result === null) {
      if (required) this.report(column, 'ingest.required_empty');
      return null;
    }
    if (isCellIssue(result)) {
      this.report(column, result.messageId, { ...result.params, value: displayCell(cell) });
      return null;
    }
    return result;
  }

  text(column: C): string | null {
    return parseTextCell(this.cell(column));
  }

  /**
   * The text, as one shared string per distinct value. For columns that repeat a few values down a long
   * sheet (URLs, utm values, ids): equal cells then share one string, which saves memory and lets every
   * later lookup reuse the string's hash instead of hashing a million copies.
   */
  sharedText(column: C): string | null {
    const text = parseTextCell(this.cell(column));
    if (text === null) return null;
    // Sheets list one visitor's or session's rows together more often than not: the same text as the row
    // before in this column is found without hashing it.
    const i = this.index[column];
    const last = this.lastShared[i];
    if (text === last) return last;
    let shared = this.pool.get(text);
    if (shared === undefined) this.pool.set((shared = ownCopy(text)), shared);
    this.lastShared[i] = shared;
    return shared;
  }

  /** The text, or '' after reporting the empty cell. */
  requiredText(column: C): string {
    const text = parseTextCell(this.cell(column));
    if (text === null) this.report(column, 'ingest.required_empty');
    return text ?? '';
  }

  list(column: C): string[] {
    return parseListCell(this.cell(column));
  }

  requiredList(column: C): string[] {
    const items = parseListCell(this.cell(column));
    if (items.length === 0) this.report(column, 'ingest.required_empty');
    return items;
  }

  date(column: C): number | null {
    const cell = this.cell(column);
    return this.settle(column, cell, parseDateCell(cell, this.ctx), false);
  }

  /** The instant, or NaN once reported (the row is then left out). */
  requiredDate(column: C): number {
    const cell = this.cell(column);
    return this.settle(column, cell, parseDateCell(cell, this.ctx), true) ?? NaN;
  }

  /** A non-negative number; money and counts alike are never negative in these sheets. */
  private nonNegative(column: C, required: boolean, negative: MessageId): number | null {
    const cell = this.cell(column);
    const value = this.settle(column, cell, parseNumberCell(cell, this.ctx), required);
    if (value !== null && value < 0) {
      this.report(column, negative, { value: displayCell(cell) });
      return null;
    }
    return value;
  }

  amount(column: C): number | null {
    return this.nonNegative(column, false, 'ingest.amount_negative');
  }

  /** The amount, or NaN once reported. */
  requiredAmount(column: C): number {
    return this.nonNegative(column, true, 'ingest.amount_negative') ?? NaN;
  }

  count(column: C): number | null {
    return this.nonNegative(column, false, 'ingest.count_negative');
  }

  /** TRUE/FALSE, yes/no, 1/0, x; an empty cell is false. */
  flag(column: C): boolean {
    const cell = this.cell(column);
    return this.settle(column, cell, parseBooleanCell(cell), false) ?? false;
  }

  enumValue<T extends string>(column: C, spec: EnumSpec<T>): T | null {
    const cell = this.cell(column);
    return this.settle(column, cell, parseEnumCell(cell, spec), false);
  }

  requiredEnum<T extends string>(column: C, spec: EnumSpec<T>): T | null {
    const cell = this.cell(column);
    return this.settle(column, cell, parseEnumCell(cell, spec), true);
  }
}

/**
 * The text in storage of its own. A cell cut from a larger text (a CSV file read in chunks) is a view
 * that keeps the whole chunk alive; the copies this pool keeps for the life of the workbook must not pin
 * the file. Joining with a character and cutting it off again makes the engine copy the characters.
 */
function ownCopy(text: string): string {
  return (' ' + text).slice(1);
}
