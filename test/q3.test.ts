/** Q3 neurons: hand-computed tiny models, full recomputation on random weights, sat-rnn parity. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import buildQ3 from "../data-loaders/q3.ts";
import { toJson } from "../data-loaders/common.ts";
import { aloneBpc, curveGrid, neurons, pctOfGain, referenceGrid } from "../lib/analyses/q3/neurons.ts";
import type { Model } from "../lib/model.ts";
import q3Neurons from "../lib/printouts/q3_neurons.ts";
import { readoutLogits, runTrace, bitsFromLogits } from "../lib/rnn.ts";
import { HAVE_SHARED, randomModel, REFERENCE_DIR, satRun, tinyModel, tinyRun } from "./helpers.ts";

function withColumns(m: Model, keep: (j: number) => boolean): Model {
  const Wy = Float32Array.from(m.Wy);
  for (let o = 0; o < 256; o++) for (let j = 0; j < m.H; j++) if (!keep(j)) Wy[o * m.H + j] = 0;
  return { ...m, Wy };
}

describe("Q3 on hand-built models", () => {
  it("knocking out the only neuron leaves softmax(b_y) = uniform = 8 bits", () => {
    const m = tinyModel(1, (mm) => {
      for (let x = 0; x < 256; x++) mm.Wx[x] = 2;
      mm.Wy[98] = 5; // predicts 'b'
    });
    const run = tinyRun(m, "abbb");
    const r = neurons(run);
    expect(run.trace.bpc).toBeLessThan(8);
    expect(r.baseline + r.delta[0]).toBeCloseTo(8, 12);
    expect(r.cumulative.map((p) => p.n)).toEqual([0, 1]);
    expect(r.cumulative[1].bpc).toBeCloseTo(8, 12);
    expect(r.subset).toEqual([{ n: 1, bpc: run.trace.bpc, pctGain: 100 }]);
    // sign-only: h = tanh(2) → 1, so the readout sees 1 instead of 0.964…
    const hs = Math.fround(Math.tanh(2));
    const expected = -Math.log2(Math.exp(5) / (Math.exp(5) + 255));
    expect(r.baseline + r.signDelta[0]).toBeCloseTo(expected, 12);
    expect(hs).toBeLessThan(1);
    expect(r.top[0].promotes[0]).toEqual([98, 5]);
    expect(r.top[0].demotes[0][1]).toBe(0);
  });

  it("% of gain is measured from the 8-bit uniform code", () => {
    expect(pctOfGain(8, 1)).toBe(0);
    expect(pctOfGain(1, 1)).toBe(100);
    expect(pctOfGain(4.974, 4.965)).toBeCloseTo(99.70, 2);
  });

  it("reference grid adapts to H", () => {
    expect(referenceGrid(128, 0).slice(-3)).toEqual([110, 120, 128]);
    expect(referenceGrid(8, 1)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(referenceGrid(25, 1).slice(-2)).toEqual([20, 25]);
  });
});

describe("Q3 on other weights", () => {
  const model = randomModel(8, 7, 0.9);
  const run = tinyRun(model, "It was the best of times, it was the worst of times; so it goes.");
  const r = neurons(run, { fullCurves: true, singles: true });
  it("rank-one knockouts and sign snaps equal full recomputation", () => {
    for (let j = 0; j < 8; j++) {
      expect(r.baseline + r.delta[j]).toBeCloseTo(runTrace(withColumns(model, (k) => k !== j), run.data).bpc, 10);
      let s = 0;
      for (let t = 0; t < run.trace.T; t++) {
        const v = Array.from(run.trace.h.subarray(t * 8, t * 8 + 8));
        v[j] = v[j] >= 0 ? 1 : -1;
        s += bitsFromLogits(readoutLogits(model, v), run.data[t + 1]);
      }
      expect(r.baseline + r.signDelta[j]).toBeCloseTo(s / run.trace.T, 10);
      expect(r.alone![j]).toBeCloseTo(runTrace(withColumns(model, (k) => k === j), run.data).bpc, 10);
    }
  });
  it("cumulative and subset curves equal full recomputation", () => {
    expect(r.cumulative.length).toBe(9);
    for (const { n, bpc } of r.cumulative) {
      const gone = new Set(r.order.slice(0, n));
      expect(bpc).toBeCloseTo(runTrace(withColumns(model, (k) => !gone.has(k)), run.data).bpc, 10);
    }
    for (const { n, bpc } of r.subset) {
      const kept = new Set(r.order.slice(0, n));
      expect(bpc).toBeCloseTo(runTrace(withColumns(model, (k) => kept.has(k)), run.data).bpc, 10);
    }
    // order is by δ, descending
    for (let k = 1; k < 8; k++) expect(r.delta[r.order[k - 1]]).toBeGreaterThanOrEqual(r.delta[r.order[k]]);
  });
  it("runs on a 2-byte corpus", () => {
    const two = tinyRun(randomModel(8), "ab");
    expect(() => q3Neurons(two)).not.toThrow();
    expect(aloneBpc(two).length).toBe(8);
  });
});

describe.skipIf(!HAVE_SHARED)("Q3 parity on the sat-rnn", () => {
  it("q3_neurons printout is byte-identical", { timeout: 60_000 }, () => {
    expect(q3Neurons(satRun())).toBe(readFileSync(join(REFERENCE_DIR, "q3_neurons.txt"), "utf8"));
  });
});

describe("Q3 chapter loader", () => {
  it("builds JSON on other weights (60 and 2 bytes), with no verdicts of its own", () => {
    for (const text of ["A sixty-byte corpus for the chapter loader, with some words.", "ab"]) {
      const out = JSON.parse(toJson(buildQ3(tinyRun(randomModel(8), text))));
      expect(out).not.toHaveProperty("claims"); // the claims ledger judges (test/claims.test.ts)
      expect(Object.keys(out).length).toBeGreaterThan(5);
    }
  });
});

describe("the report's curve grid", () => {
  it("every n up to 40, then about 48 evenly stepped points and H", () => {
    expect(curveGrid(8)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(curveGrid(88)).toEqual(Array.from({ length: 89 }, (_, n) => n));
    const g = curveGrid(128);
    expect(g.slice(0, 41)).toEqual(Array.from({ length: 41 }, (_, n) => n));
    expect(g.slice(41, 44)).toEqual([42, 44, 46]); // step ⌈88/48⌉ = 2
    expect(g[g.length - 1]).toBe(128);
    const w = curveGrid(1024);
    expect(w[41] - w[40]).toBe(21); // ⌈984/48⌉
    expect(w.length).toBeLessThanOrEqual(41 + 48 + 1);
    expect(w[w.length - 1]).toBe(1024);
  });
});
