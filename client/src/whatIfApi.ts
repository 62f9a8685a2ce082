/**
 * The timeline's what-if commands on the server (protocol.ts): simulate with verify-cycle overrides,
 * and apply them. Kept beside ServerApi (languageClient.ts) because applying needs the client's
 * converter from an LSP WorkspaceEdit to a VS Code one.
 */
import * as vscode from 'vscode';
import type { LanguageClient, WorkspaceEdit } from 'vscode-languageclient/node';
import { ServerCommands, type ApplyWhatIfResult, type Timeline, type WhatIf } from '../../server/src/shared/protocol';

export type WhatIfOutcome =
  { readonly kind: 'applied' } | { readonly kind: 'unchanged' } | { readonly kind: 'refused'; readonly reason: string };

export class WhatIfApi {
  constructor(private readonly client: LanguageClient) {}

  simulate(uri: vscode.Uri, whatIf: WhatIf): Promise<Timeline> {
    return this.execute<Timeline>(ServerCommands.simulate, uri.toString(), whatIf);
  }

  /** Asks the server for the edit (pinned to `version`) and applies it as a quick fix's edit is applied. */
  async apply(uri: vscode.Uri, version: number | null, whatIf: WhatIf): Promise<WhatIfOutcome> {
    const result = await this.execute<ApplyWhatIfResult | null>(
      ServerCommands.applyWhatIf,
      uri.toString(),
      version,
      whatIf,
    );
    if (result === null) return { kind: 'refused', reason: 'the language server could not compute the edit' };
    if (!result.ok) return { kind: 'refused', reason: result.reason };
    if (result.edit === null) return { kind: 'unchanged' };
    const edit = await this.client.protocol2CodeConverter.asWorkspaceEdit(result.edit as WorkspaceEdit);
    return (await vscode.workspace.applyEdit(edit))
      ? { kind: 'applied' }
      : { kind: 'refused', reason: 'VS Code did not apply the edit (was the document changed meanwhile?)' };
  }

  private async execute<T>(command: string, ...args: unknown[]): Promise<T> {
    return (await this.client.sendRequest('workspace/executeCommand', { command, arguments: args })) as T;
  }
}
