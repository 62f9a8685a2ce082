/**
 * The typed model of one `*.sms.yaml` document (SPEC §3), built from a schema-valid YAML value.
 * Pure data: no YAML nodes, no LSP types. Every item keeps its index in its YAML list so that
 * findings can be mapped back to source ranges (see `paths.ts`).
 */

/** A wall-clock time with minute precision, as written in the document (no zone, no offset). */
export interface LocalDateTime {
  readonly year: number;
  readonly month: number; // 1..12
  readonly day: number; // 1..31
  readonly hour: number; // 0..23
  readonly minute: number; // 0..59
}

export type SmsVersion = '2.0' | '2.0 SP1' | '2.0 SP2' | '2.0 SP3' | '2.0 SP4';
export const SMS_VERSIONS: readonly SmsVersion[] = ['2.0', '2.0 SP1', '2.0 SP2', '2.0 SP3', '2.0 SP4'];

export interface VerifyCycle {
  readonly enabled: boolean;
  readonly intervalDays: number;
  readonly durationMinutes: number;
  readonly ccimCycleHours: number;
}

export const DEFAULT_VERIFY_CYCLE: VerifyCycle = {
  enabled: true,
  intervalDays: 30,
  durationMinutes: 30,
  ccimCycleHours: 23,
};

export interface Site {
  readonly index: number;
  readonly code: string;
  readonly server: string;
  readonly smsVersion: SmsVersion;
  readonly parent?: string;
  readonly verifyCycle: VerifyCycle;
}

/** Client install time: one wall time, or a rollout window with clients spread uniformly. */
export type Installed =
  | { readonly kind: 'exact'; readonly at: LocalDateTime }
  | { readonly kind: 'window'; readonly from: LocalDateTime; readonly to: LocalDateTime };

export interface Collection {
  readonly index: number;
  readonly id: string;
  readonly name: string;
  readonly site: string;
  readonly clients: number;
  /** IANA zone; "UTC" by default. */
  readonly timeZone: string;
  readonly installed: Installed;
}

export type RunMinutes = number | 'unknown';

export interface Program {
  readonly index: number;
  readonly name: string;
  readonly estimatedRunMinutes: RunMinutes;
}

export interface Package {
  readonly index: number;
  readonly id: string;
  readonly name: string;
  readonly programs: readonly Program[];
}

/** 0 = Sunday .. 6 = Saturday (tokens store 1..7; the token codec converts). */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;
export const WEEKDAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type WeekdayName = (typeof WEEKDAY_NAMES)[number];

/** 1..4 = first..fourth, 0 = last (as in SMS_ST_RecurMonthlyByWeekday.WeekOrder). */
export type WeekOrder = 0 | 1 | 2 | 3 | 4;
export const WEEK_ORDER_NAMES = ['last', 'first', 'second', 'third', 'fourth'] as const;
export type WeekOrderName = (typeof WEEK_ORDER_NAMES)[number];

export type Recurrence =
  | { readonly kind: 'once' }
  | { readonly kind: 'interval'; readonly days: number; readonly hours: number; readonly minutes: number }
  | { readonly kind: 'weekly'; readonly day: Weekday; readonly weeks: number }
  | { readonly kind: 'monthlyByWeekday'; readonly week: WeekOrder; readonly day: Weekday; readonly months: number }
  /** day 0 = last day of the month */
  | { readonly kind: 'monthlyByDate'; readonly day: number; readonly months: number };

export type RecurrenceKind = Recurrence['kind'];

/** Duration fields of a schedule token: kept and shown, but they do not change runs (SPEC §4). */
export interface TokenDuration {
  readonly days: number;
  readonly hours: number;
  readonly minutes: number;
}

/** One schedule: a start wall time, whether it is UTC, and how it recurs. */
export interface Schedule {
  readonly start: LocalDateTime;
  /** true: `start` is UTC; false: it is a wall time in the collection's zone. */
  readonly gmt: boolean;
  readonly recurrence: Recurrence;
  /** Present only for schedules decoded from a token. */
  readonly duration?: TokenDuration;
  /**
   * Low-word bits the token's type does not use (SPEC §5 v1.1), kept so the token is written back
   * exactly; the engine ignores them. Present only when non-zero.
   */
  readonly unusedBits?: number;
}

export type EventName = 'asap' | 'logon' | 'logoff';

export type Assignment =
  | { readonly kind: 'event'; readonly event: EventName }
  /** A form (`at` + recurrence) gives one schedule; a `token` may concatenate several. */
  | { readonly kind: 'schedule'; readonly source: 'form' | 'token'; readonly schedules: readonly Schedule[] };

export interface Advertisement {
  readonly index: number;
  readonly id: string;
  readonly name: string;
  readonly package: string;
  readonly program: string;
  readonly collection: string;
  readonly presentTime: LocalDateTime;
  readonly expirationTime?: LocalDateTime;
  /** true: presentTime, expirationTime and `at` are UTC. */
  readonly gmt: boolean;
  readonly assignments: readonly Assignment[];
}

export interface SimulationSettings {
  /** UTC wall time; default: earliest presentTime instant (SPEC §4.1 rule 9). */
  readonly from?: LocalDateTime;
  /** 1..3660, default 365. */
  readonly days?: number;
}

export interface SmsDocument {
  readonly version: 1;
  readonly simulation: SimulationSettings;
  readonly sites: readonly Site[];
  readonly collections: readonly Collection[];
  readonly packages: readonly Package[];
  readonly advertisements: readonly Advertisement[];
}
