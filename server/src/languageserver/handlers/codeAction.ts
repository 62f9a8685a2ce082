/**
 * Code actions: the core computes them from each diagnostic's data and the current snapshot; this
 * turns them into workspace edits pinned to the document's version, plus the Cliverify file beside
 * the document when the client can create files and the file is ours to overwrite.
 */
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeActionEntry } from '../../core/index';
import { DIAGNOSTIC_SOURCE } from '../../shared/protocol';
import type { ServerContext } from '../context';
import { workspaceEdit } from '../workspaceEdit';
import { snapshotOf } from './snapshotOf';

const KINDS: Record<CodeActionEntry['kind'], string> = {
  quickfix: CodeActionKind.QuickFix,
  'refactor.rewrite': CodeActionKind.RefactorRewrite,
};

export async function onCodeAction(context: ServerContext, params: CodeActionParams): Promise<CodeAction[]> {
  const uri = params.textDocument.uri;
  const request = await snapshotOf(context, uri);
  if (request === undefined) return [];
  const { document, snapshot, settings } = request;
  const ours = params.context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE);
  const only = params.context.only;
  const entries = snapshot.codeActions(
    params.range,
    ours.map((d: Diagnostic) => ({ code: d.code, range: d.range, data: d.data, original: d })),
    { settings, uri },
  );
  const wanted =
    only === undefined ? entries : entries.filter((entry) => only.some((kind) => KINDS[entry.kind].startsWith(kind)));
  // Fixes that change verify cycles: remember what they produce, so applying one publishes its outcome at once.
  context.diagnostics.fixOutcomes.expect(
    uri,
    wanted
      .filter((entry) => entry.cliverifyFile !== undefined)
      .map((entry) => TextDocument.applyEdits(document, [...entry.edits])),
  );
  return wanted.map((entry) => toCodeAction(context, document, entry));
}

function toCodeAction(context: ServerContext, document: TextDocument, entry: CodeActionEntry): CodeAction {
  return {
    title: entry.title,
    kind: KINDS[entry.kind],
    diagnostics: entry.diagnostics as Diagnostic[],
    ...(entry.isPreferred ? { isPreferred: true } : {}),
    edit: workspaceEdit(context, document, entry),
  };
}
