/** Quick fixes over stdio: each WorkspaceEdit is applied to the text here and sent back. */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  CodeActionKind,
  CodeActionRequest,
  type CodeAction,
  type CreateFile,
  type Diagnostic,
  type TextDocumentEdit,
} from 'vscode-languageserver-protocol';
import { analyzeText } from '../../server/src/core/analyze';
import { adviseCliverify } from '../../server/src/core/cliverify/advice';
import {
  buildCliverifyConfig,
  GENERATED_MARKER,
  renderCliverifyMarkdown,
} from '../../server/src/core/cliverify/config';
import { applyWorkspaceEdit, type FileState } from './applyEdits';
import type { LspTestClient } from './client';
import { LAB_TEXT, tempDocumentUri, withServer } from './fixtures';

/** The quick fixes for `diagnostics` (refactorings of the same range are asked for separately). */
async function actionsFor(client: LspTestClient, uri: string, diagnostics: Diagnostic[]): Promise<CodeAction[]> {
  const first = diagnostics[0];
  assert.ok(first, 'no diagnostic to fix');
  const result = await client.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri },
    range: first.range,
    context: { diagnostics, only: [CodeActionKind.QuickFix] },
  });
  return (result ?? []) as CodeAction[];
}

/** Opens `text` in onSave mode and returns the interruption diagnostics on `line`. */
async function interruptionsOn(client: LspTestClient, uri: string, text: string, line: number): Promise<Diagnostic[]> {
  await client.open(uri, text);
  const published = await client.diagnosticsForVersion(uri, 1);
  return published.diagnostics.filter((d) => d.code === 'verify-interrupts-run' && d.range.start.line === line);
}

/** Applies the fix, sends the new text, saves, and returns the engine's diagnostics for it. */
async function applyAndResimulate(
  client: LspTestClient,
  uri: string,
  action: CodeAction,
  files: Map<string, FileState>,
) {
  assert.ok(action.edit);
  applyWorkspaceEdit(files, action.edit);
  const text = files.get(uri)!.text;
  const beforeChange = client.published.length;
  const version = await client.change(uri, text);
  files.get(uri)!.version = version;
  // The change is validated (no engine) and published first; the save's publish adds the engine's findings.
  await client.diagnosticsForVersion(uri, version, beforeChange);
  const mark = client.published.length;
  await client.save(uri);
  const published = await client.diagnosticsForVersion(uri, version, mark);
  return { text, published };
}

/** The Cliverify Markdown the core renders for `text` (same options as the server's defaults). */
function expectedMarkdown(text: string): string {
  const analysis = analyzeText(text, { defaultRunMinutes: 120 });
  assert.ok(analysis.model && analysis.simulation);
  const options = { defaultRunMinutes: 120 };
  const config = buildCliverifyConfig(analysis.model, analysis.simulation, options);
  return renderCliverifyMarkdown(adviseCliverify(config, analysis.model, analysis.accepted, options), 'lab.sms.yaml');
}

test('disable fix on site LAB edits only `enabled` and writes lab.cliverify.md', async () => {
  const { uri } = tempDocumentUri();
  const mdUri = uri.replace(/lab\.sms\.yaml$/, 'lab.cliverify.md');
  await withServer({}, async (client) => {
    const lab = await interruptionsOn(client, uri, LAB_TEXT, 52);
    assert.equal(lab.length, 1);
    const actions = await actionsFor(client, uri, lab);
    assert.deepEqual(
      actions.map((a) => a.title),
      [
        // Moving the one run comes first (SPEC §7 v1.1): 00:30 → 00:15 clears it.
        "Start LAB20001's assignment at 00:15 America/New_York instead (no interruptions)",
        'Disable the verify cycle on site LAB (Cliverify for SMS 2.0 SP1)',
        // Hand check of 31 days: 744 h / 23 h → 33 wake-ups = 759 h per pass; passes at 13:00Z +
        // n * 759 h = 02-11 04:00Z, 03-14 19:00Z, 04-15 10:00Z, 05-17 01:00Z, 06-17 16:00Z: none
        // inside a 05:30-06:15Z (EST) or 04:30-05:15Z (EDT) run. 31 is tried before 29 (tie → larger).
        "Set site LAB's verify interval to 31 days (no interruptions in the horizon)",
        // Last: accepting the risk (SPEC §6.1) instead of removing it.
        'Accept this risk… (verify-interrupts-run)',
      ],
    );
    const [retime, disable] = actions;
    assert.ok(retime && disable);
    assert.equal(retime.isPreferred, true, 'the local fix is preferred');
    assert.deepEqual((retime.edit?.documentChanges?.[0] as TextDocumentEdit).edits, [
      { range: { start: { line: 52, character: 23 }, end: { line: 52, character: 28 } }, newText: '00:15' },
    ]);
    assert.equal(retime.edit?.documentChanges?.length, 1, 're-timing changes no Cliverify setting');
    assert.equal(disable.kind, 'quickfix');
    assert.notEqual(disable.isPreferred, true, 'the site-wide fixes are not preferred');
    const changes = disable.edit?.documentChanges ?? [];
    // YAML edit pinned to version 1, then CreateFile (overwrite) and the full Markdown content.
    assert.equal(changes.length, 3);
    const yamlEdit = changes[0] as TextDocumentEdit;
    assert.deepEqual(yamlEdit.textDocument, { uri, version: 1 });
    // Line 16 is `      enabled: true`: only `true` (columns 15..19) changes.
    assert.deepEqual(yamlEdit.edits, [
      { range: { start: { line: 16, character: 15 }, end: { line: 16, character: 19 } }, newText: 'false' },
    ]);
    assert.deepEqual(changes[1], { kind: 'create', uri: mdUri, options: { overwrite: true } } satisfies CreateFile);

    const files = new Map<string, FileState>([[uri, { text: LAB_TEXT, version: 1 }]]);
    const { text, published } = await applyAndResimulate(client, uri, disable, files);
    assert.equal(text, LAB_TEXT.replace('enabled: true', 'enabled: false'));
    assert.equal(
      published.diagnostics.filter((d) => d.code === 'verify-interrupts-run' && d.range.start.line === 52).length,
      0,
    );
    // CEN's own interruptions are not touched by LAB's fix.
    assert.equal(published.diagnostics.filter((d) => d.code === 'verify-interrupts-run').length, 3);

    const markdown = files.get(mdUri)?.text ?? '';
    assert.equal(markdown, expectedMarkdown(text));
    assert.ok(markdown.startsWith(GENERATED_MARKER));
    assert.match(markdown, /LAB/);
    assert.match(markdown, /cleared \(off\)/, "LAB's checkbox is cleared in the fixed configuration");
  });
});

test('interval fix sets intervalDays to 31 and leaves no LAB interruption', async () => {
  const { uri } = tempDocumentUri();
  const mdUri = uri.replace(/lab\.sms\.yaml$/, 'lab.cliverify.md');
  await withServer({}, async (client) => {
    const actions = await actionsFor(client, uri, await interruptionsOn(client, uri, LAB_TEXT, 52));
    const interval = actions.find((a) => a.title.includes('verify interval'));
    assert.ok(interval);
    const files = new Map<string, FileState>([[uri, { text: LAB_TEXT, version: 1 }]]);
    const { text, published } = await applyAndResimulate(client, uri, interval, files);
    assert.equal(text, LAB_TEXT.replace('intervalDays: 30', 'intervalDays: 31'));
    assert.equal(published.diagnostics.filter((d) => d.range.start.line === 52).length, 0);
    assert.equal(files.get(mdUri)?.text, expectedMarkdown(text));
    assert.match(files.get(mdUri)?.text ?? '', /31 days/);
  });
});

test('disable fix on site CEN adds a verifyCycle block (the site had none)', async () => {
  const { uri } = tempDocumentUri();
  await withServer({}, async (client) => {
    const cen = await interruptionsOn(client, uri, LAB_TEXT, 61);
    assert.equal(cen.length, 3);
    const actions = await actionsFor(client, uri, cen);
    const disable = actions.find((a) => a.title === 'Disable the verify cycle on site CEN (Cliverify for SMS 2.0 SP2)');
    assert.ok(disable, actions.map((a) => a.title).join(' | '));
    assert.deepEqual(disable.diagnostics?.length, 3, 'one action for all findings of the site');
    const files = new Map<string, FileState>([[uri, { text: LAB_TEXT, version: 1 }]]);
    const { text, published } = await applyAndResimulate(client, uri, disable, files);
    assert.ok(text.includes('    smsVersion: "2.0 SP2"\n    verifyCycle:\n      enabled: false\n'), text.slice(0, 400));
    assert.equal(
      published.diagnostics.filter((d) => d.code === 'verify-interrupts-run' && d.range.start.line >= 61).length,
      0,
    );
  });
});

test('the disable fix is preferred when no safe interval exists', async () => {
  // A rollout window of 366 days (2000 is a leap year) makes every pass a band 366 days wide, while
  // passes are at most ceil(365 * 24 / 23) * 23 h = 8,782 h ≈ 365.9 days apart: the bands overlap and
  // cover every run from the first pass on, so no interval avoids them and "disable" is the only fix.
  const text = LAB_TEXT.replace(
    'installed: 2001-01-10T08:00',
    'installed: { from: 2000-01-01T00:00, to: 2001-01-01T00:00 }',
  );
  const { uri } = tempDocumentUri();
  await withServer({}, async (client) => {
    const lab = await interruptionsOn(client, uri, text, 52);
    assert.ok(lab.length > 0);
    const actions = await actionsFor(client, uri, lab);
    assert.deepEqual(
      actions.map((a) => [a.title, a.isPreferred]),
      [
        ['Disable the verify cycle on site LAB (Cliverify for SMS 2.0 SP1)', true],
        ['Accept this risk… (verify-interrupts-run)', undefined],
      ],
    );
  });
});

test('a fix for an older version is pinned to it; asked again, the fixes are computed on the new version', async () => {
  const { uri } = tempDocumentUri();
  await withServer({}, async (client) => {
    const lab = await interruptionsOn(client, uri, LAB_TEXT, 52);
    const disable = (await actionsFor(client, uri, lab)).find((a) => a.title.startsWith('Disable'));
    assert.ok(disable?.edit);
    const version = await client.change(uri, LAB_TEXT + '# edited\n');
    await client.diagnosticsForVersion(uri, version);
    // The old edit names version 1: an editor at version 2 refuses it.
    const files = new Map<string, FileState>([[uri, { text: LAB_TEXT + '# edited\n', version }]]);
    assert.throws(() => applyWorkspaceEdit(files, disable.edit!), /version mismatch/);
    // Asked again with the old diagnostics (their data names the assignment and the site, which
    // still interrupt), the server computes the fixes on version 2's text and pins them to it.
    const again = await actionsFor(client, uri, lab);
    assert.ok(again.length > 0);
    for (const action of again) {
      const pinned = action.edit?.documentChanges?.[0] as { textDocument: { version: number } } | undefined;
      assert.equal(pinned?.textDocument.version, version, action.title);
      const copy = new Map<string, FileState>([[uri, { text: LAB_TEXT + '# edited\n', version }]]);
      applyWorkspaceEdit(copy, action.edit!);
      assert.ok(copy.get(uri)!.text.endsWith('# edited\n'), `${action.title} applies to version 2`);
    }
  });
});

test('a hand-written NAME.cliverify.md is not overwritten', async () => {
  const { uri, dir } = tempDocumentUri();
  writeFileSync(join(dir, 'lab.cliverify.md'), '# my own notes\n');
  await withServer({}, async (client) => {
    const disable = (await actionsFor(client, uri, await interruptionsOn(client, uri, LAB_TEXT, 52))).find((a) =>
      a.title.startsWith('Disable'),
    );
    assert.equal(disable?.edit?.documentChanges?.length, 1, 'only the YAML edit');
  });
});

test('schema fixes: unknown key → nearest key; bad enum value → one action per allowed value', async () => {
  const { uri } = tempDocumentUri();
  await withServer({}, async (client) => {
    // `durationMinutes` → `durationMinutse` (line 18, columns 6..21); `day: mon` → `day: mo`.
    const text = LAB_TEXT.replace('durationMinutes: 40', 'durationMinutse: 40').replace('day: mon', 'day: mo');
    await client.open(uri, text);
    const published = await client.diagnosticsForVersion(uri, 1);
    const schema = published.diagnostics.filter((d) => d.code === 'schema');
    assert.equal(schema.length, 2);
    const [keyError, enumError] = schema.sort((a, b) => a.range.start.line - b.range.start.line);
    assert.ok(keyError && enumError);

    const keyFixes = await actionsFor(client, uri, [keyError]);
    assert.deepEqual(
      keyFixes.map((a) => [a.title, (a.edit?.documentChanges?.[0] as TextDocumentEdit | undefined)?.edits]),
      [
        [
          "Replace 'durationMinutse' with 'durationMinutes'",
          [
            {
              range: { start: { line: 18, character: 6 }, end: { line: 18, character: 21 } },
              newText: 'durationMinutes',
            },
          ],
        ],
      ],
    );

    // Line 62 is `        weekly: { day: mo, weeks: 1 }`: the value spans columns 23..25.
    const enumFixes = await actionsFor(client, uri, [enumError]);
    assert.deepEqual(
      enumFixes.map((a) => a.title),
      ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'].map((day) => `Change to "${day}"`),
    );
    // Pinned to version 1, like every fix: a stale one is refused by the editor.
    assert.deepEqual((enumFixes[1]?.edit?.documentChanges?.[0] as TextDocumentEdit | undefined)?.textDocument, {
      uri,
      version: 1,
    });
    assert.deepEqual((enumFixes[1]?.edit?.documentChanges?.[0] as TextDocumentEdit | undefined)?.edits, [
      { range: { start: { line: 62, character: 23 }, end: { line: 62, character: 25 } }, newText: 'mon' },
    ]);
  });
});

test('fixes come from Diagnostic.data: a client that rewrites every message still gets them', async () => {
  const { uri } = tempDocumentUri();
  await withServer({}, async (client) => {
    const text = LAB_TEXT.replace('durationMinutes: 40', 'durationMinutse: 40');
    await client.open(uri, text);
    const published = await client.diagnosticsForVersion(uri, 1);
    const reworded = published.diagnostics.map((d) => ({ ...d, message: 'translated by the client' }));
    const keyError = reworded.find((d) => d.code === 'schema');
    assert.deepEqual(keyError?.data, {
      kind: 'unknown-key',
      path: ['sites', 1, 'verifyCycle', 'durationMinutse'],
      key: 'durationMinutse',
      suggestion: 'durationMinutes',
    });
    assert.deepEqual(
      (await actionsFor(client, uri, [keyError!])).map((a) => a.title),
      ["Replace 'durationMinutse' with 'durationMinutes'"],
    );
    const other = tempDocumentUri().uri;
    const interruption = (await interruptionsOn(client, other, LAB_TEXT, 52)).map((d) => ({
      ...d,
      message: 'translated by the client',
    }));
    assert.deepEqual(
      (await actionsFor(client, other, interruption)).map((a) => a.title),
      [
        "Start LAB20001's assignment at 00:15 America/New_York instead (no interruptions)",
        'Disable the verify cycle on site LAB (Cliverify for SMS 2.0 SP1)',
        "Set site LAB's verify interval to 31 days (no interruptions in the horizon)",
        'Accept this risk… (verify-interrupts-run)',
      ],
    );
    // Without its data a diagnostic gets no fix: nothing is guessed from the message.
    const { data: _dropped, ...bare } = keyError!;
    assert.deepEqual(await actionsFor(client, uri, [bare]), []);
  });
});

test("unresolved-reference: 'Replace with' the closest defined id, keeping the quotes", async () => {
  const { uri } = tempDocumentUri();
  await withServer({}, async (client) => {
    const text = LAB_TEXT.replace('package: LAB00012', 'package: "LAB00013"');
    await client.open(uri, text);
    const published = await client.diagnosticsForVersion(uri, 1);
    const unresolved = published.diagnostics.filter((d) => d.code === 'unresolved-reference');
    assert.equal(unresolved.length, 1);
    const [fix] = await actionsFor(client, uri, unresolved);
    assert.equal(fix?.title, "Replace with 'LAB00012'");
    const files = new Map<string, FileState>([[uri, { text, version: 1 }]]);
    applyWorkspaceEdit(files, fix!.edit!);
    assert.equal(files.get(uri)!.text, LAB_TEXT.replace('package: LAB00012', 'package: "LAB00012"'));
    // Applied: the error is gone and asking again offers nothing.
    const version = await client.change(uri, files.get(uri)!.text);
    const after = await client.diagnosticsForVersion(uri, version);
    assert.equal(after.diagnostics.filter((d) => d.code === 'unresolved-reference').length, 0);
    assert.deepEqual(await actionsFor(client, uri, unresolved), []);
  });
});

test("a quick fix's outcome is published at once; other sites' warnings survive it", async () => {
  const { uri } = tempDocumentUri();
  await withServer({ settings: { simulate: 'onSave' } }, async (client) => {
    await client.open(uri, LAB_TEXT);
    const published = await client.diagnosticsForVersion(uri, 1);
    const interruptions = published.diagnostics.filter((d) => d.code === 'verify-interrupts-run');
    const cen = interruptions.filter((d) => (d.data as { site?: string }).site === 'CEN');
    const lab = interruptions.filter((d) => (d.data as { site?: string }).site === 'LAB');
    assert.ok(cen.length > 0 && lab.length > 0);
    const interval = (await actionsFor(client, uri, lab)).find((a) => /verify interval to 31 days/.test(a.title));
    assert.ok(interval?.edit);
    const files = new Map<string, FileState>([[uri, { text: LAB_TEXT, version: 1 }]]);
    applyWorkspaceEdit(files, interval.edit);
    const mark = client.published.length;
    const version = await client.change(uri, files.get(uri)!.text);
    // No save: the change that applies the fix is published with the engine's outcome.
    const after = await client.diagnosticsForVersion(uri, version, mark);
    const remaining = after.diagnostics.filter((d) => d.code === 'verify-interrupts-run');
    assert.deepEqual(
      remaining.map((d) => (d.data as { advertisement?: string }).advertisement),
      cen.map((d) => (d.data as { advertisement?: string }).advertisement),
    );
    assert.deepEqual(
      remaining.map((d) => d.range),
      cen.map((d) => d.range),
    );
  });
});
