import { formatMessage, type Language } from '../messages';
import type { ReportTable } from '../report/table';
import { formatCount } from './formats';

/**
 * A table cut to its first `maxRows` rows, for a file that cannot hold more (an Excel sheet's 1,048,576 rows) or
 * that no one could read with more (a page): the table kept, and the line that says so (null when nothing is cut).
 */
export function cutRows(table: ReportTable, maxRows: number, lang: Language, locale?: string): { table: ReportTable; note: string | null } {
  if (table.rows.length <= maxRows) return { table, note: null };
  const count = (n: number) => formatCount(n, lang, locale);
  return {
    table: { ...table, rows: table.rows.slice(0, maxRows) },
    note: formatMessage('render.rows_cut', { shown: count(maxRows), count: count(table.rows.length) }, lang),
  };
}
