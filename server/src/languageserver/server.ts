/**
 * Wires the capabilities and the handlers (one module per request under handlers/, each only
 * converting between LSP and the core's analysis API); every handler runs through `guarded`, so a
 * failure answers empty and is logged.
 */
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  TextDocumentSyncKind,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver';
import { COMPLETION_TRIGGER_CHARACTERS } from '../core/index';
import { ServerCommands } from '../shared/protocol';
import { readClientAbilities, type ClientAbilities, type ServerContext } from './context';
import { onCodeAction } from './handlers/codeAction';
import { onCodeLens } from './handlers/codeLens';
import { onCompletion } from './handlers/completion';
import { onExecuteCommand } from './handlers/executeCommand';
import { onHover } from './handlers/hover';
import { onInlayHint } from './handlers/inlayHint';
import {
  onDefinition,
  onDocumentHighlight,
  onPrepareRename,
  onReferences,
  onRename,
  onWorkspaceSymbol,
} from './handlers/navigation';
import { onDocumentSymbol, onFoldingRanges } from './handlers/outline';
import { DiagnosticsPublisher } from './publisher';
import { guarded, type Logger } from './safety';
import { DocumentSessions } from './sessions';
import { SettingsStore } from './settings';

export type { ServerContext };

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
    inlayHintRefresh: false,
  };
  const sessions = new DocumentSessions();
  const settings = new SettingsStore(connection, () => client.configuration);
  const diagnostics = new DiagnosticsPublisher(connection, sessions, settings, logger);
  const context: ServerContext = { connection, sessions, settings, diagnostics, logger, client };

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
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite] },
        codeLensProvider: { resolveProvider: false },
        executeCommandProvider: { commands: Object.values(ServerCommands) },
        definitionProvider: true,
        referencesProvider: true,
        documentHighlightProvider: true,
        renameProvider: { prepareProvider: true },
        workspaceSymbolProvider: true,
        inlayHintProvider: true,
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
      if (client.inlayHintRefresh) void connection.languages.inlayHint.refresh();
    }),
  );

  const { documents } = sessions;
  documents.onDidOpen((event) => diagnostics.opened(event.document));
  documents.onDidChangeContent((event) => diagnostics.changed(event.document));
  documents.onDidSave((event) => diagnostics.saved(event.document));
  documents.onDidClose((event) => {
    diagnostics.closed(event.document.uri);
    sessions.forget(event.document.uri);
    settings.forget(event.document.uri);
  });
  documents.listen(connection);

  connection.onDocumentSymbol(guarded(logger, 'documentSymbol', [], (params) => onDocumentSymbol(context, params)));
  connection.onFoldingRanges(guarded(logger, 'foldingRange', [], (params) => onFoldingRanges(context, params)));
  connection.onHover(guarded(logger, 'hover', null, (params) => onHover(context, params)));
  connection.onCompletion(guarded(logger, 'completion', [], (params) => onCompletion(context, params)));
  connection.onCodeAction(guarded(logger, 'codeAction', [], (params) => onCodeAction(context, params)));
  connection.onCodeLens(guarded(logger, 'codeLens', [], (params) => onCodeLens(context, params)));
  connection.onDefinition(guarded(logger, 'definition', [], (params) => onDefinition(context, params)));
  connection.onReferences(guarded(logger, 'references', [], (params) => onReferences(context, params)));
  connection.onDocumentHighlight(
    guarded(logger, 'documentHighlight', [], (params) => onDocumentHighlight(context, params)),
  );
  connection.onPrepareRename(guarded(logger, 'prepareRename', null, (params) => onPrepareRename(context, params)));
  connection.onRenameRequest(guarded(logger, 'rename', null, (params) => onRename(context, params)));
  connection.onWorkspaceSymbol(guarded(logger, 'workspaceSymbol', [], (params) => onWorkspaceSymbol(context, params)));
  connection.languages.inlayHint.on(guarded(logger, 'inlayHint', [], (params) => onInlayHint(context, params)));
  connection.onExecuteCommand(guarded(logger, 'executeCommand', null, (params) => onExecuteCommand(context, params)));

  return context;
}
