/** Builds dist/ once from the default inputs before the site tests (they only read it). */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "../../lib/io.ts";

export default function setup(): void {
  if (process.env.SAT_RNN_SKIP_BUILD === "1") return; // reuse an existing dist/ while iterating
  const t0 = Date.now();
  // the compare page is built with data: the model in hand vs a model of the committed demo population
  const other = join(PROJECT_ROOT, "data/demo/population/s43-o0.bin");
  const compare = existsSync(other) && !process.env.SAT_RNN_COMPARE ? ["--compare", other] : [];
  // the robustness page is built with data whatever the inputs: the demo population given explicitly
  // (unasked, it is shown only for inputs on its own corpus)
  const pop = join(PROJECT_ROOT, "data/demo/population");
  if (existsSync(pop) && !process.env.SAT_RNN_POPULATION) compare.push("--population", pop);
  const r = spawnSync(process.execPath, [join(PROJECT_ROOT, "cli/sat-rnn.mjs"), "build", ...compare], { cwd: PROJECT_ROOT, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`site build failed:\n${r.stderr.slice(-4000)}`);
  console.log(`site build: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}
