/**
 * What features read from a parsed document without walking every node: the foldable spans and
 * the node under the cursor. A document parsed piece by piece answers these from its lazy lists;
 * tests compare them with a whole-document parse.
 */
import { collectFolds } from '../../server/src/core/document/folding';
import type { ParsedDocument } from '../../server/src/core/document/parse';
import { nodeAt, type NodeAtCursor } from '../../server/src/languageserver/yamlCursor';

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
