/**
 * The explorer's data loaders: neurons.ts (per-neuron statistics, activations as Int8) and
 * text.ts (per-position margins, checksums), on hand-built models with hand-computed answers
 * and on random models over short corpora, checked against straightforward recomputation.
 */
import { describe, expect, it } from "vitest";
import buildNeurons, { neuronStats } from "../data-loaders/neurons.ts";
import buildText from "../data-loaders/text.ts";
import { checksum } from "../lib/explorer/engine.ts";
import { tanhf } from "../lib/f32.ts";
import { randomModel, tinyModel, tinyRun } from "./helpers.ts";
import { INFLUENCE_D } from "../data-loaders/text.ts";

const A = 97;
const B = 98;
const decode = (b64: string) => new Int8Array(Buffer.from(b64, "base64"));

describe("neurons loader", () => {
  // H = 1: 'a' drives z to +1, 'b' to −1, no recurrence: h = ±tanhf(1) alternating.
  const m1 = tinyModel(1, (m) => {
    m.Wx[A] = 1;
    m.Wx[B] = -1;
    m.Wy[120] = 2; // 'x'
    m.Wy[121] = -3; // 'y'
    m.Wh[0] = 0.25;
  });

  it("counts flips, dwell, signs and margins by hand (H = 1, 'abab')", () => {
    // with Wh = 0.25 the state feeds back: z_0 = 1, z_1 = −1 + 0.25·h_0, z_2 = 1 + 0.25·h_1
    const h0 = tanhf(1);
    const z1 = Math.fround(-1 + Math.fround(0.25 * h0));
    const h1 = tanhf(z1);
    const z2 = Math.fround(1 + Math.fround(0.25 * h1));
    const run = tinyRun(m1, "abab");
    const d = buildNeurons(run);
    expect(d.H).toBe(1);
    expect(d.T).toBe(3);
    const n = neuronStats(run)[0];
    expect(n.flips).toBe(2); // + − +: flips at t = 1 and t = 2
    expect(n.meanDwell).toBe(1); // one gap, 2 − 1
    expect(n.pctPositive).toBeCloseTo(200 / 3, 2);
    expect(n.marginMin).toBeCloseTo(Math.abs(z1), 3);
    expect(n.marginMinT).toBe(1);
    expect(n.marginMean).toBeCloseTo((1 + Math.abs(z1) + Math.abs(z2)) / 3, 3);
    expect(n.marginBelow1).toBe(2); // |z_1| ≈ 0.81 and |z_2| ≈ 0.83; z_0 = 1 is not below 1
    expect(n.marginBelow01).toBe(0);
    expect(n.promotes[0]).toEqual([120, 2]);
    expect(n.demotes[0]).toEqual([121, -3]);
    expect(n.inputUp[0]).toEqual([A, 1]);
    expect(n.inputDown[0]).toEqual([B, -1]);
    expect(n.incoming).toEqual([[0, 0.25]]);
    expect(n.wyNorm).toBeCloseTo(Math.sqrt(13), 3);
    expect(Array.from(decode(d.act))).toEqual([Math.round(127 * h0), Math.round(127 * h1), Math.round(127 * tanhf(z2))]);
  });

  it("orders incoming and outgoing W_h by magnitude (H = 2)", () => {
    const m = tinyModel(2, (mm) => mm.Wh.set([0.5, -2, 0.1, 0]));
    const n0 = neuronStats(tinyRun(m, "ab"))[0];
    expect(n0.incoming).toEqual([[1, -2], [0, 0.5]]); // W_h[0][k]
    expect(n0.outgoing).toEqual([[0, 0.5], [1, 0.1]]); // W_h[i][0]
  });

  it("keeps signs exact in the Int8 activations, and runs on 60-byte and 2-byte corpora", () => {
    const text = new TextEncoder().encode("<page><title>Anarchism</title> is a political philosophy!!");
    for (const [model, bytes] of [[randomModel(8), text], [randomModel(5, 3, 3), text], [randomModel(3, 9), new Uint8Array([65, 66])]] as const) {
      const run = tinyRun(model, bytes);
      const d = buildNeurons(run);
      const stats = neuronStats(run);
      const { H, T, h } = run.trace;
      expect(stats).toHaveLength(H);
      const q = decode(d.act);
      expect(q.length).toBe(T * H);
      for (let k = 0; k < T * H; k++) {
        expect(q[k] >= 0).toBe(h[k] >= 0);
        expect(Math.abs(q[k] / 127 - h[k])).toBeLessThanOrEqual(1 / 127);
      }
      // flips and dwell, recomputed the plain way
      for (let j = 0; j < H; j++) {
        const at: number[] = [];
        for (let t = 1; t < T; t++) if (h[t * H + j] >= 0 !== h[(t - 1) * H + j] >= 0) at.push(t);
        expect(stats[j].flips).toBe(at.length);
        const gaps = at.slice(1).map((t, i) => t - at[i]);
        const mean = gaps.length ? gaps.reduce((a, b) => a + b, 0) / gaps.length : null;
        if (mean === null) expect(stats[j].meanDwell).toBeNull();
        else expect(Math.abs(stats[j].meanDwell! - mean) / mean).toBeLessThan(1e-3); // 4 significant digits
      }
    }
  });
});

describe("text loader", () => {
  it("margins per position by hand (H = 2)", () => {
    const m = tinyModel(2, (mm) => {
      mm.Wx[A] = 0.05;
      mm.Wx[256 + A] = -3;
      mm.Wx[B] = 2;
      mm.Wx[256 + B] = 0.5;
    });
    const d = buildText(tinyRun(m, "aba"));
    expect(d.T).toBe(2);
    expect(d.margins.min).toEqual([0.05, 0.5]);
    expect(d.margins.argmin).toEqual([0, 1]);
    expect(d.margins.mean).toEqual([1.525, 1.25]);
    expect(d.margins.below1).toEqual([1, 1]);
    expect(d.margins.below01).toEqual([1, 0]);
  });

  it("checksums fingerprint the exact bits of z, h and logits", () => {
    const run = tinyRun(randomModel(6), "hello, world");
    const d = buildText(run);
    expect(d.checksum).toEqual({ z: checksum(run.trace.z), h: checksum(run.trace.h), logits: checksum(run.trace.logits) });
    const h2 = Float32Array.from(run.trace.h);
    h2[3] = Math.fround(h2[3] + 2 ** -20 * Math.abs(h2[3] || 1));
    expect(checksum(h2)).not.toBe(d.checksum.h);
    expect(checksum(new Float32Array([0]))).not.toBe(checksum(new Float32Array([-0]))); // bit patterns, not values
    expect(buildText(tinyRun(randomModel(3), new Uint8Array([1, 2]))).margins.min).toHaveLength(1);
  });

  it("influence: Δ_d(t) of the byte d − 1 before data[t], by hand (H = 1, no recurrence)", () => {
    // Wh = 0: h_t depends on data[t] only, so only d = 1 (the byte just read) can matter.
    // 'a' → z = +1, 'b' → z = −1; replacing 'a' by 'a' + 128 (0xE1, Wx = 0) gives z = 0, h = 0.
    const m = tinyModel(1, (mm) => {
      mm.Wx[A] = 1;
      mm.Wx[B] = -1;
      mm.Wy[A] = 2; // logit of 'a' is 2h
    });
    const run = tinyRun(m, "aab");
    const d = buildText(run);
    expect(d.influence.D).toBe(INFLUENCE_D);
    const q = new Int16Array(new Uint8Array(Buffer.from(d.influence.delta, "base64")).buffer);
    expect(q.length).toBe(2 * INFLUENCE_D);
    // t = 0 predicts 'a' from h_0 = tanhf(1): P('a') = e^{2h} / (e^{2h} + 255); perturbed h = 0: 1/256
    const bits = (h: number) => -Math.log2(Math.exp(2 * h) / (Math.exp(2 * h) + 255));
    const h = tanhf(1);
    expect(q[0]).toBe(Math.round(1000 * (bits(0) - bits(h))));
    expect(q[0]).toBeGreaterThan(0); // the 'a' just read helped predict the next 'a'
    expect(q[1]).toBe(0); // d = 2 lies before the text
    // t = 1 predicts 'b' (logit 0): the perturbation raises it from 1/(e^{2h}+255) to 1/256
    expect(q[INFLUENCE_D]).toBe(Math.round(1000 * (-Math.log2(1 / 256) + Math.log2(1 / (Math.exp(2 * h) + 255)))));
    expect(q[INFLUENCE_D]).toBeLessThan(0);
    expect(q[INFLUENCE_D + 1]).toBe(0); // d = 2 (data[0]) cannot reach h_1 without recurrence
  });
});
