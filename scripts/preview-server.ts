// The sidebar preview's server (`npm run preview`, scripts/preview.ts; the browser tests start it too): the
// built dist/sidebar.html, with google.script.run bridged over HTTP to the built dist/Code.js, which runs in
// a Node vm over in-memory stand-ins for the Apps Script services holding one workbook. Nothing of the
// add-on is re-implemented here: every call runs the function of Code.js that Apps Script would run.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import vm from 'node:vm';
import { PROPERTY_KEYS } from '../src/addon/settings';
import { formatMessage } from '../src/core/messages';
import type { Cell } from '../src/core/types';
import { fakeAddon, type FakeAddon } from '../test/support/gas-fakes-addon';

/** The repository: this file sits in scripts/, and its bundle (build/preview.js) in build/. */
const ROOT = join(__dirname, '..');

export interface PreviewOptions {
  /** The workbook: each sheet's rows as getValues() returns them, header row first. */
  sheets: Record<string, Cell[][]>;
  /** The spreadsheet's locale (default en_US) and time zone (default UTC). */
  locale?: string;
  timeZone?: string;
  /** The workbook currency, as the add-on's settings keep it; null or absent: none. */
  currency?: string | null;
  /** The clock Code.js sees (epoch ms); absent: the real one. */
  now?: number;
  /** 0 (the default): any free port. Only this machine can reach it (127.0.0.1). */
  port?: number;
  /** Where each failed call is reported, for whoever runs the preview. */
  log?: (line: string) => void;
}

export interface Preview {
  url: string;
  port: number;
  /** Everything Code.js sees: the workbook (addon.services.spreadsheet) can be looked at or changed while the preview runs. */
  addon: FakeAddon;
  close(): Promise<void>;
}

/** The texts the bridge needs in the page (it cannot import the catalogue). */
interface BridgeTexts {
  unreachable: string;
}

/**
 * Runs in the page before the sidebar's script: google.script.run and google.script.host as HtmlService
 * provides them, each call a POST of its JSON arguments to /run/<function>. Like the real one it refuses
 * a Date or a function among the arguments, copies them, and calls the failure handler with an Error
 * carrying the server's message.
 */
function previewBridge(texts: BridgeTexts): void {
  type Handler = ((value: unknown, userObject: unknown) => void) | null;
  const illegal = (value: unknown): boolean =>
    value instanceof Date || typeof value === 'function' || (typeof value === 'object' && value !== null && Object.values(value).some(illegal));
  const call = (name: string, args: unknown[], success: Handler, failure: Handler, userObject: unknown): void => {
    const fail = (message: string) => failure?.(new Error(message), userObject);
    fetch(`/run/${encodeURIComponent(name)}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(args) })
      .then((response) => response.json() as Promise<{ value?: unknown; error?: string }>)
      // Two arguments, not then/catch: an exception in the sidebar's own handler is not a failed call.
      .then(
        (answer) => (answer.error === undefined ? success?.(answer.value, userObject) : fail(answer.error)),
        (error: unknown) => fail(texts.unreachable.replace('{reason}', String(error))),
      );
  };
  const runner = (success: Handler, failure: Handler, userObject: unknown): unknown => new Proxy({}, {
    get(_target, property) {
      if (typeof property !== 'string') return undefined;
      if (property === 'withSuccessHandler') return (handler: Handler) => runner(handler, failure, userObject);
      if (property === 'withFailureHandler') return (handler: Handler) => runner(success, handler, userObject);
      if (property === 'withUserObject') return (object: unknown) => runner(success, failure, object);
      return (...args: unknown[]) => {
        const bad = args.findIndex(illegal);
        if (bad >= 0) throw new TypeError(`Failed due to illegal value in property: ${bad}`);
        call(property, args, success, failure, userObject);
      };
    },
  });
  const host = { close() {}, setHeight() {}, setWidth() {}, editor: { focus() {} } };
  (window as unknown as { google: unknown }).google = { script: { run: runner(null, null, undefined), host } };
}

/** dist/sidebar.html with the bridge as the first script of the page. */
function previewPage(sidebarHtml: string): string {
  const texts: BridgeTexts = { unreachable: formatMessage('preview.unreachable') };
  // "<" escaped: no text in the arguments can end the script element.
  const script = `<script>(${previewBridge.toString()})(${JSON.stringify(texts).replace(/</g, '\\u003c')});</script>`;
  if (!sidebarHtml.includes('<head>')) throw new Error('dist/sidebar.html has no <head>');
  return sidebarHtml.replace('<head>', () => `<head>\n${script}`);
}

class CallError extends Error {
  constructor(message: string, readonly status: number) {
    super(message);
  }
}

/** A value thrown in the vm is not an Error of this realm: read its message as it is. */
function messageOf(error: unknown): string {
  return typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : String(error);
}

/** Starts the preview; its URL is ready when the promise resolves. */
export async function startPreview(options: PreviewOptions): Promise<Preview> {
  const { sheets, locale = 'en_US', timeZone = 'UTC', currency = null, now, port = 0, log = () => undefined } = options;
  const addon = fakeAddon({
    // A spreadsheet has at least one sheet: a new one has "Sheet1" (getting started then offers the data sheets).
    sheets: Object.keys(sheets).length > 0 ? sheets : { Sheet1: [] },
    locale, timeZone, now,
    documentProperties: currency === null ? {} : { [PROPERTY_KEYS.currency]: currency },
  });
  const code = new vm.Script(readFileSync(join(ROOT, 'dist', 'Code.js'), 'utf8'), { filename: 'Code.js' });
  const page = previewPage(readFileSync(join(ROOT, 'dist', 'sidebar.html'), 'utf8'));

  /** One execution, as Apps Script runs it: Code.js loaded afresh (its globals do not outlive a call), then the function. */
  const execute = (name: string, args: unknown[]): unknown => {
    const context = vm.createContext({ ...addon.globals });
    code.runInContext(context);
    const entry: unknown = context[name];
    // Names ending in "_" are private in Apps Script: google.script.run cannot call them.
    if (typeof entry !== 'function' || name.endsWith('_')) throw new CallError(formatMessage('preview.function_not_found', { name }), 404);
    return entry(...args);
  };

  const run = async (path: string, request: IncomingMessage): Promise<{ status: number; body: object }> => {
    let name = path;
    try {
      name = decodeURIComponent(path);
      const args = parseArguments(await readBody(request));
      if (args === null) throw new CallError(formatMessage('preview.arguments_invalid', { name }), 400);
      // JSON, as google.script.run carries a result (undefined stays undefined: the handler gets no value).
      const value = execute(name, args);
      return { status: 200, body: value === undefined ? {} : { value: JSON.parse(JSON.stringify(value)) as unknown } };
    } catch (error) {
      const message = messageOf(error);
      log(formatMessage('preview.call_failed', { name, message }));
      return { status: error instanceof CallError ? error.status : 500, body: { error: message } };
    }
  };

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const called = /^\/run\/([^/]+)$/.exec(url.pathname);
    if (request.method === 'GET' && (url.pathname === '/' || url.pathname === '/index.html')) {
      send(response, 200, 'text/html; charset=utf-8', page);
    } else if (request.method === 'POST' && called) {
      // A JSON content type: a page elsewhere cannot post here without a CORS preflight, which is never granted.
      if (!/^application\/json\b/.test(request.headers['content-type'] ?? '')) {
        send(response, 415, 'text/plain; charset=utf-8', '');
        return;
      }
      void run(called[1], request).then(({ status, body }) => send(response, status, 'application/json; charset=utf-8', JSON.stringify(body)));
    } else {
      send(response, 404, 'text/plain; charset=utf-8', '');
    }
  });
  await listen(server, port, '127.0.0.1');
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${actual}/`,
    port: actual,
    addon,
    close: () => new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close((error) => (error ? reject(error) : resolve()));
    }),
  };
}

function send(response: ServerResponse, status: number, type: string, body: string): void {
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  response.end(body);
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function parseArguments(text: string): unknown[] | null {
  try {
    const args: unknown = JSON.parse(text);
    return Array.isArray(args) ? args : null;
  } catch {
    return null;
  }
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
