/**
 * Q2 — offset profile (spec Q2–Q5 §Q2). For test position t and depth d, the byte consumed d steps
 * before data[t] is perturbed (XOR 0x80) and the recurrence re-run from the stored h_{t−d−1} up to
 * h′_t; sign changes (σ(h) = h ≥ 0) and output KL(P_t ‖ P′_t) in bits are measured.
 *
 * Offset convention: depth d counts back from the last consumed byte data[t] (d = 1 is data[t−1]),
 * so depth d is distance d + 1 from the predicted byte data[t+1]. The skip-gram offsets δ of the
 * paper count from the predicted byte (δ = 1 is data[t]): d = δ − 1. The reference compares d = δ.
 */
import type { Run } from "../../io.ts";
import { kernelFor } from "../../kernel.ts";
import { readoutLogits, softmax, step } from "../../rnn.ts";

export const REFERENCE_POSITIONS = [42, 60, 80, 100, 120, 150, 200, 250, 300, 350, 400, 450, 500];
export const MAX_DEPTH = 30;
export const MI_GREEDY_REFERENCE = [1, 3, 8, 20];
export const FACTOR_PAIR = [1, 7];

export interface OffsetsOptions {
  /** Test positions (default: the reference list, those with t < T; see `positionsNote`). */
  positions?: number[];
  maxDepth?: number;
}

export interface OffsetsResult {
  H: number;
  T: number;
  D: number;
  /** Test positions used. */
  positions: number[];
  /** Why the positions differ from the reference list, if they do. */
  positionsNote: string | null;
  /** c[t_index*D + (d−1)]: sign changes; −1 where t − d < 0 (pair not used). */
  changes: Int32Array;
  /** KL(P ‖ P′) in bits, same layout (NaN where unused). */
  kl: Float64Array;
  /** Samples per depth (pairs with t − d ≥ 0). */
  samples: Int32Array;
  /** Mean sign changes and mean KL (bits) per depth d = 1..D (index d−1): sum / samples. */
  meanChanges: Float64Array;
  meanKl: Float64Array;
  /** N[j*D + (d−1)]: number of test positions at which neuron j changed sign at depth d. */
  N: Int32Array;
  /** Per test position, the cells j*D + (d−1) of N it counted: N is their sum over positions, so a
   *  bootstrap over positions can rebuild N (and the dominant depths) for any resample. */
  flipsAt: number[][];
  /** Dominant depth per neuron: argmax_d N[j][d], ties to the smallest d (all-zero → 1). */
  dom: Int32Array;
  total: Int32Array;
  /** hist[d] = neurons with dom = d (index d, 0 unused). */
  hist: Int32Array;
  /** Grand total of sign changes over all (t, d). */
  grand: number;
  /** Sum over t of c(t, d), per depth (index d−1). */
  sumChanges: Int32Array;
}

export function offsets(run: Run, opts: OffsetsOptions = {}): OffsetsResult {
  const { model, trace, data } = run;
  const { H } = model;
  const T = trace.T;
  const D = opts.maxDepth ?? MAX_DEPTH;
  let positions = opts.positions ?? REFERENCE_POSITIONS.filter((t) => t < T);
  let positionsNote: string | null = null;
  if (!opts.positions && positions.length < REFERENCE_POSITIONS.length) {
    if (positions.length === 0) {
      // Short corpus: none of the reference positions exist; use up to 13 evenly spaced ones.
      const n = Math.min(13, T);
      positions = [...new Set(Array.from({ length: n }, (_, k) => Math.min(T - 1, Math.round(((k + 1) * (T - 1)) / n))))];
      positionsNote = `the corpus has only ${T} predictions, so the reference positions (42 … 500) do not exist; using ${positions.length} evenly spaced positions instead`;
    } else {
      positionsNote = `only ${positions.length} of the 13 reference positions lie inside the ${T} predictions`;
    }
  }
  const P = positions.length;
  const changes = new Int32Array(P * D).fill(-1);
  const kl = new Float64Array(P * D).fill(NaN);
  const samples = new Int32Array(D);
  const N = new Int32Array(H * D);
  const flipsAt: number[][] = Array.from({ length: P }, () => []);
  const sumChanges = new Int32Array(D);
  const sumKl = new Float64Array(D);
  const h = trace.h;
  const probs = trace.probs;
  // The re-runs use the model's wasm SIMD kernel, stepping its state `h` in place (ours until we
  // return), else the scalar `step`; both are bit-identical to the stored trace's recurrence.
  const kernel = kernelFor(model);
  let cur: Float32Array = kernel ? kernel.h : new Float32Array(H);
  let nxt: Float32Array = new Float32Array(H);
  const z = new Float32Array(H);
  const logits = new Float64Array(256);
  const Pp = new Float64Array(256);
  for (let pi = 0; pi < P; pi++) {
    const t = positions[pi];
    for (let d = 1; d <= D; d++) {
      const s = t - d;
      if (s < 0) continue;
      // h_{s−1}: stored row, or zeros at s = 0.
      if (s === 0) cur.fill(0);
      else cur.set(h.subarray((s - 1) * H, s * H));
      for (let u = s; u <= t; u++) {
        const x = u === s ? data[u] ^ 0x80 : data[u];
        if (kernel) {
          kernel.preact(x);
          kernel.activate(); // cur (= kernel.h) ← the next state
        } else {
          step(model, cur, x, z, nxt);
          const tmp = cur;
          cur = nxt;
          nxt = tmp;
        }
        if (u < t) {
          // Once the perturbed state equals the stored one exactly, the rest of the run is identical.
          let eq = true;
          for (let j = 0; j < H && eq; j++) eq = cur[j] === h[u * H + j];
          if (eq) {
            cur.set(h.subarray(t * H, (t + 1) * H));
            break;
          }
        }
      }
      const base = t * H;
      let c = 0;
      for (let j = 0; j < H; j++) {
        if (cur[j] >= 0 !== h[base + j] >= 0) {
          c++;
          N[j * D + d - 1]++;
          flipsAt[pi].push(j * D + d - 1);
        }
      }
      if (kernel) kernel.readout();
      softmax(kernel ? kernel.logits : readoutLogits(model, cur, logits), Pp);
      let k = 0;
      for (let o = 0; o < 256; o++) {
        const p = probs[t * 256 + o];
        const q = Pp[o];
        if (p > 1e-30 && q > 1e-30) k += p * Math.log2(p / q);
      }
      changes[pi * D + d - 1] = c;
      kl[pi * D + d - 1] = k;
      samples[d - 1]++;
      sumChanges[d - 1] += c;
      sumKl[d - 1] += k;
    }
  }
  const meanChanges = new Float64Array(D);
  const meanKl = new Float64Array(D);
  for (let d = 0; d < D; d++) {
    meanChanges[d] = samples[d] ? sumChanges[d] / samples[d] : 0;
    meanKl[d] = samples[d] ? sumKl[d] / samples[d] : 0;
  }
  const { dom, total, hist } = dominantDepths(N, H, D);
  let grand = 0;
  for (let d = 0; d < D; d++) grand += sumChanges[d];
  return { H, T, D, positions, positionsNote, changes, kl, samples, meanChanges, meanKl, N, flipsAt, dom, total, hist, grand, sumChanges };
}

/** Share (%) of all sign changes at the given depths: 100·Σ_{d∈list} Σ_t c(t,d) / G (0 if G = 0). */
/**
 * Each neuron's dominant depth from the counts N (argmax_d N[j][d], ties to the smallest d,
 * all-zero → 1), its total, and the histogram of dominant depths (index d).
 */
export function dominantDepths(N: ArrayLike<number>, H: number, D: number): { dom: Int32Array; total: Int32Array; hist: Int32Array } {
  const dom = new Int32Array(H);
  const total = new Int32Array(H);
  const hist = new Int32Array(D + 1);
  for (let j = 0; j < H; j++) {
    let best = 1;
    let bv = 0;
    let tot = 0;
    for (let d = 1; d <= D; d++) {
      const v = N[j * D + d - 1];
      tot += v;
      if (v > bv) {
        bv = v;
        best = d;
      }
    }
    dom[j] = best;
    total[j] = tot;
    hist[best]++;
  }
  return { dom, total, hist };
}

/** The median of the dominant depths (the mean of the middle two for an even count). */
export function medianDepth(dom: ArrayLike<number>): number {
  const s = Array.from(dom).sort((a, b) => a - b);
  const H = s.length;
  return H % 2 ? s[(H - 1) / 2] : (s[H / 2 - 1] + s[H / 2]) / 2;
}

export function shareAt(r: OffsetsResult, depths: number[]): number {
  if (r.grand === 0) return 0;
  let s = 0;
  for (const d of depths) if (d >= 1 && d <= r.D) s += r.sumChanges[d - 1];
  return (100 * s) / r.grand;
}

/**
 * Corrected comparison: skip-gram offsets δ count from the predicted byte, so they correspond to
 * depth d = δ − 1 here; δ = 1 (d = 0, the byte just consumed) is never perturbed by the tool and
 * is reported as not measurable (excluded from the share).
 */
export function correctedDepths(deltas: number[]): { measured: number[]; unmeasured: number[] } {
  const measured: number[] = [];
  const unmeasured: number[] = [];
  for (const dl of deltas) (dl - 1 >= 1 ? measured : unmeasured).push(dl - 1);
  return { measured, unmeasured };
}
