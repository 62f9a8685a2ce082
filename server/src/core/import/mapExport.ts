/**
 * A typed site export → the value of a `*.sms.yaml` document, the comments that mark what the
 * export could not say, and warnings with JSON pointers (SPEC §9.2). What SMS does not store
 * (install times, the clients' zone, Cliverify settings) is written as a default with a comment.
 */
import { compareLocalDateTime, formatLocalDateTime } from '../model/localDateTime';
import { DEFAULT_VERIFY_CYCLE, type LocalDateTime, type SmsVersion } from '../model/types';
import { addMinutes } from './dmtf';
import type {
  AdvertisementValue,
  AssignmentValue,
  CollectionValue,
  DocumentComment,
  DocumentPath,
  DocumentValue,
  PackageValue,
  ProgramValue,
  SiteValue,
} from './documentValue';
import type {
  ExportAdvertisement,
  ExportCollection,
  ExportProgram,
  ExportSchedule,
  ExportSite,
  ImportWarning,
  SiteExport,
} from './exportTypes';
import { ExportProblem } from './jsonReader';
import { oneLine } from './oneLine';
import { childPointer } from './pointer';
import { readableAssignment } from './readableToken';
import { readBuild } from './smsBuild';

export interface ImportOptions {
  /** Write tokens in the readable assignment form where that is exact (`--readable`). */
  readonly readable?: boolean;
  /** IANA zone of every collection (`--time-zone`); default "UTC" with a comment. */
  readonly timeZone?: string;
  /** Service-pack level per site code (`--sms-version CODE=VERSION`); wins over BuildNumber. */
  readonly smsVersions?: Readonly<Record<string, SmsVersion>>;
}

export interface MappedDocument {
  readonly value: DocumentValue;
  /** Comment lines above the whole document. */
  readonly header: string;
  readonly comments: readonly DocumentComment[];
  readonly warnings: readonly ImportWarning[];
}

/** SMS allows 15 assignments per advertisement (memdocs `max(15)` on AssignedSchedule). */
export const MAX_ASSIGNMENTS = 15;
const MAX_RUN_MINUTES = 1440;

/** AdvertFlags bits (RG Table B.3). */
const EVENT_FLAGS = [
  [0x20, 'asap'],
  [0x200, 'logon'],
  [0x400, 'logoff'],
] as const;
const NOTED_FLAGS = [
  [0x100, 'ONSYSTEMSTARTUP (0x100, assign at system startup)'],
  [0x02000000, 'NO_DISPLAY (0x02000000)'],
  [0x04000000, 'ONSLOWNET (0x04000000, assignments mandatory over slow links)'],
] as const;

const INTERVAL_MINUTES = DEFAULT_VERIFY_CYCLE.intervalDays * 24 * 60;

const nonEmpty = (text: string | undefined): string | undefined =>
  text === undefined || text === '' ? undefined : text;

class Mapper {
  readonly comments: DocumentComment[] = [];
  readonly warnings: ImportWarning[] = [];

  constructor(
    private readonly exported: SiteExport,
    private readonly options: ImportOptions,
  ) {}

  comment(path: DocumentPath, text: string): void {
    this.comments.push({ path, text });
  }

  warn(pointer: string, message: string): void {
    this.warnings.push({ pointer, message: oneLine(message) });
  }

  // ---- sites --------------------------------------------------------------------------------

  site(s: ExportSite, i: number): SiteValue {
    const codes = this.exported.sites.map((x) => x.SiteCode);
    const parent = s.ReportingSiteCode;
    const server = nonEmpty(s.ServerName);
    if (server === undefined) {
      this.comment(
        ['sites', i, 'server'],
        'The export gives no ServerName: the site code is written; set the site server.',
      );
    }
    const value: SiteValue = {
      code: s.SiteCode,
      server: server ?? s.SiteCode,
      smsVersion: this.smsVersion(s, i),
      ...(parent !== undefined && parent !== s.SiteCode && codes.includes(parent) ? { parent } : {}),
    };
    this.comment(
      ['sites', i],
      `Cliverify settings are not in the SMS Provider: add verifyCycle (enabled, intervalDays) as set with\n` +
        `Cliverify on ${value.server}; without it the SMS default applies (every 30 days, Q246040).`,
    );
    return value;
  }

  smsVersion(s: ExportSite, i: number): SmsVersion {
    const given = this.options.smsVersions;
    if (given !== undefined && Object.hasOwn(given, s.SiteCode)) {
      const version = given[s.SiteCode];
      if (version !== undefined) return version;
    }
    const reading = readBuild(s.BuildNumber);
    const pointer = childPointer(s.pointer, 'BuildNumber');
    const flag = `--sms-version ${s.SiteCode}=VERSION`;
    if (reading.kind === 'shared') {
      this.comment(
        ['sites', i, 'smsVersion'],
        `BuildNumber 1493 is reported by SMS 2.0 SP2, SP3 and SP4 alike: "2.0 SP2" is assumed;\n` +
          `change it (or import with ${flag}) if this site runs SP3 or SP4.`,
      );
      this.warn(pointer, `build 1493 is shared by SMS 2.0 SP2, SP3 and SP4: "2.0 SP2" assumed (use ${flag})`);
    } else if (reading.kind === 'unknown') {
      const what =
        s.BuildNumber === undefined ? 'The export gives no BuildNumber' : `BuildNumber ${s.BuildNumber} is not known`;
      this.comment(
        ['sites', i, 'smsVersion'],
        `${what} (1239 = 2.0, 1380 = SP1, 1493 = SP2 to SP4): "2.0" is written;\n` +
          "set the site's service-pack level.",
      );
      const short =
        s.BuildNumber === undefined ? 'no BuildNumber' : `build ${s.BuildNumber} is not a known SMS 2.0 build`;
      this.warn(pointer, `${short}: "2.0" written (use ${flag})`);
    }
    return reading.version;
  }

  // ---- collections --------------------------------------------------------------------------

  /** Where the rollout window ends: the export time, else the earliest PresentTime of the export. */
  installEnd(): { at: LocalDateTime; what: string } | undefined {
    if (this.exported.exportedAt !== undefined) return { at: this.exported.exportedAt, what: 'the export time' };
    const times = this.exported.advertisements.map((a) => a.PresentTime).sort(compareLocalDateTime);
    return times[0] === undefined
      ? undefined
      : { at: times[0], what: 'the earliest PresentTime (the export has no exportedAt)' };
  }

  collection(
    c: ExportCollection,
    i: number,
    sites: readonly SiteValue[],
    end: { at: LocalDateTime; what: string },
  ): CollectionValue {
    const path = ['collections', i] as const;
    const count = c.MemberCount;
    if (count === undefined || count < 1) {
      const what = count === undefined ? 'no MemberCount' : 'MemberCount 0';
      this.comment(
        [...path, 'clients'],
        `The export gives ${what}: 1 is written (a document needs at least 1);\nset the number of clients.`,
      );
      this.warn(childPointer(c.pointer, 'MemberCount'), `${what}: clients: 1 written`);
    }
    const timeZone = this.options.timeZone;
    if (timeZone === undefined) {
      this.comment(
        [...path, 'timeZone'],
        "The clients' time zone is not in the SMS Provider: UTC is written; set their IANA zone\n" +
          '(e.g. America/New_York), or import with --time-zone.',
      );
    }
    this.comment(
      [...path, 'installed'],
      'Client install times are not in SMS. Our assumption: the clients were installed spread over one\n' +
        `whole default verify interval (30 days) ending at ${end.what};\n` +
        'replace with the real install date or rollout window.',
    );
    return {
      id: c.CollectionID,
      name: nonEmpty(c.Name) ?? c.CollectionID,
      site: this.collectionSite(c, i, sites),
      clients: count === undefined || count < 1 ? 1 : count,
      timeZone: timeZone ?? 'UTC',
      installed: {
        from: formatLocalDateTime(addMinutes(end.at, -INTERVAL_MINUTES)),
        to: formatLocalDateTime(end.at),
      },
    };
  }

  /** The site whose code starts the CollectionID; else the first site without a parent; else the first. */
  collectionSite(c: ExportCollection, i: number, sites: readonly SiteValue[]): string {
    const prefix = c.CollectionID.slice(0, 3);
    if (sites.some((s) => s.code === prefix)) return prefix;
    const central = sites.find((s) => s.parent === undefined);
    const chosen = central ?? sites[0];
    // readExport refuses an export without sites, so there is always a first one.
    const code = chosen?.code ?? '';
    const why = central ? 'the first site without a parent' : 'the first site';
    this.comment(
      ['collections', i, 'site'],
      `${c.CollectionID} does not start with an exported site code: ${code} (${why}) is written;\n` +
        'check which site these clients report to.',
    );
    return code;
  }

  // ---- packages -----------------------------------------------------------------------------

  packages(): PackageValue[] {
    const ids = new Set(this.exported.packages.map((p) => p.PackageID));
    const byPackage = new Map<string, { program: ExportProgram; index: number }[]>();
    this.exported.programs.forEach((program, index) => {
      if (!ids.has(program.PackageID)) {
        this.warn(
          childPointer(program.pointer, 'PackageID'),
          `package ${program.PackageID} is not in the export: program '${program.ProgramName}' left out`,
        );
        return;
      }
      const list = byPackage.get(program.PackageID) ?? [];
      list.push({ program, index });
      byPackage.set(program.PackageID, list);
    });
    const claimed = new Set<string>();
    return this.exported.packages.map((p, i) => {
      // With a duplicated PackageID (kept: the document reports duplicate-id) the programs go to the first.
      const programs = claimed.has(p.PackageID) ? [] : (byPackage.get(p.PackageID) ?? []);
      claimed.add(p.PackageID);
      return {
        id: p.PackageID,
        name: nonEmpty(p.Name) ?? p.PackageID,
        programs: programs.map(({ program }, j) => this.program(program, ['packages', i, 'programs', j])),
      };
    });
  }

  program(p: ExportProgram, path: DocumentPath): ProgramValue {
    const d = p.Duration;
    let minutes: number | 'unknown';
    if (d === undefined) minutes = 'unknown';
    else if (d === 0) {
      minutes = 'unknown';
      this.comment([...path, 'estimatedRunMinutes'], 'Duration 0 (the SDK default) is read as Unknown (our reading).');
    } else if (d > MAX_RUN_MINUTES) {
      minutes = MAX_RUN_MINUTES;
      this.comment(
        [...path, 'estimatedRunMinutes'],
        `Duration ${d} in the export: a document allows at most ${MAX_RUN_MINUTES} minutes.`,
      );
      this.warn(
        childPointer(p.pointer, 'Duration'),
        `Duration ${d} is more than ${MAX_RUN_MINUTES} minutes: ${MAX_RUN_MINUTES} written`,
      );
    } else minutes = d;
    return { name: p.ProgramName, estimatedRunMinutes: minutes };
  }

  // ---- advertisements -----------------------------------------------------------------------

  advertisement(a: ExportAdvertisement, i: number): AdvertisementValue {
    const path = ['advertisements', i] as const;
    const gmt = a.PresentTimeIsGMT === true;
    this.checkReferences(a);
    this.checkGmtFlags(a, gmt, path);
    const notes = this.flagNotes(a);
    const expirationTime = this.expiration(a, path);
    return {
      id: a.AdvertisementID,
      name: nonEmpty(a.AdvertisementName) ?? a.AdvertisementID,
      package: a.PackageID,
      program: a.ProgramName,
      collection: a.CollectionID,
      presentTime: formatLocalDateTime(a.PresentTime),
      ...(expirationTime !== undefined ? { expirationTime } : {}),
      ...(gmt ? { gmt: true as const } : {}),
      assignments: this.assignments(a, gmt, path, notes),
    };
  }

  checkReferences(a: ExportAdvertisement): void {
    const { collections, packages, programs } = this.exported;
    const kept = 'kept as it is (the document reports unresolved-reference)';
    if (!collections.some((c) => c.CollectionID === a.CollectionID)) {
      this.warn(childPointer(a.pointer, 'CollectionID'), `collection ${a.CollectionID} is not in the export: ${kept}`);
    }
    if (!packages.some((p) => p.PackageID === a.PackageID)) {
      this.warn(childPointer(a.pointer, 'PackageID'), `package ${a.PackageID} is not in the export: ${kept}`);
    } else if (!programs.some((p) => p.PackageID === a.PackageID && p.ProgramName === a.ProgramName)) {
      this.warn(
        childPointer(a.pointer, 'ProgramName'),
        `program '${a.ProgramName}' of package ${a.PackageID} is not in the export: ${kept}`,
      );
    }
  }

  checkGmtFlags(a: ExportAdvertisement, gmt: boolean, path: DocumentPath): void {
    const differing = (['ExpirationTimeIsGMT', 'AssignedScheduleIsGMT'] as const).filter(
      (key) => a[key] !== undefined && a[key] !== gmt,
    );
    for (const key of differing) {
      const keep = key === 'AssignedScheduleIsGMT' ? '; each token keeps its own GMT bit' : '';
      this.warn(
        childPointer(a.pointer, key),
        `${key} is ${String(a[key])} but PresentTimeIsGMT is ${String(gmt)}: the document has one gmt flag (${String(gmt)} written)${keep}`,
      );
    }
    if (differing.length > 0) {
      this.comment(
        [...path, 'presentTime'],
        `In SMS, ${differing.join(' and ')} differed from PresentTimeIsGMT (${String(gmt)}); this document has one gmt flag.`,
      );
    }
  }

  expiration(a: ExportAdvertisement, path: DocumentPath): string | undefined {
    if (a.ExpirationTimeEnabled === true) {
      if (a.ExpirationTime !== undefined) return formatLocalDateTime(a.ExpirationTime);
      this.comment(
        [...path, 'presentTime'],
        'ExpirationTimeEnabled is true in SMS, but the export gives no ExpirationTime.',
      );
      this.warn(
        childPointer(a.pointer, 'ExpirationTime'),
        'ExpirationTimeEnabled is true but no ExpirationTime is given: none written',
      );
    } else if (a.ExpirationTimeEnabled === undefined && a.ExpirationTime !== undefined) {
      this.comment(
        [...path, 'presentTime'],
        `The export gives ExpirationTime ${formatLocalDateTime(a.ExpirationTime)} without ExpirationTimeEnabled: not written.`,
      );
      this.warn(
        childPointer(a.pointer, 'ExpirationTimeEnabled'),
        'is missing (a lazy property: the exporter must call Get()): the ExpirationTime is not written',
      );
    }
    return undefined;
  }

  /** Comment lines for AdvertFlags bits the document cannot say. */
  flagNotes(a: ExportAdvertisement): string[] {
    const flags = a.AdvertFlags ?? 0;
    const noted = NOTED_FLAGS.filter(([bit]) => (flags & bit) !== 0).map(([, name]) => name);
    return noted.length === 0 ? [] : [`AdvertFlags also has ${noted.join(', ')}: not simulated.`];
  }

  assignments(a: ExportAdvertisement, gmt: boolean, path: DocumentPath, notes: string[]): AssignmentValue[] {
    const flags = a.AdvertFlags ?? 0;
    const events: AssignmentValue[] = EVENT_FLAGS.filter(([bit]) => (flags & bit) !== 0).map(([, event]) => ({
      event,
    }));
    const schedules = this.enabledSchedules(a, notes);
    const room = Math.max(0, MAX_ASSIGNMENTS - events.length);
    const left = schedules.slice(room);
    for (const s of left) {
      this.warn(
        s.pointer,
        `${scheduleName(s)} left out: an advertisement has at most ${MAX_ASSIGNMENTS} assignments (events count)`,
      );
    }
    if (left.length > 0) {
      notes.push(
        `${left.length} more assigned schedule(s) of the export are left out (at most ${MAX_ASSIGNMENTS} assignments).`,
      );
    }
    if (notes.length > 0) this.comment([...path, 'assignments'], notes.join('\n'));
    const tokens = schedules.slice(0, room).map((s): AssignmentValue => {
      const readable = this.options.readable ? readableAssignment(s.token, gmt) : undefined;
      return readable ?? { token: s.token };
    });
    return [...events, ...tokens];
  }

  enabledSchedules(a: ExportAdvertisement, notes: string[]): readonly ExportSchedule[] {
    const schedules = a.AssignedSchedule ?? [];
    if (schedules.length === 0) return schedules;
    if (a.AssignedScheduleEnabled === false) {
      notes.push(
        `AssignedScheduleEnabled is false: the assigned schedule(s) ${schedules.map((s) => s.token).join(', ')} are not imported.`,
      );
      return [];
    }
    if (a.AssignedScheduleEnabled === undefined) {
      this.warn(
        childPointer(a.pointer, 'AssignedScheduleEnabled'),
        'is missing (a lazy property: the exporter must call Get()): the assigned schedules are imported as enabled',
      );
      notes.push('AssignedScheduleEnabled was missing from the export: the schedules are imported as enabled.');
    }
    return schedules;
  }

  // ---- the document -------------------------------------------------------------------------

  document(): DocumentValue {
    const { exported } = this;
    this.checkSmsVersionCodes();
    const sites = exported.sites.map((s, i) => this.site(s, i));
    const end = this.installEnd();
    if (end === undefined && exported.collections.length > 0) {
      throw new ExportProblem(
        '/exportedAt',
        'is missing, and there is no advertisement PresentTime either: nothing says when the clients were installed',
      );
    }
    if (exported.collections.length === 0) {
      this.warn(
        '/collections',
        'is empty: a document needs at least one collection (add the one you want to simulate)',
      );
    }
    return {
      version: 1,
      sites,
      collections: end === undefined ? [] : exported.collections.map((c, i) => this.collection(c, i, sites, end)),
      packages: this.packages(),
      advertisements: exported.advertisements.map((a, i) => this.advertisement(a, i)),
    };
  }

  checkSmsVersionCodes(): void {
    const codes = new Set(this.exported.sites.map((s) => s.SiteCode));
    for (const code of Object.keys(this.options.smsVersions ?? {})) {
      if (!codes.has(code)) this.warn('/sites', `--sms-version ${code}=...: site ${code} is not in the export`);
    }
  }

  header(): string {
    const at = this.exported.exportedAt;
    return [
      ` Imported by sms-schedule import from an SMS site export${at ? ` (exported ${formatLocalDateTime(at)})` : ''}.`,
      " Client install times, the clients' time zone and the Cliverify settings are not in the SMS",
      ' Provider: the comments below mark the values written in their place.',
    ].join('\n');
  }
}

function scheduleName(s: ExportSchedule): string {
  return s.place === undefined ? `schedule ${s.token}` : `schedule ${s.token} (token ${s.place} of the string)`;
}

/** Maps an export; throws ExportProblem when the export cannot give a required value. */
export function mapExport(exported: SiteExport, options: ImportOptions = {}): MappedDocument {
  const mapper = new Mapper(exported, options);
  const value = mapper.document();
  return { value, header: mapper.header(), comments: mapper.comments, warnings: mapper.warnings };
}
