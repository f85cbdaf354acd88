import type {
  CacheServicePort, ChangeTriggersPort, GzipPort, HtmlServicePort, LockServicePort, MailAppPort, PropertiesServicePort, ScriptAppPort, SessionPort, SpreadsheetAppPort,
  UrlFetchAppPort, UtilitiesPort,
} from './ports';

export interface GasServices {
  readonly spreadsheetApp: SpreadsheetAppPort;
  readonly htmlService: HtmlServicePort;
  readonly propertiesService: PropertiesServicePort;
  readonly lockService: LockServicePort;
  readonly scriptApp: ScriptAppPort;
  readonly urlFetchApp: UrlFetchAppPort;
  readonly mailApp: MailAppPort;
  readonly utilities: UtilitiesPort;
  readonly session: SessionPort;
  readonly cacheService: CacheServicePort;
  readonly gzip: GzipPort;
  readonly changeTriggers: ChangeTriggersPort;
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
    get urlFetchApp(): UrlFetchAppPort {
      return UrlFetchApp;
    },
    get mailApp(): MailAppPort {
      return MailApp;
    },
    get utilities(): UtilitiesPort {
      return Utilities;
    },
    get session(): SessionPort {
      return Session;
    },
    get cacheService(): CacheServicePort {
      return CacheService;
    },
    get gzip(): GzipPort {
      return Utilities;
    },
    get changeTriggers(): ChangeTriggersPort {
      return ScriptApp;
    },
  };
}
