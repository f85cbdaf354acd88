import type { HtmlServicePort, SpreadsheetAppPort } from './ports';

export interface GasServices {
  spreadsheetApp: SpreadsheetAppPort;
  htmlService: HtmlServicePort;
}

/**
 * The real Apps Script services, typed as ports. Assigning the globals here is what makes tsc check every
 * port against @types/google-apps-script. A function rather than a module constant, so that loading the
 * bundle touches no service (it loads on every execution, in every auth mode).
 */
export function gasServices(): GasServices {
  return { spreadsheetApp: SpreadsheetApp, htmlService: HtmlService };
}
