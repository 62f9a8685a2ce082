/**
 * Finds time limits under the hang limit in test sources: a comparison of a duration (`…ms < N`,
 * `…Ms <= N`), a `timeout`/`timeoutMs`/`slowMs` option, or the deadline argument of `waitFor(…)`.
 * A limit is a numeric literal or a constant defined in the scanned sources; anything else it
 * cannot resolve is reported too (a lone lower-case name is a parameter or variable, checked where it
 * gets its value). A line that says `timing-ok:` with a reason is left out (a limit that makes the
 * check stricter on purpose, such as the fuzzer's own slow-reply detector test).
 */
import { HANG_LIMIT_MS } from '../helpers/hangLimit';

export interface TimedLimit {
  readonly file: string;
  readonly line: number;
  readonly text: string;
  readonly limitMs: number | undefined;
}

const COMPARISON = /(?:\bms|\b\w+Ms|\b\w+_MS)\s*<=?\s*([\w.* ]+?)\s*[,);]/g;
const OPTION = /\b(?:timeout|timeoutMs|slowMs|noReplyMs|graceMs|attemptTimeoutMs)\s*[:=]\s*([\w.* ]+?)\s*[,}\n;)]/g;
const WAIT_FOR = /\bwaitFor\(\s*(?:'[^']*'|`[^`]*`|"[^"]*")\s*,[^;]*?,\s*([\w.*]+)\s*(?:,\s*[\w.]+\s*)?\)/g;
const CONSTANT = /\b(?:const|let)\s+([A-Z][A-Z0-9_]*|\w+Ms)\s*(?::\s*\w+\s*)?=\s*([\d_]+)\s*;/g;

/** Constants `NAME = 123;` of all sources, so `x < NAME` resolves. */
export function constantsOf(sources: ReadonlyMap<string, string>): Map<string, number> {
  const found = new Map<string, number>([['HANG_LIMIT_MS', HANG_LIMIT_MS]]);
  for (const text of sources.values()) {
    for (const match of text.matchAll(CONSTANT)) found.set(match[1]!, Number(match[2]!.replace(/_/g, '')));
  }
  return found;
}

/** `10_000`, `60 * 1000`, `2 * HANG_LIMIT_MS`: the value in ms, or undefined when it is not a constant. */
export function evaluateLimit(expression: string, constants: ReadonlyMap<string, number>): number | undefined {
  let value = 1;
  for (const factor of expression.split('*').map((part) => part.trim())) {
    const number = /^[\d_]+$/.test(factor) ? Number(factor.replace(/_/g, '')) : constants.get(factor);
    if (number === undefined) return undefined;
    value *= number;
  }
  return value;
}

/** Every limit in `sources` (path → text) that is under the hang limit or cannot be resolved. */
export function shortLimits(sources: ReadonlyMap<string, string>): TimedLimit[] {
  const constants = constantsOf(sources);
  const found: TimedLimit[] = [];
  for (const [file, text] of sources) {
    for (const pattern of [COMPARISON, OPTION, WAIT_FOR]) {
      for (const match of text.matchAll(pattern)) {
        const expression = match[1]!;
        const limitMs = evaluateLimit(expression, constants);
        if (limitMs !== undefined && limitMs >= HANG_LIMIT_MS) continue;
        if (limitMs === undefined && /^[a-z]\w*$/.test(expression)) continue;
        const line = text.slice(0, match.index).split('\n').length;
        if (/timing-ok:/.test(text.split('\n')[line - 1] ?? '')) continue;
        found.push({ file, line, text: match[0].trim(), limitMs });
      }
    }
  }
  return found;
}
