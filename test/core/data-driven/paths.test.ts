// Journey aggregation and the ChannelAttribution-style heuristics of the `paths` command.
import { aggregatePaths, pathHeuristic, type ChannelPath } from '../../../src/core/engine/data-driven';

describe('aggregatePaths', () => {
  test('groups journeys by their exact channel sequence, in order of first appearance', () => {
    const rows = aggregatePaths([
      { channels: ['a', 'b'], value: 100, converted: true },
      { channels: ['b', 'a'], value: 0, converted: false },
      { channels: ['a', 'b'], value: 40, converted: true },
      { channels: ['a', 'b'], value: 999, converted: false }, // a value without conversion counts for nothing
      { channels: ['a', 'b', 'b'], value: 5, converted: true }, // repeats are kept
    ]);
    expect(rows).toEqual([
      { channels: ['a', 'b'], conversions: 2, value: 140, nulls: 1 },
      { channels: ['b', 'a'], conversions: 0, value: 0, nulls: 1 },
      { channels: ['a', 'b', 'b'], conversions: 1, value: 5, nulls: 0 },
    ]);
  });

  test('drops journeys without channels (spec §5: empty paths are dropped)', () => {
    expect(aggregatePaths([{ channels: [], value: 10, converted: true }])).toEqual([]);
  });

  test('channel names are compared exactly, whatever characters they hold', () => {
    const rows = aggregatePaths([
      { channels: ['a\u0001b'], value: 1, converted: true },
      { channels: ['a', 'b'], value: 1, converted: true },
      { channels: ['a,b'], value: 1, converted: true },
    ]);
    expect(rows.map((r) => r.channels)).toEqual([['a\u0001b'], ['a', 'b'], ['a,b']]);
  });

  test('more channels than fit in one UTF-16 code unit still give distinct keys', () => {
    const names = Array.from({ length: 0x8002 }, (_, i) => `c${i}`);
    const journeys = names.map((name) => ({ channels: [name, 'end'], value: 1, converted: true }));
    journeys.push({ channels: [names[0x8001], 'end'], value: 1, converted: true });
    const rows = aggregatePaths(journeys);
    expect(rows).toHaveLength(0x8002);
    expect(rows[0x8001]).toEqual({ channels: ['c32769', 'end'], conversions: 2, value: 2, nulls: 0 });
  });

  test('does not keep a reference to the caller\'s arrays', () => {
    const channels = ['a'];
    const [row] = aggregatePaths([{ channels, value: 1, converted: true }]);
    channels.push('b');
    expect(row.channels).toEqual(['a']);
  });
});

describe('pathHeuristic (ChannelAttribution heuristic_models)', () => {
  const exampleD: ChannelPath[] = [
    { channels: ['google ads'], conversions: 2, value: 200, nulls: 1 },
    { channels: ['mailing'], conversions: 1, value: 100, nulls: 0 },
    { channels: ['google ads', 'mailing'], conversions: 1, value: 100, nulls: 0 },
  ];

  test.each([
    // Research notes §4.4: first 3 / 1, last 2 / 2, linear 2.5 / 1.5.
    ['first_interaction', 3, 1],
    ['last_interaction', 2, 2],
    ['linear', 2.5, 1.5],
  ] as const)('Example D, %s: google ads %d, mailing %d', (model, googleAds, mailing) => {
    expect(pathHeuristic(exampleD, model)).toEqual([
      { name: 'google ads', conversions: googleAds, value: googleAds * 100 },
      { name: 'mailing', conversions: mailing, value: mailing * 100 },
    ]);
  });

  test('linear counts occurrences: a>b>a gives a 2/3 and b 1/3', () => {
    const credits = pathHeuristic([{ channels: ['a', 'b', 'a'], conversions: 3, value: 30, nulls: 5 }], 'linear');
    expect(credits).toEqual([{ name: 'a', conversions: 2, value: 20 }, { name: 'b', conversions: 1, value: 10 }]);
  });
});
