/** `sms-schedule import` as a process (SPEC §9): stdout, -o/--force, warnings and refusals on stderr, exit codes. */
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { IMPORT_CASES, expectedPath, exportPath, readFixture } from '../helpers/importFixtures';
import { runCli } from '../helpers/runCli';

const tempDir = (): string => mkdtempSync(join(tmpdir(), 'sms-import-'));

describe('sms-schedule import', () => {
  for (const c of IMPORT_CASES) {
    test(`${c.exportName} ${c.args.join(' ')}: stdout is ${c.expectedName}.sms.yaml, exit 0`, () => {
      const run = runCli(['import', exportPath(c.exportName), ...c.args]);
      assert.equal(run.status, 0, run.stderr);
      assert.equal(run.stdout, readFixture(expectedPath(c.expectedName)));
    });
  }

  test('the same export and flags give the same bytes twice', () => {
    const args = ['import', exportPath('hierarchy'), '--readable'];
    assert.equal(runCli(args).stdout, runCli(args).stdout);
  });

  test('warnings are one line each on stderr: sms-schedule: EXPORT: /pointer: message', () => {
    const file = exportPath('many-schedules');
    const run = runCli(['import', file]);
    assert.equal(run.status, 0);
    const lines = run.stderr.trimEnd().split('\n');
    assert.equal(lines.length, 8);
    for (const line of lines) assert.ok(line.startsWith(`sms-schedule: ${file}: /advertisements/`), line);
    assert.ok(
      lines.includes(
        `sms-schedule: ${file}: /advertisements/4/CollectionID: collection LAB09999 is not in the export: kept as it is (the document reports unresolved-reference)`,
      ),
    );
  });

  test('-o writes the file (stdout says so) and refuses to overwrite it without --force', () => {
    const dir = tempDir();
    const out = join(dir, 'site.sms.yaml');
    const first = runCli(['import', exportPath('hierarchy'), '-o', out]);
    assert.equal(first.status, 0, first.stderr);
    assert.equal(first.stdout, `wrote ${out}\n`);
    assert.equal(readFileSync(out, 'utf8'), readFixture(expectedPath('hierarchy')));

    writeFileSync(out, 'my own edits\n');
    const again = runCli(['import', exportPath('hierarchy'), '-o', out]);
    assert.equal(again.status, 2);
    assert.match(again.stderr, /exists; use --force to overwrite it/);
    assert.equal(again.stderr.trimEnd().split('\n').length, 1, 'one line, no warnings');
    assert.equal(readFileSync(out, 'utf8'), 'my own edits\n');

    const forced = runCli(['import', exportPath('hierarchy'), '-o', out, '--force']);
    assert.equal(forced.status, 0, forced.stderr);
    assert.equal(readFileSync(out, 'utf8'), readFixture(expectedPath('hierarchy')));
  });

  test('-o naming the export itself is refused even with --force; the export is unchanged', () => {
    const dir = tempDir();
    const copy = join(dir, 'site.export.json');
    copyFileSync(exportPath('hierarchy'), copy);
    const link = join(dir, 'link.json');
    symlinkSync(copy, link);
    for (const target of [copy, link]) {
      const run = runCli(['import', copy, '-o', target, '--force']);
      assert.equal(run.status, 2);
      assert.match(run.stderr, /is the export itself/);
    }
    assert.equal(readFileSync(copy, 'utf8'), readFixture(exportPath('hierarchy')));
  });

  test('an unusable export: exit 2, one line naming the file and the pointer, nothing written', () => {
    const dir = tempDir();
    const bad = join(dir, 'bad.export.json');
    const text = readFixture(exportPath('hierarchy')).replace('"00811a9e081a2000"', '"00811a9e081a200"');
    writeFileSync(bad, text);
    const out = join(dir, 'out.sms.yaml');
    const run = runCli(['import', bad, '-o', out]);
    assert.equal(run.status, 2);
    assert.equal(run.stdout, '');
    assert.equal(
      run.stderr,
      `sms-schedule: ${bad}: /advertisements/0/AssignedSchedule: is not a schedule token string: token must be a multiple of 16 hex digits (got 15)\n`,
    );
    assert.ok(!existsSync(out));
    assert.equal(readFileSync(bad, 'utf8'), text);
  });

  test('a file that is not JSON names the file only (the pointer is the whole file)', () => {
    const dir = tempDir();
    const bad = join(dir, 'x.json');
    writeFileSync(bad, 'format: sms-schedule-export\n');
    const run = runCli(['import', bad]);
    assert.equal(run.status, 2);
    assert.match(
      run.stderr,
      new RegExp(`^sms-schedule: ${bad.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: is not JSON \\(.*\\)\n$`),
    );
    assert.equal(run.stdout, '');
  });

  test('a missing export file, a bad --time-zone and a bad --sms-version exit 2 with one line', () => {
    const runs = [
      runCli(['import', join(tempDir(), 'none.json')]),
      runCli(['import', exportPath('hierarchy'), '--time-zone', 'Eastern']),
      runCli(['import', exportPath('hierarchy'), '--sms-version', 'CEN=SP3']),
      runCli(['import', exportPath('hierarchy'), '--sms-version', 'CENTRAL=2.0 SP3']),
    ];
    const messages = [
      /none\.json: cannot read \(no such file\)/,
      /--time-zone: 'Eastern' is not an IANA time zone/,
      /--sms-version: 'CEN=SP3'/,
      /--sms-version: 'CENTRAL=2.0 SP3'/,
    ];
    runs.forEach((run, i) => {
      assert.equal(run.status, 2, run.stderr);
      assert.equal(run.stdout, '');
      assert.match(run.stderr, messages[i]!);
      assert.equal(run.stderr.trimEnd().split('\n').length, 1, run.stderr);
    });
  });

  test('the imported document checks: sms-schedule check reads it without schema errors', () => {
    const dir = tempDir();
    const out = join(dir, 'site.sms.yaml');
    assert.equal(
      runCli(['import', exportPath('schedule-objects'), '-o', out, '--time-zone', 'America/New_York']).status,
      0,
    );
    const check = runCli(['check', out, '--format', 'json', '--exit-zero']);
    assert.equal(check.status, 0, check.stdout);
    const codes = JSON.parse(check.stdout).files[0].diagnostics.map((d: { code: string }) => d.code);
    assert.ok(!codes.includes('schema'));
  });
});
