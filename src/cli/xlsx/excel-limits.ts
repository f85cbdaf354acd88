// What an Excel sheet holds: more makes a file Excel refuses or "repairs".

/** A sheet's last row. */
export const EXCEL_LAST_ROW = 1_048_576;
/** The most characters a cell holds. */
export const EXCEL_CELL_CHARS = 32_767;
