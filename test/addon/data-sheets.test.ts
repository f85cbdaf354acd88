// The add-on's read of the data sheets: an amount whose number format shows a currency reaches ingest with
// that currency, as the command line reads an xlsx (getValues() alone drops it).
import { cellLimitAfter, readDataSheets } from '../../src/addon/data-sheets';
import { ingestWorkbook } from '../../src/core/ingest';
import { SHEET_NAMES, type SheetName } from '../../src/core/types';
import { fakeServices } from '../support/gas-fakes';

const names = Object.fromEntries(SHEET_NAMES.map((sheet) => [sheet, sheet])) as Record<SheetName, string>;

function dealsSheet(formats: string[]) {
  const services = fakeServices({
    sheets: {
      Deals: [
        ['deal_id', 'stage', 'created_at', 'contact_ids', 'amount'],
        ['D1', 'open', '2024-02-01', 'K1', 1000],
        ['D2', 'open', '2024-02-01', 'K1', 1000],
        ['D3', 'open', '2024-02-01', 'K1', 250],
        ['D4', 'open', '2024-02-01', 'K1', '€ 75'],
      ],
    },
  });
  // The amount column is E (5); row 1 is the header.
  services.spreadsheet.sheet('Deals').layers.numberFormats = [[], ...formats.map((format) => [, , , , format])];
  return services;
}

describe('readDataSheets: the Deals amounts\' number formats', () => {
  test('an amount formatted in another currency is reported and kept out of the sums', () => {
    const services = dealsSheet(['[$$-409]#,##0.00', '"£"#,##0.00', '#,##0.00', '[$$-409]#,##0.00']);
    const raw = readDataSheets(services.globals.SpreadsheetApp.getActiveSpreadsheet(), names, ['Deals']);
    expect(raw.Deals?.slice(1).map((row) => row[4])).toEqual(['USD 1000', 'GBP 1000', 250, '€ 75']);
    const { workbook, problems } = ingestWorkbook(raw, { tz: 'UTC', locale: null, currency: 'EUR' });
    expect(problems.filter((p) => p.messageId === 'ingest.currency_other').map((p) => [p.row, p.params.currency])).toEqual([
      [2, 'USD'], [3, 'GBP'],
    ]);
    expect(workbook.deals.map((d) => [d.id, d.amount])).toEqual([['D3', 250], ['D4', 75]]);
  });

  test('one more read per run: the amount column\'s formats, and only when an amount is a number', () => {
    const formatReads = (services: ReturnType<typeof dealsSheet>) => {
      readDataSheets(services.globals.SpreadsheetApp.getActiveSpreadsheet(), names);
      return services.calls.filter((call) => /getRange|getNumberFormats/.test(call));
    };
    expect(formatReads(dealsSheet(['[$$-409]#,##0.00']))).toEqual(['Sheet(Deals).getRange', 'Range(Deals).getNumberFormats']);
    const typed = dealsSheet([]);
    typed.spreadsheet.sheet('Deals').layers.values.forEach((row, i) => { if (i > 0) row[4] = `€ ${i}`; });
    expect(formatReads(typed)).toEqual([]);
  });
});

test('a spend amount and a budget formatted in another currency reach ingest with it: one format read per amount column', () => {
  const services = fakeServices({
    sheets: {
      Campaigns: [['campaign_id', 'name', 'created_at', 'budget', 'goal_revenue'], ['C1', 'Spring', '2024-01-01', 3100, 9000]],
      Spend: [['date', 'campaign_id', 'amount'], ['2024-03-01', 'C1', 100], ['2024-03-02', 'C1', 20]],
    },
  });
  services.spreadsheet.sheet('Campaigns').layers.numberFormats = [[], [, , , '"£"#,##0', '[$€-407] #,##0']];
  services.spreadsheet.sheet('Spend').layers.numberFormats = [[], [, , '#,##0.00'], [, , '[$$-409]#,##0.00']];
  const raw = readDataSheets(services.globals.SpreadsheetApp.getActiveSpreadsheet(), names, ['Campaigns', 'Spend']);
  expect(services.calls.filter((call) => /getNumberFormats/.test(call))).toEqual([
    'Range(Campaigns).getNumberFormats', 'Range(Campaigns).getNumberFormats', 'Range(Spend).getNumberFormats',
  ]);
  const { workbook, problems } = ingestWorkbook(raw, { tz: 'UTC', locale: null, currency: 'EUR' });
  // (The other data sheets are not in this workbook: each is reported missing.)
  expect(problems.filter((p) => !p.fatal).map((p) => [p.sheet, p.row, p.column, p.messageId])).toEqual([
    ['Campaigns', 2, 'budget', 'ingest.amount_currency_other'],
    ['Spend', 3, 'amount', 'ingest.spend_currency_other'],
  ]);
  // The budget in pounds is left out; the revenue goal, in euros as the workbook, is kept.
  expect([workbook.campaigns[0].budget, workbook.campaigns[0].goals.revenue]).toEqual([null, 9000]);
  expect(workbook.spend.map((s) => s.amount)).toEqual([100, null]);
});

describe('readDataSheets: a Time column beside the date', () => {
  // Sheets gives a time cell to a script as a Date on 30 December 1899, worked out with that year's local mean
  // time (Amsterdam +00:19:32), which the script's own zone data need not share: 10:00 can read as 09:40:28.
  // The text Sheets shows is what the user typed.
  function visitsSheet(times: Array<Date | string>, shown: Array<string | undefined>) {
    const services = fakeServices({
      timeZone: 'Europe/Amsterdam',
      sheets: { Visits: [['Date', 'Time', 'visitor_id'], ...times.map((time) => [new Date('2024-03-04T23:00:00Z'), time, 'v1'])] },
    });
    services.spreadsheet.sheet('Visits').layers.displayValues = [[], ...shown.map((text) => [, text])];
    return services;
  }
  const read = (services: ReturnType<typeof visitsSheet>) =>
    readDataSheets(services.globals.SpreadsheetApp.getActiveSpreadsheet(), names, ['Visits']);

  test('a time cell is read as Sheets shows it, and joined to its date on the spreadsheet\'s wall clock', () => {
    const services = visitsSheet([new Date('1899-12-30T09:40:28Z'), new Date('1899-12-30T13:50:28Z')], ['10:00:00', '14:10:00']);
    services.calls.length = 0;
    const raw = read(services);
    expect(raw.Visits?.slice(1).map((row) => row[1])).toEqual(['10:00:00', '14:10:00']);
    expect(services.calls.filter((call) => call.endsWith('.getDisplayValues'))).toEqual(['Range(Visits).getDisplayValues']);
    // 5 March 2024 in Amsterdam (UTC+1): 10:00 is 09:00 UTC.
    const { workbook } = ingestWorkbook(raw, { tz: 'Europe/Amsterdam', locale: null, currency: 'EUR' });
    expect(workbook.visits.map((v) => new Date(v.timestamp).toISOString())).toEqual(['2024-03-05T09:00:00.000Z', '2024-03-05T13:10:00.000Z']);
  });

  test('a time cell whose shown text tells no time this reading knows ("14h30") is read from its Date', () => {
    const services = fakeServices({
      timeZone: 'UTC',
      sheets: { Visits: [['Date', 'Time', 'visitor_id'], [new Date('2024-03-05T00:00:00Z'), new Date('1899-12-30T14:30:00Z'), 'v1']] },
    });
    services.spreadsheet.sheet('Visits').layers.displayValues = [[], [, '14h30']];
    const raw = read(services);
    expect(raw.Visits?.[1][1]).toEqual(new Date('1899-12-30T14:30:00Z'));
    const { workbook, problems } = ingestWorkbook(raw, { tz: 'UTC', locale: null, currency: 'EUR' });
    expect(problems.filter((p) => p.sheet === 'Visits')).toEqual([]);
    expect(workbook.visits.map((v) => new Date(v.timestamp).toISOString())).toEqual(['2024-03-05T14:30:00.000Z']);
  });

  test('times typed as text need no second read', () => {
    const services = visitsSheet(['10:00', '14:10'], []);
    services.calls.length = 0;
    read(services);
    expect(services.calls.filter((call) => call.endsWith('.getDisplayValues'))).toEqual([]);
  });
});

describe('readDataSheets: a name, id or amount Sheets took for a date', () => {
  test('is read as Sheets shows it, not as an instant in UTC (of the day before, east of Greenwich)', () => {
    // Typed "March 2024" as a campaign name and "1-1-2024" as an amount, in Amsterdam: Sheets made both dates.
    const services = fakeServices({
      timeZone: 'Europe/Amsterdam',
      sheets: {
        Campaigns: [['campaign_id', 'name', 'created_at'], ['C1', new Date('2024-02-29T23:00:00Z'), new Date('2024-01-01T09:00:00Z')]],
        Deals: [['deal_id', 'stage', 'created_at', 'contact_ids', 'amount'], ['D1', 'open', '2024-02-01', 'K1', new Date('2023-12-31T23:00:00Z')]],
      },
    });
    services.spreadsheet.sheet('Campaigns').layers.displayValues = [[], [, 'March 2024', '1-1-2024 10:00:00']];
    services.spreadsheet.sheet('Deals').layers.displayValues = [[], [, , , , '1-1-2024']];
    services.calls.length = 0;
    const raw = readDataSheets(services.globals.SpreadsheetApp.getActiveSpreadsheet(), names, ['Campaigns', 'Deals']);
    // The date column keeps its Date: one read of the shown text per column that needs it, none for created_at.
    expect(services.calls.filter((call) => call.endsWith('.getDisplayValues'))).toEqual(['Range(Campaigns).getDisplayValues', 'Range(Deals).getDisplayValues']);
    const { workbook, problems } = ingestWorkbook(raw, { tz: 'Europe/Amsterdam', locale: 'nl', currency: 'EUR' });
    expect(workbook.campaigns.map((c) => [c.name, new Date(c.createdAt).toISOString()])).toEqual([['March 2024', '2024-01-01T09:00:00.000Z']]);
    expect(problems.filter((p) => p.sheet === 'Deals').map((p) => [p.row, p.column, p.params.value])).toEqual([[2, 'amount', '1-1-2024']]);
  });
});

describe('what a run can still read after waiting for another run', () => {
  test('a wait under 10 s costs nothing: the full 7 million cells', () => {
    expect(cellLimitAfter(4_000, 2_000).cells).toBe(7_000_000);
  });

  test('after a long wait, what the rest of 5 minutes reads at 30 µs a cell, the write keeping its 90 s', () => {
    // 300 s − 90 s − 200 s = 10 s, at 0.03 ms a cell: 333,333 cells.
    const limit = cellLimitAfter(200_000, 150_000);
    expect(limit.cells).toBe(333_333);
    expect(limit.tooBig(400_000).message).toBe('This run spent 150 seconds waiting for another report run to finish, which leaves too little of its '
      + '6 minutes to read the 400,000 cells of the data sheets, so nothing was read or written. Run the report again.');
    // Data no run could read is refused as too big, whatever the wait; counts grouped as the language writes them.
    expect(limit.tooBig(8_000_000).message).toMatch(/^The data sheets hold 8,000,000 cells; one run inside Google Sheets handles up to 7,000,000/);
    expect(limit.tooBig(8_000_000).render('nl')).toMatch(/^De gegevensbladen bevatten 8\.000\.000 cellen; één uitvoering in Google Spreadsheets verwerkt er binnen de limiet van 6 minuten maximaal 7\.000\.000,/);
  });
});
