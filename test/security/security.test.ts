/**
 * Security (issue 5): the server never evaluates document content or starts processes; generated
 * files go only next to the document, under a derived name; the extension declares what it does in
 * untrusted workspaces.
 */
import assert from 'node:assert/strict';
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
  existsSync,
  copyFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  CodeActionRequest,
  CompletionRequest,
  DocumentSymbolRequest,
  ExecuteCommandRequest,
  HoverRequest,
  type CodeAction,
} from 'vscode-languageserver-protocol';
import { cliverifyFileName } from '../../server/src/core/cliverify/fileName';
import { siblingCliverifyUri } from '../../server/src/core/ide/cliverifyFile';
import { ServerCommands } from '../../server/src/shared/protocol';
import { runCli } from '../helpers/runCli';
import { example, ROOT } from '../helpers/paths';
import { LspTestClient } from '../lsp/client';
import { LAB_TEXT, lineOf, tempDocumentUri, withServer } from '../lsp/fixtures';

const TRIPWIRE = join(__dirname, 'tripwire.cjs');

/** What must never appear in our own code: process creation and code from strings. */
const FORBIDDEN = [
  /child_process/,
  /\beval\s*\(/,
  /new\s+Function\s*\(/,
  /\bFunction\s*\(\s*['"`]/,
  /['"](node:)?vm['"]/,
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|js|mjs|cjs)$/.test(name) ? [path] : [];
  });
}

test('static: no process creation or string evaluation in server/src and client/src', () => {
  const files = [...sourceFiles(join(ROOT, 'server', 'src')), ...sourceFiles(join(ROOT, 'client', 'src'))];
  assert.ok(files.length > 20);
  const hits = files.flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((line, i) => (FORBIDDEN.some((re) => re.test(line)) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
  );
  assert.deepEqual(hits, []);
});

test('static: in dist/server.js only vetted libraries mention child_process or new Function', () => {
  const bundle = readFileSync(join(ROOT, 'dist', 'server.js'), 'utf8').split('\n');
  // esbuild marks each bundled module with a `// path` comment line.
  let module = '';
  const owners = new Set<string>();
  for (const line of bundle) {
    const marker = /^\/\/ (\S+\.(?:js|ts|mjs|cjs))$/.exec(line);
    if (marker) module = marker[1]!;
    else if (FORBIDDEN.some((re) => re.test(line))) owners.add(module);
  }
  // vscode-languageserver's files.js: npm/yarn global-path lookups we never call. (ajv's compiler
  // and its `new Function` are gone: the schema's validators are generated ahead of time.)
  assert.deepEqual([...owners].sort(), ['node_modules/vscode-languageserver/lib/node/files.js']);
});

/** Tags of other YAML loaders that run code, prototype-pollution keys, and script-looking text. */
const HOSTILE_TAGS = `${LAB_TEXT}x1: !!js/function "function () { process.exit(3) }"
x2: !<tag:yaml.org,2002:js/function> "function () { require('child_process').execSync('touch /tmp/pwned') }"
x3: !!python/object/apply:os.system ["touch /tmp/pwned"]
x4: !!js/undefined ''
x5: !!js/regexp /(a+)+$/
__proto__: { polluted: yes }
constructor: { prototype: { isAdmin: true } }
x6: "\${process.exit(4)} <script>exploited=1</script> TRIPWIRE_DOC_MARKER"
`;

test('dynamic: code-running YAML tags and __proto__ keys are inert; no process is started', async () => {
  const client = await LspTestClient.start({ settings: { simulate: 'onType' }, nodeArgs: ['--require', TRIPWIRE] });
  try {
    const { uri } = tempDocumentUri();
    await client.open(uri, HOSTILE_TAGS);
    const published = await client.diagnosticsForVersion(uri, 1);
    // Every unknown top-level key is a schema error: the document is reported, never run.
    const unknown = published.diagnostics.filter((d) => d.code === 'schema' && /Unknown key/.test(String(d.message)));
    assert.ok(unknown.length >= 6, published.diagnostics.map((d) => `${d.code}: ${String(d.message)}`).join('\n'));
    const textDocument = { uri };
    for (const key of ['x1', 'x2', 'x3', '__proto__', 'constructor', 'x6']) {
      const position = { line: lineOf(HOSTILE_TAGS, `${key}:`), character: 1 };
      await client.connection.sendRequest(HoverRequest.type, { textDocument, position });
      await client.connection.sendRequest(CompletionRequest.type, { textDocument, position });
      await client.connection.sendRequest(CodeActionRequest.type, {
        textDocument,
        range: { start: position, end: position },
        context: { diagnostics: published.diagnostics },
      });
    }
    await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument });
    for (const command of [ServerCommands.simulate, ServerCommands.cliverify]) {
      await client.connection.sendRequest(ExecuteCommandRequest.type, { command, arguments: [uri] });
    }
    assert.equal(await client.shutdown(), 0, client.stderrText);
    assert.doesNotMatch(client.stderrText, /TRIPWIRE/);
    assert.ok(!existsSync('/tmp/pwned'));
  } finally {
    client.kill();
  }
});

test('dynamic: the tripwire itself trips (so the test above can fail)', async () => {
  const preload = join(mkdtempSync(join(tmpdir(), 'sms-trip-')), 'spawn.cjs');
  writeFileSync(
    preload,
    `require(${JSON.stringify(TRIPWIRE)}); try { require('child_process').spawnSync('true'); } catch {}\n`,
  );
  const client = await LspTestClient.start({ nodeArgs: ['--require', preload] });
  try {
    assert.equal(await client.shutdown(), 0);
    assert.match(client.stderrText, /TRIPWIRE child_process\.spawnSync/);
  } finally {
    client.kill();
  }
});

test('the Cliverify file is a sibling with a derived name, or none at all', () => {
  const cases: [string, string | undefined][] = [
    ['file:///ws/dir/lab.sms.yaml', 'file:///ws/dir/lab.cliverify.md'],
    ['file:///ws/dir/a%20b.sms.yml', 'file:///ws/dir/a%20b.cliverify.md'],
    ['vscode-vfs://github/o/r/lab.sms.yaml', 'vscode-vfs://github/o/r/lab.cliverify.md'],
    // Encoded separators would climb out of the directory once an editor decodes the path.
    ['file:///ws/dir/..%2F..%2Fetc%2Fpasswd.sms.yaml', undefined],
    ['file:///ws/dir/..%5C..%5Cwin.sms.yaml', undefined],
    ['file:///ws/dir/%00.sms.yaml', undefined],
    ['file:///ws/dir/..', undefined],
    ['file:///ws/dir/', undefined],
    ['file:///ws/dir/lab.sms.yaml?x=../../y', undefined],
    ['file:///ws/dir/lab.sms.yaml#../y', undefined],
    ['untitled:Untitled-1', undefined],
    ['not a uri', undefined],
  ];
  for (const [document, expected] of cases) assert.equal(siblingCliverifyUri(document), expected, document);
});

test('property: for any file name, the Cliverify file stays in the same directory', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (name) => {
      const document = `file:///ws/dir/${encodeURIComponent(name)}`;
      const sibling = siblingCliverifyUri(document);
      if (sibling === undefined) return;
      assert.ok(sibling.startsWith('file:///ws/dir/'), sibling);
      const last = decodeURIComponent(sibling.slice('file:///ws/dir/'.length));
      assert.doesNotMatch(last, /[/\\\0]/);
      assert.match(last, /.\.cliverify\.md$/s);
      assert.equal(new URL(sibling).pathname.startsWith('/ws/dir/'), true);
    }),
  );
  fc.assert(
    fc.property(fc.stringMatching(/^[^/\0]{1,30}$/), (name) => {
      if (name === '.' || name === '..') return;
      const path = `/ws/dir/${name}`;
      const target = cliverifyFileName(path);
      assert.equal(dirname(target), '/ws/dir');
      assert.match(basename(target), /\.cliverify\.md$/);
    }),
  );
});

async function verifyFix(client: LspTestClient, uri: string): Promise<CodeAction> {
  await client.open(uri, LAB_TEXT);
  const published = await client.diagnosticsForVersion(uri, 1);
  const interruption = published.diagnostics.find((d) => d.code === 'verify-interrupts-run');
  assert.ok(interruption);
  const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri },
    range: interruption.range,
    context: { diagnostics: [interruption] },
  })) as CodeAction[];
  assert.ok(actions[0]?.edit);
  return actions[0];
}

test('quick fixes propose no Cliverify file for a traversal name or through a symbolic link', async () => {
  await withServer({}, async (client) => {
    const traversal = await verifyFix(client, 'file:///tmp/sms-sec/..%2F..%2Fevil.sms.yaml');
    assert.equal(traversal.edit?.documentChanges?.length, 1, 'only the YAML edit');

    // A dangling link in place of lab.cliverify.md would send the write outside the folder.
    const { uri, dir } = tempDocumentUri();
    symlinkSync(join(mkdtempSync(join(tmpdir(), 'sms-elsewhere-')), 'target.md'), join(dir, 'lab.cliverify.md'));
    const linked = await verifyFix(client, uri);
    assert.equal(linked.edit?.documentChanges?.length, 1, 'only the YAML edit');

    const { uri: plain } = tempDocumentUri();
    const normal = await verifyFix(client, plain);
    assert.equal(normal.edit?.documentChanges?.length, 3, 'YAML edit, CreateFile, content');
  });
});

test('the CLI does not write through a dangling NAME.cliverify.md symlink', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sms-cli-link-'));
  const elsewhere = join(mkdtempSync(join(tmpdir(), 'sms-elsewhere-')), 'planted.md');
  copyFileSync(example('lab.sms.yaml'), join(dir, 'lab.sms.yaml'));
  symlinkSync(elsewhere, join(dir, 'lab.cliverify.md'));
  const run = runCli(['cliverify', join(dir, 'lab.sms.yaml'), '--write']);
  assert.equal(existsSync(elsewhere), false, `the CLI wrote ${elsewhere} (exit ${run.status})`);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /symbolic link/);
});

test('the extension declares limited support for untrusted workspaces and checks trust before writing', () => {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    capabilities?: { untrustedWorkspaces?: { supported?: unknown; description?: unknown } };
  };
  const untrusted = manifest.capabilities?.untrustedWorkspaces;
  assert.equal(untrusted?.supported, 'limited');
  assert.match(String(untrusted?.description), /never runs/);
  assert.match(String(untrusted?.description), /preview/);
  const generate = readFileSync(join(ROOT, 'client', 'src', 'commands', 'generateCliverify.ts'), 'utf8');
  assert.match(generate, /vscode\.workspace\.isTrusted/);
  assert.match(generate, /isNextTo\(target, uri\)/);
});
