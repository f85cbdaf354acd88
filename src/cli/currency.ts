// Ingest for `validate` and `report`, with the workbook currency when --currency is not given.
// product.md: a deal in another currency than the workbook's is reported and left out of every sum, never
// added silently. Without a workbook currency ingest cannot tell. The add-on takes its stored setting, else
// the currency of the spreadsheet locale's country, with no vote. A file has no locale of its own (--locale
// is optional), so the command line, without --currency, takes the currency most deals name, and only then
// the --locale country's.
import { currencyMarkOf, currencyOfMark, ingestWorkbook, isBlankRow, isCurrencyMark, parseTextCell, resolveHeader } from '../core/ingest';
import { currencyOfLocale } from '../core/ingest/locale';
import { isIsoCurrencyCode } from '../core/ingest/numbers';
import type { IngestResult, RawWorkbook } from '../core/types';
import type { InputArgs } from './args';

/**
 * The currency most deals name (upper-case ISO code; a tie goes to the alphabetically first), each deal by
 * its currency cell, else by the mark on its amount ("€1.000", "USD 500", an XLSX currency format); null
 * when none names one. A symbol several currencies share (`$`, `¥`, `kr`) is `localeCurrency` when that
 * currency is written so (`$` is USD in en-US, CAD in en-CA), else it names none.
 */
export function mostCommonDealCurrency(raw: RawWorkbook, localeCurrency: string | null): string | null {
  const rows = raw.Deals;
  if (rows === undefined || rows.length === 0) return null;
  // Header problems are ingest's to report: this only looks for the columns.
  const header = resolveHeader('Deals', rows[0], []);
  const { currency: currencyColumn, amount: amountColumn } = header.index as Record<string, number>;
  const headerMark = header.currencyMarks.amount ?? null;
  const counts = new Map<string, number>();
  for (let i = 1; i < rows.length; i++) {
    if (isBlankRow(rows[i])) continue;
    const written = currencyColumn < 0 ? null : parseTextCell(rows[i][currencyColumn]);
    const mark = written !== null && isCurrencyMark(written) ? written : amountColumn < 0 ? null : currencyMarkOf(rows[i][amountColumn]) ?? headerMark;
    // currencyOfMark leaves a shared symbol the locale's currency does not use as it is: not a currency.
    const currency = mark === null ? null : currencyOfMark(mark, localeCurrency);
    if (currency !== null && isIsoCurrencyCode(currency)) counts.set(currency, (counts.get(currency) ?? 0) + 1);
  }
  let best: string | null = null;
  for (const [currency, count] of counts) {
    const bestCount = best === null ? 0 : (counts.get(best) as number);
    if (count > bestCount || (count === bestCount && best !== null && currency < best)) best = currency;
  }
  return best;
}

/**
 * Ingests the input. The workbook currency is --currency, else the one the deals name most often
 * (mostCommonDealCurrency), else the --locale country's; so deals in other currencies are reported and
 * left out, never summed.
 */
export function ingestWithWorkbookCurrency(raw: RawWorkbook, args: InputArgs): IngestResult & { currency: string | null } {
  const localeCurrency = args.locale === null ? null : currencyOfLocale(args.locale);
  const currency = args.currency ?? mostCommonDealCurrency(raw, localeCurrency) ?? localeCurrency;
  return { ...ingestWorkbook(raw, { tz: args.tz, locale: args.locale, currency }), currency };
}
