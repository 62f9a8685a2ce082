/**
 * The Cliverify configuration file beside a document (SPEC §7): its uri and its content for a
 * document's analysis. (Whether an existing file may be overwritten needs the file system: the
 * language server decides, with `isGeneratedCliverifyFile`.)
 */
import type { Analysis } from '../analyze';
import {
  buildCliverifyConfig,
  cliverifyFileName,
  cliverifyJson,
  renderCliverifyMarkdown,
  type CliverifyConfig,
} from '../cliverify/config';
import { adviseCliverify } from '../cliverify/advice';
import type { SimulationOptions } from '../engine/types';

/** `file:///dir/lab.sms.yaml` → `file:///dir/lab.cliverify.md` (only the last segment changes). */
export function cliverifyUri(documentUri: string): string {
  return cliverifyFileName(documentUri);
}

/**
 * The Cliverify file's uri when it is a plain sibling of the document, else undefined (and no file
 * is proposed): same scheme, authority and directory, no query or fragment, and a last segment
 * that decodes to a name without separators (`%2F`, `%5C` would climb out of the directory once
 * an editor decodes the path). `untitled:` documents have no directory.
 */
export function siblingCliverifyUri(documentUri: string): string | undefined {
  let target: string;
  let document: URL;
  let output: URL;
  try {
    target = cliverifyUri(documentUri);
    document = new URL(documentUri);
    output = new URL(target);
  } catch {
    return undefined;
  }
  if (document.search !== '' || document.hash !== '' || output.search !== '' || output.hash !== '') return undefined;
  const slash = document.pathname.lastIndexOf('/');
  if (slash < 0) return undefined;
  const directory = document.pathname.slice(0, slash + 1);
  if (output.protocol !== document.protocol || output.host !== document.host) return undefined;
  if (!output.pathname.startsWith(directory)) return undefined;
  let name: string;
  try {
    name = decodeURIComponent(output.pathname.slice(directory.length));
  } catch {
    return undefined;
  }
  if (/[/\\\0]/.test(name) || !name.endsWith('.cliverify.md') || name === '.cliverify.md') return undefined;
  return target;
}

/** The document's file name as a user reads it (decoded last uri segment). */
export function documentFileName(documentUri: string): string {
  const last = documentUri.slice(documentUri.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

export interface CliverifyOutput {
  readonly config: CliverifyConfig;
  readonly markdown: string;
  readonly json: unknown;
  readonly fileUri: string;
}

/** Undefined when the analysis has no model or no simulation (a document with errors). */
export function cliverifyOutput(
  documentUri: string,
  analysis: Analysis,
  options: SimulationOptions,
): CliverifyOutput | undefined {
  if (analysis.model === undefined || analysis.simulation === undefined) return undefined;
  const config = adviseCliverify(
    buildCliverifyConfig(analysis.model, analysis.simulation, options),
    analysis.model,
    analysis.accepted,
    options,
  );
  return {
    config,
    markdown: renderCliverifyMarkdown(config, documentFileName(documentUri)),
    json: cliverifyJson(config),
    fileUri: cliverifyUri(documentUri),
  };
}
