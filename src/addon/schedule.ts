import { formatMessage, type Language, type MessageId } from '../core/messages';
import { escapeMarkup } from '../core/render/markup';
import { buildReportData } from '../core/report/report-data';
import { wallClockMinute } from '../core/time';
import { AddonError, courtesy, errorMessage as messageOf } from './addon-error';
import type { GasServices } from './gas-adapters';
import { checkMailQuota, MAIL_RECIPIENTS_PER_MESSAGE, parseAddresses, sendMail, userAddress } from './mail';
import type { TimeDrivenEvent, TriggerPort } from './ports';
import { runReport, UNATTENDED_LOCK_WAIT_MS, type ScheduledRefresh } from './report-run';
import { findReportSheets } from './report-sheets';
import { buildDigest, digestPeriods, renderDigest, type ScheduleFrequency } from './schedule-digest';
import { FEATURE_SCOPES, requireScopes } from './scopes';
import { languageOfUser, PROPERTY_KEYS, reportOptionsOf, userLanguage } from './settings';
import { settingsOf } from './validation';

// Scheduled reports: an installable time-driven trigger refreshes the report (the options it was last
// written with, on the day's data) daily or weekly and e-mails a digest of the key figures. At most one
// schedule per spreadsheet: it is recorded in the document properties with the trigger's id and its owner
// (a trigger runs as the user who made it, and only they can delete it). A trigger that does not match the
// record (the schedule was removed or replaced by someone else) deletes itself when it next fires. A run that
// fails e-mails its reason to the owner: Apps Script tells nobody when an add-on's trigger fails.

export const SCHEDULE_KEY = 'campaignAnalytics.schedule';
/** The entry point the trigger calls (main.ts). */
export const SCHEDULE_HANDLER = 'runScheduledReport';

const WEEKDAYS = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'] as const;
export type WeekdayName = (typeof WEEKDAYS)[number];

/** When nobody says: 07:00 in the spreadsheet's time zone, weekly on Mondays. */
const DEFAULT_HOUR = 7;
const DEFAULT_WEEKDAY: WeekdayName = 'MONDAY';

export interface ScheduleRequest {
  frequency: ScheduleFrequency;
  /** Weekly only; default Monday. */
  weekday?: WeekdayName | null;
  /** 0–23 in the spreadsheet's time zone; default 7. Apps Script picks a minute within that hour. */
  hour?: number | null;
  /** Who gets the digest; default the user setting it up. */
  recipients?: string[] | null;
}

/** The schedule as recorded, and as the sidebar shows it. */
export interface Schedule {
  owner: string;
  frequency: ScheduleFrequency;
  weekday: WeekdayName | null;
  hour: number;
  timeZone: string;
  recipients: string[];
  triggerId: string;
  /** The last run, when it failed (cleared by the next that succeeds): when it began, and why. */
  lastFailure?: { at: number; reason: string };
}

export interface ScheduleResult {
  done: boolean;
  message: string;
  schedule: Schedule | null;
}

export type ScheduledRunStatus = 'sent' | 'failed' | 'stale';

function readSchedule(services: GasServices): Schedule | null {
  const text = services.propertiesService.getDocumentProperties().getProperty(SCHEDULE_KEY);
  try {
    const schedule = JSON.parse(text ?? '') as Partial<Schedule> | null;
    return typeof schedule?.owner === 'string' && typeof schedule.triggerId === 'string' && Array.isArray(schedule.recipients)
      ? (schedule as Schedule) : null;
  } catch {
    return null;
  }
}

/** This user's triggers for scheduled reports in this spreadsheet. */
function ownTriggers(services: GasServices): TriggerPort[] {
  const spreadsheet = services.spreadsheetApp.getActiveSpreadsheet();
  return services.scriptApp.getUserTriggers(spreadsheet).filter((trigger) => trigger.getHandlerFunction() === SCHEDULE_HANDLER);
}

/** The spreadsheet's schedule, described, for the sidebar; one whose trigger is gone is said to have stopped. */
export function scheduleStatus(services: GasServices): ScheduleResult {
  const schedule = readSchedule(services);
  const language = languageOfUser(services);
  const t = (id: MessageId, params?: Record<string, string | number>) => formatMessage(id, params, language);
  if (schedule === null) return { done: false, message: t('addon.schedule.none'), schedule };
  if (triggerGone(services, schedule)) {
    const message = t('addon.schedule.trigger_gone', {
      schedule: describeSchedule(schedule, language), save: t('sidebar.schedule.go'), stop: t('sidebar.schedule.remove'),
    });
    return { done: false, message, schedule };
  }
  // A failed run mails its owner, when the quota leaves room; everyone who opens the sidebar sees it here.
  const notes: string[] = [];
  if (schedule.lastFailure) {
    notes.push(t('addon.schedule.last_failed', { at: wallClockMinute(schedule.lastFailure.at, schedule.timeZone), reason: schedule.lastFailure.reason }));
  }
  const timeZone = services.spreadsheetApp.getActiveSpreadsheet().getSpreadsheetTimeZone();
  if (timeZone !== schedule.timeZone) {
    // Only the owner can save it again: a colleague is told who can.
    const params = { tz: timeZone, old: schedule.timeZone, save: t('sidebar.schedule.go'), owner: schedule.owner };
    notes.push(t(isOwner(services, schedule) ? 'addon.schedule.zone_changed' : 'addon.schedule.zone_changed_other', params));
  }
  return { done: notes.length === 0, message: [describeSchedule(schedule, language), ...notes].join(' '), schedule };
}

/** How long the note of a run's outcome waits for the document lock: a few seconds, then it goes without. */
const NOTE_LOCK_WAIT_MS = 5_000;

/**
 * Notes the run's failure in the record (`failure`), or clears the note after a run that succeeded, as long as
 * the record still names this run's trigger. Under the document lock, as every change of the record: a schedule
 * saved meanwhile is never written over. The lock alone, nothing published after it: the run's time is spent.
 * A courtesy: the caller goes on whether or not it could be done.
 */
function noteRunOutcome(services: GasServices, triggerId: string, failure: Schedule['lastFailure']): void {
  courtesy(() => {
    const lock = services.lockService.getDocumentLock();
    if (!lock.tryLock(NOTE_LOCK_WAIT_MS)) return;
    try {
      const current = readSchedule(services);
      if (current === null || current.triggerId !== triggerId) return;
      const { lastFailure: _previous, ...schedule } = current;
      const noted: Schedule = failure === undefined ? schedule : { ...schedule, lastFailure: failure };
      services.propertiesService.getDocumentProperties().setProperty(SCHEDULE_KEY, JSON.stringify(noted));
    } finally {
      courtesy(() => lock.releaseLock());
    }
  });
}

/** Whether the user is the schedule's owner; not when their address cannot be read. */
function isOwner(services: GasServices, schedule: Schedule): boolean {
  try {
    return services.session.getEffectiveUser().getEmail() === schedule.owner;
  } catch {
    return false;
  }
}

/**
 * Whether the schedule's trigger is known to be gone: deleted outside the add-on (the Apps Script triggers page,
 * access taken back), it never fires, so no failure notice says so. Only its owner can see it; when the
 * look itself fails (a scope not granted again yet, say), it is not known.
 */
function triggerGone(services: GasServices, schedule: Schedule): boolean {
  if (!isOwner(services, schedule)) return false;
  try {
    return !ownTriggers(services).some((trigger) => trigger.getUniqueId() === schedule.triggerId);
  } catch {
    return false;
  }
}

/** Sets up (or replaces) the spreadsheet's schedule, with a trigger of the user's own. */
export function setUpSchedule(services: GasServices, request: ScheduleRequest): ScheduleResult {
  const frequency = request.frequency;
  if (frequency !== 'daily' && frequency !== 'weekly') throw new AddonError('addon.schedule.frequency_unknown', { frequency: String(frequency) });
  const weekday = frequency === 'weekly' ? request.weekday ?? DEFAULT_WEEKDAY : null;
  if (weekday !== null && !WEEKDAYS.includes(weekday)) throw new AddonError('addon.schedule.weekday_unknown', { weekday: String(weekday) });
  const hour = request.hour ?? DEFAULT_HOUR;
  if (!Number.isInteger(hour) || hour < 0 || hour > 23) throw new AddonError('addon.schedule.hour_invalid', { hour: String(hour) });
  requireScopes(services.scriptApp, FEATURE_SCOPES.schedule);

  const owner = userAddress(services);
  // Blank entries (a box left holding only "," ) name nobody: the digest then goes to the user setting it up.
  const listed = parseAddresses(request.recipients ?? []);
  const recipients = listed.length > 0 ? listed : [owner];
  if (recipients.length > MAIL_RECIPIENTS_PER_MESSAGE) {
    throw new AddonError('addon.schedule.too_many_recipients', { count: recipients.length, limit: MAIL_RECIPIENTS_PER_MESSAGE });
  }
  const existing = readSchedule(services);
  if (existing !== null && existing.owner !== owner) throw new AddonError('addon.schedule.other_owner', { owner: existing.owner });
  const documentProperties = services.propertiesService.getDocumentProperties();
  if (documentProperties.getProperty(PROPERTY_KEYS.lastReport) === null) throw new AddonError('addon.schedule.no_report');

  // Replacing, never adding: one trigger per schedule (and an add-on may have only one of a kind per document),
  // so the old trigger goes before the new one is made. If that or recording the new one fails (the trigger
  // limit, say), the new trigger goes and the previous schedule is put back, or else the record cleared: never a
  // record naming a deleted trigger.
  const timeZone = services.spreadsheetApp.getActiveSpreadsheet().getSpreadsheetTimeZone();
  let trigger: TriggerPort | null = null;
  let schedule: Schedule;
  try {
    for (const old of ownTriggers(services)) services.scriptApp.deleteTrigger(old);
    const made = createTrigger(services, weekday, hour, timeZone);
    trigger = made;
    schedule = { owner, frequency, weekday, hour, timeZone, recipients, triggerId: made.getUniqueId() };
    documentProperties.setProperty(SCHEDULE_KEY, JSON.stringify(schedule));
  } catch (error) {
    // A trigger left behind would not match the record and delete itself when it fires: tidied now all the same.
    const made = trigger;
    if (made !== null) courtesy(() => services.scriptApp.deleteTrigger(made));
    throw scheduleNotChanged(services, existing, error);
  }
  return { done: true, message: describeSchedule(schedule, languageOfUser(services)), schedule };
}

/** A time-driven trigger of SCHEDULE_HANDLER: daily, or weekly on `weekday`, at `hour` in `timeZone`. */
function createTrigger(services: GasServices, weekday: WeekdayName | null, hour: number, timeZone: string): TriggerPort {
  const clock = services.scriptApp.newTrigger(SCHEDULE_HANDLER).timeBased();
  const timed = weekday === null ? clock.everyDays(1) : clock.onWeekDay(services.scriptApp.WeekDay[weekday]);
  return timed.atHour(hour).inTimezone(timeZone).create();
}

/**
 * After a failed change: the previous schedule (`previous`, this user's) as it was if its trigger is still
 * there, else with a new trigger; when that fails too, no schedule (the record cleared). The error says which.
 */
function scheduleNotChanged(services: GasServices, previous: Schedule | null, error: unknown): AddonError {
  const language = languageOfUser(services);
  const reason = messageOf(error, language);
  const documentProperties = services.propertiesService.getDocumentProperties();
  if (previous === null) {
    // Nothing was recorded; emptied all the same, should the failed write have left something.
    courtesy(() => documentProperties.setProperty(SCHEDULE_KEY, ''));
    return new AddonError('addon.schedule.setup_failed', { reason });
  }
  let kept: Schedule | null = null;
  let remade: TriggerPort | null = null;
  try {
    if (ownTriggers(services).some((trigger) => trigger.getUniqueId() === previous.triggerId)) kept = previous;
    else {
      remade = createTrigger(services, previous.weekday, previous.hour, previous.timeZone);
      kept = { ...previous, triggerId: remade.getUniqueId() };
    }
  } catch {
    // Not restored: the record is cleared below.
  }
  try {
    documentProperties.setProperty(SCHEDULE_KEY, kept === null ? '' : JSON.stringify(kept));
  } catch {
    // The record cannot be written either (document properties failing twice): it still names the previous trigger.
    // With that trigger there, the previous schedule stands; else a trigger made anew would run unrecorded, so it
    // goes, and the record names a trigger that is gone: a stopped schedule, as the sidebar then says.
    const unrecorded = remade;
    if (unrecorded !== null) {
      courtesy(() => services.scriptApp.deleteTrigger(unrecorded));
      kept = null;
    }
  }
  return kept === null
    ? new AddonError('addon.schedule.change_failed_none', { reason })
    : new AddonError('addon.schedule.change_failed_kept', { reason, schedule: describeSchedule(kept, language) });
}

/** Removes the schedule: the record, and this user's trigger (another owner's trigger deletes itself when it next fires). */
export function removeSchedule(services: GasServices): ScheduleResult {
  requireScopes(services.scriptApp, FEATURE_SCOPES.schedule);
  const language = languageOfUser(services);
  const t = (id: MessageId, params?: Record<string, string | number>) => formatMessage(id, params, language);
  const existing = readSchedule(services);
  const triggers = ownTriggers(services);
  if (existing === null && triggers.length === 0) return { done: false, message: t('addon.schedule.none'), schedule: null };
  // Known before anything changes: a failure after the record is cleared would say the schedule was not stopped.
  const mine = existing === null || existing.owner === userAddress(services);
  // The record first (emptied rather than deleted: an empty record reads as no schedule): with it gone the schedule
  // has stopped, as a trigger the record does not name deletes itself when it fires, should deleting it here fail.
  services.propertiesService.getDocumentProperties().setProperty(SCHEDULE_KEY, '');
  for (const trigger of triggers) courtesy(() => services.scriptApp.deleteTrigger(trigger));
  return { done: true, message: mine ? t('addon.schedule.removed') : t('addon.schedule.removed_other', { owner: existing.owner }), schedule: null };
}

/**
 * The menu's daily or weekly schedule: a schedule set up in the sidebar keeps its recipients and hour (and, staying
 * weekly, its day); only the frequency changes.
 */
export function setUpScheduleFromMenu(services: GasServices, frequency: ScheduleFrequency): ScheduleResult {
  const existing = readSchedule(services);
  return setUpSchedule(services, existing === null ? { frequency } : {
    frequency, recipients: existing.recipients, hour: existing.hour, weekday: existing.weekday ?? undefined,
  });
}

/**
 * The spreadsheet's schedule, if any, as "Remove report sheets" needs it: it would write the sheets again, so
 * it is stopped with them.
 */
export function scheduledRefresh(services: GasServices): ScheduledRefresh | null {
  const schedule = readSchedule(services);
  return schedule === null ? null : { description: describeSchedule(schedule, languageOfUser(services)), stop: () => removeSchedule(services) };
}

/** The schedule in one sentence, e.g. "Every Monday at 07:00 (Europe/Amsterdam) …". */
export function describeSchedule(schedule: Schedule, language: Language): string {
  const t = (id: MessageId, params?: Record<string, string | number>) => formatMessage(id, params, language);
  const time = `${String(schedule.hour).padStart(2, '0')}:00`;
  const params = { time, tz: schedule.timeZone, recipients: schedule.recipients.join(', ') };
  return schedule.weekday === null
    ? t('addon.schedule.set_daily', params)
    : t('addon.schedule.set_weekly', { ...params, day: t(`addon.weekday.${schedule.weekday.toLowerCase()}` as MessageId) });
}

/**
 * What the trigger runs: refreshes the report and mails the digest; a failure mails its reason to the owner
 * instead, whichever step it came from (Apps Script tells nobody). `startedAt`: when the execution began (the
 * report run budgets its time from it).
 */
export function runSchedule(services: GasServices, event: TimeDrivenEvent | undefined, startedAt: number): ScheduledRunStatus {
  const schedule = readSchedule(services);
  const uid = event?.triggerUid;
  if (schedule === null || schedule.triggerId !== uid) {
    for (const trigger of ownTriggers(services)) if (trigger.getUniqueId() === uid) services.scriptApp.deleteTrigger(trigger);
    return 'stale';
  }
  // What the failure notice says, learnt as the run goes: the language and the spreadsheet once they are read.
  const notice: { language: Language; spreadsheet: string; url: string; reportWritten: boolean } = {
    language: 'en', spreadsheet: '', url: '', reportWritten: false,
  };
  try {
    const spreadsheet = services.spreadsheetApp.getActiveSpreadsheet();
    const reading = settingsOf(spreadsheet, services.propertiesService.getDocumentProperties());
    // The trigger runs as the user who set the schedule up: the digest is in their language.
    const language = userLanguage(services.propertiesService.getUserProperties(), reading.locale);
    notice.language = language;
    notice.spreadsheet = spreadsheet.getName();
    notice.url = spreadsheet.getUrl();
    const overview = findReportSheets(spreadsheet).get('overview');
    if (overview) notice.url += `#gid=${overview.getSheetId()}`;
    // A spent quota is known before the report is refreshed: the run then changes nothing.
    checkMailQuota(services, schedule.recipients.length, 'addon.schedule.quota_spent');
    // Nobody is there to ask: rows with errors are left out, as the command line does.
    const run = runReport(services, 'last report', () => true, startedAt, UNATTENDED_LOCK_WAIT_MS);
    if (!run.outcome.done || run.inputs === null || run.settings === null) throw new Error(run.outcome.message);
    notice.reportWritten = true;
    // The day the execution began (runReport's, from startedAt), not the day the report happened to finish on.
    const { inputs, settings, today } = run;
    const periods = digestPeriods(schedule.frequency, today);
    const dataFor = (period: { from: string; to: string }) =>
      buildReportData(inputs.analysis, inputs.problems, reportOptionsOf({ ...settings, ...period }, reading.timeZone, today));
    const digest = buildDigest(dataFor(periods.current), dataFor(periods.previous), formatMessage('report.no_campaign', {}, language));
    const mail = renderDigest(digest, { lang: language, currency: inputs.reading.currency, locale: reading.locale, spreadsheet: notice.spreadsheet, url: notice.url });
    sendMail(services, schedule.recipients, mail, language);
    if (schedule.lastFailure) noteRunOutcome(services, schedule.triggerId, undefined);
    return 'sent';
  } catch (error) {
    // A read that failed (Sheets fails now and then) is tried once more for the notice; else it goes without.
    const again = (read: () => string) => {
      try {
        return read();
      } catch {
        return '';
      }
    };
    notice.spreadsheet ||= again(() => services.spreadsheetApp.getActiveSpreadsheet().getName());
    notice.url ||= again(() => services.spreadsheetApp.getActiveSpreadsheet().getUrl());
    const t = (id: MessageId, params?: Record<string, string | number>) => formatMessage(id, params, notice.language);
    const reason = messageOf(error, notice.language);
    const body = t(notice.reportWritten ? 'addon.schedule.digest_failed_body' : 'addon.schedule.failed_body', {
      spreadsheet: notice.spreadsheet, reason, url: notice.url,
    });
    try {
      checkMailQuota(services, 1);
      sendMail(services, [schedule.owner], {
        subject: t('addon.schedule.failed_subject', { spreadsheet: notice.spreadsheet }),
        body,
        htmlBody: body.split('\n').map((line) => `<p>${escapeMarkup(line)}</p>`).join(''),
      }, notice.language);
    } catch (noticeError) {
      // No notice could go out (the day's mail quota is spent): the execution log and the sidebar are all that is left.
      noteRunOutcome(services, schedule.triggerId, { at: startedAt, reason });
      throw new Error(t('addon.schedule.failed_silently', { reason, notice: messageOf(noticeError, notice.language) }));
    }
    // After the notice: it matters most, and the note waits for the lock.
    noteRunOutcome(services, schedule.triggerId, { at: startedAt, reason });
    return 'failed';
  }
}
