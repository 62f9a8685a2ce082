/** Definition, references, highlights, rename and workspace symbols over the ids of open documents. */
import {
  DocumentHighlightKind,
  ErrorCodes,
  ResponseError,
  SymbolKind,
  type DefinitionParams,
  type DocumentHighlight,
  type DocumentHighlightParams,
  type Location,
  type PrepareRenameParams,
  type Range,
  type ReferenceParams,
  type RenameParams,
  type SymbolInformation,
  type WorkspaceEdit,
  type WorkspaceSymbolParams,
} from 'vscode-languageserver';
import type { IdKind } from '../../core/index';
import type { ServerContext } from '../context';
import { oversizedBytes } from '../sizeLimit';
import { snapshotOf } from './snapshotOf';

/** Same kinds as the outline's. */
const SYMBOL_KINDS: Readonly<Record<IdKind, SymbolKind>> = {
  site: SymbolKind.Module,
  collection: SymbolKind.Class,
  package: SymbolKind.Package,
  program: SymbolKind.Function,
  advertisement: SymbolKind.Object,
};

export async function onDefinition(context: ServerContext, params: DefinitionParams): Promise<Location[]> {
  const request = await snapshotOf(context, params.textDocument.uri);
  if (request === undefined) return [];
  return request.snapshot.navigation
    .definition(params.position)
    .map((range) => ({ uri: params.textDocument.uri, range }));
}

export async function onReferences(context: ServerContext, params: ReferenceParams): Promise<Location[]> {
  const request = await snapshotOf(context, params.textDocument.uri);
  if (request === undefined) return [];
  return request.snapshot.navigation
    .references(params.position, params.context.includeDeclaration)
    .map((range) => ({ uri: params.textDocument.uri, range }));
}

export async function onDocumentHighlight(
  context: ServerContext,
  params: DocumentHighlightParams,
): Promise<DocumentHighlight[]> {
  const request = await snapshotOf(context, params.textDocument.uri);
  if (request === undefined) return [];
  return request.snapshot.navigation.highlights(params.position).map((h) => ({
    range: h.range,
    kind: h.kind === 'write' ? DocumentHighlightKind.Write : DocumentHighlightKind.Read,
  }));
}

export async function onPrepareRename(
  context: ServerContext,
  params: PrepareRenameParams,
): Promise<{ range: Range; placeholder: string } | null> {
  const request = await snapshotOf(context, params.textDocument.uri);
  return request?.snapshot.navigation.prepareRename(params.position) ?? null;
}

/** A refusal is returned as a ResponseError (the editor shows its message), not thrown or emptied. */
export async function onRename(
  context: ServerContext,
  params: RenameParams,
): Promise<WorkspaceEdit | ResponseError<void> | null> {
  const request = await snapshotOf(context, params.textDocument.uri);
  if (request === undefined) return null;
  const result = request.snapshot.navigation.rename(params.position, params.newName);
  if ('error' in result) return new ResponseError(ErrorCodes.InvalidRequest, result.error);
  const { uri, version } = request.document;
  const edits = result.edits.map((edit) => ({ range: edit.range, newText: edit.newText }));
  return context.client.documentChanges
    ? { documentChanges: [{ textDocument: { uri, version }, edits }] }
    : { changes: { [uri]: edits } };
}

export function onWorkspaceSymbol(context: ServerContext, params: WorkspaceSymbolParams): SymbolInformation[] {
  const symbols: SymbolInformation[] = [];
  for (const document of context.sessions.documents.all()) {
    // A document over the size limit is never parsed.
    if (oversizedBytes(document.getText()) !== undefined) continue;
    for (const symbol of context.sessions.snapshot(document).navigation.workspaceSymbols(params.query)) {
      symbols.push({
        name: symbol.name,
        kind: SYMBOL_KINDS[symbol.kind],
        location: { uri: document.uri, range: symbol.range },
        ...(symbol.containerName !== undefined ? { containerName: symbol.containerName } : {}),
      });
    }
  }
  return symbols;
}
