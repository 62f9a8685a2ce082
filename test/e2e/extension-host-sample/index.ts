// The smallest extension-host test: proves `run()` executes inside a real VS Code extension host with
// the workspace open. Used by extensionHost.test.ts to check the harness, not our extension.
import * as vscode from 'vscode';
import { runHostSuite } from '../harness/hostSuite';

export function run(): Promise<unknown> {
  return runHostSuite([
    [
      'the vscode API is the real one',
      () => {
        if (!/^1\.\d+\.\d+/.test(vscode.version)) throw new Error(`vscode.version is ${vscode.version}`);
      },
    ],
    [
      'the example workspace is open',
      async () => {
        const found = await vscode.workspace.findFiles('*.sms.yaml');
        if (found.length === 0) throw new Error('no *.sms.yaml in the workspace');
      },
    ],
  ]);
}
