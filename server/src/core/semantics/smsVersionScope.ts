/**
 * Which SMS 2.0 service-pack levels Microsoft documents the verify-cycle interruption for (SPEC §6
 * v1.1, `unconfirmed-sms-version`). Q283130 applies to SMS 2.0, SP1 and SP2 only; for SP3 and SP4 the
 * tool still simulates the interruption (our model: a precaution) and says so wherever it reports on
 * such a site: the diagnostic, the hover, the Cliverify file.
 */
import type { SmsVersion } from '../model/types';

/** The "Applies to" list of Q283130. */
export const Q283130_VERSIONS: readonly SmsVersion[] = ['2.0', '2.0 SP1', '2.0 SP2'];

/** What Q246040 (Cliverify.exe, which lists SP1, SP2 and SP3) says about each unconfirmed level. */
const CLIVERIFY_SCOPE: Readonly<Record<string, string>> = {
  '2.0 SP3': 'Q246040 (Cliverify.exe) does list SP3.',
  '2.0 SP4':
    'Q246040 (Cliverify.exe) lists SP1, SP2 and SP3 only, so a Cliverify build for SP4 is not documented either.',
};

/** True for "2.0 SP3" and "2.0 SP4": levels Q283130 does not list. */
export function isUnconfirmedSmsVersion(version: string): boolean {
  return Object.hasOwn(CLIVERIFY_SCOPE, version);
}

/**
 * The sentence for a site of this level, or undefined for a level Q283130 lists. It is the
 * diagnostic's message and the hover's and the Cliverify file's note, so all three say the same.
 */
export function unconfirmedVersionNote(version: string): string | undefined {
  const cliverify = CLIVERIFY_SCOPE[version];
  if (cliverify === undefined) return undefined;
  return (
    `SMS ${version}: Q283130 (the CCIM verify cycle can interrupt advertised programs) lists only SMS 2.0, SP1 ` +
    `and SP2, so Microsoft does not confirm the interruption for this level. The simulation still assumes the ` +
    `verify cycle can interrupt runs here (our model, a precaution). ${cliverify}`
  );
}
