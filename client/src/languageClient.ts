/** Starts the SMS Schedule language server (dist/server.js) over IPC and wraps its commands. */
import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import {
  LANGUAGE_ID,
  ServerCommands,
  type Timeline,
  type ImportSiteExportResult,
} from '../../server/src/shared/protocol';

/** The client id also names the trace setting the library reads: `smsSchedule.trace.server`. */
const CLIENT_ID = 'smsSchedule';

export function createLanguageClient(
  context: vscode.ExtensionContext,
  output: vscode.LogOutputChannel,
): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: LANGUAGE_ID },
      { scheme: 'untitled', language: LANGUAGE_ID },
    ],
    synchronize: { configurationSection: 'smsSchedule' },
    outputChannel: output,
    traceOutputChannel: output,
  };
  return new LanguageClient(CLIENT_ID, 'SMS Schedule Language Server', serverOptions, clientOptions);
}

export interface CliverifyResult {
  readonly markdown: string;
  readonly json: unknown;
  readonly fileUri: string;
}

export type DecodeTokenResult =
  | { readonly ok: true; readonly description: string; readonly json: unknown }
  | { readonly ok: false; readonly reason: string };

/** Typed wrappers around `workspace/executeCommand` for the server commands of protocol.ts. */
export class ServerApi {
  constructor(private readonly client: LanguageClient) {}

  simulate(uri: vscode.Uri): Promise<Timeline> {
    return this.execute<Timeline>(ServerCommands.simulate, uri.toString());
  }

  cliverify(uri: vscode.Uri): Promise<CliverifyResult> {
    return this.execute<CliverifyResult>(ServerCommands.cliverify, uri.toString());
  }

  decodeToken(token: string): Promise<DecodeTokenResult> {
    return this.execute<DecodeTokenResult>(ServerCommands.decodeToken, token);
  }

  importSiteExport(text: string): Promise<ImportSiteExportResult> {
    return this.execute<ImportSiteExportResult>(ServerCommands.importSiteExport, text);
  }

  private async execute<T>(command: string, ...args: unknown[]): Promise<T> {
    return (await this.client.sendRequest('workspace/executeCommand', { command, arguments: args })) as T;
  }
}
