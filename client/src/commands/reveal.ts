/** `smsSchedule.reveal` (hidden from the palette): open a document and select a 0-based position. */
import * as vscode from 'vscode';

export async function revealCommand(uri: unknown, line: unknown, character: unknown): Promise<void> {
  const target = uri instanceof vscode.Uri ? uri : typeof uri === 'string' ? vscode.Uri.parse(uri) : undefined;
  if (target === undefined || !Number.isInteger(line) || !Number.isInteger(character)) return;
  const position = new vscode.Position(line as number, character as number);
  // Reuse the column where the document is already visible so the timeline panel stays put.
  const visible = vscode.window.visibleTextEditors.find(
    (editor) => editor.document.uri.toString() === target.toString(),
  );
  const editor = await vscode.window.showTextDocument(target, {
    viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One,
    selection: new vscode.Range(position, position),
    preserveFocus: false,
  });
  editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}
