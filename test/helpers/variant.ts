import assert from 'node:assert/strict';

/** `base` with exact substrings replaced; each must occur, so a stale fixture fails loudly. */
export function variantOf(base: string, ...replacements: readonly (readonly [string, string])[]): string {
  let text = base;
  for (const [from, to] of replacements) {
    assert.ok(text.includes(from), `the fixture has no '${from}'`);
    text = text.replace(from, to);
  }
  return text;
}
