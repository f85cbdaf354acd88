// Checks across rows and sheets: asset links (attribution-models.md §1, §7), A/B groups, unknown contacts.
import { ingestWorkbook } from '../../../src/core/ingest';
import type { Cell } from '../../../src/core/types';
import { UTC, briefs, workbook } from './fixture';

const CAMPAIGNS: Cell[][] = [
  ['campaign_id', 'name', 'created_at'],
  ['C1', 'Spring', '2024-01-01'],
  ['C2', 'Summer', '2024-02-01'],
  ['C3', 'Autumn', '2024-03-01'],
];
const ASSET_HEADER = ['asset_id', 'campaign_id', 'type', 'associated_at', 'published_at', 'ab_group', 'ab_winner'];

function ingestAssets(...rows: Cell[][]) {
  const result = ingestWorkbook(workbook({ Campaigns: CAMPAIGNS, Assets: [ASSET_HEADER, ...rows] }), UTC);
  return { links: result.workbook.assets.map((a) => `${a.id}@${a.campaignId}:${a.row}`), problems: result.problems, assets: result.workbook.assets };
}

describe('an asset linked to several campaigns', () => {
  test('moves: only the latest link stays; earlier links are warnings naming the winning link', () => {
    const { links, problems } = ingestAssets(
      ['A1', 'C1', 'landing_page', '2024-02-01'],
      ['A1', 'C2', 'landing_page', '2024-03-01'],
      ['A2', 'C1', 'landing_page', ''],
    );
    expect(links).toEqual(['A1@C2:3', 'A2@C1:4']);
    expect(problems).toEqual([{
      severity: 'warning', sheet: 'Assets', row: 2, column: 'campaign_id', messageId: 'ingest.asset_moved',
      params: { id: 'A1', from: 'C1', campaign: 'C2', row: 3 }, fatal: false,
    }]);
  });

  test('a moved asset keeps what its latest row leaves blank (URL, name) from its latest earlier row: it is still the one page', () => {
    const header = ['asset_id', 'campaign_id', 'type', 'name', 'url', 'associated_at'];
    const result = ingestWorkbook(workbook({
      Campaigns: CAMPAIGNS,
      Assets: [header,
        ['B1', 'C1', 'blog_post', 'Old title', 'https://ex.com/blog/first', '2024-01-15'],
        ['B1', 'C2', 'blog_post', 'Guide', 'https://ex.com/blog/x', '2024-02-01'],
        // The move restates id, campaign and type only.
        ['B1', 'C3', 'blog_post', '', '', '2024-03-01'],
      ],
    }), UTC);
    expect(result.workbook.assets.map((a) => [a.id, a.campaignId, a.row, a.name, a.url])).toEqual([['B1', 'C3', 4, 'Guide', 'https://ex.com/blog/x']]);
    expect(briefs(result.problems)).toEqual(['warning Assets:2:campaign_id ingest.asset_moved', 'warning Assets:3:campaign_id ingest.asset_moved']);
  });

  test('the latest associated_at wins, not the latest row', () => {
    const { links, problems } = ingestAssets(
      ['A1', 'C2', 'email', '2024-05-01'],
      ['A1', 'C1', 'email', '2024-04-01'],
      ['A1', 'C3', 'email', '2024-03-15'],
    );
    expect(links).toEqual(['A1@C2:2']);
    expect(problems.map((p) => [p.row, p.params.campaign, p.params.row])).toEqual([[3, 'C2', 2], [4, 'C2', 2]]);
  });

  test('an empty associated_at is the campaign created_at when comparing', () => {
    // C1 was created 2024-01-01, C2 2024-02-01: the C2 link is later.
    const { links } = ingestAssets(['A1', 'C2', 'cta', ''], ['A1', 'C1', 'cta', '']);
    expect(links).toEqual(['A1@C2:2']);
  });

  test('same time: the later sheet row wins', () => {
    const { links, problems } = ingestAssets(['A1', 'C1', 'form', '2024-03-01'], ['A1', 'C2', 'form', '2024-03-01']);
    expect(links).toEqual(['A1@C2:3']);
    expect(briefs(problems)).toEqual(['warning Assets:2:campaign_id ingest.asset_moved']);
  });

  test('workflows keep every link', () => {
    const { links, problems } = ingestAssets(['W1', 'C1', 'workflow', '2024-02-01'], ['W1', 'C2', 'Workflow', '2024-03-01']);
    expect(links).toEqual(['W1@C1:2', 'W1@C2:3']);
    expect(problems).toEqual([]);
  });

  test('a workflow linked to the same campaign twice: the later row is a duplicate, left out', () => {
    const { links, problems } = ingestAssets(['W1', 'C1', 'workflow', '2024-02-01'], ['W1', 'C1', 'workflow', '2024-03-01']);
    expect(links).toEqual(['W1@C1:2']);
    expect(problems.map((p) => [p.severity, p.row, p.messageId, p.params])).toEqual([
      ['error', 3, 'ingest.duplicate_link', { id: 'W1', campaign: 'C1', first: 2 }],
    ]);
  });

  test('any other asset linked to the same campaign twice keeps the latest link; the earlier one is a warning', () => {
    const { links, problems } = ingestAssets(['A1', 'C1', 'blog_post', '2024-03-01'], ['A1', 'C1', 'blog_post', '2024-02-01']);
    expect(links).toEqual(['A1@C1:2']);
    expect(problems.map((p) => [p.severity, p.row, p.messageId])).toEqual([['warning', 3, 'ingest.asset_moved']]);
  });

  test('moved to C2 and back to C1: the latest link (C1, row 4) wins, both earlier ones are warnings', () => {
    const { links, problems } = ingestAssets(
      ['A1', 'C1', 'landing_page', '2024-02-01'],
      ['A1', 'C2', 'landing_page', '2024-02-15'],
      ['A1', 'C1', 'landing_page', '2024-03-01'],
    );
    expect(links).toEqual(['A1@C1:4']);
    expect(problems.map((p) => [p.severity, p.row, p.messageId, p.params.campaign, p.params.row])).toEqual([
      ['warning', 2, 'ingest.asset_moved', 'C1', 4],
      ['warning', 3, 'ingest.asset_moved', 'C1', 4],
    ]);
  });

  test('a link left out for an error does not compete', () => {
    const { links, problems } = ingestAssets(['A1', 'C1', 'email', '2024-02-01'], ['A1', 'C9', 'email', '2024-06-01']);
    expect(links).toEqual(['A1@C1:2']);
    expect(briefs(problems)).toEqual(['error Assets:3:campaign_id ingest.unknown_campaign']);
  });
});

describe('social posts and A/B emails', () => {
  test('a social post without published_at is kept, with a warning', () => {
    const { links, problems } = ingestAssets(['S1', 'C1', 'social_post', '', ''], ['S2', 'C1', 'social_post', '', '2024-02-01']);
    expect(links).toEqual(['S1@C1:2', 'S2@C1:3']);
    expect(problems).toEqual([{
      severity: 'warning', sheet: 'Assets', row: 2, column: 'published_at', messageId: 'ingest.social_unpublished',
      params: { id: 'S1' }, fatal: false,
    }]);
  });

  test('an A/B group with exactly one winner is fine', () => {
    const { problems } = ingestAssets(['E1', 'C1', 'email', '', '', 'G1', 'TRUE'], ['E2', 'C1', 'email', '', '', 'G1', 'FALSE']);
    expect(problems).toEqual([]);
  });

  test('an A/B group with no winner: warning on its first row; all variants kept', () => {
    const { links, problems } = ingestAssets(['E1', 'C1', 'email', '', '', 'G1', ''], ['E2', 'C1', 'email', '', '', 'G1', 'no']);
    expect(links).toEqual(['E1@C1:2', 'E2@C1:3']);
    expect(problems).toEqual([{
      severity: 'warning', sheet: 'Assets', row: 2, column: 'ab_winner', messageId: 'ingest.ab_no_winner',
      params: { group: 'G1' }, fatal: false,
    }]);
  });

  test('an A/B group with several winners: warning listing their rows', () => {
    const { problems } = ingestAssets(
      ['E1', 'C1', 'email', '', '', 'G1', 'x'],
      ['E2', 'C1', 'email', '', '', 'G1', ''],
      ['E3', 'C1', 'email', '', '', 'G1', 'yes'],
    );
    expect(problems).toEqual([{
      severity: 'warning', sheet: 'Assets', row: 2, column: 'ab_winner', messageId: 'ingest.ab_several_winners',
      params: { group: 'G1', rows: '2, 4' }, fatal: false,
    }]);
  });

  test('A/B groups are per campaign', () => {
    const { problems } = ingestAssets(
      ['E1', 'C1', 'email', '', '', 'Test', 'TRUE'], ['E2', 'C1', 'email', '', '', 'Test', ''],
      ['E3', 'C2', 'email', '', '', 'Test', 'TRUE'], ['E4', 'C2', 'email', '', '', 'Test', ''],
    );
    expect(problems).toEqual([]);
  });

  test('ab_group on an asset that is not an email: a warning; no A/B variant, so it counts as any other', () => {
    // §1: "an A/B email asset only if it is the winning variant". A landing page in a group without a winner.
    const { assets, problems } = ingestAssets(['L1', 'C1', 'landing_page', '', '', 'G1', ''], ['L2', 'C1', 'landing_page', '', '', 'G1', 'TRUE']);
    expect(assets.map((a) => [a.id, a.abGroup, a.abWinner])).toEqual([['L1', null, false], ['L2', null, false]]);
    expect(problems.map((p) => [p.severity, p.row, p.column, p.messageId])).toEqual([
      ['warning', 2, 'ab_group', 'ingest.ab_group_not_email'], ['warning', 3, 'ab_group', 'ingest.ab_group_not_email'],
    ]);
  });

  test('ab_winner without ab_group: a warning; it is not an A/B email', () => {
    const { links, problems } = ingestAssets(['E1', 'C1', 'email', '', '', '', 'TRUE']);
    expect(links).toEqual(['E1@C1:2']);
    expect(problems).toEqual([{
      severity: 'warning', sheet: 'Assets', row: 2, column: 'ab_group', messageId: 'ingest.ab_winner_without_group',
      params: {}, fatal: false,
    }]);
  });
});

describe('contacts a deal names', () => {
  const DEALS: Cell[][] = [
    ['deal_id', 'amount', 'stage', 'created_at', 'contact_ids'],
    ['D1', 10, 'open', '2024-02-02', 'K1, K2, K3'],
  ];

  test('a contact in neither Contacts nor Visits is a warning; the deal is kept', () => {
    const { workbook: wb, problems } = ingestWorkbook(workbook({
      Deals: DEALS,
      Contacts: [['contact_id'], ['K2']],
    }), UTC);
    expect(problems).toEqual([{
      severity: 'warning', sheet: 'Deals', row: 2, column: 'contact_ids', messageId: 'ingest.unknown_contact',
      params: { id: 'K3' }, fatal: false,
    }]);
    expect(wb.deals.map((d) => d.id)).toEqual(['D1']);
  });

  test('without a Contacts sheet, Visits alone say who is known', () => {
    const { problems } = ingestWorkbook(workbook({ Deals: DEALS }), UTC);
    expect(problems.map((p) => p.params.id)).toEqual(['K2', 'K3']);
  });

  test('when Visits cannot be read, nobody is reported unknown (the fatal problem says enough)', () => {
    const { problems } = ingestWorkbook(workbook({ Deals: DEALS, Visits: [['contact_id'], ['K1']] }), UTC);
    expect(briefs(problems)).toEqual(['error Visits:1:timestamp ingest.column_missing FATAL']);
  });
});

describe('records that depend on a sheet that cannot be read', () => {
  test('are left out without further problems', () => {
    const { workbook: wb, problems } = ingestWorkbook(workbook({
      Campaigns: [['campaign_id', 'name'], ['C1', 'Spring']],
      Spend: [['date', 'campaign_id', 'amount'], ['2024-03-01', 'C1', 5]],
    }), UTC);
    expect(briefs(problems)).toEqual(['error Campaigns:1:created_at ingest.column_missing FATAL']);
    expect(wb.campaigns).toEqual([]);
    expect(wb.assets).toEqual([]);
    expect(wb.spend).toEqual([]);
    expect(wb.deals).toHaveLength(1);
  });
});
