/**
 * The home page, the claims ledger and the method page in a built site (dist/, or SAT_RNN_DIST):
 * claims.json is there, every ledger row links to an anchor that exists, and the three pages load
 * offline without errors; the ledger's filters work and are written to the URL; and every verdict
 * shown anywhere on the site (elements with data-claim) equals the ledger's verdict for that id.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveDist } from "../../cli/static-server.ts";
import { PROJECT_ROOT } from "../../lib/io.ts";
import { HAVE_CHROMIUM, launch, scrollThrough, visit } from "./browser.ts";

const DIST = process.env.SAT_RNN_DIST ?? join(PROJECT_ROOT, "dist");
const HAVE = existsSync(join(DIST, "claims.html"));

function dataFile(name: string): string {
  const dir = join(DIST, "_file/data");
  const [stem, ext] = [name.slice(0, name.lastIndexOf(".")), name.slice(name.lastIndexOf("."))];
  const f = readdirSync(dir).find((x) => x.startsWith(`${stem}.`) && x.endsWith(ext) && /^[^.]+\.[0-9a-f]{8}\./.test(x));
  if (!f) throw new Error(`no ${name} in ${dir}`);
  return join(dir, f);
}

/** ids present in a built page. */
function idsOf(page: string): Set<string> {
  const html = readFileSync(join(DIST, `${page}.html`), "utf8");
  return new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
}

describe.skipIf(!HAVE)("claims ledger in the built site", () => {
  const claims = HAVE ? JSON.parse(readFileSync(dataFile("claims.json"), "utf8")) : null;

  it("ships claims.json with a verdict per row, computed for the built model", () => {
    expect(claims.fingerprint.H).toBeGreaterThan(0);
    expect(claims.data.rows.length).toBeGreaterThan(90);
    for (const r of claims.data.rows) expect(["holds", "differs", "construction", "unreproducible", "na"]).toContain(r.verdict);
    const c = claims.data.counts;
    expect(c.holds + c.differs + c.construction + c.unreproducible + c.na).toBe(claims.data.rows.length);
    expect(new Set(claims.data.rows.map((r: { id: string }) => r.id)).size).toBe(claims.data.rows.length);
  });

  it("every row links to a chart anchor and a method anchor that exist", () => {
    const cache = new Map<string, Set<string>>();
    const ids = (p: string) => {
      if (!cache.has(p)) cache.set(p, idsOf(p));
      return cache.get(p)!;
    };
    const missing: string[] = [];
    for (const r of claims.data.rows) {
      for (const href of [r.chart, r.method]) {
        const m = /^\.\/([a-z0-9]*)(?:#(.+))?$/.exec(href);
        if (!m) {
          missing.push(`${r.id}: ${href}`);
          continue;
        }
        const page = m[1] || "index";
        if (!existsSync(join(DIST, `${page}.html`)) || (m[2] && !ids(page).has(m[2]))) missing.push(`${r.id}: ${href}`);
      }
    }
    expect(missing).toEqual([]);
  });

  describe.skipIf(!HAVE_CHROMIUM)("in Chromium", () => {
    let browser: Browser;
    let base: string;
    let close: () => void;
    beforeAll(async () => {
      const s = await serveDist(DIST, "/");
      base = s.base;
      close = () => s.server.close();
      browser = await launch();
    });
    afterAll(async () => {
      await browser?.close();
      close?.();
    });

    // (every page's clean load is site.test.ts's; here the home page's live numbers)
    for (const page of [""]) {
      it(`/${page} loads offline without errors and links its live numbers`, async () => {
        const { page: p, problems } = await visit(browser, base + page);
        expect(problems.consoleErrors).toEqual([]);
        expect(problems.failedRequests).toEqual([]);
        expect(problems.foreignRequests).toEqual([]);
        expect(await p.locator(".observablehq--error").count()).toBe(0);
        if (page === "") expect(await p.locator("a.live").count()).toBeGreaterThan(10);
        await p.close();
      }, 60_000);
    }

    it("a link to a ledger row (as the home page's live numbers make) opens the ledger at that row", async () => {
      const last = claims.data.rows[claims.data.rows.length - 1];
      const p = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      await p.goto(`${base}claims#claim-${last.id}`, { waitUntil: "networkidle" });
      const row = p.locator(`[id="claim-${last.id}"]`);
      await row.waitFor();
      await p.waitForTimeout(500);
      const box = await row.boundingBox();
      expect(box!.y).toBeGreaterThanOrEqual(0);
      expect(box!.y).toBeLessThan(900);
      expect(await p.evaluate(() => scrollY)).toBeGreaterThan(1000); // the last row is far down the page
      expect(await row.getAttribute("class")).toContain("ledger-target");
      await p.close();
    }, 60_000);

    const verdictOf = new Map<string, string>((HAVE ? claims.data.rows : []).map((r: { id: string; verdict: string }) => [r.id, r.verdict]));
    for (const page of ["", "claims", "q1", "q2", "q3", "q4", "q5", "q6", "q7"]) {
      it(`/${page}: every verdict shown (data-claim) is the ledger's`, async () => {
        const { page: p } = await visit(browser, base + page);
        await scrollThrough(p); // sections below the fold are drawn when scrolled into view
        await p.waitForTimeout(500);
        const shown = await p.$$eval("[data-claim]", (es) => es.map((e) => ({ id: e.getAttribute("data-claim") ?? "", cls: [...e.classList] })));
        expect(shown.length).toBeGreaterThan(page === "" || page === "claims" ? 20 : 3);
        const wrong = shown.filter((s) => !verdictOf.has(s.id) || !s.cls.includes(verdictOf.get(s.id)!)).map((s) => `${s.id}: ${s.cls.join(" ")} vs ${verdictOf.get(s.id)}`);
        expect(wrong).toEqual([]);
        await p.close();
      }, 90_000);
    }

    it("the ledger writes its filters and sort to the URL; chapter bars link to the filtered ledger", async () => {
      const { page: p } = await visit(browser, `${base}claims?chapter=q6`);
      await p.locator("select").nth(1).selectOption("differs");
      await p.waitForTimeout(300);
      expect(new URL(p.url()).search).toBe("?chapter=q6&verdict=differs");
      const n = claims.data.rows.filter((r: { chapter: string; verdict: string }) => r.chapter === "q6" && r.verdict === "differs").length;
      expect(await p.locator("table.ledger tbody tr[id^=claim-]").count()).toBe(n);
      await p.locator("button.sort[data-sort=verdict]").first().click();
      await p.waitForTimeout(300);
      expect(new URL(p.url()).searchParams.get("sort")).toBe("verdict");
      expect(await p.locator(".chapter-bars a[data-chapter=q1]").first().getAttribute("href")).toBe("?chapter=q1");
      await p.close();
    }, 60_000);

    type Row = { id: string; chapter: string; section: string; verdict: string; claim: string; quote: string; measured: string; paper: string; location: string[]; neurons?: number[] };
    const rowIds = async (p: import("playwright-core").Page) => (await p.locator("table.ledger tbody tr[id^=claim-]").evaluateAll((es) => es.map((e) => e.id.slice(6))));

    it("the ledger searches the text and filters by paper section (a location naming it counts), in paper order", async () => {
      const rows: Row[] = claims.data.rows;
      const { page: p } = await visit(browser, `${base}claims?q=h54`);
      const hay = (r: Row) => `${r.claim} ${r.quote} ${r.measured} ${r.paper} ${r.id} ${(r.neurons ?? []).map((j) => `h${j}`).join(" ")}`.toLowerCase();
      const expected = rows.filter((r) => hay(r).includes("h54")).map((r) => r.id);
      expect(expected.length).toBeGreaterThan(0);
      expect((await rowIds(p)).sort()).toEqual([...expected].sort());
      expect(await p.locator("p", { hasText: /^Showing/ }).textContent()).toContain(`Showing ${expected.length} of ${rows.length} claims`);
      await p.close();
      // the section whose title other sections' claims name most: those rows count too
      type Section = { id: string; title: string };
      const extra = (x: Section) => rows.filter((r) => r.section !== x.id && r.location.includes(x.title)).length;
      const s: Section = [...claims.data.sections].sort((a: Section, b: Section) => extra(b) - extra(a))[0];
      expect(extra(s)).toBeGreaterThan(0);
      const { page: q } = await visit(browser, `${base}claims?section=${s.id}`);
      const inSection = rows.filter((r) => r.section === s.id || r.location.includes(s.title)).map((r) => r.id);
      expect((await rowIds(q)).sort()).toEqual([...inSection].sort());
      // grouped by section in the ledger's section order, rows in paper order within each
      const order = new Map(rows.map((r, i) => [r.id, i]));
      const caps = await q.locator("table.ledger caption").allTextContents();
      const titles = claims.data.sections.map((x: { title: string }) => x.title);
      const at = caps.map((c) => titles.findIndex((t: string) => c.startsWith(`${t} (`)));
      expect(at.every((i) => i >= 0)).toBe(true);
      expect(at).toEqual([...at].sort((a, b) => a - b));
      for (const sec of await q.locator("section.ledger-section").all()) {
        const ids = await sec.locator("tbody tr[id^=claim-]").evaluateAll((es) => es.map((e) => e.id.slice(6)));
        const ix = ids.map((id) => order.get(id)!);
        expect(ix).toEqual([...ix].sort((a, b) => a - b));
      }
      await q.close();
    }, 60_000);

    it("sorts by a column both ways (aria-sort on its header, the order in the URL); tallies match the rows shown", async () => {
      const rows: Row[] = claims.data.rows;
      const V = ["holds", "differs", "construction", "unreproducible", "na"];
      const { page: p } = await visit(browser, `${base}claims?chapter=q1&sort=verdict&dir=desc`);
      const ids = await rowIds(p);
      const mine = rows.filter((r) => r.chapter === "q1");
      expect(ids.length).toBe(mine.length);
      const byId = new Map(rows.map((r) => [r.id, r]));
      const ranks = ids.map((id) => V.indexOf(byId.get(id)!.verdict));
      expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
      expect(await p.locator("th[aria-sort=descending] button.sort[data-sort=verdict]").count()).toBe(1);
      // the tally after "Showing" counts the rows shown, per verdict
      const counts = Object.fromEntries(V.map((v) => [v, mine.filter((r) => r.verdict === v).length]));
      for (const v of V) expect(await p.locator(`table.ledger tr.v-${v}`).count()).toBe(counts[v]);
      await p.locator("button.sort[data-sort=verdict]").click();
      await p.waitForTimeout(300);
      expect(new URL(p.url()).searchParams.get("dir")).toBe(null); // ascending is the default
      expect(await p.locator("th[aria-sort=ascending] button.sort[data-sort=verdict]").count()).toBe(1);
      const up = (await rowIds(p)).map((id) => V.indexOf(byId.get(id)!.verdict));
      expect(up).toEqual([...up].sort((a, b) => a - b));
      await p.close();
    }, 60_000);

    it("the chapter bars count what claims.json counts; the section chart's bars link to each section's claims", async () => {
      const { page: p } = await visit(browser, `${base}claims`);
      for (const [chapter, k] of Object.entries(claims.data.byChapter as Record<string, Record<string, number>>)) {
        const cells = await p.locator(`.chapter-bars tr:has(a[data-chapter="${chapter}"]) td.counts span`).allTextContents();
        expect(cells.map(Number)).toEqual(["holds", "differs", "construction", "unreproducible", "na"].map((v) => k[v] ?? 0));
      }
      const hrefs = await p.locator("figure.fig svg a").evaluateAll((es) => es.map((e) => e.getAttribute("href")));
      const withClaims = claims.data.sections.filter((s: { rows: number }) => s.rows > 0).map((s: { id: string }) => `?section=${s.id}`);
      expect([...new Set(hrefs)].sort()).toEqual([...withClaims].sort());
      await p.close();
    }, 60_000);

    it("the ledger filters by verdict and chapter", async () => {
      const { page: p } = await visit(browser, `${base}claims?verdict=holds`);
      expect(await p.locator("table.ledger tr.v-holds").count()).toBe(claims.data.counts.holds);
      expect(await p.locator("table.ledger tr.v-differs").count()).toBe(0);
      await p.close();
      const { page: q } = await visit(browser, `${base}claims?chapter=q6`);
      const n = claims.data.rows.filter((r: { chapter: string }) => r.chapter === "q6").length;
      expect(await q.locator("table.ledger tbody tr[id^=claim-]").count()).toBe(n);
      await q.close();
    }, 60_000);
  });
});
