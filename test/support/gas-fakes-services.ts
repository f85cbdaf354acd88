import type {
  BlobPort, ClockTriggerBuilderPort, FetchParams, HttpResponsePort, MailAppPort, MailMessage,
  ScriptAppPort, SessionPort, SpreadsheetPort, TriggerPort, UrlFetchAppPort, UtilitiesPort,
} from '../../src/addon/ports';
import manifest from '../../appsscript.json';
import { AUTH_MODES, logCalls, type FakeServices } from './gas-fakes';

/** The manifest's URL allowlist: a versioned deployment fetches nothing outside it, and neither do the fakes. */
const URL_FETCH_ALLOWLIST: readonly string[] = manifest.urlFetchWhitelist;

// In-memory stand-ins for the services beyond the spreadsheet: UrlFetchApp (the Sheets API, the export
// endpoint and the Drive API), MailApp, ScriptApp (token, scopes, triggers), Session and Utilities, typed by
// the add-on's ports. They log into the same call list as gas-fakes.ts, and keep what a test asserts on: the
// requests with their headers and bodies, the mails, the files in Drive, the triggers. Google's side is
// modelled only as far as the add-on relies on it: a spreadsheet created through the API exists in Drive,
// the export endpoint answers for it until it is trashed, Drive's API reaches the files the add-on made
// (drive.file: no other), the mail quota shrinks per recipient, a user sees and deletes only their own
// triggers. There is no DriveApp: it needs the full "drive" scope, which the manifest does not ask for.

export const TOKEN = 'ya29.test-token';
export const SHEETS_API = 'https://sheets.googleapis.com/v4/spreadsheets';
export const DRIVE_FILES_API = 'https://www.googleapis.com/drive/v3/files';
export const DRIVE_UPLOAD_API = 'https://www.googleapis.com/upload/drive/v3/files';

export interface FakeBlob extends BlobPort {
  name: string;
  contentType: string;
  /** What the bytes stand for, e.g. "pdf export of copy-1". */
  content: string;
  /** A zip's files. */
  files: FakeBlob[];
  /** How many bytes the file stands for (getBytes() has that length): the content's, unless a response said otherwise. */
  size: number;
}

export interface FetchedRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  contentType: string | undefined;
  /** The JSON body, parsed; a file's bytes, the blob sent. */
  body: unknown;
  muteHttpExceptions: boolean | undefined;
}

export interface FakeResponse {
  status: number;
  /** JSON for API calls; for an export, the file stands for this text. */
  text: string;
  contentType?: string;
  /** Bytes the downloaded file stands for (default: the text's), e.g. more than a mail may carry. */
  size?: number;
  headers?: Record<string, string>;
}

export interface FakeDriveFile {
  id: string;
  name: string;
  url: string;
  folder: string | null;
  trashed: boolean;
  blob: FakeBlob | null;
  viewers: string[];
  editors: string[];
  /** Each address's permission id, as the Drive API gave it. */
  permissions: Map<string, string>;
}

export interface FakeTrigger {
  id: string;
  handler: string;
  owner: string;
  schedule: { everyDays?: number; weekday?: string; hour?: number; timeZone?: string };
  deleted: boolean;
}

export interface FakeMail extends Omit<MailMessage, 'attachments'> {
  attachments: FakeBlob[];
}

export interface GoogleFakeOptions {
  /** The user the add-on runs as. */
  user?: string;
  /** Recipients MailApp may still send to today. */
  mailQuota?: number;
  /** Scopes the user has not granted: requireScopes for any of them stops the run. */
  deniedScopes?: string[];
  /** Answers a request instead of the default Google (return undefined for the default). */
  respond?: (request: FetchedRequest) => FakeResponse | undefined;
  /** Addresses Drive refuses to share a file with (its API answers 400 for them, as for a domain's sharing policy). */
  refusedAddresses?: string[];
  /** Addresses Drive shares the file with but cannot e-mail: it answers 400 all the same, as Drive does. */
  sharedNotMailed?: string[];
  /** The clock Code.js sees (epoch ms): `new Date()` and `Date.now()` in the bundle. */
  now?: number;
}

export interface GoogleFakes {
  globals: {
    UrlFetchApp: UrlFetchAppPort;
    MailApp: MailAppPort;
    ScriptApp: ScriptAppPort;
    Session: SessionPort;
    Utilities: UtilitiesPort;
    Date?: DateConstructor;
  };
  requests: FetchedRequest[];
  mails: FakeMail[];
  files: Map<string, FakeDriveFile>;
  folders: Map<string, { id: string; name: string; trashed: boolean }>;
  triggers: FakeTrigger[];
  /** Each requireScopes call's scopes. */
  scopeRequests: string[][];
  mail: { quota: number };
  /** Each Utilities.sleep, in milliseconds (the stand-in does not wait). */
  sleeps: number[];
  /** Who the add-on runs as now (another editor opening the spreadsheet, say). */
  setUser(email: string): void;
}

const SIGN_IN_PAGE: FakeResponse = { status: 200, text: '<html>Sign in - Google Accounts</html>', contentType: 'text/html; charset=utf-8' };
const WEEKDAYS = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'];
const CONTENT_TYPES: Record<string, string> = {
  pdf: 'application/pdf', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', csv: 'text/csv',
};

export function fakeBlob(name: string, contentType: string, content: string, files: FakeBlob[] = [], size = Buffer.byteLength(content)): FakeBlob {
  const blob: FakeBlob = {
    name, contentType, content, files, size,
    getName: () => blob.name,
    // A sparse array: the length is what the add-on reads.
    getBytes: () => new Array<GoogleAppsScript.Byte>(blob.size),
    getContentType: () => blob.contentType,
    getAs: () => { throw new Error('getAs is not used by the add-on'); },
    getBlob: () => blob as unknown as GoogleAppsScript.Base.Blob,
    setName(newName: string) {
      blob.name = newName;
      return blob;
    },
  };
  return blob;
}

/** A Date for Code.js to see instead of the real one, whose "now" is `read()`. */
export function clockReading(read: () => number): DateConstructor {
  class FakeDate extends Date {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(read());
      else super(...(args as [string]));
    }

    static now(): number {
      return read();
    }
  }
  return FakeDate as unknown as DateConstructor;
}

/** A Date whose "now" is fixed. */
export function fixedClock(now: number): DateConstructor {
  return clockReading(() => now);
}

/**
 * A Date whose "now" moves: each `Date.now()` or `new Date()` takes the next of `times`, the last one from
 * then on (an execution that crosses midnight between two looks at the clock). Set it as Code.js's `Date`
 * just before the call to time, so the readings start there.
 */
export function steppingClock(times: readonly number[]): DateConstructor {
  let next = 0;
  return clockReading(() => times[Math.min(next++, times.length - 1)]);
}

/**
 * A Date that steps with the service calls: "now" is `start` plus `ms[method]` for each call of that method
 * logged in `calls` since the clock was made (other methods take no time). An execution whose writes are
 * slow, say 60 s per setFrozenRows: it reaches its deadline at a known sheet. Set it as Code.js's `Date`
 * just before the call to time.
 */
export function serviceClock(calls: readonly string[], start: number, ms: Readonly<Record<string, number>>): DateConstructor {
  const from = calls.length;
  return clockReading(() => {
    let now = start;
    for (let i = from; i < calls.length; i++) now += ms[calls[i].slice(calls[i].lastIndexOf('.') + 1)] ?? 0;
    return now;
  });
}

/** The services beyond the spreadsheet, logging into `base.calls`. Pass `globals` to loadCodeJs with base.globals. */
export function fakeGoogleServices(base: FakeServices, options: GoogleFakeOptions = {}): GoogleFakes {
  let user = options.user ?? 'marketer@example.com';
  const denied = new Set(options.deniedScopes ?? []);
  const requests: FetchedRequest[] = [];
  const mails: FakeMail[] = [];
  const files = new Map<string, FakeDriveFile>();
  const folders = new Map<string, { id: string; name: string; trashed: boolean }>();
  const triggers: FakeTrigger[] = [];
  const scopeRequests: string[][] = [];
  const mail = { quota: options.mailQuota ?? 100 };
  const sleeps: number[] = [];
  let nextId = 1;
  const logged = <T extends object>(label: string, target: T): T =>
    logCalls(label, target, (call, method) => base.record(call, method, 'We\'re sorry, a server error occurred. Please wait a bit and try again.'));

  const response = (answer: FakeResponse, name: string): HttpResponsePort => logged('HTTPResponse', {
    getResponseCode: () => answer.status,
    getHeaders: () => ({ ...(answer.headers ?? {}) }),
    getContentText: () => answer.text,
    getBlob: () => fakeBlob(name, answer.contentType ?? 'application/octet-stream', answer.text, [], answer.size),
  });

  /** Google as the add-on meets it: create a spreadsheet, draw its charts, export it. */
  const google = (request: FetchedRequest): FakeResponse => {
    if (request.headers.Authorization !== `Bearer ${TOKEN}`) return { status: 401, text: JSON.stringify({ error: { message: 'Request is missing required authentication credential.' } }) };
    if (request.url === SHEETS_API && request.method === 'post') {
      const id = `copy-${nextId++}`;
      const url = `https://docs.google.com/spreadsheets/d/${id}/edit`;
      const { properties } = request.body as { properties: { title: string } };
      files.set(id, { id, name: properties.title, url, folder: null, trashed: false, blob: null, viewers: [], editors: [], permissions: new Map() });
      return { status: 200, text: JSON.stringify({ spreadsheetId: id, spreadsheetUrl: url }) };
    }
    const batch = /^https:\/\/sheets\.googleapis\.com\/v4\/spreadsheets\/([^/:]+):batchUpdate$/.exec(request.url);
    if (batch && request.method === 'post') {
      return files.get(batch[1]) ? { status: 200, text: '{}' } : { status: 404, text: JSON.stringify({ error: { message: 'Requested entity was not found.' } }) };
    }
    const exported = /^https:\/\/docs\.google\.com\/spreadsheets\/d\/([^/]+)\/export\?(.*)$/.exec(request.url);
    if (exported && request.method === 'get') {
      const file = files.get(exported[1]);
      if (!file || file.trashed) return { status: 404, text: '<html>Not Found</html>' };
      const format = new URLSearchParams(exported[2]).get('format') ?? '';
      return { status: 200, text: `${format} export of ${file.id} (${exported[2]})`, contentType: CONTENT_TYPES[format] };
    }
    return drive(request) ?? { status: 404, text: '<html>Not Found</html>' };
  };

  const notFound = (id: string): FakeResponse => ({
    status: 404, text: JSON.stringify({ error: { code: 404, message: `File not found: ${id}.`, errors: [{ reason: 'notFound', message: `File not found: ${id}.` }] } }),
  });
  /** Drive's answer to a share it refuses, or made but could not mail: a plain top message, the words in the first error. */
  const sharingRefused = (words: string): FakeResponse => ({
    status: 400,
    text: JSON.stringify({ error: { code: 400, message: 'Bad Request', errors: [{ reason: 'invalidSharingRequest', message: `Bad Request. User message: "${words}"` }] } }),
  });
  const uploads = new Map<string, { name: string; folder: string; mimeType: string }>();
  /** Drive's API v3, as far as the add-on calls it: folders, resumable uploads, trashing, permissions. */
  const drive = (request: FetchedRequest): FakeResponse | undefined => {
    const { method } = request;
    const url = new URL(request.url);
    const path = `${url.origin}${url.pathname}`;
    const body = (request.body ?? {}) as Record<string, unknown>;
    if (path === DRIVE_FILES_API && method === 'post' && body.mimeType === 'application/vnd.google-apps.folder') {
      const folder = { id: `folder-${nextId++}`, name: String(body.name), trashed: false };
      folders.set(folder.id, folder);
      return { status: 200, text: JSON.stringify({ id: folder.id }) };
    }
    if (path === DRIVE_UPLOAD_API && url.searchParams.get('uploadType') === 'resumable') {
      if (method === 'post') {
        const parent = (body.parents as string[])[0];
        if (!folders.get(parent) || folders.get(parent)!.trashed) return notFound(parent);
        const upload = `upload-${nextId++}`;
        uploads.set(upload, { name: String(body.name), folder: parent, mimeType: String(body.mimeType) });
        return { status: 200, text: '', headers: { Location: `${DRIVE_UPLOAD_API}?uploadType=resumable&upload_id=${upload}` } };
      }
      const upload = uploads.get(url.searchParams.get('upload_id') ?? '');
      if (method !== 'put' || !upload) return notFound('upload');
      const id = `file-${nextId++}`;
      const blob = request.body as FakeBlob;
      files.set(id, {
        id, name: upload.name, url: `https://drive.google.com/file/d/${id}/view`, folder: upload.folder, trashed: false, blob,
        viewers: [], editors: [], permissions: new Map(),
      });
      return { status: 200, text: JSON.stringify({ id }) };
    }
    const item = /^https:\/\/www\.googleapis\.com\/drive\/v3\/files\/([^/]+)(?:\/permissions(?:\/([^/]+))?)?$/.exec(path);
    if (!item) return undefined;
    const [, id, permission] = item.map((part) => (part === undefined ? part : decodeURIComponent(part)));
    const file = files.get(id);
    const folder = folders.get(id);
    if (!path.includes('/permissions')) {
      const target = file ?? folder;
      if (!target) return notFound(id);
      if (method === 'patch') target.trashed = Boolean(body.trashed);
      return { status: 200, text: JSON.stringify({ id, trashed: target.trashed }) };
    }
    if (!file) return notFound(id);
    if (method === 'post') {
      const email = String(body.emailAddress);
      if (options.refusedAddresses?.includes(email)) return sharingRefused('ACL change not allowed.');
      const granted = `permission-${nextId++}`;
      (body.role === 'writer' ? file.editors : file.viewers).push(email);
      file.permissions.set(granted, email);
      if (options.sharedNotMailed?.includes(email)) return sharingRefused(`Sorry, the items were successfully shared but emails could not be sent to ${email}.`);
      return { status: 200, text: JSON.stringify({ id: granted }) };
    }
    if (method === 'get' && permission === undefined) {
      return { status: 200, text: JSON.stringify({ permissions: [...file.permissions].map(([permissionId, emailAddress]) => ({ id: permissionId, emailAddress })) }) };
    }
    const email = permission === undefined ? undefined : file.permissions.get(permission);
    if (method !== 'delete' || email === undefined) return notFound(permission ?? id);
    file.permissions.delete(permission!);
    for (const list of [file.viewers, file.editors]) if (list.includes(email)) list.splice(list.indexOf(email), 1);
    return { status: 204, text: '' };
  };

  const UrlFetchApp: UrlFetchAppPort = logged('UrlFetchApp', {
    fetch(url: string, params: FetchParams) {
      if (!URL_FETCH_ALLOWLIST.some((prefix) => url.startsWith(prefix))) {
        throw new Error(`Script does not have permission to fetch ${url}: it is not in the manifest's urlFetchWhitelist.`);
      }
      const request: FetchedRequest = {
        url, method: params.method ?? 'get', headers: { ...(params.headers ?? {}) }, contentType: params.contentType,
        body: typeof params.payload === 'string' ? JSON.parse(params.payload) : params.payload, muteHttpExceptions: params.muteHttpExceptions,
      };
      requests.push(request);
      const given = options.respond?.(request) ?? google(request);
      // UrlFetchApp follows a redirect and hands back the page it leads to: here Google's sign-in page.
      const answer = given.status >= 300 && given.status < 400 ? SIGN_IN_PAGE : given;
      if (answer.status >= 400 && !params.muteHttpExceptions) throw new Error(`Request failed for ${url} returned code ${answer.status}.`);
      return response(answer, 'download');
    },
  });

  const MailApp: MailAppPort = logged('MailApp', {
    getRemainingDailyQuota: () => mail.quota,
    sendEmail(message: MailMessage) {
      const recipients = message.to.split(',').filter((to) => to !== '');
      if (recipients.length > mail.quota) throw new Error('Service invoked too many times for one day: email.');
      mail.quota -= recipients.length;
      mails.push({ ...message, attachments: (message.attachments ?? []) as FakeBlob[] });
    },
  });

  const clockBuilder = (trigger: FakeTrigger): ClockTriggerBuilderPort => {
    const builder: ClockTriggerBuilderPort = logged('ClockTriggerBuilder', {
      everyDays(n: number) {
        trigger.schedule.everyDays = n;
        return builder;
      },
      onWeekDay(day: GoogleAppsScript.Base.Weekday) {
        trigger.schedule.weekday = String(day);
        return builder;
      },
      atHour(hour: number) {
        trigger.schedule.hour = hour;
        return builder;
      },
      inTimezone(timeZone: string) {
        trigger.schedule.timeZone = timeZone;
        return builder;
      },
      create() {
        // An add-on may have one trigger of a kind per user and document.
        if (live(user).length > 0) throw new Error('This add-on has created too many time-based triggers in this document for this Google user account.');
        triggers.push(trigger);
        return triggerHandle(trigger);
      },
    });
    return builder;
  };
  const live = (owner: string) => triggers.filter((t) => !t.deleted && t.owner === owner);
  const triggerHandle = (trigger: FakeTrigger): TriggerPort => logged('Trigger', {
    getHandlerFunction: () => trigger.handler,
    getUniqueId: () => trigger.id,
  });
  const triggerOf = new Map<string, FakeTrigger>();

  const ScriptApp: ScriptAppPort = logged('ScriptApp', {
    AuthMode: AUTH_MODES as unknown as ScriptAppPort['AuthMode'],
    WeekDay: Object.fromEntries(WEEKDAYS.map((day) => [day, day])) as unknown as ScriptAppPort['WeekDay'],
    getOAuthToken: () => TOKEN,
    requireScopes(_mode: GoogleAppsScript.Script.AuthMode, scopes: string[]) {
      scopeRequests.push([...scopes]);
      if (scopes.some((scope) => denied.has(scope))) throw new Error('Authorization is required to perform that action.');
    },
    newTrigger: (handler: string) => logged('TriggerBuilder', {
      timeBased() {
        const trigger: FakeTrigger = { id: `trigger-${nextId++}`, handler, owner: user, schedule: {}, deleted: false };
        triggerOf.set(trigger.id, trigger);
        return clockBuilder(trigger);
      },
    }),
    getUserTriggers: (_spreadsheet: SpreadsheetPort) => live(user).map(triggerHandle),
    deleteTrigger(handle: TriggerPort) {
      const trigger = triggerOf.get(handle.getUniqueId());
      if (!trigger || trigger.deleted) throw new Error('The trigger does not exist.');
      if (trigger.owner !== user) throw new Error('You cannot delete a trigger another user owns.');
      trigger.deleted = true;
    },
  });

  return {
    globals: {
      UrlFetchApp, MailApp, ScriptApp,
      Session: logged('Session', { getEffectiveUser: () => logged('User', { getEmail: () => user }) }),
      Utilities: logged('Utilities', {
        // No compression: the zip is as big as its files.
        zip: (blobs: BlobPort[], name: string) => fakeBlob(name, 'application/zip', 'zip', blobs as FakeBlob[], (blobs as FakeBlob[]).reduce((n, b) => n + b.size, 0)),
        sleep(milliseconds: number) {
          sleeps.push(milliseconds);
        },
      }),
      ...(options.now === undefined ? {} : { Date: fixedClock(options.now) }),
    },
    requests, mails, files, folders, triggers, scopeRequests, mail, sleeps,
    setUser(email: string) {
      user = email;
    },
  };
}
