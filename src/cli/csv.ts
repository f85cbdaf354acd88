// CSV in both directions. Reading follows RFC 4180 (quoted fields, doubled quotes, line breaks inside
// quotes, CRLF) and is lenient where spreadsheet programs are: bare LF or CR end a record too, a quote
// inside an unquoted field is literal, and text after a closing quote is kept, unless the quoted part ran
// over lines (then the quote was most likely stray and swallowed rows: an error). Every record becomes one
// row, even an empty line, so row numbers match what the user sees when the file is opened in Sheets.

import { columnLetters } from '../core/ingest/columns';

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

export type CsvDelimiter = ',' | ';' | '\t';

/** A quote the file cannot be read past: where it opened, as the user sees it when the file is opened in Sheets. */
export abstract class CsvQuoteError extends Error {
  /**
   * `row` is the row the quote opened on (header = 1); `column` is its column's header, or its letter when the
   * quote is in the header or under an empty header.
   */
  constructor(readonly row: number, readonly column: string, what: string) {
    super(`${what} on row ${row}, column ${column}`);
  }
}

/** A quoted field still open at the end of the text: it would have swallowed every row after `row`. */
export class CsvUnclosedQuote extends CsvQuoteError {
  constructor(row: number, column: string) {
    super(row, column, 'unclosed quote');
  }
}

/**
 * A quoted field that ran over lines and closed before more text (`a,"b⏎c"d`): the quote was most likely
 * stray, and the rows it swallowed cannot be told apart from text.
 */
export class CsvStrayQuote extends CsvQuoteError {
  constructor(row: number, column: string) {
    super(row, column, 'stray quote');
  }
}

/** An incremental parser: feed it chunks of any size; it calls `onRecord` for every complete record. */
export class CsvParser {
  private readonly delimiter: number;
  private record: string[] = [];
  private field = '';
  private inQuotes = false;
  /** The previous chunk ended on a quote inside a quoted field: escaped quote or closing quote. */
  private pendingQuote = false;
  /** The previous chunk ended on CR: an LF at the start of the next one belongs to it. */
  private pendingCr = false;
  /** The current field began with a quote (so a closing quote can follow). */
  private quoted = false;
  private atStart = true;
  /** The row number of the record being read (1-based), so an unclosed quote can say where it opened. */
  private row = 1;
  /** The first record, to name the column of a quote that cannot be read past. */
  private header: string[] = [];

  constructor(private readonly onRecord: (fields: string[]) => void, delimiter: CsvDelimiter = ',') {
    this.delimiter = delimiter.charCodeAt(0);
  }

  push(chunk: string): void {
    if (chunk.length === 0) return;
    let text = chunk;
    if (this.atStart) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      this.atStart = false;
    }
    let i = 0;
    const n = text.length;
    if (this.pendingCr) {
      this.pendingCr = false;
      if (n > 0 && text.charCodeAt(0) === LF) i = 1;
    }
    if (this.pendingQuote) {
      this.pendingQuote = false;
      if (i < n && text.charCodeAt(i) === QUOTE) {
        this.field += '"';
        i++;
      } else {
        this.inQuotes = false;
      }
    }
    while (i < n) {
      if (this.inQuotes) {
        const q = text.indexOf('"', i);
        if (q < 0) {
          this.field += text.slice(i);
          return;
        }
        this.field += text.slice(i, q);
        if (q + 1 >= n) {
          this.pendingQuote = true;
          return;
        }
        if (text.charCodeAt(q + 1) === QUOTE) {
          this.field += '"';
          i = q + 2;
        } else {
          this.inQuotes = false;
          i = q + 1;
        }
        continue;
      }
      const c = text.charCodeAt(i);
      if (c === this.delimiter) {
        this.endField();
        i++;
      } else if (c === LF) {
        this.endRecord();
        i++;
      } else if (c === CR) {
        this.endRecord();
        if (i + 1 >= n) {
          this.pendingCr = true;
          return;
        }
        i += text.charCodeAt(i + 1) === LF ? 2 : 1;
      } else if (c === QUOTE && this.field.length === 0 && !this.quoted) {
        this.quoted = true;
        this.inQuotes = true;
        i++;
      } else {
        // A run of plain characters up to the next special one, copied at once.
        let j = i + 1;
        while (j < n) {
          const d = text.charCodeAt(j);
          if (d === this.delimiter || d === LF || d === CR) break;
          j++;
        }
        const run = text.slice(i, j);
        // Text (not mere spaces) after a quote that closed on a later line than it opened: a stray quote.
        if (this.quoted && run.trim() !== '' && /[\r\n]/.test(this.field)) throw new CsvStrayQuote(this.row, this.fieldColumn());
        this.field += run;
        i = j;
      }
    }
  }

  /**
   * Flushes the last record (a file need not end with a line break). Throws CsvUnclosedQuote when a quoted
   * field is still open: the rest of the file was read into it, and no guess could split it back into rows.
   */
  end(): void {
    if (this.inQuotes && !this.pendingQuote) throw new CsvUnclosedQuote(this.row, this.fieldColumn());
    this.pendingQuote = false;
    this.inQuotes = false;
    if (this.record.length > 0 || this.field.length > 0 || this.quoted) this.endRecord();
  }

  /** The column of the field being read: its header, or its letter. */
  private fieldColumn(): string {
    const header = this.row > 1 ? this.header[this.record.length]?.trim() : undefined;
    return header || columnLetters(this.record.length + 1);
  }

  private endField(): void {
    this.record.push(this.field);
    this.field = '';
    this.quoted = false;
  }

  private endRecord(): void {
    this.endField();
    const record = this.record;
    this.record = [];
    if (this.row === 1) this.header = record;
    this.row++;
    this.onRecord(record);
  }
}

/**
 * The delimiter of a file from its header line: the canonical form uses commas, but spreadsheet
 * programs in comma-decimal locales save with semicolons, and some exports use tabs.
 */
export function detectDelimiter(firstLine: string): CsvDelimiter {
  const count = (ch: string) => firstLine.split(ch).length - 1;
  const commas = count(',');
  const semicolons = count(';');
  const tabs = count('\t');
  if (tabs > commas && tabs > semicolons) return '\t';
  if (semicolons > commas) return ';';
  return ',';
}

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** One CSV field: quoted only when it must be, so plain values stay readable. */
export function formatCsvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One CSV record with its CRLF line break (RFC 4180). */
export function formatCsvRecord(fields: readonly string[]): string {
  return fields.map(formatCsvField).join(',') + '\r\n';
}
