// The source tool's rules (product.md "Rules the numbers must follow", attribution-models.md §1, §7),
// each with its own small workbook and hand-worked expectations.
import { analyze, computeMetrics } from '../../../src/core/engine';
import { endOfDay, startOfDay } from '../../../src/core/time';
import { asset, at, campaign, contact, deal, dealContact, visit, workbook } from './fixtures';
import { expectAmount, run } from './run';

const NONE = '(no campaign)';

describe('campaign of an interaction', () => {
  const wb = (visits: ReturnType<typeof visit>[], assets = [asset('LP', 'C1', { url: 'https://Example.com/Spring/', associatedAt: at('2024-02-01') })]) =>
    workbook({
      campaigns: [
        campaign('C1', { createdAt: at('2024-01-15'), utmCampaign: 'spring-2024', formerUtmCampaigns: ['Spring Beta'] }),
        campaign('C2', { createdAt: at('2024-01-01'), utmCampaign: 'other' }),
      ],
      assets,
      visits,
    });
  const campaignsOf = (w: ReturnType<typeof wb>) => run(w).analysis.resolution.campaignsOf.map((l) => l.map((i) => w.campaigns[i].id));

  test('counts only after the campaign was created (no retroactive counting)', () => {
    const w = wb([visit('a', '2024-01-10', { campaign: 'spring-2024' }), visit('a', '2024-01-15', { campaign: 'spring-2024' })]);
    expect(campaignsOf(w)).toEqual([[], ['C1']]);
  });

  test('an asset visit at the very instant of the campaign\'s created_at counts (§1 "at or after")', () => {
    // C1 was created on 01-15 12:00; LP2 is linked at that same instant, and the visit names LP2 at it.
    const w = wb([visit('a', '2024-01-15', { assetId: 'LP2' })], [asset('LP2', 'C1', { associatedAt: at('2024-01-15') })]);
    expect(campaignsOf(w)).toEqual([['C1']]);
  });

  test('an asset counts only after it was associated, and an invalid asset match does not fall through to utm', () => {
    const w = wb([
      visit('a', '2024-01-20', { url: 'https://example.com/Spring', campaign: 'other' }),
      visit('a', '2024-02-01', { url: 'https://example.com/Spring' }),
    ]);
    expect(campaignsOf(w)).toEqual([[], ['C1']]);
    // The asset section still sees both visits (full history).
    expect(run(w).analysis.resolution.assetIdOf).toEqual(['LP', 'LP']);
  });

  test('several assets with the same URL: the first in sheet order; one utm value in two campaigns: the first campaign', () => {
    const sameUrl = wb([visit('a', '2024-03-01', { url: 'https://example.com/same' })], [
      asset('LP2', 'C2', { url: 'https://example.com/same', associatedAt: at('2024-02-01') }),
      asset('LP1', 'C1', { url: 'https://example.com/same', associatedAt: at('2024-02-01') }),
    ]);
    expect(campaignsOf(sameUrl)).toEqual([['C2']]);
    const sharedUtm = workbook({
      campaigns: [campaign('C1', { utmCampaign: 'shared' }), campaign('C2', { utmCampaign: 'shared' })],
      visits: [visit('a', '2024-03-01', { campaign: 'shared' })],
    });
    expect(campaignsOf(sharedUtm)).toEqual([['C1']]);
  });

  test('URLs compare with scheme and host lower-cased, path case-sensitive, no trailing slash, query or fragment', () => {
    const w = wb([
      visit('a', '2024-03-01', { url: 'HTTPS://EXAMPLE.COM/Spring?utm_source=x#top' }),
      visit('a', '2024-03-01', { url: 'https://example.com/spring' }),
    ]);
    expect(campaignsOf(w)).toEqual([['C1'], []]);
  });

  test('an asset_id naming no asset falls back to the URL, then to utm_campaign', () => {
    const w = wb([
      visit('a', '2024-03-01', { assetId: 'nope', url: 'https://example.com/Spring' }),
      visit('a', '2024-03-01', { assetId: 'nope', campaign: 'other' }),
    ]);
    expect(campaignsOf(w)).toEqual([['C1'], ['C2']]);
  });

  test('utm values match trimmed and case-insensitively, including former values of a renamed campaign', () => {
    const w = wb([visit('a', '2024-03-01', { campaign: ' SPRING BETA ' }), visit('a', '2024-03-01', { campaign: 'Spring-2024' })]);
    expect(campaignsOf(w)).toEqual([['C1'], ['C1']]);
  });

  test('a social post counts only once published; one with no published_at never counts', () => {
    const assets = [
      asset('S1', 'C1', { type: 'social_post', publishedAt: at('2024-03-01') }),
      asset('S2', 'C1', { type: 'social_post', publishedAt: null }),
    ];
    const w = wb([
      visit('a', '2024-02-20', { assetId: 'S1', type: 'social_click' }),
      visit('a', '2024-03-01', { assetId: 'S1', type: 'social_click' }),
      visit('a', '2024-03-05', { assetId: 'S2', type: 'social_click' }),
    ], assets);
    expect(campaignsOf(w)).toEqual([[], ['C1'], []]);
  });

  test('tracking URLs and paid search count only when visited after the campaign was created', () => {
    const assets = [
      asset('T1', 'C1', { type: 'tracking_url', url: 'https://example.com/?utm_campaign=spring-2024', associatedAt: at('2024-01-01') }),
      asset('P1', 'C1', { type: 'paid_search', keyword: 'spring shoes', associatedAt: at('2024-01-01') }),
    ];
    const w = wb([
      visit('a', '2024-01-14', { assetId: 'T1' }),
      visit('a', '2024-01-14', { assetId: 'P1', type: 'ad_click' }),
      visit('a', '2024-01-16', { assetId: 'T1' }),
      visit('a', '2024-01-16', { assetId: 'P1', type: 'ad_click' }),
    ], assets);
    expect(campaignsOf(w)).toEqual([[], [], ['C1'], ['C1']]);
  });

  test('A/B emails: only the winning variant counts; a group with no winner counts for nothing', () => {
    const assets = [
      asset('EA', 'C1', { type: 'email', abGroup: 'g1', abWinner: true }),
      asset('EB', 'C1', { type: 'email', abGroup: 'g1', abWinner: false }),
      asset('EC', 'C1', { type: 'email', abGroup: 'g2', abWinner: false }),
      asset('ED', 'C1', { type: 'email', abGroup: 'g2', abWinner: false }),
      asset('EE', 'C1', { type: 'email', abGroup: null, abWinner: true }),
    ];
    const w = wb(['EA', 'EB', 'EC', 'ED', 'EE'].map((id) => visit('a', '2024-03-01', { assetId: id, type: 'email_click' })), assets);
    expect(campaignsOf(w)).toEqual([['C1'], [], [], [], ['C1']]);
  });

  test('the paid-search keyword never maps a visit to a campaign', () => {
    const assets = [asset('P1', 'C1', { type: 'paid_search', keyword: 'spring shoes' })];
    const w = wb([visit('a', '2024-03-01', { utm: { source: 'google', medium: 'cpc', campaign: null, term: 'spring shoes', content: null } })], assets);
    expect(campaignsOf(w)).toEqual([[]]);
  });
});

describe('workflows', () => {
  const wb = workbook({
    campaigns: [campaign('C1'), campaign('C2')],
    assets: [
      asset('WF', 'C1', { type: 'workflow', url: 'https://x.com/wf-mail' }),
      asset('WF', 'C2', { type: 'workflow', url: 'https://x.com/wf-mail', associatedAt: at('2024-01-10') }),
    ],
    visits: [
      visit('a', '2024-01-05', { assetId: 'WF', type: 'workflow_enrollment' }),
      visit('a', '2024-01-20', { assetId: 'WF', type: 'email_click' }),
      visit('a', '2024-01-21', { type: 'form_submission' }),
    ],
    deals: [deal('D1', ['a'], 900, '2024-01-22', '2024-01-25')],
  });
  const { of } = run(wb);

  test('a workflow belongs to every campaign whose association is valid at the time', () => {
    // The enrolment (01-05) predates C2's association (01-10): it influences C1 only; the click both.
    const { analysis } = run(wb);
    expect(analysis.resolution.campaignsOf.map((l) => l.map((c) => wb.campaigns[c].id))).toEqual([['C1'], ['C1', 'C2'], []]);
  });

  test('enrolments earn no credit; a shared interaction splits its share equally among the campaigns', () => {
    // Eligible: click (C1+C2) and form (none): linear 450 each; the click's 450 splits 225/225.
    expectAmount(of('C1').attribution.linear.revenue, 225);
    expectAmount(of('C2').attribution.linear.revenue, 225);
    expectAmount(of(NONE).attribution.linear.revenue, 450);
  });

  test('enrolments count for influence', () => {
    expect(of('C1').influencedContacts).toBe(1);
    expect(of('C1').influencedRevenue).toBe(900);
    // Up to 01-10 the enrolment is a's only interaction: it alone makes a influenced by C1.
    expect(run(wb, { to: '2024-01-10' }).of('C1').influencedContacts).toBe(1);
  });
});

describe('credit eligibility', () => {
  const wb = workbook({
    campaigns: [campaign('Mail'), campaign('Lists'), campaign('Sales'), campaign('Web')],
    visits: [
      visit('a', '2024-01-01', { type: 'email_open', campaign: 'Mail' }),
      visit('a', '2024-01-02', { type: 'list_membership', campaign: 'Lists' }),
      visit('a', '2024-01-03', { type: 'call', campaign: 'Sales', manuallyLogged: true }),
      visit('a', '2024-01-04', { campaign: 'Web' }),
    ],
    deals: [deal('D1', ['a'], 100, '2024-01-05', '2024-01-06')],
  });
  const { of } = run(wb);
  test('opens, list memberships and manually logged calls earn no credit', () => {
    expectAmount(of('Web').attribution.first_interaction.revenue, 100);
    for (const id of ['Mail', 'Lists', 'Sales']) expectAmount(of(id).attribution.linear.revenue, 0);
  });
  test('but they count for influence', () => {
    for (const id of ['Mail', 'Lists', 'Sales']) expect(of(id).influencedContacts).toBe(1);
  });
  test('a manually logged call still creates the contact when it is the first interaction', () => {
    const w = workbook({ campaigns: [campaign('Sales')], visits: [visit('b', '2024-01-03', { type: 'call', campaign: 'Sales', manuallyLogged: true })] });
    const { analysis } = run(w);
    expect(analysis.contacts.createdAt[analysis.contacts.indexById.get('b')!]).toBe(at('2024-01-03'));
  });
  test('a logged call that is not manual earns credit', () => {
    const w = workbook({
      campaigns: [campaign('Sales')],
      visits: [visit('b', '2024-01-03', { type: 'call', campaign: 'Sales' })],
      deals: [deal('D1', ['b'], 50, '2024-01-04', '2024-01-05')],
    });
    expectAmount(run(w).of('Sales').attribution.linear.revenue, 50);
  });
});

describe('ordering (§1)', () => {
  test('interactions at the same instant: ad_click < page_view < email_click < cta_click < social_click < form_submission < meeting < call < others, then sheet row', () => {
    // Written in the reverse order, an open (an "other type") first: only the type can put them in order.
    const types = ['email_open', 'call', 'meeting', 'form_submission', 'social_click', 'cta_click', 'email_click', 'page_view', 'ad_click'] as const;
    const w = workbook({ visits: [...types.map((type) => visit('a', '2024-03-01T10:00:00Z', { type })), visit('a', '2024-03-01T10:00:00Z', { type: 'ad_click' })] });
    const { order, workbook: { visits } } = analyze(w, { lookbackDays: null });
    expect(Array.from(order, (v) => [visits[v].type, v])).toEqual([
      ['ad_click', 8], ['ad_click', 9], ['page_view', 7], ['email_click', 6], ['cta_click', 5], ['social_click', 4],
      ['form_submission', 3], ['meeting', 2], ['call', 1], ['email_open', 0],
    ]);
  });
});

describe('journeys and identity stitching', () => {
  test("a visitor's anonymous visits before they became a contact belong to that contact", () => {
    const wb = workbook({
      campaigns: [campaign('Ads'), campaign('Ebook')],
      visits: [
        visit(null, '2024-01-01', { visitorId: 'cookie1', campaign: 'Ads' }),
        visit('ann', '2024-01-03', { visitorId: 'cookie1', type: 'form_submission', campaign: 'Ebook' }),
        visit(null, '2024-01-04', { visitorId: 'cookie2', campaign: 'Ads' }), // another visitor: not hers
      ],
      deals: [deal('D1', ['ann'], 1000, '2024-01-05', '2024-01-06')],
    });
    const { of } = run(wb);
    expectAmount(of('Ads').attribution.first_interaction.revenue, 1000);
    expect(of('Ads').newContacts).toBe(1);
  });

  test('Contacts visitor_ids stitch too, and a visitor shared by two contacts is in both journeys', () => {
    const wb = workbook({
      campaigns: [campaign('Ads')],
      contacts: [contact('ann', { visitorIds: ['shared'], createdAt: at('2024-01-05') }), contact('bob', { visitorIds: ['shared'], createdAt: at('2024-01-05') })],
      visits: [visit(null, '2024-01-01', { visitorId: 'shared', campaign: 'Ads' })],
    });
    const { of } = run(wb);
    expect(of('Ads').influencedContacts).toBe(2);
    expect(of('Ads').newContacts).toBe(2);
  });

  test('creation time: Contacts created_at, else the first form submission, else the first interaction', () => {
    const wb = workbook({
      contacts: [contact('a', { createdAt: at('2024-02-01') }), contact('never')],
      visits: [
        visit('a', '2024-01-01'),
        visit('b', '2024-01-01'),
        visit('b', '2024-01-03', { type: 'form_submission' }),
        visit('c', '2024-01-04', { type: 'email_click' }),
      ],
    });
    const { analysis } = run(wb);
    const created = (id: string) => analysis.contacts.createdAt[analysis.contacts.indexById.get(id)!];
    expect(created('a')).toBe(at('2024-02-01'));
    expect(created('b')).toBe(at('2024-01-03'));
    expect(created('c')).toBe(at('2024-01-04'));
    expect(created('never')).toBeNaN();
  });

  test('the creation fallback reads the stitched journey: an anonymous form of the contact\'s visitor creates it', () => {
    // k has no created_at and no form of its own; its visitor v1 submitted a form anonymously on 01-03 (12:00),
    // after an anonymous page view on 01-01: the first form of the stitched journey is 01-03.
    const wb = workbook({
      campaigns: [campaign('A')],
      visits: [
        visit(null, '2024-01-01', { visitorId: 'v1' }),
        visit(null, '2024-01-03', { visitorId: 'v1', type: 'form_submission', campaign: 'A' }),
        visit('k', '2024-01-05', { visitorId: 'v1' }),
      ],
    });
    const { analysis } = run(wb);
    expect(analysis.contacts.createdAt[analysis.contacts.indexById.get('k')!]).toBe(at('2024-01-03'));
  });
});

describe('sessions', () => {
  const sessionCount = (visits: ReturnType<typeof visit>[]) => run(workbook({ visits })).analysis.sessions.start.length;
  test('a gap of exactly 30 minutes stays in the session; more than 30 minutes starts a new one', () => {
    expect(sessionCount([visit(null, '2024-01-01T10:00:00Z', { visitorId: 'v' }), visit(null, '2024-01-01T10:30:00Z', { visitorId: 'v' })])).toBe(1);
    expect(sessionCount([visit(null, '2024-01-01T10:00:00Z', { visitorId: 'v' }), visit(null, '2024-01-01T10:30:01Z', { visitorId: 'v' })])).toBe(2);
  });
  test('a manually logged call keeps the session open (§7: it counts for sessions)', () => {
    // 10:00 view, 10:25 manual call, 10:50 view: gaps of 25 and 25 minutes, one session. Without the call
    // the gap would be 50 minutes > 30, two sessions.
    expect(sessionCount([
      visit(null, '2024-01-01T10:00:00Z', { visitorId: 'v' }),
      visit(null, '2024-01-01T10:25:00Z', { visitorId: 'v', type: 'call', manuallyLogged: true }),
      visit(null, '2024-01-01T10:50:00Z', { visitorId: 'v' }),
    ])).toBe(1);
  });
  test('no new session is forced at midnight', () => {
    expect(sessionCount([visit(null, '2024-01-01T23:50:00Z', { visitorId: 'v' }), visit(null, '2024-01-02T00:10:00Z', { visitorId: 'v' })])).toBe(1);
  });
  test('a session going on past `to` counts only for the campaigns of its page views by `to`', () => {
    // v1 views a page without campaign at 23:50 on 06-30, then one tagged C1 at 00:10 on 07-01: one session.
    const w = workbook({
      campaigns: [campaign('C1')],
      visits: [visit(null, '2024-06-30T23:50:00Z', { visitorId: 'v1' }), visit(null, '2024-07-01T00:10:00Z', { visitorId: 'v1', campaign: 'C1' })],
    });
    const june = run(w, { to: '2024-06-30' });
    expect([june.of('C1').sessions, june.of(NONE).sessions]).toEqual([0, 1]);
    expect(june.of('C1').series).toEqual([]);
    expect(june.of('C1').traffic.by_source).toEqual([]);
    const july = run(w, { to: '2024-07-01' });
    expect([july.of('C1').sessions, july.of(NONE).sessions]).toEqual([1, 1]);
    expect(july.of('C1').series).toEqual([{ period: '2024-06', newContacts: 0, influencedContacts: 0, sessions: 1 }]);
  });
  test('a row in a given session is an interaction of its visitor: the 30 minutes run from the latest of any session (§1)', () => {
    // v: 10:00 without an id, 10:20 in session s1, 10:40 without an id: 20 minutes after v's 10:20 row, so no new
    // session: the 10:40 row is in the 10:00 one. Two sessions. With 11:00 instead: 40 minutes, a new one.
    const { analysis } = run(workbook({ visits: [
      visit(null, '2024-01-01T10:00:00Z', { visitorId: 'v' }),
      visit(null, '2024-01-01T10:20:00Z', { visitorId: 'v', sessionId: 's1' }),
      visit(null, '2024-01-01T10:40:00Z', { visitorId: 'v' }),
    ] }));
    expect(Array.from(analysis.sessions.sessionOf)).toEqual([0, 1, 0]);
    expect(sessionCount([
      visit(null, '2024-01-01T10:00:00Z', { visitorId: 'v' }),
      visit(null, '2024-01-01T10:20:00Z', { visitorId: 'v', sessionId: 's1' }),
      visit(null, '2024-01-01T11:00:00Z', { visitorId: 'v' }),
    ])).toBe(3);
  });
  test('a row in a given session after a gap of more than 30 minutes still ends the visitor\'s derived session', () => {
    // v: C1 on 1 March 09:00 without an id; three days later 09:00 in session s1, then C2 at 09:10 without an id.
    // Three days without an interaction end the 1 March session: the 09:10 row starts its own, on 4 March (it
    // was in the 1 March session, kept open by the s1 row: C2 had no session on 4 March, one on 1 March).
    const wb = workbook({
      campaigns: [campaign('C1'), campaign('C2')],
      visits: [
        visit(null, '2024-03-01T09:00:00Z', { visitorId: 'v', campaign: 'C1' }),
        visit(null, '2024-03-04T09:00:00Z', { visitorId: 'v', sessionId: 's1' }),
        visit(null, '2024-03-04T09:10:00Z', { visitorId: 'v', campaign: 'C2' }),
      ],
    });
    expect(Array.from(run(wb).analysis.sessions.sessionOf)).toEqual([0, 1, 2]);
    expect(run(wb, { from: '2024-03-04', to: '2024-03-04' }).of('C2').sessions).toBe(1);
    expect(run(wb, { frequency: 'daily' }).of('C2').series.filter((p) => p.sessions > 0).map((p) => p.period)).toEqual(['2024-03-04']);
  });
  test('a given session id is one session whatever the gaps; different visitors never share a derived session', () => {
    expect(sessionCount([
      visit(null, '2024-01-01T10:00:00Z', { visitorId: 'v', sessionId: 's1' }),
      visit(null, '2024-01-01T15:00:00Z', { visitorId: 'v', sessionId: 's1' }),
      visit(null, '2024-01-01T15:01:00Z', { visitorId: 'w' }),
    ])).toBe(2);
  });
});

describe('campaign metrics', () => {
  // Ann: anonymous ad page view, then a blog page view and a form in one session that creates her.
  // Bob: a direct page view (no campaign) first, then an email click that creates him 10 minutes later.
  const wb = workbook({
    campaigns: [campaign('Ads', { goals: { sessions: 10, newContacts: 5, influencedContacts: null, revenue: null } }), campaign('Blog'), campaign('Mail')],
    contacts: [contact('bob', { createdAt: at('2024-02-10T09:10:00Z') })],
    visits: [
      visit(null, '2024-01-20T08:00:00Z', { visitorId: 'v1', campaign: 'Ads', utm: { source: 'google', medium: 'cpc', campaign: 'Ads', term: 'shoes', content: null } }),
      visit('ann', '2024-02-01T09:00:00Z', { visitorId: 'v1', campaign: 'Blog', referrer: 'https://www.google.co.uk/' }),
      visit('ann', '2024-02-01T09:05:00Z', { visitorId: 'v1', type: 'form_submission' }),
      visit('bob', '2024-02-10T09:00:00Z', { visitorId: 'v2' }),
      visit('bob', '2024-02-10T09:05:00Z', { visitorId: 'v2', type: 'email_click', campaign: 'Mail', utm: { source: 'newsletter', medium: 'email', campaign: 'Mail', term: null, content: null } }),
    ],
    deals: [
      deal('D1', ['ann', 'bob'], 3000, '2024-02-15', '2024-03-01'),
      deal('D2', ['bob'], 500, '2024-02-20', null, { stage: 'lost', closedAt: at('2024-03-02') }),
    ],
  });

  test('new contacts, first touch: the first page view of the stitched journey', () => {
    const { of } = run(wb, { touch: 'first' });
    expect([of('Ads').newContacts, of('Blog').newContacts, of('Mail').newContacts, of(NONE).newContacts]).toEqual([1, 0, 0, 1]);
  });

  test('new contacts, last touch: the creating interaction, else the latest campaign touch in its session', () => {
    // Ann's form has no campaign; the blog view in the same session does. Bob's creation is 5 min after the email click.
    const { of } = run(wb, { touch: 'last' });
    expect([of('Ads').newContacts, of('Blog').newContacts, of('Mail').newContacts, of(NONE).newContacts]).toEqual([0, 1, 1, 0]);
  });

  test('last touch: with a campaign-less creating form, the LATEST campaign interaction of its session counts', () => {
    // One session (gaps of 5 minutes): A view 10:00, B view 10:05, form (no campaign) 10:10 creates x.
    // Going back from the form, the first interaction with a campaign is B's: B 1, A 0.
    const w = workbook({
      campaigns: [campaign('A'), campaign('B')],
      visits: [
        visit('x', '2024-02-01T10:00:00Z', { campaign: 'A' }),
        visit('x', '2024-02-01T10:05:00Z', { campaign: 'B' }),
        visit('x', '2024-02-01T10:10:00Z', { type: 'form_submission' }),
      ],
    });
    const { of } = run(w, { touch: 'last' });
    expect([of('A').newContacts, of('B').newContacts, of(NONE).newContacts]).toEqual([0, 1, 0]);
  });

  test('first touch up to `to`: a first page view dated after `to` does not count, the contact is "(no campaign)"\'s', () => {
    // c is created on 01-05 by a form (no campaign); the journey's first page view, tagged Ads, is on 03-01.
    const w = workbook({
      campaigns: [campaign('Ads')],
      visits: [visit('c', '2024-01-05T10:00:00Z', { type: 'form_submission' }), visit('c', '2024-03-01T10:00:00Z', { campaign: 'Ads' })],
    });
    const january = run(w, { to: '2024-01-31' });
    expect([january.of('Ads').newContacts, january.of(NONE).newContacts]).toEqual([0, 1]);
    expect(january.of('Ads').traffic.by_source).toEqual([]);
    // With `to` after the page view, the whole journey's first page view is Ads's.
    const spring = run(w, { to: '2024-03-31' });
    expect([spring.of('Ads').newContacts, spring.of(NONE).newContacts]).toEqual([1, 0]);
  });

  test('a $0 won deal gives no credit > 0: no deal and no contact with revenue', () => {
    const w = workbook({
      campaigns: [campaign('Ads')],
      visits: [visit('c', '2024-01-05T10:00:00Z', { campaign: 'Ads' })],
      deals: [deal('D0', ['c'], 0, '2024-01-10', '2024-01-20')],
    });
    expect(run(w).of('Ads').revenue.linear).toEqual({ revenue: 0, dealsWithRevenue: 0, associatedDealValue: 0, contactsWithRevenue: 0 });
  });

  test('last touch: creation exactly 30 minutes after the interaction still counts for its campaign', () => {
    const w = workbook({
      campaigns: [campaign('Mail')],
      contacts: [contact('c', { createdAt: at('2024-01-01T10:30:00Z') })],
      visits: [visit('c', '2024-01-01T10:00:00Z', { campaign: 'Mail' })],
    });
    const { of } = run(w, { touch: 'last' });
    expect([of('Mail').newContacts, of(NONE).newContacts]).toEqual([1, 0]);
  });

  test('first touch: a contact with no page view at all is "(no campaign)"\'s', () => {
    const w = workbook({
      campaigns: [campaign('Mail')],
      visits: [visit('c', '2024-01-01T10:00:00Z', { type: 'email_click', campaign: 'Mail' })],
    });
    const { of } = run(w, { touch: 'first' });
    expect([of('Mail').newContacts, of(NONE).newContacts]).toEqual([0, 1]);
  });

  test('last touch: creation more than 30 minutes after the last interaction goes to "(no campaign)"', () => {
    const w = workbook({
      campaigns: [campaign('Mail')],
      contacts: [contact('c', { createdAt: at('2024-01-01T10:31:00Z') })],
      visits: [visit('c', '2024-01-01T10:00:00Z', { campaign: 'Mail' })],
    });
    const { of } = run(w, { touch: 'last' });
    expect([of('Mail').newContacts, of(NONE).newContacts]).toEqual([0, 1]);
  });

  test('sessions count sessions that started in range with a page view of the campaign', () => {
    const { of } = run(wb);
    expect([of('Ads').sessions, of('Blog').sessions, of('Mail').sessions, of(NONE).sessions]).toEqual([1, 1, 0, 1]);
    expect(run(wb, { from: '2024-02-01' }).of('Ads').sessions).toBe(0);
  });

  test('influenced contacts: first interaction of any type with the campaign in range', () => {
    const { of } = run(wb);
    expect([of('Ads').influencedContacts, of('Blog').influencedContacts, of('Mail').influencedContacts]).toEqual([1, 1, 1]);
    expect(run(wb, { from: '2024-02-01' }).of('Ads').influencedContacts).toBe(0);
  });

  test('influenced revenue sums won deals closed in range with a contact who touched the campaign by the close', () => {
    const { of } = run(wb);
    expect([of('Ads').influencedRevenue, of('Blog').influencedRevenue, of('Mail').influencedRevenue]).toEqual([3000, 3000, 3000]);
    expect(run(wb, { to: '2024-02-29' }).of('Ads').influencedRevenue).toBe(0);
  });

  test('influenced revenue: a first campaign touch at the close instant is "before the close" (§7 ≤)', () => {
    // x (associated at creation, 01-05) first touches B at 00:00 on 01-20, the very instant D1 ($500) closes.
    const w = workbook({
      campaigns: [campaign('A'), campaign('B')],
      visits: [visit('x', '2024-01-01', { campaign: 'A' }), visit('x', '2024-01-20T00:00:00Z', { campaign: 'B', type: 'email_click' })],
      deals: [deal('D1', ['x'], 500, '2024-01-05', '2024-01-20T00:00:00Z')],
    });
    const { of } = run(w);
    expect([of('A').influencedRevenue, of('B').influencedRevenue]).toEqual([500, 500]);
  });

  test('influenced revenue: a contact associated at the close instant counts (§7 ≤)', () => {
    // y touched C on 01-02 and is associated with D1 ($500) at 00:00 on 01-20, the instant of the close.
    const w = workbook({
      campaigns: [campaign('A'), campaign('C')],
      visits: [visit('x', '2024-01-01', { campaign: 'A' }), visit('y', '2024-01-02', { campaign: 'C' })],
      deals: [deal('D1', ['x'], 500, '2024-01-05', '2024-01-20T00:00:00Z')],
      dealContacts: [dealContact('D1', 'y', '2024-01-20T00:00:00Z')],
    });
    expect(run(w).of('C').influencedRevenue).toBe(500);
  });

  test('the four revenue figures: revenue, deals with revenue, associated deal value, contacts with revenue', () => {
    // D1's eligible path: Ads view (ann's stitched row), Blog view, form (none), Bob's direct view (none), Mail click.
    const { of } = run(wb);
    expect(of('Ads').revenue.linear).toEqual({ revenue: 600, dealsWithRevenue: 1, associatedDealValue: 3000, contactsWithRevenue: 1 });
    expect(of(NONE).revenue.linear.revenue).toBeCloseTo(1200, 9);
    expect(of(NONE).revenue.linear.contactsWithRevenue).toBe(2);
    expect(of('Mail').revenue.first_interaction).toEqual({ revenue: 0, dealsWithRevenue: 0, associatedDealValue: 0, contactsWithRevenue: 0 });
  });

  test('contacts are dated by creation, deals by creation, revenue by close', () => {
    const feb = run(wb, { from: '2024-02-01', to: '2024-02-29' });
    expect(feb.metrics.totals).toEqual({ closedWonRevenue: 0, unattributedRevenue: 0, contactsCreated: 2, dealsCreated: 2 });
    const mar = run(wb, { from: '2024-03-01', to: '2024-03-31' });
    expect(mar.metrics.totals).toEqual({ closedWonRevenue: 3000, unattributedRevenue: 0, contactsCreated: 0, dealsCreated: 0 });
    // Deal-create credit is dated by deal creation: D1 and D2 in February, nothing in March. Linear: D1 (02-15)
    // splits over its five touches (Ads 1/5, Mail 1/5), D2 (02-20, Bob's) over Bob's two (Mail 1/2).
    expect(feb.of('Ads').attribution.linear.dealCreate).toBeCloseTo(0.2, 12);
    expect(feb.of('Mail').attribution.linear.dealCreate).toBeCloseTo(0.7, 12);
    expect(mar.of('Mail').attribution.linear.dealCreate).toBe(0);
  });

  test('interactions before `from` still take credit for conversions in range', () => {
    expectAmount(run(wb, { from: '2024-03-01' }).of('Ads').revenue.linear.revenue, 600);
  });

  test('the range starts at 00:00:00 of `from`, inclusive: a deal closed at that instant is in range', () => {
    // D1 ($100) closes at 2024-03-01 00:00 UTC; range [03-01, 03-31]. x's one eligible touch (A, 02-20) takes it all.
    const w = workbook({
      campaigns: [campaign('A')],
      visits: [visit('x', '2024-02-20', { campaign: 'A' })],
      deals: [deal('D1', ['x'], 100, '2024-02-25', '2024-03-01T00:00:00Z')],
    });
    const { of, metrics } = run(w, { from: '2024-03-01', to: '2024-03-31' });
    expect(metrics.totals.closedWonRevenue).toBe(100);
    expect(of('A').revenue.linear.revenue).toBe(100);
  });

  test('a model that does not apply to a report gives null, not zero', () => {
    const { of } = run(wb);
    expect(of('Ads').attribution.w_shaped.contactCreate).toBeNull();
    expect(of('Ads').attribution.full_path.dealCreate).toBeNull();
    expect(of('Ads').attribution.full_path.contactCreate).toBeNull();
    expect(of('Ads').attribution.u_shaped.contactCreate).not.toBeNull();
  });

  test('series: periods with a non-zero figure, by creation, first campaign touch and session start', () => {
    const { of } = run(wb);
    expect(of('Ads').series).toEqual([
      { period: '2024-01', newContacts: 0, influencedContacts: 1, sessions: 1 },
      { period: '2024-02', newContacts: 1, influencedContacts: 0, sessions: 0 },
    ]);
    expect(run(wb, { frequency: 'daily' }).of('Mail').series).toEqual([
      { period: '2024-02-10', newContacts: 0, influencedContacts: 1, sessions: 0 },
    ]);
  });

  test('series.new_contacts follows the touch: under last touch it is the creating interaction\'s campaign', () => {
    // x views A on 02-01 (first page view: A under first touch), then a B form on 02-03 creates x (last touch: B).
    // Under last touch, B's series has the new contact in 2024-02 (and B's first touch, no session: the form is
    // no page view); A's has its influence and its session, and no new contact.
    const w = workbook({
      campaigns: [campaign('A'), campaign('B')],
      visits: [
        visit('x', '2024-02-01T10:00:00Z', { campaign: 'A' }),
        visit('x', '2024-02-03T10:00:00Z', { campaign: 'B', type: 'form_submission' }),
      ],
    });
    const { of } = run(w, { touch: 'last' });
    expect([of('A').newContacts, of('B').newContacts]).toEqual([0, 1]);
    expect(of('B').series).toEqual([{ period: '2024-02', newContacts: 1, influencedContacts: 1, sessions: 0 }]);
    expect(of('A').series).toEqual([{ period: '2024-02', newContacts: 0, influencedContacts: 1, sessions: 1 }]);
  });

  test('traffic by source: views, new-visitor sessions and first-touch contacts', () => {
    const { of } = run(wb);
    expect(of('Ads').traffic.by_source).toEqual([{ key: 'paid_search', views: 1, newVisitorSessions: 1, contactsFirstTouch: 1 }]);
    // Ann's blog session is her visitor's second session: not a new-visitor session. The view carries a
    // utm_campaign and no email/cpc/social medium, so it is "other campaigns" although Google referred it.
    expect(of('Blog').traffic.by_source).toEqual([{ key: 'other_campaigns', views: 1, newVisitorSessions: 0, contactsFirstTouch: 0 }]);
  });

  test('traffic drill-downs: paid search by term, organic social by network, other campaigns by source / medium', () => {
    const { of } = run(wb);
    expect(of('Ads').traffic.paid_search_by_term).toEqual([{ key: 'shoes', views: 1, newVisitorSessions: 1, contactsFirstTouch: 1 }]);
    expect(of('Blog').traffic.other_campaigns).toEqual([{ key: '(not set) / (not set)', views: 1, newVisitorSessions: 0, contactsFirstTouch: 0 }]);
    const social = workbook({
      campaigns: [campaign('S')],
      visits: [visit(null, '2024-01-01', { visitorId: 'v', campaign: 'S', referrer: 'https://www.linkedin.com/feed/' })],
    });
    // utm-tagged, but a social referrer comes first in the source rules.
    expect(run(social).of('S').traffic.organic_social_by_network).toEqual([{ key: 'linkedin', views: 1, newVisitorSessions: 1, contactsFirstTouch: 0 }]);
  });
});

describe('deals', () => {
  test('only contacts associated by the close count; DealContacts can add a contact and date the association', () => {
    const wb = workbook({
      campaigns: [campaign('A'), campaign('B'), campaign('Late')],
      visits: [
        visit('a', '2024-01-01', { type: 'form_submission', campaign: 'A' }),
        visit('b', '2024-01-02', { type: 'form_submission', campaign: 'B' }),
        visit('z', '2024-01-03', { type: 'form_submission', campaign: 'Late' }),
      ],
      deals: [deal('D1', ['a'], 1000, '2024-01-05', '2024-01-10')],
      dealContacts: [dealContact('D1', 'b', '2024-01-09'), dealContact('D1', 'z', '2024-01-11')],
    });
    const { of } = run(wb);
    expectAmount(of('A').revenue.linear.revenue, 500);
    expectAmount(of('B').revenue.linear.revenue, 500);
    expect(of('Late').revenue.linear.revenue).toBe(0);
    expect(of('Late').influencedRevenue).toBe(0);
    expect(of('B').influencedRevenue).toBe(1000);
    // Deal creation (01-05): only 'a' was associated then.
    expect(of('A').attribution.linear.dealCreate).toBe(1);
  });

  test('a pair listed twice in DealContacts is associated at the earlier of its times, whichever row comes first', () => {
    // Associated on 01-11 (after the close on 01-10) and on 01-09 (before it): the 01-09 association counts.
    for (const times of [['2024-01-11', '2024-01-09'], ['2024-01-09', '2024-01-11']]) {
      const wb = workbook({
        campaigns: [campaign('A'), campaign('B')],
        visits: [
          visit('a', '2024-01-01', { type: 'form_submission', campaign: 'A' }),
          visit('b', '2024-01-02', { type: 'form_submission', campaign: 'B' }),
        ],
        deals: [deal('D1', ['a'], 1000, '2024-01-05', '2024-01-10')],
        dealContacts: times.map((time) => dealContact('D1', 'b', time)),
      });
      expectAmount(run(wb).of('B').revenue.linear.revenue, 500);
    }
  });

  test('a conversion with no eligible interaction gives all credit to "(no campaign)" and is unattributed', () => {
    const wb = workbook({
      campaigns: [campaign('A')],
      visits: [visit('a', '2024-01-01', { type: 'email_open', campaign: 'A' })],
      deals: [deal('D1', ['a'], 700, '2024-01-02', '2024-01-03')],
    });
    const { of, metrics } = run(wb);
    for (const model of ['first_interaction', 'linear', 'full_path']) expect(of(NONE).attribution[model].revenue).toBe(700);
    expect(of(NONE).revenue.linear).toEqual({ revenue: 700, dealsWithRevenue: 1, associatedDealValue: 700, contactsWithRevenue: 0 });
    expect(metrics.totals.unattributedRevenue).toBe(700);
    expect(of('A').influencedRevenue).toBe(700);
  });

  test('LEAD is the oldest associated contact at its creation; ties go by contact_ids order', () => {
    // Both contacts are created on 01-02 by their forms; 'y' is listed first, so its form is LEAD.
    const wb = workbook({
      campaigns: [campaign('X'), campaign('Y'), campaign('F')],
      visits: [
        visit('x', '2024-01-01', { campaign: 'F' }),
        visit('x', '2024-01-02', { type: 'form_submission', campaign: 'X' }),
        visit('y', '2024-01-02', { type: 'form_submission', campaign: 'Y' }),
      ],
      deals: [deal('D1', ['y', 'x'], 100, '2024-01-03', '2024-01-04')],
    });
    const { of } = run(wb);
    // U-shaped: FIRST (F) 40, LEAD (Y) 40, the X form 20.
    expectAmount(of('F').attribution.u_shaped.revenue, 40);
    expectAmount(of('Y').attribution.u_shaped.revenue, 40);
    expectAmount(of('X').attribution.u_shaped.revenue, 20);
  });

  test('LEAD is the oldest contact\'s OWN last interaction at its creation, not another contact\'s', () => {
    // bo (created 05-03 12:00) is older than cy (05-04). Before 05-03 12:00 the deal's path has bo's A view
    // (05-02 12:00) and cy's B view (05-02 18:00): LEAD is bo's A, not cy's later B.
    // U-shaped on $1000: A = FIRST 40% + LEAD 40% = 800, B the only other: 20% = 200 (sum 100%, no scaling).
    const wb = workbook({
      campaigns: [campaign('A'), campaign('B')],
      contacts: [contact('bo', { createdAt: at('2024-05-03') }), contact('cy', { createdAt: at('2024-05-04') })],
      visits: [visit('bo', '2024-05-02T12:00:00Z', { campaign: 'A' }), visit('cy', '2024-05-02T18:00:00Z', { campaign: 'B' })],
      deals: [deal('D1', ['bo', 'cy'], 1000, '2024-05-10', '2024-05-20')],
    });
    const { of } = run(wb);
    expectAmount(of('A').revenue.u_shaped.revenue, 800);
    expectAmount(of('B').revenue.u_shaped.revenue, 200);
  });

  test('an interaction at the deal-creation instant holds DEAL (≤)', () => {
    // x is created by its A form (01-01); B's meeting is at 00:00 on 01-10, the instant D1 is created; C after.
    // W-shaped on $1000: A = FIRST 30% + LEAD 30% = 600, B = DEAL 30% = 300, C the only other 10% = 100.
    const wb = workbook({
      campaigns: [campaign('A'), campaign('B'), campaign('C')],
      visits: [
        visit('x', '2024-01-01', { campaign: 'A', type: 'form_submission' }),
        visit('x', '2024-01-10T00:00:00Z', { campaign: 'B', type: 'meeting' }),
        visit('x', '2024-01-15', { campaign: 'C', type: 'email_click' }),
      ],
      deals: [deal('D1', ['x'], 1000, '2024-01-10T00:00:00Z', '2024-01-20')],
    });
    const { of } = run(wb);
    expectAmount(of('A').revenue.w_shaped.revenue, 600);
    expectAmount(of('B').revenue.w_shaped.revenue, 300);
    expectAmount(of('C').revenue.w_shaped.revenue, 100);
  });

  test('DEAL for revenue is among all contacts associated by the close, one added after deal creation included', () => {
    // x (A form 01-01) is on D1 from its creation (01-10); y (B meeting 01-09, created by it) is added on 01-15,
    // before the close (01-20). Path A, B. FIRST and LEAD (x, the oldest) = A; DEAL = last touch by 01-10 = B.
    // W-shaped: A 30% + 30% = 60%, B 30%, no other: scaled by 1/0.9: A 1000 × 2/3 = 666.67, B 1000 × 1/3 = 333.33.
    const wb = workbook({
      campaigns: [campaign('A'), campaign('B')],
      visits: [visit('x', '2024-01-01', { campaign: 'A', type: 'form_submission' }), visit('y', '2024-01-09', { campaign: 'B', type: 'meeting' })],
      deals: [deal('D1', ['x'], 1000, '2024-01-10', '2024-01-20')],
      dealContacts: [dealContact('D1', 'y', '2024-01-15')],
    });
    const { of } = run(wb);
    expectAmount(of('A').revenue.w_shaped.revenue, 666.67);
    expectAmount(of('B').revenue.w_shaped.revenue, 333.33);
  });

  test('a LEAD that cannot be found drops out and the other weights are scaled (§3, §7)', () => {
    // k was created (Contacts) on 01-01, before any interaction: no LEAD. Path A (01-05), B (01-10).
    // U-shaped: FIRST A 40%, B the only other 20%; scaled by 1/0.6: A 1000 × 2/3 = 666.67, B 1000 × 1/3 = 333.33.
    const wb = workbook({
      campaigns: [campaign('A'), campaign('B')],
      contacts: [contact('k', { createdAt: at('2024-01-01') })],
      visits: [visit('k', '2024-01-05', { campaign: 'A' }), visit('k', '2024-01-10', { campaign: 'B' })],
      deals: [deal('D1', ['k'], 1000, '2024-01-12', '2024-01-20')],
    });
    const { of } = run(wb);
    expectAmount(of('A').revenue.u_shaped.revenue, 666.67);
    expectAmount(of('B').revenue.u_shaped.revenue, 333.33);
  });

  test('a DEAL that cannot be found drops out too (deal created before any interaction)', () => {
    // k created 01-01 and D1 created 01-02, both before k's first touch: no LEAD, no DEAL. Path A, B, C.
    // W-shaped: FIRST A 30%, others B and C 10% / 2 = 5% each; total 40%: A 900 × 0.3/0.4 = 675,
    // B and C 900 × 0.05/0.4 = 112.5 each.
    const wb = workbook({
      campaigns: [campaign('A'), campaign('B'), campaign('C')],
      contacts: [contact('k', { createdAt: at('2024-01-01') })],
      visits: [visit('k', '2024-01-05', { campaign: 'A' }), visit('k', '2024-01-10', { campaign: 'B' }), visit('k', '2024-01-15', { campaign: 'C' })],
      deals: [deal('D1', ['k'], 900, '2024-01-02', '2024-01-20')],
    });
    const { of } = run(wb);
    expectAmount(of('A').revenue.w_shaped.revenue, 675);
    expectAmount(of('B').revenue.w_shaped.revenue, 112.5);
    expectAmount(of('C').revenue.w_shaped.revenue, 112.5);
  });

  test('lookback window: interactions more than N days before the conversion are not in its journey', () => {
    const wb = workbook({
      campaigns: [campaign('Old'), campaign('New')],
      visits: [visit('a', '2024-01-01', { campaign: 'Old' }), visit('a', '2024-01-25', { type: 'form_submission', campaign: 'New' })],
      deals: [deal('D1', ['a'], 100, '2024-01-26', '2024-02-01')],
    });
    expectAmount(run(wb).of('Old').revenue.linear.revenue, 50);
    // 31 days before the close: outside a 30-day window, inside a 31-day one (the boundary is included).
    expectAmount(run(wb, { lookbackDays: 30 }).of('Old').revenue.linear.revenue, 0);
    expectAmount(run(wb, { lookbackDays: 30 }).of('New').revenue.linear.revenue, 100);
    expectAmount(run(wb, { lookbackDays: 31 }).of('Old').revenue.linear.revenue, 50);
  });

  test('nothing dated after `to` counts', () => {
    const wb = workbook({
      campaigns: [campaign('A')],
      visits: [visit('a', '2024-01-01', { type: 'form_submission', campaign: 'A' })],
      deals: [deal('D1', ['a'], 100, '2024-01-02', '2024-02-01')],
    });
    const { of, metrics } = run(wb, { to: '2024-01-31' });
    expect(of('A').revenue.linear.revenue).toBe(0);
    expect(metrics.totals.closedWonRevenue).toBe(0);
    expect(metrics.totals.dealsCreated).toBe(1);
  });
});

describe('time zone of the workbook', () => {
  test('days, months and range boundaries are those of the workbook zone, not UTC', () => {
    // 2024-03-31 22:30 UTC is 2024-04-01 00:30 in Amsterdam (summer time, UTC+2).
    const wb = workbook({ campaigns: [campaign('A')], visits: [visit(null, '2024-03-31T22:30:00Z', { visitorId: 'v', campaign: 'A' })] });
    const analysis = analyze(wb, { lookbackDays: null });
    const metricsIn = (tz: string, from: string, frequency: 'daily' | 'monthly') =>
      computeMetrics(analysis, { from: startOfDay(from, tz), to: endOfDay('2024-12-31', tz), touch: 'first', frequency, tz }).campaigns[0];
    expect(metricsIn('Europe/Amsterdam', '2024-04-01', 'daily').series.map((p) => p.period)).toEqual(['2024-04-01']);
    expect(metricsIn('Europe/Amsterdam', '2024-04-01', 'monthly').sessions).toBe(1);
    expect(metricsIn('UTC', '2024-04-01', 'monthly').sessions).toBe(0);
    expect(metricsIn('UTC', '2024-03-01', 'monthly').series.map((p) => p.period)).toEqual(['2024-03']);
  });
});
