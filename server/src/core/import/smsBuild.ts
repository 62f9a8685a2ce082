/**
 * A site's SMS 2.0 service-pack level from SMS_Site.BuildNumber (KB Q267258 and the hotfix KBs:
 * 1239 = 2.0, 1380 = SP1, and SP2, SP3 and SP4 all report 1493).
 */
import type { SmsVersion } from '../model/types';

export type BuildReading =
  | { readonly kind: 'known'; readonly version: SmsVersion }
  /** 1493: written as "2.0 SP2", but SP3 and SP4 report the same build. */
  | { readonly kind: 'shared'; readonly version: SmsVersion }
  /** Another build, or none: written as "2.0". */
  | { readonly kind: 'unknown'; readonly version: SmsVersion };

export const SHARED_BUILD = 1493;

const KNOWN_BUILDS: ReadonlyMap<number, SmsVersion> = new Map([
  [1239, '2.0'],
  [1380, '2.0 SP1'],
]);

export function readBuild(build: number | undefined): BuildReading {
  if (build === SHARED_BUILD) return { kind: 'shared', version: '2.0 SP2' };
  const version = build === undefined ? undefined : KNOWN_BUILDS.get(build);
  return version === undefined ? { kind: 'unknown', version: '2.0' } : { kind: 'known', version };
}
