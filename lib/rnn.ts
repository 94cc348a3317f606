/**
 * The float32-faithful forward pass (spec Q1 §C2–C4, Q2–Q5 §0.3–0.5).
 *
 * - Pre-activations: F-sum (float32 accumulator, every addition rounded), j ascending, no FMA.
 * - Nonlinearity: the glibc `tanhf` port.
 * - Readout: logits = by[o] + D-sum_j double(f32(Wy[o][j]·v_j)); softmax and bits in double.
 *
 * Positions count from 0: h_t is the state after reading data[t] (h_{−1} = 0) and predicts
 * data[t+1], so a window of n bytes gives T = n − 1 predictions. Bits are base-2 (bpc).
 */
import { tanhf } from "./f32.ts";
import { kernelFor } from "./kernel.ts";
import { type Model, VOCAB } from "./model.ts";

// A local alias, not the import: tsx's module interop turns imported bindings into getter calls,
// which made the hot loops 10× slower. Hot loops elsewhere should do the same.
const f32 = Math.fround;

/**
 * One synchronous step: zOut[i] = F-sum(bh[i] + Wx[i][x], Wh[i][j]·h[j] for j ascending),
 * hOut[i] = tanhf(zOut[i]). `hPrev` must not alias `hOut`.
 *
 * This is the scalar reference and the one scalar fallback for every re-run of the recurrence
 * (runTrace, Q2 perturbations, Q5 pruned trajectories) when the wasm SIMD kernel is unavailable.
 * It is unrolled four rows at a time: four independent float32 accumulation chains share each
 * load of h[j], about 1.5× faster than the plain double loop in V8 (sat-rnn, H = 128: 69 vs
 * 106 ms for 1023 steps). Each chain is still exactly the scalar recipe (its own row, j ascending,
 * every addition rounded), so the unrolling changes no bit; the H mod 4 leftover rows take the
 * plain loop.
 */
export function step(model: Model, hPrev: ArrayLike<number>, x: number, zOut: Float32Array, hOut: Float32Array): void {
  const { H, Wx, Wh, bh } = model;
  const tanh = tanhf; // local alias (see above)
  let i = 0;
  for (; i + 3 < H; i += 4) {
    let a0 = f32(bh[i] + Wx[i * VOCAB + x]);
    let a1 = f32(bh[i + 1] + Wx[(i + 1) * VOCAB + x]);
    let a2 = f32(bh[i + 2] + Wx[(i + 2) * VOCAB + x]);
    let a3 = f32(bh[i + 3] + Wx[(i + 3) * VOCAB + x]);
    const r0 = i * H;
    const r1 = r0 + H;
    const r2 = r1 + H;
    const r3 = r2 + H;
    for (let j = 0; j < H; j++) {
      const hj = hPrev[j];
      a0 = f32(a0 + f32(Wh[r0 + j] * hj));
      a1 = f32(a1 + f32(Wh[r1 + j] * hj));
      a2 = f32(a2 + f32(Wh[r2 + j] * hj));
      a3 = f32(a3 + f32(Wh[r3 + j] * hj));
    }
    zOut[i] = a0;
    zOut[i + 1] = a1;
    zOut[i + 2] = a2;
    zOut[i + 3] = a3;
    hOut[i] = tanh(a0);
    hOut[i + 1] = tanh(a1);
    hOut[i + 2] = tanh(a2);
    hOut[i + 3] = tanh(a3);
  }
  for (; i < H; i++) {
    let acc = f32(bh[i] + Wx[i * VOCAB + x]);
    const row = i * H;
    for (let j = 0; j < H; j++) acc = f32(acc + f32(Wh[row + j] * hPrev[j]));
    zOut[i] = acc;
    hOut[i] = tanh(acc);
  }
}

/** Logits for a readout vector v (length H): ℓ_o = by[o] + D-sum_j f32(Wy[o][j]·v_j). */
export function readoutLogits(model: Model, v: ArrayLike<number>, out: Float64Array = new Float64Array(VOCAB)): Float64Array {
  const { H, Wy, by } = model;
  for (let o = 0; o < VOCAB; o++) {
    let acc = by[o];
    const row = o * H;
    for (let j = 0; j < H; j++) acc += f32(Wy[row + j] * v[j]);
    out[o] = acc;
  }
  return out;
}

/** Softmax in double: M = max(−1e30, max ℓ), e_o = exp(ℓ_o − M), S summed o ascending. */
export function softmax(logits: ArrayLike<number>, out: Float64Array = new Float64Array(logits.length)): Float64Array {
  let M = -1e30;
  for (let o = 0; o < logits.length; o++) if (logits[o] > M) M = logits[o];
  let S = 0;
  for (let o = 0; o < logits.length; o++) {
    out[o] = Math.exp(logits[o] - M);
    S += out[o];
  }
  for (let o = 0; o < logits.length; o++) out[o] /= S;
  return out;
}

/** Cost of a prediction in bits, clamped as the reference tools do: −log2(max(p, 1e−30)). */
export function bitsOfProbability(p: number): number {
  return -Math.log2(p > 1e-30 ? p : 1e-30);
}

/** Bits paid for target y given logits (softmax + clamp), without allocating. */
export function bitsFromLogits(logits: ArrayLike<number>, y: number): number {
  let M = -1e30;
  for (let o = 0; o < logits.length; o++) if (logits[o] > M) M = logits[o];
  let S = 0;
  for (let o = 0; o < logits.length; o++) S += Math.exp(logits[o] - M);
  return bitsOfProbability(Math.exp(logits[y] - M) / S);
}

/**
 * Everything the forward pass computes, recorded once so analyses read it instead of re-running
 * the model (TransformerLens-style cache). Row t of each matrix belongs to prediction t.
 */
export interface Trace {
  H: number;
  /** Number of predictions T = n − 1. */
  T: number;
  /** The analysed bytes (length n = T + 1). */
  data: Uint8Array;
  /** Pre-activations z_t, T×H float32. */
  z: Float32Array;
  /** States h_t = tanhf(z_t), T×H float32. */
  h: Float32Array;
  /** Logits ℓ_t, T×256 double. */
  logits: Float64Array;
  /** Softmax probabilities P_t, T×256 double. */
  probs: Float64Array;
  /** Bits paid at t: −log2(max(P_t[data[t+1]], 1e−30)). */
  bits: Float64Array;
  /** Mean of `bits` (sum in t order / T). */
  bpc: number;
}

/**
 * Runs the f32 recurrence from h = 0 over `data` and records the trace. Uses the wasm SIMD kernel
 * (lib/kernel.ts, bit-identical) when available, else the scalar `step`/`readoutLogits` below.
 */
export function runTrace(model: Model, data: Uint8Array, opts: { simd?: boolean } = {}): Trace {
  const { H } = model;
  const T = data.length - 1;
  if (T < 1) throw new Error(`runTrace: need at least 2 bytes, got ${data.length}`);
  const z = new Float32Array(T * H);
  const h = new Float32Array(T * H);
  const logits = new Float64Array(T * VOCAB);
  const probs = new Float64Array(T * VOCAB);
  const bits = new Float64Array(T);
  const kernel = opts.simd === false ? null : kernelFor(model);
  if (kernel) kernel.h.fill(0);
  let hPrev = new Float32Array(H);
  let sum = 0;
  for (let t = 0; t < T; t++) {
    if (kernel) {
      kernel.preact(data[t]); // z ← f(kernel.h, x_t)
      kernel.activate(); // kernel.h ← tanhf(z): the next step's input
      kernel.readout();
      z.set(kernel.z.subarray(0, H), t * H);
      h.set(kernel.h, t * H);
      logits.set(kernel.logits, t * VOCAB);
      const pt = softmax(kernel.logits, probs.subarray(t * VOCAB, (t + 1) * VOCAB));
      bits[t] = bitsOfProbability(pt[data[t + 1]]);
      sum += bits[t];
      continue;
    }
    const zt = z.subarray(t * H, (t + 1) * H);
    const ht = h.subarray(t * H, (t + 1) * H);
    step(model, hPrev, data[t], zt, ht);
    const lt = readoutLogits(model, ht, logits.subarray(t * VOCAB, (t + 1) * VOCAB));
    const pt = softmax(lt, probs.subarray(t * VOCAB, (t + 1) * VOCAB));
    bits[t] = bitsOfProbability(pt[data[t + 1]]);
    sum += bits[t];
    hPrev = ht;
  }
  return { H, T, data, z, h, logits, probs, bits, bpc: sum / T };
}

/** Row t of a T×width matrix stored flat. */
export function row<A extends Float32Array | Float64Array>(m: A, t: number, width: number): A {
  return m.subarray(t * width, (t + 1) * width) as A;
}
