import type { ExportFormat, ReportSection } from '../src/addon/export';
import type { ReportOutcome } from '../src/addon/report-run';
import type { ScheduleRequest, ScheduleResult, WeekdayName } from '../src/addon/schedule';
import type { ShareRequest } from '../src/addon/share';
import { utmOf } from '../src/addon/sidebar-names';
import type { WrittenReport } from '../src/addon/sidebar-report';
import { tableTitle, type MessageId } from '../src/core/messages';
import { askToConfirm } from './confirm';
import { readOptions } from './controls';
import { byId, currentLanguage, daysText, el, show, t } from './dom';
import { offerLink } from './housekeeping';
import { callServer } from './server';
import { busy, showDone, showError, whenIdle } from './status';
import { state } from './store';

// The actions under the results: write the report sheets, export, save a chart to a dashboard, share,
// schedule the report e-mail, create a tracking URL. Export, dashboards, sharing and schedules work on the
// report sheets (export.ts, dashboard.ts, share.ts, schedule.ts); each opens a small form here, one at a time.
// Export computes the report for the choices on screen; the others take the report sheets as last written, so
// their form says which report those hold and, when it is not the one on screen, offers to write it first.
// A form is filled when it opens, and filled again in the new language when the language changes; what the
// user entered stays while the sidebar is open.

/** The report table of the sidebar's own chart: the dashboard's chart unless the user picks another. */
const SIDEBAR_CHART_TABLE = 'over_time';
const NEW_DASHBOARD = '';
/** The schedule's days, Monday first; the values are schedule.ts's names. */
const WEEKDAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const;
const DEFAULT_SCHEDULE = { frequency: 'weekly', weekday: 'MONDAY', hour: 7 } as const;

const panels = ['export-panel', 'dashboard-panel', 'share-panel', 'schedule-panel', 'tracking-panel'].map((id) => byId<HTMLFormElement>(id));
/**
 * What fills a panel: `initial` the first time it opens (its defaults), else again as the user left it (opened
 * anew, or in a new language). False: nothing to offer (the reason is shown).
 */
type Fill = (initial: boolean) => Promise<boolean>;
const fills = new Map<HTMLFormElement, Fill>();
/** The panels filled once already: they keep what the user entered. */
const filled = new Set<HTMLFormElement>();

/** The button that opened the panel now open: closing the panel gives the keyboard focus back to it. */
let opener: HTMLElement | null = null;

function open(panel: HTMLFormElement, button: HTMLElement): void {
  for (const other of panels) show(other, other === panel);
  opener = button;
  panel.querySelector<HTMLElement>('select, input, textarea')?.focus();
}

export function closeAll(): void {
  const openPanel = panels.find((panel) => !panel.hidden);
  if (openPanel === undefined) return;
  // Only when the focus was in the panel (or dropped to the page as its button was disabled) does it go back.
  const focusWasInPanel = openPanel.contains(document.activeElement) || document.activeElement === document.body;
  for (const panel of panels) show(panel, false);
  const back = opener;
  opener = null;
  // The opener starts server work, so it stays disabled until the work under way ends; by then the work
  // may have put the focus back where it was (busy() does), and that wins. Chromium leaves the focus on a
  // control it hides until the next frame: still in the panel counts as lost.
  if (focusWasInPanel && back !== null) {
    whenIdle(() => {
      const focused = document.activeElement;
      // Without scrolling: the outcome of the work shows in the notice at the top, which must stay in view.
      if (focused === null || focused === document.body || openPanel.contains(focused)) back.focus({ preventScroll: true });
    });
  }
}

/** A panel that fills itself from the server: its button fills it, then opens it. */
function fillable(panel: HTMLFormElement, button: string, fill: Fill): void {
  fills.set(panel, fill);
  const opening = byId(button);
  opening.addEventListener('click', () => void busy('sidebar.progress.loading', async () => {
    if (!(await fill(!filled.has(panel)))) return;
    filled.add(panel);
    open(panel, opening);
  }));
}

/** Fills the open panel again, in the language now in use; one that cannot be filled closes. Runs inside busy(). */
export async function refreshOpenPanel(): Promise<void> {
  const panel = panels.find((p) => !p.hidden);
  const fill = panel === undefined ? undefined : fills.get(panel);
  if (fill === undefined) return;
  try {
    if (!(await fill(false))) closeAll();
  } catch {
    closeAll();
  }
}

/** A report outcome: done, or why not (with the rows behind it). */
export function showOutcome(outcome: ReportOutcome): void {
  if (outcome.done) showDone(outcome.message);
  else showError(outcome.message, outcome.problems);
}

/** Sets a select to `value` when it offers it, else leaves it on its first option. */
function choose(select: HTMLSelectElement, value: string | null | undefined): void {
  if (value !== null && value !== undefined && [...select.options].some((o) => o.value === value)) select.value = value;
}

const checked = (containerId: string) => [...byId(containerId).querySelectorAll<HTMLInputElement>('input:checked')].map((input) => input.value);

/** The report sections as checkboxes, those ticked before ticked again (none ticked: all of them). */
async function fillSections(containerId: string, personal: boolean, none: MessageId): Promise<boolean> {
  const container = byId(containerId);
  const keep = checked(containerId);
  const sections = await callServer('listReportSections');
  container.replaceChildren(...(sections.length === 0
    ? [el('p', { class: 'secondary' }, t(none))]
    : sections.map((section) => {
      const id = `${containerId}-${section.table}`;
      const title = sectionTitle(section);
      const label = personal && section.personalData ? t('sidebar.share.personal', { sheet: title }) : title;
      return el('div', {}, el('input', { type: 'checkbox', id, value: section.table, checked: keep.includes(section.table) }), ' ', el('label', { for: id }, label));
    })));
  return sections.length > 0;
}

/** A report section's title in the catalogue's words (its sheet's name where the catalogue needs more to say it). */
function sectionTitle(section: ReportSection): string {
  return tableTitle(section.table, currentLanguage()) ?? section.sheet;
}

/** The panel's own action (Share, Save chart…), offered once the report sheets are the ones on screen. */
const submitOf = (panel: HTMLFormElement) => panel.querySelector<HTMLButtonElement>('button[type=submit]')!;

/** The report sheets in words: campaigns, model and days. */
function describeWritten(report: WrittenReport): string {
  const { campaigns, models } = state();
  const names = report.campaignIds === null
    ? t('sidebar.written.all_campaigns')
    : report.campaignIds.map((id) => campaigns.find((c) => c.id === id)?.name ?? id).join(', ');
  const model = models.find((m) => m.id === report.model)?.name ?? report.model;
  return t('sidebar.written.report', { campaigns: names, model, range: daysText(report.from, report.to) });
}

/**
 * Says which report the report sheets hold, in a panel that works on them. When there are none, or they are
 * of other choices than those on screen, the panel's action waits and a button writes them for the screen's.
 */
async function showWritten(panel: HTMLFormElement): Promise<void> {
  const report = await callServer('getWrittenReport', readOptions());
  const current = report !== null && report.current;
  const lines: HTMLElement[] = report === null ? [] : [el('p', {}, describeWritten(report))];
  if (!current) {
    const write = el('button', { type: 'button', class: 'action', 'data-server': true }, t('sidebar.actions.write'));
    write.addEventListener('click', () => writeFromPanel(panel));
    lines.push(el('p', { class: 'stale' }, t(report === null ? 'sidebar.written.none' : 'sidebar.written.differs')), write);
  }
  panel.querySelector('[data-written]')!.replaceChildren(...lines);
  show(submitOf(panel), current);
}

/** "Write report sheets" in a panel: written for the choices on screen, the panel shows them, and its action is next. */
function writeFromPanel(panel: HTMLFormElement): void {
  void busy('sidebar.progress.writing', async () => {
    showOutcome(await callServer('writeReportFromSidebar', readOptions()));
    await refreshOpenPanel();
    // Disabled while the work runs: focused once it is done.
    whenIdle(() => {
      const submit = submitOf(panel);
      if (!panel.hidden && !submit.hidden) submit.focus({ preventScroll: true });
    });
  });
}

function wireExport(): void {
  const panel = byId<HTMLFormElement>('export-panel');
  const model = byId<HTMLSelectElement>('export-model');
  /** The user picked the export's model: it stays; until then it is the model on screen. */
  let modelChosen = false;
  model.addEventListener('change', () => {
    modelChosen = true;
  });
  fillable(panel, 'export-open', async () => {
    const keep = modelChosen ? model.value : readOptions().model;
    model.replaceChildren(...state().models.map((m) => el('option', { value: m.id }, m.name)));
    choose(model, keep);
    await fillSections('export-sections', false, 'sidebar.export.no_sections');
    return true;
  });
  panel.addEventListener('submit', (event) => {
    event.preventDefault();
    const tables = checked('export-sections');
    void busy('sidebar.progress.exporting', async () => {
      const result = await callServer('exportReport', {
        format: byId<HTMLSelectElement>('export-format').value as ExportFormat,
        tables: tables.length > 0 ? tables : null,
        model: model.value,
        drive: byId<HTMLInputElement>('export-drive').checked,
        email: byId<HTMLInputElement>('export-email').checked,
        // The campaign, dates and the rest as on screen: the export is of what the user sees.
        options: readOptions(),
      });
      closeAll();
      showDone(result.message, result.fileUrl === null ? undefined : { href: result.fileUrl, text: result.fileName });
    });
  });
}

function wireDashboard(): void {
  const panel = byId<HTMLFormElement>('dashboard-panel');
  const chart = byId<HTMLSelectElement>('dashboard-chart');
  const target = byId<HTMLSelectElement>('dashboard-target');
  const name = byId<HTMLInputElement>('dashboard-name');
  const nameBlock = byId('dashboard-name-block');
  const toggleName = () => show(nameBlock, target.value === NEW_DASHBOARD);
  /** The new dashboard's name as offered; replaced in a new language unless the user typed their own. */
  let offeredName = '';
  target.addEventListener('change', toggleName);
  fillable(panel, 'dashboard-open', async (initial) => {
    const [sections, dashboards] = await Promise.all([callServer('listReportSections'), callServer('listDashboards'), showWritten(panel)]);
    const charts = sections.filter((section) => section.chart);
    if (charts.length === 0) {
      showError(t('sidebar.dashboard.no_charts'));
      return false;
    }
    const keepChart = initial ? SIDEBAR_CHART_TABLE : chart.value;
    chart.replaceChildren(...charts.map((section) => el('option', { value: section.table }, sectionTitle(section))));
    choose(chart, keepChart);
    const keepTarget = initial ? null : target.value;
    target.replaceChildren(
      ...dashboards.map((d) => el('option', { value: String(d.sheetId) }, d.name)),
      el('option', { value: NEW_DASHBOARD }, t('sidebar.dashboard.new')),
    );
    choose(target, keepTarget);
    if (name.value === '' || name.value === offeredName) name.value = t('addon.dashboard.default_name');
    offeredName = t('addon.dashboard.default_name');
    toggleName();
    return true;
  });
  panel.addEventListener('submit', (event) => {
    event.preventDefault();
    const dashboard = target.value === NEW_DASHBOARD ? { name: name.value } : { sheetId: Number(target.value) };
    void busy('sidebar.progress.saving_chart', async () => {
      const saved = await callServer('saveChartToDashboard', { table: chart.value, dashboard });
      closeAll();
      showDone(saved.message);
    });
  });
}

function wireShare(): void {
  const panel = byId<HTMLFormElement>('share-panel');
  fillable(panel, 'share-open', async () => {
    const [any] = await Promise.all([fillSections('share-sections', true, 'sidebar.written.none'), showWritten(panel)]);
    if (any) return true;
    showError(t('sidebar.written.none'));
    return false;
  });
  const share = (request: ShareRequest) => busy('sidebar.progress.sharing', async () => {
    const result = await callServer('shareReport', request);
    if (result.needsConfirmation) {
      // Asked again in another language: the same sheets, in the catalogue's words.
      const reword = async () => ({ text: t('addon.share.personal_data', { sheets: result.personalSheets.join(', ') }), row: [] });
      // Cancelled, the focus goes back to the panel's Share button, where the user was.
      askToConfirm({ text: result.message, row: [] }, reword, () => void share({ ...request, confirmPersonalData: true }), submitOf(panel));
      return;
    }
    closeAll();
    showDone(result.message, result.url === null ? undefined : { href: result.url, text: t('sidebar.share.open') });
  });
  panel.addEventListener('submit', (event) => {
    event.preventDefault();
    void share({
      tables: checked('share-sections'),
      emails: [byId<HTMLTextAreaElement>('share-emails').value],
      role: byId<HTMLSelectElement>('share-role').value === 'editor' ? 'editor' : 'viewer',
      confirmPersonalData: false,
    });
  });
}

/** The scheduled report e-mail: the schedule as it is (the server's words), and a form to set it up, change or stop it. */
function wireSchedule(): void {
  const panel = byId<HTMLFormElement>('schedule-panel');
  const current = byId('schedule-current');
  const weekday = byId<HTMLSelectElement>('schedule-weekday');
  const weekdayBlock = byId('schedule-weekday-block');
  const hour = byId<HTMLSelectElement>('schedule-hour');
  const recipients = byId<HTMLTextAreaElement>('schedule-recipients');
  const remove = byId<HTMLButtonElement>('schedule-remove');
  const radios = [...panel.querySelectorAll<HTMLInputElement>('input[name="schedule-frequency"]')];
  const frequency = () => (radios.find((r) => r.checked)?.value === 'daily' ? 'daily' : 'weekly');
  const toggleWeekday = () => show(weekdayBlock, frequency() === 'weekly');
  for (const radio of radios) radio.addEventListener('change', toggleWeekday);

  const showSchedule = (result: ScheduleResult) => {
    current.textContent = result.message;
    show(remove, result.schedule !== null);
  };
  /** The form as `schedule` has it (the defaults without one). */
  const showForm = (schedule: ScheduleResult['schedule']) => {
    for (const radio of radios) radio.checked = radio.value === (schedule?.frequency ?? DEFAULT_SCHEDULE.frequency);
    choose(weekday, schedule?.weekday ?? DEFAULT_SCHEDULE.weekday);
    choose(hour, String(schedule?.hour ?? DEFAULT_SCHEDULE.hour));
    recipients.value = schedule?.recipients.join(', ') ?? '';
    toggleWeekday();
  };
  fillable(panel, 'schedule-open', async (initial) => {
    const keep = { weekday: weekday.value, hour: hour.value };
    weekday.replaceChildren(...WEEKDAYS.map((day) => el('option', { value: day }, t(`addon.weekday.${day.toLowerCase()}` as MessageId))));
    hour.replaceChildren(...Array.from({ length: 24 }, (_, h) => el('option', { value: String(h) }, `${String(h).padStart(2, '0')}:00`)));
    const [result] = await Promise.all([callServer('getScheduledReport'), showWritten(panel)]);
    showSchedule(result);
    if (initial) {
      showForm(result.schedule);
    } else {
      choose(weekday, keep.weekday);
      choose(hour, keep.hour);
      toggleWeekday();
    }
    return true;
  });
  const done = (result: ScheduleResult) => {
    showSchedule(result);
    // Saved: the form holds the schedule as the server keeps it (addresses tidied). Stopped, it keeps what was entered.
    if (result.schedule !== null) showForm(result.schedule);
    closeAll();
    if (result.done) showDone(result.message);
    else showError(result.message);
  };
  panel.addEventListener('submit', (event) => {
    event.preventDefault();
    const request: ScheduleRequest = {
      frequency: frequency(),
      weekday: frequency() === 'weekly' ? (weekday.value as WeekdayName) : null,
      hour: Number(hour.value),
      // Nobody named: the digest goes to the user setting it up.
      recipients: recipients.value.trim() === '' ? null : [recipients.value],
    };
    void busy('sidebar.progress.scheduling', async () => done(await callServer('scheduleReport', request)));
  });
  remove.addEventListener('click', () => void busy('sidebar.progress.unscheduling', async () => done(await callServer('unscheduleReport'))));
}

function wireTracking(): void {
  const panel = byId<HTMLFormElement>('tracking-panel');
  const output = byId<HTMLInputElement>('tracking-output');
  const result = byId('tracking-result');
  const value = (id: string) => byId<HTMLInputElement>(id).value;
  let made: { utm: string; source: string; medium: string } | null = null;
  const opening = byId('tracking-open');
  opening.addEventListener('click', () => {
    show(result, false);
    open(panel, opening);
  });
  panel.addEventListener('submit', (event) => {
    event.preventDefault();
    const campaignId = readOptions().campaignId;
    if (campaignId === null) return showError(t('sidebar.campaigns.pick_first'));
    // The URL made before is not of this request: a refused one must not leave it on offer.
    show(result, false);
    made = null;
    void busy('sidebar.progress.tracking', async () => {
      const request = {
        campaignId, url: value('tracking-url'), source: value('tracking-source'), medium: value('tracking-medium'),
        term: value('tracking-term'), content: value('tracking-content'),
      };
      const tagged = await callServer('createTrackingUrl', request);
      made = { utm: tagged.utm, source: request.source, medium: request.medium };
      output.value = tagged.url;
      show(result, true);
      output.focus();
      output.select();
    });
  });
  byId('tracking-copy').addEventListener('click', () => {
    output.select();
    navigator.clipboard.writeText(output.value).then(
      () => showDone(t('sidebar.tracking.copied')),
      // Without clipboard access the text stays selected for Ctrl+C.
      () => showDone(t('sidebar.tracking.copy_by_hand')),
    );
  });
  byId('tracking-link').addEventListener('click', () => {
    if (made === null) return;
    offerLink({ id: utmOf(`${made.utm} ${made.source} ${made.medium}`), name: `${made.source} / ${made.medium}`, url: output.value });
  });
}

export function wirePanels(): void {
  for (const button of document.querySelectorAll<HTMLButtonElement>('.panel [data-close]')) button.addEventListener('click', closeAll);
  for (const panel of panels) {
    panel.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') closeAll();
    });
  }
  byId('write-report').addEventListener('click', () => void busy('sidebar.progress.writing', async () => {
    closeAll();
    showOutcome(await callServer('writeReportFromSidebar', readOptions()));
  }));
  wireExport();
  wireDashboard();
  wireShare();
  wireSchedule();
  wireTracking();
}
