/**
 * X1 (spec README): per-bit leverage of the float32 state on the readout, "sign:exp:mant".
 * For every prediction t, neuron j and bit b of h_t[j]: flip bit b, change only the readout at t
 * (rank-one: ℓ'_o = ℓ_o − f32(Wy[o][j]·v) + f32(Wy[o][j]·v')), and take Δ = |bits' − bits| in bits
 * (§C4 readout, clamp at 1e−30). Non-finite perturbed values (or logits) are skipped and counted.
 * Leverage of bit b = mean Δ over (t, j). By default t runs over 64 evenly spaced positions (the
 * full 1023 × 128 × 32 flips take ~18 s in JS); pass maxPositions: Infinity for all. Classes: sign = bit 31, exponent = mean of bits 23–30,
 * mantissa = mean of bits 0–22.
 *
 * Speed without changing the value beyond ~1e−12 bits:
 *  - log-sum-exp of the perturbed logits is lse + log Σ_o P_o·e^{δ_o}; terms are added in
 *    decreasing P_o and stop once the rest is provably < 1e−16 relative (each remaining term ≤
 *    P_o·e^{|c|·max|Wy_j|});
 *  - when |c|·max_o|Wy[o][j]| < 1e−4 (c = v' − v, low mantissa bits), the second-order expansion
 *    log Σ P e^{c·w} = c·μ_j + c²σ²_j/2 + O(c³) is used, with the smooth c·w instead of the two
 *    float32-rounded products (whose 1-ulp rounding would otherwise quantise such tiny changes).
 */
import type { Run } from "../../io.ts";
import { VOCAB } from "../../model.ts";

const f32 = Math.fround;
const CLAMP = -Math.log2(1e-30);

export interface LeverageResult {
  /** Mean |Δbits| per bit 0..31 (bit 31 = sign). */
  perBit: number[];
  /** Number of (t, j) samples averaged per bit, and skipped non-finite flips per bit. */
  counted: number[];
  skipped: number[];
  sign: number;
  exponent: number;
  mantissa: number;
  /** sign : exponent : mantissa normalised to mantissa = 1. */
  ratio: [number, number, number];
  /** How the flips were evaluated: second-order expansion, pruned exact sum, full sum. */
  paths: { expansion: number; pruned: number; full: number };
  /** The positions t evaluated (evenly spaced sample). */
  positions: number[];
}

export interface LeverageOptions {
  /** Evaluate at most this many positions, evenly spaced over t = 0..T−1 (default 64; Infinity = all). */
  maxPositions?: number;
}

export function perBitLeverage(run: Run, opts: LeverageOptions = {}): LeverageResult {
  const { model, data } = run;
  const H = model.H;
  const T = run.trace.T;
  const Wy = model.Wy;
  const hs = run.trace.h;
  const logitsAll = run.trace.logits;
  const probsAll = run.trace.probs;
  const buf = new DataView(new ArrayBuffer(4));
  const wmax = new Float64Array(H);
  for (let o = 0; o < VOCAB; o++) for (let j = 0; j < H; j++) wmax[j] = Math.max(wmax[j], Math.abs(Wy[o * H + j]));
  const sum = new Float64Array(32), cnt = new Float64Array(32), skip = new Float64Array(32);
  const paths = { expansion: 0, pruned: 0, full: 0 };
  const order = new Int32Array(VOCAB);
  const mu = new Float64Array(H), m2 = new Float64Array(H);
  const lp = new Float64Array(VOCAB);
  // W_y transposed (column j contiguous) and, per position, in decreasing-probability order: the
  // inner loops over the 256 outputs read memory in sequence. Same arithmetic, same order.
  const WyT = new Float32Array(VOCAB * H);
  for (let o = 0; o < VOCAB; o++) for (let j = 0; j < H; j++) WyT[j * VOCAB + o] = Wy[o * H + j];
  const WyS = new Float32Array(VOCAB * H);
  const pS = new Float64Array(VOCAB);
  const dd = new Float64Array(VOCAB);
  const P = Math.max(1, Math.min(T, opts.maxPositions ?? 64));
  const positions: number[] = [];
  for (let k = 0; k < P; k++) positions.push(Math.floor((k * T) / P));
  for (const t of positions) {
    const y = data[t + 1];
    const lOff = t * VOCAB;
    let M = -1e30;
    for (let o = 0; o < VOCAB; o++) if (logitsAll[lOff + o] > M) M = logitsAll[lOff + o];
    let S = 0;
    for (let o = 0; o < VOCAB; o++) S += Math.exp(logitsAll[lOff + o] - M);
    const lse = M + Math.log(S);
    const bitsTrue = (lse - logitsAll[lOff + y]) / Math.LN2;
    const bits0 = Math.min(bitsTrue, CLAMP);
    const ord = Array.from({ length: VOCAB }, (_, o) => o).sort((a, b) => probsAll[lOff + b] - probsAll[lOff + a]);
    for (let k = 0; k < VOCAB; k++) order[k] = ord[k];
    for (let k = 0; k < VOCAB; k++) pS[k] = probsAll[lOff + order[k]];
    for (let j = 0; j < H; j++) {
      const col = j * VOCAB;
      for (let k = 0; k < VOCAB; k++) WyS[col + k] = WyT[col + order[k]];
    }
    for (let o = 0; o < VOCAB; o++) lp[o] = logitsAll[lOff + o] - lse;
    mu.fill(0); m2.fill(0);
    for (let o = 0; o < VOCAB; o++) {
      const p = probsAll[lOff + o];
      const row = o * H;
      for (let j = 0; j < H; j++) { const w = Wy[row + j]; mu[j] += p * w; m2[j] += p * w * w; }
    }
    for (let j = 0; j < H; j++) {
      const v = hs[t * H + j];
      buf.setFloat32(0, v, true);
      const u = buf.getUint32(0, true);
      const wy = Wy[y * H + j];
      const varj = Math.max(0, m2[j] - mu[j] * mu[j]);
      for (let b = 0; b < 32; b++) {
        buf.setUint32(0, (u ^ (1 << b)) >>> 0, true);
        const v2 = buf.getFloat32(0, true);
        if (!Number.isFinite(v2)) { skip[b]++; continue; }
        const c = v2 - v;
        const A = Math.abs(c) * wmax[j];
        let bitsNew: number;
        if (A < 1e-4) {
          paths.expansion++;
          bitsNew = bitsTrue + (c * (mu[j] - wy) + 0.5 * c * c * varj) / Math.LN2;
        } else if (A < 30) {
          paths.pruned++;
          const eA = Math.exp(A);
          let Sp = 0;
          const col = j * VOCAB;
          for (let k = 0; k < VOCAB; k++) {
            const p = pS[k];
            if (p * eA * (VOCAB - k) < 1e-16 * Sp) break;
            const w = WyS[col + k];
            Sp += p * Math.exp(f32(w * v2) - f32(w * v));
          }
          const dy = f32(wy * v2) - f32(wy * v);
          bitsNew = bitsTrue + (Math.log(Sp) - dy) / Math.LN2;
        } else {
          paths.full++;
          let Mx = -Infinity;
          let bad = false;
          const col = j * VOCAB;
          for (let o = 0; o < VOCAB; o++) {
            const w = WyT[col + o];
            const d = f32(w * v2) - f32(w * v);
            if (!Number.isFinite(d)) { bad = true; break; }
            dd[o] = d;
            const l = lp[o] + d;
            if (l > Mx) Mx = l;
          }
          if (bad) { skip[b]++; continue; }
          let Sp = 0;
          for (let o = 0; o < VOCAB; o++) {
            const l = lp[o] + dd[o] - Mx;
            if (l > -60) Sp += Math.exp(l);
          }
          const ly = lp[y] + f32(wy * v2) - f32(wy * v);
          bitsNew = (Mx + Math.log(Sp) - ly) / Math.LN2;
        }
        if (!Number.isFinite(bitsNew)) { skip[b]++; continue; }
        sum[b] += Math.abs(Math.min(bitsNew, CLAMP) - bits0);
        cnt[b]++;
      }
    }
  }
  const perBit = Array.from(sum, (s, b) => (cnt[b] ? s / cnt[b] : NaN));
  const mean = (a: number, b: number) => { let s = 0, n = 0; for (let k = a; k <= b; k++) if (Number.isFinite(perBit[k])) { s += perBit[k]; n++; } return n ? s / n : NaN; };
  const sign = perBit[31], exponent = mean(23, 30), mantissa = mean(0, 22);
  return {
    perBit, counted: Array.from(cnt), skipped: Array.from(skip), sign, exponent, mantissa,
    ratio: [sign / mantissa, exponent / mantissa, 1], paths, positions,
  };
}
