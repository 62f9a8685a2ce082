/**
 * Where every id of a document is declared and where it is referenced (issue 12): site codes
 * (`sites[].code` ← `sites[].parent`, `collections[].site`), collection, package and
 * advertisement ids, and program names, which are scoped to their package
 * (`advertisements[].program` names a program of that advertisement's `package`).
 *
 * Built from the plain value and the source spans (`locate`), not from the model, so that it
 * also works in a document with errors: an item the model leaves out still has its ids, an
 * unresolved reference still finds the other references of its name. Ids are strings compared
 * exactly (code point), as the reference check compares them; other values are no ids.
 */
import { isAlias, isScalar } from 'yaml';
import type { Span } from '../diagnostics';
import { locate, MAX_ALIAS_COUNT, type ParsedDocument, type Path } from '../document/parse';
import { asString, mapItems, type JsonRecord } from '../semantics/read';

export type IdKind = 'site' | 'collection' | 'package' | 'program' | 'advertisement';

export type IdRole = 'declaration' | 'reference';

/**
 * How an id is written, which a rename keeps. `other` is a form an edit of the id's characters
 * cannot keep exact: an alias, a block scalar, a plain or quoted scalar over several lines, an
 * escape other than JSON's.
 */
export type IdStyle = 'plain' | 'single' | 'double' | 'other';

export interface IdOccurrence {
  readonly kind: IdKind;
  readonly name: string;
  /** For programs: the package id (the owning package, or the advertisement's `package`). */
  readonly scope: string | undefined;
  readonly role: IdRole;
  /** The document path of the value. */
  readonly path: Path;
  /** The id's own characters: inside the quotes of a quoted scalar. */
  readonly span: Span;
  /** The whole value node, quotes included (where a cursor finds it). */
  readonly node: Span;
  readonly style: IdStyle;
}

/** One id: every declaration (several when it is a duplicate) and every reference to it. */
export interface IdSymbol {
  readonly kind: IdKind;
  readonly name: string;
  readonly scope: string | undefined;
  readonly declarations: readonly IdOccurrence[];
  readonly references: readonly IdOccurrence[];
}

export interface IdIndex {
  /** Every occurrence in text order. */
  readonly occurrences: readonly IdOccurrence[];
  /** Every id, in the text order of its first occurrence. */
  readonly symbols: readonly IdSymbol[];
  /** The occurrence whose value node contains `offset` (both ends included). */
  occurrenceAt(offset: number): IdOccurrence | undefined;
  symbolOf(occurrence: IdOccurrence): IdSymbol;
  /** The id of that kind, scope and name, if the document has any occurrence of it. */
  lookup(kind: IdKind, scope: string | undefined, name: string): IdSymbol | undefined;
}

/** A top-level list field that holds an id, and what kind of occurrence it is. */
interface IdField {
  readonly list: 'sites' | 'collections' | 'packages' | 'advertisements';
  readonly key: string;
  readonly kind: IdKind;
  readonly role: IdRole;
}

/** Every id field of SPEC §3 except program names, which are read per package below. */
const ID_FIELDS: readonly IdField[] = [
  { list: 'sites', key: 'code', kind: 'site', role: 'declaration' },
  { list: 'sites', key: 'parent', kind: 'site', role: 'reference' },
  { list: 'collections', key: 'id', kind: 'collection', role: 'declaration' },
  { list: 'collections', key: 'site', kind: 'site', role: 'reference' },
  { list: 'packages', key: 'id', kind: 'package', role: 'declaration' },
  { list: 'advertisements', key: 'id', kind: 'advertisement', role: 'declaration' },
  { list: 'advertisements', key: 'package', kind: 'package', role: 'reference' },
  { list: 'advertisements', key: 'collection', kind: 'collection', role: 'reference' },
];

const indexes = new WeakMap<ParsedDocument, IdIndex>();

/**
 * The index of a parsed document, built once per parse (a validation holds one parse, so this
 * is once per validation; keyed by the parse so that anything holding one can ask).
 */
export function idIndexOf(parsed: ParsedDocument): IdIndex {
  let index = indexes.get(parsed);
  if (!index) {
    index = buildIndex(parsed);
    indexes.set(parsed, index);
  }
  return index;
}

function buildIndex(parsed: ParsedDocument): IdIndex {
  const root = readableValue(parsed);
  const occurrences: IdOccurrence[] = [];
  const add = (item: JsonRecord, itemPath: Path, key: string, kind: IdKind, role: IdRole, scope?: string): void => {
    const name = asString(item[key]);
    if (name === undefined) return;
    const path = [...itemPath, key];
    const node = locate(parsed, path);
    const form = writtenForm(parsed.text, node, name);
    // `locate` falls back to an ancestor when it cannot follow a path, and follows the first of
    // repeated keys where the value took the last: then this is not the id's node. Only an
    // unusual form can be either, so only then is the node looked up.
    if (form.style === 'other' && !isNodeOf(parsed.yaml.getIn(path as (string | number)[], true), name)) return;
    occurrences.push({ kind, name, scope, role, path, node, ...form });
  };

  for (const field of ID_FIELDS) {
    for (const entry of mapItems(root, field.list)) add(entry.item, entry.path, field.key, field.kind, field.role);
  }
  for (const pkg of mapItems(root, 'packages')) {
    const packageId = asString(pkg.item['id']);
    // Programs of a package without an id cannot be referenced: nothing to navigate.
    if (packageId === undefined) continue;
    for (const program of mapItems(pkg.item, 'programs', pkg.path)) {
      add(program.item, program.path, 'name', 'program', 'declaration', packageId);
    }
  }
  for (const ad of mapItems(root, 'advertisements')) {
    const packageId = asString(ad.item['package']);
    if (packageId !== undefined) add(ad.item, ad.path, 'program', 'program', 'reference', packageId);
  }
  occurrences.sort((a, b) => a.node.start - b.node.start);
  return new ListIndex(occurrences);
}

/**
 * The plain value; for a text with YAML syntax errors the value of what did parse (a typo
 * elsewhere should not stop navigation), or undefined when even that cannot be read.
 */
function readableValue(parsed: ParsedDocument): unknown {
  if (parsed.value !== undefined || parsed.syntaxDiagnostics.length === 0) return parsed.value;
  try {
    return parsed.yaml.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch {
    return undefined;
  }
}

/** Whether `node` is an alias or a scalar whose value is `name`. */
function isNodeOf(node: unknown, name: string): boolean {
  return isAlias(node) || (isScalar(node) && node.value === name);
}

/** The id's characters and style, from the source of its value node. */
function writtenForm(text: string, node: Span, name: string): { span: Span; style: IdStyle } {
  const raw = text.slice(node.start, node.end);
  const quote = raw.charAt(0);
  if ((quote === '"' || quote === "'") && raw.length >= 2 && raw.endsWith(quote)) {
    const span = { start: node.start + 1, end: node.end - 1 };
    const inner = raw.slice(1, -1);
    const exact = !/[\r\n]/.test(inner) && (quote === "'" ? inner.replace(/''/g, "'") : decodeDouble(inner)) === name;
    return { span, style: exact ? (quote === "'" ? 'single' : 'double') : 'other' };
  }
  return { span: node, style: raw === name ? 'plain' : 'other' };
}

/** A double-quoted scalar's content, when it uses only JSON's escapes (else undefined). */
function decodeDouble(inner: string): string | undefined {
  if (!inner.includes('\\')) return inner;
  try {
    return JSON.parse(`"${inner}"`) as string;
  } catch {
    return undefined;
  }
}

interface MutableSymbol extends IdSymbol {
  readonly declarations: IdOccurrence[];
  readonly references: IdOccurrence[];
}

function symbolKey(kind: IdKind, scope: string | undefined, name: string): string {
  // NUL cannot be confused with content: a key names kind, scope and name unambiguously.
  return `${kind}\u0000${scope ?? ''}\u0000${name}`;
}

class ListIndex implements IdIndex {
  readonly symbols: IdSymbol[] = [];
  private readonly byKey = new Map<string, MutableSymbol>();
  private readonly owner = new Map<IdOccurrence, MutableSymbol>();

  constructor(readonly occurrences: readonly IdOccurrence[]) {
    for (const occurrence of occurrences) {
      const key = symbolKey(occurrence.kind, occurrence.scope, occurrence.name);
      let symbol = this.byKey.get(key);
      if (!symbol) {
        const { kind, scope, name } = occurrence;
        symbol = { kind, scope, name, declarations: [], references: [] };
        this.byKey.set(key, symbol);
        this.symbols.push(symbol);
      }
      (occurrence.role === 'declaration' ? symbol.declarations : symbol.references).push(occurrence);
      this.owner.set(occurrence, symbol);
    }
  }

  occurrenceAt(offset: number): IdOccurrence | undefined {
    // The last occurrence starting at or before `offset`: value nodes do not overlap.
    let low = 0;
    let high = this.occurrences.length - 1;
    let found: IdOccurrence | undefined;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const occurrence = this.occurrences[mid]!;
      if (occurrence.node.start <= offset) {
        found = occurrence;
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    return found && offset <= found.node.end ? found : undefined;
  }

  symbolOf(occurrence: IdOccurrence): IdSymbol {
    const symbol = this.owner.get(occurrence);
    if (!symbol) throw new Error('symbolOf: the occurrence is not from this index');
    return symbol;
  }

  lookup(kind: IdKind, scope: string | undefined, name: string): IdSymbol | undefined {
    return this.byKey.get(symbolKey(kind, kind === 'program' ? scope : undefined, name));
  }
}
