import { cutText } from './cut-text';

/** What tells a name from the ones already taken: "name (2)". */
const NUMBER_IN_BRACKETS = (n: number) => ` (${n})`;

/**
 * `base`, else "base (2)", "base (3)", …: the first name `taken` does not refuse. `taken` gets each candidate
 * in lower case, since sheet names (Google Sheets, Excel) and utm values match ignoring case; recording the
 * name returned is the caller's. No name is longer than `maxLength`: the base is cut to leave room for the
 * suffix, never inside a character (a surrogate pair), and without a space before the suffix.
 */
export function uniqueName(
  base: string, taken: (lowercased: string) => boolean, maxLength = Infinity, suffix: (n: number) => string = NUMBER_IN_BRACKETS,
): string {
  let name = cut(base, maxLength);
  for (let n = 2; taken(name.toLowerCase()); n++) name = cut(base, maxLength - suffix(n).length) + suffix(n);
  return name;
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : cutText(text, max).trimEnd();
}
