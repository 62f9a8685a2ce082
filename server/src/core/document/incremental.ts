/**
 * Parsing a text piece by piece (see `segments.ts`) and keeping the pieces between versions, so
 * that an edit re-parses only the pieces whose text changed. The result is a `ParsedDocument`
 * equal to `parseText` of the same text: the same value, no syntax errors, and one `yaml`
 * Document whose nodes carry the same absolute ranges (the unchanged pieces' nodes are reused,
 * their ranges shifted to where the piece now starts).
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
import {
  firstControlCharacter,
  tooDeeplyNested,
  MAX_ALIAS_COUNT,
  PARSE_OPTIONS,
  parseText,
  type ParsedDocument,
} from './parse';
import { scanSegments, type Segment } from './segments';

/** One piece parsed on its own; its nodes' ranges are absolute for a piece starting at `base`. */
interface ParsedPiece {
  /** The piece's text, as the cache key (a copy: a slice would keep the whole version's text alive). */
  readonly source: string;
  /** The range of the piece's own document (its contents, then its trailing comments). */
  readonly docRange: NodeRange;
  /** The piece's own top-level node: a one-pair map (entry) or a one-item list (item). */
  readonly container: YAMLMap.Parsed | YAMLSeq.Parsed;
  base: number;
}

interface ParsedEntry extends ParsedPiece {
  readonly kind: 'entry';
  readonly pair: Pair<ParsedNode, ParsedNode | null>;
  /** The key as `toJS` spells it (a property name of the document value). */
  readonly key: string;
  /** The key scalar's value, for the unique-keys check. */
  readonly keyValue: unknown;
  readonly value: unknown;
}

interface ParsedItem extends ParsedPiece {
  readonly kind: 'item';
  readonly node: ParsedNode | null;
  readonly value: unknown;
}

type ParsedSegment = ParsedEntry | ParsedItem;

/** Parses pieces, keeping those of the last version by their text. */
export class IncrementalParser {
  private entries = new Map<string, ParsedEntry[]>();
  private items = new Map<string, ParsedItem[]>();
  private mode: 'pieces' | 'whole' = 'whole';

  /** How the last `parse` went: piece by piece, or one whole-document parse (the fallback). */
  get lastMode(): 'pieces' | 'whole' {
    return this.mode;
  }

  /** Same result as `parseText(text)`; unchanged pieces of the previous call are reused. */
  parse(text: string): ParsedDocument {
    this.mode = 'whole';
    // Control characters and absurd nesting are reported by the whole-text parse.
    const plain = firstControlCharacter(text) === undefined && tooDeeplyNested(text) === undefined;
    const layout = plain ? scanSegments(text) : undefined;
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
    const composed = compose(text, layout, pieces);
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
    const piece =
      segment.kind === 'entry'
        ? (take(this.entries, source) ?? parseEntry(source))
        : (take(this.items, source) ?? parseItem(source));
    if (!piece) return undefined;
    shiftPiece(piece, segment.start - piece.base);
    if (piece.kind === 'entry') put(nextEntries, piece.source, piece);
    else put(nextItems, piece.source, piece);
    return piece;
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
  const container = map as YAMLMap.Parsed;
  const piece = { source: ownCopy(source), docRange: doc.range, container, base: 0 };
  return { kind: 'entry', ...piece, pair, key, keyValue, value: value[key] };
}

function parseItem(source: string): ParsedItem | undefined {
  const parsed = parsePiece(source);
  if (!parsed) return undefined;
  const { doc, value } = parsed;
  const seq = doc.contents;
  if (!isSeq(seq) || seq.flow || seq.items.length !== 1 || !Array.isArray(value) || value.length !== 1) {
    return undefined;
  }
  const node = (seq.items[0] ?? null) as ParsedNode | null;
  const piece = { source: ownCopy(source), docRange: doc.range, container: seq as YAMLSeq.Parsed, base: 0 };
  return { kind: 'item', ...piece, node, value: value[0] };
}

/** Assembles the pieces into one document, or undefined when they do not make one (a repeated key). */
function compose(
  text: string,
  layout: readonly Segment[],
  pieces: readonly ParsedSegment[],
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
    const list = collectItems(pieces, i);
    i += list.nodes.length;
    const seq = new YAMLSeq<ParsedNode | null>(doc.schema);
    seq.items = list.nodes;
    seq.range = [list.first.container.range[0], list.last.container.range[1], list.last.container.range[2]];
    root.items.push(new Pair(entry.pair.key, seq as unknown as ParsedNode));
    value[entry.key] = list.values;
  }
  const first = pieces[0];
  const last = pieces[pieces.length - 1];
  if (!first || !last) return undefined;
  // A block map ends where its last value's node ends (comments included); the last piece's own
  // top-level node is that value when it is an item, and the root map itself when it is an entry.
  const end = last.kind === 'item' ? last.container.range[2] : last.container.range[1];
  root.range = [first.container.range[0], end, last.container.range[2]];
  doc.contents = root as unknown as Document.Parsed['contents'];
  doc.range = [first.docRange[0], last.docRange[1], last.docRange[2]];
  return { text, lines: new LineIndex(text), yaml: doc, value, syntaxDiagnostics: [] };
}

function collectItems(
  pieces: readonly ParsedSegment[],
  from: number,
): { nodes: (ParsedNode | null)[]; values: unknown[]; first: ParsedItem; last: ParsedItem } {
  const nodes: (ParsedNode | null)[] = [];
  const values: unknown[] = [];
  let first: ParsedItem | undefined;
  let last: ParsedItem | undefined;
  for (let i = from; i < pieces.length; i++) {
    const piece = pieces[i];
    if (piece?.kind !== 'item') break;
    first ??= piece;
    last = piece;
    nodes.push(piece.node);
    values.push(piece.value);
  }
  // The scanner only marks a list key when at least one item follows it.
  if (!first || !last) throw new Error('a segmented list without items');
  return { nodes, values, first, last };
}

/** Moves every range of a piece by `delta` characters. */
function shiftPiece(piece: ParsedSegment, delta: number): void {
  if (delta === 0) return;
  piece.base += delta;
  shiftRange(piece.docRange, delta);
  shiftNode(piece.container, delta);
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
