// `report --xlsx`: the workbook a user opens. Read back with exceljs (sheets, headers, values, formats,
// frozen header) and unzipped (the chart parts, their links and the cell ranges they draw).
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { xlsxReportBytes } from '../../../src/cli/xlsx/xlsx-report';
import { numberFormat } from '../../../src/core/render/number-formats';
import type { ReportDocument, ReportTable } from '../../../src/core/report/table';

const PROVENANCE_LINES = ['Attribution model: Linear', 'Range: 2026-01-01 to 2026-04-30 (Europe/Amsterdam)', 'Generated: 2026-05-02T09:30:00Z'];

const overTime: ReportTable = {
  id: 'over_time',
  title: 'Contacts and sessions over time',
  subtitle: 'Spring launch',
  columns: [
    { key: 'period', header: 'Period', type: 'date' },
    { key: 'new_contacts', header: 'New contacts', type: 'integer' },
    { key: 'sessions', header: 'Sessions', type: 'integer' },
  ],
  rows: [
    ['2026-01', 12, 340],
    ['2026-02', 7, 1250],
    ['2026-03', 0, 980],
    ['2026-04', 21, 2044],
  ],
  totals: ['Total', 40, 4614],
  chart: { kind: 'line', title: 'New contacts and sessions', categoryColumn: 'period', seriesColumns: ['new_contacts', 'sessions'] },
};

const bySource: ReportTable = {
  id: 'traffic_by_source',
  title: 'Traffic by source',
  subtitle: null,
  columns: [
    { key: 'source', header: 'Source', type: 'text' },
    { key: 'views', header: 'Views', type: 'integer' },
    { key: 'contacts_first_touch', header: 'Contacts (first touch)', type: 'integer' },
  ],
  rows: [
    ['organic_search', 1500, 30],
    ['email', 820, 12],
    ['paid_search', 410, 9],
  ],
  totals: null,
  chart: { kind: 'column', title: 'Views & first-touch contacts', categoryColumn: 'source', seriesColumns: ['views', 'contacts_first_touch'] },
};

// The title has characters a sheet name cannot hold and an apostrophe a reference must double.
const share: ReportTable = {
  id: 'model_share',
  title: "Revenue: owner's share / model",
  subtitle: 'Model: Linear',
  columns: [
    { key: 'model', header: 'Model', type: 'text' },
    { key: 'revenue', header: 'Revenue', type: 'money' },
    { key: 'share', header: 'Share', type: 'percent' },
  ],
  rows: [
    ['Linear', 6000.5, 0.6],
    ['U-shaped', 4000, 0.4],
  ],
  totals: ['Total', 10000.5, 1],
  chart: { kind: 'pie', title: 'Revenue by model', categoryColumn: 'model', seriesColumns: ['revenue', 'share'] },
};

// Longer than 31 characters, no chart, empty cells and a totals row.
const health: ReportTable = {
  id: 'data_health',
  title: 'Data health: what counts for nothing, and why',
  subtitle: null,
  columns: [
    { key: 'asset', header: 'Asset', type: 'text' },
    { key: 'interactions', header: 'Interactions', type: 'integer' },
    { key: 'credit', header: 'Credit', type: 'number' },
    { key: 'reason', header: 'Reason', type: 'text' },
  ],
  rows: [
    ['Newsletter B', 3, null, 'Losing A/B variant'],
    ['utm=spring-old', null, 0.25, null],
  ],
  totals: ['Total', 3, 0.25, null],
  chart: null,
};

// Same title as bySource: the sheet name gets a suffix. A horizontal bar chart.
const otherCampaigns: ReportTable = {
  id: 'traffic_other_campaigns',
  title: 'Traffic by source',
  subtitle: 'Other campaigns',
  columns: [
    { key: 'source_medium', header: 'Source / medium', type: 'text' },
    { key: 'views', header: 'Views', type: 'integer' },
  ],
  rows: [
    ['google / cpc', 90],
    ['newsletter / email', 45],
  ],
  totals: null,
  chart: { kind: 'bar', title: 'Views by source / medium', categoryColumn: 'source_medium', seriesColumns: ['views'] },
};

const doc: ReportDocument = {
  title: 'Campaign report',
  provenance: {
    model: 'linear',
    touch: 'first',
    from: '2026-01-01',
    to: '2026-04-30',
    tz: 'Europe/Amsterdam',
    lookbackDays: null,
    channels: 'campaign',
    markovOrder: 1,
    generatedAt: '2026-05-02T09:30:00Z',
    currency: 'EUR',
  },
  provenanceLines: PROVENANCE_LINES,
  notice: null,
  tables: [overTime, bySource, share, health, otherCampaigns],
};

const SHEETS = {
  overTime: 'Contacts and sessions over time',
  bySource: 'Traffic by source',
  share: "Revenue owner's share model",
  health: 'Data health what counts for not',
  other: 'Traffic by source (2)',
};

let dir: string;
let workbook: ExcelJS.Workbook;
let zip: JSZip;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xlsx-report-'));
  const file = join(dir, 'report.xlsx');
  await writeFile(file, await xlsxReportBytes(doc));
  workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  zip = await JSZip.loadAsync(await readFile(file));
});

afterAll(() => rm(dir, { recursive: true, force: true }));

const sheet = (name: string) => {
  const ws = workbook.getWorksheet(name);
  if (ws === undefined) throw new Error(`no sheet ${name}`);
  return ws;
};
const rowValues = (ws: ExcelJS.Worksheet, row: number, columns: number) =>
  Array.from({ length: columns }, (_, i) => ws.getCell(row, i + 1).value);

describe('sheets, as exceljs reads them back', () => {
  test('an About sheet, then one sheet per table with a valid, unique name', () => {
    expect(workbook.worksheets.map((ws) => ws.name)).toEqual(['About', SHEETS.overTime, SHEETS.bySource, SHEETS.share, SHEETS.health, SHEETS.other]);
  });

  test('the About sheet holds the title and the provenance lines', () => {
    const about = sheet('About');
    expect(about.getCell('A1').value).toBe('Campaign report');
    expect(about.getCell('A1').font?.bold).toBe(true);
    expect([about.getCell('A3').value, about.getCell('A4').value, about.getCell('A5').value]).toEqual(PROVENANCE_LINES);
  });

  test('title, subtitle and provenance above a bold, filled, frozen header row', () => {
    const ws = sheet(SHEETS.overTime);
    expect(ws.getCell('A1').value).toBe('Contacts and sessions over time');
    expect(ws.getCell('A1').font).toMatchObject({ bold: true, size: 14 });
    expect(ws.getCell('A2').value).toBe('Spring launch');
    expect(ws.getCell('A3').value).toBe(PROVENANCE_LINES.join(' · '));
    expect(rowValues(ws, 4, 3)).toEqual(['Period', 'New contacts', 'Sessions']);
    for (let c = 1; c <= 3; c++) {
      expect(ws.getCell(4, c).font?.bold).toBe(true);
      expect(ws.getCell(4, c).fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDE4EE' } });
    }
    // The add-on's colours (#dde4ee, #595959) as opaque ARGB.
    expect(ws.getCell('A3').font?.color).toEqual({ argb: 'FF595959' });
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
  });

  test('printed, every page of a table repeats its header row', async () => {
    const workbookXml = await zip.file('xl/workbook.xml')!.async('string');
    const titles = [...workbookXml.matchAll(/<definedName name="_xlnm.Print_Titles" localSheetId="(\d+)">([^<]*)<\/definedName>/g)].map((m) => [Number(m[1]), m[2]]);
    // Sheet 0 is About, no table; each table's sheet repeats row 4, its header.
    expect(titles.map(([sheetIndex]) => sheetIndex)).toEqual([1, 2, 3, 4, 5]);
    for (const [, range] of titles) expect(range).toMatch(/!\$4:\$4$/);
  });

  test('a table without subtitle leaves A2 empty and keeps the same layout', () => {
    const ws = sheet(SHEETS.bySource);
    expect(ws.getCell('A2').value).toBeNull();
    expect(rowValues(ws, 4, 3)).toEqual(['Source', 'Views', 'Contacts (first touch)']);
    expect(rowValues(ws, 5, 3)).toEqual(['organic_search', 1500, 30]);
  });

  test('rows, then a bold totals row; periods are real dates (the first of the month) shown as months', () => {
    const ws = sheet(SHEETS.overTime);
    expect(rowValues(ws, 5, 3)).toEqual([new Date(Date.UTC(2026, 0, 1)), 12, 340]);
    expect(rowValues(ws, 8, 3)).toEqual([new Date(Date.UTC(2026, 3, 1)), 21, 2044]);
    expect(ws.getCell('A5').numFmt).toBe('mmm yyyy');
    expect(ws.getCell('A5').type).toBe(ExcelJS.ValueType.Date);
    expect(rowValues(ws, 9, 3)).toEqual(['Total', 40, 4614]);
    expect(ws.getCell('B9').font?.bold).toBe(true);
    expect(ws.getCell('B8').font?.bold).toBeFalsy();
  });

  test('number formats follow the column type; money carries the euro sign', () => {
    expect(sheet(SHEETS.overTime).getCell('C6').numFmt).toBe('#,##0');
    const shareSheet = sheet(SHEETS.share);
    expect(shareSheet.getCell('B5').value).toBe(6000.5);
    expect(shareSheet.getCell('B5').numFmt).toBe('"€"#,##0.00');
    expect(shareSheet.getCell('C5').value).toBe(0.6);
    expect(shareSheet.getCell('C5').numFmt).toBe('0.0%');
    expect(shareSheet.getCell('B7').numFmt).toBe('"€"#,##0.00');
    expect(sheet(SHEETS.health).getCell('C6').numFmt).toBe('#,##0.00');
  });

  test('null is an empty cell, in rows and totals', () => {
    const ws = sheet(SHEETS.health);
    expect(rowValues(ws, 5, 4)).toEqual(['Newsletter B', 3, null, 'Losing A/B variant']);
    expect(rowValues(ws, 6, 4)).toEqual(['utm=spring-old', null, 0.25, null]);
    expect(rowValues(ws, 7, 4)).toEqual(['Total', 3, 0.25, null]);
  });

  test('columns are wide enough for their longest entry, plus 2 characters of room', () => {
    const ws = sheet(SHEETS.bySource);
    // "Contacts (first touch)" is 22 characters, "organic_search" 14; "1,500" is 5, below the least width of 8.
    expect(ws.getColumn(3).width).toBe(24);
    expect(ws.getColumn(1).width).toBe(16);
    expect(ws.getColumn(2).width).toBe(10);
  });
});

describe('number formats by currency', () => {
  test.each([
    ['USD', '"$"#,##0.00'],
    ['EUR', '"€"#,##0.00'],
    ['CHF', '#,##0.00 "CHF"'],
    [null, '#,##0.00'],
    // Yen and won have no minor unit, the Kuwaiti dinar three.
    ['JPY', '#,##0 "JPY"'],
    ['KWD', '#,##0.000 "KWD"'],
  ])('money in %s', (currency, format) => {
    expect(numberFormat('money', currency)).toBe(format);
  });

  test.each([
    ['JPY', 'ja-JP', '"￥"#,##0'],
    ['KRW', 'ko-KR', '"₩"#,##0'],
    ['JPY', 'de-DE', '#,##0 "¥"'],
  ])('%s in %s: whole amounts, as the currency is written', (currency, locale, format) => {
    expect(numberFormat('money', currency, locale)).toBe(format);
  });
});

// --- Chart parts, followed through their relationships the way Excel does ---

const text = async (path: string) => {
  const file = zip.file(path);
  if (file === null) throw new Error(`missing part ${path}`);
  return file.async('string');
};
const attr = (tag: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1];
/** Target of the relationship `id` in a rels part, resolved against the folder of the part it belongs to. */
async function relTarget(relsPath: string, baseFolder: string, id: string): Promise<string> {
  const rel = (await text(relsPath)).match(/<Relationship\b[^>]*>/g)?.find((tag) => attr(tag, 'Id') === id);
  if (rel === undefined) throw new Error(`no relationship ${id} in ${relsPath}`);
  const parts = `${baseFolder}/${attr(rel, 'Target')}`.split('/');
  const resolved: string[] = [];
  for (const part of parts) if (part === '..') resolved.pop(); else resolved.push(part);
  return resolved.join('/');
}
async function sheetPart(name: string): Promise<string> {
  const entry = (await text('xl/workbook.xml')).match(/<sheet\b[^>]*>/g)?.find((tag) => attr(tag, 'name') === name.replace(/'/g, '&apos;'));
  return relTarget('xl/_rels/workbook.xml.rels', 'xl', attr(entry!, 'r:id')!);
}
/** The chart parts drawn on a sheet: sheet → <drawing r:id> → drawing part → <c:chart r:id> → chart part. */
async function chartsOn(name: string): Promise<{ sheetXml: string; drawingPath: string | null; chartPaths: string[] }> {
  const path = await sheetPart(name);
  const sheetXml = await text(path);
  const drawingId = /<drawing r:id="([^"]+)"\/>/.exec(sheetXml)?.[1];
  if (drawingId === undefined) return { sheetXml, drawingPath: null, chartPaths: [] };
  const drawingPath = await relTarget(path.replace(/([^/]+)$/, '_rels/$1.rels'), 'xl/worksheets', drawingId);
  const drawing = await text(drawingPath);
  const chartIds = [...drawing.matchAll(/<c:chart\b[^>]*r:id="([^"]+)"/g)].map((m) => m[1]);
  const chartPaths = await Promise.all(chartIds.map((id) => relTarget(drawingPath.replace(/([^/]+)$/, '_rels/$1.rels'), 'xl/drawings', id)));
  return { sheetXml, drawingPath, chartPaths };
}
async function onlyChart(name: string): Promise<string> {
  const { chartPaths } = await chartsOn(name);
  expect(chartPaths).toHaveLength(1);
  return text(chartPaths[0]);
}
interface Series { name: string; nameRef: string; catRef: string; categories: string[]; valRef: string; values: (string | null)[] }
/** Each c:ser: references and cached points (null where the cache has no point). */
function seriesOf(chartXml: string): Series[] {
  return [...chartXml.matchAll(/<c:ser>([\s\S]*?)<\/c:ser>/g)].map(([, ser]) => {
    const part = (tag: string) => new RegExp(`<c:${tag}>([\\s\\S]*?)</c:${tag}>`).exec(ser)?.[1] ?? '';
    const points = (xml: string) => {
      const count = Number(/<c:ptCount val="(\d+)"\/>/.exec(xml)?.[1]);
      const out: (string | null)[] = Array(count).fill(null);
      for (const m of xml.matchAll(/<c:pt idx="(\d+)"><c:v>([^<]*)<\/c:v><\/c:pt>/g)) out[Number(m[1])] = m[2];
      return out;
    };
    const ref = (xml: string) => /<c:f>([^<]*)<\/c:f>/.exec(xml)?.[1] ?? '';
    return {
      name: points(part('tx'))[0] ?? '',
      nameRef: ref(part('tx')),
      catRef: ref(part('cat')),
      categories: points(part('cat')) as string[],
      valRef: ref(part('val')),
      values: points(part('val')),
    };
  });
}

describe('native charts in the zip', () => {
  test('the line chart over periods draws both series from the table rows, not the totals', async () => {
    const chart = await onlyChart(SHEETS.overTime);
    expect(chart).toContain('<c:lineChart>');
    expect(chart).toContain('<c:catAx>');
    expect(chart).toContain('<c:valAx>');
    expect(chart).toContain('<c:legend>');
    expect(chart).toContain('<a:t>New contacts and sessions</a:t>');
    const q = "'Contacts and sessions over time'!";
    // The categories are the date cells' serial numbers, labelled as months.
    const months = ['46023', '46054', '46082', '46113'];
    expect(chart).toContain('<c:numCache><c:formatCode>mmm yyyy</c:formatCode>');
    expect(chart).toMatch(/<c:catAx>.*<c:numFmt formatCode="mmm yyyy" sourceLinked="0"\/>/);
    expect(seriesOf(chart)).toEqual([
      {
        name: 'New contacts',
        nameRef: `${q}$B$4`,
        catRef: `${q}$A$5:$A$8`,
        categories: months,
        valRef: `${q}$B$5:$B$8`,
        values: ['12', '7', '0', '21'],
      },
      {
        name: 'Sessions',
        nameRef: `${q}$C$4`,
        catRef: `${q}$A$5:$A$8`,
        categories: months,
        valRef: `${q}$C$5:$C$8`,
        values: ['340', '1250', '980', '2044'],
      },
    ]);
  });

  test('the column chart by source; its title is escaped', async () => {
    const chart = await onlyChart(SHEETS.bySource);
    expect(chart).toContain('<c:barDir val="col"/>');
    expect(chart).toContain('<a:t>Views &amp; first-touch contacts</a:t>');
    const [views, contacts] = seriesOf(chart);
    expect(views).toMatchObject({ nameRef: "'Traffic by source'!$B$4", catRef: "'Traffic by source'!$A$5:$A$7", valRef: "'Traffic by source'!$B$5:$B$7" });
    expect(views.categories).toEqual(['organic_search', 'email', 'paid_search']);
    expect(views.values).toEqual(['1500', '820', '410']);
    expect(contacts.values).toEqual(['30', '12', '9']);
  });

  test('the pie draws its first series only, with the apostrophe in the sheet name doubled', async () => {
    const chart = await onlyChart(SHEETS.share);
    expect(chart).toContain('<c:pieChart>');
    expect(chart).not.toContain('<c:catAx>');
    expect(seriesOf(chart)).toEqual([
      {
        name: 'Revenue',
        nameRef: "'Revenue owner''s share model'!$B$4",
        catRef: "'Revenue owner''s share model'!$A$5:$A$6",
        categories: ['Linear', 'U-shaped'],
        valRef: "'Revenue owner''s share model'!$B$5:$B$6",
        values: ['6000.5', '4000'],
      },
    ]);
  });

  test('the horizontal bar chart on the renamed duplicate sheet', async () => {
    const chart = await onlyChart(SHEETS.other);
    expect(chart).toContain('<c:barDir val="bar"/>');
    expect(seriesOf(chart)[0]).toMatchObject({ valRef: "'Traffic by source (2)'!$B$5:$B$6", values: ['90', '45'] });
  });

  test('a table without a chart has no drawing', async () => {
    expect((await chartsOn(SHEETS.health)).drawingPath).toBeNull();
    expect((await chartsOn('About')).drawingPath).toBeNull();
  });

  test('each drawing anchors its chart right of the table and sits where CT_Worksheet wants it', async () => {
    const { sheetXml, drawingPath } = await chartsOn(SHEETS.overTime);
    const drawing = await text(drawingPath!);
    // Three columns of table, one gap column: the chart starts in column E (index 4), at the header row (index 3).
    expect(drawing).toMatch(/<xdr:from><xdr:col>4<\/xdr:col><xdr:colOff>0<\/xdr:colOff><xdr:row>3<\/xdr:row>/);
    expect(sheetXml.indexOf('<drawing ')).toBeGreaterThan(sheetXml.indexOf('<pageSetup '));
    expect(sheetXml.indexOf('<drawing ')).toBeLessThan(sheetXml.indexOf('</worksheet>'));
  });

  test('[Content_Types].xml lists every chart and drawing part', async () => {
    const types = await text('[Content_Types].xml');
    const parts = (await Promise.all([SHEETS.overTime, SHEETS.bySource, SHEETS.share, SHEETS.other].map(chartsOn))).flatMap((c) => [
      [c.drawingPath!, 'application/vnd.openxmlformats-officedocument.drawing+xml'],
      ...c.chartPaths.map((p) => [p, 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml']),
    ]);
    expect(parts).toHaveLength(8);
    for (const [path, type] of parts) expect(types).toContain(`<Override PartName="/${path}" ContentType="${type}"/>`);
    expect(Object.keys(zip.files).filter((p) => /^xl\/charts\/chart\d+\.xml$/.test(p))).toHaveLength(4);
  });
});

test('a chart over a table without rows is left out, and a workbook without charts has no chart parts', async () => {
  const file = join(dir, 'empty.xlsx');
  const empty: ReportTable = { ...bySource, id: 'empty', title: 'Nothing yet', rows: [] };
  await writeFile(file, await xlsxReportBytes({ ...doc, tables: [empty, health] }));
  const files = Object.keys((await JSZip.loadAsync(await readFile(file))).files);
  expect(files.filter((p) => p.startsWith('xl/charts/') || p.startsWith('xl/drawings/'))).toEqual([]);
  const read = new ExcelJS.Workbook();
  await read.xlsx.readFile(file);
  expect(read.worksheets.map((ws) => ws.name)).toEqual(['About', 'Nothing yet', SHEETS.health]);
  expect(rowValues(read.getWorksheet('Nothing yet')!, 4, 3)).toEqual(['Source', 'Views', 'Contacts (first touch)']);
});

describe('a document as the report builds it: short sheet names, a locale, day dates', () => {
  const drillDown: ReportTable = {
    id: 'drill_down',
    title: 'Revenue drill-down: every credited interaction',
    sheetName: 'Revenue drill-down',
    subtitle: null,
    columns: [
      { key: 'deal', header: 'Deal', type: 'text' },
      { key: 'closed_at', header: 'Closed', type: 'date' },
      { key: 'amount', header: 'Deal amount', type: 'money' },
      { key: 'interaction_at', header: 'Interaction date', type: 'date' },
    ],
    rows: [['D1', '2026-03-05', 1833.5, '2026-02-28'], ['D2', '2026-04-30', 200, null]],
    totals: null,
    chart: null,
  };
  const social: ReportTable = { ...bySource, id: 'traffic_organic_social_by_network', title: 'Organic social traffic by network', sheetName: 'Traffic – social networks' };
  const healthNamed: ReportTable = { ...health, sheetName: 'Data health' };
  let book: ExcelJS.Workbook;

  beforeAll(async () => {
    const file = join(dir, 'named.xlsx');
    await writeFile(file, await xlsxReportBytes({ ...doc, locale: 'de-DE', tables: [social, healthNamed, drillDown] }));
    book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
  });

  test('each sheet has its short name; the long title heads it', () => {
    expect(book.worksheets.map((ws) => ws.name)).toEqual(['About', 'Traffic – social networks', 'Data health', 'Revenue drill-down']);
    expect(book.getWorksheet('Data health')!.getCell('A1').value).toBe('Data health: what counts for nothing, and why');
    expect(book.getWorksheet('Traffic – social networks')!.getCell('A1').value).toBe('Organic social traffic by network');
  });

  test('closed and interaction dates are date cells in the locale\'s order; money puts the euro where German does', () => {
    const ws = book.getWorksheet('Revenue drill-down')!;
    expect(rowValues(ws, 5, 4)).toEqual(['D1', new Date(Date.UTC(2026, 2, 5)), 1833.5, new Date(Date.UTC(2026, 1, 28))]);
    expect(ws.getCell('B5').numFmt).toBe('dd"."mm"."yyyy');
    expect(ws.getCell('D5').numFmt).toBe('dd"."mm"."yyyy');
    expect(ws.getCell('C5').numFmt).toBe('#,##0.00 "€"');
    expect(ws.getCell('D6').value).toBeNull();
  });
});

describe('number formats by locale', () => {
  test.each([
    ['en-US', '"€"#,##0.00', 'mm"/"dd"/"yyyy'],
    ['nl-NL', '"€" #,##0.00', 'dd"-"mm"-"yyyy'],
    ['de-DE', '#,##0.00 "€"', 'dd"."mm"."yyyy'],
    ['en-GB', '"€"#,##0.00', 'dd"/"mm"/"yyyy'],
  ])('%s', (locale, money, day) => {
    expect(numberFormat('money', 'EUR', locale)).toBe(money);
    expect(numberFormat('date', 'EUR', locale)).toBe(day);
  });
});

describe('text XML cannot hold', () => {
  test('a name with U+FFFF, U+FFFE or half a surrogate pair is written without them: the workbook stays readable, its chart too', async () => {
    const odd: ReportTable = {
      ...bySource,
      title: 'Traffic by source\uFFFF',
      rows: [['email\uFFFE / newsletter\uD800', 120], ['google / cpc 😀', 80]],
    };
    const file = join(dir, 'odd.xlsx');
    await writeFile(file, await xlsxReportBytes({ ...doc, tables: [odd] }));
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const ws = book.worksheets[1];
    expect(ws.getCell('A1').value).toBe('Traffic by source');
    expect(rowValues(ws, 5, 2)).toEqual(['email / newsletter', 120]);
    expect(ws.getCell('A6').value).toBe('google / cpc 😀');
    const parts = await JSZip.loadAsync(await readFile(file));
    const charts = Object.keys(parts.files).filter((name) => name.startsWith('xl/charts/chart'));
    expect(charts.length).toBeGreaterThan(0);
    for (const name of charts) expect(await parts.file(name)!.async('string')).not.toMatch(/[\uFFFE\uFFFF]/);
  });
});

describe('text as Excel reads it', () => {
  test('a literal "_x0041_" stays those seven characters (its underscore escaped as the format wants), in the cells and the chart', async () => {
    const named: ReportTable = { ...bySource, rows: [['Spring_x0041_launch_x000D_2026', 120], ['plain_x41_', 80]] };
    const file = join(dir, 'underscore.xlsx');
    await writeFile(file, await xlsxReportBytes({ ...doc, tables: [named] }));
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    // exceljs decodes _xHHHH_ as Excel does: what it reads back is what Excel shows.
    expect(book.worksheets[1].getCell('A5').value).toBe('Spring_x0041_launch_x000D_2026');
    expect(book.worksheets[1].getCell('A6').value).toBe('plain_x41_');
    const parts = await JSZip.loadAsync(await readFile(file));
    const chart = await parts.file('xl/charts/chart1.xml')!.async('string');
    expect(chart).toContain('<c:v>Spring_x005F_x0041_launch_x005F_x000D_2026</c:v>');
  });

  test('a text longer than the 32,767 characters an Excel cell holds is cut to them, ending in an ellipsis', async () => {
    const long = 'S'.repeat(40_000);
    const file = join(dir, 'long.xlsx');
    await writeFile(file, await xlsxReportBytes({ ...doc, tables: [{ ...bySource, title: `Traffic ${long}`, rows: [[long, 120], ['S'.repeat(32_767), 80]] }] }));
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const ws = book.worksheets[1];
    expect(ws.getCell('A1').value).toBe(`Traffic ${'S'.repeat(32_766 - 'Traffic '.length)}…`);
    expect(ws.getCell('A5').value).toBe(`${'S'.repeat(32_766)}…`);
    // Exactly as long as a cell holds: kept whole.
    expect(ws.getCell('A6').value).toBe('S'.repeat(32_767));
  });
});
