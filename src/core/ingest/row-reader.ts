import type { MessageId } from '../messages';
import { cutText } from '../cut-text';
import type { Cell, Problem, Severity, SheetName } from '../types';
import {
  displayCell, isCellIssue, parseBooleanCell, parseListCell, parseTextCell, spreadsheetErrorOf, type CellIssue,
} from './cells';
import { atTimeOfDay, parseDateCell, parseTimeOfDayCell } from './dates';
import { parseEnumCell, type EnumSpec } from './enums';
import type { CellContext, ReadingNote } from './locale';
import { parseNumberCell } from './numbers';
import { dayKey } from '../time';

/** A problem on one row of a sheet (row as the user sees it in Sheets). */
export function rowProblem(
  sheet: SheetName, row: number, column: string | null, messageId: MessageId,
  params: Record<string, string | number> = {}, severity: Severity = 'error',
): Problem {
  return { severity, sheet, row, column, messageId, params: shortened(params), fatal: false };
}

/** Longest cell text a problem quotes: a pasted 5 MB cell must not become a 5 MB message. */
const MAX_QUOTED = 200;

function shortened(params: Record<string, string | number>): Record<string, string | number> {
  if (!Object.values(params).some((value) => typeof value === 'string' && value.length > MAX_QUOTED)) return params;
  return Object.fromEntries(Object.entries(params).map(([key, value]) => [
    key, typeof value === 'string' && value.length > MAX_QUOTED ? `${cutText(value, MAX_QUOTED)}…` : value,
  ]));
}

/**
 * What a cell problem says when the cell is optional and no rule needs it to place the row (a campaign's
 * goals and budget, say): the same reason, then that the cell is read as empty and the row kept.
 */
const IGNORED: Partial<Record<MessageId, MessageId>> = {
  'ingest.date_invalid': 'ingest.ignored.date_invalid',
  'ingest.date_ambiguous': 'ingest.ignored.date_ambiguous',
  'ingest.number_invalid': 'ingest.ignored.number_invalid',
  'ingest.number_ambiguous': 'ingest.ignored.number_ambiguous',
  'ingest.amount_negative': 'ingest.ignored.amount_negative',
  'ingest.count_negative': 'ingest.ignored.count_negative',
  'ingest.number_too_large': 'ingest.ignored.number_too_large',
  'ingest.date_serial_small': 'ingest.ignored.date_serial_small',
  'ingest.date_too_early': 'ingest.ignored.date_too_early',
  'ingest.cell_error': 'ingest.ignored.cell_error',
};

/** How a cell that cannot be read is treated: required and optional cells are errors, ignorable ones warnings. */
type Need = 'required' | 'optional' | 'ignorable';

/** A cell as a column-wide check quotes it. */
interface Example {
  row: number;
  text: string;
  value: number;
}

/** Per column: the first cell the locale settled (and how many), and the first that showed its own convention. */
interface ColumnReading {
  byLocale: Example | null;
  settledByLocale: number;
  own: Partial<Record<NonNullable<ReadingNote['own']>, Example>>;
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
  /** Column indices of the current row whose cell shows a spreadsheet error, already reported. */
  private readonly shownErrors: number[] = [];
  private readonly note: ReadingNote = { own: null, byLocale: false };
  private readonly readings = new Map<C, ColumnReading>();
  rowNumber = 0;
  failed = false;

  constructor(
    readonly sheet: SheetName,
    private readonly index: Readonly<Record<C, number>>,
    private readonly ctx: CellContext,
    private readonly problems: Problem[],
    /** Currencies that headers name ("Amount (USD)"): the column's currency where a cell names none. */
    private readonly headerCurrencyMarks: Partial<Record<C, string>> = {},
  ) {}

  /** The currency the column's header names, if any. */
  headerCurrencyMark(column: C): string | null {
    return this.headerCurrencyMarks[column] ?? null;
  }

  startRow(cells: ReadonlyArray<Cell>, rowNumber: number): void {
    this.cells = cells;
    this.rowNumber = rowNumber;
    this.failed = false;
    if (this.shownErrors.length > 0) this.shownErrors.length = 0;
  }

  /** The cell; one that shows a spreadsheet error (#N/A) is reported as an error and reads as empty. */
  cell(column: C): Cell {
    return this.read(column, 'optional');
  }

  /**
   * The cell, as every accessor reads it. A cell that shows a spreadsheet error (`#N/A`: a formula that
   * failed) holds no value: it is reported once, as any unusable cell of its need (a warning for an
   * ignorable cell, else an error), and reads as empty.
   */
  private read(column: C, need: Need): Cell {
    const i = this.index[column];
    if (i < 0) return undefined;
    const cell = this.cells[i];
    if (spreadsheetErrorOf(cell) === null) return cell;
    if (!this.shownErrors.includes(i)) {
      this.unusable(column, cell, 'ingest.cell_error', {}, need);
      this.shownErrors.push(i);
    }
    return undefined;
  }

  /**
   * Reports a problem on the current row; an error also marks the row as left out. A cell reported as
   * showing a spreadsheet error has that one problem: what follows from reading it as empty is not reported.
   */
  report(column: C | null, messageId: MessageId, params: Record<string, string | number> = {}, severity: Severity = 'error'): void {
    if (column !== null && this.shownErrors.length > 0 && this.shownErrors.includes(this.index[column])) return;
    this.problems.push(rowProblem(this.sheet, this.rowNumber, column, messageId, params, severity));
    if (severity === 'error') this.failed = true;
  }

  private settle<T extends string | number | boolean>(
    column: C, cell: Cell, result: T | null | CellIssue, need: Need, ignored?: MessageId,
  ): T | null {
    if (result === null) {
      if (need === 'required') this.report(column, 'ingest.required_empty');
      return null;
    }
    if (isCellIssue(result)) {
      this.unusable(column, cell, result.messageId, result.params, need, ignored);
      return null;
    }
    return result;
  }

  /**
   * Reports a cell that cannot be used: an error that leaves the row out, or for an ignorable cell a warning
   * (`ignored`, when given, instead of the IGNORED text: one that says what takes the cell's place).
   */
  private unusable(
    column: C, cell: Cell, messageId: MessageId, params: Readonly<Record<string, string>>, need: Need, ignored?: MessageId,
  ): void {
    const value = displayCell(cell);
    if (need === 'ignorable') this.report(column, ignored ?? IGNORED[messageId] ?? messageId, { ...params, value }, 'warning');
    else this.report(column, messageId, { ...params, value });
  }

  text(column: C): string | null {
    return parseTextCell(this.read(column, 'optional'));
  }

  /** Text no rule needs (a name, an e-mail address): a cell showing an error is a warning and reads as empty. */
  ignorableText(column: C): string | null {
    return parseTextCell(this.read(column, 'ignorable'));
  }

  /**
   * The text, as one shared string per distinct value. For columns that repeat a few values down a long
   * sheet (URLs, utm values, ids): equal cells then share one string, which saves memory and lets every
   * later lookup reuse the string's hash instead of hashing a million copies.
   */
  sharedText(column: C): string | null {
    const text = parseTextCell(this.read(column, 'optional'));
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
    const text = parseTextCell(this.read(column, 'required'));
    if (text === null) this.report(column, 'ingest.required_empty');
    return text ?? '';
  }

  list(column: C): string[] {
    return parseListCell(this.read(column, 'optional'));
  }

  requiredList(column: C): string[] {
    const items = parseListCell(this.read(column, 'required'));
    if (items.length === 0) this.report(column, 'ingest.required_empty');
    return items;
  }

  date(column: C): number | null {
    const cell = this.read(column, 'optional');
    return this.noted(column, cell, this.settle(column, cell, this.parseDate(cell), 'optional'));
  }

  /** The instant, or NaN once reported (the row is then left out). */
  requiredDate(column: C): number {
    const cell = this.read(column, 'required');
    return this.noted(column, cell, this.settle(column, cell, this.parseDate(cell), 'required')) ?? NaN;
  }

  private parseDate(cell: Cell): number | null | CellIssue {
    this.note.own = null;
    this.note.byLocale = false;
    return parseDateCell(cell, this.ctx, this.note);
  }

  private parseNumber(cell: Cell): number | null | CellIssue {
    this.note.own = null;
    this.note.byLocale = false;
    return parseNumberCell(cell, this.ctx, this.note);
  }

  /** Keeps what the note says about a cell read as `value`, for mixedConventions. */
  private noted(column: C, cell: Cell, value: number | null): number | null {
    const { own, byLocale } = this.note;
    if (value === null || (own === null && !byLocale)) return value;
    let reading = this.readings.get(column);
    if (reading === undefined) this.readings.set(column, (reading = { byLocale: null, settledByLocale: 0, own: {} }));
    const example = () => ({ row: this.rowNumber, text: displayCell(cell), value });
    if (byLocale) {
      reading.settledByLocale++;
      reading.byLocale ??= example();
    }
    if (own !== null) reading.own[own] ??= example();
    return value;
  }

  /**
   * Warnings for the columns where the locale settled some cells one way while others showed the other way
   * themselves: a US export read in a Dutch workbook has 02/20/2024 (month-first, read right) beside 02/05/2024
   * (read as 2 May) and "2,000.50" beside "1,500" (read as 1.5). Each such column once, at the cell showing its own.
   */
  mixedConventions(): void {
    const { dayFirst, decimalMark } = this.ctx;
    for (const [column, { byLocale, settledByLocale, own }] of this.readings) {
      if (byLocale === null) continue;
      // The misread example as the locale writes it: a Dutch reader of "1,500 read as 1,5" sees the locale's comma.
      const candidates: Array<{ shown: Example | undefined; id: MessageId; read: (value: number) => string }> = [{
        shown: dayFirst === true ? own.month_first : dayFirst === false ? own.day_first : undefined,
        id: dayFirst ? 'ingest.dates_mixed_month_first' : 'ingest.dates_mixed_day_first',
        read: (value) => dayKey(value, this.ctx.tz),
      }, {
        shown: decimalMark === ',' ? own['.'] : decimalMark === '.' ? own[','] : undefined,
        id: decimalMark === ',' ? 'ingest.numbers_mixed_point' : 'ingest.numbers_mixed_comma',
        read: (value) => String(value).replace('.', decimalMark ?? '.'),
      }];
      const other = candidates.find((candidate) => candidate.shown !== undefined);
      if (other === undefined) continue;
      const shown = other.shown!;
      this.problems.push(rowProblem(this.sheet, shown.row, column, other.id, {
        own: shown.text, example: byLocale.text, example_row: byLocale.row, count: settledByLocale, read: other.read(byLocale.value),
      }, 'warning'));
    }
  }

  /**
   * The instant of `dateColumn`, at the time of day in `timeColumn` when there is one and it is filled (a date
   * column with a time column beside it: the date gives the day, the time column the time). NaN once reported,
   * as requiredDate.
   */
  requiredDateAt(dateColumn: C, timeColumn: C | null): number {
    const instant = this.requiredDate(dateColumn);
    if (timeColumn === null || this.index[timeColumn] < 0 || Number.isNaN(instant)) return instant;
    const cell = this.read(timeColumn, 'optional');
    const msOfDay = this.settle(timeColumn, cell, parseTimeOfDayCell(cell, this.ctx), 'optional');
    // From the day's own start, not midnight: a day whose midnight the clocks skip (Santiago, Beirut) starts at 01:00.
    return msOfDay === null ? instant : atTimeOfDay(instant, msOfDay, this.ctx.tz);
  }

  /**
   * An optional date no rule needs to place the row: one that cannot be read is a warning and reads as
   * empty (null), and the row is kept. The same holds for ignorableAmount and ignorableCount.
   */
  ignorableDate(column: C): number | null {
    const cell = this.read(column, 'ignorable');
    return this.noted(column, cell, this.settle(column, cell, this.parseDate(cell), 'ignorable'));
  }

  /** A non-negative number; money and counts alike are never negative in these sheets. */
  private nonNegative(column: C, need: Need, negative: MessageId): number | null {
    const cell = this.read(column, need);
    const value = this.noted(column, cell, this.settle(column, cell, this.parseNumber(cell), need));
    if (value !== null && value < 0) {
      this.unusable(column, cell, negative, {}, need);
      return null;
    }
    return value;
  }

  /** The amount, or NaN once reported. */
  requiredAmount(column: C): number {
    return this.nonNegative(column, 'required', 'ingest.amount_negative') ?? NaN;
  }

  ignorableAmount(column: C): number | null {
    return this.nonNegative(column, 'ignorable', 'ingest.amount_negative');
  }

  /** A whole number (cli.md: counts are integers): 12.5 or "1,5" is a warning and reads as empty, like -5. */
  ignorableCount(column: C): number | null {
    const count = this.nonNegative(column, 'ignorable', 'ingest.count_negative');
    if (count !== null && !Number.isInteger(count)) {
      this.report(column, 'ingest.ignored.count_fractional', { value: displayCell(this.cell(column)) }, 'warning');
      return null;
    }
    return count;
  }

  /** TRUE/FALSE, yes/no, 1/0, x; an empty cell is false. */
  flag(column: C): boolean {
    const cell = this.read(column, 'optional');
    return this.settle(column, cell, parseBooleanCell(cell), 'optional') ?? false;
  }

  enumValue<T extends string>(column: C, spec: EnumSpec<T>): T | null {
    const cell = this.read(column, 'optional');
    return this.settle(column, cell, parseEnumCell(cell, spec), 'optional');
  }

  /**
   * An optional name no rule needs to keep the row: an unknown one is a warning and reads as empty (null).
   * `ignored`: the warning, which says what takes the name's place (its parameters: value, kind, allowed).
   */
  ignorableEnum<T extends string>(column: C, spec: EnumSpec<T>, ignored: MessageId): T | null {
    const cell = this.read(column, 'ignorable');
    return this.settle(column, cell, parseEnumCell(cell, spec), 'ignorable', ignored);
  }

  requiredEnum<T extends string>(column: C, spec: EnumSpec<T>): T | null {
    const cell = this.read(column, 'required');
    return this.settle(column, cell, parseEnumCell(cell, spec), 'required');
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
