import { chunk, parseFacts, serializeFacts, unchunk, type FormulaFacts } from '../core/formulas';
import type { Problem } from '../core/types';
import type { CachePort, GzipPort } from './ports';

// The formula facts in the document cache, under their data version (formula-data-version.ts): the facts
// as JSON, gzipped and base-64 encoded when that takes fewer cache entries, cut into pieces that each fit
// one cache value, plus a head entry saying how many pieces there are. Data whose facts cannot be built
// (a missing required column) is cached too, as the problem, so every formula tells it without reading.
// CacheService is best effort: any entry may be gone, and then the facts are rebuilt, never guessed.

/** A cache value holds at most 100 KB; pieces stay under it with room to spare. */
export const PIECE_BYTES = 90_000;
/** The longest CacheService keeps an entry: 6 hours. */
const CACHE_SECONDS = 21_600;
const GZIP_TYPE = 'application/x-gzip';

export type FactsEntry = { facts: FormulaFacts } | { problem: Problem };

type Head = { pieces: number; gzip: boolean } | { problem: Problem };

export interface CachePorts {
  cache: CachePort;
  gzip: GzipPort;
}

const headKey = (version: string) => `${version}|head`;
const pieceKey = (version: string, i: number) => `${version}|${i}`;

/** UTF-8 bytes of a text (cache values are measured in bytes). */
function utf8Bytes(text: string): number {
  let bytes = 0;
  for (const c of text) {
    const code = c.codePointAt(0)!;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/** The entries that store `entry` under `version`: the pieces and the head. */
export function cacheEntries(ports: CachePorts, version: string, entry: FactsEntry): Record<string, string> {
  if ('problem' in entry) return { [headKey(version)]: JSON.stringify({ problem: entry.problem } satisfies Head) };
  const json = serializeFacts(entry.facts);
  // JSON compresses about threefold; base 64 adds a third back. Small facts stay readable and skip the work.
  const gzip = utf8Bytes(json) > PIECE_BYTES;
  const text = gzip ? ports.gzip.base64Encode(ports.gzip.gzip(ports.gzip.newBlob(json)).getBytes()) : json;
  const pieces = chunk(text, PIECE_BYTES);
  const entries: Record<string, string> = {};
  pieces.forEach((piece, i) => {
    entries[pieceKey(version, i)] = piece;
  });
  entries[headKey(version)] = JSON.stringify({ pieces: pieces.length, gzip } satisfies Head);
  return entries;
}

export function storeFactsEntry(ports: CachePorts, version: string, entry: FactsEntry): void {
  ports.cache.putAll(cacheEntries(ports, version, entry), CACHE_SECONDS);
}

/** The cached entry of `version`; null when any part of it is gone or unreadable. */
export function loadFactsEntry(ports: CachePorts, version: string): FactsEntry | null {
  const head = parseHead(ports.cache.get(headKey(version)));
  if (head === null) return null;
  if ('problem' in head) return { problem: head.problem };
  const keys = Array.from({ length: head.pieces }, (_, i) => pieceKey(version, i));
  const found = ports.cache.getAll(keys) as Record<string, string | undefined>;
  const text = unchunk(keys.map((key) => found[key]));
  if (text === null) return null;
  try {
    const json = head.gzip
      ? ports.gzip.ungzip(ports.gzip.newBlob(ports.gzip.base64Decode(text), GZIP_TYPE)).getDataAsString()
      : text;
    return { facts: parseFacts(json) };
  } catch {
    // Damaged (not gzip, not JSON: FormulaFactsError) or of another facts format: rebuilt like a missing entry.
    return null;
  }
}

function parseHead(text: string | null): Head | null {
  if (text === null) return null;
  try {
    const head = JSON.parse(text) as Partial<Record<string, unknown>> | null;
    if (typeof head?.problem === 'object' && head.problem !== null) return { problem: head.problem as Problem };
    if (Number.isInteger(head?.pieces) && (head!.pieces as number) > 0 && typeof head!.gzip === 'boolean') {
      return { pieces: head!.pieces as number, gzip: head!.gzip };
    }
    return null;
  } catch {
    return null;
  }
}
