import type { CoreDiagnostic } from '../diagnostics';
import type { ParsedDocument, Path } from '../document/parse';
import { rangeAt } from '../schema/ranges';
import { asString, mapItems, type ListItem } from './read';

/** Reports every repeat of a name among `items[nameKey]`, pointing back at the first one. */
function duplicatesAmong(
  doc: ParsedDocument,
  items: readonly ListItem[],
  nameKey: string,
  what: (name: string) => string,
): CoreDiagnostic[] {
  const diagnostics: CoreDiagnostic[] = [];
  // Paths are made only for the repeats (a document has thousands of names and few repeats).
  const first = new Map<string, ListItem>();
  for (const entry of items) {
    const name = asString(entry.item[nameKey]);
    if (name === undefined) continue;
    const firstEntry = first.get(name);
    if (firstEntry === undefined) {
      first.set(name, entry);
      continue;
    }
    const namePath: Path = [...entry.path, nameKey];
    const firstRange = rangeAt(doc, [...firstEntry.path, nameKey]);
    diagnostics.push({
      code: 'duplicate-id',
      severity: 'error',
      // Lines in messages are 1-based, as editors show them.
      message: `Duplicate ${what(name)}: first defined on line ${firstRange.start.line + 1}`,
      range: rangeAt(doc, namePath),
      related: [{ range: firstRange, message: `First definition of ${what(name)}` }],
    });
  }
  return diagnostics;
}

export function checkDuplicateIds(doc: ParsedDocument): CoreDiagnostic[] {
  const root = doc.value;
  const diagnostics = [
    ...duplicatesAmong(doc, mapItems(root, 'sites'), 'code', (code) => `site code '${code}'`),
    ...duplicatesAmong(doc, mapItems(root, 'collections'), 'id', (id) => `collection id '${id}'`),
    ...duplicatesAmong(doc, mapItems(root, 'packages'), 'id', (id) => `package id '${id}'`),
    ...duplicatesAmong(doc, mapItems(root, 'advertisements'), 'id', (id) => `advertisement id '${id}'`),
  ];
  for (const pkg of mapItems(root, 'packages')) {
    const packageId = asString(pkg.item['id']) ?? `#${String(pkg.path[1])}`;
    const programs = mapItems(pkg.item, 'programs', pkg.path);
    diagnostics.push(...duplicatesAmong(doc, programs, 'name', (name) => `program '${name}' in package ${packageId}`));
  }
  return diagnostics;
}
