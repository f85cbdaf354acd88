// The two ways the chain is solved must give the same removal outcome: elimination (exact) and the bounds
// iteration (certified to 1e-13 of the whole chain's result), whichever the cost model picks.
import { eliminateRemovals, iterateRemovals, solveRemovals, type RemovalOutcome } from '../../../src/core/engine/data-driven/absorbing-chain';
import { markovChain } from '../../../src/core/engine/data-driven/markov';
import { indexPaths } from '../../../src/core/engine/data-driven/paths';
import type { ChannelPath } from '../../../src/core/engine/data-driven';
import { randomPaths, seededRandom } from './reference';

function chainOf(paths: ChannelPath[], order: number) {
  const indexed = indexPaths(paths);
  return { chain: markovChain(indexed, order).chain, channelCount: indexed.names.length };
}

function expectSameOutcome(actual: RemovalOutcome, expected: RemovalOutcome) {
  const close = (a: number, b: number, scale: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-12 * scale + 1e-300);
  close(actual.conversions, expected.conversions, expected.conversions);
  close(actual.value, expected.value, expected.value);
  expected.conversionsWithout.forEach((x, c) => close(actual.conversionsWithout[c], x, expected.conversions));
  expected.valueWithout.forEach((x, c) => close(actual.valueWithout[c], x, expected.value));
}

describe('elimination and bounds iteration agree', () => {
  test.each([1, 2, 3])('order %d, random paths with repeats and loops', (order) => {
    const random = seededRandom(1000 + order);
    for (let round = 0; round < 5; round++) {
      const { chain, channelCount } = chainOf(randomPaths(random, ['a', 'b', 'c', 'd', 'e', 'f'], 60, 7), order);
      const iterated = iterateRemovals(chain, channelCount);
      expect(iterated).not.toBeNull();
      expectSameOutcome(iterated as RemovalOutcome, eliminateRemovals(chain, channelCount));
    }
  });

  test('Example D by iteration: conversion weight 0.8 of 5 journeys, 1 without google ads, 2 without mailing', () => {
    const { chain, channelCount } = chainOf([
      { channels: ['google ads'], conversions: 2, value: 200, nulls: 1 },
      { channels: ['mailing'], conversions: 1, value: 100, nulls: 0 },
      { channels: ['google ads', 'mailing'], conversions: 1, value: 100, nulls: 0 },
    ], 1);
    const outcome = iterateRemovals(chain, channelCount) as RemovalOutcome;
    expect(outcome.conversions).toBeCloseTo(4, 12);
    expect(outcome.conversionsWithout[0]).toBeCloseTo(1, 12);
    expect(outcome.conversionsWithout[1]).toBeCloseTo(2, 12);
    expect(outcome.value).toBeCloseTo(400, 10);
  });

  test('walks that loop for very long make the iteration give up; elimination still answers', () => {
    // a > b repeated 20,000 times before one conversion: each step continues with probability ≈ 1.
    const loop = Array.from({ length: 40_000 }, (_, i) => (i % 2 === 0 ? 'a' : 'b'));
    const { chain, channelCount } = chainOf([{ channels: loop, conversions: 1, value: 5, nulls: 1 }], 1);
    expect(iterateRemovals(chain, channelCount)).toBeNull();
    const outcome = solveRemovals(chain, channelCount);
    // Every walk passes a and b: half convert; without either channel nothing converts.
    expect(outcome.conversions).toBeCloseTo(1, 10);
    expect([...outcome.conversionsWithout]).toEqual([0, 0]);
  });

  test('without any conversion both give zero everywhere', () => {
    const { chain, channelCount } = chainOf([{ channels: ['a', 'b'], conversions: 0, value: 0, nulls: 3 }], 2);
    for (const outcome of [iterateRemovals(chain, channelCount), eliminateRemovals(chain, channelCount)]) {
      expect(outcome).toEqual({ conversions: 0, value: 0, conversionsWithout: new Float64Array(2), valueWithout: new Float64Array(2) });
    }
  });
});
