// The command line's entry point: parse, dispatch, turn failures into cli.md's exit statuses.
// build/cli.js (bundled from this file) exports `main`; bin/campaign-analytics.js calls it.
import { formatMessage, languageOf } from '../core/messages';
import { cliLanguage, parseArgs, type CommandArgs } from './args';
import { EXIT_INPUT, EXIT_OK, EXIT_USAGE, processContext, type CliContext } from './context';
import { fileErrorReason } from './file-error';
import { InputError } from './read-input';
import { runPaths } from './paths';
import { runReport } from './report';
import { runSample } from './sample';
import { formatProblem, runValidate } from './validate';

/** Runs one command line (arguments without node and the script) and returns its exit status. */
export async function main(argv: readonly string[], given?: CliContext): Promise<number> {
  // The message language comes from --locale (nl → Dutch), read from argv before full parsing so that a
  // usage error about another option, the usage text and input-file errors are worded in it too.
  const argvLang = cliLanguage(argv);
  const ctx = given ?? processContext(argvLang);
  const parsed = parseArgs(argv, argvLang);
  const lang = parsed.kind === 'command' && 'locale' in parsed.args ? languageOf(parsed.args.locale) : argvLang;
  // cli.usage already holds every command's line, `paths` included.
  const usage = formatMessage('cli.usage', {}, lang);
  if (parsed.kind === 'help') {
    ctx.out(usage + '\n');
    return EXIT_OK;
  }
  if (parsed.kind === 'usage_error') {
    ctx.err(`${parsed.message}\n${usage}\n`);
    return EXIT_USAGE;
  }
  try {
    return await dispatch(parsed.args, ctx);
  } catch (e) {
    if (e instanceof InputError) {
      const params = e.fileError === undefined ? e.params : { ...e.params, reason: fileErrorReason(e.fileError, lang) };
      ctx.err((e.location === undefined
        ? formatMessage(e.messageId, params, lang)
        : formatProblem({ severity: 'error', ...e.location, messageId: e.messageId, params, fatal: true }, lang)) + '\n');
      return e.exitCode;
    }
    ctx.err(formatMessage('cli.internal_error', { message: (e as Error)?.stack ?? String(e) }, lang) + '\n');
    return EXIT_INPUT;
  }
}

/** One case per command; the switch keeps the argument types narrowed for each handler. */
function dispatch(args: CommandArgs, ctx: CliContext): Promise<number> {
  switch (args.command) {
    case 'sample':
      return runSample(args, ctx);
    case 'validate':
      return runValidate(args, ctx);
    case 'report':
      return runReport(args, ctx);
    case 'paths':
      return runPaths(args, ctx);
  }
}
