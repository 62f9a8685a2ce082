/**
 * `npm run fuzz -- --count N --seed S [--slow-ms MS] [--out DIR]`: fuzzes the built language
 * server over stdio (test/fuzz/fuzzer.ts) and prints a summary. Exit 0 when nothing failed, 1
 * otherwise (the first failing input is saved for reproduction), 2 on usage errors.
 */
import { parseArgs } from 'node:util';
import { runFuzz, type FuzzReport } from '../test/fuzz/fuzzer';

function integer(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) {
    console.error(`fuzz: --${name} must be a non-negative integer, got ${value}`);
    process.exit(2);
  }
  return n;
}

export function formatReport(report: FuzzReport): string {
  const lines = [
    `count ${report.count}, seed ${report.seed}: ${report.documents} documents, ${report.requests} requests in ${(report.durationMs / 1000).toFixed(1)} s`,
    `crashes ${report.crashes}, error responses ${report.errorResponses}, slow replies ${report.slowReplies}, logged errors ${report.loggedErrors}`,
    `slowest reply ${report.slowest.ms.toFixed(0)} ms (${report.slowest.method || 'none'}, document ${report.slowest.document})`,
    `RSS peak ${report.peakRssMb.toFixed(0)} MB (first quarter ${report.firstQuarterRssMb.toFixed(0)} MB, last quarter ${report.lastQuarterRssMb.toFixed(0)} MB)`,
  ];
  for (const failure of report.failures.slice(0, 20)) {
    lines.push(`FAIL ${failure.kind} at document ${failure.document}: ${failure.detail.split('\n', 1)[0]}`);
  }
  if (report.failures.length > 20) lines.push(`... and ${report.failures.length - 20} more failures`);
  if (report.reproduction !== undefined)
    lines.push(`first failing input: ${report.reproduction} (and .json beside it)`);
  lines.push(report.failures.length === 0 ? 'fuzz: OK' : `fuzz: FAILED (${report.failures.length} failures)`);
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      count: { type: 'string' },
      seed: { type: 'string' },
      'slow-ms': { type: 'string' },
      out: { type: 'string' },
    },
  });
  const count = integer('count', values.count, 500);
  const seed = integer('seed', values.seed, Date.now() % 2 ** 31);
  const report = await runFuzz({
    count,
    seed,
    slowMs: integer('slow-ms', values['slow-ms'], 1000),
    ...(values.out !== undefined ? { failureDir: values.out } : {}),
    log: (line) => console.error(line),
    progressEvery: 500,
  });
  console.log(formatReport(report));
  process.exit(report.failures.length === 0 ? 0 : 1);
}

if (require.main === module) void main();
