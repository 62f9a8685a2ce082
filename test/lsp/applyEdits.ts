/**
 * A tiny WorkspaceEdit applier for tests, independent of the server's code: text edits by
 * offset from the end backwards, CreateFile with overwrite, and version checks.
 */
import type { Position, TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';

function offsetAt(text: string, position: Position): number {
  let offset = 0;
  for (let line = 0; line < position.line; line++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  const lineEnd = text.indexOf('\n', offset);
  return Math.min(offset + position.character, lineEnd < 0 ? text.length : lineEnd);
}

export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const located = edits
    .map((edit) => ({
      start: offsetAt(text, edit.range.start),
      end: offsetAt(text, edit.range.end),
      newText: edit.newText,
    }))
    .sort((a, b) => b.start - a.start);
  let result = text;
  for (const edit of located) result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
  return result;
}

export interface FileState {
  text: string;
  /** The open document's version; null for files not open in the editor. */
  version: number | null;
}

/** Applies `edit` to `files` (uri → state) in place; throws like an editor would refuse. */
export function applyWorkspaceEdit(files: Map<string, FileState>, edit: WorkspaceEdit): void {
  for (const change of edit.documentChanges ?? []) {
    if ('kind' in change) {
      if (change.kind !== 'create') throw new Error(`unsupported resource operation ${change.kind}`);
      if (files.has(change.uri) && change.options?.overwrite !== true) {
        if (change.options?.ignoreIfExists === true) continue;
        throw new Error(`${change.uri} exists`);
      }
      files.set(change.uri, { text: '', version: null });
      continue;
    }
    const documentEdit = change as TextDocumentEdit;
    const file = files.get(documentEdit.textDocument.uri);
    if (file === undefined) throw new Error(`no file ${documentEdit.textDocument.uri}`);
    if (documentEdit.textDocument.version !== null && documentEdit.textDocument.version !== file.version) {
      throw new Error(`version mismatch: edit for ${documentEdit.textDocument.version}, document at ${file.version}`);
    }
    file.text = applyTextEdits(file.text, documentEdit.edits as TextEdit[]);
  }
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) {
    const file = files.get(uri);
    if (file === undefined) throw new Error(`no file ${uri}`);
    file.text = applyTextEdits(file.text, edits);
  }
}
