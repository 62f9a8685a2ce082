/**
 * Wires the capabilities and the handlers. Every feature lives in its own module and receives the
 * shared context; every handler runs through `guarded`, so a failure answers empty and is logged.
 */
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  TextDocumentSyncKind,
  type ClientCapabilities,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver';
import { ServerCommands } from '../shared/protocol';
import { DocumentStore } from './documents';
import { codeActions } from './features/codeActions';
import { codeLenses } from './features/codeLens';
import { executeCommand } from './features/commands';
import { completions, COMPLETION_TRIGGER_CHARACTERS } from './features/completion';
import { DiagnosticsPublisher } from './features/diagnostics';
import { foldingRanges } from './features/folding';
import { hover } from './features/hover';
import { documentSymbols } from './features/symbols';
import { guarded, type Logger } from './safety';
import { SettingsStore } from './settings';
import { oversizedBytes } from './sizeLimit';

/** What the features share: the documents with their cached analyses, settings and the client's abilities. */
export interface ServerContext {
  readonly connection: Connection;
  readonly store: DocumentStore;
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
}

export function readClientAbilities(capabilities: ClientCapabilities): ClientAbilities {
  const workspaceEdit = capabilities.workspace?.workspaceEdit;
  return {
    configuration: capabilities.workspace?.configuration === true,
    dynamicConfigurationRegistration: capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true,
    documentChanges: workspaceEdit?.documentChanges === true,
    createFiles: workspaceEdit?.resourceOperations?.includes('create') === true,
    snippets: capabilities.textDocument?.completion?.completionItem?.snippetSupport === true,
  };
}

export function startServer(connection: Connection): ServerContext {
  const logger: Logger = {
    error: (message) => connection.console.error(message),
    log: (message) => connection.console.log(message),
  };
  const client: ClientAbilities = {
    configuration: false,
    dynamicConfigurationRegistration: false,
    documentChanges: false,
    createFiles: false,
    snippets: false,
  };
  const store = new DocumentStore();
  const settings = new SettingsStore(connection, () => client.configuration);
  const diagnostics = new DiagnosticsPublisher(connection, store, settings, logger);
  const context: ServerContext = { connection, store, settings, diagnostics, logger, client };

  connection.onInitialize((params): InitializeResult => {
    Object.assign(client, readClientAbilities(params.capabilities));
    return {
      capabilities: {
        textDocumentSync: {
          openClose: true,
          change: TextDocumentSyncKind.Incremental,
          save: { includeText: false },
        },
        hoverProvider: true,
        completionProvider: { triggerCharacters: [...COMPLETION_TRIGGER_CHARACTERS] },
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        codeLensProvider: { resolveProvider: false },
        executeCommandProvider: { commands: Object.values(ServerCommands) },
      },
      serverInfo: { name: 'sms-schedule-language-server', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    if (client.configuration && client.dynamicConfigurationRegistration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'smsSchedule' });
    }
  });

  connection.onDidChangeConfiguration(
    guarded(logger, 'didChangeConfiguration', undefined, (params) => {
      settings.changed(params.settings);
      diagnostics.refreshAll();
    }),
  );

  const { documents } = store;
  documents.onDidOpen((event) => diagnostics.opened(event.document));
  documents.onDidChangeContent((event) => diagnostics.changed(event.document));
  documents.onDidSave((event) => diagnostics.saved(event.document));
  documents.onDidClose((event) => {
    diagnostics.closed(event.document.uri);
    store.forget(event.document.uri);
    settings.forget(event.document.uri);
  });
  documents.listen(connection);

  /** The current validation of an open document, or undefined when the uri is not open. */
  const validationOf = (uri: string) => {
    const document = store.get(uri);
    return document ? store.validation(document) : undefined;
  };

  /** A document over the size limit is never parsed: its features answer `fallback`. */
  const withinSizeLimit =
    <P extends { textDocument: { uri: string } }, R>(fallback: R, handler: (params: P) => R | Promise<R>) =>
    (params: P): R | Promise<R> => {
      const document = store.get(params.textDocument.uri);
      return document !== undefined && oversizedBytes(document.getText()) !== undefined ? fallback : handler(params);
    };

  connection.onDocumentSymbol(
    guarded(
      logger,
      'documentSymbol',
      [],
      withinSizeLimit([], (params) => {
        const validation = validationOf(params.textDocument.uri);
        return validation ? documentSymbols(validation.parsed) : [];
      }),
    ),
  );
  connection.onFoldingRanges(
    guarded(
      logger,
      'foldingRange',
      [],
      withinSizeLimit([], (params) => {
        const validation = validationOf(params.textDocument.uri);
        return validation ? foldingRanges(validation.parsed) : [];
      }),
    ),
  );
  connection.onHover(
    guarded(
      logger,
      'hover',
      null,
      withinSizeLimit(null, (params) => hover(context, params)),
    ),
  );
  connection.onCompletion(
    guarded(
      logger,
      'completion',
      [],
      withinSizeLimit([], (params) => completions(context, params)),
    ),
  );
  connection.onCodeAction(
    guarded(
      logger,
      'codeAction',
      [],
      withinSizeLimit([], (params) => codeActions(context, params)),
    ),
  );
  connection.onCodeLens(
    guarded(
      logger,
      'codeLens',
      [],
      withinSizeLimit([], (params) => codeLenses(context, params)),
    ),
  );
  connection.onExecuteCommand(guarded(logger, 'executeCommand', null, (params) => executeCommand(context, params)));

  return context;
}
