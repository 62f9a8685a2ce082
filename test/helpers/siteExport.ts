/**
 * A document's value as an SMS site export (SPEC §9.1), as the exporter would write it from a
 * hierarchy the document describes: the property test imports it again. Only what the SMS
 * Provider holds is written (no install times, zones, verify cycles or horizon).
 */
import type { LocalDateTime, Schedule, SmsVersion } from '../../server/src/core/model/types';
import { decodeTokens, encodeSchedule } from '../../server/src/core/tokens/codec';
import { scheduleFromJson } from '../../server/src/core/tokens/json';

export type EventName = 'asap' | 'logon' | 'logoff';

/** A document's schedule assignment: the readable form (SPEC §3) or one token. */
export type ScheduleAssignment =
  | { at: string; every?: object; weekly?: object; monthlyByWeekday?: object; monthlyByDate?: object }
  | { token: string };

export interface DocSite {
  code: string;
  server: string;
  smsVersion: SmsVersion;
  parent?: string;
}
export interface DocCollection {
  id: string;
  name: string;
  site: string;
  clients: number;
}
export interface DocPackage {
  id: string;
  name: string;
  programs: { name: string; estimatedRunMinutes: number | 'unknown' }[];
}
export interface DocAdvertisement {
  id: string;
  name: string;
  package: string;
  program: string;
  collection: string;
  presentTime: string;
  expirationTime?: string;
  gmt?: boolean;
  assignments: ({ event: EventName } | ScheduleAssignment)[];
}
export interface DocValue {
  sites: DocSite[];
  collections: DocCollection[];
  packages: DocPackage[];
  advertisements: DocAdvertisement[];
}

/** How the export writes each advertisement's AssignedSchedule. */
export type ScheduleStyle = 'string' | 'strings' | 'objects' | 'mixed';

const BUILDS: Record<SmsVersion, number> = {
  '2.0': 1239,
  '2.0 SP1': 1380,
  '2.0 SP2': 1493,
  '2.0 SP3': 1493,
  '2.0 SP4': 1493,
};
const EVENT_BITS: Record<EventName, number> = { asap: 0x20, logon: 0x200, logoff: 0x400 };

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `2001-03-06T02:00` → `20010306020000.000000+***` */
export function dmtfOf(wall: string): string {
  return `${wall.slice(0, 4)}${wall.slice(5, 7)}${wall.slice(8, 10)}${wall.slice(11, 13)}${wall.slice(14, 16)}00.000000+***`;
}

function dmtfOfFields(t: LocalDateTime): string {
  return `${pad(t.year, 4)}${pad(t.month)}${pad(t.day)}${pad(t.hour)}${pad(t.minute)}00.000000+***`;
}

/** The schedule of a readable assignment, read with the advertisement's gmt. */
export function scheduleOfForm(a: ScheduleAssignment, gmt: boolean): Schedule {
  const read = scheduleFromJson({ ...a, gmt });
  if (!read.ok) throw new Error(`test document holds a bad schedule: ${read.reason}`);
  return read.schedule;
}

/** The token the export carries for a schedule assignment: a token as written, a form encoded. */
export function tokenOfAssignment(a: ScheduleAssignment, gmt: boolean): string {
  return 'token' in a ? a.token.toUpperCase() : encodeSchedule(scheduleOfForm(a, gmt));
}

/** SMS_ST_* properties of a schedule (RG Tables B.35-B.37): SMS days are 1 = Sunday. */
function scheduleObject(s: Schedule): Record<string, unknown> {
  const d = s.duration ?? { days: 0, hours: 0, minutes: 0 };
  const base = {
    StartTime: dmtfOfFields(s.start),
    IsGMT: s.gmt,
    DayDuration: d.days,
    HourDuration: d.hours,
    MinuteDuration: d.minutes,
  };
  const r = s.recurrence;
  switch (r.kind) {
    case 'once':
      return { __CLASS: 'SMS_ST_NonRecurring', ...base };
    case 'interval':
      return { __CLASS: 'SMS_ST_RecurInterval', ...base, DaySpan: r.days, HourSpan: r.hours, MinuteSpan: r.minutes };
    case 'weekly':
      return { __CLASS: 'SMS_ST_RecurWeekly', ...base, Day: r.day + 1, ForNumberOfWeeks: r.weeks };
    case 'monthlyByWeekday':
      return {
        __CLASS: 'SMS_ST_RecurMonthlyByWeekday',
        ...base,
        Day: r.day + 1,
        WeekOrder: r.week,
        ForNumberOfMonths: r.months,
      };
    case 'monthlyByDate':
      return { __CLASS: 'SMS_ST_RecurMonthlyByDate', ...base, MonthDay: r.day, ForNumberOfMonths: r.months };
  }
}

const bits = (from: number, to: number): number => (2 ** (to + 1) - 2 ** from) >>> 0;
/** Low-word bits each token type uses (SPEC §5); durations, type and GMT are common to all. */
const COMMON_BITS = bits(19, 31) | 1;
const TYPE_BITS: Record<number, number> = {
  1: 0,
  2: bits(3, 18),
  3: bits(13, 18),
  4: bits(9, 18),
  5: bits(10, 18),
};

/** Whether a token sets low-word bits its type does not use (SPEC §5 v1.1): no SMS_ST_* object carries them. */
export function hasUnusedBits(token: string): boolean {
  const lo = Number.parseInt(token.slice(8, 16), 16);
  const used = COMMON_BITS | (TYPE_BITS[(lo >>> 19) & 7] ?? 0);
  return (lo & ~used) !== 0;
}

/** A token as an object when an object can carry it exactly (no unused bits), else as its string. */
function objectOrString(token: string): unknown {
  const decoded = decodeTokens(token);
  const schedule = decoded.ok ? decoded.schedules[0] : undefined;
  return schedule !== undefined && !hasUnusedBits(token) ? scheduleObject(schedule) : token;
}

function assignedSchedule(tokens: readonly string[], style: ScheduleStyle): unknown {
  switch (style) {
    case 'string':
      return tokens.join('');
    case 'strings':
      return [...tokens];
    case 'objects':
      return tokens.map(objectOrString);
    case 'mixed':
      return tokens.map((t, i) => (i % 2 === 0 ? objectOrString(t) : t.toLowerCase()));
  }
}

function advertisementExport(ad: DocAdvertisement, style: ScheduleStyle): Record<string, unknown> {
  const gmt = ad.gmt === true;
  let flags = 0;
  const tokens: string[] = [];
  for (const a of ad.assignments) {
    if ('event' in a) flags |= EVENT_BITS[a.event];
    else tokens.push(tokenOfAssignment(a, gmt));
  }
  return {
    AdvertisementID: ad.id,
    AdvertisementName: ad.name,
    PackageID: ad.package,
    ProgramName: ad.program,
    CollectionID: ad.collection,
    PresentTime: dmtfOf(ad.presentTime),
    PresentTimeIsGMT: gmt,
    // A disabled expiration still has a time in SMS (the provider's default date).
    ExpirationTime: dmtfOf(ad.expirationTime ?? '1990-01-01T00:00'),
    ExpirationTimeEnabled: ad.expirationTime !== undefined,
    ExpirationTimeIsGMT: gmt,
    AdvertFlags: flags,
    AssignedScheduleEnabled: tokens.length > 0,
    AssignedScheduleIsGMT: gmt,
    AssignedSchedule: assignedSchedule(tokens, style),
  };
}

/** The export of `doc`, exported at `exportedAt` (a wall time), schedules written in `style`. */
export function siteExportOf(doc: DocValue, exportedAt: string, style: ScheduleStyle): Record<string, unknown> {
  return {
    format: 'sms-schedule-export',
    formatVersion: 1,
    exportedAt: dmtfOf(exportedAt),
    sites: doc.sites.map((s) => ({
      SiteCode: s.code,
      ServerName: s.server,
      ReportingSiteCode: s.parent ?? '',
      BuildNumber: BUILDS[s.smsVersion],
    })),
    collections: doc.collections.map((c) => ({
      CollectionID: c.id,
      Name: c.name,
      MemberClassName: `SMS_CM_RES_COLL_${c.id}`,
      MemberCount: c.clients,
    })),
    packages: doc.packages.map((p) => ({ PackageID: p.id, Name: p.name })),
    programs: doc.packages.flatMap((p) =>
      p.programs.map((g) => ({
        PackageID: p.id,
        ProgramName: g.name,
        Duration: g.estimatedRunMinutes === 'unknown' ? 0 : g.estimatedRunMinutes,
      })),
    ),
    advertisements: doc.advertisements.map((a) => advertisementExport(a, style)),
  };
}
