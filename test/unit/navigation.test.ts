/** Navigation over ids (issue 12): definition, references, highlights, rename, workspace symbols. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { generateDocument } from '../../bench/generate';
import { IncrementalAnalyzer, validateText, type Validation } from '../../server/src/core/analyze';
import type { Span } from '../../server/src/core/diagnostics';
import { applyEdits } from '../../server/src/core/edits/yamlEdits';
import { definition, highlights, references, symbolAt, workspaceSymbols } from '../../server/src/core/ide/navigation';
import { prepareRename, rename } from '../../server/src/core/ide/rename';
import { MULTI } from '../helpers/navigationFixture';

const LAB_TEXT = readFileSync(join(__dirname, '..', '..', 'examples', 'lab.sms.yaml'), 'utf8');

const lines = (text: string): string[] => text.split('\n');

/** The offset of `needle` on line `line` (it must occur there exactly once), plus `into` characters. */
function offsetOf(text: string, line: number, needle: string, into = 0): number {
  const all = lines(text);
  const content = all[line];
  assert.ok(content !== undefined, `line ${line} exists`);
  const column = content.indexOf(needle);
  assert.ok(column >= 0 && content.indexOf(needle, column + 1) < 0, `'${needle}' once on line ${line}: ${content}`);
  return all.slice(0, line).reduce((sum, l) => sum + l.length + 1, 0) + column + into;
}

/** `line:start-end` (0-based, columns) of `needle` on `line`. */
function where(text: string, line: number, needle: string): string {
  const column = offsetOf(text, line, needle) - offsetOf(text, line, lines(text)[line]!, 0);
  return `${line}:${column}-${column + needle.length}`;
}

/** A span as `line:start-end` (spans of ids stay on one line). */
function show(validation: Validation, span: Span): string {
  const start = validation.parsed.lines.positionAt(span.start);
  const end = validation.parsed.lines.positionAt(span.end);
  assert.equal(start.line, end.line, 'an id span stays on one line');
  return `${start.line}:${start.character}-${end.character}`;
}

const shown = (validation: Validation, spans: readonly Span[]): string[] => spans.map((s) => show(validation, s));

function renamed(text: string, offset: number, newName: string): string {
  const result = rename(validateText(text), offset, newName);
  assert.ok('edits' in result, `rename to '${newName}' refused: ${'error' in result ? result.error : ''}`);
  return applyEdits(text, result.edits);
}

function refusal(text: string, offset: number, newName: string): string {
  const result = rename(validateText(text), offset, newName);
  assert.ok('error' in result, `rename to '${newName}' was not refused`);
  return result.error;
}

/** `text` with `line` changed by `change` (the expected result of an edit, line by line). */
function withLine(text: string, line: number, change: (content: string) => string): string {
  const all = lines(text);
  all[line] = change(all[line]!);
  return all.join('\n');
}

test('the fixtures are valid documents (so every expectation below is about navigation)', () => {
  assert.deepEqual(validateText(MULTI).diagnostics, []);
  assert.equal(validateText(LAB_TEXT).hasErrors, false);
});

test('where() finds columns: a check of the helper the expectations use', () => {
  assert.equal(where(MULTI, 2, 'CEN'), '2:10-13');
  assert.equal(where(MULTI, 5, 'NYC'), '5:11-14');
});

test('site codes: definition, references with and without the declaration, from either side', () => {
  const v = validateText(MULTI);
  const decl = where(MULTI, 2, 'CEN');
  const refs = [where(MULTI, 8, 'CEN'), where(MULTI, 12, 'CEN'), where(MULTI, 22, 'CEN')];
  for (const offset of [offsetOf(MULTI, 2, 'CEN', 1), offsetOf(MULTI, 8, 'CEN'), offsetOf(MULTI, 22, 'CEN', 3)]) {
    assert.deepEqual(shown(v, definition(v, offset)), [decl]);
    assert.deepEqual(shown(v, references(v, offset, true)), [decl, ...refs]);
    assert.deepEqual(shown(v, references(v, offset, false)), refs);
  }
  // The flow-style collection's quoted site and the quoted declaration it refers to.
  const lon = offsetOf(MULTI, 19, '"LON"', 2);
  assert.deepEqual(shown(v, definition(v, lon)), [where(MULTI, 9, 'LON')]);
  assert.deepEqual(shown(v, references(v, lon, true)), [where(MULTI, 9, 'LON'), '19:50-53']);
});

test('quoted ids: the span is inside the quotes, and the cursor on a quote still finds the id', () => {
  const v = validateText(MULTI);
  const quote = offsetOf(MULTI, 5, '"NYC"');
  for (const offset of [quote, quote + 1, quote + 5]) {
    assert.deepEqual(prepareRename(v, offset), { span: { start: quote + 1, end: quote + 4 }, placeholder: 'NYC' });
  }
  assert.equal(prepareRename(v, quote - 1), null, 'the space before the value');
  assert.deepEqual(shown(v, references(v, quote, true)), [where(MULTI, 5, 'NYC'), where(MULTI, 16, 'NYC')]);
});

test('collection, package and advertisement ids: definition and references', () => {
  const v = validateText(MULTI);
  const collection = offsetOf(MULTI, 43, 'NYC00001');
  assert.deepEqual(shown(v, definition(v, collection)), [where(MULTI, 14, 'NYC00001')]);
  assert.deepEqual(shown(v, references(v, collection, false)), [where(MULTI, 43, 'NYC00001')]);
  const pkg = offsetOf(MULTI, 26, 'CEN00010');
  assert.deepEqual(shown(v, references(v, pkg, true)), [
    where(MULTI, 26, 'CEN00010'),
    where(MULTI, 41, 'CEN00010'),
    where(MULTI, 55, 'CEN00010'),
  ]);
  const quotedPkg = offsetOf(MULTI, 49, 'CEN00011');
  assert.deepEqual(shown(v, definition(v, quotedPkg)), [where(MULTI, 33, 'CEN00011')]);
  // An advertisement id is declared, never referenced.
  const ad = offsetOf(MULTI, 39, 'NYC20001');
  assert.deepEqual(shown(v, definition(v, ad)), [where(MULTI, 39, 'NYC20001')]);
  assert.deepEqual(references(v, ad, false), []);
  assert.equal(symbolAt(v, ad)?.symbol.kind, 'advertisement');
});

test("program names are scoped to the advertisement's package", () => {
  const v = validateText(MULTI);
  const officeInstall = offsetOf(MULTI, 42, 'Install');
  assert.deepEqual(shown(v, definition(v, officeInstall)), [where(MULTI, 29, 'Install')]);
  assert.deepEqual(shown(v, references(v, offsetOf(MULTI, 29, 'Install'), false)), [where(MULTI, 42, 'Install')]);
  const antivirusInstall = offsetOf(MULTI, 36, 'Install');
  assert.deepEqual(shown(v, references(v, antivirusInstall, true)), [
    where(MULTI, 36, 'Install'),
    where(MULTI, 50, 'Install'),
  ]);
  const uninstall = offsetOf(MULTI, 56, "'Uninstall'");
  assert.deepEqual(shown(v, definition(v, uninstall)), [where(MULTI, 31, 'Uninstall')]);
  assert.equal(symbolAt(v, uninstall)?.symbol.scope, 'CEN00010');
});

test('highlights: the declaration is written, references are read', () => {
  const v = validateText(MULTI);
  const highlighted = highlights(v, offsetOf(MULTI, 16, 'NYC')).map((h) => `${show(v, h.span)} ${h.kind}`);
  assert.deepEqual(highlighted, [`${where(MULTI, 5, 'NYC')} write`, `${where(MULTI, 16, 'NYC')} read`]);
  assert.deepEqual(highlights(v, offsetOf(MULTI, 15, 'New York')), []);
});

test('prepareRename: null on anything that is not an id, the id otherwise', () => {
  const v = validateText(MULTI);
  const notIds = [
    offsetOf(MULTI, 15, 'New York'), // a name
    offsetOf(MULTI, 16, 'site'), // a key
    offsetOf(MULTI, 18, '2001-01-10'), // a date
    offsetOf(MULTI, 3, 'CENSRV01'), // a server
    offsetOf(MULTI, 0, 'version'),
    MULTI.length,
  ];
  for (const offset of notIds) {
    assert.equal(prepareRename(v, offset), null, `offset ${offset}`);
    assert.deepEqual(definition(v, offset), []);
    assert.match((rename(v, offset, 'ABC') as { error: string }).error, /no site code, collection, .* id here/);
  }
  const kinds = [
    [offsetOf(MULTI, 2, 'CEN'), 'site', 'CEN'],
    [offsetOf(MULTI, 43, 'NYC00001'), 'collection', 'NYC00001'],
    [offsetOf(MULTI, 49, 'CEN00011'), 'package', 'CEN00011'],
    [offsetOf(MULTI, 50, 'Install'), 'program', 'Install'],
    [offsetOf(MULTI, 53, 'CEN20001'), 'advertisement', 'CEN20001'],
  ] as const;
  for (const [offset, kind, name] of kinds) {
    assert.equal(symbolAt(v, offset)?.symbol.kind, kind);
    assert.equal(prepareRename(v, offset)?.placeholder, name);
  }
});

test('rename: every kind edits the declaration and every reference, and renaming back restores the text', () => {
  const cases: [offset: number, newName: string, expected: string][] = [
    [
      offsetOf(MULTI, 8, 'CEN'),
      'HQ1',
      [2, 8, 12, 22].reduce((text, line) => withLine(text, line, (l) => l.replace('CEN', 'HQ1')), MULTI),
    ],
    [
      offsetOf(MULTI, 16, 'NYC'),
      'BOS',
      withLine(
        withLine(MULTI, 5, () => '  - code: "BOS"'),
        16,
        () => '    site: BOS',
      ),
    ],
    [
      offsetOf(MULTI, 9, 'LON'),
      'PAR',
      withLine(
        withLine(MULTI, 9, () => "  - code: 'PAR'"),
        19,
        (l) => l.replace('site: "LON"', 'site: "PAR"'),
      ),
    ],
    [
      offsetOf(MULTI, 14, 'NYC00001'),
      'NYC0000A',
      [14, 43].reduce((text, line) => withLine(text, line, (l) => l.replace('NYC00001', 'NYC0000A')), MULTI),
    ],
    [
      offsetOf(MULTI, 41, 'CEN00010'),
      'OFFICE',
      [26, 41, 55].reduce((text, line) => withLine(text, line, (l) => l.replace('CEN00010', 'OFFICE')), MULTI),
    ],
    [
      offsetOf(MULTI, 29, 'Install'),
      'Install silently',
      [29, 42].reduce((text, line) => withLine(text, line, (l) => `${l} silently`), MULTI),
    ],
    [offsetOf(MULTI, 39, 'NYC20001'), 'NYC20002', withLine(MULTI, 39, (l) => l.replace('NYC20001', 'NYC20002'))],
  ];
  for (const [offset, newName, expected] of cases) {
    const after = renamed(MULTI, offset, newName);
    assert.equal(after, expected, `rename to ${newName}`);
    assert.deepEqual(validateText(after).diagnostics, [], `${newName}: the renamed document still resolves`);
    // Back from the same place (the new name starts where the old one did).
    assert.equal(renamed(after, offset, symbolAt(validateText(MULTI), offset)!.symbol.name), MULTI);
  }
});

test('rename keeps the quote style and quotes a name that plain YAML would read otherwise', () => {
  // Single quotes double an apostrophe; double quotes escape with JSON's escapes.
  const uninstall = offsetOf(MULTI, 56, 'Uninstall');
  const apostrophe = renamed(MULTI, uninstall, `Remove "all" O'Neil`);
  assert.equal(lines(apostrophe)[31], String.raw`      - name: "Remove \"all\" O'Neil"`);
  assert.equal(lines(apostrophe)[56], `    program: 'Remove "all" O''Neil'`);
  assert.equal(renamed(apostrophe, offsetOf(apostrophe, 56, "'Remove"), 'Uninstall'), MULTI);
  // Plain ids that would be read as another value or another structure get double quotes.
  for (const newName of ['Install: silent', 'true', '123', 'a, b', '# note', '[x]', ' padded']) {
    const after = renamed(MULTI, offsetOf(MULTI, 29, 'Install'), newName);
    assert.equal(lines(after)[29], `      - name: ${JSON.stringify(newName)}`);
    assert.equal(lines(after)[42], `    program: ${JSON.stringify(newName)}`);
    assert.deepEqual(validateText(after).diagnostics, [], newName);
    // Renaming back keeps the quotes the value now has (a rename keeps the style it finds).
    const back = renamed(after, offsetOf(MULTI, 29, 'Install'), 'Install');
    assert.equal(
      back,
      MULTI.replace('name: Install\n', 'name: "Install"\n').replace(
        'program: Install\n    collection: NYC',
        'program: "Install"\n    collection: NYC',
      ),
    );
  }
  // In a flow mapping too: the collection of LON00001 renamed to a name with a comma.
  const flow = renamed(MULTI, offsetOf(MULTI, 51, 'LON00001'), 'LON,1');
  assert.equal(lines(flow)[19], MULTI.split('\n')[19]!.replace('id: LON00001', 'id: "LON,1"'));
  assert.deepEqual(validateText(flow).diagnostics, []);
});

test('rename to the same name is a no-op; applying a rename twice changes nothing more', () => {
  const v = validateText(MULTI);
  assert.deepEqual(rename(v, offsetOf(MULTI, 2, 'CEN'), 'CEN'), { edits: [] });
  const once = renamed(MULTI, offsetOf(MULTI, 2, 'CEN'), 'HQ1');
  assert.deepEqual(rename(validateText(once), offsetOf(MULTI, 2, 'CEN'), 'HQ1'), { edits: [] });
});

test('rename refusals: taken names (programs within their package), malformed and empty names', () => {
  const site = offsetOf(MULTI, 2, 'CEN');
  assert.equal(
    refusal(MULTI, site, 'NYC'),
    "Cannot rename site code 'CEN' to 'NYC': site code 'NYC' is already defined on line 6.",
  );
  for (const bad of ['cen', 'CE', 'CENT', 'C-N', 'ÄBC']) {
    assert.equal(
      refusal(MULTI, site, bad),
      `Cannot rename site code 'CEN' to '${bad}': '${bad}' is not a site code: exactly 3 characters, A-Z or 0-9 (e.g. LAB).`,
    );
  }
  assert.match(refusal(MULTI, site, ''), /a site code cannot be empty/);
  assert.match(
    refusal(MULTI, offsetOf(MULTI, 14, 'NYC00001'), 'LON00001'),
    /collection id 'LON00001' is already defined on line 20/,
  );
  assert.match(refusal(MULTI, offsetOf(MULTI, 14, 'NYC00001'), ''), /a collection id cannot be empty/);
  assert.match(refusal(MULTI, offsetOf(MULTI, 26, 'CEN00010'), 'CEN00011'), /package id 'CEN00011' is already defined/);
  assert.match(refusal(MULTI, offsetOf(MULTI, 39, 'NYC20001'), 'LON20001'), /advertisement id 'LON20001'/);
  assert.match(refusal(MULTI, offsetOf(MULTI, 39, 'NYC20001'), 'a\nb'), /cannot contain control characters/);
  // `Uninstall` is taken in CEN00010 only: CEN00011's `Install` may take it, CEN00010's may not.
  assert.equal(
    refusal(MULTI, offsetOf(MULTI, 42, 'Install'), 'Uninstall'),
    "Cannot rename program name 'Install' to 'Uninstall': program name 'Uninstall' is already defined in package CEN00010 on line 32.",
  );
  const moved = renamed(MULTI, offsetOf(MULTI, 36, 'Install'), 'Uninstall');
  assert.equal(lines(moved)[36], '      - name: Uninstall');
  assert.equal(lines(moved)[50], '    program: Uninstall');
  assert.equal(lines(moved)[42], '    program: Install');
});

test('a name only an unresolved reference uses is taken too (the reference would change meaning)', () => {
  const text = MULTI.replace('    collection: CEN00001\n', '    collection: CEN0000X\n');
  const error = refusal(text, offsetOf(text, 20, 'CEN00001'), 'CEN0000X');
  assert.match(error, /'CEN0000X' is already referenced on line 58; that reference would then mean this collection id/);
});

test('a document with errors: unresolved references, broken items and a YAML syntax error elsewhere', () => {
  // The advertisement on NYC00001 loses its presentTime (the model leaves it out) and names a
  // collection that does not exist; LON20001 names a program its package does not have.
  const text = MULTI.replace(
    '    collection: NYC00001\n    presentTime: 2001-03-01T00:00\n',
    '    collection: NYC0000X\n',
  ).replace('    program: Install\n    collection: LON00001', '    program: Instal\n    collection: LON00001');
  const v = validateText(text);
  assert.ok(v.hasErrors);
  const unresolved = offsetOf(text, 43, 'NYC0000X');
  assert.deepEqual(definition(v, unresolved), []);
  assert.deepEqual(shown(v, references(v, unresolved, true)), [where(text, 43, 'NYC0000X')]);
  assert.deepEqual(definition(v, offsetOf(text, 49, 'Instal')), []);
  // The broken advertisement still counts as a reference of its package and program.
  const pkg = offsetOf(text, 26, 'CEN00010');
  assert.deepEqual(shown(v, references(v, pkg, false)), [where(text, 41, 'CEN00010'), where(text, 54, 'CEN00010')]);
  assert.deepEqual(shown(v, references(v, offsetOf(text, 29, 'Install'), false)), [where(text, 42, 'Install')]);
  const after = renamed(text, pkg, 'OFFICE');
  assert.equal(lines(after)[41], '    package: OFFICE');
  assert.equal(lines(after)[54], '    package: OFFICE');

  // A syntax error at the end: what did parse still navigates.
  const broken = `${MULTI}  - id: [\n`;
  const b = validateText(broken);
  assert.ok(b.diagnostics.some((d) => d.code === 'yaml-syntax'));
  assert.deepEqual(shown(b, references(b, offsetOf(broken, 2, 'CEN'), false)), [
    where(broken, 8, 'CEN'),
    where(broken, 12, 'CEN'),
    where(broken, 22, 'CEN'),
  ]);
});

test('duplicate ids: definition lists every declaration; renaming one renames all of that name', () => {
  const text = MULTI.replace('  - id: CEN00001\n', '  - id: NYC00001\n');
  const v = validateText(text);
  assert.ok(v.diagnostics.some((d) => d.code === 'duplicate-id'));
  assert.deepEqual(shown(v, definition(v, offsetOf(text, 43, 'NYC00001'))), [
    where(text, 14, 'NYC00001'),
    where(text, 20, 'NYC00001'),
  ]);
});

test('ids an edit cannot keep exact (an alias, a multi-line scalar) navigate, and rename is refused', () => {
  const aliased = MULTI.replace('  - code: CEN\n', '  - code: &hq CEN\n').replace('    site: CEN\n', '    site: *hq\n');
  const v = validateText(aliased);
  assert.deepEqual(v.diagnostics, []);
  assert.deepEqual(shown(v, references(v, offsetOf(aliased, 2, 'CEN'), false)), [
    where(aliased, 8, 'CEN'),
    where(aliased, 12, 'CEN'),
    where(aliased, 22, '*hq'),
  ]);
  assert.match(
    refusal(aliased, offsetOf(aliased, 2, 'CEN'), 'HQ1'),
    /on line 23 it is written as an alias, a block scalar, over several lines or with escapes/,
  );
  // A plain scalar over two lines: its value is 'Install silently', which the reference names.
  const folded = MULTI.replace(
    '      - name: Install\n        estimatedRunMinutes: 45',
    '      - name: Install\n          silently\n        estimatedRunMinutes: 45',
  ).replace(
    '    program: Install\n    collection: NYC00001',
    '    program: Install silently\n    collection: NYC00001',
  );
  const f = validateText(folded);
  assert.deepEqual(f.diagnostics, []);
  const reference = offsetOf(folded, 43, 'Install silently');
  assert.deepEqual(definition(f, reference), [
    { start: offsetOf(folded, 29, 'Install'), end: offsetOf(folded, 30, 'silently', 8) },
  ]);
  assert.match(refusal(folded, reference, 'Setup'), /on line 30 it is written as/);
});

test('a repeated top-level key (a YAML error): no id points at text that does not hold it', () => {
  // The value keeps the last `sites`, the node walk finds the first: AAA is not the code BBB.
  const text = 'version: 1\nsites:\n  - code: AAA\nsites:\n  - code: BBB\n  - code: CCC\n    parent: BBB\n';
  const v = validateText(text);
  assert.ok(v.diagnostics.some((d) => d.code === 'yaml-syntax'));
  assert.equal(symbolAt(v, offsetOf(text, 2, 'AAA')), undefined);
  assert.deepEqual(workspaceSymbols(v, ''), []);
});

test('CRLF line ends and characters beyond the BMP: exact edits and a round trip', () => {
  const crlf = MULTI.replace(/\n/g, '\r\n');
  const install = crlf.indexOf('name: Install') + 'name: '.length;
  const after = renamed(crlf, install, 'Setup 🚀');
  assert.equal(
    after,
    crlf
      .replace('name: Install\r\n', 'name: Setup 🚀\r\n')
      .replace('program: Install\r\n    collection: NYC', 'program: Setup 🚀\r\n    collection: NYC'),
  );
  assert.deepEqual(validateText(after).diagnostics, []);
  assert.equal(renamed(after, install, 'Install'), crlf);
});

test('workspace symbols: every declared id, filtered by the query; programs name their package', () => {
  const v = validateText(MULTI);
  const all = workspaceSymbols(v, '');
  assert.deepEqual(
    all.map((s) => `${s.kind} ${s.name}${s.containerName ? ` in ${s.containerName}` : ''} ${show(v, s.span)}`),
    [
      `site CEN ${where(MULTI, 2, 'CEN')}`,
      `site NYC ${where(MULTI, 5, 'NYC')}`,
      `site LON ${where(MULTI, 9, 'LON')}`,
      `collection NYC00001 ${where(MULTI, 14, 'NYC00001')}`,
      `collection LON00001 ${where(MULTI, 19, 'LON00001')}`,
      `collection CEN00001 ${where(MULTI, 20, 'CEN00001')}`,
      `package CEN00010 ${where(MULTI, 26, 'CEN00010')}`,
      `program Install in CEN00010 ${where(MULTI, 29, 'Install')}`,
      `program Uninstall in CEN00010 ${where(MULTI, 31, 'Uninstall')}`,
      `package CEN00011 ${where(MULTI, 33, 'CEN00011')}`,
      `program Install in CEN00011 ${where(MULTI, 36, 'Install')}`,
      `advertisement NYC20001 ${where(MULTI, 39, 'NYC20001')}`,
      `advertisement LON20001 ${where(MULTI, 47, 'LON20001')}`,
      `advertisement CEN20001 ${where(MULTI, 53, 'CEN20001')}`,
    ],
  );
  assert.deepEqual(
    workspaceSymbols(v, 'lon').map((s) => s.name),
    ['LON', 'LON00001', 'LON20001'],
  );
  assert.deepEqual(
    workspaceSymbols(v, 'unst').map((s) => s.name),
    ['Uninstall'],
    'characters in order, not necessarily adjacent',
  );
  assert.deepEqual(workspaceSymbols(v, 'zzz'), []);
});

test('the lab example: LAB, CEN and the program of LAB20001', () => {
  const v = validateText(LAB_TEXT);
  // `    site: LAB` is line 22; `    parent: CEN` line 14, `    site: CEN` line 28; `    program: Per-system unattended` line 47.
  assert.deepEqual(shown(v, definition(v, offsetOf(LAB_TEXT, 22, 'LAB'))), ['11:10-13']);
  assert.deepEqual(shown(v, references(v, offsetOf(LAB_TEXT, 8, 'CEN'), true)), ['8:10-13', '14:12-15', '28:10-13']);
  assert.deepEqual(shown(v, definition(v, offsetOf(LAB_TEXT, 47, 'Per-system'))), ['36:14-35']);
});

test('incrementally parsed documents (lazy lists) navigate like a whole parse', () => {
  const text = generateDocument({ advertisements: 40, days: 30, seed: 3 }).text;
  const analyzer = new IncrementalAnalyzer();
  analyzer.validate(text);
  const edited = text.replace('presentTime: 2001-0', 'presentTime: 2001-1');
  const pieces = analyzer.validate(edited);
  assert.equal(analyzer.parsedInPieces, true);
  const whole = validateText(edited);
  const offsets = [...edited.matchAll(/^ {4}(?:collection|package|program|site|parent): /gm)].map(
    (m) => (m.index ?? 0) + m[0].length + 1,
  );
  assert.ok(offsets.length > 100);
  for (const offset of offsets) {
    assert.deepEqual(references(pieces, offset, true), references(whole, offset, true));
    assert.deepEqual(definition(pieces, offset), definition(whole, offset));
  }
  assert.deepEqual(workspaceSymbols(pieces, ''), workspaceSymbols(whole, ''));
});

test('2,000 advertisements: every reference finds a declaration with its text; a rename round-trips', (t) => {
  const { text } = generateDocument({ advertisements: 2000, days: 365 });
  const v = validateText(text);
  const started = performance.now();
  const symbols = workspaceSymbols(v, '');
  t.diagnostic(
    `index of ${v.parsed.lines.lineCount} lines built and listed in ${(performance.now() - started).toFixed(1)} ms`,
  );
  assert.equal(symbols.filter((s) => s.kind === 'advertisement').length, 2000);
  const collectionRefs = [...text.matchAll(/^ {4}collection: (\S+)$/gm)];
  assert.equal(collectionRefs.length, 2000);
  for (const match of collectionRefs) {
    const offset = (match.index ?? 0) + match[0].length - match[1]!.length;
    const [declared] = definition(v, offset);
    assert.ok(declared, `collection ${match[1]}`);
    assert.equal(text.slice(declared.start, declared.end), match[1]);
  }
  const firstSite = text.indexOf('code: S00') + 'code: '.length;
  const after = renamed(text, firstSite, 'ZZZ');
  assert.equal(validateText(after).hasErrors, false);
  assert.equal(renamed(after, firstSite, 'S00'), text);
});
