// Shared by the command-line tests: a context that records output, and scratch folders.
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import type { CliContext } from '../../src/cli/context';
import { CsvParser, type CsvDelimiter } from '../../src/cli/csv';

export interface Recorder {
  ctx: CliContext;
  stdout(): string;
  stderr(): string;
}

/** A context whose output is kept for assertions; "today" is fixed. */
export function recorder(now = Date.UTC(2026, 10, 23, 12)): Recorder {
  let out = '';
  let err = '';
  return {
    ctx: { out: (t) => void (out += t), err: (t) => void (err += t), now: () => now },
    stdout: () => out,
    stderr: () => err,
  };
}

/** A fresh folder under the system's temp dir; `cleanup` removes every folder made. */
const made: string[] = [];
export function scratchDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'campaign-analytics-cli-'));
  made.push(dir);
  return dir;
}
export function cleanup(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A whole CSV text as records, through the command line's streaming parser. */
export function parseCsv(text: string, delimiter: CsvDelimiter = ','): string[][] {
  const records: string[][] = [];
  const parser = new CsvParser((r) => records.push(r), delimiter);
  parser.push(text);
  parser.end();
  return records;
}
