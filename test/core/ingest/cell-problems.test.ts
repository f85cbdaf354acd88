// Cells that hold no usable value although they are not empty: a formula's error (#N/A), a number too large
// to read (1E400), a year typed alone in a date column. Each is one problem naming sheet, row and column; a
// required cell (or one a rule needs) leaves its row out, an ignorable one is a warning and reads as empty.
import { ingestWorkbook } from '../../../src/core/ingest';
import { formatMessage } from '../../../src/core/messages';
import { BASE, briefs, UTC, workbook } from './fixture';

const CAMPAIGN_HEADER = ['campaign_id', 'name', 'utm_campaign', 'created_at', 'budget', 'goal_sessions'];
const VISIT_HEADER = ['timestamp', 'visitor_id', 'contact_id', 'asset_id', 'utm_campaign', 'source'];
const DEAL_HEADER = BASE.Deals[0];

describe('a cell that shows a spreadsheet error', () => {
  test.each([
    '#N/A', '#REF!', '#VALUE!', '#DIV/0!', '#NAME?', '#NUM!', '#NULL!', '#ERROR!', '#SPILL!', '#CALC!', '#GETTING_DATA',
  ])('%s in a required amount is that one error, and the deal is left out', (error) => {
    const { workbook: book, problems } = ingestWorkbook(workbook({
      Deals: [DEAL_HEADER, ['D1', error, 'won', '2024-02-02', '2024-02-03', 'K1']],
    }), UTC);
    expect(briefs(problems)).toEqual(['error Deals:2:amount ingest.cell_error']);
    expect(problems[0].params).toEqual({ value: error });
    expect(book.deals).toEqual([]);
  });

  test('says which error and what to do, in English and Dutch', () => {
    expect(formatMessage('ingest.cell_error', { value: '#N/A' })).toBe('The cell shows the error #N/A; fix the formula in the sheet.');
    expect(formatMessage('ingest.cell_error', { value: '#N/A' }, 'nl')).toBe('De cel toont de fout #N/A; herstel de formule in het blad.');
  });

  test('an id, a utm value or a reference that shows an error leaves its row out instead of matching nothing', () => {
    const { workbook: book, problems } = ingestWorkbook(workbook({
      Campaigns: [CAMPAIGN_HEADER, ['C1', 'Spring', 'spring', '2024-01-01', '', ''], ['#N/A', 'Summer', 'summer', '2024-01-01', '', '']],
      Assets: [BASE.Assets[0], ['A1', 'C1', 'landing_page'], ['A2', '#REF!', 'landing_page']],
      Visits: [
        VISIT_HEADER,
        ['2024-02-01T10:00:00Z', 'V1', 'K1', 'A1', 'spring', ''],
        ['2024-02-01T11:00:00Z', 'V1', 'K1', '#N/A', 'spring', ''],
        ['2024-02-01T12:00:00Z', 'V1', 'K1', 'A1', '#N/A', ''],
      ],
    }), UTC);
    // One problem each: not also "required cell is empty" or "campaign does not exist".
    expect(briefs(problems)).toEqual([
      'error Campaigns:3:campaign_id ingest.cell_error',
      'error Assets:3:campaign_id ingest.cell_error',
      'error Visits:3:asset_id ingest.cell_error',
      'error Visits:4:utm_campaign ingest.cell_error',
    ]);
    expect(book.campaigns.map((c) => c.id)).toEqual(['C1']);
    expect(book.assets.map((a) => a.id)).toEqual(['A1']);
    expect(book.visits.map((v) => v.row)).toEqual([2]);
  });

  test('a stage or closed_at that shows an error is that error alone, not also "empty" or "a won deal needs closed_at"', () => {
    const { workbook: book, problems } = ingestWorkbook(workbook({
      Deals: [
        DEAL_HEADER,
        ['D1', 100, '#N/A', '2024-02-02', '2024-02-03', 'K1'],
        ['D2', 100, 'won', '2024-02-02', '#VALUE!', 'K1'],
      ],
    }), UTC);
    expect(briefs(problems)).toEqual(['error Deals:2:stage ingest.cell_error', 'error Deals:3:closed_at ingest.cell_error']);
    expect(book.deals).toEqual([]);
  });

  test('in an ignorable cell it is a warning: the cell reads as empty and the row is kept', () => {
    const { workbook: book, problems } = ingestWorkbook(workbook({
      Campaigns: [CAMPAIGN_HEADER, ['C1', 'Spring', 'spring', '2024-01-01', ' #DIV/0! ', '#N/A']],
      Visits: [VISIT_HEADER, ['2024-02-01T10:00:00Z', 'V1', 'K1', '', '', '#REF!']],
    }), UTC);
    expect(briefs(problems)).toEqual([
      'warning Campaigns:2:goal_sessions ingest.ignored.cell_error',
      'warning Campaigns:2:budget ingest.ignored.cell_error',
      'warning Visits:2:source ingest.ignored.cell_error',
    ]);
    // The value shown is the error, without the spaces around it.
    expect(problems[1].params).toEqual({ value: '#DIV/0!' });
    expect(book.campaigns).toHaveLength(1);
    expect(book.campaigns[0].budget).toBeNull();
    expect(book.campaigns[0].goals.sessions).toBeNull();
    expect(book.visits).toHaveLength(1);
    expect(book.visits[0].source).toBeNull();
  });

  test('in a name, e-mail address, keyword or spend channel, which no rule needs, it is a warning and the row is kept', () => {
    const { workbook: book, problems } = ingestWorkbook(workbook({
      Assets: [['asset_id', 'campaign_id', 'type', 'name', 'keyword'], ['A1', 'C1', 'paid_search', '#N/A', '#REF!']],
      Deals: [['deal_id', 'name', 'amount', 'stage', 'created_at', 'closed_at', 'contact_ids'], ['D1', '#N/A', 100, 'won', '2024-02-02', '2024-02-03', 'K1']],
      Contacts: [['contact_id', 'email'], ['K1', '#VALUE!']],
      Spend: [['date', 'campaign_id', 'amount', 'channel'], ['2024-02-01', 'C1', 50, '#NAME?']],
    }), UTC);
    expect(briefs(problems)).toEqual([
      'warning Assets:2:name ingest.ignored.cell_error',
      'warning Assets:2:keyword ingest.ignored.cell_error',
      'warning Deals:2:name ingest.ignored.cell_error',
      'warning Spend:2:channel ingest.ignored.cell_error',
      'warning Contacts:2:email ingest.ignored.cell_error',
    ]);
    expect([book.assets[0].name, book.assets[0].keyword, book.deals[0].name, book.contacts[0].email, book.spend[0].channel])
      .toEqual(['', null, '', null, null]);
  });

  test('text that only starts like an error is text', () => {
    const { workbook: book, problems } = ingestWorkbook(workbook({
      Campaigns: [CAMPAIGN_HEADER, ['C1', '#N/A campaign', '#spring', '2024-01-01', '', '']],
    }), UTC);
    expect(problems).toEqual([]);
    expect(book.campaigns[0].name).toBe('#N/A campaign');
    expect(book.campaigns[0].utmCampaign).toBe('#spring');
  });
});

describe('a number too large to read', () => {
  test('1E400 as an amount is an error, never an Infinity revenue; as a budget a warning', () => {
    const { workbook: book, problems } = ingestWorkbook(workbook({
      Campaigns: [CAMPAIGN_HEADER, ['C1', 'Spring', 'spring', '2024-01-01', '1E400', '']],
      Deals: [DEAL_HEADER, ['D1', '1E400', 'won', '2024-02-02', '2024-02-03', 'K1'], ['D2', '250', 'won', '2024-02-02', '2024-02-03', 'K1']],
    }), UTC);
    expect(briefs(problems)).toEqual([
      'warning Campaigns:2:budget ingest.ignored.number_too_large',
      'error Deals:2:amount ingest.number_too_large',
    ]);
    expect(book.campaigns[0].budget).toBeNull();
    expect(book.deals.map((d) => [d.id, d.amount])).toEqual([['D2', 250]]);
    expect(formatMessage('ingest.number_too_large', { value: '1E400' }))
      .toBe('"1E400" is too large to read as a number; check the cell for a typing error.');
  });
});

describe('a huge cell that cannot be read', () => {
  test('is quoted by its first 200 characters and an ellipsis, not in full', () => {
    const pasted = 'x'.repeat(1_000_000);
    const { problems } = ingestWorkbook(workbook({ Deals: [DEAL_HEADER, ['D1', pasted, 'won', '2024-02-02', '2024-02-03', 'K1']] }), UTC);
    expect(briefs(problems)).toEqual(['error Deals:2:amount ingest.number_invalid']);
    expect(problems[0].params.value).toBe(`${'x'.repeat(200)}…`);
    // An emoji across the cut (two UTF-16 units at 200 and 201) is left out whole, not halved.
    const withEmoji = `${'x'.repeat(199)}😀${'y'.repeat(500)}`;
    const emoji = ingestWorkbook(workbook({ Deals: [DEAL_HEADER, ['D1', withEmoji, 'won', '2024-02-02', '2024-02-03', 'K1']] }), UTC);
    expect(emoji.problems[0].params.value).toBe(`${'x'.repeat(199)}…`);
  });
});

describe('a year alone or a small number in a date column', () => {
  test('is a date problem, as text or as a number cell, instead of a day in 1900–1905', () => {
    const { workbook: book, problems } = ingestWorkbook(workbook({
      Campaigns: [
        ['campaign_id', 'name', 'created_at', 'start_date'],
        ['C2', 'Summer', '2024', ''],
        ['C3', 'Autumn', 12, ''],
        ['C1', 'Spring', '2024-01-01', 2024],
      ],
    }), UTC);
    expect(briefs(problems)).toEqual([
      'error Campaigns:2:created_at ingest.date_serial_small',
      'error Campaigns:3:created_at ingest.date_serial_small',
      'warning Campaigns:4:start_date ingest.ignored.date_serial_small',
    ]);
    expect(book.campaigns.map((c) => [c.id, c.startDate])).toEqual([['C1', null]]);
    expect(formatMessage('ingest.date_serial_small', { value: '2024' })).toBe(
      '"2024" is not a date: a year alone or a small number is not read as one (date numbers start at 3654, 1 January 1910); '
        + 'use YYYY-MM-DD, such as 2024-04-25, or a date cell.',
    );
  });

  test('a time typed alone (a Date cell on 30 December 1899) is a date problem too, never a visit 125 years ago', () => {
    const timeAlone = new Date('1899-12-30T10:00:00Z');
    const { workbook: book, problems } = ingestWorkbook(workbook({
      Campaigns: [['campaign_id', 'name', 'created_at', 'start_date'], ['C2', 'Summer', timeAlone, ''], ['C1', 'Spring', '2024-01-01', timeAlone]],
      Visits: [['timestamp', 'visitor_id'], [timeAlone, 'v1'], ['2024-03-01 10:00', 'v1']],
    }), UTC);
    expect(briefs(problems.filter((p) => p.sheet === 'Campaigns' || p.sheet === 'Visits'))).toEqual([
      'error Campaigns:2:created_at ingest.date_too_early',
      'warning Campaigns:3:start_date ingest.ignored.date_too_early',
      'error Visits:2:timestamp ingest.date_too_early',
    ]);
    expect([book.campaigns.map((c) => [c.id, c.startDate]), book.visits.length]).toEqual([[['C1', null]], 1]);
    expect(formatMessage('ingest.date_too_early', { value: '10:00' }, 'nl')).toBe(
      '"10:00" is geen datum van deze gegevens: een tijd zonder datum, of een datum vóór 1910, wordt niet als datum gelezen; '
        + 'typ ook de datum, zoals 2024-04-25 14:30, of gebruik een datumcel.',
    );
  });
});
