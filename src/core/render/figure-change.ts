// How a figure moved against the same figure of an earlier period, as the sidebar's KPI tiles and the
// scheduled digest say it. Money is compared as it is shown, to its currency's decimals (cents, whole yen):
// fractional credit sums to amounts such as 3 × 33.333… = 99.99999999999999, which are the same as 100 and
// must read so, not as a fall of "−0.0%". Counts are whole and compared exactly.
import { formatNumber, type FormatContext } from './formats';

/** The same (`nothing`: zero both times), up from nothing, or a change by `ratio` (0.25 = +25%). */
export type FigureChange = { kind: 'same'; nothing: boolean } | { kind: 'new' } | { kind: 'ratio'; ratio: number };

/** `moneyDecimals`: amounts, compared rounded to as many decimals (currencyDecimals); null: counts, compared as they are. */
export function figureChange(value: number, previous: number, moneyDecimals: number | null): FigureChange {
  const shown = (amount: number) => (moneyDecimals === null ? amount : Math.round(amount * 10 ** moneyDecimals));
  const now = shown(value);
  const before = shown(previous);
  if (now === before) return { kind: 'same', nothing: now === 0 };
  if (before === 0) return { kind: 'new' };
  return { kind: 'ratio', ratio: (now - before) / before };
}

/**
 * A change by `ratio` as a signed percentage in the locale's notation: "+25%", "−37.5%", "−20 %" (de-DE). A fall
 * takes the minus sign U+2212, as typeset: Intl's hyphen is shorter than the plus beside it. `decimals`: the
 * table's 1 unless given (a KPI tile shows whole percents).
 */
export function signedPercent(ratio: number, ctx: FormatContext, decimals?: number): string {
  const text = formatNumber(Math.abs(ratio), 'percent', ctx, decimals);
  // A change too small to show (1,999 against 2,000 in whole percents) reads "0%", unsigned.
  if (ratio === 0 || text === formatNumber(0, 'percent', ctx, decimals)) return text;
  return ratio > 0 ? `+${text}` : `\u2212${text}`;
}
