/**
 * One timeline webview per document. The panel shows the server's Timeline, follows saves (and edits
 * when `smsSchedule.simulate` is `onType`), reveals clicked rows, exports standalone HTML, and runs
 * the what-if: the timeline as if some sites had other verify-cycle values, and "Apply" to write them.
 */
import * as vscode from 'vscode';
import { ClientCommands, type SimulateMode, type Timeline, type WhatIf } from '../../server/src/shared/protocol';
import type { ServerApi } from './languageClient';
import type { WhatIfApi } from './whatIfApi';
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
    private readonly whatIfApi: WhatIfApi,
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
      panel = new TimelinePanel(uri, this.extensionUri, this.server, this.whatIfApi, this.status, () =>
        this.panels.delete(key),
      );
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

function isEmpty(whatIf: WhatIf): boolean {
  return Object.keys(whatIf).length === 0;
}

function simulateMode(): SimulateMode {
  return vscode.workspace.getConfiguration('smsSchedule').get<SimulateMode>('simulate', 'onSave');
}

class TimelinePanel {
  private readonly panel: vscode.WebviewPanel;
  private timeline: Timeline | undefined;
  private whatIfTimeline: Timeline | undefined;
  /** The values being tried; `{}` when none. */
  private whatIf: WhatIf = {};
  /** Only the newest simulation is shown (what-if requests can overtake each other). */
  private generation = 0;
  private pendingRefresh: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly uri: vscode.Uri,
    private readonly extensionUri: vscode.Uri,
    private readonly server: ServerApi,
    private readonly whatIfApi: WhatIfApi,
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

  /** Simulates the document (and the what-if being tried, if any) and shows it. */
  async refresh(): Promise<Timeline> {
    const generation = ++this.generation;
    void this.post({ type: 'busy', busy: true });
    try {
      const timeline = await this.status.track(this.server.simulate(this.uri));
      const whatIf = isEmpty(this.whatIf)
        ? undefined
        : await this.status.track(this.whatIfApi.simulate(this.uri, this.whatIf));
      if (generation === this.generation) this.show(timeline, whatIf);
      return timeline;
    } finally {
      if (generation === this.generation) void this.post({ type: 'busy', busy: false });
    }
  }

  private show(timeline: Timeline, whatIf: Timeline | undefined): void {
    this.timeline = timeline;
    this.whatIfTimeline = whatIf;
    void this.post({ type: 'timeline', timeline, ...(whatIf === undefined ? {} : { whatIf }) });
  }

  /** The what-if against the last simulated document (which is simulated again only on change). */
  private async tryWhatIf(whatIf: WhatIf): Promise<void> {
    this.whatIf = whatIf;
    if (this.timeline === undefined || isEmpty(whatIf)) {
      await this.refresh();
      return;
    }
    const generation = ++this.generation;
    const document = this.timeline;
    void this.post({ type: 'busy', busy: true });
    try {
      const tried = await this.status.track(this.whatIfApi.simulate(this.uri, whatIf));
      if (generation === this.generation) this.show(document, tried);
    } finally {
      if (generation === this.generation) void this.post({ type: 'busy', busy: false });
    }
  }

  /** Writes the what-if into the document (and NAME.cliverify.md) with the server's edit, as the quick fixes do. */
  private async applyWhatIf(whatIf: WhatIf): Promise<void> {
    const version = this.timeline?.version ?? null;
    const outcome = await this.whatIfApi.apply(this.uri, version, whatIf);
    const name = this.uri.path.slice(this.uri.path.lastIndexOf('/') + 1);
    if (outcome.kind === 'refused') {
      void this.post({ type: 'notice', text: `Not applied: ${outcome.reason}`, error: true });
      await this.refresh();
      return;
    }
    this.whatIf = {};
    void this.post({
      type: 'notice',
      text: outcome.kind === 'applied' ? `Applied to ${name}.` : `${name} already has these values.`,
      error: false,
    });
    await this.refresh();
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
        if (this.timeline !== undefined) this.show(this.timeline, this.whatIfTimeline);
        return;
      case 'whatIf':
        await this.tryWhatIf(message.whatIf);
        return;
      case 'applyWhatIf':
        await this.applyWhatIf(message.whatIf);
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
<div class="range" role="group" aria-label="Visible range">
<button id="zoom-out" type="button" title="Zoom out" aria-label="Zoom out">−</button>
<button id="zoom-in" type="button" title="Zoom in" aria-label="Zoom in">+</button>
<button id="pan-left" type="button" title="Earlier" aria-label="Earlier">◀</button>
<button id="pan-right" type="button" title="Later" aria-label="Later">▶</button>
<button id="fit" type="button" title="Show the whole horizon">Whole horizon</button>
<label>From <input id="view-from" type="date"></label>
<label>to <input id="view-to" type="date"></label>
</div>
<button id="export" type="button">Export HTML</button>
<span id="status" class="status" role="status" aria-live="polite"></span>
</div>
<p id="summary" class="summary" aria-live="polite"></p>
<p id="whatif-banner" class="whatif-banner" role="status" hidden></p>
<div id="timeline"></div>
<p class="hint">Ctrl+wheel (or the wheel over the dates) zooms, Shift+wheel pans. Click a row or finding, or press Enter, to go to the assignment.</p>
<div id="legend"></div>
<details id="whatif" class="whatif" open>
<summary>What if… try verify-cycle values per site before editing</summary>
<div id="whatif-sites"></div>
<div class="whatif-actions">
<button id="whatif-apply" type="button" disabled>Apply to the document</button>
<button id="whatif-reset" type="button" class="secondary" disabled>Reset</button>
<span id="whatif-notice" class="whatif-notice" role="status" aria-live="polite"></span>
</div>
<p class="hint">"Periodically verify" and "Interval" are the Cliverify settings (Q246040); the pass length is this tool's model. Apply writes the values into the YAML and regenerates NAME.cliverify.md, as the quick fixes do.</p>
</details>
<div id="findings"></div>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
}

function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
