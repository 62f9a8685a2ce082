import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { analyzeValidation, validateText } from '../../server/src/core/analyze';
import { locate } from '../../server/src/core/document/parse';
import { applyEdits } from '../../server/src/core/edits/yamlEdits';
import { toInstant } from '../../server/src/core/engine/time';
import { retimeFix } from '../../server/src/core/fixes/retime';
import { assignmentAt } from '../../server/src/core/ide/assignmentAt';
import { parseLocalDateTime } from '../../server/src/core/model/localDateTime';
import { decodeTokens, encodeSchedule } from '../../server/src/core/tokens/codec';
import { example } from '../helpers/paths';

const lab = readFileSync(example('lab.sms.yaml'), 'utf8');

/**
 * One UTC collection installed at 10:00 with CCIM waking every 24 h and a 1-day interval: a
 * verify pass starts at 10:00 every day. One advertisement with the given assignment item text.
 */
function document(assignment: string, runMinutes = 30, gmt = false): string {
  return [
    'version: 1',
    'simulation: { from: 2001-03-01T00:00, days: 30 }',
    'sites:',
    '  - code: LAB',
    '    server: LABSRV',
    '    smsVersion: "2.0 SP1"',
    '    verifyCycle: { intervalDays: 1, ccimCycleHours: 24, durationMinutes: 5 }',
    'collections:',
    '  - id: LAB00015',
    '    name: Workstations',
    '    site: LAB',
    '    clients: 10',
    '    installed: 2001-01-01T10:00',
    'packages:',
    '  - id: LAB00012',
    '    name: Office',
    '    programs:',
    '      - name: Setup',
    `        estimatedRunMinutes: ${runMinutes}`,
    'advertisements:',
    '  - id: LAB20001',
    '    name: Office',
    '    package: LAB00012',
    '    program: Setup',
    '    collection: LAB00015',
    '    presentTime: 2001-03-01T00:00',
    `    gmt: ${gmt}`,
    '    assignments:',
    '      - event: logon',
    `      - ${assignment}`,
    '',
  ].join('\n');
}

const utc = (text: string): number => toInstant(parseLocalDateTime(text)!, 'UTC');

function interruptionsOf(text: string, assignment: number): number {
  const analysis = analyzeValidation(validateText(text));
  return analysis.simulation!.interruptions.toArray().filter((i) => i.assignment === assignment).length;
}

describe('re-time fix (SPEC §7 v1.1)', () => {
  it('moves LAB20001 in examples/lab.sms.yaml to 00:15, with the exact title, touching only the time', () => {
    const validation = validateText(lab);
    const fix = retimeFix(validation, 'LAB20001', 0);
    assert.ok(fix);
    assert.equal(fix.title, "Start LAB20001's assignment at 00:15 America/New_York instead (no interruptions)");
    assert.equal(fix.minutes, -15);
    assert.equal(fix.zone, 'America/New_York');
    const at = locate(validation.parsed, ['advertisements', 0, 'assignments', 0, 'at'], 'value');
    assert.ok(fix.edit.start >= at.start && fix.edit.end <= at.end, 'the edit stays inside the at value');
    const fixed = applyEdits(lab, [fix.edit]);
    assert.match(fixed, /- at: 2001-03-01T00:15\n {8}every: \{ days: 1 \}/);
    assert.equal(fixed.replace('T00:15', 'T00:30'), lab, 'nothing else changed');
    // The whole engine agrees: LAB20001 is clear, the site is untouched, CEN20007 keeps its findings.
    const before = analyzeValidation(validation).simulation!.interruptions.toArray();
    const after = analyzeValidation(validateText(fixed)).simulation!.interruptions.toArray();
    assert.ok(before.some((i) => i.advertisement === 'LAB20001'));
    assert.equal(after.filter((i) => i.advertisement === 'LAB20001').length, 0);
    assert.deepEqual(
      after,
      before.filter((i) => i.advertisement !== 'LAB20001'),
    );
    // Applied, there is nothing left to fix.
    assert.equal(retimeFix(validateText(fixed), 'LAB20001', 0), undefined);
  });

  it('offers nothing when no shift of that date clears the assignment (CEN20007: a 4-day rollout band)', () => {
    const validation = validateText(lab);
    assert.ok(
      analyzeValidation(validation)
        .simulation!.interruptions.toArray()
        .some((i) => i.advertisement === 'CEN20007'),
    );
    assert.equal(retimeFix(validation, 'CEN20007', 0), undefined);
  });

  it('offers nothing for an assignment without interruptions, an event, or an unknown advertisement', () => {
    const text = document('at: 2001-03-05T12:00');
    assert.equal(interruptionsOf(text, 1), 0);
    assert.equal(retimeFix(validateText(text), 'LAB20001', 1), undefined);
    assert.equal(retimeFix(validateText(text), 'LAB20001', 0), undefined);
    assert.equal(retimeFix(validateText(text), 'NOPE', 1), undefined);
  });

  it('takes the later time on a tie', () => {
    // A 15-minute run at 10:00 holds the 10:00 pass; 10:15 and 09:45 both clear it.
    const text = document('at: 2001-03-05T10:00', 15);
    assert.equal(interruptionsOf(text, 1), 1);
    assert.equal(interruptionsOf(text.replace('T10:00', 'T09:45'), 1), 0);
    const fix = retimeFix(validateText(text), 'LAB20001', 1);
    assert.equal(fix?.minutes, 15);
    assert.equal(fix?.title, "Start LAB20001's assignment at 10:15 UTC instead (no interruptions)");
  });

  it('keeps the date: 23:45 does not move to 00:00 the next day', () => {
    // A daily pass at 23:45 (install time); the run at 23:45 holds it. +15 would be the next date.
    const text = document('at: 2001-03-05T23:45', 15).replace(
      'installed: 2001-01-01T10:00',
      'installed: 2001-01-01T23:45',
    );
    assert.equal(interruptionsOf(text, 1), 1);
    assert.equal(interruptionsOf(text.replace('T23:45\n', 'T00:00\n').replace('03-05T00:00', '03-06T00:00'), 1), 0);
    const fix = retimeFix(validateText(text), 'LAB20001', 1);
    assert.equal(fix?.minutes, -15);
    assert.deepEqual(fix?.start, { year: 2001, month: 3, day: 5, hour: 23, minute: 30 });
  });

  it('picks the smallest shift that clears it (09:45 → 09:30, not 10:00 which still holds the pass)', () => {
    const text = document('at: 2001-03-05T09:45', 30);
    const fix = retimeFix(validateText(text), 'LAB20001', 1);
    assert.equal(fix?.minutes, -15);
    assert.equal(interruptionsOf(applyEdits(text, [fix!.edit]), 1), 0);
  });

  it('ignores accepted interruptions in its search', () => {
    const text = document('at: 2001-03-05T09:45', 30);
    const acceptedRun = utc('2001-03-05T10:00');
    const fix = retimeFix(validateText(text), 'LAB20001', 1, {}, (i) => i.runStart === acceptedRun);
    assert.equal(fix?.minutes, 15, '10:00 still holds the pass, but that interruption is accepted');
    assert.equal(
      retimeFix(validateText(text), 'LAB20001', 1, {}, () => true),
      undefined,
      'nothing unaccepted to fix',
    );
    const seen: string[] = [];
    retimeFix(validateText(text), 'LAB20001', 1, {}, (i) => {
      seen.push(`${i.advertisement}/${i.collection}/${i.assignment}`);
      return false;
    });
    assert.ok(seen.length > 0);
    assert.ok(seen.every((s) => s === 'LAB20001/LAB00015/1'));
  });

  it('keeps quotes and seconds of the at value', () => {
    const text = document('at: "2001-03-05T09:45:00"', 30);
    const fix = retimeFix(validateText(text), 'LAB20001', 1)!;
    assert.equal(applyEdits(text, [fix.edit]), text.replace('"2001-03-05T09:45:00"', '"2001-03-05T09:30:00"'));
  });

  it('edits only the start digits of a one-schedule token, keeping its other bits and letter case', () => {
    const token = encodeSchedule({
      start: { year: 2001, month: 3, day: 5, hour: 9, minute: 45 },
      gmt: true,
      recurrence: { kind: 'weekly', day: 1, weeks: 2 },
      duration: { days: 0, hours: 1, minutes: 30 },
    }).toLowerCase();
    const text = document(`token: "${token}"`, 30);
    assert.equal(interruptionsOf(text, 1), 2, 'Mondays 5 and 19 March');
    const fix = retimeFix(validateText(text), 'LAB20001', 1);
    assert.ok(fix);
    assert.equal(fix.title, "Start LAB20001's assignment at 09:30 UTC instead (no interruptions)");
    const fixed = applyEdits(text, [fix.edit]);
    const newToken = /token: "([0-9a-f]{16})"/.exec(fixed)?.[1];
    assert.ok(newToken, 'still a lower-case token');
    const decoded = decodeTokens(newToken);
    assert.ok(decoded.ok);
    assert.deepEqual(decoded.schedules[0], {
      start: { year: 2001, month: 3, day: 5, hour: 9, minute: 30 },
      gmt: true,
      recurrence: { kind: 'weekly', day: 1, weeks: 2 },
      duration: { days: 0, hours: 1, minutes: 30 },
    });
    assert.equal(newToken.slice(8), token.slice(8), 'the low word is untouched');
    assert.equal(interruptionsOf(fixed, 1), 0);
  });

  it('names the advertisement zone for a local token and UTC for a gmt advertisement', () => {
    const local = document('at: 2001-03-05T04:45', 30).replace(
      '    installed: 2001-01-01T10:00',
      '    timeZone: America/New_York\n    installed: 2001-01-01T05:00',
    );
    assert.equal(interruptionsOf(local, 1), 1);
    assert.equal(
      retimeFix(validateText(local), 'LAB20001', 1)?.title,
      "Start LAB20001's assignment at 04:30 America/New_York instead (no interruptions)",
    );
    const gmtAd = document('at: 2001-03-05T09:45', 30, true);
    assert.equal(retimeFix(validateText(gmtAd), 'LAB20001', 1)?.zone, 'UTC');
  });

  it('is not offered for a token of several concatenated schedules', () => {
    const one = encodeSchedule({
      start: { year: 2001, month: 3, day: 5, hour: 9, minute: 45 },
      gmt: false,
      recurrence: { kind: 'once' },
    });
    const text = document(`token: "${one}${one}"`, 30);
    assert.equal(interruptionsOf(text, 1), 1);
    assert.equal(retimeFix(validateText(text), 'LAB20001', 1), undefined);
  });

  it('finds the assignment under a diagnostic start (what an editor asks the fix for)', () => {
    const validation = validateText(lab);
    const diagnostic = analyzeValidation(validation).allDiagnostics.find(
      (d) => d.code === 'verify-interrupts-run' && d.message.includes('LAB20001'),
    );
    assert.ok(diagnostic);
    const found = assignmentAt(validation, validation.parsed.lines.offsetAt(diagnostic.range.start));
    assert.equal(found?.advertisement.id, 'LAB20001');
    assert.equal(found?.assignmentIndex, 0);
    const logon = lab.indexOf('event: logon');
    assert.equal(assignmentAt(validation, logon)?.advertisement.id, 'CEN20007');
    assert.equal(assignmentAt(validation, logon)?.assignmentIndex, 1);
    assert.equal(assignmentAt(validation, lab.indexOf('presentTime')), undefined);
    assert.equal(assignmentAt(validation, 0), undefined);
  });
});
