/**
 * Rename of an id and of every reference to it (issue 12). The edits change only the id's
 * characters, in the style it is written (plain, 'single' or "double" quotes); a new name that
 * cannot stand as a plain scalar (`a: b`, `true`, `123`) is written in double quotes. Refused:
 * an empty or malformed name (per the JSON Schema of the declaration), a name another id of the
 * same kind already has or is referenced by (programs: within the package), and ids written in
 * a form an edit cannot keep exact (an alias, a block scalar, several lines).
 */
import { stringify } from 'yaml';
import type { Span } from '../diagnostics';
import type { Path } from '../document/parse';
import type { TextEdit } from '../edits/yamlEdits';
import { schemasAt } from '../schema/schema';
import { idIndexOf, type IdKind, type IdOccurrence } from './idIndex';
import { symbolAt, type NavigationSource } from './navigation';

export interface RenamePlace {
  /** The id's characters (inside quotes), which the editor selects. */
  readonly span: Span;
  readonly placeholder: string;
}

export type RenameResult = { readonly edits: readonly TextEdit[] } | { readonly error: string };

/** Where a rename at `offset` applies, or null when `offset` is on no id. */
export function prepareRename(source: NavigationSource, offset: number): RenamePlace | null {
  const at = symbolAt(source, offset);
  return at ? { span: at.occurrence.span, placeholder: at.occurrence.name } : null;
}

/** The edits that rename the id at `offset` and all its references to `newName`, or why not. */
export function rename(source: NavigationSource, offset: number, newName: string): RenameResult {
  const at = symbolAt(source, offset);
  if (!at) return { error: 'There is no site code, collection, package, program or advertisement id here to rename.' };
  const { symbol } = at;
  if (newName === symbol.name) return { edits: [] };
  const what = `${LABELS[symbol.kind]} '${symbol.name}'`;
  const refuse = (reason: string): RenameResult => ({ error: `Cannot rename ${what} to '${newName}': ${reason}` });

  const malformed = nameProblem(symbol.kind, newName);
  if (malformed !== undefined) return refuse(malformed);
  const { parsed } = source;
  const lineOf = (o: IdOccurrence): number => parsed.lines.positionAt(o.span.start).line + 1;
  const taken = idIndexOf(parsed).lookup(symbol.kind, symbol.scope, newName);
  if (taken) {
    const declared = taken.declarations[0];
    const within = symbol.kind === 'program' ? ` in package ${symbol.scope ?? ''}` : '';
    if (declared)
      return refuse(`${LABELS[symbol.kind]} '${newName}' is already defined${within} on line ${lineOf(declared)}.`);
    const reference = taken.references[0]!;
    return refuse(
      `'${newName}' is already referenced${within} on line ${lineOf(reference)}; that reference would then mean this ${LABELS[symbol.kind]}.`,
    );
  }
  const occurrences = [...symbol.declarations, ...symbol.references].sort((a, b) => a.span.start - b.span.start);
  const unkept = occurrences.find((o) => o.style === 'other');
  if (unkept) {
    return refuse(
      `on line ${lineOf(unkept)} it is written as an alias, a block scalar, over several lines or with escapes, which a rename cannot keep; write it as a one-line scalar first.`,
    );
  }
  return { edits: occurrences.map((o) => editFor(o, newName)) };
}

const LABELS: Readonly<Record<IdKind, string>> = {
  site: 'site code',
  collection: 'collection id',
  package: 'package id',
  program: 'program name',
  advertisement: 'advertisement id',
};

/** Where each kind is declared: the JSON Schema there says which names are well formed. */
const DECLARATION_PATHS: Readonly<Record<IdKind, Path>> = {
  site: ['sites', 0, 'code'],
  collection: ['collections', 0, 'id'],
  package: ['packages', 0, 'id'],
  program: ['packages', 0, 'programs', 0, 'name'],
  advertisement: ['advertisements', 0, 'id'],
};

/** Control characters (line breaks, tabs) and lone surrogates: no id of a schedule holds one. */
const UNWRITABLE = /[\p{Cc}\p{Cs}]/u;

/** Why `name` cannot be an id of `kind` (the schema's rules, then ours), or undefined. */
export function nameProblem(kind: IdKind, name: string): string | undefined {
  const label = LABELS[kind];
  if (name === '') return `a ${label} cannot be empty.`;
  // Our rule, beyond the schema: such characters would need escapes no admin types in an id.
  if (UNWRITABLE.test(name)) return `a ${label} cannot contain control characters (line breaks, tabs).`;
  const length = [...name].length; // JSON Schema counts code points
  for (const schema of schemasAt(DECLARATION_PATHS[kind])) {
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(name)) {
      return `'${name}' ${schema.patternErrorMessage ?? `does not match ${schema.pattern}`}.`;
    }
    if (typeof schema['minLength'] === 'number' && length < schema['minLength']) {
      return `a ${label} has at least ${schema['minLength']} characters.`;
    }
    if (typeof schema['maxLength'] === 'number' && length > schema['maxLength']) {
      return `a ${label} has at most ${schema['maxLength']} characters.`;
    }
  }
  return undefined;
}

function editFor(occurrence: IdOccurrence, newName: string): TextEdit {
  const { start, end } = occurrence.span;
  switch (occurrence.style) {
    case 'single':
      return { start, end, newText: newName.replace(/'/g, "''") };
    case 'double':
      return { start, end, newText: JSON.stringify(newName).slice(1, -1) };
    default:
      // Plain (the only other style that reaches here); double quotes when plain cannot hold it.
      return { start, end, newText: isPlainSafe(newName) ? newName : JSON.stringify(newName) };
  }
}

/**
 * Whether `name` reads back as this same string when written plain, even inside a flow
 * collection (`{ id: X }`), the stricter place: `yaml` writes it plain exactly then.
 */
function isPlainSafe(name: string): boolean {
  return stringify([name], { version: '1.2', collectionStyle: 'flow', lineWidth: 0 }) === `[ ${name} ]\n`;
}
