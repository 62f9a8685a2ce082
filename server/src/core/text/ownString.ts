/**
 * A copy of `text` that points into no other string. V8 cuts a substring of 13 or more
 * characters as a slice that keeps the whole string it was cut from alive: a string kept across
 * document versions (a piece's text, a cache key, a name handed to luxon's zone caches) must be
 * its own copy, or it keeps the whole version of the document it was read from alive.
 */
export function ownString(text: string): string {
  return (' ' + text).slice(1);
}
