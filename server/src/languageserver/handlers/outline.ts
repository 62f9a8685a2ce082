/** The outline and folding: both read only the snapshot's parse. */
import type { DocumentSymbol, DocumentSymbolParams, FoldingRange, FoldingRangeParams } from 'vscode-languageserver';
import type { ServerContext } from '../context';
import { toLspSymbol } from '../convert';
import { snapshotOf } from './snapshotOf';

export async function onDocumentSymbol(
  context: ServerContext,
  params: DocumentSymbolParams,
): Promise<DocumentSymbol[]> {
  const request = await snapshotOf(context, params.textDocument.uri);
  return request ? request.snapshot.symbols().map(toLspSymbol) : [];
}

export async function onFoldingRanges(context: ServerContext, params: FoldingRangeParams): Promise<FoldingRange[]> {
  const request = await snapshotOf(context, params.textDocument.uri);
  return request ? request.snapshot.folding().map((span) => ({ ...span })) : [];
}
