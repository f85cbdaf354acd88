// `campaign-analytics paths`: arguments, ChannelAttribution's file format, and the CSV it writes.
import { readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import { parseArgs, type PathsArgs } from '../../src/cli/args';
import { runPaths } from '../../src/cli/paths';
import { main } from '../../src/cli/main';
import { cleanup, recorder, scratchDir } from './helpers';

let dir: string;
beforeAll(() => {
  dir = scratchDir();
});
afterAll(cleanup);

function fakeContext() {
  const { ctx, stdout, stderr } = recorder(0);
  return { ctx, out: stdout, err: stderr };
}

function file(name: string, text: string): string {
  const target = path.join(dir, name);
  writeFileSync(target, text);
  return target;
}

const parsePathsArgs = (argv: string[]) => parseArgs(['paths', ...argv]);

function args(argv: string[]): PathsArgs {
  const parsed = parsePathsArgs(argv);
  if (parsed.kind !== 'command' || parsed.args.command !== 'paths') throw new Error('not a paths command');
  return parsed.args;
}

/** Runs the command and reads its CSV back as rows of [name, number, number]. */
async function run(argv: string[]) {
  const io = fakeContext();
  const status = await runPaths(args(argv), io.ctx);
  const rows = io.out().split('\r\n').filter((line) => line !== '').map((line) => line.split(','));
  return { status, header: rows[0], rows: rows.slice(1), err: io.err() };
}

const EXAMPLE_D = 'path;total_conversions;total_conversion_value;total_null\n'
  + 'google ads;2;200;1\nmailing;1;100;0\ngoogle ads > mailing;1;100;0\n';

describe('parsePathsArgs', () => {
  test('defaults: Markov of order 1, ">" between channels, no removal effects file', () => {
    expect(parsePathsArgs(['data.csv'])).toEqual({
      kind: 'command',
      args: { command: 'paths', file: 'data.csv', model: 'markov', order: 1, sep: '>', removalEffects: null },
    });
  });

  test('every option, in both spellings', () => {
    expect(args(['--model=MARKOV', 'd.csv', '--order', '3', '--sep', '|', '--removal-effects=re.csv'])).toEqual({
      command: 'paths', file: 'd.csv', model: 'markov', order: 3, sep: '|', removalEffects: 're.csv',
    });
    expect(args(['d.csv', '--model', 'shapley_conversion_rate']).model).toBe('shapley_conversion_rate');
  });

  test.each([
    [[], 'The paths command needs <file>.'],
    [['a.csv', 'b.csv'], 'Unexpected argument "b.csv".'],
    [['a.csv', '--model', 'magic'], 'Invalid value "magic" for --model; allowed: markov, shapley, shapley_conversion_rate, first_interaction, last_interaction, linear.'],
    [['a.csv', '--order', '0'], '--order needs a whole number from 1 to 10, not "0".'],
    [['a.csv', '--order', 'two'], '--order needs a whole number from 1 to 10, not "two".'],
    [['a.csv', '--sep', '->'], '--sep needs exactly one character, not "->".'],
    [['a.csv', '--model', 'linear', '--order', '2'], 'The option --order applies only to --model markov.'],
    [['a.csv', '--model', 'shapley', '--removal-effects', 'x.csv'], 'The option --removal-effects applies only to --model markov.'],
    [['a.csv', '--tz', 'UTC'], 'The option --tz does not apply to the paths command.'],
    [['a.csv', '--order'], 'The option --order needs a value.'],
    [['a.csv', '--order', '--sep', '|'], 'The option --order needs a value.'],
    [['a.csv', '--sep', '|', '--sep', ';'], 'The option --sep may be given only once.'],
  ])('%j → %s', (argv, message) => {
    expect(parsePathsArgs(argv)).toEqual({ kind: 'usage_error', message });
  });
});

describe('runPaths', () => {
  test('Example D, Markov: google ads 2.4 ($240), mailing 1.6 ($160), and the removal effects file', async () => {
    const removal = path.join(dir, 'removal.csv');
    const result = await run([file('d.csv', EXAMPLE_D), '--removal-effects', removal]);
    expect(result).toEqual({
      status: 0,
      header: ['channel_name', 'total_conversions', 'total_conversion_value'],
      rows: [['google ads', '2.4', '240'], ['mailing', '1.6', '160']],
      err: '',
    });
    expect(readFileSync(removal, 'utf8')).toBe('channel_name,removal_effects_conversion,removal_effects_conversion_value\r\n'
      + 'google ads,0.75,0.75\r\nmailing,0.5,0.5\r\n');
  });

  // shapley_conversion_rate, by hand: v(S) is the conversion rate of the journeys whose channel set is S: v{g} = 2/3
  // (google ads alone: 2 of 3 convert), v{m} = 1, v{g,m} = 1. φg = ½·v{g} + ½·(v{g,m} − v{m}) = 1/3,
  // φm = ½·v{m} + ½·(v{g,m} − v{g}) = 2/3; scaled to the 4 conversions and $400: 4/3 and 8/3, $133.33 and $266.67.
  test.each([
    ['shapley', [['google ads', '2.5', '250'], ['mailing', '1.5', '150']]],
    // 4/3 and 8/3 (of 4 conversions, $400), printed to 15 significant digits.
    ['shapley_conversion_rate', [['google ads', '1.33333333333333', '133.333333333333'], ['mailing', '2.66666666666667', '266.666666666667']]],
    ['first_interaction', [['google ads', '3', '300'], ['mailing', '1', '100']]],
    ['last_interaction', [['google ads', '2', '200'], ['mailing', '2', '200']]],
    ['linear', [['google ads', '2.5', '250'], ['mailing', '1.5', '150']]],
  ])('Example D, %s', async (model, rows) => {
    const result = await run([file('d.csv', EXAMPLE_D), '--model', model]);
    expect([result.status, result.rows]).toEqual([0, rows]);
  });

  test('comma-separated, optional columns left out, spaces around names trimmed, rows sorted by channel name', async () => {
    // Without total_null every path converts: Markov degenerates to "every channel on a converting path".
    // b>a 1 conv, a 1 conv: RE_a = 1, RE_b = 1/2 → a 4/3, b 2/3; no value column → value 0.
    const text = 'Path,Total_Conversions\r\n" b  >a ",1\r\na,1\r\n';
    const result = await run([file('comma.csv', text)]);
    expect(result.rows).toEqual([['a', '1.33333333333333', '0'], ['b', '0.666666666666667', '0']]);
  });

  test("R's write.csv2 (semicolons, decimal commas) reads as written; a comma-separated file keeps refusing a quoted 1,5", async () => {
    // Linear on one-channel paths gives each its own conversions and value back: a 150.5, b 12.25 + 7.75 of "a > b".
    const csv2 = 'path;total_conversions;total_conversion_value;total_null\r\na;1;150,5;2,0\r\nb;1;12,25;0\r\na > b;2;15,5;1\r\n';
    expect((await run([file('csv2.csv', csv2), '--model', 'linear'])).rows).toEqual([['a', '2', '158.25'], ['b', '2', '20']]);
    const comma = file('comma-decimal.csv', 'path,total_conversions,total_conversion_value,total_null\na,1,"150,5",0\n');
    const io = fakeContext();
    expect(await runPaths(args([comma]), io.ctx)).toBe(1);
    expect(io.err()).toContain(`${comma}:2:total_conversion_value: error: "150,5" is not a number`);
  });

  test('another separator with --sep, and order 2', async () => {
    // The order-2 example worked in markov.test.ts: a 1.8, b 1.2.
    const text = 'path;total_conversions;total_null\na|b;1;0\nb;0;1\nb|a;1;1\na;1;1\n';
    const result = await run([file('sep.csv', text), '--sep', '|', '--order', '2']);
    expect(result.rows).toEqual([['a', '1.8', '0'], ['b', '1.2', '0']]);
  });

  test('bad rows: every problem named by file, line and column; nothing on standard output', async () => {
    const text = [
      'path;total_conversions;total_conversion_value;total_null',
      'a > b;1;10;0',
      ';1;10;0',
      'a > > b;1;10;0',
      'a;-1;10;x',
      '',
      'b;;10;0',
    ].join('\n');
    const bad = file('bad.csv', text);
    const io = fakeContext();
    expect(await runPaths(args([bad]), io.ctx)).toBe(1);
    expect(io.out()).toBe('');
    expect(io.err().split('\n')).toEqual([
      `${bad}:3:path: error: The path has no channel.`,
      `${bad}:4:path: error: The path "a > > b" has an empty channel name next to a ">".`,
      `${bad}:5:total_conversions: error: The count -1 is negative.`,
      `${bad}:5:total_null: error: "x" is not a number: use digits with a decimal point, such as 1234.5 (in a file separated by semicolons, a decimal comma also does: 1234,5), without thousands separators.`,
      `${bad}:7:total_conversions: error: This required cell is empty.`,
      '',
    ]);
  });

  test('a line with a cell too many or too few is refused: an unquoted 1,200 would shift the columns', async () => {
    const bad = file('cells.csv', 'path,total_conversions,total_conversion_value,total_null\ngoogle ads,2,1,200,1\nmailing,1,100\n"a",1,"1,200",0\n');
    const io = fakeContext();
    expect(await runPaths(args([bad]), io.ctx)).toBe(1);
    expect(io.err().split('\n')).toEqual([
      `${bad}:2: error: The header has 4 columns and this line 5: a separator inside a cell (such as 1,200 in a comma-separated file) needs the cell in double quotes.`,
      `${bad}:3: error: The header has 4 columns and this line 3: a separator inside a cell (such as 1,200 in a comma-separated file) needs the cell in double quotes.`,
      // Line 4 quotes its 1,200: four cells, but "1,200" is no number.
      `${bad}:4:total_conversion_value: error: "1,200" is not a number: use digits with a decimal point, such as 1234.5 (in a file separated by semicolons, a decimal comma also does: 1234,5), without thousands separators.`,
      '',
    ]);
  });

  test('amounts of up to 15 digits come back as they went in; a file not in UTF-8 is read with a warning', async () => {
    // First interaction gives each one-channel path its own conversions and value back.
    const big = file('big.csv', 'path;total_conversions;total_conversion_value;total_null\na;1;1234567890123.45;0\nb;123456789012345;987654321098765;0\n');
    expect((await run(['--model', 'first_interaction', big])).rows).toEqual([['a', '1', '1234567890123.45'], ['b', '123456789012345', '987654321098765']]);
    const latin = path.join(dir, 'latin.csv');
    writeFileSync(latin, Buffer.concat([Buffer.from('path;total_conversions;total_conversion_value;total_null\ncaf'), Buffer.from([0xe9]), Buffer.from(';1;10;0\n')]));
    const result = await run(['--model', 'linear', latin]);
    expect(result.rows).toEqual([['café', '1', '10']]);
    expect(result.err).toContain('is not UTF-8 text, so it was read as Windows-1252');
  });

  test('a header without the required columns is refused', async () => {
    const io = fakeContext();
    const bad = file('header.csv', 'channels;conversions\na;1\n');
    expect(await runPaths(args([bad]), io.ctx)).toBe(1);
    const unknown = (column: string) =>
      `${bad}:1: error: The column "${column}" is not one of the header path;total_conversions;total_conversion_value;total_null; a misspelt column would be read as absent.\n`;
    expect(io.err()).toBe(
      `${bad}:1: error: The column "path" is missing; the header must be like path;total_conversions;total_conversion_value;total_null.\n`
      + `${bad}:1: error: The column "total_conversions" is missing; the header must be like path;total_conversions;total_conversion_value;total_null.\n`
      + unknown('channels') + unknown('conversions'));
  });

  test('a misspelt column, a number too large for a double, value on a path without conversions: each refused', async () => {
    // "total_nulls" read as absent would make every path convert; 1e400 is Infinity; value 5 with 0 conversions
    // could be credited by no model.
    const io = fakeContext();
    const bad = file('subtle.csv', 'path;total_conversions;total_conversion_value;total_nulls\na > b;1e400;1;1\nc;0;5;0\n');
    expect(await runPaths(args([bad]), io.ctx)).toBe(1);
    expect(io.err().split('\n')).toEqual([
      `${bad}:1: error: The column "total_nulls" is not one of the header path;total_conversions;total_conversion_value;total_null; a misspelt column would be read as absent.`,
      '',
    ]);
    const numbers = file('numbers.csv', 'path;total_conversions;total_conversion_value;total_null\na > b;1e400;1;1\nc;0;5;0\n');
    const io2 = fakeContext();
    expect(await runPaths(args([numbers]), io2.ctx)).toBe(1);
    expect(io2.err().split('\n')).toEqual([
      `${numbers}:2:total_conversions: error: "1e400" is not a number: use digits with a decimal point, such as 1234.5 (in a file separated by semicolons, a decimal comma also does: 1234,5), without thousands separators.`,
      `${numbers}:3:total_conversion_value: error: The value 5 is on a path with no conversions: value belongs to converting journeys.`,
      '',
    ]);
  });

  test('an empty file is refused', async () => {
    const io = fakeContext();
    const empty = file('empty.csv', '');
    expect(await runPaths(args([empty]), io.ctx)).toBe(1);
    expect(io.err()).toBe(`${empty}:1: error: The file is empty; its first line must be a header such as path;total_conversions;total_conversion_value;total_null.\n`);
  });

  test('many bad rows: the first 20 are listed, the rest counted', async () => {
    const io = fakeContext();
    const text = 'path;total_conversions\n' + 'a;x\n'.repeat(25);
    expect(await runPaths(args([file('many.csv', text)]), io.ctx)).toBe(1);
    const lines = io.err().trim().split('\n');
    expect(lines).toHaveLength(21);
    expect(lines[20]).toBe('... and 5 more problems.');
  });

  test('the conversion-rate Shapley model explains why it is unavailable', async () => {
    const io = fakeContext();
    const text = 'path;total_conversions;total_null\na > b;1;1\nc;1;1\na > b > c;0;3\n';
    expect(await runPaths(args([file('norate.csv', text), '--model', 'shapley_conversion_rate']), io.ctx)).toBe(1);
    expect(io.err()).toMatch(/^The conversion-rate Shapley model needs converting journeys that touched every channel/);
    expect(io.out()).toBe('');
  });

  test('an unwritable removal effects file: one line naming the file and the reason, exit 2, nothing printed', async () => {
    const io = fakeContext();
    const target = path.join(dir, 'no-such-dir', 're.csv');
    expect(await runPaths(args([file('d2.csv', EXAMPLE_D), '--removal-effects', target]), io.ctx)).toBe(2);
    expect(io.err()).toBe(`Cannot write "${target}": there is no such file or folder\n`);
    expect(io.out()).toBe('');
  });

  test('removal effects written over the paths file itself are refused before anything is read (exit 2)', async () => {
    const io = fakeContext();
    const input = file('d4.csv', EXAMPLE_D);
    expect(await runPaths(args([input, '--removal-effects', input]), io.ctx)).toBe(2);
    expect(io.err()).toBe(`Will not write "${input}": it is the input "${input}", which would be overwritten; write to another file.\n`);
    expect(readFileSync(input, 'utf8')).toBe(EXAMPLE_D);
  });

  test('a missing file is a usage error (exit 2), said like report says it', async () => {
    const missing = path.join(dir, 'missing.csv');
    const io = fakeContext();
    expect(await main(['paths', missing], io.ctx)).toBe(2);
    expect(io.err()).toBe(`Cannot read "${missing}": there is no such file.\n`);
    expect(io.out()).toBe('');
    // A folder is no paths file either.
    const folder = fakeContext();
    expect(await main(['paths', dir], folder.ctx)).toBe(2);
    expect(folder.err()).toBe(`Cannot read "${dir}": it is a folder\n`);
  });

  test('a workbook given for a CSV file is said to be one (exit 1), not read as text with a stray quote', async () => {
    const workbook = path.join(__dirname, '../../samples/sample.xlsx');
    const io = fakeContext();
    expect(await main(['paths', workbook], io.ctx)).toBe(1);
    expect(io.err()).toBe(`Cannot read "${workbook}": it is a workbook (.xlsx or another zip file), not a CSV file; save the paths sheet as CSV and give that file.\n`);
    expect(io.out()).toBe('');
  });

  test('--removal-effects - is a usage error: only --json writes to standard output', async () => {
    const io = fakeContext();
    expect(await main(['paths', file('d3.csv', EXAMPLE_D), '--removal-effects', '-'], io.ctx)).toBe(2);
    expect(io.err().split('\n')[0]).toBe('Only --json can write to standard output ("-"); give --removal-effects a file name.');
    expect(io.out()).toBe('');
  });
});
