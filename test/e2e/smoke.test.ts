// Smoke test of the e2e harness itself: a real code-server + Chromium open an example file from the
// Explorer and show its text, then everything stops without leaving processes behind.
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import {
  activeEditorText,
  isEditorAvailable,
  openFileFromExplorer,
  openWorkbench,
  screenshot,
  startCodeServer,
} from './harness/codeServer';
import { EXTENSION_BUNDLE, REPO_ROOT } from './harness/paths';
import { groupAlive, processesMentioning } from './harness/processes';
import { proceedOrSkip } from './harness/skip';

test('code-server + Chromium open examples/lab.sms.yaml from the Explorer', { timeout: 120_000 }, async (t) => {
  if (!proceedOrSkip(t, isEditorAvailable())) return;
  const workspace = mkdtempSync(join(tmpdir(), 'sms-e2e-smoke-'));
  copyFileSync(join(REPO_ROOT, 'examples/lab.sms.yaml'), join(workspace, 'lab.sms.yaml'));
  // The extension is optional here: this test proves the harness, not the extension.
  const server = await startCodeServer({
    workspace,
    ...(existsSync(EXTENSION_BUNDLE) ? { extensionDevelopmentPath: REPO_ROOT } : {}),
  });
  let workbench: Awaited<ReturnType<typeof openWorkbench>> | undefined;
  try {
    workbench = await openWorkbench(server);
    await openFileFromExplorer(workbench.page, 'lab.sms.yaml');
    const text = await activeEditorText(workbench.page);
    assert.match(text, /code: LAB\s/);
    assert.match(text, /A small SMS 2\.0 hierarchy/);
    await screenshot(workbench.page, '00-smoke');
  } finally {
    await workbench?.close();
    await server.stop();
    rmSync(workspace, { recursive: true, force: true });
  }
  // No orphans: code-server's process group is empty, and nothing names its data dir or Chromium's profile.
  assert.equal(groupAlive(server.pgid), false, `code-server group ${server.pgid} still has processes`);
  const leftovers = [server.dataDir, workbench?.profileDir ?? 'no-profile'].flatMap(processesMentioning);
  assert.deepEqual(leftovers, [], `orphan processes: ${leftovers.join(', ')}`);
});
