import { formatMessage, isMessageId, languageOf, type Language, type MessageId } from '../src/core/messages';

// Small DOM helpers and the sidebar's words. Every text comes from the message catalogue: static markup
// names its message in data-msg (text), data-msg-label (aria-label) or data-msg-placeholder; the rest is
// built with text nodes only, so nothing a cell holds can ever become markup.

let language: Language;

/** The language of the words from now on; the page says it too, so that a screen reader reads them in it. */
function pick(next: Language): void {
  language = next;
  document.documentElement.lang = next;
}

// Until the server's state arrives (or when it fails to): the browser's language.
pick(languageOf(navigator.language));

export function setLanguage(next: Language): void {
  pick(next);
  translate(document.body);
}

export function currentLanguage(): Language {
  return language;
}

export function t(id: MessageId, params?: Record<string, string | number>): string {
  return formatMessage(id, params, language);
}

/** A range of days in words: "2024-04-16 to 2024-05-15", or "All dates up to 2024-05-15" without a first day. */
export function daysText(from: string | null, to: string): string {
  return from === null ? t('sidebar.range.up_to', { to }) : t('sidebar.range.days', { from, to });
}

const ATTRIBUTES = [['msgLabel', 'aria-label'], ['msgPlaceholder', 'placeholder'], ['msgTitle', 'title']] as const;

/** Fills in every data-msg* of the subtree in the current language. */
export function translate(root: ParentNode): void {
  for (const node of root.querySelectorAll<HTMLElement>('[data-msg], [data-msg-label], [data-msg-placeholder], [data-msg-title]')) {
    const { msg } = node.dataset;
    if (msg !== undefined) node.textContent = known(msg);
    for (const [key, attribute] of ATTRIBUTES) {
      const id = node.dataset[key];
      if (id !== undefined) node.setAttribute(attribute, known(id));
    }
  }
}

function known(id: string): string {
  // test/sidebar checks the markup's ids against the catalogue; a stray one shows as itself.
  return isMessageId(id) ? t(id) : id;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`sidebar.html has no #${id}`);
  return found as T;
}

type Child = Node | string | null | undefined | false;

/** An element with attributes and children; strings become text nodes. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K, attributes: Record<string, string | boolean | undefined> = {}, ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children) if (child !== null && child !== undefined && child !== false) node.append(child);
  return node;
}

export function show(node: HTMLElement, visible: boolean): void {
  node.hidden = !visible;
}
