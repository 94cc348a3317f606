/**
 * The whole report's data, computed once from a Run in one process (site: src/data.tar.ts, one
 * archive loader from which Framework extracts every data/<file> a page asks for).
 *
 * Each chapter is computed once (common.ts sharedJson memoises per run in this process) and read
 * by the ledger, the neuron pages and the tables as the JSON the pages get; the derived views of
 * the trace are computed once (lib/derived.ts). Files, as the pages name them under data/:
 *   <name>.json       the chapters (q1 … q7), the ledger (claims), justify, neurons, text, model
 *   neuron/<j>.json   one file per neuron page, neuron/index.json the neuron index
 *   tables/<name>.arrow|.csv, tables/schema.json   the tables (data-loaders/tables.ts)
 *   tables.tar        "all data": every table's Arrow file, schema.json and the chapters' JSON
 *   q1-z.bin          z_t as float32, weights.bin the raw model, engine.js the browser engine
 */
import type { Run } from "../lib/io.ts";
import { float32Bytes, serializeRawModel } from "../lib/model.ts";
import claims, { CHAPTER_BUILDERS, premeasureLedger } from "./claims.ts";
import { type ChapterBuilder, seedShared, sharedJson, tar } from "./common.ts";
import q7all from "./q7all.ts";
import { giveRankOne, type Helper, HELPER_OUTPUTS } from "./reportHelper.ts";
import { engineModule } from "./engine.ts";
import justify from "./justify.ts";
import modelCard from "./model.ts";
import neuronPages from "./neuronPages.ts";
import neurons from "./neurons.ts";
import { openQuestions, type PartListener } from "./openQuestions.ts";
import tables, { matrixFiles } from "./tables.ts";
import text from "./text.ts";

/** The JSON data files (data/<name>.json) and their builders; claims (the ledger) reads the chapters. */
export const JSON_BUILDERS: Record<string, ChapterBuilder> = { model: modelCard, ...CHAPTER_BUILDERS, justify, neurons, text, claims };

/** Told when each stage of the report starts and ends (a build's progress lines; cli/progress.ts). */
export interface StageListener {
  start(stage: string): void;
  done(stage: string, seconds: number, ok?: boolean): void;
  /** A part of a long stage (the open questions' experiments). */
  part?(stage: string, part: string): void;
  partDone?(stage: string, part: string, seconds: number): void;
}

/** A stage's parts as lines of its progress (the open questions' experiments). */
export function stageParts(progress: StageListener | undefined, stage: string): PartListener {
  return { start: (p) => progress?.part?.(stage, p), done: (p, s) => progress?.partDone?.(stage, p, s) };
}

/** The stages of reportFiles, in order (for a progress estimate; "knockouts" is reported too when a helper thread gets it). */
export const REPORT_STAGES = [...Object.keys(JSON_BUILDERS), "open-questions", "neuronPages", "tables"];

/**
 * What needs only the main thread's results, done while the helper finishes its `delegated`
 * outputs: the tables' T×H matrices (the trace), the ledger's Q7 over every position (the text
 * view's sweep) and the ledger's measures that read none of the helper's chapters (its bootstrap
 * intervals). Shared by the site's archive and `sat-rnn analyze`.
 */
export function whileHelperWorks(run: Run, delegated: readonly string[]): void {
  matrixFiles(run);
  sharedJson("q7all", q7all, run);
  premeasureLedger(run, delegated);
}

/**
 * Every data file of the site, name (relative to data/) → content. With a `helper` (a second
 * thread: data-loaders/reportHelper.ts), its outputs are computed there meanwhile and taken when
 * first needed (before the ledger); anything it could not compute is computed here.
 */
export default function reportFiles(run: Run, progress?: StageListener, helper?: Helper | null): Map<string, string | Uint8Array> {
  const stage = <T>(name: string, f: () => T): T => {
    progress?.start(name);
    const t0 = performance.now();
    try {
      const out = f();
      progress?.done(name, (performance.now() - t0) / 1000);
      return out;
    } catch (e) {
      progress?.done(name, (performance.now() - t0) / 1000, false);
      throw e;
    }
  };
  const files = new Map<string, string | Uint8Array>();
  const json = (name: string, builder: ChapterBuilder) => stage(name, () => sharedJson(name, builder, run));
  const delegated = new Set(helper ? Object.keys(HELPER_OUTPUTS) : []);
  // the knockout pass, which this thread's open questions and the helper's Q3 and Q5 read: computed
  // here first and handed over while the helper computes Q1 (reportHelper.ts)
  if (helper) stage("knockouts", () => giveRankOne(run, helper));
  // the ledger last among the JSON files (it reads every chapter), open questions before it (while the helper works)
  for (const [name, builder] of Object.entries(JSON_BUILDERS)) if (name !== "claims" && !delegated.has(name)) files.set(`${name}.json`, json(name, builder));
  files.set("open-questions.json", json("open-questions", (r) => openQuestions(r, stageParts(progress, "open-questions"))));
  if (helper) whileHelperWorks(run, [...delegated]);
  for (const name of delegated) {
    const t0 = performance.now();
    const text = helper!.take(name);
    if (text !== null) seedShared(name, run, text);
    if (name in JSON_BUILDERS) {
      if (text !== null) progress?.done(name, (performance.now() - t0) / 1000);
      files.set(`${name}.json`, text ?? json(name, JSON_BUILDERS[name]));
    }
  }
  helper?.close();
  files.set("claims.json", json("claims", JSON_BUILDERS.claims));
  for (const [name, body] of stage("neuronPages", () => neuronPages(run))) files.set(`neuron/${name}`, body);
  const t = stage("tables", () => tables(run));
  for (const [name, body] of t) files.set(`tables/${name}`, body);
  // the "all data" archive: Arrow, schema.json and the chapters' JSON; the CSVs stay beside it only
  // (they repeat the Arrow files, and at 64 KB × H = 128 the two matrices' CSVs are ~190 MB)
  files.set("tables.tar", tar(new Map([...t].filter(([name]) => !name.endsWith(".csv")))));
  files.set("q1-z.bin", float32Bytes(run.trace.z));
  files.set("weights.bin", serializeRawModel(run.model));
  files.set("engine.js", engineModule({ H: run.model.H, modelSha256: run.fingerprint.modelSha256 }));
  return files;
}
