import { ASSET_TYPES, INTERACTION_TYPES, SHEET_NAMES, SOURCES, type Cell, type DealStage, type Problem, type RawWorkbook, type SheetName } from '../types';
import { isHeaderCurrencyMark } from './numbers';
import { isInvisible } from './cells';

/** One column of an input sheet. */
export interface ColumnSpec {
  /** Canonical name: the CSV header and the name problems use. */
  readonly name: string;
  readonly required: boolean;
  /** Other headers accepted for it, matched like the name (see `normalizeHeader`). */
  readonly aliases: readonly string[];
  /** Read when a sheet has it, but not one of a new sheet's columns (canonicalHeaders). */
  readonly extra?: true;
}

const required = <N extends string>(name: N, ...aliases: string[]) => ({ name, required: true, aliases }) as const;
const optional = <N extends string>(name: N, ...aliases: string[]) => ({ name, required: false, aliases }) as const;
const extra = <N extends string>(name: N, ...aliases: string[]) => ({ name, required: false, aliases, extra: true }) as const;

const CREATED = ['created', 'created on', 'create date', 'creation date', 'created date'];

/**
 * The columns of every input sheet, in the order a new sheet gets them (product.md, "Input sheets"). The
 * aliases take HubSpot's export headers where they mean the column ("Record ID" of a deal or contact export,
 * "Associated Contact IDs", "Deal Name", "Deal Stage", "Create Date", "Close Date").
 */
export const COLUMN_SPECS = {
  Campaigns: [
    required('campaign_id', 'id'),
    required('name', 'campaign name', 'title'),
    optional('utm_campaign', 'utm', 'utm value'),
    optional('former_utm_campaigns', 'former utm campaign', 'former utm values', 'old utm campaigns', 'previous utm campaigns'),
    required('created_at', ...CREATED),
    optional('start_date', 'start', 'start at'),
    optional('end_date', 'end', 'end at'),
    optional('goal_sessions', 'sessions goal'),
    optional('goal_new_contacts', 'new contacts goal'),
    optional('goal_influenced_contacts', 'influenced contacts goal'),
    optional('goal_revenue', 'revenue goal'),
    optional('budget', 'campaign budget'),
  ],
  Assets: [
    required('asset_id', 'id', 'asset'),
    required('campaign_id', 'campaign'),
    required('type', 'asset type'),
    optional('name', 'asset name', 'title'),
    optional('url', 'link', 'page url', 'address'),
    optional('associated_at', 'associated', 'associated on', 'association date', 'linked at'),
    optional('published_at', 'published', 'published on', 'publish date'),
    optional('ab_group', 'a/b group', 'ab test', 'a/b test', 'variant group'),
    optional('ab_winner', 'a/b winner', 'winner', 'winning variant'),
    optional('keyword', 'keywords', 'search term'),
    optional('sent', 'emails sent'),
    optional('delivered', 'emails delivered'),
    optional('views', 'impressions'),
  ],
  Visits: [
    required('timestamp', 'date', 'datetime', 'date time', 'occurred at', 'event time'),
    // A separate time-of-day column beside a date column (an export with "Date" and "Time"): the date gives the
    // day, this the time, for dates that hold none (RowReader.requiredDateAt). A sheet whose only date-time
    // column is headed "Time" reads it as timestamp (STAND_INS).
    extra('time_of_day', 'time', 'time of day'),
    optional('visitor_id', 'visitor', 'cookie', 'cookie id', 'anonymous id'),
    optional('contact_id', 'contact'),
    optional('session_id', 'session'),
    optional('interaction_type', 'type', 'interaction', 'event type', 'activity type'),
    // GA4's exports name them "Landing page", "Page location", "Session source", "Session campaign", …
    optional('url', 'page url', 'page', 'link', 'landing page', 'page location', 'page path'),
    optional('asset_id', 'asset'),
    optional('utm_source', 'session source'),
    optional('utm_medium', 'session medium'),
    optional('utm_campaign', 'session campaign'),
    optional('utm_term', 'keyword'),
    optional('utm_content'),
    optional('referrer', 'referer', 'referrer url', 'referring url', 'page referrer'),
    optional('source', 'traffic source'),
    optional('manually_logged', 'manual', 'logged manually'),
  ],
  Deals: [
    required('deal_id', 'id', 'deal', 'record id'),
    optional('name', 'deal name'),
    required('amount', 'value', 'deal amount', 'deal value'),
    optional('currency', 'currency code'),
    required('stage', 'deal stage', 'status'),
    required('created_at', ...CREATED),
    optional('closed_at', 'closed', 'closed on', 'close date', 'closed date'),
    required('contact_ids', 'contacts', 'contact_id', 'associated contacts', 'associated contact ids'),
  ],
  Spend: [
    required('date', 'day', 'spend date'),
    required('campaign_id', 'campaign'),
    required('amount', 'spend', 'cost'),
    optional('channel'),
  ],
  DealContacts: [
    required('deal_id', 'deal'),
    required('contact_id', 'contact'),
    required('associated_at', 'associated', 'associated on', 'association date'),
  ],
  Contacts: [
    required('contact_id', 'id', 'contact', 'record id'),
    optional('created_at', ...CREATED),
    optional('email', 'email address'),
    optional('visitor_ids', 'visitor_id', 'visitors', 'cookies', 'cookie ids'),
  ],
} as const satisfies Readonly<Record<SheetName, readonly ColumnSpec[]>>;

/**
 * Optional columns of which a sheet needs at least one (product.md: Visits has "visitor_id, contact_id (at
 * least one of the two)"). `reportedAs` names the column a problem about the group is given, the one a
 * row without either gets its problem on.
 */
export const ONE_OF_COLUMNS: { readonly [S in SheetName]?: ReadonlyArray<{ readonly columns: readonly string[]; readonly reportedAs: string }> } = {
  Visits: [{ columns: ['visitor_id', 'contact_id'], reportedAs: 'contact_id' }],
};

/**
 * Optional columns of which a sheet should have at least one, or its rows cannot do what they are there for:
 * without url, asset_id or utm_campaign no visit can count for a campaign. A warning naming the columns not read,
 * when there are some.
 */
const WANTED_ONE_OF: { readonly [S in SheetName]?: ReadonlyArray<{ readonly columns: readonly string[]; readonly reportedAs: string }> } = {
  Visits: [{ columns: ['url', 'asset_id', 'utm_campaign'], reportedAs: 'url' }],
};

/** A column read in place of a missing required one: a Visits sheet whose only date-time column is headed "Time". */
const STAND_INS: { readonly [S in SheetName]?: Readonly<Record<string, string>> } = {
  Visits: { timestamp: 'time_of_day' },
};

/** The header row of a new sheet (sample writer, "create sheets"): canonical names in table order. */
export function canonicalHeaders(sheet: SheetName): string[] {
  return (COLUMN_SPECS[sheet] as readonly ColumnSpec[]).filter((spec) => !spec.extra).map((spec) => spec.name);
}

/** The canonical column names of a sheet, as a type. */
export type ColumnName<S extends SheetName> = (typeof COLUMN_SPECS)[S][number]['name'];

const TRAILING_UNIT = /\(([^()]*)\)\s*$/;

/** Header text as compared: lower case, no spaces, `_` or `-`, invisible marks or trailing unit such as "(EUR)". */
export function normalizeHeader(text: string): string {
  const visible = [...text].filter((ch) => !isInvisible(ch.charCodeAt(0))).join('');
  return visible.toLowerCase().replace(TRAILING_UNIT, '').replace(/[\s_-]+/g, '');
}

interface HeaderMatch {
  column: string;
  canonical: boolean;
  /** The last word of the name or alias matched ("at" of "published_at"), for misspeltHeaders. */
  lastWord: string;
}

function lastWord(header: string): string {
  const words = header.toLowerCase().replace(TRAILING_UNIT, '').trim().split(/[\s_-]+/);
  return words[words.length - 1];
}

const matchersBySheet = new Map<SheetName, ReadonlyMap<string, HeaderMatch>>();

function headerMatcher(sheet: SheetName): ReadonlyMap<string, HeaderMatch> {
  let matcher = matchersBySheet.get(sheet);
  if (!matcher) {
    const built = new Map<string, HeaderMatch>();
    for (const spec of COLUMN_SPECS[sheet] as readonly ColumnSpec[]) {
      for (const alias of spec.aliases) built.set(normalizeHeader(alias), { column: spec.name, canonical: false, lastWord: lastWord(alias) });
    }
    for (const spec of COLUMN_SPECS[sheet] as readonly ColumnSpec[]) {
      built.set(normalizeHeader(spec.name), { column: spec.name, canonical: true, lastWord: lastWord(spec.name) });
    }
    matchersBySheet.set(sheet, (matcher = built));
  }
  return matcher;
}

/**
 * Typing errors between two short texts: a character inserted, deleted or replaced, or two neighbours swapped
 * ("campaing"), each one edit (the optimal string alignment distance).
 */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const replace = rows[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      rows[i][j] = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, replace);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) rows[i][j] = Math.min(rows[i][j], rows[i - 2][j - 2] + 1);
    }
  }
  return rows[a.length][b.length];
}

/**
 * Warnings for headers that are no column's but a typing error or two from a column the sheet lacks
 * ("utm_campaing"): such a column is ignored like any extra one, and every figure that needs it would change
 * without a word. Short names need an exact match, as "name" is one edit from "game".
 */
function misspeltHeaders(sheet: SheetName, cells: ReadonlyArray<Cell>, index: Record<string, number>): Problem[] {
  const matcher = headerMatcher(sheet);
  const problems: Problem[] = [];
  cells.forEach((cell, i) => {
    if (cell === null || cell === undefined || cell === '') return;
    const key = normalizeHeader(String(cell));
    if (key.length < 5 || matcher.has(key)) return;
    // Two errors only from ten letters on ("utm_campagne", "Startdatum"): in a shorter header they make another
    // word ("Dealfase", Dutch for deal stage, is two letters from "deal name"), as they do when they put another
    // short last word in place ("Published by" is two from "published at", "Visitors IP" from "visitor id"), not
    // when they drop or add a letter of it ("Interacton tpe").
    const headerLastWord = lastWord(String(cell));
    let best: { column: string; distance: number } | null = null;
    for (const [known, match] of matcher) {
      const letterDroppedOrAdded = Math.abs(headerLastWord.length - match.lastWord.length) === 1 && editDistance(headerLastWord, match.lastWord) === 1;
      const swapsShortWord = Math.min(headerLastWord.length, match.lastWord.length) <= 3 && headerLastWord !== match.lastWord && !letterDroppedOrAdded;
      const allowed = key.length < 10 || swapsShortWord ? 1 : 2;
      if (index[match.column] >= 0 || Math.abs(known.length - key.length) > allowed) continue;
      const distance = editDistance(key, known);
      if (distance <= allowed && (best === null || distance < best.distance)) best = { column: match.column, distance };
    }
    if (best === null) return;
    problems.push({
      severity: 'warning', sheet, row: 1, column: best.column, messageId: 'ingest.column_misspelt',
      params: { header: String(cell).trim(), letter: columnLetters(i + 1), column: best.column }, fatal: false,
    });
  });
  return problems;
}

/** Spreadsheet column letters of a column numbered from 1, as Sheets and Excel number them: 1 → A, 27 → AA. */
export function columnLetters(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

export interface ResolvedHeader<S extends SheetName> {
  /** 0-based position of each canonical column in the rows; -1 when the sheet lacks it. */
  index: Readonly<Record<ColumnName<S>, number>>;
  /** False when a required column (or every column of a ONE_OF_COLUMNS group) is missing: the rows cannot be read. */
  usable: boolean;
  /** Per column whose header ends in a currency ("Amount (USD)", "Budget (€)"): that mark, the column's currency. */
  currencyMarks: Partial<Record<ColumnName<S>, string>>;
}

/**
 * Finds each column of `sheet` in its header row (row 1). Any order, extra columns ignored. A header with
 * the canonical name beats an alias; two headers of the same rank: the first is used, with a warning.
 * A missing required column, or a sheet without any column of a ONE_OF_COLUMNS group, is a fatal
 * problem on row 1.
 */
export function resolveHeader<S extends SheetName>(sheet: S, header: ReadonlyArray<Cell> | undefined, problems: Problem[]): ResolvedHeader<S> {
  const specs = COLUMN_SPECS[sheet] as readonly ColumnSpec[];
  const index: Record<string, number> = {};
  const canonicalAt: Record<string, boolean> = {};
  for (const spec of specs) index[spec.name] = -1;
  const matcher = headerMatcher(sheet);
  const cells = header ?? [];
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i];
    if (cell === null || cell === undefined || cell === '') continue;
    const match = matcher.get(normalizeHeader(String(cell)));
    if (!match) continue;
    const seenAt = index[match.column];
    if (seenAt >= 0 && match.canonical !== canonicalAt[match.column]) {
      // The column's own name wins over an alias ("amount" over "Deal value"), wherever it stands.
      const [used, ignored] = match.canonical ? [i, seenAt] : [seenAt, i];
      problems.push({
        severity: 'warning', sheet, row: 1, column: match.column, messageId: 'ingest.column_alias_ignored',
        params: {
          column: match.column, used: columnLetters(used + 1), used_header: String(cells[used]).trim(),
          ignored: columnLetters(ignored + 1), header: String(cells[ignored]).trim(),
        },
        fatal: false,
      });
    }
    if (seenAt < 0 || (match.canonical && !canonicalAt[match.column])) {
      index[match.column] = i;
      canonicalAt[match.column] = match.canonical;
    } else if (match.canonical === canonicalAt[match.column]) {
      problems.push({
        severity: 'warning', sheet, row: 1, column: match.column, messageId: 'ingest.column_duplicate',
        params: {
          column: match.column, first: columnLetters(seenAt + 1), first_header: String(cells[seenAt]).trim(),
          second: columnLetters(i + 1), header: String(cell).trim(),
        },
        fatal: false,
      });
    }
  }
  // Before the stand-ins: "Timestmp" beside "Time" is the timestamp misspelt, not a column the sheet can do without.
  problems.push(...misspeltHeaders(sheet, cells, index));
  for (const [column, standIn] of Object.entries<string>(STAND_INS[sheet] ?? {})) {
    if (index[column] >= 0 || index[standIn] < 0) continue;
    index[column] = index[standIn];
    index[standIn] = -1;
  }
  // Header problems are on row 1, the header row (cli.md prints problems as sheet:row:column).
  let usable = true;
  for (const spec of specs) {
    if (!spec.required || index[spec.name] >= 0) continue;
    usable = false;
    problems.push({
      severity: 'error', sheet, row: 1, column: spec.name, messageId: 'ingest.column_missing',
      params: { column: spec.name, aliases: [spec.name, ...spec.aliases].join(', ') }, fatal: true,
    });
  }
  for (const group of ONE_OF_COLUMNS[sheet] ?? []) {
    if (group.columns.some((name) => index[name] >= 0)) continue;
    usable = false;
    const aliases = group.columns.flatMap((name) => {
      const spec = specs.find((s) => s.name === name) as ColumnSpec;
      return [spec.name, ...spec.aliases];
    });
    problems.push({
      severity: 'error', sheet, row: 1, column: group.reportedAs, messageId: 'ingest.columns_missing_one_of',
      params: { columns: group.columns.join(', '), aliases: aliases.join(', ') }, fatal: true,
    });
  }
  for (const group of usable ? WANTED_ONE_OF[sheet] ?? [] : []) {
    if (group.columns.some((name) => index[name] >= 0)) continue;
    const read = new Set(Object.values(index));
    const unread = cells.flatMap((cell, i) => (read.has(i) || cell === null || cell === undefined || String(cell).trim() === '' ? [] : [String(cell).trim()]));
    // Said when the sheet has columns it does not read: one of them likely holds what is missing, under another name.
    if (unread.length === 0) continue;
    problems.push({
      severity: 'warning', sheet, row: 1, column: group.reportedAs, messageId: 'ingest.campaign_columns_missing',
      params: { columns: group.columns.join(', '), unread: unread.join(', ') }, fatal: false,
    });
  }
  const currencyMarks: Record<string, string> = {};
  for (const [column, i] of Object.entries(index)) {
    const unit = i < 0 ? undefined : TRAILING_UNIT.exec(String(cells[i]))?.[1].trim();
    if (unit !== undefined && isHeaderCurrencyMark(unit)) currencyMarks[column] = unit;
  }
  return { index: index as Record<ColumnName<S>, number>, usable, currencyMarks: currencyMarks as ResolvedHeader<S>['currencyMarks'] };
}

/** The positions of a header's columns that a sheet reads: a row blank in all of them is no record. */
export function readPositions(index: Readonly<Record<string, number>>): number[] {
  return Object.values(index).filter((position) => position >= 0);
}

export type ColumnKind = 'text' | 'date' | 'datetime' | 'time' | 'amount' | 'count' | 'checkbox' | { list: readonly string[] };

const STAGES: readonly DealStage[] = ['won', 'lost', 'open'];

/**
 * What each column holds, for the add-on's new sheets (formats, dropdowns) and the command line's xlsx reader
 * (which numbers are date serials); columns not listed hold text.
 */
export const COLUMN_KINDS: { [S in SheetName]: Partial<Record<ColumnName<S>, ColumnKind>> } = {
  Campaigns: {
    created_at: 'datetime', start_date: 'date', end_date: 'date', goal_sessions: 'count', goal_new_contacts: 'count',
    goal_influenced_contacts: 'count', goal_revenue: 'amount', budget: 'amount',
  },
  Assets: {
    type: { list: ASSET_TYPES }, associated_at: 'datetime', published_at: 'datetime', ab_winner: 'checkbox', sent: 'count',
    delivered: 'count', views: 'count',
  },
  Visits: { timestamp: 'datetime', time_of_day: 'time', interaction_type: { list: INTERACTION_TYPES }, source: { list: SOURCES }, manually_logged: 'checkbox' },
  Deals: { amount: 'amount', stage: { list: STAGES }, created_at: 'datetime', closed_at: 'datetime' },
  Spend: { date: 'date', campaign_id: 'text', amount: 'amount' },
  DealContacts: { associated_at: 'datetime' },
  Contacts: { created_at: 'datetime' },
};

/** The columns of a sheet whose kind passes `test`: its date columns, its amount columns. */
export function columnsOfKind(sheet: SheetName, test: (kind: ColumnKind) => boolean): string[] {
  return Object.entries(COLUMN_KINDS[sheet] as Record<string, ColumnKind>).filter(([, kind]) => test(kind)).map(([column]) => column);
}

/** Columns of money, whose cells may show their currency by their number format alone (amountWithFormatCurrency). */
export const amountColumns = (sheet: SheetName) => columnsOfKind(sheet, (kind) => kind === 'amount');

/**
 * Ingest names a problem's column by its canonical name ("closed_at"); the user knows it by their header: the
 * one `mapped` gives (a header the user chose for it), else the one it was found under ("Close Date", an alias)
 * in the header row of `raw`, the sheets as read, else the canonical name.
 */
export function withUserHeaders(
  problems: readonly Problem[], raw: RawWorkbook, mapped: (sheet: SheetName, column: string) => string | undefined = () => undefined,
): Problem[] {
  const indexes = new Map<SheetName, Record<string, number>>();
  const headerOf = (sheet: SheetName, column: string): string => {
    const chosen = mapped(sheet, column);
    if (chosen !== undefined) return chosen;
    const header = raw[sheet]?.[0];
    if (header === undefined) return column;
    let index = indexes.get(sheet);
    if (index === undefined) indexes.set(sheet, (index = resolveHeader(sheet, header, []).index as Record<string, number>));
    const at = index[column] ?? -1;
    const text = at < 0 ? '' : String(header[at] ?? '').trim();
    return text === '' ? column : text;
  };
  const isSheet = (sheet: string): sheet is SheetName => (SHEET_NAMES as readonly string[]).includes(sheet);
  return problems.map((p) => (p.column === null || !isSheet(p.sheet) ? p : { ...p, column: headerOf(p.sheet, p.column) }));
}
