// A report document as one self-contained HTML page (the command line's --html, and e-mail digests):
// inline CSS, charts as inline SVG, no script and no external resource, so it opens offline and prints.
import { type Language, formatMessage } from '../messages';
import type { ReportColumn, ReportDocument, ReportTable, ReportValue } from '../report/table';
import { type FormatContext, formatReportValue, isNumericType } from './formats';
import { escapeMarkup as esc } from './markup';
import { renderChartSvg } from './svg-charts';
import { cutRows } from './cut-rows';

const STYLE = `
body{margin:0;background:#fff;color:#222;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;line-height:1.45}
.page{max-width:1040px;margin:0 auto;padding:24px 20px 48px}
h1{font-size:1.8rem;margin:0 0 .5rem}
h2{font-size:1.35rem;margin:0 0 .25rem;padding-bottom:.25rem;border-bottom:2px solid #0072B2}
.provenance{list-style:none;margin:0;padding:0;color:#555;font-size:.9rem}
.notice{margin:1rem 0 0;padding:.6rem .9rem;border-left:4px solid #D55E00;background:#fdf3ec}
nav{margin:1.5rem 0;padding:.75rem 1rem;background:#f5f7fa;border-radius:6px}
nav h2{font-size:1rem;border:0;padding:0}
nav ol{margin:.25rem 0 0;padding-left:1.5rem;columns:2 16rem}
a{color:#005a8c}
section{margin-top:2.5rem}
.subtitle{margin:.25rem 0 0;color:#555}
figure{margin:1rem 0;overflow-x:auto}
figcaption{font-weight:600;margin-bottom:.5rem}
svg.chart{display:block;max-width:100%;min-width:540px;height:auto}
.table-wrap{overflow-x:auto;margin-top:1rem}
table{border-collapse:collapse;font-size:.9rem}
th,td{padding:.35rem .65rem;border-bottom:1px solid #e3e3e3;text-align:left;vertical-align:top}
thead th{background:#f0f4f8;border-bottom:2px solid #c5d0db}
tbody tr:nth-child(even){background:#fafbfc}
tfoot td{font-weight:700;border-top:2px solid #888;border-bottom:0}
.num{text-align:right;font-variant-numeric:tabular-nums}
td.num{white-space:nowrap}
thead th{white-space:normal;overflow-wrap:normal;hyphens:auto;min-width:4.5em}
.empty{color:#999}
.no-data{color:#777;font-style:italic}
@page{size:landscape;margin:12mm}
@media print{nav{display:none}figure{overflow:visible;break-inside:avoid}svg.chart{min-width:0;max-height:165mm}h2,.subtitle{break-after:avoid}section{break-inside:avoid-page}a{color:inherit;text-decoration:none}.page{max-width:none;padding:0}.table-wrap{overflow:visible}table{width:100%;font-size:7.5pt}table.wide{font-size:6.5pt}th,td{padding:.15rem .25rem}thead th{min-width:0}td{overflow-wrap:anywhere}thead{display:table-header-group}tr{break-inside:avoid}}
`.trim();

/** Renders every table of the document, in order, with its chart; numbers formatted for the language. */
export function renderHtmlReport(doc: ReportDocument, lang: Language): string {
  const ctx: FormatContext = { lang, currency: doc.provenance.currency, ...(doc.locale === undefined ? {} : { locale: doc.locale }) };
  const contents = formatMessage('render.contents', {}, lang);
  return [
    '<!DOCTYPE html>',
    `<html lang="${lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(doc.title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<div class="page">',
    '<header>',
    `<h1>${esc(doc.title)}</h1>`,
    `<ul class="provenance">${doc.provenanceLines.map((line) => `<li>${esc(line)}</li>`).join('')}</ul>`,
    ...(doc.notice === null ? [] : [`<p class="notice" role="note">${esc(doc.notice)}</p>`]),
    '</header>',
    `<nav aria-labelledby="report-contents"><h2 id="report-contents">${esc(contents)}</h2><ol>`
      + doc.tables.map((t) => `<li><a href="#${esc(encodeURIComponent(t.id))}">${esc(t.title)}</a></li>`).join('')
      + '</ol></nav>',
    '<main>',
    ...doc.tables.map((t) => tableSection(t, ctx)),
    '</main>',
    '</div>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/**
 * The most rows a table shows on the page: more is no reading matter (a drill-down of millions of interactions
 * would also make a page no browser opens, or more text than a JavaScript string holds).
 */
const PAGE_ROWS = 5_000;

function tableSection(whole: ReportTable, ctx: FormatContext): string {
  const { table, note } = cutRows(whole, PAGE_ROWS, ctx.lang, ctx.locale);
  const subtitle = table.subtitle === null ? '' : `<p class="subtitle">${esc(table.subtitle)}</p>`;
  const chart = table.chart === null ? ''
    : `<figure><figcaption>${esc(table.chart.title)}</figcaption>${renderChartSvg(whole, table.chart, ctx)}</figure>`;
  const cut = note === null ? '' : `\n<p class="subtitle">${esc(note)}</p>`;
  return `<section id="${esc(table.id)}">\n<h2 id="${esc(table.id)}-title">${esc(table.title)}</h2>${subtitle}\n${chart}\n${dataTable(table, ctx)}${cut}\n</section>`;
}

function dataTable(table: ReportTable, ctx: FormatContext): string {
  const head = table.columns.map((c) => `<th scope="col"${numClass(c)}>${esc(c.header)}</th>`).join('');
  const body = table.rows.length === 0
    ? `<tr><td class="no-data" colspan="${table.columns.length}">${esc(formatMessage('render.no_data', {}, ctx.lang))}</td></tr>`
    : table.rows.map((row) => `<tr>${row.map((v, i) => cell(v, table.columns[i], ctx)).join('')}</tr>`).join('\n');
  const foot = table.totals === null ? ''
    : `<tfoot><tr>${table.totals.map((v, i) => (i === 0 && v === null && !isNumericType(table.columns[0].type)
      ? `<td>${esc(formatMessage('render.total', {}, ctx.lang))}</td>`
      : cell(v, table.columns[i], ctx))).join('')}</tr></tfoot>`;
  // Printed, a table cannot scroll: one with many columns gets a smaller type to fit the page.
  const wide = table.columns.length >= WIDE_TABLE_COLUMNS ? ' class="wide"' : '';
  // A screen reader names the table by its section's heading.
  return `<div class="table-wrap"><table${wide} aria-labelledby="${esc(table.id)}-title">\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>${foot}\n</table></div>`;
}

/** Tables with this many columns or more print in a smaller type. */
const WIDE_TABLE_COLUMNS = 9;

const numClass = (column: ReportColumn) => (isNumericType(column.type) ? ' class="num"' : '');

function cell(value: ReportValue, column: ReportColumn, ctx: FormatContext): string {
  if (value === null || (typeof value === 'number' && !Number.isFinite(value))) {
    const cls = isNumericType(column.type) ? 'num empty' : 'empty';
    return `<td class="${cls}" title="${esc(formatMessage('render.empty_cell', {}, ctx.lang))}">${esc(formatReportValue(null, column.type, ctx))}</td>`;
  }
  return `<td${numClass(column)}>${esc(formatReportValue(value, column.type, ctx))}</td>`;
}
