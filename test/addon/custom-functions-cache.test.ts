import { cacheEntries, loadFactsEntry, PIECE_BYTES, storeFactsEntry, type CachePorts } from '../../src/addon/formula-cache';
import { dataVersion, dataVersionText, isCurrentBuild, parseDataVersion } from '../../src/addon/formula-data-version';
import { analyze } from '../../src/core/engine';
import { buildFormulaFacts, FACTS_VERSION, type FormulaFacts } from '../../src/core/formulas';
import type { Problem } from '../../src/core/types';
import { fakeDocumentCache, fakeGzip, MAX_VALUE_BYTES, type Wrap } from '../support/gas-fakes-cache';
import { campaign, workbook } from '../core/engine/fixtures';

// The facts in CacheService: pieces under the 100 KB value limit, gzip when the JSON would not fit one piece,
// and any missing or damaged part read as "not cached", never as other facts.

const asIs: Wrap = (_label, target) => target;

function ports(): CachePorts & { entries: Map<string, string> } {
  const cache = fakeDocumentCache(asIs);
  return { cache: cache.port.getDocumentCache()!, gzip: fakeGzip(asIs), entries: cache.entries };
}

/** The facts of a workbook of one campaign and nothing else, the campaign's name setting the size of the JSON. */
function factsNamed(name: string): FormulaFacts {
  const facts = buildFormulaFacts(analyze(workbook({ campaigns: [campaign('C1')] }), { lookbackDays: null }), 'UTC');
  return { ...facts, campaigns: [{ ...facts.campaigns[0], name }] };
}

const jsonBytes = (facts: FormulaFacts) => Buffer.byteLength(JSON.stringify(facts), 'utf8');
const V = 'version-1';
const head = (entries: Record<string, string>) => JSON.parse(entries[`${V}|head`]);
const pieces = (entries: Record<string, string>) => Object.keys(entries).filter((key) => key !== `${V}|head`);

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
    const entries = cacheEntries(ports(), V, { facts });
    expect(head(entries)).toEqual({ pieces: 1, gzip: false });
    expect(entries[`${V}|0`]).toBe(JSON.stringify(facts));
  });

  test('one byte more, counted in UTF-8 (é is two), and the JSON is gzipped', () => {
    const overByOne = factsNamed(`${'x'.repeat(PIECE_BYTES - base - 1)}é`);
    expect(JSON.stringify(overByOne).length).toBe(PIECE_BYTES);
    expect(head(cacheEntries(ports(), V, { facts: overByOne }))).toEqual({ pieces: 1, gzip: true });
  });

  test('facts that stay big after gzip span several pieces, each within the limit, and read back whole', () => {
    const p = ports();
    const facts = factsNamed(noise(400_000));
    storeFactsEntry(p, V, { facts });
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
    storeFactsEntry(p, V, { facts: factsNamed(noise(200_000)) });
    p.entries.delete(`${V}|1`);
    expect(loadFactsEntry(p, V)).toBeNull();

    storeFactsEntry(p, V, { facts: factsNamed(noise(200_000)) });
    p.entries.set(`${V}|0`, 'not base 64 gzip');
    expect(loadFactsEntry(p, V)).toBeNull();

    storeFactsEntry(p, V, { facts: factsNamed('plain') });
    p.entries.set(`${V}|0`, '{"version": 1, "tz"');
    expect(loadFactsEntry(p, V)).toBeNull();

    expect(loadFactsEntry(p, 'another-version')).toBeNull();
  });

  test('facts of another facts format are "not cached"', () => {
    const p = ports();
    storeFactsEntry(p, V, { facts: { ...factsNamed('old'), version: FACTS_VERSION + 1 } });
    expect(loadFactsEntry(p, V)).toBeNull();
  });

  test('data that cannot be analysed is cached as its problem', () => {
    const p = ports();
    const problem: Problem = {
      severity: 'error', sheet: 'Deals', row: null, column: 'amount', messageId: 'ingest.column_missing',
      params: { column: 'amount', aliases: 'value' }, fatal: true,
    };
    storeFactsEntry(p, V, { problem });
    expect(loadFactsEntry(p, V)).toEqual({ problem });
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
