import { mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'fs';
import * as path from 'path';
import { main } from '../../src/cli/main';
import { readInput } from '../../src/cli/read-input';
import { normalizeUrl } from '../../src/core/engine/urls';
import { ingestWorkbook } from '../../src/core/ingest';
import { ASSET_TYPES, type IngestResult, type RawWorkbook } from '../../src/core/types';
import { cleanup, recorder, scratchDir } from './helpers';

const DAY = 86_400_000;
const OPTIONS = { tz: 'UTC', locale: null, currency: 'EUR' };

async function sample(out: string, ...options: string[]): Promise<void> {
  const r = recorder();
  const code = await main(['sample', out, ...options], r.ctx);
  if (code !== 0) throw new Error(r.stderr());
}

let root: string;
let raw: RawWorkbook;
let ingested: IngestResult;

beforeAll(async () => {
  root = scratchDir();
  await sample(path.join(root, 'first'));
  raw = await readInput(path.join(root, 'first'));
  ingested = ingestWorkbook(raw, OPTIONS);
}, 60_000);
afterAll(cleanup);

const files = (dir: string) => readdirSync(dir).sort();

describe('campaign-analytics sample', () => {
  it('reports what it wrote', async () => {
    const r = recorder();
    const out = path.join(root, 'report');
    expect(await main(['sample', out], r.ctx)).toBe(0);
    const visits = readFileSync(path.join(out, 'visits.csv'), 'utf8').trimEnd().split('\r\n').length - 1;
    expect(r.stdout()).toContain(`Sample workbook written to ${out}: 10 campaigns, `);
    expect(r.stdout()).toContain(`, ${visits} visits, `);
  }, 30_000);

  it('quotes a path with spaces in the validate command it suggests, so it can be pasted into a shell', async () => {
    const r = recorder();
    const out = path.join(root, "Jan's samples", 'book one.xlsx');
    expect(await main(['sample', out], r.ctx)).toBe(0);
    const quoted = `'${root}/Jan'\\''s samples/book one.xlsx'`;
    expect(r.stdout()).toContain(`"campaign-analytics validate ${quoted} --currency EUR" lists them.`);
  }, 30_000);

  it('a place it cannot write to is a usage problem (exit 2), said in one line', async () => {
    const r = recorder();
    const blocker = path.join(root, 'a-file');
    writeFileSync(blocker, '');
    expect(await main(['sample', path.join(blocker, 'sample.xlsx')], r.ctx)).toBe(2);
    expect(r.stderr()).toBe(`Cannot write "${path.join(blocker, 'sample.xlsx')}": part of the path is a file, not a folder\n`);
  });

  it('an .xlsx it cannot open or fill is said in one line with exit 2, not left waiting in silence', async () => {
    const folder = path.join(root, 'taken.xlsx');
    mkdirSync(folder);
    const r = recorder();
    expect(await main(['sample', folder], r.ctx)).toBe(2);
    expect(r.stderr()).toBe(`Cannot write "${folder}": it is a folder\n`);
    expect(r.stdout()).toBe('');

    // A disk that fills while the workbook is written.
    const full = path.join(root, 'full.xlsx');
    symlinkSync('/dev/full', full);
    const r2 = recorder();
    expect(await main(['sample', full], r2.ctx)).toBe(2);
    expect(r2.stderr()).toBe(`Cannot write "${full}": the disk is full\n`);
  }, 30_000);

  it('writes byte-identical CSV files for the same seed, and different ones for another seed', async () => {
    await sample(path.join(root, 'again'));
    await sample(path.join(root, 'other'), '--seed', '7');
    expect(files(path.join(root, 'again'))).toEqual([
      'assets.csv', 'campaigns.csv', 'contacts.csv', 'dealcontacts.csv', 'deals.csv', 'spend.csv', 'visits.csv',
    ]);
    const read = (dir: string, file: string) => readFileSync(path.join(root, dir, file));
    // Buffer.equals: a byte-for-byte check without jest's slow element-wise diff of megabytes.
    for (const file of files(path.join(root, 'first'))) expect(read('again', file).equals(read('first', file))).toBe(true);
    expect(read('other', 'visits.csv').equals(read('first', 'visits.csv'))).toBe(false);
    expect(read('other', 'deals.csv').equals(read('first', 'deals.csv'))).toBe(false);
  }, 60_000);

  it('uses the canonical column names as headers', () => {
    expect(raw.Visits?.[0]).toEqual([
      'timestamp', 'visitor_id', 'contact_id', 'session_id', 'interaction_type', 'url', 'asset_id', 'utm_source',
      'utm_medium', 'utm_campaign', 'utm_term', 'utm_content', 'referrer', 'source', 'manually_logged',
    ]);
  });

  it('ingests with only its deliberate flaws, none of them fatal', () => {
    const found = ingested.problems.map((p) => `${p.sheet}:${p.column}:${p.messageId}`).sort();
    expect(found).toEqual([
      'Assets:campaign_id:ingest.asset_moved',
      'Assets:published_at:ingest.social_unpublished',
      'Deals:closed_at:ingest.closed_at_missing_won',
      'Deals:currency:ingest.currency_other',
      'Visits:contact_id:ingest.contact_or_visitor_missing',
      'Visits:timestamp:ingest.date_ambiguous',
    ]);
    expect(ingested.problems.some((p) => p.fatal)).toBe(false);
    const settled = ingestWorkbook(raw, { ...OPTIONS, locale: 'en-US' }).problems;
    expect(settled.map((p) => p.messageId)).not.toContain('ingest.date_ambiguous');
  });

  it('has the size promised for "small"', () => {
    const { workbook } = ingested;
    expect(workbook.visits.length).toBeGreaterThanOrEqual(20_000);
    expect(workbook.visits.length).toBeLessThanOrEqual(40_000);
    expect(workbook.deals.length).toBeGreaterThanOrEqual(200);
    expect(workbook.contacts.length).toBeGreaterThan(0);
    expect(workbook.dealContacts.length).toBeGreaterThan(0);
    expect(workbook.spend.length).toBeGreaterThan(0);
  });

  it('has at least eight campaigns, every asset type, goals and budgets', () => {
    const { campaigns, assets } = ingested.workbook;
    expect(campaigns.length).toBeGreaterThanOrEqual(8);
    expect(new Set(assets.map((a) => a.type))).toEqual(new Set(ASSET_TYPES));
    expect(campaigns.some((c) => c.goals.revenue !== null && c.budget !== null)).toBe(true);
    expect(assets.filter((a) => a.type === 'paid_search').every((a) => a.keyword)).toBe(true);
    expect(assets.filter((a) => ['landing_page', 'blog_post', 'website_page'].includes(a.type)).every((a) => a.url)).toBe(true);
  });

  it('has a renamed campaign whose former utm value still brings visits after its creation', () => {
    const { campaigns, visits } = ingested.workbook;
    const renamed = campaigns.filter((c) => c.formerUtmCampaigns.length > 0);
    expect(renamed.length).toBeGreaterThan(0);
    const former = new Set(renamed.flatMap((c) => c.formerUtmCampaigns.map((u) => u.trim().toLowerCase())));
    const created = Math.min(...renamed.map((c) => c.createdAt));
    expect(visits.some((v) => v.utm.campaign && former.has(v.utm.campaign.trim().toLowerCase()) && v.timestamp >= created)).toBe(true);
  });

  it('has a workflow shared by two campaigns, with enrolments', () => {
    const { assets, visits } = ingested.workbook;
    const campaignsOf = new Map<string, Set<string>>();
    for (const a of assets.filter((x) => x.type === 'workflow')) {
      campaignsOf.set(a.id, (campaignsOf.get(a.id) ?? new Set()).add(a.campaignId));
    }
    const shared = [...campaignsOf].filter(([, set]) => set.size >= 2).map(([id]) => id);
    expect(shared.length).toBeGreaterThan(0);
    expect(visits.some((v) => v.type === 'workflow_enrollment' && shared.includes(v.assetId ?? ''))).toBe(true);
  });

  it('has A/B email groups with exactly one winner each', () => {
    const groups = new Map<string, number>();
    for (const a of ingested.workbook.assets.filter((x) => x.abGroup !== null)) {
      const key = `${a.campaignId}/${a.abGroup}`;
      groups.set(key, (groups.get(key) ?? 0) + (a.abWinner ? 1 : 0));
    }
    expect(groups.size).toBeGreaterThan(0);
    expect([...groups.values()].every((winners) => winners === 1)).toBe(true);
  });

  it('has a campaign created after one of its assets was first visited', () => {
    const { assets, campaigns, visits } = ingested.workbook;
    const found = assets.some((a) => {
      const campaign = campaigns.find((c) => c.id === a.campaignId)!;
      const url = a.url && normalizeUrl(a.url);
      return visits.some((v) => v.timestamp < campaign.createdAt && (v.assetId === a.id || (url && v.url && normalizeUrl(v.url) === url)));
    });
    expect(found).toBe(true);
  });

  it('has sessions of several pages, returning visitors, and anonymous visitors who become contacts', () => {
    const byVisitor = new Map<string, typeof ingested.workbook.visits>();
    for (const v of ingested.workbook.visits) {
      if (v.visitorId) byVisitor.set(v.visitorId, [...(byVisitor.get(v.visitorId) ?? []), v]);
    }
    let browsing = false;
    let returning = false;
    let stitched = false;
    for (const rows of byVisitor.values()) {
      const sorted = [...rows].sort((a, b) => a.timestamp - b.timestamp);
      const views = sorted.filter((v) => v.type === 'page_view');
      browsing ||= views.some((v, i) => i > 0 && v.timestamp - views[i - 1].timestamp < 30 * 60_000);
      returning ||= views.length > 1 && views[views.length - 1].timestamp - views[0].timestamp > DAY;
      const firstKnown = sorted.findIndex((v) => v.contactId !== null);
      stitched ||= firstKnown > 0 && sorted[firstKnown].type === 'form_submission' && sorted[0].contactId === null;
    }
    expect([browsing, returning, stitched]).toEqual([true, true, true]);
  });

  it('has traffic from every kind of source', () => {
    const { visits } = ingested.workbook;
    const referrers = visits.map((v) => v.referrer ?? '').join(' ');
    for (const host of ['google.', 'bing.com', 'facebook.com', 'linkedin.com', 't.co/']) expect(referrers).toContain(host);
    const media = new Set(visits.map((v) => v.utm.medium));
    for (const medium of ['cpc', 'email', 'social', 'paid_social']) expect(media).toContain(medium);
    expect(visits.some((v) => v.type === 'page_view' && !v.referrer && !v.utm.medium && !v.utm.campaign)).toBe(true);
    const types = new Set(visits.map((v) => v.type));
    for (const type of ['email_open', 'email_click', 'workflow_enrollment', 'list_membership', 'meeting', 'call', 'form_submission'] as const) {
      expect(types).toContain(type);
    }
    expect(visits.some((v) => v.type === 'call' && v.manuallyLogged)).toBe(true);
  });

  it('has won, lost and open deals, some with several contacts', () => {
    const { deals } = ingested.workbook;
    expect(new Set(deals.map((d) => d.stage))).toEqual(new Set(['won', 'lost', 'open']));
    expect(deals.some((d) => d.contactIds.length >= 2)).toBe(true);
    expect(deals.every((d) => d.amount > 0)).toBe(true);
  });

  it('writes the same data as an .xlsx workbook, with real date cells', async () => {
    const file = path.join(root, 'sample.xlsx');
    await sample(file);
    const fromXlsx = await readInput(file);
    expect(typeof fromXlsx.Visits?.[1][0]).toBe('number');
    const { workbook, problems } = ingestWorkbook(fromXlsx, OPTIONS);
    expect(problems.map((p) => `${p.sheet}:${p.row}:${p.column}`)).toEqual(ingested.problems.map((p) => `${p.sheet}:${p.row}:${p.column}`));
    expect(workbook.visits.map((v) => v.timestamp)).toEqual(ingested.workbook.visits.map((v) => v.timestamp));
    expect(workbook.deals).toEqual(ingested.workbook.deals);
    expect(workbook.campaigns).toEqual(ingested.workbook.campaigns);
  }, 60_000);
});
