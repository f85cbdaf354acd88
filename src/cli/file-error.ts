import { formatMessage, isMessageId, type Language } from '../core/messages';

// The file system's errors in the user's language: Node's own text ("ENOENT: no such file or directory, open …")
// is English, and names the path the message names already.

/** EPERM is what Windows gives where Unix gives EACCES; EEXIST, making a folder where a file is. */
const SAME_AS: Record<string, string> = { EPERM: 'EACCES', EEXIST: 'ENOTDIR' };

/** Why a file could not be read or written, said in `lang` when the catalogue knows the error; else the system's text. */
export function fileErrorReason(error: unknown, lang: Language): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const id = `cli.file_error.${typeof code === 'string' ? SAME_AS[code] ?? code : ''}`;
  return isMessageId(id) ? formatMessage(id, {}, lang) : (error as Error)?.message ?? String(error);
}
