// One reader per input sheet: a row of cells to a typed record, or null when the row has an error (its
// problems are then already reported). Object literals list the cells in column order, so a row's
// problems come out in that order too.
import type { Asset, Campaign, Contact, Deal, DealContact, SheetName, Spend, Visit } from '../types';
import { parseTextCell } from './cells';
import type { ColumnName } from './columns';
import { ASSET_TYPE_ENUM, INTERACTION_TYPE_ENUM, looksClosed, parseStageCell, SOURCE_ENUM } from './enums';
import { currencyMarkOf, currencyOfMark, isCurrencyMark } from './numbers';
import { lookUp, type IdIndex } from './references';
import type { RowReader } from './row-reader';
import type { VisitUtm } from './url-utm';

type Reader<S extends SheetName> = RowReader<ColumnName<S>>;

/**
 * The workbook's currency (upper-cased) when `currency` is known and another one, else null: an amount in it
 * would be summed with the others as if it were the same money (product.md: never added silently).
 */
function otherCurrency(currency: string | null, workbookCurrency: string | null): string | null {
  const workbook = workbookCurrency ? workbookCurrency.toUpperCase() : null;
  return workbook !== null && currency !== null && currency !== workbook ? workbook : null;
}

/**
 * The currency an amount cell is written in (`£ 3.100` → GBP), as currencyOfMark tells it, else (unless
 * `cellOnly`) the one its column's header names ("Amount (USD)"); null when none is named.
 */
function currencyOfAmount<S extends SheetName>(
  r: Reader<S>, column: ColumnName<S>, workbookCurrency: string | null, cellOnly = false,
): string | null {
  const mark = currencyMarkOf(r.cell(column)) ?? (cellOnly ? null : r.headerCurrencyMark(column));
  return mark === null ? null : currencyOfMark(mark, workbookCurrency);
}

/** Whether the amount in `column` is written in another currency than the workbook's; reported if so. */
function amountInOtherCurrency<S extends SheetName>(
  r: Reader<S>, column: ColumnName<S>, workbookCurrency: string | null, messageId: 'ingest.amount_currency_other' | 'ingest.spend_currency_other',
): boolean {
  const currency = currencyOfAmount(r, column, workbookCurrency);
  const workbook = otherCurrency(currency, workbookCurrency);
  if (workbook !== null) r.report(column, messageId, { currency: currency!, workbook }, 'warning');
  return workbook !== null;
}

/** A campaign amount (budget, revenue goal) in the workbook's currency; one in another currency reads as empty. */
function campaignAmount(r: Reader<'Campaigns'>, column: 'budget' | 'goal_revenue', workbookCurrency: string | null): number | null {
  const amount = r.ignorableAmount(column);
  return amount !== null && amountInOtherCurrency(r, column, workbookCurrency, 'ingest.amount_currency_other') ? null : amount;
}

export function readCampaign(r: Reader<'Campaigns'>, campaigns: IdIndex<Campaign>, workbookCurrency: string | null): Campaign | null {
  const id = r.requiredText('campaign_id');
  campaigns.claim(r, 'campaign_id', id);
  const campaign: Campaign = {
    row: r.rowNumber,
    id,
    name: r.requiredText('name'),
    utmCampaign: r.text('utm_campaign'),
    formerUtmCampaigns: r.list('former_utm_campaigns'),
    createdAt: r.requiredDate('created_at'),
    // No rule places a campaign by these: a cell that cannot be read is a warning and reads as empty.
    startDate: r.ignorableDate('start_date'),
    endDate: r.ignorableDate('end_date'),
    goals: {
      sessions: r.ignorableCount('goal_sessions'),
      newContacts: r.ignorableCount('goal_new_contacts'),
      influencedContacts: r.ignorableCount('goal_influenced_contacts'),
      revenue: campaignAmount(r, 'goal_revenue', workbookCurrency),
    },
    budget: campaignAmount(r, 'budget', workbookCurrency),
  };
  if (r.failed) return null;
  campaigns.keep(id, campaign);
  return campaign;
}

/** An asset's link to a campaign; associated_at defaults to the campaign's created_at. */
export function readAsset(r: Reader<'Assets'>, campaigns: IdIndex<Campaign> | null): Asset | null {
  const id = r.requiredText('asset_id');
  const campaignId = r.requiredText('campaign_id');
  const type = r.requiredEnum('type', ASSET_TYPE_ENUM);
  const fields = {
    name: r.ignorableText('name') ?? '',
    url: r.text('url'),
    associatedAt: r.date('associated_at'),
    publishedAt: r.date('published_at'),
    abGroup: r.text('ab_group'),
    abWinner: r.flag('ab_winner'),
    keyword: r.ignorableText('keyword'),
    // Counts the report only shows; associated_at and published_at decide when the asset counts, so they stay strict.
    sent: r.ignorableCount('sent'),
    delivered: r.ignorableCount('delivered'),
    views: r.ignorableCount('views'),
  };
  // Only emails have A/B variants (§1: "an A/B email asset only if it is the winning variant"): a group on
  // another asset is ignored, with a warning, and the asset counts as any other.
  if (fields.abGroup !== null && type !== null && type !== 'email') {
    r.report('ab_group', 'ingest.ab_group_not_email', {}, 'warning');
    Object.assign(fields, { abGroup: null, abWinner: false });
  }
  const campaign = lookUp(r, 'campaign_id', campaignId, campaigns, 'ingest.unknown_campaign');
  if (r.failed || campaign === null || type === null) return null;
  return { row: r.rowNumber, id, campaignId, type, ...fields, associatedAt: fields.associatedAt ?? campaign.createdAt };
}

/**
 * One interaction. The hot path of a 1M-row workbook: cells are read once, nothing else is allocated. `utms`
 * settles the utm values (GA4's no-values, the URL's parameters), one per ingest; `timeColumn` gives the time of
 * day of a timestamp column of dates alone (null: its timestamps carry their own).
 */
export function readVisit(r: Reader<'Visits'>, utms: VisitUtm, timeColumn: 'time_of_day' | null): Visit | null {
  const timestamp = r.requiredDateAt('timestamp', timeColumn);
  const visitorId = r.sharedText('visitor_id');
  const contactId = r.sharedText('contact_id');
  if (visitorId === null && contactId === null) r.report('contact_id', 'ingest.contact_or_visitor_missing');
  const url = r.sharedText('url');
  const visit: Visit = {
    row: r.rowNumber,
    timestamp,
    visitorId,
    contactId,
    sessionId: r.sharedText('session_id'),
    type: r.enumValue('interaction_type', INTERACTION_TYPE_ENUM) ?? 'page_view',
    url,
    assetId: r.sharedText('asset_id'),
    utm: utms.settle({
      source: r.sharedText('utm_source'),
      medium: r.sharedText('utm_medium'),
      campaign: r.sharedText('utm_campaign'),
      term: r.sharedText('utm_term'),
      content: r.sharedText('utm_content'),
    }, url),
    referrer: r.sharedText('referrer'),
    // An override: an unknown name is a warning, and the source is derived as if the cell were empty.
    source: r.ignorableEnum('source', SOURCE_ENUM, 'ingest.ignored.source_invalid'),
    manuallyLogged: r.flag('manually_logged'),
  };
  return r.failed ? null : visit;
}

export function readContact(r: Reader<'Contacts'>, contacts: IdIndex<Contact>): Contact | null {
  const id = r.requiredText('contact_id');
  contacts.claim(r, 'contact_id', id);
  const contact: Contact = {
    row: r.rowNumber,
    id,
    createdAt: r.date('created_at'),
    email: r.ignorableText('email'),
    visitorIds: r.list('visitor_ids'),
  };
  if (r.failed) return null;
  contacts.keep(id, contact);
  return contact;
}

/**
 * A deal. Its currency is the currency cell, else the one its amount is written in (`€ 1.234,56`), else
 * null (the workbook's). A deal in another currency than the workbook's is kept out with a warning.
 */
export function readDeal(r: Reader<'Deals'>, deals: IdIndex<Deal>, workbookCurrency: string | null): Deal | null {
  const id = r.requiredText('deal_id');
  deals.claim(r, 'deal_id', id);
  const name = r.ignorableText('name') ?? '';
  const amount = r.requiredAmount('amount');
  const currency = readDealCurrency(r, workbookCurrency);
  const stage = parseStageCell(r.cell('stage'));
  if (stage === null) r.report('stage', 'ingest.required_empty');
  // §7: anything but the listed spellings is open; one that looks meant as closed is said, not read silently.
  if (stage === 'open' && looksClosed(r.cell('stage'))) r.report('stage', 'ingest.stage_read_as_open', { value: String(r.cell('stage')).trim() }, 'warning');
  const createdAt = r.requiredDate('created_at');
  // An open deal's close date places nothing: one that cannot be read is a warning, not a reason to drop the deal.
  const closedAt = stage === 'open' ? r.ignorableDate('closed_at') : r.date('closed_at');
  if ((stage === 'won' || stage === 'lost') && parseTextCell(r.cell('closed_at')) === null) {
    // One message per stage: the stage value is internal (won/lost), so it is never filled into the text.
    r.report('closed_at', stage === 'won' ? 'ingest.closed_at_missing_won' : 'ingest.closed_at_missing_lost');
  }
  const contactIds = r.requiredList('contact_ids');
  if (r.failed || stage === null) return null;
  if (stage === 'won' && closedAt !== null && closedAt < createdAt) {
    r.report('closed_at', 'ingest.closed_before_created', {}, 'warning');
  }
  const deal: Deal = { row: r.rowNumber, id, name, amount, currency, stage, createdAt, closedAt, contactIds };
  const workbook = otherCurrency(currency, workbookCurrency);
  if (workbook !== null) {
    r.report('currency', 'ingest.currency_other', { currency: currency!, workbook }, 'warning');
    deals.keepOutWithWarning(id, deal);
    return null;
  }
  deals.keep(id, deal);
  return deal;
}

function readDealCurrency(r: Reader<'Deals'>, workbookCurrency: string | null): string | null {
  const written = r.text('currency');
  if (written === null) return currencyOfAmount(r, 'amount', workbookCurrency);
  // The row's own currency cell stands over its column's header; only the amount cell's own mark can contradict it.
  const ofAmount = currencyOfAmount(r, 'amount', workbookCurrency, true);
  if (!isCurrencyMark(written)) {
    r.report('currency', 'ingest.currency_invalid', { value: written });
    return null;
  }
  const currency = currencyOfMark(written, workbookCurrency);
  if (currency !== null && ofAmount !== null && currency !== ofAmount) {
    r.report('amount', 'ingest.currency_conflict', { amount_currency: ofAmount, currency });
  }
  return currency;
}

/** When a contact was associated with a deal; associated_at defaults to the deal's created_at. */
export function readDealContact(r: Reader<'DealContacts'>, deals: IdIndex<Deal> | null): DealContact | null {
  const dealId = r.requiredText('deal_id');
  const contactId = r.requiredText('contact_id');
  const associatedAt = r.date('associated_at');
  // A deal in another currency comes back too (lookUp warns): whoever won it converted (no Markov null path).
  const deal = lookUp(r, 'deal_id', dealId, deals, 'ingest.unknown_deal');
  if (r.failed || deal === null) return null;
  return { row: r.rowNumber, dealId, contactId, associatedAt: associatedAt ?? deal.createdAt };
}

/**
 * Money spent on a campaign; an amount in another currency than the workbook's is reported and read as null
 * (left out of every sum; the row still says the campaign has Spend rows).
 */
export function readSpend(r: Reader<'Spend'>, campaigns: IdIndex<Campaign> | null, workbookCurrency: string | null): Spend | null {
  const spend: Spend = {
    row: r.rowNumber,
    date: r.requiredDate('date'),
    campaignId: r.requiredText('campaign_id'),
    amount: r.requiredAmount('amount'),
    channel: r.ignorableText('channel'),
  };
  const campaign = lookUp(r, 'campaign_id', spend.campaignId, campaigns, 'ingest.unknown_campaign');
  if (r.failed || campaign === null) return null;
  return amountInOtherCurrency(r, 'amount', workbookCurrency, 'ingest.spend_currency_other') ? { ...spend, amount: null } : spend;
}
