// Ingest for `validate` and `report`: with the workbook currency when --currency is not given, and problems
// naming the user's headers. A file has no locale of its own (--locale is optional), so the command line takes
// the currency most deals name, and only then the --locale country's (core/ingest/workbook-currency.ts).
import { ingestWorkbook } from '../core/ingest';
import { currencyOfLocale } from '../core/ingest/locale';
import { mostNamedCurrency } from '../core/ingest/workbook-currency';
import { withUserHeaders } from '../core/ingest/columns';
import type { IngestResult, RawWorkbook } from '../core/types';
import type { InputArgs } from './args';

/**
 * Ingests the input. The workbook currency is --currency, else the one the deals name most often, else the
 * --locale country's, else (ingest's own vote) the one the spend and campaign amounts name most often; so
 * amounts in other currencies are reported and left out, never summed. A problem's column is the user's header
 * ("Close Date"), as the add-on names it.
 */
export function ingestInput(raw: RawWorkbook, args: InputArgs): IngestResult {
  const localeCurrency = args.locale === null ? null : currencyOfLocale(args.locale);
  const currency = args.currency ?? mostNamedCurrency(raw, ['Deals'], localeCurrency) ?? localeCurrency;
  const ingested = ingestWorkbook(raw, { tz: args.tz, locale: args.locale, currency });
  return { ...ingested, problems: withUserHeaders(ingested.problems, raw) };
}
