/**
 * Bad input for the authoring features (inlay hints, conversions, the re-time fix): truncated,
 * mangled and odd texts give answers or nothing, never a throw; and CRLF texts keep CRLF.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { validateText } from '../../server/src/core/analyze';
import { assignmentConversions, convertAssignment } from '../../server/src/core/edits/convertAssignment';
import { applyEdits } from '../../server/src/core/edits/yamlEdits';
import { retimeFix } from '../../server/src/core/fixes/retime';
import { inlayHints } from '../../server/src/core/ide/inlayHints';
import { example } from '../helpers/paths';
import { mulberry32 } from '../helpers/prng';

const lab = readFileSync(example('lab.sms.yaml'), 'utf8');

function everything(text: string): void {
  const validation = validateText(text);
  inlayHints(validation);
  inlayHints(validation, { start: 0, end: text.length });
  assignmentConversions(validation, { start: 0, end: text.length });
  for (const ad of validation.model?.advertisements ?? []) {
    for (let j = -1; j <= ad.assignments.length; j++) {
      convertAssignment(validation, ad.index, j);
      retimeFix(validation, ad.id, j);
    }
  }
}

describe('authoring features on bad input', () => {
  it('never throw on truncated or mangled documents', () => {
    const random = mulberry32(12);
    const samples = [
      '',
      '{',
      '- - -',
      'advertisements: 7',
      'version: 1\nadvertisements: [ { assignments: [ { token: x } ] } ]',
    ];
    for (let i = 0; i < 150; i++) {
      const cut = random.int(0, lab.length);
      const at = random.int(0, lab.length - 1);
      const junk = random.pick(['', ' ', '\n', '"', ':', '#', '- ', '{', 'ZZ', '\t']);
      samples.push(lab.slice(0, cut), lab.slice(0, at) + junk + lab.slice(at + 1));
    }
    for (const text of samples) assert.doesNotThrow(() => everything(text), text);
  });

  it('keep CRLF line breaks when converting to the readable form', () => {
    const crlf = lab.replace(/\n/g, '\r\n');
    const toToken = convertAssignment(validateText(crlf), 0, 0)!;
    const tokenText = applyEdits(crlf, [toToken.edit]);
    const back = convertAssignment(validateText(tokenText), 0, 0)!;
    assert.equal(applyEdits(tokenText, [back.edit]), crlf);
    const fix = retimeFix(validateText(crlf), 'LAB20001', 0)!;
    assert.equal(applyEdits(crlf, [fix.edit]), crlf.replace('T00:30', 'T00:15'));
  });
});
