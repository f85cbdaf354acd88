// The facts as cache text: a versioned JSON round trip, and pieces that each fit one cache value,
// counted in UTF-8 bytes (CacheService's 100 KB limit), never cutting a character in two.
import {
  chunk, FACTS_VERSION, FormulaFactsError, parseFacts, queryMetric, serializeFacts, unchunk,
} from '../../../src/core/formulas';
import { formatMessage } from '../../../src/core/messages';
import { campaign, deal, visit, workbook } from '../engine/fixtures';
import { reportWorkbook } from '../report/report-fixture';
import { analyzeWithFacts } from './engine-oracle';

const utf8Bytes = (text: string) => Buffer.byteLength(text, 'utf8');

describe('serializeFacts / parseFacts', () => {
  test.each([1, 2])('round trip at Markov order %i: the same facts, the same answers', (order) => {
    const { facts } = analyzeWithFacts(reportWorkbook(), 'UTC', null, order);
    const back = parseFacts(serializeFacts(facts));
    expect(back).toEqual(facts);
    for (const model of ['u_shaped', 'shapley', 'markov']) {
      const query = { campaign: 0, metric: 'revenue' as const, from: null, to: 20_000, model, touch: 'first' as const };
      expect(queryMetric(back, query)).toBeCloseTo(queryMetric(facts, query)!, 9);
    }
  });

  test('facts of another format version are refused with a message saying what to do', () => {
    const { facts } = analyzeWithFacts(reportWorkbook(), 'UTC');
    const old = serializeFacts({ ...facts, version: FACTS_VERSION - 1 });
    expect(() => parseFacts(old)).toThrow(FormulaFactsError);
    try {
      parseFacts(old);
    } catch (e) {
      const error = e as FormulaFactsError;
      expect(error.messageId).toBe('formula.facts_version');
      expect(formatMessage(error.messageId, error.params)).toBe(
        `The cached campaign data is from another version of the add-on (format ${FACTS_VERSION - 1}, this version reads ${FACTS_VERSION}); refresh the data from the add-on menu.`,
      );
    }
  });

  test('damaged text (a piece missing from the middle) is refused, not half-read', () => {
    const text = serializeFacts(analyzeWithFacts(reportWorkbook(), 'UTC').facts);
    expect(() => parseFacts(text.slice(0, 100) + text.slice(200))).toThrow(expect.objectContaining({ messageId: 'formula.facts_unreadable' }));
    expect(() => parseFacts('[1,2]')).toThrow(expect.objectContaining({ messageId: 'formula.facts_unreadable' }));
  });
});

describe('chunk / unchunk', () => {
  test('splits by UTF-8 bytes: é is 2 bytes, € 3, 😀 4 (a surrogate pair, never split)', () => {
    expect(chunk('aé😀b', 4)).toEqual(['aé', '😀', 'b']);
    expect(chunk('€€€', 6)).toEqual(['€€', '€']);
    expect(chunk('abcd', 4)).toEqual(['abcd']);
    expect(chunk('abcde', 4)).toEqual(['abcd', 'e']);
    expect(chunk('', 4)).toEqual(['']);
    expect(() => chunk('abc', 3)).toThrow(RangeError);
  });

  test('every piece fits, is full (the next character would not fit) and is valid text', () => {
    const text = 'Campagne été 🚀 — naïve café 😀€'.repeat(40);
    for (let max = 4; max <= 64; max++) {
      const pieces = chunk(text, max);
      expect(pieces.join('')).toBe(text);
      pieces.forEach((piece, i) => {
        expect(utf8Bytes(piece)).toBeLessThanOrEqual(max);
        expect(piece).not.toMatch(/^[\udc00-\udfff]|[\ud800-\udbff]$/);
        if (i < pieces.length - 1) {
          const next = String.fromCodePoint(pieces[i + 1].codePointAt(0)!);
          expect(utf8Bytes(piece + next)).toBeGreaterThan(max);
        }
      });
    }
  });

  test('at the cache boundary: exactly 100 000 bytes is one piece, one more byte makes two', () => {
    expect(chunk('x'.repeat(100_000), 100_000)).toHaveLength(1);
    const pieces = chunk('é'.repeat(50_000) + 'x', 100_000);
    expect(pieces.map(utf8Bytes)).toEqual([100_000, 1]);
  });

  test('facts naming campaigns with accents and emoji survive chunking and come back equal', () => {
    const wb = workbook({
      campaigns: [campaign('C1', { name: 'Campagne été 🚀', utmCampaign: 'été' }), campaign('C2', { name: '😀 Lente' })],
      visits: [visit('ann', '2024-03-01T10:00:00Z', { campaign: 'été', type: 'form_submission' })],
      deals: [deal('D1', ['ann'], 99.5, '2024-03-02', '2024-03-05')],
    });
    const { facts } = analyzeWithFacts(wb, 'UTC');
    const text = serializeFacts(facts);
    const pieces = chunk(text, 64);
    expect(pieces.length).toBeGreaterThan(5);
    const back = parseFacts(unchunk(pieces)!);
    expect(back).toEqual(facts);
    expect(back.campaigns.map((c) => c.name)).toEqual(['Campagne été 🚀', '😀 Lente']);
  });

  test('a missing piece (evicted from the cache) gives null: rebuild, never half the facts', () => {
    expect(unchunk(['ab', 'cd'])).toBe('abcd');
    expect(unchunk(['ab', null, 'cd'])).toBeNull();
    expect(unchunk(['ab', undefined])).toBeNull();
    expect(unchunk([])).toBeNull();
  });
});
