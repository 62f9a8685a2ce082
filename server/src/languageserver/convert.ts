/** Core shapes → LSP shapes. The core already uses LSP-shaped ranges, so this is mostly naming. */
import {
  CompletionItemKind,
  DiagnosticSeverity,
  InsertTextFormat,
  InsertTextMode,
  MarkupKind,
  SymbolKind,
  type CompletionItem,
  type Diagnostic,
  type DiagnosticRelatedInformation,
  type DocumentSymbol,
  type Range,
} from 'vscode-languageserver';
import type { CompletionEntry, CompletionKind, CoreDiagnostic, OutlineSymbol, Severity } from '../core/index';
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
  if (diagnostic.data !== undefined) result.data = diagnostic.data;
  return result;
}

const COMPLETION_KINDS: Record<CompletionKind, CompletionItemKind> = {
  property: CompletionItemKind.Property,
  reference: CompletionItemKind.Reference,
  enum: CompletionItemKind.EnumMember,
  snippet: CompletionItemKind.Snippet,
};

export function toLspCompletionItem(entry: CompletionEntry): CompletionItem {
  return {
    label: entry.label,
    kind: COMPLETION_KINDS[entry.kind],
    ...(entry.detail !== undefined ? { detail: entry.detail } : {}),
    ...(entry.documentation !== undefined
      ? { documentation: { kind: MarkupKind.Markdown, value: entry.documentation } }
      : {}),
    ...(entry.sortText !== undefined ? { sortText: entry.sortText } : {}),
    ...(entry.snippet ? { insertTextFormat: InsertTextFormat.Snippet, insertTextMode: InsertTextMode.asIs } : {}),
    textEdit: { range: toLspRange(entry.edit.range), newText: entry.edit.newText },
  };
}

const SYMBOL_KINDS: Record<OutlineSymbol['kind'], SymbolKind> = {
  site: SymbolKind.Module,
  collection: SymbolKind.Class,
  package: SymbolKind.Package,
  program: SymbolKind.Function,
  advertisement: SymbolKind.Object,
  assignment: SymbolKind.Event,
};

export function toLspSymbol(symbol: OutlineSymbol): DocumentSymbol {
  return {
    name: symbol.name,
    ...(symbol.detail !== undefined ? { detail: symbol.detail } : {}),
    kind: SYMBOL_KINDS[symbol.kind],
    range: symbol.range,
    selectionRange: symbol.selectionRange,
    ...(symbol.children !== undefined ? { children: symbol.children.map(toLspSymbol) } : {}),
  };
}
