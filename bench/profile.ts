/**
 * Where the time goes (issue 4 asks to profile what misses its target): CPU profiles of
 * 1. the whole pipeline in process (`analyzeText` on the 2,000-advertisement document), and
 * 2. our language server (`node --cpu-prof dist/server.js`) during open → 3 edits → save,
 * summarised as the functions and files with the most self time. Run it with
 * `npm run build && node --import tsx bench/profile.ts`; it writes bench/.data/profile.md.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { SourceMap } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { analyzeText } from '../server/src/core/analyze';
import { generateDocument } from './generate';
import { BenchLspClient, fileUri } from './lspClient';
import { runSession } from './lspScenario';
import { DATA_DIR, OUR_SERVER, OUR_SERVER_JS, REPO_ROOT, SCHEMA_MODELINE } from './servers';

interface CpuProfileNode {
  readonly id: number;
  readonly callFrame: {
    readonly functionName: string;
    readonly url: string;
    readonly lineNumber: number;
    readonly columnNumber: number;
  };
}

interface CpuProfile {
  readonly nodes: readonly CpuProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

const ADS = Number(process.env['BENCH_PROFILE_ADS'] ?? 2_000);
const TOP = 25;

async function main(): Promise<void> {
  mkdirSync(DATA_DIR, { recursive: true });
  const doc = generateDocument({ advertisements: ADS, days: 365, headerComment: SCHEMA_MODELINE });
  const sections: string[] = [`# CPU profiles (${ADS.toLocaleString('en-US')} advertisements, ${doc.lines} lines)`, ''];

  analyzeText(doc.text); // warm-up
  const inProcess = await profileInProcess(() => analyzeText(doc.text));
  sections.push(...summarise('In process: analyzeText (whole pipeline)', inProcess));

  const serverProfile = await profileServer(doc);
  sections.push(...summarise('Language server: open → 3 one-character edits → save', serverProfile, bundleLocator()));

  const markdown = sections.join('\n');
  writeFileSync(join(DATA_DIR, 'profile.md'), markdown);
  console.log(markdown);
}

function profileInProcess(run: () => unknown): Promise<CpuProfile> {
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object): Promise<unknown> =>
    new Promise((resolve, reject) =>
      session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result))),
    );
  return (async () => {
    await post('Profiler.enable');
    await post('Profiler.setSamplingInterval', { interval: 200 });
    await post('Profiler.start');
    run();
    const { profile } = (await post('Profiler.stop')) as { profile: CpuProfile };
    session.disconnect();
    return profile;
  })();
}

async function profileServer(doc: ReturnType<typeof generateDocument>): Promise<CpuProfile> {
  const dir = join(DATA_DIR, 'server-cpu-prof');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const server = {
    ...OUR_SERVER,
    args: ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--cpu-prof-interval=200', OUR_SERVER_JS, '--stdio'],
  };
  const client = await BenchLspClient.start(server, REPO_ROOT);
  try {
    const uri = fileUri(join(DATA_DIR, `profile-${ADS}.sms.yaml`));
    const session = await runSession(client, server, doc, { uri, edits: 3, timeoutMs: 300_000 });
    console.error(
      `server: open ${session.open?.toFixed(0)} ms, edits ${session.edits.map((t) => t.toFixed(0)).join(', ')} ms, ` +
        `save ${session.save?.toFixed(0)} ms`,
    );
  } finally {
    await client.stop(30_000);
  }
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
  if (!file) throw new Error(`the server wrote no CPU profile to ${dir}`);
  return JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
}

/** Where a sampled frame comes from, as `file` and `file:line` (the bundle is mapped back to its sources). */
type Locate = (frame: CpuProfileNode['callFrame']) => { readonly file: string; readonly line?: number };

/**
 * tsx compiles our sources in memory, so their profile lines are not the source lines: report the
 * file only. Frames without a url are V8's own (GC, idle) or code ajv generated at run time.
 */
const locateSource: Locate = (frame) => {
  if (frame.url === '') return { file: frame.functionName.startsWith('(') ? '(V8)' : '(generated code, e.g. ajv)' };
  const file = shortUrl(frame.url);
  return file.endsWith('.ts') ? { file } : { file, line: frame.lineNumber + 1 };
};

/** Maps frames of dist/server.js back through its source map. */
function bundleLocator(): Locate {
  const mapPath = `${OUR_SERVER_JS}.map`;
  const map = new SourceMap(JSON.parse(readFileSync(mapPath, 'utf8')));
  return (frame) => {
    if (!frame.url.endsWith('dist/server.js')) return locateSource(frame);
    const entry = map.findEntry(frame.lineNumber, frame.columnNumber) as {
      originalSource?: string;
      originalLine?: number;
    };
    if (!entry.originalSource) return { file: 'dist/server.js', line: frame.lineNumber + 1 };
    const source = relative(REPO_ROOT, resolve(dirname(mapPath), entry.originalSource));
    return { file: source, line: (entry.originalLine ?? 0) + 1 };
  };
}

/** Self time per function and per source file, largest first (idle time left out). */
function summarise(title: string, profile: CpuProfile, locate: Locate = locateSource): string[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfByFunction = new Map<string, number>();
  const selfByFile = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const delta = (profile.timeDeltas[i] ?? 0) / 1000;
    const frame = byId.get(id)?.callFrame;
    if (!frame || frame.functionName === '(idle)') return;
    total += delta;
    const { file, line } = locate(frame);
    const name = `${frame.functionName || '(anonymous)'} ${file}${line === undefined ? '' : `:${line}`}`;
    selfByFunction.set(name, (selfByFunction.get(name) ?? 0) + delta);
    selfByFile.set(file, (selfByFile.get(file) ?? 0) + delta);
  });
  const top = (map: Map<string, number>) => [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, TOP);
  const pct = (value: number) => `${((value / total) * 100).toFixed(1)}%`;
  return [
    `## ${title}`,
    '',
    `Sampled ${total.toFixed(0)} ms of CPU (idle left out).`,
    '',
    '| self time | share | function |',
    '|---:|---:|---|',
    ...top(selfByFunction).map(([name, ms]) => `| ${ms.toFixed(0)} ms | ${pct(ms)} | \`${name}\` |`),
    '',
    '| self time | share | file |',
    '|---:|---:|---|',
    ...top(selfByFile).map(([file, ms]) => `| ${ms.toFixed(0)} ms | ${pct(ms)} | ${file} |`),
    '',
  ];
}

function shortUrl(url: string): string {
  const path = url.startsWith('file://') ? decodeURIComponent(url.slice('file://'.length)) : url;
  return path.startsWith('/') ? relative(REPO_ROOT, path) : path;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
