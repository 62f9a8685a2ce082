import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { validateText } from '../../server/src/core/analyze';
import { inlayHints, type InlayHint } from '../../server/src/core/ide/inlayHints';
import { example } from '../helpers/paths';

const lab = readFileSync(example('lab.sms.yaml'), 'utf8');

/** Each hint as "text before it on its line | label". */
function shown(text: string, hints: readonly InlayHint[]): string[] {
  return hints.map((h) => `${text.slice(text.lastIndexOf('\n', h.offset - 1) + 1, h.offset).trim()} | ${h.label}`);
}

function document(assignments: readonly string[], { zone = 'America/New_York', gmt = false } = {}): string {
  return [
    'version: 1',
    'sites:',
    '  - { code: LAB, server: LABSRV, smsVersion: "2.0 SP1" }',
    'collections:',
    `  - { id: LAB00015, name: WS, site: LAB, clients: 10, timeZone: ${zone}, installed: 2001-01-10T08:00 }`,
    'packages:',
    '  - { id: LAB00012, name: Office, programs: [ { name: Setup, estimatedRunMinutes: 90 } ] }',
    'advertisements:',
    '  - id: LAB20001',
    '    name: Office',
    '    package: LAB00012',
    '    program: Setup',
    '    collection: LAB00015',
    '    presentTime: 2001-03-01T00:00',
    `    gmt: ${gmt}`,
    '    assignments:',
    ...assignments,
    '',
  ].join('\n');
}

describe('inlay hints', () => {
  it('show the UTC instant of wall times in lab.sms.yaml (EST and EDT) and none for UTC values', () => {
    const hints = shown(lab, inlayHints(validateText(lab)));
    assert.deepEqual(hints, [
      'installed: 2001-01-10T08:00 | = 13:00 UTC',
      'installed: { from: 2001-02-05T09:00 | = 09:00 UTC',
      'installed: { from: 2001-02-05T09:00, to: 2001-02-09T17:00 | = 17:00 UTC',
      'presentTime: 2001-03-01T00:00 | = 05:00 UTC',
      'expirationTime: 2001-07-01T00:00 | = 04:00 UTC',
      '- at: 2001-03-01T00:30 | = 05:30 UTC',
      'presentTime: 2001-03-01T00:00 | = 00:00 UTC',
      '- at: 2001-03-02T12:00 | = 12:00 UTC',
    ]);
    assert.ok(!/from: 2001-03-01T00:00 \|/.test(hints.join('\n')), 'simulation.from is UTC already');
  });

  it('name the UTC date when it differs, and explain DST gaps, repeated wall times and recurrences', () => {
    const text = document([
      '      - at: 2001-03-05T22:00',
      '      - at: 2001-04-01T02:30',
      '      - at: 2001-10-28T01:30',
      '        every: { days: 1 }',
    ]);
    const hints = inlayHints(validateText(text)).filter((h) => shown(text, [h])[0]!.startsWith('- at:'));
    assert.deepEqual(shown(text, hints), [
      '- at: 2001-03-05T22:00 | = 2001-03-06 03:00 UTC',
      '- at: 2001-04-01T02:30 | = 07:30 UTC',
      '- at: 2001-10-28T01:30 | = 05:30 UTC',
    ]);
    assert.match(hints[0]!.tooltip!, /^2001-03-05T22:00 America\/New_York is 2001-03-06T03:00 UTC\.$/);
    assert.match(hints[1]!.tooltip!, /DST gap/);
    assert.match(hints[2]!.tooltip!, /occurs twice/);
    assert.match(hints[2]!.tooltip!, /follows DST/);
  });

  it('describe tokens in words, durations and zone in the tooltip', () => {
    const text = document(['      - token: "00811A9E081A2000"', '      - token: "000A4700002BC401000A4700002BC400"']);
    const hints = inlayHints(validateText(text)).filter((h) => text.charAt(h.offset - 1) === '"');
    assert.deepEqual(shown(text, hints), [
      '- token: "00811A9E081A2000" | every Monday at 04:00 local, from 2012-01-01',
      '- token: "000A4700002BC401000A4700002BC400" | on the 15th of every month at 00:00 UTC, from 1998-04-10; on the 15th of every month at 00:00 local, from 1998-04-10',
    ]);
    assert.equal(
      hints[0]!.tooltip,
      'every Monday at 04:00 America/New_York, from 2012-01-01 (token duration 1 hour 30 minutes)\n' +
        'Token durations are kept but do not change runs (SPEC §4).',
    );
  });

  it('show no UTC instant in a UTC collection or a gmt advertisement, and nothing for a broken advertisement', () => {
    const only = (text: string) => shown(text, inlayHints(validateText(text)));
    assert.deepEqual(only(document(['      - at: 2001-03-05T22:00'], { zone: 'UTC' })), []);
    const collectionOnly = [
      '- { id: LAB00015, name: WS, site: LAB, clients: 10, timeZone: America/New_York, installed: 2001-01-10T08:00 | = 13:00 UTC',
    ];
    assert.deepEqual(only(document(['      - at: 2001-03-05T22:00'], { gmt: true })), collectionOnly);
    const broken = document(['      - at: 2001-03-05T22:00']).replace('collection: LAB00015', 'collection: NOPE');
    assert.deepEqual(only(broken), collectionOnly);
  });

  it('give only the hints inside a range', () => {
    const validation = validateText(lab);
    const start = lab.indexOf('  - id: LAB20001');
    const end = lab.indexOf('  - id: CEN20007');
    const hints = inlayHints(validation, { start, end });
    assert.deepEqual(shown(lab, hints), [
      'presentTime: 2001-03-01T00:00 | = 05:00 UTC',
      'expirationTime: 2001-07-01T00:00 | = 04:00 UTC',
      '- at: 2001-03-01T00:30 | = 05:30 UTC',
    ]);
    assert.deepEqual(
      inlayHints(validation).filter((h) => h.offset >= start && h.offset <= end),
      hints,
      'the same hints as without a range',
    );
  });
});
