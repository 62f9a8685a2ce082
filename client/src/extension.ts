/**
 * The thin VS Code client: starts the language server, and wires the palette commands and the
 * timeline webview to the server's commands. All schedule logic lives in the server.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ClientCommands } from '../../server/src/shared/protocol';
import { ServerApi, createLanguageClient } from './languageClient';
import { SimulationStatus } from './status';
import { TimelinePanels } from './timelinePanel';
import { WhatIfApi } from './whatIfApi';
import { announceCliverifyWrites } from './cliverifyNotice';
import { simulateCommand } from './commands/simulate';
import { generateCliverifyCommand } from './commands/generateCliverify';
import { decodeTokenCommand } from './commands/decodeToken';
import { revealCommand } from './commands/reveal';
import { importSiteExportCommand } from './commands/importSiteExport';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('SMS Schedule', { log: true });
  client = createLanguageClient(context, output);
  const server = new ServerApi(client);
  const status = new SimulationStatus();
  const panels = new TimelinePanels(context.extensionUri, server, new WhatIfApi(client), status);
  context.subscriptions.push(
    output,
    announceCliverifyWrites(),
    status,
    panels,
    vscode.commands.registerCommand(ClientCommands.simulate, simulateCommand(panels)),
    vscode.commands.registerCommand(ClientCommands.generateCliverify, generateCliverifyCommand(server)),
    vscode.commands.registerCommand(ClientCommands.decodeToken, decodeTokenCommand(server)),
    vscode.commands.registerCommand(ClientCommands.reveal, revealCommand),
    vscode.commands.registerCommand(ClientCommands.importSiteExport, importSiteExportCommand(server, output)),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
