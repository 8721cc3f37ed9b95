/**
 * `frontend.initialJs`: gzipped bytes of the JavaScript the browser must fetch before the first screen — the
 * entry script and its modulepreloads in the built index.html (lazy route chunks excluded). Budget 90 KB.
 *
 * `frontend.signInTti.*`: milliseconds from navigation start until the sign-in form can be typed into, in
 * headless Chromium with an empty cache, the build served by the local static site (compressed, as
 * CloudFront serves it) over loopback. Skipped, with a note, when no Chromium is installed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { StaticSite } from '../local/static-site';
import { median, percentile, round } from './stats';
import type { BenchResult } from './types';

const DIST = path.join(__dirname, '..', 'frontend', 'dist');
const INITIAL_JS_BUDGET_KB = 90;
const TTI_RUNS = 9;
// Debian's chromium package; Playwright's own browser downloads are not used (as in tests/e2e).
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

// Runs in the page (as text: this file is compiled without the DOM library). The moment the name field is
// in the document, React has attached its handlers: it can be typed into.
const READY_PROBE = `new MutationObserver((_, observer) => {
  if (!document.getElementById('signin-name')) return;
  window.signInReadyAt = performance.now();
  observer.disconnect();
}).observe(document, { childList: true, subtree: true });`;

export function initialScripts(html: string): string[] {
  const srcs = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]!);
  const preloads = [...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)].map((m) => m[1]!);
  return [...new Set([...srcs, ...preloads])].filter((s) => s.endsWith('.js'));
}

function serveSite(): Promise<{ url: string; server: Server }> {
  const site = new StaticSite(DIST);
  const server = createServer(
    (req, res) =>
      void site.serve(req.method ?? 'GET', new URL(req.url ?? '/', 'http://x').pathname, res, req.headers),
  );
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
    ),
  );
}

/** Sign-in time to interactive, one fresh browser context (empty cache) per run. */
async function signInTti(): Promise<BenchResult[]> {
  if (!existsSync(CHROMIUM)) {
    return [{ name: 'frontend.signInTti.skipped', unit: 'count', value: 1, notes: 'no Chromium installed' }];
  }
  const { url, server } = await serveSite();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
    ],
  });
  const samples: number[] = [];
  try {
    for (let run = 0; run < TTI_RUNS + 1; run++) {
      const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
      const page = await context.newPage();
      // The moment the name field is in the document, React has attached its handlers: it can be typed into.
      await page.addInitScript({ content: READY_PROBE });
      await page.goto(`${url}/signin`);
      await page.getByLabel('Sign in as').fill('Bench');
      const readyAt = Number(await page.evaluate('window.signInReadyAt'));
      // The first run warms the server's compressed copies and the browser process, like a deployed CDN.
      if (run > 0) samples.push(readyAt);
      await context.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  const notes = `navigation start → sign-in field ready; headless Chromium, empty cache, 360 px, loopback, compressed build; ${TTI_RUNS} runs`;
  return [
    { name: 'frontend.signInTti.p50', unit: 'ms', value: round(median(samples), 1), notes },
    { name: 'frontend.signInTti.max', unit: 'ms', value: round(percentile(samples, 100), 1), notes },
  ];
}

export async function run(): Promise<BenchResult[]> {
  const build = spawnSync('npm', ['run', '-w', '@amianai/frontend', 'build'], { stdio: 'ignore' });
  if (build.status !== 0 || !existsSync(path.join(DIST, 'index.html')))
    throw new Error('frontend build failed');
  const scripts = initialScripts(readFileSync(path.join(DIST, 'index.html'), 'utf8'));
  let gz = 0;
  let raw = 0;
  for (const src of scripts) {
    const bytes = readFileSync(path.join(DIST, src.replace(/^\//, '')));
    raw += bytes.length;
    gz += gzipSync(bytes, { level: 9 }).length;
  }
  return [
    {
      name: 'frontend.initialJs',
      unit: 'KB',
      value: round(gz / 1024, 1),
      notes: `gzipped; ${scripts.length} files, ${round(raw / 1024, 1)} KB raw; budget ${INITIAL_JS_BUDGET_KB} KB`,
    },
    ...(await signInTti()),
  ];
}
