import type { SetupStatus } from '../src/addon/sidebar-setup';
import { wireConfirm } from './confirm';
import { readOptions, showOptions, wireControls } from './controls';
import { byId, setLanguage, show, t, translate } from './dom';
import { showCampaign, wireHousekeeping } from './housekeeping';
import { showOutcome, wirePanels } from './panels';
import { renderResults, setAllSections } from './results';
import { callServer } from './server';
import { readMapping, renderMapping } from './setup';
import { busy, showDone, showError } from './status';
import { formatContext, state, store } from './store';

// The sidebar: the campaign page inside Sheets. On open it asks the server for the user's last choices and
// the data sheets' state; a workbook without data sheets gets "getting started", one whose sheets use other
// names gets the mapping step, and otherwise the controls, with the results after "Run".

const gettingStarted = byId('getting-started');
const mapping = byId('mapping');
const campaignPage = byId('campaign-page');
const controls = byId<HTMLFormElement>('controls');

function showPage(page: 'start' | 'mapping' | 'campaign'): void {
  show(gettingStarted, page === 'start');
  show(mapping, page === 'mapping');
  show(campaignPage, page === 'campaign');
}

function pageFor(setup: SetupStatus): 'start' | 'mapping' | 'campaign' {
  return setup.empty ? 'start' : setup.ready ? 'campaign' : 'mapping';
}

/** Asks the server for the state (again, after a change to the data sheets) and shows the page it calls for. */
async function load(campaignId: string | null = null): Promise<void> {
  const next = await callServer('getSidebarState');
  store.state = next;
  setLanguage(next.language);
  const options = campaignId === null ? next.options : { ...next.options, campaignId };
  showOptions(options);
  showCampaign(readOptions().campaignId);
  renderMapping(next.setup);
  const page = pageFor(next.setup);
  showPage(page);
  if (page === 'mapping') showError(t('sidebar.mapping.needed'));
}

async function run(): Promise<void> {
  await busy('sidebar.progress.running', async () => {
    const outcome = await callServer('runSidebar', readOptions());
    if (outcome.status === 'blocked') {
      showError(outcome.message, outcome.problems);
      return;
    }
    store.results = outcome;
    renderResults(outcome, formatContext(), openDrillDown);
    showDone(t('sidebar.results.ready', { name: outcome.campaign.name }));
  });
}

/** Every amount is the campaign's under the chosen model: its drill-down sheet lists the interactions behind it. */
function openDrillDown(): void {
  void busy('sidebar.progress.opening', async () => showOutcome(await callServer('openDrillDownSheet', readOptions())));
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
  const toMapping = () => {
    renderMapping(state().setup);
    showPage('mapping');
    byId('mapping-title').focus();
  };
  byId('setup-map').addEventListener('click', toMapping);
  byId('open-mapping').addEventListener('click', toMapping);
  byId('mapping-cancel').addEventListener('click', () => showPage(pageFor(state().setup)));
  byId('mapping-save').addEventListener('click', () => void busy('sidebar.progress.saving', async () => {
    const result = await callServer('saveDataSheetMapping', readMapping(state().setup));
    await load();
    if (result.status.ready) showDone(result.message);
    else showError(result.message);
  }));
  byId('check-data').addEventListener('click', () => void busy('sidebar.progress.checking', async () => {
    const report = await callServer('validateDataSheets');
    if (report.problems.length === 0) {
      showDone(report.summary);
    } else {
      showError(report.summary, report.problems);
    }
  }));
}

function start(): void {
  translate(document.body);
  byId('mapping-title').tabIndex = -1;
  wireConfirm();
  wireControls(() => showCampaign(readOptions().campaignId));
  wireHousekeeping(() => readOptions().campaignId, load);
  wirePanels();
  wireSetup();
  controls.addEventListener('submit', (event) => {
    event.preventDefault();
    void run();
  });
  byId('collapse-all').addEventListener('click', () => setAllSections(false));
  byId('expand-all').addEventListener('click', () => setAllSections(true));
  void busy('sidebar.progress.loading', () => load());
}

start();
