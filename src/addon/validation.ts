import { ingestWorkbook } from '../core/ingest';
import { countDataRows } from '../core/ingest/row-counts';
import { formatMessage, languageOf, type Language } from '../core/messages';
import { formatCount } from '../core/render/formats';
import { listProblems, type RenderedProblem } from '../core/report/problems';
import { SHEET_NAMES, type Cell, type RawWorkbook, type SheetName } from '../core/types';
import { isBlank } from './custom-functions-args';
import { onTabs, withMappedHeader } from './data-sheets';
import type { PropertiesPort, SpreadsheetPort } from './ports';
import { currencyHint, otherCurrencies, workbookCurrency, type ColumnMapping, type DataSheetNames } from './settings';

// The data check behind the sidebar and CAMPAIGN_DATA_PROBLEMS: raw sheets in, problems rendered in the
// user's language out, as plain objects (google.script.run can return nothing else).

export interface ValidationReport {
  language: Language;
  title: string;
  /** One line: no problems, or how many errors and warnings (and where the workbook currency is set, when it left amounts out). */
  summary: string;
  /** The first PROBLEMS_LISTED, errors first. */
  problems: RenderedProblem[];
  /** Problems beyond those listed. */
  more: number;
  /** The currencies amounts were left out for (otherCurrencies): the sidebar suggests them for the workbook currency. */
  otherCurrencies: string[];
  /** The currency amounts were read in: the workbook's, else the one they name most often; null: none found. */
  currency: string | null;
}

/** The spreadsheet settings that decide how cells are read. */
export interface ReadingSettings {
  /** Sheets' own form, e.g. "en_US" or "nl_NL" (ingest reads it as is). */
  locale: string;
  timeZone: string;
  /** The workbook currency (settings.ts); null when unknown: ingest then takes the one the amounts name most often. */
  currency: string | null;
}

export function settingsOf(spreadsheet: SpreadsheetPort, documentProperties: PropertiesPort): ReadingSettings {
  const locale = spreadsheet.getSpreadsheetLocale();
  return { locale, timeZone: spreadsheet.getSpreadsheetTimeZone(), currency: workbookCurrency(documentProperties, locale) };
}

/**
 * The data ranges CAMPAIGN_DATA_PROBLEMS takes, by sheet; a range must be a 2-D array (header row first).
 * `columns`: the user's column mapping, applied to each header as the report applies it (data-sheets.ts).
 */
export function workbookFromRanges(ranges: Partial<Record<SheetName, unknown>>, language: Language, columns?: ColumnMapping): RawWorkbook {
  const raw: RawWorkbook = {};
  for (const name of SHEET_NAMES) {
    const range = ranges[name];
    // Left out, or given as "" (an empty argument): no such sheet.
    if (isBlank(range)) continue;
    if (!Array.isArray(range) || !range.every(Array.isArray)) {
      // A single cell arrives as a plain value: the user passed a cell, not the sheet's range. Named as the
      // argument is (deal_contacts).
      const argument = name.replace(/(?<=[a-z])(?=[A-Z])/g, '_').toLowerCase();
      throw new Error(formatMessage('addon.fn.range_expected', { name: argument, example: `${name}!A:Z` }, language));
    }
    raw[name] = withMappedHeader(name, range as Cell[][], columns?.[name]);
  }
  return raw;
}

/**
 * `tabs`: the tab each data sheet was read from, for the problems to name (default: the sheets' own names).
 * `language`: the sidebar's is the user's (settings.ts, userLanguage); a custom function's, the locale's.
 */
export function validateWorkbook(
  raw: RawWorkbook, settings: ReadingSettings, tabs?: DataSheetNames, language: Language = languageOf(settings.locale),
): ValidationReport {
  const ingested = ingestWorkbook(raw, { tz: settings.timeZone, locale: settings.locale, currency: settings.currency });
  const problems = tabs ? onTabs(ingested.problems, tabs, raw) : ingested.problems;
  // Counts grouped as the spreadsheet writes numbers (36,189 or 36.189).
  const count = (n: number) => formatCount(n, language, settings.locale);
  const rows = count(countDataRows(raw));
  const errors = problems.filter((p) => p.severity === 'error').length;
  const summary = problems.length === 0
    ? formatMessage('addon.validate.ok', { rows }, language)
    : [formatMessage('addon.validate.summary', { errors: count(errors), warnings: count(problems.length - errors), rows }, language),
      ...currencyHint(problems, language)].join(' ');
  const { listed } = listProblems(problems, language);
  return {
    language,
    title: formatMessage('addon.validate.title', {}, language),
    summary,
    problems: listed,
    more: problems.length - listed.length,
    otherCurrencies: otherCurrencies(problems),
    currency: ingested.currency,
  };
}

/** The report as a spilled table: a header row and one row per problem, or one cell when all is well. */
export function problemTable(report: ValidationReport): Array<Array<string | number>> {
  if (report.problems.length === 0) return [[report.summary]];
  const header = formatMessage('addon.validate.header', {}, report.language).split('|');
  return [
    header,
    ...report.problems.map((p) => [p.severityLabel, p.sheet, p.row ?? '', p.column ?? '', p.message]),
    ...(report.more > 0 ? [[formatMessage('addon.validate.more', { count: report.more }, report.language), '', '', '', '']] : []),
  ];
}
