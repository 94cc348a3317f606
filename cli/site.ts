/**
 * Building and previewing the site so that it never shows data computed from other inputs.
 *
 * Framework reuses cached loader output whatever the inputs (pitfalls §4), so before every build
 * the cache is keyed to a fingerprint of the inputs and of the code that computes from them; when
 * the key changes the cache is cleared. The build writes into a fresh folder and replaces `dist/`
 * only when it succeeded and every data file is present (never a half-written site).
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { SHARED_DIR_ENV } from "../data-loaders/common.ts";
import { loadRun, PROJECT_ROOT, type ResolvedInputs, type Run } from "../lib/io.ts";
import { extraInputsKey } from "../lib/population/load.ts";
import { seedPlotBundle } from "./plot-bundle.ts";

const CACHE_DIR = join(PROJECT_ROOT, "src/.observablehq/cache");
const KEY_FILE = join(CACHE_DIR, ".sat-rnn-key.json");
/** Loader outputs that other loaders read (data-loaders/common.ts sharedJson); cleared with the cache. */
const SHARED_DIR = join(CACHE_DIR, ".sat-rnn-shared");
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

/** Gets Framework's cache ready for a build or a preview: keyed to the inputs, Plot as one module. */
export async function prepareCache(run: Run): Promise<"kept" | "cleared"> {
  await seedPlotBundle(CACHE_DIR);
  return keyLoaderCache(run);
}

/** Environment for Framework and its loaders: the resolved inputs, and node_modules/.bin on PATH (for tsx). */
export function siteEnv(inputs: ResolvedInputs, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    SAT_RNN_MODEL: inputs.modelPath,
    SAT_RNN_CORPUS: inputs.corpusPath,
    SAT_RNN_BYTES: String(inputs.window),
    [SHARED_DIR_ENV]: SHARED_DIR,
    PATH: `${join(PROJECT_ROOT, "node_modules/.bin")}:${process.env.PATH ?? ""}`,
    ...extra,
  };
}

export function runFramework(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const bin = join(PROJECT_ROOT, "node_modules/@observablehq/framework/dist/bin/observable.js");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: PROJECT_ROOT, env, stdio: "inherit" });
    child.on("error", reject);
    child.on("close", (code) => resolve(code ?? 1));
  });
}

/** Loaders that failed during the build: Framework keeps their partial output as `<file>.<pid>.err`. */
function failedLoaders(): string[] {
  return listFiles(CACHE_DIR)
    .filter((f) => f.endsWith(".err"))
    .map((f) => relative(CACHE_DIR, f).replace(/\.\d+\.err$/, ""));
}

/**
 * Builds the site into `dist` (or `outDir`). Returns the exit code; on failure the previous
 * site is left untouched.
 */
export async function buildSite(inputs: ResolvedInputs, outDir = join(PROJECT_ROOT, "dist")): Promise<number> {
  const run = loadRun(inputs); // validates both inputs before anything is touched
  const cache = await prepareCache(run);
  process.stderr.write(`sat-rnn build: H=${run.fingerprint.H}, bpc ${run.fingerprint.bpc.toFixed(4)}, model ${run.fingerprint.modelFile} (loader cache ${cache})\n`);
  const temp = `${outDir}.tmp-${process.pid}`;
  rmSync(temp, { recursive: true, force: true });
  const code = await runFramework(["build"], siteEnv(inputs, { SAT_RNN_OUTPUT: temp }));
  // Framework logs a failed loader and carries on; a page would then show an error, so it fails the build here.
  const missing = failedLoaders();
  if (code !== 0 || missing.length) {
    rmSync(temp, { recursive: true, force: true });
    // A failed loader leaves an error marker; drop the key so the next build starts clean.
    rmSync(KEY_FILE, { force: true });
    process.stderr.write(`sat-rnn build: failed${missing.length ? ` (data loader failed: ${missing.join(", ")})` : ""}; the previous site was left as it was\n`);
    return code || 1;
  }
  const old = `${outDir}.old-${process.pid}`;
  if (existsSync(outDir) && statSync(outDir).isDirectory()) renameSync(outDir, old);
  renameSync(temp, outDir);
  rmSync(old, { recursive: true, force: true });
  process.stderr.write(`sat-rnn build: wrote ${relative(process.cwd(), outDir) || outDir}\n`);
  return 0;
}
