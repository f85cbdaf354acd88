// `campaign-analytics paths <file>`: the data-driven and ChannelAttribution-style models on a file in
// ChannelAttribution's aggregated format (`path;total_conversions;total_conversion_value;total_null`,
// `;` or `,` separated), so analysts can check our numbers against that package's on the same data.
// Writes `channel_name,total_conversions,total_conversion_value` as CSV to standard output, one row per
// channel in name order, and for Markov optionally the removal effects to a file.
import { promises as fs } from 'fs';
import {
  markov, pathHeuristic, shapley, shapleyConversionRate, type ChannelCredit, type ChannelPath, type MarkovChannel,
} from '../core/engine/data-driven';
import { formatMessage, type MessageId } from '../core/messages';
import type { PathsArgs } from './args';
import { EXIT_INPUT, EXIT_OK, EXIT_USAGE, type CliContext } from './context';
import { formatCsvRecord } from './csv';
import { fileErrorReason } from './file-error';
import { InputError, isZipArchive, outputOverInput, readCsvFile } from './read-input';
import { formatProblem } from './validate';

export async function runPaths(args: PathsArgs, ctx: CliContext): Promise<number> {
  // Like `report` on a missing input: a path that names no file is a usage error (exit 2).
  const stat = await fs.stat(args.file).catch(() => null);
  if (stat?.isDirectory()) throw new InputError('cli.input_unreadable', { path: args.file }, 2, { code: 'EISDIR' });
  if (!stat?.isFile()) throw new InputError('cli.file_missing', { path: args.file }, 2);
  // A workbook (paths.xlsx) read as text would only be a stray quote or a bad row somewhere in its bytes.
  if (await isZipArchive(args.file)) throw new InputError('cli.paths_workbook', { path: args.file }, 1);
  const overlap = args.removalEffects === null ? null : await outputOverInput(args.file, args.removalEffects);
  if (overlap !== null) {
    ctx.err(formatMessage(overlap.messageId, overlap.params) + '\n');
    return EXIT_USAGE;
  }
  const csvFile = await readCsvFile(args.file, args.file, () => ctx.err(formatMessage('cli.csv_windows_1252', { file: args.file }) + '\n'));
  const read = readPathsFile(args.file, csvFile.records, args.sep, csvFile.delimiter === ';');
  if (read.problems.length > 0) {
    ctx.err(read.problems.join('\n') + '\n');
    return EXIT_INPUT;
  }
  const result = attribute(read.paths, args);
  if ('messageId' in result) {
    ctx.err(formatMessage(result.messageId, result.params) + '\n');
    return EXIT_INPUT;
  }
  if (args.removalEffects !== null && result.removalEffects) {
    const table = csv(['channel_name', 'removal_effects_conversion', 'removal_effects_conversion_value'],
      result.removalEffects.map((c) => [c.name, c.removalEffect, c.removalEffectValue]));
    try {
      await fs.writeFile(args.removalEffects, table);
    } catch (e) {
      ctx.err(formatMessage('cli.output_unwritable', { path: args.removalEffects, reason: fileErrorReason(e, 'en') }) + '\n');
      return EXIT_USAGE;
    }
  }
  ctx.out(csv(['channel_name', 'total_conversions', 'total_conversion_value'],
    result.credits.map((c) => [c.name, c.conversions, c.value])));
  return EXIT_OK;
}

type Attribution =
  | { credits: ChannelCredit[]; removalEffects?: MarkovChannel[] }
  | { messageId: MessageId; params: Record<string, string | number> };

function attribute(paths: ChannelPath[], args: PathsArgs): Attribution {
  switch (args.model) {
    case 'markov': {
      const { channels } = markov(paths, { order: args.order });
      return { credits: channels, removalEffects: channels };
    }
    case 'shapley':
      return { credits: shapley(paths).channels };
    case 'shapley_conversion_rate': {
      const result = shapleyConversionRate(paths);
      return result.available ? { credits: result.channels } : result;
    }
    default:
      return { credits: pathHeuristic(paths, args.model) };
  }
}

const HEADER = 'path;total_conversions;total_conversion_value;total_null';
const COLUMNS = ['path', 'total_conversions', 'total_conversion_value', 'total_null'] as const;
type Column = (typeof COLUMNS)[number];
const REQUIRED: readonly Column[] = ['path', 'total_conversions'];
/** Problems printed before the rest are only counted, so a wrong file does not flood the terminal. */
const MAX_PROBLEMS_SHOWN = 20;

const DECIMAL_POINT_NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
/** R's write.csv2 and a spreadsheet in a comma-decimal locale write `;` between fields and a decimal comma: 150,5. */
const DECIMAL_COMMA_NUMBER = /^[-+]?(\d+,?\d*|,\d+)([eE][-+]?\d+)?$/;

/**
 * The rows of a paths file, or its problems as `file:line:column: error: message` lines. `decimalComma`: the
 * fields are separated by `;`, so a comma in a number can only be its decimal mark.
 */
export function readPathsFile(
  file: string, records: string[][], sep: string, decimalComma = false,
): { paths: ChannelPath[]; problems: string[] } {
  const problems: string[] = [];
  let problemCount = 0;
  const problem = (line: number, column: string | null, id: MessageId, params: Record<string, string | number> = {}) => {
    if (++problemCount > MAX_PROBLEMS_SHOWN) return;
    problems.push(formatProblem({ severity: 'error', sheet: file, row: line, column, messageId: id, params, fatal: false }));
  };
  const header = records[0]?.map((name) => name.trim().toLowerCase());
  if (!header || header.every((name) => name === '')) {
    problem(1, null, 'cli.paths.header_missing', { header: HEADER });
    return { paths: [], problems };
  }
  const at = new Map<Column, number>();
  for (const column of COLUMNS) if (header.includes(column)) at.set(column, header.indexOf(column));
  for (const column of REQUIRED) if (!at.has(column)) problem(1, null, 'cli.paths.column_missing', { column, header: HEADER });
  // A misspelt optional column would be read as absent: no nulls, or no value, without a word.
  for (const name of header) {
    if (name !== '' && !(COLUMNS as readonly string[]).includes(name)) problem(1, null, 'cli.paths.column_unknown', { column: name, header: HEADER });
  }
  if (problemCount > 0) return { paths: [], problems };

  const paths: ChannelPath[] = [];
  records.forEach((record, r) => {
    if (r === 0 || record.every((field) => field.trim() === '')) return;
    const line = r + 1;
    const before = problemCount;
    // A cell too many or too few (an unquoted "1,200" in a comma-separated file) would shift or blank the columns.
    if (record.length !== records[0].length) {
      problem(line, null, 'cli.paths.cells_count', { cells: record.length, columns: records[0].length });
      return;
    }
    const cell = (column: Column) => (at.has(column) ? (record[at.get(column) as number] ?? '').trim() : '');
    const number = (column: Column, negativeId: MessageId): number => {
      const text = cell(column);
      if (text === '') {
        if (REQUIRED.includes(column)) problem(line, column, 'ingest.required_empty');
        return 0;
      }
      const n = DECIMAL_POINT_NUMBER.test(text) ? Number(text)
        : decimalComma && DECIMAL_COMMA_NUMBER.test(text) ? Number(text.replace(',', '.')) : NaN;
      if (!Number.isFinite(n)) problem(line, column, 'cli.paths.number_invalid', { value: text });
      else if (n < 0) problem(line, column, negativeId, { value: text });
      return n;
    };
    const channels = cell('path').split(sep).map((name) => name.trim());
    if (channels.every((name) => name === '')) problem(line, 'path', 'cli.paths.path_empty');
    else if (channels.includes('')) problem(line, 'path', 'cli.paths.channel_empty', { value: cell('path'), sep });
    const conversions = number('total_conversions', 'ingest.count_negative');
    const value = number('total_conversion_value', 'ingest.amount_negative');
    const nulls = number('total_null', 'ingest.count_negative');
    // Value belongs to converting journeys: on a row without any, no model could credit it.
    if (cell('total_conversions') !== '' && conversions === 0 && value > 0) problem(line, 'total_conversion_value', 'cli.paths.value_without_conversions', { value: cell('total_conversion_value') });
    if (problemCount === before) paths.push({ channels, conversions, value, nulls });
  });
  if (problemCount > MAX_PROBLEMS_SHOWN) {
    problems.push(formatMessage('cli.paths.more_problems', { count: problemCount - MAX_PROBLEMS_SHOWN }));
  }
  return { paths, problems };
}

function csv(header: readonly string[], rows: ReadonlyArray<readonly [string, number, number]>): string {
  return formatCsvRecord(header) + rows.map(([name, a, b]) => formatCsvRecord([name, csvNumber(a), csvNumber(b)])).join('');
}

/**
 * Fifteen significant digits, the most a double always holds: free of binary noise such as 1.6000000000000003,
 * and exact for an amount of up to 15 digits (a row's 1234567890123.45 comes back as it went in).
 */
function csvNumber(x: number): string {
  const rounded = Number(x.toPrecision(15));
  return String(rounded === 0 ? 0 : rounded);
}
