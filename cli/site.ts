/**
 * Building and previewing the site so that it never shows data computed from other inputs.
 *
 * Framework reuses cached loader output whatever the inputs (pitfalls §4), so before every build
 * the cache is keyed to a fingerprint of the inputs and of the code that computes from them; when
 * the key changes the cache is cleared. The build writes into a fresh folder and replaces `dist/`
 * only when it succeeded and every data file is present (never a half-written site).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { constants as osConstants } from "node:os";
import { basename, dirname, join, relative } from "node:path";
import { PRECOMPUTE_PID_ENV, PRECOMPUTED_ENV, REPORT_ARCHIVE } from "../data-loaders/common.ts";
import { loadRun, PROJECT_ROOT, type ResolvedInputs, type Run } from "../lib/io.ts";
import { checkOutputDir } from "../lib/train/output.ts";
import { extraInputsKey } from "../lib/population/load.ts";
import { trainReduxDirs } from "../data-loaders/openQuestions.ts";
import { writeNeuronPages } from "./neuron-pages.ts";
import { seedPlotBundle } from "./plot-bundle.ts";

const CACHE_DIR = join(PROJECT_ROOT, "src/.observablehq/cache");
const KEY_FILE = join(CACHE_DIR, ".sat-rnn-key.json");
/** Framework's bundles of node_modules inside the cache: independent of the inputs, kept. */
const BUNDLE_CACHES = ["_node", "_npm", "_jsr"];
/** The code that decides what the loaders emit: lib/, data-loaders/ and every loader under src/. */
function loaderCode(): string[] {
  const loaders = listFiles(join(PROJECT_ROOT, "src")).filter((f) => !f.includes(".observablehq") && f.endsWith(".ts"));
  return [...listFiles(join(PROJECT_ROOT, "lib")), ...listFiles(join(PROJECT_ROOT, "data-loaders")), ...loaders];
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)]))
    .sort();
}

/** sha256 over the inputs' hashes, the window and every source file that computes data. */
export function cacheKey(run: Run): string {
  const h = createHash("sha256");
  h.update(JSON.stringify([run.fingerprint.modelSha256, run.fingerprint.corpusSha256, run.fingerprint.corpusBytes]));
  h.update(extraInputsKey()); // the population (--population) and compare (--compare) inputs
  // train-redux results (open question 1), which the build shows when one matches the inputs
  for (const dir of trainReduxDirs()) for (const f of listFiles(dir).filter((x) => /train-redux[^/]*\.json$/.test(x))) h.update(readFileSync(f));
  for (const f of loaderCode()) {
    h.update(relative(PROJECT_ROOT, f));
    h.update(readFileSync(f));
  }
  return h.digest("hex");
}

/** Clears Framework's loader cache unless it was filled from exactly these inputs and this code. */
export function keyLoaderCache(run: Run): "kept" | "cleared" {
  const key = cacheKey(run);
  let previous: string | undefined;
  try {
    previous = JSON.parse(readFileSync(KEY_FILE, "utf8")).key;
  } catch {
    previous = undefined;
  }
  if (previous === key) return "kept";
  // Loader outputs go; the bundled node_modules (_node, _npm, _jsr) do not depend on the inputs.
  mkdirSync(CACHE_DIR, { recursive: true });
  for (const entry of readdirSync(CACHE_DIR)) {
    if (!BUNDLE_CACHES.includes(entry)) rmSync(join(CACHE_DIR, entry), { recursive: true, force: true });
  }
  writeFileSync(KEY_FILE, JSON.stringify({ key, fingerprint: run.fingerprint }, null, 2));
  return "cleared";
}

/**
 * The npm packages Framework 1.13.4's own client bundle (client.js, stdlib.js) names: building it,
 * Framework asks registry.npmjs.org for each one's latest version, only to write a URL that no page
 * of ours loads (every page imports from node_modules). It takes the version from the folders under
 * `_npm/` when there is one, so these are created up front (empty, as Framework leaves them): the
 * first build of a fresh clone makes no network request. The versions are the ones the registry gave.
 */
export const CLIENT_NPM_VERSIONS = [
  "@observablehq/plot@0.6.17",
  "@observablehq/sample-datasets@1.0.1",
  "apache-arrow@21.2.0",
  "arquero@8.0.3",
  "d3@7.9.2",
  "d3-dsv@3.0.2",
  "echarts@6.1.0",
  "htl@1.0.0",
  "leaflet@1.9.4",
  "lodash@4.18.1",
  "mapbox-gl@3.32.0",
  "parquet-wasm@0.8.0",
  "react@19.3.1",
  "react-dom@19.3.1",
  "topojson-client@3.1.0",
];

export function seedNpmVersions(cacheDir = CACHE_DIR): void {
  for (const spec of CLIENT_NPM_VERSIONS) mkdirSync(join(cacheDir, "_npm", spec), { recursive: true });
}

/** Gets Framework's cache ready for a build or a preview: keyed to the inputs, Plot as one module, no registry look-ups. */
export async function prepareCache(run: Run): Promise<"kept" | "cleared"> {
  await seedPlotBundle(CACHE_DIR);
  seedNpmVersions();
  return keyLoaderCache(run);
}

/** Environment for Framework and its loaders: the resolved inputs, and node_modules/.bin on PATH (for tsx). */
export function siteEnv(inputs: ResolvedInputs, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    SAT_RNN_MODEL: inputs.modelPath,
    SAT_RNN_CORPUS: inputs.corpusPath,
    SAT_RNN_BYTES: String(inputs.window),
    PATH: `${join(PROJECT_ROOT, "node_modules/.bin")}:${process.env.PATH ?? ""}`,
    ...extra,
  };
}

/**
 * Loaders whose outputs a build computes in processes of its own, beside Framework (which spends
 * its first seconds reading the pages, then renders them): the report archive (every data file of
 * the report, one process) and the two pages that analyse other models (robustness: a population;
 * compare: a second model). Those two read the model in hand's ledger from the archive when it is
 * ready, so nothing is computed twice; Framework's own runs of the loaders wait for these results
 * (data-loaders/common.ts precomputed).
 */
const PRECOMPUTED_LOADERS = [REPORT_ARCHIVE, "data/robustness.json", "data/compare.json"];

/**
 * Starts the loaders of PRECOMPUTED_LOADERS that exist, each writing `<dir>/<file>`; gives the
 * environment that tells Framework's runs of the same loaders to take those files. `stop` ends
 * any still running and removes the folder.
 */
function startPrecompute(inputs: ResolvedInputs): { env: Record<string, string>; stop(): void } | null {
  const dir = join(CACHE_DIR, `.precompute-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const children: ChildProcess[] = [];
  const pids: string[] = [];
  for (const path of PRECOMPUTED_LOADERS) {
    const loader = join(PROJECT_ROOT, "src", `${path}.ts`);
    if (!existsSync(loader)) continue;
    const file = join(dir, basename(path));
    const out = openSync(`${file}.tmp`, "w");
    // the archive's stderr is the build's progress (which stage, an estimate); any error message
    // of a loader is printed again by Framework's own run of it, so only the archive's is shown
    const archive = path === REPORT_ARCHIVE;
    // the archive with its helper thread: since Framework renders one neuron page (cli/neuron-pages.ts)
    // and keeps its globs (cli/framework-hooks.mjs), the report, not Framework, is a cold build's
    // critical path (cold sat-rnn builds 21–23 s on one thread, 19–21 s with the helper)
    const env = siteEnv(inputs, archive ? { SAT_RNN_PROGRESS: "1" } : { [PRECOMPUTED_ENV]: dir, [PRECOMPUTE_PID_ENV]: pids[0] ?? "" });
    const child = spawn(process.execPath, [join(PROJECT_ROOT, "cli/loader.mjs"), loader], { cwd: PROJECT_ROOT, env, stdio: ["ignore", out, archive ? "inherit" : "ignore"] });
    closeSync(out);
    child.on("close", (code) => {
      if (code === 0 && existsSync(`${file}.tmp`)) renameSync(`${file}.tmp`, file);
      else writeFileSync(`${file}.failed`, String(code)); // Framework's own run computes it (and reports any error)
    });
    child.on("error", () => writeFileSync(`${file}.failed`, "spawn"));
    children.push(child);
    pids.push(`${basename(path)}:${child.pid ?? ""}`);
  }
  if (!children.length) {
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
  return {
    env: { [PRECOMPUTED_ENV]: dir, [PRECOMPUTE_PID_ENV]: pids.join(",") },
    stop() {
      for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The Framework process of a run: its exit code, and its pid (which names its loaders' cache temporaries). */
export interface FrameworkRun {
  pid: number | undefined;
  done: Promise<number>;
  kill(signal: NodeJS.Signals): void;
}

export function startFramework(args: string[], env: NodeJS.ProcessEnv): FrameworkRun {
  const bin = join(PROJECT_ROOT, "node_modules/@observablehq/framework/dist/bin/observable.js");
  // a build keeps the answers of Framework's directory globs (cli/framework-hooks.mjs); a preview
  // must see pages added while it runs
  const hooks = args[0] === "build" ? ["--import", join(PROJECT_ROOT, "cli/framework-hooks.mjs")] : [];
  const child = spawn(process.execPath, [...hooks, bin, ...args], { cwd: PROJECT_ROOT, env, stdio: "inherit" });
  const done = new Promise<number>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => resolve(code ?? (signal ? 128 + (osConstants.signals[signal] ?? 1) : 1)));
  });
  return { pid: child.pid, done, kill: (signal) => child.kill(signal) };
}

export function runFramework(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return startFramework(args, env).done;
}

/** True when a process with this pid is running (on this machine). */
function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
  // A killed process whose parent died too stays a zombie where nothing reaps orphans (a container
  // whose init does not): it answers kill(pid, 0) but is gone.
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return true; // no /proc: trust kill(pid, 0)
  }
}

/**
 * Loader temporaries in the cache: Framework writes `<file>.<pid>` and renames it to `<file>` on
 * success or to `<file>.<pid>.err` on failure; sharedJson writes `<file>.json.<pid>`.
 */
const CACHE_TEMP = /\.(\d+)(\.err)?$/;

/** Loaders that failed in the Framework process `pid`: it keeps their partial output as `<file>.<pid>.err`. */
function failedLoaders(pid: number | undefined): string[] {
  return listFiles(CACHE_DIR)
    .filter((f) => f.endsWith(`.${pid}.err`))
    .map((f) => relative(CACHE_DIR, f).replace(/\.\d+\.err$/, ""));
}

/**
 * What an interrupted build (Ctrl-C, a killed terminal, kill -9) can leave behind, removed when its
 * process is gone: loader temporaries and error markers in the cache, and `<out>.tmp-<pid>` /
 * `<out>.old-<pid>` beside the output (an `.old` copy is put back if the output itself is missing:
 * a build stopped between its two renames). Returns the paths removed or restored.
 */
export function cleanStale(outDir: string): string[] {
  const done: string[] = [];
  for (const f of listFiles(CACHE_DIR)) {
    const m = CACHE_TEMP.exec(f);
    if (m && !BUNDLE_CACHES.some((b) => f.startsWith(join(CACHE_DIR, b) + "/")) && !alive(Number(m[1]))) {
      rmSync(f, { force: true });
      done.push(f);
    }
  }
  const parent = dirname(outDir);
  const name = basename(outDir);
  let siblings: string[] = [];
  try {
    siblings = readdirSync(parent);
  } catch {
    return done;
  }
  for (const entry of siblings) {
    const m = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\.(tmp|old)-(\\d+)$`).exec(entry);
    if (!m || alive(Number(m[2]))) continue;
    const p = join(parent, entry);
    if (m[1] === "old" && !existsSync(outDir)) renameSync(p, outDir);
    else rmSync(p, { recursive: true, force: true });
    done.push(p);
  }
  return done;
}

/**
 * Builds the site into `dist` (or `outDir`). Returns the exit code; on failure or interruption the
 * previous site is left untouched and the temporary folder is removed.
 */
export async function buildSite(inputs: ResolvedInputs, outDir = join(PROJECT_ROOT, "dist"), outOption = "--out"): Promise<number> {
  // The output location first (a build makes `<out>.tmp-<pid>` beside it), then both inputs: before anything is touched.
  checkOutputDir(outDir, "site", outOption, true);
  const run = loadRun(inputs);
  cleanStale(outDir);
  const cache = await prepareCache(run);
  process.stderr.write(`sat-rnn build: H=${run.fingerprint.H}, bpc ${run.fingerprint.bpc.toFixed(4)}, model ${run.fingerprint.modelFile} (loader cache ${cache})\n`);
  const temp = `${outDir}.tmp-${process.pid}`;
  rmSync(temp, { recursive: true, force: true });
  // The report's data (one archive loader, src/data.tar.ts) starts now, beside Framework, which
  // spends its first seconds reading the pages on the other core; its own run of the loader then
  // waits for this result instead of computing it again.
  const pre = cache === "cleared" || !existsSync(join(CACHE_DIR, "data.tar")) ? startPrecompute(inputs) : null;
  const framework = startFramework(["build"], siteEnv(inputs, { SAT_RNN_OUTPUT: temp, ...(pre?.env ?? {}) }));
  // Ctrl-C (or a terminal closing): stop Framework, then clean up as for a failed build.
  let interrupted: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) {
      rmSync(temp, { recursive: true, force: true });
      process.exit(130); // a second Ctrl-C: stop waiting
    }
    interrupted = signal;
    framework.kill("SIGTERM");
  };
  const signals: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];
  for (const sig of signals) process.on(sig, onSignal);
  let code: number;
  try {
    code = await framework.done;
  } finally {
    for (const sig of signals) process.off(sig, onSignal);
    pre?.stop();
  }
  // Framework logs a failed loader and carries on; a page would then show an error, so it fails the build here.
  const missing = failedLoaders(framework.pid);
  if (interrupted || code !== 0 || missing.length) {
    rmSync(temp, { recursive: true, force: true });
    // this build's error markers go (the next build re-runs those loaders); completed loader outputs stay
    for (const f of listFiles(CACHE_DIR)) if (f.endsWith(`.${framework.pid}.err`) || f.endsWith(`.${framework.pid}`)) rmSync(f, { force: true });
    if (interrupted) {
      process.stderr.write(`sat-rnn build: interrupted (${interrupted}); the previous site was left as it was\n`);
      return 130;
    }
    // A failed loader may reflect a broken state of the cache: drop the key so the next build starts clean.
    rmSync(KEY_FILE, { force: true });
    process.stderr.write(`sat-rnn build: failed${missing.length ? ` (data loader failed: ${missing.join(", ")})` : ""}; the previous site was left as it was\n`);
    return code || 1;
  }
  // Framework can leave a loader's temporary output (<file>.<pid>) behind when two pages ask for
  // files of one archive at once; none of this build's temporaries outlives it.
  for (const f of listFiles(CACHE_DIR)) if (f.endsWith(`.${framework.pid}`) || f.endsWith(`.${framework.pid}.err`)) rmSync(f, { force: true });
  try {
    const archive = join(CACHE_DIR, REPORT_ARCHIVE);
    if (existsSync(join(temp, "neurons/0.html"))) writeNeuronPages(temp, readFileSync(archive));
  } catch (e) {
    rmSync(temp, { recursive: true, force: true });
    process.stderr.write(`sat-rnn build: failed writing the neuron pages: ${(e as Error).message}; the previous site was left as it was\n`);
    return 1;
  }
  const old = `${outDir}.old-${process.pid}`;
  if (existsSync(outDir) && statSync(outDir).isDirectory()) renameSync(outDir, old);
  renameSync(temp, outDir);
  rmSync(old, { recursive: true, force: true });
  process.stderr.write(`sat-rnn build: wrote ${relative(process.cwd(), outDir) || outDir}\n`);
  return 0;
}
