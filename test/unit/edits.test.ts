import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseText } from '../../server/src/core/document/parse';
import {
  applyEdits,
  differenceEdit,
  setVerifyCycleValue,
  setVerifyCycleValues,
  type VerifyCycleKey,
} from '../../server/src/core/edits/yamlEdits';

function set(text: string, siteIndex: number, key: VerifyCycleKey, value: boolean | number): string {
  return applyEdits(text, setVerifyCycleValue(parseText(text), siteIndex, key, value));
}

/** Applying the same fix to the fixed text must change nothing. */
function assertIdempotent(fixed: string, siteIndex: number, key: VerifyCycleKey, value: boolean | number): void {
  assert.deepEqual(setVerifyCycleValue(parseText(fixed), siteIndex, key, value), []);
}

const lines = (...l: string[]): string => l.join('\n') + '\n';

describe('setVerifyCycleValue: block verifyCycle', () => {
  const text = lines(
    '# header comment',
    'version: 1',
    'sites:',
    '  - code: CEN   # central',
    '    server: CENSRV01',
    '    smsVersion: "2.0 SP2"',
    '  - code: LAB',
    '    server: LABSRV01',
    '    smsVersion: "2.0 SP1"',
    '    verifyCycle:',
    '      enabled: true    # keep this comment',
    '      intervalDays: 30 # and this one',
    '      durationMinutes: 40',
    'collections: []',
  );

  it('replaces only the scalar when the key exists, comments kept', () => {
    const fixed = set(text, 1, 'intervalDays', 31);
    assert.equal(fixed, text.replace('intervalDays: 30 # and this one', 'intervalDays: 31 # and this one'));
    assertIdempotent(fixed, 1, 'intervalDays', 31);
  });

  it('replaces a boolean', () => {
    const fixed = set(text, 1, 'enabled', false);
    assert.equal(fixed, text.replace('enabled: true    #', 'enabled: false    #'));
    assertIdempotent(fixed, 1, 'enabled', false);
  });

  it('gives no edit when the value is already set', () => {
    assert.deepEqual(setVerifyCycleValue(parseText(text), 1, 'intervalDays', 30), []);
  });

  it('inserts a missing key in SPEC order with the block indentation', () => {
    const noInterval = text.replace('      intervalDays: 30 # and this one\n', '');
    const fixed = set(noInterval, 1, 'intervalDays', 17);
    // After `enabled` (the key before it in SPEC §3 order), at the 6-space indentation of the block.
    assert.equal(fixed, noInterval.replace('# keep this comment\n', '# keep this comment\n      intervalDays: 17\n'));
    assertIdempotent(fixed, 1, 'intervalDays', 17);
  });

  it('inserts `enabled` before the first key', () => {
    const noEnabled = text.replace('      enabled: true    # keep this comment\n', '');
    const fixed = set(noEnabled, 1, 'enabled', false);
    assert.equal(fixed, noEnabled.replace('    verifyCycle:\n', '    verifyCycle:\n      enabled: false\n'));
    assertIdempotent(fixed, 1, 'enabled', false);
  });

  it("adds a whole verifyCycle block at the sibling keys' indentation, using the document's step", () => {
    const fixed = set(text, 0, 'enabled', false);
    assert.equal(
      fixed,
      text.replace(
        '    smsVersion: "2.0 SP2"\n',
        '    smsVersion: "2.0 SP2"\n    verifyCycle:\n      enabled: false\n',
      ),
    );
    assertIdempotent(fixed, 0, 'enabled', false);
  });

  it('gives no edit for a site index that does not exist', () => {
    assert.deepEqual(setVerifyCycleValue(parseText(text), 5, 'enabled', false), []);
  });
});

describe('setVerifyCycleValue: other shapes', () => {
  it('sets a key in a flow mapping', () => {
    const text = lines('sites:', '  - code: LAB', '    verifyCycle: { enabled: true }  # flow', 'x: 1');
    const replaced = set(text, 0, 'enabled', false);
    assert.equal(replaced, text.replace('{ enabled: true }', '{ enabled: false }'));
    const inserted = set(text, 0, 'intervalDays', 45);
    assert.equal(inserted, text.replace('{ enabled: true }', '{ enabled: true, intervalDays: 45 }'));
    assertIdempotent(inserted, 0, 'intervalDays', 45);
  });

  it('fills an empty flow mapping', () => {
    const text = lines('sites:', '  - code: LAB', '    verifyCycle: {}');
    assert.equal(set(text, 0, 'intervalDays', 9), text.replace('{}', '{ intervalDays: 9 }'));
  });

  it('adds verifyCycle to a flow site mapping', () => {
    const text = lines('sites:', '  - { code: LAB, server: S1 }');
    const fixed = set(text, 0, 'enabled', false);
    assert.equal(fixed, lines('sites:', '  - { code: LAB, server: S1, verifyCycle: { enabled: false } }'));
    assertIdempotent(fixed, 0, 'enabled', false);
  });

  it('fills an empty `verifyCycle:` and one with an explicit null', () => {
    const empty = lines('sites:', '  - code: LAB', '    verifyCycle:   # to do', 'x: 1');
    assert.equal(
      set(empty, 0, 'intervalDays', 12),
      lines('sites:', '  - code: LAB', '    verifyCycle:   # to do', '      intervalDays: 12', 'x: 1'),
    );
    const explicitNull = lines('sites:', '  - code: LAB', '    verifyCycle: null', 'x: 1');
    assert.equal(
      set(explicitNull, 0, 'intervalDays', 12),
      lines('sites:', '  - code: LAB', '    verifyCycle:', '      intervalDays: 12', 'x: 1'),
    );
  });

  it('fills an empty value of an existing key', () => {
    const text = lines('sites:', '  - code: LAB', '    verifyCycle:', '      intervalDays:', 'x: 1');
    assert.equal(set(text, 0, 'intervalDays', 3), text.replace('intervalDays:\n', 'intervalDays: 3\n'));
  });

  it('keeps CRLF line endings', () => {
    const text = 'sites:\r\n  - code: LAB\r\n    server: S1 # c\r\ncollections: []\r\n';
    const fixed = set(text, 0, 'intervalDays', 29);
    assert.equal(
      fixed,
      'sites:\r\n  - code: LAB\r\n    server: S1 # c\r\n    verifyCycle:\r\n      intervalDays: 29\r\ncollections: []\r\n',
    );
    assertIdempotent(fixed, 0, 'intervalDays', 29);
    const withEnabled = set(fixed, 0, 'enabled', false);
    assert.equal(withEnabled, fixed.replace('    verifyCycle:\r\n', '    verifyCycle:\r\n      enabled: false\r\n'));
  });

  it('follows a 4-space indentation step found in another site', () => {
    const text = lines(
      'sites:',
      '    -   code: CEN',
      '        verifyCycle:',
      '            enabled: true',
      '    -   code: LAB',
      '        server: S2',
    );
    // LAB's keys are at column 8; the step of CEN's block is 12 - 8 = 4.
    assert.equal(set(text, 1, 'enabled', false), text + '        verifyCycle:\n            enabled: false\n');
  });

  it('adds the block after a site whose last key is a nested block, before trailing comments', () => {
    const text = lines('sites:', '  - code: LAB', '    tags:', '      a: 1', '  # end of LAB', '  - code: CEN');
    assert.equal(
      set(text, 0, 'enabled', false),
      lines(
        'sites:',
        '  - code: LAB',
        '    tags:',
        '      a: 1',
        '    verifyCycle:',
        '      enabled: false',
        '  # end of LAB',
        '  - code: CEN',
      ),
    );
  });
});

describe('setVerifyCycleValues and applyEdits', () => {
  it('sets two keys where verifyCycle is absent as one edit', () => {
    const text = lines('sites:', '  - code: LAB', '    server: S1');
    const edits = setVerifyCycleValues(parseText(text), 0, { enabled: true, intervalDays: 44 });
    assert.equal(edits.length, 1);
    assert.equal(
      applyEdits(text, edits),
      lines(
        'sites:',
        '  - code: LAB',
        '    server: S1',
        '    verifyCycle:',
        '      enabled: true',
        '      intervalDays: 44',
      ),
    );
    assert.deepEqual(
      setVerifyCycleValues(parseText(applyEdits(text, edits)), 0, { enabled: true, intervalDays: 44 }),
      [],
    );
  });

  it('applies edits from the end, keeps insert order and refuses overlaps', () => {
    assert.equal(
      applyEdits('abcdef', [
        { start: 4, end: 6, newText: 'X' },
        { start: 0, end: 0, newText: '1' },
        { start: 0, end: 0, newText: '2' },
      ]),
      '12abcdX',
    );
    assert.throws(() =>
      applyEdits('abcdef', [
        { start: 1, end: 3, newText: '' },
        { start: 2, end: 4, newText: '' },
      ]),
    );
  });

  it('differenceEdit covers only the changed middle', () => {
    assert.deepEqual(differenceEdit('enabled: true', 'enabled: false'), [{ start: 9, end: 12, newText: 'fals' }]);
    assert.deepEqual(differenceEdit('same', 'same'), []);
  });
});

describe('setVerifyCycleValue: properties', () => {
  const shapes = [
    lines('sites:', '  - code: LAB # c', '    server: S1'),
    lines('sites:', '  - code: LAB', '    verifyCycle:', '      durationMinutes: 40 # model'),
    lines('sites:', '  - code: LAB', '    verifyCycle: { ccimCycleHours: 23 }'),
    lines('sites:', '  - code: LAB', '    verifyCycle:', '      enabled: true', '      intervalDays: 30'),
  ];
  it('sets the value, changes nothing else and is idempotent', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...shapes),
        fc.oneof(
          fc.record({ key: fc.constant<VerifyCycleKey>('enabled'), value: fc.boolean() }),
          fc.record({ key: fc.constant<VerifyCycleKey>('intervalDays'), value: fc.integer({ min: 1, max: 365 }) }),
        ),
        (text, { key, value }) => {
          const fixed = set(text, 0, key, value);
          const site = (parseText(fixed).value as { sites: { verifyCycle: Record<string, unknown> }[] }).sites[0];
          assert.equal(site?.verifyCycle[key], value);
          assertIdempotent(fixed, 0, key, value);
          // Every original line survives unless it held the key being set.
          for (const line of text.split('\n')) {
            if (!line.includes(key) && !line.includes('verifyCycle: {')) assert.ok(fixed.includes(line));
          }
        },
      ),
    );
  });
});
