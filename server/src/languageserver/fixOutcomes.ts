/**
 * The texts that the engine fixes just proposed for a document would produce (as digests). When
 * the next change makes one of them, the user applied that fix: the server runs the engine at once
 * and publishes the outcome, instead of leaving the site's warnings blank until the next save.
 */
import { createHash } from 'node:crypto';

const digest = (text: string): string => createHash('sha1').update(text).digest('base64');

export class FixOutcomes {
  private readonly byDocument = new Map<string, Set<string>>();

  /** Replaces the outcomes remembered for `uri` (the last code-action reply wins). */
  expect(uri: string, texts: readonly string[]): void {
    if (texts.length === 0) this.byDocument.delete(uri);
    else this.byDocument.set(uri, new Set(texts.map(digest)));
  }

  /** Whether `text` is one of the expected outcomes (each is taken once). */
  take(uri: string, text: string): boolean {
    const expected = this.byDocument.get(uri);
    if (expected === undefined || !expected.delete(digest(text))) return false;
    this.byDocument.delete(uri);
    return true;
  }

  forget(uri: string): void {
    this.byDocument.delete(uri);
  }
}
