import {
  REQUIRED_SHEETS, SHEET_NAMES, type Campaign, type Contact, type Deal, type DealContact, type IngestOptions, type IngestResult,
  type Problem, type RawWorkbook, type SheetName, type SheetRows, type Visit,
} from '../types';
import { settleAssetLinks } from './asset-links';
import { isBlankRow } from './cells';
import { readPositions, resolveHeader, type ColumnName } from './columns';
import { cellHoldsTimeOfDay } from './dates';
import { cellContext, currencyOfLocale, type CellContext } from './locale';
import { IdIndex } from './references';
import { rowProblem, RowReader } from './row-reader';
import { readAsset, readCampaign, readContact, readDeal, readDealContact, readSpend, readVisit } from './sheets';
import { VisitUtm } from './url-utm';
import { mostNamedCurrency, OTHER_MONEY_SHEETS } from './workbook-currency';

/** A sheet whose header names every required column. */
interface ReadableSheet<S extends SheetName> {
  rows: SheetRows;
  /** Each column's position; -1 when the sheet lacks it. */
  index: Readonly<Record<ColumnName<S>, number>>;
  reader: RowReader<ColumnName<S>>;
  /** The positions of the columns read: a row blank in all of them is no record. */
  read: number[];
}

/**
 * True when the workbook lacks the sheet. An optional sheet with nothing in it (an empty CSV file, a tab
 * without even a header) counts as absent too; a required one is read, so its missing columns are reported.
 */
export function isAbsent(sheet: SheetName, raw: RawWorkbook): boolean {
  const rows = raw[sheet];
  return rows === undefined || (!REQUIRED_SHEETS.includes(sheet) && rows.every((row) => isBlankRow(row)));
}

/** How far down a header that is not on row 1 is looked for. */
const HEADER_SEARCH_ROWS = 10;

/** The readable sheets; an absent required sheet or a missing required column is reported as fatal. */
function openSheet<S extends SheetName>(sheet: S, raw: RawWorkbook, ctx: CellContext, problems: Problem[]): ReadableSheet<S> | null {
  const rows = raw[sheet];
  if (rows === undefined || isAbsent(sheet, raw)) {
    if (REQUIRED_SHEETS.includes(sheet)) {
      problems.push({ severity: 'error', sheet, row: null, column: null, messageId: 'ingest.sheet_missing', params: { sheet }, fatal: true });
    }
    return null;
  }
  const headerProblems: Problem[] = [];
  const { index, usable, currencyMarks } = resolveHeader(sheet, rows[0], headerProblems);
  if (!usable) {
    // A title above the header (or Excel's "sep=," line): say first where the header is, then what row 1 lacks.
    const headerAt = rows.slice(1, HEADER_SEARCH_ROWS).findIndex((row) => resolveHeader(sheet, row, []).usable);
    if (headerAt >= 0) problems.push({ ...rowProblem(sheet, 1, null, 'ingest.header_not_first', { row: headerAt + 2 }), fatal: true });
  }
  problems.push(...headerProblems);
  const read = readPositions(index);
  return usable ? { rows, index, reader: new RowReader(sheet, index, ctx, problems, currencyMarks), read } : null;
}

/** The first row (as numbered in the sheet) whose cell in the column holds a time of day past midnight; 0: none. */
function rowWithTimeOfDay<S extends SheetName>(sheet: ReadableSheet<S>, column: ColumnName<S>, tz: string): number {
  const at = sheet.index[column];
  if (at < 0) return 0;
  for (let i = 1; i < sheet.rows.length; i++) if (cellHoldsTimeOfDay(sheet.rows[i][at], tz)) return i + 1;
  return 0;
}

/** Reads every data row (header = row 1; blank rows skipped) and keeps the records without errors. */
function readRows<S extends SheetName, T>(sheet: ReadableSheet<S> | null, readRow: (r: RowReader<ColumnName<S>>) => T | null): T[] {
  const records: T[] = [];
  if (sheet === null) return records;
  const { rows, reader, read } = sheet;
  for (let i = 1; i < rows.length; i++) {
    const cells = rows[i];
    if (isBlankRow(cells, read)) continue;
    reader.startRow(cells, i + 1);
    const record = readRow(reader);
    if (record !== null && !reader.failed) records.push(record);
  }
  reader.mixedConventions();
  return records;
}

const SHEET_ORDER = new Map<string, number>(SHEET_NAMES.map((name, i) => [name, i]));

/**
 * Turns the rows of the input sheets (as `Range.getValues()` or a CSV reader gives them) into typed,
 * cross-checked records. Rows with errors are left out, warnings keep the row (except a deal in another
 * currency, kept out of every sum; a spend amount, budget or revenue goal in one reads as empty); every problem names sheet, row and column. A fatal problem (missing
 * sheet or required column) means the report cannot run; the other sheets are still checked, and records
 * that depend on the broken sheet are left out. The input is never modified.
 */
export function ingestWorkbook(raw: RawWorkbook, options: IngestOptions): IngestResult {
  const ctx = cellContext(options.tz, options.locale);
  const localeCurrency = options.locale === null ? null : currencyOfLocale(options.locale);
  const currency = options.currency
    ?? mostNamedCurrency(raw, ['Deals'], localeCurrency) ?? mostNamedCurrency(raw, OTHER_MONEY_SHEETS, localeCurrency);
  const problems: Problem[] = [];
  const open = <S extends SheetName>(sheet: S) => openSheet(sheet, raw, ctx, problems);
  const campaignSheet = open('Campaigns');
  const assetSheet = open('Assets');
  const visitSheet = open('Visits');
  const dealSheet = open('Deals');
  const spendSheet = open('Spend');
  const dealContactSheet = open('DealContacts');
  const contactSheet = open('Contacts');

  const campaignIds = new IdIndex<Campaign>('Campaigns');
  const campaigns = readRows(campaignSheet, (r) => readCampaign(r, campaignIds, currency));
  const knownCampaigns = campaignSheet && campaignIds;
  const assetLinks = readRows(assetSheet, (r) => readAsset(r, knownCampaigns));
  const utms = new VisitUtm();
  // Timestamps with times of their own make a "Time" column beside them something else (time on page): it is
  // read only beside dates alone, for every row alike, and the user is told when it is not.
  // Without a Time column there is nothing to decide: no pass over the timestamps.
  const timedRow = visitSheet === null || visitSheet.index.time_of_day < 0 ? 0 : rowWithTimeOfDay(visitSheet, 'timestamp', ctx.tz);
  if (timedRow > 0) {
    problems.push(rowProblem('Visits', 1, 'time_of_day', 'ingest.time_column_not_read', { row: timedRow }, 'warning'));
  }
  const visits = readRows(visitSheet, (r) => readVisit(r, utms, timedRow > 0 ? null : 'time_of_day'));
  const contactIds = new IdIndex<Contact>('Contacts');
  const contacts = readRows(contactSheet, (r) => readContact(r, contactIds));
  const dealIds = new IdIndex<Deal>('Deals');
  const deals = readRows(dealSheet, (r) => readDeal(r, dealIds, currency));
  const dealContacts = readRows(dealContactSheet, (r) => readDealContact(r, dealSheet && dealIds));
  warnRepeatedDealContacts(dealContacts, problems);
  warnSharedVisitors(visits, contacts, problems);
  const spend = readRows(spendSheet, (r) => readSpend(r, knownCampaigns, currency));
  const assets = settleAssetLinks(assetLinks, problems);

  // Contacts are known from Contacts and Visits; when either could not be read, nobody is unknown for sure.
  const contactsReadable = visitSheet !== null && (isAbsent('Contacts', raw) || contactSheet !== null);
  if (contactsReadable) {
    const known = new Set<string>(contactIds.kept.keys());
    for (const visit of visits) if (visit.contactId !== null) known.add(visit.contactId);
    for (const deal of deals) {
      for (const id of deal.contactIds) {
        if (!known.has(id)) problems.push(rowProblem('Deals', deal.row, 'contact_ids', 'ingest.unknown_contact', { id }, 'warning'));
      }
    }
    for (const link of dealContacts) {
      if (!known.has(link.contactId)) {
        problems.push(rowProblem('DealContacts', link.row, 'contact_id', 'ingest.unknown_contact', { id: link.contactId }, 'warning'));
      }
    }
  }

  // Stable sort: within a row, problems stay in column order.
  problems.sort((a, b) => (SHEET_ORDER.get(a.sheet) ?? 0) - (SHEET_ORDER.get(b.sheet) ?? 0) || (a.row ?? 0) - (b.row ?? 0));
  const otherCurrencyDeals = [...dealIds.keptOut.values()];
  return { workbook: { campaigns, assets, visits, deals, otherCurrencyDeals, spend, dealContacts, contacts }, problems, currency };
}

/** A visitor id this many contacts share is more likely a stand-in ("unknown", "-") than one browser. */
const SHARED_VISITOR_CONTACTS = 25;

/**
 * A visitor id shared by many contacts puts every anonymous visit under it in each of their journeys (§7): right
 * for a shared computer, a flood of work and credit for a placeholder. Said once per such id, at its first row.
 */
function warnSharedVisitors(visits: readonly Visit[], contacts: readonly Contact[], problems: Problem[]): void {
  // Per visitor id: its one contact, or the set of them once there are two (most have one: no set is made).
  const contactsOf = new Map<string, string | Set<string>>();
  const firstSeen = new Map<string, { sheet: 'Visits' | 'Contacts'; row: number; column: string }>();
  const use = (visitor: string, contact: string, at: { sheet: 'Visits' | 'Contacts'; row: number; column: string }) => {
    const known = contactsOf.get(visitor);
    if (known === undefined) {
      contactsOf.set(visitor, contact);
      firstSeen.set(visitor, at);
    } else if (typeof known === 'string') {
      if (known !== contact) contactsOf.set(visitor, new Set([known, contact]));
    } else known.add(contact);
  };
  for (const visit of visits) {
    if (visit.visitorId !== null && visit.contactId !== null) use(visit.visitorId, visit.contactId, { sheet: 'Visits', row: visit.row, column: 'visitor_id' });
  }
  for (const contact of contacts) for (const visitor of contact.visitorIds) use(visitor, contact.id, { sheet: 'Contacts', row: contact.row, column: 'visitor_ids' });
  for (const [visitor, known] of contactsOf) {
    if (typeof known === 'string' || known.size < SHARED_VISITOR_CONTACTS) continue;
    const { sheet, row, column } = firstSeen.get(visitor)!;
    problems.push(rowProblem(sheet, row, column, 'ingest.visitor_shared', { id: visitor, count: known.size }, 'warning'));
  }
}

/** A pair listed twice is one association (the ledger takes its earlier time); the later row says so. */
function warnRepeatedDealContacts(dealContacts: readonly DealContact[], problems: Problem[]): void {
  const firstRow = new Map<string, number>();
  for (const { dealId, contactId, row } of dealContacts) {
    const key = JSON.stringify([dealId, contactId]);
    const first = firstRow.get(key);
    if (first === undefined) firstRow.set(key, row);
    else problems.push(rowProblem('DealContacts', row, 'contact_id', 'ingest.duplicate_deal_contact', { deal: dealId, contact: contactId, first }, 'warning'));
  }
}
