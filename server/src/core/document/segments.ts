/**
 * A conservative line scanner that cuts a `*.sms.yaml` text into pieces YAML can parse on their own:
 * one per top-level entry (`version: 1`, `simulation:` with its block, a list's `sites:` line) and
 * one per item of a top-level block list (`  - code: LAB …`). Together the pieces tile the text.
 *
 * Blank and comment lines between two pieces go with the second one. YAML lets a node extend over
 * such lines in two cases, which a piece parsed alone would not reproduce, so both make the scanner
 * give up: a comment indented deeper than the next piece's first line, and a piece whose last line
 * leaves a node open (`key:`, `-`, a block scalar header, an anchor or a tag).
 *
 * It also gives up whenever the layout is anything but plain block YAML (flow collections or other
 * structure at column 0, document markers, directives, tabs in indentation, a BOM, lone CR line
 * breaks, odd indentation inside a list): the caller then parses the whole document.
 */

/** The top-level lists whose items are parsed one by one. */
export type SegmentedList = 'sites' | 'collections' | 'packages' | 'advertisements';

/** A top-level `key: …` entry with everything indented under it (a list key owns no items here). */
export interface EntrySegment {
  readonly kind: 'entry';
  readonly start: number;
  readonly end: number;
  /** Set when this is the bare `KEY:` line of a block list whose items are the following item segments. */
  readonly list?: SegmentedList;
}

/** One `- …` item of a top-level block list, with the comment lines just above it. */
export interface ItemSegment {
  readonly kind: 'item';
  readonly start: number;
  readonly end: number;
  readonly list: SegmentedList;
}

export type Segment = EntrySegment | ItemSegment;

const SPACE = 32;
const TAB = 9;
const HASH = 35;
const DASH = 45;
const CR = 13;

/** `sites:` (optionally followed by spaces and a comment), nothing else on the line. */
const LIST_KEY_LINE = /^(sites|collections|packages|advertisements):[ ]*(?:#.*)?$/;
/** A CR that is not part of CRLF: YAML and LSP count it as a line break, this scanner does not. */
const LONE_CR = /\r(?!\n)/;
/** Characters that start something other than a plain `key: value` line at column 0. */
const UNUSUAL_TOP_LEVEL_START = new Set([...'-?:,[]{}#&*!|>%@`'].map((c) => c.charCodeAt(0)));

type Mode =
  | { readonly kind: 'entry' }
  | { readonly kind: 'afterListKey'; readonly list: SegmentedList; readonly entryIndex: number }
  | { readonly kind: 'list'; readonly list: SegmentedList; readonly itemIndent: number; lowComment: boolean };

/** The segments of `text`, or undefined when the text is not plain enough to be cut safely. */
export function scanSegments(text: string): Segment[] | undefined {
  if (text.charCodeAt(0) === 0xfeff || LONE_CR.test(text)) return undefined;
  const segments: Segment[] = [];
  let mode: Mode | undefined;
  /** Start of the run of blank and comment lines just above the current line (they go with what follows). */
  let runStart = 0;
  /**
   * The deepest comment of that run, or -1. YAML lets a comment indented deeper than the next
   * line extend the node before it (up to the next token), which a piece parsed alone cannot
   * reproduce: such a comment just above a piece boundary makes the scanner give up.
   */
  let runCommentIndent = -1;
  /**
   * The last content line (after its indentation). When it leaves a node open (`key:`, `-`, a
   * block scalar header, an anchor or tag), that node may extend over the blank and comment
   * lines after it, across what would be a piece boundary.
   */
  let lastContentStart = 0;
  let lastContentEnd = 0;
  let lineStart = 0;
  while (lineStart < text.length) {
    let newline = text.indexOf('\n', lineStart);
    if (newline < 0) newline = text.length;
    let contentEnd = newline;
    if (contentEnd > lineStart && text.charCodeAt(contentEnd - 1) === CR) contentEnd--;
    const next = newline + 1;

    let indent = 0;
    while (lineStart + indent < contentEnd && text.charCodeAt(lineStart + indent) === SPACE) indent++;
    const first = lineStart + indent < contentEnd ? text.charCodeAt(lineStart + indent) : -1;
    if (first === TAB) return undefined;

    if (first === -1 || first === HASH) {
      // Blank or comment line: belongs to whatever comes next (or to the last segment at the end).
      if (first === HASH) {
        runCommentIndent = Math.max(runCommentIndent, indent);
        if (mode?.kind === 'list' && indent < mode.itemIndent) mode.lowComment = true;
      }
      lineStart = next;
      continue;
    }

    const isItemStart =
      first === DASH && (lineStart + indent + 1 >= contentEnd || text.charCodeAt(lineStart + indent + 1) === SPACE);

    const startsPiece =
      (mode?.kind === 'list' && indent === mode.itemIndent && isItemStart) ||
      (mode?.kind === 'afterListKey' && isItemStart) ||
      indent === 0;
    // A list key line is open too, but its value is the list whose first item starts here.
    const opensList = mode?.kind === 'afterListKey' && isItemStart;
    if (startsPiece && segments.length > 0) {
      if (runCommentIndent > indent) return undefined;
      if (!opensList && leavesNodeOpen(text.slice(lastContentStart, lastContentEnd))) return undefined;
    }
    lastContentStart = lineStart + indent;
    lastContentEnd = contentEnd;

    if (mode?.kind === 'list' && indent === mode.itemIndent && isItemStart) {
      // A comment less indented than the items is fine between two items (it only precedes the next).
      mode.lowComment = false;
      closeLast(segments, runStart);
      segments.push({ kind: 'item', start: runStart, end: -1, list: mode.list });
    } else if (mode?.kind === 'afterListKey' && isItemStart) {
      closeLast(segments, runStart);
      const entry = segments[mode.entryIndex] as EntrySegment;
      segments[mode.entryIndex] = { ...entry, list: mode.list };
      mode = { kind: 'list', list: mode.list, itemIndent: indent, lowComment: false };
      segments.push({ kind: 'item', start: runStart, end: -1, list: mode.list });
    } else if (indent === 0) {
      if (UNUSUAL_TOP_LEVEL_START.has(first) || isDocumentMarker(text, lineStart, contentEnd)) return undefined;
      closeLast(segments, segments.length === 0 ? 0 : runStart);
      segments.push({ kind: 'entry', start: segments.length === 0 ? 0 : runStart, end: -1 });
      const listKey = listKeyOf(text, lineStart, contentEnd);
      mode = listKey ? { kind: 'afterListKey', list: listKey, entryIndex: segments.length - 1 } : { kind: 'entry' };
    } else if (mode === undefined) {
      // Indented content before any top-level key.
      return undefined;
    } else if (mode.kind === 'list') {
      // Inside an item: deeper lines only, and no comment less indented than the items above them.
      if (indent <= mode.itemIndent || mode.lowComment) return undefined;
    } else if (mode.kind === 'afterListKey') {
      // `sites:` followed by a map or a scalar: one entry segment, like any other key.
      mode = { kind: 'entry' };
    }
    runStart = next;
    runCommentIndent = -1;
    lineStart = next;
  }
  if (segments.length === 0) return undefined;
  closeLast(segments, text.length);
  return segments;
}

function listKeyOf(text: string, lineStart: number, contentEnd: number): SegmentedList | undefined {
  return LIST_KEY_LINE.exec(text.slice(lineStart, contentEnd))?.[1] as SegmentedList | undefined;
}

/** A bare `-`, or a last token that is `KEY:`, a block scalar header, an anchor or a tag (comments ignored). */
const OPEN_LINE_END = /(?:^-|\s-|:|(?:^|\s)[|>][-+0-9]*|(?:^|\s)[&!]\S*)$/;

function leavesNodeOpen(content: string): boolean {
  // Cutting at any ` #` may cut inside a quoted scalar: that can only make a line look open, never hide it.
  const hash = content.indexOf(' #');
  const code = (hash >= 0 ? content.slice(0, hash) : content).trimEnd();
  return OPEN_LINE_END.test(code);
}

function closeLast(segments: Segment[], end: number): void {
  const last = segments[segments.length - 1];
  if (last) segments[segments.length - 1] = { ...last, end };
}

/** `---` or `...` (alone or followed by a space): a document boundary. */
function isDocumentMarker(text: string, start: number, end: number): boolean {
  const marker = text.slice(start, start + 3);
  if (marker !== '---' && marker !== '...') return false;
  const after = start + 3 < end ? text.charCodeAt(start + 3) : -1;
  return after === -1 || after === SPACE || after === TAB;
}
