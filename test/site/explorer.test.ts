/**
 * The explorer in Chromium (reads a built site: dist/, or SAT_RNN_DIST): the in-browser engine
 * agrees with the build-time engine and its speed over 1024 bytes is measured; the playground
 * reacts to typing and to the pruning slider with the values lib computes in Node; the text view
 * answers hover, taps, the keyboard and the neuron picker; the neuron index sorts; every explorer
 * page loads without errors in light and dark mode and at phone width; pages load Plot as one
 * module, and (with SAT_RNN_TIMING=1) the time until each page of the site is interactive is
 * measured and reported.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveDist } from "../../cli/static-server.ts";
import { editModel, forward, parseRawModel } from "../../lib/explorer/engine.ts";
import { PROJECT_ROOT } from "../../lib/io.ts";
import { HAVE_CHROMIUM, launch } from "./browser.ts";

const DIST = process.env.SAT_RNN_DIST ?? join(PROJECT_ROOT, "dist");
const HAVE_EXPLORER = existsSync(join(DIST, "playground.html"));
/** The issue's target for a 1024-byte forward pass; the test fails only far above it (shared CI machines). */
const FORWARD_TARGET_MS = 50;
const FORWARD_LIMIT_MS = Number(process.env.SAT_RNN_FORWARD_LIMIT_MS ?? 1000);
/**
 * The issue's target for the heaviest page. Time to interactive depends on the machine, so it is
 * measured and reported, not a pass/fail condition; SAT_RNN_INTERACTIVE_LIMIT_MS=N makes it one.
 */
const INTERACTIVE_TARGET_MS = 1000;
const INTERACTIVE_LIMIT_MS = process.env.SAT_RNN_INTERACTIVE_LIMIT_MS ? Number(process.env.SAT_RNN_INTERACTIVE_LIMIT_MS) : null;
/** How long the main thread must stay free of long tasks before a page counts as interactive. */
const QUIET_MS = 500;
/** Loads per page for the reported time (the median is reported: this machine class is noisy). */
const LOADS = 5;
/** The explorer's pages and the element that shows each is ready. */
const EXPLORER_PAGES: [string, string][] = [
  ["playground", "#edited-bpc"],
  ["text", "#text-panel"],
  ["neurons/", ".ex-table tbody tr"],
  ["neurons/0", "#neuron-summary"],
];
/**
 * Every page template of the site, for the timing. A chapter is ready when its first screen is
 * drawn: its first chart, or for Q1, which opens with its claims, that table.
 */
const SITE_PAGES: [string, string][] = [
  ["", "h1"],
  ["q1", "table.claims"],
  ...["q2", "q3", "q4", "q5", "q6", "q7"].map((q): [string, string] => [q, "figure, svg"]),
  ["claims", "table"],
  ["method", "h1"],
  ...EXPLORER_PAGES,
];

/** A data file of the build by its name without the content hash. */
function dataFile(name: string): string {
  const dir = join(DIST, "_file/data");
  const [stem, ext] = [name.slice(0, name.lastIndexOf(".")), name.slice(name.lastIndexOf("."))];
  const f = readdirSync(dir).find((x) => x.startsWith(`${stem}.`) && x.endsWith(ext) && /^[^.]+\.[0-9a-f]{8}\./.test(x));
  if (!f) throw new Error(`no ${name} in ${dir}`);
  return `_file/data/${f}`;
}

/** Runs in the page (as source text: vitest would rewrite a dynamic import() in a test closure). */
const PROBE = `async function (engineUrl, weightsUrl, modelUrl, textUrl) {
        const E = await import(engineUrl);
        const model = E.parseRawModel(new Uint8Array(await (await fetch(weightsUrl)).arrayBuffer()));
        const cardJson = await (await fetch(modelUrl)).json();
        const text = (await (await fetch(textUrl)).json()).data;
        const corpus = Uint8Array.from(cardJson.data.text);
        const tr = E.forward(model, corpus);
        let maxDiff = 0;
        for (let t = 0; t < tr.T; t++) maxDiff = Math.max(maxDiff, Math.abs(tr.bits[t] - cardJson.data.bits[t]));
        const same = E.checksum(tr.z) === text.checksum.z && E.checksum(tr.h) === text.checksum.h && E.checksum(tr.logits) === text.checksum.logits;
        // 1024 bytes: the corpus window, repeated if it is shorter
        const bytes = new Uint8Array(1024);
        for (let k = 0; k < 1024; k++) bytes[k] = corpus[k % corpus.length];
        const times = [];
        for (let i = 0; i < 7; i++) {
          const t0 = performance.now();
          E.forward(model, bytes);
          times.push(performance.now() - t0);
        }
        times.sort((a, b) => a - b);
        return { same, maxDiff, bpc: tr.bpc, buildBpc: cardJson.fingerprint.bpc, H: model.H, first: times[0], median: times[3], max: times[6] };
}`;

describe.skipIf(!HAVE_CHROMIUM || !HAVE_EXPLORER)("explorer in Chromium", () => {
  let browser: Browser;
  let base: string;
  let server: Awaited<ReturnType<typeof serveDist>>["server"];
  const report: string[] = [];
  const card = () => JSON.parse(readFileSync(join(DIST, dataFile("model.json")), "utf8"));
  const weights = () => parseRawModel(new Uint8Array(readFileSync(join(DIST, dataFile("weights.bin")))));

  beforeAll(async () => {
    browser = await launch();
    ({ server, base } = await serveDist(DIST, "/"));
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    server?.close();
    console.log(`explorer measurements:\n  ${report.join("\n  ")}`);
  });

  /**
   * Opens a page and waits for its `ready` element. `ms`: until that element is visible;
   * `interactive`: the later of that and the end of the last long task (≥ 50 ms) on the main
   * thread, once it has been quiet for QUIET_MS (a Lighthouse-style time to interactive, with a
   * shorter quiet window). Both from the start of navigation. The page itself notes when `ready`
   * shows (checked once per frame by an init script): Playwright's locators would inject their
   * selector engine, 40–60 ms of main-thread work in the middle of the load being measured.
   */
  async function open(path: string, ready: string, opts: { width?: number; dark?: boolean } = {}): Promise<{ page: Page; ms: number; interactive: number; problems: string[] }> {
    const page = await browser.newPage({ viewport: { width: opts.width ?? 1200, height: 900 }, colorScheme: opts.dark ? "dark" : "light", hasTouch: (opts.width ?? 1200) < 600 });
    const problems: string[] = [];
    const origin = new URL(base).origin;
    page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
    page.on("pageerror", (e) => problems.push(String(e)));
    page.on("request", (r) => {
      const u = r.url();
      if (!u.startsWith("data:") && !u.startsWith("blob:") && new URL(u).origin !== origin) problems.push(`outside request ${u}`);
    });
    page.on("response", (r) => r.status() >= 400 && problems.push(`${r.url()} ${r.status()}`));
    await page.addInitScript((selector: string) => {
      const w = window as unknown as { __longTaskEnd: number; __readyAt: number | null };
      w.__longTaskEnd = 0;
      w.__readyAt = null;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__longTaskEnd = Math.max(w.__longTaskEnd, e.startTime + e.duration);
      }).observe({ type: "longtask", buffered: true });
      const check = () => {
        const el = document.querySelector(selector);
        if (el && el.getClientRects().length && getComputedStyle(el).visibility !== "hidden") w.__readyAt = performance.now();
        else requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    }, ready);
    await page.goto(base + path);
    const state = () => page.evaluate(() => {
      const w = window as unknown as { __longTaskEnd: number; __readyAt: number | null };
      return [performance.now(), w.__longTaskEnd, w.__readyAt] as const;
    });
    let ms = -1;
    for (const t0 = Date.now(); ms < 0; await page.waitForTimeout(50)) {
      const readyAt = (await state())[2];
      if (readyAt !== null) ms = Math.round(readyAt);
      else if (Date.now() - t0 > 30_000) throw new Error(`${path}: ${ready} did not show within 30 s`);
    }
    // wait for a quiet main thread, then read when its last long task ended
    let interactive = ms;
    for (let i = 0; i < 100; i++) {
      const [now, end] = await state();
      interactive = Math.round(Math.max(ms, end));
      if (now - end >= QUIET_MS) break;
      await page.waitForTimeout(100);
    }
    return { page, ms, interactive, problems };
  }

  it("runs the build-time engine: same states, logits and bits; times a 1024-byte forward pass", async () => {
    const { page } = await open("playground", "#agreement");
    const urls = [base + dataFile("engine.js"), base + dataFile("weights.bin"), base + dataFile("model.json"), base + dataFile("text.json")];
    const r = (await page.evaluate(`(${PROBE})(...${JSON.stringify(urls)})`)) as {
      same: boolean; maxDiff: number; bpc: number; buildBpc: number; H: number; first: number; median: number; max: number;
    };
    report.push(`forward pass over 1024 bytes (H = ${r.H}) in Chromium: median ${r.median.toFixed(1)} ms, best ${r.first.toFixed(1)} ms (target ≤ ${FORWARD_TARGET_MS} ms)`);
    expect(r.same).toBe(true);
    expect(r.maxDiff).toBeLessThan(1e-12);
    expect(Math.abs(r.bpc - r.buildBpc)).toBeLessThan(1e-12);
    expect(r.median).toBeLessThan(FORWARD_LIMIT_MS);
    // the page's own check says the same
    expect(await page.locator("#agreement").getAttribute("data-agrees")).toBe("true");
    await page.close();
  }, 120_000);

  it("playground: typing and the pruning slider give lib's values", async () => {
    const { page, problems } = await open("playground", "#edited-bpc");
    const model = weights();
    const corpus = Uint8Array.from(card().data.text);
    // typing
    const typed = "The quick brown fox jumps over the lazy dog.";
    await page.locator("textarea").first().fill(typed);
    const want = forward(model, new TextEncoder().encode(typed))!.bpc.toFixed(4);
    await expect.poll(() => page.locator("#typed-bpc").textContent(), { timeout: 10_000 }).toBe(want);
    // hover a byte of the typed text: the panel shows its position
    await page.locator(".ex-text span[data-k='5']").first().hover();
    await expect.poll(() => page.locator(".ex-panel").nth(1).textContent(), { timeout: 5_000 }).toContain("t = 5");
    // the W_h pruning slider (the first range input) to a threshold that zeroes some weights
    const thr = 0.3;
    await page.locator("input[type=range]").first().evaluate((el: HTMLInputElement, v) => {
      el.value = String(v);
      el.dispatchEvent(new Event("input", { bubbles: true }));
    }, thr);
    const edited = editModel(model, { whThreshold: Number((await page.locator("input[type=range]").first().inputValue())) });
    const wantEdited = forward(edited.model, corpus)!.bpc.toFixed(4);
    await expect.poll(() => page.locator("#edited-bpc").textContent(), { timeout: 10_000 }).toBe(wantEdited);
    await expect.poll(() => page.locator("#edited-result").textContent()).toContain(`${edited.zeroedWh.toLocaleString("en-US")} of`);
    // a knockout checkbox
    await page.locator("#controls input[type=checkbox]").first().check();
    await expect.poll(async () => (await page.locator("#edited-result").textContent())?.includes("knocked out: 1 of")).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);

  it("text view: hover, tap, keyboard and the neuron picker", async () => {
    const { page, problems } = await open("text", "#text-panel");
    const n = card().data.text.length;
    const k = Math.min(100, n - 2);
    await page.locator(`.ex-text span[data-k='${k}']`).hover();
    await expect.poll(() => page.locator("#text-panel").textContent()).toContain(`t = ${k}`);
    expect(await page.locator("#text-panel .ex-top tr").count()).toBe(5);
    expect(await page.locator("#text-panel").textContent()).toMatch(/State margins/);
    // keyboard
    await page.mouse.move(0, 0);
    await page.locator(".ex-text").focus();
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => page.locator("#text-panel").textContent()).toContain(`t = ${k + 1}`);
    await page.keyboard.press("Home");
    await expect.poll(() => page.locator("#text-panel").textContent()).toContain("t = 0");
    // the neuron picker: colour by neuron activation, pick a neuron
    const before = await page.locator(".ex-text span[data-k='1']").evaluate((el) => (el as HTMLElement).style.background);
    await page.getByLabel("neuron activation").check();
    const H = JSON.parse(readFileSync(join(DIST, dataFile("neurons.json")), "utf8")).data.H;
    const j = Math.min(3, H - 1);
    await page.locator("select").first().selectOption(String(j));
    await expect.poll(() => page.locator("#text-panel").textContent()).toContain(`h${j} at t = 0`);
    const after = await page.locator(".ex-text span[data-k='1']").evaluate((el) => (el as HTMLElement).style.background);
    expect(after).not.toBe(before);
    expect(problems).toEqual([]);
    await page.close();
    // touch: tap at phone width
    const phone = await open("text", "#text-panel", { width: 400 });
    await phone.page.locator(`.ex-text span[data-k='${Math.min(7, n - 2)}']`).tap();
    await expect.poll(() => phone.page.locator("#text-panel").textContent()).toContain(`t = ${Math.min(7, n - 2)}`);
    expect(phone.problems).toEqual([]);
    await phone.page.close();
  }, 120_000);

  it("neuron index sorts and links to every neuron page", async () => {
    const { page, problems } = await open("neurons/", ".ex-table tbody tr");
    const H = JSON.parse(readFileSync(join(DIST, dataFile("neurons.json")), "utf8")).data.H;
    expect(await page.locator(".ex-table tbody tr").count()).toBe(H);
    await page.getByRole("button", { name: /^flips/ }).click(); // sort by flips, descending
    const flips = await page.locator(".ex-table tbody tr td:nth-child(4)").allTextContents();
    const nums = flips.map(Number);
    expect(nums).toEqual([...nums].sort((a, b) => b - a));
    await page.locator(".ex-table tbody tr a").first().click();
    await page.locator("#neuron-summary").waitFor();
    expect(page.url()).toMatch(/\/neurons\/\d+$/);
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);

  it("every explorer page loads clean in light and dark mode and at phone width", async () => {
    const H = JSON.parse(readFileSync(join(DIST, dataFile("neurons.json")), "utf8")).data.H;
    for (const [path, ready] of [...EXPLORER_PAGES, [`neurons/${H - 1}`, "#neuron-summary"]]) {
      for (const opts of [{}, { dark: true }, { width: 400 }]) {
        const { page, problems } = await open(path, ready, opts);
        expect(problems, `${path} ${JSON.stringify(opts)}`).toEqual([]);
        expect(await page.locator(".observablehq--error").count(), `${path} has a cell error`).toBe(0);
        if (opts.width === 400) {
          // nothing but scrollable tables and the text may be wider than a phone
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          expect(overflow, `${path} overflows at 400 px`).toBeLessThanOrEqual(1);
        }
        await page.close();
      }
    }
  }, 300_000);

  it("loads Plot as one module (not d3's thirty); reports each page's time to interactive", async () => {
    // what a chart page requests: Plot once, no d3-* package
    const page = await browser.newPage();
    const modules: string[] = [];
    page.on("request", (r) => r.url().includes("/_node/") && modules.push(r.url().replace(/^.*\/_node\//, "")));
    await page.goto(`${base}neurons/0`);
    await page.locator("#neuron-summary").waitFor();
    await page.waitForLoadState("networkidle");
    await page.close();
    expect(modules.filter((m) => m.startsWith("@observablehq/plot@"))).toHaveLength(1);
    expect(modules.filter((m) => /^d3(-[a-z-]+)?@/.test(m))).toEqual([]);
    // The timing is a benchmark, not a test (SAT_RNN_TIMING=1 runs it; ~80 s): every page of the
    // site (light, desktop), the median of LOADS cold loads each, after one load that warms up the
    // browser itself (its first page also starts its GPU and network processes).
    if (process.env.SAT_RNN_TIMING !== "1") return;
    await (await open("method", "h1")).page.close();
    const timed: { path: string; ms: number; interactive: number }[] = [];
    for (const [path, ready] of SITE_PAGES) {
      const runs: { ms: number; interactive: number }[] = [];
      for (let i = 0; i < LOADS; i++) {
        const r = await open(path, ready);
        expect(r.problems, path).toEqual([]);
        await r.page.close();
        runs.push(r);
      }
      const median = (k: "ms" | "interactive") => runs.map((r) => r[k]).sort((x, y) => x - y)[LOADS >> 1];
      timed.push({ path, ms: median("ms"), interactive: median("interactive") });
    }
    const heaviest = timed.reduce((a, b) => (b.interactive > a.interactive ? b : a));
    const explorer = new Set(EXPLORER_PAGES.map(([p]) => p));
    const slowestExplorer = timed.filter((t) => explorer.has(t.path)).reduce((a, b) => (b.interactive > a.interactive ? b : a));
    report.push(`time to interactive, median of ${LOADS} cold loads (content visible / main thread quiet): ${timed.map((t) => `/${t.path} ${t.ms}/${t.interactive} ms`).join(", ")}`);
    report.push(`slowest page: /${heaviest.path} ${heaviest.interactive} ms; slowest explorer page: /${slowestExplorer.path} ${slowestExplorer.interactive} ms (target ≤ ${INTERACTIVE_TARGET_MS} ms)`);
    if (heaviest.interactive > INTERACTIVE_TARGET_MS) report.push(`NOTE: /${heaviest.path} is over the ${INTERACTIVE_TARGET_MS} ms target on this machine`);
    if (INTERACTIVE_LIMIT_MS !== null) expect(heaviest.interactive).toBeLessThan(INTERACTIVE_LIMIT_MS);
  }, 600_000);
});
