import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { flipDeltaExact, justifyAll, justifyAt, q6Justify, q6Positions } from "../lib/analyses/q6/justify.ts";
import { appearances, routing, routingOfTrees, treesFromAll, treesFromJustifications } from "../lib/analyses/q6/routing.ts";
import { VOCAB } from "../lib/model.ts";
import q6Printout from "../lib/printouts/q6_justify.ts";
import { bitsFromLogits, readoutLogits } from "../lib/rnn.ts";
import { HAVE_SHARED, randomModel, REFERENCE_DIR, satRun, tinyModel, tinyRun } from "./helpers.ts";

const A = 97;
const B = 98;

describe("q6 justification on a hand-built H = 2 model", () => {
  // h_0 = [tanh 1, tanh −2] after reading 'a'; logits: ℓ_a = 2·h0[0], ℓ_b = h0[1], all others 0.
  const m = tinyModel(2, (m) => {
    m.Wx[0 * VOCAB + A] = 1;
    m.Wx[1 * VOCAB + A] = -2;
    m.Wy[A * 2 + 0] = 2;
    m.Wy[B * 2 + 1] = 1;
  });
  const run = tinyRun(m, "aa");
  const bits = (la: number, lb: number) => -Math.log2(Math.exp(la) / (Math.exp(la) + Math.exp(lb) + 254));
  const h0 = Math.tanh(1);
  const h1 = Math.tanh(-2);

  it("flip scores equal the hand formula", () => {
    const base = bits(2 * h0, h1);
    const d0 = bits(-2 * h0, h1) - base; // negating h[0] flips ℓ_a
    const d1 = bits(2 * h0, -h1) - base; // negating h[1] flips ℓ_b
    expect(flipDeltaExact(run, 0, 0)).toBeCloseTo(d0, 5);
    expect(flipDeltaExact(run, 0, 1)).toBeCloseTo(d1, 5);
    const J = justifyAt(run, 0);
    expect(J.neurons.map((n) => n.j)).toEqual([0, 1]); // |d0| > |d1|
    expect(J.neurons[0].delta).toBeGreaterThan(0); // h[0] supports 'a'
    expect(J.neurons[1].delta).toBeGreaterThan(0); // flipping h[1] raises ℓ_b, a competitor: costs bits
  });

  it("reports shares, signs and the top prediction", () => {
    const J = justifyAt(run, 0);
    expect(J.y).toBe(A);
    expect(J.neurons[0].sign).toBe(1);
    expect(J.neurons[1].sign).toBe(-1);
    expect(J.neurons[0].share).toBeCloseTo(2 * h0, 6);
    expect(Math.abs(J.neurons[1].share)).toBe(0); // Wy[a][1] = 0 (prints as -0.000, as C would)
    expect(J.predicted).toBe(A);
    expect(J.correct).toBe(true);
    expect(J.neurons[0].sources).toBeUndefined(); // t = 0: no hop 1
  });
});

describe("q6 hop 1 and hop 2 on a hand-built recurrent model", () => {
  // H = 2; Wh = [[0.5, -0.25], [1, 0]]; inputs drive both neurons.
  const m = tinyModel(2, (m) => {
    m.Wx[0 * VOCAB + A] = 1;
    m.Wx[1 * VOCAB + A] = -1;
    m.Wx[0 * VOCAB + B] = 0.5;
    m.Wh.set([0.5, -0.25, 1, 0]);
    m.bh[1] = 0.125;
    m.Wy[A * 2] = 1;
    m.Wy[B * 2 + 1] = 1;
  });
  const run = tinyRun(m, "abab");
  it("rebuilds z exactly and ranks the sources by |term|", () => {
    const J = justifyAt(run, 2);
    for (const n of J.neurons) {
      expect(n.z).toBe(run.trace.z[2 * 2 + n.j]);
      const hp = run.trace.h.subarray(2, 4); // h_1
      const terms = [0, 1].map((k) => Math.fround(m.Wh[n.j * 2 + k] * hp[k]));
      const order = [0, 1].sort((a, b) => Math.abs(terms[b]) - Math.abs(terms[a]) || a - b);
      expect(n.sources!.map((s) => s.k)).toEqual(order);
      expect(n.sources!.map((s) => s.term)).toEqual(order.map((k) => terms[k]));
      expect(n.bias).toBe(m.bh[n.j]);
      expect(n.wx).toBe(m.Wx[n.j * VOCAB + A]); // x_2 = 'a'
      const k0 = n.sources![0].k;
      expect(n.hop2!.k0).toBe(k0);
      expect(n.hop2!.z).toBe(run.trace.z[1 * 2 + k0]);
      expect(n.hop2!.input).toBe(B);
    }
  });
});

/** Slow, straightforward recomputation of one justification (full readout for every flip). */
function bruteJustify(run: ReturnType<typeof tinyRun>, t: number) {
  const { H } = run.model;
  const h = Array.from(run.trace.h.subarray(t * H, (t + 1) * H));
  const y = run.data[t + 1];
  const base = bitsFromLogits(readoutLogits(run.model, h), y);
  const d = h.map((_, j) => bitsFromLogits(readoutLogits(run.model, h.map((v, k) => (k === j ? -v : v))), y) - base);
  const order = d.map((_, j) => j).sort((a, b) => Math.abs(d[b]) - Math.abs(d[a]) || a - b);
  return { d, kept: order.slice(0, 5) };
}

describe("q6 on other weights", () => {
  const run = tinyRun(randomModel(8, 3, 1.5), "The quick brown fox jumps over the lazy dog, again and again.");
  it("matches a straightforward recomputation at every position", () => {
    const all = justifyAll(run);
    expect(all.T).toBe(run.trace.T);
    for (let t = 0; t < run.trace.T; t++) {
      const b = bruteJustify(run, t);
      const J = justifyAt(run, t);
      expect(J.neurons.map((n) => n.j)).toEqual(b.kept);
      for (const n of J.neurons) expect(n.delta).toBe(b.d[n.j]); // exact path is bit-identical
      for (let r = 0; r < 5; r++) {
        expect(all.neuron[t * 5 + r]).toBe(b.kept[r]);
        expect(all.delta[t * 5 + r]).toBeCloseTo(b.d[b.kept[r]], 10); // rank-one path
        expect(all.src1[t * 5 + r]).toBe(t > 0 ? J.neurons[r].sources![0].k : -1);
        expect(all.src2[t * 5 + r]).toBe(t > 1 ? J.neurons[r].hop2!.top.k : -1);
      }
    }
  });
  it("routing counts add up", () => {
    const js = q6Justify(run);
    expect(js.map((j) => j.t)).toEqual(q6Positions(run.data.length));
    const r = routing(run, js);
    expect(r.drivers.reduce((s, c) => s + c.count, 0)).toBe(js.length);
    expect(r.membership.reduce((s, c) => s + c.count, 0)).toBe(5 * js.length);
    expect(r.hop1Slots.reduce((s, c) => s + c.count, 0)).toBe(15 * js.length);
    expect(r.sizes.every((s) => s.hop1Wh === 15 && s.hop2Wh === 5)).toBe(true);
    const all = routingOfTrees(treesFromAll(justifyAll(run)));
    expect(all.predictions).toBe(run.trace.T);
    expect(appearances(treesFromJustifications(js), js[0].neurons[0].j).driver).toBeGreaterThan(0);
  });
  it("handles a 2-byte corpus", () => {
    const r2 = tinyRun(randomModel(8), "ab");
    expect(q6Printout(r2)).toBe(""); // no sampled position fits (t < n − 2)
    const all = justifyAll(r2);
    expect(all.T).toBe(1);
    expect(all.src1[0]).toBe(-1);
    expect(justifyAt(r2, 0).neurons.length).toBe(5);
    expect(routingOfTrees(treesFromAll(all)).backbone).toBeNull();
  });
});

describe.skipIf(!HAVE_SHARED)("q6_justify parity on the sat-rnn", () => {
  it("is byte-identical to the reference printout", { timeout: 60_000 }, () => {
    const ref = readFileSync(join(REFERENCE_DIR, "q6_justify.txt"), "utf8");
    expect(q6Printout(satRun())).toBe(ref);
  });
  it("derives the routing quantities of spec §2.7", { timeout: 60_000 }, () => {
    const r = routing(satRun(), q6Justify(satRun()));
    expect(r.drivers.slice(0, 2)).toEqual([
      { j: 68, count: 2 },
      { j: 90, count: 2 },
    ]);
    expect(r.membership[0]).toEqual({ j: 68, count: 7 });
    expect(r.primarySources[0]).toEqual({ j: 8, count: 12 });
    expect(r.driverChains.map((c) => c.chain.join("<-"))).toEqual(
      ["52<-8<-70", "90<-106<-99", "61<-53<-26", "99<-68<-26", "20<-50<-17", "68<-26<-61", "8<-8<-15", "90<-99<-68", "56<-50<-17", "101<-53<-8", "68<-90<-106", "76<-50<-17"],
    );
    expect(r.backbone).toEqual({ chain: [76, 50, 17], count: 5, edge1: 6, edge2: 8 });
    const dn = r.sizes.map((s) => s.distinctNeurons);
    expect(Math.min(...dn)).toBe(11);
    expect(Math.max(...dn)).toBe(18);
    const dw = r.sizes.map((s) => s.distinctWh);
    expect([Math.min(...dw), Math.max(...dw)]).toEqual([17, 20]);
  });
});
