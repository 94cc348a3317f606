/**
 * A tiny WebAssembly SIMD kernel for the trainer's matrix products, assembled byte by byte with the
 * shared builder in lib/wasm.ts (no toolchain, no npm package). Node 20 runs wasm SIMD (f32x4) natively.
 *
 * gemm(A, lda, B, ldb, C, csa, csb, M, N, K):
 *   for a < M, b < N:  C[a·csa + b·csb] += Σ_{k<K} A[a·lda + k] · B[b·ldb + k]
 * All pointers and strides are BYTE offsets into the shared memory; values are float32; K must be
 * a positive multiple of 4 (callers zero-pad rows). Rows of A are taken four at a time, so each
 * f32x4 load of B feeds four multiply-adds.
 *
 * The trainer has no scalar path, so this kernel ignores the SIMD fallback switch of lib/wasm.ts
 * and `createKernel` throws if the engine cannot compile it.
 */
import {
  BLOCK, br, brIf, compileSync, END, F32, F32_ADD, F32_LOAD, F32_STORE, F32X4_ADD, F32X4_EXTRACT_LANE, F32X4_MUL,
  F32X4_SPLAT, F32X4_SUB, flat, func, get, I32, I32_ADD, I32_EQZ, I32_GT_S, I32_LT_S, I32_MUL, I32_SUB, i32c, instantiateSync,
  LOOP, moduleBytes as assemble, set, tee, V128, V128_LOAD, V128_STORE, V128_ZERO,
} from "../wasm.ts";

// Rows are only float-aligned, so the vector loads and stores declare 4-byte alignment (memarg align 2).
const vload = () => V128_LOAD(0, 2);
const vstore = () => V128_STORE(0, 2);

// Parameters 0..9, then locals.
const [A, LDA, B, LDB, C, CSA, CSB, M, N, K] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
const a = 10, b = 11, k = 12, kb = 13, pa0 = 14, pa1 = 15, pa2 = 16, pa3 = 17, pb = 18, pc = 19;
const s0 = 20, s1 = 21, s2 = 22, s3 = 23;
const ptr = 24, vb = 25;

/** Horizontal sum of a f32x4 local, left on the stack as an f32. */
const hsum = (s: number) => flat(
  get(s), F32X4_EXTRACT_LANE(0), get(s), F32X4_EXTRACT_LANE(1), F32_ADD,
  get(s), F32X4_EXTRACT_LANE(2), get(s), F32X4_EXTRACT_LANE(3), F32_ADD, F32_ADD,
);

function gemmBody(): number[] {
  const code: number[] = [];
  const emit = (...xs: (number | number[])[]) => code.push(...flat(...xs));
  // kb = K·4
  emit(get(K), i32c(4), I32_MUL, set(kb));
  // ---- rows of A four at a time ----
  emit(i32c(0), set(a));
  emit(BLOCK, LOOP);
  emit(get(a), i32c(4), I32_ADD, get(M), I32_GT_S, brIf(1));
  emit(i32c(0), set(b));
  emit(BLOCK, LOOP);
  emit(get(b), get(N), I32_LT_S, I32_EQZ, brIf(1)); // b ≥ N → exit
  // pa0..pa3, pb, pc
  emit(get(A), get(a), get(LDA), I32_MUL, I32_ADD, tee(pa0), get(LDA), I32_ADD, tee(pa1), get(LDA), I32_ADD, tee(pa2), get(LDA), I32_ADD, set(pa3));
  emit(get(B), get(b), get(LDB), I32_MUL, I32_ADD, set(pb));
  emit(V128_ZERO, set(s0), V128_ZERO, set(s1), V128_ZERO, set(s2), V128_ZERO, set(s3));
  emit(i32c(0), set(k));
  emit(LOOP);
  // vb on the stack needs reuse: keep it in a v128 scratch local
  emit(get(pb), get(k), I32_ADD, vload(), set(vb));
  for (const [pa, s] of [[pa0, s0], [pa1, s1], [pa2, s2], [pa3, s3]]) {
    emit(get(s), get(pa), get(k), I32_ADD, vload(), get(vb), F32X4_MUL, F32X4_ADD, set(s));
  }
  emit(get(k), i32c(16), I32_ADD, tee(k), get(kb), I32_LT_S, brIf(0), END);
  // stores: pc = C + a·csa + b·csb; C[pc + r·csa] += hsum(s_r)
  emit(get(C), get(a), get(CSA), I32_MUL, I32_ADD, get(b), get(CSB), I32_MUL, I32_ADD, set(pc));
  for (const [r, s] of [[0, s0], [1, s1], [2, s2], [3, s3]]) {
    emit(get(pc), ...(r ? [get(CSA), i32c(r), [I32_MUL], [I32_ADD]] : []), tee(ptr));
    emit(get(ptr), F32_LOAD(), hsum(s), F32_ADD, F32_STORE());
  }
  emit(get(b), i32c(1), I32_ADD, set(b), br(0), END, END);
  emit(get(a), i32c(4), I32_ADD, set(a), br(0), END, END);
  // ---- remaining rows one at a time ----
  emit(BLOCK, LOOP);
  emit(get(a), get(M), I32_LT_S, I32_EQZ, brIf(1));
  emit(i32c(0), set(b));
  emit(BLOCK, LOOP);
  emit(get(b), get(N), I32_LT_S, I32_EQZ, brIf(1));
  emit(get(A), get(a), get(LDA), I32_MUL, I32_ADD, set(pa0));
  emit(get(B), get(b), get(LDB), I32_MUL, I32_ADD, set(pb));
  emit(V128_ZERO, set(s0), i32c(0), set(k));
  emit(LOOP);
  emit(get(s0), get(pa0), get(k), I32_ADD, vload(), get(pb), get(k), I32_ADD, vload(), F32X4_MUL, F32X4_ADD, set(s0));
  emit(get(k), i32c(16), I32_ADD, tee(k), get(kb), I32_LT_S, brIf(0), END);
  emit(get(C), get(a), get(CSA), I32_MUL, I32_ADD, get(b), get(CSB), I32_MUL, I32_ADD, tee(pc));
  emit(get(pc), F32_LOAD(), hsum(s0), F32_ADD, F32_STORE());
  emit(get(b), i32c(1), I32_ADD, set(b), br(0), END, END);
  emit(get(a), i32c(1), I32_ADD, set(a), br(0), END, END);
  // locals: i32×10 (10..19), v128×4 (20..23), i32 ptr (24), v128 vb (25)
  return func([[10, I32], [4, V128], [1, I32], [1, V128]], code);
}

/** sumsq(p, n) → Σ p[k]² over n floats (n a positive multiple of 4), summed in float32 lanes. */
function sumsqBody(): number[] {
  const [P, NN, KK, END_, S] = [0, 1, 2, 3, 4];
  return func([[2, I32], [1, V128]], flat(
    get(P), set(KK), get(P), get(NN), i32c(4), I32_MUL, I32_ADD, set(END_),
    V128_ZERO, set(S),
    LOOP,
    get(S), get(KK), vload(), get(KK), vload(), F32X4_MUL, F32X4_ADD, set(S),
    get(KK), i32c(16), I32_ADD, tee(KK), get(END_), I32_LT_S, brIf(0), END,
    hsum(S),
  ));
}

/** axpy(p, g, n, step): p[k] −= step · g[k] over n floats (n a positive multiple of 4). */
function axpyBody(): number[] {
  const [P, G, NN, STEP, KK, END_, D, VS] = [0, 1, 2, 3, 4, 5, 6, 7];
  return func([[3, I32], [1, V128]], flat(
    get(STEP), F32X4_SPLAT, set(VS),
    get(P), set(KK), get(G), get(P), I32_SUB, set(D),
    get(P), get(NN), i32c(4), I32_MUL, I32_ADD, set(END_),
    LOOP,
    get(KK),
    get(KK), vload(), get(KK), get(D), I32_ADD, vload(), get(VS), F32X4_MUL, F32X4_SUB,
    vstore(),
    get(KK), i32c(16), I32_ADD, tee(KK), get(END_), I32_LT_S, brIf(0), END,
  ));
}

/** transpose(src, rows, cols, srcStride, dst, dstStride): dst[c·ds + 4r] = src[r·ss + 4c] (strides in bytes). */
function transposeBody(): number[] {
  const [SRC, R, CC, SS, DST, DS, r, c, ps, pd] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  return func([[4, I32]], flat(
    i32c(0), set(r),
    BLOCK, LOOP,
    get(r), get(R), I32_LT_S, I32_EQZ, brIf(1),
    i32c(0), set(c),
    get(SRC), get(r), get(SS), I32_MUL, I32_ADD, set(ps),
    get(DST), get(r), i32c(4), I32_MUL, I32_ADD, set(pd),
    BLOCK, LOOP,
    get(c), get(CC), I32_LT_S, I32_EQZ, brIf(1),
    get(pd), get(ps), F32_LOAD(), F32_STORE(),
    get(ps), i32c(4), I32_ADD, set(ps),
    get(pd), get(DS), I32_ADD, set(pd),
    get(c), i32c(1), I32_ADD, set(c),
    br(0), END, END,
    get(r), i32c(1), I32_ADD, set(r),
    br(0), END, END,
  ));
}

function moduleBytes(): Uint8Array<ArrayBuffer> {
  const i32s = (n: number) => new Array<number>(n).fill(I32);
  return assemble({
    types: [
      { params: i32s(10), results: [] }, // gemm
      { params: [I32, I32], results: [F32] }, // sumsq
      { params: [I32, I32, I32, F32], results: [] }, // axpy
      { params: i32s(6), results: [] }, // transpose
    ],
    importMemory: { module: "env", name: "mem", min: 1 },
    funcs: [0, 1, 2, 3],
    exports: ["gemm", "sumsq", "axpy", "transpose"].map((name, index) => ({ name, kind: "func" as const, index })),
    bodies: [gemmBody(), sumsqBody(), axpyBody(), transposeBody()],
  });
}

export type Gemm = (A: number, lda: number, B: number, ldb: number, C: number, csa: number, csb: number, M: number, N: number, K: number) => void;

export interface Kernel {
  memory: WebAssembly.Memory;
  gemm: Gemm;
  /** Σ p[k]² over n floats at byte offset p (n a positive multiple of 4). */
  sumsq: (p: number, n: number) => number;
  /** p[k] −= step·g[k] over n floats (n a positive multiple of 4). */
  axpy: (p: number, g: number, n: number, step: number) => void;
  /** dst[c·ds + 4r] = src[r·ss + 4c] for r < rows, c < cols (byte offsets and strides). */
  transpose: (src: number, rows: number, cols: number, ss: number, dst: number, ds: number) => void;
}

let compiled: WebAssembly.Module | undefined;

/** A fresh memory of `bytes` bytes (rounded up to pages) and the kernels bound to it. */
export function createKernel(bytes: number): Kernel {
  compiled ??= compileSync(moduleBytes()) ?? undefined;
  if (!compiled) throw new Error("the trainer needs WebAssembly SIMD (f32x4), which this engine does not provide");
  const memory = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(bytes / 65536)) });
  const inst = instantiateSync(compiled, { env: { mem: memory } });
  if (!inst) throw new Error("could not instantiate the trainer's WebAssembly kernel");
  const ex = inst.exports as unknown as Omit<Kernel, "memory">;
  return { memory, gemm: ex.gemm, sumsq: ex.sumsq, axpy: ex.axpy, transpose: ex.transpose };
}
