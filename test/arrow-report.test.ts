/**
 * data-loaders/report.ts: the whole report's data from one Run in one process (src/data.tar.ts).
 * Every page's data file is there, each chapter is computed once, and the files are exactly what
 * the chapter builders give.
 */
import { describe, expect, it } from "vitest";
import { buildChapter, sharedJson, toJson, untar } from "../data-loaders/common.ts";
import q4 from "../data-loaders/q4.ts";
import reportFiles, { JSON_BUILDERS } from "../data-loaders/report.ts";
import { TABLE_DOCS } from "../data-loaders/tables.ts";
import { HELPER_OUTPUTS, startHelper } from "../data-loaders/reportHelper.ts";
import * as Derived from "../lib/derived.ts";
import { serializeRawModel } from "../lib/model.ts";
import { randomModel, tinyRun } from "./helpers.ts";

const corpus = new TextEncoder().encode("<mediawiki xmlns=\"http://www.mediawiki.org/xml/export-0.3/\" xml:lang=\"en\">\n");

describe("report.ts: every data file from one run", () => {
  it("holds every file the pages read; the derived views computed once, each chapter kept for the ledger, neuron pages and tables", () => {
    const run = tinyRun(randomModel(6, 3), corpus.subarray(0, 50));
    const before = Derived.derivedComputations;
    const files = reportFiles(run);
    expect(Derived.derivedComputations - before).toBe(1);
    const names = [...files.keys()];
    for (const n of Object.keys(JSON_BUILDERS)) expect(names, n).toContain(`${n}.json`);
    for (const n of ["q1-z.bin", "weights.bin", "engine.js", "tables.tar", "tables/schema.json", "neuron/index.json", "neuron/0.json", "neuron/5.json"]) expect(names, n).toContain(n);
    expect(names).not.toContain("neuron/6.json");
    for (const t of Object.keys(TABLE_DOCS)) expect(names).toContain(`tables/${t}.arrow`);
    // "all data": every Arrow file, the schema and the chapters' JSON; the CSVs only beside it
    const all = [...untar(files.get("tables.tar") as Uint8Array).keys()];
    for (const t of Object.keys(TABLE_DOCS)) expect(all).toContain(`${t}.arrow`);
    expect(all).toContain("schema.json");
    expect(all).toContain("json/q4.json");
    expect(all.filter((n) => n.endsWith(".csv"))).toEqual([]);
    expect(files.get("q4.json")).toBe(toJson(buildChapter(q4, run)));
    // the chapters are kept per run: asking again computes nothing
    for (const n of Object.keys(JSON_BUILDERS)) expect(sharedJson(n, () => { throw new Error(`${n} recomputed`); }, run)).toBe(files.get(`${n}.json`));
    expect(files.get("weights.bin")).toEqual(serializeRawModel(run.model));
    expect(String(files.get("engine.js"))).toContain(`"modelSha256":"${run.fingerprint.modelSha256}"`);
  }, 60_000);

  it("with the helper thread: the same files, byte for byte, and the helper's outputs kept for the rest", () => {
    const corpus2 = corpus.subarray(0, 60);
    const alone = reportFiles(tinyRun(randomModel(5, 4), corpus2));
    const run = tinyRun(randomModel(5, 4), corpus2);
    const helper = startHelper(run, new URL("../src/data.tar.ts", import.meta.url));
    expect(helper).not.toBeNull();
    const shared = reportFiles(run, undefined, helper);
    expect([...shared.keys()].sort()).toEqual([...alone.keys()].sort());
    for (const [name, body] of alone) expect(shared.get(name), name).toEqual(body);
    for (const n of Object.keys(HELPER_OUTPUTS)) expect(sharedJson(n, () => { throw new Error(`${n} recomputed`); }, run)).toBeTypeOf("string");
  }, 60_000);

  it("the helper takes the main thread's knockout pass for Q3 instead of computing it again", () => {
    const run = tinyRun(randomModel(5, 4), corpus.subarray(0, 60));
    const H = run.model.H;
    // a pass no model gives (knockout bpc = baseline + j + 1): Q3's Δbpc must be exactly these
    const given = { knockout: Float64Array.from({ length: H }, (_, j) => run.trace.bpc + j + 1), sign: new Float64Array(H).fill(run.trace.bpc) };
    const helper = startHelper(run, new URL("../src/data.tar.ts", import.meta.url), ["q3"]);
    expect(helper).not.toBeNull();
    helper!.give(given);
    const q3 = JSON.parse(helper!.take("q3")!).data;
    helper!.close();
    expect(q3.delta).toEqual(Array.from({ length: H }, (_, j) => j + 1));
    // and without it (a take before any give), the helper computes the pass itself
    const other = startHelper(run, new URL("../src/data.tar.ts", import.meta.url), ["q3"]);
    const own = JSON.parse(other!.take("q3")!).data;
    other!.close();
    expect(own.delta).toEqual(JSON.parse(sharedJson("q3", JSON_BUILDERS.q3, run)).data.delta);
  }, 60_000);
});

