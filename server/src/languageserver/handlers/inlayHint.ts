import type { InlayHint, InlayHintParams } from 'vscode-languageserver';
import type { ServerContext } from '../context';
import { snapshotOf } from './snapshotOf';

export async function onInlayHint(context: ServerContext, params: InlayHintParams): Promise<InlayHint[]> {
  const request = await snapshotOf(context, params.textDocument.uri);
  if (request === undefined || !request.settings.inlayHints) return [];
  return request.snapshot.inlayHints(params.range).map((hint) => ({
    position: hint.position,
    label: hint.label,
    ...(hint.tooltip !== undefined ? { tooltip: hint.tooltip } : {}),
    paddingLeft: true,
  }));
}
