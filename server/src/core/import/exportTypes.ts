/**
 * A site export (SPEC §9.1) once read: the SMS Provider's property names, each item with the JSON
 * pointer it came from (warnings name it). Missing or `null` members are `undefined` here.
 */
import type { LocalDateTime } from '../model/types';

export interface ExportSite {
  readonly pointer: string;
  readonly SiteCode: string;
  readonly ServerName?: string;
  readonly ReportingSiteCode?: string;
  readonly BuildNumber?: number;
}

export interface ExportCollection {
  readonly pointer: string;
  readonly CollectionID: string;
  readonly Name?: string;
  readonly MemberCount?: number;
}

export interface ExportPackage {
  readonly pointer: string;
  readonly PackageID: string;
  readonly Name?: string;
}

export interface ExportProgram {
  readonly pointer: string;
  readonly PackageID: string;
  readonly ProgramName: string;
  readonly Duration?: number;
}

/** One schedule of an AssignedSchedule: its 16 upper-case hex digits and where it was written. */
export interface ExportSchedule {
  readonly token: string;
  /** The AssignedSchedule member or array item that holds it. */
  readonly pointer: string;
  /** 1-based place in a string of several concatenated tokens; undefined when the string holds one. */
  readonly place?: number;
}

export interface ExportAdvertisement {
  readonly pointer: string;
  readonly AdvertisementID: string;
  readonly AdvertisementName?: string;
  readonly PackageID: string;
  readonly ProgramName: string;
  readonly CollectionID: string;
  readonly PresentTime: LocalDateTime;
  readonly PresentTimeIsGMT?: boolean;
  readonly ExpirationTime?: LocalDateTime;
  readonly ExpirationTimeEnabled?: boolean;
  readonly ExpirationTimeIsGMT?: boolean;
  readonly AdvertFlags?: number;
  readonly AssignedScheduleEnabled?: boolean;
  readonly AssignedScheduleIsGMT?: boolean;
  /** Undefined when the export has no AssignedSchedule member. */
  readonly AssignedSchedule?: readonly ExportSchedule[];
}

export interface SiteExport {
  readonly exportedAt?: LocalDateTime;
  readonly sites: readonly ExportSite[];
  readonly collections: readonly ExportCollection[];
  readonly packages: readonly ExportPackage[];
  readonly programs: readonly ExportProgram[];
  readonly advertisements: readonly ExportAdvertisement[];
}

/** Why an export (or an option) cannot be imported: the first problem and where it is. */
export interface ImportRefusal {
  readonly ok: false;
  /** JSON pointer into the export ("" = the whole file); "" too for an option problem. */
  readonly pointer: string;
  readonly message: string;
  /** `options`: the problem is in the import options (a flag), not in the export. */
  readonly cause: 'export' | 'options';
}

/** Something the export could not say or said in a way the document cannot keep. */
export interface ImportWarning {
  readonly pointer: string;
  readonly message: string;
}
