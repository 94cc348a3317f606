/** Headless Debian Chromium driven by playwright-core (never a downloaded browser; pitfalls §8).
 * Playwright gives every launch a fresh temporary profile (it refuses --user-data-dir). */
import { existsSync } from "node:fs";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { serveDist } from "../../cli/static-server.ts";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const HAVE_CHROMIUM = existsSync(CHROMIUM);

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export interface PageProblems {
  consoleErrors: string[];
  failedRequests: string[];
  foreignRequests: string[];
}

/** Opens a page and records console errors, failed requests and requests to any other origin. */
export async function visit(browser: Browser, url: string, wait = 300): Promise<{ page: Page; problems: PageProblems; loadMs: number }> {
  const page = await browser.newPage();
  const origin = new URL(url).origin;
  const problems: PageProblems = { consoleErrors: [], failedRequests: [], foreignRequests: [] };
  page.on("console", (m) => {
    if (m.type() === "error") problems.consoleErrors.push(m.text());
  });
  page.on("pageerror", (e) => problems.consoleErrors.push(String(e)));
  page.on("request", (r) => {
    const u = r.url();
    if (!u.startsWith("data:") && !u.startsWith("blob:") && new URL(u).origin !== origin) problems.foreignRequests.push(u);
  });
  page.on("requestfailed", (r) => problems.failedRequests.push(`${r.url()} (${r.failure()?.errorText})`));
  page.on("response", (r) => {
    if (r.status() >= 400) problems.failedRequests.push(`${r.url()} (${r.status()})`);
  });
  const t0 = Date.now();
  await page.goto(url, { waitUntil: "load" });
  await page.waitForLoadState("networkidle");
  const loadMs = Date.now() - t0;
  await scrollThrough(page);
  await page.waitForTimeout(wait);
  return { page, problems, loadMs };
}

/**
 * Scrolls to the bottom a screen at a time, as a reader would, so that the charts a page draws
 * only once they are in view (Framework's visibility()) are drawn and their errors would show.
 */
export async function scrollThrough(page: Page): Promise<void> {
  // a screen per step (every part of the page is in view once), two frames each so that the
  // intersection observers behind visibility() see it; charts drawn meanwhile lengthen the page
  // (source text, so that the test transform adds no helper the page lacks)
  await page.evaluate(`(async () => {
    // two frames, or 250 ms if the page renders none (a busy machine can stall requestAnimationFrame
    // for a page: a bare rAF wait once hung the layout test until its 900 s timeout)
    const frame = () => new Promise((r) => {
      requestAnimationFrame(() => requestAnimationFrame(r));
      setTimeout(r, 250);
    });
    for (let i = 0; i < 400; i++) {
      window.scrollBy(0, window.innerHeight);
      await frame();
      // a chart that first loads its data and then waits to be in view needs a moment more
      await new Promise((r) => setTimeout(r, 60));
      if (window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2) break;
    }
    window.scrollTo(0, 0);
    // then until the charts drawn meanwhile are all there: the number of svg and canvas elements
    // the same over 300 ms (at most 4 s)
    const count = () => document.querySelectorAll("svg, canvas").length;
    for (let last = -1, same = 0, t0 = performance.now(); same < 3 && performance.now() - t0 < 4000; ) {
      await new Promise((r) => setTimeout(r, 100));
      const n = count();
      same = n === last ? same + 1 : 0;
      last = n;
    }
  })()`);
}

/** A viewport a browser test looks at a page in (a phone gets touch). */
export interface Viewport {
  width: number;
  height: number;
}

/**
 * For one describe block: dist/ served at the root and a browser, started before its tests and
 * closed after them. `open` loads a page at a viewport and colour scheme, scrolls through it (so
 * every chart that draws when in view is drawn) and waits `settleMs`; `errors` collects the page's
 * errors and console errors.
 */
export function siteBrowser(dist: string, settleMs: number) {
  let browser: Browser | undefined;
  let server: { close(): unknown } | undefined;
  let base = "";
  beforeAll(async () => {
    ({ server, base } = await serveDist(dist, "/"));
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    server?.close();
  });
  return async function open(path: string, vp: Viewport, scheme: "light" | "dark" = "light"): Promise<{ page: Page; errors: string[] }> {
    const page = await browser!.newPage({ viewport: { width: vp.width, height: vp.height }, colorScheme: scheme, hasTouch: vp.width < 500 });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    await page.goto(base + path, { waitUntil: "load" });
    await page.waitForLoadState("networkidle");
    await scrollThrough(page);
    await page.waitForTimeout(settleMs);
    return { page, errors };
  };
}
