import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DateTime, Settings } from 'luxon';
import { verifyPasses } from '../../server/src/core/engine/passes';
import { collectionPasses, runsOf } from '../../server/src/core/engine/runs';
import { resolveHorizon, simulate } from '../../server/src/core/engine/simulate';
import { formatInstant, parseLocalDateTime, toInstant } from '../../server/src/core/engine/time';
import type { Horizon, SimulationOptions } from '../../server/src/core/engine/types';
import {
  DEFAULT_VERIFY_CYCLE,
  type Advertisement,
  type Assignment,
  type Collection,
  type LocalDateTime,
  type Recurrence,
  type RunMinutes,
  type SmsDocument,
  type VerifyCycle,
} from '../../server/src/core/model/types';

// ---- fixtures -------------------------------------------------------------------------------

const wall = (s: string): LocalDateTime => {
  const parsed = parseLocalDateTime(s);
  if (!parsed) throw new Error(`bad wall time ${s}`);
  return parsed;
};
/** `2001-03-15T07:00` read as UTC → epoch ms. */
const utc = (s: string): number => Date.parse(`${s}:00Z`);
const iso = (ms: number): string => formatInstant(ms);

interface CollectionSpec {
  id?: string;
  timeZone?: string;
  clients?: number;
  installed?: string | { from: string; to: string };
  site?: string;
}

function collection(spec: CollectionSpec = {}): Collection {
  const installed = spec.installed ?? '2001-01-10T08:00';
  return {
    index: 0,
    id: spec.id ?? 'LAB00015',
    name: 'c',
    site: spec.site ?? 'LAB',
    clients: spec.clients ?? 800,
    timeZone: spec.timeZone ?? 'UTC',
    installed:
      typeof installed === 'string'
        ? { kind: 'exact', at: wall(installed) }
        : { kind: 'window', from: wall(installed.from), to: wall(installed.to) },
  };
}

const schedule = (at: string, recurrence: Recurrence = { kind: 'once' }, gmt = false): Assignment => ({
  kind: 'schedule',
  source: 'form',
  schedules: [{ start: wall(at), gmt, recurrence }],
});
const every = (at: string, days: number, hours = 0, minutes = 0): Assignment =>
  schedule(at, { kind: 'interval', days, hours, minutes });

interface AdSpec {
  id?: string;
  collection?: string;
  presentTime?: string;
  expirationTime?: string;
  gmt?: boolean;
  assignments: Assignment[];
  program?: string;
}

function advertisement(spec: AdSpec): Advertisement {
  return {
    index: 0,
    id: spec.id ?? 'LAB20001',
    name: 'a',
    package: 'LAB00012',
    program: spec.program ?? 'p45',
    collection: spec.collection ?? 'LAB00015',
    presentTime: wall(spec.presentTime ?? '2001-01-01T00:00'),
    ...(spec.expirationTime ? { expirationTime: wall(spec.expirationTime) } : {}),
    gmt: spec.gmt ?? false,
    assignments: spec.assignments,
  };
}

function document(
  advertisements: Advertisement[],
  collections: Collection[] = [collection()],
  cycle: Partial<VerifyCycle> = {},
  simulation: SmsDocument['simulation'] = {},
): SmsDocument {
  const programs: { name: string; minutes: RunMinutes }[] = [
    { name: 'p45', minutes: 45 },
    { name: 'unknown', minutes: 'unknown' },
  ];
  return {
    version: 1,
    simulation,
    sites: [
      {
        index: 0,
        code: 'LAB',
        server: 'LABSRV01',
        smsVersion: '2.0 SP2',
        verifyCycle: { ...DEFAULT_VERIFY_CYCLE, ...cycle },
      },
    ],
    collections,
    packages: [
      {
        index: 0,
        id: 'LAB00012',
        name: 'pkg',
        programs: programs.map((p, index) => ({ index, name: p.name, estimatedRunMinutes: p.minutes })),
      },
    ],
    advertisements,
  };
}

const horizon = (from: string, days: number): Horizon => ({ from: utc(from), to: utc(from) + days * 86_400_000 });

/** Run starts (ISO, UTC) of assignment 0 in a horizon. */
function starts(doc: SmsDocument, from: string, days: number, options: SimulationOptions = {}): string[] {
  return runsOf(doc, doc.advertisements[0]!, 0, horizon(from, days), options).runs.map((r) => iso(r.start));
}

const interruptionsOf = (doc: SmsDocument, options: SimulationOptions = {}) =>
  simulate(doc, options).interruptions.map((i) => ({
    ad: i.advertisement,
    assignment: i.assignment,
    runStart: iso(i.runStart),
    runEnd: iso(i.runEnd),
    verify: `${iso(i.verifyEarliest)}..${iso(i.verifyLatest)}`,
    likelihood: i.likelihood,
    clientsAtRisk: i.clientsAtRisk,
  }));
const delaysOf = (doc: SmsDocument, options: SimulationOptions = {}) =>
  simulate(doc, options).delays.map(
    (d) => `${d.advertisement}#${d.assignment} ${iso(d.runStart)} ${iso(d.verifyEarliest)}`,
  );

// ---- time -----------------------------------------------------------------------------------

describe('engine time', () => {
  it('places wall times in a zone and formats instants', () => {
    assert.equal(iso(toInstant(wall('2001-03-15T07:00'), 'UTC')), '2001-03-15T07:00:00Z');
    // EST is UTC-5 in March: 02:00 + 5 h.
    assert.equal(iso(toInstant(wall('2001-03-06T02:00'), 'America/New_York')), '2001-03-06T07:00:00Z');
  });

  it('moves a wall time in a DST gap forward by the gap', () => {
    // New York springs forward 02:00 EST → 03:00 EDT on 2001-04-01: 02:30 → 03:30 EDT = 07:30Z.
    assert.equal(iso(toInstant(wall('2001-04-01T02:30'), 'America/New_York')), '2001-04-01T07:30:00Z');
    // Lord Howe springs forward 02:00 → 02:30 on 2001-10-28: 02:15 → 02:45 at +11:00 = 15:45Z the day before.
    assert.equal(iso(toInstant(wall('2001-10-28T02:15'), 'Australia/Lord_Howe')), '2001-10-27T15:45:00Z');
  });

  it('takes the earlier instant of an ambiguous wall time, whatever today is (luxon alone does not)', () => {
    const savedNow = Settings.now;
    try {
      for (const today of [Date.UTC(2024, 0, 15), Date.UTC(2024, 6, 15)]) {
        Settings.now = () => today;
        // New York falls back 02:00 EDT → 01:00 EST on 2001-10-28: 01:30 EDT (UTC-4) = 05:30Z.
        assert.equal(iso(toInstant(wall('2001-10-28T01:30'), 'America/New_York')), '2001-10-28T05:30:00Z');
        // Lord Howe falls back 02:00 → 01:30 on 2001-03-25: 01:45 at +11:00 = 14:45Z the day before.
        assert.equal(iso(toInstant(wall('2001-03-25T01:45'), 'Australia/Lord_Howe')), '2001-03-24T14:45:00Z');
      }
      // Why luxon is not used directly: in winter it picks the later (EST) instant, 06:30Z.
      Settings.now = () => Date.UTC(2024, 0, 15);
      const luxon = DateTime.fromObject(
        { year: 2001, month: 10, day: 28, hour: 1, minute: 30 },
        { zone: 'America/New_York' },
      );
      assert.equal(luxon.toUTC().toISO({ suppressMilliseconds: true }), '2001-10-28T06:30:00Z');
    } finally {
      Settings.now = savedNow;
    }
  });

  it('rejects unknown zones instead of guessing', () => {
    assert.throws(() => toInstant(wall('2001-01-01T00:00'), 'Mars/Olympus'), RangeError);
  });
});

// ---- verify passes --------------------------------------------------------------------------

describe('engine verify passes', () => {
  const cycle: VerifyCycle = { enabled: true, intervalDays: 30, durationMinutes: 30, ccimCycleHours: 23 };

  it('starts pass n at wake-up n*ceil(720/23) = 32n, i.e. every 736 h after install', () => {
    const passes = verifyPasses(collection(), cycle, utc('2001-04-01T00:00'));
    // 2001-01-10T08:00 + 736 h (30 d 16 h) = 2001-02-10T00:00; + 736 h = 2001-03-12T16:00.
    assert.deepEqual(
      passes.map((p) => [p.n, iso(p.earliest), iso(p.latest), p.durationMinutes]),
      [
        [1, '2001-02-10T00:00:00Z', '2001-02-10T00:00:00Z', 30],
        [2, '2001-03-12T16:00:00Z', '2001-03-12T16:00:00Z', 30],
      ],
    );
  });

  it('counts whole wake-ups: a 1-day interval is 1 wake-up of 24 h but 2 of 23 h', () => {
    const at = (c: number) =>
      iso(
        verifyPasses(collection(), { ...cycle, intervalDays: 1, ccimCycleHours: c }, utc('2001-01-13T00:00'))[0]!
          .earliest,
      );
    assert.equal(at(24), '2001-01-11T08:00:00Z'); // 24/24 = 1 → +24 h
    assert.equal(at(23), '2001-01-12T06:00:00Z'); // ceil(24/23) = 2 → +46 h = Jan 12 06:00
  });

  it('gives a rollout window a band [from, to] shifted by the same 736 h', () => {
    const window = collection({
      installed: { from: '2001-02-05T09:00', to: '2001-02-09T17:00' },
      timeZone: 'Europe/London',
    });
    const [first] = verifyPasses(window, cycle, utc('2001-03-09T00:00'));
    // London is on GMT in February. Feb 5 09:00 + 30 d 16 h = Mar 8 01:00; Feb 9 17:00 + 30 d 16 h = Mar 12 09:00.
    assert.deepEqual([iso(first!.earliest), iso(first!.latest)], ['2001-03-08T01:00:00Z', '2001-03-12T09:00:00Z']);
  });

  it('counts real hours across DST (rule 2)', () => {
    const ny = collection({ installed: '2001-03-20T08:00', timeZone: 'America/New_York' });
    const [first] = verifyPasses(ny, cycle, utc('2001-05-01T00:00'));
    // 08:00 EST = 13:00Z; + 736 h = 2001-04-20T05:00Z, which is 01:00 EDT (the wall clock moved, the hours did not).
    assert.equal(iso(first!.earliest), '2001-04-20T05:00:00Z');
  });

  it('has no passes when the cycle is disabled, and stops before `until`', () => {
    assert.deepEqual(verifyPasses(collection(), { ...cycle, enabled: false }, utc('2002-01-01T00:00')), []);
    assert.equal(verifyPasses(collection(), cycle, utc('2001-02-10T00:00')).length, 0); // pass 1 is at `until`
  });
});

// ---- occurrences ----------------------------------------------------------------------------

describe('engine occurrences', () => {
  const only = (assignment: Assignment, spec: Partial<AdSpec> = {}, zone = 'UTC') =>
    document([advertisement({ assignments: [assignment], ...spec })], [collection({ timeZone: zone })]);

  it('clamps day 31 to the end of February and April', () => {
    const doc = only(schedule('2001-01-31T10:00', { kind: 'monthlyByDate', day: 31, months: 1 }));
    // Horizon Jan 1 + 151 days = Jun 1 00:00.
    assert.deepEqual(starts(doc, '2001-01-01T00:00', 151), [
      '2001-01-31T10:00:00Z',
      '2001-02-28T10:00:00Z',
      '2001-03-31T10:00:00Z',
      '2001-04-30T10:00:00Z',
      '2001-05-31T10:00:00Z',
    ]);
  });

  it('reads monthlyByDate day 0 as the last day', () => {
    const doc = only(schedule('2001-01-01T06:00', { kind: 'monthlyByDate', day: 0, months: 1 }));
    assert.deepEqual(starts(doc, '2001-01-01T00:00', 90), [
      '2001-01-31T06:00:00Z',
      '2001-02-28T06:00:00Z',
      '2001-03-31T06:00:00Z',
    ]);
  });

  it('skips monthly dates before `at` and keeps the series anchored at `at` (rule 12)', () => {
    // at = Jan 20, day 15, every 2 months: Jan 15 is before at → skipped; then Mar 15, May 15.
    const recurrence: Recurrence = { kind: 'monthlyByDate', day: 15, months: 2 };
    assert.deepEqual(starts(only(schedule('2001-01-20T08:00', recurrence)), '2001-01-01T00:00', 150), [
      '2001-03-15T08:00:00Z',
      '2001-05-15T08:00:00Z',
    ]);
    // A presentTime of Feb 1 does not re-anchor the series in February.
    const late = only(schedule('2001-01-20T08:00', recurrence), { presentTime: '2001-02-01T00:00' });
    assert.deepEqual(starts(late, '2001-01-01T00:00', 150), ['2001-03-15T08:00:00Z', '2001-05-15T08:00:00Z']);
  });

  it('finds the last Friday and the second Tuesday of a month', () => {
    const lastFriday = only(schedule('2001-03-01T22:00', { kind: 'monthlyByWeekday', week: 0, day: 5, months: 1 }));
    // Mar 31 2001 is a Saturday → Mar 30; Apr 30 a Monday → Apr 27; May 31 a Thursday → May 25.
    assert.deepEqual(starts(lastFriday, '2001-03-01T00:00', 92), [
      '2001-03-30T22:00:00Z',
      '2001-04-27T22:00:00Z',
      '2001-05-25T22:00:00Z',
    ]);
    const secondTuesday = only(schedule('2001-03-06T02:00', { kind: 'monthlyByWeekday', week: 2, day: 2, months: 1 }));
    // Mar 1 2001 is a Thursday → Tuesdays 6, 13; Apr 1 a Sunday → 3, 10.
    assert.deepEqual(starts(secondTuesday, '2001-03-01T00:00', 45), ['2001-03-13T02:00:00Z', '2001-04-10T02:00:00Z']);
  });

  it('starts weekly on the first `day` on or after `at` and steps `weeks` weeks', () => {
    // 2001-03-02 is a Friday → the first Monday is Mar 5; every 2 weeks → Mar 19, Apr 2.
    const doc = only(schedule('2001-03-02T12:00', { kind: 'weekly', day: 1, weeks: 2 }));
    assert.deepEqual(starts(doc, '2001-03-01T00:00', 40), [
      '2001-03-05T12:00:00Z',
      '2001-03-19T12:00:00Z',
      '2001-04-02T12:00:00Z',
    ]);
  });

  it('keeps a daily 02:00 at 02:00 local across DST, moving the gap day forward (rule 1)', () => {
    const doc = only(every('2001-03-30T02:00', 1), {}, 'America/New_York');
    // EST 02:00 = 07:00Z; Apr 1 02:00 does not exist → 03:00 EDT = 07:00Z; then 02:00 EDT = 06:00Z.
    assert.deepEqual(starts(doc, '2001-03-30T00:00', 4), [
      '2001-03-30T07:00:00Z',
      '2001-03-31T07:00:00Z',
      '2001-04-01T07:00:00Z',
      '2001-04-02T06:00:00Z',
    ]);
  });

  it('merges occurrences of one assignment that land on one instant (rule 7)', () => {
    // Every 30 min in New York on 2001-04-01: 02:00/02:30 fall in the gap and land on 03:00/03:30 EDT.
    const doc = only(every('2001-04-01T01:00', 0, 0, 30), {}, 'America/New_York');
    assert.deepEqual(starts(doc, '2001-04-01T06:00', 0.1), [
      '2001-04-01T06:00:00Z', // 01:00 EST
      '2001-04-01T06:30:00Z', // 01:30 EST
      '2001-04-01T07:00:00Z', // 02:00 → 03:00 EDT, same as 03:00 EDT
      '2001-04-01T07:30:00Z', // 02:30 → 03:30 EDT, same as 03:30 EDT
      '2001-04-01T08:00:00Z', // 04:00 EDT
    ]);
    // Two concatenated token schedules at the same instant give one run.
    const twice: Assignment = {
      kind: 'schedule',
      source: 'token',
      schedules: [
        { start: wall('2001-05-01T12:00'), gmt: false, recurrence: { kind: 'once' } },
        {
          start: wall('2001-05-01T12:00'),
          gmt: false,
          recurrence: { kind: 'interval', days: 1, hours: 0, minutes: 0 },
        },
      ],
    };
    assert.deepEqual(starts(only(twice), '2001-05-01T00:00', 2), ['2001-05-01T12:00:00Z', '2001-05-02T12:00:00Z']);
  });

  it('skips the hour that repeats when the clocks go back (earlier instant only)', () => {
    const doc = only(every('2001-10-28T00:00', 0, 1), {}, 'America/New_York');
    // 00:00 EDT = 04:00Z, 01:00 EDT = 05:00Z, then EST: 02:00 = 07:00Z, 03:00 = 08:00Z, 04:00 = 09:00Z.
    // 06:00Z (the second 01:00, EST) is never chosen: an ambiguous wall time takes the earlier instant.
    assert.deepEqual(starts(doc, '2001-10-28T04:00', 0.25), [
      '2001-10-28T04:00:00Z',
      '2001-10-28T05:00:00Z',
      '2001-10-28T07:00:00Z',
      '2001-10-28T08:00:00Z',
      '2001-10-28T09:00:00Z',
    ]);
  });

  it('runs asap once, for an hour plus the run, filtered by the horizon like the rest (rule 8)', () => {
    const doc = only({ kind: 'event', event: 'asap' }, { presentTime: '2001-03-01T09:00' });
    const { runs } = runsOf(doc, doc.advertisements[0]!, 0, horizon('2001-03-01T00:00', 1));
    // [09:00, 09:00 + 60 min + 45 min) = [09:00, 10:45).
    assert.deepEqual(
      runs.map((r) => [iso(r.start), iso(r.end)]),
      [['2001-03-01T09:00:00Z', '2001-03-01T10:45:00Z']],
    );
    assert.deepEqual(starts(doc, '2001-03-01T09:01', 1), []);
  });

  it('drops occurrences before presentTime and at or after expirationTime', () => {
    const doc = only(every('2001-02-27T00:30', 1), {
      presentTime: '2001-03-01T00:00',
      expirationTime: '2001-03-03T00:30',
    });
    // Feb 27 and 28 precede presentTime; Mar 3 00:30 is exactly the expiration → dropped.
    assert.deepEqual(starts(doc, '2001-02-01T00:00', 60), ['2001-03-01T00:30:00Z', '2001-03-02T00:30:00Z']);
  });

  it('reads a gmt advertisement in UTC and a token by its own GMT bit (rule 3)', () => {
    const gmtAd = only(schedule('2001-03-15T07:00', { kind: 'once' }, true), { gmt: true }, 'America/New_York');
    assert.deepEqual(starts(gmtAd, '2001-03-01T00:00', 30), ['2001-03-15T07:00:00Z']);
    const tokenUtc: Assignment = {
      kind: 'schedule',
      source: 'token',
      schedules: [{ start: wall('2001-03-15T07:00'), gmt: true, recurrence: { kind: 'once' } }],
    };
    // A local (non-gmt) advertisement, but the token says GMT → 07:00Z, not 07:00 EST (12:00Z).
    assert.deepEqual(starts(only(tokenUtc, {}, 'America/New_York'), '2001-03-01T00:00', 30), ['2001-03-15T07:00:00Z']);
    const tokenLocal: Assignment = { ...tokenUtc, schedules: [{ ...tokenUtc.schedules[0]!, gmt: false }] };
    const inGmtAd = only(tokenLocal, { gmt: true }, 'America/New_York');
    assert.deepEqual(starts(inGmtAd, '2001-03-01T00:00', 30), ['2001-03-15T12:00:00Z']);
  });

  it('caps the runs listed for the timeline', () => {
    const doc = only(every('2001-01-01T00:00', 0, 0, 1));
    const list = runsOf(doc, doc.advertisements[0]!, 0, horizon('2001-01-01T00:00', 3650), {}, 3);
    assert.deepEqual(
      list.runs.map((r) => iso(r.start)),
      ['2001-01-01T00:00:00Z', '2001-01-01T00:01:00Z', '2001-01-01T00:02:00Z'],
    );
    assert.equal(list.truncated, true);
  });
});

// ---- findings -------------------------------------------------------------------------------

describe('engine findings', () => {
  // Exact install 2001-01-10T08:00 UTC, default cycle: pass 1 at 2001-02-10T00:00Z, 30 min.
  const at = (time: string, spec: Partial<AdSpec> = {}) =>
    document([advertisement({ assignments: [schedule(time)], ...spec })]);
  const from = { from: utc('2001-01-01T00:00'), days: 365 };

  it('interrupts a run that contains the pass start (likelihood 1, all clients)', () => {
    // [23:30, 00:15) contains 00:00.
    assert.deepEqual(interruptionsOf(at('2001-02-09T23:30'), from), [
      {
        ad: 'LAB20001',
        assignment: 0,
        runStart: '2001-02-09T23:30:00Z',
        runEnd: '2001-02-10T00:15:00Z',
        verify: '2001-02-10T00:00:00Z..2001-02-10T00:00:00Z',
        likelihood: 1,
        clientsAtRisk: 800,
      },
    ]);
  });

  it('separates interruption and delay at the pass start (rule 6)', () => {
    // [23:15, 00:00) ends at the pass start: neither.
    assert.deepEqual([interruptionsOf(at('2001-02-09T23:15'), from), delaysOf(at('2001-02-09T23:15'), from)], [[], []]);
    // Starting exactly at 00:00: an interruption only.
    assert.equal(interruptionsOf(at('2001-02-10T00:00'), from).length, 1);
    assert.deepEqual(delaysOf(at('2001-02-10T00:00'), from), []);
    // Starting at 00:10, inside the 30-minute pass: a delay only.
    assert.deepEqual(interruptionsOf(at('2001-02-10T00:10'), from), []);
    assert.deepEqual(delaysOf(at('2001-02-10T00:10'), from), ['LAB20001#0 2001-02-10T00:10:00Z 2001-02-10T00:00:00Z']);
    // Starting at 00:30, when the pass ends: neither.
    assert.deepEqual(delaysOf(at('2001-02-10T00:30'), from), []);
  });

  it('lets a pass before the horizon delay a run inside it (rule 8)', () => {
    const doc = at('2001-02-10T00:10');
    assert.equal(simulate(doc, { from: utc('2001-02-10T00:05'), days: 1 }).delays.length, 1);
  });

  it('shares a rollout band: likelihood = overlap / band, clients rounded half away from zero', () => {
    // Window Jan 8 00:00 .. Jan 12 00:00 UTC (96 h) → pass 1 band Feb 7 16:00 .. Feb 11 16:00 (+736 h).
    const band = (clients: number) =>
      collection({ clients, installed: { from: '2001-01-08T00:00', to: '2001-01-12T00:00' } });
    const inside = document([advertisement({ assignments: [schedule('2001-02-09T12:00')] })], [band(64)]);
    const [risk] = interruptionsOf(inside, from);
    // 45 / (96*60) = 0.0078125; 64 clients * 0.0078125 = 0.5 → 1.
    assert.equal(risk!.likelihood, 45 / (96 * 60));
    assert.equal(risk!.clientsAtRisk, 1);
    assert.equal(risk!.verify, '2001-02-07T16:00:00Z..2001-02-11T16:00:00Z'); // the whole band (rule 4)
    // Starting inside the band also means the pass may be running: a delay too.
    assert.equal(delaysOf(inside, from).length, 1);

    // A run [15:30, 16:15) overlapping the band's first 15 min: 800 * 15/5760 = 2.08 → 2.
    const edge = document([advertisement({ assignments: [schedule('2001-02-07T15:30')] })], [band(800)]);
    assert.deepEqual(
      interruptionsOf(edge, from).map((i) => [i.likelihood, i.clientsAtRisk]),
      [[15 / 5760, 2]],
    );
  });

  it('needs likelihood > 0: a band touching a run at one instant is no interruption (rule 5)', () => {
    const band = collection({ installed: { from: '2001-01-08T00:00', to: '2001-01-12T00:00' } });
    // [15:15, 16:00) ends where the band starts.
    const before = document([advertisement({ assignments: [schedule('2001-02-07T15:15')] })], [band]);
    assert.deepEqual(interruptionsOf(before, from), []);
    // Starting at the band's end (Feb 11 16:00): no clients left to start inside, but those that started may run.
    const after = document([advertisement({ assignments: [schedule('2001-02-11T16:00')] })], [band]);
    assert.deepEqual(interruptionsOf(after, from), []);
    assert.equal(delaysOf(after, from).length, 1);
  });

  it('sorts by runStart, advertisement (code points), assignment, verifyEarliest (rule 10)', () => {
    const run = schedule('2001-02-09T23:30');
    const doc = document([
      advertisement({ id: 'a1', assignments: [run, run] }),
      advertisement({ id: 'B1', assignments: [run] }),
      advertisement({ id: 'Z0', assignments: [schedule('2001-02-09T23:20')] }),
    ]);
    assert.deepEqual(
      interruptionsOf(doc, from).map((i) => `${i.ad}#${i.assignment}`),
      // 23:20 first; then 'B' (66) before 'a' (97) by code point, which localeCompare would invert.
      ['Z0#0', 'B1#0', 'a1#0', 'a1#1'],
    );
  });

  it('assumes defaultRunMinutes for unknown run times and says so once; never guesses logon/logoff', () => {
    const doc = document([
      advertisement({
        program: 'unknown',
        assignments: [schedule('2001-02-09T22:30'), schedule('2001-02-09T22:40'), { kind: 'event', event: 'logon' }],
      }),
    ]);
    const result = simulate(doc, { ...from, defaultRunMinutes: 90 });
    // [22:30, 00:00) just misses 00:00 with 90 min; [22:40, 00:10) contains it.
    assert.deepEqual(
      result.interruptions.map((i) => [i.assignment, iso(i.runEnd)]),
      [[1, '2001-02-10T00:10:00Z']],
    );
    assert.deepEqual(result.notes, [
      { kind: 'run-time-unknown', advertisement: 'LAB20001', assumedMinutes: 90 },
      { kind: 'event-not-simulated', advertisement: 'LAB20001', assignment: 2, event: 'logon' },
    ]);
    assert.deepEqual(simulate(doc, from).notes[0], {
      kind: 'run-time-unknown',
      advertisement: 'LAB20001',
      assumedMinutes: 120,
    });
  });

  it('interrupts the asap run [present, present + 60 + run)', () => {
    // [23:00, 00:45) contains 00:00.
    const doc = document([
      advertisement({ presentTime: '2001-02-09T23:00', assignments: [{ kind: 'event', event: 'asap' }] }),
    ]);
    assert.deepEqual(
      interruptionsOf(doc).map((i) => [i.runStart, i.runEnd]),
      [['2001-02-09T23:00:00Z', '2001-02-10T00:45:00Z']],
    );
  });

  it('skips an advertisement whose collection or program is missing, without throwing', () => {
    const doc = document([
      advertisement({ id: 'X1', collection: 'NOPE0001', assignments: [schedule('2001-02-09T23:30')] }),
      advertisement({ id: 'X2', program: 'nope', assignments: [schedule('2001-02-09T23:30')] }),
      advertisement({ id: 'X3', assignments: [schedule('2001-02-09T23:30')] }),
    ]);
    assert.deepEqual(
      interruptionsOf(doc, from).map((i) => i.ad),
      ['X3'],
    );
  });

  it('has no findings when the verify cycle is disabled', () => {
    const doc = document([advertisement({ assignments: [schedule('2001-02-09T23:30')] })], [collection()], {
      enabled: false,
    });
    assert.deepEqual(interruptionsOf(doc, from), []);
  });
});

// ---- horizon --------------------------------------------------------------------------------

describe('engine horizon', () => {
  it('defaults to the earliest presentTime instant, 365 days (rule 9)', () => {
    const doc = document(
      [advertisement({ presentTime: '2001-03-01T00:00', assignments: [] })],
      [collection({ timeZone: 'America/New_York' })],
    );
    // 00:00 EST = 05:00Z.
    assert.deepEqual(resolveHorizon(doc), {
      from: utc('2001-03-01T05:00'),
      to: utc('2001-03-01T05:00') + 365 * 86_400_000,
    });
  });

  it('falls back to the earliest install instant, and lets options override the document', () => {
    const noAds = document([], [collection({ installed: { from: '2001-01-08T08:00', to: '2001-01-09T08:00' } })]);
    assert.equal(resolveHorizon(noAds).from, utc('2001-01-08T08:00'));
    const withSimulation = document([], [collection()], {}, { from: wall('2001-03-01T00:00'), days: 10 });
    assert.deepEqual(resolveHorizon(withSimulation), { from: utc('2001-03-01T00:00'), to: utc('2001-03-11T00:00') });
    assert.deepEqual(resolveHorizon(withSimulation, { days: 1 }), {
      from: utc('2001-03-01T00:00'),
      to: utc('2001-03-02T00:00'),
    });
  });
});

// ---- the lab example ------------------------------------------------------------------------

describe('engine on examples/lab.sms.yaml', () => {
  const lab: SmsDocument = {
    version: 1,
    simulation: { from: wall('2001-03-01T00:00'), days: 180 },
    sites: [
      { index: 0, code: 'CEN', server: 'CENSRV01', smsVersion: '2.0 SP2', verifyCycle: DEFAULT_VERIFY_CYCLE },
      {
        index: 1,
        code: 'LAB',
        server: 'LABSRV01',
        smsVersion: '2.0 SP1',
        parent: 'CEN',
        verifyCycle: { ...DEFAULT_VERIFY_CYCLE, durationMinutes: 40 },
      },
    ],
    collections: [
      { ...collection({ id: 'LAB00015', timeZone: 'America/New_York', installed: '2001-01-10T08:00' }), index: 0 },
      {
        ...collection({
          id: 'CEN00020',
          site: 'CEN',
          clients: 250,
          timeZone: 'Europe/London',
          installed: { from: '2001-02-05T09:00', to: '2001-02-09T17:00' },
        }),
        index: 1,
      },
    ],
    packages: [
      {
        index: 0,
        id: 'LAB00012',
        name: 'Office',
        programs: [{ index: 0, name: 'Per-system unattended', estimatedRunMinutes: 45 }],
      },
      {
        index: 1,
        id: 'CEN00031',
        name: 'Virus',
        programs: [{ index: 0, name: 'Silent update', estimatedRunMinutes: 'unknown' }],
      },
    ],
    advertisements: [
      {
        ...advertisement({
          id: 'LAB20001',
          program: 'Per-system unattended',
          presentTime: '2001-03-01T00:00',
          expirationTime: '2001-07-01T00:00',
          assignments: [every('2001-03-01T00:30', 1)],
        }),
      },
      {
        ...advertisement({
          id: 'CEN20007',
          collection: 'CEN00020',
          presentTime: '2001-03-01T00:00',
          assignments: [
            schedule('2001-03-02T12:00', { kind: 'weekly', day: 1, weeks: 1 }),
            { kind: 'event', event: 'logon' },
          ],
        }),
        package: 'CEN00031',
        program: 'Silent update',
        index: 1,
      },
    ],
  };

  it('finds the LAB20001 run of 2001-05-13 and three CEN20007 Mondays', () => {
    // LAB00015: install 08:00 EST = 13:00Z; passes every 736 h: Feb 10 05:00Z, Mar 12 21:00Z, Apr 12 13:00Z,
    // May 13 05:00Z, Jun 12 21:00Z. The daily 00:30 EDT run is [04:30Z, 05:15Z) → only May 13 is hit.
    // CEN00020: band Feb 5 09:00 .. Feb 9 17:00 GMT (104 h) + n*736 h: [Apr 7 17:00, Apr 12 01:00],
    // [Jun 8 01:00, Jun 12 09:00], [Jul 8 17:00, Jul 13 01:00] contain the Monday 12:00 BST (11:00Z) runs of
    // Apr 9, Jun 11 and Jul 9; 120 min (unknown) of 6240 → 250 * 120/6240 = 4.8 → 5 clients.
    assert.deepEqual(
      interruptionsOf(lab).map((i) => [i.ad, i.runStart, i.verify.slice(0, 20), i.clientsAtRisk]),
      [
        ['CEN20007', '2001-04-09T11:00:00Z', '2001-04-07T17:00:00Z', 5],
        ['LAB20001', '2001-05-13T04:30:00Z', '2001-05-13T05:00:00Z', 800],
        ['CEN20007', '2001-06-11T11:00:00Z', '2001-06-08T01:00:00Z', 5],
        ['CEN20007', '2001-07-09T11:00:00Z', '2001-07-08T17:00:00Z', 5],
      ],
    );
    assert.equal(simulate(lab).interruptions.at(1).runEnd - simulate(lab).interruptions.at(1).runStart, 45 * 60_000);
    // Each CEN run starts inside its band, so the pass may already be running too.
    assert.deepEqual(
      delaysOf(lab).map((d) => d.slice(0, 31)),
      ['CEN20007#0 2001-04-09T11:00:00Z', 'CEN20007#0 2001-06-11T11:00:00Z', 'CEN20007#0 2001-07-09T11:00:00Z'],
    );
  });

  it('lists the passes of a collection that overlap the horizon', () => {
    const passes = collectionPasses(lab, 'LAB00015', resolveHorizon(lab));
    // Mar 1 .. Aug 28: passes 2..7 (Feb 10 05:00Z is before; Aug 13 05:00Z is pass 7; Sep 12 21:00Z is after).
    assert.deepEqual(
      passes.map((p) => p.n),
      [2, 3, 4, 5, 6, 7],
    );
  });
});
