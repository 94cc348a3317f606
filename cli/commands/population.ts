/**
 * `sat-rnn population --corpus C --out DIR`: trains a population of models with one recipe (the
 * project's trainer, lib/train.ts), in parallel child processes (one per core by default), and
 * records them in DIR/population.json. Resumable: a model whose file is in the manifest with the
 * same sha256 is skipped; every model file and the manifest are written atomically, so Ctrl-C at
 * any moment leaves a population that the next run completes.
 */
import { type ChildProcess, fork } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { corpusWindow } from "../../lib/corpus.ts";
import { PROJECT_ROOT, readInputFile, sha256 } from "../../lib/io.ts";
import { InputError } from "../../lib/model.ts";
import {
  type InitSeedMode,
  MANIFEST,
  MANIFEST_FORMAT,
  type PlannedModel,
  type PopulationManifest,
  type PopulationModel,
  planPopulation,
  type Recipe,
  recipeMismatch,
  validateManifest,
} from "../../lib/population/population.ts";
import type { TrainJob } from "../../lib/population/worker.ts";
import { DEFAULT_BPTT, type Optimizer } from "../../lib/train.ts";
import { checkWritable, writeFileAtomic } from "../../lib/train/output.ts";
import type { Command } from "../command.ts";

// the project root, not this file: the CLI runs as a bundle in build/ (cli/build-js.mjs)
const WORKER = join(PROJECT_ROOT, "lib/population/worker.ts");

function intOption(v: unknown, name: string, def: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (v === undefined) return def;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new InputError(`--${name} ${v}: expected a whole number from ${min} to ${max}`);
  return n;
}

function duration(s: number): string {
  if (!Number.isFinite(s) || s < 0) return "?";
  s = Math.round(s);
  const m = Math.floor(s / 60);
  return m ? `${m}m ${String(s % 60).padStart(2, "0")}s` : `${s}s`;
}

export interface PopulationOptions {
  corpus: string;
  out: string;
  count: number;
  hidden: number;
  epochs: number;
  optimizer: Optimizer;
  lr?: number;
  bptt: number;
  initSeedMode: InitSeedMode;
  baseSeed: number;
  orders: number;
  bytes?: number;
  jobs: number;
  /** Progress lines (stderr); a TTY gets one redrawn status line. */
  quiet?: boolean;
}

export interface PopulationResult {
  manifest: PopulationManifest;
  trained: string[];
  skipped: string[];
  interrupted: boolean;
}

function readManifest(path: string): PopulationManifest | null {
  if (!existsSync(path)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new InputError(`${path}: cannot read the population manifest (${(e as Error).message})`);
  }
  try {
    return validateManifest(parsed, path);
  } catch (e) {
    throw new InputError((e as Error).message);
  }
}

/** Whether a planned model is already in the manifest with its file intact. */
function finished(m: PlannedModel, manifest: PopulationManifest | null, dir: string): PopulationModel | null {
  const e = manifest?.models.find((x) => x.name === m.name);
  if (!e) return null;
  const path = join(dir, e.file);
  if (!existsSync(path)) return null;
  return sha256(new Uint8Array(readFileSync(path))) === e.sha256 ? e : null;
}

/** Trains (or completes) a population. Throws InputError on bad input, before any training. */
export async function trainPopulation(o: PopulationOptions): Promise<PopulationResult> {
  const corpusPath = resolve(o.corpus);
  const raw = readInputFile(corpusPath, "corpus");
  const { data } = corpusWindow(raw, o.bytes ?? Math.max(raw.length, 2), corpusPath);
  const dir = resolve(o.out);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(`--out ${o.out}: ${code === "EEXIST" || code === "ENOTDIR" ? "is a file, expected a folder" : `cannot create the folder (${code ?? (e as Error).message})`}`);
  }
  const manifestPath = join(dir, MANIFEST);
  checkWritable(manifestPath, "population manifest");
  const recipe: Recipe = {
    corpus: o.corpus,
    corpusSha256: sha256(data),
    bytes: data.length,
    hidden: o.hidden,
    epochs: o.epochs,
    optimizer: o.optimizer,
    lr: o.lr ?? (o.optimizer === "adam" ? 0.002 : 0.01),
    bptt: o.bptt,
    initSeedMode: o.initSeedMode,
    baseSeed: o.baseSeed,
    orders: o.orders,
  };
  const existing = readManifest(manifestPath);
  if (existing) {
    const why = recipeMismatch(existing.recipe, recipe);
    if (why) throw new InputError(`${manifestPath}: holds a population of another recipe (${why}); use another --out folder`);
  }
  const plan = planPopulation(recipe, o.count);
  const done = new Map<string, PopulationModel>();
  // models already there (including any beyond this run's count) stay in the manifest
  for (const e of existing?.models ?? []) if (finished(e, existing, dir)) done.set(e.name, e);
  const skipped = plan.filter((m) => done.has(m.name)).map((m) => m.name);
  const todo = plan.filter((m) => !done.has(m.name));
  const order = (names: string[]) => {
    const known = [...plan.map((m) => m.name), ...[...done.keys()].filter((n) => !plan.some((m) => m.name === n))];
    return known.filter((n) => names.includes(n));
  };
  const writeManifest = () => {
    const models = order([...done.keys()]).map((n) => done.get(n)!);
    const manifest: PopulationManifest = { format: MANIFEST_FORMAT, recipe, seeds: models.map((m) => m.seed), models };
    writeFileAtomic(manifestPath, new TextEncoder().encode(JSON.stringify(manifest, null, 2) + "\n"), "population manifest");
    return manifest;
  };

  const log = (s: string) => {
    if (!o.quiet) process.stderr.write(s);
  };
  const tty = Boolean(process.stderr.isTTY) && !o.quiet;
  log(
    `sat-rnn population: ${plan.length} models (H ${recipe.hidden}, ${recipe.epochs} epochs, ${recipe.optimizer}, lr ${recipe.lr}, BPTT ${recipe.bptt}, ` +
      `init seeds ${recipe.initSeedMode}) on ${data.length} bytes of ${o.corpus}; ${skipped.length} already done, ${todo.length} to train on ${Math.min(o.jobs, todo.length)} processes\n`,
  );
  const trained: string[] = [];
  let interrupted = false;
  if (todo.length === 0) return { manifest: writeManifest(), trained, skipped, interrupted };

  const t0 = performance.now();
  const epochsOf = new Map<string, number>(); // epochs done per running model
  const totalEpochs = plan.length * recipe.epochs;
  let barShown = false;
  const clearBar = () => {
    if (barShown) process.stderr.write("\r\x1b[K");
    barShown = false;
  };
  const overall = () => {
    const doneEpochs = (done.size - skipped.length) * recipe.epochs + [...epochsOf.values()].reduce((a, b) => a + b, 0);
    const remaining = todo.length * recipe.epochs - doneEpochs;
    const elapsed = (performance.now() - t0) / 1000;
    const eta = doneEpochs > 0 ? (elapsed / doneEpochs) * remaining : NaN;
    return { pct: (100 * (skipped.length * recipe.epochs + doneEpochs)) / totalEpochs, eta };
  };
  let lastDraw = 0;
  const draw = (force = false) => {
    if (!tty) return;
    const now = performance.now();
    if (!force && now - lastDraw < 100) return;
    lastDraw = now;
    const { pct, eta } = overall();
    const running = [...epochsOf.entries()].map(([n, e]) => `${n} ${e}/${recipe.epochs}`).join("  ");
    process.stderr.write(`\r\x1b[K[${done.size}/${plan.length} models, ${pct.toFixed(0)} %, ETA ${duration(eta)}]  ${running}`);
    barShown = true;
  };
  const lastLine = new Map<string, number>();

  const workers: ChildProcess[] = [];
  const queue = [...todo];
  let failure: string | null = null;
  const onSigint = () => {
    interrupted = true;
    for (const w of workers) w.kill("SIGINT");
  };
  process.on("SIGINT", onSigint);
  try {
    await Promise.all(
      Array.from({ length: Math.min(o.jobs, todo.length) }, () =>
        new Promise<void>((resolveWorker) => {
          const w = fork(WORKER, [], {
            execArgv: ["--import", import.meta.resolve("tsx")],
            env: { ...process.env, SAT_RNN_POPULATION_WORKER: "1" },
            stdio: ["ignore", "inherit", "inherit", "ipc"],
          });
          workers.push(w);
          const next = () => {
            const m = interrupted || failure ? undefined : queue.shift();
            if (!m) {
              w.send({ type: "exit" });
              return;
            }
            epochsOf.set(m.name, 0);
            const job: TrainJob = { model: m, recipe, corpusPath, out: join(dir, `${m.name}.bin`), file: `${m.name}.bin` };
            w.send({ type: "train", job });
          };
          w.on("message", (msg: { type: string; name?: string; epoch?: number; bpc?: number; result?: PopulationModel; message?: string }) => {
            if (msg.type === "ready") next();
            else if (msg.type === "progress") {
              epochsOf.set(msg.name!, msg.epoch!);
              draw();
              if (!tty && !o.quiet) {
                const quarter = Math.floor((4 * msg.epoch!) / recipe.epochs);
                if (quarter > (lastLine.get(msg.name!) ?? 0) && msg.epoch! < recipe.epochs) {
                  lastLine.set(msg.name!, quarter);
                  const { pct, eta } = overall();
                  log(`  ${msg.name}: epoch ${msg.epoch}/${recipe.epochs}, train ${msg.bpc!.toFixed(4)} bpc  (overall ${pct.toFixed(0)} %, ETA ${duration(eta)})\n`);
                }
              }
            } else if (msg.type === "done") {
              const r = msg.result!;
              epochsOf.delete(r.name);
              done.set(r.name, r);
              trained.push(r.name);
              writeManifest();
              clearBar();
              log(`  ${r.name}: done, ${r.bpc.toFixed(4)} bpc (best epoch ${r.bestEpoch}, ${r.seconds.toFixed(1)} s) [${done.size}/${plan.length}]\n`);
              draw(true);
              next();
            } else if (msg.type === "error") {
              failure = `${msg.name}: ${msg.message}`;
              w.send({ type: "exit" });
            }
          });
          w.on("exit", () => resolveWorker());
          w.on("error", (e) => {
            failure = e.message;
            resolveWorker();
          });
        }),
      ),
    );
  } finally {
    process.off("SIGINT", onSigint);
    clearBar();
  }
  const manifest = writeManifest();
  if (failure) throw new Error(`population: training failed (${failure})`);
  if (!interrupted && done.size < plan.length) interrupted = true; // a worker died
  return { manifest, trained, skipped, interrupted };
}

const command: Command = {
  summary: "train a population of models with one recipe (both cores; resumable) for the robustness page",
  usage:
    "sat-rnn population --corpus C --out DIR [--seeds N] [--hidden H] [--epochs E] [--optimizer sgd|adam] [--bptt K] [--init-seed-mode fixed|varied] [--orders K]",
  options: {
    corpus: { type: "string", placeholder: "C", description: "training bytes (any file of ≥ 2 bytes)" },
    out: { type: "string", placeholder: "DIR", description: "folder for <name>.bin and population.json (created; an existing population of the same recipe is resumed)" },
    seeds: { type: "string", placeholder: "N", description: "number of initialisation seeds (varied) or of data orders (fixed) (default 6)" },
    hidden: { type: "string", placeholder: "H", description: "hidden size (default 32; the sat-rnn recipe is --hidden 128 --epochs 4000)" },
    epochs: { type: "string", placeholder: "E", description: "epochs of the cosine schedule (default 1000)" },
    optimizer: { type: "string", placeholder: "sgd|adam", description: "sgd: the reference recipe; adam: β1 0.9, β2 0.999, ε 1e-8 (default adam)" },
    lr: { type: "string", placeholder: "LR", description: "peak learning rate (default 0.01 for sgd, 0.002 for adam)" },
    bptt: { type: "string", placeholder: "K", description: `truncated-BPTT length in predictions (default ${DEFAULT_BPTT})` },
    "init-seed-mode": { type: "string", placeholder: "fixed|varied", description: "varied: seeds S, S+1, …; fixed: every model seed S, each with another data order (default varied)" },
    seed: { type: "string", placeholder: "S", description: "first (or the fixed) initialisation seed (default 42, the reference)" },
    orders: { type: "string", placeholder: "K", description: "varied mode: train every seed with K data orders (corpus rotations), N×K models (default 1)" },
    bytes: { type: "string", placeholder: "N", description: "train on the first N bytes only (default: the whole file)" },
    jobs: { type: "string", placeholder: "J", description: "parallel training processes (default: the number of cores)" },
    quiet: { type: "boolean", description: "no progress output" },
  },
  async run({ values }) {
    if (!values.corpus) throw new InputError("--corpus C is required (the bytes to train on)");
    if (!values.out) throw new InputError("--out DIR is required (the folder for the population)");
    const optimizer = (values.optimizer ?? "adam") as Optimizer;
    if (optimizer !== "sgd" && optimizer !== "adam") throw new InputError(`--optimizer ${values.optimizer}: expected sgd or adam`);
    const mode = (values["init-seed-mode"] ?? "varied") as InitSeedMode;
    if (mode !== "fixed" && mode !== "varied") throw new InputError(`--init-seed-mode ${values["init-seed-mode"]}: expected fixed or varied`);
    let lr: number | undefined;
    if (values.lr !== undefined) {
      lr = Number(values.lr);
      if (!(lr > 0) || !Number.isFinite(lr)) throw new InputError(`--lr ${values.lr}: expected a positive number`);
    }
    const orders = intOption(values.orders, "orders", 1, 1, 1000);
    if (mode === "fixed" && values.orders !== undefined) throw new InputError("--orders: only with --init-seed-mode varied (fixed mode varies the data order already)");
    const res = await trainPopulation({
      corpus: values.corpus as string,
      out: values.out as string,
      count: intOption(values.seeds, "seeds", 6, 1, 10000),
      hidden: intOption(values.hidden, "hidden", 32, 1, 4096),
      epochs: intOption(values.epochs, "epochs", 1000, 1),
      optimizer,
      lr,
      bptt: intOption(values.bptt, "bptt", DEFAULT_BPTT, 1, 100000),
      initSeedMode: mode,
      baseSeed: intOption(values.seed, "seed", 42, 0, 2 ** 32 - 1),
      orders,
      bytes: values.bytes === undefined ? undefined : intOption(values.bytes, "bytes", 0, 2),
      jobs: intOption(values.jobs, "jobs", Math.max(1, availableParallelism()), 1, 256),
      quiet: Boolean(values.quiet),
    });
    const m = res.manifest;
    const bpcs = m.models.map((x) => x.bpc);
    process.stdout.write(
      `${res.interrupted ? "interrupted: " : ""}${m.models.length} models in ${resolve(values.out as string)} (${res.trained.length} trained, ${res.skipped.length} already there)` +
        (bpcs.length ? `; bpc ${Math.min(...bpcs).toFixed(4)}–${Math.max(...bpcs).toFixed(4)}` : "") +
        `${res.interrupted ? "; run the same command again to finish" : ""}\n`,
    );
    return res.interrupted ? 130 : 0;
  },
};
export default command;
