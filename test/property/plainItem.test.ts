/**
 * The plain-block reader (`plainItem.ts`) must give exactly what `yaml` gives for every list item
 * it accepts — value, spans, folds and ranges — and give up on everything else. Checked on the
 * items of generated documents and the examples, on random items written from a grammar full of
 * the shapes it must refuse, and on random one-character mutations of those.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { generateDocument } from '../../bench/generate';
import { parseItem, parseItemByYaml } from '../../server/src/core/document/pieces';
import { readPlainItem } from '../../server/src/core/document/plainItem';
import { scanSegments } from '../../server/src/core/document/segments';

const EXAMPLES = join(__dirname, '..', '..', 'examples');

/** Compares the reader with `yaml` on one piece; returns whether the reader accepted it. */
function agrees(source: string): boolean {
  const plain = readPlainItem(source);
  if (plain === undefined) return false;
  const byYaml = parseItemByYaml(source);
  assert.ok(byYaml, `the reader accepted what yaml refuses: ${JSON.stringify(source)}`);
  const { tree, ...expected } = byYaml;
  assert.equal(tree, undefined);
  assert.deepStrictEqual(parseItem(source), expected, JSON.stringify(source));
  return true;
}

function itemsOf(text: string): string[] {
  const segments = scanSegments(text);
  assert.ok(segments, 'the document is cut into pieces');
  return segments.filter((s) => s.kind === 'item').map((s) => text.slice(s.start, s.end));
}

test('every item of generated documents and of the examples: the reader agrees with yaml', () => {
  const texts = [
    generateDocument({ advertisements: 300, days: 365 }).text,
    generateDocument({ advertisements: 300, days: 365, seed: 7 }).text,
    ...readdirSync(EXAMPLES)
      .filter((name) => name.endsWith('.sms.yaml'))
      .map((name) => readFileSync(join(EXAMPLES, name), 'utf8')),
  ];
  let items = 0;
  let accepted = 0;
  for (const text of texts) {
    for (const item of itemsOf(text)) {
      items++;
      if (agrees(item)) accepted++;
    }
  }
  // The reader exists for these files: nearly every item must take the fast path.
  assert.ok(accepted >= items * 0.98, `${accepted} of ${items} items read without yaml`);
});

/** Keys and scalars the reader handles itself, and ones it must leave to yaml (or read as yaml does). */
const PLAIN_KEYS = ['id', 'a', 'x-y', '_k', 'K1', 'every', 'constructor', 'toString'];
const TRICKY_KEYS = ['true', 'null', 'Null', 'a b', '"q"', "'q'", '__proto__', '1', 'a.b', '? k', 'k:x', 'é', '-', ''];
const PLAIN_SCALARS = [
  'word',
  'two words',
  'Deploy PKG00100 to S010002A (0)',
  '0',
  '5',
  '1234567890123456',
  'true',
  'false',
  'yes',
  'on',
  '2001-07-15T12:30',
  '12:30',
  'a:b',
  'x #c',
  'x#c',
  'http://x/y?z',
  '"quoted"',
  '"with # hash"',
  "'single'",
  '""',
  "''",
  '[a, b]',
  '[a,b, 1]',
  '[]',
  '{}',
  '{ a: 1 }',
  '{a: 2001-01-01T00:00, b: x}',
  'é ü',
  '...',
  '---',
];
const TRICKY_SCALARS = [
  '007',
  '-3',
  '+4',
  '1.5',
  '1e3',
  '0x1F',
  '0o17',
  '.inf',
  '-.Inf',
  '.nan',
  '~',
  'null',
  'NULL',
  'True',
  'FALSE',
  'a: b',
  'ends:',
  "'it''s'",
  '"esc\\n"',
  '"open',
  '[ ]',
  '{ a: 1, }',
  '{ a: 1, a: 2 }',
  '{ a: [1] }',
  '{ a:1 }',
  '[a, {b: c}]',
  '&anchor x',
  '*alias',
  '!tag x',
  '!!str 5',
  '|',
  '>-',
  '- x',
  '-x',
  '? x',
  ', x',
  '%x',
  '@x',
  '`x',
  'a\u2028b',
  'a\u0085b',
  'a\tb',
  '',
];

/** Mostly what the reader handles, now and then something it must refuse. */
function mostlyPlain(plain: readonly string[], tricky: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...plain), weight: 12 },
    { arbitrary: fc.constantFrom(...tricky), weight: 1 },
  );
}

/** A value: on the key's line, or a block of lines at a given indent. */
type Value = { readonly inline: string } | { readonly block: (indent: number) => string[] };

const comment = fc.constantFrom('# note', '#', '# a: b', '#- x');
const spaces = fc.constantFrom('', ' ', '  ');

/** A one-line value, maybe with trailing spaces and a comment. */
const lineValue = fc
  .tuple(mostlyPlain(PLAIN_SCALARS, TRICKY_SCALARS), spaces, fc.option(comment, { nil: undefined, freq: 6 }))
  .map(([value, trailing, note]): Value => ({ inline: `${value}${trailing}${note === undefined ? '' : ` ${note}`}` }));

/** Maps and lists nested up to `depth` levels, with keys that are and are not plain words. */
function nested(depth: number): fc.Arbitrary<Value> {
  if (depth <= 0) return lineValue;
  const value = fc.oneof({ arbitrary: lineValue, weight: 3 }, { arbitrary: nested(depth - 1), weight: 1 });
  const entry = fc.tuple(mostlyPlain(PLAIN_KEYS, TRICKY_KEYS), value, fc.constantFrom(2, 2, 1, 3));
  const map = fc.array(entry, { minLength: 1, maxLength: 4 }).map((entries): Value => ({
    block: (indent) =>
      entries.flatMap(([key, value, deeper]) =>
        'inline' in value
          ? [`${' '.repeat(indent)}${key}: ${value.inline}`]
          : [`${' '.repeat(indent)}${key}:`, ...value.block(indent + deeper)],
      ),
  }));
  const list = fc.array(value, { minLength: 1, maxLength: 3 }).map((items): Value => ({
    block: (indent) => items.flatMap((item) => listItem(item, indent)),
  }));
  return fc.oneof({ arbitrary: map, weight: 2 }, { arbitrary: list, weight: 1 });
}

/** `- value` at `indent`: a one-line value, or a block whose first line follows the dash. */
function listItem(value: Value, indent: number): string[] {
  if ('inline' in value) return [`${' '.repeat(indent)}- ${value.inline}`];
  const lines = value.block(indent + 2);
  return [`${' '.repeat(indent)}- ${lines[0]!.slice(indent + 2)}`, ...lines.slice(1)];
}

/** Lines around the item: blank or comment lines at various indents. */
const aroundLines = fc.array(
  fc
    .tuple(fc.constantFrom(0, 2, 4, 6), fc.option(comment, { nil: undefined, freq: 2 }))
    .map(([indent, note]) => (note === undefined ? ' '.repeat(indent % 3) : `${' '.repeat(indent)}${note}`)),
  { maxLength: 2 },
);

const item = fc
  .tuple(aroundLines, fc.constantFrom(0, 2, 4), nested(3), aroundLines, fc.boolean())
  .map(([before, dash, value, after, finalNewline]) => {
    const text = [...before, ...listItem(value, dash), ...after].join('\n');
    return finalNewline ? `${text}\n` : text;
  });

/** Checks the reader against yaml on `runs` samples; returns how many it accepted and how many there were. */
function acceptance(sources: fc.Arbitrary<string>, runs: number, seed: number): { accepted: number; total: number } {
  let accepted = 0;
  let total = 0;
  fc.assert(
    fc.property(sources, (source) => {
      total++;
      if (agrees(source)) accepted++;
    }),
    { numRuns: Number(process.env.PLAIN_RUNS ?? runs), seed: Number(process.env.PLAIN_SEED ?? seed) },
  );
  return { accepted, total };
}

test('random items from a grammar: accepted ones equal yaml, many are accepted', () => {
  const { accepted, total } = acceptance(item, 3000, 20261201);
  assert.ok(accepted >= total * 0.05, `only ${accepted} of ${total} random items were read without yaml`);
});

/** Characters that change structure (and two the reader always refuses). */
const MUTATION_ALPHABET = [...' \n:#-"\'{}[],a1.&*!|\t\r'];

test('one-character mutations of random items: accepted ones equal yaml', () => {
  const mutated = fc
    .tuple(item, fc.nat(), fc.constantFrom('insert', 'delete', 'replace'), fc.constantFrom(...MUTATION_ALPHABET))
    .map(([source, at, kind, char]) => {
      const i = source.length === 0 ? 0 : at % source.length;
      if (kind === 'insert') return source.slice(0, i) + char + source.slice(i);
      if (kind === 'delete') return source.slice(0, i) + source.slice(i + 1);
      return source.slice(0, i) + char + source.slice(i + 1);
    });
  const { accepted, total } = acceptance(mutated, 4000, 1201);
  assert.ok(accepted >= total * 0.02, `only ${accepted} of ${total} mutated items were read without yaml`);
});

test('limits: keys up to 1,024 characters and a few dozen levels are read, beyond them yaml decides', () => {
  assert.equal(agrees(`- ${'k'.repeat(1024)}: 1\n`), true);
  assert.equal(readPlainItem(`- ${'k'.repeat(1025)}: 1\n`), undefined);
  assert.equal(readPlainItem(`- a: { ${'k'.repeat(1025)}: 1 }\n`), undefined);
  const nested = (levels: number): string =>
    ['- k0:', ...Array.from({ length: levels }, (_, i) => `${' '.repeat(2 * i + 4)}k${i + 1}:`)].join('\n') +
    `\n${' '.repeat(2 * levels + 4)}x: 1\n`;
  assert.equal(agrees(nested(40)), true);
  assert.equal(readPlainItem(nested(3000)), undefined);
});
