/**
 * Before Framework builds the site, the chapters every other loader reads (the loaders that
 * share their output: `emit(build, "<name>")` in src/data/<name>.json.ts) are computed in worker
 * processes, as many side by side as there are cores, with a progress line per chapter. Each
 * worker is the prebuilt loader itself (build/<name>.json.js, cli/build-js.mjs): it stores its
 * output in the build's shared folder (data-loaders/common.ts sharedJson), where Framework's run of
 * the same loader then finds it. Framework runs loaders one at a time and reports each only when
 * it ends; this uses both cores and says where the build is.
 *
 * Nothing here decides what is published: a chapter that fails here is simply recomputed (and
 * reported) by Framework's own run of its loader.
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { PROJECT_ROOT } from "../lib/io.ts";
import { Progress } from "./progress.ts";

const SRC_DATA = join(PROJECT_ROOT, "src/data");
const BUILD = join(PROJECT_ROOT, "build");

/** Shared chapters (name → loader file), the claims ledger last (it reads the others). */
export function sharedChapters(): { name: string; loader: string }[] {
  if (!existsSync(SRC_DATA)) return [];
  const out: { name: string; loader: string }[] = [];
  for (const f of readdirSync(SRC_DATA).filter((f) => f.endsWith(".json.ts")).sort()) {
    const m = /\bemit\(\s*\w+\s*,\s*"([\w-]+)"\s*\)/.exec(readFileSync(join(SRC_DATA, f), "utf8"));
    if (m) out.push({ name: m[1], loader: join(BUILD, f.replace(/\.ts$/, ".js")) });
  }
  // the ledger and anything else that reads chapters go last
  return [...out.filter((c) => c.name !== "claims"), ...out.filter((c) => c.name === "claims")];
}

function runLoader(loader: string, env: NodeJS.ProcessEnv): Promise<{ ok: boolean; seconds: number; error: string }> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [loader], { cwd: PROJECT_ROOT, env, stdio: ["ignore", "ignore", "pipe"] });
    let error = "";
    child.stderr.on("data", (d) => (error += d));
    const finish = (ok: boolean) => resolve({ ok, seconds: (performance.now() - t0) / 1000, error: error.trim().split("\n")[0] ?? "" });
    child.on("error", () => finish(false));
    child.on("close", (code) => finish(code === 0));
  });
}

/**
 * Computes the shared chapters with `env` (siteEnv: the inputs and the shared folder).
 * Resolves when all are done; failures are reported and left to Framework.
 */
export async function precomputeChapters(env: NodeJS.ProcessEnv, write = (s: string) => process.stderr.write(s)): Promise<void> {
  const chapters = sharedChapters().filter((c) => existsSync(c.loader));
  if (!chapters.length) return;
  const workers = Math.max(1, Math.min(availableParallelism(), 4));
  const progress = new Progress("sat-rnn build", chapters.map((c) => c.name), write, workers);
  write(`sat-rnn build: computing ${chapters.length} chapters, ${workers} at a time\n`);
  const queue = [...chapters];
  const running = new Set<string>();
  const claims = queue.findIndex((c) => c.name === "claims");
  const last = claims >= 0 ? queue.splice(claims, 1)[0] : null;
  const worker = async () => {
    for (let c = queue.shift(); c; c = queue.shift()) {
      running.add(c.name);
      progress.start(c.name, [...running]);
      const r = await runLoader(c.loader, env);
      running.delete(c.name);
      progress.done(c.name, r.seconds, r.ok, [...running]);
      if (!r.ok && r.error) write(`  ${r.error}\n`);
    }
  };
  await Promise.all(Array.from({ length: workers }, worker));
  if (last) {
    progress.start(last.name);
    const r = await runLoader(last.loader, env);
    progress.done(last.name, r.seconds, r.ok);
    if (!r.ok && r.error) write(`  ${r.error}\n`);
  }
  write(`sat-rnn build: chapters computed in ${progress.elapsed().toFixed(1)} s; rendering the pages (Framework) …\n`);
}
