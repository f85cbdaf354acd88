// Number-format patterns by report column type. Excel (the command line's .xlsx) and Google Sheets (the
// add-on's report sheets) read the same pattern language, so both writers take their formats from here.
import type { ColumnType } from '../report/table';

const CURRENCY_SYMBOLS: Record<string, string> = { EUR: '€', USD: '$', GBP: '£' };

/** The number format of a column type; null for text and dates, which are written as text. */
export function numberFormat(type: ColumnType, currency: string | null): string | null {
  switch (type) {
    case 'integer':
      return '#,##0';
    case 'number':
      return '#,##0.00';
    case 'percent':
      return '0.0%';
    case 'money': {
      if (currency === null) return '#,##0.00';
      const symbol = CURRENCY_SYMBOLS[currency];
      return symbol !== undefined ? `"${symbol}"#,##0.00` : `#,##0.00 "${currency.replace(/"/g, '')}"`;
    }
    case 'text':
    case 'date':
      return null;
  }
}
