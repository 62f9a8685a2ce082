/**
 * Tolerant readers over the plain YAML value: the semantic checks run on documents that may break
 * the schema, so every access checks the shape and skips what it cannot read.
 */
import type { Path } from '../document/parse';

export type JsonRecord = Readonly<Record<string, unknown>>;

export function asRecord(value: unknown): JsonRecord | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonRecord) : undefined;
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** One map item of a list, with its document path. */
export interface ListItem {
  readonly item: JsonRecord;
  readonly path: Path;
}

/**
 * A list item whose path is made when asked for: the checks read every item of every list on each
 * version of a document, and need a path only for the few they report.
 */
class LazyPathItem implements ListItem {
  constructor(
    readonly item: JsonRecord,
    private readonly ownerPath: Path,
    private readonly key: string,
    private readonly index: number,
  ) {}

  get path(): Path {
    return [...this.ownerPath, this.key, this.index];
  }
}

/** The map items of the list at `owner[key]` (non-map items are skipped). */
export function mapItems(owner: unknown, key: string, ownerPath: Path = []): ListItem[] {
  const list = asRecord(owner)?.[key];
  if (!Array.isArray(list)) return [];
  const items: ListItem[] = [];
  list.forEach((entry: unknown, index) => {
    const item = asRecord(entry);
    if (item) items.push(new LazyPathItem(item, ownerPath, key, index));
  });
  return items;
}
