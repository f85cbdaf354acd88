import { isIsoCurrencyCode } from '../core/ingest/numbers';
import { AddonError } from './addon-error';
import { refreshAfterOwnChange } from './formula-facts-source';
import type { GasServices } from './gas-adapters';
import { PROPERTY_KEYS, workbookCurrency } from './settings';

// The sidebar's workbook currency (product.md: one currency per workbook; an amount in another is reported and
// left out of every sum). A document property: everyone who uses the spreadsheet reads its amounts in it.

/**
 * Keeps `code` (an ISO 4217 code, in any case) as the workbook currency; "" goes back to automatic (the spreadsheet
 * locale's). The custom functions follow when the currency the amounts are read in changes.
 */
export function storeCurrencyChoice(services: GasServices, code: unknown): void {
  const wanted = typeof code === 'string' ? code.trim().toUpperCase() : null;
  if (wanted === null || (wanted !== '' && !isIsoCurrencyCode(wanted))) throw new AddonError('sidebar.currency.invalid', { value: String(code) });
  const documentProperties = services.propertiesService.getDocumentProperties();
  const locale = services.spreadsheetApp.getActiveSpreadsheet().getSpreadsheetLocale();
  const before = workbookCurrency(documentProperties, locale);
  if (wanted === '') documentProperties.deleteProperty(PROPERTY_KEYS.currency);
  else documentProperties.setProperty(PROPERTY_KEYS.currency, wanted);
  // The formulas' data version names the currency: another one is other data to them, as an edit would be.
  if (workbookCurrency(documentProperties, locale) !== before) refreshAfterOwnChange(services);
}
