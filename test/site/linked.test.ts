/**
 * Linked views in Chromium (reads dist/, or SAT_RNN_DIST): on the chapter pages whose charts show
 * neurons (Q3, Q4, Q6), one neuron highlighted on the page is emphasised in every neuron chart, at
 * 1280×900 and 390×844:
 * - clicking a neuron's mark in one chart highlights it: the URL carries ?neuron=N and every neuron
 *   chart (figure[data-neuron-chart]) draws elements marked data-focus-neuron="N";
 * - the "highlight neuron" bar does the same, and stays in view (sticky) while the page scrolls;
 * - loading the page with ?neuron=N restores the highlight;
 * - arrow keys on a chart step to the next neuron of that chart and keep the keyboard on it;
 * - the emphasis is the accent purple (not a verdict colour), in the light and the dark theme;
 * - every chart keeps its accessible name; no console errors; no sideways scroll at 390 px.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../lib/io.ts";
import { HAVE_CHROMIUM, scrollThrough, siteBrowser } from "./browser.ts";

const DIST = process.env.SAT_RNN_DIST ?? join(PROJECT_ROOT, "dist");
const HAVE_SITE = existsSync(join(DIST, "q3.html"));
const VIEWPORTS = [
  { name: "desktop", width: 1280, height: 900 },
  { name: "phone", width: 390, height: 844 },
] as const;

/**
 * For each page: the chart whose mark is clicked (its svg's accessible name) and the mark
 * (a selector inside it, and which of the matches), how many neuron charts the page has at least,
 * and the charts that may legitimately not contain a given neuron (the Q6 tree shows the ~20
 * neurons of one prediction).
 */
const PAGES = [
  { path: "q3", chart: "Knockout importance of every neuron", mark: "g[aria-label='bar'] rect[data-neuron]", nth: 3, charts: 2, mayLack: [] as string[] },
  { path: "q4", chart: "Flips per neuron", mark: "g[aria-label='bar'] rect[data-neuron]", nth: 5, charts: 3, mayLack: [] },
  { path: "q6", chart: "How often each neuron is driver", mark: "g[aria-label='bar'] rect[data-neuron]", nth: 1, charts: 3, mayLack: ["Justification tree"] },
] as const;

interface ChartState {
  name: string;
  focused: number;
  shown: string | null;
  absent: string | null;
}

/** Every neuron chart of the page: its name and how many of its elements carry the highlight. */
const CHARTS = `(n) => Array.from(document.querySelectorAll("[data-neuron-chart]")).map((c) => ({
  name: (c.matches("svg") ? c : c.querySelector("svg[aria-label]"))?.getAttribute("aria-label") ?? "",
  focused: c.querySelectorAll('[data-focus-neuron="' + n + '"]').length,
  shown: c.getAttribute("data-focus-shown"),
  absent: c.getAttribute("data-focus-absent"),
}))`;

describe.skipIf(!HAVE_CHROMIUM || !HAVE_SITE)("linked views: one highlighted neuron in every chart (Chromium)", () => {
  const open = siteBrowser(DIST, 400);

  const urlNeuron = (page: Page) => new URL(page.url()).searchParams.get("neuron");

  /** Scrolls the page through (charts redraw when in view) until every neuron chart shows neuron n. */
  async function expectEverywhere(page: Page, n: number, spec: (typeof PAGES)[number], where: string): Promise<ChartState[]> {
    let charts: ChartState[] = [];
    await expect
      .poll(
        async () => {
          await scrollThrough(page);
          charts = (await page.evaluate(`(${CHARTS})(${n})`)) as ChartState[];
          const missing = charts.filter((c) => !(c.focused > 0 && c.shown === String(n)) && !(spec.mayLack.some((m) => c.name.startsWith(m)) && c.absent === String(n)));
          return { charts: charts.length >= spec.charts, missing: missing.map((c) => `${c.name}: ${c.focused} emphasised, shown=${c.shown}, absent=${c.absent}`) };
        },
        { timeout: 60_000, interval: 500, message: where },
      )
      .toEqual({ charts: true, missing: [] });
    return charts;
  }

  for (const vp of VIEWPORTS) {
    for (const spec of PAGES) {
      it(`/${spec.path} at ${vp.width}×${vp.height}: a click, the picker and ?neuron=N highlight one neuron in every neuron chart`, async () => {
        const { page, errors } = await open(spec.path, vp);
        const where = `/${spec.path} (${vp.name})`;
        const H = Number(await page.locator(".focus-bar input").getAttribute("max")) + 1;
        expect(H).toBeGreaterThan(1);
        expect(urlNeuron(page)).toBeNull();
        expect(await page.locator(".focus-bar input").inputValue()).toBe("");

        // 1. click a neuron's mark in one chart
        const chart = page.locator(`svg[aria-label="${spec.chart}"]`);
        await chart.scrollIntoViewIfNeeded();
        const mark = chart.locator(spec.mark).nth(spec.nth);
        const a = Number(await mark.getAttribute("data-neuron"));
        expect(Number.isInteger(a)).toBe(true);
        await mark.click({ force: true });
        await expect.poll(() => urlNeuron(page), { message: `${where}: ?neuron after a click` }).toBe(String(a));
        expect(await page.locator(".focus-bar input").inputValue()).toBe(String(a));
        const after = await expectEverywhere(page, a, spec, `${where}: after clicking h${a}`);
        console.log(`${where}: h${a} clicked, ${after.map((c) => `${c.name.slice(0, 30)}: ${c.focused}`).join("; ")}`);

        // 2. the picker (typed, then Enter), which stays in view at the top of the scrolled page
        const b = (a + 37) % H;
        await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight / 2));
        await page.waitForTimeout(200);
        const bar = await page.locator(".focus-bar").boundingBox();
        expect(bar && bar.y >= -1 && bar.y < 4, `${where}: the highlight bar is stuck at the top (${JSON.stringify(bar)})`).toBe(true);
        await page.locator(".focus-bar input").fill(String(b));
        await page.locator(".focus-bar input").press("Enter");
        await expect.poll(() => urlNeuron(page), { message: `${where}: ?neuron after the picker` }).toBe(String(b));
        await expectEverywhere(page, b, spec, `${where}: after picking h${b}`);

        // the clear button removes the highlight and the parameter
        await page.locator(".focus-bar .focus-clear").click();
        await expect.poll(() => urlNeuron(page)).toBeNull();
        await expect.poll(async () => {
          await scrollThrough(page);
          return page.locator("[data-focus-neuron]").count();
        }, { timeout: 30_000 }).toBe(0);

        // no sideways scroll on a phone; every chart has its accessible name
        const sw = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
        if (vp.width < 500) expect(sw[0], `${where}: page scrolls sideways`).toBeLessThanOrEqual(sw[1] + 1);
        const unnamed = await page.evaluate(() =>
          Array.from(document.querySelectorAll("[data-neuron-chart]"))
            .flatMap((c) => (c.matches("svg") ? [c] : Array.from(c.querySelectorAll("svg"))))
            .filter((s) => !s.parentElement?.closest("svg") && !s.closest("[class*='-swatch'], [class*='-ramp']"))
            .filter((s) => !(s.getAttribute("aria-label") ?? "").trim()).length,
        );
        expect(unnamed).toBe(0);
        expect(errors, where).toEqual([]);
        await page.close();

        // 3. a shared link: ?neuron=N restores the highlight
        const c = (a + 71) % H;
        const shared = await open(`${spec.path}?neuron=${c}`, vp);
        expect(await shared.page.locator(".focus-bar input").inputValue()).toBe(String(c));
        expect(urlNeuron(shared.page)).toBe(String(c));
        await expectEverywhere(shared.page, c, spec, `${where}: loaded with ?neuron=${c}`);
        if (vp.width < 500) {
          const w = await shared.page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
          expect(w[0], `${where}: page scrolls sideways with a highlight`).toBeLessThanOrEqual(w[1] + 1);
        }
        expect(shared.errors, `${where} ?neuron=${c}`).toEqual([]);
        await shared.page.close();
      }, 300_000);
    }
  }

  it("arrow keys on a chart step through its neurons and keep the keyboard on the redrawn chart", async () => {
    const { page, errors } = await open("q3?neuron=8", VIEWPORTS[0]);
    const name = "Knockout importance of every neuron";
    const bars = page.locator(`svg[aria-label="${name}"] g[aria-label='bar'] rect[data-neuron]`);
    const order = await bars.evaluateAll((rs) => rs.map((r) => Number(r.getAttribute("data-neuron"))));
    const start = Number(new URL(page.url()).searchParams.get("neuron"));
    const at = order.indexOf(start);
    expect(at).toBeGreaterThanOrEqual(0);
    await page.locator(`svg[aria-label="${name}"]`).focus();
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => urlNeuron(page)).toBe(String(order[at + 1]));
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe(name);
    await page.keyboard.press("ArrowLeft");
    await expect.poll(() => urlNeuron(page)).toBe(String(order[at]));
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe(name);
    await page.keyboard.press("Escape");
    await expect.poll(() => urlNeuron(page)).toBeNull();
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it("the emphasis is the accent purple, apart from the other bars, in the light and the dark theme", async () => {
    for (const scheme of ["light", "dark"] as const) {
      const { page, errors } = await open("q4?neuron=54", VIEWPORTS[0], scheme);
      const bars = page.locator("svg[aria-label='Flips per neuron'] g[aria-label='bar'] rect");
      await expect.poll(() => page.locator("svg[aria-label='Flips per neuron'] rect[data-focus-neuron='54']").count(), { timeout: 30_000 }).toBe(1);
      const [focused, other, accent] = await page.evaluate(() => {
        const f = document.querySelector("svg[aria-label='Flips per neuron'] rect[data-focus-neuron='54']")!;
        const o = document.querySelector("svg[aria-label='Flips per neuron'] rect[data-neuron]:not([data-focus-neuron])")!;
        const probe = document.createElement("span");
        probe.style.color = "var(--accent)";
        document.body.append(probe);
        const acc = getComputedStyle(probe).color;
        probe.remove();
        return [getComputedStyle(f).fill, getComputedStyle(o).fill + " " + getComputedStyle(o).opacity, acc];
      });
      expect(focused, scheme).toBe(accent);
      expect(other.startsWith(focused), scheme).toBe(false);
      expect(Number(other.split(" ").pop()), `${scheme}: the other bars are dimmed`).toBeLessThan(0.5);
      // never a verdict colour
      const verdicts = await page.evaluate(() =>
        ["--holds", "--differs", "--na"].map((v) => {
          const probe = document.createElement("span");
          probe.style.color = `var(${v})`;
          document.body.append(probe);
          const c = getComputedStyle(probe).color;
          probe.remove();
          return c;
        }),
      );
      expect(verdicts.every((v) => v.startsWith("rgb"))).toBe(true);
      expect(verdicts).not.toContain(accent);
      expect(await bars.count()).toBeGreaterThan(10);
      expect(errors).toEqual([]);
      await page.close();
    }
  }, 120_000);

  it("a neuron page's chapter links open Q1, Q3, Q4 and Q6 with that neuron highlighted", async () => {
    const { page, errors } = await open("neurons/54", VIEWPORTS[0]);
    const hrefs = await page.evaluate(() => Array.from(document.querySelectorAll("#observablehq-main a[href]"), (a) => (a as HTMLAnchorElement).href));
    const chapters = hrefs.filter((h) => /\/q[1346](\.html)?(\?|$)/.test(new URL(h).pathname + (new URL(h).search ? "?" : "")));
    expect(chapters.length).toBeGreaterThanOrEqual(4);
    for (const h of chapters) expect(new URL(h).searchParams.get("neuron"), h).toBe("54");
    // Q2 has no highlight: its link stays as it was
    for (const h of hrefs.filter((x) => /\/q2(\.html)?$/.test(new URL(x).pathname))) expect(new URL(h).searchParams.has("neuron"), h).toBe(false);
    await page.goto(chapters.find((h) => /\/q3/.test(h))!, { waitUntil: "load" });
    await expect.poll(() => page.locator("[data-focus-neuron='54']").count(), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});

