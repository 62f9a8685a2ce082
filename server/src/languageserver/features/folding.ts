/** One folding range per block mapping or list that spans more than one line. */
import { isCollection, isPair, visit } from 'yaml';
import type { FoldingRange } from 'vscode-languageserver';
import type { ParsedDocument } from '../../core/document/parse';

export function foldingRanges(parsed: ParsedDocument): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  const seen = new Set<string>();
  visit(parsed.yaml, {
    Pair(_key, pair) {
      // Fold a `key:` entry from its key line to the end of its (multi-line) value.
      if (!isPair(pair) || !isCollection(pair.value)) return;
      const keyRange = (pair.key as { range?: [number, number, number] } | null)?.range;
      const valueRange = pair.value.range;
      if (!keyRange || !valueRange) return;
      add(keyRange[0], valueRange[1]);
    },
    Seq(_key, seq) {
      for (const item of seq.items) if (isCollection(item) && item.range) add(item.range[0], item.range[1]);
    },
  });
  return ranges.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);

  function add(startOffset: number, endOffset: number): void {
    // Block nodes end after their trailing newline; fold up to the last character of content.
    let end = endOffset;
    while (end > startOffset && /\s/.test(parsed.text.charAt(end - 1))) end--;
    const startLine = parsed.lines.positionAt(startOffset).line;
    const endLine = parsed.lines.positionAt(end).line;
    const key = `${startLine}:${endLine}`;
    if (endLine > startLine && !seen.has(key)) {
      seen.add(key);
      ranges.push({ startLine, endLine });
    }
  }
}
