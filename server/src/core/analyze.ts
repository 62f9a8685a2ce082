/**
 * The pipeline every caller uses the same way (CLI, language server, tests, benchmarks):
 * text → YAML (with ranges) → schema + semantic checks → model → engine → findings → diagnostics.
 */
import type { CoreDiagnostic } from './diagnostics';
import { parseText, type ParsedDocument } from './document/parse';
import { simulate } from './engine/simulate';
import type { SimulationOptions, SimulationResult } from './engine/types';
import { findingDiagnostics } from './findings/findingDiagnostics';
import { buildModel } from './model/build';
import type { SmsDocument } from './model/types';
import { validateSchema } from './schema/validate';
import { checkSemantics } from './semantics';

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

export function validateText(text: string): Validation {
  return validateParsed(parseText(text));
}

export function validateParsed(parsed: ParsedDocument): Validation {
  const diagnostics: CoreDiagnostic[] = [...parsed.syntaxDiagnostics];
  if (parsed.syntaxDiagnostics.length === 0) {
    diagnostics.push(...validateSchema(parsed), ...checkSemantics(parsed));
  }
  diagnostics.sort(byPosition);
  return {
    parsed,
    diagnostics,
    model: buildModel(parsed, diagnostics),
    hasErrors: diagnostics.some((d) => d.severity === 'error'),
  };
}

export function analyzeText(text: string, options: AnalyzeOptions = {}): Analysis {
  return analyzeValidation(validateText(text), options);
}

/** Runs the engine on a validation (the server keeps validations per document version). */
export function analyzeValidation(validation: Validation, options: AnalyzeOptions = {}): Analysis {
  const { model, parsed } = validation;
  // Nothing to simulate (and no meaningful horizon) when errors left no collection.
  if (!model || model.collections.length === 0) {
    return { ...validation, simulation: undefined, allDiagnostics: validation.diagnostics };
  }
  const simulation = simulate(model, options);
  const engineDiagnostics = findingDiagnostics(parsed, model, simulation, options);
  return { ...validation, simulation, allDiagnostics: [...validation.diagnostics, ...engineDiagnostics] };
}

function byPosition(a: CoreDiagnostic, b: CoreDiagnostic): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}
