/** Where the cursor is in the YAML: the path of the node under it (hover, code actions). */
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { findItemIndex } from '../document/lazyList';
import type { Path } from '../document/parse';

export interface NodeAtCursor {
  readonly path: Path;
  /** True when the cursor is on a map key (path ends with that key). */
  readonly onKey: boolean;
  /** The scalar under the cursor, if any. */
  readonly scalar?: unknown;
  /** Source offsets of the key or value under the cursor. */
  readonly span?: { readonly start: number; readonly end: number };
}

function rangeOf(node: unknown): [number, number] | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? [range[0], range[1]] : undefined;
}

const within = (range: [number, number] | undefined, offset: number): range is [number, number] =>
  range !== undefined && range[0] <= offset && offset <= range[1];

/** The deepest key or value that contains `offset` in a parsed YAML document's contents. */
export function nodeAt(contents: unknown, offset: number): NodeAtCursor | undefined {
  let node: unknown = contents;
  const path: (string | number)[] = [];
  for (;;) {
    if (isMap(node)) {
      let next: unknown;
      for (const pair of node.items) {
        const keyRange = rangeOf(pair.key);
        if (within(keyRange, offset) && isScalar(pair.key)) {
          return {
            path: [...path, String(pair.key.value)],
            onKey: true,
            scalar: pair.key.value,
            span: { start: keyRange[0], end: keyRange[1] },
          };
        }
        if (within(rangeOf(pair.value), offset) && isScalar(pair.key)) {
          path.push(String(pair.key.value));
          next = pair.value;
          break;
        }
      }
      if (next === undefined) return within(rangeOf(node), offset) ? { path, onKey: false } : undefined;
      node = next;
    } else if (isSeq(node)) {
      const index = findItemIndex(node, offset, (item) => within(rangeOf(item), offset));
      if (index < 0) return within(rangeOf(node), offset) ? { path, onKey: false } : undefined;
      path.push(index);
      node = node.items[index];
    } else if (isScalar(node)) {
      const range = rangeOf(node);
      return { path, onKey: false, scalar: node.value, ...(range ? { span: { start: range[0], end: range[1] } } : {}) };
    } else {
      return path.length > 0 ? { path, onKey: false } : undefined;
    }
  }
}
