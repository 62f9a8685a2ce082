// What a first-time user reads when a command line is wrong (issue 14, point 3): one line
// `sms-schedule: …` on stderr, exit 2, ranges in number errors, no SPEC references in --help.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { runCli } from '../helpers/runCli';

const LAB = 'examples/lab.sms.yaml';
const CLEAN = 'examples/clean.sms.yaml';

/** The run failed with exactly one stderr line, and nothing on stdout. */
function oneErrorLine(args: readonly string[]): string {
  const run = runCli(args);
  assert.equal(run.status, 2, `${args.join(' ')}: ${run.stderr}`);
  assert.equal(run.stdout, '', args.join(' '));
  assert.match(
    run.stderr,
    /^sms-schedule: [^\n]+\n$/,
    `${args.join(' ')} prints one line: ${JSON.stringify(run.stderr)}`,
  );
  return run.stderr.trimEnd();
}

describe('usage errors are one line', () => {
  test('an unknown option names it and the help to read', () => {
    assert.equal(
      oneErrorLine(['check', LAB, '--bogus']),
      "sms-schedule: unknown option '--bogus'; see 'sms-schedule check --help'",
    );
    assert.equal(
      oneErrorLine(['token', 'decode', '00811A9E081A2000', '--bogus']),
      "sms-schedule: unknown option '--bogus'; see 'sms-schedule token decode --help'",
    );
  });

  test("a misspelt option keeps commander's suggestion on the same line", () => {
    assert.equal(
      oneErrorLine(['check', LAB, '--dys', '3']),
      "sms-schedule: unknown option '--dys' (did you mean --days?); see 'sms-schedule check --help'",
    );
  });

  test('an unknown command', () => {
    assert.equal(oneErrorLine(['frobnicate']), "sms-schedule: unknown command 'frobnicate'; see 'sms-schedule --help'");
    assert.equal(
      oneErrorLine(['token', 'bogus']),
      "sms-schedule: unknown command 'bogus'; see 'sms-schedule token --help'",
    );
  });

  test('missing and extra arguments', () => {
    assert.equal(
      oneErrorLine(['check']),
      "sms-schedule: missing required argument 'files'; see 'sms-schedule check --help'",
    );
    assert.equal(
      oneErrorLine(['cliverify', LAB, CLEAN]),
      "sms-schedule: too many arguments for 'cliverify'. Expected 1 argument but got 2; see 'sms-schedule cliverify --help'",
    );
    assert.equal(
      oneErrorLine(['check', LAB, '--format']),
      "sms-schedule: option '--format <format>' argument missing; see 'sms-schedule check --help'",
    );
  });

  test('a number flag says the accepted range for every bad value', () => {
    for (const value of ['-5', '0', '1441', '1.5', 'abc', '']) {
      assert.equal(
        oneErrorLine(['check', LAB, '--default-run-minutes', value]),
        `sms-schedule: --default-run-minutes: '${value}' is not a whole number from 1 to 1440`,
      );
    }
    for (const value of ['-1', '0', '3661']) {
      assert.equal(
        oneErrorLine(['check', LAB, '--days', value]),
        `sms-schedule: --days: '${value}' is not a whole number from 1 to 3660`,
      );
      assert.equal(
        oneErrorLine(['cliverify', LAB, '--days', value]),
        `sms-schedule: --days: '${value}' is not a whole number from 1 to 3660`,
      );
    }
  });

  test('values inside the range are accepted', () => {
    for (const [flag, value] of [
      ['--default-run-minutes', '1'],
      ['--default-run-minutes', '1440'],
      ['--days', '1'],
      ['--days', '3660'],
    ] as const) {
      const run = runCli(['check', CLEAN, flag, value]);
      assert.equal(run.status, 0, `${flag} ${value}: ${run.stderr}`);
      assert.equal(run.stderr, '');
    }
  });

  test('a choice flag names the choices', () => {
    assert.equal(
      oneErrorLine(['check', LAB, '--format', 'xml']),
      "sms-schedule: --format: 'xml' is not one of text, json",
    );
  });
});

describe('--help', () => {
  test('every command has help without SPEC references, exit 0', () => {
    for (const args of [
      ['--help'],
      ['check', '--help'],
      ['cliverify', '--help'],
      ['token', '--help'],
      ['token', 'decode', '--help'],
      ['token', 'encode', '--help'],
    ]) {
      const run = runCli(args);
      assert.equal(run.status, 0, args.join(' '));
      assert.match(run.stdout, /^Usage: sms-schedule/, args.join(' '));
      assert.doesNotMatch(run.stdout, /SPEC|§/, `${args.join(' ')} cites a document the user does not have`);
    }
  });

  test('the top-level help gives the exit codes and says what is our model', () => {
    const help = runCli(['--help']).stdout;
    assert.match(help, /Exit codes: 0 no errors and no interruptions, 1 check found interruptions, 2 invalid input/);
    assert.match(help, /Q283130/);
    assert.match(help, /this tool's model/);
  });
});

describe('a file that cannot be read among several', () => {
  test('text: one stderr line for it, the others reported, exit 2', () => {
    const run = runCli(['check', 'no/such.sms.yaml', CLEAN, LAB]);
    assert.equal(run.status, 2);
    assert.equal(run.stderr, 'sms-schedule: no/such.sms.yaml: cannot read (no such file)\n');
    assert.match(run.stdout, /^examples\/clean\.sms\.yaml {2}horizon /m);
    assert.match(run.stdout, /^examples\/lab\.sms\.yaml {2}horizon /m);
    assert.match(run.stdout, /Interruptions \(\d+\)/, "the lab example's findings are still listed");
    assert.match(run.stdout, /^✖ 3 files \(1 unreadable\): \d+ interruptions/m);
    assert.match(run.stdout, /^Next: check the path of no\/such\.sms\.yaml: it could not be read\.$/m);
  });

  test('json: the readable files are in the report, exit 2', () => {
    const run = runCli(['check', CLEAN, 'missing.sms.yaml', '--format', 'json']);
    assert.equal(run.status, 2);
    assert.equal(run.stderr, 'sms-schedule: missing.sms.yaml: cannot read (no such file)\n');
    const report = JSON.parse(run.stdout);
    assert.deepEqual(
      report.files.map((f: { file: string }) => f.file),
      [CLEAN],
    );
    assert.equal(report.files[0].diagnostics.length, 0);
  });

  test('a directory is unreadable too; when nothing is readable there is no report', () => {
    const run = runCli(['check', 'examples', 'nope.sms.yaml']);
    assert.equal(run.status, 2);
    assert.equal(run.stdout, '');
    assert.equal(
      run.stderr,
      'sms-schedule: examples: is a directory, not a document\nsms-schedule: nope.sms.yaml: cannot read (no such file)\n',
    );
  });
});
