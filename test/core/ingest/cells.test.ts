import {
  ASSET_TYPE_ENUM, INTERACTION_TYPE_ENUM, SOURCE_ENUM, displayCell, enumKey, isBlankRow, parseBooleanCell,
  ingestWorkbook, parseEnumCell, parseListCell, parseStageCell, parseTextCell,
} from '../../../src/core/ingest';
import { ASSET_TYPES, INTERACTION_TYPES, SOURCES } from '../../../src/core/types';
import { BASE, UTC } from './fixture';

const issue = (messageId: string) => expect.objectContaining({ messageId });

describe('booleans', () => {
  test.each([
    [true, true], [false, false], ['TRUE', true], ['false', false], [' Yes ', true], ['no', false], ['1', true],
    ['0', false], ['x', true], ['X', true], ['ja', true], ['Nee', false], ['WAAR', true], ['ONWAAR', false],
    [1, true], [0, false],
  ])('%p is %p', (cell, expected) => {
    expect(parseBooleanCell(cell)).toBe(expected);
  });

  test('empty is null; anything else is a problem', () => {
    expect(parseBooleanCell('')).toBeNull();
    expect(parseBooleanCell(null)).toBeNull();
    expect(parseBooleanCell('maybe')).toEqual(issue('ingest.boolean_invalid'));
    expect(parseBooleanCell(2)).toEqual(issue('ingest.boolean_invalid'));
    expect(parseBooleanCell(new Date(0))).toEqual(issue('ingest.boolean_invalid'));
  });
});

describe('enumerations', () => {
  test('names compare trimmed and case-insensitively, ignoring spaces, _ and -', () => {
    for (const text of ['page_view', ' PAGE_VIEW ', 'Page View', 'page-view', 'pageview']) {
      expect(parseEnumCell(text, INTERACTION_TYPE_ENUM)).toBe('page_view');
    }
    expect(parseEnumCell('Landing Page', ASSET_TYPE_ENUM)).toBe('landing_page');
    expect(parseEnumCell('Organic Search', SOURCE_ENUM)).toBe('organic_search');
    expect(enumKey('  Form_Sub-mission ')).toBe('formsubmission');
  });

  test('every canonical name reads as itself', () => {
    for (const t of INTERACTION_TYPES) expect(parseEnumCell(t, INTERACTION_TYPE_ENUM)).toBe(t);
    for (const t of ASSET_TYPES) expect(parseEnumCell(t.toUpperCase(), ASSET_TYPE_ENUM)).toBe(t);
    for (const s of SOURCES) expect(parseEnumCell(s, SOURCE_ENUM)).toBe(s);
  });

  test('aliases', () => {
    expect(parseEnumCell('form', INTERACTION_TYPE_ENUM)).toBe('form_submission');
    expect(parseEnumCell('Phone call', INTERACTION_TYPE_ENUM)).toBe('call');
    expect(parseEnumCell('Workflow enrolment', INTERACTION_TYPE_ENUM)).toBe('workflow_enrollment');
    expect(parseEnumCell('E-mail', ASSET_TYPE_ENUM)).toBe('email');
    expect(parseEnumCell('blog', ASSET_TYPE_ENUM)).toBe('blog_post');
    expect(parseEnumCell('PPC', ASSET_TYPE_ENUM)).toBe('paid_search');
    expect(parseEnumCell('Call to action', ASSET_TYPE_ENUM)).toBe('cta');
    expect(parseEnumCell('(direct)', SOURCE_ENUM)).toBe('direct');
    expect(parseEnumCell('SEO', SOURCE_ENUM)).toBe('organic_search');
  });

  test('no alias of one enumeration hides a name', () => {
    for (const spec of [INTERACTION_TYPE_ENUM, ASSET_TYPE_ENUM, SOURCE_ENUM]) {
      const names = new Set(spec.values.map(enumKey));
      for (const alias of Object.keys(spec.aliases)) expect(names.has(enumKey(alias))).toBe(false);
    }
  });

  test('an unknown name is a problem listing the allowed names', () => {
    const result = parseEnumCell('banner', ASSET_TYPE_ENUM);
    expect(result).toEqual({
      messageId: 'ingest.enum_invalid',
      params: {
        kind: 'asset_type',
        allowed: 'landing_page, website_page, blog_post, email, social_post, cta, ad, paid_search, tracking_url, form, workflow, static_list, marketing_event, other',
      },
    });
    expect(parseEnumCell('click', INTERACTION_TYPE_ENUM)).toEqual(issue('ingest.enum_invalid'));
    expect(parseEnumCell(3, SOURCE_ENUM)).toEqual(issue('ingest.enum_invalid'));
  });

  test('empty is null', () => {
    expect(parseEnumCell('', INTERACTION_TYPE_ENUM)).toBeNull();
    expect(parseEnumCell('  ', INTERACTION_TYPE_ENUM)).toBeNull();
    expect(parseEnumCell(undefined, INTERACTION_TYPE_ENUM)).toBeNull();
  });
});

describe('deal stages (attribution-models.md §7)', () => {
  // A non-breaking space (as CRM exports write it) or two spaces between the words are still "closed won".
  test.each(['won', 'closed won', 'closedwon', 'closed_won', 'Closed Won', ' WON ', 'CLOSED_WON', 'Closed\u00a0Won', 'closed  won'])('%p is won', (text) => {
    expect(parseStageCell(text)).toBe('won');
  });

  test.each(['lost', 'closed lost', 'closedlost', 'closed_lost', 'Closed Lost', 'Closed\u00a0Lost'])('%p is lost', (text) => {
    expect(parseStageCell(text)).toBe('lost');
  });

  test.each(['open', 'Negotiation', 'appointment scheduled', 'won?', 'closed'])('%p is open', (text) => {
    expect(parseStageCell(text)).toBe('open');
  });

  test('a stage read as open that looks meant as closed is a warning naming it; other open stages are not', () => {
    const header = ['deal_id', 'amount', 'stage', 'created_at', 'closed_at', 'contact_ids'];
    const stages = ['Closed-Won', 'Gewonnen', 'Lost (no budget)', 'won?', 'Negotiation', 'Closed', 'Wonderful'];
    const { workbook: wb, problems } = ingestWorkbook({ ...BASE, Deals: [header, ...stages.map((stage, i) => [`D${i}`, 10, stage, '2024-02-02', '', 'K1'])] }, UTC);
    expect(wb.deals.map((d) => d.stage)).toEqual(stages.map(() => 'open'));
    expect(problems.map((p) => [p.severity, p.row, p.column, p.messageId, p.params.value])).toEqual([
      ['warning', 2, 'stage', 'ingest.stage_read_as_open', 'Closed-Won'],
      ['warning', 3, 'stage', 'ingest.stage_read_as_open', 'Gewonnen'],
      ['warning', 4, 'stage', 'ingest.stage_read_as_open', 'Lost (no budget)'],
      ['warning', 5, 'stage', 'ingest.stage_read_as_open', 'won?'],
    ]);
  });

  test('empty is null', () => {
    expect(parseStageCell('')).toBeNull();
    expect(parseStageCell(null)).toBeNull();
  });
});

describe('text and lists', () => {
  test('text is trimmed; empty is null; numbers keep their digits', () => {
    expect(parseTextCell('  C1 ')).toBe('C1');
    expect(parseTextCell('')).toBeNull();
    expect(parseTextCell(' \u00a0 ')).toBeNull();
    expect(parseTextCell(12345)).toBe('12345');
    expect(parseTextCell(undefined)).toBeNull();
  });

  test('a zero-width space or joiner at either end is trimmed as a space is; one inside stays', () => {
    expect(parseTextCell('spring_launch\u200b')).toBe('spring_launch');
    expect(parseTextCell('\u2060 C01 \u200d')).toBe('C01');
    expect(parseTextCell('\u200b')).toBeNull();
    expect(parseTextCell('a\u200cb')).toBe('a\u200cb');
    // So are the items of a list, a stage, a type and a checkbox.
    expect(parseListCell('CT-1\u200b, \u200bCT-2')).toEqual(['CT-1', 'CT-2']);
    expect(parseStageCell('won\u200b')).toBe('won');
    expect(parseEnumCell('\u200bpage_view', INTERACTION_TYPE_ENUM)).toBe('page_view');
    expect(parseBooleanCell('TRUE\u2060')).toBe(true);
  });

  test('the direction marks pasted with Arabic or Hebrew text are trimmed at the ends too: an id and a stage still match', () => {
    const { workbook: wb, problems } = ingestWorkbook({
      ...BASE,
      Assets: [['asset_id', 'campaign_id', 'type', 'name'], ['A1', 'C1\u200f', 'landing_page', 'Promo \u2067שלום\u2069']],
    }, UTC);
    expect(problems).toEqual([]);
    // An isolate's closing control stays with its text: trimmed, the rest of a sentence would turn right to left.
    expect(wb.assets.map((a) => [a.campaignId, a.name])).toEqual([['C1', 'Promo \u2067שלום\u2069']]);
    expect(parseStageCell('\u200ewon\u200f')).toBe('won');
    expect(parseTextCell('a\u200fb')).toBe('a\u200fb');
  });

  test('a long run of spaces and zero-width characters at the end is trimmed whole', () => {
    expect(parseTextCell(`x${' \u200b'.repeat(100_000)}`)).toBe('x');
  });

  test('an id with a zero-width space pasted at its end still finds its campaign', () => {
    const { workbook: wb, problems } = ingestWorkbook({
      ...BASE,
      Assets: [['asset_id', 'campaign_id', 'type'], ['A1', 'C1\u200b', 'landing_page']],
    }, UTC);
    expect(problems).toEqual([]);
    expect(wb.assets.map((a) => a.campaignId)).toEqual(['C1']);
  });

  test('lists split on , and ; trimmed, empty entries dropped', () => {
    expect(parseListCell('spring-2023, spring_old;SPRING;; ,')).toEqual(['spring-2023', 'spring_old', 'SPRING']);
    expect(parseListCell('K1')).toEqual(['K1']);
    expect(parseListCell(17)).toEqual(['17']);
    expect(parseListCell('')).toEqual([]);
    expect(parseListCell(' ; ')).toEqual([]);
  });

  test('a cell as a problem shows it', () => {
    expect(displayCell(' 03/04/2024 ')).toBe('03/04/2024');
    expect(displayCell(45352.5)).toBe('45352.5');
    expect(displayCell(true)).toBe('TRUE');
    expect(displayCell(new Date('2024-03-01T12:00:00Z'))).toBe('2024-03-01T12:00:00.000Z');
  });

  test('blank rows: empty strings, whitespace, nothing, or unticked checkboxes', () => {
    expect(isBlankRow([])).toBe(true);
    expect(isBlankRow(['', '  ', null, undefined, false])).toBe(true);
    // An unticked checkbox as a CSV export writes it, on every empty row of the column.
    expect(isBlankRow(['', '', 'FALSE', ' false '])).toBe(true);
    expect(isBlankRow(['A1', 'FALSE'])).toBe(false);
    expect(isBlankRow(['', 0])).toBe(false);
    expect(isBlankRow(['', true])).toBe(false);
    expect(isBlankRow(['', 'x'])).toBe(false);
  });
});
