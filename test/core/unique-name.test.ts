import { uniqueName } from '../../src/core/unique-name';

// New sheet names (and utm values): the name itself when it is free, else the first free numbered variant.

const takenOf = (...names: string[]) => (lowercased: string) => names.includes(lowercased);

describe('uniqueName', () => {
  test('a free name is kept; a taken one gets the first free number from 2, compared ignoring case', () => {
    expect(uniqueName('Overview', takenOf())).toBe('Overview');
    expect(uniqueName('Overview', takenOf('overview'))).toBe('Overview (2)');
    expect(uniqueName('Overview', takenOf('overview', 'overview (2)', 'overview (4)'))).toBe('Overview (3)');
  });

  test('the candidates are asked for in lower case, in order', () => {
    const asked: string[] = [];
    uniqueName('Board', (name) => asked.push(name) < 3);
    expect(asked).toEqual(['board', 'board (2)', 'board (3)']);
  });

  test('within the longest name: the base is cut to make room for the number, with no space left before it', () => {
    // 10 characters at most: "abcdefghij" fits as it is; " (2)" takes 4, leaving "abcdef".
    expect(uniqueName('abcdefghij', takenOf(), 10)).toBe('abcdefghij');
    expect(uniqueName('abcdefghij', takenOf('abcdefghij'), 10)).toBe('abcdef (2)');
    // "abcde fghij": cut to 10 it is "abcde fghi"; cut to 6 for " (2)" it is "abcde " and its space goes.
    expect(uniqueName('abcde fghij', takenOf(), 10)).toBe('abcde fghi');
    expect(uniqueName('abcde fghij', takenOf('abcde fghi'), 10)).toBe('abcde (2)');
  });

  test('a cut never splits a character written as two UTF-16 units', () => {
    // "ab😀cd": the emoji takes units 3 and 4; cut to 3 units, "ab" is left rather than half an emoji.
    expect(uniqueName('ab😀cd', takenOf(), 3)).toBe('ab');
    expect(uniqueName('ab😀cd', takenOf(), 4)).toBe('ab😀');
  });

  test('another suffix: utm values and ids take "_2", "_3", …', () => {
    expect(uniqueName('spring_launch', takenOf('spring_launch', 'spring_launch_2'), Infinity, (n) => `_${n}`)).toBe('spring_launch_3');
  });
});
