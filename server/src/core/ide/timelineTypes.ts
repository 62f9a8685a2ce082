/** The simulation timeline as plain JSON (the client's webview draws it; protocol.ts re-exports these). */

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
