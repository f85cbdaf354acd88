import type { SidebarState } from '../src/addon/sidebar-state';
import { isIsoCurrencyCode } from '../src/core/ingest/numbers';
import { byId, currentLanguage, el, t } from './dom';
import { callServer } from './server';
import { busy, showDone } from './status';
import { state } from './store';

// The workbook currency, under "Workbook settings": automatic (the spreadsheet locale's), a currency suggested
// (the locale's, the one set, those the data's amounts were left out for), or any other. It is the
// spreadsheet's setting, not the user's: the server keeps it for everyone and answers with the new state.

const form = byId<HTMLFormElement>('currency-form');
const select = byId<HTMLSelectElement>('currency');

/** The currencies amounts were left out for at the last Run or data check: the ones the user most likely wants. */
let named: readonly string[] = [];
/** The currency the last Run or data check read amounts in: with nothing set or known, the one the amounts named. */
let readIn: string | null = null;
/** The setting the control was last set to: a different value on screen is a choice not yet saved. */
let shown: string | null = null;

/** Every currency the browser knows; none in a browser without Intl.supportedValuesOf (the suggestions remain). */
function knownCurrencies(): string[] {
  return typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('currency') : [];
}

/** "EUR · Euro", the name in the sidebar's language. */
function currencyOption(code: string, names: Intl.DisplayNames): HTMLOptionElement {
  const name = names.of(code);
  return el('option', { value: code }, name === undefined || name === code ? code : `${code} · ${name}`);
}

/** Fills the control in the current language, set to the state's choice (or to a choice the user has not saved yet). */
export function renderCurrency(current: SidebarState): void {
  const unsaved = shown !== null && select.value !== shown ? select.value : null;
  const names = new Intl.DisplayNames([currentLanguage()], { type: 'currency' });
  const suggested = [...new Set([current.localeCurrency, current.currencyChoice, ...named])]
    .filter((code): code is string => code !== null && isIsoCurrencyCode(code));
  const groups: Array<[string, string[]]> = [
    [t('sidebar.currency.suggested'), suggested],
    [t('sidebar.currency.all'), knownCurrencies().filter((code) => !suggested.includes(code))],
  ];
  select.replaceChildren(
    el('option', { value: '' }, automaticLabel(current)),
    ...groups.filter(([, codes]) => codes.length > 0)
      .map(([label, codes]) => el('optgroup', { label }, ...codes.map((code) => currencyOption(code, names)))),
  );
  shown = current.currencyChoice ?? '';
  select.value = unsaved ?? shown;
}

/** What "Automatic" means here: the locale's currency, else the one the amounts name (once a Run or data check found it). */
function automaticLabel(current: SidebarState): string {
  if (current.localeCurrency !== null) return t('sidebar.currency.auto', { currency: current.localeCurrency });
  const voted = current.currencyChoice === null ? readIn : null;
  return voted === null ? t('sidebar.currency.auto_most_named') : t('sidebar.currency.auto_most_named_found', { currency: voted });
}

/**
 * What a Run or data check found: the currencies amounts were left out for (suggested from now on) and the
 * one amounts were read in.
 */
export function noteCurrencies(found: { otherCurrencies: readonly string[]; currency: string | null }): void {
  named = found.otherCurrencies;
  readIn = found.currency;
  renderCurrency(state());
}

/** `saved` gets the server's new state: amounts are read in another currency now, so figures on show are of the old one. */
export function wireCurrency(saved: (next: SidebarState) => void): void {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const choice = select.selectedOptions[0]?.textContent ?? '';
    void busy('sidebar.progress.currency', async () => {
      const next = await callServer('saveWorkbookCurrency', select.value);
      // Amounts are read anew in the currency saved: what the last run read them in no longer says.
      readIn = null;
      saved(next);
      showDone(t('sidebar.currency.saved', { choice }));
    });
  });
}
