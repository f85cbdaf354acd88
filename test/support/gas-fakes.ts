import type {
  HtmlOutputPort, HtmlServicePort, MenuPort, SheetPort, SpreadsheetAppPort, SpreadsheetPort, UiPort,
} from '../../src/addon/ports';
import type { Cell } from '../../src/core/types';

// In-memory stand-ins for the Apps Script services the add-on calls, built on the add-on's ports (which
// the real globals satisfy, checked by tsc against @types/google-apps-script). Every method call on them is
// logged as "Object.method", so a test can state exactly which calls happened: one read per sheet, no
// writes, nothing but the menu in onOpen. A method the stand-ins lack is logged too, then fails as it
// would on a typo.

export interface FakeOptions {
  /** Sheet name to its values, header row first, as getDataRange().getValues() returns them. */
  sheets?: Record<string, Cell[][]>;
  locale?: string;
  timeZone?: string;
}

export interface FakeServices {
  SpreadsheetApp: SpreadsheetAppPort;
  HtmlService: HtmlServicePort;
  /** Every call, in order, e.g. "SpreadsheetApp.getUi", "Sheet(Deals).getValues". */
  calls: string[];
  /** Each addAddonMenu(): its items as [caption, functionName], and whether addToUi() followed. */
  menus: Array<{ items: Array<[string, string]>; shown: boolean }>;
  /** Each sidebar shown: the HTML file and its title. */
  sidebars: Array<{ file: string; title: string }>;
}

interface FakeHtmlOutput extends HtmlOutputPort {
  file: string;
  title: string;
}

export function fakeServices({ sheets = {}, locale = 'en_US', timeZone = 'Europe/Amsterdam' }: FakeOptions = {}): FakeServices {
  const calls: string[] = [];
  const menus: FakeServices['menus'] = [];
  const sidebars: FakeServices['sidebars'] = [];
  const logged = <T extends object>(label: string, target: T): T => logCalls(label, target, calls);

  const sheet = (name: string, values: Cell[][]): SheetPort =>
    logged(`Sheet(${name})`, {
      getDataRange: () => logged(`Range(${name})`, { getValues: () => values.map((row) => [...row]) }),
    });

  const spreadsheet: SpreadsheetPort = logged('Spreadsheet', {
    getSheetByName: (name: string) => (name in sheets ? sheet(name, sheets[name]) : null),
    getSpreadsheetLocale: () => locale,
    getSpreadsheetTimeZone: () => timeZone,
  });

  const ui: UiPort = logged('Ui', {
    createAddonMenu(): MenuPort {
      const menu = { items: [] as Array<[string, string]>, shown: false };
      menus.push(menu);
      const port: MenuPort = logged('Menu', {
        addItem(caption: string, functionName: string) {
          menu.items.push([caption, functionName]);
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

  const SpreadsheetApp: SpreadsheetAppPort = logged('SpreadsheetApp', {
    getUi: () => ui,
    getActiveSpreadsheet: () => spreadsheet,
  });

  return { SpreadsheetApp, HtmlService, calls, menus, sidebars };
}

/** Logs each method called on `target`, including ones it lacks (which then fail as missing functions). */
function logCalls<T extends object>(label: string, target: T, calls: string[]): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      if (typeof property !== 'string') return Reflect.get(object, property, receiver);
      const value: unknown = Reflect.get(object, property, receiver);
      if (value !== undefined && typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.push(`${label}.${property}`);
        if (typeof value !== 'function') throw new TypeError(`${label}.${property} is not a function`);
        return value.apply(object, args);
      };
    },
  });
}
