// The data check's summary line, as the sidebar and CAMPAIGN_DATA_PROBLEMS show it.
import { validateWorkbook } from '../../src/addon/validation';
import { workbook } from '../support/campaign-workbook';

test('the counts are grouped as the spreadsheet writes numbers', () => {
  // 250 copies of the small workbook: 2 campaigns, 2 assets, 1,000 visits and 500 deals, 1,504 rows.
  const raw = workbook(250);
  expect(validateWorkbook(raw, { locale: 'en_US', timeZone: 'UTC', currency: 'EUR' }).summary).toBe('No problems found. Rows read: 1,504.');
  expect(validateWorkbook(raw, { locale: 'nl_NL', timeZone: 'UTC', currency: 'EUR' }).summary).toBe('Geen problemen gevonden. Rijen gelezen: 1.504.');
});
