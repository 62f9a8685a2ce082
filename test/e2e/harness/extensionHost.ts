// Runs extension-host tests (a file whose `run()` calls runHostSuite) inside code-server's real
// extension host: the page URL's payload carries extensionTestsPath, a headless Chromium connects (the
// host only starts for a connected workbench), and the result comes back through a JSON file.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startCodeServer, type CodeServer } from './codeServer';
import { createExampleWorkspace, prepareHostTests } from './hostEntry';
import { RESULT_FILE_ENV, type HostResult } from './hostSuite';
import { REPO_ROOT } from './paths';
import { waitFor } from './processes';
import { openWorkbench, screenshot, type Workbench } from './workbench';

export type { HostResult } from './hostSuite';

export interface ExtensionHostRunOptions {
  /** Folder to open; default: a fresh copy of examples/*.sms.yaml. */
  workspace?: string;
  /** Default: the repository root (our extension's package.json). */
  extensionDevelopmentPath?: string;
  /** Deadline for the result file, from the moment the workbench is open. */
  timeoutMs?: number;
  /** Screenshot name (SCREENSHOTS_DIR/NAME.png) taken when the tests end or time out. */
  screenshotName?: string;
  /** Called once code-server is up (tests use its pgid and dataDir for orphan checks after the run). */
  onServerStarted?: (server: CodeServer) => void;
}

export async function runExtensionHostTests(
  testsEntry: string,
  options: ExtensionHostRunOptions = {},
): Promise<HostResult> {
  const extensionTestsPath = await prepareHostTests(resolve(testsEntry));
  const workspace = options.workspace ?? createExampleWorkspace();
  const resultDir = mkdtempSync(join(tmpdir(), 'sms-e2e-host-result-'));
  const resultFile = join(resultDir, 'result.json');
  let server: CodeServer | undefined;
  let workbench: Workbench | undefined;
  try {
    // code-server's environment is inherited by the extension host it forks: that is how the path travels.
    server = await startCodeServer({
      workspace,
      extensionDevelopmentPath: options.extensionDevelopmentPath ?? REPO_ROOT,
      extensionTestsPath,
      env: { [RESULT_FILE_ENV]: resultFile },
    });
    options.onServerStarted?.(server);
    workbench = await openWorkbench(server);
    const timeoutMs = options.timeoutMs ?? 120_000;
    try {
      await waitFor(`extension-host tests to write ${resultFile}`, () => existsSync(resultFile), timeoutMs, 200);
    } catch (error) {
      throw new Error(`${String(error)}\n--- code-server log ---\n${server.log().slice(-4000)}`, { cause: error });
    } finally {
      if (options.screenshotName) await screenshot(workbench.page, options.screenshotName);
    }
    return JSON.parse(readFileSync(resultFile, 'utf8')) as HostResult;
  } finally {
    await workbench?.close();
    await server?.stop();
    rmSync(resultDir, { recursive: true, force: true });
    if (!options.workspace) rmSync(workspace, { recursive: true, force: true });
  }
}
