import { AddonError } from './addon-error';
import type { GasServices } from './gas-adapters';
import type { BlobPort, HttpMethod } from './ports';
import { callGoogleApi } from './google-api';

// The files the add-on keeps in the user's Drive (the export or share copies, the exported files and their
// folder), reached through Drive's REST API with the script's token. Not through DriveApp: DriveApp asks for
// the "drive" scope, every file of the user and a restricted scope (Google's security review), whereas the
// API accepts drive.file for the files the add-on made, the only ones it touches.

export const DRIVE_FILES_API = 'https://www.googleapis.com/drive/v3/files';
export const DRIVE_UPLOAD_API = 'https://www.googleapis.com/upload/drive/v3/files';
const FOLDER_TYPE = 'application/vnd.google-apps.folder';

/**
 * Whether Drive's refusal means the file is gone for this add-on: deleted for good (404), or no longer one
 * drive.file reaches. A 403 for too many requests is no such answer: a new folder then would split the exports.
 */
const isGone = (error: unknown) => error instanceof AddonError
  && (Number(error.params.status) === 404 || (Number(error.params.status) === 403 && error.params.reason === 'appNotAuthorizedToFile'));

/** Who a share makes of its recipients. */
export type ShareRole = 'viewer' | 'editor';
const DRIVE_ROLES: Record<ShareRole, string> = { viewer: 'reader', editor: 'writer' };

export interface SavedFile {
  id: string;
  url: string;
}

const fileUrl = (id: string) => `${DRIVE_FILES_API}/${encodeURIComponent(id)}`;

/** A request to Drive's API; its JSON answer. */
function askDrive<T>(services: GasServices, url: string, method: HttpMethod, payload?: string | BlobPort): T {
  return JSON.parse(callGoogleApi(services, url, method, payload, 'addon.drive.failed').getContentText()) as T;
}

/** A new folder in the user's My Drive; its id. */
export function createFolder(services: GasServices, name: string): string {
  const payload = JSON.stringify({ name, mimeType: FOLDER_TYPE });
  return askDrive<{ id: string }>(services, `${DRIVE_FILES_API}?fields=id`, 'post', payload).id;
}

/** Whether the folder is there to save in: false once the user trashed it or deleted it for good. */
export function folderUsable(services: GasServices, id: string): boolean {
  try {
    return !askDrive<{ trashed: boolean }>(services, `${fileUrl(id)}?fields=trashed`, 'get').trashed;
  } catch (error) {
    if (isGone(error)) return false;
    throw error;
  }
}

/**
 * Saves the blob as a file in the folder: a resumable upload, whose first request names the file and the
 * second sends the bytes as they are (the one-request upload would need the bytes copied into a multipart body).
 */
export function uploadFile(services: GasServices, folderId: string, blob: BlobPort): SavedFile {
  const metadata = JSON.stringify({ name: blob.getName(), parents: [folderId], mimeType: blob.getContentType() });
  const session = callGoogleApi(services, `${DRIVE_UPLOAD_API}?uploadType=resumable&fields=id`, 'post', metadata, 'addon.drive.failed');
  const location = Object.entries(session.getHeaders()).find(([header]) => header.toLowerCase() === 'location')?.[1];
  if (typeof location !== 'string') throw new AddonError('addon.drive.failed', { status: session.getResponseCode(), message: 'no upload address' });
  const { id } = askDrive<{ id: string }>(services, location, 'put', blob);
  return { id, url: `https://drive.google.com/file/d/${id}/view` };
}

/** Moves the file (or folder) to the user's trash. */
export function trashFile(services: GasServices, id: string): void {
  callGoogleApi(services, `${fileUrl(id)}?fields=id`, 'patch', JSON.stringify({ trashed: true }), 'addon.drive.failed');
}

/**
 * Gives one address access to the file (Drive e-mails them the invitation); the permission's id, to take it
 * back. Drive may answer with an error after sharing (the invitation could not be mailed): when the address
 * has access all the same, that access is the answer, so that it is known and can be taken back.
 */
export function shareFile(services: GasServices, id: string, emailAddress: string, role: ShareRole): string {
  const payload = JSON.stringify({ type: 'user', role: DRIVE_ROLES[role], emailAddress });
  try {
    return askDrive<{ id: string }>(services, `${fileUrl(id)}/permissions?fields=id`, 'post', payload).id;
  } catch (error) {
    const granted = permissionOf(services, id, emailAddress);
    if (granted === null) throw error;
    return granted;
  }
}

/** The id of the permission the address has on the file; null for none, or when Drive will not say. */
function permissionOf(services: GasServices, id: string, emailAddress: string): string | null {
  try {
    const url = `${fileUrl(id)}/permissions?fields=${encodeURIComponent('permissions(id,emailAddress)')}`;
    const { permissions = [] } = askDrive<{ permissions?: Array<{ id: string; emailAddress?: string }> }>(services, url, 'get');
    return permissions.find((permission) => permission.emailAddress?.toLowerCase() === emailAddress.toLowerCase())?.id ?? null;
  } catch {
    return null;
  }
}

/** Takes a permission shareFile gave back. */
export function unshareFile(services: GasServices, id: string, permissionId: string): void {
  callGoogleApi(services, `${fileUrl(id)}/permissions/${encodeURIComponent(permissionId)}`, 'delete', undefined, 'addon.drive.failed');
}
