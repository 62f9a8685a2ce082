/**
 * The parsed pieces of one text assembled into the one `yaml` Document a whole parse would give:
 * top-level entries with their nodes, and each list's items behind a lazy `items` array.
 */
import { Document, Pair, YAMLMap, YAMLSeq, type ParsedNode, type Range as NodeRange } from 'yaml';
import { LineIndex } from '../text/lineIndex';
import { makeLazyList, type FoldSink, type LazyItemSource } from './lazyList';
import { PARSE_OPTIONS, type ParsedDocument } from './parse';
import type { ParsedItem, ParsedPiece, ParsedSegment, RelativeRange } from './pieces';
import type { Segment } from './segments';

/** Assembles the pieces into one document, or undefined when they do not make one (a repeated key). */
export function compose(
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
    makeLazyList(seq, source);
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
      for (const item of items) item.spans.forEachFold(item.base, add);
    },
  };
}

function absolute(range: RelativeRange, piece: ParsedPiece): NodeRange {
  return [range[0] + piece.base, range[1] + piece.base, range[2] + piece.base];
}
