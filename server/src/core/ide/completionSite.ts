/**
 * Where a completion at the cursor goes: the path a key or a value typed there would get. It works
 * on unfinished text by parsing a copy with a placeholder at the cursor, so YAML itself decides
 * the nesting; only the piece of the copy around the cursor is parsed where the layout allows.
 */
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { Position } from '../diagnostics';
import { MAX_ALIAS_COUNT, type Path } from '../document/parse';
import { scanSegments } from '../document/segments';
import { asRecord } from '../semantics/read';
import type { LineIndex } from '../text/lineIndex';

export const CURSOR_PLACEHOLDER = '__sms_cursor__';

export interface CompletionSite {
  readonly kind: 'key' | 'value';
  /** key: the path of the mapping receiving the key; value: the path of the value. */
  readonly path: Path;
  /** The word already typed before the cursor, replaced by the completion. */
  readonly prefix: string;
  /** The column where the typed word starts. */
  readonly prefixStart: number;
  /** Key: whether the line opens a new list item (`- `). */
  readonly newListItem: boolean;
  /** Key: the keys the mapping already has (not offered again). */
  readonly existingKeys: readonly string[];
  /** The document's value with the placeholder in place (for ids to reference); computed on first use. */
  readonly value: unknown;
}

/** Options of `completionSiteAt`. */
export interface CompletionSiteOptions {
  /** The document's current value (undefined when it does not parse): the base of `value`. */
  readonly documentValue?: unknown;
  /** Parse the whole copy even where the cursor's piece would do (the reference the tests compare with). */
  readonly wholeDocument?: boolean;
}

const KEY_LINE = /^(\s*)((?:-\s+)*)([A-Za-z_$][\w$-]*)?$/;
const VALUE_LINE = /^(\s*)((?:-\s+)*)([A-Za-z_$][\w$-]*)\s*:\s+["']?([^\s"'#,{}[\]]*)$/;
const FLOW_KEY = /([{,]\s*)([A-Za-z_$][\w$-]*)?$/;
const FLOW_VALUE = /([{,]\s*[A-Za-z_$][\w$-]*\s*:\s*)["']?([^\s"'#,{}[\]]*)$/;

/** What a completion at `position` would complete, or undefined (comment, scalar text, …). */
export function completionSiteAt(
  text: string,
  lines: LineIndex,
  position: Position,
  options: CompletionSiteOptions = {},
): CompletionSite | undefined {
  const lineStart = lines.offsetAt({ line: position.line, character: 0 });
  const cursor = lines.offsetAt(position);
  const lineEnd = lines.lineEnd(position.line);
  const before = text.slice(lineStart, cursor);
  if (before.includes('#')) return undefined;

  let replacement: string;
  let kind: 'key' | 'value';
  let prefix: string;
  let newListItem = false;
  const openFlow = before.lastIndexOf('{') > before.lastIndexOf('}');
  if (openFlow) {
    const flowValue = FLOW_VALUE.exec(before);
    const flowKey = flowValue ? null : FLOW_KEY.exec(before);
    if (flowValue) {
      kind = 'value';
      prefix = flowValue[2] ?? '';
      replacement = `${before.slice(0, before.length - prefix.length)}${CURSOR_PLACEHOLDER} }`;
    } else if (flowKey) {
      kind = 'key';
      prefix = flowKey[2] ?? '';
      replacement = `${before.slice(0, before.length - prefix.length)}${CURSOR_PLACEHOLDER}: 0 }`;
    } else return undefined;
    // Close the outer flow collection(s) so the copy still parses.
    const unclosed = countChar(before, '{') - countChar(before, '}') - 1;
    replacement += ' }'.repeat(Math.max(0, unclosed));
  } else {
    const value = VALUE_LINE.exec(before);
    const key = value ? null : KEY_LINE.exec(before);
    if (value) {
      kind = 'value';
      prefix = value[4] ?? '';
      replacement = `${before.slice(0, before.length - prefix.length)}${CURSOR_PLACEHOLDER}`;
    } else if (key) {
      kind = 'key';
      prefix = key[3] ?? '';
      newListItem = (key[2] ?? '') !== '';
      replacement = `${before.slice(0, before.length - prefix.length)}${CURSOR_PLACEHOLDER}: 0`;
    } else return undefined;
  }
  // Quotes typed before the word are not part of the prefix: replace from the word's start.
  const prefixStart = position.character - prefix.length;
  const copy = text.slice(0, lineStart) + replacement + text.slice(lineEnd);
  const local = options.wholeDocument ? undefined : placeholderInPiece(copy, lineStart, options.documentValue);
  const found = local ?? placeholderInWhole(copy);
  if (found === undefined || found.kind !== kind) return undefined;
  let value: unknown;
  let computed = false;
  return {
    kind,
    path: found.path,
    prefix,
    prefixStart,
    newListItem,
    existingKeys: found.siblings,
    get value(): unknown {
      if (!computed) value = found.value();
      computed = true;
      return value;
    },
  };
}

const COPY_OPTIONS = { version: '1.2', schema: 'core', uniqueKeys: false } as const;

interface PlaceholderSite extends PlaceholderHit {
  /** The document's value with the placeholder in place. */
  value(): unknown;
}

/** The placeholder in one parse of the whole copy (a large document takes as long as opening it). */
function placeholderInWhole(copy: string): PlaceholderSite | undefined {
  const yaml = parseDocument(copy, COPY_OPTIONS);
  const found = findPlaceholder(yaml.contents, []);
  return found && { ...found, value: () => plainValue(yaml) };
}

/**
 * The placeholder found by parsing only the piece of the copy that holds the cursor's line (see
 * `segments.ts`), with the document's current value for the rest. Undefined where that cannot
 * stand in for the whole parse: the layout is not plain enough to cut, the cursor is at the top
 * level (the other top-level keys matter), or a list key appears twice.
 */
function placeholderInPiece(copy: string, lineStart: number, documentValue: unknown): PlaceholderSite | undefined {
  const segments = scanSegments(copy);
  const at = segments?.findIndex((s) => s.start <= lineStart && lineStart < s.end) ?? -1;
  const segment = segments?.[at];
  if (!segments || !segment) return undefined;
  const piece = parseDocument(copy.slice(segment.start, segment.end), COPY_OPTIONS);
  if (segment.kind === 'entry') {
    const found = findPlaceholder(piece.contents, []);
    if (!found || found.path.length === 0) return undefined;
    const key = found.path[0] as string;
    return {
      ...found,
      value: () => withPiece(copy, documentValue, piece, (root, pieceRoot) => (root[key] = pieceRoot[key])),
    };
  }
  const listKeys = segments.filter((s) => s.kind === 'entry' && s.list === segment.list).length;
  if (listKeys !== 1) return undefined;
  const index = segments.slice(0, at).filter((s) => s.kind === 'item' && s.list === segment.list).length;
  const found = findPlaceholder(piece.contents, [segment.list]);
  if (!found || found.path[1] !== 0) return undefined;
  const path = [segment.list, index, ...found.path.slice(2)];
  return {
    ...found,
    path,
    value: () =>
      withPiece(copy, documentValue, piece, (root, pieceValue) => {
        const list = Array.isArray(root[segment.list]) ? [...(root[segment.list] as unknown[])] : [];
        list[index] = (pieceValue as unknown as unknown[])[0];
        root[segment.list] = list;
      }),
  };
}

/**
 * A shallow copy of the document's value with the piece's part put in by `put`; when the document
 * has no value (it does not parse as it is), the value of one parse of the whole copy.
 */
function withPiece(
  copy: string,
  documentValue: unknown,
  piece: ReturnType<typeof parseDocument>,
  put: (root: Record<string, unknown>, pieceValue: Record<string, unknown>) => void,
): unknown {
  const pieceValue = plainValue(piece);
  const documentRoot = asRecord(documentValue);
  if (!documentRoot || typeof pieceValue !== 'object' || pieceValue === null) {
    return plainValue(parseDocument(copy, COPY_OPTIONS));
  }
  const root = { ...documentRoot };
  put(root, pieceValue as Record<string, unknown>);
  return root;
}

function plainValue(yaml: ReturnType<typeof parseDocument>): unknown {
  try {
    return yaml.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch {
    return undefined;
  }
}

function countChar(text: string, char: string): number {
  return text.split(char).length - 1;
}

interface PlaceholderHit {
  readonly kind: 'key' | 'value';
  readonly path: Path;
  readonly siblings: readonly string[];
}

function findPlaceholder(node: unknown, path: (string | number)[]): PlaceholderHit | undefined {
  if (isMap(node)) {
    const keys = node.items.map((pair) => (isScalar(pair.key) ? String(pair.key.value) : ''));
    for (const pair of node.items) {
      if (!isScalar(pair.key)) continue;
      const key = String(pair.key.value);
      if (key === CURSOR_PLACEHOLDER) {
        return { kind: 'key', path, siblings: keys.filter((k) => k !== CURSOR_PLACEHOLDER && k !== '') };
      }
      if (isScalar(pair.value) && pair.value.value === CURSOR_PLACEHOLDER) {
        return { kind: 'value', path: [...path, key], siblings: [] };
      }
      const inner = findPlaceholder(pair.value, [...path, key]);
      if (inner) return inner;
    }
  } else if (isSeq(node)) {
    for (let i = 0; i < node.items.length; i++) {
      const item = node.items[i];
      if (isScalar(item) && item.value === CURSOR_PLACEHOLDER)
        return { kind: 'value', path: [...path, i], siblings: [] };
      const inner = findPlaceholder(item, [...path, i]);
      if (inner) return inner;
    }
  }
  return undefined;
}
