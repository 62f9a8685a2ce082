/** Shared steps of the hostile-input tests: open a document, time the replies, prove the server answers. */
import assert from 'node:assert/strict';
import {
  DocumentSymbolRequest,
  HoverRequest,
  type Diagnostic,
  type Hover,
  type Position,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol';
import { HANG_LIMIT_MS } from '../helpers/hangLimit';
import type { LspTestClient } from '../lsp/client';

export { HANG_LIMIT_MS };

export async function timed<T>(body: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await body();
  return { value, ms: performance.now() - start };
}

/** Opens `text` and returns the diagnostics published for version 1, with how long they took. */
export async function openAndDiagnose(
  client: LspTestClient,
  uri: string,
  text: string,
): Promise<{ published: PublishDiagnosticsParams; ms: number }> {
  const { value, ms } = await timed(async () => {
    await client.open(uri, text);
    return client.diagnosticsForVersion(uri, 1);
  });
  return { published: value, ms };
}

/** Hover (and document symbols) still answer, neither hangs; returns the hover. */
export async function assertResponsive(
  client: LspTestClient,
  uri: string,
  position: Position = { line: 0, character: 0 },
): Promise<Hover | null> {
  const hover = await timed(() =>
    client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position }),
  );
  assert.ok(hover.ms < HANG_LIMIT_MS, `hover took ${hover.ms.toFixed(0)} ms`);
  const symbols = await timed(() =>
    client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }),
  );
  assert.ok(symbols.ms < HANG_LIMIT_MS, `documentSymbol took ${symbols.ms.toFixed(0)} ms`);
  assert.equal(client.process.exitCode, null, 'server still running');
  return hover.value;
}

/** No handler threw and nothing was rejected unhandled while the test ran. */
export function assertNoLoggedFailures(client: LspTestClient): void {
  const failures = client.logs.filter((line) => /unhandled rejection|uncaught exception|failed:/i.test(line));
  assert.deepEqual(failures, []);
}

export function codesOf(params: PublishDiagnosticsParams): string[] {
  return params.diagnostics.map((d) => String(d.code));
}

export function hoverText(hover: Hover | null): string {
  if (hover === null) return '';
  const contents = hover.contents;
  if (typeof contents === 'string') return contents;
  if (Array.isArray(contents)) return contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
  return contents.value;
}

/** LSP 3.18 allows Markdown diagnostic messages; ours are plain strings. */
export function messageOf(diagnostic: Diagnostic | undefined): string {
  if (diagnostic === undefined) return '';
  return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}
