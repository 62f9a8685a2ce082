/**
 * CCIM verify passes of a collection (SPEC §4, §4.1 rule 2). Everything is in instants: the install
 * wall time becomes an instant first, then wake-ups are `k * ccimCycleHours` real hours later.
 *
 * Pass n starts at the first wake-up at or after (pass n-1 start) + intervalDays*24 h. With pass
 * n-1 at wake-up k, that is the least k' >= k + I/c (I = interval hours, c = cycle hours), i.e.
 * k' = k + ceil(I/c): every pass is the same whole number of wake-ups after the previous one, so
 * pass n is wake-up n * ceil(I/c). Integer arithmetic only, no drift.
 */
import type { Collection, VerifyCycle } from '../model/types';
import { HOUR_MS, wallMs } from './time';
import type { VerifyPass } from './types';
import { ZoneClock } from './zoneClock';

/** Guard against absurd inputs (e.g. an unbounded `until`): no real horizon needs more passes. */
const MAX_PASSES = 1_000_000;

/** Wake-ups between two consecutive passes: ceil(intervalDays*24 / ccimCycleHours), exactly. */
export function wakeUpsPerPass(cycle: VerifyCycle): number {
  const intervalHours = cycle.intervalDays * 24;
  const remainder = intervalHours % cycle.ccimCycleHours;
  return (intervalHours - remainder) / cycle.ccimCycleHours + (remainder === 0 ? 0 : 1);
}

/** Install instants of a collection's clients: [earliest, latest] (equal for an exact time). */
export function installBand(collection: Collection): { earliest: number; latest: number } | undefined {
  const clock = ZoneClock.of(collection.timeZone);
  if (!clock) return undefined;
  const installed = collection.installed;
  if (installed.kind === 'exact') {
    const at = clock.toInstant(wallMs(installed.at));
    return { earliest: at, latest: at };
  }
  const from = clock.toInstant(wallMs(installed.from));
  const to = clock.toInstant(wallMs(installed.to));
  return { earliest: Math.min(from, to), latest: Math.max(from, to) };
}

/** Every pass (n >= 1) whose earliest start is before `until`, in order. */
export function verifyPasses(collection: Collection, cycle: VerifyCycle, until: number): VerifyPass[] {
  if (!cycle.enabled || !(cycle.intervalDays > 0) || !(cycle.ccimCycleHours > 0)) return [];
  const band = installBand(collection);
  if (!band) return [];
  const passMs = wakeUpsPerPass(cycle) * cycle.ccimCycleHours * HOUR_MS;
  const passes: VerifyPass[] = [];
  for (let n = 1; n <= MAX_PASSES; n++) {
    const earliest = band.earliest + n * passMs;
    if (earliest >= until) break;
    passes.push({
      collection: collection.id,
      n,
      earliest,
      latest: band.latest + n * passMs,
      durationMinutes: cycle.durationMinutes,
    });
  }
  return passes;
}
