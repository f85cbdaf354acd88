import { AddonError } from './addon-error';
import type { GasServices } from './gas-adapters';
import type { BlobPort, FetchParams, HttpMethod, HttpResponsePort } from './ports';

// Google's APIs (Sheets, Drive, the export endpoint) called with the script's own OAuth token.

interface ApiError {
  message: string;
  /** Drive's reason code ("notFound", "rateLimitExceeded", …), '' when the answer names none. */
  reason: string;
}

/**
 * The API's own words from an error response, else the raw text (cut short). Drive says what went wrong in
 * its first error ("Bad Request. User message: …"), its top message being as plain as "Bad Request".
 */
function apiError(text: string): ApiError {
  try {
    const { error } = JSON.parse(text) as { error?: { message?: unknown; errors?: Array<{ message?: unknown; reason?: unknown }> } };
    const first = error?.errors?.[0];
    const message = typeof first?.message === 'string' ? first.message : error?.message;
    if (typeof message === 'string') return { message, reason: typeof first?.reason === 'string' ? first.reason : '' };
  } catch {
    // Not JSON: an HTML error page.
  }
  return { message: text.slice(0, 200), reason: '' };
}

/** Answers that mean "not now" (too many requests, unavailable): worth asking again after a pause. */
const BUSY_STATUSES: ReadonlySet<number> = new Set([429, 503]);
/** The pause before each retry of a busy answer, doubling: 4 attempts in about 7 s at most. */
const RETRY_PAUSES_MS: readonly number[] = [1000, 2000, 4000];

/**
 * Calls a Google API with the script's OAuth token, sending JSON or a file's bytes; a failure becomes an
 * AddonError naming `failure`. With `busy` (for requests safe to repeat: the export endpoint's GETs), a 429 or
 * 503 answer is retried after a pause (Utilities.sleep), and one that persists becomes an AddonError naming `busy`.
 */
export function callGoogleApi(
  services: GasServices, url: string, method: HttpMethod, payload: string | BlobPort | undefined,
  failure: 'addon.copy.failed' | 'addon.export.failed' | 'addon.drive.failed', busy?: 'addon.export.busy',
): HttpResponsePort {
  const params: FetchParams = {
    method,
    headers: { Authorization: `Bearer ${services.scriptApp.getOAuthToken()}` },
    // The response code is checked here, to tell the user what went wrong. Redirects are followed: the export
    // endpoint may hand the file over from another host; a sign-in page redirected to is refused by its
    // Content-Type (exportedFile).
    muteHttpExceptions: true,
  };
  if (payload !== undefined) {
    // JSON, or a file's bytes as they are.
    params.contentType = typeof payload === 'string' ? 'application/json' : payload.getContentType() ?? 'application/octet-stream';
    params.payload = payload;
  }
  let response = services.urlFetchApp.fetch(url, params);
  let status = response.getResponseCode();
  if (busy !== undefined) {
    for (const pause of RETRY_PAUSES_MS) {
      if (!BUSY_STATUSES.has(status)) break;
      services.utilities.sleep(pause);
      response = services.urlFetchApp.fetch(url, params);
      status = response.getResponseCode();
    }
    if (BUSY_STATUSES.has(status)) throw new AddonError(busy, { status, attempts: RETRY_PAUSES_MS.length + 1 });
  }
  if (status < 200 || status >= 300) throw new AddonError(failure, { status, ...apiError(response.getContentText()) });
  return response;
}
