import { basename } from 'node:path';

const DOCUMENT_SUFFIX = /\.sms\.ya?ml$/i;
const ANY_EXTENSION = /\.[^.]*$/;

/**
 * `NAME.cliverify.md` beside the document (SPEC §7), NAME being the file name without
 * `.sms.yaml`/`.sms.yml` (another file loses its last extension). Only the last path segment
 * changes, so the result is always in the document's own directory.
 */
export function cliverifyFileName(documentPath: string): string {
  const base = basename(documentPath);
  if (base === '' || base === '.' || base === '..' || !documentPath.endsWith(base)) {
    throw new Error(`Not a document file path: ${documentPath}`);
  }
  const directory = documentPath.slice(0, documentPath.length - base.length);
  const name = DOCUMENT_SUFFIX.test(base) ? base.replace(DOCUMENT_SUFFIX, '') : base.replace(ANY_EXTENSION, '');
  return `${directory}${name}.cliverify.md`;
}
