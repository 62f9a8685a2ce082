import { analyzeText } from '../../core/index';
import { checkJson, type CheckedFile } from '../checkJson';
import { readDocument } from '../files';
import { textReport } from '../textReport';
import { errorLine, ExitCode, UsageError } from '../usageError';

export interface CheckOptions {
  readonly format: 'text' | 'json';
  readonly from?: number;
  readonly days?: number;
  readonly defaultRunMinutes?: number;
  readonly exitZero?: boolean;
  readonly color: boolean;
}

/**
 * `sms-schedule check FILE...`: exit 2 on invalid input, else 1 when interruptions are found.
 * A file that cannot be read is one line on stderr; the others are still reported (exit 2).
 */
export function runCheck(
  paths: readonly string[],
  options: CheckOptions,
  write: (text: string) => void,
  warn: (text: string) => void,
): ExitCode {
  const files: CheckedFile[] = [];
  const unreadable: string[] = [];
  for (const file of paths) {
    const text = readOrWarn(file, warn);
    if (text === undefined) {
      unreadable.push(file);
      continue;
    }
    files.push({
      file,
      analysis: analyzeText(text, {
        ...(options.from !== undefined ? { from: options.from } : {}),
        ...(options.days !== undefined ? { days: options.days } : {}),
        ...(options.defaultRunMinutes !== undefined ? { defaultRunMinutes: options.defaultRunMinutes } : {}),
        maxFindingsPerAssignment: Number.POSITIVE_INFINITY,
      }),
    });
  }
  if (files.length === 0) return ExitCode.invalid;
  write(
    options.format === 'json'
      ? JSON.stringify(checkJson(files), null, 2) + '\n'
      : textReport(files, { color: options.color, unreadable }),
  );

  if (unreadable.length > 0 || files.some((f) => f.analysis.hasErrors)) return ExitCode.invalid;
  if (options.exitZero) return ExitCode.ok;
  // An analysis' simulation leaves accepted interruptions out (SPEC §6.1, §8 v1.1): they do not count.
  return files.some((f) => (f.analysis.simulation?.interruptions.length ?? 0) > 0)
    ? ExitCode.interruptions
    : ExitCode.ok;
}

/** The document's text, or undefined after one `sms-schedule: FILE: …` line on stderr. */
function readOrWarn(file: string, warn: (text: string) => void): string | undefined {
  try {
    return readDocument(file);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    warn(errorLine(error.message));
    return undefined;
  }
}
