/** Hover, completion, document symbols, folding ranges and CodeLens over stdio. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  CodeActionKind,
  CodeActionRequest,
  InlayHintRequest,
  type CodeAction,
  type InlayHint,
  CodeLensRequest,
  CompletionRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  HoverRequest,
  InsertTextFormat,
  type CompletionItem,
  type DocumentSymbol,
  type MarkupContent,
  type Position,
  type TextEdit,
} from 'vscode-languageserver-protocol';
import { schemaMarkdownDescriptionAt } from '../../server/src/core/schema/schema';
import { applyWorkspaceEdit, type FileState } from './applyEdits';
import type { LspTestClient } from './client';
import { LAB_TEXT, LAB_URI, withServer } from './fixtures';

async function hoverText(client: LspTestClient, position: Position): Promise<string> {
  const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: LAB_URI }, position });
  return (hover?.contents as MarkupContent | undefined)?.value ?? '';
}

async function complete(client: LspTestClient, text: string, position: Position): Promise<CompletionItem[]> {
  const version = await client.change(LAB_URI, text);
  await client.diagnosticsForVersion(LAB_URI, version);
  const result = await client.connection.sendRequest(CompletionRequest.type, {
    textDocument: { uri: LAB_URI },
    position,
  });
  return Array.isArray(result) ? result : (result?.items ?? []);
}

const newTexts = (items: CompletionItem[]): string[] => items.map((i) => (i.textEdit as TextEdit).newText);

test('hover: assignment in plain words with its first five runs, local and UTC', async () => {
  await withServer({}, async (client) => {
    await client.open(LAB_URI, LAB_TEXT);
    // Line 52 is `      - at: 2001-03-01T00:30`; column 16 is inside the date-time.
    const text = await hoverText(client, { line: 52, character: 16 });
    assert.match(text, /every day at 00:30 America\/New_York, from 2001-03-01/);
    // 00:30 EST (UTC-5) = 05:30Z, daily from 1 March.
    for (const day of ['01', '02', '03', '04', '05']) {
      assert.ok(text.includes(`2001-03-${day}T00:30 America/New_York (2001-03-${day}T05:30:00Z)`), day);
    }
    assert.ok(!text.includes('2001-03-06T00:30'), 'only five runs');
    assert.match(text, /Q283130/);
    assert.match(text, /not documented by Microsoft/);
  });
});

test("hover: a site's verifyCycle shows its settings and the next passes", async () => {
  await withServer({}, async (client) => {
    await client.open(LAB_URI, LAB_TEXT);
    const text = await hoverText(client, { line: 15, character: 6 }); // `verifyCycle` key of site LAB
    assert.match(text, /Periodically Verify Client Installation: \*\*on\*\*/);
    assert.match(text, /Verify Interval: \*\*30 days\*\*/);
    // 13:00Z install + n * 736 h (32 wake-ups of 23 h): pass 2 = 03-12 21:00Z (16:00 EST),
    // pass 3 = 04-12 13:00Z (09:00 EDT), pass 4 = 05-13 05:00Z (01:00 EDT).
    assert.ok(text.includes('pass 2: 2001-03-12T16:00 America/New_York (2001-03-12T21:00:00Z)'));
    assert.ok(text.includes('pass 3: 2001-04-12T09:00 America/New_York (2001-04-12T13:00:00Z)'));
    assert.ok(text.includes('pass 4: 2001-05-13T01:00 America/New_York (2001-05-13T05:00:00Z)'));
    assert.match(text, /Q246040/);
    assert.match(text, /model, not documented by Microsoft/i);
  });
});

test('hover: a token value is decoded; a key shows its schema description', async () => {
  await withServer({}, async (client) => {
    const text = LAB_TEXT.replace('      - event: logon', '      - token: "00811A9E081A2000"');
    await client.open(LAB_URI, text);
    // SPEC §5: 00811A9E081A2000 = weekly, Monday, every week, from 2012-01-01 04:00, 1 h 30 min.
    const token = await hoverText(client, { line: 63, character: 20 });
    assert.match(token, /every Monday at 04:00 Europe\/London, from 2012-01-01 \(token duration 1 hour 30 minutes\)/);
    const key = await hoverText(client, { line: 23, character: 5 }); // `clients`
    const description = schemaMarkdownDescriptionAt(['collections', 0, 'clients']);
    assert.ok(description);
    assert.equal(key, description);
  });
});

test('completion: references, enum values, keys and snippets', async () => {
  await withServer({}, async (client) => {
    await client.open(LAB_URI, LAB_TEXT);
    // Line 48 `    collection: LAB00015` emptied: the collection ids of the document.
    const collections = await complete(client, LAB_TEXT.replace('collection: LAB00015', 'collection: '), {
      line: 48,
      character: 16,
    });
    assert.deepEqual(newTexts(collections), ['LAB00015', 'CEN00020']);
    // Line 47 `    program: …` emptied: the programs of the chosen package LAB00012 only.
    const programs = await complete(client, LAB_TEXT.replace('program: Per-system unattended', 'program: '), {
      line: 47,
      character: 13,
    });
    assert.deepEqual(newTexts(programs), ['Per-system unattended']);
    // Line 22 `    site: LAB` → `site: L`: both site codes, replacing the typed `L` (column 10..11).
    const sites = await complete(client, LAB_TEXT.replace('    site: LAB', '    site: L'), { line: 22, character: 11 });
    assert.deepEqual(newTexts(sites), ['CEN', 'LAB']);
    assert.deepEqual((sites[0]?.textEdit as TextEdit).range, {
      start: { line: 22, character: 10 },
      end: { line: 22, character: 11 },
    });
    // Line 13 `    smsVersion: "2.0 SP1"` → empty: the five versions, quoted so they stay strings.
    const versions = await complete(client, LAB_TEXT.replace('smsVersion: "2.0 SP1"', 'smsVersion: '), {
      line: 13,
      character: 16,
    });
    assert.deepEqual(newTexts(versions), ['"2.0"', '"2.0 SP1"', '"2.0 SP2"', '"2.0 SP3"', '"2.0 SP4"']);

    // A blank line in LAB's verifyCycle (after line 18): only the key it does not have yet.
    const keys = await complete(client, LAB_TEXT.replace('durationMinutes: 40\n', 'durationMinutes: 40\n      \n'), {
      line: 19,
      character: 6,
    });
    assert.deepEqual(newTexts(keys), ['ccimCycleHours: ']);

    // A new assignment item after the last line: the assignment keys and one snippet per form.
    const assignment = await complete(client, LAB_TEXT + '      - \n', { line: 64, character: 8 });
    const snippets = assignment.filter((i) => i.insertTextFormat === InsertTextFormat.Snippet);
    assert.deepEqual(
      snippets.map((i) => i.label),
      ['event', 'once', 'every', 'weekly', 'monthlyByWeekday', 'monthlyByDate', 'token'].map((f) => `assignment: ${f}`),
    );
    assert.equal(
      (snippets.find((i) => i.label === 'assignment: weekly')?.textEdit as TextEdit).newText,
      'at: ${1:2001-03-06T02:00}\n        weekly: { day: ${2|sun,mon,tue,wed,thu,fri,sat|}, weeks: ${3:1} }',
    );
    assert.ok(newTexts(assignment).includes('event: '));

    // A new advertisement item: the snippet offers the document's packages and collections.
    const advertisement = await complete(client, LAB_TEXT + '  - \n', { line: 64, character: 4 });
    const adSnippet = advertisement.find((i) => i.label === 'new advertisement');
    assert.ok(adSnippet);
    const body = (adSnippet.textEdit as TextEdit).newText;
    assert.match(body, /^id: \$\{1:XXX20001\}\n {4}name: /);
    assert.match(body, /package: \$\{3\|LAB00012,CEN00031\|\}/);
    assert.match(body, /collection: \$\{5\|LAB00015,CEN00020\|\}/);
  });
});

test('document symbols: sites, collections, packages with programs, advertisements with assignments', async () => {
  await withServer({}, async (client) => {
    await client.open(LAB_URI, LAB_TEXT);
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, {
      textDocument: { uri: LAB_URI },
    })) as DocumentSymbol[];
    const outline = symbols.map((s) => [s.name, (s.children ?? []).map((c) => c.name)]);
    assert.deepEqual(outline, [
      ['Site CEN', []],
      ['Site LAB', []],
      ['LAB00015', []],
      ['CEN00020', []],
      ['LAB00012', ['Per-system unattended']],
      ['CEN00031', ['Silent update']],
      ['LAB20001', ['1: every from 2001-03-01T00:30']],
      ['CEN20007', ['1: weekly from 2001-03-02T12:00', '2: event logon']],
    ]);
    // LAB20001 spans lines 44-53; its name is the id value on line 44 (`  - id: LAB20001`, columns 8..16).
    const lab = symbols[6];
    assert.deepEqual(lab?.range, { start: { line: 44, character: 4 }, end: { line: 53, character: 26 } });
    assert.deepEqual(lab?.selectionRange, { start: { line: 44, character: 8 }, end: { line: 44, character: 16 } });
  });
});

test('folding ranges: one per multi-line mapping or list block', async () => {
  await withServer({}, async (client) => {
    await client.open(LAB_URI, LAB_TEXT);
    const ranges = await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri: LAB_URI } });
    const pairs = (ranges ?? []).map((r) => [r.startLine, r.endLine]);
    // simulation 4-6, sites 7-18, site LAB 11-18, its verifyCycle 15-18, advertisements 43-63,
    // LAB20001 44-53, its assignment 52-53, CEN20007 54-63 (see the example's 0-based lines).
    for (const expected of [
      [4, 6],
      [7, 18],
      [11, 18],
      [15, 18],
      [43, 63],
      [44, 53],
      [52, 53],
      [54, 63],
    ]) {
      assert.ok(
        pairs.some((p) => p[0] === expected[0] && p[1] === expected[1]),
        `missing ${expected.join('-')}`,
      );
    }
    assert.ok(pairs.every(([start, end]) => (end as number) > (start as number)));
  });
});

test('CodeLens: interruptions per advertisement and the client Simulate command', async () => {
  await withServer({}, async (client) => {
    await client.open(LAB_URI, LAB_TEXT);
    const lenses = await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: LAB_URI } });
    assert.deepEqual(
      (lenses ?? []).map((l) => [l.range.start.line, l.command?.title, l.command?.command, l.command?.arguments]),
      [
        [44, '1 interruption in the horizon · Simulate', 'smsSchedule.simulate', [LAB_URI]],
        [54, '3 interruptions in the horizon · Simulate', 'smsSchedule.simulate', [LAB_URI]],
      ],
    );
  });
});

test('inlay hints: a token in words, a local wall time with its UTC instant; off with the setting', async () => {
  const text = LAB_TEXT.replace('- at: 2001-03-01T00:30\n        every: { days: 1 }', '- token: "00811A9E081A2000"');
  const tokenLine = text.split('\n').findIndex((line) => line.includes('00811A9E081A2000'));
  const range = { start: { line: 0, character: 0 }, end: { line: text.split('\n').length, character: 0 } };
  await withServer({}, async (client) => {
    await client.open(LAB_URI, text);
    const hints = (await client.connection.sendRequest(InlayHintRequest.type, {
      textDocument: { uri: LAB_URI },
      range,
    })) as InlayHint[];
    const token = hints.find((h) => h.position.line === tokenLine);
    assert.match(String(token?.label), /every Monday at 04:00/);
    // presentTime 2001-03-01T00:00 in America/New_York (EST, UTC-5).
    const present = text.split('\n').findIndex((line) => line.includes('presentTime: 2001-03-01T00:00'));
    assert.equal(hints.find((h) => h.position.line === present)?.label, '= 05:00 UTC');
  });
  await withServer({ settings: { inlayHints: false } }, async (client) => {
    await client.open(LAB_URI, text);
    const hints = await client.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri: LAB_URI }, range });
    assert.deepEqual(hints, []);
  });
});

test('refactor: "Convert to SMS token" and back gives the same text and the same findings', async () => {
  await withServer({}, async (client) => {
    await client.open(LAB_URI, LAB_TEXT);
    const before = await client.diagnosticsForVersion(LAB_URI, 1);
    const line = LAB_TEXT.split('\n').findIndex((l) => l.includes('- at: 2001-03-01T00:30'));
    const at = { start: { line, character: 10 }, end: { line, character: 10 } };
    const ask = async (range: typeof at) =>
      ((await client.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri: LAB_URI },
        range,
        context: { diagnostics: [], only: [CodeActionKind.RefactorRewrite] },
      })) ?? []) as CodeAction[];
    const [toToken] = await ask(at);
    assert.equal(toToken?.title, 'Convert to SMS token');
    const files = new Map<string, FileState>([[LAB_URI, { text: LAB_TEXT, version: 1 }]]);
    applyWorkspaceEdit(files, toToken!.edit!);
    const tokenText = files.get(LAB_URI)!.text;
    assert.match(tokenText, /- token: "[0-9A-F]{16}"/);
    const version = await client.change(LAB_URI, tokenText);
    const mark = client.published.length;
    await client.save(LAB_URI);
    const after = await client.diagnosticsForVersion(LAB_URI, version, mark);
    const findings = (p: typeof before) =>
      p.diagnostics.filter((d) => String(d.code).startsWith('verify-')).map((d) => [d.code, d.message]);
    assert.deepEqual(findings(after), findings(before));
    const [toReadable] = await ask(at);
    assert.equal(toReadable?.title, 'Convert to readable schedule');
    files.get(LAB_URI)!.version = version;
    applyWorkspaceEdit(files, toReadable!.edit!);
    assert.equal(files.get(LAB_URI)!.text, LAB_TEXT);
  });
});
