/**
 * The pieces behind incremental validation: the line scanner (where it cuts, when it gives up),
 * piece reuse between versions, the lazy finding diagnostics and the fast time formatting.
 * Random edit sequences are in test/property/incremental.test.ts.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { isCollection, isMap, isScalar, isSeq, visit } from 'yaml';
import { collectFolds } from '../../server/src/core/document/folding';
import { generateDocument } from '../../bench/generate';
import { analyzeValidation, IncrementalAnalyzer, validateText } from '../../server/src/core/analyze';
import { IncrementalParser, MAX_ITEM_TREES } from '../../server/src/core/document/incremental';
import { lazyListOf } from '../../server/src/core/document/lazyList';
import { parseText } from '../../server/src/core/document/parse';
import { scanSegments } from '../../server/src/core/document/segments';
import { findingDiagnosticList, findingDiagnostics } from '../../server/src/core/findings/findingDiagnostics';
import { formatWhen, formatWithLuxon } from '../../server/src/core/findings/when';
import { capDiagnostics } from '../../server/src/languageserver/publisher';
import { foldingRanges } from '../../server/src/core/ide/folding';
import { documentSymbols } from '../../server/src/core/ide/symbols';
import { cursorSamples, foldSpans, locateSamples } from '../helpers/lazyViews';
import { plainSimulation } from '../helpers/findings';
import { example } from '../helpers/paths';

function tree(node: unknown, out: string[] = []): string[] {
  if (isMap(node)) {
    out.push(`map ${String(node.range)}`);
    for (const pair of node.items) {
      tree(pair.key, out);
      tree(pair.value, out);
    }
  } else if (isSeq(node)) {
    out.push(`seq ${String(node.range)}`);
    for (const item of node.items) tree(item, out);
  } else if (isScalar(node)) {
    out.push(`scalar ${String(node.range)} ${String(node.value)}`);
  } else {
    out.push(String(node));
  }
  return out;
}

/** Parses piece by piece and checks the result against one whole parse; returns whether pieces were used. */
function parsesLikeWhole(text: string, parser = new IncrementalParser()): boolean {
  const pieces = parser.parse(text);
  const whole = parseText(text);
  assert.deepEqual(pieces.value, whole.value, JSON.stringify(text));
  assert.deepEqual(pieces.syntaxDiagnostics, whole.syntaxDiagnostics, JSON.stringify(text));
  assert.deepEqual(foldSpans(pieces), foldSpans(whole), JSON.stringify(text));
  assert.deepEqual(cursorSamples(pieces, 1), cursorSamples(whole, 1), JSON.stringify(text));
  assert.deepEqual(locateSamples(pieces), locateSamples(whole), JSON.stringify(text));
  assert.deepEqual(tree(pieces.yaml.contents), tree(whole.yaml.contents), JSON.stringify(text));
  assert.deepEqual(pieces.yaml.range, whole.yaml.range, JSON.stringify(text));
  return parser.lastMode === 'pieces';
}

const SMALL = [
  '# head', // 0..7
  'version: 1', // 7..18
  'sites:', // 18..25
  '  # first', // 25..35
  '  - code: A', // 35..47
  '  - code: B', // 47..59
  'packages: []', // 59..71
  '',
].join('\n');

test('the scanner cuts top-level entries and list items, comments going with what follows', () => {
  // Offsets from the line lengths above (each + 1 for the newline); the head comment joins the first entry.
  assert.deepEqual(scanSegments(SMALL), [
    { kind: 'entry', start: 0, end: 18 },
    { kind: 'entry', start: 18, end: 25, list: 'sites' },
    { kind: 'item', start: 25, end: 47, list: 'sites' },
    { kind: 'item', start: 47, end: 59, list: 'sites' },
    { kind: 'entry', start: 59, end: 72 },
  ]);
  assert.ok(parsesLikeWhole(SMALL));
});

test('the scanner gives up on anything it cannot cut safely', () => {
  const unsure: Record<string, string> = {
    'a top-level flow map': '{ version: 1 }\n',
    'a document marker': 'version: 1\n---\nsites: []\n',
    'a directive': '%YAML 1.2\n---\nversion: 1\n',
    'a byte order mark': '\ufeffversion: 1\n',
    'a tab in indentation': 'sites:\n\t- code: A\n',
    'indented content first': '  version: 1\n',
    'a top-level list': '- 1\n',
    'a comment deeper than the next item': 'sites:\n  - code: A\n    # deeper\n  - code: B\n',
    'an empty value before the next item': 'sites:\n  - code:\n  - code: B\n',
    'a block scalar header before the next entry': 'note: |\nversion: 1\n',
    'an item less indented than the first': 'sites:\n    - code: A\n  - code: B\n',
    'a lone carriage return': 'version: 1\rsites: []\n',
    'nothing but comments': '# only\n',
  };
  for (const [what, text] of Object.entries(unsure)) {
    assert.equal(scanSegments(text), undefined, what);
    assert.equal(parsesLikeWhole(text), false, what);
  }
});

test('every way a piece can end, with every run of blank and comment lines before the next: same as a whole parse', () => {
  const contexts: [string, string][] = [
    ['version: 1\nsites:\n  - a: 1\n', '    '],
    ['version: 1\nsites:\n- a: 1\n', '  '],
    ['version: 1\nsim:\n  a: 1\n', '  '],
  ];
  const endings = [
    'b: 2',
    'b:',
    'b: # c',
    'b: |',
    'b: |\n@  text',
    'b:\n@  c:',
    'b:\n@  - 1',
    'b:\n@  -',
    'b: { c: 1 }',
  ];
  const more = ['b: &x', 'b: !!str', 'b: "a\n@  b"', 'b: 2 # c', 'b: x\n@  y', '- 1', '-', ''];
  const runs = ['', '\n', '# c\n', '  # c\n', '   # c\n', '    # c\n', '\n  # c\n', '# c\n  # d\n', '\n\n'];
  const nexts = ['  - z: 1\n', '- z: 1\n', 'k: 1\n', 'k:\n  - z: 1\n', ''];
  let pieces = 0;
  for (const [prefix, indent] of contexts) {
    for (const ending of [...endings, ...more]) {
      for (const run of runs) {
        for (const next of nexts) {
          const last = ending === '' ? '' : `${indent}${ending.replace(/@/g, indent)}\n`;
          if (parsesLikeWhole(prefix + last + run + next)) pieces++;
        }
      }
    }
  }
  // Most combinations are plain enough to be cut; the rest fell back (and matched trivially).
  assert.ok(pieces > 500, `${pieces} combinations went piece by piece`);
});

test('an edit re-parses only its piece; the others keep their nodes, moved to their new offsets', () => {
  const text = generateDocument({ advertisements: 5, days: 30, seed: 3 }).text;
  const parser = new IncrementalParser();
  const before = parser.parse(text);
  const ads = (doc: typeof before): unknown[] => {
    const list = doc.yaml.get('advertisements', true);
    return isSeq(list) ? [...list.items] : [];
  };
  const [first, second, third] = ads(before);
  // Two characters inserted into the second advertisement's name: every later offset moves by 2.
  const at = text.indexOf('name: Deploy', text.indexOf('ADV20001'));
  const edited = `${text.slice(0, at + 6)}XY${text.slice(at + 6)}`;
  const thirdStart = (third as { range: number[] }).range[0]!;
  const after = parser.parse(edited);
  assert.equal(parser.lastMode, 'pieces');
  const [firstAfter, secondAfter, thirdAfter] = ads(after);
  assert.equal(firstAfter, first);
  assert.notEqual(secondAfter, second);
  assert.equal(thirdAfter, third);
  assert.equal((third as { range: number[] }).range[0], thirdStart + 2);
  assert.deepEqual(tree(after.yaml.contents), tree(parseText(edited).yaml.contents));
});

test('list items keep no nodes beyond a bound: evicted ones parse again at their current offsets', () => {
  const count = MAX_ITEM_TREES + 88;
  const text = generateDocument({ advertisements: count, days: 30, seed: 11 }).text;
  const parser = new IncrementalParser();
  const before = parser.parse(text);
  const list = before.yaml.get('advertisements', true);
  const lazy = lazyListOf(list);
  assert.ok(isSeq(list) && lazy, 'the advertisements list is lazy');
  assert.equal(list.items.length, count);
  // Parsing keeps no item's nodes; a lookup parses (and caches) only the items it touches.
  assert.equal(parser.cachedItemTrees, 0);
  const firstName = text.indexOf('name:', text.indexOf('advertisements:'));
  assert.deepEqual(cursorSamples(before, 97), cursorSamples(parseText(text), 97));
  const cachedBefore = parser.cachedItemTrees;
  assert.deepEqual(locateSamples(before, 20_000), locateSamples(parseText(text), 20_000));
  assert.equal(parser.cachedItemTrees, cachedBefore, 'locate parses no item');
  // The outline and folding cover every item: from the kept spans, the same as from the nodes.
  assert.deepEqual(documentSymbols(before), documentSymbols(parseText(text)));
  assert.deepEqual(foldingRanges(before), foldingRanges(parseText(text)));
  assert.equal(parser.cachedItemTrees, cachedBefore, 'the outline and folding parse no item');
  assert.ok(parser.cachedItemTrees > 0 && parser.cachedItemTrees <= MAX_ITEM_TREES);
  // Touching every item keeps the bound; a later edit before all of them moves every offset.
  assert.deepEqual(tree(before.yaml.contents), tree(parseText(text).yaml.contents));
  assert.equal(parser.cachedItemTrees, MAX_ITEM_TREES);
  const edited = `${text.slice(0, firstName + 6)}Q${text.slice(firstName + 6)}`;
  const after = parser.parse(edited);
  assert.equal(parser.lastMode, 'pieces');
  assert.deepEqual(foldSpans(after), foldSpans(parseText(edited)));
  assert.deepEqual(tree(after.yaml.contents), tree(parseText(edited).yaml.contents));
  assert.throws(() => {
    'use strict';
    (list.items as unknown[])[0] = null;
  }, TypeError);
});

test('folding spans are those of a visit over every node (flow collections and complex keys too)', () => {
  const texts = [
    readFileSync(example('lab.sms.yaml'), 'utf8'),
    'a:\n  b: [1, [2, 3], {c: 4}]\n  d:\n    - e: 1\n      f:\n        - 2\n    - [x, y]\n? [k, l]\n: {m: [n]}\nq: [r: s]\n',
  ];
  for (const text of texts) {
    const doc = parseText(text).yaml;
    const mine: string[] = [];
    collectFolds(doc, (start, end) => mine.push(`${start}-${end}`));
    const reference: string[] = [];
    visit(doc, {
      Pair(_key, pair) {
        const keyRange = (pair.key as { range?: number[] } | null)?.range;
        if (isCollection(pair.value) && keyRange && pair.value.range)
          reference.push(`${keyRange[0]}-${pair.value.range[1]}`);
      },
      Seq(_key, seq) {
        for (const item of seq.items)
          if (isCollection(item) && item.range) reference.push(`${item.range[0]}-${item.range[1]}`);
      },
    });
    assert.ok(reference.length > 3);
    assert.deepEqual(mine.sort(), reference.sort());
  }
});

test('a control character in any piece, new or reused, means the whole parse and its error', () => {
  const clean = 'version: 1\nsites:\n  - code: A\n  - code: B\n';
  const parser = new IncrementalParser();
  assert.equal(parsesLikeWhole(clean, parser), true);
  const dirty = clean.replace('code: B', 'code: B\u0000');
  assert.equal(parsesLikeWhole(dirty, parser), false);
  assert.match(parseText(dirty).syntaxDiagnostics[0]?.message ?? '', /Control character U\+0000/);
  assert.equal(parsesLikeWhole(clean, parser), true);
});

test('nesting is checked piece by piece: too deep in one piece, or only across pieces, means the whole parse and its error', () => {
  const item = (code: string, comment: string): string => `  - code: ${code}\n    # ${comment}\n    server: S\n`;
  const balanced = `version: 1\nsites:\n${item('A', '[]'.repeat(400))}${item('B', '[[ ]]')}`;
  // 300 openings in a comment of each item: neither piece passes the limit (500), the text does.
  const across = `version: 1\nsites:\n${item('A', '['.repeat(300))}${item('B', '{'.repeat(300))}`;
  // One piece alone: checked before it is parsed (thousands of levels would exhaust the parser).
  const within = `version: 1\nsites:\n${item('A', 'x')}${item('B', '['.repeat(10_000))}`;
  const parser = new IncrementalParser();
  assert.equal(parsesLikeWhole(balanced, parser), true);
  for (const deep of [across, within]) {
    const pieces = parser.parse(deep);
    assert.equal(parser.lastMode, 'whole');
    assert.deepEqual(pieces.syntaxDiagnostics, parseText(deep).syntaxDiagnostics);
    assert.match(pieces.syntaxDiagnostics[0]?.message ?? '', /nested too deeply/);
    assert.equal(parsesLikeWhole(balanced, parser), true);
  }
});

test('a repeated top-level key falls back to the whole parse and its error', () => {
  const text = 'version: 1\nversion: 1\nsites:\n  - code: A\n';
  assert.equal(parsesLikeWhole(text), false);
  assert.match(parseText(text).syntaxDiagnostics[0]?.message ?? '', /unique/);
});

test('finding diagnostics are counted without formatting, and any prefix equals the full list', () => {
  const text = generateDocument({ advertisements: 12, days: 200, seed: 5 }).text;
  const validation = validateText(text);
  const analysis = analyzeValidation(validation);
  const { parsed, model } = validation;
  for (const cap of [1, 3, 50, Infinity]) {
    const full = findingDiagnostics(parsed, model!, analysis.simulation!, { maxFindingsPerAssignment: cap });
    const list = findingDiagnosticList(parsed, model!, analysis.simulation!, { maxFindingsPerAssignment: cap });
    assert.equal(list.count, full.length);
    for (const limit of [0, 1, 17, full.length - 1, full.length + 5])
      assert.deepEqual(list.take(limit), full.slice(0, limit));
    if (cap === 1) assert.ok(full.some((d) => d.code === 'too-many-findings'));
  }
  assert.equal(analysis.diagnosticCount, analysis.allDiagnostics.length);
  assert.deepEqual(analysis.firstDiagnostics(9), analysis.allDiagnostics.slice(0, 9));
});

test('the incremental analyzer answers like a full run on open, edit and save', () => {
  const text = generateDocument({ advertisements: 20, days: 120, seed: 9 }).text;
  const analyzer = new IncrementalAnalyzer();
  const options = { defaultRunMinutes: 90 };
  const edited = text.replace('presentTime: 2001-0', 'presentTime: 2001-1');
  for (const version of [text, edited, text]) {
    const mine = analyzer.analyze(analyzer.validate(version), options);
    const reference = analyzeValidation(validateText(version), options);
    assert.equal(analyzer.parsedInPieces, true);
    assert.deepEqual(mine.diagnostics, reference.diagnostics);
    assert.deepEqual(plainSimulation(mine.simulation), plainSimulation(reference.simulation));
    assert.deepEqual(mine.allDiagnostics, reference.allDiagnostics);
  }
});

let collect: (() => void) | undefined;

/** heapUsed after two full collections (V8's gc, exposed once for this process). */
function heapAfterCollecting(): number {
  if (!collect) {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
  }
  collect();
  collect();
  return process.memoryUsage().heapUsed;
}

test('reused pieces keep no earlier version of the text alive (values are read from their own copy)', () => {
  // V8 cuts substrings as slices of the whole string: values read from a cut of version k would
  // keep all of version k alive while their piece is reused, a whole text per edited item.
  let text = generateDocument({ advertisements: 600, days: 30, seed: 4 }).text;
  const analyzer = new IncrementalAnalyzer();
  let validation = analyzer.validate(text);
  // Where the names end (only numbers: a match array would keep this version alive).
  const nameEnds = [...text.matchAll(/^ {4}name: Deploy .*$/gm)].map((m) => (m.index ?? 0) + m[0].length);
  const before = heapAfterCollecting();
  const edits = 12;
  // Last to first, so that each edit leaves the offsets of the ones still to come where they were.
  for (let k = edits; k >= 1; k--) {
    const end = nameEnds[Math.floor((k * nameEnds.length) / (edits + 1))] as number;
    // Odd edits add a comment line inside the item (read by `yaml`), even ones change its name (our reader).
    text =
      k % 2 === 1
        ? `${text.slice(0, end)}\n    # edit ${k}${text.slice(end)}`
        : `${text.slice(0, end)}X${text.slice(end)}`;
    validation = analyzer.validate(text);
    assert.equal(analyzer.parsedInPieces, true);
  }
  const grown = heapAfterCollecting() - before;
  assert.equal(validation.hasErrors, false);
  // With values slicing their versions, this grows by about `edits` texts; the pieces themselves
  // change by a few items.
  assert.ok(
    grown < 4 * text.length,
    `the heap grew by ${grown} bytes over ${edits} edits of a ${text.length}-byte text`,
  );
});

test('time-zone names typed into a document are not kept with their text (checks, engine, luxon)', () => {
  // A leading `---` makes every version one whole parse, whose values are slices of the whole
  // text; the zone check, the engine's clocks and luxon keep zone names for the process.
  const base = `---\n${generateDocument({ advertisements: 300, days: 30, seed: 6 }).text}`;
  const at = base.indexOf('timeZone: ') + 'timeZone: '.length;
  const lineEnd = base.indexOf('\n', at);
  const analyzer = new IncrementalAnalyzer();
  const type = (zone: string) =>
    analyzer.analyze(analyzer.validate(`${base.slice(0, at)}${zone}${base.slice(lineEnd)}`));
  // Each zone, then a typo of it (not a zone); the first round warms the code up, unmeasured.
  const typing = (zones: string[]): string[] => zones.flatMap((zone) => [zone, `${zone}x`]);
  for (const zone of typing(['America/Chicago', 'Europe/Helsinki', 'Australia/Sydney', 'Asia/Singapore'])) type(zone);
  // One analysis is held at both measurements (a whole parse keeps its syntax tree).
  let current = type('Europe/London');
  assert.equal(current.hasErrors, false);
  const before = heapAfterCollecting();
  const measured = typing(['America/Denver', 'Europe/Amsterdam', 'Australia/Perth', 'Asia/Shanghai', 'America/Bogota']);
  for (const zone of measured) type(zone);
  current = type('Europe/London');
  const grown = heapAfterCollecting() - before;
  assert.equal(analyzer.parsedInPieces, false);
  assert.equal(current.hasErrors, false);
  // Keeping the names would keep about one text per name typed (10 here).
  assert.ok(
    grown < 4 * base.length,
    `the heap grew by ${grown} bytes over ${measured.length} zone names in a ${base.length}-byte text`,
  );
});

test('instants in finding messages read as luxon wrote them, in every zone', () => {
  const zones = [
    'UTC',
    'America/New_York',
    'Europe/London',
    'Asia/Kolkata',
    'Australia/Lord_Howe',
    'Pacific/Chatham',
    'America/Sao_Paulo',
    'Etc/GMT+5',
  ];
  // Every 11 h 17 min over 2000..2001 crosses every DST change of those years at several times of day.
  for (let instant = Date.UTC(2000, 0, 1); instant < Date.UTC(2002, 0, 1); instant += (11 * 60 + 17) * 60_000) {
    for (const zone of zones) assert.equal(formatWhen(instant, zone), formatWithLuxon(instant, zone));
  }
  assert.equal(
    formatWhen(Date.UTC(2001, 2, 15, 7, 0), 'America/New_York'),
    '2001-03-15 02:00 America/New_York (07:00Z)',
  );
  // 23:30 in New York is 04:30 the next day in UTC: the UTC date is spelled out.
  assert.equal(
    formatWhen(Date.UTC(2001, 2, 16, 4, 30), 'America/New_York'),
    '2001-03-15 23:30 America/New_York (2001-03-16 04:30Z)',
  );
});

test('capDiagnostics counts the diagnostics the core did not format', () => {
  const shown = [1, 2, 3].map((n) => ({
    range: { start: { line: n, character: 0 }, end: { line: n, character: 1 } },
    message: `d${n}`,
  }));
  // 3 formatted of 500: keep maxProblems - 1 = 2, then one summary of 500 - 2 = 498.
  const capped = capDiagnostics(shown, 3, 500);
  assert.equal(capped.length, 3);
  assert.match(String(capped[2]!.message), /^498 more problems not shown/);
  assert.deepEqual(capDiagnostics(shown, 3, 3), shown);
});

test('what yaml refuses or keeps inside keys is left to the whole parse: long keys, deep blocks, collection keys', () => {
  const longKey = (n: number): string => `version: 1\nadvertisements:\n  - id: A\n  - ${'k'.repeat(n)}: 1\n`;
  assert.equal(parsesLikeWhole(longKey(1024)), true, 'a 1,024-character key is read piece by piece');
  assert.equal(parsesLikeWhole(longKey(1025)), false, 'yaml reports a longer one, so the whole text is parsed');
  // Thousands of block levels (yaml reports "nested too deeply"); the piece reader must not overflow the stack.
  const deep = ['advertisements:', '  - k0:'];
  for (let i = 1; i < 2000; i++) deep.push(`${' '.repeat(i + 4)}k${i}:`);
  deep.push(`${' '.repeat(2004)}x: 1`, '');
  const deepText = deep.join('\n');
  // Where and how often yaml runs out of stack depends on the stack already in use, so only the
  // distinct messages compare.
  const messages = (parsed: { syntaxDiagnostics: readonly { message: string }[] }): string[] => [
    ...new Set(parsed.syntaxDiagnostics.map((d) => d.message)),
  ];
  const fromPieces = messages(new IncrementalParser().parse(deepText));
  assert.deepEqual(fromPieces, messages(parseText(deepText)));
  assert.match(fromPieces.join(), /nested too deeply/);
  // A map key that is itself a collection: its folds come from the whole parse.
  assert.equal(
    parsesLikeWhole('version: 1\nadvertisements:\n  - id: A\n  - ? k:\n        - a\n        - b\n    : x\n'),
    false,
  );
});
