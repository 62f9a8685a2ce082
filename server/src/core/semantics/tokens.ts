import type { CoreDiagnostic } from '../diagnostics';
import type { ParsedDocument } from '../document/parse';
import { diagnostic, rangeAt } from '../schema/ranges';
import { decodeTokens } from '../tokens/codec';
import { asString, mapItems } from './read';

/** Every `token` string must decode (SPEC §5, §4.1 rule 15); the reason goes in the message. */
export function checkTokens(doc: ParsedDocument): CoreDiagnostic[] {
  const diagnostics: CoreDiagnostic[] = [];
  for (const advertisement of mapItems(doc.value, 'advertisements')) {
    for (const { item, path } of mapItems(advertisement.item, 'assignments', advertisement.path)) {
      const token = asString(item['token']);
      if (token === undefined) continue;
      const decoded = decodeTokens(token);
      if (!decoded.ok) {
        const message = `Invalid schedule token: ${decoded.reason}`;
        diagnostics.push(diagnostic('invalid-token', 'error', message, rangeAt(doc, [...path, 'token'])));
      }
    }
  }
  return diagnostics;
}
