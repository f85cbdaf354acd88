// `campaign-analytics sample <out.xlsx|out-dir> [--size small|medium|large] [--seed N]`: writes a
// realistic, reproducible workbook (same seed, same rows) for demos, tests and benchmarks.
import * as path from 'path';
import { formatMessage } from '../../core/messages';
import type { SampleArgs } from '../args';
import { EXIT_OK, EXIT_USAGE, type CliContext } from '../context';
import { fileErrorReason } from '../file-error';
import { buildSample } from './sheets';
import { writeCsvFolder, writeXlsx, type RowCounts } from './write';
import { CURRENCY, TODAY } from './world';

export { buildSample } from './sheets';

export async function runSample(args: SampleArgs, ctx: CliContext): Promise<number> {
  const sample = buildSample(args.size, args.seed);
  let counts: RowCounts;
  try {
    counts = path.extname(args.out).toLowerCase() === '.xlsx'
      ? await writeXlsx(args.out, sample.sheets, new Date(TODAY))
      : await writeCsvFolder(args.out, sample.sheets);
  } catch (e) {
    ctx.err(formatMessage('cli.output_unwritable', { path: args.out, reason: fileErrorReason(e, 'en') }) + '\n');
    return EXIT_USAGE;
  }
  ctx.out(formatMessage('cli.sample_written', {
    path: args.out, campaigns: counts.Campaigns ?? 0, assets: counts.Assets ?? 0, visits: counts.Visits ?? 0,
    deals: counts.Deals ?? 0,
  }) + '\n');
  ctx.out(formatMessage('cli.sample_flaws', { count: sample.flawedRows, path: shellWord(args.out), currency: CURRENCY }) + '\n');
  return EXIT_OK;
}

/** The path as one word of a POSIX shell command, so that the suggested command can be pasted as it is. */
function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
