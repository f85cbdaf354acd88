import type { SeriesPoint } from '../src/core/engine/metrics';
import { formatNumber, localeOf, type FormatContext } from '../src/core/render/formats';
import { CHART_PALETTE, niceAxis } from '../src/core/render/svg-charts';
import { el, t } from './dom';

// The small chart of contacts and sessions over time. The report's SVG charts (svg-charts.ts) are drawn
// 720 px wide for pages and e-mails; in a 300 px sidebar their labels would shrink to nothing, so this one
// is drawn to the panel's size, with the report's axis rounding and colours, and its legend as HTML.

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 276;
const HEIGHT = 150;
const PAD = { top: 8, right: 8, bottom: 22 };
/** The ticks' type: each label is set in it, and measured in it for the room left of the plot. */
const TICK_FONT = '10px Arial, sans-serif';
/** Between a value label and the plot. */
const TICK_GAP = 4;
const SERIES = [
  { key: 'newContacts', label: 'report.col.new_contacts' },
  { key: 'influencedContacts', label: 'report.col.influenced_contacts' },
  { key: 'sessions', label: 'report.col.sessions' },
] as const;
const DASHES = ['', '5 3', '2 2'];

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Record<string, string | number>): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  return node;
}

/** How wide each text is set in the ticks' type, in whatever font the browser takes for Arial. */
function tickWidths(texts: readonly string[]): number[] {
  // A new canvas always gives a 2D context (null is only for one already given another kind).
  const context = document.createElement('canvas').getContext('2d')!;
  context.font = TICK_FONT;
  return texts.map((text) => context.measureText(text).width);
}

export function renderSeriesChart(points: readonly SeriesPoint[], ctx: FormatContext): HTMLElement {
  const names = SERIES.map((s) => t(s.label));
  if (points.length === 0) return el('p', { class: 'secondary' }, t('render.no_data'));
  const max = Math.max(0, ...points.flatMap((p) => SERIES.map((s) => p[s.key])));
  const axis = niceAxis(0, max, true, 3);
  const tickTexts = axis.ticks.map((tick) => formatNumber(tick, 'integer', ctx));
  // The plot starts right of the widest value label: 100,000 and more show whole.
  const left = Math.ceil(Math.max(...tickWidths(tickTexts))) + TICK_GAP;
  const plotWidth = WIDTH - left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const x = (i: number) => left + (points.length === 1 ? plotWidth / 2 : (i / (points.length - 1)) * plotWidth);
  const y = (v: number) => PAD.top + plotHeight - ((v - axis.min) / (axis.max - axis.min)) * plotHeight;

  const root = svg('svg', { width: WIDTH, height: HEIGHT, viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', class: 'chart' });
  root.setAttribute('aria-label', t('render.chart.line', {
    series: new Intl.ListFormat(localeOf(ctx.lang), { type: 'conjunction' }).format(names),
    category: t('report.col.period'),
  }));
  axis.ticks.forEach((tick, i) => {
    root.append(svg('line', { x1: left, x2: WIDTH - PAD.right, y1: y(tick), y2: y(tick), class: 'grid' }));
    const label = svg('text', { x: left - TICK_GAP, y: y(tick) + 4, 'text-anchor': 'end', class: 'tick', style: `font: ${TICK_FONT}` });
    label.textContent = tickTexts[i];
    root.append(label);
  });
  // First and last period only: a 276 px axis has no room for more labels.
  const ends = points.length === 1 ? [0] : [0, points.length - 1];
  for (const i of ends) {
    const label = svg('text', { x: x(i), y: HEIGHT - 6, 'text-anchor': points.length === 1 ? 'middle' : i === 0 ? 'start' : 'end', class: 'tick', style: `font: ${TICK_FONT}` });
    label.textContent = points[i].period;
    root.append(label);
  }
  SERIES.forEach((series, s) => {
    const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)} ${y(p[series.key]).toFixed(1)}`).join(' ');
    const line = svg('path', { d: path, fill: 'none', stroke: CHART_PALETTE[s], 'stroke-width': 2 });
    if (DASHES[s]) line.setAttribute('stroke-dasharray', DASHES[s]);
    root.append(line);
    if (points.length === 1) root.append(svg('circle', { cx: x(0), cy: y(points[0][series.key]), r: 3, fill: CHART_PALETTE[s] }));
  });

  const legend = el('ul', { class: 'legend' }, ...SERIES.map((series, s) => {
    const swatch = el('span', { class: 'swatch', 'aria-hidden': 'true' });
    swatch.style.borderTopColor = CHART_PALETTE[s];
    if (DASHES[s]) swatch.style.borderTopStyle = s === 1 ? 'dashed' : 'dotted';
    const total = points.reduce((sum, p) => sum + p[series.key], 0);
    return el('li', {}, swatch, t('sidebar.chart.total', { series: names[s], total: formatNumber(total, 'integer', ctx) }));
  }));
  // The figures the lines draw, for a screen reader (the picture only names its series).
  const values = el('table', {},
    el('caption', {}, root.getAttribute('aria-label')!),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, t('report.col.period')), ...names.map((name) => el('th', { scope: 'col' }, name)))),
    el('tbody', {}, ...points.map((p) => el('tr', {},
      el('th', { scope: 'row' }, p.period), ...SERIES.map((series) => el('td', {}, formatNumber(p[series.key], 'integer', ctx)))))));
  const figure = el('figure', { class: 'chart-box' });
  // A table takes the width its cells need: the box around it is what is kept out of sight.
  figure.append(root, legend, el('div', { class: 'visually-hidden' }, values));
  return figure;
}
