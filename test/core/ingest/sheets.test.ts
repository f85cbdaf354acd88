// Row by row: each input sheet's cells to typed records, and the rows left out with their problems.
import { ingestWorkbook } from '../../../src/core/ingest';
import { formatMessage } from '../../../src/core/messages';
import { BASE, UTC, at, briefs, workbook } from './fixture';

describe('Campaigns', () => {
  const header = ['campaign_id', 'name', 'utm_campaign', 'former_utm_campaigns', 'created_at', 'start_date', 'end_date',
    'goal_sessions', 'goal_new_contacts', 'goal_influenced_contacts', 'goal_revenue', 'budget'];

  test('a full row', () => {
    const { workbook: wb, problems } = ingestWorkbook(workbook({
      Campaigns: [header, ['C1', 'Spring launch', 'Spring_2024', 'spring-2023; spring_old ,', '2024-01-01 09:00',
        '2024-02-01', '30/04/2024', 1000, '50', '', '€ 25.000', '5.000,50']],
    }), { ...UTC, locale: 'nl-NL', tz: 'Europe/Amsterdam' });
    expect(problems).toEqual([]);
    expect(wb.campaigns).toEqual([{
      row: 2, id: 'C1', name: 'Spring launch', utmCampaign: 'Spring_2024', formerUtmCampaigns: ['spring-2023', 'spring_old'],
      createdAt: at('2024-01-01T08:00:00Z'), startDate: at('2024-01-31T23:00:00Z'), endDate: at('2024-04-29T22:00:00Z'),
      goals: { sessions: 1000, newContacts: 50, influencedContacts: null, revenue: 25000 },
      budget: 5000.5,
    }]);
  });

  test('only the required cells', () => {
    const { workbook: wb } = ingestWorkbook(workbook(), UTC);
    expect(wb.campaigns).toEqual([{
      row: 2, id: 'C1', name: 'Spring launch', utmCampaign: null, formerUtmCampaigns: [], createdAt: at('2024-01-01T00:00:00Z'),
      startDate: null, endDate: null, goals: { sessions: null, newContacts: null, influencedContacts: null, revenue: null },
      budget: null,
    }]);
  });

  test('an ambiguous date without a locale names sheet, row and column, and leaves the row out', () => {
    const { workbook: wb, problems } = ingestWorkbook(workbook({
      Campaigns: [['campaign_id', 'name', 'created_at'], ['C1', 'Spring', '2024-01-01'], ['C2', 'Summer', '03/04/2024']],
      Assets: [BASE.Assets[0]],
    }), UTC);
    expect(problems).toEqual([{
      severity: 'error', sheet: 'Campaigns', row: 3, column: 'created_at', messageId: 'ingest.date_ambiguous',
      params: { value: '03/04/2024' }, fatal: false,
    }]);
    expect(wb.campaigns.map((c) => c.id)).toEqual(['C1']);
  });

  test('every bad cell of a row is reported; a bad required cell leaves the row out', () => {
    const { workbook: wb, problems } = ingestWorkbook(workbook({
      Campaigns: [header,
        ['C1', '', '', '', 'soon', '', '', -5, '', '', 'lots', '-100'],
        ['C2', 'Ok', '', '', '2024-01-01'],
      ],
      Assets: [BASE.Assets[0]],
    }), UTC);
    expect(problems.map((p) => [p.severity, p.row, p.column, p.messageId, p.params])).toEqual([
      ['error', 2, 'name', 'ingest.required_empty', {}],
      ['error', 2, 'created_at', 'ingest.date_invalid', { value: 'soon' }],
      ['warning', 2, 'goal_sessions', 'ingest.ignored.count_negative', { value: '-5' }],
      ['warning', 2, 'goal_revenue', 'ingest.ignored.number_invalid', { value: 'lots' }],
      ['warning', 2, 'budget', 'ingest.ignored.amount_negative', { value: '-100' }],
    ]);
    expect(wb.campaigns.map((c) => c.id)).toEqual(['C2']);
  });

  test('a bad optional cell (goal, budget, start or end date) is a warning read as empty: the campaign and all linked to it stay', () => {
    const { workbook: wb, problems } = ingestWorkbook(workbook({
      Campaigns: [header, ['C1', 'Spring', '', '', '2024-01-01', 'soon', '31/31/2024', -5, 'many', 12, '€ -3', 'lots']],
      Spend: [['date', 'campaign_id', 'amount'], ['2024-03-01', 'C1', 5]],
    }), UTC);
    expect(briefs(problems)).toEqual([
      'warning Campaigns:2:start_date ingest.ignored.date_invalid',
      'warning Campaigns:2:end_date ingest.ignored.date_invalid',
      'warning Campaigns:2:goal_sessions ingest.ignored.count_negative',
      'warning Campaigns:2:goal_new_contacts ingest.ignored.number_invalid',
      'warning Campaigns:2:goal_revenue ingest.ignored.amount_negative',
      'warning Campaigns:2:budget ingest.ignored.number_invalid',
    ]);
    expect(wb.campaigns).toEqual([{
      row: 2, id: 'C1', name: 'Spring', utmCampaign: null, formerUtmCampaigns: [], createdAt: at('2024-01-01T00:00:00Z'),
      startDate: null, endDate: null, goals: { sessions: null, newContacts: null, influencedContacts: 12, revenue: null },
      budget: null,
    }]);
    expect(wb.assets.map((a) => a.id)).toEqual(['A1']);
    expect(wb.spend.map((x) => x.amount)).toEqual([5]);
  });

  test('an ambiguous optional date or number is a warning too, and the locale settles it', () => {
    const rows = [header, ['C1', 'Spring', '', '', '2024-01-01', '03/04/2024', '', '', '', '', '1.500', '']];
    const without = ingestWorkbook(workbook({ Campaigns: rows }), UTC);
    expect(briefs(without.problems)).toEqual([
      'warning Campaigns:2:start_date ingest.ignored.date_ambiguous',
      'warning Campaigns:2:goal_revenue ingest.ignored.number_ambiguous',
    ]);
    expect(without.workbook.campaigns[0]).toMatchObject({ startDate: null, goals: { revenue: null } });
    const dutch = ingestWorkbook(workbook({ Campaigns: rows }), { ...UTC, locale: 'nl-NL' });
    expect(dutch.problems).toEqual([]);
    expect(dutch.workbook.campaigns[0]).toMatchObject({ startDate: at('2024-04-03T00:00:00Z'), goals: { revenue: 1500 } });
  });

  test('a duplicate campaign_id: the later row is left out, naming the first row as seen in Sheets', () => {
    const { workbook: wb, problems } = ingestWorkbook(workbook({
      Campaigns: [['campaign_id', 'name', 'created_at'],
        ['C1', 'Spring', '2024-01-01'],
        ['', '', ''],
        ['C1', 'Spring again', '2024-01-02']],
    }), UTC);
    expect(problems).toEqual([{
      severity: 'error', sheet: 'Campaigns', row: 4, column: 'campaign_id', messageId: 'ingest.duplicate_id',
      params: { id: 'C1', first: 2 }, fatal: false,
    }]);
    expect(wb.campaigns.map((c) => c.name)).toEqual(['Spring']);
  });

  test('blank rows are skipped silently and still count for row numbers', () => {
    const { workbook: wb, problems } = ingestWorkbook(workbook({
      Campaigns: [['campaign_id', 'name', 'created_at'], ['C1', 'Spring', '2024-01-01'], [], ['  ', null, ''], ['C2', 'Summer', '2024-06-01']],
    }), UTC);
    expect(problems).toEqual([]);
    expect(wb.campaigns.map((c) => [c.id, c.row])).toEqual([['C1', 2], ['C2', 5]]);
  });

  test('ids typed as numbers are text', () => {
    const { workbook: wb } = ingestWorkbook(workbook({
      Campaigns: [['campaign_id', 'name', 'created_at'], [1001, 'Spring', '2024-01-01']],
      Assets: [['asset_id', 'campaign_id', 'type'], [7, '1001', 'email']],
    }), UTC);
    expect(wb.campaigns[0].id).toBe('1001');
    expect(wb.assets[0]).toMatchObject({ id: '7', campaignId: '1001' });
  });
});

test('a campaign goal that is not a whole number is a warning read as empty; the campaign stays', () => {
  const { workbook: wb, problems } = ingestWorkbook(workbook({
    Campaigns: [['campaign_id', 'name', 'created_at', 'goal_sessions', 'goal_new_contacts', 'goal_influenced_contacts', 'goal_revenue'],
      ['C1', 'Spring', '2024-01-01', 100.5, '40', 3, 2500.75]],
  }), UTC);
  expect(problems.map((p) => [p.severity, p.row, p.column, p.messageId, p.params.value])).toEqual([
    ['warning', 2, 'goal_sessions', 'ingest.ignored.count_fractional', '100.5'],
  ]);
  // The revenue goal is an amount, not a count: cents are fine.
  expect(wb.campaigns[0].goals).toEqual({ sessions: null, newContacts: 40, influencedContacts: 3, revenue: 2500.75 });
});

describe('Assets', () => {
  const header = ['asset_id', 'campaign_id', 'type', 'name', 'url', 'associated_at', 'published_at', 'ab_group',
    'ab_winner', 'keyword', 'sent', 'delivered', 'views'];

  test('a full row, and associated_at defaulting to the campaign created_at', () => {
    const { workbook: wb, problems } = ingestWorkbook(workbook({
      Assets: [header,
        ['E1', 'C1', 'Email', 'Spring mail', '', '2024-02-01', '', 'AB1', 'x', '', '1.200', 1150, ''],
        ['E2', 'C1', 'email', 'Spring mail B', '', '', '', 'AB1', 'FALSE', '', 1200, 1100, ''],
        ['P1', 'C1', 'paid search', '', 'https://x.test/lp', '', '', '', '', 'crm software', '', '', '40'],
      ],
    }), { ...UTC, locale: 'de-DE' });
    expect(problems).toEqual([]);
    expect(wb.assets).toEqual([
      { row: 2, id: 'E1', campaignId: 'C1', type: 'email', name: 'Spring mail', url: null, associatedAt: at('2024-02-01T00:00:00Z'),
        publishedAt: null, abGroup: 'AB1', abWinner: true, keyword: null, sent: 1200, delivered: 1150, views: null },
      { row: 3, id: 'E2', campaignId: 'C1', type: 'email', name: 'Spring mail B', url: null, associatedAt: at('2024-01-01T00:00:00Z'),
        publishedAt: null, abGroup: 'AB1', abWinner: false, keyword: null, sent: 1200, delivered: 1100, views: null },
      { row: 4, id: 'P1', campaignId: 'C1', type: 'paid_search', name: '', url: 'https://x.test/lp', associatedAt: at('2024-01-01T00:00:00Z'),
        publishedAt: null, abGroup: null, abWinner: false, keyword: 'crm software', sent: null, delivered: null, views: 40 },
    ]);
  });

  test('a fractional count is a warning read as empty: counts are whole numbers, and the asset stays', () => {
    const { workbook: wb, problems } = ingestWorkbook(workbook({
      Assets: [header, ['E1', 'C1', 'email', '', '', '', '', '', '', '', 12.5, '1,5', '7.25']],
    }), UTC);
    expect(problems.map((p) => [p.severity, p.row, p.column, p.messageId, p.params.value])).toEqual([
      ['warning', 2, 'sent', 'ingest.ignored.count_fractional', '12.5'],
      ['warning', 2, 'delivered', 'ingest.ignored.count_fractional', '1,5'],
      ['warning', 2, 'views', 'ingest.ignored.count_fractional', '7.25'],
    ]);
    expect(wb.assets.map((a) => [a.id, a.sent, a.delivered, a.views])).toEqual([['E1', null, null, null]]);
  });

  test('an unknown type is an error listing the allowed types', () => {
    const { workbook: wb, problems } = ingestWorkbook(workbook({
      Assets: [['asset_id', 'campaign_id', 'type'], ['A1', 'C1', 'banner']],
    }), UTC);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      severity: 'error', sheet: 'Assets', row: 2, column: 'type', messageId: 'ingest.enum_invalid',
      params: { value: 'banner', kind: 'asset_type' },
    });
    expect(problems[0].params.allowed).toContain('landing_page, website_page');
    expect(wb.assets).toEqual([]);
  });

  test('an asset whose campaign is unknown is left out', () => {
    const { workbook: wb, problems } = ingestWorkbook(workbook({
      Assets: [['asset_id', 'campaign_id', 'type'], ['A1', 'C9', 'form'], ['A2', 'C1', 'form']],
    }), UTC);
    expect(problems).toEqual([{
      severity: 'error', sheet: 'Assets', row: 2, column: 'campaign_id', messageId: 'ingest.unknown_campaign',
      params: { id: 'C9' }, fatal: false,
    }]);
    expect(wb.assets.map((a) => a.id)).toEqual(['A2']);
  });

  test('an asset of a campaign whose row was left out goes too, pointing at that row', () => {
    const { workbook: wb, problems } = ingestWorkbook(workbook({
      Campaigns: [['campaign_id', 'name', 'created_at'], ['C1', 'Spring', 'someday']],
    }), UTC);
    expect(briefs(problems)).toEqual([
      'error Campaigns:2:created_at ingest.date_invalid',
      'error Assets:2:campaign_id ingest.refers_to_left_out',
    ]);
    expect(problems[1].params).toEqual({ id: 'C1', sheet: 'Campaigns', row: 2 });
    expect(wb.assets).toEqual([]);
  });

  test('a bad associated_at or checkbox leaves the row out (rules place the asset by them); a bad count is a warning', () => {
    const { workbook: wb, problems } = ingestWorkbook(workbook({
      Assets: [header, ['A1', 'C1', 'email', '', '', 'tomorrow', '', 'G', 'maybe', '', '-3', '', '']],
    }), UTC);
    expect(problems.map((p) => [p.severity, p.column, p.messageId])).toEqual([
      ['error', 'associated_at', 'ingest.date_invalid'],
      ['error', 'ab_winner', 'ingest.boolean_invalid'],
      ['warning', 'sent', 'ingest.ignored.count_negative'],
    ]);
    expect(wb.assets).toEqual([]);
  });

  test('a bad sent, delivered or views count is a warning read as empty; the asset is kept', () => {
    const { workbook: wb, problems } = ingestWorkbook(workbook({
      Assets: [header, ['A1', 'C1', 'email', '', '', '', '', '', '', '', '-3', 'some', 40]],
    }), UTC);
    expect(briefs(problems)).toEqual([
      'warning Assets:2:sent ingest.ignored.count_negative',
      'warning Assets:2:delivered ingest.ignored.number_invalid',
    ]);
    expect(wb.assets).toHaveLength(1);
    expect(wb.assets[0]).toMatchObject({ id: 'A1', sent: null, delivered: null, views: 40 });
  });

  test('a bad published_at still leaves the row out: it decides when a social post counts', () => {
    const { workbook: wb, problems } = ingestWorkbook(workbook({
      Assets: [header, ['A1', 'C1', 'social_post', '', '', '', 'never', '', '', '', '', '', '']],
    }), UTC);
    expect(briefs(problems)).toEqual(['error Assets:2:published_at ingest.date_invalid']);
    expect(wb.assets).toEqual([]);
  });

  test('a missing asset_id, campaign_id or type is an error', () => {
    const { problems } = ingestWorkbook(workbook({
      Assets: [['asset_id', 'campaign_id', 'type', 'name'], ['', '', '', 'orphan']],
    }), UTC);
    expect(briefs(problems)).toEqual([
      'error Assets:2:asset_id ingest.required_empty',
      'error Assets:2:campaign_id ingest.required_empty',
      'error Assets:2:type ingest.required_empty',
    ]);
  });
});

describe('Visits', () => {
  const header = ['timestamp', 'visitor_id', 'contact_id', 'session_id', 'interaction_type', 'url', 'asset_id',
    'utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content', 'referrer', 'source', 'manually_logged'];

  test('a full row', () => {
    const { workbook: wb, problems } = ingestWorkbook(workbook({
      Visits: [header, [new Date('2024-02-01T10:00:00Z'), 'V1', 'K1', 'S1', 'Call', 'https://x.test/a?b=1', 'A1',
        'google', 'cpc', ' Spring_2024 ', 'crm', 'ad-1', 'https://www.google.com/', 'Paid Search', true]],
    }), UTC);
    expect(problems).toEqual([]);
    expect(wb.visits).toEqual([{
      row: 2, timestamp: at('2024-02-01T10:00:00Z'), visitorId: 'V1', contactId: 'K1', sessionId: 'S1', type: 'call',
      url: 'https://x.test/a?b=1', assetId: 'A1',
      utm: { source: 'google', medium: 'cpc', campaign: 'Spring_2024', term: 'crm', content: 'ad-1' },
      referrer: 'https://www.google.com/', source: 'paid_search', manuallyLogged: true,
    }]);
  });

  test('utm values carried only in the URL fill the blank utm cells, as the tracking code reads them; a filled cell wins', () => {
    const { workbook: wb, problems } = ingestWorkbook(workbook({
      Visits: [header,
        ['2024-02-01T10:00:00Z', 'V1', 'K1', '', '', 'https://x.test/lp?UTM_Source=news+letter&utm_medium=email&utm_campaign=spring%202024#top', '',
          '', '', '', '', '', '', '', ''],
        ['2024-02-01T11:00:00Z', 'V1', 'K1', '', '', 'https://x.test/lp?utm_campaign=spring&utm_campaign=other&utm_term=', '',
          'google', '', 'summer', '', '', '', '', ''],
        ['2024-02-01T12:00:00Z', 'V1', 'K1', '', '', 'https://x.test/lp?ref=utm_x', '', '', '', '', '', '', '', '', ''],
      ],
    }), UTC);
    expect(problems).toEqual([]);
    expect(wb.visits.map((v) => v.utm)).toEqual([
      // Names in any case, "+" a space, escapes decoded, the fragment not part of the query.
      { source: 'news letter', medium: 'email', campaign: 'spring 2024', term: null, content: null },
      // The cells' own values stand; an empty parameter fills nothing.
      { source: 'google', medium: null, campaign: 'summer', term: null, content: null },
      { source: null, medium: null, campaign: null, term: null, content: null },
    ]);
    // The URL itself is kept as written (the asset match drops its query).
    expect(wb.visits[0].url).toBe('https://x.test/lp?UTM_Source=news+letter&utm_medium=email&utm_campaign=spring%202024#top');
  });

  test('GA4\'s export headers are read: Landing page, Session source, Session medium, Session campaign, Page referrer', () => {
    const { workbook: wb, problems } = ingestWorkbook(workbook({
      Visits: [['Date', 'contact_id', 'Landing page', 'Session source', 'Session medium', 'Session campaign', 'Page referrer'],
        ['2024-02-05', 'K1', 'https://x.test/lp/voorjaar', 'google', 'cpc', 'voorjaar_2024', 'https://www.google.com/']],
    }), UTC);
    expect(problems).toEqual([]);
    expect(wb.visits[0]).toMatchObject({
      url: 'https://x.test/lp/voorjaar', referrer: 'https://www.google.com/',
      utm: { source: 'google', medium: 'cpc', campaign: 'voorjaar_2024', term: null, content: null },
    });
  });

  test('GA4\'s words for an untagged session or a missing value are no utm tags: its organic and direct visits are not campaign traffic', () => {
    const header4 = ['Date', 'contact_id', 'Landing page', 'Session source', 'Session medium', 'Session campaign'];
    const { workbook: wb } = ingestWorkbook(workbook({
      Visits: [header4,
        ['2024-02-05', 'K1', 'https://x.test/', 'google', 'organic', '(organic)'],
        ['2024-02-05', 'K1', 'https://x.test/', '(direct)', '(none)', '(direct)'],
        ['2024-02-05', 'K1', 'https://x.test/', 'blog.example', 'referral', '(referral)'],
        // Tagged without a campaign: GA4 says "(not set)" for it, and the source and medium are the tags.
        ['2024-02-05', 'K1', 'https://x.test/', 'newsletter', 'email', '(not set)'],
      ],
    }), UTC);
    const none = { source: null, medium: null, campaign: null, term: null, content: null };
    expect(wb.visits.map((v) => v.utm)).toEqual([none, none, none, { ...none, source: 'newsletter', medium: 'email' }]);
  });

  test('a sheet with columns it does not read but none that places a visit in a campaign says so, naming them', () => {
    const { problems } = ingestWorkbook(workbook({
      Visits: [['Date', 'contact_id', 'Session source / medium', 'Page title'], ['2024-02-05', 'K1', 'google / cpc', 'Voorjaar']],
    }), UTC);
    expect(problems.map((p) => [p.severity, p.sheet, p.row, p.column, formatMessage(p.messageId, p.params, 'en')])).toEqual([[
      'warning', 'Visits', 1, 'url', 'No column says which campaign a visit belongs to (none of url, asset_id, utm_campaign is there), so every visit '
        + 'counts for no campaign. Columns not read: Session source / medium, Page title. Name the column holding the page address url, or the one '
        + 'holding the campaign\'s utm value utm_campaign.',
    ]]);
  });

  test('a missing interaction type is a page view; an empty checkbox is false', () => {
    const { workbook: wb } = ingestWorkbook(workbook({
      Visits: [header, [45352.5, 'V1', '', '', '', '', '', '', '', '', '', '', '', '', false]],
    }), UTC);
    expect(wb.visits[0]).toMatchObject({ timestamp: at('2024-03-01T12:00:00Z'), type: 'page_view', contactId: null, manuallyLogged: false });
    const noTypeColumn = ingestWorkbook(workbook(), UTC).workbook.visits[0];
    expect(noTypeColumn.type).toBe('page_view');
  });

  test('a visit needs a visitor_id or a contact_id', () => {
    const { workbook: wb, problems } = ingestWorkbook(workbook({
      Visits: [['timestamp', 'visitor_id', 'contact_id', 'url'], ['2024-02-01', '', ' ', 'https://x.test'], ['2024-02-01', '', 'K1', '']],
    }), UTC);
    expect(briefs(problems, 'Visits')).toEqual(['error Visits:2:contact_id ingest.contact_or_visitor_missing']);
    expect(wb.visits.map((v) => v.row)).toEqual([3]);
  });

  test('an unknown interaction type is an error listing the allowed values; an unknown source only a warning', () => {
    const { workbook: wb, problems } = ingestWorkbook(workbook({
      Visits: [['timestamp', 'contact_id', 'interaction_type', 'source'],
        ['2024-02-01', 'K1', 'hover', ''],
        ['2024-02-01', 'K1', 'page view', 'tv']],
    }), UTC);
    const visitProblems = problems.filter((p) => p.sheet === 'Visits');
    expect(visitProblems.map((p) => [p.severity, p.row, p.column, p.messageId, p.params.kind, p.params.value])).toEqual([
      ['error', 2, 'interaction_type', 'ingest.enum_invalid', 'interaction_type', 'hover'],
      ['warning', 3, 'source', 'ingest.ignored.source_invalid', 'source', 'tv'],
    ]);
    expect(visitProblems[1].params.allowed).toBe('email, paid_search, paid_social, organic_social, other_campaigns, organic_search, referral, direct, offline');
    // The source is an override: without a known one, the visit's source is derived as if the cell were empty.
    expect(wb.visits.map((v) => [v.row, v.type, v.source])).toEqual([[3, 'page_view', null]]);
  });

  test.each([
    ['Direct Traffic', 'direct'], ['Email Marketing', 'email'], ['Offline Sources', 'offline'],
    ['Organic Search', 'organic_search'], ['Paid Search', 'paid_search'], ['Organic Social', 'organic_social'],
    ['Paid Social', 'paid_social'], ['Referrals', 'referral'], ['Other Campaigns', 'other_campaigns'],
    [' direct traffic ', 'direct'], ['EMAIL MARKETING', 'email'],
  ])('HubSpot\'s source %p is %p', (label, source) => {
    const { workbook: wb, problems } = ingestWorkbook(workbook({
      Visits: [['timestamp', 'contact_id', 'source'], ['2024-02-01', 'K1', label]],
    }), UTC);
    expect(briefs(problems, 'Visits')).toEqual([]);
    expect(wb.visits.map((v) => v.source)).toEqual([source]);
  });

  test('a missing or unreadable timestamp is an error', () => {
    const { problems } = ingestWorkbook(workbook({
      Visits: [['timestamp', 'contact_id'], ['', 'K1'], ['yesterday', 'K1'], [true, 'K1']],
    }), UTC);
    expect(briefs(problems, 'Visits')).toEqual([
      'error Visits:2:timestamp ingest.required_empty',
      'error Visits:3:timestamp ingest.date_invalid',
      'error Visits:4:timestamp ingest.date_invalid',
    ]);
  });

  test('rows shorter than the header read as empty cells', () => {
    const { workbook: wb, problems } = ingestWorkbook(workbook({ Visits: [header, ['2024-02-01', 'V1']] }), UTC);
    expect(briefs(problems, 'Visits')).toEqual([]);
    expect(wb.visits[0]).toMatchObject({ visitorId: 'V1', contactId: null, sessionId: null, source: null });
  });
});

describe('Deals', () => {
  const header = ['deal_id', 'name', 'amount', 'currency', 'stage', 'created_at', 'closed_at', 'contact_ids'];

  test('a full row; currency upper-cased, null when empty', () => {
    const { workbook: wb, problems } = ingestWorkbook(workbook({
      Deals: [header,
        ['D1', 'Big one', '€ 1.234,56', 'eur', 'Closed Won', '2024-02-02', '2024-03-01 12:00', 'K1; V1-contact ,'],
        ['D2', '', 500, '', 'Negotiation', '2024-02-05', '', 'K1'],
      ],
      Contacts: [['contact_id'], ['K1'], ['V1-contact']],
    }), { ...UTC, locale: 'nl-NL' });
    expect(problems).toEqual([]);
    expect(wb.deals).toEqual([
      { row: 2, id: 'D1', name: 'Big one', amount: 1234.56, currency: 'EUR', stage: 'won', createdAt: at('2024-02-02T00:00:00Z'),
        closedAt: at('2024-03-01T12:00:00Z'), contactIds: ['K1', 'V1-contact'] },
      { row: 3, id: 'D2', name: '', amount: 500, currency: null, stage: 'open', createdAt: at('2024-02-05T00:00:00Z'),
        closedAt: null, contactIds: ['K1'] },
    ]);
  });

  test('a won or lost deal without closed_at is an error; an open one is fine', () => {
    const { workbook: wb, problems } = ingestWorkbook(workbook({
      Deals: [header,
        ['D1', '', 10, '', 'won', '2024-02-02', '', 'K1'],
        ['D2', '', 10, '', 'closed_lost', '2024-02-02', '', 'K1'],
        ['D3', '', 10, '', 'open', '2024-02-02', '', 'K1'],
      ],
    }), UTC);
    expect(problems.map((p) => [p.row, p.column, p.messageId, p.params])).toEqual([
      [2, 'closed_at', 'ingest.closed_at_missing_won', {}],
      [3, 'closed_at', 'ingest.closed_at_missing_lost', {}],
    ]);
    expect(wb.deals.map((d) => d.id)).toEqual(['D3']);
    // The stage is named in words, never as the internal value won/lost filled into the text.
    expect(problems.map((p) => formatMessage(p.messageId, p.params))).toEqual([
      'A won deal needs closed_at.',
      'A lost deal needs closed_at.',
    ]);
    expect(problems.map((p) => formatMessage(p.messageId, p.params, 'nl'))).toEqual([
      'Een gewonnen deal heeft closed_at nodig.',
      'Een verloren deal heeft closed_at nodig.',
    ]);
  });

  test('an open deal\'s unreadable closed_at is a warning and the deal is kept; a won deal\'s is an error', () => {
    const { workbook: wb, problems } = ingestWorkbook(workbook({
      Deals: [header,
        ['D1', '', 10, '', 'open', '2024-02-02', 'soon', 'K1'],
        ['D2', '', 10, '', 'won', '2024-02-02', 'soon', 'K1'],
      ],
    }), UTC);
    expect(problems.map((p) => [p.severity, p.row, p.column])).toEqual([['warning', 2, 'closed_at'], ['error', 3, 'closed_at']]);
    expect(wb.deals.map((d) => [d.id, d.closedAt])).toEqual([['D1', null]]);
  });

  test('a won deal closed before it was created is kept, with a warning that says why it goes to "(no campaign)"', () => {
    const { workbook: wb, problems } = ingestWorkbook(workbook({
      Deals: [header,
        ['D1', '', 10, '', 'won', '2024-02-10', '2024-02-05', 'K1'],
        ['D2', '', 10, '', 'won', '2024-02-10', '2024-02-10', 'K1'],
        ['D3', '', 10, '', 'lost', '2024-02-10', '2024-02-05', 'K1'],
      ],
    }), UTC);
    // D2 closes the instant it is created (allowed); a lost deal's dates decide no credit.
    expect(problems.map((p) => [p.severity, p.row, p.column, p.messageId])).toEqual([['warning', 2, 'closed_at', 'ingest.closed_before_created']]);
    expect(wb.deals.map((d) => d.id)).toEqual(['D1', 'D2', 'D3']);
  });

  test('required cells: amount, stage, created_at, contact_ids; amounts are not negative', () => {
    const { problems } = ingestWorkbook(workbook({
      Deals: [header,
        ['D1', '', '', '', '', '', '', ' ; '],
        ['D2', '', '-10', '', 'open', '2024-02-02', '', 'K1'],
      ],
    }), UTC);
    expect(briefs(problems, 'Deals')).toEqual([
      'error Deals:2:amount ingest.required_empty',
      'error Deals:2:stage ingest.required_empty',
      'error Deals:2:created_at ingest.required_empty',
      'error Deals:2:contact_ids ingest.required_empty',
      'error Deals:3:amount ingest.amount_negative',
    ]);
  });

  test('an ambiguous amount without a locale is a problem', () => {
    const { problems } = ingestWorkbook(workbook({
      Deals: [header, ['D1', '', '1.234', '', 'open', '2024-02-02', '', 'K1']],
    }), UTC);
    expect(problems).toEqual([{
      severity: 'error', sheet: 'Deals', row: 2, column: 'amount', messageId: 'ingest.number_ambiguous',
      params: { value: '1.234' }, fatal: false,
    }]);
  });

  test('a duplicate deal_id reports the rows as seen in Sheets', () => {
    const { workbook: wb, problems } = ingestWorkbook(workbook({
      Deals: [header,
        ['D1', 'first', 10, '', 'open', '2024-02-02', '', 'K1'],
        [],
        [],
        ['D2', '', 10, '', 'open', '2024-02-02', '', 'K1'],
        ['D1', 'second', 20, '', 'open', '2024-02-02', '', 'K1'],
      ],
    }), UTC);
    expect(problems).toEqual([{
      severity: 'error', sheet: 'Deals', row: 6, column: 'deal_id', messageId: 'ingest.duplicate_id',
      params: { id: 'D1', first: 2 }, fatal: false,
    }]);
    expect(wb.deals.map((d) => [d.id, d.name, d.row])).toEqual([['D1', 'first', 2], ['D2', '', 5]]);
  });

  test('a deal in another currency than the workbook is a warning and left out of the deals', () => {
    const { workbook: wb, problems } = ingestWorkbook(workbook({
      Deals: [header,
        ['D1', '', 10, 'usd', 'open', '2024-02-02', '', 'K1'],
        ['D2', '', 10, 'EUR', 'open', '2024-02-02', '', 'K1'],
        ['D3', '', 10, '', 'open', '2024-02-02', '', 'K1'],
        ['D4', '', '£ 10', '', 'open', '2024-02-02', '', 'K1'],
        ['D5', '', '€ 10', '', 'open', '2024-02-02', '', 'K1'],
        ['D6', '', '$10', '', 'open', '2024-02-02', '', 'K1'],
      ],
    }), { ...UTC, currency: 'eur' });
    expect(problems.map((p) => [p.severity, p.row, p.column, p.messageId, p.params])).toEqual([
      ['warning', 2, 'currency', 'ingest.currency_other', { currency: 'USD', workbook: 'EUR' }],
      ['warning', 5, 'currency', 'ingest.currency_other', { currency: 'GBP', workbook: 'EUR' }],
      ['warning', 7, 'currency', 'ingest.currency_other', { currency: '$', workbook: 'EUR' }],
    ]);
    expect(wb.deals.map((d) => [d.id, d.currency])).toEqual([['D2', 'EUR'], ['D3', null], ['D5', 'EUR']]);
  });

  test('a currency the amount header names ("Amount (USD)") is each amount\'s, unless its cell names one', () => {
    const withUnit = header.map((h) => (h === 'amount' ? 'Amount (USD)' : h));
    const rows = [
      ['D1', '', 10, '', 'open', '2024-02-02', '', 'K1'],
      ['D2', '', 10, 'EUR', 'open', '2024-02-02', '', 'K1'],
      ['D3', '', '€ 10', '', 'open', '2024-02-02', '', 'K1'],
    ];
    const inEuro = ingestWorkbook(workbook({ Deals: [withUnit, ...rows] }), { ...UTC, currency: 'EUR' });
    expect(inEuro.problems.map((p) => [p.severity, p.row, p.column, p.messageId, p.params])).toEqual([
      ['warning', 2, 'currency', 'ingest.currency_other', { currency: 'USD', workbook: 'EUR' }],
    ]);
    // The row's currency cell (D2) and the amount cell's own € (D3) stand over the header's currency.
    expect(inEuro.workbook.deals.map((d) => [d.id, d.currency])).toEqual([['D2', 'EUR'], ['D3', 'EUR']]);
    const inDollars = ingestWorkbook(workbook({ Deals: [withUnit, ...rows] }), { ...UTC, currency: 'USD' });
    expect(inDollars.workbook.deals.map((d) => [d.id, d.currency])).toEqual([['D1', 'USD']]);
    // An amount cell's own mark against the row's currency cell is still a contradiction.
    const marked = ingestWorkbook(workbook({ Deals: [withUnit, ['D4', '', '£ 10', 'EUR', 'open', '2024-02-02', '', 'K1']] }), { ...UTC, currency: 'EUR' });
    expect(marked.problems.map((p) => [p.severity, p.messageId, p.params])).toEqual([
      ['error', 'ingest.currency_conflict', { amount_currency: 'GBP', currency: 'EUR' }],
    ]);
    // A unit that is no currency ("in thousands", three letters that are no ISO code, a code not in capitals) names none.
    // A shared mark is the workbook's currency when it is one of its currencies ("lei": RON or MDL).
    const lei = header.map((h) => (h === 'amount' ? 'Amount (lei)' : h));
    const inLei = ingestWorkbook(workbook({ Deals: [lei, rows[0]] }), { ...UTC, currency: 'RON' });
    expect([inLei.workbook.deals.map((d) => d.currency), inLei.problems]).toEqual([['RON'], []]);
    const cordoba = header.map((h) => (h === 'amount' ? 'Amount (C$)' : h));
    const inCordoba = ingestWorkbook(workbook({ Deals: [cordoba, rows[0]] }), { ...UTC, currency: 'NIO' });
    expect([inCordoba.workbook.deals.map((d) => d.currency), inCordoba.problems]).toEqual([['NIO'], []]);
    // Nor do marks in another case than theirs ("FR" for France, not francs; "rm"), a code in lower case with a
    // sign, or a scale ("€k": thousands of the workbook's own currency, not another one).
    for (const unit of ['in thousands', 'net', 'MAX', 'YTD', 'usd', 'XXX', '€/month', '%', 'FR', 'rm', 'ft', '$usd', '€k']) {
      const headed = header.map((h) => (h === 'amount' ? `Amount (${unit})` : h));
      expect([unit, ingestWorkbook(workbook({ Deals: [headed, rows[0]] }), { ...UTC, currency: 'EUR' }).workbook.deals.map((d) => d.currency)]).toEqual([unit, [null]]);
    }
    // A symbol does, a local one too, and a code with a sign beside it.
    const euro = header.map((h) => (h === 'amount' ? 'Amount (€)' : h));
    expect(ingestWorkbook(workbook({ Deals: [euro, rows[0]] }), { ...UTC, currency: 'EUR' }).workbook.deals.map((d) => d.currency)).toEqual(['EUR']);
    for (const [unit, currency] of [['R$', 'BRL'], ['US$', 'USD'], ['円', 'JPY'], ['GH₵', 'GHS'], ['$USD', 'USD'], ['CAD$', 'CAD']]) {
      const headed = header.map((h) => (h === 'amount' ? `Amount (${unit})` : h));
      const ingested = ingestWorkbook(workbook({ Deals: [headed, rows[0]] }), { ...UTC, currency: 'EUR' });
      expect([unit, ingested.workbook.deals, ingested.problems.map((p) => [p.messageId, p.params])])
        .toEqual([unit, [], [['ingest.currency_other', { currency, workbook: 'EUR' }]]]);
    }
  });

  test('without a workbook currency, the one the deals name most often is it, and a deal in another is left out', () => {
    const ingested = ingestWorkbook(workbook({
      Deals: [header, ['D1', '', 10, 'usd', 'open', '2024-02-02', '', 'K1'], ['D2', '', '€ 10', '', 'open', '2024-02-02', '', 'K1'],
        ['D3', '', 'EUR 5', '', 'open', '2024-02-02', '', 'K1'], ['D4', '', 7, '', 'open', '2024-02-02', '', 'K1']],
    }), UTC);
    expect(ingested.currency).toBe('EUR');
    expect(briefs(ingested.problems)).toEqual(['warning Deals:2:currency ingest.currency_other']);
    // D4 names none: it is in the workbook currency.
    expect(ingested.workbook.deals.map((d) => d.id)).toEqual(['D2', 'D3', 'D4']);
  });

  test('when no amount names a currency there is none, and every deal is kept', () => {
    const ingested = ingestWorkbook(workbook({
      Deals: [header, ['D1', '', 10, '', 'open', '2024-02-02', '', 'K1'], ['D2', '', '$10', '', 'open', '2024-02-02', '', 'K1']],
    }), UTC);
    // "$" alone is USD, CAD, AUD, …: without a locale it names no currency.
    expect(ingested.currency).toBeNull();
    expect(ingested.problems).toEqual([]);
    expect(ingested.workbook.deals.map((d) => d.currency)).toEqual([null, null]);
  });

  test('a currency that is not one, or that contradicts the amount, is an error', () => {
    const { workbook: wb, problems } = ingestWorkbook(workbook({
      Deals: [header,
        ['D1', '', 10, 'euro', 'open', '2024-02-02', '', 'K1'],
        ['D2', '', '€ 10', 'USD', 'open', '2024-02-02', '', 'K1'],
        ['D3', '', '$ 10', 'usd', 'open', '2024-02-02', '', 'K1'],
      ],
    }), { ...UTC, currency: 'USD' });
    expect(problems.map((p) => [p.row, p.column, p.messageId, p.params])).toEqual([
      [2, 'currency', 'ingest.currency_invalid', { value: 'euro' }],
      [3, 'amount', 'ingest.currency_conflict', { amount_currency: 'EUR', currency: 'USD' }],
    ]);
    expect(wb.deals.map((d) => [d.id, d.currency])).toEqual([['D3', 'USD']]);
  });
});

describe('DealContacts', () => {
  test('associated_at defaults to the deal created_at; a pair listed again is a warning on the later row', () => {
    const { workbook: wb, problems } = ingestWorkbook(workbook({
      DealContacts: [['deal_id', 'contact_id', 'associated_at'], ['D1', 'K1', ''], ['D1', 'K1', '2024-02-10 08:30']],
    }), UTC);
    expect(problems.map((p) => [p.severity, p.row, p.column, p.messageId, p.params])).toEqual([
      ['warning', 3, 'contact_id', 'ingest.duplicate_deal_contact', { deal: 'D1', contact: 'K1', first: 2 }],
    ]);
    expect(wb.dealContacts).toEqual([
      { row: 2, dealId: 'D1', contactId: 'K1', associatedAt: at('2024-02-02T00:00:00Z') },
      { row: 3, dealId: 'D1', contactId: 'K1', associatedAt: at('2024-02-10T08:30:00Z') },
    ]);
  });

  test('an unknown deal is an error; an unknown contact a warning', () => {
    const { workbook: wb, problems } = ingestWorkbook(workbook({
      DealContacts: [['deal_id', 'contact_id', 'associated_at'], ['D9', 'K1', ''], ['D1', 'K7', '']],
    }), UTC);
    expect(problems.map((p) => [p.severity, p.row, p.column, p.messageId, p.params])).toEqual([
      ['error', 2, 'deal_id', 'ingest.unknown_deal', { id: 'D9' }],
      ['warning', 3, 'contact_id', 'ingest.unknown_contact', { id: 'K7' }],
    ]);
    expect(wb.dealContacts.map((d) => d.row)).toEqual([3]);
  });

  test('a row of a deal left out goes too; of a deal in another currency it stays, with a warning', () => {
    const header = ['deal_id', 'amount', 'currency', 'stage', 'created_at', 'contact_ids'];
    const { workbook: wb, problems } = ingestWorkbook(workbook({
      Deals: [header, ['D1', 10, 'USD', 'open', '2024-02-02', 'K1'], ['D2', 'ten', '', 'open', '2024-02-02', 'K1']],
      DealContacts: [['deal_id', 'contact_id', 'associated_at'], ['D1', 'K1', ''], ['D2', 'K1', '']],
    }), { ...UTC, currency: 'EUR' });
    expect(problems.map((p) => [p.severity, p.sheet, p.row, p.messageId, p.params])).toEqual([
      ['warning', 'Deals', 2, 'ingest.currency_other', { currency: 'USD', workbook: 'EUR' }],
      ['error', 'Deals', 3, 'ingest.number_invalid', { value: 'ten' }],
      ['warning', 'DealContacts', 2, 'ingest.link_to_other_currency_deal', { id: 'D1', row: 2 }],
      ['error', 'DealContacts', 3, 'ingest.refers_to_left_out', { id: 'D2', sheet: 'Deals', row: 3 }],
    ]);
    expect(wb.deals).toEqual([]);
    // The deal in another currency is in no sum, but its contacts won it (a Markov null path is a contact who did not).
    expect(wb.otherCurrencyDeals.map((d) => [d.id, d.currency, d.contactIds])).toEqual([['D1', 'USD', ['K1']]]);
    expect(wb.dealContacts.map((d) => [d.row, d.dealId])).toEqual([[2, 'D1']]);
  });
});

describe('Contacts', () => {
  test('rows, visitor id lists, and duplicate ids', () => {
    const { workbook: wb, problems } = ingestWorkbook(workbook({
      Contacts: [['contact_id', 'created_at', 'email', 'visitor_ids'],
        ['K1', '2024-01-15 10:00', 'ann@example.com', 'V1; V2'],
        ['K2', '', '', ''],
        ['K1', '', 'other@example.com', '']],
    }), UTC);
    expect(problems).toEqual([{
      severity: 'error', sheet: 'Contacts', row: 4, column: 'contact_id', messageId: 'ingest.duplicate_id',
      params: { id: 'K1', first: 2 }, fatal: false,
    }]);
    expect(wb.contacts).toEqual([
      { row: 2, id: 'K1', createdAt: at('2024-01-15T10:00:00Z'), email: 'ann@example.com', visitorIds: ['V1', 'V2'] },
      { row: 3, id: 'K2', createdAt: null, email: null, visitorIds: [] },
    ]);
  });
});

describe('a visitor id shared by many contacts', () => {
  /** Visits rows of `count` contacts K1…, each with the visitor id `visitor`, an hour apart. */
  const visitsOf = (count: number, visitor: string) => [
    ['timestamp', 'visitor_id', 'contact_id', 'url'],
    ...Array.from({ length: count }, (_, i) => [`2024-03-01 ${String(i % 24).padStart(2, '0')}:00`, visitor, `K${i + 1}`, 'https://example.com/']),
  ];

  test('25 contacts on one id: a warning at its first row, naming the id and the count; the rows are kept', () => {
    const { workbook: wb, problems } = ingestWorkbook(workbook({ Visits: visitsOf(25, 'unknown') }), UTC);
    expect(problems).toEqual([{
      severity: 'warning', sheet: 'Visits', row: 2, column: 'visitor_id', messageId: 'ingest.visitor_shared', params: { id: 'unknown', count: 25 }, fatal: false,
    }]);
    expect(wb.visits).toHaveLength(25);
    expect(formatMessage(problems[0].messageId, problems[0].params)).toBe('The visitor_id "unknown" is used by 25 contacts, so every anonymous visit '
      + 'under it counts in each of their journeys. If it stands for an unknown visitor rather than one browser, leave those cells empty.');
  });

  test('24 contacts, or one contact on many rows, is no warning; the Contacts sheet\'s visitor_ids count too', () => {
    expect(ingestWorkbook(workbook({ Visits: visitsOf(24, 'shared-laptop') }), UTC).problems).toEqual([]);
    const oneContact = visitsOf(30, 'v1').map((row, i) => (i === 0 ? row : [row[0], row[1], 'K1', row[3]]));
    expect(ingestWorkbook(workbook({ Visits: oneContact }), UTC).problems).toEqual([]);
    // 24 contacts in Visits and a 25th naming the id in Contacts.
    const { problems } = ingestWorkbook(workbook({
      Visits: visitsOf(24, 'unknown'),
      Contacts: [['contact_id', 'created_at', 'email', 'visitor_ids'], ['K99', '', '', 'unknown']],
    }), UTC);
    expect(problems.map((p) => [p.sheet, p.row, p.messageId, p.params])).toEqual([['Visits', 2, 'ingest.visitor_shared', { id: 'unknown', count: 25 }]]);
  });
});

describe('Spend', () => {
  test('rows, and spend on an unknown campaign left out', () => {
    const { workbook: wb, problems } = ingestWorkbook(workbook({
      Spend: [['date', 'campaign_id', 'amount', 'channel'],
        ['01/03/2024', 'C1', '€ 1.500', 'LinkedIn'],
        ['2024-03-02', 'C9', 10, ''],
        ['2024-03-03', 'C1', '', '']],
    }), { ...UTC, locale: 'nl-NL' });
    expect(problems.map((p) => [p.row, p.column, p.messageId])).toEqual([
      [3, 'campaign_id', 'ingest.unknown_campaign'],
      [4, 'amount', 'ingest.required_empty'],
    ]);
    expect(wb.spend).toEqual([{ row: 2, date: at('2024-03-01T00:00:00Z'), campaignId: 'C1', amount: 1500, channel: 'LinkedIn' }]);
  });
});

describe('money in another currency than the workbook\'s (never added silently, product.md)', () => {
  test('a spend row in another currency is a warning, its amount left out (null), the row kept', () => {
    const { workbook: wb, problems } = ingestWorkbook(workbook({
      Spend: [['date', 'campaign_id', 'amount'],
        ['2024-03-01', 'C1', '€100'],
        ['2024-03-02', 'C1', 'USD 50'],
        ['2024-03-03', 'C1', '£20'],
        ['2024-03-04', 'C1', 30]],
    }), { ...UTC, currency: 'EUR' });
    expect(problems.map((p) => [p.severity, p.sheet, p.row, p.column, p.messageId, p.params])).toEqual([
      ['warning', 'Spend', 3, 'amount', 'ingest.spend_currency_other', { currency: 'USD', workbook: 'EUR' }],
      ['warning', 'Spend', 4, 'amount', 'ingest.spend_currency_other', { currency: 'GBP', workbook: 'EUR' }],
    ]);
    expect(wb.spend.map((s) => [s.row, s.amount])).toEqual([[2, 100], [3, null], [4, null], [5, 30]]);
  });

  test('a budget or revenue goal in another currency is a warning and reads as empty; the campaign stays', () => {
    const { workbook: wb, problems } = ingestWorkbook(workbook({
      Campaigns: [['campaign_id', 'name', 'created_at', 'goal_revenue', 'budget'],
        ['C1', 'Spring', '2024-01-01', '$5,000', '£3,100'],
        ['C2', 'Summer', '2024-01-01', '€ 5.000', 'EUR 800']],
    }), { ...UTC, locale: 'nl-NL', currency: 'EUR' });
    // "$" names several currencies: with the workbook in euros it is not the workbook's.
    expect(problems.map((p) => [p.severity, p.row, p.column, p.messageId, p.params])).toEqual([
      ['warning', 2, 'goal_revenue', 'ingest.amount_currency_other', { currency: '$', workbook: 'EUR' }],
      ['warning', 2, 'budget', 'ingest.amount_currency_other', { currency: 'GBP', workbook: 'EUR' }],
    ]);
    expect(wb.campaigns.map((c) => [c.id, c.goals.revenue, c.budget])).toEqual([['C1', null, null], ['C2', 5000, 800]]);
  });

  test('without a workbook currency the amounts are kept as written', () => {
    const { workbook: wb, problems } = ingestWorkbook(workbook({
      Spend: [['date', 'campaign_id', 'amount'], ['2024-03-02', 'C1', 'USD 50']],
    }), UTC);
    expect(problems).toEqual([]);
    expect(wb.spend.map((s) => s.amount)).toEqual([50]);
  });
});
