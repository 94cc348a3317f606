/** lib/wasm.ts: the shared WebAssembly module builder, instantiation and the SIMD fallback switch. */
import { afterEach, describe, expect, it } from "vitest";
import {
  F32X4_ADD, F32X4_EXTRACT_LANE, F32X4_SPLAT, flat, func, get, I32, I32_ADD, F32, instantiateSync, moduleBytes, setSimdDisabled, simdSupported, sleb, uleb,
} from "../lib/wasm.ts";
import { createKernel } from "../lib/kernel.ts";
import { createBackprop } from "../lib/analyses/q1/simd.ts";
import { tinyModel } from "./helpers.ts";

afterEach(() => setSimdDisabled(false));

describe("lib/wasm.ts builder", () => {
  it("encodes LEB128", () => {
    expect(uleb(0)).toEqual([0]);
    expect(uleb(127)).toEqual([127]);
    expect(uleb(128)).toEqual([0x80, 1]);
    expect(uleb(624485)).toEqual([0xe5, 0x8e, 0x26]);
    expect(sleb(-1)).toEqual([0x7f]);
    expect(sleb(63)).toEqual([63]);
    expect(sleb(64)).toEqual([0xc0, 0]);
    expect(sleb(-123456)).toEqual([0xc0, 0xbb, 0x78]);
  });
  it("builds a module with an exported add function", () => {
    const bytes = moduleBytes({
      types: [{ params: [I32, I32], results: [I32] }],
      funcs: [0],
      exports: [{ name: "add", kind: "func", index: 0 }],
      bodies: [func([], flat(get(0), get(1), I32_ADD))],
    });
    expect(Array.from(bytes.subarray(0, 8))).toEqual([0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
    const inst = instantiateSync(bytes);
    expect(inst).not.toBeNull();
    const add = inst!.exports.add as (a: number, b: number) => number;
    expect(add(2, 40)).toBe(42);
    expect(add(0x7fffffff, 1)).toBe(-0x80000000);
  });
  it("builds a SIMD function whose f32x4 lanes round like Math.fround", () => {
    if (!simdSupported()) return;
    const bytes = moduleBytes({
      types: [{ params: [F32, F32], results: [F32] }],
      funcs: [0],
      exports: [{ name: "addv", kind: "func", index: 0 }],
      bodies: [func([], flat(get(0), F32X4_SPLAT, get(1), F32X4_SPLAT, F32X4_ADD, F32X4_EXTRACT_LANE(3)))],
    });
    const addv = instantiateSync(bytes)!.exports.addv as (a: number, b: number) => number;
    for (const [a, b] of [[0.1, 0.2], [1e-8, 1], [3.4e38, 3.4e38], [-0, -0]]) {
      expect(Object.is(addv(a, b), Math.fround(Math.fround(a) + Math.fround(b)))).toBe(true);
    }
  });
  it("returns null for bytes that do not validate", () => {
    expect(instantiateSync(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 99]))).toBeNull();
  });
  it("the fallback switch turns the SIMD kernels off, and back on", () => {
    const supported = simdSupported();
    setSimdDisabled(true);
    expect(simdSupported()).toBe(false);
    const m = tinyModel(4);
    expect(createKernel(m)).toBeNull();
    expect(createBackprop(m.Wh, m.Wy, m.H, 256, new Float32Array(4 * m.H))).toBeNull();
    setSimdDisabled(false);
    expect(simdSupported()).toBe(supported);
    if (supported) expect(createKernel(m)).not.toBeNull();
  });
});
