/**
 * One piece of a document (see `segments.ts`) parsed on its own: a top-level entry keeps its
 * `yaml` nodes; a list item keeps its value and spans, its nodes being parsed again on demand.
 * Offsets are relative to the piece; `base` says where it now starts in the text.
 */
import {
  isAlias,
  isCollection,
  isMap,
  isScalar,
  isSeq,
  parseDocument,
  visit,
  type Document,
  type Node,
  type Pair,
  type ParsedNode,
  type Range as NodeRange,
  type YAMLMap,
} from 'yaml';
import type { BracketSummary } from './bracketDepth';
import { firstControlCharacter, MAX_ALIAS_COUNT, PARSE_OPTIONS } from './parse';
import { ownString } from '../text/ownString';
import { readPlainItem } from './plainItem';
import { SpanTable } from './spanTable';

/** A range relative to the start of its piece. */
export type RelativeRange = readonly [number, number, number];

/** One piece parsed on its own, at `base` in the current text; its spans are relative to `base`. */
export interface ParsedPiece {
  /**
   * The piece's text, as the cache key; the piece is parsed from it. A copy (`ownString`): values
   * read from a slice of the text would keep that whole version alive while the piece is reused.
   */
  readonly source: string;
  /** The range of the piece's own document (its contents, then its trailing comments). */
  readonly docRange: RelativeRange;
  /** The range of the piece's own top-level node: a one-pair map (entry) or a one-item list (item). */
  readonly containerRange: RelativeRange;
  base: number;
  /** Its `[`/`{` depth walk, set by the incremental parser when it first checks the piece. */
  brackets?: BracketSummary;
}

/** A top-level entry keeps its nodes (there are a handful), their ranges kept absolute. */
export interface ParsedEntry extends ParsedPiece {
  readonly kind: 'entry';
  readonly container: YAMLMap.Parsed;
  readonly pair: Pair<ParsedNode, ParsedNode | null>;
  /** The key as `toJS` spells it (a property name of the document value). */
  readonly key: string;
  /** The key scalar's value, for the unique-keys check. */
  readonly keyValue: unknown;
  readonly value: unknown;
}

/** A list item keeps no nodes: they are parsed again on demand (`tree`, while cached). */
export interface ParsedItem extends ParsedPiece {
  readonly kind: 'item';
  readonly value: unknown;
  /** Where its keys and values are, for `locate`, folding and finding the item under an offset. */
  readonly spans: SpanTable;
  /** The item's node with ranges absolute for `tree.base`, while cached. */
  tree?: { node: ParsedNode | null; base: number };
}

export type ParsedSegment = ParsedEntry | ParsedItem;

/** Parses one piece; undefined when it has problems or aliases (those need the whole document). */
function parsePiece(source: string): { doc: Document.Parsed; value: unknown } | undefined {
  if (firstControlCharacter(source) !== undefined) return undefined;
  const doc = parseDocument(source, PARSE_OPTIONS);
  if (doc.errors.length > 0 || doc.warnings.length > 0) return undefined;
  if (source.includes('*') && hasAlias(doc)) return undefined;
  try {
    return { doc, value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch {
    return undefined;
  }
}

/** What every piece keeps of its own parse (`source` its own copy), placed at offset 0 until the parser moves it. */
function pieceAt0(source: string, doc: Document.Parsed, container: { readonly range: NodeRange }): ParsedPiece {
  return { source, docRange: [...doc.range], containerRange: [...container.range], base: 0 };
}

/**
 * Whether a map key is itself a map or a list (`? [a, b]`, `{a: 1}: x`): span tables record no
 * nodes inside keys, so such an item is left to the whole-document parse.
 */
function hasCollectionKey(source: string, doc: Document.Parsed): boolean {
  if (!/[?[{]/.test(source)) return false;
  let found = false;
  visit(doc, {
    Pair(_, pair) {
      if (!isCollection(pair.key)) return undefined;
      found = true;
      return visit.BREAK;
    },
  });
  return found;
}

function hasAlias(doc: Document.Parsed): boolean {
  let found = false;
  visit(doc, {
    Alias() {
      found = true;
      return visit.BREAK;
    },
  });
  return found;
}

export function parseEntry(cut: string): ParsedEntry | undefined {
  const source = ownString(cut);
  const parsed = parsePiece(source);
  if (!parsed) return undefined;
  const { doc, value } = parsed;
  const map = doc.contents;
  if (!isMap(map) || map.flow || map.items.length !== 1 || !isObject(value)) return undefined;
  const pair = map.items[0] as Pair<ParsedNode, ParsedNode | null>;
  const keys = Object.keys(value);
  const key = keys[0];
  if (!isScalar(pair.key) || keys.length !== 1 || key === undefined || key === '__proto__') return undefined;
  const keyValue = pair.key.value;
  if (typeof keyValue === 'number' && Number.isNaN(keyValue)) return undefined;
  return {
    kind: 'entry',
    ...pieceAt0(source, doc, map),
    container: map as YAMLMap.Parsed,
    pair,
    key,
    keyValue,
    value: value[key],
  };
}

/** A list item: read by the plain-block reader when it can, else parsed by `yaml` (same result). */
export function parseItem(cut: string): ParsedItem | undefined {
  if (firstControlCharacter(cut) !== undefined) return undefined;
  const source = ownString(cut);
  const plain = readPlainItem(source);
  if (plain === undefined) return itemByYaml(source);
  // The reader's range arrays are fresh: kept as they are (same property order as `itemByYaml`).
  const { docRange, containerRange, ...rest } = plain;
  return { kind: 'item', source, docRange, containerRange, base: 0, ...rest };
}

/** A list item parsed by `yaml`: the reference the plain-block reader must agree with. */
export function parseItemByYaml(cut: string): ParsedItem | undefined {
  return itemByYaml(ownString(cut));
}

function itemByYaml(source: string): ParsedItem | undefined {
  const parsed = parsePiece(source);
  if (!parsed) return undefined;
  const { doc, value } = parsed;
  const seq = doc.contents;
  if (!isSeq(seq) || seq.flow || seq.items.length !== 1 || !Array.isArray(value) || value.length !== 1) {
    return undefined;
  }
  if (hasCollectionKey(source, doc)) return undefined;
  const node = (seq.items[0] ?? null) as ParsedNode | null;
  return {
    kind: 'item',
    ...pieceAt0(source, doc, seq),
    value: value[0],
    spans: SpanTable.of(node),
  };
}

/**
 * The node of an item `parseItem` accepted before, parsed again with the same options (ranges
 * relative to the item); only the nodes, since the item keeps its value, spans and folds.
 */
export function itemNodeOf(source: string): ParsedNode | null {
  const seq = parseDocument(source, PARSE_OPTIONS).contents;
  if (!isSeq(seq) || seq.items.length !== 1) throw new Error('a list item that parsed before does not parse again');
  return (seq.items[0] ?? null) as ParsedNode | null;
}

/** Places an entry at `base`, moving its nodes' ranges with it. */
export function shiftEntry(entry: ParsedEntry, base: number): void {
  const delta = base - entry.base;
  if (delta === 0) return;
  entry.base = base;
  shiftNode(entry.container, delta);
}

export function shiftNode(node: unknown, delta: number): void {
  if (isMap(node)) {
    if (node.range) shiftRange(node.range, delta);
    for (const pair of node.items) {
      shiftNode(pair.key, delta);
      shiftNode(pair.value, delta);
    }
  } else if (isSeq(node)) {
    if (node.range) shiftRange(node.range, delta);
    for (const item of node.items) shiftNode(item, delta);
  } else if (isScalar(node) || isAlias(node)) {
    const range = (node as Node).range;
    if (range) shiftRange(range, delta);
  }
}

function shiftRange(range: NodeRange, delta: number): void {
  range[0] += delta;
  range[1] += delta;
  range[2] += delta;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
