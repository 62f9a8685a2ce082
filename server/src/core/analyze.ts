/**
 * The pipeline every caller uses the same way (CLI, language server, tests, benchmarks):
 * text → YAML (with ranges) → schema + semantic checks → model → engine → findings → diagnostics.
 */
import { applyAcceptance, type AcceptanceOutcome, type AcceptedFindings } from './accept/acceptance';
import type { CoreDiagnostic } from './diagnostics';
import { parseText, type ParsedDocument } from './document/parse';
import { simulate } from './engine/simulate';
import type { SimulationOptions, SimulationResult } from './engine/types';
import { IncrementalParser } from './document/incremental';
import { findingDiagnosticList, type DiagnosticList } from './findings/findingDiagnostics';
import { SimulationCache } from './findings/simulationCache';
import { buildModel } from './model/build';
import type { SmsDocument } from './model/types';
import { validateSchema } from './schema/validate';
import { done, finish, type Work } from './work/steps';
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
  /** The engine's findings and notes that still ask for action: accepted ones (SPEC §6.1) are in `accepted`. */
  readonly simulation: SimulationResult | undefined;
  /** What the document's accept comments accept (SPEC §6.1), with the comments themselves. */
  readonly accepted: AcceptedFindings;
  /**
   * Validation diagnostics (without accepted ones, with `accept-invalid` / `accept-unused`) followed
   * by the engine's (unaccepted interruptions, delays, notes); formatted on first use.
   */
  readonly allDiagnostics: readonly CoreDiagnostic[];
  /** `allDiagnostics.length`, known without formatting them. */
  readonly diagnosticCount: number;
  /** The first `limit` of `allDiagnostics`; only those are formatted (an editor shows a few hundred). */
  firstDiagnostics(limit: number): CoreDiagnostic[];
}

export function validateText(text: string): Validation {
  return validateParsed(parseText(text));
}

export function validateParsed(parsed: ParsedDocument): Validation {
  return finish(validationSteps(done(parsed)));
}

/** Parsing, then the schema, semantic and model steps, with a step between each (for slicing). */
function* validationSteps(parsing: Work<ParsedDocument>): Work<Validation> {
  const parsed = yield* parsing;
  const total = 3;
  let diagnostics: CoreDiagnostic[] = [...parsed.syntaxDiagnostics];
  if (parsed.syntaxDiagnostics.length === 0) {
    yield { stage: 'checking', done: 0, total };
    const schema = validateSchema(parsed);
    yield { stage: 'checking', done: 1, total };
    // concat, not push(...): a broken document can have more diagnostics than a call has arguments.
    diagnostics = diagnostics.concat(schema, checkSemantics(parsed));
  }
  diagnostics.sort(byPosition);
  yield { stage: 'checking', done: 2, total };
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
export function analyzeValidation(
  validation: Validation,
  options: AnalyzeOptions = {},
  simulateModel: (model: SmsDocument, options: SimulationOptions) => SimulationResult = simulate,
): Analysis {
  return finish(
    analysisSteps(validation, options, (model, simulationOptions) => done(simulateModel(model, simulationOptions))),
  );
}

function* analysisSteps(
  validation: Validation,
  options: AnalyzeOptions,
  simulateModel: (model: SmsDocument, options: SimulationOptions) => Work<SimulationResult>,
): Work<Analysis> {
  const { model, parsed } = validation;
  // Nothing to simulate (and no meaningful horizon) when errors left no collection.
  if (!model || model.collections.length === 0) {
    return lazyAnalysis(validation, applyAcceptance(parsed, model, undefined, validation.diagnostics), undefined);
  }
  const simulation = yield* simulateModel(model, options);
  const acceptance = applyAcceptance(parsed, model, simulation, validation.diagnostics);
  const kept = acceptance.simulation!;
  return lazyAnalysis(validation, acceptance, findingDiagnosticList(parsed, model, kept, options));
}

/**
 * Validation and analysis of successive versions of one document: unchanged pieces of the text
 * are not parsed again, unchanged items are not validated again (their checks are memoised per
 * item), unchanged advertisements are not simulated again. Results equal `validateText` and
 * `analyzeValidation` of the same text. A validation is valid until the next `validate` call.
 */
export class IncrementalAnalyzer {
  private readonly parser = new IncrementalParser();
  private readonly engine = new SimulationCache();

  validate(text: string): Validation {
    return finish(this.validationSteps(text));
  }

  /** `validate` in steps (abandoning it part way is safe: the parser keeps its pieces). */
  validationSteps(text: string): Work<Validation> {
    return validationSteps(this.parser.parseSteps(text));
  }

  /** Whether the last `validate` parsed piece by piece (else the whole text at once). */
  get parsedInPieces(): boolean {
    return this.parser.lastMode === 'pieces';
  }

  analyze(validation: Validation, options: AnalyzeOptions = {}): Analysis {
    return finish(this.analysisSteps(validation, options));
  }

  /** `analyze` in steps, one per simulated advertisement (abandoning it part way is safe). */
  analysisSteps(validation: Validation, options: AnalyzeOptions = {}): Work<Analysis> {
    return analysisSteps(validation, options, (model, simulationOptions) =>
      this.engine.simulationSteps(model, simulationOptions),
    );
  }

  /**
   * The last engine findings of the advertisements this validation did not change, at their new
   * ranges, with no simulation: between two engine runs (`simulate: onSave`) warnings of untouched
   * advertisements stay where they are instead of vanishing with every keystroke.
   */
  carriedOver(validation: Validation, options: AnalyzeOptions = {}): Analysis {
    return analyzeValidation(validation, options, (model, simulationOptions) =>
      this.engine.carriedOver(model, simulationOptions),
    );
  }
}

function lazyAnalysis(
  validation: Validation,
  acceptance: AcceptanceOutcome,
  engineDiagnostics: DiagnosticList | undefined,
): Analysis {
  const base = acceptance.diagnostics;
  let all: readonly CoreDiagnostic[] | undefined;
  return {
    ...validation,
    simulation: acceptance.simulation,
    accepted: acceptance.accepted,
    diagnosticCount: base.length + (engineDiagnostics?.count ?? 0),
    get allDiagnostics(): readonly CoreDiagnostic[] {
      all ??= engineDiagnostics ? [...base, ...engineDiagnostics.take(Infinity)] : base;
      return all;
    },
    firstDiagnostics(limit: number): CoreDiagnostic[] {
      if (limit <= base.length) return base.slice(0, Math.max(0, limit));
      return [...base, ...(engineDiagnostics?.take(limit - base.length) ?? [])];
    },
  };
}

function byPosition(a: CoreDiagnostic, b: CoreDiagnostic): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}
