import { writeFileSync } from 'fs';
import * as path from 'path';
import { main } from '../../src/cli/main';
import { terminalText } from '../../src/cli/context';
import { cleanup, recorder, scratchDir } from './helpers';

afterAll(cleanup);

const GOOD = {
  'campaigns.csv': 'campaign_id,name,created_at\r\nC1,Spring launch,2026-03-01\r\n',
  'assets.csv': 'asset_id,campaign_id,type,url\r\nA1,C1,landing_page,https://shop.example/lp\r\n',
  'visits.csv': 'timestamp,visitor_id,contact_id,url\r\n2026-03-02 10:00,v1,CT1,https://shop.example/lp\r\n',
  'deals.csv': 'deal_id,amount,stage,created_at,closed_at,contact_ids\r\nD1,1000,won,2026-03-05,2026-03-10,CT1\r\n',
};

function folder(files: Record<string, string>): string {
  const dir = scratchDir();
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

describe('campaign-analytics validate', () => {
  it('prints nothing but the summary for clean input, and exits 0', async () => {
    const r = recorder();
    expect(await main(['validate', folder(GOOD)], r.ctx)).toBe(0);
    expect(r.stdout()).toBe('4 sheets, 4 rows read: 0 errors, 0 warnings.\n');
  });

  it('counts the rows the user wrote: blank lines at the end of a CSV are not rows', async () => {
    const r = recorder();
    expect(await main(['validate', folder({ ...GOOD, 'deals.csv': GOOD['deals.csv'] + ',,,,,,\r\n'.repeat(3) })], r.ctx)).toBe(0);
    // One deal, as with GOOD: the three lines of empty fields are skipped, as ingest skips them.
    expect(r.stdout()).toBe('4 sheets, 4 rows read: 0 errors, 0 warnings.\n');
  });

  it('lists each problem as sheet:row:column and exits 0 when rows are only left out', async () => {
    const dir = folder({
      ...GOOD,
      'visits.csv': GOOD['visits.csv'] + '2026-03-03 11:00,,,https://shop.example/lp\r\n',
      'deals.csv': GOOD['deals.csv'] + 'D2,lots,won,2026-03-05,,CT1\r\n',
    });
    const r = recorder();
    expect(await main(['validate', dir], r.ctx)).toBe(0);
    expect(r.stdout().split('\n')).toEqual([
      'Visits:3:contact_id: error: A visit needs a visitor_id or a contact_id.',
      'Deals:3:amount: error: "lots" is not a number; use digits with a decimal point or comma, such as 1234.5 or 1.234,50, '
        + 'and if you like thousands separators and a currency symbol or code (€ 1,234.50, 1234 USD); no % or other units.',
      'Deals:3:closed_at: error: A won deal needs closed_at.',
      '4 sheets, 6 rows read: 3 errors, 0 warnings.',
      '',
    ]);
  });

  it('keeps each problem on its line: a line break inside a quoted cell shows as \\n, so the cell cannot forge a problem', async () => {
    const dir = folder({ ...GOOD, 'deals.csv': GOOD['deals.csv'] + 'D2,"12\nDeals:999:amount: error: forged",won,2026-03-05,2026-03-10,CT1\r\n' });
    const r = recorder();
    expect(await main(['validate', dir], r.ctx)).toBe(0);
    const lines = r.stdout().split('\n');
    expect(lines[0]).toMatch(/^Deals:3:amount: error: "12\\nDeals:999:amount: error: forged" is not a number; /);
    expect(lines.filter((line) => line.startsWith('Deals:999'))).toEqual([]);
    expect(lines.slice(1)).toEqual(['4 sheets, 5 rows read: 1 error, 0 warnings.', '']);
  });

  it('names the column by the user\'s own header (a CRM export\'s "Close Date"), as the add-on does', async () => {
    const dir = folder({
      ...GOOD,
      'deals.csv': 'Record ID,Amount,Deal Stage,Create Date,Close Date,Associated Contact IDs\r\nD1,1000,won,2026-03-05,,CT1\r\n',
    });
    const r = recorder();
    expect(await main(['validate', dir], r.ctx)).toBe(0);
    expect(r.stdout().split('\n')[0]).toBe('Deals:2:Close Date: error: A won deal needs closed_at.');
    // A header wrapped over two lines (Alt+Enter in Excel) stays on the problem's one line.
    const wrapped = folder({ ...GOOD, 'deals.csv': 'deal_id,amount,stage,created_at,"Close\nDate",contact_ids\r\nD1,1000,won,2026-03-05,,CT1\r\n' });
    const w = recorder();
    await main(['validate', wrapped], w.ctx);
    expect(w.stdout().split('\n')[0]).toBe('Deals:2:Close\\nDate: error: A won deal needs closed_at.');
  });

  it('checks the deal currency against --currency', async () => {
    const dir = folder({ ...GOOD, 'deals.csv': 'deal_id,amount,currency,stage,created_at,contact_ids\r\nD1,1000,USD,open,2026-03-05,CT1\r\n' });
    const r = recorder();
    expect(await main(['validate', dir, '--currency', 'eur'], r.ctx)).toBe(0);
    expect(r.stdout()).toContain('Deals:2:currency: warning: The deal is in USD, not the workbook currency EUR; it is left out of every sum.\n');
  });

  it('settles an ambiguous date with --locale', async () => {
    const dir = folder({ ...GOOD, 'visits.csv': 'timestamp,visitor_id,contact_id\r\n03/04/2026 10:15,v1,CT1\r\n' });
    const without = recorder();
    await main(['validate', dir], without.ctx);
    expect(without.stdout()).toMatch(/^Visits:2:timestamp: error: "03\/04\/2026 10:15" could be day-first or month-first/);
    const withLocale = recorder();
    await main(['validate', dir, '--locale', 'nl_NL'], withLocale.ctx);
    // The Dutch locale reads it day first, and speaks Dutch.
    expect(withLocale.stdout()).toBe('4 bladen, 4 rijen gelezen: 0 fouten, 0 waarschuwingen.\n');
  });

  it('exits 1 when a required column is missing, marking the problem fatal', async () => {
    const dir = folder({ ...GOOD, 'deals.csv': 'deal_id,amount,created_at,contact_ids\r\nD1,1000,2026-03-05,CT1\r\n' });
    const r = recorder();
    expect(await main(['validate', dir], r.ctx)).toBe(1);
    const lines = r.stdout().split('\n');
    // On row 1, the header row: problems print as sheet:row:column (cli.md).
    expect(lines[0]).toBe('Deals:1:stage: fatal: The required column "stage" is missing (looked for: stage, deal stage, status).');
    expect(lines).toContain('The report cannot run until the fatal problems above are fixed.');
  });

  it('exits 1 with one fatal problem when Visits has neither a visitor_id nor a contact_id column', async () => {
    const dir = folder({ ...GOOD, 'visits.csv': 'timestamp,url\r\n2026-03-02 10:00,https://shop.example/lp\r\n2026-03-03 10:00,https://shop.example/lp\r\n' });
    const r = recorder();
    expect(await main(['validate', dir], r.ctx)).toBe(1);
    expect(r.stdout().split('\n')).toEqual([
      'Visits:1:contact_id: fatal: The sheet needs at least one of the columns visitor_id, contact_id; none is there '
        + '(looked for: visitor_id, visitor, cookie, cookie id, anonymous id, contact_id, contact).',
      '4 sheets, 5 rows read: 1 error, 0 warnings.',
      'The report cannot run until the fatal problems above are fixed.',
      '',
    ]);
  });

  it('reads an empty optional file (0 bytes, or no header) as if it were not there', async () => {
    const dir = folder({ ...GOOD, 'spend.csv': '', 'contacts.csv': '\r\n', 'dealcontacts.csv': ',,\r\n' });
    const r = recorder();
    expect(await main(['validate', dir], r.ctx)).toBe(0);
    expect(r.stdout()).toBe('4 sheets, 4 rows read: 0 errors, 0 warnings.\n');
  });

  it('an empty required file stays an error: its required columns are missing', async () => {
    const dir = folder({ ...GOOD, 'deals.csv': '' });
    const r = recorder();
    expect(await main(['validate', dir], r.ctx)).toBe(1);
    expect(r.stdout()).toContain('Deals:1:deal_id: fatal: The required column "deal_id" is missing');
  });

  it('a bad optional cell is a warning and keeps its row; a bad required cell is an error', async () => {
    const dir = folder({
      ...GOOD,
      'campaigns.csv': 'campaign_id,name,created_at,goal_sessions,budget\r\nC1,Spring launch,2026-03-01,-5,lots\r\n',
    });
    const r = recorder();
    expect(await main(['validate', dir], r.ctx)).toBe(0);
    expect(r.stdout().split('\n')).toEqual([
      'Campaigns:2:goal_sessions: warning: The count -5 is negative; this optional cell is read as empty and the row is kept.',
      'Campaigns:2:budget: warning: "lots" is not a number (use digits with a decimal point or comma, such as 1234.5 or 1.234,50, '
        + 'and if you like thousands separators and a currency symbol or code; no % or other units); this optional cell is read as empty and the row is kept.',
      '4 sheets, 4 rows read: 0 errors, 2 warnings.',
      '',
    ]);
  });

  it('without --currency, the currency the deals name most often is the workbook\'s', async () => {
    const dir = folder({
      ...GOOD,
      'deals.csv': 'deal_id,amount,currency,stage,created_at,contact_ids\r\n'
        + 'D1,1000,eur,open,2026-03-05,CT1\r\nD2,500,USD,open,2026-03-05,CT1\r\nD3,700,€,open,2026-03-05,CT1\r\nD4,20,,open,2026-03-05,CT1\r\n',
    });
    const r = recorder();
    expect(await main(['validate', dir], r.ctx)).toBe(0);
    expect(r.stdout().split('\n')).toEqual([
      'Deals:3:currency: warning: The deal is in USD, not the workbook currency EUR; it is left out of every sum.',
      '4 sheets, 7 rows read: 0 errors, 1 warning.',
      '',
    ]);
  });

  it('says 1 sheet, row, error or warning in the singular, in English and in Dutch', async () => {
    const dir = folder({
      ...GOOD,
      'deals.csv': 'deal_id,amount,currency,stage,created_at,contact_ids\r\n'
        + 'D1,1000,USD,open,2026-03-05,CT1\r\nD2,lots,EUR,open,2026-03-05,CT1\r\n',
    });
    // 4 sheets; 1 + 1 + 1 + 2 rows; D2's amount is an error, D1's dollars a warning.
    const en = recorder();
    await main(['validate', dir, '--currency', 'EUR'], en.ctx);
    expect(en.stdout().split('\n').slice(-2)).toEqual(['4 sheets, 5 rows read: 1 error, 1 warning.', '']);
    const nl = recorder();
    await main(['validate', dir, '--currency', 'EUR', '--locale', 'nl_NL'], nl.ctx);
    expect(nl.stdout().split('\n').slice(-2)).toEqual(['4 bladen, 5 rijen gelezen: 1 fout, 1 waarschuwing.', '']);
    // Only campaigns.csv: 1 sheet of 1 row, and the 3 other required sheets missing.
    const one = recorder();
    await main(['validate', folder({ 'campaigns.csv': GOOD['campaigns.csv'] })], one.ctx);
    expect(one.stdout()).toContain('\n1 sheet, 1 row read: 3 errors, 0 warnings.\n');
    const een = recorder();
    await main(['validate', folder({ 'campaigns.csv': GOOD['campaigns.csv'] }), '--locale', 'nl_NL'], een.ctx);
    expect(een.stdout()).toContain('\n1 blad, 1 rij gelezen: 3 fouten, 0 waarschuwingen.\n');
  });

  it('groups the counts as the --locale writes numbers: 1,002 rows, 1.002 rijen, and 1.002 rows under de-DE', async () => {
    // 1 campaign, 1 asset, 1 deal and 999 visits (GOOD's one and 998 more): 1,002 rows.
    const visits = GOOD['visits.csv'] + '2026-03-03 10:00,v1,CT1,https://shop.example/lp\r\n'.repeat(998);
    const dir = folder({ ...GOOD, 'visits.csv': visits });
    const run = async (...extra: string[]) => {
      const r = recorder();
      expect(await main(['validate', dir, ...extra], r.ctx)).toBe(0);
      return r.stdout();
    };
    expect(await run()).toBe('4 sheets, 1,002 rows read: 0 errors, 0 warnings.\n');
    expect(await run('--locale', 'nl-NL')).toBe('4 bladen, 1.002 rijen gelezen: 0 fouten, 0 waarschuwingen.\n');
    expect(await run('--locale', 'de-DE')).toBe('4 sheets, 1.002 rows read: 0 errors, 0 warnings.\n');
  });

  it('exits 1 when a required sheet is missing', async () => {
    const { 'deals.csv': _deals, ...rest } = GOOD;
    const r = recorder();
    expect(await main(['validate', folder(rest)], r.ctx)).toBe(1);
    expect(r.stdout()).toContain('Deals: fatal: The sheet "Deals" is missing: the folder has no deals.csv (a tab downloaded from Google Sheets as "… - Deals.csv" is read too).\n');
  });

  it('exits 2 when the input path does not exist', async () => {
    const r = recorder();
    const missing = path.join(scratchDir(), 'nope.xlsx');
    expect(await main(['validate', missing], r.ctx)).toBe(2);
    expect(r.stderr()).toBe(`Cannot read "${missing}": there is no such file or folder.\n`);
  });
});

describe('text for a terminal', () => {
  test('shows control characters in a quoted cell as \\xNN (no colours, window titles or cleared screens from the data); tab and line break stay', () => {
    expect(terminalText('The campaign "\u001b[31mRED\u001b]0;title\u0007" does not exist\ttwice\n'))
      .toBe('The campaign "\\x1B[31mRED\\x1B]0;title\\x07" does not exist\ttwice\n');
    expect(terminalText('a\rb\u009bc\u007f')).toBe('a\\x0Db\\x9Bc\\x7F');
  });
});
