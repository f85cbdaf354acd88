import {
  cacheEntries, copyCells, entryFromCopy, loadFactsEntry, PIECE_BYTES, storedEntry, storeFactsEntry, type CachePorts, type FactsEntry,
  type StoredEntry,
} from '../../src/addon/formula-cache';
import { dataVersion, dataVersionText, isCurrentBuild, parseDataVersion } from '../../src/addon/formula-data-version';
import { analyze } from '../../src/core/engine';
import { buildFormulaFacts, FACTS_VERSION, type FormulaFacts } from '../../src/core/formulas';
import type { Problem } from '../../src/core/types';
import { fakeDocumentCache, fakeGzip, MAX_VALUE_BYTES, type Wrap } from '../support/gas-fakes-cache';
import { campaign, workbook } from '../core/engine/fixtures';

// The facts in CacheService: pieces under the 100 KB value limit, gzip when the JSON would not fit one piece,
// and any missing or damaged part read as "not cached", never as other facts. On the version sheet: the same
// text in cells of at most 50,000 characters, read back whole or not at all.

const asIs: Wrap = (_label, target) => target;

function ports(): CachePorts & { entries: Map<string, string> } {
  const cache = fakeDocumentCache(asIs);
  return { cache: cache.port.getDocumentCache()!, gzip: fakeGzip(asIs), entries: cache.entries };
}

const stored = (entry: FactsEntry) => storedEntry(fakeGzip(asIs), entry);
const store = (p: CachePorts, version: string, entry: FactsEntry) => storeFactsEntry(p.cache, version, stored(entry));

/** The facts of a workbook of one campaign and nothing else, the campaign's name setting the size of the JSON. */
function factsNamed(name: string): FormulaFacts {
  const facts = buildFormulaFacts(analyze(workbook({ campaigns: [campaign('C1')] }), { lookbackDays: null }), 'UTC');
  return { ...facts, campaigns: [{ ...facts.campaigns[0], name }] };
}

const jsonBytes = (facts: FormulaFacts) => Buffer.byteLength(JSON.stringify(facts), 'utf8');
const V = 'version-1';
const head = (entries: Record<string, string>) => JSON.parse(entries[`${V}|head`]);
const pieces = (entries: Record<string, string>) => Object.keys(entries).filter((key) => key !== `${V}|head`);
/** The pieces' values, in order. */
const pieceValues = (entries: Record<string, string>) => pieces(entries).sort((a, b) => Number(a.split('|')[1]) - Number(b.split('|')[1])).map((key) => entries[key]);

/** Letters a compressor cannot shrink much: a fixed pseudo-random sequence. */
function noise(length: number): string {
  let seed = 7;
  return Array.from({ length }, () => String.fromCharCode(97 + ((seed = (seed * 48271) % 2147483647) % 26))).join('');
}

describe('pieces at the 100 KB boundary', () => {
  const base = jsonBytes(factsNamed(''));

  test('JSON of exactly one piece is stored as it is, in one entry', () => {
    const facts = factsNamed('x'.repeat(PIECE_BYTES - base));
    expect(jsonBytes(facts)).toBe(PIECE_BYTES);
    const entries = cacheEntries(V, stored({ facts }));
    expect(head(entries)).toEqual({ pieces: 1, gzip: false });
    expect(entries[`${V}|0`]).toBe(JSON.stringify(facts));
  });

  test('one byte more, counted in UTF-8 (é is two), and the JSON is gzipped', () => {
    const overByOne = factsNamed(`${'x'.repeat(PIECE_BYTES - base - 1)}é`);
    expect(JSON.stringify(overByOne).length).toBe(PIECE_BYTES);
    expect(head(cacheEntries(V, stored({ facts: overByOne })))).toEqual({ pieces: 1, gzip: true });
  });

  test('facts that stay big after gzip span several pieces, each within the limit, and read back whole', () => {
    const p = ports();
    const facts = factsNamed(noise(400_000));
    store(p, V, { facts });
    const entries = Object.fromEntries(p.entries);
    expect(head(entries).gzip).toBe(true);
    expect(pieces(entries).length).toBeGreaterThanOrEqual(4);
    for (const key of pieces(entries)) expect(Buffer.byteLength(entries[key], 'utf8')).toBeLessThanOrEqual(Math.min(PIECE_BYTES, MAX_VALUE_BYTES));
    expect(loadFactsEntry(p, V)).toEqual({ facts });
  });
});

describe('reading back', () => {
  test('a missing piece, a damaged piece or a missing head is "not cached"', () => {
    const p = ports();
    store(p, V, { facts: factsNamed(noise(200_000)) });
    p.entries.delete(`${V}|1`);
    expect(loadFactsEntry(p, V)).toBeNull();

    store(p, V, { facts: factsNamed(noise(200_000)) });
    p.entries.set(`${V}|0`, 'not base 64 gzip');
    expect(loadFactsEntry(p, V)).toBeNull();

    store(p, V, { facts: factsNamed('plain') });
    p.entries.set(`${V}|0`, '{"version": 1, "tz"');
    expect(loadFactsEntry(p, V)).toBeNull();

    expect(loadFactsEntry(p, 'another-version')).toBeNull();
  });

  test('facts of another facts format are "not cached"', () => {
    const p = ports();
    store(p, V, { facts: { ...factsNamed('old'), version: FACTS_VERSION + 1 } });
    expect(loadFactsEntry(p, V)).toBeNull();
  });

  test('data that cannot be analysed is cached as its problem', () => {
    const p = ports();
    const problem: Problem = {
      severity: 'error', sheet: 'Deals', row: null, column: 'amount', messageId: 'ingest.column_missing',
      params: { column: 'amount', aliases: 'value' }, fatal: true,
    };
    store(p, V, { problem });
    expect(loadFactsEntry(p, V)).toEqual({ problem });
  });
});

describe('the copy on the version sheet', () => {
  const gzip = fakeGzip(asIs);
  /** An entry whose text is `text`: copyCells cuts the text it is given, whatever it holds. */
  const withText = (text: string): StoredEntry => ({ facts: factsNamed('x'), text, gzip: true });
  const lengths = (cells: string[]) => cells.map((cell) => cell.length);

  test('a head, then pieces of at most 50,000 characters, each marked so that Sheets keeps it as text', () => {
    // 49,999 characters and the mark fill one cell; one more character takes a second.
    expect(lengths(copyCells(withText('A'.repeat(49_999))).slice(1))).toEqual([50_000]);
    expect(copyCells(withText(`${'A'.repeat(49_999)}1/2`))).toEqual(['{"pieces":2,"gzip":true}', `~${'A'.repeat(49_999)}`, '~1/2']);
    // Counted in UTF-8 bytes: a piece's 49,999 hold 24,999 é (two bytes each), so 25,001 take a second piece of two.
    expect(lengths(copyCells(withText('é'.repeat(25_001))).slice(1))).toEqual([25_000, 3]);
  });

  test('the same gzipped base 64 the cache holds, read back whole with the empty cells below it', () => {
    const facts = factsNamed(noise(400_000));
    const entry = stored({ facts });
    const cached = cacheEntries(V, entry);
    expect(head(cached).gzip).toBe(true);
    const base64 = pieceValues(cached).join('');
    const cells = copyCells(entry);
    const [headCell, ...pieces] = cells;
    expect(JSON.parse(headCell)).toEqual({ pieces: Math.ceil(base64.length / 49_999), gzip: true });
    expect(pieces.filter((piece) => piece.length > 50_000 || !piece.startsWith('~'))).toEqual([]);
    expect(pieces.map((piece) => piece.slice(1)).join('')).toBe(base64);
    expect(entryFromCopy(gzip, [...cells, '', ''])).toEqual({ facts, text: base64, gzip: true });
  });

  test('facts that fit one cache value are kept as their JSON, as the cache keeps them', () => {
    const facts = factsNamed('plain');
    const cells = copyCells(stored({ facts }));
    expect(cells).toEqual(['{"pieces":1,"gzip":false}', `~${JSON.stringify(facts)}`]);
    expect(entryFromCopy(gzip, cells)).toEqual({ facts, text: JSON.stringify(facts), gzip: false });
  });

  test('a piece missing, unmarked or damaged, or a head that is not the add-on\'s, is no copy', () => {
    const cells = copyCells(stored({ facts: factsNamed(noise(200_000)) }));
    expect(cells.length).toBeGreaterThanOrEqual(3);
    const changed = (i: number, value: unknown) => cells.map((cell, j) => (j === i ? value : cell));
    expect(entryFromCopy(gzip, cells.slice(0, -1))).toBeNull();
    expect(entryFromCopy(gzip, changed(2, ''))).toBeNull();
    expect(entryFromCopy(gzip, changed(2, cells[2].slice(1)))).toBeNull();
    expect(entryFromCopy(gzip, changed(2, `~${'x'.repeat(100)}`))).toBeNull();
    expect(entryFromCopy(gzip, changed(0, 42))).toBeNull();
    expect(entryFromCopy(gzip, changed(0, JSON.stringify({ pieces: cells.length - 1, gzip: false })))).toBeNull();
    expect(entryFromCopy(gzip, [])).toBeNull();
  });

  test('data that cannot be analysed is kept as its problem, in the head alone', () => {
    const problem: Problem = {
      severity: 'error', sheet: 'Deals', row: null, column: 'amount', messageId: 'ingest.column_missing',
      params: { column: 'amount', aliases: 'value' }, fatal: true,
    };
    const cells = copyCells(stored({ problem }));
    expect(cells).toHaveLength(1);
    expect(entryFromCopy(gzip, [...cells, ''])).toEqual({ problem });
  });
});

describe('the data version text', () => {
  const version = dataVersion({
    fingerprint: '0123456789abcdef', timeZone: 'Europe/Amsterdam', locale: 'nl_NL', currency: 'EUR', lookbackDays: 30, markovOrder: 2,
  });

  test('reads back as the same version; unset currency and lookback survive', () => {
    expect(parseDataVersion(dataVersionText(version))).toEqual(version);
    const open = { ...version, currency: null, lookbackDays: null };
    expect(parseDataVersion(dataVersionText(open))).toEqual(open);
    expect(isCurrentBuild(version)).toBe(true);
  });

  test('anything else is not a version', () => {
    for (const text of [
      42, '', 'v1', dataVersionText(version).replace('0123456789abcdef', 'xyz'), `${dataVersionText(version)}|extra`,
      dataVersionText(version).replace('|2|', '|two|'),
    ]) {
      expect(parseDataVersion(text)).toBeNull();
    }
  });
});
