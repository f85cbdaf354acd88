// Small hand-written workbooks for the ingest tests: one valid row per required sheet, which a test
// replaces sheet by sheet.
import type { Cell, IngestOptions, Problem, RawWorkbook, SheetName } from '../../../src/core/types';

export const UTC: IngestOptions = { tz: 'UTC', locale: null, currency: null };

export const at = (iso: string): number => Date.parse(iso);

type Rows = Cell[][];

export const BASE: Record<'Campaigns' | 'Assets' | 'Visits' | 'Deals', Rows> = {
  Campaigns: [
    ['campaign_id', 'name', 'created_at'],
    ['C1', 'Spring launch', '2024-01-01'],
  ],
  Assets: [
    ['asset_id', 'campaign_id', 'type'],
    ['A1', 'C1', 'landing_page'],
  ],
  Visits: [
    ['timestamp', 'visitor_id', 'contact_id', 'url'],
    ['2024-02-01T10:00:00Z', 'V1', 'K1', 'https://example.com/'],
  ],
  Deals: [
    ['deal_id', 'amount', 'stage', 'created_at', 'closed_at', 'contact_ids'],
    ['D1', 100, 'won', '2024-02-02', '2024-02-03', 'K1'],
  ],
};

/** The base workbook with some sheets replaced (or removed with `undefined`). */
export function workbook(sheets: Partial<Record<SheetName, Rows | undefined>> = {}): RawWorkbook {
  const raw: RawWorkbook = { ...BASE };
  for (const [name, rows] of Object.entries(sheets) as [SheetName, Rows | undefined][]) {
    if (rows === undefined) delete raw[name];
    else raw[name] = rows;
  }
  return raw;
}

/** A problem as a test states it: what, where. */
export function brief(p: Problem): string {
  return `${p.severity} ${p.sheet}:${p.row ?? '-'}:${p.column ?? '-'} ${p.messageId}${p.fatal ? ' FATAL' : ''}`;
}

export function briefs(problems: readonly Problem[], sheet?: string): string[] {
  return problems.filter((p) => sheet === undefined || p.sheet === sheet).map(brief);
}
