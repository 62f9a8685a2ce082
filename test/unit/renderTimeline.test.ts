import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_LAYOUT,
  escapeXml,
  formatLikelihood,
  monthTicks,
  renderTimelineHtml,
  renderTimelineSvg,
  summaryText,
  timeScale,
} from '../../client/src/webview/renderTimeline';
import type { Timeline, TimelineRow } from '../../server/src/shared/protocol';

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
      assignment: 0,
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

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}

test('escapeXml escapes markup and both quote kinds', () => {
  assert.equal(escapeXml(`<a b="c" d='e'>&`), '&#60;a b=&#34;c&#34; d=&#39;e&#39;&#62;&#38;');
});

test('timeScale maps the horizon onto the plot and clamps outside instants', () => {
  const x = timeScale({ from: '2001-03-01T00:00:00Z', to: '2001-03-11T00:00:00Z' });
  // Plot spans labelWidth 260 .. width 1000 - margin 16 = 984, i.e. 724 px for 10 days.
  assert.equal(x(Date.parse('2001-03-01T00:00:00Z')), 260);
  assert.equal(x(Date.parse('2001-03-06T00:00:00Z')), 260 + 724 / 2);
  assert.equal(x(Date.parse('2001-03-11T00:00:00Z')), 984);
  assert.equal(x(Date.parse('2000-01-01T00:00:00Z')), 260);
  assert.equal(x(Date.parse('2002-01-01T00:00:00Z')), 984);
});

test('monthTicks lists the UTC month starts inside [from, to)', () => {
  // 2001-03-01 .. 2001-08-28: Mar, Apr, May, Jun, Jul, Aug (1 Aug < 28 Aug); 1 Sep is outside.
  const labels = monthTicks(timeline.horizon).map((tick) => tick.label);
  assert.deepEqual(labels, ['Mar 2001', 'Apr 2001', 'May 2001', 'Jun 2001', 'Jul 2001', 'Aug 2001']);
  // A horizon starting mid-month skips that month's start and wraps the year.
  const wrap = monthTicks({ from: '2001-11-15T00:00:00Z', to: '2002-02-01T00:00:00Z' }).map((tick) => tick.label);
  assert.deepEqual(wrap, ['Dec 2001', 'Jan 2002']);
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

test('renderTimelineSvg draws one row with its runs, pass band and findings', () => {
  const svg = renderTimelineSvg(timeline);
  assert.match(svg, /^<svg [^>]*viewBox="0 0 1000 104"/); // height = header 56 + 1 row × 40 + 8
  assert.equal(count(svg, /<rect class="run"/g), 2);
  assert.equal(count(svg, /<rect class="pass"/g), 1);
  assert.equal(count(svg, /<rect class="interruption"/g), 1);
  assert.equal(count(svg, /<rect class="delay"/g), 1);
  assert.equal(count(svg, /<line class="tick"/g), 6);
  assert.match(svg, /<text class="likelihood"[^>]*>100%<\/text>/);
  assert.match(svg, /800 clients at risk/);
});

test('rows and findings are focusable and carry the reveal position', () => {
  const svg = renderTimelineSvg(timeline);
  // One row group + two findings, each a keyboard-reachable button pointing at line 52, character 8.
  assert.equal(count(svg, /tabindex="0" role="button" data-line="52" data-character="8"/g), 3);
});

test('user text is escaped, never injected as markup', () => {
  const svg = renderTimelineSvg(timeline);
  assert.ok(!svg.includes('<2000>'));
  assert.match(svg, /Office &#60;2000&#62; &#38; &#34;SR-1&#34;/);
});

test('the run bar sits at its instant on the time axis', () => {
  const svg = renderTimelineSvg(timeline);
  const x = timeScale(timeline.horizon, DEFAULT_LAYOUT)(Date.parse('2001-03-01T05:30:00Z'));
  assert.match(svg, new RegExp(`<rect class="run" x="${x.toFixed(1)}"`));
});

test('an error timeline shows the error instead of rows', () => {
  const svg = renderTimelineSvg({ ...timeline, rows: [], error: 'the document has 2 errors' });
  assert.match(svg, /<text class="error"[^>]*>the document has 2 errors<\/text>/);
  assert.equal(count(svg, /class="row"/g), 0);
});

test('an empty timeline says there is nothing to simulate', () => {
  assert.match(renderTimelineSvg({ ...timeline, rows: [] }), /No advertisements to simulate\./);
});

test('renderTimelineHtml is a standalone page with inline CSS and SVG, without script', () => {
  const html = renderTimelineHtml(timeline, '.run { fill: blue; }</style><script>', 'Timeline: lab');
  assert.match(html, /^<!DOCTYPE html>/);
  assert.match(html, /<style>\.run \{ fill: blue; \}<\\\/style><script><\/style>/);
  assert.match(html, /<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  assert.equal(count(html, /<script/g), 1); // only the neutralised text inside <style>
});
