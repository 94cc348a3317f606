/**
 * A population of models trained by one recipe (`sat-rnn population`): which models it holds, how
 * each was trained, and the manifest `population.json` that records them.
 *
 * A model of the population is identified by its initialisation seed (the srand seed of
 * lib/train.ts initModel) and its data order (the corpus rotated so that training starts at another
 * byte; order 0 is the corpus as it is). With `initSeedMode: "varied"` model k has seed
 * `baseSeed + k`; with `"fixed"` every model has `baseSeed` and model k trains with data order k.
 * `orders` > 1 trains every seed with that many data orders, so a population can hold models that
 * share their initialisation and models that do not (what the robustness page needs to tell an
 * initialisation-bound neuron from a recipe-level one).
 */
import type { Optimizer } from "../train.ts";

export type InitSeedMode = "fixed" | "varied";

export interface Recipe {
  /** Corpus file as given, its sha256 and the bytes trained on (the first `bytes`). */
  corpus: string;
  corpusSha256: string;
  bytes: number;
  hidden: number;
  epochs: number;
  optimizer: Optimizer;
  /** Peak learning rate. */
  lr: number;
  bptt: number;
  initSeedMode: InitSeedMode;
  baseSeed: number;
  /** Data orders per initialisation seed. */
  orders: number;
}

export interface PlannedModel {
  name: string;
  seed: number;
  /** Data order k: training starts at byte `offset` of the corpus (and wraps around). */
  order: number;
  offset: number;
}

export interface PopulationModel extends PlannedModel {
  file: string;
  sha256: string;
  /** Epoch of the best model and its train bpc (on the rotated training bytes). */
  bestEpoch: number;
  trainBpc: number;
  /** float32 bpc of the written (best) model on the training bytes in their own order, from h = 0. */
  bpc: number;
  seconds: number;
}

export interface PopulationManifest {
  format: "sat-rnn-population/1";
  recipe: Recipe;
  /** The initialisation seeds of the models, in model order. */
  seeds: number[];
  models: PopulationModel[];
}

export const MANIFEST = "population.json";
export const MANIFEST_FORMAT = "sat-rnn-population/1";

/**
 * Byte offset of data order k over n bytes: ⌊k·n·(√5−1)/2⌋ mod n (order 0: offset 0). Independent
 * of how many orders a population has, so a population extended later keeps its models' meaning,
 * and successive orders start far apart.
 */
export function orderOffset(order: number, n: number): number {
  return Math.floor(((order * (Math.sqrt(5) - 1)) / 2) % 1 * n) % n;
}

/** The corpus rotated to start at `offset` (the bytes before it are appended at the end). */
export function rotate(data: Uint8Array, offset: number): Uint8Array {
  if (offset === 0) return data;
  const out = new Uint8Array(data.length);
  out.set(data.subarray(offset), 0);
  out.set(data.subarray(0, offset), data.length - offset);
  return out;
}

/** The models of a population: `count` seeds (varied) or `count` data orders (fixed). */
export function planPopulation(recipe: Recipe, count: number): PlannedModel[] {
  const out: PlannedModel[] = [];
  const n = recipe.bytes;
  if (recipe.initSeedMode === "fixed") {
    for (let k = 0; k < count; k++) out.push({ name: `s${recipe.baseSeed}-o${k}`, seed: recipe.baseSeed, order: k, offset: orderOffset(k, n) });
    return out;
  }
  for (let k = 0; k < count; k++) {
    const seed = recipe.baseSeed + k;
    for (let o = 0; o < recipe.orders; o++) {
      out.push({ name: recipe.orders > 1 ? `s${seed}-o${o}` : `s${seed}`, seed, order: o, offset: orderOffset(o, n) });
    }
  }
  return out;
}

/** The recipe fields that must agree for two runs to fill one population (everything but the count). */
export function recipeMismatch(a: Recipe, b: Recipe): string | null {
  const keys: (keyof Recipe)[] = ["corpusSha256", "bytes", "hidden", "epochs", "optimizer", "lr", "bptt", "initSeedMode", "baseSeed", "orders"];
  for (const k of keys) if (a[k] !== b[k]) return `${k} ${JSON.stringify(a[k])} (there) vs ${JSON.stringify(b[k])} (asked)`;
  return null;
}

/** Checks a parsed population.json; throws with what is wrong. */
export function validateManifest(m: unknown, source: string): PopulationManifest {
  const bad = (why: string): never => {
    throw new Error(`${source}: not a population manifest (${why})`);
  };
  if (!m || typeof m !== "object") bad("not a JSON object");
  const o = m as Record<string, unknown>;
  if (o.format !== MANIFEST_FORMAT) bad(`format is ${JSON.stringify(o.format)}, expected "${MANIFEST_FORMAT}"`);
  if (!o.recipe || typeof o.recipe !== "object") bad("no recipe");
  if (!Array.isArray(o.models)) bad("no models list");
  for (const x of o.models as unknown[]) {
    const e = x as Record<string, unknown>;
    if (typeof e?.name !== "string" || typeof e.file !== "string" || typeof e.seed !== "number") bad("a model entry lacks name, file or seed");
  }
  return o as unknown as PopulationManifest;
}
