/** No test may fail because the machine is busy (issue 14): every time limit is a hang limit (>= 10 s). */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { HANG_LIMIT_MS } from '../helpers/hangLimit';
import { shortLimits } from './timedAssertions';

const TEST_ROOT = join(__dirname, '..');

function sourcesUnder(dir: string, into = new Map<string, string>()): Map<string, string> {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.') || name === 'meta') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sourcesUnder(path, into);
    else if (/\.(ts|mjs|js|lua)$/.test(name)) into.set(relative(TEST_ROOT, path), readFileSync(path, 'utf8'));
  }
  return into;
}

test('the hang limit is at least 10 s', () => {
  assert.ok(HANG_LIMIT_MS >= 10_000);
});

test('no test under test/ asserts a time limit under the hang limit', () => {
  const sources = sourcesUnder(TEST_ROOT);
  assert.ok(sources.size > 50, `scanned ${sources.size} files`);
  const found = shortLimits(sources).map((f) => `${f.file}:${f.line}: ${f.text} (${f.limitMs ?? 'unresolved'} ms)`);
  assert.deepEqual(found, []);
});

test('the scanner finds each kind of short limit and accepts hang limits', () => {
  const sample = new Map([
    [
      'sample.test.ts',
      [
        'const BUDGET_MS = 1000;',
        'assert.ok(hover.ms < 1000, "slow");',
        'assert.ok(reply.ms <= BUDGET_MS, "slow");',
        'assert.ok(took.elapsedMs < 3 * BUDGET_MS);',
        'await runFuzz({ count: 5, slowMs: 500 });',
        "await waitFor('exit', () => done, 5000);",
        "await panel.waitFor({ state: 'hidden', timeout: 2_000 });",
        'assert.ok(x.ms < SOME_UNKNOWN_MS);',
        // Hang limits: not reported.
        'assert.ok(hover.ms < HANG_LIMIT_MS);',
        "await waitFor('exit', () => done, 10_000, 200);",
        'test("t", { timeout: 600_000 }, () => {});',
        'for (let i = 0; items < count; i++) {}',
        'await waitFor(what, check, timeoutMs);',
        'runFuzz({ slowMs: 0 }); // timing-ok: the detector test',
      ].join('\n'),
    ],
  ]);
  const lines = shortLimits(sample).map((f) => f.line);
  assert.deepEqual(
    lines.sort((a, b) => a - b),
    [2, 3, 4, 5, 6, 7, 8],
  );
});
