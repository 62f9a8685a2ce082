/**
 * Renders the bench results as Markdown (printed to the console and written to bench/RESULTS.md):
 * the medians, the ratios the targets of issue 4 ask for, and whether each target is met.
 */
import { median, type Sample } from './measure';
import {
  REQUEST_NAMES,
  type BenchResults,
  type EngineScalingResult,
  type InProcessResult,
  type LspResult,
  type LspSizeResult,
  type RequestName,
  type RequestTimes,
} from './results';

/** The size every latency target is stated for (about 50k lines in the issue's measurement). */
const TARGET_ADS = 2_000;
const MB = 1_000_000;

/** `analysis`: Markdown placed right after the targets (bench/NOTES.md: what is missed and why). */
export function renderResults(results: BenchResults, analysis?: string): string {
  const env = results.environment;
  const out: string[] = [];
  out.push('# Benchmark results (`npm run bench`)', '');
  out.push(
    `Measured ${env.date} on **${env.cpuModel}** (${env.cores} cores), Node ${env.node}, ` +
      `yaml ${env.yaml}, yaml-language-server ${env.yamlLanguageServer}, commit ${env.commit}. ` +
      `Load average (1/5/15 min) before: ${results.loadBefore}, after: ${results.loadAfter ?? '?'}. ` +
      `Whole run: ${results.totalSeconds?.toFixed(0) ?? '?'} s.`,
    '',
    'Every time is the median of n runs in one process run (min–max in the tables). Warm-up: the 100-advertisement document runs ' +
      'first (one unmeasured run, then up to 10) and warms the same code for the bigger documents, which get ' +
      'few runs (2,000: 3; 10,000: 1) so that the bench stays within minutes; the LSP servers get an ' +
      'unmeasured session first. Documents are generated from a fixed seed by `bench/generate.ts`, and each ' +
      'one is checked to validate with zero errors before it is timed.',
    '',
  );
  out.push(...targetsSection(results));
  if (analysis !== undefined) out.push(analysis.trim(), '');
  out.push(...documentsSection(results));
  out.push(...inProcessSection(results.inProcess));
  out.push(...engineScalingSection(results.engineScaling));
  out.push(...lspSection(results.lsp));
  out.push(...requestsSection(results.lsp));
  out.push(...artefactsSection(results));
  if (results.notes.length > 0) out.push('## Notes', '', ...results.notes.map((note) => `- ${note}`), '');
  out.push(
    '## Reproducing',
    '',
    '- `npm run bench` (about 6 minutes on 2 cores); `npm run bench -- --quick` stops at 2,000 advertisements; ' +
      '`npm run bench -- --report-only` re-renders this file from `bench/.data/results.json`.',
    '- The generated documents are written to `bench/.data/ads-N-DAYSd.sms.yaml` (gitignored).',
    '- Hot spots: `npm run build && node --import tsx bench/profile.ts` profiles the pipeline in process and ' +
      'the server over LSP (open, 3 edits, save) and writes `bench/.data/profile.md`.',
    '- The machine is shared: the load average above says how busy it was; ratios come from runs interleaved ' +
      'in one process run, so drift affects both sides of each ratio.',
    '',
  );
  return out.join('\n');
}

// ---------------------------------------------------------------- targets

interface TargetRow {
  readonly target: string;
  readonly measured: string;
  readonly verdict: 'met' | 'missed' | 'not measured';
}

function targetsSection(results: BenchResults): string[] {
  const rows = targetRows(results);
  return [
    '## Targets (issue 4)',
    '',
    '| target | measured | verdict |',
    '|---|---|---|',
    ...rows.map((row) => `| ${row.target} | ${row.measured} | **${row.verdict}** |`),
    '',
    '"As seen" is from the notification being written to the diagnostics being read, i.e. what the editor ' +
      "waits, including each server's debounce (ours: a change after a pause is validated at once, one within a " +
      'burst of changes waits as long as the last validation took, 5–150 ms, none on open/save, so nothing fixed ' +
      'is subtracted and our "work" equals "as seen"; ' +
      'yaml-language-server: a fixed 200 ms after open and after a change). "Work" subtracts the fixed debounce. ' +
      'The parse floor of the LSP ratios is `yaml` `parseDocument` of the same text, timed in the bench ' +
      'process between the LSP sessions.',
    '',
  ];
}

function targetRows(results: BenchResults): TargetRow[] {
  const size = results.lsp.find((s) => s.advertisements === TARGET_ADS);
  const ours = size?.servers.find((s) => s.server === 'sms-schedule');
  const theirs = size?.servers.find((s) => s.server !== 'sms-schedule');
  const parse = size ? median(size.parseFloor) : undefined;
  const open = ours && median(ours.open);
  const theirOpen = theirs && median(theirs.open);
  const edit = ours && median(ours.edits);
  const theirEdit = theirs && median(theirs.edits);
  const save = ours && median(ours.saves);
  const editWork = edit !== undefined && ours ? edit - ours.debounceMs.change : undefined;
  const theirEditWork = theirEdit !== undefined && theirs ? theirEdit - theirs.debounceMs.change : undefined;
  const theirOpenWork = theirOpen !== undefined && theirs ? theirOpen - theirs.debounceMs.open : undefined;
  const at = `${TARGET_ADS.toLocaleString('en-US')} ads`;
  const timedOut = (result: LspResult | undefined) =>
    result?.timedOut ? ` (timed out after ${result.timedOut.afterMs / 1000} s in ${result.timedOut.phase})` : '';

  const rows: TargetRow[] = [
    ratioAtMost(`open → all diagnostics ≤ 1.0 × parse (${at})`, open, parse, 1.0, 'parse'),
    ratioAtLeast(`open: ≥ 2 × faster than yaml-language-server, as seen (${at})`, theirOpen, open, 2, timedOut(theirs)),
    ratioAtLeast(
      `open: ≥ 2 × faster than yaml-language-server, work (${at})`,
      theirOpenWork,
      open,
      2,
      timedOut(theirs),
    ),
    ratioAtMost(`edit → diagnostics ≤ 5% of parse, as seen (${at})`, edit, parse, 0.05, 'parse'),
    ratioAtMost(`edit → diagnostics ≤ 5% of parse, work (${at})`, editWork, parse, 0.05, 'parse'),
    ratioAtLeast(
      `edit: ≥ 20 × faster than yaml-language-server, as seen (${at})`,
      theirEdit,
      edit,
      20,
      timedOut(theirs),
    ),
    ratioAtLeast(
      `edit: ≥ 20 × faster than yaml-language-server, work (${at})`,
      theirEditWork,
      editWork,
      20,
      timedOut(theirs),
    ),
    ratioAtMost(`save → engine diagnostics ≤ 10% of parse (${at})`, save, parse, 0.1, 'parse'),
    ...linearityRows(results.engineScaling),
  ];

  const biggest = results.lsp.at(-1);
  const ourBiggest = biggest?.servers.find((s) => s.server === 'sms-schedule');
  const rss = ourBiggest?.peakRssBytes;
  rows.push({
    target: `server peak RSS ≤ 150 MB (${biggest?.advertisements.toLocaleString('en-US') ?? '?'} ads)`,
    measured: rss === undefined ? '—' : `${(rss / MB).toFixed(1)} MB`,
    verdict:
      rss === undefined || biggest?.advertisements !== 10_000 ? 'not measured' : rss <= 150 * MB ? 'met' : 'missed',
  });
  const vsix = results.vsix;
  rows.push({
    target: 'VSIX ≤ 1 MB',
    measured: vsix
      ? `${(vsix.bytes / MB).toFixed(3)} MB (${vsix.name}, built ${vsix.modified})`
      : 'the VSIX could not be built (`npm run package`)',
    verdict: vsix ? (vsix.bytes <= MB ? 'met' : 'missed') : 'not measured',
  });
  return rows;
}

/** `value / reference <= limit`. */
function ratioAtMost(
  target: string,
  value: number | undefined,
  reference: number | undefined,
  limit: number,
  referenceName: string,
): TargetRow {
  if (value === undefined || reference === undefined) return { target, measured: '—', verdict: 'not measured' };
  const ratio = value / reference;
  return {
    target,
    measured: `${ms(value)} vs ${referenceName} ${ms(reference)} = ${ratio.toFixed(3)} ×`,
    verdict: ratio <= limit ? 'met' : 'missed',
  };
}

/** `slower / faster >= limit` (how many times faster we are). */
function ratioAtLeast(
  target: string,
  slower: number | undefined,
  faster: number | undefined,
  limit: number,
  suffix: string,
): TargetRow {
  if (slower === undefined || faster === undefined) return { target, measured: `—${suffix}`, verdict: 'not measured' };
  const ratio = slower / Math.max(faster, 0.001);
  return {
    target,
    measured: `${ms(slower)} vs ours ${ms(faster)} = ${ratio.toFixed(2)} ×${suffix}`,
    verdict: ratio >= limit ? 'met' : 'missed',
  };
}

/**
 * Linear means the cost per advertisement (and per simulated year) does not grow with the size:
 * we call it met when the larger size costs at most 1.5 × per unit what the smaller one costs.
 */
function linearityRows(rows: readonly EngineScalingResult[]): TargetRow[] {
  const find = (ads: number, days: number) => rows.find((r) => r.advertisements === ads && r.days === days);
  /** Cost per advertisement-year, and per finding (the output the engine cannot avoid producing). */
  const unitCosts = (row: EngineScalingResult | undefined) => {
    const value = row?.engine.median;
    if (row === undefined || value === undefined) return undefined;
    const findings = row.interruptions + row.delays;
    return { perUnit: value / row.advertisements / (row.days / 365), perFinding: findings > 0 ? value / findings : 0 };
  };
  const compare = (
    target: string,
    from: EngineScalingResult | undefined,
    to: EngineScalingResult | undefined,
  ): TargetRow => {
    const a = unitCosts(from);
    const b = unitCosts(to);
    if (!a || !b) return { target, measured: '—', verdict: 'not measured' };
    const ratio = b.perUnit / a.perUnit;
    return {
      target,
      measured:
        `${us(a.perUnit)} → ${us(b.perUnit)} per advertisement-year = ${ratio.toFixed(2)} × ` +
        `(per finding: ${us(a.perFinding)} → ${us(b.perFinding)})`,
      verdict: ratio <= 1.5 ? 'met' : 'missed',
    };
  };
  return [
    compare(
      'engine linear in advertisements (cost per ad, 2,000 → 10,000, 1 y; ≤ 1.5 ×)',
      find(2_000, 365),
      find(10_000, 365),
    ),
    compare(
      'engine linear in horizon (cost per ad-year, 1 y → 10 y, 2,000 ads; ≤ 1.5 ×)',
      find(2_000, 365),
      find(2_000, 3650),
    ),
  ];
}

// ---------------------------------------------------------------- tables

function documentsSection(results: BenchResults): string[] {
  return [
    '## Documents',
    '',
    '| advertisements | horizon | lines | size | interruptions | delays | validation diagnostics (none are errors) |',
    '|---:|---:|---:|---:|---:|---:|---:|',
    ...results.documents.map(
      (d) =>
        `| ${int(d.advertisements)} | ${d.days} d | ${int(d.lines)} | ${(d.bytes / MB).toFixed(2)} MB | ` +
        `${int(d.interruptions)} | ${int(d.delays)} | ${d.validationDiagnostics} |`,
    ),
    '',
  ];
}

function inProcessSection(rows: readonly InProcessResult[]): string[] {
  return [
    '## In process (one Node process, no LSP)',
    '',
    '"Engine + diagnostics" and "whole pipeline" include formatting every diagnostic (the CLI\'s output); ' +
      'the server formats only what it publishes. "Edit: incremental re-validation" is the core\'s ' +
      '`IncrementalAnalyzer.validate` after the one-character edit (— when the core has none).',
    '',
    '| advertisements | horizon | `yaml` parseDocument (floor) | our parse | schema only | validateText | engine (simulate) | engine + diagnostics | whole pipeline (analyzeText) | pipeline / floor | edit: incremental re-validation |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => {
      const ratio =
        r.pipeline.median !== undefined && r.parseFloor.median !== undefined
          ? `${(r.pipeline.median / r.parseFloor.median).toFixed(2)} ×`
          : '—';
      return (
        `| ${int(r.doc.advertisements)} | ${r.doc.days} d | ${sample(r.parseFloor)} | ${sample(r.ourParse)} | ` +
        `${sample(r.schema)} | ${sample(r.validate)} | ${sample(r.engine)} | ${sample(r.engineWithDiagnostics)} | ` +
        `${sample(r.pipeline)} | ${ratio} | ${sample(r.incrementalEdit)} |`
      );
    }),
    '',
  ];
}

function engineScalingSection(rows: readonly EngineScalingResult[]): string[] {
  return [
    '## Engine scaling (`simulate` on the model)',
    '',
    '| advertisements | horizon | engine | per advertisement | per advertisement-year | findings (interruptions + delays) | per finding |',
    '|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => {
      const value = r.engine.median;
      const findings = r.interruptions + r.delays;
      const years = r.days / 365;
      return (
        `| ${int(r.advertisements)} | ${r.days} d | ${sample(r.engine)} | ` +
        `${value === undefined ? '—' : us(value / r.advertisements)} | ` +
        `${value === undefined ? '—' : us(value / r.advertisements / years)} | ${int(findings)} | ` +
        `${value === undefined || findings === 0 ? '—' : us(value / findings)} |`
      );
    }),
    '',
  ];
}

function lspSection(sizes: readonly LspSizeResult[]): string[] {
  const out = [
    '## Over LSP stdio (sessions interleaved: ours, yaml-language-server, ours, …)',
    '',
    '| advertisements | server | parse floor | open → diagnostics | edit → diagnostics (as seen) | edit (work) | save → engine diagnostics | diagnostics open / edit / save | peak RSS |',
    '|---:|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const size of sizes) {
    for (const result of size.servers) {
      const editWork = result.edits.map((t) => t - result.debounceMs.change);
      const counts = (['open', 'edit', 'save'] as const).map((phase) => result.counts[phase] ?? '—').join(' / ');
      const timedOut = result.timedOut
        ? ` (> ${result.timedOut.afterMs / 1000} s: ${result.timedOut.phase} timed out)`
        : '';
      out.push(
        `| ${int(size.advertisements)} | ${result.server}${timedOut} | ${times(size.parseFloor)} | ${times(result.open, result.timedOut?.phase === 'open' ? result.timedOut.afterMs : undefined)} | ` +
          `${times(result.edits, result.timedOut?.phase === 'edit' ? result.timedOut.afterMs : undefined)} | ${times(editWork)} | ` +
          `${result.publishesOnSave ? times(result.saves, result.timedOut?.phase === 'save' ? result.timedOut.afterMs : undefined) : 'n/a (nothing published on save)'} | ` +
          `${counts} | ${result.peakRssBytes === undefined ? '—' : `${(result.peakRssBytes / MB).toFixed(1)} MB`} |`,
      );
    }
  }
  out.push(
    '',
    'Diagnostics counts are those of the last publish of each phase (ours is capped by `smsSchedule.maxProblems` = 200, ' +
      "the default; the engine's findings make most of them). yaml-language-server reports nothing on a valid document, " +
      'and the bench checks first that it does apply the schema (an unknown key is reported).',
    '',
  );
  return out;
}

/** Column title and how the answer size reads, per request. */
const REQUEST_COLUMNS: Record<RequestName, { readonly title: string; readonly size: (size: number) => string }> = {
  documentSymbol: { title: 'outline (documentSymbol)', size: (n) => counted(n, 'symbol', 'symbols') },
  foldingRange: { title: 'foldingRange', size: (n) => counted(n, 'range', 'ranges') },
  codeLens: { title: 'codeLens', size: (n) => counted(n, 'lens', 'lenses') },
  hover: { title: 'hover on an assignment', size: (n) => (n > 0 ? 'non-null' : 'null') },
  completion: { title: 'completion after `program: `', size: (n) => counted(n, 'item', 'items') },
};

function requestsSection(sizes: readonly LspSizeResult[]): string[] {
  // Results of bench versions that did not time the requests have nothing to show here.
  if (!sizes.some((size) => size.servers.some((result) => result.requests !== undefined))) return [];
  const out = [
    '## Other requests after an edit (over LSP stdio)',
    '',
    'In each session above, after the save and one more one-character edit (its diagnostics in), each request is sent once and ' +
      'timed from send to response (n = sessions). The size is that of the last answer: symbols (children included), ' +
      'folding ranges, lenses, completion items; hover: whether the answer was non-null. n/a: the server does not ' +
      'advertise the provider.',
    '',
    'Sizes differ by design: yaml-language-server stops at 5,000 symbols and 5,000 folding ranges ' +
      '(`yaml.maxItemsComputed`), and its one lens is the schema link at the top. Hover is on the value of the ' +
      "edited advertisement's first assignment: ours runs the engine there (that advertisement's runs and the " +
      "interruptions they meet); yaml-language-server answers from the schema's descriptions. Completion is after " +
      '`program: ` of the same advertisement (ours offers the programs of its package).',
    '',
    `| advertisements | server | ${REQUEST_NAMES.map((name) => REQUEST_COLUMNS[name].title).join(' | ')} |`,
    `|---:|---|${REQUEST_NAMES.map(() => '---:').join('|')}|`,
  ];
  for (const size of sizes) {
    for (const result of size.servers) {
      const cells = REQUEST_NAMES.map((name) => requestCell(name, result.requests?.[name]));
      out.push(`| ${int(size.advertisements)} | ${result.server} | ${cells.join(' | ')} |`);
    }
  }
  out.push('');
  return out;
}

function requestCell(name: RequestName, request: RequestTimes | undefined): string {
  if (request === undefined) return '—';
  if (request.unsupported) return 'n/a';
  const parts: string[] = [];
  if (request.ms.length > 0)
    parts.push(`${times(request.ms)}, ${request.size === undefined ? '—' : REQUEST_COLUMNS[name].size(request.size)}`);
  if (request.timedOut) {
    const { afterMs, sessions } = request.timedOut;
    const of = request.ms.length > 0 ? ` in ${sessions} of ${sessions + request.ms.length} sessions` : '';
    parts.push(`timed out after ${afterMs / 1000} s${of}`);
  }
  if (request.error !== undefined) parts.push(`error: ${request.error.replaceAll('|', '\\|')}`);
  return parts.join('; ') || '—';
}

function artefactsSection(results: BenchResults): string[] {
  return [
    '## Artefacts',
    '',
    '| file | size |',
    '|---|---:|',
    ...results.bundles.map((f) => `| ${f.name} | ${(f.bytes / 1000).toFixed(0)} kB |`),
    results.vsix
      ? `| ${results.vsix.name} (built ${results.vsix.modified}) | ${(results.vsix.bytes / 1000).toFixed(0)} kB |`
      : '| *.vsix | could not be built (`npm run package`) |',
    '',
  ];
}

// ---------------------------------------------------------------- formatting

function ms(value: number): string {
  if (value >= 1000) return `${(value / 1000).toFixed(2)} s`;
  if (value >= 100) return `${value.toFixed(0)} ms`;
  if (value >= 10) return `${value.toFixed(1)} ms`;
  return `${value.toFixed(2)} ms`;
}

function us(valueMs: number): string {
  return valueMs >= 1 ? ms(valueMs) : `${(valueMs * 1000).toFixed(1)} µs`;
}

/** `median (n, min–max)`: the spread shows how much a busy machine moved the runs. */
function sample(s: Sample): string {
  if (s.median === undefined) return s.timedOutAfterMs === undefined ? '—' : `> ${ms(s.timedOutAfterMs)}`;
  const spread = s.n > 1 && s.min !== undefined && s.max !== undefined ? `, ${ms(s.min)}–${ms(s.max)}` : '';
  return `${ms(s.median)} (n=${s.n}${spread})`;
}

function times(values: readonly number[], timedOutAfterMs?: number): string {
  if (values.length === 0) return timedOutAfterMs === undefined ? '—' : `> ${ms(timedOutAfterMs)}`;
  return sample({ median: median(values), n: values.length, min: Math.min(...values), max: Math.max(...values) });
}

function counted(value: number, one: string, many: string): string {
  return `${int(value)} ${value === 1 ? one : many}`;
}

function int(value: number): string {
  return value.toLocaleString('en-US');
}
