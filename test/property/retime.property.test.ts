/**
 * The re-time fix against a brute-force search on random valid documents: every k = ±1 … ±48 is
 * tried with the WHOLE engine (`simulate` of the whole document with the start moved), in the
 * order SPEC §7 gives (|k| ascending, the later time on a tie), keeping only shifts that keep the
 * date; the fix must name exactly the first shift that leaves no unaccepted interruption of the
 * assignment, or be absent when none does. Applied to the text, it leaves no interruption of that
 * assignment and every other advertisement's findings as they were.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { analyzeValidation, validateText } from '../../server/src/core/analyze';
import { applyEdits } from '../../server/src/core/edits/yamlEdits';
import { simulate } from '../../server/src/core/engine/simulate';
import type { Interruption } from '../../server/src/core/engine/types';
import { retimeFix } from '../../server/src/core/fixes/retime';
import type { Advertisement, LocalDateTime, SmsDocument } from '../../server/src/core/model/types';
import { randomSmsText } from '../helpers/randomSmsText';

const MINUTE = 60_000;

/** The start moved by `minutes` on the bare calendar, or undefined when its date changes. */
function movedSameDate(t: LocalDateTime, minutes: number): LocalDateTime | undefined {
  const d = new Date(Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute) + minutes * MINUTE);
  const moved = {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
  };
  return moved.year === t.year && moved.month === t.month && moved.day === t.day ? moved : undefined;
}

function withStart(doc: SmsDocument, ad: Advertisement, j: number, start: LocalDateTime): SmsDocument {
  return {
    ...doc,
    advertisements: doc.advertisements.map((a) =>
      a !== ad
        ? a
        : {
            ...a,
            assignments: a.assignments.map((assignment, i) =>
              i === j && assignment.kind === 'schedule'
                ? { ...assignment, schedules: [{ ...assignment.schedules[0]!, start }] }
                : assignment,
            ),
          },
    ),
  };
}

describe('re-time fix, property', () => {
  it('agrees with a brute-force search over every k with the whole engine', () => {
    let fixes = 0;
    let none = 0;
    fc.assert(
      fc.property(randomSmsText(), fc.integer({ min: 0, max: 3 }), ({ text, defaultRunMinutes }, acceptEvery) => {
        const options = { defaultRunMinutes };
        // Accept every n-th run start's interruptions (0: none), standing in for accept comments.
        const isAccepted = (i: Interruption) => acceptEvery > 0 && (i.runStart / (15 * MINUTE)) % acceptEvery === 0;
        const validation = validateText(text);
        const doc = validation.model!;
        const analysis = analyzeValidation(validation, options);
        const all = analysis.simulation!.interruptions.toArray();
        const open = (found: readonly Interruption[], ad: Advertisement, j: number) =>
          found.some((i) => i.advertisement === ad.id && i.assignment === j && !isAccepted(i));
        for (const ad of doc.advertisements) {
          ad.assignments.forEach((assignment, j) => {
            const fix = retimeFix(validation, ad.id, j, options, isAccepted);
            const movable = assignment.kind === 'schedule' && assignment.schedules.length === 1;
            if (!movable || !open(all, ad, j)) return assert.equal(fix, undefined);
            const start = assignment.schedules[0]!.start;
            let expected: number | undefined;
            for (let k = 1; k <= 48 && expected === undefined; k++) {
              for (const minutes of [15 * k, -15 * k]) {
                const moved = movedSameDate(start, minutes);
                if (!moved) continue;
                const found = simulate(withStart(doc, ad, j, moved), options).interruptions.toArray();
                if (!open(found, ad, j)) {
                  expected = minutes;
                  break;
                }
              }
            }
            assert.equal(fix?.minutes, expected);
            if (!fix) return void none++;
            fixes++;
            assert.deepEqual(fix.start, movedSameDate(start, fix.minutes));
            const zone = assignment.schedules[0]!.gmt
              ? 'UTC'
              : doc.collections.find((c) => c.id === ad.collection)!.timeZone;
            const hh = String(fix.start.hour).padStart(2, '0');
            const mm = String(fix.start.minute).padStart(2, '0');
            assert.equal(fix.title, `Start ${ad.id}'s assignment at ${hh}:${mm} ${zone} instead (no interruptions)`);

            const fixedText = applyEdits(text, [fix.edit]);
            const fixed = analyzeValidation(validateText(fixedText), options);
            assert.deepEqual(fixed.diagnostics, [], fixedText);
            const after = fixed.simulation!.interruptions.toArray();
            assert.equal(open(after, ad, j), false, 'no unaccepted interruption of that assignment is left');
            const others = (found: readonly Interruption[]) =>
              found.filter((i) => i.advertisement !== ad.id || i.assignment !== j);
            assert.deepEqual(others(after), others(all), 'nothing else changes');
            const movedAssignment = fixed.model!.advertisements.find((a) => a.id === ad.id)!.assignments[j]!;
            assert.equal(movedAssignment.kind, 'schedule');
            if (movedAssignment.kind === 'schedule') assert.deepEqual(movedAssignment.schedules[0]!.start, fix.start);
          });
        }
      }),
      { numRuns: 500 },
    );
    assert.ok(fixes > 10 && none > 3, `fixes ${fixes}, none ${none}`);
  });
});
