// Proves the extension-host runner: a sample `run()` executes inside code-server's real extension
// host and its results come back to this process; then the same file through @vscode/test-electron.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import test from 'node:test';
import { runExtensionHostTests } from './harness/extensionHost';
import { isEditorAvailable, REPO_ROOT } from './harness/paths';
import { proceedOrSkip } from './harness/skip';
import { NO_DESKTOP_VSCODE, runTestElectron } from './harness/testElectron';

test('extension-host sample runs inside code-server', { timeout: 180_000 }, async (t) => {
  if (!proceedOrSkip(t, isEditorAvailable())) return;
  const result = await runExtensionHostTests(join(REPO_ROOT, 'test/e2e/extension-host-sample/index.ts'), {
    screenshotName: '01-extension-host-sample',
  });
  // The sample has two cases, both true in any real host with the example workspace open.
  assert.deepEqual(result, { passed: 2, failed: 0, failures: [] });
});

test('the same sample through @vscode/test-electron (desktop VS Code)', { timeout: 180_000 }, async (t) => {
  const run = await runTestElectron(join(REPO_ROOT, 'test/e2e/extension-host-sample/index.ts'));
  if (!run.ok) {
    // Desktop VS Code cannot be installed here, so this is never an SMS_REQUIRE_EDITORS failure.
    assert.equal(process.env.VSCODE_EXECUTABLE, undefined);
    assert.equal(run.reason, NO_DESKTOP_VSCODE);
    console.warn(`SKIPPED test-electron: ${run.reason}`);
    t.skip(run.reason);
    return;
  }
  assert.deepEqual(run.result, { passed: 2, failed: 0, failures: [] });
});
