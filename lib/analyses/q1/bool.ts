/**
 * Q1 shared Boolean ("sign-only") machinery (spec Q1 §C5–C8).
 * A Boolean state is a Uint8Array of H bits; bit 1 ↔ spin +1, bit 0 ↔ spin −1.
 */
import type { Model } from "../../model.ts";
import { VOCAB } from "../../model.ts";
import { type Kernel, kernelFor } from "../../kernel.ts";

const f32 = Math.fround;

/**
 * The forward pass's SIMD kernel (lib/kernel.ts) for this model, or null (no SIMD, or it is
 * switched off). Fed the spins ±1 as its state, its `preact` is exactly the Boolean F-sum of §C5
 * (f32(Wh·±1) = ±Wh, same j order) and its `readout` exactly `spinLogits`.
 */
export function boolKernel(model: Model): Kernel | null {
  return kernelFor(model);
}

/** bstep (§C5): acc = f32(bh+Wx[i][x]); F-add ±Wh[i][j] (j ascending); bit = acc ≥ 0. Writes z if given. */
export function bstep(model: Model, s: Uint8Array, x: number, out: Uint8Array, zOut?: Float32Array): void {
  const H = model.H;
  const k = boolKernel(model);
  if (k) {
    const h = k.h;
    for (let j = 0; j < H; j++) h[j] = s[j] ? 1 : -1;
    k.preact(x);
    const z = k.z;
    for (let i = 0; i < H; i++) out[i] = z[i] >= 0 ? 1 : 0;
    if (zOut) for (let i = 0; i < H; i++) zOut[i] = z[i];
    return;
  }
  const Wh = model.Wh;
  const Wx = model.Wx;
  const bh = model.bh;
  const fr = Math.fround;
  // spins as ±1 multipliers: ±W is exact, so acc + s_j·W equals the reference's acc + (±W).
  const sp = spinScratch.length === H ? spinScratch : (spinScratch = new Float64Array(H));
  for (let j = 0; j < H; j++) sp[j] = s[j] ? 1 : -1;
  let i = 0;
  // Four rows at a time: four independent float32 accumulation chains (same order per row).
  for (; i + 4 <= H; i += 4) {
    let a0 = fr(bh[i] + Wx[i * VOCAB + x]);
    let a1 = fr(bh[i + 1] + Wx[(i + 1) * VOCAB + x]);
    let a2 = fr(bh[i + 2] + Wx[(i + 2) * VOCAB + x]);
    let a3 = fr(bh[i + 3] + Wx[(i + 3) * VOCAB + x]);
    const r0 = i * H, r1 = r0 + H, r2 = r1 + H, r3 = r2 + H;
    for (let j = 0; j < H; j++) {
      const q = sp[j];
      a0 = fr(a0 + q * Wh[r0 + j]);
      a1 = fr(a1 + q * Wh[r1 + j]);
      a2 = fr(a2 + q * Wh[r2 + j]);
      a3 = fr(a3 + q * Wh[r3 + j]);
    }
    out[i] = a0 >= 0 ? 1 : 0; out[i + 1] = a1 >= 0 ? 1 : 0; out[i + 2] = a2 >= 0 ? 1 : 0; out[i + 3] = a3 >= 0 ? 1 : 0;
    if (zOut) { zOut[i] = a0; zOut[i + 1] = a1; zOut[i + 2] = a2; zOut[i + 3] = a3; }
  }
  for (; i < H; i++) {
    let acc = fr(bh[i] + Wx[i * VOCAB + x]);
    const row = i * H;
    for (let j = 0; j < H; j++) acc = fr(acc + sp[j] * Wh[row + j]);
    out[i] = acc >= 0 ? 1 : 0;
    if (zOut) zOut[i] = acc;
  }
}
let spinScratch = new Float64Array(0);

/** A compact string key of a bit vector (for equality tests / hashing). */
export function stateKey(s: Uint8Array): string {
  let k = "";
  for (let j = 0; j < s.length; j += 16) {
    let w = 0;
    for (let b = 0; b < 16 && j + b < s.length; b++) w = (w << 1) | s[j + b];
    k += String.fromCharCode(w);
  }
  return k;
}

/** Exact Boolean pre-activation of one neuron i (same F-sum as bstep). */
export function bz(model: Model, s: Uint8Array, x: number, i: number): number {
  const H = model.H;
  const Wh = model.Wh;
  let acc = f32(model.bh[i] + model.Wx[i * VOCAB + x]);
  const row = i * H;
  for (let j = 0; j < H; j++) acc = f32(acc + (s[j] ? Wh[row + j] : -Wh[row + j]));
  return acc;
}

/** §C8 Hamming distance. */
export function hamming(a: Uint8Array, b: Uint8Array): number {
  let c = 0;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) c++;
  return c;
}

/** Spins ±1.0 of a bit vector (a Boolean readout vector, §C5). */
export function spins(s: Uint8Array, out = new Float32Array(s.length)): Float32Array {
  for (let k = 0; k < s.length; k++) out[k] = s[k] ? 1 : -1;
  return out;
}

/** §C6 sign bits of the f32 states: T×H bits, bit = h ≥ 0 (−0 gives 1). */
export function signTrajectory(h: Float32Array, T: number, H: number): Uint8Array {
  const out = new Uint8Array(T * H);
  for (let k = 0; k < T * H; k++) out[k] = h[k] >= 0 ? 1 : 0;
  return out;
}

/** Per-row sums S_i = F-sum_j |Wh[i][j]| (§B2, §M5). */
export function absRowSums(model: Model): Float32Array {
  const H = model.H;
  const S = new Float32Array(H);
  for (let i = 0; i < H; i++) {
    let acc = 0;
    for (let j = 0; j < H; j++) acc = f32(acc + Math.abs(model.Wh[i * H + j]));
    S[i] = acc;
  }
  return S;
}

/**
 * A rigorous bound on how far two float32 F-sums over the same terms (but one) can differ from
 * the exact real sums: each of the H+1 roundings is at most 2^−24·|partial| ≤ 2^−24·(|a0|+S_i).
 * Used to decide the sign of a one-term-changed Boolean sum without recomputing it (falls back
 * to the exact F-sum inside the band).
 */
export function signTolerance(model: Model, S: Float32Array, x: number, i: number): number {
  const a0 = Math.abs(model.bh[i] + model.Wx[i * VOCAB + x]);
  return 2.02 * (model.H + 2) * 2 ** -24 * (a0 + S[i]) + 1e-30;
}

/**
 * Logits for a spin readout vector (bits → ±1): ℓ_o = by[o] + D-sum_j (±Wy[o][j]). Identical to
 * readoutLogits(spins) because f32(Wy·±1) = ±Wy exactly; no products needed.
 */
export function spinLogits(model: Model, s: Uint8Array, out: Float64Array = new Float64Array(VOCAB)): Float64Array {
  const H = model.H;
  const k = boolKernel(model);
  if (k) {
    const h = k.h;
    for (let j = 0; j < H; j++) h[j] = s[j] ? 1 : -1;
    k.readout();
    out.set(k.logits);
    return out;
  }
  const Wy = model.Wy;
  const by = model.by;
  // ±1 multipliers instead of a data-dependent branch per term (sp·Wy = ±Wy exactly).
  const sp = spinScratchY.length === H ? spinScratchY : (spinScratchY = new Float64Array(H));
  for (let j = 0; j < H; j++) sp[j] = s[j] ? 1 : -1;
  let o = 0;
  // Four outputs at a time: four independent double chains, each still summed in j order.
  for (; o + 4 <= VOCAB; o += 4) {
    let a0 = by[o], a1 = by[o + 1], a2 = by[o + 2], a3 = by[o + 3];
    const r0 = o * H, r1 = r0 + H, r2 = r1 + H, r3 = r2 + H;
    for (let j = 0; j < H; j++) {
      const q = sp[j];
      a0 += q * Wy[r0 + j];
      a1 += q * Wy[r1 + j];
      a2 += q * Wy[r2 + j];
      a3 += q * Wy[r3 + j];
    }
    out[o] = a0; out[o + 1] = a1; out[o + 2] = a2; out[o + 3] = a3;
  }
  for (; o < VOCAB; o++) {
    let acc = by[o];
    const row = o * H;
    for (let j = 0; j < H; j++) acc += sp[j] * Wy[row + j];
    out[o] = acc;
  }
  return out;
}
let spinScratchY = new Float64Array(0);
