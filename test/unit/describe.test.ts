import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeAssignment, describeSchedule } from '../../server/src/core/model/describe';
import type { Recurrence, Schedule } from '../../server/src/core/model/types';

const at = (year: number, month: number, day: number, hour: number, minute: number) => ({
  year,
  month,
  day,
  hour,
  minute,
});

const schedule = (recurrence: Recurrence, gmt = false, start = at(2001, 3, 6, 2, 0)): Schedule => ({
  start,
  gmt,
  recurrence,
});

describe('describeSchedule', () => {
  it('monthly by weekday with a zone label', () => {
    const s = schedule({ kind: 'monthlyByWeekday', week: 2, day: 2, months: 1 }, false, at(2001, 3, 13, 2, 0));
    assert.equal(
      describeSchedule(s, 'America/New_York'),
      'every 2nd Tuesday of every month at 02:00 America/New_York, from 2001-03-13',
    );
  });

  it('monthly by weekday: last, every 3 months', () => {
    const s = schedule({ kind: 'monthlyByWeekday', week: 0, day: 5, months: 3 });
    assert.equal(describeSchedule(s), 'every last Friday of every 3 months at 02:00 local time, from 2001-03-06');
  });

  it('GMT schedules say UTC even when a zone label is given', () => {
    const s = schedule({ kind: 'interval', days: 1, hours: 0, minutes: 0 }, true, at(2001, 3, 6, 0, 30));
    assert.equal(describeSchedule(s, 'Europe/Berlin'), 'every day at 00:30 UTC, from 2001-03-06');
  });

  it('whole-day intervals keep a time of day; others name the first occurrence', () => {
    assert.equal(
      describeSchedule(schedule({ kind: 'interval', days: 3, hours: 0, minutes: 0 })),
      'every 3 days at 02:00 local time, from 2001-03-06',
    );
    assert.equal(
      describeSchedule(schedule({ kind: 'interval', days: 2, hours: 3, minutes: 0 })),
      'every 2 days 3 hours, from 2001-03-06 02:00 local time',
    );
    assert.equal(
      describeSchedule(schedule({ kind: 'interval', days: 0, hours: 1, minutes: 1 }), 'UTC'),
      'every 1 hour 1 minute, from 2001-03-06 02:00 UTC',
    );
  });

  it('weekly, every week and every 2 weeks', () => {
    assert.equal(
      describeSchedule(schedule({ kind: 'weekly', day: 1, weeks: 1 })),
      'every Monday at 02:00 local time, from 2001-03-06',
    );
    assert.equal(
      describeSchedule(schedule({ kind: 'weekly', day: 1, weeks: 2 })),
      'every 2 weeks on Monday at 02:00 local time, from 2001-03-06',
    );
  });

  it('monthly by date: last day, ordinals, and days some months lack', () => {
    assert.equal(
      describeSchedule(schedule({ kind: 'monthlyByDate', day: 0, months: 3 })),
      'on the last day of every 3 months at 02:00 local time, from 2001-03-06',
    );
    assert.equal(
      describeSchedule(schedule({ kind: 'monthlyByDate', day: 22, months: 1 })),
      'on the 22nd of every month at 02:00 local time, from 2001-03-06',
    );
    assert.equal(
      describeSchedule(schedule({ kind: 'monthlyByDate', day: 11, months: 1 })),
      'on the 11th of every month at 02:00 local time, from 2001-03-06',
    );
    assert.equal(
      describeSchedule(schedule({ kind: 'monthlyByDate', day: 31, months: 1 })),
      'on the 31st (or the last day of shorter months) of every month at 02:00 local time, from 2001-03-06',
    );
  });

  it('non-recurring', () => {
    assert.equal(describeSchedule(schedule({ kind: 'once' }, true)), 'once at 2001-03-06 02:00 UTC');
    assert.equal(describeSchedule(schedule({ kind: 'once' }), 'Asia/Tokyo'), 'once at 2001-03-06 02:00 Asia/Tokyo');
  });

  it('mentions a non-zero token duration, not a zero one', () => {
    const s = schedule({ kind: 'weekly', day: 1, weeks: 1 }, false, at(2012, 1, 1, 4, 0));
    assert.equal(
      describeSchedule({ ...s, duration: { days: 0, hours: 1, minutes: 30 } }),
      'every Monday at 04:00 local time, from 2012-01-01 (token duration 1 hour 30 minutes)',
    );
    assert.equal(
      describeSchedule({ ...s, duration: { days: 0, hours: 0, minutes: 0 } }),
      'every Monday at 04:00 local time, from 2012-01-01',
    );
  });
});

describe('describeAssignment', () => {
  it('events', () => {
    assert.equal(describeAssignment({ kind: 'event', event: 'asap' }), 'as soon as possible after the present time');
    assert.equal(describeAssignment({ kind: 'event', event: 'logon' }), 'at user logon');
    assert.equal(describeAssignment({ kind: 'event', event: 'logoff' }), 'at user logoff');
  });

  it('joins the schedules of a token with "; "', () => {
    const text = describeAssignment(
      {
        kind: 'schedule',
        source: 'token',
        schedules: [schedule({ kind: 'once' }), schedule({ kind: 'weekly', day: 0, weeks: 1 }, true)],
      },
      'America/New_York',
    );
    assert.equal(text, 'once at 2001-03-06 02:00 America/New_York; every Sunday at 02:00 UTC, from 2001-03-06');
  });
});
