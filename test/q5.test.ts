/** Q5 redux: pruning helpers, parameter counts, full recomputation on random weights, sat-rnn parity. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import buildQ5 from "../data-loaders/q5.ts";
import { toJson } from "../data-loaders/common.ts";
import { pruneBelow, trajectory } from "../lib/analyses/q5/forward.ts";
import { liveParams, redux, toolParams } from "../lib/analyses/q5/redux.ts";
import type { Model } from "../lib/model.ts";
import q5Redux from "../lib/printouts/q5_redux.ts";
import { runTrace } from "../lib/rnn.ts";
import { setSimdDisabled } from "../lib/wasm.ts";
import { HAVE_SHARED, randomModel, REFERENCE_DIR, satRun, tinyRun } from "./helpers.ts";

describe("Q5 helpers", () => {
  it("pruning is strict: |w| = thr survives", () => {
    const { w, zeroed } = pruneBelow(Float32Array.from([0.5, -0.5, 0.25, -1, 0]), 0.5);
    expect(Array.from(w)).toEqual([0.5, -0.5, 0, -1, 0]);
    expect(zeroed).toBe(2);
  });
  it("tool counting rule reproduces 82,304 and the hard-coded redux 36,992", () => {
    expect(toolParams(128, 128, 16384).total).toBe(82304);
    expect(toolParams(128, 15, 0).total).toBe(36992);
    expect(toolParams(128, 20, 0).total).toBe(38272);
  });
  it("live parameters follow W_h into the kept readout", () => {
    // H = 2, readout keeps neuron 0, which reads neuron 1 through W_h[0][1].
    const Wh = Float32Array.from([0, 0.3, 0, 0]);
    expect(liveParams(2, [0], Wh)).toBe(256 + 256 + (257 + 1) + 257);
    expect(liveParams(2, [0], new Float32Array(4))).toBe(256 + 256 + 257);
  });
  it.each([8, 13])("the pruned trajectory equals the engine bit for bit, SIMD kernel and scalar step (H = %i)", (H) => {
    const m = randomModel(H, 11, 0.7);
    const data = new TextEncoder().encode("pruning must not change anything it keeps");
    const p = pruneBelow(m.Wh, 0.3).w;
    const pm: Model = { ...m, Wh: p };
    const bits = (v: Float32Array) => Array.from(new Uint32Array(v.buffer.slice(0)));
    try {
      for (const off of [false, true]) {
        setSimdDisabled(off);
        expect(bits(trajectory(m, data, m.Wx, p))).toEqual(bits(runTrace(pm, data, { simd: false }).h));
        expect(bits(trajectory(m, data, m.Wx, m.Wh))).toEqual(bits(runTrace(m, data, { simd: false }).h));
      }
    } finally {
      setSimdDisabled(false);
    }
  });
});

describe("Q5 on other weights", () => {
  it("every pruning row and grid cell equals a full re-run of the pruned model", () => {
    const m = randomModel(8, 2, 0.9);
    const run = tinyRun(m, "Sixty bytes or so of text, for the pruning and redux checks!");
    const r = redux(run, { grid: { k: [1, 3, 8], thr: [0, 0.3, 0.6] }, fractions: [0, 50, 90] });
    for (const row of r.whPrune) expect(row.bpc).toBeCloseTo(runTrace({ ...m, Wh: pruneBelow(m.Wh, row.thr).w }, run.data).bpc, 10);
    for (const row of r.wxPrune) expect(row.bpc).toBeCloseTo(runTrace({ ...m, Wx: pruneBelow(m.Wx, row.thr).w }, run.data).bpc, 10);
    const check = (k: number, thr: number, bpc: number) => {
      const keep = new Set(r.order.slice(0, k));
      const Wy = Float32Array.from(m.Wy);
      for (let o = 0; o < 256; o++) for (let j = 0; j < 8; j++) if (!keep.has(j)) Wy[o * 8 + j] = 0;
      expect(bpc).toBeCloseTo(runTrace({ ...m, Wy, Wh: thr === 0 ? m.Wh : pruneBelow(m.Wh, thr).w }, run.data).bpc, 10);
    };
    for (const g of r.combined) check(g.k, g.thr, g.bpc);
    for (const g of r.grid!) check(g.k, g.thr, g.bpc);
    expect(r.combined.map((g) => g.k)).toContain(8); // k = 128 becomes H
    expect(r.fractionCurves!.length).toBe(6);
    expect(r.fractionCurves![0].bpc).toBe(run.trace.bpc);
  });
  it("runs on a 2-byte corpus", () => {
    expect(() => q5Redux(tinyRun(randomModel(8), "ab"))).not.toThrow();
  });
});

describe.skipIf(!HAVE_SHARED)("Q5 parity on the sat-rnn", () => {
  it("q5_redux printout is byte-identical", { timeout: 60_000 }, () => {
    expect(q5Redux(satRun())).toBe(readFileSync(join(REFERENCE_DIR, "q5_redux.txt"), "utf8"));
  });
});

describe("Q5 chapter loader", () => {
  it("builds JSON on other weights (60 and 2 bytes), with no verdicts of its own", () => {
    for (const text of ["A sixty-byte corpus for the chapter loader, with some words.", "ab"]) {
      const out = JSON.parse(toJson(buildQ5(tinyRun(randomModel(8), text))));
      expect(out).not.toHaveProperty("claims"); // the claims ledger judges (test/claims.test.ts)
      expect(Object.keys(out).length).toBeGreaterThan(5);
    }
  });
});
