/**
 * safetensors files whose data regions are not a clean tiling of the data section (overlapping,
 * with gaps, out of range) are rejected with one line naming the file and the tensors, as the
 * reference safetensors library does; a wrong nn.Linear weight shape names the shape.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadModelFile, PROJECT_ROOT } from "../lib/io.ts";
import { VOCAB } from "../lib/model.ts";
import { randomModel } from "./helpers.ts";

const dir = mkdtempSync(join(tmpdir(), "sat-rnn-rel-st-"));
const H = 3;
const model = randomModel(H, 7);

interface Entry {
  shape: number[];
  data: Float32Array;
  /** Byte range in the data section; defaults to packing in the given order. */
  at?: [number, number];
}

/** A safetensors file from explicit entries (F32), with `dataBytes` of data (defaults to the packed size). */
function file(name: string, entries: Record<string, Entry>, dataBytes?: number): string {
  const header: Record<string, unknown> = {};
  let offset = 0;
  const placed: [number, Float32Array][] = [];
  for (const [k, e] of Object.entries(entries)) {
    const at = e.at ?? [offset, offset + 4 * e.data.length];
    header[k] = { dtype: "F32", shape: e.shape, data_offsets: at };
    placed.push([at[0], e.data]);
    offset = Math.max(offset, at[1]);
  }
  const json = new TextEncoder().encode(JSON.stringify(header));
  const size = dataBytes ?? offset;
  const out = new Uint8Array(8 + json.length + size);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  for (const [begin, data] of placed) {
    for (let k = 0; k < data.length && 8 + json.length + begin + 4 * k + 4 <= out.length; k++) view.setFloat32(8 + json.length + begin + 4 * k, data[k], true);
  }
  const p = join(dir, name);
  writeFileSync(p, out);
  return p;
}

const sizes = { ih: 4 * H * VOCAB, hh: 4 * H * H, b: 4 * H, fcw: 4 * VOCAB * H, fcb: 4 * VOCAB };
const zeros = (n: number) => new Float32Array(n);

/** PyTorch names, packed: weight_ih, weight_hh, bias_ih, bias_hh, fc.weight, fc.bias. */
function pytorch(over: Partial<Record<string, Entry>> = {}): Record<string, Entry> {
  return {
    "rnn.weight_ih_l0": { shape: [H, VOCAB], data: model.Wx },
    "rnn.weight_hh_l0": { shape: [H, H], data: model.Wh },
    "rnn.bias_ih_l0": { shape: [H], data: model.bh },
    "rnn.bias_hh_l0": { shape: [H], data: zeros(H) },
    "fc.weight": { shape: [VOCAB, H], data: model.Wy },
    "fc.bias": { shape: [VOCAB], data: model.by },
    ...over,
  } as Record<string, Entry>;
}

describe("safetensors data regions", () => {
  it("a clean file loads, whatever order the header lists the tensors in", () => {
    const e = pytorch();
    const reordered: Record<string, Entry> = { "fc.bias": e["fc.bias"], ...e };
    // explicit offsets in packing order, header order different
    let o = 0;
    for (const k of Object.keys(e)) {
      const n = 4 * e[k].data.length;
      reordered[k] = { ...e[k], at: [o, o + n] };
      o += n;
    }
    const m = loadModelFile(file("ok.safetensors", reordered));
    expect(m.H).toBe(H);
    expect(Array.from(m.Wy)).toEqual(Array.from(model.Wy));
    expect(Array.from(m.bh)).toEqual(Array.from(model.bh));
  });

  it("rejects overlapping tensors (bias_hh_l0 on the bytes of bias_ih_l0), naming both", () => {
    const start = sizes.ih + sizes.hh;
    // bias_hh_l0 reuses bias_ih_l0's 12 bytes; everything after is packed without it
    const e = pytorch({
      "rnn.bias_ih_l0": { shape: [H], data: model.bh, at: [start, start + sizes.b] },
      "rnn.bias_hh_l0": { shape: [H], data: model.bh, at: [start, start + sizes.b] },
      "fc.weight": { shape: [VOCAB, H], data: model.Wy, at: [start + sizes.b, start + sizes.b + sizes.fcw] },
      "fc.bias": { shape: [VOCAB], data: model.by, at: [start + sizes.b + sizes.fcw, start + sizes.b + sizes.fcw + sizes.fcb] },
    });
    const p = file("overlap.safetensors", e);
    expect(() => loadModelFile(p)).toThrow(
      new RegExp(`overlap\\.safetensors: tensors rnn\\.bias_(ih|hh)_l0 and rnn\\.bias_(ih|hh)_l0 overlap \\(data bytes ${start}–${start + sizes.b} are claimed by both\\)`),
    );
  });

  it("rejects a partial overlap", () => {
    const e = pytorch();
    const s = sizes.ih + sizes.hh;
    e["rnn.bias_hh_l0"] = { ...e["rnn.bias_hh_l0"], at: [s + 4, s + 4 + sizes.b] }; // starts inside bias_ih_l0
    e["fc.weight"] = { ...e["fc.weight"], at: [s + 4 + sizes.b, s + 4 + sizes.b + sizes.fcw] };
    e["fc.bias"] = { ...e["fc.bias"], at: [s + 4 + sizes.b + sizes.fcw, s + 4 + sizes.b + sizes.fcw + sizes.fcb] };
    expect(() => loadModelFile(file("partial.safetensors", e))).toThrow(
      new RegExp(`partial\\.safetensors: tensors rnn\\.bias_ih_l0 and rnn\\.bias_hh_l0 overlap \\(data bytes ${s + 4}–${s + sizes.b} are claimed by both\\)`),
    );
  });

  it("rejects a gap between tensors and data before the first one", () => {
    const e = pytorch();
    const s = sizes.ih + sizes.hh;
    let o = 0;
    for (const k of Object.keys(e)) {
      if (k === "rnn.bias_ih_l0") o += 8; // 8 unused bytes before bias_ih_l0
      const n = 4 * e[k].data.length;
      e[k] = { ...e[k], at: [o, o + n] };
      o += n;
    }
    expect(() => loadModelFile(file("gap.safetensors", e))).toThrow(
      new RegExp(`gap\\.safetensors: 8 unused data bytes ${s}–${s + 8} between tensors rnn\\.weight_hh_l0 and rnn\\.bias_ih_l0 \\(the data regions must be contiguous\\)`),
    );
    const f = pytorch();
    o = 16;
    for (const k of Object.keys(f)) {
      const n = 4 * f[k].data.length;
      f[k] = { ...f[k], at: [o, o + n] };
      o += n;
    }
    expect(() => loadModelFile(file("lead.safetensors", f))).toThrow(/lead\.safetensors: 16 unused data bytes 0–16 before the first tensor rnn\.weight_ih_l0/);
  });

  it("rejects a region past the end of the file", () => {
    const e = pytorch();
    const total = sizes.ih + sizes.hh + 2 * sizes.b + sizes.fcw + sizes.fcb;
    const p = file("short.safetensors", e, total - 4);
    expect(() => loadModelFile(p)).toThrow(/short\.safetensors: tensor fc\.bias ends at byte \d+ but the file has \d+ bytes \(truncated\?\)/);
  });

  it("a wrong nn.Linear weight shape names the shape found and the one expected", () => {
    const e = pytorch({ "fc.weight": { shape: [VOCAB, H + 1], data: zeros(VOCAB * (H + 1)) } });
    expect(() => loadModelFile(file("fcshape.safetensors", e))).toThrow(
      /fcshape\.safetensors: tensor fc\.weight has shape \[256,4\], expected \[256,3\] for the nn\.Linear\(H, 256\) output layer \(H = 3 from rnn\.weight_hh_l0\)/,
    );
    const t = pytorch({ "fc.weight": { shape: [H, VOCAB], data: zeros(VOCAB * H) } }); // transposed
    expect(() => loadModelFile(file("fct.safetensors", t))).toThrow(/fct\.safetensors: tensor fc\.weight has shape \[3,256\], expected \[256,3\]/);
  });

  it("the CLI prints one line and exits 2 on an overlapping file (info and convert)", () => {
    const start = sizes.ih + sizes.hh;
    const p = file("cli-overlap.safetensors", pytorch({
      "rnn.bias_hh_l0": { shape: [H], data: model.bh, at: [start, start + sizes.b] },
      "fc.weight": { shape: [VOCAB, H], data: model.Wy, at: [start + sizes.b, start + sizes.b + sizes.fcw] },
      "fc.bias": { shape: [VOCAB], data: model.by, at: [start + sizes.b + sizes.fcw, start + sizes.b + sizes.fcw + sizes.fcb] },
    }));
    const corpus = join(dir, "c.txt");
    writeFileSync(corpus, "hello world");
    const cli = (...a: string[]) => spawnSync(process.execPath, [join(PROJECT_ROOT, "cli/sat-rnn.mjs"), ...a], { encoding: "utf8", cwd: dir });
    for (const r of [cli("info", "--model", p, "--corpus", corpus), cli("convert", p, join(dir, "out.bin"))]) {
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(/cli-overlap\.safetensors: tensors rnn\.bias_(ih|hh)_l0 and rnn\.bias_(ih|hh)_l0 overlap/);
    }
    expect(spawnSync("test", ["-e", join(dir, "out.bin")]).status).toBe(1);
  }, 30_000);
});
