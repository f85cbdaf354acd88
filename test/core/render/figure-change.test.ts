import { signedPercent } from '../../../src/core/render/figure-change';

// A change as the KPI tiles and the digest write it: a sign, then the percentage in the locale's notation.

const en = { lang: 'en' as const, currency: null };

test('a rise takes a plus, a fall the minus sign U+2212 (not a hyphen), no change neither', () => {
  // 150 against 120: +25%, with the table's 1 decimal unless told.
  expect(signedPercent(0.25, en)).toBe('+25.0%');
  // 2,500 against 4,000: −37.5%; in whole percents −38%.
  expect(signedPercent(-0.375, en)).toBe('\u221237.5%');
  expect(signedPercent(-0.375, en, 0)).toBe('\u221238%');
  expect(signedPercent(0, en)).toBe('0.0%');
});

test('a change too small to show reads as no change, without a sign', () => {
  // 1,999 against 2,000: −0.05%, which is "0%" in whole percents and "−0.1%" with one decimal.
  expect(signedPercent(-1 / 2000, en, 0)).toBe('0%');
  expect(signedPercent(-1 / 2000, en)).toBe('\u22120.1%');
  // 2,001 against 2,000: +0.05%, "0%" in whole percents.
  expect(signedPercent(1 / 2000, en, 0)).toBe('0%');
});

test('the number in the locale\'s notation, the sign the same', () => {
  expect(signedPercent(0.25, { lang: 'nl', currency: null })).toBe('+25,0%');
  // German puts a no-break space before the % sign.
  expect(signedPercent(-0.2, { lang: 'en', currency: null, locale: 'de-DE' }, 0)).toBe('\u221220\u00a0%');
});
