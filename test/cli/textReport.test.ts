// The text report of `sms-schedule check` (issue 14, points 2 and 4): every row at its assignment's
// FILE:LINE:COLUMN, assignments counted from 1, the run's local wall time and zone beside UTC,
// legends saying what is Microsoft's and what is our model, runs in both tables explained, and
// the next step. Rows are checked against the JSON report of the same run (the engine's numbers)
// and against the document text and the platform's Intl zone data (the places and wall times).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ROOT } from '../helpers/paths';
import { runCli } from '../helpers/runCli';

const LAB = 'examples/lab.sms.yaml';

interface JsonFinding {
  advertisement: string;
  collection: string;
  assignment: number;
  runStart: string;
  runEnd?: string;
  verifyEarliest: string;
  verifyLatest: string;
  likelihood?: number;
  clientsAtRisk?: number;
}

interface Reports {
  readonly text: string;
  readonly status: number | null;
  readonly json: { interruptions: JsonFinding[]; delays: JsonFinding[] };
}

function reports(file: string): Reports {
  const text = runCli(['check', file]);
  const json = runCli(['check', file, '--format', 'json']);
  assert.equal(text.stderr, '');
  assert.equal(text.status, json.status);
  return { text: text.stdout, status: text.status, json: JSON.parse(json.stdout).files[0] };
}

/** The cells of the rows under the table titled `title` (cells are two or more spaces apart). */
function tableRows(report: string, title: 'Interruptions' | 'Delays'): string[][] {
  const lines = report.split('\n');
  const start = lines.findIndex((line) => new RegExp(`^  ${title} \\(\\d+\\)$`).test(line));
  if (start < 0) return [];
  const header = lines.findIndex((line, i) => i > start && line.startsWith('  Where  '));
  assert.ok(header > start, `${title} has a header row`);
  const rows: string[][] = [];
  for (let i = header + 1; i < lines.length && /^ {2}\S+:\d+:\d+ {2}/.test(lines[i]!); i++) {
    rows.push(lines[i]!.trim().split(/ {2,}/));
  }
  return rows;
}

/**
 * `FILE:LINE:COLUMN` (1-based) of item `index` of an advertisement's `assignments`, read from the
 * block-style text: the column of the first character after the item's `- `.
 */
function assignmentPlace(file: string, text: string, advertisement: string, index: number): string {
  const lines = text.split('\n');
  const adLine = lines.findIndex((line) => line.trim() === `- id: ${advertisement}`);
  const listLine = lines.findIndex((line, i) => i > adLine && line.trim() === 'assignments:');
  let seen = -1;
  for (let i = listLine + 1; i < lines.length; i++) {
    const item = /^(\s*)- /.exec(lines[i]!);
    if (!item) continue;
    if (++seen === index) return `${file}:${i + 1}:${item[1]!.length + 3}`;
  }
  throw new Error(`no assignment ${index} of ${advertisement}`);
}

/** "2001-05-13 00:30 America/New_York (04:30Z)", from Intl rather than from our code. */
function expectedWhen(iso: string, zone: string): string {
  const utc = iso.slice(0, 16).replace('T', ' ');
  if (zone === 'UTC') return `${utc} UTC`;
  const local = new Date(iso).toLocaleString('sv-SE', { timeZone: zone, hour12: false }).slice(0, 16);
  return `${local} ${zone} (${local.slice(0, 10) === utc.slice(0, 10) ? utc.slice(11) : utc}Z)`;
}

const utcMinute = (iso: string) => iso.slice(0, 16).replace('T', ' ');
const band = (f: JsonFinding) =>
  f.verifyEarliest === f.verifyLatest
    ? utcMinute(f.verifyEarliest)
    : `${utcMinute(f.verifyEarliest)} – ${utcMinute(f.verifyLatest)}`;
const runKey = (f: JsonFinding) => `${f.advertisement}/${f.assignment}/${f.runStart}`;

function tempDocument(name: string, text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'sms-text-')), name);
  writeFileSync(file, text);
  return file;
}

const labText = readFileSync(join(ROOT, LAB), 'utf8');
const zones: Record<string, string> = { LAB00015: 'America/New_York', CEN00020: 'Europe/London' };
/** CEN20007 runs 'Silent update', whose estimatedRunMinutes is unknown. */
const unknownRunTime = new Set(['CEN20007']);

describe('check text report', () => {
  test('interruption rows: the assignment at FILE:LINE:COLUMN, numbered from 1, local run start beside UTC', () => {
    const { text, json } = reports(LAB);
    const rows = tableRows(text, 'Interruptions');
    assert.ok(json.interruptions.length > 0);
    assert.equal(rows.length, json.interruptions.length);
    json.interruptions.forEach((f, i) => {
      assert.deepEqual(rows[i], [
        assignmentPlace(LAB, labText, f.advertisement, f.assignment),
        f.advertisement,
        String(f.assignment + 1),
        f.collection,
        expectedWhen(f.runStart, zones[f.collection]!),
        `${(Date.parse(f.runEnd!) - Date.parse(f.runStart)) / 60_000} min${unknownRunTime.has(f.advertisement) ? ' (assumed)' : ''}`,
        band(f),
        `${+(f.likelihood! * 100).toFixed(1)}%`,
        String(f.clientsAtRisk),
      ]);
    });
    // The lab example's nightly 00:30 run in New York is 04:30 UTC in May (EDT).
    assert.ok(rows.some((row) => row[4] === '2001-05-13 00:30 America/New_York (04:30Z)'));
    assert.ok(
      rows.some((row) => row[5] === '120 min (assumed)'),
      'the default run time is marked as assumed',
    );
  });

  test('delay rows, marked when the same run is also interrupted, with the reason', () => {
    const { text, json } = reports(LAB);
    const rows = tableRows(text, 'Delays');
    const interrupted = new Set(json.interruptions.map(runKey));
    assert.ok(json.delays.length > 0);
    assert.equal(rows.length, json.delays.length);
    json.delays.forEach((f, i) => {
      const both = interrupted.has(runKey(f));
      assert.deepEqual(rows[i], [
        assignmentPlace(LAB, labText, f.advertisement, f.assignment),
        f.advertisement,
        String(f.assignment + 1),
        f.collection,
        expectedWhen(f.runStart, zones[f.collection]!),
        band(f),
        ...(both ? ['also interrupted *'] : []),
      ]);
    });
    assert.ok(
      json.delays.some((f) => interrupted.has(runKey(f))),
      'the lab example has runs in both tables',
    );
    assert.match(
      text,
      /^ {2}\* {2}also under Interruptions: the clients of a rollout window verify at different times/m,
    );
  });

  test("legends say what a delay is and what is Microsoft's and what is our model", () => {
    const { text } = reports(LAB);
    const interruptions = text.slice(text.indexOf('Interruptions ('), text.indexOf('  Where'));
    assert.match(interruptions, /Microsoft \(Q283130\): the verify cycle then stops\s+the install abruptly/);
    assert.match(interruptions, /Our model, not Microsoft data: when a pass starts/);
    const delays = text.slice(text.indexOf('Delays ('));
    assert.match(delays, /A delay: the run is due while a verify pass may still be running, so it may start late/);
    assert.match(delays, /Our model \(pass times and durationMinutes\), not documented by Microsoft/);
  });

  test('the report ends with the next step: the cliverify command', () => {
    const { text, status } = reports(LAB);
    assert.equal(status, 1);
    const lines = text.trimEnd().split('\n');
    const summary = lines.findIndex((line) => line.startsWith('⚠ 1 file: '));
    assert.ok(summary > 0);
    assert.equal(lines[summary + 1], `Next: sms-schedule cliverify ${LAB}`);
    assert.match(
      lines.slice(summary + 2).join(' '),
      /Cliverify on each site server \(Microsoft's workaround, Q246040\)/,
    );
  });

  test('numbering: the second assignment is "2" in the text and 1 in the JSON', () => {
    const shifted = labText.replace(
      '    assignments:\n      - at: 2001-03-01T00:30',
      '    assignments:\n      - event: logoff\n      - at: 2001-03-01T00:30',
    );
    assert.notEqual(shifted, labText);
    const file = tempDocument('shifted.sms.yaml', shifted);
    const { text, json } = reports(file);
    const lab = json.interruptions.filter((f) => f.advertisement === 'LAB20001');
    assert.ok(lab.length > 0);
    for (const f of lab) assert.equal(f.assignment, 1);
    const rows = tableRows(text, 'Interruptions').filter((row) => row[1] === 'LAB20001');
    assert.equal(rows.length, lab.length);
    const at = shifted.split('\n').findIndex((line) => line === '      - at: 2001-03-01T00:30');
    for (const row of rows) {
      assert.equal(row[2], '2');
      assert.equal(row[0], `${file}:${at + 1}:9`);
    }
  });

  test("a gmt advertisement shows its runs in UTC, the others in their collection's zone", () => {
    const file = tempDocument(
      'gmt.sms.yaml',
      // 04:30 UTC every night: the New York run of 00:30 EDT, now written in UTC.
      labText
        .replace('    expirationTime: 2001-07-01T00:00\n', '    expirationTime: 2001-07-01T00:00\n    gmt: true\n')
        .replace('      - at: 2001-03-01T00:30\n', '      - at: 2001-03-01T04:30\n'),
    );
    const { text, json } = reports(file);
    const rows = tableRows(text, 'Interruptions');
    assert.ok(json.interruptions.some((f) => f.advertisement === 'LAB20001'));
    assert.equal(rows.length, json.interruptions.length);
    json.interruptions.forEach((f, i) => {
      const zone = f.advertisement === 'LAB20001' ? 'UTC' : zones[f.collection]!;
      assert.equal(rows[i]![4], expectedWhen(f.runStart, zone));
    });
    for (const row of rows.filter((r) => r[1] === 'LAB20001')) assert.match(row[4]!, /^\d{4}-\d\d-\d\d 04:30 UTC$/);
  });

  test('a document with errors ends with "fix the errors"', () => {
    const file = tempDocument('bad.sms.yaml', labText.replace('intervalDays: 30', 'intervalDays: 400'));
    const run = runCli(['check', file]);
    assert.equal(run.status, 2);
    assert.match(
      run.stdout,
      new RegExp(`^ {2}${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:18:21 {2}error {2}schema `, 'm'),
    );
    assert.match(
      run.stdout,
      /\nNext: fix the errors above \(FILE:LINE:COLUMN\), then run sms-schedule check again\.\n$/,
    );
  });

  test('delays alone: no cliverify step, and says nothing needs to change', () => {
    const file = tempDocument(
      'delay.sms.yaml',
      [
        'version: 1',
        'simulation: { from: 2001-05-01T00:00, days: 30 }',
        'sites:',
        '  - { code: LAB, server: LABSRV01, smsVersion: "2.0 SP1", verifyCycle: { durationMinutes: 40 } }',
        'collections:',
        '  - { id: LAB00015, name: NT, site: LAB, clients: 800, timeZone: America/New_York, installed: 2001-01-10T08:00 }',
        'packages:',
        '  - { id: LAB00012, name: Office, programs: [ { name: P, estimatedRunMinutes: 45 } ] }',
        'advertisements:',
        '  - id: LAB20001',
        '    name: A',
        '    package: LAB00012',
        '    program: P',
        '    collection: LAB00015',
        '    presentTime: 2001-03-01T00:00',
        '    assignments:',
        '      - at: 2001-05-13T01:10',
        '',
      ].join('\n'),
    );
    const { text, json, status } = reports(file);
    assert.equal(json.interruptions.length, 0);
    assert.equal(json.delays.length, 1, 'the pass of 2001-05-13 01:00 New York time is running at 01:10');
    assert.equal(status, 0);
    assert.deepEqual(tableRows(text, 'Delays'), [
      [
        `${file}:17:9`,
        'LAB20001',
        '1',
        'LAB00015',
        expectedWhen(json.delays[0]!.runStart, 'America/New_York'),
        band(json.delays[0]!),
      ],
    ]);
    assert.doesNotMatch(text, /Next: sms-schedule cliverify/);
    assert.match(
      text,
      /\nNo interruptions: delays only make runs start late \(our model\); nothing needs to change\.\n$/,
    );
  });

  test('one run meeting two passes of an exact install is marked with the other reason', () => {
    const file = tempDocument(
      'twopass.sms.yaml',
      [
        'version: 1',
        'simulation: { from: 2001-05-01T00:00, days: 3 }',
        'sites:',
        '  - code: LAB',
        '    server: LABSRV01',
        '    smsVersion: "2.0 SP1"',
        '    verifyCycle: { intervalDays: 1, durationMinutes: 120, ccimCycleHours: 1 }',
        'collections:',
        '  - { id: LAB00015, name: NT, site: LAB, clients: 10, installed: 2001-01-10T08:00 }',
        'packages:',
        '  - { id: LAB00012, name: Office, programs: [ { name: P, estimatedRunMinutes: 1440 } ] }',
        'advertisements:',
        '  - { id: LAB20001, name: A, package: LAB00012, program: P, collection: LAB00015,',
        '      presentTime: 2001-03-01T00:00, assignments: [ { at: 2001-05-01T09:00 } ] }',
        '',
      ].join('\n'),
    );
    const { text, json } = reports(file);
    const interrupted = new Set(json.interruptions.map(runKey));
    const both = json.delays.filter((f) => interrupted.has(runKey(f)));
    assert.ok(
      both.length > 0 && both.every((f) => f.verifyEarliest === f.verifyLatest),
      'a daily pass meets the 24-hour run twice',
    );
    const marked = tableRows(text, 'Delays').filter((row) => row[6] === 'also interrupted **');
    assert.equal(marked.length, both.length);
    assert.match(
      text,
      /^ {2}\*\* also under Interruptions: one verify pass is still running when the run is due, the next starts during it\.$/m,
    );
    assert.doesNotMatch(text, /^ {2}\* {2}also under/m, 'no rollout-window footnote without a window');
  });

  test('a clean document has no tables and no next step', () => {
    const { text, status } = reports('examples/clean.sms.yaml');
    assert.equal(status, 0);
    assert.deepEqual(tableRows(text, 'Interruptions'), []);
    assert.doesNotMatch(text, /Next:|Delays \(/);
    assert.match(text, /✔ 1 file: 0 interruptions/);
  });
});
