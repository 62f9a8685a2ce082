/** The shapes the bench collects, shared by the runner and the report. */
import type { Environment, FileSize } from './environment';
import type { Sample } from './measure';

export interface DocumentInfo {
  readonly advertisements: number;
  readonly days: number;
  readonly lines: number;
  readonly bytes: number;
  readonly interruptions: number;
  readonly delays: number;
  /** Validation diagnostics of the generated text (all must be non-errors; asserted). */
  readonly validationDiagnostics: number;
}

/** In-process timings of one document. */
export interface InProcessResult {
  readonly doc: DocumentInfo;
  /** `yaml` parseDocument of the whole text. */
  readonly parseFloor: Sample;
  /** Our parseText (parseDocument + line index + syntax diagnostics). */
  readonly ourParse: Sample;
  /** validateSchema on an already parsed document. */
  readonly schema: Sample;
  /** validateText: parse + schema + semantics + model. */
  readonly validate: Sample;
  /** simulate(model). */
  readonly engine: Sample;
  /** analyzeValidation: engine + finding diagnostics (what a save adds to a validation). */
  readonly engineWithDiagnostics: Sample;
  /** analyzeText: the whole pipeline. */
  readonly pipeline: Sample;
  /** The core's IncrementalAnalyzer re-validating after a one-character edit (when the core has one). */
  readonly incrementalEdit: Sample;
}

export interface EngineScalingResult {
  readonly advertisements: number;
  readonly days: number;
  readonly engine: Sample;
  readonly interruptions: number;
  readonly delays: number;
}

/** Requests an editor sends after edits, timed once per LSP session after the edits (bench/lspScenario.ts). */
export const REQUEST_NAMES = ['documentSymbol', 'foldingRange', 'codeLens', 'hover', 'completion'] as const;
export type RequestName = (typeof REQUEST_NAMES)[number];

/** One request of one server on one document, over all measured sessions. */
export interface RequestTimes {
  readonly ms: number[];
  /** Size of the last answer: symbols (children included), ranges, lenses, completion items; hover: 1 when non-null, else 0. */
  size?: number;
  /** Not advertised in the server's InitializeResult, so never sent. */
  unsupported?: boolean;
  timedOut?: { readonly afterMs: number; sessions: number };
  /** The last error response's message. */
  error?: string;
}

/** Raw times of one server on one document, over all measured sessions. */
export interface LspResult {
  readonly server: string;
  readonly advertisements: number;
  readonly open: number[];
  readonly edits: number[];
  readonly saves: number[];
  readonly debounceMs: { readonly open: number; readonly change: number };
  readonly publishesOnSave: boolean;
  counts: Partial<Record<'open' | 'edit' | 'save', number>>;
  timedOut?: { readonly phase: string; readonly afterMs: number };
  peakRssBytes?: number;
  /** Absent in results of bench versions before the requests were timed. */
  requests?: Partial<Record<RequestName, RequestTimes>>;
}

export interface LspSizeResult {
  readonly advertisements: number;
  /** parseDocument of the same text, measured in the bench process between the sessions. */
  readonly parseFloor: number[];
  readonly servers: LspResult[];
}

export interface BenchResults {
  readonly environment: Environment;
  readonly loadBefore: string;
  loadAfter?: string;
  totalSeconds?: number;
  readonly documents: DocumentInfo[];
  readonly inProcess: InProcessResult[];
  readonly engineScaling: EngineScalingResult[];
  readonly lsp: LspSizeResult[];
  readonly bundles: FileSize[];
  readonly vsix: (FileSize & { readonly modified: string }) | undefined;
  readonly notes: string[];
}
