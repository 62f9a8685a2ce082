/**
 * Span tables (`spanTable.ts`) keep each list item's key and value ranges in 16-bit cells when
 * they fit, 32-bit otherwise, with map keys numbered in one shared table up to a bound and kept
 * per table beyond it. Each shape is checked against a whole-document parse: `locate` at every
 * path and the folding spans.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IncrementalParser } from '../../server/src/core/document/incremental';
import { parseText } from '../../server/src/core/document/parse';
import { foldSpans, locateSamples } from '../helpers/lazyViews';

function assertLikeWhole(text: string, limit: number): void {
  const parser = new IncrementalParser();
  const pieces = parser.parse(text);
  assert.equal(parser.lastMode, 'pieces', 'the document is read piece by piece');
  const whole = parseText(text);
  assert.deepEqual(locateSamples(pieces, limit), locateSamples(whole, limit));
  assert.deepEqual(foldSpans(pieces), foldSpans(whole));
}

const item = (id: string, body: string[]): string => [`  - id: ${id}`, ...body.map((line) => `    ${line}`)].join('\n');

test('long lists inside an item: every element is found by its index', () => {
  const assignments = Array.from({ length: 120 }, (_, i) => [
    `  - at: 2001-01-01T00:${String(i % 60).padStart(2, '0')}`,
    `    n: ${i}`,
  ]);
  const text = ['advertisements:', item('A', ['assignments:', ...assignments.flat()]), item('B', ['x: 1']), ''].join(
    '\n',
  );
  assertLikeWhole(text, 5000);
});

test('an item longer than 64 KB: offsets past 16 bits', () => {
  const text = [
    'advertisements:',
    item('A', ['x: 1']),
    item('B', [`name: ${'n'.repeat(70_000)}`, 'nested:', '  deep: [1, 2]', '  list:', '    - a: 1']),
    '',
  ].join('\n');
  assertLikeWhole(text, 5000);
});

test('more distinct keys than the shared table holds: the rest are kept per table', () => {
  const keys = Array.from({ length: 5000 }, (_, i) => `key${i}x${(i * 7919) % 10007}: ${i}`);
  const text = [
    'advertisements:',
    item('A', keys.slice(0, 2500)),
    item('B', ['sub:', ...keys.slice(2500).map((k) => `  ${k}`)]),
    '',
  ].join('\n');
  assertLikeWhole(text, 6000);
});
