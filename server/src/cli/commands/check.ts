import { analyzeText } from '../../core/index';
import { checkJson, type CheckedFile } from '../checkJson';
import { readDocument } from '../files';
import { textReport } from '../textReport';
import { ExitCode } from '../usageError';

export interface CheckOptions {
  readonly format: 'text' | 'json';
  readonly from?: number;
  readonly days?: number;
  readonly defaultRunMinutes?: number;
  readonly exitZero?: boolean;
  readonly color: boolean;
}

/** `sms-schedule check FILE...`: exit 2 on invalid input, else 1 when interruptions are found. */
export function runCheck(paths: readonly string[], options: CheckOptions, write: (text: string) => void): ExitCode {
  const files: CheckedFile[] = paths.map((file) => ({
    file,
    analysis: analyzeText(readDocument(file), {
      ...(options.from !== undefined ? { from: options.from } : {}),
      ...(options.days !== undefined ? { days: options.days } : {}),
      ...(options.defaultRunMinutes !== undefined ? { defaultRunMinutes: options.defaultRunMinutes } : {}),
      maxFindingsPerAssignment: Number.POSITIVE_INFINITY,
    }),
  }));
  write(
    options.format === 'json'
      ? JSON.stringify(checkJson(files), null, 2) + '\n'
      : textReport(files, { color: options.color }),
  );

  if (files.some((f) => f.analysis.hasErrors)) return ExitCode.invalid;
  if (options.exitZero) return ExitCode.ok;
  // An analysis' simulation leaves accepted interruptions out (SPEC §6.1, §8 v1.1): they do not count.
  return files.some((f) => (f.analysis.simulation?.interruptions.length ?? 0) > 0)
    ? ExitCode.interruptions
    : ExitCode.ok;
}
