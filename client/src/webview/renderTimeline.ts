/**
 * Timeline → SVG markup. Pure string building (no DOM, no `vscode`), so the same renderer runs in the
 * webview and in the extension host when the user exports a standalone HTML file.
 * Colours come from CSS classes (timeline.css) because the webview CSP forbids inline styles.
 */
import type { Timeline, TimelineBand, TimelineFinding, TimelineRow } from '../../../server/src/shared/protocol';

export interface TimelineLayout {
  readonly width: number;
  readonly labelWidth: number;
  readonly rowHeight: number;
  readonly headerHeight: number;
}

export const DEFAULT_LAYOUT: TimelineLayout = { width: 1000, labelWidth: 260, rowHeight: 40, headerHeight: 56 };

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const RIGHT_MARGIN = 16;
const MINUTE_MS = 60_000;

/** Escapes text for XML element content and double-quoted attributes. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Maps instants onto the plot's x range; instants outside the horizon are clamped to its edges. */
export function timeScale(horizon: Timeline['horizon'], layout: TimelineLayout = DEFAULT_LAYOUT) {
  const from = Date.parse(horizon.from);
  const to = Date.parse(horizon.to);
  const x0 = layout.labelWidth;
  const x1 = layout.width - RIGHT_MARGIN;
  const span = Math.max(1, to - from);
  return (ms: number): number => x0 + ((Math.min(Math.max(ms, from), to) - from) / span) * (x1 - x0);
}

/** First instant of every UTC month that starts inside `[from, to)` (the horizon is UTC). */
export function monthTicks(horizon: Timeline['horizon']): { readonly ms: number; readonly label: string }[] {
  const from = new Date(horizon.from);
  const to = Date.parse(horizon.to);
  const ticks: { ms: number; label: string }[] = [];
  let year = from.getUTCFullYear();
  let month = from.getUTCMonth();
  for (;;) {
    const ms = Date.UTC(year, month, 1);
    if (ms >= to) break;
    if (ms >= from.getTime()) ticks.push({ ms, label: `${MONTHS[month]} ${year}` });
    month += 1;
    if (month === 12) [year, month] = [year + 1, 0];
  }
  return ticks;
}

/** "42%" for likelihoods; one decimal below 10% so small shares do not read as 0%. */
export function formatLikelihood(likelihood: number): string {
  const percent = likelihood * 100;
  return percent < 10 && percent > 0 ? `${percent.toFixed(1)}%` : `${Math.round(percent)}%`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** "2001-03-01 00:00 UTC" from an ISO instant. */
function formatInstant(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

export function summaryText(timeline: Timeline): string {
  const { interruptions, delays, clientsAtRisk } = timeline.summary;
  const horizon = `${timeline.horizon.from.slice(0, 10)} → ${timeline.horizon.to.slice(0, 10)}`;
  return `${plural(interruptions, 'interruption')} · ${plural(delays, 'delay')} · ${plural(clientsAtRisk, 'client')} at risk · ${horizon}`;
}

/** Attributes that make an element a keyboard-reachable link back to the document. */
function revealAttributes(row: TimelineRow, label: string): string {
  const { line, character } = row.location;
  return `tabindex="0" role="button" data-line="${line}" data-character="${character}" aria-label="${escapeXml(label)}"`;
}

function rect(cls: string, x: number, y: number, width: number, height: number, title?: string): string {
  const body = title === undefined ? '' : `<title>${escapeXml(title)}</title>`;
  return `<rect class="${cls}" x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${Math.max(1, width).toFixed(1)}" height="${height.toFixed(1)}">${body}</rect>`;
}

function passBand(band: TimelineBand, x: (ms: number) => number, top: number, height: number): string {
  const start = Date.parse(band.earliest);
  const end = Date.parse(band.latest) + band.durationMinutes * MINUTE_MS;
  const title =
    band.earliest === band.latest
      ? `Verify pass ${formatInstant(band.earliest)}, ${band.durationMinutes} min (model)`
      : `Verify passes start between ${formatInstant(band.earliest)} and ${formatInstant(band.latest)}, ${band.durationMinutes} min each (model)`;
  return rect('pass', x(start), top, x(end) - x(start), height, title);
}

function findingLabel(finding: TimelineFinding): string {
  if (finding.kind === 'delay') return `Delay: run at ${formatInstant(finding.runStart)} starts during a verify pass`;
  const likelihood = finding.likelihood === undefined ? '' : `, likelihood ${formatLikelihood(finding.likelihood)}`;
  const clients = finding.clientsAtRisk === undefined ? '' : `, ${plural(finding.clientsAtRisk, 'client')} at risk`;
  return `Interruption: verify pass can start inside the run at ${formatInstant(finding.runStart)}${likelihood}${clients} (assignment ${finding.assignment + 1})`;
}

function findingMarkup(
  finding: TimelineFinding,
  row: TimelineRow,
  x: (ms: number) => number,
  top: number,
  height: number,
): string {
  const label = findingLabel(finding);
  const start = Date.parse(finding.runStart);
  const end = Date.parse(finding.runEnd ?? finding.verifyLatest);
  // Delays take the lower part of the bar so an interruption of the same run stays visible above them.
  const markTop = finding.kind === 'delay' ? top + height * 0.6 : top;
  const markHeight = finding.kind === 'delay' ? height * 0.4 : height;
  const mark = rect(finding.kind, x(start) - 1, markTop, Math.max(3, x(end) - x(start) + 2), markHeight);
  const text =
    finding.kind === 'interruption' && finding.likelihood !== undefined
      ? `<text class="likelihood" x="${x(start).toFixed(1)}" y="${(top - 2).toFixed(1)}">${formatLikelihood(finding.likelihood)}</text>`
      : '';
  return `<g class="finding finding-${finding.kind}" ${revealAttributes(row, label)}><title>${escapeXml(label)}</title>${mark}${text}</g>`;
}

function rowMarkup(row: TimelineRow, index: number, x: (ms: number) => number, layout: TimelineLayout): string {
  const top = layout.headerHeight + index * layout.rowHeight;
  const barTop = top + 14;
  const barHeight = layout.rowHeight - 20;
  const label = `${row.advertisement} ${row.advertisementName} → ${row.collection} ${row.collectionName} (site ${row.site})`;
  const rowLabel = `${label}: ${plural(row.runs.length, 'run')}${row.runsTruncated ? ' (truncated)' : ''}, ${plural(row.findings.length, 'finding')}`;
  const parts = [
    `<g class="row" ${revealAttributes(row, rowLabel)}>`,
    `<title>${escapeXml(rowLabel)}</title>`,
    rect('row-background', 0, top, layout.width, layout.rowHeight),
    `<text class="row-title" x="6" y="${top + 16}">${escapeXml(`${row.advertisement} → ${row.collection}`)}</text>`,
    `<text class="row-subtitle" x="6" y="${top + 32}">${escapeXml(truncate(row.advertisementName, 38))}</text>`,
    ...row.passes.map((band) => passBand(band, x, barTop - 4, barHeight + 8)),
    ...row.runs.map((run) =>
      rect('run', x(Date.parse(run.start)), barTop, x(Date.parse(run.end)) - x(Date.parse(run.start)), barHeight),
    ),
    '</g>',
    // Interruptions last, so they are drawn on top.
    ...row.findings
      .filter((finding) => finding.kind === 'delay')
      .map((finding) => findingMarkup(finding, row, x, barTop, barHeight)),
    ...row.findings
      .filter((finding) => finding.kind === 'interruption')
      .map((finding) => findingMarkup(finding, row, x, barTop, barHeight)),
  ];
  return parts.join('');
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function axisMarkup(timeline: Timeline, x: (ms: number) => number, layout: TimelineLayout, bottom: number): string {
  const axisY = layout.headerHeight - 8;
  const ticks = monthTicks(timeline.horizon).map(
    (tick) =>
      `<line class="tick" x1="${x(tick.ms).toFixed(1)}" y1="${axisY}" x2="${x(tick.ms).toFixed(1)}" y2="${bottom}"/>` +
      `<text class="tick-label" x="${(x(tick.ms) + 3).toFixed(1)}" y="${axisY - 4}">${tick.label}</text>`,
  );
  return `<line class="axis" x1="${layout.labelWidth}" y1="${axisY}" x2="${layout.width - RIGHT_MARGIN}" y2="${axisY}"/>${ticks.join('')}`;
}

/** The whole timeline as one `<svg>` element. */
export function renderTimelineSvg(timeline: Timeline, layout: TimelineLayout = DEFAULT_LAYOUT): string {
  const summary = summaryText(timeline);
  if (timeline.error !== undefined) {
    return svg(layout.width, 60, summary, `<text class="error" x="6" y="24">${escapeXml(timeline.error)}</text>`);
  }
  if (timeline.rows.length === 0) {
    return svg(layout.width, 60, summary, `<text class="summary" x="6" y="24">No advertisements to simulate.</text>`);
  }
  const height = layout.headerHeight + timeline.rows.length * layout.rowHeight + 8;
  const x = timeScale(timeline.horizon, layout);
  const body = [
    `<text class="summary" x="6" y="18">${escapeXml(summary)}</text>`,
    axisMarkup(timeline, x, layout, height - 8),
    ...timeline.rows.map((row, index) => rowMarkup(row, index, x, layout)),
  ];
  return svg(layout.width, height, summary, body.join(''));
}

function svg(width: number, height: number, label: string, body: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="timeline" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" ` +
    `role="group" aria-label="${escapeXml(`Verify-cycle timeline: ${label}`)}">${body}</svg>`
  );
}

/** A standalone HTML page (inline CSS and SVG, no script) for "Export HTML". */
export function renderTimelineHtml(timeline: Timeline, css: string, title: string): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${escapeXml(title)}</title>`,
    `<style>${css.replace(/<\/style/gi, '<\\/style')}</style>`,
    '</head><body class="export">',
    `<h1>${escapeXml(title)}</h1>`,
    '<p class="legend">Runs are blue bars, verify passes translucent bands, interruptions red (with the share of clients whose ' +
      'pass starts inside the run), delays amber. Verify-pass timing is this tool’s model of Q246040/Q231232, not Microsoft data.</p>',
    renderTimelineSvg(timeline),
    '</body></html>',
    '',
  ].join('\n');
}
