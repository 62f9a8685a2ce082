/**
 * Text mutations for the LSP fuzzer. Each takes a document and the seeded PRNG and returns a new
 * text; the list covers what editors and users actually produce (typos, bad indentation, pasted
 * unicode, CRLF files, BOMs, tabs, half-saved files) plus values aimed at our own code paths
 * (dates, tokens, huge numbers, dense recurrences).
 */
import type { Random } from '../helpers/prng';

export interface Mutation {
  readonly name: string;
  apply(text: string, random: Random): string;
}

const lines = (text: string): string[] => text.split('\n');
const joined = (list: readonly string[]): string => list.join('\n');

/** Characters that matter to YAML, plus letters, digits and whitespace. */
const INTERESTING_CHARS = [...':-{}[],"\'#&*!|>%@` \t\n\r?', 'a', 'Z', '0', '9', '\u0000', '\u00A0'];

const UNICODE_SNIPPETS = [
  '😀',
  '👩‍👩‍👧‍👦',
  '\uD83D', // a lone high surrogate, as a broken paste leaves it
  '\uDE00',
  'e\u0301', // combining accent
  '\u202E', // right-to-left override
  '\u200B', // zero-width space
  '\u2028', // line separator (not a YAML line break)
  '\uFFFD', // what invalid UTF-8 decodes to
  '日本語',
  'Ω≈ç√',
  '\uFEFF',
];

const TYPE_SWAPS = [
  '[]',
  '{}',
  'true',
  'false',
  '~',
  'null',
  '""',
  "''",
  '42',
  '-1',
  '1.5',
  '0x1F',
  '.inf',
  '|',
  '>',
  '[1, 2]',
  '{ a: 1 }',
  '- x',
  '&a x',
  '*a',
  '!!str 5',
  '!!binary aGVsbG8=',
];

const HUGE_NUMBERS = [
  '1e308',
  '1e309',
  '-1e308',
  '99999999999999999999',
  '9007199254740993',
  '-0',
  '.nan',
  '-.inf',
  '0',
  '2147483648',
  '4294967296',
  `1${'0'.repeat(400)}`,
  '0.000000001',
];

const DATES = [
  '2001-02-30T25:61',
  '1969-12-31T23:59',
  '1970-01-01T00:00',
  '2033-12-31T23:59',
  '2034-01-01T00:00',
  '2100-03-01T00:30',
  '9999-12-31T23:59',
  '0000-01-01T00:00',
  '2001-03-11T02:30',
  '2001-03-01T00:30:59',
  '2001-03-01T00:30Z',
  '2001-03-01',
  '2001-13-01T00:00',
  '-2001-03-01T00:00',
];

const TOKENS = [
  '"00811A9E081A2000"',
  '"000A4700002BC400"',
  '"FFFFFFFFFFFFFFFF"',
  '"0000000000000000"',
  '"00811A9E081A2000000A4700002BC400"',
  '"00811A9E081A200"',
  '"zz811A9E081A2000"',
  '""',
  '"' + '0'.repeat(1600) + '"',
];

/** Recurrence and horizon values that make the engine work hard (every minute, 10 years). */
const DENSE = [
  'every: { minutes: 1 }',
  'every: { days: 0, hours: 0, minutes: 1 }',
  'days: 3660',
  'intervalDays: 1',
  'ccimCycleHours: 1',
  'durationMinutes: 1440',
  'clients: 999999999',
  'estimatedRunMinutes: 1440',
  'every: {}',
  'weekly: { day: mon, weeks: 4 }',
  'monthlyByDate: { day: 0, months: 12 }',
];

/** Replaces the value after the first `key: ` of a random line that has one. */
function replaceValue(text: string, random: Random, values: readonly string[], matching?: RegExp): string {
  const list = lines(text);
  const candidates = list
    .map((line, i) => ({ line, i }))
    .filter(({ line }) => /:\s+\S/.test(line) && (matching === undefined || matching.test(line)));
  if (candidates.length === 0) return text;
  const { line, i } = random.pick(candidates);
  list[i] = line.replace(/(:\s+)(.*)$/, (_m, sep: string) => `${sep}${random.pick(values)}`);
  return joined(list);
}

function randomOffset(text: string, random: Random): number {
  return random.int(0, text.length);
}

export const MUTATIONS: readonly Mutation[] = [
  {
    name: 'byte flip',
    apply: (text, random) => {
      if (text.length === 0) return random.pick(INTERESTING_CHARS);
      const at = random.int(0, text.length - 1);
      return text.slice(0, at) + random.pick(INTERESTING_CHARS) + text.slice(at + 1);
    },
  },
  {
    name: 'delete line',
    apply: (text, random) => {
      const list = lines(text);
      list.splice(random.int(0, list.length - 1), random.int(1, 3));
      return joined(list);
    },
  },
  {
    name: 'duplicate line',
    apply: (text, random) => {
      const list = lines(text);
      const i = random.int(0, list.length - 1);
      list.splice(i, 0, ...list.slice(i, i + random.int(1, 4)));
      return joined(list);
    },
  },
  {
    name: 'indentation shift',
    apply: (text, random) => {
      const list = lines(text);
      const start = random.int(0, list.length - 1);
      const count = random.int(1, 5);
      const shift = random.pick([-4, -2, -1, 1, 2, 4]);
      for (let i = start; i < Math.min(list.length, start + count); i++) {
        const line = list[i] as string;
        list[i] = shift > 0 ? ' '.repeat(shift) + line : line.replace(new RegExp(`^ {0,${-shift}}`), '');
      }
      return joined(list);
    },
  },
  { name: 'type swap', apply: (text, random) => replaceValue(text, random, TYPE_SWAPS) },
  { name: 'huge number', apply: (text, random) => replaceValue(text, random, HUGE_NUMBERS, /:\s+-?\d/) },
  { name: 'date', apply: (text, random) => replaceValue(text, random, DATES, /\d{4}-\d\d-\d\d/) },
  { name: 'token', apply: (text, random) => replaceValue(text, random, TOKENS, /token:|at:/) },
  {
    name: 'dense schedule',
    apply: (text, random) => {
      const value = random.pick(DENSE);
      const key = value.slice(0, value.indexOf(':'));
      const list = lines(text);
      const i = list.findIndex((line) => line.trimStart().startsWith(`${key}:`));
      if (i < 0) return text;
      const line = list[i] as string;
      list[i] = line.slice(0, line.indexOf(key)) + value;
      return joined(list);
    },
  },
  {
    name: 'unicode',
    apply: (text, random) => {
      const at = randomOffset(text, random);
      return text.slice(0, at) + random.pick(UNICODE_SNIPPETS) + text.slice(at);
    },
  },
  {
    name: 'CRLF',
    apply: (text, random) => (random.chance(0.5) ? text.replace(/\n/g, '\r\n') : text.replace(/\n/, '\r')),
  },
  { name: 'BOM', apply: (text) => `\uFEFF${text}` },
  {
    name: 'tabs',
    apply: (text, random) =>
      lines(text)
        .map((line) => (random.chance(0.3) ? line.replace(/^( {2})+/, (m) => '\t'.repeat(m.length / 2)) : line))
        .join('\n'),
  },
  { name: 'truncation', apply: (text, random) => text.slice(0, randomOffset(text, random)) },
  {
    name: 'swap lines',
    apply: (text, random) => {
      const list = lines(text);
      const a = random.int(0, list.length - 1);
      const b = random.int(0, list.length - 1);
      [list[a], list[b]] = [list[b] as string, list[a] as string];
      return joined(list);
    },
  },
  {
    name: 'insert key',
    apply: (text, random) => {
      const list = lines(text);
      const i = random.int(0, list.length);
      const indent = ' '.repeat(random.pick([0, 2, 4, 6, 8]));
      list.splice(
        i,
        0,
        `${indent}${random.pick(['x', 'version', 'sites', 'every', 'at', 'token', '<<', '? a'])}: ${random.pick(TYPE_SWAPS)}`,
      );
      return joined(list);
    },
  },
];

/** Applies 1..max random mutations; returns the text and the names of what was applied. */
export function mutate(text: string, random: Random, max = 4): { text: string; applied: string[] } {
  const applied: string[] = [];
  let result = text;
  const count = random.int(1, max);
  for (let i = 0; i < count; i++) {
    const mutation = random.pick(MUTATIONS);
    result = mutation.apply(result, random);
    applied.push(mutation.name);
  }
  return { text: result, applied };
}
