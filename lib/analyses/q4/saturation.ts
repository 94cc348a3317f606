/**
 * Q4 — saturation and volatility (spec Q2–Q5 §Q4), read from the stored f32 trajectory.
 *
 * Positions t = 0 … T−1 (h_t is the state after data[t]). σ(h) = 1 if h ≥ 0 (−0 included).
 * A flip of neuron j at t means t ≥ 1 and σ(h_t[j]) ≠ σ(h_{t−1}[j]); flips are counted over the
 * T − 1 transitions. A dwell is the gap t − t_last between consecutive flips of the same neuron.
 */
import { indices, swapSelect } from "../../f32.ts";
import type { Run } from "../../io.ts";

export const SAT_LEVEL = Math.fround(0.999);
/** The reference drops dwells ≥ this from its histogram. */
export const DWELL_CAP = 100;

export type VolatilityClass = "frozen" | "settled" | "active" | "volatile";

export function volatilityClass(flips: number): VolatilityClass {
  return flips === 0 ? "frozen" : flips <= 5 ? "settled" : flips <= 50 ? "active" : "volatile";
}

export interface SaturationResult {
  H: number;
  T: number;
  /** Per step: #{|h| ≥ f32(0.999)}, flips at t, min_j |h_t[j]|. */
  nSat: Int32Array;
  nFlip: Int32Array;
  minAbs: Float32Array;
  /** Flip bitmap, T×H (1 = neuron j flipped at t). */
  flipAt: Uint8Array;
  /** Per neuron: flip count, mean|h| (float32 accumulator, as the reference), min|h|, % saturated (float32), dwell mode. */
  flips: Int32Array;
  meanAbs: Float32Array;
  minAbsNeuron: Float32Array;
  pctSat: Float32Array;
  dwellMode: Int32Array;
  cls: VolatilityClass[];
  /** Neurons sorted by flips, descending (swap-selection, reference tie order). */
  byFlips: number[];
  classCounts: Record<VolatilityClass, number>;
  /** Global dwell histogram: dwellHist[d] for d = 1 … 99 (gaps < 100, as the reference). */
  dwellHist: Int32Array;
  /** All gaps, including ≥ 100 (X5): count, sum, and the dropped long gaps. */
  dwellAll: { count: number; sum: number; long: number[] };
  /** Mean dwell over the reference histogram (gaps < 100) and over all gaps (X5), in steps. */
  meanDwellRecorded: number;
  meanDwellAll: number;
  totalFlips: number;
  /** Co-flip pairs (a < b, co > 0) as flat arrays, lexicographic order. */
  pairs: { a: Int32Array; b: Int32Array; co: Int32Array; jaccard: Float32Array };
  /** Indices into `pairs` of the top co-flip pairs (partial swap-selection by co, first 15). */
  topPairs: number[];
}

export function saturation(run: Run, opts: { topPairs?: number } = {}): SaturationResult {
  const f32 = Math.fround;
  const { trace } = run;
  const H = trace.H;
  const T = trace.T;
  const h = trace.h;
  const nSat = new Int32Array(T);
  const nFlip = new Int32Array(T);
  const minAbs = new Float32Array(T);
  const flipAt = new Uint8Array(T * H);
  const flips = new Int32Array(H);
  const acc = new Float32Array(H);
  const minAbsNeuron = new Float32Array(H).fill(Infinity);
  const satCount = new Int32Array(H);
  const last = new Int32Array(H).fill(-1);
  const hist = new Int32Array(H * DWELL_CAP);
  const dwellHist = new Int32Array(DWELL_CAP);
  const long: number[] = [];
  let allCount = 0;
  let allSum = 0;
  for (let t = 0; t < T; t++) {
    const o = t * H;
    let ns = 0;
    let nf = 0;
    let mn = Infinity;
    for (let j = 0; j < H; j++) {
      const v = h[o + j];
      const a = Math.abs(v);
      if (a >= SAT_LEVEL) {
        ns++;
        satCount[j]++;
      }
      if (a < mn) mn = a;
      acc[j] = f32(acc[j] + a);
      if (a < minAbsNeuron[j]) minAbsNeuron[j] = a;
      if (t >= 1 && v >= 0 !== h[o - H + j] >= 0) {
        nf++;
        flips[j]++;
        flipAt[o + j] = 1;
        if (last[j] >= 0) {
          const d = t - last[j];
          allCount++;
          allSum += d;
          if (d < DWELL_CAP) {
            hist[j * DWELL_CAP + d]++;
            dwellHist[d]++;
          } else long.push(d);
        }
        last[j] = t;
      }
    }
    nSat[t] = ns;
    nFlip[t] = nf;
    minAbs[t] = mn;
  }
  const meanAbs = new Float32Array(H);
  const pctSat = new Float32Array(H);
  const dwellMode = new Int32Array(H);
  const cls: VolatilityClass[] = [];
  const classCounts: Record<VolatilityClass, number> = { frozen: 0, settled: 0, active: 0, volatile: 0 };
  for (let j = 0; j < H; j++) {
    meanAbs[j] = f32(acc[j] / T);
    pctSat[j] = f32(f32(100 * satCount[j]) / T);
    let best = 0;
    let bv = 0;
    for (let d = 1; d < DWELL_CAP; d++) {
      if (hist[j * DWELL_CAP + d] > bv) {
        bv = hist[j * DWELL_CAP + d];
        best = d;
      }
    }
    dwellMode[j] = best;
    cls.push(volatilityClass(flips[j]));
    classCounts[cls[j]]++;
  }
  const byFlips = swapSelect(indices(H), (a, b) => flips[a] > flips[b]);
  let rec = 0;
  let recSum = 0;
  for (let d = 1; d < DWELL_CAP; d++) {
    rec += dwellHist[d];
    recSum += d * dwellHist[d];
  }
  let totalFlips = 0;
  for (let j = 0; j < H; j++) totalFlips += flips[j];

  // Co-flips: co[a][b] over steps where both flipped.
  const co = new Int32Array(H * H);
  const fl: number[] = [];
  for (let t = 1; t < T; t++) {
    fl.length = 0;
    const o = t * H;
    for (let j = 0; j < H; j++) if (flipAt[o + j]) fl.push(j);
    for (let x = 0; x < fl.length; x++) for (let y = x + 1; y < fl.length; y++) co[fl[x] * H + fl[y]]++;
  }
  const pa: number[] = [];
  const pb: number[] = [];
  const pc: number[] = [];
  const pj: number[] = [];
  for (let a = 0; a < H; a++) {
    for (let b = a + 1; b < H; b++) {
      const c = co[a * H + b];
      if (c > 0) {
        const den = flips[a] + flips[b] - c;
        pa.push(a);
        pb.push(b);
        pc.push(c);
        pj.push(den > 0 ? f32(c / den) : 0);
      }
    }
  }
  const topPairs = swapSelect(indices(pa.length), (x, y) => pc[x] > pc[y], opts.topPairs ?? 15).slice(0, opts.topPairs ?? 15);
  return {
    H,
    T,
    nSat,
    nFlip,
    minAbs,
    flipAt,
    flips,
    meanAbs,
    minAbsNeuron,
    pctSat,
    dwellMode,
    cls,
    byFlips,
    classCounts,
    dwellHist,
    dwellAll: { count: allCount, sum: allSum, long },
    meanDwellRecorded: rec ? recSum / rec : NaN,
    meanDwellAll: allCount ? allSum / allCount : NaN,
    totalFlips,
    pairs: { a: Int32Array.from(pa), b: Int32Array.from(pb), co: Int32Array.from(pc), jaccard: Float32Array.from(pj) },
    topPairs,
  };
}
