/**
 * The robustness and compare pages in a built site (dist/, or SAT_RNN_DIST): their data agree with
 * the claims ledger of the same build, and both pages load offline without errors.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveDist } from "../../cli/static-server.ts";
import { PROJECT_ROOT } from "../../lib/io.ts";
import { HAVE_CHROMIUM, launch, visit } from "./browser.ts";

const DIST = process.env.SAT_RNN_DIST ?? join(PROJECT_ROOT, "dist");
const HAVE = existsSync(join(DIST, "robustness.html"));

function dataFile(name: string): string {
  const dir = join(DIST, "_file/data");
  const [stem, ext] = [name.slice(0, name.lastIndexOf(".")), name.slice(name.lastIndexOf("."))];
  const f = readdirSync(dir).find((x) => x.startsWith(`${stem}.`) && x.endsWith(ext) && /^[^.]+\.[0-9a-f]{8}\./.test(x));
  if (!f) throw new Error(`no ${name} in ${dir}`);
  return join(dir, f);
}

describe.skipIf(!HAVE)("robustness and compare pages in the built site", () => {
  const R = HAVE ? JSON.parse(readFileSync(dataFile("robustness.json"), "utf8")).data : null;
  const C = HAVE ? JSON.parse(readFileSync(dataFile("compare.json"), "utf8")).data : null;
  const L = HAVE ? JSON.parse(readFileSync(dataFile("claims.json"), "utf8")).data : null;

  it("robustness.json judges every ledger claim on every model; the model in hand's verdicts are the ledger's", () => {
    expect(R.available).toBe(true); // the committed demo population at least
    const ids = Object.keys(R.claims);
    expect(ids).toEqual(L.rows.map((r: { id: string }) => r.id));
    for (const id of ids) {
      const c = R.claims[id];
      expect(c.holds + c.differs + c.construction + c.unreproducible + c.na).toBe(c.total);
      expect(c.total).toBe(R.models.length);
      expect(c.values.length).toBe(c.total);
      expect(c.verdicts.filter((v: string) => v === "holds").length).toBe(c.holds);
      expect(["robust", "model-specific", "initialisation-bound", "not judged"]).toContain(c.classification);
      expect(c.inHand.verdict).toBe(L.rows.find((r: { id: string }) => r.id === id).verdict);
    }
    const n = R.counts;
    expect(n.robust + n["model-specific"] + n["initialisation-bound"] + n["not judged"]).toBe(ids.length);
  });

  it("compare.json: flipped verdicts are exactly the claims whose verdicts differ", () => {
    if (!C.available) return;
    for (const f of C.flipped) {
      expect(f.a.verdict).not.toBe(f.b.verdict);
      expect(f.a.verdict).toBe(L.rows.find((r: { id: string }) => r.id === f.id).verdict);
    }
    expect(C.claims).toBe(L.rows.length);
    expect(C.bits.a.length).toBe(L.T);
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

    it("/robustness loads offline, shows a row per claim, and filters by classification", async () => {
      const { page: p, problems } = await visit(browser, `${base}robustness`);
      expect(problems.consoleErrors).toEqual([]);
      expect(problems.failedRequests).toEqual([]);
      expect(problems.foreignRequests).toEqual([]);
      expect(await p.locator(".observablehq--error").count()).toBe(0);
      const rows = p.locator("#robustness-claims tbody tr");
      expect(await rows.count()).toBe(Object.keys(R.claims).length);
      // one strip per claim with a single number per model; the model in hand's tick on them
      const scalar = Object.values(R.claims).filter((c: any) => c.values.some((v: unknown) => typeof v === "number") || typeof c.inHand?.value === "number").length;
      expect(await p.locator("#robustness-claims svg.pop-strip").count()).toBe(scalar);
      expect(await p.locator("#robustness-claims svg.pop-strip line.pop-hand").count()).toBeGreaterThan(0);
      await p.locator("select").first().selectOption("robust");
      await p.waitForTimeout(300);
      expect(await p.locator("#robustness-claims tbody tr").count()).toBe(R.counts.robust);
      await p.close();
    }, 60_000);

    it("/compare loads offline and shows the flips (or how to ask for a comparison)", async () => {
      const { page: p, problems } = await visit(browser, `${base}compare`);
      expect(problems.consoleErrors).toEqual([]);
      expect(problems.failedRequests).toEqual([]);
      expect(problems.foreignRequests).toEqual([]);
      expect(await p.locator(".observablehq--error").count()).toBe(0);
      if (C.available) {
        expect(await p.locator("#compare-flips").textContent()).toBe(`${C.flipped.length} change verdict`);
        expect(await p.locator("svg[aria-label], figure svg").count()).toBeGreaterThan(0);
      } else {
        expect(await p.locator("#compare-none").count()).toBe(1);
      }
      await p.close();
    }, 60_000);
  });
});
