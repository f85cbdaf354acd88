import fc from 'fast-check';
import { CsvParser, detectDelimiter, formatCsvRecord } from '../../src/cli/csv';
import { parseCsv } from './helpers';

describe('parseCsv (RFC 4180)', () => {
  it('reads plain fields and CRLF line breaks', () => {
    expect(parseCsv('a,b,c\r\n1,2,3\r\n')).toEqual([['a', 'b', 'c'], ['1', '2', '3']]);
  });

  it('reads quoted fields with delimiters, doubled quotes and line breaks inside', () => {
    const text = 'name,note\r\n"Smith, Anna","She said ""hi""\r\nand left"\r\n';
    expect(parseCsv(text)).toEqual([['name', 'note'], ['Smith, Anna', 'She said "hi"\r\nand left']]);
  });

  it('keeps empty fields, including an empty quoted one and a trailing one', () => {
    expect(parseCsv('a,,""\n,x,\n')).toEqual([['a', '', ''], ['', 'x', '']]);
  });

  it('strips a byte-order mark from the first field only', () => {
    expect(parseCsv('\uFEFFcampaign_id,name\nC1,\uFEFFx\n')).toEqual([['campaign_id', 'name'], ['C1', '\uFEFFx']]);
  });

  it('accepts LF and lone CR line breaks and a last line without a break', () => {
    expect(parseCsv('a\nb\rc')).toEqual([['a'], ['b'], ['c']]);
  });

  it('keeps an empty line as a record, so row numbers match the spreadsheet', () => {
    expect(parseCsv('h\r\n\r\nx\r\n')).toEqual([['h'], [''], ['x']]);
  });

  it('reads nothing from an empty file', () => {
    expect(parseCsv('')).toEqual([]);
  });

  it('treats a quote inside an unquoted field, and text after a closing quote, literally', () => {
    expect(parseCsv('5" screen,"ab"c\n')).toEqual([['5" screen', 'abc']]);
  });

  it('parses semicolon-separated files when told to', () => {
    expect(parseCsv('a;"b;c"\n', ';')).toEqual([['a', 'b;c']]);
  });

  it('gives the same records however the text is cut into chunks', () => {
    const text = '\uFEFFa,"b\r\nc",""""\r\n"x""y",z\r\n\r\nlast,"q"';
    const whole = parseCsv(text);
    for (let cut = 0; cut <= text.length; cut++) {
      for (let cut2 = cut; cut2 <= text.length; cut2 += 3) {
        const records: string[][] = [];
        const parser = new CsvParser((r) => records.push(r));
        parser.push(text.slice(0, cut));
        parser.push(text.slice(cut, cut2));
        parser.push(text.slice(cut2));
        parser.end();
        expect(records).toEqual(whole);
      }
    }
  });

  it('reads back what formatCsvRecord writes, for any fields', () => {
    const field = fc.string({ unit: fc.constantFrom('a', ' ', ',', '"', '\r', '\n', 'é', '€', ';') });
    fc.assert(
      fc.property(fc.array(fc.array(field, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 5 }), (records) => {
        expect(parseCsv(records.map(formatCsvRecord).join(''))).toEqual(records);
      }),
    );
  });
});

describe('formatCsvRecord', () => {
  it('quotes only the fields that need it and ends with CRLF', () => {
    expect(formatCsvRecord(['plain', 'a,b', 'say "x"', ' pad', ''])).toBe('plain,"a,b","say ""x"""," pad",\r\n');
  });
});

describe('detectDelimiter', () => {
  it('picks commas by default, semicolons or tabs when the header uses them', () => {
    expect(detectDelimiter('timestamp,visitor_id,url')).toBe(',');
    expect(detectDelimiter('timestamp;visitor_id;url')).toBe(';');
    expect(detectDelimiter('timestamp\tvisitor_id\turl')).toBe('\t');
    expect(detectDelimiter('name')).toBe(',');
  });
});
