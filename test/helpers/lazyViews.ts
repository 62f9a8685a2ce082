/**
 * What features read from a parsed document without walking every node: the foldable spans and
 * the node under the cursor. A document parsed piece by piece answers these from its lazy lists;
 * tests compare them with a whole-document parse.
 */
import { collectFolds } from '../../server/src/core/document/folding';
import { locate, type ParsedDocument, type Path, type Target } from '../../server/src/core/document/parse';
import { nodeAt, type NodeAtCursor } from '../../server/src/core/ide/cursor';

/** The foldable spans, sorted (the order they are found in does not matter to an editor). */
export function foldSpans(parsed: ParsedDocument): string[] {
  const spans: string[] = [];
  collectFolds(parsed.yaml, (start, end) => spans.push(`${start}-${end}`));
  return spans.sort();
}

/** The node under the cursor at every `step`-th offset (and the last one). */
export function cursorSamples(parsed: ParsedDocument, step: number): (NodeAtCursor | undefined)[] {
  const samples: (NodeAtCursor | undefined)[] = [];
  for (let offset = 0; offset <= parsed.text.length; offset += step) samples.push(nodeAt(parsed.yaml.contents, offset));
  samples.push(nodeAt(parsed.yaml.contents, parsed.text.length));
  return samples;
}

/**
 * `locate` at every path of the document's value (up to `limit`), plus paths that do not exist
 * below each list item, for every target: what diagnostics, the outline and CodeLens ask for.
 */
export function locateSamples(parsed: ParsedDocument, limit = 1500): string[] {
  const paths: Path[] = [];
  const collect = (value: unknown, path: Path): void => {
    if (paths.length >= limit) return;
    paths.push(path);
    if (Array.isArray(value)) {
      value.forEach((item, i) => collect(item, [...path, i]));
      if (path.length <= 1) paths.push([...path, value.length], [...path, 0, 'missing', 1]);
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, child] of Object.entries(value)) collect(child, [...path, key]);
      if (path.length === 2) paths.push([...path, 'missing'], [...path, 'assignments', 99, 'at'], [...path, 1.5]);
    }
  };
  collect(parsed.value, []);
  const targets: Target[] = ['key', 'value', 'entry'];
  return paths.flatMap((path) =>
    targets.map((target) => {
      const span = locate(parsed, path, target);
      return `${JSON.stringify(path)} ${target} ${span.start}-${span.end}`;
    }),
  );
}
