// The command line's workbook currency without --currency: the one the deals name most often, a symbol
// several currencies share ($) read as the --locale currency when that currency is written so, and the
// --locale country's currency when no deal names one.
import type { InputArgs } from '../../src/cli/args';
import { ingestInput } from '../../src/cli/ingest-input';
import { mostNamedCurrency } from '../../src/core/ingest/workbook-currency';
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
    expect(mostNamedCurrency(DOLLARS_AND_EURO, ['Deals'], 'USD')).toBe('USD');
    expect(ingestInput(DOLLARS_AND_EURO, args('en-US')).currency).toBe('USD');
    expect(ingestInput(DOLLARS_AND_EURO, args('en-CA')).currency).toBe('CAD');
    expect(ingestInput(DOLLARS_AND_EURO, args('en-AU')).currency).toBe('AUD');
  });

  test('so the three $ deals are summed and the € deal is the one left out, with a warning', () => {
    const { workbook, problems, currency } = ingestInput(DOLLARS_AND_EURO, args('en-US'));
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
    expect(mostNamedCurrency(headed, ['Deals'], 'EUR')).toBe('USD');
  });

  test('$ names no currency where the locale\'s is not written $ (de-DE) or there is no locale: € wins', () => {
    expect(ingestInput(DOLLARS_AND_EURO, args('de-DE')).currency).toBe('EUR');
    expect(ingestInput(DOLLARS_AND_EURO, args(null)).currency).toBe('EUR');
  });

  test('kr and ¥ follow the locale the same way', () => {
    expect(ingestInput(raw('500 kr', '€ 10', '200 kr'), args('sv-SE')).currency).toBe('SEK');
    expect(ingestInput(raw('500 kr', '€ 10', '200 kr'), args('nb-NO')).currency).toBe('NOK');
    expect(ingestInput(raw('¥5000'), args('ja-JP')).currency).toBe('JPY');
  });

  test('when no deal names a currency, it is the locale country\'s; without a country, none', () => {
    const plain = raw(100, '250,00');
    expect(ingestInput(plain, args('en-GB')).currency).toBe('GBP');
    expect(ingestInput(plain, args('nl-NL')).currency).toBe('EUR');
    expect(ingestInput(plain, args('en')).currency).toBeNull();
    expect(ingestInput(plain, args(null)).currency).toBeNull();
  });

  test('with neither, the spend amounts decide, and spend in the others is left out (the audit\'s €100 + £50 + ¥1000)', () => {
    const spend = [['date', 'campaign_id', 'amount'], ['2024-02-01', 'C1', '€100'], ['2024-02-02', 'C1', '£50'], ['2024-02-03', 'C1', '¥1000'], ['2024-02-04', 'C1', 'EUR 20']];
    const { workbook, problems, currency } = ingestInput({ ...raw(100, 250), Spend: spend }, args(null));
    // Two rows name EUR, one GBP, one ¥ (JPY or CNY: without a locale, no currency).
    expect(currency).toBe('EUR');
    // A spend row in another currency stays, its amount read as empty (in no sum).
    expect(workbook.spend.map((s) => s.amount)).toEqual([100, null, null, 20]);
    expect(problems.map((p) => [p.sheet, p.row, p.messageId])).toEqual([
      ['Spend', 3, 'ingest.spend_currency_other'], ['Spend', 4, 'ingest.spend_currency_other'],
    ]);
    // A locale still comes before them: en-GB makes it GBP, the € rows left out instead.
    expect(ingestInput({ ...raw(100, 250), Spend: spend }, args('en-GB')).currency).toBe('GBP');
  });

  test('a currency the deals name beats the locale\'s, and --currency beats both', () => {
    // Two in EUR, one in $ (USD in en-US): EUR; the $ deal is left out.
    const euros = raw('€ 10', 'EUR 20', '$5');
    const { currency, problems } = ingestInput(euros, args('en-US'));
    expect(currency).toBe('EUR');
    // Ingest settles $ by the workbook currency, EUR, which is not written $: the deal is reported as in $.
    expect(problems.map((p) => [p.row, p.params])).toEqual([[4, { currency: '$', workbook: 'EUR' }]]);
    expect(ingestInput(euros, args('en-US', 'USD')).currency).toBe('USD');
  });
});
