/**
 * `importSiteExport`: the text of an SMS site export (SPEC §9) → the YAML text of a document and
 * the warnings, or the refusal (first problem, JSON pointer). Pure: the CLI and the language
 * server call it with the text they read and print or show the result.
 */
import { SMS_VERSIONS, type SmsVersion } from '../model/types';
import { isKnownTimeZone } from '../semantics/timeZones';
import type { ImportRefusal, ImportWarning } from './exportTypes';
import { ExportProblem } from './jsonReader';
import { type ImportOptions, mapExport } from './mapExport';
import { oneLine } from './oneLine';
import { SITE_CODE, readExport } from './readExport';
import { writeDocument } from './writeDocument';

export type { ImportOptions } from './mapExport';
export type { ImportRefusal, ImportWarning } from './exportTypes';

export interface ImportSuccess {
  readonly ok: true;
  readonly yaml: string;
  readonly warnings: readonly ImportWarning[];
}

export type ImportResult = ImportSuccess | ImportRefusal;

export type SmsVersionOptionResult =
  | { readonly ok: true; readonly code: string; readonly version: SmsVersion }
  | { readonly ok: false; readonly reason: string };

/** Reads `CODE=VERSION` (`--sms-version LAB="2.0 SP3"`): a site code and one of SPEC §3's versions. */
export function readSmsVersionOption(text: string): SmsVersionOptionResult {
  const eq = text.indexOf('=');
  const code = eq < 0 ? text : text.slice(0, eq);
  const version = SMS_VERSIONS.find((v) => v === text.slice(eq + 1));
  if (eq < 0 || !SITE_CODE.test(code) || version === undefined) {
    return {
      ok: false,
      reason: `'${text}' is not CODE=VERSION with a 3-character site code and VERSION one of ${SMS_VERSIONS.map((v) => `"${v}"`).join(', ')}`,
    };
  }
  return { ok: true, code, version };
}

/** The first problem of the options, or undefined. */
function checkOptions(options: ImportOptions): string | undefined {
  if (options.timeZone !== undefined && !isKnownTimeZone(options.timeZone)) {
    return `--time-zone: '${options.timeZone}' is not an IANA time zone (e.g. America/New_York)`;
  }
  for (const [code, version] of Object.entries(options.smsVersions ?? {})) {
    const read = readSmsVersionOption(`${code}=${String(version)}`);
    if (!read.ok) return `--sms-version: ${read.reason}`;
  }
  return undefined;
}

export function importSiteExport(text: string, options: ImportOptions = {}): ImportResult {
  const optionProblem = checkOptions(options);
  if (optionProblem !== undefined) return { ok: false, pointer: '', message: optionProblem, cause: 'options' };
  try {
    const mapped = mapExport(readExport(text), options);
    return { ok: true, yaml: writeDocument(mapped), warnings: mapped.warnings };
  } catch (error) {
    if (error instanceof ExportProblem) {
      return { ok: false, pointer: error.pointer, message: oneLine(error.message), cause: 'export' };
    }
    throw error;
  }
}
