/**
 * Accepted risks (SPEC §6.1): which findings and diagnostics the document's accept comments
 * accept, the simulation without them (what still asks for action), and the `accept-invalid` /
 * `accept-unused` diagnostics of the comments themselves.
 *
 * Accepting is a convention of this tool, not an SMS feature: SMS knows nothing of these
 * comments, and an accepted run can still be interrupted.
 */
import type { CoreDiagnostic, Range, Span } from '../diagnostics';
import type { ParsedDocument } from '../document/parse';
import type { FindingList } from '../engine/findingTable';
import type { Delay, EngineNote, Interruption, SimulationResult } from '../engine/types';
import { modelLookup } from '../model/lookup';
import type { SmsDocument } from '../model/types';
import { acceptComments, type AcceptComment, type AcceptItem, type AcceptItemKind } from './acceptComments';

/** The codes an accept comment can take, and above which items (SPEC §6.1 table). */
export const ACCEPTABLE_CODES: ReadonlyMap<string, readonly AcceptItemKind[]> = new Map<
  string,
  readonly AcceptItemKind[]
>([
  ['verify-interrupts-run', ['assignment', 'advertisement']],
  ['verify-delays-run', ['assignment', 'advertisement']],
  ['event-not-simulated', ['assignment', 'advertisement']],
  ['run-time-unknown', ['advertisement', 'program']],
  ['unconfirmed-sms-version', ['site']],
]);

/** SPEC §6 codes of errors: never accepted, they must be fixed. */
const ERROR_CODES: ReadonlySet<string> = new Set([
  'yaml-syntax',
  'schema',
  'unresolved-reference',
  'duplicate-id',
  'invalid-token',
  'document-too-large',
]);

/** Other codes the tool reports that cannot be accepted. */
const OTHER_CODES: ReadonlySet<string> = new Set([
  'expiration-before-present',
  'too-many-findings',
  'accept-invalid',
  'accept-unused',
]);

export type AcceptedInterruption = Interruption & { readonly reason: string; readonly comment: number };
export type AcceptedDelay = Delay & { readonly reason: string; readonly comment: number };

/** What one accept comment accepts. */
export interface CommentUsage {
  readonly interruptions: number;
  readonly clientsAtRisk: number;
  readonly delays: number;
  readonly notes: number;
  readonly diagnostics: number;
}

export interface AcceptedFindings {
  /** Every accept comment of the document, in text order. */
  readonly comments: readonly AcceptComment[];
  /** Accepted findings in SPEC §4.1 rule 10 order, each with its comment (index) and reason. */
  readonly interruptions: readonly AcceptedInterruption[];
  readonly delays: readonly AcceptedDelay[];
  readonly notes: readonly EngineNote[];
  /** Whether the findings were simulated (else the usage counts are all zero and say nothing). */
  readonly simulated: boolean;
  /** Accepted diagnostics of the validation (e.g. `unconfirmed-sms-version`). */
  readonly diagnostics: readonly CoreDiagnostic[];
  /** What comment `index` accepts (zero before a simulation). */
  usageOf(index: number): CommentUsage;
  /** The `accept-invalid` / `accept-unused` diagnostics of comment `index`. */
  problemsOf(index: number): readonly CoreDiagnostic[];
  /** Whether the comments accept the interruptions of this assignment (for the quick-fix searches). */
  isInterruptionAccepted(advertisement: string, assignment: number): boolean;
}

export interface AcceptanceOutcome {
  readonly accepted: AcceptedFindings;
  /** The simulation without the accepted findings (the same object when nothing is accepted). */
  readonly simulation: SimulationResult | undefined;
  /** The validation's diagnostics without the accepted ones, plus `accept-*`, in position order. */
  readonly diagnostics: readonly CoreDiagnostic[];
}

/**
 * Applies the document's accept comments to a validation's diagnostics and, when there is one,
 * to the simulation of its model. Without accept comments everything is returned as it is.
 */
export function applyAcceptance(
  parsed: ParsedDocument,
  model: SmsDocument | undefined,
  simulation: SimulationResult | undefined,
  validationDiagnostics: readonly CoreDiagnostic[],
): AcceptanceOutcome {
  const comments = acceptComments(parsed);
  if (comments.length === 0)
    return { accepted: emptyAccepted(simulation !== undefined), simulation, diagnostics: validationDiagnostics };

  const rules = new Rules(parsed, model, comments);
  const usage = comments.map(() => ({ interruptions: 0, clientsAtRisk: 0, delays: 0, notes: 0, diagnostics: 0 }));

  const acceptedDiagnostics: CoreDiagnostic[] = [];
  const openDiagnostics: CoreDiagnostic[] = [];
  for (const d of validationDiagnostics) {
    const comment = rules.forDiagnostic(d);
    if (comment === undefined) openDiagnostics.push(d);
    else {
      acceptedDiagnostics.push(d);
      usage[comment]!.diagnostics++;
    }
  }

  let open = simulation;
  let interruptions: AcceptedInterruption[] = [];
  let delays: AcceptedDelay[] = [];
  const notes: EngineNote[] = [];
  if (simulation) {
    const reasonOf = (comment: number) => comments[comment]!.reason;
    const interrupted = splitFindings(
      simulation.interruptions,
      (ad, asg) => rules.forFinding('verify-interrupts-run', ad, asg),
      reasonOf,
    );
    const delayed = splitFindings(
      simulation.delays,
      (ad, asg) => rules.forFinding('verify-delays-run', ad, asg),
      reasonOf,
    );
    const openNotes: EngineNote[] = [];
    for (const note of simulation.notes) {
      const comment = rules.forNote(note);
      if (comment === undefined) openNotes.push(note);
      else {
        notes.push(note);
        usage[comment]!.notes++;
      }
    }
    for (const f of interrupted.accepted) {
      usage[f.comment]!.interruptions++;
      usage[f.comment]!.clientsAtRisk += f.clientsAtRisk;
    }
    for (const f of delayed.accepted) usage[f.comment]!.delays++;
    interruptions = interrupted.accepted;
    delays = delayed.accepted;
    open = { horizon: simulation.horizon, interruptions: interrupted.open, delays: delayed.open, notes: openNotes };
  }

  const problems = comments.map((comment, index) =>
    commentProblems(
      parsed,
      comment,
      rules,
      rules.resolved[index] === true && simulation !== undefined && totalOf(usage[index]!) === 0,
    ),
  );
  const diagnostics = [...openDiagnostics, ...problems.flat()].sort(byPosition);
  return {
    accepted: {
      comments,
      interruptions,
      delays,
      notes,
      simulated: simulation !== undefined,
      diagnostics: acceptedDiagnostics,
      usageOf: (index) => usage[index] ?? ZERO_USAGE,
      problemsOf: (index) => problems[index] ?? [],
      isInterruptionAccepted: (ad, asg) => rules.forFinding('verify-interrupts-run', ad, asg) !== undefined,
    },
    simulation: open,
    diagnostics,
  };
}

const ZERO_USAGE: CommentUsage = { interruptions: 0, clientsAtRisk: 0, delays: 0, notes: 0, diagnostics: 0 };

/** Nothing accepted (a document without accept comments). */
export function emptyAccepted(simulated: boolean): AcceptedFindings {
  return {
    comments: [],
    interruptions: [],
    delays: [],
    notes: [],
    simulated,
    diagnostics: [],
    usageOf: () => ZERO_USAGE,
    problemsOf: () => [],
    isInterruptionAccepted: () => false,
  };
}

/** The open findings (a column view, no objects made) and the accepted ones with their comment and reason. */
function splitFindings<T extends Interruption | Delay>(
  list: FindingList<T>,
  commentOf: (advertisement: string, assignment: number) => number | undefined,
  reasonOf: (comment: number) => string,
): { open: FindingList<T>; accepted: (T & { reason: string; comment: number })[] } {
  const { matching, others } = list.partition((ad, asg) => commentOf(ad, asg) !== undefined);
  const accepted = matching.map((f) => {
    const comment = commentOf(f.advertisement, f.assignment)!;
    return { ...f, comment, reason: reasonOf(comment) };
  });
  return { open: others, accepted };
}

function totalOf(u: CommentUsage): number {
  return u.interruptions + u.delays + u.notes + u.diagnostics;
}

/**
 * The valid (code, item) pairs of the comments, keyed by what they cover in the model: an
 * assignment, an advertisement, a program (package id and name), a site item's span.
 * The first comment wins where two accept the same thing.
 */
class Rules {
  private readonly byScope = new Map<string, number>();
  private readonly spans: { readonly span: Span; readonly code: string; readonly comment: number }[] = [];
  /** Whether comment i's item is in the model (else it cannot be said to accept nothing). */
  readonly resolved: boolean[];

  constructor(
    private readonly parsed: ParsedDocument,
    private readonly model: SmsDocument | undefined,
    comments: readonly AcceptComment[],
  ) {
    const ads = new Map(model?.advertisements.map((a) => [a.index, a]));
    const packages = new Map(model?.packages.map((p) => [p.index, p]));
    const sites = new Set(model?.sites.map((s) => s.index));
    this.resolved = comments.map((comment, index) => {
      const item = comment.item;
      if (!item) return false;
      for (const code of comment.codes) {
        if (!ACCEPTABLE_CODES.get(code)?.includes(item.kind)) continue;
        if (comment.itemSpan) this.spans.push({ span: comment.itemSpan, code, comment: index });
        const scope = scopeOf(item, ads, packages);
        if (scope !== undefined && !this.byScope.has(`${scope}\u0000${code}`)) {
          this.byScope.set(`${scope}\u0000${code}`, index);
        }
      }
      if (item.kind === 'site') return sites.has(item.site);
      return scopeOf(item, ads, packages) !== undefined;
    });
  }

  /** The comment accepting `code` findings of this assignment (its own comment first). */
  forFinding(code: string, advertisement: string, assignment: number): number | undefined {
    return (
      this.byScope.get(`assignment\u0000${advertisement}\u0000${assignment}\u0000${code}`) ??
      this.byScope.get(`advertisement\u0000${advertisement}\u0000${code}`)
    );
  }

  forNote(note: EngineNote): number | undefined {
    if (note.kind === 'event-not-simulated') return this.forFinding(note.kind, note.advertisement, note.assignment);
    const own = this.byScope.get(`advertisement\u0000${note.advertisement}\u0000${note.kind}`);
    if (own !== undefined || !this.model) return own;
    const ad = modelLookup(this.model).advertisement(note.advertisement);
    return ad ? this.byScope.get(`program\u0000${ad.package}\u0000${ad.program}\u0000${note.kind}`) : undefined;
  }

  /** A validation diagnostic is accepted by a comment of its code above an item that holds it. */
  forDiagnostic(d: CoreDiagnostic): number | undefined {
    if (!ACCEPTABLE_CODES.has(d.code)) return undefined;
    const offset = this.parsed.lines.offsetAt(d.range.start);
    let best: { span: Span; comment: number } | undefined;
    for (const rule of this.spans) {
      if (rule.code !== d.code || offset < rule.span.start || offset > rule.span.end) continue;
      if (!best || rule.span.end - rule.span.start < best.span.end - best.span.start) best = rule;
    }
    return best?.comment;
  }
  describe(item: AcceptItem): string {
    return describeAcceptItem(item, this.model);
  }
}

/** The scope key of an item in the model; undefined when the item was left out of it (errors). */
function scopeOf(
  item: AcceptItem,
  ads: ReadonlyMap<number, { readonly id: string }>,
  packages: ReadonlyMap<number, { readonly id: string; readonly programs: readonly { index: number; name: string }[] }>,
): string | undefined {
  switch (item.kind) {
    case 'assignment': {
      const ad = ads.get(item.advertisement);
      return ad && `assignment\u0000${ad.id}\u0000${item.assignment}`;
    }
    case 'advertisement': {
      const ad = ads.get(item.advertisement);
      return ad && `advertisement\u0000${ad.id}`;
    }
    case 'program': {
      const pkg = packages.get(item.package);
      const program = pkg?.programs.find((p) => p.index === item.program);
      return pkg && program && `program\u0000${pkg.id}\u0000${program.name}`;
    }
    default:
      return undefined;
  }
}

/** Names an item for messages: `assignment 0 of LAB20001`, `program 'Setup' of LAB00012`, `site LAB`. */
export function describeAcceptItem(item: AcceptItem, model: SmsDocument | undefined): string {
  switch (item.kind) {
    case 'assignment': {
      const ad = model?.advertisements.find((a) => a.index === item.advertisement);
      return `assignment ${item.assignment} of ${ad?.id ?? `advertisement ${item.advertisement}`}`;
    }
    case 'advertisement':
      return `advertisement ${model?.advertisements.find((a) => a.index === item.advertisement)?.id ?? item.advertisement}`;
    case 'program': {
      const pkg = model?.packages.find((p) => p.index === item.package);
      const program = pkg?.programs.find((p) => p.index === item.program);
      return program && pkg
        ? `program '${program.name}' of ${pkg.id}`
        : `program ${item.program} of package ${item.package}`;
    }
    case 'site':
      return `site ${model?.sites.find((s) => s.index === item.site)?.code ?? item.site}`;
    case 'collection':
      return 'a collection item';
    case 'package':
      return 'a package item';
  }
}

const ACCEPTED_LIST = [...ACCEPTABLE_CODES.keys()].join(', ');
const WHERE: Readonly<Record<AcceptItemKind, string>> = {
  assignment: 'an assignment item',
  advertisement: 'an advertisement item',
  program: 'a program item',
  site: 'a site item',
  collection: 'a collection item',
  package: 'a package item',
};

/** `accept-invalid` for each thing wrong with the comment, `accept-unused` when it accepts nothing. */
function commentProblems(
  parsed: ParsedDocument,
  comment: AcceptComment,
  rules: Rules,
  acceptsNothing: boolean,
): CoreDiagnostic[] {
  const range = parsed.lines.rangeOf(comment.span);
  const problems: CoreDiagnostic[] = [];
  const invalid = (message: string) => problems.push({ code: 'accept-invalid', severity: 'warning', message, range });
  const item = comment.item;
  if (comment.codes.length === 0) {
    invalid(
      `This accept comment names no code: write '# sms-schedule-accept CODE[, CODE] -- reason' (codes: ${ACCEPTED_LIST}).`,
    );
  }
  if (!item) {
    invalid(
      'This accept comment stands above no item: put it on its own line directly above the assignment, advertisement, ' +
        'program or site item (the line starting with "- ") whose findings it accepts.',
    );
  }
  let valid = 0;
  for (const code of comment.codes) {
    const kinds = ACCEPTABLE_CODES.get(code);
    if (kinds) {
      if (!item) continue;
      if (kinds.includes(item.kind)) valid++;
      else {
        invalid(
          `'${code}' cannot be accepted above ${WHERE[item.kind]}: put it directly above ${kinds.map((k) => WHERE[k]).join(' or ')}.`,
        );
      }
    } else if (ERROR_CODES.has(code)) {
      invalid(`'${code}' is an error and errors cannot be accepted (SPEC §6.1): fix it instead.`);
    } else if (OTHER_CODES.has(code)) {
      invalid(`'${code}' cannot be accepted; an accept comment takes ${ACCEPTED_LIST}.`);
    } else {
      invalid(`'${code}' is not a diagnostic code of sms-schedule; an accept comment takes ${ACCEPTED_LIST}.`);
    }
  }
  if (item && valid > 0 && acceptsNothing) {
    const codes = comment.codes.filter((c) => ACCEPTABLE_CODES.get(c)?.includes(item.kind)).join(', ');
    problems.push({
      code: 'accept-unused',
      severity: 'information',
      message: `This accept comment accepts nothing in the horizon: ${rules.describe(item)} has no ${codes} finding to accept. Remove it once the risk is gone for good.`,
      range,
    });
  }
  return problems;
}

function byPosition(a: { range: Range }, b: { range: Range }): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}
