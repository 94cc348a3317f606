/** Open question 1: the trainer's mask hook and the train-redux experiment (deterministic for a seed). */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../lib/io.ts";
import { serializeRawModel } from "../lib/model.ts";
import { reduxMasks, reduxOf, trainRedux, trainReduxAnswer } from "../lib/analyses/oq/trainRedux.ts";
import { parameterCount } from "../lib/model.ts";
import { initModel, Trainer } from "../lib/train.ts";
import { randomModel, tempDirs, tinyRun } from "./helpers.ts";

const tmp = tempDirs("sat-rnn-oq1-");

const TEXT = "<page><title>Open questions</title> the redux, trained directly? </page>\n";

describe("oq1 train-redux", () => {
  it("the mask hook holds masked W_h and W_y entries at zero while the rest trains (SGD and Adam)", () => {
    const H = 6;
    const data = new TextEncoder().encode(TEXT);
    const Wh = new Uint8Array(H * H).fill(1);
    Wh[0 * H + 1] = 0;
    Wh[5 * H + 5] = 0;
    const Wy = new Uint8Array(256 * H).fill(1);
    for (let o = 0; o < 256; o++) Wy[o * H + 2] = 0; // neuron 2 is not read out
    for (const optimizer of ["sgd", "adam"] as const) {
      const tr = new Trainer(data, { hidden: H, epochs: 3, optimizer, mask: { Wh, Wy } });
      for (let e = 0; e < 3; e++) tr.epoch();
      const m = tr.current();
      const init = initModel(H);
      expect(m.Wh[0 * H + 1]).toBe(0);
      expect(m.Wh[5 * H + 5]).toBe(0);
      for (let o = 0; o < 256; o++) expect(m.Wy[o * H + 2]).toBe(0);
      expect(m.Wh[0 * H + 2]).not.toBe(init.Wh[0 * H + 2]); // unmasked entries move
      expect(m.Wy[97 * H + 3]).not.toBe(init.Wy[97 * H + 3]);
    }
    expect(() => new Trainer(data, { hidden: H, mask: { Wh: new Uint8Array(3) } })).toThrow(/W_h mask must have 36 entries/);
  });

  it("masks keep |W_h| ≥ thr and the chosen readout columns; the redux is the top-k of the knockout order", () => {
    const run = tinyRun(randomModel(6, 3, 0.6), TEXT);
    const masks = reduxMasks(run.model, [1, 4], 0.3);
    for (let i = 0; i < 36; i++) expect(masks.Wh[i]).toBe(Math.abs(run.model.Wh[i]) < Math.fround(0.3) ? 0 : 1);
    expect(masks.Wy.reduce((a, b) => a + b, 0)).toBe(2 * 256);
    const r = reduxOf(run, { source: "reference", k: 2, thr: 0.3 });
    expect(r.neurons).toHaveLength(2);
    expect(r.whKept).toBe(masks.Wh.reduce((a, b) => a + b, 0));
    expect(r.params).toBe(256 * 6 + r.whKept + 6 + 256 * 2 + 256);
  });

  it("trains the three variants with both optimizers, deterministically for a seed", () => {
    const run = tinyRun(randomModel(6, 3, 0.6), TEXT);
    const choice = { source: "reference" as const, k: 2, thr: 0.3 };
    let calls = 0;
    const a = trainRedux(run, choice, { epochs: 4, seed: 7, onProgress: () => calls++ });
    expect(calls).toBe(4 * 6);
    const b = trainRedux(run, choice, { epochs: 4, seed: 7 });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    const c = trainRedux(run, choice, { epochs: 4, seed: 8 });
    expect(JSON.stringify(c.runs)).not.toBe(JSON.stringify(a.runs));
    expect(a.runs.map((r) => `${r.variant}/${r.optimizer}/${r.H}`)).toEqual(["small/sgd/2", "small/adam/2", "masked/sgd/6", "masked/adam/6", "full/sgd/6", "full/adam/6"]);
    const small = a.runs[0];
    expect(small.params).toBe(parameterCount(2));
    expect(small.train).toHaveLength(4);
    expect(small.evals.map((e) => e.epoch)).toEqual([1, 2, 3, 4]);
    expect(small.final.bpc).toBe(small.evals[3].bpc);
    expect(a.runs[4].params).toBe(parameterCount(6));
    expect(a.runs[2].params).toBe(a.redux.params);
    expect(trainReduxAnswer(a)).toMatch(/^Trained directly for 4 epochs \(seed 7\), the redux \(k = 2 readout neurons, \d+ of 36 W_h entries\) reaches \d\.\d{4} bpc at best \((small|masked), (SGD|Adam)\), (better|worse) than/);
  });

  it("the answer compares the best trained redux with the pruned redux and the full model, by hand", () => {
    const run = (variant: "small" | "masked" | "full", optimizer: "sgd" | "adam", bpc: number) =>
      ({ variant, optimizer, H: 4, lr0: 0.01, params: 1, train: [], evals: [], final: { epoch: 9, trainBpc: bpc, bpc }, best: { epoch: 9, trainBpc: bpc, bpc } });
    const r = {
      fingerprint: { modelFile: "m", corpusFile: "c", modelSha256: "", corpusSha256: "", corpusBytes: 10, H: 4, bpc: 0.5 },
      epochs: 9,
      seed: 1,
      redux: { source: "reference" as const, k: 2, thr: 0.1, neurons: [0, 3], whKept: 7, prunedBpc: 3, params: 1 },
      runs: [run("small", "sgd", 2.5), run("masked", "sgd", 2), run("full", "sgd", 1), run("small", "adam", 4), run("masked", "adam", 5), run("full", "adam", 1.5)],
    };
    expect(trainReduxAnswer(r)).toBe(
      "Trained directly for 9 epochs (seed 1), the redux (k = 2 readout neurons, 7 of 16 W_h entries) reaches 2.0000 bpc at best (masked, SGD), better than the same redux pruned from the model in hand (3.0000 bpc) and worse than the full model trained the same way (1.0000 bpc, SGD); the model in hand gives 0.5000 bpc. Best bpc per run — SGD: small 2.5000, masked 2.0000, full 1.0000; Adam: small 4.0000, masked 5.0000, full 1.5000.",
    );
  });

  it("runs from the command line: one clear line and exit 2 on bad input, nothing written; else DIR/train-redux.json", () => {
    const dir = tmp();
    writeFileSync(join(dir, "m.bin"), serializeRawModel(randomModel(5, 4, 0.5)));
    writeFileSync(join(dir, "c.txt"), TEXT);
    const cli = (...args: string[]) => spawnSync(process.execPath, [join(PROJECT_ROOT, "cli/sat-rnn.mjs"), "experiment", ...args], { encoding: "utf8", cwd: dir });
    const io = ["--model", "m.bin", "--corpus", "c.txt"];
    for (const [args, msg] of [
      [["train-redux", ...io], /--out DIR is required/],
      [["nope", "--out", "o", ...io], /unknown experiment "nope"/],
      [["train-redux", "--out", "o", "--epochs", "0", ...io], /--epochs 0: expected a whole number/],
      [["train-redux", "--out", "o", "--model", "missing.bin", "--corpus", "c.txt"], /missing\.bin: model file not found/],
    ] as [string[], RegExp][]) {
      const r = cli(...args);
      expect(r.status, args.join(" ")).toBe(2);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(msg);
    }
    expect(existsSync(join(dir, "o"))).toBe(false);
    const ok = cli("train-redux", "--out", "o", "--epochs", "2", "--optimizer", "sgd", "--quiet", ...io);
    expect(ok.stderr).toBe("");
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/wrote .*train-redux\.json/);
    const res = JSON.parse(readFileSync(join(dir, "o/train-redux.json"), "utf8"));
    expect(res.epochs).toBe(2);
    expect(res.runs.map((r: { variant: string }) => r.variant)).toEqual(["small", "masked", "full"]);
    expect(res.fingerprint.H).toBe(5);
  }, 60_000);
});
