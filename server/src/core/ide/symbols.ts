/** The outline: sites, collections, packages with their programs, advertisements with their assignments. */
import { locate, type ParsedDocument, type Path } from '../document/parse';
import type { OutlineSymbol as DocumentSymbol, SymbolKind } from './types';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;

function symbol(
  parsed: ParsedDocument,
  path: Path,
  name: string,
  detail: string | undefined,
  kind: SymbolKind,
  nameKey: string | undefined,
  children?: DocumentSymbol[],
): DocumentSymbol {
  const range = parsed.lines.rangeOf(locate(parsed, path, 'value'));
  const selection = nameKey !== undefined ? parsed.lines.rangeOf(locate(parsed, [...path, nameKey], 'value')) : range;
  return {
    name: name === '' ? '(unnamed)' : name,
    ...(detail !== undefined && detail !== '' ? { detail } : {}),
    kind,
    range,
    selectionRange: selection,
    ...(children !== undefined ? { children } : {}),
  };
}

function listItems(root: Json, key: string): [Json, number][] {
  const list = root[key];
  if (!Array.isArray(list)) return [];
  return list.flatMap((item, index): [Json, number][] => (isObject(item) ? [[item, index]] : []));
}

/** "1: every from …": assignments are numbered from 1, the way people count (JSON keeps 0-based indexes). */
function assignmentLabel(assignment: Json, index: number): string {
  const n = index + 1;
  for (const form of ['every', 'weekly', 'monthlyByWeekday', 'monthlyByDate'] as const) {
    if (assignment[form] !== undefined) return `${n}: ${form} from ${text(assignment['at']) ?? '?'}`;
  }
  if (assignment['event'] !== undefined) return `${n}: event ${text(assignment['event']) ?? '?'}`;
  if (assignment['token'] !== undefined) return `${n}: token ${text(assignment['token']) ?? '?'}`;
  if (assignment['at'] !== undefined) return `${n}: once at ${text(assignment['at']) ?? '?'}`;
  return `${n}: assignment`;
}

export function documentSymbols(parsed: ParsedDocument): DocumentSymbol[] {
  const root = parsed.value;
  if (!isObject(root)) return [];
  const symbols: DocumentSymbol[] = [];
  for (const [site, i] of listItems(root, 'sites')) {
    const detail = [text(site['server']), text(site['smsVersion'])].filter((s) => s !== undefined).join(' · ');
    symbols.push(symbol(parsed, ['sites', i], `Site ${text(site['code']) ?? ''}`, detail, 'site', 'code'));
  }
  for (const [collection, i] of listItems(root, 'collections')) {
    symbols.push(
      symbol(parsed, ['collections', i], text(collection['id']) ?? '', text(collection['name']), 'collection', 'id'),
    );
  }
  for (const [pkg, i] of listItems(root, 'packages')) {
    const programs = listItems(pkg, 'programs').map(([program, j]) =>
      symbol(
        parsed,
        ['packages', i, 'programs', j],
        text(program['name']) ?? '',
        program['estimatedRunMinutes'] !== undefined ? `${text(program['estimatedRunMinutes']) ?? '?'} min` : undefined,
        'program',
        'name',
      ),
    );
    symbols.push(symbol(parsed, ['packages', i], text(pkg['id']) ?? '', text(pkg['name']), 'package', 'id', programs));
  }
  for (const [ad, i] of listItems(root, 'advertisements')) {
    const list = ad['assignments'];
    const assignments = (Array.isArray(list) ? list : []).map((assignment: unknown, j: number) =>
      symbol(
        parsed,
        ['advertisements', i, 'assignments', j],
        isObject(assignment) ? assignmentLabel(assignment, j) : `${j + 1}: assignment`,
        undefined,
        'assignment',
        undefined,
      ),
    );
    symbols.push(
      symbol(parsed, ['advertisements', i], text(ad['id']) ?? '', text(ad['name']), 'advertisement', 'id', assignments),
    );
  }
  return symbols;
}
