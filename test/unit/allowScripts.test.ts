// npm 11 warns on `npm ci` about every dependency whose install scripts `allowScripts` does not
// cover. The lockfile has no `resolved` URLs, so npm cannot match pinned `name@version` entries:
// each package in the lockfile with an install script needs a name-only entry.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT } from '../helpers/paths';

interface LockPackage {
  readonly hasInstallScript?: boolean;
}

test('allowScripts decides, by name, for every locked package with an install script', () => {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    allowScripts?: Record<string, boolean>;
  };
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, LockPackage>;
  };
  const withScripts = Object.entries(lock.packages)
    .filter(([path, entry]) => path !== '' && entry.hasInstallScript === true)
    .map(([path]) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length));
  assert.ok(withScripts.length > 0);
  const policy = manifest.allowScripts ?? {};
  for (const name of withScripts) assert.equal(typeof policy[name], 'boolean', `allowScripts has no entry for ${name}`);
  assert.deepEqual(
    Object.keys(policy).sort(),
    [...new Set(withScripts)].sort(),
    'no entry for a package without scripts',
  );
});
