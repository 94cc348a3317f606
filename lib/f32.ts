/**
 * Float32 primitives the reference tools depend on bit for bit.
 *
 * Every arithmetic result that C computes in `float` is rounded here with `f32` (Math.fround):
 * computing + − × ÷ in double and rounding once gives exactly the float32 result.
 * Source of truth: ../shared/spec/q1-boolean-automaton.md §C3, §C9, §C10.
 */

export const f32 = Math.fround;

// Two views of one 4-byte buffer: the fastest bit cast in V8 (a DataView is several times slower,
// which matters because tanhf runs inside every forward pass).
const F32 = new Float32Array(1);
const U32 = new Uint32Array(F32.buffer);

/** IEEE-754 bit pattern of a float32 value, as an unsigned 32-bit integer. */
export function bitsOf(v: number): number {
  F32[0] = v;
  return U32[0];
}

/** The float32 value with the given bit pattern. */
export function fromBits(u: number): number {
  U32[0] = u >>> 0;
  return F32[0];
}

/** A float32 bit-pattern constant, spelled the way fdlibm spells it. */
const K = fromBits;
const ln2_hi = K(0x3f317180);
const ln2_lo = K(0x3717f7d1);
const invln2 = K(0x3fb8aa3b);
const Q1 = K(0xbd088889);
const Q2 = K(0x3ad00d01);
const Q3 = K(0xb8a670cd);
const Q4 = K(0x36867e54);
const Q5 = K(0xb457edbb);
const o_threshold = K(0x42b17180);

/** fdlibm's single-precision expm1f, as glibc 2.36 computes it (every operation rounded to float32). */
export function expm1f(xIn: number): number {
  let x = f32(xIn);
  const hx = bitsOf(x);
  const neg = (hx >>> 31) !== 0;
  const ax = hx & 0x7fffffff;
  if (ax >= 0x4195b844) {
    if (ax >= 0x42b17218) {
      if (ax > 0x7f800000) return x; // NaN
      if (ax === 0x7f800000) return neg ? -1 : x;
      if (x > o_threshold) return Infinity;
    }
    if (neg) return -1;
  }
  let k = 0;
  let c = 0;
  if (ax > 0x3eb17218) {
    let hi: number, lo: number;
    if (ax < 0x3f851592) {
      if (!neg) {
        hi = f32(x - ln2_hi);
        lo = ln2_lo;
        k = 1;
      } else {
        hi = f32(x + ln2_hi);
        lo = -ln2_lo;
        k = -1;
      }
    } else {
      k = Math.trunc(f32(f32(invln2 * x) + (neg ? -0.5 : 0.5)));
      hi = f32(x - f32(k * ln2_hi));
      lo = f32(k * ln2_lo);
    }
    x = f32(hi - lo);
    c = f32(f32(hi - x) - lo);
  } else if (ax < 0x33000000) {
    return x;
  }
  const hfx = f32(0.5 * x);
  const hxs = f32(x * hfx);
  const r1 = f32(1 + f32(hxs * f32(Q1 + f32(hxs * f32(Q2 + f32(hxs * f32(Q3 + f32(hxs * f32(Q4 + f32(hxs * Q5))))))))));
  const t = f32(3 - f32(r1 * hfx));
  let e = f32(hxs * f32(f32(r1 - t) / f32(6 - f32(x * t))));
  if (k === 0) return f32(x - f32(f32(x * e) - hxs));
  e = f32(f32(x * f32(e - c)) - c);
  e = f32(e - hxs);
  if (k === -1) return f32(f32(0.5 * f32(x - e)) - 0.5);
  if (k === 1) {
    if (x < -0.25) return f32(-2 * f32(e - f32(x + 0.5)));
    return f32(1 + f32(2 * f32(x - e)));
  }
  if (k <= -2 || k > 56) {
    let y = f32(1 - f32(e - x));
    y = fromBits(bitsOf(y) + (k << 23));
    return f32(y - 1);
  }
  let y: number;
  if (k < 23) {
    const tt = fromBits(0x3f800000 - (0x1000000 >> k));
    y = f32(tt - f32(e - x));
  } else {
    const tt = fromBits((0x7f - k) << 23);
    y = f32(x - f32(e + tt));
    y = f32(y + 1);
  }
  return fromBits(bitsOf(y) + (k << 23));
}

/** glibc 2.36 `tanhf` (fdlibm float algorithm); agrees with glibc on all 2^32 inputs per the spec. */
export function tanhf(xIn: number): number {
  const x = f32(xIn);
  if (x !== x) return x;
  const hx = bitsOf(x);
  const ix = hx & 0x7fffffff;
  const neg = (hx >>> 31) !== 0;
  if (ix === 0) return x; // keeps −0
  let r: number;
  if (ix >= 0x41b00000) {
    r = 1; // |x| ≥ 22, and ±Inf
  } else if (ix < 0x24000000) {
    return f32(x * f32(1 + x));
  } else {
    const a = Math.abs(x);
    if (ix >= 0x3f800000) {
      const t = expm1f(f32(2 * a));
      r = f32(1 - f32(2 / f32(t + 2)));
    } else {
      const t = expm1f(f32(-2 * a));
      r = f32(-t / f32(t + 2));
    }
  }
  return neg ? -r : r;
}

/**
 * glibc `rand()` (TYPE_3 additive feedback generator) after `srand(seed)`.
 * Returns 31-bit values exactly as glibc does (spec §C10).
 */
export class GlibcRand {
  private ring = new Uint32Array(34);
  private pos = 0;

  constructor(seed = 1) {
    this.srand(seed);
  }

  srand(seed: number): void {
    const r: number[] = new Array(34);
    r[0] = seed >>> 0 === 0 ? 1 : seed >>> 0;
    for (let i = 1; i < 31; i++) {
      // Schrage's method keeps 16807·r mod (2^31−1) inside doubles exactly; the C code
      // works on the signed 32-bit value.
      const prev = r[i - 1] | 0;
      const hi = Math.trunc(prev / 127773);
      const lo = prev % 127773;
      let w = 16807 * lo - 2836 * hi;
      if (w < 0) w += 2147483647;
      r[i] = w;
    }
    for (let i = 31; i < 34; i++) r[i] = r[i - 31];
    // Keep only the last 34 values in a ring; discard the first 310 outputs (indices 34..343).
    for (let i = 0; i < 34; i++) this.ring[i] = r[i] >>> 0;
    this.pos = 0;
    for (let k = 34; k < 344; k++) this.next();
  }

  private next(): number {
    // r[k] = r[k−31] + r[k−3] (mod 2^32); the ring holds r[k−34..k−1], r[k−34] at pos.
    const a = this.ring[(this.pos + 3) % 34]; // r[k−31]
    const b = this.ring[(this.pos + 31) % 34]; // r[k−3]
    const v = (a + b) >>> 0;
    this.ring[this.pos] = v;
    this.pos = (this.pos + 1) % 34;
    return v;
  }

  /** One call of glibc rand(): a value in 0 … 2^31−1. */
  rand(): number {
    return this.next() >>> 1;
  }
}

/** RAND_MAX of glibc. */
export const RAND_MAX = 2147483647;

/**
 * The reference tools' in-place "swap-select" ordering (spec §C9 / Q2–Q5 §0.7), literally:
 * for a < K, for b > a, swap when `better(list[b], list[a])`. Not stable: ties move.
 * Mutates and returns `list`. K defaults to a full sort (len − 1).
 */
export function swapSelect<T>(list: T[], better: (x: T, y: T) => boolean, K = list.length - 1): T[] {
  const n = list.length;
  const top = Math.min(K, n - 1);
  for (let a = 0; a < top; a++) {
    for (let b = a + 1; b < n; b++) {
      if (better(list[b], list[a])) {
        const tmp = list[a];
        list[a] = list[b];
        list[b] = tmp;
      }
    }
  }
  return list;
}

/** 0 … n−1 as a plain array, the usual swap-select input. */
export function indices(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
