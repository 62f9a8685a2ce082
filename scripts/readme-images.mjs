#!/usr/bin/env node
// Makes the VSIX README's screenshots (images/readme/*.jpg) from the real-editor test's committed
// ones (test/e2e/screenshots/, refreshed by `SMS_UPDATE_SCREENSHOTS=1`): the editor area only,
// at 80 %, as JPEG, so the four images stay under 0.5 MB of the VSIX. Needs /usr/bin/chromium.
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const root = new URL('..', import.meta.url).pathname;
const SCALE = 0.8;
const SHOTS = [
  ['10-warning.png', 'warning.jpg', 820],
  ['12-quickfix-menu.png', 'quick-fix.jpg', 820],
  ['15-timeline.png', 'timeline.jpg', 860],
  ['17-whatif.png', 'what-if.jpg', 860],
];
// The workbench is 1400 px wide; the activity and side bars take the first 340.
const LEFT = 340;
const WIDTH = 1060;

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1200 } });
  for (const [source, target, height] of SHOTS) {
    const data = readFileSync(`${root}test/e2e/screenshots/${source}`).toString('base64');
    await page.setContent(
      `<body style="margin:0"><img id="shot" src="data:image/png;base64,${data}" style="width:${1400 * SCALE}px;display:block"></body>`,
    );
    await page.waitForFunction('document.getElementById("shot").complete');
    await page.screenshot({
      path: `${root}images/readme/${target}`,
      type: 'jpeg',
      quality: 82,
      clip: { x: LEFT * SCALE, y: 0, width: WIDTH * SCALE, height: height * SCALE },
    });
  }
} finally {
  await browser.close();
}
