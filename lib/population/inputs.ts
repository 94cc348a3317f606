/**
 * Where the population and compare pages get their extra inputs (light: no analysis code, so the
 * build command can key its cache to them cheaply).
 */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { PROJECT_ROOT, sha256 } from "../io.ts";
import { MANIFEST } from "./population.ts";

/** The committed demo population (shown when no other population is given). */
export const DEMO_POPULATION = "data/demo/population";
export const POPULATION_ENV = "SAT_RNN_POPULATION";

/** The population folder to use: --population / SAT_RNN_POPULATION, else the demo population (if present). */
export function resolvePopulationDir(flag?: string, env: NodeJS.ProcessEnv = process.env): { dir: string; source: "flag" | "env" | "demo" } | null {
  if (flag) return { dir: resolve(flag), source: "flag" };
  if (env[POPULATION_ENV]) return { dir: resolve(env[POPULATION_ENV]!), source: "env" };
  const demo = resolve(PROJECT_ROOT, DEMO_POPULATION);
  return existsSync(join(demo, MANIFEST)) ? { dir: demo, source: "demo" } : null;
}

export const COMPARE_ENV = "SAT_RNN_COMPARE";

/** The other model of a comparison: --compare / SAT_RNN_COMPARE, or none. */
export function resolveCompareModel(flag?: string, env: NodeJS.ProcessEnv = process.env): string | null {
  if (flag) return resolve(flag);
  return env[COMPARE_ENV] ? resolve(env[COMPARE_ENV]!) : null;
}

/**
 * What the population and compare pages read besides the model and corpus, as a cache key: the
 * population folder's manifest and the compare model's bytes (cli/site.ts keys the loader cache to it).
 */
export function extraInputsKey(env: NodeJS.ProcessEnv = process.env): string {
  const pop = resolvePopulationDir(undefined, env);
  const other = resolveCompareModel(undefined, env);
  const hash = (p: string) => {
    try {
      return sha256(new Uint8Array(readFileSync(p)));
    } catch {
      return "missing";
    }
  };
  return JSON.stringify([pop ? [pop.dir, hash(join(pop.dir, MANIFEST))] : null, other ? [other, hash(other)] : null]);
}
