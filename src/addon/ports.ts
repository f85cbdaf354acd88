import type { Cell } from '../core/types';

// The slices of Apps Script's services the add-on calls, at the services' own level of detail. The real
// globals satisfy them (gas-adapters.ts assigns them, so tsc checks each signature against
// @types/google-apps-script); tests implement them in memory. Keep them this small: every method added
// here is one more thing the stand-ins must get right.

export interface SpreadsheetAppPort {
  getUi(): UiPort;
  getActiveSpreadsheet(): SpreadsheetPort;
}

export interface UiPort {
  createAddonMenu(): MenuPort;
  showSidebar(userInterface: HtmlOutputPort): void;
}

export interface MenuPort {
  addItem(caption: string, functionName: string): MenuPort;
  addToUi(): void;
}

/** Read-only on purpose: the add-on never writes the user's data sheets. */
export interface SpreadsheetPort {
  getSheetByName(name: string): SheetPort | null;
  getSpreadsheetTimeZone(): string;
  getSpreadsheetLocale(): string;
}

export interface SheetPort {
  getDataRange(): RangePort;
}

export interface RangePort {
  getValues(): Cell[][];
}

export interface HtmlServicePort {
  createHtmlOutputFromFile(filename: string): HtmlOutputPort;
}

export interface HtmlOutputPort {
  setTitle(title: string): HtmlOutputPort;
}
