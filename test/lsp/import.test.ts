/** The import command over stdio (SPEC §9): the same document as `sms-schedule import`, refusals as data. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ExecuteCommandRequest } from 'vscode-languageserver-protocol';
import { ServerCommands, type ImportSiteExportResult } from '../../server/src/shared/protocol';
import { withServer } from './fixtures';

const FIXTURES = join(__dirname, '..', 'fixtures', 'import');

test('importSiteExport returns the fixture document byte for byte; a broken export is refused with its pointer', async () => {
  await withServer({}, async (client) => {
    const run = async (...args: unknown[]) =>
      (await client.connection.sendRequest(ExecuteCommandRequest.type, {
        command: ServerCommands.importSiteExport,
        arguments: args,
      })) as ImportSiteExportResult;
    const result = await run(readFileSync(join(FIXTURES, 'hierarchy.export.json'), 'utf8'));
    assert.ok(result.ok);
    assert.equal(result.yaml, readFileSync(join(FIXTURES, 'hierarchy.sms.yaml'), 'utf8'));
    const refused = await run('{"format": "sms-schedule-export", "formatVersion": 2}');
    assert.equal(refused.ok, false);
    assert.equal(refused.ok === false && refused.pointer, '/formatVersion');
    const notText = await run(42);
    assert.equal(notText.ok, false);
  });
});
