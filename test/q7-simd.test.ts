import { describe, expect, it } from "vitest";
import { perturbSweep } from "../lib/analyses/q7/perturb.ts";
import { createKernel } from "../lib/kernel.ts";
import { fromBits, tanhf } from "../lib/f32.ts";
import { readoutLogits, step } from "../lib/rnn.ts";
import { randomModel, tinyModel, tinyRun } from "./helpers.ts";

describe("wasm SIMD kernel is bit-identical to the JS recipe", () => {
  it("tanhf matches lib/f32 tanhf on a sweep of float32 bit patterns", () => {
    const k = createKernel(tinyModel(4));
    expect(k).not.toBeNull();
    let bad = 0;
    for (let u = 0; u <= 0x7f800000; u += 4099) {
      const x = fromBits(u);
      for (const v of [x, -x]) {
        const a = tanhf(v);
        if (!Object.is(a, k!.tanhf(v))) bad++;
      }
    }
    expect(bad).toBe(0);
  });
  for (const H of [6, 8, 13]) {
    it(`preact + activate + readout equal step/readoutLogits (H = ${H})`, () => {
      const m = randomModel(H, H, 2);
      const k = createKernel(m)!;
      let h = new Float32Array(H);
      for (const x of [65, 0, 255, 32, 200, 10]) {
        k.h.set(h);
        k.preact(x);
        k.activate();
        const z = new Float32Array(H);
        const hn = new Float32Array(H);
        step(m, h, x, z, hn);
        expect(Array.from(k.z.subarray(0, H))).toEqual(Array.from(z));
        expect(Array.from(k.h)).toEqual(Array.from(hn));
        k.readout();
        expect(Array.from(k.logits)).toEqual(Array.from(readoutLogits(m, hn)));
        h = hn;
      }
    });
  }
  it("perturbSweep gives the same Δ with and without SIMD", () => {
    const run = tinyRun(randomModel(12, 9, 1.5), "abracadabra, said the wizard; and the hat was empty again!!");
    const pos = [0, 5, 30, 42, 57];
    const a = perturbSweep(run, pos, 20);
    const b = perturbSweep(run, pos, 20, { simd: false });
    expect(Array.from(a.delta)).toEqual(Array.from(b.delta));
  });
});
