import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseText } from '../../server/src/core/document/parse';
import type { CoreDiagnostic, Range } from '../../server/src/core/diagnostics';
import { RECOGNISED_SCHEMA_PARTS, SMS_SCHEDULE_SCHEMA, validateSchema } from '../../server/src/core/schema/validate';
import { variantOf } from '../helpers/variant';
import { GENERATED_VALIDATORS, validatorSource } from '../../scripts/validatorSource';
import { ROOT } from '../helpers/paths';

/** A schema-valid document; each test changes one thing. Line numbers (0-based) in the comments. */
const BASE = [
  'version: 1', // 0
  'sites:', // 1
  '  - code: LAB', // 2
  '    server: LABSRV01', // 3
  '    smsVersion: "2.0 SP2"', // 4
  '    verifyCycle:', // 5
  '      intervalDays: 30', // 6
  'collections:', // 7
  '  - id: LAB00015', // 8
  '    name: NT Workstations', // 9
  '    site: LAB', // 10
  '    clients: 800', // 11
  '    installed: 2001-01-10T08:00', // 12
  'packages:', // 13
  '  - id: LAB00012', // 14
  '    name: Office', // 15
  '    programs:', // 16
  '      - name: Setup', // 17
  '        estimatedRunMinutes: 45', // 18
  'advertisements:', // 19
  '  - id: LAB20001', // 20
  '    name: Office to NT', // 21
  '    package: LAB00012', // 22
  '    program: Setup', // 23
  '    collection: LAB00015', // 24
  '    presentTime: 2001-03-01T00:00', // 25
  '    assignments:', // 26
  '      - at: 2001-03-06T02:00', // 27
  '        weekly: { day: tue, weeks: 1 }', // 28
  '',
].join('\n');

/** BASE with exact substrings replaced (each must occur). */
const variant = (...replacements: readonly (readonly [string, string])[]): string => variantOf(BASE, ...replacements);

function diagnose(text: string): CoreDiagnostic[] {
  return validateSchema(parseText(text));
}

function range(line: number, start: number, end: number, endLine = line): Range {
  return { start: { line, character: start }, end: { line: endLine, character: end } };
}

/** Asserts exactly one schema error, with this range and message. */
function assertOnly(text: string, expectedRange: Range, message?: string | RegExp): CoreDiagnostic {
  const diagnostics = diagnose(text);
  assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics, null, 1));
  const [only] = diagnostics as [CoreDiagnostic];
  assert.equal(only.code, 'schema');
  assert.equal(only.severity, 'error');
  assert.deepEqual(only.range, expectedRange);
  if (typeof message === 'string') assert.equal(only.message, message);
  else if (message) assert.match(only.message, message);
  return only;
}

test('the generated validators are those of the current schema (npm run generate)', () => {
  // The server and CLI load ajv's standalone code instead of compiling the schema at startup.
  const checkedIn = readFileSync(join(ROOT, GENERATED_VALIDATORS), 'utf8');
  assert.ok(checkedIn === validatorSource(), `${GENERATED_VALIDATORS} is stale: run npm run generate`);
});

test('each schema part with a message of its own is unique in the schema (errors are matched by content)', () => {
  const counts = new Map<string, number>();
  const walk = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return;
    const json = JSON.stringify(node);
    counts.set(json, (counts.get(json) ?? 0) + 1);
    for (const child of Object.values(node)) walk(child);
  };
  walk(SMS_SCHEDULE_SCHEMA);
  assert.equal(RECOGNISED_SCHEMA_PARTS.length, 5);
  for (const part of RECOGNISED_SCHEMA_PARTS) {
    assert.ok(part !== undefined, 'a recognised part is missing from the schema');
    assert.equal(counts.get(JSON.stringify(part)), 1, JSON.stringify(part).slice(0, 80));
  }
});

test('the base document and examples/lab.sms.yaml are schema-valid', () => {
  assert.deepEqual(diagnose(BASE), []);
  const lab = readFileSync(new URL('../../examples/lab.sms.yaml', import.meta.url), 'utf8');
  assert.deepEqual(diagnose(lab), []);
});

test('unknown key: on the key, with the nearest allowed key', () => {
  // '      intervalDay: 30': the key starts at column 6 and is 11 characters long → 6..17.
  assertOnly(
    variant(['intervalDays: 30', 'intervalDay: 30']),
    range(6, 6, 17),
    "Unknown key 'intervalDay' in verifyCycle. Did you mean 'intervalDays'?",
  );
});

test('unknown key without a close match lists the allowed keys', () => {
  // '      colour: red': key at 6..12.
  assertOnly(
    variant(['intervalDays: 30', 'colour: red']),
    range(6, 6, 12),
    "Unknown key 'colour' in verifyCycle. Allowed keys: enabled, intervalDays, durationMinutes, ccimCycleHours.",
  );
});

test('unknown key at the root names the document', () => {
  // 'simulaton: {}' is inserted as line 1: key at 0..9.
  assertOnly(
    variant(['version: 1\n', 'version: 1\nsimulaton: {}\n']),
    range(1, 0, 9),
    "Unknown key 'simulaton' in the document. Did you mean 'simulation'?",
  );
});

test('wrong type: on the value', () => {
  // '    clients: many': value at 13..17.
  assertOnly(
    variant(['clients: 800', 'clients: many']),
    range(11, 13, 17),
    "clients must be a whole number (got 'many')",
  );
});

test('a number where text is expected says to quote it', () => {
  // '    smsVersion: 2.0': value at 16..19; YAML 1.2 reads 2.0 as the number 2.
  assertOnly(
    variant(['smsVersion: "2.0 SP2"', 'smsVersion: 2.0']),
    range(4, 16, 19),
    'smsVersion must be text, but YAML reads 2.0 as a number; quote it: smsVersion: "2.0"',
  );
  // An all-digit token: '      - token: 0081123400000000' → value at 15..31 (16 digits).
  const token = assertOnly(
    variant([
      '      - at: 2001-03-06T02:00\n        weekly: { day: tue, weeks: 1 }',
      '      - token: 0081123400000000',
    ]),
    range(27, 15, 31),
  );
  assert.match(token.message, /quote it: token: "0081123400000000"/);
});

test('YAML 1.2 yes is not a boolean', () => {
  // '    gmt: yes' is inserted after presentTime (line 26): value at 9..12.
  assertOnly(
    variant(['presentTime: 2001-03-01T00:00\n', 'presentTime: 2001-03-01T00:00\n    gmt: yes\n']),
    range(26, 9, 12),
    "gmt must be true or false (got 'yes'; YAML 1.2 reads yes/no/on/off as text)",
  );
});

test('enum: a bad weekday is reported, not the assignment forms', () => {
  // "        weekly: { day: 'tue ', weeks: 1 }": 8 spaces + 'weekly: ' (8) + '{ ' (2) + 'day: ' (5) = 23;
  // the quoted scalar 'tue ' is 6 characters → 23..29.
  assertOnly(
    variant(['{ day: tue,', "{ day: 'tue ',"]),
    range(28, 23, 29),
    "'tue ' is not a day; use one of sun, mon, tue, wed, thu, fri, sat",
  );
});

test('out of range: between min and max', () => {
  // '      intervalDays: 400': value at 20..23.
  assertOnly(
    variant(['intervalDays: 30', 'intervalDays: 400']),
    range(6, 20, 23),
    'intervalDays must be between 1 and 365 (got 400)',
  );
  // '        estimatedRunMinutes: 0': value at 29..30; the anyOf with 'unknown' collapses to one message.
  assertOnly(
    variant(['estimatedRunMinutes: 45', 'estimatedRunMinutes: 0']),
    range(18, 29, 30),
    "estimatedRunMinutes must be a whole number of minutes between 1 and 1440, or 'unknown' (got 0)",
  );
});

test('date-time with a UTC designator or offset', () => {
  // '    presentTime: 2001-03-01T00:00Z': value at 17..34 (17 characters).
  assertOnly(
    variant(['presentTime: 2001-03-01T00:00', 'presentTime: 2001-03-01T00:00Z']),
    range(25, 17, 34),
    "'2001-03-01T00:00Z' has a UTC designator or offset; SMS date-times are wall times without offset (SPEC §2) — use 'gmt: true' for UTC",
  );
  // '      - at: 2001-03-06T02:00+01:00': value at 12..34 (22 characters).
  assertOnly(
    variant(['at: 2001-03-06T02:00', 'at: 2001-03-06T02:00+01:00']),
    range(27, 12, 34),
    /has a UTC designator or offset/,
  );
});

test('simulation.from with a Z: it is UTC already', () => {
  // 'simulation: { from: 2001-03-01T00:00Z }' inserted as line 1: 'simulation: { from: ' is 20 → 20..37.
  assertOnly(
    variant(['version: 1\n', 'version: 1\nsimulation: { from: 2001-03-01T00:00Z }\n']),
    range(1, 20, 37),
    "'2001-03-01T00:00Z' has a UTC designator or offset; simulation.from is a UTC wall time written without one",
  );
});

test('date-time of the wrong shape or with seconds other than 00', () => {
  // '    installed: 2001-01-10T08:00:30': value at 15..34.
  assertOnly(
    variant(['installed: 2001-01-10T08:00', 'installed: 2001-01-10T08:00:30']),
    range(12, 15, 34),
    "'2001-01-10T08:00:30' is not a date-time; write YYYY-MM-DDThh:mm, e.g. 2001-03-06T02:00 (minute precision; seconds, if written, must be :00)",
  );
  assert.deepEqual(diagnose(variant(['installed: 2001-01-10T08:00', 'installed: 2001-01-10T08:00:00'])), []);
  // Month 13: the pattern refuses it ('    presentTime: 2001-13-01T00:00' → 17..33).
  assertOnly(
    variant(['presentTime: 2001-03-01T00:00', 'presentTime: 2001-13-01T00:00']),
    range(25, 17, 33),
    /is not a date-time/,
  );
});

test('installed as a rollout window is validated as a window', () => {
  assert.deepEqual(
    diagnose(variant(['installed: 2001-01-10T08:00', 'installed: { from: 2001-01-08T08:00, to: 2001-01-12T17:00 }'])),
    [],
  );
  // Missing 'to': reported on the 'installed' key, 4..13.
  assertOnly(
    variant(['installed: 2001-01-10T08:00', 'installed: { from: 2001-01-08T08:00 }']),
    range(12, 4, 13),
    "Missing required key 'to' in installed",
  );
  // '    installed: 5': neither form → one message on the value, 15..16.
  assertOnly(
    variant(['installed: 2001-01-10T08:00', 'installed: 5']),
    range(12, 15, 16),
    /date-time .* or a rollout window/,
  );
});

test('missing required key at the root: line 0', () => {
  // Without 'version: 1', line 0 is 'sites:' (0..6).
  assertOnly(variant(['version: 1\n', '']), range(0, 0, 6), "Missing required key 'version' in the document");
});

test('missing required key in a list item: its first key', () => {
  // '  - id: LAB20001' (line 20): the first key 'id' is at 4..6.
  assertOnly(
    variant(['    presentTime: 2001-03-01T00:00\n', '']),
    range(20, 4, 6),
    "Missing required key 'presentTime' in advertisement LAB20001",
  );
});

test('missing required key in a nested map: the map key', () => {
  // "        weekly: { weeks: 1 }": the key 'weekly' is at 8..14.
  assertOnly(
    variant(['{ day: tue, weeks: 1 }', '{ weeks: 1 }']),
    range(28, 8, 14),
    "Missing required key 'day' in weekly",
  );
});

test('assignment forms: one message on the key that breaks the form', () => {
  // '        event: asap' replaces the weekly line: 'event' is the second form key, at 8..13.
  assertOnly(
    variant(['weekly: { day: tue, weeks: 1 }', 'event: asap']),
    range(28, 8, 13),
    "An assignment has exactly one form: event, at (with optional every/weekly/monthlyByWeekday/monthlyByDate) or token; this one has both 'at' and 'event'",
  );
  // Two recurrences: the second one's key, '        every: { days: 1 }' → 8..13.
  assertOnly(
    variant(['weekly: { day: tue, weeks: 1 }', 'weekly: { day: tue, weeks: 1 }\n        every: { days: 1 }']),
    range(29, 8, 13),
    /at most one recurrence .* both 'weekly' and 'every'/,
  );
  // A recurrence without 'at': '      - weekly: { day: tue }' → the key at 8..14.
  assertOnly(
    variant(['      - at: 2001-03-06T02:00\n        weekly: { day: tue, weeks: 1 }', '      - weekly: { day: tue }']),
    range(27, 8, 14),
    /'weekly' needs 'at'/,
  );
  // An empty map '      - {}': no key to point at, so the item itself, 8..10.
  assertOnly(
    variant(['      - at: 2001-03-06T02:00\n        weekly: { day: tue, weeks: 1 }', '      - {}']),
    range(27, 8, 10),
    'An assignment has exactly one form: event, at (with optional every/weekly/monthlyByWeekday/monthlyByDate) or token',
  );
  // A scalar item '      - asap': 8..12.
  assertOnly(
    variant(['      - at: 2001-03-06T02:00\n        weekly: { day: tue, weeks: 1 }', '      - asap']),
    range(27, 8, 12),
    /exactly one form.*write it as a map/,
  );
});

test('an unknown key in an assignment wins over the forms message on the same key', () => {
  // '      - evnt: asap': the key at 8..12.
  assertOnly(
    variant(['      - at: 2001-03-06T02:00\n        weekly: { day: tue, weeks: 1 }', '      - evnt: asap']),
    range(27, 8, 12),
    "Unknown key 'evnt' in assignments[0] of advertisement LAB20001. Did you mean 'event'?",
  );
});

test('a token is only typed as a string (its content is checked elsewhere)', () => {
  assert.deepEqual(
    diagnose(variant(['      - at: 2001-03-06T02:00\n        weekly: { day: tue, weeks: 1 }', '      - token: "ZZZ"'])),
    [],
  );
});

test('more than 15 assignments: on the 16th', () => {
  const items = Array.from({ length: 16 }, () => '      - event: asap').join('\n');
  // Items start on line 27; the 16th (index 15) is line 27 + 15 = 42; its map 'event: asap' is at 8..19.
  assertOnly(
    variant(['      - at: 2001-03-06T02:00\n        weekly: { day: tue, weeks: 1 }', items]),
    range(42, 8, 19),
    'assignments has at most 15 items (got 16)',
  );
});

test('CRLF line breaks give the same ranges', () => {
  const crlf = variant(['intervalDays: 30', 'intervalDay: 30']).replace(/\n/g, '\r\n');
  assertOnly(crlf, range(6, 6, 17), /Unknown key 'intervalDay'/);
});

test('columns are UTF-16 code units after an emoji', () => {
  const flow = '  - { id: LAB00015, name: "🎉 NT", site: LAB, clients: lots, installed: 2001-01-10T08:00 }\n';
  const text = variant([BASE.split('\n').slice(8, 13).join('\n') + '\n', flow]);
  // '  - { ' = 6; 'id: LAB00015, ' = 14 → 'name' at 20; 'name: ' = 6 → value at 26;
  // '"🎉 NT"' = 1 + 2 (🎉 is a surrogate pair) + 1 + 2 + 1 = 7 → 33; ', ' → 'site' at 35;
  // 'site: LAB, ' = 11 → 'clients' at 46; 'clients: ' = 9 → 'lots' at 55..59 (code points would say 54).
  assertOnly(text, range(8, 55, 59), "clients must be a whole number (got 'lots')");
});

test('an empty document is one schema error on line 0', () => {
  assertOnly('', range(0, 0, 0), 'The document is empty; required keys: version, sites, collections');
  // Only a comment: still empty; line 0 is the comment, 0..9.
  assertOnly('# nothing\n', range(0, 0, 9), /The document is empty/);
});

test('a document that is not a map', () => {
  assertOnly('- a\n', range(0, 0, 3), /The document must be a map/);
});

test('a document with YAML syntax errors gets no schema errors', () => {
  const parsed = parseText('version: [1\n');
  assert.ok(parsed.syntaxDiagnostics.length > 0);
  assert.deepEqual(validateSchema(parsed), []);
});

test('several errors are all reported, in document order, one per range', () => {
  const diagnostics = diagnose(variant(['intervalDays: 30', 'intervalDays: 0'], ['clients: 800', 'clients: 0']));
  // intervalDays on line 6 (value 20..21), clients on line 11 (value 13..14).
  assert.deepEqual(
    diagnostics.map((d) => [d.range, d.message]),
    [
      [range(6, 20, 21), 'intervalDays must be between 1 and 365 (got 0)'],
      [range(11, 13, 14), 'clients must be at least 1 (got 0)'],
    ],
  );
});
