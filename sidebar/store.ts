import type { CampaignResults } from '../src/addon/sidebar-results';
import type { SidebarState } from '../src/addon/sidebar-state';
import { formatLocale, type FormatContext } from '../src/core/render/formats';
import { currentLanguage } from './dom';

// What the sidebar knows: the server's state as it opened (refreshed after a change to the data sheets) and
// the results last shown. One place, so the parts of the sidebar read the same campaign list.

export const store: { state: SidebarState | null; results: CampaignResults | null } = { state: null, results: null };

export function state(): SidebarState {
  if (store.state === null) throw new Error('the sidebar state has not arrived yet');
  return store.state;
}

/**
 * Numbers and money as the report sheets show them: in the spreadsheet's locale, whatever the language (de_DE in
 * English: 1.200,00 €). The money of results is in the currency they were computed in: with none set or known from
 * the locale, the one the amounts name most often (the state, read before any deal, cannot know it).
 */
export function formatContext(): FormatContext {
  const lang = currentLanguage();
  return { lang, currency: store.results?.currency ?? store.state?.currency ?? null, locale: formatLocale(store.state?.locale, lang) };
}
