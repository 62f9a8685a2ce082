/**
 * A small LSP client for tests: spawns the bundled server (`node dist/server.js --stdio`), speaks
 * JSON-RPC over its stdio, answers `workspace/configuration` with the test's settings and lets a
 * test await the diagnostics the server publishes (no sleeps: a promise per expected notification).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DidSaveTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import type { ServerSettings } from '../../server/src/shared/protocol';

export const REPO_ROOT = join(__dirname, '..', '..');
export const SERVER_JS = join(REPO_ROOT, 'dist', 'server.js');

export const TEST_CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    didChangeConfiguration: { dynamicRegistration: true },
    workspaceEdit: { documentChanges: true, resourceOperations: ['create'] },
  },
  textDocument: {
    synchronization: { didSave: true },
    completion: { completionItem: { snippetSupport: true } },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
    publishDiagnostics: { relatedInformation: true, versionSupport: true },
  },
};

export interface StartOptions {
  readonly settings?: Partial<ServerSettings>;
  readonly capabilities?: ClientCapabilities;
  /** Extra node flags before the script (e.g. `--require` a preload that watches the process). */
  readonly nodeArgs?: readonly string[];
}

interface Waiter {
  readonly uri: string;
  readonly where: (params: PublishDiagnosticsParams) => boolean;
  readonly after: number;
  readonly resolve: (params: PublishDiagnosticsParams) => void;
}

export class LspTestClient {
  /** Every publishDiagnostics notification, in arrival order. */
  readonly published: PublishDiagnosticsParams[] = [];
  /** window/logMessage texts (errors the server caught end up here). */
  readonly logs: string[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Settings returned to `workspace/configuration`; change them, then call `configurationChanged()`. */
  settings: Partial<ServerSettings>;
  initializeResult: InitializeResult | undefined;
  private readonly waiters: Waiter[] = [];
  private readonly versions = new Map<string, number>();
  private stderr = '';

  private constructor(
    readonly process: ChildProcessWithoutNullStreams,
    readonly connection: ProtocolConnection,
    settings: Partial<ServerSettings>,
  ) {
    this.settings = settings;
    this.exited = new Promise((resolve) => process.on('exit', (code, signal) => resolve({ code, signal })));
    process.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.published.push(params);
      for (const waiter of [...this.waiters]) this.check(waiter, params, this.published.length - 1);
    });
    connection.onNotification(LogMessageNotification.type, (params) => {
      this.logs.push(params.message);
    });
    connection.onRequest(ConfigurationRequest.type, (params) =>
      params.items.map((item) => (item.section === 'smsSchedule' ? { ...this.settings } : null)),
    );
    connection.onRequest(RegistrationRequest.type, () => undefined);
  }

  static async start(options: StartOptions = {}): Promise<LspTestClient> {
    if (!existsSync(SERVER_JS)) throw new Error(`${SERVER_JS} is missing: run \`npm run build\` first`);
    const args = [...(options.nodeArgs ?? []), SERVER_JS, '--stdio'];
    const child = spawn(process.execPath, args, { cwd: REPO_ROOT, stdio: 'pipe' });
    const connection = createProtocolConnection(
      new StreamMessageReader(child.stdout),
      new StreamMessageWriter(child.stdin),
    );
    connection.listen();
    const client = new LspTestClient(child, connection, options.settings ?? {});
    client.initializeResult = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities: options.capabilities ?? TEST_CAPABILITIES,
      workspaceFolders: null,
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  get stderrText(): string {
    return this.stderr;
  }

  async open(uri: string, text: string, version = 1): Promise<void> {
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'sms-schedule', version, text },
    });
  }

  /** Sends one change (whole text, or ranged changes); returns the new version. */
  async change(uri: string, changes: string | TextDocumentContentChangeEvent[]): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    const contentChanges = typeof changes === 'string' ? [{ text: changes }] : changes;
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges,
    });
    return version;
  }

  async save(uri: string): Promise<void> {
    await this.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri } });
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  async configurationChanged(): Promise<void> {
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  }

  version(uri: string): number {
    return this.versions.get(uri) ?? 0;
  }

  /**
   * The first diagnostics published for `uri` that satisfy `where`, among those received after the
   * first `after` notifications (default: all, including ones that arrived before this call).
   */
  waitForDiagnostics(
    uri: string,
    where: (params: PublishDiagnosticsParams) => boolean = () => true,
    after = 0,
  ): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve) => {
      const waiter: Waiter = { uri, where, after, resolve };
      for (let i = after; i < this.published.length; i++) {
        const params = this.published[i] as PublishDiagnosticsParams;
        if (params.uri === uri && where(params)) return resolve(params);
      }
      this.waiters.push(waiter);
    });
  }

  /** Diagnostics published for exactly this version of the document. */
  diagnosticsForVersion(uri: string, version: number, after = 0): Promise<PublishDiagnosticsParams> {
    return this.waitForDiagnostics(uri, (p) => p.version === version, after);
  }

  private check(waiter: Waiter, params: PublishDiagnosticsParams, index: number): void {
    if (index < waiter.after || params.uri !== waiter.uri || !waiter.where(params)) return;
    this.waiters.splice(this.waiters.indexOf(waiter), 1);
    waiter.resolve(params);
  }

  /** shutdown + exit, then waits for the process to end; returns its exit code. */
  async shutdown(): Promise<number | null> {
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    const { code } = await this.exited;
    this.connection.dispose();
    return code;
  }

  /** For a failed test: make sure no server process outlives it. */
  kill(): void {
    if (this.process.exitCode === null && this.process.signalCode === null) this.process.kill();
  }
}

export function fileUri(path: string): string {
  return `file://${path.split('/').map(encodeURIComponent).join('/')}`;
}
