/** The float32 engine: tanhf and rand against glibc, hand-computed tiny models, sat-rnn parity. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bitsOf, fromBits, GlibcRand, swapSelect, tanhf } from "../lib/f32.ts";
import { fixed, sprintf } from "../lib/printf.ts";
import { readoutLogits, runTrace, softmax, step } from "../lib/rnn.ts";
import { HAVE_SHARED, randomModel, REFERENCE_DIR, satRun, tinyModel } from "./helpers.ts";

const f32 = Math.fround;

describe("tanhf (glibc 2.36 port)", () => {
  it("matches the committed table of glibc values bit for bit", () => {
    // test/fixtures/tanhf_glibc.txt was produced by test/fixtures/gen_tanhf_table.c on glibc 2.36.
    const lines = readFileSync(join(import.meta.dirname, "fixtures/tanhf_glibc.txt"), "utf8").trim().split("\n");
    expect(lines.length).toBeGreaterThan(14000);
    let mismatches = 0;
    for (const line of lines) {
      const [x, y] = line.split(" ").map((s) => parseInt(s, 16));
      const got = bitsOf(tanhf(fromBits(x)));
      if (got !== y && !(Number.isNaN(fromBits(y)) && Number.isNaN(fromBits(got)))) mismatches++;
    }
    expect(mismatches).toBe(0);
  });

  it("differs from f32(Math.tanh) somewhere (so the port matters)", () => {
    const lines = readFileSync(join(import.meta.dirname, "fixtures/tanhf_glibc.txt"), "utf8").trim().split("\n");
    const differs = lines.some((l) => {
      const [x, y] = l.split(" ").map((s) => parseInt(s, 16));
      return Number.isFinite(fromBits(x)) && bitsOf(f32(Math.tanh(fromBits(x)))) !== y;
    });
    expect(differs).toBe(true);
  });

  it("keeps −0 and saturates", () => {
    expect(Object.is(tanhf(-0), -0)).toBe(true);
    expect(tanhf(30)).toBe(1);
    expect(tanhf(-Infinity)).toBe(-1);
  });
});

describe("glibc rand()", () => {
  it("gives the spec's check values for srand(42)", () => {
    const r = new GlibcRand(42);
    expect([r.rand(), r.rand(), r.rand()]).toEqual([71876166, 708592740, 1483128881]);
  });
  it("treats seed 0 as 1", () => {
    const a = new GlibcRand(0);
    const b = new GlibcRand(1);
    expect(a.rand()).toBe(b.rand());
  });
  it("srand(1) starts like glibc's default generator", () => {
    // glibc's documented first outputs for the default seed.
    const r = new GlibcRand(1);
    expect([r.rand(), r.rand(), r.rand()]).toEqual([1804289383, 846930886, 1681692777]);
  });
});

describe("swap-select (reference ordering, not stable)", () => {
  it("reorders ties the way the literal procedure does", () => {
    const keys = [1, 3, 3, 2];
    const order = swapSelect([0, 1, 2, 3], (b, a) => keys[b] > keys[a]);
    expect(order.map((i) => keys[i])).toEqual([3, 3, 2, 1]);
    // a literal trace: a=0 swaps with 1 (3>1) → [1,0,2,3]; 2 not > 3; a=1: 2 (3>1) → [1,2,0,3]; 3 (2>... 0's key 1) → [1,2,3,0]
    expect(order).toEqual([1, 2, 3, 0]);
  });
  it("partial K only orders the first K", () => {
    const keys = [5, 1, 9, 7];
    expect(swapSelect([0, 1, 2, 3], (b, a) => keys[b] > keys[a], 1)[0]).toBe(2);
  });
});

describe("printf", () => {
  it("rounds exact binary ties to even like glibc", () => {
    expect(fixed(6.25, 1)).toBe("6.2");
    expect(fixed(6.75, 1)).toBe("6.8");
    expect(fixed(0.125, 2)).toBe("0.12");
    expect(fixed(1.005, 2)).toBe("1.00"); // 1.005 is below the tie in binary
  });
  it("keeps the sign of negative values that round to zero", () => {
    expect(sprintf("%+.2f|%.2f|%.1f", 0, -0.001, -0.0)).toBe("+0.00|-0.00|-0.0");
  });
  it("pads, aligns and prints exponents with two digits", () => {
    expect(sprintf("%5d|%-5d|%05.1f|%e|%-8.0e|%c|%s", 42, 7, 3.14159, 0.000123, 1e-5, 120, "x")).toBe("   42|7    |003.1|1.230000e-04|1e-05   |x|x");
  });
});

describe("forward pass on hand-built models", () => {
  it("H = 1: z, h, logits, probabilities and bits by hand", () => {
    const a = 97;
    const b = 98;
    const m = tinyModel(1, (m) => {
      m.Wx[0 * 256 + a] = 0.5;
      m.Wx[0 * 256 + b] = -0.25;
      m.Wh[0] = 0.5;
      m.bh[0] = 0.125;
      m.Wy[b] = 2; // Wy[b][0]
      m.Wy[a] = -1;
      m.by[b] = 0.5;
    });
    const tr = runTrace(m, new Uint8Array([a, b, a]));
    // t = 0: z = 0.125 + 0.5 + 0.5·0 = 0.625; h = tanh(0.625)
    expect(tr.z[0]).toBe(0.625);
    const h0 = f32(Math.tanh(0.625));
    expect(Math.abs(tr.h[0] - h0)).toBeLessThan(2e-7);
    // t = 1: z = f32(0.125 − 0.25) + f32(0.5·h0)
    expect(tr.z[1]).toBe(f32(f32(0.125 - 0.25) + f32(0.5 * tr.h[0])));
    // logits at t = 0: by + Wy·h: b → 0.5 + f32(2h0), a → f32(−h0), others 0
    const lb = 0.5 + f32(2 * tr.h[0]);
    const la = f32(-tr.h[0]);
    expect(tr.logits[b]).toBe(lb);
    expect(tr.logits[a]).toBe(la);
    const M = lb; // the largest logit
    const S = 254 * Math.exp(0 - M) + Math.exp(la - M) + 1;
    expect(tr.probs[b]).toBeCloseTo(1 / S, 15);
    // target of t = 0 is data[1] = b
    expect(tr.bits[0]).toBeCloseTo(-Math.log2(1 / S), 12);
    // target of t = 1 is a
    const h1 = tr.h[1];
    const lb1 = 0.5 + f32(2 * h1);
    const la1 = f32(-h1);
    const M1 = Math.max(lb1, la1, 0);
    const S1 = 254 * Math.exp(-M1) + Math.exp(la1 - M1) + Math.exp(lb1 - M1);
    expect(tr.bits[1]).toBeCloseTo(-Math.log2(Math.exp(la1 - M1) / S1), 12);
    expect(tr.bpc).toBeCloseTo((tr.bits[0] + tr.bits[1]) / 2, 14);
  });

  it("H = 2: the recurrence mixes neurons through Wh (row = target, column = source)", () => {
    const m = tinyModel(2, (m) => {
      m.Wx[0 * 256 + 1] = 1; // byte 1 drives neuron 0
      m.Wh[1 * 2 + 0] = 2; // Wh[1][0]: neuron 0 → neuron 1
      m.Wh[0 * 2 + 1] = -1; // Wh[0][1]: neuron 1 → neuron 0
    });
    const tr = runTrace(m, new Uint8Array([1, 0, 0, 0]));
    expect(Array.from(tr.z.subarray(0, 2))).toEqual([1, 0]);
    const h00 = tr.h[0];
    expect(tr.z[2]).toBe(0); // neuron 0 at t = 1: −1·h1(=0)
    expect(tr.z[3]).toBe(f32(2 * h00)); // neuron 1 at t = 1
    expect(tr.z[4]).toBe(f32(-tr.h[3])); // neuron 0 at t = 2: −1·h_1[1]
    // all-zero readout: uniform prediction, exactly 8 bits each
    expect(Array.from(tr.bits)).toEqual([8, 8, 8]);
  });

  it("accumulates in float32, in index order (not in double)", () => {
    // 1 + 2^-24 + 2^-24 is 1 in float32 when added left to right, 1 + 2^-23 in double.
    const m = tinyModel(3, (m) => {
      m.bh[0] = 1;
      m.Wh[1] = 1;
      m.Wh[2] = 1;
    });
    const z = new Float32Array(3);
    const h = new Float32Array(3);
    step(m, [0, 2 ** -24, 2 ** -24], 0, z, h);
    expect(z[0]).toBe(1);
  });

  // `step` is unrolled four rows at a time; odd H exercise the leftover-row loop.
  it.each([1, 3, 5, 8])("the unrolled step equals the naive loop bit for bit (H = %i)", (H) => {
    const m = randomModel(H, 7 + H, 2);
    const naive = (hPrev: Float32Array, x: number, z: Float32Array, h: Float32Array) => {
      for (let i = 0; i < H; i++) {
        let acc = f32(m.bh[i] + m.Wx[i * 256 + x]);
        for (let j = 0; j < H; j++) acc = f32(acc + f32(m.Wh[i * H + j] * hPrev[j]));
        z[i] = acc;
        h[i] = tanhf(acc);
      }
    };
    let a = new Float32Array(H);
    let b = new Float32Array(H);
    const za = new Float32Array(H);
    const zb = new Float32Array(H);
    const bits = (v: Float32Array) => Array.from(new Uint32Array(v.buffer.slice(0)));
    for (const x of new TextEncoder().encode("state after state, 0x80 \u00ff bytes")) {
      const na = new Float32Array(H);
      const nb = new Float32Array(H);
      step(m, a, x, za, na);
      naive(b, x, zb, nb);
      expect(bits(za)).toEqual(bits(zb));
      expect(bits(na)).toEqual(bits(nb));
      [a, b] = [na, nb];
    }
  });

  it("readout sums float32 products in double, softmax sums to 1", () => {
    const m = tinyModel(2, (m) => {
      m.Wy[5 * 2 + 0] = 0.1;
      m.Wy[5 * 2 + 1] = 0.2;
    });
    const l = readoutLogits(m, [1 / 3, 1 / 3]);
    expect(l[5]).toBe(f32(f32(0.1) * f32(1 / 3)) + f32(f32(0.2) * f32(1 / 3)));
    const p = softmax(l);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
  });
});

describe("the SIMD kernel and the scalar loop give the same trace, bit for bit", () => {
  const same = (a: ArrayLike<number>, b: ArrayLike<number>) => a.length === b.length && Array.prototype.every.call(a, (v: number, k: number) => Object.is(v, b[k]));
  it.each([1, 5, 13, 40])("H = %i", (H) => {
    const m = randomModel(H, 100 + H, 1.5);
    const data = new TextEncoder().encode("<mediawiki xmlns=\"http://www.mediawiki.org/\"> some text, some more text ".repeat(4));
    const a = runTrace(m, data, { simd: false });
    const b = runTrace(m, data);
    expect(same(a.z, b.z) && same(a.h, b.h) && same(a.logits, b.logits) && same(a.probs, b.probs) && same(a.bits, b.bits)).toBe(true);
  });
  it.skipIf(!HAVE_SHARED)("on the sat-rnn", () => {
    const { model, data, trace } = satRun();
    const scalar = runTrace(model, data, { simd: false });
    expect(same(scalar.h, trace.h) && same(scalar.logits, trace.logits) && same(scalar.bits, trace.bits)).toBe(true);
  });
});

describe.skipIf(!HAVE_SHARED)("sat-rnn parity", () => {
  it("bpc is 0.0792 (0.07920147236527102 in double)", () => {
    const run = satRun();
    expect(run.trace.T).toBe(1023);
    expect(run.trace.bpc.toFixed(4)).toBe("0.0792");
    expect(run.trace.bpc).toBe(0.07920147236527102);
  });

  it("per-position bits equal q1_margins' bpc_full column at all 1023 positions", () => {
    const ref = readFileSync(join(REFERENCE_DIR, "q1_margins.txt"), "utf8");
    const rows = ref
      .split("\n")
      .map((l) => l.trim().split(/\s+/))
      .filter((c) => c.length === 7 && /^\d+$/.test(c[0]));
    expect(rows.length).toBe(1023);
    const { trace } = satRun();
    const mismatched = rows.filter((c) => fixed(trace.bits[Number(c[0])], 3) !== c[5]).map((c) => c[0]);
    expect(mismatched).toEqual([]);
  });
});
