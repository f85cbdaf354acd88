/** The first `length` UTF-16 units of `text` (all of it when shorter), one fewer rather than half a character (an emoji's surrogate pair). */
export function cutText(text: string, length: number): string {
  if (text.length <= length) return text;
  const code = text.charCodeAt(length - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? length - 1 : length);
}

/** `text` as a cell of at most `limit` characters holds it: a longer text is cut, with an ellipsis saying so. */
export function fitCell(text: string, limit: number): string {
  return text.length > limit ? `${cutText(text, limit - 1)}…` : text;
}
