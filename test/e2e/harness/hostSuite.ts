// Runs INSIDE an extension host (code-server's or desktop VS Code's through @vscode/test-electron), so
// it depends on nothing but Node: a test file's `run()` calls `runHostSuite` with its cases, and the
// result goes to the JSON file named by SMS_E2E_RESULT_FILE (the host's stdout is not the test's).
import { writeFileSync } from 'node:fs';

export const RESULT_FILE_ENV = 'SMS_E2E_RESULT_FILE';

export interface HostResult {
  passed: number;
  failed: number;
  failures: string[];
}

export type HostCase = readonly [name: string, body: () => unknown];

/** Runs the cases in order, writes the result file, and throws if any failed (test-electron's exit code). */
export async function runHostSuite(cases: readonly HostCase[]): Promise<HostResult> {
  const result: HostResult = { passed: 0, failed: 0, failures: [] };
  for (const [name, body] of cases) {
    try {
      await body();
      result.passed++;
    } catch (error) {
      result.failed++;
      result.failures.push(`${name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }
  const resultFile = process.env[RESULT_FILE_ENV];
  if (resultFile) writeFileSync(resultFile, JSON.stringify(result));
  else console.log(`[host tests] ${JSON.stringify(result)}`);
  if (result.failed > 0)
    throw new Error(`${result.failed} extension-host test(s) failed:\n${result.failures.join('\n')}`);
  return result;
}
