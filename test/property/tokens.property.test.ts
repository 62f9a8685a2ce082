import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Recurrence, Schedule, Weekday, WeekOrder } from '../../server/src/core/model/types';
import { decodeTokens, encodeSchedule, encodeSchedules } from '../../server/src/core/tokens/codec';
import { daysInMonth } from '../../server/src/core/model/localDateTime';
import {
  scheduleFromJson,
  schedulesFromJson,
  scheduleToJson,
  schedulesToJson,
} from '../../server/src/core/tokens/json';

/** Plain objects only: deepStrictEqual compares prototypes, and decoded schedules are plain objects. */
const record = <T>(model: { [K in keyof T]: fc.Arbitrary<T[K]> }) => fc.record(model, { noNullPrototype: true });

const weekday = fc.integer({ min: 0, max: 6 }).map((d) => d as Weekday);

const start = fc
  .record({ year: fc.integer({ min: 1970, max: 2033 }), month: fc.integer({ min: 1, max: 12 }) })
  .chain(({ year, month }) =>
    record({
      year: fc.constant(year),
      month: fc.constant(month),
      day: fc.integer({ min: 1, max: daysInMonth(year, month) }),
      hour: fc.integer({ min: 0, max: 23 }),
      minute: fc.integer({ min: 0, max: 59 }),
    }),
  );

const recurrence: fc.Arbitrary<Recurrence> = fc.oneof(
  fc.constant({ kind: 'once' as const }),
  record({
    kind: fc.constant('interval' as const),
    days: fc.integer({ min: 0, max: 31 }),
    hours: fc.integer({ min: 0, max: 23 }),
    minutes: fc.integer({ min: 0, max: 59 }),
  }).filter((r) => r.days + r.hours + r.minutes > 0),
  record({ kind: fc.constant('weekly' as const), day: weekday, weeks: fc.integer({ min: 1, max: 4 }) }),
  record({
    kind: fc.constant('monthlyByWeekday' as const),
    week: fc.integer({ min: 0, max: 4 }).map((w) => w as WeekOrder),
    day: weekday,
    months: fc.integer({ min: 1, max: 12 }),
  }),
  record({
    kind: fc.constant('monthlyByDate' as const),
    day: fc.integer({ min: 0, max: 31 }),
    months: fc.integer({ min: 1, max: 12 }),
  }),
);

/**
 * Low-word bits 1..18 that no field of the kind covers, written out from the SPEC §5 shifts (not
 * taken from the codec): interval 3..18, weekly 13..18, by weekday 9..18, by date 10..18.
 */
const UNUSED_MASK: Record<Recurrence['kind'], number> = {
  once: 0x0007fffe,
  interval: 0x00000006,
  weekly: 0x00001ffe,
  monthlyByWeekday: 0x000001fe,
  monthlyByDate: 0x000003fe,
};

/** Any subset of the mask's bits, often none. */
const bitsWithin = (mask: number): fc.Arbitrary<number> =>
  fc.oneof(
    fc.constant(0),
    fc.integer({ min: 0, max: 0xffffffff }).map((v) => (v & mask) >>> 0),
  );

const schedule: fc.Arbitrary<Schedule> = record({
  start,
  gmt: fc.boolean(),
  recurrence,
  duration: record({
    days: fc.integer({ min: 0, max: 31 }),
    hours: fc.integer({ min: 0, max: 31 }),
    minutes: fc.integer({ min: 0, max: 63 }),
  }),
}).chain((s) =>
  // Decoding leaves `unusedBits` out when it is 0, so the generator does too.
  bitsWithin(UNUSED_MASK[s.recurrence.kind]).map((bits): Schedule => (bits === 0 ? s : { ...s, unusedBits: bits })),
);

/**
 * A valid token built independently of the codec: BigInt and the SPEC §5 shifts (high word at +32),
 * with any of its type's unused bits set. Returns the token, its start and those bits.
 */
const validToken = fc
  .record({
    start,
    durationMinutes: fc.integer({ min: 0, max: 63 }),
    durationHours: fc.integer({ min: 0, max: 31 }),
    durationDays: fc.integer({ min: 0, max: 31 }),
    gmt: fc.integer({ min: 0, max: 1 }),
    typeFields: fc.oneof(
      fc.constant({ type: 1, fields: [] as [number, number][] }),
      fc
        .tuple(fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 31 }))
        .filter(([m, h, d]) => m + h + d > 0)
        .map(([m, h, d]) => ({
          type: 2,
          fields: [
            [m, 13],
            [h, 8],
            [d, 3],
          ] as [number, number][],
        })),
      fc.tuple(fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 4 })).map(([day, weeks]) => ({
        type: 3,
        fields: [
          [day, 16],
          [weeks, 13],
        ] as [number, number][],
      })),
      fc
        .tuple(fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 4 }))
        .map(([day, months, week]) => ({
          type: 4,
          fields: [
            [day, 16],
            [months, 12],
            [week, 9],
          ] as [number, number][],
        })),
      fc.tuple(fc.integer({ min: 0, max: 31 }), fc.integer({ min: 1, max: 12 })).map(([day, months]) => ({
        type: 5,
        fields: [
          [day, 14],
          [months, 10],
        ] as [number, number][],
      })),
    ),
  })
  .map((t) => {
    const s = t.start;
    const hi =
      (BigInt(s.minute) << 26n) |
      (BigInt(s.hour) << 21n) |
      (BigInt(s.day) << 16n) |
      (BigInt(s.month) << 12n) |
      (BigInt(s.year - 1970) << 6n) |
      BigInt(t.durationMinutes);
    let lo =
      (BigInt(t.durationHours) << 27n) |
      (BigInt(t.durationDays) << 22n) |
      (BigInt(t.typeFields.type) << 19n) |
      BigInt(t.gmt);
    for (const [value, shift] of t.typeFields.fields) lo |= BigInt(value) << BigInt(shift);
    return { hi, lo, type: t.typeFields.type, start: s };
  })
  .chain(({ hi, lo, type, start }) => {
    const kind = (['once', 'interval', 'weekly', 'monthlyByWeekday', 'monthlyByDate'] as const)[type - 1]!;
    return bitsWithin(UNUSED_MASK[kind]).map((unused) => ({
      token: ((hi << 32n) | lo | BigInt(unused)).toString(16).toUpperCase().padStart(16, '0'),
      start,
      unused,
    }));
  });

/** Mixes upper and lower case so case-insensitivity is exercised too. */
const mixCase = (token: string, flips: boolean[]): string =>
  [...token].map((ch, i) => (flips[i % Math.max(flips.length, 1)] ? ch.toLowerCase() : ch)).join('');

describe('token codec properties', () => {
  it('decode(encode(schedule)) is the schedule', () => {
    fc.assert(
      fc.property(schedule, (s) => {
        const token = encodeSchedule(s);
        assert.match(token, /^[0-9A-F]{16}$/);
        assert.deepEqual(decodeTokens(token), { ok: true, schedules: [s] });
      }),
    );
  });

  it('several schedules round-trip through one concatenated token', () => {
    fc.assert(
      fc.property(fc.array(schedule, { minLength: 1, maxLength: 15 }), (list) => {
        assert.deepEqual(decodeTokens(encodeSchedules(list)), { ok: true, schedules: list });
      }),
    );
  });

  it('encode(decode(token)) is the token, upper case, for valid tokens with any unused bits', () => {
    fc.assert(
      fc.property(
        validToken,
        fc.array(fc.boolean(), { minLength: 1, maxLength: 16 }),
        ({ token, start, unused }, flips) => {
          const result = decodeTokens(mixCase(token, flips));
          assert.ok(result.ok, result.ok ? '' : `${token}: ${result.reason}`);
          assert.deepEqual(result.schedules[0]?.start, start);
          assert.equal(result.schedules[0]?.unusedBits ?? 0, unused);
          assert.equal(encodeSchedules(result.schedules), token);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('token decode --format json | token encode gives the token back, unused bits included', () => {
    fc.assert(
      fc.property(fc.array(validToken, { minLength: 1, maxLength: 4 }), (tokens) => {
        const token = tokens.map((t) => t.token).join('');
        const decoded = decodeTokens(token);
        assert.ok(decoded.ok, decoded.ok ? '' : `${token}: ${decoded.reason}`);
        const json = JSON.parse(JSON.stringify(schedulesToJson(decoded.schedules))) as unknown;
        const read = schedulesFromJson(json);
        assert.ok(read.ok, read.ok ? '' : `${token}: ${read.reason}`);
        assert.equal(encodeSchedules(read.schedules), token);
      }),
      { numRuns: 500 },
    );
  });

  it('the JSON form round-trips', () => {
    fc.assert(
      fc.property(schedule, (s) => {
        assert.deepEqual(scheduleFromJson(JSON.parse(JSON.stringify(scheduleToJson(s)))), { ok: true, schedule: s });
      }),
    );
  });

  it('decodeTokens never throws and always explains a rejection', () => {
    const hexish = fc
      .array(fc.constantFrom(...'0123456789abcdefABCDEF'), { maxLength: 48 })
      .map((chars) => chars.join(''));
    const anyText = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), hexish);
    fc.assert(
      fc.property(anyText, (text) => {
        const result = decodeTokens(text);
        if (!result.ok) assert.ok(result.reason.length > 0);
      }),
      { numRuns: 1000 },
    );
  });

  it('any accepted 16-digit token decodes to what the SPEC §5 shifts say, and re-decodes the same', () => {
    const token = fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map((v) => v.toString(16).padStart(16, '0'));
    fc.assert(
      fc.property(token, (hex) => {
        const result = decodeTokens(hex);
        if (!result.ok) return;
        const v = BigInt(`0x${hex}`);
        const hi = v >> 32n;
        const field = (word: bigint, shift: bigint, mask: bigint): number => Number((word >> shift) & mask);
        const s = result.schedules[0]!;
        assert.deepEqual(s.start, {
          minute: field(hi, 26n, 63n),
          hour: field(hi, 21n, 31n),
          day: field(hi, 16n, 31n),
          month: field(hi, 12n, 15n),
          year: field(hi, 6n, 63n) + 1970,
        });
        assert.equal(s.gmt, (v & 1n) === 1n);
        // SPEC §5 v1.1: every accepted token, whatever its unused bits, is written back exactly.
        assert.equal(encodeSchedules(result.schedules), hex.toUpperCase());
        assert.deepEqual(decodeTokens(encodeSchedules(result.schedules)), result);
      }),
      { numRuns: 2000 },
    );
  });
});
