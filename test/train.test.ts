/** The trainer: reference initialisation, schedule, a straightforward BPTT re-implementation, the reference log, the CLI. */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { GlibcRand } from "../lib/f32.ts";
import { loadModelFile, PROJECT_ROOT } from "../lib/io.ts";
import { type Model, VOCAB } from "../lib/model.ts";
import { initModel, isLogEpoch, logLine, Trainer } from "../lib/train.ts";
import train from "../cli/commands/train.ts";
import { HAVE_SHARED, SAT_CORPUS, SHARED } from "./helpers.ts";

const dir = mkdtempSync(join(tmpdir(), "sat-rnn-train-"));
const CLI = join(PROJECT_ROOT, "cli/sat-rnn.mjs");
const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", cwd: dir });
const bytes = (s: string) => new TextEncoder().encode(s);
const CORPUS = bytes(
  "<doc><title>Trainer test</title><body>A short corpus with enough bytes for three chunks of truncated BPTT, so the carry-over and the short last chunk are both exercised.</body></doc>",
);

/** The spec's recipe written the plain way (double arithmetic, no batching, no padding). */
function naiveEpoch(m: { H: number; Wx: Float64Array; Wh: Float64Array; bh: Float64Array; Wy: Float64Array; by: Float64Array }, data: Uint8Array, lr: number): number {
  const { H } = m;
  let hCarry: Float64Array = new Float64Array(H);
  let loss = 0;
  let count = 0;
  for (let s = 0; s + 1 < data.length; s += 50) {
    const L = Math.min(50, data.length - 1 - s);
    const hs: Float64Array[] = [hCarry];
    const ps: Float64Array[] = [];
    for (let t = 0; t < L; t++) {
      const h = new Float64Array(H);
      for (let i = 0; i < H; i++) {
        let z = m.bh[i] + m.Wx[i * VOCAB + data[s + t]];
        for (let j = 0; j < H; j++) z += m.Wh[i * H + j] * hs[t][j];
        h[i] = Math.tanh(z);
      }
      hs.push(h);
      const lg = new Float64Array(VOCAB);
      let M = -Infinity;
      for (let o = 0; o < VOCAB; o++) {
        let v = m.by[o];
        for (let j = 0; j < H; j++) v += m.Wy[o * H + j] * h[j];
        lg[o] = v;
        M = Math.max(M, v);
      }
      let S = 0;
      for (let o = 0; o < VOCAB; o++) S += (lg[o] = Math.exp(lg[o] - M));
      for (let o = 0; o < VOCAB; o++) lg[o] /= S;
      loss -= Math.log(Math.max(lg[data[s + t + 1]], 1e-8));
      ps.push(lg);
    }
    count += L;
    const g = { Wx: new Float64Array(m.Wx.length), Wh: new Float64Array(m.Wh.length), bh: new Float64Array(H), Wy: new Float64Array(m.Wy.length), by: new Float64Array(VOCAB) };
    let dhNext = new Float64Array(H);
    for (let t = L - 1; t >= 0; t--) {
      const dy = ps[t].slice();
      dy[data[s + t + 1]] -= 1;
      const h = hs[t + 1];
      const dh = dhNext.slice();
      for (let o = 0; o < VOCAB; o++) {
        g.by[o] += dy[o];
        for (let j = 0; j < H; j++) {
          g.Wy[o * H + j] += dy[o] * h[j];
          dh[j] += m.Wy[o * H + j] * dy[o];
        }
      }
      const dz = dh.map((v, i) => v * (1 - h[i] * h[i]));
      dhNext = new Float64Array(H);
      for (let i = 0; i < H; i++) {
        g.bh[i] += dz[i];
        g.Wx[i * VOCAB + data[s + t]] += dz[i];
        for (let j = 0; j < H; j++) {
          g.Wh[i * H + j] += dz[i] * hs[t][j];
          dhNext[j] += m.Wh[i * H + j] * dz[i];
        }
      }
    }
    let ss = 0;
    for (const k of ["Wx", "Wh", "bh", "Wy", "by"] as const) for (const v of g[k]) ss += v * v;
    const scale = Math.sqrt(ss) > 5 ? 5 / Math.sqrt(ss) : 1;
    for (const k of ["Wx", "Wh", "bh", "Wy", "by"] as const) for (let q = 0; q < g[k].length; q++) m[k][q] -= lr * scale * g[k][q];
    hCarry = hs[L];
  }
  return loss / (count * Math.LN2);
}

const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let d = 0;
  for (let k = 0; k < a.length; k++) d = Math.max(d, Math.abs(a[k] - b[k]));
  return d;
};

describe("initialisation and schedule", () => {
  it("draws Wx row, Wh row per neuron, then Wy, from glibc rand after srand(42)", () => {
    const m = initModel(3);
    const r = new GlibcRand(42);
    const f = Math.fround;
    const draw = () => f(f(f(f(r.rand()) / f(2147483647)) - 0.5) / 3);
    const expectWx0 = Array.from({ length: VOCAB }, draw);
    const expectWh0 = Array.from({ length: 3 }, draw);
    expect(Array.from(m.Wx.subarray(0, VOCAB))).toEqual(expectWx0);
    expect(Array.from(m.Wh.subarray(0, 3))).toEqual(expectWh0);
    expect(m.Wx[VOCAB]).toBe(draw()); // row 1 of Wx follows row 0 of Wh
    expect(Array.from(m.bh)).toEqual([0, 0, 0]);
    expect(m.by.every((v) => v === 0)).toBe(true);
    expect(Math.max(...Array.from(m.Wy).map(Math.abs))).toBeLessThanOrEqual(0.5 / 3);
  });
  it("cosine learning rate with the 1% floor", () => {
    const t = new Trainer(CORPUS, { hidden: 2, epochs: 100 });
    expect(t.lrAt(1)).toBeCloseTo(0.01 * 0.5 * (1 + Math.cos(Math.PI / 100)), 12);
    expect(t.lrAt(50)).toBeCloseTo(0.005, 12);
    expect(t.lrAt(100)).toBe(0.0001);
    expect(new Trainer(CORPUS, { hidden: 2, optimizer: "adam" }).lr0).toBe(0.002);
  });
  it("log epochs and line format follow the reference log", () => {
    const es = Array.from({ length: 4000 }, (_, i) => i + 1).filter((e) => isLogEpoch(e, 4000));
    expect(es.slice(0, 12)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20, 30]);
    expect(es.slice(-4)).toEqual([1000, 2000, 3000, 4000]);
    expect(es.length).toBe(31);
    expect(logLine({ epoch: 1, trainBpc: 7.872, lr: 0.01, best: true }, 7.724)).toBe("       1     7.8720     7.7240 0.010000 *");
  });
});

describe("BPTT matches a straightforward implementation of the recipe", () => {
  for (const H of [1, 5, 8]) {
    it(`H = ${H}: train bpc per epoch and weights after 3 epochs`, () => {
      const init = initModel(H, 7);
      const tr = new Trainer(CORPUS, { epochs: 10 }, init);
      const m = { H, Wx: Float64Array.from(init.Wx), Wh: Float64Array.from(init.Wh), bh: Float64Array.from(init.bh), Wy: Float64Array.from(init.Wy), by: Float64Array.from(init.by) };
      for (let e = 1; e <= 3; e++) {
        const ref = naiveEpoch(m, CORPUS, tr.lrAt(e));
        expect(Math.abs(tr.epoch().trainBpc - ref)).toBeLessThan(1e-5);
      }
      const got = tr.current();
      for (const k of ["Wx", "Wh", "bh", "Wy", "by"] as const) expect(maxDiff(got[k], m[k])).toBeLessThan(1e-5);
    });
  }
  it("works on 2 bytes (one prediction) and exactly 51 bytes (one full chunk)", () => {
    for (const n of [2, 51, 52]) {
      const data = CORPUS.subarray(0, n);
      const tr = new Trainer(data, { hidden: 3, epochs: 5 });
      const m0 = tr.current();
      const m = { H: 3, Wx: Float64Array.from(m0.Wx), Wh: Float64Array.from(m0.Wh), bh: Float64Array.from(m0.bh), Wy: Float64Array.from(m0.Wy), by: Float64Array.from(m0.by) };
      for (let e = 1; e <= 2; e++) expect(Math.abs(tr.epoch().trainBpc - naiveEpoch(m, data, tr.lrAt(e)))).toBeLessThan(1e-5);
    }
  });
  it("is deterministic, keeps the best epoch, and Adam learns", () => {
    const a = new Trainer(CORPUS, { hidden: 4, epochs: 20 });
    const b = new Trainer(CORPUS, { hidden: 4, epochs: 20 });
    for (let e = 0; e < 20; e++) expect(a.epoch()).toEqual(b.epoch());
    expect(a.best()).toEqual(b.best());
    expect(a.bestEpoch).toBeGreaterThan(0);
    const adam = new Trainer(CORPUS, { hidden: 8, epochs: 60, optimizer: "adam" });
    const first = adam.epoch().trainBpc;
    for (let e = 1; e < 60; e++) adam.epoch();
    expect(adam.bestBpc).toBeLessThan(first - 2);
    expect(adam.bestBpc).toBeLessThanOrEqual(adam.evalBpc() + 2);
  });
});

describe.skipIf(!HAVE_SHARED)("the reference run on enwik_1024.txt", () => {
  it("epochs 1–10 match the reference log to its 4 printed decimals", { timeout: 60_000 }, () => {
    const log = readFileSync(join(SHARED, "reference/sat_train_enwik_1024_4000.log"), "utf8").split("\n");
    const tr = new Trainer(new Uint8Array(readFileSync(SAT_CORPUS)), { epochs: 4000 });
    for (let e = 1; e <= 10; e++) {
      const line = logLine(tr.epoch(), tr.evalBpc());
      const ref = log.find((l) => l.startsWith(String(e).padStart(8) + " "))!;
      const [, trainRef, evalRef, lrRef] = ref.trim().split(/\s+/).map(Number);
      const [, train, ev, lr] = line.trim().split(/\s+/).map(Number);
      expect(Math.abs(train - trainRef)).toBeLessThanOrEqual(0.00011);
      expect(Math.abs(ev - evalRef)).toBeLessThanOrEqual(0.00011);
      expect(lr).toBe(lrRef);
    }
  });
});

describe("sat-rnn train (CLI)", () => {
  const corpus = join(dir, "corpus.txt");
  writeFileSync(corpus, CORPUS);

  it("trains, writes the best model (raw or safetensors), the final one and a log", { timeout: 60_000 }, () => {
    const out = join(dir, "m.bin");
    const r = cli("train", "--corpus", corpus, "--out", out, "--final", join(dir, "final.safetensors"), "--epochs", "12", "--hidden", "6", "--log", join(dir, "t.log"));
    expect(r.stderr).toContain("epoch 12/12");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Best model: \d\.\d{4} bpc \(epoch \d+\) -> /);
    const m: Model = loadModelFile(out);
    expect(m.H).toBe(6);
    expect(loadModelFile(join(dir, "final.safetensors")).H).toBe(6);
    const log = readFileSync(join(dir, "t.log"), "utf8").split("\n");
    expect(log[1]).toBe("   epoch  train_bpc   eval_bpc       lr");
    expect(log[2]).toMatch(/^ {7}1 {5}\d\.\d{4} {5}\d\.\d{4} 0\.\d{6} \*$/);
    // same seed → same bytes
    cli("train", "--corpus", corpus, "--out", join(dir, "m2.bin"), "--epochs", "12", "--hidden", "6", "--quiet");
    expect(readFileSync(join(dir, "m2.bin"))).toEqual(readFileSync(out));
  });

  it("bad input: clear one-line errors, exit 2, nothing written", { timeout: 60_000 }, async () => {
    writeFileSync(join(dir, "empty.txt"), "");
    const r = cli("train", "--corpus", join(dir, "empty.txt"), "--out", join(dir, "x.bin"), "--epochs", "2");
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^sat-rnn train: .*empty\.txt: the corpus has 0 bytes; at least 2 are needed[^\n]*\n$/);
    // the rest in-process (fast): the command rejects with the InputError the CLI prints
    const check = (values: Record<string, string>, re: RegExp) => expect(Promise.resolve().then(() => train.run({ values, positionals: [] }))).rejects.toThrow(re);
    const out = join(dir, "x.bin");
    await check({ corpus: join(dir, "missing.txt"), out }, /missing\.txt: corpus file not found/);
    await check({ corpus, out: join(dir, "no/such/dir/x.bin"), epochs: "2" }, /no\/such\/dir\/x\.bin: cannot write the model file \(folder does not exist\)/);
    mkdirSync(join(dir, "adir"), { recursive: true });
    await check({ corpus, out: join(dir, "adir"), epochs: "2" }, /adir: is a directory/);
    await check({ corpus, out, optimizer: "rmsprop" }, /--optimizer rmsprop: expected sgd or adam/);
    await check({ corpus, out, hidden: "0" }, /--hidden 0: expected a whole number/);
    await check({ corpus, out, epochs: "1.5" }, /--epochs 1\.5: expected a whole number/);
    await check({ out }, /--corpus C is required/);
    await check({ corpus }, /--out M is required/);
    expect(existsSync(out)).toBe(false);
  });

  it.skipIf(process.platform === "win32")("Ctrl-C writes the best model so far and exits 130", { timeout: 60_000 }, async () => {
    const out = join(dir, "interrupted.bin");
    const log = join(dir, "int.log");
    const child = spawn(process.execPath, [CLI, "train", "--corpus", corpus, "--out", out, "--epochs", "1000000", "--hidden", "4", "--log", log], { cwd: dir });
    let stdout = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", () => {});
    const deadline = Date.now() + 30_000;
    while (!(existsSync(log) && readFileSync(log, "utf8").split("\n").length > 6) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    child.kill("SIGINT");
    const code = await new Promise<number | null>((r) => child.on("exit", (c) => r(c)));
    expect(code).toBe(130);
    expect(stdout).toMatch(/Best model: /);
    expect(loadModelFile(out).H).toBe(4);
  });
});

