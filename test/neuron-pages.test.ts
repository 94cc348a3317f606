/**
 * The neuron pages' data (data-loaders/neuronPages.ts): hand-computed Q6 appearances and ledger
 * matches, every page equal to its share of the chapter outputs, the tar archive Framework
 * extracts them from, and the once-per-build sharing of chapter outputs (common.ts sharedJson).
 */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { featureExplanations } from "../lib/analyses/oq/features.ts";
import { describe, expect, it } from "vitest";
import { sharedData, sharedJson, smallFirst, tar, untar } from "../data-loaders/common.ts";
import { float32Bytes } from "../lib/model.ts";
import justify from "../data-loaders/justify.ts";
import build, { appearances, claimsNaming, neuronPages } from "../data-loaders/neuronPages.ts";
import q2 from "../data-loaders/q2.ts";
import q3 from "../data-loaders/q3.ts";
import q4 from "../data-loaders/q4.ts";
import { randomModel, tempDirs, tinyRun } from "./helpers.ts";

const tmp = tempDirs("sat-rnn-neuron-pages-");

const text = new TextEncoder().encode("<page><title>Anarchism</title> is a political philosophy");

describe("Q6 appearances and ledger rows of one neuron", () => {
  it("counts kept, driver and hop-1 appearances by hand", () => {
    // T = 3 positions, K = 2 kept neurons each, S = 2 hop-1 sources per kept neuron
    const J = {
      T: 3,
      K: 2,
      S: 2,
      neuron: [3, 1, /* t=1 */ 1, 3, /* t=2 */ 3, 0],
      src: [1, 2, 3, 1, /* t=1 */ 0, 2, 2, 2, /* t=2 */ 1, 1, 3, 2],
    };
    expect(appearances(J, 3)).toEqual({ kept: 3, driver: 2, hop1: 2, driverAt: [0, 2] });
    expect(appearances(J, 1)).toEqual({ kept: 2, driver: 1, hop1: 4, driverAt: [1] });
    expect(appearances(J, 2)).toEqual({ kept: 0, driver: 0, hop1: 5, driverAt: [] });
  });

  it("finds the neurons a row names, and h<j> as a whole word in its text, never inside a longer number", () => {
    const rows = [
      { id: "a", claim: "h1 drives the output", paper: "3" },
      { id: "b", claim: "h12 and h10", measured: "h100" },
      { id: "c", claim: "none", quote: "backbone h76←h1" },
      { id: "d", claim: "x", quote: null, neurons: [1, 5] },
    ];
    expect(claimsNaming(rows, 1).map((r) => r.id)).toEqual(["a", "c", "d"]);
    expect(claimsNaming(rows, 12).map((r) => r.id)).toEqual(["b"]);
    expect(claimsNaming(rows, 7)).toEqual([]);
  });
});

describe("neuron page files", () => {
  const run = tinyRun(randomModel(6, 4), text);
  const { H, T, pages, index } = neuronPages(run);

  it("hold each neuron's share of the chapter outputs, and the index repeats them", () => {
    const Q2 = sharedData("q2", q2, run);
    const Q3 = sharedData("q3", q3, run);
    const Q4 = sharedData("q4", q4, run);
    const J = sharedData("justify", justify, run);
    expect(H).toBe(6);
    expect(pages).toHaveLength(H);
    for (const p of pages) {
      const j = p.j;
      expect(p.knockout.delta).toBe(Q3.delta[j]);
      expect(p.knockout.rank).toBe(Q3.order.indexOf(j) + 1);
      expect(p.volatility).toEqual({ cls: Q4.cls[j], flips: Q4.flips[j], dwellMode: Q4.dwellMode[j] });
      expect(p.offsets.N).toEqual(Q2.N.slice(j * Q2.D, (j + 1) * Q2.D));
      expect(p.offsets.dom).toBe(Q2.dom[j]);
      expect(p.justification.kept).toBe(J.neuron.filter((k: number) => k === j).length);
      expect(p.act).toHaveLength(T);
      for (let t = 0; t < T; t++) expect(p.act[t] >= 0).toBe(run.trace.h[t * H + j] >= 0);
      expect(index[j]).toMatchObject({ j, delta: p.knockout.delta, flips: p.volatility.flips, dom: p.offsets.dom, kept: p.justification.kept });
    }
    // every position has exactly one driver
    expect(pages.reduce((s, p) => s + p.justification.driver, 0)).toBe(J.T);
  });

  it("carry the Open questions page's byte-feature explanation of each neuron's sign (oq3)", () => {
    const fe = featureExplanations(run);
    for (const p of pages) {
      const e = fe.neurons.find((n) => n.j === p.j)!;
      expect(p.explanation?.text).toBe(e.text);
      expect(p.explanation?.text.startsWith(`h${p.j} `)).toBe(true);
      expect(p.explanation?.accuracy).toBeCloseTo(Math.max(e.single.acc, e.conj?.acc ?? 0), 3);
    }
  });

  it("are archived as <j>.json and index.json, each with the input fingerprint", () => {
    const files = build(run);
    expect([...files.keys()].sort()).toEqual(["0.json", "1.json", "2.json", "3.json", "4.json", "5.json", "index.json"]);
    const p3 = JSON.parse(files.get("3.json")!);
    expect(p3.fingerprint).toEqual(run.fingerprint);
    expect(p3.data.j).toBe(3);
    expect(JSON.parse(files.get("index.json")!).data.rows).toHaveLength(6);
  });
});

describe("float32 files", () => {
  it("little-endian IEEE bytes, what a Float32Array over the fetched file reads", () => {
    expect(Array.from(float32Bytes([1.5, -2]))).toEqual([0, 0, 0xc0, 0x3f, 0, 0, 0, 0xc0]);
    const z = tinyRun(randomModel(5, 3), "hello world").trace.z;
    const b = float32Bytes(z);
    expect(b.length).toBe(4 * z.length);
    const back = new DataView(b.buffer);
    for (let i = 0; i < z.length; i++) expect(back.getFloat32(4 * i, true)).toBe(z[i]);
  });
});

describe("tar archive", () => {
  const files = new Map<string, string | Uint8Array>([
    ["a.json", '{"x":1}'],
    ["empty.txt", ""],
    ["block.bin", new Uint8Array(512).fill(7)],
  ]);
  const bytes = tar(files);
  const field = (off: number, len: number) => new TextDecoder().decode(bytes.subarray(off, off + len)).replace(/\0.*$/s, "");

  it("writes ustar headers with sizes, checksums and padding, ended by two zero blocks", () => {
    // a.json: header + 1 block; empty.txt: header only; block.bin: header + 1 block; end: 2 blocks
    expect(bytes.length).toBe(512 * (2 + 1 + 2 + 2));
    expect(field(0, 100)).toBe("a.json");
    expect(parseInt(field(124, 12), 8)).toBe(7);
    expect(field(257, 6)).toBe("ustar");
    // checksum: the header's byte sum with its own field read as spaces
    const h = Uint8Array.from(bytes.subarray(0, 512));
    h.fill(32, 148, 156);
    expect(parseInt(field(148, 8), 8)).toBe(h.reduce((s, b) => s + b, 0));
    expect(new TextDecoder().decode(bytes.subarray(512, 519))).toBe('{"x":1}');
    expect(bytes[519]).toBe(0);
    expect(field(1024, 100)).toBe("empty.txt");
    expect(field(1536, 100)).toBe("block.bin");
    expect(bytes.subarray(2048, 2560).every((b) => b === 7)).toBe(true);
    expect(bytes.subarray(2560).every((b) => b === 0)).toBe(true);
    expect(() => tar(new Map([["x".repeat(101), ""]]))).toThrow(/longer than 100 bytes/);
  });

  it("the report's archive puts its members smallest first (Framework reads it from the start for each member)", () => {
    const files = new Map<string, string | Uint8Array>([["big.bin", new Uint8Array(900)], ["mid.json", "x".repeat(40)], ["small.json", "{}"], ["tie.json", "{}"]]);
    expect([...smallFirst(files).keys()]).toEqual(["small.json", "tie.json", "mid.json", "big.bin"]);
    expect([...untar(tar(smallFirst(files))).keys()]).toEqual(["small.json", "tie.json", "mid.json", "big.bin"]);
  });

  it("is read back by untar: the same names and bytes", () => {
    const back = untar(bytes);
    expect([...back.keys()]).toEqual(["a.json", "empty.txt", "block.bin"]);
    expect(new TextDecoder().decode(back.get("a.json"))).toBe('{"x":1}');
    expect(back.get("empty.txt")!.length).toBe(0);
    expect(Array.from(back.get("block.bin")!)).toEqual(Array(512).fill(7));
  });

  it.skipIf(spawnSync("tar", ["--version"]).status !== 0)("is read back by the system tar", () => {
    const f = join(tmp(), "t.tar");
    writeFileSync(f, bytes);
    expect(spawnSync("tar", ["-tf", f], { encoding: "utf8" }).stdout.trim().split("\n")).toEqual(["a.json", "empty.txt", "block.bin"]);
    expect(spawnSync("tar", ["-xOf", f, "a.json"], { encoding: "utf8" }).stdout).toBe('{"x":1}');
  });
});

describe("chapter outputs shared within a build", () => {
  const run = tinyRun(randomModel(4, 9), text.subarray(0, 20));

  it("computes once per run in the process, and again for another run", () => {
    let calls = 0;
    const builder = () => {
      calls++;
      return { calls, values: new Float32Array([0.5, Number.NaN]) };
    };
    const first = sharedJson("x", builder, run);
    expect(JSON.parse(first).data).toEqual({ calls: 1, values: [0.5, null] });
    expect(JSON.parse(first).fingerprint).toEqual(run.fingerprint);
    expect(sharedJson("x", builder, run)).toBe(first);
    expect(calls).toBe(1);
    // another run (other inputs): computed for it
    const other = tinyRun(randomModel(4, 10), text.subarray(0, 20));
    expect(JSON.parse(sharedJson("x", builder, other)).data.calls).toBe(2);
    expect(sharedJson("x", builder, run)).toBe(first);
    expect(calls).toBe(2);
  });
});
