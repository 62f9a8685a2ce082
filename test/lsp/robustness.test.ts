/** The server never dies on a document or a request: it answers empty and logs. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  CodeActionRequest,
  CodeLensRequest,
  CompletionRequest,
  DocumentSymbolRequest,
  ExecuteCommandRequest,
  FoldingRangeRequest,
  HoverRequest,
} from 'vscode-languageserver-protocol';
import { ServerCommands } from '../../server/src/shared/protocol';
import type { LspTestClient } from './client';
import { fileUri } from './client';
import { LAB_TEXT, withServer } from './fixtures';

const MALFORMED = [
  '',
  ': : :\n\t- [\n',
  'version: 1\nsites: [ { code: LAB, server: X, smsVersion: "2.0" }\n',
  'a: &a [*a, *a]\nb: &b [*a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b]\n',
  '- just\n- a\n- list\n',
  'version: 1\nadvertisements:\n  - assignments:\n      - token: "ZZZZ"\n      - at: 2001-02-30T25:61\n        every: {}\n',
  LAB_TEXT.replace('timeZone: America/New_York', 'timeZone: Mars/Olympus_Mons'),
  LAB_TEXT.replace('installed: 2001-01-10T08:00', 'installed: { from: 2001-02-01T00:00, to: 2001-01-01T00:00 }'),
  LAB_TEXT.slice(0, 1500),
  '\uFEFFversion: 1\r\nsites:\r\n  - code: "\uD83D\uDE00"\r\n',
];

/** Every request kind at a few positions, including ones past the end of the text. */
async function pokeEverything(client: LspTestClient, uri: string): Promise<void> {
  const textDocument = { uri };
  for (const position of [
    { line: 0, character: 0 },
    { line: 1, character: 3 },
    { line: 3, character: 10 },
    { line: 999, character: 999 },
  ]) {
    await client.connection.sendRequest(HoverRequest.type, { textDocument, position });
    await client.connection.sendRequest(CompletionRequest.type, { textDocument, position });
    await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument,
      range: { start: position, end: position },
      context: {
        diagnostics: [
          {
            range: { start: position, end: position },
            message: 'x',
            code: 'verify-interrupts-run',
            source: 'sms-schedule',
          },
          {
            range: { start: position, end: position },
            message: "Unknown key 'x'",
            code: 'schema',
            source: 'sms-schedule',
          },
        ],
      },
    });
  }
  await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument });
  await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument });
  await client.connection.sendRequest(CodeLensRequest.type, { textDocument });
  await client.connection.sendRequest(ExecuteCommandRequest.type, {
    command: ServerCommands.simulate,
    arguments: [uri],
  });
  await client.connection.sendRequest(ExecuteCommandRequest.type, {
    command: ServerCommands.cliverify,
    arguments: [uri],
  });
}

test('malformed documents and odd requests never kill the server', async () => {
  await withServer({ settings: { simulate: 'onType' } }, async (client) => {
    for (const [i, text] of MALFORMED.entries()) {
      const uri = fileUri(`/tmp/malformed-${i}.sms.yaml`);
      await client.open(uri, text);
      const published = await client.diagnosticsForVersion(uri, 1);
      if (text.trim() !== '' && text !== MALFORMED[4]) {
        assert.ok(published.diagnostics.length > 0, `document ${i} has findings`);
      }
      await pokeEverything(client, uri);
      await client.close(uri);
    }
    // Requests about documents that are not open, and bad command arguments, answer empty.
    await pokeEverything(client, fileUri('/tmp/never-opened.sms.yaml'));
    await client.connection.sendRequest(ExecuteCommandRequest.type, {
      command: ServerCommands.decodeToken,
      arguments: [42],
    });
    await client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'no.such.command', arguments: [] });

    // Still alive and correct afterwards.
    const uri = fileUri('/tmp/after.sms.yaml');
    await client.open(uri, LAB_TEXT);
    const published = await client.diagnosticsForVersion(uri, 1);
    assert.equal(published.diagnostics.filter((d) => d.code === 'verify-interrupts-run').length, 4);
    assert.equal(client.process.exitCode, null);
  });
});
