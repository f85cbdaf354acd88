import type { KpiFigure, KpiKey } from '../src/addon/sidebar-results';
import type { MessageId } from '../src/core/messages';
import { figureChange, signedPercent } from '../src/core/render/figure-change';
import { formatNumber, shareOfGoal, type FormatContext } from '../src/core/render/formats';
import { currencyDecimals } from '../src/core/render/number-formats';

// A KPI tile's words and numbers: the figure, how far it is toward its goal, and how it moved against the
// period of the same length before. Pure, so the arithmetic is tested without a browser.

const KPI_LABELS: Record<KpiKey, MessageId> = {
  sessions: 'report.col.sessions',
  new_contacts: 'report.col.new_contacts',
  influenced_contacts: 'report.col.influenced_contacts',
  revenue: 'report.col.revenue',
  influenced_revenue: 'report.col.influenced_revenue',
};

export interface TileView {
  label: string;
  value: string;
  /** Share of the goal reached (1 = reached; may exceed 1) and its text; null without a goal. */
  goal: { share: number; text: string } | null;
  change: { direction: 'up' | 'down' | 'flat' | 'none'; text: string };
}

/** A tile shows whole percents: "75% of the goal", "+25%". */
const PERCENT_DECIMALS = 0;

type Text = (id: MessageId, params?: Record<string, string | number>) => string;

/** `days`: the length of the compared periods (null when there is no previous period). */
export function tileView(figure: KpiFigure, ctx: FormatContext, days: number | null, t: Text): TileView {
  const type = figure.money ? 'money' : 'integer';
  const number = (value: number) => formatNumber(value, type, ctx);
  const share = shareOfGoal(figure.value, figure.goal);
  const goal = share === null || figure.goal === null
    ? null
    : { share, text: t('sidebar.kpi.goal', { percent: formatNumber(share, 'percent', ctx, PERCENT_DECIMALS), goal: number(figure.goal) }) };
  return { label: t(KPI_LABELS[figure.key]), value: number(figure.value), goal, change: changeOf(figure, days, ctx, number, t) };
}

function changeOf(figure: KpiFigure, days: number | null, ctx: FormatContext, number: (v: number) => string, t: Text): TileView['change'] {
  const { value, previous } = figure;
  if (previous === null || days === null) return { direction: 'none', text: t('sidebar.kpi.no_previous') };
  // Money as shown (cents, whole yen), counts exactly: an amount that sums to 99.99999999999999 is the same as 100.
  const change = figureChange(value, previous, figure.money ? currencyDecimals(ctx.currency) : null);
  const period = t(days === 1 ? 'sidebar.kpi.period_one' : 'sidebar.kpi.period_other', { days });
  if (change.kind === 'same') return { direction: 'flat', text: t('sidebar.kpi.same', { period }) };
  if (change.kind === 'new') return { direction: 'up', text: t('sidebar.kpi.new', { previous: number(0), period }) };
  const text = signedPercent(change.ratio, ctx, PERCENT_DECIMALS);
  // The arrow follows the figure as shown: a change that rounds to 0% is flat.
  const direction = text.startsWith('+') ? 'up' : text.startsWith('\u2212') ? 'down' : 'flat';
  return { direction, text: t('sidebar.kpi.change', { change: text, period, previous: number(previous) }) };
}
