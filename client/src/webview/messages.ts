/** Messages between the timeline webview and the extension (both directions are plain JSON). */
import type { Timeline, WhatIf } from '../../../server/src/shared/protocol';

export type ToWebview =
  /** The document's timeline, and the what-if's when one is being tried. */
  | { readonly type: 'timeline'; readonly timeline: Timeline; readonly whatIf?: Timeline }
  | { readonly type: 'busy'; readonly busy: boolean }
  /** A one-line outcome (applied, refused, failed) to show in the panel. */
  | { readonly type: 'notice'; readonly text: string; readonly error: boolean };

export type FromWebview =
  | { readonly type: 'ready' }
  | { readonly type: 'reveal'; readonly line: number; readonly character: number }
  | { readonly type: 'export' }
  /** Try these values (`{}`: back to the document). */
  | { readonly type: 'whatIf'; readonly whatIf: WhatIf }
  /** Write these values into the document, as the quick fixes do. */
  | { readonly type: 'applyWhatIf'; readonly whatIf: WhatIf };

/** Narrows an untrusted message from the webview (the server checks a what-if's values). */
export function isFromWebview(value: unknown): value is FromWebview {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as Record<string, unknown>;
  switch (message['type']) {
    case 'ready':
    case 'export':
      return true;
    case 'reveal':
      return Number.isInteger(message['line']) && Number.isInteger(message['character']);
    case 'whatIf':
    case 'applyWhatIf': {
      const whatIf = message['whatIf'];
      return typeof whatIf === 'object' && whatIf !== null && !Array.isArray(whatIf);
    }
    default:
      return false;
  }
}
