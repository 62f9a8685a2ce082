/** Mapping rules of SPEC §9.2 that the fixtures do not isolate. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import { validateText } from '../../server/src/core/analyze';
import { importSiteExport, type ImportOptions } from '../../server/src/core/index';

type Json = Record<string, unknown>;

function exportOf(change: (e: Json) => void = () => {}): string {
  const e: Json = {
    format: 'sms-schedule-export',
    formatVersion: 1,
    exportedAt: '20010301120000.000000+000',
    sites: [{ SiteCode: 'LAB', ServerName: 'LABSRV01', BuildNumber: 1380 }],
    collections: [{ CollectionID: 'LAB00015', Name: 'NT', MemberCount: 8 }],
    packages: [{ PackageID: 'LAB00012', Name: 'Office' }],
    programs: [{ PackageID: 'LAB00012', ProgramName: 'Setup', Duration: 45 }],
    advertisements: [],
  };
  change(e);
  return JSON.stringify(e);
}

function imported(text: string, options: ImportOptions = {}) {
  const result = importSiteExport(text, options);
  assert.ok(result.ok, result.ok ? '' : `${result.pointer}: ${result.message}`);
  return { ...result, value: parse(result.yaml) as Json };
}

const ad = (extra: Json): Json => ({
  AdvertisementID: 'LAB20001',
  PackageID: 'LAB00012',
  ProgramName: 'Setup',
  CollectionID: 'LAB00015',
  PresentTime: '20010301000000.000000+***',
  AssignedScheduleEnabled: true,
  ...extra,
});

const assignmentsOf = (value: Json): Json[] => ((value['advertisements'] as Json[])[0]!['assignments'] as Json[]) ?? [];

describe('import mapping', () => {
  test('a ReportingSiteCode naming the site itself or no exported site gives no parent', () => {
    const { value } = imported(
      exportOf(
        (e) =>
          (e['sites'] = [
            { SiteCode: 'LAB', ReportingSiteCode: 'LAB' },
            { SiteCode: 'BR1', ReportingSiteCode: 'CEN' },
          ]),
      ),
    );
    assert.deepEqual(
      (value['sites'] as Json[]).map((s) => s['parent']),
      [undefined, undefined],
    );
  });

  test('--readable keeps token: for a GMT bit unlike the advertisement, durations and unused bits', () => {
    const tokens = [
      '004137C000080000', // once 2001-03-01 02:00, local: readable
      '004137C000080001', // the same in GMT: unlike the advertisement's gmt false
      '004137C100080000', // a one-minute duration
      '0001128000080008', // bit 3 set, unused by a non-recurring token (Q271181)
    ];
    const { value } = imported(
      exportOf((e) => (e['advertisements'] = [ad({ AssignedSchedule: tokens.join('') })])),
      {
        readable: true,
      },
    );
    assert.deepEqual(assignmentsOf(value), [
      { at: '2001-03-01T02:00' },
      { token: tokens[1] },
      { token: tokens[2] },
      { token: tokens[3] },
    ]);
  });

  test('--readable for a GMT advertisement rewrites its GMT tokens and keeps its local ones', () => {
    const { value } = imported(
      exportOf(
        (e) =>
          (e['advertisements'] = [
            ad({ PresentTimeIsGMT: true, AssignedSchedule: ['004137C000080001', '004137C000080000'] }),
          ]),
      ),
      { readable: true },
    );
    assert.deepEqual(assignmentsOf(value), [{ at: '2001-03-01T02:00' }, { token: '004137C000080000' }]);
  });

  test('--time-zone sets every collection and leaves out the zone comment', () => {
    const plain = imported(exportOf()).yaml;
    const zoned = imported(exportOf(), { timeZone: 'Asia/Tokyo' });
    assert.match(plain, /# The clients' time zone is not in the SMS Provider/);
    assert.doesNotMatch(zoned.yaml, /time zone is not in the SMS Provider/);
    assert.equal((zoned.value['collections'] as Json[])[0]!['timeZone'], 'Asia/Tokyo');
  });

  test('events come first, in the order asap, logon, logoff, whatever else AdvertFlags holds', () => {
    const { value, yaml } = imported(
      exportOf((e) => (e['advertisements'] = [ad({ AdvertFlags: 0xffffffff, AssignedSchedule: '004137C000080000' })])),
    );
    assert.deepEqual(assignmentsOf(value), [
      { event: 'asap' },
      { event: 'logon' },
      { event: 'logoff' },
      { token: '004137C000080000' },
    ]);
    assert.match(yaml, /ONSYSTEMSTARTUP.*NO_DISPLAY.*ONSLOWNET.*not simulated/);
  });

  test('a name with a line break stays on one line in warnings and comments', () => {
    const result = imported(exportOf((e) => (e['programs'] = [{ PackageID: 'NOPE0001', ProgramName: 'Setup\nnow' }])));
    const w = result.warnings.find((x) => x.pointer === '/programs/0/PackageID');
    assert.ok(w);
    assert.ok(!w.message.includes('\n'));
    assert.match(w.message, /'Setup\\nnow'/);
  });

  test('an export without collections is written with a warning (a document needs one to be simulated)', () => {
    const result = imported(exportOf((e) => (e['collections'] = [])));
    assert.deepEqual(result.value['collections'], []);
    assert.ok(result.warnings.some((w) => w.pointer === '/collections'));
  });

  test('without exportedAt and without advertisements, an export without collections is still imported', () => {
    const result = importSiteExport(
      exportOf((e) => {
        delete e['exportedAt'];
        e['collections'] = [];
      }),
    );
    assert.ok(result.ok);
  });

  test('names that YAML would read as other types stay strings', () => {
    const { yaml } = imported(
      exportOf((e) => {
        e['sites'] = [{ SiteCode: '123', ServerName: 'true' }];
        e['collections'] = [{ CollectionID: '12300001', Name: '0x1F', MemberCount: 3 }];
        e['packages'] = [{ PackageID: '12300002', Name: 'null' }];
        e['programs'] = [{ PackageID: '12300002', ProgramName: '# not a comment: really', Duration: 5 }];
      }),
    );
    const model = validateText(yaml).model;
    assert.ok(model);
    assert.equal(model.sites[0]!.code, '123');
    assert.equal(model.sites[0]!.server, 'true');
    assert.equal(model.collections[0]!.name, '0x1F');
    assert.equal(model.packages[0]!.name, 'null');
    assert.equal(model.packages[0]!.programs[0]!.name, '# not a comment: really');
  });
});
