/**
 * Open question 5 (synthesis §7): can the "good" readout neurons be found without running the
 * full model? Neurons are scored by weight-only criteria (and one criterion that uses one data
 * pass, labelled so), and each ranking is compared with the knockout ranking (Q3: bpc rise when
 * W_y column j is zeroed, on the f32 trajectory):
 * - Spearman ρ between the criterion's score and the knockout Δ (average ranks for ties);
 * - overlap of the two top-20 sets (top-min(20, H));
 * - bpc of the top-k readout the criterion picks (only those k W_y columns kept, b_y kept, the
 *   f32 trajectory unchanged), k = 5, 10, …, 40, beside the knockout's own top-k and the mean of
 *   RANDOM_ORDERS random picks.
 */
import { GlibcRand } from "../../f32.ts";
import type { Run } from "../../io.ts";
import { topKReadoutBpc } from "../q3/fast.ts";
import { knockoutBpc } from "../q3/neurons.ts";

export const TOP_N = 20;
export const K_GRID = [5, 10, 15, 20, 25, 30, 35, 40];
export const RANDOM_ORDERS = 10;

export interface Criterion {
  id: string;
  label: string;
  /** true if the score reads only the weights. */
  weightOnly: boolean;
  score: Float64Array;
}

/** The criteria, each a score per neuron (higher = predicted more important). */
export function criteria(run: Run): Criterion[] {
  const { model, trace } = run;
  const { H, Wx, Wh, Wy } = model;
  const V = 256;
  const wy = new Float64Array(H);
  const outMass = new Float64Array(H);
  const inMass = new Float64Array(H);
  const spread = new Float64Array(H);
  for (let j = 0; j < H; j++) {
    let s = 0;
    for (let o = 0; o < V; o++) s += Wy[o * H + j] * Wy[o * H + j];
    wy[j] = Math.sqrt(s);
    let om = 0;
    let im = 0;
    for (let i = 0; i < H; i++) {
      om += Math.abs(Wh[i * H + j]);
      im += Math.abs(Wh[j * H + i]);
    }
    outMass[j] = om;
    inMass[j] = im;
    let m = 0;
    for (let x = 0; x < V; x++) m += Wx[j * V + x];
    m /= V;
    let v = 0;
    for (let x = 0; x < V; x++) v += (Wx[j * V + x] - m) ** 2;
    spread[j] = Math.sqrt(v / V);
  }
  // one data pass: the spread of h_j over the analysed bytes
  const T = trace.T;
  const hStd = new Float64Array(H);
  for (let j = 0; j < H; j++) {
    let m = 0;
    for (let t = 0; t < T; t++) m += trace.h[t * H + j];
    m /= Math.max(T, 1);
    let v = 0;
    for (let t = 0; t < T; t++) v += (trace.h[t * H + j] - m) ** 2;
    hStd[j] = Math.sqrt(v / Math.max(T, 1));
  }
  const borda = new Float64Array(H);
  for (const s of [wy, outMass, spread]) {
    const r = averageRanks(s);
    for (let j = 0; j < H; j++) borda[j] += r[j];
  }
  return [
    { id: "wy", label: "readout norm ‖W_y[:,j]‖", weightOnly: true, score: wy },
    { id: "whOut", label: "recurrent out-mass Σ_i |W_h[i][j]|", weightOnly: true, score: outMass },
    { id: "whIn", label: "recurrent in-mass Σ_k |W_h[j][k]|", weightOnly: true, score: inMass },
    { id: "wxSpread", label: "input spread std_x W_x[j][x]", weightOnly: true, score: spread },
    { id: "wyXspread", label: "‖W_y[:,j]‖ × input spread", weightOnly: true, score: Float64Array.from(wy, (v, j) => v * spread[j]) },
    { id: "borda", label: "rank sum of readout norm, out-mass and input spread", weightOnly: true, score: borda },
    { id: "wyXhStd", label: "‖W_y[:,j]‖ × std_t h_t[j] (one data pass)", weightOnly: false, score: Float64Array.from(wy, (v, j) => v * hStd[j]) },
  ];
}

/** Ranks 1..n ascending by value, ties get the average rank. */
export function averageRanks(v: ArrayLike<number>): Float64Array {
  const n = v.length;
  const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => v[a] - v[b]);
  const r = new Float64Array(n);
  for (let a = 0; a < n; ) {
    let b = a;
    while (b + 1 < n && v[idx[b + 1]] === v[idx[a]]) b++;
    const avg = (a + b) / 2 + 1;
    for (let k = a; k <= b; k++) r[idx[k]] = avg;
    a = b + 1;
  }
  return r;
}

/** Spearman ρ: Pearson correlation of the average ranks (NaN when either is constant). */
export function spearman(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const ra = averageRanks(a);
  const rb = averageRanks(b);
  const n = ra.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += ra[i];
    mb += rb[i];
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (ra[i] - ma) * (rb[i] - mb);
    saa += (ra[i] - ma) ** 2;
    sbb += (rb[i] - mb) ** 2;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : NaN;
}

/** Neurons by score, highest first (ties: lower index first). */
export function orderBy(score: ArrayLike<number>): number[] {
  return Array.from({ length: score.length }, (_, i) => i).sort((a, b) => score[b] - score[a] || a - b);
}

/** bpc of the readout keeping only the first k columns of `order`, for each k in `ks` (ascending), on the run's states. */
export function topKBpc(run: Run, order: number[], ks: number[]): number[] {
  return topKReadoutBpc(run.model, run.trace.h, run.data, run.trace.T, order, ks);
}

export interface RankingRow {
  id: string;
  label: string;
  weightOnly: boolean;
  rho: number;
  /** |top-N by the criterion ∩ top-N by knockout|. */
  overlap: number;
  top: number[];
  /** bpc of the top-k readout, per k of `ks`. */
  bpc: number[];
}

export interface RankingResult {
  H: number;
  T: number;
  baseline: number;
  N: number;
  ks: number[];
  knockoutDelta: Float64Array;
  knockout: { top: number[]; bpc: number[] };
  random: { orders: number; bpc: number[] };
  rows: RankingRow[];
}

export interface RankingOptions {
  ks?: number[];
  randomOrders?: number;
}

export function rankings(run: Run, opts: RankingOptions = {}): RankingResult {
  const { H } = run.model;
  const baseline = run.trace.bpc;
  let ks = (opts.ks ?? K_GRID).filter((k) => k >= 1 && k <= H);
  if (!opts.ks && H < K_GRID[K_GRID.length - 1] && !ks.includes(H)) ks.push(H);
  ks = [...new Set(ks)].sort((a, b) => a - b);
  const N = Math.min(TOP_N, H);
  const ko = knockoutBpc(run);
  const delta = Float64Array.from(ko, (b) => b - baseline);
  const koOrder = orderBy(delta);
  const koTop = new Set(koOrder.slice(0, N));
  const rows: RankingRow[] = criteria(run).map((c) => {
    const order = orderBy(c.score);
    const top = order.slice(0, N);
    return {
      id: c.id,
      label: c.label,
      weightOnly: c.weightOnly,
      rho: spearman(c.score, delta),
      overlap: top.filter((j) => koTop.has(j)).length,
      top,
      bpc: topKBpc(run, order, ks),
    };
  });
  const R = opts.randomOrders ?? RANDOM_ORDERS;
  const rng = new GlibcRand(42);
  const acc = new Float64Array(ks.length);
  for (let r = 0; r < R; r++) {
    const order = Array.from({ length: H }, (_, i) => i);
    for (let i = H - 1; i > 0; i--) {
      const k = rng.rand() % (i + 1);
      [order[i], order[k]] = [order[k], order[i]];
    }
    topKBpc(run, order, ks).forEach((b, i) => (acc[i] += b / R));
  }
  return {
    H,
    T: run.trace.T,
    baseline,
    N,
    ks,
    knockoutDelta: delta,
    knockout: { top: koOrder.slice(0, N), bpc: topKBpc(run, koOrder, ks) },
    random: { orders: R, bpc: Array.from(acc) },
    rows,
  };
}

/** The computed one-sentence answer: the weight-only criterion closest to the knockout ranking. */
export function rankingsAnswer(r: RankingResult): string {
  const w = r.rows.filter((x) => x.weightOnly);
  const best = [...w].sort((a, b) => (Number.isNaN(b.rho) ? -2 : b.rho) - (Number.isNaN(a.rho) ? -2 : a.rho))[0];
  const ki = r.ks.includes(r.N) ? r.ks.indexOf(r.N) : r.ks.length - 1;
  const k = r.ks[ki];
  const f = (v: number) => v.toFixed(4);
  const bestBpc = [...w].sort((a, b) => a.bpc[ki] - b.bpc[ki])[0];
  let s = `The weight-only ranking closest to the knockout ranking is ${best.label} (Spearman ρ = ${Number.isNaN(best.rho) ? "n/a" : best.rho.toFixed(2)}, ${best.overlap} of the knockout's top ${r.N})`;
  s += `; the best weight-only top-${k} readout (${bestBpc.label}) reaches ${f(bestBpc.bpc[ki])} bpc, against ${f(r.knockout.bpc[ki])} for the knockout's top ${k}, ${f(r.random.bpc[ki])} for a random ${k} and ${f(r.baseline)} for the full model.`;
  return s;
}
