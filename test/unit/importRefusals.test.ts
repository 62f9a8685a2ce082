/** Every way `importSiteExport` refuses an export (SPEC §9.1): the JSON pointer of the first problem. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { importSiteExport, type ImportOptions } from '../../server/src/core/index';

type Json = Record<string, unknown>;

const advertisement = (extra: Json = {}): Json => ({
  AdvertisementID: 'LAB20001',
  PackageID: 'LAB00012',
  ProgramName: 'Setup',
  CollectionID: 'LAB00015',
  PresentTime: '20010301000000.000000+***',
  ...extra,
});

/** A small valid export; `change` edits a copy. */
function exportText(change: (e: Json) => void = () => {}): string {
  const e: Json = {
    format: 'sms-schedule-export',
    formatVersion: 1,
    exportedAt: '20010301120000.000000+000',
    sites: [{ SiteCode: 'LAB', ServerName: 'LABSRV01', BuildNumber: 1380 }],
    collections: [{ CollectionID: 'LAB00015', Name: 'NT Workstations', MemberCount: 800 }],
    packages: [{ PackageID: 'LAB00012', Name: 'Office' }],
    programs: [{ PackageID: 'LAB00012', ProgramName: 'Setup', Duration: 45 }],
    advertisements: [advertisement()],
  };
  change(e);
  return JSON.stringify(e);
}

const ad0 = (e: Json): Json => (e['advertisements'] as Json[])[0]!;

function refusal(text: string, options: ImportOptions = {}) {
  const result = importSiteExport(text, options);
  assert.ok(!result.ok, 'expected a refusal');
  return result;
}

function assertRefused(text: string, pointer: string, message: RegExp): void {
  const r = refusal(text);
  assert.equal(r.cause, 'export');
  assert.equal(r.pointer, pointer, r.message);
  assert.match(r.message, message);
  assert.ok(!r.message.includes('\n'), 'one line');
}

describe('import refusals', () => {
  test('the base export is accepted (so each case below fails for its own change)', () => {
    assert.ok(importSiteExport(exportText()).ok);
  });

  const cases: [string, string, string, RegExp][] = [
    ['not JSON', '{ "format": ', '', /is not JSON/],
    ['an array', '[]', '', /must be a JSON object \(got an array\)/],
    ['null', 'null', '', /must be a JSON object \(got null\)/],
    ['another format', exportText((e) => (e['format'] = 'sms-export')), '/format', /"sms-schedule-export"/],
    ['no format', exportText((e) => delete e['format']), '/format', /missing/],
    ['formatVersion 2', exportText((e) => (e['formatVersion'] = 2)), '/formatVersion', /must be 1.*got 2/],
    ['formatVersion "1"', exportText((e) => (e['formatVersion'] = '1')), '/formatVersion', /got "1"/],
    ['bad exportedAt', exportText((e) => (e['exportedAt'] = '2001-03-01')), '/exportedAt', /not a DMTF datetime/],
    ['exportedAt a number', exportText((e) => (e['exportedAt'] = 2001)), '/exportedAt', /must be a string/],
    ['no sites', exportText((e) => delete e['sites']), '/sites', /missing/],
    ['sites an object', exportText((e) => (e['sites'] = {})), '/sites', /must be an array/],
    ['no site at all', exportText((e) => (e['sites'] = [])), '/sites', /at least one site/],
    ['a site that is a string', exportText((e) => (e['sites'] = ['LAB'])), '/sites/0', /must be a JSON object/],
    [
      'a site without SiteCode',
      exportText((e) => (e['sites'] = [{ ServerName: 'X' }])),
      '/sites/0/SiteCode',
      /missing/,
    ],
    [
      'a site code of 4 characters',
      exportText((e) => (e['sites'] = [{ SiteCode: 'LABS' }])),
      '/sites/0/SiteCode',
      /not a site code/,
    ],
    [
      'ServerName a number',
      exportText((e) => (e['sites'] = [{ SiteCode: 'LAB', ServerName: 1 }])),
      '/sites/0/ServerName',
      /must be a string/,
    ],
    [
      'BuildNumber a string',
      exportText((e) => (e['sites'] = [{ SiteCode: 'LAB', BuildNumber: '1380' }])),
      '/sites/0/BuildNumber',
      /whole number/,
    ],
    ['no collections', exportText((e) => delete e['collections']), '/collections', /missing/],
    [
      'a collection without id',
      exportText((e) => (e['collections'] = [{ Name: 'x' }])),
      '/collections/0/CollectionID',
      /missing/,
    ],
    [
      'an empty CollectionID',
      exportText((e) => (e['collections'] = [{ CollectionID: '' }])),
      '/collections/0/CollectionID',
      /empty/,
    ],
    [
      'MemberCount -1',
      exportText((e) => (e['collections'] = [{ CollectionID: 'LAB00015', MemberCount: -1 }])),
      '/collections/0/MemberCount',
      /whole number/,
    ],
    [
      'MemberCount 2.5',
      exportText((e) => (e['collections'] = [{ CollectionID: 'LAB00015', MemberCount: 2.5 }])),
      '/collections/0/MemberCount',
      /got 2.5/,
    ],
    [
      'Name a boolean',
      exportText((e) => (e['collections'] = [{ CollectionID: 'LAB00015', Name: true }])),
      '/collections/0/Name',
      /must be a string/,
    ],
    ['no packages', exportText((e) => delete e['packages']), '/packages', /missing/],
    ['a package without id', exportText((e) => (e['packages'] = [{}])), '/packages/0/PackageID', /missing/],
    ['no programs', exportText((e) => (e['programs'] = null)), '/programs', /missing/],
    [
      'a program without ProgramName',
      exportText((e) => (e['programs'] = [{ PackageID: 'LAB00012' }])),
      '/programs/0/ProgramName',
      /missing/,
    ],
    [
      'Duration a string',
      exportText((e) => (e['programs'] = [{ PackageID: 'LAB00012', ProgramName: 'Setup', Duration: '45' }])),
      '/programs/0/Duration',
      /whole number/,
    ],
    ['no advertisements', exportText((e) => delete e['advertisements']), '/advertisements', /missing/],
    [
      'an advertisement without PresentTime',
      exportText((e) => delete ad0(e)['PresentTime']),
      '/advertisements/0/PresentTime',
      /missing/,
    ],
    [
      'a null PresentTime',
      exportText((e) => (ad0(e)['PresentTime'] = null)),
      '/advertisements/0/PresentTime',
      /missing/,
    ],
    [
      'an advertisement without CollectionID',
      exportText((e) => delete ad0(e)['CollectionID']),
      '/advertisements/0/CollectionID',
      /missing/,
    ],
    [
      'an advertisement without PackageID',
      exportText((e) => delete ad0(e)['PackageID']),
      '/advertisements/0/PackageID',
      /missing/,
    ],
    [
      'an advertisement without ProgramName',
      exportText((e) => delete ad0(e)['ProgramName']),
      '/advertisements/0/ProgramName',
      /missing/,
    ],
    [
      'an advertisement without id',
      exportText((e) => delete ad0(e)['AdvertisementID']),
      '/advertisements/0/AdvertisementID',
      /missing/,
    ],
    [
      'PresentTime not a real date',
      exportText((e) => (ad0(e)['PresentTime'] = '20010230000000.000000+***')),
      '/advertisements/0/PresentTime',
      /not a real date/,
    ],
    [
      'PresentTime with letters',
      exportText((e) => (ad0(e)['PresentTime'] = '2001O301000000.000000+***')),
      '/advertisements/0/PresentTime',
      /not a DMTF/,
    ],
    [
      'PresentTimeIsGMT a string',
      exportText((e) => (ad0(e)['PresentTimeIsGMT'] = 'false')),
      '/advertisements/0/PresentTimeIsGMT',
      /true or false/,
    ],
    [
      'ExpirationTime a number',
      exportText((e) => (ad0(e)['ExpirationTime'] = 20010701)),
      '/advertisements/0/ExpirationTime',
      /must be a string/,
    ],
    [
      'AdvertFlags negative',
      exportText((e) => (ad0(e)['AdvertFlags'] = -32)),
      '/advertisements/0/AdvertFlags',
      /whole number/,
    ],
    [
      'AssignedScheduleEnabled a number',
      exportText((e) => (ad0(e)['AssignedScheduleEnabled'] = 1)),
      '/advertisements/0/AssignedScheduleEnabled',
      /true or false/,
    ],
    [
      'AssignedSchedule a number',
      exportText((e) => (ad0(e)['AssignedSchedule'] = 5)),
      '/advertisements/0/AssignedSchedule',
      /token string or an array/,
    ],
    [
      'a token of 15 digits',
      exportText((e) => (ad0(e)['AssignedSchedule'] = '00811A9E081A200')),
      '/advertisements/0/AssignedSchedule',
      /multiple of 16/,
    ],
    [
      'a token with a non-hex digit',
      exportText((e) => (ad0(e)['AssignedSchedule'] = '00811A9E081A200G')),
      '/advertisements/0/AssignedSchedule',
      /non-hex/,
    ],
    [
      'the second of two tokens out of range (type 0)',
      exportText((e) => (ad0(e)['AssignedSchedule'] = '00811A9E081A20000081128000000000')),
      '/advertisements/0/AssignedSchedule',
      /token 2 .*type 0/,
    ],
    [
      'an array item of wrong type',
      exportText((e) => (ad0(e)['AssignedSchedule'] = ['00811A9E081A2000', 7])),
      '/advertisements/0/AssignedSchedule/1',
      /token string or an SMS_ST_\* object/,
    ],
    [
      'an array item that is a bad token',
      exportText((e) => (ad0(e)['AssignedSchedule'] = ['00811A9E081A2000', 'xyz'])),
      '/advertisements/0/AssignedSchedule/1',
      /non-hex/,
    ],
    [
      'an object of another class',
      exportText(
        (e) => (ad0(e)['AssignedSchedule'] = [{ __CLASS: 'SMS_ST_Daily', StartTime: '20010301000000.000000+***' }]),
      ),
      '/advertisements/0/AssignedSchedule/0/__CLASS',
      /SMS_ST_NonRecurring.*SMS_ST_Daily/,
    ],
    [
      'an object without __CLASS',
      exportText((e) => (ad0(e)['AssignedSchedule'] = [{ StartTime: '20010301000000.000000+***' }])),
      '/advertisements/0/AssignedSchedule/0/__CLASS',
      /missing/,
    ],
    [
      'an object without StartTime',
      exportText((e) => (ad0(e)['AssignedSchedule'] = [{ __CLASS: 'SMS_ST_NonRecurring' }])),
      '/advertisements/0/AssignedSchedule/0/StartTime',
      /missing/,
    ],
    [
      'an object with a bad StartTime',
      exportText((e) => (ad0(e)['AssignedSchedule'] = [{ __CLASS: 'SMS_ST_NonRecurring', StartTime: 'now' }])),
      '/advertisements/0/AssignedSchedule/0/StartTime',
      /not a DMTF/,
    ],
    [
      'an object starting before 1970',
      exportText(
        (e) =>
          (ad0(e)['AssignedSchedule'] = [{ __CLASS: 'SMS_ST_NonRecurring', StartTime: '19690301000000.000000+***' }]),
      ),
      '/advertisements/0/AssignedSchedule/0',
      /year 1969/,
    ],
    [
      'a weekly object on day 8',
      exportText(
        (e) =>
          (ad0(e)['AssignedSchedule'] = [
            { __CLASS: 'SMS_ST_RecurWeekly', StartTime: '20010301000000.000000+***', Day: 8, ForNumberOfWeeks: 1 },
          ]),
      ),
      '/advertisements/0/AssignedSchedule/0',
      /weekly day 8 is out of range 1\.\.7/,
    ],
    [
      'a weekly object without Day',
      exportText(
        (e) =>
          (ad0(e)['AssignedSchedule'] = [
            { __CLASS: 'SMS_ST_RecurWeekly', StartTime: '20010301000000.000000+***', ForNumberOfWeeks: 1 },
          ]),
      ),
      '/advertisements/0/AssignedSchedule/0',
      /weekly day 0/,
    ],
    [
      'an interval object with all spans 0',
      exportText(
        (e) =>
          (ad0(e)['AssignedSchedule'] = [{ __CLASS: 'SMS_ST_RecurInterval', StartTime: '20010301000000.000000+***' }]),
      ),
      '/advertisements/0/AssignedSchedule/0',
      /spans are all 0/,
    ],
    [
      'a monthly object for 13 months',
      exportText(
        (e) =>
          (ad0(e)['AssignedSchedule'] = [
            {
              __CLASS: 'SMS_ST_RecurMonthlyByDate',
              StartTime: '20010301000000.000000+***',
              MonthDay: 1,
              ForNumberOfMonths: 13,
            },
          ]),
      ),
      '/advertisements/0/AssignedSchedule/0',
      /months 13/,
    ],
    [
      'a week order of 5',
      exportText(
        (e) =>
          (ad0(e)['AssignedSchedule'] = [
            {
              __CLASS: 'SMS_ST_RecurMonthlyByWeekday',
              StartTime: '20010301000000.000000+***',
              Day: 1,
              WeekOrder: 5,
              ForNumberOfMonths: 1,
            },
          ]),
      ),
      '/advertisements/0/AssignedSchedule/0',
      /week order 5/,
    ],
    [
      'a DaySpan written as a string',
      exportText(
        (e) =>
          (ad0(e)['AssignedSchedule'] = [
            { __CLASS: 'SMS_ST_RecurInterval', StartTime: '20010301000000.000000+***', DaySpan: '1' },
          ]),
      ),
      '/advertisements/0/AssignedSchedule/0/DaySpan',
      /whole number/,
    ],
    [
      'IsGMT written as 1',
      exportText(
        (e) =>
          (ad0(e)['AssignedSchedule'] = [
            { __CLASS: 'SMS_ST_NonRecurring', StartTime: '20010301000000.000000+***', IsGMT: 1 },
          ]),
      ),
      '/advertisements/0/AssignedSchedule/0/IsGMT',
      /true or false/,
    ],
    [
      'a duration too large for a token',
      exportText(
        (e) =>
          (ad0(e)['AssignedSchedule'] = [
            { __CLASS: 'SMS_ST_NonRecurring', StartTime: '20010301000000.000000+***', MinuteDuration: 64 },
          ]),
      ),
      '/advertisements/0/AssignedSchedule/0',
      /duration minutes 64/,
    ],
    [
      'no exportedAt and no advertisement',
      exportText((e) => {
        delete e['exportedAt'];
        e['advertisements'] = [];
      }),
      '/exportedAt',
      /missing/,
    ],
  ];
  for (const [name, text, pointer, message] of cases) {
    test(`refuses ${name} at '${pointer}'`, () => assertRefused(text, pointer, message));
  }

  test('a UTF-8 byte-order mark before the JSON is accepted', () => {
    assert.ok(importSiteExport('\ufeff' + exportText()).ok);
  });

  test('without exportedAt the earliest PresentTime ends the install window', () => {
    const result = importSiteExport(exportText((e) => delete e['exportedAt']));
    assert.ok(result.ok);
    assert.match(result.yaml, /installed: \{ from: 2001-01-30T00:00, to: 2001-03-01T00:00 \}/);
  });

  test('a bad --time-zone is refused as an option problem', () => {
    const r = refusal(exportText(), { timeZone: 'Mars/Olympus_Mons' });
    assert.equal(r.cause, 'options');
    assert.match(r.message, /--time-zone: 'Mars\/Olympus_Mons' is not an IANA time zone/);
  });

  test('a bad --sms-version is refused as an option problem', () => {
    const r = refusal(exportText(), { smsVersions: { LAB: '2.1' as never } });
    assert.equal(r.cause, 'options');
    assert.match(r.message, /--sms-version/);
  });
});
