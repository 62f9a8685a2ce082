/** The 500-document LSP fuzz run of `npm test` (issue 5), and checks that the fuzzer itself works. */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { formatReport } from '../../scripts/fuzz';
import { HANG_LIMIT_MS } from '../helpers/hangLimit';
import { runFuzz } from './fuzzer';
import { mutate, MUTATIONS } from './mutations';
import { mulberry32 } from '../helpers/prng';

/** Fixed, so `npm test` is deterministic; `npm run fuzz -- --seed S` explores others. */
const SEED = 20010306;

test('500 mutated documents over LSP: no crash, no error response, no hung reply, bounded memory', async () => {
  const failureDir = mkdtempSync(join(tmpdir(), 'sms-fuzz-test-'));
  const report = await runFuzz({ count: 500, seed: SEED, failureDir, slowMs: HANG_LIMIT_MS });
  const summary = formatReport(report);
  assert.deepEqual(report.failures, [], summary);
  assert.equal(report.crashes, 0);
  assert.equal(report.documents, 500);
  // 1..3 requests per document, plus one hover per document still open at the end.
  assert.ok(report.requests >= 500, summary);
  // The slowest reply is in the summary (printed below); the 1 s budget is the fuzz report's (npm run fuzz).
  console.log(summary);
  assert.equal(report.reproduction, undefined);
});

test('the fuzzer reports slow replies and saves the first failing input', async () => {
  const failureDir = mkdtempSync(join(tmpdir(), 'sms-fuzz-test-'));
  // With a 0 ms budget every reply is "slow": the detector and the reproduction file must work.
  const report = await runFuzz({ count: 3, seed: SEED, slowMs: 0, failureDir }); // timing-ok: stricter on purpose
  assert.ok(report.slowReplies > 0);
  assert.ok(report.failures.every((f) => f.kind === 'slow-reply'));
  assert.ok(report.reproduction !== undefined && existsSync(report.reproduction));
  const saved = JSON.parse(readFileSync(report.reproduction.replace(/\.sms\.yaml$/, '.json'), 'utf8')) as {
    seed: number;
    replay: string;
  };
  assert.equal(saved.seed, SEED);
  assert.equal(saved.replay, `npm run fuzz -- --seed ${SEED} --count 1`);
});

test('mutations are deterministic per seed and every kind changes some document', () => {
  const base =
    'version: 1\nsites:\n  - code: LAB\n    clients: 5\n    assignments:\n      - at: 2001-01-10T08:00\n        every: { days: 1 }\n';
  const run = (seed: number) => Array.from({ length: 20 }, (_, i) => mutate(base, mulberry32(seed + i)).text);
  assert.deepEqual(run(7), run(7));
  assert.notDeepEqual(run(7), run(8));
  for (const mutation of MUTATIONS) {
    const random = mulberry32(1);
    const changed = Array.from({ length: 50 }, () => mutation.apply(base, random)).some((text) => text !== base);
    assert.ok(changed, `${mutation.name} never changes the document`);
  }
});
