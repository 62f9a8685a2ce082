/**
 * `smsSchedule.importSiteExport`: pick an SMS site export (JSON, from exporters/export-sms-site.vbs);
 * the server turns it into a document (SPEC §9); the client writes NAME.sms.yaml beside the export
 * and opens it. Untrusted workspaces (no writing) get the document unsaved. Warnings go to the
 * output channel, one line each with their JSON pointer.
 */
import * as vscode from 'vscode';
import type { ServerApi } from '../languageClient';
import { errorMessage } from './simulate';

/** `lab.export.json` → `lab.sms.yaml`; `site.json` → `site.sms.yaml`. */
export function documentNameFor(exportName: string): string {
  return `${exportName.replace(/(\.export)?\.json$/i, '')}.sms.yaml`;
}

export function importSiteExportCommand(server: ServerApi, output: vscode.LogOutputChannel) {
  return async (arg?: unknown): Promise<vscode.Uri | undefined> => {
    const picked =
      arg instanceof vscode.Uri
        ? [arg]
        : await vscode.window.showOpenDialog({
            canSelectMany: false,
            filters: { 'SMS site export': ['json'] },
            openLabel: 'Import',
            title: 'Import SMS Site Export',
          });
    const source = picked?.[0];
    if (source === undefined) return undefined;
    const name = source.path.slice(source.path.lastIndexOf('/') + 1);
    try {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(source));
      const result = await server.importSiteExport(text);
      if (!result.ok) {
        void vscode.window.showErrorMessage(
          `${name}: ${result.pointer === '' ? '' : `${result.pointer}: `}${result.message}`,
        );
        return undefined;
      }
      for (const warning of result.warnings) output.warn(`${name}: ${warning.pointer}: ${warning.message}`);
      const target = vscode.Uri.joinPath(source, '..', documentNameFor(name));
      let exists = true;
      try {
        await vscode.workspace.fs.stat(target);
      } catch {
        exists = false;
      }
      if (!vscode.workspace.isTrusted || exists) {
        const document = await vscode.workspace.openTextDocument({ language: 'sms-schedule', content: result.yaml });
        await vscode.window.showTextDocument(document, { preview: false });
        void vscode.window.showInformationMessage(
          exists
            ? `${documentNameFor(name)} already exists: the import is open unsaved.`
            : 'Writing files requires a trusted workspace: the import is open unsaved.',
        );
        return undefined;
      }
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(result.yaml));
      await vscode.window.showTextDocument(target, { preview: false });
      if (result.warnings.length > 0) {
        void vscode.window.showWarningMessage(
          `Imported ${name} with ${result.warnings.length} warning${result.warnings.length === 1 ? '' : 's'} (see the SMS Schedule output).`,
        );
      }
      return target;
    } catch (error) {
      void vscode.window.showErrorMessage(`Import failed: ${errorMessage(error)}`);
      return undefined;
    }
  };
}
