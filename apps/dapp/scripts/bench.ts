// npm run bench -w @plaza/dapp: what the landing page costs a first-time visitor, in headless Chromium against
// the built app on a devnet with the demo world.
//   - JavaScript shipped: every script the landing page loads, as gzip bytes on the wire (the static server
//     gzips like any CDN) and uncompressed; budget 200 KB gzip (fails the run when exceeded).
//   - Time to first meaningful content: from navigation start until the pUSD supply figure (read from the
//     chain through the SDK) is on screen; first contentful paint alongside.
// Each run is a cold load in a fresh browser profile. Results: printed, and test-results/bench.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertChromium, launchChromium } from '../e2e/harness/chromium';
import { startStack } from '../e2e/harness/stack';
import { isBuilt } from './serve';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const BUDGET_GZIP = 200 * 1024;
const OUT = fileURLToPath(new URL('../test-results/bench.json', import.meta.url));

interface Run {
  scripts: number;
  jsGzip: number;
  jsRaw: number;
  fcpMs: number;
  meaningfulMs: number;
}

// Records when the first live figure appears (before any app code runs).
const MARK_MEANINGFUL = `(() => {
  const done = () => document.querySelector('[data-testid="stat-supply"] [data-value]');
  const observer = new MutationObserver(() => {
    if (done()) { window.__meaningful = performance.now(); observer.disconnect(); }
  });
  observer.observe(document, { childList: true, subtree: true });
})();`;

async function measure(appUrl: string): Promise<Run> {
  const browser = await launchChromium();
  try {
    const page = await browser.context.newPage();
    await page.addInitScript({ content: MARK_MEANINGFUL });
    const scripts: { url: string; wire: Promise<number>; raw: Promise<number> }[] = [];
    page.on('requestfinished', (request) => {
      if (request.resourceType() !== 'script') return;
      scripts.push({
        url: request.url(),
        wire: request.sizes().then((s) => s.responseBodySize),
        raw: request.response().then(async (r) => (r ? (await r.body()).length : 0)),
      });
    });
    await page.goto(appUrl, { waitUntil: 'load' });
    await page.waitForFunction(() => (window as { __meaningful?: number }).__meaningful !== undefined, null, {
      timeout: 30_000,
    });
    await page.waitForLoadState('networkidle');
    const timing = await page.evaluate(() => ({
      meaningful: (window as unknown as { __meaningful: number }).__meaningful,
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
    }));
    const wire = await Promise.all(scripts.map((s) => s.wire));
    const raw = await Promise.all(scripts.map((s) => s.raw));
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    return {
      scripts: scripts.length,
      jsGzip: sum(wire),
      jsRaw: sum(raw),
      fcpMs: timing.fcp,
      meaningfulMs: timing.meaningful,
    };
  } finally {
    await browser.close();
  }
}

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (value: number) => `${value.toFixed(0)} ms`;

async function main(): Promise<number> {
  try {
    assertChromium();
  } catch (error) {
    console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  if (!isBuilt()) {
    console.error('bench: the dApp is not built: run npm run build first.');
    return 1;
  }
  console.log(`bench: starting a devnet with the demo world and serving the built app…`);
  const stack = await startStack({ demo: true });
  const runs: Run[] = [];
  try {
    await measure(stack.appUrl); // warm-up: the server's gzip cache and the chain's first calls
    for (let i = 0; i < RUNS; i++) runs.push(await measure(stack.appUrl));
  } finally {
    await stack.stop();
  }

  const js = runs[0]!;
  const result = {
    date: new Date().toISOString(),
    runs: RUNS,
    landingPage: '/',
    scripts: js.scripts,
    jsGzipBytes: js.jsGzip,
    jsRawBytes: js.jsRaw,
    budgetGzipBytes: BUDGET_GZIP,
    firstContentfulPaintMs: {
      median: median(runs.map((r) => r.fcpMs)),
      min: Math.min(...runs.map((r) => r.fcpMs)),
      max: Math.max(...runs.map((r) => r.fcpMs)),
    },
    firstMeaningfulContentMs: {
      median: median(runs.map((r) => r.meaningfulMs)),
      min: Math.min(...runs.map((r) => r.meaningfulMs)),
      max: Math.max(...runs.map((r) => r.meaningfulMs)),
    },
  };
  mkdirSync(join(OUT, '..'), { recursive: true });
  writeFileSync(OUT, `${JSON.stringify(result, null, 2)}\n`);

  const within = js.jsGzip <= BUDGET_GZIP;
  console.log(`
Landing page (/), ${RUNS} cold loads in headless Chromium (fresh profile each)

  JavaScript shipped          ${kb(js.jsGzip)} gzip (${kb(js.jsRaw)} uncompressed, ${js.scripts} files)   budget ${kb(BUDGET_GZIP)} gzip: ${within ? 'within' : 'OVER'}
  First contentful paint      median ${ms(result.firstContentfulPaintMs.median)} (${ms(result.firstContentfulPaintMs.min)}–${ms(result.firstContentfulPaintMs.max)})
  First meaningful content    median ${ms(result.firstMeaningfulContentMs.median)} (${ms(result.firstMeaningfulContentMs.min)}–${ms(result.firstMeaningfulContentMs.max)})  (pUSD supply read from the chain and shown)

Written to ${OUT}`);
  if (runs.some((r) => r.jsGzip !== js.jsGzip))
    console.log('Note: the JavaScript loaded differed between runs.');
  return within ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
