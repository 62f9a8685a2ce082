/** Shared fixtures of the LSP tests: the example document, a server per test, small queries. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { fileUri, LspTestClient, REPO_ROOT, type StartOptions } from './client';

export const LAB_PATH = join(REPO_ROOT, 'examples', 'lab.sms.yaml');
export const LAB_TEXT = readFileSync(LAB_PATH, 'utf8');
export const LAB_URI = fileUri(LAB_PATH);

/** A fresh directory for documents whose neighbours (NAME.cliverify.md) a test controls. */
export function tempDocumentUri(name = 'lab.sms.yaml'): { uri: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'sms-lsp-'));
  return { uri: fileUri(join(dir, name)), dir };
}

/** Runs `body` against a fresh server; shuts it down (shutdown + exit) and checks it exits with 0. */
export async function withServer(options: StartOptions, body: (client: LspTestClient) => Promise<void>): Promise<void> {
  const client = await LspTestClient.start(options);
  try {
    await body(client);
    assert.equal(await client.shutdown(), 0, `server exit code (stderr: ${client.stderrText})`);
  } finally {
    client.kill();
  }
}

export function codes(params: PublishDiagnosticsParams | readonly Diagnostic[]): string[] {
  const diagnostics = Array.isArray(params) ? params : (params as PublishDiagnosticsParams).diagnostics;
  return diagnostics.map((d) => String(d.code)).sort();
}

export const hasEngineFindings = (params: PublishDiagnosticsParams): boolean =>
  params.diagnostics.some((d) => d.code === 'verify-interrupts-run' || d.code === 'run-time-unknown');

/** The 0-based line of the first line of `text` that contains `needle`. */
export function lineOf(text: string, needle: string): number {
  const line = text.split('\n').findIndex((l) => l.includes(needle));
  assert.ok(line >= 0, `no line contains ${needle}`);
  return line;
}
