// Workbook shapes on which the engine and the report once took quadratic time or worse (a performance audit
// found them): each is timed at a size and at four times that size, from ingest to every table of the report.
// Linear work takes about 4× as long at 4× the size; the ratio printed says how far each shape is from that.
import { analyze } from '../src/core/engine';
import { ingestWorkbook } from '../src/core/ingest';
import { buildReportData } from '../src/core/report/report-data';
import { buildReportDocument } from '../src/core/report/tables';
import type { Cell, RawWorkbook } from '../src/core/types';

const DAY = 86_400_000;
const START = Date.UTC(2024, 0, 1);
const stamp = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

const CAMPAIGNS = ['campaign_id', 'name', 'utm_campaign', 'created_at', 'budget'];
const ASSETS = ['asset_id', 'campaign_id', 'type', 'name', 'url'];
const VISITS = ['timestamp', 'contact_id', 'interaction_type', 'url', 'utm_campaign'];
const DEALS = ['deal_id', 'amount', 'stage', 'created_at', 'closed_at', 'contact_ids'];

const campaigns = (count: number): Cell[][] =>
  [CAMPAIGNS, ...Array.from({ length: count }, (_, c) => [`C${c}`, `Campaign ${c}`, `utm_${c}`, '2023-01-01', 1000])];
/** One landing page per campaign. */
const landingPages = (count: number): Cell[][] =>
  [ASSETS, ...Array.from({ length: count }, (_, c) => [`A${c}`, `C${c}`, 'landing_page', `Page ${c}`, `https://example.com/lp/${c}`])];
const page = (c: number) => `https://example.com/lp/${c}`;

interface Shape {
  name: string;
  /** The size measured, then four times it. */
  size: number;
  unit: string;
  workbook(n: number): RawWorkbook;
}

const SHAPES: Shape[] = [
  {
    // Every contact on one won deal: each credited interaction's owners were looked for among all of them.
    name: 'one won deal with every contact (10 visits each)', size: 2_000, unit: 'contacts',
    workbook: (n) => {
      const visits: Cell[][] = [VISITS];
      for (let k = 0; k < n; k++) for (let i = 0; i < 10; i++) visits.push([stamp(START + (k * 10 + i) * 30_000), `K${k}`, 'page_view', '', `utm_${(k + i) % 10}`]);
      const contactIds = Array.from({ length: n }, (_, k) => `K${k}`).join(',');
      return { Campaigns: campaigns(10), Assets: [ASSETS], Visits: visits, Deals: [DEALS, ['BIG', 1_000_000, 'won', '2024-01-01', stamp(START + n * 300_000 + 1000), contactIds]] };
    },
  },
  {
    // Contacts touching a band of neighbouring campaigns: a sparse Markov chain the iteration took hundreds of sweeps on.
    name: 'campaigns each a page, contacts visiting 10 of 20 neighbouring ones', size: 750, unit: 'campaigns',
    workbook: (n) => {
      let seed = 7;
      const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
      const visits: Cell[][] = [VISITS];
      const deals: Cell[][] = [DEALS];
      for (let k = 0; k < 2 * n; k++) {
        for (let i = 0; i < 10; i++) visits.push([stamp(START + k * 600_000 + i * 60_000), `K${k}`, 'page_view', page(Math.min(n - 1, (k >> 1) + Math.floor(random() * 20))), '']);
        if (k % 10 === 0) deals.push([`D${k}`, 500, 'won', stamp(START + k * 600_000 + 600_000), stamp(START + k * 600_000 + 1_200_000), `K${k}`]);
      }
      return { Campaigns: campaigns(n), Assets: landingPages(n), Visits: visits, Deals: deals };
    },
  },
  {
    // A campaign per contact: every drill-down table was filtered once per campaign listed.
    name: 'a campaign, page and won deal per contact', size: 2_500, unit: 'campaigns',
    workbook: (n) => {
      const visits: Cell[][] = [VISITS];
      const deals: Cell[][] = [DEALS];
      for (let k = 0; k < n; k++) {
        for (let i = 0; i < 5; i++) visits.push([stamp(START + k * 600_000 + i * 60_000), `K${k}`, 'page_view', page(k), '']);
        deals.push([`D${k}`, 500, 'won', stamp(START + k * 600_000 + 360_000), stamp(START + k * 600_000 + 420_000), `K${k}`]);
      }
      return { Campaigns: campaigns(n), Assets: landingPages(n), Visits: visits, Deals: deals };
    },
  },
  {
    // Daily spend per campaign: each campaign went through the whole Spend sheet.
    name: 'campaigns with a year of daily spend each', size: 250, unit: 'campaigns',
    workbook: (n) => {
      const visits: Cell[][] = [VISITS];
      const spend: Cell[][] = [['date', 'campaign_id', 'amount']];
      for (let c = 0; c < n; c++) {
        for (let d = 0; d < 365; d++) spend.push([stamp(START + d * DAY).slice(0, 10), `C${c}`, 10]);
        for (let i = 0; i < 10; i++) visits.push([stamp(START + c * 600_000 + i * 1000), `K${c}`, 'page_view', '', `utm_${c}`]);
      }
      return { Campaigns: campaigns(n), Assets: [ASSETS], Visits: visits, Deals: [DEALS], Spend: spend };
    },
  },
];

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

/** Ingest, analysis and every table of the report (linear, the even split) on one shape at one size. */
function reportSeconds(raw: RawWorkbook): number {
  const start = process.hrtime.bigint();
  const { workbook, problems } = ingestWorkbook(raw, { tz: 'UTC', locale: 'en_US', currency: 'USD' });
  const data = buildReportData(analyze(workbook, { lookbackDays: null }), problems, {
    model: 'linear', touch: 'first', from: null, to: '2030-12-31', frequency: 'monthly', tz: 'UTC', campaignIds: null,
    lookbackDays: null, channels: 'campaign', markovOrder: 1,
  });
  buildReportDocument(data, { lang: 'en', generatedAt: new Date(0).toISOString(), currency: 'USD' });
  return seconds(start);
}

/** The rows of the shapes table: shape, both sizes with their times, and the ratio (4.0 is linear). */
export function shapeRows(): Array<Array<string | number>> {
  return SHAPES.map((shape) => {
    const small = reportSeconds(shape.workbook(shape.size));
    const large = reportSeconds(shape.workbook(4 * shape.size));
    const fmt = (n: number) => n.toLocaleString('en-US');
    return [shape.name, `${fmt(shape.size)} → ${fmt(4 * shape.size)} ${shape.unit}`, small.toFixed(2), large.toFixed(2), (large / small).toFixed(1)];
  });
}
