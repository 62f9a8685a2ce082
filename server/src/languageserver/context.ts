/** What the handlers share: the open documents' sessions, settings, the publisher and the client's abilities. */
import type { ClientCapabilities, Connection } from 'vscode-languageserver';
import type { DiagnosticsPublisher } from './publisher';
import type { Logger } from './safety';
import type { DocumentSessions } from './sessions';
import type { SettingsStore } from './settings';

export interface ServerContext {
  readonly connection: Connection;
  readonly sessions: DocumentSessions;
  readonly settings: SettingsStore;
  readonly diagnostics: DiagnosticsPublisher;
  readonly logger: Logger;
  readonly client: ClientAbilities;
}

export interface ClientAbilities {
  configuration: boolean;
  dynamicConfigurationRegistration: boolean;
  /** WorkspaceEdit.documentChanges with versioned edits and CreateFile (needed for the Cliverify file). */
  documentChanges: boolean;
  createFiles: boolean;
  snippets: boolean;
  /** workspace/inlayHint/refresh (after a settings change). */
  inlayHintRefresh: boolean;
}

export function readClientAbilities(capabilities: ClientCapabilities): ClientAbilities {
  const workspaceEdit = capabilities.workspace?.workspaceEdit;
  return {
    configuration: capabilities.workspace?.configuration === true,
    dynamicConfigurationRegistration: capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true,
    documentChanges: workspaceEdit?.documentChanges === true,
    createFiles: workspaceEdit?.resourceOperations?.includes('create') === true,
    snippets: capabilities.textDocument?.completion?.completionItem?.snippetSupport === true,
    inlayHintRefresh: capabilities.workspace?.inlayHint?.refreshSupport === true,
  };
}
