/**
 * `sat-rnn compare --other OTHER.bin`: this model vs another, claim by claim (verdict flips, the
 * largest changes of measured values, neuron role changes), both analysed on the same bytes.
 * Also the `--population` / `--compare` outputs of `sat-rnn analyze` (robustness.json, compare.json).
 */
import { join } from "node:path";
import { toJson } from "../../data-loaders/common.ts";
import { loadRun, readInputFile, resolveInputs, type Run } from "../../lib/io.ts";
import { InputError } from "../../lib/model.ts";
import type { Comparison } from "../../lib/population/compare.ts";
import { analyseModel, analysisFrom } from "../../lib/population/ledger.ts";
import { compareWith, type LoadedPopulation, loadPopulation, populationRobustness } from "../../lib/population/load.ts";
import type { PopulationRobustness } from "../../lib/population/load.ts";
import { writeFileAtomic } from "../../lib/train/output.ts";
import { INPUT_OPTIONS, inputOptions, type Options, type Parsed } from "../args.ts";
import type { Command } from "../command.ts";

export const POPULATION_OPTIONS: Options = {
  population: { type: "string", placeholder: "P", description: "also judge every claim across the population in folder P (from `sat-rnn population`): robustness.json" },
  compare: { type: "string", placeholder: "OTHER", description: "also compare with the model file OTHER on the same bytes: compare.json (flipped verdicts, value and role changes)" },
};

export interface PopulationRequest {
  population?: LoadedPopulation;
  compare?: string;
}

/** Validates --population and --compare up front (one clear line on bad input). */
export function checkPopulationOptions(values: Parsed["values"]): PopulationRequest | null {
  const req: PopulationRequest = {};
  if (values.population !== undefined) {
    if (typeof values.population !== "string" || !values.population) throw new InputError("--population needs a folder");
    req.population = loadPopulation(values.population, typeof values.corpus === "string" ? [values.corpus] : []);
  }
  if (values.compare !== undefined) {
    if (typeof values.compare !== "string" || !values.compare) throw new InputError("--compare needs a model file");
    readInputFile(values.compare, "model (--compare)");
    req.compare = values.compare;
  }
  return req.population || req.compare ? req : null;
}

export function flipsText(c: Comparison): string {
  const lines = [`${c.a.modelFile} (bpc ${c.a.bpc.toFixed(4)}) vs ${c.b.modelFile} (bpc ${c.b.bpc.toFixed(4)}): ${c.flipped.length} of ${c.claims} verdicts flip`];
  for (const f of c.flipped) lines.push(`  ${f.id.padEnd(24)} ${f.a.verdict.padEnd(7)} → ${f.b.verdict.padEnd(7)} ${f.claim}`);
  return lines.join("\n") + "\n";
}

export function robustnessText(R: PopulationRobustness): string {
  const c = R.counts;
  return (
    `population ${R.population.dir}: ${R.models.length} models; ${Object.keys(R.claims).length} claims — ${c.robust} robust, ` +
    `${c["initialisation-bound"]} initialisation-bound, ${c["model-specific"]} model-specific, ${c["not judged"]} not judged\n`
  );
}

/** Writes robustness.json and/or compare.json into `outDir`; returns the text summary. */
export function populationOutputs(req: PopulationRequest, run: Run, chapters: Record<string, unknown>, errors: Record<string, string>, outDir: string): string {
  const analysis = analysisFrom(run, chapters, errors);
  let text = "";
  const write = (name: string, value: unknown) => {
    const path = join(outDir, name);
    writeFileAtomic(path, new TextEncoder().encode(toJson({ fingerprint: run.fingerprint, data: value })), name);
    return path;
  };
  if (req.population) {
    const R = populationRobustness(req.population, run.fingerprint.corpusBytes, { run, analysis }, (s) => process.stderr.write(s));
    text += `${robustnessText(R)}wrote ${write("robustness.json", R)}\n`;
  }
  if (req.compare) {
    const c = compareWith(run, analysis, req.compare);
    text += `${flipsText(c)}wrote ${write("compare.json", c)}\n`;
  }
  return text;
}

const command: Command = {
  summary: "compare this model with another claim by claim (verdict flips, value and neuron role changes)",
  usage: "sat-rnn compare --other OTHER [--model M] [--corpus C] [--bytes N] [--json]",
  options: {
    ...INPUT_OPTIONS,
    other: { type: "string", placeholder: "OTHER", description: "the other model file (raw float32 layout or safetensors), analysed on the same bytes" },
    json: { type: "boolean", description: "print the whole comparison as JSON" },
  },
  run({ values }) {
    if (typeof values.other !== "string" || !values.other) throw new InputError("--other OTHER is required (the model to compare with)");
    const run = loadRun(resolveInputs(inputOptions(values)));
    readInputFile(values.other, "model (--other)");
    const c = compareWith(run, analyseModel(run), values.other);
    process.stdout.write(values.json ? JSON.stringify(c, null, 2) + "\n" : flipsText(c));
    return 0;
  },
};
export default command;
