/** safetensors: our names and PyTorch's, F32/F16/BF16, the same bpc as the raw file, and clear errors. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadModelFile } from "../lib/io.ts";
import { type Model, serializeRawModel, VOCAB } from "../lib/model.ts";
import { runTrace } from "../lib/rnn.ts";
import {
  bf16ToFloat,
  encodeSafetensors,
  floatToBf16,
  floatToHalf,
  halfToFloat,
  isSafetensors,
  parseSafetensorsModel,
  roundModelTo,
  serializePytorchModel,
  serializeSafetensorsModel,
  type TensorData,
} from "../lib/safetensors.ts";
import { randomModel } from "./helpers.ts";

const dir = mkdtempSync(join(tmpdir(), "sat-rnn-st-"));
const write = (name: string, bytes: Uint8Array) => {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
};
const TEXT = new TextEncoder().encode("<page><title>Safetensors</title><text>Any bytes at all.</text></page>");
const expectSameModel = (a: Model, b: Model) => {
  expect(a.H).toBe(b.H);
  for (const t of ["Wx", "Wh", "bh", "Wy", "by"] as const) expect(Array.from(a[t])).toEqual(Array.from(b[t]));
};

/** PyTorch's naming, written by hand: bias split in two halves that sum (in float32) to bh. */
function pytorchTensors(m: Model, dtype: TensorData["dtype"], rnn = "rnn.", fc = "fc."): Record<string, TensorData> {
  const H = m.H;
  const half = m.bh.map((v) => Math.fround(v / 2));
  const rest = m.bh.map((v, i) => Math.fround(v - half[i]));
  return {
    [`${rnn}weight_ih_l0`]: { dtype, shape: [H, VOCAB], data: m.Wx },
    [`${rnn}weight_hh_l0`]: { dtype, shape: [H, H], data: m.Wh },
    [`${rnn}bias_ih_l0`]: { dtype, shape: [H], data: half },
    [`${rnn}bias_hh_l0`]: { dtype, shape: [H], data: rest },
    [`${fc}weight`]: { dtype, shape: [VOCAB, H], data: m.Wy },
    [`${fc}bias`]: { dtype, shape: [VOCAB], data: m.by },
  };
}

describe("half and bfloat16 conversion", () => {
  it("rounds to nearest even at the edges", () => {
    expect(floatToHalf(1)).toBe(0x3c00);
    expect(floatToHalf(-2)).toBe(0xc000);
    expect(floatToHalf(65504)).toBe(0x7bff);
    expect(floatToHalf(65520)).toBe(0x7c00); // ties to even → overflows to Inf
    expect(floatToHalf(65519)).toBe(0x7bff);
    expect(floatToHalf(2 ** -24)).toBe(0x0001); // smallest subnormal
    expect(floatToHalf(2 ** -25)).toBe(0x0000); // tie → even (0)
    expect(floatToHalf(3 * 2 ** -25)).toBe(0x0002); // tie → even (2)
    expect(floatToHalf(2 ** -14 - 2 ** -25)).toBe(0x0400); // rounds up into the normal range
    expect(floatToHalf(1 + 2 ** -11)).toBe(0x3c00); // tie → even
    expect(floatToHalf(1 + 3 * 2 ** -11)).toBe(0x3c02);
    expect(floatToHalf(-0)).toBe(0x8000);
    expect(floatToHalf(Infinity)).toBe(0x7c00);
    expect(Number.isNaN(halfToFloat(floatToHalf(NaN)))).toBe(true);
    expect(floatToBf16(1)).toBe(0x3f80);
    expect(floatToBf16(1 + 2 ** -8)).toBe(0x3f80); // tie → even
    expect(floatToBf16(1 + 3 * 2 ** -8)).toBe(0x3f82);
    expect(Number.isNaN(bf16ToFloat(floatToBf16(NaN)))).toBe(true);
  });
  it("round-trips every finite half and bfloat16 value exactly", () => {
    const bad: number[] = [];
    for (let h = 0; h < 0x10000; h++) {
      const v = halfToFloat(h);
      if (!Number.isNaN(v) && floatToHalf(v) !== h) bad.push(h);
      const b = bf16ToFloat(h);
      if (!Number.isNaN(b) && floatToBf16(b) !== h) bad.push(0x10000 + h);
    }
    expect(bad).toEqual([]);
  });
});

describe("safetensors models", () => {
  const model = randomModel(5, 11);
  const rawBpc = runTrace(model, TEXT).bpc;

  it("round-trips our names (F32) and is recognised by content", () => {
    const bytes = serializeSafetensorsModel(model);
    expect(isSafetensors(bytes)).toBe(true);
    expect(isSafetensors(serializeRawModel(model))).toBe(false);
    expectSameModel(parseSafetensorsModel(bytes), model);
    expectSameModel(loadModelFile(write("ours.safetensors", bytes)), model);
  });

  it("loads PyTorch's names (F32) and gives exactly the raw file's bpc", () => {
    const p = write("torch32.safetensors", encodeSafetensors(pytorchTensors(model, "F32")));
    const m = loadModelFile(p);
    expectSameModel(m, model);
    expect(runTrace(m, TEXT).bpc).toBe(rawBpc);
    expect(runTrace(loadModelFile(write("raw.bin", serializeRawModel(model))), TEXT).bpc).toBe(rawBpc);
  });

  for (const dtype of ["F16", "BF16"] as const) {
    it(`loads PyTorch's names in ${dtype}: the bpc of the raw model rounded to ${dtype}`, () => {
      const rounded = roundModelTo(model, dtype);
      // bias halves of a rounded bias: keep them exact in the dtype by putting it all in bias_ih
      const t = pytorchTensors(rounded, dtype, "model.rnn.", "model.head.");
      t["model.rnn.bias_ih_l0"].data = rounded.bh;
      t["model.rnn.bias_hh_l0"].data = new Float32Array(model.H);
      const m = loadModelFile(write(`torch-${dtype}.safetensors`, encodeSafetensors(t)));
      expectSameModel(m, rounded);
      const rawRounded = loadModelFile(write(`raw-${dtype}.bin`, serializeRawModel(rounded)));
      expect(runTrace(m, TEXT).bpc).toBe(runTrace(rawRounded, TEXT).bpc);
      expect(Math.abs(runTrace(m, TEXT).bpc - rawBpc)).toBeLessThan(0.5);
    });
  }

  it("sums bias_ih_l0 + bias_hh_l0 and accepts no prefix at all", () => {
    const H = 2;
    const m = randomModel(H, 3);
    const t = pytorchTensors(m, "F32", "", "");
    t.bias_ih_l0.data = [0.25, -1];
    t.bias_hh_l0.data = [0.5, 0.125];
    const got = parseSafetensorsModel(encodeSafetensors(t));
    expect(Array.from(got.bh)).toEqual([0.75, -0.875]);
    expect(Array.from(got.Wy)).toEqual(Array.from(m.Wy));
  });

  it("writes F16 and BF16 under our names, and PyTorch's names", () => {
    for (const dtype of ["F16", "BF16"] as const) {
      expectSameModel(parseSafetensorsModel(serializeSafetensorsModel(model, dtype)), roundModelTo(model, dtype));
    }
    expectSameModel(parseSafetensorsModel(serializePytorchModel(model)), model);
  });
});

describe("safetensors errors name what was found and what is expected", () => {
  const model = randomModel(3, 5);
  const load = (name: string, bytes: Uint8Array) => () => loadModelFile(write(name, bytes));

  it("unknown dtype", () => {
    const t = pytorchTensors(model, "F32");
    const bytes = encodeSafetensors(t);
    // relabel one tensor as I32 (same width as F32, so offsets stay valid)
    const key = new TextEncoder().encode('"fc.bias":{"dtype":"F32"');
    const at = Buffer.from(bytes).indexOf(Buffer.from(key));
    expect(at).toBeGreaterThan(0);
    const patched = bytes.slice();
    patched[at + key.length - 4] = "I".charCodeAt(0);
    expect(load("dtype.safetensors", patched)).toThrow(/dtype\.safetensors: tensor fc\.bias has dtype I32; supported dtypes are F32, F16, BF16 and F64; found .*fc\.bias I32\[256\]/);
  });

  it("mismatched shapes", () => {
    const t = pytorchTensors(model, "F32");
    t["rnn.weight_ih_l0"] = { dtype: "F32", shape: [3, 128], data: new Float32Array(3 * 128) };
    expect(load("shape.safetensors", encodeSafetensors(t))).toThrow(/shape\.safetensors: tensor rnn\.weight_ih_l0 has shape \[3,128\], expected \[3,256\] \(H = 3\); found rnn\.weight_ih_l0 F32\[3,128\]/);
    const ours = { Wx: { dtype: "F32" as const, shape: [3, 256], data: model.Wx }, Wh: { dtype: "F32" as const, shape: [3, 3], data: model.Wh }, bh: { dtype: "F32" as const, shape: [4], data: new Float32Array(4) }, Wy: { dtype: "F32" as const, shape: [256, 3], data: model.Wy }, by: { dtype: "F32" as const, shape: [256], data: model.by } };
    expect(load("shape2.safetensors", encodeSafetensors(ours))).toThrow(/tensor bh has shape \[4\], expected \[3\]/);
  });

  it("wrong names", () => {
    const bytes = encodeSafetensors({ encoder: { dtype: "F32", shape: [2, 2], data: [1, 2, 3, 4] } });
    expect(load("names.safetensors", bytes)).toThrow(/names\.safetensors: unrecognised tensor names; found encoder F32\[2,2\]; expected Wx \[H,256\], Wh \[H,H\], bh \[H\], Wy \[256,H\], by \[256\], or PyTorch's/);
    const t = pytorchTensors(model, "F32");
    delete t["rnn.bias_hh_l0"];
    expect(load("missing.safetensors", encodeSafetensors(t))).toThrow(/missing rnn\.bias_hh_l0; found/);
    const two = pytorchTensors(model, "F32");
    two["rnn.weight_ih_l1"] = { dtype: "F32", shape: [3, 3], data: new Float32Array(9) };
    expect(load("layers.safetensors", encodeSafetensors(two))).toThrow(/multi-layer/);
  });

  it("truncated and oversized files", () => {
    const bytes = serializeSafetensorsModel(model);
    expect(load("cut.safetensors", bytes.subarray(0, bytes.length - 10))).toThrow(/cut\.safetensors: tensor by ends at byte \d+ but the file has \d+ bytes \(truncated\?\)/);
    expect(load("cuthead.safetensors", bytes.subarray(0, 40))).toThrow(/cuthead\.safetensors: safetensors header length \d+ runs past the end of the 40-byte file \(truncated\?\)/);
    expect(load("big.safetensors", new Uint8Array([...bytes, 0, 0, 0, 0]))).toThrow(/big\.safetensors: 4 bytes after the last tensor .* oversized/);
  });

  it("NaN weights and broken headers", () => {
    const bad = roundModelTo(model, "F32");
    bad.Wy[2 * 3 + 1] = NaN;
    expect(load("nan.safetensors", serializeSafetensorsModel(bad))).toThrow(/nan\.safetensors: Wy\[2\]\[1\] is NaN/);
    const junk = new Uint8Array(64);
    new DataView(junk.buffer).setBigUint64(0, 20n, true);
    junk.set(new TextEncoder().encode("{not json at all}   "), 8);
    expect(load("junk.safetensors", junk)).toThrow(/junk\.safetensors: safetensors header is not valid JSON/);
  });
});
