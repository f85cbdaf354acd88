import type { MessageId } from './messages';

// The typed records every part of the product shares. Times are epoch milliseconds (UTC instants):
// plain numbers compare and sort fast, and the workbook's zone only matters when reading a cell or
// naming a calendar day, which src/core/time.ts does.

/** One cell as `Range.getValues()` returns it (CSV readers give strings; null/undefined mean empty). */
export type Cell = string | number | boolean | Date | null | undefined;
/** A sheet as a 2-D array, header row first. */
export type SheetRows = ReadonlyArray<ReadonlyArray<Cell>>;

export const SHEET_NAMES = ['Campaigns', 'Assets', 'Visits', 'Deals', 'Spend', 'DealContacts', 'Contacts'] as const;
export type SheetName = (typeof SHEET_NAMES)[number];
export const REQUIRED_SHEETS: readonly SheetName[] = ['Campaigns', 'Assets', 'Visits', 'Deals'];

/** The raw input: sheet name to rows. Optional sheets may be absent. */
export type RawWorkbook = Partial<Record<SheetName, SheetRows>>;

export const ASSET_TYPES = [
  'landing_page', 'website_page', 'blog_post', 'email', 'social_post', 'cta', 'ad', 'paid_search',
  'tracking_url', 'form', 'workflow', 'static_list', 'marketing_event', 'other',
] as const;
export type AssetType = (typeof ASSET_TYPES)[number];

export const INTERACTION_TYPES = [
  'page_view', 'form_submission', 'email_open', 'email_click', 'cta_click', 'ad_click', 'social_click',
  'meeting', 'call', 'chat', 'marketing_event', 'workflow_enrollment', 'list_membership', 'offline',
] as const;
export type InteractionType = (typeof INTERACTION_TYPES)[number];

export const SOURCES = [
  'email', 'paid_search', 'paid_social', 'organic_social', 'other_campaigns', 'organic_search', 'referral',
  'direct', 'offline',
] as const;
export type Source = (typeof SOURCES)[number];

export type DealStage = 'won' | 'lost' | 'open';

export interface Campaign {
  row: number;
  id: string;
  name: string;
  /** Current utm_campaign value as typed (matching trims and lower-cases). */
  utmCampaign: string | null;
  formerUtmCampaigns: string[];
  createdAt: number;
  startDate: number | null;
  endDate: number | null;
  goals: { sessions: number | null; newContacts: number | null; influencedContacts: number | null; revenue: number | null };
  budget: number | null;
}

export interface Asset {
  row: number;
  id: string;
  campaignId: string;
  type: AssetType;
  name: string;
  url: string | null;
  /** When the asset was linked to the campaign; defaults to the campaign's createdAt during ingest. */
  associatedAt: number;
  publishedAt: number | null;
  abGroup: string | null;
  abWinner: boolean;
  keyword: string | null;
  sent: number | null;
  delivered: number | null;
  views: number | null;
}

export interface Utm {
  source: string | null;
  medium: string | null;
  campaign: string | null;
  term: string | null;
  content: string | null;
}

export interface Visit {
  row: number;
  timestamp: number;
  visitorId: string | null;
  contactId: string | null;
  sessionId: string | null;
  type: InteractionType;
  url: string | null;
  assetId: string | null;
  utm: Utm;
  referrer: string | null;
  /** The `source` cell, which overrides the derived source. */
  source: Source | null;
  manuallyLogged: boolean;
}

export interface Deal {
  row: number;
  id: string;
  name: string;
  amount: number;
  /** Upper-case ISO code when given; null means the workbook's currency. */
  currency: string | null;
  stage: DealStage;
  createdAt: number;
  closedAt: number | null;
  contactIds: string[];
}

export interface Spend {
  row: number;
  date: number;
  campaignId: string;
  /**
   * Null when written in another currency than the workbook's: left out of every sum, while the campaign still
   * has Spend rows (so its budget is not used in their stead).
   */
  amount: number | null;
  channel: string | null;
}

export interface DealContact {
  row: number;
  dealId: string;
  contactId: string;
  /** Defaults to the deal's createdAt during ingest. */
  associatedAt: number;
}

export interface Contact {
  row: number;
  id: string;
  createdAt: number | null;
  email: string | null;
  visitorIds: string[];
}

/** Typed, cross-checked input. Rows with errors are left out (and reported); warnings keep the row. */
export interface Workbook {
  campaigns: Campaign[];
  assets: Asset[];
  visits: Visit[];
  deals: Deal[];
  /**
   * Deals in another currency than the workbook's: in no sum (§ product "one currency"), but a contact who won
   * one converted, so it is no Markov null path. DealContacts rows for them are in dealContacts.
   */
  otherCurrencyDeals: Deal[];
  spend: Spend[];
  dealContacts: DealContact[];
  contacts: Contact[];
}

export type Severity = 'error' | 'warning';

export interface Problem {
  severity: Severity;
  sheet: string;
  /** The row number a user sees in Sheets (header = 1); null for a whole sheet or column. */
  row: number | null;
  /** Canonical column name; null for a whole row or sheet. */
  column: string | null;
  /** Message catalogue id and its parameters: rendered in the user's language by `formatMessage`. */
  messageId: MessageId;
  params: Record<string, string | number>;
  /** True when the report cannot run at all (a required sheet or column is missing). */
  fatal: boolean;
}

export interface IngestOptions {
  /** IANA zone for dates without a zone (the workbook's zone). */
  tz: string;
  /** BCP 47 locale that settles ambiguous dates (03/04/2024) and numbers (1.234); null = ambiguous is a problem. */
  locale: string | null;
  /**
   * The workbook's currency (ISO code); deals in another currency are reported and left out. Null: the one
   * the deals name most often, else the spend and campaign amounts (workbook-currency.ts), else none.
   */
  currency: string | null;
}

export interface IngestResult {
  workbook: Workbook;
  problems: Problem[];
  /** The workbook currency the amounts were read in (options.currency, else the amounts' vote); null: none named. */
  currency: string | null;
}

/**
 * The longest lookback window the command line and the add-on accept, in days (the engine's
 * `lookbackDays`): about a century, longer than any journey, so a larger number is a typing error. Here
 * rather than in the engine so the sidebar can check what is typed without bundling the engine.
 */
export const MAX_LOOKBACK_DAYS = 36_500;
