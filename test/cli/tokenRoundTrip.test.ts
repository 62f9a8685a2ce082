/**
 * SPEC §5 v1.1 through the built CLI: `token decode T --format json | token encode` prints T again
 * for every documented token (notes/sms-import.md), unused bits included. Needs `npm run build`.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DOCUMENTED_TOKENS } from '../helpers/documentedTokens';
import { runCli } from '../helpers/runCli';

function decodeJson(token: string): string {
  const run = runCli(['token', 'decode', token, '--format', 'json']);
  assert.equal(run.status, 0, run.stderr);
  return run.stdout;
}

describe('sms-schedule token decode --format json | token encode', () => {
  for (const { token, source } of DOCUMENTED_TOKENS) {
    test(`${token} (${source})`, () => {
      const encoded = runCli(['token', 'encode'], decodeJson(token));
      assert.equal(encoded.status, 0, encoded.stderr);
      assert.equal(encoded.stdout, `${token}\n`);
      assert.equal(encoded.stderr, '');
    });
  }

  test('the JSON of "since site installation" shows its unused bit', () => {
    const json = JSON.parse(decodeJson('0001128000080008')) as Record<string, unknown>;
    assert.deepEqual(json, {
      token: '0001128000080008',
      at: '1980-01-01T00:00',
      gmt: false,
      duration: { days: 0, hours: 0, minutes: 0 },
      unusedBits: '0x00000008',
    });
  });

  test('the JSON of a token without unused bits has no unusedBits key', () => {
    assert.ok(!('unusedBits' in (JSON.parse(decodeJson('00811A9E081A2000')) as object)));
  });

  test('text decode explains the unused bit on a second line', () => {
    const run = runCli(['token', 'decode', '0001128000080008', '--format', 'text']);
    assert.equal(run.status, 0, run.stderr);
    const lines = run.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 2);
    assert.match(lines[1] ?? '', /^ {2}Unused bits 0x00000008 \(low word, bit 3\): .*mean nothing for the schedule/);
  });

  test('encode refuses unused bits that a field of the type uses, in one line, exit 2', () => {
    const input = JSON.stringify({ at: '2001-03-06T02:00', weekly: { day: 'tue' }, unusedBits: '0x00004000' });
    const run = runCli(['token', 'encode'], input);
    assert.equal(run.status, 2);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /^sms-schedule: cannot encode: unused bits 0x00004000 include 0x00004000, .*\n$/);
  });
});
