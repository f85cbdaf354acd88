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
