/**
 * The forward pass's WebAssembly SIMD kernel, bit-identical to the scalar recipe in lib/rnn.ts
 * (spec Q1 §C2–C4). lib/rnn.ts `runTrace` uses it when the engine has wasm SIMD (Node and every
 * current browser), and so do the analyses that re-run the recurrence (Q1 Boolean dynamics, Q7
 * perturbations).
 *
 * - `preact`: z[i] = F-sum(f32(bh[i] + Wx[i][x]), f32(Wh[i][k]·h[k]) for k ascending). Four
 *   neurons run side by side in the lanes of f32x4; each lane does exactly the scalar sequence
 *   (f32x4.mul and f32x4.add round every lane to float32 like `Math.fround`, wasm has no FMA), so
 *   the result equals lib/rnn.ts `step` bit for bit.
 * - `readout`: ℓ_o = by[o] + D-sum_j double(f32(Wy[o][j]·h[j])), j ascending: four outputs per
 *   f32x4 product, widened exactly to f64x2 (promote) and summed in double in j order.
 *
 * tanhf and the softmax stay in JS. If the engine lacks wasm SIMD (or it is switched off, see
 * lib/wasm.ts `setSimdDisabled`), `createKernel` returns null and callers use their scalar JS path.
 * The module is assembled with the shared builder in lib/wasm.ts.
 */
import { VOCAB } from "./model.ts";
import {
  BLOCK, br, brIf, call, ELSE, END, F32, F32_ABS, F32_ADD, F32_CONVERT_I32_S, F32_COPYSIGN, F32_DIV, F32_EQ, F32_GE, F32_GT,
  F32_LOAD, F32_LT, F32_MUL, F32_NE, F32_REINTERPRET_I32, F32_STORE, F32_SUB, F32X4_ADD, F32X4_MUL, f32bits, f32c, F64X2_ADD,
  F64X2_PROMOTE_LOW_F32X4, func, get, I32, I32_ADD, I32_AND, I32_EQ, I32_EQZ, I32_GE_U, I32_GT_S, I32_LE_S, I32_LT_S, I32_OR,
  I32_REINTERPRET_F32, I32_SHL, I32_SHR_S, I32_SUB, I32_TRUNC_F32_S, i32c, I8X16_SHUFFLE, IF, instantiateSync, LOOP,
  moduleBytes as assemble, RETURN, set, simdSupported, V128, V128_LOAD, V128_LOAD32_SPLAT, V128_STORE,
} from "./wasm.ts";

const f32 = Math.fround;

// Short names for the shared opcodes (lib/wasm.ts), to keep the bodies below readable.
const [ADD, SUB, SHL, EQZ, GE_U] = [I32_ADD, I32_SUB, I32_SHL, I32_EQZ, I32_GE_U];
const LOAD32_SPLAT = V128_LOAD32_SPLAT();
const PROMOTE_LOW = F64X2_PROMOTE_LOW_F32X4;
const body = func;
const SHUF_HIGH = I8X16_SHUFFLE(8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7);
const vload = (off: number) => V128_LOAD(off);
const vstore = (off: number) => V128_STORE(off);

/**
 * preact(bx, h, z, wh, n16, H): 16 neurons per pass in four f32x4 accumulators.
 * Params 0..5; locals i16 6, k 7, a0..a3 8..11 (v128), wp 12, hp 13, stride 14, hv 15 (v128).
 */
function preactBody(): number[] {
  const [bx, h, z, wh, n16, H, i16, k, a0, a1, a2, a3, wp, hp, stride, hv] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15];
  const acc = [a0, a1, a2, a3];
  const code = [
    ...get(n16), ...i32c(6), SHL, ...set(stride),
    ...i32c(0), ...set(i16),
    ...BLOCK, ...LOOP,
    ...get(i16), ...get(n16), GE_U, ...brIf(1),
    ...acc.flatMap((a, q) => [...get(bx), ...get(i16), ...i32c(6), SHL, ADD, ...vload(16 * q), ...set(a)]),
    ...get(wh), ...get(i16), ...i32c(6), SHL, ADD, ...set(wp),
    ...get(h), ...set(hp),
    ...get(H), ...set(k),
    ...BLOCK, ...LOOP,
    ...get(k), EQZ, ...brIf(1),
    ...get(hp), ...LOAD32_SPLAT, ...set(hv),
    ...acc.flatMap((a, q) => [...get(a), ...get(wp), ...vload(16 * q), ...get(hv), ...F32X4_MUL, ...F32X4_ADD, ...set(a)]),
    ...get(wp), ...get(stride), ADD, ...set(wp),
    ...get(hp), ...i32c(4), ADD, ...set(hp),
    ...get(k), ...i32c(1), SUB, ...set(k),
    ...br(0), END, END,
    ...acc.flatMap((a, q) => [...get(z), ...get(i16), ...i32c(6), SHL, ADD, ...get(a), ...vstore(16 * q)]),
    ...get(i16), ...i32c(1), ADD, ...set(i16),
    ...br(0), END, END,
  ];
  return body([[2, I32], [4, V128], [3, I32], [1, V128]], code);
}

/**
 * readout(wy, h, l, by, H): 8 outputs per pass (two f32x4 products, four f64x2 accumulators).
 * Params 0..4; locals o8 5, j 6, acc 7..10 (v128), wp 11, hp 12, p0 13, p1 14, hv 15 (v128).
 */
function readoutBody(): number[] {
  const [wy, h, l, by, H, o8, j, c0, c1, c2, c3, wp, hp, p0, p1, hv] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15];
  const accs = [c0, c1, c2, c3];
  const code = [
    ...i32c(0), ...set(o8),
    ...BLOCK, ...LOOP,
    ...get(o8), ...i32c(VOCAB / 8), GE_U, ...brIf(1),
    ...accs.flatMap((c, q) => [...get(by), ...get(o8), ...i32c(6), SHL, ADD, ...vload(16 * q), ...set(c)]),
    ...get(wy), ...get(o8), ...i32c(5), SHL, ADD, ...set(wp),
    ...get(h), ...set(hp),
    ...get(H), ...set(j),
    ...BLOCK, ...LOOP,
    ...get(j), EQZ, ...brIf(1),
    ...get(hp), ...LOAD32_SPLAT, ...set(hv),
    ...get(wp), ...vload(0), ...get(hv), ...F32X4_MUL, ...set(p0),
    ...get(wp), ...vload(16), ...get(hv), ...F32X4_MUL, ...set(p1),
    ...get(c0), ...get(p0), ...PROMOTE_LOW, ...F64X2_ADD, ...set(c0),
    ...get(c1), ...get(p0), ...get(p0), ...SHUF_HIGH, ...PROMOTE_LOW, ...F64X2_ADD, ...set(c1),
    ...get(c2), ...get(p1), ...PROMOTE_LOW, ...F64X2_ADD, ...set(c2),
    ...get(c3), ...get(p1), ...get(p1), ...SHUF_HIGH, ...PROMOTE_LOW, ...F64X2_ADD, ...set(c3),
    ...get(wp), ...i32c(VOCAB * 4), ADD, ...set(wp),
    ...get(hp), ...i32c(4), ADD, ...set(hp),
    ...get(j), ...i32c(1), SUB, ...set(j),
    ...br(0), END, END,
    ...accs.flatMap((c, q) => [...get(l), ...get(o8), ...i32c(6), SHL, ADD, ...get(c), ...vstore(16 * q)]),
    ...get(o8), ...i32c(1), ADD, ...set(o8),
    ...br(0), END, END,
  ];
  return body([[2, I32], [4, V128], [2, I32], [3, V128]], code);
}

// ---- scalar f32 ops for tanhf (glibc 2.36 fdlibm algorithm, spec Appendix A) ----
const fc = f32c;
const RET = RETURN;
const [F_EQ, F_NE, F_LT, F_GT, F_GE] = [F32_EQ, F32_NE, F32_LT, F32_GT, F32_GE];
const [F_ABS, F_ADD, F_SUB, F_MUL, F_DIV, F_COPYSIGN] = [F32_ABS, F32_ADD, F32_SUB, F32_MUL, F32_DIV, F32_COPYSIGN];
const [I_AND, I_OR, I_EQ, I_LT_S, I_LE_S, I_GT_S, I_SHR_S] = [I32_AND, I32_OR, I32_EQ, I32_LT_S, I32_LE_S, I32_GT_S, I32_SHR_S];
const [TRUNC_S, CONVERT_S, I_REINTERP, F_REINTERP] = [I32_TRUNC_F32_S, F32_CONVERT_I32_S, I32_REINTERPRET_F32, F32_REINTERPRET_I32];

/** expm1f(x) for |x| < 44 (func 2). Locals: 0 x, 1 k (i32), 2 c, 3 hi, 4 lo, 5 hfx, 6 hxs, 7 r1, 8 t, 9 e, 10 y, 11 ax. */
function expm1Body(): number[] {
  const [x, k, c, hi, lo, hfx, hxs, r1, t, e, y, ax] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
  const b = (u: number) => f32bits(u);
  const addExp = (v: number) => [...get(v), I_REINTERP, ...get(k), ...i32c(23), SHL, ADD, F_REINTERP];
  const code = [
    ...get(x), F_ABS, ...set(ax),
    ...get(x), ...fc(0), F_LT, ...get(ax), ...b(0x4195b844), F_GE, I_AND, ...IF, ...fc(-1), RET, END,
    ...get(ax), ...b(0x3eb17218), F_GT, ...IF,
    ...get(ax), ...b(0x3f851592), F_LT, ...IF,
    ...get(x), ...fc(0), F_LT, ...IF,
    ...get(x), ...b(0x3f317180), F_ADD, ...set(hi), ...fc(0), ...b(0x3717f7d1), F_SUB, ...set(lo), ...i32c(-1), ...set(k),
    ELSE,
    ...get(x), ...b(0x3f317180), F_SUB, ...set(hi), ...b(0x3717f7d1), ...set(lo), ...i32c(1), ...set(k),
    END,
    ELSE,
    ...b(0x3fb8aa3b), ...get(x), F_MUL, ...fc(0.5), ...get(x), F_COPYSIGN, F_ADD, TRUNC_S, ...set(k),
    ...get(x), ...get(k), CONVERT_S, ...b(0x3f317180), F_MUL, F_SUB, ...set(hi),
    ...get(k), CONVERT_S, ...b(0x3717f7d1), F_MUL, ...set(lo),
    END,
    ...get(hi), ...get(lo), F_SUB, ...set(x),
    ...get(hi), ...get(x), F_SUB, ...get(lo), F_SUB, ...set(c),
    ELSE,
    ...get(ax), ...b(0x33000000), F_LT, ...IF, ...get(x), RET, END,
    END,
    ...fc(0.5), ...get(x), F_MUL, ...set(hfx),
    ...get(x), ...get(hfx), F_MUL, ...set(hxs),
    // r1 = 1 + hxs*(Q1 + hxs*(Q2 + hxs*(Q3 + hxs*(Q4 + hxs*Q5))))
    ...fc(1), ...get(hxs),
    ...b(0xbd088889), ...get(hxs),
    ...b(0x3ad00d01), ...get(hxs),
    ...b(0xb8a670cd), ...get(hxs),
    ...b(0x36867e54), ...get(hxs), ...b(0xb457edbb), F_MUL, F_ADD,
    F_MUL, F_ADD,
    F_MUL, F_ADD,
    F_MUL, F_ADD,
    F_MUL, F_ADD, ...set(r1),
    ...fc(3), ...get(r1), ...get(hfx), F_MUL, F_SUB, ...set(t),
    ...get(hxs), ...get(r1), ...get(t), F_SUB, ...fc(6), ...get(x), ...get(t), F_MUL, F_SUB, F_DIV, F_MUL, ...set(e),
    ...get(k), EQZ, ...IF, ...get(x), ...get(x), ...get(e), F_MUL, ...get(hxs), F_SUB, F_SUB, RET, END,
    ...get(x), ...get(e), ...get(c), F_SUB, F_MUL, ...get(c), F_SUB, ...set(e),
    ...get(e), ...get(hxs), F_SUB, ...set(e),
    ...get(k), ...i32c(-1), I_EQ, ...IF, ...fc(0.5), ...get(x), ...get(e), F_SUB, F_MUL, ...fc(0.5), F_SUB, RET, END,
    ...get(k), ...i32c(1), I_EQ, ...IF,
    ...get(x), ...fc(-0.25), F_LT, ...IF, ...fc(-2), ...get(e), ...get(x), ...fc(0.5), F_ADD, F_SUB, F_MUL, RET, END,
    ...fc(1), ...fc(2), ...get(x), ...get(e), F_SUB, F_MUL, F_ADD, RET,
    END,
    ...get(k), ...i32c(-2), I_LE_S, ...get(k), ...i32c(56), I_GT_S, I_OR, ...IF,
    ...fc(1), ...get(e), ...get(x), F_SUB, F_SUB, ...set(y),
    ...addExp(y), ...fc(1), F_SUB, RET,
    END,
    ...get(k), ...i32c(23), I_LT_S, ...IF,
    ...i32c(0x3f800000), ...i32c(0x1000000), ...get(k), I_SHR_S, SUB, F_REINTERP, ...set(t),
    ...get(t), ...get(e), ...get(x), F_SUB, F_SUB, ...set(y),
    ELSE,
    ...i32c(0x7f), ...get(k), SUB, ...i32c(23), SHL, F_REINTERP, ...set(t),
    ...get(x), ...get(e), ...get(t), F_ADD, F_SUB, ...fc(1), F_ADD, ...set(y),
    END,
    ...addExp(y),
  ];
  return body([[1, I32], [10, F32]], code);
}

/** tanhf(x) (func 3). Locals: 0 x, 1 a, 2 r, 3 t. */
function tanhBody(): number[] {
  const [x, a, r, t] = [0, 1, 2, 3];
  const code = [
    ...get(x), ...get(x), F_NE, ...IF, ...get(x), RET, END,
    ...get(x), ...fc(0), F_EQ, ...IF, ...get(x), RET, END,
    ...get(x), F_ABS, ...set(a),
    ...get(a), ...fc(22), F_GE, ...IF,
    ...fc(1), ...set(r),
    ELSE,
    ...get(a), ...fc(2 ** -55), F_LT, ...IF, ...get(x), ...fc(1), ...get(x), F_ADD, F_MUL, RET, END,
    ...get(a), ...fc(1), F_GE, ...IF,
    ...fc(2), ...get(a), F_MUL, ...call(2), ...set(t),
    ...fc(1), ...fc(2), ...get(t), ...fc(2), F_ADD, F_DIV, F_SUB, ...set(r),
    ELSE,
    ...fc(-2), ...get(a), F_MUL, ...call(2), ...set(t),
    ...fc(0), ...get(t), F_SUB, ...get(t), ...fc(2), F_ADD, F_DIV, ...set(r),
    END,
    END,
    ...get(r), ...get(x), F_COPYSIGN,
  ];
  return body([[3, F32]], code);
}

/** tanhv(src, dst, n): dst[i] = tanhf(src[i]) (func 4). Locals: 3 i. */
function tanhvBody(): number[] {
  const [src, dst, n, i] = [0, 1, 2, 3];
  const code = [
    ...BLOCK, ...LOOP,
    ...get(i), ...get(n), GE_U, ...brIf(1),
    ...get(dst), ...get(i), ...i32c(2), SHL, ADD,
    ...get(src), ...get(i), ...i32c(2), SHL, ADD, ...F32_LOAD(),
    ...call(3),
    ...F32_STORE(),
    ...get(i), ...i32c(1), ADD, ...set(i),
    ...br(0), END, END,
  ];
  return body([[1, I32]], code);
}

function moduleBytes(pages: number): Uint8Array<ArrayBuffer> {
  return assemble({
    types: [
      { params: [I32, I32, I32, I32, I32, I32], results: [] },
      { params: [I32, I32, I32, I32, I32], results: [] },
      { params: [F32], results: [F32] },
      { params: [I32, I32, I32], results: [] },
    ],
    funcs: [0, 1, 2, 2, 3],
    memory: pages,
    exports: [
      { name: "mem", kind: "memory", index: 0 },
      { name: "preact", kind: "func", index: 0 },
      { name: "readout", kind: "func", index: 1 },
      { name: "tanhf", kind: "func", index: 3 },
      { name: "tanhv", kind: "func", index: 4 },
    ],
    bodies: [preactBody(), readoutBody(), expm1Body(), tanhBody(), tanhvBody()],
  });
}

export interface Kernel {
  H: number;
  /** The state read by `preact` and `readout` (length H; write h here). */
  h: Float32Array;
  /** Pre-activations written by `preact` (length ≥ H). */
  z: Float32Array;
  /** Logits written by `readout` (length 256). */
  logits: Float64Array;
  /** z ← pre-activations for input byte x from state `h`. */
  preact(x: number): void;
  /** logits ← readout of state `h`. */
  readout(): void;
  /** h ← tanhf(z) for the first H entries (glibc 2.36 tanhf in wasm). */
  activate(): void;
  /** glibc 2.36 tanhf of one value (for tests). */
  tanhf(x: number): number;
}

export interface KernelModel {
  H: number;
  Wx: Float32Array;
  Wh: Float32Array;
  bh: Float32Array;
  Wy: Float32Array;
  by: Float32Array;
}

const cache = new WeakMap<KernelModel, Kernel | null>();

/**
 * The kernel of a model, built once per model object (weights are never changed in place after
 * loading), or null when wasm SIMD is unavailable. Its state `h` is shared by all its users:
 * write h before each `preact`.
 */
export function kernelFor(model: KernelModel): Kernel | null {
  if (!simdSupported()) return null; // checked each time: tests switch SIMD off and on
  if (!cache.has(model)) cache.set(model, createKernel(model));
  return cache.get(model)!;
}

/** Builds a fresh kernel for a model, or returns null when wasm SIMD is unavailable. */
export function createKernel(model: KernelModel): Kernel | null {
  const { H, Wx, Wh, bh, Wy, by } = model;
  if (!simdSupported()) return null;
  const Hp = Math.max(16, Math.ceil(H / 16) * 16);
  const oBX = 0;
  const oWh = oBX + VOCAB * Hp * 4;
  const oWy = oWh + H * Hp * 4;
  const oBy = oWy + H * VOCAB * 4;
  const oH = oBy + VOCAB * 8;
  const oZ = oH + Hp * 4 + 16;
  const oL = oZ + Hp * 4 + 16;
  const end = oL + VOCAB * 8;
  const bytes = moduleBytes(Math.ceil(end / 65536) + 1);
  const inst = instantiateSync(bytes);
  if (!inst) return null;
  const ex = inst.exports as {
    mem: WebAssembly.Memory;
    preact: (...a: number[]) => void;
    readout: (...a: number[]) => void;
    tanhf: (x: number) => number;
    tanhv: (src: number, dst: number, n: number) => void;
  };
  const buf = ex.mem.buffer;
  const bx = new Float32Array(buf, oBX, VOCAB * Hp);
  for (let x = 0; x < VOCAB; x++) for (let i = 0; i < H; i++) bx[x * Hp + i] = f32(bh[i] + Wx[i * VOCAB + x]);
  const whT = new Float32Array(buf, oWh, H * Hp);
  for (let k = 0; k < H; k++) for (let i = 0; i < H; i++) whT[k * Hp + i] = Wh[i * H + k];
  const wyT = new Float32Array(buf, oWy, H * VOCAB);
  for (let j = 0; j < H; j++) for (let o = 0; o < VOCAB; o++) wyT[j * VOCAB + o] = Wy[o * H + j];
  const byD = new Float64Array(buf, oBy, VOCAB);
  for (let o = 0; o < VOCAB; o++) byD[o] = by[o];
  const preact = ex.preact;
  const readout = ex.readout;
  const tanhv = ex.tanhv;
  const n16 = Hp / 16;
  return {
    H,
    h: new Float32Array(buf, oH, H),
    z: new Float32Array(buf, oZ, Hp),
    logits: new Float64Array(buf, oL, VOCAB),
    preact: (x: number) => preact(oBX + x * Hp * 4, oH, oZ, oWh, n16, H),
    readout: () => readout(oWy, oH, oL, oBy, H),
    activate: () => tanhv(oZ, oH, H),
    tanhf: ex.tanhf,
  };
}

/**
 * Partial readouts: a logits row (256 doubles) to which W_y columns are added a few at a time, in
 * the caller's order (the top-k readouts, Q3's cumulative knockout, Q5's redux grid). It is the
 * kernel's `readout` with the row as its own b_y: row[o] += double(f32(col_n[o]·v_n)) for n from
 * `from` to `to` − 1 in turn, bit-identical to that scalar loop (a negated v_n subtracts exactly:
 * f32(w·(−v)) = −f32(w·v)).
 */
export interface ColumnSums {
  /** The coefficient of each column at the current position (length K): write before `add`. */
  v: Float32Array;
  /** The logits row (length 256). */
  row: Float64Array;
  /** row += columns from … to − 1, weighted by v. */
  add(from: number, to: number): void;
}

/** ColumnSums over `cols` (K columns of 256 floats, column n at n·256), or null without wasm SIMD. */
export function columnSums(cols: Float32Array): ColumnSums | null {
  if (!simdSupported()) return null;
  const K = cols.length / VOCAB;
  const oCols = 0;
  const oV = oCols + K * VOCAB * 4;
  const oRow = oV + Math.ceil((K * 4) / 16) * 16 + 16;
  const end = oRow + VOCAB * 8;
  const inst = instantiateSync(moduleBytes(Math.ceil(end / 65536) + 1));
  if (!inst) return null;
  const ex = inst.exports as { mem: WebAssembly.Memory; readout: (...a: number[]) => void };
  new Float32Array(ex.mem.buffer, oCols, K * VOCAB).set(cols);
  const readout = ex.readout;
  return {
    v: new Float32Array(ex.mem.buffer, oV, K),
    row: new Float64Array(ex.mem.buffer, oRow, VOCAB),
    add: (from: number, to: number) => {
      if (to > from) readout(oCols + from * VOCAB * 4, oV + from * 4, oRow, oRow, to - from);
    },
  };
}
