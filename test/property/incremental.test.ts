/**
 * The incremental pipeline (pieces kept between versions, memoised item checks, cached engine
 * results) must give exactly what a full run gives, after every edit of a random sequence:
 * character and line edits that break and restore the YAML, change indentation, add and remove
 * list items, and rename ids that other items refer to.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { isMap, isScalar, isSeq } from 'yaml';
import { generateDocument } from '../../bench/generate';
import { analyzeValidation, IncrementalAnalyzer, validateText, type Validation } from '../../server/src/core/analyze';
import { simulate } from '../../server/src/core/engine/simulate';
import type { SimulationOptions } from '../../server/src/core/engine/types';
import { SimulationCache } from '../../server/src/core/findings/simulationCache';
import { cursorSamples, foldSpans, locateSamples } from '../helpers/lazyViews';
import { plainSimulation } from '../helpers/findings';

const EXAMPLES = join(__dirname, '..', '..', 'examples');
const examples = readdirSync(EXAMPLES)
  .filter((name) => name.endsWith('.sms.yaml'))
  .map((name) => readFileSync(join(EXAMPLES, name), 'utf8'));

/** Shapes the generator does not write: comments and blank lines between items, flow maps, CRLF, odd layouts. */
const HANDWRITTEN = [
  [
    '# yaml-language-server: $schema=x',
    '',
    'version: 1',
    'simulation: { from: 2001-03-01T00:00, days: 60 }',
    'sites:',
    '# a comment at column 0',
    '  - code: LAB',
    '    server: LABSRV',
    '    smsVersion: "2.0 SP2"',
    '',
    '    # inside the item',
    '  - code: CEN',
    '    server: CENSRV',
    '    smsVersion: "2.0"',
    '    verifyCycle: { intervalDays: 7, durationMinutes: 45 }',
    'collections:',
    '- id: LAB00015',
    '  name: Workstations',
    '  site: LAB',
    '  clients: 800',
    '  timeZone: Europe/Berlin',
    '  installed:',
    '    from: 2001-01-08T08:00',
    '    to: 2001-01-12T17:00',
    'packages:',
    '  - id: LAB00012',
    '    name: "Office: 2000"',
    '    programs:',
    "      - { name: 'Per-system', estimatedRunMinutes: 45 }",
    'advertisements:',
    '  - id: LAB20001',
    '    name: >',
    '      Office 2000',
    '      to workstations',
    '    package: LAB00012',
    '    program: Per-system',
    '    collection: LAB00015',
    '    presentTime: 2001-03-01T00:00',
    '    assignments:',
    '      - at: 2001-03-02T02:00',
    '        every: { hours: 6 }',
    '      - event: logon',
    '  - id: LAB20002',
    '    name: Token',
    '    package: LAB00012',
    '    program: Per-system',
    '    collection: LAB00015',
    '    presentTime: 2001-03-01T00:00',
    '    expirationTime: 2001-02-01T00:00',
    '    assignments:',
    '      - token: "00811A9E081A2000"',
    '# trailing comment',
    '',
  ].join('\n'),
];

HANDWRITTEN.push(HANDWRITTEN[0]!.replace('\n    # inside the item\n', '\n'));

/** A small generated document (the benchmark's shapes: every assignment form, rollout windows, tokens). */
const generated = (seed: number, advertisements: number, crlf: boolean): string => {
  const text = generateDocument({ advertisements, days: 120, seed }).text;
  return crlf ? text.replace(/\n/g, '\r\n') : text;
};

type Edit =
  | { readonly kind: 'insert'; readonly at: number; readonly text: string }
  | { readonly kind: 'delete'; readonly at: number; readonly length: number }
  | { readonly kind: 'replace'; readonly at: number; readonly text: string }
  | { readonly kind: 'duplicateLines'; readonly at: number; readonly count: number }
  | { readonly kind: 'deleteLines'; readonly at: number; readonly count: number }
  | { readonly kind: 'indent'; readonly at: number; readonly by: number }
  | { readonly kind: 'renameId'; readonly at: number; readonly suffix: string }
  | { readonly kind: 'retype'; readonly at: number; readonly text: string }
  | { readonly kind: 'copyItem'; readonly at: number; readonly to: number }
  | { readonly kind: 'deleteItem'; readonly at: number }
  | { readonly kind: 'undo' }
  | { readonly kind: 'restore' };

const snippet = fc.oneof(
  fc.constantFrom(' ', '\n', ':', '-', '- ', '#', '"', "'", '[', ']', '{', '}', ',', '&a ', '*a', '!', '|', '>'),
  fc.constantFrom(
    '\t',
    '---\n',
    '\ufeff',
    '\r',
    '  ',
    'x',
    '7',
    'id: ',
    '  - ',
    'at: 2001-13-01T00:00',
    'LAB',
    '\u0000',
    '\u001b',
  ),
  fc.string({ maxLength: 4 }),
);

const edit: fc.Arbitrary<Edit> = fc.oneof(
  // Edits that often break the YAML (the fallback path), kept rarer than those that keep its shape.
  { arbitrary: fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: snippet }), weight: 2 },
  {
    arbitrary: fc.record({
      kind: fc.constant('delete' as const),
      at: fc.nat(),
      length: fc.integer({ min: 1, max: 12 }),
    }),
    weight: 1,
  },
  { arbitrary: fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), text: snippet }), weight: 1 },
  {
    arbitrary: fc.record({
      kind: fc.constant('duplicateLines' as const),
      at: fc.nat(),
      count: fc.integer({ min: 1, max: 12 }),
    }),
    weight: 1,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('deleteLines' as const),
      at: fc.nat(),
      count: fc.integer({ min: 1, max: 12 }),
    }),
    weight: 1,
  },
  {
    arbitrary: fc.record({ kind: fc.constant('indent' as const), at: fc.nat(), by: fc.constantFrom(-2, -1, 1, 2) }),
    weight: 1,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('renameId' as const),
      at: fc.nat(),
      suffix: fc.constantFrom('X', '', '0'),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('retype' as const),
      at: fc.nat(),
      text: fc.constantFrom('a', 'Z', '5', '0'),
    }),
    weight: 5,
  },
  { arbitrary: fc.record({ kind: fc.constant('copyItem' as const), at: fc.nat(), to: fc.nat() }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('deleteItem' as const), at: fc.nat() }), weight: 2 },
  { arbitrary: fc.constant({ kind: 'undo' as const }), weight: 4 },
  { arbitrary: fc.constant({ kind: 'restore' as const }), weight: 1 },
);

/** Start lines of the items of top-level lists (`  - ` after a `key:` line), and where each ends. */
function itemBlocks(lines: readonly string[]): { start: number; end: number }[] {
  const starts: number[] = [];
  lines.forEach((line, i) => {
    if (/^ {0,2}- /.test(line)) starts.push(i);
  });
  return starts.map((start, k) => {
    let end = start + 1;
    const limit = starts[k + 1] ?? lines.length;
    while (end < limit && /^ {3,}\S/.test(lines[end]!)) end++;
    return { start, end };
  });
}

/** The text after an edit; `undo` goes back one step of `history` (the texts so far, current last). */
function applyEdit(text: string, e: Edit, history: string[]): string {
  const at = (n: number, length: number): number => (length === 0 ? 0 : n % (length + 1));
  const lines = text.split('\n');
  const line = (n: number): number => n % lines.length;
  switch (e.kind) {
    case 'insert': {
      const i = at(e.at, text.length);
      return text.slice(0, i) + e.text + text.slice(i);
    }
    case 'delete': {
      const i = at(e.at, text.length);
      return text.slice(0, i) + text.slice(i + e.length);
    }
    case 'replace': {
      const i = at(e.at, text.length);
      return text.slice(0, i) + e.text + text.slice(i + Math.max(1, e.text.length));
    }
    case 'duplicateLines': {
      const i = line(e.at);
      const block = lines.slice(i, i + e.count);
      return [...lines.slice(0, i + e.count), ...block, ...lines.slice(i + e.count)].join('\n');
    }
    case 'deleteLines': {
      const i = line(e.at);
      return [...lines.slice(0, i), ...lines.slice(i + e.count)].join('\n');
    }
    case 'indent': {
      const i = line(e.at);
      const current = lines[i] ?? '';
      lines[i] = e.by > 0 ? ' '.repeat(e.by) + current : current.replace(new RegExp(`^ {0,${-e.by}}`), '');
      return lines.join('\n');
    }
    case 'renameId': {
      // Renames one id everywhere (references follow) or only where it is defined (references break).
      const ids = [...text.matchAll(/(?:id|code): (\w+)/g)].map((m) => m[1]!);
      const id = ids[e.at % Math.max(1, ids.length)];
      if (id === undefined) return text;
      return e.suffix === '0' ? text.replace(`: ${id}`, `: ${id}Y`) : text.split(id).join(id + e.suffix);
    }
    case 'retype': {
      // A word character becomes another one: the YAML keeps its shape, a value or key changes.
      const positions = [...text.matchAll(/\w/g)].map((m) => m.index);
      const i = positions[e.at % Math.max(1, positions.length)];
      return i === undefined ? text : text.slice(0, i) + e.text + text.slice(i + 1);
    }
    case 'copyItem': {
      const blocks = itemBlocks(lines);
      const from = blocks[e.at % Math.max(1, blocks.length)];
      const to = blocks[e.to % Math.max(1, blocks.length)];
      if (!from || !to) return text;
      const block = lines.slice(from.start, from.end);
      return [...lines.slice(0, to.start), ...block, ...lines.slice(to.start)].join('\n');
    }
    case 'deleteItem': {
      const block = itemBlocks(lines)[e.at % Math.max(1, lines.length)];
      return block ? [...lines.slice(0, block.start), ...lines.slice(block.end)].join('\n') : text;
    }
    case 'undo':
      if (history.length > 1) history.pop();
      return history[history.length - 1]!;
    case 'restore':
      // Back to the document the sequence started from (every piece of it was seen before).
      return history[0]!;
  }
}

/** Node kinds, ranges and scalar values of a YAML tree (what features read from `parsed.yaml`). */
function tree(node: unknown, out: string[] = []): string[] {
  if (isMap(node)) {
    out.push(`map ${String(node.range)} ${Boolean(node.flow)}`);
    for (const pair of node.items) {
      tree(pair.key, out);
      tree(pair.value, out);
    }
  } else if (isSeq(node)) {
    out.push(`seq ${String(node.range)} ${Boolean(node.flow)}`);
    for (const item of node.items) tree(item, out);
  } else if (isScalar(node)) {
    out.push(`scalar ${String(node.range)} ${typeof node.value} ${String(node.value)} ${String(node.type)}`);
  } else {
    out.push(`other ${node === null ? 'null' : typeof node}`);
  }
  return out;
}

function assertSameValidation(incremental: Validation, full: Validation, text: string): void {
  const where = `text:\n${JSON.stringify(text)}`;
  assert.deepEqual(incremental.diagnostics, full.diagnostics, where);
  assert.deepEqual(incremental.model, full.model, where);
  assert.equal(incremental.hasErrors, full.hasErrors, where);
  assert.deepEqual(incremental.parsed.value, full.parsed.value, where);
  assert.deepEqual(incremental.parsed.syntaxDiagnostics, full.parsed.syntaxDiagnostics, where);
  // Before `tree`, which parses every item of a lazy list: these must not need to.
  assert.deepEqual(foldSpans(incremental.parsed), foldSpans(full.parsed), where);
  assert.deepEqual(cursorSamples(incremental.parsed, 7), cursorSamples(full.parsed, 7), where);
  assert.deepEqual(locateSamples(incremental.parsed), locateSamples(full.parsed), where);
  assert.deepEqual(tree(incremental.parsed.yaml.contents), tree(full.parsed.yaml.contents), where);
  assert.deepEqual(incremental.parsed.yaml.range, full.parsed.yaml.range, where);
}

const OPTIONS = { defaultRunMinutes: 120 };

/** Runs a sequence of edits, comparing the incremental results with full runs after every one. */
/** How many validations went piece by piece (the rest fell back to a whole parse), for the coverage check. */
const tally = { pieces: 0, all: 0 };

function checkSequence(start: string, edits: readonly Edit[], engineEvery: number): void {
  const analyzer = new IncrementalAnalyzer();
  const history = [start];
  let text = start;
  for (let step = 0; step <= edits.length; step++) {
    if (step > 0) {
      const e = edits[step - 1]!;
      text = applyEdit(text, e, history);
      if (e.kind !== 'undo') history.push(text);
    }
    const incremental = analyzer.validate(text);
    const full = validateText(text);
    assertSameValidation(incremental, full, text);
    tally.all++;
    if (analyzer.parsedInPieces) tally.pieces++;
    if (step % engineEvery === 0 || step === edits.length) {
      const mine = analyzer.analyze(incremental, OPTIONS);
      const reference = analyzeValidation(full, OPTIONS);
      assert.deepEqual(plainSimulation(mine.simulation), plainSimulation(reference.simulation));
      assert.equal(mine.diagnosticCount, reference.allDiagnostics.length);
      assert.deepEqual(mine.firstDiagnostics(7), reference.allDiagnostics.slice(0, 7));
      assert.deepEqual(mine.allDiagnostics, reference.allDiagnostics);
    }
  }
}

const startDocument = fc.oneof(
  fc.constantFrom(...examples, ...HANDWRITTEN),
  fc
    .record({ seed: fc.nat(), advertisements: fc.integer({ min: 1, max: 6 }), crlf: fc.boolean() })
    .map(({ seed, advertisements, crlf }) => generated(seed, advertisements, crlf)),
);

test('incremental validation equals a full validation after every random edit', () => {
  fc.assert(
    fc.property(startDocument, fc.array(edit, { minLength: 10, maxLength: 40 }), (start, edits) => {
      checkSequence(start, edits, 4);
    }),
    {
      numRuns: Number(process.env.INCREMENTAL_RUNS ?? 60),
      ...(process.env.INCREMENTAL_REPLAY ? JSON.parse(process.env.INCREMENTAL_REPLAY) : {}),
    },
  );
  // The comparison is only worth something if the piecewise path ran often (not only the fallback).
  assert.ok(tally.pieces > tally.all / 4, `only ${tally.pieces} of ${tally.all} validations went piece by piece`);
  console.log(`# ${tally.pieces} of ${tally.all} validations went piece by piece`);
});

test('a save after small edits of a 40-advertisement document: cached engine results equal a full simulate', () => {
  const start = generated(7, 40, false);
  fc.assert(
    fc.property(fc.array(edit, { minLength: 5, maxLength: 15 }), (edits) => checkSequence(start, edits, 1)),
    { numRuns: 15 },
  );
});

test('the simulation cache equals simulate across horizons and run-time settings', () => {
  const doc = validateText(generated(11, 30, false)).model!;
  const cache = new SimulationCache();
  const settings: SimulationOptions[] = [
    {},
    { days: 30 },
    { defaultRunMinutes: 45 },
    {},
    { from: Date.UTC(2001, 3, 1) },
  ];
  for (const options of settings)
    assert.deepEqual(plainSimulation(cache.simulate(doc, options)), plainSimulation(simulate(doc, options)));
});

test('all, many or few advertisements simulated again, the rest copied: the cache equals simulate on every version', () => {
  // An advertisement with interruptions again under ids that sort before every other (rule 10
  // orders their same-time findings by id, not by where they stand in the file).
  const base = generated(13, 150, false);
  const busy = analyzeValidation(validateText(base), OPTIONS).simulation!.interruptions.at(0).advertisement;
  const from = base.indexOf(`\n  - id: ${busy}\n`);
  const to = base.indexOf('\n  - id: ', from + 1);
  const block = base.slice(from, to < 0 ? base.trimEnd().length : to);
  const copies = [3, 1, 2].map((n) => block.replace(`id: ${busy}`, `id: ADV1000${n}`)).join('');
  const start = base.trimEnd() + copies + '\n';
  // Every `presentTime` of the first 90 advertisements a day later: 90 advertisements to simulate again.
  let moved = 0;
  const many = start.replace(/presentTime: 2001-(\d\d)-(\d\d)/g, (match, month: string, day: string) =>
    moved++ < 90 && Number(day) < 28 ? `presentTime: 2001-${month}-${String(Number(day) + 1).padStart(2, '0')}` : match,
  );
  const one = many.replace('name: Deploy', 'name: Redeploy');
  const analyzer = new IncrementalAnalyzer();
  const steps: [string, SimulationOptions][] = [
    [start, OPTIONS], // open: all 150 simulated
    [start.replace('name: Deploy', 'name: Redeploy'), OPTIONS], // one simulated again, the rest copied
    [many, OPTIONS], // 90 simulated again
    [one, OPTIONS], // one again
    [one, { ...OPTIONS, days: 200 }], // another horizon: all simulated again
  ];
  for (const [text, options] of steps) {
    const mine = analyzer.analyze(analyzer.validate(text), options);
    const reference = analyzeValidation(validateText(text), options);
    const { interruptions, delays } = reference.simulation!;
    assert.ok(interruptions.length > 20 && delays.length > 20, 'enough findings to compare');
    assert.deepEqual(plainSimulation(mine.simulation), plainSimulation(reference.simulation));
  }
  assert.ok(moved >= 90, 'the edit moved 90 advertisements');
});
