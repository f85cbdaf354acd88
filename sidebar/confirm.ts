import type { ChangedCell } from '../src/addon/sidebar-housekeeping';
import type { MessageId } from '../src/core/messages';
import { byId, el, show, t } from './dom';
import { whenIdle } from './status';

// The confirmation every write to a data sheet (and sharing personal data) waits for: the question, the
// cells of the one row, and Confirm / Cancel. It is part of the page, so it works with the keyboard and a
// screen reader like the rest; focus goes to it, and back to where the user was when it closes. A change of
// language words the open question anew.

const box = byId('confirm');
const question = byId('confirm-question');
const cells = byId('confirm-cells');
const yes = byId<HTMLButtonElement>('confirm-yes');
const no = byId<HTMLButtonElement>('confirm-no');
/** The question and the cells of the row it is about (none for a question about sharing). */
export interface Question {
  text: string;
  row: readonly ChangedCell[];
}

/** The question in the language now in use (the server's words are asked for again). */
type Reword = () => Promise<Question>;

let pending: { onYes: () => void; returnTo: HTMLElement | null; reword: Reword } | null = null;

function showQuestion({ text, row }: Question): void {
  question.textContent = text;
  cells.replaceChildren(...row.map((cell) => el('tr', {}, el('th', { scope: 'row' }, cell.column), el('td', {}, cell.value))));
  show(cells, row.length > 0);
}

/**
 * `returnTo`: where the focus goes when the box closes; by default the element focused now, which is the page
 * itself when the question comes from server work (the button that started it is disabled while it runs).
 */
export function askToConfirm(asked: Question, reword: Reword, onYes: () => void, returnTo?: HTMLElement): void {
  showQuestion(asked);
  const focused = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null;
  pending = { onYes, returnTo: returnTo ?? focused, reword };
  show(box, true);
  // data-msg: a change of language keeps the button's own words.
  yes.dataset.msg = asked.row.length > 0 ? 'sidebar.confirm.yes' : 'sidebar.confirm.share';
  yes.textContent = t(yes.dataset.msg as MessageId);
  // Asked while the work that asks still runs, Yes (a data-server button) is disabled and cannot take focus yet.
  const current = pending;
  whenIdle(() => {
    if (pending !== current) return;
    box.scrollIntoView({ block: 'nearest' });
    yes.focus({ preventScroll: true });
  });
}

/** Words the open question anew in the language now in use; one that cannot be asked again keeps its words. Runs inside busy(). */
export async function rewordQuestion(): Promise<void> {
  const open = pending;
  if (open === null) return;
  try {
    const again = await open.reword();
    if (pending === open) showQuestion(again);
  } catch {
    // The question as it was still holds; only its language lags.
  }
}

function close(): HTMLElement | null {
  const returnTo = pending?.returnTo ?? null;
  pending = null;
  show(box, false);
  return returnTo;
}

export function wireConfirm(): void {
  yes.addEventListener('click', () => {
    const onYes = pending?.onYes;
    close()?.focus();
    onYes?.();
  });
  no.addEventListener('click', () => close()?.focus());
  box.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') close()?.focus();
  });
}
