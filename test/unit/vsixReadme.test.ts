/** The VSIX carries the user-facing README.vsix.md (not the developer README) and its screenshots. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
const README = readFileSync(join(ROOT, 'README.vsix.md'), 'utf8');

/** The files `scripts/package-vsix.mjs` would pack (its `--list`: vsce ls with the same README). */
function packedFiles(): string[] {
  const result = spawnSync(process.execPath, ['scripts/package-vsix.mjs', '--list'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

test('the VSIX packs README.vsix.md as its README and every image it shows', () => {
  const files = packedFiles();
  assert.ok(files.includes('README.vsix.md'), files.join(', '));
  assert.ok(!files.includes('README.md'), 'the developer README is packed');
  const images = [...README.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1] ?? '');
  assert.ok(images.length >= 4, `only ${images.length} screenshots`);
  for (const image of images) {
    // Relative, so VS Code shows it from the installed extension, never from a repository URL.
    assert.doesNotMatch(image, /^[a-z]+:|^\//i, image);
    assert.ok(existsSync(join(ROOT, image)), `${image} is missing`);
    assert.ok(files.includes(image), `${image} is not packed`);
  }
});

test('the VSIX README is for users: install, use, settings; no developer steps', () => {
  for (const heading of ['## Install', '## Use', '## Settings']) assert.ok(README.includes(heading), heading);
  assert.doesNotMatch(README, /npm (ci|start|test|run)/);
  // Every setting the extension contributes is documented.
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    contributes: { configuration: { properties: Record<string, unknown> } };
  };
  for (const key of Object.keys(manifest.contributes.configuration.properties)) {
    assert.ok(README.includes(`\`${key}\``), `${key} is not in README.vsix.md`);
  }
});
