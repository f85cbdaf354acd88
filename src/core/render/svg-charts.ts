// Report charts as inline SVG, drawn by hand so the HTML page (and an e-mail digest) needs no library
// and no network. Output is a pure function of the table: same table, same string.
// No xmlns attribute: inside HTML the parser puts <svg> in the SVG namespace, and the page holds no URL.
import { type MessageId, formatMessage } from '../messages';
import type { ChartKind, ChartSpec, ReportTable } from '../report/table';
import { chartColumns } from './chart-columns';
import { type FormatContext, type NumericType, formatNumber, formatReportValue, isNumericType, localeOf } from './formats';
import { escapeMarkup as esc } from './markup';

/** Okabe–Ito colours, told apart by the common colour-vision deficiencies; grey last for "Other". */
export const CHART_PALETTE = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#999999'] as const;
// Lines also differ by dash, so series stay apart without colour (and in black-and-white print). Five dashes
// against eight colours: no two of the first 40 series share both.
const LINE_DASHES = ['', '6 4', '2 3', '10 3 2 3', '14 4'];
/**
 * Bars and slices beyond the palette repeat its colours with a white pattern on top (stripes, then dots, then
 * a cross-hatch), so every series of a chart keeps a look of its own: the model comparison has 11.
 */
const FILL_PATTERNS = ['stripes', 'dots', 'cross'] as const;

const WIDTH = 720;
const FONT_SIZE = 12;
/** Average glyph width of a 12px sans-serif: close enough to size margins and truncate labels. */
const CHAR_WIDTH = 6.5;
const PAD = 8;
const PLOT_HEIGHT = 240;
const LEGEND_ROW = 20;
const LEGEND_LABEL_CHARS = 40;
/** Above this many points a line gets no point markers: they would merge into a blur. */
const MARKER_LIMIT = 60;
const X_LABEL_CHARS = 14;
/** Category labels of a column chart too tight to stand upright are slanted at this angle, cut to these many characters. */
const SLANT_DEGREES = 40;
const SLANTED_LABEL_CHARS = 22;
/** The least distance between two slanted labels' lines: the font's height and a little air. */
const SLANTED_LINE_HEIGHT = FONT_SIZE + 2;
/** Bar labels may take up to this share of the chart's width. */
const BAR_LABEL_SHARE = 0.42;
/** A pie shows at most this many slices; the smallest beyond it are summed as "Other". */
const MAX_SLICES = 8;
const PIE_RADIUS = 120;
const PIE_LABEL_CHARS = 36;
const TEXT_COLOUR = '#333333';
const GRID_COLOUR = '#e0e0e0';
const AXIS_COLOUR = '#666666';

const DESCRIPTION: Record<ChartKind, MessageId> = {
  line: 'render.chart.line', column: 'render.chart.column', bar: 'render.chart.bar', pie: 'render.chart.pie',
};

interface Series {
  name: string;
  type: NumericType;
  /** Aligned with the categories; null where the table has no number. */
  values: (number | null)[];
}

interface ChartData {
  categoryName: string;
  categories: string[];
  series: Series[];
}

/** A value axis: from min to max in steps of step (1, 2 or 5 times a power of ten). */
export interface Axis {
  min: number;
  max: number;
  step: number;
  ticks: number[];
  /** Decimals the step needs, e.g. 1 for a step of 0.5. */
  decimals: number;
}

/** An axis with round ticks that covers lo..hi in about `target` steps; counts never get fractional steps. */
export function niceAxis(lo: number, hi: number, wholeNumbers: boolean, target = 5): Axis {
  if (!(hi > lo)) hi = lo + 1;
  const rough = (hi - lo) / target;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const norm = rough / magnitude;
  let step = Number(((norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10) * magnitude).toPrecision(12));
  if (wholeNumbers && step < 1) step = 1;
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  const round = (v: number) => Number(v.toFixed(decimals));
  // The epsilon keeps a bound that is already on a tick (up to float noise) from adding an empty step.
  const min = round(Math.floor(lo / step + 1e-9) * step);
  const max = round(Math.ceil(hi / step - 1e-9) * step);
  const count = Math.round((max - min) / step);
  const ticks = Array.from({ length: count + 1 }, (_, i) => round(min + i * step));
  return { min, max, step, ticks, decimals };
}

/** The chart of a table as one <svg> element; a chart with nothing to draw says "No data". */
export function renderChartSvg(table: ReportTable, chart: ChartSpec, ctx: FormatContext): string {
  const data = chartData(table, chart, ctx);
  const list = new Intl.ListFormat(localeOf(ctx.lang), { type: 'conjunction' });
  const description = formatMessage(DESCRIPTION[chart.kind], {
    series: list.format(data.series.map((s) => s.name)), category: data.categoryName,
  }, ctx.lang);
  const frame: Frame = { idBase: `chart-${table.id}`, title: chart.title, description };
  const hasValues = data.categories.length > 0 && data.series.some((s) => s.values.some((v) => v !== null));
  if (!hasValues) return noDataSvg(frame, ctx);
  switch (chart.kind) {
    case 'line': return lineChart(data, frame, ctx);
    case 'column': return barChart(data, frame, ctx, false);
    case 'bar': return barChart(data, frame, ctx, true);
    case 'pie': return pieChart(data, frame, ctx);
  }
}

function chartData(table: ReportTable, chart: ChartSpec, ctx: FormatContext): ChartData {
  const { category, series } = chartColumns(table, chart);
  const categoryColumn = table.columns[category];
  return {
    categoryName: categoryColumn.header,
    categories: table.rows.map((row) => formatReportValue(row[category], categoryColumn.type, ctx)),
    series: series.map((index) => {
      const c = table.columns[index];
      return {
        name: c.header,
        type: isNumericType(c.type) ? c.type : 'number',
        values: table.rows.map((row) => {
          const v = row[index];
          return typeof v === 'number' && Number.isFinite(v) ? v : null;
        }),
      };
    }),
  };
}

// --- SVG building blocks ---

interface Frame {
  idBase: string;
  title: string;
  description: string;
}

/** Coordinates with at most 2 decimals: short, and identical across runs. */
const n = (v: number) => String(Math.round(v * 100) / 100);

const attrs = (a: Record<string, string | number>) =>
  Object.entries(a).map(([k, v]) => ` ${k}="${typeof v === 'number' ? n(v) : esc(v)}"`).join('');

function svgRoot(frame: Frame, height: number, body: string): string {
  const titleId = `${frame.idBase}-title`;
  const descId = `${frame.idBase}-desc`;
  return `<svg${attrs({
    class: 'chart', role: 'img', 'aria-labelledby': `${titleId} ${descId}`, width: WIDTH, height, viewBox: `0 0 ${WIDTH} ${n(height)}`,
    'font-family': 'Helvetica, Arial, sans-serif', 'font-size': FONT_SIZE, fill: TEXT_COLOUR,
  })}><title id="${esc(titleId)}">${esc(frame.title)}</title><desc id="${esc(descId)}">${esc(frame.description)}</desc>${body}</svg>`;
}

/** Text cut to maxChars (counted in characters, not UTF-16 units) with an ellipsis. */
function clip(text: string, maxChars: number): string {
  const chars = Array.from(text);
  return chars.length > maxChars ? `${chars.slice(0, Math.max(1, maxChars - 1)).join('')}\u2026` : text;
}

/** A <text>; when `shown` is shorter than `full`, the full text shows as a tooltip. */
function textElement(x: number, y: number, shown: string, full: string, anchor: 'start' | 'middle' | 'end', transform?: string): string {
  return `<text${attrs({ x, y, 'text-anchor': anchor, ...(transform === undefined ? {} : { transform }) })}>${esc(shown)}${shown !== full ? `<title>${esc(full)}</title>` : ''}</text>`;
}

/**
 * Texts cut to maxChars each so that different texts stay different: where two would be cut to the same
 * label ("Launch announcement (su…" twice), each keeps its start and, after an ellipsis, the part where it
 * differs from the others ("Launch anno…subject A)"). Equal texts keep equal labels.
 */
export function distinctLabels(texts: readonly string[], maxChars: number): string[] {
  const shown = texts.map((text) => clip(text, maxChars));
  const groups = new Map<string, number[]>();
  shown.forEach((label, i) => groups.set(label, [...(groups.get(label) ?? []), i]));
  for (const members of groups.values()) {
    const distinct = [...new Set(members.map((i) => texts[i]))];
    if (distinct.length < 2) continue;
    const chars = distinct.map((t) => Array.from(t));
    let common = 0;
    while (chars.every((c) => common < c.length && c[common] === chars[0][common])) common++;
    for (const i of members) {
      const text = Array.from(texts[i]);
      if (text.length <= maxChars) continue;
      // The tail starts at the word where the texts differ (or just before the difference in a long word).
      let from = Math.max(1, common - 2);
      for (let j = common - 1; j > 0 && common - j <= 12; j--) {
        if (/\s/.test(text[j - 1])) {
          from = j;
          break;
        }
      }
      const tail = text.slice(from);
      if (tail.length + 2 <= maxChars) {
        // Head, ellipsis, the rest of the text: "Newsletter June: attribution basi…subject A)".
        shown[i] = `${text.slice(0, maxChars - 1 - tail.length).join('')}\u2026${tail.join('')}`;
      } else {
        // A third for the head, the rest for the differing part, cut again at its end.
        const head = Math.max(1, Math.floor((maxChars - 2) / 3));
        shown[i] = `${text.slice(0, head).join('')}\u2026${tail.slice(0, Math.max(1, maxChars - head - 2)).join('')}\u2026`;
      }
    }
  }
  return shown;
}

const textWidth = (text: string, maxChars = Infinity) => Math.min(Array.from(text).length, maxChars) * CHAR_WIDTH;

const colour = (i: number) => CHART_PALETTE[i % CHART_PALETTE.length];

/** The SVG <pattern> of series i when the palette alone does not set it apart, else null. */
function fillPattern(i: number, idBase: string): { id: string; svg: string } | null {
  const round = Math.floor(i / CHART_PALETTE.length);
  if (round === 0) return null;
  const kind = FILL_PATTERNS[(round - 1) % FILL_PATTERNS.length];
  const id = `${idBase}-fill-${i}`;
  const base = `<rect${attrs({ width: 8, height: 8, fill: colour(i) })}/>`;
  const marks = kind === 'stripes'
    ? `<line${attrs({ x1: 0, y1: 0, x2: 0, y2: 8, stroke: '#ffffff', 'stroke-width': 3 })}/>`
    : kind === 'dots'
      ? `<circle${attrs({ cx: 4, cy: 4, r: 1.8, fill: '#ffffff' })}/>`
      : `<path${attrs({ d: 'M 0 4 H 8 M 4 0 V 8', stroke: '#ffffff', 'stroke-width': 1.5 })}/>`;
  const transform: Record<string, string> = kind === 'dots' ? {} : { patternTransform: 'rotate(45)' };
  return { id, svg: `<pattern${attrs({ id, patternUnits: 'userSpaceOnUse', width: 8, height: 8, ...transform })}>${base}${marks}</pattern>` };
}

/** The fill of series i: its colour, or a reference to its pattern (defined by seriesDefs). */
const seriesFill = (i: number, idBase: string) => {
  const pattern = fillPattern(i, idBase);
  return pattern === null ? colour(i) : `url(#${pattern.id})`;
};

/** The <defs> holding the patterns of `count` series ('' when the palette suffices). */
function seriesDefs(count: number, idBase: string): string {
  const patterns = Array.from({ length: count }, (_, i) => fillPattern(i, idBase)).filter((p) => p !== null);
  return patterns.length === 0 ? '' : `<defs>${patterns.map((p) => p.svg).join('')}</defs>`;
}

interface LegendItem {
  text: string;
  swatch: (x: number, y: number) => string;
}

/** Legend entries flowing left to right, wrapping within the width; y is the top of the first row. */
function legend(items: LegendItem[], x0: number, y0: number, width: number): { svg: string; height: number } {
  let x = x0;
  let y = y0;
  const parts: string[] = [];
  const shown = distinctLabels(items.map((item) => item.text), LEGEND_LABEL_CHARS);
  for (const [i, item] of items.entries()) {
    const itemWidth = 20 + textWidth(item.text, LEGEND_LABEL_CHARS) + 16;
    if (x > x0 && x + itemWidth > x0 + width) {
      x = x0;
      y += LEGEND_ROW;
    }
    parts.push(item.swatch(x, y), textElement(x + 20, y + 11, shown[i], item.text, 'start'));
    x += itemWidth;
  }
  return { svg: `<g class="legend">${parts.join('')}</g>`, height: y - y0 + LEGEND_ROW };
}

const boxSwatch = (fill: string) => (x: number, y: number) =>
  `<rect${attrs({ class: 'swatch', x, y: y + 1, width: 14, height: 12, fill })}/>`;

const lineSwatch = (i: number) => (x: number, y: number) =>
  `<line${attrs({ x1: x, y1: y + 7, x2: x + 14, y2: y + 7, stroke: colour(i), 'stroke-width': 2, ...dash(i) })}/>`;

const dash = (i: number): Record<string, string> => {
  const pattern = LINE_DASHES[i % LINE_DASHES.length];
  return pattern ? { 'stroke-dasharray': pattern } : {};
};

/** Tick labels show as many decimals as the step needs (percent ticks count in whole percent). */
function tickLabel(value: number, axis: Axis, type: NumericType, ctx: FormatContext): string {
  const decimals = type === 'integer' ? 0 : type === 'percent' ? Math.max(0, axis.decimals - 2) : axis.decimals;
  return formatNumber(value, type, ctx, decimals);
}

function valueAxis(data: ChartData, target: number): Axis {
  const values = data.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const wholeNumbers = data.series.every((s) => s.type === 'integer');
  return niceAxis(Math.min(0, ...values), Math.max(0, ...values), wholeNumbers, target);
}

function pointTitle(data: ChartData, seriesIndex: number, i: number, ctx: FormatContext): string {
  const s = data.series[seriesIndex];
  const value = s.values[i];
  return formatMessage('render.point', {
    category: data.categories[i], series: s.name, value: value === null ? '' : formatNumber(value, s.type, ctx),
  }, ctx.lang);
}

function noDataSvg(frame: Frame, ctx: FormatContext): string {
  const height = 120;
  return svgRoot(frame, height, `<rect${attrs({ x: 0.5, y: 0.5, width: WIDTH - 1, height: height - 1, fill: 'none', stroke: GRID_COLOUR })}/>`
    + `<text${attrs({ class: 'no-data', x: WIDTH / 2, y: height / 2 + 5, 'text-anchor': 'middle', 'font-size': 14 })}>${esc(formatMessage('render.no_data', {}, ctx.lang))}</text>`);
}

// --- Line and column charts: categories across, values up ---

interface VerticalPlot {
  svg: string;
  height: number;
  band: number;
  /** Left edge of category i's band. */
  bandStart: (i: number) => number;
  y: (value: number) => number;
}

/**
 * Legend, gridlines, value ticks and category labels shared by line and column charts. A line's categories
 * are periods, which read fine when only every k-th is labelled; a column chart's are campaigns or assets,
 * each of which needs its label (`labelEvery`), slanted when upright ones would overlap.
 */
function verticalPlot(data: ChartData, ctx: FormatContext, legendItems: LegendItem[], labelEvery: boolean): VerticalPlot {
  const axis = valueAxis(data, 5);
  const type = data.series[0].type;
  const tickTexts = axis.ticks.map((t) => tickLabel(t, axis, type, ctx));
  const tickLeft = PAD + Math.max(...tickTexts.map((t) => textWidth(t))) + 8;
  const right = WIDTH - PAD - 8;
  const count = data.categories.length;
  // Label every k-th category so that labels never overlap; each gets the room of k bands.
  const every = Math.max(1, Math.ceil((X_LABEL_CHARS * CHAR_WIDTH + 8) / ((right - tickLeft) / count)));
  const slanted = labelEvery && every > 1;
  const slant = (SLANT_DEGREES * Math.PI) / 180;
  const uprightChars = Math.max(3, Math.min(30, Math.floor((((right - tickLeft) / count) * every - 8) / CHAR_WIDTH)));
  const shown = distinctLabels(data.categories, slanted ? SLANTED_LABEL_CHARS : uprightChars);
  // Slanted labels reach left of their band: the plot moves right until each fits (label i ends at
  // x = left + (i + ½)(right − left) / count, and x − its reach ≥ PAD, solved for left).
  const left = !slanted ? tickLeft : Math.max(tickLeft, ...shown.map((label, i) => {
    const share = (i + 0.5) / count;
    return (PAD + textWidth(label) * Math.cos(slant) - share * right) / (1 - share);
  }));
  const key = legend(legendItems, left, PAD, right - left);
  const top = PAD + key.height + PAD;
  const bottom = top + PLOT_HEIGHT;
  const y = (v: number) => bottom - ((v - axis.min) / (axis.max - axis.min)) * PLOT_HEIGHT;
  const band = (right - left) / count;
  const bandStart = (i: number) => left + i * band;

  const grid = axis.ticks.map((t, i) => `<line${attrs({ x1: left, y1: y(t), x2: right, y2: y(t), stroke: GRID_COLOUR })}/>`
    + `<text${attrs({ x: left - 6, y: y(t) + 4, 'text-anchor': 'end' })}>${esc(tickTexts[i])}</text>`).join('');
  // Centred under their band, but never past the chart's edges (a long first label would lose its start).
  const labelX = (i: number) => {
    const half = textWidth(shown[i]) / 2;
    return Math.min(WIDTH - PAD - half, Math.max(PAD + half, bandStart(i) + band / 2));
  };
  // A slanted label ends under its band's centre and rises to the left.
  const slantedLabel = (i: number) => {
    const x = bandStart(i) + band / 2;
    return textElement(x, bottom + 14, shown[i], data.categories[i], 'end', `rotate(-${SLANT_DEGREES} ${n(x)} ${bottom + 14})`);
  };
  // Slanted labels stand band × sin(slant) apart: under a line's height they would run together, so then
  // only every k-th is labelled, as a line chart's are (the bars keep their names as tooltips).
  const slantedEvery = Math.max(1, Math.ceil(SLANTED_LINE_HEIGHT / (band * Math.sin(slant))));
  const categoryLabels = data.categories.map((c, i) => {
    if (slanted) return i % slantedEvery === 0 ? slantedLabel(i) : '';
    return i % every === 0 ? textElement(labelX(i), bottom + 16, shown[i], c, 'middle') : '';
  }).join('');
  const labelDepth = slanted
    ? Math.ceil(Math.max(...shown.map((label) => textWidth(label))) * Math.sin(slant)) + 24
    : 28;
  const axes = `<line${attrs({ x1: left, y1: top, x2: left, y2: bottom, stroke: AXIS_COLOUR })}/>`
    + `<line${attrs({ x1: left, y1: y(0), x2: right, y2: y(0), stroke: AXIS_COLOUR })}/>`;
  return {
    svg: `${key.svg}<g class="grid">${grid}</g><g class="axis">${axes}${categoryLabels}</g>`,
    height: bottom + labelDepth,
    band,
    bandStart,
    y,
  };
}

function lineChart(data: ChartData, frame: Frame, ctx: FormatContext): string {
  const plot = verticalPlot(data, ctx, data.series.map((s, i) => ({ text: s.name, swatch: lineSwatch(i) })), false);
  const x = (i: number) => plot.bandStart(i) + plot.band / 2;
  const markers = data.categories.length <= MARKER_LIMIT;
  const lines = data.series.map((s, si) => {
    // A missing value is skipped: the line joins its neighbours, and the point has no marker.
    const points = s.values.flatMap((v, i) => (v === null ? [] : [`${n(x(i))},${n(plot.y(v))}`]));
    const line = `<polyline${attrs({ class: 'line', fill: 'none', stroke: colour(si), 'stroke-width': 2, ...dash(si), points: points.join(' ') })}><title>${esc(s.name)}</title></polyline>`;
    const dots = markers ? s.values.map((v, i) => (v === null ? '' : `<circle${attrs({ class: 'point', cx: x(i), cy: plot.y(v), r: 3, fill: colour(si) })}><title>${esc(pointTitle(data, si, i, ctx))}</title></circle>`)).join('') : '';
    return `<g class="series">${line}${dots}</g>`;
  }).join('');
  return svgRoot(frame, plot.height, plot.svg + lines);
}

// --- Column (vertical) and bar (horizontal) charts: one group of bars per category ---

function barChart(data: ChartData, frame: Frame, ctx: FormatContext, horizontal: boolean): string {
  const defs = seriesDefs(data.series.length, frame.idBase);
  const legendItems = data.series.map((s, i) => ({ text: s.name, swatch: boxSwatch(seriesFill(i, frame.idBase)) }));
  const bar = (si: number, i: number, x: number, y: number, width: number, height: number) =>
    `<rect${attrs({ class: 'bar', x, y, width, height, fill: seriesFill(si, frame.idBase) })}><title>${esc(pointTitle(data, si, i, ctx))}</title></rect>`;
  const groups = (place: (si: number, i: number, v: number) => string) => data.series.map((s, si) =>
    `<g class="series">${s.values.map((v, i) => (v === null ? '' : place(si, i, v))).join('')}</g>`).join('');

  if (!horizontal) {
    const plot = verticalPlot(data, ctx, legendItems, true);
    const barWidth = (plot.band * 0.8) / data.series.length;
    const zero = plot.y(0);
    const bars = groups((si, i, v) => bar(si, i, plot.bandStart(i) + plot.band * 0.1 + si * barWidth,
      Math.min(plot.y(v), zero), barWidth, Math.abs(zero - plot.y(v))));
    return svgRoot(frame, plot.height, defs + plot.svg + bars);
  }

  const axis = valueAxis(data, 6);
  const type = data.series[0].type;
  // Labels as long as they are, up to a share of the width; beyond it cut, each still told apart from the others.
  const labelChars = Math.floor((WIDTH * BAR_LABEL_SHARE - PAD - 8) / CHAR_WIDTH);
  const shownCategories = distinctLabels(data.categories, labelChars);
  const left = PAD + Math.min(labelChars, Math.max(...data.categories.map((c) => Array.from(c).length))) * CHAR_WIDTH + 8;
  const lastTick = tickLabel(axis.max, axis, type, ctx);
  const right = WIDTH - PAD - textWidth(lastTick) / 2;
  const key = legend(legendItems, left, PAD, right - left);
  const top = PAD + key.height + PAD;
  const band = Math.max(22, data.series.length * 12 + 10);
  const bottom = top + band * data.categories.length;
  const x = (v: number) => left + ((v - axis.min) / (axis.max - axis.min)) * (right - left);
  const grid = axis.ticks.map((t) => `<line${attrs({ x1: x(t), y1: top, x2: x(t), y2: bottom, stroke: GRID_COLOUR })}/>`
    + `<text${attrs({ x: x(t), y: bottom + 16, 'text-anchor': 'middle' })}>${esc(tickLabel(t, axis, type, ctx))}</text>`).join('');
  const categoryLabels = data.categories.map((c, i) => textElement(left - 6, top + i * band + band / 2 + 4, shownCategories[i], c, 'end')).join('');
  const axes = `<line${attrs({ x1: x(0), y1: top, x2: x(0), y2: bottom, stroke: AXIS_COLOUR })}/>`;
  const barHeight = (band * 0.8) / data.series.length;
  const zero = x(0);
  const bars = groups((si, i, v) => bar(si, i, Math.min(x(v), zero), top + i * band + band * 0.1 + si * barHeight,
    Math.abs(x(v) - zero), barHeight));
  return svgRoot(frame, bottom + 28, `${defs}${key.svg}<g class="grid">${grid}</g><g class="axis">${axes}${categoryLabels}</g>${bars}`);
}

// --- Pie: the first series, slices clockwise from 12 o'clock, legend with value and share ---

interface Slice {
  category: string;
  value: number;
}

/** Positive values only (a pie cannot show a negative share); beyond MAX_SLICES the smallest become "Other". */
function pieSlices(data: ChartData, ctx: FormatContext): Slice[] {
  const slices = data.categories
    .map((category, i) => ({ category, value: data.series[0].values[i] ?? 0, i }))
    .filter((s) => s.value > 0);
  if (slices.length <= MAX_SLICES) return slices;
  const kept = new Set([...slices].sort((a, b) => b.value - a.value || a.i - b.i).slice(0, MAX_SLICES - 1).map((s) => s.i));
  const other = slices.filter((s) => !kept.has(s.i)).reduce((sum, s) => sum + s.value, 0);
  return [...slices.filter((s) => kept.has(s.i)), { category: formatMessage('render.other', {}, ctx.lang), value: other }];
}

function pieChart(data: ChartData, frame: Frame, ctx: FormatContext): string {
  const slices = pieSlices(data, ctx);
  const total = slices.reduce((sum, s) => sum + s.value, 0);
  if (total <= 0) return noDataSvg(frame, ctx);
  const type = data.series[0].type;
  const height = Math.max(2 * (PIE_RADIUS + PAD * 2), slices.length * LEGEND_ROW + PAD * 4);
  const cx = PAD * 2 + PIE_RADIUS;
  const cy = height / 2;
  const point = (turn: number) => `${n(cx + PIE_RADIUS * Math.sin(turn * 2 * Math.PI))} ${n(cy - PIE_RADIUS * Math.cos(turn * 2 * Math.PI))}`;
  const arc = (largeArc: boolean, end: number) => `A ${PIE_RADIUS} ${PIE_RADIUS} 0 ${largeArc ? 1 : 0} 1 ${point(end)}`;
  const legendX = cx + PIE_RADIUS + PAD * 4;
  const legendTop = cy - (slices.length * LEGEND_ROW) / 2;
  let start = 0;
  const shown = distinctLabels(slices.map((s) => s.category), PIE_LABEL_CHARS);
  const parts = slices.map((s, i) => {
    const share = s.value / total;
    const end = start + share;
    const sliceText = (category: string) => formatMessage('render.slice', {
      category, value: formatNumber(s.value, type, ctx), share: formatNumber(share, 'percent', ctx),
    }, ctx.lang);
    const text = sliceText(s.category);
    // A lone slice is the full circle, which one arc cannot draw: two half circles instead.
    const d = slices.length === 1
      ? `M ${point(0)} ${arc(true, 0.5)} ${arc(true, 1)} Z`
      : `M ${n(cx)} ${n(cy)} L ${point(start)} ${arc(share > 0.5, end)} Z`;
    start = end;
    const y = legendTop + i * LEGEND_ROW;
    return {
      slice: `<path${attrs({ class: 'slice', d, fill: colour(i), stroke: '#ffffff', 'stroke-width': 1 })}><title>${esc(text)}</title></path>`,
      key: boxSwatch(colour(i))(legendX, y) + textElement(legendX + 20, y + 11, sliceText(shown[i]), text, 'start'),
    };
  });
  return svgRoot(frame, height, `<g class="series">${parts.map((p) => p.slice).join('')}</g><g class="legend">${parts.map((p) => p.key).join('')}</g>`);
}
