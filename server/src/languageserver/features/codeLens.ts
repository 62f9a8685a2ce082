/** One CodeLens per advertisement: "N interruptions in the horizon · Simulate" → the client's timeline. */
import type { CodeLens, CodeLensParams } from 'vscode-languageserver';
import { locate } from '../../core/document/parse';
import { ClientCommands } from '../../shared/protocol';
import type { ServerContext } from '../server';

export async function codeLenses(context: ServerContext, params: CodeLensParams): Promise<CodeLens[]> {
  const uri = params.textDocument.uri;
  const document = context.store.get(uri);
  if (document === undefined) return [];
  const validation = context.store.validation(document);
  const root = validation.parsed.value as { advertisements?: unknown } | undefined;
  const advertisements = Array.isArray(root?.advertisements) ? (root.advertisements as unknown[]) : [];
  if (advertisements.length === 0) return [];
  const settings = await context.settings.forDocument(uri);
  if (!context.store.isCurrent(uri, document.version)) return [];
  // With `simulate: off` the engine does not run by itself; the lens still opens the timeline.
  const simulation = settings.simulate === 'off' ? undefined : context.store.analysis(document, settings).simulation;
  // One pass each over the model and the findings: a document can hold thousands of advertisements.
  const models = new Map(validation.model?.advertisements.map((a) => [a.index, a]));
  const counts = simulation?.interruptions.countsByAdvertisement() ?? new Map<string, number>();
  return advertisements.map((_item, index): CodeLens => {
    const span = locate(validation.parsed, ['advertisements', index], 'value');
    const start = validation.parsed.lines.positionAt(span.start);
    const model = models.get(index);
    let title = 'Simulate';
    if (simulation !== undefined && model !== undefined) {
      const count = counts.get(model.id) ?? 0;
      title = `${count} interruption${count === 1 ? '' : 's'} in the horizon · Simulate`;
    } else if (simulation !== undefined) {
      title = 'Not simulated (fix the errors) · Simulate';
    }
    return {
      range: { start, end: start },
      command: { title, command: ClientCommands.simulate, arguments: [uri] },
    };
  });
}
