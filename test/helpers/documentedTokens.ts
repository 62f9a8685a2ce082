/**
 * Schedule tokens that public Microsoft and community sources document, with their documented
 * meaning (from `notes/sms-import.md`): test data that does not come from our own encoder.
 * Weekdays are the model's (0 = Sunday); `at` is the token's start as a wall time.
 */
import type { Recurrence } from '../../server/src/core/model/types';

export interface DocumentedSchedule {
  readonly at: string;
  readonly recurrence: Recurrence;
  /** Low-word bits the type does not use, when the token sets any. */
  readonly unusedBits?: number;
}

export interface DocumentedToken {
  readonly token: string;
  readonly source: string;
  readonly schedules: readonly DocumentedSchedule[];
}

const daily = (hour: string): DocumentedToken => ({
  token: `${{ '00': '0001', '06': '00C1', '12': '0181', '18': '0241' }[hour]}128000100008`,
  source: 'Q271181 OfferStatusIntervals: every day since ' + hour + ':00',
  schedules: [{ at: `1980-01-01T${hour}:00`, recurrence: { kind: 'interval', days: 1, hours: 0, minutes: 0 } }],
});

/** Weekly "since Sunday" … "since Saturday": lo 0x00192000 … 0x001F2000 (token day 1 = Sunday). */
const weeklySince = (day: 0 | 1 | 2 | 3 | 4 | 5 | 6): DocumentedToken => ({
  token: `0001128000${(0x19 + day).toString(16).toUpperCase()}2000`,
  source: 'Q271181 OfferStatusIntervals: weekly since day ' + String(day + 1),
  schedules: [{ at: '1980-01-01T00:00', recurrence: { kind: 'weekly', day, weeks: 1 } }],
});

export const DOCUMENTED_TOKENS: readonly DocumentedToken[] = [
  {
    token: '00811A9E081A2000',
    source: 'MEM-Zone ufn_CM_GetNextMaintenanceWindow.sql; SPEC §5',
    schedules: [{ at: '2012-01-01T04:00', recurrence: { kind: 'weekly', day: 1, weeks: 1 } }],
  },
  {
    token: '000A4700002BC400',
    source: 'SMS 2003 SDK ReadFromString example; Q271181; SPEC §5',
    schedules: [{ at: '1998-04-10T00:00', recurrence: { kind: 'monthlyByDate', day: 15, months: 1 } }],
  },
  {
    token: '1033BC7B10100010',
    source: 'PSCCMClient ConvertFrom-CCMSchedule.ps1',
    schedules: [{ at: '2019-11-19T01:04', recurrence: { kind: 'interval', days: 2, hours: 0, minutes: 0 } }],
  },
  {
    token: '791378800008000055147880001B200055177880001E2000',
    source: 'memdocs sms_scheduletoken-server-wmi-class.md',
    schedules: [
      { at: '2004-07-19T08:30', recurrence: { kind: 'once' } },
      { at: '2004-07-20T08:21', recurrence: { kind: 'weekly', day: 2, weeks: 1 } },
      { at: '2004-07-23T08:21', recurrence: { kind: 'weekly', day: 5, weeks: 1 } },
    ],
  },
  daily('00'),
  daily('06'),
  daily('12'),
  daily('18'),
  weeklySince(0),
  weeklySince(1),
  weeklySince(2),
  weeklySince(3),
  weeklySince(4),
  weeklySince(5),
  weeklySince(6),
  {
    token: '000A470000284400',
    source: 'Q271181 OfferStatusIntervals: monthly since the 1st',
    schedules: [{ at: '1998-04-10T00:00', recurrence: { kind: 'monthlyByDate', day: 1, months: 1 } }],
  },
  {
    token: '0001128000080008',
    source: 'Q271181 OfferStatusIntervals: since site installation (bit 3 set, unused by type 1)',
    schedules: [{ at: '1980-01-01T00:00', recurrence: { kind: 'once' }, unusedBits: 0x8 }],
  },
];
