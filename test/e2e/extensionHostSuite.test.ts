// Level 2: the extension's own extension-host suite (test/extension-host/suite.ts) runs inside a real
// VS Code extension host — code-server's here, desktop VS Code's through @vscode/test-electron where
// VSCODE_EXECUTABLE names one. It activates the extension from dist/, waits for the server's
// verify-interrupts-run warning, asks for the quick fixes, hovers, simulates and decodes a token.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { runExtensionHostTests, type HostResult } from './harness/extensionHost';
import { EXTENSION_BUNDLE, isEditorAvailable, REPO_ROOT, SERVER_BUNDLE } from './harness/paths';
import type { CodeServer } from './harness/codeServer';
import { groupAlive, processesMentioning } from './harness/processes';
import { proceedOrSkip, type Availability } from './harness/skip';
import { NO_DESKTOP_VSCODE, runTestElectron } from './harness/testElectron';

const SUITE = join(REPO_ROOT, 'test/extension-host/suite.ts');

/** The editors plus the built extension (`npm test` builds it first; a bare `run-tests` may not have). */
function suiteAvailability(): Availability {
  const editors = isEditorAvailable();
  if (!editors.ok) return editors;
  const missing = [EXTENSION_BUNDLE, SERVER_BUNDLE].filter((file) => !existsSync(file));
  return missing.length === 0
    ? { ok: true }
    : { ok: false, reason: `not built (${missing.join(', ')}): npm run build` };
}

function assertAllPassed(result: HostResult): void {
  const failures = result.failures.join('\n\n');
  assert.equal(result.failed, 0, `${result.failed} extension-host case(s) failed:\n${failures}`);
  assert.ok(result.passed > 0, `the suite ran no cases: ${JSON.stringify(result)}`);
}

test('extension-host suite passes inside code-server', { timeout: 300_000 }, async (t) => {
  if (!proceedOrSkip(t, suiteAvailability())) return;
  const started = Date.now();
  let server: CodeServer | undefined;
  const result = await runExtensionHostTests(SUITE, {
    timeoutMs: 180_000,
    screenshotName: '02-extension-host-suite',
    onServerStarted: (running) => (server = running),
  });
  console.log(`extension-host suite in code-server: ${JSON.stringify(result)} in ${Date.now() - started} ms`);
  assertAllPassed(result);
  // The runner stopped code-server's whole process group: nothing of it may survive.
  assert.ok(server, 'code-server never started');
  assert.equal(groupAlive(server.pgid), false, `code-server group ${server.pgid} still has processes`);
  assert.deepEqual(processesMentioning(server.dataDir), [], 'orphan processes naming the code-server data dir');
});

test('extension-host suite through @vscode/test-electron (desktop VS Code)', { timeout: 300_000 }, async (t) => {
  const run = await runTestElectron(SUITE);
  if (!run.ok) {
    // Desktop VS Code cannot be installed on this machine kind, so this skip is never an
    // SMS_REQUIRE_EDITORS failure — but it is never a pass either.
    assert.equal(process.env.VSCODE_EXECUTABLE, undefined);
    assert.equal(run.reason, NO_DESKTOP_VSCODE);
    console.warn(`SKIPPED ${t.name}: ${run.reason}`);
    t.skip(run.reason);
    return;
  }
  assertAllPassed(run.result);
});
