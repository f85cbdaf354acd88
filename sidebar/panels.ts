import type { ExportFormat } from '../src/addon/export';
import type { ReportOutcome } from '../src/addon/report-run';
import type { ShareRequest } from '../src/addon/share';
import { utmOf } from '../src/addon/sidebar-names';
import { askToConfirm } from './confirm';
import { readOptions } from './controls';
import { byId, el, show, t } from './dom';
import { offerLink } from './housekeeping';
import { callServer } from './server';
import { busy, showDone, showError } from './status';
import { state } from './store';

// The actions under the results: write the report sheets, export, save the chart to a dashboard, share,
// create a tracking URL. Export, dashboards and sharing work on the report sheets (export.ts, dashboard.ts,
// share.ts); each opens a small form here, one at a time.

/** The report table the sidebar's chart comes from. */
const CHART_TABLE = 'over_time';
const NEW_DASHBOARD = '';

const panels = ['export-panel', 'dashboard-panel', 'share-panel', 'tracking-panel'].map((id) => byId<HTMLFormElement>(id));

function open(panel: HTMLFormElement): void {
  for (const other of panels) show(other, other === panel);
  panel.querySelector<HTMLElement>('select, input, textarea')?.focus();
}

function closeAll(): void {
  for (const panel of panels) show(panel, false);
}

/** A report outcome: done, or why not (with the rows behind it). */
export function showOutcome(outcome: ReportOutcome): void {
  if (outcome.done) showDone(outcome.message);
  else showError(outcome.message, outcome.problems);
}

/** The report sections as checkboxes (none ticked: all of them). */
async function fillSections(containerId: string, personal: boolean): Promise<boolean> {
  const container = byId(containerId);
  const sections = await callServer('listReportSections');
  container.replaceChildren(...(sections.length === 0
    ? [el('p', { class: 'secondary' }, t('sidebar.export.no_sections'))]
    : sections.map((section) => {
      const id = `${containerId}-${section.table}`;
      const label = personal && section.personalData ? t('sidebar.share.personal', { sheet: section.sheet }) : section.sheet;
      return el('div', {}, el('input', { type: 'checkbox', id, value: section.table }), ' ', el('label', { for: id }, label));
    })));
  return sections.length > 0;
}

const checked = (containerId: string) => [...byId(containerId).querySelectorAll<HTMLInputElement>('input:checked')].map((input) => input.value);

function wireExport(): void {
  const panel = byId<HTMLFormElement>('export-panel');
  const model = byId<HTMLSelectElement>('export-model');
  byId('export-open').addEventListener('click', () => void busy('sidebar.progress.loading', async () => {
    model.replaceChildren(...state().models.map((m) => el('option', { value: m.id }, m.name)));
    model.value = readOptions().model;
    await fillSections('export-sections', false);
    open(panel);
  }));
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
      });
      closeAll();
      showDone(result.message, result.fileUrl === null ? undefined : { href: result.fileUrl, text: result.fileName });
    });
  });
}

function wireDashboard(): void {
  const panel = byId<HTMLFormElement>('dashboard-panel');
  const target = byId<HTMLSelectElement>('dashboard-target');
  const name = byId<HTMLInputElement>('dashboard-name');
  const nameBlock = byId('dashboard-name-block');
  const toggleName = () => show(nameBlock, target.value === NEW_DASHBOARD);
  target.addEventListener('change', toggleName);
  byId('dashboard-open').addEventListener('click', () => void busy('sidebar.progress.loading', async () => {
    const dashboards = await callServer('listDashboards');
    target.replaceChildren(
      ...dashboards.map((d) => el('option', { value: String(d.sheetId) }, d.name)),
      el('option', { value: NEW_DASHBOARD }, t('sidebar.dashboard.new')),
    );
    name.value = name.value || t('addon.dashboard.default_name');
    toggleName();
    open(panel);
  }));
  panel.addEventListener('submit', (event) => {
    event.preventDefault();
    const dashboard = target.value === NEW_DASHBOARD ? { name: name.value } : { sheetId: Number(target.value) };
    void busy('sidebar.progress.saving_chart', async () => {
      const saved = await callServer('saveChartToDashboard', { table: CHART_TABLE, dashboard });
      closeAll();
      showDone(saved.message);
    });
  });
}

function wireShare(): void {
  const panel = byId<HTMLFormElement>('share-panel');
  byId('share-open').addEventListener('click', () => void busy('sidebar.progress.loading', async () => {
    if (await fillSections('share-sections', true)) open(panel);
    else showError(t('sidebar.export.no_sections'));
  }));
  const share = (request: ShareRequest) => busy('sidebar.progress.sharing', async () => {
    const result = await callServer('shareReport', request);
    if (result.needsConfirmation) {
      askToConfirm(result.message, [], () => void share({ ...request, confirmPersonalData: true }));
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

function wireTracking(): void {
  const panel = byId<HTMLFormElement>('tracking-panel');
  const output = byId<HTMLInputElement>('tracking-output');
  const result = byId('tracking-result');
  const value = (id: string) => byId<HTMLInputElement>(id).value;
  let made: { utm: string; source: string; medium: string } | null = null;
  byId('tracking-open').addEventListener('click', () => {
    show(result, false);
    open(panel);
  });
  panel.addEventListener('submit', (event) => {
    event.preventDefault();
    const campaignId = readOptions().campaignId;
    if (campaignId === null) return showError(t('sidebar.campaigns.pick_first'));
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
  byId('write-report').addEventListener('click', () => void busy('sidebar.progress.writing', async () => {
    closeAll();
    showOutcome(await callServer('writeReportFromSidebar', readOptions()));
  }));
  wireExport();
  wireDashboard();
  wireShare();
  wireTracking();
}
