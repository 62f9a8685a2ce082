/**
 * Webview entry (bundled as a browser IIFE to dist/webview/timeline.js): renders the timeline the
 * extension posts at the panel's width over the chosen range, zooms and pans it, runs the what-if
 * form, and turns clicks / Enter on rows and findings into `reveal` messages.
 */
import './timeline.css';
import {
  clampWindow,
  findingsListHtml,
  formatDay,
  horizonWindow,
  layoutForWidth,
  legendHtml,
  panWindow,
  renderTimelineSvg,
  summaryText,
  zoomWindow,
  type TimeWindow,
} from './renderTimeline';
import {
  DURATION_RANGE,
  INTERVAL_RANGE,
  compareText,
  describeWhatIf,
  draftOf,
  isEmptyWhatIf,
  parseWhole,
  whatIfFormHtml,
  whatIfOf,
  type SiteDraft,
  type WhatIfDraft,
} from './whatIfForm';
import type { FromWebview, ToWebview } from './messages';
import type { Timeline, WhatIf } from '../../../server/src/shared/protocol';

interface VsCodeApi {
  postMessage(message: FromWebview): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

interface SavedState {
  readonly timeline?: Timeline;
  readonly view?: TimeWindow;
}

const ZOOM_STEP = 0.5;
const PAN_SHARE = 0.5;
const WHAT_IF_DELAY_MS = 250;

const vscode = acquireVsCodeApi();
const element = <T extends HTMLElement>(id: string): T | null => document.getElementById(id) as T | null;
const container = element<HTMLDivElement>('timeline');
const status = element('status');
const summary = element('summary');
const banner = element('whatif-banner');
const findings = element('findings');
const legend = element('legend');
const viewFrom = element<HTMLInputElement>('view-from');
const viewTo = element<HTMLInputElement>('view-to');
const whatIfSites = element('whatif-sites');
const applyButton = element<HTMLButtonElement>('whatif-apply');
const resetButton = element<HTMLButtonElement>('whatif-reset');
const whatIfNotice = element('whatif-notice');

let documentTimeline: Timeline | undefined;
let whatIfTimeline: Timeline | undefined;
/** The visible range; undefined shows the whole horizon. */
let view: TimeWindow | undefined;
let draft: WhatIfDraft = {};
let formSites = '';
let draftValid = true;
let pendingWhatIf: ReturnType<typeof setTimeout> | undefined;

function shown(): Timeline | undefined {
  return whatIfTimeline ?? documentTimeline;
}

function horizonOf(timeline: Timeline): TimeWindow | undefined {
  const horizon = horizonWindow(timeline.horizon);
  return Number.isFinite(horizon.from) && Number.isFinite(horizon.to) ? horizon : undefined;
}

function currentWindow(timeline: Timeline): TimeWindow | undefined {
  const horizon = horizonOf(timeline);
  if (horizon === undefined) return undefined;
  return view === undefined ? horizon : clampWindow(view, horizon);
}

function render(): void {
  const timeline = shown();
  if (timeline === undefined || container === null) return;
  const window = currentWindow(timeline);
  const width = Math.max(container.clientWidth, 280);
  container.innerHTML = renderTimelineSvg(timeline, layoutForWidth(width), window);
  if (summary !== null) summary.textContent = timeline.error === undefined ? summaryText(timeline) : timeline.error;
  if (findings !== null) findings.innerHTML = timeline.error === undefined ? findingsListHtml(timeline, window) : '';
  if (window !== undefined) {
    if (viewFrom !== null && document.activeElement !== viewFrom) viewFrom.value = formatDay(window.from);
    if (viewTo !== null && document.activeElement !== viewTo) viewTo.value = formatDay(window.to);
  }
  renderBanner();
}

function renderBanner(): void {
  if (banner === null) return;
  const whatIf = whatIfTimeline?.whatIf;
  if (whatIfTimeline === undefined || documentTimeline === undefined || whatIf === undefined) {
    banner.hidden = true;
    banner.textContent = '';
    return;
  }
  banner.hidden = false;
  banner.textContent =
    whatIfTimeline.error === undefined
      ? `What-if, not in the document (${describeWhatIf(whatIf)}): ${compareText(documentTimeline, whatIfTimeline)}`
      : `What-if refused: ${whatIfTimeline.error}`;
}

/** Re-renders the form only when the document's sites change, so typing never loses focus. */
function syncForm(reset: boolean): void {
  const sites = documentTimeline?.sites ?? [];
  const signature = JSON.stringify(sites);
  if (!reset && signature === formSites) return;
  formSites = signature;
  draft = draftOf(sites);
  draftValid = true;
  if (whatIfSites !== null) whatIfSites.innerHTML = whatIfFormHtml(sites, draft);
  updateButtons();
}

function currentWhatIf(): WhatIf {
  return whatIfOf(documentTimeline?.sites ?? [], draft);
}

function updateButtons(): void {
  const empty = isEmptyWhatIf(currentWhatIf());
  if (applyButton !== null) applyButton.disabled = empty || !draftValid;
  if (resetButton !== null) resetButton.disabled = empty && draftValid;
}

/** Reads every field of the form; invalid fields are marked and keep the what-if from being sent. */
function readForm(): void {
  if (whatIfSites === null) return;
  const next: Record<string, SiteDraft> = { ...draft };
  let valid = true;
  for (const code of Object.keys(draft)) {
    const field = (key: string): HTMLInputElement | null =>
      whatIfSites.querySelector<HTMLInputElement>(`input[data-site="${CSS.escape(code)}"][data-key="${key}"]`);
    const enabled = field('enabled');
    const interval = field('intervalDays');
    const duration = field('durationMinutes');
    const intervalDays = interval === null ? undefined : parseWhole(interval.value, INTERVAL_RANGE);
    const durationMinutes = duration === null ? undefined : parseWhole(duration.value, DURATION_RANGE);
    interval?.setAttribute('aria-invalid', String(intervalDays === undefined));
    duration?.setAttribute('aria-invalid', String(durationMinutes === undefined));
    const previous = draft[code] as SiteDraft;
    if (intervalDays === undefined || durationMinutes === undefined) valid = false;
    next[code] = {
      enabled: enabled?.checked ?? previous.enabled,
      intervalDays: intervalDays ?? previous.intervalDays,
      durationMinutes: durationMinutes ?? previous.durationMinutes,
    };
  }
  draft = next;
  draftValid = valid;
  updateButtons();
  if (!valid) return;
  clearTimeout(pendingWhatIf);
  pendingWhatIf = setTimeout(() => {
    pendingWhatIf = undefined;
    vscode.postMessage({ type: 'whatIf', whatIf: currentWhatIf() });
  }, WHAT_IF_DELAY_MS);
}

function setView(next: TimeWindow | undefined): void {
  view = next;
  vscode.setState({ timeline: documentTimeline, view } satisfies SavedState);
  render();
}

/** The instant under the pointer, or the window's middle when the pointer is over the labels. */
function instantAt(event: MouseEvent, window: TimeWindow): number {
  const svg = container?.querySelector('svg');
  if (svg === null || svg === undefined) return (window.from + window.to) / 2;
  const box = svg.getBoundingClientRect();
  const layout = layoutForWidth(box.width);
  const plotWidth = box.width - layout.labelWidth - 8;
  const share = (event.clientX - box.left - layout.labelWidth) / plotWidth;
  return share < 0 || share > 1 ? (window.from + window.to) / 2 : window.from + share * (window.to - window.from);
}

function zoomBy(factor: number, anchor?: number): void {
  const timeline = shown();
  const horizon = timeline === undefined ? undefined : horizonOf(timeline);
  const window = timeline === undefined ? undefined : currentWindow(timeline);
  if (horizon === undefined || window === undefined) return;
  setView(zoomWindow(window, horizon, factor, anchor ?? (window.from + window.to) / 2));
}

function panBy(share: number): void {
  const timeline = shown();
  const horizon = timeline === undefined ? undefined : horizonOf(timeline);
  const window = timeline === undefined ? undefined : currentWindow(timeline);
  if (horizon === undefined || window === undefined) return;
  setView(panWindow(window, horizon, share * (window.to - window.from)));
}

/** The range fields: a day each (UTC, as the horizon); `to` is exclusive like the summary's. */
function rangeFromFields(): void {
  const timeline = shown();
  const horizon = timeline === undefined ? undefined : horizonOf(timeline);
  if (horizon === undefined || viewFrom === null || viewTo === null) return;
  const from = Date.parse(viewFrom.value);
  const to = Date.parse(viewTo.value);
  const valid = Number.isFinite(from) && Number.isFinite(to) && from < to;
  viewFrom.setAttribute('aria-invalid', String(!valid));
  viewTo.setAttribute('aria-invalid', String(!valid));
  if (valid) setView(clampWindow({ from, to }, horizon));
}

function revealFrom(target: EventTarget | null): void {
  const found = target instanceof Element ? target.closest('[data-line]') : null;
  if (found === null) return;
  const line = Number(found.getAttribute('data-line'));
  const character = Number(found.getAttribute('data-character'));
  if (Number.isInteger(line) && Number.isInteger(character)) vscode.postMessage({ type: 'reveal', line, character });
}

for (const area of [container, findings]) {
  area?.addEventListener('click', (event) => revealFrom(event.target));
  area?.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    revealFrom(event.target);
  });
}

// Ctrl+wheel (a trackpad pinch too) or the wheel over the dates zooms; Shift+wheel or a sideways swipe pans.
container?.addEventListener(
  'wheel',
  (event) => {
    const timeline = shown();
    const window = timeline === undefined ? undefined : currentWindow(timeline);
    if (window === undefined) return;
    const svg = container.querySelector('svg');
    const overAxis = svg !== null && event.clientY - svg.getBoundingClientRect().top < layoutForWidth(1).headerHeight;
    const sideways = Math.abs(event.deltaX) > Math.abs(event.deltaY);
    if (event.shiftKey || sideways) {
      event.preventDefault();
      const delta = sideways ? event.deltaX : event.deltaY;
      panBy((Math.sign(delta) * PAN_SHARE) / 4);
    } else if (event.ctrlKey || event.metaKey || overAxis) {
      event.preventDefault();
      zoomBy(event.deltaY < 0 ? ZOOM_STEP : 1 / ZOOM_STEP, instantAt(event, window));
    }
  },
  { passive: false },
);

element('zoom-in')?.addEventListener('click', () => zoomBy(ZOOM_STEP));
element('zoom-out')?.addEventListener('click', () => zoomBy(1 / ZOOM_STEP));
element('pan-left')?.addEventListener('click', () => panBy(-PAN_SHARE));
element('pan-right')?.addEventListener('click', () => panBy(PAN_SHARE));
element('fit')?.addEventListener('click', () => setView(undefined));
viewFrom?.addEventListener('change', rangeFromFields);
viewTo?.addEventListener('change', rangeFromFields);
element('export')?.addEventListener('click', () => vscode.postMessage({ type: 'export' }));

whatIfSites?.addEventListener('input', readForm);
whatIfSites?.addEventListener('change', readForm);
resetButton?.addEventListener('click', () => {
  clearTimeout(pendingWhatIf);
  syncForm(true);
  vscode.postMessage({ type: 'whatIf', whatIf: {} });
});
applyButton?.addEventListener('click', () => {
  const whatIf = currentWhatIf();
  if (!isEmptyWhatIf(whatIf) && draftValid) vscode.postMessage({ type: 'applyWhatIf', whatIf });
});

// The plot is drawn at the panel's width: draw again when it changes (once per frame).
let resizeFrame = 0;
if (container !== null) {
  new ResizeObserver(() => {
    cancelAnimationFrame(resizeFrame);
    resizeFrame = requestAnimationFrame(render);
  }).observe(container);
}

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const message = event.data;
  if (message.type === 'timeline') {
    documentTimeline = message.timeline;
    whatIfTimeline = message.whatIf;
    vscode.setState({ timeline: documentTimeline, view } satisfies SavedState);
    // No what-if on the extension's side (none tried, or just applied) while the form still differs: start over.
    syncForm(message.whatIf === undefined && pendingWhatIf === undefined && !isEmptyWhatIf(currentWhatIf()));
    updateButtons();
    render();
  } else if (message.type === 'busy' && status !== null) {
    status.textContent = message.busy ? 'Simulating…' : '';
  } else if (message.type === 'notice' && whatIfNotice !== null) {
    whatIfNotice.textContent = message.text;
    whatIfNotice.classList.toggle('error', message.error);
  }
});

if (legend !== null) legend.innerHTML = legendHtml();
// Show the last timeline at once after the panel is restored, then ask for a fresh one.
const saved = vscode.getState() as SavedState | undefined;
view = saved?.view;
if (saved?.timeline !== undefined) {
  documentTimeline = saved.timeline;
  syncForm(true);
  render();
}
vscode.postMessage({ type: 'ready' });
