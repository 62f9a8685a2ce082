/**
 * Timeline → markup. Pure string building (no DOM, no `vscode`), so the same renderer runs in the
 * webview and in the extension host when the user exports a standalone HTML file.
 * Colours come from CSS classes (timeline.css) because the webview CSP forbids inline styles.
 *
 * The SVG is drawn at the panel's real width (the webview measures it) over a time window: zooming
 * changes the window, never the SVG's width, so the label column stays put and nothing scrolls
 * sideways. Marks have a minimum width, so a 40-minute pass stays visible at a 180-day scale.
 */
import type { Timeline, TimelineBand, TimelineFinding, TimelineRow } from '../../../server/src/shared/protocol';

export interface TimelineLayout {
  readonly width: number;
  readonly labelWidth: number;
  readonly rowHeight: number;
  readonly headerHeight: number;
}

/** The export's layout: a 1000-px page. */
export const DEFAULT_LAYOUT: TimelineLayout = { width: 1000, labelWidth: 260, rowHeight: 44, headerHeight: 26 };

/** A visible time range, epoch milliseconds: `[from, to)`. */
export interface TimeWindow {
  readonly from: number;
  readonly to: number;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const RIGHT_MARGIN = 8;
const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
/** The narrowest window a zoom reaches: runs and passes of minutes are then tens of pixels wide. */
export const MIN_WINDOW_MS = 6 * HOUR_MS;
/** Narrowest marks, in px: below this a short pass or run would not be drawn by the browser at all. */
const MIN_PASS_PX = 3;
const MIN_RUN_PX = 1;
const MIN_INTERRUPTION_PX = 5;
const MIN_DELAY_PX = 4;
/** Average advance of an 11-px label character, to cut labels to the label column. */
const LABEL_CHAR_PX = 6.6;
/** The same for the 11-px tick labels, with digits and spaces. */
const TICK_CHAR_PX = 5.6;

/** Escapes text for XML element content and double-quoted attributes. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The layout for a panel `width` px wide: the label column takes about a third, between 120 and
 * 260 px, so a ~500-px column beside the editor still gives the plot most of its width.
 */
export function layoutForWidth(width: number): TimelineLayout {
  const total = Math.max(280, Math.floor(width));
  const labelWidth = Math.round(Math.min(260, Math.max(120, total * 0.3)));
  return { ...DEFAULT_LAYOUT, width: total, labelWidth };
}

/** The whole horizon as a window. */
export function horizonWindow(horizon: Timeline['horizon']): TimeWindow {
  return { from: Date.parse(horizon.from), to: Date.parse(horizon.to) };
}

/** Keeps `window` inside the horizon and at least MIN_WINDOW_MS long (or the horizon, if shorter). */
export function clampWindow(window: TimeWindow, horizon: TimeWindow): TimeWindow {
  const full = horizon.to - horizon.from;
  const span = Math.min(full, Math.max(MIN_WINDOW_MS, window.to - window.from));
  const from = Math.min(Math.max(window.from, horizon.from), horizon.to - span);
  return { from, to: from + span };
}

/** Zooms by `factor` (< 1 zooms in) around the instant `anchor`, which keeps its place on screen. */
export function zoomWindow(window: TimeWindow, horizon: TimeWindow, factor: number, anchor: number): TimeWindow {
  const span = window.to - window.from;
  const share = span > 0 ? (Math.min(Math.max(anchor, window.from), window.to) - window.from) / span : 0.5;
  const next = span * factor;
  const from = anchor - share * next;
  return clampWindow({ from, to: from + next }, horizon);
}

/** Moves the window by `delta` ms, stopping at the horizon's ends. */
export function panWindow(window: TimeWindow, horizon: TimeWindow, delta: number): TimeWindow {
  return clampWindow({ from: window.from + delta, to: window.to + delta }, horizon);
}

/** Maps instants onto the plot's x range; instants outside the window are clamped to its edges. */
export function timeScale(window: TimeWindow, layout: TimelineLayout = DEFAULT_LAYOUT): (ms: number) => number {
  const x0 = layout.labelWidth;
  const x1 = layout.width - RIGHT_MARGIN;
  const span = Math.max(1, window.to - window.from);
  return (ms: number): number =>
    x0 + ((Math.min(Math.max(ms, window.from), window.to) - window.from) / span) * (x1 - x0);
}

export interface Tick {
  readonly ms: number;
  readonly label: string;
}

/** Steps the axis may use, finest first; the first that leaves `minSpacingPx` between ticks wins. */
const TICK_STEPS: readonly { readonly ms: number; readonly unit: 'hour' | 'day' | 'month'; readonly count: number }[] =
  [
    { ms: HOUR_MS, unit: 'hour', count: 1 },
    { ms: 3 * HOUR_MS, unit: 'hour', count: 3 },
    { ms: 6 * HOUR_MS, unit: 'hour', count: 6 },
    { ms: 12 * HOUR_MS, unit: 'hour', count: 12 },
    { ms: DAY_MS, unit: 'day', count: 1 },
    { ms: 2 * DAY_MS, unit: 'day', count: 2 },
    { ms: 7 * DAY_MS, unit: 'day', count: 7 },
    { ms: 14 * DAY_MS, unit: 'day', count: 14 },
    { ms: 30 * DAY_MS, unit: 'month', count: 1 },
    { ms: 91 * DAY_MS, unit: 'month', count: 3 },
    { ms: 182 * DAY_MS, unit: 'month', count: 6 },
    { ms: 365 * DAY_MS, unit: 'month', count: 12 },
    { ms: 730 * DAY_MS, unit: 'month', count: 24 },
    { ms: 1826 * DAY_MS, unit: 'month', count: 60 },
  ];

/**
 * UTC ticks inside `[from, to)` on a plot `plotWidth` px wide: hours, days (Mondays for weeks) or
 * month starts, the finest step whose ticks are at least `minSpacingPx` apart and leave room for
 * their longest label. A label names the month (and year) only where it changes, so labels stay
 * short in a narrow panel.
 */
export function axisTicks(window: TimeWindow, plotWidth: number, minSpacingPx = 44): Tick[] {
  const span = Math.max(1, window.to - window.from);
  let ticks: Tick[] = [];
  for (const step of TICK_STEPS) {
    const spacing = (step.ms / span) * plotWidth;
    if (spacing < minSpacingPx) continue;
    const instants = step.unit === 'month' ? monthStarts(window, step.count) : fixedSteps(window, step);
    let previous: Date | undefined;
    ticks = instants.map((ms) => {
      const date = new Date(ms);
      const label = tickLabel(date, step.unit, previous);
      previous = date;
      return { ms, label };
    });
    // Months are not all 30 days: the real spacing is at least 28/30 of the nominal one.
    const real = step.unit === 'month' ? (spacing * 28) / 30 : spacing;
    const longest = Math.max(0, ...ticks.map((tick) => tick.label.length));
    if (real >= longest * TICK_CHAR_PX + 6) return ticks;
  }
  return ticks;
}

function monthStarts(window: TimeWindow, everyMonths: number): number[] {
  const start = new Date(window.from);
  let year = start.getUTCFullYear();
  let month = start.getUTCMonth();
  const out: number[] = [];
  for (;;) {
    const ms = Date.UTC(year, month, 1);
    if (ms >= window.to) break;
    if (ms >= window.from && (year * 12 + month) % everyMonths === 0) out.push(ms);
    month += 1;
    if (month === 12) [year, month] = [year + 1, 0];
  }
  return out;
}

function fixedSteps(
  window: TimeWindow,
  step: { readonly ms: number; readonly count: number; readonly unit: string },
): number[] {
  // Weeks start on Mondays (1970-01-05 was one); days and hours on UTC midnight / the hour.
  const origin = step.unit === 'day' && step.count >= 7 ? Date.UTC(1970, 0, 5) : 0;
  const first = origin + Math.ceil((window.from - origin) / step.ms) * step.ms;
  const out: number[] = [];
  for (let ms = first; ms < window.to; ms += step.ms) out.push(ms);
  return out;
}

function tickLabel(date: Date, unit: 'hour' | 'day' | 'month', previous: Date | undefined): string {
  const month = MONTHS[date.getUTCMonth()] ?? '';
  const year = date.getUTCFullYear();
  const newYear = previous === undefined || previous.getUTCFullYear() !== year;
  if (unit === 'month') return newYear ? `${month} ${year}` : month;
  const day = `${date.getUTCDate()} ${month}`;
  if (unit === 'day') return newYear ? `${day} ${year}` : day;
  const time = `${String(date.getUTCHours()).padStart(2, '0')}:00`;
  const newDay = previous === undefined || previous.getUTCDate() !== date.getUTCDate();
  return newDay ? `${day} ${time}` : time;
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

/** "2001-03-01" of an instant in ms (UTC). */
export function formatDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
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

/** A mark for `[start, end)` at least `minPx` wide, centred on the span when widened; undefined when outside the window. */
function span(
  x: (ms: number) => number,
  window: TimeWindow,
  start: number,
  end: number,
  minPx: number,
): { readonly x: number; readonly width: number } | undefined {
  if (end < window.from || start > window.to) return undefined;
  const left = x(start);
  const width = x(end) - left;
  if (width >= minPx) return { x: left, width };
  return { x: left - (minPx - width) / 2, width: minPx };
}

function passBand(
  band: TimelineBand,
  x: (ms: number) => number,
  window: TimeWindow,
  top: number,
  height: number,
): string {
  const start = Date.parse(band.earliest);
  const end = Date.parse(band.latest) + band.durationMinutes * MINUTE_MS;
  const at = span(x, window, start, end, MIN_PASS_PX);
  if (at === undefined) return '';
  const title =
    band.earliest === band.latest
      ? `Verify pass ${formatInstant(band.earliest)}, ${band.durationMinutes} min (our model)`
      : `Verify passes start between ${formatInstant(band.earliest)} and ${formatInstant(band.latest)}, ${band.durationMinutes} min each (our model)`;
  // A caret above the band marks every pass, however thin the band is at this scale.
  const mid = at.x + at.width / 2;
  const caret = `<path class="pass-mark" d="M${(mid - 3).toFixed(1)} ${(top - 5).toFixed(1)}h6l-3 4z"/>`;
  return `<g class="pass-band">${rect('pass', at.x, top, at.width, height, title)}${caret}</g>`;
}

function findingLabel(finding: TimelineFinding): string {
  const assignment = `assignment ${finding.assignment + 1}`;
  if (finding.kind === 'delay') {
    return `Delay: the run at ${formatInstant(finding.runStart)} (${assignment}) starts while a verify pass may still be running; it may start late (our model)`;
  }
  const likelihood = finding.likelihood === undefined ? '' : `, likelihood ${formatLikelihood(finding.likelihood)}`;
  const clients = finding.clientsAtRisk === undefined ? '' : `, ${plural(finding.clientsAtRisk, 'client')} at risk`;
  return `Interruption: a verify pass can start inside the run at ${formatInstant(finding.runStart)}${likelihood}${clients} (${assignment})`;
}

function findingMarkup(
  finding: TimelineFinding,
  row: TimelineRow,
  x: (ms: number) => number,
  window: TimeWindow,
  top: number,
  height: number,
): string {
  const start = Date.parse(finding.runStart);
  const end = Date.parse(finding.runEnd ?? finding.verifyLatest);
  const delay = finding.kind === 'delay';
  const at = span(x, window, start, end, delay ? MIN_DELAY_PX : MIN_INTERRUPTION_PX);
  if (at === undefined) return '';
  const label = findingLabel(finding);
  // Delays take the lower part of the bar so an interruption of the same run stays visible above them;
  // interruptions stand out of the bar on both sides.
  const mark = delay
    ? rect('delay', at.x, top + height * 0.55, at.width, height * 0.45)
    : rect('interruption', at.x, top - 3, at.width, height + 6);
  const text =
    !delay && finding.likelihood !== undefined
      ? `<text class="likelihood" x="${(at.x + at.width + 2).toFixed(1)}" y="${(top + 8).toFixed(1)}">${formatLikelihood(finding.likelihood)}</text>`
      : '';
  return `<g class="finding finding-${finding.kind}" ${revealAttributes(row, label)}><title>${escapeXml(label)}</title>${mark}${text}</g>`;
}

function rowMarkup(
  row: TimelineRow,
  index: number,
  x: (ms: number) => number,
  window: TimeWindow,
  layout: TimelineLayout,
): string {
  const top = layout.headerHeight + index * layout.rowHeight;
  const barTop = top + 14;
  const barHeight = layout.rowHeight - 24;
  const label = `${row.advertisement} ${row.advertisementName} → ${row.collection} ${row.collectionName} (site ${row.site})`;
  const rowLabel = `${label}: ${plural(row.runs.length, 'run')}${row.runsTruncated ? ' (truncated)' : ''}, ${plural(row.findings.length, 'finding')}`;
  const chars = Math.max(8, Math.floor((layout.labelWidth - 10) / LABEL_CHAR_PX));
  const runs: string[] = [];
  for (const run of row.runs) {
    const at = span(x, window, Date.parse(run.start), Date.parse(run.end), MIN_RUN_PX);
    if (at !== undefined) runs.push(rect('run', at.x, barTop, at.width, barHeight));
  }
  const parts = [
    `<g class="row" ${revealAttributes(row, rowLabel)}>`,
    `<title>${escapeXml(rowLabel)}</title>`,
    rect('row-background', 0, top, layout.width, layout.rowHeight),
    `<text class="row-title" x="6" y="${top + 17}">${escapeXml(truncate(`${row.advertisement} → ${row.collection}`, chars))}</text>`,
    `<text class="row-subtitle" x="6" y="${top + 33}">${escapeXml(truncate(row.advertisementName, chars))}</text>`,
    ...row.passes.map((band) => passBand(band, x, window, barTop - 2, barHeight + 4)),
    ...runs,
    '</g>',
    // Interruptions last, so they are drawn on top.
    ...row.findings
      .filter((finding) => finding.kind === 'delay')
      .map((finding) => findingMarkup(finding, row, x, window, barTop, barHeight)),
    ...row.findings
      .filter((finding) => finding.kind === 'interruption')
      .map((finding) => findingMarkup(finding, row, x, window, barTop, barHeight)),
  ];
  return parts.join('');
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function axisMarkup(x: (ms: number) => number, window: TimeWindow, layout: TimelineLayout, bottom: number): string {
  const axisY = layout.headerHeight - 4;
  const plotWidth = layout.width - RIGHT_MARGIN - layout.labelWidth;
  const ticks = axisTicks(window, plotWidth).map(
    (tick) =>
      `<line class="tick" x1="${x(tick.ms).toFixed(1)}" y1="${axisY}" x2="${x(tick.ms).toFixed(1)}" y2="${bottom}"/>` +
      `<text class="tick-label" x="${(x(tick.ms) + 3).toFixed(1)}" y="${axisY - 6}">${escapeXml(tick.label)}</text>`,
  );
  return `<line class="axis" x1="${layout.labelWidth}" y1="${axisY}" x2="${layout.width - RIGHT_MARGIN}" y2="${axisY}"/>${ticks.join('')}`;
}

/** The rows as one `<svg>` element, `layout.width` px wide, over `window` (default: the whole horizon). */
export function renderTimelineSvg(
  timeline: Timeline,
  layout: TimelineLayout = DEFAULT_LAYOUT,
  window: TimeWindow = horizonWindow(timeline.horizon),
): string {
  const summary = summaryText(timeline);
  if (timeline.error !== undefined) {
    return svg(layout.width, 32, summary, `<text class="error" x="6" y="20">${escapeXml(timeline.error)}</text>`);
  }
  if (timeline.rows.length === 0) {
    return svg(layout.width, 32, summary, `<text class="empty" x="6" y="20">No advertisements to simulate.</text>`);
  }
  const height = layout.headerHeight + timeline.rows.length * layout.rowHeight + 4;
  const x = timeScale(window, layout);
  const body = [
    axisMarkup(x, window, layout, height - 4),
    ...timeline.rows.map((row, index) => rowMarkup(row, index, x, window, layout)),
  ];
  return svg(layout.width, height, summary, body.join(''));
}

function svg(width: number, height: number, label: string, body: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="timeline" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" ` +
    `role="group" aria-label="${escapeXml(`Verify-cycle timeline: ${label}`)}">${body}</svg>`
  );
}

/** The legend, the same in the panel and the export: what each colour means, and whose fact it is. */
export function legendHtml(): string {
  const item = (cls: string, text: string): string =>
    `<li><span class="swatch swatch-${cls}" aria-hidden="true"></span>${text}</li>`;
  return [
    '<ul class="legend">',
    item('run', 'Run (the program’s estimated run time)'),
    item('pass', 'Verify pass: when it starts and how long it lasts is this tool’s model, not Microsoft data'),
    item(
      'interruption',
      'Interruption: a verify pass can start during the run and stop the install (Q283130); the % is the share of clients whose pass starts inside it',
    ),
    item(
      'delay',
      'Delay (amber): the run starts while a verify pass may still be running, so it may start late (our model)',
    ),
    '</ul>',
  ].join('');
}

/**
 * The findings inside `window` as a list under the chart: each names the advertisement, the run and
 * the 1-based assignment, and is a link back to the document like the rows.
 */
export function findingsListHtml(timeline: Timeline, window: TimeWindow = horizonWindow(timeline.horizon)): string {
  const items: string[] = [];
  let total = 0;
  for (const row of timeline.rows) {
    for (const finding of row.findings) {
      total += 1;
      const start = Date.parse(finding.runStart);
      if (start < window.from || start >= window.to) continue;
      const label = findingLabel(finding);
      const what =
        finding.kind === 'interruption'
          ? `${formatLikelihood(finding.likelihood ?? 0)} · ${plural(finding.clientsAtRisk ?? 0, 'client')} at risk`
          : 'may start late';
      items.push(
        `<li class="finding-item finding-item-${finding.kind}" ${revealAttributes(row, `${row.advertisement}: ${label}`)}>` +
          `<span class="swatch swatch-${finding.kind}" aria-hidden="true"></span>` +
          `<span class="finding-when">${escapeXml(formatInstant(finding.runStart))}</span> ` +
          `<span class="finding-ad">${escapeXml(row.advertisement)}</span> ` +
          `<span class="finding-assignment">assignment ${finding.assignment + 1}</span> ` +
          `<span class="finding-what">${escapeXml(what)}</span></li>`,
      );
    }
  }
  if (total === 0) return '<p class="findings-empty">No interruptions or delays in the horizon.</p>';
  const heading =
    items.length === total ? plural(total, 'finding') : `${items.length} of ${plural(total, 'finding')} in view`;
  return `<h2 class="findings-heading">${heading}</h2><ul class="findings">${items.join('')}</ul>`;
}

/** A standalone HTML page (inline CSS and SVG, no script) for "Export HTML": the whole horizon at 1000 px. */
export function renderTimelineHtml(timeline: Timeline, css: string, title: string): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${escapeXml(title)}</title>`,
    `<style>${css.replace(/<\/style/gi, '<\\/style')}</style>`,
    '</head><body class="export">',
    `<h1>${escapeXml(title)}</h1>`,
    `<p class="summary">${escapeXml(summaryText(timeline))}</p>`,
    legendHtml(),
    renderTimelineSvg(timeline),
    findingsListHtml(timeline),
    '</body></html>',
    '',
  ].join('\n');
}
