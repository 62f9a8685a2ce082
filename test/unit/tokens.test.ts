import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import { analyzeText } from '../../server/src/core/analyze';
import type { RecurrenceKind, Schedule } from '../../server/src/core/model/types';
import { formatLocalDateTime } from '../../server/src/core/model/localDateTime';
import { unusedBitsMask } from '../../server/src/core/tokens/layout';
import { unusedBitsNote } from '../../server/src/core/tokens/unusedBits';
import { DOCUMENTED_TOKENS } from '../helpers/documentedTokens';
import { plainSimulation } from '../helpers/findings';
import { example } from '../helpers/paths';
import {
  decodeTokens,
  encodeSchedule,
  encodeSchedules,
  validateScheduleForToken,
} from '../../server/src/core/tokens/codec';
import {
  scheduleFromJson,
  schedulesFromJson,
  scheduleToJson,
  schedulesToJson,
} from '../../server/src/core/tokens/json';

function decodeOne(token: string): Schedule {
  const result = decodeTokens(token);
  assert.ok(result.ok, result.ok ? '' : result.reason);
  assert.equal(result.schedules.length, 1);
  return result.schedules[0]!;
}

function reasonOf(token: string): string {
  const result = decodeTokens(token);
  assert.ok(!result.ok, `expected ${token} to be rejected`);
  return result.reason;
}

const NO_DURATION = { days: 0, hours: 0, minutes: 0 };

describe('decodeTokens: known tokens (SPEC §5)', () => {
  it('00811A9E081A2000 is weekly on Monday, every week, from 2012-01-01 04:00, 1 h 30 min', () => {
    // hi = 0x00811A9E: minute >>26 = 0; hour >>21 = 0x4 = 4; day >>16 &31 = 0x81 &31 = 1; month >>12 &15 = 0x811 &15 = 1;
    //   year (>>6 &63) = 0x2046A &63 = 0x2A = 42 -> 2012; minute duration &63 = 0x9E &63 = 30.
    // lo = 0x081A2000: hour duration >>27 = 1; day duration >>22 &31 = 0x20 &31 = 0; type >>19 &7 = 0x103 &7 = 3 (weekly);
    //   day >>16 &7 = 0x81A &7 = 2 (Monday, so model day 1); weeks >>13 &7 = 0x40D0 &7 = 1; GMT &1 = 0.
    assert.deepEqual(decodeOne('00811A9E081A2000'), {
      start: { year: 2012, month: 1, day: 1, hour: 4, minute: 0 },
      gmt: false,
      recurrence: { kind: 'weekly', day: 1, weeks: 1 },
      duration: { days: 0, hours: 1, minutes: 30 },
    });
  });

  it('000A4700002BC400 is monthly on day 15, every month, from 1998-04-10 00:00', () => {
    // hi = 0x000A4700: minute 0; hour 0; day >>16 &31 = 0x0A = 10; month >>12 &15 = 0xA4 &15 = 4;
    //   year (>>6 &63) = 0x291C &63 = 0x1C = 28 -> 1998; minute duration 0.
    // lo = 0x002BC400: type >>19 &7 = 5 (monthly by date); month day >>14 &31 = 0xAF &31 = 15; months >>10 &15 = 0xAF1 &15 = 1.
    assert.deepEqual(decodeOne('000A4700002BC400'), {
      start: { year: 1998, month: 4, day: 10, hour: 0, minute: 0 },
      gmt: false,
      recurrence: { kind: 'monthlyByDate', day: 15, months: 1 },
      duration: NO_DURATION,
    });
  });

  it('1033BC7B10100010 is every 2 days from 2019-11-19 01:04 local, 2 h 59 min', () => {
    // hi = 0x1033BC7B: minute >>26 = 4; hour >>21 &31 = 0x81 &31 = 1; day >>16 &31 = 0x1033 &31 = 19;
    //   month >>12 &15 = 0x1033B &15 = 11; year (>>6 &63) = ...0xEF1 &63 = 49 -> 2019; minute duration 0x7B &63 = 59.
    // lo = 0x10100010: hour duration >>27 = 2; day duration 0; type >>19 &7 = 0x202 &7 = 2 (interval);
    //   minute span >>13 &63 = 0x8080 &63 = 0; hour span >>8 &31 = 0x101000 &31 = 0; day span >>3 &31 = 0x2000002 &31 = 2.
    assert.deepEqual(decodeOne('1033BC7B10100010'), {
      start: { year: 2019, month: 11, day: 19, hour: 1, minute: 4 },
      gmt: false,
      recurrence: { kind: 'interval', days: 2, hours: 0, minutes: 0 },
      duration: { days: 0, hours: 2, minutes: 59 },
    });
  });

  it('re-encodes the known tokens exactly', () => {
    for (const token of ['00811A9E081A2000', '000A4700002BC400', '1033BC7B10100010']) {
      assert.equal(encodeSchedule(decodeOne(token)), token);
    }
  });
});

describe('encodeSchedule: one token per recurrence kind', () => {
  const cases: { name: string; token: string; schedule: Schedule }[] = [
    {
      // hi: hour 2<<21 = 0x400000 | day 6<<16 = 0x60000 | month 3<<12 = 0x3000 | year 31<<6 = 0x7C0 = 0x004637C0
      // lo: type 1<<19 = 0x80000 | GMT 1 = 0x00080001
      name: 'non-recurring, GMT',
      token: '004637C000080001',
      schedule: {
        start: { year: 2001, month: 3, day: 6, hour: 2, minute: 0 },
        gmt: true,
        recurrence: { kind: 'once' },
        duration: NO_DURATION,
      },
    },
    {
      // Every field at its maximum, so bit 31 of both words is set (signed 32-bit pitfalls).
      // hi: 59<<26 = 0xEC000000 | 23<<21 = 0x2E00000 | 31<<16 = 0x1F0000 | 12<<12 = 0xC000 | 63<<6 = 0xFC0 | 63 = 0xEEFFCFFF
      // lo: 31<<27 = 0xF8000000 | 31<<22 = 0x7C00000 | 2<<19 = 0x100000 | 5<<13 = 0xA000 | 3<<8 = 0x300 | 1<<3 = 8
      //     = 0xFFD0A308
      name: 'interval, maximum fields',
      token: 'EEFFCFFFFFD0A308',
      schedule: {
        start: { year: 2033, month: 12, day: 31, hour: 23, minute: 59 },
        gmt: false,
        recurrence: { kind: 'interval', days: 1, hours: 3, minutes: 5 },
        duration: { days: 31, hours: 31, minutes: 63 },
      },
    },
    {
      // hi: day 1<<16 | month 1<<12 | year 0 = 0x00011000
      // lo: type 3<<19 = 0x180000 | Saturday (token 7)<<16 = 0x70000 | weeks 2<<13 = 0x4000 = 0x001F4000
      name: 'weekly, Saturday every 2 weeks, 1970-01-01',
      token: '00011000001F4000',
      schedule: {
        start: { year: 1970, month: 1, day: 1, hour: 0, minute: 0 },
        gmt: false,
        recurrence: { kind: 'weekly', day: 6, weeks: 2 },
        duration: NO_DURATION,
      },
    },
    {
      // hi: hour 2<<21 = 0x400000 | day 13<<16 = 0xD0000 | month 3<<12 = 0x3000 | year 31<<6 = 0x7C0 = 0x004D37C0
      // lo: type 4<<19 = 0x200000 | Tuesday (token 3)<<16 = 0x30000 | months 1<<12 = 0x1000 | week 2<<9 = 0x400 | GMT 1
      //     = 0x00231401
      name: 'monthly by weekday, 2nd Tuesday',
      token: '004D37C000231401',
      schedule: {
        start: { year: 2001, month: 3, day: 13, hour: 2, minute: 0 },
        gmt: true,
        recurrence: { kind: 'monthlyByWeekday', week: 2, day: 2, months: 1 },
        duration: NO_DURATION,
      },
    },
    {
      // hi: 30<<26 = 0x78000000 | 12<<21 = 0x1800000 | 29<<16 = 0x1D0000 | 2<<12 = 0x2000 | 30<<6 = 0x780 = 0x799D2780
      // lo: type 5<<19 = 0x280000 | month day 0 (last) | months 3<<10 = 0xC00 = 0x00280C00
      name: 'monthly by date, last day every 3 months, from a leap day',
      token: '799D278000280C00',
      schedule: {
        start: { year: 2000, month: 2, day: 29, hour: 12, minute: 30 },
        gmt: false,
        recurrence: { kind: 'monthlyByDate', day: 0, months: 3 },
        duration: NO_DURATION,
      },
    },
  ];
  for (const c of cases) {
    it(`${c.name}: ${c.token}`, () => {
      assert.equal(encodeSchedule(c.schedule), c.token);
      assert.deepEqual(decodeOne(c.token), c.schedule);
    });
  }

  it('encodes a schedule without duration (a document form) with zero duration bits', () => {
    const { duration: _, ...form } = decodeOne('004637C000080001');
    assert.equal(encodeSchedule(form), '004637C000080001');
  });

  it('concatenates several schedules and decodes them back in order', () => {
    const a = decodeOne('00811A9E081A2000');
    const b = decodeOne('000A4700002BC400');
    assert.equal(encodeSchedules([a, b]), '00811A9E081A2000000A4700002BC400');
    assert.deepEqual(decodeTokens('00811A9E081A2000000A4700002BC400'), { ok: true, schedules: [a, b] });
  });

  it('throws a RangeError naming the field when a schedule cannot be encoded', () => {
    const s = decodeOne('004637C000080001');
    assert.throws(
      () => encodeSchedule({ ...s, start: { ...s.start, year: 2034 } }),
      new RangeError('cannot encode schedule as a token: year 2034 is out of range 1970..2033'),
    );
  });
});

describe('decodeTokens: text shape', () => {
  it('accepts lower case and surrounding whitespace', () => {
    assert.deepEqual(decodeOne('  00811a9e081A2000\n'), decodeOne('00811A9E081A2000'));
  });

  it('rejects an empty or blank token', () => {
    assert.equal(reasonOf(''), 'token is empty');
    assert.equal(reasonOf('   '), 'token is empty');
  });

  it('rejects a length that is not a multiple of 16', () => {
    assert.equal(reasonOf('00811A9E081A200'), 'token must be a multiple of 16 hex digits (got 15)');
    assert.equal(reasonOf('00811A9E081A2000A'), 'token must be a multiple of 16 hex digits (got 17)');
  });

  it('rejects non-hex characters with their 1-based position', () => {
    assert.equal(reasonOf('008G1A9E081A2000'), "token contains a non-hex character 'G' at position 4");
    assert.equal(reasonOf('00811A9E 081A2000'), "token contains a non-hex character ' ' at position 9");
    assert.equal(reasonOf('0x811A9E081A2000'), "token contains a non-hex character 'x' at position 2");
    assert.equal(reasonOf('00811A9E081A200\u00e9'), 'token contains a non-hex character U+00E9 at position 16');
  });

  it('names the failing token when several are concatenated', () => {
    // lo 0x081A2000 with type 3<<19 replaced by 6<<19: 0x08022000 | 0x300000 = 0x08322000
    assert.equal(
      reasonOf('00811A9E081A200000811A9E08322000'),
      'token 2 (digits 17-32): type 6 is not a schedule type (1..5)',
    );
  });

  it('keeps bits its type does not use, and writes them back (SPEC §5 v1.1)', () => {
    // lo 0x081A2000 with type 1 (0x08022000 | 1<<19 = 0x080A2000): the weekly day bit 17 and weeks bit 13 are now unused.
    const s = decodeOne('00811A9E080A2000');
    assert.deepEqual(s.recurrence, { kind: 'once' });
    assert.equal(s.unusedBits, (1 << 17) | (1 << 13));
    assert.equal(encodeSchedule(s), '00811A9E080A2000');
  });
});

describe('decodeTokens: SPEC §4.1 rule 15 rejections', () => {
  const rejections: [string, string, string][] = [
    // [why, token, reason]; each edits one field of a known token.
    ['type 0: lo 0x081A2000 - 3<<19', '00811A9E08022000', 'type 0 is not a schedule type (1..5)'],
    ['type 6: 0x08022000 | 6<<19', '00811A9E08322000', 'type 6 is not a schedule type (1..5)'],
    ['type 7: 0x08022000 | 7<<19', '00811A9E083A2000', 'type 7 is not a schedule type (1..5)'],
    ['month 0: hi 0x00811A9E - 1<<12', '00810A9E081A2000', 'month 0 is out of range 1..12'],
    ['month 13: 0x00810A9E | 13<<12', '0081DA9E081A2000', 'month 13 is out of range 1..12'],
    ['hour 24: hi - 4<<21 + 24<<21', '03011A9E081A2000', 'hour 24 is out of range 0..23'],
    ['minute 60: hi | 60<<26 = 0xF0000000', 'F0811A9E081A2000', 'minute 60 is out of range 0..59'],
    ['day 0: hi - 1<<16', '00801A9E081A2000', 'start date 2012-01-00 is not a real date'],
    // hi: 2<<21 | 30<<16 = 0x1E0000 | 2<<12 | 31<<6 = 0x005E27C0
    ['30 Feb 2001', '005E27C000080001', 'start date 2001-02-30 is not a real date'],
    ['29 Feb 2001 (not a leap year)', '005D27C000080001', 'start date 2001-02-29 is not a real date'],
    ['weekly day 0: lo - 2<<16', '00811A9E08182000', 'weekly day 0 is out of range 1..7 (1 = Sunday)'],
    ['weeks 0: lo - 1<<13', '00811A9E081A0000', 'weeks 0 is out of range 1..4'],
    ['weeks 5: 0x081A0000 | 5<<13', '00811A9E081AA000', 'weeks 5 is out of range 1..4'],
    ['week order 5: lo 0x00231401 - 2<<9 + 5<<9', '004D37C000231A01', 'week order 5 is out of range 0..4 (0 = last)'],
    [
      'monthly-by-weekday day 0: lo - 3<<16',
      '004D37C000201401',
      'monthly-by-weekday day 0 is out of range 1..7 (1 = Sunday)',
    ],
    ['monthly-by-weekday months 0: lo - 1<<12', '004D37C000230401', 'months 0 is out of range 1..12'],
    ['monthly-by-date months 0: lo 0x002BC400 - 1<<10', '000A4700002BC000', 'months 0 is out of range 1..12'],
    ['monthly-by-date months 13: 0x002BC000 | 13<<10', '000A4700002BF400', 'months 13 is out of range 1..12'],
    [
      'interval spans all 0: lo 0x10100010 - 2<<3',
      '1033BC7B10100000',
      'interval spans are all 0 (the schedule never advances)',
    ],
    ['interval minute span 60: | 60<<13', '1033BC7B10178000', 'interval minute span 60 is out of range 0..59'],
    ['interval hour span 24: | 24<<8', '1033BC7B10101800', 'interval hour span 24 is out of range 0..23'],
  ];
  for (const [why, token, reason] of rejections) {
    it(`${why}: ${token}`, () => assert.equal(reasonOf(token), reason));
  }

  it('keeps duration fields as decoded (no range check): 31 days 31 hours 63 minutes', () => {
    assert.deepEqual(decodeOne('EEFFCFFFFFD0A308').duration, { days: 31, hours: 31, minutes: 63 });
  });
});

describe('validateScheduleForToken', () => {
  const base = decodeOne('00811A9E081A2000');

  it('accepts a valid schedule', () => {
    assert.equal(validateScheduleForToken(base), undefined);
  });

  it('reports model weekdays as 0..6', () => {
    const bad = { ...base, recurrence: { kind: 'weekly', day: 7, weeks: 1 } } as unknown as Schedule;
    assert.equal(validateScheduleForToken(bad), 'weekly day 7 is out of range 0..6 (0 = Sunday)');
  });

  it('reports years outside 1970..2033, non-integers and too-long durations', () => {
    assert.equal(
      validateScheduleForToken({ ...base, start: { ...base.start, year: 1969 } }),
      'year 1969 is out of range 1970..2033',
    );
    assert.equal(
      validateScheduleForToken({ ...base, start: { ...base.start, minute: 1.5 } }),
      'minute 1.5 is not an integer',
    );
    assert.equal(
      validateScheduleForToken({ ...base, duration: { days: 0, hours: 32, minutes: 0 } }),
      'duration hours 32 is out of range 0..31',
    );
  });

  it('rejects an interval day span above 31', () => {
    const bad: Schedule = { ...base, recurrence: { kind: 'interval', days: 32, hours: 0, minutes: 0 } };
    assert.equal(validateScheduleForToken(bad), 'interval day span 32 is out of range 0..31');
  });
});

describe('token JSON form', () => {
  it('mirrors the document assignment form, keys in document order', () => {
    assert.equal(
      JSON.stringify(scheduleToJson(decodeOne('00811A9E081A2000'))),
      JSON.stringify({
        token: '00811A9E081A2000',
        at: '2012-01-01T04:00',
        gmt: false,
        weekly: { day: 'mon', weeks: 1 },
        duration: { days: 0, hours: 1, minutes: 30 },
      }),
    );
  });

  it('writes each recurrence under its document key; non-recurring has none', () => {
    assert.deepEqual(scheduleToJson(decodeOne('004637C000080001')), {
      token: '004637C000080001',
      at: '2001-03-06T02:00',
      gmt: true,
      duration: NO_DURATION,
    });
    assert.deepEqual(scheduleToJson(decodeOne('1033BC7B10100010')).every, { days: 2, hours: 0, minutes: 0 });
    assert.deepEqual(scheduleToJson(decodeOne('004D37C000231401')).monthlyByWeekday, {
      week: 'second',
      day: 'tue',
      months: 1,
    });
    assert.deepEqual(scheduleToJson(decodeOne('799D278000280C00')).monthlyByDate, { day: 0, months: 3 });
  });

  it('round-trips every kind through JSON text', () => {
    for (const token of [
      '004637C000080001',
      'EEFFCFFFFFD0A308',
      '00011000001F4000',
      '004D37C000231401',
      '799D278000280C00',
    ]) {
      const schedule = decodeOne(token);
      assert.deepEqual(scheduleFromJson(JSON.parse(JSON.stringify(scheduleToJson(schedule)))), { ok: true, schedule });
    }
  });

  it('gives one object for one schedule and an array for several', () => {
    const a = decodeOne('00811A9E081A2000');
    const b = decodeOne('000A4700002BC400');
    assert.ok(!Array.isArray(schedulesToJson([a])));
    assert.deepEqual(schedulesToJson([a, b]), [scheduleToJson(a), scheduleToJson(b)]);
    assert.deepEqual(schedulesFromJson(schedulesToJson([a, b])), { ok: true, schedules: [a, b] });
    assert.deepEqual(schedulesFromJson(scheduleToJson(a)), { ok: true, schedules: [a] });
  });

  it('applies defaults: gmt false, duration zeros, weeks/months 1, missing every members 0; ignores token', () => {
    const start = { year: 2001, month: 3, day: 6, hour: 2, minute: 0 };
    const read = (value: unknown): Schedule => {
      const r = scheduleFromJson(value);
      assert.ok(r.ok, r.ok ? '' : r.reason);
      return r.schedule;
    };
    assert.deepEqual(read({ token: 'not even hex', at: '2001-03-06T02:00:00' }), {
      start,
      gmt: false,
      recurrence: { kind: 'once' },
      duration: NO_DURATION,
    });
    assert.deepEqual(read({ at: '2001-03-06T02:00', every: { hours: 6 } }).recurrence, {
      kind: 'interval',
      days: 0,
      hours: 6,
      minutes: 0,
    });
    assert.deepEqual(read({ at: '2001-03-06T02:00', weekly: { day: 'tue' } }).recurrence, {
      kind: 'weekly',
      day: 2,
      weeks: 1,
    });
    assert.deepEqual(read({ at: '2001-03-06T02:00', monthlyByWeekday: { week: 'last', day: 'sun' } }).recurrence, {
      kind: 'monthlyByWeekday',
      week: 0,
      day: 0,
      months: 1,
    });
    assert.deepEqual(read({ at: '2001-03-06T02:00', monthlyByDate: { day: 31 } }).recurrence, {
      kind: 'monthlyByDate',
      day: 31,
      months: 1,
    });
    assert.deepEqual(read({ at: '2001-03-06T02:00', duration: { minutes: 45 } }).duration, {
      days: 0,
      hours: 0,
      minutes: 45,
    });
  });

  const rejections: [string, unknown, string][] = [
    ['not an object', 'x', 'the schedule must be a JSON object (got "x")'],
    ['null', null, 'the schedule must be a JSON object (got null)'],
    [
      'unknown key',
      { at: '2001-03-06T02:00', when: 1 },
      "the schedule has an unknown key 'when' (allowed: token, at, gmt, every, weekly, monthlyByWeekday, monthlyByDate, duration, unusedBits)",
    ],
    ['missing at', {}, 'at must be a date-time string like "2001-03-06T02:00" (got nothing)'],
    [
      'at with Z',
      { at: '2001-03-06T02:00Z' },
      "at: '2001-03-06T02:00Z' has a 'Z' or an offset; write a wall time and use \"gmt\": true for UTC",
    ],
    [
      'at with seconds',
      { at: '2001-03-06T02:00:30' },
      "at: '2001-03-06T02:00:30' has seconds 30; only minute precision (seconds 00) is allowed",
    ],
    ['at date only', { at: '2001-03-06' }, "at: '2001-03-06' is not a date-time of the form YYYY-MM-DDTHH:MM"],
    ['gmt as a string', { at: '2001-03-06T02:00', gmt: 'yes' }, 'gmt must be true or false (got "yes")'],
    [
      'two recurrences',
      { at: '2001-03-06T02:00', every: { days: 1 }, weekly: { day: 'mon' } },
      'give at most one of every, weekly, monthlyByWeekday, monthlyByDate (got every and weekly)',
    ],
    [
      'full weekday name',
      { at: '2001-03-06T02:00', weekly: { day: 'tuesday' } },
      'weekly.day must be one of sun, mon, tue, wed, thu, fri, sat (got "tuesday")',
    ],
    [
      'bad week order',
      { at: '2001-03-06T02:00', monthlyByWeekday: { week: 'fifth', day: 'mon' } },
      'monthlyByWeekday.week must be one of last, first, second, third, fourth (got "fifth")',
    ],
    ['weeks 5', { at: '2001-03-06T02:00', weekly: { day: 'mon', weeks: 5 } }, 'weeks 5 is out of range 1..4'],
    ['string span', { at: '2001-03-06T02:00', every: { days: '1' } }, 'every.days must be an integer (got "1")'],
    ['zero span', { at: '2001-03-06T02:00', every: {} }, 'interval spans are all 0 (the schedule never advances)'],
    [
      'unknown span key',
      { at: '2001-03-06T02:00', every: { weeks: 1 } },
      "every has an unknown key 'weeks' (allowed: days, hours, minutes)",
    ],
    [
      'missing month day',
      { at: '2001-03-06T02:00', monthlyByDate: {} },
      'monthlyByDate.day must be an integer (got nothing)',
    ],
    ['year 2034', { at: '2034-01-01T00:00' }, 'year 2034 is out of range 1970..2033'],
    ['29 Feb 2001', { at: '2001-02-29T00:00' }, 'start date 2001-02-29 is not a real date'],
    ['hour 24', { at: '2001-03-06T24:00' }, 'hour 24 is out of range 0..23'],
    [
      'duration too long for its bits',
      { at: '2001-03-06T02:00', duration: { hours: 40 } },
      'duration hours 40 is out of range 0..31',
    ],
  ];
  for (const [why, value, reason] of rejections) {
    it(`rejects ${why}`, () => assert.deepEqual(scheduleFromJson(value), { ok: false, reason }));
  }

  it('rejects an empty array and names the failing item', () => {
    assert.deepEqual(schedulesFromJson([]), {
      ok: false,
      reason: 'expected at least one schedule (got an empty array)',
    });
    assert.deepEqual(schedulesFromJson([{ at: '2001-03-06T02:00' }, { at: '2001-13-06T02:00' }]), {
      ok: false,
      reason: 'item 2: month 13 is out of range 1..12',
    });
  });

  it('never throws on odd values', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic['at'] = cyclic;
    assert.equal(scheduleFromJson(cyclic).ok, false);
    assert.equal(scheduleFromJson({ at: 10n }).ok, false);
    assert.equal(scheduleFromJson(undefined).ok, false);
  });
});

describe('documented tokens round-trip exactly (notes/sms-import.md, SPEC §5 v1.1)', () => {
  for (const { token, source, schedules } of DOCUMENTED_TOKENS) {
    it(`${token} (${source})`, () => {
      const decoded = decodeTokens(token);
      assert.ok(decoded.ok, decoded.ok ? '' : decoded.reason);
      assert.deepEqual(
        decoded.schedules.map((d) => ({
          at: formatLocalDateTime(d.start),
          recurrence: d.recurrence,
          ...(d.unusedBits !== undefined ? { unusedBits: d.unusedBits } : {}),
        })),
        schedules,
      );
      assert.equal(encodeSchedules(decoded.schedules), token);
      const viaJson = schedulesFromJson(JSON.parse(JSON.stringify(schedulesToJson(decoded.schedules))));
      assert.ok(viaJson.ok, viaJson.ok ? '' : viaJson.reason);
      assert.equal(encodeSchedules(viaJson.schedules), token);
    });
  }
});

describe('unused bits (SPEC §5 v1.1)', () => {
  it('are the low-word bits 1..18 that no field of the type covers', () => {
    // From the SPEC §5 shifts: interval uses 3..7, 8..12, 13..18; weekly 13..15, 16..18; by weekday 9..11, 12..15,
    // 16..18; by date 10..13, 14..18; non-recurring none of 1..18.
    const expected: Record<RecurrenceKind, number> = {
      once: 0x0007fffe,
      interval: 0x00000006,
      weekly: 0x00001ffe,
      monthlyByWeekday: 0x000001fe,
      monthlyByDate: 0x000003fe,
    };
    for (const [kind, mask] of Object.entries(expected)) {
      assert.equal(unusedBitsMask(kind as RecurrenceKind), mask, kind);
    }
  });

  it('appear in the JSON form only when set, as 0x and 8 hex digits', () => {
    assert.equal(scheduleToJson(decodeOne('0001128000080008')).unusedBits, '0x00000008');
    assert.ok(!('unusedBits' in scheduleToJson(decodeOne('0001128000080000'))));
    assert.deepEqual(Object.keys(scheduleToJson(decodeOne('0001128000080008'))), [
      'token',
      'at',
      'gmt',
      'duration',
      'unusedBits',
    ]);
  });

  it('are read back from the JSON form in any case and width; 0 is the same as none', () => {
    const base = { at: '1980-01-01T00:00' };
    const bitsOf = (value: unknown): number | undefined => {
      const r = scheduleFromJson({ ...base, unusedBits: value });
      assert.ok(r.ok, r.ok ? '' : r.reason);
      return r.schedule.unusedBits;
    };
    assert.equal(bitsOf('0x00000008'), 8);
    assert.equal(bitsOf('0x8'), 8);
    assert.equal(bitsOf('0x7FfFe'), 0x7fffe);
    assert.equal(bitsOf('0x0'), undefined);
    assert.deepEqual(scheduleFromJson({ ...base, unusedBits: '0x0' }), scheduleFromJson(base));
  });

  const rejections: [string, unknown, string][] = [
    ['a number', 8, 'unusedBits must be a string like "0x00000008" (got 8)'],
    ['no 0x', '00000008', 'unusedBits must be a string like "0x00000008" (got "00000008")'],
    ['nine digits', '0x000000008', 'unusedBits must be a string like "0x00000008" (got "0x000000008")'],
    [
      'a bit of the type field',
      '0x00080000',
      'unused bits 0x00080000 include 0x00080000, which a type 1 (SMS_ST_NonRecurring) token uses; its unused bits are 0x0007FFFE',
    ],
    [
      'the GMT bit',
      '0x00000009',
      'unused bits 0x00000009 include 0x00000001, which a type 1 (SMS_ST_NonRecurring) token uses; its unused bits are 0x0007FFFE',
    ],
  ];
  for (const [why, value, reason] of rejections) {
    it(`rejects ${why}`, () =>
      assert.deepEqual(scheduleFromJson({ at: '1980-01-01T00:00', unusedBits: value }), { ok: false, reason }));
  }

  it('that clash with a field of the type are refused for that type only', () => {
    const weekly = { at: '2001-03-06T02:00', weekly: { day: 'tue' } };
    assert.deepEqual(scheduleFromJson({ ...weekly, unusedBits: '0x00002000' }), {
      ok: false,
      reason:
        'unused bits 0x00002000 include 0x00002000, which a type 3 (SMS_ST_RecurWeekly) token uses; its unused bits are 0x00001FFE',
    });
    assert.equal(scheduleFromJson({ ...weekly, unusedBits: '0x00001000' }).ok, true);
    const s = decodeOne('0001128000080008');
    assert.throws(
      () => encodeSchedule({ ...s, recurrence: { kind: 'interval', days: 1, hours: 0, minutes: 0 } }),
      /cannot encode schedule as a token: unused bits 0x00000008 include 0x00000008, which a type 2/,
    );
  });

  it('have a hover note that names them, says they mean nothing and who says what', () => {
    assert.equal(unusedBitsNote(decodeOne('0001128000080000')), undefined);
    const note = unusedBitsNote(decodeOne('0001128000080008')) ?? '';
    assert.match(note, /^Unused bits 0x00000008 \(low word, bit 3\): /);
    assert.match(note, /type 1 token \(SMS_ST_NonRecurring\)/);
    assert.match(note, /They mean nothing for the schedule: the simulation ignores them \(our model\)/);
    assert.match(note, /Microsoft documents no meaning for them/);
    assert.match(note, /Q271181/);
    assert.match(
      unusedBitsNote(decodeOne('00811A9E080A2000')) ?? '',
      /^Unused bits 0x00022000 \(low word, bits 13, 17\)/,
    );
  });

  it('change nothing in the simulation: same diagnostics and findings with and without them', () => {
    const lab = readFileSync(example('lab.sms.yaml'), 'utf8');
    const daily = decodeOne(
      encodeSchedule({
        start: { year: 2001, month: 3, day: 1, hour: 0, minute: 30 },
        gmt: false,
        recurrence: { kind: 'interval', days: 1, hours: 0, minutes: 0 },
      }),
    );
    const weekly = decodeOne(
      encodeSchedule({
        start: { year: 2001, month: 3, day: 2, hour: 12, minute: 0 },
        gmt: false,
        recurrence: { kind: 'weekly', day: 1, weeks: 1 },
      }),
    );
    const withTokens = (dailyToken: string, weeklyToken: string): string => {
      const text = lab
        .replace('      - at: 2001-03-01T00:30\n        every: { days: 1 }', `      - token: "${dailyToken}"`)
        .replace(
          '      - at: 2001-03-02T12:00\n        weekly: { day: mon, weeks: 1 }',
          `      - token: "${weeklyToken}"`,
        );
      assert.notEqual(text, lab);
      return text;
    };
    const plain = withTokens(encodeSchedule(daily), encodeSchedule(weekly));
    const unused = withTokens(
      encodeSchedule({ ...daily, unusedBits: 0x6 }),
      encodeSchedule({ ...weekly, unusedBits: 0x1ffe }),
    );
    assert.notEqual(unused, plain);
    const a = analyzeText(plain);
    const b = analyzeText(unused);
    assert.ok((a.simulation?.interruptions.length ?? 0) > 0, 'the lab example has interruptions to compare');
    assert.deepEqual(plainSimulation(b.simulation), plainSimulation(a.simulation));
    assert.deepEqual(b.allDiagnostics, a.allDiagnostics);
    assert.equal(b.model?.advertisements[0]?.assignments.length, 1);
  });
});
