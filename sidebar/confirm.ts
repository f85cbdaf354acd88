import type { ChangedCell } from '../src/addon/sidebar-housekeeping';
import type { MessageId } from '../src/core/messages';
import { byId, el, show, t } from './dom';
import { whenIdle } from './status';

// The confirmation every write to a data sheet (and sharing personal data) waits for: the question, the
// cells of the one row, and Confirm / Cancel. It is part of the page, so it works with the keyboard and a
// screen reader like the rest; focus goes to it, and back to where the user was when it closes.

const box = byId('confirm');
const question = byId('confirm-question');
const cells = byId('confirm-cells');
const yes = byId<HTMLButtonElement>('confirm-yes');
const no = byId<HTMLButtonElement>('confirm-no');
let pending: { onYes: () => void; returnTo: HTMLElement | null } | null = null;

/**
 * `returnTo`: where the focus goes when the box closes; by default the element focused now, which is the page
 * itself when the question comes from server work (the button that started it is disabled while it runs).
 */
export function askToConfirm(text: string, row: readonly ChangedCell[], onYes: () => void, returnTo?: HTMLElement): void {
  question.textContent = text;
  cells.replaceChildren(...row.map((cell) => el('tr', {}, el('th', { scope: 'row' }, cell.column), el('td', {}, cell.value))));
  show(cells, row.length > 0);
  const focused = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null;
  pending = { onYes, returnTo: returnTo ?? focused };
  show(box, true);
  // data-msg: a change of language keeps the button's own words.
  yes.dataset.msg = row.length > 0 ? 'sidebar.confirm.yes' : 'sidebar.confirm.share';
  yes.textContent = t(yes.dataset.msg as MessageId);
  // Asked while the work that asks still runs, Yes (a data-server button) is disabled and cannot take focus yet.
  const asked = pending;
  whenIdle(() => {
    if (pending !== asked) return;
    box.scrollIntoView({ block: 'nearest' });
    yes.focus({ preventScroll: true });
  });
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
