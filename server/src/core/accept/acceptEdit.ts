/**
 * The edit of the quick fix "Accept this risk…" (SPEC §6.1): an accept comment above the item a
 * diagnostic is on, with the reason left for the user to type after ` -- `. Computed from the
 * diagnostic's code and range and the document's item ranges, never from message text; exact and
 * idempotent: no edit when a comment above the item already accepts the code, and a code added to
 * an existing accept comment of the item rather than a second comment line.
 */
import type { Range } from '../diagnostics';
import { locate, type ParsedDocument } from '../document/parse';
import { lineEndingOf, type TextEdit } from '../edits/yamlEdits';
import { ACCEPT_KEYWORD, acceptComments, itemAt, itemKey, itemPath, type AcceptItem } from './acceptComments';
import { ACCEPTABLE_CODES } from './acceptance';

/** The item an accept comment for this diagnostic goes above; undefined when its code cannot be accepted there. */
export function acceptTargetOf(
  parsed: ParsedDocument,
  diagnostic: { readonly code: string; readonly range: Range },
): AcceptItem | undefined {
  const kinds = ACCEPTABLE_CODES.get(diagnostic.code);
  if (!kinds) return undefined;
  const found = itemAt(parsed, parsed.lines.offsetAt(diagnostic.range.start));
  return found && kinds.includes(found.item.kind) ? found.item : undefined;
}

/** The edit accepting the diagnostic's code above its item (none when that is not possible or already done). */
export function acceptDiagnosticEdit(
  parsed: ParsedDocument,
  diagnostic: { readonly code: string; readonly range: Range },
): TextEdit[] {
  const item = acceptTargetOf(parsed, diagnostic);
  return item ? acceptEdit(parsed, item, diagnostic.code) : [];
}

/**
 * Accepts `code` above `item`: nothing when a comment above it already names the code; the code
 * appended to the item's first accept comment; else a new comment line at the item's indentation.
 */
export function acceptEdit(parsed: ParsedDocument, item: AcceptItem, code: string): TextEdit[] {
  const key = itemKey(item);
  const own = acceptComments(parsed).filter((c) => c.item !== undefined && itemKey(c.item) === key);
  if (own.some((c) => c.codes.includes(code))) return [];
  const first = own[0];
  if (first) {
    return [{ start: first.codesEnd, end: first.codesEnd, newText: `${first.codes.length > 0 ? ',' : ''} ${code}` }];
  }
  const { lines, text } = parsed;
  const line = lines.positionAt(locate(parsed, itemPath(item)).start).line;
  const lineStart = lines.offsetAt({ line, character: 0 });
  // The comment takes the indentation of the item's dash, as written (spaces; tabs are not YAML indentation).
  const dash = /^([ ]*)-(?=[ \t]|$)/.exec(text.slice(lineStart, lines.lineEnd(line)));
  if (!dash) return [];
  return [
    { start: lineStart, end: lineStart, newText: `${dash[1]}# ${ACCEPT_KEYWORD} ${code} -- ${lineEndingOf(text)}` },
  ];
}
