#!/usr/bin/env node
// Runs every `test/**/*.test.ts` with node's built-in test runner (TypeScript through tsx).
// Node 20's `--test` does not expand globs itself, hence this small finder.
// Usage: node scripts/run-tests.mjs [substring-filter...]
// When the real-editor tests (test/e2e) are among them, their editors are installed first where this
// machine allows it (scripts/install-editors.sh: Debian, root; ~2.5 min once, then a quick check);
// elsewhere those tests skip loudly and this script says why before and after the run.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const filters = process.argv.slice(2);

function find(dir) {
  const found = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...find(path));
    else if (name.endsWith('.test.ts')) found.push(relative(root, path));
  }
  return found;
}

const files = find(join(root, 'test'))
  .filter((file) => filters.length === 0 || filters.some((f) => file.includes(f)))
  .sort();
if (files.length === 0) {
  console.error('run-tests: no test files matched');
  process.exit(2);
}
/** Why the editors cannot be installed here, or undefined when install-editors.sh can run. */
function cannotInstallEditors() {
  if (process.env.SMS_SKIP_EDITOR_INSTALL === '1') return 'SMS_SKIP_EDITOR_INSTALL=1 is set';
  if (!existsSync('/usr/bin/apt-get') || !existsSync('/usr/bin/dpkg-query'))
    return 'this is not a Debian system (no apt-get)';
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status !== 0)
    return 'installing needs root (or sudo without a password)';
  return undefined;
}

let editorsMissing;
if (files.some((file) => file.startsWith('test/e2e/'))) {
  const reason = cannotInstallEditors();
  if (reason === undefined) {
    console.log('run-tests: real-editor tests: checking code-server, Chromium and Neovim (scripts/install-editors.sh;');
    console.log('run-tests: the first install takes about 2.5 minutes, later runs a few seconds)');
    const install = spawnSync('bash', [join(root, 'scripts/install-editors.sh')], { cwd: root, stdio: 'inherit' });
    if (install.status !== 0) editorsMissing = 'scripts/install-editors.sh failed (see above)';
  } else {
    editorsMissing = reason;
  }
  if (editorsMissing !== undefined) {
    const how = 'run `sudo bash scripts/install-editors.sh` once on a Debian machine, then `npm test` again';
    console.log(`run-tests: WARNING: the real-editor tests will be SKIPPED: ${editorsMissing}; ${how}`);
  }
}

const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-timeout=600000', '--test-reporter=spec', ...files],
  { cwd: root, stdio: 'inherit' },
);
if (editorsMissing !== undefined) {
  console.log(`run-tests: WARNING: the real-editor tests were SKIPPED (not passed): ${editorsMissing}`);
}
process.exit(result.status ?? 1);
