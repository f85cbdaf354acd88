import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as entryPoints from '../../src/addon/main';
import { FACT_FUNCTIONS } from '../../src/addon/formula-facts-source';
import { builtFile, GAS_GLOBAL, loadCodeJs, ROOT } from '../support/built-dist';

// dist/Code.js must expose every entry point of src/addon/main.ts as a top-level function with the same
// parameter names and JSDoc: Apps Script only calls top-level functions by name, and Sheets builds a custom
// function's autocomplete from the JSDoc and parameters right above it.

const code = builtFile('dist/Code.js');
const source = readFileSync(join(ROOT, 'src/addon/main.ts'), 'utf8');
const DOC = String.raw`\/\*\*(?:(?!\*\/)[\s\S])*\*\/`;

function parameterNames(fn: unknown): string[] {
  const header = /^function\b[^(]*\(([^)]*)\)/.exec(String(fn));
  if (!header) throw new Error(`not a function declaration: ${String(fn).slice(0, 60)}`);
  return header[1].split(',').map((p) => p.trim()).filter(Boolean);
}

/** Declarations at column 0: the bundle's own code is indented inside its IIFE. */
function topLevelStubs(text: string): Map<string, { params: string[]; doc: string | null }> {
  const stubs = new Map<string, { params: string[]; doc: string | null }>();
  for (const match of text.matchAll(/^function ([\w$]+)\(([^)]*)\)/gm)) {
    const before = text.slice(0, match.index);
    const doc = new RegExp(`(${DOC})\\n$`).exec(before)?.[1] ?? null;
    stubs.set(match[1], { params: match[2].split(',').map((p) => p.trim()).filter(Boolean), doc });
  }
  return stubs;
}

function sourceDoc(name: string): string | undefined {
  return new RegExp(`(${DOC})\\s*export function ${name}\\b`).exec(source)?.[1];
}

const sourceNames = Object.keys(entryPoints).sort();

test('the entry points are the ones the add-on needs', () => {
  expect(sourceNames).toEqual([
    'ATTRIBUTION_TABLE', 'CAMPAIGN_DATA_PROBLEMS', 'CAMPAIGN_INFLUENCED_REVENUE', 'CAMPAIGN_METRIC', 'CAMPAIGN_REVENUE',
    'TRACKING_URL', 'addChartToDashboard', 'changeCampaign', 'createDataSheets', 'createTrackingUrl', 'exportReport',
    'getScheduledReport', 'getSidebarState', 'getWrittenReport', 'listDashboards', 'listReportSections', 'onInstall', 'onOpen', 'onSpreadsheetChange',
    'openDrillDownSheet', 'refreshReport', 'removeReportSheets', 'removeScheduledReport', 'runReport', 'runScheduledReport',
    'runSidebar', 'saveChartToDashboard', 'saveDataSheetMapping', 'saveSidebarChoices', 'saveSidebarLanguage', 'saveWorkbookCurrency', 'scheduleDailyReport', 'scheduleReport',
    'scheduleWeeklyReport', 'shareReport', 'showSettings', 'showSidebar', 'unscheduleReport', 'validateDataSheets',
    'writeReportFromSidebar',
  ]);
  expect(parameterNames(entryPoints.CAMPAIGN_DATA_PROBLEMS)).toEqual(['campaigns', 'assets', 'visits', 'deals', 'spend', 'deal_contacts', 'contacts']);
  // Simple triggers receive their event (and its authMode) as the one argument.
  expect(parameterNames(entryPoints.onOpen)).toEqual(['e']);
  expect(parameterNames(entryPoints.onInstall)).toEqual(['e']);
});

test('the bundle global, the top-level stubs and the TypeScript exports name the same functions', () => {
  const context = loadCodeJs();
  expect(Object.keys(context[GAS_GLOBAL]).sort()).toEqual(sourceNames);
  expect([...topLevelStubs(code).keys()].sort()).toEqual(sourceNames);
  // What Apps Script sees: every global the script defines, less the bundle itself.
  const globals = Object.keys(context).filter((name) => name !== GAS_GLOBAL);
  expect(globals.sort()).toEqual(sourceNames);
  for (const name of globals) expect(typeof context[name]).toBe('function');
});

test('each stub has the parameter names of its TypeScript function', () => {
  const stubs = topLevelStubs(code);
  for (const name of sourceNames) {
    expect({ name, params: stubs.get(name)?.params }).toEqual({ name, params: parameterNames(entryPoints[name as keyof typeof entryPoints]) });
  }
});

test('each stub carries the JSDoc of its TypeScript function; custom functions keep @customfunction and a @param per parameter', () => {
  const stubs = topLevelStubs(code);
  for (const name of sourceNames) {
    const doc = sourceDoc(name);
    expect(doc).toBeDefined();
    expect({ name, doc: stubs.get(name)?.doc }).toEqual({ name, doc });
  }
  const customFunctions = sourceNames.filter((name) => /^[A-Z][A-Z0-9_]*$/.test(name));
  expect(customFunctions).toEqual([
    'ATTRIBUTION_TABLE', 'CAMPAIGN_DATA_PROBLEMS', 'CAMPAIGN_INFLUENCED_REVENUE', 'CAMPAIGN_METRIC', 'CAMPAIGN_REVENUE', 'TRACKING_URL',
  ]);
  for (const name of customFunctions) {
    const stub = stubs.get(name)!;
    expect(stub.doc).toContain('@customfunction');
    for (const param of stub.params) expect(stub.doc).toMatch(new RegExp(`@param \\{[^}]*\\} ${param} \\S`));
  }
});

test('the functions whose formulas the change trigger keeps current are those that take the data version', () => {
  const takingVersion = sourceNames.filter((name) => parameterNames(entryPoints[name as keyof typeof entryPoints]).includes('data_version'));
  expect([...FACT_FUNCTIONS].sort()).toEqual(takingVersion);
});

test('a stub passes its arguments to the bundle and returns its result', () => {
  const context = loadCodeJs();
  const received: Array<[string, unknown[]]> = [];
  context[GAS_GLOBAL] = Object.fromEntries(sourceNames.map((name) => [name, (...args: unknown[]) => {
    received.push([name, args]);
    return `${name} result`;
  }]));
  expect(context.CAMPAIGN_DATA_PROBLEMS('c', 'a', 'v', 'd')).toBe('CAMPAIGN_DATA_PROBLEMS result');
  expect(context.onOpen()).toBe('onOpen result');
  expect(received).toEqual([['CAMPAIGN_DATA_PROBLEMS', ['c', 'a', 'v', 'd']], ['onOpen', []]]);
});

test('Code.js runs as a classic script: no require, module or exports, no CommonJS shim', () => {
  expect(() => loadCodeJs()).not.toThrow();
  expect(code).not.toMatch(/\b__require\b|\b__commonJS\b|\bmodule\.exports\b|^\s*(import|export)\s/m);
});

describe('the build refuses an entry file whose exports cannot become stubs', () => {
  const folder = mkdtempSync(join(tmpdir(), 'gas-entry-'));
  const fixtures: Record<string, string> = {
    arrowExport: '/** Doubles. */\nexport const double = (x: number) => x * 2;\n',
    undocumented: '/** Fine. */\nexport function fine() {}\nexport function bare() {}\n',
    reExport: '/** Hidden. */\nfunction hidden() {}\nexport { hidden };\n',
    defaultValue: '/** Rate. */\nexport function rate(model: string = "linear") { return model; }\n',
    privateName: '/** Private. */\nexport function helper_() {}\n',
    wellFormed: '/**\n * Costs $& and $1.\n * @customfunction\n */\nexport function PRICE(amount: number, currency?: string) { return amount + (currency ?? ""); }\n',
  };
  const outcomes = runGenerator(folder, fixtures);

  test.each([
    ['arrowExport', 'the export "double" must be written `/** JSDoc */ export function double(…)`'],
    ['undocumented', 'the export "bare" must be written'],
    ['reExport', 'the export "hidden" must be written'],
    ['defaultValue', '"rate" must take plain parameters (no defaults, destructuring or rest)'],
    ['privateName', '"helper_" ends in "_"'],
  ])('%s', (fixture, message) => {
    expect(outcomes[fixture]).toContain(message);
  });

  test('a well-formed entry file gets its stub, with "$&" in the JSDoc kept as written', () => {
    expect(outcomes.wellFormed).toContain('/**\n * Costs $& and $1.\n * @customfunction\n */\nfunction PRICE(amount, currency) {\n  return CampaignAnalytics.PRICE(amount, currency);\n}');
  });
});

/** Runs scripts/lib/gas-code.mjs (an ES module, which Jest cannot import) on each fixture in one child process. */
function runGenerator(folder: string, fixtures: Record<string, string>): Record<string, string> {
  for (const [name, text] of Object.entries(fixtures)) writeFileSync(join(folder, `${name}.ts`), text);
  const script = `
    import { buildGasCode } from ${JSON.stringify(pathToFileURL(join(ROOT, 'scripts/lib/gas-code.mjs')).href)};
    const outcomes = {};
    for (const name of ${JSON.stringify(Object.keys(fixtures))}) {
      outcomes[name] = await buildGasCode({ entry: ${JSON.stringify(folder)} + '/' + name + '.ts', globalName: 'CampaignAnalytics' })
        .catch((error) => 'error: ' + error.message);
    }
    console.log(JSON.stringify(outcomes));`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }));
}
