/**
 * Turns engine findings into diagnostics (SPEC §6): interruptions are warnings on the assignment,
 * delays and notes are information. Messages say what is Microsoft-documented (Q283130) and what
 * is our model, so an admin can judge a warning.
 *
 * A large document has hundreds of thousands of findings while an editor shows a few hundred
 * diagnostics, so the list is lazy: counting is cheap, and only the diagnostics actually taken
 * are located and formatted.
 */
import type { FindingData } from '../diagnosticData';
import type { CoreDiagnostic, Range, RelatedInformation } from '../diagnostics';
import { locate, type ParsedDocument, type Path } from '../document/parse';
import type { Delay, EngineNote, Interruption, SimulationResult } from '../engine/types';
import type { FindingList } from '../engine/findingTable';
import { modelLookup } from '../model/lookup';
import type { Collection, SmsDocument } from '../model/types';
import { formatWhen } from './when';

export interface FindingDiagnosticOptions {
  /** At most this many interruption + delay diagnostics per assignment; the rest are summarised. */
  readonly maxFindingsPerAssignment?: number;
}

export const DEFAULT_MAX_FINDINGS_PER_ASSIGNMENT = 50;

/** The engine's diagnostics in their final order, formatted on demand. */
export interface DiagnosticList {
  readonly count: number;
  /** The first `limit` diagnostics (all of them for `Infinity`). */
  take(limit: number): CoreDiagnostic[];
}

export function findingDiagnostics(
  parsed: ParsedDocument,
  model: SmsDocument,
  result: SimulationResult,
  options: FindingDiagnosticOptions = {},
): CoreDiagnostic[] {
  return findingDiagnosticList(parsed, model, result, options).take(Infinity);
}

/** Per assignment: how many findings were listed and how many summarised. */
interface AssignmentTally {
  readonly advertisement: string;
  readonly assignment: number;
  listed: number;
  hidden: number;
}

/** The tallies of the assignments met so far, in the order they were first met. */
class Tallies {
  readonly inOrder: AssignmentTally[] = [];
  private readonly byAdvertisement = new Map<string, AssignmentTally[]>();

  constructor(private readonly cap: number) {}

  /** Counts a finding against its assignment's cap; true when it is listed. */
  admit(advertisement: string, assignment: number): boolean {
    let tallies = this.byAdvertisement.get(advertisement);
    if (!tallies) {
      tallies = [];
      this.byAdvertisement.set(advertisement, tallies);
    }
    let tally = tallies[assignment];
    if (!tally) {
      tally = { advertisement, assignment, listed: 0, hidden: 0 };
      tallies[assignment] = tally;
      this.inOrder.push(tally);
    }
    if (tally.listed < this.cap) {
      tally.listed++;
      return true;
    }
    tally.hidden++;
    return false;
  }
}

/**
 * The diagnostics `findingDiagnostics` returns, in the same order: the listed interruptions, the
 * listed delays (at most `maxFindingsPerAssignment` of both per assignment, in finding order), one
 * `too-many-findings` summary per assignment with more (in the order assignments were first met),
 * the notes.
 */
export function findingDiagnosticList(
  parsed: ParsedDocument,
  model: SmsDocument,
  result: SimulationResult,
  options: FindingDiagnosticOptions = {},
): DiagnosticList {
  const cap = options.maxFindingsPerAssignment ?? DEFAULT_MAX_FINDINGS_PER_ASSIGNMENT;
  const tallies = new Tallies(cap);
  let listed = 0;
  // Column reads: no finding becomes an object unless it is shown.
  for (const list of [result.interruptions, result.delays]) {
    for (let i = 0; i < list.length; i++) if (tallies.admit(list.advertisementAt(i), list.assignmentAt(i))) listed++;
  }
  const summaries = tallies.inOrder.filter((tally) => tally.hidden > 0);

  return {
    count: listed + summaries.length + result.notes.length,
    take(limit: number): CoreDiagnostic[] {
      const context = new FindingContext(parsed, model);
      const diagnostics: CoreDiagnostic[] = [];
      const taken = new Tallies(cap);
      // Listed findings in order, up to the limit; only those become objects.
      const takeListed = <T extends Interruption | Delay>(list: FindingList<T>, format: (f: T) => CoreDiagnostic) => {
        for (let i = 0; i < list.length && diagnostics.length < limit; i++) {
          if (taken.admit(list.advertisementAt(i), list.assignmentAt(i))) diagnostics.push(format(list.at(i)));
        }
      };
      takeListed(result.interruptions, (f) => context.interruption(f));
      takeListed(result.delays, (f) => context.delay(f));
      for (const tally of summaries) {
        if (diagnostics.length >= limit) return diagnostics;
        diagnostics.push(context.summary(tally, cap));
      }
      for (const note of result.notes) {
        if (diagnostics.length >= limit) return diagnostics;
        diagnostics.push(context.note(note));
      }
      return diagnostics;
    },
  };
}

/** Lookups and formatting shared by the finding messages of one document, memoised per id. */
class FindingContext {
  private readonly adIndex = new Map<string, number>();
  private readonly collections = new Map<string, Collection>();
  private readonly assignmentRanges = new Map<string, Range>();
  private readonly related = new Map<string, RelatedInformation[]>();

  constructor(
    private readonly parsed: ParsedDocument,
    private readonly model: SmsDocument,
  ) {
    for (const ad of model.advertisements) this.adIndex.set(ad.id, ad.index);
    for (const c of model.collections) if (!this.collections.has(c.id)) this.collections.set(c.id, c);
  }

  assignmentRange(advertisement: string, assignment: number): Range {
    const key = `${advertisement}\u0000${assignment}`;
    let range = this.assignmentRanges.get(key);
    if (!range) {
      range = this.rangeAt(['advertisements', this.adIndex.get(advertisement) ?? 0, 'assignments', assignment]);
      this.assignmentRanges.set(key, range);
    }
    return range;
  }

  interruption(f: Interruption): CoreDiagnostic {
    const zone = this.zoneOf(f.collection);
    const minutes = Math.round((f.runEnd - f.runStart) / 60000);
    const pass =
      f.verifyEarliest === f.verifyLatest
        ? `the verify pass of ${f.collection} starts ${formatWhen(f.verifyEarliest, zone)}`
        : `verify passes of ${f.collection} start between ${formatWhen(f.verifyEarliest, zone)} and ${formatWhen(f.verifyLatest, zone)} (rollout window)`;
    const clients = this.collections.get(f.collection)?.clients ?? 0;
    return {
      code: 'verify-interrupts-run',
      severity: 'warning',
      message:
        `The CCIM verify cycle can interrupt this run of ${f.advertisement}: the run starts ${formatWhen(f.runStart, zone)} and lasts ${minutes} min; ` +
        `${pass}. Likelihood ${formatPercent(f.likelihood)}, ${f.clientsAtRisk} of ${clients} clients at risk. ` +
        'An interrupted install stops abruptly, sends no 10006/10007 status and must be resent by hand (Q283130). ' +
        'Pass times are our model (CCIM wake-ups every ccimCycleHours from install), not documented by Microsoft.',
      range: this.assignmentRange(f.advertisement, f.assignment),
      related: this.siteRelated(f.collection),
      data: this.findingData(f),
    };
  }

  /** The fix data of a finding: its assignment and the site whose verify cycle causes it. */
  private findingData(f: Interruption | Delay): FindingData {
    const site = this.collections.get(f.collection)?.site ?? '';
    return { kind: 'finding', advertisement: f.advertisement, assignment: f.assignment, site };
  }

  delay(f: Delay): CoreDiagnostic {
    const zone = this.zoneOf(f.collection);
    return {
      code: 'verify-delays-run',
      severity: 'information',
      message:
        `This run of ${f.advertisement} starts ${formatWhen(f.runStart, zone)} while a verify pass of ${f.collection} ` +
        `(started ${formatWhen(f.verifyEarliest, zone)}${f.verifyLatest !== f.verifyEarliest ? ` to ${formatWhen(f.verifyLatest, zone)}` : ''}) may still be running; ` +
        'it may start late (our model, not documented by Microsoft).',
      range: this.assignmentRange(f.advertisement, f.assignment),
      related: this.siteRelated(f.collection),
      data: this.findingData(f),
    };
  }

  summary(tally: AssignmentTally, cap: number): CoreDiagnostic {
    return {
      code: 'too-many-findings',
      severity: 'information',
      message: `${tally.hidden} more verify-cycle findings for ${tally.advertisement} assignment ${tally.assignment + 1} are not listed (at most ${cap} per assignment). Run \`sms-schedule check --format json\` or the simulation for all of them.`,
      range: this.assignmentRange(tally.advertisement, tally.assignment),
    };
  }

  note(note: EngineNote): CoreDiagnostic {
    const adIndex = this.adIndex.get(note.advertisement) ?? 0;
    if (note.kind === 'event-not-simulated') {
      return {
        code: 'event-not-simulated',
        severity: 'information',
        message: `A '${note.event}' assignment runs when a user ${note.event === 'logon' ? 'logs on' : 'logs off'}, which cannot be predicted; it is not simulated.`,
        range: this.rangeAt(['advertisements', adIndex, 'assignments', note.assignment]),
      };
    }
    const lookup = modelLookup(this.model);
    const ad = lookup.advertisement(note.advertisement);
    const pkg = ad ? lookup.package(ad.package) : undefined;
    const program = ad ? lookup.program(ad) : undefined;
    const path: Path =
      pkg && program
        ? ['packages', pkg.index, 'programs', program.index, 'estimatedRunMinutes']
        : ['advertisements', adIndex, 'program'];
    return {
      code: 'run-time-unknown',
      severity: 'information',
      message:
        `The program '${ad?.program ?? '?'}' of ${note.advertisement} has an unknown run time (SMS then does not track run time); ` +
        `the simulation assumes ${note.assumedMinutes} minutes (setting defaultRunMinutes). Set estimatedRunMinutes for exact findings.`,
      range: this.rangeAt(path),
    };
  }

  private siteRelated(collectionId: string): RelatedInformation[] {
    const cached = this.related.get(collectionId);
    if (cached) return cached;
    const collection = this.collections.get(collectionId);
    const site = collection ? modelLookup(this.model).site(collection.site) : undefined;
    let related: RelatedInformation[] = [];
    if (site) {
      const hasCycle = this.parsed.yaml.hasIn(['sites', site.index, 'verifyCycle']);
      const path: Path = hasCycle ? ['sites', site.index, 'verifyCycle'] : ['sites', site.index, 'code'];
      const cycle = site.verifyCycle;
      related = [
        {
          range: this.rangeAt(path, 'entry'),
          message: `Verify cycle of site ${site.code} (${site.server}, SMS ${site.smsVersion}): ${cycle.enabled ? `every ${cycle.intervalDays} days` : 'disabled'}, set with Cliverify (Q246040)`,
        },
      ];
    }
    this.related.set(collectionId, related);
    return related;
  }

  private rangeAt(path: Path, target: 'value' | 'entry' = 'value'): Range {
    return this.parsed.lines.rangeOf(locate(this.parsed, path, target));
  }

  private zoneOf(collectionId: string): string {
    return this.collections.get(collectionId)?.timeZone ?? 'UTC';
  }
}

function formatPercent(likelihood: number): string {
  const percent = likelihood * 100;
  return `${Number.isInteger(percent) ? percent : percent.toFixed(1)}%`;
}
