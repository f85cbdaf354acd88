import { gunzipSync, gzipSync } from 'node:zlib';
import type {
  CachePort, CacheServicePort, ChangeTriggerBuilderPort, ChangeTriggersPort, GzipBlobPort, GzipPort, SpreadsheetPort, TriggerPort,
} from '../../src/addon/ports';

// Stand-ins for what the custom functions use beyond the spreadsheet: CacheService's document cache,
// Utilities' gzip and base 64, and ScriptApp's installable change trigger. They enforce the limits the real
// services enforce where a bug of ours would trip them: a key of at most 250 characters, a value of at most
// 100 KB, an expiration of at most 6 hours, bytes as Java's signed bytes. Each factory takes `wrap`, which
// logs the calls (gas-fakes.ts passes its own; a test can pass logCalls into its call list).

export type Wrap = <T extends object>(label: string, target: T) => T;

const MAX_KEY_LENGTH = 250;
/** The documented "100KB", read strictly: a value must fit in 100,000 UTF-8 bytes. */
export const MAX_VALUE_BYTES = 100_000;
const MAX_SECONDS = 21_600;
const DEFAULT_SECONDS = 600;

export interface FakeCache {
  port: CacheServicePort;
  /** What is cached: key to value. */
  entries: Map<string, string>;
  /** Drops every entry, as CacheService may at any time. */
  evictAll(): void;
  /** Drops the entries whose key matches, e.g. one piece of the facts. */
  evict(matches: (key: string) => boolean): void;
}

export function fakeDocumentCache(wrap: Wrap): FakeCache {
  const entries = new Map<string, string>();
  const checkKey = (key: string) => {
    if (typeof key !== 'string' || key.length === 0 || key.length > MAX_KEY_LENGTH) throw new Error(`Argument too large: key (${String(key).length} characters)`);
  };
  const checkSeconds = (seconds: number | undefined) => {
    if (seconds !== undefined && !(Number.isInteger(seconds) && seconds >= 1 && seconds <= MAX_SECONDS)) throw new Error(`Invalid expiration: ${seconds}`);
  };
  const put = (key: string, value: string) => {
    checkKey(key);
    if (typeof value !== 'string') throw new Error(`Cache values are strings, not ${typeof value}`);
    if (Buffer.byteLength(value, 'utf8') > MAX_VALUE_BYTES) throw new Error(`Argument too large: value (${Buffer.byteLength(value, 'utf8')} bytes)`);
    entries.set(key, value);
  };
  const cache: CachePort = wrap('Cache', {
    get: (key: string) => {
      checkKey(key);
      return entries.get(key) ?? null;
    },
    getAll: (keys: string[]) => Object.fromEntries(keys.filter((key) => entries.has(key)).map((key) => [key, entries.get(key)!])),
    put(key: string, value: string, seconds: number = DEFAULT_SECONDS) {
      checkSeconds(seconds);
      put(key, value);
    },
    putAll(values: Record<string, string>, seconds: number = DEFAULT_SECONDS) {
      checkSeconds(seconds);
      for (const [key, value] of Object.entries(values)) put(key, value);
    },
    remove: (key: string) => void entries.delete(key),
  });
  return {
    port: wrap('CacheService', { getDocumentCache: () => cache }),
    entries,
    evictAll: () => entries.clear(),
    evict(matches) {
      for (const key of [...entries.keys()]) if (matches(key)) entries.delete(key);
    },
  };
}

/** Java bytes, as Apps Script hands them out: -128 to 127. */
const signed = (bytes: Uint8Array) => Array.from(bytes, (b) => (b > 127 ? b - 256 : b));
const unsigned = (bytes: readonly number[]) => Uint8Array.from(bytes, (b) => (b < 0 ? b + 256 : b));

export function fakeGzip(wrap: Wrap): GzipPort {
  const blob = (bytes: Uint8Array): GzipBlobPort => {
    const port = {
      getBytes: () => signed(bytes),
      getDataAsString: () => Buffer.from(bytes).toString('utf8'),
      // gzip and ungzip take a BlobSource; these stand-ins hand the blob itself around.
      getBlob: () => port as unknown as GoogleAppsScript.Base.Blob,
      getAs: () => {
        throw new Error('Blob.getAs is not in the stand-ins');
      },
    };
    return wrap('Blob', port);
  };
  const bytesOf = (source: GzipBlobPort) => unsigned(source.getBytes());
  const utilities = {
    newBlob: (data: string | GoogleAppsScript.Byte[]) => blob(typeof data === 'string' ? Buffer.from(data, 'utf8') : unsigned(data)),
    gzip: (source: GzipBlobPort) => blob(gzipSync(bytesOf(source))),
    ungzip: (source: GzipBlobPort) => blob(gunzipSync(bytesOf(source))),
    base64Encode: (data: GoogleAppsScript.Byte[]) => Buffer.from(unsigned(data)).toString('base64'),
    base64Decode: (encoded: string) => signed(Buffer.from(encoded, 'base64')),
  };
  return wrap('Utilities', utilities as GzipPort);
}

export interface FakeChangeTrigger {
  id: string;
  handler: string;
  event: 'change' | null;
}

export interface FakeChangeTriggers {
  port: ChangeTriggersPort;
  triggers: FakeChangeTrigger[];
}

/**
 * `base`: the rest of ScriptApp (its AuthMode), merged in since Code.js sees one ScriptApp. `refuse`: creating
 * a trigger fails, as when the user did not grant the trigger scope.
 */
export function fakeChangeTriggers(wrap: Wrap, { base = {}, refuse = false }: { base?: object; refuse?: boolean } = {}): FakeChangeTriggers {
  const triggers: FakeChangeTrigger[] = [];
  let made = 0;
  const handle = (t: FakeChangeTrigger): TriggerPort => wrap('Trigger', { getHandlerFunction: () => t.handler, getUniqueId: () => t.id });
  const port: ChangeTriggersPort = {
    newTrigger(functionName: string) {
      const trigger: FakeChangeTrigger = { id: `change-trigger-${++made}`, handler: functionName, event: null };
      return wrap('TriggerBuilder', {
        forSpreadsheet(_spreadsheet: SpreadsheetPort) {
          const builder: ChangeTriggerBuilderPort = wrap('SpreadsheetTriggerBuilder', {
            onChange() {
              trigger.event = 'change';
              return builder;
            },
            create() {
              if (refuse) throw new Error('You do not have permission to call ScriptApp.newTrigger. Required permissions: https://www.googleapis.com/auth/script.scriptapp');
              if (trigger.event === null) throw new Error('Missing event type for the trigger.');
              triggers.push(trigger);
              return handle(trigger);
            },
          });
          return builder;
        },
      });
    },
    getUserTriggers: () => triggers.map(handle),
    deleteTrigger(trigger: TriggerPort) {
      const at = triggers.findIndex((t) => t.id === trigger.getUniqueId());
      if (at < 0) throw new Error('The trigger does not exist.');
      triggers.splice(at, 1);
    },
  };
  return { port: wrap('ScriptApp', { ...base, ...port }), triggers };
}
