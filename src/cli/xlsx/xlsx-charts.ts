// Native Excel charts added to a workbook that exceljs wrote. exceljs has no chart API (and drops charts
// when it rewrites a file), so we open its output as a zip and add the DrawingML parts ourselves: per chart
// xl/charts/chartN.xml, per sheet with charts xl/drawings/drawingN.xml with its rels, the sheet's
// <drawing r:id> element and rels entry, and the [Content_Types].xml overrides.
import JSZip from 'jszip';
import type { ChartKind } from '../../core/report/table';
import { columnLetters } from '../../core/ingest/columns';

export interface ChartColumn {
  /** 1-based column number on the sheet. */
  column: number;
  /** The header cell's text, cached as the series name. */
  header: string;
  /** The cells from firstRow to lastRow, cached in the chart so viewers that do not recalculate show them. */
  values: (string | number | null)[];
  /** Number format of the cells, for the cache and the value axis. */
  formatCode: string;
}

/** One chart over a block of cells on a worksheet. Rows and columns are 1-based, as Excel shows them. */
export interface WorksheetChart {
  sheetName: string;
  kind: ChartKind;
  title: string;
  /** The row holding the headers; series names reference it. */
  headerRow: number;
  firstRow: number;
  lastRow: number;
  category: ChartColumn;
  /** One series per column (a pie's one: chartColumns). */
  series: ChartColumn[];
  /** Top-left cell of the chart and its size in cells. */
  anchor: { column: number; row: number; columns: number; rows: number };
}

const NS = {
  main: 'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
  rel: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  pkgRel: 'http://schemas.openxmlformats.org/package/2006/relationships',
  chart: 'http://schemas.openxmlformats.org/drawingml/2006/chart',
  drawingMain: 'http://schemas.openxmlformats.org/drawingml/2006/main',
  sheetDrawing: 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing',
};
const REL_TYPE = { drawing: `${NS.rel}/drawing`, chart: `${NS.rel}/chart` };
const CONTENT_TYPE = {
  chart: 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml',
  drawing: 'application/vnd.openxmlformats-officedocument.drawing+xml',
};
const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/**
 * Worksheet children that CT_Worksheet puts after <drawing>: the new element goes before the first of
 * them, or at the end (everything before them, pageMargins, pageSetup, headerFooter…, comes earlier).
 */
const AFTER_DRAWING = ['legacyDrawing', 'legacyDrawingHF', 'drawingHF', 'picture', 'oleObjects', 'controls', 'webPublishItems', 'tableParts', 'extLst'];

/** Returns the workbook `xlsx` with `charts` added. */
export async function addCharts(xlsx: Uint8Array, charts: readonly WorksheetChart[]): Promise<Buffer> {
  const zip = await JSZip.loadAsync(xlsx);
  const sheetParts = await worksheetParts(zip);
  const contentTypes: string[] = [];
  let chartNumber = highestPartNumber(zip, /^xl\/charts\/chart(\d+)\.xml$/);
  let drawingNumber = highestPartNumber(zip, /^xl\/drawings\/drawing(\d+)\.xml$/);

  for (const [sheetName, sheetCharts] of groupBySheet(charts)) {
    const sheetPart = sheetParts.get(sheetName);
    if (sheetPart === undefined) throw new Error(`addCharts: no worksheet named "${sheetName}"`);
    const drawingPart = `xl/drawings/drawing${++drawingNumber}.xml`;
    const anchors: string[] = [];
    const drawingRels: string[] = [];
    sheetCharts.forEach((chart, i) => {
      const chartPart = `xl/charts/chart${++chartNumber}.xml`;
      zip.file(chartPart, chartXml(chart));
      contentTypes.push(override(chartPart, CONTENT_TYPE.chart));
      const rId = `rId${i + 1}`;
      drawingRels.push(relationship(rId, REL_TYPE.chart, `../charts/chart${chartNumber}.xml`));
      anchors.push(anchorXml(chart, rId, i + 1));
    });
    zip.file(drawingPart, `${XML_DECLARATION}<xdr:wsDr xmlns:xdr="${NS.sheetDrawing}" xmlns:a="${NS.drawingMain}">${anchors.join('')}</xdr:wsDr>`);
    zip.file(relsPathOf(drawingPart), relationshipsXml(drawingRels));
    contentTypes.push(override(drawingPart, CONTENT_TYPE.drawing));
    await linkDrawing(zip, sheetPart, `../drawings/drawing${drawingNumber}.xml`);
  }

  const types = await readPart(zip, '[Content_Types].xml');
  zip.file('[Content_Types].xml', types.replace('</Types>', `${contentTypes.join('')}</Types>`));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

function groupBySheet(charts: readonly WorksheetChart[]): Map<string, WorksheetChart[]> {
  const bySheet = new Map<string, WorksheetChart[]>();
  for (const chart of charts) bySheet.set(chart.sheetName, [...(bySheet.get(chart.sheetName) ?? []), chart]);
  return bySheet;
}

/** Sheet name → worksheet part path, read from the workbook and its relationships (not guessed from order). */
async function worksheetParts(zip: JSZip): Promise<Map<string, string>> {
  const targets = new Map<string, string>();
  for (const tag of elements(await readPart(zip, 'xl/_rels/workbook.xml.rels'), 'Relationship')) {
    const a = attributes(tag);
    targets.set(a.Id, a.Target.startsWith('/') ? a.Target.slice(1) : `xl/${a.Target}`);
  }
  const parts = new Map<string, string>();
  for (const tag of elements(await readPart(zip, 'xl/workbook.xml'), 'sheet')) {
    const a = attributes(tag);
    const target = targets.get(a['r:id']);
    if (target !== undefined) parts.set(a.name, target);
  }
  return parts;
}

/** Adds the sheet → drawing relationship and the sheet's <drawing r:id> element. */
async function linkDrawing(zip: JSZip, sheetPart: string, drawingTarget: string): Promise<void> {
  const relsPath = relsPathOf(sheetPart);
  const existing = zip.file(relsPath) ? await readPart(zip, relsPath) : relationshipsXml([]);
  const taken = new Set(elements(existing, 'Relationship').map((tag) => attributes(tag).Id));
  let n = taken.size + 1;
  while (taken.has(`rId${n}`)) n++;
  const rId = `rId${n}`;
  zip.file(relsPath, existing.replace('</Relationships>', `${relationship(rId, REL_TYPE.drawing, drawingTarget)}</Relationships>`));

  const sheet = await readPart(zip, sheetPart);
  // A worksheet holds at most one drawing; our sheets never get one from exceljs (no images).
  if (/<drawing\b/.test(sheet)) throw new Error(`addCharts: ${sheetPart} already has a drawing`);
  const next = new RegExp(`<(?:${AFTER_DRAWING.join('|')})\\b|</worksheet>`).exec(sheet);
  if (next === null) throw new Error(`addCharts: ${sheetPart} is not a worksheet`);
  zip.file(sheetPart, `${sheet.slice(0, next.index)}<drawing r:id="${rId}"/>${sheet.slice(next.index)}`);
}

function chartXml(chart: WorksheetChart): string {
  const sers = chart.series.map((s, i) => seriesXml(chart, s, i)).join('');
  const [catAxId, valAxId] = [500000001, 500000002];
  const axIds = `<c:axId val="${catAxId}"/><c:axId val="${valAxId}"/>`;
  let plot: string;
  if (chart.kind === 'pie') {
    plot = `<c:pieChart><c:varyColors val="1"/>${sers}<c:firstSliceAng val="0"/></c:pieChart>`;
  } else {
    const horizontal = chart.kind === 'bar';
    const kindXml =
      chart.kind === 'line'
        ? `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${sers}<c:marker val="1"/>${axIds}</c:lineChart>`
        : `<c:barChart><c:barDir val="${horizontal ? 'bar' : 'col'}"/><c:grouping val="clustered"/><c:varyColors val="0"/>${sers}<c:gapWidth val="80"/>${axIds}</c:barChart>`;
    // A horizontal bar chart lists the first category at the bottom unless the axis runs max→min; the
    // value axis then crosses at the maximum category so it stays at the bottom.
    const catAx =
      `<c:catAx><c:axId val="${catAxId}"/><c:scaling><c:orientation val="${horizontal ? 'maxMin' : 'minMax'}"/></c:scaling>` +
      `<c:delete val="0"/><c:axPos val="${horizontal ? 'l' : 'b'}"/>${categoryNumFmt(chart.category)}` +
      `<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
      `<c:crossAx val="${valAxId}"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>`;
    const valAx =
      `<c:valAx><c:axId val="${valAxId}"/><c:scaling><c:orientation val="minMax"/></c:scaling>` +
      `<c:delete val="0"/><c:axPos val="${horizontal ? 'b' : 'l'}"/><c:majorGridlines/>` +
      `<c:numFmt formatCode="${escapeXml(chart.series[0]?.formatCode ?? 'General')}" sourceLinked="1"/>` +
      `<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
      `<c:crossAx val="${catAxId}"/><c:crosses val="${horizontal ? 'max' : 'autoZero'}"/><c:crossBetween val="between"/></c:valAx>`;
    plot = kindXml + catAx + valAx;
  }
  return (
    `${XML_DECLARATION}<c:chartSpace xmlns:c="${NS.chart}" xmlns:a="${NS.drawingMain}" xmlns:r="${NS.rel}">` +
    `<c:roundedCorners val="0"/><c:chart>${titleXml(chart.title)}<c:autoTitleDeleted val="0"/>` +
    `<c:plotArea><c:layout/>${plot}</c:plotArea>` +
    `<c:legend><c:legendPos val="${chart.kind === 'pie' ? 'r' : 'b'}"/><c:overlay val="0"/></c:legend>` +
    `<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>`
  );
}

/**
 * The category axis labels' format: date categories (serial numbers in date cells) name it, since not every
 * viewer follows sourceLinked to the cells (LibreOffice then shows the serial numbers); text keeps the cells'.
 */
function categoryNumFmt(category: ChartColumn): string {
  const dates = category.formatCode !== 'General' && category.values.every((v) => v === null || typeof v === 'number');
  return dates ? `<c:numFmt formatCode="${escapeXml(category.formatCode)}" sourceLinked="0"/>` : '<c:numFmt formatCode="General" sourceLinked="1"/>';
}

function titleXml(title: string): string {
  return (
    `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1400" b="1"/></a:pPr>` +
    `<a:r><a:rPr lang="en-US" sz="1400" b="1"/><a:t>${escapeXml(title)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>`
  );
}

/** One c:ser; its children in the order CT_LineSer / CT_BarSer / CT_PieSer require. */
function seriesXml(chart: WorksheetChart, series: ChartColumn, index: number): string {
  const name =
    `<c:tx><c:strRef><c:f>${escapeXml(cellRef(chart.sheetName, series.column, chart.headerRow))}</c:f>` +
    `<c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>${escapeXml(series.header)}</c:v></c:pt></c:strCache></c:strRef></c:tx>`;
  const cat = `<c:cat>${dataRef(chart, chart.category, chart.category.values.every((v) => v === null || typeof v === 'number'))}</c:cat>`;
  const val = `<c:val>${dataRef(chart, series, true)}</c:val>`;
  const head = `<c:idx val="${index}"/><c:order val="${index}"/>${name}`;
  switch (chart.kind) {
    case 'line':
      return `<c:ser>${head}<c:marker><c:symbol val="circle"/><c:size val="5"/></c:marker>${cat}${val}<c:smooth val="0"/></c:ser>`;
    case 'column':
    case 'bar':
      return `<c:ser>${head}<c:invertIfNegative val="0"/>${cat}${val}</c:ser>`;
    case 'pie':
      return (
        `<c:ser>${head}<c:dLbls><c:showLegendKey val="0"/><c:showVal val="0"/><c:showCatName val="0"/>` +
        `<c:showSerName val="0"/><c:showPercent val="1"/><c:showBubbleSize val="0"/><c:showLeaderLines val="1"/></c:dLbls>${cat}${val}</c:ser>`
      );
  }
}

/** A c:numRef or c:strRef over the column's data rows, with its cache; empty cells get no c:pt. */
function dataRef(chart: WorksheetChart, column: ChartColumn, numeric: boolean): string {
  const f = `<c:f>${escapeXml(rangeRef(chart.sheetName, column.column, chart.firstRow, chart.lastRow))}</c:f>`;
  const points = column.values
    .map((v, idx) => {
      if (v === null || (numeric && (typeof v !== 'number' || !Number.isFinite(v)))) return '';
      return `<c:pt idx="${idx}"><c:v>${escapeXml(String(v))}</c:v></c:pt>`;
    })
    .join('');
  const count = `<c:ptCount val="${column.values.length}"/>`;
  return numeric
    ? `<c:numRef>${f}<c:numCache><c:formatCode>${escapeXml(column.formatCode)}</c:formatCode>${count}${points}</c:numCache></c:numRef>`
    : `<c:strRef>${f}<c:strCache>${count}${points}</c:strCache></c:strRef>`;
}

function anchorXml(chart: WorksheetChart, rId: string, id: number): string {
  const { column, row, columns, rows } = chart.anchor;
  // xdr:col and xdr:row are 0-based.
  const corner = (tag: string, col: number, r: number) =>
    `<xdr:${tag}><xdr:col>${col - 1}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${r - 1}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
  return (
    `<xdr:twoCellAnchor editAs="oneCell">${corner('from', column, row)}${corner('to', column + columns, row + rows)}` +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${id + 1}" name="Chart ${id}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
    `<a:graphic><a:graphicData uri="${NS.chart}"><c:chart xmlns:c="${NS.chart}" xmlns:r="${NS.rel}" r:id="${rId}"/></a:graphicData></a:graphic>` +
    `</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
  );
}

/** Always quoted: valid for every name, and required for names with spaces or punctuation. */
const sheetPrefix = (sheetName: string) => `'${sheetName.replace(/'/g, "''")}'!`;
const cellRef = (sheetName: string, column: number, row: number) => `${sheetPrefix(sheetName)}$${columnLetters(column)}$${row}`;
const rangeRef = (sheetName: string, column: number, firstRow: number, lastRow: number) =>
  `${cellRef(sheetName, column, firstRow)}:$${columnLetters(column)}$${lastRow}`;

const relsPathOf = (part: string) => part.replace(/([^/]+)$/, '_rels/$1.rels');
const override = (part: string, contentType: string) => `<Override PartName="/${part}" ContentType="${contentType}"/>`;
const relationship = (id: string, type: string, target: string) => `<Relationship Id="${id}" Type="${type}" Target="${escapeXml(target)}"/>`;
const relationshipsXml = (rels: string[]) => `${XML_DECLARATION}<Relationships xmlns="${NS.pkgRel}">${rels.join('')}</Relationships>`;

function highestPartNumber(zip: JSZip, pattern: RegExp): number {
  return Object.keys(zip.files).reduce((max, path) => Math.max(max, Number(pattern.exec(path)?.[1] ?? 0)), 0);
}

async function readPart(zip: JSZip, path: string): Promise<string> {
  const file = zip.file(path);
  if (file === null) throw new Error(`addCharts: the workbook has no ${path}`);
  return file.async('string');
}

/** The start tags of every `name` element (enough for the flat parts exceljs writes). */
const elements = (xml: string, name: string) => xml.match(new RegExp(`<${name}\\b[^>]*>`, 'g')) ?? [];

function attributes(tag: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:]+)="([^"]*)"/g)) result[m[1]] = unescapeXml(m[2]);
  return result;
}

/**
 * The text as an Office file holds it: without the characters XML 1.0 cannot hold (control characters, U+FFFE
 * and U+FFFF, a lone half of a surrogate pair), one of which makes the whole workbook unreadable; and with the
 * underscore of a literal "_x0041_" escaped as "_x005F_" (ECMA-376 ST_Xstring), else Excel shows it as "A".
 */
export function xmlText(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .replace(/_(?=x[0-9A-Fa-f]{4}_)/g, '_x005F_');
}

/** Escapes markup characters (for text and double-quoted attributes) and drops what XML 1.0 cannot hold. */
export function escapeXml(text: string): string {
  return xmlText(text)
    .replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]!);
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescapeXml(text: string): string {
  return text.replace(/&(\w+|#x[0-9a-fA-F]+|#\d+);/g, (whole, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(parseInt(entity.slice(1), 10));
    return NAMED_ENTITIES[entity] ?? whole;
  });
}
