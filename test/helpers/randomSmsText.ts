/**
 * Random valid `*.sms.yaml` texts for property tests of authoring features (conversions, the
 * re-time fix): small documents whose runs often meet verify passes (short intervals, a
 * 15-minute grid), in zones with DST, with every assignment form written in several styles
 * (block and flow recurrences, defaults left out or written, quoted or plain `at`) and tokens
 * with and without durations, GMT bits, unused bits, several schedules or lower-case digits.
 */
import fc from 'fast-check';
import { fromWallMs } from '../../server/src/core/engine/time';
import { formatLocalDateTime } from '../../server/src/core/model/localDateTime';
import {
  WEEKDAY_NAMES,
  WEEK_ORDER_NAMES,
  type LocalDateTime,
  type Recurrence,
  type Schedule,
  type Weekday,
  type WeekOrder,
} from '../../server/src/core/model/types';
import { encodeSchedule } from '../../server/src/core/tokens/codec';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const ZONES = ['UTC', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe'] as const;
/** Near the 2001 DST changes (March, October). */
const ANCHORS = [Date.UTC(2001, 2, 20), Date.UTC(2001, 9, 20)];

export interface RandomSmsText {
  readonly text: string;
  /** Passed to the engine with the text (`defaultRunMinutes`). */
  readonly defaultRunMinutes: number;
}

const wallNear = (base: number, minDays: number, maxDays: number): fc.Arbitrary<LocalDateTime> =>
  fc.integer({ min: minDays * 96, max: maxDays * 96 }).map((q) => fromWallMs(base + q * 15 * MINUTE));

const weekday = fc.integer({ min: 0, max: 6 }) as fc.Arbitrary<Weekday>;

const recurrence: fc.Arbitrary<Recurrence> = fc.oneof(
  fc.constant<Recurrence>({ kind: 'once' }),
  fc.integer({ min: 1, max: 3 * 96 }).map((q): Recurrence => ({
    kind: 'interval',
    days: Math.floor((q * 15) / 1440),
    hours: Math.floor((q * 15) / 60) % 24,
    minutes: (q * 15) % 60,
  })),
  fc.record({ kind: fc.constant('weekly' as const), day: weekday, weeks: fc.integer({ min: 1, max: 4 }) }),
  fc.record({
    kind: fc.constant('monthlyByWeekday' as const),
    week: fc.integer({ min: 0, max: 4 }) as fc.Arbitrary<WeekOrder>,
    day: weekday,
    months: fc.integer({ min: 1, max: 2 }),
  }),
  fc.record({
    kind: fc.constant('monthlyByDate' as const),
    day: fc.integer({ min: 0, max: 31 }),
    months: fc.integer({ min: 1, max: 2 }),
  }),
);

/** A recurrence entry as a user may write it: flow or block, defaults written or left out. */
function recurrenceLines(r: Recurrence, style: { block: boolean; defaults: boolean }): string[] {
  const members: [string, string | number][] = [];
  let key: string;
  switch (r.kind) {
    case 'once':
      return [];
    case 'interval':
      key = 'every';
      for (const unit of ['days', 'hours', 'minutes'] as const) {
        if (r[unit] !== 0 || style.defaults) members.push([unit, r[unit]]);
      }
      break;
    case 'weekly':
      key = 'weekly';
      members.push(['day', WEEKDAY_NAMES[r.day]]);
      if (r.weeks !== 1 || style.defaults) members.push(['weeks', r.weeks]);
      break;
    case 'monthlyByWeekday':
      key = 'monthlyByWeekday';
      members.push(['week', WEEK_ORDER_NAMES[r.week]], ['day', WEEKDAY_NAMES[r.day]]);
      if (r.months !== 1 || style.defaults) members.push(['months', r.months]);
      break;
    case 'monthlyByDate':
      key = 'monthlyByDate';
      members.push(['day', r.day]);
      if (r.months !== 1 || style.defaults) members.push(['months', r.months]);
      break;
  }
  if (!style.block) return [`${key}: { ${members.map(([k, v]) => `${k}: ${v}`).join(', ')} }`];
  return [`${key}:`, ...members.map(([k, v]) => `  ${k}: ${v}`)];
}

/** One assignment item, as lines without the list indentation (the first starts with `- `). */
function assignmentItem(adGmt: boolean, from: number, days: number): fc.Arbitrary<string[]> {
  const start = fc.oneof(wallNear(from, -10, 2), wallNear(from, -10, days + 2));
  const form = fc
    .record({
      start,
      recurrence,
      block: fc.boolean(),
      defaults: fc.boolean(),
      quoted: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
      flowItem: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
    })
    .map(({ start, recurrence, block, defaults, quoted, flowItem }) => {
      const at = quoted ? `"${formatLocalDateTime(start)}"` : formatLocalDateTime(start);
      if (flowItem)
        return [
          `- { at: ${at}${recurrenceLines(recurrence, { block: false, defaults })
            .map((l) => `, ${l}`)
            .join('')} }`,
        ];
      const [first, ...rest] = [`at: ${at}`, ...recurrenceLines(recurrence, { block, defaults })];
      return [`- ${first}`, ...rest.map((l) => `  ${l}`)];
    });
  const schedule: fc.Arbitrary<Schedule> = fc.record({
    start,
    // Mostly the advertisement's own flag, so that many tokens have a readable form.
    gmt: fc.oneof({ weight: 3, arbitrary: fc.constant(adGmt) }, { weight: 1, arbitrary: fc.boolean() }),
    recurrence,
    duration: fc.oneof(
      { weight: 3, arbitrary: fc.constant({ days: 0, hours: 0, minutes: 0 }) },
      {
        weight: 1,
        arbitrary: fc.record({
          days: fc.integer({ min: 0, max: 2 }),
          hours: fc.integer({ min: 0, max: 5 }),
          minutes: fc.integer({ min: 0, max: 59 }),
        }),
      },
    ),
  });
  const token = fc
    .record({
      schedules: fc.oneof(
        { weight: 4, arbitrary: schedule.map((s) => [s]) },
        { weight: 1, arbitrary: fc.array(schedule, { minLength: 2, maxLength: 2 }) },
      ),
      lowerCase: fc.integer({ min: 0, max: 6 }).map((n) => n === 0),
      unusedBit: fc.integer({ min: 0, max: 6 }).map((n) => n === 0),
      flowItem: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
    })
    .map(({ schedules, lowerCase, unusedBit, flowItem }) => {
      let hex = schedules.map(encodeSchedule).join('');
      // Bit 3 of a non-recurring token is one its type does not use (SPEC §5 v1.1: 0001128000080008).
      if (unusedBit && schedules.length === 1 && schedules[0]!.recurrence.kind === 'once') {
        hex = hex.slice(0, 8) + ((parseInt(hex.slice(8), 16) | 8) >>> 0).toString(16).toUpperCase().padStart(8, '0');
      }
      const entry = `token: "${lowerCase ? hex.toLowerCase() : hex}"`;
      return [flowItem ? `- { ${entry} }` : `- ${entry}`];
    });
  const event = fc.constantFrom('asap', 'logon', 'logoff').map((e) => [`- event: ${e}`]);
  return fc.oneof({ weight: 1, arbitrary: event }, { weight: 4, arbitrary: form }, { weight: 3, arbitrary: token });
}

export function randomSmsText(): fc.Arbitrary<RandomSmsText> {
  return fc
    .record({
      anchor: fc.constantFrom(...ANCHORS),
      startQuarterHours: fc.integer({ min: 0, max: 10 * 96 }),
      days: fc.integer({ min: 7, max: 45 }),
      defaultRunMinutes: fc.integer({ min: 15, max: 180 }),
    })
    .chain(({ anchor, startQuarterHours, days, defaultRunMinutes }) => {
      const from = anchor + startQuarterHours * 15 * MINUTE;
      const site = fc.record({
        enabled: fc.integer({ min: 0, max: 9 }).map((n) => n > 0),
        intervalDays: fc.integer({ min: 1, max: 6 }),
        durationMinutes: fc.integer({ min: 5, max: 90 }),
        ccimCycleHours: fc.integer({ min: 1, max: 30 }),
      });
      const collection = fc.record({
        site: fc.constantFrom('S01', 'S02'),
        clients: fc.integer({ min: 1, max: 500 }),
        timeZone: fc.constantFrom(...ZONES),
        installed: fc.oneof(
          wallNear(from, -40, 0).map((at) => formatLocalDateTime(at)),
          fc
            .tuple(fc.integer({ min: -40 * 96, max: 0 }), fc.integer({ min: 1, max: 2 * 96 }))
            .map(
              ([q, length]) =>
                `{ from: ${formatLocalDateTime(fromWallMs(from + q * 15 * MINUTE))}, to: ${formatLocalDateTime(fromWallMs(from + (q + length) * 15 * MINUTE))} }`,
            ),
        ),
      });
      const advertisement = (collections: number) =>
        fc.record({ gmt: fc.boolean() }).chain(({ gmt }) =>
          fc.record({
            gmt: fc.constant(gmt),
            collection: fc.integer({ min: 1, max: collections }),
            program: fc.constantFrom('short', 'long', 'unknown'),
            presentTime: wallNear(from, -5, Math.floor(days / 3)),
            expirationDays: fc.option(fc.integer({ min: 1, max: days + 5 }), { nil: undefined }),
            assignments: fc.array(assignmentItem(gmt, from, days), { minLength: 1, maxLength: 4 }),
          }),
        );
      return fc
        .record({ collectionCount: fc.integer({ min: 1, max: 3 }), adCount: fc.integer({ min: 1, max: 3 }) })
        .chain(({ collectionCount, adCount }) =>
          fc.record({
            sites: fc.tuple(site, site),
            collections: fc.array(collection, { minLength: collectionCount, maxLength: collectionCount }),
            advertisements: fc.array(advertisement(collectionCount), { minLength: adCount, maxLength: adCount }),
            shortRun: fc.integer({ min: 5, max: 60 }),
            longRun: fc.integer({ min: 61, max: 240 }),
          }),
        )
        .map((spec) => {
          const lines = [
            'version: 1',
            'simulation:',
            `  from: ${formatLocalDateTime(fromWallMs(from))}`,
            `  days: ${days}`,
            'sites:',
          ];
          spec.sites.forEach((s, i) => {
            lines.push(
              `  - code: S0${i + 1}`,
              `    server: SRV0${i + 1}`,
              '    smsVersion: "2.0 SP2"',
              '    verifyCycle:',
            );
            for (const [key, value] of Object.entries(s)) lines.push(`      ${key}: ${value}`);
          });
          lines.push('collections:');
          spec.collections.forEach((c, i) => {
            lines.push(`  - id: C${i + 1}`, `    name: Collection ${i + 1}`, `    site: ${c.site}`);
            lines.push(`    clients: ${c.clients}`, `    timeZone: ${c.timeZone}`, `    installed: ${c.installed}`);
          });
          lines.push('packages:', '  - id: P1', '    name: Package', '    programs:');
          lines.push('      - name: short', `        estimatedRunMinutes: ${spec.shortRun}`);
          lines.push('      - name: long', `        estimatedRunMinutes: ${spec.longRun}`);
          lines.push('      - name: unknown', '        estimatedRunMinutes: unknown');
          lines.push('advertisements:');
          spec.advertisements.forEach((a, i) => {
            lines.push(`  - id: AD${i + 1}`, `    name: Advertisement ${i + 1}`, '    package: P1');
            lines.push(`    program: ${a.program}`, `    collection: C${a.collection}`);
            lines.push(`    presentTime: ${formatLocalDateTime(a.presentTime)}`);
            if (a.expirationDays !== undefined) {
              const present = Date.UTC(a.presentTime.year, a.presentTime.month - 1, a.presentTime.day);
              lines.push(`    expirationTime: ${formatLocalDateTime(fromWallMs(present + a.expirationDays * DAY))}`);
            }
            if (a.gmt || i % 2 === 0) lines.push(`    gmt: ${a.gmt}`);
            lines.push('    assignments:');
            for (const item of a.assignments) for (const line of item) lines.push(`      ${line}`);
          });
          return { text: lines.join('\n') + '\n', defaultRunMinutes };
        });
    });
}
