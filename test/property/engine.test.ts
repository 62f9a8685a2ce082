/**
 * The engine against a deliberately naive reference: every occurrence found by stepping the wall
 * clock from `at`, every pass by stepping CCIM wake-ups from install, every run compared with every
 * pass. The engine must agree exactly (same findings, same order) on random small documents that
 * crowd around DST changes (New York, London, Lord Howe's 30-minute shift) and exact coincidences.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { runsOf } from '../../server/src/core/engine/runs';
import { hasInterruption, simulate } from '../../server/src/core/engine/simulate';
import { fromWallMs, toInstant } from '../../server/src/core/engine/time';
import type { Delay, Interruption, SimulationOptions, SimulationResult } from '../../server/src/core/engine/types';
import type {
  Advertisement,
  Assignment,
  Collection,
  LocalDateTime,
  Recurrence,
  Schedule,
  Site,
  SmsDocument,
  WeekOrder,
  Weekday,
} from '../../server/src/core/model/types';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const ZONES = ['UTC', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe'] as const;

// ---- the naive reference --------------------------------------------------------------------

/** Wall times are plain numbers here: their fields read as UTC (`Date.UTC`), a bare calendar. */
const wallOf = (t: LocalDateTime) => Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute);
const calendar = (wall: number) => DateTime.fromMillis(wall, { zone: 'utc' });

const placed = new Map<string, number>();
/** luxon's placement (a gap moves forward), then the earliest instant that shows the same wall time. */
function refInstant(wall: number, zone: string): number {
  if (zone === 'UTC') return wall;
  const key = `${zone}|${wall}`;
  const known = placed.get(key);
  if (known !== undefined) return known;
  const d = new Date(wall);
  const fields = {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
  };
  let instant = DateTime.fromObject(fields, { zone }).toMillis();
  for (const back of [60, 30]) {
    const earlier = DateTime.fromMillis(instant - back * MINUTE, { zone });
    const shown = Date.UTC(earlier.year, earlier.month - 1, earlier.day, earlier.hour, earlier.minute);
    if (shown === wall) instant = earlier.toMillis();
  }
  placed.set(key, instant);
  return instant;
}

/** Every wall time of a schedule from `at` up to `until`, by stepping. */
function refWalls(schedule: Schedule, until: number): number[] {
  const at = wallOf(schedule.start);
  const r = schedule.recurrence;
  const walls: number[] = [];
  switch (r.kind) {
    case 'once':
      return [at];
    case 'interval':
      for (let w = at; w <= until; w += ((r.days * 24 + r.hours) * 60 + r.minutes) * MINUTE) walls.push(w);
      return walls;
    case 'weekly': {
      let w = at;
      while (new Date(w).getUTCDay() !== r.day) w += DAY;
      for (; w <= until; w += r.weeks * 7 * DAY) walls.push(w);
      return walls;
    }
    case 'monthlyByWeekday':
    case 'monthlyByDate': {
      const start = calendar(at);
      for (let month = start.startOf('month'); month.toMillis() <= until; month = month.plus({ months: r.months })) {
        const days: DateTime[] = [];
        for (let d = month; d.month === month.month; d = d.plus({ days: 1 })) days.push(d);
        let day: DateTime;
        if (r.kind === 'monthlyByDate') day = days[r.day === 0 || r.day > days.length ? days.length - 1 : r.day - 1]!;
        else {
          const matching = days.filter((d) => d.weekday % 7 === r.day);
          day = r.week === 0 ? matching[matching.length - 1]! : matching[r.week - 1]!;
        }
        if (day.toISODate()! < start.toISODate()!) continue;
        walls.push(day.set({ hour: start.hour, minute: start.minute }).toMillis());
      }
      return walls;
    }
  }
}

interface RefPass {
  E: number;
  L: number;
  D: number;
}

function refPasses(doc: SmsDocument, collection: Collection, until: number): RefPass[] {
  const cycle = doc.sites.find((s) => s.code === collection.site)!.verifyCycle;
  if (!cycle.enabled) return [];
  const installed = collection.installed;
  const first = refInstant(wallOf(installed.kind === 'exact' ? installed.at : installed.from), collection.timeZone);
  const last = installed.kind === 'exact' ? first : refInstant(wallOf(installed.to), collection.timeZone);
  const passes: RefPass[] = [];
  let previous = first;
  for (let k = 1; first + k * cycle.ccimCycleHours * HOUR < until; k++) {
    const wake = first + k * cycle.ccimCycleHours * HOUR;
    if (wake >= previous + cycle.intervalDays * DAY) {
      passes.push({ E: wake, L: wake + (last - first), D: cycle.durationMinutes * MINUTE });
      previous = wake;
    }
  }
  return passes;
}

function reference(doc: SmsDocument, options: Required<SimulationOptions>) {
  const from = options.from;
  const to = from + options.days * DAY;
  const interruptions: Interruption[] = [];
  const delays: Delay[] = [];
  const notes: SimulationResult['notes'][number][] = [];
  for (const ad of doc.advertisements) {
    const collection = doc.collections.find((c) => c.id === ad.collection)!;
    const program = doc.packages[0]!.programs.find((p) => p.name === ad.program)!;
    const unknown = program.estimatedRunMinutes === 'unknown';
    const run = unknown ? options.defaultRunMinutes : (program.estimatedRunMinutes as number);
    if (unknown) notes.push({ kind: 'run-time-unknown', advertisement: ad.id, assumedMinutes: run });
    const adZone = ad.gmt ? 'UTC' : collection.timeZone;
    const present = refInstant(wallOf(ad.presentTime), adZone);
    const expiration = ad.expirationTime ? refInstant(wallOf(ad.expirationTime), adZone) : Infinity;
    const kept = (s: number) => s >= present && s < expiration && s >= from && s < to;
    const passes = refPasses(doc, collection, to + 3 * DAY);
    ad.assignments.forEach((assignment, index) => {
      let starts: number[];
      let runMs = run * MINUTE;
      if (assignment.kind === 'event') {
        if (assignment.event !== 'asap') {
          notes.push({ kind: 'event-not-simulated', advertisement: ad.id, assignment: index, event: assignment.event });
          return;
        }
        starts = [present];
        runMs += 60 * MINUTE;
      } else {
        // No zone is 2 days off UTC: wall times outside [from - 2 d, to + 2 d] cannot land in the horizon.
        starts = assignment.schedules.flatMap((s) =>
          refWalls(s, to + 2 * DAY)
            .filter((w) => w >= from - 2 * DAY)
            .map((w) => refInstant(w, s.gmt ? 'UTC' : collection.timeZone)),
        );
      }
      for (const s of [...new Set(starts.filter(kept))].sort((a, b) => a - b)) {
        for (const { E, L, D } of passes) {
          const finding = { advertisement: ad.id, collection: collection.id, assignment: index, runStart: s };
          const band = { verifyEarliest: E, verifyLatest: L };
          if (E === L ? s <= E && E < s + runMs : Math.min(s + runMs, L) - Math.max(s, E) > 0) {
            const overlap = E === L ? 1 : Math.min(s + runMs, L) - Math.max(s, E);
            const width = E === L ? 1 : L - E;
            interruptions.push({
              ...finding,
              runEnd: s + runMs,
              ...band,
              likelihood: overlap / width,
              // round half away from zero of clients * overlap / width, in integers
              clientsAtRisk: Math.floor((2 * overlap * collection.clients + width) / (2 * width)),
            });
          }
          if (E < s && s < L + D) delays.push({ ...finding, ...band });
        }
      }
    });
  }
  const order = (a: (typeof delays)[number], b: (typeof delays)[number]) =>
    a.runStart - b.runStart ||
    (a.advertisement < b.advertisement ? -1 : a.advertisement > b.advertisement ? 1 : 0) ||
    a.assignment - b.assignment ||
    a.verifyEarliest - b.verifyEarliest;
  return { interruptions: interruptions.sort(order), delays: delays.sort(order), notes };
}

// ---- random documents -----------------------------------------------------------------------

/** Horizon starts near the 2001 DST changes of the three zones (March, October). */
const ANCHORS = [Date.UTC(2001, 2, 15), Date.UTC(2001, 8, 25), Date.UTC(2001, 9, 20)];

const wallAt = (ms: number): LocalDateTime => fromWallMs(ms);
/** A wall time `base` + some minutes, on a 15-minute grid so that runs and passes coincide often. */
const wallNear = (base: number, minDays: number, maxDays: number) =>
  fc.integer({ min: minDays * 96, max: maxDays * 96 }).map((q) => wallAt(base + q * 15 * MINUTE));

const weekday = fc.integer({ min: 0, max: 6 }) as fc.Arbitrary<Weekday>;

function recurrence(shape: Shape): fc.Arbitrary<Recurrence> {
  return fc.oneof(
    fc.constant<Recurrence>({ kind: 'once' }),
    {
      weight: shape.intervalWeight,
      arbitrary: fc.integer({ min: shape.minSpan, max: shape.maxSpan }).map((span): Recurrence => ({
        kind: 'interval',
        days: Math.floor(span / 1440),
        hours: Math.floor(span / 60) % 24,
        minutes: span % 60,
      })),
    },
    fc.record({ kind: fc.constant('weekly' as const), day: weekday, weeks: fc.integer({ min: 1, max: 4 }) }),
    fc.record({
      kind: fc.constant('monthlyByWeekday' as const),
      week: fc.integer({ min: 0, max: 4 }) as fc.Arbitrary<WeekOrder>,
      day: weekday,
      months: fc.integer({ min: 1, max: 3 }),
    }),
    fc.record({
      kind: fc.constant('monthlyByDate' as const),
      day: fc.integer({ min: 0, max: 31 }),
      months: fc.integer({ min: 1, max: 3 }),
    }),
  );
}

interface Shape {
  /** Interval spans in minutes, and how often an interval is drawn against each other kind (1). */
  minSpan: number;
  intervalWeight: number;
  maxSpan: number;
  minDays: number;
  maxDays: number;
}

function documents(shape: Shape) {
  return fc
    .record({
      anchor: fc.constantFrom(...ANCHORS),
      startQuarterHours: fc.integer({ min: 0, max: 20 * 96 }),
      days: fc.integer({ min: shape.minDays, max: shape.maxDays }),
      defaultRunMinutes: fc.integer({ min: 1, max: 200 }),
    })
    .chain(({ anchor, startQuarterHours, days, defaultRunMinutes }) => {
      const from = anchor + startQuarterHours * 15 * MINUTE;
      const site = (code: string) =>
        fc.record({
          code: fc.constant(code),
          enabled: fc.integer({ min: 0, max: 9 }).map((n) => n > 0),
          intervalDays: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 6, max: 40 })),
          durationMinutes: fc.integer({ min: 1, max: 180 }),
          ccimCycleHours: fc.integer({ min: 1, max: 48 }),
        });
      const installed = fc.oneof(
        wallNear(from, -90, 0).map((at) => ({ kind: 'exact' as const, at })),
        fc.tuple(fc.integer({ min: -90 * 96, max: 0 }), fc.integer({ min: 0, max: 5 * 96 })).map(([start, length]) => ({
          kind: 'window' as const,
          from: wallAt(from + start * 15 * MINUTE),
          to: wallAt(from + (start + length) * 15 * MINUTE),
        })),
      );
      const collection = (id: string) =>
        fc.record({
          id: fc.constant(id),
          site: fc.constantFrom('S01', 'S02'),
          clients: fc.integer({ min: 1, max: 1000 }),
          timeZone: fc.constantFrom(...ZONES),
          installed,
        });
      const schedule = (gmt: fc.Arbitrary<boolean>) =>
        fc.record({
          // Mostly early, so that recurrences cover much of the horizon.
          start: fc.oneof(wallNear(from, -10, 2), wallNear(from, -10, days + 5)),
          gmt,
          recurrence: recurrence(shape),
        });
      const assignment = (adGmt: boolean): fc.Arbitrary<Assignment> =>
        fc.oneof(
          {
            weight: 1,
            arbitrary: fc.constantFrom('asap', 'logon', 'logoff').map((event) => ({ kind: 'event' as const, event })),
          },
          {
            weight: 4,
            arbitrary: schedule(fc.constant(adGmt)).map((s) => ({
              kind: 'schedule' as const,
              source: 'form' as const,
              schedules: [s],
            })),
          },
          {
            weight: 2,
            // Tokens carry their own GMT bit and may repeat a schedule (same-instant merging).
            arbitrary: fc
              .array(schedule(fc.boolean()), { minLength: 1, maxLength: 2 })
              .chain((list) => fc.constantFrom(list, [...list, list[0]!]))
              .map((schedules) => ({ kind: 'schedule' as const, source: 'token' as const, schedules })),
          },
        );
      const advertisement = (id: string, collections: number) =>
        fc
          .record({ gmt: fc.boolean(), collection: fc.integer({ min: 1, max: collections }) })
          .chain(({ gmt, collection }) =>
            fc.record({
              id: fc.constant(id),
              collection: fc.constant(`C${collection}`),
              program: fc.constantFrom('short', 'long', 'unknown'),
              presentTime: fc.oneof(wallNear(from, -20, 0), wallNear(from, -20, days)),
              expirationDays: fc.oneof(
                { weight: 2, arbitrary: fc.constant(undefined) },
                { weight: 1, arbitrary: fc.integer({ min: 0, max: days }) },
              ),
              gmt: fc.constant(gmt),
              assignments: fc.array(assignment(gmt), { minLength: 0, maxLength: 4 }),
            }),
          );
      return fc
        .record({
          sites: fc.tuple(site('S01'), site('S02')),
          collectionCount: fc.integer({ min: 1, max: 3 }),
          adIds: fc.shuffledSubarray(['A1', 'B2', 'a3', 'Z4'], { minLength: 1, maxLength: 4 }),
          shortRun: fc.integer({ min: 1, max: 60 }),
          longRun: fc.integer({ min: 61, max: 300 }),
        })
        .chain(({ sites, collectionCount, adIds, shortRun, longRun }) =>
          fc.record({
            sites: fc.constant(sites),
            shortRun: fc.constant(shortRun),
            longRun: fc.constant(longRun),
            collections: fc.tuple(...Array.from({ length: collectionCount }, (_, i) => collection(`C${i + 1}`))),
            advertisements: fc.tuple(...adIds.map((id) => advertisement(id, collectionCount))),
          }),
        )
        .map((spec) => {
          const sites: Site[] = spec.sites.map(({ code, ...verifyCycle }, index) => ({
            index,
            code,
            server: `${code}SRV`,
            smsVersion: '2.0 SP2',
            verifyCycle,
          }));
          const collections: Collection[] = spec.collections.map((c, index) => ({ ...c, index, name: c.id }));
          const advertisements: Advertisement[] = spec.advertisements.map(
            ({ expirationDays, presentTime, ...ad }, index) => ({
              ...ad,
              index,
              name: ad.id,
              package: 'P1',
              presentTime,
              ...(expirationDays === undefined
                ? {}
                : {
                    expirationTime: wallAt(
                      Date.UTC(presentTime.year, presentTime.month - 1, presentTime.day) + expirationDays * DAY,
                    ),
                  }),
            }),
          );
          const doc: SmsDocument = {
            version: 1,
            simulation: {},
            sites,
            collections,
            packages: [
              {
                index: 0,
                id: 'P1',
                name: 'P1',
                programs: [
                  { index: 0, name: 'short', estimatedRunMinutes: spec.shortRun },
                  { index: 1, name: 'long', estimatedRunMinutes: spec.longRun },
                  { index: 2, name: 'unknown', estimatedRunMinutes: 'unknown' },
                ],
              },
            ],
            advertisements,
          };
          return { doc, options: { from, days, defaultRunMinutes } };
        });
    });
}

function agrees({ doc, options }: { doc: SmsDocument; options: Required<SimulationOptions> }): void {
  const actual = simulate(doc, options);
  const expected = reference(doc, options);
  assert.deepEqual(actual.interruptions.toArray(), expected.interruptions);
  assert.deepEqual(actual.delays.toArray(), expected.delays);
  assert.deepEqual(actual.notes, expected.notes);
  assert.deepEqual(actual.horizon, { from: options.from, to: options.from + options.days * DAY });
}

describe('engine property: agrees with a naive reference', () => {
  it('on documents with spans from 15 minutes to 3 days over 30-120 day horizons', () => {
    fc.assert(
      fc.property(documents({ minSpan: 15, maxSpan: 3 * 1440, intervalWeight: 2, minDays: 30, maxDays: 120 }), agrees),
      {
        numRuns: 1500,
      },
    );
  });

  it('hasInterruption (the quick-fix probe that stops at the first one) agrees with simulate', () => {
    const docs = documents({ minSpan: 15, maxSpan: 3 * 1440, intervalWeight: 2, minDays: 30, maxDays: 120 });
    fc.assert(
      fc.property(docs, ({ doc, options }) => {
        assert.equal(hasInterruption(doc, options), simulate(doc, options).interruptions.length > 0);
      }),
      { numRuns: 500 },
    );
  });

  it('on documents with minute-level spans (1-14 minutes) over 30-day horizons', () => {
    const dense = documents({ minSpan: 1, maxSpan: 14, intervalWeight: 6, minDays: 30, maxDays: 30 });
    fc.assert(fc.property(dense, agrees), { numRuns: 15 });
  });

  it('caps the timeline runs to exactly the first ones of the full list, across DST changes', () => {
    // 2001 DST changes (UTC): New York Apr 1 07:00 / Oct 28 06:00, London Mar 25 / Oct 28 01:00,
    // Lord Howe Mar 24 15:00 / Oct 27 15:30 — where wall times collapse onto the same instants.
    const changes: [string, number][] = [
      ['America/New_York', Date.UTC(2001, 3, 1, 7)],
      ['America/New_York', Date.UTC(2001, 9, 28, 6)],
      ['Europe/London', Date.UTC(2001, 2, 25, 1)],
      ['Europe/London', Date.UTC(2001, 9, 28, 1)],
      ['Australia/Lord_Howe', Date.UTC(2001, 2, 24, 15)],
      ['Australia/Lord_Howe', Date.UTC(2001, 9, 27, 15, 30)],
    ];
    const arbitrary = fc.record({
      change: fc.constantFrom(...changes),
      lead: fc.integer({ min: 0, max: 180 }),
      spans: fc.array(fc.constantFrom(1, 5, 10, 15, 20, 30, 45, 60, 90), { minLength: 1, maxLength: 2 }),
      limit: fc.integer({ min: 1, max: 30 }),
    });
    fc.assert(
      fc.property(arbitrary, ({ change: [zone, change], lead, spans, limit }) => {
        const from = change - lead * MINUTE;
        const schedules: Schedule[] = spans.map((span) => ({
          start: wallAt(Date.UTC(2001, 0, 1)),
          gmt: false,
          recurrence: { kind: 'interval', days: 0, hours: Math.floor(span / 60), minutes: span % 60 },
        }));
        const doc: SmsDocument = {
          version: 1,
          simulation: {},
          sites: [
            {
              index: 0,
              code: 'S01',
              server: 's',
              smsVersion: '2.0',
              verifyCycle: { enabled: false, intervalDays: 30, durationMinutes: 30, ccimCycleHours: 23 },
            },
          ],
          collections: [
            {
              index: 0,
              id: 'C1',
              name: 'c',
              site: 'S01',
              clients: 1,
              timeZone: zone,
              installed: { kind: 'exact', at: wallAt(from) },
            },
          ],
          packages: [{ index: 0, id: 'P1', name: 'p', programs: [{ index: 0, name: 'p', estimatedRunMinutes: 5 }] }],
          advertisements: [
            {
              index: 0,
              id: 'A1',
              name: 'a',
              package: 'P1',
              program: 'p',
              collection: 'C1',
              presentTime: wallAt(Date.UTC(2001, 0, 1)),
              gmt: false,
              assignments: [{ kind: 'schedule', source: 'token', schedules }],
            },
          ],
        };
        const horizon = { from, to: from + DAY / 2 };
        const full = runsOf(doc, doc.advertisements[0]!, 0, horizon, {}, Number.MAX_SAFE_INTEGER);
        const capped = runsOf(doc, doc.advertisements[0]!, 0, horizon, {}, limit);
        assert.deepEqual(capped.runs, full.runs.slice(0, limit));
        assert.equal(capped.truncated, full.runs.length > limit);
        // The full list is strictly increasing (merged, rule 7).
        full.runs.forEach((run, i) => assert.ok(i === 0 || full.runs[i - 1]!.start < run.start));
      }),
      { numRuns: 400 },
    );
  });

  it('places wall times like the reference, gaps and overlaps included', () => {
    const anyWall = fc
      .integer({ min: Date.UTC(1995, 0, 1) / (15 * MINUTE), max: Date.UTC(2030, 0, 1) / (15 * MINUTE) })
      .map((q) => wallAt(q * 15 * MINUTE));
    fc.assert(
      fc.property(anyWall, fc.constantFrom(...ZONES), (wall, zone) => {
        assert.equal(toInstant(wall, zone), refInstant(wallOf(wall), zone));
      }),
      { numRuns: 3000 },
    );
  });
});
