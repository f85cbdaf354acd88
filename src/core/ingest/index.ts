// Typed ingest: the rows of the input sheets to the records of types.ts, with every problem named.
export { ingestWorkbook, isAbsent } from './ingest';
export { COLUMN_KINDS, COLUMN_SPECS, amountColumns, canonicalHeaders, columnsOfKind, columnLetters, normalizeHeader, resolveHeader } from './columns';
export type { ColumnKind, ColumnSpec, ColumnName } from './columns';
export { cellContext, localeConventions } from './locale';
export type { CellContext, LocaleConventions } from './locale';
export {
  displayCell, isBlankRow, isCellIssue, parseBooleanCell, parseListCell, parseTextCell,
} from './cells';
export type { CellIssue } from './cells';
export { parseDateCell } from './dates';
export {
  amountWithFormatCurrency, currencyMarkOf, currencyOfMark, currencyOfNumberFormat, isCurrencyMark, parseNumberCell,
} from './numbers';
export {
  ASSET_TYPE_ENUM, INTERACTION_TYPE_ENUM, SOURCE_ENUM, enumKey, parseEnumCell, parseStageCell,
} from './enums';
export type { EnumSpec } from './enums';
