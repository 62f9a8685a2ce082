/** Messages between the timeline webview and the extension (both directions are plain JSON). */
import type { Timeline } from '../../../server/src/shared/protocol';

export type ToWebview =
  { readonly type: 'timeline'; readonly timeline: Timeline } | { readonly type: 'busy'; readonly busy: boolean };

export type FromWebview =
  | { readonly type: 'ready' }
  | { readonly type: 'reveal'; readonly line: number; readonly character: number }
  | { readonly type: 'export' };

/** Narrows an untrusted message from the webview. */
export function isFromWebview(value: unknown): value is FromWebview {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as Record<string, unknown>;
  switch (message['type']) {
    case 'ready':
    case 'export':
      return true;
    case 'reveal':
      return Number.isInteger(message['line']) && Number.isInteger(message['character']);
    default:
      return false;
  }
}
