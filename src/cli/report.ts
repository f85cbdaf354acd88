// `campaign-analytics report <input>`: ingest, analyze once, and write the report in the formats asked for.
import { writeFile } from 'node:fs/promises';
import { analyze, findModel } from '../core/engine';
import { namesNoCampaign } from '../core/formulas/lookup';
import { formatMessage, languageOf, type Language } from '../core/messages';
import { formatCount, formatLocale, formatReportValue } from '../core/render/formats';
import { renderHtmlReport } from '../core/render/html-report';
import { buildJsonReport } from '../core/report/json-report';
import { buildReportData, NO_CAMPAIGN_ID, type ReportData } from '../core/report/report-data';
import { buildReportDocument, rangeNotice } from '../core/report/tables';
import { dayKey } from '../core/time';
import type { Problem } from '../core/types';
import type { ReportArgs } from './args';
import { fileErrorReason } from './file-error';
import { ingestInput } from './ingest-input';
import { EXIT_INPUT, EXIT_OK, EXIT_USAGE, type CliContext } from './context';
import { outputOverInput, outputPlace, readInput, withFolderFileNames } from './read-input';
import { formatProblem } from './validate';
import { xlsxReportBytes } from './xlsx/xlsx-report';

export async function runReport(args: ReportArgs, ctx: CliContext): Promise<number> {
  const lang = languageOf(args.locale);
  const progress = (id: 'cli.progress.reading' | 'cli.progress.analyzing' | 'cli.progress.writing', params = {}) =>
    ctx.err(formatMessage(id, params, lang) + '\n');

  // Checked before anything is read: a report written over its own input, or over another of its outputs,
  // would destroy it.
  const outputs = (['json', 'xlsx', 'html'] as const).filter((option) => args[option] !== null && args[option] !== '-');
  const placed = new Map<string, string>();
  for (const option of outputs) {
    const output = args[option]!;
    const overlap = await outputOverInput(args.input, output);
    if (overlap !== null) {
      ctx.err(formatMessage(overlap.messageId, overlap.params, lang) + '\n');
      return EXIT_USAGE;
    }
    const place = await outputPlace(output);
    const first = placed.get(place);
    if (first !== undefined) {
      ctx.err(formatMessage('cli.output_twice', { path: output, first: `--${first}`, second: `--${option}` }, lang) + '\n');
      return EXIT_USAGE;
    }
    placed.set(place, option);
  }

  // --to defaults to today: a --from after it is the same empty range as one typed after --to.
  const to = args.to ?? dayKey(ctx.now(), args.tz);
  if (args.from !== null && args.from > to) {
    ctx.err(formatMessage('cli.range_after_today', { from: args.from, to }, lang) + '\n');
    return EXIT_USAGE;
  }

  progress('cli.progress.reading', { path: args.input });
  // The raw rows are not kept: on a large Visits sheet they outweigh the workbook several times over.
  const readProblems: Problem[] = [];
  const ingested = ingestInput(await readInput(args.input, readProblems), args);
  const { workbook, currency } = ingested;
  const problems = await withFolderFileNames([...readProblems, ...ingested.problems], args.input);
  // Problems are printed as sheet:row:column; only fatal ones stop the report.
  if (problems.length > 0) ctx.err(problems.map((p) => formatProblem(p, lang)).join('\n') + '\n');
  if (problems.some((p) => p.fatal)) return EXIT_INPUT;
  const known = new Set([...workbook.campaigns.map((c) => c.id), NO_CAMPAIGN_ID]);
  // "(no campaign)" as the report names it, in Dutch too, is its id.
  const campaignIds = args.campaigns.map((id) => (!known.has(id) && namesNoCampaign(id) ? NO_CAMPAIGN_ID : id));
  const unknown = campaignIds.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    ctx.err(formatMessage('cli.campaign_unknown', { ids: unknown.join(', '), allowed: [...known].join(', ') }, lang) + '\n');
    return EXIT_USAGE;
  }

  const count = (n: number) => formatCount(n, lang, args.locale);
  progress('cli.progress.analyzing', { visits: count(workbook.visits.length), deals: count(workbook.deals.length) });
  const analysis = analyze(workbook, { lookbackDays: args.lookback });
  const data = buildReportData(analysis, problems, {
    model: args.model,
    touch: args.touch,
    from: args.from,
    to,
    frequency: args.frequency,
    tz: args.tz,
    campaignIds: campaignIds.length > 0 ? campaignIds : null,
    lookbackDays: args.lookback,
    channels: args.channels,
    markovOrder: args.markovOrder,
  });
  const generatedAt = new Date(ctx.now()).toISOString();

  const written: string[] = [];
  /** Writes one output file; a path that cannot be written is a usage problem (exit 2), said in one line. */
  const write = async (path: string, content: string | Uint8Array): Promise<boolean> => {
    try {
      await writeFile(path, content);
    } catch (e) {
      ctx.err(formatMessage('cli.output_unwritable', { path, reason: fileErrorReason(e, lang) }, lang) + '\n');
      return false;
    }
    written.push(path);
    return true;
  };
  if (args.json !== null) {
    const json = JSON.stringify(buildJsonReport(data, generatedAt, lang, currency), null, 2) + '\n';
    if (args.json === '-') ctx.out(json);
    else if (!(await write(args.json, json))) return EXIT_USAGE;
  }
  if (args.xlsx !== null || args.html !== null) {
    progress('cli.progress.writing');
    const doc = buildReportDocument(data, { lang, generatedAt, currency, locale: args.locale });
    if (args.xlsx !== null && !(await write(args.xlsx, await xlsxReportBytes(doc, lang)))) return EXIT_USAGE;
    if (args.html !== null && !(await write(args.html, renderHtmlReport(doc, lang)))) return EXIT_USAGE;
  }
  // The summary goes to standard output unless the JSON does.
  // Every figure 0 because nothing happened in the range: said, with when the data does run.
  const notice = rangeNotice(data, lang);
  const summary = summaryTable(data, lang, currency, args.locale) + (notice === null ? '' : `${notice}\n`)
    + written.map((path) => formatMessage('cli.report_written', { path }, lang) + '\n').join('');
  if (args.json === '-') ctx.err(summary);
  else ctx.out(summary);
  return EXIT_OK;
}

/**
 * A plain-text table of the headline figures per listed campaign, for the terminal: messages in `lang`, numbers
 * for `locale` (--locale de-DE: English words, German numbers).
 */
export function summaryTable(data: ReportData, lang: Language, currency: string | null, locale: string | null = null): string {
  const { analysis, metrics, options } = data;
  const ctx = { lang, currency, locale: formatLocale(locale, lang) };
  const fmt = (value: number, type: 'integer' | 'money') => formatReportValue(value, type, ctx);
  const header = [
    formatMessage('report.col.campaign', {}, lang), formatMessage('report.col.sessions', {}, lang),
    formatMessage('report.col.new_contacts', {}, lang), formatMessage('report.col.influenced_contacts', {}, lang),
    // Of the model chosen: the report's first revenue table is the even split's, another figure.
    formatMessage('report.col.revenue_by_model', { model: formatMessage(findModel(options.model)!.nameId, {}, lang) }, lang),
  ];
  const rows = data.listed.map((c) => {
    const m = metrics.campaigns[c];
    return [
      c === analysis.none ? formatMessage('report.no_campaign', {}, lang) : analysis.campaigns[c].name,
      fmt(m.sessions, 'integer'), fmt(m.newContacts, 'integer'), fmt(m.influencedContacts, 'integer'),
      fmt(m.revenue[options.model].revenue, 'money'),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n') + '\n';
}
