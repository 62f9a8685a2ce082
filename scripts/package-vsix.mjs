#!/usr/bin/env node
// Builds the production bundles and packs the VSIX with @vscode/vsce. Everything the extension
// needs is bundled by esbuild into dist/, so the package is made with --no-dependencies.
// The VSIX's README (what the Extensions view shows) is the user-facing README.vsix.md, not the
// developer README.md; its screenshots (images/readme/) are packed too and linked relatively
// (--no-rewrite-relative-links: vsce would otherwise point them at a repository URL).
// Usage: node scripts/package-vsix.mjs [--out FILE]   (default: sms-schedule-author-VERSION.vsix)
//        node scripts/package-vsix.mjs --list         (the files the VSIX would hold, without building)
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const outIndex = process.argv.indexOf('--out');
const out = outIndex > 0 ? process.argv[outIndex + 1] : `${manifest.name}-${manifest.version}.vsix`;
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// The README VS Code shows for the installed extension: user-facing, images packed and linked relatively.
const readmePath = ['--readme-path', 'README.vsix.md'];
if (process.argv.includes('--list')) {
  run(npx, ['--no-install', 'vsce', 'ls', '--no-dependencies', ...readmePath]);
  process.exit(0);
}

run(npm, ['run', 'build', '--silent', '--', '--production']);
for (const file of ['dist/extension.js', 'dist/server.js', 'dist/webview/timeline.js', 'dist/webview/timeline.css']) {
  if (!existsSync(join(root, file))) {
    console.error(`package-vsix: ${file} is missing after the build`);
    process.exit(1);
  }
}
// vsce asks interactively when LICENSE is missing; --skip-license keeps the script non-interactive.
const licenseArgs = ['LICENSE', 'LICENSE.md', 'LICENSE.txt'].some((f) => existsSync(join(root, f)))
  ? []
  : ['--skip-license'];
run(npx, [
  '--no-install',
  'vsce',
  'package',
  '--no-dependencies',
  ...readmePath,
  '--no-rewrite-relative-links',
  ...licenseArgs,
  '--out',
  out,
]);

const bytes = statSync(resolve(root, out)).size;
console.log(
  `package-vsix: ${out} ${(bytes / 1024).toFixed(1)} KiB${bytes > 1024 * 1024 ? ' (over the 1 MB target)' : ''}`,
);
