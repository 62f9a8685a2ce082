/**
 * Builds the typed model from a parsed document whose schema and semantic diagnostics are known.
 * Items containing an error are left out (and so is everything that depends on them), so one
 * broken advertisement does not hide the findings of the others. Tokens are decoded here (their
 * errors were reported by the semantic checks).
 */
import type { CoreDiagnostic, Range } from '../diagnostics';
import { locate, type ParsedDocument } from '../document/parse';
import { decodeTokens } from '../tokens/codec';
import { parseLocalDateTime } from './localDateTime';
import {
  DEFAULT_VERIFY_CYCLE,
  WEEKDAY_NAMES,
  WEEK_ORDER_NAMES,
  type Advertisement,
  type Assignment,
  type Collection,
  type Installed,
  type LocalDateTime,
  type Package,
  type Recurrence,
  type Site,
  type SmsDocument,
  type SmsVersion,
  type Weekday,
  type WeekOrder,
} from './types';

type Json = Record<string, unknown>;
const LISTS = ['sites', 'collections', 'packages', 'advertisements'] as const;
type ListName = (typeof LISTS)[number];

export function buildModel(parsed: ParsedDocument, known: readonly CoreDiagnostic[]): SmsDocument | undefined {
  const root = parsed.value;
  const errors = known.filter((d) => d.severity === 'error');
  if (!isObject(root) || parsed.syntaxDiagnostics.length > 0) return undefined;

  // Item ranges are only needed to place errors; a clean document skips looking them up.
  const itemRanges = new Map<ListName, Range[]>();
  let placed: ErrorPlacement | undefined;
  if (errors.length > 0) {
    for (const list of LISTS) {
      const items = Array.isArray(root[list]) ? (root[list] as unknown[]) : [];
      itemRanges.set(
        list,
        items.map((_, i) => parsed.lines.rangeOf(locate(parsed, [list, i], 'value'))),
      );
    }
    placed = placeErrors([...itemRanges.values()].flat(), errors);
    // An error outside every list item (version, simulation, a list's own shape) leaves no model.
    if (placed.outsideItems) return undefined;
  }

  const broken = (list: ListName, index: number): boolean => {
    const range = itemRanges.get(list)?.[index];
    return range !== undefined && placed !== undefined && placed.holdsError(range);
  };
  /** Converts each error-free item; one that still cannot be read is left out, never a throw. */
  const convert = <T>(list: ListName, toItem: (value: Json, index: number) => T | undefined): T[] => {
    const raw = Array.isArray(root[list]) ? (root[list] as unknown[]) : [];
    const converted: T[] = [];
    raw.forEach((value, index) => {
      if (!isObject(value) || broken(list, index)) return;
      try {
        const item = memoised(list, value, index, toItem);
        if (item !== undefined) converted.push(item);
      } catch {
        // Unreadable despite passing validation: leave it out rather than fail the document.
      }
    });
    return converted;
  };

  const sites = convert('sites', toSite);
  const siteCodes = new Set(sites.map((s) => s.code));
  const collections = convert('collections', toCollection).filter((c) => siteCodes.has(c.site));
  const packages = convert('packages', toPackage);

  const advertisements = convert('advertisements', toAdvertisement);
  const collectionIds = new Set(collections.map((c) => c.id));
  const packageById = new Map<string, Package>();
  for (const p of packages) if (!packageById.has(p.id)) packageById.set(p.id, p);
  const usable = advertisements.filter((a) => {
    const pkg = packageById.get(a.package);
    return collectionIds.has(a.collection) && pkg?.programs.some((p) => p.name === a.program);
  });

  const simulation = isObject(root.simulation) ? root.simulation : {};
  const from = typeof simulation.from === 'string' ? parseLocalDateTime(simulation.from) : undefined;
  const model: SmsDocument = {
    version: 1,
    simulation: {
      ...(from ? { from } : {}),
      ...(typeof simulation.days === 'number' ? { days: simulation.days } : {}),
    },
    sites,
    collections,
    packages,
    advertisements: usable,
  };
  return model;
}

/**
 * Model items by the YAML item object they were built from: an unchanged piece of an edited
 * document keeps its object (see `document/incremental.ts`), so it keeps its model item too —
 * the same object, which lets the engine's cache recognise it.
 */
const modelItems: Readonly<Record<ListName, WeakMap<Json, { readonly index: number; readonly item: unknown }>>> = {
  sites: new WeakMap(),
  collections: new WeakMap(),
  packages: new WeakMap(),
  advertisements: new WeakMap(),
};

function memoised<T>(list: ListName, value: Json, index: number, toItem: (value: Json, index: number) => T): T {
  const cached = modelItems[list].get(value);
  if (cached?.index === index) return cached.item as T;
  const item = toItem(value, index);
  modelItems[list].set(value, { index, item });
  return item;
}

function toSite(value: Json, index: number): Site {
  const cycle = isObject(value.verifyCycle) ? value.verifyCycle : {};
  return {
    index,
    code: String(value.code),
    server: String(value.server),
    smsVersion: value.smsVersion as SmsVersion,
    ...(typeof value.parent === 'string' ? { parent: value.parent } : {}),
    verifyCycle: {
      enabled: typeof cycle.enabled === 'boolean' ? cycle.enabled : DEFAULT_VERIFY_CYCLE.enabled,
      intervalDays: numberOr(cycle.intervalDays, DEFAULT_VERIFY_CYCLE.intervalDays),
      durationMinutes: numberOr(cycle.durationMinutes, DEFAULT_VERIFY_CYCLE.durationMinutes),
      ccimCycleHours: numberOr(cycle.ccimCycleHours, DEFAULT_VERIFY_CYCLE.ccimCycleHours),
    },
  };
}

function toCollection(value: Json, index: number): Collection {
  const installed: Installed = isObject(value.installed)
    ? { kind: 'window', from: wall(value.installed.from), to: wall(value.installed.to) }
    : { kind: 'exact', at: wall(value.installed) };
  return {
    index,
    id: String(value.id),
    name: String(value.name),
    site: String(value.site),
    clients: Number(value.clients),
    timeZone: typeof value.timeZone === 'string' ? value.timeZone : 'UTC',
    installed,
  };
}

function toPackage(value: Json, index: number): Package {
  const programs = Array.isArray(value.programs) ? (value.programs as Json[]) : [];
  return {
    index,
    id: String(value.id),
    name: String(value.name),
    programs: programs.map((program, i) => ({
      index: i,
      name: String(program.name),
      estimatedRunMinutes: typeof program.estimatedRunMinutes === 'number' ? program.estimatedRunMinutes : 'unknown',
    })),
  };
}

function toAdvertisement(value: Json, index: number): Advertisement | undefined {
  const gmt = value.gmt === true;
  const rawAssignments = Array.isArray(value.assignments) ? (value.assignments as Json[]) : [];
  const assignments: Assignment[] = [];
  for (const raw of rawAssignments) {
    if (typeof raw.token === 'string') {
      // A bad token is an `invalid-token` error inside this item, so it never reaches here.
      const decoded = decodeTokens(raw.token);
      if (!decoded.ok) return undefined;
      assignments.push({ kind: 'schedule', source: 'token', schedules: decoded.schedules });
    } else if (typeof raw.event === 'string') {
      assignments.push({ kind: 'event', event: raw.event as 'asap' | 'logon' | 'logoff' });
    } else {
      assignments.push({
        kind: 'schedule',
        source: 'form',
        schedules: [{ start: wall(raw.at), gmt, recurrence: toRecurrence(raw) }],
      });
    }
  }
  return {
    index,
    id: String(value.id),
    name: String(value.name),
    package: String(value.package),
    program: String(value.program),
    collection: String(value.collection),
    presentTime: wall(value.presentTime),
    ...(typeof value.expirationTime === 'string' ? { expirationTime: wall(value.expirationTime) } : {}),
    gmt,
    assignments,
  };
}

function toRecurrence(raw: Json): Recurrence {
  if (isObject(raw.every)) {
    return {
      kind: 'interval',
      days: numberOr(raw.every.days, 0),
      hours: numberOr(raw.every.hours, 0),
      minutes: numberOr(raw.every.minutes, 0),
    };
  }
  if (isObject(raw.weekly)) {
    return { kind: 'weekly', day: weekday(raw.weekly.day), weeks: numberOr(raw.weekly.weeks, 1) };
  }
  if (isObject(raw.monthlyByWeekday)) {
    const m = raw.monthlyByWeekday;
    const week = WEEK_ORDER_NAMES.indexOf(m.week as (typeof WEEK_ORDER_NAMES)[number]) as WeekOrder;
    return { kind: 'monthlyByWeekday', week, day: weekday(m.day), months: numberOr(m.months, 1) };
  }
  if (isObject(raw.monthlyByDate)) {
    return {
      kind: 'monthlyByDate',
      day: numberOr(raw.monthlyByDate.day, 0),
      months: numberOr(raw.monthlyByDate.months, 1),
    };
  }
  return { kind: 'once' };
}

function weekday(value: unknown): Weekday {
  return WEEKDAY_NAMES.indexOf(value as (typeof WEEKDAY_NAMES)[number]) as Weekday;
}

/** Schema-valid values only reach here; `convert` catches the throw if one does not. */
function wall(value: unknown): LocalDateTime {
  const parsed = typeof value === 'string' ? parseLocalDateTime(value) : undefined;
  if (!parsed) throw new Error(`unvalidated date-time ${JSON.stringify(value)}`);
  return parsed;
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' ? value : fallback;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

interface ErrorPlacement {
  /** Some error lies in no item. */
  readonly outsideItems: boolean;
  /** Whether an item range contains an error. */
  holdsError(item: Range): boolean;
}

/**
 * Which item ranges contain errors. Item ranges lie apart, so with them sorted by start each
 * error has one candidate item (found by binary search): linear after sorting, where testing every
 * error against every item would take hours on a document with 100,000 errors.
 */
function placeErrors(items: readonly Range[], errors: readonly CoreDiagnostic[]): ErrorPlacement {
  const sorted = [...items].sort((a, b) => comparePositions(a.start, b.start));
  // Strictly apart (an empty error where two items touch would belong to both).
  const disjoint = sorted.every((range, i) => i === 0 || comparePositions(sorted[i - 1]!.end, range.start) < 0);
  if (!disjoint) {
    return {
      outsideItems: errors.some((e) => !items.some((r) => contains(r, e.range))),
      holdsError: (item) => errors.some((e) => contains(item, e.range)),
    };
  }
  const holding = new Set<Range>();
  let outsideItems = false;
  for (const error of errors) {
    // The last item starting at or before the error is the only one that can contain it.
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (comparePositions(sorted[mid]!.start, error.range.start) <= 0) lo = mid + 1;
      else hi = mid;
    }
    const candidate = sorted[lo - 1];
    if (candidate && contains(candidate, error.range)) holding.add(candidate);
    else outsideItems = true;
  }
  return { outsideItems, holdsError: (item) => holding.has(item) };
}

function comparePositions(a: Range['start'], b: Range['start']): number {
  return a.line - b.line || a.character - b.character;
}

function contains(outer: Range, inner: Range): boolean {
  const before = (a: Range['start'], b: Range['start']) =>
    a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}
