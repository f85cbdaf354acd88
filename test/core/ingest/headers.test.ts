import { formatMessage } from '../../../src/core/messages';
import { COLUMN_SPECS, canonicalHeaders, columnLetters, ingestWorkbook, normalizeHeader } from '../../../src/core/ingest';
import { SHEET_NAMES } from '../../../src/core/types';
import { BASE, UTC, at, briefs, workbook } from './fixture';

describe('COLUMN_SPECS', () => {
  // Written from product.md's "Input sheets" table; bold = required.
  const table: Record<string, [string[], string[]]> = {
    Campaigns: [
      ['campaign_id', 'name', 'utm_campaign', 'former_utm_campaigns', 'created_at', 'start_date', 'end_date',
        'goal_sessions', 'goal_new_contacts', 'goal_influenced_contacts', 'goal_revenue', 'budget'],
      ['campaign_id', 'name', 'created_at'],
    ],
    Assets: [
      ['asset_id', 'campaign_id', 'type', 'name', 'url', 'associated_at', 'published_at', 'ab_group', 'ab_winner',
        'keyword', 'sent', 'delivered', 'views'],
      ['asset_id', 'campaign_id', 'type'],
    ],
    Visits: [
      ['timestamp', 'visitor_id', 'contact_id', 'session_id', 'interaction_type', 'url', 'asset_id', 'utm_source',
        'utm_medium', 'utm_campaign', 'utm_term', 'utm_content', 'referrer', 'source', 'manually_logged'],
      ['timestamp'],
    ],
    Deals: [
      ['deal_id', 'name', 'amount', 'currency', 'stage', 'created_at', 'closed_at', 'contact_ids'],
      ['deal_id', 'amount', 'stage', 'created_at', 'contact_ids'],
    ],
    Spend: [['date', 'campaign_id', 'amount', 'channel'], ['date', 'campaign_id', 'amount']],
    DealContacts: [['deal_id', 'contact_id', 'associated_at'], ['deal_id', 'contact_id', 'associated_at']],
    Contacts: [['contact_id', 'created_at', 'email', 'visitor_ids'], ['contact_id']],
  };

  test.each(SHEET_NAMES)('%s has the columns of product.md, in its order', (sheet) => {
    const specs = COLUMN_SPECS[sheet] as ReadonlyArray<{ name: string; required: boolean; extra?: true }>;
    expect(specs.filter((c) => !c.extra).map((c) => c.name)).toEqual(table[sheet][0]);
    // Beyond product.md, read when a sheet has it and never part of a new sheet: a time of day beside the date.
    expect(specs.filter((c) => c.extra).map((c) => c.name)).toEqual(sheet === 'Visits' ? ['time_of_day'] : []);
    expect(canonicalHeaders(sheet)).toEqual(table[sheet][0]);
    expect(specs.filter((c) => c.required).map((c) => c.name)).toEqual(table[sheet][1]);
  });

  test.each(SHEET_NAMES)('no two columns of %s can claim the same header', (sheet) => {
    const owner = new Map<string, string>();
    for (const spec of COLUMN_SPECS[sheet]) {
      for (const header of [spec.name, ...spec.aliases]) {
        const key = normalizeHeader(header);
        expect([key, owner.get(key) ?? spec.name]).toEqual([key, spec.name]);
        owner.set(key, spec.name);
      }
    }
  });
});

describe('header matching', () => {
  test('ignores case, spaces, underscores, hyphens and a trailing unit', () => {
    expect(normalizeHeader('UTM Campaign')).toBe('utmcampaign');
    expect(normalizeHeader('utm_campaign')).toBe('utmcampaign');
    expect(normalizeHeader(' utm-campaign ')).toBe('utmcampaign');
    // Invisible characters pasted with a header (a zero-width space, a direction mark) are not part of it.
    expect(normalizeHeader('amount\u200b')).toBe('amount');
    expect(normalizeHeader('\u200fclosed_at (EUR)\u200e')).toBe('closedat');
    expect(normalizeHeader('Amount (EUR)')).toBe('amount');
    expect(columnLetters(1)).toBe('A');
    expect(columnLetters(26)).toBe('Z');
    expect(columnLetters(27)).toBe('AA');
  });

  test('headers written the way people write them, in any order, with extra columns', () => {
    const { workbook: wb, problems } = ingestWorkbook(workbook({
      Campaigns: [
        ['Notes', 'Created At', 'UTM Campaign', 'Campaign ID', 'Name', 'Former UTM campaigns'],
        ['ignore me', '2024-01-01', 'spring_2024', 'C1', 'Spring launch', 'spring-old; spring_2023'],
      ],
      Deals: [
        ['Deal ID', 'Deal Stage', 'Amount (EUR)', 'Create date', 'Close date', 'Contacts', 'Owner'],
        ['D1', 'Closed Won', '1.234,56', '2024-02-02', '2024-02-03', 'K1; K2', 'Ann'],
      ],
      Visits: [
        ['Time', 'contact-id', 'Interaction Type', 'utm_source', 'UTM Medium'],
        ['2024-02-01 10:00', 'K1', 'Form', 'newsletter', 'email'],
      ],
    }), { ...UTC, locale: 'nl-NL' });
    expect(briefs(problems)).toEqual(['warning Deals:2:contact_ids ingest.unknown_contact']);
    expect(wb.campaigns[0]).toMatchObject({
      id: 'C1', name: 'Spring launch', utmCampaign: 'spring_2024', formerUtmCampaigns: ['spring-old', 'spring_2023'],
    });
    expect(wb.deals[0]).toMatchObject({ id: 'D1', stage: 'won', amount: 1234.56, contactIds: ['K1', 'K2'] });
    expect(wb.visits[0]).toMatchObject({
      timestamp: at('2024-02-01T10:00:00Z'), contactId: 'K1', type: 'form_submission',
      utm: { source: 'newsletter', medium: 'email', campaign: null, term: null, content: null },
    });
  });

  test('HubSpot\'s deal and contact export headers', () => {
    const { workbook: wb, problems } = ingestWorkbook(workbook({
      Deals: [
        ['Record ID', 'Deal Name', 'Deal Stage', 'Amount', 'Create Date', 'Close Date', 'Pipeline', 'Associated Contact IDs'],
        ['101', 'Acme renewal', 'closedwon', '2500', '2024-02-02 09:30', '2024-03-01', 'Sales Pipeline', '201;202'],
      ],
      Contacts: [
        ['Record ID', 'First Name', 'Email', 'Create Date'],
        ['201', 'Ann', 'ann@example.com', '2024-01-15'], ['202', 'Bob', 'bob@example.com', '2024-01-20'],
      ],
    }), UTC);
    expect(briefs(problems)).toEqual([]);
    expect(wb.deals).toEqual([{
      row: 2, id: '101', name: 'Acme renewal', amount: 2500, currency: null, stage: 'won',
      createdAt: at('2024-02-02T09:30:00Z'), closedAt: at('2024-03-01T00:00:00Z'), contactIds: ['201', '202'],
    }]);
    expect(wb.contacts.map((c) => [c.id, c.email, c.createdAt])).toEqual([
      ['201', 'ann@example.com', at('2024-01-15T00:00:00Z')], ['202', 'bob@example.com', at('2024-01-20T00:00:00Z')],
    ]);
  });

  test('a missing required sheet is fatal; a missing optional sheet is fine', () => {
    const { problems } = ingestWorkbook(workbook({ Visits: undefined, Deals: undefined }), UTC);
    expect(problems).toEqual([
      { severity: 'error', sheet: 'Visits', row: null, column: null, messageId: 'ingest.sheet_missing', params: { sheet: 'Visits' }, fatal: true },
      { severity: 'error', sheet: 'Deals', row: null, column: null, messageId: 'ingest.sheet_missing', params: { sheet: 'Deals' }, fatal: true },
    ]);
  });

  test('a missing required column is fatal and says which headers were looked for', () => {
    const { problems } = ingestWorkbook(workbook({
      Campaigns: [['campaign_id', 'name'], ['C1', 'Spring']],
    }), UTC);
    // On row 1, the header row: cli.md prints problems as sheet:row:column.
    expect(problems).toEqual([{
      severity: 'error', sheet: 'Campaigns', row: 1, column: 'created_at', messageId: 'ingest.column_missing',
      params: { column: 'created_at', aliases: 'created_at, created, created on, create date, creation date, created date' },
      fatal: true,
    }]);
  });

  test('an optional sheet with a missing required column is fatal too: its data cannot be read', () => {
    const { problems, workbook: wb } = ingestWorkbook(workbook({ Spend: [['date', 'amount'], ['2024-01-01', 5]] }), UTC);
    expect(briefs(problems)).toEqual(['error Spend:1:campaign_id ingest.column_missing FATAL']);
    expect(wb.spend).toEqual([]);
  });

  test('an empty required sheet lacks every required column', () => {
    const { problems } = ingestWorkbook(workbook({ Assets: [] }), UTC);
    expect(briefs(problems)).toEqual([
      'error Assets:1:asset_id ingest.column_missing FATAL',
      'error Assets:1:campaign_id ingest.column_missing FATAL',
      'error Assets:1:type ingest.column_missing FATAL',
    ]);
  });

  test('an empty optional sheet (no rows, or only blank ones) is read as absent: no problem, no records', () => {
    const { problems, workbook: wb } = ingestWorkbook(workbook({ Spend: [], Contacts: [[]], DealContacts: [[''], ['', '  ']] }), UTC);
    expect(problems).toEqual([]);
    expect([wb.spend, wb.contacts, wb.dealContacts]).toEqual([[], [], []]);
  });

  test('an empty Contacts sheet, like an absent one, leaves Visits to say who is known', () => {
    const deals = [BASE.Deals[0], ['D1', 100, 'won', '2024-02-02', '2024-02-03', 'K1, K9']];
    const { problems } = ingestWorkbook(workbook({ Deals: deals, Contacts: [] }), UTC);
    expect(briefs(problems)).toEqual(['warning Deals:2:contact_ids ingest.unknown_contact']);
  });

  test('Visits without both visitor_id and contact_id: one fatal problem on the header row, no row problems', () => {
    const { problems, workbook: wb } = ingestWorkbook(workbook({
      Visits: [['timestamp', 'url'], ['2024-02-01', 'https://x.test/a'], ['2024-02-02', 'https://x.test/b']],
    }), UTC);
    expect(problems).toEqual([{
      severity: 'error', sheet: 'Visits', row: 1, column: 'contact_id', messageId: 'ingest.columns_missing_one_of',
      params: {
        columns: 'visitor_id, contact_id',
        aliases: 'visitor_id, visitor, cookie, cookie id, anonymous id, contact_id, contact',
      },
      fatal: true,
    }]);
    expect(wb.visits).toEqual([]);
  });

  test('Visits with only one of visitor_id and contact_id is fine', () => {
    for (const column of ['visitor_id', 'Contact']) {
      const { problems, workbook: wb } = ingestWorkbook(workbook({ Visits: [['timestamp', column], ['2024-02-01', 'K1']] }), UTC);
      expect(briefs(problems, 'Visits')).toEqual([]);
      expect(wb.visits).toHaveLength(1);
    }
  });

  test('column names below a title row: the fatal problem says on which row they are, before what row 1 lacks', () => {
    const { problems, workbook: wb } = ingestWorkbook(workbook({ Deals: [['Deals export, May 2024'], [], ...BASE.Deals] }), UTC);
    const deals = problems.filter((p) => p.sheet === 'Deals');
    expect(deals[0]).toMatchObject({ row: 1, column: null, messageId: 'ingest.header_not_first', params: { row: 3 }, fatal: true });
    expect(formatMessage(deals[0].messageId, deals[0].params, 'en'))
      .toBe('The column names are on row 3; they must be on row 1. Delete the rows above them (a title, or a "sep=" line).');
    expect(deals.slice(1).every((p) => p.messageId === 'ingest.column_missing')).toBe(true);
    expect(wb.deals).toEqual([]);
  });

  test('a sheet with only its header is fine', () => {
    const { problems, workbook: wb } = ingestWorkbook(workbook({ Deals: [BASE.Deals[0]] }), UTC);
    expect(problems).toEqual([]);
    expect(wb.deals).toEqual([]);
  });

  test('the same column twice: the first is used, with a warning naming its column letter', () => {
    const { problems, workbook: wb } = ingestWorkbook(workbook({
      Campaigns: [['campaign_id', 'name', 'created_at', 'Name'], ['C1', 'First', '2024-01-01', 'Second']],
    }), UTC);
    expect(problems).toEqual([{
      severity: 'warning', sheet: 'Campaigns', row: 1, column: 'name', messageId: 'ingest.column_duplicate',
      params: { column: 'name', first: 'B', first_header: 'name', second: 'D', header: 'Name' }, fatal: false,
    }]);
    expect(wb.campaigns[0].name).toBe('First');
  });

  test('a header one or two typing errors from a column the sheet lacks is named, with the column it may mean', () => {
    const { problems, workbook: wb } = ingestWorkbook(workbook({
      Visits: [['timestamp', 'visitor_id', 'utm_campaing', 'Interaction-Typ', 'Notes', 'Sesion'],
        ['2024-03-01', 'v1', 'spring', 'form_submission', 'x', 's1']],
    }), UTC);
    // "Notes" is far from every column; "Sesion" is one edit from "session", an alias of session_id, and
    // "utm_campaing" one swap from utm_campaign (under 10 letters one edit is allowed, from 10 on two).
    expect(problems.filter((p) => p.row === 1).map((p) => [p.severity, p.column, formatMessage(p.messageId, p.params, 'en')])).toEqual([
      ['warning', 'utm_campaign', 'The column "utm_campaing" (column C) is not read: no column has that name. If it is meant as utm_campaign, rename it "utm_campaign".'],
      ['warning', 'interaction_type', 'The column "Interaction-Typ" (column D) is not read: no column has that name. If it is meant as interaction_type, rename it "interaction_type".'],
      ['warning', 'session_id', 'The column "Sesion" (column F) is not read: no column has that name. If it is meant as session_id, rename it "session_id".'],
      // With utm_campaign misspelt the sheet has nothing that places a visit in a campaign.
      ['warning', 'url', 'No column says which campaign a visit belongs to (none of url, asset_id, utm_campaign is there), so every visit counts '
        + 'for no campaign. Columns not read: utm_campaing, Interaction-Typ, Notes, Sesion. Name the column holding the page address url, or the '
        + 'one holding the campaign\'s utm value utm_campaign.'],
    ]);
    // Still not read: the visit has no campaign and is a page view.
    expect(wb.visits.map((v) => [v.utm.campaign, v.type])).toEqual([[null, 'page_view']]);
  });

  test('no guess for a column the sheet has, nor for short or far-off headers', () => {
    const { problems } = ingestWorkbook(workbook({
      Visits: [['timestamp', 'visitor_id', 'utm_campaign', 'utm_campaing', 'game', 'Pipeline'], ['2024-03-01', 'v1', 'spring', 'x', 'y', 'z']],
    }), UTC);
    expect(problems.filter((p) => p.row === 1)).toEqual([]);
  });

  test('no guess two letters off a short header: "Dealfase" (Dutch for deal stage) is not taken for deal name', () => {
    const header = ['deal_id', 'amount', 'stage', 'created_at', 'contact_ids', 'Dealfase', 'Clsoe Date'];
    const { problems } = ingestWorkbook(workbook({ Deals: [header, ['D1', '100', 'won', '2024-03-01', 'k1', 'Gewonnen', '2024-03-02']] }), UTC);
    // "Clsoe Date" is one swap from "close date", an alias of closed_at.
    expect(problems.filter((p) => p.messageId === 'ingest.column_misspelt').map((p) => [p.params.header, p.column])).toEqual([['Clsoe Date', 'closed_at']]);
  });

  test('two letters off from ten letters on: "utm_campagne", "Startdatum" and "Interacton tpe" are guessed; not "Created by", "Published by", "Association" or "Visitors IP"', () => {
    const { problems } = ingestWorkbook(workbook({
      Campaigns: [['campaign_id', 'name', 'created_at', 'utm_campagne', 'Startdatum'], ['C1', 'Spring', '2024-03-01', 'spring', '2024-03-01']],
      // "publishedby" is two from "publishedat" and "association" two from "associatedon", but each swaps a short last word.
      Assets: [['asset_id', 'campaign_id', 'type', 'Published by', 'Association'], ['A1', 'C1', 'landing_page', 'Anna', 'Partner']],
      // A short last word mistyped is a typing error like any other: "Interacton tpe" is two from interaction_type.
      // "Visitors IP" is two from "visitor id", but "ip" is another word than "id".
      Visits: [['timestamp', 'contact_id', 'url', 'utm_campagne', 'Interacton tpe', 'Visitors IP'], ['2024-03-01', 'k1', 'https://example.com/x', 'spring', 'page_view', '10.0.0.1']],
      Deals: [['deal_id', 'amount', 'stage', 'contact_ids', 'Created by', 'Dealfase'], ['D1', '100', 'open', 'k1', 'Anna', 'Offerte']],
    }), UTC);
    // utmcampagne and utmcampaign, startdatum and startdate: 11 and 10 letters, two edits each. "createdby" is two
    // from "createdon", an alias of the Deals sheet's created_at, but nine letters long.
    expect(problems.filter((p) => p.messageId === 'ingest.column_misspelt').map((p) => [p.sheet, p.params.header, p.column])).toEqual([
      ['Campaigns', 'utm_campagne', 'utm_campaign'], ['Campaigns', 'Startdatum', 'start_date'], ['Visits', 'utm_campagne', 'utm_campaign'],
      ['Visits', 'Interacton tpe', 'interaction_type'],
    ]);
  });

  test('separate Date and Time columns: the date gives the day, the time column the time of day', () => {
    const { problems, workbook: wb } = ingestWorkbook(workbook({
      Visits: [['Date', 'Time', 'visitor_id'], ['2024-03-01', '10:15', 'v1'], ['2024-03-01', '2:05 PM', 'v1'], ['2024-03-02', '', 'v1']],
    }), UTC);
    expect(problems.filter((p) => p.sheet === 'Visits')).toEqual([]);
    // An empty time is the day's start, as a date without a time always was.
    expect(wb.visits.map((v) => v.timestamp)).toEqual([at('2024-03-01T10:15:00Z'), at('2024-03-01T14:05:00Z'), at('2024-03-02T00:00:00Z')]);
  });

  test('a misspelt timestamp header beside "Time" is said to be one: "Time" stands in only for a sheet without it', () => {
    const { problems } = ingestWorkbook(workbook({ Visits: [['Timestmp', 'Time', 'visitor_id'], ['2024-03-01', '14:30', 'v1']] }), UTC);
    expect(problems.filter((p) => p.messageId === 'ingest.column_misspelt').map((p) => [p.column, p.params.header])).toEqual([['timestamp', 'Timestmp']]);
  });

  test('timestamps written with their midnight ("2024-03-01 00:00", "12:00 AM") are dates alone: the Time column gives the time', () => {
    const { problems, workbook: wb } = ingestWorkbook(workbook({
      Visits: [['Timestamp', 'Time', 'visitor_id'], ['2024-03-01 00:00:00', '10:15', 'v1'], ['3/2/2024 12:00 AM', '11:30', 'v1']],
    }), { ...UTC, locale: 'en-US' });
    expect(problems.filter((p) => p.sheet === 'Visits')).toEqual([]);
    expect(wb.visits.map((v) => v.timestamp)).toEqual([at('2024-03-01T10:15:00Z'), at('2024-03-02T11:30:00Z')]);
  });

  test('an instant written with its zone at midnight ("2024-03-01T00:00:00Z") is a time of its own: the Time column is set aside', () => {
    // Read in New York, that instant is 29 February 19:00: a time column applied to it would move it a day.
    const { problems, workbook: wb } = ingestWorkbook(workbook({
      Visits: [['Timestamp', 'Time', 'visitor_id'], ['2024-03-01T00:00:00Z', '14:30', 'v1']],
    }), { ...UTC, tz: 'America/New_York' });
    expect(problems.filter((p) => p.sheet === 'Visits').map((p) => p.messageId)).toEqual(['ingest.time_column_not_read']);
    expect(wb.visits.map((v) => v.timestamp)).toEqual([at('2024-03-01T00:00:00Z')]);
    // So is a day written with its zone and no clock.
    for (const written of ['2024-03-01 UTC', '2024-03-01Z', '2024-03-01UTC', '2024-03-01 Z', '2024-03-01+00:00', '1 March 2024 +00:00', 'March 1, 2024 +0000']) {
      const zoned = ingestWorkbook(workbook({ Visits: [['Timestamp', 'Time', 'visitor_id'], [written, '14:30', 'v1']] }), { ...UTC, tz: 'America/New_York' });
      expect([written, zoned.workbook.visits.map((v) => v.timestamp)]).toEqual([written, [at('2024-03-01T00:00:00Z')]]);
    }
  });

  test('on a day whose midnight the clocks skip (Santiago, 8 September 2024), the time column still gives the time', () => {
    // Chile moves from UTC-4 to UTC-3 at midnight: the day starts at 01:00, and 10:00 that day is 13:00 UTC.
    const { workbook: wb } = ingestWorkbook(workbook({ Visits: [['Date', 'Time', 'visitor_id'], ['2024-09-08', '10:00', 'v1']] }), {
      ...UTC, tz: 'America/Santiago',
    });
    expect(wb.visits.map((v) => v.timestamp)).toEqual([at('2024-09-08T13:00:00Z')]);
  });

  test('timestamps with times of their own beside a "Time" column (time on page, say) stand, on every row, midnight included', () => {
    const { problems, workbook: wb } = ingestWorkbook(workbook({
      Visits: [
        ['Timestamp', 'Time', 'visitor_id'],
        ['2024-03-01 10:15', '0:02:15', 'v1'], ['2024-03-01 00:00', '0:01:23', 'v1'], ['2024-03-02 00:00:00', 45, 'v1'], ['2024-03-02 11:00:05', '35s', 'v1'],
      ],
    }), UTC);
    // Seconds on page are no time of day: no error for them, and one warning says the column is not read.
    expect(problems.filter((p) => p.sheet === 'Visits').map((p) => [p.severity, p.row, p.column, formatMessage(p.messageId, p.params, 'en')])).toEqual([[
      'warning', 1, 'time_of_day', 'This column is not read as the time of day: the timestamps carry times of their own (row 2), so it is taken '
        + 'for something else, such as time on page. Rows whose timestamp is a date alone are at its midnight.',
    ]]);
    expect(wb.visits.map((v) => v.timestamp)).toEqual(
      [at('2024-03-01T10:15:00Z'), at('2024-03-01T00:00:00Z'), at('2024-03-02T00:00:00Z'), at('2024-03-02T11:00:05Z')],
    );
  });

  test('a time that is no time of day leaves its row out, naming the cell; a sheet whose only date column is "Time" reads it whole', () => {
    const { problems, workbook: wb } = ingestWorkbook(workbook({
      Visits: [['Date', 'Time', 'visitor_id'], ['2024-03-01', '25:00', 'v1'], ['2024-03-01', '09:00', 'v1']],
    }), UTC);
    expect(problems.filter((p) => p.sheet === 'Visits').map((p) => [p.row, p.column, formatMessage(p.messageId, p.params, 'en')])).toEqual([
      [2, 'time_of_day', '"25:00" is not a time of day; use 14:30, 14:30:05 or 2:30 PM, or a time cell.'],
    ]);
    expect(wb.visits.map((v) => v.timestamp)).toEqual([at('2024-03-01T09:00:00Z')]);
    const alone = ingestWorkbook(workbook({ Visits: [['Time', 'visitor_id'], ['2024-03-01 10:15', 'v1']] }), UTC);
    expect(alone.problems.filter((p) => p.sheet === 'Visits')).toEqual([]);
    expect(alone.workbook.visits.map((v) => v.timestamp)).toEqual([at('2024-03-01T10:15:00Z')]);
  });

  test('the canonical name beats an alias, wherever it stands, and the alias column is named as ignored', () => {
    const { problems, workbook: wb } = ingestWorkbook(workbook({
      Deals: [
        ['id', 'deal_id', 'amount', 'stage', 'created_at', 'contact_ids', 'Deal Value'],
        ['row-1', 'D1', 5, 'open', '2024-02-02', 'K1', 999],
      ],
    }), UTC);
    expect(problems.map((p) => [p.severity, p.row, p.column, formatMessage(p.messageId, p.params, 'en')])).toEqual([
      ['warning', 1, 'deal_id', 'Two columns are read as "deal_id": "deal_id" (column B), which has that name, is used and "id" (column A) ignored.'],
      ['warning', 1, 'amount', 'Two columns are read as "amount": "amount" (column C), which has that name, is used and "Deal Value" (column G) ignored.'],
    ]);
    expect([wb.deals[0].id, wb.deals[0].amount]).toEqual(['D1', 5]);
  });
});
