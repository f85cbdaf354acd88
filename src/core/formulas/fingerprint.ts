// A fingerprint of the data sheets for cache keys: any change to a cell's value, type, or to a sheet's
// dimensions gives another fingerprint. It is a fast non-cryptographic hash (two MurmurHash3 lanes, 64
// bits), not a digest: it guards against stale caches, not against someone forging a collision, and it
// keeps src/core free of Node's crypto and of Apps Script's Utilities.computeDigest.
import { SHEET_NAMES, type Cell, type RawWorkbook } from '../types';

// A module-level alias: looking up the global Math on every call is slow in some hosts (Node's vm contexts).
const imul = Math.imul;
const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;
const rotl = (x: number, r: number) => (x << r) | (x >>> (32 - r));

function fmix(h: number): number {
  h = imul(h ^ (h >>> 16), 0x85ebca6b);
  h = imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Two MurmurHash3 (x86, 32-bit) lanes with different seeds, fed the same 32-bit words. */
class Hasher {
  private h1 = 0x9747b28c;
  private h2 = 0x3c6ef372;
  private count = 0;
  private readonly view = new DataView(new ArrayBuffer(8));

  word(x: number): void {
    const k = imul(rotl(imul(x, C1), 15), C2);
    this.h1 = (imul(rotl(this.h1 ^ k, 13), 5) + 0xe6546b64) | 0;
    this.h2 = (imul(rotl(this.h2 ^ k, 13), 5) + 0xe6546b64) | 0;
    this.count++;
  }

  /** The number's IEEE 754 bits, so 0.1 + 0.2 and 0.3 differ and no text formatting is needed. */
  float(n: number): void {
    this.view.setFloat64(0, n, true);
    this.word(this.view.getUint32(0, true));
    this.word(this.view.getUint32(4, true));
  }

  text(s: string): void {
    this.word(s.length);
    let i = 0;
    for (; i + 1 < s.length; i += 2) this.word(s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16));
    if (i < s.length) this.word(s.charCodeAt(i));
  }

  digest(): string {
    const hex = (h: number) => fmix((h ^ this.count) | 0).toString(16).padStart(8, '0');
    return hex(this.h1) + hex(this.h2);
  }
}

// Type tags, so 1, "1", TRUE and a date at epoch 1 ms all differ.
const TAG = { empty: 0, text: 1, number: 2, false: 3, true: 4, date: 5 } as const;

function addCell(hash: Hasher, cell: Cell): void {
  if (cell === null || cell === undefined || cell === '') hash.word(TAG.empty);
  else if (typeof cell === 'string') {
    hash.word(TAG.text);
    hash.text(cell);
  } else if (typeof cell === 'number') {
    hash.word(TAG.number);
    hash.float(cell);
  } else if (typeof cell === 'boolean') hash.word(cell ? TAG.true : TAG.false);
  else {
    hash.word(TAG.date);
    hash.float(cell.getTime());
  }
}

/** 16 hex digits over every data sheet's dimensions and cells; an absent sheet differs from an empty one. */
export function fingerprintRows(raw: RawWorkbook): string {
  const hash = new Hasher();
  for (const name of SHEET_NAMES) {
    const rows = raw[name];
    hash.word(rows ? rows.length : -1);
    if (!rows) continue;
    for (const row of rows) {
      hash.word(row.length);
      for (const cell of row) addCell(hash, cell);
    }
  }
  return hash.digest();
}
