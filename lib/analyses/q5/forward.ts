/**
 * Forward passes with pruned weights (spec Q2–Q5 §Q5.1): the f32 recurrence of §0.3 from h = 0
 * over the run's bytes, with W_x / W_h entries zeroed.
 */
import { createKernel } from "../../kernel.ts";
import type { Model } from "../../model.ts";
import { step } from "../../rnn.ts";
import { bitsAt } from "../q3/fast.ts";

/** Weights with every entry |w| < thr (strict) set to 0; returns the copy and how many were zeroed. */
export function pruneBelow(w: Float32Array, thr: number): { w: Float32Array; zeroed: number } {
  const out = new Float32Array(w.length);
  const t = Math.fround(thr);
  let zeroed = 0;
  for (let k = 0; k < w.length; k++) {
    if (Math.abs(w[k]) < t) {
      zeroed++;
    } else out[k] = w[k];
  }
  return { w: out, zeroed };
}

/**
 * States h_t (T×H float32, T = data.length − 1) of the recurrence with the given W_x and W_h
 * (the model's b_h): the pruned weights make just another model, run by its own wasm SIMD kernel,
 * else by the scalar lib/rnn.ts `step`. Zeroed entries are not skipped (the reference's dense
 * recurrence exactly; a sparse walk measured slower than the SIMD kernel even at 100 % zeroed).
 */
export function trajectory(model: Model, data: Uint8Array, Wx: Float32Array, Wh: Float32Array): Float32Array {
  return run(model, data, Wx, Wh, false).h;
}

/**
 * The trajectory and the bpc of the full readout along it (every W_y column, summed in ascending j
 * as the reference; with the kernel, its SIMD readout at each step, so no T×256 logits matrix is
 * built), or NaN for the bpc when there is no kernel (the caller reads out the states itself).
 */
export function trajectoryBpc(model: Model, data: Uint8Array, Wx: Float32Array, Wh: Float32Array): { h: Float32Array; bpc: number } {
  return run(model, data, Wx, Wh, true);
}

function run(model: Model, data: Uint8Array, Wx: Float32Array, Wh: Float32Array, withBpc: boolean): { h: Float32Array; bpc: number } {
  const { H } = model;
  const T = Math.max(0, data.length - 1);
  const h = new Float32Array(T * H);
  const pruned: Model = { ...model, Wx, Wh };
  const kernel = createKernel(pruned); // fresh: the pruned model is used once
  if (kernel) {
    kernel.h.fill(0);
    let sum = 0;
    for (let t = 0; t < T; t++) {
      kernel.preact(data[t]);
      kernel.activate();
      h.set(kernel.h, t * H);
      if (withBpc) {
        kernel.readout();
        sum += bitsAt(kernel.logits, 0, data[t + 1]);
      }
    }
    return { h, bpc: withBpc && T > 0 ? sum / T : NaN };
  }
  const z = new Float32Array(H);
  let prev = new Float32Array(H);
  for (let t = 0; t < T; t++) {
    const ht = h.subarray(t * H, (t + 1) * H);
    step(pruned, prev, data[t], z, ht);
    prev = ht;
  }
  return { h, bpc: NaN };
}
