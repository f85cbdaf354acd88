// The formula facts as cache text: JSON with a version, split into pieces that each fit one cache value
// (CacheService limits a value to 100 KB, counted in UTF-8 bytes, not characters).
import type { MessageId } from '../messages';
import { FACTS_VERSION, type FormulaFacts } from './facts';

/** Cached text that cannot be used: the caller rebuilds the facts. The message says why, in the catalogue. */
export class FormulaFactsError extends Error {
  constructor(readonly messageId: MessageId, readonly params: Record<string, string | number> = {}) {
    super(messageId);
    this.name = 'FormulaFactsError';
  }
}

export function serializeFacts(facts: FormulaFacts): string {
  return JSON.stringify(facts);
}

export function parseFacts(text: string): FormulaFacts {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new FormulaFactsError('formula.facts_unreadable');
  }
  const version = typeof parsed === 'object' && parsed !== null ? (parsed as { version?: unknown }).version : undefined;
  if (typeof version !== 'number') throw new FormulaFactsError('formula.facts_unreadable');
  if (version !== FACTS_VERSION) throw new FormulaFactsError('formula.facts_version', { found: version, expected: FACTS_VERSION });
  return parsed as FormulaFacts;
}

/** UTF-8 length of the character starting at code unit i, and how many code units it takes. */
function utf8Char(text: string, i: number): [bytes: number, units: number] {
  const code = text.charCodeAt(i);
  if (code < 0x80) return [1, 1];
  if (code < 0x800) return [2, 1];
  const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
  if (code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) return [4, 2];
  // Other characters of the Basic Multilingual Plane, and lone surrogates (written as U+FFFD).
  return [3, 1];
}

/**
 * Splits text into pieces of at most maxBytes UTF-8 bytes each, never inside a character (a surrogate pair
 * stays whole), so every piece is valid text on its own. Empty text is one empty piece.
 */
export function chunk(text: string, maxBytes: number): string[] {
  if (!(maxBytes >= 4)) throw new RangeError(`A chunk must hold at least 4 bytes, not ${maxBytes}`);
  const pieces: string[] = [];
  let start = 0;
  let bytes = 0;
  for (let i = 0; i < text.length;) {
    const [size, units] = utf8Char(text, i);
    if (bytes + size > maxBytes) {
      pieces.push(text.slice(start, i));
      start = i;
      bytes = 0;
    }
    bytes += size;
    i += units;
  }
  pieces.push(text.slice(start));
  return pieces;
}

/** The text again from its pieces, or null when one is missing (the cache evicted it): rebuild then. */
export function unchunk(pieces: ReadonlyArray<string | null | undefined>): string | null {
  if (pieces.length === 0 || pieces.some((p) => p === null || p === undefined)) return null;
  return pieces.join('');
}
