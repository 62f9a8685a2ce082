import type { DiagnosticData } from '../diagnosticData';
import type { CoreDiagnostic, DiagnosticCode, Range, Severity } from '../diagnostics';
import { locate, type ParsedDocument, type Path, type Target } from '../document/parse';
import { isMap, isPair, isScalar } from 'yaml';

/** The LSP range of the key or value at `path` (nearest existing ancestor when it is missing). */
export function rangeAt(doc: ParsedDocument, path: Path, target: Target = 'value'): Range {
  return doc.lines.rangeOf(locate(doc, path, target));
}

/** Line 0 of the document, where document-level problems are reported (SPEC §6). */
export function firstLineRange(doc: ParsedDocument): Range {
  return { start: { line: 0, character: 0 }, end: doc.lines.positionAt(doc.lines.lineEnd(0)) };
}

/**
 * Where to report something missing from the map at `path`: the map's own key (`installed:`),
 * for a list item its first key (`- id: …`), for the root line 0.
 */
export function ownerRange(doc: ParsedDocument, path: Path): Range {
  if (path.length === 0) return firstLineRange(doc);
  const last = path[path.length - 1];
  if (typeof last === 'number') {
    const node = doc.yaml.getIn(path as (string | number)[], true);
    const firstPair = isMap(node) ? node.items.find(isPair) : undefined;
    if (firstPair && isScalar(firstPair.key)) return rangeAt(doc, [...path, String(firstPair.key.value)], 'key');
    return rangeAt(doc, path, 'value');
  }
  return rangeAt(doc, path, 'key');
}

export function diagnostic(
  code: DiagnosticCode,
  severity: Severity,
  message: string,
  range: Range,
  data?: DiagnosticData,
): CoreDiagnostic {
  return data === undefined ? { code, severity, message, range } : { code, severity, message, range, data };
}
