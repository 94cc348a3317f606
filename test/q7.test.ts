import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { binAlignment, hoPositions, MAX_D, q7Algebraic, q7HigherOrder, q7Positions } from "../lib/analyses/q7/algebraic.ts";
import { perturbSweep } from "../lib/analyses/q7/perturb.ts";
import { pmi, pmi3, skipStats, topPmi } from "../lib/analyses/q7/pmi.ts";
import q7AlgPrintout from "../lib/printouts/q7_algebraic.ts";
import q7HoPrintout from "../lib/printouts/q7_higher_order.ts";
import { bitsFromLogits, readoutLogits, step } from "../lib/rnn.ts";
import { HAVE_SHARED, randomModel, REFERENCE_DIR, satRun, tinyRun } from "./helpers.ts";

const enc = (s: string) => new TextEncoder().encode(s);
const CORPUS60 = "The quick brown fox jumps over the lazy dog, again and again.".slice(0, 60);

describe("q7 data statistics by hand", () => {
  it("skip-bigram PMI on 'abab'", () => {
    const st = skipStats(enc("abab"), 3);
    // n = 4, c[a] = c[b] = 2; J_1[a][b] = 2 of n−1 = 3 pairs; J_1[b][a] = 1
    expect(pmi(st, 1, 97, 98)).toBeCloseTo(Math.log2(2 / 3 / 0.25), 12);
    expect(pmi(st, 1, 98, 97)).toBeCloseTo(Math.log2(1 / 3 / 0.25), 12);
    expect(pmi(st, 1, 97, 97)).toBe(0); // unseen pair
    expect(pmi(st, 2, 97, 97)).toBeCloseTo(Math.log2(1 / 2 / 0.25), 12); // J_2[a][a] = 1 of n−d = 2
    expect(topPmi(st, 1)).toEqual({ d: 1, a: 97, b: 98, pmi: Math.log2(2 / 3 / 0.25), count: 2 });
  });
  it("skip-trigram PMI on 'abcabcabd'", () => {
    const data = enc("abcabcabd");
    const st = skipStats(data, 3);
    // d = 2, (a,b) = ('a','b'), y = 'c': N_ab = 3 (s = 0,3,6 < n−d = 7), N_aby = 2, c['c'] = 2
    expect(pmi3(data, st.count, 2, 97, 98, 99)).toBeCloseTo(Math.log2(2 / 7 / ((3 / 8) * (2 / 9))), 12);
    expect(pmi3(data, st.count, 1, 97, 98, 99)).toBe(0); // d = 1: no trigram
    expect(pmi3(data, st.count, 5, 97, 98, 99)).toBe(0); // N_ab = 1 at s < 4: needs N_ab > 2
  });
  it("bins pool mass and give per-offset ranges", () => {
    const offs = [
      { d: 1, mass: 1, aligned: 1 },
      { d: 2, mass: 3, aligned: 0 },
      { d: 5, mass: 2, aligned: 1 },
      { d: 20, mass: 0, aligned: 0 },
    ];
    const b = binAlignment(offs);
    expect(b[0]).toEqual({ name: "shallow", lo: 1, hi: 4, pooled: 25, min: 0, max: 100 });
    expect(b[1].pooled).toBe(50);
    expect(b[3].pooled).toBe(0);
    expect(b[3].min).toBeNaN();
  });
});

describe("q7 perturbation on other weights", () => {
  const run = tinyRun(randomModel(8, 5, 1.2), CORPUS60);
  it("matches running each (t, d) separately", () => {
    const positions = [3, 30, 34, 45, 57];
    const sw = perturbSweep(run, positions, MAX_D);
    const H = run.model.H;
    positions.forEach((t, p) => {
      for (let d = 1; d <= MAX_D; d++) {
        const tf = t - d + 1;
        const got = sw.delta[p * MAX_D + d - 1];
        if (tf < 0) {
          expect(got).toBeNaN();
          continue;
        }
        let h = tf > 0 ? run.trace.h.slice((tf - 1) * H, tf * H) : new Float32Array(H);
        for (let s = tf; s <= t; s++) {
          const z = new Float32Array(H);
          const hn = new Float32Array(H);
          step(run.model, h, s === tf ? run.data[s] ^ 128 : run.data[s], z, hn);
          h = hn;
        }
        const want = bitsFromLogits(readoutLogits(run.model, h), run.data[t + 1]) - run.trace.bits[t];
        expect(got).toBe(want);
      }
    });
  });
  it("q7_algebraic and q7_higher_order run on a 60-byte corpus", () => {
    const a = q7Algebraic(run);
    expect(a.positions.map((p) => p.t)).toEqual(q7Positions(60));
    expect(a.positions[0].rows.length).toBe(20);
    const sumAbs = a.positions[0].rows.reduce((s, r) => s + Math.abs(r.delta), 0);
    expect(a.total).toBeCloseTo(sumAbs, 10);
    expect(q7AlgPrintout(run)).toContain("Position t=42");
    const ho = q7HigherOrder(run);
    expect(ho.positions).toEqual(hoPositions(60));
    expect(ho.positions).toEqual([30, 34, 38, 42, 46, 50, 54]);
    const sw = perturbSweep(run, ho.positions, MAX_D);
    let s = 0;
    for (const v of sw.delta) s += Math.abs(v);
    expect(ho.total).toBeCloseTo(s, 9);
    expect(ho.offsets[0].trigram).toBe(0);
    expect(q7HoPrintout(run)).toContain(`Tested ${ho.positions.length} positions`);
  });
  it("degrades on a 2-byte corpus (no positions)", () => {
    const r2 = tinyRun(randomModel(8), "ab");
    const a = q7Algebraic(r2);
    expect(a.positions).toEqual([]);
    expect(a.pct).toBe(0);
    expect(q7AlgPrintout(r2)).toContain("Total:    0.000");
    const ho = q7HigherOrder(r2);
    expect(ho.positions).toEqual([]);
    expect(q7HoPrintout(r2)).toContain("Tested 0 positions");
  });
});

describe.skipIf(!HAVE_SHARED)("q7 parity on the sat-rnn", () => {
  it("q7_algebraic is byte-identical", { timeout: 60_000 }, () => {
    expect(q7AlgPrintout(satRun())).toBe(readFileSync(join(REFERENCE_DIR, "q7_algebraic.txt"), "utf8"));
  });
  it("q7_higher_order is byte-identical", { timeout: 60_000 }, () => {
    expect(q7HoPrintout(satRun())).toBe(readFileSync(join(REFERENCE_DIR, "q7_higher_order.txt"), "utf8"));
  });
  it("derived bins match spec §3.6/§4.6", { timeout: 60_000 }, () => {
    const a = q7Algebraic(satRun());
    const bins = binAlignment(a.offsets.map((o) => ({ d: o.d, mass: o.total, aligned: o.aligned })));
    expect(bins.map((b) => b.pooled.toFixed(1))).toEqual(["99.9", "40.0", expect.any(String), "93.3"]);
    const ho = q7HigherOrder(satRun());
    const hb = binAlignment(ho.offsets.map((o) => ({ d: o.d, mass: o.sensitivity, aligned: o.bigram })));
    expect(hb[0].pooled.toFixed(1)).toBe("87.3");
    expect(hb[1].pooled.toFixed(1)).toBe("74.3");
    expect(hb[3].pooled.toFixed(1)).toBe("65.0");
    const tb = binAlignment(ho.offsets.map((o) => ({ d: o.d, mass: o.sensitivity, aligned: o.trigram })));
    expect(tb[3].pooled.toFixed(1)).toBe("74.3");
  });
});
