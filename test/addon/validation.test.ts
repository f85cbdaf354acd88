// The data check's summary line, as the sidebar and CAMPAIGN_DATA_PROBLEMS show it.
import type { DataSheetNames } from '../../src/addon/settings';
import { validateWorkbook } from '../../src/addon/validation';
import { SHEET_NAMES } from '../../src/core/types';
import { workbook } from '../support/campaign-workbook';

test('the counts are grouped as the spreadsheet writes numbers', () => {
  // 250 copies of the small workbook: 2 campaigns, 2 assets, 1,000 visits and 500 deals, 1,504 rows.
  const raw = workbook(250);
  expect(validateWorkbook(raw, { locale: 'en_US', timeZone: 'UTC', currency: 'EUR' }).summary).toBe('No problems found. Rows read: 1,504.');
  expect(validateWorkbook(raw, { locale: 'nl_NL', timeZone: 'UTC', currency: 'EUR' }).summary).toBe('Geen problemen gevonden. Rijen gelezen: 1.504.');
});

test('a problem names the header the user has: their tab, and the column found under an alias ("Close Date") as headed', () => {
  const raw = workbook(1);
  // A HubSpot-style header for closed_at, and a close date nobody can read on the first deal.
  raw.Deals = raw.Deals.map((row, i) => (i === 0 ? row.map((h) => (h === 'closed_at' ? 'Close Date' : h)) : i === 1 ? row.map((c, j) => (j === 5 ? 'next week' : c)) : row));
  const tabs = { ...Object.fromEntries(SHEET_NAMES.map((s) => [s, s])), Deals: 'HubSpot deals' } as DataSheetNames;
  const { problems } = validateWorkbook(raw, { locale: 'en_US', timeZone: 'UTC', currency: 'EUR' }, tabs);
  expect(problems.map((p) => [p.sheet, p.row, p.column])).toEqual([['HubSpot deals', 2, 'Close Date']]);
  expect(problems[0].location).toBe('HubSpot deals, row 2, column Close Date');
});
