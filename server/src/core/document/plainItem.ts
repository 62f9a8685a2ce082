/**
 * A reader for the plain block YAML that `*.sms.yaml` list items are almost always written in:
 * `key: value` lines, nested blocks by indentation, `- ` lists, one-line scalars (plain, or quoted
 * without escapes), comments after a value. It returns what `parseItem` would get from `yaml`
 * (value, spans, ranges) several times faster, and gives up — `undefined`, so the caller
 * parses with `yaml` — at anything else: flow collections, multi-line or block scalars, anchors,
 * tags, aliases, escapes, comment or blank lines inside the item, tabs, CR, empty values, keys that
 * are not plain words, scalars whose type is not obviously a string, a whole number or a boolean.
 * The unit tests compare it with `yaml` on generated documents and on random variations.
 */
import { Kind, SpanTableBuilder, type SpanTable } from './spanTable';

/** What `parseItem` keeps of a list item, offsets relative to the piece. */
export interface PlainItem {
  readonly value: unknown;
  readonly spans: SpanTable;
  readonly docRange: readonly [number, number, number];
  readonly containerRange: readonly [number, number, number];
}

/** One line of the piece: where it starts, its indentation, where its text ends (before `\n`). */
interface Line {
  readonly start: number;
  readonly indent: number;
  readonly end: number;
  /** Where the next line starts (or the text's length). */
  readonly next: number;
}

/** A node read so far: its value and its range ([start, end, end with trailing comment/line break]). */
interface ReadNode {
  readonly value: unknown;
  readonly start: number;
  readonly end: number;
  readonly after: number;
}

/** A node read, the line after it, and its kind for the span table. */
type Read = { node: ReadNode; line: number; kind: Kind };

class GiveUp extends Error {}
const GIVE_UP = new GiveUp();

const MAX_DEPTH = 64;
const MAX_IMPLICIT_KEY_LENGTH = 1024;

const SPACE = 32;
const HASH = 35;
const DASH = 45;
const COLON = 58;
const COMMA = 44;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
/** What ends a plain scalar in a flow collection (a colon ends it when one of these or a space follows). */
const FLOW_END = new Set([COMMA, OPEN_BRACKET, CLOSE_BRACKET, OPEN_BRACE, CLOSE_BRACE]);

function isFlowBoundary(c: number): boolean {
  return c === SPACE || FLOW_END.has(c) || Number.isNaN(c);
}

/** A plain key that `yaml` reads as that same string (not null, a boolean or a number). */
const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const SPECIAL_KEYS = new Set(['null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE', '__proto__']);
/** First characters after which a value is not a plain scalar (or needs rules this reader skips). */
const STRUCTURAL_START = new Set([...'-?:,[]{}#&*!|>\'"%@`'].map((c) => c.charCodeAt(0)));
/** Whole numbers `yaml` reads exactly as `Number` does. */
const DECIMAL = /^(?:0|[1-9][0-9]{0,14})$/;
/**
 * Plain scalars the YAML 1.2 core schema reads as null, a boolean or a number in a form this
 * reader does not convert itself (then `yaml` does).
 */
const NOT_A_STRING = [
  /^(?:~|null|Null|NULL|True|TRUE|False|FALSE)$/,
  /^[-+]?[0-9]+$/,
  /^0o[0-7]+$/,
  /^0x[0-9a-fA-F]+$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/,
  /^[-+]?\.(?:inf|Inf|INF)$/,
  /^\.(?:nan|NaN|NAN)$/,
];
/** Line breaks and marks other than `\n` that this reader leaves to `yaml`. */
const UNUSUAL_CHARACTERS = /[\t\r\u0080-\u009f\u2028\u2029\ufeff]/;

export function readPlainItem(source: string): PlainItem | undefined {
  if (UNUSUAL_CHARACTERS.test(source)) return undefined;
  try {
    return new PlainReader(source).item();
  } catch (error) {
    if (error instanceof GiveUp) return undefined;
    throw error;
  }
}

class PlainReader {
  private readonly lines: Line[] = [];
  /** Index of the first body line, and one past the last. */
  private first = 0;
  private last = 0;
  private readonly spans = new SpanTableBuilder();
  /** How many nodes deep the reader is. */
  private depth = 0;

  constructor(private readonly source: string) {}

  item(): PlainItem {
    this.splitLines();
    const head = this.lines[this.first]!;
    const dash = head.start + head.indent;
    const item = this.withSpans(null, -1, -1, () => this.seqItem(this.first, head.indent));
    if (item.line !== this.last) throw GIVE_UP;
    const node = item.node;
    const length = this.source.length;
    return {
      value: node.value,
      spans: this.spans.build(),
      // Blank lines after the item are the document's, not the list's.
      docRange: [head.start, node.after, length],
      containerRange: [dash, node.after, node.after],
    };
  }

  /** Lines: leading blank or comment lines, a body without any, then only blank lines. */
  private splitLines(): void {
    const { source } = this;
    for (let start = 0; start < source.length;) {
      const newline = source.indexOf('\n', start);
      const end = newline < 0 ? source.length : newline;
      let indent = 0;
      while (source.charCodeAt(start + indent) === SPACE) indent++;
      this.lines.push({ start, indent, end, next: newline < 0 ? end : newline + 1 });
      start = end + 1;
    }
    const isContent = (line: Line): boolean =>
      line.start + line.indent < line.end && source.charCodeAt(line.start + line.indent) !== HASH;
    this.first = this.lines.findIndex(isContent);
    if (this.first < 0) throw GIVE_UP;
    const head = this.lines[this.first]!;
    if (source.charCodeAt(head.start + head.indent) !== DASH) throw GIVE_UP;
    let last = this.lines.length;
    while (last > this.first && !isContent(this.lines[last - 1]!)) {
      const line = this.lines[last - 1]!;
      // A comment after the item belongs to it or to the list depending on its indent: left to yaml.
      if (line.start + line.indent < line.end) throw GIVE_UP;
      last--;
    }
    for (let i = this.first; i < last; i++) if (!isContent(this.lines[i]!)) throw GIVE_UP;
    this.last = last;
  }

  /** Records a node's span: opened before its children, closed after. */
  private withSpans(
    segment: string | number | null,
    keyStart: number,
    keyEnd: number,
    read: () => Read,
  ): { node: ReadNode; line: number } {
    // Real items nest a few levels; thousands would exhaust the stack (yaml reports those).
    if (++this.depth > MAX_DEPTH) throw GIVE_UP;
    const at = this.spans.open(segment, keyStart, keyEnd);
    const result = read();
    this.spans.close(at, result.kind, result.node.start, result.node.end);
    this.depth--;
    return result;
  }

  /** The item starting with `-` at `indent` on `line`: a compact map or a one-line scalar. */
  private seqItem(line: number, indent: number): Read {
    const { source } = this;
    const at = this.lines[line]!;
    const dash = at.start + indent;
    if (source.charCodeAt(dash + 1) !== SPACE) throw GIVE_UP;
    let column = dash + 1;
    while (source.charCodeAt(column) === SPACE) column++;
    if (column >= at.end || source.charCodeAt(column) === HASH) throw GIVE_UP;
    if (this.keyAt(column, at.end) !== undefined) return this.map(line, column - at.start, column);
    if (source.charCodeAt(column) === DASH && source.charCodeAt(column + 1) === SPACE) throw GIVE_UP;
    const read = this.lineValue(column, at);
    if (line + 1 < this.last && this.lines[line + 1]!.indent > indent) throw GIVE_UP;
    return { ...read, line: line + 1 };
  }

  /** A block map whose keys are at `indent`; its first key is at `firstKey` on `line`. */
  private map(line: number, indent: number, firstKey: number): Read {
    const { source } = this;
    const value: Record<string, unknown> = {};
    let end: number;
    let keyStart = firstKey;
    let index = line;
    for (;;) {
      const at = this.lines[index]!;
      const key = this.keyAt(keyStart, at.end);
      if (key === undefined || Object.hasOwn(value, key.name)) throw GIVE_UP;
      const read = this.withSpans(key.name, keyStart, key.end, () => this.mapValue(index, indent, key.colon));
      value[key.name] = read.node.value;
      end = read.node.after;
      index = read.line;
      if (index >= this.last) break;
      const next = this.lines[index]!;
      if (next.indent < indent) break;
      if (next.indent > indent) throw GIVE_UP;
      keyStart = next.start + next.indent;
      if (source.charCodeAt(keyStart) === DASH) throw GIVE_UP;
    }
    return { node: { value, start: firstKey, end, after: end }, line: index, kind: Kind.Map };
  }

  /** The value after `key:` (the colon at `colon`): a scalar on the same line or a nested block. */
  private mapValue(line: number, indent: number, colon: number): Read {
    const { source } = this;
    const at = this.lines[line]!;
    let column = colon + 1;
    while (column < at.end && source.charCodeAt(column) === SPACE) column++;
    if (column < at.end) {
      if (source.charCodeAt(column) === HASH) throw GIVE_UP;
      const read = this.lineValue(column, at);
      if (line + 1 < this.last && this.lines[line + 1]!.indent > indent) throw GIVE_UP;
      return { ...read, line: line + 1 };
    }
    if (line + 1 >= this.last) throw GIVE_UP;
    const next = this.lines[line + 1]!;
    if (next.indent <= indent) throw GIVE_UP;
    const start = next.start + next.indent;
    if (source.charCodeAt(start) === DASH) return this.seq(line + 1, next.indent);
    return this.map(line + 1, next.indent, start);
  }

  /** A block list whose dashes are at `indent`, from `line`. */
  private seq(line: number, indent: number): Read {
    const { source } = this;
    const value: unknown[] = [];
    const start = this.lines[line]!.start + indent;
    let end: number;
    let index = line;
    for (;;) {
      const read = this.withSpans(value.length, -1, -1, () => this.seqItem(index, indent));
      value.push(read.node.value);
      end = read.node.after;
      index = read.line;
      if (index >= this.last) break;
      const next = this.lines[index]!;
      if (next.indent < indent) break;
      if (next.indent > indent || source.charCodeAt(next.start + next.indent) !== DASH) throw GIVE_UP;
    }
    return { node: { value, start, end, after: end }, line: index, kind: Kind.Seq };
  }

  /** A `key:` starting at `start`: the key, where it ends and where its colon is; undefined if none. */
  private keyAt(start: number, lineEnd: number): { name: string; end: number; colon: number } | undefined {
    const { source } = this;
    const colon = source.indexOf(':', start);
    if (colon < 0 || colon >= lineEnd) return undefined;
    if (colon + 1 < lineEnd && source.charCodeAt(colon + 1) !== SPACE) return undefined;
    // yaml refuses an implicit key whose colon is more than 1024 characters after its start.
    if (colon - start > MAX_IMPLICIT_KEY_LENGTH) throw GIVE_UP;
    const name = source.slice(start, colon);
    if (!PLAIN_KEY.test(name)) {
      // Text with a colon that is not a plain key: yaml may read a key there, so this reader cannot.
      throw GIVE_UP;
    }
    if (SPECIAL_KEYS.has(name)) throw GIVE_UP;
    return { name, end: colon, colon };
  }

  /** A value that ends on its line: a one-line flow collection or a scalar, then maybe a comment. */
  private lineValue(start: number, line: Line): { node: ReadNode; kind: Kind } {
    const first = this.source.charCodeAt(start);
    if (first === OPEN_BRACE || first === OPEN_BRACKET) {
      const flow = this.flow(start, line.end);
      return { node: { ...flow.node, after: this.afterValue(flow.node.end, line) }, kind: flow.kind };
    }
    const scalar = this.scalar(start, line.end, false);
    return { node: { ...scalar, after: this.afterValue(scalar.end, line) }, kind: Kind.Other };
  }

  /**
   * A scalar from `start`: quoted without escapes, or plain up to a ` #` comment or the line's end
   * (in a flow collection, also up to `,`, `]` or `}`), trailing spaces left out.
   */
  private scalar(start: number, limit: number, inFlow: boolean): ReadNode {
    const { source } = this;
    const first = source.charCodeAt(start);
    if (first === 0x22 || first === 0x27) {
      const close = source.indexOf(String.fromCharCode(first), start + 1);
      if (close < 0 || close >= limit) throw GIVE_UP;
      const value = source.slice(start + 1, close);
      if (first === 0x22 && value.includes('\\')) throw GIVE_UP;
      return { value, start, end: close + 1, after: close + 1 };
    }
    if (STRUCTURAL_START.has(first)) throw GIVE_UP;
    let end = start;
    for (; end < limit; end++) {
      const c = source.charCodeAt(end);
      if (c === HASH && source.charCodeAt(end - 1) === SPACE) break;
      if (inFlow && (FLOW_END.has(c) || (c === COLON && isFlowBoundary(source.charCodeAt(end + 1))))) break;
    }
    while (end > start && source.charCodeAt(end - 1) === SPACE) end--;
    const text = source.slice(start, end);
    if (text.includes(': ') || text.charCodeAt(text.length - 1) === COLON) throw GIVE_UP;
    let value: unknown;
    if (DECIMAL.test(text)) value = Number(text);
    else if (text === 'true' || text === 'false') value = text === 'true';
    else if (text === '' || NOT_A_STRING.some((pattern) => pattern.test(text))) throw GIVE_UP;
    else value = text;
    return { value, start, end, after: end };
  }

  /** A flow collection on one line: `{ key: scalar, … }` or `[scalar, …]`, nothing nested. */
  private flow(start: number, limit: number): { node: ReadNode; kind: Kind } {
    const { source } = this;
    const isMap = source.charCodeAt(start) === OPEN_BRACE;
    const close = isMap ? CLOSE_BRACE : CLOSE_BRACKET;
    const map: Record<string, unknown> = {};
    const list: unknown[] = [];
    let at = this.skipSpaces(start + 1, limit);
    while (source.charCodeAt(at) !== close) {
      if (isMap) {
        const colon = source.indexOf(':', at);
        if (colon < 0 || colon >= limit || source.charCodeAt(colon + 1) !== SPACE) throw GIVE_UP;
        if (colon - at > MAX_IMPLICIT_KEY_LENGTH) throw GIVE_UP;
        const name = source.slice(at, colon);
        if (!PLAIN_KEY.test(name) || SPECIAL_KEYS.has(name) || Object.hasOwn(map, name)) throw GIVE_UP;
        const entry = this.spans.open(name, at, colon);
        const scalar = this.scalar(this.skipSpaces(colon + 1, limit), limit, true);
        this.spans.close(entry, Kind.Other, scalar.start, scalar.end);
        map[name] = scalar.value;
        at = this.skipSpaces(scalar.end, limit);
      } else {
        const item = this.spans.open(list.length, -1, -1);
        const scalar = this.scalar(at, limit, true);
        this.spans.close(item, Kind.Other, scalar.start, scalar.end);
        list.push(scalar.value);
        at = this.skipSpaces(scalar.end, limit);
      }
      const next = source.charCodeAt(at);
      if (next === COMMA) {
        at = this.skipSpaces(at + 1, limit);
        if (source.charCodeAt(at) === close || at >= limit) throw GIVE_UP;
      } else if (next !== close) {
        throw GIVE_UP;
      }
    }
    const node = { value: isMap ? map : list, start, end: at + 1, after: at + 1 };
    return { node, kind: isMap ? Kind.Map : Kind.Seq };
  }

  private skipSpaces(at: number, limit: number): number {
    while (at < limit && this.source.charCodeAt(at) === SPACE) at++;
    if (at >= limit) throw GIVE_UP;
    return at;
  }

  /** Where a value's node ends with what follows it on its line (spaces, a comment): after the line break. */
  private afterValue(end: number, line: Line): number {
    const { source } = this;
    let column = end;
    while (column < line.end && source.charCodeAt(column) === SPACE) column++;
    if (column < line.end && (source.charCodeAt(column) !== HASH || column === end)) throw GIVE_UP;
    return line.next;
  }
}
