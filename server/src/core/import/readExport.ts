/**
 * Site export text (SPEC §9.1) → a typed export, or the first problem with its JSON pointer.
 * Unknown properties are ignored (the exporter may write more of the provider's properties).
 */
import type { LocalDateTime } from '../model/types';
import { readDmtf } from './dmtf';
import type {
  ExportAdvertisement,
  ExportCollection,
  ExportPackage,
  ExportProgram,
  ExportSite,
  SiteExport,
} from './exportTypes';
import {
  ExportProblem,
  type JsonObject,
  type Member,
  member,
  optionalBoolean,
  optionalCount,
  optionalString,
  requireArray,
  requireId,
  requireObject,
} from './jsonReader';
import { readAssignedSchedule } from './scheduleObjects';

export const EXPORT_FORMAT = 'sms-schedule-export';
export const EXPORT_FORMAT_VERSION = 1;

/** The document's site codes (SPEC §3): 3 characters A-Z or 0-9. */
export const SITE_CODE = /^[A-Z0-9]{3}$/;

function optionalDmtf(m: Member): LocalDateTime | undefined {
  const text = optionalString(m);
  if (text === undefined) return undefined;
  const read = readDmtf(text);
  if (!read.ok) throw new ExportProblem(m.pointer, read.reason);
  return read.value;
}

function requireDmtf(m: Member): LocalDateTime {
  const value = optionalDmtf(m);
  if (value === undefined) throw new ExportProblem(m.pointer, 'is missing (a DMTF datetime is required)');
  return value;
}

/** Reads each item of a required array member with `read(item, pointer)`. */
function items<T>(root: JsonObject, key: string, what: string, read: (obj: JsonObject, pointer: string) => T): T[] {
  const m = member(root, '', key);
  return requireArray(m, key).map((item, i) => {
    const pointer = `${m.pointer}/${i}`;
    return read(requireObject(item, pointer, what), pointer);
  });
}

function readSite(obj: JsonObject, p: string): ExportSite {
  const codeMember = member(obj, p, 'SiteCode');
  const code = requireId(codeMember);
  // The document's site codes are 3 characters A-Z/0-9 (SPEC §3); anything else could not be written.
  if (!SITE_CODE.test(code))
    throw new ExportProblem(codeMember.pointer, `'${code}' is not a site code (3 characters A-Z or 0-9)`);
  return {
    pointer: p,
    SiteCode: code,
    ServerName: optionalString(member(obj, p, 'ServerName')),
    ReportingSiteCode: optionalString(member(obj, p, 'ReportingSiteCode')),
    BuildNumber: optionalCount(member(obj, p, 'BuildNumber')),
  };
}

function readCollection(obj: JsonObject, p: string): ExportCollection {
  return {
    pointer: p,
    CollectionID: requireId(member(obj, p, 'CollectionID')),
    Name: optionalString(member(obj, p, 'Name')),
    MemberCount: optionalCount(member(obj, p, 'MemberCount')),
  };
}

function readPackage(obj: JsonObject, p: string): ExportPackage {
  return {
    pointer: p,
    PackageID: requireId(member(obj, p, 'PackageID')),
    Name: optionalString(member(obj, p, 'Name')),
  };
}

function readProgram(obj: JsonObject, p: string): ExportProgram {
  return {
    pointer: p,
    PackageID: requireId(member(obj, p, 'PackageID')),
    ProgramName: requireId(member(obj, p, 'ProgramName')),
    Duration: optionalCount(member(obj, p, 'Duration')),
  };
}

function readAdvertisement(obj: JsonObject, p: string): ExportAdvertisement {
  const m = (key: string): Member => member(obj, p, key);
  return {
    pointer: p,
    AdvertisementID: requireId(m('AdvertisementID')),
    AdvertisementName: optionalString(m('AdvertisementName')),
    PackageID: requireId(m('PackageID')),
    ProgramName: requireId(m('ProgramName')),
    CollectionID: requireId(m('CollectionID')),
    PresentTime: requireDmtf(m('PresentTime')),
    PresentTimeIsGMT: optionalBoolean(m('PresentTimeIsGMT')),
    ExpirationTime: optionalDmtf(m('ExpirationTime')),
    ExpirationTimeEnabled: optionalBoolean(m('ExpirationTimeEnabled')),
    ExpirationTimeIsGMT: optionalBoolean(m('ExpirationTimeIsGMT')),
    AdvertFlags: optionalCount(m('AdvertFlags')),
    AssignedScheduleEnabled: optionalBoolean(m('AssignedScheduleEnabled')),
    AssignedScheduleIsGMT: optionalBoolean(m('AssignedScheduleIsGMT')),
    AssignedSchedule: readAssignedSchedule(m('AssignedSchedule')),
  };
}

function checkFormat(root: JsonObject): void {
  const format = member(root, '', 'format');
  if (format.value !== EXPORT_FORMAT) {
    const got = format.value === undefined ? 'it is missing' : `got ${JSON.stringify(format.value)}`;
    throw new ExportProblem(format.pointer, `must be "${EXPORT_FORMAT}" (${got})`);
  }
  const version = member(root, '', 'formatVersion');
  if (version.value !== EXPORT_FORMAT_VERSION) {
    const got = version.value === undefined ? 'it is missing' : `got ${JSON.stringify(version.value)}`;
    throw new ExportProblem(
      version.pointer,
      `must be ${EXPORT_FORMAT_VERSION}, the version this importer reads (${got})`,
    );
  }
}

/** Parses and types an export; throws ExportProblem at the first problem. */
export function readExport(text: string): SiteExport {
  let value: unknown;
  try {
    // A UTF-8 byte-order mark is what Windows tools often write first; JSON.parse would refuse it.
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw new ExportProblem('', `is not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const root = requireObject(value, '', 'a site export');
  checkFormat(root);
  const exportedAt = optionalDmtf(member(root, '', 'exportedAt'));
  const sites = items(root, 'sites', 'a site', readSite);
  if (sites.length === 0) throw new ExportProblem('/sites', 'is empty (an export holds at least one site)');
  return {
    exportedAt,
    sites,
    collections: items(root, 'collections', 'a collection', readCollection),
    packages: items(root, 'packages', 'a package', readPackage),
    programs: items(root, 'programs', 'a program', readProgram),
    advertisements: items(root, 'advertisements', 'an advertisement', readAdvertisement),
  };
}
