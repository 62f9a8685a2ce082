/**
 * Completion: keys the schema allows at the cursor, enum values, ids from the document where a
 * reference goes (collection, package, program of the chosen package, site, parent), and snippets
 * for a new advertisement and for each assignment form.
 */
import type { Path } from '../document/parse';
import { schemaMarkdownDescriptionAt } from '../schema/schema';
import { allowedKeysAt, enumValuesAt } from '../schema/validate';
import { completionSiteAt, type CompletionSite } from './completionSite';
import type { FeatureContext } from './context';
import type { CompletionEntry as CompletionItem, Position, Range } from './types';

export const COMPLETION_TRIGGER_CHARACTERS = [':', ' ', '{', ','] as const;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `snippets`: whether the editor takes snippet text (tab stops); without it, no snippet items. */
export function completions(context: FeatureContext, position: Position, snippets: boolean): CompletionItem[] {
  const parsed = context.validation.parsed;
  const site = completionSiteAt(parsed.text, parsed.lines, position, { documentValue: parsed.value });
  if (site === undefined) return [];
  const range: Range = {
    start: { line: position.line, character: site.prefixStart },
    end: position,
  };
  if (site.kind === 'key') return keyItems(site, range, snippets);
  return valueItems(site, range);
}

function keyItems(site: CompletionSite, range: Range, snippets: boolean): CompletionItem[] {
  const items: CompletionItem[] = allowedKeysAt(site.path)
    .filter((key) => !site.existingKeys.includes(key))
    .map((key, order) => {
      const description = schemaMarkdownDescriptionAt([...site.path, key]);
      return {
        label: key,
        kind: 'property',
        sortText: `0${String(order).padStart(3, '0')}`,
        edit: { range, newText: `${key}: ` },
        ...(description !== undefined ? { documentation: description } : {}),
      };
    });
  if (snippets && site.newListItem && site.existingKeys.length === 0) {
    const indent = ' '.repeat(site.prefixStart);
    if (isListItem(site.path, 'advertisements')) items.push(...advertisementSnippet(site, range, indent));
    if (isAssignmentItem(site.path)) items.push(...assignmentSnippets(range, indent));
  }
  return items;
}

const isListItem = (path: Path, list: string): boolean =>
  path.length === 2 && path[0] === list && typeof path[1] === 'number';
const isAssignmentItem = (path: Path): boolean =>
  path.length === 4 && path[0] === 'advertisements' && path[2] === 'assignments' && typeof path[3] === 'number';

function valueItems(site: CompletionSite, range: Range): CompletionItem[] {
  const references = referenceValues(site.path, site.value);
  const items: CompletionItem[] = references.map((ref) => ({
    label: ref.id,
    kind: 'reference',
    ...(ref.detail !== undefined ? { detail: ref.detail } : {}),
    edit: { range, newText: yamlPlain(ref.id) },
  }));
  for (const value of enumValuesAt(site.path)) {
    const label = String(value);
    items.push({ label, kind: 'enum', edit: { range, newText: yamlPlain(value) } });
  }
  return items;
}

interface Reference {
  readonly id: string;
  readonly detail?: string;
}

function listOf(root: unknown, key: string): Json[] {
  const list = isObject(root) ? root[key] : undefined;
  return Array.isArray(list) ? list.filter(isObject) : [];
}

function referencesFrom(items: Json[], idKey: string, detailKey: string): Reference[] {
  return items.flatMap((item) => {
    const id = item[idKey];
    if (typeof id !== 'string' || id === '') return [];
    const detail = item[detailKey];
    return [{ id, ...(typeof detail === 'string' || typeof detail === 'number' ? { detail: String(detail) } : {}) }];
  });
}

/** Ids that may go at `path` (a reference key), taken from the document itself. */
function referenceValues(path: Path, root: unknown): Reference[] {
  const [list, index, key] = path;
  if (path.length !== 3 || typeof index !== 'number') return [];
  if (list === 'advertisements') {
    if (key === 'collection') return referencesFrom(listOf(root, 'collections'), 'id', 'name');
    if (key === 'package') return referencesFrom(listOf(root, 'packages'), 'id', 'name');
    if (key === 'program') {
      const chosen = listOf(root, 'advertisements')[index]?.['package'];
      const pkg = listOf(root, 'packages').find((p) => p['id'] === chosen);
      const programs = pkg ? referencesFrom(listOf(pkg, 'programs'), 'name', 'estimatedRunMinutes') : [];
      return programs.map((program) => ({ ...program, detail: runTimeDetail(program.detail) }));
    }
  }
  if (list === 'collections' && key === 'site') return referencesFrom(listOf(root, 'sites'), 'code', 'server');
  if (list === 'sites' && key === 'parent') {
    const own = listOf(root, 'sites')[index]?.['code'];
    return referencesFrom(listOf(root, 'sites'), 'code', 'server').filter((s) => s.id !== own);
  }
  return [];
}

/** "45 min", or what an Unknown run time means (SMS 2.0 does not track it; our model assumes a default). */
function runTimeDetail(minutes: string | undefined): string {
  if (minutes === undefined || minutes === 'unknown') return 'estimated run time unknown';
  return `${minutes} min`;
}

/** A scalar as YAML text that reads back as the same value (quoted only when needed). */
function yamlPlain(value: unknown): string {
  if (typeof value !== 'string') return String(value);
  const plain = /^[A-Za-z_][\w .-]*$/.test(value) && !/^(true|false|null|~)$/i.test(value) && !value.endsWith(' ');
  return plain ? value : JSON.stringify(value);
}

/** Escapes text for a snippet choice `${1|a,b|}`. */
const choiceText = (text: string): string => text.replace(/[\\|,$}]/g, (c) => `\\${c}`);

function choice(tab: number, values: readonly string[], fallback: string): string {
  return values.length > 0 ? `\${${tab}|${values.map(choiceText).join(',')}|}` : `\${${tab}:${fallback}}`;
}

function snippet(
  label: string,
  detail: string,
  range: Range,
  lines: readonly string[],
  indent: string,
): CompletionItem {
  return {
    label,
    detail,
    kind: 'snippet',
    sortText: `1${label}`,
    // Continuation lines carry their full indentation, so the editor must not re-indent them.
    snippet: true,
    edit: { range, newText: lines.map((line, i) => (i === 0 ? line : indent + line)).join('\n') },
  };
}

function advertisementSnippet(site: CompletionSite, range: Range, indent: string): CompletionItem[] {
  const ids = (key: string, idKey = 'id'): string[] =>
    referencesFrom(listOf(site.value, key), idKey, '').map((r) => r.id);
  return [
    snippet(
      'new advertisement',
      'advertisement with a daily assignment',
      range,
      [
        'id: ${1:XXX20001}',
        'name: ${2:New advertisement}',
        `package: ${choice(3, ids('packages'), 'PACKAGE')}`,
        'program: ${4:PROGRAM}',
        `collection: ${choice(5, ids('collections'), 'COLLECTION')}`,
        'presentTime: ${6:2001-03-01T00:00}',
        'assignments:',
        '  - at: ${7:2001-03-01T02:00}',
        '    every: { days: ${8:1} }',
      ],
      indent,
    ),
  ];
}

const DAYS = 'sun,mon,tue,wed,thu,fri,sat';

function assignmentSnippets(range: Range, indent: string): CompletionItem[] {
  return [
    snippet(
      'assignment: event',
      'as soon as possible, at logon or at logoff',
      range,
      ['event: ${1|asap,logon,logoff|}'],
      indent,
    ),
    snippet('assignment: once', 'non-recurring, at one time', range, ['at: ${1:2001-03-06T02:00}'], indent),
    snippet(
      'assignment: every',
      'interval (days, hours, minutes)',
      range,
      ['at: ${1:2001-03-06T02:00}', 'every: { days: ${2:1} }'],
      indent,
    ),
    snippet(
      'assignment: weekly',
      'weekly on a day',
      range,
      ['at: ${1:2001-03-06T02:00}', `weekly: { day: \${2|${DAYS}|}, weeks: \${3:1} }`],
      indent,
    ),
    snippet(
      'assignment: monthlyByWeekday',
      'monthly on the n-th weekday',
      range,
      [
        'at: ${1:2001-03-06T02:00}',
        `monthlyByWeekday: { week: \${2|first,second,third,fourth,last|}, day: \${3|${DAYS}|}, months: \${4:1} }`,
      ],
      indent,
    ),
    snippet(
      'assignment: monthlyByDate',
      'monthly on a date (0 = last day)',
      range,
      ['at: ${1:2001-03-06T02:00}', 'monthlyByDate: { day: ${2:15}, months: ${3:1} }'],
      indent,
    ),
    snippet('assignment: token', 'a raw SMS schedule token', range, ['token: "${1:00811A9E081A2000}"'], indent),
  ];
}
