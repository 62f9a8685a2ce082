/**
 * The site exporter (exporters/export-sms-site.vbs) and the JSON Schema of what it writes
 * (schemas/sms-export.schema.json): the schema accepts every fixture export and refuses what the
 * importer refuses for shape; the script writes every provider property the schema names. The
 * script itself cannot run here (no Windows Script Host, no SMS Provider): that test skips loudly,
 * and runs on a site server when SMS_PROVIDER_SERVER names one.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import Ajv from 'ajv';
import { importSiteExport } from '../../server/src/core/index';
import { IMPORT_FIXTURES, exportPath, readFixture } from '../helpers/importFixtures';
import { ROOT } from '../helpers/paths';

const SCRIPT = join(ROOT, 'exporters', 'export-sms-site.vbs');
const schema = JSON.parse(readFileSync(join(ROOT, 'schemas', 'sms-export.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
const script = readFileSync(SCRIPT, 'utf8');

const fixtureExports = readdirSync(IMPORT_FIXTURES).filter((f) => f.endsWith('.export.json'));

type Json = Record<string, unknown>;
const base = (): Json => JSON.parse(readFixture(exportPath('schedule-objects')));

describe('export schema', () => {
  test('there are fixture exports to check', () => assert.ok(fixtureExports.length >= 4));

  for (const name of fixtureExports) {
    test(`accepts ${name}`, () => {
      const ok = validate(JSON.parse(readFixture(join(IMPORT_FIXTURES, name))));
      assert.ok(ok, JSON.stringify(validate.errors));
    });
  }

  const ad = (e: Json): Json => (e['advertisements'] as Json[])[0]!;
  const refusedByBoth: [string, (e: Json) => void][] = [
    ['another format', (e) => (e['format'] = 'x')],
    ['formatVersion 2', (e) => (e['formatVersion'] = 2)],
    ['no sites', (e) => (e['sites'] = [])],
    ['a bad site code', (e) => (e['sites'] = [{ SiteCode: 'la' }])],
    ['no programs array', (e) => delete e['programs']],
    ['MemberCount -1', (e) => ((e['collections'] as Json[])[0]!['MemberCount'] = -1)],
    ['PresentTime missing', (e) => delete ad(e)['PresentTime']],
    ['PresentTime not DMTF', (e) => (ad(e)['PresentTime'] = '2001-03-01T00:00')],
    ['PresentTimeIsGMT a string', (e) => (ad(e)['PresentTimeIsGMT'] = 'no')],
    ['a 15-digit token', (e) => (ad(e)['AssignedSchedule'] = '00811A9E081A200')],
    [
      'an unknown schedule class',
      (e) => (ad(e)['AssignedSchedule'] = [{ __CLASS: 'SMS_ST_X', StartTime: '20010301000000.000000+***' }]),
    ],
    ['a schedule object without StartTime', (e) => (ad(e)['AssignedSchedule'] = [{ __CLASS: 'SMS_ST_NonRecurring' }])],
    ['a schedule item that is a number', (e) => (ad(e)['AssignedSchedule'] = [5])],
  ];
  for (const [name, change] of refusedByBoth) {
    test(`refuses ${name}, as the importer does`, () => {
      const e = base();
      change(e);
      assert.equal(validate(e), false, 'schema');
      assert.equal(importSiteExport(JSON.stringify(e)).ok, false, 'importer');
    });
  }
});

/** The names in the `Array(...)` of the script line that reads `query`. */
function namesRead(query: string): string[] {
  const start = script.indexOf(`Items("${query}"`);
  assert.ok(start >= 0, `the script queries ${query}`);
  const list = script.slice(start, script.indexOf(')', script.indexOf('Array(', start)));
  return [...list.matchAll(/"([A-Za-z]+)"/g)].map((m) => m[1]!);
}

const schemaProperties = (definition: string): string[] => Object.keys(schema.definitions[definition].properties);

describe('export-sms-site.vbs', () => {
  test('writes every provider property the schema names, for each class', () => {
    const cases: [string, string, string[]][] = [
      ['SELECT * FROM SMS_Site', 'site', []],
      ['SELECT * FROM SMS_Collection', 'collection', ['MemberCount']],
      ['SELECT * FROM SMS_Package', 'package', []],
      ['SELECT * FROM SMS_Program', 'program', []],
      ['SELECT AdvertisementID FROM SMS_Advertisement', 'advertisement', []],
    ];
    for (const [query, definition, computed] of cases) {
      const read = namesRead(query);
      for (const property of schemaProperties(definition)) {
        if (computed.includes(property)) continue;
        assert.ok(read.includes(property), `${definition}: the script does not write ${property}`);
      }
    }
  });

  test('finds the provider through SMS_ProviderLocation, reads each advertisement with Get() and counts members', () => {
    assert.match(script, /InstancesOf\("SMS_ProviderLocation"\)/);
    assert.match(script, /"root\\SMS\\site_" & siteCode/);
    assert.match(script, /sms\.Get\("SMS_Advertisement\.AdvertisementID='"/);
    assert.match(script, /"MemberCount"": " & MemberCount\(obj\.MemberClassName\)/);
    assert.match(script, /""format"": ""sms-schedule-export""/);
    assert.match(script, /""formatVersion"": 1/);
  });

  test('is small enough to review by eye', () => {
    assert.ok(script.split('\n').length <= 200, `${script.split('\n').length} lines`);
  });

  const server = process.env.SMS_PROVIDER_SERVER;
  const reason =
    process.platform !== 'win32' || server === undefined
      ? 'cannot run here: needs Windows Script Host and an SMS Provider (set SMS_PROVIDER_SERVER on a site server)'
      : false;
  if (reason) process.stderr.write(`\n*** exporter.test.ts: SKIPPED the live exporter run: ${reason} ***\n\n`);
  test(
    'runs against a live SMS Provider and writes an export the schema and the importer accept',
    { skip: reason },
    () => {
      const out = join(mkdtempSync(join(tmpdir(), 'sms-export-')), 'site.export.json');
      const run = spawnSync('cscript', ['//nologo', SCRIPT, `/server:${server}`, `/out:${out}`], { encoding: 'utf8' });
      assert.equal(run.status, 0, run.stdout + run.stderr);
      const exported = JSON.parse(readFileSync(out, 'utf8'));
      assert.ok(validate(exported), JSON.stringify(validate.errors));
      const imported = importSiteExport(readFileSync(out, 'utf8'));
      assert.ok(imported.ok, imported.ok ? '' : `${imported.pointer}: ${imported.message}`);
    },
  );
});
