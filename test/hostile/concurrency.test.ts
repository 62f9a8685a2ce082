/**
 * Concurrency (issue 5): a burst of edits leaves no queue behind and only the last version's
 * diagnostics win; a save during a simulation gives the latest result; closing clears for good.
 * No sleeps: ordering is proven with later notifications the server must handle after the earlier ones.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ExecuteCommandRequest, HoverRequest, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { ServerCommands, type Timeline } from '../../server/src/shared/protocol';
import { fileUri } from '../lsp/client';
import { hasEngineFindings, LAB_TEXT, lineOf, withServer } from '../lsp/fixtures';
import { HANG_LIMIT_MS, timed } from './helpers';

const uri = (name: string): string => fileUri(`/tmp/sms-concurrency/${name}.sms.yaml`);
const LAB_LINE = lineOf(LAB_TEXT, '- at: 2001-03-01T00:30');
const interruptionsOnLab = (params: PublishDiagnosticsParams): number =>
  params.diagnostics.filter((d) => d.code === 'verify-interrupts-run' && d.range.start.line === LAB_LINE).length;

/** Versions published for `uri` after notification index `mark`, in arrival order. */
function versionsAfter(published: readonly PublishDiagnosticsParams[], target: string, mark: number): number[] {
  return published
    .slice(mark)
    .filter((p) => p.uri === target)
    .map((p) => p.version ?? -1);
}

test('50 edits in a burst: the last version is published last and a hover answers right after', async () => {
  await withServer({ settings: { simulate: 'onType' } }, async (client) => {
    const doc = uri('burst');
    await client.open(doc, LAB_TEXT);
    await client.diagnosticsForVersion(doc, 1);
    const mark = client.published.length;
    let last = 1;
    // Each edit types one character into the comment on line 0 (incremental changes).
    for (let i = 0; i < 50; i++) {
      last = await client.change(doc, [
        { range: { start: { line: 0, character: 2 }, end: { line: 0, character: 2 } }, text: String(i % 10) },
      ]);
    }
    const hover = await timed(() =>
      client.connection.sendRequest(HoverRequest.type, {
        textDocument: { uri: doc },
        position: { line: LAB_LINE, character: 10 },
      }),
    );
    assert.ok(hover.ms < HANG_LIMIT_MS, `hover after the burst took ${hover.ms.toFixed(0)} ms`);
    assert.ok(hover.value !== null, 'the hover is about the latest text');
    const final = await client.diagnosticsForVersion(doc, last, mark);
    assert.ok(hasEngineFindings(final));
    // A later change proves the server is done with the burst: nothing published for it after `last`.
    const after = await client.change(doc, LAB_TEXT);
    await client.diagnosticsForVersion(doc, after, mark);
    const versions = versionsAfter(client.published, doc, mark);
    assert.deepEqual(
      versions.slice(-2),
      [last, after],
      `published versions ${versions.join(',')}: only increasing, the burst's last one before the next edit`,
    );
    for (let i = 1; i < versions.length; i++) assert.ok(versions[i]! > versions[i - 1]!, `${versions.join(',')}`);
    // The debounce drops intermediate versions: far fewer publications than edits.
    assert.ok(versions.length < 10, `${versions.length} publications for 51 edits`);
  });
});

test('a save while the previous save is simulating publishes the latest result, never the older one last', async () => {
  await withServer({}, async (client) => {
    const doc = uri('save-race');
    await client.open(doc, LAB_TEXT);
    await client.diagnosticsForVersion(doc, 1);
    const mark = client.published.length;
    // v2: LAB's verify cycle off; v3: back on. Both saved at once: v2's run must not win.
    const v2 = await client.change(doc, LAB_TEXT.replace('enabled: true', 'enabled: false'));
    await client.save(doc);
    const v3 = await client.change(doc, LAB_TEXT.replace('# A small', '# Still a small'));
    await client.save(doc);
    const latest = await client.waitForDiagnostics(doc, (p) => p.version === v3 && hasEngineFindings(p), mark);
    assert.equal(interruptionsOnLab(latest), 1, 'v3 has LAB enabled again: its interruption is back');
    const timeline = (await client.connection.sendRequest(ExecuteCommandRequest.type, {
      command: ServerCommands.simulate,
      arguments: [doc],
    })) as Timeline;
    assert.equal(timeline.version, v3);
    assert.equal(timeline.summary.interruptions, 4);
    const versions = versionsAfter(client.published, doc, mark);
    assert.equal(versions.at(-1), v3, `published ${versions.join(',')}`);
    assert.ok(!versions.slice(versions.indexOf(v3)).includes(v2), `v2 after v3: ${versions.join(',')}`);
  });
});

test('closing a document with an edit still pending clears its diagnostics for good', async () => {
  await withServer({ settings: { simulate: 'onType' } }, async (client) => {
    const doc = uri('close-pending');
    await client.open(doc, LAB_TEXT);
    await client.diagnosticsForVersion(doc, 1);
    const mark = client.published.length;
    // The edit is validated at once (a pause preceded it), the next one waits for a pause: when
    // the close arrives, a run may be in flight or a timer pending (or the first may be done).
    await client.change(doc, LAB_TEXT + '# pending\n');
    await client.change(doc, LAB_TEXT + '# pending too\n');
    await client.close(doc);
    const cleared = await client.waitForDiagnostics(doc, (p) => p.diagnostics.length === 0, mark);
    assert.deepEqual(cleared.diagnostics, []);
    // A later document's debounced edit fires after the closed one's timer would have: if the
    // close had not cancelled it, its publication would arrive before this one.
    const other = uri('close-later');
    await client.open(other, LAB_TEXT);
    await client.diagnosticsForVersion(other, 1);
    const version = await client.change(other, LAB_TEXT + '# later\n');
    await client.diagnosticsForVersion(other, version);
    // Diagnostics of the edits may come before the close (the LAB text has findings, so they are
    // never empty); the clearing publication is the last one, and there is only one.
    const counts = client.published
      .slice(mark)
      .filter((p) => p.uri === doc)
      .map((p) => p.diagnostics.length);
    assert.equal(counts.at(-1), 0, `publications after the edits: ${counts.join(',')}`);
    assert.equal(counts.filter((n) => n === 0).length, 1, `one clearing publication: ${counts.join(',')}`);
  });
});
