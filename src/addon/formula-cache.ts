import { chunk, parseFacts, serializeFacts, unchunk, type FormulaFacts } from '../core/formulas';
import type { Problem } from '../core/types';
import type { CachePort, GzipPort } from './ports';
import { SHEETS_CELL_CHARS } from './capacity';

// The formula facts as they are stored. In the document cache, under their data version (formula-data-version.ts):
// the facts as JSON, or gzipped and base-64 encoded when that takes fewer cache entries, cut into pieces that
// each fit one cache value, plus a head entry saying how many pieces there are. CacheService keeps an entry 6
// hours at most, so the runs that publish the facts also keep them lastingly on the add-on's version sheet:
// the same text, as a head cell and pieces that each fit one cell (copyCells). Data whose facts
// cannot be built (a missing required column) is stored too, as the problem, so every formula tells it
// without reading. Any part may be gone or damaged: then the facts are read elsewhere or rebuilt, never guessed.

/** A cache value holds at most 100 KB; pieces stay under it with room to spare. */
export const PIECE_BYTES = 90_000;
/** The longest CacheService keeps an entry: 6 hours. */
const CACHE_SECONDS = 21_600;
const GZIP_TYPE = 'application/x-gzip';
/**
 * Starts every piece cell: Sheets reads a value as if typed, and a piece such as "1/2", "+A", "==" or "12]"
 * would become a date, a formula, an error or a number.
 */
const CELL_MARK = '~';

export type FactsEntry = { facts: FormulaFacts } | { problem: Problem };

/** An entry ready to store anywhere: the facts' text made once for the cache and the sheet. */
export type StoredEntry = { problem: Problem } | StoredFacts;

/** `text`: the JSON, or (`gzip`) the JSON gzipped as base 64. */
type StoredFacts = { facts: FormulaFacts; text: string; gzip: boolean };

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

export function storedEntry(gzip: GzipPort, entry: FactsEntry): StoredEntry {
  if ('problem' in entry) return { problem: entry.problem };
  const json = serializeFacts(entry.facts);
  // JSON compresses about threefold; base 64 adds a third back. Small facts stay readable and skip the work.
  const gzipped = utf8Bytes(json) > PIECE_BYTES;
  const text = gzipped ? gzip.base64Encode(gzip.gzip(gzip.newBlob(json)).getBytes()) : json;
  return { facts: entry.facts, text, gzip: gzipped };
}

/** The facts in `text` as the head says it is; null when it is damaged (not gzip, not JSON) or of another facts format. */
function readText(gzip: GzipPort, head: { gzip: boolean }, text: string | null): StoredFacts | null {
  if (text === null) return null;
  try {
    const json = head.gzip ? gzip.ungzip(gzip.newBlob(gzip.base64Decode(text), GZIP_TYPE)).getDataAsString() : text;
    return { facts: parseFacts(json), text, gzip: head.gzip };
  } catch {
    // parseFacts throws FormulaFactsError: read like a missing entry, so the facts come from elsewhere.
    return null;
  }
}

/** The entries that store `stored` under `version`: the pieces and the head. */
export function cacheEntries(version: string, stored: StoredEntry): Record<string, string> {
  if ('problem' in stored) return { [headKey(version)]: JSON.stringify({ problem: stored.problem } satisfies Head) };
  const pieces = chunk(stored.text, PIECE_BYTES);
  const entries: Record<string, string> = {};
  pieces.forEach((piece, i) => {
    entries[pieceKey(version, i)] = piece;
  });
  entries[headKey(version)] = JSON.stringify({ pieces: pieces.length, gzip: stored.gzip } satisfies Head);
  return entries;
}

export function storeFactsEntry(cache: CachePort, version: string, stored: StoredEntry): void {
  cache.putAll(cacheEntries(version, stored), CACHE_SECONDS);
}

/** The cached entry of `version`; null when any part of it is gone or unreadable. */
export function loadFactsEntry(ports: CachePorts, version: string): FactsEntry | null {
  const head = parseHead(ports.cache.get(headKey(version)));
  if (head === null) return null;
  if ('problem' in head) return { problem: head.problem };
  const keys = Array.from({ length: head.pieces }, (_, i) => pieceKey(version, i));
  const found = ports.cache.getAll(keys) as Record<string, string | undefined>;
  const read = readText(ports.gzip, head, unchunk(keys.map((key) => found[key])));
  return read && { facts: read.facts };
}

/**
 * The cells that keep `stored` on the version sheet: the head, then the cache's text in pieces that fit a
 * cell (counted in UTF-8 bytes, never fewer than characters).
 */
export function copyCells(stored: StoredEntry): string[] {
  if ('problem' in stored) return [JSON.stringify({ problem: stored.problem } satisfies Head)];
  const pieces = chunk(stored.text, SHEETS_CELL_CHARS - CELL_MARK.length);
  return [JSON.stringify({ pieces: pieces.length, gzip: stored.gzip } satisfies Head), ...pieces.map((piece) => CELL_MARK + piece)];
}

/** The entry in cells as copyCells made them (cells after them are ignored); null when any is missing or damaged. */
export function entryFromCopy(gzip: GzipPort, cells: readonly unknown[]): StoredEntry | null {
  const head = parseHead(cells[0]);
  if (head === null) return null;
  if ('problem' in head) return { problem: head.problem };
  const pieces = Array.from({ length: head.pieces }, (_, i) => {
    const cell = cells[1 + i];
    return typeof cell === 'string' && cell.startsWith(CELL_MARK) ? cell.slice(CELL_MARK.length) : null;
  });
  return readText(gzip, head, unchunk(pieces));
}

function parseHead(text: unknown): Head | null {
  if (typeof text !== 'string') return null;
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
