import type { MessageId } from '../messages';
import type { SheetName } from '../types';
import type { RowReader } from './row-reader';

/** The ids of one sheet: the first row naming each, and the records kept. */
export class IdIndex<T> {
  private readonly firstRow = new Map<string, number>();
  readonly kept = new Map<string, T>();
  /** Records kept out by a warning (a deal in another currency): in no sum, but other rows may refer to them. */
  readonly keptOut = new Map<string, T>();

  constructor(readonly sheet: SheetName) {}

  /** Registers the current row's id; a later row with the same id is an error naming the first row. */
  claim<C extends string>(r: RowReader<C>, column: C, id: string): void {
    if (id === '') return;
    const first = this.firstRow.get(id);
    if (first === undefined) this.firstRow.set(id, r.rowNumber);
    else r.report(column, 'ingest.duplicate_id', { id, first });
  }

  keep(id: string, record: T): void {
    this.kept.set(id, record);
  }

  /** Keeps out a record by a warning (another currency), not an error. */
  keepOutWithWarning(id: string, record: T): void {
    this.keptOut.set(id, record);
  }

  /** The first row naming the id; undefined when no row does. */
  rowOf(id: string): number | undefined {
    return this.firstRow.get(id);
  }
}

/**
 * The record `id` names in another sheet. An unknown id is an error; an id whose row was left out by an error
 * takes this row out too. One kept out by a warning (a deal in another currency: in no sum, but whoever won it
 * converted) is handed over with a warning: the row referring to it stands, in no sum either. With `target`
 * null (that sheet could not be read, which is already a fatal problem) the row is left out without another problem.
 */
export function lookUp<T, C extends string>(
  r: RowReader<C>, column: C, id: string, target: IdIndex<T> | null, unknown: MessageId,
): T | null {
  if (target === null || id === '') return null;
  const found = target.kept.get(id);
  if (found !== undefined) return found;
  const row = target.rowOf(id);
  const keptOut = target.keptOut.get(id);
  if (keptOut !== undefined) r.report(column, 'ingest.link_to_other_currency_deal', { id, row: row! }, 'warning');
  else if (row === undefined) r.report(column, unknown, { id });
  else r.report(column, 'ingest.refers_to_left_out', { id, sheet: target.sheet, row });
  return keptOut ?? null;
}
