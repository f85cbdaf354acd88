// A hand-built report document covering every chart kind, null cells, totals and hostile text.
import type { ReportDocument, ReportTable } from '../../../src/core/report/table';

export const DANGEROUS_TITLE = 'Q3 <script>alert(1)</script> & "friends"';

export const overTime: ReportTable = {
  id: 'over_time',
  title: 'Contacts and sessions over time',
  subtitle: 'Monthly',
  columns: [
    { key: 'period', header: 'Period', type: 'date' },
    { key: 'sessions', header: 'Sessions', type: 'integer' },
    { key: 'new_contacts', header: 'New contacts', type: 'integer' },
  ],
  rows: [
    ['2024-01', 1200, 30],
    ['2024-02', 2500, 45],
    ['2024-03', 1800, 0],
  ],
  totals: [null, 5500, 75],
  chart: { kind: 'line', title: 'Sessions and new contacts per month', categoryColumn: 'period', seriesColumns: ['sessions', 'new_contacts'] },
};

export const bySource: ReportTable = {
  id: 'traffic_by_source',
  title: 'Traffic by source',
  subtitle: null,
  columns: [
    { key: 'source', header: 'Source', type: 'text' },
    { key: 'views', header: 'Views', type: 'integer' },
    { key: 'contacts_first_touch', header: 'First-touch contacts', type: 'number' },
  ],
  rows: [
    ['Organic search', 400, 12.5],
    ['Email <newsletter> & "promo"', 100, 3.25],
  ],
  totals: null,
  chart: { kind: 'column', title: 'Views and contacts by source', categoryColumn: 'source', seriesColumns: ['views', 'contacts_first_touch'] },
};

export const revenueShare: ReportTable = {
  id: 'revenue_attribution',
  title: 'Revenue attribution',
  subtitle: 'Model: Linear',
  columns: [
    { key: 'asset', header: 'Asset', type: 'text' },
    { key: 'revenue', header: 'Revenue', type: 'money' },
    { key: 'share', header: 'Share', type: 'percent' },
    { key: 'goal', header: 'Goal', type: 'money' },
  ],
  rows: [
    ['Landing page', 1234.5, 0.25, null],
    ['Webinar', 2469, 0.5, 3000],
    ['Blog post', 1234.5, 0.25, null],
  ],
  totals: [null, 4938, 1, 3000],
  chart: { kind: 'pie', title: 'Revenue by asset', categoryColumn: 'asset', seriesColumns: ['revenue'] },
};

export const noDeals: ReportTable = {
  id: 'deal_create',
  title: 'Deal creation',
  subtitle: null,
  columns: [
    { key: 'asset', header: 'Asset', type: 'text' },
    { key: 'deals', header: 'Deals', type: 'number' },
  ],
  rows: [['Landing page', 0], ['Webinar', 0]],
  totals: null,
  chart: { kind: 'pie', title: 'Deals by asset', categoryColumn: 'asset', seriesColumns: ['deals'] },
};

export const document: ReportDocument = {
  title: DANGEROUS_TITLE,
  provenance: {
    model: 'linear', touch: 'first', from: '2024-01-01', to: '2024-03-31', tz: 'Europe/Amsterdam',
    lookbackDays: null, channels: 'campaign', markovOrder: 1, generatedAt: '2024-04-01T08:00:00Z', currency: 'EUR',
  },
  provenanceLines: ['Model: Linear', 'Range: 2024-01-01 to 2024-03-31 (Europe/Amsterdam)'],
  notice: null,
  tables: [overTime, bySource, revenueShare, noDeals],
};

/** Attributes of each <tag> whose class is `cls`, in document order. */
export function marks(markup: string, tag: string, cls: string): Record<string, string>[] {
  return [...markup.matchAll(new RegExp(`<${tag}\\s([^>]*?)/?>`, 'g'))]
    .map((m) => Object.fromEntries([...m[1].matchAll(/([\w-]+)="([^"]*)"/g)].map((a) => [a[1], a[2]])))
    .filter((a) => a.class === cls);
}

/** The angle (degrees, clockwise) a pie slice path "M cx cy L x0 y0 A r r 0 f 1 x1 y1 Z" spans. */
export function sliceDegrees(d: string): number {
  const [cx, cy, x0, y0, x1, y1] = d.replace(/[A-Z]/g, ' ').trim().split(/\s+/).map(Number)
    .filter((_, i) => [0, 1, 2, 3, 9, 10].includes(i));
  const bearing = (x: number, y: number) => (Math.atan2(x - cx, cy - y) * 180) / Math.PI;
  return (((bearing(x1, y1) - bearing(x0, y0)) % 360) + 360) % 360;
}

/** The markup of each element <tag …>…</tag> (not nested), in order. */
export function blocks(markup: string, tag: string): string[] {
  return [...markup.matchAll(new RegExp(`<${tag}[\\s>][\\s\\S]*?</${tag}>`, 'g'))].map((m) => m[0]);
}
