/** Q1 chapter: hand-computed tiny cases, brute-force cross-checks on other weights, and parity. */
import { describe, expect, it } from "vitest";
import { bitsOf, fromBits, GlibcRand } from "../lib/f32.ts";
import { VOCAB } from "../lib/model.ts";
import { bitsFromLogits, readoutLogits } from "../lib/rnn.ts";
import { bstep, hamming, spinLogits } from "../lib/analyses/q1/bool.ts";
import { analyzeBoolean, zeroMantissaDynamics } from "../lib/analyses/q1/boolean.ts";
import { analyzeMargins } from "../lib/analyses/q1/margins.ts";
import { analyzeAttractor, cycleSearch } from "../lib/analyses/q1/attractor.ts";
import { analyzeSparsity, Ranker, spearman, TAUS } from "../lib/analyses/q1/sparsity.ts";
import { leveragePositions, perBitLeverage, RESAMPLES } from "../lib/analyses/q1/leverage.ts";
import q1Boolean from "../lib/printouts/q1_boolean.ts";
import q1Margins from "../lib/printouts/q1_margins.ts";
import q1BoolAttractor from "../lib/printouts/q1_bool_attractor.ts";
import q1Sparsity from "../lib/printouts/q1_sparsity.ts";
import build, { marginCdfPoints } from "../data-loaders/q1.ts";
import { setSimdDisabled } from "../lib/wasm.ts";
import { HAVE_SHARED, randomModel, satRun, tinyModel, tinyRun } from "./helpers.ts";

const f32 = Math.fround;
const TEXT60 = "The quick brown fox jumps over the lazy dog; 0123456789 ok!!";

describe("Boolean step (§C5)", () => {
  it("ties go to 1 and spins are ±W", () => {
    const m = tinyModel(2, (m) => {
      m.Wh[0 * 2 + 1] = 0.5; // h1 → h0
      m.bh[0] = 0.5; // z0 = 0.5 + s1·0.5 → 0 when s1 = −1: tie → 1
      m.bh[1] = -0.25;
      m.Wx[1 * VOCAB + 65] = 1; // z1 = −0.25 + [x = 'A']
    });
    const out = new Uint8Array(2);
    bstep(m, Uint8Array.of(0, 0), 66, out);
    expect(Array.from(out)).toEqual([1, 0]);
    bstep(m, Uint8Array.of(0, 1), 65, out);
    expect(Array.from(out)).toEqual([1, 1]);
  });
});

describe("q1_boolean analyses on a hand-built model", () => {
  const m = tinyModel(2, (m) => {
    m.Wh.set([0.5, -0.2, 0.0005, -1.5]);
    m.bh.set([0.1, -0.3]);
    m.Wx[0 * VOCAB + 97] = 0.4;
  });
  const run = tinyRun(m, "abab");
  const r = analyzeBoolean(run);
  it("counts W_h signs and fan-in", () => {
    expect(r.signs).toMatchObject({ positive: 1, negative: 2, nearZero: 1 });
    expect(r.signs.meanPositive).toBeCloseTo(0.5, 6);
    expect(r.signs.meanNegativeAbs).toBeCloseTo(0.85, 6);
    expect(r.neurons.map((n) => n.fanIn)).toEqual([2, 1]);
    expect(r.meanFanIn).toBe(1.5);
    // threshold_0 = (bh + max|Wx|)/Σ|Wh| = (0.1 + 0.4)/0.7
    expect(r.neurons[0].threshold).toBeCloseTo(0.5 / 0.7, 6);
  });
  it("uniform readout gives exactly 8 bits; flips counted from the all-0 start", () => {
    expect(r.signDynamicsBpc).toBe(8);
    // by hand: σ_{-1}=00; x='a': z0=0.1+0.4−0.5+0.2=0.2→1, z1=−0.3−0.0005+1.5>0→1
    expect(Array.from(r.boolTraj.subarray(0, 2))).toEqual([1, 1]);
    expect(r.T).toBe(3);
    expect(r.probeT).toBe(2);
  });
});

describe("q1_margins analyses on H = 1", () => {
  // Wh = 0: z_t = bh + Wx[x]; a → 0.05, b → −3, c → 7
  const m = tinyModel(1, (m) => {
    m.bh[0] = 0.05;
    m.Wx[98] = -3.05;
    m.Wx[99] = 6.95;
    m.Wh[0] = 0;
    m.Wy[65] = 1;
  });
  const run = tinyRun(m, "abca");
  const r = analyzeMargins(run);
  it("per-position margins, counts and histogram", () => {
    expect(Array.from(r.minMargin)).toEqual([f32(0.05), f32(f32(0.05) + f32(-3.05)) * -1, f32(f32(0.05) + f32(6.95))]);
    expect(Array.from(r.nSmall)).toEqual([1, 0, 0]);
    expect(Array.from(r.nTiny)).toEqual([1, 0, 0]);
    expect(r.hist[0]).toBe(2);
    expect(r.hist[1]).toBe(1);
    expect(r.small).toBe(1);
    expect(r.total).toBe(3);
  });
  it("mantissa bound is Σ|Wh|·2^−23 and safety = min margin / max pert", () => {
    const m2 = tinyModel(1, (m) => { m.Wh[0] = 2; m.bh[0] = 1; });
    const r2 = analyzeMargins(tinyRun(m2, "aaa"));
    expect(r2.pert[0]).toBe(2 * 2 ** -23);
    expect(r2.safety).toBe(f32(r2.minMarginEver / (2 * 2 ** -23)));
  });
});

describe("q1_bool_attractor analyses", () => {
  it("influence: flipping the only source flips its target at every sampled position", () => {
    // h0 → h1 with weight 1, |bh1| < 1; h0 driven by its bias only
    const m = tinyModel(2, (m) => { m.Wh[1 * 2 + 0] = 1; m.bh[1] = 0.3; m.bh[0] = 0.7; });
    const run = tinyRun(m, "abcdefghijklmnopq"); // n = 17 → t = 10, 13 (< 15): 2 positions
    const r = analyzeAttractor(run);
    expect(r.positions).toBe(2);
    expect(Array.from(r.cnt)).toEqual([0, 2, 0, 0]);
    expect(r.frac[1]).toBe(1);
    expect(r.topEdges[0]).toEqual({ j: 0, i: 1, frac: 1 });
    expect(r.outDeg[0]).toBe(1);
    expect(r.inDeg[1]).toBe(1);
  });
  it("cycle search finds the period-2 oscillator", () => {
    const m = tinyModel(1, (m) => { m.Wh[0] = -1; });
    const c = cycleSearch(tinyRun(m, "xy"), 64);
    expect(c.cyclesFound).toBe(51);
    for (const s of c.starts) { expect(s.period).toBe(2); expect(s.tail).toBe(0); }
  });
  it("fast influence counts equal a brute-force recount (random weights)", () => {
    const m = randomModel(8, 3, 0.8);
    const run = tinyRun(m, TEXT60);
    const r = analyzeAttractor(run);
    const H = 8, T = run.trace.T;
    const cnt = new Int32Array(H * H);
    const base = new Uint8Array(H), fl = new Uint8Array(H);
    for (let t = 10; t < run.data.length - 2; t += 3) {
      const s = Uint8Array.from(run.trace.h.subarray(t * H, (t + 1) * H), (v) => (v >= 0 ? 1 : 0));
      bstep(m, s, run.data[t + 1], base);
      for (let j = 0; j < H; j++) {
        const f = s.slice(); f[j] ^= 1;
        bstep(m, f, run.data[t + 1], fl);
        for (let i = 0; i < H; i++) if (fl[i] !== base[i]) cnt[j * H + i]++;
      }
    }
    expect(T).toBe(59);
    expect(Array.from(r.cnt)).toEqual(Array.from(cnt));
    expect(hamming(base, base)).toBe(0);
  });
});

/** Straightforward §S3 (all slots, literal max), for cross-checking on small models. */
function slowSparsity(run: ReturnType<typeof tinyRun>, cut = 50) {
  const { model: m, data } = run;
  const H = m.H, T = run.trace.T;
  const NX = 256 * H, NH = H * H, NS = NX + NH + 256 * H;
  const counts = TAUS.map(() => [0, 0, 0]);
  const scores = new Float64Array(NS);
  for (let t = 0; t < T; t++) {
    const A = new Float64Array(NS);
    const y = data[t + 1];
    const P = run.trace.probs.subarray(t * 256, (t + 1) * 256);
    let back = new Float32Array(H);
    for (let j = 0; j < H; j++) {
      let s = 0;
      for (let o = 0; o < 256; o++) s += m.Wy[o * H + j] * P[o];
      back[j] = f32(m.Wy[y * H + j] - s);
      A[NX + NH + y * H + j] = Math.max(A[NX + NH + y * H + j], Math.abs(back[j]));
    }
    for (let d = 1; d <= Math.min(cut, t); d++) {
      const s = t - d + 1;
      const sc = new Float32Array(H);
      for (let i = 0; i < H; i++) { const h = run.trace.h[s * H + i]; sc[i] = f32(f32(1 - f32(h * h)) * back[i]); }
      const nb = new Float32Array(H);
      for (let i = 0; i < H; i++) for (let j = 0; j < H; j++) {
        const p = f32(m.Wh[i * H + j] * sc[i]);
        if (Math.abs(sc[i]) >= f32(1e-8)) A[NX + i * H + j] = Math.max(A[NX + i * H + j], Math.abs(p));
      }
      for (let j = 0; j < H; j++) { let acc = 0; for (let i = 0; i < H; i++) acc = f32(acc + f32(m.Wh[i * H + j] * sc[i])); nb[j] = acc; }
      back = nb;
      const b = data[t - d];
      for (let j = 0; j < H; j++) A[j * 256 + b] = Math.max(A[j * 256 + b], Math.abs(f32(m.Wx[j * 256 + b] * back[j])));
    }
    TAUS.forEach((tau, k) => {
      const tf = f32(tau);
      for (let q = 0; q < NS; q++) if (A[q] > tf) counts[k][q < NX ? 0 : q < NX + NH ? 1 : 2]++;
    });
    for (let q = 0; q < NS; q++) scores[q] += A[q];
  }
  return { counts, scores };
}

describe("q1_sparsity on other weights", () => {
  const m = randomModel(8, 7, 0.9);
  const run = tinyRun(m, TEXT60);
  const r = analyzeSparsity(run);
  const slow = slowSparsity(run);
  it("class means equal a literal per-slot recount", () => {
    const T = run.trace.T;
    TAUS.forEach((_, k) => {
      expect(r.classMean.wx[k]).toBe(f32(f32(slow.counts[k][0]) / T));
      expect(r.classMean.wh[k]).toBe(f32(f32(slow.counts[k][1]) / T));
      expect(r.classMean.wy[k]).toBe(f32(f32(slow.counts[k][2]) / T));
    });
  });
  it("X3 ρ(D) matches a brute-force re-run with the loop cut at D", () => {
    const ref = slowSparsity(run, 50).scores;
    for (const D of [1, 5, 20]) {
      const s = slowSparsity(run, D).scores;
      expect(r.rho[D - 1]).toBeCloseTo(spearman(s, ref), 6);
    }
    expect(r.rho.length).toBe(50);
    expect(r.rho[49]).toBe(1);
  });
  it("the wasm SIMD kernels and the plain-JS fallback give identical results", () => {
    for (const [H, seed, text] of [[8, 7, TEXT60], [13, 3, TEXT60 + TEXT60], [40, 5, TEXT60]] as const) {
      const rr = tinyRun(randomModel(H, seed, 0.9), text);
      const a = analyzeSparsity(rr);
      const b = analyzeSparsity(rr, { simd: false });
      const ser = (x: unknown) => JSON.stringify(x, (_k, v) => (ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v));
      expect(ser(a)).toBe(ser(b));
    }
  });
  it("Ranker gives the same average ranks as the binary-search version", () => {
    const naive = (v: Float64Array) => Float64Array.from(v, (x) => {
      let lt = 0, le = 0;
      for (const y of v) { if (y < x) lt++; if (y <= x) le++; }
      return (lt + le - 1) / 2 + 1;
    });
    let seed = 12345;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    for (const n of [1, 2, 5, 300]) {
      for (const kind of ["ints", "lowbits", "zeros", "denormal", "spread", "negative"]) {
        const v = Float64Array.from({ length: n }, () => {
          const r = rnd();
          if (kind === "ints") return Math.floor(r * 7);
          if (kind === "lowbits") return 1 + Math.floor(r * 40) * 2 ** -52; // equal except in the packed bits
          if (kind === "zeros") return r < 0.3 ? 0 : r < 0.5 ? -0 : r;
          if (kind === "denormal") return Math.floor(r * 9) * 2 ** -1074;
          if (kind === "negative") return r - 0.5; // falls back to the binary search
          return r * 1e6;
        });
        const out = new Float64Array(n);
        new Ranker(n).ranks(v, out);
        expect(Array.from(out)).toEqual(Array.from(naive(v)));
      }
    }
  });
  it("spearman uses average ranks for ties", () => {
    expect(spearman(Float64Array.of(1, 2, 3), Float64Array.of(3, 4, 9))).toBeCloseTo(1, 12);
    expect(spearman(Float64Array.of(0, 0, 1, 2), Float64Array.of(0, 0, 2, 1))).toBeCloseTo(7 / 9, 12);
  });
});

describe("spin readout", () => {
  it("spinLogits equals readoutLogits of the ±1 spins", () => {
    for (const H of [5, 8, 13]) {
      const m = randomModel(H, H, 1.3);
      const bits = Uint8Array.from({ length: H }, (_, j) => (j * 7 + H) % 3 === 0 ? 1 : 0);
      const v = Float32Array.from(bits, (b) => (b ? 1 : -1));
      expect(Array.from(spinLogits(m, bits))).toEqual(Array.from(readoutLogits(m, v)));
    }
  });
});

/**
 * X1 the straightforward way, for the checks of the fast paths: ℓ'_o = ℓ_o − f32(w_o·v) + f32(w_o·v'),
 * all 256 terms, max-shifted log-sum-exp; a flip is skipped if v' or any perturbed logit is not finite.
 * Below |v'−v|·max|w| < 1e−4 it uses the same second-order expansion as perBitLeverage (the smooth
 * regime, by definition).
 */
function straightforwardLeverage(run: ReturnType<typeof tinyRun>, positions: number[]) {
  const m = run.model, H = m.H;
  const sum = new Float64Array(32), cnt = new Float64Array(32), skip = new Float64Array(32);
  const l2 = new Float64Array(256);
  const clamp = -Math.log2(1e-30);
  for (const t of positions) {
    const lg = run.trace.logits.subarray(t * 256, (t + 1) * 256);
    const pr = run.trace.probs.subarray(t * 256, (t + 1) * 256);
    const y = run.data[t + 1];
    let M = -1e30, S = 0;
    for (let o = 0; o < 256; o++) M = Math.max(M, lg[o]);
    for (let o = 0; o < 256; o++) S += Math.exp(lg[o] - M);
    const b0 = (M + Math.log(S) - lg[y]) / Math.LN2;
    for (let j = 0; j < H; j++) {
      const v = run.trace.h[t * H + j];
      let wmax = 0, mu = 0, sq = 0;
      for (let o = 0; o < 256; o++) { const w = m.Wy[o * H + j]; wmax = Math.max(wmax, Math.abs(w)); mu += pr[o] * w; sq += pr[o] * w * w; }
      for (let b = 0; b < 32; b++) {
        const v2 = fromBits((bitsOf(v) ^ (1 << b)) >>> 0);
        if (!Number.isFinite(v2)) { skip[b]++; continue; }
        let bb: number;
        const c = v2 - v;
        if (Math.abs(c) * wmax < 1e-4) {
          bb = b0 + (c * (mu - m.Wy[y * H + j]) + 0.5 * c * c * Math.max(0, sq - mu * mu)) / Math.LN2;
        } else {
          let M2 = -Infinity, finite = true;
          for (let o = 0; o < 256; o++) {
            const w = m.Wy[o * H + j];
            l2[o] = lg[o] - f32(w * v) + f32(w * v2);
            M2 = Math.max(M2, l2[o]);
            finite &&= Number.isFinite(l2[o]);
          }
          if (!finite) { skip[b]++; continue; } // a product overflowed float32: a non-finite logit
          let S2 = 0;
          for (let o = 0; o < 256; o++) S2 += Math.exp(l2[o] - M2);
          bb = (M2 + Math.log(S2) - l2[y]) / Math.LN2;
        }
        if (!Number.isFinite(bb)) { skip[b]++; continue; }
        sum[b] += Math.abs(Math.min(bb, clamp) - Math.min(b0, clamp));
        cnt[b]++;
      }
    }
  }
  return { perBit: Array.from(sum, (x, b) => x / cnt[b]), counted: Array.from(cnt), skipped: Array.from(skip) };
}

function expectLeverageEqual(r: { perBit: number[]; counted: number[]; skipped: number[] }, want: ReturnType<typeof straightforwardLeverage>, rel: number) {
  expect(r.skipped).toEqual(want.skipped);
  expect(r.counted).toEqual(want.counted);
  for (let b = 0; b < 32; b++) expect(Math.abs(r.perBit[b] - want.perBit[b]), `bit ${b}`).toBeLessThan(rel * want.perBit[b]);
}

describe("X1 and X2 on other weights", () => {
  const m = randomModel(6, 11, 0.7);
  const run = tinyRun(m, "abracadabra, abracadabra!");
  it("X1 leverage equals brute-force readout recomputation", () => {
    const r = perBitLeverage(run, { maxPositions: Infinity });
    const H = 6, T = run.trace.T;
    const sum = new Float64Array(32), cnt = new Float64Array(32);
    const lg = new Float64Array(256);
    for (let t = 0; t < T; t++) {
      const v = Float32Array.from(run.trace.h.subarray(t * H, (t + 1) * H));
      const b0 = run.trace.bits[t];
      for (let j = 0; j < H; j++) for (let b = 0; b < 32; b++) {
        const v2 = fromBits((bitsOf(v[j]) ^ (1 << b)) >>> 0);
        if (!Number.isFinite(v2)) continue;
        const w = v.slice(); w[j] = v2;
        readoutLogits(m, w, lg);
        const bb = bitsFromLogits(lg, run.data[t + 1]);
        if (!Number.isFinite(bb)) continue;
        sum[b] += Math.abs(bb - b0); cnt[b]++;
      }
    }
    for (let b = 0; b < 32; b++) {
      const want = sum[b] / cnt[b];
      expect(Math.abs(r.perBit[b] - want)).toBeLessThan(1e-6 + 1e-3 * want);
    }
  });
  it("X1 fast paths equal the straightforward rank-one sum, flip by flip (every path taken)", () => {
    // Larger weights than above so every evaluation path occurs; 59 predictions × 4 neurons × 32 bits.
    const run2 = tinyRun(randomModel(4, 3, 2), TEXT60);
    const r = perBitLeverage(run2);
    for (const [path, n] of Object.entries(r.paths)) expect(n, path).toBeGreaterThan(0);
    expect(r.positions).toEqual(Array.from({ length: run2.trace.T }, (_, t) => t));
    expectLeverageEqual(r, straightforwardLeverage(run2, r.positions), 1e-9);
  });
  it("X2 zero-mantissa dynamics equals a direct re-run", () => {
    const z = zeroMantissaDynamics(run);
    const H = 6;
    let h = new Float32Array(H);
    let s = 0;
    const lg = new Float64Array(256);
    for (let t = 0; t < run.trace.T; t++) {
      const nh = new Float32Array(H);
      for (let i = 0; i < H; i++) {
        let acc = f32(m.bh[i] + m.Wx[i * 256 + run.data[t]]);
        for (let j = 0; j < H; j++) acc = f32(acc + f32(m.Wh[i * H + j] * h[j]));
        const e = Math.floor(Math.log2(Math.abs(Math.tanh(acc)))); // power of two below |tanh|
        nh[i] = Math.tanh(acc) === 0 ? 0 : Math.sign(acc) * 2 ** e;
      }
      s += bitsFromLogits(readoutLogits(m, nh, lg), run.data[t + 1]);
      h = nh;
    }
    expect(z.bpc).toBeCloseTo(s / run.trace.T, 9);
  });
});

describe("X1 on a sample of positions", () => {
  it("past maxPositions: evenly spaced positions and bootstrap intervals around the sample's ratios", () => {
    const run = tinyRun(randomModel(6, 11, 0.7), TEXT60);
    const all = perBitLeverage(run);
    expect(all.positions).toHaveLength(run.trace.T);
    expect(all.ratioInterval).toBeNull();
    const r = perBitLeverage(run, { maxPositions: 20 });
    expect(r.positions).toEqual(Array.from({ length: 20 }, (_, k) => Math.floor((k * run.trace.T) / 20)));
    const iv = r.ratioInterval!;
    expect(iv.resamples).toBe(RESAMPLES);
    for (const [[lo, hi], v] of [[iv.sign, r.ratio[0]], [iv.exponent, r.ratio[1]]] as [[number, number], number][]) {
      expect(lo).toBeLessThan(hi); // 20 positions of a random model do not all weigh the same
      expect(lo).toBeLessThanOrEqual(v);
      expect(hi).toBeGreaterThanOrEqual(v);
    }
    // the sample's point ratio is the same computation on fewer positions
    expect(perBitLeverage(run, { maxPositions: 20 }).ratio).toEqual(r.ratio);
  });
  it("the report's sample size: 2^19 / H positions, at least 512 (the sat-rnn's 1,023 predictions all count)", () => {
    expect(leveragePositions(128)).toBe(4096);
    expect(leveragePositions(512)).toBe(1024);
    expect(leveragePositions(1024)).toBe(512);
    expect(leveragePositions(4096)).toBe(512);
  });
});

describe.skipIf(!HAVE_SHARED)("X1 on the sat-rnn", () => {
  it("the fast paths equal the straightforward rank-one sum at 16 evenly spaced positions", { timeout: 60_000 }, () => {
    const run = satRun();
    const r = perBitLeverage(run, { maxPositions: 16 });
    expect(r.positions).toHaveLength(16);
    expectLeverageEqual(r, straightforwardLeverage(run, r.positions), 1e-9);
  });
});

describe("runs on other weights and short corpora", () => {
  for (const text of [TEXT60, "hi"]) {
    it(`H = 8 random model on ${text.length} bytes`, () => {
      const run = tinyRun(randomModel(8, 5), text);
      for (const p of [q1Boolean, q1Margins, q1BoolAttractor, q1Sparsity]) expect(p(run).length).toBeGreaterThan(100);
      const d = build(run);
      expect(d).not.toHaveProperty("claims"); // verdicts are the claims ledger's (test/claims.test.ts)
      expect(JSON.stringify(d).length).toBeGreaterThan(1000);
    });
  }
});

describe("margin CDF points (the Q1 page's |z| distribution chart)", () => {
  it("hand-computed: order statistics of |z| with their shares, zeros left out", () => {
    expect(marginCdfPoints([-3, 0, 1, 2])).toEqual({ m: [1, 2, 3], f: [50, 75, 100] });
    // 10 values, 4 points: every ⌊10/4⌋ = 2nd order statistic, k = 0, 2, 4, 6, 8
    const z = [0.5, -0.1, 0.2, -0.9, 0.3, 0.7, -0.6, 0.8, 0.4, -1];
    expect(marginCdfPoints(z, 4)).toEqual({ m: [0.1, 0.3, 0.5, 0.7, 0.9], f: [10, 30, 50, 70, 90] });
    // float32 margins (the trace's z) take the bit-pattern sort: the same points as a float sort
    let x = 3;
    const z32 = Float32Array.from({ length: 5000 }, () => ((x = (x * 48271) % 2147483647) / 2147483647 - 0.5) * 40);
    z32[7] = -0;
    z32[8] = 0;
    expect(marginCdfPoints(z32, 50)).toEqual(marginCdfPoints(Array.from(z32), 50));
  });
  it("the loader ships it for the run: monotone, ending near 100 %", () => {
    const d = build(tinyRun(randomModel(8, 5), TEXT60)) as unknown as { margins: { cdf: { m: number[]; f: number[] }; total: number } };
    const { m, f } = d.margins.cdf;
    expect(m.length).toBeGreaterThan(0);
    for (let k = 1; k < m.length; k++) expect(m[k]).toBeGreaterThanOrEqual(m[k - 1]);
    for (let k = 1; k < f.length; k++) expect(f[k]).toBeGreaterThan(f[k - 1]);
    expect(f[f.length - 1]).toBeCloseTo(100, 0);
  });
});

describe("corrected cycle search", () => {
  it("incremental orbit equals iterated bstep (random weights, cycles found by brute force agree)", () => {
    const m = randomModel(10, 21, 0.6);
    const run = tinyRun(m, TEXT60);
    const c = cycleSearch(run, 3000);
    // brute force: store all states until a repeat, for the first 5 starts
    const rng = new GlibcRand(42);
    const xs = run.data[Math.min(42, run.data.length - 1)];
    for (let st = 0; st < 5; st++) {
      let s = new Uint8Array(10);
      for (let j = 0; j < 10; j++) s[j] = rng.rand() & 1;
      const seen = new Map<string, number>();
      let k = 0;
      while (!seen.has(s.join("")) && k < 3000) { seen.set(s.join(""), k); const n = new Uint8Array(10); bstep(m, s, xs, n); s = n; k++; }
      if (c.starts[st].period > 0) {
        expect(c.starts[st].period).toBe(k - seen.get(s.join(""))!);
        expect(c.starts[st].tail).toBe(seen.get(s.join(""))!);
      }
    }
    expect(c.cyclesFound).toBeGreaterThan(0);
    // the incremental JS orbit (used without SIMD) finds the same tails and periods
    setSimdDisabled(true);
    try {
      expect(cycleSearch(run, 3000)).toEqual(c);
    } finally {
      setSimdDisabled(false);
    }
  });
});

describe("SIMD on and off give the same Boolean-chapter results", () => {
  it("bstep, spinLogits, q1_boolean, q1_margins, q1_bool_attractor analyses (random weights)", () => {
    for (const [H, seed] of [[7, 4], [20, 9], [33, 2]] as const) {
      const m = randomModel(H, seed, 0.8);
      const run = tinyRun(m, TEXT60 + TEXT60);
      const ser = (x: unknown) => JSON.stringify(x, (_k, v) => (ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v instanceof Set ? [...v] : v));
      const all = () => ser([analyzeBoolean(run), analyzeMargins(run), analyzeAttractor(run), cycleSearch(run, 500)]);
      const s = Uint8Array.from({ length: H }, (_, j) => (j * 5 + seed) % 3 ? 1 : 0);
      const one = () => {
        const out = new Uint8Array(H), z = new Float32Array(H);
        bstep(m, s, 101, out, z);
        return ser([out, z, spinLogits(m, s)]);
      };
      const a = [all(), one()];
      setSimdDisabled(true);
      try {
        expect([all(), one()]).toEqual(a);
      } finally {
        setSimdDisabled(false);
      }
    }
  });
});

describe("§B6 hash", () => {
  it("counts distinct Boolean states like a BigInt 64-bit polynomial hash", () => {
    const run = tinyRun(randomModel(70, 9, 0.4), TEXT60);
    const r = analyzeBoolean(run);
    const seen = new Set<bigint>();
    for (let t = 0; t < r.T; t++) {
      let h = 0n;
      for (let j = 0; j < 70; j++) h = BigInt.asUintN(64, h * 31n + BigInt(r.boolTraj[t * 70 + j]));
      seen.add(h);
    }
    expect(r.uniqueStates).toBe(seen.size);
  });
});
