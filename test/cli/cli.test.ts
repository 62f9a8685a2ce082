import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, copyFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { example } from '../helpers/paths';
import { runCli } from '../helpers/runCli';

const ISO_Z = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'sms-cli-'));
}

describe('sms-schedule check', () => {
  test('JSON report of the lab example follows the SPEC §8 contract and exits 1', () => {
    const run = runCli(['check', example('lab.sms.yaml'), '--format', 'json']);
    assert.equal(run.status, 1, run.stderr);
    const report = JSON.parse(run.stdout);
    assert.equal(report.files.length, 1);
    const file = report.files[0];
    assert.equal(file.file, example('lab.sms.yaml'));
    // simulation.from 2001-03-01T00:00 UTC + 180 days = 2001-08-28T00:00Z
    assert.deepEqual(file.horizon, { from: '2001-03-01T00:00:00Z', to: '2001-08-28T00:00:00Z' });
    assert.ok(file.interruptions.length > 0, 'the lab example has interruptions');
    for (const f of file.interruptions) {
      assert.deepEqual(Object.keys(f), [
        'advertisement',
        'collection',
        'assignment',
        'runStart',
        'runEnd',
        'verifyEarliest',
        'verifyLatest',
        'likelihood',
        'clientsAtRisk',
      ]);
      for (const key of ['runStart', 'runEnd', 'verifyEarliest', 'verifyLatest']) assert.match(f[key], ISO_Z);
      assert.ok(f.likelihood > 0 && f.likelihood <= 1);
    }
    const lab = file.interruptions.filter((f: { advertisement: string }) => f.advertisement === 'LAB20001');
    assert.ok(lab.length > 0, 'LAB20001 is interrupted');
    const sorted = [...file.interruptions].sort(
      (a, b) =>
        a.runStart.localeCompare(b.runStart) ||
        (a.advertisement < b.advertisement ? -1 : a.advertisement > b.advertisement ? 1 : 0),
    );
    assert.deepEqual(file.interruptions, sorted);
    const codes = new Set(file.diagnostics.map((d: { code: string }) => d.code));
    assert.ok(codes.has('verify-interrupts-run'));
    assert.ok(codes.has('run-time-unknown'), 'CEN00031 Silent update has an unknown run time');
    assert.ok(codes.has('event-not-simulated'), 'CEN20007 has a logon assignment');
    for (const d of file.diagnostics) {
      assert.deepEqual(Object.keys(d), ['code', 'severity', 'message', 'range']);
    }
  });

  test('text report shows a table and a summary line; --exit-zero exits 0', () => {
    const run = runCli(['check', example('lab.sms.yaml'), '--exit-zero']);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /Interruptions \(\d+\)/);
    assert.match(
      run.stdout,
      /Where\s+Advertisement\s+Assignment\s+Collection\s+Run start \(local, UTC\)\s+Run\s+Verify/,
    );
    assert.match(run.stdout, /1 file: \d+ interruptions? \(\d+ client runs at risk\)/);
    assert.ok(!run.stdout.includes('\u001b['), 'no colour when not a TTY');
  });

  test('--from and --days override the document horizon', () => {
    const run = runCli([
      'check',
      example('lab.sms.yaml'),
      '--format',
      'json',
      '--from',
      '2001-05-01T00:00',
      '--days',
      '10',
    ]);
    const file = JSON.parse(run.stdout).files[0];
    assert.deepEqual(file.horizon, { from: '2001-05-01T00:00:00Z', to: '2001-05-11T00:00:00Z' });
    for (const f of file.interruptions)
      assert.ok(f.runStart >= '2001-05-01T00:00:00Z' && f.runStart < '2001-05-11T00:00:00Z');
  });

  test('a schema error exits 2 with the diagnostic and its range', () => {
    const dir = tempDir();
    const file = join(dir, 'bad.sms.yaml');
    writeFileSync(file, readFileSync(example('lab.sms.yaml'), 'utf8').replace('intervalDays: 30', 'intervalDays: 400'));
    const run = runCli(['check', file, '--format', 'json']);
    assert.equal(run.status, 2);
    const diagnostics = JSON.parse(run.stdout).files[0].diagnostics;
    const schema = diagnostics.find((d: { code: string }) => d.code === 'schema');
    assert.ok(schema, 'a schema diagnostic');
    // examples/lab.sms.yaml line 18 (0-based 17) is "      intervalDays: 30": the value starts at column 20.
    assert.deepEqual(schema.range, { start: { line: 17, character: 20 }, end: { line: 17, character: 23 } });
  });

  test('a missing file is one clear line on stderr and exit 2, never a stack trace', () => {
    const run = runCli(['check', 'no/such/file.sms.yaml']);
    assert.equal(run.status, 2);
    assert.equal(run.stderr.trim(), 'sms-schedule: no/such/file.sms.yaml: cannot read (no such file)');
    assert.doesNotMatch(run.stderr, /\n\s+at /);
  });

  test('usage errors exit 2', () => {
    assert.equal(runCli(['check']).status, 2);
    assert.equal(runCli(['check', example('lab.sms.yaml'), '--days', '0']).status, 2);
    assert.equal(runCli(['check', example('lab.sms.yaml'), '--format', 'xml']).status, 2);
    assert.equal(runCli(['check', example('lab.sms.yaml'), '--from', 'yesterday']).status, 2);
    assert.equal(runCli(['frobnicate']).status, 2);
    assert.equal(runCli(['--help']).status, 0);
  });

  test('several files: the worst exit code wins', () => {
    const dir = tempDir();
    const broken = join(dir, 'broken.sms.yaml');
    writeFileSync(broken, 'version: 1\nsites: [');
    const run = runCli(['check', example('lab.sms.yaml'), broken, '--format', 'json']);
    assert.equal(run.status, 2);
    const report = JSON.parse(run.stdout);
    assert.equal(report.files.length, 2);
    assert.equal(report.files[1].diagnostics[0].code, 'yaml-syntax');
    assert.equal(report.files[1].horizon, null);
  });
});

describe('sms-schedule token', () => {
  test('decode prints JSON that encode turns back into the same token', () => {
    const decoded = runCli(['token', 'decode', '00811A9E081A2000']);
    assert.equal(decoded.status, 0, decoded.stderr);
    const json = JSON.parse(decoded.stdout);
    assert.equal(json.at, '2012-01-01T04:00');
    assert.deepEqual(json.weekly, { day: 'mon', weeks: 1 });
    const encoded = runCli(['token', 'encode'], decoded.stdout);
    assert.equal(encoded.status, 0, encoded.stderr);
    assert.equal(encoded.stdout.trim(), '00811A9E081A2000');
  });

  test('decode --format text describes the schedule in words', () => {
    const run = runCli(['token', 'decode', '000A4700002BC400', '--format', 'text']);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /15/);
  });

  test('malformed tokens and JSON exit 2 with the reason', () => {
    const bad = runCli(['token', 'decode', '00811A9E081A200']);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /^sms-schedule: invalid token: .*16/);
    const notJson = runCli(['token', 'encode'], '{ nope');
    assert.equal(notJson.status, 2);
    assert.match(notJson.stderr, /stdin is not JSON/);
  });
});

describe('sms-schedule cliverify', () => {
  test('markdown names each site, its build and the mixed service-pack levels', () => {
    const run = runCli(['cliverify', example('lab.sms.yaml')]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /LABSRV01/);
    assert.match(run.stdout, /CENSRV01/);
    assert.match(run.stdout, /SP1/);
    assert.match(run.stdout, /Periodically Verify Client Installation/);
  });

  test('json lists every site', () => {
    const run = runCli(['cliverify', example('lab.sms.yaml'), '--format', 'json']);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /"LAB"/);
    assert.match(run.stdout, /"CEN"/);
  });

  test('--write creates NAME.cliverify.md and refuses to overwrite a file it did not generate', () => {
    const dir = tempDir();
    const doc = join(dir, 'lab.sms.yaml');
    copyFileSync(example('lab.sms.yaml'), doc);
    const first = runCli(['cliverify', doc, '--write']);
    assert.equal(first.status, 0, first.stderr);
    const target = join(dir, 'lab.cliverify.md');
    assert.ok(existsSync(target));
    assert.equal(runCli(['cliverify', doc, '--write']).status, 0, 'regenerating its own file is fine');
    writeFileSync(target, '# my own notes\n');
    const refused = runCli(['cliverify', doc, '--write']);
    assert.equal(refused.status, 2);
    assert.match(refused.stderr, /--force/);
    assert.equal(readFileSync(target, 'utf8'), '# my own notes\n', 'the user text is untouched');
    assert.equal(runCli(['cliverify', doc, '--write', '--force']).status, 0);
    assert.notEqual(readFileSync(target, 'utf8'), '# my own notes\n');
  });
});
