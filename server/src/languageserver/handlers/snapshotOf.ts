/**
 * The common first step of a request: the open document's current snapshot and its settings.
 * Undefined when the document is not open, is over the size limit (never parsed), or changed
 * while the settings were read (the answer would be about text the editor no longer has).
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Snapshot } from '../../core/index';
import type { ServerSettings } from '../../shared/protocol';
import type { ServerContext } from '../context';
import { oversizedBytes } from '../sizeLimit';

export interface RequestSnapshot {
  readonly document: TextDocument;
  readonly snapshot: Snapshot;
  readonly settings: ServerSettings;
}

export async function snapshotOf(context: ServerContext, uri: string): Promise<RequestSnapshot | undefined> {
  const document = context.sessions.get(uri);
  if (document === undefined || oversizedBytes(document.getText()) !== undefined) return undefined;
  const version = document.version;
  const settings = await context.settings.forDocument(uri);
  if (!context.sessions.isCurrent(uri, version)) return undefined;
  return { document, snapshot: context.sessions.snapshot(document), settings };
}
