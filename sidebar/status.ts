import type { MessageId } from '../src/core/messages';
import type { RenderedProblem } from '../src/core/report/problems';
import { byId, el, show, t } from './dom';

// Long work and its outcome. While the server works: a progress line, and every button that starts server
// work disabled (google.script.run calls run in parallel, so a second click would run everything twice), and
// the choices the work is for. Afterwards: a message, an error as role="alert" with the problems behind it
// (sheet, row, column), or nothing. A failure is never silent.

const progress = byId('progress');
const progressText = byId('progress-text');
const notice = byId('notice');
const announcer = byId('announcer');
/** The figures a run replaces: busy while the server works. */
const results = byId('results');
let running = 0;
/** What waits for the work to end (focusing a button the work keeps disabled). */
let afterWork: Array<() => void> = [];

/**
 * Controls marked data-server start server work, or change what work under way is for (the campaign, model,
 * range… of a run): none may be used while work runs.
 */
function setWorking(working: boolean): void {
  type Control = HTMLButtonElement | HTMLSelectElement | HTMLInputElement | HTMLFieldSetElement;
  for (const control of document.querySelectorAll<Control>('[data-server]')) control.disabled = working;
  results.setAttribute('aria-busy', String(working));
  show(progress, working);
}

/**
 * Runs `work` with the progress line saying `label`; a failure shows as an error message (with a button to
 * `retry`, when given). Returns undefined then.
 */
export async function busy<T>(label: MessageId, work: () => Promise<T>, retry?: () => void): Promise<T | undefined> {
  if (running > 0) return undefined;
  running++;
  clearNotice();
  progressText.textContent = t(label);
  announce(progressText.textContent);
  // Disabling the button that was pressed drops the keyboard focus to the page: it goes back once the work is done,
  // without scrolling back down to it, away from the outcome the notice at the top now shows.
  const focused = document.activeElement;
  setWorking(true);
  afterWork.push(() => {
    if (focused instanceof HTMLElement && focused.isConnected && document.activeElement === document.body) focused.focus({ preventScroll: true });
  });
  try {
    return await work();
  } catch (error) {
    showError(errorText(error), [], retry);
    return undefined;
  } finally {
    running--;
    setWorking(false);
    const waiting = afterWork;
    afterWork = [];
    for (const then of waiting) then();
    // The work changed the page (the button pressed is hidden now): the keyboard starts again from the page's title.
    if (document.activeElement === document.body) focusPageTitle();
  }
}

/** Focuses the title of the page on show (getting started, the mapping step or the campaign page). */
export function focusPageTitle(): void {
  [...document.querySelectorAll<HTMLElement>('[data-page-title]')].find((title) => title.offsetParent !== null)?.focus();
}

/** Runs `then` now, or once the server work under way has ended (its buttons are enabled again). */
export function whenIdle(then: () => void): void {
  if (running > 0) afterWork.push(then);
  else then();
}

/** The server's message; a refused permission gets the hint about several signed-in Google accounts. */
export function errorText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return t(/PERMISSION_DENIED/i.test(message) ? 'addon.sidebar.failed' : 'sidebar.error.failed', { message });
}

function clearNotice(): void {
  notice.replaceChildren();
  notice.className = 'notice';
  show(notice, false);
}

/** An error: the message, then the problems behind it, each with where it is; `retry` offers to try again. */
export function showError(message: string, problems: readonly RenderedProblem[] = [], retry?: () => void): void {
  showAlert(el('p', {}, message), ...(problems.length > 0 ? [problemList(problems)] : []));
  if (retry !== undefined) {
    const again = el('button', { type: 'button', 'data-server': true }, t('sidebar.error.retry'));
    again.addEventListener('click', retry);
    notice.append(again);
  }
}

/** The data check's problems (up to hundreds): collapsed under its summary, as the results hold theirs. */
export function showProblems(summary: string, problems: readonly RenderedProblem[], more: number): void {
  showAlert(problemBox(summary, problems, more));
}

/** Says `text` to a screen reader: the announcer's text changes, nothing else does (see index.html). */
export function announce(text: string): void {
  announcer.textContent = text;
}

function showAlert(...content: Node[]): void {
  notice.className = 'notice error';
  notice.setAttribute('role', 'alert');
  // An alert is read out as it appears; the announcer's last words (the work under way) no longer hold.
  notice.removeAttribute('aria-live');
  announce('');
  notice.replaceChildren(...content);
  reveal();
}

/** The notice sits at the top; the user may have scrolled down to the button that started the work. */
function reveal(): void {
  show(notice, true);
  notice.scrollIntoView({ block: 'nearest' });
}

/** A message that something was done; `link` adds a link (a file in Drive, a shared copy). */
export function showDone(message: string, link?: { href: string; text: string }): void {
  showOutcomeNotice('done', message, link);
}

/** Done, but not as asked (figures without some rows): the warning's colour. */
export function showWarning(message: string): void {
  showOutcomeNotice('warning', message);
}

function showOutcomeNotice(kind: 'done' | 'warning', message: string, link?: { href: string; text: string }): void {
  notice.className = `notice ${kind}`;
  notice.setAttribute('role', 'status');
  // The announcer reads it out; the notice, appearing with its text, would not, and must not say it twice.
  notice.setAttribute('aria-live', 'off');
  announce(message.replace(/\n/g, ' '));
  // One paragraph per line of the message: its lines are sentences of their own (an export's "saved", "mailed").
  const lines = message.split('\n');
  // The server's message may spell out the link's address (so that it reads whole without the sidebar): the
  // link then takes the address's place instead of repeating it; otherwise it follows the last line.
  const at = link === undefined ? -1 : lines.findIndex((line) => line.includes(link.href));
  notice.replaceChildren(...lines.map((line, i) => {
    if (link === undefined) return el('p', {}, line);
    const anchor = el('a', { href: link.href, target: '_blank', rel: 'noopener' }, link.text);
    if (i === at) {
      const start = line.indexOf(link.href);
      return el('p', {}, line.slice(0, start), anchor, line.slice(start + link.href.length));
    }
    return el('p', {}, line, ...(at === -1 && i === lines.length - 1 ? [' ', anchor] : []));
  }));
  reveal();
}

/**
 * Problems behind a count, collapsed under `summary`: the ones listed (the server sends the first ones,
 * errors first), then a line saying how many `more` there are.
 */
export function problemBox(summary: string, listed: readonly RenderedProblem[], more: number): HTMLDetailsElement {
  return el('details', { class: 'problem-box' }, el('summary', {}, summary), problemList(listed),
    more > 0 && el('p', { class: 'secondary' }, t('addon.validate.more', { count: more })));
}

function problemList(problems: readonly RenderedProblem[]): HTMLUListElement {
  return el('ul', { class: 'problems' }, ...problems.map((p) => el('li', { class: p.severity },
    el('div', { class: 'where' }, el('strong', {}, p.severityLabel), ` · ${p.location}`),
    el('div', {}, p.message))));
}
