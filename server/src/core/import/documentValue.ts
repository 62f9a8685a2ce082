/**
 * The plain value of a `*.sms.yaml` document (SPEC §3) as the importer writes it: key order here
 * is the key order in the file.
 */
import type { SmsVersion, WeekdayName, WeekOrderName } from '../model/types';

export interface SiteValue {
  code: string;
  server: string;
  smsVersion: SmsVersion;
  parent?: string;
}

export interface CollectionValue {
  id: string;
  name: string;
  site: string;
  clients: number;
  timeZone: string;
  installed: { from: string; to: string };
}

export interface ProgramValue {
  name: string;
  estimatedRunMinutes: number | 'unknown';
}

export interface PackageValue {
  id: string;
  name: string;
  programs: ProgramValue[];
}

/** The readable form of one schedule (SPEC §3): `at` and at most one recurrence key. */
export interface ReadableAssignmentValue {
  at: string;
  every?: { days: number; hours: number; minutes: number };
  weekly?: { day: WeekdayName; weeks: number };
  monthlyByWeekday?: { week: WeekOrderName; day: WeekdayName; months: number };
  monthlyByDate?: { day: number; months: number };
}

export type AssignmentValue = { event: 'asap' | 'logon' | 'logoff' } | { token: string } | ReadableAssignmentValue;

export interface AdvertisementValue {
  id: string;
  name: string;
  package: string;
  program: string;
  collection: string;
  presentTime: string;
  expirationTime?: string;
  gmt?: true;
  assignments: AssignmentValue[];
}

export interface DocumentValue {
  version: 1;
  sites: SiteValue[];
  collections: CollectionValue[];
  packages: PackageValue[];
  advertisements: AdvertisementValue[];
}

/** Where a comment goes: a list item (the comment stands above its `- `) or a key of a map. */
export type DocumentPath = readonly (string | number)[];

export interface DocumentComment {
  readonly path: DocumentPath;
  /** One or more lines, without `#`. */
  readonly text: string;
}
