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
import { EXIT_INPUT, EXIT_OK, type CliContext } from './context';
import { formatCsvRecord } from './csv';
import { readCsvFile } from './read-input';

export const PATHS_MODELS = [
  'markov', 'shapley', 'shapley_conversion_rate', 'first_interaction', 'last_interaction', 'linear',
] as const;
export type PathsModel = (typeof PATHS_MODELS)[number];

export interface PathsArgs {
  command: 'paths';
  file: string;
  model: PathsModel;
  /** Markov order (states = the last `order` channels). */
  order: number;
  /** One character between the channels of a path. */
  sep: string;
  /** Where to write Markov's removal effects; null = not written. */
  removalEffects: string | null;
}

export type PathsParseResult = { kind: 'command'; args: PathsArgs } | { kind: 'usage_error'; message: string };

export const MAX_MARKOV_ORDER = 10;
const OPTIONS = ['model', 'order', 'sep', 'removal-effects'] as const;
type PathsOption = (typeof OPTIONS)[number];

class UsageError extends Error {
  constructor(id: MessageId, params: Record<string, string | number> = {}) {
    super(formatMessage(id, params));
  }
}

/**
 * Parses the arguments after the word `paths`. Accepts `--name value` and `--name=value`, like the other
 * commands; a separator that starts with "--" must be given as `--sep=…`.
 */
export function parsePathsArgs(argv: readonly string[]): PathsParseResult {
  try {
    return { kind: 'command', args: parse(argv) };
  } catch (e) {
    if (e instanceof UsageError) return { kind: 'usage_error', message: e.message };
    throw e;
  }
}

function parse(argv: readonly string[]): PathsArgs {
  const values = new Map<PathsOption, string>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--') || arg === '--') {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const option = `--${name}`;
    if (!(OPTIONS as readonly string[]).includes(name)) throw new UsageError('cli.unknown_option', { option });
    let value: string | undefined = eq < 0 ? argv[++i] : arg.slice(eq + 1);
    if (eq < 0 && value?.startsWith('--')) value = undefined;
    if (value === undefined || value === '') throw new UsageError('cli.option_value', { option });
    if (values.has(name as PathsOption)) throw new UsageError('cli.option_repeated', { option });
    values.set(name as PathsOption, value);
  }
  if (positional.length === 0) throw new UsageError('cli.argument_missing', { command: 'paths', argument: '<file>' });
  if (positional.length > 1) throw new UsageError('cli.argument_extra', { value: positional[1] });

  const modelText = values.get('model');
  const model = modelText === undefined ? 'markov' : PATHS_MODELS.find((m) => m === modelText.trim().toLowerCase());
  if (model === undefined) {
    throw new UsageError('cli.option_invalid', { value: modelText ?? '', option: '--model', allowed: PATHS_MODELS.join(', ') });
  }
  for (const option of ['order', 'removal-effects'] as const) {
    if (model !== 'markov' && values.has(option)) throw new UsageError('cli.paths.option_markov_only', { option: `--${option}` });
  }
  const orderText = values.get('order') ?? '1';
  const order = /^\d+$/.test(orderText) ? Number(orderText) : NaN;
  if (!(order >= 1 && order <= MAX_MARKOV_ORDER)) {
    throw new UsageError('cli.integer_invalid', { option: '--order', value: orderText, min: 1, max: MAX_MARKOV_ORDER });
  }
  const sep = values.get('sep') ?? '>';
  if ([...sep].length !== 1) throw new UsageError('cli.paths.sep_invalid', { value: sep });
  return { command: 'paths', file: positional[0], model, order, sep, removalEffects: values.get('removal-effects') ?? null };
}

export async function runPaths(args: PathsArgs, ctx: CliContext): Promise<number> {
  const read = readPathsFile(args.file, await readCsvFile(args.file), args.sep);
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
      ctx.err(formatMessage('cli.output_unwritable', { path: args.removalEffects, reason: (e as Error).message }) + '\n');
      return EXIT_INPUT;
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

/** The rows of a paths file, or its problems as `file:line:column: error: message` lines. */
export function readPathsFile(file: string, records: string[][], sep: string): { paths: ChannelPath[]; problems: string[] } {
  const problems: string[] = [];
  let problemCount = 0;
  const problem = (line: number, column: string | null, id: MessageId, params: Record<string, string | number> = {}) => {
    if (++problemCount > MAX_PROBLEMS_SHOWN) return;
    const location = [file, line, column].filter((part) => part !== null).join(':');
    const severity = formatMessage('cli.severity.error');
    problems.push(formatMessage('cli.problem_line', { location, severity, message: formatMessage(id, params) }));
  };
  const header = records[0]?.map((name) => name.trim().toLowerCase());
  if (!header || header.every((name) => name === '')) {
    problem(1, null, 'cli.paths.header_missing', { header: HEADER });
    return { paths: [], problems };
  }
  const at = new Map<Column, number>();
  for (const column of COLUMNS) if (header.includes(column)) at.set(column, header.indexOf(column));
  for (const column of REQUIRED) if (!at.has(column)) problem(1, null, 'cli.paths.column_missing', { column, header: HEADER });
  if (problemCount > 0) return { paths: [], problems };

  const paths: ChannelPath[] = [];
  records.forEach((record, r) => {
    if (r === 0 || record.every((field) => field.trim() === '')) return;
    const line = r + 1;
    const before = problemCount;
    const cell = (column: Column) => (at.has(column) ? (record[at.get(column) as number] ?? '').trim() : '');
    const number = (column: Column, negativeId: MessageId): number => {
      const text = cell(column);
      if (text === '') {
        if (REQUIRED.includes(column)) problem(line, column, 'ingest.required_empty');
        return 0;
      }
      const n = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text) ? Number(text) : NaN;
      if (Number.isNaN(n)) problem(line, column, 'ingest.number_invalid', { value: text });
      else if (n < 0) problem(line, column, negativeId, { value: text });
      return n;
    };
    const channels = cell('path').split(sep).map((name) => name.trim());
    if (channels.every((name) => name === '')) problem(line, 'path', 'cli.paths.path_empty');
    else if (channels.includes('')) problem(line, 'path', 'cli.paths.channel_empty', { value: cell('path'), sep });
    const conversions = number('total_conversions', 'ingest.count_negative');
    const value = number('total_conversion_value', 'ingest.amount_negative');
    const nulls = number('total_null', 'ingest.count_negative');
    if (problemCount === before) paths.push({ channels, conversions, value, nulls });
  });
  if (problemCount > MAX_PROBLEMS_SHOWN) {
    problems.push(formatMessage('cli.paths.more_problems', { count: problemCount - MAX_PROBLEMS_SHOWN }));
  }
  return { paths, problems };
}

function csv(header: readonly string[], rows: ReadonlyArray<readonly [string, number, number]>): string {
  return formatCsvRecord(header) + rows.map(([name, a, b]) => formatCsvRecord([name, formatNumber(a), formatNumber(b)])).join('');
}

/** Twelve significant digits: far below any difference that matters, and free of binary noise such as 1.6000000000000003. */
export function formatNumber(x: number): string {
  const rounded = Number(x.toPrecision(12));
  return String(rounded === 0 ? 0 : rounded);
}
