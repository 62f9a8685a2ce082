/**
 * Every reference must name something defined in this file (SPEC §3): site parents, collection
 * sites, and the package, program and collection of each advertisement.
 */
import type { CoreDiagnostic } from '../diagnostics';
import type { ParsedDocument } from '../document/parse';
import { closestMatch } from '../schema/closestMatch';
import { diagnostic, rangeAt } from '../schema/ranges';
import { asString, mapItems, type JsonRecord, type ListItem } from './read';

/** At most this many names are listed when no close match exists. */
const MAX_LISTED = 10;

/** Distinct names in first-seen order (for hints), with a set for membership. */
interface Names {
  readonly list: readonly string[];
  readonly set: ReadonlySet<string>;
}

function namesOf(items: readonly { readonly item: JsonRecord }[], key: string): Names {
  const set = new Set<string>();
  for (const { item } of items) {
    const name = asString(item[key]);
    if (name !== undefined) set.add(name);
  }
  return { list: [...set], set };
}

/** "Did you mean 'X'?" when `suggestion` is close; otherwise the names there are. */
function hintFor(suggestion: string | undefined, known: readonly string[], plural: string): string {
  if (suggestion !== undefined) return ` Did you mean '${suggestion}'?`;
  if (known.length === 0) return ` There are no ${plural}.`;
  const listed = known.slice(0, MAX_LISTED).join(', ');
  return ` Defined ${plural}: ${listed}${known.length > MAX_LISTED ? ', …' : ''}.`;
}

export function checkReferences(doc: ParsedDocument): CoreDiagnostic[] {
  const root = doc.value;
  const sites = mapItems(root, 'sites');
  const collections = mapItems(root, 'collections');
  const packages = mapItems(root, 'packages');
  const siteCodes = namesOf(sites, 'code');
  const collectionIds = namesOf(collections, 'id');
  const packageIds = namesOf(packages, 'id');
  const diagnostics: CoreDiagnostic[] = [];

  const check = (entry: ListItem, key: string, known: Names, noun: string, plural: string, where = ''): void => {
    const name = asString(entry.item[key]);
    // Non-strings and empty strings are the schema's to report.
    if (name === undefined || name === '' || known.set.has(name)) return;
    const suggestion = closestMatch(name, known.list);
    const message = `${noun} '${name}' is not defined${where || ' in this file'}.${hintFor(suggestion, known.list, plural)}`;
    // The path is made only here: most references resolve.
    const path = [...entry.path, key];
    diagnostics.push(
      diagnostic('unresolved-reference', 'error', message, rangeAt(doc, path), {
        kind: 'unresolved-reference',
        path,
        name,
        ...(suggestion !== undefined ? { suggestion } : {}),
      }),
    );
  };

  // The first package with an id, as a lookup (ids are compared with ===, like any value).
  const packageById = new Map<unknown, JsonRecord>();
  for (const { item } of packages) if (!packageById.has(item['id'])) packageById.set(item['id'], item);
  const programNames = new Map<JsonRecord, Names>();
  const programsOf = (pkg: JsonRecord): Names => {
    let names = programNames.get(pkg);
    if (!names) {
      names = namesOf(mapItems(pkg, 'programs'), 'name');
      programNames.set(pkg, names);
    }
    return names;
  };

  for (const site of sites) check(site, 'parent', siteCodes, 'Site', 'sites');
  for (const collection of collections) check(collection, 'site', siteCodes, 'Site', 'sites');
  for (const advertisement of mapItems(root, 'advertisements')) {
    check(advertisement, 'package', packageIds, 'Package', 'packages');
    check(advertisement, 'collection', collectionIds, 'Collection', 'collections');
    const packageId = asString(advertisement.item['package']);
    const pkg = packageById.get(packageId);
    // A program is looked up in its package only; an unknown package was reported above.
    if (pkg) check(advertisement, 'program', programsOf(pkg), 'Program', 'programs in it', ` in package ${packageId}`);
  }
  return diagnostics;
}
