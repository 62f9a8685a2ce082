/**
 * Accept comments (SPEC §6.1): `# sms-schedule-accept CODE[, CODE...] -- REASON` on its own line
 * directly above a list item. This module finds them in the text and the item each stands above,
 * using only the text and the parsed document's item ranges (`locate`, `listItemAt`), so it works
 * the same on a whole parse and on a document parsed piece by piece.
 */
import type { Span } from '../diagnostics';
import { listItemAt, locate, type ParsedDocument, type Path } from '../document/parse';
import { asRecord } from '../semantics/read';

export const ACCEPT_KEYWORD = 'sms-schedule-accept';

/** A list item of the document, by its indexes in the YAML lists. */
export type AcceptItem =
  | { readonly kind: 'site'; readonly site: number }
  | { readonly kind: 'collection'; readonly collection: number }
  | { readonly kind: 'package'; readonly package: number }
  | { readonly kind: 'program'; readonly package: number; readonly program: number }
  | { readonly kind: 'advertisement'; readonly advertisement: number }
  | { readonly kind: 'assignment'; readonly advertisement: number; readonly assignment: number };

export type AcceptItemKind = AcceptItem['kind'];

export interface AcceptComment {
  /** From `#` to the end of the comment text (trailing blanks excluded). */
  readonly span: Span;
  /** The codes as written, in order, each once. */
  readonly codes: readonly string[];
  /** Just after the last code (after the keyword when there is none): where another code goes. */
  readonly codesEnd: number;
  /** The text after ` -- `, trimmed; `""` when there is none. */
  readonly reason: string;
  /** The item directly below (other comment lines may stand between); undefined when none. */
  readonly item: AcceptItem | undefined;
  /** The item's span (its node, as `locate` gives it). */
  readonly itemSpan: Span | undefined;
}

/** An item and its span. */
export interface LocatedItem {
  readonly item: AcceptItem;
  readonly span: Span;
}

const COMMENT_LINE = /^([ \t]*)#[ \t]*sms-schedule-accept(?=[\s,]|$)(.*)$/;
const SEPARATOR = /(?:^|\s)--(?:\s|$)/;

const cache = new WeakMap<ParsedDocument, readonly AcceptComment[]>();

/** Every accept comment of the document, in text order (memoised per parse). */
export function acceptComments(parsed: ParsedDocument): readonly AcceptComment[] {
  let found = cache.get(parsed);
  if (!found) {
    found = findAcceptComments(parsed);
    cache.set(parsed, found);
  }
  return found;
}

function findAcceptComments(parsed: ParsedDocument): AcceptComment[] {
  const { text, lines } = parsed;
  const comments: AcceptComment[] = [];
  // indexOf jumps between hits: a document without accept comments costs one scan.
  for (let hit = text.indexOf(ACCEPT_KEYWORD); hit >= 0;) {
    const line = lines.positionAt(hit).line;
    const lineStart = lines.offsetAt({ line, character: 0 });
    const lineEnd = lines.lineEnd(line);
    const comment = readComment(parsed, text.slice(lineStart, lineEnd), lineStart, line);
    if (comment) comments.push(comment);
    hit = text.indexOf(ACCEPT_KEYWORD, lineEnd);
  }
  return comments;
}

function readComment(
  parsed: ParsedDocument,
  lineText: string,
  lineStart: number,
  line: number,
): AcceptComment | undefined {
  const match = COMMENT_LINE.exec(lineText);
  if (!match) return undefined;
  const indent = match[1]!.length;
  const rest = match[2]!;
  const restStart = lineStart + lineText.length - rest.length;
  const separator = SEPARATOR.exec(rest);
  const codesText = separator ? rest.slice(0, separator.index) : rest;
  const reason = separator ? rest.slice(separator.index + separator[0].length).trim() : '';
  const codes = [...new Set(codesText.split(/[\s,]+/).filter((c) => c !== ''))];
  const below = itemDirectlyBelow(parsed, line);
  return {
    span: { start: lineStart + indent, end: lineStart + lineText.trimEnd().length },
    codes,
    codesEnd: restStart + codesText.trimEnd().length,
    reason,
    item: below?.item,
    itemSpan: below?.span,
  };
}

/**
 * The item that starts on the first line below `line` that is not a comment line, when that line
 * is a list item (`- ...`) whose node starts on it; undefined for a blank line, a key, the end.
 */
function itemDirectlyBelow(parsed: ParsedDocument, line: number): LocatedItem | undefined {
  const { text, lines } = parsed;
  for (let next = line + 1; next < lines.lineCount; next++) {
    const start = lines.offsetAt({ line: next, character: 0 });
    const content = text.slice(start, lines.lineEnd(next));
    if (/^[ \t]*#/.test(content)) continue;
    const dash = /^[ \t]*-(?=[ \t]|$)[ \t]*/.exec(content);
    if (!dash || dash[0].length === content.length) return undefined;
    const contentStart = start + dash[0].length;
    const found = itemAt(parsed, contentStart);
    return found && found.span.start === contentStart ? found : undefined;
  }
  return undefined;
}

const TOP_LISTS = ['sites', 'collections', 'packages', 'advertisements'] as const;

/**
 * The innermost item of the lists accept comments know (sites, collections, packages and their
 * programs, advertisements and their assignments) whose span contains `offset` (ends included).
 */
export function itemAt(parsed: ParsedDocument, offset: number): LocatedItem | undefined {
  for (const key of TOP_LISTS) {
    const index = listItemAt(parsed, key, offset);
    if (index === undefined) continue;
    const span = locate(parsed, [key, index]);
    if (!contains(span, offset)) continue;
    const nested = nestedItemAt(parsed, key, index, offset);
    if (nested) return nested;
    return { item: topItem(key, index), span };
  }
  return undefined;
}

function nestedItemAt(
  parsed: ParsedDocument,
  key: (typeof TOP_LISTS)[number],
  index: number,
  offset: number,
): LocatedItem | undefined {
  const childKey = key === 'advertisements' ? 'assignments' : key === 'packages' ? 'programs' : undefined;
  if (!childKey) return undefined;
  const list = asRecord(listOf(parsed.value, key)[index])?.[childKey];
  const count = Array.isArray(list) ? list.length : 0;
  for (let child = 0; child < count; child++) {
    const path: Path = [key, index, childKey, child];
    const span = locate(parsed, path);
    if (!contains(span, offset)) continue;
    return {
      item:
        key === 'advertisements'
          ? { kind: 'assignment', advertisement: index, assignment: child }
          : { kind: 'program', package: index, program: child },
      span,
    };
  }
  return undefined;
}

function topItem(key: (typeof TOP_LISTS)[number], index: number): AcceptItem {
  switch (key) {
    case 'sites':
      return { kind: 'site', site: index };
    case 'collections':
      return { kind: 'collection', collection: index };
    case 'packages':
      return { kind: 'package', package: index };
    case 'advertisements':
      return { kind: 'advertisement', advertisement: index };
  }
}

function listOf(value: unknown, key: string): readonly unknown[] {
  const list = asRecord(value)?.[key];
  return Array.isArray(list) ? list : [];
}

function contains(span: Span, offset: number): boolean {
  return span.start <= offset && offset <= span.end;
}

/** A string that names an item: equal for the same item however its object was made. */
export function itemKey(item: AcceptItem): string {
  switch (item.kind) {
    case 'site':
      return `site:${item.site}`;
    case 'collection':
      return `collection:${item.collection}`;
    case 'package':
      return `package:${item.package}`;
    case 'program':
      return `program:${item.package}:${item.program}`;
    case 'advertisement':
      return `advertisement:${item.advertisement}`;
    case 'assignment':
      return `assignment:${item.advertisement}:${item.assignment}`;
  }
}

/** The document path of an item. */
export function itemPath(item: AcceptItem): Path {
  switch (item.kind) {
    case 'site':
      return ['sites', item.site];
    case 'collection':
      return ['collections', item.collection];
    case 'package':
      return ['packages', item.package];
    case 'program':
      return ['packages', item.package, 'programs', item.program];
    case 'advertisement':
      return ['advertisements', item.advertisement];
    case 'assignment':
      return ['advertisements', item.advertisement, 'assignments', item.assignment];
  }
}
