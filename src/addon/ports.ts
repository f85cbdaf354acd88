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

export interface SpreadsheetAppPort extends Pick<GoogleAppsScript.Spreadsheet.SpreadsheetApp, 'ProtectionType'> {
  getUi(): UiPort;
  getActiveSpreadsheet(): SpreadsheetPort;
  /** Dropdowns and checkboxes on the data sheets the sidebar creates. */
  newDataValidation(): DataValidationBuilderPort;
}

export interface DataValidationBuilderPort {
  requireValueInList(values: string[], showDropdown: boolean): DataValidationBuilderPort;
  requireCheckbox(): DataValidationBuilderPort;
  setAllowInvalid(allowInvalidData: boolean): DataValidationBuilderPort;
  build(): DataValidationPort;
}

/** A built rule only goes back into Range.setDataValidation. */
export type DataValidationPort = Pick<GoogleAppsScript.Spreadsheet.DataValidation, 'getCriteriaValues' | 'getAllowInvalid'>;

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

export interface SpreadsheetPort extends Pick<Spreadsheet, 'getId' | 'getSpreadsheetTimeZone' | 'getSpreadsheetLocale' | 'getNumSheets' | 'getName' | 'getUrl'> {
  getSheetByName(name: string): SheetPort | null;
  /** The custom functions' data version cell (formula-data-version.ts). */
  getRangeByName(name: string): RangePort | null;
  setNamedRange(name: string, range: RangePort): void;
  getActiveSheet(): SheetPort;
  getSheets(): SheetPort[];
  /** `sheetIndex` counts from 0; getNumSheets() appends. */
  insertSheet(sheetName: string, sheetIndex: number): SheetPort;
  deleteSheet(sheet: SheetPort): void;
  createDeveloperMetadataFinder(): DeveloperMetadataFinderPort;
  /** Finds formulas calling the custom functions (formula-facts-source.ts). */
  createTextFinder(findText: string): TextFinderPort;
  removeNamedRange(name: string): void;
  toast(msg: string, title: string, timeoutSeconds: number): void;
}

export interface TextFinderPort {
  matchFormulaText(matchFormulaText: boolean): TextFinderPort;
  useRegularExpression(useRegEx: boolean): TextFinderPort;
  findNext(): RangePort | null;
}

export interface SheetPort extends Pick<Sheet, 'getName' | 'getSheetId' | 'getMaxRows' | 'getMaxColumns' | 'deleteRows' | 'deleteColumns' | 'getFrozenRows' | 'setFrozenRows'> {
  setName(name: string): SheetPort;
  getDataRange(): RangePort;
  getRange(row: number, column: number, numRows: number, numColumns: number): RangePort;
  insertRowsAfter(afterPosition: number, howMany: number): SheetPort;
  insertColumnsAfter(afterPosition: number, howMany: number): SheetPort;
  setColumnWidth(columnPosition: number, width: number): SheetPort;
  hideSheet(): SheetPort;
  activate(): SheetPort;
  addDeveloperMetadata(key: string, value: string): SheetPort;
  protect(): ProtectionPort;
  getProtections(type: GoogleAppsScript.Spreadsheet.ProtectionType): ProtectionPort[];
  getCharts(): ChartPort[];
  newChart(): ChartBuilderPort;
  insertChart(chart: ChartPort): void;
  updateChart(chart: ChartPort): void;
  removeChart(chart: ChartPort): void;
}

/** A cell as written: text and numbers only (an empty cell is ''). */
export type WrittenCell = string | number;

export interface RangePort extends Pick<Range, 'getNumRows' | 'getNumColumns' | 'getNumberFormats' | 'getFormulas' | 'getDisplayValues'> {
  getValues(): Cell[][];
  /** Booleans and dates only to put back what getValues read (the add-on writes dates as serials). */
  setValues(values: Array<Array<WrittenCell | boolean | Date>>): RangePort;
  setNumberFormats(numberFormats: string[][]): RangePort;
  setFontWeights(fontWeights: Array<Array<GoogleAppsScript.Spreadsheet.FontWeight | null>>): RangePort;
  setBackgrounds(color: Array<Array<string | null>>): RangePort;
  setFontColors(colors: Array<Array<string | null>>): RangePort;
  /** Values and formats; only the destination's top-left cell matters. */
  copyTo(destination: RangePort): void;
  /** Clears values and formats (a report sheet's previous table where the new one is smaller). */
  clear(): RangePort;
  setDataValidation(rule: DataValidationPort | null): RangePort;
  /** Whose a named range is (formula-data-version.ts). */
  getSheet(): SheetPort;
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
  getDescription(): string;
  setDescription(description: string): ProtectionPort;
  canEdit(): boolean;
}

export interface ChartPort extends Pick<GoogleAppsScript.Spreadsheet.EmbeddedChart, 'getChartId'> {
  modify(): ChartBuilderPort;
  /** Where the chart sits: the cell its top-left corner is anchored to. */
  getContainerInfo(): Pick<GoogleAppsScript.Spreadsheet.ContainerInfo, 'getAnchorRow' | 'getAnchorColumn'>;
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
  setProperties(properties: Record<string, string>): PropertiesPort;
  deleteProperty(key: string): PropertiesPort;
}

export interface LockServicePort {
  getDocumentLock(): LockPort;
  /** This user's lock across all their executions of the add-on (their user properties are one store). */
  getUserLock(): LockPort;
}

export type LockPort = Pick<GoogleAppsScript.Lock.Lock, 'tryLock' | 'releaseLock'>;

export interface ScriptAppPort extends Pick<GoogleAppsScript.Script.ScriptApp, 'AuthMode' | 'WeekDay' | 'getOAuthToken' | 'requireScopes'> {
  newTrigger(functionName: string): TriggerBuilderPort;
  /** This user's installable triggers of this add-on in the spreadsheet (an add-on's triggers belong to one document). */
  getUserTriggers(spreadsheet: SpreadsheetPort): TriggerPort[];
  deleteTrigger(trigger: TriggerPort): void;
}

export type TriggerPort = Pick<GoogleAppsScript.Script.Trigger, 'getHandlerFunction' | 'getUniqueId'>;

export interface TriggerBuilderPort {
  timeBased(): ClockTriggerBuilderPort;
}

export interface ClockTriggerBuilderPort {
  everyDays(n: number): ClockTriggerBuilderPort;
  onWeekDay(day: GoogleAppsScript.Base.Weekday): ClockTriggerBuilderPort;
  atHour(hour: number): ClockTriggerBuilderPort;
  inTimezone(timezone: string): ClockTriggerBuilderPort;
  create(): TriggerPort;
}

/** A file's bytes in memory (an export, a zip of CSV files); getBytes for its size (mail attachments are limited). */
export interface BlobPort extends Pick<GoogleAppsScript.Base.Blob, 'getName' | 'getContentType' | 'getAs' | 'getBlob' | 'getBytes'> {
  setName(name: string): BlobPort;
}

export type HttpMethod = GoogleAppsScript.URL_Fetch.HttpMethod;

export type FetchParams = Pick<GoogleAppsScript.URL_Fetch.URLFetchRequestOptions, 'method' | 'headers' | 'contentType' | 'muteHttpExceptions'> & {
  /** JSON text, or a file's bytes. */
  payload?: string | BlobPort;
};

export interface UrlFetchAppPort {
  fetch(url: string, params: FetchParams): HttpResponsePort;
}

export interface HttpResponsePort extends Pick<GoogleAppsScript.URL_Fetch.HTTPResponse, 'getResponseCode' | 'getHeaders'> {
  getContentText(): string;
  getBlob(): BlobPort;
}

export interface MailMessage {
  to: string;
  subject: string;
  htmlBody: string;
  /** The plain-text alternative. */
  body: string;
  name: string;
  attachments?: BlobPort[];
}

export interface MailAppPort extends Pick<GoogleAppsScript.Mail.MailApp, 'getRemainingDailyQuota'> {
  sendEmail(message: MailMessage): void;
}

/** sleep: the pause before retrying a request Google turned away for now (429, 503). */
export interface UtilitiesPort extends Pick<GoogleAppsScript.Utilities.Utilities, 'sleep'> {
  zip(blobs: BlobPort[], name: string): BlobPort;
}

export interface SessionPort {
  getEffectiveUser(): Pick<GoogleAppsScript.Base.User, 'getEmail'>;
}

// The custom functions' facts cache and the installable change trigger that keeps it current.

export interface CacheServicePort {
  /** Shared by everyone using this spreadsheet; null outside a document. */
  getDocumentCache(): CachePort | null;
}

export type CachePort = Pick<GoogleAppsScript.Cache.Cache, 'get' | 'getAll' | 'put' | 'putAll' | 'remove'>;

/** The slice of Utilities that turns text into gzip as base 64 and back (cache values are text). */
export interface GzipPort {
  newBlob(data: string): GzipBlobPort;
  newBlob(data: GoogleAppsScript.Byte[], contentType: string): GzipBlobPort;
  gzip(blob: GzipBlobPort): GzipBlobPort;
  ungzip(blob: GzipBlobPort): GzipBlobPort;
  base64Encode(data: GoogleAppsScript.Byte[]): string;
  base64Decode(encoded: string): GoogleAppsScript.Byte[];
}

/** getAs and getBlob make it the BlobSource gzip and ungzip take. */
export type GzipBlobPort = Pick<GoogleAppsScript.Base.Blob, 'getBytes' | 'getDataAsString' | 'getAs' | 'getBlob'>;

/** The slice of ScriptApp that installs the change trigger (the time-driven ones go through ScriptAppPort). */
export interface ChangeTriggersPort {
  newTrigger(functionName: string): { forSpreadsheet(sheet: SpreadsheetPort): ChangeTriggerBuilderPort };
  getUserTriggers(spreadsheet: SpreadsheetPort): TriggerPort[];
  deleteTrigger(trigger: TriggerPort): void;
}

export interface ChangeTriggerBuilderPort {
  onChange(): ChangeTriggerBuilderPort;
  create(): TriggerPort;
}

/** The part of an installable change trigger's event the add-on reads. */
export type ChangeEvent = Pick<GoogleAppsScript.Events.SheetsOnChange, 'changeType'>;

/** The part of a simple trigger's event the add-on reads. */
export type TriggerEvent = Pick<GoogleAppsScript.Events.SheetsOnOpen, 'authMode'>;

/** The part of a time-driven trigger's event the add-on reads. */
export type TimeDrivenEvent = Pick<GoogleAppsScript.Events.TimeDriven, 'triggerUid'>;
