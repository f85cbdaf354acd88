import { analyze, type Analysis } from '../core/engine';
import { buildFormulaFacts, fingerprintRows, type FormulaFacts } from '../core/formulas';
import { ingestWorkbook } from '../core/ingest';
import { amountColumns, resolveHeader } from '../core/ingest/columns';
import { formatMessage, languageOf, type Language } from '../core/messages';
import { SHEET_NAMES, type Problem, type RawWorkbook } from '../core/types';
import { AddonError, courtesy } from './addon-error';
import { onTabs, readDataSheets, withMappedHeader, type CellLimit } from './data-sheets';
import {
  copyCells, entryFromCopy, loadFactsEntry, storedEntry, storeFactsEntry, type CachePorts, type FactsEntry, type StoredEntry,
} from './formula-cache';
import {
  clearDataVersionCell, DATA_VERSION_NAME, dataVersion, dataVersionCellState, dataVersionConflict, dataVersionText, isCurrentBuild,
  parseDataVersion, readDataVersionCell, readFactsCopy, removeDataVersionSheet, writeDataVersionCell,
} from './formula-data-version';
import type { GasServices } from './gas-adapters';
import type { CachePort, ChangeEvent, LockPort, SpreadsheetPort } from './ports';
import { dataSheetNames, parseReportSettings, PROPERTY_KEYS, type DataSheetNames } from './settings';
import { renderProblem } from '../core/report/problems';
import { settingsOf, type ReadingSettings } from './validation';

// Where the custom functions' facts come from, and how they stay current.
//
// A formula reads the facts from the cache under the data version it is given (or, without one, the version
// in the add-on's cell): no sheet read, no engine run. The cache forgets within 6 hours, so on a miss it
// reads the copy kept on the version sheet (one range), when that copy is of its version, and puts it back
// into the cache for the cells that follow. Only when neither holds its version does it rebuild the facts
// from the data sheets, when the workbook is small enough to do so well inside a custom function's 30
// seconds, else it says to refresh. "Run report" and "Refresh report" publish the facts of the data they
// analysed (publishFormulaFacts): cache, sheet copy, version cell. An installable change trigger, made by a report
// run (or the sidebar's Run) that finds a formula answering from the facts, does the same whenever the spreadsheet
// changes while some formula does (refreshAfterChange), so the version cell, and every formula that takes it, follows
// the data. A formula never writes the spreadsheet (it may not): only the cache.

/** The Apps Script function the change trigger calls: an entry point of main.ts. */
const CHANGE_HANDLER = 'onSpreadsheetChange';

/** The custom functions that answer from the facts: those taking CAMPAIGN_DATA_VERSION (main.ts). */
export const FACT_FUNCTIONS = ['CAMPAIGN_REVENUE', 'CAMPAIGN_METRIC', 'CAMPAIGN_INFLUENCED_REVENUE', 'ATTRIBUTION_TABLE'] as const;
/**
 * A call of one of them. A text cell reading so matches too (TextFinder searches values beside formulas): the
 * facts are then kept current for nothing, as they always were.
 */
const FACT_FORMULA_PATTERN = `(${FACT_FUNCTIONS.join('|')})\\s*\\(`;

/** Whether any formula in the spreadsheet answers from the facts: one search, wherever the formulas are. */
function formulasReadFacts(spreadsheet: SpreadsheetPort): boolean {
  return spreadsheet.createTextFinder(FACT_FORMULA_PATTERN).matchFormulaText(true).useRegularExpression(true).findNext() !== null;
}

/**
 * The most data cells a formula rebuilds the facts from. At the 30 µs per cell that capacity.ts assumes for
 * reading and analysing, 400,000 cells take 12 of the 30 seconds a custom function may run, leaving room
 * for a slow read, compressing and caching. Larger workbooks rely on the report runs and the trigger.
 */
const INLINE_BUILD_MAX_CELLS = 400_000;
const INLINE_BUILD: CellLimit = {
  cells: INLINE_BUILD_MAX_CELLS,
  tooBig: (cells) => new AddonError('addon.fn.refresh_needed', { cells, limit: INLINE_BUILD_MAX_CELLS }, ['cells', 'limit']),
};

/** How long a formula waits for another execution building the facts (it then builds them itself). */
const FORMULA_LOCK_WAIT_MS = 10_000;
/** A custom function runs at most 30 seconds. */
const FORMULA_RUN_MS = 30_000;
/** Until when (epoch ms) a formula that builds the facts may hold the lock: see takeLock. */
const FORMULA_HOLD_KEY = 'campaign-data|formula-lock';
/**
 * How long the change trigger waits for another run. Not long: the run holding the lock (a trigger or a report
 * run) looks at the change mark again after letting go, so the change is published either way.
 */
const TRIGGER_LOCK_WAIT_MS = 1_000;
/** No new rebuild starts after this long into an execution (an execution stops at 6 minutes). */
const TRIGGER_BUDGET_MS = 3 * 60_000;
/** Set by every change trigger run, cleared by the run that rebuilds: changes during a rebuild are not lost. */
const CHANGED_KEY = 'campaign-data|changed';
const CHANGED_SECONDS = 600;

/** The facts a formula answers from, and the locale that reads its date texts. */
export interface FormulaData {
  facts: FormulaFacts;
  locale: string;
}

/** The data cannot be analysed at all (a required sheet or column is missing): every formula says why. */
class DataBlockedError extends AddonError {
  constructor(readonly problem: Problem) {
    super('addon.fn.data_blocked');
  }

  override render(language: Language): string {
    const { location, message } = renderProblem(this.problem, language);
    return formatMessage('addon.fn.data_blocked', { problem: `${location}: ${message}` }, language);
  }
}

/** What the facts depend on besides the data sheets' cells. */
interface Sources {
  names: DataSheetNames;
  reading: ReadingSettings;
  /** The lookback window and Markov order of the report as last written (formulas follow the report). */
  lookbackDays: number | null;
  markovOrder: number;
}

function currentSources(services: GasServices, spreadsheet: SpreadsheetPort): Sources {
  const documentProperties = services.propertiesService.getDocumentProperties();
  const lastReport = parseReportSettings(documentProperties.getProperty(PROPERTY_KEYS.lastReport));
  return {
    names: dataSheetNames(documentProperties),
    reading: settingsOf(spreadsheet, documentProperties),
    lookbackDays: lastReport.lookbackDays,
    markovOrder: lastReport.markovOrder,
  };
}

function versionOf(raw: RawWorkbook, { reading, lookbackDays, markovOrder }: Omit<Sources, 'names'>): string {
  return dataVersionText(dataVersion({
    fingerprint: fingerprintRows(raw), timeZone: reading.timeZone, locale: reading.locale, currency: reading.currency, lookbackDays,
    markovOrder,
  }));
}

/** The facts of the data, as the report computes them: rows with errors are left out, as the report and the command line do. */
function buildEntry(raw: RawWorkbook, { names, reading, lookbackDays, markovOrder }: Sources): FactsEntry {
  const { timeZone: tz, locale, currency } = reading;
  const ingested = ingestWorkbook(raw, { tz, locale, currency });
  const fatal = ingested.problems.find((p) => p.fatal);
  if (fatal) return { problem: onTabs([fatal], names, raw)[0] };
  return { facts: buildFormulaFacts(analyze(ingested.workbook, { lookbackDays }), tz, markovOrder) };
}

function buildAndCache(ports: CachePorts | null, version: string, raw: RawWorkbook, sources: Sources): FactsEntry {
  const entry = buildEntry(raw, sources);
  if (ports) cacheQuietly(() => storeFactsEntry(ports.cache, version, storedEntry(ports.gzip, entry)));
  return entry;
}

/** The facts of `version` kept on the version sheet (one read), put back into the cache for the cells that follow. */
function fromCopy(services: GasServices, spreadsheet: SpreadsheetPort, ports: CachePorts | null, version: string): StoredEntry | null {
  const cells = readFactsCopy(spreadsheet, version);
  const stored = cells && entryFromCopy(services.gzip, cells);
  if (stored && ports) cacheQuietly(() => storeFactsEntry(ports.cache, version, stored));
  return stored;
}

function cachePorts(services: GasServices): CachePorts | null {
  const cache = services.cacheService.getDocumentCache();
  return cache && { cache, gzip: services.gzip };
}

/** A cache that is full or unavailable costs speed, never a figure: the entry is rebuilt when needed. */
function cacheQuietly(work: () => void): void {
  try {
    work();
  } catch {
    // See above.
  }
}

function usable(entry: FactsEntry, locale: string): FormulaData {
  if ('problem' in entry) throw new DataBlockedError(entry.problem);
  return { facts: entry.facts, locale };
}

/**
 * The version a formula was given as its last argument; null when it was left out. Anything else is refused,
 * naming the cause when CAMPAIGN_DATA_VERSION is a range of the user's rather than the add-on's cell.
 */
function givenVersion(spreadsheet: SpreadsheetPort, argument: unknown): string | null {
  if (argument === undefined || argument === null || argument === '') return null;
  if (parseDataVersion(argument) === null) {
    const sheet = dataVersionConflict(spreadsheet);
    if (sheet !== null) throw new AddonError('addon.fn.version_name_taken', { name: DATA_VERSION_NAME, sheet });
    throw new AddonError('addon.fn.version_invalid', { name: DATA_VERSION_NAME, value: String(argument) });
  }
  return argument as string;
}

/**
 * The facts for one formula call. Reads nothing but the cache when the version is given and cached; without
 * it, one cell (the version cell). On a miss: the copy on the version sheet; when that is of another version,
 * the data sheets, when the workbook is small enough.
 */
export function formulaData(services: GasServices, versionArgument: unknown): FormulaData {
  const spreadsheet = services.spreadsheetApp.getActiveSpreadsheet();
  const text = givenVersion(spreadsheet, versionArgument) ?? readDataVersionCell(spreadsheet);
  const version = parseDataVersion(text);
  const ports = cachePorts(services);
  if (text !== null && version !== null && isCurrentBuild(version)) {
    const entry = (ports && loadFactsEntry(ports, text)) ?? fromCopy(services, spreadsheet, ports, text);
    if (entry) return usable(entry, version.locale);
  }
  return buildForFormula(services, spreadsheet, ports);
}

function buildForFormula(services: GasServices, spreadsheet: SpreadsheetPort, ports: CachePorts | null): FormulaData {
  const sources = currentSources(services, spreadsheet);
  const raw = readDataSheets(spreadsheet, sources.names, SHEET_NAMES, undefined, INLINE_BUILD);
  // Hundreds of formulas miss together after a change: each reads the data (its version is the cache key),
  // one builds, the others then find its entry.
  const version = versionOf(raw, sources);
  const lock = services.lockService.getDocumentLock();
  // Said before waiting: a change trigger that finds the lock taken meanwhile then waits this formula out.
  if (ports) cacheQuietly(() => ports.cache.put(FORMULA_HOLD_KEY, String(Date.now() + FORMULA_RUN_MS), FORMULA_RUN_MS / 1000));
  const locked = lock.tryLock(FORMULA_LOCK_WAIT_MS);
  try {
    const entry = (ports && loadFactsEntry(ports, version)) ?? buildAndCache(ports, version, raw, sources);
    return usable(entry, sources.reading.locale);
  } finally {
    if (locked) lock.releaseLock();
  }
}

/** What a report run analysed, for the formulas. */
export interface AnalysedData {
  raw: RawWorkbook;
  analysis: Analysis;
  reading: ReadingSettings;
  lookbackDays: number | null;
  markovOrder: number;
}

/**
 * After a report run: caches the facts of the data it analysed, keeps them on the version sheet and writes
 * their version into the version cell (creating both the first time), and keeps this user's change trigger
 * (keepChangeTrigger). False when formulas need the trigger and it cannot be made: they follow report runs only.
 */
export function publishFormulaFacts(services: GasServices, spreadsheet: SpreadsheetPort, data: AnalysedData): boolean {
  const version = versionOf(data.raw, data);
  rememberAmountCurrencies(services, data.raw);
  const stored = storedEntry(services.gzip, { facts: buildFormulaFacts(data.analysis, data.reading.timeZone, data.markovOrder) });
  cacheQuietly(() => {
    const ports = cachePorts(services);
    if (ports) storeFactsEntry(ports.cache, version, stored);
  });
  writeDataVersionCell(spreadsheet, version, versionSheetLabels(languageOf(data.reading.locale)), copyCells(stored));
  return keepChangeTrigger(services, spreadsheet);
}

/**
 * This user's change trigger is there while some formula answers from the facts, and only then: each trigger of the
 * add-on takes one of the 20 a user may have across all their spreadsheets (a scheduled report needs one too), so a
 * spreadsheet without such formulas keeps none. False when formulas need it and it cannot be made.
 */
function keepChangeTrigger(services: GasServices, spreadsheet: SpreadsheetPort): boolean {
  let needed = true;
  // Not known (the search failing): kept, as formulas may need it; the facts are published all the same.
  courtesy(() => (needed = formulasReadFacts(spreadsheet)));
  if (needed) return installChangeTrigger(services, spreadsheet);
  courtesy(() => deleteChangeTriggers(services, spreadsheet));
  return true;
}

/**
 * After the sidebar's Run: formulas written since the last report run get the change trigger that run had no
 * formula to make it for, so they follow the data from now on, and the data as it is now is published (no
 * trigger published the changes made since that run). Nothing is read when the trigger is there already.
 */
export function followFormulasWrittenSince(services: GasServices, spreadsheet: SpreadsheetPort, startedAt: number): void {
  courtesy(() => {
    if (!dataVersionCellState(spreadsheet).exists || hasChangeTrigger(services, spreadsheet) || !formulasReadFacts(spreadsheet)) return;
    // Without the trigger (not granted, or the trigger limit reached) formulas follow report runs only, as the run
    // said: the sidebar's Run does not read the data a second time each time. With it, no rebuild starts later
    // than a trigger's would in this execution (the Run's own read came first): past that the version cell is
    // emptied, so the formulas build from the data as it is, or say to refresh on a workbook too large for that.
    if (!makeChangeTrigger(services, spreadsheet)) return;
    if (Date.now() < startedAt + TRIGGER_BUDGET_MS) refreshAfterChange(services, undefined, startedAt);
    else clearDataVersionCell(spreadsheet);
  });
}

/**
 * The sheets holding amounts, whose number formats can change a figure: an amount formatted in another currency
 * is left out (withAmountCurrencies). So can the shown text of a Date outside a date column (withCellsAsShown), as
 * rare as it is; anything else's cannot.
 */
const AMOUNT_SHEETS = SHEET_NAMES.filter((sheet) => amountColumns(sheet).length > 0);

/** The fingerprint of the amount sheets as last published: a formatting change is compared with it. */
const amountSheetsFingerprint = (raw: RawWorkbook) => fingerprintRows(Object.fromEntries(AMOUNT_SHEETS.map((sheet) => [sheet, raw[sheet]])));

function rememberAmountCurrencies(services: GasServices, raw: RawWorkbook): void {
  services.propertiesService.getDocumentProperties().setProperty(PROPERTY_KEYS.amountSheets, amountSheetsFingerprint(raw));
}

/**
 * Whether a formatting change can have changed a figure. A Visits sheet with a time-of-day column: yes (it is read
 * as shown; only its header row is read to know). Else whether an amount's currency changed: the amount sheets
 * (small beside the Visits sheet) are read with their formats and compared with what was last published; unknown
 * (published before this was kept): changed.
 */
function formatChangesFigures(services: GasServices, spreadsheet: SpreadsheetPort): boolean {
  const documentProperties = services.propertiesService.getDocumentProperties();
  const names = dataSheetNames(documentProperties);
  const visits = spreadsheet.getSheetByName(names.Visits);
  const width = visits?.getDataRange().getNumColumns() ?? 0;
  if (visits && width > 0) {
    const header = withMappedHeader('Visits', visits.getRange(1, 1, 1, width).getValues(), names.columns?.Visits)[0];
    if (resolveHeader('Visits', header, []).index.time_of_day >= 0) return true;
  }
  return documentProperties.getProperty(PROPERTY_KEYS.amountSheets) !== amountSheetsFingerprint(readDataSheets(spreadsheet, names, AMOUNT_SHEETS));
}

function versionSheetLabels(language: Language) {
  return { sheet: formatMessage('addon.fn.version_sheet', {}, language), note: formatMessage('addon.fn.version_note', {}, language) };
}

/**
 * With the report sheets removed and no formula answering from the facts, nothing is left for the version
 * sheet or this user's change trigger to serve: both go (a user has at most 20 triggers of the add-on across
 * all their spreadsheets). Formulas that do read the facts keep both. Other users' triggers here stop at the
 * missing version cell, reading nothing.
 */
export function removeFormulaFacts(services: GasServices, spreadsheet: SpreadsheetPort): void {
  if (formulasReadFacts(spreadsheet)) return;
  removeDataVersionSheet(spreadsheet);
  deleteChangeTriggers(services, spreadsheet);
}

function deleteChangeTriggers(services: GasServices, spreadsheet: SpreadsheetPort): void {
  const { changeTriggers } = services;
  for (const trigger of changeTriggers.getUserTriggers(spreadsheet)) {
    if (trigger.getHandlerFunction() === CHANGE_HANDLER) changeTriggers.deleteTrigger(trigger);
  }
}

const hasChangeTrigger = (services: GasServices, spreadsheet: SpreadsheetPort) =>
  services.changeTriggers.getUserTriggers(spreadsheet).some((t) => t.getHandlerFunction() === CHANGE_HANDLER);

/** Whether this user's change trigger is there (made now if missing). */
function installChangeTrigger(services: GasServices, spreadsheet: SpreadsheetPort): boolean {
  try {
    if (hasChangeTrigger(services, spreadsheet)) return true;
  } catch {
    // Not granted, as below.
    return false;
  }
  return makeChangeTrigger(services, spreadsheet);
}

/** Makes this user's change trigger; false when it cannot be made. */
function makeChangeTrigger(services: GasServices, spreadsheet: SpreadsheetPort): boolean {
  try {
    services.changeTriggers.newTrigger(CHANGE_HANDLER).forSpreadsheet(spreadsheet).onChange().create();
    return true;
  } catch {
    // Not granted (the consent screen lets a user decline a scope) or the add-on's trigger limit reached:
    // formulas then follow every report run and refresh, and the run says so.
    return false;
  }
}

/**
 * The change trigger: when the data changed, caches and keeps the new facts and then writes their version, so
 * the formulas that take the version cell recalculate once, straight to the new figures. Does nothing until a
 * report run created the version cell, and nothing for formatting changes that change no figure (formatChangesFigures).
 * While no formula answers from the facts, reads no data sheet (on a large workbook every edit would cost the
 * trigger's owner a minute of their daily trigger time): the version cell is emptied instead, so a formula
 * written later builds the facts of the data as it is, and the change that writes it publishes them again.
 * `startedAt`: when this execution began (the trigger's own start unless a Run read the data first).
 */
export function refreshAfterChange(services: GasServices, event: ChangeEvent | undefined, startedAt = Date.now()): void {
  const spreadsheet = services.spreadsheetApp.getActiveSpreadsheet();
  const { published, exists } = dataVersionCellState(spreadsheet);
  if (!exists) return;
  if (!formulasReadFacts(spreadsheet)) {
    if (published !== null) clearDataVersionCell(spreadsheet);
    return;
  }
  if (published !== null && event?.changeType === 'FORMAT' && !formatChangesFigures(services, spreadsheet)) return;
  const cache = services.cacheService.getDocumentCache();
  cache?.put(CHANGED_KEY, '1', CHANGED_SECONDS);
  publishChanges(services.lockService.getDocumentLock(), cache, () => republish(services, spreadsheet), true, startedAt + TRIGGER_BUDGET_MS);
}

/**
 * After the add-on itself changed the data, or where it is read from: Apps Script fires no change trigger for a
 * script's own writes, so the formulas' data version is brought up to date here, as the trigger would after the
 * same edit by hand. A failure here is not the change failing: it reaches the formulas with the next change or run.
 */
export function refreshAfterOwnChange(services: GasServices): void {
  try {
    refreshAfterChange(services, undefined);
  } catch {
    // The change stands; see above.
  }
}

/**
 * After a report run (its execution began at `startedAt`) has let go of the lock: publishes the changes made
 * while it ran, whose triggers found the lock taken and left their mark to it (a mark left before it read the
 * data costs one read that finds the facts already published). Nothing is read when there is no mark; no
 * rebuild starts later than a trigger would start one.
 */
export function publishChangesMadeMeanwhile(services: GasServices, startedAt: number): void {
  const cache = services.cacheService.getDocumentCache();
  const spreadsheet = services.spreadsheetApp.getActiveSpreadsheet();
  const republishNow = () => republish(services, spreadsheet);
  publishChanges(services.lockService.getDocumentLock(), cache, republishNow, changedAgain(cache), startedAt + TRIGGER_BUDGET_MS);
}

/**
 * Republishes while changes are marked (`pending`: one is known without looking), until `deadline`. A run
 * that cannot take the lock (takeLock) leaves its mark to the one holding it, which looks again after letting
 * go: a change marked between that run's last look and its release is not lost.
 */
export function publishChanges(
  lock: LockPort, cache: CachePort | null, republishNow: () => void, pending: boolean, deadline: number, now = Date.now,
): void {
  while (pending && now() < deadline && takeLock(lock, cache, deadline, now)) {
    try {
      do {
        cache?.remove(CHANGED_KEY);
        republishNow();
      } while (changedAgain(cache) && now() < deadline);
    } finally {
      lock.releaseLock();
    }
    pending = changedAgain(cache);
  }
}

const changedAgain = (cache: CachePort | null) => cache !== null && cache.get(CHANGED_KEY) !== null;

/**
 * Takes the lock to publish. A formula holding it lets go within its 30 seconds but cannot publish the changes
 * marked meanwhile (it may not write the version cell), so its hold, as it said in the cache, is waited out
 * (again if another formula's hold follows), within `deadline`. A report run or another trigger looks at the
 * mark itself after letting go: a short wait will do.
 */
function takeLock(lock: LockPort, cache: CachePort | null, deadline: number, now: () => number): boolean {
  if (lock.tryLock(TRIGGER_LOCK_WAIT_MS)) return true;
  for (;;) {
    const wait = Math.min(Number(cache?.get(FORMULA_HOLD_KEY)) || 0, deadline) - now();
    if (wait <= 0) return false;
    if (lock.tryLock(wait)) return true;
  }
}

function republish(services: GasServices, spreadsheet: SpreadsheetPort): void {
  const sources = currentSources(services, spreadsheet);
  const raw = readDataSheets(spreadsheet, sources.names);
  rememberAmountCurrencies(services, raw);
  const version = versionOf(raw, sources);
  const ports = cachePorts(services);
  const inCell = readDataVersionCell(spreadsheet);
  // Kept facts of this version (a change that left the data as it was) spare the rebuild; only the add-on's sheet is read.
  const copied = inCell === null ? null : fromCopy(services, spreadsheet, ports, version);
  const stored = copied ?? storedEntry(services.gzip, (ports && loadFactsEntry(ports, version)) ?? buildEntry(raw, sources));
  if (ports && !copied) cacheQuietly(() => storeFactsEntry(ports.cache, version, stored));
  if (!copied || inCell !== version) {
    writeDataVersionCell(spreadsheet, version, versionSheetLabels(languageOf(sources.reading.locale)), copyCells(stored));
  }
}
