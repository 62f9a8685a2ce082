/**
 * The editor features' plain data (no LSP types): positions are 0-based lines and UTF-16
 * columns, as in the core's diagnostics. The language server converts these one to one.
 */
import type { CoreDiagnostic, Position, Range } from '../diagnostics';

export type { CoreDiagnostic, Position, Range };

/** Replace the text of `range` with `newText`. */
export interface TextEdit {
  readonly range: Range;
  readonly newText: string;
}

/** The engine's settings for one document (the editor's `smsSchedule.*` settings). */
export interface AnalysisSettings {
  /** Run time assumed for `estimatedRunMinutes: unknown` (our model). */
  readonly defaultRunMinutes: number;
  /** Overrides the document's `simulation.days`; null keeps it. */
  readonly horizonDays: number | null;
}

export interface HoverResult {
  readonly markdown: string;
  readonly range?: Range;
}

export type CompletionKind = 'property' | 'reference' | 'enum' | 'snippet';

export interface CompletionEntry {
  readonly label: string;
  readonly kind: CompletionKind;
  readonly detail?: string;
  readonly documentation?: string;
  readonly sortText?: string;
  /** The text replaces `edit.range`; with `snippet`, it has `${1:...}` tab stops and keeps its indentation as is. */
  readonly edit: TextEdit;
  readonly snippet?: boolean;
}

export type SymbolKind = 'site' | 'collection' | 'package' | 'program' | 'advertisement' | 'assignment';

export interface OutlineSymbol {
  readonly name: string;
  readonly detail?: string;
  readonly kind: SymbolKind;
  readonly range: Range;
  readonly selectionRange: Range;
  readonly children?: readonly OutlineSymbol[];
}

export interface InlayHintEntry {
  /** Where the hint goes: right after the value it explains. */
  readonly position: Position;
  readonly label: string;
  readonly tooltip?: string;
}

export interface FoldingSpan {
  readonly startLine: number;
  readonly endLine: number;
}

/** A lens above an advertisement; its command opens the simulation timeline. */
export interface Lens {
  readonly position: Position;
  readonly title: string;
}

/** The Cliverify file a fix (re)writes beside the document: its content for the fixed text. */
export interface CliverifyFileEdit {
  readonly markdown: string;
}

export type CodeActionKind = 'quickfix' | 'refactor.rewrite';

export interface CodeActionEntry {
  readonly title: string;
  readonly kind: CodeActionKind;
  /** The diagnostics (as the client sent them) this action fixes. */
  readonly diagnostics: readonly unknown[];
  readonly isPreferred?: boolean;
  /** Edits of this document, against the snapshot's text. */
  readonly edits: readonly TextEdit[];
  /** Set when the fix changes Cliverify settings: the configuration of the fixed document. */
  readonly cliverifyFile?: CliverifyFileEdit;
}

/** A diagnostic as an editor sends it back with a code-action request. */
export interface ClientDiagnostic {
  readonly code?: unknown;
  readonly range: Range;
  readonly data?: unknown;
  /** Passed back untouched in `CodeActionEntry.diagnostics`. */
  readonly original: unknown;
}
