/**
 * Q1 §M (`q1_margins`): pre-activation margins |z_t,i| of the f32 dynamics, sign-readout bpc,
 * histogram, per-neuron statistics and the analytic mantissa bound. Margins are in pre-activation
 * units; bpc in bits. Positions t = 0..T−1 (T = n − 1 predictions).
 */
import type { Run } from "../../io.ts";
import { swapSelect, indices } from "../../f32.ts";
import { VOCAB } from "../../model.ts";
import { bitsFromLogits } from "../../rnn.ts";
import { absRowSums, spinLogits } from "./bool.ts";

const f32 = Math.fround;

export interface MarginsResult {
  H: number;
  T: number;
  /** Per position: min margin, mean margin (f32), #<1, #<0.1, bpc full, bpc with sign readout. */
  minMargin: Float32Array;
  meanMargin: Float32Array;
  nSmall: Int32Array;
  nTiny: Int32Array;
  bpcFull: Float64Array;
  bpcSign: Float64Array;
  total: number;
  globalMean: number;
  small: number;
  tiny: number;
  meanBpcFull: number;
  meanBpcSign: number;
  /** Histogram of margins in bins of 5 (last bin 49 collects ≥ 245). */
  hist: Int32Array;
  /** Per neuron: D-sum of margins, min, #<1. */
  neuronSum: Float64Array;
  neuronMin: Float32Array;
  neuronSmall: Int32Array;
  /** Neurons ordered by mean margin ascending (reference swap-select order). */
  order: number[];
  /** Mantissa bound: S_j = F-sum |Wh[j][k]|, pert_j = f32(S_j·2^−23). */
  S: Float32Array;
  pert: Float32Array;
  maxPert: number;
  minMarginEver: number;
  /** Where the smallest margin occurs. */
  minAt: { t: number; i: number };
  safety: number;
}

export function analyzeMargins(run: Run): MarginsResult {
  const { model } = run;
  const { z, h, T, data } = { ...run.trace, data: run.data };
  const H = model.H;
  const minMargin = new Float32Array(T), meanMargin = new Float32Array(T);
  const nSmall = new Int32Array(T), nTiny = new Int32Array(T);
  const bpcFull = Float64Array.from(run.trace.bits), bpcSign = new Float64Array(T);
  const hist = new Int32Array(50);
  const neuronSum = new Float64Array(H), neuronMin = new Float32Array(H).fill(1e30), neuronSmall = new Int32Array(H);
  const tiny01 = f32(0.1);
  let gsum = 0, small = 0, tiny = 0, sF = 0, sS = 0;
  let minAt = { t: -1, i: -1 }, minEver = Infinity;
  const v = new Uint8Array(H), lg = new Float64Array(VOCAB);
  for (let t = 0; t < T; t++) {
    let mn = f32(1e30), acc = 0, ns = 0, nt = 0;
    for (let i = 0; i < H; i++) {
      const m = Math.abs(z[t * H + i]);
      if (m < mn) mn = m;
      acc = f32(acc + m);
      if (m < 1) { ns++; neuronSmall[i]++; }
      if (m < tiny01) nt++;
      gsum += m;
      neuronSum[i] += m;
      if (m < neuronMin[i]) neuronMin[i] = m;
      if (m < minEver) { minEver = m; minAt = { t, i }; }
      let b = Math.trunc(f32(m / 5));
      if (b > 49) b = 49;
      hist[b]++;
      v[i] = h[t * H + i] >= 0 ? 1 : 0;
    }
    minMargin[t] = mn;
    meanMargin[t] = f32(acc / H);
    nSmall[t] = ns;
    nTiny[t] = nt;
    small += ns;
    tiny += nt;
    spinLogits(model, v, lg);
    bpcSign[t] = bitsFromLogits(lg, data[t + 1]);
    sF += bpcFull[t];
    sS += bpcSign[t];
  }
  const order = swapSelect(indices(H), (b, a) => neuronSum[a] > neuronSum[b]);
  const S = absRowSums(model);
  const pert = new Float32Array(H);
  let maxPert = 0, minMarginEver = Infinity;
  for (let j = 0; j < H; j++) {
    pert[j] = f32(S[j] * f32(2 ** -23));
    const p = f32(S[j] / 2 ** 23);
    if (p > maxPert) maxPert = p;
    if (neuronMin[j] < minMarginEver) minMarginEver = neuronMin[j];
  }
  const total = T * H;
  return {
    H, T, minMargin, meanMargin, nSmall, nTiny, bpcFull, bpcSign, total,
    globalMean: gsum / total, small, tiny, meanBpcFull: sF / T, meanBpcSign: sS / T,
    hist, neuronSum, neuronMin, neuronSmall, order, S, pert, maxPert, minMarginEver, minAt,
    safety: f32(minMarginEver / maxPert),
  };
}

/** The reference's row filter for the per-position table (§M1). */
export function marginRowShown(t: number, nSmall: number, T: number): boolean {
  return t < 10 || (t < 100 && t % 10 === 0) || t % 50 === 0 || nSmall > 3 || t === T - 1;
}
