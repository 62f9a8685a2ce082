/**
 * Turns engine findings into diagnostics (SPEC §6): interruptions are warnings on the assignment,
 * delays and notes are information. Messages say what is Microsoft-documented (Q283130) and what
 * is our model, so an admin can judge a warning.
 */
import { DateTime } from 'luxon';
import type { CoreDiagnostic, Range, RelatedInformation } from '../diagnostics';
import { locate, type ParsedDocument, type Path } from '../document/parse';
import type { Delay, EngineNote, Interruption, SimulationResult } from '../engine/types';
import type { SmsDocument } from '../model/types';

export interface FindingDiagnosticOptions {
  /** At most this many interruption + delay diagnostics per assignment; the rest are summarised. */
  readonly maxFindingsPerAssignment?: number;
}

export const DEFAULT_MAX_FINDINGS_PER_ASSIGNMENT = 50;

export function findingDiagnostics(
  parsed: ParsedDocument,
  model: SmsDocument,
  result: SimulationResult,
  options: FindingDiagnosticOptions = {},
): CoreDiagnostic[] {
  const cap = options.maxFindingsPerAssignment ?? DEFAULT_MAX_FINDINGS_PER_ASSIGNMENT;
  const context = new FindingContext(parsed, model);
  const diagnostics: CoreDiagnostic[] = [];
  const perAssignment = new Map<string, { shown: number; hidden: number; range: Range; adId: string; index: number }>();

  const admit = (finding: Interruption | Delay): boolean => {
    const key = `${finding.advertisement}\u0000${finding.assignment}`;
    let entry = perAssignment.get(key);
    if (!entry) {
      entry = {
        shown: 0,
        hidden: 0,
        range: context.assignmentRange(finding.advertisement, finding.assignment),
        adId: finding.advertisement,
        index: finding.assignment,
      };
      perAssignment.set(key, entry);
    }
    if (entry.shown < cap) {
      entry.shown++;
      return true;
    }
    entry.hidden++;
    return false;
  };

  for (const interruption of result.interruptions) {
    if (admit(interruption)) diagnostics.push(context.interruption(interruption));
  }
  for (const delay of result.delays) {
    if (admit(delay)) diagnostics.push(context.delay(delay));
  }
  for (const entry of perAssignment.values()) {
    if (entry.hidden === 0) continue;
    diagnostics.push({
      code: 'too-many-findings',
      severity: 'information',
      message: `${entry.hidden} more verify-cycle findings for ${entry.adId} assignment ${entry.index} are not listed (at most ${cap} per assignment). Run \`sms-schedule check --format json\` or the simulation for all of them.`,
      range: entry.range,
    });
  }
  for (const note of result.notes) diagnostics.push(context.note(note));
  return diagnostics;
}

/** Lookups and formatting shared by the finding messages of one document. */
class FindingContext {
  private readonly adIndex = new Map<string, number>();

  constructor(
    private readonly parsed: ParsedDocument,
    private readonly model: SmsDocument,
  ) {
    for (const ad of model.advertisements) this.adIndex.set(ad.id, ad.index);
  }

  assignmentRange(advertisement: string, assignment: number): Range {
    return this.rangeAt(['advertisements', this.adIndex.get(advertisement) ?? 0, 'assignments', assignment]);
  }

  interruption(f: Interruption): CoreDiagnostic {
    const zone = this.zoneOf(f.collection);
    const minutes = Math.round((f.runEnd - f.runStart) / 60000);
    const pass =
      f.verifyEarliest === f.verifyLatest
        ? `the verify pass of ${f.collection} starts ${this.when(f.verifyEarliest, zone)}`
        : `verify passes of ${f.collection} start between ${this.when(f.verifyEarliest, zone)} and ${this.when(f.verifyLatest, zone)} (rollout window)`;
    const clients = this.clientsOf(f.collection);
    return {
      code: 'verify-interrupts-run',
      severity: 'warning',
      message:
        `The CCIM verify cycle can interrupt this run of ${f.advertisement}: the run starts ${this.when(f.runStart, zone)} and lasts ${minutes} min; ` +
        `${pass}. Likelihood ${formatPercent(f.likelihood)}, ${f.clientsAtRisk} of ${clients} clients at risk. ` +
        'An interrupted install stops abruptly, sends no 10006/10007 status and must be resent by hand (Q283130). ' +
        'Pass times are our model (CCIM wake-ups every ccimCycleHours from install), not documented by Microsoft.',
      range: this.assignmentRange(f.advertisement, f.assignment),
      related: this.siteRelated(f.collection),
    };
  }

  delay(f: Delay): CoreDiagnostic {
    const zone = this.zoneOf(f.collection);
    return {
      code: 'verify-delays-run',
      severity: 'information',
      message:
        `This run of ${f.advertisement} starts ${this.when(f.runStart, zone)} while a verify pass of ${f.collection} ` +
        `(started ${this.when(f.verifyEarliest, zone)}${f.verifyLatest !== f.verifyEarliest ? ` to ${this.when(f.verifyLatest, zone)}` : ''}) may still be running; ` +
        'it may start late (our model, not documented by Microsoft).',
      range: this.assignmentRange(f.advertisement, f.assignment),
      related: this.siteRelated(f.collection),
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
    const ad = this.model.advertisements.find((a) => a.id === note.advertisement);
    const pkg = this.model.packages.find((p) => p.id === ad?.package);
    const program = pkg?.programs.find((p) => p.name === ad?.program);
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
    const collection = this.model.collections.find((c) => c.id === collectionId);
    const site = this.model.sites.find((s) => s.code === collection?.site);
    if (!site) return [];
    const hasCycle = this.parsed.yaml.hasIn(['sites', site.index, 'verifyCycle']);
    const path: Path = hasCycle ? ['sites', site.index, 'verifyCycle'] : ['sites', site.index, 'code'];
    const cycle = site.verifyCycle;
    return [
      {
        range: this.rangeAt(path, 'entry'),
        message: `Verify cycle of site ${site.code} (${site.server}, SMS ${site.smsVersion}): ${cycle.enabled ? `every ${cycle.intervalDays} days` : 'disabled'}, set with Cliverify (Q246040)`,
      },
    ];
  }

  private rangeAt(path: Path, target: 'value' | 'entry' = 'value'): Range {
    return this.parsed.lines.rangeOf(locate(this.parsed, path, target));
  }

  private zoneOf(collectionId: string): string {
    return this.model.collections.find((c) => c.id === collectionId)?.timeZone ?? 'UTC';
  }

  private clientsOf(collectionId: string): number {
    return this.model.collections.find((c) => c.id === collectionId)?.clients ?? 0;
  }

  /** "2001-03-15 02:00 America/New_York (07:00Z)" — local wall time first, since admins think in it. */
  private when(instant: number, zone: string): string {
    const utc = DateTime.fromMillis(instant, { zone: 'UTC' });
    if (zone === 'UTC') return `${utc.toFormat('yyyy-MM-dd HH:mm')} UTC`;
    const local = utc.setZone(zone);
    return `${local.toFormat('yyyy-MM-dd HH:mm')} ${zone} (${utc.toFormat(local.toISODate() === utc.toISODate() ? 'HH:mm' : 'yyyy-MM-dd HH:mm')}Z)`;
  }
}

function formatPercent(likelihood: number): string {
  const percent = likelihood * 100;
  return `${Number.isInteger(percent) ? percent : percent.toFixed(1)}%`;
}
