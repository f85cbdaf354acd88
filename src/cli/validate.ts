// `campaign-analytics validate <input>`: reads and ingests the workbook and lists every problem.
// Exit 1 only when a problem is fatal (a required sheet or column is missing): that is what stops the
// report (cli.md). Row errors only leave their rows out, so they are printed but exit 0, like warnings.
import { formatMessage, languageOf, type Language } from '../core/messages';
import { isAbsent } from '../core/ingest';
import { formatCountOf, type CountUnit } from '../core/render/formats';
import { countDataRows } from '../core/ingest/row-counts';
import { SHEET_NAMES, type Problem, type RawWorkbook } from '../core/types';
import type { ValidateArgs } from './args';
import { EXIT_INPUT, EXIT_OK, type CliContext } from './context';
import { readInput, withFolderFileNames } from './read-input';
import { ingestInput } from './ingest-input';

const LINE_BREAK_SHOWN: Record<string, string> = { '\r': '\\r', '\n': '\\n', '\u2028': '\\u2028', '\u2029': '\\u2029' };

/**
 * `sheet:row:column: severity: message` (`paths` puts its file and line there); row and column are left out
 * when the problem has none. One line each: a line break in a quoted cell or a header shows as \n, so that no
 * cell can start a line that reads as another problem.
 */
export function formatProblem(problem: Problem, lang: Language = 'en'): string {
  const location = [problem.sheet, problem.row, problem.column].filter((part) => part !== null).join(':');
  const severity = formatMessage(problem.fatal ? 'cli.severity.fatal' : `cli.severity.${problem.severity}`, {}, lang);
  const message = formatMessage(problem.messageId, problem.params, lang);
  // The location too: a header wrapped over two lines (Alt+Enter in Excel) names the column.
  return formatMessage('cli.problem_line', { location, severity, message }, lang).replace(/[\r\n\u2028\u2029]/g, (ch) => LINE_BREAK_SHOWN[ch]);
}

/** The sheets read; an empty optional one (a 0-byte spend.csv, say) counts as absent, as ingest reads it. */
function countSheets(raw: RawWorkbook): number {
  return SHEET_NAMES.filter((sheet) => !isAbsent(sheet, raw)).length;
}

export async function runValidate(args: ValidateArgs, ctx: CliContext): Promise<number> {
  const lang = languageOf(args.locale);
  const readProblems: Problem[] = [];
  const raw = await readInput(args.input, readProblems);
  const problems = await withFolderFileNames([...readProblems, ...ingestInput(raw, args).problems], args.input);
  const lines = problems.map((p) => formatProblem(p, lang));
  const errors = problems.filter((p) => p.severity === 'error').length;
  // Grouped as the --locale writes numbers (36.187 rijen), as the report's summary table does.
  const counted = (unit: CountUnit, count: number) => formatCountOf(unit, count, lang, args.locale);
  lines.push(formatMessage('cli.validate_summary', {
    sheets: counted('sheets', countSheets(raw)), rows: counted('rows', countDataRows(raw)),
    errors: counted('errors', errors), warnings: counted('warnings', problems.length - errors),
  }, lang));
  const fatal = problems.some((p) => p.fatal);
  if (fatal) lines.push(formatMessage('cli.validate_blocked', {}, lang));
  ctx.out(lines.join('\n') + '\n');
  return fatal ? EXIT_INPUT : EXIT_OK;
}
