/** The timeline's what-if over stdio: simulate with verify-cycle overrides, then applyWhatIf's edit. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ExecuteCommandRequest, type WorkspaceEdit } from 'vscode-languageserver-protocol';
import { GENERATED_MARKER } from '../../server/src/core/cliverify/config';
import { ServerCommands, type ApplyWhatIfResult, type Timeline, type WhatIf } from '../../server/src/shared/protocol';
import { applyWorkspaceEdit, type FileState } from './applyEdits';
import type { LspTestClient } from './client';
import { LAB_TEXT, tempDocumentUri, withServer } from './fixtures';

function simulate(client: LspTestClient, uri: string, whatIf?: WhatIf): Promise<Timeline> {
  return client.connection.sendRequest(ExecuteCommandRequest.type, {
    command: ServerCommands.simulate,
    arguments: whatIf === undefined ? [uri] : [uri, whatIf],
  }) as Promise<Timeline>;
}

function applyWhatIf(client: LspTestClient, uri: string, version: number | null, whatIf: unknown) {
  return client.connection.sendRequest(ExecuteCommandRequest.type, {
    command: ServerCommands.applyWhatIf,
    arguments: [uri, version, whatIf],
  }) as Promise<ApplyWhatIfResult>;
}

/** The edit of a successful applyWhatIf (the test fails with the reason otherwise). */
function editOf(result: ApplyWhatIfResult): WorkspaceEdit | null {
  assert.ok(result.ok, result.ok ? '' : result.reason);
  return result.edit as WorkspaceEdit | null;
}

test('simulate with a what-if changes the findings, not the document', async () => {
  await withServer({}, async (client) => {
    const { uri } = tempDocumentUri();
    await client.open(uri, LAB_TEXT);
    const plain = await simulate(client, uri);
    assert.deepEqual(plain.summary, { interruptions: 4, delays: 3, clientsAtRisk: 815 });
    assert.equal(plain.whatIf, undefined);
    assert.deepEqual(
      plain.sites?.map((s) => [s.code, s.enabled, s.intervalDays, s.durationMinutes]),
      [
        ['CEN', true, 30, 30],
        ['LAB', true, 30, 40],
      ],
    );
    // LAB off: LAB20001's 800 clients are no longer at risk; CEN20007's three 5-client runs still are.
    const labOff = await simulate(client, uri, { LAB: { enabled: false } });
    assert.deepEqual(labOff.summary, { interruptions: 3, delays: 3, clientsAtRisk: 15 });
    assert.deepEqual(labOff.whatIf, { LAB: { enabled: false } });
    assert.equal(labOff.sites?.find((s) => s.code === 'LAB')?.enabled, false);
    assert.equal(labOff.rows.find((r) => r.advertisement === 'LAB20001')?.passes.length, 0);
    // Nothing was edited: the document simulates as before.
    assert.deepEqual((await simulate(client, uri)).summary, plain.summary);
  });
});

test('a bad what-if gets its reason back, not a crash or a log', async () => {
  await withServer({}, async (client) => {
    const { uri } = tempDocumentUri();
    await client.open(uri, LAB_TEXT);
    const unknownSite = await simulate(client, uri, { XYZ: { enabled: false } });
    assert.match(unknownSite.error ?? '', /no site "XYZ"/);
    assert.deepEqual(unknownSite.rows, []);
    const zero = await simulate(client, uri, { LAB: { intervalDays: 0 } });
    assert.match(zero.error ?? '', /intervalDays .* 1\.\.365/);
    assert.deepEqual(await applyWhatIf(client, uri, 1, 'LAB'), {
      ok: false,
      reason: 'what-if: a what-if is an object of verify-cycle values by site code',
    });
    assert.deepEqual(
      client.logs.filter((line) => /failed/.test(line)),
      [],
    );
  });
});

test('applyWhatIf edits the YAML and regenerates the Cliverify file; the result simulates like the what-if', async () => {
  await withServer({}, async (client) => {
    const { uri } = tempDocumentUri();
    await client.open(uri, LAB_TEXT);
    const whatIf: WhatIf = { LAB: { intervalDays: 45 }, CEN: { enabled: false } };
    const tried = await simulate(client, uri, whatIf);

    const stale = await applyWhatIf(client, uri, 7, whatIf);
    assert.equal(stale.ok, false);
    assert.match(stale.ok ? '' : stale.reason, /the document changed/);
    const edit = editOf(await applyWhatIf(client, uri, 1, whatIf));
    assert.ok(edit);
    const cliverifyUri = uri.replace(/\.sms\.yaml$/, '.cliverify.md');
    const files = new Map<string, FileState>([[uri, { text: LAB_TEXT, version: 1 }]]);
    applyWorkspaceEdit(files, edit);
    const text = files.get(uri)?.text ?? '';
    assert.match(text, /code: CEN\n[^-]*verifyCycle:\n {6}enabled: false\n/);
    assert.match(text, /code: LAB\n[^-]*intervalDays: 45\n/);
    const markdown = files.get(cliverifyUri)?.text ?? '';
    assert.equal(markdown.split('\n')[0], GENERATED_MARKER);
    assert.match(markdown, /## Site CEN[^#]*cleared \(off\)/);

    const version = await client.change(uri, text);
    const applied = await simulate(client, uri);
    assert.equal(applied.version, version);
    assert.deepEqual(applied.summary, tried.summary);
    assert.deepEqual(applied.sites, tried.sites);
    // Applied once, the same what-if has nothing left to change.
    assert.equal(editOf(await applyWhatIf(client, uri, version, whatIf)), null);
  });
});
