import type { SetupStatus, SheetStatus, TabInfo } from '../src/addon/sidebar-setup';
import { resolveHeader } from '../src/core/ingest/columns';
import type { ColumnMapping } from '../src/addon/settings';
import type { SheetName } from '../src/core/types';
import { byId, el, show, t } from './dom';

// Getting started's mapping step: for each data sheet, the tab it is in, and for each column the header
// holding it. Headers that already match (the column's name or an alias) are preselected; only the choices
// that differ from that are sent, so the stored mapping holds just what the user decided.

const container = byId('mapping-sheets');
const offer = byId('mapping-create');
const NONE = '';

/** The header ingest would find for each column of `sheet` in these headers, without any mapping. */
function autoMatched(sheet: SheetName, headers: readonly string[]): Record<string, string> {
  const { index } = resolveHeader(sheet, headers, []) as { index: Record<string, number> };
  return Object.fromEntries(Object.entries(index).filter(([, i]) => i >= 0).map(([column, i]) => [column, headers[i]]));
}

function tabSelect(status: SheetStatus, tabs: readonly TabInfo[]): HTMLSelectElement {
  const select = el('select', { id: `map-tab-${status.sheet}`, 'data-sheet': status.sheet },
    el('option', { value: NONE }, t(status.required ? 'sidebar.mapping.choose_tab' : 'sidebar.mapping.no_tab')),
    ...tabs.map((tab) => el('option', { value: tab.name }, tab.name)));
  select.value = status.exists ? status.tab : NONE;
  return select;
}

function columnSelects(status: SheetStatus, headers: readonly string[], chosen: Record<string, string | null>): HTMLElement {
  const row = (column: SheetStatus['columns'][number]) => {
    const id = `map-${status.sheet}-${column.name}`;
    const select = el('select', { id, 'data-column': column.name },
      el('option', { value: NONE }, t('sidebar.mapping.no_column')), ...headers.map((h) => el('option', { value: h }, h)));
    select.value = chosen[column.name] ?? NONE;
    return el('div', { class: 'block' },
      el('label', { for: id }, column.required ? t('sidebar.mapping.required_column', { column: column.name }) : column.name), select);
  };
  const required = status.columns.filter((c) => c.required);
  const optional = status.columns.filter((c) => !c.required);
  return el('div', { class: 'columns' }, ...required.map(row),
    el('details', {}, el('summary', {}, t('sidebar.mapping.optional_columns', { count: optional.length })), ...optional.map(row)));
}

/** One fieldset per data sheet; choosing another tab offers that tab's headers. */
export function renderMapping(status: SetupStatus): void {
  container.replaceChildren(...status.sheets.map((sheet) => {
    const select = tabSelect(sheet, status.tabs);
    const label = el('label', { for: select.id }, t('sidebar.mapping.tab'));
    const fieldset = el('fieldset', { class: 'sheet', 'data-sheet': sheet.sheet },
      el('legend', {}, sheet.required ? sheet.sheet : t('sidebar.mapping.optional_sheet', { sheet: sheet.sheet })),
      el('div', { class: 'block' }, label, select));
    const columnsFor = (tabName: string, initial: boolean) => {
      const headers = status.tabs.find((tab) => tab.name === tabName)?.headers ?? [];
      const chosen = initial ? Object.fromEntries(sheet.columns.map((c) => [c.name, c.header])) : autoMatched(sheet.sheet, headers);
      fieldset.querySelector('.columns')?.remove();
      if (tabName !== NONE) fieldset.append(columnSelects(sheet, headers, chosen));
    };
    columnsFor(select.value, true);
    select.addEventListener('change', () => {
      columnsFor(select.value, false);
      offerToCreate(status);
    });
    return fieldset;
  }));
  offerToCreate(status);
}

/**
 * The required data sheets "Create the missing sheets" makes: those pointed at no tab on the page and with no
 * tab of their own name. createDataSheets creates only sheets without a tab, so a tab of the user's named
 * "Campaigns" (other headers and all) is neither offered nor overwritten.
 */
function sheetsToCreate(status: SetupStatus): SheetName[] {
  return status.sheets.filter((sheet) => sheet.required
    && container.querySelector<HTMLSelectElement>(`#map-tab-${sheet.sheet}`)?.value === NONE
    && !status.tabs.some((tab) => tab.name === sheet.sheet)).map((sheet) => sheet.sheet);
}

function offerToCreate(status: SetupStatus): void {
  const sheets = sheetsToCreate(status).join(', ');
  byId('mapping-create-intro').textContent = t('sidebar.mapping.create_intro', { sheets });
  byId('mapping-create-go').textContent = t('sidebar.mapping.create', { sheets });
  show(offer, sheets !== '');
}

/**
 * What the user chose: tabs, and the columns whose header differs from the one found automatically (null:
 * "Not in this sheet" for a column a header would be found for).
 */
export function readMapping(status: SetupStatus): { tabs: Partial<Record<SheetName, string>>; columns: ColumnMapping } {
  const tabs: Partial<Record<SheetName, string>> = {};
  const columns: ColumnMapping = {};
  for (const fieldset of container.querySelectorAll<HTMLFieldSetElement>('fieldset.sheet')) {
    const sheet = fieldset.dataset.sheet as SheetName;
    const tab = fieldset.querySelector<HTMLSelectElement>('select[data-sheet]')?.value ?? NONE;
    if (tab === NONE) continue;
    tabs[sheet] = tab;
    const auto = autoMatched(sheet, status.tabs.find((info) => info.name === tab)?.headers ?? []);
    const selects = [...fieldset.querySelectorAll<HTMLSelectElement>('select[data-column]')];
    const picked = new Set(selects.map((select) => select.value));
    const times = new Map<string, number>();
    for (const select of selects) if (select.value !== NONE) times.set(select.value, (times.get(select.value) ?? 0) + 1);
    const chosen: Record<string, string | null> = {};
    for (const select of selects) {
      const column = select.dataset.column!;
      const found = auto[column];
      if (select.value !== NONE) {
        // A header chosen for two columns is sent for both, the automatic one too: the server says it cannot be.
        if (select.value !== found || times.get(select.value)! > 1) chosen[column] = select.value;
      } else if (found !== undefined && !picked.has(found)) {
        // "Not in this sheet" for a header that would be read as the column by itself (and that no other
        // column took): kept as null, so that the server reads no header as it.
        chosen[column] = null;
      }
    }
    if (Object.keys(chosen).length > 0) columns[sheet] = chosen;
  }
  return { tabs, columns };
}
