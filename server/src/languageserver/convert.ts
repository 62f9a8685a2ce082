/** Core shapes → LSP shapes. The core already uses LSP-shaped ranges, so this is mostly naming. */
import {
  DiagnosticSeverity,
  type Diagnostic,
  type DiagnosticRelatedInformation,
  type Range,
  type TextEdit,
} from 'vscode-languageserver';
import type { CoreDiagnostic, Severity, Span } from '../core/diagnostics';
import type { LineIndex } from '../core/text/lineIndex';
import { DIAGNOSTIC_SOURCE } from '../shared/protocol';

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toLspRange(range: Range): Range {
  return { start: { ...range.start }, end: { ...range.end } };
}

/** `uri` is the document's: core related information always points into the same document. */
export function toLspDiagnostic(diagnostic: CoreDiagnostic, uri: string): Diagnostic {
  const result: Diagnostic = {
    range: toLspRange(diagnostic.range),
    severity: SEVERITIES[diagnostic.severity],
    code: diagnostic.code,
    source: DIAGNOSTIC_SOURCE,
    message: diagnostic.message,
  };
  if (diagnostic.related !== undefined && diagnostic.related.length > 0) {
    result.relatedInformation = diagnostic.related.map((related): DiagnosticRelatedInformation => ({
      location: { uri, range: toLspRange(related.range) },
      message: related.message,
    }));
  }
  return result;
}

/** An offset-based replacement → an LSP TextEdit. */
export function toLspTextEdit(lines: LineIndex, span: Span, newText: string): TextEdit {
  return { range: lines.rangeOf(span), newText };
}

export function rangesEqual(a: Range, b: Range): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}

export function rangeContains(outer: Range, inner: Range): boolean {
  const before = (a: Range['start'], b: Range['start']): boolean =>
    a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}
