// The workbook currency when nobody set one (product.md: a deal in another currency is reported and left
// out of every sum, never added silently; without a workbook currency ingest could not tell). The add-on
// takes its setting, else the spreadsheet locale's country's; the command line --currency, else the deals'
// vote below, else --locale's country's. When that still leaves none, ingest takes the vote itself.
import type { RawWorkbook, SheetName } from '../types';
import { isBlankRow, parseTextCell } from './cells';
import { amountColumns, resolveHeader } from './columns';
import { currencyMarkOf, currencyOfMark, isCurrencyMark, isIsoCurrencyCode } from './numbers';

/** The other sheets holding money, asked when no deal names a currency: spend, then budgets and revenue goals. */
export const OTHER_MONEY_SHEETS: readonly SheetName[] = ['Spend', 'Campaigns'];

/**
 * The currency most amounts of `sheets` name (upper-case ISO code; a tie goes to the alphabetically first):
 * a row by its `currency` cell (Deals), else each amount by its own mark ("€1.000", "USD 500", an XLSX
 * currency format), else by its column header's ("Amount (USD)"); null when none names one. A symbol several
 * currencies share (`$`, `¥`, `kr`) is `localeCurrency` when that currency is written so (`$` is USD in
 * en-US, CAD in en-CA), else it names none.
 */
export function mostNamedCurrency(raw: RawWorkbook, sheets: readonly SheetName[], localeCurrency: string | null): string | null {
  const counts = new Map<string, number>();
  const count = (mark: string | null) => {
    // currencyOfMark leaves a shared symbol the locale's currency does not use as it is: not a currency.
    const currency = mark === null ? null : currencyOfMark(mark, localeCurrency);
    if (currency !== null && isIsoCurrencyCode(currency)) counts.set(currency, (counts.get(currency) ?? 0) + 1);
  };
  for (const sheet of sheets) {
    const rows = raw[sheet];
    if (rows === undefined || rows.length === 0) continue;
    // Header problems are ingest's to report: this only looks for the columns.
    const header = resolveHeader(sheet, rows[0], []);
    const index = header.index as Record<string, number>;
    const currencyColumn = index.currency ?? -1;
    const amounts = amountColumns(sheet).map((column) => ({ at: index[column] ?? -1, headerMark: (header.currencyMarks as Record<string, string>)[column] ?? null }))
      .filter(({ at }) => at >= 0);
    for (let i = 1; i < rows.length; i++) {
      const row = rows[i];
      if (isBlankRow(row)) continue;
      const written = currencyColumn < 0 ? null : parseTextCell(row[currencyColumn]);
      if (written !== null && isCurrencyMark(written)) {
        count(written);
        continue;
      }
      for (const { at, headerMark } of amounts) if (parseTextCell(row[at]) !== null) count(currencyMarkOf(row[at]) ?? headerMark);
    }
  }
  let best: string | null = null;
  for (const [currency, n] of counts) {
    const bestCount = best === null ? 0 : (counts.get(best) as number);
    if (n > bestCount || (n === bestCount && best !== null && currency < best)) best = currency;
  }
  return best;
}
