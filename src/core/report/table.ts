// The plain table model every report is built as. Renderers (report sheets in Sheets, XLSX, HTML, CSV)
// draw any ReportTable without knowing which report it is: number formats follow the column type,
// the chart follows the chart spec.

export type ColumnType = 'text' | 'integer' | 'row' | 'number' | 'money' | 'percent' | 'date';

export interface ReportColumn {
  /** Stable key (snake_case), also the JSON key where the report has one. */
  key: string;
  /** Header as shown to the user (from the message catalogue). */
  header: string;
  /** integer: counts; row: a sheet's row number (whole, not grouped: row 14643, not 14,643); number: fractional counts (credit); money: in the report currency; percent: a ratio (0.25 = 25%); date: YYYY-MM-DD or YYYY-MM text. */
  type: ColumnType;
}

export type ReportValue = string | number | null;

export type ChartKind = 'line' | 'column' | 'bar' | 'pie';

export interface ChartSpec {
  kind: ChartKind;
  title: string;
  /** Key of the column whose values name the categories (x axis, pie slices). */
  categoryColumn: string;
  /** Keys of the numeric columns drawn as series (a pie uses the first). */
  seriesColumns: string[];
}

export interface ReportTable {
  /** Stable id (e.g. "overview", "assets_email"): the HTML anchor, and how the add-on finds its report sheet again. */
  id: string;
  title: string;
  /**
   * A short name for a sheet of its own where names are limited (an .xlsx sheet name has at most 31
   * characters): from the catalogue, unique within the document. Absent: the title, cut to fit.
   */
  sheetName?: string;
  /** One line under the title (e.g. the campaign and model), or null. */
  subtitle: string | null;
  columns: ReportColumn[];
  /** One array per row, aligned with `columns`; null is an empty cell (e.g. "not applicable", no goal). */
  rows: ReportValue[][];
  /** A totals row aligned with `columns`, or null. */
  totals: ReportValue[] | null;
  chart: ChartSpec | null;
}

/** Where a report came from: every output states it. */
export interface Provenance {
  model: string;
  touch: 'first' | 'last';
  from: string | null;
  to: string;
  tz: string;
  lookbackDays: number | null;
  /** The data-driven models' channels (campaign, source, asset_type) and Markov order. */
  channels: string;
  markovOrder: number;
  /** ISO 8601 instant the report was made. */
  generatedAt: string;
  /** ISO 4217 code of the amounts, or null when the workbook does not say. */
  currency: string | null;
}

export interface ReportDocument {
  title: string;
  provenance: Provenance;
  /** The provenance as labelled lines in the user's language, for renderers to print as they are. */
  provenanceLines: string[];
  /**
   * BCP 47 locale numbers, money and dates are formatted for (the command line's --locale, say de-DE, with
   * English messages). Absent: the message language's own (en-US, nl-NL).
   */
  locale?: string;
  /** Said above the tables when nothing happened in the range (every figure 0): rangeNotice. */
  notice: string | null;
  tables: ReportTable[];
}
