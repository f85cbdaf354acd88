// The data fingerprint in cache keys: any change to a cell or a sheet's shape changes it; reading the same
// data again does not.
import { buildFormulaFacts, findCampaign, fingerprintRows, queryMetric } from '../../../src/core/formulas';
import { analyze } from '../../../src/core/engine';
import { ingestWorkbook } from '../../../src/core/ingest';
import type { Cell, RawWorkbook } from '../../../src/core/types';
import { sampleRawWorkbook } from './sample-workbook';

const base = (): RawWorkbook => ({
  Campaigns: [['campaign_id', 'name', 'created_at'], ['C1', 'Spring', new Date(Date.UTC(2024, 0, 1))]],
  Deals: [['deal_id', 'amount', 'won'], ['D1', 1000, true], ['D2', 250.5, false]],
});

/** A copy of the base workbook with one cell of Deals replaced. */
function withDealCell(row: number, column: number, value: Cell): RawWorkbook {
  const raw = base();
  const rows = raw.Deals!.map((r) => [...r]);
  rows[row][column] = value;
  return { ...raw, Deals: rows };
}

describe('fingerprintRows', () => {
  test('16 hex digits; the same data, read twice, gives the same fingerprint', () => {
    expect(fingerprintRows(base())).toMatch(/^[0-9a-f]{16}$/);
    expect(fingerprintRows(base())).toBe(fingerprintRows(base()));
  });

  test('one changed cell changes it: value, type, date, boolean, empty to filled', () => {
    const original = fingerprintRows(base());
    const changed = [
      withDealCell(1, 1, 1001),
      withDealCell(1, 1, 1000.0000001),
      withDealCell(1, 1, '1000'),
      withDealCell(1, 0, 'D1 '),
      withDealCell(1, 0, 'd1'),
      withDealCell(1, 2, false),
      withDealCell(2, 1, null),
      { ...base(), Campaigns: [base().Campaigns![0], ['C1', 'Spring', new Date(Date.UTC(2024, 0, 1) + 1)]] },
    ].map(fingerprintRows);
    for (const f of changed) expect(f).not.toBe(original);
    expect(new Set(changed).size).toBe(changed.length);
  });

  test('shape counts: swapped cells, an extra row or column, an absent versus an empty sheet', () => {
    const original = fingerprintRows(base());
    const swapped = base();
    swapped.Deals = [swapped.Deals![0], swapped.Deals![2], swapped.Deals![1]];
    expect(fingerprintRows(swapped)).not.toBe(original);
    expect(fingerprintRows({ ...base(), Deals: [...base().Deals!, ['D3', 1, true]] })).not.toBe(original);
    expect(fingerprintRows({ ...base(), Deals: base().Deals!.map((r) => [...r, '']) })).not.toBe(original);
    expect(fingerprintRows({ ...base(), Spend: [] })).not.toBe(original);
  });

  test('an empty cell is empty whether it reads as "" (Sheets) or null', () => {
    expect(fingerprintRows(withDealCell(2, 1, ''))).toBe(fingerprintRows(withDealCell(2, 1, null)));
  });

  test('editing one deal amount on the sample changes the fingerprint and the revenue a formula returns', () => {
    const raw = sampleRawWorkbook();
    const amount = raw.Deals![0].indexOf('amount');
    const wonRow = raw.Deals!.findIndex((r, i) => i > 0 && /won/i.test(String(r[raw.Deals![0].indexOf('stage')])));
    const edited: RawWorkbook = { ...raw, Deals: raw.Deals!.map((r, i) => (i === wonRow ? r.map((c, k) => (k === amount ? Number(c) + 1000 : c)) : r)) };
    expect(fingerprintRows(edited)).not.toBe(fingerprintRows(raw));
    expect(fingerprintRows(sampleRawWorkbook())).toBe(fingerprintRows(raw));

    const revenueOf = (r: RawWorkbook) => {
      const { workbook } = ingestWorkbook(r, { tz: 'UTC', locale: null, currency: 'EUR' });
      const facts = buildFormulaFacts(analyze(workbook, { lookbackDays: null }), 'UTC');
      const query = { from: null, to: 40_000, model: 'linear', touch: 'first' as const };
      const revenueAll = facts.campaigns.map((_, c) => queryMetric(facts, { ...query, campaign: c, metric: 'revenue' })!)
        .reduce((a, b) => a + b, queryMetric(facts, { ...query, campaign: findCampaign(facts, '(no campaign)') as number, metric: 'revenue' })!);
      return { total: queryMetric(facts, { ...query, campaign: 0, metric: 'closed_won_revenue' })!, revenueAll };
    };
    const before = revenueOf(raw);
    const after = revenueOf(edited);
    expect(after.total - before.total).toBeCloseTo(1000, 6);
    expect(after.revenueAll - before.revenueAll).toBeCloseTo(1000, 6);
  });
});
