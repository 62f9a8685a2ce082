/**
 * Diagnostics as the core produces them (SPEC §6): LSP-shaped positions (0-based lines, UTF-16
 * columns) but no LSP dependency, so the CLI, the server and the tests share one shape.
 */
import type { DiagnosticData } from './diagnosticData';

export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

/** Half-open UTF-16 offsets into the document text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export type DiagnosticCode =
  | 'yaml-syntax'
  | 'schema'
  | 'unresolved-reference'
  | 'duplicate-id'
  | 'invalid-token'
  | 'expiration-before-present'
  | 'verify-interrupts-run'
  | 'verify-delays-run'
  | 'run-time-unknown'
  | 'event-not-simulated'
  /** SPEC §6 v1.1: a site of "2.0 SP3"/"2.0 SP4", levels Q283130 does not list (information). */
  | 'unconfirmed-sms-version'
  /** Extension of SPEC §6: findings beyond a cap are summarised in one diagnostic. */
  | 'too-many-findings'
  /** Extension of SPEC §6 (language server): a document over the size limit is not checked. */
  | 'document-too-large'
  /** SPEC §6 v1.1 / §6.1: an accept comment that cannot accept what it names, or accepts nothing. */
  | 'accept-invalid'
  | 'accept-unused';

export interface RelatedInformation {
  readonly range: Range;
  readonly message: string;
}

export interface CoreDiagnostic {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  readonly message: string;
  readonly range: Range;
  readonly related?: readonly RelatedInformation[];
  /** What a quick fix needs (diagnosticData.ts); present on every diagnostic that has one. */
  readonly data?: DiagnosticData;
}

export const ZERO_RANGE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
