/**
 * The spans an editor can fold: every `key:` entry whose value is a multi-line collection (from
 * the key to the end of the value) and every list item that is a collection. Offsets, not lines:
 * the caller trims trailing blank lines and keeps the spans that cover more than one line.
 */
import { isCollection, isPair, visit, type Document, type Node } from 'yaml';
import { lazyListOf, type FoldSink } from './lazyList';

export type { FoldSink };

/** Every foldable span of a tree: a whole document, or one node (a list item parsed on its own). */
export function collectFolds(root: Document | Node, add: FoldSink): void {
  visit(root, {
    Pair(_key, pair) {
      if (!isPair(pair) || !isCollection(pair.value)) return;
      const keyRange = (pair.key as { range?: [number, number, number] } | null)?.range;
      const valueRange = pair.value.range;
      if (keyRange && valueRange) add(keyRange[0], valueRange[1]);
    },
    Seq(_key, seq) {
      // A list whose items are parsed on demand knows their spans without parsing them.
      const lazy = lazyListOf(seq);
      if (lazy) {
        lazy.forEachFold(add);
        return visit.SKIP;
      }
      for (const item of seq.items) if (isCollection(item) && item.range) add(item.range[0], item.range[1]);
      return undefined;
    },
  });
}

/** The foldable spans of a list item parsed on its own: the item itself when it is a collection, then its inside. */
export function collectItemFolds(item: Node | null, add: FoldSink): void {
  if (!item) return;
  if (isCollection(item) && item.range) add(item.range[0], item.range[1]);
  collectFolds(item, add);
}
