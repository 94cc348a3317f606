/**
 * Q7 input-byte perturbation (spec q6-q7 §3.3, §4.2).
 *
 * For prediction t (target y = data[t+1]) and offset d (1 = the current input x_t), the byte at
 * tf = t − d + 1 is replaced by (data[tf] + 128) mod 256, one step is run from the stored
 * h_{tf−1} (0 if tf = 0), then the original bytes up to t, all with the float32 recipe and glibc
 * tanhf. Δ_d(t) = bpc(y | h'_t) − bpc(y | h_t), in bits (positive: the original byte helped).
 *
 * Work sharing: the perturbed trajectory from tf is the same for every t that uses tf, so each tf
 * is run once up to the largest t needing it and read out at each of those t (bit-identical to
 * running each (t, d) separately).
 */
import { tanhf } from "../../f32.ts";
import type { Run } from "../../io.ts";
import { VOCAB } from "../../model.ts";
import { type Kernel, kernelFor } from "../../kernel.ts";

const f32 = Math.fround;
const tanh = tanhf;

export interface PerturbSweep {
  positions: number[];
  maxD: number;
  /** delta[p*maxD + d−1] = Δ_d(positions[p]) in bits; NaN where tf = t − d + 1 < 0. */
  delta: Float64Array;
  /** bpc(y | h_t) per position. */
  base: Float64Array;
}

/** Bits for target y from a state v, reference readout (§1.4). `l` is scratch (256). */
function bitsFrom(Wy: Float32Array, by: Float32Array, H: number, v: Float32Array, y: number, l: Float64Array): number {
  let M = -1e30;
  for (let o = 0; o < VOCAB; o++) {
    let acc = by[o];
    const r = o * H;
    for (let j = 0; j < H; j++) acc += f32(Wy[r + j] * v[j]);
    l[o] = acc;
    if (acc > M) M = acc;
  }
  let S = 0;
  for (let o = 0; o < VOCAB; o++) S += Math.exp(l[o] - M);
  const p = Math.exp(l[y] - M) / S;
  return -Math.log2(p > 1e-30 ? p : 1e-30);
}

/**
 * Δ_d(t) for every t in `positions` (each 0 ≤ t ≤ T−1) and d = 1..maxD with t − d + 1 ≥ 0.
 */
export function perturbSweep(run: Run, positions: number[], maxD = 20, opts: { simd?: boolean } = {}): PerturbSweep {
  const { model, trace, data } = run;
  const { H, Wx, Wh, bh, Wy, by } = model;
  const hs = trace.h;
  const P = positions.length;
  const delta = new Float64Array(P * maxD).fill(NaN);
  const base = new Float64Array(P);
  for (let p = 0; p < P; p++) base[p] = trace.bits[positions[p]];
  // tf -> list of [t, p, d]
  const jobs = new Map<number, [number, number, number][]>();
  for (let p = 0; p < P; p++) {
    const t = positions[p];
    for (let d = 1; d <= maxD; d++) {
      const tf = t - d + 1;
      if (tf < 0) break;
      let list = jobs.get(tf);
      if (!list) jobs.set(tf, (list = []));
      list.push([t, p, d]);
    }
  }
  const kernel = opts.simd === false ? null : kernelFor(run.model);
  if (kernel) {
    runJobsSimd(kernel, jobs, hs, data, base, delta, maxD);
    return { positions, maxD, delta, base };
  }
  let h = new Float32Array(H);
  let h2 = new Float32Array(H);
  const zero = new Float32Array(H);
  const l = new Float64Array(VOCAB);
  for (const [tf, list] of jobs) {
    list.sort((u, v) => u[0] - v[0]);
    const tMax = list[list.length - 1][0];
    let hPrev: Float32Array = tf > 0 ? hs.subarray((tf - 1) * H, tf * H) : zero;
    let li = 0;
    for (let s = tf; s <= tMax; s++) {
      const x = s === tf ? (data[s] + 128) & 255 : data[s];
      for (let i = 0; i < H; i++) {
        let acc = f32(bh[i] + Wx[i * VOCAB + x]);
        const r = i * H;
        for (let k = 0; k < H; k++) acc = f32(acc + f32(Wh[r + k] * hPrev[k]));
        h[i] = tanh(acc);
      }
      while (li < list.length && list[li][0] === s) {
        const [, p, d] = list[li++];
        delta[p * maxD + d - 1] = bitsFrom(Wy, by, H, h, data[s + 1], l) - base[p];
      }
      hPrev = h;
      const tmp = h;
      h = h2;
      h2 = tmp;
    }
  }
  return { positions, maxD, delta, base };
}


/**
 * Δ_d(t) at every prediction t = 0 … T−1 for d = 1 … maxD, once per Run and maxD: the text view's
 * influence shading and Q7 over every position (data-loaders/q7all.ts) read the same sweep. Read only.
 */
const everyMemo = new WeakMap<Run, Map<number, PerturbSweep>>();
export function sweepEveryPosition(run: Run, maxD: number): PerturbSweep {
  let byD = everyMemo.get(run);
  if (!byD) everyMemo.set(run, (byD = new Map()));
  let sw = byD.get(maxD);
  if (!sw) byD.set(maxD, (sw = perturbSweep(run, Array.from({ length: run.trace.T }, (_, t) => t), maxD)));
  return sw;
}

function runJobsSimd(kernel: Kernel, jobs: Map<number, [number, number, number][]>, hs: Float32Array, data: Uint8Array, base: Float64Array, delta: Float64Array, maxD: number) {
  const H = kernel.H;
  const kh = kernel.h;
  const kl = kernel.logits;
  const exp = Math.exp;
  for (const [tf, list] of jobs) {
    list.sort((u, v) => u[0] - v[0]);
    const tMax = list[list.length - 1][0];
    if (tf > 0) kh.set(hs.subarray((tf - 1) * H, tf * H));
    else kh.fill(0);
    let li = 0;
    for (let s = tf; s <= tMax; s++) {
      kernel.preact(s === tf ? (data[s] + 128) & 255 : data[s]);
      kernel.activate();
      if (li < list.length && list[li][0] === s) {
        kernel.readout();
        const y = data[s + 1];
        let M = -1e30;
        for (let o = 0; o < VOCAB; o++) if (kl[o] > M) M = kl[o];
        let S = 0;
        for (let o = 0; o < VOCAB; o++) S += exp(kl[o] - M);
        const p = exp(kl[y] - M) / S;
        const bits = -Math.log2(p > 1e-30 ? p : 1e-30);
        while (li < list.length && list[li][0] === s) {
          const [, pi, d] = list[li++];
          delta[pi * maxD + d - 1] = bits - base[pi];
        }
      }
    }
  }
}
