/**
 * Q1 §B (`q1_boolean`): W_h sign structure, per-neuron table, single-bit and input-byte
 * sensitivity, sign-only dynamics bpc and unique sign vectors — plus derived checks the paper's
 * "tanh ≡ sgn" theorem needs (one-step and free-running Boolean vs f32 sign agreement, f32 sign
 * uniqueness, flips per neuron) and X2 (zero-mantissa dynamics).
 * Units: bpc = bits per character (log2). Positions count from 0; prediction t reads data[t]
 * and targets data[t+1].
 */
import type { Run } from "../../io.ts";
import { bitsOf, fromBits, tanhf } from "../../f32.ts";
import { type Model, VOCAB } from "../../model.ts";
import { bitsFromLogits, readoutLogits } from "../../rnn.ts";
import { derived } from "../../derived.ts";
import { absRowSums, bstep, hamming, spinLogits } from "./bool.ts";

const f32 = Math.fround;

export interface NeuronRow {
  i: number;
  fanIn: number;
  bias: number;
  threshold: number;
  argmaxJ: number;
  maxWh: number;
}

export interface BooleanResult {
  H: number;
  signs: { positive: number; negative: number; nearZero: number; meanPositive: number; meanNegativeAbs: number };
  neurons: NeuronRow[];
  meanFanIn: number;
  /** Position whose Boolean-dynamics state is probed (42, or n−2 if the corpus is shorter). */
  probeT: number;
  probeState: Uint8Array;
  /** changes_j and most_affected_j for flipping bit j (§B3). */
  flipChanges: Int32Array;
  flipMostAffected: Int32Array;
  meanSensitivity: number;
  byteChanges: Int32Array;
  byteMin: number;
  byteMax: number;
  byteMean: number;
  /** §B5 sign-only dynamics from all spins −1. */
  signDynamicsBpc: number;
  signDynamicsBits: Float64Array;
  meanFlips: number;
  /** Boolean-dynamics trajectory σ_0..σ_{T−1}, T×H bits. */
  boolTraj: Uint8Array;
  uniqueStates: number;
  T: number;
  stateEntropy: number;
  derived: {
    /** Fraction of neuron-steps where bstep(sign h_t, data[t+1]) equals sign h_{t+1}, t = 0..T−2. */
    oneStepAgreement: number;
    /** Fraction of neuron-steps where the free-running Boolean state equals sign h_t. */
    freeRunAgreement: number;
    /** Distinct sign vectors of the f32 trajectory. */
    f32UniqueSigns: number;
    /** Sign flips of each neuron along the f32 trajectory (t = 1..T−1). */
    flipsPerNeuron: Int32Array;
    meanFlipsF32: number;
  };
}

/** 64-bit polynomial hash H = H·31 + bit (mod 2^64), as §B6, on two exact 32-bit halves. */
function hash64(s: Uint8Array, off: number, H: number): string {
  let lo = 0, hi = 0;
  for (let j = 0; j < H; j++) {
    const p = lo * 31 + s[off + j]; // < 2^37: exact in a double
    const carry = Math.floor(p / 4294967296);
    lo = p >>> 0;
    hi = (Math.imul(hi, 31) + carry) >>> 0;
  }
  return hi.toString(36) + ":" + lo.toString(36);
}

export interface BooleanOptions {
  /** Compute the derived agreement / uniqueness / flip checks (default true; the printout skips them). */
  derived?: boolean;
}

export function analyzeBoolean(run: Run, opts: BooleanOptions = {}): BooleanResult {
  const { model, data } = run;
  const { H, Wh, Wx, bh } = model;
  const T = run.trace.T;
  const n = data.length;
  // B1
  const thr = f32(0.001);
  let positive = 0, negative = 0, nearZero = 0, sumPos = 0, sumNeg = 0;
  for (let k = 0; k < H * H; k++) {
    const w = Wh[k];
    if (w > thr) { positive++; sumPos += w; }
    else if (w < -thr) { negative++; sumNeg += Math.abs(w); }
    else nearZero++;
  }
  // B2
  const S = absRowSums(model);
  const neurons: NeuronRow[] = [];
  let fanSum = 0;
  const t01 = f32(0.1);
  for (let i = 0; i < H; i++) {
    let fan = 0, maxWh = -1, arg = -1, maxWx = 0;
    for (let j = 0; j < H; j++) {
      const a = Math.abs(Wh[i * H + j]);
      if (a > t01) fan++;
      if (a > maxWh) { maxWh = a; arg = j; }
    }
    for (let x = 0; x < VOCAB; x++) maxWx = Math.max(maxWx, Math.abs(Wx[i * VOCAB + x]));
    fanSum += fan;
    neurons.push({ i, fanIn: fan, bias: bh[i], threshold: f32(f32(bh[i] + maxWx) / S[i]), argmaxJ: arg, maxWh });
  }
  const meanFanIn = f32(fanSum / H);
  // B3: Boolean dynamics from all zeros through data[0..probeT]
  const probeT = Math.max(0, Math.min(42, n - 2));
  let s = new Uint8Array(H);
  let nx = new Uint8Array(H);
  for (let t = 0; t <= probeT; t++) { bstep(model, s, data[t], nx); [s, nx] = [nx, s]; }
  const probeState = s.slice();
  const xNext = data[probeT + 1];
  const base = new Uint8Array(H);
  bstep(model, probeState, xNext, base);
  const flipChanges = new Int32Array(H);
  const flipMostAffected = new Int32Array(H);
  const tmp = new Uint8Array(H);
  const fl = probeState.slice();
  let chSum = 0;
  for (let j = 0; j < H; j++) {
    fl[j] ^= 1;
    bstep(model, fl, xNext, tmp);
    fl[j] ^= 1;
    let c = 0, last = -1;
    for (let i = 0; i < H; i++) if (tmp[i] !== base[i]) { c++; last = i; }
    flipChanges[j] = c;
    flipMostAffected[j] = last;
    chSum += c;
  }
  const meanSensitivity = f32(chSum / H);
  // B4
  const byteChanges = new Int32Array(VOCAB);
  let bmin = 128, bmax = 0, bsum = 0;
  for (let x = 0; x < VOCAB; x++) {
    bstep(model, probeState, x, tmp);
    const c = hamming(base, tmp);
    byteChanges[x] = c;
    if (c < bmin) bmin = c;
    if (c > bmax) bmax = c;
    bsum += c;
  }
  // B5 + B6
  const boolTraj = new Uint8Array(T * H);
  const logits = new Float64Array(VOCAB);
  const signDynamicsBits = new Float64Array(T);
  let prev = new Uint8Array(H);
  let flips = 0, bitsSum = 0;
  for (let t = 0; t < T; t++) {
    const cur = boolTraj.subarray(t * H, (t + 1) * H);
    bstep(model, prev, data[t], cur);
    flips += hamming(cur, prev);
    spinLogits(model, cur, logits);
    const b = bitsFromLogits(logits, data[t + 1]);
    signDynamicsBits[t] = b;
    bitsSum += b;
    prev = cur;
  }
  const seen = new Set<string>();
  for (let t = 0; t < T; t++) seen.add(hash64(boolTraj, t * H, H));
  // derived
  const doDerived = opts.derived ?? true;
  const D = doDerived ? derived(run.trace) : null;
  const sig = D ? D.signs : new Uint8Array(0);
  let agree1 = 0, tot1 = 0;
  for (let t = 0; doDerived && t + 1 < T; t++) {
    bstep(model, sig.subarray(t * H, (t + 1) * H), data[t + 1], tmp);
    for (let i = 0; i < H; i++) { tot1++; if (tmp[i] === sig[(t + 1) * H + i]) agree1++; }
  }
  let agreeF = 0;
  if (doDerived) for (let k = 0; k < T * H; k++) if (boolTraj[k] === sig[k]) agreeF++;
  const seenF = new Set<string>();
  if (doDerived) for (let t = 0; t < T; t++) seenF.add(sig.subarray(t * H, (t + 1) * H).join(""));
  const flipsPerNeuron = D ? Int32Array.from(D.flips) : new Int32Array(H);
  let fTot = 0;
  for (let i = 0; i < H; i++) fTot += flipsPerNeuron[i];
  return {
    H,
    signs: { positive, negative, nearZero, meanPositive: positive ? sumPos / positive : 0, meanNegativeAbs: negative ? sumNeg / negative : 0 },
    neurons,
    meanFanIn,
    probeT,
    probeState,
    flipChanges,
    flipMostAffected,
    meanSensitivity,
    byteChanges,
    byteMin: bmin,
    byteMax: bmax,
    byteMean: bsum / 256,
    signDynamicsBpc: bitsSum / T,
    signDynamicsBits,
    meanFlips: f32(flips / T),
    boolTraj,
    uniqueStates: seen.size,
    T,
    stateEntropy: Math.log2(seen.size),
    derived: {
      oneStepAgreement: tot1 ? agree1 / tot1 : NaN,
      freeRunAgreement: agreeF / (T * H),
      f32UniqueSigns: seenF.size,
      flipsPerNeuron,
      meanFlipsF32: T > 1 ? fTot / (T - 1) : 0,
    },
  };
}

export interface ZeroMantissaResult {
  /** X2: bpc of the f32 recurrence with every h_t[j]'s 23 mantissa bits cleared after each step. */
  bpc: number;
  bits: Float64Array;
  /** Neuron-steps whose sign differs from the full f32 run, and the total. */
  signDiffs: number;
  neuronSteps: number;
}

/** X2 (spec README): zero-mantissa dynamics — state carried forward and read out with mantissas cleared. */
export function zeroMantissaDynamics(run: Run): ZeroMantissaResult {
  const { model, data } = run;
  const { H, Wh, Wx, bh } = model;
  const T = run.trace.T;
  const hf = run.trace.h;
  let h = new Float32Array(H);
  let hn = new Float32Array(H);
  const logits = new Float64Array(VOCAB);
  const bits = new Float64Array(T);
  let sum = 0, diffs = 0;
  for (let t = 0; t < T; t++) {
    const x = data[t];
    for (let i = 0; i < H; i++) {
      let acc = f32(bh[i] + Wx[i * VOCAB + x]);
      const row = i * H;
      for (let j = 0; j < H; j++) acc = f32(acc + f32(Wh[row + j] * h[j]));
      const v = tanhf(acc);
      const z = fromBits(bitsOf(v) & 0xff800000);
      hn[i] = z;
      if ((z >= 0) !== (hf[t * H + i] >= 0)) diffs++;
    }
    readoutLogits(model, hn, logits);
    bits[t] = bitsFromLogits(logits, data[t + 1]);
    sum += bits[t];
    [h, hn] = [hn, h];
  }
  return { bpc: sum / T, bits, signDiffs: diffs, neuronSteps: T * H };
}

export type { Model };
