/** workspace/executeCommand: the simulation timeline, the Cliverify configuration, token decoding. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ExecuteCommandRequest } from 'vscode-languageserver-protocol';
import { GENERATED_MARKER } from '../../server/src/core/cliverify/config';
import { ServerCommands, type Timeline } from '../../server/src/shared/protocol';
import { fileUri } from './client';
import { LAB_PATH, LAB_TEXT, LAB_URI, withServer } from './fixtures';

test('simulate returns the timeline of the open document', async () => {
  await withServer({}, async (client) => {
    await client.open(LAB_URI, LAB_TEXT);
    const timeline = (await client.connection.sendRequest(ExecuteCommandRequest.type, {
      command: ServerCommands.simulate,
      arguments: [LAB_URI],
    })) as Timeline;
    assert.equal(timeline.uri, LAB_URI);
    assert.equal(timeline.version, 1);
    assert.equal(timeline.error, undefined);
    // from 2001-03-01, 180 days: 31 (Mar) + 30 + 31 + 30 + 31 (Jul) = 153 → 08-01, + 27 → 08-28.
    assert.deepEqual(timeline.horizon, { from: '2001-03-01T00:00:00Z', to: '2001-08-28T00:00:00Z' });
    // 4 interruptions: 800 clients of LAB00015 + 3 × 5 of CEN00020 = 815 at risk; 3 delays.
    assert.deepEqual(timeline.summary, { interruptions: 4, delays: 3, clientsAtRisk: 815 });

    const [lab, cen] = timeline.rows;
    assert.ok(lab && cen);
    assert.equal(lab.advertisement, 'LAB20001');
    assert.equal(lab.collection, 'LAB00015');
    assert.equal(lab.collectionName, 'NT Workstations');
    assert.equal(lab.site, 'LAB');
    assert.deepEqual(lab.location, { line: 52, character: 8 });
    // Daily from 03-01 until expiration 07-01: 31 + 30 + 31 + 30 = 122 runs, 00:30 EST = 05:30Z.
    assert.equal(lab.runs.length, 122);
    assert.equal(lab.runsTruncated, false);
    assert.deepEqual(lab.runs[0], { start: '2001-03-01T05:30:00Z', end: '2001-03-01T06:15:00Z' });
    // The first pass of LAB00015 in the horizon: 01-10 13:00Z + 2 × 736 h (61 d 8 h) = 03-12 21:00Z.
    assert.deepEqual(lab.passes[0], {
      earliest: '2001-03-12T21:00:00Z',
      latest: '2001-03-12T21:00:00Z',
      durationMinutes: 40,
    });
    assert.deepEqual(
      lab.findings.map((f) => [f.kind, f.runStart, f.verifyEarliest, f.likelihood, f.clientsAtRisk, f.assignment]),
      [['interruption', '2001-05-13T04:30:00Z', '2001-05-13T05:00:00Z', 1, 800, 0]],
    );

    assert.equal(cen.advertisement, 'CEN20007');
    // Mondays 03-05 … 08-27: (26 + 30 + 31 + 30 + 31 + 27) / 7 = 175 / 7 = 25 weeks → 26 runs.
    assert.equal(cen.runs.length, 26);
    // 12:00 GMT (London, before BST starts on 03-25) = 12:00Z; 120 min assumed (run time unknown).
    assert.deepEqual(cen.runs[0], { start: '2001-03-05T12:00:00Z', end: '2001-03-05T14:00:00Z' });
    assert.equal(cen.findings.filter((f) => f.kind === 'interruption').length, 3);
    assert.equal(cen.findings.filter((f) => f.kind === 'delay').length, 3);
  });
});

test('simulate of a document with errors says so; of a file not open reads it from disk', async () => {
  await withServer({}, async (client) => {
    const broken = fileUri('/tmp/broken.sms.yaml');
    await client.open(broken, 'version: 2\n');
    const timeline = (await client.connection.sendRequest(ExecuteCommandRequest.type, {
      command: ServerCommands.simulate,
      arguments: [broken],
    })) as Timeline;
    assert.deepEqual(timeline.rows, []);
    assert.match(timeline.error ?? '', /errors/);

    const fromDisk = (await client.connection.sendRequest(ExecuteCommandRequest.type, {
      command: ServerCommands.simulate,
      arguments: [fileUri(LAB_PATH)],
    })) as Timeline;
    assert.equal(fromDisk.version, null);
    assert.equal(fromDisk.summary.interruptions, 4);
  });
});

test('cliverify returns the Markdown, the JSON and the file beside the document', async () => {
  await withServer({}, async (client) => {
    await client.open(LAB_URI, LAB_TEXT);
    const result = (await client.connection.sendRequest(ExecuteCommandRequest.type, {
      command: ServerCommands.cliverify,
      arguments: [LAB_URI],
    })) as { markdown: string; json: { sites: { code: string; cliverifyBuild: string }[] }; fileUri: string };
    assert.equal(result.fileUri, LAB_URI.replace(/lab\.sms\.yaml$/, 'lab.cliverify.md'));
    assert.ok(result.markdown.startsWith(GENERATED_MARKER));
    assert.deepEqual(
      result.json.sites.map((s) => [s.code, s.cliverifyBuild]),
      [
        ['CEN', 'Cliverify for SMS 2.0 SP2'],
        ['LAB', 'Cliverify for SMS 2.0 SP1'],
      ],
    );
  });
});

test('decodeToken decodes SPEC §5 examples and reports a malformed token', async () => {
  await withServer({}, async (client) => {
    const decode = (token: unknown) =>
      client.connection.sendRequest(ExecuteCommandRequest.type, {
        command: ServerCommands.decodeToken,
        arguments: [token],
      });
    const weekly = (await decode('00811A9E081A2000')) as { ok: boolean; description: string; json: { token: string } };
    assert.equal(weekly.ok, true);
    assert.match(weekly.description, /every Monday at 04:00 .*from 2012-01-01/);
    assert.equal(weekly.json.token, '00811A9E081A2000');
    const monthly = (await decode('000A4700002BC400')) as { ok: boolean; description: string };
    assert.match(monthly.description, /on the 15th of every month at 00:00 .*from 1998-04-10/);
    const bad = (await decode('XYZ')) as { ok: boolean; reason: string };
    assert.equal(bad.ok, false);
    assert.ok(bad.reason.length > 0);
  });
});
