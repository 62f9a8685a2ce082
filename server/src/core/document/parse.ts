import { isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node, type Pair } from 'yaml';
import type { CoreDiagnostic, Span } from '../diagnostics';
import { LineIndex } from '../text/lineIndex';
import { findItemIndex, lazyListOf } from './lazyList';

/** A path into the document value: map keys and list indexes (like ajv's instancePath). */
export type Path = readonly (string | number)[];

/**
 * One parsed `*.sms.yaml` text: the YAML document with its source ranges, the plain value, and
 * the YAML syntax diagnostics. Everything later (schema, model, engine) starts from this.
 */
export interface ParsedDocument {
  readonly text: string;
  readonly lines: LineIndex;
  readonly yaml: Document.Parsed;
  /** The plain JS value; `undefined` when the YAML could not be turned into one. */
  readonly value: unknown;
  readonly syntaxDiagnostics: readonly CoreDiagnostic[];
}

/** Aliases beyond this many are refused (billion-laughs protection). */
export const MAX_ALIAS_COUNT = 100;

/** YAML 1.2 core schema: date-times stay strings and `yes`/`on` are not booleans (SPEC §4.1 rule 13). */
export const PARSE_OPTIONS = {
  version: '1.2',
  schema: 'core',
  uniqueKeys: true,
  prettyErrors: false,
  strict: true,
} as const;

/** The whole text in one `yaml` parse: the reference every faster path must agree with. */
export function parseText(text: string): ParsedDocument {
  const lines = new LineIndex(text);
  const deep = tooDeeplyNested(text);
  // The `yaml` parser recurses per nesting level; thousands of levels can exhaust V8 (even abort
  // the process in its regular-expression compiler), so such text is refused before parsing.
  const yaml = parseDocument(deep === undefined ? text : '', PARSE_OPTIONS);
  const syntaxDiagnostics: CoreDiagnostic[] = [];
  if (deep !== undefined) {
    syntaxDiagnostics.push({
      code: 'yaml-syntax',
      severity: 'error',
      message: `The document is nested too deeply to read (more than ${MAX_FLOW_DEPTH} levels of [ or {)`,
      range: lines.rangeOf({ start: deep, end: deep + 1 }),
    });
  }
  const control = firstControlCharacter(text);
  if (control !== undefined) {
    const code = text.charCodeAt(control).toString(16).toUpperCase().padStart(4, '0');
    syntaxDiagnostics.push({
      code: 'yaml-syntax',
      severity: 'error',
      message: `Control character U+${code} is not allowed in YAML text (is this a binary file?)`,
      range: lines.rangeOf({ start: control, end: control + 1 }),
    });
  }
  for (const error of yaml.errors) {
    const [start, end] = error.pos;
    syntaxDiagnostics.push({
      code: 'yaml-syntax',
      severity: 'error',
      message: userMessage(error.message),
      range: lines.rangeOf({ start, end: Math.max(end, start) }),
    });
  }
  let value: unknown = undefined;
  if (syntaxDiagnostics.length === 0) {
    try {
      value = yaml.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      syntaxDiagnostics.push({
        code: 'yaml-syntax',
        severity: 'error',
        message: `The YAML cannot be read: ${userMessage(error instanceof Error ? error.message : String(error))}`,
        range: lines.rangeOf({ start: 0, end: lines.lineEnd(0) }),
      });
    }
  }
  return { text, lines, yaml, value, syntaxDiagnostics };
}

/** The YAML library's message, reworded where it speaks of its own API or internals. */
function userMessage(raw: string): string {
  const message = raw.split('\n', 1)[0] ?? raw;
  if (/multiple documents/i.test(message)) {
    return "Source contains multiple documents: a *.sms.yaml file holds one YAML document (SPEC §2); remove the '---' that starts the second one";
  }
  if (/call stack/i.test(message)) return 'The document is nested too deeply to read';
  return message;
}

/** Flow nesting deeper than this is refused; real documents nest a few levels. */
export const MAX_FLOW_DEPTH = 500;

/**
 * The offset where `[`/`{` nesting first exceeds MAX_FLOW_DEPTH, or undefined. Brackets inside
 * quotes or comments are counted too: that only errs towards refusing absurd text.
 */
export function tooDeeplyNested(text: string): number | undefined {
  let depth = 0;
  // A regular expression jumps from bracket to bracket (most of a document has none); `test`
  // rather than `exec`, which would make a match array per bracket on every version.
  const brackets = /[[\]{}]/g;
  while (brackets.test(text)) {
    const at = brackets.lastIndex - 1;
    const c = text.charCodeAt(at);
    if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > MAX_FLOW_DEPTH) return at;
    } else if (depth > 0) {
      depth--;
    }
  }
  return undefined;
}

/**
 * YAML 1.2 allows only printable characters: C0 controls other than tab, line feed and carriage
 * return (a NUL, say) are an error, which the `yaml` package does not report in plain scalars.
 */
export function firstControlCharacter(text: string): number | undefined {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  const match = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.exec(text);
  return match?.index;
}

/** What part of a map entry a span should cover. */
export type Target = 'key' | 'value' | 'entry';

/**
 * The source span of the node at `path`. For a map entry, `target` picks the key, the value or
 * both; for a list item, key and value are the item. Falls back to the nearest existing ancestor.
 */
export function locate(doc: ParsedDocument, path: Path, target: Target = 'value'): Span {
  let node: unknown = doc.yaml.contents;
  let pair: Pair | undefined;
  for (let k = 0; k < path.length; k++) {
    const segment = path[k] as string | number;
    const lazy = lazyListOf(node);
    if (lazy && typeof segment === 'number' && Number.isInteger(segment) && segment >= 0 && segment < lazy.count) {
      // An item of a lazily parsed list: its span table answers the rest without parsing it.
      const { table, base } = lazy.spansOf(segment);
      const { step } = table.walk(path.slice(k + 1), base);
      const keySpan = step.key && trimmedSpan(doc, step.key);
      if (keySpan && step.emptyValue) return keySpan;
      return pick(doc, keySpan, step.value && trimmedSpan(doc, step.value), target);
    }
    let next: unknown;
    let nextPair: Pair | undefined;
    if (isMap(node)) {
      nextPair = node.items.find(
        (item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment),
      );
      next = nextPair?.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      next = node.items[segment];
    }
    if (next === undefined && nextPair === undefined) break;
    node = next;
    pair = nextPair;
    if (nextPair !== undefined && (next === null || next === undefined)) {
      // An entry with an empty value (`key:`): its key is all there is.
      return spanOfNode(doc, nextPair.key as Node | undefined) ?? wholeLine(doc, 0);
    }
    if (nextPair === undefined) pair = undefined;
  }
  const keySpan = pair ? spanOfNode(doc, pair.key as Node | undefined) : undefined;
  return pick(doc, keySpan, spanOfNode(doc, node as Node | undefined), target);
}

/** The span `target` asks for, from what a walk found. */
function pick(doc: ParsedDocument, keySpan: Span | undefined, valueSpan: Span | undefined, target: Target): Span {
  if (target === 'key' && keySpan) return keySpan;
  if (target === 'entry' && keySpan && valueSpan) return { start: keySpan.start, end: valueSpan.end };
  return valueSpan ?? keySpan ?? wholeLine(doc, 0);
}

/**
 * The index of the item of the top-level list `key` whose node contains `offset` (ends
 * included), or undefined; a lazily parsed list answers without parsing its items.
 */
export function listItemAt(doc: ParsedDocument, key: string, offset: number): number | undefined {
  const list = doc.yaml.get(key, true);
  if (!isSeq(list)) return undefined;
  const contains = (item: unknown): boolean => {
    const range = (item as Node | null | undefined)?.range;
    return range != null && range[0] <= offset && offset <= range[1];
  };
  const index = findItemIndex(list, offset, contains);
  return index < 0 ? undefined : index;
}

/** Whether a node exists at `path` (a value may be null). */
export function hasNode(doc: ParsedDocument, path: Path): boolean {
  return doc.yaml.hasIn(path as (string | number)[]);
}

function spanOfNode(doc: ParsedDocument, node: Node | undefined | null): Span | undefined {
  if (!node || typeof node !== 'object' || !('range' in node) || !node.range) return undefined;
  return trimmedSpan(doc, node.range);
}

/** A node's [start, valueEnd] without the trailing whitespace and newlines block nodes include. */
function trimmedSpan(doc: ParsedDocument, [start, valueEnd]: readonly [number, number, ...number[]]): Span {
  let end = valueEnd;
  while (end > start && /\s/.test(doc.text.charAt(end - 1))) end--;
  return { start, end };
}

function wholeLine(doc: ParsedDocument, line: number): Span {
  return { start: doc.lines.offsetAt({ line, character: 0 }), end: doc.lines.lineEnd(line) };
}
