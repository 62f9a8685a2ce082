/**
 * One timeline webview per document. The panel shows the server's Timeline, follows saves (and edits
 * when `smsSchedule.simulate` is `onType`), reveals clicked rows and exports standalone HTML.
 */
import * as vscode from 'vscode';
import { ClientCommands, type SimulateMode, type Timeline } from '../../server/src/shared/protocol';
import type { ServerApi } from './languageClient';
import type { SimulationStatus } from './status';
import { documentBaseName } from './documents';
import { isFromWebview, type FromWebview, type ToWebview } from './webview/messages';
import { renderTimelineHtml } from './webview/renderTimeline';

const VIEW_TYPE = 'smsSchedule.timeline';
const ON_TYPE_DELAY_MS = 600;

export class TimelinePanels implements vscode.Disposable {
  private readonly panels = new Map<string, TimelinePanel>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly server: ServerApi,
    private readonly status: SimulationStatus,
  ) {
    this.subscriptions.push(
      vscode.workspace.onDidSaveTextDocument((document) => this.panels.get(document.uri.toString())?.refresh()),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (simulateMode() === 'onType') this.panels.get(event.document.uri.toString())?.refreshSoon();
      }),
    );
  }

  /** Simulates `uri` and shows (or refreshes) its panel; returns the timeline for callers and tests. */
  async show(uri: vscode.Uri): Promise<Timeline> {
    const key = uri.toString();
    let panel = this.panels.get(key);
    if (panel === undefined) {
      panel = new TimelinePanel(uri, this.extensionUri, this.server, this.status, () => this.panels.delete(key));
      this.panels.set(key, panel);
    } else {
      panel.reveal();
    }
    return panel.refresh();
  }

  dispose(): void {
    for (const panel of [...this.panels.values()]) panel.dispose();
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

function simulateMode(): SimulateMode {
  return vscode.workspace.getConfiguration('smsSchedule').get<SimulateMode>('simulate', 'onSave');
}

class TimelinePanel {
  private readonly panel: vscode.WebviewPanel;
  private timeline: Timeline | undefined;
  private pendingRefresh: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly uri: vscode.Uri,
    private readonly extensionUri: vscode.Uri,
    private readonly server: ServerApi,
    private readonly status: SimulationStatus,
    onDispose: () => void,
  ) {
    const webviewRoot = vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
    this.panel = vscode.window.createWebviewPanel(
      VIEW_TYPE,
      `Timeline: ${documentBaseName(uri)}`,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, localResourceRoots: [webviewRoot] },
    );
    this.panel.webview.html = webviewHtml(this.panel.webview, webviewRoot);
    this.panel.webview.onDidReceiveMessage((message: unknown) => {
      if (isFromWebview(message)) void this.handle(message);
    });
    this.panel.onDidDispose(() => {
      clearTimeout(this.pendingRefresh);
      onDispose();
    });
  }

  reveal(): void {
    this.panel.reveal(undefined, true);
  }

  refreshSoon(): void {
    clearTimeout(this.pendingRefresh);
    this.pendingRefresh = setTimeout(() => void this.refresh().catch(() => undefined), ON_TYPE_DELAY_MS);
  }

  async refresh(): Promise<Timeline> {
    void this.post({ type: 'busy', busy: true });
    try {
      const timeline = await this.status.track(this.server.simulate(this.uri));
      this.timeline = timeline;
      void this.post({ type: 'timeline', timeline });
      return timeline;
    } finally {
      void this.post({ type: 'busy', busy: false });
    }
  }

  dispose(): void {
    this.panel.dispose();
  }

  private post(message: ToWebview): Thenable<boolean> {
    return this.panel.webview.postMessage(message);
  }

  private async handle(message: FromWebview): Promise<void> {
    switch (message.type) {
      case 'ready':
        if (this.timeline !== undefined) await this.post({ type: 'timeline', timeline: this.timeline });
        return;
      case 'reveal':
        await vscode.commands.executeCommand(
          ClientCommands.reveal,
          this.uri.toString(),
          message.line,
          message.character,
        );
        return;
      case 'export':
        await this.exportHtml();
        return;
    }
  }

  /** Saves a standalone page (same renderer, inline CSS) wherever the user chooses. */
  private async exportHtml(): Promise<void> {
    if (this.timeline === undefined) return;
    const name = documentBaseName(this.uri);
    const target = await vscode.window.showSaveDialog({
      defaultUri:
        this.uri.scheme === 'untitled' ? undefined : vscode.Uri.joinPath(this.uri, '..', `${name}.timeline.html`),
      filters: { HTML: ['html'] },
      saveLabel: 'Export Timeline',
    });
    if (target === undefined) return;
    const cssUri = vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview', 'timeline.css');
    const css = new TextDecoder().decode(await vscode.workspace.fs.readFile(cssUri));
    const html = renderTimelineHtml(this.timeline, css, `Verify-cycle timeline: ${name}`);
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(html));
    void vscode.window.showInformationMessage(`Timeline exported to ${vscode.workspace.asRelativePath(target)}.`);
  }
}

function webviewHtml(webview: vscode.Webview, webviewRoot: vscode.Uri): string {
  const nonce = createNonce();
  const script = webview.asWebviewUri(vscode.Uri.joinPath(webviewRoot, 'timeline.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(webviewRoot, 'timeline.css'));
  const csp = `default-src 'none'; script-src 'nonce-${nonce}'; style-src ${webview.cspSource}; img-src ${webview.cspSource}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${style.toString()}">
<title>SMS Schedule timeline</title>
</head>
<body>
<div class="toolbar">
<button id="export" type="button">Export HTML</button>
<span id="status" class="status" role="status" aria-live="polite"></span>
</div>
<p class="legend">Runs: bars. Verify passes: translucent bands (this tool's model, not Microsoft data). Interruptions: red, with likelihood. Delays: amber. Click a row or finding, or press Enter, to go to the assignment.</p>
<div id="timeline" aria-live="polite"></div>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
}

function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
