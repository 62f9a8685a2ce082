/**
 * Webview entry (bundled as a browser IIFE to dist/webview/timeline.js): renders the timeline the
 * extension posts, and turns clicks / Enter on rows and findings into `reveal` messages.
 */
import './timeline.css';
import { renderTimelineSvg } from './renderTimeline';
import type { FromWebview, ToWebview } from './messages';
import type { Timeline } from '../../../server/src/shared/protocol';

interface VsCodeApi {
  postMessage(message: FromWebview): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const container = document.getElementById('timeline');
const status = document.getElementById('status');
const exportButton = document.getElementById('export');

function render(timeline: Timeline): void {
  if (container === null) return;
  container.innerHTML = renderTimelineSvg(timeline);
  vscode.setState({ timeline });
}

function revealFrom(target: EventTarget | null): void {
  const element = target instanceof Element ? target.closest('[data-line]') : null;
  if (element === null) return;
  const line = Number(element.getAttribute('data-line'));
  const character = Number(element.getAttribute('data-character'));
  if (Number.isInteger(line) && Number.isInteger(character)) vscode.postMessage({ type: 'reveal', line, character });
}

container?.addEventListener('click', (event) => revealFrom(event.target));
container?.addEventListener('keydown', (event) => {
  if (event.key !== 'Enter' && event.key !== ' ') return;
  event.preventDefault();
  revealFrom(event.target);
});
exportButton?.addEventListener('click', () => vscode.postMessage({ type: 'export' }));

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const message = event.data;
  if (message.type === 'timeline') render(message.timeline);
  else if (message.type === 'busy' && status !== null) status.textContent = message.busy ? 'Simulating…' : '';
});

// Show the last timeline at once after the panel is restored, then ask for a fresh one.
const saved = vscode.getState() as { timeline?: Timeline } | undefined;
if (saved?.timeline !== undefined) render(saved.timeline);
vscode.postMessage({ type: 'ready' });
