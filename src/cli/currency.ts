// Ingest for `validate` and `report`, with the workbook currency when --currency is not given.
// product.md: a deal in another currency than the workbook's is reported and left out of every sum, never
// added silently. Without a workbook currency ingest cannot tell, so the command line takes the currency
// the Deals sheet names most often.
import { currencyMarkOf, currencyOfMark, ingestWorkbook, isBlankRow, isCurrencyMark, parseTextCell, resolveHeader } from '../core/ingest';
import type { IngestResult, RawWorkbook } from '../core/types';
import type { InputArgs } from './args';

/**
 * The currency most deals name (upper-case ISO code; a tie goes to the alphabetically first), each deal by
 * its currency cell, else by the mark on its amount ("€1.000", "USD 500", an XLSX currency format); null
 * when none names one. Symbols shared by several currencies (`$`) name none.
 */
export function mostCommonDealCurrency(raw: RawWorkbook): string | null {
  const rows = raw.Deals;
  if (rows === undefined || rows.length === 0) return null;
  // Header problems are ingest's to report: this only looks for the columns.
  const { currency: currencyColumn, amount: amountColumn } = resolveHeader('Deals', rows[0], []).index as Record<string, number>;
  const counts = new Map<string, number>();
  for (let i = 1; i < rows.length; i++) {
    if (isBlankRow(rows[i])) continue;
    const written = currencyColumn < 0 ? null : parseTextCell(rows[i][currencyColumn]);
    const mark = written !== null && isCurrencyMark(written) ? written : amountColumn < 0 ? null : currencyMarkOf(rows[i][amountColumn]);
    const currency = mark === null ? null : currencyOfMark(mark, null);
    if (currency !== null) counts.set(currency, (counts.get(currency) ?? 0) + 1);
  }
  let best: string | null = null;
  for (const [currency, count] of counts) {
    const bestCount = best === null ? 0 : (counts.get(best) as number);
    if (count > bestCount || (count === bestCount && best !== null && currency < best)) best = currency;
  }
  return best;
}

/**
 * Ingests the input. The workbook currency is --currency, else the one the deals' currency cells name most
 * often (mostCommonDealCurrency), so deals in other currencies are reported and left out, never summed.
 */
export function readWorkbook(raw: RawWorkbook, args: InputArgs): IngestResult & { currency: string | null } {
  const currency = args.currency ?? mostCommonDealCurrency(raw);
  return { ...ingestWorkbook(raw, { tz: args.tz, locale: args.locale, currency }), currency };
}
