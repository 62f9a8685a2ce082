/**
 * The pipeline every caller uses the same way (CLI, language server, tests, benchmarks):
 * text → YAML (with ranges) → schema + semantic checks → model → engine → findings → diagnostics.
 */
import type { CoreDiagnostic } from './diagnostics';
import type { ParsedDocument } from './document/parse';
import type { SimulationOptions, SimulationResult } from './engine/types';
import type { SmsDocument } from './model/types';

export interface Validation {
  readonly parsed: ParsedDocument;
  /** yaml-syntax, schema, unresolved-reference, duplicate-id, invalid-token, expiration-before-present. */
  readonly diagnostics: readonly CoreDiagnostic[];
  /**
   * The model of every item that is free of errors (an advertisement whose references or own
   * fields are broken is left out, so one typo does not hide the rest). Undefined when nothing
   * usable is left (syntax errors, wrong top-level shape).
   */
  readonly model: SmsDocument | undefined;
  readonly hasErrors: boolean;
}

export interface AnalyzeOptions extends SimulationOptions {
  /** At most this many interruption/delay diagnostics per assignment; the rest are summarised. */
  readonly maxFindingsPerAssignment?: number;
}

export interface Analysis extends Validation {
  readonly simulation: SimulationResult | undefined;
  /** Validation diagnostics followed by the engine's (interruptions, delays, notes). */
  readonly allDiagnostics: readonly CoreDiagnostic[];
}

export declare function validateText(text: string): Validation;
export declare function analyzeText(text: string, options?: AnalyzeOptions): Analysis;
