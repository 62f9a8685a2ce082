/**
 * SMS_ST_* objects (RG Tables B.35-B.37) → tokens: the documented tokens of public sources come
 * out of objects written from their documented meaning, and every class agrees with an encoder
 * written here from SPEC §5's shifts alone (BigInt, independent of the codec).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readDmtf, addMinutes } from '../../server/src/core/import/dmtf';
import { tokenOfScheduleObject } from '../../server/src/core/import/scheduleObjects';
import { validateText } from '../../server/src/core/analyze';
import { expectedPath, readFixture } from '../helpers/importFixtures';

/** SPEC §5, bit by bit: high word fields shifted by 32 more. */
function specToken(f: {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  type: number;
  gmt?: boolean;
  durMin?: number;
  durHour?: number;
  durDay?: number;
  low?: [number, number][];
}): string {
  const hi =
    (BigInt(f.minute) << 26n) |
    (BigInt(f.hour) << 21n) |
    (BigInt(f.day) << 16n) |
    (BigInt(f.month) << 12n) |
    (BigInt(f.year - 1970) << 6n) |
    BigInt(f.durMin ?? 0);
  let lo =
    (BigInt(f.durHour ?? 0) << 27n) | (BigInt(f.durDay ?? 0) << 22n) | (BigInt(f.type) << 19n) | BigInt(f.gmt ? 1 : 0);
  for (const [value, shift] of f.low ?? []) lo |= BigInt(value) << BigInt(shift);
  return ((hi << 32n) | lo).toString(16).toUpperCase().padStart(16, '0');
}

const token = (obj: Record<string, unknown>): string => tokenOfScheduleObject(obj, '/x');

describe('SMS_ST_* objects as tokens', () => {
  test('documented tokens (notes/sms-import.md) come out of their documented meaning', () => {
    // MEM-Zone: every 1 week on Monday, from 2012-01-01 04:00, duration 1 h 30 min.
    assert.equal(
      token({
        __CLASS: 'SMS_ST_RecurWeekly',
        StartTime: '20120101040000.000000+***',
        Day: 2,
        ForNumberOfWeeks: 1,
        HourDuration: 1,
        MinuteDuration: 30,
      }),
      '00811A9E081A2000',
    );
    // SMS 2003 SDK ReadFromString example: monthly on day 15, every month, from 1998-04-10.
    assert.equal(
      token({
        __CLASS: 'SMS_ST_RecurMonthlyByDate',
        StartTime: '19980410000000.000000+***',
        MonthDay: 15,
        ForNumberOfMonths: 1,
      }),
      '000A4700002BC400',
    );
    // PSCCMClient: every 2 days from 2019-11-19 01:04, duration 2 h 59 min.
    assert.equal(
      token({
        __CLASS: 'SMS_ST_RecurInterval',
        StartTime: '20191119010400.000000+***',
        DaySpan: 2,
        HourDuration: 2,
        MinuteDuration: 59,
      }),
      '1033BC7B10100010',
    );
    // memdocs SMS_ScheduleToken: once 2004-07-19 08:30; weekly Tuesday from 2004-07-20 08:21.
    assert.equal(token({ __CLASS: 'SMS_ST_NonRecurring', StartTime: '20040719083000.000000+***' }), '7913788000080000');
    assert.equal(
      token({ __CLASS: 'SMS_ST_RecurWeekly', StartTime: '20040720082100.000000+***', Day: 3, ForNumberOfWeeks: 1 }),
      '55147880001B2000',
    );
    // Q271181 OfferStatusIntervals: monthly since the 1st (1998-04-10 start).
    assert.equal(
      token({
        __CLASS: 'SMS_ST_RecurMonthlyByDate',
        StartTime: '19980410000000.000000+***',
        MonthDay: 1,
        ForNumberOfMonths: 1,
      }),
      '000A470000284400',
    );
  });

  test('monthly by weekday, GMT and a day duration agree with the SPEC §5 shifts', () => {
    assert.equal(
      token({
        __CLASS: 'SMS_ST_RecurMonthlyByWeekday',
        StartTime: '20330131235900.000000+000',
        Day: 7,
        WeekOrder: 0,
        ForNumberOfMonths: 12,
        IsGMT: true,
        DayDuration: 31,
        HourDuration: 23,
        MinuteDuration: 59,
      }),
      specToken({
        year: 2033,
        month: 1,
        day: 31,
        hour: 23,
        minute: 59,
        type: 4,
        gmt: true,
        durMin: 59,
        durHour: 23,
        durDay: 31,
        low: [
          [7, 16],
          [12, 12],
          [0, 9],
        ],
      }),
    );
    assert.equal(
      token({
        __CLASS: 'SMS_ST_RecurMonthlyByWeekday',
        StartTime: '19700101000000.000000+***',
        Day: 1,
        WeekOrder: 4,
        ForNumberOfMonths: 1,
      }),
      specToken({
        year: 1970,
        month: 1,
        day: 1,
        hour: 0,
        minute: 0,
        type: 4,
        low: [
          [1, 16],
          [1, 12],
          [4, 9],
        ],
      }),
    );
    assert.equal(
      token({
        __CLASS: 'SMS_ST_RecurInterval',
        StartTime: '20010301003000.000000+***',
        DaySpan: 31,
        HourSpan: 23,
        MinuteSpan: 59,
      }),
      specToken({
        year: 2001,
        month: 3,
        day: 1,
        hour: 0,
        minute: 30,
        type: 2,
        low: [
          [59, 13],
          [23, 8],
          [31, 3],
        ],
      }),
    );
    assert.equal(
      token({
        __CLASS: 'SMS_ST_RecurMonthlyByDate',
        StartTime: '20010331230000.000000+000',
        MonthDay: 0,
        ForNumberOfMonths: 3,
        IsGMT: true,
      }),
      specToken({
        year: 2001,
        month: 3,
        day: 31,
        hour: 23,
        minute: 0,
        type: 5,
        gmt: true,
        low: [
          [0, 14],
          [3, 10],
        ],
      }),
    );
  });

  test('null members count as missing (0 / false), unknown members are ignored', () => {
    assert.equal(
      token({
        __CLASS: 'SMS_ST_NonRecurring',
        StartTime: '20040719083000.000000+***',
        IsGMT: null,
        DayDuration: null,
        Comment: 'x',
      }),
      '7913788000080000',
    );
  });

  test('in the fixture, each object imports as the same token as the string written after it', () => {
    const model = validateText(readFixture(expectedPath('schedule-objects'))).model;
    const ad = model?.advertisements.find((a) => a.id === 'LAB20010');
    assert.ok(ad);
    assert.equal(ad.assignments.length, 10);
    for (let i = 0; i < 10; i += 2) assert.deepEqual(ad.assignments[i], ad.assignments[i + 1], `assignment ${i}`);
  });
});

describe('DMTF datetimes', () => {
  test('the first 12 digits are the wall time; seconds, microseconds and offset are ignored', () => {
    assert.deepEqual(readDmtf('20010301123459.999999-300'), {
      ok: true,
      value: { year: 2001, month: 3, day: 1, hour: 12, minute: 34 },
    });
    assert.deepEqual(readDmtf('19900101000000.000000+****'), {
      ok: true,
      value: { year: 1990, month: 1, day: 1, hour: 0, minute: 0 },
    });
    assert.deepEqual(readDmtf('20010301000000'), {
      ok: true,
      value: { year: 2001, month: 3, day: 1, hour: 0, minute: 0 },
    });
  });

  test('anything else is refused with a reason', () => {
    for (const bad of [
      '',
      '2001-03-01T00:00',
      '200103010000',
      '20011301000000.000000+***',
      '20010301250000.000000+***',
      '20010301000000.000000+***x',
    ]) {
      const r = readDmtf(bad);
      assert.ok(!r.ok, bad);
    }
  });

  test('thirty days before an export time crosses months and leap days on the plain calendar', () => {
    assert.deepEqual(addMinutes({ year: 2000, month: 3, day: 1, hour: 12, minute: 0 }, -30 * 24 * 60), {
      year: 2000,
      month: 1,
      day: 31,
      hour: 12,
      minute: 0,
    });
    assert.deepEqual(addMinutes({ year: 50, month: 1, day: 15, hour: 0, minute: 0 }, -30 * 24 * 60), {
      year: 49,
      month: 12,
      day: 16,
      hour: 0,
      minute: 0,
    });
  });
});
