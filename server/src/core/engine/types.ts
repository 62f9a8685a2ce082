/**
 * What the interruption engine returns (SPEC §4). Instants are epoch milliseconds (UTC);
 * the output layer formats them as `YYYY-MM-DDTHH:mm:ssZ`.
 */
import type { FindingList } from './findingTable';

export interface SimulationOptions {
  /** Horizon start (instant, ms). Default: SPEC §4.1 rule 9. */
  readonly from?: number;
  /** Horizon length in days. Default: the document's `simulation.days`, else 365. */
  readonly days?: number;
  /** Run length assumed for `estimatedRunMinutes: unknown` (default 120). */
  readonly defaultRunMinutes?: number;
}

export interface Horizon {
  readonly from: number;
  readonly to: number;
}

/** A verify pass of a collection: a start band [earliest, latest] (equal for an exact install). */
export interface VerifyPass {
  readonly collection: string;
  /** 1-based pass number since install. */
  readonly n: number;
  readonly earliest: number;
  readonly latest: number;
  readonly durationMinutes: number;
}

export interface Interruption {
  readonly advertisement: string;
  readonly collection: string;
  /** 0-based index in the advertisement's `assignments`. */
  readonly assignment: number;
  readonly runStart: number;
  readonly runEnd: number;
  readonly verifyEarliest: number;
  readonly verifyLatest: number;
  readonly likelihood: number;
  readonly clientsAtRisk: number;
}

export interface Delay {
  readonly advertisement: string;
  readonly collection: string;
  readonly assignment: number;
  readonly runStart: number;
  readonly verifyEarliest: number;
  readonly verifyLatest: number;
}

/** Information the engine wants shown (SPEC §6 `run-time-unknown`, `event-not-simulated`). */
export type EngineNote =
  | { readonly kind: 'run-time-unknown'; readonly advertisement: string; readonly assumedMinutes: number }
  | {
      readonly kind: 'event-not-simulated';
      readonly advertisement: string;
      readonly assignment: number;
      readonly event: 'logon' | 'logoff';
    };

/** One run of an assignment: [start, end) in instants. */
export interface Run {
  readonly start: number;
  readonly end: number;
}

/** The runs of one assignment in a horizon, as listed for the timeline view (capped). */
export interface RunList {
  readonly runs: readonly Run[];
  /** More runs exist in the horizon than the cap allowed. */
  readonly truncated: boolean;
}

export interface SimulationResult {
  readonly horizon: Horizon;
  /** Sorted per SPEC §4.1 rule 10; kept in columns, read as objects on demand. */
  readonly interruptions: FindingList<Interruption>;
  readonly delays: FindingList<Delay>;
  readonly notes: readonly EngineNote[];
}
