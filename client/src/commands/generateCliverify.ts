/**
 * `smsSchedule.generateCliverify`: the server computes the Cliverify configuration; the client writes
 * the Markdown to NAME.cliverify.md next to the document. Writing files needs a trusted workspace;
 * untrusted workspaces get a read-only preview instead.
 */
import * as vscode from 'vscode';
import type { ServerApi } from '../languageClient';
import { isNextTo, targetDocumentUri } from '../documents';
import { errorMessage } from './simulate';

export function generateCliverifyCommand(server: ServerApi) {
  return async (arg?: unknown): Promise<vscode.Uri | undefined> => {
    const uri = targetDocumentUri(arg);
    if (uri === undefined) {
      void vscode.window.showWarningMessage(
        'Open an SMS Schedule file (*.sms.yaml) to generate its Cliverify configuration.',
      );
      return undefined;
    }
    try {
      const result = await server.cliverify(uri);
      const target = vscode.Uri.parse(result.fileUri);
      if (!vscode.workspace.isTrusted || uri.scheme === 'untitled') {
        await showPreview(result.markdown);
        void vscode.window.showInformationMessage(
          uri.scheme === 'untitled'
            ? 'Save the schedule to write its Cliverify configuration next to it; showing a preview.'
            : 'Writing the Cliverify file requires a trusted workspace; showing a preview instead.',
        );
        return undefined;
      }
      if (!isNextTo(target, uri)) throw new Error(`refusing to write ${target.toString()}: not next to the document`);
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(result.markdown));
      await vscode.window.showTextDocument(target, { preview: false });
      return target;
    } catch (error) {
      void vscode.window.showErrorMessage(`Cliverify configuration failed: ${errorMessage(error)}`);
      return undefined;
    }
  };
}

async function showPreview(markdown: string): Promise<void> {
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown });
  await vscode.window.showTextDocument(document, { preview: true });
}
