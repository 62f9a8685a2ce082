/**
 * Documents above a size limit are refused instead of parsed: the YAML parser runs at roughly
 * 1 MB/s on a slow core and a 20 MB list of sites blocks the server for minutes (then overflows
 * the stack), so one pasted log file would freeze every editor feature. Real schedules are a few
 * kilobytes; the benchmark's 10,000-advertisement document is 3.7 MB. The CLI has its own limit
 * for batch use (server/src/cli/files.ts).
 */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { DIAGNOSTIC_SOURCE } from '../shared/protocol';

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

/** The diagnostic code of a refused document (not in SPEC §6: nothing else was checked). */
export const DOCUMENT_TOO_LARGE = 'document-too-large';

/** A UTF-16 code unit takes at most 3 UTF-8 bytes, so short texts need no byte count. */
const MAX_UTF8_BYTES_PER_UNIT = 3;

/** The UTF-8 size of `text` when it is over the limit, else undefined. */
export function oversizedBytes(text: string): number | undefined {
  if (text.length * MAX_UTF8_BYTES_PER_UNIT <= MAX_DOCUMENT_BYTES) return undefined;
  const bytes = Buffer.byteLength(text, 'utf8');
  return bytes > MAX_DOCUMENT_BYTES ? bytes : undefined;
}

export function tooLargeMessage(bytes: number): string {
  const mb = (n: number): string => `${(n / (1024 * 1024)).toFixed(1)} MB`;
  return (
    `This document is ${mb(bytes)}, more than the ${mb(MAX_DOCUMENT_BYTES)} the language server checks; ` +
    'it was not parsed (no diagnostics, hovers or quick fixes). Split it, or run `sms-schedule check` on it.'
  );
}

export function tooLargeDiagnostic(bytes: number): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Error,
    code: DOCUMENT_TOO_LARGE,
    source: DIAGNOSTIC_SOURCE,
    message: tooLargeMessage(bytes),
  };
}
