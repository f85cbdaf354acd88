import { formatMessage, type Language } from '../core/messages';
import { AddonError } from './addon-error';
import type { GasServices } from './gas-adapters';
import type { MailMessage } from './ports';

// Mail the add-on sends with MailApp (exports, digests, failure notices): always to the user's own address
// or the addresses they gave, and only after checking the day's quota (100 recipients a day on a consumer
// account, 1,500 on Workspace), so a spent quota is a clear message before any work, not a failure after it.

/** The address of the user the add-on runs as (the trigger's owner in a scheduled run). */
export function userAddress(services: GasServices): string {
  const address = services.session.getEffectiveUser().getEmail();
  if (address === '') throw new AddonError('addon.mail.no_address');
  return address;
}

/** Throws a clear AddonError when today's MailApp quota cannot cover `recipients` more. */
/** `refusal`: what the user is told, with its advice (an export can go to Drive instead; a schedule tries again itself). */
export function checkMailQuota(
  services: GasServices, recipients: number, refusal: 'addon.mail.quota_spent' | 'addon.schedule.quota_spent' = 'addon.mail.quota_spent',
): void {
  const remaining = services.mailApp.getRemainingDailyQuota();
  if (remaining < recipients) throw new AddonError(refusal, { needed: recipients, remaining });
}

/** Sends one message to `to` (one or more addresses), from the add-on's name. */
export function sendMail(services: GasServices, to: readonly string[], message: Omit<MailMessage, 'to' | 'name'>, language: Language): void {
  services.mailApp.sendEmail({ ...message, to: to.join(','), name: formatMessage('addon.mail.sender', {}, language) });
}

/** The most recipients one e-mail sent with MailApp may have (Apps Script's quotas page). */
export const MAIL_RECIPIENTS_PER_MESSAGE = 50;

/** The most an e-mail sent with MailApp may carry in attachments (Apps Script's quotas page: 25 MB per message). */
export const MAIL_ATTACHMENT_LIMIT_BYTES = 25 * 1024 * 1024;

/** Bytes as whole megabytes, rounded up (a file just over the limit never reads as the limit). */
export function megabytes(bytes: number): number {
  return Math.ceil(bytes / (1024 * 1024));
}

/**
 * local@domain: the local part neither starting nor ending with a dot or a stray quote, nor holding two dots in a
 * row; the domain's labels letters (with their marks), digits, hyphens and underscores, none empty (no
 * "example.com." or "example..com"). No "=", "?" or "&" before the @: valid there, but in a pasted list the sign of a
 * link's field read as an address ("cc=bob@example.com").
 */
const ADDRESS = /^(?![.'])(?!.*\.\.)[^\s@,;<>"()=?&]+(?<![.'])@[\p{L}\p{M}\p{N}_-]+(\.[\p{L}\p{M}\p{N}_-]+)+$/u;

/** Stands for a quoted or parenthesised name while the text is split (it may hold commas); then its place in `names`. */
const NAME_MARK = '\u0001';

/** A mailto: link's query fields that hold addresses; its subject, body and the rest do not. */
const LINK_ADDRESS_FIELDS = new Set(['to', 'cc', 'bcc']);

/** The addresses of a mailto: link, comma-separated: its path's and those of its to, cc and bcc fields. */
function linkAddresses(path: string, query: string): string {
  const fields = query.split('&').map((field) => field.split('=')).filter(([name]) => LINK_ADDRESS_FIELDS.has(name.toLowerCase()));
  return [path, ...fields.map(([, value = '']) => value)].map((part) => {
    try {
      return decodeURIComponent(part);
    } catch {
      return part;
    }
  }).join(',');
}

/**
 * The addresses in what a user typed or pasted: separated by commas, semicolons or spaces, each maybe as an
 * e-mail program copies it (`Anna de Vries <anna@example.com>`, `"de Vries, Anna" <anna@example.com>`,
 * `"Anna" anna@example.com`, `'anna@example.com'`) or as a link gives it
 * (`mailto:anna@example.com,bob@example.com?subject=Report&cc=carol@example.com`). Beside an address in <…>,
 * words without an @ are its name; a quoted or parenthesised name beside any address is its name. Anything else
 * without an address is returned as it is, to be refused: nobody typed is dropped unseen.
 */
function addressesIn(text: string): string[] {
  const names: string[] = [];
  // A link's addresses are separated by commas, as its to= list may be; its query ends at a space or a semicolon:
  // what follows is typed. A link copied from a web page may write its & as &amp;.
  const unlinked = text.replace(/&amp;/gi, '&')
    .replace(/mailto:([^\s?"<>;]*)(?:\?([^\s"<>;]*))?/gi, (_, path: string, query = '') => ` ${linkAddresses(path, query)} `);
  // Quoted or parenthesised text first: before <…>, or without an @, it is a name (standing as one mark until it
  // is placed: `"de Vries, Anna" <anna@example.com>`, `anna@example.com (Anna de Vries)`); else it is read as
  // typed, its addresses with the rest (`"boss@example.com"`, `(cc bob@example.com)`).
  const marked = unlinked.replace(/"([^"]*)"(?=(\s*<)?)|\(([^()]*)\)(?=(\s*<)?)/g, (_, quoted?: string, quotedBracket?: string, wrapped?: string, wrappedBracket?: string) => {
    const inner = (quoted ?? wrapped ?? '').trim();
    return !(quotedBracket ?? wrappedBracket) && inner.includes('@') ? ` ${inner} ` : ` ${NAME_MARK}${names.push(inner) - 1} `;
  });
  return outlookNamesJoined(marked.split(/([,;]+|[\r\n]+)/)).flatMap((part) => {
    const bracketed = [...part.matchAll(/<([^<>]*)>/g)].map((match) => match[1]);
    const outside = part.replace(/<[^<>]*>/g, ' ').split(/\s+/).filter((word) => word !== '');
    const words = outside.filter((word) => !word.startsWith(NAME_MARK)).map(unquoted);
    if (bracketed.length > 0) return [...bracketed, ...words.filter((word) => word.includes('@'))];
    if (words.some((word) => word.includes('@'))) return words;
    return [...words, ...outside.filter((word) => word.startsWith(NAME_MARK)).map((mark) => names[Number(mark.slice(1))])];
  }).map((address) => address.trim());
}

/**
 * The parts of a list split at its separators (kept, at odd places), with Outlook's "Last, First <address>" one
 * part again. Outlook puts one recipient between semicolons (a copied list may have line breaks instead), so a
 * stretch between those holding exactly one comma, a last name before it and a name with its <address> after it,
 * is one recipient. Anything else (a second comma, a mistyped address, a word in lower case last) stays apart,
 * to be refused: only a name is ever dropped.
 */
function outlookNamesJoined(split: string[]): string[] {
  const parts: string[] = [];
  let stretch: string[] = [];
  const close = () => {
    if (stretch.length === 2 && isLastName(stretch[0]) && startsWithNamedAddress(stretch[1])) parts.push(`${stretch[0]},${stretch[1]}`);
    else parts.push(...stretch);
    stretch = [];
  };
  for (let i = 0; i < split.length; i++) {
    if (i % 2 === 0) stretch.push(split[i]);
    else if (/[;\r\n]/.test(split[i])) close();
  }
  close();
  return parts;
}

/**
 * One to four words of letters (with their marks), initials' dots, hyphens and apostrophes, the last holding a
 * capital in a script that has them: "de Vries", "García de la Cruz", "v.d. Berg", "St. John", "d'Amico",
 * "'Jansen" (Outlook quotes names so), "כהן". Not "zoë" or "Bob at gmail com" (typed, not copied), nor a dot
 * between two longer runs of letters (a mistyped address, "bob.example.com").
 */
function isLastName(text: string): boolean {
  if (!/^\s*[\p{L}\p{M}.'’-]+(?:\s+[\p{L}\p{M}.'’-]+){0,3}\s*$/u.test(text) || /\p{L}{2}\.\p{L}{2}/u.test(text)) return false;
  const words = text.trim().split(/\s+/);
  return /\p{Lu}/u.test(words[words.length - 1]) || (/\p{L}/u.test(text) && !/[\p{Ll}\p{Lu}]/u.test(text));
}

/** A name, then an address in <…>: "Anna <anna@example.com>". Linear: pasted text may be long. */
function startsWithNamedAddress(part: string): boolean {
  const open = part.indexOf('<');
  return open > 0 && part.slice(0, open).trim() !== '' && !/[@>]/.test(part.slice(0, open)) && part.indexOf('@', open) > open;
}

/** A word without the single quotes around it (`'anna@example.com'`, as Outlook writes an address alone). */
const unquoted = (word: string) => word.replace(/^'(.*)'$/, '$1');

/** Lower-cased and without repeats; throws naming the addresses that are not e-mail addresses, as typed. */
export function parseAddresses(addresses: readonly string[]): string[] {
  const all = addresses.flatMap((entry) => addressesIn(String(entry))).filter((a) => a !== '');
  const bad = all.filter((a) => !ADDRESS.test(a));
  // Quoted: an address refused for its last dot ("anna@example.com.") then reads as such, before the sentence's.
  if (bad.length > 0) throw new AddonError('addon.mail.address_invalid', { addresses: bad.map((a) => `"${a}"`).join(', ') });
  return [...new Set(all.map((a) => a.toLowerCase()))];
}
