import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { disableVerifyFix, nearestSafeInterval } from '../../server/src/core/cliverify/fixes';
import { simulate } from '../../server/src/core/engine/simulate';
import type { Advertisement, Assignment, LocalDateTime, Site, SmsDocument } from '../../server/src/core/model/types';

const at = (month: number, day: number, year = 2001): LocalDateTime => ({ year, month, day, hour: 0, minute: 0 });
const once = (t: LocalDateTime): Assignment => ({
  kind: 'schedule',
  source: 'form',
  schedules: [{ start: t, gmt: true, recurrence: { kind: 'once' } }],
});
const daily = (t: LocalDateTime): Assignment => ({
  kind: 'schedule',
  source: 'form',
  schedules: [{ start: t, gmt: true, recurrence: { kind: 'interval', days: 1, hours: 0, minutes: 0 } }],
});

/*
 * Site LAB, one UTC collection installed 2001-01-01T00:00 with CCIM waking every 24 h, so pass n of an
 * interval of d days starts exactly at day n*d, 00:00 (every d*24 h is itself a wake-up).
 * Runs last 60 min and start at 00:00, so a pass on a run's day interrupts it.
 */
function labDocument(assignments: Assignment[], extra: Partial<SmsDocument> = {}): SmsDocument {
  const lab: Site = {
    index: 0,
    code: 'LAB',
    server: 'LABSRV',
    smsVersion: '2.0 SP1',
    verifyCycle: { enabled: true, intervalDays: 10, durationMinutes: 30, ccimCycleHours: 24 },
  };
  const ad: Advertisement = {
    index: 0,
    id: 'LAB20001',
    name: 'Office',
    package: 'LAB00012',
    program: 'Setup',
    collection: 'LAB00015',
    presentTime: at(1, 1),
    gmt: true,
    assignments,
  };
  return {
    version: 1,
    simulation: {},
    sites: [lab, ...(extra.sites ?? [])],
    collections: [
      {
        index: 0,
        id: 'LAB00015',
        name: 'WS',
        site: 'LAB',
        clients: 10,
        timeZone: 'UTC',
        installed: { kind: 'exact', at: at(1, 1) },
      },
      ...(extra.collections ?? []),
    ],
    packages: [
      { index: 0, id: 'LAB00012', name: 'Office', programs: [{ index: 0, name: 'Setup', estimatedRunMinutes: 60 }] },
      ...(extra.packages ?? []),
    ],
    advertisements: [ad, ...(extra.advertisements ?? [])],
  };
}

const FROM = Date.UTC(2001, 0, 1);

describe('nearestSafeInterval', () => {
  it('finds the nearest safe interval below when the one above is not safe', () => {
    // Runs on day 10 (01-11) and day 22 (01-23). d=10: passes on days 10, 20 → day 10 hit.
    // d=11: days 11, 22 → day 22 hit. d=9: days 9, 18, 27, 36, 45, 54 → safe. Answer 9.
    const doc = labDocument([once(at(1, 11)), once(at(1, 23))]);
    assert.equal(simulate(doc, { from: FROM, days: 60 }).interruptions.length, 1, 'd=10 interrupts the day-10 run');
    assert.equal(nearestSafeInterval(doc, 'LAB', { from: FROM, days: 60 }), 9);
  });

  it('prefers the larger interval on a tie', () => {
    // Only the day-10 run: d=9 (days 9, 18, ...) and d=11 (days 11, 22, ...) are both safe → 11.
    const doc = labDocument([once(at(1, 11))]);
    assert.equal(nearestSafeInterval(doc, 'LAB', { from: FROM, days: 60 }), 11);
  });

  it('ignores interruptions an accept comment accepts (SPEC §6.1)', () => {
    // As above: d=10 hits the day-10 run (assignment 0), d=11 the day-22 run (assignment 1), d=9 neither.
    const doc = labDocument([once(at(1, 11)), once(at(1, 23))]);
    const options = { from: FROM, days: 60 };
    // Assignment 1 accepted: d=11 counts as safe, and ties with d=9 go to the longer interval.
    assert.equal(
      nearestSafeInterval(doc, 'LAB', options, (ad, asg) => ad === 'LAB20001' && asg === 1),
      11,
    );
    // Assignment 0 accepted: the current d=10 leaves only an accepted interruption.
    assert.equal(
      nearestSafeInterval(doc, 'LAB', options, (ad, asg) => ad === 'LAB20001' && asg === 0),
      10,
    );
    assert.equal(
      nearestSafeInterval(doc, 'LAB', options, () => false),
      9,
    );
  });

  it('returns the current interval when it is already safe', () => {
    // Run on day 15: d=10 passes on days 10, 20 → safe.
    assert.equal(nearestSafeInterval(labDocument([once(at(1, 16))]), 'LAB', { from: FROM, days: 60 }), 10);
  });

  it('returns undefined when no interval in 1..365 is safe', () => {
    // A daily 00:00 run for the whole 400-day horizon: any d <= 365 puts pass 1 on day d, inside a run.
    const doc = labDocument([daily(at(1, 1))]);
    assert.equal(nearestSafeInterval(doc, 'LAB', { from: FROM, days: 400 }), undefined);
  });

  it("ignores other sites and keeps the whole document's default horizon start", () => {
    // OTH's advertisement is present from 2000-12-01 and is interrupted whatever LAB does. With no `from`,
    // the horizon is [2000-12-01, +40 days) = up to 2001-01-10T00:00Z, before LAB's day-10 run (01-11):
    // the current d=10 is safe. (A horizon taken from LAB's own advertisement alone would give 11.)
    const other: Partial<SmsDocument> = {
      sites: [
        {
          index: 1,
          code: 'OTH',
          server: 'OTHSRV',
          smsVersion: '2.0 SP2',
          verifyCycle: { enabled: true, intervalDays: 1, durationMinutes: 30, ccimCycleHours: 24 },
        },
      ],
      collections: [
        {
          index: 1,
          id: 'OTH00001',
          name: 'O',
          site: 'OTH',
          clients: 5,
          timeZone: 'UTC',
          installed: { kind: 'exact', at: at(11, 30, 2000) },
        },
      ],
      advertisements: [
        {
          index: 1,
          id: 'OTH20001',
          name: 'Other',
          package: 'LAB00012',
          program: 'Setup',
          collection: 'OTH00001',
          presentTime: at(12, 1, 2000),
          gmt: true,
          assignments: [daily(at(12, 1, 2000))],
        },
      ],
    };
    const doc = labDocument([once(at(1, 11))], other);
    assert.ok(
      simulate(doc, { days: 40 })
        .interruptions.toArray()
        .some((i) => i.collection === 'OTH00001'),
    );
    assert.equal(nearestSafeInterval(doc, 'LAB', { days: 40 }), 10);
    // With a horizon that covers day 10, OTH's interruptions still do not block LAB's answer.
    assert.equal(nearestSafeInterval(doc, 'LAB', { from: FROM, days: 60 }), 11);
  });
});

describe('disableVerifyFix', () => {
  it('clears only `enabled`', () => {
    assert.deepEqual(disableVerifyFix(labDocument([]), 'LAB'), {
      enabled: false,
      intervalDays: 10,
      durationMinutes: 30,
      ccimCycleHours: 24,
    });
  });

  it('refuses an unknown site', () => {
    assert.throws(() => disableVerifyFix(labDocument([]), 'NOP'), /NOP/);
  });
});
