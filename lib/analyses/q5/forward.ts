/**
 * Forward passes with pruned weights (spec Q2–Q5 §Q5.1): the f32 recurrence of §0.3 from h = 0
 * over the run's bytes, with W_x / W_h entries zeroed. Zeroed entries are skipped: adding
 * f32(0·h) = ±0 to the f32 accumulator leaves it unchanged (up to the sign of a zero, which no
 * printed quantity sees), so the result equals the reference's dense recurrence.
 */
import { tanhf } from "../../f32.ts";
import type { Model } from "../../model.ts";

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
 * (the model's b_h). Sparse rows of W_h are walked in ascending j, skipping zeros.
 */
export function trajectory(model: Model, data: Uint8Array, Wx: Float32Array, Wh: Float32Array): Float32Array {
  const f32 = Math.fround;
  const tanh = tanhf;
  const { H, bh } = model;
  const T = data.length - 1;
  const h = new Float32Array(Math.max(0, T) * H);
  // CSR of the non-zero W_h entries per row.
  const start = new Int32Array(H + 1);
  let nnz = 0;
  for (let i = 0; i < H; i++) {
    start[i] = nnz;
    for (let j = 0; j < H; j++) if (Wh[i * H + j] !== 0) nnz++;
  }
  start[H] = nnz;
  const col = new Int32Array(nnz);
  const val = new Float32Array(nnz);
  nnz = 0;
  for (let i = 0; i < H; i++) for (let j = 0; j < H; j++) if (Wh[i * H + j] !== 0) { col[nnz] = j; val[nnz] = Wh[i * H + j]; nnz++; }
  const dense = nnz === H * H;
  let prev = new Float32Array(H);
  for (let t = 0; t < T; t++) {
    const x = data[t];
    const off = t * H;
    for (let i = 0; i < H; i++) {
      let acc = f32(bh[i] + Wx[i * 256 + x]);
      if (dense) {
        const r = i * H;
        for (let j = 0; j < H; j++) acc = f32(acc + f32(Wh[r + j] * prev[j]));
      } else {
        for (let k = start[i]; k < start[i + 1]; k++) acc = f32(acc + f32(val[k] * prev[col[k]]));
      }
      h[off + i] = tanh(acc);
    }
    prev = h.subarray(off, off + H);
  }
  return h;
}
