import { MarkupKind, type Hover, type HoverParams } from 'vscode-languageserver';
import type { ServerContext } from '../context';
import { snapshotOf } from './snapshotOf';

export async function onHover(context: ServerContext, params: HoverParams): Promise<Hover | null> {
  const request = await snapshotOf(context, params.textDocument.uri);
  const result = request?.snapshot.hover(params.position, request.settings);
  if (!result) return null;
  return {
    contents: { kind: MarkupKind.Markdown, value: result.markdown },
    ...(result.range ? { range: result.range } : {}),
  };
}
