/**
 * Navigation (navigation.ts, rename.ts: offsets and spans) in editor terms: positions in, ranges out.
 * One conversion for every navigation feature of a snapshot.
 */
import type { ParsedDocument } from '../document/parse';
import type { IdKind } from './idIndex';
import { definition, highlights, references, workspaceSymbols, type HighlightKind } from './navigation';
import { prepareRename, rename } from './rename';
import type { Position, Range, TextEdit } from './types';

export interface RangeHighlight {
  readonly range: Range;
  readonly kind: HighlightKind;
}

export interface IdSymbolEntry {
  readonly name: string;
  readonly kind: IdKind;
  readonly range: Range;
  readonly containerName?: string;
}

export type RenameOutcome = { readonly edits: readonly TextEdit[] } | { readonly error: string };

export class Navigation {
  constructor(private readonly parsed: ParsedDocument) {}

  private offset(position: Position): number {
    return this.parsed.lines.offsetAt(position);
  }

  private range(span: { readonly start: number; readonly end: number }): Range {
    return this.parsed.lines.rangeOf(span);
  }

  private get source() {
    return { parsed: this.parsed };
  }

  definition(position: Position): Range[] {
    return definition(this.source, this.offset(position)).map((span) => this.range(span));
  }

  references(position: Position, includeDeclaration: boolean): Range[] {
    return references(this.source, this.offset(position), includeDeclaration).map((span) => this.range(span));
  }

  highlights(position: Position): RangeHighlight[] {
    return highlights(this.source, this.offset(position)).map((h) => ({ range: this.range(h.span), kind: h.kind }));
  }

  prepareRename(position: Position): { range: Range; placeholder: string } | null {
    const place = prepareRename(this.source, this.offset(position));
    return place ? { range: this.range(place.span), placeholder: place.placeholder } : null;
  }

  rename(position: Position, newName: string): RenameOutcome {
    const result = rename(this.source, this.offset(position), newName);
    if ('error' in result) return result;
    return { edits: result.edits.map((edit) => ({ range: this.range(edit), newText: edit.newText })) };
  }

  workspaceSymbols(query: string): IdSymbolEntry[] {
    return workspaceSymbols(this.source, query).map((symbol) => ({
      name: symbol.name,
      kind: symbol.kind,
      range: this.range(symbol.span),
      ...(symbol.containerName !== undefined ? { containerName: symbol.containerName } : {}),
    }));
  }
}
