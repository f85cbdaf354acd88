// `--locale nl…` picks Dutch for every message of the command line: usage errors (even about another option,
// even one found before --locale is read), the usage text, and errors about the input file.
import { writeFileSync } from 'fs';
import * as path from 'path';
import { cliLanguage, parseArgs, rawLocaleOption } from '../../src/cli/args';
import { main } from '../../src/cli/main';
import { cleanup, recorder, scratchDir } from './helpers';

afterAll(cleanup);

const usageError = (argv: string[]) => {
  const result = parseArgs(argv);
  return result.kind === 'usage_error' ? result.message : null;
};

describe('rawLocaleOption and cliLanguage: --locale read before full parsing', () => {
  test.each([
    [['report', 'a', '--locale', 'nl-NL'], 'nl-NL', 'nl'],
    [['report', 'a', '--locale=nl_NL'], 'nl_NL', 'nl'],
    [['report', '--locale', 'NL', 'a'], 'NL', 'nl'],
    [['report', 'a', '--colour', 'red', '--locale', 'nl-BE'], 'nl-BE', 'nl'],
    [['report', 'a', '--locale', 'de-DE'], 'de-DE', 'en'],
    [['report', 'a'], null, 'en'],
    [['report', 'a', '--locale'], null, 'en'],
    [['report', 'a', '--locale', '--model', 'linear'], null, 'en'],
    [['report', 'a', '--locale='], null, 'en'],
  ])('%j → %j, %s', (argv, raw, lang) => {
    expect(rawLocaleOption(argv)).toBe(raw);
    expect(cliLanguage(argv)).toBe(lang);
  });
});

describe('parseArgs words its usage errors in the --locale language', () => {
  test.each([
    [['report', 'a', '--locale', 'nl-NL', '--model', 'foo'], /^Ongeldige waarde "foo" voor --model; toegestaan: first_interaction, /],
    [['report', 'a', '--model', 'foo', '--locale=nl_NL'], /^Ongeldige waarde "foo" voor --model; toegestaan: /],
    [['validate', 'a', '--locale', 'nl-NL', '--currency', 'XYZ1'], /^"XYZ1" is geen valutacode; gebruik drie letters zoals EUR of USD\.$/],
    // The unknown option stops the parser before it reaches --locale; the language is read from argv anyway.
    [['report', 'a', '--colour', 'red', '--locale', 'nl-NL'], /^Onbekende optie "--colour"\.$/],
  ])('%j', (argv, message) => {
    expect(usageError(argv)).toMatch(message);
  });

  test('English without --locale, and for a locale of another language', () => {
    expect(usageError(['validate', 'a', '--currency', 'XYZ1'])).toBe('"XYZ1" is not a currency code; use three letters such as EUR or USD.');
    expect(usageError(['validate', 'a', '--locale', 'de-DE', '--currency', 'XYZ1']))
      .toBe('"XYZ1" is not a currency code; use three letters such as EUR or USD.');
  });

  test('a missing argument is named as the Dutch usage text names it', () => {
    expect(usageError(['report', '--locale', 'nl-NL'])).toBe('De opdracht report heeft <invoer> nodig.');
    expect(usageError(['validate', '--locale=nl_NL'])).toBe('De opdracht validate heeft <invoer> nodig.');
    // sample and paths take no --locale: the language is given.
    expect(parseArgs(['sample'], 'nl')).toEqual({ kind: 'usage_error', message: 'De opdracht sample heeft <uit.xlsx|uit-map> nodig.' });
    expect(parseArgs(['paths'], 'nl')).toEqual({ kind: 'usage_error', message: 'De opdracht paths heeft <bestand> nodig.' });
  });

  test('an explicit language wins over --locale', () => {
    const result = parseArgs(['validate', 'a', '--locale', 'nl-NL', '--currency', 'XYZ1'], 'en');
    expect(result).toEqual({ kind: 'usage_error', message: '"XYZ1" is not a currency code; use three letters such as EUR or USD.' });
  });
});

describe('main speaks Dutch for --locale nl', () => {
  test('a usage error about another option: the problem and the usage, both in Dutch, exit 2', async () => {
    const r = recorder();
    expect(await main(['report', scratchDir(), '--locale', 'nl-NL', '--model', 'foo'], r.ctx)).toBe(2);
    expect(r.stdout()).toBe('');
    expect(r.stderr()).toMatch(/^Ongeldige waarde "foo" voor --model; toegestaan: [^\n]+\nGebruik:\n {2}campaign-analytics sample <uit\.xlsx\|uit-map> /);
    expect(r.stderr()).not.toMatch(/Invalid value|Usage:/);
  });

  test('validate with a bad --currency', async () => {
    const r = recorder();
    expect(await main(['validate', scratchDir(), '--locale', 'nl-NL', '--currency', 'XYZ1'], r.ctx)).toBe(2);
    expect(r.stderr().split('\n').slice(0, 2)).toEqual(['"XYZ1" is geen valutacode; gebruik drie letters zoals EUR of USD.', 'Gebruik:']);
  });

  test('an invalid --locale that is still Dutch: the complaint about it is in Dutch too', async () => {
    const r = recorder();
    expect(await main(['report', 'a', '--locale', 'nl_NL_!!'], r.ctx)).toBe(2);
    expect(r.stderr().split('\n').slice(0, 2)).toEqual(['"nl_NL_!!" is geen landinstelling; gebruik een tag zoals en-US of nl-NL.', 'Gebruik:']);
  });

  test('--help --locale nl prints the Dutch usage', async () => {
    const r = recorder();
    expect(await main(['report', '--help', '--locale', 'nl'], r.ctx)).toBe(0);
    expect(r.stdout()).toMatch(/^Gebruik:\n {2}campaign-analytics sample /);
  });

  test('report on an input path that is not there: Dutch, exit 2', async () => {
    const missing = path.join(scratchDir(), 'nonexist');
    const r = recorder();
    expect(await main(['report', missing, '--locale', 'nl-NL'], r.ctx)).toBe(2);
    expect(r.stdout()).toBe('');
    const lines = r.stderr().trimEnd().split('\n');
    expect(lines[lines.length - 1]).toBe(`"${missing}" kan niet worden gelezen: zo'n bestand of map bestaat niet.`);
    expect(r.stderr()).not.toMatch(/Cannot read/);
  });

  test('validate on an input path that is not there: Dutch, exit 2', async () => {
    const missing = path.join(scratchDir(), 'nonexist');
    const r = recorder();
    expect(await main(['validate', missing, '--locale=nl_NL'], r.ctx)).toBe(2);
    expect(r.stderr().trimEnd().split('\n').pop()).toBe(`"${missing}" kan niet worden gelezen: zo'n bestand of map bestaat niet.`);
  });

  test('an .xlsx file that cannot be read: Dutch, exit 1', async () => {
    const broken = path.join(scratchDir(), 'broken.xlsx');
    writeFileSync(broken, 'not a zip file');
    const r = recorder();
    expect(await main(['report', broken, '--locale', 'nl-NL'], r.ctx)).toBe(1);
    expect(r.stderr().trimEnd().split('\n').pop()).toMatch(new RegExp(`^"${broken.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}" kan niet worden gelezen: .+`));
    expect(r.stderr()).not.toMatch(/Cannot read/);
  });

  test('an output that cannot be written says why in Dutch, not in the system\'s English', async () => {
    const dir = scratchDir();
    const missingFolder = path.join(dir, 'nonexistent', 'x.html');
    for (const [option, target, reason] of [['--html', missingFolder, 'zo\'n bestand of map bestaat niet'], ['--json', dir, 'het is een map']]) {
      const r = recorder();
      expect(await main(['report', 'samples/sample-csv', '--locale', 'nl', '--currency', 'EUR', option, target], r.ctx)).toBe(2);
      expect(r.stderr().trimEnd().split('\n').pop()).toBe(`"${target}" kan niet worden geschreven: ${reason}`);
    }
  }, 30_000);

  test('without --locale the same errors stay English', async () => {
    const missing = path.join(scratchDir(), 'nonexist');
    const r = recorder();
    expect(await main(['report', missing], r.ctx)).toBe(2);
    expect(r.stderr().trimEnd().split('\n').pop()).toBe(`Cannot read "${missing}": there is no such file or folder.`);
    const u = recorder();
    expect(await main(['report', 'a', '--model', 'foo'], u.ctx)).toBe(2);
    expect(u.stderr()).toMatch(/^Invalid value "foo" for --model; allowed: [^\n]+\nUsage:\n/);
  });
});
