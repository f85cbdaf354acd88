import { buildDigest, changeText, digestPeriods, renderDigest, type Digest } from '../../src/addon/schedule-digest';
import { analyze } from '../../src/core/engine';
import { ingestWorkbook } from '../../src/core/ingest';
import { buildJsonReport } from '../../src/core/report/json-report';
import { buildReportData, type ReportData } from '../../src/core/report/report-data';
import { addon, LOCALE, overTheWire, REPORT_SHEET_KEY, TZ, workbook } from '../support/campaign-workbook';
import { clockReading, fixedClock, steppingClock } from '../support/gas-fakes-services';

// Scheduled reports through dist/Code.js: set up and removed from the menu (or the sidebar), one
// installable time-driven trigger per spreadsheet; when it fires, the report is refreshed and a digest
// e-mailed; a run that fails e-mails its reason instead.

/** Sunday 21 April 2024, 07:00 in Amsterdam. */
const NOW = Date.UTC(2024, 3, 21, 5, 0);
const ME = 'marketer@example.com';
const COLLEAGUE = 'colleague@example.com';
const HANDLER = 'runScheduledReport';
const AUTH = 'https://www.googleapis.com/auth/';

function withReport(options: Parameters<typeof addon>[0] = {}) {
  const fakes = addon({ now: NOW, ...options });
  fakes.script.runReport();
  fakes.services.alerts.length = 0;
  return fakes;
}

const live = (fakes: ReturnType<typeof addon>) => fakes.google.triggers.filter((t) => !t.deleted);
const schedule = (fakes: ReturnType<typeof addon>) => JSON.parse(fakes.services.documentProperties.get('campaignAnalytics.schedule') || 'null');
/** The days the report sheets cover, as the Overview's stamp records them. */
const reportDays = (fakes: ReturnType<typeof addon>) => {
  const { provenance } = JSON.parse(fakes.book.sheet('Overview').metadata.find((m) => m.key === REPORT_SHEET_KEY)!.value);
  return { from: provenance.from, to: provenance.to };
};
const lastReport = (fakes: ReturnType<typeof addon>) => JSON.parse(fakes.services.documentProperties.get('campaignAnalytics.lastReport')!);

describe('setting up from the menu', () => {
  test('weekly: one time-driven trigger on Mondays at 07:00 in the spreadsheet\'s zone, recorded with its owner', () => {
    const fakes = withReport();
    fakes.script.scheduleWeeklyReport();
    expect(fakes.services.alerts).toEqual([{
      title: 'Scheduled report', buttons: 'OK',
      prompt: `Every Monday at about 07:00 (${TZ}) the report is refreshed and a digest e-mailed to ${ME}.`,
    }]);
    expect(live(fakes)).toEqual([{ id: 'trigger-1', handler: HANDLER, owner: ME, schedule: { weekday: 'MONDAY', hour: 7, timeZone: TZ }, deleted: false }]);
    expect(schedule(fakes)).toEqual({
      owner: ME, frequency: 'weekly', weekday: 'MONDAY', hour: 7, timeZone: TZ, recipients: [ME], triggerId: 'trigger-1',
    });
    expect(fakes.google.scopeRequests).toEqual([[
      `${AUTH}spreadsheets.currentonly`, `${AUTH}script.scriptapp`, `${AUTH}script.send_mail`, `${AUTH}userinfo.email`,
    ]]);
  });

  test('setting it up again replaces it: never two triggers', () => {
    const fakes = withReport();
    fakes.script.scheduleWeeklyReport();
    fakes.script.scheduleDailyReport();
    fakes.script.scheduleDailyReport();
    expect(live(fakes)).toEqual([{ id: 'trigger-3', handler: HANDLER, owner: ME, schedule: { everyDays: 1, hour: 7, timeZone: TZ }, deleted: false }]);
    expect(fakes.google.triggers.map((t) => t.deleted)).toEqual([true, true, false]);
    expect(schedule(fakes)).toMatchObject({ frequency: 'daily', weekday: null, triggerId: 'trigger-3' });
    expect(fakes.services.alerts.at(-1)!.prompt).toBe(`Every day at about 07:00 (${TZ}) the report is refreshed and a digest e-mailed to ${ME}.`);
  });

  test.each([
    ['a colleague in the sidebar', COLLEAGUE],
    ['the same user in a second window', ME],
  ])('a set-up while another is under way (%s) is told to wait: one schedule, its trigger live', (_who, user) => {
    const fakes = withReport();
    const scriptApp = fakes.google.globals.ScriptApp as { getUserTriggers: (spreadsheet: unknown) => unknown };
    const getUserTriggers = scriptApp.getUserTriggers;
    let second: unknown = null;
    // The menu's set-up looks for the old trigger; just then the other set-up runs to its end.
    scriptApp.getUserTriggers = (spreadsheet) => {
      scriptApp.getUserTriggers = getUserTriggers;
      fakes.google.setUser(user);
      try {
        second = overTheWire(fakes.script.scheduleReport({ frequency: 'daily', hour: 8, recipients: ['boss@example.com'] }));
      } catch (error) {
        second = (error as Error).message;
      }
      fakes.google.setUser(ME);
      return getUserTriggers(spreadsheet);
    };
    fakes.script.scheduleWeeklyReport();
    expect(second).toBe('The add-on is changing this spreadsheet for someone else right now. Try again in a moment.');
    expect(live(fakes)).toEqual([{ id: 'trigger-1', handler: HANDLER, owner: ME, schedule: { weekday: 'MONDAY', hour: 7, timeZone: TZ }, deleted: false }]);
    expect(schedule(fakes)).toMatchObject({ owner: ME, frequency: 'weekly', triggerId: 'trigger-1' });
  });

  test('the menu\'s daily or weekly keeps the recipients and hour set up in the sidebar: only the frequency changes', () => {
    const fakes = withReport();
    fakes.script.scheduleReport({ frequency: 'weekly', weekday: 'FRIDAY', hour: 9, recipients: [COLLEAGUE, ME] });
    fakes.script.scheduleDailyReport();
    expect(schedule(fakes)).toMatchObject({ frequency: 'daily', weekday: null, hour: 9, recipients: [COLLEAGUE, ME] });
    expect(fakes.services.alerts.at(-1)!.prompt).toBe(`Every day at about 09:00 (${TZ}) the report is refreshed and a digest e-mailed to ${COLLEAGUE}, ${ME}.`);
    // Back to weekly: Monday, the menu's day, as the daily schedule kept none.
    fakes.script.scheduleWeeklyReport();
    expect(schedule(fakes)).toMatchObject({ frequency: 'weekly', weekday: 'MONDAY', hour: 9, recipients: [COLLEAGUE, ME] });
  });

  test('Remove report sheets stops the schedule too (it would write them all again), after saying so', () => {
    const fakes = withReport();
    fakes.script.scheduleDailyReport();
    fakes.services.alerts.length = 0;
    fakes.script.removeReportSheets();
    expect(fakes.services.alerts.map((a) => a.prompt)).toEqual([
      'Delete 20 report sheets written by this add-on, and stop the scheduled report, which would write them again? Your own sheets stay as they are. '
        + `Scheduled now: Every day at about 07:00 (${TZ}) the report is refreshed and a digest e-mailed to ${ME}.`,
    ]);
    expect(fakes.services.toasts.at(-1)!.message).toBe('Deleted 20 report sheets and stopped the scheduled report.');
    expect(live(fakes)).toEqual([]);
    expect(schedule(fakes)).toBeNull();
    const sheets = fakes.book.sheets.length;
    expect(fakes.script.runScheduledReport({ triggerUid: 'trigger-1' })).toBe('stale');
    expect(fakes.book.sheets.length).toBe(sheets);
  });

  test('a schedule that cannot be stopped (its record not cleared): no report sheet is deleted, and the message says to stop it first', () => {
    const failOn = { method: 'none', nth: 1 };
    const fakes = withReport({ failOn });
    fakes.script.scheduleDailyReport();
    const sheets = fakes.book.sheets.map((sheet) => sheet.name);
    failOn.method = 'setProperty';
    fakes.script.removeReportSheets();
    expect(fakes.services.alerts.at(-1)!.prompt).toMatch(
      /^Nothing was deleted: the scheduled report, which would write the sheets again, could not be stopped \(.+\)\. Stop it from the menu first, then remove the report sheets\.$/,
    );
    expect(fakes.book.sheets.map((sheet) => sheet.name)).toEqual(sheets);
    // Still running as the record says: its trigger is there.
    expect(schedule(fakes)).toMatchObject({ frequency: 'daily', triggerId: 'trigger-1' });
    expect(live(fakes).map((t) => t.id)).toEqual(['trigger-1']);
  });

  test('the user\'s address cannot be read: the schedule is not stopped, as the message says', () => {
    const failOn = { method: 'none', nth: 1 };
    const fakes = withReport({ failOn });
    fakes.script.scheduleDailyReport();
    failOn.method = 'getEffectiveUser';
    fakes.script.removeReportSheets();
    expect(fakes.services.alerts.at(-1)!.prompt).toMatch(/^Nothing was deleted: the scheduled report, which would write the sheets again, could not be stopped/);
    expect(schedule(fakes)).toMatchObject({ frequency: 'daily', triggerId: 'trigger-1' });
    expect(live(fakes).map((t) => t.id)).toEqual(['trigger-1']);
  });

  test('a trigger that cannot be deleted: the schedule has stopped all the same (its record gone), and the trigger deletes itself when it fires', () => {
    const fakes = withReport({ failOn: { method: 'deleteTrigger', nth: 1 } });
    fakes.script.scheduleDailyReport();
    fakes.script.removeReportSheets();
    expect(fakes.services.toasts.at(-1)!.message).toBe('Deleted 20 report sheets and stopped the scheduled report.');
    expect(schedule(fakes)).toBeNull();
    expect(overTheWire(fakes.script.getScheduledReport())).toMatchObject({ done: false, message: 'This spreadsheet has no scheduled report.' });
    expect(live(fakes).map((t) => t.id)).toEqual(['trigger-1']);
    expect(fakes.script.runScheduledReport({ triggerUid: 'trigger-1' })).toBe('stale');
    expect(fakes.google.mails).toEqual([]);
  });

  test('removing it deletes the trigger and the record; removing nothing says so', () => {
    const fakes = withReport();
    fakes.script.scheduleDailyReport();
    fakes.script.removeScheduledReport();
    fakes.script.removeScheduledReport();
    expect(live(fakes)).toEqual([]);
    expect(schedule(fakes)).toBeNull();
    expect(fakes.services.alerts.slice(1).map((a) => a.prompt)).toEqual([
      'The scheduled report is stopped.', 'This spreadsheet has no scheduled report.',
    ]);
  });

  test('before the report sheets are written: refused, saying how to write them (the sidebar\'s Run computes, it writes nothing), no trigger', () => {
    const fakes = addon({ now: NOW });
    fakes.script.scheduleDailyReport();
    expect(fakes.services.alerts.map((a) => a.prompt)).toEqual([
      'There is no report to refresh yet: write the report sheets first ("Write report sheets" in the sidebar, or "Run report" in the menu); '
        + 'the schedule then refreshes them with the same options.',
    ]);
    // In Dutch, with the Dutch names of the sidebar's button and the menu item.
    const dutch = addon({ now: NOW, locale: 'nl_NL' });
    dutch.script.scheduleDailyReport();
    expect(dutch.services.alerts.map((a) => a.prompt)).toEqual([
      'Er is nog geen rapport om te vernieuwen: schrijf eerst de rapportbladen ("Rapportbladen schrijven" in de zijbalk, of "Rapport maken" in het menu); '
        + 'de planning vernieuwt ze daarna met dezelfde opties.',
    ]);
    expect(fakes.google.triggers).toEqual([]);
  });

  test('one schedule per spreadsheet: a colleague cannot add a second one, but can stop the first, whose trigger then removes itself', () => {
    const fakes = withReport();
    fakes.script.scheduleDailyReport();
    fakes.google.setUser(COLLEAGUE);
    fakes.script.scheduleWeeklyReport();
    expect(fakes.services.alerts[1].prompt).toBe(
      `This spreadsheet already has a scheduled report, set up by ${ME}. A spreadsheet has one schedule: remove it first ("Stop the scheduled report e-mail").`,
    );
    expect(live(fakes).map((t) => t.owner)).toEqual([ME]);

    fakes.script.removeScheduledReport();
    expect(fakes.services.alerts[2].prompt).toBe(`The scheduled report set up by ${ME} is stopped; its trigger removes itself when it next comes due.`);
    expect(schedule(fakes)).toBeNull();

    // My trigger fires (as me): it no longer matches the record, so it deletes itself and sends nothing.
    fakes.google.setUser(ME);
    expect(fakes.script.runScheduledReport({ triggerUid: 'trigger-1' })).toBe('stale');
    expect(live(fakes)).toEqual([]);
    expect(fakes.google.mails).toEqual([]);
  });
});

describe('the sidebar', () => {
  test('sets up a schedule for other recipients at another hour, and shows it', () => {
    const fakes = withReport();
    const result = overTheWire(fakes.script.scheduleReport({ frequency: 'weekly', weekday: 'FRIDAY', hour: 16, recipients: ['Boss@Example.com', ME] }));
    expect(result.message).toBe(`Every Friday at about 16:00 (${TZ}) the report is refreshed and a digest e-mailed to boss@example.com, ${ME}.`);
    expect(live(fakes)[0].schedule).toEqual({ weekday: 'FRIDAY', hour: 16, timeZone: TZ });
    expect(overTheWire(fakes.script.getScheduledReport())).toEqual({ done: true, message: result.message, schedule: result.schedule });
    expect(overTheWire(fakes.script.unscheduleReport())).toEqual({ done: true, message: 'The scheduled report is stopped.', schedule: null });
    expect(overTheWire(fakes.script.getScheduledReport())).toEqual({ done: false, message: 'This spreadsheet has no scheduled report.', schedule: null });
  });

  test('a trigger deleted outside the add-on (the Apps Script triggers page): its owner is told the schedule has stopped, and can start it again', () => {
    const fakes = withReport();
    const { schedule: set } = overTheWire(fakes.script.scheduleReport({ frequency: 'daily', hour: 8, recipients: null }));
    fakes.google.triggers[0].deleted = true;
    const described = `Every day at about 08:00 (${TZ}) the report is refreshed and a digest e-mailed to ${ME}.`;
    expect(overTheWire(fakes.script.getScheduledReport())).toEqual({
      done: false,
      message: 'The scheduled report has stopped: its trigger is gone (deleted on the Apps Script triggers page, or with the add-on\'s access to your account), '
        + `so nothing is refreshed or e-mailed. It was: ${described} "Save schedule" starts it again; "Stop the schedule" removes it.`,
      schedule: set,
    });
    // A colleague cannot see the owner's triggers: the schedule as recorded.
    fakes.google.setUser(COLLEAGUE);
    expect(overTheWire(fakes.script.getScheduledReport())).toMatchObject({ done: true, message: described });
    fakes.google.setUser(ME);
    expect(overTheWire(fakes.script.scheduleReport({ frequency: 'daily', hour: 8, recipients: null })).message).toBe(described);
    expect(overTheWire(fakes.script.getScheduledReport())).toMatchObject({ done: true, message: described });
    expect(live(fakes)).toHaveLength(1);
  });

  test.each([
    [{ frequency: 'hourly' }, '"hourly" is not a schedule; choose daily or weekly.'],
    [{ frequency: 'weekly', weekday: 'FUNDAY' }, '"FUNDAY" is not a day of the week.'],
    [{ frequency: 'daily', hour: 24 }, 'The hour must be a whole number from 0 to 23, not "24".'],
    [{ frequency: 'daily', recipients: ['boss@example'] }, 'Not an e-mail address: "boss@example".'],
  ])('refuses %j with a clear message and makes no trigger', (request, message) => {
    const fakes = withReport();
    expect(() => fakes.script.scheduleReport(request)).toThrow(message);
    expect(fakes.google.triggers).toEqual([]);
  });

  test('recipients that name nobody (a box holding only a comma) leave the digest to the user setting it up', () => {
    const fakes = withReport();
    const result = overTheWire(fakes.script.scheduleReport({ frequency: 'daily', recipients: [' , ;'] }));
    expect(result.schedule.recipients).toEqual([ME]);
    expect(result.message).toBe(`Every day at about 07:00 (${TZ}) the report is refreshed and a digest e-mailed to ${ME}.`);
  });

  test('a recipient in quotes, as a pasted list may hold them, is that recipient, not nobody', () => {
    const result = overTheWire(withReport().script.scheduleReport({ frequency: 'daily', recipients: ['"boss@example.com"'] }));
    expect(result.schedule.recipients).toEqual(['boss@example.com']);
  });
});

describe('a change that fails leaves no schedule pointing at a deleted trigger', () => {
  const SERVER_ERROR = /We're sorry, a server error occurred\. Please wait a bit and try again\. \(simulated failure of [^)]+\)/;
  const weekly = `Every Friday at about 16:00 (${TZ}) the report is refreshed and a digest e-mailed to ${ME}.`;

  test('the new trigger cannot be made (the trigger limit, say): the previous schedule stays, on a trigger of its own, and the message says why', () => {
    const fakes = withReport({ failOn: { method: 'create', nth: 2 } });
    fakes.script.scheduleReport({ frequency: 'weekly', weekday: 'FRIDAY', hour: 16 });
    const before = schedule(fakes);
    let message = '';
    try {
      fakes.script.scheduleReport({ frequency: 'daily', hour: 9 });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^The schedule could not be changed \(/);
    expect(message).toMatch(SERVER_ERROR);
    expect(message.endsWith(`). The previous schedule stays: ${weekly}`)).toBe(true);
    // The old trigger was deleted before the new one was tried (one per user and document); it was made again.
    expect(live(fakes)).toEqual([{ id: 'trigger-3', handler: HANDLER, owner: ME, schedule: { weekday: 'FRIDAY', hour: 16, timeZone: TZ }, deleted: false }]);
    expect(schedule(fakes)).toEqual({ ...before, triggerId: 'trigger-3' });
    expect(overTheWire(fakes.script.getScheduledReport())).toMatchObject({ done: true, message: weekly });
    // It is the schedule's trigger: when it fires, the digest goes out.
    expect(fakes.script.runScheduledReport({ triggerUid: 'trigger-3' })).toBe('sent');
  });

  test('the new schedule cannot be recorded: its trigger goes, and the previous schedule stays on a trigger the record names', () => {
    const failOn = { method: 'none', nth: 1 };
    const fakes = withReport({ failOn });
    fakes.script.scheduleReport({ frequency: 'weekly', weekday: 'FRIDAY', hour: 16 });
    const before = schedule(fakes);
    failOn.method = 'setProperty';
    expect(() => fakes.script.scheduleReport({ frequency: 'daily', hour: 9 })).toThrow(`The previous schedule stays: ${weekly}`);
    // trigger-1 (the old) deleted, trigger-2 (the new) made and deleted again, trigger-3 the old schedule's anew.
    expect(live(fakes)).toEqual([{ id: 'trigger-3', handler: HANDLER, owner: ME, schedule: { weekday: 'FRIDAY', hour: 16, timeZone: TZ }, deleted: false }]);
    expect(schedule(fakes)).toEqual({ ...before, triggerId: 'trigger-3' });
  });

  test('the record cannot be written at all (document properties failing): no trigger runs unrecorded, and the message and status say the schedule stopped', () => {
    const failOn = { method: 'none', nth: 1, onwards: true };
    const fakes = withReport({ failOn });
    fakes.script.scheduleReport({ frequency: 'weekly', weekday: 'FRIDAY', hour: 16 });
    failOn.method = 'setProperty';
    expect(() => fakes.script.scheduleReport({ frequency: 'daily', hour: 9 }))
      .toThrow(/^The schedule could not be changed \(.*\), and the previous one could not be restored: this spreadsheet has no scheduled report now\. Try again later\.$/);
    // trigger-1 deleted, trigger-2 (the new) and trigger-3 (the old schedule's anew) made and deleted again.
    expect(live(fakes)).toEqual([]);
    failOn.method = 'none';
    expect(overTheWire(fakes.script.getScheduledReport()).message).toMatch(/^The scheduled report has stopped: its trigger is gone/);
  });

  test('the old trigger cannot be deleted: the schedule is exactly as it was', () => {
    const fakes = withReport({ failOn: { method: 'deleteTrigger', nth: 1 } });
    fakes.script.scheduleReport({ frequency: 'weekly', weekday: 'FRIDAY', hour: 16 });
    const before = schedule(fakes);
    expect(() => fakes.script.scheduleReport({ frequency: 'daily' })).toThrow(`The previous schedule stays: ${weekly}`);
    expect(schedule(fakes)).toEqual(before);
    expect(live(fakes).map((t) => t.id)).toEqual([before.triggerId]);
  });

  test('more than 50 recipients, Google\'s limit for one e-mail: refused, nothing set up', () => {
    const fakes = withReport();
    const addresses = Array.from({ length: 51 }, (_, i) => `person${i}@example.com`);
    expect(() => fakes.script.scheduleReport({ frequency: 'daily', recipients: [addresses.join(', ')] }))
      .toThrow('A digest can go to at most 50 addresses (Google\'s limit per e-mail); 51 were given.');
    expect(live(fakes)).toEqual([]);
    expect(schedule(fakes)).toBeNull();
    // 50 are fine.
    fakes.script.scheduleReport({ frequency: 'daily', recipients: addresses.slice(1) });
    expect(schedule(fakes).recipients).toHaveLength(50);
  });

  test('the first schedule cannot be set up: no record, no trigger, and status says there is none', () => {
    const fakes = withReport({ failOn: { method: 'create', nth: 1 } });
    fakes.script.scheduleDailyReport();
    expect(fakes.services.alerts.map((a) => a.prompt)).toEqual([
      expect.stringMatching(/^The schedule could not be set up \(.+\)\. This spreadsheet has no scheduled report\.$/),
    ]);
    expect(live(fakes)).toEqual([]);
    expect(schedule(fakes)).toBeNull();
    expect(overTheWire(fakes.script.getScheduledReport())).toMatchObject({ done: false, message: 'This spreadsheet has no scheduled report.' });
  });
});

describe('when the trigger fires', () => {
  test('refreshes the report and e-mails the digest: the last 7 days against the 7 before, with a link to the report', () => {
    const fakes = withReport();
    fakes.script.scheduleWeeklyReport();
    const overviewId = fakes.book.sheet('Overview').id;
    fakes.services.calls.length = 0;
    expect(fakes.script.runScheduledReport({ triggerUid: 'trigger-1' })).toBe('sent');

    // The report sheets were written again, without a dialog (nobody is there to answer one).
    expect(fakes.services.calls.filter((c) => c.startsWith('Ui.') || c.endsWith('.getUi'))).toEqual([]);
    // The document lock: taken and let go by the first report, the set-up and the refresh.
    expect(fakes.services.lock).toEqual({ acquired: 3, released: 3 });
    expect(fakes.google.mails).toHaveLength(1);
    const [mail] = fakes.google.mails;
    expect(mail.to).toBe(ME);
    expect(mail.subject).toBe('Campaign report of "Campaign data", 2024-04-14 to 2024-04-20');
    const lines = mail.body.split('\n');
    expect(lines.slice(0, 3)).toEqual([
      'Campaign report: Campaign data', '2024-04-14 to 2024-04-20, compared with 2024-04-07 to 2024-04-13', 'Revenue credited by the Linear model',
    ]);
    // By hand: Summer's page view of April 8 is the previous week's session; deal D2 (800, created April 10)
    // closed on April 20, this week. Spring launch had nothing in either week.
    expect(lines).toEqual(expect.arrayContaining([
      'Spring launch · Sessions: 0 (0, \u2014)',
      'Summer · Sessions: 0 (1, \u2212100.0%)',
      'Summer · Revenue: €800.00 (€0.00, new)',
      'All campaigns · Closed-won revenue (all campaigns): €800.00 (€0.00, new)',
      'All campaigns · Deals created (all campaigns): 0 (1, \u2212100.0%)',
    ]));
    expect(lines.at(-1)).toBe(`https://docs.google.com/spreadsheets/d/spreadsheet-1/edit#gid=${overviewId}`);
    expect(mail.htmlBody).toContain(`<a href="https://docs.google.com/spreadsheets/d/spreadsheet-1/edit#gid=${overviewId}">Open the report</a>`);
    expect(mail.htmlBody).toContain('<td style="padding:4px 8px;border-bottom:1px solid #ddd;text-align:right">€800.00</td>');
  });

  test('rows left out and warnings are said in the digest: nobody was there to be asked', () => {
    // D2's amount is no number: its row is left out, and the mail says so.
    const sheets = workbook();
    sheets.Deals[2][2] = 'eight hundred';
    const fakes = withReport({ sheets });
    fakes.script.scheduleWeeklyReport();
    expect(fakes.script.runScheduledReport({ triggerUid: 'trigger-1' })).toBe('sent');
    const [mail] = fakes.google.mails;
    const line = 'The data sheets have problems. Rows left out: 1. Warnings: 0. A warning can change the figures (a deal in another currency, say, is left out of every sum); the sidebar\'s data check lists them.';
    expect(mail.body.split('\n')).toContain(line);
    expect(mail.htmlBody).toContain(`<p>${line.replace(/'/g, '&#39;')}</p>`);
  });

  test('a failing run e-mails its reason to the owner instead of failing silently', () => {
    const fakes = withReport();
    fakes.script.scheduleDailyReport();
    const spreadsheet = fakes.services.globals.SpreadsheetApp.getActiveSpreadsheet();
    spreadsheet.deleteSheet(spreadsheet.getSheetByName('Deals')!);
    expect(fakes.script.runScheduledReport({ triggerUid: 'trigger-1' })).toBe('failed');
    expect(fakes.google.mails.map(({ to, subject, body }) => ({ to, subject, body }))).toEqual([{
      to: ME,
      subject: 'The scheduled campaign report of "Campaign data" failed',
      body: 'The scheduled campaign report of "Campaign data" could not be refreshed, so no digest was sent.\n'
        + 'Reason: The report cannot run until these problems are fixed. Nothing was written. "Open sidebar" in the add-on\'s menu creates the '
        + 'missing sheets with their headers, or maps them to tabs you have.\n\nDeals: The sheet "Deals" is missing.\n'
        + `The spreadsheet: https://docs.google.com/spreadsheets/d/spreadsheet-1/edit#gid=${fakes.book.sheet('Overview').id}`,
    }]);
  });

  test('a failed run shows in the sidebar, to everyone, until a run succeeds: its notice may not even have gone out', () => {
    // The first run fails on reading the spreadsheet's address; the second goes through.
    const fakes = withReport({ failOn: { method: 'getUrl', nth: 1 } });
    fakes.script.scheduleDailyReport();
    const described = `Every day at about 07:00 (${TZ}) the report is refreshed and a digest e-mailed to ${ME}.`;
    fakes.services.calls.length = 0;
    expect(fakes.script.runScheduledReport({ triggerUid: 'trigger-1' })).toBe('failed');
    // The owner's notice goes first; the note then reads and writes only the record: no data sheet, nothing published.
    const afterNotice = fakes.services.calls.slice(fakes.services.calls.indexOf('MailApp.sendEmail'));
    expect(afterNotice.filter((call) => !/^(Properties|DocumentProperties|PropertiesService|LockService)\./.test(call))).toEqual(['MailApp.sendEmail', 'Lock.tryLock', 'Lock.releaseLock']);
    const status = overTheWire(fakes.script.getScheduledReport());
    // NOW is 07:00 in Amsterdam, when the run began.
    expect(status.done).toBe(false);
    expect(status.message).toMatch(new RegExp(`^${described.replace(/[.()]/g, '\\$&')} The last scheduled run, at 2024-04-21 07:00, failed: .*simulated failure of Spreadsheet\\.getUrl.* The next one runs as scheduled\\.$`, 's'));
    fakes.google.setUser(COLLEAGUE);
    expect(overTheWire(fakes.script.getScheduledReport()).message).toBe(status.message);
    fakes.google.setUser(ME);
    // The note is written under the document lock, as every change of the record: a schedule saved meanwhile stands.
    fakes.services.calls.length = 0;
    expect(fakes.script.runScheduledReport({ triggerUid: 'trigger-1' })).toBe('sent');
    const calls = fakes.services.calls.filter((call) => /^Lock\.|DocumentProperties\.setProperty/.test(call));
    expect(calls.slice(-3)).toEqual(['Lock.tryLock', 'DocumentProperties.setProperty', 'Lock.releaseLock']);
    expect(overTheWire(fakes.script.getScheduledReport())).toMatchObject({ done: true, message: described });
  });

  test('the spreadsheet\'s time zone changed since the schedule was set: the status says the schedule still runs by the old one', () => {
    const fakes = withReport();
    fakes.script.scheduleDailyReport();
    fakes.book.timeZone = 'America/Los_Angeles';
    expect(overTheWire(fakes.script.getScheduledReport())).toMatchObject({
      done: false,
      message: `Every day at about 07:00 (${TZ}) the report is refreshed and a digest e-mailed to ${ME}. The spreadsheet's time zone is now `
        + `America/Los_Angeles, but the schedule still runs by ${TZ}: "Save schedule" makes it follow America/Los_Angeles.`,
    });
    // A colleague cannot save it: told who can.
    fakes.google.setUser(COLLEAGUE);
    expect(overTheWire(fakes.script.getScheduledReport()).message).toContain(
      `but the schedule still runs by ${TZ}: its owner, ${ME}, can save it again to follow America/Los_Angeles.`,
    );
    fakes.google.setUser(ME);
    // Saving it again follows the new zone.
    fakes.script.scheduleDailyReport();
    expect(overTheWire(fakes.script.getScheduledReport())).toMatchObject({ done: true, message: expect.stringContaining('(America/Los_Angeles)') });
  });

  test('a failure before the report is even read (Sheets failing to give the address) still reaches the owner', () => {
    const fakes = withReport({ failOn: { method: 'getUrl', nth: 1 } });
    fakes.script.scheduleDailyReport();
    expect(fakes.script.runScheduledReport({ triggerUid: 'trigger-1' })).toBe('failed');
    expect(fakes.google.mails.map(({ to, body }) => ({ to, body }))).toEqual([{
      to: ME,
      body: expect.stringMatching(/^The scheduled campaign report of "Campaign data" could not be refreshed, so no digest was sent\.\nReason: .*simulated failure of Spreadsheet\.getUrl.*\nThe spreadsheet: https:\/\/docs\.google\.com\/spreadsheets\/d\/spreadsheet-1\/edit$/s),
    }]);
  });

  test('a run another run holds the spreadsheet for waits minutes, not seconds: nobody is there to try again', () => {
    const fakes = withReport();
    fakes.script.scheduleDailyReport();
    // From now on a user's run holds the spreadsheet's lock throughout.
    const waits: number[] = [];
    fakes.services.globals.LockService.getDocumentLock = () => ({
      tryLock: (ms: number) => waits.push(ms) < 0,
      releaseLock: () => undefined,
    });
    expect(fakes.script.runScheduledReport({ triggerUid: 'trigger-1' })).toBe('failed');
    // Then the failure's note in the record waits a few seconds for the lock as well, and goes without it.
    expect(waits).toEqual([150_000, 5_000]);
    expect(fakes.google.mails[0].body).toContain('Reason: Another report is being written to this spreadsheet right now.');
  });

  test.each([
    // 100 s gone leaves 300 − 90 (the write's share) − 100 = 110 s to read in, at 30 µs a cell 3,666,666 cells: plenty.
    [100_000, 'sent'],
    // 210 s gone leaves no time to read in at all: refused, saying why, and the owner told.
    [210_000, 'failed'],
  ] as const)('a run that waited %i ms for the lock reads only what the rest of its 5 minutes allows', (waited, status) => {
    const fakes = withReport();
    fakes.script.scheduleDailyReport();
    const clock = { now: NOW };
    fakes.script.Date = clockReading(() => clock.now);
    fakes.services.globals.LockService.getDocumentLock = () => ({
      tryLock: () => {
        clock.now += waited;
        return true;
      },
      releaseLock: () => undefined,
    });
    fakes.google.mails.length = 0;
    expect(fakes.script.runScheduledReport({ triggerUid: 'trigger-1' })).toBe(status);
    if (status === 'failed') {
      expect(fakes.google.mails[0].body).toMatch(
        /Reason: This run spent 210 seconds waiting for another report run to finish, which leaves too little of its 6 minutes to read the \d+ cells of the data sheets, so nothing was read or written\. Run the report again\./,
      );
    }
  });

  test('the report refreshed but the digest not sent: the notice says the report is up to date', () => {
    // The digest's sendEmail fails (a refused address, say); the notice's goes out.
    const fakes = withReport({ failOn: { method: 'sendEmail', nth: 1 } });
    fakes.script.scheduleDailyReport();
    expect(fakes.script.runScheduledReport({ triggerUid: 'trigger-1' })).toBe('failed');
    expect(fakes.google.mails).toHaveLength(1);
    expect(fakes.google.mails[0].body).toMatch(/^The scheduled campaign report of "Campaign data" was refreshed, but its digest could not be sent\.\nReason: /);
  });

  test('the mail quota spent: the run fails loudly, naming both the reason and why no notice could be sent', () => {
    const fakes = withReport({ mailQuota: 0 });
    fakes.script.scheduleDailyReport();
    fakes.services.calls.length = 0;
    expect(() => fakes.script.runScheduledReport({ triggerUid: 'trigger-1' })).toThrow(
      /^The scheduled report failed \(Today's e-mail quota is spent: .*the digest needs 1\..*\) and the e-mail saying so could not be sent \(Today's e-mail quota is spent: /,
    );
    expect(fakes.google.mails).toEqual([]);
    // Known before the report was refreshed: no sheet was touched, only the failure noted in the schedule's record,
    // which the sidebar shows: no notice could tell anyone.
    expect(fakes.services.calls.filter((call) => /\.(set|insert|delete|clear)/.test(call))).toEqual(['DocumentProperties.setProperty']);
    expect(overTheWire(fakes.script.getScheduledReport()).message).toContain("failed: Today's e-mail quota is spent");
  });

  test('quota for the notice but not the digest: the notice says the schedule tries again, not to save to Drive', () => {
    const fakes = withReport({ mailQuota: 2 });
    fakes.script.scheduleReport({ frequency: 'daily', recipients: [ME, COLLEAGUE, 'boss@example.com'] });
    expect(fakes.script.runScheduledReport({ triggerUid: 'trigger-1' })).toBe('failed');
    expect(fakes.google.mails.map((m) => m.to)).toEqual([ME]);
    expect(fakes.google.mails[0].body).toContain('Reason: Today\'s e-mail quota is spent: Google lets the add-on e-mail 2 more recipient(s) today, '
      + 'and the digest needs 3. The report was not refreshed; the schedule tries again at its next time (fewer recipients need less of the quota).');
  });

  test('a trigger the schedule does not know (replaced meanwhile) deletes itself', () => {
    const fakes = withReport();
    fakes.script.scheduleDailyReport();
    expect(fakes.script.runScheduledReport({ triggerUid: 'trigger-99' })).toBe('stale');
    expect(live(fakes).map((t) => t.id)).toEqual(['trigger-1']);
    expect(fakes.google.mails).toEqual([]);
  });
});

describe('the digest\'s figures are the command line\'s JSON figures for the same rows and periods', () => {
  const { Notes: _, ...raw } = workbook();
  const ingested = ingestWorkbook(raw, { tz: TZ, locale: LOCALE, currency: 'EUR' });
  const analysis = analyze(ingested.workbook, { lookbackDays: null });
  const dataFor = (model: string, from: string, to: string): ReportData => buildReportData(analysis, ingested.problems, {
    model, touch: 'first', from, to, frequency: 'monthly', tz: TZ, campaignIds: null, lookbackDays: null, channels: 'campaign', markovOrder: 1,
  });

  test.each([
    ['daily', 'linear', '2024-04-21'], ['weekly', 'linear', '2024-04-21'], ['weekly', 'u_shaped', '2024-04-11'], ['weekly', 'time_decay', '2024-03-12'],
  ] as const)('%s, %s model, on %s', (frequency, model, today) => {
    const { current, previous } = digestPeriods(frequency, today);
    const digest: Digest = buildDigest(dataFor(model, current.from, current.to), dataFor(model, previous.from, previous.to), '(no campaign)');
    const now = buildJsonReport(dataFor(model, current.from, current.to), 'now', 'en', 'EUR');
    const before = buildJsonReport(dataFor(model, previous.from, previous.to), 'before', 'en', 'EUR');
    const figures = (json: typeof now) => ({
      campaigns: json.campaigns.map((c) => [c.id, c.name, c.overview.sessions, c.overview.new_contacts, c.overview.influenced_contacts, c.revenue_attribution.revenue]),
      totals: [json.totals.closed_won_revenue, json.totals.contacts_created, json.totals.deals_created],
    });
    expect({
      campaigns: digest.campaigns.map((c) => [c.id, c.name, ...c.figures.map((f) => f.value)]),
      totals: digest.totals.map((f) => f.value),
    }).toEqual(figures(now));
    expect({
      campaigns: digest.campaigns.map((c) => [c.id, c.name, ...c.figures.map((f) => f.previous)]),
      totals: digest.totals.map((f) => f.previous),
    }).toEqual(figures(before));
    expect(now.options).toMatchObject({ model, from: current.from, to: current.to });
  });

  test('28 campaigns: the 25 busiest of the week are listed (revenue first, then sessions), the mail says 4 more rows are in the report', () => {
    // Campaign i has i one-visit sessions on April 15; C01's visitor also wins a deal that week, so C01 is
    // busiest by revenue though it has the fewest sessions. Left out: the quietest, C02, C03, C04 and the
    // report's "(no campaign)" row, which had nothing this week.
    const code = (i: number) => `c${String(i).padStart(2, '0')}`;
    const campaigns = Array.from({ length: 28 }, (_, k) => k + 1);
    const raw = {
      Campaigns: [['campaign_id', 'name', 'utm_campaign', 'created_at'], ...campaigns.map((i) => [code(i).toUpperCase(), code(i).toUpperCase(), code(i), '2024-03-01'])],
      Assets: [['asset_id', 'campaign_id', 'type', 'name', 'url']],
      Visits: [
        ['timestamp', 'visitor_id', 'contact_id', 'interaction_type', 'url', 'asset_id', 'utm_campaign'],
        ...campaigns.flatMap((i) => Array.from({ length: i }, (_, j) => [
          `2024-04-15 ${String(8 + (j % 10)).padStart(2, '0')}:00`, `v${i}-${j}`, `k${i}-${j}`, 'page_view', `https://example.com/?utm_campaign=${code(i)}`, '', code(i),
        ])),
      ],
      Deals: [['deal_id', 'name', 'amount', 'stage', 'created_at', 'closed_at', 'contact_ids'], ['D1', 'Deal', 500, 'won', '2024-04-15', '2024-04-16', 'k1-0']],
    };
    const many = ingestWorkbook(raw, { tz: TZ, locale: LOCALE, currency: 'EUR' });
    expect(many.problems).toEqual([]);
    const manyAnalysis = analyze(many.workbook, { lookbackDays: null });
    const data = (from: string, to: string) => buildReportData(manyAnalysis, [], {
      model: 'linear', touch: 'first', from, to, frequency: 'monthly', tz: TZ, campaignIds: null, lookbackDays: null, channels: 'campaign', markovOrder: 1,
    });
    const { current, previous } = digestPeriods('weekly', '2024-04-21');
    const digest = buildDigest(data(current.from, current.to), data(previous.from, previous.to), '(no campaign)');
    expect(digest.campaigns.map((c) => c.name)).toEqual(['C01', ...campaigns.slice(4).map((i) => code(i).toUpperCase())]);
    expect(digest.campaignsLeftOut).toBe(4);
    const mail = renderDigest(digest, { lang: 'en', currency: 'EUR', locale: 'en_US', spreadsheet: 'Book', url: 'https://docs.example/book' });
    expect(mail.body.split('\n')).toContain('The 25 busiest campaigns of this period are listed; 4 more are in the report.');
    expect(mail.htmlBody).toContain('<p>The 25 busiest campaigns of this period are listed; 4 more are in the report.</p>');
  });

  test('the periods: whole days before today, the previous period just as long', () => {
    expect(digestPeriods('daily', '2024-03-01')).toEqual({ current: { from: '2024-02-29', to: '2024-02-29' }, previous: { from: '2024-02-28', to: '2024-02-28' } });
    expect(digestPeriods('weekly', '2024-01-03')).toEqual({ current: { from: '2023-12-27', to: '2024-01-02' }, previous: { from: '2023-12-20', to: '2023-12-26' } });
  });

  test('the weekly digest of April 21 by hand: Summer 800 this week, one session and one deal created the week before', () => {
    const { current, previous } = digestPeriods('weekly', '2024-04-21');
    const digest = buildDigest(dataFor('linear', current.from, current.to), dataFor('linear', previous.from, previous.to), '(no campaign)');
    const summer = digest.campaigns.find((c) => c.name === 'Summer')!;
    expect(summer.figures.find((f) => f.labelId === 'report.col.revenue')).toMatchObject({ value: expect.closeTo(800, 9), previous: 0 });
    expect(summer.figures.find((f) => f.labelId === 'report.col.sessions')).toMatchObject({ value: 0, previous: 1 });
    expect(digest.totals.map((f) => [f.labelId, f.value, f.previous])).toEqual([
      ['formula.metric.closed_won_revenue', 800, 0], ['formula.metric.contacts_created', 0, 0], ['formula.metric.deals_created', 0, 1],
    ]);
  });
});

describe('the day a scheduled run is for', () => {
  test('a date preset rolls: "last 7 days" chosen on Sunday 21 April covers 23 to 29 April when the schedule runs on Monday 29 April', () => {
    // As the sidebar stores "last 7 days" on 21 April: the preset, beside the days it stood for then (21 − 6 = 15).
    const fakes = withReport({ reportOptions: { from: '2024-04-15', to: null, range: 'last_7_days' } });
    expect(reportDays(fakes)).toEqual({ from: '2024-04-15', to: '2024-04-21' });
    expect(lastReport(fakes)).toMatchObject({ from: '2024-04-15', to: null, range: 'last_7_days' });
    fakes.script.scheduleWeeklyReport();
    // Monday 29 April, 07:00 in Amsterdam (05:00 UTC): the last 7 days are 23 to 29 April (29 − 6 = 23), not 15 to 29.
    fakes.script.Date = fixedClock(Date.UTC(2024, 3, 29, 5));
    expect(fakes.script.runScheduledReport({ triggerUid: 'trigger-1' })).toBe('sent');
    expect(reportDays(fakes)).toEqual({ from: '2024-04-23', to: '2024-04-29' });
    expect(lastReport(fakes)).toMatchObject({ from: '2024-04-23', to: null, range: 'last_7_days' });
    // The digest: the full week before, 22 to 28 April (29 − 7 … 29 − 1).
    expect(fakes.google.mails[0].subject).toBe('Campaign report of "Campaign data", 2024-04-22 to 2024-04-28');
  });

  test('a run that crosses midnight stays on the day it began: report and digest of Sunday 21 April', () => {
    const fakes = withReport();
    fakes.script.scheduleWeeklyReport();
    // The execution begins one second before midnight in Amsterdam (21:59:59 UTC; CEST is UTC+2); every later
    // look at the clock is past midnight, Monday 22 April.
    fakes.script.Date = steppingClock([Date.UTC(2024, 3, 21, 21, 59, 59), Date.UTC(2024, 3, 21, 22, 0, 1)]);
    expect(fakes.script.runScheduledReport({ triggerUid: 'trigger-1' })).toBe('sent');
    // All dates up to 21 April; the weekly digest of 21 April covers 14 to 20 April (21 − 7 … 21 − 1), not 15 to 21.
    expect(reportDays(fakes)).toEqual({ from: null, to: '2024-04-21' });
    expect(fakes.google.mails[0].subject).toBe('Campaign report of "Campaign data", 2024-04-14 to 2024-04-20');
  });
});

describe('the digest\'s words and numbers', () => {
  const ctx = { lang: 'en' as const, currency: 'EUR' };

  test('the change: money compared in cents, counts exactly', () => {
    // Linear credit of a third of 100, three times: 100 × (1/3) = 33.33333333333333, summed 99.99999999999999.
    // That is 10,000 cents, as 100 is: no change ("0.0%"), not a fall ("−0.0%").
    const third = 100 * (1 / 3);
    expect(third + third + third).toBe(99.99999999999999);
    expect(changeText({ type: 'money', value: third + third + third, previous: 100 }, ctx)).toBe('0.0%');
    // 0.001 and 0.004 are both 0 cents: nothing either time, a dash.
    expect(changeText({ type: 'money', value: 0.001, previous: 0.004 }, ctx)).toBe('\u2014');
    // 5 from 0.004 (0 cents): new. Counts: 0 and 0 a dash, 3 from 0 new, 3 against 4 is (3 − 4) / 4 = −25.0%.
    expect(changeText({ type: 'money', value: 5, previous: 0.004 }, ctx)).toBe('new');
    expect(changeText({ type: 'integer', value: 0, previous: 0 }, ctx)).toBe('\u2014');
    expect(changeText({ type: 'integer', value: 3, previous: 0 }, ctx)).toBe('new');
    expect(changeText({ type: 'integer', value: 3, previous: 4 }, ctx)).toBe('\u221225.0%');
  });

  test('a de_DE spreadsheet in English: the figures in the spreadsheet\'s locale (800,00 €), as the report formats them; the words in English', () => {
    const fakes = withReport({ locale: 'de_DE' });
    fakes.script.scheduleWeeklyReport();
    expect(fakes.script.runScheduledReport({ triggerUid: 'trigger-1' })).toBe('sent');
    const lines = fakes.google.mails[0].body.split('\n');
    // The figures of the English test above (Summer: 800 this week, 1 session the week before), in German notation.
    expect(lines).toEqual(expect.arrayContaining([
      'Summer · Sessions: 0 (1, \u2212100,0\u00a0%)',
      'Summer · Revenue: 800,00\u00a0€ (0,00\u00a0€, new)',
      'All campaigns · Closed-won revenue (all campaigns): 800,00\u00a0€ (0,00\u00a0€, new)',
    ]));
    expect(fakes.google.mails[0].htmlBody).toContain('text-align:right">800,00\u00a0€</td>');
  });
});
