/**
 * Q6 — per-prediction justification (spec q6-q7 §2).
 *
 * Conventions: positions count from 0; h_t is the state after reading data[t] and predicts the
 * target y = data[t+1]; t = 0 … T−1 with T = n − 1. All bpc/Δ values are in bits (log base 2).
 *
 * - Flip score Δ_j = bpc(y | h_t with h_t[j] negated) − bpc(y | h_t)  (bits; > 0 = the neuron's
 *   current sign supports the true byte). Readout only; not propagated in time.
 * - Kept neurons: the top K (= 5) by |Δ_j|, exchange-sort order.
 * - Hop 1: the neuron's pre-activation terms s_k = f32(Wh[j][k]·h_{t−1}[k]); top 3 by |s_k|.
 * - Hop 2: the first hop-1 source k0, one step further back; single top source.
 */
import type { Run } from "../../io.ts";
import { readoutColumns, VOCAB } from "../../model.ts";
import { fastExp } from "../q3/fast.ts";

const f32 = Math.fround;

/** The reference's 12 sampled positions (kept while t < n − 2). */
export const Q6_POSITIONS = [10, 20, 42, 50, 80, 100, 150, 200, 250, 300, 400, 500];
export const TOP_NEURONS = 5;
export const HOP1_SOURCES = 3;

export function q6Positions(n: number): number[] {
  return Q6_POSITIONS.filter((t) => t < n - 2);
}

export interface Source {
  /** Source neuron index k. */
  k: number;
  /** Signed term f32(Wh[j][k]·h_{t−1}[k]) in pre-activation units. */
  term: number;
}

export interface Hop2 {
  /** The followed hop-1 source (the first one), at state t−1. */
  k0: number;
  /** Its pre-activation at t−1 (rebuilt, float32). */
  z: number;
  /** The input byte x_{t−1}. */
  input: number;
  /** Its single top source at state t−2 (first maximum of |term|, k ascending, from 0). */
  top: Source;
}

export interface KeptNeuron {
  j: number;
  /** +1 if h_t[j] ≥ 0, else −1. */
  sign: number;
  /** h_t[j]. */
  h: number;
  /** Readout share f32(Wy[y][j]·h_t[j]) (logit units, nats-scale logits). */
  share: number;
  /** Flip score Δ_j in bits. */
  delta: number;
  /** Hop 1 (t > 0): rebuilt pre-activation z_j, bias bh[j], input weight Wx[j][x_t], top sources. */
  z?: number;
  bias?: number;
  wx?: number;
  sources?: Source[];
  /** Hop 2 (t > 1). */
  hop2?: Hop2;
}

export interface Justification {
  t: number;
  /** Input x_t and target y = data[t+1]. */
  input: number;
  y: number;
  /** P(y | h_t) and bpc(y | h_t) in bits. */
  pTrue: number;
  bpc: number;
  /** The 5 most probable bytes, descending, ties to the smaller byte. */
  top: { byte: number; p: number }[];
  /** Kept neurons in rank order (rank 0 = driver). */
  neurons: KeptNeuron[];
  /** Top-1 byte, its probability and −log2 of it (the printout's "bpc="). */
  predicted: number;
  pPredicted: number;
  correct: boolean;
}

/** Bits of y after a softmax of `l` (double, max-subtracted, 1e−30 clamp). */
function bitsOf(l: Float64Array, y: number): number {
  let M = -1e30;
  for (let o = 0; o < VOCAB; o++) if (l[o] > M) M = l[o];
  let S = 0;
  for (let o = 0; o < VOCAB; o++) S += Math.exp(l[o] - M);
  const p = Math.exp(l[y] - M) / S;
  return -Math.log2(p > 1e-30 ? p : 1e-30);
}

/**
 * Flip scores for every neuron at position t by a rank-one update of the stored logits:
 * ℓ'_o = ℓ_o − 2·f32(Wy[o][j]·h_j). Agrees with full recomputation to ~1e−14 bits (used for
 * ranking and for the all-positions table). `out` receives H values (bits).
 */
export function flipDeltasFast(run: Run, t: number, out: Float64Array, scratch: Float64Array = new Float64Array(VOCAB)): Float64Array {
  const { model, trace } = run;
  const H = model.H;
  const cols = readoutColumns(model);
  const y = run.data[t + 1];
  const lg = trace.logits;
  const hs = trace.h;
  const base = trace.bits[t];
  const lo = t * VOCAB;
  const ho = t * H;
  const exp = fastExp;
  const log2 = Math.log2;
  for (let j = 0; j < H; j++) {
    const hj = hs[ho + j];
    const c = j * VOCAB;
    let M = -1e30;
    for (let o = 0; o < VOCAB; o++) {
      const v = lg[lo + o] - 2 * f32(cols[c + o] * hj);
      scratch[o] = v;
      if (v > M) M = v;
    }
    let S = 0;
    for (let o = 0; o < VOCAB; o++) S += exp(scratch[o] - M);
    const p = exp(scratch[y] - M) / S;
    out[j] = -log2(p > 1e-30 ? p : 1e-30) - base;
  }
  return out;
}

/** The kept neurons (top TOP_NEURONS by |Δ|, rank order) and their rank-one flip scores at every position. */
export interface FlipRanking {
  K: number;
  neuron: Int16Array;
  delta: Float64Array;
}

/**
 * H flip scores per position (H·T softmaxes) are the cost of justifying every prediction, and the
 * Q6 routing (justifyAll) and the per-position trees (data-loaders/justify.ts) both need them:
 * computed once per Run.
 */
const rankingMemo = new WeakMap<Run, FlipRanking>();
export function flipRanking(run: Run): FlipRanking {
  let r = rankingMemo.get(run);
  if (r) return r;
  const H = run.model.H;
  const T = run.trace.T;
  const K = Math.min(TOP_NEURONS, H);
  const neuron = new Int16Array(T * K);
  const delta = new Float64Array(T * K);
  const d = new Float64Array(H);
  const scratch = new Float64Array(VOCAB);
  for (let t = 0; t < T; t++) {
    flipDeltasFast(run, t, d, scratch);
    const kept = rankByAbs(d, K);
    for (let r = 0; r < K; r++) {
      neuron[t * K + r] = kept[r];
      delta[t * K + r] = d[kept[r]];
    }
  }
  rankingMemo.set(run, (r = { K, neuron, delta }));
  return r;
}

/** Exact flip score (all logits recomputed in reference order, §1.4). */
export function flipDeltaExact(run: Run, t: number, j: number): number {
  const { model, trace } = run;
  const { H, Wy, by } = model;
  const h = trace.h.subarray(t * H, (t + 1) * H);
  const l = new Float64Array(VOCAB);
  for (let o = 0; o < VOCAB; o++) {
    let acc = by[o];
    const r = o * H;
    for (let k = 0; k < H; k++) acc += f32(Wy[r + k] * (k === j ? -h[k] : h[k]));
    l[o] = acc;
  }
  return bitsOf(l, run.data[t + 1]) - trace.bits[t];
}

/** Exchange-sort ranking by |Δ| (strictly larger moves up); the first K slots. */
export function rankByAbs(delta: ArrayLike<number>, K: number): number[] {
  const H = delta.length;
  const idx = Array.from({ length: H }, (_, i) => i);
  const top = Math.min(K, H);
  for (let a = 0; a < top; a++) {
    for (let b = a + 1; b < H; b++) {
      if (Math.abs(delta[idx[b]]) > Math.abs(delta[idx[a]])) {
        const tmp = idx[a];
        idx[a] = idx[b];
        idx[b] = tmp;
      }
    }
  }
  return idx.slice(0, top);
}

/** The terms f32(Wh[j][k]·h_prev[k]) and the rebuilt pre-activation of neuron j. */
function terms(run: Run, j: number, x: number, hPrev: Float32Array | null, out: Float64Array): number {
  const { H, Wh, Wx, bh } = run.model;
  let z = f32(bh[j] + Wx[j * VOCAB + x]);
  for (let k = 0; k < H; k++) {
    const s = hPrev ? f32(Wh[j * H + k] * hPrev[k]) : 0;
    out[k] = s;
    z = f32(z + s);
  }
  return z;
}

/** Top-m indices by |term|, descending, ties to the smaller k (repeated strict argmax). */
function topSources(s: Float64Array, H: number, m: number): Source[] {
  const used = new Uint8Array(H);
  const out: Source[] = [];
  for (let r = 0; r < Math.min(m, H); r++) {
    let best = -1;
    let bv = -1;
    for (let k = 0; k < H; k++) {
      if (used[k]) continue;
      const a = Math.abs(s[k]);
      if (a > bv) {
        bv = a;
        best = k;
      }
    }
    used[best] = 1;
    out.push({ k: best, term: s[best] });
  }
  return out;
}

/** Hop-2 single top source: scan k ascending from value 0 at k = 0, replace on strictly larger. */
function firstMax(s: Float64Array, H: number): Source {
  let best = 0;
  let bv = 0;
  for (let k = 0; k < H; k++) {
    const a = Math.abs(s[k]);
    if (a > bv) {
      bv = a;
      best = k;
    }
  }
  return { k: best, term: s[best] };
}

/**
 * The k with the largest |f32(Wh[row][k]·h[off + k])|, the first on ties, 0 when every term is 0
 * (as firstMax, without building the term array: justifyAll calls it twice per kept neuron).
 */
function strongestTerm(Wh: Float32Array, row: number, h: Float32Array, off: number, H: number): number {
  let best = 0;
  let bv = 0;
  for (let k = 0; k < H; k++) {
    const a = Math.abs(f32(Wh[row * H + k] * h[off + k]));
    if (a > bv) {
      bv = a;
      best = k;
    }
  }
  return best;
}

export interface JustifyOptions {
  /** How many neurons to keep (default 5). */
  keep?: number;
  /** Recompute the kept neurons' Δ exactly (full readout) instead of the rank-one value. Default true. */
  exact?: boolean;
  /** Scratch buffer for flip scores (length H), to avoid allocation in loops. */
  deltas?: Float64Array;
  /** Take the kept neurons and their (rank-one) Δ from flipRanking(run) (for loops over every t). */
  ranked?: boolean;
}

/** The 5 most probable bytes at the row `off` of `probs`, descending, ties to the smaller byte. */
function top5(probs: Float64Array | Float32Array, off: number): { byte: number; p: number }[] {
  const out: { byte: number; p: number }[] = [];
  const taken = new Uint8Array(VOCAB);
  for (let r = 0; r < 5; r++) {
    let best = -1;
    for (let o = 0; o < VOCAB; o++) if (!taken[o] && (best < 0 || probs[off + o] > probs[off + best])) best = o;
    taken[best] = 1;
    out.push({ byte: best, p: probs[off + best] });
  }
  return out;
}

/** The full justification tree for prediction t (0 ≤ t ≤ T−1). */
export function justifyAt(run: Run, t: number, opts: JustifyOptions = {}): Justification {
  const { model, trace, data } = run;
  const H = model.H;
  const T = trace.T;
  if (!(t >= 0 && t < T)) throw new RangeError(`justifyAt: t = ${t} outside 0..${T - 1}`);
  const keep = opts.keep ?? TOP_NEURONS;
  const y = data[t + 1];
  const x = data[t];
  const probs = trace.probs.subarray(t * VOCAB, (t + 1) * VOCAB);
  const top = top5(trace.probs, t * VOCAB);
  let kept: number[];
  let keptDelta: (j: number, r: number) => number;
  const ranking = opts.ranked ? flipRanking(run) : null;
  if (ranking && keep <= ranking.K) {
    kept = Array.from(ranking.neuron.subarray(t * ranking.K, t * ranking.K + keep));
    keptDelta = (_j, r) => ranking.delta[t * ranking.K + r];
  } else {
    const deltas = flipDeltasFast(run, t, opts.deltas ?? new Float64Array(H));
    kept = rankByAbs(deltas, keep);
    keptDelta = (j) => deltas[j];
  }
  const hT = trace.h.subarray(t * H, (t + 1) * H);
  const hPrev = t > 0 ? trace.h.subarray((t - 1) * H, t * H) : null;
  const hPrev2 = t > 1 ? trace.h.subarray((t - 2) * H, (t - 1) * H) : null;
  const buf = new Float64Array(H);
  const neurons: KeptNeuron[] = kept.map((j, r) => {
    const hj = hT[j];
    const n: KeptNeuron = {
      j,
      sign: hj >= 0 ? 1 : -1,
      h: hj,
      share: f32(model.Wy[y * H + j] * hj),
      delta: opts.exact === false || ranking ? keptDelta(j, r) : flipDeltaExact(run, t, j),
    };
    if (t > 0) {
      n.z = terms(run, j, x, hPrev, buf);
      n.bias = model.bh[j];
      n.wx = model.Wx[j * VOCAB + x];
      n.sources = topSources(buf, H, HOP1_SOURCES);
      if (t > 1 && n.sources.length > 0) {
        const k0 = n.sources[0].k;
        const z2 = terms(run, k0, data[t - 1], hPrev2, buf);
        n.hop2 = { k0, z: z2, input: data[t - 1], top: firstMax(buf, H) };
      }
    }
    return n;
  });
  return {
    t,
    input: x,
    y,
    pTrue: probs[y],
    bpc: trace.bits[t],
    top,
    neurons,
    predicted: top[0].byte,
    pPredicted: top[0].p,
    correct: top[0].byte === y,
  };
}

/** The reference sample: justifications at the 12 positions (those with t < n − 2). */
export function q6Justify(run: Run): Justification[] {
  const deltas = new Float64Array(run.model.H);
  return q6Positions(run.data.length).map((t) => justifyAt(run, t, { deltas }));
}

/**
 * Compact justification for every prediction t = 0 … T−1, as flat typed arrays (K = kept count):
 * neuron[t*K+r], delta[t*K+r] (bits, rank-one flip score), src1[t*K+r] (primary hop-1 source, −1
 * at t = 0), src1Term, src2[t*K+r] (hop-2 top source of src1, −1 when t ≤ 1), src2Term, plus
 * per-t predicted byte and its probability.
 */
export interface AllJustifications {
  T: number;
  K: number;
  neuron: Int16Array;
  delta: Float64Array;
  src1: Int16Array;
  src1Term: Float64Array;
  src2: Int16Array;
  src2Term: Float64Array;
  predicted: Uint8Array;
  pPredicted: Float64Array;
}

export function justifyAll(run: Run): AllJustifications {
  const { model, trace } = run;
  const { H, Wh } = model;
  const T = trace.T;
  const { K, neuron, delta } = flipRanking(run);
  const hs = trace.h;
  const probs = trace.probs;
  const src1 = new Int16Array(T * K).fill(-1);
  const src1Term = new Float64Array(T * K);
  const src2 = new Int16Array(T * K).fill(-1);
  const src2Term = new Float64Array(T * K);
  const predicted = new Uint8Array(T);
  const pPredicted = new Float64Array(T);
  for (let t = 0; t < T; t++) {
    let best = 0;
    let bp = -1;
    for (let o = 0; o < VOCAB; o++) {
      const p = probs[t * VOCAB + o];
      if (p > bp) {
        bp = p;
        best = o;
      }
    }
    predicted[t] = best;
    pPredicted[t] = bp;
    for (let r = 0; r < K; r++) {
      const i = t * K + r;
      const j = neuron[i];
      if (t === 0) continue;
      // primary hop-1 source: largest |f32(Wh[j][k]·h_{t−1}[k])|, first maximum
      const k1 = strongestTerm(Wh, j, hs, (t - 1) * H, H);
      src1[i] = k1;
      src1Term[i] = f32(Wh[j * H + k1] * hs[(t - 1) * H + k1]);
      if (t === 1) continue;
      // hop 2: that source's own strongest term at t − 1
      const k2 = strongestTerm(Wh, k1, hs, (t - 2) * H, H);
      src2[i] = k2;
      src2Term[i] = f32(Wh[k1 * H + k2] * hs[(t - 2) * H + k2]);
    }
  }
  return { T, K, neuron, delta, src1, src1Term, src2, src2Term, predicted, pPredicted };
}
