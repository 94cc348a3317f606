/** Headless Debian Chromium driven by playwright-core (never a downloaded browser; pitfalls §8).
 * Playwright gives every launch a fresh temporary profile (it refuses --user-data-dir). */
import { existsSync } from "node:fs";
import { type Browser, chromium, type Page } from "playwright-core";

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
export async function visit(browser: Browser, url: string, wait = 1500): Promise<{ page: Page; problems: PageProblems; loadMs: number }> {
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
  for (let i = 0; i < 300; i++) {
    const atEnd = await page.evaluate(() => {
      window.scrollBy(0, Math.round(window.innerHeight * 0.8));
      return window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2;
    });
    await page.waitForTimeout(50);
    if (atEnd) break;
  }
  await page.evaluate(() => window.scrollTo(0, 0));
}
