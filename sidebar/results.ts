import type { DrillDownFigure } from '../src/addon/sidebar-report';
import type { AssetSection, CampaignResults, KpiFigure } from '../src/addon/sidebar-results';
import { daysIn } from '../src/addon/sidebar-range';
import type { ListedProblems } from '../src/core/report/problems';
import { formatReportValue, type FormatContext } from '../src/core/render/formats';
import { renderSeriesChart } from './chart';
import { byId, daysText, el, show, t } from './dom';
import { tileView } from './kpi';
import { problemBox } from './status';

// The campaign's results: KPI tiles (amounts open their drill-down sheet), the chart, one collapsible
// section per asset type, and the data's problems, each with sheet, row and column.

const results = byId('results');
const title = byId('results-title');
const rangeLine = byId('results-range');
const kpis = byId('kpis');
const chart = byId('chart');
const sections = byId('sections');
const problems = byId('problems');

/**
 * Takes the results off the page: they were of other choices than the controls now show, and what the page
 * offers next to them (write, export, share, a drill-down) works on the controls' choices.
 */
export function withdrawResults(): void {
  show(results, false);
}

export function renderResults(data: CampaignResults, ctx: FormatContext, openDrillDown: (figure: DrillDownFigure) => void): void {
  title.textContent = data.campaign.name;
  const days = data.previous === null || data.from === null ? null : daysIn(data.from, data.to);
  rangeLine.textContent = t('sidebar.results.range', { range: daysText(data.from, data.to), model: data.model.name });
  kpis.replaceChildren(...data.kpis.map((figure) => tile(figure, ctx, days, openDrillDown)));
  chart.replaceChildren(renderSeriesChart(data.series, ctx));
  sections.replaceChildren(...(data.sections.length === 0
    ? [el('p', { class: 'secondary' }, t('sidebar.results.no_assets'))]
    : data.sections.map((section) => sectionOf(section, ctx))));
  renderProblems(data.problems, data.otherCurrencies.length > 0);
  show(results, true);
  fitFigures();
}

/** A figure wider than its tile (€ 1.379.602,16 in half the row) is set a pixel smaller at a time until it fits, on one line. */
function fitFigures(): void {
  for (const value of kpis.querySelectorAll<HTMLElement>('.value')) {
    let size = parseFloat(getComputedStyle(value).fontSize);
    while (value.scrollWidth > value.clientWidth && size > 1) value.style.fontSize = `${--size}px`;
  }
}

function tile(figure: KpiFigure, ctx: FormatContext, days: number | null, openDrillDown: (figure: DrillDownFigure) => void): HTMLLIElement {
  const view = tileView(figure, ctx, days, t);
  const { drillDown } = figure;
  const value = drillDown !== null
    ? el('button', { type: 'button', class: 'value', 'data-server': true, 'aria-label': t('sidebar.kpi.drill', { label: view.label, value: view.value }) }, view.value)
    : el('span', { class: 'value' }, view.value);
  if (drillDown !== null) value.addEventListener('click', () => openDrillDown(drillDown));
  // A goal beaten shows a full bar: aria-valuenow stays within its 0–100, the real share is in the label and value text.
  const goal = view.goal === null ? null : el('div', {},
    el('div', {
      class: 'bar', role: 'progressbar', 'aria-label': view.goal.text, 'aria-valuemin': '0', 'aria-valuemax': '100',
      'aria-valuenow': String(Math.round(Math.max(0, Math.min(1, view.goal.share)) * 100)), 'aria-valuetext': view.goal.text,
    }, barFill(view.goal.share)),
    el('div', { class: 'goal' }, view.goal.text));
  return el('li', { class: 'kpi', 'data-kpi': figure.key },
    el('span', { class: 'label' }, view.label), value, goal,
    el('div', { class: `change ${view.change.direction}` }, view.change.text));
}

function barFill(share: number): HTMLSpanElement {
  const fill = el('span');
  fill.style.width = `${Math.max(0, Math.min(1, share)) * 100}%`;
  return fill;
}

/** Name (or id) first, then the type's own metrics; wider sections scroll sideways within the panel. */
function sectionOf(section: AssetSection, ctx: FormatContext): HTMLDetailsElement {
  // Columns: asset id, asset name, then the metrics.
  const metrics = section.columns.slice(2);
  const head = el('tr', {}, el('th', { scope: 'col' }, t('report.col.asset_name')), ...metrics.map((c) => el('th', { scope: 'col' }, c.header)));
  const body = section.rows.map((row) => el('tr', {},
    el('th', { scope: 'row' }, String(row[1] || row[0] || '')),
    ...metrics.map((c, i) => el('td', {}, formatReportValue(row[i + 2] ?? null, c.type, ctx)))));
  // Named by its section's title: a screen reader moving from table to table hears which one, and so does the
  // scroll box around a table wider than the panel, which Chromium lets the keyboard reach to scroll it.
  const name = section.title;
  const details = el('details', { class: 'section', open: true, 'data-section': section.id },
    el('summary', {}, t('sidebar.results.section', { title: section.title, count: section.rows.length })),
    el('div', { class: 'table-wrap', role: 'region', 'aria-label': name },
      el('table', { class: 'assets', 'aria-label': name }, el('thead', {}, head), el('tbody', {}, ...body))));
  return details;
}

/**
 * The problems the server listed (the first ones, errors first) under the counts of all of them and, when amounts
 * were left out for their currency, where the workbook currency is set.
 */
function renderProblems({ listed, errors, warnings }: ListedProblems, otherCurrency: boolean): void {
  const summary = [t('sidebar.results.problems', { errors, warnings }), ...(otherCurrency ? [t('addon.currency.where')] : [])].join('. ');
  problems.replaceChildren(...(listed.length > 0 ? [problemBox(summary, listed, errors + warnings - listed.length)] : []));
}

export function setAllSections(open: boolean): void {
  for (const details of sections.querySelectorAll<HTMLDetailsElement>('details.section')) details.open = open;
}
