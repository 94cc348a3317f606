/**
 * Reading a population folder (DIR/population.json and DIR/<name>.bin) and analysing every model
 * on its own training corpus (the first `window` bytes, as the model in hand is analysed).
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, isAbsolute, join, relative, resolve } from "node:path";
import { corpusWindow } from "../corpus.ts";
import { type Fingerprint, loadRun, PROJECT_ROOT, parseModelBytes, readInputFile, type Run, sha256 } from "../io.ts";
import { InputError, parameterCount } from "../model.ts";
import { runTrace } from "../rnn.ts";
import { type Comparison, compareModels, type Side } from "./compare.ts";
import { analyseModel, type ModelAnalysis } from "./ledger.ts";
import { MANIFEST, type PopulationManifest, validateManifest } from "./population.ts";
import { type Member, type Robustness, robustness } from "./robustness.ts";

export { COMPARE_ENV, DEMO_POPULATION, extraInputsKey, POPULATION_ENV, resolveCompareModel, resolvePopulationDir } from "./inputs.ts";

export interface LoadedPopulation {
  dir: string;
  manifest: PopulationManifest;
  /** The corpus file the models were trained on (found and checked by sha256). */
  corpusPath: string;
}


/** Reads and checks a population folder; finds its training corpus. */
export function loadPopulation(dirIn: string, extraCorpora: string[] = []): LoadedPopulation {
  const dir = resolve(dirIn);
  let st;
  try {
    st = statSync(dir);
  } catch {
    throw new InputError(`--population ${dirIn}: folder not found`);
  }
  if (!st.isDirectory()) throw new InputError(`--population ${dirIn}: not a folder (expected a folder written by \`sat-rnn population\`)`);
  const path = join(dir, MANIFEST);
  if (!existsSync(path)) throw new InputError(`--population ${dirIn}: no ${MANIFEST} in it (run \`sat-rnn population --out ${dirIn}\` first)`);
  let manifest: PopulationManifest;
  try {
    manifest = validateManifest(JSON.parse(readFileSync(path, "utf8")), path);
  } catch (e) {
    throw new InputError(e instanceof SyntaxError ? `${path}: not valid JSON (${e.message})` : (e as Error).message);
  }
  if (manifest.models.length === 0) throw new InputError(`${path}: the population has no finished models yet`);
  const r = manifest.recipe;
  const candidates = [resolve(dir, r.corpus), resolve(r.corpus), resolve(PROJECT_ROOT, r.corpus), ...extraCorpora.map((c) => resolve(c))];
  const corpusPath = candidates.find((c) => {
    try {
      return existsSync(c) && statSync(c).isFile() && sha256(new Uint8Array(readFileSync(c)).subarray(0, r.bytes)) === r.corpusSha256;
    } catch {
      return false;
    }
  });
  if (!corpusPath) throw new InputError(`${path}: cannot find the corpus the population was trained on (${r.corpus}, sha256 ${r.corpusSha256.slice(0, 12)}…); put it next to the folder or pass it with --corpus`);
  for (const m of manifest.models) {
    if (!existsSync(join(dir, m.file))) throw new InputError(`${join(dir, m.file)}: model file listed in ${MANIFEST} is missing`);
  }
  return { dir, manifest, corpusPath };
}

export interface PopulationRobustness extends Robustness {
  population: {
    dir: string;
    source?: string;
    recipe: PopulationManifest["recipe"];
    corpusFile: string;
    /** Bytes each model is analysed on. */
    window: number;
  };
  inHand: Pick<Fingerprint, "modelFile" | "modelSha256" | "H" | "bpc" | "corpusFile" | "corpusSha256" | "corpusBytes"> | null;
  /** Whether the model in hand was analysed on the same bytes as the population. */
  sameCorpus: boolean;
}

/**
 * Analyses every model of a population (on its own corpus, first `window` bytes) and judges the
 * claims across it; `inHand` (the report's model) is marked on every claim.
 */
export function populationRobustness(
  pop: LoadedPopulation,
  window: number,
  inHand: { run: Run; analysis?: ModelAnalysis | (() => ModelAnalysis) } | null,
  progress: (s: string) => void = () => {},
  displayDir = pop.dir,
): PopulationRobustness {
  const corpusBytes = readInputFile(pop.corpusPath, "corpus");
  const { data } = corpusWindow(corpusBytes, window, pop.corpusPath);
  const members: Member[] = pop.manifest.models.map((m, k) => {
    const t0 = performance.now();
    const run = loadRun({ modelPath: join(pop.dir, m.file), corpusPath: pop.corpusPath, window, source: "flag" });
    const analysis = analyseModel(run);
    progress(`population: ${m.name} analysed (${k + 1}/${pop.manifest.models.length}, ${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
    return { name: m.name, seed: m.seed, order: m.order, bpc: Number(run.trace.bpc.toPrecision(6)), analysis };
  });
  // the model in hand last: a site build reads it from the report it computes meanwhile
  const given = inHand?.analysis;
  const handAnalysis = inHand ? (typeof given === "function" ? given() : (given ?? analyseModel(inHand.run))) : null;
  const R = robustness(members, handAnalysis);
  const fp = inHand?.run.fingerprint;
  return {
    population: { dir: displayDir, recipe: pop.manifest.recipe, corpusFile: pop.manifest.recipe.corpus, window: data.length },
    inHand: fp
      ? { modelFile: fp.modelFile, modelSha256: fp.modelSha256, H: fp.H, bpc: fp.bpc, corpusFile: fp.corpusFile, corpusSha256: fp.corpusSha256, corpusBytes: fp.corpusBytes }
      : null,
    sameCorpus: Boolean(fp && fp.corpusBytes === data.length && sha256(data) === sha256(inHand!.run.data)),
    ...R,
  };
}

/** How a file is named in published data: its path inside the project, else its file name. */
function shownPath(p: string): string {
  const r = relative(PROJECT_ROOT, p);
  return r && !r.startsWith("..") && !isAbsolute(r) ? r : basename(p);
}

/** The model in `path` run over the bytes `run` analyses (the same text, the same window). */
export function runOnSameBytes(run: Run, path: string): Run {
  const bytes = readInputFile(path, "model");
  const model = parseModelBytes(bytes, path);
  const trace = runTrace(model, run.data);
  return {
    model,
    data: run.data,
    trace,
    fingerprint: { ...run.fingerprint, modelFile: shownPath(path), modelSha256: sha256(bytes), H: model.H, parameters: parameterCount(model.H), predictions: trace.T, bpc: trace.bpc },
  };
}

/** The model in hand vs the model in `otherPath`, both analysed on the model in hand's bytes. */
export function compareWith(run: Run, analysis: ModelAnalysis | (() => ModelAnalysis) | null, otherPath: string): Comparison {
  const other = runOnSameBytes(run, otherPath);
  const side = (r: Run): Side => ({ modelFile: r.fingerprint.modelFile, modelSha256: r.fingerprint.modelSha256, H: r.fingerprint.H, bpc: Number(r.fingerprint.bpc.toPrecision(6)) });
  const otherAnalysis = analyseModel(other);
  // the model in hand second: a site build reads it from the report it computes meanwhile
  const hand = typeof analysis === "function" ? analysis() : (analysis ?? analyseModel(run));
  return compareModels({ side: side(run), analysis: hand, bits: run.trace.bits }, { side: side(other), analysis: otherAnalysis, bits: other.trace.bits });
}
