// The CLI reaches the core library through its one entry point, `core/index.ts`, only.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { ROOT } from '../helpers/paths';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

test('server/src/cli imports nothing from core but core/index.ts', () => {
  const files = sources(join(ROOT, 'server/src/cli'));
  assert.ok(files.length > 0);
  let coreImports = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/\bfrom\s+'([^']+)'|\bimport\(\s*'([^']+)'\s*\)|\brequire\(\s*'([^']+)'\s*\)/g)) {
      const specifier = match[1] ?? match[2] ?? match[3]!;
      if (!/(^|\/)core(\/|$)/.test(specifier)) continue;
      coreImports++;
      assert.match(specifier, /^(\.\.\/)+core\/index$/, `${relative(ROOT, file)} imports '${specifier}'`);
    }
  }
  assert.ok(coreImports > 0, 'the CLI uses the core library');
});
