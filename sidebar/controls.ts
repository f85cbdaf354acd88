import type { SidebarOptions } from '../src/addon/sidebar-options';
import { FIRST_DAY, LAST_DAY, RANGE_PRESETS, resolveRange, type RangePreset } from '../src/addon/sidebar-range';
import type { Frequency, Touch } from '../src/core/engine';
import { CHANNEL_KINDS, type ChannelKind, MAX_MARKOV_ORDER } from '../src/core/engine/data-driven-options';
import type { MessageId } from '../src/core/messages';
import { MAX_LOOKBACK_DAYS } from '../src/core/types';
import { AddonError } from '../src/addon/addon-error';
import { byId, currentLanguage, daysText, el, show, t } from './dom';
import { callServer } from './server';
import { announce, errorText, showError } from './status';
import { state } from './store';

// The controls: campaign (searchable), model with its explanation, first/last touch, date range, frequency,
// the lookback window, and the data-driven models' channels and Markov order.
// Every change is kept for this user at once (the server stores it), so the sidebar opens as it was left.

const search = byId<HTMLInputElement>('campaign-search');
const campaign = byId<HTMLSelectElement>('campaign');
const noMatch = byId('campaign-none');
const model = byId<HTMLSelectElement>('model');
const modelHelp = byId('model-help');
const range = byId<HTMLSelectElement>('range');
const custom = byId('custom-range');
const from = byId<HTMLInputElement>('from');
const to = byId<HTMLInputElement>('to');
const rangeHelp = byId('range-help');
const lookback = byId<HTMLInputElement>('lookback');
const lookbackHelp = byId('lookback-help');
const channels = byId<HTMLSelectElement>('channels');
const markovOrder = byId<HTMLSelectElement>('markov-order');

// The days a custom range may name: the date pickers offer no others (typed ones are refused with a reason).
for (const input of [from, to]) {
  input.min = FIRST_DAY;
  input.max = LAST_DAY;
}
// The arrow keys stop at the longest window; a longer one typed is refused with a reason.
lookback.max = String(MAX_LOOKBACK_DAYS);

const radio = (name: string) => document.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`)?.value;
const setRadio = (name: string, value: string) => {
  const input = document.querySelector<HTMLInputElement>(`input[name="${name}"][value="${value}"]`);
  if (input) input.checked = true;
};

export function readOptions(): SidebarOptions {
  return {
    campaignId: campaign.value || null,
    model: model.value,
    touch: (radio('touch') ?? 'first') as Touch,
    range: range.value as RangePreset,
    from: from.value || null,
    to: to.value || null,
    frequency: (radio('frequency') ?? 'monthly') as Frequency,
    channels: channels.value as ChannelKind,
    markovOrder: Number(markovOrder.value),
    lookbackDays: lookback.value === '' ? null : Number(lookback.value),
  };
}

/** Shows the stored options, the campaign list and the models (after the state arrived or changed). */
export function showOptions(options: SidebarOptions): void {
  const { models } = state();
  model.replaceChildren(...models.map((m) => el('option', { value: m.id }, m.name)));
  model.value = options.model;
  range.replaceChildren(...RANGE_PRESETS.map((p) => el('option', { value: p }, t(`sidebar.range.${p}` as MessageId))));
  range.value = options.range;
  from.value = options.range === 'custom' ? options.from ?? '' : '';
  to.value = options.range === 'custom' ? options.to ?? '' : '';
  setRadio('touch', options.touch);
  setRadio('frequency', options.frequency);
  channels.replaceChildren(...CHANNEL_KINDS.map((kind) => el('option', { value: kind }, t(`sidebar.channels.${kind}` as MessageId))));
  channels.value = options.channels;
  markovOrder.replaceChildren(...Array.from({ length: MAX_MARKOV_ORDER }, (_, i) => el('option', { value: String(i + 1) }, String(i + 1))));
  markovOrder.value = String(options.markovOrder);
  lookback.value = String(options.lookbackDays ?? '');
  // A campaign just created or renamed may not match the search typed before: the search gives way to it.
  if (options.campaignId !== null && !matchingCampaigns().some((c) => c.id === options.campaignId)) search.value = '';
  fillCampaigns(options.campaignId);
  describe();
}

/** The campaigns whose name, id or utm value contains the search text. */
function matchingCampaigns() {
  const query = search.value.trim().toLowerCase();
  return state().campaigns.filter((c) => query === '' || [c.name, c.id, c.utm ?? ''].some((v) => v.toLowerCase().includes(query)));
}

/**
 * True when the lookback box holds what the browser cannot read as a number ("1e", "-"): its value reads as
 * empty, which would run with no window instead.
 */
export function lookbackUnreadable(): boolean {
  return lookback.validity.badInput;
}

/** True when the user searched and no campaign matches: there is none to run. */
export function searchMatchesNone(): boolean {
  return search.value.trim() !== '' && matchingCampaigns().length === 0;
}

/** The campaigns the search matches; the selection stays when it still matches. */
function fillCampaigns(selected: string | null = campaign.value || null): void {
  const matches = matchingCampaigns();
  // The list cuts a long name at its edge: the whole name shows on hover, so two alike can be told apart.
  campaign.replaceChildren(...matches.map((c) => el('option', { value: c.id, title: c.name }, c.name)));
  const keep = matches.find((c) => c.id === selected) ?? matches[0];
  campaign.value = keep?.id ?? '';
  // No campaign at all is no failed search: the line says where to create one (data-msg, so a language switch keeps it).
  const hint: MessageId = state().campaigns.length === 0 ? 'sidebar.results.no_campaigns' : 'sidebar.controls.no_match';
  noMatch.dataset.msg = hint;
  noMatch.textContent = t(hint);
  // Said to whoever types in the search box as it appears, and describes the box while it shows.
  const none = matches.length === 0;
  if (none && noMatch.hidden && search.value.trim() !== '') announce(noMatch.textContent);
  show(noMatch, none);
  if (none) search.setAttribute('aria-describedby', noMatch.id);
  else search.removeAttribute('aria-describedby');
}

/** The model's one-line explanation, the days the range stands for and what the lookback window does. */
function describe(): void {
  modelHelp.textContent = state().models.find((m) => m.id === model.value)?.description ?? '';
  const preset = range.value as RangePreset;
  show(custom, preset === 'custom');
  rangeHelp.classList.remove('error');
  const { today } = state();
  try {
    const days = resolveRange(preset, { from: from.value || null, to: to.value || null }, today);
    const end = days.to ?? today;
    const text = daysText(days.from, end);
    rangeHelp.textContent = end > today ? `${text} ${t('sidebar.range.future')}` : text;
  } catch (error) {
    rangeHelp.textContent = error instanceof AddonError ? error.render(currentLanguage()) : String(error);
    rangeHelp.classList.add('error');
  }
  // The dates typed are what the line is about: it describes them, and says when they cannot be used.
  const unusable = rangeHelp.classList.contains('error');
  for (const date of [from, to]) {
    date.setAttribute('aria-describedby', rangeHelp.id);
    date.setAttribute('aria-invalid', String(unusable));
  }
  describeLookback();
}

/** The line under the lookback window: what it does, or why the days typed cannot be used (as the server would say). */
function describeLookback(): void {
  const problem = lookbackUnreadable() ? t('sidebar.controls.lookback_unreadable')
    : lookback.validity.valid ? null
    : t('sidebar.options.lookback_invalid', { days: lookback.value, max: MAX_LOOKBACK_DAYS });
  lookbackHelp.textContent = problem ?? t('sidebar.controls.lookback_help');
  lookbackHelp.classList.toggle('error', problem !== null);
  lookback.setAttribute('aria-invalid', String(problem !== null));
}

/**
 * Keeps the options for this user; a failure is shown, not swallowed. Not while the range or the lookback window
 * cannot be used (a custom range half edited, its start after its end; -3 days): the line under it says why,
 * and the server would refuse.
 */
function persist(): void {
  if (rangeHelp.classList.contains('error') || lookbackHelp.classList.contains('error')) return;
  callServer('saveSidebarChoices', readOptions()).catch((error: unknown) => showError(errorText(error)));
}

/** `onChange` hears every change of a choice; `onCampaign` also hears a change of campaign. */
export function wireControls(onChange: () => void, onCampaign: () => void): void {
  search.addEventListener('input', () => {
    const before = campaign.value;
    fillCampaigns();
    if (campaign.value !== before) {
      onChange();
      onCampaign();
      persist();
    }
  });
  // Enter in the search box picks the first match instead of submitting the form.
  search.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      campaign.focus();
    }
  });
  // The line under the lookback box follows each keystroke: the browser fires no change between an empty box and
  // text it cannot read as a number (both have the value "").
  lookback.addEventListener('input', describe);
  for (const control of [campaign, model, range, from, to, lookback, channels, markovOrder, ...document.querySelectorAll<HTMLInputElement>('input[name="touch"], input[name="frequency"]')]) {
    control.addEventListener('change', () => {
      describe();
      onChange();
      if (control === campaign) onCampaign();
      persist();
    });
  }
}
