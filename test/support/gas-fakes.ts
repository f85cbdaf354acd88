import type {
  CacheServicePort, ChartBuilderPort, ChartPort, DataValidationBuilderPort, DataValidationPort, DeveloperMetadataFinderPort, DeveloperMetadataPort, HtmlOutputPort, HtmlServicePort,
  LockPort, LockServicePort, MenuPort, PropertiesPort, PropertiesServicePort, ProtectionPort, RangePort, ScriptAppPort, SheetPort,
  SpreadsheetAppPort, SpreadsheetPort, TextFinderPort, UiPort,
} from '../../src/addon/ports';
import type { ChartKind } from '../../src/core/report/table';
import type { Cell } from '../../src/core/types';
import { fakeDocumentCache, type FakeCache } from './gas-fakes-cache';

// In-memory stand-ins for the Apps Script services the add-on calls, typed by the add-on's ports (which the
// real globals satisfy, checked by tsc against @types/google-apps-script). They keep a whole spreadsheet in
// memory (sheets with values, formats, styles, sizes, charts, developer metadata, protection) and enforce
// the rules the real services enforce where a bug of ours would trip them: a matrix must match its range, a
// range must lie inside its sheet, a sheet name must be free, the last sheet cannot go, the spreadsheet holds
// at most 10 million cells (rows × columns of all sheets; `peakCells` keeps the most it held). Every method call is
// logged as "Object.method", so a test can state exactly which calls happened, count them, or make the Nth
// call of a method fail as a service error would. A method the stand-ins lack is logged, then fails as it
// would on a typo.

export interface FakeOptions {
  /** Sheets the spreadsheet starts with: name to values, header row first, as getValues() returns them. */
  sheets?: Record<string, Cell[][]>;
  locale?: string;
  timeZone?: string;
  documentProperties?: Record<string, string>;
  userProperties?: Record<string, string>;
  /** Another spreadsheet than the default one: user properties, unlike document properties, follow the user to it. */
  spreadsheetId?: string;
  /** The user's answer to every Yes/No dialog (default yes). */
  answer?: 'yes' | 'no';
  /** Another execution holds the document lock for as long as this one waits. */
  lockHeld?: boolean;
  /** Another execution of the same user holds the user lock for as long as this one waits. */
  userLockHeld?: boolean;
  /**
   * The `nth` call (1-based) of `method`, on any object (of the Google services' stand-ins too), fails; with
   * `onwards`, every call from the nth on.
   */
  failOn?: { method: string; nth: number; onwards?: boolean };
  /**
   * [rows, columns] getDataRange() reports for these sheets: stands for a sheet too big to hold in memory.
   * Such a sheet is that size (at least 1,000 rows): it counts that many cells, and no spare columns.
   */
  claimedExtent?: Record<string, [number, number]>;
}

export interface FakeChart {
  id: number;
  kind: ChartKind | null;
  /** A1 ranges with their sheet, e.g. "Overview!A4:A15". */
  ranges: string[];
  numHeaders: number | null;
  /** [anchorRow, anchorColumn, offsetX, offsetY] */
  position: [number, number, number, number] | null;
  options: Record<string, unknown>;
}

/** A chart the user drew on report sheet `sheet`, beside the add-on's: the add-on must leave it as it is. */
export function userChart(id: number, sheet: string, kind: ChartKind = 'pie'): FakeChart {
  return { id, kind, ranges: [`${sheet}!A4:A6`], numHeaders: 1, position: [2, 2, 0, 0], options: { title: 'Mine' } };
}

export interface FakeServices {
  /** The globals Code.js sees. */
  globals: {
    SpreadsheetApp: SpreadsheetAppPort;
    HtmlService: HtmlServicePort;
    PropertiesService: PropertiesServicePort;
    LockService: LockServicePort;
    /** AuthMode only; test/support/gas-fakes-services.ts stands in for the rest of ScriptApp. */
    ScriptApp: Pick<ScriptAppPort, 'AuthMode'>;
    /** The document cache (test/support/gas-fakes-cache.ts): every report run caches the formulas' facts. */
    CacheService: CacheServicePort;
  };
  cache: FakeCache;
  spreadsheet: FakeSpreadsheet;
  documentProperties: Map<string, string>;
  userProperties: Map<string, string>;
  /** Every call, in order, e.g. "SpreadsheetApp.getUi", "Sheet(Deals).getDataRange", "Range(Deals).getValues". */
  calls: string[];
  /**
   * Logs a call of another stand-in (gas-fakes-services.ts) and applies `failOn` to it, so that failOn reaches
   * every service; `failure` is the message the simulated failure starts with.
   */
  record(call: string, method: string, failure: string): void;
  /** Each createAddonMenu(): its items as [caption, functionName] ('---' for a separator), and whether addToUi() followed. */
  menus: Array<{ items: Array<[string, string]>; shown: boolean }>;
  sidebars: Array<{ file: string; title: string }>;
  alerts: Array<{ title: string; prompt: string; buttons: string }>;
  toasts: Array<{ message: string; title: string }>;
  lock: { acquired: number; released: number };
  userLock: { acquired: number; released: number };
  /** The ms each tryLock offered to wait, per lock: how long a user is kept waiting before "busy". */
  lockWaits: { document: number[]; user: number[] };
}

const BUTTON = { CLOSE: 'CLOSE', OK: 'OK', CANCEL: 'CANCEL', YES: 'YES', NO: 'NO' };
const BUTTON_SET = { OK: 'OK', OK_CANCEL: 'OK_CANCEL', YES_NO: 'YES_NO', YES_NO_CANCEL: 'YES_NO_CANCEL' };
const AUTH_MODE = { NONE: 'NONE', CUSTOM_FUNCTION: 'CUSTOM_FUNCTION', LIMITED: 'LIMITED', FULL: 'FULL' };
const PROTECTION_TYPE = { RANGE: 'RANGE', SHEET: 'SHEET' };
/** The fakes' enums stand for the real ones, which are opaque objects compared by identity. */
const asEnum = <T>(value: object) => value as unknown as T;

/** The AuthMode values the fake ScriptApp exposes, for building trigger events. */
export const AUTH_MODES = asEnum<Record<keyof typeof AUTH_MODE, GoogleAppsScript.Script.AuthMode>>(AUTH_MODE);

/** Sheets' limit on the cells of one spreadsheet, all sheets counted. */
export const SPREADSHEET_CELL_LIMIT = 10_000_000;

/** A new sheet's size, as in Sheets. */
const NEW_SHEET_ROWS = 1000;
const NEW_SHEET_COLUMNS = 26;

/** `displayValues`: the text Sheets shows where a test says so (a time cell); elsewhere the value as text. */
const LAYERS = ['values', 'numberFormats', 'fontWeights', 'backgrounds', 'fontColors', 'displayValues'] as const;
type Layer = (typeof LAYERS)[number];

export function columnLetters(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

export function a1(row: number, column: number, numRows = 1, numColumns = 1): string {
  const start = `${columnLetters(column)}${row}`;
  return numRows === 1 && numColumns === 1 ? start : `${start}:${columnLetters(column + numColumns - 1)}${row + numRows - 1}`;
}

/** A data validation rule as built: a list (with a dropdown) or a checkbox. */
export interface FakeValidation {
  kind: 'list' | 'checkbox';
  values: string[];
  allowInvalid: boolean;
}

/** One sheet's state. Layers are row arrays, grown as cells are written; a missing cell is empty. */
export class FakeSheet {
  hidden = false;
  frozenRows = 0;
  deleted = false;
  readonly columnWidths = new Map<number, number>();
  readonly charts: FakeChart[] = [];
  readonly metadata: Array<{ id: number; key: string; value: string }> = [];
  /** `editable: false`: a protection this user may not edit (another editor made it stricter). */
  protection: { warningOnly: boolean; description: string; editable?: boolean } | null = null;
  /** Each setDataValidation, in order: the A1 range and its rule (null clears). */
  readonly validations: Array<{ range: string; rule: FakeValidation | null }> = [];
  readonly layers: Record<Layer, unknown[][]> = { values: [], numberFormats: [], fontWeights: [], backgrounds: [], fontColors: [], displayValues: [] };
  /**
   * What a formula gives, worked out when read (the fake evaluates nothing itself): a test sets it for formulas
   * whose value follows other cells. Undefined: the displayValues layer's text, else the formula's own.
   */
  evaluate?: (row: number, column: number) => Cell | undefined;

  constructor(public name: string, readonly id: number, public maxRows: number, public maxColumns: number) {}

  /** The values of the data extent (what getDataRange().getValues() returns), empty cells as ''. */
  dataValues(): Cell[][] {
    const [rows, columns] = this.extent();
    return this.read('values', 1, 1, rows, columns).map((row) => row.map((v) => (v ?? '') as Cell));
  }

  /** The last row and column holding a value. */
  extent(): [number, number] {
    let rows = 0;
    let columns = 0;
    this.layers.values.forEach((row, r) => {
      row?.forEach((value, c) => {
        if (value !== undefined && value !== null && value !== '') {
          rows = Math.max(rows, r + 1);
          columns = Math.max(columns, c + 1);
        }
      });
    });
    return [rows, columns];
  }

  read(layer: Layer, row: number, column: number, numRows: number, numColumns: number): unknown[][] {
    return Array.from({ length: numRows }, (_, r) =>
      Array.from({ length: numColumns }, (_, c) => this.layers[layer][row - 1 + r]?.[column - 1 + c]));
  }

  write(layer: Layer, row: number, column: number, cells: readonly (readonly unknown[])[]): void {
    cells.forEach((line, r) => {
      const target = (this.layers[layer][row - 1 + r] ??= []);
      line.forEach((value, c) => {
        target[column - 1 + c] = value;
      });
    });
  }

  /**
   * Everything a user could see or a formula could read, for before/after comparisons. A cell never written
   * and one cleared (a copy of an empty cell) look the same, so layers are compared without trailing empties.
   */
  snapshot(): unknown {
    // As Sheets shows them, an empty string is an empty cell and "General" the format of an unformatted one.
    const isEmpty = (cell: unknown) => cell === undefined || cell === null || cell === '';
    const defaults: Partial<Record<Layer, unknown>> = { numberFormats: 'General' };
    const trimmed = <T>(cells: T[], empty: (cell: T) => boolean) => {
      let end = cells.length;
      while (end > 0 && empty(cells[end - 1])) end--;
      return cells.slice(0, end);
    };
    const layers = Object.fromEntries(Object.entries(this.layers).map(([layer, rows]) => {
      const plain = (cell: unknown) => (isEmpty(cell) || cell === defaults[layer as Layer] ? null : cell);
      return [layer, trimmed(Array.from(rows, (row) => trimmed(Array.from(row ?? [], plain), isEmpty)), (row) => row.length === 0)];
    }));
    return JSON.parse(JSON.stringify({
      name: this.name, id: this.id, hidden: this.hidden, frozenRows: this.frozenRows, maxRows: this.maxRows,
      maxColumns: this.maxColumns, layers, columnWidths: [...this.columnWidths], charts: this.charts,
      metadata: this.metadata, protection: this.protection,
    }));
  }
}

/** The id of the fake spreadsheet unless a test names another (FakeOptions.spreadsheetId). */
export const FAKE_SPREADSHEET_ID = 'spreadsheet-1';
/** The user property holding a user's report options for the fake spreadsheet (settings.ts, userReportOptions). */
export const USER_REPORT_OPTIONS_KEY = `campaignAnalytics.reportOptions.${FAKE_SPREADSHEET_ID}`;

export class FakeSpreadsheet {
  readonly sheets: FakeSheet[] = [];
  active: FakeSheet | null = null;

  readonly name = 'Campaign data';
  readonly url: string;

  /** The most cells the spreadsheet held at any moment since it was made (every sheet's rows × columns). */
  peakCells = 0;

  /** Named ranges by name: where each points. */
  readonly namedRanges = new Map<string, { sheet: FakeSheet; row: number; column: number; numRows: number; numColumns: number }>();

  /** timeZone: a test may change it, as File > Settings does. */
  constructor(readonly locale: string, public timeZone: string, readonly id = FAKE_SPREADSHEET_ID) {
    this.url = `https://docs.google.com/spreadsheets/d/${id}/edit`;
  }

  sheet(name: string): FakeSheet {
    const found = this.sheets.find((s) => s.name === name);
    if (!found) throw new Error(`no sheet "${name}"; sheets: ${this.sheets.map((s) => s.name).join(', ')}`);
    return found;
  }

  /** Rows × columns of every sheet: what Sheets counts against its limit of 10 million cells. */
  cells(): number {
    return this.sheets.reduce((total, s) => total + s.maxRows * s.maxColumns, 0);
  }

  /**
   * Before an action adds `cells`: refused, as Sheets refuses it, when the spreadsheet would hold more than
   * its limit; else the high-water mark follows.
   */
  growing(cells: number): void {
    const after = this.cells() + cells;
    if (after > SPREADSHEET_CELL_LIMIT) {
      throw new Error(`This action would increase the number of cells in the workbook above the limit of ${SPREADSHEET_CELL_LIMIT} cells.`);
    }
    this.peakCells = Math.max(this.peakCells, after);
  }

  /** The sheets carrying developer metadata with this key. */
  sheetsWithMetadata(key: string): FakeSheet[] {
    return this.sheets.filter((s) => s.metadata.some((m) => m.key === key));
  }
}

export function fakeServices(options: FakeOptions = {}): FakeServices {
  const { locale = 'en_US', timeZone = 'Europe/Amsterdam', answer = 'yes', lockHeld = false, userLockHeld = false, failOn } = options;
  const calls: string[] = [];
  const menus: FakeServices['menus'] = [];
  const sidebars: FakeServices['sidebars'] = [];
  const alerts: FakeServices['alerts'] = [];
  const toasts: FakeServices['toasts'] = [];
  const lock = { acquired: 0, released: 0 };
  const userLock = { acquired: 0, released: 0 };
  const lockWaits: FakeServices['lockWaits'] = { document: [], user: [] };
  /** Per lock kind, the lock object holding it: each getDocumentLock call stands for an execution of its own. */
  const holders = new Map<string, object>();
  /**
   * A lock that counts its takings and lettings go; one another execution holds (`held`, or a call a test runs
   * inside this one) is never had. A release that fails lets go all the same, as the execution's end would.
   */
  const fakeLock = (label: string, counts: { acquired: number; released: number }, held: boolean, waits: number[]): LockPort => {
    const self = {};
    const port = logged(label, {
      tryLock: (timeoutInMillis: number) => {
        waits.push(timeoutInMillis);
        const holder = holders.get(label);
        if (held || (holder !== undefined && holder !== self)) return false;
        holders.set(label, self);
        counts.acquired++;
        return true;
      },
      releaseLock: () => {
        counts.released++;
      },
    });
    return {
      tryLock: (timeoutInMillis: number) => port.tryLock(timeoutInMillis),
      releaseLock: () => {
        try {
          port.releaseLock();
        } finally {
          if (holders.get(label) === self) holders.delete(label);
        }
      },
    };
  };
  let failCount = 0;
  const record = (call: string, method: string, failure: string) => {
    calls.push(call);
    if (failOn && method === failOn.method && (++failCount === failOn.nth || (failOn.onwards === true && failCount > failOn.nth))) {
      throw new Error(`${failure} (simulated failure of ${call})`);
    }
  };
  const logged = <T extends object>(label: string | (() => string), target: T, gone?: () => boolean): T =>
    logCalls(label, target, (call, method) => record(call, method, 'Service Spreadsheets failed while accessing document'), gone);

  const book = new FakeSpreadsheet(locale, timeZone, options.spreadsheetId);
  let nextSheetId = 1000;
  let nextChartId = 1;
  let nextMetadataId = 1;

  const sheetHandles = new Map<FakeSheet, SheetPort>();
  const stateOf = new Map<SheetPort, FakeSheet>();
  const chartHandles = new Map<ChartPort, FakeChart>();

  const range = (sheet: FakeSheet, row: number, column: number, numRows: number, numColumns: number): RangePort => {
    if (row < 1 || column < 1 || numRows < 1 || numColumns < 1 || row + numRows - 1 > sheet.maxRows || column + numColumns - 1 > sheet.maxColumns) {
      throw new Error(`The coordinates of the range are outside the dimensions of the sheet (${sheet.name}!${a1(row, column, numRows, numColumns)}).`);
    }
    const checked = (matrix: readonly (readonly unknown[])[], what: string) => {
      if (matrix.length !== numRows || matrix.some((line) => line.length !== numColumns)) {
        throw new Error(`The ${what} (${matrix.length} rows of ${matrix.map((l) => l.length).join('/')}) do not match the range ${a1(row, column, numRows, numColumns)}.`);
      }
      return matrix;
    };
    const setter = (layer: Layer, what: string, valid: (v: unknown) => boolean) => (matrix: unknown[][]) => {
      checked(matrix, what);
      const bad = matrix.flat().find((v) => !valid(v));
      if (bad !== undefined) throw new Error(`Invalid ${what}: ${JSON.stringify(bad)}`);
      sheet.write(layer, row, column, matrix);
      return port;
    };
    const port: RangePort = logged(`Range(${sheet.name})`, {
      getNumRows: () => numRows,
      getNumColumns: () => numColumns,
      getNumberFormats: () => sheet.read('numberFormats', row, column, numRows, numColumns).map((line) => line.map((v) => (v ?? 'General') as string)),
      // A formula's value is what sheet.evaluate gives or the displayValues layer holds for its cell, when a test
      // sets one, else its own text.
      getValues: () => {
        const shown = sheet.read('displayValues', row, column, numRows, numColumns);
        const formats = sheet.read('numberFormats', row, column, numRows, numColumns);
        return sheet.read('values', row, column, numRows, numColumns).map((line, r) => line.map((v, c) => {
          const formula = typeof v === 'string' && v.startsWith('=') && formats[r][c] !== '@';
          return (formula ? sheet.evaluate?.(row + r, column + c) ?? shown[r][c] ?? v : v ?? '') as Cell;
        }));
      },
      getDisplayValues: () => {
        const shown = sheet.read('displayValues', row, column, numRows, numColumns);
        const formats = sheet.read('numberFormats', row, column, numRows, numColumns);
        return sheet.read('values', row, column, numRows, numColumns).map((line, r) => line.map((v, c) => {
          const formula = typeof v === 'string' && v.startsWith('=') && formats[r][c] !== '@';
          const evaluated = formula ? sheet.evaluate?.(row + r, column + c) : undefined;
          if (evaluated !== undefined) return String(evaluated);
          return (shown[r][c] as string | undefined) ?? (v instanceof Date ? v.toISOString() : String(v ?? ''));
        }));
      },
      // As in Sheets, a string beginning with "=" written into a cell not formatted as plain text is a formula.
      getFormulas: () => {
        const formats = sheet.read('numberFormats', row, column, numRows, numColumns);
        return sheet.read('values', row, column, numRows, numColumns)
          .map((line, r) => line.map((v, c) => (typeof v === 'string' && v.startsWith('=') && formats[r][c] !== '@' ? v : '')));
      },
      setValues: setter('values', 'values', (v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date),
      setNumberFormats: setter('numberFormats', 'number formats', (v) => typeof v === 'string'),
      setFontWeights: setter('fontWeights', 'font weights', (v) => v === 'bold' || v === 'normal' || v === null),
      setBackgrounds: setter('backgrounds', 'backgrounds', (v) => v === null || typeof v === 'string'),
      setFontColors: setter('fontColors', 'font colors', (v) => v === null || typeof v === 'string'),
      setDataValidation(rule: DataValidationPort | null) {
        sheet.validations.push({ range: a1(row, column, numRows, numColumns), rule: rule === null ? null : validationOf.get(rule)! });
        return port;
      },
      getSheet: () => sheetHandle(sheet),
      clear() {
        for (const layer of LAYERS) sheet.write(layer, row, column, Array.from({ length: numRows }, () => new Array(numColumns).fill(undefined)));
        return port;
      },
      copyTo(destination: RangePort) {
        const { sheet: target, row: toRow, column: toColumn } = rangeOf.get(destination)!;
        range(target, toRow, toColumn, numRows, numColumns); // the same bounds check as the real copy
        for (const layer of LAYERS) target.write(layer, toRow, toColumn, sheet.read(layer, row, column, numRows, numColumns));
      },
    } as RangePort);
    rangeOf.set(port, { sheet, row, column, numRows, numColumns });
    return port;
  };
  const rangeOf = new Map<RangePort, { sheet: FakeSheet; row: number; column: number; numRows: number; numColumns: number }>();

  const validationOf = new Map<DataValidationPort, FakeValidation>();
  const newDataValidation = (): DataValidationBuilderPort => {
    const rule: FakeValidation = { kind: 'list', values: [], allowInvalid: true };
    const builder: DataValidationBuilderPort = logged('DataValidationBuilder', {
      requireValueInList(values: string[], showDropdown: boolean) {
        if (!showDropdown) throw new Error('the fakes only build list rules with a dropdown');
        Object.assign(rule, { kind: 'list', values: [...values] });
        return builder;
      },
      requireCheckbox() {
        Object.assign(rule, { kind: 'checkbox', values: [] });
        return builder;
      },
      setAllowInvalid(allowInvalid: boolean) {
        rule.allowInvalid = allowInvalid;
        return builder;
      },
      build() {
        const built: DataValidationPort = { getCriteriaValues: () => [...rule.values], getAllowInvalid: () => rule.allowInvalid };
        validationOf.set(built, { ...rule, values: [...rule.values] });
        return built;
      },
    });
    return builder;
  };

  const chartBuilder = (sheet: FakeSheet, from: FakeChart | null): ChartBuilderPort => {
    const chart: FakeChart = from
      ? { ...from, ranges: [...from.ranges], options: { ...from.options } }
      : { id: 0, kind: null, ranges: [], numHeaders: null, position: null, options: {} };
    const as = (kind: ChartKind) => () => {
      chart.kind = kind;
      return builder;
    };
    const builder: ChartBuilderPort = logged('ChartBuilder', {
      asLineChart: as('line'),
      asColumnChart: as('column'),
      asBarChart: as('bar'),
      asPieChart: as('pie'),
      addRange(r: RangePort) {
        const { sheet: of, row, column, numRows, numColumns } = rangeOf.get(r)!;
        chart.ranges.push(`${of.name}!${a1(row, column, numRows, numColumns)}`);
        return builder;
      },
      clearRanges() {
        chart.ranges = [];
        return builder;
      },
      setNumHeaders(headers: number) {
        chart.numHeaders = headers;
        return builder;
      },
      setPosition(anchorRow: number, anchorColumn: number, offsetX: number, offsetY: number) {
        chart.position = [anchorRow, anchorColumn, offsetX, offsetY];
        return builder;
      },
      setOption(option: string, value: unknown) {
        chart.options[option] = value;
        return builder;
      },
      // A new chart has no id until it is inserted (getChartId() is null for a chart in no spreadsheet).
      build: () => chartHandle({ ...chart, ranges: [...chart.ranges], options: { ...chart.options } }, sheet),
    });
    return builder;
  };

  const protectionPort = (protection: { warningOnly: boolean; description: string; editable?: boolean }): ProtectionPort => {
    const port: ProtectionPort = logged('Protection', {
      // False for a protection a test says this user may not edit (another editor's); Sheets then refuses changes.
      canEdit: () => protection.editable !== false,
      getDescription: () => protection.description,
      setWarningOnly(warningOnly: boolean) {
        protection.warningOnly = warningOnly;
        return port;
      },
      setDescription(description: string) {
        if (protection.editable === false) throw new Error('You are trying to edit a protected cell or object.');
        protection.description = description;
        return port;
      },
    });
    return port;
  };
  const chartHandle = (chart: FakeChart, sheet: FakeSheet): ChartPort => {
    const handle: ChartPort = logged('Chart', {
      modify: () => chartBuilder(sheet, chart),
      getChartId: () => chart.id || null,
      // Sheets anchors a chart inserted without a position at A1.
      getContainerInfo: () => ({ getAnchorRow: () => chart.position?.[0] ?? 1, getAnchorColumn: () => chart.position?.[1] ?? 1 }),
    });
    chartHandles.set(handle, chart);
    return handle;
  };

  const sheetHandle = (sheet: FakeSheet): SheetPort => {
    const existing = sheetHandles.get(sheet);
    if (existing) return existing;
    const chartIndex = (chart: ChartPort) => sheet.charts.findIndex((c) => c.id === chartHandles.get(chart)?.id);
    const anchoredInside = (chart: ChartPort) => {
      const [anchorRow, anchorColumn] = chartHandles.get(chart)?.position ?? [1, 1];
      if (anchorRow > sheet.maxRows || anchorColumn > sheet.maxColumns) throw new Error('The chart is anchored outside the sheet.');
    };
    const handle: SheetPort = logged(() => `Sheet(${sheet.name})`, {
      getName: () => sheet.name,
      setName(name: string) {
        if (book.sheets.some((s) => s !== sheet && s.name.toLowerCase() === name.toLowerCase())) {
          throw new Error(`A sheet with the name "${name}" already exists. Please enter another name.`);
        }
        sheet.name = name;
        return handle;
      },
      getSheetId: () => sheet.id,
      getMaxRows: () => sheet.maxRows,
      getMaxColumns: () => sheet.maxColumns,
      getDataRange() {
        const [rows, columns] = options.claimedExtent?.[sheet.name] ?? sheet.extent();
        return range(sheet, 1, 1, Math.max(rows, 1), Math.max(columns, 1));
      },
      getRange: (row: number, column: number, numRows: number, numColumns: number) => range(sheet, row, column, numRows, numColumns),
      insertRowsAfter(afterPosition: number, howMany: number) {
        book.growing(howMany * sheet.maxColumns);
        for (const layer of LAYERS) sheet.layers[layer].splice(afterPosition, 0, ...Array.from({ length: howMany }, () => []));
        sheet.maxRows += howMany;
        return handle;
      },
      deleteRows(rowPosition: number, howMany: number) {
        if (rowPosition + howMany - 1 > sheet.maxRows) throw new Error('Those rows are out of bounds.');
        if (sheet.maxRows - howMany <= sheet.frozenRows) throw new Error('Sorry, it is not possible to delete all non-frozen rows.');
        for (const layer of LAYERS) sheet.layers[layer].splice(rowPosition - 1, howMany);
        sheet.maxRows -= howMany;
      },
      insertColumnsAfter(afterPosition: number, howMany: number) {
        book.growing(howMany * sheet.maxRows);
        for (const layer of LAYERS) for (const row of sheet.layers[layer]) row?.splice(afterPosition, 0, ...new Array(howMany));
        sheet.maxColumns += howMany;
        return handle;
      },
      deleteColumns(columnPosition: number, howMany: number) {
        if (columnPosition + howMany - 1 > sheet.maxColumns) throw new Error('Those columns are out of bounds.');
        if (sheet.maxColumns - howMany < 1) throw new Error('Sorry, it is not possible to delete all columns.');
        for (const layer of LAYERS) for (const row of sheet.layers[layer]) row?.splice(columnPosition - 1, howMany);
        sheet.maxColumns -= howMany;
      },
      getFrozenRows: () => sheet.frozenRows,
      setFrozenRows(rows: number) {
        if (rows >= sheet.maxRows) throw new Error('Sorry, it is not possible to freeze all rows.');
        sheet.frozenRows = rows;
      },
      setColumnWidth(columnPosition: number, width: number) {
        if (columnPosition > sheet.maxColumns) throw new Error('That column is out of bounds.');
        sheet.columnWidths.set(columnPosition, width);
        return handle;
      },
      hideSheet() {
        if (book.sheets.filter((s) => !s.hidden && s !== sheet).length === 0) throw new Error('You can\'t hide all the sheets in a document.');
        sheet.hidden = true;
        return handle;
      },
      activate() {
        book.active = sheet;
        return handle;
      },
      addDeveloperMetadata(key: string, value: string) {
        sheet.metadata.push({ id: nextMetadataId++, key, value });
        return handle;
      },
      // As in Sheets, protect() on a sheet without a protection makes one that only its owner may edit.
      protect: () => protectionPort((sheet.protection ??= { warningOnly: false, description: '' })),
      getProtections: (type: unknown) => (type === PROTECTION_TYPE.SHEET && sheet.protection ? [protectionPort(sheet.protection)] : []),
      getCharts: () => sheet.charts.map((chart) => chartHandle(chart, sheet)),
      newChart: () => chartBuilder(sheet, null),
      insertChart(chart: ChartPort) {
        if (chartIndex(chart) >= 0) throw new Error('The chart is already on the sheet.');
        anchoredInside(chart);
        // The sheet holds a copy: the built chart stays one in no spreadsheet (its getChartId() null); getCharts()
        // hands out the inserted one. One built from another sheet's chart (modify() there) gets an id of its own.
        const state = { ...chartHandles.get(chart)! };
        if (state.id === 0 || book.sheets.some((s) => s.charts.some((c) => c.id === state.id))) state.id = nextChartId++;
        sheet.charts.push(state);
      },
      updateChart(chart: ChartPort) {
        anchoredInside(chart);
        const index = chartIndex(chart);
        if (index < 0) throw new Error('The chart is not on this sheet.');
        sheet.charts[index] = chartHandles.get(chart)!;
      },
      removeChart(chart: ChartPort) {
        const index = chartIndex(chart);
        if (index < 0) throw new Error('The chart is not on this sheet.');
        sheet.charts.splice(index, 1);
      },
    }, () => sheet.deleted);
    sheetHandles.set(sheet, handle);
    stateOf.set(handle, sheet);
    return handle;
  };

  const addSheet = (name: string, index: number, rows = NEW_SHEET_ROWS, columns = NEW_SHEET_COLUMNS): FakeSheet => {
    if (book.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase())) {
      throw new Error(`A sheet with the name "${name}" already exists. Please enter another name.`);
    }
    if (index < 0 || index > book.sheets.length) throw new Error(`Sheet index ${index} is out of range.`);
    const sheet = new FakeSheet(name, nextSheetId++, rows, columns);
    book.sheets.splice(index, 0, sheet);
    return sheet;
  };
  for (const [name, values] of Object.entries(options.sheets ?? {})) {
    // A sheet claiming an extent is as large as that extent (a big export has no spare columns): the
    // spreadsheet's cells, which a report run counts, stay within what Sheets allows.
    const claimed = options.claimedExtent?.[name];
    const sheet = addSheet(
      name, book.sheets.length,
      Math.max(NEW_SHEET_ROWS, values.length, claimed?.[0] ?? 0), Math.max(claimed?.[1] ?? NEW_SHEET_COLUMNS, ...values.map((r) => r.length)),
    );
    sheet.layers.values = values.map((row) => [...row]);
  }
  book.active = book.sheets[0] ?? null;
  book.peakCells = book.cells();

  const metadataHandle = (sheet: FakeSheet, entry: FakeSheet['metadata'][number]): DeveloperMetadataPort => {
    const port: DeveloperMetadataPort = logged('DeveloperMetadata', {
      getValue: () => entry.value,
      setValue(value: string) {
        entry.value = value;
        return port;
      },
      getLocation: () => logged('DeveloperMetadataLocation', { getSheet: () => sheetHandle(sheet) }),
    });
    return port;
  };

  const spreadsheet: SpreadsheetPort = logged('Spreadsheet', {
    getSheetByName(name: string) {
      const sheet = book.sheets.find((s) => s.name === name);
      return sheet ? sheetHandle(sheet) : null;
    },
    getRangeByName(name: string) {
      // A named range whose sheet was deleted points nowhere (#REF! in Sheets).
      const target = book.namedRanges.get(name);
      return target && !target.sheet.deleted ? range(target.sheet, target.row, target.column, target.numRows, target.numColumns) : null;
    },
    setNamedRange(name: string, target: RangePort) {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`Invalid named range name: ${name}`);
      book.namedRanges.set(name, rangeOf.get(target)!);
    },
    getSheets: () => book.sheets.map(sheetHandle),
    getNumSheets: () => book.sheets.length,
    insertSheet(sheetName: string, sheetIndex: number) {
      book.growing(NEW_SHEET_ROWS * NEW_SHEET_COLUMNS);
      const sheet = addSheet(sheetName, sheetIndex);
      book.active = sheet;
      return sheetHandle(sheet);
    },
    deleteSheet(handle: SheetPort) {
      const sheet = stateOf.get(handle);
      if (!sheet || sheet.deleted) throw new Error('That sheet does not exist.');
      if (book.sheets.length === 1) throw new Error('You can\'t remove all the sheets in a document.');
      book.sheets.splice(book.sheets.indexOf(sheet), 1);
      sheet.deleted = true;
      if (book.active === sheet) book.active = book.sheets[0];
    },
    createDeveloperMetadataFinder() {
      let key: string | null = null;
      const finder: DeveloperMetadataFinderPort = logged('DeveloperMetadataFinder', {
        withKey(k: string) {
          key = k;
          return finder;
        },
        find: () => book.sheets.flatMap((sheet) =>
          sheet.metadata.filter((m) => key === null || m.key === key).map((m) => metadataHandle(sheet, m))),
      });
      return finder;
    },
    createTextFinder(findText: string) {
      const options = { formulas: false, regex: false };
      const finder: TextFinderPort = logged('TextFinder', {
        matchFormulaText(flag: boolean) {
          options.formulas = flag;
          return finder;
        },
        useRegularExpression(flag: boolean) {
          options.regex = flag;
          return finder;
        },
        // Case-insensitive, as TextFinder is by default; a formula's own text or, without matchFormulaText, what
        // it shows (here: no formula shows anything), and every other cell's value.
        findNext() {
          const matches = options.regex ? (text: string) => new RegExp(findText, 'i').test(text)
            : (text: string) => text.toLowerCase().includes(findText.toLowerCase());
          for (const sheet of book.sheets) {
            const [rows, columns] = sheet.extent();
            const formats = sheet.read('numberFormats', 1, 1, rows, columns);
            const values = sheet.read('values', 1, 1, rows, columns);
            for (let r = 0; r < rows; r++) {
              for (let c = 0; c < columns; c++) {
                const value = values[r][c];
                const formula = typeof value === 'string' && value.startsWith('=') && formats[r][c] !== '@';
                const text = formula ? (options.formulas ? value : '') : String(value ?? '');
                if (text !== '' && matches(text)) return range(sheet, r + 1, c + 1, 1, 1);
              }
            }
          }
          return null;
        },
      });
      return finder;
    },
    removeNamedRange(name: string) {
      if (!book.namedRanges.delete(name)) throw new Error(`Named range ${name} does not exist.`);
    },
    toast(message: string, title: string) {
      toasts.push({ message, title });
    },
    getSpreadsheetLocale: () => locale,
    getSpreadsheetTimeZone: () => book.timeZone,
    getActiveSheet: () => sheetHandle(book.active ?? book.sheets[0]),
    getId: () => book.id,
    getName: () => book.name,
    getUrl: () => book.url,
  });

  const ui: UiPort = logged('Ui', {
    Button: asEnum<UiPort['Button']>(BUTTON),
    ButtonSet: asEnum<UiPort['ButtonSet']>(BUTTON_SET),
    createAddonMenu(): MenuPort {
      const menu = { items: [] as Array<[string, string]>, shown: false };
      menus.push(menu);
      const port: MenuPort = logged('Menu', {
        addItem(caption: string, functionName: string) {
          menu.items.push([caption, functionName]);
          return port;
        },
        addSeparator() {
          menu.items.push(['---', '---']);
          return port;
        },
        addToUi() {
          menu.shown = true;
        },
      });
      return port;
    },
    showSidebar(output: HtmlOutputPort) {
      const { file, title } = output as FakeHtmlOutput;
      sidebars.push({ file, title });
    },
    alert(title: string, prompt: string, buttons: GoogleAppsScript.Base.ButtonSet) {
      const name = String(buttons);
      alerts.push({ title, prompt, buttons: name });
      const reply = name === BUTTON_SET.YES_NO ? (answer === 'yes' ? BUTTON.YES : BUTTON.NO) : BUTTON.OK;
      return asEnum<GoogleAppsScript.Base.Button>(reply as unknown as object);
    },
  });

  const HtmlService: HtmlServicePort = logged('HtmlService', {
    createHtmlOutputFromFile(file: string): HtmlOutputPort {
      const output: FakeHtmlOutput = logged('HtmlOutput', {
        file,
        title: '',
        setTitle(title: string) {
          output.title = title;
          return output;
        },
      });
      return output;
    },
  });

  const properties = (label: string, store: Map<string, string>): PropertiesPort => {
    const port: PropertiesPort = logged(label, {
      getProperty: (key: string) => store.get(key) ?? null,
      setProperty(key: string, value: string) {
        store.set(key, value);
        return port;
      },
      setProperties(properties: Record<string, string>) {
        for (const [key, value] of Object.entries(properties)) store.set(key, value);
        return port;
      },
      deleteProperty(key: string) {
        store.delete(key);
        return port;
      },
    });
    return port;
  };
  const documentProperties = new Map(Object.entries(options.documentProperties ?? {}));
  const cache = fakeDocumentCache(logged);
  const userProperties = new Map(Object.entries(options.userProperties ?? {}));

  return {
    globals: {
      SpreadsheetApp: logged('SpreadsheetApp', {
        getUi: () => ui, getActiveSpreadsheet: () => spreadsheet, newDataValidation, ProtectionType: asEnum<SpreadsheetAppPort['ProtectionType']>(PROTECTION_TYPE),
      }),
      HtmlService,
      PropertiesService: logged('PropertiesService', {
        getDocumentProperties: () => properties('DocumentProperties', documentProperties),
        getUserProperties: () => properties('UserProperties', userProperties),
      }),
      LockService: logged('LockService', {
        getDocumentLock: () => fakeLock('Lock', lock, lockHeld, lockWaits.document),
        getUserLock: () => fakeLock('UserLock', userLock, userLockHeld, lockWaits.user),
      }),
      ScriptApp: { AuthMode: asEnum<ScriptAppPort['AuthMode']>(AUTH_MODE) },
      CacheService: cache.port,
    },
    spreadsheet: book, documentProperties, userProperties, calls, record, menus, sidebars, alerts, toasts, lock, userLock, lockWaits, cache,
  };
}

interface FakeHtmlOutput extends HtmlOutputPort {
  file: string;
  title: string;
}

/**
 * Logs each method called on `target`, including ones it lacks (which then fail as missing functions).
 * `gone`: the object was deleted (a sheet), so any call on it fails as it would in Apps Script.
 */
export function logCalls<T extends object>(label: string | (() => string), target: T, log: (call: string, method: string) => void, gone?: () => boolean): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      if (typeof property !== 'string') return Reflect.get(object, property, receiver);
      const value: unknown = Reflect.get(object, property, receiver);
      if (value !== undefined && typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const call = `${typeof label === 'string' ? label : label()}.${property}`;
        log(call, property);
        if (gone?.()) throw new Error(`${call}: the sheet has been deleted.`);
        if (typeof value !== 'function') throw new TypeError(`${call} is not a function`);
        return value.apply(object, args);
      };
    },
  });
}
