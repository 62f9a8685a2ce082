/**
 * A mapped export as YAML text, through the `yaml` package's document API (SPEC §9.2: comments
 * and key order come from the data, never from string concatenation). YAML 1.2 core schema, so
 * strings that would read as numbers (a site code "123", a token of digits) are quoted.
 */
import { Document, isMap, isPair, isScalar, isSeq, type Node, type Pair, Scalar, YAMLMap } from 'yaml';
import type { DocumentComment } from './documentValue';
import type { MappedDocument } from './mapExport';
import { oneLine } from './oneLine';

/** Keys whose map values read best on one line, as in the examples: `{ from: ..., to: ... }`. */
const FLOW_KEYS = new Set(['installed', 'every', 'weekly', 'monthlyByWeekday', 'monthlyByDate']);
/** Keys whose values are always double-quoted (tokens, versions like "2.0"), as in the examples. */
const QUOTED_KEYS = new Set(['token', 'smsVersion']);

/** Each line of `text` as a comment line (values from the export cannot add lines: see oneLine). */
const asCommentLines = (text: string): string =>
  text
    .split('\n')
    .map(oneLine)
    .map((line) => (line.startsWith(' ') ? line : ` ${line}`))
    .join('\n');

function appendCommentBefore(node: { commentBefore?: string | null }, text: string): void {
  const lines = asCommentLines(text);
  node.commentBefore = node.commentBefore ? `${node.commentBefore}\n${lines}` : lines;
}

/** Applies flow style and quoting to every pair below `node`. */
function style(node: unknown): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (FLOW_KEYS.has(key) && isMap(pair.value)) pair.value.flow = true;
      if (QUOTED_KEYS.has(key) && isScalar(pair.value)) pair.value.type = Scalar.QUOTE_DOUBLE;
      style(pair.value);
    }
  } else if (isSeq(node)) {
    for (const item of node.items) style(item);
  }
}

/** The node a comment names: a list item, or the key of a map member (the comment goes above it). */
function commentTarget(doc: Document, comment: DocumentComment): { commentBefore?: string | null } {
  const path = comment.path;
  const last = path[path.length - 1];
  const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
  if (typeof last === 'string' && isMap(parent)) {
    const pair = (parent as YAMLMap).items.find(
      (p): p is Pair<Scalar> => isPair(p) && isScalar(p.key) && p.key.value === last,
    );
    if (pair !== undefined) return pair.key;
  }
  if (typeof last === 'number' && isSeq(parent)) {
    const item = parent.items[last];
    if (item !== undefined && item !== null && typeof item === 'object') return item as Node;
  }
  // The mapper only names paths it wrote; reaching this is a bug in core/import.
  throw new Error(`import: no node at ${path.join('.')} for a comment`);
}

export function writeDocument(mapped: MappedDocument): string {
  const doc = new Document(mapped.value, { version: '1.2' });
  style(doc.contents);
  doc.commentBefore = asCommentLines(mapped.header);
  for (const comment of mapped.comments) appendCommentBefore(commentTarget(doc, comment), comment.text);
  // lineWidth 0: never fold long names into several lines (the text must read back the same).
  return doc.toString({ lineWidth: 0 });
}
