import type {
  HtmlServicePort, LockServicePort, PropertiesServicePort, ScriptAppPort, SpreadsheetAppPort,
} from './ports';

export interface GasServices {
  readonly spreadsheetApp: SpreadsheetAppPort;
  readonly htmlService: HtmlServicePort;
  readonly propertiesService: PropertiesServicePort;
  readonly lockService: LockServicePort;
  readonly scriptApp: ScriptAppPort;
}

/**
 * The real Apps Script services, typed as ports. Returning the globals here is what makes tsc check every
 * port against @types/google-apps-script. Getters, so that an entry point touches only the services it
 * uses, and loading the bundle touches none (it loads on every execution, in every auth mode).
 */
export function gasServices(): GasServices {
  return {
    get spreadsheetApp(): SpreadsheetAppPort {
      return SpreadsheetApp;
    },
    get htmlService(): HtmlServicePort {
      return HtmlService;
    },
    get propertiesService(): PropertiesServicePort {
      return PropertiesService;
    },
    get lockService(): LockServicePort {
      return LockService;
    },
    get scriptApp(): ScriptAppPort {
      return ScriptApp;
    },
  };
}
