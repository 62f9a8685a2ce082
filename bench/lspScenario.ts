/**
 * One timed editing session against a language server: didOpen → complete diagnostics, a few
 * one-character edits inside one advertisement → diagnostics of each new version, didSave → the
 * server's save diagnostics. Times run from just before the notification is written to the moment
 * the matching publishDiagnostics is read, i.e. what an editor would wait.
 */
import type { PublishDiagnosticsParams, Range } from 'vscode-languageserver-protocol/node';
import type { EditTarget, GeneratedDocument } from './generate';
import { Timeout, type BenchLspClient } from './lspClient';
import type { BenchServer } from './servers';

export type Phase = 'open' | 'edit' | 'save';

export interface SessionResult {
  open?: number;
  readonly edits: number[];
  save?: number;
  /** Diagnostics count of the last publish of each phase (a sanity check: same document, same verdict). */
  readonly counts: Partial<Record<Phase, number>>;
  timedOut?: { readonly phase: Phase; readonly afterMs: number };
}

export interface SessionOptions {
  readonly uri: string;
  readonly edits: number;
  readonly timeoutMs: number;
}

export async function runSession(
  client: BenchLspClient,
  server: BenchServer,
  doc: GeneratedDocument,
  options: SessionOptions,
): Promise<SessionResult> {
  const result: SessionResult = { edits: [], counts: {} };
  const { uri, timeoutMs } = options;
  try {
    const opened = await timed(
      client,
      uri,
      timeoutMs,
      (p) => !server.versionedPublishes || p.version === 1,
      () => client.open(uri, doc.text),
    );
    result.open = opened.ms;
    result.counts.open = opened.params.diagnostics.length;

    for (let i = 0; i < options.edits; i++) {
      const { range, text } = editAt(doc.editTarget, i);
      // Ours: the publish for exactly the new version. Others: the first publish after the change.
      const nextVersion = i + 2;
      const edited = await timed(
        client,
        uri,
        timeoutMs,
        (p) => !server.versionedPublishes || p.version === nextVersion,
        () => client.change(uri, range, text),
      );
      result.edits.push(edited.ms);
      result.counts.edit = edited.params.diagnostics.length;
    }

    if (server.publishesOnSave) {
      const saved = await timed(
        client,
        uri,
        timeoutMs,
        () => true,
        () => client.save(uri),
      );
      result.save = saved.ms;
      result.counts.save = saved.params.diagnostics.length;
    }
    await client.close(uri);
  } catch (error) {
    if (!(error instanceof Timeout)) throw error;
    const phase: Phase = result.open === undefined ? 'open' : result.edits.length < options.edits ? 'edit' : 'save';
    result.timedOut = { phase, afterMs: error.ms };
  }
  return result;
}

async function timed(
  client: BenchLspClient,
  uri: string,
  timeoutMs: number,
  where: (params: PublishDiagnosticsParams) => boolean,
  send: () => Promise<unknown>,
): Promise<{ ms: number; params: PublishDiagnosticsParams }> {
  const published = client.nextDiagnostics(uri, timeoutMs, where);
  const start = performance.now();
  await send();
  const params = await published;
  return { ms: performance.now() - start, params };
}

/** Edit i replaces the target letter: D → E, E → D, … (the name stays valid, the text really changes). */
export function editAt(target: EditTarget, i: number): { range: Range; text: string } {
  const position = { line: target.line, character: target.character };
  const range = { start: position, end: { line: target.line, character: target.character + 1 } };
  return { range, text: i % 2 === 0 ? 'E' : target.original };
}
