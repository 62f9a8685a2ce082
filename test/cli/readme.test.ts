// The README's `check --format json` example is an excerpt of what the command it names really
// prints (issue 14): every object in it is, exactly, an element of the real output, so the README
// cannot drift from the CLI.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT } from '../helpers/paths';
import { runCli } from '../helpers/runCli';

type Json = Record<string, unknown>;

/** The command quoted before the README's JSON example, and the example itself. */
function readmeExample(): { args: string[]; example: { files: Json[] } } {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### `check --format json`'));
  assert.ok(section.length > 0, 'the README has its JSON section');
  const command = /`sms-schedule (check [^`]+)`/.exec(section);
  assert.ok(command, 'the section names the command it shows');
  const block = /```json\n([\s\S]*?)\n```/.exec(section);
  assert.ok(block, 'the section has a json block');
  return { args: command[1]!.split(' '), example: JSON.parse(block[1]!) };
}

test("the README's check --format json example is what that command prints", () => {
  const { args, example } = readmeExample();
  assert.deepEqual(args, ['check', '--format', 'json', 'examples/lab.sms.yaml']);
  const run = runCli(args);
  assert.equal(run.stderr, '');
  const real = JSON.parse(run.stdout) as { files: Json[] };

  assert.deepEqual(Object.keys(example), Object.keys(real));
  assert.ok(example.files.length > 0);
  for (const shown of example.files) {
    const actual = real.files.find((f) => f.file === shown.file);
    assert.ok(actual, `the real output has ${String(shown.file)}`);
    // Every member of the real file object is shown, in the real order.
    assert.deepEqual(Object.keys(shown), Object.keys(actual));
    for (const [key, value] of Object.entries(shown)) {
      if (!Array.isArray(value)) {
        assert.deepEqual(value, actual[key], key);
        continue;
      }
      const elements = actual[key] as unknown[];
      // An empty list in the README says the real one is empty; else it shows real elements.
      if (value.length === 0) assert.deepEqual(elements, [], `${key} is empty in the README only`);
      for (const element of value) {
        assert.ok(
          elements.some((candidate) => {
            try {
              assert.deepEqual(element, candidate);
              return true;
            } catch {
              return false;
            }
          }),
          `${key}: ${JSON.stringify(element)} is not in the real output`,
        );
      }
    }
  }
});
