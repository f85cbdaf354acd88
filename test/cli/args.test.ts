import { parseArgs, type ParseResult } from '../../src/cli/args';
import { main } from '../../src/cli/main';
import { recorder } from './helpers';

const usageError = (result: ParseResult) => (result.kind === 'usage_error' ? result.message : null);

describe('parseArgs', () => {
  it('fills the report defaults of cli.md', () => {
    expect(parseArgs(['report', 'book.xlsx'])).toEqual({
      kind: 'command',
      args: {
        command: 'report', input: 'book.xlsx', tz: 'UTC', locale: null, currency: null, model: 'linear',
        touch: 'first', from: null, to: null, frequency: 'monthly', campaigns: [], lookback: null,
        channels: 'campaign', markovOrder: 1, json: null, xlsx: null, html: null,
      },
    });
  });

  it('reads every report option, in both --name value and --name=value forms', () => {
    const result = parseArgs([
      'report', '--model=w_shaped', 'data', '--touch', 'last', '--from', '2026-01-01', '--to=2026-03-31',
      '--frequency', 'daily', '--campaign', 'C1', '--campaign=C2', '--tz', 'Europe/Amsterdam', '--locale', 'nl_NL',
      '--lookback', '90', '--currency', 'eur', '--json', '-', '--xlsx', 'out.xlsx', '--html', 'out.html',
      '--channels', 'Asset_Type', '--order=2',
    ]);
    expect(result).toEqual({
      kind: 'command',
      args: {
        command: 'report', input: 'data', tz: 'Europe/Amsterdam', locale: 'nl-NL', currency: 'EUR',
        model: 'w_shaped', touch: 'last', from: '2026-01-01', to: '2026-03-31', frequency: 'daily',
        campaigns: ['C1', 'C2'], lookback: 90, channels: 'asset_type', markovOrder: 2, json: '-', xlsx: 'out.xlsx', html: 'out.html',
      },
    });
  });

  it('reads sample and validate arguments', () => {
    expect(parseArgs(['sample', 'out.xlsx'])).toEqual({ kind: 'command', args: { command: 'sample', out: 'out.xlsx', size: 'small', seed: 42 } });
    expect(parseArgs(['sample', 'dir', '--size', 'large', '--seed', '7'])).toEqual({
      kind: 'command', args: { command: 'sample', out: 'dir', size: 'large', seed: 7 },
    });
    expect(parseArgs(['validate', 'in', '--tz', 'UTC'])).toEqual({
      kind: 'command', args: { command: 'validate', input: 'in', tz: 'UTC', locale: null, currency: null },
    });
  });

  it('asks for help with --help or -h', () => {
    expect(parseArgs(['report', '--help'])).toEqual({ kind: 'help' });
    expect(parseArgs(['-h'])).toEqual({ kind: 'help' });
  });

  it.each([
    [[], 'No command given.'],
    [['publish', 'x'], 'Unknown command "publish".'],
    [['report'], 'The report command needs <input>.'],
    [['sample'], 'The sample command needs <out.xlsx|out-dir>.'],
    [['report', 'a', 'b'], 'Unexpected argument "b".'],
    [['report', 'a', '--colour', 'red'], 'Unknown option "--colour".'],
    [['validate', 'a', '--model', 'linear'], 'The option --model does not apply to the validate command.'],
    [['report', 'a', '--model'], 'The option --model needs a value.'],
    [['report', 'a', '--model', '--touch', 'first'], 'The option --model needs a value.'],
    [['report', 'a', '--touch', 'middle'], 'Invalid value "middle" for --touch; allowed: first, last.'],
    [['report', 'a', '--from', '2026-02-30'], '--from needs a date as YYYY-MM-DD, not "2026-02-30".'],
    [['report', 'a', '--to', '31/12/2026'], '--to needs a date as YYYY-MM-DD, not "31/12/2026".'],
    [['report', 'a', '--from', '2026-05-01', '--to', '2026-04-30'], 'The range is empty: --from 2026-05-01 is after --to 2026-04-30.'],
    [['report', 'a', '--tz', 'Mars/Olympus'], '"Mars/Olympus" is not a time zone; use an IANA name such as Europe/Amsterdam, or UTC.'],
    [['report', 'a', '--locale', 'not a locale'], '"not a locale" is not a locale; use a tag such as en-US or nl-NL.'],
    // Well-formed tags of no language Node knows: reading them the English way would be silent.
    [['report', 'a', '--locale', 'dutch'], '"dutch" is not a locale; use a tag such as en-US or nl-NL.'],
    [['report', 'a', '--locale', 'zz-ZZ'], '"zz-ZZ" is not a locale; use a tag such as en-US or nl-NL.'],
    [['report', 'a', '--currency', 'euro'], '"euro" is not a currency code; use three letters such as EUR or USD.'],
    [['report', 'a', '--lookback', '-3'], '--lookback needs a whole number from 0 to 36500, not "-3".'],
    [['report', 'a', '--lookback', '1.5'], '--lookback needs a whole number from 0 to 36500, not "1.5".'],
    [['report', 'a', '--lookback', '36501'], '--lookback needs a whole number from 0 to 36500, not "36501".'],
    [['report', 'a', '--tz', 'UTC', '--tz', 'UTC'], 'The option --tz may be given only once.'],
    [['report', 'a', '--channels', 'weather'], 'Invalid value "weather" for --channels; allowed: campaign, source, asset_type.'],
    [['report', 'a', '--order', '0'], '--order needs a whole number from 1 to 10, not "0".'],
    [['validate', 'a', '--channels', 'source'], 'The option --channels does not apply to the validate command.'],
    [['sample', 'out', '--size', 'huge'], 'Invalid value "huge" for --size; allowed: small, medium, large.'],
    [['sample', 'out', '--seed', '4294967296'], '--seed needs a whole number from 0 to 4294967295, not "4294967296".'],
    [['report', 'a', '--html', '-'], 'Only --json can write to standard output ("-"); give --html a file name.'],
    [['report', 'a', '--xlsx=-'], 'Only --json can write to standard output ("-"); give --xlsx a file name.'],
  ])('rejects %j: %s', (argv, message) => {
    expect(usageError(parseArgs(argv))).toBe(message);
  });

  it('gives a time zone typed in any case as the zone database spells it (the JSON echoes it)', () => {
    expect(parseArgs(['validate', 'in', '--tz', 'europe/amsterdam'])).toMatchObject({ kind: 'command', args: { tz: 'Europe/Amsterdam' } });
    expect(parseArgs(['validate', 'in', '--tz', 'utc'])).toMatchObject({ kind: 'command', args: { tz: 'UTC' } });
    // A zone typed in its current name keeps it, whatever older name the runtime's own data still uses.
    expect(parseArgs(['validate', 'in', '--tz', 'Asia/Kolkata'])).toMatchObject({ kind: 'command', args: { tz: 'Asia/Kolkata' } });
    for (const utc of ['etc/utc', 'gmt']) expect(parseArgs(['validate', 'in', '--tz', utc])).toMatchObject({ kind: 'command', args: { tz: 'UTC' } });
  });

  it('names the allowed models when --model is unknown', () => {
    expect(usageError(parseArgs(['report', 'a', '--model', 'best']))).toMatch(
      /^Invalid value "best" for --model; allowed: first_interaction, last_interaction, linear, u_shaped, w_shaped, full_path, time_decay, j_shaped, inverse_j\b/,
    );
  });
});

describe('main: usage', () => {
  it('exits 2 on a usage error, printing the problem and the usage to stderr', async () => {
    const r = recorder();
    expect(await main(['report', 'book.xlsx', '--from', 'yesterday'], r.ctx)).toBe(2);
    expect(r.stdout()).toBe('');
    expect(r.stderr()).toMatch(/^--from needs a date as YYYY-MM-DD, not "yesterday"\.\nUsage:\n {2}campaign-analytics sample /);
  });

  it('prints the usage and exits 0 for --help', async () => {
    const r = recorder();
    expect(await main(['--help'], r.ctx)).toBe(0);
    expect(r.stdout()).toMatch(/^Usage:\n/);
  });

  it('lists each command once: one usage line per command, paths included', async () => {
    const r = recorder();
    await main(['--help'], r.ctx);
    const commandLines = r.stdout().split('\n').filter((line) => /^ {2}campaign-analytics /.test(line));
    expect(commandLines.map((line) => line.split(' ')[3])).toEqual(['sample', 'validate', 'report', 'paths']);
  });

  it('--xlsx - and --html - are usage errors (exit 2), caught before the report runs', async () => {
    for (const option of ['--xlsx', '--html']) {
      const r = recorder();
      expect(await main(['report', 'book.xlsx', option, '-'], r.ctx)).toBe(2);
      expect(r.stderr().split('\n')[0]).toBe(`Only --json can write to standard output ("-"); give ${option} a file name.`);
      expect(r.stdout()).toBe('');
    }
  });
});
