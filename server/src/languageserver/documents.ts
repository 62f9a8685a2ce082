/**
 * Open documents (incremental sync) and one validation / analysis per document version, so the
 * diagnostics, hovers, code actions and commands of one version share a single parse. Each
 * document keeps an `IncrementalAnalyzer`: a new version re-parses, re-validates and re-simulates
 * only what its edits touched, with the same results as a full run.
 */
import { TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { IncrementalAnalyzer, type Analysis, type AnalyzeOptions, type Validation } from '../core/analyze';
import type { ServerSettings } from '../shared/protocol';

interface CacheEntry {
  readonly version: number;
  readonly validation: Validation;
  /** Keyed by the engine options, since settings can change between two requests. */
  analysis?: { readonly key: string; readonly value: Analysis };
}

/** The engine options a document's settings stand for. */
export function analyzeOptions(settings: ServerSettings): AnalyzeOptions {
  return {
    defaultRunMinutes: settings.defaultRunMinutes,
    ...(settings.horizonDays !== null ? { days: settings.horizonDays } : {}),
  };
}

export class DocumentStore {
  readonly documents = new TextDocuments(TextDocument);
  private readonly cache = new Map<string, CacheEntry>();
  private readonly analyzers = new Map<string, IncrementalAnalyzer>();

  get(uri: string): TextDocument | undefined {
    return this.documents.get(uri);
  }

  /** Whether `uri` is still open at `version` (used to drop stale results). */
  isCurrent(uri: string, version: number): boolean {
    return this.documents.get(uri)?.version === version;
  }

  validation(document: TextDocument): Validation {
    return this.entry(document).validation;
  }

  analysis(document: TextDocument, settings: ServerSettings): Analysis {
    const entry = this.entry(document);
    const options = analyzeOptions(settings);
    const key = JSON.stringify(options);
    if (entry.analysis?.key !== key) {
      entry.analysis = { key, value: this.analyzerOf(document.uri).analyze(entry.validation, options) };
    }
    return entry.analysis.value;
  }

  /** The cached analysis of the current version, if the engine already ran on it. */
  cachedAnalysis(document: TextDocument): Analysis | undefined {
    const entry = this.cache.get(document.uri);
    return entry?.version === document.version ? entry.analysis?.value : undefined;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
    this.analyzers.delete(uri);
  }

  private analyzerOf(uri: string): IncrementalAnalyzer {
    let analyzer = this.analyzers.get(uri);
    if (!analyzer) {
      analyzer = new IncrementalAnalyzer();
      this.analyzers.set(uri, analyzer);
    }
    return analyzer;
  }

  private entry(document: TextDocument): CacheEntry {
    const cached = this.cache.get(document.uri);
    if (cached?.version === document.version) return cached;
    const validation = this.analyzerOf(document.uri).validate(document.getText());
    const entry: CacheEntry = { version: document.version, validation };
    this.cache.set(document.uri, entry);
    return entry;
  }
}
