/**
 * "Convert to readable schedule" / "Convert to SMS token" on random valid documents: every
 * conversion offered gives a valid text with identical findings; converting back is offered and
 * gives the token text again (token → readable → token is the identity), and a readable item
 * comes back in the canonical form, which is then a fixed point. A token gets the readable
 * conversion exactly when it holds one schedule with no duration, the advertisement's GMT flag,
 * no unused bits and upper-case digits (decided here from the decoded fields, not by encoding).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { analyzeValidation, validateText, type Validation } from '../../server/src/core/analyze';
import {
  convertAssignment,
  CONVERT_TO_READABLE_TITLE,
  CONVERT_TO_TOKEN_TITLE,
} from '../../server/src/core/edits/convertAssignment';
import { applyEdits } from '../../server/src/core/edits/yamlEdits';
import { decodeTokens } from '../../server/src/core/tokens/codec';
import { hexToWords } from '../../server/src/core/tokens/layout';
import { plainSimulation } from '../helpers/findings';
import { randomSmsText } from '../helpers/randomSmsText';

/** Low-word bits each token type uses (SPEC §5); any other set bit is an unused one. */
const USED_LOW_BITS: Record<number, number> = {
  1: 0,
  2: (63 << 13) | (31 << 8) | (31 << 3),
  3: (7 << 16) | (7 << 13),
  4: (7 << 16) | (15 << 12) | (7 << 9),
  5: (31 << 14) | (15 << 10),
};
const COMMON_LOW_BITS = (31 << 27) | (31 << 22) | (7 << 19) | 1;

function expectReadable(token: string, advertisementGmt: boolean): boolean {
  const decoded = decodeTokens(token);
  if (!decoded.ok || decoded.schedules.length !== 1 || token !== token.toUpperCase()) return false;
  const s = decoded.schedules[0]!;
  const d = s.duration!;
  const lo = hexToWords(token).lo;
  const type = (lo >>> 19) & 7;
  const unused = lo & ~(COMMON_LOW_BITS | (USED_LOW_BITS[type] ?? 0));
  return s.gmt === advertisementGmt && d.days + d.hours + d.minutes === 0 && unused === 0;
}

function findings(validation: Validation, defaultRunMinutes: number) {
  return plainSimulation(analyzeValidation(validation, { defaultRunMinutes }).simulation);
}

describe('assignment conversions, property', () => {
  it('keep findings identical, and the round trip gives the text back where offered', () => {
    let offered = 0;
    let declined = 0;
    fc.assert(
      fc.property(randomSmsText(), ({ text, defaultRunMinutes }) => {
        const validation = validateText(text);
        assert.deepEqual(validation.diagnostics, [], 'the generator writes valid documents');
        const before = findings(validation, defaultRunMinutes);
        for (const advertisement of validation.model!.advertisements) {
          advertisement.assignments.forEach((assignment, j) => {
            const conversion = convertAssignment(validation, advertisement.index, j);
            if (assignment.kind === 'event') return assert.equal(conversion, undefined);
            const value = (validation.parsed.value as { advertisements: { assignments: Record<string, unknown>[] }[] })
              .advertisements[advertisement.index]!.assignments[j]!;
            const fromToken = typeof value.token === 'string';
            const expected = fromToken ? expectReadable(value.token as string, advertisement.gmt) : true;
            assert.equal(conversion !== undefined, expected, `offered for ${JSON.stringify(value)}`);
            if (!conversion) return void declined++;
            offered++;
            assert.equal(conversion.title, fromToken ? CONVERT_TO_READABLE_TITLE : CONVERT_TO_TOKEN_TITLE);

            const converted = applyEdits(text, [conversion.edit]);
            const after = validateText(converted);
            assert.deepEqual(after.diagnostics, [], converted);
            assert.deepEqual(findings(after, defaultRunMinutes), before);

            const back = convertAssignment(after, advertisement.index, j);
            assert.ok(back, 'converting back is offered');
            assert.equal(back.title, fromToken ? CONVERT_TO_TOKEN_TITLE : CONVERT_TO_READABLE_TITLE);
            const restored = applyEdits(converted, [back.edit]);
            const restoredValidation = validateText(restored);
            assert.deepEqual(findings(restoredValidation, defaultRunMinutes), before);
            assert.deepEqual(restoredValidation.model!.advertisements, validation.model!.advertisements);
            if (fromToken) {
              assert.equal(restored, text, 'token → readable → token is the identity');
            } else {
              // The canonical readable form is a fixed point of the round trip.
              const again = convertAssignment(restoredValidation, advertisement.index, j)!;
              const token2 = applyEdits(restored, [again.edit]);
              assert.equal(token2, converted);
              const readable2 = applyEdits(token2, [
                convertAssignment(validateText(token2), advertisement.index, j)!.edit,
              ]);
              assert.equal(readable2, restored);
            }
          });
        }
      }),
      { numRuns: 120 },
    );
    // The generator must exercise both outcomes, or the property says little.
    assert.ok(offered > 100 && declined > 10, `offered ${offered}, declined ${declined}`);
  });
});
