// The whole ingest: the input stays untouched, problems come in sheet and row order and read well.
import { ingestWorkbook } from '../../../src/core/ingest';
import { formatMessage } from '../../../src/core/messages';
import type { Cell, RawWorkbook } from '../../../src/core/types';
import { UTC, at, briefs, workbook } from './fixture';

/** A messy workbook: problems on several sheets, some found while reading, some in later cross-checks. */
function messyWorkbook(): RawWorkbook {
  return workbook({
    Campaigns: [
      ['campaign_id', 'name', 'created_at', 'former_utm_campaigns'],
      ['C1', 'Spring', new Date('2024-01-01T00:00:00Z'), 'a;b'],
      ['C2', 'Summer', 45352.5, ''],
      ['C1', 'Dup', '2024-01-01', ''],
    ],
    Assets: [
      ['asset_id', 'campaign_id', 'type', 'associated_at', 'ab_group', 'ab_winner'],
      ['A1', 'C1', 'email', '2024-02-01', 'G', ''],
      ['A1', 'C2', 'email', '2024-03-05', 'G', ''],
      ['A2', 'C9', 'email', '', '', ''],
    ],
    Visits: [
      ['timestamp', 'contact_id', 'visitor_id'],
      ['2024-02-01T10:00:00Z', 'K1', ''],
      ['soon', 'K1', ''],
    ],
    Deals: [
      ['deal_id', 'amount', 'stage', 'created_at', 'closed_at', 'contact_ids'],
      ['D1', 100, 'won', '2024-02-02', '2024-02-03', 'K1;K9'],
      ['D2', 100, 'won', '2024-02-02', '', 'K1'],
    ],
    DealContacts: [['deal_id', 'contact_id', 'associated_at'], ['D3', 'K1', '']],
    Contacts: [['contact_id', 'created_at'], ['K1', '1.2.2024']],
  });
}

function deepCopy(rows: RawWorkbook): RawWorkbook {
  const copy: RawWorkbook = {};
  for (const [name, sheet] of Object.entries(rows) as [keyof RawWorkbook, Cell[][]][]) {
    copy[name] = sheet.map((row) => row.map((cell) => (cell instanceof Date ? new Date(cell.getTime()) : cell)));
  }
  return copy;
}

test('ingest never changes its input', () => {
  const raw = messyWorkbook();
  const before = deepCopy(raw);
  ingestWorkbook(raw, { tz: 'Europe/Amsterdam', locale: 'nl-NL', currency: 'EUR' });
  expect(raw).toEqual(before);
});

test('problems are ordered by sheet, then row', () => {
  const { problems } = ingestWorkbook(messyWorkbook(), UTC);
  expect(briefs(problems)).toEqual([
    'error Campaigns:4:campaign_id ingest.duplicate_id',
    'warning Assets:2:campaign_id ingest.asset_moved',
    'warning Assets:3:ab_winner ingest.ab_no_winner',
    'error Assets:4:campaign_id ingest.unknown_campaign',
    'error Visits:3:timestamp ingest.date_invalid',
    'warning Deals:2:contact_ids ingest.unknown_contact',
    'error Deals:3:closed_at ingest.closed_at_missing_won',
    'error DealContacts:2:deal_id ingest.unknown_deal',
    'error Contacts:2:created_at ingest.date_ambiguous',
  ]);
});

test('every problem reads as a complete English sentence', () => {
  const { problems } = ingestWorkbook(messyWorkbook(), UTC);
  const texts = problems.map((p) => formatMessage(p.messageId, p.params));
  for (const text of texts) expect(text).not.toMatch(/\{\w+\}/);
  expect(texts[0]).toBe('The id "C1" already appears on row 2; this row is left out.');
  expect(texts[1]).toBe('The asset "A1" is also linked to campaign "C2" (row 3) later; the later link wins and this one counts for nothing.');
});

test('the records of a messy workbook are the rows without errors', () => {
  const { workbook: wb } = ingestWorkbook(messyWorkbook(), UTC);
  expect(wb.campaigns.map((c) => [c.id, c.createdAt])).toEqual([
    ['C1', at('2024-01-01T00:00:00Z')],
    ['C2', at('2024-03-01T12:00:00Z')],
  ]);
  expect(wb.assets.map((a) => [a.id, a.campaignId])).toEqual([['A1', 'C2']]);
  expect(wb.visits.map((v) => v.row)).toEqual([2]);
  expect(wb.deals.map((d) => d.id)).toEqual(['D1']);
  expect(wb.dealContacts).toEqual([]);
  expect(wb.contacts).toEqual([]);
});

test('a large Visits sheet reads every row', () => {
  const rows: Cell[][] = [['timestamp', 'visitor_id', 'contact_id', 'interaction_type', 'utm_campaign']];
  const start = at('2024-01-01T00:00:00Z');
  for (let i = 0; i < 20_000; i++) {
    const time: Cell = i % 3 === 0 ? new Date(start + i * 60_000) : i % 3 === 1 ? 45292 + i / 1440 : new Date(start + i * 60_000).toISOString();
    rows.push([time, `V${i % 500}`, i % 7 === 0 ? `K${i % 100}` : '', i % 2 ? 'page_view' : 'Email Click', 'spring']);
  }
  const { workbook: wb, problems } = ingestWorkbook(workbook({ Visits: rows }), UTC);
  expect(briefs(problems, 'Visits')).toEqual([]);
  expect(wb.visits).toHaveLength(20_000);
  // Serial 45292 is 2024-01-01, so every third form lands on the same minute grid.
  expect(wb.visits[19_999].timestamp).toBe(start + 19_999 * 60_000);
  expect(wb.visits[19_998].timestamp).toBe(start + 19_998 * 60_000);
  expect(wb.visits[1].type).toBe('page_view');
  expect(wb.visits[2].type).toBe('email_click');
});

test('a row blank in every column the sheet reads is skipped, whatever columns it does not read hold', () => {
  // A formula filled down an extra column ("Amount incl. VAT", 0 on empty rows) and a note beside the table.
  const header = ['deal_id', 'amount', 'stage', 'created_at', 'closed_at', 'contact_ids', 'Amount incl. VAT', 'Notes'];
  const { workbook: wb, problems } = ingestWorkbook(workbook({
    Deals: [header, ['D1', 100, 'won', '2024-02-02', '2024-02-03', 'K1', 121, ''], ['', '', '', '', '', '', 0, ''], ['', '', '', '', '', '', 0, 'ask Anna']],
  }), UTC);
  expect(wb.deals.map((d) => d.id)).toEqual(['D1']);
  expect(problems).toEqual([]);
});

describe('a column whose own cells show the other convention than the locale settled others by', () => {
  const NL = { tz: 'UTC', locale: 'nl-NL', currency: 'EUR' };
  const header = ['deal_id', 'amount', 'stage', 'created_at', 'closed_at', 'contact_ids'];
  const messages = (rows: Cell[][]) => ingestWorkbook(workbook({ Deals: [header, ...rows] }), NL).problems
    .map((p) => [p.row, p.column, formatMessage(p.messageId, p.params, 'en')]);

  test('a US export in a Dutch workbook: 02/20/2024 can only be month-first, so 02/05/2024, read day-first as 2 May, is said', () => {
    // Row 2's created_at can only be 20 February; row 3's was read day-first, as Dutch dates are: 2 May.
    expect(messages([['D1', 10, 'open', '02/20/2024', '', 'K1'], ['D2', 10, 'open', '02/05/2024', '', 'K1']])).toEqual([[2, 'created_at',
      'Some dates in this column can only be month-first ("02/20/2024" on this row), but 1 that could be either, such as "02/05/2024" (row 3), '
        + 'were read day-first, as the locale writes dates (02/05/2024 as 2024-05-02). If the column comes from a system that writes dates '
        + 'month-first (a US export, say), write them as YYYY-MM-DD or read the data with such a locale.',
    ]]);
  });

  test('"2,000.50" has a decimal point, so "1,500" read as 1.5 with the Dutch decimal comma is said', () => {
    expect(messages([['D1', '2,000.50', 'open', '2024-02-02', '', 'K1'], ['D2', '1,500', 'open', '2024-02-02', '', 'K1']])).toEqual([[2, 'amount',
      'Some numbers in this column have a decimal point ("2,000.50" on this row), but 1 that could have either mark, such as "1,500" (row 3), '
        + 'were read with a decimal comma, as the locale writes numbers (1,500 as 1,5). If the column comes from a system that writes a decimal '
        + 'point (a US export, say), write its numbers without thousands separators or read the data with such a locale.',
    ]]);
  });

  test('a plain "99.95" shows a decimal point too (the audit\'s "1,500" beside it was read as 1.5 without a word)', () => {
    expect(messages([['D1', '1,500', 'open', '2024-02-02', '', 'K1'], ['D2', '99.95', 'open', '2024-02-02', '', 'K1']]).map(([row, column]) => [row, column]))
      .toEqual([[3, 'amount']]);
  });

  test('Dutch cells that agree with the locale say nothing', () => {
    expect(messages([['D1', '2.000,50', 'open', '13-02-2024', '', 'K1'], ['D2', '1.500', 'open', '03-02-2024', '', 'K1']])).toEqual([]);
  });
});
