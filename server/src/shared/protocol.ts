/**
 * The contract between the extension (client) and the language server: command ids, settings and
 * the simulation timeline. Types and constants only, so the thin client can import it.
 */

export const LANGUAGE_ID = 'sms-schedule';
export const DIAGNOSTIC_SOURCE = 'sms-schedule';

/** Server-side commands (workspace/executeCommand). */
export const ServerCommands = {
  /** args: [uri: string] → Timeline */
  simulate: 'smsSchedule.server.simulate',
  /** args: [uri: string] → { markdown: string; json: unknown; fileUri: string } */
  cliverify: 'smsSchedule.server.cliverify',
  /** args: [token: string] → { ok: true; description: string; json: unknown } | { ok: false; reason: string } */
  decodeToken: 'smsSchedule.server.decodeToken',
} as const;

/** Client-side commands (contributed to the command palette). */
export const ClientCommands = {
  simulate: 'smsSchedule.simulate',
  generateCliverify: 'smsSchedule.generateCliverify',
  decodeToken: 'smsSchedule.decodeToken',
  /** args: [uri: string, line: number, character: number] — reveal a position (timeline clicks, CodeLens). */
  reveal: 'smsSchedule.reveal',
} as const;

export type SimulateMode = 'onSave' | 'onType' | 'off';

export interface ServerSettings {
  readonly simulate: SimulateMode;
  /** Overrides the document's `simulation.days` when set. */
  readonly horizonDays: number | null;
  readonly defaultRunMinutes: number;
  readonly maxProblems: number;
}

export const DEFAULT_SETTINGS: ServerSettings = {
  simulate: 'onSave',
  horizonDays: null,
  defaultRunMinutes: 120,
  maxProblems: 200,
};

/** ISO strings (UTC, `Z`) so the payload is plain JSON. */
export interface TimelineRun {
  readonly start: string;
  readonly end: string;
}

export interface TimelineBand {
  readonly earliest: string;
  readonly latest: string;
  readonly durationMinutes: number;
}

export interface TimelineFinding {
  readonly kind: 'interruption' | 'delay';
  readonly runStart: string;
  readonly runEnd?: string;
  readonly verifyEarliest: string;
  readonly verifyLatest: string;
  readonly likelihood?: number;
  readonly clientsAtRisk?: number;
  readonly assignment: number;
}

export interface TimelineRow {
  readonly advertisement: string;
  readonly advertisementName: string;
  readonly collection: string;
  readonly collectionName: string;
  readonly site: string;
  /** Where a click jumps: the advertisement's first assignment (0-based LSP position). */
  readonly location: { readonly line: number; readonly character: number };
  /** Runs in the horizon, capped at `runsTruncated` for very dense schedules. */
  readonly runs: readonly TimelineRun[];
  readonly runsTruncated: boolean;
  readonly passes: readonly TimelineBand[];
  readonly findings: readonly TimelineFinding[];
}

export interface Timeline {
  readonly uri: string;
  readonly version: number | null;
  readonly horizon: { readonly from: string; readonly to: string };
  readonly rows: readonly TimelineRow[];
  readonly summary: { readonly interruptions: number; readonly delays: number; readonly clientsAtRisk: number };
  /** Set when the document has errors and no timeline could be computed. */
  readonly error?: string;
}
