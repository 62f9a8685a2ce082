/**
 * `importSiteExport` on the hand-written fixture exports: the expected documents byte for byte,
 * the warnings by pointer, and every expected document valid (no schema error; the only errors are
 * the unresolved references the export itself contains).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { validateText } from '../../server/src/core/analyze';
import { importSiteExport } from '../../server/src/core/index';
import { IMPORT_CASES, expectedPath, exportPath, readFixture } from '../helpers/importFixtures';

function imported(name: string, options = {}) {
  const result = importSiteExport(readFixture(exportPath(name)), options);
  assert.ok(result.ok, result.ok ? '' : `${result.pointer}: ${result.message}`);
  return result;
}

const pointers = (name: string, options = {}) => imported(name, options).warnings.map((w) => w.pointer);

describe('import fixtures: expected documents', () => {
  for (const c of IMPORT_CASES) {
    test(`${c.exportName}.export.json ${c.args.join(' ')} gives ${c.expectedName}.sms.yaml byte for byte`, () => {
      assert.equal(imported(c.exportName, c.options).yaml, readFixture(expectedPath(c.expectedName)));
    });

    test(`${c.expectedName}.sms.yaml has no schema error`, () => {
      const validation = validateText(readFixture(expectedPath(c.expectedName)));
      const errors = validation.diagnostics.filter((d) => d.severity === 'error');
      assert.deepEqual(
        errors.filter((d) => d.code !== 'unresolved-reference').map((d) => `${d.code}: ${d.message}`),
        [],
      );
      assert.ok(validation.model, 'the document builds a model');
    });
  }

  test('only the export with missing references gives unresolved-reference, one per missing name', () => {
    const codes = (name: string) =>
      validateText(readFixture(expectedPath(name)))
        .diagnostics.filter((d) => d.code === 'unresolved-reference')
        .map((d) => d.message.split(' is not defined')[0]);
    assert.deepEqual(codes('many-schedules'), [
      "Program 'Per-user attended'",
      "Collection 'LAB09999'",
      "Package 'CEN00099'",
    ]);
    for (const name of ['hierarchy', 'schedule-objects', 'no-exported-at']) assert.deepEqual(codes(name), []);
  });
});

describe('import fixtures: warnings', () => {
  test('hierarchy: builds, member counts, programs, expirations', () => {
    assert.deepEqual(pointers('hierarchy'), [
      '/sites/0/BuildNumber',
      '/sites/3/BuildNumber',
      '/sites/4/BuildNumber',
      '/collections/3/MemberCount',
      '/collections/4/MemberCount',
      '/programs/3/PackageID',
      '/programs/4/Duration',
      '/advertisements/2/ExpirationTime',
      '/advertisements/3/ExpirationTimeEnabled',
    ]);
  });

  test('--sms-version silences the build warnings of the sites it names', () => {
    const warnings = pointers('hierarchy', { smsVersions: { CEN: '2.0 SP3', BR1: '2.0 SP4' } });
    assert.ok(!warnings.includes('/sites/0/BuildNumber'));
    assert.ok(!warnings.includes('/sites/3/BuildNumber'));
    assert.ok(warnings.includes('/sites/4/BuildNumber'));
  });

  test('--sms-version for a site that is not exported is a warning', () => {
    const result = imported('hierarchy', { smsVersions: { ZZZ: '2.0 SP1' } });
    const w = result.warnings.find((x) => x.pointer === '/sites');
    assert.ok(w);
    assert.match(w.message, /ZZZ/);
  });

  test('many-schedules: each schedule left out names its own pointer; missing references are warned', () => {
    const result = imported('many-schedules');
    const left = result.warnings.filter((w) => w.message.includes('left out'));
    assert.deepEqual(
      left.map((w) => w.pointer),
      [
        '/advertisements/0/AssignedSchedule',
        '/advertisements/0/AssignedSchedule',
        '/advertisements/1/AssignedSchedule/15',
        '/advertisements/1/AssignedSchedule/16',
      ],
    );
    // One string of 15 tokens after two events: tokens 14 and 15 of that string are left out.
    assert.match(left[0]!.message, /004E37C000080000 \(token 14 of the string\)/);
    assert.match(left[1]!.message, /004F37C000080000 \(token 15 of the string\)/);
    assert.deepEqual(
      result.warnings.filter((w) => !w.message.includes('left out')).map((w) => w.pointer),
      [
        '/advertisements/3/AssignedScheduleEnabled',
        '/advertisements/4/CollectionID',
        '/advertisements/4/ProgramName',
        '/advertisements/5/PackageID',
      ],
    );
  });

  test('schedule-objects: GMT flags that disagree with PresentTimeIsGMT', () => {
    assert.deepEqual(pointers('schedule-objects'), [
      '/advertisements/1/ExpirationTimeIsGMT',
      '/advertisements/2/AssignedScheduleIsGMT',
    ]);
  });

  test('each fixture document has at most 15 assignments per advertisement', () => {
    for (const c of IMPORT_CASES) {
      const model = validateText(readFixture(expectedPath(c.expectedName))).model;
      for (const ad of model?.advertisements ?? []) assert.ok(ad.assignments.length <= 15, ad.id);
    }
  });
});
