/**
 * X1 (spec README): per-bit leverage of the float32 state on the readout, "sign:exp:mant".
 * For every prediction t, neuron j and bit b of h_t[j]: flip bit b, change only the readout at t
 * (rank-one: ℓ'_o = ℓ_o − f32(Wy[o][j]·v) + f32(Wy[o][j]·v')), and take Δ = |bits' − bits| in bits
 * (§C4 readout, clamp at 1e−30). Non-finite perturbed values (or logits) are skipped and counted.
 * Leverage of bit b = mean Δ over (t, j). By default t runs over all T positions; maxPositions
 * evaluates an evenly spaced sample instead. Classes: sign = bit 31, exponent = mean of bits 23–30,
 * mantissa = mean of bits 0–22.
 *
 * With L_o = f32(Wy[o][j]·v), x_o = f32(Wy[o][j]·v') and δ_o = x_o − L_o, the perturbed cost is
 * bits' = bits + (log S − δ_y)/ln 2 with S = Σ_o P_o·e^{δ_o} (P the softmax at t). Every δ_o keeps
 * the float32 rounding of both products; only the way e^{δ_o} is evaluated differs by flip
 * (`paths`), each accurate to ~1e−14 relative (test/q1.test.ts checks them against a literal
 * recomputation and the straightforward sum):
 *  - expansion: |c|·max_o|Wy[o][j]| < 1e−4 (c = v' − v, low mantissa bits): the second-order expansion
 *    log Σ P e^{c·w} = c·μ_j + c²σ²_j/2 + O(c³), with the smooth c·w instead of the two
 *    float32-rounded products (whose 1-ulp rounding would otherwise quantise such tiny changes);
 *  - poly: |δ_o| ≤ A ≤ 1/16 (mantissa bits): e^{δ} − 1 by its Taylor polynomial (degree 4, 6 or 8 by A);
 *  - sign: x_o = −L_o exactly, so P_o·e^{δ_o} = G_o·e^{−L_o} with G_o = P_o·e^{−L_o} computed once per (t, j);
 *  - power: exponent flips v' = v·2^k, k ∈ {±1, ±2, ±4}, where x_o = L_o·2^k exactly (all products
 *    normal): e^{x_o} = (e^{L_o})^{2^k} by squarings or square roots;
 *  - scaled: exponent flips with max|x_o| ≤ 1/16 (the large negative k): Σ_o G_o·e^{x_o} by the Taylor
 *    series of e^{x} (degree 8), as Σ_n 2^{kn}·Σ_o G_o·L_o^n/n! (moments once per (t, j)) when
 *    x_o = L_o·2^k exactly, else term by term;
 *  - exp: the rest with |c|·max|Wy| < 30, Σ_o P_o·Math.exp(δ_o);
 *  - full: larger changes, log-sum-exp of the shifted logits (terms more than 60 nats below the max dropped).
 */
import { GlibcRand } from "../../f32.ts";
import type { Run } from "../../io.ts";
import { readoutColumns, VOCAB } from "../../model.ts";

const f32 = Math.fround;
const CLAMP = -Math.log2(1e-30);
const F32_MIN_NORMAL = 2 ** -126;
const F32_MAX = 3.4028234663852886e38;
/** 2^k for the exponent-flip shifts k ∈ −254..254 (a table: Math.pow is slow in the flip loop). */
const POW2 = Float64Array.from({ length: 509 }, (_, i) => 2 ** (i - 254));
const pow2 = (k: number) => POW2[k + 254];

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
  /** How many flips each evaluation path took (see the file comment). */
  paths: { expansion: number; poly: number; sign: number; power: number; scaled: number; exp: number; full: number };
  /** The positions t evaluated (all of 0..T−1 unless maxPositions sampled them). */
  positions: number[];
  /**
   * When positions were sampled: bootstrap 95 % intervals (positions resampled, RESAMPLES times)
   * of the sign : mantissa and exponent : mantissa ratios; null when every position was evaluated.
   */
  ratioInterval: { sign: [number, number]; exponent: [number, number]; resamples: number } | null;
}

/**
 * X1 costs 32 flips × H neurons × 256 outputs per position: past LEVERAGE_BUDGET / H predictions
 * (4,096 at H = 128, never fewer than 512) it runs on an evenly spaced sample of that many
 * (src/method.md#x1 states these numbers).
 */
export const LEVERAGE_BUDGET = 2 ** 19;
export const leveragePositions = (H: number): number => Math.max(512, Math.floor(LEVERAGE_BUDGET / H));
export const RESAMPLES = 400;

/** sign : mantissa and exponent : mantissa from per-bit sums and counts (the class means of the file comment). */
function ratios(sum: ArrayLike<number>, cnt: ArrayLike<number>): [number, number] {
  const bit = (b: number) => (cnt[b] ? sum[b] / cnt[b] : NaN);
  const mean = (a: number, b: number) => {
    let s = 0;
    let n = 0;
    for (let k = a; k <= b; k++) {
      const v = bit(k);
      if (Number.isFinite(v)) {
        s += v;
        n++;
      }
    }
    return n ? s / n : NaN;
  };
  const m = mean(0, 22);
  return [bit(31) / m, mean(23, 30) / m];
}

export interface LeverageOptions {
  /** Evaluate at most this many positions, evenly spaced over t = 0..T−1 (default: all). */
  maxPositions?: number;
}

/** Σ_o P_o·(e^{d_o} − 1) for |d_o| ≤ A ≤ 1/16, d_o = f32(w_o·v2) − L_o (truncation < 1e−14 relative). */
function polySum(p: Float64Array, w: Float32Array, col: number, L: Float64Array, v2: number, A: number): number {
  let D = 0;
  if (A <= 1e-3) {
    for (let o = 0; o < VOCAB; o++) {
      const d = f32(w[col + o] * v2) - L[o];
      D += p[o] * (d * (1 + d * (1 / 2 + d * (1 / 6 + d * (1 / 24)))));
    }
  } else if (A <= 1 / 64) {
    for (let o = 0; o < VOCAB; o++) {
      const d = f32(w[col + o] * v2) - L[o];
      D += p[o] * (d * (1 + d * (1 / 2 + d * (1 / 6 + d * (1 / 24 + d * (1 / 120 + d * (1 / 720)))))));
    }
  } else {
    for (let o = 0; o < VOCAB; o++) {
      const d = f32(w[col + o] * v2) - L[o];
      const q = 1 / 120 + d * (1 / 720 + d * (1 / 5040 + d * (1 / 40320)));
      D += p[o] * (d * (1 + d * (1 / 2 + d * (1 / 6 + d * (1 / 24 + d * q)))));
    }
  }
  return D;
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
  const paths = { expansion: 0, poly: 0, sign: 0, power: 0, scaled: 0, exp: 0, full: 0 };
  const mu = new Float64Array(H), m2 = new Float64Array(H);
  const lp = new Float64Array(VOCAB);
  const p = new Float64Array(VOCAB);
  // per (t, j): L_o = f32(w_o·v), e^{−L_o}, G_o = P_o·e^{−L_o}, e^{L_o} (lazily)
  const L = new Float64Array(VOCAB), emL = new Float64Array(VOCAB), G = new Float64Array(VOCAB), eL = new Float64Array(VOCAB);
  const dd = new Float64Array(VOCAB);
  const gm = new Float64Array(9);
  // W_y transposed: column j contiguous for the inner loops over the 256 outputs.
  const WyT = readoutColumns(model);
  const P = Math.max(1, Math.min(T, opts.maxPositions ?? Infinity));
  const positions: number[] = [];
  for (let k = 0; k < P; k++) positions.push(Math.floor((k * T) / P));
  // per-position sums and counts per bit, for the bootstrap over sampled positions
  const sampled = P < T;
  const posSum = new Float64Array(sampled ? P * 32 : 0);
  const posCnt = new Float64Array(sampled ? P * 32 : 0);
  for (let pi = 0; pi < P; pi++) {
    const t = positions[pi];
    const y = data[t + 1];
    const lOff = t * VOCAB;
    let M = -1e30;
    for (let o = 0; o < VOCAB; o++) if (logitsAll[lOff + o] > M) M = logitsAll[lOff + o];
    let S = 0;
    for (let o = 0; o < VOCAB; o++) S += Math.exp(logitsAll[lOff + o] - M);
    const lse = M + Math.log(S);
    const bitsTrue = (lse - logitsAll[lOff + y]) / Math.LN2;
    const bits0 = Math.min(bitsTrue, CLAMP);
    let psum = 0;
    for (let o = 0; o < VOCAB; o++) { p[o] = probsAll[lOff + o]; psum += p[o]; }
    for (let o = 0; o < VOCAB; o++) lp[o] = logitsAll[lOff + o] - lse;
    mu.fill(0); m2.fill(0);
    for (let o = 0; o < VOCAB; o++) {
      const pr = p[o];
      const row = o * H;
      for (let j = 0; j < H; j++) { const w = Wy[row + j]; mu[j] += pr * w; m2[j] += pr * w * w; }
    }
    for (let j = 0; j < H; j++) {
      const v = hs[t * H + j];
      buf.setFloat32(0, v, true);
      const u = buf.getUint32(0, true);
      const wy = Wy[y * H + j];
      const varj = Math.max(0, m2[j] - mu[j] * mu[j]);
      const col = j * VOCAB;
      const wm = wmax[j];
      let prepared = false, haveEL = false, haveMom = false;
      let minL = Infinity; // smallest nonzero |L_o|
      for (let b = 0; b < 32; b++) {
        const ub = (u ^ (1 << b)) >>> 0;
        buf.setUint32(0, ub, true);
        const v2 = buf.getFloat32(0, true);
        if (!Number.isFinite(v2)) { skip[b]++; continue; }
        const c = v2 - v;
        const A = Math.abs(c) * wm;
        let bitsNew: number;
        if (A < 1e-4) {
          paths.expansion++;
          bitsNew = bitsTrue + (c * (mu[j] - wy) + 0.5 * c * c * varj) / Math.LN2;
        } else if (A < 30) {
          if (!prepared) {
            prepared = true;
            for (let o = 0; o < VOCAB; o++) {
              const l = f32(WyT[col + o] * v);
              L[o] = l;
              const e = Math.exp(-l);
              emL[o] = e;
              G[o] = p[o] * e;
              const al = Math.abs(l);
              if (al > 0 && al < minL) minL = al;
            }
          }
          const dy = f32(wy * v2) - L[y];
          let Sp = NaN;
          if (b < 23 && A <= 1 / 16) {
            paths.poly++;
            Sp = psum + polySum(p, WyT, col, L, v2, A);
          } else if (b === 31) {
            paths.sign++;
            Sp = 0;
            for (let o = 0; o < VOCAB; o++) Sp += G[o] * emL[o];
          } else if (b >= 23) {
            const B = wm * Math.abs(v2); // ≥ max_o |x_o| up to rounding
            const e1 = (u >>> 23) & 255, e2 = (ub >>> 23) & 255;
            const k = e2 - e1;
            // x_o = L_o·2^k exactly when v, v' are normal and every nonzero product stays normal and finite
            const exact = e1 > 0 && e2 > 0 && e2 < 255 && (minL === Infinity || minL * pow2(k) >= F32_MIN_NORMAL) && wm * Math.abs(v) * pow2(k) * (1 + 2 ** -20) < F32_MAX;
            if (B <= 1 / 16) {
              paths.scaled++;
              Sp = 0;
              if (exact) {
                // x_o = L_o·2^k: Σ_o G_o·e^{x_o} = Σ_n 2^{kn}·Σ_o G_o·L_o^n/n!, the moments computed once per (t, j)
                if (!haveMom) {
                  haveMom = true;
                  let g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0, g8 = 0;
                  for (let o = 0; o < VOCAB; o++) {
                    const l = L[o];
                    let q = G[o]; g0 += q;
                    q *= l; g1 += q; q *= l / 2; g2 += q; q *= l / 3; g3 += q; q *= l / 4; g4 += q;
                    q *= l / 5; g5 += q; q *= l / 6; g6 += q; q *= l / 7; g7 += q; q *= l / 8; g8 += q;
                  }
                  gm[0] = g0; gm[1] = g1; gm[2] = g2; gm[3] = g3; gm[4] = g4; gm[5] = g5; gm[6] = g6; gm[7] = g7; gm[8] = g8;
                }
                const sk = pow2(k);
                Sp = gm[8];
                for (let n = 7; n >= 0; n--) Sp = Sp * sk + gm[n];
              } else if (B <= 1e-3) {
                for (let o = 0; o < VOCAB; o++) { const x = f32(WyT[col + o] * v2); Sp += G[o] * (1 + x * (1 + x * (1 / 2 + x * (1 / 6 + x * (1 / 24))))); }
              } else {
                for (let o = 0; o < VOCAB; o++) {
                  const x = f32(WyT[col + o] * v2);
                  const q = 1 / 120 + x * (1 / 720 + x * (1 / 5040 + x * (1 / 40320)));
                  Sp += G[o] * (1 + x * (1 + x * (1 / 2 + x * (1 / 6 + x * (1 / 24 + x * q)))));
                }
              }
            } else if (exact && k >= -4 && k <= 4 && k !== 3 && k !== -3 && k !== 0) {
              paths.power++;
              if (!haveEL) { haveEL = true; for (let o = 0; o < VOCAB; o++) eL[o] = 1 / emL[o]; }
              Sp = 0;
              if (k === 1) for (let o = 0; o < VOCAB; o++) { const e = eL[o]; Sp += G[o] * (e * e); }
              else if (k === 2) for (let o = 0; o < VOCAB; o++) { let e = eL[o]; e *= e; Sp += G[o] * (e * e); }
              else if (k === 4) for (let o = 0; o < VOCAB; o++) { let e = eL[o]; e *= e; e *= e; e *= e; Sp += G[o] * (e * e); }
              else if (k === -1) for (let o = 0; o < VOCAB; o++) Sp += G[o] * Math.sqrt(eL[o]);
              else if (k === -2) for (let o = 0; o < VOCAB; o++) Sp += G[o] * Math.sqrt(Math.sqrt(eL[o]));
              else for (let o = 0; o < VOCAB; o++) Sp += G[o] * Math.sqrt(Math.sqrt(Math.sqrt(Math.sqrt(eL[o]))));
            }
          }
          if (Number.isNaN(Sp)) {
            paths.exp++;
            Sp = 0;
            for (let o = 0; o < VOCAB; o++) Sp += p[o] * Math.exp(f32(WyT[col + o] * v2) - L[o]);
          }
          bitsNew = bitsTrue + (Math.log(Sp) - dy) / Math.LN2;
        } else {
          paths.full++;
          let Mx = -Infinity;
          let bad = false;
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
        const dBits = Math.abs(Math.min(bitsNew, CLAMP) - bits0);
        sum[b] += dBits;
        cnt[b]++;
        if (sampled) {
          posSum[pi * 32 + b] += dBits;
          posCnt[pi * 32 + b]++;
        }
      }
    }
  }
  const perBit = Array.from(sum, (s, b) => (cnt[b] ? s / cnt[b] : NaN));
  const mean = (a: number, b: number) => { let s = 0, n = 0; for (let k = a; k <= b; k++) if (Number.isFinite(perBit[k])) { s += perBit[k]; n++; } return n ? s / n : NaN; };
  const sign = perBit[31], exponent = mean(23, 30), mantissa = mean(0, 22);
  let ratioInterval: LeverageResult["ratioInterval"] = null;
  if (sampled) {
    const rng = new GlibcRand(12345);
    const rs: number[] = [];
    const re: number[] = [];
    const bs = new Float64Array(32), bc = new Float64Array(32);
    for (let r = 0; r < RESAMPLES; r++) {
      bs.fill(0);
      bc.fill(0);
      for (let i = 0; i < P; i++) {
        const q = (rng.rand() % P) * 32;
        for (let b = 0; b < 32; b++) {
          bs[b] += posSum[q + b];
          bc[b] += posCnt[q + b];
        }
      }
      const [a, e] = ratios(bs, bc);
      if (Number.isFinite(a)) rs.push(a);
      if (Number.isFinite(e)) re.push(e);
    }
    const ci = (v: number[]): [number, number] => {
      v.sort((x, y) => x - y);
      const q = (p: number) => v[Math.min(v.length - 1, Math.max(0, Math.round(p * (v.length - 1))))] ?? NaN;
      return [q(0.025), q(0.975)];
    };
    ratioInterval = { sign: ci(rs), exponent: ci(re), resamples: RESAMPLES };
  }
  return {
    perBit, counted: Array.from(cnt), skipped: Array.from(skip), sign, exponent, mantissa,
    ratio: [sign / mantissa, exponent / mantissa, 1], paths, positions, ratioInterval,
  };
}
