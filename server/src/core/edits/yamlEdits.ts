/**
 * Minimal text edits on a `*.sms.yaml` text for the quick fixes (SPEC §7): only the bytes that must
 * change are touched, so comments, quoting and formatting elsewhere stay exactly as written.
 * Offsets are UTF-16 (JavaScript string) offsets into the original text, like LSP positions.
 */
import { isCollection, isMap, isPair, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import { parseText, type ParsedDocument } from '../document/parse';

export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

export type VerifyCycleKey = 'enabled' | 'intervalDays' | 'durationMinutes';

/** The order of SPEC §3, used to place a new key next to its neighbours. */
const CYCLE_KEY_ORDER = ['enabled', 'intervalDays', 'durationMinutes', 'ccimCycleHours'];
const DEFAULT_INDENT_STEP = 2;

/**
 * Edits that set `sites[siteIndex].verifyCycle.<key>` to `value`: replace the scalar when the key
 * exists, insert the key into an existing block or flow mapping, or add a `verifyCycle:` block.
 * No edit when the value is already set (idempotent), nor when the site or `verifyCycle` has a
 * shape no valid document has (a schema error is reported instead).
 */
export function setVerifyCycleValue(
  parsed: ParsedDocument,
  siteIndex: number,
  key: VerifyCycleKey,
  value: boolean | number,
): TextEdit[] {
  const sites = parsed.yaml.get('sites', true);
  const site = isSeq(sites) ? sites.items[siteIndex] : undefined;
  if (!isMap(site)) return [];
  const ctx: EditContext = { parsed, eol: lineEndingOf(parsed.text), entry: `${key}: ${formatScalar(value)}` };

  const cyclePair = findPair(site, 'verifyCycle');
  if (!cyclePair) return addVerifyCycle(ctx, site);
  const cycle = cyclePair.value;
  if (isMap(cycle)) {
    const pair = findPair(cycle, key);
    if (pair) return replaceValue(pair, value);
    return cycle.flow ? insertIntoFlowMap(ctx, cycle) : insertIntoBlockMap(ctx, cycle, key);
  }
  if (cycle === null || (isScalar(cycle) && cycle.value === null)) return fillEmptyVerifyCycle(ctx, cyclePair, site);
  return [];
}

/** Applies non-overlapping edits (offsets into `text`); inserts at one offset keep their order. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = edits
    .map((edit, order) => ({ edit, order }))
    .sort((a, b) => a.edit.start - b.edit.start || a.order - b.order);
  let result = '';
  let cursor = 0;
  for (const { edit } of sorted) {
    if (edit.start < cursor || edit.end < edit.start || edit.end > text.length) {
      throw new Error(`Overlapping or out-of-range edit at ${edit.start}..${edit.end}`);
    }
    result += text.slice(cursor, edit.start) + edit.newText;
    cursor = edit.end;
  }
  return result + text.slice(cursor);
}

/**
 * Sets several verify-cycle values at once as ONE edit (separate edits computed on the same text
 * could both add a `verifyCycle:` block). Each value is applied to the result of the previous one.
 */
export function setVerifyCycleValues(
  parsed: ParsedDocument,
  siteIndex: number,
  values: Partial<Record<VerifyCycleKey, boolean | number>>,
): TextEdit[] {
  let text = parsed.text;
  let current = parsed;
  for (const key of CYCLE_KEY_ORDER) {
    const value = values[key as VerifyCycleKey];
    if (value === undefined) continue;
    const edits = setVerifyCycleValue(current, siteIndex, key as VerifyCycleKey, value);
    if (edits.length === 0) continue;
    text = applyEdits(text, edits);
    current = parseText(text);
  }
  return differenceEdit(parsed.text, text);
}

/** One edit turning `before` into `after` (none when equal): the span between common prefix and suffix. */
export function differenceEdit(before: string, after: string): TextEdit[] {
  if (before === after) return [];
  let prefix = 0;
  const max = Math.min(before.length, after.length);
  while (prefix < max && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (
    suffix < max - prefix &&
    before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)
  ) {
    suffix++;
  }
  return [{ start: prefix, end: before.length - suffix, newText: after.slice(prefix, after.length - suffix) }];
}

interface EditContext {
  readonly parsed: ParsedDocument;
  readonly eol: string;
  /** `key: value` as it will be written. */
  readonly entry: string;
}

function replaceValue(pair: Pair, value: boolean | number): TextEdit[] {
  const node = pair.value;
  if (isScalar(node) && node.value === value) return [];
  if (!isScalar(node) || !node.range) return [];
  const [start, end] = node.range;
  const text = formatScalar(value);
  // An empty value (`enabled:`) sits right after the colon and needs a separating space.
  return [{ start, end, newText: start === end ? ` ${text}` : text }];
}

/** Places the new key after the nearest preceding key in SPEC order, else before the first key. */
function insertIntoBlockMap(ctx: EditContext, map: YAMLMap, key: VerifyCycleKey): TextEdit[] {
  const rank = CYCLE_KEY_ORDER.indexOf(key);
  const pairs = map.items.filter(isPair);
  const first = pairs[0];
  if (!first) return [];
  const indent = ' '.repeat(columnOf(ctx.parsed, keyStart(first)));
  const before = pairs.filter((p) => {
    const r = CYCLE_KEY_ORDER.indexOf(keyName(p));
    return r >= 0 && r < rank;
  });
  const anchor = before[before.length - 1];
  if (anchor) return [insertAfterLineOf(ctx, contentEnd(anchor), `${indent}${ctx.entry}`)];
  const firstLineStart = lineStartOf(ctx.parsed, keyStart(first));
  if (ctx.parsed.text.slice(firstLineStart, keyStart(first)).trim() !== '') {
    // The first key shares its line with something else: append after the last key instead.
    const last = pairs[pairs.length - 1] ?? first;
    return [insertAfterLineOf(ctx, contentEnd(last), `${indent}${ctx.entry}`)];
  }
  return [{ start: firstLineStart, end: firstLineStart, newText: `${indent}${ctx.entry}${ctx.eol}` }];
}

function insertIntoFlowMap(ctx: EditContext, map: YAMLMap): TextEdit[] {
  const last = map.items.filter(isPair).at(-1);
  if (last) {
    const at = contentEnd(last);
    return [{ start: at, end: at, newText: `, ${ctx.entry}` }];
  }
  if (!map.range) return [];
  return [{ start: map.range[0], end: map.range[1], newText: `{ ${ctx.entry} }` }];
}

/** Adds `verifyCycle:` with the one entry after the site's last key, at the sibling keys' indentation. */
function addVerifyCycle(ctx: EditContext, site: YAMLMap): TextEdit[] {
  const pairs = site.items.filter(isPair);
  const last = pairs.at(-1);
  const first = pairs[0];
  if (!last || !first) return [];
  if (site.flow) {
    const at = contentEnd(last);
    return [{ start: at, end: at, newText: `, verifyCycle: { ${ctx.entry} }` }];
  }
  const indent = ' '.repeat(columnOf(ctx.parsed, keyStart(first)));
  const child = indent + ' '.repeat(indentStep(ctx.parsed));
  return [insertAfterLineOf(ctx, contentEnd(last), `${indent}verifyCycle:${ctx.eol}${child}${ctx.entry}`)];
}

/** `verifyCycle:` with no value (or `null`): give it a block with the one entry. */
function fillEmptyVerifyCycle(ctx: EditContext, cyclePair: Pair, site: YAMLMap): TextEdit[] {
  const keyNode = cyclePair.key as Node;
  const keyEnd = keyNode.range?.[1];
  if (keyEnd === undefined) return [];
  if (site.flow) {
    const value = cyclePair.value as Node | null;
    const end = value?.range ? value.range[1] : keyEnd;
    const colon = ctx.parsed.text.indexOf(':', keyEnd);
    return [{ start: colon + 1, end: Math.max(end, colon + 1), newText: ` { ${ctx.entry} }` }];
  }
  const child = ' '.repeat(columnOf(ctx.parsed, keyStart(cyclePair)) + indentStep(ctx.parsed));
  const edits: TextEdit[] = [];
  const value = cyclePair.value as Node | null;
  if (value?.range && value.range[1] > value.range[0]) {
    // An explicit `null`/`~`: drop it so the block can follow the colon.
    const colon = ctx.parsed.text.indexOf(':', keyEnd);
    edits.push({ start: colon + 1, end: value.range[1], newText: '' });
  }
  edits.push(insertAfterLineOf(ctx, keyEnd, `${child}${ctx.entry}`));
  return edits;
}

/** Inserts `line` as a new line after the line holding `offset` (after any comment on it). */
function insertAfterLineOf(ctx: EditContext, offset: number, line: string): TextEdit {
  const { lines } = ctx.parsed;
  const at = lines.lineEnd(lines.positionAt(offset).line);
  return { start: at, end: at, newText: `${ctx.eol}${line}` };
}

/** The indentation step of the document: a block `verifyCycle:` of another site, else 2. */
function indentStep(parsed: ParsedDocument): number {
  const sites = parsed.yaml.get('sites', true);
  if (!isSeq(sites)) return DEFAULT_INDENT_STEP;
  for (const site of sites.items) {
    if (!isMap(site) || site.flow) continue;
    const pair = findPair(site, 'verifyCycle');
    const cycle = pair?.value;
    const firstInner = isMap(cycle) && !cycle.flow ? cycle.items.find(isPair) : undefined;
    if (!pair || !firstInner) continue;
    const step = columnOf(parsed, keyStart(firstInner)) - columnOf(parsed, keyStart(pair));
    if (step > 0) return step;
  }
  return DEFAULT_INDENT_STEP;
}

function findPair(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((p): p is Pair => isPair(p) && keyName(p) === key);
}

function keyName(pair: Pair): string {
  return isScalar(pair.key) ? String(pair.key.value) : '';
}

function keyStart(pair: Pair): number {
  return (pair.key as Node | null)?.range?.[0] ?? 0;
}

/** End of the last character of a pair's content (a nested block's last scalar, not its trailing newline). */
function contentEnd(pair: Pair): number {
  let node = (pair.value ?? pair.key) as Node | null;
  while (node && isCollection(node) && !node.flow && node.items.length > 0) {
    const last = node.items[node.items.length - 1];
    node = (isPair(last) ? (last.value ?? last.key) : last) as Node | null;
  }
  const range = node?.range ?? (pair.key as Node | null)?.range;
  return range ? range[1] : 0;
}

function columnOf(parsed: ParsedDocument, offset: number): number {
  return parsed.lines.positionAt(offset).character;
}

function lineStartOf(parsed: ParsedDocument, offset: number): number {
  return parsed.lines.offsetAt({ line: parsed.lines.positionAt(offset).line, character: 0 });
}

/** The document's own line break: CRLF when its first line break is one, else LF. */
export function lineEndingOf(text: string): string {
  const lf = text.indexOf('\n');
  return lf > 0 && text.charAt(lf - 1) === '\r' ? '\r\n' : '\n';
}

function formatScalar(value: boolean | number): string {
  return typeof value === 'boolean' ? String(value) : String(Math.trunc(value));
}
