/** JSON pointers (RFC 6901) naming where in a site export a problem is. */

/** The pointer of `parts` below the root: `~` and `/` in a key are escaped as `~0` and `~1`. */
export function jsonPointer(...parts: readonly (string | number)[]): string {
  return parts.map((p) => '/' + String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/** `base` extended by `parts` (base is itself a pointer, "" for the root). */
export function childPointer(base: string, ...parts: readonly (string | number)[]): string {
  return base + jsonPointer(...parts);
}
