// `campaign-analytics report` end to end on a CSV folder holding the spec's worked example C
// (attribution-models.md §6): two contacts, one $6,000 deal.
import { spawn } from 'node:child_process';
import { openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { main } from '../../src/cli/main';
import { cleanup, recorder, scratchDir } from './helpers';

const FILES: Record<string, string> = {
  'campaigns.csv': [
    'campaign_id,name,utm_campaign,created_at,goal_revenue',
    'BLOG,Blog,blog,2024-01-01,',
    'WEB,Webinar,webinar,2024-01-01,4000',
    'PS,Paid Social,paid-social,2024-01-01,',
    'DEMO,Demo,demo,2024-01-01,',
    'NUR,Nurture,nurture,2024-01-01,',
  ].join('\n'),
  'assets.csv': 'asset_id,campaign_id,type,name\n',
  'visits.csv': [
    'timestamp,contact_id,interaction_type,utm_campaign',
    '2024-05-01 12:00,bo,page_view,blog',
    '2024-05-02 12:00,bo,form_submission,webinar',
    '2024-05-20 12:00,cy,ad_click,paid-social',
    '2024-06-01 12:00,bo,marketing_event,webinar',
    '2024-06-05 12:00,cy,form_submission,demo',
    '2024-06-10 12:00,cy,meeting,',
    '2024-06-25 12:00,bo,email_click,nurture',
    '2024-07-02 12:00,cy,page_view,blog',
  ].join('\n'),
  'deals.csv': [
    'deal_id,name,amount,stage,created_at,closed_at,contact_ids',
    'D1,Big deal,"$6,000.00",Closed Won,2024-06-10 12:30,2024-06-30 12:00,bo;cy',
  ].join('\n'),
};

afterAll(cleanup);

function folder(files: Record<string, string> = FILES): string {
  const dir = scratchDir();
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

function context() {
  const { ctx, stdout, stderr } = recorder(Date.parse('2024-12-01T10:00:00Z'));
  return { ctx, out: stdout, err: stderr };
}

describe('report command', () => {
  test('--json - prints the cli.md report; W-shaped numbers are the spec\'s', async () => {
    const { ctx, out, err } = context();
    const status = await main(['report', folder(), '--model', 'w_shaped', '--json', '-'], ctx);
    expect(status).toBe(0);
    const json = JSON.parse(out());
    expect(json.options).toMatchObject({ model: 'w_shaped', touch: 'first', from: null, to: '2024-12-01', frequency: 'monthly', tz: 'UTC' });
    const revenue = Object.fromEntries(json.campaigns.map((c: { id: string; revenue_attribution: { revenue: number } }) => [c.id, c.revenue_attribution.revenue]));
    expect(revenue.BLOG).toBeCloseTo(1800, 6);
    expect(revenue.WEB).toBeCloseTo(1950, 6);
    expect(revenue.PS).toBeCloseTo(150, 6);
    expect(revenue.DEMO).toBeCloseTo(150, 6);
    expect(revenue.NUR).toBeCloseTo(150, 6);
    expect(revenue['(no campaign)']).toBeCloseTo(1800, 6);
    expect(json.totals).toEqual({ closed_won_revenue: 6000, unattributed_revenue: 0, contacts_created: 2, deals_created: 1 });
    // The summary table goes to standard error when the JSON takes standard output.
    expect(err()).toContain('Webinar');
  });

  test('--json - carries the drill-down, by-asset and by-type credit: W-shaped on example C', async () => {
    // W-shaped: FIRST #1, LEAD #2, DEAL #6 30% each ($1,800); #3 #4 #5 #7 share 10% ($150 each).
    // Webinar = #2 (form, visits.csv line 3) $1,800 + #4 (event, line 5) $150 = $1,950. No Assets rows: no asset ids.
    const { ctx, out } = context();
    expect(await main(['report', folder(), '--model', 'w_shaped', '--json', '-'], ctx)).toBe(0);
    const json = JSON.parse(out());
    const web = json.campaigns.find((c: { id: string }) => c.id === 'WEB');
    const row = (visitRow: number, at: string, type: string, credit: number) => ({
      deal_id: 'D1', closed_at: '2024-06-30T12:00:00.000Z', amount: 6000, contact_ids: ['bo'], visit_row: visitRow, interaction_at: at,
      interaction_type: type, contact_id: 'bo', visitor_id: null, asset_id: null, credit: expect.closeTo(credit, 6),
    });
    expect(web.revenue_drill_down).toEqual([
      row(3, '2024-05-02T12:00:00.000Z', 'form_submission', 1800), row(5, '2024-06-01T12:00:00.000Z', 'marketing_event', 150),
    ]);
    // W-shaped does not apply to contact creation; deal creation: W-shaped at D1's creation, #1-#6 (FIRST #1, LEAD #2, DEAL #6, #3-#5 a third of 10% each).
    expect(web.attribution_by_asset).toEqual([{ asset_id: null, asset_type: null, contact_create: null, deal_create: expect.closeTo(0.3 + 0.1 / 3, 9), revenue: expect.closeTo(1950, 6) }]);
    expect(web.attribution_by_interaction_type).toEqual([
      { interaction_type: 'form_submission', contact_create: null, deal_create: expect.closeTo(0.3, 9), revenue: expect.closeTo(1800, 6) },
      { interaction_type: 'marketing_event', contact_create: null, deal_create: expect.closeTo(0.1 / 3, 9), revenue: expect.closeTo(150, 6) },
    ]);
    expect(web.tracking_urls).toEqual([]);
    for (const c of json.campaigns as Array<{ revenue_attribution: { revenue: number }; revenue_drill_down: Array<{ credit: number }> }>) {
      expect(c.revenue_drill_down.reduce((sum, r) => sum + r.credit, 0)).toBeCloseTo(c.revenue_attribution.revenue, 6);
    }
  });

  test('--channels and --order: Markov and Shapley per source, and the options say so', async () => {
    // D1's path, up to its close: the marketing event and the meeting are offline (no URL), every other
    // interaction carries a utm value (other campaigns). One converting journey, no null one: removing either
    // channel leaves no way to convert, so both removal effects are 1 and each channel gets half; Shapley
    // splits the one deal between its two channels too.
    const { ctx, out } = context();
    const status = await main(['report', folder(), '--channels', 'source', '--order', '2', '--json', '-'], ctx);
    expect(status).toBe(0);
    const json = JSON.parse(out());
    expect(json.options).toMatchObject({ channels: 'source', markov_order: 2 });
    expect(json.data_driven_channels).toEqual([
      { channel: 'other_campaigns', markov: { conversions: 0.5, revenue: 3000, removal_effect: 1 }, shapley: { conversions: 0.5, revenue: 3000 } },
      { channel: 'offline', markov: { conversions: 0.5, revenue: 3000, removal_effect: 1 }, shapley: { conversions: 0.5, revenue: 3000 } },
    ]);
  });

  test('--channels asset_type: a workbook without assets has one channel, "(no asset)", with all the credit', async () => {
    const { ctx, out } = context();
    await main(['report', folder(), '--channels', 'asset_type', '--json', '-'], ctx);
    expect(JSON.parse(out()).data_driven_channels).toEqual([
      { channel: '(no asset)', markov: { conversions: 1, revenue: 6000, removal_effect: 1 }, shapley: { conversions: 1, revenue: 6000 } },
    ]);
  });

  test('nothing closed after --to counts', async () => {
    const { ctx, out } = context();
    await main(['report', folder(), '--to', '2024-06-29', '--json', '-'], ctx);
    expect(JSON.parse(out()).totals.closed_won_revenue).toBe(0);
  });

  test('a range in which nothing happened: the summary and the page say so, with when the data runs', async () => {
    const dir = folder();
    const html = join(dir, 'empty.html');
    const { ctx, out } = context();
    expect(await main(['report', dir, '--from', '2030-01-01', '--to', '2030-12-31', '--html', html], ctx)).toBe(0);
    const notice = /Nothing happened in this range: no interaction, no deal created or closed, no spend. The data runs from \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d\./;
    expect(out()).toMatch(notice);
    const page = readFileSync(html, 'utf8');
    expect(page).toMatch(new RegExp(`<p class="notice" role="note">${notice.source}</p>`));
    // No chart of zeros.
    expect(page).not.toContain('<svg');
  });

  test('future dates count only when the range asks for them', async () => {
    const files = { ...FILES, 'deals.csv': `${FILES['deals.csv']}\nD2,Next year,500,won,2024-11-20 12:00,2025-01-15 12:00,bo` };
    const byDefault = context();
    await main(['report', folder(files), '--json', '-'], byDefault.ctx);
    expect(JSON.parse(byDefault.out()).totals.closed_won_revenue).toBe(6000);
    const asked = context();
    await main(['report', folder(files), '--to', '2025-12-31', '--json', '-'], asked.ctx);
    expect(JSON.parse(asked.out()).totals.closed_won_revenue).toBe(6500);
  });

  test('--campaign limits the list; an unknown campaign is a usage error', async () => {
    const one = context();
    expect(await main(['report', folder(), '--campaign', 'WEB', '--json', '-'], one.ctx)).toBe(0);
    expect(JSON.parse(one.out()).campaigns.map((c: { id: string }) => c.id)).toEqual(['WEB']);
    const bad = context();
    expect(await main(['report', folder(), '--campaign', 'NOPE'], bad.ctx)).toBe(2);
    expect(bad.err()).toContain('NOPE');
  });

  test('--campaign takes "(no campaign)" as the report names it, in Dutch too', async () => {
    for (const name of ['(no campaign)', '(geen campagne)']) {
      const run = context();
      expect(await main(['report', folder(), '--campaign', name, '--locale', 'nl', '--json', '-'], run.ctx)).toBe(0);
      expect(JSON.parse(run.out()).campaigns.map((c: { id: string }) => c.id)).toEqual(['(no campaign)']);
    }
  });

  test('a missing required column stops the report with exit 1 and names sheet, header row and column', async () => {
    const { ctx, out, err } = context();
    const files = { ...FILES, 'deals.csv': 'deal_id,amount,stage,created_at,closed_at\nD1,10,won,2024-01-01,2024-01-02' };
    expect(await main(['report', folder(files), '--json', '-'], ctx)).toBe(1);
    expect(err()).toContain('\nDeals:1:contact_ids: fatal: The required column "contact_ids" is missing');
    expect(out()).toBe('');
  });

  test('a header problem that does not stop the report is in the JSON on row 1', async () => {
    const { ctx, out } = context();
    const files = { ...FILES, 'assets.csv': 'asset_id,campaign_id,type,name,Name\n' };
    expect(await main(['report', folder(files), '--json', '-'], ctx)).toBe(0);
    expect(JSON.parse(out()).problems).toEqual([
      { severity: 'warning', sheet: 'Assets', row: 1, column: 'name', message: 'Two columns are read as "name": "name" (column D) and "Name" (column E); the first is used and the second ignored.' },
    ]);
  });

  test('the progress line groups the counts as the --locale writes numbers', async () => {
    // Example C's 8 visits and 992 more of Bo reading the blog: 1,000 interactions, 1 deal.
    const visits = FILES['visits.csv'] + '\n2024-07-03 12:00,bo,page_view,blog'.repeat(992);
    const dir = folder({ ...FILES, 'visits.csv': visits, 'deals.csv': FILES['deals.csv'].replace('"$6,000.00"', '6000') });
    const en = context();
    expect(await main(['report', dir], en.ctx)).toBe(0);
    expect(en.err()).toContain('\nAnalysing 1,000 interactions and 1 deals…\n');
    const nl = context();
    expect(await main(['report', dir, '--locale', 'nl-NL'], nl.ctx)).toBe(0);
    expect(nl.err()).toContain('\n1.000 interacties en 1 deals analyseren…\n');
  });

  test('--locale nl-NL: the JSON\'s problem messages and the no-campaign name are Dutch; keys, ids and severities stay as cli.md has them', async () => {
    const { ctx, out } = context();
    // A plain amount: "$6,000.00" would be a deal in another currency than nl-NL's euro, a second problem.
    const files = { ...FILES, 'assets.csv': 'asset_id,campaign_id,type,name,Name\n', 'deals.csv': FILES['deals.csv'].replace('"$6,000.00"', '6000') };
    expect(await main(['report', folder(files), '--locale', 'nl-NL', '--json', '-'], ctx)).toBe(0);
    const json = JSON.parse(out());
    expect(json.problems).toEqual([
      { severity: 'warning', sheet: 'Assets', row: 1, column: 'name', message: 'Twee kolommen worden gelezen als "name": "name" (kolom D) en "Name" (kolom E); de eerste wordt gebruikt, de tweede genegeerd.' },
    ]);
    expect(json.campaigns.map((c: { id: string; name: string }) => [c.id, c.name])).toEqual([
      ['BLOG', 'Blog'], ['WEB', 'Webinar'], ['PS', 'Paid Social'], ['DEMO', 'Demo'], ['NUR', 'Nurture'], ['(no campaign)', '(geen campagne)'],
    ]);
  });

  test('Visits with neither visitor_id nor contact_id: one fatal problem, exit 1, no row errors', async () => {
    const { ctx, err } = context();
    const files = { ...FILES, 'visits.csv': 'timestamp,utm_campaign\n2024-05-01 12:00,blog\n2024-05-02 12:00,webinar' };
    expect(await main(['report', folder(files), '--json', '-'], ctx)).toBe(1);
    const problems = err().split('\n').filter((line) => line.startsWith('Visits:'));
    expect(problems).toEqual([
      'Visits:1:contact_id: fatal: The sheet needs at least one of the columns visitor_id, contact_id; none is there '
        + '(looked for: visitor_id, visitor, cookie, cookie id, anonymous id, contact_id, contact).',
    ]);
  });

  test('empty optional files (spend.csv 0 bytes, contacts.csv and dealcontacts.csv header-less) are read as absent', async () => {
    const { ctx, out } = context();
    const files = { ...FILES, 'spend.csv': '', 'contacts.csv': '\n', 'dealcontacts.csv': '\n\n' };
    expect(await main(['report', folder(files), '--json', '-'], ctx)).toBe(0);
    const json = JSON.parse(out());
    expect(json.problems).toEqual([]);
    expect(json.totals.closed_won_revenue).toBe(6000);
  });

  test('a bad optional cell (a negative goal) is a warning: the campaign stays, with its credit, and the goal is empty', async () => {
    const { ctx, out, err } = context();
    const files = { ...FILES, 'campaigns.csv': FILES['campaigns.csv'].replace('WEB,Webinar,webinar,2024-01-01,4000', 'WEB,Webinar,webinar,2024-01-01,-5') };
    expect(await main(['report', folder(files), '--model', 'w_shaped', '--json', '-'], ctx)).toBe(0);
    expect(err()).toContain('Campaigns:3:goal_revenue: warning: The amount -5 is negative; this optional cell is read as empty and the row is kept.\n');
    const json = JSON.parse(out());
    const web = json.campaigns.find((c: { id: string }) => c.id === 'WEB');
    // The same W-shaped credit as with a valid goal (first test): 1,950.
    expect(web.revenue_attribution.revenue).toBeCloseTo(1950, 6);
    expect(web.overview.goals.revenue).toBeNull();
    expect(json.problems).toEqual([
      expect.objectContaining({ severity: 'warning', sheet: 'Campaigns', row: 3, column: 'goal_revenue' }),
    ]);
  });

  describe('the workbook currency without --currency', () => {
    const deals = (...rows: string[]) => ['deal_id,name,amount,currency,stage,created_at,closed_at,contact_ids', ...rows].join('\n');
    const won = (id: string, amount: number, currency: string) => `${id},${id},${amount},${currency},won,2024-06-10 12:30,2024-06-30 12:00,bo;cy`;
    const run = async (dealsCsv: string, ...extra: string[]) => {
      const { ctx, out, err } = context();
      expect(await main(['report', folder({ ...FILES, 'deals.csv': dealsCsv }), '--json', '-', ...extra], ctx)).toBe(0);
      return { json: JSON.parse(out()), err: err() };
    };

    test('is the one most deals name: a deal in another is a warning and left out; a blank currency is the workbook\'s', async () => {
      // EUR twice, USD once: EUR. Won in EUR or blank: 6,000 + 1,000 + 300 = 7,300; the 2,500 USD is left out.
      const { json, err } = await run(deals(won('D1', 6000, 'EUR'), won('D2', 1000, 'eur'), won('D3', 2500, 'USD'), won('D4', 300, '')));
      expect(json.totals.closed_won_revenue).toBe(7300);
      // The JSON says which currency its amounts are in.
      expect(json.options.currency).toBe('EUR');
      expect(err).toContain('Deals:4:currency: warning: The deal is in USD, not the workbook currency EUR; it is left out of every sum.\n');
      expect(json.problems).toHaveLength(1);
    });

    test('a tie goes to the alphabetically first currency', async () => {
      // GBP once, USD once: GBP. Only the 1,000 GBP deal counts.
      const { json, err } = await run(deals(won('D1', 6000, 'USD'), won('D2', 1000, 'GBP')));
      expect(json.totals.closed_won_revenue).toBe(1000);
      expect(json.options.currency).toBe('GBP');
      expect(err).toContain('Deals:2:currency: warning: The deal is in USD, not the workbook currency GBP');
    });

    test('a deal without a currency cell is counted by the mark on its amount', async () => {
      // No currency column: €6,000 and €1,000 name EUR twice, "USD 2500" USD once: EUR; 7,000 counts.
      const dealsCsv = ['deal_id,name,amount,stage,created_at,closed_at,contact_ids',
        'D1,D1,"€6,000",won,2024-06-10 12:30,2024-06-30 12:00,bo;cy', 'D2,D2,€1000,won,2024-06-10 12:30,2024-06-30 12:00,bo;cy',
        'D3,D3,USD 2500,won,2024-06-10 12:30,2024-06-30 12:00,bo;cy'].join('\n');
      const { json, err } = await run(dealsCsv, '--locale', 'en-US');
      expect(json.totals.closed_won_revenue).toBe(7000);
      expect(err).toContain('Deals:4:');
      expect(err).toContain('USD, not the workbook currency EUR');
    });

    test('--currency still decides', async () => {
      const { json } = await run(deals(won('D1', 6000, 'EUR'), won('D2', 1000, 'EUR'), won('D3', 2500, 'USD')), '--currency', 'usd');
      expect(json.totals.closed_won_revenue).toBe(2500);
      expect(json.options.currency).toBe('USD');
    });
  });

  test.each(['--json', '--xlsx', '--html'])('%s to a path that cannot be written: one line naming file and reason, exit 2', async (option) => {
    const dir = folder();
    const target = join(dir, 'no-such-dir', 'report.out');
    const { ctx, out, err } = context();
    expect(await main(['report', dir, option, target], ctx)).toBe(2);
    const lines = err().trimEnd().split('\n');
    expect(lines[lines.length - 1]).toMatch(/^Cannot write ".*report\.out": there is no such file or folder$/);
    expect(lines.filter((line) => line.startsWith('Cannot write'))).toHaveLength(1);
    expect(err()).not.toContain('Internal error');
    expect(err()).not.toMatch(/^\s+at /m);
    expect(out()).not.toContain('Report written');
  });

  test('a row error is printed as sheet:row:column and the report still runs', async () => {
    const { ctx, out, err } = context();
    const files = { ...FILES, 'visits.csv': `${FILES['visits.csv']}\nnot a date,bo,page_view,blog` };
    expect(await main(['report', folder(files), '--json', '-'], ctx)).toBe(0);
    expect(err()).toContain('Visits:10:timestamp');
    expect(JSON.parse(out()).problems).toEqual([
      expect.objectContaining({ severity: 'error', sheet: 'Visits', row: 10, column: 'timestamp' }),
    ]);
  });

  test('--xlsx and --html write the report files, and the summary says where', async () => {
    const dir = folder();
    const { ctx, out } = context();
    const xlsx = join(dir, 'out.xlsx');
    const html = join(dir, 'out.html');
    expect(await main(['report', dir, '--model', 'w_shaped', '--xlsx', xlsx, '--html', html], ctx)).toBe(0);
    expect(out()).toContain(xlsx);
    expect(out()).toContain(html);
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('Webinar');
    expect(page).toContain('1,950.00');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsx);
    expect(book.worksheets.length).toBeGreaterThan(10);
  });

  test('--locale de-DE: English words, German numbers, money and dates in the summary, the page and the workbook', async () => {
    const dir = folder();
    const { ctx, out } = context();
    const xlsx = join(dir, 'de.xlsx');
    const html = join(dir, 'de.html');
    const args = ['report', dir, '--model', 'w_shaped', '--locale', 'de-DE', '--currency', 'USD', '--xlsx', xlsx, '--html', html];
    expect(await main(args, ctx)).toBe(0);
    // Webinar: W-shaped $1,950 (first test).
    expect(out()).toMatch(/^Campaign +Sessions +New contacts +Influenced contacts +Revenue \(W-shaped\)\n/);
    expect(out()).toMatch(/Webinar .* 1\.950,00\u00a0\$/);
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('<html lang="en">');
    expect(page).toContain('1.950,00\u00a0$');
    // The generated instant in German figures: no German words ("um") in an English sentence.
    expect(page).toContain('<li>Generated: 01.12.2024, 10:00 UTC</li>');
    // The drill-down's close date, 30 June 2024, by month name.
    expect(page).toContain('<td>30. Juni 2024</td>');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsx);
    const drill = book.getWorksheet('Revenue drill-down')!;
    expect(drill.getCell('A1').value).toBe('Revenue drill-down: every credited interaction');
    expect(drill.getCell('C5').value).toEqual(new Date(Date.UTC(2024, 5, 30)));
    expect(drill.getCell('C5').numFmt).toBe('dd"."mm"."yyyy');
    expect(drill.getCell('D5').numFmt).toBe('#,##0.00 "$"');
    expect(book.worksheets.every((ws) => ws.name.length <= 31)).toBe(true);
  });

  test('a --from after today, where the range ends without --to, is the usage error of an empty range', async () => {
    // "Today" is 2024-12-01 in context(); nothing is read, so no summary is printed either.
    const { ctx, out, err } = context();
    expect(await main(['report', folder(), '--from', '2024-12-02', '--json', '-'], ctx)).toBe(2);
    expect(out()).toBe('');
    expect(err()).toBe('The range is empty: --from 2024-12-02 is after today (2024-12-01), where the range ends unless --to says otherwise.\n');
  });

  test('two outputs named as one file are refused before anything is read, not written over each other', async () => {
    const { ctx, out, err } = context();
    const file = join(scratchDir(), 'report.out');
    expect(await main(['report', folder(), '--json', file, '--html', file], ctx)).toBe(2);
    expect(out()).toBe('');
    expect(err()).toBe(`Will not write "${file}": --json and --html both name that file, so one report would overwrite the other; give each its own file.\n`);
    expect(() => readFileSync(file)).toThrow();
  });

  test('standard output that cannot be written (a full disk) is said in one line with exit 2, no stack trace', async () => {
    const root = join(__dirname, '../..');
    const child = spawn(process.execPath, [
      join(root, 'bin/campaign-analytics.js'), 'report', join(root, 'samples/sample.xlsx'), '--currency', 'EUR', '--json', '-',
    ], { stdio: ['ignore', openSync('/dev/full', 'w'), 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(status).toBe(2);
    expect(stderr).toContain('\nCannot write the standard output: the disk is full\n');
    expect(stderr).not.toMatch(/ENOSPC|    at /);
  }, 60_000);

  /**
   * The installed command in a child process on the bundled sample (a JSON of megabytes, far more than a pipe
   * holds), its JSON on standard output and an HTML file: `closing` is the stream whose reader takes one chunk
   * and leaves; the other is read whole.
   */
  async function reportWithReaderGone(closing: 'stdout' | 'stderr') {
    const html = join(scratchDir(), 'report.html');
    const root = join(__dirname, '../..');
    const child = spawn(process.execPath, [
      join(root, 'bin/campaign-analytics.js'), 'report', join(root, 'samples/sample.xlsx'), '--currency', 'EUR', '--json', '-', '--html', html,
    ]);
    const read = closing === 'stdout' ? child.stderr : child.stdout;
    child[closing].once('data', () => child[closing].destroy());
    let text = '';
    read.on('data', (chunk) => (text += chunk));
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    return { status, text, html: readFileSync(html, 'utf8') };
  }

  test('standard error closed early (its reader gone) stops nothing either: exit 0, the JSON and the HTML whole', async () => {
    // The first line (progress) arrives, then the reader leaves: the problems and the summary table that follow
    // on standard error have nowhere to go.
    const { status, text: stdout, html } = await reportWithReaderGone('stderr');
    expect(status).toBe(0);
    expect(JSON.parse(stdout).version).toBe(1);
    expect(html).toContain('</html>');
  }, 60_000);

  test('a reader that closes standard output early ends nothing but the JSON: exit 0, the HTML still written', async () => {
    const { status, text: stderr, html } = await reportWithReaderGone('stdout');
    expect(stderr).not.toMatch(/EPIPE|Error/);
    expect(status).toBe(0);
    expect(html).toContain('</html>');
  }, 60_000);
});
