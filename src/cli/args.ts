// Command-line arguments: one parser for every command, validated up front so a command never starts
// on a bad option (cli.md: exit 2 on usage errors). Returns typed arguments or one usage problem.
import { isIsoCurrencyCode } from '../core/ingest/numbers';
import { formatMessage, languageOf, type Language, type MessageId } from '../core/messages';
import { isValidTimeZone, parseIsoDay } from '../core/time';
import { MAX_LOOKBACK_DAYS } from '../core/types';
import { MODEL_IDS } from '../core/engine/models';
import type { Frequency, Touch } from '../core/engine/metrics';
import { CHANNEL_KINDS, type ChannelKind, MAX_MARKOV_ORDER } from '../core/engine/data-driven-options';

export const COMMANDS = ['sample', 'validate', 'report', 'paths'] as const;
export type CommandName = (typeof COMMANDS)[number];

export const SAMPLE_SIZES = ['small', 'medium', 'large'] as const;
export type SampleSize = (typeof SAMPLE_SIZES)[number];

/** How a workbook is read: shared by every command that ingests one. */
export interface InputArgs {
  /** An .xlsx file or a folder of CSV files. */
  input: string;
  /** IANA zone of dates without a zone (default UTC). */
  tz: string;
  /** BCP 47 locale for ambiguous dates and numbers; null when not given. */
  locale: string | null;
  /** Upper-case ISO code of the workbook currency; null when not given. */
  currency: string | null;
}

export interface SampleArgs {
  command: 'sample';
  /** Ends in .xlsx for a workbook; anything else is a folder of CSV files. */
  out: string;
  size: SampleSize;
  seed: number;
}

export interface ValidateArgs extends InputArgs {
  command: 'validate';
}

export interface ReportArgs extends InputArgs {
  command: 'report';
  model: string;
  touch: Touch;
  /** YYYY-MM-DD, inclusive; null = from the first data. */
  from: string | null;
  /** YYYY-MM-DD, inclusive; null = today (the caller's clock). */
  to: string | null;
  frequency: Frequency;
  /** Campaign ids that limit the `campaigns` list; empty = all. */
  campaigns: string[];
  /** Days; null = no lookback window. */
  lookback: number | null;
  /** The data-driven models' channels for the channel report, and the Markov order. */
  channels: ChannelKind;
  markovOrder: number;
  /** A file path, or '-' for standard output. */
  json: string | null;
  xlsx: string | null;
  html: string | null;
}

/** `paths`: the data-driven and ChannelAttribution-style models on ChannelAttribution's aggregated file. */
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

export type CommandArgs = SampleArgs | ValidateArgs | ReportArgs | PathsArgs;

export type ParseResult =
  | { kind: 'command'; args: CommandArgs }
  | { kind: 'help' }
  | { kind: 'usage_error'; message: string };

export const DEFAULT_SEED = 42;
export const DEFAULT_MODEL = 'linear';

type OptionName =
  | 'model' | 'touch' | 'from' | 'to' | 'frequency' | 'campaign' | 'tz' | 'locale' | 'currency' | 'lookback'
  | 'json' | 'xlsx' | 'html' | 'size' | 'seed' | 'order' | 'sep' | 'removal-effects' | 'channels';

const INPUT_OPTIONS: readonly OptionName[] = ['tz', 'locale', 'currency'];

/** The options each command accepts; anything else is a usage error. */
const OPTIONS_OF: Record<CommandName, readonly OptionName[]> = {
  sample: ['size', 'seed'],
  validate: INPUT_OPTIONS,
  report: [
    ...INPUT_OPTIONS, 'model', 'touch', 'from', 'to', 'frequency', 'campaign', 'lookback', 'channels', 'order', 'json', 'xlsx', 'html',
  ],
  paths: ['model', 'order', 'sep', 'removal-effects'],
};

const REPEATABLE: ReadonlySet<OptionName> = new Set(['campaign']);
const ALL_OPTIONS: ReadonlySet<string> = new Set(Object.values(OPTIONS_OF).flat());

const MAX_SEED = 2 ** 32 - 1;

/** Carries the message id, not text: parseArgs renders it in the language the command line asks for. */
class UsageError extends Error {
  constructor(readonly messageId: MessageId, readonly params: Record<string, string | number> = {}) {
    super(messageId);
  }
}

const isCommand = (word: string): word is CommandName => (COMMANDS as readonly string[]).includes(word);

/**
 * Parses `argv` (without node and the script). `--name value` and `--name=value` are both accepted.
 * A usage error is worded in `lang`, by default the language of the `--locale` given (cliLanguage).
 */
export function parseArgs(argv: readonly string[], lang: Language = cliLanguage(argv)): ParseResult {
  if (argv.some((a) => a === '--help' || a === '-h')) return { kind: 'help' };
  try {
    return { kind: 'command', args: parseCommand(argv, lang) };
  } catch (e) {
    if (e instanceof UsageError) return { kind: 'usage_error', message: formatMessage(e.messageId, e.params, lang) };
    throw e;
  }
}

/**
 * The raw value of the first `--locale VALUE` or `--locale=VALUE` in `argv`, or null. Read before (and
 * regardless of) full parsing, so even a usage error about another option speaks the user's language.
 */
export function rawLocaleOption(argv: readonly string[]): string | null {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg.startsWith('--locale=')) return arg.slice('--locale='.length) || null;
    if (arg === '--locale') {
      const next = argv[i + 1];
      return next === undefined || next.startsWith('--') ? null : next;
    }
  }
  return null;
}

/** The message language of a command line: Dutch for a `--locale` of nl, English otherwise (languageOf). */
export function cliLanguage(argv: readonly string[]): Language {
  return languageOf(rawLocaleOption(argv));
}

function parseCommand(argv: readonly string[], lang: Language): CommandArgs {
  const [command, ...rest] = argv;
  if (command === undefined) throw new UsageError('cli.command_missing');
  if (!isCommand(command)) throw new UsageError('cli.unknown_command', { command });

  const allowed = new Set(OPTIONS_OF[command]);
  const values = new Map<OptionName, string[]>();
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (!arg.startsWith('--') || arg === '--') {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const option = `--${name}`;
    if (!ALL_OPTIONS.has(name)) throw new UsageError('cli.unknown_option', { option });
    const key = name as OptionName;
    if (!allowed.has(key)) throw new UsageError('cli.option_not_for_command', { option, command });
    let value: string;
    if (eq >= 0) {
      value = arg.slice(eq + 1);
    } else {
      // `--json -` writes to standard output, so a lone "-" is a value, not a missing one.
      const next = rest[i + 1];
      if (next === undefined || (next.startsWith('--') && next !== '-')) {
        throw new UsageError('cli.option_value', { option });
      }
      value = next;
      i++;
    }
    if (value === '') throw new UsageError('cli.option_value', { option });
    const list = values.get(key) ?? [];
    if (list.length > 0 && !REPEATABLE.has(key)) throw new UsageError('cli.option_repeated', { option });
    list.push(value);
    values.set(key, list);
  }

  const one = (name: OptionName): string | null => values.get(name)?.[0] ?? null;
  // The argument is named as the usage text of `lang` names it (<input>, <invoer>).
  const positionalArg = (argument: MessageId): string => {
    if (positional.length === 0) throw new UsageError('cli.argument_missing', { command, argument: formatMessage(argument, {}, lang) });
    if (positional.length > 1) throw new UsageError('cli.argument_extra', { value: positional[1] });
    return positional[0];
  };

  if (command === 'sample') {
    const out = positionalArg('cli.argument.out');
    return {
      command,
      out,
      size: choice('--size', one('size'), SAMPLE_SIZES) ?? 'small',
      seed: integer('--seed', one('seed'), 0, MAX_SEED) ?? DEFAULT_SEED,
    };
  }

  if (command === 'paths') {
    const file = positionalArg('cli.argument.file');
    const model = choice('--model', one('model'), PATHS_MODELS) ?? 'markov';
    for (const option of ['order', 'removal-effects'] as const) {
      if (model !== 'markov' && values.has(option)) throw new UsageError('cli.paths.option_markov_only', { option: `--${option}` });
    }
    const sep = one('sep') ?? '>';
    const removalEffects = outputFile('--removal-effects', one('removal-effects'));
    if ([...sep].length !== 1) throw new UsageError('cli.paths.sep_invalid', { value: sep });
    return {
      command, file, model, sep, order: integer('--order', one('order'), 1, MAX_MARKOV_ORDER) ?? 1, removalEffects,
    };
  }

  const inputArgs: InputArgs = {
    input: positionalArg('cli.argument.input'),
    tz: timeZone(one('tz')),
    locale: locale(one('locale')),
    currency: currency(one('currency')),
  };
  if (command === 'validate') return { command, ...inputArgs };

  const from = isoDay('--from', one('from'));
  const to = isoDay('--to', one('to'));
  if (from && to && from > to) throw new UsageError('cli.range_inverted', { from, to });
  return {
    command,
    ...inputArgs,
    model: choice('--model', one('model'), MODEL_IDS) ?? DEFAULT_MODEL,
    touch: choice('--touch', one('touch'), ['first', 'last'] as const) ?? 'first',
    from,
    to,
    frequency: choice('--frequency', one('frequency'), ['daily', 'monthly'] as const) ?? 'monthly',
    campaigns: values.get('campaign') ?? [],
    lookback: integer('--lookback', one('lookback'), 0, MAX_LOOKBACK_DAYS),
    channels: choice('--channels', one('channels'), CHANNEL_KINDS) ?? 'campaign',
    markovOrder: integer('--order', one('order'), 1, MAX_MARKOV_ORDER) ?? 1,
    json: one('json'),
    xlsx: outputFile('--xlsx', one('xlsx')),
    html: outputFile('--html', one('html')),
  };
}

/** A file to write. Only --json may write to standard output (cli.md), so "-" is no file name here. */
function outputFile(option: string, value: string | null): string | null {
  if (value === '-') throw new UsageError('cli.stdout_json_only', { option });
  return value;
}

/** Enumerations compare case-insensitively, like the spreadsheet's own enumerations. */
function choice<T extends string>(option: string, value: string | null, allowed: readonly T[]): T | null {
  if (value === null) return null;
  const found = allowed.find((a) => a === value.trim().toLowerCase());
  if (!found) throw new UsageError('cli.option_invalid', { value, option, allowed: allowed.join(', ') });
  return found;
}

function integer(option: string, value: string | null, min: number, max: number): number | null {
  if (value === null) return null;
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(n >= min && n <= max)) throw new UsageError('cli.integer_invalid', { option, value, min, max });
  return n;
}

function isoDay(option: string, value: string | null): string | null {
  if (value === null) return null;
  if (!parseIsoDay(value)) throw new UsageError('cli.date_invalid', { option, value });
  return value;
}

function timeZone(value: string | null): string {
  if (value === null) return 'UTC';
  if (!isValidTimeZone(value)) throw new UsageError('cli.tz_invalid', { value });
  // Zone names are matched without regard to case: the JSON's options.tz gives the name in the database's case
  // where the runtime knows it. Not resolvedOptions().timeZone for every name: some Node versions turn a current
  // name into an older one (Asia/Kolkata into Asia/Calcutta); only where it differs from the name in case alone.
  const lower = value.toLowerCase();
  const resolved = new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions().timeZone;
  return Intl.supportedValuesOf('timeZone').find((zone) => zone.toLowerCase() === lower)
    ?? (resolved.toLowerCase() === lower || ['utc', 'etc/utc', 'gmt'].includes(lower) ? resolved : value);
}

/**
 * Accepts Sheets' own spelling (nl_NL) as well as BCP 47 (nl-NL); returns the canonical BCP 47 tag. A
 * well-formed tag of a language Node knows nothing of ("dutch", "xx") is refused too: dates and numbers
 * would silently be read the English way.
 */
function locale(value: string | null): string | null {
  if (value === null) return null;
  try {
    const [canonical] = Intl.getCanonicalLocales(value.replace(/_/g, '-'));
    if (canonical && Intl.DateTimeFormat.supportedLocalesOf(canonical).length > 0) return canonical;
  } catch {
    // RangeError: not a well-formed tag; reported below.
  }
  throw new UsageError('cli.locale_invalid', { value });
}

function currency(value: string | null): string | null {
  if (value === null) return null;
  const code = value.toUpperCase();
  if (!isIsoCurrencyCode(code)) throw new UsageError('cli.currency_invalid', { value });
  return code;
}
