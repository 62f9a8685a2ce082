/**
 * Navigation over ids (issue 12) through the standard LSP requests: definition, references,
 * documentHighlight, prepareRename, rename and workspace/symbol, with exact locations and edits
 * on examples/lab.sms.yaml and the multi-site fixture (test/helpers/navigationFixture.ts).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  DefinitionRequest,
  DocumentHighlightKind,
  DocumentHighlightRequest,
  PrepareRenameRequest,
  ReferencesRequest,
  RenameRequest,
  ResponseError,
  SymbolKind,
  WorkspaceSymbolRequest,
  type ClientCapabilities,
  type Location,
  type LocationLink,
  type Position,
  type Range,
  type SymbolInformation,
  type TextEdit,
  type WorkspaceEdit,
  type WorkspaceSymbol,
} from 'vscode-languageserver-protocol';
import { MULTI } from '../helpers/navigationFixture';
import { applyWorkspaceEdit, type FileState } from './applyEdits';
import { TEST_CAPABILITIES, type LspTestClient } from './client';
import { LAB_TEXT, LAB_URI, tempDocumentUri, withServer } from './fixtures';

const CAPABILITIES: ClientCapabilities = {
  ...TEST_CAPABILITIES,
  textDocument: {
    ...TEST_CAPABILITIES.textDocument,
    definition: { linkSupport: false },
    references: {},
    documentHighlight: {},
    rename: { prepareSupport: true },
  },
  workspace: { ...TEST_CAPABILITIES.workspace, symbol: {} },
};

const MULTI_URI = tempDocumentUri('multi.sms.yaml').uri;

/** `line:start-end` on one line, as in the tests' comments. */
function r(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}

const at = (line: number, character: number): Position => ({ line, character });

async function openBoth(client: LspTestClient): Promise<void> {
  await client.open(LAB_URI, LAB_TEXT);
  await client.open(MULTI_URI, MULTI);
  await client.diagnosticsForVersion(LAB_URI, 1);
  await client.diagnosticsForVersion(MULTI_URI, 1);
}

/** Definition results as plain locations (a server may answer one Location, a list, or links). */
async function definition(client: LspTestClient, uri: string, position: Position): Promise<Location[]> {
  const result = await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position });
  if (result === null) return [];
  const list = (Array.isArray(result) ? result : [result]) as (Location | LocationLink)[];
  return list.map((l) => ('targetUri' in l ? { uri: l.targetUri, range: l.targetSelectionRange } : l));
}

async function references(
  client: LspTestClient,
  uri: string,
  position: Position,
  includeDeclaration: boolean,
): Promise<Location[]> {
  const result = await client.connection.sendRequest(ReferencesRequest.type, {
    textDocument: { uri },
    position,
    context: { includeDeclaration },
  });
  return byPosition(result ?? []);
}

function byPosition(locations: Location[]): Location[] {
  return [...locations].sort(
    (a, b) =>
      a.uri.localeCompare(b.uri) ||
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character,
  );
}

async function renameEdits(
  client: LspTestClient,
  uri: string,
  position: Position,
  newName: string,
): Promise<WorkspaceEdit> {
  const edit = await client.connection.sendRequest(RenameRequest.type, { textDocument: { uri }, position, newName });
  assert.ok(edit, 'rename returns an edit');
  return edit;
}

/** The text edits of `edit` for `uri`, in text order (from `changes` or `documentChanges`). */
function textEditsOf(edit: WorkspaceEdit, uri: string): TextEdit[] {
  const edits: TextEdit[] = [...(edit.changes?.[uri] ?? [])];
  for (const change of edit.documentChanges ?? []) {
    if ('textDocument' in change && change.textDocument.uri === uri) edits.push(...(change.edits as TextEdit[]));
  }
  return edits.sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
}

/** Applies a rename to the open document (as an editor would) and returns the new text. */
async function applyRename(client: LspTestClient, uri: string, text: string, edit: WorkspaceEdit): Promise<string> {
  const files = new Map<string, FileState>([[uri, { text, version: client.version(uri) }]]);
  applyWorkspaceEdit(files, edit);
  const renamed = files.get(uri)!.text;
  const version = await client.change(uri, renamed);
  await client.diagnosticsForVersion(uri, version);
  return renamed;
}

async function renameRefused(client: LspTestClient, uri: string, position: Position, newName: string): Promise<string> {
  try {
    await client.connection.sendRequest(RenameRequest.type, { textDocument: { uri }, position, newName });
  } catch (error) {
    assert.ok(error instanceof ResponseError, `a ResponseError, not ${String(error)}`);
    return error.message;
  }
  assert.fail(`rename to '${newName}' was not refused`);
}

test('the server advertises every navigation capability', async () => {
  await withServer({ capabilities: CAPABILITIES }, async (client) => {
    const capabilities = client.initializeResult?.capabilities;
    assert.ok(capabilities?.definitionProvider);
    assert.ok(capabilities.referencesProvider);
    assert.ok(capabilities.documentHighlightProvider);
    assert.ok(capabilities.workspaceSymbolProvider);
    assert.deepEqual(capabilities.renameProvider, { prepareProvider: true });
  });
});

test('definition: from each kind of reference to its declaration (lab example)', async () => {
  await withServer({ capabilities: CAPABILITIES }, async (client) => {
    await openBoth(client);
    const cases: [Position, Range[]][] = [
      [at(22, 11), [r(11, 10, 13)]], // `site: LAB` → sites[1].code
      [at(14, 12), [r(8, 10, 13)]], // `parent: CEN` → sites[0].code
      [at(28, 13), [r(8, 10, 13)]], // `site: CEN`, cursor after the id
      [at(48, 20), [r(20, 8, 16)]], // `collection: LAB00015`
      [at(46, 13), [r(33, 8, 16)]], // `package: LAB00012`
      [at(47, 20), [r(36, 14, 35)]], // `program: Per-system unattended` (in LAB00012)
      [at(57, 15), [r(41, 14, 27)]], // `program: Silent update` (in CEN00031)
      [at(44, 10), [r(44, 8, 16)]], // on a declaration: itself
      [at(45, 12), []], // an advertisement's name is no id
      [at(49, 4), []], // a key
    ];
    for (const [position, ranges] of cases) {
      assert.deepEqual(
        await definition(client, LAB_URI, position),
        ranges.map((range) => ({ uri: LAB_URI, range })),
        `definition at ${position.line}:${position.character}`,
      );
    }
  });
});

test('definition: quoted ids, a flow mapping, and programs of the same name in two packages', async () => {
  await withServer({ capabilities: CAPABILITIES }, async (client) => {
    await openBoth(client);
    const cases: [Position, Range[]][] = [
      [at(16, 11), [r(5, 11, 14)]], // `site: NYC` → `code: "NYC"` (inside the quotes)
      [at(19, 51), [r(9, 11, 14)]], // `site: "LON"` in `{ … }` → `code: 'LON'`
      [at(12, 14), [r(2, 10, 13)]], // `parent: 'CEN'`
      [at(49, 15), [r(33, 8, 16)]], // `package: "CEN00011"`
      [at(42, 14), [r(29, 14, 21)]], // `program: Install` of CEN00010
      [at(50, 14), [r(36, 14, 21)]], // `program: Install` of CEN00011
      [at(56, 15), [r(31, 15, 24)]], // `program: 'Uninstall'` → `name: "Uninstall"`
      [at(51, 17), [r(19, 10, 18)]], // `collection: LON00001` → the flow item's id
    ];
    for (const [position, ranges] of cases) {
      assert.deepEqual(
        await definition(client, MULTI_URI, position),
        ranges.map((range) => ({ uri: MULTI_URI, range })),
        `definition at ${position.line}:${position.character}`,
      );
    }
  });
});

test('references, with and without the declaration, for every id kind', async () => {
  await withServer({ capabilities: CAPABILITIES }, async (client) => {
    await openBoth(client);
    const cases: [string, Position, Range, Range[]][] = [
      [LAB_URI, at(8, 11), r(8, 10, 13), [r(14, 12, 15), r(28, 10, 13)]], // site CEN
      [LAB_URI, at(20, 9), r(20, 8, 16), [r(48, 16, 24)]], // collection LAB00015
      [LAB_URI, at(33, 9), r(33, 8, 16), [r(46, 13, 21)]], // package LAB00012
      [LAB_URI, at(36, 20), r(36, 14, 35), [r(47, 13, 34)]], // program Per-system unattended
      [MULTI_URI, at(22, 10), r(2, 10, 13), [r(8, 12, 15), r(12, 13, 16), r(22, 10, 13)]], // site CEN
      [MULTI_URI, at(9, 12), r(9, 11, 14), [r(19, 50, 53)]], // site 'LON'
      [MULTI_URI, at(41, 14), r(26, 8, 16), [r(41, 13, 21), r(55, 13, 21)]], // package CEN00010
      [MULTI_URI, at(36, 15), r(36, 14, 21), [r(50, 13, 20)]], // program Install of CEN00011 only
      [MULTI_URI, at(53, 9), r(53, 8, 16), []], // advertisement CEN20001
    ];
    for (const [uri, position, declaration, refs] of cases) {
      const where = `${uri === LAB_URI ? 'lab' : 'multi'} ${position.line}:${position.character}`;
      assert.deepEqual(
        await references(client, uri, position, true),
        [declaration, ...refs].map((range) => ({ uri, range })),
        `with declaration, ${where}`,
      );
      assert.deepEqual(
        await references(client, uri, position, false),
        refs.map((range) => ({ uri, range })),
        `without declaration, ${where}`,
      );
    }
    assert.deepEqual(await references(client, LAB_URI, at(45, 12), true), [], 'a name is no id');
  });
});

test('documentHighlight: the declaration is Write, references are Read', async () => {
  await withServer({ capabilities: CAPABILITIES }, async (client) => {
    await openBoth(client);
    const highlights = await client.connection.sendRequest(DocumentHighlightRequest.type, {
      textDocument: { uri: MULTI_URI },
      position: at(8, 13),
    });
    assert.deepEqual(
      [...(highlights ?? [])].sort((a, b) => a.range.start.line - b.range.start.line),
      [
        { range: r(2, 10, 13), kind: DocumentHighlightKind.Write },
        { range: r(8, 12, 15), kind: DocumentHighlightKind.Read },
        { range: r(12, 13, 16), kind: DocumentHighlightKind.Read },
        { range: r(22, 10, 13), kind: DocumentHighlightKind.Read },
      ],
    );
    const none = await client.connection.sendRequest(DocumentHighlightRequest.type, {
      textDocument: { uri: MULTI_URI },
      position: at(15, 12),
    });
    assert.deepEqual(none ?? [], []);
  });
});

test('prepareRename: the id and its name on every kind, null elsewhere', async () => {
  await withServer({ capabilities: CAPABILITIES }, async (client) => {
    await openBoth(client);
    const ids: [Position, Range, string][] = [
      [at(5, 10), r(5, 11, 14), 'NYC'], // on the opening quote of "NYC"
      [at(16, 13), r(16, 10, 13), 'NYC'],
      [at(43, 18), r(43, 16, 24), 'NYC00001'],
      [at(49, 20), r(49, 14, 22), 'CEN00011'],
      [at(56, 14), r(56, 14, 23), 'Uninstall'],
      [at(47, 8), r(47, 8, 16), 'LON20001'],
    ];
    for (const [position, range, placeholder] of ids) {
      const result = await client.connection.sendRequest(PrepareRenameRequest.type, {
        textDocument: { uri: MULTI_URI },
        position,
      });
      assert.deepEqual(result, { range, placeholder }, `${position.line}:${position.character}`);
    }
    for (const position of [at(3, 12), at(15, 12), at(16, 5), at(44, 20), at(0, 0)]) {
      const result = await client.connection.sendRequest(PrepareRenameRequest.type, {
        textDocument: { uri: MULTI_URI },
        position,
      });
      assert.equal(result, null, `${position.line}:${position.character}`);
    }
  });
});

test('rename: exact edits for every id kind, and renaming back gives the same text', async () => {
  await withServer({ capabilities: CAPABILITIES }, async (client) => {
    await openBoth(client);
    const cases: [Position, string, TextEdit[]][] = [
      [
        at(12, 14), // site CEN from `parent: 'CEN'`
        'HQ1',
        [r(2, 10, 13), r(8, 12, 15), r(12, 13, 16), r(22, 10, 13)].map((range) => ({ range, newText: 'HQ1' })),
      ],
      [
        at(19, 51), // site LON from the flow mapping
        'PAR',
        [r(9, 11, 14), r(19, 50, 53)].map((range) => ({ range, newText: 'PAR' })),
      ],
      [at(14, 9), 'NYC0000A', [r(14, 8, 16), r(43, 16, 24)].map((range) => ({ range, newText: 'NYC0000A' }))],
      [
        at(49, 16), // package "CEN00011"
        'AV000001',
        [r(33, 8, 16), r(49, 14, 22)].map((range) => ({ range, newText: 'AV000001' })),
      ],
      [
        at(42, 15), // program Install of CEN00010: a name plain YAML would misread gets double quotes
        'Install: silent',
        [r(29, 14, 21), r(42, 13, 20)].map((range) => ({ range, newText: '"Install: silent"' })),
      ],
      [
        at(31, 16), // program "Uninstall": each occurrence keeps its quotes
        "O'Neil",
        [
          { range: r(31, 15, 24), newText: "O'Neil" },
          { range: r(56, 14, 23), newText: "O''Neil" },
        ],
      ],
      [at(39, 8), 'NYC20009', [{ range: r(39, 8, 16), newText: 'NYC20009' }]],
    ];
    for (const [position, newName, expected] of cases) {
      // Each case starts from the fixture.
      await client.diagnosticsForVersion(MULTI_URI, await client.change(MULTI_URI, MULTI));
      const edit = await renameEdits(client, MULTI_URI, position, newName);
      assert.deepEqual(textEditsOf(edit, MULTI_URI), expected, `rename to ${newName}`);
      const renamed = await applyRename(client, MULTI_URI, MULTI, edit);
      assert.equal(await placeholderAt(client, position), newName, 'the id under the cursor has the new name');
      const back = await renameEdits(client, MULTI_URI, position, nameIn(MULTI, expected[0]!.range));
      const restored = await applyRename(client, MULTI_URI, renamed, back);
      // A name that needed quotes keeps them on the way back (a rename keeps the style it finds).
      const expectedBack =
        newName === 'Install: silent'
          ? MULTI.replace(
              'name: Install\n        estimatedRunMinutes: 45',
              'name: "Install"\n        estimatedRunMinutes: 45',
            ).replace('program: Install\n    collection: NYC', 'program: "Install"\n    collection: NYC')
          : MULTI;
      assert.equal(restored, expectedBack, `rename to ${newName} and back`);
    }
  });
});

/** The id written at `range` of `text` (one line, quotes excluded by the range itself). */
function nameIn(text: string, range: Range): string {
  const line = text.split('\n')[range.start.line]!;
  return line.slice(range.start.character, range.end.character).replace(/''/g, "'");
}

async function placeholderAt(client: LspTestClient, position: Position): Promise<string> {
  const result = await client.connection.sendRequest(PrepareRenameRequest.type, {
    textDocument: { uri: MULTI_URI },
    position,
  });
  assert.ok(result && 'placeholder' in result);
  return result.placeholder;
}

test('rename refusals: taken names, malformed site codes, empty names, programs taken in their package', async () => {
  await withServer({ capabilities: CAPABILITIES }, async (client) => {
    await openBoth(client);
    assert.equal(
      await renameRefused(client, LAB_URI, at(22, 11), 'CEN'),
      "Cannot rename site code 'LAB' to 'CEN': site code 'CEN' is already defined on line 9.",
    );
    for (const bad of ['lab', 'LA', 'LABS', 'L_B']) {
      assert.equal(
        await renameRefused(client, LAB_URI, at(11, 11), bad),
        `Cannot rename site code 'LAB' to '${bad}': '${bad}' is not a site code: exactly 3 characters, A-Z or 0-9 (e.g. LAB).`,
      );
    }
    assert.equal(
      await renameRefused(client, LAB_URI, at(48, 18), ''),
      "Cannot rename collection id 'LAB00015' to '': a collection id cannot be empty.",
    );
    assert.equal(
      await renameRefused(client, LAB_URI, at(46, 15), 'CEN00031'),
      "Cannot rename package id 'LAB00012' to 'CEN00031': package id 'CEN00031' is already defined on line 39.",
    );
    assert.equal(
      await renameRefused(client, MULTI_URI, at(29, 15), 'Uninstall'),
      "Cannot rename program name 'Install' to 'Uninstall': program name 'Uninstall' is already defined in package CEN00010 on line 32.",
    );
    // CEN00011 has no `Uninstall`: its `Install` may take the name.
    const edit = await renameEdits(client, MULTI_URI, at(50, 14), 'Uninstall');
    assert.deepEqual(
      textEditsOf(edit, MULTI_URI),
      [r(36, 14, 21), r(50, 13, 20)].map((range) => ({ range, newText: 'Uninstall' })),
    );
    // Renaming to the same name changes nothing.
    const same = await client.connection.sendRequest(RenameRequest.type, {
      textDocument: { uri: LAB_URI },
      position: at(11, 11),
      newName: 'LAB',
    });
    assert.deepEqual(same ? textEditsOf(same, LAB_URI) : [], []);
  });
});

test('workspace symbols: the declared ids of every open document, filtered by the query', async () => {
  await withServer({ capabilities: CAPABILITIES }, async (client) => {
    await openBoth(client);
    const query = async (text: string) => {
      const result = (await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: text })) ?? [];
      return (result as (SymbolInformation | WorkspaceSymbol)[])
        .map((s) => ({
          name: s.name,
          kind: s.kind,
          location: s.location as Location,
          ...(s.containerName ? { containerName: s.containerName } : {}),
        }))
        .sort(
          (a, b) =>
            a.location.uri.localeCompare(b.location.uri) || a.location.range.start.line - b.location.range.start.line,
        );
    };
    const lab = (range: Range) => ({ uri: LAB_URI, range });
    const multi = (range: Range) => ({ uri: MULTI_URI, range });
    const expected = [
      { name: 'LAB', kind: SymbolKind.Module, location: lab(r(11, 10, 13)) },
      { name: 'LAB00015', kind: SymbolKind.Class, location: lab(r(20, 8, 16)) },
      { name: 'LAB00012', kind: SymbolKind.Package, location: lab(r(33, 8, 16)) },
      { name: 'LAB20001', kind: SymbolKind.Object, location: lab(r(44, 8, 16)) },
    ];
    assert.deepEqual(await query('LAB'), expected);
    assert.deepEqual(await query('install'), [
      { name: 'Install', kind: SymbolKind.Function, location: multi(r(29, 14, 21)), containerName: 'CEN00010' },
      { name: 'Uninstall', kind: SymbolKind.Function, location: multi(r(31, 15, 24)), containerName: 'CEN00010' },
      { name: 'Install', kind: SymbolKind.Function, location: multi(r(36, 14, 21)), containerName: 'CEN00011' },
    ]);
    const all = await query('');
    assert.equal(
      all.filter((s) => s.location.uri === LAB_URI).length,
      10,
      'lab: 2 sites, 2 collections, 2 packages, 2 programs, 2 ads',
    );
    assert.equal(all.filter((s) => s.location.uri === MULTI_URI).length, 14);
    await client.close(MULTI_URI);
    assert.deepEqual(await query('install'), [], 'a closed document has no symbols');
  });
});
