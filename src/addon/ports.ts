import type { Cell } from '../core/types';

// The slices of Apps Script's services the add-on calls. The real globals satisfy them (gas-adapters.ts
// assigns them, so tsc checks each signature against @types/google-apps-script); tests implement them in
// memory (test/support/gas-fakes.ts). Methods that return plain values are Pick<>ed from the real
// interfaces as they are; methods that return another service object are restated here with the port as
// their result, so a fake never has to build a real Range. Keep them this small: every method added here is
// one more thing the stand-ins must get right.

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Range = GoogleAppsScript.Spreadsheet.Range;

export interface SpreadsheetAppPort {
  getUi(): UiPort;
  getActiveSpreadsheet(): SpreadsheetPort;
}

export interface UiPort extends Pick<GoogleAppsScript.Base.Ui, 'Button' | 'ButtonSet'> {
  createAddonMenu(): MenuPort;
  showSidebar(userInterface: HtmlOutputPort): void;
  alert(title: string, prompt: string, buttons: GoogleAppsScript.Base.ButtonSet): GoogleAppsScript.Base.Button;
}

export interface MenuPort {
  addItem(caption: string, functionName: string): MenuPort;
  addSeparator(): MenuPort;
  addToUi(): void;
}

export interface SpreadsheetPort extends Pick<Spreadsheet, 'getSpreadsheetTimeZone' | 'getSpreadsheetLocale' | 'getNumSheets'> {
  getSheetByName(name: string): SheetPort | null;
  getSheets(): SheetPort[];
  /** `sheetIndex` counts from 0; getNumSheets() appends. */
  insertSheet(sheetName: string, sheetIndex: number): SheetPort;
  deleteSheet(sheet: SheetPort): void;
  createDeveloperMetadataFinder(): DeveloperMetadataFinderPort;
  toast(msg: string, title: string, timeoutSeconds: number): void;
}

export interface SheetPort extends Pick<Sheet, 'getName' | 'getSheetId' | 'getMaxRows' | 'getMaxColumns' | 'deleteRows' | 'deleteColumns' | 'setFrozenRows'> {
  getDataRange(): RangePort;
  getRange(row: number, column: number, numRows: number, numColumns: number): RangePort;
  insertRowsAfter(afterPosition: number, howMany: number): SheetPort;
  insertColumnsAfter(afterPosition: number, howMany: number): SheetPort;
  setColumnWidth(columnPosition: number, width: number): SheetPort;
  hideSheet(): SheetPort;
  activate(): SheetPort;
  addDeveloperMetadata(key: string, value: string): SheetPort;
  protect(): ProtectionPort;
  getCharts(): ChartPort[];
  newChart(): ChartBuilderPort;
  insertChart(chart: ChartPort): void;
  updateChart(chart: ChartPort): void;
  removeChart(chart: ChartPort): void;
}

/** A cell as written: text and numbers only (an empty cell is ''). */
export type WrittenCell = string | number;

export interface RangePort extends Pick<Range, 'getNumRows' | 'getNumColumns'> {
  getValues(): Cell[][];
  setValues(values: WrittenCell[][]): RangePort;
  setNumberFormats(numberFormats: string[][]): RangePort;
  setFontWeights(fontWeights: Array<Array<GoogleAppsScript.Spreadsheet.FontWeight | null>>): RangePort;
  setBackgrounds(color: Array<Array<string | null>>): RangePort;
  setFontColors(colors: Array<Array<string | null>>): RangePort;
  /** Values and formats; only the destination's top-left cell matters. */
  copyTo(destination: RangePort): void;
}

export interface DeveloperMetadataFinderPort {
  withKey(key: string): DeveloperMetadataFinderPort;
  find(): DeveloperMetadataPort[];
}

export interface DeveloperMetadataPort extends Pick<GoogleAppsScript.Spreadsheet.DeveloperMetadata, 'getValue'> {
  setValue(value: string): DeveloperMetadataPort;
  getLocation(): { getSheet(): SheetPort | null };
}

export interface ProtectionPort {
  setWarningOnly(warningOnly: boolean): ProtectionPort;
  setDescription(description: string): ProtectionPort;
}

export interface ChartPort {
  modify(): ChartBuilderPort;
}

export interface ChartBuilderPort {
  asLineChart(): ChartBuilderPort;
  asColumnChart(): ChartBuilderPort;
  asBarChart(): ChartBuilderPort;
  asPieChart(): ChartBuilderPort;
  addRange(range: RangePort): ChartBuilderPort;
  clearRanges(): ChartBuilderPort;
  setNumHeaders(headers: number): ChartBuilderPort;
  setPosition(anchorRowPos: number, anchorColPos: number, offsetX: number, offsetY: number): ChartBuilderPort;
  setOption(option: string, value: unknown): ChartBuilderPort;
  build(): ChartPort;
}

export interface HtmlServicePort {
  createHtmlOutputFromFile(filename: string): HtmlOutputPort;
}

export interface HtmlOutputPort {
  setTitle(title: string): HtmlOutputPort;
}

export interface PropertiesServicePort {
  /** Shared by everyone who edits the spreadsheet: where its data sheets are, its currency, its last report. */
  getDocumentProperties(): PropertiesPort;
  /** Per user and script: the report options each marketer last chose. */
  getUserProperties(): PropertiesPort;
}

export interface PropertiesPort extends Pick<GoogleAppsScript.Properties.Properties, 'getProperty'> {
  setProperty(key: string, value: string): PropertiesPort;
}

export interface LockServicePort {
  getDocumentLock(): LockPort;
}

export type LockPort = Pick<GoogleAppsScript.Lock.Lock, 'tryLock' | 'releaseLock'>;

export type ScriptAppPort = Pick<GoogleAppsScript.Script.ScriptApp, 'AuthMode'>;

/** The part of a simple trigger's event the add-on reads. */
export type TriggerEvent = Pick<GoogleAppsScript.Events.SheetsOnOpen, 'authMode'>;
