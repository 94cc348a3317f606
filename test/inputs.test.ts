/** Model and corpus loading, validation errors, the input resolver and the CLI's handling of bad input. */
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { corpusWindow } from "../lib/corpus.ts";
import { loadCorpusFile, loadModelFile, PROJECT_ROOT, resolveInputs } from "../lib/io.ts";
import { hiddenSizeForByteLength, InputError, parameterCount, parseRawModel, serializeRawModel } from "../lib/model.ts";
import { HAVE_SHARED, randomModel, SAT_CORPUS, SAT_MODEL } from "./helpers.ts";

const dir = mkdtempSync(join(tmpdir(), "sat-rnn-inputs-"));
const write = (name: string, bytes: Uint8Array | string) => {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
};

describe("hidden size from the byte length", () => {
  it("inverts 4·(256H + H² + H + 256H + 256)", () => {
    for (const H of [1, 2, 3, 32, 128, 200]) expect(hiddenSizeForByteLength(4 * parameterCount(H))).toBe(H);
    expect(parameterCount(128)).toBe(82304);
  });
  it("rejects lengths that fit no H", () => {
    expect(hiddenSizeForByteLength(4 * parameterCount(128) + 4)).toBeNull();
    expect(hiddenSizeForByteLength(4 * parameterCount(128) - 1)).toBeNull();
    expect(hiddenSizeForByteLength(0)).toBeNull();
  });
});

describe("model validation", () => {
  const good = serializeRawModel(randomModel(2, 7));
  it("round-trips the raw layout", () => {
    const m = parseRawModel(good);
    expect(m.H).toBe(2);
    expect(serializeRawModel(m)).toEqual(good);
  });
  it("names the file and the problem for truncated and oversized files", () => {
    expect(() => loadModelFile(write("trunc.bin", good.subarray(0, good.length - 4)))).toThrow(/trunc\.bin: \d+ bytes is not a raw sat-rnn model/);
    expect(() => loadModelFile(write("big.bin", new Uint8Array([...good, 1, 2, 3, 4])))).toThrow(/big\.bin: .*truncated, oversized/);
  });
  it("names the tensor and index of a NaN or Inf weight", () => {
    const bad = good.slice();
    const view = new DataView(bad.buffer);
    // Wh[1][0] of H = 2 sits after Wx (2·256 floats): float index 512 + 1·2 + 0
    view.setFloat32(4 * (512 + 2), NaN, true);
    expect(() => loadModelFile(write("nan.bin", bad))).toThrow(/nan\.bin: Wh\[1\]\[0\] is NaN/);
    const inf = good.slice();
    new DataView(inf.buffer).setFloat32(4 * (parameterCount(2) - 1), Infinity, true);
    expect(() => loadModelFile(write("inf.bin", inf))).toThrow(/inf\.bin: by\[255\] is Infinity/);
  });
  it("reports missing files and directories", () => {
    expect(() => loadModelFile(join(dir, "nope.bin"))).toThrow(/nope\.bin: model file not found/);
    mkdirSync(join(dir, "adir"), { recursive: true });
    expect(() => loadModelFile(join(dir, "adir"))).toThrow(/adir: is a directory, expected a model file/);
  });
  it.skipIf(process.getuid?.() === 0)("reports unreadable files", () => {
    const p = write("locked.bin", good);
    chmodSync(p, 0o000);
    expect(() => loadModelFile(p)).toThrow(/locked\.bin: cannot read model file \(permission denied\)/);
  });
});

describe("corpus", () => {
  it("needs at least 2 bytes", () => {
    expect(() => loadCorpusFile(write("empty.txt", ""))).toThrow(/empty\.txt: the corpus has 0 bytes; at least 2 are needed/);
    expect(() => loadCorpusFile(write("one.txt", "x"))).toThrow(/one\.txt: the corpus has 1 byte;/);
    expect(loadCorpusFile(write("two.txt", "xy")).data.length).toBe(2);
  });
  it("uses the first N bytes (default 1024) and remembers the total", () => {
    const big = new Uint8Array(3000).map((_, i) => i % 251);
    expect(corpusWindow(big).data.length).toBe(1024);
    expect(corpusWindow(big).totalBytes).toBe(3000);
    expect(corpusWindow(big, 10).data).toEqual(big.subarray(0, 10));
    expect(() => corpusWindow(big, 1)).toThrow(InputError);
  });
});

describe("input resolver", () => {
  it("prefers flags, then the environment", () => {
    const r = resolveInputs({ model: "a.bin", corpus: "c.txt" }, { SAT_RNN_MODEL: "/env/m", SAT_RNN_CORPUS: "/env/c" }, "/here");
    expect([r.modelPath, r.corpusPath, r.source]).toEqual(["/here/a.bin", "/here/c.txt", "flag"]);
    const e = resolveInputs({}, { SAT_RNN_MODEL: "/env/m", SAT_RNN_CORPUS: "/env/c", SAT_RNN_BYTES: "512" }, "/here");
    expect([e.modelPath, e.corpusPath, e.source, e.window]).toEqual(["/env/m", "/env/c", "env", 512]);
  });
  it("rejects a bad window", () => {
    expect(() => resolveInputs({ model: "m", corpus: "c", bytes: "1" }, {})).toThrow(/--bytes 1/);
    expect(() => resolveInputs({ model: "m", corpus: "c", bytes: "abc" }, {})).toThrow(/--bytes abc/);
  });
  it("falls back to data/sat-rnn or the demo model", () => {
    const r = resolveInputs({}, {});
    expect(["default", "demo"]).toContain(r.source);
    expect(r.modelPath.startsWith(PROJECT_ROOT)).toBe(true);
  });
});

describe("CLI on bad input", () => {
  const cli = (...args: string[]) => spawnSync(process.execPath, [join(PROJECT_ROOT, "cli/sat-rnn.mjs"), ...args], { encoding: "utf8", cwd: dir });
  const corpus = () => write("c.txt", "hello world");
  it.each([
    ["missing model", () => ["info", "--model", join(dir, "missing.bin"), "--corpus", corpus()], /missing\.bin: model file not found/],
    ["truncated model", () => ["info", "--model", write("t.bin", new Uint8Array(100)), "--corpus", corpus()], /t\.bin: 100 bytes is not a raw sat-rnn model/],
    ["directory as model", () => ["info", "--model", dir, "--corpus", corpus()], /is a directory/],
    ["empty corpus", () => ["info", "--model", write("ok.bin", serializeRawModel(randomModel(1))), "--corpus", write("e.txt", "")], /e\.txt: the corpus has 0 bytes/],
    ["unknown option", () => ["info", "--modle", "x"], /unknown option --modle/],
  ])("%s: one line naming the problem, exit 2", (_name, args, message) => {
    const r = cli(...(args as () => string[])());
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message as RegExp);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stdout).toBe("");
  });

  it("prints help for every command", () => {
    const top = cli("--help");
    expect(top.status).toBe(0);
    for (const name of ["info", "build", "reference", "bench"]) {
      expect(top.stdout).toContain(name);
      const r = cli(name, "--help");
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^Usage: sat-rnn ${name}`));
    }
  });

  it.skipIf(!HAVE_SHARED)("info prints the sat-rnn model card with bpc 0.0792", () => {
    const r = cli("info", "--model", SAT_MODEL, "--corpus", SAT_CORPUS);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/hidden size H\s+128/);
    expect(r.stdout).toMatch(/bpc \(f32\)\s+0\.0792/);
    const j = JSON.parse(cli("info", "--json", "--model", SAT_MODEL, "--corpus", SAT_CORPUS).stdout);
    expect(j.modelSha256).toBe("239036a0c2319f6835f56ee54bbc3ae8d19a10ab1224c26c77a3f66e59d2b68b");
    expect(j.corpusSha256).toBe("ef3e698d40b8b36d6d1776feccc25bab3d01de872a4fd8e56f5b929631568496");
    expect(j.parameters).toBe(82304);
  }, 30_000);
});
