/**
 * The built site's layout and accessibility in Chromium (reads dist/, or SAT_RNN_DIST), on every
 * page, at 1280×900 and 390×844, in the light and the dark theme:
 * - no table or chart reaches into the next section's heading (bounding boxes);
 * - no page-level horizontal scroll at 390 px;
 * - every SVG chart has an accessible name and sits in a numbered, captioned figure whose data can
 *   be downloaded; <html lang> is set; a skip link leads to the content;
 *   the viewport allows zooming;
 * - the Q5 heatmap draws all its cells;
 * - the text view's details panel is inside the viewport after hovering any byte;
 * - the playground shows a next-byte distribution for typed text and continues it.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../lib/io.ts";
import { HAVE_CHROMIUM, siteBrowser } from "./browser.ts";

const DIST = process.env.SAT_RNN_DIST ?? join(PROJECT_ROOT, "dist");
const HAVE_SITE = existsSync(join(DIST, "index.html"));
const VIEWPORTS = [
  { name: "desktop", width: 1280, height: 900 },
  { name: "phone", width: 390, height: 844 },
] as const;

/** Every page of the build: the top-level pages, the neuron index and one neuron page. */
function pages(): string[] {
  const top = readdirSync(DIST)
    .filter((f) => f.endsWith(".html") && f !== "404.html")
    .map((f) => (f === "index.html" ? "" : f.replace(/\.html$/, "")));
  const neurons = existsSync(join(DIST, "neurons")) ? ["neurons/", "neurons/0"] : [];
  return [...top.sort(), ...neurons];
}

/** A data file of the build by its name without the content hash. */
function dataFile(name: string): string {
  const dir = join(DIST, "_file/data");
  const [stem, ext] = [name.slice(0, name.lastIndexOf(".")), name.slice(name.lastIndexOf("."))];
  const f = readdirSync(dir).find((x) => x.startsWith(`${stem}.`) && x.endsWith(ext) && /^[^.]+\.[0-9a-f]{8}\./.test(x));
  if (!f) throw new Error(`no ${name} in ${dir}`);
  return join(dir, f);
}

interface Findings {
  lang: string;
  viewport: string;
  skipLink: boolean;
  scrollWidth: number;
  innerWidth: number;
  overlaps: string[];
  unnamedCharts: string[];
  charts: number;
  figuresWithoutData: string[];
  chartsOutsideFigures: string[];
}

/**
 * Runs in the page (as source text, so vitest leaves it alone). Overlap: for each table, chart
 * (svg, canvas, figure) and Inputs table of the page, the first h2/h3 that follows it in the
 * document must start below its visible bottom edge (clipped by any scrolling or clipping box it
 * sits in, as an Inputs table's rows are), unless the two do not share any horizontal extent.
 * Sticky and fixed elements (the text view's panel) are left out. A chart is an svg at least
 * 100×80 px outside a legend; its name is aria-label, aria-labelledby or a <title> child.
 */
const PROBE = `() => {
  const main = document.getElementById("observablehq-main");
  const abs = (r) => ({top: r.top + scrollY, bottom: r.bottom + scrollY, left: r.left, right: r.right, width: r.width, height: r.height});
  const visible = (e) => {
    const r = e.getBoundingClientRect();
    let top = r.top, bottom = r.bottom, left = r.left, right = r.right;
    for (let a = e.parentElement; a && a !== main; a = a.parentElement) {
      const cs = getComputedStyle(a);
      if (cs.overflowY !== "visible") { const q = a.getBoundingClientRect(); top = Math.max(top, q.top); bottom = Math.min(bottom, q.bottom); }
      if (cs.overflowX !== "visible") { const q = a.getBoundingClientRect(); left = Math.max(left, q.left); right = Math.min(right, q.right); }
    }
    return {top, bottom: Math.max(top, bottom), left, right: Math.max(left, right), width: Math.max(0, right - left), height: Math.max(0, bottom - top)};
  };
  const pinned = (e) => { for (let a = e; a && a !== main; a = a.parentElement) { const p = getComputedStyle(a).position; if (p === "sticky" || p === "fixed") return true; } return false; };
  const describe = (e) => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (e.getAttribute("class") ? "." + String(e.getAttribute("class")).split(" ")[0] : "") + (e.getAttribute("aria-label") ? "[" + e.getAttribute("aria-label").slice(0, 40) + "]" : "");
  const headings = Array.from(main.querySelectorAll("h2, h3")).filter((h) => h.getBoundingClientRect().height > 0);
  const boxes = Array.from(main.querySelectorAll("table, svg, canvas, figure, form[class$='-table']"))
    .filter((e) => !e.parentElement.closest("svg") && !pinned(e) && e.getBoundingClientRect().height > 0);
  const overlaps = [];
  for (const e of boxes) {
    const h = headings.find((x) => e.compareDocumentPosition(x) & Node.DOCUMENT_POSITION_FOLLOWING);
    if (!h) continue;
    const a = abs(visible(e)), b = abs(h.getBoundingClientRect());
    const sideBySide = a.right <= b.left || b.right <= a.left;
    if (!sideBySide && a.bottom > b.top + 1) overlaps.push(describe(e) + " ends at " + Math.round(a.bottom) + " px, below the top of '" + h.textContent.trim().slice(0, 50) + "' at " + Math.round(b.top) + " px");
  }
  const charts = Array.from(main.querySelectorAll("svg")).filter((s) => {
    const r = s.getBoundingClientRect();
    return r.width >= 100 && r.height >= 80 && !s.parentElement.closest("svg") && !/(-ramp|-swatch)/.test(s.getAttribute("class") ?? "");
  });
  const named = (s) => (s.getAttribute("aria-label") ?? "").trim() || s.getAttribute("aria-labelledby") || Array.from(s.children).some((c) => c.tagName.toLowerCase() === "title" && c.textContent.trim());
  const skip = document.querySelector("a.skip-link");
  // every figure: its data downloadable (its plotted-data link, or a data line in its h2 section)
  const sectionOf = (e) => { let h = null; for (const x of main.querySelectorAll("h2")) if (e.compareDocumentPosition(x) & Node.DOCUMENT_POSITION_PRECEDING) h = x; return h; };
  const dataLines = Array.from(main.querySelectorAll(".data-links"));
  const figs = Array.from(main.querySelectorAll("figure.fig"));
  const figuresWithoutData = figs.filter((f) => !f.querySelector("figcaption a.fig-data") && !dataLines.some((d) => sectionOf(d) === sectionOf(f))).map((f) => (f.querySelector("figcaption strong")?.textContent ?? describe(f)).trim());
  const chartsOutsideFigures = charts.filter((s) => !s.closest("figure.fig")).map(describe);
  return {
    lang: document.documentElement.lang,
    viewport: document.querySelector('meta[name="viewport"]')?.getAttribute("content") ?? "",
    skipLink: !!skip && skip === document.body.firstElementChild && skip.getAttribute("href") === "#observablehq-main",
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: document.documentElement.clientWidth,
    overlaps,
    unnamedCharts: charts.filter((s) => !named(s)).map(describe),
    charts: charts.length,
    figuresWithoutData,
    chartsOutsideFigures,
  };
}`;

describe.skipIf(!HAVE_CHROMIUM || !HAVE_SITE)("site layout and accessibility (Chromium)", () => {
  const open = siteBrowser(DIST, 200);

  // the two viewports side by side (two pages of one browser): the browser mostly waits
  for (const vp of VIEWPORTS) {
    it.concurrent(`every page at ${vp.width}×${vp.height}, light and dark: no overlap, no sideways scroll, named charts, lang, skip link`, async () => {
      const report: string[] = [];
      let charts = 0;
      /** The page's findings in both themes, and its errors. */
      const probe = async (path: string) => {
        const { page, errors } = await open(path, vp);
        try {
          const found: Findings[] = [];
          for (const scheme of ["light", "dark"] as const) {
            await page.emulateMedia({ colorScheme: scheme });
            await page.waitForTimeout(150);
            found.push((await page.evaluate(`(${PROBE})()`)) as Findings);
          }
          return { found, errors };
        } finally {
          await page.close();
        }
      };
      // a page that does not settle in 120 s is tried once more, then fails naming itself (a busy
      // machine once stalled one page's rendering until the test's 900 s timeout)
      const probeWithin = async (path: string) => {
        for (let attempt = 1; ; attempt++) {
          let timer: ReturnType<typeof setTimeout> | undefined;
          const attemptDone = probe(path);
          attemptDone.catch(() => {}); // an abandoned attempt rejects when the browser closes: not an unhandled rejection
          try {
            return await Promise.race([
              attemptDone,
              new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`/${path} at ${vp.width}×${vp.height} did not load and settle in 120 s`)), 120_000))),
            ]);
          } catch (e) {
            if (attempt === 2 || !/did not load and settle/.test(String(e))) throw e;
          } finally {
            clearTimeout(timer);
          }
        }
      };
      for (const path of pages()) {
        const { found, errors } = await probeWithin(path);
        for (const [k, scheme] of (["light", "dark"] as const).entries()) {
          const f = found[k];
          const where = `/${path} (${vp.name}, ${scheme})`;
          charts += scheme === "light" ? f.charts : 0;
          if (process.env.LAYOUT_DEBUG && scheme === "light") console.log(`charts ${vp.width} /${path} ${f.charts}`);
          if (f.lang !== "en") report.push(`${where}: <html lang> is "${f.lang}"`);
          if (/maximum-scale|user-scalable=no/.test(f.viewport)) report.push(`${where}: the viewport forbids zooming (${f.viewport})`);
          if (!f.skipLink) report.push(`${where}: no skip link to #observablehq-main as the first element of <body>`);
          if (vp.width < 500 && f.scrollWidth > f.innerWidth + 1) report.push(`${where}: the page scrolls sideways (${f.scrollWidth} px wide in a ${f.innerWidth} px viewport)`);
          for (const o of f.overlaps) report.push(`${where}: ${o}`);
          for (const u of f.unnamedCharts) report.push(`${where}: chart without an accessible name: ${u}`);
          for (const u of f.figuresWithoutData) report.push(`${where}: figure whose data cannot be downloaded: ${u}`);
          for (const u of f.chartsOutsideFigures) report.push(`${where}: chart outside a numbered, captioned figure: ${u}`);
        }
        for (const e of errors) report.push(`/${path} (${vp.name}): ${e}`);
      }
      console.log(`layout at ${vp.width}×${vp.height}: ${pages().length} pages, ${charts} charts checked`);
      expect(charts).toBeGreaterThan(20); // the probe finds the charts at all
      expect(report).toEqual([]);
    }, 900_000);
  }

  it("the Q5 heatmap draws one cell per configuration", async () => {
    const grid = JSON.parse(readFileSync(dataFile("q5.json"), "utf8")).data.grid as unknown[];
    for (const vp of VIEWPORTS) {
      const { page, errors } = await open("q5", vp);
      // drawn when scrolled into view: scroll to it and wait for it
      await expect.poll(async () => {
        // the figure (and its id) exists only once its cell is on screen: walk down until it does
        if (!(await page.locator("#q5-grid").count())) await page.evaluate(() => window.scrollBy(0, 500));
        await page.locator("#q5-grid").scrollIntoViewIfNeeded({ timeout: 1000 }).catch(() => {});
        return page.locator("#q5-grid g[aria-label='cell']").count();
      }, { timeout: 30_000 }).toBe(2);
      const counts = await page.locator("#q5-grid g[aria-label='cell']").evaluateAll((gs) => gs.map((g) => g.querySelectorAll("rect").length));
      expect(counts[0]).toBe(grid.length); // every configuration, not only the selected one
      expect(counts[1]).toBe(1); // the selection's outline
      expect(errors).toEqual([]);
      await page.close();
    }
  }, 120_000);

  it("a figure's \"plotted data (CSV)\" link downloads the rows the chart draws (Q7's alignment per offset)", async () => {
    const q7 = JSON.parse(readFileSync(dataFile("q7.json"), "utf8")).data;
    const { page, errors } = await open("q7", VIEWPORTS[0]);
    const fig = page.locator("figure.fig", { has: page.locator("figcaption strong", { hasText: "Alignment with PMI, offset by offset" }) });
    await fig.scrollIntoViewIfNeeded();
    const [download] = await Promise.all([page.waitForEvent("download"), fig.locator("a.fig-data").click()]);
    expect(download.suggestedFilename()).toBe("alignment-with-pmi-offset-by-offset.csv");
    const lines = readFileSync((await download.path())!, "utf8").trim().split("\n");
    expect(lines[0]).toBe("d,pct,mass,series,chance");
    // every offset of q7_algebraic, and of the higher-order sample with the bigram gate and (d ≥ 2) the trigram gate
    const hoTri = q7.higherOrder.offsets.filter((o: { d: number }) => o.d >= 2).length;
    expect(lines.length - 1).toBe(q7.algebraic.offsets.length + q7.higherOrder.offsets.length + hoTri);
    const first = lines[1].split(",");
    expect(Number(first[0])).toBe(q7.algebraic.offsets[0].d);
    expect(Number(first[1])).toBe(q7.algebraic.offsets[0].pct);
    expect(Number(first[4])).toBe(q7.algebraic.chanceByOffset[0]);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it("the text view's panel stays inside the viewport after hovering any byte", async () => {
    for (const vp of VIEWPORTS) {
      const { page, errors } = await open("text", vp);
      const n = await page.locator(".ex-text span[data-k]").count();
      expect(n).toBeGreaterThan(1);
      // every 37th byte (spread over the whole text, lines of any length) and the last one
      const ks = [...Array.from({ length: Math.ceil(n / 37) }, (_, i) => i * 37), n - 1];
      const outside: string[] = [];
      let underlined = 0;
      for (const k of ks) {
        const span = page.locator(`.ex-text span[data-k='${k}']`);
        await span.scrollIntoViewIfNeeded();
        if (vp.width < 500) await span.tap();
        else await span.hover();
        await expect.poll(() => page.locator("#text-panel").textContent()).toContain(`t = ${k}`);
        const box = await page.locator("#text-panel").boundingBox();
        const inside = box !== null && box.y >= -1 && box.x >= -1 && box.y + Math.min(box.height, 120) <= vp.height + 1 && box.x + box.width <= vp.width + 1;
        if (!inside) outside.push(`byte ${k}: panel at ${JSON.stringify(box)}`);
        const marked = await page.locator(".ex-text span.infl").evaluateAll((es) => es.map((e) => Number((e as HTMLElement).dataset.k)));
        if (marked.length) underlined++;
        // the influence underline marks only bytes at or before the hovered one, at most 20 back
        expect(marked.every((m) => m <= k && m > k - 21), `byte ${k}: underlined ${marked}`).toBe(true);
      }
      expect(outside, `${vp.name}`).toEqual([]);
      expect(underlined).toBeGreaterThan(ks.length / 2); // most predictions have earlier bytes that matter
      expect(errors).toEqual([]);
      await page.close();
    }
  }, 300_000);

  it("the playground shows the next-byte distribution of typed text and continues it", async () => {
    const { page, errors } = await open("playground", VIEWPORTS[0]);
    await page.locator("textarea").first().fill("<page>\n    <title>");
    // ten most probable next bytes, probabilities in decreasing order, summing to at most 1
    await expect.poll(() => page.locator("#next-byte tbody tr").count(), { timeout: 10_000 }).toBe(10);
    const ps = (await page.locator("#next-byte tbody tr td:nth-child(2)").allTextContents()).map(Number);
    expect(ps.every((p, i) => i === 0 || p <= ps[i - 1])).toBe(true);
    expect(ps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1.0005);
    expect(ps[0]).toBeGreaterThan(1 / 256);
    // greedy continuation: its first byte is the most probable next byte
    const cont = page.locator("#continuation");
    await expect.poll(() => cont.getAttribute("data-n")).toBe("200");
    const first = await page.locator("#next-byte tbody tr").first().getAttribute("data-byte");
    const firstGlyph = await cont.locator(".pg-cont-text > span:not(.pg-prompt)").first().textContent();
    const want = Number(first);
    expect(firstGlyph).toBe(want === 32 ? "\u00a0" : want === 10 ? "↵" : want >= 33 && want <= 126 ? String.fromCharCode(want) : firstGlyph);
    // sampled: the seed is shown, and the same seed gives the same text
    const radio = (name: string) => page.getByRole("radio", { name });
    await radio("sampled").check();
    await expect.poll(() => cont.getAttribute("data-mode")).toBe("sampled");
    const a = await cont.locator(".pg-cont-text").textContent();
    expect(await cont.textContent()).toContain("seed 1");
    await radio("greedy").check();
    await expect.poll(() => cont.getAttribute("data-mode")).toBe("greedy");
    await radio("sampled").check();
    await expect.poll(() => cont.locator(".pg-cont-text").textContent()).toBe(a);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
