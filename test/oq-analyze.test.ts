/** `sat-rnn analyze` writes open-questions.json: oq2…oq5 always, oq1 when train-redux results exist for the inputs. */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyze } from "../cli/commands/analyze.ts";
import { toJson } from "../data-loaders/common.ts";
import { findTrainRedux, reduxChoice } from "../data-loaders/openQuestions.ts";
import { trainRedux } from "../lib/analyses/oq/trainRedux.ts";
import { randomModel, tempDirs, tinyRun } from "./helpers.ts";

const tmp = tempDirs("sat-rnn-oq-");
const corpus = new TextEncoder().encode('<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.3/" xml:lang="en">\n  <siteinfo>\n');

describe("open-questions.json", () => {
  it("has a computed answer for oq2–oq5, and oq1 only once results for these inputs exist", async () => {
    const run = tinyRun(randomModel(8, 11), corpus);
    const out = tmp();
    const res = await analyze(run, out);
    expect(res.files.find((f) => f.name === "open-questions")?.error).toBeUndefined();
    const oq = JSON.parse(readFileSync(join(out, "open-questions.json"), "utf8"));
    expect(oq.fingerprint.H).toBe(8);
    for (const k of ["oq2", "oq3", "oq4", "oq5"]) expect(typeof oq.data[k].answer, k).toBe("string");
    expect(oq.data.oq1).toBeUndefined();
    expect(oq.data.oq3.explanations).toHaveLength(8);
    expect(oq.data.oq3.explanations[3]).toMatch(/^h3 /);
    expect(oq.data.oq2.budget).toBe(1_000_000);

    // results of the experiment for exactly these inputs: picked up from $SAT_RNN_EXPERIMENTS
    const dir = tmp();
    const result = trainRedux(run, reduxChoice(run), { epochs: 2, optimizers: ["sgd"], variants: ["small", "full"] });
    writeFileSync(join(dir, "train-redux.json"), toJson(result));
    writeFileSync(join(dir, "train-redux-other.json"), toJson({ ...result, fingerprint: { ...result.fingerprint, modelSha256: "x" } }));
    const before = process.env.SAT_RNN_EXPERIMENTS;
    process.env.SAT_RNN_EXPERIMENTS = dir;
    try {
      expect(findTrainRedux(run)?.file).toBe(join(dir, "train-redux.json"));
      expect(findTrainRedux({ ...run, fingerprint: { ...run.fingerprint, modelSha256: "y" } })).toBeNull(); // other weights: not theirs
      expect(findTrainRedux({ ...run, fingerprint: { ...run.fingerprint, corpusBytes: 20 } })).toBeNull(); // another window
      const out2 = tmp();
      await analyze(run, out2);
      const oq2 = JSON.parse(readFileSync(join(out2, "open-questions.json"), "utf8"));
      expect(oq2.data.oq1.present).toBe(true);
      expect(oq2.data.oq1.answer).toMatch(/^Trained directly for 2 epochs/);
      expect(oq2.data.oq1.result.runs[0].train).toEqual([[1, result.runs[0].train[0]], [2, result.runs[0].train[1]]]);
    } finally {
      if (before === undefined) delete process.env.SAT_RNN_EXPERIMENTS;
      else process.env.SAT_RNN_EXPERIMENTS = before;
    }
  }, 120_000);
});
