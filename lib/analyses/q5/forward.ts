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
    let i = 0;
    if (dense) {
      // Four rows at a time: independent f32 chains, each summed in j order.
      for (; i + 3 < H; i += 4) {
        let a0 = f32(bh[i] + Wx[i * 256 + x]);
        let a1 = f32(bh[i + 1] + Wx[(i + 1) * 256 + x]);
        let a2 = f32(bh[i + 2] + Wx[(i + 2) * 256 + x]);
        let a3 = f32(bh[i + 3] + Wx[(i + 3) * 256 + x]);
        const r0 = i * H;
        const r1 = r0 + H;
        const r2 = r1 + H;
        const r3 = r2 + H;
        for (let j = 0; j < H; j++) {
          const hj = prev[j];
          a0 = f32(a0 + f32(Wh[r0 + j] * hj));
          a1 = f32(a1 + f32(Wh[r1 + j] * hj));
          a2 = f32(a2 + f32(Wh[r2 + j] * hj));
          a3 = f32(a3 + f32(Wh[r3 + j] * hj));
        }
        h[off + i] = tanh(a0);
        h[off + i + 1] = tanh(a1);
        h[off + i + 2] = tanh(a2);
        h[off + i + 3] = tanh(a3);
      }
    }
    for (; i < H; i++) {
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
