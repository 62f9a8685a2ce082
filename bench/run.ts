/**
 * `npm run bench` (issue 4): generates seeded documents, times the parse floor, our pipeline and
 * both language servers side by side in one process run, prints the table and writes
 * bench/RESULTS.md. `--quick` stops at 2,000 advertisements (for trying the harness).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { simulate } from '../server/src/core/engine/simulate';
import { bundleSizes, describeEnvironment, loadAverage, vsixSize } from './environment';
import {
  ALL_STAGES,
  prepareDocument,
  timeInProcess,
  type BenchDocument,
  type LspDocument,
  type Stage,
} from './inProcess';
import { lspSideBySide, type LspPlan } from './lspBench';
import { measureSync, settle, type MeasureOptions } from './measure';
import { renderResults } from './report';
import type { BenchResults, EngineScalingResult, InProcessResult } from './results';
import { DATA_DIR, REPO_ROOT } from './servers';

const QUICK = process.argv.includes('--quick');
const LARGE = 10_000;
const ONE_YEAR = 365;
const TEN_YEARS = 3650;

/**
 * Repetitions per size. The 100-advertisement runs (warm-up + 10) warm the JIT for the same
 * functions on the bigger documents, which then get few runs so the whole bench stays within minutes.
 */
const PLAN_SMALL: MeasureOptions = { reps: 10, budgetMs: 2_000, warmup: true };
const PLAN_MEDIUM: MeasureOptions = { reps: 3, budgetMs: 10_000, warmup: false };
const PLAN_LARGE: MeasureOptions = { reps: 1, budgetMs: 0, warmup: false };

const LSP_SMALL: LspPlan = { sessions: 5, editsPerSession: 3, timeoutMs: 30_000, warmupSession: true };
/** Warm from the 100-advertisement sessions in the same server processes. */
const LSP_MEDIUM: LspPlan = { sessions: 3, editsPerSession: 3, timeoutMs: 60_000, warmupSession: false };
const LSP_LARGE: LspPlan = { sessions: 1, editsPerSession: 1, timeoutMs: 150_000, warmupSession: false };

async function main(): Promise<void> {
  const started = performance.now();
  mkdirSync(DATA_DIR, { recursive: true });
  const results: BenchResults = {
    environment: describeEnvironment(),
    loadBefore: loadAverage(),
    documents: [],
    inProcess: [],
    engineScaling: [],
    lsp: [],
    bundles: bundleSizes(),
    vsix: vsixSize(),
    notes: [],
  };
  log(`${results.environment.cpuModel}, ${results.environment.cores} cores, Node ${results.environment.node}`);
  log(`load average before: ${results.loadBefore}`);

  const prepare = (advertisements: number, days: number): BenchDocument => {
    log(`generate and validate ${advertisements} ads, ${days} days`);
    const doc = prepareDocument(advertisements, days);
    writeFileSync(join(DATA_DIR, `ads-${advertisements}-${days}d.sms.yaml`), doc.generated.text);
    results.documents.push(doc.info);
    return doc;
  };
  const inProcess = (doc: BenchDocument, plan: MeasureOptions, stages: readonly Stage[]): InProcessResult => {
    const result = timeInProcess(doc, plan, stages, log);
    results.inProcess.push(result);
    return result;
  };
  const engineRow = (doc: LspDocument, engine: InProcessResult['engine']): void => {
    const { advertisements, days, interruptions, delays } = doc.info;
    results.engineScaling.push({ advertisements, days, engine, interruptions, delays } satisfies EngineScalingResult);
  };

  // 1. In process, 1-year horizon: 100, 2,000 and 10,000 advertisements; then 2,000 over 10 years.
  const small = prepare(100, ONE_YEAR);
  engineRow(small, inProcess(small, PLAN_SMALL, ALL_STAGES).engine);
  const medium = prepare(2_000, ONE_YEAR);
  engineRow(medium, inProcess(medium, PLAN_MEDIUM, ALL_STAGES).engine);
  let large: LspDocument | undefined;
  if (!QUICK) {
    const doc = prepare(LARGE, ONE_YEAR);
    // Our parse and engine + diagnostics alone are left out here: both are inside the pipeline's time.
    engineRow(
      doc,
      inProcess(doc, PLAN_LARGE, ['parseFloor', 'schema', 'validate', 'engine', 'pipeline', 'incrementalEdit']).engine,
    );
    large = { generated: doc.generated, info: doc.info };
  }
  const mediumDecade = prepare(2_000, TEN_YEARS);
  engineRow(mediumDecade, inProcess(mediumDecade, PLAN_MEDIUM, ['engine', 'engineWithDiagnostics', 'pipeline']).engine);

  // 2. Engine scaling: the other sizes over 10 years too.
  const decadeSizes: [number, MeasureOptions][] = QUICK
    ? [[100, PLAN_SMALL]]
    : [
        [100, PLAN_SMALL],
        [LARGE, PLAN_LARGE],
      ];
  for (const [advertisements, plan] of decadeSizes) {
    const doc = prepare(advertisements, TEN_YEARS);
    const model = doc.validation.model;
    if (!model) throw new Error('no model');
    log(`engine ${advertisements} ads, ${TEN_YEARS} days`);
    engineRow(
      doc,
      measureSync(() => simulate(model), plan),
    );
  }
  results.engineScaling.sort((a, b) => a.days - b.days || a.advertisements - b.advertisements);
  await settle();

  // 3. Over LSP stdio, ours and yaml-language-server interleaved.
  const lspDoc = (doc: BenchDocument): LspDocument => ({ generated: doc.generated, info: doc.info });
  results.lsp.push(
    ...(await lspSideBySide(
      {
        documents: [
          { doc: lspDoc(small), plan: LSP_SMALL },
          { doc: lspDoc(medium), plan: LSP_MEDIUM },
        ],
      },
      results.notes,
      log,
    )),
  );
  if (large) {
    results.lsp.push(
      ...(await lspSideBySide(
        { documents: [{ doc: large, plan: LSP_LARGE }], warmupDoc: lspDoc(small) },
        results.notes,
        log,
      )),
    );
  }

  results.loadAfter = loadAverage();
  results.totalSeconds = (performance.now() - started) / 1000;
  const markdown = renderResults(results);
  writeFileSync(join(REPO_ROOT, 'bench', 'RESULTS.md'), markdown);
  writeFileSync(join(DATA_DIR, 'results.json'), JSON.stringify(results, null, 2));
  console.log('\n' + markdown);
  log(`wrote bench/RESULTS.md (${results.totalSeconds.toFixed(0)} s)`);
}

function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
