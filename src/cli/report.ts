// `campaign-analytics report <input>`: ingest, analyze once, and write the report in the formats asked for.
import { writeFile } from 'node:fs/promises';
import { analyze } from '../core/engine';
import { ingestWorkbook } from '../core/ingest';
import { formatMessage, languageOf } from '../core/messages';
import { buildJsonReport } from '../core/report/json-report';
import { buildReportData, NO_CAMPAIGN_ID } from '../core/report/report-data';
import { dayKey } from '../core/time';
import type { ReportArgs } from './args';
import { EXIT_INPUT, EXIT_OK, EXIT_USAGE, type CliContext } from './context';
import { readInput } from './read-input';
import { formatProblem } from './validate';

export async function runReport(args: ReportArgs, ctx: CliContext): Promise<number> {
  const lang = languageOf(args.locale);
  if (args.xlsx !== null || args.html !== null) {
    ctx.err(formatMessage('cli.format_unavailable', { option: args.xlsx !== null ? '--xlsx' : '--html' }, lang) + '\n');
    return EXIT_USAGE;
  }
  const raw = await readInput(args.input);
  const { workbook, problems } = ingestWorkbook(raw, { tz: args.tz, locale: args.locale, currency: args.currency });
  const fatal = problems.filter((p) => p.fatal);
  if (fatal.length > 0) {
    ctx.err(fatal.map((p) => formatProblem(p, lang)).join('\n') + '\n');
    return EXIT_INPUT;
  }
  const known = new Set([...workbook.campaigns.map((c) => c.id), NO_CAMPAIGN_ID]);
  const unknown = args.campaigns.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    ctx.err(formatMessage('cli.campaign_unknown', { ids: unknown.join(', '), allowed: [...known].join(', ') }, lang) + '\n');
    return EXIT_USAGE;
  }

  const analysis = analyze(workbook, { lookbackDays: args.lookback });
  const data = buildReportData(analysis, problems, {
    model: args.model,
    touch: args.touch,
    from: args.from,
    to: args.to ?? dayKey(ctx.now(), args.tz),
    frequency: args.frequency,
    tz: args.tz,
    campaignIds: args.campaigns.length > 0 ? args.campaigns : null,
    lookbackDays: args.lookback,
  });
  const report = buildJsonReport(data, new Date(ctx.now()).toISOString());
  const json = JSON.stringify(report, null, 2) + '\n';
  // Without an output option the JSON goes to standard output, so the command is useful on its own.
  if (args.json === null || args.json === '-') ctx.out(json);
  else {
    await writeFile(args.json, json);
    ctx.err(formatMessage('cli.report_written', { path: args.json }, lang) + '\n');
  }
  return EXIT_OK;
}
