/**
 * Q5 — the redux (spec Q2–Q5 §Q5): magnitude pruning of W_h and W_x, top-k readout + W_h pruning,
 * the |W_h| distribution and parameter counts. Every configuration re-runs the f32 recurrence from
 * h = 0 (lib/analyses/q5/forward.ts); configurations whose zeroed sets coincide share one
 * trajectory, and the readout is evaluated on the kept W_y columns only.
 *
 * Units: bpc (bits per character) over the T = n − 1 predictions; thresholds are float32 weight
 * magnitudes, pruning zeroes |w| < thr (strict).
 */
import { indices } from "../../f32.ts";
import type { Run } from "../../io.ts";
import { topKReadoutBpc } from "../q3/fast.ts";
import { importanceOrder, knockoutBpc } from "../q3/neurons.ts";
import { pruneBelow, trajectoryBpc } from "./forward.ts";

export const PRUNE_THRESHOLDS = [0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 7.0, 10.0];
export const GRID_K = [5, 10, 15, 20, 30, 128];
export const GRID_THR = [0, 1.0, 2.0, 3.0];
/** The reference's hard-coded "redux" configuration. */
export const REDUX_K = 15;
export const REDUX_THR = 2.0;

export interface PruneRow {
  thr: number;
  zeroed: number;
  /** 100·zeroed / entries of the matrix. */
  pctZeroed: number;
  bpc: number;
}

export interface GridRow {
  k: number;
  thr: number;
  /** 100·k/H. */
  wyPctKept: number;
  /** 100·#{|W_h| ≥ thr}/H². */
  whPctKept: number;
  bpc: number;
  /** Parameters by the tool's counting rule (§Q5.6): 256H + kept W_h + H + 256k + 256. */
  params: number;
  /** Live parameters: only those that can reach the output (see `liveParams`). */
  liveParams: number;
}

export interface ParamCount {
  k: number;
  thr: number;
  total: number;
  wy: number;
  wh: number;
  wx: number;
  bh: number;
  by: number;
}

export interface ReduxOptions {
  /** Extra k × threshold grid for the interactive page (k list, thresholds); readout evaluated incrementally. */
  grid?: { k: number[]; thr: number[] };
  /** Pruning curves by fraction: zero the smallest p% (p in this list) of W_h and of W_x. */
  fractions?: number[];
}

export interface ReduxResult {
  H: number;
  T: number;
  baseline: number;
  /** Knockout δ (bits) and importance order, as Q3.2. */
  delta: Float64Array;
  order: number[];
  whPrune: PruneRow[];
  wxPrune: PruneRow[];
  combined: GridRow[];
  /** |W_h| sorted ascending: percentiles p → value at index ⌊p·N/100⌋, min, max, mean (double sum over the sorted array). */
  whDist: { p: number; v: number }[];
  whMin: number;
  whMax: number;
  whMean: number;
  /** Full parameter count 256H + H² + H + 256H + 256. */
  fullParams: number;
  /** The reference's hard-coded redux (k = 15 or H if smaller, thr 2.0) by the tool rule. */
  redux: ParamCount & { bpc: number };
  /** Optional interactive grid (rows as GridRow). */
  grid?: GridRow[];
  /** Optional pruning-by-fraction curves. */
  fractionCurves?: { matrix: "Wh" | "Wx"; pct: number; zeroed: number; thr: number; bpc: number }[];
}

/** Tool counting rule (§Q5.6): W_x and both biases in full, kept W_h entries, 256 per kept W_y column. */
export function toolParams(H: number, k: number, whKept: number): ParamCount & { thr: number } {
  const wx = 256 * H;
  const wy = 256 * k;
  return { k, thr: NaN, wx, wh: whKept, bh: H, by: 256, wy, total: wx + whKept + H + wy + 256 };
}

/**
 * Corrected count: parameters that can influence the output. Neuron j is live if its W_y column is
 * kept, or if it feeds a kept W_h entry of a live neuron (fixed point). Counted: b_y (256), the kept
 * W_y columns (256 each), and for every live neuron its W_x row (256), its bias (1) and its kept
 * incoming W_h entries. Dead neurons' rows and biases are computed but never reach the output.
 */
export function liveParams(H: number, keptCols: number[], Wh: Float32Array): number {
  const live = new Uint8Array(H);
  for (const j of keptCols) live[j] = 1;
  let changed = true;
  while (changed) {
    changed = false;
    for (let i = 0; i < H; i++) {
      if (!live[i]) continue;
      for (let j = 0; j < H; j++) if (!live[j] && Wh[i * H + j] !== 0) { live[j] = 1; changed = true; }
    }
  }
  let total = 256 + 256 * keptCols.length;
  for (let i = 0; i < H; i++) {
    if (!live[i]) continue;
    total += 256 + 1;
    for (let j = 0; j < H; j++) if (Wh[i * H + j] !== 0) total++;
  }
  return total;
}

export function redux(run: Run, opts: ReduxOptions = {}): ReduxResult {
  const { model, data, trace } = run;
  const { H, Wx, Wh } = model;
  const T = trace.T;
  const baseline = trace.bpc;
  const ko = knockoutBpc(run);
  const delta = Float64Array.from(ko, (b) => b - baseline);
  const order = importanceOrder(delta);

  // Trajectories keyed by (W_x zeroed count, W_h zeroed count): nested threshold sets coincide iff counts do.
  // Each trajectory comes with its full-readout bpc (the kernel reads out as it runs: NaN without it).
  const traj = new Map<string, { h: Float32Array; bpc: number }>();
  traj.set("0|0", { h: trace.h, bpc: baseline });
  const getTraj = (wx: { w: Float32Array; zeroed: number }, wh: { w: Float32Array; zeroed: number }) => {
    const key = `${wx.zeroed}|${wh.zeroed}`;
    let r = traj.get(key);
    if (!r) {
      r = trajectoryBpc(model, data, wx.w, wh.w);
      traj.set(key, r);
    }
    return r.h;
  };
  const bpcCache = new Map<string, number>();
  const evalBpc = (key: string, h: Float32Array, cols: number[]) => {
    const all = cols.length === H;
    const k2 = `${key}|${all ? "all" : cols.join(",")}`;
    let b = bpcCache.get(k2);
    if (b === undefined) {
      const known = all ? traj.get(key)?.bpc : undefined;
      // the kept columns summed in ascending j (the reference's full sum with the others zeroed)
      b = known !== undefined && !Number.isNaN(known) ? known : topKReadoutBpc(model, h, data, T, [...cols].sort((x, y) => x - y), [cols.length])[0];
      bpcCache.set(k2, b);
    }
    return b;
  };
  const allCols = indices(H);
  const fullWx = { w: Wx, zeroed: 0 };
  const fullWh = { w: Wh, zeroed: 0 };

  const whPrune: PruneRow[] = PRUNE_THRESHOLDS.map((thr) => {
    const p = thr === 0 ? fullWh : pruneBelow(Wh, thr);
    const h = getTraj(fullWx, p);
    return { thr, zeroed: p.zeroed, pctZeroed: (100 * p.zeroed) / (H * H), bpc: evalBpc(`0|${p.zeroed}`, h, allCols) };
  });
  const wxPrune: PruneRow[] = PRUNE_THRESHOLDS.map((thr) => {
    const p = thr === 0 ? fullWx : pruneBelow(Wx, thr);
    const h = getTraj(p, fullWh);
    return { thr, zeroed: p.zeroed, pctZeroed: (100 * p.zeroed) / (256 * H), bpc: evalBpc(`${p.zeroed}|0`, h, allCols) };
  });

  const gridRow = (k: number, thr: number): GridRow => {
    const kk = Math.min(k, H);
    const p = thr === 0 ? fullWh : pruneBelow(Wh, thr);
    const h = getTraj(fullWx, p);
    const cols = kk === H ? allCols : order.slice(0, kk);
    const kept = H * H - p.zeroed;
    return {
      k: kk,
      thr,
      wyPctKept: (100 * kk) / H,
      whPctKept: (100 * kept) / (H * H),
      bpc: evalBpc(`0|${p.zeroed}`, h, kk === H ? allCols : [...cols].sort((a, b) => a - b)),
      params: toolParams(H, kk, kept).total,
      liveParams: liveParams(H, cols, p.w),
    };
  };
  const combined: GridRow[] = [];
  for (const k of GRID_K) for (const thr of GRID_THR) combined.push(gridRow(k === 128 ? H : k, thr));

  // |W_h| distribution.
  const abs = Float32Array.from(Wh, (v) => Math.abs(v)).sort();
  const N = abs.length;
  const whDist = [10, 25, 50, 75, 90, 95, 99].map((p) => ({ p, v: abs[Math.floor((p * N) / 100)] }));
  let s = 0;
  for (let k = 0; k < N; k++) s += abs[k];

  const rk = Math.min(REDUX_K, H);
  const rp = pruneBelow(Wh, REDUX_THR);
  const rc = toolParams(H, rk, H * H - rp.zeroed);
  const reduxBpc = evalBpc(`0|${rp.zeroed}`, getTraj(fullWx, rp), rk === H ? allCols : order.slice(0, rk).sort((a, b) => a - b));

  const result: ReduxResult = {
    H,
    T,
    baseline,
    delta,
    order,
    whPrune,
    wxPrune,
    combined,
    whDist,
    whMin: abs[0],
    whMax: abs[N - 1],
    whMean: s / N,
    fullParams: 256 * H + H * H + H + 256 * H + 256,
    redux: { ...rc, thr: REDUX_THR, bpc: reduxBpc },
  };

  if (opts.grid) result.grid = interactiveGrid(run, order, opts.grid.k, opts.grid.thr, getTraj);
  if (opts.fractions) result.fractionCurves = fractionCurves(run, opts.fractions, traj);
  return result;
}

/** k × thr grid with the readout built incrementally in importance order (sums in that order, not j order). */
function interactiveGrid(
  run: Run,
  order: number[],
  ks: number[],
  thrs: number[],
  getTraj: (wx: { w: Float32Array; zeroed: number }, wh: { w: Float32Array; zeroed: number }) => Float32Array,
): GridRow[] {
  const { model, data, trace } = run;
  const { H, Wx, Wh } = model;
  const T = trace.T;
  const kset = [...new Set(ks.map((k) => Math.max(1, Math.min(H, k))))].sort((a, b) => a - b);
  const rows: GridRow[] = [];
  for (const thr of thrs) {
    const p = thr === 0 ? { w: Wh, zeroed: 0 } : pruneBelow(Wh, thr);
    const h = getTraj({ w: Wx, zeroed: 0 }, p);
    const kept = H * H - p.zeroed;
    const bpc = topKReadoutBpc(model, h, data, T, order, kset);
    kset.forEach((k, i) =>
      rows.push({
        k,
        thr,
        wyPctKept: (100 * k) / H,
        whPctKept: (100 * kept) / (H * H),
        bpc: bpc[i],
        params: toolParams(H, k, kept).total,
        liveParams: liveParams(H, order.slice(0, k), p.w),
      }),
    );
  }
  return rows;
}

/**
 * Zero the smallest pct% (by |w|, ties by index) of W_h or W_x and re-run; one trajectory each.
 * `traj` holds trajectories already run, keyed by "W_x zeroed|W_h zeroed" (redux's getTraj): a
 * fraction that zeroes as many entries as a threshold did zeroes the same ones (both are prefixes
 * of the |w| order), e.g. the interactive grid's |W_h| quantiles at 10, 25, 50, 90 and 99 %.
 */
export function fractionCurves(run: Run, pcts: number[], traj = new Map<string, { h: Float32Array; bpc: number }>()): NonNullable<ReduxResult["fractionCurves"]> {
  const { model, data, trace } = run;
  const { H } = model;
  const T = trace.T;
  const out: NonNullable<ReduxResult["fractionCurves"]> = [];
  for (const matrix of ["Wh", "Wx"] as const) {
    const W = model[matrix];
    const idx = Array.from(W.keys()).sort((a, b) => Math.abs(W[a]) - Math.abs(W[b]) || a - b);
    for (const pct of pcts) {
      const zeroed = Math.floor((pct * W.length) / 100);
      const w = Float32Array.from(W);
      for (let q = 0; q < zeroed; q++) w[idx[q]] = 0;
      let bpc = trace.bpc;
      if (zeroed > 0) {
        const key = matrix === "Wx" ? `${zeroed}|0` : `0|${zeroed}`;
        let r = traj.get(key);
        if (!r) traj.set(key, (r = trajectoryBpc(model, data, matrix === "Wx" ? w : model.Wx, matrix === "Wh" ? w : model.Wh)));
        bpc = Number.isNaN(r.bpc) ? topKReadoutBpc(model, r.h, data, T, indices(H), [H])[0] : r.bpc;
      }
      out.push({ matrix, pct, zeroed, thr: zeroed > 0 ? Math.abs(W[idx[zeroed - 1]]) : 0, bpc });
    }
  }
  return out;
}
