/**
 * The spans an editor can fold: every `key:` entry whose value is a collection (from the key to
 * the end of the value) and every list item that is a collection. Offsets, not lines: the caller
 * trims trailing blank lines and keeps the spans that cover more than one line.
 */
import { isCollection, isDocument, isPair, isSeq, type Document, type Node } from 'yaml';
import { lazyListOf, type FoldSink } from './lazyList';

export type { FoldSink };

/** Every foldable span of a tree: a whole document, or one node (a list item parsed on its own). */
export function collectFolds(root: Document | Node | null, add: FoldSink): void {
  // A plain walk, not `yaml`'s `visit`, which builds a frozen path for every node it passes.
  walk(isDocument(root) ? root.contents : root, add);
}

function walk(node: unknown, add: FoldSink): void {
  if (!isCollection(node)) return;
  // A list whose items are parsed on demand knows their spans without parsing them.
  const lazy = lazyListOf(node);
  if (lazy) {
    lazy.forEachFold(add);
    return;
  }
  const inSeq = isSeq(node);
  for (const item of node.items as unknown[]) {
    if (isPair(item)) {
      const keyRange = (item.key as { range?: [number, number, number] } | null)?.range;
      if (isCollection(item.value) && keyRange && item.value.range) add(keyRange[0], item.value.range[1]);
      walk(item.key, add);
      walk(item.value, add);
    } else {
      if (inSeq && isCollection(item) && item.range) add(item.range[0], item.range[1]);
      walk(item, add);
    }
  }
}
