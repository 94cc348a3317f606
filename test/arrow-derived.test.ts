/** lib/derived.ts on a hand-built model whose every derived value is known by hand. */
import { describe, expect, it } from "vitest";
import * as D from "../lib/derived.ts";
import { tinyModel, tinyRun } from "./helpers.ts";

const a = 97;
const b = 98;
const f = Math.fround;

// H = 2, no recurrence, no bias: z_t = Wx[:, data[t]]. "aabab" → inputs a a b a (T = 4).
// neuron 0: z = 2, 2, −2, 2; neuron 1: z = 0.05, 0.05, −3, 0.05. Readout: by[b] = 1, all else 0.
function run() {
  const m = tinyModel(2, (m) => {
    m.Wx[0 * 256 + a] = 2;
    m.Wx[0 * 256 + b] = -2;
    m.Wx[1 * 256 + a] = f(0.05);
    m.Wx[1 * 256 + b] = -3;
    m.by[b] = 1;
  });
  return tinyRun(m, "aabab");
}

describe("derived views", () => {
  it("signs, flips, dwell", () => {
    const d = D.derived(run().trace);
    expect(d.T).toBe(4);
    expect(Array.from(d.signs)).toEqual([1, 1, 1, 1, 0, 0, 1, 1]);
    expect(Array.from(d.flipAt)).toEqual([0, 0, 0, 0, 1, 1, 1, 1]);
    expect(Array.from(d.flips)).toEqual([2, 2]);
    expect(Array.from(d.flipsPerT)).toEqual([0, 0, 2, 2]);
    expect(Array.from(d.positives)).toEqual([3, 3]);
    // flips at t = 2 and 3: one gap of 1 per neuron
    expect(Array.from(d.dwellCount)).toEqual([1, 1]);
    expect(Array.from(d.dwellSum)).toEqual([1, 1]);
  });

  it("margins per position and per neuron", () => {
    const { positionMargins: p, neuronMargins: n } = D.derived(run().trace);
    const tanhOff = f(0.05); // |z| of neuron 1 at a
    expect(Array.from(p.min)).toEqual([tanhOff, tanhOff, 2, tanhOff]);
    expect(Array.from(p.argmin)).toEqual([1, 1, 0, 1]);
    expect(p.mean[2]).toBe(2.5);
    expect(p.mean[0]).toBe((2 + tanhOff) / 2);
    expect(p.meanF32[0]).toBe(f(f(2 + tanhOff) / 2));
    expect(Array.from(p.below1)).toEqual([1, 1, 0, 1]);
    expect(Array.from(p.below01)).toEqual([1, 1, 0, 1]);
    expect(Array.from(n.sum)).toEqual([8, 3 * tanhOff + 3]);
    expect(Array.from(n.min)).toEqual([2, tanhOff]);
    expect(Array.from(n.minT)).toEqual([0, 0]);
    expect(Array.from(n.below1)).toEqual([0, 3]);
    expect(Array.from(n.below01)).toEqual([0, 3]);
  });

  it("argmax predictions", () => {
    const { predictions: q } = D.derived(run().trace);
    const pb = Math.E / (Math.E + 255);
    expect(Array.from(q.top)).toEqual([b, b, b, b]);
    for (const v of q.pTop) expect(v).toBeCloseTo(pb, 12);
    // true next bytes: a b a b
    expect(q.pTrue[0]).toBeCloseTo(1 / (Math.E + 255), 12);
    expect(q.pTrue[1]).toBeCloseTo(pb, 12);
  });

  it("is computed once per trace", () => {
    const r = run();
    const before = D.derivedComputations;
    const d1 = D.derived(r.trace);
    const d2 = D.derived(r.trace);
    expect(d1).toBe(d2);
    expect(D.derivedComputations).toBe(before + 1);
  });
});
