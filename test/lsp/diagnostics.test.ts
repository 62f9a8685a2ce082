/** Diagnostics over real stdio JSON-RPC: what is published, when, and for which version. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { codes, hasEngineFindings, LAB_TEXT, LAB_URI, lineOf, withServer } from './fixtures';

// examples/lab.sms.yaml, 0-based lines: LAB20001's only assignment is lines 52-53
// (`at:` at column 8 … `every: { days: 1 }` ends at 8 + 18 = 26); CEN20007's weekly assignment is
// lines 61-62 (`weekly: { day: mon, weeks: 1 }` ends at 8 + 30 = 38) and its logon one line 63.
const LAB_ASSIGNMENT = { start: { line: 52, character: 8 }, end: { line: 53, character: 26 } };
const CEN_WEEKLY = { start: { line: 61, character: 8 }, end: { line: 62, character: 38 } };

test('open publishes validation and engine diagnostics with the SPEC codes and ranges', async () => {
  await withServer({}, async (client) => {
    await client.open(LAB_URI, LAB_TEXT);
    const published = await client.diagnosticsForVersion(LAB_URI, 1);
    // LAB00015 installs 2001-01-10 08:00 EST = 13:00Z; a pass every ceil(720 h / 23 h) = 32 wake-ups
    // = 736 h, so pass 4 = 13:00Z + 4 * 736 h = 2001-05-13 05:00Z, inside the 00:30-01:15 EDT
    // (04:30-05:15Z) daily run: one interruption for LAB20001. CEN20007's Monday 12:00 London runs
    // meet the CEN00020 rollout band 3 times (interruptions) and 3 times as delays (engine's count).
    assert.deepEqual(codes(published), [
      'event-not-simulated',
      'run-time-unknown',
      'verify-delays-run',
      'verify-delays-run',
      'verify-delays-run',
      'verify-interrupts-run',
      'verify-interrupts-run',
      'verify-interrupts-run',
      'verify-interrupts-run',
    ]);
    for (const d of published.diagnostics) assert.equal(d.source, 'sms-schedule');

    const interruptions = published.diagnostics.filter((d) => d.code === 'verify-interrupts-run');
    const lab = interruptions.filter((d) => d.range.start.line === 52);
    assert.equal(lab.length, 1);
    const labWarning = lab[0]!;
    assert.deepEqual(labWarning.range, LAB_ASSIGNMENT);
    assert.equal(labWarning.severity, DiagnosticSeverity.Warning);
    const message = String(labWarning.message);
    // The run in the collection's local time and UTC, the pass, likelihood, clients, Q283130.
    assert.match(message, /2001-05-13 00:30 America\/New_York \(04:30Z\)/);
    assert.match(message, /01:00 America\/New_York \(05:00Z\)/);
    assert.match(message, /Likelihood 100%, 800 of 800 clients at risk/);
    assert.match(message, /Q283130/);
    // relatedInformation points at site LAB's `verifyCycle:` entry (line 15, column 4).
    assert.equal(labWarning.relatedInformation?.length, 1);
    assert.equal(labWarning.relatedInformation?.[0]?.location.uri, LAB_URI);
    assert.deepEqual(labWarning.relatedInformation?.[0]?.location.range.start, { line: 15, character: 4 });

    for (const d of interruptions.filter((d) => d.range.start.line !== 52)) assert.deepEqual(d.range, CEN_WEEKLY);
    // Site CEN has no verifyCycle: the related location is its entry (`code: CEN`, line 8, column 4).
    const cen = interruptions.find((d) => d.range.start.line === 61);
    assert.deepEqual(cen?.relatedInformation?.[0]?.location.range.start, { line: 8, character: 4 });
  });
});

test('a schema error after an incremental change has the exact range of the key', async () => {
  await withServer({}, async (client) => {
    await client.open(LAB_URI, LAB_TEXT);
    await client.diagnosticsForVersion(LAB_URI, 1);
    // Line 18 is `      durationMinutes: 40`: the key spans columns 6..21 (6 + 15 characters).
    const range = { start: { line: 18, character: 6 }, end: { line: 18, character: 21 } };
    const version = await client.change(LAB_URI, [{ range, text: 'durationMinutse' }]);
    const published = await client.diagnosticsForVersion(LAB_URI, version);
    const schema = published.diagnostics.filter((d) => d.code === 'schema');
    assert.equal(schema.length, 1);
    assert.deepEqual(schema[0]?.range, range);
    assert.equal(schema[0]?.severity, DiagnosticSeverity.Error);
    assert.match(String(schema[0]?.message), /Unknown key 'durationMinutse'.*Did you mean 'durationMinutes'\?/);
  });
});

test('simulate: onSave runs the engine on open and save, not on change', async () => {
  await withServer({ settings: { simulate: 'onSave' } }, async (client) => {
    await client.open(LAB_URI, LAB_TEXT);
    assert.ok(hasEngineFindings(await client.diagnosticsForVersion(LAB_URI, 1)));

    const end = { line: 64, character: 0 }; // after the last line's newline
    const version = await client.change(LAB_URI, [{ range: { start: end, end }, text: '# edited\n' }]);
    const afterChange = await client.diagnosticsForVersion(LAB_URI, version);
    // A change only validates; the findings of the advertisements it did not touch stay published.
    assert.equal(afterChange.diagnostics.filter((d) => d.code === 'verify-interrupts-run').length, 4);

    // Changing LAB's verify cycle touches LAB's advertisements: their findings wait for the engine,
    // CEN's stay.
    const before = afterChange.diagnostics.filter((d) => d.code === 'verify-interrupts-run');
    const cenBefore = before.filter((d) => (d.data as { site?: string } | undefined)?.site === 'CEN');
    assert.ok(cenBefore.length > 0 && cenBefore.length < before.length, 'both sites have interruptions');
    const labDuration = lineOf(LAB_TEXT, 'durationMinutes: 40');
    const edited = await client.change(LAB_URI, [
      {
        range: { start: { line: labDuration, character: 0 }, end: { line: labDuration + 1, character: 0 } },
        text: LAB_TEXT.split('\n')[labDuration]!.replace('40', '41') + '\n',
      },
    ]);
    const afterSiteEdit = await client.diagnosticsForVersion(LAB_URI, edited);
    const kept = afterSiteEdit.diagnostics.filter((d) => d.code === 'verify-interrupts-run');
    assert.deepEqual(
      kept.map((d) => d.range),
      cenBefore.map((d) => d.range),
      "only CEN's interruptions stay until the engine runs again",
    );

    const mark = client.published.length;
    await client.save(LAB_URI);
    const afterSave = await client.diagnosticsForVersion(LAB_URI, edited, mark);
    assert.ok(afterSave.diagnostics.filter((d) => d.code === 'verify-interrupts-run').length > kept.length);
  });
});

test('simulate: onType runs the engine on every change; off never', async () => {
  await withServer({ settings: { simulate: 'onType' } }, async (client) => {
    await client.open(LAB_URI, LAB_TEXT);
    await client.diagnosticsForVersion(LAB_URI, 1);
    const version = await client.change(LAB_URI, LAB_TEXT + '# edited\n');
    const published = await client.diagnosticsForVersion(LAB_URI, version);
    assert.equal(published.diagnostics.filter((d) => d.code === 'verify-interrupts-run').length, 4);
  });
  await withServer({ settings: { simulate: 'off' } }, async (client) => {
    await client.open(LAB_URI, LAB_TEXT);
    assert.deepEqual(codes(await client.diagnosticsForVersion(LAB_URI, 1)), []);
    const mark = client.published.length;
    await client.save(LAB_URI);
    assert.deepEqual(codes(await client.diagnosticsForVersion(LAB_URI, 1, mark)), []);
  });
});

test('changing the configuration re-pulls the settings and republishes', async () => {
  await withServer({ settings: { simulate: 'off' } }, async (client) => {
    await client.open(LAB_URI, LAB_TEXT);
    assert.deepEqual(codes(await client.diagnosticsForVersion(LAB_URI, 1)), []);
    const mark = client.published.length;
    client.settings = { simulate: 'onSave' };
    await client.configurationChanged();
    assert.ok(hasEngineFindings(await client.diagnosticsForVersion(LAB_URI, 1, mark)));
  });
});

test('rapid edits: the burst is coalesced, and nothing older follows the last version', async () => {
  await withServer({ settings: { simulate: 'onType' } }, async (client) => {
    await client.open(LAB_URI, LAB_TEXT);
    await client.diagnosticsForVersion(LAB_URI, 1);
    const mark = client.published.length;
    const first = await client.change(LAB_URI, LAB_TEXT + '# 2\n');
    const middle = await client.change(LAB_URI, LAB_TEXT + '# 3\n');
    const last = await client.change(LAB_URI, LAB_TEXT + '# 4\n');
    const published = await client.diagnosticsForVersion(LAB_URI, last, mark);
    assert.ok(hasEngineFindings(published));
    // The first change follows a pause and is validated at once (published if it finished before
    // the next arrived); the next ones come within the debounce, so only the last is validated.
    const versions = client.published.slice(mark).map((p) => p.version);
    assert.ok(!versions.includes(middle), `published ${versions.join(',')}`);
    assert.equal(versions.at(-1), last, `published ${versions.join(',')}`);
    assert.deepEqual(
      versions.filter((v) => v !== first),
      [last],
      `published ${versions.join(',')}`,
    );
  });
});

test('maxProblems caps the list with one too-many-findings summary', async () => {
  await withServer({ settings: { maxProblems: 3 } }, async (client) => {
    await client.open(LAB_URI, LAB_TEXT);
    const published = await client.diagnosticsForVersion(LAB_URI, 1);
    // 9 diagnostics, at most 3 shown: 2 kept + 1 summary for the 9 - 2 = 7 others.
    assert.equal(published.diagnostics.length, 3);
    const summary = published.diagnostics[2];
    assert.equal(summary?.code, 'too-many-findings');
    assert.match(String(summary?.message), /^7 more problems not shown/);
  });
});

test('closing a document clears its diagnostics', async () => {
  await withServer({}, async (client) => {
    await client.open(LAB_URI, LAB_TEXT);
    await client.diagnosticsForVersion(LAB_URI, 1);
    const mark = client.published.length;
    await client.close(LAB_URI);
    const cleared = await client.waitForDiagnostics(LAB_URI, () => true, mark);
    assert.deepEqual(cleared.diagnostics, []);
  });
});
