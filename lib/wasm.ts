/**
 * The project's one WebAssembly helper: a minimal byte-level module builder (no toolchain, no npm
 * package) for the small hand-assembled SIMD kernels (lib/analyses/q7/simd.ts, lib/train/wasm.ts,
 * lib/analyses/q1/kernel.ts), plus instantiation and a SIMD feature check with a fallback switch.
 *
 * Why hand-assembled: the kernels are a few hundred bytes, must be bit-exact (wasm float ops round
 * every lane like C float arithmetic; wasm has no FMA and never reassociates), and a compiler
 * toolchain would be a heavy dependency for that.
 *
 * Conventions: instructions are plain byte arrays; `flat(...)` concatenates numbers and arrays, so a
 * function body reads like assembly: `flat(get(a), get(b), F32_ADD, set(a))`. Memory offsets in
 * memargs are byte offsets; alignment immediates are log2 of the byte alignment.
 */

// ---- LEB128 and vectors ----

/** Unsigned LEB128 (u32). */
export function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

/** Signed LEB128 (i32). */
export function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

/** Concatenates bytes and byte arrays (one level deep). */
export function flat(...xs: (number | readonly number[])[]): number[] {
  const out: number[] = [];
  for (const x of xs) {
    if (typeof x === "number") out.push(x);
    else for (const b of x) out.push(b);
  }
  return out;
}

/** A wasm vector: count, then the items. */
export const vec = (items: readonly (readonly number[])[]): number[] => flat(uleb(items.length), ...items);
/** A section: id, byte size, content. */
export const section = (id: number, content: readonly number[]): number[] => flat(id, uleb(content.length), content);
/** A name (ASCII). */
export const str = (s: string): number[] => flat(uleb(s.length), Array.from(s, (c) => c.charCodeAt(0)));

// ---- value types ----
export const I32 = 0x7f, I64 = 0x7e, F32 = 0x7d, F64 = 0x7c, V128 = 0x7b;
/** Empty block type. */
export const VOID = 0x40;

// ---- control ----
export const BLOCK = [0x02, VOID];
export const LOOP = [0x03, VOID];
export const IF = [0x04, VOID];
export const ELSE = 0x05;
export const END = 0x0b;
export const RETURN = 0x0f;
export const br = (depth: number) => flat(0x0c, uleb(depth));
export const brIf = (depth: number) => flat(0x0d, uleb(depth));
export const call = (func: number) => flat(0x10, uleb(func));

// ---- locals and constants ----
export const get = (l: number) => flat(0x20, uleb(l));
export const set = (l: number) => flat(0x21, uleb(l));
export const tee = (l: number) => flat(0x22, uleb(l));
export const i32c = (v: number) => flat(0x41, sleb(v));
/** f32.const from an IEEE bit pattern. */
export const f32bits = (u: number) => [0x43, u & 0xff, (u >>> 8) & 0xff, (u >>> 16) & 0xff, (u >>> 24) & 0xff];
/** f32.const of a value (rounded to float32). */
export const f32c = (v: number) => f32bits(new Uint32Array(new Float32Array([v]).buffer)[0]);

// ---- scalar memory (memarg: align log2, byte offset) ----
export const F32_LOAD = (offset = 0, align = 2) => flat(0x2a, align, uleb(offset));
export const F32_STORE = (offset = 0, align = 2) => flat(0x38, align, uleb(offset));

// ---- i32 ----
export const I32_EQZ = 0x45, I32_EQ = 0x46, I32_NE = 0x47, I32_LT_S = 0x48, I32_LT_U = 0x49, I32_GT_S = 0x4a, I32_GT_U = 0x4b;
export const I32_LE_S = 0x4c, I32_LE_U = 0x4d, I32_GE_S = 0x4e, I32_GE_U = 0x4f;
export const I32_ADD = 0x6a, I32_SUB = 0x6b, I32_MUL = 0x6c, I32_AND = 0x71, I32_OR = 0x72, I32_XOR = 0x73;
export const I32_SHL = 0x74, I32_SHR_S = 0x75, I32_SHR_U = 0x76;

// ---- f32 ----
export const F32_EQ = 0x5b, F32_NE = 0x5c, F32_LT = 0x5d, F32_GT = 0x5e, F32_LE = 0x5f, F32_GE = 0x60;
export const F32_ABS = 0x8b, F32_NEG = 0x8c, F32_ADD = 0x92, F32_SUB = 0x93, F32_MUL = 0x94, F32_DIV = 0x95, F32_COPYSIGN = 0x98;

// ---- conversions ----
export const I32_TRUNC_F32_S = 0xa8, F32_CONVERT_I32_S = 0xb2, I32_REINTERPRET_F32 = 0xbc, F32_REINTERPRET_I32 = 0xbe;

// ---- SIMD (0xfd prefix) ----
export const simd = (op: number, ...imm: number[]) => flat(0xfd, uleb(op), imm);
/** v128.load; align defaults to 16 bytes (log2 4). */
export const V128_LOAD = (offset = 0, align = 4) => simd(0x00, align, ...uleb(offset));
export const V128_STORE = (offset = 0, align = 4) => simd(0x0b, align, ...uleb(offset));
/** v128.load32_splat (4-byte aligned). */
export const V128_LOAD32_SPLAT = (offset = 0) => simd(0x09, 2, ...uleb(offset));
/** v128.load64_splat (8-byte aligned). */
export const V128_LOAD64_SPLAT = (offset = 0) => simd(0x0a, 3, ...uleb(offset));
export const V128_ZERO = simd(0x0c, ...new Array(16).fill(0));
/** i8x16.shuffle with 16 lane indices. */
export const I8X16_SHUFFLE = (...lanes: number[]) => simd(0x0d, ...lanes);
export const F32X4_SPLAT = simd(0x13);
export const F32X4_EXTRACT_LANE = (lane: number) => simd(0x1f, lane);
export const F64X2_PROMOTE_LOW_F32X4 = simd(0x5f);
export const F32X4_ADD = simd(0xe4), F32X4_SUB = simd(0xe5), F32X4_MUL = simd(0xe6);
/** v128.const of four equal float32 lanes. */
export const F32X4_CONST = (v: number) => simd(0x0c, ...[0, 1, 2, 3].flatMap(() => f32c(v).slice(1)));
export const F64X2_ADD = simd(0xf0), F64X2_MUL = simd(0xf2);

// ---- module ----

export interface FuncType {
  params: number[];
  results: number[];
}

export interface ModuleSpec {
  types: FuncType[];
  /** An imported memory (module, field, minimum pages). */
  importMemory?: { module: string; name: string; min: number };
  /** The type index of each defined function, in order. */
  funcs: number[];
  /** A memory defined by the module (minimum pages). */
  memory?: number;
  exports: { name: string; kind: "func" | "memory"; index: number }[];
  /** One body per defined function, each made by `func`. */
  bodies: number[][];
}

/** A function body: the local declarations (run-length [count, type] pairs), the code, END; size-prefixed. */
export function func(locals: [number, number][], code: readonly number[]): number[] {
  const b = flat(vec(locals.map(([n, t]) => flat(uleb(n), t))), code, END);
  return flat(uleb(b.length), b);
}

/** The bytes of a module; sections are emitted in the order the binary format requires. */
export function moduleBytes(spec: ModuleSpec): Uint8Array<ArrayBuffer> {
  const out: number[] = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  out.push(...section(1, vec(spec.types.map((t) => flat(0x60, vec(t.params.map((p) => [p])), vec(t.results.map((r) => [r])))))));
  if (spec.importMemory) {
    const m = spec.importMemory;
    out.push(...section(2, vec([flat(str(m.module), str(m.name), 0x02, 0x00, uleb(m.min))])));
  }
  out.push(...section(3, vec(spec.funcs.map((t) => uleb(t)))));
  if (spec.memory !== undefined) out.push(...section(5, vec([flat(0x00, uleb(spec.memory))])));
  out.push(...section(7, vec(spec.exports.map((e) => flat(str(e.name), e.kind === "func" ? 0x00 : 0x02, uleb(e.index))))));
  out.push(...section(10, flat(uleb(spec.bodies.length), ...spec.bodies)));
  return new Uint8Array(out);
}

// ---- instantiation and the SIMD switch ----

/** Compiles a module, or returns null if WebAssembly is missing or the bytes do not validate. */
export function compileSync(bytes: Uint8Array<ArrayBuffer>): WebAssembly.Module | null {
  if (typeof WebAssembly === "undefined") return null;
  try {
    if (!WebAssembly.validate(bytes)) return null;
    return new WebAssembly.Module(bytes);
  } catch {
    return null;
  }
}

/** Compiles and instantiates a module synchronously (fine for these kernels: a few hundred bytes), or null. */
export function instantiateSync(bytes: Uint8Array<ArrayBuffer> | WebAssembly.Module, imports: WebAssembly.Imports = {}): WebAssembly.Instance | null {
  const mod = bytes instanceof Uint8Array ? compileSync(bytes) : bytes;
  if (!mod) return null;
  try {
    return new WebAssembly.Instance(mod, imports);
  } catch {
    return null;
  }
}

let simdForcedOff = false;
let simdProbe: boolean | undefined;

/**
 * Forces the plain-JS fallbacks on (true) or restores auto-detection (false). Tests use this to
 * check that both paths give the same numbers; SAT_RNN_NO_SIMD=1 in the environment (read at the
 * first check) switches SIMD off for the whole process.
 */
export function setSimdDisabled(disabled: boolean): void {
  simdForcedOff = disabled;
}

/** True when wasm SIMD (f32x4) is available and not switched off. */
export function simdSupported(): boolean {
  if (simdForcedOff) return false;
  if (simdProbe === undefined) {
    // The environment switch is read once (this check sits on hot paths).
    const env = typeof process !== "undefined" ? process.env?.SAT_RNN_NO_SIMD : undefined;
    if (env && env !== "0") return (simdProbe = false);
    // () -> v128 returning f32x4.splat(1.0): validates only if the engine implements SIMD.
    const probe = moduleBytes({
      types: [{ params: [], results: [V128] }],
      funcs: [0],
      exports: [],
      bodies: [func([], flat(f32c(1), F32X4_SPLAT))],
    });
    simdProbe = compileSync(probe) !== null;
  }
  return simdProbe;
}
