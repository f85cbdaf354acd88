// The command line's sample workbook, built in memory as the rows a CSV folder gives (dates as zone-less
// text), so formula tests run on realistic data without touching the disk.
import { DEFAULT_SEED, type SampleSize } from '../../../src/cli/args';
import { buildSample } from '../../../src/cli/sample';
import { SampleDate, type SampleCell } from '../../../src/cli/sample/cells';
import { COLUMN_SPECS } from '../../../src/core/ingest';
import type { Cell, RawWorkbook } from '../../../src/core/types';

const cellOf = (cell: SampleCell): Cell => (cell instanceof SampleDate ? cell.toText() : cell ?? '');

export function sampleRawWorkbook(seed = DEFAULT_SEED, size: SampleSize = 'small'): RawWorkbook {
  const raw: RawWorkbook = {};
  for (const sheet of buildSample(size, seed).sheets) {
    const columns = COLUMN_SPECS[sheet.name].map((c) => c.name);
    raw[sheet.name] = [columns, ...[...sheet.rows()].map((row) => columns.map((c) => cellOf(row[c] ?? null)))];
  }
  return raw;
}
