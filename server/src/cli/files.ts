import { readFileSync, statSync } from 'node:fs';
import { UsageError } from './usageError';

/** Larger documents are refused with a clear message rather than exhausting memory. */
export const MAX_DOCUMENT_BYTES = 64 * 1024 * 1024;

/** Reads a document as UTF-8 (a BOM is dropped); unreadable files are a UsageError. */
export function readDocument(path: string): string {
  let size: number;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw new UsageError(`${path}: is a directory, not a document`);
    size = stat.size;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${path}: cannot read (${describeFsError(error)})`);
  }
  if (size > MAX_DOCUMENT_BYTES)
    throw new UsageError(`${path}: ${size} bytes is larger than the ${MAX_DOCUMENT_BYTES}-byte limit`);
  try {
    const text = readFileSync(path, 'utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch (error) {
    throw new UsageError(`${path}: cannot read (${describeFsError(error)})`);
  }
}

export function describeFsError(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error) {
    const code = String((error as { code: unknown }).code);
    if (code === 'ENOENT') return 'no such file';
    if (code === 'EACCES') return 'permission denied';
    return code;
  }
  return error instanceof Error ? error.message : String(error);
}
