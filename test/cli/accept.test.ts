/**
 * Accepted risks (SPEC §6.1) and the Cliverify advice (SPEC §7 v1.1) through the built CLI:
 * the JSON arrays, the exit codes, the text report's "Accepted" section and the Cliverify file.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { example } from '../helpers/paths';
import { runCli } from '../helpers/runCli';

const LAB = readFileSync(example('lab.sms.yaml'), 'utf8');
const CEN_WEEKLY = '      - at: 2001-03-02T12:00';
const ACCEPT_CEN = '      # sms-schedule-accept verify-interrupts-run, verify-delays-run -- five laptops, 1.9 %';
const ACCEPT_LAB = '  # sms-schedule-accept verify-interrupts-run -- LAB is reimaged monthly anyway';

interface Finding {
  readonly advertisement: string;
  readonly assignment: number;
  readonly reason?: string;
  readonly [key: string]: unknown;
}

function write(name: string, text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'sms-accept-')), name);
  writeFileSync(file, text);
  return file;
}

function withComment(text: string, before: string, comment: string): string {
  assert.ok(text.includes(`\n${before}`), before);
  return text.replace(`\n${before}`, `\n${comment}\n${before}`);
}

function checkJson(file: string) {
  const run = runCli(['check', file, '--format', 'json']);
  return { status: run.status, stderr: run.stderr, file: JSON.parse(run.stdout).files[0] };
}

const isCen0 = (f: Finding) => f.advertisement === 'CEN20007' && f.assignment === 0;

describe('check with accepted risks', () => {
  test('JSON: accepted findings move to acceptedInterruptions / acceptedDelays with their reason', () => {
    const plain = checkJson(example('lab.sms.yaml')).file;
    assert.deepEqual(plain.acceptedInterruptions, [], 'every file object has both arrays');
    assert.deepEqual(plain.acceptedDelays, []);
    const run = checkJson(write('lab.sms.yaml', withComment(LAB, CEN_WEEKLY, ACCEPT_CEN)));
    assert.equal(run.status, 1, 'LAB20001 is still interrupted');
    const file = run.file;
    const expected = (plain.interruptions as Finding[]).filter(isCen0);
    assert.ok(expected.length > 0);
    assert.deepEqual(
      file.acceptedInterruptions,
      expected.map((f) => ({ ...f, reason: 'five laptops, 1.9 %' })),
    );
    assert.deepEqual(
      Object.keys(file.acceptedInterruptions[0]),
      [...Object.keys(plain.interruptions[0]), 'reason'],
      'the fields of interruptions, plus reason',
    );
    assert.deepEqual(
      file.interruptions,
      (plain.interruptions as Finding[]).filter((f) => !isCen0(f)),
    );
    assert.deepEqual(
      file.acceptedDelays,
      (plain.delays as Finding[]).filter(isCen0).map((f) => ({ ...f, reason: 'five laptops, 1.9 %' })),
    );
    assert.deepEqual(
      file.delays,
      (plain.delays as Finding[]).filter((f) => !isCen0(f)),
    );
    const codes = (file.diagnostics as { code: string; message: string }[]).filter((d) =>
      d.message.includes('CEN20007'),
    );
    assert.ok(!codes.some((d) => d.code === 'verify-interrupts-run' || d.code === 'verify-delays-run'));
  });

  test('exit 0 once every interruption is accepted; a reason-less accept gives reason ""', () => {
    const text = withComment(
      withComment(LAB, CEN_WEEKLY, '      # sms-schedule-accept verify-interrupts-run'),
      '  - id: LAB20001',
      ACCEPT_LAB,
    );
    const run = checkJson(write('lab.sms.yaml', text));
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(run.file.interruptions, []);
    const reasons = new Set((run.file.acceptedInterruptions as Finding[]).map((f) => `${f.advertisement}:${f.reason}`));
    assert.deepEqual([...reasons].sort(), ['CEN20007:', 'LAB20001:LAB is reimaged monthly anyway']);
    // Errors cannot be accepted: a broken document still exits 2, and the file object keeps both arrays.
    const broken = checkJson(write('bad.sms.yaml', text.replace('intervalDays: 30', 'intervalDays: 400')));
    assert.equal(broken.status, 2);
    assert.ok(Array.isArray(broken.file.acceptedInterruptions) && Array.isArray(broken.file.acceptedDelays));
  });

  test('accept-invalid and accept-unused reach the JSON diagnostics with the comment as range', () => {
    const text = withComment(
      withComment(LAB, CEN_WEEKLY, '      # sms-schedule-accept schema -- no'),
      '      - event: logon',
      '      # sms-schedule-accept verify-interrupts-run -- nothing here',
    );
    const diagnostics = checkJson(write('lab.sms.yaml', text)).file.diagnostics as {
      code: string;
      severity: string;
      range: { start: { line: number; character: number } };
    }[];
    const lines = text.split('\n');
    const invalid = diagnostics.filter((d) => d.code === 'accept-invalid');
    const unused = diagnostics.filter((d) => d.code === 'accept-unused');
    assert.equal(invalid.length, 1);
    assert.equal(unused.length, 1);
    assert.equal(invalid[0]!.severity, 'warning');
    assert.equal(unused[0]!.severity, 'information');
    assert.ok(lines[invalid[0]!.range.start.line]!.includes('accept schema'));
    assert.ok(lines[unused[0]!.range.start.line]!.includes('nothing here'));
    assert.equal(unused[0]!.range.start.character, 6);
  });

  test('text report: an "Accepted" section with the reasons; the summary counts only the rest', () => {
    const file = write('lab.sms.yaml', withComment(LAB, CEN_WEEKLY, ACCEPT_CEN));
    const run = runCli(['check', file]);
    assert.equal(run.status, 1);
    const plain = checkJson(example('lab.sms.yaml')).file;
    const accepted = (plain.interruptions as Finding[]).filter(isCen0).length;
    const delays = (plain.delays as Finding[]).filter(isCen0).length;
    assert.ok(run.stdout.includes(`Accepted in ${file}: ${accepted} interruptions, ${delays} delays`));
    const rows = run.stdout
      .split('\n')
      .filter((line) => line.includes('CEN20007') && line.endsWith('five laptops, 1.9 %'));
    assert.equal(rows.length, accepted + delays);
    const open = plain.interruptions.length - accepted;
    assert.match(run.stdout, new RegExp(`1 file: ${open} interruptions? \\(`));
    assert.match(run.stdout, new RegExp(`Interruptions \\(${open}\\)`));
    assert.ok(!runCli(['check', example('lab.sms.yaml')]).stdout.includes('Accepted in'));
  });
});

describe('cliverify advice and accepted risks', () => {
  test('the lab example: LAB is advised 31 days, and 31 days does clear its interruptions', () => {
    const markdown = runCli(['cliverify', example('lab.sms.yaml')]);
    assert.equal(markdown.status, 0, markdown.stderr);
    const lab = markdown.stdout.slice(
      markdown.stdout.indexOf('## Site LAB'),
      markdown.stdout.indexOf('## Hierarchies'),
    );
    assert.match(lab, /Set \*\*Verify Interval\*\* to: 30 days\./, 'the current settings stay');
    assert.match(lab, /To clear it: set \*\*Verify Interval\*\* to \*\*31 days\*\* \(now 30\)/);

    const json = JSON.parse(runCli(['cliverify', example('lab.sms.yaml'), '--format', 'json']).stdout);
    const site = json.sites.find((s: { code: string }) => s.code === 'LAB');
    assert.deepEqual(site.advice, {
      clears: 'interval',
      periodicallyVerifyClientInstallation: true,
      verifyIntervalDays: 31,
    });

    const setting = '      intervalDays: 30\n      durationMinutes: 40';
    assert.ok(LAB.includes(setting));
    const at = (days: number) =>
      (
        checkJson(write('lab.sms.yaml', LAB.replace(setting, `      intervalDays: ${days}\n      durationMinutes: 40`)))
          .file.interruptions as { collection: string }[]
      ).filter((f) => f.collection === 'LAB00015').length;
    assert.ok(at(30) > 0);
    assert.equal(at(31), 0);
    const cen = json.sites.find((s: { code: string }) => s.code === 'CEN');
    assert.equal(cen.advice.clears, 'interval');
    assert.deepEqual(json.accepted, []);
  });

  test('--write: the Cliverify file lists the accepted risks and no advice for a site with only accepted ones', () => {
    const doc = write('lab.sms.yaml', withComment(LAB, CEN_WEEKLY, ACCEPT_CEN));
    const run = runCli(['cliverify', doc, '--write']);
    assert.equal(run.status, 0, run.stderr);
    const markdown = readFileSync(doc.replace(/\.sms\.yaml$/, '.cliverify.md'), 'utf8');
    const cen = markdown.slice(markdown.indexOf('## Site CEN'), markdown.indexOf('## Site LAB'));
    assert.match(cen, /Interruptions in the horizon with these settings: none/);
    assert.doesNotMatch(cen, /To clear/);
    const accepted = markdown.slice(markdown.indexOf('## Accepted risks'), markdown.indexOf('## Hierarchies'));
    assert.match(
      accepted,
      /Site CEN: CEN20007 Weekly virus definitions, assignment 0 \(collection CEN00020\): 3 interruptions/,
    );
    assert.match(accepted, /Reason: five laptops, 1\.9 %\./);
    const json = JSON.parse(runCli(['cliverify', doc, '--format', 'json']).stdout);
    assert.equal(json.sites.find((s: { code: string }) => s.code === 'CEN').advice, null);
    assert.equal(json.accepted[0].reason, 'five laptops, 1.9 %');
  });
});
