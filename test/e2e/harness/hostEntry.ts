// What both extension-host runners (code-server, test-electron) need before launching: the tests as
// one CommonJS file (TypeScript entries are bundled with esbuild, `vscode` left to the host) and a
// scratch workspace holding the example documents.
import { build } from 'esbuild';
import { copyFileSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { REPO_ROOT, WORK_DIR } from './paths';

/** A `.js` entry is used as is; a `.ts` entry is bundled into test/e2e/.work/host-tests/NAME.js. */
export async function prepareHostTests(testsEntry: string): Promise<string> {
  if (!testsEntry.endsWith('.ts')) return testsEntry;
  // The bundle stays under the repo (the extension's folder) so the host maps its `require('vscode')` to us.
  const outfile = join(WORK_DIR, 'host-tests', `${basename(join(testsEntry, '..'))}-${basename(testsEntry, '.ts')}.js`);
  await build({
    entryPoints: [testsEntry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['vscode'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  return outfile;
}

/** A fresh folder with copies of examples/*.sms.yaml (tests may edit them freely). */
export function createExampleWorkspace(prefix = 'host'): string {
  const workspace = mkdtempSync(join(tmpdir(), `sms-e2e-${prefix}-workspace-`));
  const examples = join(REPO_ROOT, 'examples');
  for (const name of readdirSync(examples)) {
    if (/\.sms\.ya?ml$/.test(name)) copyFileSync(join(examples, name), join(workspace, name));
  }
  return workspace;
}
