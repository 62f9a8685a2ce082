/**
 * The LSP fuzzer (issue 5): starts the built server (`node dist/server.js --stdio`) through the
 * test client and sends mutated example documents as didOpen / didChange (full and incremental)
 * / didSave / didClose, interleaved with every request the server answers, at random positions.
 * Everything random comes from one seed, so `--seed S --count N` replays a run.
 *
 * A run fails on: the server exiting, an error response other than RequestCancelled /
 * ContentModified, a reply slower than `slowMs` (or none within `noReplyMs`), an error the server
 * logged (unhandled rejection, uncaught exception, a handler that threw), the final version of a
 * document never getting its diagnostics, and resident memory that keeps growing.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionRequest,
  CodeLensRequest,
  CompletionRequest,
  DocumentSymbolRequest,
  ErrorCodes,
  ExecuteCommandRequest,
  FoldingRangeRequest,
  HoverRequest,
  LSPErrorCodes,
  ResponseError,
  type Diagnostic,
  type Position,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol';
import { ServerCommands, type ServerSettings } from '../../server/src/shared/protocol';
import { LspTestClient, REPO_ROOT } from '../lsp/client';
import { mutate } from './mutations';
import { mulberry32, type Random } from '../helpers/prng';

export interface FuzzOptions {
  readonly count: number;
  readonly seed: number;
  /** A reply slower than this fails the run (default 1000 ms). */
  readonly slowMs?: number;
  /** A request without a reply after this long ends the run (default 15 s). */
  readonly noReplyMs?: number;
  /** Where the first failing input is saved (default: a `sms-schedule-fuzz` folder in the OS temp dir). */
  readonly failureDir?: string;
  /** Progress lines (every `progressEvery` documents). */
  readonly log?: (line: string) => void;
  readonly progressEvery?: number;
}

export type FailureKind =
  'crash' | 'error-response' | 'slow-reply' | 'no-reply' | 'logged-error' | 'missing-diagnostics' | 'memory';

export interface FuzzFailure {
  readonly kind: FailureKind;
  readonly detail: string;
  /** 0-based index of the fuzzed document during which it happened (-1: after the run). */
  readonly document: number;
}

export interface FuzzReport {
  readonly count: number;
  readonly seed: number;
  readonly documents: number;
  readonly requests: number;
  readonly crashes: number;
  readonly errorResponses: number;
  readonly slowReplies: number;
  readonly loggedErrors: number;
  readonly slowest: { readonly method: string; readonly ms: number; readonly document: number };
  readonly peakRssMb: number;
  readonly firstQuarterRssMb: number;
  readonly lastQuarterRssMb: number;
  readonly durationMs: number;
  readonly failures: readonly FuzzFailure[];
  /** The saved input of the first failure (a `.sms.yaml` with a `.json` beside it), if any. */
  readonly reproduction: string | undefined;
}

/** Error codes a client must expect from any server; everything else is a bug. */
const ACCEPTED_ERROR_CODES: ReadonlySet<number> = new Set([
  LSPErrorCodes.RequestCancelled,
  LSPErrorCodes.ContentModified,
]);
/** Log lines main.ts / safety.ts write when something threw. */
const FAILURE_LOG = /unhandled rejection|uncaught exception|sms-schedule: .* failed:/i;
const MAX_OPEN_DOCUMENTS = 4;
/** Memory fails when the last quarter's average RSS is > 2x the first quarter's and > 100 MB more. */
const RSS_GROWTH_FACTOR = 2;
const RSS_GROWTH_MB = 100;
const FINAL_DIAGNOSTICS_MS = 15_000;

export function exampleDocuments(): string[] {
  const dir = join(REPO_ROOT, 'examples');
  return readdirSync(dir)
    .filter((name) => /\.sms\.ya?ml$/.test(name))
    .sort()
    .map((name) => readFileSync(join(dir, name), 'utf8'));
}

interface OpenDocument {
  readonly uri: string;
  mirror: TextDocument;
}

class ServerGone extends Error {}

/** Reads the server's resident set size (Linux); undefined elsewhere. */
function rssKb(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

const average = (values: readonly number[]): number =>
  values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;

export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const slowMs = options.slowMs ?? 1000;
  const noReplyMs = options.noReplyMs ?? 15_000;
  const random = mulberry32(options.seed);
  const examples = exampleDocuments();
  const started = performance.now();
  const failures: FuzzFailure[] = [];
  const recent: string[] = [];
  let reproduction: string | undefined;
  let requests = 0;
  let slowest = { method: '', ms: 0, document: -1 };
  let documentIndex = 0;
  let current: OpenDocument | undefined;
  const rss: number[] = [];

  const client = await LspTestClient.start({ settings: { simulate: 'onType' } });
  let gone = false;
  void client.exited.then(() => (gone = true));
  const open = new Map<string, OpenDocument>();
  let logsSeen = 0;

  const note = (line: string): void => {
    recent.push(`#${documentIndex} ${line}`);
    if (recent.length > 40) recent.shift();
  };
  const fail = (kind: FailureKind, detail: string): void => {
    failures.push({ kind, detail, document: documentIndex });
    if (reproduction === undefined)
      reproduction = saveReproduction(options, documentIndex, kind, detail, current, recent);
  };
  const checkLogs = (): void => {
    for (; logsSeen < client.logs.length; logsSeen++) {
      const line = client.logs[logsSeen] as string;
      if (FAILURE_LOG.test(line)) fail('logged-error', line.slice(0, 2000));
    }
  };

  /** One request, timed; error responses and slow or missing replies are failures. */
  const request = async <R>(method: string, send: () => Promise<R>): Promise<R | undefined> => {
    if (gone) throw new ServerGone();
    requests++;
    note(method);
    const begin = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'no-reply'>((resolve) => (timer = setTimeout(() => resolve('no-reply'), noReplyMs)));
    const exited = client.exited.then(() => 'exited' as const);
    try {
      const result = await Promise.race([send(), deadline, exited]);
      const ms = performance.now() - begin;
      if (ms > slowest.ms) slowest = { method, ms, document: documentIndex };
      if (result === 'exited') throw new ServerGone();
      if (result === 'no-reply') {
        fail('no-reply', `${method}: no reply within ${noReplyMs} ms`);
        throw new ServerGone();
      }
      if (ms > slowMs) fail('slow-reply', `${method}: ${ms.toFixed(0)} ms`);
      return result;
    } catch (error) {
      if (error instanceof ServerGone) throw error;
      if (gone) throw new ServerGone();
      if (error instanceof ResponseError && ACCEPTED_ERROR_CODES.has(error.code)) return undefined;
      const code = error instanceof ResponseError ? error.code : ErrorCodes.UnknownErrorCode;
      fail('error-response', `${method}: ${code} ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  };

  try {
    for (documentIndex = 0; documentIndex < options.count; documentIndex++) {
      if (gone) throw new ServerGone();
      current = await deliverDocument(client, random, examples, open, documentIndex, note);
      if (random.chance(0.3)) {
        note('didSave');
        await client.save(current.uri);
      }
      const requestCount = random.int(1, 3);
      for (let r = 0; r < requestCount; r++) await randomRequest(client, random, current, request);
      if (open.size > 1 && random.chance(0.15)) {
        const closing = random.pick([...open.values()]);
        note(`didClose ${closing.uri}`);
        await client.close(closing.uri);
        open.delete(closing.uri);
      }
      if (random.chance(0.02)) {
        client.settings = randomSettings(random);
        note(`didChangeConfiguration ${JSON.stringify(client.settings)}`);
        await client.configurationChanged();
      }
      checkLogs();
      if (documentIndex % 10 === 0) {
        const kb = rssKb(client.process.pid);
        if (kb !== undefined) rss.push(kb);
      }
      if (options.log && options.progressEvery && (documentIndex + 1) % options.progressEvery === 0) {
        options.log(
          `${documentIndex + 1}/${options.count} documents, ${requests} requests, slowest ${slowest.ms.toFixed(0)} ms`,
        );
      }
    }
    documentIndex = -1;
    current = undefined;
    // The last version of every open document must get its diagnostics: no edit is lost in a queue.
    for (const document of open.values()) {
      current = document;
      const version = document.mirror.version;
      const published = await Promise.race([
        client.diagnosticsForVersion(document.uri, version),
        new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), FINAL_DIAGNOSTICS_MS).unref()),
        client.exited.then(() => undefined),
      ]);
      if (published === undefined && !gone) {
        fail('missing-diagnostics', `${document.uri}: no diagnostics for its last version ${version}`);
      }
      await request('textDocument/hover', () =>
        client.connection.sendRequest(HoverRequest.type, {
          textDocument: { uri: document.uri },
          position: { line: 0, character: 0 },
        }),
      );
    }
    checkLogs();
    const code = await client.shutdown();
    if (code !== 0) fail('crash', `exit code ${code} after shutdown`);
  } catch (error) {
    if (!(error instanceof ServerGone)) throw error;
  } finally {
    client.kill();
  }
  let crashes = 0;
  if (gone && client.process.exitCode !== 0) {
    const { code, signal } = await client.exited;
    if (code !== 0 || signal !== null) {
      crashes = 1;
      fail('crash', `server exited (code ${code}, signal ${signal}); stderr: ${client.stderrText.slice(-2000)}`);
    }
  }

  const quarter = Math.max(1, Math.floor(rss.length / 4));
  const firstQuarterRssMb = average(rss.slice(0, quarter)) / 1024;
  const lastQuarterRssMb = average(rss.slice(-quarter)) / 1024;
  if (
    rss.length >= 8 &&
    lastQuarterRssMb > RSS_GROWTH_FACTOR * firstQuarterRssMb &&
    lastQuarterRssMb - firstQuarterRssMb > RSS_GROWTH_MB
  ) {
    documentIndex = -1;
    fail('memory', `RSS grew from ${firstQuarterRssMb.toFixed(0)} MB to ${lastQuarterRssMb.toFixed(0)} MB`);
  }
  const count = (kind: FailureKind): number => failures.filter((f) => f.kind === kind).length;
  return {
    count: options.count,
    seed: options.seed,
    documents: documentIndex < 0 ? options.count : documentIndex,
    requests,
    crashes,
    errorResponses: count('error-response'),
    slowReplies: count('slow-reply') + count('no-reply'),
    loggedErrors: count('logged-error'),
    slowest,
    peakRssMb: Math.max(0, ...rss) / 1024,
    firstQuarterRssMb,
    lastQuarterRssMb,
    durationMs: performance.now() - started,
    failures,
    reproduction,
  };
}

/** didOpen of a new document, or a full or incremental didChange of an open one. */
async function deliverDocument(
  client: LspTestClient,
  random: Random,
  examples: readonly string[],
  open: Map<string, OpenDocument>,
  index: number,
  note: (line: string) => void,
): Promise<OpenDocument> {
  if (open.size === 0 || (open.size < MAX_OPEN_DOCUMENTS && random.chance(0.25))) {
    const uri = random.chance(0.8) ? `file:///sms-fuzz/doc-${index}.sms.yaml` : `untitled:Untitled-${index}`;
    const { text, applied } = mutate(random.pick(examples), random);
    note(`didOpen ${uri} (${applied.join(', ')})`);
    const document: OpenDocument = { uri, mirror: TextDocument.create(uri, 'sms-schedule', 1, text) };
    open.set(uri, document);
    await client.open(uri, text, 1);
    return document;
  }
  const document = random.pick([...open.values()]);
  const base = random.chance(0.2) ? random.pick(examples) : document.mirror.getText();
  const changes: TextDocumentContentChangeEvent[] = [];
  const applied: string[] = [];
  if (random.chance(0.4)) {
    const mutated = mutate(base, random);
    changes.push({ text: mutated.text });
    applied.push(...mutated.applied);
  } else {
    // Ranged changes, each relative to the text left by the previous one (as LSP specifies).
    let scratch = TextDocument.create(document.uri, 'sms-schedule', 0, document.mirror.getText());
    const target = mutate(base, random);
    applied.push(...target.applied);
    for (const change of splitIntoRangedChanges(scratch.getText(), target.text, random)) {
      changes.push(change);
      scratch = TextDocument.update(scratch, [change], scratch.version + 1);
    }
  }
  const version = await client.change(document.uri, changes);
  document.mirror = TextDocument.update(document.mirror, changes, version);
  note(
    `didChange ${document.uri} v${version} ${changes.length > 1 || 'range' in changes[0]! ? 'incremental' : 'full'} (${applied.join(', ')})`,
  );
  return document;
}

/**
 * Ranged changes that turn `from` into `to`: one replacement of the differing middle, sometimes
 * preceded by a no-op-in-effect pair (insert then delete) so multi-change notifications are covered.
 */
function splitIntoRangedChanges(from: string, to: string, random: Random): TextDocumentContentChangeEvent[] {
  let prefix = 0;
  const max = Math.min(from.length, to.length);
  while (prefix < max && from.charCodeAt(prefix) === to.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && from.charCodeAt(from.length - 1 - suffix) === to.charCodeAt(to.length - 1 - suffix)) {
    suffix++;
  }
  const before = TextDocument.create('x', 'x', 0, from);
  const range = { start: before.positionAt(prefix), end: before.positionAt(from.length - suffix) };
  const middle = to.slice(prefix, to.length - suffix);
  const changes: TextDocumentContentChangeEvent[] = [];
  if (random.chance(0.3)) {
    // Type a character at the start of the range, then delete it again.
    changes.push({ range: { start: range.start, end: range.start }, text: 'x' });
    changes.push({
      range: { start: range.start, end: { line: range.start.line, character: range.start.character + 1 } },
      text: '',
    });
  }
  changes.push({ range, text: middle });
  return changes;
}

/** A position inside the text most of the time, else anywhere (past the end, huge numbers). */
function randomPosition(random: Random, mirror: TextDocument): Position {
  if (random.chance(0.8)) return mirror.positionAt(random.int(0, mirror.getText().length));
  return { line: random.int(0, mirror.lineCount + 3), character: random.pick([0, 1, 7, 80, 1000, 2 ** 31 - 1]) };
}

const FUZZ_CODES = ['verify-interrupts-run', 'schema', 'yaml-syntax', 'invalid-token', 'too-many-findings'];
const FUZZ_MESSAGES = [
  "Unknown key 'x'. Did you mean 'version'?",
  "Unknown key 'durationMinutse'",
  'must be one of',
  '',
];

function codeActionDiagnostics(client: LspTestClient, random: Random, uri: string, mirror: TextDocument): Diagnostic[] {
  const usePublished = random.chance(0.5);
  const start = randomPosition(random, mirror);
  const end = random.chance(0.5) ? start : randomPosition(random, mirror);
  const synthetic: Diagnostic = {
    range: { start, end },
    code: random.pick(FUZZ_CODES),
    message: random.pick(FUZZ_MESSAGES),
    source: 'sms-schedule',
  };
  if (!usePublished) return [synthetic];
  // The latest published diagnostics (as an editor sends them); timing-dependent, so the random
  // stream above is consumed first and stays the same for a given seed.
  for (let i = client.published.length - 1; i >= 0; i--) {
    const params = client.published[i]!;
    if (params.uri === uri) return params.diagnostics;
  }
  return [synthetic];
}

type RequestFn = <R>(method: string, send: () => Promise<R>) => Promise<R | undefined>;

async function randomRequest(
  client: LspTestClient,
  random: Random,
  document: OpenDocument,
  request: RequestFn,
): Promise<void> {
  const textDocument = { uri: document.uri };
  const { connection } = client;
  const position = randomPosition(random, document.mirror);
  switch (random.int(0, 8)) {
    case 0:
    case 1:
      await request('textDocument/hover', () => connection.sendRequest(HoverRequest.type, { textDocument, position }));
      return;
    case 2:
      await request('textDocument/completion', () =>
        connection.sendRequest(CompletionRequest.type, { textDocument, position }),
      );
      return;
    case 3: {
      const diagnostics = codeActionDiagnostics(client, random, document.uri, document.mirror);
      const range = diagnostics[0]?.range ?? { start: position, end: position };
      await request('textDocument/codeAction', () =>
        connection.sendRequest(CodeActionRequest.type, { textDocument, range, context: { diagnostics } }),
      );
      return;
    }
    case 4:
      await request('textDocument/documentSymbol', () =>
        connection.sendRequest(DocumentSymbolRequest.type, { textDocument }),
      );
      return;
    case 5:
      await request('textDocument/foldingRange', () =>
        connection.sendRequest(FoldingRangeRequest.type, { textDocument }),
      );
      return;
    case 6:
      await request('textDocument/codeLens', () => connection.sendRequest(CodeLensRequest.type, { textDocument }));
      return;
    case 7:
      await request(`workspace/executeCommand simulate`, () =>
        connection.sendRequest(ExecuteCommandRequest.type, {
          command: ServerCommands.simulate,
          arguments: [document.uri],
        }),
      );
      return;
    default: {
      const command = random.pick([ServerCommands.cliverify, ServerCommands.decodeToken]);
      const argument = command === ServerCommands.cliverify ? document.uri : randomTokenArgument(random);
      await request(`workspace/executeCommand ${command}`, () =>
        connection.sendRequest(ExecuteCommandRequest.type, { command, arguments: [argument] }),
      );
    }
  }
}

function randomTokenArgument(random: Random): unknown {
  const hex = '0123456789ABCDEF';
  const digits = random.pick([15, 16, 17, 32, 48]);
  let token = '';
  for (let i = 0; i < digits; i++) token += hex[random.int(0, 15)];
  return random.pick<unknown>([token, ` ${token.toLowerCase()} `, 42, null, { token }]);
}

function randomSettings(random: Random): Partial<ServerSettings> {
  return {
    simulate: random.pick(['onType', 'onSave', 'off'] as const),
    maxProblems: random.pick([1, 3, 200]),
    horizonDays: random.pick([null, 1, 3660]),
    defaultRunMinutes: random.pick([1, 120, 1440]),
  };
}

/** Saves the text of the document being fuzzed plus the recent operations; returns the .sms.yaml path. */
function saveReproduction(
  options: FuzzOptions,
  index: number,
  kind: FailureKind,
  detail: string,
  document: OpenDocument | undefined,
  recent: readonly string[],
): string {
  const dir = options.failureDir ?? join(tmpdir(), 'sms-schedule-fuzz');
  mkdirSync(dir, { recursive: true });
  const base = join(dir, `seed-${options.seed}-doc-${index}`);
  writeFileSync(`${base}.sms.yaml`, document?.mirror.getText() ?? '');
  const replay = `npm run fuzz -- --seed ${options.seed} --count ${index < 0 ? options.count : index + 1}`;
  writeFileSync(
    `${base}.json`,
    `${JSON.stringify({ seed: options.seed, document: index, uri: document?.uri, kind, detail, replay, recent }, null, 2)}\n`,
  );
  return `${base}.sms.yaml`;
}
