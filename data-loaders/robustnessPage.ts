// Named *Page so that `sat-rnn analyze` does not run it for every analysis (it writes robustness.json only with --population).
/**
 * The robustness page's data: every claim judged across a population of models (the one given to
 * the build with --population / SAT_RNN_POPULATION, else the committed demo population), with the
 * model in hand marked. The model in hand's ledger is the build's own (read from its report archive).
 */
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { PROJECT_ROOT, resolveInputs, type Run } from "../lib/io.ts";
import { inHandAnalysis } from "../lib/population/ledger.ts";
import { MANIFEST } from "../lib/population/population.ts";
import { loadPopulation, populationRobustness, resolvePopulationDir } from "../lib/population/load.ts";

export default function robustness(run: Run) {
  const where = resolvePopulationDir();
  if (!where) return { available: false as const, reason: "none" as const };
  // The committed demo population describes the demo recipe on the demo corpus: it says nothing
  // about a model trained on other text, so it is shown only for inputs on that corpus (and the
  // build does not spend time analysing it otherwise).
  if (where.source === "demo") {
    const recipe = JSON.parse(readFileSync(join(where.dir, MANIFEST), "utf8")).recipe as { corpusSha256?: string };
    if (recipe.corpusSha256 !== run.fingerprint.corpusSha256) return { available: false as const, reason: "demo-other-corpus" as const };
  }
  const pop = loadPopulation(where.dir, [resolveInputs().corpusPath]); // the population's own corpus, found by sha256
  const rel = relative(PROJECT_ROOT, where.dir);
  const shown = rel && !rel.startsWith("..") ? rel : where.dir;
  const R = populationRobustness(pop, run.fingerprint.corpusBytes, { run, analysis: () => inHandAnalysis(run) }, (s) => process.stderr.write(s), shown);
  const member = pop.manifest.models.find((m) => m.sha256 === run.fingerprint.modelSha256)?.name ?? null;
  return { available: true as const, source: where.source, member, ...R };
}
