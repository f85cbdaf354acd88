import { formatMessage, languageOf, type Language } from '../src/core/messages';
import type { RenderedProblem, ValidationReport } from '../src/addon/validation';
import { callServer } from './server';

// The sidebar: checks the data sheets on load and on "Check again". The report arrives rendered in the
// spreadsheet's language; the sidebar's own words use that language once known, the browser's before.

let language: Language = languageOf(navigator.language);

const status = element('status');
const list = element('problems');
const recheck = element('recheck') as HTMLButtonElement;

function element(id: string): HTMLElement {
  const found = document.getElementById(id);
  if (!found) throw new Error(`sidebar.html has no #${id}`);
  return found;
}

async function check(): Promise<void> {
  recheck.disabled = true;
  status.textContent = formatMessage('addon.sidebar.checking', {}, language);
  status.className = '';
  list.replaceChildren();
  try {
    show(await callServer('validateDataSheets'));
  } catch (error) {
    status.textContent = formatMessage('addon.sidebar.failed', { message: error instanceof Error ? error.message : String(error) }, language);
    status.className = 'failed';
  } finally {
    recheck.textContent = formatMessage('addon.sidebar.recheck', {}, language);
    recheck.disabled = false;
  }
}

function show(report: ValidationReport): void {
  language = report.language;
  status.textContent = report.summary;
  status.className = report.problems.length === 0 ? 'ok' : '';
  list.replaceChildren(...report.problems.map(problemItem));
}

// textContent only: problem texts quote cell values, which must never become markup.
function problemItem(problem: RenderedProblem): HTMLLIElement {
  const item = document.createElement('li');
  item.className = problem.severity;
  const heading = document.createElement('div');
  heading.className = 'where';
  const severity = document.createElement('strong');
  severity.textContent = problem.severityLabel;
  heading.append(severity, ` · ${problem.location}`);
  const message = document.createElement('div');
  message.textContent = problem.message;
  item.append(heading, message);
  return item;
}

recheck.addEventListener('click', () => void check());
recheck.textContent = formatMessage('addon.sidebar.recheck', {}, language);
void check();
