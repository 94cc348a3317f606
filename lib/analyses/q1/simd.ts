/**
 * WebAssembly SIMD kernels for the two hot loops of q1_sparsity (spec Q1 §S3), assembled with the
 * shared builder in lib/wasm.ts:
 *
 *   propagate:  back_j = F-sum_{i = 0..H−1} f32(Wh[i][j] · sc_i)   (float32 accumulator, i ascending)
 *   outgrad:    gd_j = D-sum_{o = 0..255} double(Wy[o][j]) · P_o   (double accumulator, o ascending)
 *
 * The sum for each j is independent of the others, so four consecutive j share one f32x4: lane q
 * of every add and multiply is exactly the scalar float32 operation of column j+q, in the same i
 * order (f32x4.mul/add round each lane like C float arithmetic; wasm has no FMA and never
 * reassociates). The printout therefore stays byte-identical. Eight f32x4 accumulators (32
 * columns) per pass hide the add latency; Wh is stored row-major with rows padded to a multiple of
 * 32 floats (zero padding only feeds lanes nobody reads). outgrad does the same with f64x2 lanes
 * (two j per vector) over a copy of Wy widened to double, which is exact.
 *
 * `createBackprop` returns null when wasm SIMD is unavailable or switched off (lib/wasm.ts); the
 * caller then uses its scalar JS loop, which computes the same numbers.
 */
import {
  BLOCK, br, brIf, END, F32X4_ADD, F32X4_CONST, F32X4_MUL, F32X4_SUB, F64X2_ADD, F64X2_MUL, flat, func, get, I32, I32_ADD, I32_EQZ, I32_GE_U, I32_SHL, I32_SUB, i32c,
  instantiateSync, LOOP, moduleBytes, set, simdSupported, V128, V128_LOAD, V128_LOAD32_SPLAT, V128_LOAD64_SPLAT, V128_STORE,
  V128_ZERO,
} from "../../wasm.ts";

/** Columns per pass: eight f32x4 accumulators. */
const BLOCK_COLS = 32;
const NACC = BLOCK_COLS / 4;

/**
 * propagate(wh, sc, out, nBlk, H, stride): out[j] = F-sum_i f32(wh[i·stride + j]·sc[i]) for
 * j < 32·nBlk. Pointers and stride are byte offsets. Params 0..5; locals blk 6, wp 7, sp 8, k 9
 * (i32), acc 10..17, sv 18 (v128).
 */
function propagateBody(): number[] {
  const [wh, sc, out, nBlk, H, stride, blk, wp, sp, k] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const acc = Array.from({ length: NACC }, (_, q) => 10 + q);
  const sv = 10 + NACC;
  const code = flat(
    i32c(0), set(blk),
    BLOCK, LOOP,
    get(blk), get(nBlk), I32_GE_U, brIf(1),
    ...acc.map((a) => flat(V128_ZERO, set(a))),
    get(wh), get(blk), i32c(7), I32_SHL, I32_ADD, set(wp), // 32 floats = 128 bytes per block
    get(sc), set(sp),
    get(H), set(k),
    BLOCK, LOOP,
    get(k), I32_EQZ, brIf(1),
    get(sp), V128_LOAD32_SPLAT(), set(sv),
    ...acc.map((a, q) => flat(get(a), get(wp), V128_LOAD(16 * q), get(sv), F32X4_MUL, F32X4_ADD, set(a))),
    get(wp), get(stride), I32_ADD, set(wp),
    get(sp), i32c(4), I32_ADD, set(sp),
    get(k), i32c(1), I32_SUB, set(k),
    br(0), END, END,
    ...acc.map((a, q) => flat(get(out), get(blk), i32c(7), I32_SHL, I32_ADD, get(a), V128_STORE(16 * q))),
    get(blk), i32c(1), I32_ADD, set(blk),
    br(0), END, END,
  );
  return func([[4, I32], [NACC + 1, V128]], code);
}

/**
 * outgrad(wy, p, gd, nBlk, V, stride): gd[j] = D-sum_{o = 0..V−1} wy[o·stride + j]·p[o] in double
 * (o ascending) for j < 16·nBlk; wy holds Wy as f64 (exact widening), p the f64 probabilities.
 * Eight f64x2 accumulators = 16 columns per pass. Params 0..5; locals blk 6, wp 7, pp 8, o 9
 * (i32), acc 10..17, pv 18 (v128).
 */
function outgradBody(): number[] {
  const [wy, p, gd, nBlk, V, stride, blk, wp, pp, o] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const acc = Array.from({ length: 8 }, (_, q) => 10 + q);
  const pv = 18;
  const code = flat(
    i32c(0), set(blk),
    BLOCK, LOOP,
    get(blk), get(nBlk), I32_GE_U, brIf(1),
    ...acc.map((a) => flat(V128_ZERO, set(a))),
    get(wy), get(blk), i32c(7), I32_SHL, I32_ADD, set(wp), // 16 doubles = 128 bytes per block
    get(p), set(pp),
    get(V), set(o),
    BLOCK, LOOP,
    get(o), I32_EQZ, brIf(1),
    get(pp), V128_LOAD64_SPLAT(), set(pv),
    ...acc.map((a, q) => flat(get(a), get(wp), V128_LOAD(16 * q), get(pv), F64X2_MUL, F64X2_ADD, set(a))),
    get(wp), get(stride), I32_ADD, set(wp),
    get(pp), i32c(8), I32_ADD, set(pp),
    get(o), i32c(1), I32_SUB, set(o),
    br(0), END, END,
    ...acc.map((a, q) => flat(get(gd), get(blk), i32c(7), I32_SHL, I32_ADD, get(a), V128_STORE(16 * q))),
    get(blk), i32c(1), I32_ADD, set(blk),
    br(0), END, END,
  );
  return func([[4, I32], [9, V128]], code);
}

/**
 * gate(h, back, sc, n4): sc_i = f32(f32(1 − f32(h_i·h_i))·back_i) for i < 4·n4 (the tanh-derivative
 * gate of §S3.4, lane by lane). Params 0..3; local 4 (i32 byte index).
 */
function gateBody(): number[] {
  const [h, back, sc, n4, q] = [0, 1, 2, 3, 4];
  const code = flat(
    i32c(0), set(q),
    get(n4), i32c(4), I32_SHL, set(n4), // n4 ← bytes
    BLOCK, LOOP,
    get(q), get(n4), I32_GE_U, brIf(1),
    get(sc), get(q), I32_ADD,
    F32X4_CONST(1), get(h), get(q), I32_ADD, V128_LOAD(), get(h), get(q), I32_ADD, V128_LOAD(), F32X4_MUL, F32X4_SUB,
    get(back), get(q), I32_ADD, V128_LOAD(), F32X4_MUL,
    V128_STORE(),
    get(q), i32c(16), I32_ADD, set(q),
    br(0), END, END,
  );
  return func([[1, I32]], code);
}

function kernelBytes(pages: number): Uint8Array<ArrayBuffer> {
  return moduleBytes({
    types: [{ params: [I32, I32, I32, I32, I32, I32], results: [] }, { params: [I32, I32, I32, I32], results: [] }],
    funcs: [0, 0, 1],
    memory: pages,
    exports: [
      { name: "mem", kind: "memory", index: 0 },
      { name: "propagate", kind: "func", index: 0 },
      { name: "outgrad", kind: "func", index: 1 },
      { name: "gate", kind: "func", index: 2 },
    ],
    bodies: [propagateBody(), outgradBody(), gateBody()],
  });
}

export interface BackpropKernel {
  /** The gated vector sc (length H): write it before `propagate`. */
  sc: Float32Array;
  /** The result back_j (length H), written by `propagate`. */
  back: Float32Array;
  /** back ← F-sum_i f32(Wh[i][j]·sc_i), i ascending, for every j. */
  propagate(): void;
  /** The softmax output P_t (length 256, double): write it before `outgrad`. */
  p: Float64Array;
  /** gd_j = D-sum_o double(Wy[o][j])·P_o (o ascending), written by `outgrad` (length H). */
  gd: Float64Array;
  outgrad(): void;
  /** sc ← f32(f32(1 − h_s²)·back) with h_s the state at row s of the trace given to createBackprop. */
  gate(s: number): void;
}

/**
 * The kernel for one model (Wh H×H with Wh[i][j] at i·H+j; Wy V×H with Wy[o][j] at o·H+j) and
 * one trajectory (hs: rows of H states), or null without wasm SIMD.
 */
export function createBackprop(Wh: Float32Array, Wy: Float32Array, H: number, V: number, hs: Float32Array): BackpropKernel | null {
  if (!simdSupported() || H < 1) return null;
  const Hp = Math.ceil(H / BLOCK_COLS) * BLOCK_COLS; // a multiple of 32, so also of outgrad's 16
  const oWh = 0;
  const oSc = oWh + H * Hp * 4;
  const oOut = oSc + Hp * 4;
  const oWy = oOut + Hp * 4; // 16-byte aligned: Hp·4 is a multiple of 128
  const oP = oWy + V * Hp * 8;
  const oGd = Math.ceil((oP + V * 8) / 16) * 16; // 16-byte aligned f64x2 stores
  const oHs = oGd + Hp * 8;
  const rows = Math.floor(hs.length / H);
  const end = oHs + rows * Hp * 4;
  const inst = instantiateSync(kernelBytes(Math.ceil(end / 65536) + 1));
  if (!inst) return null;
  const ex = inst.exports as { mem: WebAssembly.Memory; propagate: (...a: number[]) => void; outgrad: (...a: number[]) => void; gate: (...a: number[]) => void };
  const buf = ex.mem.buffer;
  const wh = new Float32Array(buf, oWh, H * Hp);
  for (let i = 0; i < H; i++) wh.set(Wh.subarray(i * H, (i + 1) * H), i * Hp);
  const wy = new Float64Array(buf, oWy, V * Hp);
  for (let o = 0; o < V; o++) for (let j = 0; j < H; j++) wy[o * Hp + j] = Wy[o * H + j];
  const hsW = new Float32Array(buf, oHs, rows * Hp);
  for (let r = 0; r < rows; r++) hsW.set(hs.subarray(r * H, (r + 1) * H), r * Hp);
  const prop = ex.propagate;
  const gate = ex.gate;
  const og = ex.outgrad;
  const nBlk = Hp / BLOCK_COLS;
  const stride = Hp * 4;
  return {
    sc: new Float32Array(buf, oSc, H),
    back: new Float32Array(buf, oOut, H),
    propagate: () => prop(oWh, oSc, oOut, nBlk, H, stride),
    p: new Float64Array(buf, oP, V),
    gd: new Float64Array(buf, oGd, H),
    outgrad: () => og(oWy, oP, oGd, Hp / 16, V, Hp * 8),
    gate: (s: number) => gate(oHs + s * Hp * 4, oOut, oSc, Hp / 4),
  };
}
