/**
 * Our server and yaml-language-server side by side over stdio: one process per server for a group
 * of documents, sessions interleaved A B A B (ours, theirs, ours, …), each round preceded by a
 * parse-floor run in the bench process, so that drift of the machine hits both servers and the floor alike.
 */
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import type { LspDocument } from './inProcess';
import { BenchLspClient, fileUri } from './lspClient';
import { runSession, type SessionResult } from './lspScenario';
import { settle } from './measure';
import { REQUEST_NAMES, type LspResult, type LspSizeResult, type RequestTimes } from './results';
import { DATA_DIR, OUR_SERVER, REPO_ROOT, SCHEMA_MODELINE, YAML_LANGUAGE_SERVER, type BenchServer } from './servers';

export interface LspPlan {
  readonly sessions: number;
  readonly editsPerSession: number;
  readonly timeoutMs: number;
  /** An unmeasured session first on this document (otherwise the servers must already be warm). */
  readonly warmupSession: boolean;
}

export interface LspGroup {
  readonly documents: readonly { readonly doc: LspDocument; readonly plan: LspPlan }[];
  /** Unmeasured sessions on this document right after start (warms the JIT before a big document). */
  readonly warmupDoc?: LspDocument;
}

const SERVERS: readonly BenchServer[] = [OUR_SERVER, YAML_LANGUAGE_SERVER];

export async function lspSideBySide(
  group: LspGroup,
  notes: string[],
  log: (message: string) => void,
): Promise<LspSizeResult[]> {
  const clients = new Map<BenchServer, BenchLspClient>();
  for (const server of SERVERS) clients.set(server, await BenchLspClient.start(server, REPO_ROOT));
  const client = (server: BenchServer) => clients.get(server) as BenchLspClient;
  const stuck = new Set<BenchServer>();
  const sizes: LspSizeResult[] = [];
  let sessionNumber = 0;
  const nextUri = (server: BenchServer, ads: number): string =>
    fileUri(join(DATA_DIR, `lsp-${ads}-${server === OUR_SERVER ? 'ours' : 'yamlls'}-${sessionNumber++}.sms.yaml`));

  try {
    await checkYamlLanguageServerValidates(client(YAML_LANGUAGE_SERVER));
    if (group.warmupDoc) {
      for (const server of SERVERS) {
        log(`lsp warm-up: ${server.label} on ${group.warmupDoc.info.advertisements} ads`);
        const uri = nextUri(server, group.warmupDoc.info.advertisements);
        await runSession(client(server), server, group.warmupDoc.generated, { uri, edits: 2, timeoutMs: 60_000 });
      }
    }
    for (const { doc, plan } of group.documents) {
      const ads = doc.info.advertisements;
      const size: LspSizeResult = {
        advertisements: ads,
        parseFloor: [],
        servers: SERVERS.map((s) => emptyResult(s, ads)),
      };
      const sessions = plan.sessions + (plan.warmupSession ? 1 : 0);
      for (let session = 0; session < sessions; session++) {
        const measured = !plan.warmupSession || session > 0;
        if (measured) {
          await settle();
          const start = performance.now();
          parseDocument(doc.generated.text);
          size.parseFloor.push(performance.now() - start);
        }
        for (const [index, server] of SERVERS.entries()) {
          if (stuck.has(server)) continue;
          log(
            `lsp ${server.label} on ${ads} ads: ${measured ? `session ${session + (plan.warmupSession ? 0 : 1)}/${plan.sessions}` : 'warm-up'}`,
          );
          await settle();
          const outcome = await runSession(client(server), server, doc.generated, {
            uri: nextUri(server, ads),
            edits: plan.editsPerSession,
            timeoutMs: plan.timeoutMs,
          });
          const result = size.servers[index] as LspResult;
          if (measured) {
            if (outcome.open !== undefined) result.open.push(outcome.open);
            result.edits.push(...outcome.edits);
            if (outcome.save !== undefined) result.saves.push(outcome.save);
            result.counts = { ...result.counts, ...outcome.counts };
            addRequests(result, outcome.requests);
          }
          if (outcome.timedOut) {
            result.timedOut = outcome.timedOut;
            stuck.add(server);
            notes.push(
              `${server.label} on ${ads.toLocaleString('en-US')} advertisements: no ${outcome.timedOut.phase} ` +
                `diagnostics within ${outcome.timedOut.afterMs / 1000} s; that server was stopped there.`,
            );
          }
        }
      }
      for (const [index, server] of SERVERS.entries()) {
        const rss = client(server).peakRssBytes();
        if (rss !== undefined) (size.servers[index] as LspResult).peakRssBytes = rss;
      }
      sizes.push(size);
    }
  } finally {
    for (const running of clients.values()) await running.stop();
  }
  return sizes;
}

function emptyResult(server: BenchServer, advertisements: number): LspResult {
  return {
    server: server.label,
    advertisements,
    open: [],
    edits: [],
    saves: [],
    debounceMs: server.debounceMs,
    publishesOnSave: server.publishesOnSave,
    counts: {},
  };
}

/** Adds one session's request outcomes to the server's lists. */
function addRequests(result: LspResult, outcomes: SessionResult['requests']): void {
  for (const name of REQUEST_NAMES) {
    const outcome = outcomes[name];
    if (outcome === undefined) continue;
    const requests = (result.requests ??= {});
    const times: RequestTimes = (requests[name] ??= { ms: [] });
    if (outcome === 'unsupported') times.unsupported = true;
    else if ('ms' in outcome) {
      times.ms.push(outcome.ms);
      times.size = outcome.size;
    } else if ('timedOutAfterMs' in outcome) {
      times.timedOut = { afterMs: outcome.timedOutAfterMs, sessions: (times.timedOut?.sessions ?? 0) + 1 };
    } else times.error = outcome.error;
  }
}

/** Without this, a silently missing schema would make yaml-language-server look fast for the wrong reason. */
async function checkYamlLanguageServerValidates(client: BenchLspClient): Promise<void> {
  const uri = fileUri(join(DATA_DIR, 'yamlls-schema-check.sms.yaml'));
  const text = `${SCHEMA_MODELINE}\nversion: 1\nsites: []\ncollections: []\nnotAKey: true\n`;
  const published = client.nextDiagnostics(uri, 30_000, (p) => p.diagnostics.length > 0);
  await client.open(uri, text);
  const { diagnostics } = await published;
  await client.close(uri);
  const messages = diagnostics.map((d) => (typeof d.message === 'string' ? d.message : d.message.value));
  if (!messages.some((message) => /notAKey|not allowed/i.test(message))) {
    throw new Error(`yaml-language-server did not apply the schema: ${JSON.stringify(messages)}`);
  }
}
