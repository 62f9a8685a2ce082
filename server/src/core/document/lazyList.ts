/**
 * A top-level list (`advertisements:` …) of a document parsed piece by piece, whose items keep
 * their text, value and spans but not their `yaml` node trees: those cost about 11 KB per
 * advertisement, most of a large document's memory. An item's nodes are parsed again when
 * something asks for them (a hover, a quick fix), with a bounded cache; `locate` reads the
 * item's span table instead (diagnostic ranges, the outline, CodeLens).
 *
 * The list's `items` array answers like a plain array (index, length, iteration), so `getIn`,
 * `hasIn` and path walks work unchanged; code that would otherwise touch every item (folding,
 * finding the item under the cursor) asks this module instead.
 */
import type { ParsedNode } from 'yaml';
import type { SpanTable } from './spanTable';

/** Receives one foldable span (start and end offsets of the source). */
export type FoldSink = (start: number, end: number) => void;

export interface LazyItemSource {
  readonly count: number;
  /** The node of item `index` with its absolute ranges (parsed on demand, or cached). */
  node(index: number): ParsedNode | null;
  /** Where the keys and values of item `index` are (offsets relative to `base`), without parsing it. */
  spansOf(index: number): { readonly table: SpanTable; readonly base: number };
  /** The items whose node may contain `offset` (at most two, in list order), found without parsing. */
  candidatesAt(offset: number): number[];
  /** Every foldable span inside the items, including the items themselves. */
  forEachFold(add: FoldSink): void;
}

const lazyLists = new WeakMap<object, LazyItemSource>();
const ARRAY_INDEX = /^(?:0|[1-9]\d*)$/;

/** Makes `seq` a lazy list: its `items` come from `source` on access, and `lazyListOf(seq)` finds `source`. */
export function makeLazyList(seq: { items: (ParsedNode | null)[] }, source: LazyItemSource): void {
  seq.items = lazyItems(source);
  lazyLists.set(seq, source);
}

/** An array-like `items` whose elements are produced by `source` on access. */
function lazyItems(source: LazyItemSource): (ParsedNode | null)[] {
  const index = (property: string | symbol): number | undefined =>
    typeof property === 'string' && ARRAY_INDEX.test(property) ? Number(property) : undefined;
  return new Proxy(new Array<ParsedNode | null>(source.count), {
    get(target, property, receiver) {
      const i = index(property);
      if (i !== undefined) return i < source.count ? source.node(i) : undefined;
      return Reflect.get(target, property, receiver) as unknown;
    },
    has(target, property) {
      const i = index(property);
      return i !== undefined ? i < source.count : Reflect.has(target, property);
    },
    // The composed document is read-only: edits are made to the text.
    set: () => false,
    defineProperty: () => false,
    deleteProperty: () => false,
  });
}

/** The lazy source behind a list, if it is one. */
export function lazyListOf(seq: unknown): LazyItemSource | undefined {
  return typeof seq === 'object' && seq !== null ? lazyLists.get(seq) : undefined;
}

/** The index of the first item of `items` that `contains`, touching only likely items of a lazy list. */
export function findItemIndex(
  seq: { readonly items: readonly unknown[] },
  offset: number,
  contains: (item: unknown) => boolean,
): number {
  const lazy = lazyListOf(seq);
  if (!lazy) return seq.items.findIndex(contains);
  return lazy.candidatesAt(offset).find((i) => contains(lazy.node(i))) ?? -1;
}
