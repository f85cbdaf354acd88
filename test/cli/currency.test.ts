// The command line's workbook currency without --currency: the one the deals name most often, a symbol
// several currencies share ($) read as the --locale currency when that currency is written so, and the
// --locale country's currency when no deal names one.
import type { InputArgs } from '../../src/cli/args';
import { mostCommonDealCurrency, ingestWithWorkbookCurrency } from '../../src/cli/currency';
import type { Cell } from '../../src/core/types';
import { BASE } from '../core/ingest/fixture';

const HEADER = ['deal_id', 'amount', 'stage', 'created_at', 'closed_at', 'contact_ids'];
const won = (id: string, amount: Cell): Cell[] => [id, amount, 'won', '2024-02-02', '2024-02-03', 'K1'];
const raw = (...amounts: Cell[]) => ({ ...BASE, Deals: [HEADER, ...amounts.map((amount, i) => won(`D${i + 1}`, amount))] });
const args = (locale: string | null, currency: string | null = null): InputArgs => ({ input: 'in', tz: 'UTC', locale, currency });

// The audit's case: three deals in $ and one in €.
const DOLLARS_AND_EURO = raw('$1,234.56', '$500.00', '$700.00', '€50');

describe('the workbook currency without --currency', () => {
  test('$ is the locale\'s currency where that currency is written $: en-US USD, en-CA CAD, en-AU AUD', () => {
    expect(mostCommonDealCurrency(DOLLARS_AND_EURO, 'USD')).toBe('USD');
    expect(ingestWithWorkbookCurrency(DOLLARS_AND_EURO, args('en-US')).currency).toBe('USD');
    expect(ingestWithWorkbookCurrency(DOLLARS_AND_EURO, args('en-CA')).currency).toBe('CAD');
    expect(ingestWithWorkbookCurrency(DOLLARS_AND_EURO, args('en-AU')).currency).toBe('AUD');
  });

  test('so the three $ deals are summed and the € deal is the one left out, with a warning', () => {
    const { workbook, problems, currency } = ingestWithWorkbookCurrency(DOLLARS_AND_EURO, args('en-US'));
    expect(currency).toBe('USD');
    // 1,234.56 + 500 + 700 = 2,434.56
    expect(workbook.deals.map((d) => d.id)).toEqual(['D1', 'D2', 'D3']);
    expect(workbook.deals.reduce((sum, d) => sum + d.amount, 0)).toBeCloseTo(2434.56, 9);
    expect(problems.map((p) => [p.severity, p.row, p.messageId, p.params])).toEqual([
      ['warning', 5, 'ingest.currency_other', { currency: 'EUR', workbook: 'USD' }],
    ]);
  });

  test('a currency the amount header names counts for every deal whose cells name none', () => {
    // "Amount (USD)" over plain numbers: three USD deals against one written €50.
    const headed = { ...BASE, Deals: [HEADER.map((h) => (h === 'amount' ? 'Amount (USD)' : h)), won('D1', 10), won('D2', 20), won('D3', 30), won('D4', '€50')] };
    expect(mostCommonDealCurrency(headed, 'EUR')).toBe('USD');
  });

  test('$ names no currency where the locale\'s is not written $ (de-DE) or there is no locale: € wins', () => {
    expect(ingestWithWorkbookCurrency(DOLLARS_AND_EURO, args('de-DE')).currency).toBe('EUR');
    expect(ingestWithWorkbookCurrency(DOLLARS_AND_EURO, args(null)).currency).toBe('EUR');
  });

  test('kr and ¥ follow the locale the same way', () => {
    expect(ingestWithWorkbookCurrency(raw('500 kr', '€ 10', '200 kr'), args('sv-SE')).currency).toBe('SEK');
    expect(ingestWithWorkbookCurrency(raw('500 kr', '€ 10', '200 kr'), args('nb-NO')).currency).toBe('NOK');
    expect(ingestWithWorkbookCurrency(raw('¥5000'), args('ja-JP')).currency).toBe('JPY');
  });

  test('when no deal names a currency, it is the locale country\'s; without a country, none', () => {
    const plain = raw(100, '250,00');
    expect(ingestWithWorkbookCurrency(plain, args('en-GB')).currency).toBe('GBP');
    expect(ingestWithWorkbookCurrency(plain, args('nl-NL')).currency).toBe('EUR');
    expect(ingestWithWorkbookCurrency(plain, args('en')).currency).toBeNull();
    expect(ingestWithWorkbookCurrency(plain, args(null)).currency).toBeNull();
  });

  test('a currency the deals name beats the locale\'s, and --currency beats both', () => {
    // Two in EUR, one in $ (USD in en-US): EUR; the $ deal is left out.
    const euros = raw('€ 10', 'EUR 20', '$5');
    const { currency, problems } = ingestWithWorkbookCurrency(euros, args('en-US'));
    expect(currency).toBe('EUR');
    // Ingest settles $ by the workbook currency, EUR, which is not written $: the deal is reported as in $.
    expect(problems.map((p) => [p.row, p.params])).toEqual([[4, { currency: '$', workbook: 'EUR' }]]);
    expect(ingestWithWorkbookCurrency(euros, args('en-US', 'USD')).currency).toBe('USD');
  });
});
