// Runs the same extension-host tests in desktop VS Code through @vscode/test-electron, on machines
// that have it. Never downloads: the executable must come from VSCODE_EXECUTABLE (this machine kind
// cannot reach update.code.visualstudio.com, and neither npm nor Debian ships desktop VS Code).
import { runTests } from '@vscode/test-electron';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createExampleWorkspace, prepareHostTests } from './hostEntry';
import { RESULT_FILE_ENV, type HostResult } from './hostSuite';
import { REPO_ROOT } from './paths';

export type ElectronRun = { ok: true; result: HostResult } | { ok: false; reason: string };

export const NO_DESKTOP_VSCODE =
  'desktop VS Code is not available on this machine (set VSCODE_EXECUTABLE to run @vscode/test-electron)';

export async function runTestElectron(
  testsEntry: string,
  options: { workspace?: string; extensionDevelopmentPath?: string } = {},
): Promise<ElectronRun> {
  const vscodeExecutablePath = process.env.VSCODE_EXECUTABLE;
  if (!vscodeExecutablePath) return { ok: false, reason: NO_DESKTOP_VSCODE };
  if (!existsSync(vscodeExecutablePath)) throw new Error(`VSCODE_EXECUTABLE=${vscodeExecutablePath} does not exist`);

  const extensionTestsPath = await prepareHostTests(resolve(testsEntry));
  const workspace = options.workspace ?? createExampleWorkspace('electron');
  const scratch = mkdtempSync(join(tmpdir(), 'sms-e2e-electron-'));
  const resultFile = join(scratch, 'result.json');
  try {
    try {
      await runTests({
        vscodeExecutablePath,
        extensionDevelopmentPath: options.extensionDevelopmentPath ?? REPO_ROOT,
        extensionTestsPath,
        extensionTestsEnv: { [RESULT_FILE_ENV]: resultFile },
        launchArgs: [
          workspace,
          '--disable-extensions',
          '--disable-workspace-trust',
          '--skip-welcome',
          '--user-data-dir',
          join(scratch, 'user'),
          '--extensions-dir',
          join(scratch, 'ext'),
        ],
      });
    } catch (error) {
      // A failing suite exits non-zero after writing its result; only a run without one is an error.
      if (!existsSync(resultFile)) throw error;
    }
    if (!existsSync(resultFile)) throw new Error(`VS Code exited without writing ${resultFile}`);
    return { ok: true, result: JSON.parse(readFileSync(resultFile, 'utf8')) as HostResult };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
    if (!options.workspace) rmSync(workspace, { recursive: true, force: true });
  }
}
