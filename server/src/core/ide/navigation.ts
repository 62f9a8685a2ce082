/**
 * Navigation over the ids of one document (issue 12): the id under the cursor, its definition,
 * its references, highlights and the workspace symbols. Plain data: offsets and spans into the
 * text (the language server turns them into LSP ranges). Rename is in `rename.ts`.
 */
import type { Span } from '../diagnostics';
import type { ParsedDocument } from '../document/parse';
import { idIndexOf, type IdKind, type IdOccurrence, type IdSymbol } from './idIndex';

/** What navigation reads: a validation (or anything else that holds a parse). */
export interface NavigationSource {
  readonly parsed: ParsedDocument;
}

export interface IdAt {
  /** The occurrence under the cursor. */
  readonly occurrence: IdOccurrence;
  readonly symbol: IdSymbol;
}

/** The id whose value contains `offset` (its quotes and both ends included), or undefined. */
export function symbolAt(source: NavigationSource, offset: number): IdAt | undefined {
  const index = idIndexOf(source.parsed);
  const occurrence = index.occurrenceAt(offset);
  return occurrence ? { occurrence, symbol: index.symbolOf(occurrence) } : undefined;
}

/**
 * Where the id at `offset` is declared: one span, several for a duplicate id, none for an
 * unresolved reference or when `offset` is on no id. On a declaration, the declarations.
 */
export function definition(source: NavigationSource, offset: number): Span[] {
  return symbolAt(source, offset)?.symbol.declarations.map((d) => d.span) ?? [];
}

/** Every reference to the id at `offset`, in text order; with its declarations when asked. */
export function references(source: NavigationSource, offset: number, includeDeclaration: boolean): Span[] {
  const at = symbolAt(source, offset);
  if (!at) return [];
  const { declarations, references } = at.symbol;
  const occurrences = includeDeclaration ? inTextOrder([...declarations, ...references]) : references;
  return occurrences.map((o) => o.span);
}

export type HighlightKind = 'read' | 'write';

export interface Highlight {
  readonly span: Span;
  /** A declaration is where the id is written (`write`), a reference where it is read. */
  readonly kind: HighlightKind;
}

/** The occurrences of the id at `offset` in text order (none when `offset` is on no id). */
export function highlights(source: NavigationSource, offset: number): Highlight[] {
  const at = symbolAt(source, offset);
  if (!at) return [];
  return inTextOrder([...at.symbol.declarations, ...at.symbol.references]).map((o) => ({
    span: o.span,
    kind: o.role === 'declaration' ? 'write' : 'read',
  }));
}

export interface IdDeclarationSymbol {
  /** The id itself (`LAB`, `LAB00015`, `Per-system unattended`). */
  readonly name: string;
  readonly kind: IdKind;
  readonly span: Span;
  /** For a program: the id of its package. */
  readonly containerName?: string;
}

/**
 * The declared ids whose name matches `query` (its characters in order, ignoring case, as
 * editors filter symbol lists; an empty query matches all), in text order.
 */
export function workspaceSymbols(source: NavigationSource, query: string): IdDeclarationSymbol[] {
  const wanted = query.toLowerCase();
  const symbols: IdDeclarationSymbol[] = [];
  for (const occurrence of idIndexOf(source.parsed).occurrences) {
    if (occurrence.role !== 'declaration' || !isSubsequence(wanted, occurrence.name.toLowerCase())) continue;
    const { name, kind, span, scope } = occurrence;
    symbols.push(
      kind === 'program' && scope !== undefined ? { name, kind, span, containerName: scope } : { name, kind, span },
    );
  }
  return symbols;
}

function isSubsequence(wanted: string, name: string): boolean {
  let at = 0;
  for (const c of wanted) {
    at = name.indexOf(c, at);
    if (at < 0) return false;
    at += c.length;
  }
  return true;
}

function inTextOrder(occurrences: IdOccurrence[]): IdOccurrence[] {
  return occurrences.sort((a, b) => a.span.start - b.span.start);
}
