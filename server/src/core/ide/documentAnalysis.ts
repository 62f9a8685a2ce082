/**
 * The analysis API of one open document, in editor terms (rust-analyzer's `AnalysisHost` /
 * `Analysis` split): `DocumentAnalysis.update(text)` makes a new `Snapshot`; the snapshot answers
 * every feature — diagnostics, hover, completion, code actions, outline, folding, lenses, the
 * timeline, the Cliverify configuration — with plain data.
 *
 * Architecture invariant: a snapshot is valid until the next `update` of its document. The
 * incremental parser reuses (and shifts) the previous version's pieces, so a stale snapshot's
 * nodes may point at other text; every method of a stale snapshot throws `StaleSnapshotError`
 * instead of answering from it. Values a snapshot hands out are never mutated by the core.
 */
import { IncrementalAnalyzer, type Analysis, type Validation } from '../analyze';
import { finish, type Work } from '../work/steps';
import type { CoreDiagnostic } from '../diagnostics';
import { cliverifyOutput, type CliverifyOutput } from './cliverifyFile';
import { codeActions, type CodeActionOptions } from './codeActions';
import { codeLenses } from './codeLens';
import { completions } from './completion';
import { analyzeOptions, type FeatureContext } from './context';
import { foldingRanges } from './folding';
import { hover } from './hover';
import { inlayHints } from './inlayHints';
import { Navigation } from './navigationRanges';
import { documentSymbols } from './symbols';
import { errorTimeline, timeline } from './timeline';
import type { Timeline } from './timelineTypes';
import { whatIfFix, whatIfTimeline, type WhatIfFix } from './whatIfFeature';
import type {
  AnalysisSettings,
  ClientDiagnostic,
  CodeActionEntry,
  CompletionEntry,
  FoldingSpan,
  HoverResult,
  InlayHintEntry,
  Lens,
  OutlineSymbol,
  Position,
  Range,
} from './types';

export class StaleSnapshotError extends Error {
  constructor(version: number) {
    super(`the snapshot of version ${version} is no longer current`);
    this.name = 'StaleSnapshotError';
  }
}

/** The first diagnostics of a snapshot and how many there are in all. */
export interface DiagnosticsPage {
  readonly diagnostics: readonly CoreDiagnostic[];
  readonly total: number;
}

export class DocumentAnalysis {
  private readonly analyzer = new IncrementalAnalyzer();
  private generation = 0;
  private latest: Snapshot | undefined;

  /** Validates `text` (incrementally against the previous version) and returns its snapshot. */
  update(text: string, version: number): Snapshot {
    return finish(this.updateSteps(text, version));
  }

  /**
   * `update` in steps (see `work/steps.ts`). The previous snapshot is stale from the first step
   * on (the parser starts moving the nodes it shares); work abandoned part way leaves no snapshot
   * current, and the next `update` or `updateSteps` starts again from the text.
   */
  *updateSteps(text: string, version: number): Work<Snapshot> {
    const generation = ++this.generation;
    const validation = yield* this.analyzer.validationSteps(text);
    this.latest = new Snapshot(version, validation, this.analyzer, () => this.generation === generation);
    return this.latest;
  }

  /** The snapshot of the last `update`, if any. */
  get snapshot(): Snapshot | undefined {
    return this.latest;
  }

  /** Whether the last `update` parsed piece by piece (else the whole text at once). */
  get parsedInPieces(): boolean {
    return this.analyzer.parsedInPieces;
  }
}

/** Analyses a text once (the CLI; a document that is not open). */
export function analyzeDocumentText(text: string): Snapshot {
  return new DocumentAnalysis().update(text, 0);
}

export class Snapshot {
  private readonly analyses = new Map<string, Analysis>();
  private readonly context: FeatureContext;

  constructor(
    readonly version: number,
    private readonly current: Validation,
    private readonly analyzer: IncrementalAnalyzer,
    private readonly isCurrent: () => boolean,
  ) {
    this.context = {
      validation: current,
      analysis: (settings) => this.analysis(settings),
    };
  }

  get stale(): boolean {
    return !this.isCurrent();
  }

  /** Parse, schema and semantic checks (no engine). */
  get validation(): Validation {
    this.check();
    return this.current;
  }

  get text(): string {
    return this.current.parsed.text;
  }

  /** The engine's analysis with these settings: run on first use, then shared. */
  analysis(settings: AnalysisSettings): Analysis {
    return finish(this.analysisSteps(settings));
  }

  /**
   * `analysis` in steps, one per advertisement simulated; none when it is already known. A driver
   * stops it when the snapshot goes stale (`stale`); finished on a stale snapshot, it throws.
   */
  *analysisSteps(settings: AnalysisSettings): Work<Analysis> {
    this.check();
    const options = analyzeOptions(settings);
    const key = JSON.stringify(options);
    const known = this.analyses.get(key);
    if (known !== undefined) return known;
    const analysis = yield* this.analyzer.analysisSteps(this.current, options);
    // Work on a snapshot that went stale meanwhile is not kept (its driver should have stopped it).
    this.check();
    this.analyses.set(key, analysis);
    return analysis;
  }

  /** Whether the engine already ran on this snapshot with these settings (nothing is computed). */
  hasAnalysis(settings: AnalysisSettings): boolean {
    return this.analyses.has(JSON.stringify(analyzeOptions(settings)));
  }

  /**
   * The first `limit` diagnostics. `engine`: `run` simulates (once per snapshot and settings);
   * `carry` adds the findings of the last run for the advertisements this version did not change
   * (nothing is simulated; see `IncrementalAnalyzer.carriedOver`); `none` gives validation only.
   */
  diagnostics(settings: AnalysisSettings, engine: 'run' | 'carry' | 'none', limit: number): DiagnosticsPage {
    if (engine === 'none') {
      const all = this.validation.diagnostics;
      return { diagnostics: all, total: all.length };
    }
    this.check();
    const analysis =
      engine === 'run' || this.hasAnalysis(settings)
        ? this.analysis(settings)
        : this.analyzer.carriedOver(this.current, analyzeOptions(settings));
    return { diagnostics: analysis.firstDiagnostics(limit), total: analysis.diagnosticCount };
  }

  hover(position: Position, settings: AnalysisSettings): HoverResult | null {
    this.check();
    return hover(this.context, position, settings);
  }

  completion(position: Position, snippets: boolean): CompletionEntry[] {
    this.check();
    return completions(this.context, position, snippets);
  }

  codeActions(range: Range, diagnostics: readonly ClientDiagnostic[], options: CodeActionOptions): CodeActionEntry[] {
    this.check();
    return codeActions(this.context, range, diagnostics, options);
  }

  /** Inlay hints in `range`: a token's meaning in words, the UTC instant of local wall times. */
  inlayHints(range: Range): InlayHintEntry[] {
    const { lines } = this.validation.parsed;
    const span = { start: lines.offsetAt(range.start), end: lines.offsetAt(range.end) };
    return inlayHints(this.current, span).map((hint) => ({
      position: lines.positionAt(hint.offset),
      label: hint.label,
      ...(hint.tooltip !== undefined ? { tooltip: hint.tooltip } : {}),
    }));
  }

  /** Definition, references, highlights, rename and id symbols (every id kind; works with errors). */
  get navigation(): Navigation {
    return new Navigation(this.validation.parsed);
  }

  symbols(): OutlineSymbol[] {
    return documentSymbols(this.validation.parsed);
  }

  folding(): FoldingSpan[] {
    return foldingRanges(this.validation.parsed);
  }

  codeLenses(settings: AnalysisSettings, simulate: boolean): Lens[] {
    this.check();
    return codeLenses(this.context, settings, simulate);
  }

  /** `version`: the editor's version of the text (null for a file that is not open). */
  timeline(uri: string, settings: AnalysisSettings, version: number | null = this.version): Timeline {
    return timeline(uri, version, this.analysis(settings), settings);
  }

  /** The timeline as if the what-if's verify-cycle values were set (nothing is edited). */
  whatIfTimeline(
    uri: string,
    settings: AnalysisSettings,
    whatIf: unknown,
    version: number | null = this.version,
  ): Timeline {
    return whatIfTimeline(uri, version, this.analysis(settings), settings, whatIf);
  }

  /** The edits that write the what-if into this text, as the quick fixes would. */
  whatIfFix(uri: string, settings: AnalysisSettings, whatIf: unknown): WhatIfFix {
    return whatIfFix(this.analysis(settings), uri, settings, whatIf);
  }

  /** Undefined when the document has errors that leave nothing to simulate. */
  cliverify(uri: string, settings: AnalysisSettings): CliverifyOutput | undefined {
    return cliverifyOutput(uri, this.analysis(settings), analyzeOptions(settings));
  }

  private check(): void {
    if (!this.isCurrent()) throw new StaleSnapshotError(this.version);
  }
}

export { errorTimeline };
