/** One folding range per block mapping or list that spans more than one line (spans from the core). */
import { collectFolds } from '../document/folding';
import type { ParsedDocument } from '../document/parse';
import type { FoldingSpan as FoldingRange } from './types';

export function foldingRanges(parsed: ParsedDocument): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  const seen = new Set<string>();
  collectFolds(parsed.yaml, (startOffset, endOffset) => {
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
  });
  return ranges.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}
