import type { ChartSpec, ReportTable } from '../report/table';

// The table columns a chart draws, found the same way by every renderer: report sheets, .xlsx, HTML.

/**
 * Indexes into `table.columns`: the category column, and one per series (a pie shows one series: the first).
 * A key the table lacks is the report builder's mistake, not the user's: it throws rather than draw a wrong chart.
 */
export function chartColumns(table: ReportTable, chart: ChartSpec): { category: number; series: number[] } {
  const indexOf = (key: string) => {
    const index = table.columns.findIndex((c) => c.key === key);
    if (index < 0) throw new Error(`table "${table.id}": the chart refers to the unknown column "${key}"`);
    return index;
  };
  const series = chart.kind === 'pie' ? chart.seriesColumns.slice(0, 1) : chart.seriesColumns;
  return { category: indexOf(chart.categoryColumn), series: series.map(indexOf) };
}

/** Whether the chart has anything to draw: a value other than 0 in a series it shows (rows, not the totals). */
export function chartHasValues(table: ReportTable, chart: ChartSpec): boolean {
  const { series } = chartColumns(table, chart);
  return table.rows.some((row) => series.some((i) => typeof row[i] === 'number' && row[i] !== 0));
}
