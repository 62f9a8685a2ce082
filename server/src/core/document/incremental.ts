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
import type { ParsedNode } from 'yaml';
import { compose } from './compose';
import { BracketFold, bracketSummary } from './bracketDepth';
import { MAX_FLOW_DEPTH, parseText, type ParsedDocument } from './parse';
import {
  itemNodeOf,
  parseEntry,
  parseItem,
  shiftEntry,
  shiftNode,
  type ParsedEntry,
  type ParsedItem,
  type ParsedPiece,
  type ParsedSegment,
} from './pieces';
import { scanSegments, type Segment } from './segments';
import { finish, type Work } from '../work/steps';

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
    return finish(this.parseSteps(text));
  }

  /**
   * `parse` in steps, one per new piece. Abandoned part way (`return()`), it keeps the pieces of
   * both versions as a failed parse does, so the next call still finds them.
   */
  *parseSteps(text: string): Work<ParsedDocument> {
    this.mode = 'whole';
    // Absurd nesting is reported by the whole-text parse; so are control characters, which
    // `parsePiece` looks for in each new piece (the pieces tile the text). Nesting is checked
    // piece by piece, new pieces before they are parsed (see bracketDepth.ts).
    const layout = scanSegments(text);
    if (!layout) return parseText(text);
    const nextEntries = new Map<string, ParsedEntry[]>();
    const nextItems = new Map<string, ParsedItem[]>();
    const pieces: ParsedSegment[] = [];
    const nesting = new BracketFold(MAX_FLOW_DEPTH);
    let settled = false;
    try {
      for (const [index, segment] of layout.entries()) {
        const piece = this.piece(text, segment, nextEntries, nextItems, nesting);
        if (!piece) {
          // Keep what was parsed for the next version (typing often breaks the YAML for a moment).
          this.keepBoth(nextEntries, nextItems, layout.length);
          settled = true;
          return parseText(text);
        }
        pieces.push(piece);
        yield { stage: 'parsing', done: index + 1, total: layout.length };
      }
      this.entries = nextEntries;
      this.items = nextItems;
      settled = true;
    } finally {
      if (!settled) this.keepBoth(nextEntries, nextItems, layout.length);
    }
    const composed = compose(text, layout, pieces, (item) => this.itemNode(item));
    if (!composed) return parseText(text);
    this.mode = 'pieces';
    return composed;
  }

  /** The piece of `segment`: reused or parsed; undefined when it does not parse or nests too deeply. */
  private piece(
    text: string,
    segment: Segment,
    nextEntries: Map<string, ParsedEntry[]>,
    nextItems: Map<string, ParsedItem[]>,
    nesting: BracketFold,
  ): ParsedSegment | undefined {
    const source = text.slice(segment.start, segment.end);
    if (segment.kind === 'entry') {
      const entry = reuseOrParse(this.entries, source, nesting, parseEntry);
      if (!entry) return undefined;
      shiftEntry(entry, segment.start);
      put(nextEntries, entry.source, entry);
      return entry;
    }
    // A new item's nodes are dropped at once: kept, they would outlive the young generation and
    // pile up as old garbage while a large document is parsed (a lookup parses the item again).
    const item = reuseOrParse(this.items, source, nesting, parseItem);
    if (!item) return undefined;
    item.base = segment.start;
    put(nextItems, item.source, item);
    return item;
  }

  /** An item's node with ranges for where the item is now: cached, or parsed again. */
  private itemNode(item: ParsedItem): ParsedNode | null {
    let tree = item.tree;
    if (!tree) {
      tree = { node: itemNodeOf(item.source), base: 0 };
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

/**
 * The piece of `source`: the last version's if there is one, else parsed; undefined when it does
 * not parse or takes the nesting past its limit (checked before a new piece is parsed).
 */
function reuseOrParse<T extends ParsedPiece>(
  cache: Map<string, T[]>,
  source: string,
  nesting: BracketFold,
  parse: (source: string) => T | undefined,
): T | undefined {
  const reused = take(cache, source);
  const brackets = reused?.brackets ?? bracketSummary(source);
  if (!nesting.add(brackets)) return undefined;
  const piece = reused ?? parse(source);
  if (piece) piece.brackets = brackets;
  return piece;
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
