/**
 * A tiny WebAssembly SIMD kernel for the trainer's matrix products, assembled here byte by byte
 * (no toolchain, no npm package). Node 20 runs wasm SIMD (f32x4) natively.
 *
 * gemm(A, lda, B, ldb, C, csa, csb, M, N, K):
 *   for a < M, b < N:  C[a·csa + b·csb] += Σ_{k<K} A[a·lda + k] · B[b·ldb + k]
 * All pointers and strides are BYTE offsets into the shared memory; values are float32; K must be
 * a positive multiple of 4 (callers zero-pad rows). Rows of A are taken four at a time, so each
 * f32x4 load of B feeds four multiply-adds.
 */

const enc = {
  u32(n: number): number[] {
    const out: number[] = [];
    do {
      let b = n & 0x7f;
      n >>>= 7;
      if (n) b |= 0x80;
      out.push(b);
    } while (n);
    return out;
  },
  i32(n: number): number[] {
    const out: number[] = [];
    for (;;) {
      const b = n & 0x7f;
      n >>= 7;
      if ((n === 0 && !(b & 0x40)) || (n === -1 && b & 0x40)) {
        out.push(b);
        return out;
      }
      out.push(b | 0x80);
    }
  },
};

// Opcodes.
const BLOCK = 0x02, LOOP = 0x03, END = 0x0b, BR = 0x0c, BR_IF = 0x0d, VOID = 0x40;
const LGET = 0x20, LSET = 0x21, LTEE = 0x22;
const I32CONST = 0x41, I32ADD = 0x6a, I32MUL = 0x6c, I32LTS = 0x48, I32GTS = 0x4a;
const F32LOAD = 0x2a, F32STORE = 0x38, F32ADD = 0x92;
const SIMD = 0xfd;
const simd = (op: number) => [SIMD, ...enc.u32(op)];
const V128LOAD = (offset = 0) => [...simd(0x00), 2, ...enc.u32(offset)];
const V128ZERO = [...simd(0x0c), ...new Array(16).fill(0)];
const F32X4_EXTRACT = (lane: number) => [...simd(0x1f), lane];
const F32X4_ADD = simd(0xe4);
const F32X4_MUL = simd(0xe6);

const get = (l: number) => [LGET, ...enc.u32(l)];
const set = (l: number) => [LSET, ...enc.u32(l)];
const tee = (l: number) => [LTEE, ...enc.u32(l)];
const c32 = (n: number) => [I32CONST, ...enc.i32(n)];

// Parameters 0..9, then locals.
const [A, LDA, B, LDB, C, CSA, CSB, M, N, K] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
const a = 10, b = 11, k = 12, kb = 13, pa0 = 14, pa1 = 15, pa2 = 16, pa3 = 17, pb = 18, pc = 19;
const I32_LOCALS = 10;
const s0 = 20, s1 = 21, s2 = 22, s3 = 23;
const V128_LOCALS = 4;

/** Horizontal sum of a f32x4 local, left on the stack as an f32. */
const hsum = (s: number) => [
  ...get(s), ...F32X4_EXTRACT(0), ...get(s), ...F32X4_EXTRACT(1), F32ADD,
  ...get(s), ...F32X4_EXTRACT(2), ...get(s), ...F32X4_EXTRACT(3), F32ADD, F32ADD,
];

function body(): number[] {
  const code: number[] = [];
  const emit = (...xs: (number | number[])[]) => {
    for (const x of xs) Array.isArray(x) ? code.push(...x) : code.push(x);
  };
  // kb = K·4
  emit(get(K), c32(4), I32MUL, set(kb));
  // ---- rows of A four at a time ----
  emit(c32(0), set(a));
  emit(BLOCK, VOID, LOOP, VOID);
  emit(get(a), c32(4), I32ADD, get(M), I32GTS, BR_IF, 1);
  emit(c32(0), set(b));
  emit(BLOCK, VOID, LOOP, VOID);
  emit(get(b), get(N), I32LTS, [0x45], BR_IF, 1); // b ≥ N → exit
  // pa0..pa3, pb, pc
  emit(get(A), get(a), get(LDA), I32MUL, I32ADD, tee(pa0), get(LDA), I32ADD, tee(pa1), get(LDA), I32ADD, tee(pa2), get(LDA), I32ADD, set(pa3));
  emit(get(B), get(b), get(LDB), I32MUL, I32ADD, set(pb));
  emit(V128ZERO, set(s0), V128ZERO, set(s1), V128ZERO, set(s2), V128ZERO, set(s3));
  emit(c32(0), set(k));
  emit(LOOP, VOID);
  // vb on the stack needs reuse: store it in local 25 (v128 scratch)
  emit(get(pb), get(k), I32ADD, V128LOAD(), set(25));
  for (const [pa, s] of [[pa0, s0], [pa1, s1], [pa2, s2], [pa3, s3]]) {
    emit(get(s), get(pa), get(k), I32ADD, V128LOAD(), get(25), F32X4_MUL, F32X4_ADD, set(s));
  }
  emit(get(k), c32(16), I32ADD, tee(k), get(kb), I32LTS, BR_IF, 0, END);
  // stores: pc = C + a·csa + b·csb; C[pc + r·csa] += hsum(s_r)
  emit(get(C), get(a), get(CSA), I32MUL, I32ADD, get(b), get(CSB), I32MUL, I32ADD, set(pc));
  for (const [r, s] of [[0, s0], [1, s1], [2, s2], [3, s3]]) {
    emit(get(pc), ...(r ? [get(CSA), c32(r), I32MUL, I32ADD] : []), tee(24));
    emit(get(24), F32LOAD, 2, 0, hsum(s), F32ADD, F32STORE, 2, 0);
  }
  emit(get(b), c32(1), I32ADD, set(b), BR, 0, END, END);
  emit(get(a), c32(4), I32ADD, set(a), BR, 0, END, END);
  // ---- remaining rows one at a time ----
  emit(BLOCK, VOID, LOOP, VOID);
  emit(get(a), get(M), I32LTS, [0x45], BR_IF, 1);
  emit(c32(0), set(b));
  emit(BLOCK, VOID, LOOP, VOID);
  emit(get(b), get(N), I32LTS, [0x45], BR_IF, 1);
  emit(get(A), get(a), get(LDA), I32MUL, I32ADD, set(pa0));
  emit(get(B), get(b), get(LDB), I32MUL, I32ADD, set(pb));
  emit(V128ZERO, set(s0), c32(0), set(k));
  emit(LOOP, VOID);
  emit(get(s0), get(pa0), get(k), I32ADD, V128LOAD(), get(pb), get(k), I32ADD, V128LOAD(), F32X4_MUL, F32X4_ADD, set(s0));
  emit(get(k), c32(16), I32ADD, tee(k), get(kb), I32LTS, BR_IF, 0, END);
  emit(get(C), get(a), get(CSA), I32MUL, I32ADD, get(b), get(CSB), I32MUL, I32ADD, tee(pc));
  emit(get(pc), F32LOAD, 2, 0, hsum(s0), F32ADD, F32STORE, 2, 0);
  emit(get(b), c32(1), I32ADD, set(b), BR, 0, END, END);
  emit(get(a), c32(1), I32ADD, set(a), BR, 0, END, END);
  emit(END);
  return code;
}

function section(id: number, content: number[]): number[] {
  return [id, ...enc.u32(content.length), ...content];
}
const str = (s: string) => [...enc.u32(s.length), ...[...s].map((ch) => ch.charCodeAt(0))];

/** sumsq(p, n) → Σ p[k]² over n floats (n a positive multiple of 4), summed in float32 lanes. */
function sumsqBody(): number[] {
  const [P, NN, KK, END_, S] = [0, 1, 2, 3, 4];
  return [
    2, 2, 0x7f, 1, 0x7b, // locals: 2 i32, 1 v128
    ...get(P), ...set(KK), ...get(P), ...get(NN), ...c32(4), I32MUL, I32ADD, ...set(END_),
    ...V128ZERO, ...set(S),
    LOOP, VOID,
    ...get(S), ...get(KK), ...V128LOAD(), ...get(KK), ...V128LOAD(), ...F32X4_MUL, ...F32X4_ADD, ...set(S),
    ...get(KK), ...c32(16), I32ADD, ...tee(KK), ...get(END_), I32LTS, BR_IF, 0, END,
    ...hsum(S),
    END,
  ];
}

/** axpy(p, g, n, step): p[k] −= step · g[k] over n floats (n a positive multiple of 4). */
function axpyBody(): number[] {
  const [P, G, NN, STEP, KK, END_, D, VS] = [0, 1, 2, 3, 4, 5, 6, 7];
  return [
    2, 3, 0x7f, 1, 0x7b, // locals: 3 i32, 1 v128
    ...get(STEP), ...simd(0x13), ...set(VS),
    ...get(P), ...set(KK), ...get(G), ...get(P), 0x6b /* i32.sub */, ...set(D),
    ...get(P), ...get(NN), ...c32(4), I32MUL, I32ADD, ...set(END_),
    LOOP, VOID,
    ...get(KK),
    ...get(KK), ...V128LOAD(), ...get(KK), ...get(D), I32ADD, ...V128LOAD(), ...get(VS), ...F32X4_MUL, ...simd(0xe5) /* f32x4.sub */,
    ...simd(0x0b), 2, 0 /* v128.store */,
    ...get(KK), ...c32(16), I32ADD, ...tee(KK), ...get(END_), I32LTS, BR_IF, 0, END,
    END,
  ];
}

/** transpose(src, rows, cols, srcStride, dst, dstStride): dst[c·ds + 4r] = src[r·ss + 4c] (strides in bytes). */
function transposeBody(): number[] {
  const [SRC, R, CC, SS, DST, DS, r, c, ps, pd] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  return [
    1, 4, 0x7f,
    ...c32(0), ...set(r),
    BLOCK, VOID, LOOP, VOID,
    ...get(r), ...get(R), I32LTS, 0x45, BR_IF, 1,
    ...c32(0), ...set(c),
    ...get(SRC), ...get(r), ...get(SS), I32MUL, I32ADD, ...set(ps),
    ...get(DST), ...get(r), ...c32(4), I32MUL, I32ADD, ...set(pd),
    BLOCK, VOID, LOOP, VOID,
    ...get(c), ...get(CC), I32LTS, 0x45, BR_IF, 1,
    ...get(pd), ...get(ps), F32LOAD, 2, 0, F32STORE, 2, 0,
    ...get(ps), ...c32(4), I32ADD, ...set(ps),
    ...get(pd), ...get(DS), I32ADD, ...set(pd),
    ...get(c), ...c32(1), I32ADD, ...set(c),
    BR, 0, END, END,
    ...get(r), ...c32(1), I32ADD, ...set(r),
    BR, 0, END, END,
    END,
  ];
}

function moduleBytes(): Uint8Array<ArrayBuffer> {
  const I32 = 0x7f, F32 = 0x7d, V128 = 0x7b;
  const types = [
    [0x60, 10, ...new Array(10).fill(I32), 0], // gemm
    [0x60, 2, I32, I32, 1, F32], // sumsq
    [0x60, 4, I32, I32, I32, F32, 0], // axpy
    [0x60, 6, ...new Array(6).fill(I32), 0], // transpose
  ];
  const type = section(1, [types.length, ...types.flat()]);
  const imp = section(2, [1, ...str("env"), ...str("mem"), 0x02, 0x00, 1]); // memory, min 1 page
  const func = section(3, [4, 0, 1, 2, 3]);
  const names = ["gemm", "sumsq", "axpy", "transpose"];
  const exp = section(7, [names.length, ...names.flatMap((n, i) => [...str(n), 0x00, i])]);
  // gemm locals: i32×10 (10..19), v128×4 (20..23), i32×1 (24), v128×1 (25)
  const gemmLocals = [4, ...enc.u32(I32_LOCALS), I32, ...enc.u32(V128_LOCALS), V128, 1, I32, 1, V128];
  const bodies = [[...gemmLocals, ...body()], sumsqBody(), axpyBody(), transposeBody()];
  const code = section(10, [bodies.length, ...bodies.flatMap((b) => [...enc.u32(b.length), ...b])]);
  return new Uint8Array([0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0, ...type, ...imp, ...func, ...exp, ...code]);
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
  compiled ??= new WebAssembly.Module(moduleBytes());
  const memory = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(bytes / 65536)) });
  const ex = new WebAssembly.Instance(compiled, { env: { mem: memory } }).exports as unknown as Omit<Kernel, "memory">;
  return { memory, gemm: ex.gemm, sumsq: ex.sumsq, axpy: ex.axpy, transpose: ex.transpose };
}
