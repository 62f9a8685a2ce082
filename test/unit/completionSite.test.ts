/**
 * Where a completion goes is found by parsing only the cursor's piece of the document (a large
 * document would otherwise be parsed whole on every keystroke): it must answer as one parse of
 * the whole text does, at every line of valid and half-typed documents.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { generateDocument } from '../../bench/generate';
import { parseText } from '../../server/src/core/document/parse';
import { completionSiteAt, type CompletionSite } from '../../server/src/core/ide/completionSite';
import { example } from '../helpers/paths';

function plain(site: CompletionSite | undefined): unknown {
  return site && { ...site, value: site.value };
}

/** Compares the piece answer with the whole-document one at the end of every line and after every `: `. */
function assertSameSites(text: string): number {
  const parsed = parseText(text);
  let compared = 0;
  for (let line = 0; line < parsed.lines.lineCount; line++) {
    const start = parsed.lines.offsetAt({ line, character: 0 });
    const content = text.slice(start, parsed.lines.lineEnd(line));
    const colon = content.indexOf(': ');
    const columns = [content.length, ...(colon >= 0 ? [colon + 2] : [])];
    for (const character of columns) {
      const position = { line, character };
      const local = completionSiteAt(text, parsed.lines, position, { documentValue: parsed.value });
      const whole = completionSiteAt(text, parsed.lines, position, { wholeDocument: true });
      assert.deepEqual(plain(local), plain(whole), `line ${line}: ${JSON.stringify(content)} at ${character}`);
      if (whole) compared++;
    }
  }
  return compared;
}

test('completion sites from the cursor piece equal those of a whole parse, on valid documents', () => {
  const generated = generateDocument({ advertisements: 12, days: 60, seed: 4 }).text;
  const lab = readFileSync(example('lab.sms.yaml'), 'utf8');
  assert.ok(assertSameSites(generated) > 100);
  assert.ok(assertSameSites(lab) > 30);
});

test('… and on documents with a half-typed line (the document itself does not parse)', () => {
  const lab = readFileSync(example('lab.sms.yaml'), 'utf8');
  const halfTyped = [
    lab.replace('    program: ', '    pro\n    program: '),
    lab.replace('  - id: ', '  - \n  - id: '),
    lab.replace('    collection: ', '    collection: \n    pack\n    x-collection: '),
  ];
  for (const text of halfTyped) {
    assert.notEqual(text, lab);
    assert.ok(assertSameSites(text) > 30);
  }
});
