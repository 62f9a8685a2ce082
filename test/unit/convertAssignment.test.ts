import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { analyzeValidation, validateText } from '../../server/src/core/analyze';
import {
  assignmentConversions,
  convertAssignment,
  CONVERT_TO_READABLE_TITLE,
  CONVERT_TO_TOKEN_TITLE,
} from '../../server/src/core/edits/convertAssignment';
import { applyEdits } from '../../server/src/core/edits/yamlEdits';
import { plainSimulation } from '../helpers/findings';
import { example } from '../helpers/paths';

const lab = readFileSync(example('lab.sms.yaml'), 'utf8');

/** A one-advertisement document whose assignments are the given item lines (already indented). */
function document(items: readonly string[], { gmt = false, collection = 'LAB00015' } = {}): string {
  return [
    'version: 1',
    'sites:',
    '  - { code: LAB, server: LABSRV, smsVersion: "2.0 SP1", verifyCycle: { intervalDays: 1, ccimCycleHours: 24 } }',
    'collections:',
    '  - { id: LAB00015, name: WS, site: LAB, clients: 10, timeZone: America/New_York, installed: 1998-01-10T00:30 }',
    'packages:',
    '  - { id: LAB00012, name: Office, programs: [ { name: Setup, estimatedRunMinutes: 90 } ] }',
    'advertisements:',
    '  - id: LAB20001',
    '    name: Office',
    '    package: LAB00012',
    '    program: Setup',
    `    collection: ${collection}`,
    '    presentTime: 1998-03-01T00:00',
    `    gmt: ${gmt}`,
    '    assignments:',
    ...items,
    '',
  ].join('\n');
}

/** Converts assignment j of the first advertisement; undefined when not offered. */
function convert(text: string, j: number): string | undefined {
  const conversion = convertAssignment(validateText(text), 0, j);
  return conversion && applyEdits(text, [conversion.edit]);
}

const findings = (text: string) => plainSimulation(analyzeValidation(validateText(text)).simulation);

describe('Convert to readable schedule', () => {
  it('turns an exact token into at + recurrence, with the same runs, and back to the same text', () => {
    // SPEC §5: monthly by date, day 15, every month, start 1998-04-10 00:00, no duration.
    const text = document(['      - token: "000A4700002BC400"  # from the site', '      - event: logon']);
    const conversion = convertAssignment(validateText(text), 0, 0);
    assert.equal(conversion?.title, CONVERT_TO_READABLE_TITLE);
    assert.equal(conversion?.kind, 'refactor.rewrite');
    const readable = applyEdits(text, [conversion!.edit]);
    assert.equal(
      readable,
      text.replace('token: "000A4700002BC400"', 'at: 1998-04-10T00:00\n        monthlyByDate: { day: 15, months: 1 }'),
    );
    assert.ok(findings(text)!.interruptions.length > 0, 'the fixture has findings to compare');
    assert.deepEqual(findings(readable), findings(text));
    assert.equal(convert(readable, 0), text);
  });

  it('keeps a flow item a flow item', () => {
    const text = document(['      - { token: "000A4700002BC400" }']);
    assert.equal(
      convert(text, 0),
      text.replace('token: "000A4700002BC400"', 'at: 1998-04-10T00:00, monthlyByDate: { day: 15, months: 1 }'),
    );
  });

  it('is not offered for a token that a readable form cannot give back exactly', () => {
    const none = (items: string[], options = {}) => convertAssignment(validateText(document(items, options)), 0, 0);
    assert.equal(none(['      - token: "00811A9E081A2000"']), undefined, 'a duration of 1 h 30 min');
    assert.equal(none(['      - token: "000A4700002BC400"'], { gmt: true }), undefined, 'GMT bit unlike gmt: true');
    assert.equal(none(['      - token: "000A4700002BC401"']), undefined, 'GMT bit unlike gmt: false');
    assert.equal(none(['      - token: "000a4700002bc400"']), undefined, 'lower case would come back upper case');
    assert.equal(none(['      - token: "0001128000080008"']), undefined, 'a bit its type does not use (SPEC §5 v1.1)');
    assert.equal(none(['      - token: "000A4700002BC400000A4700002BC400"']), undefined, 'two schedules');
    assert.equal(
      none(['      - token: "000A4700002BC400"'], { collection: 'NOPE' }),
      undefined,
      'a broken advertisement',
    );
    assert.equal(none(['      - event: asap']), undefined, 'an event');
    // A GMT token in a gmt advertisement is exact.
    assert.ok(none(['      - token: "000A4700002BC401"'], { gmt: true }));
  });
});

describe('Convert to SMS token', () => {
  it("turns lab.sms.yaml's daily assignment into a token and back to the very same text and findings", () => {
    const validation = validateText(lab);
    const conversion = convertAssignment(validation, 0, 0);
    assert.equal(conversion?.title, CONVERT_TO_TOKEN_TITLE);
    const tokenText = applyEdits(lab, [conversion!.edit]);
    const token = /- token: "([0-9A-F]{16})"\n {2}- id: CEN20007/.exec(tokenText)?.[1];
    assert.ok(token, 'one token entry in place of the two entries');
    assert.equal(tokenText, lab.replace('at: 2001-03-01T00:30\n        every: { days: 1 }', `token: "${token}"`));
    assert.deepEqual(findings(tokenText), findings(lab));
    assert.equal(convert(tokenText, 0), lab);
  });

  it('writes the defaults a token holds, and a gmt advertisement gets the GMT bit', () => {
    const text = document(['      - at: 1998-03-03T02:00', '        weekly:', '          day: tue']);
    const tokenText = convert(text, 0)!;
    assert.deepEqual(findings(tokenText), findings(text));
    assert.equal(convert(tokenText, 0), text.replace('weekly:\n          day: tue', 'weekly: { day: tue, weeks: 1 }'));
    const gmt = convert(document(['      - at: 1998-03-03T02:00'], { gmt: true }), 0)!;
    const token = /token: "([0-9A-F]{16})"/.exec(gmt)![1]!;
    assert.equal(parseInt(token.slice(15), 16) & 1, 1);
    assert.deepEqual(findings(gmt), findings(document(['      - at: 1998-03-03T02:00'], { gmt: true })));
  });

  it('is not offered when the start is outside the token years or a comment sits between the entries', () => {
    assert.equal(convert(document(['      - at: 1969-12-31T23:00']), 0), undefined);
    assert.equal(
      convert(document(['      - at: 1998-03-03T02:00', '        # weekly', '        weekly: { day: tue }']), 0),
      undefined,
    );
  });
});

describe('assignmentConversions', () => {
  it('offers one conversion per assignment item the range touches', () => {
    const text = document([
      '      - token: "000A4700002BC400"',
      '      - event: logon',
      '      - at: 1998-03-03T02:00',
    ]);
    const validation = validateText(text);
    const all = assignmentConversions(validation, { start: text.indexOf('- token'), end: text.length - 1 });
    assert.deepEqual(
      all.map((c) => [c.assignmentIndex, c.title]),
      [
        [0, CONVERT_TO_READABLE_TITLE],
        [2, CONVERT_TO_TOKEN_TITLE],
      ],
    );
    const cursor = text.indexOf('1998-03-03T02:00') + 3;
    assert.deepEqual(
      assignmentConversions(validation, { start: cursor, end: cursor }).map((c) => c.assignmentIndex),
      [2],
    );
    assert.deepEqual(assignmentConversions(validation, { start: 0, end: 5 }), []);
  });
});
