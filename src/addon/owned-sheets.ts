import type { DeveloperMetadataPort, SheetPort, SpreadsheetPort } from './ports';

// How the add-on knows the sheets it made (report, staging, dashboard and data version sheets): each carries
// developer metadata under a key of its kind, whose value (JSON) stamps the sheet's own id. A copy the user
// makes of such a sheet keeps the metadata, under another sheet id: the copy is theirs, never written or deleted.

/** A sheet the add-on made, with the metadata that says so and what that metadata holds. */
export interface OwnedSheet<S> {
  sheet: SheetPort;
  metadata: DeveloperMetadataPort;
  stamp: S;
}

/** The stamp a metadata value holds (parsed from JSON), or null when it holds none of this kind. */
export type StampReader<S extends { sheetId: number }> = (value: unknown) => S | null;

/** The stamp of a sheet whose metadata holds its id alone (a staging sheet, the data version sheet). */
export const idStamp: StampReader<{ sheetId: number }> = (value) => (typeof value === 'number' ? { sheetId: value } : null);

/** The stamp in a metadata value; null when the value is not JSON or not a stamp `read` knows. */
export function parseStamp<S extends { sheetId: number }>(text: string | null, read: StampReader<S>): S | null {
  try {
    return read(JSON.parse(text ?? ''));
  } catch {
    return null;
  }
}

/** The sheets stamped under `key` whose stamp names their own sheet id, in sheet order. */
export function findOwnedSheets<S extends { sheetId: number }>(spreadsheet: SpreadsheetPort, key: string, read: StampReader<S>): OwnedSheet<S>[] {
  const found: OwnedSheet<S>[] = [];
  for (const metadata of spreadsheet.createDeveloperMetadataFinder().withKey(key).find()) {
    const sheet = metadata.getLocation().getSheet();
    const stamp = sheet && parseStamp(metadata.getValue(), read);
    if (sheet && stamp && stamp.sheetId === sheet.getSheetId()) found.push({ sheet, metadata, stamp });
  }
  return found;
}
