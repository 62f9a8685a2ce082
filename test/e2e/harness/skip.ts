// One policy for tests that need something this machine may lack (an editor, a built bundle):
// skip LOUDLY by default, fail when CI demands the real-editor tests (`SMS_REQUIRE_EDITORS=1`, see .ci/run).
import type { TestContext } from 'node:test';

export type Availability = { ok: true } | { ok: false; reason: string };

/** Returns true when the test may proceed; otherwise skips it (or throws under SMS_REQUIRE_EDITORS=1). */
export function proceedOrSkip(t: TestContext, availability: Availability): boolean {
  if (availability.ok) return true;
  if (process.env.SMS_REQUIRE_EDITORS === '1') {
    throw new Error(`SMS_REQUIRE_EDITORS=1 but ${availability.reason}`);
  }
  console.warn(`SKIPPED ${t.name}: ${availability.reason}`);
  t.skip(availability.reason);
  return false;
}
