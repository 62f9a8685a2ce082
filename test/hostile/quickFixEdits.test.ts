/**
 * Quick fixes never lose text (issue 5): each fix edits only its target, everything else (comments,
 * CRLF, odd spacing) stays byte for byte; applying it twice is refused (the edit is pinned to the
 * version) and asking again on the fixed document offers nothing that would change it further;
 * a fix for an old version is refused by the editor and not offered by the server.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  CodeActionRequest,
  type CodeAction,
  type Diagnostic,
  type Range,
  type TextDocumentEdit,
} from 'vscode-languageserver-protocol';
import { parseText, locate } from '../../server/src/core/document/parse';
import { applyWorkspaceEdit, type FileState } from '../lsp/applyEdits';
import type { LspTestClient } from '../lsp/client';
import { LAB_TEXT, tempDocumentUri, withServer } from '../lsp/fixtures';

/**
 * The lab example as a careless author keeps it: CRLF line ends, trailing comments with tabs,
 * extra spaces after colons, a typo'd key and a bad enum value in CEN20007 (schema fixes; that
 * advertisement drops out of the simulation) and LAB20001's interruptions (verify fixes).
 */
const DECORATED = LAB_TEXT.replace('intervalDays: 30', 'intervalDays:    30   #\tfrom Cliverify, do not touch')
  .replace('program: Silent update', 'progam: Silent update # typo on purpose')
  .replace('day: mon', 'day: mo')
  .replace('clients: 800', 'clients: 800 # ünïcödé 😀 comment')
  .replace(/\n/g, '\r\n');

/** What changed between two texts: the differing middle, as offsets into `before`. */
function changedRegion(before: string, after: string): { start: number; end: number } {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before[start] === after[start]) start++;
  let suffix = 0;
  while (suffix < max - start && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
  return { start, end: before.length - suffix };
}

function offsetAt(text: string, position: Range['start']): number {
  return parseText(text).lines.offsetAt(position);
}

async function actionsFor(client: LspTestClient, uri: string, diagnostic: Diagnostic): Promise<CodeAction[]> {
  const result = await client.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri },
    range: diagnostic.range,
    context: { diagnostics: [diagnostic] },
  });
  return (result ?? []) as CodeAction[];
}

/**
 * The span a fix may touch: the diagnostic's range for a schema fix, a re-time fix (the assignment)
 * and a refactoring of the assignment; the whole site for a verify-cycle fix.
 */
function targetSpan(text: string, diagnostic: Diagnostic, action: CodeAction): { start: number; end: number } {
  const local = action.kind !== 'quickfix' || action.title.startsWith('Start ');
  if (action.title.startsWith('Accept this risk')) {
    // The comment goes on its own line right above the assignment item (an insertion within its indentation).
    const start = offsetAt(text, diagnostic.range.start);
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    return { start: lineStart, end: start };
  }
  if (diagnostic.code === 'schema' || local) {
    return { start: offsetAt(text, diagnostic.range.start), end: offsetAt(text, diagnostic.range.end) };
  }
  const site = /site (\w+)/.exec(action.title)?.[1];
  const parsed = parseText(text);
  const index = (parsed.value as { sites: { code: string }[] }).sites.findIndex((s) => s.code === site);
  assert.ok(index >= 0, `no site in "${action.title}"`);
  // A site's span ends at its last value; a new verifyCycle block goes right after it.
  const span = locate(parsed, ['sites', index]);
  const lineEnd = text.indexOf('\n', span.end);
  return { start: span.start, end: lineEnd < 0 ? text.length : lineEnd + 1 };
}

test('every quick fix edits only its target, keeps all other bytes, and cannot be applied twice', async () => {
  const { uri } = tempDocumentUri();
  await withServer({}, async (client) => {
    await client.open(uri, DECORATED);
    const published = await client.diagnosticsForVersion(uri, 1);
    const fixable = published.diagnostics.filter((d) => d.code === 'schema' || d.code === 'verify-interrupts-run');
    // Schema errors: the unknown key, the then missing `program`, the enum value; plus LAB's interruptions.
    assert.equal(fixable.filter((d) => d.code === 'schema').length, 3);
    assert.ok(fixable.some((d) => d.code === 'verify-interrupts-run'));
    const tried = new Set<string>();
    for (const diagnostic of fixable) {
      for (const action of await actionsFor(client, uri, diagnostic)) {
        if (tried.has(action.title)) continue;
        tried.add(action.title);
        assert.ok(action.edit, action.title);
        const files = new Map<string, FileState>([[uri, { text: DECORATED, version: 1 }]]);
        applyWorkspaceEdit(files, action.edit);
        const fixed = files.get(uri)!.text;
        assert.notEqual(fixed, DECORATED, `${action.title} changes the document`);

        // Outside the target, before and after are the same bytes (comments, CRLF, spacing).
        const changed = changedRegion(DECORATED, fixed);
        const target = targetSpan(DECORATED, diagnostic, action);
        assert.ok(
          changed.start >= target.start && changed.end <= target.end,
          `${action.title}: changed ${changed.start}..${changed.end} outside target ${target.start}..${target.end}`,
        );
        assert.ok(!fixed.replace(/\r\n/g, '').includes('\n'), `${action.title}: no bare LF in a CRLF file`);

        // The editor is now at version 2: the same edit again is refused, not applied on top.
        files.get(uri)!.version = 2;
        assert.throws(() => applyWorkspaceEdit(files, action.edit!), /version mismatch/, action.title);
        const yamlEdit = action.edit.documentChanges?.[0] as TextDocumentEdit | undefined;
        assert.equal(yamlEdit?.textDocument.version, 1, `${action.title} is pinned to version 1`);
      }
    }
    const titles = [...tried].join('; ');
    for (const expected of [
      /Replace 'progam' with 'program'/,
      /Change to "mon"/,
      /Disable the verify cycle on site LAB/,
      /Set site LAB's verify interval/,
      /Start LAB20001's assignment at 00:15 America\/New_York instead/,
      /Convert to SMS token/,
      /Accept this risk… \(verify-interrupts-run\)/,
    ]) {
      assert.match(titles, expected);
    }
  });
});

test('a fixed document is a fixpoint: asking again offers no fix that changes it', async () => {
  const { uri } = tempDocumentUri();
  await withServer({}, async (client) => {
    await client.open(uri, DECORATED);
    const first = await client.diagnosticsForVersion(uri, 1);
    const keyTypo = first.diagnostics.find((d) => d.code === 'schema' && /'progam'/.test(String(d.message)));
    assert.ok(keyTypo);
    const [fix] = await actionsFor(client, uri, keyTypo);
    assert.ok(fix?.edit);
    const files = new Map<string, FileState>([[uri, { text: DECORATED, version: 1 }]]);
    applyWorkspaceEdit(files, fix.edit);
    const fixed = files.get(uri)!.text;
    const beforeChange = client.published.length;
    const version = await client.change(uri, fixed);
    files.get(uri)!.version = version;
    await client.diagnosticsForVersion(uri, version, beforeChange);
    const mark = client.published.length;
    await client.save(uri);
    const again = await client.diagnosticsForVersion(uri, version, mark);
    assert.equal(again.diagnostics.filter((d) => /progam/.test(String(d.message))).length, 0);
    // Every fix still offered on the fixed document targets something else: none has the same title.
    for (const diagnostic of again.diagnostics) {
      for (const action of await actionsFor(client, uri, diagnostic)) assert.notEqual(action.title, fix.title);
    }
  });
});

test('a stale schema diagnostic (text moved since) gets no fix, so nothing is misapplied', async () => {
  const { uri } = tempDocumentUri();
  await withServer({}, async (client) => {
    const text = LAB_TEXT.replace('durationMinutes: 40', 'durationMinutse: 40');
    await client.open(uri, text);
    const first = await client.diagnosticsForVersion(uri, 1);
    const stale = first.diagnostics.find((d) => d.code === 'schema');
    assert.ok(stale);
    // Two comment lines above: the old range now covers `intervalDays` two lines up.
    const version = await client.change(uri, `# a\n# b\n${text}`);
    await client.diagnosticsForVersion(uri, version);
    assert.deepEqual(await actionsFor(client, uri, stale), []);
  });
});
