import {
  amountWithFormatCurrency, currencyMarkOf, currencyOfMark, currencyOfNumberFormat, isCurrencyMark, localeConventions,
  parseNumberCell,
} from '../../../src/core/ingest';
import { isIsoCurrencyCode } from '../../../src/core/ingest/numbers';

const none = localeConventions(null);
const nl = localeConventions('nl-NL');
const us = localeConventions('en-US');
const de = localeConventions('de-DE');
const ch = localeConventions('de-CH');

const issue = (messageId: string) => expect.objectContaining({ messageId });

describe('number and amount cells', () => {
  test('numbers pass through; NaN and Infinity are not numbers', () => {
    expect(parseNumberCell(1234.56, none)).toBe(1234.56);
    expect(parseNumberCell(0, none)).toBe(0);
    expect(parseNumberCell(-7, none)).toBe(-7);
    expect(parseNumberCell(NaN, none)).toEqual(issue('ingest.number_invalid'));
    expect(parseNumberCell(Infinity, none)).toEqual(issue('ingest.number_invalid'));
  });

  test('text beyond the largest number (about 1.8E308) is too large, never Infinity', () => {
    expect(parseNumberCell('1E400', none)).toEqual(issue('ingest.number_too_large'));
    expect(parseNumberCell('-1e400', none)).toEqual(issue('ingest.number_too_large'));
    // 1 and 309 zeros, grouped by three (10^309) or with a currency: the amount path overflows the same way.
    const huge = `1${',000'.repeat(103)}`;
    expect(parseNumberCell(huge, us)).toEqual(issue('ingest.number_too_large'));
    expect(parseNumberCell(`€ ${'9'.repeat(320)}`, none)).toEqual(issue('ingest.number_too_large'));
    // The largest double itself still reads.
    expect(parseNumberCell('1.7976931348623157E308', none)).toBe(Number.MAX_VALUE);
  });

  test.each([
    ['42', 42],
    [' 42 ', 42],
    ['-3.5', -3.5],
    ['.5', 0.5],
    ['0.123', 0.123],
    ['1234.567', 1234.567],
    ['12.5', 12.5],
    ['1.2E+06', 1200000],
    ['€ 1.234,56', 1234.56],
    ['€1.234,56', 1234.56],
    ['$1,234.56', 1234.56],
    ['1 234,56', 1234.56],
    ['1\u00a0234,56', 1234.56],
    ['1\u202f234,56', 1234.56],
    ['1,5', 1.5],
    [',5', 0.5],
    ['1,25', 1.25],
    ['1.234.567', 1234567],
    ['1,234,567', 1234567],
    ['1.234.567,89', 1234567.89],
    ['1,234,567.89', 1234567.89],
    ['12,34,567.89', 1234567.89],
    ["1'234.50", 1234.5],
    ['1\u2019234.50', 1234.5],
    ['EUR 1.234,56', 1234.56],
    ['1.234,56 EUR', 1234.56],
    ['1234,56eur', 1234.56],
    ['£12', 12],
    ['12 kr', 12],
    ['+5', 5],
    ['-€ 5', -5],
    ['€ -5', -5],
    ['\u22125,5', -5.5],
    ['(1,234.56)', -1234.56],
    ['(€ 10)', -10],
    // Whole amounts written the Dutch and German way: the mark before the dash is the decimal one, in any locale.
    ['€1.200,-', 1200],
    ['€ 500,-', 500],
    ['1.250.000,-', 1250000],
    ['500,= EUR', 500],
    ['12,\u2013', 12],
    ['1.200,--', 1200],
    ['500,\u2014', 500],
  ])('%p reads as %p with no locale', (text, expected) => {
    expect(parseNumberCell(text, none)).toBe(expected);
  });

  test('a dash after a mark is no whole amount without a digit before it, and a dash alone is no minus at the end', () => {
    for (const text of ['€ ,-', ',-', '1,200.50-', '500-']) expect([text, parseNumberCell(text, none)]).toEqual([text, issue('ingest.number_invalid')]);
  });

  test('1.234 and 1,234 follow the locale', () => {
    expect(parseNumberCell('1.234', nl)).toBe(1234);
    expect(parseNumberCell('1.234', de)).toBe(1234);
    expect(parseNumberCell('1.234', us)).toBe(1.234);
    expect(parseNumberCell('1,234', us)).toBe(1234);
    expect(parseNumberCell('1,234', nl)).toBe(1.234);
    expect(parseNumberCell('€ 999.000', nl)).toBe(999000);
    // de-CH writes 1’234.5: the decimal mark is "."
    expect(parseNumberCell('1.234', ch)).toBe(1.234);
  });

  test('1.234 and 1,234 without a locale are a problem, never a guess', () => {
    expect(parseNumberCell('1.234', none)).toEqual(issue('ingest.number_ambiguous'));
    expect(parseNumberCell('1,234', none)).toEqual(issue('ingest.number_ambiguous'));
    expect(parseNumberCell('-1.234', none)).toEqual(issue('ingest.number_ambiguous'));
    expect(parseNumberCell('$ 1,234', none)).toEqual(issue('ingest.number_ambiguous'));
  });

  test('the locale never overrides what the text itself says', () => {
    expect(parseNumberCell('1,5', us)).toBe(1.5);
    expect(parseNumberCell('1.234,56', us)).toBe(1234.56);
    expect(parseNumberCell('1,234.56', nl)).toBe(1234.56);
    expect(parseNumberCell('0,123', us)).toBe(0.123);
  });

  test.each([
    'abc', '12 apples', '1.2.3', '1,23,4', '1.234,5.6', '1,2,3.4,5', '5.', '€', '--5', '(-5)', 'NaN', '1 2',
    '€ 5 EUR', 'Infinity', '12%',
  ])('%p is not a number', (text) => {
    expect(parseNumberCell(text, nl)).toEqual(issue('ingest.number_invalid'));
  });

  test('empty cells are null; booleans and dates are not numbers', () => {
    expect(parseNumberCell('', none)).toBeNull();
    expect(parseNumberCell('  ', none)).toBeNull();
    expect(parseNumberCell(null, none)).toBeNull();
    expect(parseNumberCell(undefined, none)).toBeNull();
    expect(parseNumberCell(true, none)).toEqual(issue('ingest.number_invalid'));
    expect(parseNumberCell(new Date(0), none)).toEqual(issue('ingest.number_invalid'));
  });

  test('the locale conventions come from Intl', () => {
    expect(nl).toMatchObject({ dayFirst: true, decimalMark: ',' });
    expect(localeConventions('en-GB')).toMatchObject({ dayFirst: true, decimalMark: '.' });
    expect(de).toMatchObject({ dayFirst: true, decimalMark: ',' });
    expect(us).toMatchObject({ dayFirst: false, decimalMark: '.' });
    expect(localeConventions('nl_NL')).toEqual(nl);
    expect(localeConventions('')).toMatchObject({ dayFirst: null, decimalMark: null });
  });

  test('a locale that writes the year first settles no day/month order: "03/04/2024" stays ambiguous there', () => {
    for (const tag of ['sv-SE', 'en-CA', 'fr-CA', 'en-ZA', 'ja-JP']) expect([tag, localeConventions(tag).dayFirst]).toEqual([tag, null]);
    // Its decimal mark is still known.
    expect(localeConventions('sv-SE').decimalMark).toBe(',');
  });
});

describe('currency of an amount', () => {
  test('the mark an amount is written with', () => {
    expect(currencyMarkOf('€ 1.234,56')).toBe('€');
    expect(currencyMarkOf('1.234,56 eur')).toBe('EUR');
    expect(currencyMarkOf('USD 5')).toBe('USD');
    expect(currencyMarkOf('$5')).toBe('$');
    expect(currencyMarkOf('5')).toBeNull();
    expect(currencyMarkOf(5)).toBeNull();
  });

  test('a mark names a currency code; a shared symbol only through the workbook currency', () => {
    expect(currencyOfMark('eur', null)).toBe('EUR');
    expect(currencyOfMark('€', null)).toBe('EUR');
    expect(currencyOfMark('£', 'EUR')).toBe('GBP');
    expect(currencyOfMark('$', 'USD')).toBe('USD');
    expect(currencyOfMark('$', 'AUD')).toBe('AUD');
    expect(currencyOfMark('$', 'EUR')).toBe('$');
    expect(currencyOfMark('$', null)).toBeNull();
    expect(currencyOfMark('kr', 'SEK')).toBe('SEK');
  });

  test('the local marks of one currency (Intl\'s symbols, as people and this tool\'s own outputs write them) are read as it', () => {
    for (const [text, amount, code] of [
      ['R$ 1.234,56', 1234.56, 'BRL'], ['US$ 1.234,50', 1234.5, 'USD'], ['1 234,50 $US', 1234.5, 'USD'], ['JP¥1.234', 1234, 'JPY'],
      ['1.234,50 £GB', 1234.5, 'GBP'], ['1.000 zł', 1000, 'PLN'], ['1.000円', 1000, 'JPY'], ['100 Ft', 100, 'HUF'],
      ['1.000원', 1000, 'KRW'], ['HK$ 5', 5, 'HKD'], ['100 Kč', 100, 'CZK'],
    ] as const) {
      expect([text, parseNumberCell(text, nl)]).toEqual([text, amount]);
      expect([text, currencyOfMark(currencyMarkOf(text)!, 'EUR')]).toEqual([text, code]);
    }
    // Marks several currencies share are the workbook's when it is one of them, else stay as written (and differ).
    expect(currencyOfMark(currencyMarkOf('1.000元')!, 'TWD')).toBe('TWD');
    expect(currencyOfMark(currencyMarkOf('1.000元')!, 'EUR')).toBe('元');
    expect(currencyOfMark(currencyMarkOf('1.000 lei')!, 'RON')).toBe('RON');
    expect(currencyOfMark('lei', 'MDL')).toBe('MDL');
    expect(currencyOfMark('lei', null)).toBeNull();
    // C$ is Canada's and Nicaragua's, Fr. Switzerland's and the CFA francs'.
    expect(currencyOfMark(currencyMarkOf('C$ 5')!, 'NIO')).toBe('NIO');
    expect(currencyOfMark(currencyMarkOf('C$ 5')!, 'CAD')).toBe('CAD');
    expect(currencyOfMark(currencyMarkOf("Fr. 1'000")!, 'CHF')).toBe('CHF');
    expect(currencyOfMark(currencyMarkOf("Fr. 1'000")!, 'XOF')).toBe('XOF');
    expect(currencyOfMark(currencyMarkOf("Fr. 1'000")!, 'EUR')).toBe('Fr');
    // Named marks are read as written: "ft" or "rm" is no mark (the amount is no number), "Ft" is forint.
    expect(parseNumberCell('100 ft', nl)).toEqual(issue('ingest.number_invalid'));
    expect(parseNumberCell('rm 100', nl)).toEqual(issue('ingest.number_invalid'));
    // Full-width signs, as Japanese and Korean text writes them, are the usual ones: ￥ is ¥, shared by JPY and CNY.
    expect(currencyOfMark(currencyMarkOf('￥1,000')!, 'JPY')).toBe('JPY');
    expect(currencyOfMark('￥', 'CNY')).toBe('CNY');
    expect(currencyOfMark('￥', 'EUR')).toBe('¥');
    expect(currencyOfMark('￦', null)).toBe('KRW');
  });

  test('what counts as a currency in a currency column', () => {
    expect(isCurrencyMark('EUR')).toBe(true);
    expect(isCurrencyMark(' usd ')).toBe(true);
    expect(isCurrencyMark('€')).toBe(true);
    expect(isCurrencyMark('R$')).toBe(true);
    expect(isCurrencyMark('￥')).toBe(true);
    expect(isCurrencyMark('euro')).toBe(false);
    expect(isCurrencyMark('12')).toBe(false);
  });
});

describe('currency of a number format', () => {
  test.each([
    // Excel's [$symbol-locale id]: 409 is en-US, 809 en-GB, 1009 en-CA, 407 de-DE, 41D sv-SE, 411 ja-JP.
    ['[$$-409]#,##0.00', 'USD'],
    ['[$£-809]#,##0.00', 'GBP'],
    ['[$$-1009]#,##0.00', 'CAD'],
    ['[$€-407] #,##0.00', 'EUR'],
    ['[$€-409]#,##0.00', 'EUR'], // a euro amount laid out the US way is still in euros
    ['#,##0.00 [$kr-41D]', 'SEK'],
    ['[$¥-411]#,##0', 'JPY'],
    ['[$USD] #,##0.00', 'USD'],
    ['[$US$-409]#,##0', 'USD'],
    ['[$￥-411]#,##0', 'JPY'], // the full-width yen Japanese Excel writes
    ['[$R$-416] #,##0.00', 'BRL'],
    ['[$zł-415] #,##0.00', 'PLN'],
    ['[$Fr.-807] #,##0.00', 'CHF'],
    ['[$C$-1009]#,##0.00', 'CAD'],
    // 元 and lei are shared: the locale id settles them, else the workbook currency will.
    ['[$元-404]#,##0', 'TWD'],
    ['[$lei-418] #,##0.00', 'RON'],
    ['#,##0 "lei"', 'lei'],
    // Signs that are no full-width forms stay as they are (Unicode's compatibility forms would make letters of them).
    ['[$₨-420]#,##0', '₨'],
    ['"﷼"#,##0', '﷼'],
    // Sheets and hand-written formats: the symbol quoted, escaped or as it is; a code quoted.
    ['"$"#,##0.00', '$'],
    ['[$$]#,##0.00', '$'],
    ['\\$#,##0.00', '$'],
    ['£#,##0', 'GBP'],
    ['€ #,##0.00;€ -#,##0.00', 'EUR'],
    ['#,##0.00 "EUR"', 'EUR'],
    ['#,##0 "kr"', 'kr'],
    ['_("$"* #,##0.00_);_("$"* \\(#,##0.00\\);_("$"* "-"??_);_(@_)', '$'],
    ['[$$-409]#,##0.00;[Red]-[$$-409]#,##0.00', 'USD'],
  ])('%p shows %p', (format, mark) => {
    expect(currencyOfNumberFormat(format)).toBe(mark);
  });

  test.each([
    'General', '#,##0.00', '0%', '#,##0" ft"', '"fr"0', '0.00E+00', '[$-409]#,##0.00', '[$-409]mmmm d, yyyy', '[Red]#,##0', '#,##0 "pcs"',
    '"Total: "#,##0', '_-* #,##0_-', '@', '',
  ])('%p shows no currency', (format) => {
    expect(currencyOfNumberFormat(format)).toBeNull();
  });

  test('an amount whose format shows a currency reads as that amount in that currency', () => {
    expect(amountWithFormatCurrency(1000, '[$$-409]#,##0.00')).toBe('USD 1000');
    expect(amountWithFormatCurrency(1000, '[$£-809]#,##0.00')).toBe('GBP 1000');
    expect(amountWithFormatCurrency(-5, '"$"#,##0.00')).toBe('$ -5');
    expect(amountWithFormatCurrency(1000, '#,##0.00')).toBe(1000);
    expect(amountWithFormatCurrency(1000, undefined)).toBe(1000);
    expect(amountWithFormatCurrency('€ 5', '[$$-409]#,##0.00')).toBe('€ 5');
    expect(amountWithFormatCurrency(1e21, '[$$-409]#,##0.00')).toBe(1e21);
    // Names of every object's built-in properties are no currency symbols (they read as JavaScript's own).
    for (const name of ['constructor', '__proto__', 'toString']) {
      expect(amountWithFormatCurrency(1000, `[$${name}]#,##0.00`)).toBe(1000);
      expect(amountWithFormatCurrency(1000, `"${name}"#,##0.00`)).toBe(1000);
      expect(currencyOfMark(name, null)).toBeNull();
    }
  });

  test('a 50,000-character amount (the most a Sheets cell holds) of spaces between digits is no number; with a code after them, an amount', () => {
    // (Such cells once took seconds each: a currency-suffix pattern starting with spaces was tried at every position.)
    expect(parseNumberCell(`1${' '.repeat(49_998)}1`, us)).toEqual(issue('ingest.number_invalid'));
    // An amount, spaces and a currency code: the amount, read as quickly.
    expect(parseNumberCell(`1${' '.repeat(49_995)}EUR`, us)).toBe(1);
  });

  test.each([1000, 1234.56, 123.456, 1.234, 0.5, 0.001, -123.456, 1234567.891, 12])(
    '%p with a currency format reads back as exactly %p in any locale', (amount) => {
      const cell = amountWithFormatCurrency(amount, '[$$-409]#,##0.00');
      expect(typeof cell).toBe('string');
      for (const conventions of [none, nl, us, de, ch]) expect(parseNumberCell(cell, conventions)).toBe(amount);
      expect(currencyMarkOf(cell)).toBe('USD');
    },
  );
});

describe('ISO currency codes', () => {
  test('three upper-case letters, as ISO 4217 writes them', () => {
    expect(isIsoCurrencyCode('EUR')).toBe(true);
    expect(isIsoCurrencyCode('CHF')).toBe(true);
  });

  test.each(['eur', 'Eur', 'EURO', 'EU', 'E1R', ' EUR', '€', ''])('%p is not one (a caller that takes any case upper-cases first)', (text) => {
    expect(isIsoCurrencyCode(text)).toBe(false);
  });
});
