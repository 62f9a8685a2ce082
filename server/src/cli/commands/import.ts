import { lstatSync, realpathSync, writeFileSync } from 'node:fs';
import { importSiteExport, readSmsVersionOption, type ImportOptions } from '../../core/index';
import { describeFsError, readDocument } from '../files';
import { ExitCode, UsageError } from '../usageError';

export interface ImportCommandOptions {
  readonly output?: string;
  readonly force?: boolean;
  readonly readable?: boolean;
  readonly timeZone?: string;
  readonly smsVersion?: readonly string[];
}

/** `--sms-version CODE=VERSION`, repeatable: collects the values (commander's argParser). */
export function collectSmsVersion(text: string, previous: readonly string[] = []): string[] {
  const read = readSmsVersionOption(text);
  if (!read.ok) throw new UsageError(`--sms-version: ${read.reason}`);
  return [...previous, text];
}

function coreOptions(options: ImportCommandOptions): ImportOptions {
  const smsVersions: Record<string, NonNullable<ImportOptions['smsVersions']>[string]> = {};
  for (const text of options.smsVersion ?? []) {
    const read = readSmsVersionOption(text);
    if (read.ok) smsVersions[read.code] = read.version;
  }
  return {
    ...(options.readable ? { readable: true } : {}),
    ...(options.timeZone !== undefined ? { timeZone: options.timeZone } : {}),
    ...(options.smsVersion?.length ? { smsVersions } : {}),
  };
}

/** Whether two paths name the same existing file (so `-o` can never replace the export). */
function sameFile(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}

/** Writes the document; refuses an existing file unless forced, and never the export itself. */
function writeOutput(target: string, exportPath: string, content: string, force: boolean): void {
  if (sameFile(target, exportPath)) throw new UsageError(`${target}: is the export itself; choose another -o file`);
  let exists = true;
  try {
    if (lstatSync(target).isDirectory()) throw new UsageError(`${target}: is a directory`);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    exists = false;
  }
  if (exists && !force) throw new UsageError(`${target}: exists; use --force to overwrite it`);
  try {
    // 'wx' fails rather than replace a file that appeared since the check.
    writeFileSync(target, content, { flag: force ? 'w' : 'wx' });
  } catch (error) {
    throw new UsageError(`${target}: cannot write (${describeFsError(error)})`);
  }
}

/**
 * `sms-schedule import EXPORT.json` (SPEC §9): the document on stdout or in `-o FILE`, warnings on
 * stderr one line each; an export it cannot use is one line on stderr, exit 2, nothing written.
 */
export function runImport(
  exportPath: string,
  options: ImportCommandOptions,
  write: (text: string) => void,
  warn: (text: string) => void,
): ExitCode {
  const result = importSiteExport(readDocument(exportPath), coreOptions(options));
  if (!result.ok) {
    if (result.cause === 'options') throw new UsageError(result.message);
    throw new UsageError(`${exportPath}: ${result.pointer === '' ? '' : `${result.pointer}: `}${result.message}`);
  }
  if (options.output !== undefined) writeOutput(options.output, exportPath, result.yaml, options.force === true);
  for (const w of result.warnings) warn(`sms-schedule: ${exportPath}: ${w.pointer}: ${w.message}\n`);
  if (options.output === undefined) write(result.yaml);
  else write(`wrote ${options.output}\n`);
  return ExitCode.ok;
}
