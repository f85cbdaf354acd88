// Asset sections (product.md "Asset reports"): distinct sessions and contacts per asset, counted by hand.
import { analyze } from '../../../src/core/engine';
import { assetReports } from '../../../src/core/engine/assets';
import { asset, at, campaign, contact, visit, workbook } from './fixtures';

describe('asset reports: distinct sessions and contacts', () => {
  // Landing page LP and tracking URL T of campaign C1, T also linked to C2 (a shared asset).
  // a: LP at 10:00 and 10:10 (one session), again the next day (a second session); T twice.
  // v1, anonymous, views LP and uses T once; contact b names v1 as its visitor, so those rows are b's too.
  // c: LP and T after the range ends: not counted.
  const wb = workbook({
    campaigns: [campaign('C1'), campaign('C2')],
    assets: [asset('LP', 'C1'), asset('T', 'C1', { type: 'tracking_url' }), asset('T', 'C2', { type: 'tracking_url' })],
    contacts: [contact('b', { visitorIds: ['v1'] })],
    visits: [
      visit('a', '2024-03-01T10:00:00Z', { assetId: 'LP' }),
      visit('a', '2024-03-01T10:10:00Z', { assetId: 'LP' }),
      visit('a', '2024-03-02T10:00:00Z', { assetId: 'LP' }),
      visit('a', '2024-03-02T10:05:00Z', { assetId: 'T', type: 'email_click' }),
      visit('a', '2024-03-03T10:05:00Z', { assetId: 'T', type: 'email_click' }),
      visit(null, '2024-03-04T09:00:00Z', { visitorId: 'v1', assetId: 'LP' }),
      visit(null, '2024-03-04T09:01:00Z', { visitorId: 'v1', assetId: 'T', type: 'email_click' }),
      visit('c', '2024-05-01T10:00:00Z', { assetId: 'LP' }),
      visit('c', '2024-05-01T10:01:00Z', { assetId: 'T', type: 'email_click' }),
    ],
  });
  const analysis = analyze(wb, { lookbackDays: null });
  const march = { from: at('2024-03-01T00:00:00Z'), to: at('2024-03-31T23:59:59Z') };
  const reports = assetReports(analysis, wb.assets, march);
  const metricsOf = (id: string, campaignId: string) => reports.find((r) => r.asset.id === id && r.asset.campaignId === campaignId)!.metrics;

  test('a landing page: four views in three sessions (a twice, v1 once)', () => {
    expect(metricsOf('LP', 'C1')).toMatchObject({ views: 4, sessions: 3 });
  });

  test('a tracking URL: three visits by two contacts (a, and b through its visitor id), the same for each campaign it is linked to', () => {
    expect(metricsOf('T', 'C1')).toEqual({ visits: 3, contacts: 2 });
    expect(metricsOf('T', 'C2')).toEqual({ visits: 3, contacts: 2 });
  });

  test('with the range widened to May, c counts too', () => {
    const all = assetReports(analysis, wb.assets, { from: null, to: at('2024-12-31T23:59:59Z') });
    expect(all.find((r) => r.asset.id === 'LP')!.metrics).toMatchObject({ views: 5, sessions: 4 });
    expect(all.find((r) => r.asset.id === 'T')!.metrics).toEqual({ visits: 4, contacts: 3 });
  });
});

describe('asset reports: which assets show, social networks, forms', () => {
  // C1 created 2024-02-01. T1 is visited only before, T2 after; P1 (paid search) clicked only before.
  // S3 is never published (a draft), S4 is published on 2024-03-10.
  const wb = workbook({
    campaigns: [campaign('C1', { createdAt: at('2024-02-01') })],
    assets: [
      asset('T1', 'C1', { type: 'tracking_url' }),
      asset('T2', 'C1', { type: 'tracking_url' }),
      asset('P1', 'C1', { type: 'paid_search' }),
      asset('S1', 'C1', { type: 'social_post', publishedAt: at('2024-02-01') }),
      asset('S2', 'C1', { type: 'social_post', publishedAt: at('2024-02-01') }),
      asset('S3', 'C1', { type: 'social_post' }),
      asset('S4', 'C1', { type: 'social_post', publishedAt: at('2024-03-10') }),
      asset('F1', 'C1', { type: 'form' }),
      asset('F2', 'C1', { type: 'form' }),
    ],
    visits: [
      visit('a', '2024-01-10', { assetId: 'T1', type: 'email_click' }),
      visit('a', '2024-03-01', { assetId: 'T2', type: 'email_click' }),
      visit('a', '2024-01-10', { assetId: 'P1', type: 'ad_click' }),
      // Social clicks on S1: one by utm_source only, one from x.com, one from twitter.com, one through t.co
      // (twitter's link shortener): linkedin 1, twitter 3.
      visit('b', '2024-03-01T10:00:00Z', { assetId: 'S1', type: 'social_click', utm: { source: 'LinkedIn', medium: 'social', campaign: null, term: null, content: null } }),
      visit('b', '2024-03-02T10:00:00Z', { assetId: 'S1', type: 'social_click', referrer: 'https://x.com/post/1' }),
      visit('b', '2024-03-03T10:00:00Z', { assetId: 'S1', type: 'social_click', referrer: 'https://twitter.com/post/2' }),
      visit('b', '2024-03-03T11:00:00Z', { assetId: 'S1', type: 'social_click', referrer: 'https://t.co/abc' }),
      visit('b', '2024-03-04T10:00:00Z', { assetId: 'S2', type: 'social_click', utm: { source: 'linkedin', medium: 'social', campaign: null, term: null, content: null } }),
      // k1 submits F1 at 10:01:00 and is created 5 seconds later; k2 submits F1 on 03-02, then F2 on 03-05,
      // which creates it: each form created one contact.
      visit('k1', '2024-03-01T10:01:00Z', { assetId: 'F1', type: 'form_submission' }),
      visit('k2', '2024-03-02T10:00:00Z', { assetId: 'F1', type: 'form_submission' }),
      visit('k2', '2024-03-05T10:00:00Z', { assetId: 'F2', type: 'form_submission' }),
    ],
    contacts: [
      contact('k1', { createdAt: at('2024-03-01T10:01:05Z') }),
      contact('k2', { createdAt: at('2024-03-05T10:00:00Z') }),
    ],
  });
  const analysis = analyze(wb, { lookbackDays: null });
  const reports = assetReports(analysis, wb.assets, { from: null, to: at('2024-12-31T23:59:59Z') });
  const listed = reports.map((r) => r.asset.id);
  const metricsOf = (id: string) => reports.find((r) => r.asset.id === id)!.metrics;

  test('tracking URLs and paid search show only once visited after their campaign was created, social posts once published', () => {
    expect(listed).toEqual(['T2', 'S1', 'S2', 'S4', 'F1', 'F2']);
    // Before `to` reaches T2's visit and S4's publication, neither is listed.
    const early = assetReports(analysis, wb.assets, { from: null, to: at('2024-02-28T23:59:59Z') }).map((r) => r.asset.id);
    expect(early).toEqual(['S1', 'S2', 'F1', 'F2']);
  });

  test('a social post\'s network: by host or utm_source, x.com, twitter.com and t.co being one network', () => {
    // No URL on the post: the network most of its clicks came from.
    expect(metricsOf('S1')).toMatchObject({ clicks: 4, network: 'twitter' });
    expect(metricsOf('S2')).toMatchObject({ clicks: 1, network: 'linkedin' });
  });

  test('a form\'s new contacts: the contacts whose creating interaction is a submission of it', () => {
    expect([metricsOf('F1').new_contacts, metricsOf('F2').new_contacts]).toEqual([1, 1]);
    expect([metricsOf('F1').submissions, metricsOf('F2').submissions]).toEqual([2, 1]);
  });
});

test('a social post\'s networks as many visits each: the one visited first is its network, however the Visits sheet is sorted', () => {
  const clicks = [
    visit('v1', '2025-01-05T10:00:00Z', { assetId: 'S', type: 'social_click', referrer: 'https://www.linkedin.com/feed' }),
    visit('v2', '2025-01-06T10:00:00Z', { assetId: 'S', type: 'social_click', referrer: 'https://www.facebook.com/' }),
  ];
  for (const visits of [clicks, [...clicks].reverse()]) {
    const wb = workbook({ campaigns: [campaign('C1')], assets: [asset('S', 'C1', { type: 'social_post', publishedAt: at('2025-01-01') })], visits });
    const [report] = assetReports(analyze(wb, { lookbackDays: null }), wb.assets, { from: null, to: at('2025-12-31T23:59:59Z') });
    expect(report.metrics).toMatchObject({ clicks: 2, network: 'linkedin' });
  }
});

test('a page\'s form submissions are the submissions made on its URL, whichever form they name', () => {
  // Two F1 rows sent from /lp, one F1 row without a URL, one row naming no form sent from /lp.
  const wb = workbook({
    campaigns: [campaign('C1')],
    assets: [asset('LP', 'C1', { url: 'https://ex.com/lp' }), asset('F1', 'C1', { type: 'form' })],
    visits: [
      visit('a', '2024-03-01T10:00:00Z', { type: 'form_submission', assetId: 'F1', url: 'https://ex.com/lp?x=1' }),
      visit('b', '2024-03-01T11:00:00Z', { type: 'form_submission', assetId: 'F1', url: 'https://ex.com/lp' }),
      visit('c', '2024-03-01T12:00:00Z', { type: 'form_submission', assetId: 'F1' }),
      visit('d', '2024-03-01T13:00:00Z', { type: 'form_submission', url: 'https://ex.com/lp' }),
    ],
  });
  const reports = assetReports(analyze(wb, { lookbackDays: null }), wb.assets, { from: null, to: at('2024-12-31T23:59:59Z') });
  const metricsOf = (id: string) => reports.find((r) => r.asset.id === id)!.metrics;
  expect(metricsOf('LP').form_submissions).toBe(3);
  expect(metricsOf('F1').submissions).toBe(3);
});

test('a page\'s sessions are those that started in range (§7) with a view of the page by the range\'s end', () => {
  // March 5 only. a: a session from 03-04 23:50 that views LP at 03-05 00:05 (started before the range).
  // b: a session from 03-05 23:40 that views LP at 03-06 00:05 (after the range's end). c: a session from
  // 03-05 09:00 that views another page, then LP at 09:10: the only session counted.
  const wb = workbook({
    campaigns: [campaign('C1')],
    assets: [asset('LP', 'C1')],
    visits: [
      visit('a', '2024-03-04T23:50:00Z'),
      visit('a', '2024-03-05T00:05:00Z', { assetId: 'LP' }),
      visit('b', '2024-03-05T23:40:00Z'),
      visit('b', '2024-03-06T00:05:00Z', { assetId: 'LP' }),
      visit('c', '2024-03-05T09:00:00Z'),
      visit('c', '2024-03-05T09:10:00Z', { assetId: 'LP' }),
    ],
  });
  const range = { from: at('2024-03-05T00:00:00Z'), to: at('2024-03-05T23:59:59.999Z') };
  const [lp] = assetReports(analyze(wb, { lookbackDays: null }), wb.assets, range);
  // Views are dated by their own time: a's and c's.
  expect(lp.metrics).toMatchObject({ views: 2, sessions: 1 });
});
