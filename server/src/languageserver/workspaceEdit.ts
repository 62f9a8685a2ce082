/**
 * A core fix (edits of the document, and maybe the Cliverify configuration of the fixed text) as
 * an LSP WorkspaceEdit: pinned to the document's version, plus NAME.cliverify.md beside the
 * document when the client can create files and the file is ours to overwrite. Quick fixes and the
 * timeline's what-if both use it.
 */
import { CreateFile, TextDocumentEdit, TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { siblingCliverifyUri, type CodeActionEntry } from '../core/index';
import { mayOverwrite } from './cliverifyWrite';
import type { ServerContext } from './context';

export function workspaceEdit(
  context: ServerContext,
  document: TextDocument,
  entry: Pick<CodeActionEntry, 'edits' | 'cliverifyFile'>,
): WorkspaceEdit {
  const { uri, version } = document;
  const edits = entry.edits.map((edit) => TextEdit.replace(edit.range, edit.newText));
  if (!context.client.documentChanges) return { changes: { [uri]: edits } };
  const documentChanges: WorkspaceEdit['documentChanges'] = [TextDocumentEdit.create({ uri, version }, edits)];
  const sibling = siblingCliverifyUri(uri);
  if (
    entry.cliverifyFile !== undefined &&
    context.client.createFiles &&
    sibling !== undefined &&
    mayOverwrite(sibling, context.sessions)
  ) {
    documentChanges.push(
      CreateFile.create(sibling, { overwrite: true }),
      TextDocumentEdit.create({ uri: sibling, version: null }, [
        TextEdit.insert({ line: 0, character: 0 }, entry.cliverifyFile.markdown),
      ]),
    );
  }
  return { documentChanges };
}
