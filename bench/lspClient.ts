/**
 * A minimal LSP client for timing any stdio language server (ours and yaml-language-server) with
 * the same code path: send a notification, await the next publishDiagnostics for that uri.
 * Answers `workspace/configuration` from a map of sections and every other server request with null.
 * Requests (outline, hover, …) are timed from send to response, with a timeout.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import {
  CancellationTokenSource,
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
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type InitializeResult,
  type ProtocolConnection,
  type ProtocolRequestType,
  type PublishDiagnosticsParams,
  type Range,
  type RequestParam,
  type ServerCapabilities,
} from 'vscode-languageserver-protocol/node';

export interface ServerCommand {
  /** Shown in the table. */
  readonly label: string;
  readonly args: readonly string[];
  readonly languageId: string;
  /** Answers to `workspace/configuration`, by section (missing sections answer null). */
  readonly configuration: Readonly<Record<string, unknown>>;
  /** Also pushed once with `workspace/didChangeConfiguration` (servers that read pushed settings). */
  readonly pushedSettings?: unknown;
}

const ACKNOWLEDGED_REQUESTS = [
  'client/registerCapability',
  'client/unregisterCapability',
  'window/workDoneProgress/create',
  'window/showMessageRequest',
  'workspace/workspaceFolders',
];

export class Timeout extends Error {
  constructor(
    readonly ms: number,
    awaited = 'diagnostics',
  ) {
    super(`no ${awaited} within ${ms} ms`);
  }
}

interface Waiter {
  readonly uri: string;
  readonly where: (params: PublishDiagnosticsParams) => boolean;
  readonly resolve: (params: PublishDiagnosticsParams) => void;
}

export class BenchLspClient {
  private readonly waiters: Waiter[] = [];
  private readonly versions = new Map<string, number>();
  private stderr = '';
  private initializeResult: InitializeResult | undefined;

  private constructor(
    readonly server: ServerCommand,
    readonly child: ChildProcessWithoutNullStreams,
    private readonly connection: ProtocolConnection,
  ) {
    child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      for (const waiter of [...this.waiters]) {
        if (params.uri !== waiter.uri || !waiter.where(params)) continue;
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(params);
      }
    });
    connection.onRequest(ConfigurationRequest.type, (params) =>
      params.items.map((item) => server.configuration[item.section ?? ''] ?? null),
    );
    // Requests a server may send that need no real answer here (unknown ones get MethodNotFound).
    for (const method of ACKNOWLEDGED_REQUESTS) connection.onRequest(method, () => null);
  }

  static async start(server: ServerCommand, cwd: string): Promise<BenchLspClient> {
    const child = spawn(process.execPath, [...server.args], { cwd, stdio: 'pipe' });
    const connection = createProtocolConnection(
      new StreamMessageReader(child.stdout),
      new StreamMessageWriter(child.stdin),
    );
    connection.listen();
    const client = new BenchLspClient(server, child, connection);
    client.initializeResult = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: null,
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
        textDocument: {
          synchronization: { didSave: true, dynamicRegistration: true },
          publishDiagnostics: { relatedInformation: true, versionSupport: true },
          // So that servers answer the timed requests in their richest form.
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
          foldingRange: {},
          hover: { contentFormat: ['markdown', 'plaintext'] },
          codeLens: {},
          completion: { completionItem: { snippetSupport: true } },
        },
      },
    });
    await connection.sendNotification(InitializedNotification.type, {});
    if (server.pushedSettings !== undefined) {
      await connection.sendNotification(DidChangeConfigurationNotification.type, { settings: server.pushedSettings });
    }
    return client;
  }

  get stderrText(): string {
    return this.stderr;
  }

  /** What the server advertised in its InitializeResult. */
  get capabilities(): ServerCapabilities {
    return this.initializeResult?.capabilities ?? {};
  }

  /**
   * Sends a request and times it until the response is read. Rejects with `Timeout` after
   * `timeoutMs` and cancels the request then (`$/cancelRequest`), so a stuck answer does not pile up.
   */
  async request<P, R, PR, E, RO>(
    type: ProtocolRequestType<P, R, PR, E, RO>,
    params: RequestParam<P>,
    timeoutMs: number,
  ): Promise<{ ms: number; result: R }> {
    const cancellation = new CancellationTokenSource();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        cancellation.cancel();
        reject(new Timeout(timeoutMs, `${type.method} answer`));
      }, timeoutMs);
    });
    const start = performance.now();
    try {
      const result = await Promise.race([this.connection.sendRequest(type, params, cancellation.token), timedOut]);
      return { ms: performance.now() - start, result };
    } finally {
      clearTimeout(timer);
      cancellation.dispose();
    }
  }

  /** Resolves with the first publish for `uri` (after this call) that satisfies `where`. */
  nextDiagnostics(
    uri: string,
    timeoutMs: number,
    where: (params: PublishDiagnosticsParams) => boolean = () => true,
  ): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Timeout(timeoutMs));
      }, timeoutMs);
      const waiter: Waiter = {
        uri,
        where,
        resolve: (params) => {
          clearTimeout(timer);
          resolve(params);
        },
      };
      this.waiters.push(waiter);
    });
  }

  async open(uri: string, text: string): Promise<void> {
    this.versions.set(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: this.server.languageId, version: 1, text },
    });
  }

  /** One ranged change; returns the new version. */
  async change(uri: string, range: Range, text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ range, text }],
    });
    return version;
  }

  async save(uri: string): Promise<void> {
    await this.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri } });
  }

  async close(uri: string): Promise<void> {
    this.versions.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** Peak resident set size of the server process so far (Linux VmHWM), in bytes. */
  peakRssBytes(): number | undefined {
    try {
      const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
      const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
      return match ? Number(match[1]) * 1024 : undefined;
    } catch {
      return undefined;
    }
  }

  /** shutdown + exit, or a kill when the server is stuck (e.g. after a timeout). */
  async stop(graceMs = 5_000): Promise<void> {
    const exited = new Promise<void>((resolve) => {
      if (this.child.exitCode !== null || this.child.signalCode !== null) resolve();
      else this.child.once('exit', () => resolve());
    });
    const killTimer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    try {
      await Promise.race([
        (async () => {
          await this.connection.sendRequest(ShutdownRequest.type);
          await this.connection.sendNotification(ExitNotification.type);
        })(),
        exited,
      ]);
    } catch {
      this.child.kill('SIGKILL');
    }
    await exited;
    clearTimeout(killTimer);
    this.connection.dispose();
  }
}

export function fileUri(path: string): string {
  return `file://${path.split('/').map(encodeURIComponent).join('/')}`;
}
