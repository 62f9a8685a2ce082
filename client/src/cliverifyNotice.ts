/**
 * Says so when a quick fix (or the timeline's what-if "Apply") writes `NAME.cliverify.md`: those edits
 * create the file through a WorkspaceEdit, silently. The notification offers "Open" and, like every
 * VS Code notification, does not take the focus from the editor.
 */
import * as vscode from 'vscode';
import { LANGUAGE_ID } from '../../server/src/shared/protocol';
import { isNextTo } from './documents';

const CLIVERIFY_SUFFIX = '.cliverify.md';
export const OPEN_ACTION = 'Open';

/** `lab.cliverify.md` → `lab`; undefined for other names. */
export function cliverifyDocumentName(uri: vscode.Uri): string | undefined {
  const file = uri.path.slice(uri.path.lastIndexOf('/') + 1);
  return file.endsWith(CLIVERIFY_SUFFIX) && file.length > CLIVERIFY_SUFFIX.length
    ? file.slice(0, -CLIVERIFY_SUFFIX.length)
    : undefined;
}

/**
 * The open schedule a Cliverify file belongs to (NAME.sms.yaml / NAME.sms.yml beside it), if any: a
 * file of that name created for another reason (New File in the Explorer) is not announced.
 */
function scheduleOf(file: vscode.Uri): vscode.TextDocument | undefined {
  const name = cliverifyDocumentName(file);
  if (name === undefined) return undefined;
  return vscode.workspace.textDocuments.find((document) => {
    if (document.languageId !== LANGUAGE_ID || !isNextTo(document.uri, file)) return false;
    const base = document.uri.path.slice(document.uri.path.lastIndexOf('/') + 1);
    return base === `${name}.sms.yaml` || base === `${name}.sms.yml`;
  });
}

export function announceCliverifyWrites(): vscode.Disposable {
  // onDidCreateFiles fires for files created by a WorkspaceEdit (also with overwrite), not for
  // workspace.fs writes: "Generate Cliverify Configuration" opens its file itself.
  return vscode.workspace.onDidCreateFiles((event) => {
    for (const file of event.files) {
      const schedule = scheduleOf(file);
      if (schedule === undefined) continue;
      void announce(file, schedule.uri);
    }
  });
}

async function announce(file: vscode.Uri, schedule: vscode.Uri): Promise<void> {
  const name = file.path.slice(file.path.lastIndexOf('/') + 1);
  const scheduleName = schedule.path.slice(schedule.path.lastIndexOf('/') + 1);
  const choice = await vscode.window.showInformationMessage(
    `Wrote ${name}: the Cliverify settings for ${scheduleName} as fixed.`,
    OPEN_ACTION,
  );
  if (choice === OPEN_ACTION) await vscode.window.showTextDocument(file, { preview: false });
}
