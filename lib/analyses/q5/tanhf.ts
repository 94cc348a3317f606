/**
 * glibc 2.36 tanhf (fdlibm single precision, spec Q2–Q5 §0.4), the same algorithm as lib/f32.ts but
 * with typed-array aliasing instead of a DataView for the bit casts and everything inlined, for
 * hot loops (Q2 perturbation runs, Q5 pruned trajectories). Bit-identical to lib/f32.ts `tanhf`
 * (checked by test/q5.test.ts on random bit patterns and the glibc table).
 */
const F = new Float32Array(1);
const U = new Uint32Array(F.buffer);
const f32 = Math.fround;
const bits = (v: number) => {
  F[0] = v;
  return U[0];
};
const from = (u: number) => {
  U[0] = u >>> 0;
  return F[0];
};
const ln2_hi = from(0x3f317180);
const ln2_lo = from(0x3717f7d1);
const invln2 = from(0x3fb8aa3b);
const Q1 = from(0xbd088889);
const Q2 = from(0x3ad00d01);
const Q3 = from(0xb8a670cd);
const Q4 = from(0x36867e54);
const Q5 = from(0xb457edbb);

/** expm1f for the arguments tanhf passes (x = ±2|z|, |z| < 22, finite). */
function expm1fT(xIn: number): number {
  let x = xIn;
  const hx = bits(x);
  const neg = hx >>> 31 !== 0;
  const ax = hx & 0x7fffffff;
  if (ax >= 0x4195b844 && neg) return -1;
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
    y = from(bits(y) + (k << 23));
    return f32(y - 1);
  }
  let y: number;
  if (k < 23) {
    const tt = from(0x3f800000 - (0x1000000 >> k));
    y = f32(tt - f32(e - x));
  } else {
    const tt = from((0x7f - k) << 23);
    y = f32(x - f32(e + tt));
    y = f32(y + 1);
  }
  return from(bits(y) + (k << 23));
}

/** glibc tanhf of a float32 value (NaN passes through). */
export function tanhfFast(xIn: number): number {
  const x = f32(xIn);
  if (x !== x) return x;
  const hx = bits(x);
  const ix = hx & 0x7fffffff;
  if (ix === 0) return x;
  let r: number;
  if (ix >= 0x41b00000) r = 1;
  else if (ix < 0x24000000) return f32(x * f32(1 + x));
  else {
    const a = Math.abs(x);
    if (ix >= 0x3f800000) {
      const t = expm1fT(f32(2 * a));
      r = f32(1 - f32(2 / f32(t + 2)));
    } else {
      const t = expm1fT(f32(-2 * a));
      r = f32(-t / f32(t + 2));
    }
  }
  return hx >>> 31 ? -r : r;
}
