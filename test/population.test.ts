/**
 * Populations: hand-built models whose claims are known by hand (one claim holds on every model,
 * another on none), the classification rules, a model compared with itself, and training resume.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { trainPopulation } from "../cli/commands/population.ts";
import { main } from "../cli/main.ts";
import { loadRun, sha256 } from "../lib/io.ts";
import { type Model, serializeRawModel } from "../lib/model.ts";
import { analyseModel, analysisFromReport, type ModelAnalysis } from "../lib/population/ledger.ts";
import reportFiles from "../data-loaders/report.ts";
import { toJson } from "../data-loaders/common.ts";
import { compareWith, loadPopulation, populationRobustness } from "../lib/population/load.ts";
import { MANIFEST, orderOffset, planPopulation, type Recipe, rotate } from "../lib/population/population.ts";
import { type Member, recurrence, robustness, seedBound } from "../lib/population/robustness.ts";
import { runTrace } from "../lib/rnn.ts";
import { tinyModel } from "./helpers.ts";

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), "sat-pop-"));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Runs the CLI with its stdout captured (the analyze summary would flood the test output). */
async function quiet(argv: string[]): Promise<number> {
  const orig = process.stdout.write.bind(process.stdout);
  process.stdout.write = (() => true) as typeof process.stdout.write;
  try {
    return await main(argv);
  } finally {
    process.stdout.write = orig;
  }
}

const TEXT = "the cat sat on the mat; the dog sat on the log. ".repeat(3); // 144 bytes

/**
 * An alternating model: Wx[:, x] = a for every byte, Wh = −w·I, Wy = 0. From h = 0 every neuron's
 * sign alternates at every step (z = a − w·h with w·|h| > a), so every neuron flips ≥ 140 times
 * (Q4 "volatile": > 50 flips); with Wy = 0 the readout is uniform: exactly 8 bits per byte.
 */
function alternating(H: number, a: number, w: number): Model {
  return tinyModel(H, (m) => {
    for (let i = 0; i < H; i++) {
      for (let x = 0; x < 256; x++) m.Wx[i * 256 + x] = a;
      m.Wh[i * H + i] = -w;
    }
  });
}

/** The alternating model with a small fixed readout (so no analysis divides by a zero gain). */
function alternatingReadout(H: number, a: number, w: number): Model {
  const m = alternating(H, a, w);
  for (let o = 0; o < 256; o++) for (let i = 0; i < H; i++) m.Wy[o * H + i] = Math.fround((((o * 7 + i * 3) % 11) - 5) / 20);
  return m;
}

function handPopulation(models: { name: string; seed: number; model: Model }[]): string {
  const dir = tmp();
  const corpus = join(dir, "corpus.txt");
  const bytes = new TextEncoder().encode(TEXT);
  writeFileSync(corpus, bytes);
  const recipe: Recipe = {
    corpus: "corpus.txt",
    corpusSha256: sha256(bytes),
    bytes: bytes.length,
    hidden: models[0].model.H,
    epochs: 0,
    optimizer: "sgd",
    lr: 0.01,
    bptt: 50,
    initSeedMode: "varied",
    baseSeed: 1,
    orders: 1,
  };
  const entries = models.map(({ name, seed, model }) => {
    const b = serializeRawModel(model);
    writeFileSync(join(dir, `${name}.bin`), b);
    return { name, seed, order: 0, offset: 0, file: `${name}.bin`, sha256: sha256(b), bestEpoch: 0, trainBpc: 8, bpc: 8, seconds: 0 };
  });
  writeFileSync(join(dir, MANIFEST), JSON.stringify({ format: "sat-rnn-population/1", recipe, seeds: entries.map((e) => e.seed), models: entries }));
  return dir;
}

describe("hand-built population", () => {
  const dir = handPopulation([
    { name: "a", seed: 1, model: alternating(3, 0.5, 2) },
    { name: "b", seed: 2, model: alternating(3, 0.3, 3) },
    { name: "c", seed: 3, model: alternating(4, 0.5, 1.5) },
  ]);
  const R = populationRobustness(loadPopulation(dir), 1024, null);

  it("a claim that holds on every model (all neurons volatile) and one that holds on none (0.079 bpc)", () => {
    const vol = R.claims["all-volatile"];
    expect(vol).toMatchObject({ holds: 3, differs: 0, na: 0, total: 3, majority: "holds", share: 1, classification: "robust" });
    expect(vol.values).toEqual([100, 100, 100]);
    const bpc = R.claims["bpc"];
    expect(bpc).toMatchObject({ holds: 0, differs: 3, total: 3, classification: "robust", majority: "differs" });
    // a uniform readout pays exactly 8 bits per byte
    for (const v of bpc.values) expect(v as number).toBeCloseTo(8, 6);
    expect(R.models.map((m) => [m.name, m.seed, m.H])).toEqual([["a", 1, 3], ["b", 2, 3], ["c", 3, 4]]);
    expect(R.sharedSeeds).toBe(false);
    const c = R.counts;
    expect(c.robust + c["model-specific"] + c["initialisation-bound"] + c["not judged"]).toBe(Object.keys(R.claims).length);
  });

  it("analyze --population writes robustness.json with {holds, total, values} per claim id", async () => {
    const out = tmp();
    const hand = join(tmp(), "hand.bin");
    writeFileSync(hand, serializeRawModel(alternatingReadout(3, 0.5, 2)));
    const code = await quiet(["analyze", "--model", hand, "--corpus", join(dir, "corpus.txt"), "--out", out, "--population", dir]);
    expect(code).toBe(0);
    const R2 = JSON.parse(readFileSync(join(out, "robustness.json"), "utf8")).data;
    expect(R2.claims["all-volatile"]).toMatchObject({ holds: 3, total: 3, values: [100, 100, 100] });
    expect(R2.claims["bpc"].holds).toBe(0);
    // the model in hand is marked: every neuron alternates, its readout is not uniform
    expect(R2.claims["all-volatile"].inHand).toMatchObject({ verdict: "holds", value: 100 });
    expect(R2.claims["bpc"].inHand.verdict).toBe("differs");
    expect(R2.claims["bpc"].inHand.value).not.toBeCloseTo(8, 3);
    expect(R2.sameCorpus).toBe(true);
  });

  it("a bad population folder is one clear error, before any output", async () => {
    const out = tmp();
    const err: string[] = [];
    const orig = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((s: string) => (err.push(String(s)), true)) as typeof process.stderr.write;
    try {
      expect(await main(["analyze", "--out", out, "--population", join(dir, "nope")])).toBe(2);
    } finally {
      process.stderr.write = orig;
    }
    expect(err.join("")).toContain("--population");
    expect(existsSync(join(out, "claims.json"))).toBe(false);
  });
});

describe("classification", () => {
  const row = (id: string, value: number | number[] | null, verdict: "holds" | "differs" | "na", neuronIdentity = true) => ({ id, claim: id, paper: "h5", chapter: "q4", measured: "", verdict, value, neuronIdentity });
  const member = (name: string, seed: number, j: number, v: "holds" | "differs"): Member => ({
    name,
    seed,
    order: 0,
    bpc: 1,
    analysis: {
      rows: [row("most-volatile", j, j === 5 ? "holds" : "differs"), row("plain", 1, v, false)],
      roles: { H: 8, knockoutOrder: [j, 0], mostVolatile: j, smallestMargin: null, backbone: null, topDriver: null },
      errors: {},
    } as ModelAnalysis,
  });

  it("initialisation-bound: the neuron recurs between models of one seed, not across seeds", () => {
    // seeds 1,1,2,2,3,3: most volatile h5,h5 / h2,h2 / h6,h6 → recurs within every seed, never across
    const ms = [member("a", 1, 5, "holds"), member("b", 1, 5, "differs"), member("c", 2, 2, "holds"), member("d", 2, 2, "differs"), member("e", 3, 6, "holds"), member("f", 3, 6, "holds")];
    const R = robustness(ms);
    const c = R.claims["most-volatile"];
    expect(c).toMatchObject({ holds: 2, total: 6, sameSeedPairs: 3, sameSeedRecur: 3, crossSeedPairs: 12, crossSeedRecur: 0, classification: "initialisation-bound" });
    // 4 of 6 hold: not robust, not a neuron claim → model-specific
    expect(R.claims.plain).toMatchObject({ holds: 4, share: 0.6667, classification: "model-specific" });
    expect(R.roles.find((r) => r.role === "mostVolatile")).toMatchObject({ values: [5, 5, 2, 2, 6, 6], classification: "recurs with the seed" });
    expect(R.roles.find((r) => r.role === "smallestMargin")!.classification).toBe("undetermined");
  });

  it("the same neuron in every model is not initialisation-bound; 90 % is robust", () => {
    expect(seedBound(recurrence([1, 1, 2, 2], ["5", "5", "5", "5"]))).toBe(false);
    expect(seedBound(recurrence([1, 1, 2, 2, 3, 3], ["5", "5", "3", "4", "6", "7"]))).toBe(false); // recurs in 1 of 3 same-seed pairs
    expect(seedBound(recurrence([1, 1, 2, 2], ["5", "5", "3", "4"]))).toBe(true); // half of the same-seed pairs, no cross-seed pair
    expect(seedBound(recurrence([1, 2, 3], ["5", "5", "5"]))).toBe(false); // no shared seeds
    const ten = Array.from({ length: 10 }, (_, k) => member(`m${k}`, k, 5, k === 0 ? "differs" : "holds"));
    expect(robustness(ten).claims.plain).toMatchObject({ holds: 9, share: 0.9, classification: "robust" });
    expect(robustness(ten).roles.find((r) => r.role === "mostVolatile")!.classification).toBe("recurs across seeds");
  });
});

describe("the model in hand from the report's files", () => {
  it("reads the same analysis from claims.json and the chapters as computing it does", () => {
    const dir = tmp();
    const corpus = join(dir, "c.txt");
    writeFileSync(corpus, TEXT);
    const path = join(dir, "m.bin");
    writeFileSync(path, serializeRawModel(alternatingReadout(4, 0.5, 2)));
    const run = loadRun({ modelPath: path, corpusPath: corpus, window: 1024, source: "flag" });
    const files = new Map<string, string>();
    for (const [name, body] of reportFiles(run)) if (typeof body === "string" && name.endsWith(".json")) files.set(name, body);
    const fromFiles = analysisFromReport(run.model.H, files);
    const computed = JSON.parse(toJson(analyseModel(run)));
    expect(fromFiles.rows.length).toBeGreaterThan(50);
    expect(JSON.parse(toJson(fromFiles))).toEqual(computed);
    // without claims.json there is nothing to read
    files.delete("claims.json");
    expect(() => analysisFromReport(run.model.H, files)).toThrow(/claims\.json/);
  });
});

describe("compare", () => {
  it("a model compared with itself flips nothing and changes nothing", () => {
    const dir = tmp();
    const corpus = join(dir, "c.txt");
    writeFileSync(corpus, TEXT);
    const path = join(dir, "m.bin");
    writeFileSync(path, serializeRawModel(alternating(3, 0.5, 2)));
    const run = loadRun({ modelPath: path, corpusPath: corpus, window: 1024, source: "flag" });
    const c = compareWith(run, null, path);
    expect(c.claims).toBeGreaterThan(100);
    expect(c.flipped).toEqual([]);
    expect(c.changes).toEqual([]);
    expect(c.neurons.map((n) => n.rankChange)).toEqual([0, 0, 0]);
    expect(c.bits.a).toEqual(c.bits.b);
    expect(c.a.modelSha256).toBe(c.b.modelSha256);
  });

  it("another model: the flips are exactly the claims whose verdicts differ", async () => {
    const dir = tmp();
    const corpus = join(dir, "c.txt");
    writeFileSync(corpus, TEXT);
    const a = join(dir, "a.bin");
    const b = join(dir, "b.bin");
    writeFileSync(a, serializeRawModel(alternatingReadout(3, 0.5, 2)));
    writeFileSync(b, serializeRawModel(tinyModel(3))); // all zero: h stays 0, no neuron ever flips, 8 bits a byte
    const out = tmp();
    expect(await quiet(["analyze", "--model", a, "--corpus", corpus, "--out", out, "--compare", b])).toBe(0);
    const C = JSON.parse(readFileSync(join(out, "compare.json"), "utf8")).data;
    const vol = C.flipped.find((f: { id: string }) => f.id === "all-volatile");
    expect(vol.a.verdict).toBe("holds");
    expect(vol.b.verdict).toBe("differs");
    expect(vol.b.value).toBe(0);
    const claims = JSON.parse(readFileSync(join(out, "claims.json"), "utf8")).data.rows;
    for (const f of C.flipped) expect(claims.find((r: { id: string }) => r.id === f.id).verdict).toBe(f.a.verdict);
    // the all-zero model pays 8 bits at every position (uniform readout); the other does not
    expect(new Set(C.bits.b)).toEqual(new Set([8]));
    expect(C.bits.a.length).toBe(C.bits.b.length);
    expect(C.bits.a.some((x: number) => Math.abs(x - 8) > 1e-3)).toBe(true);
  });
});

describe("population training", () => {
  it("plans seeds and data orders; rotation keeps the bytes", () => {
    const r = { bytes: 100, initSeedMode: "varied", baseSeed: 7, orders: 2 } as Recipe;
    expect(planPopulation(r, 2).map((m) => [m.name, m.seed, m.offset])).toEqual([["s7-o0", 7, 0], ["s7-o1", 7, 61], ["s8-o0", 8, 0], ["s8-o1", 8, 61]]);
    const f = { bytes: 100, initSeedMode: "fixed", baseSeed: 42, orders: 1 } as Recipe;
    expect(planPopulation(f, 3).map((m) => [m.name, m.seed, m.offset])).toEqual([["s42-o0", 42, 0], ["s42-o1", 42, 61], ["s42-o2", 42, 23]]);
    expect(orderOffset(0, 10)).toBe(0);
    expect(Array.from(rotate(new Uint8Array([1, 2, 3, 4]), 1))).toEqual([2, 3, 4, 1]);
  });

  it("trains, then resumes: finished models are skipped, a missing one is retrained, another recipe is refused", async () => {
    const dir = tmp();
    const corpus = join(dir, "c.txt");
    writeFileSync(corpus, TEXT);
    const opts = { corpus, out: join(dir, "pop"), count: 2, hidden: 4, epochs: 3, optimizer: "sgd" as const, bptt: 20, initSeedMode: "varied" as const, baseSeed: 1, orders: 1, jobs: 2, quiet: true };
    const r1 = await trainPopulation(opts);
    expect(r1.trained.sort()).toEqual(["s1", "s2"]);
    expect(r1.manifest.seeds).toEqual([1, 2]);
    const m = JSON.parse(readFileSync(join(dir, "pop", MANIFEST), "utf8"));
    expect(m.recipe).toMatchObject({ hidden: 4, epochs: 3, bptt: 20, optimizer: "sgd" });
    for (const e of m.models) {
      const bytes = new Uint8Array(readFileSync(join(dir, "pop", e.file)));
      expect(sha256(bytes)).toBe(e.sha256);
      // the recorded bpc is the float32 forward pass of the written model on the training bytes
      const run = loadRun({ modelPath: join(dir, "pop", e.file), corpusPath: corpus, window: 1e6, source: "flag" });
      expect(e.bpc).toBeCloseTo(runTrace(run.model, run.data).bpc, 6);
    }
    const r2 = await trainPopulation(opts);
    expect(r2.trained).toEqual([]);
    expect(r2.skipped).toEqual(["s1", "s2"]);
    rmSync(join(dir, "pop", "s2.bin"));
    const r3 = await trainPopulation({ ...opts, count: 3 });
    expect(r3.trained.sort()).toEqual(["s2", "s3"]);
    expect(r3.manifest.models.map((x) => x.name)).toEqual(["s1", "s2", "s3"]);
    // deterministic: retraining s2 gives the same file
    expect(r3.manifest.models[1].sha256).toBe(m.models[1].sha256);
    await expect(trainPopulation({ ...opts, epochs: 4 })).rejects.toThrow(/another recipe \(epochs 3 \(there\) vs 4/);
  });
});

describe("held-out text", () => {
  it("the model card scores the bytes after the window of the corpus the run was loaded from (flags, not only the environment)", async () => {
    const { default: modelCard } = await import("../data-loaders/model.ts");
    const { DEMO_CORPUS, DEMO_MODEL, PROJECT_ROOT, resolveInputs } = await import("../lib/io.ts");
    const run = loadRun(resolveInputs({ model: join(PROJECT_ROOT, DEMO_MODEL), corpus: join(PROJECT_ROOT, DEMO_CORPUS), bytes: 200 }, {}));
    const card = modelCard(run);
    expect(card.heldOut?.window).toBe(200);
    expect(card.heldOut?.heldOut?.predictions).toBe(Math.min(run.fingerprint.corpusTotalBytes - 200, 65536));
  });

  it("bpc on the window and on the bytes after it, the state carried on (matches one forward pass over both)", async () => {
    const { heldOutBpc } = await import("../lib/population/heldout.ts");
    const { randomModel } = await import("./helpers.ts");
    const model = randomModel(6, 3);
    const file = new TextEncoder().encode(TEXT);
    const full = runTrace(model, file);
    const n = 60;
    const r = heldOutBpc(model, file, n);
    const mean = (a: ArrayLike<number>, lo: number, hi: number) => {
      let s = 0;
      for (let t = lo; t < hi; t++) s += a[t];
      return s / (hi - lo);
    };
    expect(r.inSample.predictions).toBe(59);
    expect(r.inSample.bpc).toBeCloseTo(runTrace(model, file.subarray(0, n)).bpc, 7);
    expect(r.heldOut).toMatchObject({ predictions: file.length - n, firstByte: 60, lastByte: file.length - 1, capped: false });
    expect(r.heldOut!.bpc).toBeCloseTo(mean(full.bits, n - 1, full.T), 7);
    // the scalar recurrence (no wasm SIMD) gives the same bits as the kernel
    const { setSimdDisabled } = await import("../lib/wasm.ts");
    setSimdDisabled(true);
    try {
      expect(heldOutBpc(model, file, n)).toEqual(r);
    } finally {
      setSimdDisabled(false);
    }
    // capped: only the next 10 bytes
    const c = heldOutBpc(model, file, n, 10);
    expect(c.heldOut).toMatchObject({ predictions: 10, lastByte: 69, capped: true });
    expect(c.heldOut!.bpc).toBeCloseTo(mean(full.bits, n - 1, n + 9), 7);
    // nothing after the window
    expect(heldOutBpc(model, file, file.length).heldOut).toBeNull();
    const { bpcBasis } = await import("../lib/population/heldout.ts");
    expect(bpcBasis({ corpusBytes: 60, corpusTotalBytes: 144 })).toMatch(/^in-sample: the first 60 of 144 bytes/);
    expect(bpcBasis({ corpusBytes: 144, corpusTotalBytes: 144 })).toBe("the whole corpus (144 bytes)");
  });

  it("sat-rnn info shows in-sample and held-out bpc when --bytes cuts the corpus", async () => {
    const dir = tmp();
    const corpus = join(dir, "c.txt");
    writeFileSync(corpus, TEXT);
    const path = join(dir, "m.bin");
    const { randomModel } = await import("./helpers.ts");
    writeFileSync(path, serializeRawModel(randomModel(5, 2)));
    const out: string[] = [];
    const orig = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((s: string) => (out.push(String(s)), true)) as typeof process.stdout.write;
    try {
      expect(await main(["info", "--model", path, "--corpus", corpus, "--bytes", "100"])).toBe(0);
    } finally {
      process.stdout.write = orig;
    }
    const text = out.join("");
    const run = loadRun({ modelPath: path, corpusPath: corpus, window: 100, source: "flag" });
    expect(text).toContain(`bpc (f32)       ${run.fingerprint.bpc.toFixed(4)} in-sample (bytes 0–99)`);
    expect(text).toMatch(/bpc held-out    \d+\.\d{4} \(bytes 100–143, 44 predictions/);
  });
});
