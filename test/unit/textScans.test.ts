/** The whole-text scans every version goes through, against plain character-by-character references. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { BracketFold, bracketSummary } from '../../server/src/core/document/bracketDepth';
import { MAX_FLOW_DEPTH, tooDeeplyNested } from '../../server/src/core/document/parse';
import { LineIndex } from '../../server/src/core/text/lineIndex';

/** Texts made of the characters that matter here, with runs long enough to nest deeply. */
const text = (alphabet: string[]) =>
  fc
    .array(
      fc.oneof(
        fc.constantFrom(...alphabet),
        fc.constantFrom(...alphabet).map((c) => c.repeat(300)),
      ),
      {
        maxLength: 60,
      },
    )
    .map((parts) => parts.join(''));

function referenceLineStarts(source: string): number[] {
  const starts = [0];
  for (let i = 0; i < source.length; i++) {
    if (source[i] === '\r' && source[i + 1] === '\n') i++;
    if (source[i] === '\r' || source[i] === '\n') starts.push(i + 1);
  }
  return starts;
}

test('line positions agree with a reference for \\n, \\r\\n and lone \\r', () => {
  fc.assert(
    fc.property(text(['a', 'é', '\n', '\r', '\r\n', ' ']), (source) => {
      const index = new LineIndex(source);
      const starts = referenceLineStarts(source);
      assert.equal(index.lineCount, starts.length);
      for (let offset = 0; offset <= source.length; offset++) {
        let line = 0;
        while (line + 1 < starts.length && (starts[line + 1] as number) <= offset) line++;
        assert.deepEqual(index.positionAt(offset), { line, character: offset - (starts[line] as number) });
      }
    }),
    { numRuns: 300 },
  );
});

function referenceDeepNesting(source: string, limit = MAX_FLOW_DEPTH): number | undefined {
  let depth = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '[' || c === '{') {
      if (++depth > limit) return i;
    } else if ((c === ']' || c === '}') && depth > 0) {
      depth--;
    }
  }
  return undefined;
}

test('too-deep flow nesting is found where a character-by-character count finds it', () => {
  fc.assert(
    fc.property(text(['[', '{', ']', '}', 'a', '\n']), (source) => {
      assert.equal(tooDeeplyNested(source), referenceDeepNesting(source));
    }),
    { numRuns: 500 },
  );
  const deep = 'x: ' + '['.repeat(MAX_FLOW_DEPTH + 1);
  assert.equal(tooDeeplyNested(deep), 3 + MAX_FLOW_DEPTH);
  assert.equal(tooDeeplyNested('x: ' + '[]'.repeat(10_000)), undefined);
});

test('summaries of pieces, folded in order, say what the walk over the whole text says, at any cuts', () => {
  const cutText = fc.tuple(
    text(['[', '{', ']', '}', 'a']),
    fc.array(fc.nat(), { maxLength: 12 }),
    fc.integer({ min: 0, max: 900 }),
  );
  fc.assert(
    fc.property(cutText, ([source, cuts, limit]) => {
      const at = [...new Set(cuts.map((c) => c % (source.length + 1)))].sort((a, b) => a - b);
      const bounds = [0, ...at, source.length];
      const fold = new BracketFold(limit);
      let deep = false;
      for (let i = 0; i + 1 < bounds.length && !deep; i++) {
        deep = !fold.add(bracketSummary(source.slice(bounds[i], bounds[i + 1])));
      }
      assert.equal(deep, referenceDeepNesting(source, limit) !== undefined, JSON.stringify({ limit, at }));
    }),
    { numRuns: 2000 },
  );
  // Closings first, openings in two pieces: neither piece alone is too deep, together they are.
  const fold = new BracketFold(4);
  assert.equal(fold.add(bracketSummary(']]][[[')), true);
  assert.equal(fold.add(bracketSummary('a[[')), false);
});
