import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { parseText } from '../../server/src/core/document/parse';
import type { CoreDiagnostic, Range } from '../../server/src/core/diagnostics';
import { analyzeText, IncrementalAnalyzer, validateText } from '../../server/src/core/analyze';
import { checkSemantics, isUnconfirmedSmsVersion, unconfirmedVersionNote } from '../../server/src/core/semantics';
import { validateSchema } from '../../server/src/core/schema/validate';
import { plainSimulation } from '../helpers/findings';
import { variantOf } from '../helpers/variant';

const BASE = [
  'version: 1', // 0
  'sites:', // 1
  '  - code: LAB', // 2
  '    server: LABSRV01', // 3
  '    smsVersion: "2.0 SP2"', // 4
  'collections:', // 5
  '  - id: LAB00015', // 6
  '    name: NT Workstations', // 7
  '    site: LAB', // 8
  '    clients: 800', // 9
  '    timeZone: America/New_York', // 10
  '    installed: 2001-01-10T08:00', // 11
  'packages:', // 12
  '  - id: LAB00012', // 13
  '    name: Office', // 14
  '    programs:', // 15
  '      - name: Setup', // 16
  '        estimatedRunMinutes: 45', // 17
  'advertisements:', // 18
  '  - id: LAB20001', // 19
  '    name: Office to NT', // 20
  '    package: LAB00012', // 21
  '    program: Setup', // 22
  '    collection: LAB00015', // 23
  '    presentTime: 2001-03-01T00:00', // 24
  '    expirationTime: 2001-06-01T00:00', // 25
  '    assignments:', // 26
  '      - at: 2001-03-06T02:00', // 27
  '        every: { days: 1 }', // 28
  '',
].join('\n');

/** BASE with exact substrings replaced (each must occur). */
const variant = (...replacements: readonly (readonly [string, string])[]): string => variantOf(BASE, ...replacements);

function range(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}

function assertOnly(
  text: string,
  code: CoreDiagnostic['code'],
  expectedRange: Range,
  message?: string | RegExp,
): CoreDiagnostic {
  const diagnostics = checkSemantics(parseText(text));
  assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics, null, 1));
  const [only] = diagnostics as [CoreDiagnostic];
  assert.equal(only.code, code);
  assert.deepEqual(only.range, expectedRange);
  if (typeof message === 'string') assert.equal(only.message, message);
  else if (message) assert.match(only.message, message);
  return only;
}

test('the base document and examples/lab.sms.yaml have no semantic findings', () => {
  assert.deepEqual(checkSemantics(parseText(BASE)), []);
  assert.deepEqual(validateSchema(parseText(BASE)), []);
  const lab = readFileSync(new URL('../../examples/lab.sms.yaml', import.meta.url), 'utf8');
  assert.deepEqual(checkSemantics(parseText(lab)), []);
});

test('duplicate site code: on the repeat, naming the first line', () => {
  const text = variant(['collections:', '  - code: LAB\n    server: LABSRV02\n    smsVersion: "2.0"\ncollections:']);
  // The repeat '  - code: LAB' is inserted as line 5: value at 10..13. The first is line 2 → "line 3" (1-based).
  const only = assertOnly(text, 'duplicate-id', range(5, 10, 13), "Duplicate site code 'LAB': first defined on line 3");
  assert.equal(only.severity, 'error');
  assert.deepEqual(only.related?.[0]?.range, range(2, 10, 13));
});

test('duplicate advertisement id and program name in a package', () => {
  const ad = variant(['      - name: Setup\n', '      - name: Setup\n      - name: Setup\n']);
  // The second '      - name: Setup' is line 17: value at 14..19; the first is line 16 → "line 17".
  assertOnly(
    ad,
    'duplicate-id',
    range(17, 14, 19),
    "Duplicate program 'Setup' in package LAB00012: first defined on line 17",
  );
  const collections = variant([
    'packages:',
    '  - id: LAB00015\n    name: Other\n    site: LAB\n    clients: 1\n    installed: 2001-01-10T08:00\npackages:',
  ]);
  // The repeat '  - id: LAB00015' is line 12: value at 8..16.
  assertOnly(
    collections,
    'duplicate-id',
    range(12, 8, 16),
    "Duplicate collection id 'LAB00015': first defined on line 7",
  );
});

test('unresolved references: on the value, with the nearest id', () => {
  // '    site: LBA' (line 8): value at 10..13.
  assertOnly(
    variant(['    site: LAB', '    site: LBA']),
    'unresolved-reference',
    range(8, 10, 13),
    "Site 'LBA' is not defined in this file. Did you mean 'LAB'?",
  );
  // '    collection: LAB00016' (line 23): value at 16..24.
  assertOnly(
    variant(['collection: LAB00015', 'collection: LAB00016']),
    'unresolved-reference',
    range(23, 16, 24),
    "Collection 'LAB00016' is not defined in this file. Did you mean 'LAB00015'?",
  );
  // '    program: Install everything' (line 22): value at 13..31; no close name, so the list.
  assertOnly(
    variant(['program: Setup', 'program: Install everything']),
    'unresolved-reference',
    range(22, 13, 31),
    "Program 'Install everything' is not defined in package LAB00012. Defined programs in it: Setup.",
  );
  // '    parent: XYZ' after smsVersion (line 5): value at 12..15.
  assertOnly(
    variant(['    smsVersion: "2.0 SP2"\n', '    smsVersion: "2.0 SP2"\n    parent: XYZ\n']),
    'unresolved-reference',
    range(5, 12, 15),
    "Site 'XYZ' is not defined in this file. Defined sites: LAB.",
  );
});

test('an unknown package is reported once (its program is not looked up)', () => {
  // '    package: LAB00013' (line 21): value at 13..21.
  assertOnly(
    variant(['package: LAB00012', 'package: LAB00013']),
    'unresolved-reference',
    range(21, 13, 21),
    /Did you mean 'LAB00012'/,
  );
});

test('expiration not after presentation is a warning on expirationTime', () => {
  // '    expirationTime: 2001-03-01T00:00' (line 25): value at 20..36.
  const only = assertOnly(
    variant(['expirationTime: 2001-06-01T00:00', 'expirationTime: 2001-03-01T00:00']),
    'expiration-before-present',
    range(25, 20, 36),
    /is not after presentTime/,
  );
  assert.equal(only.severity, 'warning');
  // Seconds ':00' do not change the comparison: 00:00:00 equals 00:00.
  assertOnly(
    variant(['expirationTime: 2001-06-01T00:00', 'expirationTime: 2001-03-01T00:00:00']),
    'expiration-before-present',
    range(25, 20, 39),
  );
  assert.deepEqual(
    checkSemantics(parseText(variant(['expirationTime: 2001-06-01T00:00', 'expirationTime: 2001-03-01T00:01']))),
    [],
  );
});

test('a date that is not on the calendar', () => {
  // '    presentTime: 2001-02-30T00:00' (line 24): value at 17..33. Before the expiration, so no warning.
  assertOnly(
    variant(['presentTime: 2001-03-01T00:00', 'presentTime: 2001-02-30T00:00']),
    'schema',
    range(24, 17, 33),
    "'2001-02-30T00:00' is not a calendar date: February 2001 has 28 days",
  );
  // Leap years: 2000-02-29 exists (divisible by 400); 1900-02-29 does not (by 100, not 400).
  assert.deepEqual(checkSemantics(parseText(variant(['at: 2001-03-06T02:00', 'at: 2000-02-29T02:00']))), []);
  // '      - at: 1900-02-29T02:00' (line 27): value at 12..28.
  assertOnly(
    variant(['at: 2001-03-06T02:00', 'at: 1900-02-29T02:00']),
    'schema',
    range(27, 12, 28),
    /February 1900 has 28 days/,
  );
  // April has 30 days; in a rollout window '    installed: { from: 2001-04-31T08:00, to: … }': from at 23..39.
  assertOnly(
    variant(['installed: 2001-01-10T08:00', 'installed: { from: 2001-04-31T08:00, to: 2001-05-02T08:00 }']),
    'schema',
    range(11, 23, 39),
    /April 2001 has 30 days/,
  );
});

test('an unknown IANA time zone', () => {
  // '    timeZone: America/NewYork' (line 10): value at 14, 15 characters → 14..29.
  assertOnly(
    variant(['America/New_York', 'America/NewYork']),
    'schema',
    range(10, 14, 29),
    "Unknown time zone 'America/NewYork'. Did you mean 'America/New_York'?",
  );
  assert.deepEqual(checkSemantics(parseText(variant(['America/New_York', 'UTC']))), []);
});

test('an interval of length 0', () => {
  // '        every: { days: 0, hours: 0 }' (line 28): value at 15..36.
  assertOnly(
    variant(['every: { days: 1 }', 'every: { days: 0, hours: 0 }']),
    'schema',
    range(28, 15, 36),
    'An interval must be longer than 0: give days, hours or minutes (e.g. every: { days: 1 })',
  );
  // An empty map: every member missing → 15..17.
  assertOnly(variant(['every: { days: 1 }', 'every: {}']), 'schema', range(28, 15, 17), /longer than 0/);
  assert.deepEqual(checkSemantics(parseText(variant(['every: { days: 1 }', 'every: { minutes: 30 }']))), []);
});

test('a rollout window that ends before it starts', () => {
  // '    installed: { from: 2001-01-12T17:00, to: 2001-01-08T08:00 }': 'from: ' at 17 → value 23..39;
  // ', to: ' → value at 45..61.
  assertOnly(
    variant(['installed: 2001-01-10T08:00', 'installed: { from: 2001-01-12T17:00, to: 2001-01-08T08:00 }']),
    'schema',
    range(11, 45, 61),
    'The rollout window ends before it starts: to (2001-01-08T08:00) is before from (2001-01-12T17:00)',
  );
});

test('schema-invalid shapes are skipped, never thrown on', () => {
  const odd = [
    'sites: 5\ncollections: [null, 3, { installed: { from: 1 } }, { timeZone: 7 }]\n',
    'advertisements: [{ assignments: x }, { assignments: [1, { every: 3 }, { every: { days: x } }] }]\n',
    'packages: [{ programs: { name: a } }, { id: 1, programs: [{ name: [] }] }]\n',
    '- a\n- b\n',
    'just text\n',
    '',
  ];
  for (const text of odd) assert.doesNotThrow(() => checkSemantics(parseText(text)), text);
});

test('property: arbitrary YAML values never make validation or semantics throw', () => {
  const keys = fc.constantFrom(
    'version',
    'sites',
    'collections',
    'packages',
    'advertisements',
    'code',
    'id',
    'installed',
    'every',
    'at',
    'to',
    'from',
    'timeZone',
    'programs',
    'assignments',
    'x',
  );
  const value = fc.letrec((tie) => ({
    node: fc.oneof(
      { depthSize: 'small' },
      fc.constantFrom(null, 0, 1, 'LAB', '2001-02-30T00:00', '2001-03-01T00:00', 'Mars/Olympus', true),
      fc.array(tie('node'), { maxLength: 3 }),
      fc.dictionary(keys, tie('node'), { maxKeys: 4 }),
    ),
  })).node;
  fc.assert(
    fc.property(value, (v) => {
      const parsed = parseText(stringify(v));
      validateSchema(parsed);
      checkSemantics(parsed);
    }),
    { numRuns: 300 },
  );
});

test('unconfirmed-sms-version: an information on the smsVersion value of an SP3 or SP4 site (SPEC §6 v1.1)', () => {
  // '    smsVersion: "2.0 SP3"' (line 4): the quoted value at 16..25.
  const sp3 = assertOnly(
    variant(['"2.0 SP2"', '"2.0 SP3"']),
    'unconfirmed-sms-version',
    range(4, 16, 25),
    unconfirmedVersionNote('2.0 SP3'),
  );
  assert.equal(sp3.severity, 'information');
  assert.match(sp3.message, /^SMS 2\.0 SP3: Q283130 .* lists only SMS 2\.0, SP1 and SP2/);
  assert.match(sp3.message, /still assumes .* \(our model, a precaution\)/);
  assert.match(sp3.message, /Q246040 \(Cliverify\.exe\) does list SP3/);
  const sp4 = assertOnly(variant(['"2.0 SP2"', "'2.0 SP4'"]), 'unconfirmed-sms-version', range(4, 16, 25));
  assert.match(sp4.message, /^SMS 2\.0 SP4: .*a Cliverify build for SP4 is not documented either\.$/);
});

test('unconfirmed-sms-version: not for the levels Q283130 lists, nor for values the schema rejects', () => {
  for (const version of ['"2.0"', '"2.0 SP1"', '"2.0 SP2"', '"2.0 SP5"', '3', '[SP3]']) {
    assert.deepEqual(checkSemantics(parseText(variant(['"2.0 SP2"', version]))), [], version);
  }
  for (const version of ['2.0', '2.0 SP1', '2.0 SP2', '2.0 SP5', 'SP3', '2.0 sp3']) {
    assert.equal(isUnconfirmedSmsVersion(version), false, version);
    assert.equal(unconfirmedVersionNote(version), undefined, version);
  }
  assert.equal(isUnconfirmedSmsVersion('2.0 SP3'), true);
  assert.equal(isUnconfirmedSmsVersion('2.0 SP4'), true);
});

test('unconfirmed-sms-version: the simulation still runs, with the same findings', () => {
  const lab = readFileSync(new URL('../../examples/lab.sms.yaml', import.meta.url), 'utf8');
  const sp3 = lab.replace('smsVersion: "2.0 SP1"', 'smsVersion: "2.0 SP3"');
  assert.notEqual(sp3, lab);
  const before = analyzeText(lab);
  const after = analyzeText(sp3);
  assert.equal(after.hasErrors, false);
  assert.ok((before.simulation?.interruptions.length ?? 0) > 0);
  assert.deepEqual(plainSimulation(after.simulation), plainSimulation(before.simulation));
  const added = after.allDiagnostics.filter((d) => d.code === 'unconfirmed-sms-version');
  assert.equal(added.length, 1);
  assert.equal(
    added[0]?.range.start.line,
    lab.split('\n').findIndex((l) => l.includes('"2.0 SP1"')),
  );
  assert.equal(after.allDiagnostics.length, before.allDiagnostics.length + 1);
});

test('unconfirmed-sms-version: an edited site gains and loses it in the incremental analyzer too', () => {
  const analyzer = new IncrementalAnalyzer();
  const codes = (text: string): string[] => analyzer.validate(text).diagnostics.map((d) => d.code);
  assert.deepEqual(codes(BASE), []);
  assert.deepEqual(codes(variant(['"2.0 SP2"', '"2.0 SP4"'])), ['unconfirmed-sms-version']);
  assert.deepEqual(codes(BASE), []);
  assert.deepEqual(
    codes(variant(['"2.0 SP2"', '"2.0 SP4"'])),
    validateText(variant(['"2.0 SP2"', '"2.0 SP4"'])).diagnostics.map((d) => d.code),
  );
});
