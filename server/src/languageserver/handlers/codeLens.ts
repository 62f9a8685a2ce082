import type { CodeLens, CodeLensParams } from 'vscode-languageserver';
import { ClientCommands } from '../../shared/protocol';
import type { ServerContext } from '../context';
import { snapshotOf } from './snapshotOf';

export async function onCodeLens(context: ServerContext, params: CodeLensParams): Promise<CodeLens[]> {
  const uri = params.textDocument.uri;
  const request = await snapshotOf(context, uri);
  if (request === undefined) return [];
  // With `simulate: off` the engine does not run by itself; the lens still opens the timeline.
  const lenses = request.snapshot.codeLenses(request.settings, request.settings.simulate !== 'off');
  return lenses.map(({ position, title }) => ({
    range: { start: position, end: position },
    command: { title, command: ClientCommands.simulate, arguments: [uri] },
  }));
}
