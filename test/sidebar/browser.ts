import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { chromium, type Browser, type Page } from 'playwright-core';
import { join } from 'node:path';
import { builtFile, ROOT } from '../support/built-dist';

// The built dist/sidebar.html in Debian's Chromium (playwright-core drives it; `npx playwright install`
// cannot download browsers here), served by a tiny local HTTP server, with a stand-in for google.script.run
// installed before the page's script runs. The stand-in records every call (name and arguments, copied as
// google.script.run copies them) and answers from fixtures: a value, an error (the failure handler), or a
// value held back until the test releases it (to see the sidebar while the server works).

export const CHROMIUM = '/usr/bin/chromium';
export const HAVE_CHROMIUM = existsSync(CHROMIUM);
// On a developer's machine without Chromium the browser tests are skipped with a warning; CI (.ci/run sets
// REQUIRE_CHROMIUM) must run them, so there a missing browser fails every browser test file instead.
if (!HAVE_CHROMIUM && process.env.REQUIRE_CHROMIUM) throw new Error(`${CHROMIUM} is missing, and REQUIRE_CHROMIUM is set: the browser tests cannot run.`);
/** The sidebar's width in Sheets. */
export const SIDEBAR_WIDTH = 300;
/**
 * How long a page may take to show what a test waits for. Generous: on two CPUs shared with the engine's
 * tests (or another test run) a step that takes 50 ms alone can take seconds; a wait ends as soon as the
 * page is ready, so only a real failure costs this long.
 */
export const PAGE_TIMEOUT_MS = 60_000;
/** A browser test file's hooks and tests: several page waits, and waiting for the browser turn. */
export const BROWSER_TEST_TIMEOUT_MS = 240_000;

/** Held by the process whose Chromium runs; other processes (jest workers, another test run) wait their turn. */
const TURN = join(tmpdir(), 'campaign-analytics-browser-tests.lock');
/** A turn whose holder never wrote its pid (killed between the two steps) is free after this long. */
const STALE_TURN_MS = 30_000;

/** The turn is free to take: its holder is this process (jest runs test files one after another in a process) or dead. */
function turnFree(): boolean {
  try {
    const pid = Number(readFileSync(join(TURN, 'pid'), 'utf8'));
    if (pid === process.pid) return true;
    process.kill(pid, 0);
    return false;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ESRCH') return true;
    if (code === 'ENOENT') return Date.now() - (statSync(TURN, { throwIfNoEntry: false })?.mtimeMs ?? 0) > STALE_TURN_MS;
    return false;
  }
}

/** Waits until no other process runs a browser test, then takes the turn; returns its release. */
async function takeBrowserTurn(): Promise<() => void> {
  for (;;) {
    try {
      mkdirSync(TURN);
      writeFileSync(join(TURN, 'pid'), String(process.pid));
      return () => rmSync(TURN, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (turnFree()) rmSync(TURN, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/** A browser of launchChromium: close() also ends this process's turn. */
export interface Chromium {
  browser: Browser;
  close(): Promise<void>;
}

/**
 * Debian's Chromium, headless, with the flags of /work/shared/notes/toolchain.md; Playwright gives each launch
 * a fresh profile (a temporary --user-data-dir, removed on close). Browser test files take turns, across jest
 * workers and test runs: two Chromiums next to the engine's tests on two CPUs starve each other's pages.
 */
export async function launchChromium(): Promise<Chromium> {
  const release = await takeBrowserTurn();
  try {
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
      timeout: PAGE_TIMEOUT_MS,
    });
    return { browser, close: () => browser.close().finally(release) };
  } catch (error) {
    release();
    throw error;
  }
}

/**
 * A fresh page as wide as the sidebar in Sheets, in a context of its own, its waits bounded by PAGE_TIMEOUT_MS;
 * `locale`: the browser's language (navigator.language), Playwright's default en-US without one.
 */
export async function newSidebarPage(browser: Browser, locale?: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: SIDEBAR_WIDTH, height: 900 }, locale });
  context.setDefaultTimeout(PAGE_TIMEOUT_MS);
  return context.newPage();
}

export type Answer = { value: unknown; hold?: boolean } | { error: string; hold?: boolean };
export type Fixtures = Record<string, Answer>;
export interface Call {
  name: string;
  args: unknown[];
}

declare global {
  interface Window {
    __calls: Call[];
    __fixtures: Fixtures;
    __release(name: string): void;
  }
}

/** Runs in the page before its own script: window.google.script.run as a recording stand-in. */
function installShim(fixtures: Fixtures): void {
  type Handler = ((value: unknown) => void) | null;
  const held: Array<{ name: string; deliver: () => void }> = [];
  window.__calls = [];
  window.__fixtures = fixtures;
  window.__release = (name) => {
    for (const entry of held.filter((h) => h.name === name)) {
      held.splice(held.indexOf(entry), 1);
      entry.deliver();
    }
  };
  const hasDate = (value: unknown): boolean =>
    value instanceof Date || (typeof value === 'object' && value !== null && Object.values(value).some(hasDate));
  const runner = (success: Handler, failure: Handler): unknown => new Proxy({}, {
    get(_target, property: string) {
      if (property === 'withSuccessHandler') return (handler: Handler) => runner(handler, failure);
      if (property === 'withFailureHandler') return (handler: Handler) => runner(success, handler);
      if (property === 'withUserObject') return () => runner(success, failure);
      return (...args: unknown[]) => {
        // The real google.script.run refuses Dates and functions: a sidebar that sends one is broken.
        if (hasDate(args) || args.some((a) => typeof a === 'function')) throw new Error(`google.script.run.${property}: illegal argument`);
        window.__calls.push({ name: property, args: JSON.parse(JSON.stringify(args)) as unknown[] });
        const answer = window.__fixtures[property];
        const deliver = () => {
          if (answer === undefined) failure?.(new Error(`no fixture for ${property}`));
          else if ('error' in answer) failure?.(new Error(answer.error));
          else success?.(JSON.parse(JSON.stringify(answer.value ?? null)));
        };
        if (answer?.hold) held.push({ name: property, deliver });
        else setTimeout(deliver, 5);
      };
    },
  });
  (window as unknown as { google: unknown }).google = { script: { run: runner(null, null), host: { close() {}, setHeight() {} } } };
}

export interface Sidebar {
  page: Page;
  calls(name?: string): Promise<Call[]>;
  answer(name: string, answer: Answer): Promise<void>;
  release(name: string): Promise<void>;
}

export class SidebarHarness {
  private chromium: Chromium | null = null;
  private page: Page | null = null;
  private server: Server | null = null;
  private url = '';

  async start(): Promise<void> {
    const html = builtFile('dist/sidebar.html');
    this.server = createServer((request, response) => {
      response.writeHead(request.url === '/' ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
      response.end(request.url === '/' ? html : '');
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    this.chromium = await launchChromium();
  }

  async stop(): Promise<void> {
    await this.chromium?.close();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** A fresh page, 300 px wide as in Sheets, with the stand-in answering from `fixtures`; the previous one closes. */
  async open(fixtures: Fixtures, locale?: string): Promise<Sidebar> {
    await this.page?.context().close();
    const page = await newSidebarPage(this.chromium!.browser, locale);
    this.page = page;
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.addInitScript(installShim, fixtures);
    await page.goto(this.url);
    if (errors.length > 0) throw new Error(`the sidebar's script failed: ${errors.join('; ')}`);
    return {
      page,
      calls: async (name) => (await page.evaluate(() => window.__calls)).filter((c) => name === undefined || c.name === name),
      answer: (name, answer) => page.evaluate(([n, a]) => {
        window.__fixtures[n as string] = a as Answer;
      }, [name, answer] as const),
      release: (name) => page.evaluate((n) => window.__release(n), name),
    };
  }
}

/** The catalogue ids the markup names (data-msg*), for checking them against the catalogue. */
export function markupMessageIds(): string[] {
  const html = readFileSync(join(ROOT, 'sidebar', 'index.html'), 'utf8');
  return [...html.matchAll(/data-msg(?:-label|-placeholder|-title)?="([^"]+)"/g)].map((m) => m[1]);
}
