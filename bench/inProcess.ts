/**
 * In-process timings of one document: the `yaml` parse floor, each stage of our pipeline and the
 * whole pipeline, as a language server or the CLI runs them (no LSP, no I/O).
 */
import { parseDocument } from 'yaml';
import * as pipeline from '../server/src/core/analyze';
import { analyzeText, analyzeValidation, validateText, type Validation } from '../server/src/core/analyze';
import { parseText, type ParsedDocument } from '../server/src/core/document/parse';
import { simulate } from '../server/src/core/engine/simulate';
import { validateSchema } from '../server/src/core/schema/validate';
import { generateDocument, type GeneratedDocument } from './generate';
import { measureWithSetup, type MeasureOptions, type Sample } from './measure';
import type { DocumentInfo, InProcessResult } from './results';
import { SCHEMA_MODELINE } from './servers';

/** What the LSP phase needs of a document (the big parsed trees are not kept for it). */
export interface LspDocument {
  readonly generated: GeneratedDocument;
  readonly info: DocumentInfo;
}

export interface BenchDocument extends LspDocument {
  readonly validation: Validation;
}

export type Stage = Exclude<keyof InProcessResult, 'doc'>;
export const ALL_STAGES: readonly Stage[] = [
  'parseFloor',
  'ourParse',
  'schema',
  'validate',
  'engine',
  'engineWithDiagnostics',
  'pipeline',
  'incrementalEdit',
];

/** The shape of `IncrementalAnalyzer` (core/analyze.ts), when the core has one. */
interface IncrementalValidator {
  validate(text: string): Validation;
}

const SKIPPED: Sample = { median: undefined, n: 0, note: 'skipped' };

/** Generates one document and checks it validates with zero errors (anything else aborts the bench). */
export function prepareDocument(advertisements: number, days: number): BenchDocument {
  const generated = generateDocument({ advertisements, days, headerComment: SCHEMA_MODELINE });
  const validation = validateText(generated.text);
  const errors = validation.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 || !validation.model) {
    const first = errors[0];
    throw new Error(
      `generated document (${advertisements} ads, ${days} days) is not valid: ${errors.length} errors, first at line ` +
        `${first?.range.start.line}: ${first?.message}`,
    );
  }
  const simulation = simulate(validation.model);
  return {
    generated,
    validation,
    info: {
      advertisements,
      days,
      lines: generated.lines,
      bytes: generated.bytes,
      interruptions: simulation.interruptions.length,
      delays: simulation.delays.length,
      validationDiagnostics: validation.diagnostics.length,
    },
  };
}

export function timeInProcess(
  doc: BenchDocument,
  plan: MeasureOptions,
  stages: readonly Stage[],
  log: (message: string) => void,
  /** Other repetitions for some stages (e.g. more runs of a cheap stage on a big document). */
  overrides: Partial<Record<Stage, MeasureOptions>> = {},
): InProcessResult {
  const { text } = doc.generated;
  const { validation } = doc;
  const model = validation.model;
  if (!model) throw new Error('no model');
  const none = () => undefined;
  // [setup (untimed), run]. The core memoises checks per parsed item, so runs that reuse a parse get a fresh one.
  const runs: Record<Stage, readonly [() => unknown, (input: never) => unknown] | undefined> = {
    parseFloor: [none, () => parseDocument(text)],
    ourParse: [none, () => parseText(text)],
    schema: [() => parseText(text), (parsed: ParsedDocument) => validateSchema(parsed)],
    validate: [none, () => validateText(text)],
    engine: [none, () => simulate(model)],
    // The whole result, as the CLI needs it (diagnostics may be formatted lazily).
    engineWithDiagnostics: [
      () => validateText(text),
      (fresh: Validation) => analyzeValidation(fresh).allDiagnostics.length,
    ],
    pipeline: [none, () => analyzeText(text).allDiagnostics.length],
    incrementalEdit: stages.includes('incrementalEdit') ? incrementalEdit(doc) : undefined,
  };
  const result = { doc: doc.info } as { -readonly [K in keyof InProcessResult]: InProcessResult[K] };
  for (const stage of ALL_STAGES) {
    const run = runs[stage];
    if (!stages.includes(stage) || run === undefined) {
      result[stage] = SKIPPED;
      continue;
    }
    log(`in-process ${doc.info.advertisements} ads, ${doc.info.days} days: ${stage}`);
    const [setup, measured] = run;
    result[stage] = measureWithSetup(setup, measured as (input: unknown) => unknown, overrides[stage] ?? plan);
  }
  return result;
}

/**
 * Re-validation after the bench's one-character edit, through the core's incremental analyzer
 * (each run alternates the edited and the original text, so every run sees a real change).
 * Undefined when the core has no incremental analyzer.
 */
function incrementalEdit(doc: BenchDocument): readonly [() => string, (input: string) => unknown] | undefined {
  const Analyzer = (pipeline as Record<string, unknown>)['IncrementalAnalyzer'] as
    (new () => IncrementalValidator) | undefined;
  if (typeof Analyzer !== 'function') return undefined;
  const { text, editTarget } = doc.generated;
  const edited = text.slice(0, editTarget.offset) + 'E' + text.slice(editTarget.offset + 1);
  const analyzer = new Analyzer();
  analyzer.validate(text);
  let flip = false;
  const next = () => {
    flip = !flip;
    return flip ? edited : text;
  };
  return [next, (input: string) => analyzer.validate(input)];
}
