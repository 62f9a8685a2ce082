/** The simulation timeline and its what-if as plain JSON (the client's webview draws it; protocol.ts re-exports these). */

/** Verify-cycle values to try on one site; a missing member keeps the document's value. */
export interface VerifyCycleOverride {
  /** "Periodically Verify Client Installation". */
  readonly enabled?: boolean;
  /** "Verify Interval", integer 1..365 days. */
  readonly intervalDays?: number;
  /** Our model: how long a pass keeps Smsapm32 down, integer 1..1440 minutes. */
  readonly durationMinutes?: number;
}

/** A what-if: overrides by site code. */
export type WhatIf = Readonly<Record<string, VerifyCycleOverride>>;

/** `edit` is an LSP WorkspaceEdit, null when the document already has those values. */
export type ApplyWhatIfResult =
  { readonly ok: true; readonly edit: object | null } | { readonly ok: false; readonly reason: string };

/** A site's verify-cycle values as the document (or the what-if) sets them. */
export interface TimelineSite {
  readonly code: string;
  readonly server: string;
  readonly smsVersion: string;
  readonly enabled: boolean;
  readonly intervalDays: number;
  readonly durationMinutes: number;
}

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
  /** The sites with the verify-cycle values this timeline was simulated with (the what-if's, if any). */
  readonly sites?: readonly TimelineSite[];
  /** The what-if this timeline was simulated with; absent for the document as written. */
  readonly whatIf?: WhatIf;
  /** Set when the document has errors and no timeline could be computed. */
  readonly error?: string;
}
