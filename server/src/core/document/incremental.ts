/**
 * Parsing a text piece by piece (see `segments.ts`) and keeping the pieces between versions, so
 * that an edit re-parses only the pieces whose text changed. The result is a `ParsedDocument`
 * equal to `parseText` of the same text: the same value, no syntax errors, and one `yaml`
 * Document whose nodes carry the same absolute ranges.
 *
 * List items keep their text, value and spans, not their node trees (see `lazyList.ts`): the
 * composed document's lists parse an item's nodes again when asked for them (moved to where the
 * item now starts), and keep the most recently used ones (MAX_ITEM_TREES); span tables answer
 * `locate` without parsing. Top-level entries (a handful) keep their nodes, shifted as they move.
 *
 * Anything the pieces cannot vouch for falls back to one whole-document parse: a piece with a
 * syntax error or warning, an alias, a piece that is not the one entry or item it should be,
 * a repeated top-level key.
 *
 * A ParsedDocument returned by `IncrementalParser.parse` shares nodes with the parser's cache: it
 * is valid until the next `parse` call on the same parser (which may move those nodes).
 */
import {
  Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  Pair,
  parseDocument,
  visit,
  YAMLMap,
  YAMLSeq,
  type Node,
  type ParsedNode,
  type Range as NodeRange,
} from 'yaml';
import { LineIndex } from '../text/lineIndex';
import { collectItemFolds } from './folding';
import { lazyItems, registerLazyList, type FoldSink, type LazyItemSource } from './lazyList';
import {
  firstControlCharacter,
  tooDeeplyNested,
  MAX_ALIAS_COUNT,
  PARSE_OPTIONS,
  parseText,
  type ParsedDocument,
} from './parse';
import { scanSegments, type Segment } from './segments';
import { SpanTable } from './spanTable';

/** A range relative to the start of its piece. */
type RelativeRange = readonly [number, number, number];

/** One piece parsed on its own, at `base` in the current text; its spans are relative to `base`. */
interface ParsedPiece {
  /** The piece's text, as the cache key (a copy: a slice would keep the whole version's text alive). */
  readonly source: string;
  /** The range of the piece's own document (its contents, then its trailing comments). */
  readonly docRange: RelativeRange;
  /** The range of the piece's own top-level node: a one-pair map (entry) or a one-item list (item). */
  readonly containerRange: RelativeRange;
  base: number;
}

/** A top-level entry keeps its nodes (there are a handful), their ranges kept absolute. */
interface ParsedEntry extends ParsedPiece {
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
interface ParsedItem extends ParsedPiece {
  readonly kind: 'item';
  readonly value: unknown;
  /** Where its keys and values are, for `locate` and for finding the item under an offset. */
  readonly spans: SpanTable;
  /** Foldable spans inside the item, as start/end pairs. */
  readonly folds: Int32Array;
  /** The item's node with ranges absolute for `tree.base`, while cached. */
  tree?: { node: ParsedNode | null; base: number };
}

type ParsedSegment = ParsedEntry | ParsedItem;

/** How many list items keep their parsed nodes (about 11 KB each for an advertisement). */
export const MAX_ITEM_TREES = 512;

/** Parses pieces, keeping those of the last version by their text. */
export class IncrementalParser {
  private entries = new Map<string, ParsedEntry[]>();
  private items = new Map<string, ParsedItem[]>();
  private mode: 'pieces' | 'whole' = 'whole';
  /** Items whose nodes are cached, least recently used first. */
  private readonly trees = new Set<ParsedItem>();

  /** How the last `parse` went: piece by piece, or one whole-document parse (the fallback). */
  get lastMode(): 'pieces' | 'whole' {
    return this.mode;
  }

  /** How many list items hold their parsed nodes now (at most MAX_ITEM_TREES). */
  get cachedItemTrees(): number {
    return this.trees.size;
  }

  /** Same result as `parseText(text)`; unchanged pieces of the previous call are reused. */
  parse(text: string): ParsedDocument {
    this.mode = 'whole';
    // Absurd nesting is reported by the whole-text parse; so are control characters, which
    // `parsePiece` looks for in each new piece (the pieces tile the text).
    const layout = tooDeeplyNested(text) === undefined ? scanSegments(text) : undefined;
    if (!layout) return parseText(text);
    const nextEntries = new Map<string, ParsedEntry[]>();
    const nextItems = new Map<string, ParsedItem[]>();
    const pieces: ParsedSegment[] = [];
    let complete = true;
    for (const segment of layout) {
      const piece = this.piece(text, segment, nextEntries, nextItems);
      if (!piece) {
        complete = false;
        break;
      }
      pieces.push(piece);
    }
    if (!complete) {
      // Keep what was parsed for the next version (typing often breaks the YAML for a moment).
      this.keepBoth(nextEntries, nextItems, layout.length);
      return parseText(text);
    }
    this.entries = nextEntries;
    this.items = nextItems;
    const composed = compose(text, layout, pieces, (item) => this.itemNode(item));
    if (!composed) return parseText(text);
    this.mode = 'pieces';
    return composed;
  }

  private piece(
    text: string,
    segment: Segment,
    nextEntries: Map<string, ParsedEntry[]>,
    nextItems: Map<string, ParsedItem[]>,
  ): ParsedSegment | undefined {
    const source = text.slice(segment.start, segment.end);
    if (segment.kind === 'entry') {
      const entry = take(this.entries, source) ?? parseEntry(source);
      if (!entry) return undefined;
      shiftEntry(entry, segment.start);
      put(nextEntries, entry.source, entry);
      return entry;
    }
    let item = take(this.items, source);
    if (!item) {
      const parsed = parseItem(source);
      if (!parsed) return undefined;
      // Its nodes are dropped at once: kept, they would outlive the young generation and pile
      // up as old garbage while a large document is parsed (a lookup parses the item again).
      item = parsed.item;
    }
    item.base = segment.start;
    put(nextItems, item.source, item);
    return item;
  }

  /** An item's node with ranges for where the item is now: cached, or parsed again. */
  private itemNode(item: ParsedItem): ParsedNode | null {
    let tree = item.tree;
    if (!tree) {
      const parsed = parseItem(item.source);
      // The text parsed before, so it parses again (the same text, the same options).
      if (!parsed) throw new Error('a list item that parsed before does not parse again');
      tree = { node: parsed.node, base: 0 };
      item.tree = tree;
    }
    if (tree.base !== item.base) {
      shiftNode(tree.node, item.base - tree.base);
      tree.base = item.base;
    }
    this.touch(item);
    return tree.node;
  }

  /** Marks an item's nodes as just used, dropping the least recently used beyond the bound. */
  private touch(item: ParsedItem): void {
    this.trees.delete(item);
    this.trees.add(item);
    if (this.trees.size <= MAX_ITEM_TREES) return;
    for (const oldest of this.trees) {
      oldest.tree = undefined;
      this.trees.delete(oldest);
      break;
    }
  }

  /** After a fallback: the pieces of this call plus the unused ones of the last, within a bound. */
  private keepBoth(
    nextEntries: Map<string, ParsedEntry[]>,
    nextItems: Map<string, ParsedItem[]>,
    segmentCount: number,
  ): void {
    const size = (map: Map<string, unknown[]>): number => {
      let n = 0;
      for (const list of map.values()) n += list.length;
      return n;
    };
    if (size(this.entries) + size(this.items) <= 2 * segmentCount) {
      for (const [source, list] of this.entries) for (const piece of list) put(nextEntries, source, piece);
      for (const [source, list] of this.items) for (const piece of list) put(nextItems, source, piece);
    }
    this.entries = nextEntries;
    this.items = nextItems;
  }
}

/** `parseText`, but piece by piece (no reuse): the same result, parsed faster on large texts. */
export function parseSegmented(text: string): ParsedDocument {
  return new IncrementalParser().parse(text);
}

function take<T>(cache: Map<string, T[]>, source: string): T | undefined {
  const list = cache.get(source);
  if (!list || list.length === 0) return undefined;
  const piece = list.pop();
  if (list.length === 0) cache.delete(source);
  return piece;
}

function put<T>(cache: Map<string, T[]>, source: string, piece: T): void {
  const list = cache.get(source);
  if (list) list.push(piece);
  else cache.set(source, [piece]);
}

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

/** A copy of a piece's text that does not point into the text it was cut from. */
function ownCopy(source: string): string {
  return (' ' + source).slice(1);
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

function parseEntry(source: string): ParsedEntry | undefined {
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
    source: ownCopy(source),
    docRange: [...doc.range],
    containerRange: [...map.range],
    base: 0,
    container: map as YAMLMap.Parsed,
    pair,
    key,
    keyValue,
    value: value[key],
  };
}

function parseItem(source: string): { item: ParsedItem; node: ParsedNode | null } | undefined {
  const parsed = parsePiece(source);
  if (!parsed) return undefined;
  const { doc, value } = parsed;
  const seq = doc.contents;
  if (!isSeq(seq) || seq.flow || seq.items.length !== 1 || !Array.isArray(value) || value.length !== 1) {
    return undefined;
  }
  const node = (seq.items[0] ?? null) as ParsedNode | null;
  const folds: number[] = [];
  collectItemFolds(node, (start, end) => folds.push(start, end));
  const item: ParsedItem = {
    kind: 'item',
    source: ownCopy(source),
    docRange: [...doc.range],
    containerRange: [...seq.range],
    base: 0,
    value: value[0],
    spans: SpanTable.of(node),
    folds: Int32Array.from(folds),
  };
  return { item, node };
}

/** Assembles the pieces into one document, or undefined when they do not make one (a repeated key). */
function compose(
  text: string,
  layout: readonly Segment[],
  pieces: readonly ParsedSegment[],
  itemNode: (item: ParsedItem) => ParsedNode | null,
): ParsedDocument | undefined {
  const doc = new Document(undefined, PARSE_OPTIONS) as unknown as Document.Parsed;
  const root = new YAMLMap<ParsedNode, ParsedNode | null>(doc.schema);
  const value: Record<string, unknown> = {};
  const keyValues = new Set<unknown>();
  let i = 0;
  while (i < pieces.length) {
    const entry = pieces[i];
    if (entry?.kind !== 'entry' || keyValues.has(entry.keyValue)) return undefined;
    keyValues.add(entry.keyValue);
    const segment = layout[i] as Segment;
    i++;
    if (segment.kind !== 'entry' || segment.list === undefined) {
      root.items.push(entry.pair);
      value[entry.key] = entry.value;
      continue;
    }
    const items = collectItems(pieces, i);
    i += items.length;
    const first = items[0] as ParsedItem;
    const last = items[items.length - 1] as ParsedItem;
    const seq = new YAMLSeq<ParsedNode | null>(doc.schema);
    const source = lazySource(items, itemNode);
    seq.items = lazyItems(source);
    registerLazyList(seq, source);
    seq.range = [
      absolute(first.containerRange, first)[0],
      ...absolute(last.containerRange, last).slice(1),
    ] as NodeRange;
    root.items.push(new Pair(entry.pair.key, seq as unknown as ParsedNode));
    value[entry.key] = items.map((item) => item.value);
  }
  const first = pieces[0];
  const last = pieces[pieces.length - 1];
  if (!first || !last) return undefined;
  // A block map ends where its last value's node ends (comments included); the last piece's own
  // top-level node is that value when it is an item, and the root map itself when it is an entry.
  const lastContainer = absolute(last.containerRange, last);
  const end = last.kind === 'item' ? lastContainer[2] : lastContainer[1];
  root.range = [absolute(first.containerRange, first)[0], end, lastContainer[2]];
  doc.contents = root as unknown as Document.Parsed['contents'];
  const lastDoc = absolute(last.docRange, last);
  doc.range = [absolute(first.docRange, first)[0], lastDoc[1], lastDoc[2]];
  return { text, lines: new LineIndex(text), yaml: doc, value, syntaxDiagnostics: [] };
}

/** The items of one list, from `from` up to the next entry. */
function collectItems(pieces: readonly ParsedSegment[], from: number): ParsedItem[] {
  const items: ParsedItem[] = [];
  for (let i = from; i < pieces.length; i++) {
    const piece = pieces[i];
    if (piece?.kind !== 'item') break;
    items.push(piece);
  }
  // The scanner only marks a list key when at least one item follows it.
  if (items.length === 0) throw new Error('a segmented list without items');
  return items;
}

/** What a lazy list needs of its items: their nodes on demand, their positions and folds now. */
function lazySource(items: readonly ParsedItem[], itemNode: (item: ParsedItem) => ParsedNode | null): LazyItemSource {
  return {
    count: items.length,
    node: (index) => itemNode(items[index] as ParsedItem),
    candidatesAt(offset) {
      // The last item starting at or before `offset`, and the one before it (node ranges include their end).
      let low = 0;
      let high = items.length - 1;
      let found = -1;
      while (low <= high) {
        const mid = (low + high) >> 1;
        const item = items[mid] as ParsedItem;
        if (item.base + item.containerRange[0] <= offset) {
          found = mid;
          low = mid + 1;
        } else {
          high = mid - 1;
        }
      }
      return [found - 1, found].filter((i) => i >= 0 && items[i]?.spans.rootRange(0) !== undefined);
    },
    spansOf(index) {
      const item = items[index] as ParsedItem;
      return { table: item.spans, base: item.base };
    },
    forEachFold(add: FoldSink) {
      for (const item of items) {
        const { folds, base } = item;
        for (let f = 0; f < folds.length; f += 2) add(base + (folds[f] as number), base + (folds[f + 1] as number));
      }
    },
  };
}

function absolute(range: RelativeRange, piece: ParsedPiece): NodeRange {
  return [range[0] + piece.base, range[1] + piece.base, range[2] + piece.base];
}

/** Places an entry at `base`, moving its nodes' ranges with it. */
function shiftEntry(entry: ParsedEntry, base: number): void {
  const delta = base - entry.base;
  if (delta === 0) return;
  entry.base = base;
  shiftNode(entry.container, delta);
}

function shiftNode(node: unknown, delta: number): void {
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
