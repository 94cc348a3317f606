/**
 * Derived views of a run's trace, computed once per trace and shared by every chapter that reads
 * them (the loaders, the neuron pages, the text view, the Arrow tables): sign bits, flips, dwell
 * gaps, per-position and per-neuron margins, and the argmax predictions.
 *
 * Conventions (the spec's): positions t = 0 … T−1 (h_t is the state after data[t], predicting
 * data[t+1]); sign bit = h ≥ 0 (−0 gives 1, spec §C6); a flip of neuron j at t means t ≥ 1 and
 * sign(h_t[j]) ≠ sign(h_{t−1}[j]) (Q4.1); the margin of neuron j at t is |z_t[j]| (Q1 §M1,
 * float32 pre-activation); a dwell gap is the distance between consecutive flips of one neuron
 * (X5). "< 0.1" compares the float32 margin with the double 0.1, which is the same test as
 * with f32(0.1) (no float32 lies between the two).
 *
 * Every accumulation keeps the order and precision its consumers always used, so their outputs
 * are unchanged: double sums in t order per neuron, double and float32 sums in neuron order per
 * position.
 */
import { VOCAB } from "./model.ts";
import type { Trace } from "./rnn.ts";

const f32 = Math.fround;

export interface PositionMargins {
  /** min_i |z_t[i]| and the first neuron reaching it. */
  min: Float32Array;
  argmin: Int32Array;
  /** Mean margin over neurons: double sum / H, and the float32 running sum / H (Q1 §M1's). */
  mean: Float64Array;
  meanF32: Float32Array;
  /** Neurons with margin < 1 and < 0.1. */
  below1: Int32Array;
  below01: Int32Array;
}

export interface NeuronMargins {
  /** Double sum of |z_t[j]| in t order, minimum, first t reaching it, positions < 1 and < 0.1. */
  sum: Float64Array;
  min: Float32Array;
  minT: Int32Array;
  below1: Int32Array;
  below01: Int32Array;
}

export interface Predictions {
  /** argmax_o P_t[o] (the first on ties), its probability, and the probability of the true next byte. */
  top: Int32Array;
  pTop: Float64Array;
  pTrue: Float64Array;
}

export interface Derived {
  H: number;
  T: number;
  /** T×H sign bits, row t: 1 when h_t[j] ≥ 0. */
  signs: Uint8Array;
  /** T×H: 1 when neuron j flips at t (never at t = 0). */
  flipAt: Uint8Array;
  /** Flips per neuron and per position. */
  flips: Int32Array;
  flipsPerT: Int32Array;
  /** Positives per neuron (h ≥ 0). */
  positives: Int32Array;
  /** Dwell gaps per neuron: how many and their sum (mean dwell = sum / count, X5). */
  dwellCount: Int32Array;
  dwellSum: Float64Array;
  positionMargins: PositionMargins;
  neuronMargins: NeuronMargins;
  predictions: Predictions;
}

const cache = new WeakMap<Trace, Derived>();

/** The derived views of `trace`, computed on first use and then shared. */
export function derived(trace: Trace): Derived {
  let d = cache.get(trace);
  if (!d) {
    d = computeDerived(trace);
    cache.set(trace, d);
  }
  return d;
}

/** How many times computeDerived has run in this process (tests count it to prove "once"). */
export let derivedComputations = 0;

function computeDerived(trace: Trace): Derived {
  derivedComputations++;
  const { H, T, h, z, probs, data } = trace;
  const signs = new Uint8Array(T * H);
  const flipAt = new Uint8Array(T * H);
  const flips = new Int32Array(H);
  const flipsPerT = new Int32Array(T);
  const positives = new Int32Array(H);
  const lastFlip = new Int32Array(H).fill(-1);
  const dwellCount = new Int32Array(H);
  const dwellSum = new Float64Array(H);
  const pm: PositionMargins = {
    min: new Float32Array(T),
    argmin: new Int32Array(T),
    mean: new Float64Array(T),
    meanF32: new Float32Array(T),
    below1: new Int32Array(T),
    below01: new Int32Array(T),
  };
  const nm: NeuronMargins = {
    sum: new Float64Array(H),
    min: new Float32Array(H).fill(Infinity),
    minT: new Int32Array(H),
    below1: new Int32Array(H),
    below01: new Int32Array(H),
  };
  for (let t = 0; t < T; t++) {
    const o = t * H;
    let mn = Infinity;
    let am = 0;
    let s = 0;
    let sf = 0;
    let c1 = 0;
    let c01 = 0;
    let nf = 0;
    for (let j = 0; j < H; j++) {
      const bit = h[o + j] >= 0 ? 1 : 0;
      signs[o + j] = bit;
      if (bit) positives[j]++;
      if (t >= 1 && bit !== signs[o - H + j]) {
        flipAt[o + j] = 1;
        flips[j]++;
        nf++;
        if (lastFlip[j] >= 0) {
          dwellCount[j]++;
          dwellSum[j] += t - lastFlip[j];
        }
        lastFlip[j] = t;
      }
      const m = Math.abs(z[o + j]);
      if (m < mn) {
        mn = m;
        am = j;
      }
      s += m;
      sf = f32(sf + m);
      if (m < 1) {
        c1++;
        nm.below1[j]++;
      }
      if (m < 0.1) {
        c01++;
        nm.below01[j]++;
      }
      nm.sum[j] += m;
      if (m < nm.min[j]) {
        nm.min[j] = m;
        nm.minT[j] = t;
      }
    }
    pm.min[t] = mn;
    pm.argmin[t] = am;
    pm.mean[t] = s / H;
    pm.meanF32[t] = f32(sf / H);
    pm.below1[t] = c1;
    pm.below01[t] = c01;
    flipsPerT[t] = nf;
  }
  const top = new Int32Array(T);
  const pTop = new Float64Array(T);
  const pTrue = new Float64Array(T);
  for (let t = 0; t < T; t++) {
    const o = t * VOCAB;
    let best = 0;
    for (let b = 1; b < VOCAB; b++) if (probs[o + b] > probs[o + best]) best = b;
    top[t] = best;
    pTop[t] = probs[o + best];
    pTrue[t] = probs[o + data[t + 1]];
  }
  return {
    H,
    T,
    signs,
    flipAt,
    flips,
    flipsPerT,
    positives,
    dwellCount,
    dwellSum,
    positionMargins: pm,
    neuronMargins: nm,
    predictions: { top, pTop, pTrue },
  };
}
