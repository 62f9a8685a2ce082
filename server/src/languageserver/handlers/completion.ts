import type { CompletionItem, CompletionParams } from 'vscode-languageserver';
import type { ServerContext } from '../context';
import { toLspCompletionItem } from '../convert';
import { snapshotOf } from './snapshotOf';

export async function onCompletion(context: ServerContext, params: CompletionParams): Promise<CompletionItem[]> {
  const request = await snapshotOf(context, params.textDocument.uri);
  if (request === undefined) return [];
  return request.snapshot.completion(params.position, context.client.snippets).map(toLspCompletionItem);
}
