/**
 * Import round trip (SPEC §9): random valid documents — collection ids that start with their
 * site's code and events before schedules, as an export implies — are written as a site export
 * by a test helper and imported again. Every field the export carries comes back; and once the
 * original install times, zones, verify cycles and horizon are put back, the findings are the same.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { analyzeText } from '../../server/src/core/analyze';
import { importSiteExport } from '../../server/src/core/index';
import { SMS_VERSIONS, WEEKDAY_NAMES, WEEK_ORDER_NAMES, type SmsVersion } from '../../server/src/core/model/types';
import type { Schedule } from '../../server/src/core/model/types';
import { encodeSchedule } from '../../server/src/core/tokens/codec';
import { plainSimulation } from '../helpers/findings';
import {
  type DocAdvertisement,
  type DocValue,
  type EventName,
  type ScheduleAssignment,
  type ScheduleStyle,
  scheduleOfForm,
  siteExportOf,
  tokenOfAssignment,
} from '../helpers/siteExport';

const ZONES = ['UTC', 'America/New_York', 'Europe/London', 'Australia/Sydney'] as const;
const SITE_CODE_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.split('');
const HEX = '0123456789ABCDEF'.split('');

/** A wall time in `[base, base + days)`, on a 5-minute grid (runs and passes meet often). */
const wallBetween = (base: string, days: number) =>
  fc
    .integer({ min: 0, max: days * 24 * 12 - 1 })
    .map((steps) => new Date(Date.parse(`${base}:00Z`) + steps * 5 * 60_000).toISOString().slice(0, 16));

/** Names as admins type them: letters, digits, spaces and YAML's special characters. */
const name = fc
  .string({ unit: fc.constantFrom(...'abcXYZ 019-#:&*!|>\'"%@`,[]{}?é'.split('')), minLength: 1, maxLength: 14 })
  .filter((s) => s.trim() === s && s !== '');

const siteCode = fc.array(fc.constantFrom(...SITE_CODE_CHARS), { minLength: 3, maxLength: 3 }).map((c) => c.join(''));
const hex5 = fc.array(fc.constantFrom(...HEX), { minLength: 5, maxLength: 5 }).map((c) => c.join(''));

/** Recurrences that stay small over a short horizon (no minute-level intervals). */
const recurrence = fc.oneof(
  fc.constant({}),
  fc
    .record({
      days: fc.integer({ min: 0, max: 7 }),
      hours: fc.integer({ min: 0, max: 23 }),
      minutes: fc.integer({ min: 0, max: 59 }),
    })
    .filter((e) => e.days * 24 + e.hours >= 6)
    .map((every) => ({ every })),
  fc
    .record({ day: fc.constantFrom(...WEEKDAY_NAMES), weeks: fc.integer({ min: 1, max: 4 }) })
    .map((weekly) => ({ weekly })),
  fc
    .record({
      week: fc.constantFrom(...WEEK_ORDER_NAMES),
      day: fc.constantFrom(...WEEKDAY_NAMES),
      months: fc.integer({ min: 1, max: 12 }),
    })
    .map((monthlyByWeekday) => ({ monthlyByWeekday })),
  fc
    .record({ day: fc.integer({ min: 0, max: 31 }), months: fc.integer({ min: 1, max: 12 }) })
    .map((monthlyByDate) => ({ monthlyByDate })),
);

/** A form assignment, or a token of one schedule with its own GMT bit, durations and (for once) an unused bit. */
const scheduleAssignment: fc.Arbitrary<ScheduleAssignment> = fc.oneof(
  fc.record({ at: wallBetween('2001-01-01T00:00', 90), recurrence }).map(({ at, recurrence: r }) => ({ at, ...r })),
  fc
    .record({
      at: wallBetween('2001-01-01T00:00', 90),
      recurrence,
      gmt: fc.boolean(),
      // Often none, so that --readable meets tokens it may rewrite (and must not when the GMT bit differs).
      duration: fc.oneof(
        fc.constant({ days: 0, hours: 0, minutes: 0 }),
        fc.record({
          days: fc.integer({ min: 0, max: 31 }),
          hours: fc.integer({ min: 0, max: 23 }),
          minutes: fc.integer({ min: 0, max: 59 }),
        }),
      ),
      unusedBit: fc.boolean(),
      lowerCase: fc.boolean(),
    })
    .map(({ at, recurrence: r, gmt, duration, unusedBit, lowerCase }) => {
      const base: Schedule = { ...scheduleOfForm({ at, ...r }, gmt), duration };
      let token = encodeSchedule(base);
      if (unusedBit && base.recurrence.kind === 'once') {
        // Bit 3 in a non-recurring token, as in Microsoft's own 0001128000080008 (SPEC §5 v1.1).
        token =
          token.slice(0, 8) +
          ((Number.parseInt(token.slice(8), 16) | 8) >>> 0).toString(16).toUpperCase().padStart(8, '0');
      }
      return { token: lowerCase ? token.toLowerCase() : token };
    }),
);

const EVENTS: readonly EventName[] = ['asap', 'logon', 'logoff'];

interface Original {
  readonly doc: DocValue;
  /** What the export cannot carry, put back before comparing findings. */
  readonly sites: { verifyCycle?: Record<string, unknown> }[];
  readonly collections: { timeZone: string; installed: unknown }[];
  readonly simulation: { from: string; days: number };
  readonly exportedAt: string;
  readonly style: ScheduleStyle;
  readonly readable: boolean;
}

const verifyCycle = fc.option(
  fc.record(
    {
      enabled: fc.boolean(),
      intervalDays: fc.integer({ min: 1, max: 40 }),
      durationMinutes: fc.integer({ min: 1, max: 240 }),
      ccimCycleHours: fc.integer({ min: 1, max: 48 }),
    },
    { requiredKeys: [] },
  ),
  { nil: undefined },
);

const installed = fc.oneof(
  wallBetween('2000-11-01T00:00', 60),
  fc.tuple(wallBetween('2000-11-01T00:00', 60), fc.integer({ min: 0, max: 20 * 24 * 60 })).map(([from, minutes]) => {
    const d = new Date(Date.parse(`${from}:00Z`) + minutes * 60_000);
    return { from, to: d.toISOString().slice(0, 16) };
  }),
);

const original: fc.Arbitrary<Original> = fc
  .record({
    codes: fc.uniqueArray(siteCode, { minLength: 1, maxLength: 3 }),
    collectionCount: fc.integer({ min: 1, max: 3 }),
    packageCount: fc.integer({ min: 1, max: 2 }),
    adCount: fc.integer({ min: 1, max: 3 }),
  })
  .chain(({ codes, collectionCount, packageCount, adCount }) =>
    fc
      .record({
        sites: fc.tuple(
          ...codes.map((code, i) =>
            fc.record({
              code: fc.constant(code),
              server: name,
              smsVersion: fc.constantFrom<SmsVersion>(...SMS_VERSIONS),
              parentIndex: i === 0 ? fc.constant(-1) : fc.integer({ min: -1, max: i - 1 }),
              verifyCycle,
            }),
          ),
        ),
        collections: fc.uniqueArray(
          fc.record({
            siteIndex: fc.integer({ min: 0, max: codes.length - 1 }),
            suffix: hex5,
            name,
            clients: fc.integer({ min: 1, max: 5000 }),
            timeZone: fc.constantFrom(...ZONES),
            installed,
          }),
          { minLength: collectionCount, maxLength: collectionCount, selector: (c) => `${c.siteIndex}/${c.suffix}` },
        ),
        packages: fc.array(
          fc.record({
            name,
            programs: fc.uniqueArray(
              fc.record({
                name,
                estimatedRunMinutes: fc.oneof(fc.integer({ min: 1, max: 1440 }), fc.constant('unknown' as const)),
              }),
              { maxLength: 2, selector: (p) => p.name },
            ),
          }),
          { minLength: packageCount, maxLength: packageCount },
        ),
        ads: fc.array(
          fc.record({
            name,
            collectionPick: fc.nat(),
            packagePick: fc.nat(),
            programPick: fc.nat(),
            presentTime: wallBetween('2000-12-15T00:00', 60),
            expirationTime: fc.option(wallBetween('2001-01-15T00:00', 120), { nil: undefined }),
            gmt: fc.boolean(),
            events: fc.subarray([...EVENTS]),
            schedules: fc.array(scheduleAssignment, { minLength: 1, maxLength: 5 }),
          }),
          { minLength: adCount, maxLength: adCount },
        ),
        exportedAt: wallBetween('2001-01-01T00:00', 365),
        from: wallBetween('2000-12-15T00:00', 30),
        days: fc.integer({ min: 30, max: 120 }),
        style: fc.constantFrom<ScheduleStyle>('string', 'strings', 'objects', 'mixed'),
        readable: fc.boolean(),
      })
      .map((g): Original => {
        const sites = g.sites.map((s) => ({
          code: s.code,
          server: s.server,
          smsVersion: s.smsVersion,
          ...(s.parentIndex >= 0 ? { parent: codes[s.parentIndex]! } : {}),
        }));
        const collections = g.collections.map((c) => ({
          id: `${codes[c.siteIndex]!}${c.suffix}`,
          name: c.name,
          site: codes[c.siteIndex]!,
          clients: c.clients,
        }));
        const packages = g.packages.map((p, i) => ({ id: `PKG${pad5(i)}`, name: p.name, programs: p.programs }));
        const withPrograms = packages.filter((p) => p.programs.length > 0);
        const advertisements: DocAdvertisement[] =
          withPrograms.length === 0
            ? []
            : g.ads.map((a, i) => {
                const pkg = withPrograms[a.packagePick % withPrograms.length]!;
                return {
                  id: `ADV${pad5(i)}`,
                  name: a.name,
                  package: pkg.id,
                  program: pkg.programs[a.programPick % pkg.programs.length]!.name,
                  collection: collections[a.collectionPick % collections.length]!.id,
                  presentTime: a.presentTime,
                  ...(a.expirationTime !== undefined ? { expirationTime: a.expirationTime } : {}),
                  ...(a.gmt ? { gmt: true } : {}),
                  assignments: [...a.events.map((event) => ({ event })), ...a.schedules],
                };
              });
        return {
          // Plain objects (fast-check's records have no prototype; the YAML read back has one).
          doc: JSON.parse(JSON.stringify({ sites, collections, packages, advertisements })) as DocValue,
          sites: g.sites.map((s) => (s.verifyCycle ? { verifyCycle: s.verifyCycle } : {})),
          collections: g.collections.map((c) => ({ timeZone: c.timeZone, installed: c.installed })),
          simulation: { from: g.from, days: g.days },
          exportedAt: g.exportedAt,
          style: g.style,
          readable: g.readable,
        };
      }),
  );

function pad5(n: number): string {
  return String(n).padStart(5, '0');
}

/** The original as a document text (with what the export does not carry). */
function originalText(o: Original): string {
  return stringify({
    version: 1,
    simulation: o.simulation,
    sites: o.doc.sites.map((s, i) => ({ ...s, ...o.sites[i] })),
    collections: o.doc.collections.map((c, i) => ({ ...c, ...o.collections[i] })),
    packages: o.doc.packages,
    advertisements: o.doc.advertisements,
  });
}

/** SP3 and SP4 report build 1493 like SP2: the admin names them with --sms-version. */
function smsVersionsOf(o: Original): Record<string, SmsVersion> {
  return Object.fromEntries(
    o.doc.sites
      .filter((s) => s.smsVersion === '2.0 SP3' || s.smsVersion === '2.0 SP4')
      .map((s) => [s.code, s.smsVersion]),
  );
}

interface ImportedDoc {
  sites: Record<string, unknown>[];
  collections: Record<string, unknown>[];
  packages: DocValue['packages'];
  advertisements: (Omit<DocAdvertisement, 'assignments'> & { assignments: Record<string, unknown>[] })[];
}

function importOf(o: Original): { text: string; value: ImportedDoc } {
  const exportText = JSON.stringify(siteExportOf(o.doc, o.exportedAt, o.style));
  const result = importSiteExport(exportText, { readable: o.readable, smsVersions: smsVersionsOf(o) });
  if (!result.ok) throw new Error(`refused at ${result.pointer}: ${result.message}`);
  return { text: result.yaml, value: parse(result.yaml) as ImportedDoc };
}

/** The tokens an assignment list holds once events are set aside (readable forms encoded back). */
function tokensOf(assignments: readonly Record<string, unknown>[], gmt: boolean): string[] {
  return assignments.filter((a) => !('event' in a)).map((a) => tokenOfAssignment(a as ScheduleAssignment, gmt));
}

function assertFieldsBack(o: Original, value: ImportedDoc): void {
  assert.deepEqual(
    value.sites.map((s) => ({
      code: s['code'],
      server: s['server'],
      smsVersion: s['smsVersion'],
      parent: s['parent'],
    })),
    o.doc.sites.map((s) => ({ code: s.code, server: s.server, smsVersion: s.smsVersion, parent: s.parent })),
  );
  assert.deepEqual(
    value.collections.map((c) => ({ id: c['id'], name: c['name'], site: c['site'], clients: c['clients'] })),
    o.doc.collections,
  );
  assert.deepEqual(value.packages, o.doc.packages);
  assert.equal(value.advertisements.length, o.doc.advertisements.length);
  o.doc.advertisements.forEach((ad, i) => {
    const back = value.advertisements[i]!;
    const gmt = ad.gmt === true;
    for (const key of [
      'id',
      'name',
      'package',
      'program',
      'collection',
      'presentTime',
      'expirationTime',
      'gmt',
    ] as const) {
      assert.deepEqual(back[key], ad[key], `${ad.id}.${key}`);
    }
    assert.deepEqual(
      back.assignments.filter((a) => 'event' in a),
      ad.assignments.filter((a) => 'event' in a),
    );
    assert.deepEqual(tokensOf(back.assignments, gmt), tokensOf(ad.assignments, gmt), `${ad.id} schedules`);
    if (!o.readable) assert.ok(back.assignments.every((a) => 'event' in a || 'token' in a));
  });
}

/** The imported document with the original's install times, zones, verify cycles and horizon. */
function restored(o: Original, value: ImportedDoc): string {
  return stringify({
    version: 1,
    simulation: o.simulation,
    sites: value.sites.map((s, i) => ({ ...s, ...o.sites[i] })),
    collections: value.collections.map((c, i) => ({ ...c, ...o.collections[i] })),
    packages: value.packages,
    advertisements: value.advertisements,
  });
}

describe('import round trip (property)', () => {
  it('gives back every field the export carries, and the same findings once the rest is put back', () => {
    fc.assert(
      fc.property(original, (o) => {
        const source = analyzeText(originalText(o));
        assert.deepEqual(
          source.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message),
          [],
          'the generated document is valid',
        );
        const { text, value } = importOf(o);
        const imported = analyzeText(text);
        assert.ok(!imported.diagnostics.some((d) => d.code === 'schema'), 'the imported document has no schema error');
        assertFieldsBack(o, value);
        const again = analyzeText(restored(o, value));
        assert.deepEqual(plainSimulation(again.simulation), plainSimulation(source.simulation));
      }),
      { numRuns: Number(process.env.IMPORT_RUNS ?? 300) },
    );
  });
});
