/**
 * The `[`/`{` depth walk of `tooDeeplyNested` (parse.ts), summarised per piece of a text so that
 * an edited document checks only its new pieces: the walk over the whole text exceeds a limit
 * exactly when the fold of its pieces' summaries says so, whatever the cut points.
 *
 * The walk adds 1 at `[`/`{`, subtracts 1 at `]`/`}` unless it is at 0 (a walk reflected at 0).
 * From a start depth d, after a piece whose prefix sums are S_0 = 0 … S_n, the depth at step i is
 * max(d + S_i, max over k ≤ i of (S_i − S_k)). So the deepest point of the piece is
 * max(d + highest, rise) and its end depth max(d + total, total − lowest).
 */

export interface BracketSummary {
  /** S_n: openings minus closings. */
  readonly total: number;
  /** The highest prefix sum (≥ 0, counting the empty prefix). */
  readonly highest: number;
  /** The lowest prefix sum (≤ 0). */
  readonly lowest: number;
  /** The largest rise S_i − S_k (k ≤ i): the deepest the piece reaches from depth 0. */
  readonly rise: number;
}

const NO_BRACKETS: BracketSummary = { total: 0, highest: 0, lowest: 0, rise: 0 };

export function bracketSummary(text: string): BracketSummary {
  const brackets = /[[\]{}]/g;
  if (!brackets.test(text)) return NO_BRACKETS;
  brackets.lastIndex = 0;
  let sum = 0;
  let highest = 0;
  let lowest = 0;
  let rise = 0;
  // `test`, not `exec`: no match object per bracket.
  while (brackets.test(text)) {
    const c = text.charCodeAt(brackets.lastIndex - 1);
    if (c === 91 /* [ */ || c === 123 /* { */) {
      sum++;
      if (sum > highest) highest = sum;
      if (sum - lowest > rise) rise = sum - lowest;
    } else {
      sum--;
      if (sum < lowest) lowest = sum;
    }
  }
  return { total: sum, highest, lowest, rise };
}

/** Folds summaries in text order: whether the walk from depth 0 goes above `limit`. */
export class BracketFold {
  private depth = 0;

  constructor(private readonly limit: number) {}

  /** Adds the next piece; false once the walk has gone above the limit inside it. */
  add(piece: BracketSummary): boolean {
    if (Math.max(this.depth + piece.highest, piece.rise) > this.limit) return false;
    this.depth = Math.max(this.depth + piece.total, piece.total - piece.lowest);
    return true;
  }
}
