import type { LanguageChoice } from '../src/addon/settings';
import type { SidebarOptions } from '../src/addon/sidebar-options';
import type { DrillDownFigure } from '../src/addon/sidebar-report';
import type { SetupStatus } from '../src/addon/sidebar-setup';
import type { SidebarState } from '../src/addon/sidebar-state';
import { rewordQuestion, wireConfirm } from './confirm';
import { lookbackUnreadable, readOptions, searchMatchesNone, showOptions, wireControls } from './controls';
import { noteCurrencies, renderCurrency, wireCurrency } from './currency';
import { byId, setLanguage, show, t, translate } from './dom';
import { showCampaign, wireHousekeeping } from './housekeeping';
import { closeAll, refreshOpenPanel, showOutcome, wirePanels } from './panels';
import { renderResults, setAllSections, withdrawResults } from './results';
import { callServer } from './server';
import { readMapping, renderMapping } from './setup';
import { busy, focusPageTitle, showDone, showError, showProblems, showWarning } from './status';
import { formatContext, state, store } from './store';

// The sidebar: the campaign page inside Sheets. On open it asks the server for the user's last choices and
// the data sheets' state; a workbook without data sheets gets "getting started", one whose sheets use other
// names gets the mapping step, and otherwise the controls, with the results after "Run". Every text is in the
// language the server says (the user's choice at the foot of the page, else the spreadsheet's).

const gettingStarted = byId('getting-started');
const mapping = byId('mapping');
const campaignPage = byId('campaign-page');
const controls = byId<HTMLFormElement>('controls');
const languageControl = byId<HTMLSelectElement>('language');

function showPage(page: 'start' | 'mapping' | 'campaign'): void {
  show(gettingStarted, page === 'start');
  show(mapping, page === 'mapping');
  show(campaignPage, page === 'campaign');
  // Cancel goes back to the page the mapping step was opened from; while data sheets are missing there is none.
  if (page === 'mapping') show(byId('mapping-cancel'), pageFor(state().setup) !== 'mapping');
}

function pageFor(setup: SetupStatus): 'start' | 'mapping' | 'campaign' {
  return setup.empty ? 'start' : setup.ready ? 'campaign' : 'mapping';
}

/** Shows the server's state in its language: the language control, the controls set to `options`, the mapping step. */
function showState(next: SidebarState, options: SidebarOptions): void {
  store.state = next;
  setLanguage(next.language);
  languageControl.value = next.languageChoice;
  showOptions(options);
  showCampaign(readOptions().campaignId);
  // A campaign just created (or renamed away) is another campaign than the results on show.
  if (store.results !== null && store.results.campaign.id !== readOptions().campaignId) withdrawResults();
  renderMapping(next.setup);
  renderCurrency(next);
}

/** showState, then the page the state calls for. */
function showLoaded(next: SidebarState, options: SidebarOptions): void {
  showState(next, options);
  const page = pageFor(next.setup);
  showPage(page);
  if (page === 'mapping') showError(t('sidebar.mapping.needed'));
}

/** Asks the server for the state (again, after a change to the data sheets) and shows the page it calls for. */
async function load(campaignId: string | null = null): Promise<void> {
  const next = await callServer('getSidebarState');
  showLoaded(next, campaignId === null ? next.options : { ...next.options, campaignId });
}

/** The sidebar's first load; failed, nothing but the error shows, and it offers to try again. */
function loadFirst(): void {
  void busy('sidebar.progress.loading', () => load(), loadFirst);
}

async function run(): Promise<void> {
  // The search matched no campaign: nothing to run (the server would take the first campaign instead).
  if (searchMatchesNone()) {
    showError(t('sidebar.controls.no_match'));
    return;
  }
  // Days the browser cannot read would go to the server as no window at all.
  if (lookbackUnreadable()) {
    showError(t('sidebar.controls.lookback_unreadable'));
    return;
  }
  // The controls are data-server: no choice can change while the server works, so the figures are of those on screen.
  await busy('sidebar.progress.running', async () => {
    const outcome = await callServer('runSidebar', readOptions());
    if (outcome.status === 'blocked') {
      showError(outcome.message, outcome.problems);
      return;
    }
    store.results = outcome;
    noteCurrencies(outcome);
    renderResults(outcome, formatContext(), openDrillDown);
    const { errors } = outcome.problems;
    // Figures without some rows, or all 0 because nothing happened in the range, are no plain success.
    const ready = errors === 0 ? t('sidebar.results.ready', { name: outcome.campaign.name })
      : t('sidebar.results.ready_rows_left_out', { name: outcome.campaign.name, count: errors });
    if (errors === 0 && outcome.notice === null) showDone(ready);
    else showWarning([ready, ...(outcome.notice === null ? [] : [outcome.notice])].join(' '));
  });
}

/**
 * The language control: the server keeps the choice and answers in the new language; the page stays where
 * it is, with the controls as they are, an open panel (Export, …) is filled again as the user left it, an
 * open question is asked in the new words, and results on show are run again so their words follow. After a
 * failed first load, the state it brings shows the page at last (a failure here offers the load again).
 */
async function switchLanguage(): Promise<void> {
  const hadResults = !byId('results').hidden;
  const loaded = store.state !== null;
  const switched = await busy('sidebar.progress.language', async () => {
    const options = loaded ? readOptions() : null;
    const next = await callServer('saveSidebarLanguage', languageControl.value as LanguageChoice);
    if (options === null) showLoaded(next, next.options);
    else showState(next, options);
    await refreshOpenPanel();
    await rewordQuestion();
    return true;
  }, loaded ? undefined : loadFirst);
  // Refused (other work running) or failed: the control shows the language still in use.
  if (switched === undefined) languageControl.value = store.state?.languageChoice ?? 'auto';
  else if (hadResults) await run();
}

/** An amount opens the drill-down sheet behind it: the revenue's credited interactions, or the influenced revenue's deals. */
function openDrillDown(figure: DrillDownFigure): void {
  void busy('sidebar.progress.opening', async () => showOutcome(await callServer('openDrillDownSheet', readOptions(), figure)));
}

function wireSetup(): void {
  byId('setup-create').addEventListener('click', () => void busy('sidebar.progress.creating', async () => {
    const result = await callServer('createDataSheets', {
      example: byId<HTMLInputElement>('setup-example').checked,
      optional: byId<HTMLInputElement>('setup-optional').checked,
    });
    await load();
    showDone(result.message);
  }));
  // Cancel goes back to the button the step was opened with, where the keyboard left off.
  let opener: HTMLElement | null = null;
  const toMapping = (event: Event) => {
    opener = event.currentTarget as HTMLElement;
    renderMapping(state().setup);
    showPage('mapping');
    byId('mapping-title').focus();
  };
  byId('setup-map').addEventListener('click', toMapping);
  byId('open-mapping').addEventListener('click', toMapping);
  byId('mapping-cancel').addEventListener('click', () => {
    showPage(pageFor(state().setup));
    if (opener !== null && opener.offsetParent !== null) opener.focus();
    else focusPageTitle();
  });
  // The tabs and columns chosen on the page are saved first: the sheets created are those still pointed at no tab.
  // Figures on show were read through the mapping as it was: they go, as after a new choice.
  const mappingChanged = () => {
    closeAll();
    withdrawResults();
  };
  byId('mapping-create-go').addEventListener('click', () => void busy('sidebar.progress.creating', async () => {
    await callServer('saveDataSheetMapping', readMapping(state().setup));
    const result = await callServer('createDataSheets', { example: false, optional: false });
    await load();
    mappingChanged();
    // Made, but a column still unmapped keeps the data unreadable: said as the page's own line says it.
    if (state().setup.ready) showDone(result.message);
    else showError(`${result.message} ${t('sidebar.mapping.needed')}`);
  }));
  byId('mapping-save').addEventListener('click', () => void busy('sidebar.progress.saving', async () => {
    const result = await callServer('saveDataSheetMapping', readMapping(state().setup));
    await load();
    mappingChanged();
    if (result.status.ready) showDone(result.message);
    else showError(result.message);
  }));
  byId('check-data').addEventListener('click', () => void busy('sidebar.progress.checking', async () => {
    const report = await callServer('validateDataSheets');
    noteCurrencies(report);
    if (report.problems.length === 0) showDone(report.summary);
    else showProblems(report.summary, report.problems, report.more);
  }));
}

function start(): void {
  translate(document.body);
  wireConfirm();
  // Results (and a panel open beside them) are of the choices they were run with: a new choice withdraws them.
  wireControls(() => {
    closeAll();
    withdrawResults();
  }, () => showCampaign(readOptions().campaignId));
  wireHousekeeping(() => readOptions().campaignId, load);
  wirePanels();
  wireSetup();
  // The figures on show were read in the old currency: they go, with the panels beside them, as after a new choice.
  wireCurrency((next) => {
    showState(next, readOptions());
    closeAll();
    withdrawResults();
  });
  controls.addEventListener('submit', (event) => {
    event.preventDefault();
    void run();
  });
  byId('collapse-all').addEventListener('click', () => setAllSections(false));
  byId('expand-all').addEventListener('click', () => setAllSections(true));
  languageControl.addEventListener('change', () => void switchLanguage());
  loadFirst();
}

start();
