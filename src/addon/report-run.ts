import { countRowsLeftOut } from '../core/ingest/row-counts';
import { analyze, type Analysis } from '../core/engine';
import { ingestWorkbook } from '../core/ingest';
import { formatMessage, type Language, type MessageId } from '../core/messages';
import { buildReportData, NO_CAMPAIGN_ID } from '../core/report/report-data';
import { buildReportDocument } from '../core/report/tables';
import { formatCount, formatCountOf } from '../core/render/formats';
import { dayKey } from '../core/time';
import type { Problem, RawWorkbook } from '../core/types';
import { AddonError, courtesy, errorMessage, errorText } from './addon-error';
import { EXECUTION_LIMIT_MINUTES, RUN_BUDGET_MS, SPREADSHEET_CELL_LIMIT } from './capacity';
import { cellLimitAfter, onTabs, readDataSheets, type CellLimit } from './data-sheets';
import type { GasServices } from './gas-adapters';
import { refreshDashboards } from './dashboard';
import { publishChangesMadeMeanwhile, publishFormulaFacts, removeFormulaFacts } from './formula-facts-source';
import type { PropertiesPort, SpreadsheetPort } from './ports';
import { tableGrid } from './report-grid';
import {
  leastCellsNeeded, measureWorkbook, planReportRemoval, planReportWrite, RemovalStopped, removeLeftovers, removeReportSheets, writeReportSheets, type WorkbookMeasure,
} from './report-sheets';
import { currencyHint, dataSheetNames, PROPERTY_KEYS, reportOptionsOf, userLanguage, userReportOptions, type ReportSettings } from './settings';
import { storedSettings } from './sidebar-options';
import { listProblems, renderProblem, type RenderedProblem } from '../core/report/problems';
import { settingsOf, type ReadingSettings } from './validation';

// "Run report", "Refresh report" and "Remove report sheets" without their dialogs: main.ts shows the outcome
// and answers the questions through the Ui. Every outcome is plain data (google.script.run can carry it).

export interface ReportOutcome {
  /** True when the report sheets were (re)written or removed. */
  done: boolean;
  /** The dialog's title, in the user's language (settings.ts, userLanguage). */
  title: string;
  /** What happened, in the user's language, ready to show. */
  message: string;
  /** The problems behind a refusal, or those of the data a written report ran with (errors first, then warnings). */
  problems: RenderedProblem[];
}

/** Asks the user a yes/no question; true for yes. */
export type Confirm = (title: string, question: string) => boolean;

export type SettingsSource = 'user' | 'last report';

/** What a report is computed from: the analysed data sheets and the problems found reading them. */
export interface ReportInputs {
  /** The data sheets as read: the custom functions' data version is their fingerprint. */
  raw: RawWorkbook;
  analysis: Analysis;
  problems: Problem[];
  /** The problems that leave a row out of the report. */
  errors: Problem[];
  reading: ReadingSettings;
  language: Language;
}

/** The data sheets cannot be reported on until these problems (a missing sheet or required column) are fixed. */
export interface Blocked {
  status: 'blocked';
  /** What to do, in the user's language. */
  message: string;
  problems: RenderedProblem[];
}

/** A run's outcome, and what it was computed from when it got that far. */
export interface ReportRun {
  outcome: ReportOutcome;
  settings: ReportSettings | null;
  inputs: ReportInputs | null;
  /** The spreadsheet's day the run was for (YYYY-MM-DD): the day the execution began (`startedAt`). */
  today: string;
}

/** How long a run waits for another one to finish before it says so. */
const LOCK_WAIT_MS = 5_000;
/**
 * How long a scheduled run waits: nobody is there to try again, and another run (a user's, up to RUN_BUDGET_MS)
 * has most often finished by then; what is left of the run's own budget is checked before it writes.
 */
export const UNATTENDED_LOCK_WAIT_MS = 150_000;
/** Problems listed in a message; the sidebar's data check lists them all. */
const LISTED_PROBLEMS = 10;

/** The active spreadsheet with what reading its data sheets takes: its settings, and the user's language. */
export interface DataSource {
  spreadsheet: SpreadsheetPort;
  documentProperties: PropertiesPort;
  reading: ReadingSettings;
  language: Language;
}

export function dataSource(services: GasServices): DataSource {
  const spreadsheet = services.spreadsheetApp.getActiveSpreadsheet();
  const documentProperties = services.propertiesService.getDocumentProperties();
  const reading = settingsOf(spreadsheet, documentProperties);
  return { spreadsheet, documentProperties, reading, language: userLanguage(services.propertiesService.getUserProperties(), reading.locale) };
}

interface Run extends DataSource {
  services: GasServices;
  t: (id: MessageId, params?: Record<string, string | number>) => string;
  outcome(done: boolean, message: string, problems?: RenderedProblem[]): ReportOutcome;
  confirm(question: string): boolean;
}

function startRun(services: GasServices, confirm: Confirm): Run {
  const source = dataSource(services);
  const t: Run['t'] = (id, params) => formatMessage(id, params, source.language);
  const title = t('report.title');
  return {
    ...source, services, t,
    outcome: (done, message, problems = []) => ({ done, title, message, problems }),
    confirm: (question) => confirm(title, question),
  };
}

/** Runs `work` holding the document lock, so two runs never interleave their writes; `work` learns how long it waited. */
function locked(run: Run, work: (waitedMs: number) => ReportOutcome, lockWaitMs: number): ReportOutcome {
  const lock = run.services.lockService.getDocumentLock();
  const before = Date.now();
  if (!lock.tryLock(lockWaitMs)) return run.outcome(false, run.t('addon.report.busy'));
  try {
    return work(Date.now() - before);
  } catch (error) {
    if (error instanceof AddonError) return run.outcome(false, error.render(run.language));
    // A service failing outside the write (which puts the sheets back and says so itself), as a dialog rather
    // than Apps Script's bare error bar.
    return run.outcome(false, run.t('addon.report.service_failed', { message: errorText(error) }));
  } finally {
    courtesy(() => lock.releaseLock());
  }
}

/**
 * Reads the data sheets, runs the engine and writes the report sheets, with the report options the user
 * chose or those of the report sheets as last written ("Refresh report"). `startedAt` (epoch ms) is when the
 * execution began: the run gives up, writing nothing, when the sheets would not be written in time (and
 * rolls back, when writing them runs into its deadline), and its day is the report's today (a run that
 * crosses midnight stays on one day). A date preset ("last 7 days") is kept with the settings and resolved
 * afresh for that day, a refresh or a scheduled run included. A report the spreadsheet has no room for
 * (10 million cells, all sheets counted) is refused before any data is read when that is certain already,
 * else once the tables are built, before anything is written.
 */
export function writeReport(services: GasServices, source: SettingsSource, confirm: Confirm, startedAt: number): ReportOutcome {
  return runReport(services, source, confirm, startedAt).outcome;
}

/** writeReport, also handing back the settings and inputs the report was computed from (a scheduled run mails a digest of them). */
export function runReport(
  services: GasServices, source: SettingsSource, confirm: Confirm, startedAt: number, lockWaitMs = LOCK_WAIT_MS,
): ReportRun {
  const run = startRun(services, confirm);
  const { spreadsheet, documentProperties, reading } = run;
  const today = dayKey(startedAt, reading.timeZone);
  const stored = source === 'user' ? userReportOptions(services).read() : documentProperties.getProperty(PROPERTY_KEYS.lastReport);
  if (source === 'last report' && stored === null) {
    return { outcome: run.outcome(false, run.t('addon.report.no_previous')), settings: null, inputs: null, today };
  }
  const { settings, range } = storedSettings(stored, today);
  let inputs: ReportInputs | null = null;

  const outcome = locked(run, (waitedMs) => {
    // The spreadsheet's cells are counted before any data is read: a report that cannot fit is refused now,
    // not after minutes of reading.
    const measure = measureWorkbook(spreadsheet);
    const least = leastCellsNeeded(measure);
    if (measure.cells + least > SPREADSHEET_CELL_LIMIT) return tooManyCells(run, 'addon.report.cells_full', measure, least);
    // What a long wait for the lock took is not there to read in (a scheduled run may wait minutes).
    const read = inputsFor(run, settings, cellLimitAfter(Date.now() - startedAt, waitedMs));
    if (!('analysis' in read)) return read;
    const { errors } = read;
    const { listed } = listProblems(errors, run.language);
    // Rows with errors are left out, as the command line does; but in the user's own spreadsheet, not without asking.
    if (errors.length > 0 && !run.confirm(problemText(run, run.t('addon.report.rows_left_out', { count: countRowsLeftOut(errors) }), listed, errors.length))) {
      return refusal(run, run.t('addon.report.cancelled'), listed, errors.length);
    }

    // The currency the amounts were read in: the setting, the locale's, or the amounts' own vote (ingest).
    const { currency } = read.reading;
    const options = reportOptionsOf(settings, reading.timeZone, today);
    const data = buildReportData(read.analysis, read.problems, options);
    const doc = buildReportDocument(data, { lang: run.language, generatedAt: new Date().toISOString(), currency, locale: reading.locale });
    const provenance = doc.provenanceLines.join(' · ');
    const grids = doc.tables.map((table) => tableGrid(table, provenance, currency, doc.locale));
    // Now that the tables are known, so is the most the write can add: nothing is written that must exceed the limit.
    const plan = planReportWrite(measure, grids);
    if (measure.cells + plan.cellsNeeded > SPREADSHEET_CELL_LIMIT) return tooManyCells(run, 'addon.report.too_many_cells', measure, plan.cellsNeeded);
    if (Date.now() - startedAt + plan.estimateMs > RUN_BUDGET_MS) {
      return run.outcome(false, run.t('addon.report.too_slow', { minutes: EXECUTION_LIMIT_MINUTES }));
    }

    const summary = writeReportSheets(spreadsheet, plan, doc.provenance, {
      staging: run.t('addon.report.staging_sheet'), protection: run.t('addon.report.protection'),
      sheetProtection: services.spreadsheetApp.ProtectionType.SHEET,
    }, { end: startedAt + RUN_BUDGET_MS, now: () => Date.now() });
    // The report is written: what follows brings other things up to date, and a failure there is said without
    // calling the report failed.
    // An old report sheet that could not be deleted is still stamped: the next run deletes it.
    const followUps = summary.left.map(({ name, reason }) => run.t('addon.report.stale_left', { sheet: name, message: reason }));
    const followUp = (failed: MessageId, work: () => void) => {
      try {
        work();
      } catch (error) {
        followUps.push(run.t(failed, { message: errorText(error) }));
      }
    };
    followUp('addon.report.dashboards_failed', () => {
      const dashboardLabels = { protection: run.t('addon.dashboard.protection'), sheetProtection: services.spreadsheetApp.ProtectionType.SHEET };
      for (const { dashboard, count } of refreshDashboards(spreadsheet, grids, dashboardLabels)) {
        followUps.push(run.t('addon.report.dashboard_waiting', { dashboard, count }));
      }
    });
    // The preset goes with it: the next refresh resolves it for its own day.
    followUp('addon.report.options_failed', () =>
      documentProperties.setProperty(PROPERTY_KEYS.lastReport, JSON.stringify(range === null ? settings : { ...settings, range })));
    // The custom functions follow the report: same data, same lookback window, same Markov order.
    followUp('addon.report.formulas_failed', () => {
      const following = publishFormulaFacts(services, spreadsheet, { ...read, lookbackDays: settings.lookbackDays, markovOrder: settings.markovOrder });
      if (!following) followUps.push(run.t('addon.report.formulas_follow_runs'));
    });
    inputs = read;
    // Warnings are said too: some leave a row out of every sum (a deal in another currency), none goes unmentioned.
    const warnings = read.problems.filter((p) => p.severity === 'warning');
    const message = [
      run.t('addon.report.written', { sheets: grids.length, created: summary.created, updated: summary.updated }),
      ...(doc.notice === null ? [] : [doc.notice]),
      ...(warnings.length > 0 ? [run.t('addon.report.warnings', { count: warnings.length })] : []),
      ...currencyHint(warnings, run.language),
      ...followUps,
    ].join(' ');
    // Errors first, then warnings: the first PROBLEMS_LISTED of them (the message has the counts).
    return run.outcome(true, message, listProblems(read.problems, run.language).listed);
  }, lockWaitMs);
  // Data changed while the run held the lock: the custom functions follow it now, if time allows. The report
  // stands either way; what could not be published reaches the formulas with the next change or run.
  if (outcome.done) {
    try {
      publishChangesMadeMeanwhile(services, startedAt);
    } catch {
      // See above.
    }
  }
  return { outcome, settings, inputs, today };
}

/**
 * The data sheets read and analysed for `settings` outside a report run (an export): rows with errors are
 * left out without asking, as the command line does. A report that cannot run throws its message.
 */
export function readReportInputs(services: GasServices, settings: ReportSettings): ReportInputs {
  const run = startRun(services, () => true);
  const read = inputsFor(run, settings);
  if (!('analysis' in read)) throw new Error(read.message);
  return read;
}

/**
 * Reads the data sheets (problems named by the user's tabs and headers) and analyses them with the lookback
 * window; the problems that stop any report on them (a missing sheet or required column) come back instead.
 */
export function readAndAnalyse(source: DataSource, lookbackDays: number | null, limit?: CellLimit): ReportInputs | Blocked {
  const { timeZone: tz, locale, currency } = source.reading;
  const names = dataSheetNames(source.documentProperties);
  const raw = readDataSheets(source.spreadsheet, names, undefined, undefined, limit);
  const ingested = ingestWorkbook(raw, { tz, locale, currency });
  const problems = onTabs(ingested.problems, names, raw);
  const fatal = problems.filter((p) => p.fatal);
  if (fatal.length > 0) {
    const t = (id: MessageId, params?: Record<string, string>) => formatMessage(id, params, source.language);
    // A sheet missing altogether (a first run from the menu): the sidebar is where it gets made.
    const sheetsMissing = fatal.some((p) => p.messageId === 'ingest.sheet_missing');
    return {
      status: 'blocked',
      message: [t('addon.report.blocked'), ...(sheetsMissing ? [t('addon.report.blocked_sheets_missing', { sidebar: t('addon.menu.sidebar') })] : [])].join(' '),
      problems: fatal.map((p) => renderProblem(p, source.language)),
    };
  }
  return {
    raw,
    analysis: analyze(ingested.workbook, { lookbackDays }),
    problems,
    errors: problems.filter((p) => p.severity === 'error'),
    reading: { ...source.reading, currency: ingested.currency },
    language: source.language,
  };
}

/** readAndAnalyse for a report with `settings`; a report that cannot run comes back as its refusal. */
function inputsFor(run: Run, settings: ReportSettings, limit?: CellLimit): ReportInputs | ReportOutcome {
  const read = readAndAnalyse(run, settings.lookbackDays, limit);
  if ('status' in read) return refusal(run, read.message, read.problems);
  const known = new Set([...read.analysis.campaigns.map((c) => c.id), NO_CAMPAIGN_ID]);
  const unknown = (settings.campaignIds ?? []).filter((id) => !known.has(id));
  if (unknown.length > 0) return run.outcome(false, run.t('addon.report.campaign_unknown', { ids: unknown.join(', ') }));
  return read;
}

/** A scheduled report, which would write the report sheets again: described, and how to stop it. */
export interface ScheduledRefresh {
  description: string;
  stop(): void;
}

/**
 * Deletes the report sheets the add-on owns, after the user confirms; the user's own sheets stay, and so do report
 * sheets holding cells or charts of the user's own (said, by name). A scheduled report is stopped first (it would
 * write them all again at its next time); if it cannot be, nothing is deleted. With no report sheet to ask about,
 * what is left of the add-on's own (hidden leftovers, and the version sheet and change trigger when no formula
 * needs them) goes without asking.
 */
export function removeReports(services: GasServices, confirm: Confirm, scheduled: ScheduledRefresh | null): ReportOutcome {
  const run = startRun(services, confirm);
  const { spreadsheet } = run;
  return locked(run, () => {
    const removal = planReportRemoval(spreadsheet);
    const kept = removal.kept.length === 0 ? ''
      : ` ${run.t(removal.kept.length === 1 ? 'addon.remove.kept_one' : 'addon.remove.kept', { sheets: removal.kept.join(', ') })}`;
    if (removal.reports.length === 0) {
      // No report sheet to ask about (the user deleted them, or an earlier removal stopped after the last one):
      // what is left of the add-on's own, hidden or serving only formulas, goes all the same.
      removeLeftovers(spreadsheet, removal);
      courtesy(() => removeFormulaFacts(services, spreadsheet));
      return run.outcome(false, run.t('addon.remove.none') + kept);
    }
    const sheets = formatCountOf('report_sheets', removal.reports.length, run.language);
    const question = scheduled === null
      ? run.t('addon.remove.confirm', { sheets })
      : run.t('addon.remove.confirm_scheduled', { sheets, schedule: scheduled.description });
    if (!run.confirm(question + kept)) return run.outcome(false, run.t('addon.remove.cancelled'));
    if (scheduled !== null) {
      try {
        scheduled.stop();
      } catch (error) {
        return run.outcome(false, run.t('addon.remove.schedule_not_stopped', { reason: errorMessage(error, run.language) }));
      }
    }
    const stopped = scheduled === null ? '' : ` ${run.t('addon.schedule.removed')}`;
    let removed: number;
    try {
      removed = removeReportSheets(spreadsheet, removal);
    } catch (error) {
      if (!(error instanceof RemovalStopped)) throw error;
      const count = (n: number) => formatCountOf('report_sheets', n, run.language);
      return run.outcome(false, run.t('addon.remove.stopped', {
        reason: errorMessage(error.cause, run.language), deleted: count(error.deleted), left: count(removal.reports.length - error.deleted),
      }) + stopped);
    }
    // What served only the formulas goes too when none is left; if that fails, the sheets are still gone, as asked.
    courtesy(() => removeFormulaFacts(services, spreadsheet));
    return run.outcome(true, run.t(scheduled === null ? 'addon.remove.done' : 'addon.remove.done_scheduled', { sheets: formatCountOf('report_sheets', removed, run.language) }) + kept);
  }, LOCK_WAIT_MS);
}

/** The refusal of a report the spreadsheet has no room for: its cells now, what the report needs, the limit. */
function tooManyCells(run: Run, id: 'addon.report.cells_full' | 'addon.report.too_many_cells', measure: WorkbookMeasure, needed: number): ReportOutcome {
  const count = (n: number) => formatCount(n, run.language);
  return run.outcome(false, run.t(id, { cells: count(measure.cells), needed: count(needed), limit: count(SPREADSHEET_CELL_LIMIT) }));
}

/** `total`: how many problems there are, of which `problems` lists the first. */
function refusal(run: Run, heading: string, problems: RenderedProblem[], total = problems.length): ReportOutcome {
  return run.outcome(false, problemText(run, heading, problems, total), problems);
}

/** A heading, then the first problems one per line (sheet, row, column, message), and how many more there are. */
function problemText(run: Run, heading: string, problems: readonly RenderedProblem[], total = problems.length): string {
  const lines = problems.slice(0, LISTED_PROBLEMS).map(({ location, message }) => run.t('addon.report.problem_line', { location, message }));
  if (total > LISTED_PROBLEMS) lines.push(run.t('addon.report.more_problems', { count: total - LISTED_PROBLEMS }));
  return `${heading}\n\n${lines.join('\n')}`;
}
