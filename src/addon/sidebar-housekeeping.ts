import {
  ASSET_TYPE_ENUM, columnLetters, ingestWorkbook, isBlankRow, isCellIssue, parseEnumCell, parseListCell, parseTextCell, resolveHeader,
} from '../core/ingest';
import { formatMessage, type Language, type MessageId } from '../core/messages';
import { epochToSerial, wallClockMinute } from '../core/time';
import type { Asset, Campaign, Cell, SheetName, Workbook } from '../core/types';
import { AddonError } from './addon-error';
import { isWebAddress } from './custom-functions-url';
import { onTabs, readDataSheets } from './data-sheets';
import { refreshAfterOwnChange } from './formula-facts-source';
import type { GasServices } from './gas-adapters';
import type { SheetPort, SpreadsheetPort, WrittenCell } from './ports';
import { dataSheetNames, userLanguage, type DataSheetNames } from './settings';
import { nextCampaignId, unique, utmOf } from './sidebar-names';
import { DATE_TIME_FORMAT, withDocumentLock } from './sidebar-setup';
import { renderProblem } from '../core/report/problems';
import { settingsOf } from './validation';

// Campaign housekeeping, as the source tool's FAQ describes it, done so that its rules hold by construction:
// a new campaign gets created_at now and a utm value of its own; a renamed campaign gets a new utm value and
// keeps the old one in former_utm_campaigns (old links still count for it); linking an asset adds an Assets
// row with associated_at now (nothing counts retroactively; a non-workflow asset moves). These are the only
// writes the add-on ever makes to the user's data sheets: one row each, and only once the user confirmed
// the exact row (`confirmed` false only describes it; confirmed, the call brings back the row it showed, and
// a row that changed meanwhile is asked about again instead of written).

export type CampaignChange =
  | { kind: 'create_campaign'; name: string }
  | { kind: 'rename_campaign'; campaignId: string; name: string }
  | { kind: 'link_asset'; campaignId: string; assetId: string; type: string; name: string; url: string };

export interface ChangedCell {
  column: string;
  value: string;
}

/** The row the user was shown and confirmed: the sheet, row and cells of the 'confirm' outcome, as received. */
export type ShownRow = Pick<ChangeOutcome, 'sheet' | 'row' | 'cells'>;

export interface ChangeOutcome {
  /**
   * 'confirm': nothing was written; ask the question (again, when the row differs from the one confirmed).
   * 'done': the row is written.
   */
  status: 'confirm' | 'done';
  /** The question to confirm, or what was done. */
  message: string;
  /** The tab and the row number (as Sheets shows it) written or to be written. */
  sheet: string;
  row: number;
  /** The cells written or to be written, as the user will read them. */
  cells: ChangedCell[];
}

/** One row's writes, worked out before anything is written. */
interface Plan {
  sheet: SheetName;
  /** 0 appends a row. */
  row: number;
  values: Array<{ column: string; value: WrittenCell; shown: string; date?: boolean }>;
  /** The question asked, and what is said once done. */
  question: string;
  done: string;
}

interface Context {
  spreadsheet: SpreadsheetPort;
  names: DataSheetNames;
  raw: Partial<Record<SheetName, Cell[][]>>;
  workbook: Workbook;
  language: Language;
  t: (id: MessageId, params?: Record<string, string | number>) => string;
  /** Now, as a Sheets date-time serial and as shown. */
  now: { serial: number; shown: string };
}

export function changeCampaigns(services: GasServices, change: CampaignChange, confirmed: boolean, shown?: unknown): ChangeOutcome {
  if (!confirmed) return outcome('confirm', describe(readContext(services), change));
  const result = withDocumentLock(services, () => {
    // Worked out again under the lock: another editor may have added a row since the question was asked.
    const context = readContext(services);
    const plan = describe(context, change);
    if (!isShownRow(shown)) return outcome('confirm', plan);
    if (!sameRow(plan, shown)) return outcome('confirm', { ...plan, question: context.t('sidebar.change.changed_since', { question: plan.question }) });
    const kept = write(context, plan);
    const done = kept.length === 0 ? plan.done : `${plan.done} ${context.t('sidebar.change.formulas_kept', { cells: kept.join(', ') })}`;
    return outcome('done', { ...plan, done });
  });
  if (result.status === 'done') refreshAfterOwnChange(services);
  return result;
}

function isShownRow(value: unknown): value is ShownRow {
  const row = value as Partial<ShownRow> | null | undefined;
  return typeof row === 'object' && row !== null && typeof row.sheet === 'string' && typeof row.row === 'number' && Array.isArray(row.cells);
}

/**
 * The plan writes what the user confirmed: the same tab, row, columns and values. Date-times are "now" and
 * are not compared (minutes pass between asking and confirming).
 */
function sameRow(plan: PlacedPlan, shown: ShownRow): boolean {
  return shown.sheet === plan.tab && shown.row === plan.at && shown.cells.length === plan.values.length
    && plan.values.every((v, i) => shown.cells[i]?.column === v.column && (v.date === true || shown.cells[i]?.value === v.shown));
}

/** A plan placed on the user's tab: `at` is the row number as Sheets shows it. */
type PlacedPlan = Plan & { tab: string; at: number };

function outcome(status: ChangeOutcome['status'], plan: PlacedPlan): ChangeOutcome {
  return {
    status,
    message: status === 'done' ? plan.done : plan.question,
    sheet: plan.tab,
    row: plan.at,
    cells: plan.values.map(({ column, shown }) => ({ column, value: shown })),
  };
}

function readContext(services: GasServices): Context {
  const spreadsheet = services.spreadsheetApp.getActiveSpreadsheet();
  const documentProperties = services.propertiesService.getDocumentProperties();
  const reading = settingsOf(spreadsheet, documentProperties);
  const language = userLanguage(services.propertiesService.getUserProperties(), reading.locale);
  const names = dataSheetNames(documentProperties);
  const raw = readDataSheets(spreadsheet, names, ['Campaigns', 'Assets']) as Partial<Record<SheetName, Cell[][]>>;
  const ingested = ingestWorkbook(raw, { tz: reading.timeZone, locale: reading.locale, currency: reading.currency });
  const unreadable = onTabs(ingested.problems, names, raw).find((p) => p.fatal && (p.sheet === names.Campaigns || p.sheet === names.Assets));
  if (unreadable) {
    const { location, message } = renderProblem(unreadable, language);
    throw new AddonError('sidebar.change.unreadable', { location, message });
  }
  const nowMs = Date.now();
  const shown = wallClockMinute(nowMs, reading.timeZone);
  return {
    spreadsheet, names, raw, workbook: ingested.workbook, language,
    t: (id, params) => formatMessage(id, params, language),
    now: { serial: epochToSerial(nowMs, reading.timeZone), shown },
  };
}

/** A column's values on every row of the sheet as typed (rows with problems included: their ids are taken too). */
function columnValues(context: Context, sheet: SheetName, column: string): string[] {
  const rows = context.raw[sheet] ?? [];
  const { index } = resolveHeader(sheet, rows[0], []) as { index: Record<string, number> };
  const at = index[column];
  return at === undefined || at < 0 ? [] : rows.slice(1).map((row) => parseTextCell(row[at]) ?? '').filter((v) => v !== '');
}

/** Every utm value in use, current and former, except the given campaign's own. */
function takenUtms(context: Context, except: Campaign | null): Set<string> {
  const taken = new Set<string>();
  for (const campaign of context.workbook.campaigns) {
    if (campaign === except) continue;
    for (const utm of [campaign.utmCampaign, ...campaign.formerUtmCampaigns]) if (utm) taken.add(utm.trim().toLowerCase());
  }
  // Rows with problems are not in the workbook, but their values are the user's all the same.
  if (except === null) {
    for (const utm of columnValues(context, 'Campaigns', 'utm_campaign')) taken.add(utm.toLowerCase());
    for (const cell of columnValues(context, 'Campaigns', 'former_utm_campaigns')) {
      for (const utm of parseListCell(cell)) taken.add(utm.toLowerCase());
    }
  }
  return taken;
}

function campaignById(context: Context, id: string): Campaign {
  const campaign = context.workbook.campaigns.find((c) => c.id === id);
  if (!campaign) throw new AddonError('sidebar.change.campaign_unknown', { id: String(id) });
  return campaign;
}

function checkedName(context: Context, name: unknown, except: Campaign | null): string {
  const trimmed = typeof name === 'string' ? name.trim() : '';
  if (trimmed === '') throw new AddonError('sidebar.change.name_missing');
  const other = context.workbook.campaigns.find((c) => c !== except && c.name.trim().toLowerCase() === trimmed.toLowerCase());
  if (other) throw new AddonError('sidebar.change.name_taken', { name: trimmed, id: other.id });
  return trimmed;
}

const text = (column: string, value: string) => ({ column, value, shown: value });

/**
 * The last row holding data (header = 1): a new row goes below it. Not the data range's last row, which
 * unticked checkboxes (FALSE all the way down a validated column) can stretch to the bottom of the sheet.
 */
function lastDataRow(rows: readonly Cell[][]): number {
  let last = rows.length;
  while (last > 1 && isBlankRow(rows[last - 1])) last--;
  return Math.max(last, 1);
}

function describe(context: Context, change: CampaignChange): PlacedPlan {
  const plan = planOf(context, change);
  return { ...plan, tab: context.names[plan.sheet], at: plan.row === 0 ? lastDataRow(context.raw[plan.sheet] ?? []) + 1 : plan.row };
}

function planOf(context: Context, change: CampaignChange): Plan {
  const { t } = context;
  switch (change.kind) {
    case 'create_campaign': {
      const name = checkedName(context, change.name, null);
      const id = nextCampaignId(columnValues(context, 'Campaigns', 'campaign_id'), name);
      const utm = unique(utmOf(name), takenUtms(context, null), '_');
      const values: Plan['values'] = [
        text('campaign_id', id), text('name', name), text('utm_campaign', utm),
        { column: 'created_at', value: context.now.serial, shown: context.now.shown, date: true },
      ];
      return {
        sheet: 'Campaigns', row: 0, values,
        question: t('sidebar.change.confirm_create', { sheet: context.names.Campaigns }),
        done: t('sidebar.change.created', { name, utm }),
      };
    }
    case 'rename_campaign': {
      const campaign = campaignById(context, change.campaignId);
      const name = checkedName(context, change.name, campaign);
      if (name === campaign.name) throw new AddonError('sidebar.change.name_same', { name });
      const old = campaign.utmCampaign?.trim() ?? '';
      const base = utmOf(name);
      const utm = old.toLowerCase() === base ? old : unique(base, takenUtms(context, campaign), '_');
      const values: Plan['values'] = [text('name', name)];
      if (utm !== old) {
        const former = campaign.formerUtmCampaigns.filter((v) => v.toLowerCase() !== utm.toLowerCase());
        if (old !== '' && !former.some((v) => v.toLowerCase() === old.toLowerCase())) former.push(old);
        values.push(text('utm_campaign', utm), text('former_utm_campaigns', former.join(', ')));
      }
      return {
        sheet: 'Campaigns', row: campaign.row, values,
        question: t(old === '' || utm === old ? 'sidebar.change.confirm_rename' : 'sidebar.change.confirm_rename_utm', {
          old: campaign.name, name, utm, former: old, row: campaign.row, sheet: context.names.Campaigns,
        }),
        done: t('sidebar.change.renamed', { old: campaign.name, name }),
      };
    }
    case 'link_asset':
      return linkPlan(context, change);
    default:
      throw new AddonError('sidebar.change.kind_unknown', { kind: String((change as { kind: unknown }).kind) });
  }
}

function linkPlan(context: Context, change: Extract<CampaignChange, { kind: 'link_asset' }>): Plan {
  const { t } = context;
  const campaign = campaignById(context, change.campaignId);
  const assetId = typeof change.assetId === 'string' ? change.assetId.trim() : '';
  if (assetId === '') throw new AddonError('sidebar.change.asset_missing');
  const links: Asset[] = context.workbook.assets.filter((a) => a.id === assetId);
  const typed = parseEnumCell(typeof change.type === 'string' ? change.type : '', ASSET_TYPE_ENUM);
  const type = typed === null ? links[0]?.type ?? null : isCellIssue(typed) ? null : typed;
  if (type === null) throw new AddonError('sidebar.change.type_unknown', { type: String(change.type ?? ''), allowed: ASSET_TYPE_ENUM.values.join(', ') });
  if (links.length > 0 && links[0].type !== type) {
    // The types are the Assets sheet's own cell values, quoted as such.
    throw new AddonError('sidebar.change.type_differs', { id: assetId, type, current: links[0].type, sheet: context.names.Assets });
  }
  if (links.some((a) => a.campaignId === campaign.id)) throw new AddonError('sidebar.change.already_linked', { id: assetId, name: campaign.name });
  const name = (typeof change.name === 'string' ? change.name.trim() : '') || links[0]?.name || '';
  const url = (typeof change.url === 'string' ? change.url.trim() : '') || links[0]?.url || '';
  // URLs compare whole: one without https:// never matches a visit. Refused in the Tracking URL panel's words.
  if (url !== '' && !isWebAddress(url)) throw new AddonError('addon.fn.url_invalid', { value: url });
  const values: Plan['values'] = [
    text('asset_id', assetId), text('campaign_id', campaign.id), text('type', type),
    ...(name === '' ? [] : [text('name', name)]), ...(url === '' ? [] : [text('url', url)]),
    { column: 'associated_at', value: context.now.serial, shown: context.now.shown, date: true },
  ];
  const question = t('sidebar.change.confirm_link', { sheet: context.names.Assets, name: campaign.name });
  // Only workflows may belong to several campaigns; any other asset moves, and counts for the new one from now on.
  const from = type === 'workflow' ? undefined : links.find((a) => a.campaignId !== campaign.id);
  const fromName = from && (context.workbook.campaigns.find((c) => c.id === from.campaignId)?.name ?? from.campaignId);
  return {
    sheet: 'Assets', row: 0, values,
    question: fromName === undefined ? question : `${question} ${t('sidebar.change.moves', { id: assetId, from: fromName, name: campaign.name })}`,
    done: t(fromName === undefined ? 'sidebar.change.linked' : 'sidebar.change.moved', { id: assetId, name: campaign.name, from: fromName ?? '' }),
  };
}

/**
 * Writes the plan's cells: text as text, dates as dates; columns the sheet lacks get a header first. The
 * sheet is grown once; the new headers are one batch write, and the row is one batch write (values and
 * formats) per run of adjacent columns: one in the usual layout. Cells between the plan's columns are the
 * user's (a formula filled down, a date) and are never rewritten, so columns apart are written apart.
 * The user confirmed the whole row: when a later write fails, the earlier ones are undone, newest first, so
 * that half a row (a link without its associated_at, counting for the campaign back to its creation) never stands.
 */
function write(context: Context, plan: PlacedPlan): string[] {
  const sheet = context.spreadsheet.getSheetByName(plan.tab);
  if (!sheet) throw new AddonError('ingest.sheet_missing', { sheet: plan.tab });
  const header = [...(context.raw[plan.sheet]?.[0] ?? [])];
  const { index } = resolveHeader(plan.sheet, header, []) as { index: Record<string, number> };
  const firstNew = header.length + 1;
  const added: string[] = [];
  const cells = plan.values.map((v) => {
    if (!(index[v.column] >= 0)) {
      added.push(v.column);
      index[v.column] = header.length + added.length - 1;
    }
    return { column: index[v.column] + 1, value: v.value, shown: v.shown, date: v.date === true, format: v.date ? DATE_TIME_FORMAT : '@' };
  }).sort((a, b) => a.column - b.column);

  const undo: Array<() => void> = [];
  try {
    const lastColumn = cells[cells.length - 1].column;
    const maxRows = sheet.getMaxRows();
    if (maxRows < plan.at) {
      sheet.insertRowsAfter(maxRows, plan.at - maxRows);
      undo.push(() => sheet.deleteRows(maxRows + 1, plan.at - maxRows));
    }
    const maxColumns = sheet.getMaxColumns();
    if (maxColumns < lastColumn) {
      sheet.insertColumnsAfter(maxColumns, lastColumn - maxColumns);
      undo.push(() => sheet.deleteColumns(maxColumns + 1, lastColumn - maxColumns));
    }
    if (added.length > 0) writeRun(sheet, 1, firstNew, added.map((column) => ({ value: column, format: '@' })), undo);
    const kept: number[] = [];
    let start = 0;
    for (let i = 1; i <= cells.length; i++) {
      if (i < cells.length && cells[i].column === cells[i - 1].column + 1) continue;
      kept.push(...writeRun(sheet, plan.at, cells[start].column, cells.slice(start, i), undo));
      start = i;
    }
    if (kept.length > 0) checkKeptFormulas(sheet, plan.at, cells, kept);
    return kept.map((column) => `${columnLetters(column)}${plan.at}`);
  } catch (e) {
    for (const step of undo.reverse()) {
      try {
        step();
      } catch {
        // Each step on its own: one that fails does not keep the others from putting their cells back.
      }
    }
    throw e;
  }
}

/**
 * A formula kept in the row must give what the user confirmed: one that gives something else (the name's utm
 * where another was needed, a campaign of its own) would make the row say what nobody confirmed. Read once
 * the row is written, as Sheets then works it out; a difference throws, and the write is undone.
 */
function checkKeptFormulas(
  sheet: SheetPort, row: number, cells: ReadonlyArray<{ column: number; shown: string; date: boolean }>, kept: readonly number[],
): void {
  const first = cells[0].column;
  const shown = sheet.getRange(row, first, 1, cells[cells.length - 1].column - first + 1).getDisplayValues()[0];
  // A date-time is "now": no formula gives the minute the row was confirmed in.
  const differs = cells.find((cell) => kept.includes(cell.column) && (cell.date || shown[cell.column - first] !== cell.shown));
  if (differs) {
    const cell = `${columnLetters(differs.column)}${row}`;
    if (differs.date) throw new AddonError('sidebar.change.formula_in_date', { cell });
    throw new AddonError('sidebar.change.formula_differs', { cell, value: shown[differs.column - first], planned: differs.shown });
  }
}

/**
 * Adjacent cells of one row, formats first: a value written into a plain-text cell stays the text it is.
 * Before writing, adds to `undo` what puts the cells back: their formats, then each one's formula, else its value.
 * A cell holding a formula (one filled down the column, say) is the user's and keeps it: the cells on either
 * side are written apart. Returns the kept cells' columns.
 */
function writeRun(
  sheet: SheetPort, row: number, column: number, cells: ReadonlyArray<{ value: WrittenCell; format: string }>, undo: Array<() => void>,
): number[] {
  const range = sheet.getRange(row, column, 1, cells.length);
  const formats = range.getNumberFormats();
  const formulas = range.getFormulas();
  const values = range.getValues();
  undo.push(() => range.setNumberFormats(formats).setValues(values.map((line, r) => line.map((value, c) => formulas[r][c] || (value ?? '')))));
  const kept: number[] = [];
  let start = 0;
  for (let i = 0; i <= cells.length; i++) {
    if (i < cells.length && formulas[0][i] === '') continue;
    if (i > start) {
      const part = i - start === cells.length ? range : sheet.getRange(row, column + start, 1, i - start);
      part.setNumberFormats([cells.slice(start, i).map((c) => c.format)]).setValues([cells.slice(start, i).map((c) => c.value)]);
    }
    if (i < cells.length) kept.push(column + i);
    start = i + 1;
  }
  return kept;
}
