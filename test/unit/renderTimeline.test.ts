import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_LAYOUT,
  MIN_WINDOW_MS,
  axisTicks,
  clampWindow,
  escapeXml,
  findingsListHtml,
  formatLikelihood,
  horizonWindow,
  layoutForWidth,
  legendHtml,
  panWindow,
  renderTimelineHtml,
  renderTimelineSvg,
  summaryText,
  timeScale,
  zoomWindow,
} from '../../client/src/webview/renderTimeline';
import type { Timeline, TimelineRow } from '../../server/src/shared/protocol';

const DAY = 86_400_000;

const row: TimelineRow = {
  advertisement: 'LAB20001',
  advertisementName: 'Office <2000> & "SR-1"',
  collection: 'LAB00015',
  collectionName: 'NT Workstations',
  site: 'LAB',
  location: { line: 52, character: 8 },
  runs: [
    { start: '2001-03-01T05:30:00Z', end: '2001-03-01T06:15:00Z' },
    { start: '2001-03-02T05:30:00Z', end: '2001-03-02T06:15:00Z' },
  ],
  runsTruncated: false,
  passes: [{ earliest: '2001-03-01T05:40:00Z', latest: '2001-03-01T05:40:00Z', durationMinutes: 40 }],
  findings: [
    {
      kind: 'interruption',
      runStart: '2001-03-01T05:30:00Z',
      runEnd: '2001-03-01T06:15:00Z',
      verifyEarliest: '2001-03-01T05:40:00Z',
      verifyLatest: '2001-03-01T05:40:00Z',
      likelihood: 1,
      clientsAtRisk: 800,
      assignment: 0,
    },
    {
      kind: 'delay',
      runStart: '2001-03-02T05:30:00Z',
      verifyEarliest: '2001-03-02T05:10:00Z',
      verifyLatest: '2001-03-02T05:10:00Z',
      assignment: 1,
    },
  ],
};

const timeline: Timeline = {
  uri: 'file:///lab.sms.yaml',
  version: 3,
  horizon: { from: '2001-03-01T00:00:00Z', to: '2001-08-28T00:00:00Z' },
  rows: [row],
  summary: { interruptions: 1, delays: 1, clientsAtRisk: 800 },
};
const horizon = horizonWindow(timeline.horizon);

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}

/** The x and width attributes of every `<rect class="CLS" …>`. */
function rects(svg: string, cls: string): { x: number; width: number }[] {
  return [...svg.matchAll(new RegExp(`<rect class="${cls}" x="([-\\d.]+)" y="[-\\d.]+" width="([\\d.]+)"`, 'g'))].map(
    (m) => ({ x: Number(m[1]), width: Number(m[2]) }),
  );
}

test('escapeXml escapes markup and both quote kinds', () => {
  assert.equal(escapeXml(`<a b="c" d='e'>&`), '&#60;a b=&#34;c&#34; d=&#39;e&#39;&#62;&#38;');
});

test('layoutForWidth gives a ~500-px column a narrow label column and the rest to the plot', () => {
  const narrow = layoutForWidth(480);
  assert.equal(narrow.width, 480);
  assert.equal(narrow.labelWidth, 144); // 30 %
  assert.equal(layoutForWidth(300).labelWidth, 120); // never below 120
  assert.equal(layoutForWidth(2000).labelWidth, 260); // never above 260
  assert.equal(layoutForWidth(10).width, 280); // a minimum drawable width
});

test('timeScale maps the window onto the plot and clamps outside instants', () => {
  const window = { from: Date.parse('2001-03-01T00:00:00Z'), to: Date.parse('2001-03-11T00:00:00Z') };
  const x = timeScale(window);
  // Plot spans labelWidth 260 .. width 1000 - margin 8 = 992, i.e. 732 px for 10 days.
  assert.equal(x(window.from), 260);
  assert.equal(x(window.from + 5 * DAY), 260 + 732 / 2);
  assert.equal(x(window.to), 992);
  assert.equal(x(Date.parse('2000-01-01T00:00:00Z')), 260);
  assert.equal(x(Date.parse('2002-01-01T00:00:00Z')), 992);
});

test('zoomWindow keeps the anchor in place, stays in the horizon and stops at 6 hours', () => {
  const anchor = horizon.from + 40 * DAY;
  const zoomed = zoomWindow(horizon, horizon, 0.5, anchor);
  assert.equal(zoomed.to - zoomed.from, (horizon.to - horizon.from) / 2);
  const share = (w: { from: number; to: number }) => (anchor - w.from) / (w.to - w.from);
  assert.ok(Math.abs(share(zoomed) - share(horizon)) < 1e-9);
  // Zooming out past the horizon gives the horizon; zooming in far stops at MIN_WINDOW_MS.
  assert.deepEqual(zoomWindow(zoomed, horizon, 10, anchor), horizon);
  let deep = horizon;
  for (let i = 0; i < 30; i++) deep = zoomWindow(deep, horizon, 0.5, anchor);
  assert.equal(deep.to - deep.from, MIN_WINDOW_MS);
  assert.ok(deep.from <= anchor && anchor <= deep.to);
});

test('panWindow and clampWindow stop at the horizon ends and keep the span', () => {
  const week = { from: horizon.from + 10 * DAY, to: horizon.from + 17 * DAY };
  assert.deepEqual(panWindow(week, horizon, 3 * DAY), { from: week.from + 3 * DAY, to: week.to + 3 * DAY });
  assert.deepEqual(panWindow(week, horizon, -100 * DAY), { from: horizon.from, to: horizon.from + 7 * DAY });
  assert.deepEqual(panWindow(week, horizon, 1000 * DAY), { from: horizon.to - 7 * DAY, to: horizon.to });
  assert.deepEqual(clampWindow({ from: horizon.from - DAY, to: horizon.to + DAY }, horizon), horizon);
});

test('axisTicks: months over the horizon, labels short, the year only where it changes', () => {
  // 2001-03-01 .. 2001-08-28 on the 328-px plot of a 480-px panel: a month is ~53 px (≥ 44), so every
  // month start: Mar … Aug (1 Sep is outside).
  assert.deepEqual(
    axisTicks(horizon, 328).map((t) => t.label),
    ['Mar 2001', 'Apr', 'May', 'Jun', 'Jul', 'Aug'],
  );
  // On 200 px a month is ~33 px: every third month (Jan, Apr, Jul, Oct).
  assert.deepEqual(
    axisTicks(horizon, 200).map((t) => t.label),
    ['Apr 2001', 'Jul'],
  );
  const wrap = axisTicks({ from: Date.parse('2001-11-15T00:00:00Z'), to: Date.parse('2002-02-01T00:00:00Z') }, 150);
  assert.deepEqual(
    wrap.map((t) => t.label),
    ['Dec 2001', 'Jan 2002'],
  );
});

test('axisTicks: zoomed in, days or hours; every tick inside the window and far enough apart', () => {
  const week = { from: Date.parse('2001-05-10T00:00:00Z'), to: Date.parse('2001-05-17T00:00:00Z') };
  const days = axisTicks(week, 500);
  assert.deepEqual(
    days.map((t) => t.label),
    ['10 May 2001', '11 May', '12 May', '13 May', '14 May', '15 May', '16 May'],
  );
  const sixHours = { from: Date.parse('2001-05-13T03:00:00Z'), to: Date.parse('2001-05-13T09:00:00Z') };
  // On 400 px an hour is 67 px, too little for "13 May 03:00": every third hour instead.
  assert.deepEqual(
    axisTicks(sixHours, 400).map((t) => t.label),
    ['13 May 03:00', '06:00'],
  );
  const hours = axisTicks(sixHours, 500);
  assert.deepEqual(
    hours.map((t) => t.label),
    ['13 May 03:00', '04:00', '05:00', '06:00', '07:00', '08:00'],
  );
  for (const [window, width] of [
    [horizon, 328],
    [week, 500],
    [horizon, 1200],
  ] as const) {
    const ticks = axisTicks(window, width);
    const px = (ms: number) => ((ms - window.from) / (window.to - window.from)) * width;
    for (const tick of ticks) assert.ok(tick.ms >= window.from && tick.ms < window.to); // timing-ok: tick instants, not a duration
    for (let i = 1; i < ticks.length; i++) assert.ok(px(ticks[i]!.ms) - px(ticks[i - 1]!.ms) >= 44);
  }
});

test('formatLikelihood rounds to whole percents, one decimal below 10%', () => {
  assert.equal(formatLikelihood(1), '100%');
  assert.equal(formatLikelihood(0.4249), '42%');
  assert.equal(formatLikelihood(0.0625), '6.3%'); // 6.25 → toFixed(1) → "6.3"
  assert.equal(formatLikelihood(0), '0%');
});

test('summaryText counts interruptions, delays and clients at risk', () => {
  assert.equal(summaryText(timeline), '1 interruption · 1 delay · 800 clients at risk · 2001-03-01 → 2001-08-28');
});

test('renderTimelineSvg draws one row with its runs, pass band and findings, as high as its rows', () => {
  const svg = renderTimelineSvg(timeline);
  assert.match(svg, /^<svg [^>]*viewBox="0 0 1000 74"/); // header 26 + 1 row × 44 + 4: nothing empty below
  assert.equal(count(svg, /<rect class="run"/g), 2);
  assert.equal(count(svg, /<rect class="pass"/g), 1);
  assert.equal(count(svg, /<path class="pass-mark"/g), 1);
  assert.equal(count(svg, /<rect class="interruption"/g), 1);
  assert.equal(count(svg, /<rect class="delay"/g), 1);
  assert.match(svg, /<text class="likelihood"[^>]*>100%<\/text>/);
  assert.match(svg, /800 clients at risk/);
});

test('at a 180-day scale in a ~500-px panel, a 40-minute pass and a 45-minute run stay visible', () => {
  const layout = layoutForWidth(480);
  const svg = renderTimelineSvg(timeline, layout);
  assert.match(svg, /width="480"/);
  // 40 min of 180 days over 328 px would be 0.05 px; drawn at least 3 px (pass) and 5 px (interruption).
  assert.ok(rects(svg, 'pass').every((r) => r.width >= 3));
  assert.ok(rects(svg, 'interruption').every((r) => r.width >= 5));
  assert.ok(rects(svg, 'run').every((r) => r.width >= 1));
  // Every mark stays inside the plot's horizontal extent (labels are not covered).
  for (const cls of ['run', 'pass', 'interruption', 'delay']) {
    for (const r of rects(svg, cls)) assert.ok(r.x >= layout.labelWidth - 3 && r.x + r.width <= layout.width, cls);
  }
});

test('a zoomed window draws only what falls inside it, at its real width', () => {
  const day = { from: Date.parse('2001-03-01T00:00:00Z'), to: Date.parse('2001-03-01T12:00:00Z') };
  const layout = layoutForWidth(600);
  const svg = renderTimelineSvg(timeline, layout, day);
  // The second run (03-02) and the delay are outside the window; the first run is ~50 px wide now.
  assert.equal(count(svg, /<rect class="run"/g), 1);
  assert.equal(count(svg, /<rect class="delay"/g), 0);
  const [run] = rects(svg, 'run');
  const x = timeScale(day, layout);
  assert.ok(run);
  assert.equal(run.x, Number(x(Date.parse('2001-03-01T05:30:00Z')).toFixed(1)));
  assert.ok(
    Math.abs(run.width - (x(Date.parse('2001-03-01T06:15:00Z')) - x(Date.parse('2001-03-01T05:30:00Z')))) < 0.2,
  );
  // The labels are drawn whatever the window: they do not scroll away.
  assert.match(svg, /<text class="row-title" x="6"[^>]*>LAB20001 → LAB00015<\/text>/);
});

test('labels are cut to the label column', () => {
  const long = { ...row, advertisementName: 'A very long advertisement name that cannot fit in a narrow column' };
  const svg = renderTimelineSvg({ ...timeline, rows: [long] }, layoutForWidth(400));
  const subtitle = /<text class="row-subtitle"[^>]*>([^<]*)<\/text>/.exec(svg)?.[1] ?? '';
  assert.ok(subtitle.endsWith('…'));
  assert.ok(subtitle.length * 6.6 <= 120, subtitle);
});

test('rows and findings are focusable and carry the reveal position', () => {
  const svg = renderTimelineSvg(timeline);
  // One row group + two findings, each a keyboard-reachable button pointing at line 52, character 8.
  assert.equal(count(svg, /tabindex="0" role="button" data-line="52" data-character="8"/g), 3);
});

test('findings say "assignment N" 1-based (the protocol index is 0-based)', () => {
  const svg = renderTimelineSvg(timeline);
  assert.match(svg, /800 clients at risk \(assignment 1\)/);
  assert.match(svg, /\(assignment 2\) starts while a verify pass may still be running/);
  const list = findingsListHtml(timeline);
  assert.match(list, /assignment 1<\/span>/);
  assert.match(list, /assignment 2<\/span>/);
  assert.doesNotMatch(list + svg, /assignment 0/);
});

test('user text is escaped, never injected as markup', () => {
  const svg = renderTimelineSvg(timeline);
  assert.ok(!svg.includes('<2000>'));
  assert.match(svg, /Office &#60;2000&#62; &#38; &#34;SR-1&#34;/);
  const hostile = { ...row, advertisement: '<img src=x onerror=alert(1)>' };
  assert.doesNotMatch(findingsListHtml({ ...timeline, rows: [hostile] }), /<img/);
});

test('the findings list shows the findings in view and links them to the document', () => {
  const all = findingsListHtml(timeline);
  assert.match(all, /<h2 class="findings-heading">2 findings<\/h2>/);
  assert.equal(count(all, /<li class="finding-item/g), 2);
  assert.equal(count(all, /data-line="52" data-character="8"/g), 2);
  assert.match(all, /100% · 800 clients at risk/);
  const firstDay = findingsListHtml(timeline, { from: horizon.from, to: horizon.from + DAY });
  assert.match(firstDay, /1 of 2 findings in view/);
  assert.equal(count(firstDay, /<li class="finding-item/g), 1);
  assert.match(
    findingsListHtml({ ...timeline, rows: [{ ...row, findings: [] }] }),
    /No interruptions or delays in the horizon\./,
  );
});

test('the legend explains every colour, amber included, and says what is our model', () => {
  const legend = legendHtml();
  for (const cls of ['run', 'pass', 'interruption', 'delay']) assert.match(legend, new RegExp(`swatch-${cls}`));
  assert.match(legend, /Delay \(amber\): the run starts while a verify pass may still be running/);
  assert.match(legend, /Verify pass: when it starts and how long it lasts is this tool’s model, not Microsoft data/);
  assert.match(legend, /Q283130/);
});

test('an error timeline shows the error instead of rows', () => {
  const svg = renderTimelineSvg({ ...timeline, rows: [], error: 'the document has 2 errors' });
  assert.match(svg, /<text class="error"[^>]*>the document has 2 errors<\/text>/);
  assert.equal(count(svg, /class="row"/g), 0);
});

test('an empty timeline says there is nothing to simulate', () => {
  assert.match(renderTimelineSvg({ ...timeline, rows: [] }), /No advertisements to simulate\./);
});

test('renderTimelineHtml is a standalone page with inline CSS, summary, legend, SVG and list, without script', () => {
  const html = renderTimelineHtml(timeline, '.run { fill: blue; }</style><script>', 'Timeline: lab');
  assert.match(html, /^<!DOCTYPE html>/);
  assert.match(html, /<style>\.run \{ fill: blue; \}<\\\/style><script><\/style>/);
  assert.match(html, /<p class="summary">1 interruption · 1 delay/);
  assert.match(html, /<ul class="legend">/);
  assert.match(
    html,
    new RegExp(`<svg xmlns="http://www\\.w3\\.org/2000/svg" class="timeline" viewBox="0 0 ${DEFAULT_LAYOUT.width} `),
  );
  assert.match(html, /<ul class="findings">/);
  assert.equal(count(html, /<script/g), 1); // only the neutralised text inside <style>
});
