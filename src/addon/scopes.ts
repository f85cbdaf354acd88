import type { ScriptAppPort } from './ports';

// The OAuth scopes behind each feature beyond the report itself. appsscript.json lists them all (an Editor
// add-on cannot ask for a scope its manifest lacks), and since Editor add-ons show Google's granular consent
// screen a user may grant only some of them. So each feature asks for exactly its own scopes when it starts:
// ScriptApp.requireScopes stops the run and shows the consent prompt for the ones not granted yet, and a
// user who never exports, shares or schedules never has to grant those.

const AUTH = 'https://www.googleapis.com/auth/';

export const SCOPES = {
  /** The data and report sheets of this spreadsheet, and no other spreadsheet. */
  currentSpreadsheet: `${AUTH}spreadsheets.currentonly`,
  /** Menus, dialogs and the sidebar. */
  ui: `${AUTH}script.container.ui`,
  /** UrlFetchApp: the Sheets API (creating the export or shared copy), the export endpoint and the Drive API. */
  externalRequest: `${AUTH}script.external_request`,
  /** Files the add-on created (the copies, the exported files and their folder), and nothing else in Drive. */
  driveFile: `${AUTH}drive.file`,
  /** MailApp: exports and digests sent to the user, failure notices. */
  sendMail: `${AUTH}script.send_mail`,
  /** The installable time-driven trigger of a scheduled report. */
  triggers: `${AUTH}script.scriptapp`,
  /** The user's own address: where exports, digests and failure notices go. */
  email: `${AUTH}userinfo.email`,
} as const;

const { externalRequest, driveFile, sendMail, triggers, email, currentSpreadsheet } = SCOPES;

export const FEATURE_SCOPES = {
  /** Export saved to Drive: copy via the Sheets API, export endpoint, file in Drive. */
  exportToDrive: [currentSpreadsheet, externalRequest, driveFile],
  /** Export e-mailed: the same, plus the mail and the user's address. */
  exportByMail: [currentSpreadsheet, externalRequest, driveFile, sendMail, email],
  share: [currentSpreadsheet, externalRequest, driveFile],
  schedule: [currentSpreadsheet, triggers, sendMail, email],
} as const satisfies Record<string, readonly string[]>;

/** Asks for the scopes the user has not granted yet (Apps Script shows the prompt and ends this run). */
export function requireScopes(scriptApp: ScriptAppPort, scopes: readonly string[]): void {
  scriptApp.requireScopes(scriptApp.AuthMode.FULL, [...scopes]);
}
