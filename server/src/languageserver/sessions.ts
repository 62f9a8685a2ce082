/**
 * One session per open document: the editor's text (incremental sync) and the core's
 * `DocumentAnalysis`, whose snapshot of the current version every handler shares.
 */
import { TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentAnalysis, type Snapshot } from '../core/index';

export class DocumentSessions {
  readonly documents = new TextDocuments(TextDocument);
  private readonly analyses = new Map<string, DocumentAnalysis>();

  get(uri: string): TextDocument | undefined {
    return this.documents.get(uri);
  }

  /** Whether `uri` is still open at `version` (used to drop stale results). */
  isCurrent(uri: string, version: number): boolean {
    return this.documents.get(uri)?.version === version;
  }

  /** The snapshot of the document's current version (validated on first use). */
  snapshot(document: TextDocument): Snapshot {
    let analysis = this.analyses.get(document.uri);
    if (analysis === undefined) {
      analysis = new DocumentAnalysis();
      this.analyses.set(document.uri, analysis);
    }
    const current = analysis.snapshot;
    if (current !== undefined && current.version === document.version && !current.stale) return current;
    return analysis.update(document.getText(), document.version);
  }

  /** The snapshot of the current version if it was already made (nothing is computed). */
  existingSnapshot(document: TextDocument): Snapshot | undefined {
    const current = this.analyses.get(document.uri)?.snapshot;
    return current?.version === document.version ? current : undefined;
  }

  forget(uri: string): void {
    this.analyses.delete(uri);
  }
}
