/** Finding the SMS Schedule document a command applies to, and paths derived from it. */
import * as vscode from 'vscode';
import { LANGUAGE_ID } from '../../server/src/shared/protocol';

/** The uri a command was invoked with (explorer/editor menus pass one), else the active SMS document. */
export function targetDocumentUri(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  if (typeof arg === 'string' && arg.length > 0) return vscode.Uri.parse(arg);
  const document = vscode.window.activeTextEditor?.document;
  return document?.languageId === LANGUAGE_ID ? document.uri : undefined;
}

/** `lab.sms.yaml` → `lab` (the SPEC's NAME for derived files). */
export function documentBaseName(uri: vscode.Uri): string {
  const file = uri.path.slice(uri.path.lastIndexOf('/') + 1);
  return file.replace(/\.sms\.ya?ml$/i, '').replace(/\.ya?ml$/i, '');
}

/** True when `candidate` is a file in the same folder as `document` (same scheme and authority). */
export function isNextTo(candidate: vscode.Uri, document: vscode.Uri): boolean {
  return (
    candidate.scheme === document.scheme &&
    candidate.authority === document.authority &&
    vscode.Uri.joinPath(candidate, '..').path === vscode.Uri.joinPath(document, '..').path
  );
}
