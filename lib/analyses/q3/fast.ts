/**
 * Small, allocation-free readout helpers shared by the Q2–Q5 analyses (hot loops keep local
 * aliases; see the tsx getter note in lib/rnn.ts).
 *
 * Units: bits (base 2). Softmax as spec Q2–Q5 §0.5: M = max(−1e30, max ℓ), S summed o ascending,
 * cost −log2(max(p, 1e−30)).
 */
import { columnSums } from "../../kernel.ts";

export const V = 256;

// exp(x) = 2^(n/256)·e^r with n = round(x·256/ln2), |r| ≤ ln2/512, a table of 2^(n/256) over
// x ∈ (−64, 16) and a degree-4 polynomial: relative error < 1e−14 (measured 5e−15), about 2× faster
// than Math.exp here. Outside the table range it falls back to Math.exp. Used only where the
// printed precision (4 decimals of bpc) is far coarser than the error.
const LO = -64;
const HI = 16;
const SCALE = 256 / Math.LN2;
const C1 = Math.LN2 / 256;
const OFF = -Math.floor(LO * SCALE) + 2;
const TAB = new Float64Array(Math.ceil((HI - LO) * SCALE) + 8);
for (let i = 0; i < TAB.length; i++) TAB[i] = Math.pow(2, (i - OFF) / 256);
const SH = 6755399441055744.0;
const mexp = Math.exp;

/** Fast exp (see above). */
export function fastExp(x: number): number {
  if (!(x > LO && x < HI)) return mexp(x);
  const nd = x * SCALE + SH - SH;
  const r = x - nd * C1;
  return TAB[nd + OFF] * (1 + r * (1 + r * (0.5 + r * (0.16666666666666666 + r * 0.041666666666666664))));
}

/** Bits paid for target y by the logits row at `off` in `L` (a T×256 flat array). */
export function bitsAt(L: Float64Array, off: number, y: number): number {
  const exp = fastExp;
  let M = -1e30;
  for (let o = 0; o < 256; o++) {
    const v = L[off + o];
    if (v > M) M = v;
  }
  let S = 0;
  for (let o = 0; o < 256; o++) S += exp(L[off + o] - M);
  const p = exp(L[off + y] - M) / S;
  return -Math.log2(p > 1e-30 ? p : 1e-30);
}

/**
 * bpc of the readout keeping only the first k columns of `order`, for each k in `ks` (ascending,
 * 1 … order.length), on the states `h` (T×H): b_y + Σ f32(W_y[o][j]·h_t[j]) with the columns added
 * in `order`'s order (the top-k readouts of open question 5, Q5's redux grid).
 *
 * Position by position: one logits row (2 KB, in L1) takes the columns (the forward kernel's SIMD
 * readout, lib/kernel.ts columnSums, when there is one) and is scored at each k, instead of a T×256
 * matrix streamed through memory once per column. The same additions in the same order either way.
 */
export function topKReadoutBpc(model: { H: number; Wy: Float32Array; by: Float32Array }, h: Float32Array, data: Uint8Array, T: number, order: ArrayLike<number>, ks: number[]): number[] {
  const f32 = Math.fround;
  const { H, Wy, by } = model;
  const upTo = ks.map((k) => Math.min(k, order.length));
  const K = upTo.length ? upTo[upTo.length - 1] : 0;
  // the kept columns, contiguous
  const cols = new Float32Array(K * 256);
  for (let n = 0; n < K; n++) for (let o = 0; o < 256; o++) cols[n * 256 + o] = Wy[o * H + order[n]];
  const js = Int32Array.from({ length: K }, (_, n) => order[n]);
  const sums = new Float64Array(ks.length);
  const byD = Float64Array.from(by);
  const simd = columnSums(cols);
  const row = simd ? simd.row : new Float64Array(256);
  for (let t = 0; t < T; t++) {
    const ht = t * H;
    const y = data[t + 1];
    row.set(byD);
    if (simd) for (let n = 0; n < K; n++) simd.v[n] = h[ht + js[n]];
    let added = 0;
    for (let i = 0; i < upTo.length; i++) {
      if (simd) simd.add(added, upTo[i]);
      else {
        for (let n = added; n < upTo[i]; n++) {
          const hj = h[ht + js[n]];
          const c = n * 256;
          for (let o = 0; o < 256; o++) row[o] += f32(cols[c + o] * hj);
        }
      }
      added = upTo[i];
      sums[i] += bitsAt(row, 0, y);
    }
  }
  return Array.from(sums, (s) => (T > 0 ? s / T : NaN));
}
