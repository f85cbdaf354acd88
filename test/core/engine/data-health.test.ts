// The data-health table's answer to "why doesn't my asset show up?" (product.md), checked reason by reason.
import { analyze } from '../../../src/core/engine';
import { dataHealth } from '../../../src/core/engine/data-health';
import { asset, at, campaign, visit, workbook } from './fixtures';

describe('data health', () => {
  test('the reason follows the interactions\' times, not their sheet order', () => {
    // C1 is created on 02-01, its page A1 linked on 04-01. The page was visited on 03-01 (after the campaign was
    // created, before the link) and on 01-01: it shows up nowhere because of its link date.
    const wb = workbook({
      campaigns: [campaign('C1', { createdAt: at('2024-02-01') })],
      assets: [asset('A1', 'C1', { url: 'https://x.com/a', associatedAt: at('2024-04-01') })],
      visits: [visit('a', '2024-03-01', { url: 'https://x.com/a' }), visit('a', '2024-01-01', { url: 'https://x.com/a' })],
    });
    const findings = dataHealth(analyze(wb, { lookbackDays: null }), []);
    expect(findings.map((f) => [f.id, f.reasonId, f.interactions])).toEqual([['A1', 'health.before_association', 2]]);
  });

  test('a link taken away because the asset moved shows the asset\'s type, from the link that stands', () => {
    const wb = workbook({
      campaigns: [campaign('C1'), campaign('C2')],
      assets: [asset('E1', 'C2', { type: 'email' })],
      visits: [],
    });
    const moved = {
      severity: 'warning' as const, sheet: 'Assets', row: 2, column: 'campaign_id', messageId: 'ingest.asset_moved' as const,
      params: { id: 'E1', from: 'C1', campaign: 'C2', row: 3 }, fatal: false,
    };
    const findings = dataHealth(analyze(wb, { lookbackDays: null }), [moved]);
    expect(findings.map((f) => [f.id, f.assetType, f.campaignId, f.reasonId])).toEqual([
      ['E1', 'email', 'C2', 'health.no_interactions'],
      ['E1', 'email', 'C1', 'health.moved'],
    ]);
  });
});

test('an asset URL without a scheme that no visit matches: the reason says how to write it; one visits match is fine', () => {
  // Visits carry https://; the Assets sheet has "www.ex.com/lp" (no visit) and "ex.com/b" (visited so, without a scheme).
  const wb = workbook({
    campaigns: [campaign('C1')],
    assets: [
      asset('LP', 'C1', { url: 'www.ex.com/lp' }), asset('B', 'C1', { url: 'ex.com/b' }),
      asset('T', 'C1', { type: 'tracking_url', url: 'ex.com/t?utm_campaign=c1' }),
    ],
    visits: [
      visit('a', '2024-03-01', { url: 'https://www.ex.com/lp' }), visit('b', '2024-03-01', { url: 'ex.com/b' }),
      visit('c', '2024-03-01', { url: 'https://ex.com/t?utm_campaign=c1' }),
    ],
  });
  const findings = dataHealth(analyze(wb, { lookbackDays: null }), []);
  // The tracking URL too: the scheme, not "shows once visited", is why it has no visit.
  expect(findings.map((f) => [f.id, f.reasonId, f.params.url])).toEqual([
    ['LP', 'health.url_without_scheme', 'www.ex.com/lp'], ['T', 'health.url_without_scheme', 'ex.com/t?utm_campaign=c1'],
  ]);
});

test('a tracking URL listed after its page has the page\'s address once its utm parameters are dropped: the page gets the visits, and the reason says so', () => {
  // LP https://ex.com/lp (row first), T https://ex.com/lp?utm_campaign=c1 (the page with utm parameters).
  // Both visits, the tagged one too, go to LP by address (§1 rule 2, §7: the first in sheet order).
  const wb = workbook({
    campaigns: [campaign('C1')],
    assets: [
      asset('LP', 'C1', { url: 'https://ex.com/lp' }),
      asset('T', 'C1', { type: 'tracking_url', url: 'https://ex.com/lp?utm_source=news&utm_campaign=c1' }),
    ],
    visits: [visit('a', '2024-03-01', { url: 'https://ex.com/lp' }), visit('b', '2024-03-02', { url: 'https://ex.com/lp?utm_campaign=c1' })],
  });
  const findings = dataHealth(analyze(wb, { lookbackDays: null }), []);
  expect(findings.map((f) => [f.id, f.reasonId, f.params.asset, f.interactions])).toEqual([['T', 'health.url_taken', 'LP', 0]]);
});

test('visits written without https:// or the host (a page path, as GA4 exports it) that a full asset URL would match: the reason says so', () => {
  // LP https://ex.com/lp is visited twice as "/lp/" (a path) and once as "ex.com/lp"; F https://ex.com/form only in full.
  const wb = workbook({
    campaigns: [campaign('C1')],
    assets: [asset('LP', 'C1', { url: 'https://ex.com/lp' }), asset('P2', 'C1', { url: 'https://ex.com/p2' }), asset('F', 'C1', { url: 'https://ex.com/form' })],
    visits: [
      visit('a', '2024-03-01', { url: '/lp/' }), visit('b', '2024-03-02', { url: '/lp' }), visit('c', '2024-03-03', { url: 'EX.com/p2?x=1' }),
    // P2 also by its path alone: both forms count.
    visit('e', '2024-03-05', { url: '/p2' }),
      visit('d', '2024-03-04', { url: 'https://ex.com/form' }),
    ],
  });
  const findings = dataHealth(analyze(wb, { lookbackDays: null }), []);
  expect(findings.map((f) => [f.id, f.reasonId, f.params.url, f.params.count])).toEqual([
    ['LP', 'health.visit_urls_incomplete', '/lp/', '2'], ['P2', 'health.visit_urls_incomplete', 'EX.com/p2?x=1', '2'],
  ]);
});
