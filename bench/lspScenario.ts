/**
 * One timed editing session against a language server: didOpen → complete diagnostics, a few
 * one-character edits inside one advertisement → diagnostics of each new version, didSave → the
 * server's save diagnostics, then one more edit and once each the requests an editor sends after
 * an edit (outline, folding, CodeLens, hover on an assignment, a value completion). Times run from just before the
 * message is written to the moment the matching publishDiagnostics or response is read, i.e. what
 * an editor would wait.
 */
import {
  CodeLensRequest,
  CompletionRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  HoverRequest,
  ResponseError,
  type DocumentSymbol,
  type PublishDiagnosticsParams,
  type Range,
  type ServerCapabilities,
  type SymbolInformation,
  type Position,
} from 'vscode-languageserver-protocol/node';
import type { EditTarget, GeneratedDocument } from './generate';
import { Timeout, type BenchLspClient } from './lspClient';
import { REQUEST_NAMES, type RequestName } from './results';
import type { BenchServer } from './servers';

export type Phase = 'open' | 'edit' | 'save';

export interface SessionResult {
  open?: number;
  readonly edits: number[];
  save?: number;
  /** Diagnostics count of the last publish of each phase (a sanity check: same document, same verdict). */
  readonly counts: Partial<Record<Phase, number>>;
  timedOut?: { readonly phase: Phase; readonly afterMs: number };
  /** One of each request after the edits (absent when a diagnostics phase timed out before). */
  readonly requests: Partial<Record<RequestName, RequestOutcome>>;
}

/** A timeout or an error response is a result too: the session goes on. */
export type RequestOutcome =
  | { readonly ms: number; readonly size: number }
  | { readonly timedOutAfterMs: number }
  | { readonly error: string }
  | 'unsupported';

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
  const result: SessionResult = { edits: [], counts: {}, requests: {} };
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

    const edit = async (i: number): Promise<PublishDiagnosticsParams> => {
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
      return edited.params;
    };
    for (let i = 0; i < options.edits; i++) result.counts.edit = (await edit(i)).diagnostics.length;

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

    // One more edit (not counted), so that the requests meet a version the engine has not seen (a
    // hover on an assignment runs it) without doing the save's engine work before the save is timed.
    await edit(options.edits);
    result.edits.pop();
    const at: RequestTargets = { textDocument: { uri }, hover: doc.hoverTarget, completion: doc.completionTarget };
    for (const name of REQUEST_NAMES) result.requests[name] = await timeRequest(client, REQUESTS[name], at, timeoutMs);
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

/** Where the requests go: the document, and the positions of the hover and of the completion. */
interface RequestTargets {
  readonly textDocument: { readonly uri: string };
  readonly hover: Position;
  readonly completion: Position;
}

interface TimedRequest {
  /** The InitializeResult capability without which the request is not sent. */
  readonly capability: keyof ServerCapabilities;
  /** Sends the request once: its time and the size of its answer. */
  readonly send: (
    client: BenchLspClient,
    at: RequestTargets,
    timeoutMs: number,
  ) => Promise<{ ms: number; size: number }>;
}

const REQUESTS: Record<RequestName, TimedRequest> = {
  documentSymbol: {
    capability: 'documentSymbolProvider',
    send: async (client, { textDocument }, timeoutMs) =>
      sized(await client.request(DocumentSymbolRequest.type, { textDocument }, timeoutMs), countSymbols),
  },
  foldingRange: {
    capability: 'foldingRangeProvider',
    send: async (client, { textDocument }, timeoutMs) =>
      sized(
        await client.request(FoldingRangeRequest.type, { textDocument }, timeoutMs),
        (ranges) => ranges?.length ?? 0,
      ),
  },
  codeLens: {
    capability: 'codeLensProvider',
    send: async (client, { textDocument }, timeoutMs) =>
      sized(await client.request(CodeLensRequest.type, { textDocument }, timeoutMs), (lenses) => lenses?.length ?? 0),
  },
  hover: {
    capability: 'hoverProvider',
    send: async (client, { textDocument, hover }, timeoutMs) =>
      sized(await client.request(HoverRequest.type, { textDocument, position: hover }, timeoutMs), (answer) =>
        answer ? 1 : 0,
      ),
  },
  completion: {
    capability: 'completionProvider',
    send: async (client, { textDocument, completion }, timeoutMs) =>
      sized(await client.request(CompletionRequest.type, { textDocument, position: completion }, timeoutMs), (list) =>
        Array.isArray(list) ? list.length : (list?.items.length ?? 0),
      ),
  },
};

async function timeRequest(
  client: BenchLspClient,
  request: TimedRequest,
  at: RequestTargets,
  timeoutMs: number,
): Promise<RequestOutcome> {
  if (!client.capabilities[request.capability]) return 'unsupported';
  try {
    return await request.send(client, at, timeoutMs);
  } catch (error) {
    if (error instanceof Timeout) return { timedOutAfterMs: error.ms };
    if (error instanceof ResponseError) return { error: error.message };
    throw error;
  }
}

function sized<R>(answer: { ms: number; result: R }, size: (result: R) => number): { ms: number; size: number } {
  return { ms: answer.ms, size: size(answer.result) };
}

/** Every symbol of the outline, children included (a flat SymbolInformation list has none). */
function countSymbols(symbols: readonly (DocumentSymbol | SymbolInformation)[] | null): number {
  return (symbols ?? []).reduce(
    (n, symbol) => n + 1 + ('children' in symbol ? countSymbols(symbol.children ?? []) : 0),
    0,
  );
}

/** Edit i replaces the target letter: D → E, E → D, … (the name stays valid, the text really changes). */
export function editAt(target: EditTarget, i: number): { range: Range; text: string } {
  const position = { line: target.line, character: target.character };
  const range = { start: position, end: { line: target.line, character: target.character + 1 } };
  return { range, text: i % 2 === 0 ? 'E' : target.original };
}
