/**
 * Q3 — which neurons carry the signal (spec Q2–Q5 §Q3). Readout-only interventions on the stored
 * forward pass: the dynamics never change, so every variant is a change of stored logits.
 *
 * Units: bits per character (bpc) over the T = n − 1 predictions of the run; neurons j from 0.
 * Knockout / sign-snap of one neuron are rank-one updates ℓ′ = ℓ − f32(Wy[o][j]·h_j) + f32(Wy[o][j]·v′)
 * of the stored double logits. They differ from the reference's re-summed logits only in the last
 * bits of a double (≈1e−16 relative), far below the printed 4 decimals (checked by the parity test).
 */
import { swapSelect, indices } from "../../f32.ts";
import type { Run } from "../../io.ts";
import { readoutColumns } from "../../model.ts";
import { columnSums } from "../../kernel.ts";
import { bitsAt, fastExp } from "./fast.ts";

const fexp = fastExp;

export interface NeuronsOptions {
  /** Evaluate the cumulative-knockout and minimal-subset curves on curveGrid(H) (default: the reference grid only). */
  fullCurves?: boolean;
  /** Also compute the bpc with each single neuron alone in the readout (costs one pass of H·T·256 exps). */
  singles?: boolean;
}

export interface CurvePoint {
  /** Neurons removed (cumulative) or kept (subset). */
  n: number;
  bpc: number;
}

export interface NeuronsResult {
  H: number;
  T: number;
  /** Baseline bpc of the unmodified readout. */
  baseline: number;
  /** δ_j = bpc with column j of W_y zeroed − baseline (bits). */
  delta: Float64Array;
  /** ‖W_y column j‖₂ = sqrt(Σ_o double(f32(Wy[o][j]²))). */
  norm: Float64Array;
  /** mean over t of |h_t[j]| (double accumulator). */
  meanAbsH: Float64Array;
  /** Importance order: swap-selection sort of j by δ_j, descending (reference tie behaviour). */
  order: number[];
  /** Cumulative knockout in importance order: bpc after removing the first n (n = 0 … H). */
  cumulative: CurvePoint[];
  /** Keep only the top-k columns (b_y kept): bpc and % of gain 100·(8 − bpc)/(8 − baseline). */
  subset: (CurvePoint & { pctGain: number })[];
  /** Per-neuron sign-only readout: Δ^sign_j = bpc with h_j → ±1 in the readout − baseline. */
  signDelta: Float64Array;
  /** Order of j by f32(|Δ^sign_j|), descending (swap-selection). */
  signOrder: number[];
  /** Bytes each of the top-10 neurons promotes / demotes most (W_y column entries). */
  top: { j: number; promotes: [number, number][]; demotes: [number, number][] }[];
  /** bpc with only neuron j in the readout (only with `singles`). */
  alone?: Float64Array;
}

/** The n (or k) values the reference prints: 0/1 … 20, then 30, 40, … below H, then H. */
export function referenceGrid(H: number, from: number): number[] {
  const out: number[] = [];
  for (let n = from; n <= Math.min(20, H); n++) out.push(n);
  for (let n = 30; n < H; n += 10) out.push(n);
  if (out[out.length - 1] !== H) out.push(H);
  return out;
}

/** Every n up to this many neurons removed or kept is on the report's curves (the claims read n ≤ 30). */
export const CURVE_DENSE = 40;
/** Beyond CURVE_DENSE, the curves take about this many more points, evenly stepped up to H. */
export const CURVE_SPARSE = 48;

/**
 * The n of the report's cumulative-knockout and minimal-subset curves: every n ≤ CURVE_DENSE, then
 * every s-th n (s = ⌈(H − CURVE_DENSE)/CURVE_SPARSE⌉, data-loaders/q3.ts reports it) and H. Each
 * point costs two softmaxes per position, so a wide model's curves stay ~90 points (every n when
 * H ≤ 88).
 */
export function curveGrid(H: number): number[] {
  const out: number[] = [];
  for (let n = 0; n <= Math.min(H, CURVE_DENSE); n++) out.push(n);
  const step = Math.max(1, Math.ceil((H - CURVE_DENSE) / CURVE_SPARSE));
  for (let n = CURVE_DENSE + step; n < H; n += step) out.push(n);
  if (out[out.length - 1] !== H) out.push(H);
  return out;
}

/**
 * Knockout and sign-snap bpc of every neuron in one pass over the stored logits.
 * With λ_o = ℓ_o − max ℓ (stored), c_o = f32(Wy[o][j]·h_j) and s = ±1 (σ of h_j):
 *   knockout: p′_y ∝ exp(λ_y − c_y),  sign-snap: p′_y ∝ exp(λ_y − c_y)·exp(s·Wy[o][j])
 * (f32(w·(±1)) = ±w exactly), so both variants share one exp per (t, o). The shift by the stored max
 * instead of the new max changes only rounding (|c| ≤ max|W_y|·|h| keeps it finite).
 */
export function rankOneBpc(run: Run): RankOne {
  let result = rankOneMemo.get(run);
  if (!result) rankOneMemo.set(run, (result = rankOnePass(run)));
  return result;
}

/**
 * Takes a knockout/sign-snap pass computed elsewhere for this run (the report's main thread hands
 * its pass to the helper thread: data-loaders/reportHelper.ts), so it is not computed again.
 */
export function seedRankOne(run: Run, r: RankOne): void {
  if (!rankOneMemo.has(run)) rankOneMemo.set(run, r);
}

export interface RankOne {
  knockout: Float64Array;
  sign: Float64Array;
}

/**
 * The pass is the costliest readout analysis (H·T·256 exps) and Q3, Q5's redux and open questions
 * 1 and 5 all need the knockout, so it runs once per Run (the sign-snap sums cost ~10 % more and
 * come with it). The arrays are shared: read them only.
 */
const rankOneMemo = new WeakMap<Run, RankOne>();

function rankOnePass(run: Run): RankOne {
  const f32 = Math.fround;
  const exp = fexp;
  const log2 = Math.log2;
  const { model, trace, data } = run;
  const { H, Wy } = model;
  const T = trace.T;
  const L = trace.logits;
  const h = trace.h;
  const lam = new Float64Array(T * 256);
  for (let t = 0; t < T; t++) {
    const off = t * 256;
    let M = -1e30;
    for (let o = 0; o < 256; o++) if (L[off + o] > M) M = L[off + o];
    for (let o = 0; o < 256; o++) lam[off + o] = L[off + o] - M;
  }
  const knockout = new Float64Array(H);
  const sign = new Float64Array(H);
  const w = new Float32Array(256);
  const ePos = new Float64Array(256);
  const eNeg = new Float64Array(256);
  for (let j = 0; j < H; j++) {
    for (let o = 0; o < 256; o++) {
      w[o] = Wy[o * H + j];
      ePos[o] = exp(w[o]);
      eNeg[o] = exp(-w[o]);
    }
    let sumK = 0;
    let sumS = 0;
    for (let t = 0; t < T; t++) {
      const hj = h[t * H + j];
      const off = t * 256;
      const y = data[t + 1];
      let S = 0;
      let SS = 0;
      const e = hj >= 0 ? ePos : eNeg;
      for (let o = 0; o < 256; o++) {
        const k = exp(lam[off + o] - f32(w[o] * hj));
        S += k;
        SS += k * e[o];
      }
      const ky = exp(lam[off + y] - f32(w[y] * hj));
      const ps = (ky * e[y]) / SS;
      sumS += -log2(ps > 1e-30 ? ps : 1e-30);
      const p = ky / S;
      sumK += -log2(p > 1e-30 ? p : 1e-30);
    }
    knockout[j] = sumK / T;
    sign[j] = sumS / T;
  }
  return { knockout, sign };
}

/** Readout knockout bpc for every neuron j (column j of W_y zeroed); shared with rankOneBpc, read only. */
export function knockoutBpc(run: Run): Float64Array {
  return rankOneBpc(run).knockout;
}

/** Importance order from knockout bpc (δ descending, swap-selection). */
export function importanceOrder(delta: ArrayLike<number>): number[] {
  return swapSelect(indices(delta.length), (a, b) => delta[a] > delta[b]);
}

export function neurons(run: Run, opts: NeuronsOptions = {}): NeuronsResult {
  const f32 = Math.fround;
  const { model, trace, data } = run;
  const { H, Wy, by } = model;
  const T = trace.T;
  const baseline = trace.bpc;
  const h = trace.h;

  const { knockout: ko, sign: sb } = rankOneBpc(run);
  const delta = new Float64Array(H);
  for (let j = 0; j < H; j++) delta[j] = ko[j] - baseline;
  const norm = new Float64Array(H);
  const meanAbsH = new Float64Array(H);
  for (let j = 0; j < H; j++) {
    let s = 0;
    for (let o = 0; o < 256; o++) s += f32(Wy[o * H + j] * Wy[o * H + j]);
    norm[j] = Math.sqrt(s);
    let a = 0;
    for (let t = 0; t < T; t++) a += Math.abs(h[t * H + j]);
    meanAbsH[j] = a / T;
  }
  const order = importanceOrder(delta);

  // Cumulative knockout: subtract columns from the stored logits in importance order. The
  // minimal subset of the first k is the complement: by + (ℓ − ℓ_cum(k)), so one pass serves both.
  // Position by position, so one logits row (in L1) takes every column and is scored at each grid
  // point; the subtractions and the sums over t run in the same order as column by column would.
  const L = trace.logits;
  const grid = (opts.fullCurves ? curveGrid(H) : referenceGrid(H, 0)).filter((n) => n >= 1);
  const cols = new Float32Array(H * 256);
  for (let n = 0; n < H; n++) for (let o = 0; o < 256; o++) cols[n * 256 + o] = Wy[o * H + order[n]];
  const cumSum = new Float64Array(grid.length);
  const subSum = new Float64Array(grid.length);
  const simd = columnSums(cols);
  const rc = simd ? simd.row : new Float64Array(256);
  const rs = new Float64Array(256);
  for (let t = 0; t < T; t++) {
    const off = t * 256;
    const ht = t * H;
    const y = data[t + 1];
    for (let o = 0; o < 256; o++) rc[o] = L[off + o];
    if (simd) for (let n = 0; n < H; n++) simd.v[n] = -h[ht + order[n]]; // adding −v subtracts exactly
    let n = 0;
    for (let g = 0; g < grid.length; g++) {
      const to = Math.min(grid[g], H - 1); // the last removal leaves b_y exactly
      if (simd) simd.add(n, to);
      else {
        for (let m = n; m < to; m++) {
          const hj = h[ht + order[m]];
          const c = m * 256;
          for (let o = 0; o < 256; o++) rc[o] -= f32(cols[c + o] * hj);
        }
      }
      n = to;
      if (grid[g] === H && n === H - 1) {
        for (let o = 0; o < 256; o++) rc[o] = by[o];
        n = H;
      }
      cumSum[g] += bitsAt(rc, 0, y);
      if (n < H) {
        for (let o = 0; o < 256; o++) rs[o] = by[o] + (L[off + o] - rc[o]);
        subSum[g] += bitsAt(rs, 0, y);
      }
    }
  }
  const cumulative: CurvePoint[] = [{ n: 0, bpc: baseline }, ...grid.map((n, g) => ({ n, bpc: cumSum[g] / T }))];
  const subset = grid.map((n, g) => {
    const bpc = n < H ? subSum[g] / T : baseline;
    return { n, bpc, pctGain: pctOfGain(bpc, baseline) };
  });

  // Per-neuron sign-only readout.
  const signDelta = new Float64Array(H);
  for (let j = 0; j < H; j++) signDelta[j] = sb[j] - baseline;
  const key = Array.from(signDelta, (d) => f32(Math.abs(d)));
  const signOrder = swapSelect(indices(H), (a, b) => key[a] > key[b]);

  // What the top-10 neurons promote / demote.
  const top = order.slice(0, Math.min(10, H)).map((j) => {
    const e: [number, number][] = [];
    for (let o = 0; o < 256; o++) e.push([o, Wy[o * H + j]]);
    swapSelect(e, (x, y) => x[1] > y[1], 5);
    const promotes = e.slice(0, 5).map((x) => [x[0], x[1]] as [number, number]);
    swapSelect(e, (x, y) => x[1] < y[1]);
    const demotes = e.slice(0, 5).map((x) => [x[0], x[1]] as [number, number]);
    return { j, promotes, demotes };
  });

  const result: NeuronsResult = { H, T, baseline, delta, norm, meanAbsH, order, cumulative, subset, signDelta, signOrder, top };
  if (opts.singles) result.alone = aloneBpc(run);
  return result;
}

/** % of gain relative to the uniform 8-bit code: 100·(8 − bpc)/(8 − baseline). */
export function pctOfGain(bpc: number, baseline: number): number {
  return (100 * (8 - bpc)) / (8 - baseline);
}

/** bpc with only neuron j in the readout (all other W_y columns zeroed, b_y kept), for every j. */
export function aloneBpc(run: Run): Float64Array {
  const f32 = Math.fround;
  const { model, trace, data } = run;
  const { H, Wy, by } = model;
  const T = trace.T;
  const out = new Float64Array(H);
  const byD = Float64Array.from(by);
  const simd = columnSums(readoutColumns(model)); // row = b_y + f32(col_j·h_j), exactly as the scalar line below
  const row = simd ? simd.row : new Float64Array(256);
  for (let j = 0; j < H; j++) {
    let sum = 0;
    for (let t = 0; t < T; t++) {
      const hj = trace.h[t * H + j];
      if (simd) {
        row.set(byD);
        simd.v[j] = hj;
        simd.add(j, j + 1);
      } else for (let o = 0; o < 256; o++) row[o] = by[o] + f32(Wy[o * H + j] * hj);
      sum += bitsAt(row, 0, data[t + 1]);
    }
    out[j] = sum / T;
  }
  return out;
}
